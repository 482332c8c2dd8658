//! Assignments: who may hold a position (enrolled, eligible, skilled, certified), one active
//! post per volunteer, transfers that keep history, and posts ended by discharge or by rules
//! that make a volunteer ineligible.

mod common;

use common::units::{assign, enrolled, registered, skill, unit, unit_input};
use common::{cast, Cast, World, AKMOLA};
use jasaq::units::{self, AssignInput, EndAssignmentInput, Qualification, TransferInput, Unit};
use jasaq::volunteers::{self, DischargeInput, NewRuleSet, Volunteer};
use jasaq::ErrorCode;

fn assign_input(volunteer: &str, unit: &str, position: &str, start: &str) -> AssignInput {
    AssignInput {
        volunteer_id: volunteer.into(),
        unit_id: unit.into(),
        position: position.into(),
        start_date: start.into(),
    }
}

/// An Akmola company `name` (no district, no parent), created by Akmola's admin.
fn akmola_company(world: &mut World, c: &Cast, name: &str) -> Unit {
    unit(
        world,
        &c.akmola_admin,
        unit_input(name, "company", AKMOLA, None, None),
    )
}

/// A volunteer of the Burabay district without skills, enrolled by the national admin.
fn burabay_member(
    world: &mut World,
    c: &Cast,
    surname: &str,
    birth: &str,
    serial: u16,
) -> Volunteer {
    enrolled(
        world,
        &c.national,
        &c.akmola_district,
        surname,
        birth,
        serial,
        vec![],
    )
}

#[test]
fn only_enrolled_eligible_volunteers_with_the_skill_and_a_valid_certificate_are_assigned() {
    let mut world = World::new();
    let c = cast(&mut world);
    let d = c.akmola_district.clone();
    let company = unit(
        &mut world,
        &c.akmola_admin,
        unit_input("Рота", "company", AKMOLA, Some(&d), None),
    );
    let applicant = registered(
        &mut world,
        &c.national,
        &d,
        "Ахметов",
        "1990-01-10",
        10,
        vec![],
    );
    let plain = burabay_member(&mut world, &c, "Беков", "1991-02-11", 20).id;
    let expired_medic = enrolled(
        &mut world,
        &c.national,
        &d,
        "Дәулетов",
        "1992-03-12",
        30,
        vec![skill("medic", Some("2026-10-31"))],
    )
    .id;
    let medic = enrolled(
        &mut world,
        &c.national,
        &d,
        "Ерланов",
        "1993-04-13",
        40,
        vec![skill("medic", Some("2026-12-01"))],
    )
    .id;
    let before = world.count("assignments");
    let refusals = [
        (&applicant, "rifleman", ErrorCode::Conflict, "not_enrolled"),
        (&plain, "medic", ErrorCode::Conflict, "skill_missing"),
        (
            &expired_medic,
            "medic",
            ErrorCode::Conflict,
            "certificate_expired",
        ),
    ];
    for (who, position, code, reason) in refusals {
        let err = units::assign(
            &mut world.store,
            &c.akmola_operator,
            assign_input(who, &company.id, position, "2026-11-01"),
        )
        .expect_err("the assignment is refused");
        assert_eq!(
            (err.code, err.reason.as_str()),
            (code, reason),
            "refused as {reason}"
        );
    }
    let err = units::assign(
        &mut world.store,
        &c.akmola_operator,
        assign_input(&expired_medic, &company.id, "medic", "2026-11-01"),
    )
    .unwrap_err();
    assert_eq!(
        (
            err.params.get("skill").map(String::as_str),
            err.params.get("expiry_date").map(String::as_str)
        ),
        (Some("medic"), Some("2026-10-31")),
        "the refusal names the skill and the expiry"
    );
    let bad = units::assign(
        &mut world.store,
        &c.akmola_operator,
        assign_input(&plain, &company.id, "pilot", "2027-01-01"),
    )
    .unwrap_err();
    assert_eq!(
        bad.code,
        ErrorCode::Validation,
        "an unknown position is a field problem"
    );
    assert_eq!(
        world.count("assignments"),
        before,
        "no refusal wrote an assignment"
    );

    let held = units::assign(
        &mut world.store,
        &c.akmola_operator,
        assign_input(&medic, &company.id, "medic", "2026-11-01"),
    )
    .expect("a certified medic is assigned");
    assert_eq!(held.end_date, None, "the assignment is active");
    let members = units::list_members(&world.store, &c.akmola_operator, &company.id).unwrap();
    assert_eq!(
        members[0].qualification,
        Qualification::Expiring,
        "a certificate expiring on 1 December is flagged on 22 November"
    );
    assert_eq!(
        world.audit_count("assignment.start"),
        1,
        "the assignment is audited"
    );
}

