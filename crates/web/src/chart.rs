//! Charts as SVG drawn on the server with plotters, readable without JavaScript: a title, axes
//! with units, a legend, the source under the chart, and `<title>`/`<desc>` for screen readers.

use plotters::prelude::*;
use unpol_domain::Month;

use crate::i18n::Lang;

/// What the values of a chart are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    /// From 0 to 1, shown as a percentage.
    Share,
}

/// The text around a chart.
#[derive(Debug, Clone)]
pub struct Frame {
    pub title: String,
    pub y_label: String,
    pub unit: Unit,
    /// Named under the chart.
    pub source: String,
    pub lang: Lang,
}

/// One line of a chart.
#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub points: Vec<(Month, f64)>,
    /// Targets are dashed, measured values solid.
    pub dashed: bool,
}

const WIDTH: u32 = 760;
const HEIGHT: u32 = 380;
/// Colour-blind-safe (Okabe-Ito), in the order of the series.
const COLOURS: [RGBColor; 4] = [
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
    RGBColor(0, 114, 178),
    RGBColor(213, 94, 0),
];

fn month_index(m: Month) -> i32 {
    m.year() * 12 + i32::try_from(m.month()).unwrap_or(1) - 1
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A line chart over months. Without points it still draws the frame and says so in `<desc>`.
pub fn line(frame: &Frame, series: &[Series]) -> String {
    let mut svg = String::new();
    if let Err(error) = draw(&mut svg, frame, series) {
        tracing::warn!(%error, "chart not drawn");
        svg.clear();
    }
    accessible(svg, frame, series)
}

fn draw(svg: &mut String, frame: &Frame, series: &[Series]) -> anyhow::Result<()> {
    let months = series.iter().flat_map(|s| s.points.iter().map(|p| p.0));
    let (first, last) = months.fold((i32::MAX, i32::MIN), |(lo, hi), m| {
        (lo.min(month_index(m)), hi.max(month_index(m)))
    });
    let (first, last) = if first > last {
        (0, 1)
    } else {
        (first, last.max(first + 1))
    };
    let top = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.1))
        .fold(0.0_f64, f64::max);
    let top = match frame.unit {
        Unit::Share => (top * 1.15).clamp(0.05, 1.0),
        Unit::Count => (top * 1.1).max(1.0),
    };

    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow::anyhow!("{e}"))?;
    let lang = frame.lang;
    let x_label = |i: &i32| {
        let year = i.div_euclid(12);
        let month = u32::try_from(i.rem_euclid(12)).unwrap_or(0) + 1;
        Month::new(year, month).map_or_else(String::new, |m| {
            if month == 1 {
                year.to_string()
            } else {
                m.to_string()
            }
        })
    };
    let y_label = |v: &f64| match frame.unit {
        Unit::Share => lang.percent(*v),
        // The axis of head counts: whole numbers.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Unit::Count => lang.number(v.round().max(0.0) as u64),
    };
    let mut chart = ChartBuilder::on(&root)
        .caption(&frame.title, ("sans-serif", 18))
        .margin(12)
        .x_label_area_size(36)
        .y_label_area_size(72)
        .build_cartesian_2d(first..last, 0.0..top)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .x_labels(8)
        .x_label_formatter(&x_label)
        .y_labels(6)
        .y_label_formatter(&y_label)
        .y_desc(&frame.y_label)
        .disable_x_mesh()
        .draw()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (index, line) in series.iter().enumerate() {
        let colour = COLOURS[index % COLOURS.len()];
        let points = line.points.iter().map(|(m, v)| (month_index(*m), *v));
        let style = ShapeStyle::from(&colour).stroke_width(2);
        let drawn = if line.dashed {
            chart.draw_series(DashedLineSeries::new(points, 6, 4, style))
        } else {
            chart.draw_series(LineSeries::new(points, style))
        };
        drawn
            .map_err(|e| anyhow::anyhow!("{e}"))?
            .label(&line.label)
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    root.present().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

/// Adds the role, title and description screen readers announce, and the source as a caption.
fn accessible(mut svg: String, frame: &Frame, series: &[Series]) -> String {
    let lang = frame.lang;
    let describe = |s: &Series| -> String {
        let last = s.points.last().map(|(m, v)| {
            let value = match frame.unit {
                Unit::Share => lang.percent(*v),
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Unit::Count => lang.number(v.round().max(0.0) as u64),
            };
            format!("{}: {value} ({m})", s.label)
        });
        last.unwrap_or_else(|| s.label.clone())
    };
    let desc = series.iter().map(describe).collect::<Vec<_>>().join("; ");
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&frame.title),
        escape(&desc)
    );
    match svg.find('>') {
        Some(end) if svg.starts_with("<svg") => {
            svg.insert_str(end + 1, &head);
            svg.insert_str(end, " role=\"img\" class=\"chart\"");
        }
        _ => {
            svg = format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"{WIDTH}\" height=\"{HEIGHT}\">{head}</svg>"
            );
        }
    }
    format!("{svg}<figcaption>{}</figcaption>", escape(&frame.source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(text: &str) -> Month {
        text.parse().expect("valid month")
    }

    #[test]
    fn a_chart_has_its_title_axes_legend_and_source() {
        let frame = Frame {
            title: "Women among UN police".into(),
            y_label: "Share of women".into(),
            unit: Unit::Share,
            source: "Source: UN DPO".into(),
            lang: Lang::Fr,
        };
        let svg = line(
            &frame,
            &[Series {
                label: "IPO".into(),
                points: vec![(month("2018-01"), 0.105), (month("2019-01"), 0.2)],
                dashed: false,
            }],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("<title>Women among UN police</title>"));
        assert!(svg.contains("IPO: 20,0\u{202f}% (2019-01)"), "{svg}");
        assert!(svg.contains("Share of women"));
        assert!(svg.contains("<figcaption>Source: UN DPO</figcaption>"));
        assert!(
            svg.contains("<polyline") || svg.contains("<path"),
            "a line is drawn"
        );
        assert!(
            !svg.contains("style="),
            "no inline style (the CSP forbids it)"
        );
    }
}
