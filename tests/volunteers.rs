//! Registering and correcting volunteers: normalisation, IIN warnings, the unique IIN in and
//! out of scope, likely duplicates, bad input (nothing written), history, enrol and discharge.

mod common;

use common::{cast, iin, volunteer_form, World};
use jasaq::identity::Sex;
use jasaq::volunteers::{
    self, DischargeInput, HealthCategory, SkillInput, Status, UpdateVolunteer,
};
use jasaq::ErrorCode;

#[test]
fn a_kazakh_citizen_is_registered_normalised_evaluated_and_audited() {
    let mut world = World::new();
    let c = cast(&mut world);
    let mut form = volunteer_form(&c.akmola_district, " Сейітов ", "Ерлан", "1990-05-17", 10);
    form.phone = "+7 (701) 234-56-78".into();
    form.email = Some("Erlan@Mail.KZ".into());
    form.skills = vec![SkillInput {
        code: "driver".into(),
        licence_categories: vec!["b".into(), "C".into()],
        certificate_number: Some("AB 123".into()),
        certificate_expiry: Some("2030-01-01".into()),
    }];
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .expect("a complete form of a citizen registers");
    let v = &saved.volunteer;
    assert_eq!(v.phone, "+77012345678", "phones are stored in E.164");
    assert_eq!(
        v.email.as_deref(),
        Some("erlan@mail.kz"),
        "emails are stored in lower case"
    );
    assert_eq!(v.surname, "Сейітов", "names are trimmed");
    assert_eq!(
        v.status,
        Status::Eligible,
        "an adult citizen becomes eligible on save"
    );
    assert!(
        saved.warnings.is_empty(),
        "IIN and entered data agree: no warning"
    );
    assert_eq!(
        saved.decision.rule_set_version, 1,
        "the seeded rule set decides"
    );
    assert_eq!(
        v.skills[0].licence_categories,
        vec!["B".to_owned(), "C".to_owned()],
        "licence categories are upper-cased and sorted"
    );
    assert_eq!(
        world.audit_count("volunteer.create"),
        1,
        "the registration is audited"
    );
    assert_eq!(
        world.count("eligibility_decisions"),
        1,
        "every save stores a decision"
    );
}

#[test]
fn birth_date_and_sex_come_from_the_iin_and_a_mismatch_is_only_a_warning() {
    let mut world = World::new();
    let c = cast(&mut world);
    let mut form = volunteer_form(&c.akmola_district, "Жұмабаева", "Айгүл", "1995-03-08", 5);
    form.iin = iin("1995-03-08", Sex::Female, 5);
    form.birth_date = None;
    form.sex = None;
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .expect("birth date and sex may be taken from the IIN");
    assert_eq!(
        saved.volunteer.birth_date, "1995-03-08",
        "birth date proposed by the IIN"
    );
    assert_eq!(saved.volunteer.sex, Sex::Female, "sex proposed by the IIN");

    let mut form = volunteer_form(&c.akmola_district, "Оспанов", "Нұрлан", "1991-01-01", 7);
    form.iin = iin("1992-02-02", Sex::Female, 7);
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .expect("an IIN that does not match the holder's data is allowed since 2013");
    let rules: Vec<&str> = saved.warnings.iter().map(|w| w.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec!["iin_birth_date_mismatch", "iin_sex_mismatch"],
        "both differences are reported as warnings"
    );
    assert_eq!(
        saved.volunteer.birth_date, "1991-01-01",
        "the entered birth date is kept"
    );
}

#[test]
fn a_registered_iin_is_a_conflict_that_names_the_record_only_in_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Қасымов", "Асқар", "1988-07-01", 1);
    let first = volunteers::register(&mut world.store, &c.akmola_operator, form.clone())
        .expect("first registration");

    let err = volunteers::register(&mut world.store, &c.akmola_admin, form.clone())
        .expect_err("the IIN is unique across the registry");
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Conflict, "iin_registered"),
        "in scope: a plain conflict"
    );
    assert_eq!(
        err.params.get("volunteer_id"),
        Some(&first.volunteer.id),
        "in scope, the conflict links the existing record"
    );

    let mut elsewhere = form.clone();
    elsewhere.region_id = c.karaganda_district.region_id.clone();
    elsewhere.district_id = c.karaganda_district.id.clone();
    let err = volunteers::register(&mut world.store, &c.karaganda_admin, elsewhere)
        .expect_err("the IIN is taken in another region");
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Conflict, "iin_registered_elsewhere"),
        "out of scope: only 'registered elsewhere'"
    );
    assert!(
        err.params.is_empty() && !err.message.contains(&first.volunteer.id),
        "nothing about an out-of-scope record leaks: {err:?}"
    );
    assert_eq!(
        world.count("volunteers"),
        1,
        "neither refused attempt wrote a row"
    );
}

