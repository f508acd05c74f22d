//! `unpol forecast rotations`.

use unpol_app::Actor;
use unpol_app::Store;
use unpol_app::forecast;
use unpol_domain::Clock;
use unpol_domain::parity::TargetKind;

use crate::cli::{ForecastCommand, Format};
use crate::output::{self, decimal, percent};

pub async fn run(db: &Store, command: ForecastCommand, clock: Clock) -> anyhow::Result<()> {
    let ForecastCommand::Rotations {
        from,
        months,
        mission,
        format,
    } = command;
    // The console sees everything: scoped forecasts are the API's (per user).
    let report =
        forecast::rotations(db, &Actor::console(clock), from, months, mission.as_deref()).await?;
    if format == Format::Json {
        return output::json(&report);
    }
    let kind = |k: Option<TargetKind>| match k {
        Some(TargetKind::Official) => "official",
        Some(TargetKind::Path) => "path",
        None => "",
    };
    let opt = |n: Option<u64>| n.map_or_else(String::new, |n| n.to_string());
    let rows: Vec<Vec<String>> = report
        .lines
        .iter()
        .map(|l| {
            let target = if format == Format::Csv {
                decimal(l.target)
            } else {
                percent(l.target)
            };
            vec![
                l.mission.to_string(),
                l.month.to_string(),
                l.category.code().into(),
                l.ending_women.to_string(),
                l.ending_men.to_string(),
                l.strength.to_string(),
                l.strength_if_replaced.to_string(),
                l.women_in_strength.to_string(),
                target,
                kind(l.target_kind).into(),
                opt(l.women_needed),
                l.target_reachable
                    .map_or_else(String::new, |r| r.to_string()),
            ]
        })
        .collect();
    let header = [
        "mission",
        "month",
        "category",
        "ending_women",
        "ending_men",
        "strength",
        "strength_if_replaced",
        "women_in_strength",
        "target",
        "target_kind",
        "women_needed",
        "target_reachable",
    ];
    if format == Format::Csv {
        return output::csv(&header, &rows);
    }
    output::table(
        &format!(
            "Rotations from {} over {} months",
            report.from, report.months
        ),
        &header,
        &rows,
    )?;
    Ok(())
}
