//! Registering volunteers one by one with the background checkpointer running.

use std::path::Path;
use std::time::Instant;

use jasaq::access::Actor;
use jasaq::db::{Checkpointer, Store};
use jasaq::identity::{make_iin, Sex};
use jasaq::volunteers::generate::{Rng, KAZAKH_MALE, KAZAKH_SURNAME_STEMS};
use jasaq::volunteers::{self, MilitaryService, VolunteerInput};

use crate::support::{ms, pick_str, report};

/// Registers `JASAQ_BENCH_REGISTRATIONS` (1,000) new volunteers one by one through the core,
/// with the background checkpointer running as in the desktop app, and reports the latency.
pub fn registrations(store: &mut Store, path: &Path, operator: &Actor, district: &str) {
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