#[test]
fn same_name_and_birth_date_with_another_iin_is_flagged_and_can_be_resolved() {
    let mut world = World::new();
    let c = cast(&mut world);
    let first = volunteer_form(&c.akmola_district, "Ахметов", "Серік", "1985-09-09", 1);
    let mut second = volunteer_form(&c.akmola_district, "АХМЕТОВ", "серік", "1985-09-09", 400);
    second.phone = "87015556677".into();
    volunteers::register(&mut world.store, &c.akmola_operator, first).unwrap();
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, second)
        .expect("a likely duplicate is still saved");
    assert_eq!(
        saved.likely_duplicates, 1,
        "the save reports the likely duplicate"
    );
    let queue = volunteers::list_duplicates(&world.store, &c.akmola_operator).unwrap();
    assert_eq!(queue.len(), 1, "the pair is in the review queue");
    let other_region = volunteers::list_duplicates(&world.store, &c.karaganda_admin).unwrap();
    assert!(
        other_region.is_empty(),
        "another region's queue does not show the pair"
    );
    volunteers::resolve_duplicate(&mut world.store, &c.akmola_operator, &queue[0].id)
        .expect("an operator resolves the pair as not a duplicate");
    assert!(
        volunteers::list_duplicates(&world.store, &c.akmola_operator)
            .unwrap()
            .is_empty(),
        "a resolved pair leaves the queue"
    );
    assert_eq!(
        world.audit_count("duplicate.resolve"),
        1,
        "the resolution is audited"
    );
}

#[test]
fn bad_input_gets_field_errors_and_writes_nothing() {
    let mut world = World::new();
    let c = cast(&mut world);
    let base = volunteer_form(&c.akmola_district, "Серікбаев", "Дәурен", "1990-01-01", 3);
    let long_name = "А".repeat(10_000);
    type Edit = Box<dyn Fn(&mut volunteers::VolunteerInput)>;
    let cases: Vec<(&str, Edit, &str, &str)> = vec![
        (
            "wrong check digit",
            Box::new(|f| {
                let last = f.iin.pop().unwrap().to_digit(10).unwrap();
                f.iin.push(char::from_digit((last + 1) % 10, 10).unwrap());
            }),
            "iin",
            "iin_check_digit",
        ),
        (
            "11 digits",
            Box::new(|f| {
                f.iin.pop();
            }),
            "iin",
            "iin_length",
        ),
        (
            "13 digits",
            Box::new(|f| f.iin.push('1')),
            "iin",
            "iin_length",
        ),
        (
            "letters in the IIN",
            Box::new(|f| f.iin.replace_range(0..1, "A")),
            "iin",
            "iin_digits",
        ),
        (
            "birth date in the future",
            Box::new(|f| f.birth_date = Some("2027-01-01".into())),
            "birth_date",
            "birth_date_future",
        ),
        (
            "unreasonable birth date",
            Box::new(|f| f.birth_date = Some("1850-01-01".into())),
            "birth_date",
            "birth_date_implausible",
        ),
        (
            "invalid email",
            Box::new(|f| f.email = Some("not-an-email".into())),
            "email",
            "email",
        ),
        (
            "invalid phone",
            Box::new(|f| f.phone = "+7 916 123 45 67".into()),
            "phone",
            "phone_format",
        ),
        (
            "unknown skill",
            Box::new(|f| {
                f.skills = vec![SkillInput {
                    code: "astronaut".into(),
                    ..Default::default()
                }]
            }),
            "skills.0.code",
            "unknown_skill",
        ),
        (
            "10,000-character name",
            Box::new(move |f| f.surname = long_name.clone()),
            "surname",
            "too_long",
        ),
        (
            "digits in a name",
            Box::new(|f| f.given_name = "R2D2".into()),
            "given_name",
            "name_format",
        ),
        (
            "bad citizenship",
            Box::new(|f| f.citizenship = "Kazakhstan".into()),
            "citizenship",
            "citizenship_format",
        ),
        (
            "licence on a medic",
            Box::new(|f| {
                f.skills = vec![SkillInput {
                    code: "medic".into(),
                    licence_categories: vec!["B".into()],
                    ..Default::default()
                }]
            }),
            "skills.0.licence_categories",
            "licence_not_applicable",
        ),
    ];
    for (what, edit, field, rule) in cases {
        let mut form = base.clone();
        edit(&mut form);
        let err = volunteers::register(&mut world.store, &c.akmola_operator, form).expect_err(what);
        assert_eq!(
            err.code,
            ErrorCode::Validation,
            "{what} is a validation error"
        );
        assert!(
            err.fields
                .iter()
                .any(|f| f.field == field && f.rule == rule),
            "{what} must name {field}/{rule}, got {:?}",
            err.fields
        );
    }

    let mut other = base.clone();
    other.district_id = c.akmola_other_district.id.clone();
    let err = volunteers::register(&mut world.store, &c.akmola_operator, other)
        .expect_err("an operator may not register into another district");
    assert!(
        err.fields
            .iter()
            .any(|f| f.field == "district_id" && f.rule == "out_of_scope"),
        "another district's id is a field-level error: {:?}",
        err.fields
    );
    assert_eq!(
        world.count("volunteers"),
        0,
        "no invalid form wrote a volunteer"
    );
    assert_eq!(world.count("volunteer_skills"), 0, "nor a skill");
    assert_eq!(world.count("eligibility_decisions"), 0, "nor a decision");
    assert_eq!(
        world.audit_count("volunteer.create"),
        0,
        "nor an audit entry"
    );
    let indexed: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM volunteer_search WHERE volunteer_search MATCH 'дәурен'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(indexed, 0, "nor a search-index entry");
}

