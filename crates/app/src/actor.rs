//! Who calls a use case: the one value every rule about people and cases starts from.
//!
//! An [`Actor`] carries the signed-in principal (role and scope), where the call came from and its
//! request id (what the audit trail records), and the [`Clock`] that says what *today* is. The web
//! server builds one per request, the command line one for the console; use cases take nothing
//! else about the caller, so the scope check, the audit of a refusal and the date a rule compares
//! with are decided in one place.

use chrono::{DateTime, NaiveDate, Utc};
use unpol_domain::Clock;
use unpol_domain::access::{Principal, Role, Scope};
use unpol_domain::audit::AuditEvent;

use crate::accounts::AuditContext;

#[derive(Debug, Clone)]
pub struct Actor {
    pub principal: Principal,
    pub context: AuditContext,
}

impl Actor {
    pub fn new(principal: Principal, context: AuditContext) -> Self {
        Actor { principal, context }
    }

    /// The operator at the server's console: headquarters' view of everything, audited under the
    /// system user's name.
    pub fn console(clock: Clock) -> Self {
        let context = AuditContext::console().with_clock(clock);
        Actor {
            principal: Principal {
                user_id: 0,
                login: context.actor.clone(),
                role: Role::Hq,
                scope: Scope::All,
            },
            context,
        }
    }

    pub fn scope(&self) -> Scope {
        self.principal.scope
    }

    pub fn role(&self) -> Role {
        self.principal.role
    }

    pub fn clock(&self) -> Clock {
        self.context.clock
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.context.clock.now()
    }

    /// The day rules compare with (deadlines, tours active today).
    pub fn today(&self) -> NaiveDate {
        self.context.clock.today()
    }

    /// An audit entry of this caller's request.
    pub fn event(&self, action: &str, record: &str, detail: &str) -> AuditEvent {
        self.context.event(action, record, detail)
    }
}