#[test]
fn a_volunteer_holds_at_most_one_active_post_whatever_path_writes() {
    let mut world = World::new();
    let c = cast(&mut world);
    let first = akmola_company(&mut world, &c, "1-я рота");
    let second = akmola_company(&mut world, &c, "2-я рота");
    let v = burabay_member(&mut world, &c, "Жұмабаев", "1985-06-01", 10).id;
    assign(&mut world, &c.akmola_admin, &v, &first, "rifleman");
    let err = units::assign(
        &mut world.store,
        &c.akmola_admin,
        assign_input(&v, &second.id, "rifleman", "2026-11-05"),
    )
    .expect_err("a second post is refused");
    assert_eq!(
        err.reason, "already_assigned",
        "the refusal says to transfer instead"
    );
    let raw = world.store.conn().execute(
        "INSERT INTO assignments (id, volunteer_id, unit_id, position, start_date, created_at,
             birth_date, volunteer_seq) VALUES ('x', ?1, ?2, 'rifleman', '2026-11-05', 'now',
             '1985-06-01', (SELECT seq FROM volunteers WHERE id = ?1))",
        [&v, &second.id],
    );
    let refusal = raw.expect_err("a second active row written by SQL is refused");
    assert!(
        refusal.to_string().contains("UNIQUE"),
        "the partial unique index refuses it: {refusal}"
    );
    assert_eq!(world.count("assignments"), 1, "still one assignment");
}

/// Call-out lists join assignments to volunteers by `volunteer_seq` (migration 0015): a row
/// written without it, or with another volunteer's, would leave its volunteer out of a list,
/// so the database refuses it.
#[test]
fn an_assignment_must_name_its_volunteer_seq_and_the_right_one() {
    let mut world = World::new();
    let c = cast(&mut world);
    let company = akmola_company(&mut world, &c, "1-я рота");
    let v = burabay_member(&mut world, &c, "Жұмабаев", "1985-06-01", 10).id;
    let other = burabay_member(&mut world, &c, "Серіков", "1987-02-03", 11).id;
    for (seq_of, what) in [
        ("nullif(?3, ?3)", "without volunteer_seq"),
        (
            "(SELECT seq FROM volunteers WHERE id = ?3)",
            "with another volunteer's seq",
        ),
    ] {
        let raw = world.store.conn().execute(
            &format!(
                "INSERT INTO assignments (id, volunteer_id, unit_id, position, start_date,
                     created_at, birth_date, volunteer_seq)
                 VALUES ('x', ?1, ?2, 'rifleman', '2026-11-05', 'now', '1985-06-01', {seq_of})"
            ),
            [&v, &company.id, &other],
        );
        let refusal = raw.expect_err(what);
        assert!(
            refusal.to_string().contains("by id and by seq"),
            "{what}: refused by the trigger, not something else: {refusal}"
        );
    }
    assert_eq!(world.count("assignments"), 0, "nothing was written");
    assign(&mut world, &c.akmola_admin, &v, &company, "rifleman");
    let (seq, expected): (i64, i64) = world
        .store
        .conn()
        .query_row(
            "SELECT a.volunteer_seq, v.seq FROM assignments a JOIN volunteers v
             ON v.id = a.volunteer_id WHERE a.volunteer_id = ?1",
            [&v],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(seq, expected, "the core's insert names the volunteer's seq");
}

#[test]
fn a_transfer_ends_the_current_post_and_starts_the_next_keeping_history() {
    let mut world = World::new();
    let c = cast(&mut world);
    let first = akmola_company(&mut world, &c, "1-я рота");
    let second = akmola_company(&mut world, &c, "2-я рота");
    let v = burabay_member(&mut world, &c, "Қасымов", "1988-08-08", 10).id;
    assign(&mut world, &c.akmola_admin, &v, &first, "rifleman");
    let transfer = |date: &str, reason: &str| TransferInput {
        volunteer_id: v.clone(),
        unit_id: second.id.clone(),
        position: "squad_leader".into(),
        date: date.into(),
        reason: reason.into(),
    };
    let err = units::transfer(
        &mut world.store,
        &c.akmola_admin,
        transfer("2026-10-01", "ауыстыру"),
    )
    .expect_err("a transfer before the current start is refused");
    assert_eq!(
        err.fields[0].rule, "before_current_start",
        "the date is named"
    );
    let err = units::transfer(
        &mut world.store,
        &c.akmola_admin,
        transfer("2026-11-10", " "),
    )
    .expect_err("a transfer needs a reason");
    assert_eq!(err.fields[0].field, "reason", "the reason is named");

    let next = units::transfer(
        &mut world.store,
        &c.akmola_admin,
        transfer("2026-11-10", "командир отделения"),
    )
    .expect("the transfer is made");
    assert_eq!(
        (
            next.unit_id.as_str(),
            next.position.as_str(),
            next.start_date.as_str()
        ),
        (second.id.as_str(), "squad_leader", "2026-11-10"),
        "the new post starts on the transfer date"
    );
    let history = units::volunteer_assignments(&world.store, &c.akmola_admin, &v).unwrap();
    assert_eq!(history.len(), 2, "both posts are in the history");
    assert_eq!(
        (
            history[1].start_date.as_str(),
            history[1].end_date.as_deref(),
            history[1].end_reason.as_deref()
        ),
        ("2026-11-01", Some("2026-11-10"), Some("командир отделения")),
        "the first post ended on the transfer date with its reason"
    );
    let rewrite = world.store.conn().execute(
        "UPDATE assignments SET end_reason = 'forged' WHERE end_date IS NOT NULL",
        [],
    );
    assert!(rewrite.is_err(), "an ended assignment is never rewritten");
    let delete = world.store.conn().execute("DELETE FROM assignments", []);
    assert!(delete.is_err(), "history is never deleted");

    let ended = units::end_assignment(
        &mut world.store,
        &c.akmola_admin,
        EndAssignmentInput {
            volunteer_id: v.clone(),
            date: "2026-11-20".into(),
            reason: "по собственному желанию".into(),
        },
    )
    .expect("the post is ended");
    assert_eq!(
        ended.end_date.as_deref(),
        Some("2026-11-20"),
        "ended on the given date"
    );
    assert_eq!(
        world.audit_count("assignment.transfer"),
        1,
        "the transfer is audited"
    );
    assert_eq!(world.audit_count("assignment.end"), 1, "the end is audited");
}

