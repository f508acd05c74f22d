//! Controlled vocabularies: the ranks, skills and languages unpol records, each a code with its
//! English and French labels.
//!
//! Free text here made the roster unsearchable and the optimizer blind: a request asking for
//! `sgbv` matched no officer recorded with `sgbv_investigation`, and a rank of `Colonel` was saved
//! by a form and then called ineligible by the plan. Every entry point (form, API, command line,
//! roster file) checks its values against these lists through the same functions, and a refusal
//! names the known codes. Vetting states and end-of-tour reasons are enums of the roster
//! ([`crate::roster::EndReason`]) with the same treatment.

use std::fmt;

/// One value of a vocabulary: what is stored, and what people read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub code: &'static str,
    pub en: &'static str,
    pub fr: &'static str,
}

impl Term {
    /// The label in a language (`fr`; anything else reads English).
    pub fn label(&self, language: &str) -> &'static str {
        if language == "fr" { self.fr } else { self.en }
    }
}

/// Declares a closed list of codes with their labels: the enum a rule matches on, and the terms a
/// form or a refusal lists.
macro_rules! coded {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => ($code:literal, $en:literal, $fr:literal)),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in the order forms offer them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The values' codes and labels.
            pub const TERMS: &'static [$crate::vocabulary::Term] = &[$($crate::vocabulary::Term { code: $code, en: $en, fr: $fr }),+];

            pub fn code(self) -> &'static str {
                self.term().code
            }

            pub fn term(self) -> &'static $crate::vocabulary::Term {
                let index = Self::ALL.iter().position(|v| *v == self).unwrap_or_default();
                &Self::TERMS[index]
            }

            pub fn from_code(code: &str) -> Option<Self> {
                let code = code.trim();
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }

        /// Written as its code, in every language.
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.code())
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let codes: Vec<&str> = Self::TERMS.iter().map(|t| t.code).collect();
                schemars::json_schema!({"type": "string", "enum": codes})
            }
        }
    };
}
pub(crate) use coded;

const fn term(code: &'static str, en: &'static str, fr: &'static str) -> Term {
    Term { code, en, fr }
}

/// Police ranks from lowest to highest (the order the plan's minimum-rank rule compares); the
/// codes are those of [`crate::forcegen::RANKS`].
pub const RANKS: &[Term] = &[
    term("Constable", "Constable", "Agent"),
    term("Corporal", "Corporal", "Caporal"),
    term("Sergeant", "Sergeant", "Sergent"),
    term("Lieutenant", "Lieutenant", "Lieutenant"),
    term("Inspector", "Inspector", "Inspecteur"),
    term("Captain", "Captain", "Capitaine"),
    term("Chief Inspector", "Chief Inspector", "Inspecteur principal"),
    term("Superintendent", "Superintendent", "Commissaire"),
    term(
        "Chief Superintendent",
        "Chief Superintendent",
        "Commissaire principal",
    ),
    term("Commissioner", "Commissioner", "Commissaire divisionnaire"),
];

/// The specialised skills missions ask for (the UN Police's expertise areas).
pub const SKILLS: &[Term] = &[
    term(
        "community_policing",
        "Community policing",
        "Police de proximité",
    ),
    term(
        "sgbv_investigation",
        "Investigation of sexual and gender-based violence",
        "Enquêtes sur les violences sexuelles et fondées sur le genre",
    ),
    term(
        "investigations",
        "Criminal investigations",
        "Enquêtes judiciaires",
    ),
    term(
        "organized_crime",
        "Serious and organized crime",
        "Criminalité grave et organisée",
    ),
    term(
        "border_management",
        "Border management",
        "Gestion des frontières",
    ),
    term("public_order", "Public order", "Maintien de l’ordre"),
    term("forensics", "Forensics", "Police technique et scientifique"),
    term(
        "criminal_intelligence",
        "Criminal intelligence",
        "Renseignement criminel",
    ),
    term("training", "Training", "Formation"),
    term("cybercrime", "Cybercrime", "Cybercriminalité"),
    term(
        "close_protection",
        "Close protection",
        "Protection rapprochée",
    ),
    term(
        "child_protection",
        "Child protection",
        "Protection de l’enfance",
    ),
    term("human_rights", "Human rights", "Droits de l’homme"),
    term(
        "counter_terrorism",
        "Counter-terrorism",
        "Lutte contre le terrorisme",
    ),
    term(
        "anti_corruption",
        "Anti-corruption",
        "Lutte contre la corruption",
    ),
    term(
        "police_reform",
        "Police reform and restructuring",
        "Réforme et restructuration de la police",
    ),
    term(
        "gender_advisory",
        "Gender advisory",
        "Conseil en matière de genre",
    ),
    term(
        "environmental_crime",
        "Environmental crime",
        "Criminalité environnementale",
    ),
    term("traffic", "Traffic policing", "Police de la circulation"),
    term("canine", "Canine unit", "Brigade cynophile"),
    term("logistics", "Police logistics", "Logistique policière"),
    term(
        "information_technology",
        "Information technology",
        "Informatique",
    ),
];

