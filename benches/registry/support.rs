//! What every section of the registry bench shares: timing reports, users, the reuse check.

use std::time::Duration;

use jasaq::access::{Actor, Role};
use jasaq::accounts::{self, ChangePasswordInput, NewUser, SignInInput};
use jasaq::db::Store;
use jasaq::volunteers::generate::Rng;
use jasaq::volunteers::{fold, VolunteerQuery};

pub const PASSWORD: &str = "Bench-steppe-2026!";

pub fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn report(name: &str, samples: &mut [Duration], target_p99_ms: Option<f64>) {
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
pub fn pick_str(rng: &mut Rng, items: &[&'static str]) -> &'static str {
    items[rng.below(items.len() as u64) as usize]
}

pub fn sign_in(store: &mut Store, username: &str) -> Actor {
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
pub fn bench_user(
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
pub fn schema(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("schema reads")
}

/// Whether the search entries were written by this build's folding: the schema can match while
/// the stored text differs (a district marker changed), and a district search over entries it
/// cannot match would be fast and wrong.
pub fn index_is_current(conn: &rusqlite::Connection) -> bool {
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

pub fn iin_prefixes(store: &Store, rng: &mut Rng, count: usize) -> Vec<String> {
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

/// A search for `q`, first page of 50, as the list's search box makes it.
pub fn query(q: &str) -> VolunteerQuery {
    VolunteerQuery {
        q: Some(q.to_owned()),
        limit: 50,
        ..Default::default()
    }
}
