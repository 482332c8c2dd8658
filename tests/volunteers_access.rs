//! Every role, in and out of its scope, for read, create, edit, enrol and discharge. Reads
//! and writes out of scope are refused (`out_of_scope`), viewers' writes by role; a form
//! naming a place out of scope is a field error. Refusals write nothing.

mod common;

use common::{cast, volunteer_form, World};
use jasaq::access::Actor;
use jasaq::places::District;
use jasaq::volunteers::{self, DischargeInput, UpdateVolunteer, VolunteerQuery};
use jasaq::ErrorCode;

/// What happened: "ok", "role", "out_of_scope" (forbidden), or "field:<rule>".
fn outcome<T>(result: jasaq::Result<T>) -> String {
    match result {
        Ok(_) => "ok".into(),
        Err(e) if e.code == ErrorCode::Forbidden => e.reason,
        Err(e) if e.code == ErrorCode::Validation => format!("field:{}", e.fields[0].rule),
        Err(e) => format!("{:?}:{}", e.code, e.reason),
    }
}

struct Records {
    own: String,
    other_district: String,
    other_region: String,
}

fn records(world: &mut World, c: &common::Cast) -> Records {
    let mut add = |district: &District, serial: u16| {
        let form = volunteer_form(district, "Байжанов", "Темірлан", "1990-01-01", serial);
        volunteers::register(&mut world.store, &c.national, form)
            .unwrap()
            .volunteer
            .id
    };
    Records {
        own: add(&c.akmola_district, 100),
        other_district: add(&c.akmola_other_district, 200),
        other_region: add(&c.karaganda_district, 300),
    }
}

/// Tries every operation on one record; the enrol/discharge pair runs only if enrol succeeds.
fn try_all(
    world: &mut World,
    actor: &Actor,
    id: &str,
    district: &District,
    serial: u16,
) -> [String; 5] {
    let read = outcome(volunteers::get(&world.store, actor, id));
    let form = volunteer_form(district, "Досмұхамедов", "Елдос", "1992-02-02", serial);
    let create = outcome(volunteers::register(&mut world.store, actor, form.clone()));
    let mut edit_form = volunteer_form(district, "Байжанов", "Темірлан", "1990-01-01", 0);
    edit_form.notes = Some(format!("edited by {}", actor.username()));
    // Keep the record's own IIN: only the notes change.
    edit_form.iin = world
        .store
        .conn()
        .query_row("SELECT iin FROM volunteers WHERE id = ?", [id], |r| {
            r.get(0)
        })
        .unwrap();
    let edit = outcome(volunteers::update(
        &mut world.store,
        actor,
        UpdateVolunteer {
            id: id.into(),
            volunteer: edit_form,
        },
    ));
    let enrol = outcome(volunteers::enrol(&mut world.store, actor, id));
    let discharge = outcome(volunteers::discharge(
        &mut world.store,
        actor,
        DischargeInput {
            id: id.into(),
            date: "2026-11-22".into(),
            reason: "тест".into(),
        },
    ));
    [read, create, edit, enrol, discharge]
}

fn expect(got: [String; 5], want: [&str; 5], who: &str) {
    let got: Vec<&str> = got.iter().map(String::as_str).collect();
    assert_eq!(
        got,
        want.to_vec(),
        "{who}: read, create, edit, enrol, discharge"
    );
}

#[test]
fn national_admin_reaches_every_region() {
    let mut world = World::new();
    let c = cast(&mut world);
    let r = records(&mut world, &c);
    let d = c.karaganda_district.clone();
    expect(
        try_all(&mut world, &c.national, &r.other_region, &d, 1),
        ["ok"; 5],
        "national admin",
    );
}

#[test]
fn regional_admin_in_and_out_of_region() {
    let mut world = World::new();
    let c = cast(&mut world);
    let r = records(&mut world, &c);
    let (own, other) = (
        c.akmola_other_district.clone(),
        c.karaganda_district.clone(),
    );
    expect(
        try_all(&mut world, &c.akmola_admin, &r.other_district, &own, 1),
        ["ok"; 5],
        "regional admin in region",
    );
    expect(
        try_all(&mut world, &c.akmola_admin, &r.other_region, &other, 2),
        [
            "out_of_scope",
            "field:out_of_scope",
            "out_of_scope",
            "out_of_scope",
            "out_of_scope",
        ],
        "regional admin out of region",
    );
}

#[test]
fn district_operator_in_and_out_of_district() {
    let mut world = World::new();
    let c = cast(&mut world);
    let r = records(&mut world, &c);
    let (own, other) = (c.akmola_district.clone(), c.akmola_other_district.clone());
    expect(
        try_all(&mut world, &c.akmola_operator, &r.own, &own, 1),
        ["ok"; 5],
        "operator in district",
    );
    expect(
        try_all(&mut world, &c.akmola_operator, &r.other_district, &other, 2),
        [
            "out_of_scope",
            "field:out_of_scope",
            "out_of_scope",
            "out_of_scope",
            "out_of_scope",
        ],
        "operator in a neighbouring district",
    );
    let page =
        volunteers::search(&world.store, &c.akmola_operator, &VolunteerQuery::default()).unwrap();
    assert!(
        page.rows
            .iter()
            .all(|row| row.district_id == c.akmola_district.id),
        "an operator's list holds only their district"
    );
}

#[test]
fn viewers_read_in_scope_and_never_write() {
    let mut world = World::new();
    let c = cast(&mut world);
    let r = records(&mut world, &c);
    let before = world.count("volunteers");
    let d = c.akmola_district.clone();
    expect(
        try_all(&mut world, &c.akmola_viewer, &r.own, &d, 1),
        ["ok", "role", "role", "role", "role"],
        "regional viewer in region",
    );
    let k = c.karaganda_district.clone();
    expect(
        try_all(&mut world, &c.akmola_viewer, &r.other_region, &k, 2),
        ["out_of_scope", "role", "role", "role", "role"],
        "regional viewer out of region",
    );
    expect(
        try_all(&mut world, &c.national_viewer, &r.other_region, &k, 3),
        ["ok", "role", "role", "role", "role"],
        "national viewer",
    );
    assert_eq!(
        world.count("volunteers"),
        before,
        "no viewer wrote a volunteer"
    );
    assert_eq!(world.audit_count("volunteer.update"), 0, "nor an edit");
    assert_eq!(world.audit_count("volunteer.enrol"), 0, "nor an enrolment");
}
