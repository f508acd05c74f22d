//! `unpol forcegen ...`.

use anyhow::Context;
use unpol_app::forcegen::files::{self, SolveOptions, SolveReport};

use crate::cli::{ForcegenCommand, Format};
use crate::output;

pub fn solve(command: ForcegenCommand) -> anyhow::Result<()> {
    let ForcegenCommand::Solve {
        dir,
        women,
        country_cap,
        gap,
        slate,
        format,
    } = command;
    if !(0.0..1.0).contains(&gap) {
        anyhow::bail!("--gap must be at least 0 and below 1, got {gap}");
    }
    let report = files::solve(
        &dir,
        SolveOptions {
            women,
            country_cap,
            gap,
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
            print_summary(&report);
            Ok(())
        }
    }
}

fn print_summary(report: &SolveReport) {
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
        "objective {}  bound {}  gap {:.4}%{}  ({} iterations)",
        report.objective,
        report.bound,
        report.gap * 100.0,
        if report.proven_optimal {
            "  proven optimal"
        } else {
            ""
        },
        report.iterations
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
    );
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