/// Languages by ISO 639-1 code: those of the contributing countries and of the host countries.
pub const LANGUAGES: &[Term] = &[
    term("af", "Afrikaans", "afrikaans"),
    term("am", "Amharic", "amharique"),
    term("ar", "Arabic", "arabe"),
    term("bm", "Bambara", "bambara"),
    term("bn", "Bengali", "bengali"),
    term("bs", "Bosnian", "bosnien"),
    term("cs", "Czech", "tchèque"),
    term("de", "German", "allemand"),
    term("el", "Greek", "grec"),
    term("en", "English", "anglais"),
    term("es", "Spanish", "espagnol"),
    term("fa", "Persian", "persan"),
    term("ff", "Fula", "peul"),
    term("fi", "Finnish", "finnois"),
    term("fr", "French", "français"),
    term("ha", "Hausa", "haoussa"),
    term("he", "Hebrew", "hébreu"),
    term("hi", "Hindi", "hindi"),
    term("hr", "Croatian", "croate"),
    term("hu", "Hungarian", "hongrois"),
    term("id", "Indonesian", "indonésien"),
    term("ig", "Igbo", "igbo"),
    term("it", "Italian", "italien"),
    term("ja", "Japanese", "japonais"),
    term("kg", "Kongo", "kikongo"),
    term("ko", "Korean", "coréen"),
    term("ku", "Kurdish", "kurde"),
    term("ln", "Lingala", "lingala"),
    term("mg", "Malagasy", "malgache"),
    term("mk", "Macedonian", "macédonien"),
    term("mn", "Mongolian", "mongol"),
    term("ms", "Malay", "malais"),
    term("ne", "Nepali", "népalais"),
    term("nl", "Dutch", "néerlandais"),
    term("no", "Norwegian", "norvégien"),
    term("om", "Oromo", "oromo"),
    term("pl", "Polish", "polonais"),
    term("ps", "Pashto", "pachto"),
    term("pt", "Portuguese", "portugais"),
    term("ro", "Romanian", "roumain"),
    term("ru", "Russian", "russe"),
    term("rw", "Kinyarwanda", "kinyarwanda"),
    term("rn", "Kirundi", "kirundi"),
    term("sg", "Sango", "sango"),
    term("sk", "Slovak", "slovaque"),
    term("sl", "Slovenian", "slovène"),
    term("so", "Somali", "somali"),
    term("sq", "Albanian", "albanais"),
    term("sr", "Serbian", "serbe"),
    term("sv", "Swedish", "suédois"),
    term("sw", "Swahili", "swahili"),
    term("ta", "Tamil", "tamoul"),
    term("th", "Thai", "thaï"),
    term("ti", "Tigrinya", "tigrigna"),
    term("tl", "Tagalog", "tagalog"),
    term("tr", "Turkish", "turc"),
    term("uk", "Ukrainian", "ukrainien"),
    term("ur", "Urdu", "ourdou"),
    term("vi", "Vietnamese", "vietnamien"),
    term("wo", "Wolof", "wolof"),
    term("yo", "Yoruba", "yoruba"),
    term("zh", "Chinese", "chinois"),
    term("zu", "Zulu", "zoulou"),
];

/// The vocabularies, by the name a refusal gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    Rank,
    Skill,
    Language,
}

impl Vocabulary {
    pub fn terms(self) -> &'static [Term] {
        match self {
            Vocabulary::Rank => RANKS,
            Vocabulary::Skill => SKILLS,
            Vocabulary::Language => LANGUAGES,
        }
    }

    /// The term of a code. Ranks match without regard to case (`inspector`), since people write
    /// them as titles; skills and languages are codes and match exactly.
    pub fn find(self, code: &str) -> Option<&'static Term> {
        let code = code.trim();
        self.terms().iter().find(|t| match self {
            Vocabulary::Rank => t.code.eq_ignore_ascii_case(code),
            _ => t.code == code,
        })
    }

    /// The stored code of a value, or the refusal that lists the known ones.
    pub fn check(self, value: &str) -> Result<&'static str, Unknown> {
        self.find(value).map(|t| t.code).ok_or_else(|| Unknown {
            vocabulary: self,
            value: value.to_string(),
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Vocabulary::Rank => "rank",
            Vocabulary::Skill => "skill",
            Vocabulary::Language => "language",
        }
    }
}

/// A value outside its vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Unknown {
    pub vocabulary: Vocabulary,
    pub value: String,
}

impl Unknown {
    /// The refusal as a message (pages say it in their language).
    pub fn message(&self) -> crate::message::Message {
        let known: Vec<&str> = self.vocabulary.terms().iter().map(|t| t.code).collect();
        crate::message!(
            "vocabulary-unknown",
            vocabulary = self.vocabulary.name(),
            value = self.value,
            known = known.join(", ")
        )
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().english())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_ranks_match_the_rank_order() {
        for vocabulary in [Vocabulary::Rank, Vocabulary::Skill, Vocabulary::Language] {
            let mut codes: Vec<&str> = vocabulary.terms().iter().map(|t| t.code).collect();
            let n = codes.len();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), n, "{vocabulary:?}");
        }
        let ranks: Vec<&str> = RANKS.iter().map(|t| t.code).collect();
        assert_eq!(ranks, crate::forcegen::RANKS);
        assert!(LANGUAGES.iter().all(|t| t.code.len() == 2));
    }

    #[test]
    fn an_unknown_value_is_refused_with_the_known_ones() {
        assert_eq!(Vocabulary::Rank.check(" inspector "), Ok("Inspector"));
        assert_eq!(Vocabulary::Skill.check("public_order"), Ok("public_order"));
        let refused = Vocabulary::Skill.check("sgbv").expect_err("not a code");
        let text = refused.to_string();
        assert!(
            text.starts_with(
                "unknown skill `sgbv`; one of: community_policing, sgbv_investigation"
            )
        );
        assert!(Vocabulary::Rank.check("Colonel").is_err());
        assert!(Vocabulary::Language.check("xx").is_err());
        assert_eq!(
            Vocabulary::Language.find("fr").map(|t| t.label("fr")),
            Some("français")
        );
    }
}
