//! The command-line grammar (clap). Names here are a contract: see DESIGN.md, section 4.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use unpol_domain::Month;

#[derive(Debug, Parser)]
#[command(name = "unpol", version, about = "UN Police information system")]
pub struct Cli {
    /// Database to use: sqlite://FILE (created if missing) or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "UNPOL_DATABASE_URL",
        default_value = "sqlite://unpol.db"
    )]
    pub database_url: String,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending schema migrations and load the reference data (also done at every start).
    Migrate,
    /// Import data into unpol.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Figures and shares from the imported data.
    #[command(subcommand)]
    Stats(StatsCommand),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The UN's published monthly contributions of uniformed personnel (CSV or XLSX).
    Published(ImportPublished),
}

#[derive(Debug, Args)]
pub struct ImportPublished {
    /// Files to import, each in its own transaction.
    #[arg(required_unless_present = "bundled", conflicts_with = "bundled")]
    pub files: Vec<PathBuf>,
    /// Import the published history shipped inside unpol (2015-01 to 2025-07).
    #[arg(long)]
    pub bundled: bool,
    /// Import the valid rows of a file and list the rejected ones, instead of refusing the file.
    #[arg(long)]
    pub skip_invalid: bool,
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Police and other uniformed personnel for one month, by category, mission and country.
    Contributions {
        /// YYYY-MM, or `latest` for the most recent month with figures.
        #[arg(long)]
        month: MonthArg,
        /// Narrow to one mission (acronym).
        #[arg(long)]
        mission: Option<String>,
        /// Narrow to one contributing country (ISO 3166 alpha-3 code or name).
        #[arg(long)]
        country: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Women's share of police against the Uniformed Gender Parity Strategy's targets.
    Parity {
        /// YYYY-MM, or `latest` for the most recent month with figures.
        #[arg(long)]
        month: MonthArg,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Police strength and women's share month by month.
    Trend {
        #[arg(long)]
        from: Month,
        #[arg(long)]
        to: Month,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// A month on the command line: `YYYY-MM`, or `latest`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthArg {
    Latest,
    Month(Month),
}

impl std::str::FromStr for MonthArg {
    type Err = unpol_domain::month::MonthError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.eq_ignore_ascii_case("latest") {
            Ok(MonthArg::Latest)
        } else {
            s.parse().map(MonthArg::Month)
        }
    }
}
