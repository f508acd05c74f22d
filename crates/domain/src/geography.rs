//! The outlines of the missions' host countries (Natural Earth 1:50m, `data/SOURCE.md`), held in
//! the binary so that a map needs no network: the incidents map draws them, and the demo places
//! its synthetic incidents inside them.

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::CountryCode;

/// A ring of `[longitude, latitude]` points, closed by its last point joining its first.
pub type Ring = Vec<[f64; 2]>;

/// A country's polygons, each a list of rings (the first one outer, the others holes).
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub polygons: Vec<Vec<Ring>>,
}

/// West, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl Outline {
    fn points(&self) -> impl Iterator<Item = &[f64; 2]> {
        self.polygons.iter().flatten().flatten()
    }

    pub fn bounds(&self) -> Option<BoundingBox> {
        let mut points = self.points();
        let first = points.next()?;
        Some(points.fold(
            BoundingBox {
                west: first[0],
                south: first[1],
                east: first[0],
                north: first[1],
            },
            |b, p| BoundingBox {
                west: b.west.min(p[0]),
                south: b.south.min(p[1]),
                east: b.east.max(p[0]),
                north: b.north.max(p[1]),
            },
        ))
    }

    /// Whether a point lies inside the outline (even-odd rule over every ring, which counts a
    /// hole as outside).
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        let mut inside = false;
        for ring in self.polygons.iter().flatten() {
            for (i, a) in ring.iter().enumerate() {
                let b = ring[(i + 1) % ring.len()];
                if (a[1] > latitude) != (b[1] > latitude)
                    && longitude < (b[0] - a[0]) * (latitude - a[1]) / (b[1] - a[1]) + a[0]
                {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

static OUTLINES: LazyLock<HashMap<String, Outline>> = LazyLock::new(|| {
    let raw: HashMap<String, Vec<Vec<Ring>>> =
        serde_json::from_str(include_str!("../data/host-outlines-50m.json")).unwrap_or_default();
    raw.into_iter()
        .map(|(code, polygons)| (code, Outline { polygons }))
        .collect()
});

/// The outline of a mission's host country, when unpol holds it.
pub fn outline(country: CountryCode) -> Option<&'static Outline> {
    OUTLINES.get(country.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(code: &str) -> &'static Outline {
        outline(CountryCode::parse(code).expect("code")).expect("an outline")
    }

    #[test]
    fn every_mission_host_has_an_outline() {
        let hosts = include_str!("../../storage/reference/missions.csv")
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').nth(3))
            .map(|code| CountryCode::parse(code).expect("a host code"));
        for host in hosts {
            assert!(outline(host).is_some(), "{host}");
        }
    }

    #[test]
    fn bangui_and_bambouti_lie_inside_and_yaounde_outside() {
        let car = of("CAF");
        assert!(
            car.contains(18.583333, 4.366667),
            "Bangui, as UCDP places it"
        );
        assert!(
            car.contains(27.195648, 5.410461),
            "Bambouti, at the far east"
        );
        assert!(!car.contains(11.5167, 3.8667), "Yaoundé is in Cameroon");
        let b = car.bounds().expect("bounds");
        assert!(
            b.west < 15.0 && b.east > 27.0 && b.south < 2.5 && b.north > 10.5,
            "{b:?}"
        );
    }
}
