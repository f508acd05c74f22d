//! The layouts that list countries first (2015 to October 2019): a country heading, its rows
//! (by mission where the layout has missions), a subtotal per mission and a total per country.

use unpol_domain::Category;

use super::checks::{Sum, check_columns, check_sum, check_total};
use super::layout::{Columns, Parts};
use super::text::Line;
use super::{PdfError, Table};

/// Points a cell may sit from its column's heading.
const SLACK: f64 = 15.0;

/// The state every country-first reader keeps: where it is, and the sums to check.
#[derive(Debug, Default)]
struct Walk {
    table: Table,
    country: Option<String>,
    mission: Option<String>,
    /// Rows of the current country and of the current mission within it.
    country_sum: Sum,
    mission_sum: Sum,
    mission_open: bool,
    grand: Sum,
}

impl Walk {
    fn country(&mut self, name: &str) {
        self.country = Some(name.to_string());
        self.country_sum = Sum::default();
        self.mission = None;
    }

    /// A mission heading; the same mission repeated at the top of a page continues it.
    fn mission(&mut self, name: &str) {
        if self.mission_open && self.mission.as_deref() == Some(name) {
            return;
        }
        self.mission = Some(name.to_string());
        self.mission_sum = Sum::default();
        self.mission_open = true;
    }

    fn row(&mut self, line: &Line, category: &str, figures: [i64; 3]) -> Result<(), PdfError> {
        let country = self
            .country
            .clone()
            .ok_or_else(|| PdfError::at(line, "a row before any country"))?;
        let [male, female, total] = figures;
        for sum in [
            &mut self.country_sum,
            &mut self.mission_sum,
            &mut self.grand,
        ] {
            sum.add(male, female, total);
        }
        let mission = self.mission.clone();
        self.table
            .push(line, mission.as_deref(), &country, category, figures);
        Ok(())
    }

    fn country_name(&self) -> String {
        self.country.clone().unwrap_or_default()
    }
}

fn three(figures: &[i64]) -> [i64; 3] {
    [figures[0], figures[1], figures[2]]
}

/// 2015 to April 2017: `Country` heading; `[mission] description M F total` rows; one figure
/// under a mission's name (its subtotal), then one under the country's name (its total).
pub(super) fn described(lines: &[&Line], columns: &Columns) -> Result<Table, PdfError> {
    let heading = |word| columns.x_of(word).ok_or(PdfError::NotAReport);
    let (country_x, mission_x, post_x) = (
        heading("Country")?,
        heading("Mission")?,
        heading("Description")?,
    );
    let mut walk = Walk::default();
    for line in lines {
        let parts = Parts::of(line);
        match parts.figures.len() {
            0 => {
                let country = columns
                    .cell_at(parts.texts, country_x, SLACK)
                    .ok_or_else(|| PdfError::unexplained(line))?;
                walk.country(&country.text);
            }
            3 => {
                if let Some(mission) = columns.cell_at(parts.texts, mission_x, SLACK) {
                    walk.mission(&mission.text);
                }
                let post = columns
                    .cell_at(parts.texts, post_x, SLACK)
                    .ok_or_else(|| PdfError::unexplained(line))?;
                walk.row(line, &post.text, three(&parts.figures))?;
            }
            1 if walk.mission_open => {
                let what = walk.mission.clone().unwrap_or_default();
                check_total(line, &what, parts.figures[0], walk.mission_sum)?;
                walk.mission_open = false;
                walk.table.checked(line);
            }
            1 => {
                check_total(
                    line,
                    &walk.country_name(),
                    parts.figures[0],
                    walk.country_sum,
                )?;
                walk.table.checked(line);
            }
            _ => return Err(PdfError::unexplained(line)),
        }
    }
    Ok(walk.table)
}

