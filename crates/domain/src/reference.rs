//! Reference data as the domain sees it: which names mean which country, which acronyms are
//! missions. Loading it is storage's job; resolving against it is a pure lookup here.

use std::collections::HashMap;

use serde::Serialize;

use crate::{CountryCode, MissionCode};

/// A country of ISO 3166-1 with its UN M49 code and region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Country {
    pub iso3: CountryCode,
    pub iso2: String,
    pub m49: String,
    pub name_en: String,
    pub name_fr: String,
    pub region_m49: Option<String>,
    pub region: Option<String>,
    pub subregion: Option<String>,
}

/// A UN peace operation (peacekeeping operation, special political mission or support office).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mission {
    pub acronym: MissionCode,
    pub name_en: String,
    pub name_fr: String,
    pub host: CountryCode,
    pub kind: String,
    pub start_year: i32,
    pub start_month: Option<u32>,
    pub end_year: Option<i32>,
}

/// Lookup tables for names as printed in reports. Resolution is exact after
/// [`normalize_name`]: a name that is not in the table resolves to nothing, never to a guess.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    countries: HashMap<String, CountryCode>,
    country_codes: HashMap<CountryCode, ()>,
    missions: HashMap<String, MissionCode>,
}

impl Resolver {
    /// Builds the tables from `(alias, code)` pairs. The codes themselves are accepted too.
    pub fn new(
        country_aliases: impl IntoIterator<Item = (String, CountryCode)>,
        mission_aliases: impl IntoIterator<Item = (String, MissionCode)>,
    ) -> Self {
        let mut resolver = Self::default();
        for (alias, code) in country_aliases {
            resolver.country_codes.insert(code, ());
            resolver.countries.insert(normalize_name(&alias), code);
        }
        for (alias, code) in mission_aliases {
            resolver
                .missions
                .insert(normalize_name(code.as_str()), code);
            resolver.missions.insert(normalize_name(&alias), code);
        }
        resolver
    }

    pub fn country_by_name(&self, name: &str) -> Option<&CountryCode> {
        with_normalized(name, |key| self.countries.get(key))
    }

    /// A country typed by a person: a known ISO 3166 alpha-3 code, or a name in the alias table.
    pub fn country(&self, code_or_name: &str) -> Option<CountryCode> {
        CountryCode::parse(code_or_name)
            .ok()
            .filter(|code| self.is_known_country(code))
            .or_else(|| self.country_by_name(code_or_name).copied())
    }

    pub fn is_known_country(&self, code: &CountryCode) -> bool {
        self.country_codes.contains_key(code)
    }

    pub fn mission(&self, acronym: &str) -> Option<&MissionCode> {
        with_normalized(acronym, |key| self.missions.get(key))
    }
}

/// `look_up(normalize_name(name))` without allocating: an import resolves two names per row,
/// so the normalised form is written into one buffer per thread.
fn with_normalized<T>(name: &str, look_up: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static BUFFER: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUFFER.with(|buffer| match buffer.try_borrow_mut() {
        Ok(mut buffer) => {
            buffer.clear();
            normalize_into(name, &mut buffer);
            look_up(&buffer)
        }
        // Only if `look_up` itself resolves a name: fall back to a fresh string.
        Err(_) => look_up(&normalize_name(name)),
    })
}

/// Case, runs of white space and the typographic apostrophe are not differences of name.
/// Accents are: "Cote d Ivoire" resolves because the alias table lists that spelling.
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    normalize_into(name, &mut out);
    out
}

fn normalize_into(name: &str, out: &mut String) {
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for ch in word.chars() {
            match ch {
                '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
                ch if ch.is_ascii() => out.push(ch.to_ascii_lowercase()),
                ch => out.extend(ch.to_lowercase()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> CountryCode {
        CountryCode::parse(s).expect("valid code")
    }

    #[test]
    fn resolves_exact_names_only() {
        let resolver = Resolver::new(
            [
                ("Côte d'Ivoire".to_string(), code("CIV")),
                ("Cote d Ivoire".into(), code("CIV")),
            ],
            [(
                "ONUCI".to_string(),
                MissionCode::parse("UNOCI").expect("valid"),
            )],
        );
        assert_eq!(
            resolver.country_by_name("  côte d’ivoire "),
            Some(&code("CIV"))
        );
        assert_eq!(
            resolver.country_by_name("COTE D IVOIRE"),
            Some(&code("CIV"))
        );
        assert_eq!(resolver.country_by_name("Ivory Coast"), None);
        assert_eq!(resolver.mission("onuci").map(|m| m.as_str()), Some("UNOCI"));
        assert_eq!(resolver.mission("UNOCI").map(|m| m.as_str()), Some("UNOCI"));
        assert!(resolver.is_known_country(&code("CIV")));
        assert_eq!(resolver.country("civ"), Some(code("CIV")), "by code");
        assert_eq!(
            resolver.country("Cote d Ivoire"),
            Some(code("CIV")),
            "by name"
        );
        assert_eq!(
            resolver.country("XXX"),
            None,
            "an unknown code is no country"
        );
    }
}
