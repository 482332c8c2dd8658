//! The registry at national scale: `cargo bench --bench registry` (N = 1,000,000; set
//! JASAQ_BENCH_N for a quick run, JASAQ_BENCH_ONLY=register or =cold for one part alone).
//! Generates N volunteers once into target/bench/registry-N.db (reused while the schema and
//! count match), then measures search, filtered pages, open + first page and registration
//! through the real core functions
//! (registration with the background WAL checkpointer running, as the desktop app runs), and
//! prints each figure beside its target. A missed target is printed as MISSED: the figures go
//! into BENCHMARKS.md as measured.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jasaq::access::{Actor, Role};
use jasaq::accounts::{self, ChangePasswordInput, NewUser, SetupInput, SignInInput};
use jasaq::clock::SystemClock;
use jasaq::db::{Checkpointer, Prefetch, Store};
use jasaq::identity::{make_iin, Sex};
use jasaq::volunteers::generate::{
    Rng, KAZAKH_FEMALE, KAZAKH_MALE, KAZAKH_SURNAME_STEMS, RUSSIAN_SURNAME_STEMS,
};
use jasaq::volunteers::{
    self, fold, GenerateOptions, MilitaryService, SortKey, Status, VolunteerInput, VolunteerQuery,
};

const PASSWORD: &str = "Bench-steppe-2026!";

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, samples: &mut [Duration], target_p99_ms: Option<f64>) {
    let p50 = ms(percentile(samples, 0.50));
    let p99 = ms(percentile(samples, 0.99));
    let max = ms(percentile(samples, 1.0));
    let verdict = match target_p99_ms {
        Some(t) if p99 <= t => format!("target p99 <= {t} ms: met"),
        Some(t) => format!("target p99 <= {t} ms: MISSED"),
        None => String::new(),
    };
    println!(
        "{name:<58} n={:<4} p50 {p50:>8.3} ms  p99 {p99:>8.3} ms  max {max:>8.3} ms  {verdict}",
        samples.len()
    );
}

/// One name of a list (a plain function: `Rng::pick` would yield `&&str`).
fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len() as u64) as usize]
}

fn sign_in(store: &mut Store, username: &str) -> Actor {
    accounts::sign_in(
        store,
        SignInInput {
            username: username.into(),
            password: PASSWORD.into(),
        },
    )
    .expect("bench account signs in")
    .1
}

/// Signs in the bench account `username`, creating it first if the database is new.
fn bench_user(
    store: &mut Store,
    admin: &Actor,
    username: &str,
    role: Role,
    region: Option<&str>,
    district: Option<&str>,
) -> Actor {
    if accounts::find_user_by_username(store, admin, username).is_ok() {
        return sign_in(store, username);
    }
    accounts::create_user(
        store,
        admin,
        NewUser {
            username: username.into(),
            display_name: "Bench".into(),
            role,
            region_id: region.map(Into::into),
            district_id: district.map(Into::into),
            password: "temporary-pass-123".into(),
        },
    )
    .expect("bench account");
    let first = accounts::sign_in(
        store,
        SignInInput {
            username: username.into(),
            password: "temporary-pass-123".into(),
        },
    )
    .expect("temporary password")
    .1;
    accounts::change_password(
        store,
        &first,
        ChangePasswordInput {
            current_password: "temporary-pass-123".into(),
            new_password: PASSWORD.into(),
        },
    )
    .expect("own password")
}

/// The schema a fresh database gets from the migrations, to tell whether a generated database
/// from an earlier run may be reused (an edited migration keeps the same version number).
fn schema(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("schema reads")
}

/// Whether the search entries were written by this build's folding: the schema can match while
/// the stored text differs (a district marker changed), and a district search over entries it
/// cannot match would be fast and wrong.
fn index_is_current(conn: &rusqlite::Connection) -> bool {
    let district: Option<String> = conn
        .query_row(
            "SELECT id FROM districts WHERE region_id = 'KZ-75' ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    let Some(district) = district else {
        return false;
    };
    let marker = format!("\"{}\"", fold::district_marker(&district));
    conn.query_row(
        "SELECT count(*) FROM volunteer_search_kz_75 WHERE volunteer_search_kz_75 MATCH ?",
        [marker],
        |r| r.get::<_, i64>(0),
    )
    .is_ok_and(|n| n > 0)
}

