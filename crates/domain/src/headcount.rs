//! Head counts by gender.

use std::ops::{Add, AddAssign};

use serde::{Deserialize, Serialize};

/// Women and men counted in one cell of a report. The total is derived, never stored, so a count
/// whose parts disagree with its total cannot exist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Headcount {
    pub women: u32,
    pub men: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeadcountError {
    #[error("negative count ({field} = {value})")]
    Negative { field: &'static str, value: i64 },
    #[error("count too large ({field} = {value})")]
    TooLarge { field: &'static str, value: i64 },
    #[error("women + men != total ({women} + {men} != {total})")]
    TotalMismatch { women: i64, men: i64, total: i64 },
}

impl Headcount {
    pub const fn new(women: u32, men: u32) -> Self {
        Self { women, men }
    }

    /// Checks a row as printed: no negative count, and the parts add up to the printed total.
    pub fn from_printed(women: i64, men: i64, total: i64) -> Result<Self, HeadcountError> {
        let women_n = non_negative("women", women)?;
        let men_n = non_negative("men", men)?;
        non_negative("total", total)?;
        if women + men != total {
            return Err(HeadcountError::TotalMismatch { women, men, total });
        }
        Ok(Self {
            women: women_n,
            men: men_n,
        })
    }

    pub fn total(self) -> u64 {
        u64::from(self.women) + u64::from(self.men)
    }

    /// The share of women, or `None` when nobody is counted (a share of nothing is not zero).
    pub fn women_share(self) -> Option<f64> {
        let total = self.total();
        (total > 0).then(|| self.women as f64 / total as f64)
    }
}

fn non_negative(field: &'static str, value: i64) -> Result<u32, HeadcountError> {
    if value < 0 {
        return Err(HeadcountError::Negative { field, value });
    }
    u32::try_from(value).map_err(|_| HeadcountError::TooLarge { field, value })
}

impl Add for Headcount {
    type Output = Headcount;
    fn add(self, rhs: Self) -> Self {
        Headcount {
            women: self.women + rhs.women,
            men: self.men + rhs.men,
        }
    }
}

impl AddAssign for Headcount {
    fn add_assign(&mut self, rhs: Self) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Headcount {
    fn sum<I: Iterator<Item = Self>>(iter: I) -> Self {
        iter.fold(Headcount::default(), Add::add)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn refuses_negative_and_inconsistent_rows() {
        assert!(matches!(
            Headcount::from_printed(-1, 3, 2),
            Err(HeadcountError::Negative { .. })
        ));
        assert!(matches!(
            Headcount::from_printed(1, 3, 5),
            Err(HeadcountError::TotalMismatch { .. })
        ));
        assert_eq!(Headcount::from_printed(1, 3, 4), Ok(Headcount::new(1, 3)));
    }

    #[test]
    fn share_of_nobody_is_unknown() {
        assert_eq!(Headcount::default().women_share(), None);
        assert_eq!(Headcount::new(1, 3).women_share(), Some(0.25));
    }

    proptest! {
        #[test]
        fn printed_rows_that_add_up_are_kept_exactly(women in 0i64..100_000, men in 0i64..100_000) {
            let h = Headcount::from_printed(women, men, women + men).expect("consistent");
            prop_assert_eq!(h.total() as i64, women + men);
            let share = h.women_share().unwrap_or(0.0);
            prop_assert!((0.0..=1.0).contains(&share));
        }
    }
}
