//! `unpol stats contributions | parity | trend`.

use unpol_app::Store;
use unpol_app::stats::{self, Narrowing};
use unpol_domain::parity::{ParityReport, TargetKind};
use unpol_domain::report::{ContributionsReport, Counts};
use unpol_domain::trend::TrendReport;
use unpol_domain::{Category, Month};

use crate::cli::{Format, MonthArg, Source, StatsCommand};
use crate::output::{self, count, decimal, percent};

pub async fn run(db: &Store, command: StatsCommand) -> anyhow::Result<()> {
    match command {
        StatsCommand::Contributions {
            month,
            mission,
            country,
            source,
            format,
        } => {
            let narrowing = Narrowing { mission, country };
            let report = match (source, month) {
                (Source::Published, month) => {
                    let month = resolve_month(db, month).await?;
                    stats::contributions(db, month, &narrowing).await?
                }
                (Source::Records, MonthArg::Month(month)) => {
                    stats::contributions_from_records(db, month, &narrowing).await?
                }
                (Source::Records, MonthArg::Latest) => {
                    anyhow::bail!(
                        "--month latest applies to published figures; give a month for records"
                    )
                }
            };
            print_contributions(&report, format)
        }
        StatsCommand::Parity { month, format } => {
            let month = resolve_month(db, month).await?;
            print_parity(&stats::parity(db, month).await?, format)
        }
        StatsCommand::Trend { from, to, format } => print_trend(
            &stats::trend(db, from, to, &Default::default()).await?,
            format,
        ),
    }
}

pub async fn resolve_month(db: &Store, month: MonthArg) -> anyhow::Result<Month> {
    match month {
        MonthArg::Month(month) => Ok(month),
        MonthArg::Latest => unpol_app::stats::published_months(db)
            .await?
            .into_keys()
            .next_back()
            .ok_or_else(|| {
                anyhow::anyhow!("no published figures yet (run `unpol import published --bundled`)")
            }),
    }
}

fn counts_row(section: &str, code: &str, c: &Counts) -> Vec<String> {
    vec![
        section.into(),
        code.into(),
        c.total.to_string(),
        c.women.to_string(),
        c.men.to_string(),
    ]
}

fn print_contributions(r: &ContributionsReport, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(r);
    }
    let police = Counts {
        total: r.police.total,
        women: r.police.women,
        men: r.police.men,
    };
    let c = &r.categories;
    let categories = [
        (Category::IndividualPolice, &c.individual_police),
        (Category::FormedPoliceUnits, &c.formed_police_units),
        (Category::ExpertsOnMission, &c.experts_on_mission),
        (Category::StaffOfficers, &c.staff_officers),
        (Category::Troops, &c.troops),
    ];
    let mut rows = vec![counts_row("police", "", &police)];
    rows.extend(
        categories
            .iter()
            .map(|(cat, counts)| counts_row("category", cat.code(), counts)),
    );
    rows.extend(
        r.missions
            .iter()
            .flatten()
            .map(|m| counts_row("mission", m.mission.as_str(), &m.police)),
    );
    rows.extend(
        r.countries
            .iter()
            .map(|l| counts_row("country", l.country.as_str(), &l.police)),
    );
    if format == Format::Csv {
        return output::csv(&["section", "code", "total", "women", "men"], &rows);
    }
    let missions = r
        .police
        .missions
        .map_or("no mission breakdown".into(), |m| format!("{m} missions"));
    let title = format!(
        "{}: {} police ({} women, {}) from {} countries in {}",
        r.month,
        count(r.police.total),
        count(r.police.women),
        percent(r.police.women_share),
        r.police.countries,
        missions
    );
    let human: Vec<Vec<String>> = rows
        .into_iter()
        .map(|row| {
            let n = |i: usize| row[i].parse().map(count).unwrap_or_default();
            vec![row[0].clone(), row[1].clone(), n(2), n(3), n(4)]
        })
        .collect();
    output::table(
        &title,
        &["section", "code", "total", "women", "men"],
        &human,
    )?;
    Ok(())
}

fn print_parity(r: &ParityReport, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(r);
    }
    let kind = |k: Option<TargetKind>| match k {
        Some(TargetKind::Official) => "official",
        Some(TargetKind::Path) => "path",
        None => "",
    };
    let rows: Vec<Vec<String>> = r
        .categories
        .iter()
        .map(|(category, p)| {
            if format == Format::Csv {
                vec![
                    category.code().into(),
                    p.women.to_string(),
                    p.total.to_string(),
                    decimal(p.women_share),
                    decimal(p.target),
                    kind(p.target_kind).into(),
                    decimal(p.gap),
                ]
            } else {
                vec![
                    category.name_en().into(),
                    count(p.women),
                    count(p.total),
                    percent(p.women_share),
                    percent(p.target),
                    kind(p.target_kind).into(),
                    percent(p.gap),
                ]
            }
        })
        .collect();
    let header = [
        "category",
        "women",
        "total",
        "women_share",
        "target",
        "target_kind",
        "gap",
    ];
    if format == Format::Csv {
        return output::csv(&header, &rows);
    }
    output::table(
        &format!("{}: women in police against the parity targets", r.month),
        &header,
        &rows,
    )?;
    Ok(())
}

fn print_trend(r: &TrendReport, format: Format) -> anyhow::Result<()> {
    if format == Format::Json {
        return output::json(r);
    }
    let rows: Vec<Vec<String>> = r
        .months
        .iter()
        .map(|p| {
            if format == Format::Csv {
                vec![
                    p.month.to_string(),
                    p.police_total.to_string(),
                    p.women.to_string(),
                    p.men.to_string(),
                    decimal(p.women_share),
                ]
            } else {
                vec![
                    p.month.to_string(),
                    count(p.police_total),
                    count(p.women),
                    count(p.men),
                    percent(p.women_share),
                ]
            }
        })
        .collect();
    let header = ["month", "police_total", "women", "men", "women_share"];
    if format == Format::Csv {
        return output::csv(&header, &rows);
    }
    output::table(
        &format!("Police from {} to {}", r.from, r.to),
        &header,
        &rows,
    )?;
    Ok(())
}
