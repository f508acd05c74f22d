//! What the command-line tests share: the `unpol` binary pointed at a test database, and an
//! import held open at its commit point (it holds the write lock until it is killed).
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// The day every command of the tests runs on (`UNPOL_TODAY`): what a test expects never
/// depends on the wall clock.
pub const TODAY: &str = "2026-12-01";

/// `unpol` on the database at `url`, chaining the audit trail with the test key, on [`TODAY`].
pub fn unpol_on(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_unpol"));
    command
        .env("UNPOL_DATABASE_URL", url)
        .env("UNPOL_AUDIT_KEY", unpol_app::testing::TEST_AUDIT_KEY)
        .env("UNPOL_TODAY", TODAY)
        .env_remove("UNPOL_FAILPOINT");
    command
}

/// Runs `unpol ARGS` on the database at `url` to its end.
pub fn unpol(url: &str, args: &[&str]) -> Output {
    unpol_on(url).args(args).output().expect("unpol runs")
}

/// What a command wrote on stderr.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// `unpol import published FILE`, stopped after writing its rows and before its commit: the
/// import's transaction stays open until the child is killed.
pub fn held_import(url: &str, file: &Path) -> std::io::Result<Child> {
    let mut child = unpol_on(url)
        .args(["import", "published", &file.display().to_string()])
        .env("UNPOL_FAILPOINT", "import-before-commit")
        .stderr(Stdio::piped())
        .spawn()?;
    let stderr = child.stderr.take().expect("stderr");
    let held = BufReader::new(stderr)
        .lines()
        .map_while(Result::ok)
        .any(|l| l.contains("failpoint import-before-commit"));
    assert!(held, "the import reached its commit point");
    Ok(child)
}