/// May 2017 to August 2019: numbered country headings, `POST` rows; with missions (to February
/// 2018) a mission heading and a subtotal of one figure per mission, then a row of three under
/// the country's name; without, `Total for Country`. Both end with a grand total.
pub(super) fn by_post(
    lines: &[&Line],
    columns: &Columns,
    with_missions: bool,
) -> Result<Table, PdfError> {
    let heading = |word| columns.x_of(word).ok_or(PdfError::NotAReport);
    let country_x = heading("Country")?;
    let post_x = heading("POST")?;
    let mission_x = if with_missions {
        Some(heading("Mission")?)
    } else {
        None
    };
    let mut walk = Walk::default();
    for line in lines {
        let parts = Parts::of(line);
        let text = parts.text();
        match parts.figures.len() {
            0 => {
                if let Some(country) = columns.cell_at(parts.texts, country_x, SLACK) {
                    walk.country(&country.text);
                } else if let Some(mission) =
                    mission_x.and_then(|x| columns.cell_at(parts.texts, x, SLACK))
                {
                    walk.mission(&mission.text);
                } else {
                    return Err(PdfError::unexplained(line));
                }
            }
            3 if text == "Grand Total" || text == "Total" => {
                check_sum(line, "the report", &parts.figures, walk.grand)?;
                walk.table.checked(line);
            }
            3 if text == "Total for Country" || !with_missions && text.starts_with("Total") => {
                check_sum(line, &walk.country_name(), &parts.figures, walk.country_sum)?;
                walk.table.checked(line);
            }
            3 => {
                let post = columns.cell_at(parts.texts, post_x, SLACK);
                match post {
                    Some(post) if Category::from_label(&post.text).is_some() => {
                        walk.row(line, &post.text, three(&parts.figures))?;
                    }
                    // A country's total, printed under its name.
                    _ if with_missions => {
                        check_sum(line, &walk.country_name(), &parts.figures, walk.country_sum)?;
                        walk.table.checked(line);
                    }
                    _ => return Err(PdfError::unexplained(line)),
                }
            }
            1 if with_missions && walk.mission_open => {
                let what = walk.mission.clone().unwrap_or_default();
                check_total(line, &what, parts.figures[0], walk.mission_sum)?;
                walk.mission_open = false;
                walk.table.checked(line);
            }
            _ => return Err(PdfError::unexplained(line)),
        }
    }
    Ok(walk.table)
}

/// October 2019: a country heading, then one line per mission with a pair of columns (men,
/// women) per personnel type, `Total by Country` and `Grand Total`. A type with nobody is not
/// a row (as in the published CSV); the total of a row is men plus women.
pub(super) fn wide(lines: &[&Line], columns: &Columns) -> Result<Table, PdfError> {
    let heading = |word| columns.x_of(word).ok_or(PdfError::NotAReport);
    let country_x = heading("Country")?;
    let mission_x = heading("Mission")?;
    let types = wide_types(columns);
    let width = types.len() * 2;
    if width == 0 {
        return Err(PdfError::NotAReport);
    }
    let mut walk = Walk::default();
    let mut country_sums = vec![0; width];
    let mut grand_sums = vec![0; width];
    let mut after_country = false;
    for line in lines {
        let parts = Parts::of(line);
        let text = parts.text();
        if parts.figures.is_empty() {
            let country = columns
                .cell_at(parts.texts, country_x, SLACK)
                .ok_or_else(|| PdfError::unexplained(line))?;
            // A long name wraps onto a second line.
            let name = match (&walk.country, after_country) {
                (Some(first), true) => format!("{first} {}", country.text),
                _ => country.text.clone(),
            };
            walk.country(&name);
            country_sums.iter_mut().for_each(|s| *s = 0);
            after_country = true;
            continue;
        }
        after_country = false;
        if parts.figures.len() != width {
            return Err(PdfError::unexplained(line));
        }
        if text == "Total by Country" || text == "Grand Total" {
            let (sums, what) = if text == "Grand Total" {
                (&grand_sums, "the report".to_string())
            } else {
                (&country_sums, walk.country_name())
            };
            check_columns(line, &what, &parts.figures, sums)?;
            walk.table.checked(line);
            continue;
        }
        let mission = columns
            .cell_at(parts.texts, mission_x, SLACK)
            .ok_or_else(|| PdfError::unexplained(line))?;
        walk.mission(&mission.text);
        for (i, figure) in parts.figures.iter().enumerate() {
            country_sums[i] += figure;
            grand_sums[i] += figure;
        }
        for (i, label) in types.iter().enumerate() {
            let (male, female) = (parts.figures[2 * i], parts.figures[2 * i + 1]);
            if male + female > 0 {
                walk.row(line, label, [male, female, male + female])?;
            }
        }
    }
    Ok(walk.table)
}

/// The personnel types of the wide layout, from headings such as `UNMEM M`, `UNMEM F`.
fn wide_types(columns: &Columns) -> Vec<String> {
    let mut types: Vec<String> = Vec::new();
    for heading in columns.headings() {
        if let Some(label) = heading.strip_suffix(" M") {
            types.push(label.to_string());
        }
    }
    types
}
