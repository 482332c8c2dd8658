//! The recount the national readiness rollup is checked against (units_rollup.rs): readiness
//! counted straight from the volunteer, skill, unit and assignment rows (ages from birth dates,
//! qualifications from the skills, on the store's day), without the readiness copies or the
//! running totals; and the check that the rollup, each region's own view and the national
//! views narrowed by agency and direction all equal it.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate};
use jasaq::access::Actor;
use jasaq::clock::local_today;
use jasaq::units::{self, Direction, ReadinessFigures, ReadinessQuery};
use jasaq::volunteers::age_on;

use super::World;

/// The figures a recount gives, in the shape the core reports them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Recount {
    pub units: u32,
    pub authorised: u32,
    pub assigned: u32,
    pub filled: u32,
    pub positions: BTreeMap<String, (u32, u32)>,
    pub missing: u32,
    pub expired: u32,
    pub expiring: u32,
    pub bands: [u32; 5],
    pub vacant_command: u32,
    pub without_commander: u32,
}

impl Recount {
    fn add(&mut self, o: &Recount) {
        self.units += o.units;
        self.authorised += o.authorised;
        self.assigned += o.assigned;
        self.filled += o.filled;
        for (p, (a, s)) in &o.positions {
            let line = self.positions.entry(p.clone()).or_default();
            line.0 += a;
            line.1 += s;
        }
        self.missing += o.missing;
        self.expired += o.expired;
        self.expiring += o.expiring;
        for (x, y) in self.bands.iter_mut().zip(o.bands) {
            *x += y;
        }
        self.vacant_command += o.vacant_command;
        self.without_commander += o.without_commander;
    }

    pub fn of(f: &ReadinessFigures) -> Recount {
        let mut bands = [0; 5];
        for (b, band) in bands.iter_mut().zip(&f.age_bands) {
            *b = band.count;
        }
        Recount {
            units: f.units,
            authorised: f.authorised,
            assigned: f.assigned,
            filled: f.filled,
            positions: f
                .positions
                .iter()
                .map(|p| (p.position.clone(), (p.authorised, p.assigned)))
                .collect(),
            missing: f.qualification_missing,
            expired: f.qualification_expired,
            expiring: f.qualification_expiring,
            bands,
            vacant_command: f.vacant_command,
            without_commander: f.units_without_commander,
        }
    }
}

fn band(age: i32) -> usize {
    match age {
        ..=24 => 0,
        25..=34 => 1,
        35..=44 => 2,
        45..=54 => 3,
        _ => 4,
    }
}

struct Recounted {
    total: Recount,
    by_region: BTreeMap<String, Recount>,
    by_agency: BTreeMap<String, Recount>,
    by_direction: BTreeMap<String, Recount>,
}

