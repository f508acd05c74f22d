//! PDF benchmark: `cargo bench -p unpol-import --bench pdf`.
//!
//! For each of the UN's 14 sample reports (`shared/data/un-uniformed-personnel/source-pdf-samples`),
//! the median time of unpol's reading (glyph positions, layout, rows, every printed total
//! checked) against the baseline of extracting the text alone with the same library
//! (`pdf_extract::extract_text_from_mem`), in one run, and the time of reading all 14 one after
//! the other. Goal: the 14 in under 3 s on the 2-core machine.

use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(mut work: impl FnMut()) -> Duration {
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                work();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/un-uniformed-personnel/source-pdf-samples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .expect("the sample PDFs beside the repository")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let samples: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(p).expect("readable"))
        })
        .collect();

    println!("| report | pages | text alone (baseline) | unpol's reading | ratio |");
    println!("| --- | --- | --- | --- | --- |");
    let (mut text_sum, mut read_sum) = (Duration::ZERO, Duration::ZERO);
    for (name, bytes) in &samples {
        let text = time(|| {
            std::hint::black_box(pdf_extract::extract_text_from_mem(bytes).ok());
        });
        let read = time(|| {
            std::hint::black_box(unpol_import::pdf::read_report(bytes, Some(name)).ok());
        });
        let pages = pdf_extract::Document::load_mem(bytes)
            .map(|d| d.get_pages().len())
            .unwrap_or(0);
        text_sum += text;
        read_sum += read;
        println!(
            "| {name} | {pages} | {:.1} ms | {:.1} ms | {:.2}x |",
            ms(text),
            ms(read),
            ms(read) / ms(text)
        );
    }
    println!(
        "| all 14, sum of medians | | {:.0} ms | {:.0} ms | {:.2}x |",
        ms(text_sum),
        ms(read_sum),
        ms(read_sum) / ms(text_sum)
    );
    let all = time(|| {
        for (name, bytes) in &samples {
            std::hint::black_box(unpol_import::pdf::read_report(bytes, Some(name)).ok());
        }
    });
    println!(
        "\nall 14 read one after the other: {:.0} ms (goal: under 3,000 ms)",
        ms(all)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
