//! The national readiness rollup reads running totals kept by triggers (the readiness-totals
//! migration) and a birth-month histogram instead of every assignment. These tests compare it
//! with a straightforward recount from the volunteer, skill, unit and assignment rows (ages
//! from birth dates, qualifications from the skills, on the day of the call), on a generated
//! structure changed through every write path (assign, transfer, end, discharge, a skill
//! change, a unit moved to another agency and direction, disband), and on many days so that
//! members cross age-band boundaries and certificates expire; and with the per-unit count that
//! each region's view uses. The recount: tests/common/rollup.rs.

mod common;

use std::collections::HashMap;

use chrono::Duration;
use common::rollup::{assert_agrees, Recount};
use common::units::unit_input;
use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::clock::local_today;
use jasaq::units::{
    self, AssignInput, Direction, DisbandChoice, DisbandInput, EndAssignmentInput, ReadinessQuery,
    TransferInput, Unit, UnitStatus, UpdateUnit,
};
use jasaq::volunteers::{self, DischargeInput, GenerateOptions};
use rusqlite::types::Value;

fn today_text(world: &World) -> String {
    local_today(world.store.now())
        .format("%Y-%m-%d")
        .to_string()
}

#[test]
fn national_rollup_equals_a_recount_on_a_generated_structure_through_every_write_path() {
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    volunteers::generate(
        &mut world.store,
        &n,
        GenerateOptions {
            count: 3000,
            seed: 4242,
            districts_per_region: 2,
        },
    )
    .unwrap();
    // Certificates that run out over the weeks the test walks through (the generator gives
    // none); set before anyone is assigned, so the assignment copies see them.
    world
        .store
        .conn()
        .execute(
            "UPDATE volunteer_skills SET certificate_number = 'C-7', certificate_expiry =
                 date('2026-11-22', ((unicode(substr(volunteer_id, -1)) * 37
                     + unicode(substr(volunteer_id, -2, 1)) * 11) % 150) || ' days')
             WHERE unicode(substr(volunteer_id, -3, 1)) % 3 <> 0",
            [],
        )
        .unwrap();

    // Units in three regions, two agencies and two directions, each with an establishment.
    let regions = [AKMOLA, KARAGANDA, "KZ-75"];
    let mut made: Vec<Unit> = Vec::new();
    for (r, region) in regions.iter().enumerate() {
        for k in 0..3 {
            let mut input =
                unit_input(&format!("{region} {k}-рота"), "company", region, None, None);
            input.agency_id = if k == 2 { "national_guard" } else { "defence" }.into();
            input.direction = if r == 1 {
                Direction::China
            } else {
                Direction::Russia
            };
            let unit = units::create_unit(&mut world.store, &n, input).unwrap();
            common::units::establish(
                &mut world,
                &n,
                &unit,
                &[
                    ("commander", 1),
                    ("rifleman", 30),
                    ("medic", 4),
                    ("driver", 3),
                    ("signaller", 3),
                    ("squad_leader", 2),
                ],
            );
            made.push(unit);
        }
    }
    let by_region: HashMap<&str, Vec<&Unit>> = regions
        .iter()
        .map(|r| (*r, made.iter().filter(|u| u.region_id == *r).collect()))
        .collect();
    let people: Vec<(String, String)> = world
        .store
        .conn()
        .prepare(
            "SELECT id, region_id FROM volunteers WHERE status = 'enrolled' AND eligible = 1
             AND region_id IN ('KZ-11', 'KZ-35', 'KZ-75') ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        people.len() > 20,
        "the generator enrols enough people in three regions"
    );
    let positions = ["medic", "driver", "signaller", "squad_leader", "rifleman"];
    let mut assigned: Vec<String> = Vec::new();
    for (i, (id, region)) in people.iter().enumerate() {
        let units_here = &by_region[region.as_str()];
        let unit = units_here[i % units_here.len()];
        // Skill positions are refused to those without the skill: they become riflemen.
        for position in [positions[i % positions.len()], "rifleman"] {
            let done = units::assign(
                &mut world.store,
                &n,
                AssignInput {
                    volunteer_id: id.clone(),
                    unit_id: unit.id.clone(),
                    position: position.into(),
                    start_date: "2026-11-01".into(),
                },
            );
            if done.is_ok() {
                assigned.push(id.clone());
                break;
            }
        }
    }
    assert!(assigned.len() > 20, "most of them are assigned");
    assert_agrees(&world, &n, "after assigning");

    // Transfers within and across agencies, an end, a discharge.
    let today = today_text(&world);
    for (i, id) in assigned.iter().take(8).enumerate() {
        let region = &people.iter().find(|p| &p.0 == id).unwrap().1;
        let target = by_region[region.as_str()][(i + 1) % 3];
        let _ = units::transfer(
            &mut world.store,
            &n,
            TransferInput {
                volunteer_id: id.clone(),
                unit_id: target.id.clone(),
                position: "rifleman".into(),
                date: today.clone(),
                reason: "перевод".into(),
            },
        );
    }
    units::end_assignment(
        &mut world.store,
        &n,
        EndAssignmentInput {
            volunteer_id: assigned[9].clone(),
            date: today.clone(),
            reason: "по собственному желанию".into(),
        },
    )
    .unwrap();
    volunteers::discharge(
        &mut world.store,
        &n,
        DischargeInput {
            id: assigned[10].clone(),
            date: today.clone(),
            reason: "переезд".into(),
        },
    )
    .unwrap();
    assert_agrees(&world, &n, "after transfers, an end and a discharge");

    // A skill removed from a medic: the copies are refreshed and the totals follow.
    let medic: Option<String> = world
        .store
        .conn()
        .query_row(
            "SELECT volunteer_id FROM assignments WHERE position = 'medic' AND end_date IS NULL
                 AND unit_id <> ?1 ORDER BY seq LIMIT 1",
            // Not in the unit disbanded below, whose members are transferred in their position
            // (the core rightly refuses to move a medic without the skill).
            [&made[4].id],
            |r| r.get(0),
        )
        .ok();
    if let Some(medic) = medic {
        let v = volunteers::get(&world.store, &n, &medic).unwrap().volunteer;
        let district = jasaq::places::District {
            id: v.district_id.clone(),
            region_id: v.region_id.clone(),
            ..c.akmola_district.clone()
        };
        let mut form =
            common::volunteer_form(&district, &v.surname, &v.given_name, &v.birth_date, 1);
        form.iin = v.iin.clone();
        form.sex = Some(v.sex);
        form.patronymic = v.patronymic.clone();
        form.skills = Vec::new();
        volunteers::update(
            &mut world.store,
            &n,
            volunteers::UpdateVolunteer {
                id: v.id.clone(),
                volunteer: form,
            },
        )
        .unwrap();
        assert_agrees(&world, &n, "after a medic lost the skill");
    }

    // A unit moved to another agency and direction takes its members' ages with it.
    let moved = made[0].clone();
    let mut input = unit_input(&moved.name, "company", &moved.region_id, None, None);
    input.agency_id = "emergencies".into();
    input.direction = Direction::Interior;
    units::update_unit(
        &mut world.store,
        &n,
        UpdateUnit {
            id: moved.id.clone(),
            unit: input,
        },
    )
    .unwrap();
    assert_agrees(&world, &n, "after a unit changed agency and direction");

    // A unit disbanded with its members transferred to another.
    units::disband(
        &mut world.store,
        &n,
        DisbandInput {
            id: made[4].id.clone(),
            date: today.clone(),
            reason: "реорганизация".into(),
            members: Some(DisbandChoice::Transfer),
            target_unit_id: Some(made[3].id.clone()),
        },
    )
    .unwrap();
    assert!(
        units::get_unit(&world.store, &n, &made[4].id)
            .unwrap()
            .unit
            .status
            == UnitStatus::Disbanded,
        "the unit is disbanded"
    );
    assert_agrees(&world, &n, "after a disband with transfer");

    // Walk through five months, day by day in 9-day steps: members pass birthdays at band
    // boundaries and certificates expire; the rollup counts both on the day of the call.
    let figures = |world: &World| {
        let t = units::readiness(&world.store, &n, &ReadinessQuery::default())
            .unwrap()
            .total;
        Recount::of(&t)
    };
    let first = figures(&world);
    let mut expiring_seen = first.expiring;
    for step in 0..17 {
        world.clock.advance(Duration::days(9));
        assert_agrees(
            &world,
            &n,
            &format!("on day {} of the walk", (step + 1) * 9),
        );
        expiring_seen = expiring_seen.max(figures(&world).expiring);
    }
    let last = figures(&world);
    println!(
        "walk: assigned {}, bands {:?} -> {:?}, expired {} -> {}, expiring max {expiring_seen}",
        last.assigned, first.bands, last.bands, first.expired, last.expired
    );
    assert_ne!(
        first.bands, last.bands,
        "members crossed an age-band boundary during the walk, so the boundaries were exercised"
    );
    assert!(
        last.expired > first.expired && expiring_seen > 0,
        "certificates came to expire during the walk, so the expiry index was exercised"
    );
}

