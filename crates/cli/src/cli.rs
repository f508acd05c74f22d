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

    /// The key file of the audit trail (when UNPOL_AUDIT_KEY, 64 hex digits, is not set).
    /// Default: beside an SQLite database (`unpol.db.audit-key`); PostgreSQL needs one given.
    #[arg(long, global = true, env = "UNPOL_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,

    /// The key file that seals conduct cases' narratives, notes and victims (when
    /// UNPOL_CASE_KEY, 64 hex digits, is not set). Default: beside an SQLite database
    /// (`unpol.db.case-key`); PostgreSQL needs one given.
    #[arg(long, global = true, env = "UNPOL_CASE_KEY_FILE")]
    pub case_key_file: Option<PathBuf>,

    /// The day the rules take as today (deadlines, tours active now), YYYY-MM-DD: for training,
    /// demonstrations and tests. Default: the system's date.
    #[arg(long, global = true, env = "UNPOL_TODAY")]
    pub today: Option<chrono::NaiveDate>,

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
    /// User accounts.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens for scripts (sent as `Authorization: Bearer TOKEN`).
    #[command(subcommand)]
    Token(TokenCommand),
    /// The tamper-evident audit trail.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Fill an empty roster with synthetic officers, units, posts and tours shaped on one month
    /// of the published figures (which must be imported first).
    Demo {
        /// The month to copy: YYYY-MM, or `latest`.
        #[arg(long)]
        like: MonthArg,
        /// Multiply every count by K (for load tests and benchmarks).
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// The same seed gives the same roster.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// The roster as files: import and export (CSV or XLSX).
    #[command(subcommand)]
    Roster(RosterCommand),
    /// Forecasts from the roster.
    #[command(subcommand)]
    Forecast(ForecastCommand),
    /// Force generation: requests, nominations and the selection optimizer.
    #[command(subcommand)]
    Forcegen(ForcegenCommand),
    /// Conduct and discipline: cases, their clocks, and the public figures.
    #[command(subcommand)]
    Conduct(ConductCommand),
    /// Incidents in missions' areas: import open event data, record, list and count them.
    #[command(subcommand)]
    Incidents(IncidentsCommand),
    /// Host-State police capacity building: activities, infrastructure projects, quarterly figures.
    #[command(subcommand)]
    Capacity(CapacityCommand),
    /// Evaluations of officers and readiness assessments of formed police units.
    #[command(subcommand)]
    Performance(PerformanceCommand),
    /// Mission performance indicators: definitions, entered values, the mission's dashboard.
    #[command(subcommand)]
    Indicators(IndicatorsCommand),
    /// The police tasks a mission hands over as it prepares its transition.
    #[command(subcommand)]
    Transition(TransitionCommand),
    /// Run the web server (UI and REST API).
    Serve {
        /// Address to listen on; port 0 picks a free port (printed on stderr).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Mark cookies Secure: set when users reach unpol over HTTPS (through a proxy).
        #[arg(long, env = "UNPOL_SECURE_COOKIES")]
        secure_cookies: bool,
        /// On an empty database: load the bundled figures, a demo roster shaped on the latest
        /// month, and one demo account per role (printed once).
        #[arg(long)]
        demo: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum RosterCommand {
    /// Import officers and their tours (one row per tour), keyed by external ids; one
    /// transaction, `FILE:LINE: reason` for each bad row.
    Import { file: PathBuf },
    /// Export the roster in the same columns the import reads.
    Export {
        #[arg(long, value_enum, default_value_t = FileFormat::Csv)]
        format: FileFormat,
        /// Write to this file (required for xlsx); stdout otherwise.
        #[arg(long)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Subcommand)]
pub enum ForecastCommand {
    /// Tours ending per mission and month, by category and gender, and how many replacements
    /// must be women to meet the parity target.
    Rotations {
        #[arg(long)]
        from: Month,
        #[arg(long, default_value_t = 12)]
        months: u32,
        #[arg(long)]
        mission: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum ForcegenCommand {
    /// Solve a selection instance from files (posts.csv, candidates.csv, edges.csv, as written by
    /// bench/forcegen/gen.py): the best slate, a bound no slate can beat, and the time taken.
    /// Needs no database.
    Solve {
        /// The folder holding the instance.
        dir: PathBuf,
        /// At least this share of women among each mission's selections (e.g. 0.30).
        #[arg(long, value_parser = parse_share)]
        women: Option<unpol_selection::Share>,
        /// At most this share of each mission's selections from any one country.
        #[arg(long, value_parser = parse_share)]
        country_cap: Option<unpol_selection::Share>,
        /// Stop once the certified gap (bound - objective) / bound is at most this.
        #[arg(long, default_value_t = 0.0)]
        gap: f64,
        /// Branch-and-bound nodes per independent part of the instance, to prove the optimum
        /// (0: the bound of the Lagrangian search alone).
        #[arg(long)]
        nodes: Option<usize>,
        /// Also write the slate as CSV (post_id,candidate_id) to this file.
        #[arg(long)]
        slate: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Force-generation requests (the console acts for headquarters).
    #[command(subcommand)]
    Request(RequestCommand),
    /// Nominate an officer to a request.
    Nominate {
        #[arg(long)]
        request: i64,
        #[arg(long)]
        officer: i64,
    },
    /// The officers who may be nominated to a request, each with its eligibility and reasons:
    /// the eligible first, best fit first.
    Picks {
        #[arg(long)]
        request: i64,
        /// Only officers whose given or family name contains this.
        #[arg(long)]
        name: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The nominations of a request, with their status and dates.
    Nominations {
        #[arg(long)]
        request: i64,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Propose the best slate for a request: who, why, and how far from optimal it can be.
    Plan {
        #[arg(long)]
        request: i64,
        /// The women's share to reach instead of the parity target of the start year.
        #[arg(long, value_parser = parse_share)]
        women: Option<unpol_selection::Share>,
        /// The most one country may hold instead of the request's cap (e.g. 0.6; 1 lifts it).
        #[arg(long, value_parser = parse_cap)]
        cap: Option<unpol_selection::Share>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Select officers for a request: the plan's slate, or the officers named.
    Select {
        #[arg(long)]
        request: i64,
        /// Officer ids (comma-separated); without it, the plan's slate.
        #[arg(long, value_delimiter = ',')]
        officers: Option<Vec<i64>>,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Deploy every selected officer of a request: one tour each.
    Deploy {
        #[arg(long)]
        request: i64,
        #[command(flatten)]
        decision: DecisionArgs,
    },
    /// Median days from request to nomination, selection and deployment.
    LeadTimes {
        #[arg(long, value_enum, default_value_t = LeadTimeBy::Mission)]
        by: LeadTimeBy,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LeadTimeBy {
    Mission,
    Country,
    Profile,
}

impl From<LeadTimeBy> for unpol_domain::forcegen::LeadTimeGroup {
    fn from(by: LeadTimeBy) -> Self {
        match by {
            LeadTimeBy::Mission => Self::Mission,
            LeadTimeBy::Country => Self::Country,
            LeadTimeBy::Profile => Self::Profile,
        }
    }
}

/// When a decision was taken, and why (a cancellation, a selection other than the plan's).
#[derive(Debug, Clone, clap::Args)]
pub struct DecisionArgs {
    /// The day of the decision (YYYY-MM-DD); today by default.
    #[arg(long)]
    pub on: Option<chrono::NaiveDate>,
    #[arg(long, default_value = "")]
    pub reason: String,
}

/// A request and the decision that moves it.
#[derive(Debug, Clone, clap::Args)]
pub struct StepArgs {
    #[arg(long)]
    pub request: i64,
    #[command(flatten)]
    pub decision: DecisionArgs,
}

#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Record a draft request (`--send` sends it to the countries at once).
    Add {
        #[arg(long)]
        mission: String,
        #[arg(long)]
        title: String,
        /// How many officers.
        #[arg(long)]
        posts: u32,
        #[arg(long)]
        min_rank: String,
        /// Required languages with their level: `fr:3,en:2`.
        #[arg(long, value_delimiter = ',', value_parser = parse_language)]
        languages: Vec<unpol_domain::roster::LanguageSkill>,
        /// Wanted skills: `sgbv,investigations`.
        #[arg(long, value_delimiter = ',')]
        skills: Vec<String>,
        #[arg(long)]
        start: chrono::NaiveDate,
        #[arg(long, default_value_t = 12)]
        tour_months: u32,
        #[arg(long)]
        deadline: chrono::NaiveDate,
        /// At most this share of the selection from one country.
        #[arg(long)]
        country_cap: Option<f64>,
        /// Countries the request goes to (ISO codes or names, comma-separated).
        #[arg(long, value_delimiter = ',', required = true)]
        countries: Vec<String>,
        /// Send it to the countries today instead of keeping a draft.
        #[arg(long)]
        send: bool,
    },
    /// Send a draft to its countries: their focal points see it and nominate.
    Send(StepArgs),
    /// Close the nominations of a sent request: headquarters selects next.
    CloseNominations(StepArgs),
    /// Close a deployed request.
    Close(StepArgs),
    /// Cancel a request before anyone is deployed (`--reason` is required).
    Cancel(StepArgs),
    /// List requests.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

fn parse_language(text: &str) -> Result<unpol_domain::roster::LanguageSkill, String> {
    let (language, level) = text
        .split_once(':')
        .ok_or_else(|| format!("`{text}`: write LANGUAGE:LEVEL, e.g. fr:3"))?;
    let level = level
        .parse()
        .map_err(|_| format!("`{text}`: the level is a number from 1 to 5"))?;
    Ok(unpol_domain::roster::LanguageSkill {
        language: language.to_string(),
        level,
    })
}

fn parse_share(text: &str) -> Result<unpol_selection::Share, String> {
    unpol_selection::Share::parse(text).map_err(|e| e.to_string())
}

/// A country cap: a share above 0 (a cap of 0 would leave every post empty).
fn parse_cap(text: &str) -> Result<unpol_selection::Share, String> {
    let cap = parse_share(text)?;
    if cap.as_f64() <= 0.0 {
        return Err("a cap of 0 leaves every post empty; give more than 0, up to 1".into());
    }
    Ok(cap)
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user. The password is read from stdin (first line) when stdin is not a terminal;
    /// otherwise one is generated and printed once.
    Add {
        login: String,
        #[arg(long, value_parser = parse_role)]
        role: unpol_domain::access::Role,
        /// For `pcc` users: the country (ISO 3166 alpha-3 code or name).
        #[arg(long)]
        country: Option<String>,
        /// For `mission` users (and `conduct` users of one mission): the mission acronym.
        #[arg(long)]
        mission: Option<String>,
    },
    /// List users.
    List {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Disable a user: its sessions end and its tokens stop working.
    Disable { login: String },
    /// Set a user's password (read from stdin, or generated and printed once).
    Passwd { login: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for a user; it is printed once and stored only as a hash.
    Create {
        login: String,
        #[arg(long)]
        name: String,
        /// Days until it expires (no expiry when absent).
        #[arg(long)]
        expires: Option<u32>,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke a token by its id.
    Revoke { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the keyed hash chain; exit 1 naming the first entry that does not match. With a
    /// checkpoint, also check that no entry was cut from the end or the chain rewritten.
    Verify {
        /// A file written by `unpol audit checkpoint`.
        #[arg(long)]
        checkpoint: Option<PathBuf>,
    },
    /// Print the signed head of the trail (JSON) for the operator to keep outside the database.
    Checkpoint,
    /// Check a trail written before keys (plain SHA-256) and seal it with the given key.
    Seal,
    /// List entries.
    Show {
        /// Entries at or after this time (RFC 3339, or a date YYYY-MM-DD).
        #[arg(long)]
        since: Option<String>,
        /// Entries by this actor (login).
        #[arg(long)]
        user: Option<String>,
        /// Entries about one record: `case:12` (a conduct case: who read it, every step),
        /// `officer:7`, `fg_request:3`...
        #[arg(long)]
        record: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

fn parse_role(s: &str) -> Result<unpol_domain::access::Role, String> {
    unpol_domain::access::Role::from_code(s).ok_or_else(|| {
        let roles: Vec<_> = unpol_domain::access::Role::ALL
            .iter()
            .map(|r| r.code())
            .collect();
        format!("unknown role `{s}` (one of {})", roles.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// The UN's published monthly contributions of uniformed personnel (CSV, XLSX, or the UN's
    /// monthly PDF report).
    Published(ImportPublished),
}

#[derive(Debug, Args)]
pub struct ImportPublished {
    /// Files to import, each in its own transaction; a folder stands for the .csv, .xlsx and
    /// .pdf files in it.
    #[arg(required_unless_present = "bundled", conflicts_with = "bundled")]
    pub files: Vec<PathBuf>,
    /// Import the published history shipped inside unpol (2015-01 to 2025-07).
    #[arg(long)]
    pub bundled: bool,
    /// Import the valid rows of a file and list the rejected ones, instead of refusing the file.
    #[arg(long)]
    pub skip_invalid: bool,
    /// Print the rows read, in the published data's CSV columns, and import nothing.
    #[arg(long, conflicts_with = "bundled")]
    pub dry_run: bool,
    /// The format of `--dry-run`'s rows.
    #[arg(long, value_enum, default_value_t = Format::Csv, requires = "dry_run")]
    pub format: Format,
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
        /// Count from the UN's published figures, or from unpol's own roster.
        #[arg(long, value_enum, default_value_t = Source::Published)]
        source: Source,
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
pub enum Source {
    Published,
    Records,
}

/// Conduct cases are read on a need-to-know basis: each command acts as a user of unpol
/// (`--as LOGIN`), with that user's role and scope, and is audited under that login.
#[derive(Debug, Subcommand)]
pub enum ConductCommand {
    /// Cases: record, list, read, and take their steps.
    #[command(subcommand)]
    Case(CaseCommand),
    /// The clocks that have run out, or will within `--within` days, per contributing country.
    Overdue {
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        #[arg(long, default_value_t = 30)]
        within: u32,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Rotate the case key: re-seal every case's narrative, notes and victims from the old key
    /// to the current one (UNPOL_CASE_KEY or --case-key-file), in one transaction.
    Rekey {
        /// The old key's file (64 hex digits).
        #[arg(long)]
        old_key_file: PathBuf,
    },
    /// The public figures: allegations per year, mission, category, nationality, type and step.
    Figures {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum CaseCommand {
    /// Record a case from a JSON file (`-` for standard input) shaped as the API's body: the
    /// narrative stays out of the shell's history.
    Add {
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        file: PathBuf,
    },
    /// The cases you may read.
    List {
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// One case, as you may read it (the read is audited).
    Show {
        id: i64,
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Refer a case to the contributing country, on the day of the notification.
    Refer {
        id: i64,
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        /// The contributing country (ISO 3166 alpha-3).
        #[arg(long)]
        to: String,
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
    },
    /// Take the next step of a case.
    Step {
        id: i64,
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        /// `preliminary_assessment`, `investigator_named`, `under_investigation`, `outcome`,
        /// `country_action` or `closed`.
        #[arg(long)]
        to: String,
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
        /// Who investigates (`oios`, `contributing_country`, `mission`), with `investigator_named`.
        #[arg(long)]
        investigator: Option<String>,
        /// What was found (`substantiated`, `not_substantiated`, `closed_other`), with `outcome`.
        #[arg(long)]
        outcome: Option<String>,
        /// What the country did (`dismissal`, `imprisonment`, `demotion`, `reprimand`,
        /// `pending`), with `country_action`.
        #[arg(long)]
        action: Option<String>,
    },
    /// Record an interim measure; a repatriation ends the officer's tour for discipline.
    Measure {
        id: i64,
        #[arg(long = "as", value_name = "LOGIN")]
        user: String,
        /// `repatriation`, `administrative_leave`, `payment_suspension` or `barred`.
        #[arg(long)]
        measure: String,
        #[arg(long)]
        officer: Option<i64>,
        #[arg(long)]
        on: Option<chrono::NaiveDate>,
    },
}

/// Incidents: each command acts as the console (headquarters' view) or, with `--as LOGIN`, as a
/// user of unpol with that user's role and scope.
#[derive(Debug, Subcommand)]
pub enum IncidentsCommand {
    /// Import open event data into a mission's incidents.
    #[command(subcommand)]
    Import(IncidentsImport),
    /// Record an incident from a JSON file (`-` for standard input) shaped as the API's body.
    Add {
        #[arg(long = "as", value_name = "LOGIN")]
        user: Option<String>,
        file: PathBuf,
    },
    /// The incidents you may read.
    List {
        #[command(flatten)]
        query: IncidentQueryArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Events and deaths (best estimates) per year, month, first-level area or category.
    Stats {
        /// `year`, `month`, `area` or `category`.
        #[arg(long, default_value = "year")]
        by: String,
        #[command(flatten)]
        query: IncidentQueryArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum IncidentsImport {
    /// A CSV file of the UCDP Georeferenced Event Dataset, as UCDP publishes it: one
    /// transaction; an event already imported (same GED id) is left as it is.
    Ucdp {
        file: PathBuf,
        /// The mission whose host country the events are in.
        #[arg(long)]
        mission: String,
        #[arg(long = "as", value_name = "LOGIN")]
        user: Option<String>,
    },
}

/// Who reads or writes, and of which mission: the console (headquarters' view) or, with
/// `--as LOGIN`, a user of unpol with that user's role and scope.
#[derive(Debug, clap::Args)]
pub struct MissionArgs {
    #[arg(long = "as", value_name = "LOGIN")]
    pub user: Option<String>,
    /// A mission's acronym (mission staff always read their own).
    #[arg(long)]
    pub mission: Option<String>,
}

/// A record from a JSON file (`-` for standard input) shaped as the API's body.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    #[arg(long = "as", value_name = "LOGIN")]
    pub user: Option<String>,
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum CapacityCommand {
    /// Record an activity with the host State's police (a course, recruitment or vetting
    /// support, mentoring at a site).
    Activity(RecordArgs),
    /// Record an infrastructure project (a police station, a community-oriented policing centre).
    Project(RecordArgs),
    /// The activities you may read, the latest first.
    List {
        #[command(flatten)]
        who: MissionArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Courses, host police trained by sex, sites mentored and projects delivered per mission
    /// and quarter.
    Quarters {
        #[command(flatten)]
        who: MissionArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum PerformanceCommand {
    /// Record an officer's evaluation for a period of a tour.
    Evaluate(RecordArgs),
    /// Record a formed police unit's readiness assessment.
    Assess(RecordArgs),
    /// The evaluations you may read, the latest period first.
    List {
        #[command(flatten)]
        who: MissionArgs,
        /// One officer's (database id).
        #[arg(long)]
        officer: Option<i64>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum IndicatorsCommand {
    /// Define an indicator (computed by unpol, or entered by the mission).
    Define(RecordArgs),
    /// Enter an indicator's value for a quarter (`2026-Q3`); replaces an earlier one.
    Value {
        #[arg(long = "as", value_name = "LOGIN")]
        user: Option<String>,
        id: i64,
        quarter: unpol_domain::quarter::Quarter,
        value: f64,
    },
    /// A mission's indicators over the last eight quarters against their targets.
    Dashboard {
        #[arg(long = "as", value_name = "LOGIN")]
        user: Option<String>,
        #[arg(long)]
        mission: String,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, Subcommand)]
pub enum TransitionCommand {
    /// Record a police task to hand over.
    Add(RecordArgs),
    /// Move a task to a status (`not_started`, `in_progress`, `handed_over`, `at_risk`).
    Status {
        #[arg(long = "as", value_name = "LOGIN")]
        user: Option<String>,
        id: i64,
        status: String,
    },
    /// The tasks you may read, by due day.
    List {
        #[command(flatten)]
        who: MissionArgs,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

#[derive(Debug, clap::Args)]
pub struct IncidentQueryArgs {
    #[arg(long = "as", value_name = "LOGIN")]
    pub user: Option<String>,
    #[arg(long)]
    pub mission: Option<String>,
    /// Incidents that ended on or after this day.
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Incidents that started on or before this day.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// Only this category (repeat for several).
    #[arg(long)]
    pub category: Vec<String>,
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
