//! Reference data: countries, aliases, missions, personnel categories and parity targets.
//!
//! The files under `reference/` are compiled into the binary (see `reference/SOURCES.md` for where
//! each comes from) and upserted by [`load`] whenever their content changes, so a new release
//! brings corrected names to existing databases. Rows are never deleted: published figures point
//! at them.

use std::collections::BTreeMap;

use anyhow::{Context, anyhow};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use sqlx::QueryBuilder;
use unpol_domain::reference::{Country, Mission, Resolver, normalize_name};
use unpol_domain::{Category, CountryCode, MissionCode};

use crate::{Database, on_pool};

const COUNTRIES: &str = include_str!("../reference/countries.csv");
const COUNTRY_ALIASES: &str = include_str!("../reference/country_aliases.csv");
const MISSIONS: &str = include_str!("../reference/missions.csv");
const MISSION_ALIASES: &str = include_str!("../reference/mission_aliases.csv");
const PARITY_TARGETS: &str = include_str!("../reference/parity_targets.csv");
const CONDUCT_DEADLINES: &str = include_str!("../reference/conduct_deadlines.csv");

/// Rows per multi-row INSERT: well under both backends' bound-parameter limits.
const CHUNK: usize = 200;

#[derive(Debug, Deserialize)]
struct CountryRow {
    iso3: String,
    iso2: String,
    m49: String,
    name_en: String,
    name_fr: String,
    region_m49: String,
    region: String,
    subregion: String,
}

#[derive(Debug, Deserialize)]
struct AliasRow {
    alias: String,
    #[serde(alias = "iso3", alias = "acronym")]
    code: String,
}

#[derive(Debug, Deserialize)]
struct MissionRow {
    acronym: String,
    name_en: String,
    name_fr: String,
    host_iso3: String,
    kind: String,
    start_year: i64,
    start_month: Option<i64>,
    end_year: Option<i64>,
    note: String,
}

#[derive(Debug, Deserialize)]
struct TargetRow {
    year: i64,
    category: String,
    women_share: f64,
    source: String,
}

#[derive(Debug, Deserialize)]
struct DeadlineRow {
    rule: String,
    value: u32,
    unit: String,
    /// `published` (a rule the UN states) or `default` (an operator may set it).
    kind: String,
    source: String,
}

/// The deadlines of conduct cases, from the reference file that says which are the UN's published
/// rules and which are configurable defaults, each with its source.
pub fn conduct_deadline_rules() -> anyhow::Result<unpol_domain::conduct::DeadlineRules> {
    let rows: Vec<DeadlineRow> = parse("conduct_deadlines.csv", CONDUCT_DEADLINES)?;
    for row in &rows {
        let unit = unpol_domain::conduct::DeadlineRules::unit_of(&row.rule);
        anyhow::ensure!(
            unit.is_none() || unit == Some(row.unit.as_str()),
            "conduct_deadlines.csv: `{}` is counted in {}, not {}",
            row.rule,
            unit.unwrap_or_default(),
            row.unit
        );
        anyhow::ensure!(
            matches!(row.kind.as_str(), "published" | "default") && !row.source.trim().is_empty(),
            "conduct_deadlines.csv: `{}` needs a kind (published or default) and a source",
            row.rule
        );
    }
    Ok(unpol_domain::conduct::DeadlineRules::from_rows(
        rows.iter().map(|r| (r.rule.as_str(), r.value)),
    )?)
}

fn parse<T: for<'de> Deserialize<'de>>(name: &str, text: &str) -> anyhow::Result<Vec<T>> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<_, _>>()
        .with_context(|| format!("embedded reference file {name} is malformed"))
}

fn fingerprint() -> String {
    let mut hash = Sha256::new();
    for text in [
        COUNTRIES,
        COUNTRY_ALIASES,
        MISSIONS,
        MISSION_ALIASES,
        PARITY_TARGETS,
    ] {
        hash.update(text.as_bytes());
        hash.update([0]);
    }
    for category in Category::ALL {
        hash.update(format!(
            "{}|{}|{}",
            category.code(),
            category.name_en(),
            category.name_fr()
        ));
    }
    hex::encode(hash.finalize())
}

