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

/// ISO 3166-1 alpha-3 code, upper case: the key of every country in unpol.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

impl CountryCode {
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let code = code.trim();
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(CodeError::Country(code.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A mission's acronym as the UN writes it (`UNMISS`, `UNAVEM II`), upper case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MissionCode(String);

impl MissionCode {
    pub fn parse(code: &str) -> Result<Self, CodeError> {
        let code = code.trim();
        let shaped = (2..=16).contains(&code.len())
            && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ')
            && code.bytes().next().is_some_and(|b| b.is_ascii_alphabetic());
        if shaped {
            Ok(Self(code.to_ascii_uppercase()))
        } else {
            Err(CodeError::Mission(code.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_code_impls {
    ($ty:ident) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
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
                value.0
            }
        }
    };
}

string_code_impls!(CountryCode);
string_code_impls!(MissionCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_are_three_letters_upper_cased() {
        assert_eq!(CountryCode::parse("sen").map(|c| c.to_string()), Ok("SEN".into()));
        assert!(CountryCode::parse("SN").is_err());
        assert!(CountryCode::parse("S3N").is_err());
    }

    #[test]
    fn mission_codes_keep_roman_numerals() {
        assert_eq!(MissionCode::parse("UNAVEM II").map(|c| c.to_string()), Ok("UNAVEM II".into()));
        assert!(MissionCode::parse("UN-MISS").is_err());
        assert!(MissionCode::parse("").is_err());
    }
}