#[test]
fn an_edit_is_re_evaluated_and_appears_in_the_history() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Мұқанов", "Талғат", "1980-04-04", 2);
    let saved = volunteers::register(&mut world.store, &c.akmola_operator, form.clone()).unwrap();
    let mut edited = form;
    edited.phone = "+7 777 000 11 22".into();
    edited.health_category = Some(HealthCategory::A);
    let after = volunteers::update(
        &mut world.store,
        &c.akmola_operator,
        UpdateVolunteer {
            id: saved.volunteer.id.clone(),
            volunteer: edited,
        },
    )
    .expect("the operator corrects the phone");
    assert_eq!(
        after.volunteer.phone, "+77770001122",
        "the new phone is stored normalised"
    );
    let detail = volunteers::get(&world.store, &c.akmola_operator, &saved.volunteer.id).unwrap();
    assert_eq!(detail.decisions.len(), 2, "each save stores a decision");
    let actions: Vec<&str> = detail.history.iter().map(|h| h.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["volunteer.create", "volunteer.update"],
        "the history lists both saves"
    );
    let last = detail.history.last().unwrap();
    assert!(
        last.before.as_deref().unwrap().contains("+77012345678")
            && last.after.as_deref().unwrap().contains("+77770001122"),
        "the history shows the phone before and after"
    );
}

#[test]
fn enrolment_and_discharge_keep_the_record() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Тоқаев", "Марат", "1979-12-12", 8);
    let id = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .unwrap()
        .volunteer
        .id;
    let enrolled = volunteers::enrol(&mut world.store, &c.akmola_operator, &id)
        .expect("an eligible volunteer is enrolled");
    assert_eq!(enrolled.status, Status::Enrolled, "status is enrolled");
    let bad = volunteers::discharge(
        &mut world.store,
        &c.akmola_operator,
        DischargeInput {
            id: id.clone(),
            date: "2030-01-01".into(),
            reason: "".into(),
        },
    )
    .expect_err("a future date and no reason are refused");
    let rules: Vec<&str> = bad.fields.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(
        rules,
        vec!["date_future", "required"],
        "both problems are named"
    );
    let discharged = volunteers::discharge(
        &mut world.store,
        &c.akmola_operator,
        DischargeInput {
            id: id.clone(),
            date: "2026-11-20".into(),
            reason: "переезд".into(),
        },
    )
    .expect("an enrolled volunteer is discharged");
    assert_eq!(
        discharged.status,
        Status::Discharged,
        "status is discharged"
    );
    assert_eq!(
        discharged.discharged_on.as_deref(),
        Some("2026-11-20"),
        "the date is kept"
    );
    assert!(
        volunteers::get(&world.store, &c.akmola_operator, &id).is_ok(),
        "discharge keeps the record"
    );
}

#[test]
fn national_admins_edit_the_skills_catalogue_and_retired_skills_are_refused() {
    let mut world = World::new();
    let c = cast(&mut world);
    let draft = volunteers::SkillDraft {
        code: "Sapper".into(),
        name_kk: "Сапёр".into(),
        name_ru: "Сапёр".into(),
        name_en: "Sapper".into(),
        has_licence: false,
        retired: false,
    };
    let denied = volunteers::save_skill(&mut world.store, &c.akmola_admin, draft.clone())
        .expect_err("only national administrators edit the catalogue");
    assert_eq!(denied.reason, "role", "refused by role");
    let skill = volunteers::save_skill(&mut world.store, &c.national, draft.clone()).unwrap();
    assert_eq!(skill.code, "sapper", "codes are stored in lower case");
    let skills = volunteers::list_skills(&world.store, &c.akmola_viewer).unwrap();
    assert!(
        skills.iter().any(|s| s.code == "medic"),
        "the seeded catalogue is there"
    );
    volunteers::save_skill(
        &mut world.store,
        &c.national,
        volunteers::SkillDraft {
            retired: true,
            ..draft
        },
    )
    .unwrap();
    let mut form = volunteer_form(&c.akmola_district, "Мақашев", "Ерлан", "1990-01-01", 1);
    form.skills = vec![SkillInput {
        code: "sapper".into(),
        ..Default::default()
    }];
    let err = volunteers::register(&mut world.store, &c.akmola_operator, form)
        .expect_err("a retired skill cannot be given to a new record");
    assert_eq!(err.fields[0].rule, "unknown_skill", "named rule");
    assert_eq!(
        world.audit_count("skill.save"),
        2,
        "catalogue edits are audited"
    );
}
