//! English and French for every string of the pages.
//!
//! The strings live in Fluent files (`locales/{en,fr}/unpol.ftl`) that a translator edits without
//! touching code; they are compiled into the binary, so a deployment cannot lose them. A key
//! missing from one language is a test failure ([`missing_keys`]), not a blank on a page.
//! Numbers and percentages follow each language's conventions (CLDR): `11,045` and `10.5%` in
//! English, `11 045` and `10,5 %` in French, with narrow no-break spaces.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use num_format::{Locale, ToFormattedString};
use unic_langid::LanguageIdentifier;
use unpol_domain::Month;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Fr,
}

/// The cookie that remembers a user's choice over the browser's `Accept-Language`.
pub const LANG_COOKIE: &str = "unpol_lang";

const SOURCES: [(Lang, &str); 2] = [
    (Lang::En, include_str!("../locales/en/unpol.ftl")),
    (Lang::Fr, include_str!("../locales/fr/unpol.ftl")),
];

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The other language, for the switch on every page.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    /// The user's choice (the cookie) if any, else the first of the browser's languages that unpol
    /// speaks, else English.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        if let Some(lang) = cookie.and_then(Lang::from_code) {
            return lang;
        }
        accept_language
            .map(accept_language::parse)
            .unwrap_or_default()
            .iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next().unwrap_or_default();
                Lang::from_code(&primary.to_ascii_lowercase())
            })
            .unwrap_or(Lang::En)
    }

    fn bundle(self) -> &'static FluentBundle<FluentResource> {
        static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
        let bundles = BUNDLES.get_or_init(|| Lang::ALL.map(build_bundle));
        &bundles[self as usize]
    }

    /// The string for `key`. A missing key shows as the key itself (and fails the tests).
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The string for `key` with its variables.
    pub fn t_with(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = self.bundle();
        let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
            tracing::warn!(key, lang = self.code(), "missing translation");
            return key.to_string();
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, lang = self.code(), ?errors, "translation error");
        }
        text.into_owned()
    }

    /// A count with the language's digit grouping.
    pub fn number(self, n: u64) -> String {
        n.to_formatted_string(self.locale())
    }

    /// A share (0.105) as a percentage with one decimal: `10.5%`, `10,5 %`.
    pub fn percent(self, share: f64) -> String {
        let digits = format!("{:.1}", share * 100.0);
        match self {
            Lang::En => format!("{digits}%"),
            Lang::Fr => format!("{}\u{202f}%", digits.replace('.', ",")),
        }
    }

    /// A measured value with at most two decimals: `1,234.5`, `1 234,5`.
    pub fn decimal(self, value: f64) -> String {
        let rounded = (value * 100.0).round() / 100.0;
        let whole = rounded.trunc();
        // Whole parts of indicator values stay far below 2^53.
        #[allow(clippy::cast_possible_truncation)]
        let digits = self.number(whole.abs() as u64);
        let sign = if rounded < 0.0 { "-" } else { "" };
        let fraction = format!("{:.2}", (rounded - whole).abs());
        let fraction = fraction.trim_start_matches('0').trim_end_matches('0');
        let fraction = fraction.trim_end_matches('.');
        let comma = if self == Lang::Fr {
            fraction.replace('.', ",")
        } else {
            fraction.to_string()
        };
        format!("{sign}{digits}{comma}")
    }

    /// An optional share, with a dash for none.
    pub fn percent_or_dash(self, share: Option<f64>) -> String {
        share.map_or_else(|| "–".into(), |s| self.percent(s))
    }

    /// `January 2018`, `janvier 2018`.
    pub fn month(self, month: Month) -> String {
        let name = self.t(&format!("month-{}", month.month()));
        format!("{name} {}", month.year())
    }

    fn locale(self) -> &'static Locale {
        match self {
            Lang::En => &Locale::en,
            Lang::Fr => &Locale::fr,
        }
    }
}

fn build_bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.code().parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks around variables help right-to-left scripts; English and French do
    // not need them, and they would end up in exported files and page text.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource(lang))
        .expect("no message is defined twice in a locale file");
    bundle
}

fn source(lang: Lang) -> &'static str {
    SOURCES
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, s)| *s)
        .expect("every language has a file")
}

fn resource(lang: Lang) -> FluentResource {
    FluentResource::try_new(source(lang).to_string())
        .unwrap_or_else(|(_, errors)| panic!("locales/{}/unpol.ftl: {errors:?}", lang.code()))
}

