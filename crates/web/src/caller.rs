//! Who is calling: the principal (if any), how it proved itself, and what every audit entry of
//! the request records.

use unpol_app::Actor;
use unpol_app::accounts::AuditContext;
use unpol_domain::Clock;
use unpol_domain::access::Principal;

use crate::problem::Problem;

/// How the caller authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    Anonymous,
    /// A browser session, with the CSRF token its forms must carry.
    Session {
        csrf: String,
    },
    /// An API token (`Authorization: Bearer`).
    Token,
}

/// Set by the guard on every request, read by handlers.
#[derive(Debug, Clone)]
pub struct Caller {
    pub principal: Option<Principal>,
    pub credential: Credential,
    pub address: String,
    pub request_id: String,
    /// What "now" is for this request (the server's clock).
    pub clock: Clock,
}

impl Caller {
    pub fn audit(&self) -> AuditContext {
        AuditContext {
            actor: self
                .principal
                .as_ref()
                .map_or_else(|| "-".into(), |p| p.login.clone()),
            address: self.address.clone(),
            request_id: self.request_id.clone(),
            clock: self.clock,
        }
    }

    /// The signed-in caller as the use cases take it (routes behind the guard always have one).
    pub fn actor(&self) -> Result<Actor, Problem> {
        let principal = self.principal.clone().ok_or_else(Problem::not_found)?;
        Ok(Actor::new(principal, self.audit()))
    }

    /// Today, on the server's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    pub fn csrf(&self) -> Option<&str> {
        match &self.credential {
            Credential::Session { csrf } => Some(csrf),
            _ => None,
        }
    }
}
