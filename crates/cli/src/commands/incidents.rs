//! `unpol incidents import ucdp|add|list|stats`: the same use cases as the pages and the API,
//! acting as the console (headquarters) or, with `--as LOGIN`, as a user of unpol.

use anyhow::{Context, bail};
use unpol_app::Store;
use unpol_app::incidents::{self, ImportError, IncidentInput, Query};
use unpol_domain::Clock;
use unpol_domain::incident::Grouping;

use super::{actor, refusal};
use crate::cli::{Format, IncidentQueryArgs, IncidentsCommand, IncidentsImport};
use crate::output;

fn query(args: &IncidentQueryArgs) -> Query {
    Query {
        mission: args.mission.clone(),
        from: args.from,
        to: args.to,
        categories: args.category.clone(),
    }
}

pub async fn run(db: &Store, command: IncidentsCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        IncidentsCommand::Import(IncidentsImport::Ucdp {
            file,
            mission,
            user,
        }) => {
            let actor = actor(db, user.as_deref(), clock).await?;
            let name = file.display().to_string();
            let input =
                std::fs::File::open(&file).with_context(|| format!("cannot read {name}"))?;
            let input = std::io::BufReader::new(input);
            match incidents::import_ucdp(db, &actor, &name, input, &mission).await {
                Ok(s) => {
                    eprintln!(
                        "{}: {} events read for {}: {} inserted, {} already imported; {} with a best \
                         estimate of deaths outside the published low..high (kept as published), {} \
                         before the mission began (kept as its baseline). Source: UCDP GED.",
                        s.source,
                        s.rows_read,
                        s.mission,
                        s.inserted,
                        s.unchanged,
                        s.outside_estimates,
                        s.before_mission
                    );
                    Ok(())
                }
                Err(ImportError::Invalid { file, rejected }) => {
                    for r in &rejected {
                        eprintln!("{file}:{}: {}", r.place, r.reason);
                    }
                    bail!(
                        "{file}: {} row(s) refused; nothing imported",
                        rejected.len()
                    )
                }
                Err(ImportError::Unreadable { file, source }) => bail!("{file}: {source}"),
                Err(ImportError::Write(error)) => Err(refusal(error)),
            }
        }
        IncidentsCommand::Add { user, file } => {
            let actor = actor(db, user.as_deref(), clock).await?;
            let input: IncidentInput = super::read_json(&file, "an incident")?;
            let id = incidents::record(db, &actor, &input)
                .await
                .map_err(refusal)?;
            eprintln!("incident {id} recorded");
            println!("{id}");
            Ok(())
        }
        IncidentsCommand::List {
            query: args,
            format,
        } => {
            let actor = actor(db, args.user.as_deref(), clock).await?;
            let rows = incidents::list(db, &actor, &query(&args))
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &rows,
                "Incidents (UCDP GED events cite: Sundberg & Melander 2013; Davies, Pettersson & Öberg 2023)",
                &[
                    "id",
                    "mission",
                    "started_on",
                    "ended_on",
                    "category",
                    "area",
                    "place",
                    "deaths",
                    "source",
                    "status",
                ],
                || {
                    rows.iter()
                        .map(|r| {
                            let i = &r.incident;
                            vec![
                                r.id.to_string(),
                                i.mission.to_string(),
                                i.when.started_on.to_string(),
                                i.when.ended_on.to_string(),
                                i.category.code().to_string(),
                                i.adm1.clone(),
                                i.place.clone(),
                                i.deaths.best.to_string(),
                                i.source.code().to_string(),
                                i.status.code().to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
        IncidentsCommand::Stats {
            by,
            query: args,
            format,
        } => {
            let Some(grouping) = Grouping::from_code(&by) else {
                bail!(
                    "unknown grouping `{by}`; one of: {}",
                    Grouping::CODES.join(", ")
                );
            };
            let actor = actor(db, args.user.as_deref(), clock).await?;
            // Grouped digits for people, plain ones in CSV.
            let number = |n: u64| {
                if format == Format::Csv {
                    n.to_string()
                } else {
                    output::count(n)
                }
            };
            let tallies = incidents::stats(db, &actor, &query(&args), grouping)
                .await
                .map_err(refusal)?;
            output::listing(
                format,
                &tallies,
                &format!("Incidents per {grouping}: events and deaths (best estimate)"),
                &[grouping.code(), "events", "deaths"],
                || {
                    tallies
                        .iter()
                        .map(|t| vec![t.key.clone(), number(t.events), number(t.deaths)])
                        .collect()
                },
            )
        }
    }
}
