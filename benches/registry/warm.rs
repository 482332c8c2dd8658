//! The registry in use: searches and filtered pages on a warm cache, reopening, the size.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use jasaq::access::Actor;
use jasaq::clock::SystemClock;
use jasaq::db::Store;
use jasaq::volunteers::generate::{
    Rng, KAZAKH_FEMALE, KAZAKH_MALE, KAZAKH_SURNAME_STEMS, RUSSIAN_SURNAME_STEMS,
};
use jasaq::volunteers::{self, fold, SortKey, Status, VolunteerQuery};

use crate::support::{pick_str, query, report};

/// Passport spellings of common names.
const LATIN: [&str; 10] = [
    "Alikhan", "Serik", "Zhanna", "Nurlan", "Akhmet", "Ivanov", "Dauren", "Aigerim", "Ospan",
    "Smirnov",
];

/// `n` name fragments: 3-6 letters from a random position of a real generated name part.
pub fn name_fragments(rng: &mut Rng, n: usize) -> Vec<String> {
    let mut fragments = Vec::new();
    while fragments.len() < n {
        let source: &str = match rng.below(3) {
            0 => pick_str(rng, KAZAKH_SURNAME_STEMS),
            1 => pick_str(rng, RUSSIAN_SURNAME_STEMS),
            _ => {
                if rng.chance(50) {
                    pick_str(rng, KAZAKH_MALE)
                } else {
                    pick_str(rng, KAZAKH_FEMALE)
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
    fragments
}

/// Searches by name fragment (three roles), Latin spelling, IIN prefix and one or two letters.
pub fn searches(
    store: &Store,
    admin: &Actor,
    regional: &Actor,
    operator: &Actor,
    fragments: &[String],
    prefixes: &[String],
) {
    let runs = fragments.len();
    println!();
    println!("-- search (national scope, first page of 50 with total, capped at 1,000) --");
    let mut samples = Vec::new();
    let mut hits = 0u64;
    for q in fragments {
        let t = Instant::now();
        let page = volunteers::search(store, admin, &query(q)).unwrap();
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
        ("regional admin (Almaty city)", regional),
        ("district operator", operator),
    ] {
        let mut samples = Vec::new();
        let mut hits = 0u64;
        for q in fragments {
            let t = Instant::now();
            let page = volunteers::search(store, actor, &query(q)).unwrap();
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
        let q = LATIN[i % LATIN.len()];
        let t = Instant::now();
        volunteers::search(store, admin, &query(q)).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "search by Latin spelling (Alikhan, Zhanna...)",
        &mut samples,
        Some(5.0),
    );

    let mut samples = Vec::new();
    for q in prefixes {
        let t = Instant::now();
        volunteers::search(store, admin, &query(q)).unwrap();
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
        volunteers::search(store, admin, &query(q)).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "search by 1-2 letters (surname prefix)",
        &mut samples,
        Some(5.0),
    );
}

/// Filtered, sorted pages of 50, one of them reached by cursor.
pub fn pages(store: &Store, admin: &Actor, operator: &Actor) {
    println!();
    println!("-- filtered, sorted page of 50 (with total, capped at 1,000) --");
    let regions = ["KZ-11", "KZ-35", "KZ-75", "KZ-71", "KZ-61", "KZ-63"];
    type MakeQuery = Box<dyn Fn(usize) -> VolunteerQuery>;
    let combos: Vec<(&str, &Actor, MakeQuery)> = vec![
        (
            "region + status eligible, by name",
            admin,
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
            admin,
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
            admin,
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
            operator,
            Box::new(|_| VolunteerQuery {
                eligible: Some(false),
                sort: SortKey::BirthDate,
                limit: 50,
                ..Default::default()
            }),
        ),
        (
            "region + registered in the last 30 days, by name",
            admin,
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
            admin,
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
                    q.cursor = volunteers::search(store, actor, &q).unwrap().next_cursor;
                }
            }
            let t = Instant::now();
            let page = volunteers::search(store, actor, &q).unwrap();
            samples.push(t.elapsed());
            assert!(!page.rows.is_empty(), "{name}: the page has rows");
        }
        all.extend(samples.iter().copied());
        report(name, &mut samples, Some(10.0));
    }
    report("all filtered pages together", &mut all, Some(10.0));
}

/// Opening the database and showing the first page, 20 times.
pub fn open_and_first_page(path: &Path, admin: &Actor) {
    println!();
    println!("-- open the database and show the first page --");
    let mut samples = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let s = Store::open(path, Arc::new(SystemClock)).expect("opens");
        volunteers::search(&s, admin, &VolunteerQuery::default()).unwrap();
        samples.push(t.elapsed());
    }
    report(
        "open + first page (national, by name)",
        &mut samples,
        Some(150.0),
    );
}

/// The file's size per volunteer, after a full checkpoint.
pub fn size(store: &Store) {
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
