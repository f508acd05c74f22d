//! Roster files: `unpol roster import` and `unpol roster export`, one row per tour (an officer with
//! no tour has one row with empty tour columns), CSV or XLSX. The export reads back through the
//! import unchanged, so a country can keep its roster in a spreadsheet and send it again.

use crate::Store;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use unpol_domain::access::Scope;
use unpol_domain::reference::Resolver;
use unpol_domain::roster::{EndReason, LanguageSkill};
use unpol_domain::text;
use unpol_domain::{Category, CountryCode};
use unpol_import::Table;
use unpol_storage::deployments::DeploymentFilter;
use unpol_storage::officers::{OfficerFields, Page};
use unpol_storage::roster_import::{RosterImportCounts, RosterImportError, TourRow};

use crate::Actor;
use crate::roster::{OfficerInput, validate_officer};

/// The columns of a roster file, in order.
pub const COLUMNS: [&str; 17] = [
    "officer_id",
    "given_name",
    "family_name",
    "nationality",
    "gender",
    "birth_date",
    "rank",
    "languages",
    "skills",
    "vetting",
    "tour_id",
    "mission",
    "category",
    "start",
    "planned_end",
    "actual_end",
    "end_reason",
];

#[derive(Debug, thiserror::Error)]
pub enum RosterFileError {
    #[error("missing column `{0}` in the header")]
    MissingColumn(&'static str),
    /// `(line, reason)` for every bad row; nothing was written.
    #[error("{} invalid row(s); nothing imported", .0.len())]
    Rows(Vec<(u64, String)>),
    #[error(transparent)]
    Storage(#[from] anyhow::Error),
}

fn date(text: &str, column: &str) -> Result<NaiveDate, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("`{text}` in column {column} is not a date YYYY-MM-DD"))
}

fn optional(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// Language skills as roster files and forms write them: `fr:5;en:3`.
pub fn languages_text(skills: &[LanguageSkill]) -> String {
    skills
        .iter()
        .map(|l| format!("{}:{}", l.language, l.level))
        .collect::<Vec<_>>()
        .join(";")
}

/// `fr:5;en:3` to language skills.
pub fn languages(text: &str) -> Result<Vec<LanguageSkill>, String> {
    text.split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (language, level) = part
                .split_once(':')
                .ok_or_else(|| format!("language `{part}`: write code:level, e.g. fr:5"))?;
            let level = level
                .trim()
                .parse()
                .map_err(|_| format!("language `{part}`: the level is a number 1 to 5"))?;
            Ok(LanguageSkill {
                language: language.trim().to_ascii_lowercase(),
                level,
            })
        })
        .collect()
}

struct Row<'a> {
    cells: &'a [String],
    index: &'a [usize; 17],
}

impl Row<'_> {
    /// A cell as it was exported (a formula-like text loses the apostrophe the export added).
    fn get(&self, column: usize) -> &str {
        self.cells
            .get(self.index[column])
            .map_or("", |s| text::from_spreadsheet(s))
    }
}

fn officer_of(
    row: &Row,
    resolver: &Resolver,
    scope: Scope,
    today: NaiveDate,
) -> Result<OfficerFields, String> {
    let input = OfficerInput {
        external_id: row.get(0).to_string(),
        given_name: row.get(1).to_string(),
        family_name: row.get(2).to_string(),
        nationality: row.get(3).to_string(),
        gender: row.get(4).to_string(),
        birth_date: date(row.get(5), "birth_date")?,
        rank: row.get(6).to_string(),
        languages: languages(row.get(7))?,
        skills: row
            .get(8)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        vetting: optional(row.get(9)).unwrap_or("pending").to_string(),
        // Roster files carry no AMS results: an import leaves the stored ones alone.
        assessments: None,
    };
    validate_officer(resolver, scope, today, input).map_err(|e| e.to_string())
}