/// Loads the embedded reference data if the database holds another version. Returns whether it
/// loaded anything.
pub(crate) async fn load(db: &Database) -> anyhow::Result<bool> {
    let version = fingerprint();
    let current: Option<String> = on_pool!(db, pool => {
        sqlx::query_scalar("SELECT sha256 FROM reference_data_version WHERE name = 'reference'")
            .fetch_optional(pool)
            .await
    })?;
    if current.as_deref() == Some(version.as_str()) {
        return Ok(false);
    }
    let countries: Vec<CountryRow> = parse("countries.csv", COUNTRIES)?;
    let country_aliases = dedup_aliases(parse("country_aliases.csv", COUNTRY_ALIASES)?)?;
    let missions: Vec<MissionRow> = parse("missions.csv", MISSIONS)?;
    let mission_aliases = dedup_aliases(parse("mission_aliases.csv", MISSION_ALIASES)?)?;
    let targets: Vec<TargetRow> = parse("parity_targets.csv", PARITY_TARGETS)?;

    on_pool!(db, pool => {
        let mut tx = pool.begin().await?;
        for chunk in Category::ALL.chunks(CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO personnel_category (code, name_en, name_fr, is_police) ");
            q.push_values(chunk, |mut b, c| {
                b.push_bind(c.code()).push_bind(c.name_en()).push_bind(c.name_fr()).push_bind(c.is_police());
            });
            q.push(" ON CONFLICT (code) DO UPDATE SET name_en = excluded.name_en, \
                    name_fr = excluded.name_fr, is_police = excluded.is_police");
            q.build().execute(&mut *tx).await?;
        }
        for chunk in countries.chunks(CHUNK) {
            let mut q = QueryBuilder::new(
                "INSERT INTO country (iso3, iso2, m49, name_en, name_fr, region_m49, region, subregion) ");
            q.push_values(chunk, |mut b, c| {
                let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
                b.push_bind(c.iso3.clone()).push_bind(c.iso2.clone()).push_bind(c.m49.clone())
                    .push_bind(c.name_en.clone()).push_bind(c.name_fr.clone())
                    .push_bind(opt(&c.region_m49)).push_bind(opt(&c.region)).push_bind(opt(&c.subregion));
            });
            q.push(" ON CONFLICT (iso3) DO UPDATE SET iso2 = excluded.iso2, m49 = excluded.m49, \
                    name_en = excluded.name_en, name_fr = excluded.name_fr, region_m49 = excluded.region_m49, \
                    region = excluded.region, subregion = excluded.subregion");
            q.build().execute(&mut *tx).await?;
        }
        for chunk in country_aliases.chunks(CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO country_alias (alias, iso3) ");
            q.push_values(chunk, |mut b, (alias, code)| { b.push_bind(alias.clone()).push_bind(code.clone()); });
            q.push(" ON CONFLICT (alias) DO UPDATE SET iso3 = excluded.iso3");
            q.build().execute(&mut *tx).await?;
        }
        for chunk in missions.chunks(CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO mission (acronym, name_en, name_fr, host_iso3, kind, \
                start_year, start_month, end_year, note) ");
            q.push_values(chunk, |mut b, m| {
                b.push_bind(m.acronym.clone()).push_bind(m.name_en.clone()).push_bind(m.name_fr.clone())
                    .push_bind(m.host_iso3.clone()).push_bind(m.kind.clone()).push_bind(m.start_year)
                    .push_bind(m.start_month).push_bind(m.end_year).push_bind(m.note.clone());
            });
            q.push(" ON CONFLICT (acronym) DO UPDATE SET name_en = excluded.name_en, name_fr = excluded.name_fr, \
                    host_iso3 = excluded.host_iso3, kind = excluded.kind, start_year = excluded.start_year, \
                    start_month = excluded.start_month, end_year = excluded.end_year, note = excluded.note");
            q.build().execute(&mut *tx).await?;
        }
        for chunk in mission_aliases.chunks(CHUNK) {
            let mut q = QueryBuilder::new("INSERT INTO mission_alias (alias, acronym) ");
            q.push_values(chunk, |mut b, (alias, code)| { b.push_bind(alias.clone()).push_bind(code.clone()); });
            q.push(" ON CONFLICT (alias) DO UPDATE SET acronym = excluded.acronym");
            q.build().execute(&mut *tx).await?;
        }
        for t in &targets {
            sqlx::query("INSERT INTO parity_target (year, category, women_share, source) VALUES ($1, $2, $3, $4) \
                         ON CONFLICT (year, category) DO UPDATE SET women_share = excluded.women_share, \
                         source = excluded.source")
                .bind(t.year).bind(t.category.clone()).bind(t.women_share).bind(t.source.clone())
                .execute(&mut *tx).await?;
        }
        sqlx::query("INSERT INTO reference_data_version (name, sha256, loaded_at) VALUES ('reference', $1, $2) \
                     ON CONFLICT (name) DO UPDATE SET sha256 = excluded.sha256, loaded_at = excluded.loaded_at")
            .bind(version.clone()).bind(chrono::Utc::now())
            .execute(&mut *tx).await?;
        tx.commit().await
    })
    .context("loading reference data failed")?;
    Ok(true)
}

