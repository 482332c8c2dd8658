//! The registry at national scale: `cargo bench --bench registry` (N = 1,000,000; set
//! JASAQ_BENCH_N for a quick run, JASAQ_BENCH_ONLY=register or =cold for one part alone).
//! Generates N volunteers once into target/bench/registry-N.db (reused while the schema and
//! count match), then measures search, filtered pages, open + first page and registration
//! through the real core functions
//! (registration with the background WAL checkpointer running, as the desktop app runs), and
//! prints each figure beside its target. A missed target is printed as MISSED: the figures go
//! into BENCHMARKS.md as measured.

mod cold;
mod register;
mod support;
mod warm;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use jasaq::access::Role;
use jasaq::accounts::{self, SetupInput};
use jasaq::clock::SystemClock;
use jasaq::db::Store;
use jasaq::volunteers::generate::Rng;
use jasaq::volunteers::{self, GenerateOptions};

use support::{bench_user, iin_prefixes, index_is_current, schema, sign_in, PASSWORD};

fn main() {
    let n: u64 = std::env::var("JASAQ_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench is writable");
    let path = dir.join(format!("registry-{n}.db"));
    println!(
        "Jasaq registry benchmark: N = {n}, database {}",
        path.display()
    );

    let probe = dir.join("schema-probe.db");
    let _ = std::fs::remove_file(&probe);
    let expected = schema(
        Store::open(&probe, Arc::new(SystemClock))
            .expect("probe opens")
            .conn(),
    );
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", probe.display()));
    }

    let mut store = Store::open(&path, Arc::new(SystemClock)).expect("database opens");
    let same_schema = schema(store.conn()) == expected && index_is_current(store.conn());
    let existing: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM volunteers", [], |r| r.get(0))
        .unwrap_or(0);
    let existing = existing as u64;
    let admin = if same_schema && existing >= n && accounts::needs_setup(&store).ok() == Some(false)
    {
        println!("reusing the generated database ({existing} volunteers)");
        sign_in(&mut store, "bench.chief")
    } else {
        drop(store);
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        store = Store::open(&path, Arc::new(SystemClock)).expect("database opens");
        let (_, admin) = accounts::setup_first_admin(
            &mut store,
            SetupInput {
                username: "bench.chief".into(),
                display_name: "Bench".into(),
                password: PASSWORD.into(),
            },
        )
        .expect("bench administrator");
        let started = Instant::now();
        volunteers::generate(
            &mut store,
            &admin,
            GenerateOptions {
                count: n,
                seed: 20261122,
                districts_per_region: 8,
            },
        )
        .expect("generation succeeds");
        let took = started.elapsed();
        println!(
            "generated {n} volunteers in one transaction in {:.1} s ({:.0} volunteers/s)",
            took.as_secs_f64(),
            n as f64 / took.as_secs_f64()
        );
        store
            .conn()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
            .expect("checkpoint and analyze");
        admin
    };

    // A district operator of the first district of Almaty city, for a scoped list.
    let district: String = store
        .conn()
        .query_row(
            "SELECT id FROM districts WHERE region_id = 'KZ-75' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("generated districts");
    let operator = bench_user(
        &mut store,
        &admin,
        "bench.op",
        Role::DistrictOperator,
        None,
        Some(&district),
    );
    let regional = bench_user(
        &mut store,
        &admin,
        "bench.reg",
        Role::RegionalAdmin,
        Some("KZ-75"),
        None,
    );

    // JASAQ_BENCH_ONLY=register: only the registrations (a minute, not the whole run).
    if std::env::var("JASAQ_BENCH_ONLY").as_deref() == Ok("register") {
        register::registrations(&mut store, &path, &operator, &district);
        return;
    }

    let mut rng = Rng::new(7);
    let runs = 300;
    let fragments = warm::name_fragments(&mut rng, runs);
    // IIN prefixes of 4-10 digits from existing records.
    let prefixes = iin_prefixes(&store, &mut rng, runs);

    // First use after a reboot: the file out of the OS page cache, new prefixes and names.
    let store = cold::cold_start(store, &path, &admin, &regional);
    if std::env::var("JASAQ_BENCH_ONLY").as_deref() == Ok("cold") {
        return;
    }

    // Warm the page cache as an app that has been open a while would have it.
    for q in fragments.iter().take(20) {
        volunteers::search(&store, &admin, &support::query(q)).unwrap();
    }
    warm::searches(&store, &admin, &regional, &operator, &fragments, &prefixes);
    warm::pages(&store, &admin, &operator);
    drop(store);
    warm::open_and_first_page(&path, &admin);

    let mut store = Store::open(&path, Arc::new(SystemClock)).expect("opens");
    register::registrations(&mut store, &path, &operator, &district);
    warm::size(&store);
}