/// The message ids defined in a language's file.
pub fn keys(lang: Lang) -> BTreeSet<String> {
    resource(lang)
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// Keys one language has and the other lacks, as `(lang, key)`.
pub fn missing_keys() -> Vec<(Lang, String)> {
    let en = keys(Lang::En);
    let fr = keys(Lang::Fr);
    let missing_fr = en.difference(&fr).map(|k| (Lang::Fr, k.clone()));
    let missing_en = fr.difference(&en).map(|k| (Lang::En, k.clone()));
    missing_fr.chain(missing_en).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_every_key() {
        assert_eq!(missing_keys(), Vec::new());
    }

    #[test]
    fn every_message_formats_without_error_in_both_languages() {
        for lang in Lang::ALL {
            let bundle = lang.bundle();
            for key in keys(lang) {
                let message = bundle.get_message(&key).expect("listed key");
                let pattern = message.value().expect("every message has a value");
                let mut errors = Vec::new();
                bundle.format_pattern(pattern, None, &mut errors);
                // Messages with variables report the missing variables here; nothing else.
                for error in errors {
                    let text = format!("{error:?}");
                    assert!(text.contains("Reference"), "{} {key}: {text}", lang.code());
                }
            }
        }
    }

    /// Keys written literally in the templates and the code (`t("key")`, `column("key", ...)`)
    /// all exist: a typo would show the key on a page.
    #[test]
    fn every_literal_key_in_templates_and_code_exists() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let known = keys(Lang::En);
        let mut missing = Vec::new();
        let mut stack = vec![root.join("templates"), root.join("src")];
        while let Some(path) = stack.pop() {
            if path.is_dir() {
                stack.extend(
                    std::fs::read_dir(&path)
                        .expect("readable folder")
                        .map(|e| e.expect("entry").path()),
                );
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable file");
            for opener in [
                ".t(\"",
                " column(\"",
                "message(\n        chrome,\n        \"",
            ] {
                for part in text.split(opener).skip(1) {
                    let key: String = part
                        .chars()
                        .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                        .collect();
                    let closed = part[key.len()..].starts_with('"');
                    if closed && !key.is_empty() && !key.ends_with('-') && !known.contains(&key) {
                        missing.push(format!("{}: {key}", path.display()));
                    }
                }
            }
        }
        assert_eq!(missing, Vec::<String>::new());
    }

    /// The rules' refusals: every key is in the files, and the English file says what the
    /// domain's table says (the command line and the API read the table, the pages the file).
    #[test]
    fn every_refusal_is_in_both_files_and_says_the_same_in_english() {
        let known = keys(Lang::En);
        for (key, template) in unpol_domain::message::ENGLISH {
            assert!(known.contains(*key), "{key} is not in the English file");
            // Every argument the template names, each with a value that shows where it lands.
            let names: Vec<&'static str> = template
                .split('{')
                .skip(1)
                .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
                .collect();
            let message = unpol_domain::message::Message {
                key,
                args: names
                    .into_iter()
                    .map(|name| (name, format!("<{name}>")))
                    .collect(),
            };
            let args: Vec<(&str, FluentValue<'_>)> = message
                .args
                .iter()
                .map(|(n, v)| (*n, v.as_str().into()))
                .collect();
            assert_eq!(Lang::En.t_with(key, &args), message.english(), "{key}");
        }
    }

    #[test]
    fn numbers_and_percentages_follow_each_language() {
        assert_eq!(Lang::En.number(11_045), "11,045");
        assert_eq!(Lang::Fr.number(11_045), "11\u{202f}045");
        assert_eq!(Lang::En.percent(0.1054), "10.5%");
        assert_eq!(Lang::Fr.percent(0.1054), "10,5\u{202f}%");
        assert_eq!(Lang::En.decimal(1234.5), "1,234.5");
        assert_eq!(Lang::Fr.decimal(1234.5), "1\u{202f}234,5");
        assert_eq!(Lang::En.decimal(-16.666), "-16.67");
        assert_eq!(Lang::En.decimal(25.0), "25");
        let january = Month::new(2018, 1).expect("valid");
        assert_eq!(Lang::En.month(january), "January 2018");
        assert_eq!(Lang::Fr.month(january), "janvier 2018");
    }

    #[test]
    fn the_cookie_wins_then_the_browser_then_english() {
        assert_eq!(Lang::negotiate(Some("fr"), Some("en-US")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("fr-CH, en;q=0.5")), Lang::Fr);
        assert_eq!(Lang::negotiate(None, Some("de, fr;q=0.4")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("xx"), Some("de")), Lang::En);
        assert_eq!(Lang::negotiate(None, None), Lang::En);
    }
}
