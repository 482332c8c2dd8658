//! Eligibility: the fixed citizenship rule (foreign and stateless), the configurable age and
//! health rules, birthdays on the boundary in local time, leap-day births, enrolment refused
//! for the ineligible from every path, and re-evaluation when new rules are published.

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{cast, volunteer_form, World};
use jasaq::volunteers::{self, EligibilityOutcome, HealthCategory, NewRuleSet, Status};
use jasaq::ErrorCode;

fn failed_codes(saved: &volunteers::SaveOutcome) -> Vec<String> {
    saved
        .decision
        .failed_rules
        .iter()
        .map(|f| f.code.clone())
        .collect()
}

#[test]
fn stateless_and_foreign_applicants_are_ineligible_and_cannot_be_enrolled() {
    let mut world = World::new();
    let c = cast(&mut world);
    for (citizenship, code, serial) in [
        ("stateless", "citizenship_stateless", 1),
        ("ru", "citizenship_foreign", 2),
        ("UZ", "citizenship_foreign", 3),
    ] {
        let mut form = volunteer_form(&c.akmola_district, "Иванов", "Иван", "1990-01-01", serial);
        form.citizenship = citizenship.into();
        let saved = volunteers::register(&mut world.store, &c.national, form)
            .expect("a non-citizen may be recorded as an applicant");
        assert_eq!(
            saved.volunteer.status,
            Status::Ineligible,
            "{citizenship}: foreign nationals and stateless persons may not join"
        );
        assert_eq!(
            failed_codes(&saved),
            vec![code],
            "{citizenship} fails exactly {code}"
        );
        let err = volunteers::enrol(&mut world.store, &c.national, &saved.volunteer.id)
            .expect_err("an ineligible person is never enrolled");
        assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, "not_eligible"),
            "even a national administrator cannot enrol {citizenship}"
        );
    }
    assert_eq!(
        world.count("volunteers WHERE status = 'enrolled'"),
        0,
        "no refused enrolment changed a status"
    );
}

#[test]
fn no_rule_set_can_switch_off_the_citizenship_rule() {
    let mut world = World::new();
    let c = cast(&mut world);
    let mut form = volunteer_form(&c.akmola_district, "Петров", "Пётр", "1990-01-01", 1);
    form.citizenship = "stateless".into();
    volunteers::register(&mut world.store, &c.national, form).unwrap();
    let report = volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 100,
            excluded_health: vec![],
        },
    )
    .expect("the widest rules publish");
    assert_eq!(
        report.changes.len(),
        0,
        "the stateless applicant stays ineligible"
    );
    let err = volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 16,
            max_age: 60,
            excluded_health: vec![],
        },
    )
    .expect_err("no rule set admits minors");
    assert_eq!(
        err.fields[0].rule, "out_of_range",
        "the minimum age cannot go below 18"
    );
}

#[test]
fn age_bounds_are_inclusive_on_the_local_birthday() {
    // 22 Nov 2026 06:00 UTC is 11:00 in Kazakhstan.
    let mut world = World::new();
    let c = cast(&mut world);
    let cases = [
        (
            "2008-11-22",
            Status::Eligible,
            "18 today: eligible on the 18th birthday",
        ),
        (
            "2008-11-23",
            Status::Ineligible,
            "18 tomorrow: still a minor",
        ),
        (
            "1965-11-23",
            Status::Eligible,
            "60 until tomorrow: within the maximum",
        ),
        (
            "1965-11-22",
            Status::Ineligible,
            "61 today: above the maximum",
        ),
    ];
    for (serial, (birth, status, why)) in cases.into_iter().enumerate() {
        let form = volunteer_form(
            &c.akmola_district,
            "Нұрланов",
            "Арман",
            birth,
            serial as u16,
        );
        let saved = volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
        assert_eq!(saved.volunteer.status, status, "{why}");
    }
}

