//! `unpol forcegen ...`.

use std::io::Write as _;

use anyhow::Context;
use unpol_app::Actor;
use unpol_app::forcegen::files::{self, SolveOptions, SolveReport};
use unpol_app::forcegen::pipeline::{self, Decision, PlanOptions, PlanReport, RequestInput};
use unpol_domain::Clock;

use unpol_domain::forcegen::{NominationStatus, RequestId, RequestStatus};
use unpol_domain::roster::OfficerId;

use crate::cli::{DecisionArgs, ForcegenCommand, Format, RequestCommand};
use crate::output;

pub fn solve(command: ForcegenCommand) -> anyhow::Result<()> {
    let ForcegenCommand::Solve {
        dir,
        women,
        country_cap,
        gap,
        nodes,
        slate,
        format,
    } = command
    else {
        anyhow::bail!("only `forcegen solve` runs without a database");
    };
    if !(0.0..1.0).contains(&gap) {
        anyhow::bail!("--gap must be at least 0 and below 1, got {gap}");
    }
    let report = files::solve(
        &dir,
        SolveOptions {
            women,
            country_cap,
            gap,
            max_nodes: nodes,
        },
    )?;
    if let Some(path) = &slate {
        write_slate(path, &report)
            .with_context(|| format!("{}: cannot write the slate", path.display()))?;
    }
    eprintln!(
        "{} posts, {} candidates, {} edges: read in {:.3} s, solved in {:.3} s",
        report.posts, report.candidates, report.edges, report.read_seconds, report.solve_seconds
    );
    match format {
        Format::Json => output::json(&report),
        Format::Csv => {
            let rows: Vec<Vec<String>> = report
                .slate
                .iter()
                .map(|p| {
                    vec![
                        p.post.clone(),
                        p.candidate.clone(),
                        p.mission.clone(),
                        p.fit.to_string(),
                    ]
                })
                .collect();
            output::csv(&["post_id", "candidate_id", "mission", "fit"], &rows)
        }
        Format::Table => {
            print_summary(&report)?;
            Ok(())
        }
    }
}

fn print_summary(report: &SolveReport) -> anyhow::Result<()> {
    let rows: Vec<Vec<String>> = report
        .missions
        .iter()
        .map(|m| {
            let share =
                output::percent((m.selected > 0).then(|| m.women as f64 / m.selected as f64));
            let binding: Vec<String> = m
                .rules
                .iter()
                .filter(|r| r.binding)
                .map(|r| format!("{} (price {:.3})", r.rule, r.multiplier))
                .collect();
            vec![
                m.mission.clone(),
                m.posts.to_string(),
                m.selected.to_string(),
                m.women.to_string(),
                share,
                binding.join("; "),
            ]
        })
        .collect();
    let title = format!(
        "objective {}  bound {}  gap {:.4}%{}  ({} iterations, {} nodes)",
        report.objective,
        report.bound,
        report.gap * 100.0,
        if report.proven_optimal {
            "  proven optimal"
        } else {
            ""
        },
        report.iterations,
        report.nodes
    );
    output::table(
        &title,
        &[
            "mission",
            "posts",
            "selected",
            "women",
            "women %",
            "binding rules",
        ],
        &rows,
    )
}

fn write_slate(path: &std::path::Path, report: &SolveReport) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_path(path)?;
    writer.write_record(["post_id", "candidate_id"])?;
    for pick in &report.slate {
        writer.write_record([&pick.post, &pick.candidate])?;
    }
    writer.flush()?;
    Ok(())
}