/// The readiness-totals migration as shipped; its backfill is what this file's last test runs.
const READINESS_TOTALS: &str = include_str!("../migrations/0010_readiness_totals.sql");

/// Runs the readiness-totals migration again, on the data the test wrote: first every object
/// that migration creates is dropped (dependents first), so the database is, as far as that
/// migration can see, the one it met when it shipped, with assignments already in it. A fresh
/// database cannot test the backfill: there the migration only ever saw empty tables. (Its
/// `assignments_by_unit` index is already gone: migration 0014 dropped it.)
fn rerun_readiness_totals_migration(world: &mut World) {
    let tx = world.store.write().unwrap();
    tx.execute_batch(
        "DROP INDEX unit_bulk_moves_by_volunteer;
         DROP TABLE unit_bulk_moves;
         DROP TABLE unit_bulk_transfers;
         DROP TRIGGER readiness_unit_regrouped;
         DROP TRIGGER readiness_change_in;
         DROP TRIGGER readiness_change_out;
         DROP TRIGGER readiness_join;
         DROP INDEX assignments_active_by_expiry;
         DROP INDEX assignments_active_by_birth;
         DROP TABLE readiness_births;
         DROP TABLE readiness_strength;",
    )
    .expect("every object the readiness-totals migration creates is there to drop");
    tx.execute_batch(READINESS_TOTALS)
        .expect("the readiness-totals migration runs on a database without its objects");
    tx.commit().unwrap();
}

