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
const HEIGHT: u32 = 410;
/// Each row of the legend, which has its band under the plot so that it never covers a line.
const LEGEND_ROW: i32 = 22;
/// Where the legend starts, under the plot rather than under the axis labels.
const LEGEND_LEFT: i32 = 96;
/// Text size as plotters takes it (it writes 0.8 of it into the SVG: 18 is 14.5 px). The chart
/// is drawn 760 wide and shown narrower on most screens: the default 12 came out at 9.7 px.
const TEXT: u32 = 18;
/// At most this many labelled ticks on the month axis.
const MAX_TICKS: i32 = 8;
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
    let places = legend_places(series);
    let rows = places.iter().map(|p| p.1 + 1).max().unwrap_or(0);
    let band = u32::try_from(rows * LEGEND_ROW + 12).unwrap_or(0);
    let (plot, legend) = root.split_vertically(HEIGHT - band);
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
    // A long title (a mission's full name) gets smaller type rather than running off the edge.
    let title_chars = u32::try_from(frame.title.chars().count()).unwrap_or(u32::MAX);
    let title_size = ((WIDTH - 24) * 2 / title_chars.max(1)).clamp(TEXT - 4, TEXT + 3);
    let mut chart = ChartBuilder::on(&plot)
        .caption(&frame.title, ("sans-serif", title_size))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(84)
        .build_cartesian_2d((first..last).with_key_points(ticks(first, last)), 0.0..top)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .x_label_formatter(&x_label)
        .y_labels(6)
        .y_label_formatter(&y_label)
        .y_desc(&frame.y_label)
        .label_style(("sans-serif", TEXT))
        .axis_desc_style(("sans-serif", TEXT))
        .disable_x_mesh()
        .draw()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    for (index, line) in series.iter().enumerate() {
        let style = ShapeStyle::from(&COLOURS[index % COLOURS.len()]).stroke_width(2);
        // A month without figures is a gap, not a straight line from the last month with some.
        for run in runs(&line.points) {
            let points = run.iter().map(|(m, v)| (month_index(*m), *v));
            if line.dashed {
                chart.draw_series(DashedLineSeries::new(points, 6, 4, style))
            } else {
                chart.draw_series(LineSeries::new(points, style))
            }
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    draw_legend(&legend, series, &places)?;
    root.present().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
}

/// Labelled ticks on January of every year (every few years over a long span), or on each
/// quarter's first month within a year: never on odd months such as 2016-09.
fn ticks(first: i32, last: i32) -> Vec<i32> {
    let (first_year, last_year) = (first.div_euclid(12), last.div_euclid(12));
    let years = last_year - first_year + 1;
    let step = (years + MAX_TICKS - 1) / MAX_TICKS;
    let januaries: Vec<i32> = (first_year..=last_year)
        .filter(|y| (y - first_year) % step.max(1) == 0)
        .map(|y| y * 12)
        .filter(|i| (first..=last).contains(i))
        .collect();
    if januaries.len() >= 2 {
        return januaries;
    }
    (first..=last).filter(|i| i.rem_euclid(3) == 0).collect()
}

/// Up to this many months in a row without figures are bridged (a report the UN skipped, or
/// that the data set lacks); a longer absence, such as the 18 months when the UN published no
/// mission figures (2018-03 to 2019-08), is a gap in the line.
const BRIDGED: i32 = 2;

/// The points split where more than [`BRIDGED`] months in a row are missing.
fn runs(points: &[(Month, f64)]) -> Vec<&[(Month, f64)]> {
    let mut runs = Vec::new();
    let mut start = 0;
    for i in 1..=points.len() {
        let broken = i == points.len()
            || month_index(points[i].0) - month_index(points[i - 1].0) > BRIDGED + 1;
        if broken {
            runs.push(&points[start..i]);
            start = i;
        }
    }
    runs.retain(|r| !r.is_empty());
    runs
}

/// Where each legend entry goes: its left edge and its row. Entries go side by side, and to a
/// new row when the next would pass the right edge.
fn legend_places(series: &[Series]) -> Vec<(i32, i32)> {
    let right = i32::try_from(WIDTH).unwrap_or(760) - 12;
    let (mut x, mut row) = (LEGEND_LEFT, 0);
    series
        .iter()
        .map(|line| {
            // A sample, a space, and about 0.55 em (8 px) per character of a sans-serif label.
            let chars = i32::try_from(line.label.chars().count()).unwrap_or(40);
            let width = 38 + chars * 8 + 24;
            if x > LEGEND_LEFT && x + width > right {
                (x, row) = (LEGEND_LEFT, row + 1);
            }
            let place = (x, row);
            x += width;
            place
        })
        .collect()
}

/// The legend: a sample of each line (dashed for a target, as drawn) and its label.
fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Series],
    places: &[(i32, i32)],
) -> anyhow::Result<()> {
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| anyhow::anyhow!("{e}");
    let half_text = i32::try_from(TEXT / 2).unwrap_or(7);
    for (index, (line, &(x, row))) in series.iter().zip(places).enumerate() {
        let y = 6 + row * LEGEND_ROW + LEGEND_ROW / 2;
        let style = ShapeStyle::from(&COLOURS[index % COLOURS.len()]).stroke_width(2);
        let sample: &[(i32, i32)] = if line.dashed {
            &[(0, 8), (12, 20), (24, 30)]
        } else {
            &[(0, 30)]
        };
        for &(from, to) in sample {
            area.draw(&PathElement::new(vec![(x + from, y), (x + to, y)], style))
                .map_err(fail)?;
        }
        let text = Text::new(
            line.label.clone(),
            (x + 38, y - half_text),
            ("sans-serif", TEXT),
        );
        area.draw(&text).map_err(fail)?;
    }
    Ok(())
}

