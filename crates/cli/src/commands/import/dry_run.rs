//! `unpol import published FILE --dry-run`: the rows a file holds, as unpol reads them, in the
//! columns of the UN's published CSV, so that a reading (of a PDF above all) can be checked by
//! eye or by a script before anything is imported. The output imports as it is.

use serde::Serialize;
use unpol_app::Store;
use unpol_domain::Category;
use unpol_domain::published::Level;
use unpol_domain::reference::{Country, Resolver};
use unpol_import::ParsedFile;

use crate::cli::Format;
use crate::output;

/// One row in the published CSV's columns.
#[derive(Debug, Serialize)]
struct Row {
    report_date: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mission: Option<String>,
    contributing_country: String,
    contributing_country_std: String,
    iso3: String,
    personnel_type: String,
    personnel_type_as_printed: String,
    male: i64,
    female: i64,
    total: i64,
    source_pdf: String,
}

/// The reference data a dry run names countries with, read once for all the files.
#[derive(Debug)]
pub struct Names {
    resolver: Resolver,
    countries: Vec<Country>,
}

impl Names {
    pub async fn load(db: &Store) -> anyhow::Result<Names> {
        Ok(Names {
            resolver: unpol_app::reference::resolver(db).await?,
            countries: unpol_app::reference::countries(db).await?,
        })
    }
}

pub fn print(names: &Names, name: &str, parsed: &ParsedFile, format: Format) -> anyhow::Result<()> {
    let Names {
        resolver,
        countries,
    } = names;
    let source = std::path::Path::new(name)
        .file_name()
        .map_or(name.to_string(), |n| n.to_string_lossy().into_owned());
    let mut rows = Vec::new();
    for (line, row) in &parsed.rows {
        let raw = match row {
            Ok(raw) => raw,
            Err(error) => {
                eprintln!("{name}:{}: {error}", parsed.place(*line));
                continue;
            }
        };
        let code = resolver.country_by_name(&raw.country);
        if code.is_none() {
            eprintln!(
                "{name}:{}: unknown country \"{}\"",
                parsed.place(*line),
                raw.country
            );
        }
        let standard = code
            .and_then(|code| countries.iter().find(|c| &c.iso3 == code))
            .map(|c| c.name_en.clone())
            .unwrap_or_default();
        rows.push(Row {
            report_date: raw.month.clone(),
            mission: raw.mission.clone(),
            contributing_country: raw.country.clone(),
            contributing_country_std: standard,
            iso3: code.map(|c| c.as_str().to_string()).unwrap_or_default(),
            personnel_type: Category::from_label(&raw.category)
                .map(Category::published_name)
                .unwrap_or_default()
                .to_string(),
            personnel_type_as_printed: raw.category.clone(),
            male: raw.men,
            female: raw.women,
            total: raw.total,
            source_pdf: source.clone(),
        });
    }
    match format {
        Format::Json => output::json(&rows),
        Format::Csv | Format::Table => {
            let mut header = vec!["report_date"];
            if parsed.level == Level::Mission {
                header.push("mission");
            }
            header.extend([
                "contributing_country",
                "contributing_country_std",
                "iso3",
                "personnel_type",
                "personnel_type_as_printed",
                "male",
                "female",
                "total",
                "source_pdf",
            ]);
            let cells: Vec<Vec<String>> = rows.into_iter().map(cells).collect();
            output::csv(&header, &cells)
        }
    }
}

fn cells(row: Row) -> Vec<String> {
    let mut cells = vec![row.report_date];
    cells.extend(row.mission);
    cells.extend([
        row.contributing_country,
        row.contributing_country_std,
        row.iso3,
        row.personnel_type,
        row.personnel_type_as_printed,
        row.male.to_string(),
        row.female.to_string(),
        row.total.to_string(),
        row.source_pdf,
    ]);
    cells
}
