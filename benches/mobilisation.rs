//! Mobilisation call-outs at scale: `cargo bench --bench mobilisation`. Measures, through the
//! real core functions, activating a scope of 200,000 assigned volunteers (the call-out list
//! is built; target 2 s), marking one answer (p99 target 5 ms) and the live figures of a
//! region (p99 target 100 ms), and prints each figure beside its target (MISSED when over).
//!
//! The units benchmark's database (1,000,000 volunteers, 3.5 GB, from a seed registry that is
//! not always on the machine) is not needed: this generator writes, once, seeded (`SEED`),
//! into `target/bench/mobilisation-200000.db` and reuses it while it holds 200,000 assignments:
//!
//! * One district of Akmola (KZ-11) and one brigade there: 10 battalions, 100 companies and
//!   1,000 platoons (1,111 units), direction Russia; every platoon has an establishment of
//!   180 riflemen and 20 squad leaders.
//! * 200,000 enrolled, eligible volunteers (KZ citizens born 1970-2004, all NOT NULL columns
//!   filled, IINs unique but without check digits: nothing here validates them), each actively
//!   assigned to a platoon (200 per platoon: 180 riflemen, 20 squad leaders), inserted by SQL.
//!   1% have declared unavailability covering today, so the list's exclusion path is exercised.
//!
//! Each run first deletes the call-out data of earlier runs, so the database does not grow.
//! The activation's scope is the brigade: the recursive CTE walks all 1,111 units and the list
//! holds all 200,000 volunteers, 2,000 of them listed apart as unavailable.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jasaq::access::Actor;
use jasaq::accounts::{self, SetupInput};
use jasaq::clock::{local_today, new_id, stamp, SystemClock};
use jasaq::db::Store;
use jasaq::mobilisation::{
    self, ActivationInput, ActivationKind, FigureGroup, FigureQuery, MarkInput, Response,
    ScopeItem, ScopeKind,
};
use jasaq::volunteers::generate::Rng;
use rusqlite::params;

const PASSWORD: &str = "Bench-steppe-2026!";
const SEED: u64 = 20_261_202;
const VOLUNTEERS: usize = 200_000;
const PLATOONS: usize = 1_000;
const REGION: &str = "KZ-11";

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
        "{name:<40} n={:<5} p50 {p50:>9.3} ms  p99 {p99:>9.3} ms  max {max:>9.3} ms  target p99 <= {target_p99_ms} ms: {verdict}",
        samples.len()
    );
}

fn load() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}

