//! Building call-out lists: scope expansion (units with their sub-units, regions,
//! directions), assembly points, and the volunteers listed apart with their reasons.

mod common;

use common::mobilisation::{exercise, ids, item, list, mark, sorted, town, Town};
use jasaq::access::Actor;
use jasaq::mobilisation::{self, Activation, ActivationReport, Exclusion, Response, ScopeKind};
use jasaq::volunteers::{self, UnavailabilityInput, UnavailabilityKind};

#[test]
fn a_unit_scope_takes_its_sub_units_and_nothing_above() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id.clone())]);
    let rows = list(&t, &n, &id);
    assert_eq!(
        ids(&rows),
        sorted(vec![
            t.a1.clone(),
            t.a2.clone(),
            t.a3.clone(),
            t.z1.clone(),
            t.old.clone(),
            t.away.clone()
        ]),
        "the company and its platoon are called; the brigade HQ above and Karaganda are not"
    );
    let detail = mobilisation::get_activation(&t.world.store, &n, &id).unwrap();
    let mut units: Vec<&str> = detail.units.iter().map(|u| u.unit_name.as_str()).collect();
    units.sort();
    assert_eq!(
        units,
        vec!["1-й взвод", "1-я рота"],
        "the scope expanded to the company and its platoon"
    );
    assert!(
        detail
            .units
            .iter()
            .all(|u| u.assembly_point == "Көкшетау, стадион"),
        "units without their own assembly point take the activation's"
    );
}

#[test]
fn a_region_and_a_direction_expand_to_their_units() {
    let mut t = town();
    let n = t.c.national.clone();
    let region = t.activated(&n, vec![item(ScopeKind::Region, common::AKMOLA)]);
    assert_eq!(
        ids(&list(&t, &n, &region)),
        sorted(vec![
            t.a1.clone(),
            t.a2.clone(),
            t.a3.clone(),
            t.z1.clone(),
            t.hq.clone(),
            t.old.clone(),
            t.away.clone()
        ]),
        "a whole region calls every unit of it, the brigade HQ included"
    );
    let mut input = exercise(vec![item(ScopeKind::Direction, "china")]);
    input.order_number = "18-ТО".into();
    let d = mobilisation::declare(&mut t.world.store, &n, input).unwrap();
    mobilisation::activate(&mut t.world.store, &n, &d.id).unwrap();
    assert_eq!(
        ids(&list(&t, &n, &d.id)),
        vec![t.k1.clone()],
        "the China direction reaches only the Karaganda unit facing it"
    );
}

#[test]
fn a_chosen_unit_keeps_its_own_assembly_point_for_its_sub_units() {
    let mut t = town();
    let n = t.c.national.clone();
    let mut company = item(ScopeKind::Unit, &t.company.id);
    company.assembly_point = Some("Бурабай, мектеп".into());
    company.report_by = Some("2026-12-05 11:00".into());
    let id = t.activated(&n, vec![company, item(ScopeKind::Region, common::AKMOLA)]);
    let detail = mobilisation::get_activation(&t.world.store, &n, &id).unwrap();
    let point = |name: &str| {
        detail
            .units
            .iter()
            .find(|u| u.unit_name == name)
            .map(|u| (u.assembly_point.clone(), u.report_by.clone()))
            .unwrap()
    };
    assert_eq!(
        point("1-й взвод"),
        ("Бурабай, мектеп".to_owned(), "2026-12-05T06:00:00.000Z".to_owned()),
        "the platoon assembles where its chosen company does, by its time (11:00 UTC+5 = 06:00 UTC)"
    );
    assert_eq!(
        point("11-я бригада").0,
        "Көкшетау, стадион",
        "the brigade, reached by region, takes the default"
    );
}

/// Declares and activates an exercise for the town's company; returns it and the report.
fn activate_company(t: &mut Town, actor: &Actor) -> (Activation, ActivationReport) {
    let declared = mobilisation::declare(
        &mut t.world.store,
        actor,
        exercise(vec![item(ScopeKind::Unit, &t.company.id)]),
    )
    .unwrap();
    let report = mobilisation::activate(&mut t.world.store, actor, &declared.id).unwrap();
    (declared, report)
}

