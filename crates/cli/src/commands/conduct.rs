//! `unpol conduct case add|list|show|refer|step|measure`, `unpol conduct overdue` and
//! `unpol conduct figures`: the same use cases as the pages and the API, acting as a user of
//! unpol (`--as LOGIN`) so that need-to-know and the audit trail hold at the console too.

use anyhow::Context;
use unpol_app::Store;
use unpol_app::accounts::console_as;
use unpol_app::conduct::{self, CaseId, CaseView, MeasureInput, Step};
use unpol_domain::Clock;
use unpol_domain::conduct::CaseStatus;

use crate::cli::{CaseCommand, ConductCommand, Format};
use crate::output;

pub async fn run(db: &Store, command: ConductCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        ConductCommand::Case(command) => case(db, command, clock).await,
        ConductCommand::Overdue {
            user,
            within,
            format,
        } => {
            let actor = console_as(db, &user, clock).await?;
            let clocks = conduct::overdue(db, &actor, within).await?;
            output::listing(
                format,
                &clocks,
                &format!(
                    "Clocks run out or due within {within} days, on {}",
                    actor.today()
                ),
                &["country", "case", "mission", "clock", "due", "days_left"],
                || {
                    clocks
                        .iter()
                        .map(|c| {
                            vec![
                                c.country.map_or(String::new(), |c| c.to_string()),
                                c.case.0.to_string(),
                                c.mission.to_string(),
                                c.clock.to_string(),
                                c.due.to_string(),
                                c.days_left.to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
        ConductCommand::Rekey { old_key_file } => {
            let text = std::fs::read_to_string(&old_key_file)
                .with_context(|| format!("cannot read {}", old_key_file.display()))?;
            let old = unpol_app::sealed::CaseKey::from_hex(&text)
                .with_context(|| format!("the old case key {}", old_key_file.display()))?;
            let rotation = conduct::rekey(db, &unpol_app::Actor::console(clock), &old).await?;
            eprintln!(
                "case key rotated: {} values re-sealed, {} already under the current key",
                rotation.resealed, rotation.current
            );
            Ok(())
        }
        ConductCommand::Figures { format } => {
            let figures = conduct::allegations(db).await?;
            output::listing(
                format,
                &figures,
                "Allegations received, per year, mission, category, nationality, type and step",
                &[
                    "year",
                    "mission",
                    "category",
                    "nationality",
                    "allegation",
                    "status",
                    "allegations",
                ],
                || {
                    figures
                        .iter()
                        .map(|f| {
                            vec![
                                f.year.to_string(),
                                f.mission.to_string(),
                                f.category.code().to_string(),
                                f.nationality.to_string(),
                                f.allegation.code().to_string(),
                                f.status.code().to_string(),
                                f.allegations.to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
    }
}

fn status(code: &str) -> anyhow::Result<CaseStatus> {
    CaseStatus::from_code(code).with_context(|| {
        let known: Vec<&str> = CaseStatus::TERMS.iter().map(|t| t.code).collect();
        format!("unknown step `{code}`; one of: {}", known.join(", "))
    })
}

async fn case(db: &Store, command: CaseCommand, clock: Clock) -> anyhow::Result<()> {
    match command {
        CaseCommand::Add { user, file } => {
            let actor = console_as(db, &user, clock).await?;
            let id = conduct::record_case(db, &actor, super::read_json(&file, "a case")?).await?;
            eprintln!("case {} recorded", id.0);
            println!("{}", id.0);
            Ok(())
        }
        CaseCommand::List { user, format } => {
            let actor = console_as(db, &user, clock).await?;
            let cases = conduct::cases(db, &actor).await?;
            output::listing(
                format,
                &cases,
                "Cases",
                &[
                    "case",
                    "mission",
                    "received_on",
                    "allegation",
                    "status",
                    "urgent",
                    "referred_to",
                    "referred_on",
                ],
                || {
                    cases
                        .iter()
                        .map(|c| {
                            vec![
                                c.id.0.to_string(),
                                c.mission.to_string(),
                                c.received_on.to_string(),
                                c.allegation.code().to_string(),
                                c.status.code().to_string(),
                                c.urgent.to_string(),
                                c.referred_to.map_or(String::new(), |c| c.to_string()),
                                c.referred_on.map_or(String::new(), |d| d.to_string()),
                            ]
                        })
                        .collect()
                },
            )
        }
        CaseCommand::Show { id, user, format } => {
            let actor = console_as(db, &user, clock).await?;
            let view = conduct::case(db, &actor, CaseId(id))
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
                .with_context(|| format!("no case {id}"))?;
            if format == Format::Json {
                return output::json(&view);
            }
            show(&view)
        }
        CaseCommand::Refer { id, user, to, on } => {
            let actor = console_as(db, &user, clock).await?;
            let step = Step {
                on,
                referred_to: Some(&to),
                ..Step::to(CaseStatus::Referred)
            };
            let summary = conduct::advance(db, &actor, CaseId(id), step).await?;
            eprintln!(
                "case {id} referred to {to} on {}",
                summary.referred_on.map_or(String::new(), |d| d.to_string())
            );
            Ok(())
        }
        CaseCommand::Step {
            id,
            user,
            to,
            on,
            investigator,
            outcome,
            action,
        } => {
            let actor = console_as(db, &user, clock).await?;
            let step = Step {
                on,
                investigator: investigator.as_deref(),
                outcome: outcome.as_deref(),
                action: action.as_deref(),
                ..Step::to(status(&to)?)
            };
            let summary = conduct::advance(db, &actor, CaseId(id), step).await?;
            eprintln!("case {id} is now {}", summary.status.code());
            Ok(())
        }
        CaseCommand::Measure {
            id,
            user,
            measure,
            officer,
            on,
        } => {
            let actor = console_as(db, &user, clock).await?;
            let input = MeasureInput {
                measure,
                officer,
                on,
            };
            let taken = conduct::take_measure(db, &actor, CaseId(id), &input).await?;
            eprintln!("case {id}: {} from {}", taken.measure.code(), taken.on);
            Ok(())
        }
    }
}

/// A case as text: the fields the reader may see, one per line.
fn show(view: &CaseView) -> anyhow::Result<()> {
    let s = view.summary();
    let mut rows = vec![
        vec!["case".to_string(), s.id.0.to_string()],
        vec!["mission".into(), s.mission.to_string()],
        vec!["received on".into(), s.received_on.to_string()],
        vec!["allegation".into(), s.allegation.term().en.into()],
        vec!["status".into(), s.status.term().en.into()],
        vec!["urgent".into(), s.urgent.to_string()],
    ];
    let optional = |value: Option<String>| value.unwrap_or_default();
    rows.push(vec![
        "referred to".into(),
        optional(s.referred_to.map(|c| c.to_string())),
    ]);
    rows.push(vec![
        "referred on".into(),
        optional(s.referred_on.map(|d| d.to_string())),
    ]);
    rows.push(vec![
        "investigator".into(),
        optional(s.investigator.map(|i| i.term().en.to_string())),
    ]);
    rows.push(vec![
        "outcome".into(),
        optional(s.outcome.map(|o| o.term().en.to_string())),
    ]);
    for subject in &s.subjects {
        rows.push(vec![
            "subject".into(),
            format!(
                "{} {} {}",
                subject
                    .officer
                    .map_or("unidentified".to_string(), |o| format!("officer {o}")),
                subject.category.code(),
                subject.nationality
            ),
        ]);
    }
    for step in &s.steps {
        rows.push(vec![
            "step".into(),
            format!("{} {}", step.on, step.status.code()),
        ]);
    }
    if let CaseView::Full {
        location,
        narrative,
        victims,
        reads,
        ..
    } = view
    {
        rows.push(vec!["location".into(), location.clone()]);
        rows.push(vec!["narrative".into(), narrative.clone()]);
        for v in victims {
            rows.push(vec![
                "victim".into(),
                format!("{} {} {}: {}", v.code, v.sex, v.age_group.code(), v.details),
            ]);
        }
        for r in reads {
            let why = r
                .glass_reason
                .as_deref()
                .map_or(String::new(), |w| format!(" (broke the glass: {w})"));
            rows.push(vec!["read".into(), format!("{} {}{why}", r.at, r.login)]);
        }
    }
    output::table(&format!("Case {}", s.id.0), &["field", "value"], &rows)
}
