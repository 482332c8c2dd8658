//! Activations, role by role: only administrators declare, activate and close, a regional
//! administrator only in their region, and refusals write nothing; every role lists and reads
//! exactly the activations of its region, and a district operator's call-out list holds only
//! their district's volunteers.

#[path = "common/access.rs"]
mod access;
mod common;

use access::{assert_refused, audited_step, everyone, fingerprint};
use common::mobilisation::{exercise, item, town};
use jasaq::mobilisation::{self, CallListQuery, FigureGroup, FigureQuery, ScopeKind};
use jasaq::ErrorCode;

#[test]
fn only_administrators_declare_activate_and_close_and_only_in_their_region() {
    let mut t = town();
    let c = &t.c;
    let (national, akmola, karaganda) = (
        c.national.clone(),
        c.akmola_admin.clone(),
        c.karaganda_admin.clone(),
    );
    let company = vec![item(ScopeKind::Unit, &t.company.id)];
    let readers = [
        ("national viewer", c.national_viewer.clone()),
        ("Akmola viewer", c.akmola_viewer.clone()),
        ("Akmola district operator", c.akmola_operator.clone()),
    ];

    for (who, actor) in &readers {
        let before = fingerprint(&t.world);
        assert_refused(
            mobilisation::declare(&mut t.world.store, actor, exercise(company.clone())),
            ErrorCode::Forbidden,
            "role",
            &format!("the {who} declares nothing"),
        );
        assert_eq!(
            fingerprint(&t.world),
            before,
            "the {who}'s refusal writes nothing"
        );
    }
    let before = fingerprint(&t.world);
    assert_refused(
        mobilisation::declare(&mut t.world.store, &karaganda, exercise(company.clone())),
        ErrorCode::Forbidden,
        "out_of_scope",
        "another region's unit is not called out by a regional admin",
    );
    assert_eq!(fingerprint(&t.world), before, "that refusal writes nothing");

    let draft = audited_step(&mut t.world, &akmola, "activation.declare", |s, a| {
        mobilisation::declare(s, a, exercise(company.clone()))
    });
    let managers_refused = [
        ("national viewer", c.national_viewer.clone(), "role"),
        ("Akmola viewer", c.akmola_viewer.clone(), "role"),
        (
            "Akmola district operator",
            c.akmola_operator.clone(),
            "role",
        ),
        ("Karaganda admin", karaganda.clone(), "out_of_scope"),
    ];
    for (who, actor, reason) in &managers_refused {
        let before = fingerprint(&t.world);
        assert_refused(
            mobilisation::activate(&mut t.world.store, actor, &draft.id),
            ErrorCode::Forbidden,
            reason,
            &format!("the {who} does not activate Akmola's draft"),
        );
        assert_eq!(
            fingerprint(&t.world),
            before,
            "the {who}'s refusal writes nothing"
        );
    }
    audited_step(&mut t.world, &akmola, "activation.activate", |s, a| {
        mobilisation::activate(s, a, &draft.id)
    });
    for (who, actor, reason) in &managers_refused {
        let before = fingerprint(&t.world);
        assert_refused(
            mobilisation::close(&mut t.world.store, actor, &draft.id),
            ErrorCode::Forbidden,
            reason,
            &format!("the {who} does not close Akmola's activation"),
        );
        assert_eq!(
            fingerprint(&t.world),
            before,
            "the {who}'s refusal writes nothing"
        );
    }
    audited_step(&mut t.world, &national, "activation.close", |s, a| {
        mobilisation::close(s, a, &draft.id)
    });
}

#[test]
fn every_role_reads_exactly_the_activations_and_call_out_rows_of_its_scope() {
    let mut t = town();
    let n = t.c.national.clone();
    let akmola = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let karaganda = t.activated(&n, vec![item(ScopeKind::Unit, &t.east.id)]);
    let all_rows = |t: &common::mobilisation::Town, id: &str| {
        let mut rows: Vec<(String, String)> = mobilisation::call_list(
            &t.world.store,
            &t.c.national,
            &CallListQuery {
                activation_id: id.into(),
                ..CallListQuery::default()
            },
        )
        .expect("the national admin reads every call-out list")
        .into_iter()
        .map(|r| (r.volunteer_id, r.district_id))
        .collect();
        rows.sort();
        rows
    };
    let akmola_rows = all_rows(&t, &akmola);
    assert!(
        akmola_rows
            .iter()
            .any(|(_, d)| *d == t.c.akmola_other_district.id),
        "Akmola's call-out reaches another district too (so the operator's filter shows)"
    );
    let karaganda_rows = all_rows(&t, &karaganda);
    let district = t.c.akmola_district.id.clone();

    // (role, sees Akmola's activation, sees Karaganda's, only the operator's district)
    let expected = [
        ("national admin", true, true, false),
        ("national viewer", true, true, false),
        ("Akmola admin", true, false, false),
        ("Akmola viewer", true, false, false),
        ("Akmola district operator", true, false, true),
        ("Karaganda admin", false, true, false),
    ];
    for ((who, actor), (role, sees_akmola, sees_karaganda, own_district)) in
        everyone(&t.c).into_iter().zip(expected)
    {
        assert_eq!(who, role, "the table lists the cast in order");
        let mut listed: Vec<String> = mobilisation::list_activations(&t.world.store, &actor)
            .expect("every role lists activations")
            .into_iter()
            .map(|a| a.id)
            .collect();
        listed.sort();
        let mut want: Vec<String> = [(&akmola, sees_akmola), (&karaganda, sees_karaganda)]
            .into_iter()
            .filter(|(_, sees)| *sees)
            .map(|(id, _)| id.clone())
            .collect();
        want.sort();
        assert_eq!(
            listed, want,
            "the {who} lists the activations of their scope only"
        );

        for (id, sees, rows) in [
            (&akmola, sees_akmola, &akmola_rows),
            (&karaganda, sees_karaganda, &karaganda_rows),
        ] {
            let detail = mobilisation::get_activation(&t.world.store, &actor, id);
            let list = mobilisation::call_list(
                &t.world.store,
                &actor,
                &CallListQuery {
                    activation_id: id.clone(),
                    ..CallListQuery::default()
                },
            );
            let figures = mobilisation::figures(
                &t.world.store,
                &actor,
                &FigureQuery {
                    activation_id: id.clone(),
                    group: FigureGroup::Unit,
                    region_id: None,
                    threshold_percent: None,
                },
            );
            if !sees {
                for (read, result) in [
                    ("get_activation", detail.map(drop)),
                    ("call_list", list.map(drop)),
                    ("figures", figures.map(drop)),
                ] {
                    assert_refused(
                        result,
                        ErrorCode::Forbidden,
                        "out_of_scope",
                        &format!("{read}: the {who} reads no other region's activation"),
                    );
                }
                continue;
            }
            assert!(
                detail.is_ok(),
                "the {who} reads an activation in scope: {detail:?}"
            );
            assert!(figures.is_ok(), "the {who} reads its figures: {figures:?}");
            let mut got: Vec<(String, String)> = list
                .expect("the call-out list is read in scope")
                .into_iter()
                .map(|r| (r.volunteer_id, r.district_id))
                .collect();
            got.sort();
            let want: Vec<(String, String)> = rows
                .iter()
                .filter(|(_, d)| !own_district || *d == district)
                .cloned()
                .collect();
            assert_eq!(
                got, want,
                "the {who}'s call-out list holds exactly the volunteers of their scope"
            );
        }
    }
}