/// Normalises aliases and refuses an alias that would name two different places.
fn dedup_aliases(rows: Vec<AliasRow>) -> anyhow::Result<Vec<(String, String)>> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for row in rows {
        let key = normalize_name(&row.alias);
        if let Some(previous) = map.insert(key.clone(), row.code.clone())
            && previous != row.code
        {
            return Err(anyhow!(
                "alias `{key}` names both {previous} and {}",
                row.code
            ));
        }
    }
    Ok(map.into_iter().collect())
}

fn country_code(s: String) -> anyhow::Result<CountryCode> {
    CountryCode::parse(&s).map_err(|e| anyhow!("corrupt country code in database: {e}"))
}

fn mission_code(s: String) -> anyhow::Result<MissionCode> {
    MissionCode::parse(&s).map_err(|e| anyhow!("corrupt mission code in database: {e}"))
}

impl Database {
    /// The name tables used to validate imported rows.
    pub async fn resolver(&self) -> anyhow::Result<Resolver> {
        type Pairs = Vec<(String, String)>;
        let (countries, missions): (Pairs, Pairs) = on_pool!(self, pool => {
            let countries = sqlx::query_as("SELECT alias, iso3 FROM country_alias").fetch_all(pool).await?;
            let missions = sqlx::query_as(
                "SELECT acronym, acronym FROM mission UNION ALL SELECT alias, acronym FROM mission_alias",
            )
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((countries, missions))
        })?;
        let countries = countries
            .into_iter()
            .map(|(alias, code)| Ok((alias, country_code(code)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let missions = missions
            .into_iter()
            .map(|(alias, code)| Ok((alias, mission_code(code)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Resolver::new(countries, missions))
    }

    pub async fn countries(&self) -> anyhow::Result<Vec<Country>> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let rows: Vec<Row> = on_pool!(self, pool => {
            sqlx::query_as("SELECT iso3, iso2, m49, name_en, name_fr, region_m49, region, subregion \
                            FROM country ORDER BY iso3")
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(
                |(iso3, iso2, m49, name_en, name_fr, region_m49, region, subregion)| {
                    Ok(Country {
                        iso3: country_code(iso3)?,
                        iso2,
                        m49,
                        name_en,
                        name_fr,
                        region_m49,
                        region,
                        subregion,
                    })
                },
            )
            .collect()
    }

    pub async fn missions(&self) -> anyhow::Result<Vec<Mission>> {
        type Row = (
            String,
            String,
            String,
            String,
            String,
            i64,
            Option<i64>,
            Option<i64>,
        );
        let rows: Vec<Row> = on_pool!(self, pool => {
            sqlx::query_as("SELECT acronym, name_en, name_fr, host_iso3, kind, start_year, start_month, end_year \
                            FROM mission ORDER BY acronym")
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(
                |(acronym, name_en, name_fr, host, kind, start_year, start_month, end_year)| {
                    Ok(Mission {
                        acronym: mission_code(acronym)?,
                        name_en,
                        name_fr,
                        host: country_code(host)?,
                        kind,
                        start_year: start_year as i32,
                        start_month: start_month.map(|m| m as u32),
                        end_year: end_year.map(|y| y as i32),
                    })
                },
            )
            .collect()
    }

    /// The official parity targets: `(year, category, share)`.
    pub async fn parity_targets(&self) -> anyhow::Result<Vec<(i32, Category, f64)>> {
        let rows: Vec<(i64, String, f64)> = on_pool!(self, pool => {
            sqlx::query_as("SELECT year, category, women_share FROM parity_target ORDER BY year, category")
                .fetch_all(pool)
                .await
        })?;
        rows.into_iter()
            .map(|(year, category, share)| {
                let category = Category::from_code(&category)
                    .ok_or_else(|| anyhow!("corrupt category `{category}` in parity_target"))?;
                Ok((year as i32, category, share))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled deadlines read as the UN states them: an investigation within six months,
    /// three when urgent, and the configurable investigator's delay.
    #[test]
    fn the_bundled_conduct_deadlines_read_with_their_kinds_and_sources() -> anyhow::Result<()> {
        let rules = conduct_deadline_rules()?;
        assert_eq!(rules.investigation_months, 6);
        assert_eq!(rules.urgent_investigation_months, 3);
        assert!(rules.investigator_working_days > 0);
        let rows: Vec<DeadlineRow> = parse("conduct_deadlines.csv", CONDUCT_DEADLINES)?;
        let kinds: Vec<(&str, &str)> = rows
            .iter()
            .map(|r| (r.rule.as_str(), r.kind.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("investigator_named", "default"),
                ("investigation_completed", "published"),
                ("urgent_investigation_completed", "published"),
            ]
        );
        Ok(())
    }
}
