//! Slowing down and then refusing repeated failed logins, per login and per address.
//!
//! The counts live in the database (so several server processes share them); the rule lives here.

use chrono::{DateTime, Duration, Utc};

/// Failed attempts recorded for one key (a login or an address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last: DateTime<Utc>,
    pub locked_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Check the password, after waiting this long (zero at first).
    Check { delay: Duration },
    /// Do not check the password at all until then.
    Refuse { until: DateTime<Utc> },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures before each new attempt is slowed down.
    pub slow_after: u32,
    /// Added delay per failure beyond `slow_after`, up to `max_delay`.
    pub delay_step: Duration,
    pub max_delay: Duration,
    /// Failures that lock the key.
    pub lock_after: u32,
    pub lock_for: Duration,
    /// Failures older than this are forgotten.
    pub window: Duration,
}

impl ThrottlePolicy {
    /// For one login: slowed after 3 failures, locked for 15 minutes after 10.
    pub const LOGIN: ThrottlePolicy = ThrottlePolicy {
        slow_after: 3,
        delay_step: Duration::milliseconds(250),
        max_delay: Duration::seconds(2),
        lock_after: 10,
        lock_for: Duration::minutes(15),
        window: Duration::minutes(15),
    };

    /// For one address, which may try many logins: locked after 50 failures.
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        slow_after: 20,
        delay_step: Duration::milliseconds(100),
        max_delay: Duration::seconds(2),
        lock_after: 50,
        lock_for: Duration::minutes(15),
        window: Duration::minutes(15),
    };

    fn current(&self, failures: Option<Failures>, now: DateTime<Utc>) -> Option<Failures> {
        failures.filter(|f| f.locked_until.is_some_and(|u| u > now) || now - f.last < self.window)
    }

    pub fn verdict(&self, failures: Option<Failures>, now: DateTime<Utc>) -> Verdict {
        let Some(f) = self.current(failures, now) else {
            return Verdict::Check {
                delay: Duration::zero(),
            };
        };
        if let Some(until) = f.locked_until.filter(|u| *u > now) {
            return Verdict::Refuse { until };
        }
        let beyond = f.count.saturating_sub(self.slow_after);
        let delay = (self.delay_step * beyond as i32).min(self.max_delay);
        Verdict::Check { delay }
    }

    /// The record after one more failure at `now`.
    pub fn record_failure(&self, failures: Option<Failures>, now: DateTime<Utc>) -> Failures {
        let count = self.current(failures, now).map_or(0, |f| f.count) + 1;
        let locked_until = (count >= self.lock_after).then(|| now + self.lock_for);
        Failures {
            count,
            last: now,
            locked_until,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_failures_lock_a_login_and_the_lock_expires() {
        let p = ThrottlePolicy::LOGIN;
        let start = Utc::now();
        let mut f = None;
        for i in 0..10 {
            assert!(
                matches!(p.verdict(f, start), Verdict::Check { .. }),
                "attempt {}",
                i + 1
            );
            f = Some(p.record_failure(f, start));
        }
        assert!(
            matches!(p.verdict(f, start), Verdict::Refuse { .. }),
            "the 11th is refused"
        );
        assert!(matches!(
            p.verdict(f, start + Duration::minutes(16)),
            Verdict::Check { .. }
        ));
    }

    #[test]
    fn delays_grow_then_cap() {
        let p = ThrottlePolicy::LOGIN;
        let now = Utc::now();
        let at = |count| {
            Some(Failures {
                count,
                last: now,
                locked_until: None,
            })
        };
        assert_eq!(
            p.verdict(at(3), now),
            Verdict::Check {
                delay: Duration::zero()
            }
        );
        assert_eq!(
            p.verdict(at(5), now),
            Verdict::Check {
                delay: Duration::milliseconds(500)
            }
        );
        assert_eq!(
            p.verdict(at(9), now),
            Verdict::Check {
                delay: Duration::seconds(1) + Duration::milliseconds(500)
            }
        );
        assert_eq!(
            p.verdict(at(5), now + Duration::minutes(20)),
            Verdict::Check {
                delay: Duration::zero()
            }
        );
    }
}
