//! A fresh real SQLite database per test, a manual clock, and the cast of accounts the access
//! tests need: one of each role, in two regions; and the field rules a refusal names.
#![allow(dead_code)]

pub mod assets;
pub mod database;
pub mod export;
pub mod imports;
pub mod mobilisation;
pub mod rollup;
pub mod rosters;
pub mod units;

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use jasaq::access::{Actor, Role};
use jasaq::accounts::{self, NewUser, SetupInput, SignInInput};
use jasaq::clock::ManualClock;
use jasaq::db::Store;
use jasaq::places::{self, District, NewDistrict};
use tempfile::TempDir;

pub const PASSWORD: &str = "Kökshetau-sentry-42";
pub const AKMOLA: &str = "KZ-11";
pub const KARAGANDA: &str = "KZ-35";

pub struct World {
    pub dir: TempDir,
    pub store: Store,
    pub clock: Arc<ManualClock>,
}

impl World {
    pub fn new() -> Self {
        Self::at(Utc.with_ymd_and_hms(2026, 11, 22, 6, 0, 0).unwrap())
    }

    /// A world whose clock starts at `start` (UTC).
    pub fn at(start: chrono::DateTime<Utc>) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(ManualClock::at(start));
        let store =
            Store::open(&dir.path().join("jasaq.db"), clock.clone()).expect("fresh database opens");
        Self { dir, store, clock }
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("jasaq.db")
    }

    pub fn setup(&mut self) -> Actor {
        accounts::setup_first_admin(
            &mut self.store,
            SetupInput {
                username: "chief".into(),
                display_name: "Ерлан Сейітов".into(),
                password: PASSWORD.into(),
            },
        )
        .expect("first administrator is created")
        .1
    }

    pub fn sign_in(&mut self, username: &str, password: &str) -> jasaq::Result<Actor> {
        accounts::sign_in(
            &mut self.store,
            SignInInput {
                username: username.into(),
                password: password.into(),
            },
        )
        .map(|(_, actor)| actor)
    }

    pub fn district(&mut self, admin: &Actor, region: &str, name: &str) -> District {
        places::add_district(
            &mut self.store,
            admin,
            NewDistrict {
                region_id: region.into(),
                name_kk: format!("{name} ауданы"),
                name_ru: format!("{name} район"),
                name_en: Some(format!("{name} District")),
            },
        )
        .expect("district is added")
    }

    /// Creates an account with a temporary password and signs it in with its own password
    /// set, ready to act.
    pub fn user(
        &mut self,
        admin: &Actor,
        username: &str,
        role: Role,
        region: Option<&str>,
        district: Option<&str>,
    ) -> Actor {
        accounts::create_user(
            &mut self.store,
            admin,
            NewUser {
                username: username.into(),
                display_name: format!("{username} display"),
                role,
                region_id: region.map(Into::into),
                district_id: district.map(Into::into),
                password: "temporary-pass-123".into(),
            },
        )
        .expect("account is created");
        let first = self
            .sign_in(username, "temporary-pass-123")
            .expect("temporary password signs in");
        accounts::change_password(
            &mut self.store,
            &first,
            accounts::ChangePasswordInput {
                current_password: "temporary-pass-123".into(),
                new_password: PASSWORD.into(),
            },
        )
        .expect("own password is set")
    }

    pub fn audit_count(&self, action: &str) -> i64 {
        self.store
            .conn()
            .query_row(
                "SELECT count(*) FROM audit_log WHERE action = ?",
                [action],
                |r| r.get(0),
            )
            .unwrap()
    }
}

/// The standard cast: national admin, a national viewer, and per region an admin, a viewer and
/// an operator of one district.
pub struct Cast {
    pub national: Actor,
    pub national_viewer: Actor,
    pub akmola_admin: Actor,
    pub akmola_viewer: Actor,
    pub akmola_operator: Actor,
    pub karaganda_admin: Actor,
    pub akmola_district: District,
    pub akmola_other_district: District,
    pub karaganda_district: District,
}