/// Adds the role, title and description screen readers announce, and the source as a caption.
fn accessible(svg: String, frame: &Frame, series: &[Series]) -> String {
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
    dressed(svg, frame, &desc)
}

/// A drawn chart (or none: an empty frame) with the role, title and description screen readers
/// announce, and the source as a caption.
fn dressed(mut svg: String, frame: &Frame, desc: &str) -> String {
    let head = format!(
        "<title>{}</title><desc>{}</desc>",
        escape(&frame.title),
        escape(desc)
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

/// A bar chart of counts: for each group (a year), one bar per series, side by side, with a
/// legend under the plot. Without groups it still draws the frame and says so in `<desc>`.
pub fn bars(frame: &Frame, series: &[String], groups: &[(String, Vec<f64>)]) -> String {
    let mut svg = String::new();
    if let Err(error) = draw_bars(&mut svg, frame, series, groups) {
        tracing::error!("chart `{}` not drawn: {error}", frame.title);
        svg.clear();
    }
    let lang = frame.lang;
    let desc: Vec<String> = groups
        .iter()
        .map(|(group, values)| {
            let parts: Vec<String> = series
                .iter()
                .zip(values)
                .map(|(name, v)| {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let n = lang.number(v.round().max(0.0) as u64);
                    format!("{name} {n}")
                })
                .collect();
            format!("{group}: {}", parts.join(", "))
        })
        .collect();
    dressed(svg, frame, &desc.join("; "))
}

fn draw_bars(
    svg: &mut String,
    frame: &Frame,
    series: &[String],
    groups: &[(String, Vec<f64>)],
) -> anyhow::Result<()> {
    // The x axis in hundredths of a group, so that bars sit between whole coordinates.
    let n = i32::try_from(groups.len().max(1)).unwrap_or(1);
    let width = n * 100;
    let top = groups
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0_f64, f64::max);
    // Whole numbers on the axis: at least 0 to 5, one tick per allegation while they are few.
    let top = (top * 1.1).ceil().max(5.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let ticks = (top as usize).min(6) + 1;
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| anyhow::anyhow!("{e}"))?;
    let band = u32::try_from(LEGEND_ROW + 12).unwrap_or(0);
    let (plot, legend) = root.split_vertically(HEIGHT - band);
    let lang = frame.lang;
    let centres: Vec<i32> = (0..n).map(|i| i * 100 + 50).collect();
    let x_label = |x: &i32| {
        usize::try_from(x.div_euclid(100))
            .ok()
            .and_then(|index| groups.get(index))
            .map_or_else(String::new, |g| g.0.clone())
    };
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let y_label = |v: &f64| lang.number(v.round().max(0.0) as u64);
    let mut chart = ChartBuilder::on(&plot)
        .caption(&frame.title, ("sans-serif", TEXT + 2))
        .margin(12)
        .x_label_area_size(40)
        .y_label_area_size(84)
        .build_cartesian_2d((0..width).with_key_points(centres), 0.0..top)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    chart
        .configure_mesh()
        .x_label_formatter(&x_label)
        .y_labels(ticks)
        .y_label_formatter(&y_label)
        .y_desc(&frame.y_label)
        .label_style(("sans-serif", TEXT))
        .axis_desc_style(("sans-serif", TEXT))
        .disable_x_mesh()
        .draw()
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let bar = 70 / i32::try_from(series.len().max(1)).unwrap_or(1);
    for (g, (_, values)) in (0..).zip(groups) {
        for (k, value) in (0..).zip(values) {
            let left = g * 100 + 15 + k * bar;
            let style = ShapeStyle::from(&COLOURS[usize::try_from(k).unwrap_or(0) % COLOURS.len()])
                .filled();
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(left, 0.0), (left + bar * 9 / 10, *value)],
                    style,
                )))
                .map_err(|e| anyhow::anyhow!("{e}"))?;
        }
    }
    let half_text = i32::try_from(TEXT / 2).unwrap_or(7);
    let mut x = LEGEND_LEFT;
    for (k, name) in series.iter().enumerate() {
        let y = 6 + LEGEND_ROW / 2;
        let style = ShapeStyle::from(&COLOURS[k % COLOURS.len()]).filled();
        legend
            .draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], style))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        legend
            .draw(&Text::new(
                name.clone(),
                (x + 32, y - half_text),
                ("sans-serif", TEXT),
            ))
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        x += 48 + i32::try_from(name.chars().count()).unwrap_or(20) * 9;
    }
    root.present().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(())
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

    #[test]
    fn months_without_figures_are_a_gap() {
        let points = [
            (month("2018-01"), 1.0),
            (month("2018-02"), 2.0),
            (month("2019-10"), 3.0),
            (month("2019-11"), 4.0),
            // Two months missing: bridged.
            (month("2020-02"), 5.0),
            // Three: a gap.
            (month("2020-06"), 6.0),
        ];
        let runs: Vec<usize> = runs(&points).iter().map(|r| r.len()).collect();
        assert_eq!(runs, [2, 3, 1]);
        assert!(super::runs(&[]).is_empty());
    }

    #[test]
    fn ticks_fall_on_januaries_or_quarters() {
        let (from, to) = (month_index(month("2015-01")), month_index(month("2025-07")));
        let years: Vec<i32> = ticks(from, to).iter().map(|i| i.div_euclid(12)).collect();
        assert_eq!(years, [2015, 2017, 2019, 2021, 2023, 2025]);
        assert!(ticks(from, to).iter().all(|i| i.rem_euclid(12) == 0));
        let (from, to) = (month_index(month("2016-09")), month_index(month("2018-05")));
        assert_eq!(ticks(from, to), [2017 * 12, 2018 * 12]);
        let (from, to) = (month_index(month("2018-02")), month_index(month("2018-11")));
        let quarters: Vec<i32> = ticks(from, to)
            .iter()
            .map(|i| i.rem_euclid(12) + 1)
            .collect();
        assert_eq!(quarters, [4, 7, 10]);
    }

    #[test]
    fn a_target_is_dashed_in_the_legend_too_and_the_legend_is_under_the_plot() {
        let frame = Frame {
            title: "Parity".into(),
            y_label: "Share".into(),
            unit: Unit::Share,
            source: "Source".into(),
            lang: Lang::En,
        };
        let measured = Series {
            label: "Individual police officers".into(),
            points: vec![(month("2018-01"), 0.1), (month("2019-01"), 0.2)],
            dashed: false,
        };
        let target = Series {
            label: "Individual police officers, target".into(),
            dashed: true,
            ..measured.clone()
        };
        let places = legend_places(&[measured.clone(), target.clone()]);
        assert_eq!(places[0], (LEGEND_LEFT, 0));
        assert!(places[1].0 > places[0].0 || places[1].1 == 1);
        let svg = line(&frame, &[measured, target]);
        // The dashed sample is three short segments under the plot.
        let short = svg.matches("<polyline").count();
        assert!(short >= 4, "{svg}");
        let smallest = svg
            .split("font-size=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse::<f64>().ok())
            .fold(f64::INFINITY, f64::min);
        assert!(
            (14.0..f64::INFINITY).contains(&smallest),
            "{smallest} px: {svg}"
        );
    }
}
