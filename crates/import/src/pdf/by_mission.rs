//! The layouts that list missions first (November 2019 onwards): a mission heading, its
//! countries and their rows, a total per mission and a grand total.

use unpol_domain::Category;

use super::checks::{Sum, check_sum};
use super::layout::{Columns, Parts};
use super::text::{Cell, Line};
use super::{PdfError, Table, parse_date};

/// Points a cell may sit from its column's heading.
const SLACK: f64 = 12.0;

/// The sums of the current mission and of the whole report.
#[derive(Debug, Default)]
struct Walk {
    table: Table,
    mission: Option<String>,
    mission_sum: Sum,
    mission_rows: usize,
    grand: Sum,
}

impl Walk {
    /// A mission heading; the same mission repeated at the top of a page continues it.
    fn mission(&mut self, name: &str) {
        if self.mission_rows > 0 && self.mission.as_deref() == Some(name) {
            return;
        }
        self.mission = Some(name.to_string());
        self.mission_sum = Sum::default();
        self.mission_rows = 0;
    }

    fn row(&mut self, line: &Line, country: &str, category: &str, figures: &[i64]) {
        let figures = [figures[0], figures[1], figures[2]];
        let [male, female, total] = figures;
        self.mission_sum.add(male, female, total);
        self.grand.add(male, female, total);
        self.mission_rows += 1;
        let mission = self.mission.clone();
        self.table
            .push(line, mission.as_deref(), country, category, figures);
    }

    fn close_mission(&mut self, line: &Line, printed: &[i64]) -> Result<(), PdfError> {
        let what = self.mission.clone().unwrap_or_default();
        check_sum(line, &what, printed, self.mission_sum)?;
        self.table.checked(line);
        self.mission_rows = 0;
        Ok(())
    }

    fn close_report(&mut self, line: &Line, printed: &[i64]) -> Result<(), PdfError> {
        check_sum(line, "the report", printed, self.grand)?;
        self.table.checked(line);
        Ok(())
    }
}

fn heading(columns: &Columns, word: &str) -> Result<f64, PdfError> {
    columns.x_of(word).ok_or(PdfError::NotAReport)
}

/// November 2019 to January 2021: mission heading; contributor heading (a long name wraps onto
/// a second line); `description M F total` rows; totals printed without a label, the mission's
/// after its rows and the report's after the last mission's.
pub(super) fn by_contributor(lines: &[&Line], columns: &Columns) -> Result<Table, PdfError> {
    let mission_x = heading(columns, "Mission")?;
    let country_x = heading(columns, "Contributor")?;
    let post_x = heading(columns, "Description")?;
    let mut walk = Walk::default();
    let mut country = String::new();
    let mut after_country = false;
    for line in lines {
        let parts = Parts::of(line);
        match parts.figures.len() {
            0 => {
                if let Some(mission) = columns.cell_at(parts.texts, mission_x, SLACK) {
                    walk.mission(&mission.text);
                    after_country = false;
                } else if let Some(name) = columns.cell_at(parts.texts, country_x, SLACK) {
                    if after_country {
                        country.push(' ');
                        country.push_str(&name.text);
                    } else {
                        country = name.text.clone();
                    }
                    after_country = true;
                } else {
                    return Err(PdfError::unexplained(line));
                }
            }
            3 if parts.texts.is_empty() => {
                if walk.mission_rows > 0 {
                    walk.close_mission(line, &parts.figures)?;
                } else {
                    walk.close_report(line, &parts.figures)?;
                }
                after_country = false;
            }
            3 => {
                let post = columns
                    .cell_at(parts.texts, post_x, SLACK)
                    .ok_or_else(|| PdfError::unexplained(line))?;
                if country.is_empty() {
                    return Err(PdfError::at(line, "a row before any contributor"));
                }
                walk.row(line, &country, &post.text, &parts.figures);
                after_country = false;
            }
            _ => return Err(PdfError::unexplained(line)),
        }
    }
    Ok(walk.table)
}