/// The pipeline's commands. The console acts for headquarters: it sees every request.
pub async fn run(
    db: &unpol_app::Store,
    command: ForcegenCommand,
    clock: Clock,
) -> anyhow::Result<()> {
    let actor = Actor::console(clock);
    match command {
        ForcegenCommand::Solve { .. } => solve(command),
        ForcegenCommand::Request(RequestCommand::Add {
            mission,
            title,
            posts,
            min_rank,
            languages,
            skills,
            start,
            tour_months,
            deadline,
            country_cap,
            countries,
            send,
        }) => {
            let input = RequestInput {
                mission,
                title,
                posts,
                min_rank,
                languages,
                skills,
                start,
                tour_months,
                deadline,
                country_cap,
                countries,
            };
            let mut request = pipeline::create_request(db, &actor, input).await?;
            if send {
                request = pipeline::advance(
                    db,
                    &actor,
                    request.id,
                    RequestStatus::Sent,
                    Decision::default(),
                )
                .await?;
                eprintln!(
                    "request {} recorded for {} and sent to {}",
                    request.id,
                    request.mission,
                    codes(&request.countries)
                );
            } else {
                eprintln!(
                    "request {} recorded for {} as a draft; `unpol forcegen request send --request {}` sends it to {}",
                    request.id,
                    request.mission,
                    request.id,
                    codes(&request.countries)
                );
            }
            println!("{}", request.id);
            Ok(())
        }
        ForcegenCommand::Request(
            step @ (RequestCommand::Send(_)
            | RequestCommand::CloseNominations(_)
            | RequestCommand::Close(_)
            | RequestCommand::Cancel(_)),
        ) => {
            let (to, args) = match step {
                RequestCommand::Send(a) => (RequestStatus::Sent, a),
                RequestCommand::CloseNominations(a) => (RequestStatus::NominationsClosed, a),
                RequestCommand::Close(a) => (RequestStatus::Closed, a),
                RequestCommand::Cancel(a) => (RequestStatus::Cancelled, a),
                _ => unreachable!("matched above"),
            };
            let request = pipeline::advance(
                db,
                &actor,
                RequestId(args.request),
                to,
                decision(args.decision),
            )
            .await?;
            eprintln!(
                "request {}: {} on {}",
                request.id,
                request.status.code().replace('_', " "),
                request.last_step_on()
            );
            Ok(())
        }
        ForcegenCommand::Request(RequestCommand::List { format }) => {
            let requests = pipeline::requests(db, &actor).await?;
            let header = [
                "id",
                "mission",
                "title",
                "posts",
                "start",
                "deadline",
                "countries",
                "status",
            ];
            output::listing(
                format,
                &requests,
                "Force-generation requests",
                &header,
                || {
                    requests
                        .iter()
                        .map(|r| {
                            vec![
                                r.id.to_string(),
                                r.mission.to_string(),
                                r.title.clone(),
                                r.posts.to_string(),
                                r.start.to_string(),
                                r.deadline.to_string(),
                                codes(&r.countries),
                                r.status.code().to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
        ForcegenCommand::Nominate { request, officer } => {
            let n = pipeline::nominate(db, &actor, RequestId(request), OfficerId(officer)).await?;
            eprintln!(
                "officer {} nominated to request {} (nomination {})",
                n.officer, n.request, n.id
            );
            Ok(())
        }
        ForcegenCommand::Picks {
            request,
            name,
            format,
        } => {
            let picks = pipeline::picks(db, &actor, RequestId(request), name.as_deref()).await?;
            let header = [
                "officer",
                "name",
                "nationality",
                "rank",
                "gender",
                "eligible",
                "fit",
                "why",
            ];
            output::listing(
                format,
                &picks,
                &format!("Officers who may be nominated to request {request}"),
                &header,
                || {
                    picks
                        .iter()
                        .map(|p| {
                            let reasons: Vec<String> =
                                p.reasons.iter().map(ToString::to_string).collect();
                            vec![
                                p.officer.to_string(),
                                p.name.clone(),
                                p.nationality.clone(),
                                p.rank.clone(),
                                p.gender.code().to_string(),
                                if p.nominated {
                                    "nominated".into()
                                } else {
                                    p.fit.is_some().to_string()
                                },
                                p.fit.map_or_else(String::new, |f| f.total.to_string()),
                                reasons.join("; "),
                            ]
                        })
                        .collect()
                },
            )
        }
        ForcegenCommand::Nominations { request, format } => {
            let list = pipeline::nominations(db, &actor, RequestId(request)).await?;
            let day = |d: Option<chrono::NaiveDate>| d.map_or_else(String::new, |d| d.to_string());
            let header = [
                "id",
                "officer",
                "nationality",
                "status",
                "nominated_on",
                "decided_on",
                "deployed_on",
            ];
            output::listing(
                format,
                &list,
                &format!("Nominations to request {request}"),
                &header,
                || {
                    list.iter()
                        .map(|n| {
                            vec![
                                n.id.to_string(),
                                n.officer.to_string(),
                                n.nationality.to_string(),
                                n.status.to_string(),
                                n.nominated_on.to_string(),
                                day(n.decided_on),
                                day(n.deployed_on),
                            ]
                        })
                        .collect()
                },
            )
        }
        ForcegenCommand::Plan {
            request,
            women,
            cap,
            format,
        } => {
            let report = pipeline::plan(
                db,
                &actor,
                RequestId(request),
                PlanOptions {
                    women,
                    country_cap: cap,
                    gap: 0.0,
                },
            )
            .await?;
            if format == Format::Json {
                return output::json(&report);
            }
            print_plan(&report)?;
            Ok(())
        }
        ForcegenCommand::Select {
            request,
            officers,
            decision: args,
        } => {
            let officers = officers.map(|list| list.into_iter().map(OfficerId).collect());
            let list =
                pipeline::select(db, &actor, RequestId(request), officers, decision(args)).await?;
            let selected = list
                .iter()
                .filter(|n| n.status == NominationStatus::Selected)
                .count();
            eprintln!(
                "request {request}: {selected} selected, {} nominations in all",
                list.len()
            );
            Ok(())
        }
        ForcegenCommand::LeadTimes { by, format } => {
            let lines = pipeline::lead_times(db, &actor, by.into()).await?;
            let header = [
                "group",
                "deployed",
                "request_to_nomination",
                "nomination_to_selection",
                "selection_to_deployment",
                "request_to_deployment",
            ];
            output::listing(
                format,
                &lines,
                "Median days from request to deployment",
                &header,
                || {
                    lines
                        .iter()
                        .map(|l| {
                            vec![
                                l.group.clone(),
                                l.deployed.to_string(),
                                l.request_to_nomination.to_string(),
                                l.nomination_to_selection.to_string(),
                                l.selection_to_deployment.to_string(),
                                l.request_to_deployment.to_string(),
                            ]
                        })
                        .collect()
                },
            )
        }
        ForcegenCommand::Deploy {
            request,
            decision: args,
        } => {
            let tours = pipeline::deploy(db, &actor, RequestId(request), decision(args)).await?;
            eprintln!(
                "request {request}: {} officers deployed (tours {})",
                tours.len(),
                tours
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            Ok(())
        }
    }
}

fn decision(args: DecisionArgs) -> Decision {
    Decision {
        on: args.on,
        reason: args.reason,
    }
}

fn codes(countries: &[unpol_domain::CountryCode]) -> String {
    countries
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn print_plan(report: &PlanReport) -> anyhow::Result<()> {
    let row = |c: &pipeline::Candidate, status: &str| {
        vec![
            status.to_string(),
            c.officer.to_string(),
            c.name.clone(),
            c.nationality.clone(),
            c.gender.code().to_string(),
            c.fit.total.to_string(),
            format!(
                "skills {} + languages {} + experience {}",
                c.fit.skills, c.fit.languages, c.fit.experience
            ),
        ]
    };
    let mut rows: Vec<Vec<String>> = report.selected.iter().map(|c| row(c, "selected")).collect();
    rows.extend(report.reserve.iter().map(|c| row(c, "reserve")));
    for r in &report.ineligible {
        let reasons: Vec<String> = r.reasons.iter().map(ToString::to_string).collect();
        rows.push(vec![
            "ineligible".into(),
            r.officer.to_string(),
            r.name.clone(),
            String::new(),
            String::new(),
            String::new(),
            reasons.join("; "),
        ]);
    }
    let women = report.women_rule.as_ref().map_or_else(
        || "no parity target".to_string(),
        |w| format!("women >= {:.1}% ({})", w.share * 100.0, w.source),
    );
    let women = match report.country_cap {
        Some(cap) => format!("{women}, one country <= {:.1}%", cap * 100.0),
        None => women,
    };
    let title = format!(
        "Request {}: {} posts ({} deployed, {} open), {women}; objective {}, bound {}{}\nbinding: {}",
        report.request,
        report.posts,
        report.deployed,
        report.open_posts,
        report.objective,
        report.bound,
        if report.proven_optimal {
            " (proven optimal)"
        } else {
            ""
        },
        if report.binding.is_empty() {
            "none".to_string()
        } else {
            report.binding.join("; ")
        }
    );
    output::table(
        &title,
        &[
            "status",
            "officer",
            "name",
            "nationality",
            "gender",
            "fit",
            "why",
        ],
        &rows,
    )?;
    for s in &report.shortfalls {
        writeln!(
            std::io::stdout().lock(),
            "{} leaves posts empty: {}. Filled {} of {}; without this rule {} (objective {}).",
            s.rule,
            s.detail,
            s.filled,
            report.open_posts,
            s.filled_without_rule,
            s.objective_without_rule
        )?;
    }
    Ok(())
}