/// Every row `sql` returns, every column as SQLite gives it: a totals table or its recount.
fn table_rows(world: &World, sql: &str) -> Vec<Vec<Value>> {
    let mut statement = world.store.conn().prepare(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |r| (0..columns).map(|i| r.get(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// `readiness_births` as stored. A month whose last member left stays, at zero, in what the
/// triggers keep; it counts no one, so only the months that count someone are compared.
const STORED_BIRTHS: &str = "SELECT * FROM readiness_births WHERE members <> 0 ORDER BY 1, 2, 3, 4";
/// `readiness_births` recounted: active members per unit grouping and birth month.
const RECOUNTED_BIRTHS: &str =
    "SELECT u.region_id, u.agency_id, u.direction, substr(a.birth_date, 1, 7), count(*)
     FROM assignments a JOIN units u ON u.id = a.unit_id
     WHERE a.end_date IS NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
/// `readiness_strength` as stored, without the zero rows the triggers may leave (as above).
const STORED_STRENGTH: &str =
    "SELECT * FROM readiness_strength WHERE assigned <> 0 OR missing <> 0 ORDER BY 1, 2";
/// `readiness_strength` recounted: active members per unit and position, and of them those
/// missing the position's skill.
const RECOUNTED_STRENGTH: &str =
    "SELECT unit_id, position, count(*), sum(qual_missing) FROM assignments
     WHERE end_date IS NULL GROUP BY 1, 2 ORDER BY 1, 2";

#[test]
fn running_totals_are_rebuilt_from_existing_assignments_by_the_migration() {
    // The triggers keep the totals as members come and go; the migration's backfill must give
    // the same totals from assignments that were already there. Both against a recount.
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    let u = common::units::unit(
        &mut world,
        &n,
        unit_input("1-рота", "company", AKMOLA, Some(&c.akmola_district), None),
    );
    common::units::establish(&mut world, &n, &u, &[("rifleman", 4)]);
    let mut members = Vec::new();
    for (i, birth) in ["1990-01-01", "2000-06-15", "1970-12-31", "1985-03-03"]
        .iter()
        .enumerate()
    {
        let v = common::units::enrolled(
            &mut world,
            &n,
            &c.akmola_district,
            "Серікбаев",
            birth,
            100 + i as u16 * 10,
            Vec::new(),
        );
        common::units::assign(&mut world, &n, &v.id, &u, "rifleman");
        members.push(v.id);
    }
    // An ended assignment stays in the table; neither the triggers nor the backfill count it.
    let today = today_text(&world);
    units::end_assignment(
        &mut world.store,
        &n,
        EndAssignmentInput {
            volunteer_id: members[3].clone(),
            date: today,
            reason: "по собственному желанию".into(),
        },
    )
    .unwrap();

    let kept = table_rows(&world, STORED_BIRTHS);
    let kept_strength = table_rows(&world, STORED_STRENGTH);
    let rebuilt = table_rows(&world, RECOUNTED_BIRTHS);
    let rebuilt_strength = table_rows(&world, RECOUNTED_STRENGTH);
    assert_eq!(
        kept, rebuilt,
        "the histogram the triggers keep is the one a rebuild from the assignments gives"
    );
    assert_eq!(
        kept_strength, rebuilt_strength,
        "the strength the triggers keep is the one a recount of the active assignments gives"
    );
    assert_eq!(
        kept.len(),
        3,
        "three members born in three different months"
    );

    rerun_readiness_totals_migration(&mut world);
    assert_eq!(
        table_rows(&world, STORED_BIRTHS),
        rebuilt,
        "the migration's backfill builds, from assignments already there, the histogram a \
         recount gives (the ended assignment left out)"
    );
    assert_eq!(
        table_rows(&world, STORED_STRENGTH),
        rebuilt_strength,
        "the migration's backfill builds, from assignments already there, the strength a \
         recount gives (the ended assignment left out)"
    );
    assert_eq!(
        rebuilt_strength.first().map(|r| r[2].clone()),
        Some(Value::Integer(3)),
        "three of the four riflemen are still active, so the backfill had rows to count"
    );
}