/// February 2021 onwards: mission heading; rows `[country] type M F total` where the country
/// sits in a cell merged across its rows, printed once, vertically centred on them; `Total
/// MISSION` and `Grand Total`.
///
/// Which rows a country label belongs to is read from the geometry, not from ruling lines (one
/// month, September 2022, has none): a mission's rows are cut into consecutive blocks, one per
/// label, each block centred on its label. A block cut by a page break is centred on all its
/// rows, as if the page went on: its label says how many rows it takes from the next page, or
/// how many it took from the previous one.
pub(super) fn merged_country(lines: &[&Line], columns: &Columns) -> Result<Table, PdfError> {
    let mission_x = heading(columns, "Mission")?;
    let country_x = heading(columns, "Country")?;
    let type_x = heading(columns, "Personnel")?;
    let mut walk = Walk::default();
    let mut blocks = Blocks::default();
    for line in lines {
        if blocks.page.is_some_and(|page| page != line.page) {
            blocks.flush(&mut walk, false)?;
        }
        blocks.page = Some(line.page);
        let parts = Parts::of(line);
        let first = parts.texts.first().map(|c| c.text.as_str()).unwrap_or("");
        match parts.figures.len() {
            0 => {
                if let Some(mission) = columns.cell_at(parts.texts, mission_x, SLACK) {
                    blocks.flush(&mut walk, true)?;
                    walk.mission(&mission.text);
                } else if let Some(name) = columns.cell_at(parts.texts, country_x, SLACK) {
                    blocks.labels.push(Label::of(line, name));
                } else {
                    return Err(PdfError::unexplained(line));
                }
            }
            3 if first == "Grand Total" => {
                blocks.flush(&mut walk, true)?;
                walk.close_report(line, &parts.figures)?;
            }
            3 if first.starts_with("Total") => {
                blocks.flush(&mut walk, true)?;
                walk.close_mission(line, &parts.figures)?;
            }
            3 => {
                let kind = columns
                    .cell_at(parts.texts, type_x, SLACK)
                    .filter(|c| Category::from_label(&c.text).is_some())
                    .ok_or_else(|| PdfError::unexplained(line))?;
                if let Some(name) = columns.cell_at(parts.texts, country_x, SLACK) {
                    blocks.labels.push(Label::of(line, name));
                }
                blocks.rows.push(Pending {
                    line,
                    kind: kind.text.clone(),
                    figures: parts.figures.clone(),
                    y: line.y,
                });
            }
            _ => return Err(PdfError::unexplained(line)),
        }
    }
    blocks.flush(&mut walk, true)?;
    Ok(walk.table)
}

/// A country label of the merged-cell layout.
#[derive(Debug, Clone)]
struct Label<'a> {
    line: &'a Line,
    y: f64,
    text: String,
}

impl<'a> Label<'a> {
    fn of(line: &'a Line, cell: &Cell) -> Label<'a> {
        Label {
            line,
            y: line.y,
            text: cell.text.clone(),
        }
    }
}

/// A row waiting for its country; `y` may be virtual (a row of the previous page, placed above
/// the top of this one).
#[derive(Debug, Clone)]
struct Pending<'a> {
    line: &'a Line,
    kind: String,
    figures: Vec<i64>,
    y: f64,
}

/// The rows and labels of one mission on one page, waiting to be matched, and what a block cut
/// by the page break carries over.
#[derive(Debug, Default)]
struct Blocks<'a> {
    page: Option<u32>,
    rows: Vec<Pending<'a>>,
    labels: Vec<Label<'a>>,
    /// Rows at the end of the previous page whose label is on this one.
    unlabelled: Vec<Pending<'a>>,
    /// A label of the previous page whose block goes on here, and how many rows it still takes.
    carried: Option<(Label<'a>, usize)>,
    row_height: Option<f64>,
}

impl Blocks<'_> {
    /// Matches rows and labels at a page break (`closing` false) or at the end of a mission.
    fn flush(&mut self, walk: &mut Walk, closing: bool) -> Result<(), PdfError> {
        let mut rows = std::mem::take(&mut self.rows);
        let mut labels = merge_wrapped(std::mem::take(&mut self.labels), &rows);
        // Some pages print a cut block's label again, centred on its rows as if the previous
        // page went on: the same label, already counted.
        if let (Some((carried, _)), Some(first)) = (&self.carried, labels.first())
            && carried.text == first.text
        {
            labels.remove(0);
        }
        if let Some(height) = row_height(&rows) {
            self.row_height = Some(height);
        }
        let mut start = 0;
        if let Some((label, wanted)) = self.carried.take() {
            let taken = wanted.min(rows.len());
            for row in &rows[..taken] {
                walk.row(row.line, &label.text, &row.kind, &row.figures);
            }
            start = taken;
            if taken < wanted {
                self.carried = Some((label, wanted - taken));
                return self.finish(closing, labels.first().map(|l| l.line));
            }
        }
        let unlabelled = std::mem::take(&mut self.unlabelled);
        let first_y = rows.get(start).map(|r| r.y);
        let height = self.row_height.unwrap_or(0.0);
        let mut ahead: Vec<Pending> = unlabelled
            .into_iter()
            .enumerate()
            .map(|(i, row)| Pending {
                y: first_y.unwrap_or(0.0) - height * (i + 1) as f64,
                ..row
            })
            .collect();
        ahead.reverse();
        let pending: Vec<Pending> = ahead.into_iter().chain(rows.drain(start..)).collect();
        let ys: Vec<f64> = pending.iter().map(|r| r.y).collect();
        let mut next = 0;
        for (i, label) in labels.iter().enumerate() {
            let centre = position(&ys, label.y, height);
            let count = (2.0 * (centre - next as f64) + 1.0).round();
            if count < 1.0 {
                return Err(cannot_tell(label));
            }
            let count = count as usize;
            let end = (next + count).min(pending.len());
            if end < next + count && (i + 1 < labels.len() || closing) {
                return Err(cannot_tell(label));
            }
            for row in &pending[next..end] {
                walk.row(row.line, &label.text, &row.kind, &row.figures);
            }
            if end < next + count {
                self.carried = Some((label.clone(), next + count - end));
            }
            next = end;
        }
        self.unlabelled = pending[next..].to_vec();
        self.finish(closing, None)
    }

    fn finish(&mut self, closing: bool, stray: Option<&Line>) -> Result<(), PdfError> {
        if let Some(line) = stray {
            return Err(PdfError::at(
                line,
                "a country label inside another country's rows",
            ));
        }
        if closing {
            if let Some(row) = self.unlabelled.first() {
                return Err(PdfError::at(row.line, "a row without a country"));
            }
            if let Some((label, _)) = &self.carried {
                return Err(cannot_tell(label));
            }
        }
        Ok(())
    }
}

