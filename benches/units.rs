//! Units at national scale: `cargo bench --bench units`. 1,000,000 volunteers, 5,000 units
//! and 800,000 active assignments; measures the national readiness rollup (target 200 ms),
//! one unit's member list (10 ms) and a bulk transfer of 10,000 rows (2 s; three rounds moving
//! the same volunteers on) through the real core functions, and prints p50/p99/max beside each
//! target (MISSED when over) with the load average of the shared machine. The national
//! rollup (from running totals) is checked against the sum of the 20 regions' views (counted
//! unit by unit from the assignment index).
//!
//! The volunteers are not generated here (that takes 8+ minutes): the database starts as a
//! copy of `/work/bench-seed/registry-1000000.db` (or `$JASAQ_BENCH_SEED`), a registry of
//! 1,000,000 generated volunteers at schema 4, which `Store::open` migrates. The structure and
//! the assignments are then generated once, seeded (`SEED`), into
//! `target/bench/units-1000000.db` and reused while it holds 5,000 units:
//!
//! * Per region (20): one brigade (Ministry of Defence), 9 battalions, 60 companies and 180
//!   platoons = 250 units, 5,000 in all; companies and platoons rotate through the six
//!   agencies; border directions as published (8 Russia, 5 Uzbekistan, 4 China, 2 Kyrgyzstan,
//!   1 Turkmenistan; brigade and subunits share it); home districts round-robin.
//! * 800,000 volunteers who are not discharged, eligible ones first, each in a company or
//!   platoon of their own region. Those not yet enrolled are enrolled by one bulk SQL UPDATE
//!   (a benchmark shortcut past the per-person `enrol`; one who no longer meets the rules is
//!   enrolled with `review_flag` set, a state the registry knows). A holder of medic, driver,
//!   communications, drone or engineering skill takes that position half the time; 8% are squad
//!   leaders; the rest riflemen. Assignments are inserted by SQL with the readiness copies the
//!   core would write (birth date, certificate expiry of the position's skill).
//! * Establishment: per unit and position, the number assigned plus up to 20% more (so units
//!   are about 90% filled), and a commander and a deputy; 80% of units have a commander.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jasaq::access::Actor;
use jasaq::accounts::{self, SignInInput};
use jasaq::clock::{local_today, new_id, stamp, SystemClock};
use jasaq::db::Store;
use jasaq::units::{self, BulkRow, ReadinessQuery};
use jasaq::volunteers::generate::Rng;
use rusqlite::params;

const PASSWORD: &str = "Bench-steppe-2026!";
const SEED: u64 = 20_261_122;
const UNITS_PER_REGION: usize = 250;
const ASSIGNMENTS: usize = 800_000;
const BULK_ROWS: usize = 10_000;
const BULK_ROUNDS: usize = 3;

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, samples: &mut [Duration], target_p99_ms: f64) {
    let p50 = ms(percentile(samples, 0.50));
    let p99 = ms(percentile(samples, 0.99));
    let max = ms(percentile(samples, 1.0));
    let verdict = if p99 <= target_p99_ms {
        "met"
    } else {
        "MISSED"
    };
    println!(
        "{name:<46} n={:<4} p50 {p50:>9.3} ms  p99 {p99:>9.3} ms  max {max:>9.3} ms  target p99 <= {target_p99_ms} ms: {verdict}  (load {})",
        samples.len(),
        load()
    );
}

fn sign_in(store: &mut Store, username: &str) -> Actor {
    accounts::sign_in(
        store,
        SignInInput {
            username: username.into(),
            password: PASSWORD.into(),
        },
    )
    .expect("bench account signs in (the seed database has bench.chief)")
    .1
}

/// Positions a skill holder may take, by the bit of `volunteers.skill_mask` (migration 0002).
const SKILLED: [(u32, &str); 5] = [
    (0, "medic"),
    (1, "driver"),
    (3, "signaller"),
    (4, "drone_operator"),
    (2, "sapper"),
];