fn tour_of(
    row: &Row,
    resolver: &Resolver,
    scope: Scope,
    nationality: CountryCode,
) -> Result<Option<TourRow>, String> {
    let Some(external_id) = optional(row.get(10)) else {
        return Ok(None);
    };
    text::check(external_id, text::ID_MAX).map_err(|problem| format!("tour_id {problem}"))?;
    let mission = *resolver
        .mission(row.get(11))
        .ok_or_else(|| format!("unknown mission `{}`", row.get(11).trim()))?;
    if let Some(own) = scope.mission()
        && own != mission
    {
        return Err(format!("you may only record tours in {own}"));
    }
    let category = Category::from_label(row.get(12))
        .filter(|c| c.is_police())
        .ok_or_else(|| {
            format!(
                "category must be individual_police or formed_police_units, not `{}`",
                row.get(12)
            )
        })?;
    let tour = TourRow {
        external_id: external_id.to_string(),
        officer: row.get(0).trim().to_string(),
        nationality,
        mission,
        category,
        start: date(row.get(13), "start")?,
        planned_end: date(row.get(14), "planned_end")?,
        actual_end: optional(row.get(15))
            .map(|d| date(d, "actual_end"))
            .transpose()?,
        end_reason: optional(row.get(16)).map(EndReason::parse).transpose()?,
    };
    unpol_domain::roster::Tour::new(tour.start, tour.planned_end).map_err(|e| e.to_string())?;
    if let Some(end) = tour.actual_end {
        unpol_domain::roster::Tour::new(tour.start, end).map_err(|e| e.to_string())?;
    }
    Ok(Some(tour))
}

/// Validates every row, then writes the file in one transaction. Any bad row (or an overlap with a
/// stored tour) refuses the whole file with `(line, reason)` for each.
pub async fn import(
    store: &Store,
    actor: &Actor,
    table: &Table,
) -> Result<RosterImportCounts, RosterFileError> {
    let db = store.db();
    let scope = actor.scope();
    let mut shape = table.shape_problems();
    for name in &table.header {
        if !COLUMNS.iter().any(|c| c.eq_ignore_ascii_case(name.trim())) {
            shape.push((1, format!("unknown column `{}`", name.trim())));
        }
    }
    if !shape.is_empty() {
        shape.sort();
        return Err(RosterFileError::Rows(shape));
    }
    let mut index = [0usize; 17];
    for (i, name) in COLUMNS.iter().enumerate() {
        index[i] = table
            .column(name)
            .ok_or(RosterFileError::MissingColumn(name))?;
    }
    let resolver = db.resolver().await?;
    let mut errors = Vec::new();
    // An officer is its country's reference; a tour its mission's.
    let mut officers: BTreeMap<(CountryCode, String), (u64, OfficerFields)> = BTreeMap::new();
    let mut tours: Vec<(u64, TourRow)> = Vec::new();
    let mut tour_ids = BTreeSet::new();
    for (line, cells) in &table.rows {
        let row = Row {
            cells,
            index: &index,
        };
        let nationality = match officer_of(&row, &resolver, scope, actor.today()) {
            Err(reason) => {
                errors.push((*line, reason));
                None
            }
            Ok(officer) => {
                let nationality = officer.nationality;
                let key = (nationality, officer.external_id.clone());
                match officers.get(&key) {
                    Some((first, seen)) if *seen != officer => {
                        errors.push((
                            *line,
                            format!("officer {} differs from line {first}", officer.external_id),
                        ));
                    }
                    Some(_) => {}
                    None => {
                        officers.insert(key, (*line, officer));
                    }
                }
                Some(nationality)
            }
        };
        // A tour of a row whose officer is refused is not read: the row is already refused.
        let Some(nationality) = nationality else {
            continue;
        };
        match tour_of(&row, &resolver, scope, nationality) {
            Err(reason) => errors.push((*line, reason)),
            Ok(Some(tour)) if !tour_ids.insert((tour.mission, tour.external_id.clone())) => {
                errors.push((
                    *line,
                    format!("tour {} appears twice in the file", tour.external_id),
                ));
            }
            Ok(Some(tour)) => tours.push((*line, tour)),
            Ok(None) => {}
        }
    }
    if !errors.is_empty() {
        errors.sort();
        return Err(RosterFileError::Rows(errors));
    }
    let officers: Vec<(u64, OfficerFields)> = officers.into_values().collect();
    match db
        .import_roster(&officers, &tours, &actor.event("roster.import", "", ""))
        .await
    {
        Ok(counts) => Ok(counts),
        Err(RosterImportError::Rows(rows)) => Err(RosterFileError::Rows(rows)),
        Err(RosterImportError::Storage(e)) => Err(RosterFileError::Storage(e)),
    }
}

