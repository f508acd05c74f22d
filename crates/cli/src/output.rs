//! Writing reports to stdout as a table, JSON or CSV.

use std::io::Write;

use comfy_table::{Table, presets::UTF8_BORDERS_ONLY};
use serde::Serialize;

/// Prints a value as pretty JSON on stdout, and nothing else.
pub fn json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// Prints rows as CSV with a header.
pub fn csv(header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(std::io::stdout().lock());
    writer.write_record(header)?;
    for row in rows {
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

/// Prints a listing in the format asked: `value` as JSON, or its rows (built only then) as CSV
/// or as a titled table.
pub fn listing<T: Serialize>(
    format: crate::cli::Format,
    value: &T,
    title: &str,
    header: &[&str],
    rows: impl FnOnce() -> Vec<Vec<String>>,
) -> anyhow::Result<()> {
    match format {
        crate::cli::Format::Json => json(value),
        crate::cli::Format::Csv => csv(header, &rows()),
        crate::cli::Format::Table => table(title, header, &rows()),
    }
}

/// Prints rows as a table for people. A reader that closes the pipe early (`| head`) ends the
/// command quietly (see `main`), instead of the panic of `println!`.
pub fn table(title: &str, header: &[&str], rows: &[Vec<String>]) -> anyhow::Result<()> {
    let mut table = Table::new();
    table
        .load_preset(UTF8_BORDERS_ONLY)
        .set_header(header.to_vec());
    for row in rows {
        table.add_row(row.clone());
    }
    writeln!(std::io::stdout().lock(), "{title}\n{table}")?;
    Ok(())
}

/// Thousands separated by a comma, as the UN's reports print them.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".into(), |s| format!("{:.1}%", s * 100.0))
}

pub fn decimal(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.6}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(11045), "11,045");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(percent(Some(606.0 / 2906.0)), "20.9%");
        assert_eq!(percent(None), "-");
    }
}
