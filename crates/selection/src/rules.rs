//! Share rules: "at least 30% women among a mission's selections", "at most 40% of a mission's
//! selections from one country". Each is the linear inequality `sum coef(edge) * x(edge) >= 0` over
//! the mission's edges, with integer coefficients, so that a check never rounds.

use serde::Serialize;
use thiserror::Error;

/// A share `num / den` in [0, 1], kept exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    num: i64,
    den: i64,
}

#[derive(Debug, Error, PartialEq, Eq)]
#[error("a share must be between 0 and 1 with at most 4 decimals, got {0}")]
pub struct ShareError(pub String);

impl Share {
    pub fn new(num: i64, den: i64) -> Result<Self, ShareError> {
        if den <= 0 || num < 0 || num > den {
            return Err(ShareError(format!("{num}/{den}")));
        }
        let g = gcd(num, den);
        Ok(Self {
            num: num / g,
            den: den / g,
        })
    }

    /// Parses a decimal such as `0.3` or `0.125` exactly (no float rounding).
    pub fn parse(text: &str) -> Result<Self, ShareError> {
        let err = || ShareError(text.to_string());
        let (whole, frac) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
        if frac.len() > 4
            || !whole
                .bytes()
                .chain(frac.bytes())
                .all(|b| b.is_ascii_digit())
            || whole.is_empty() && frac.is_empty()
        {
            return Err(err());
        }
        let den = 10i64.pow(frac.len() as u32);
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| err())?
        };
        let frac: i64 = if frac.is_empty() {
            0
        } else {
            frac.parse().map_err(|_| err())?
        };
        Self::new(whole.saturating_mul(den).saturating_add(frac), den).map_err(|_| err())
    }

    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Is `part` out of `whole` at least this share?
    pub fn reached_by(self, part: i64, whole: i64) -> bool {
        part * self.den >= whole * self.num
    }

    /// The fewest members out of `whole` that reach this share.
    pub fn least_of(self, whole: i64) -> i64 {
        (whole * self.num + self.den - 1).div_euclid(self.den)
    }

    /// The most members out of `whole` that stay within this share.
    pub fn most_of(self, whole: i64) -> i64 {
        (whole * self.num).div_euclid(self.den)
    }

    /// The most non-members that `members` members allow while they keep this share (None: no
    /// limit, for a share of 0).
    pub fn most_others(self, members: i64) -> Option<i64> {
        (self.num > 0).then(|| (members * (self.den - self.num)).div_euclid(self.num))
    }

    /// Is `part` out of `whole` at most this share?
    pub fn allows_at_most(self, part: i64, whole: i64) -> bool {
        part * self.den <= whole * self.num
    }

    /// The same for fractions of officers (a point of the relaxation), up to rounding.
    pub fn allows_fraction_at_most(self, part: f64, whole: f64) -> bool {
        part * self.den as f64 <= whole * self.num as f64 + 1e-6
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a.max(1) } else { gcd(b, a % b) }
}

/// Which selections a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "country")]
pub enum Members {
    Women,
    /// Candidates of one country (an index into the caller's list of countries).
    Country(u16),
}

/// One share rule of one mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub mission: u16,
    pub members: Members,
    /// `AtLeast` the share of members among the mission's selections, or `AtMost`.
    pub bound: Bound,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    AtLeast(Share),
    AtMost(Share),
}

impl Rule {
    /// The coefficient of a selection in `sum coef * x >= 0`: for "at least n/d", a member counts
    /// `d - n` and anyone else `-n`; for "at most n/d", a member `n - d` and anyone else `n`.
    pub fn coef(&self, is_member: bool) -> i64 {
        match (self.bound, is_member) {
            (Bound::AtLeast(s), true) => s.den - s.num,
            (Bound::AtLeast(s), false) => -s.num,
            (Bound::AtMost(s), true) => s.num - s.den,
            (Bound::AtMost(s), false) => s.num,
        }
    }
}

/// What a rule needs to know of each candidate.
#[derive(Debug, Clone, Copy)]
pub struct People<'a> {
    pub female: &'a [bool],
    pub country: &'a [u16],
}

impl People<'_> {
    pub fn is_member(&self, members: Members, candidate: u32) -> bool {
        match members {
            Members::Women => self.female[candidate as usize],
            Members::Country(c) => self.country[candidate as usize] == c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_parse_exactly() {
        assert_eq!(Share::parse("0.3"), Share::new(3, 10));
        assert_eq!(Share::parse("0.125"), Share::new(1, 8));
        assert_eq!(Share::parse("1"), Share::new(1, 1));
        let third = Share::parse("0.3").expect("share");
        assert_eq!(
            (third.least_of(4), third.most_of(4)),
            (2, 1),
            "1.2 of 4: at least 2, at most 1"
        );
        assert_eq!((third.least_of(10), third.most_of(10)), (3, 3));
        for bad in ["", ".", "1.5", "-0.1", "0.12345", "abc", "0,3"] {
            assert!(Share::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn thirty_percent_women_weighs_a_woman_seven_and_a_man_minus_three() {
        let rule = Rule {
            mission: 0,
            members: Members::Women,
            bound: Bound::AtLeast(Share::new(3, 10).expect("share")),
        };
        assert_eq!((rule.coef(true), rule.coef(false)), (7, -3));
        // 3 women and 7 men: exactly 30%, the sum is 0.
        assert_eq!(3 * rule.coef(true) + 7 * rule.coef(false), 0);
    }
}