fn generate(store: &mut Store) -> Actor {
    let started = Instant::now();
    store
        .conn()
        .execute_batch("PRAGMA cache_size = -1000000;")
        .expect("cache size");
    let (_, admin) = accounts::setup_first_admin(
        store,
        SetupInput {
            username: "bench.chief".into(),
            display_name: "Bench".into(),
            password: PASSWORD.into(),
        },
    )
    .expect("the bench administrator is created");
    let district = jasaq::places::add_district(
        store,
        &admin,
        jasaq::places::NewDistrict {
            region_id: REGION.into(),
            name_kk: "Бенч ауданы".into(),
            name_ru: "Бенч район".into(),
            name_en: None,
        },
    )
    .expect("district")
    .id;
    let mut rng = Rng::new(SEED);
    let now = store.now();
    let at = stamp(now);
    let today = local_today(now);
    let tx = store.write().expect("write transaction");
    let mut platoons = Vec::with_capacity(PLATOONS);
    {
        let mut unit = tx
            .prepare(
                "INSERT INTO units (id, name, kind, parent_id, agency_id, region_id, district_id,
                     direction, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'defence', ?5, ?6, 'russia', 'ready', ?7, ?7)",
            )
            .expect("unit insert");
        let mut est = tx
            .prepare("INSERT INTO unit_establishment (unit_id, position, authorised) VALUES (?1, ?2, ?3)")
            .expect("establishment insert");
        let mut add = |name: String, kind: &str, parent: Option<&str>| {
            let id = new_id(now).to_string();
            unit.execute(params![id, name, kind, parent, REGION, district, at])
                .expect("unit");
            id
        };
        let brigade = add("Бенч бригадасы".into(), "brigade", None);
        for b in 0..10 {
            let battalion = add(format!("{}-батальон", b + 1), "battalion", Some(&brigade));
            for c in 0..10 {
                let company = add(
                    format!("{}-{}-рота", b + 1, c + 1),
                    "company",
                    Some(&battalion),
                );
                for p in 0..10 {
                    let platoon = add(
                        format!("{}-{}-{}-взвод", b + 1, c + 1, p + 1),
                        "platoon",
                        Some(&company),
                    );
                    est.execute(params![platoon, "rifleman", 180])
                        .expect("establishment");
                    est.execute(params![platoon, "squad_leader", 20])
                        .expect("establishment");
                    platoons.push(platoon);
                }
            }
        }
    }
    {
        let mut volunteer = tx
            .prepare(
                "INSERT INTO volunteers (id, iin, surname, given_name, birth_date, sex, citizenship,
                     region_id, district_id, registered_address, actual_address, phone,
                     military_service, status, eligible, decision_version, enrolled_at,
                     created_at, updated_at, surname_sort, given_sort, surname_lat, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'male', 'KZ', ?6, ?7, ?8, ?8, ?9, 'none',
                     'enrolled', 1, 1, ?10, ?10, ?10, ?3, ?4, ?3, ?11)",
            )
            .expect("volunteer insert");
        let mut assignment = tx
            .prepare(
                "INSERT INTO assignments (id, volunteer_id, unit_id, position, start_date,
                     created_at, birth_date, volunteer_seq)
                 VALUES (?1, ?2, ?3, ?4, '2026-01-10', ?5, ?6,
                         (SELECT seq FROM volunteers WHERE id = ?2))",
            )
            .expect("assignment insert");
        let mut away = tx
            .prepare(
                "INSERT INTO volunteer_unavailability (id, volunteer_id, from_date, to_date, kind,
                     created_at, created_by) VALUES (?1, ?2, ?3, ?4, 'leave', ?5, 'bench.chief')",
            )
            .expect("unavailability insert");
        let surnames = [
            "Әбенов",
            "Бекенов",
            "Жақыпов",
            "Иванов",
            "Құсайынов",
            "Оспанов",
        ];
        let given = ["Арман", "Ерлан", "Дәурен", "Сергей", "Нұрлан", "Қайрат"];
        for i in 0..VOLUNTEERS {
            let id = new_id(now).to_string();
            let birth = format!(
                "{}-{:02}-{:02}",
                1970 + rng.below(35),
                1 + rng.below(12),
                1 + rng.below(28)
            );
            let surname = rng.pick(&surnames).to_string();
            let name = rng.pick(&given).to_string();
            volunteer
                .execute(params![
                    id,
                    format!("{:012}", 100_000_000_000u64 + i as u64),
                    surname,
                    name,
                    birth,
                    REGION,
                    district,
                    format!("Көкшетау, {} көше {}", i % 300, i % 97),
                    format!("+7701{:07}", i),
                    at,
                    format!("{surname} {name} {i}")
                ])
                .expect("volunteer");
            let platoon = &platoons[i % PLATOONS];
            let position = if (i / PLATOONS).is_multiple_of(10) {
                "squad_leader"
            } else {
                "rifleman"
            };
            assignment
                .execute(params![
                    new_id(now).to_string(),
                    id,
                    platoon,
                    position,
                    at,
                    birth
                ])
                .expect("assignment");
            if i % 100 == 7 {
                away.execute(params![
                    new_id(now).to_string(),
                    id,
                    (today - chrono::Duration::days(3)).to_string(),
                    (today + chrono::Duration::days(10)).to_string(),
                    at
                ])
                .expect("unavailability");
            }
        }
    }
    tx.commit().expect("commit");
    store
        .conn()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;")
        .expect("checkpoint");
    println!("generated in {:.1} s", started.elapsed().as_secs_f64());
    admin
}

fn sign_in(store: &mut Store) -> Actor {
    accounts::sign_in(
        store,
        accounts::SignInInput {
            username: "bench.chief".into(),
            password: PASSWORD.into(),
        },
    )
    .expect("bench account signs in")
    .1
}

