//! Exports at national scale: `cargo bench --bench export`. Copies the generated database of
//! 1,000,000 volunteers from `$JASAQ_BENCH_SEED` (default
//! /work/bench-seed/registry-1000000.db; generating one takes minutes, see
//! `benches/registry.rs`) into the target directory once, then measures, each in a child
//! process of its own so its peak memory (VmHWM) is the export's and nothing else's:
//! - XLSX of every volunteer (the national administrator, no filter): target <= 10 s and
//!   peak memory <= 300 MB;
//! - CSV of the same list (no target; printed for comparison);
//! - PDF of a list of about 10,000 rows (one region, an age band widened until it holds
//!   10,000): target <= 10 s.
//!
//! Each child prints its figures; a missed target is printed as MISSED.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Instant;

use jasaq::access::Actor;
use jasaq::accounts::{self, SignInInput};
use jasaq::clock::SystemClock;
use jasaq::db::Store;
use jasaq::reports::{self, ExportFormat, Lang, VolunteerExport};
use jasaq::volunteers::{self, VolunteerQuery};

const PASSWORD: &str = "Bench-steppe-2026!";
const CHILD: &str = "JASAQ_EXPORT_BENCH_CHILD";
const PDF_REGION: &str = "KZ-75";
const PDF_ROWS: u32 = 10_000;

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

fn sign_in(store: &mut Store) -> Actor {
    accounts::sign_in(
        store,
        SignInInput {
            username: "bench.chief".into(),
            password: PASSWORD.into(),
        },
    )
    .expect("the seed database's bench.chief signs in")
    .1
}

/// The database the benchmark reads: a copy of the seed, made once.
fn database() -> PathBuf {
    let seed = PathBuf::from(
        std::env::var("JASAQ_BENCH_SEED")
            .unwrap_or_else(|_| "/work/bench-seed/registry-1000000.db".into()),
    );
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"));
    let dir = target.join("bench");
    std::fs::create_dir_all(&dir).expect("the bench directory is writable");
    let path = dir.join("export-1000000.db");
    let seed_len = std::fs::metadata(&seed)
        .unwrap_or_else(|e| panic!("seed database {}: {e}", seed.display()))
        .len();
    let copied = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    // A copy already migrated by an earlier run may have grown; only a smaller one is stale.
    if copied < seed_len {
        let started = Instant::now();
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        std::fs::copy(&seed, &path).expect("seed copied");
        println!(
            "copied {} ({:.1} GB) in {:.1} s",
            seed.display(),
            seed_len as f64 / 1e9,
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// The PDF bench's query: one region, an age band widened until it holds 10,000 volunteers.
fn pdf_query(store: &Store, actor: &Actor) -> VolunteerQuery {
    let mut query = VolunteerQuery {
        region_id: Some(PDF_REGION.into()),
        age_min: Some(18),
        age_max: Some(18),
        limit: 1,
        exact_total: true,
        ..VolunteerQuery::default()
    };
    while query.age_max < Some(100) {
        let total = volunteers::search(store, actor, &query)
            .expect("count")
            .total;
        if total >= PDF_ROWS {
            break;
        }
        query.age_max = query.age_max.map(|a| a + 1);
    }
    query
}

/// One measured export in this (child) process.
fn child(kind: &str, path: &Path) {
    let mut store = Store::open(path, Arc::new(SystemClock)).expect("database opens");
    let actor = sign_in(&mut store);
    let (format, query) = match kind {
        "xlsx" => (ExportFormat::Xlsx, VolunteerQuery::default()),
        "csv" => (ExportFormat::Csv, VolunteerQuery::default()),
        _ => (ExportFormat::Pdf, pdf_query(&store, &actor)),
    };
    let before = peak_mb();
    let out = path.with_file_name(format!("export-bench.{}", format.extension()));
    let input = VolunteerExport {
        query,
        format,
        lang: Lang::Ru,
    };
    let started = Instant::now();
    let summary = reports::save_to(&out, |w| {
        reports::export_volunteers(&mut store, &actor, &input, w)
    })
    .expect("export succeeds");
    let took = started.elapsed().as_secs_f64();
    let after = peak_mb();
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&out);
    println!(
        "  {kind}: {} rows in {took:.2} s ({:.0} rows/s), file {:.1} MB, peak memory {after:.0} MB (before the export {before:.0} MB, increase {:.0} MB)",
        summary.rows,
        summary.rows as f64 / took,
        size as f64 / 1e6,
        after - before
    );
    println!("RESULT {kind} {} {took} {after} {before}", summary.rows);
}

fn main() {
    if let Ok(kind) = std::env::var(CHILD) {
        let path = PathBuf::from(std::env::var("JASAQ_EXPORT_BENCH_DB").expect("db path"));
        child(&kind, &path);
        return;
    }
    let path = database();
    {
        // Migrate the copy once, outside the timed children.
        let mut store = Store::open(&path, Arc::new(SystemClock)).expect("database opens");
        let actor = sign_in(&mut store);
        let n: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM volunteers", [], |r| r.get(0))
            .expect("count");
        println!(
            "Jasaq export benchmark: {n} volunteers in {}, as {}",
            path.display(),
            actor.username()
        );
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at start: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let exe = std::env::current_exe().expect("own executable");
    for (kind, target_s, target_mb) in [
        ("xlsx", Some(10.0), Some(300.0)),
        ("csv", None, None),
        ("pdf", Some(10.0), None),
    ] {
        let out = Command::new(&exe)
            .env(CHILD, kind)
            .env("JASAQ_EXPORT_BENCH_DB", &path)
            .output()
            .expect("child runs");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            println!("  {kind}: FAILED\n{}", String::from_utf8_lossy(&out.stderr));
            continue;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let Some(result) = text.lines().find_map(|l| l.strip_prefix("RESULT ")) else {
            continue;
        };
        let fields: Vec<f64> = result
            .split_whitespace()
            .skip(1)
            .filter_map(|f| f.parse().ok())
            .collect();
        let (took, peak) = (fields[1], fields[2]);
        if let Some(target) = target_s {
            let verdict = if took <= target { "met" } else { "MISSED" };
            println!("  {kind} time {took:.2} s vs target <= {target} s: {verdict}");
        }
        if let Some(target) = target_mb {
            let verdict = if peak <= target { "met" } else { "MISSED" };
            println!("  {kind} peak memory {peak:.0} MB vs target <= {target} MB: {verdict}");
        }
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "load average at end: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
