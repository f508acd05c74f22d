//! The incidents map: an SVG drawn by unpol from the host country's outline (Natural Earth
//! 1:50m, held by `unpol_domain::geography`) and the incidents' points. No tile
//! server and no script: a mission on a slow or filtered link, or offline, sees the same map, and
//! it prints.

use std::fmt::Write;

use unpol_domain::CountryCode;
use unpol_domain::geography::outline;
use unpol_domain::incident::IncidentCategory;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 520.0;
const MARGIN: f64 = 12.0;

/// One colour per category, in the categories' order: Okabe and Ito's eight colours, which
/// colour-blind readers tell apart.
const COLOURS: [&str; 8] = [
    "#D55E00", "#CC79A7", "#E69F00", "#0072B2", "#009E73", "#56B4E9", "#000000", "#999933",
];

pub fn colour(category: IncidentCategory) -> &'static str {
    let index = IncidentCategory::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or_default();
    COLOURS[index % COLOURS.len()]
}

/// An incident as the map draws it.
#[derive(Debug, Clone)]
pub struct Spot {
    pub id: i64,
    pub latitude: f64,
    pub longitude: f64,
    pub category: IncidentCategory,
    pub deaths: u32,
}

/// The text around the map.
#[derive(Debug, Clone)]
pub struct MapFrame {
    pub title: String,
    pub desc: String,
    pub source: String,
}

/// Whether unpol holds the outline of this country.
pub fn has_outline(country: CountryCode) -> bool {
    outline(country).is_some()
}

/// An equirectangular projection fitted to a box of longitudes and latitudes: at the latitudes
/// of a mission's host country it keeps shapes close to what readers know, and it is a line of
/// arithmetic a test can check.
struct Projection {
    west: f64,
    north: f64,
    x_scale: f64,
    scale: f64,
    x_offset: f64,
    y_offset: f64,
}

impl Projection {
    fn fit(west: f64, east: f64, south: f64, north: f64) -> Projection {
        let x_scale = ((south + north) / 2.0).to_radians().cos().max(0.1);
        let width = ((east - west) * x_scale).max(1e-6);
        let height = (north - south).max(1e-6);
        let scale = ((WIDTH - 2.0 * MARGIN) / width).min((HEIGHT - 2.0 * MARGIN) / height);
        Projection {
            west,
            north,
            x_scale,
            scale,
            x_offset: (WIDTH - width * scale) / 2.0,
            y_offset: (HEIGHT - height * scale) / 2.0,
        }
    }

