//! The checks every use case applies to typed values, with the refusals each interface says in
//! its user's language.

use unpol_domain::message;
use unpol_domain::text;
use unpol_domain::vocabulary::Term;

use crate::roster::WriteError;

/// A free text within its length, trimmed; refused with the field's name otherwise.
pub(crate) fn text(field: &str, value: &str, max: usize) -> Result<String, WriteError> {
    text::check(value, max).map_err(|problem| WriteError::refused(problem.message(field)))?;
    Ok(value.trim().to_string())
}

/// The codes of a vocabulary, in its order.
pub(crate) fn codes(terms: &[Term]) -> Vec<&'static str> {
    terms.iter().map(|t| t.code).collect()
}

/// A value outside its list, refused with the known codes.
pub(crate) fn unknown(field: &str, value: &str, known: &[&str]) -> WriteError {
    WriteError::refused(message!(
        "value-unknown",
        field = field,
        value = value,
        known = known.join(", ")
    ))
}