#[test]
fn the_birthday_begins_at_local_midnight_not_utc_midnight() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(
        &c.akmola_district,
        "Бекмұхамедов",
        "Санжар",
        "2008-11-23",
        1,
    );
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    assert_eq!(
        failed_codes(&saved),
        vec!["below_min_age"],
        "17 on 22 November"
    );
    // 22 Nov 19:30 UTC is 23 Nov 00:30 in Kazakhstan: the 18th birthday has begun.
    world.clock.advance(Duration::minutes(13 * 60 + 30));
    let enrolled = volunteers::enrol(&mut world.store, &c.akmola_operator, &saved.volunteer.id)
        .expect("enrolment re-evaluates: 18 by local time");
    assert_eq!(
        enrolled.status,
        Status::Enrolled,
        "enrolled on the local birthday"
    );
}

#[test]
fn a_leap_day_birth_comes_of_age_on_28_february_in_a_common_year() {
    // 27 Feb 2026 20:00 UTC = 28 Feb 01:00 local.
    let mut world = World::at(Utc.with_ymd_and_hms(2026, 2, 27, 20, 0, 0).unwrap());
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Ғабдуллин", "Ғалым", "2008-02-29", 1);
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    assert_eq!(
        saved.volunteer.status,
        Status::Eligible,
        "born 29 Feb 2008: 18 on 28 Feb 2026 (the month's last day)"
    );
    let form = volunteer_form(&c.akmola_district, "Ғабдуллин", "Ерғали", "2008-03-01", 2);
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    assert_eq!(
        saved.volunteer.status,
        Status::Ineligible,
        "born 1 Mar 2008: 17 on 28 Feb"
    );
}

/// Publishes rules (version 2) that exclude health category Д.
fn exclude_category_d(world: &mut World, c: &common::Cast) {
    volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 60,
            excluded_health: vec![HealthCategory::D],
        },
    )
    .expect("rules excluding category Д publish");
}

fn applicant_of_category_d(c: &common::Cast) -> volunteers::VolunteerInput {
    let mut form = volunteer_form(&c.akmola_district, "Омаров", "Ербол", "1990-01-01", 1);
    form.health_category = Some(HealthCategory::D);
    form
}

#[test]
fn excluded_health_categories_make_ineligible() {
    let mut world = World::new();
    let c = cast(&mut world);
    exclude_category_d(&mut world, &c);
    let form = applicant_of_category_d(&c);
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    assert_eq!(
        failed_codes(&saved),
        vec!["health_excluded"],
        "category Д is excluded"
    );
    assert_eq!(
        saved.decision.rule_set_version, 2,
        "the decision names the new version"
    );
}

