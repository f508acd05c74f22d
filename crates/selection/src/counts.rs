//! The count space of a mission: how many women and how many others its slate selects.
//!
//! The share of women is a rule on these two integers only. Priced inside the matching (the plain
//! Lagrangian relaxation), it is met by fractions of officers: a mission of 24 posts may take 7.2
//! women, and the bound stays at the linear relaxation. Every slate's pair of counts is whole, so
//! it lies in the convex hull of the whole pairs the rule allows; the edges of that hull are valid
//! inequalities ("24 posts need 8 women, or a post stays empty") that the relaxation breaks. The
//! search prices the one its matching breaks most, like a rule (relax and cut). The branch and
//! bound narrows a mission's box of counts, whose hull then has new edges.

use crate::rules::Share;

/// Women and others selected in one mission.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Counts {
    pub women: i64,
    pub others: i64,
}

/// The pairs of counts a mission's slate may take: within the box, at most its posts in all, and
/// keeping the share of women.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CountBox {
    pub women: (i64, i64),
    pub others: (i64, i64),
    pub posts: i64,
    pub share: Option<Share>,
}

impl CountBox {
    pub fn new(posts: i64, share: Option<Share>) -> Self {
        Self {
            women: (0, posts),
            others: (0, posts),
            posts,
            share,
        }
    }

    /// Does the box allow this pair?
    pub fn holds(&self, c: Counts) -> bool {
        (self.women.0..=self.women.1).contains(&c.women)
            && (self.others.0..=self.others.1).contains(&c.others)
            && c.women + c.others <= self.posts
            && self
                .share
                .and_then(|s| s.most_others(c.women))
                .is_none_or(|most| c.others <= most)
    }

    /// The edges of the convex hull of the whole pairs the box allows, as cuts on mission
    /// `mission`; None when it allows none. The hull's corners are among the fewest and most
    /// others for each count of women (Andrew's monotone chain, in integers).
    pub fn hull(&self, mission: u16) -> Option<Vec<Cut>> {
        let mut points: Vec<(i64, i64)> = Vec::new();
        for women in self.women.0.max(0)..=self.women.1.min(self.posts) {
            let mut most = self.others.1.min(self.posts - women);
            if let Some(m) = self.share.and_then(|s| s.most_others(women)) {
                most = most.min(m);
            }
            let least = self.others.0.max(0);
            if least <= most {
                points.push((women, least));
                if most > least {
                    points.push((women, most));
                }
            }
        }
        if points.is_empty() {
            return None;
        }
        let cross = |o: (i64, i64), a: (i64, i64), b: (i64, i64)| {
            (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
        };
        // Points come sorted by women, then others.
        let mut hull: Vec<(i64, i64)> = Vec::new();
        for pass in 0..2 {
            let start = hull.len();
            let ordered: Box<dyn Iterator<Item = &(i64, i64)>> = if pass == 0 {
                Box::new(points.iter())
            } else {
                Box::new(points.iter().rev())
            };
            for &p in ordered {
                while hull.len() >= start + 2
                    && cross(hull[hull.len() - 2], hull[hull.len() - 1], p) <= 0
                {
                    hull.pop();
                }
                hull.push(p);
            }
            hull.pop();
        }
        if hull.len() < 3 {
            // A point or a segment: its bounding box and, for a segment, its line both ways.
            let (lo, hi) = (points[0], points[points.len() - 1]);
            let mut cuts = vec![
                Cut {
                    mission,
                    woman: 1,
                    other: 0,
                    rhs: lo.0,
                },
                Cut {
                    mission,
                    woman: -1,
                    other: 0,
                    rhs: -hi.0,
                },
                Cut {
                    mission,
                    woman: 0,
                    other: 1,
                    rhs: lo.1.min(hi.1),
                },
                Cut {
                    mission,
                    woman: 0,
                    other: -1,
                    rhs: -lo.1.max(hi.1),
                },
            ];
            let (dw, doth) = (hi.0 - lo.0, hi.1 - lo.1);
            if dw != 0 && doth != 0 {
                let line = Cut {
                    mission,
                    woman: -doth,
                    other: dw,
                    rhs: dw * lo.1 - doth * lo.0,
                };
                cuts.push(line);
                cuts.push(Cut {
                    mission,
                    woman: doth,
                    other: -dw,
                    rhs: -line.rhs,
                });
            }
            return Some(cuts);
        }
        // Counter-clockwise: every point q of the hull has cross(a, b, q) >= 0 for each edge a-b.
        Some(
            (0..hull.len())
                .map(|i| {
                    let (a, b) = (hull[i], hull[(i + 1) % hull.len()]);
                    let (dw, doth) = (b.0 - a.0, b.1 - a.1);
                    let g = gcd(dw.abs(), doth.abs()).max(1);
                    let (woman, other) = (-doth / g, dw / g);
                    Cut {
                        mission,
                        woman,
                        other,
                        rhs: woman * a.0 + other * a.1,
                    }
                })
                .collect(),
        )
    }
}

/// A valid inequality on one mission's counts: `woman * women + other * others >= rhs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    pub mission: u16,
    pub woman: i64,
    pub other: i64,
    pub rhs: i64,
}

impl Cut {
    /// How far `counts` fall short of the cut (positive when broken).
    pub fn shortfall(&self, counts: Counts) -> i64 {
        self.rhs - self.woman * counts.women - self.other * counts.others
    }

    /// The same for counts of the relaxation, which may be fractional.
    pub fn excess(&self, women: f64, others: f64) -> f64 {
        self.rhs as f64 - self.woman as f64 * women - self.other as f64 * others
    }
}

fn gcd(a: i64, b: i64) -> i64 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hull_of_twenty_four_posts_cuts_off_seven_women_and_a_fifth() {
        let share = Share::new(3, 10).expect("share");
        let b = CountBox::new(24, Some(share));
        let cuts = b.hull(0).expect("pairs");
        // Every whole pair the rule allows keeps every cut...
        for women in 0..=24 {
            for others in 0..=24 - women {
                let c = Counts { women, others };
                if b.holds(c) {
                    assert!(cuts.iter().all(|cut| cut.shortfall(c) <= 0), "{c:?}");
                }
            }
        }
        // ...but the relaxation's 7.2 women and 16.8 others (scaled by 5) break one.
        assert!(
            cuts.iter()
                .any(|cut| cut.rhs * 5 > cut.woman * 36 + cut.other * 84)
        );
    }

    #[test]
    fn an_empty_box_has_no_pair() {
        let mut b = CountBox::new(5, None);
        b.women = (3, 5);
        b.others = (3, 5);
        assert_eq!(b.hull(0), None);
    }
}