fn iin_prefixes(store: &Store, rng: &mut Rng, count: usize) -> Vec<String> {
    let max_seq: i64 = store
        .conn()
        .query_row("SELECT max(seq) FROM volunteers", [], |r| r.get(0))
        .unwrap();
    let mut stmt = store
        .conn()
        .prepare("SELECT iin FROM volunteers WHERE seq >= ? ORDER BY seq LIMIT 1")
        .unwrap();
    let mut prefixes = Vec::new();
    while prefixes.len() < count {
        let at = 1 + rng.below(max_seq as u64) as i64;
        let iin: String = stmt.query_row([at], |r| r.get(0)).unwrap();
        let len = 4 + rng.below(7) as usize;
        prefixes.push(iin[..len].to_owned());
    }
    prefixes
}

/// Drops the database file's pages from the OS page cache (GNU dd's `nocache` asks the
/// kernel to, with posix_fadvise DONTNEED; no privileges needed). False where it cannot.
fn evict(path: &std::path::Path) -> bool {
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
fn cold_start(
    store: Store,
    path: &std::path::Path,
    admin: &Actor,
    regional: &Actor,
    query: &dyn Fn(&str) -> VolunteerQuery,
) -> Store {
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

/// Registers `JASAQ_BENCH_REGISTRATIONS` (1,000) new volunteers one by one through the core,
/// with the background checkpointer running as in the desktop app, and reports the latency.
fn registrations(store: &mut Store, path: &std::path::Path, operator: &Actor, district: &str) {
    let mut rng = Rng::new(11);
    println!();
    println!("-- register one volunteer through volunteers::register (background checkpointer running) --");
    // Store::open switches SQLite's automatic checkpoint off; the desktop app copies the WAL
    // into the database file from a Checkpointer thread, so the bench runs one too.
    // Flush what other processes left dirty (the compiler's output just before this run): the
    // kernel's writeback of hundreds of megabytes would otherwise stall this run's WAL appends
    // and be counted as the app's latency. The app's own writes are not flushed by this.
    let _ = std::process::Command::new("sync").status();
    let checkpointer = Checkpointer::spawn(path).expect("checkpointer starts");
    let registrations: usize = std::env::var("JASAQ_BENCH_REGISTRATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    // 1,000 registrations (JASAQ_BENCH_REGISTRATIONS to change): with 200, the p99 was the
    // second-slowest save, one stall decided it. JASAQ_BENCH_TRACE=1 prints each save >= 4 ms.
    // Each registration is a different person (name and birth date drawn like the generator's):
    // 200 registrations of one name and birth date would each flag all the earlier ones as
    // likely duplicates, so the last would write ~200 flags, which no real registration does.
    let mut samples = Vec::new();
    let mut made = 0;
    let first_day = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
    let reg_start = Instant::now();
    while made < registrations {
        let birth = first_day + chrono::Duration::days(rng.below(30 * 365) as i64);
        let serial = rng.below(9_000) as u16 + 1;
        let Some(iin) = make_iin(birth, Sex::Male, serial) else {
            continue;
        };
        let form = VolunteerInput {
            iin,
            surname: format!("{}ов", pick_str(&mut rng, KAZAKH_SURNAME_STEMS)),
            given_name: pick_str(&mut rng, KAZAKH_MALE).into(),
            patronymic: Some("Серікұлы".into()),
            birth_date: None,
            sex: None,
            citizenship: "KZ".into(),
            region_id: "KZ-75".into(),
            district_id: district.to_owned(),
            registered_address: "Алматы, Абай даңғылы 1".into(),
            actual_address: "Алматы, Абай даңғылы 1".into(),
            phone: "8 701 000 00 00".into(),
            email: None,
            military_service: MilitaryService::Reserve,
            health_category: None,
            notes: None,
            skills: vec![],
        };
        let t = Instant::now();
        match volunteers::register(store, operator, form) {
            Ok(_) => {
                let took = t.elapsed();
                if std::env::var("JASAQ_BENCH_TRACE").is_ok() && took.as_millis() >= 4 {
                    eprintln!(
                        "   slow registration #{made}: {:.1} ms at {:?}",
                        ms(took),
                        reg_start.elapsed()
                    );
                }
                samples.push(took);
                made += 1;
            }
            // Reused database: this IIN was registered by an earlier run.
            Err(e) if e.reason.starts_with("iin_registered") => continue,
            Err(e) => panic!("registration failed: {e:?}"),
        }
    }
    report(
        "register (validate, IIN check, eligibility, audit, index)",
        &mut samples,
        Some(5.0),
    );

    let during = checkpointer.checkpoints();
    let t = Instant::now();
    drop(checkpointer);
    println!(
        "   ({during} checkpoints ran during the {:.1} s of registrations, each at a pause of \
         {} ms or after {} s of writing; stopping the checkpointer, with its last checkpoint, \
         took {:.1} ms)",
        reg_start.elapsed().as_secs_f64(),
        Checkpointer::QUIET.as_millis(),
        Checkpointer::MAX_DEFER.as_secs(),
        ms(t.elapsed())
    );
}

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
        registrations(&mut store, &path, &operator, &district);
        return;
    }

    let mut rng = Rng::new(7);
    let runs = 300;

    // Name fragments: 3-6 letters from a random position of a real generated name part.
    let mut fragments = Vec::new();
    while fragments.len() < runs {
        let source: &str = match rng.below(3) {
            0 => pick_str(&mut rng, KAZAKH_SURNAME_STEMS),
            1 => pick_str(&mut rng, RUSSIAN_SURNAME_STEMS),
            _ => {
                if rng.chance(50) {
                    pick_str(&mut rng, KAZAKH_MALE)
                } else {
                    pick_str(&mut rng, KAZAKH_FEMALE)
                }
            }
        };
        let chars: Vec<char> = fold::cyrillic(source).chars().collect();
        if chars.len() < 3 {
            continue;
        }
        let len = 3 + rng.below((chars.len() - 2).min(4) as u64) as usize;
        let len = len.min(chars.len());
        let start = rng.below((chars.len() - len + 1) as u64) as usize;
        fragments.push(chars[start..start + len].iter().collect::<String>());
    }
    let latin: Vec<String> = [
        "Alikhan", "Serik", "Zhanna", "Nurlan", "Akhmet", "Ivanov", "Dauren", "Aigerim", "Ospan",
        "Smirnov",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();

    // IIN prefixes of 4-10 digits from existing records.
    let prefixes = iin_prefixes(&store, &mut rng, runs);

    let query = |q: &str| VolunteerQuery {
        q: Some(q.to_owned()),
        limit: 50,
        ..Default::default()
    };
    // First use after a reboot: the file out of the OS page cache, new prefixes and names.
    let store = cold_start(store, &path, &admin, &regional, &query);
    if std::env::var("JASAQ_BENCH_ONLY").as_deref() == Ok("cold") {
        return;
    }

    // Warm the page cache as an app that has been open a while would have it.
    for q in fragments.iter().take(20) {
        volunteers::search(&store, &admin, &query(q)).unwrap();
    }

    println!();
    println!("-- search (national scope, first page of 50 with total, capped at 1,000) --");
    let mut samples = Vec::new();
    let mut hits = 0u64;
    for q in &fragments {
        let t = Instant::now();
        let page = volunteers::search(&store, &admin, &query(q)).unwrap();
        samples.push(t.elapsed());
        hits += u64::from(page.total);
    }
    report(
        "search by Cyrillic name fragment (3-6 letters)",
        &mut samples,
        Some(5.0),
    );
    println!(
        "   (mean total per fragment {:.0})",
        hits as f64 / fragments.len() as f64
    );

    for (who, actor) in [
        ("regional admin (Almaty city)", &regional),
        ("district operator", &operator),
    ] {
        let mut samples = Vec::new();
        let mut hits = 0u64;
        for q in &fragments {
            let t = Instant::now();
            let page = volunteers::search(&store, actor, &query(q)).unwrap();
            samples.push(t.elapsed());
            hits += u64::from(page.total);
        }
        report(
            &format!("search by Cyrillic name fragment, {who}"),
            &mut samples,
            Some(5.0),
        );
        println!(
            "   (mean total per fragment {:.0})",
            hits as f64 / fragments.len() as f64
        );
    }

    let mut samples = Vec::new();
    for i in 0..runs {
        let q = &latin[i % latin.len()];
        let t = Instant::now();
        volunteers::search(&store, &admin, &query(q)).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "search by Latin spelling (Alikhan, Zhanna...)",
        &mut samples,
        Some(5.0),
    );

    let mut samples = Vec::new();
    for q in &prefixes {
        let t = Instant::now();
        volunteers::search(&store, &admin, &query(q)).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "search by IIN prefix (4-10 digits)",
        &mut samples,
        Some(5.0),
    );

    let mut samples = Vec::new();
    for i in 0..runs {
        let q = ["а", "се", "ж", "қа", "ив", "s", "zh", "ө"][i % 8];
        let t = Instant::now();
        volunteers::search(&store, &admin, &query(q)).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "search by 1-2 letters (surname prefix)",
        &mut samples,
        Some(5.0),
    );

    println!();
    println!("-- filtered, sorted page of 50 (with total, capped at 1,000) --");
    let regions = ["KZ-11", "KZ-35", "KZ-75", "KZ-71", "KZ-61", "KZ-63"];
    type MakeQuery = Box<dyn Fn(usize) -> VolunteerQuery>;
    let combos: Vec<(&str, &Actor, MakeQuery)> = vec![
        (
            "region + status eligible, by name",
            &admin,
            Box::new(move |i| VolunteerQuery {
                region_id: Some(regions[i % regions.len()].into()),
                status: Some(Status::Eligible),
                sort: SortKey::Name,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "national, status enrolled, newest registrations first",
            &admin,
            Box::new(|_| VolunteerQuery {
                status: Some(Status::Enrolled),
                sort: SortKey::Registered,
                descending: true,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "national, skill medic + age 25-40, by name",
            &admin,
            Box::new(|_| VolunteerQuery {
                skill: Some("medic".into()),
                age_min: Some(25),
                age_max: Some(40),
                sort: SortKey::Name,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "district operator, ineligible, by birth date",
            &operator,
            Box::new(|_| VolunteerQuery {
                eligible: Some(false),
                sort: SortKey::BirthDate,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "region + registered in the last 30 days, by name",
            &admin,
            Box::new(move |i| VolunteerQuery {
                region_id: Some(regions[i % regions.len()].into()),
                registered_from: Some(
                    (chrono::Utc::now() - chrono::Duration::days(30))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                sort: SortKey::Name,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "national, status discharged, by name, page 3 by cursor",
            &admin,
            Box::new(|_| VolunteerQuery {
                status: Some(Status::Discharged),
                sort: SortKey::Name,
                limit: 50,
                ..Default::default()
            }),
        ),
    ];
    let mut all = Vec::new();
    for (name, actor, make) in &combos {
        let mut samples = Vec::new();
        for i in 0..100 {
            let mut q = make(i);
            if name.contains("page 3") {
                for _ in 0..2 {
                    q.cursor = volunteers::search(&store, actor, &q).unwrap().next_cursor;
                }
            }
            let t = Instant::now();
            let page = volunteers::search(&store, actor, &q).unwrap();
            samples.push(t.elapsed());
            assert!(!page.rows.is_empty(), "{name}: the page has rows");
        }
        all.extend(samples.iter().copied());
        report(name, &mut samples, Some(10.0));
    }
    report("all filtered pages together", &mut all, Some(10.0));

    println!();
    println!("-- open the database and show the first page --");
    drop(store);
    let mut samples = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let s = Store::open(&path, Arc::new(SystemClock)).expect("opens");
        volunteers::search(&s, &admin, &VolunteerQuery::default()).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "open + first page (national, by name)",
        &mut samples,
        Some(150.0),
    );
    let mut store = Store::open(&path, Arc::new(SystemClock)).expect("opens");
    registrations(&mut store, &path, &operator, &district);

    println!();
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    let (pages, page_size): (i64, i64) = store
        .conn()
        .query_row("SELECT (SELECT page_count FROM pragma_page_count), (SELECT page_size FROM pragma_page_size)", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    let total: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM volunteers", [], |r| r.get(0))
        .unwrap();
    let bytes = pages * page_size;
    println!(
        "database size: {bytes} bytes for {total} volunteers = {:.0} bytes per volunteer (target: report)",
        bytes as f64 / total as f64
    );
}
