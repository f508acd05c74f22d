//! What time it is, asked of one place that callers choose.
//!
//! Rules that depend on the date (a nomination deadline, a tour active today, a login lock) read it
//! from a [`Clock`] handed to them, never from the system directly: the server and the command line
//! pass [`Clock::System`], tests and demonstrations a [`Clock::Fixed`] instant, so nothing they
//! assert changes with the day they run.

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Clock {
    /// The machine's clock.
    #[default]
    System,
    /// Always this instant.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// A clock stopped at noon (UTC) of a day.
    pub fn on(day: NaiveDate) -> Clock {
        Clock::Fixed(day.and_hms_opt(12, 0, 0).unwrap_or_default().and_utc())
    }

    pub fn now(self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at,
        }
    }

    pub fn today(self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_stays_on_its_day() {
        let day = NaiveDate::from_ymd_opt(2027, 2, 28).expect("a day");
        let clock = Clock::on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now(), clock.now());
    }
}
