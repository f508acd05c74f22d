//! The UCDP Georeferenced Event Dataset (GED) in its CSV form, as UCDP publishes it: one row per
//! event, a header naming GED's columns (any order, extra columns ignored).
//!
//! Reading checks each row on its own (codes, dates, numbers, coordinates) and names the line of
//! any it cannot read; whether an event belongs to a mission (its host country, its years) is the
//! application's rule, which needs the reference data.

use std::io::Read;

use chrono::NaiveDate;
use serde::Deserialize;
use unpol_domain::MissionCode;
use unpol_domain::incident::{
    DatePrecision, Deaths, Incident, IncidentSource, IncidentStatus, LocationPrecision, Point,
    ViolenceType, When,
};

use crate::Rejected;

/// The GED events of the Central African Republic, bundled gzipped for the demo
/// (`data/SOURCE.md`).
const BUNDLED_CAR: &[u8] = include_bytes!("../data/ucdp_ged_car_v23_1.csv.gz");

/// The bundled GED file of the Central African Republic (MINUSCA's host country), as read.
pub fn bundled_car() -> impl Read {
    flate2::read::GzDecoder::new(BUNDLED_CAR)
}

/// The bundled file's name, as an import names its source.
pub const BUNDLED_CAR_NAME: &str = "ucdp_ged_car_v23_1.csv (bundled)";

/// The columns unpol reads; a file without one of them is not GED.
pub const GED_COLUMNS: &[&str] = &[
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "source_headline",
    "where_prec",
    "where_coordinates",
    "adm_1",
    "adm_2",
    "country",
    "date_prec",
    "date_start",
    "date_end",
    "best",
    "high",
    "low",
    "latitude",
    "longitude",
];

/// One event as GED publishes it, read from its line.
#[derive(Debug, Clone, PartialEq)]
pub struct GedEvent {
    /// The line the row starts on (the header is line 1).
    pub line: u64,
    /// The country GED places the event in, as GED spells it.
    pub country: String,
    pub incident: Incident,
}

/// A GED file read: the events it holds and the rows that could not be read.
#[derive(Debug, Default)]
pub struct GedFile {
    pub events: Vec<GedEvent>,
    pub rejected: Vec<Rejected>,
}

#[derive(Debug, thiserror::Error)]
pub enum GedError {
    #[error("not a UCDP GED file: no `{0}` column")]
    MissingColumn(&'static str),
    #[error("line {line}: {source}")]
    Csv {
        line: u64,
        #[source]
        source: csv::Error,
    },
}

#[derive(Deserialize)]
struct Row {
    id: String,
    type_of_violence: String,
    side_a: String,
    side_b: String,
    source_headline: String,
    where_prec: String,
    where_coordinates: String,
    adm_1: String,
    adm_2: String,
    country: String,
    date_prec: String,
    date_start: String,
    date_end: String,
    best: String,
    high: String,
    low: String,
    latitude: String,
    longitude: String,
}

/// Reads a GED CSV file into events for `mission`.
pub fn read_ged(input: impl Read, mission: MissionCode) -> Result<GedFile, GedError> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|source| GedError::Csv { line: 1, source })?
        .clone();
    if let Some(missing) = GED_COLUMNS
        .iter()
        .find(|c| !headers.iter().any(|h| h == **c))
    {
        return Err(GedError::MissingColumn(missing));
    }
    let mut file = GedFile::default();
    let mut record = csv::StringRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(source) => return Err(GedError::Csv { line, source }),
        }
        let line = record.position().map_or(line, |p| p.line());
        let parsed = record
            .deserialize::<Row>(Some(&headers))
            .map_err(|e| e.to_string())
            .and_then(|row| event(row, mission));
        match parsed {
            Ok((country, incident)) => file.events.push(GedEvent {
                line,
                country,
                incident,
            }),
            Err(reason) => file.rejected.push(Rejected {
                line,
                place: line.to_string(),
                reason,
            }),
        }
    }
    Ok(file)
}

