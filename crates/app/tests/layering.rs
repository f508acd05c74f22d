//! The layering Cargo enforces: the web server and the command line reach the database only
//! through this crate's use cases, never through `unpol-storage` (neither in their code nor in
//! their tests, which get their test databases from `unpol_app::testing`).

use std::path::Path;

#[test]
fn the_interfaces_do_not_depend_on_storage() -> std::io::Result<()> {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    for interface in ["web", "cli"] {
        let manifest = std::fs::read_to_string(crates.join(interface).join("Cargo.toml"))?;
        let named: Vec<&str> = manifest
            .lines()
            .map(str::trim)
            .filter(|line| line.starts_with("unpol-storage") || line.contains("\"unpol-storage"))
            .collect();
        assert!(
            named.is_empty(),
            "crates/{interface}/Cargo.toml depends on unpol-storage: {named:?}"
        );
    }
    Ok(())
}
