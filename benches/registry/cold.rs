//! The first seconds after a reboot: the database file out of the OS page cache.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jasaq::access::Actor;
use jasaq::clock::SystemClock;
use jasaq::db::{Prefetch, Store};
use jasaq::volunteers::generate::{Rng, KAZAKH_SURNAME_STEMS};
use jasaq::volunteers::{self, fold, VolunteerQuery};

use crate::support::{iin_prefixes, ms, pick_str, query, report};

/// Drops the database file's pages from the OS page cache (GNU dd's `nocache` asks the
/// kernel to, with posix_fadvise DONTNEED; no privileges needed). False where it cannot.
pub fn evict(path: &Path) -> bool {
    let _ = std::process::Command::new("sync").status();
    std::process::Command::new("dd")
        .arg(format!("if={}", path.display()))
        .args(["iflag=nocache", "count=0", "status=none"])
        .status()
        .is_ok_and(|s| s.success())
}

/// The first minutes after a reboot: the file is evicted from the page cache, then opened, and
/// searches run on prefixes and names not searched before, without and then with the
/// read-ahead the desktop app starts when it opens the database ([`Prefetch`]).
pub fn cold_start(store: Store, path: &Path, admin: &Actor, regional: &Actor) -> Store {
    println!();
    println!("-- cold page cache (first use after a reboot): file evicted, new queries --");
    drop(store);
    if !evict(path) {
        println!("   (cannot evict the file from the page cache here: section skipped)");
        return Store::open(path, Arc::new(SystemClock)).expect("opens");
    }
    let t = Instant::now();
    let store = Store::open(path, Arc::new(SystemClock)).expect("opens");
    volunteers::search(&store, admin, &VolunteerQuery::default()).unwrap();
    let open = t.elapsed();
    println!(
        "{:<58} {:>9.3} ms  target <= 150 ms: {}",
        "open + first page, cold",
        ms(open),
        if ms(open) <= 150.0 { "met" } else { "MISSED" }
    );
    let mut rng = Rng::new(11);
    let prefixes = iin_prefixes(&store, &mut rng, 200);
    let names: Vec<String> = (0..100)
        .map(|_| {
            let stem = pick_str(&mut rng, KAZAKH_SURNAME_STEMS);
            fold::cyrillic(stem).chars().take(4).collect()
        })
        .collect();
    let measure = |label: &str, store: &Store, actor: &Actor, qs: &[String]| {
        let mut samples: Vec<Duration> = qs
            .iter()
            .map(|q| {
                let t = Instant::now();
                volunteers::search(store, actor, &query(q)).unwrap();
                t.elapsed()
            })
            .collect();
        report(label, &mut samples, Some(5.0));
    };
    measure(
        "IIN prefix, cold, national",
        &store,
        admin,
        &prefixes[..100],
    );
    measure(
        "IIN prefix, cold, regional admin",
        &store,
        regional,
        &prefixes[100..],
    );
    measure("name fragment, cold, national", &store, admin, &names);

    drop(store);
    evict(path);
    let store = Store::open(path, Arc::new(SystemClock)).expect("opens");
    let prefetch = Prefetch::spawn(path).expect("prefetch starts");
    // What an operator meets after a cold start: searches while the read-ahead runs.
    let names: Vec<String> = (0..100)
        .map(|_| {
            let stem = pick_str(&mut rng, KAZAKH_SURNAME_STEMS);
            fold::cyrillic(stem).chars().take(4).collect()
        })
        .collect();
    let during = Instant::now();
    measure(
        "name fragment, cold, during the read-ahead",
        &store,
        admin,
        &names,
    );
    let prefixes = iin_prefixes(&store, &mut rng, 200);
    measure(
        "IIN prefix, cold, regional admin, during the read-ahead",
        &store,
        regional,
        &prefixes[..100],
    );
    println!(
        "   (those searches ran from open to {:.2} s after it)",
        during.elapsed().as_secs_f64()
    );
    let outcome = prefetch.join().expect("prefetch finishes");
    println!(
        "read-ahead as the app starts it on open: {} MB in {:.1} s{}",
        outcome.bytes >> 20,
        outcome.elapsed.as_secs_f64(),
        if outcome.stopped { " (stopped)" } else { "" }
    );
    measure(
        "IIN prefix, after the read-ahead",
        &store,
        admin,
        &prefixes[100..],
    );
    store
}