/// Readiness recounted from the source rows, without the readiness copies or the totals.
fn recount(world: &World) -> Recounted {
    let conn = world.store.conn();
    let today = local_today(world.store.now());
    let warn = today + Duration::days(units::EXPIRY_WARNING_DAYS);
    let mut per_unit: HashMap<String, (String, String, String, Recount)> = HashMap::new();
    let mut stmt = conn
        .prepare(
            "SELECT id, region_id, agency_id, direction, commander_id IS NULL FROM units
             WHERE status <> 'disbanded'",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (id, region, agency, direction, no_commander) = row.unwrap();
        let r = Recount {
            units: 1,
            without_commander: u32::from(no_commander),
            ..Recount::default()
        };
        per_unit.insert(id, (region, agency, direction, r));
    }
    let mut stmt = conn
        .prepare("SELECT unit_id, position, authorised FROM unit_establishment")
        .unwrap();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
    {
        let (unit, position, n): (String, String, u32) = row.unwrap();
        if let Some(u) = per_unit.get_mut(&unit) {
            u.3.positions.entry(position).or_default().0 = n;
        }
    }
    let mut stmt = conn
        .prepare(
            "SELECT a.unit_id, a.position, v.birth_date, p.required_skill,
                 (SELECT count(*) FROM volunteer_skills s
                  WHERE s.volunteer_id = v.id AND s.skill_code = p.required_skill),
                 (SELECT s.certificate_expiry FROM volunteer_skills s
                  WHERE s.volunteer_id = v.id AND s.skill_code = p.required_skill)
             FROM assignments a JOIN volunteers v ON v.id = a.volunteer_id
             JOIN positions p ON p.code = a.position
             WHERE a.end_date IS NULL",
        )
        .unwrap();
    for row in stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .unwrap()
    {
        let (unit, position, birth, required, held, expiry) = row.unwrap();
        let Some(u) = per_unit.get_mut(&unit) else {
            continue;
        };
        let r = &mut u.3;
        r.positions.entry(position).or_default().1 += 1;
        let birth = NaiveDate::parse_from_str(&birth, "%Y-%m-%d").unwrap();
        r.bands[band(age_on(birth, today))] += 1;
        if required.is_some() {
            if held == 0 {
                r.missing += 1;
            } else if let Some(e) = expiry {
                let e = NaiveDate::parse_from_str(&e, "%Y-%m-%d").unwrap();
                if e < today {
                    r.expired += 1;
                } else if e <= warn {
                    r.expiring += 1;
                }
            }
        }
    }
    let command: Vec<String> = conn
        .prepare("SELECT code FROM positions WHERE command = 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Recounted {
        total: Recount::default(),
        by_region: BTreeMap::new(),
        by_agency: BTreeMap::new(),
        by_direction: BTreeMap::new(),
    };
    for (region, agency, direction, mut r) in per_unit.into_values() {
        r.authorised = r.positions.values().map(|l| l.0).sum();
        r.assigned = r.positions.values().map(|l| l.1).sum();
        r.filled = r.positions.values().map(|(a, s)| (*a).min(*s)).sum();
        r.vacant_command = r.without_commander
            + r.positions
                .iter()
                .filter(|(p, _)| command.contains(p))
                .map(|(_, (a, s))| a.saturating_sub(*s))
                .sum::<u32>();
        out.total.add(&r);
        out.by_region.entry(region).or_default().add(&r);
        out.by_agency.entry(agency).or_default().add(&r);
        out.by_direction.entry(direction).or_default().add(&r);
    }
    out
}

/// The national rollup, each region's own view and the recount agree on `world`'s day.
pub fn assert_agrees(world: &World, national: &Actor, when: &str) {
    let fast = units::readiness(&world.store, national, &ReadinessQuery::default()).unwrap();
    let slow = recount(world);
    assert_eq!(
        Recount::of(&fast.total),
        slow.total,
        "{when}: the national total from the running totals equals a recount"
    );
    let groups = |g: &[units::ReadinessGroup]| -> BTreeMap<String, Recount> {
        g.iter()
            .map(|g| (g.key.clone(), Recount::of(&g.figures)))
            .collect()
    };
    assert_eq!(
        groups(&fast.by_region),
        slow.by_region,
        "{when}: every region's figures equal a recount"
    );
    assert_eq!(
        groups(&fast.by_agency),
        slow.by_agency,
        "{when}: every agency's figures equal a recount"
    );
    assert_eq!(
        groups(&fast.by_direction),
        slow.by_direction,
        "{when}: every direction's figures equal a recount"
    );
    for (region, expected) in &slow.by_region {
        let view = units::readiness(
            &world.store,
            national,
            &ReadinessQuery {
                region_id: Some(region.clone()),
                ..ReadinessQuery::default()
            },
        )
        .unwrap();
        assert_eq!(
            &Recount::of(&view.total),
            expected,
            "{when}: region {region} counted unit by unit equals its national figures"
        );
    }
    // A national query narrowed by agency and direction reads the totals too.
    for (agency, expected) in &slow.by_agency {
        let view = units::readiness(
            &world.store,
            national,
            &ReadinessQuery {
                agency_id: Some(agency.clone()),
                ..ReadinessQuery::default()
            },
        )
        .unwrap();
        assert_eq!(
            &Recount::of(&view.total),
            expected,
            "{when}: the national view of agency {agency} equals a recount"
        );
    }
    for (direction, expected) in &slow.by_direction {
        let view = units::readiness(
            &world.store,
            national,
            &ReadinessQuery {
                direction: Direction::parse(direction),
                ..ReadinessQuery::default()
            },
        )
        .unwrap();
        assert_eq!(
            &Recount::of(&view.total),
            expected,
            "{when}: the national view of direction {direction} equals a recount"
        );
    }
}