    fn point(&self, longitude: f64, latitude: f64) -> (f64, f64) {
        (
            self.x_offset + (longitude - self.west) * self.x_scale * self.scale,
            self.y_offset + (self.north - latitude) * self.scale,
        )
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Radius by deaths: the area grows with the count, within bounds that keep a point visible and
/// a massacre from covering a prefecture.
fn radius(deaths: u32) -> f64 {
    (3.0 + 1.2 * f64::from(deaths).sqrt()).min(16.0)
}

/// The map of `country` with the spots; the outline's box frames it.
pub fn draw(country: CountryCode, spots: &[Spot], frame: &MapFrame) -> String {
    let polygons = outline(country)
        .map(|o| o.polygons.as_slice())
        .unwrap_or_default();
    let mut lons: Vec<f64> = polygons.iter().flatten().flatten().map(|p| p[0]).collect();
    let mut lats: Vec<f64> = polygons.iter().flatten().flatten().map(|p| p[1]).collect();
    // The outline frames the map: a point typed far away must not shrink the country to a dot
    // (it falls outside the frame instead). Without an outline the points frame it.
    if lons.is_empty() {
        lons.extend(spots.iter().map(|s| s.longitude));
        lats.extend(spots.iter().map(|s| s.latitude));
    }
    let bound = |values: &[f64], pick: fn(f64, f64) -> f64, empty: f64| {
        values.iter().copied().reduce(pick).unwrap_or(empty)
    };
    let projection = Projection::fit(
        bound(&lons, f64::min, -1.0),
        bound(&lons, f64::max, 1.0),
        bound(&lats, f64::min, -1.0),
        bound(&lats, f64::max, 1.0),
    );
    let mut svg = String::with_capacity(4096 + spots.len() * 160);
    let _ = write!(
        svg,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" role=\"img\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" \
         width=\"{WIDTH}\" height=\"{HEIGHT}\" data-country=\"{country}\"><title>{}</title><desc>{}</desc>",
        escape(&frame.title),
        escape(&frame.desc)
    );
    let mut path = String::new();
    for ring in polygons.iter().flatten() {
        for (i, p) in ring.iter().enumerate() {
            let (x, y) = projection.point(p[0], p[1]);
            let _ = write!(path, "{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" });
        }
        path.push('Z');
    }
    let _ = write!(
        svg,
        "<path class=\"outline\" d=\"{path}\" fill=\"#f2efe9\" stroke=\"#5b5b5b\" stroke-width=\"1\" fill-rule=\"evenodd\"/>"
    );
    // One group per category carries its colour (the page stays light: 1,848 points weigh
    // about 60 KB); inside it the largest first, so that a small point is never hidden under a
    // large one of its category.
    svg.push_str(
        "<g class=\"spots\" fill-opacity=\"0.65\" stroke=\"#ffffff\" stroke-width=\"0.6\">",
    );
    for category in IncidentCategory::ALL {
        let mut order: Vec<&Spot> = spots.iter().filter(|s| s.category == *category).collect();
        if order.is_empty() {
            continue;
        }
        order.sort_by(|a, b| b.deaths.cmp(&a.deaths).then(a.id.cmp(&b.id)));
        let _ = write!(
            svg,
            "<g fill=\"{}\" data-category=\"{}\">",
            colour(*category),
            category.code()
        );
        for spot in order {
            let (x, y) = projection.point(spot.longitude, spot.latitude);
            let _ = write!(
                svg,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\" data-id=\"{}\"/>",
                radius(spot.deaths),
                spot.id
            );
        }
        svg.push_str("</g>");
    }
    svg.push_str("</g></svg>");
    format!("{svg}<figcaption>{}</figcaption>", escape(&frame.source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caf() -> CountryCode {
        CountryCode::parse("CAF").expect("code")
    }

    #[test]
    fn the_projection_puts_north_up_and_east_right_inside_the_frame() {
        let p = Projection::fit(14.4, 27.5, 2.2, 11.0);
        let (west_x, north_y) = p.point(14.4, 11.0);
        let (east_x, south_y) = p.point(27.5, 2.2);
        assert!(
            west_x >= MARGIN - 1e-9 && east_x <= WIDTH - MARGIN + 1e-9,
            "{west_x} {east_x}"
        );
        assert!(
            north_y >= MARGIN - 1e-9 && south_y <= HEIGHT - MARGIN + 1e-9,
            "{north_y} {south_y}"
        );
        assert!(west_x < east_x && north_y < south_y);
    }

    #[test]
    fn the_map_draws_the_outline_and_one_circle_per_spot() {
        let spot = |id, deaths| Spot {
            id,
            latitude: 4.37,
            longitude: 18.58,
            category: IncidentCategory::ProtectionOfCivilians,
            deaths,
        };
        let frame = MapFrame {
            title: "T <&>".into(),
            desc: "D".into(),
            source: "UCDP".into(),
        };
        let svg = draw(caf(), &[spot(1, 0), spot(2, 400)], &frame);
        assert!(svg.contains("class=\"outline\" d=\"M"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(
            svg.find("data-id=\"2\"") < svg.find("data-id=\"1\""),
            "the larger first"
        );
        assert!(svg.contains("r=\"16.0\""), "a massacre's radius is bounded");
        assert!(svg.contains("<title>T &lt;&amp;&gt;</title>"));
    }
}