/// Unavailability is matched after the list is written (migration 0015's activation): only
/// spans overlapping the days from declaration to report-by count, the earliest of several is
/// named, and a volunteer already listed apart as ineligible keeps that reason.
#[test]
fn unavailability_names_the_earliest_overlapping_span_and_never_hides_ineligibility() {
    let mut t = town();
    let n = t.c.national.clone();
    let span = |volunteer: &str, from: &str, to: &str, kind| UnavailabilityInput {
        volunteer_id: volunteer.into(),
        from_date: from.into(),
        to_date: to.into(),
        kind,
        note: None,
    };
    for input in [
        // The declaration's day is 2026-12-05 (local): the away volunteer's illness of
        // 12-04..12-10 overlaps; so does this earlier leave, which is the one named.
        span(
            &t.away,
            "2026-12-01",
            "2026-12-05",
            UnavailabilityKind::Leave,
        ),
        // Ends the day before: not unavailable.
        span(&t.a1, "2026-11-20", "2026-12-04", UnavailabilityKind::Work),
        // Starts the day after: not unavailable either.
        span(&t.a2, "2026-12-06", "2026-12-09", UnavailabilityKind::Work),
        // Past the maximum age and away: the ineligibility is what the list says.
        span(
            &t.old,
            "2026-12-05",
            "2026-12-05",
            UnavailabilityKind::Other,
        ),
    ] {
        volunteers::declare_unavailability(&mut t.world.store, &n, input).unwrap();
    }
    let (declared, report) = activate_company(&mut t, &n);
    assert_eq!(
        (report.called, report.ineligible, report.unavailable),
        (4, 1, 1),
        "the counts, from the running totals, agree with the rows below"
    );
    let rows = list(&t, &n, &declared.id);
    let row = |v: &str| rows.iter().find(|r| r.volunteer_id == v).unwrap().clone();
    let away = row(&t.away);
    assert_eq!(away.excluded, Some(Exclusion::Unavailable));
    assert_eq!(
        away.exclusion_detail.as_deref(),
        Some("leave 2026-12-01..2026-12-05"),
        "the earliest overlapping span is named"
    );
    assert_eq!(row(&t.a1).excluded, None, "a span ending the day before");
    assert_eq!(row(&t.a2).excluded, None, "a span starting the day after");
    let old = row(&t.old);
    assert_eq!(
        (old.excluded, old.exclusion_detail.as_deref()),
        (Some(Exclusion::Ineligible), Some("above_max_age")),
        "ineligibility comes first"
    );
}

#[test]
fn the_ineligible_and_the_unavailable_are_listed_apart_with_the_reason() {
    let mut t = town();
    let n = t.c.national.clone();
    let (declared, report) = activate_company(&mut t, &n);
    assert_eq!(
        (report.called, report.ineligible, report.unavailable),
        (4, 1, 1),
        "four called, two listed apart"
    );
    let rows = list(&t, &n, &declared.id);
    let old = rows
        .iter()
        .find(|r| r.volunteer_id == t.old)
        .expect("the 61-year-old is on the list, not dropped");
    assert_eq!(
        old.excluded,
        Some(Exclusion::Ineligible),
        "past the maximum age on the day of the activation"
    );
    assert_eq!(
        old.exclusion_detail.as_deref(),
        Some("above_max_age"),
        "the failed rule is named"
    );
    let away = rows
        .iter()
        .find(|r| r.volunteer_id == t.away)
        .expect("the ill volunteer is listed");
    assert_eq!(
        away.excluded,
        Some(Exclusion::Unavailable),
        "declared unavailability lists them apart"
    );
    assert_eq!(
        away.exclusion_detail.as_deref(),
        Some("illness 2026-12-04..2026-12-10"),
        "with kind and days"
    );
    let a1 = rows.iter().find(|r| r.volunteer_id == t.a1).unwrap();
    assert_eq!(
        a1.phone, "+77012345678",
        "the phone on file is on the list for the district office"
    );
    assert_eq!(a1.unit_name, "1-я рота", "with the unit");
    assert_eq!(a1.position, "rifleman", "and the position");
    t.at_local(11, 0);
    let old_id = t.old.clone();
    let err = mark(
        &mut t,
        &n,
        &declared.id,
        &old_id,
        Response::Reported,
        None,
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "volunteer_excluded",
        "a row listed apart takes no answer"
    );
}
