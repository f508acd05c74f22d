//! Who may see what: roles, scopes and the principal a request acts as (DESIGN.md, section 2).
//!
//! A role says what kind of work a user does; a scope says which part of the world its records may
//! come from. Storage applies the scope in SQL (see `Scope::country` / `Scope::mission`), so a
//! record outside it is never read, and the interface answers 404 as if it did not exist.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{CountryCode, MissionCode};

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages users and reference data; sees no conduct case detail.
    Admin,
    /// Headquarters: force generation, roster, deployments, statistics, all missions.
    Hq,
    /// A police-contributing country's focal point: its own nationals only.
    Pcc,
    /// Mission police staff: one mission only.
    Mission,
    /// Conduct and discipline: cases in full, for one mission or all.
    Conduct,
    /// Aggregates and anonymised exports only.
    Analyst,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::Hq,
        Role::Pcc,
        Role::Mission,
        Role::Conduct,
        Role::Analyst,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Hq => "hq",
            Role::Pcc => "pcc",
            Role::Mission => "mission",
            Role::Conduct => "conduct",
            Role::Analyst => "analyst",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// What the role may do, in words, for the home page.
    pub fn description(self) -> &'static str {
        match self {
            Role::Admin => "manage users and reference data",
            Role::Hq => "force generation, roster, deployments and statistics for all missions",
            Role::Pcc => {
                "your country's own nationals: nominations, deployments, evaluations, referred cases"
            }
            Role::Mission => {
                "your mission's posts, personnel, evaluations, incidents and capacity building"
            }
            Role::Conduct => "allegations and cases in full, and victim assistance",
            Role::Analyst => "aggregates and anonymised exports",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The part of the world a user's records come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "code", rename_all = "snake_case")]
pub enum Scope {
    All,
    Country(CountryCode),
    Mission(MissionCode),
}

impl Scope {
    /// The country records must belong to, if the scope narrows by country.
    pub fn country(self) -> Option<CountryCode> {
        match self {
            Scope::Country(c) => Some(c),
            _ => None,
        }
    }

    /// The mission records must belong to, if the scope narrows by mission.
    pub fn mission(self) -> Option<MissionCode> {
        match self {
            Scope::Mission(m) => Some(m),
            _ => None,
        }
    }
}

impl fmt::Display for Scope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scope::All => f.write_str("all missions and countries"),
            Scope::Country(c) => write!(f, "country {c}"),
            Scope::Mission(m) => write!(f, "mission {m}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccessError {
    #[error("role {0} needs --country ISO3")]
    CountryRequired(Role),
    #[error("role {0} needs --mission ACRONYM")]
    MissionRequired(Role),
    #[error("role {role} cannot be narrowed to {scope}")]
    ScopeNotAllowed { role: Role, scope: Scope },
    #[error("give either --country or --mission, not both")]
    BothGiven,
}

/// Checks that a role and the scope asked for fit together: `pcc` needs a country, `mission` a
/// mission, `conduct` one mission or all, the others see everything.
pub fn scope_for(
    role: Role,
    country: Option<CountryCode>,
    mission: Option<MissionCode>,
) -> Result<Scope, AccessError> {
    let scope = match (country, mission) {
        (Some(_), Some(_)) => return Err(AccessError::BothGiven),
        (Some(c), None) => Scope::Country(c),
        (None, Some(m)) => Scope::Mission(m),
        (None, None) => Scope::All,
    };
    match (role, scope) {
        (Role::Pcc, Scope::Country(_)) => Ok(scope),
        (Role::Pcc, _) => Err(AccessError::CountryRequired(role)),
        (Role::Mission, Scope::Mission(_)) => Ok(scope),
        (Role::Mission, _) => Err(AccessError::MissionRequired(role)),
        (Role::Conduct, Scope::Mission(_) | Scope::All) => Ok(scope),
        (_, Scope::All) => Ok(scope),
        (role, scope) => Err(AccessError::ScopeNotAllowed { role, scope }),
    }
}

/// The user a request acts as, once authenticated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Principal {
    pub user_id: i64,
    pub login: String,
    pub role: Role,
    pub scope: Scope,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_need_the_scope_their_work_has() {
        let sen = CountryCode::parse("SEN").ok();
        let unmiss = MissionCode::parse("UNMISS").ok();
        assert_eq!(
            scope_for(Role::Pcc, sen, None),
            Ok(Scope::Country(sen.expect("code")))
        );
        assert_eq!(
            scope_for(Role::Pcc, None, None),
            Err(AccessError::CountryRequired(Role::Pcc))
        );
        assert_eq!(
            scope_for(Role::Mission, sen, None),
            Err(AccessError::MissionRequired(Role::Mission))
        );
        assert!(scope_for(Role::Conduct, None, unmiss).is_ok());
        assert_eq!(scope_for(Role::Conduct, None, None), Ok(Scope::All));
        assert!(scope_for(Role::Hq, sen, None).is_err());
        assert_eq!(
            scope_for(Role::Admin, sen, unmiss),
            Err(AccessError::BothGiven)
        );
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
    }
}