/// The roster the scope allows, as rows of [`COLUMNS`].
pub async fn export(store: &Store, scope: Scope) -> anyhow::Result<Vec<Vec<String>>> {
    let db = store.db();
    let all = Page {
        offset: 0,
        limit: i64::MAX,
    };
    let (officers, _) = db.officers(scope, &Default::default(), all).await?;
    let (tours, _) = db
        .deployments(scope, &DeploymentFilter::default(), all)
        .await?;
    let mut by_officer: BTreeMap<i64, Vec<_>> = BTreeMap::new();
    for t in tours {
        by_officer.entry(t.officer.0).or_default().push(t);
    }
    let mut rows = Vec::new();
    for o in officers {
        let officer_cells = vec![
            o.external_id.clone(),
            o.given_name.clone(),
            o.family_name.clone(),
            o.nationality.to_string(),
            o.gender.code().into(),
            o.birth_date.to_string(),
            o.rank.clone(),
            languages_text(&o.languages),
            o.skills.join(";"),
            o.vetting.clone(),
        ];
        let tours = by_officer.remove(&o.id.0).unwrap_or_default();
        if tours.is_empty() {
            let mut row = officer_cells.clone();
            row.extend(std::iter::repeat_n(String::new(), 7));
            rows.push(row);
        }
        for t in tours {
            let mut row = officer_cells.clone();
            row.extend([
                t.external_id,
                t.mission.to_string(),
                t.category.code().into(),
                t.start.to_string(),
                t.planned_end.to_string(),
                t.actual_end.map(|d| d.to_string()).unwrap_or_default(),
                t.end_reason
                    .map(|r| r.code().to_string())
                    .unwrap_or_default(),
            ]);
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The columns of [`COLUMNS`] that hold days, written as typed dates in a workbook.
const DATE_COLUMNS: [usize; 4] = [5, 13, 14, 15];

/// A file format of the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    pub fn parse(text: &str) -> Option<FileFormat> {
        match text {
            "csv" => Some(FileFormat::Csv),
            "xlsx" => Some(FileFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileFormat::Csv => "csv",
            FileFormat::Xlsx => "xlsx",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            FileFormat::Csv => "text/csv; charset=utf-8",
            FileFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The roster the caller may read, as a file in `format`, with the number of rows. The export
/// is audited once the file is written (a refused or failed one is not an export).
pub async fn export_file(
    store: &Store,
    actor: &Actor,
    format: FileFormat,
) -> anyhow::Result<(Vec<u8>, usize)> {
    let db = store.db();
    let rows = export(store, actor.scope()).await?;
    let (bytes, rows) = tokio::task::spawn_blocking(move || {
        let bytes = match format {
            FileFormat::Csv => csv(&rows),
            FileFormat::Xlsx => xlsx(&rows),
        };
        bytes.map(|b| (b, rows))
    })
    .await??;
    let detail = format!("{} rows, {}", rows.len(), format.extension());
    db.append_audit(&actor.event("roster.export", "", &detail))
        .await?;
    Ok((bytes, rows.len()))
}

/// Rows of [`COLUMNS`] as CSV under a header; no cell is one a spreadsheet would evaluate.
pub fn csv(rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(
            row.iter()
                .map(|cell| text::spreadsheet_safe(cell).into_owned()),
        )?;
    }
    writer
        .into_inner()
        .map_err(|e| anyhow::anyhow!("cannot write the CSV file: {e}"))
}

/// Rows of [`COLUMNS`] as an XLSX workbook under a header: days as dates, the rest as text
/// (an XLSX text cell is never evaluated).
pub fn xlsx(rows: &[Vec<String>]) -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (c, name) in (0u16..).zip(COLUMNS) {
        sheet.write_string(0, c, name)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, value) in (0u16..).zip(row) {
            let day = DATE_COLUMNS
                .contains(&usize::from(c))
                .then(|| value.parse::<NaiveDate>().ok())
                .flatten();
            // A day a spreadsheet cannot hold as a date (before 1900) stays text.
            let cell = day.and_then(|day| {
                rust_xlsxwriter::ExcelDateTime::from_ymd(
                    u16::try_from(day.year()).ok()?,
                    u8::try_from(day.month()).ok()?,
                    u8::try_from(day.day()).ok()?,
                )
                .ok()
            });
            match cell {
                Some(cell) => {
                    sheet.write_datetime_with_format(r, c, &cell, &date)?;
                }
                None if value.is_empty() => {}
                None => {
                    sheet.write_string(r, c, value)?;
                }
            }
        }
    }
    Ok(book.save_to_buffer()?)
}