fn local(now: chrono::DateTime<chrono::Utc>, hours: i64) -> String {
    (now + chrono::Duration::hours(5 + hours))
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).expect("target/bench is writable");
    let path = dir.join("mobilisation-200000.db");
    println!("Jasaq mobilisation benchmark: database {}", path.display());
    let mut store = Store::open(&path, Arc::new(SystemClock)).expect("database opens");
    let assigned: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM assignments WHERE end_date IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    let admin = if assigned as usize == VOLUNTEERS {
        println!("reusing the generated structure ({assigned} active assignments)");
        sign_in(&mut store)
    } else {
        println!("generating 1,111 units and 200,000 assigned volunteers (seed {SEED})");
        generate(&mut store)
    };
    // Earlier runs' call-out data goes, so the file does not grow run after run.
    store
        .conn()
        .execute_batch(
            "DELETE FROM response_events; DELETE FROM contact_attempts; DELETE FROM callout_rows;
             DELETE FROM callout_totals; DELETE FROM callout_hours;
             DELETE FROM activation_units; DELETE FROM activation_scope; DELETE FROM activations;
             PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .expect("clean");
    let brigade: String = store
        .conn()
        .query_row("SELECT id FROM units WHERE kind = 'brigade'", [], |r| {
            r.get(0)
        })
        .expect("brigade");
    println!("load average before: {}", load());

    // Activation: declare (not timed) and activate (timed), three times on fresh data.
    let mut samples = Vec::new();
    let mut last = String::new();
    for run in 0..3 {
        let now = store.now();
        let declared = mobilisation::declare(
            &mut store,
            &admin,
            ActivationInput {
                kind: ActivationKind::Exercise,
                legal_basis: "Бенч".into(),
                order_number: format!("B-{run}"),
                declared_at: local(now, -1),
                assembly_point: "Стадион".into(),
                report_by: local(now, 3),
                scope: vec![ScopeItem {
                    kind: ScopeKind::Unit,
                    value: brigade.clone(),
                    assembly_point: None,
                    report_by: None,
                }],
            },
        )
        .expect("declare");
        let started = Instant::now();
        let r = mobilisation::activate(&mut store, &admin, &declared.id).expect("activate");
        let took = started.elapsed();
        samples.push(took);
        println!(
            "  activation {run}: {} units, {} called, {} unavailable, {:.3} s (load {})",
            r.units,
            r.called,
            r.unavailable,
            took.as_secs_f64(),
            load()
        );
        if run < 2 {
            mobilisation::close(&mut store, &admin, &declared.id).expect("close");
        }
        last = declared.id;
    }
    report("activate 200,000 (build the list)", &mut samples, 2000.0);

    // Marking: 1,000 answers on random called volunteers.
    let ids: Vec<String> = store
        .conn()
        .prepare(
            "SELECT v.id FROM callout_rows c JOIN volunteers v ON v.seq = c.volunteer_seq
             WHERE c.activation_seq = (SELECT seq FROM activations WHERE id = ?)
               AND c.excluded IS NULL",
        )
        .and_then(|mut s| s.query_map([&last], |r| r.get(0))?.collect())
        .expect("ids");
    let mut rng = Rng::new(SEED + 1);
    let mut samples = Vec::new();
    let mut used = std::collections::HashSet::new();
    while samples.len() < 1000 {
        let id = &ids[rng.below(ids.len() as u64) as usize];
        if !used.insert(id.clone()) {
            continue;
        }
        let response = if samples.len() % 5 == 0 {
            Response::Absent
        } else {
            Response::Reported
        };
        let started = Instant::now();
        mobilisation::mark(
            &mut store,
            &admin,
            MarkInput {
                activation_id: last.clone(),
                volunteer_id: Some(id.clone()),
                iin: None,
                response,
                reported_at: None,
                reason: None,
            },
        )
        .expect("mark");
        samples.push(started.elapsed());
    }
    report("mark one answer", &mut samples, 5.0);

    // Live figures of the region (all 200,000 rows), by unit.
    let mut samples = Vec::new();
    let mut reported = 0;
    for _ in 0..31 {
        let started = Instant::now();
        let f = mobilisation::figures(
            &store,
            &admin,
            &FigureQuery {
                activation_id: last.clone(),
                group: FigureGroup::Unit,
                region_id: Some(REGION.into()),
                threshold_percent: None,
            },
        )
        .expect("figures");
        samples.push(started.elapsed());
        reported = f.total.reported;
    }
    samples.remove(0);
    println!("  figures: {reported} reported");
    report("live figures of a region", &mut samples, 100.0);
    println!("load average after: {}", load());
}
