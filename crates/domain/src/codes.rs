//! Codes that identify countries and missions. A code that exists as a value has the right shape;
//! whether it names a known country or mission is the reference data's business.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("`{0}` is not an ISO 3166-1 alpha-3 code (three letters)")]
    Country(String),
    #[error("`{0}` is not a mission acronym (letters, digits and spaces, up to 16)")]
    Mission(String),
}

/// ISO 3166-1 alpha-3 code, upper case: the key of every country in unpol. Stored inline (and
/// `Copy`), because figures are keyed by it in hot loops.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 3]);

impl CountryCode {
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let trimmed = code.trim();
        match trimmed.as_bytes() {
            &[a, b, c] if [a, b, c].iter().all(u8::is_ascii_alphabetic) => {
                Ok(Self([a, b, c].map(|x| x.to_ascii_uppercase())))
            }
            _ => Err(CodeError::Country(trimmed.to_string())),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("validated as ASCII letters")
    }
}

/// A mission's acronym as the UN writes it (`UNMISS`, `UNAVEM II`), upper case, up to
/// [`MissionCode::MAX_LEN`] bytes, stored inline and `Copy` like [`CountryCode`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MissionCode {
    bytes: [u8; MissionCode::MAX_LEN],
    len: u8,
}

impl MissionCode {
    pub const MAX_LEN: usize = 16;

    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let code = code.trim();
        let shaped = (2..=Self::MAX_LEN).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
            && code.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
        if !shaped {
            return Err(CodeError::Mission(code.to_string()));
        }
        let mut bytes = [0; Self::MAX_LEN];
        for (slot, b) in bytes.iter_mut().zip(code.bytes()) {
            *slot = b.to_ascii_uppercase();
        }
        Ok(Self {
            bytes,
            len: code.len() as u8,
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..usize::from(self.len)]).expect("validated as ASCII")
    }
}

macro_rules! string_code_impls {
    ($ty:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($ty), self.as_str())
            }
        }
        impl TryFrom<String> for $ty {
            type Error = CodeError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$ty> for String {
            fn from(value: $ty) -> Self {
                value.as_str().to_string()
            }
        }
    };
}

string_code_impls!(CountryCode);
string_code_impls!(MissionCode);

impl schemars::JsonSchema for CountryCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CountryCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[A-Z]{3}$"})
    }
}

impl schemars::JsonSchema for MissionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "MissionCode".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"type": "string", "pattern": "^[A-Z][A-Z0-9 ]{1,15}$"})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_three_letters_upper_cased() {
        assert_eq!(
            CountryCode::parse("sen").map(|c| c.to_string()),
            Ok("SEN".into())
        );
        assert!(CountryCode::parse("SN").is_err());
        assert!(CountryCode::parse("S3N").is_err());
    }

    #[test]
    fn mission_codes_keep_roman_numerals() {
        assert_eq!(
            MissionCode::parse("UNAVEM II").map(|c| c.to_string()),
            Ok("UNAVEM II".into())
        );
        assert!(MissionCode::parse("UN-MISS").is_err());
        assert!(MissionCode::parse("").is_err());
        assert!(
            MissionCode::parse("ABCDEFGHIJKLMNOPQ").is_err(),
            "17 letters"
        );
        assert_eq!(
            MissionCode::parse("abcdefghijklmnop").map(|c| c.to_string()),
            Ok("ABCDEFGHIJKLMNOP".into())
        );
    }
}