#[test]
fn discharge_ends_the_active_post_with_the_discharge_reason() {
    let mut world = World::new();
    let c = cast(&mut world);
    let company = akmola_company(&mut world, &c, "Рота");
    let v = burabay_member(&mut world, &c, "Мұратов", "1980-01-01", 10).id;
    assign(&mut world, &c.akmola_admin, &v, &company, "rifleman");
    volunteers::discharge(
        &mut world.store,
        &c.akmola_operator,
        DischargeInput {
            id: v.clone(),
            date: "2026-11-21".into(),
            reason: "переезд".into(),
        },
    )
    .expect("the volunteer is discharged");
    let history = units::volunteer_assignments(&world.store, &c.national, &v).unwrap();
    assert_eq!(
        (
            history[0].end_date.as_deref(),
            history[0].end_reason.as_deref()
        ),
        (Some("2026-11-21"), Some("discharged: переезд")),
        "the post ended with the discharge"
    );
    assert!(
        units::list_members(&world.store, &c.national, &company.id)
            .unwrap()
            .is_empty(),
        "the unit lost the member"
    );
}

#[test]
fn new_rules_that_make_a_member_ineligible_end_the_post_and_block_a_new_one() {
    let mut world = World::new();
    let c = cast(&mut world);
    let company = akmola_company(&mut world, &c, "Рота");
    let older = burabay_member(&mut world, &c, "Оспанов", "1970-01-01", 10).id;
    let younger = burabay_member(&mut world, &c, "Сәкенов", "1995-01-01", 20).id;
    assign(&mut world, &c.akmola_admin, &older, &company, "rifleman");
    assign(&mut world, &c.akmola_admin, &younger, &company, "rifleman");
    volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 50,
            excluded_health: vec![],
        },
    )
    .expect("the rules are published");
    let history = units::volunteer_assignments(&world.store, &c.national, &older).unwrap();
    assert_eq!(
        (
            history[0].end_date.as_deref(),
            history[0].end_reason.as_deref()
        ),
        (
            Some("2026-11-22"),
            Some("ineligible under rules v2: above_max_age")
        ),
        "the 56-year-old's post ended with the publication"
    );
    let members = units::list_members(&world.store, &c.national, &company.id).unwrap();
    assert_eq!(members.len(), 1, "the eligible member keeps the post");
    assert_eq!(members[0].volunteer_id, younger, "the younger member stays");
    let err = units::assign(
        &mut world.store,
        &c.akmola_admin,
        assign_input(&older, &company.id, "rifleman", "2026-11-22"),
    )
    .expect_err("an ineligible volunteer is not assigned again");
    assert_eq!(
        (
            err.code,
            err.reason.as_str(),
            err.params.get("rule").map(String::as_str)
        ),
        (ErrorCode::Forbidden, "not_eligible", Some("above_max_age")),
        "the refusal names the failed rule"
    );
}

#[test]
fn correcting_a_record_to_an_ineligible_one_ends_the_post() {
    let mut world = World::new();
    let c = cast(&mut world);
    let d = c.akmola_district.clone();
    let company = akmola_company(&mut world, &c, "Рота");
    let v = burabay_member(&mut world, &c, "Тоқтаров", "1990-01-01", 10);
    assign(&mut world, &c.akmola_admin, &v.id, &company, "rifleman");
    let mut form = common::volunteer_form(&d, "Тоқтаров", "Арман", "1990-01-01", 10);
    form.iin = v.iin.clone();
    form.citizenship = "RU".into();
    volunteers::update(
        &mut world.store,
        &c.national,
        volunteers::UpdateVolunteer {
            id: v.id.clone(),
            volunteer: form,
        },
    )
    .expect("the correction is saved");
    let history = units::volunteer_assignments(&world.store, &c.national, &v.id).unwrap();
    assert_eq!(
        history[0].end_reason.as_deref(),
        Some("ineligible: citizenship_foreign"),
        "a foreign national holds no post"
    );
}