#[test]
fn publishing_re_evaluates_everyone_and_flags_enrolled_volunteers_for_review() {
    let mut world = World::new();
    let c = cast(&mut world);
    let register = |world: &mut World, name: &str, birth: &str, serial: u16| {
        let form = volunteer_form(&c.akmola_district, "Сәрсенбаев", name, birth, serial);
        volunteers::register(&mut world.store, &c.akmola_operator, form)
            .unwrap()
            .volunteer
            .id
    };
    let young = register(&mut world, "Айбек", "2000-01-01", 1);
    let older_enrolled = register(&mut world, "Қайрат", "1975-01-01", 2);
    let older_applicant = register(&mut world, "Мұрат", "1974-01-01", 3);
    volunteers::enrol(&mut world.store, &c.akmola_operator, &older_enrolled).unwrap();

    let denied = volunteers::publish_rules(
        &mut world.store,
        &c.akmola_admin,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 45,
            excluded_health: vec![],
        },
    )
    .expect_err("only national administrators publish rules");
    assert_eq!(denied.reason, "role", "a regional admin is refused by role");

    let report = volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 45,
            excluded_health: vec![],
        },
    )
    .expect("a national administrator publishes version 2");
    assert_eq!(report.rule_set.version, 2, "versions count up");
    assert_eq!(
        report.evaluated, 3,
        "everyone not discharged is re-evaluated"
    );
    assert_eq!(
        report.changes.len(),
        2,
        "the two older volunteers are affected"
    );
    let enrolled = report
        .changes
        .iter()
        .find(|ch| ch.volunteer_id == older_enrolled)
        .expect("the enrolled volunteer is in the report");
    assert_eq!(
        (enrolled.from, enrolled.to, enrolled.review_flag),
        (Status::Enrolled, Status::Enrolled, true),
        "an enrolled volunteer who no longer qualifies is flagged, never silently discharged"
    );
    assert_eq!(
        enrolled.failed_rules[0].code, "above_max_age",
        "the report says why"
    );
    let applicant = report
        .changes
        .iter()
        .find(|ch| ch.volunteer_id == older_applicant)
        .unwrap();
    assert_eq!(
        (applicant.from, applicant.to),
        (Status::Eligible, Status::Ineligible),
        "an eligible applicant becomes ineligible"
    );
    let detail = volunteers::get(&world.store, &c.akmola_operator, &young).unwrap();
    assert_eq!(
        (
            detail.decisions[0].rule_set_version,
            detail.decisions[0].outcome
        ),
        (2, EligibilityOutcome::Eligible),
        "every re-evaluation is stored under the new version"
    );
    let err = volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2027-01-01".into(),
            min_age: 18,
            max_age: 60,
            excluded_health: vec![],
        },
    )
    .expect_err("a future effective date is refused");
    assert_eq!(err.fields[0].rule, "effective_date_future", "named rule");
    assert_eq!(
        world.count("rule_sets"),
        2,
        "the refused version was not stored"
    );
}

#[test]
fn a_damaged_rule_set_refuses_the_decision_instead_of_admitting() {
    let mut world = World::new();
    let c = cast(&mut world);
    exclude_category_d(&mut world, &c);
    // The stored list of excluded categories is cut short, as a damaged file would leave it.
    world
        .store
        .conn()
        .execute(
            "UPDATE rule_sets SET excluded_health = '[\"d\"' WHERE version = 2",
            [],
        )
        .unwrap();
    let before = world.count("volunteers");
    let form = applicant_of_category_d(&c);
    let err = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .expect_err("rules that cannot be read decide nothing");
    assert_eq!(
        err.code,
        ErrorCode::Internal,
        "an unreadable rule set is an internal error, not an empty exclusion list that admits category Д"
    );
    assert_eq!(
        world.count("volunteers"),
        before,
        "nothing is registered on rules that cannot be read"
    );
}

#[test]
fn a_damaged_health_category_stops_re_evaluation_instead_of_passing_the_health_rule() {
    let mut world = World::new();
    let c = cast(&mut world);
    let saved = volunteers::register(
        &mut world.store,
        &c.akmola_operator,
        applicant_of_category_d(&c),
    )
    .unwrap();
    assert_eq!(
        saved.volunteer.status,
        Status::Eligible,
        "category Д is not excluded by the default rules"
    );
    // The schema's CHECK keeps the app from writing this; a file damaged or edited outside it
    // is another matter.
    let conn = world.store.conn();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    conn.execute(
        "UPDATE volunteers SET health_category = 'д?' WHERE id = ?",
        [&saved.volunteer.id],
    )
    .unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = OFF")
        .unwrap();
    let err = volunteers::publish_rules(
        &mut world.store,
        &c.national,
        NewRuleSet {
            effective_date: "2026-11-22".into(),
            min_age: 18,
            max_age: 60,
            excluded_health: vec![HealthCategory::D],
        },
    )
    .expect_err("rules cannot be applied to a category that does not read");
    assert_eq!(
        err.code,
        ErrorCode::Internal,
        "an unreadable category is an internal error, not 'no category', which passes the health rule"
    );
    assert_eq!(
        world.count("rule_sets"),
        1,
        "the new rules are not published over a row they could not judge"
    );
}