fn event(row: Row, mission: MissionCode) -> Result<(String, Incident), String> {
    let id = row.id.trim();
    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("id `{id}` is not a GED event id"));
    }
    let violence = number::<u8>("type_of_violence", &row.type_of_violence).and_then(|code| {
        ViolenceType::from_ged(code)
            .ok_or_else(|| format!("type_of_violence {code} is not 1, 2 or 3"))
    })?;
    let precision = number::<u8>("date_prec", &row.date_prec).and_then(|level| {
        DatePrecision::new(level).ok_or_else(|| format!("date_prec {level} is not 1 to 5"))
    })?;
    let started = date("date_start", &row.date_start)?;
    let ended = date("date_end", &row.date_end)?;
    let when = When::new(started, ended, precision)
        .ok_or_else(|| format!("date_end {ended} is before date_start {started}"))?;
    let location_precision = number::<u8>("where_prec", &row.where_prec).and_then(|level| {
        LocationPrecision::new(level).ok_or_else(|| format!("where_prec {level} is not 1 to 7"))
    })?;
    let latitude = number::<f64>("latitude", &row.latitude)?;
    let longitude = number::<f64>("longitude", &row.longitude)?;
    let point = Point::new(latitude, longitude)
        .ok_or_else(|| format!("latitude {latitude}, longitude {longitude} is not on the globe"))?;
    let deaths = Deaths {
        best: number("best", &row.best)?,
        low: Some(number("low", &row.low)?),
        high: Some(number("high", &row.high)?),
    };
    let incident = Incident {
        mission,
        source: IncidentSource::UcdpGed,
        source_id: Some(id.to_string()),
        source_type: Some(violence),
        category: violence.category(),
        when,
        adm1: row.adm_1.trim().to_string(),
        adm2: row.adm_2.trim().to_string(),
        place: row.where_coordinates.trim().to_string(),
        point: Some(point),
        location_precision: Some(location_precision),
        side_a: row.side_a.trim().to_string(),
        side_b: row.side_b.trim().to_string(),
        deaths,
        injuries: None,
        victims: Vec::new(),
        description: row.source_headline.trim().to_string(),
        follow_up: String::new(),
        status: IncidentStatus::Closed,
    };
    Ok((row.country.trim().to_string(), incident))
}

fn number<T: std::str::FromStr>(column: &str, value: &str) -> Result<T, String> {
    value
        .trim()
        .parse()
        .map_err(|_| format!("{column} `{}` is not a number", value.trim()))
}

/// GED writes days as `2014-03-05`, `2014-03-05T00:00:00` or `2014-03-05 00:00:00.000`.
fn date(column: &str, value: &str) -> Result<NaiveDate, String> {
    let value = value.trim();
    value
        .get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
        .filter(|_| value.len() == 10 || matches!(value.as_bytes()[10], b'T' | b' '))
        .ok_or_else(|| format!("{column} `{value}` is not a date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,type_of_violence,side_a,side_b,source_headline,where_prec,where_coordinates,adm_1,adm_2,country,date_prec,date_start,date_end,best,high,low,latitude,longitude,extra";

    fn read(rows: &[&str]) -> GedFile {
        let text = std::iter::once(HEADER)
            .chain(rows.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        read_ged(
            text.as_bytes(),
            MissionCode::parse("MINUSCA").expect("code"),
        )
        .expect("GED")
    }

    #[test]
    fn reads_an_event_as_published() {
        let file = read(&[
            "22782,3,Government of CAR,Civilians,\"TROOPS SHOT 20, OPPOSITION\",1,Bangui city,Bangui province,Bangui region,Central African Republic,1,1991-08-08T00:00:00,1991-08-09T00:00:00,0,20,0,4.366667,18.583333,x",
        ]);
        assert!(file.rejected.is_empty(), "{:?}", file.rejected);
        let event = &file.events[0];
        assert_eq!(
            (event.line, event.country.as_str()),
            (2, "Central African Republic")
        );
        let i = &event.incident;
        assert_eq!(i.source_id.as_deref(), Some("22782"));
        assert_eq!(i.source_type, Some(ViolenceType::OneSided));
        assert_eq!(i.when.ended_on.to_string(), "1991-08-09");
        assert_eq!(
            i.deaths,
            Deaths {
                best: 0,
                low: Some(0),
                high: Some(20)
            }
        );
        assert_eq!(i.description, "TROOPS SHOT 20, OPPOSITION");
    }

    #[test]
    fn names_the_line_of_each_row_it_cannot_read() {
        let good =
            "1,1,A,B,h,1,p,a1,a2,Central African Republic,1,2014-01-01,2014-01-01,1,1,1,4.3,18.5,x";
        let file = read(&[
            good,
            "2,4,A,B,h,1,p,a1,a2,Central African Republic,1,2014-01-01,2014-01-01,1,1,1,4.3,18.5,x",
            "3,1,A,B,h,1,p,a1,a2,Central African Republic,1,2014-01-02,2014-01-01,1,1,1,4.3,18.5,x",
            "4,1,A,B,h,1,p,a1,a2,Central African Republic,1,2014-01-01,2014-01-01,1,1,1,94.3,18.5,x",
        ]);
        assert_eq!(file.events.len(), 1);
        let lines: Vec<u64> = file.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert!(
            file.rejected[0].reason.contains("type_of_violence 4"),
            "{}",
            file.rejected[0].reason
        );
    }

    #[test]
    fn a_file_without_geds_columns_is_refused_by_name() {
        let error = read_ged(
            "id,country\n1,X\n".as_bytes(),
            MissionCode::parse("MINUSCA").expect("code"),
        )
        .expect_err("not GED");
        assert!(error.to_string().contains("type_of_violence"), "{error}");
    }
}
