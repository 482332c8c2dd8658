//! Spreadsheet import at national scale: `cargo bench --bench import` (N = 1,000,000; set
//! JASAQ_BENCH_N for a quick run). Writes N generated volunteers to a CSV (the generator's
//! people, Russian headers), imports it end to end into a database with no volunteers yet
//! (validation, eligibility, duplicate checks, every registry index and the trigram search
//! indexes; valid rows only, since the generator makes ~3% foreign and stateless applicants,
//! whom an import refuses), then times `sqlite3 FILE.db ".import --csv"` of the same file into
//! an unindexed table with no validation, and prints both times, their ratio and this
//! process's peak memory against the targets (no slower than sqlite3; <= 500 MB). The
//! import's log lines say how long it had run when each of its steps ended.

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Instant;

use jasaq::accounts::{self, SetupInput};
use jasaq::clock::SystemClock;
use jasaq::db::Store;
use jasaq::volunteers::generate_csv::write_csv;
use jasaq::volunteers::import::{self, ImportMode, ImportOptions};
use jasaq::volunteers::GenerateOptions;

const PASSWORD: &str = "Bench-steppe-2026!";

/// Peak resident set size of this process so far, in MB (`VmHWM` in /proc/self/status).
fn peak_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map(|kb| kb / 1024.0)
        .unwrap_or(f64::NAN)
}

fn main() {
    // The import logs when each of its steps ends (rows, index rebuild, duplicates, commit).
    tracing_subscriber::fmt()
        .with_env_filter("jasaq::volunteers::import=info")
        .with_target(false)
        .with_ansi(false)
        .without_time()
        .init();
    let n: u64 = std::env::var("JASAQ_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let target = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let dir = PathBuf::from(target)
        .join("bench")
        .join(format!("import-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench directory");
    let db = dir.join("jasaq.db");
    let csv = dir.join("volunteers.csv");
    let plain = dir.join("plain.db");

    let mut store = Store::open(&db, Arc::new(SystemClock)).expect("fresh database");
    let (_, actor) = accounts::setup_first_admin(
        &mut store,
        SetupInput {
            username: "bench.chief".into(),
            display_name: "Bench".into(),
            password: PASSWORD.into(),
        },
    )
    .expect("first administrator");
    let started = Instant::now();
    let written = write_csv(
        &mut store,
        &actor,
        &csv,
        &GenerateOptions {
            count: n,
            seed: 20_260_101,
            districts_per_region: 10,
        },
    )
    .expect("the CSV is written");
    let bytes = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {written} rows, {:.1} MB of CSV in {:.1} s",
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average before the import: {}", load.trim());

    let schema = |store: &Store| -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
            .unwrap();
        let names = stmt.query_map([], |r| r.get(0)).unwrap();
        names.map(Result::unwrap).collect()
    };
    let indexes_before = schema(&store);
    let options = ImportOptions {
        mode: ImportMode::ValidOnly,
        update_existing: false,
        mapping: None,
    };
    let started = Instant::now();
    let mut last = Instant::now();
    let report = import::import(
        &mut store,
        &actor,
        &csv,
        &options,
        &AtomicBool::new(false),
        &mut |p| {
            if last.elapsed().as_secs() >= 10 {
                last = Instant::now();
                eprintln!(
                    "  {} rows, {:.0} rows/s, {:.0}% of the file",
                    p.rows,
                    p.rows_per_second,
                    p.fraction * 100.0
                );
            }
        },
    )
    .expect("the import runs");
    let import_s = started.elapsed().as_secs_f64();
    let peak = peak_mb();
    assert!(report.committed, "the valid rows are committed");
    assert_eq!(
        schema(&store),
        indexes_before,
        "every index the registry uses is there after the import"
    );
    println!(
        "jasaq import: {} rows read, {} created, {} refused, in {import_s:.1} s ({:.0} rows/s)",
        report.rows_read,
        report.created,
        report.refused,
        report.rows_read as f64 / import_s
    );
    drop(store);

    let started = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&plain)
        .arg(format!(".import --csv {} volunteers", csv.display()))
        .status()
        .expect("the sqlite3 shell runs (apt package sqlite3)");
    let sqlite_s = started.elapsed().as_secs_f64();
    assert!(status.success(), "sqlite3 .import succeeds");
    println!("sqlite3 .import --csv (unindexed, no validation): {sqlite_s:.1} s");

    let ratio = import_s / sqlite_s;
    println!(
        "ratio jasaq/sqlite3: {ratio:.2}  target <= 1.00: {}",
        if ratio <= 1.0 { "met" } else { "MISSED" }
    );
    println!(
        "peak memory (VmHWM, generation and import): {peak:.0} MB  target <= 500 MB: {}",
        if peak <= 500.0 { "met" } else { "MISSED" }
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("load average after: {}", load.trim());
}
