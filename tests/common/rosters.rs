//! Building blocks of the roster tests: a company with a platoon of enrolled guards in the
//! Akmola district, a facility guarded by the company with two posts and a 3 x 8 h pattern,
//! and the week from Monday 2026-11-23 the stored-roster tests work in (and auto-fill).

use jasaq::access::Actor;
use jasaq::places::District;
use jasaq::rosters::facilities::{
    self, CustomShift, Facility, FacilityInput, PatternInput, PatternKind, PostInput,
};
use jasaq::rosters::fill::FillInput;
use jasaq::rosters::roster::{RosterQuery, SeatInput};
use jasaq::units::Unit;
use jasaq::volunteers::SkillInput;

use super::units::{assign, enrolled, skill, unit, unit_input};
use super::{Cast, World};

/// Surname endings: names take letters only.
const LETTERS: [&str; 16] = [
    "ев",
    "бек",
    "тай",
    "ғали",
    "жан",
    "бай",
    "мұрат",
    "сұлтан",
    "нұр",
    "ерлан",
    "қали",
    "әлі",
    "ұлы",
    "ов",
    "ин",
    "хан",
];

pub struct Guards {
    pub company: Unit,
    pub platoon: Unit,
    /// Volunteer ids, in registration order.
    pub ids: Vec<String>,
}

/// A company and its platoon in `district`; `n` guards with weapons training in the platoon
/// (sub-unit members guard the company's facilities).
pub fn guards(world: &mut World, admin: &Actor, district: &District, n: u16) -> Guards {
    let company = unit(
        world,
        admin,
        unit_input(
            "1-рота",
            "company",
            &district.region_id,
            Some(district),
            None,
        ),
    );
    let platoon = unit(
        world,
        admin,
        unit_input(
            "1-взвод",
            "platoon",
            &district.region_id,
            Some(district),
            Some(&company),
        ),
    );
    let mut ids = Vec::new();
    for i in 0..n {
        let skills: Vec<SkillInput> = vec![skill("weapons", Some("2027-12-31"))];
        let v = enrolled(
            world,
            admin,
            district,
            &format!("Сақшы{}", LETTERS[usize::from(i) % LETTERS.len()]),
            &format!("19{}-0{}-1{}", 80 + i % 19, 1 + i % 9, i % 10),
            100 + i * 37,
            skills,
        );
        assign(world, admin, &v.id, &platoon, "rifleman");
        ids.push(v.id);
    }
    Guards {
        company,
        platoon,
        ids,
    }
}

pub fn three_eights(start: &str) -> PatternInput {
    PatternInput {
        kind: PatternKind::ThreeEights,
        start: Some(start.into()),
        custom: Vec::new(),
    }
}

pub fn custom(shifts: &[(&str, i64)]) -> PatternInput {
    PatternInput {
        kind: PatternKind::Custom,
        start: None,
        custom: shifts
            .iter()
            .map(|(s, m)| CustomShift {
                start: (*s).into(),
                minutes: *m,
            })
            .collect(),
    }
}

pub fn post(name: &str, guards: i64, skill: Option<&str>) -> PostInput {
    PostInput {
        id: None,
        name: name.into(),
        guards_per_shift: guards,
        required_skill: skill.map(Into::into),
        active_from: "2026-01-01".into(),
        active_until: "2027-12-31".into(),
    }
}

/// A substation of `district` guarded by `unit`: gate and perimeter, one guard each, 3 x 8 h
/// from 08:00 local.
pub fn facility_input(district: &District, unit: &Unit) -> FacilityInput {
    FacilityInput {
        id: None,
        name: "Бурабай қосалқы станциясы".into(),
        category: "substation".into(),
        owner_bin: Some("061211600012".into()),
        owner_name: Some("KEGOC".into()),
        own_protection_plan: true,
        region_id: district.region_id.clone(),
        district_id: district.id.clone(),
        address: "Щучинск, Вокзальная 1".into(),
        latitude: Some(52.93),
        longitude: Some(70.19),
        criticality: 3,
        responsible_unit_id: unit.id.clone(),
        pattern: three_eights("08:00"),
        posts: vec![post("Қақпа", 1, None), post("Периметр", 1, Some("weapons"))],
    }
}

pub fn facility(world: &mut World, actor: &Actor, input: FacilityInput) -> Facility {
    facilities::save_facility(&mut world.store, actor, input).expect("a valid facility is saved")
}

/// `n` guards of the Akmola district and the facility their company guards, both set up by
/// the national administrator.
pub fn guarded_facility(world: &mut World, c: &Cast, n: u16) -> (Guards, Facility) {
    let g = guards(world, &c.national, &c.akmola_district, n);
    let f = facility(
        world,
        &c.national,
        facility_input(&c.akmola_district, &g.company),
    );
    (g, f)
}

/// A seat of `post` at `start` (UTC) for `volunteer`, not pinned.
pub fn seat(post: &str, start: &str, volunteer: &str) -> SeatInput {
    SeatInput {
        post_id: post.into(),
        shift_start: start.into(),
        volunteer_id: volunteer.into(),
        pinned: false,
    }
}

/// 2026-11-23 08:00 local (UTC+5): the first shift of the week.
pub const MON_08: &str = "2026-11-23T03:00:00.000Z";

/// Auto-fill of the facility's week from Monday 2026-11-23, given `seconds` to search.
pub fn fill_week(facility_id: &str, seconds: u32) -> FillInput {
    FillInput {
        facility_ids: vec![facility_id.into()],
        region_id: None,
        district_id: None,
        from: "2026-11-23".into(),
        days: 7,
        reoptimise: false,
        time_limit_secs: Some(seconds),
    }
}

/// The facility's roster for the week from Monday 2026-11-23.
pub fn week(facility_id: &str) -> RosterQuery {
    RosterQuery {
        facility_id: facility_id.into(),
        from: "2026-11-23".into(),
        days: 7,
    }
}

/// The engine rule a refused seat names.
pub fn rule_of(err: &jasaq::Error) -> Option<&str> {
    err.params.get("rule").map(String::as_str)
}