fn generate(store: &mut Store) {
    let started = Instant::now();
    // One transaction touches most of the volunteer table's indexes: with SQLite's default
    // 2 MB cache it would spill to the WAL page by page for half an hour.
    store
        .conn()
        .execute_batch("PRAGMA cache_size = -4000000;")
        .expect("cache size");
    let mut rng = Rng::new(SEED);
    let now = store.now();
    let at = stamp(now);
    let today = local_today(now).format("%Y-%m-%d").to_string();
    let tx = store.write().expect("write transaction");
    let regions: Vec<String> = tx
        .prepare("SELECT id FROM regions ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("regions");
    let agencies = [
        "defence",
        "national_guard",
        "state_security",
        "national_security",
        "internal_affairs",
        "emergencies",
    ];
    let directions: Vec<&str> = [
        ("russia", 8),
        ("uzbekistan", 5),
        ("china", 4),
        ("kyrgyzstan", 2),
        ("turkmenistan", 1),
    ]
    .iter()
    .flat_map(|(d, n)| std::iter::repeat_n(*d, *n))
    .collect();
    // Units that hold members, per region.
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    let mut all_units: Vec<String> = Vec::new();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO units (id, name, kind, parent_id, agency_id, region_id, district_id,
                     direction, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'ready', ?9, ?9)",
            )
            .expect("unit insert");
        for (r, region) in regions.iter().enumerate() {
            let districts: Vec<String> = tx
                .prepare("SELECT id FROM districts WHERE region_id = ? ORDER BY id")
                .and_then(|mut s| s.query_map([region], |row| row.get(0))?.collect())
                .expect("districts");
            let direction = directions[r % directions.len()];
            let mut add =
                |name: String, kind: &str, parent: Option<&str>, agency: &str, i: usize| {
                    let id = new_id(now).to_string();
                    let district = districts.get(i % districts.len().max(1));
                    insert
                        .execute(params![
                            id, name, kind, parent, agency, region, district, direction, at
                        ])
                        .expect("unit");
                    all_units.push(id.clone());
                    id
                };
            let brigade = add(format!("{region} бригадасы"), "brigade", None, "defence", 0);
            let mut count = 1;
            for b in 0..9 {
                let battalion = add(
                    format!("{region} {}-батальон", b + 1),
                    "battalion",
                    Some(&brigade),
                    "defence",
                    b,
                );
                count += 1;
                for c in 0..(60 / 9 + usize::from(b < 60 % 9)) {
                    let agency = agencies[(b + c) % agencies.len()];
                    let company = add(
                        format!("{region} {}-{}-рота", b + 1, c + 1),
                        "company",
                        Some(&battalion),
                        agency,
                        c,
                    );
                    holders
                        .entry(region.clone())
                        .or_default()
                        .push(company.clone());
                    count += 1;
                    for p in 0..3 {
                        let platoon = add(
                            format!("{region} {}-{}-{}-взвод", b + 1, c + 1, p + 1),
                            "platoon",
                            Some(&company),
                            agency,
                            p,
                        );
                        holders.entry(region.clone()).or_default().push(platoon);
                        count += 1;
                    }
                }
            }
            assert_eq!(count, UNITS_PER_REGION, "250 units per region");
        }
    }
    println!(
        "  units: {} in {:.1} s",
        all_units.len(),
        started.elapsed().as_secs_f64()
    );

    let candidates: Vec<(String, String, String, i64, bool)> = tx
        .prepare(
            "SELECT id, region_id, birth_date, skill_mask, eligible FROM volunteers
             WHERE status <> 'discharged' ORDER BY eligible DESC, seq LIMIT ?",
        )
        .and_then(|mut s| {
            s.query_map([ASSIGNMENTS as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect()
        })
        .expect("candidates");
    assert_eq!(
        candidates.len(),
        ASSIGNMENTS,
        "enough volunteers who are not discharged"
    );
    tx.execute_batch("CREATE TEMP TABLE bench_members (id TEXT PRIMARY KEY) WITHOUT ROWID;")
        .expect("temp table");
    let mut counts: HashMap<(String, &str), u32> = HashMap::new();
    {
        let mut member = tx
            .prepare("INSERT INTO bench_members (id) VALUES (?)")
            .expect("temp insert");
        let mut assign = tx
            .prepare(
                "INSERT INTO assignments (id, volunteer_id, unit_id, position, start_date,
                     created_at, birth_date, qual_missing, qual_expiry, volunteer_seq)
                 VALUES (?1, ?2, ?3, ?4, '2026-01-15', ?5, ?6, 0, NULL,
                         (SELECT seq FROM volunteers WHERE id = ?2))",
            )
            .expect("assignment insert");
        for (id, region, birth, mask, _) in &candidates {
            let units = &holders[region];
            let unit = &units[rng.below(units.len() as u64) as usize];
            let skilled: Vec<&str> = SKILLED
                .iter()
                .filter(|(bit, _)| mask & (1 << bit) != 0)
                .map(|(_, p)| *p)
                .collect();
            let position = if !skilled.is_empty() && rng.chance(50) {
                skilled[rng.below(skilled.len() as u64) as usize]
            } else if rng.chance(8) {
                "squad_leader"
            } else {
                "rifleman"
            };
            member.execute([id]).expect("member");
            assign
                .execute(params![
                    new_id(now).to_string(),
                    id,
                    unit,
                    position,
                    at,
                    birth
                ])
                .expect("assignment");
            *counts.entry((unit.clone(), position)).or_default() += 1;
        }
    }
    println!(
        "  assignments: {} in {:.1} s",
        candidates.len(),
        started.elapsed().as_secs_f64()
    );
    // Commit and checkpoint between the two big steps: the write-ahead log holds one step's
    // pages at a time (the disk this runs on is shared and not large).
    tx.commit().expect("commit the structure and assignments");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("checkpoint");
    let tx = store.write().expect("write transaction");
    tx.execute(
        "UPDATE volunteers SET status = 'enrolled', enrolled_at = coalesce(enrolled_at, ?1),
             review_flag = CASE WHEN eligible = 1 THEN review_flag ELSE 1 END
         WHERE id IN (SELECT id FROM bench_members) AND status <> 'enrolled'",
        [&at],
    )
    .expect("bulk enrolment");
    println!("  enrolled in {:.1} s", started.elapsed().as_secs_f64());
    tx.execute(
        "UPDATE assignments SET qual_expiry = (SELECT s.certificate_expiry FROM positions p
             JOIN volunteer_skills s ON s.skill_code = p.required_skill
             WHERE p.code = assignments.position AND s.volunteer_id = assignments.volunteer_id)
         WHERE end_date IS NULL AND position IN ('medic', 'driver', 'signaller', 'drone_operator', 'sapper')",
        [],
    )
    .expect("certificate expiries");
    {
        let mut line = tx
            .prepare("INSERT INTO unit_establishment (unit_id, position, authorised) VALUES (?1, ?2, ?3)")
            .expect("establishment insert");
        for ((unit, position), n) in &counts {
            let extra = rng.below(u64::from(*n) / 5 + 2) as u32;
            line.execute(params![unit, position, (n + extra).min(5000)])
                .expect("line");
        }
        for unit in &all_units {
            line.execute(params![unit, "commander", 1])
                .expect("commander post");
            line.execute(params![unit, "deputy_commander", 1])
                .expect("deputy post");
        }
        let mut commander = tx
            .prepare(
                "UPDATE units SET commander_id = (SELECT volunteer_id FROM assignments
                     WHERE unit_id = ?1 AND end_date IS NULL LIMIT 1) WHERE id = ?1",
            )
            .expect("commander update");
        for unit in &all_units {
            if rng.chance(80) {
                commander.execute([unit]).expect("commander");
            }
        }
    }
    tx.execute_batch("DROP TABLE bench_members;")
        .expect("drop temp");
    let _ = today;
    tx.commit().expect("commit");
    store
        .conn()
        .execute_batch("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);")
        .expect("analyze");
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench is writable");
    let path = dir.join("units-1000000.db");
    let seed = std::env::var_os("JASAQ_BENCH_SEED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/bench-seed/registry-1000000.db"));
    println!("Jasaq units benchmark: database {}", path.display());
    if !path.exists() {
        let started = Instant::now();
        std::fs::copy(&seed, &path).expect("the seed database is copied");
        println!(
            "copied {} in {:.1} s",
            seed.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut store = Store::open(&path, Arc::new(SystemClock)).expect("database opens and migrates");
    let units_now: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM units", [], |r| r.get(0))
        .expect("units count");
    if units_now == 0 {
        println!("generating 5,000 units and 800,000 assignments (seed {SEED})");
        generate(&mut store);
    } else {
        println!("reusing the generated structure ({units_now} units)");
    }
    let admin = sign_in(&mut store, "bench.chief");
    let counts: (i64, i64, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM volunteers), (SELECT count(*) FROM units),
                    (SELECT count(*) FROM assignments WHERE end_date IS NULL)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts");
    println!(
        "volunteers {}, units {}, active assignments {}",
        counts.0, counts.1, counts.2
    );

    // National readiness rollup.
    let mut samples = Vec::new();
    let mut total = None;
    for _ in 0..21 {
        let started = Instant::now();
        let r = units::readiness(&store, &admin, &ReadinessQuery::default()).expect("readiness");
        samples.push(started.elapsed());
        total = Some(r.total);
    }
    samples.remove(0); // the first run warms the page cache
    if let Some(t) = &total {
        println!(
            "  national: {} units, {} authorised, {} assigned, fill {:.1}%, command vacant {}",
            t.units, t.authorised, t.assigned, t.fill_percent, t.vacant_command
        );
    }
    report("national readiness rollup", &mut samples, 200.0);
    // The national figures come from running totals; each region's view counts its units one
    // by one from the assignment index. They must agree.
    if let Some(t) = &total {
        let mut assigned = 0;
        let mut bands = [0u32; 5];
        let mut expired = 0;
        let mut missing = 0;
        let started = Instant::now();
        let regions: Vec<String> = store
            .conn()
            .prepare("SELECT id FROM regions ORDER BY id")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .expect("regions");
        for region in regions {
            let r = units::readiness(
                &store,
                &admin,
                &ReadinessQuery {
                    region_id: Some(region),
                    ..ReadinessQuery::default()
                },
            )
            .expect("region readiness");
            assigned += r.total.assigned;
            expired += r.total.qualification_expired;
            missing += r.total.qualification_missing;
            for (b, band) in bands.iter_mut().zip(&r.total.age_bands) {
                *b += band.count;
            }
        }
        let national: Vec<u32> = t.age_bands.iter().map(|b| b.count).collect();
        let agree = assigned == t.assigned
            && expired == t.qualification_expired
            && missing == t.qualification_missing
            && national == bands;
        println!(
            "  check: 20 regions counted unit by unit ({:.0} ms): assigned {assigned}, bands {bands:?}; national {national:?}: {}",
            ms(started.elapsed()),
            if agree { "equal" } else { "DIFFERENT" }
        );
        assert!(agree, "the national rollup equals the sum of the regions");
    }

    // One unit's member list.
    let mut rng = Rng::new(SEED + 1);
    let unit_ids: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM units WHERE kind IN ('company', 'platoon') ORDER BY id")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("units");
    let mut samples = Vec::new();
    let mut sizes = 0usize;
    for _ in 0..200 {
        let id = &unit_ids[rng.below(unit_ids.len() as u64) as usize];
        let started = Instant::now();
        let members = units::list_members(&store, &admin, id).expect("members");
        samples.push(started.elapsed());
        sizes += members.len();
    }
    println!(
        "  members per listed unit: {:.0} on average",
        sizes as f64 / 200.0
    );
    report("one unit's member list", &mut samples, 10.0);

    // Bulk transfer of 10,000 rows: eligible members of one region's units, each to another
    // unit of the region in the same position. Rows the checks refuse (a member who turned 61)
    // are dropped after a preview, so the timed apply is all good rows.
    let region: String = "KZ-75".into();
    let movers: Vec<(String, String)> = store
        .conn()
        .prepare(
            "SELECT v.iin, a.unit_id FROM assignments a JOIN units u ON u.id = a.unit_id
             JOIN volunteers v ON v.id = a.volunteer_id
             WHERE a.end_date IS NULL AND u.region_id = ?1 AND v.eligible = 1
               AND v.review_flag = 0 AND a.position IN ('rifleman', 'squad_leader')
             LIMIT ?2",
        )
        .and_then(|mut s| {
            s.query_map(params![region, BULK_ROWS as i64 * 2], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect()
        })
        .expect("movers");
    let targets: Vec<String> = store
        .conn()
        .prepare("SELECT id FROM units WHERE region_id = ? AND kind = 'platoon' ORDER BY id")
        .and_then(|mut s| s.query_map([&region], |r| r.get(0))?.collect())
        .expect("targets");
    let mut rows: Vec<BulkRow> = movers
        .iter()
        .enumerate()
        .map(|(i, (iin, from))| {
            let mut to = &targets[i % targets.len()];
            if to == from {
                to = &targets[(i + 1) % targets.len()];
            }
            BulkRow {
                row: i as u32 + 2,
                iin: iin.clone(),
                unit: to.clone(),
                position: None,
            }
        })
        .collect();
    let today = local_today(store.now()).format("%Y-%m-%d").to_string();
    let started = Instant::now();
    let preview =
        units::preview_bulk_transfer(&mut store, &admin, &rows, "bench", &today).expect("preview");
    println!(
        "  preview of {} rows (checks only, not the timed figure): {:.1} ms",
        rows.len(),
        ms(started.elapsed())
    );
    let bad: std::collections::HashSet<u32> = preview.errors.iter().map(|e| e.row).collect();
    rows.retain(|r| !bad.contains(&r.row));
    rows.truncate(BULK_ROWS);
    println!(
        "  bulk rows: {} ({} refused by the preview and dropped)",
        rows.len(),
        bad.len()
    );
    let started = Instant::now();
    let checked =
        units::preview_bulk_transfer(&mut store, &admin, &rows, "bench", &today).expect("preview");
    assert!(checked.errors.is_empty(), "the kept rows pass the checks");
    println!(
        "  preview of the {} kept rows (the checks alone, not timed): {:.1} ms (load {})",
        rows.len(),
        ms(started.elapsed()),
        load()
    );
    // Three rounds move the same volunteers on (round k: k platoons further along the list),
    // each read from a CSV and applied in one call: the figure is a median of three, not one
    // lucky or unlucky run.
    let mut samples = Vec::new();
    for round in 0..BULK_ROUNDS {
        if round > 0 {
            for (i, r) in rows.iter_mut().enumerate() {
                let mut to = &targets[(i + round) % targets.len()];
                if *to == r.unit {
                    to = &targets[(i + round + 1) % targets.len()];
                }
                r.unit = to.clone();
            }
        }
        let csv: String = std::iter::once("iin,unit\n".to_owned())
            .chain(rows.iter().map(|r| format!("{},{}\n", r.iin, r.unit)))
            .collect();
        let started = Instant::now();
        let read = units::read_bulk_bytes(csv.as_bytes(), store.now()).expect("the sheet reads");
        let reading = started.elapsed();
        assert_eq!(read.len(), rows.len(), "every row is read");
        let started = Instant::now();
        let done = units::apply_bulk_transfer(&mut store, &admin, &read, "bench", &today)
            .expect("bulk transfer");
        samples.push(started.elapsed());
        assert!(
            done.applied,
            "the bulk transfer is applied: {:?}",
            done.errors.first()
        );
        println!(
            "  round {}: read the CSV in {:.1} ms (not timed), moved {} volunteers in {:.1} ms (load {})",
            round + 1,
            ms(reading),
            done.moves,
            ms(samples[round]),
            load()
        );
    }
    report(
        "bulk transfer of 10,000 rows (check + apply)",
        &mut samples,
        2000.0,
    );
}

/// The load average (1, 5, 15 minutes) as `/proc/loadavg` gives it: the machine is shared.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
