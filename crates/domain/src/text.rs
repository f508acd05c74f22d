//! What a text field may hold: a length that fits a form and a report, and no control characters.
//!
//! A NUL byte is refused by PostgreSQL (and truncates strings in C tools), line breaks and other
//! control characters break CSV rows and log lines, and a 20 MB name is a denial of service on
//! every page that lists it. Every text a caller sends is checked here before storage sees it.

/// The longest name, title or designation unpol keeps (in characters).
pub const NAME_MAX: usize = 120;
/// The longest identifier a contributing country or a mission gives a record.
pub const ID_MAX: usize = 64;
/// The longest free text (a location, a note).
pub const TEXT_MAX: usize = 500;
/// The longest search term.
pub const SEARCH_MAX: usize = 120;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TextProblem {
    #[error("is longer than {max} characters")]
    TooLong { max: usize },
    #[error("holds a control character")]
    ControlCharacter,
}

impl TextProblem {
    /// The refusal of `field`'s value as a message.
    pub fn message(&self, field: &str) -> crate::message::Message {
        match self {
            TextProblem::TooLong { max } => {
                crate::message!("text-too-long", field = field, max = max)
            }
            TextProblem::ControlCharacter => crate::message!("text-control", field = field),
        }
    }
}

/// Checks one value against a maximum length in characters and for control characters.
pub fn check(value: &str, max: usize) -> Result<(), TextProblem> {
    if value.chars().any(char::is_control) {
        return Err(TextProblem::ControlCharacter);
    }
    if value.chars().count() > max {
        return Err(TextProblem::TooLong { max });
    }
    Ok(())
}

/// The first characters that make a spreadsheet evaluate a cell (OWASP's CSV-injection list).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell for a CSV file that a spreadsheet will show and not evaluate: a value starting
/// with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading apostrophe (OWASP's rule).
/// Only text goes through here: counts and shares are written as numbers by their writers.
pub fn spreadsheet_safe(value: &str) -> std::borrow::Cow<'_, str> {
    if value.starts_with(FORMULA_STARTS) {
        format!("'{value}").into()
    } else {
        value.into()
    }
}

/// The value [`spreadsheet_safe`] protected, as it was: what an import of an export reads.
pub fn from_spreadsheet(value: &str) -> &str {
    match value.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_and_read_back() {
        for formula in [
            "=1+1",
            "+1",
            "-1+1",
            "-12.5",
            "@SUM(1)",
            "\tname",
            "\r=1",
            "=HYPERLINK(\"x\")",
        ] {
            let safe = spreadsheet_safe(formula);
            assert_eq!(safe, format!("'{formula}"));
            assert_eq!(from_spreadsheet(&safe), formula);
        }
        for plain in ["12.5", "Ndiaye", "O'Neil", "'quoted", ""] {
            assert_eq!(spreadsheet_safe(plain), plain);
            assert_eq!(from_spreadsheet(plain), plain);
        }
    }

    #[test]
    fn control_characters_and_long_values_are_refused() {
        assert_eq!(check("Aïssatou Ndiaye", NAME_MAX), Ok(()));
        assert_eq!(check("a\0b", NAME_MAX), Err(TextProblem::ControlCharacter));
        assert_eq!(
            check("\tname", NAME_MAX),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(
            check("a\r\nb", NAME_MAX),
            Err(TextProblem::ControlCharacter)
        );
        assert_eq!(check(&"é".repeat(120), NAME_MAX), Ok(()));
        assert_eq!(
            check(&"é".repeat(121), NAME_MAX),
            Err(TextProblem::TooLong { max: NAME_MAX })
        );
    }
}