fn cannot_tell(label: &Label) -> PdfError {
    PdfError::at(
        label.line,
        format!(
            "cannot tell which rows the country \"{}\" labels",
            label.text
        ),
    )
}

/// The usual distance between two rows' baselines.
fn row_height(rows: &[Pending]) -> Option<f64> {
    let mut gaps: Vec<f64> = rows.windows(2).map(|w| w[1].y - w[0].y).collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied()
}

/// Where `y` falls among the rows' baselines, as a fractional row index; below the last row, as
/// if rows went on `height` apart.
fn position(ys: &[f64], y: f64, height: f64) -> f64 {
    match ys.iter().position(|&row| row >= y - 0.5) {
        None if ys.is_empty() || height <= 0.0 => ys.len() as f64 - 1.0,
        None => ys.len() as f64 - 1.0 + (y - ys[ys.len() - 1]) / height,
        Some(0) => 0.0,
        Some(i) if (ys[i] - y).abs() <= 0.5 => i as f64,
        Some(i) => (i - 1) as f64 + (y - ys[i - 1]) / (ys[i] - ys[i - 1]),
    }
}

/// A long country name wraps inside its cell, its two lines straddling the row's baseline: two
/// labels closer than a row's height are one name (two countries' labels are at least a row
/// apart, each centred on rows of its own).
fn merge_wrapped<'a>(labels: Vec<Label<'a>>, rows: &[Pending]) -> Vec<Label<'a>> {
    let row_height = row_height(rows).unwrap_or(f64::INFINITY);
    let mut merged: Vec<Label<'a>> = Vec::new();
    for label in labels {
        if let Some(last) = merged.last_mut()
            && label.y - last.y < 0.8 * row_height
        {
            last.text.push(' ');
            last.text.push_str(&label.text);
            last.y = (last.y + label.y) / 2.0;
            continue;
        }
        merged.push(label);
    }
    merged
}

/// October 2024: one line per figure, `mission country type M F total date`, no totals. A long
/// country name wraps around its row: half on a line just above it, half just below.
pub(super) fn flat(lines: &[&Line]) -> Result<Table, PdfError> {
    let mut walk = Walk::default();
    let mut above: Option<&Line> = None;
    let mut skip_next = false;
    for (index, line) in lines.iter().enumerate() {
        if std::mem::take(&mut skip_next) {
            continue;
        }
        let Some((date_cell, cells)) = line.cells.split_last() else {
            continue;
        };
        let Some(date) = parse_date(&date_cell.text) else {
            // Half of a wrapped name; the row it belongs to follows.
            above = Some(line);
            continue;
        };
        match walk.table.date {
            None => walk.table.date = Some(date),
            Some(first) if first != date => {
                return Err(PdfError::at(
                    line,
                    format!("a row dated {date} in a report dated {first}"),
                ));
            }
            Some(_) => {}
        }
        let row = Line {
            cells: cells.to_vec(),
            ..(*line).clone()
        };
        let parts = Parts::of(&row);
        let (Some((mission, rest)), 3) = (parts.texts.split_first(), parts.figures.len()) else {
            return Err(PdfError::unexplained(line));
        };
        let Some((kind, country)) = rest.split_last() else {
            return Err(PdfError::unexplained(line));
        };
        if Category::from_label(&kind.text).is_none() {
            return Err(PdfError::unexplained(line));
        }
        let mut name: Vec<String> = country.iter().map(|c| c.text.clone()).collect();
        if name.is_empty() {
            let below = lines.get(index + 1).filter(|l| l.cells.len() == 1);
            let (Some(above), Some(below)) = (above.take(), below) else {
                return Err(PdfError::at(line, "a row without a country"));
            };
            name = vec![above.text(), below.text()];
            skip_next = true;
        }
        above = None;
        if walk.mission.as_deref() != Some(mission.text.as_str()) {
            walk.mission(&mission.text);
        }
        walk.row(line, &name.join(" "), &kind.text, &parts.figures);
    }
    Ok(walk.table)
}