pub fn cast(world: &mut World) -> Cast {
    let national = world.setup();
    let akmola_district = world.district(&national, AKMOLA, "Бурабай");
    let akmola_other_district = world.district(&national, AKMOLA, "Зеренді");
    let karaganda_district = world.district(&national, KARAGANDA, "Бұқар жырау");
    let national_viewer = world.user(&national, "nat.viewer", Role::Viewer, None, None);
    let akmola_admin = world.user(
        &national,
        "akm.admin",
        Role::RegionalAdmin,
        Some(AKMOLA),
        None,
    );
    let akmola_viewer = world.user(&national, "akm.viewer", Role::Viewer, Some(AKMOLA), None);
    let akmola_operator = world.user(
        &national,
        "akm.op",
        Role::DistrictOperator,
        None,
        Some(&akmola_district.id),
    );
    let karaganda_admin = world.user(
        &national,
        "kar.admin",
        Role::RegionalAdmin,
        Some(KARAGANDA),
        None,
    );
    Cast {
        national,
        national_viewer,
        akmola_admin,
        akmola_viewer,
        akmola_operator,
        karaganda_admin,
        akmola_district,
        akmola_other_district,
        karaganda_district,
    }
}

/// A valid IIN for a birth date and sex (the first serial from `serial` up that has a check
/// digit).
pub fn iin(birth: &str, sex: jasaq::identity::Sex, serial: u16) -> String {
    let date = chrono::NaiveDate::parse_from_str(birth, "%Y-%m-%d").expect("test date");
    (serial..10_000)
        .find_map(|s| jasaq::identity::make_iin(date, sex, s))
        .expect("some serial has a check digit")
}

/// A complete, valid registration form of a Kazakh citizen in `district`.
pub fn volunteer_form(
    district: &District,
    surname: &str,
    given_name: &str,
    birth: &str,
    serial: u16,
) -> jasaq::volunteers::VolunteerInput {
    use jasaq::identity::Sex;
    jasaq::volunteers::VolunteerInput {
        iin: iin(birth, Sex::Male, serial),
        surname: surname.into(),
        given_name: given_name.into(),
        patronymic: None,
        birth_date: Some(birth.into()),
        sex: Some(Sex::Male),
        citizenship: "KZ".into(),
        region_id: district.region_id.clone(),
        district_id: district.id.clone(),
        registered_address: "Көкшетау, Абай көшесі 12".into(),
        actual_address: "Көкшетау, Абай көшесі 12".into(),
        phone: "8 701 234 56 78".into(),
        email: None,
        military_service: jasaq::volunteers::MilitaryService::None,
        health_category: None,
        notes: None,
        skills: Vec::new(),
    }
}

impl World {
    pub fn count(&self, table: &str) -> i64 {
        self.store
            .conn()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }
}

/// The number of accounts, active or not.
pub fn user_count(world: &World) -> i64 {
    world
        .store
        .conn()
        .query_row("SELECT count(*) FROM users", [], |r| r.get(0))
        .unwrap()
}

/// "Surname given-name" of everyone a search for `q` finds (up to 200), in the list's order.
pub fn find(world: &World, actor: &Actor, q: &str) -> Vec<String> {
    let page = jasaq::volunteers::search(
        &world.store,
        actor,
        &jasaq::volunteers::VolunteerQuery {
            q: Some(q.into()),
            limit: 200,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("search {q:?} runs: {e:?}"));
    page.rows
        .into_iter()
        .map(|r| format!("{} {}", r.surname, r.given_name))
        .collect()
}

/// Every (field, rule) a refusal names, for the assert messages.
pub fn rules(err: &jasaq::Error) -> Vec<(String, String)> {
    err.fields
        .iter()
        .map(|f| (f.field.clone(), f.rule.clone()))
        .collect()
}

/// Whether a refusal names `rule` on `field`.
pub fn has(err: &jasaq::Error, field: &str, rule: &str) -> bool {
    err.fields
        .iter()
        .any(|f| f.field == field && f.rule == rule)
}
