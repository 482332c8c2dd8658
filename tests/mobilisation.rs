//! Mobilisation call-outs once the list is built (its building: mobilisation_lists.rs; reading
//! it: mobilisation_read.rs): declaring and closing within one's region, answer transitions
//! and undo, a frozen closed activation, the merge of a re-imported sheet, and the refusals of
//! bad input that write nothing.

mod common;

use common::mobilisation::{exercise, item, list, mark, town, undo_input, Town};
use jasaq::mobilisation::{self, MarkInput, Response, ScopeKind};
use jasaq::ErrorCode;

fn events(t: &Town) -> i64 {
    t.world.count("response_events")
}

#[test]
fn answers_move_forward_are_checked_and_undone() {
    let mut t = town();
    let n = t.c.national.clone();
    let op = t.c.akmola_operator.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let a1 = t.a1.clone();

    let before = events(&t);
    let audits = t.world.audit_count("activation.answer");
    let err = mark(
        &mut t,
        &op,
        &id,
        &a1,
        Response::Reported,
        Some("2026-12-05 08:59"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Validation,
        "a report before the declaration is refused"
    );
    assert_eq!(
        (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
        ("reported_at", "before_declared"),
        "naming the field"
    );
    let err = mark(
        &mut t,
        &op,
        &id,
        &a1,
        Response::Reported,
        Some("2026-12-05 15:00"),
        None,
    )
    .unwrap_err();
    assert_eq!(
        err.fields[0].rule, "datetime_future",
        "a report in the future is refused"
    );
    let err = mark(&mut t, &op, &id, &a1, Response::Excused, None, None).unwrap_err();
    assert_eq!(
        (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
        ("reason", "required"),
        "excused needs a reason"
    );
    assert_eq!(events(&t), before, "refusals write no answer");
    assert_eq!(
        t.world.audit_count("activation.answer"),
        audits,
        "and no audit entry"
    );

    let row = mark(&mut t, &op, &id, &a1, Response::WillReport, None, None).unwrap();
    assert_eq!(
        row.response,
        Response::WillReport,
        "the operator records 'will report'"
    );
    let row = mark(
        &mut t,
        &op,
        &id,
        &a1,
        Response::Reported,
        Some("2026-12-05 10:15"),
        None,
    )
    .unwrap();
    assert_eq!(
        row.reported_at.as_deref(),
        Some("2026-12-05T05:15:00.000Z"),
        "the local time is stored UTC"
    );
    let err = mark(&mut t, &op, &id, &a1, Response::Reported, None, None).unwrap_err();
    assert_eq!(
        err.reason, "already_marked",
        "marking the same answer twice is refused"
    );
    assert_eq!(
        t.world.audit_count("activation.answer"),
        audits + 2,
        "each answer is audited"
    );

    let undo = mobilisation::undo_last(&mut t.world.store, &op, undo_input(&id, None)).unwrap();
    assert_eq!(
        undo.undone,
        Response::Reported,
        "the operator's last mark is undone"
    );
    assert_eq!(
        undo.row.response,
        Response::WillReport,
        "the row returns to the answer before it"
    );
    assert_eq!(undo.row.reported_at, None, "with no report time");
    let undo =
        mobilisation::undo_last(&mut t.world.store, &op, undo_input(&id, Some(&a1))).unwrap();
    assert_eq!(
        undo.row.response,
        Response::Pending,
        "undoing the first answer leaves the row pending"
    );
    assert_eq!(
        events(&t),
        before + 2,
        "undone answers are kept in the log, not deleted"
    );
    let err = mobilisation::undo_last(&mut t.world.store, &op, undo_input(&id, None)).unwrap_err();
    assert_eq!(err.reason, "nothing_to_undo", "nothing is left to undo");
    assert_eq!(t.world.audit_count("activation.undo"), 2, "undo is audited");
}

#[test]
fn a_volunteer_outside_the_activation_or_the_operators_district_is_refused() {
    let mut t = town();
    let n = t.c.national.clone();
    let op = t.c.akmola_operator.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let (k1, hq, z1) = (t.k1.clone(), t.hq.clone(), t.z1.clone());
    let before = events(&t);
    let err = mark(&mut t, &n, &id, &k1, Response::Reported, None, None).unwrap_err();
    assert_eq!(
        (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
        ("volunteer", "not_in_activation"),
        "Karaganda's volunteer is not on this list"
    );
    let err = mark(&mut t, &n, &id, &hq, Response::Reported, None, None).unwrap_err();
    assert_eq!(
        err.fields[0].rule, "not_in_activation",
        "nor is the brigade HQ above the company"
    );
    let err = mark(&mut t, &op, &id, &z1, Response::Reported, None, None).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "the Burabay operator does not work Zerendi's rows"
    );
    let err = mobilisation::mark(
        &mut t.world.store,
        &n,
        MarkInput {
            activation_id: id.clone(),
            volunteer_id: None,
            iin: Some("061211600012".into()),
            response: Response::Reported,
            reported_at: None,
            reason: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
        ("iin", "unknown_iin"),
        "an IIN of nobody registered is named"
    );
    assert_eq!(events(&t), before, "nothing is written");
}

#[test]
fn a_closed_activation_is_frozen_and_kept() {
    let mut t = town();
    let n = t.c.national.clone();
    let admin = t.c.akmola_admin.clone();
    let id = t.activated(&admin, vec![item(ScopeKind::Unit, &t.company.id)]);
    let a1 = t.a1.clone();
    mark(&mut t, &n, &id, &a1, Response::Reported, None, None).unwrap();
    let closed = mobilisation::close(&mut t.world.store, &admin, &id)
        .expect("the regional admin closes their activation");
    assert_eq!(
        closed.status,
        mobilisation::ActivationStatus::Closed,
        "closed"
    );
    let a2 = t.a2.clone();
    let err = mark(&mut t, &n, &id, &a2, Response::Reported, None, None).unwrap_err();
    assert_eq!(err.reason, "activation_closed", "no answer after closing");
    let err = mobilisation::undo_last(&mut t.world.store, &n, undo_input(&id, None)).unwrap_err();
    assert_eq!(err.reason, "activation_closed", "no undo after closing");
    let rows = list(&t, &n, &id);
    assert_eq!(
        rows.iter()
            .filter(|r| r.response == Response::Reported)
            .count(),
        1,
        "the record stays for review"
    );
    assert_eq!(
        t.world.audit_count("activation.close"),
        1,
        "closing is audited"
    );
}

#[test]
fn regional_admins_declare_and_close_only_in_their_region() {
    let mut t = town();
    let kar = t.c.karaganda_admin.clone();
    let akm = t.c.akmola_admin.clone();
    let before = t.world.count("activations");
    let err = mobilisation::declare(
        &mut t.world.store,
        &kar,
        exercise(vec![item(ScopeKind::Unit, &t.company.id)]),
    )
    .unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "Karaganda's admin cannot call out an Akmola company"
    );
    let err = mobilisation::declare(
        &mut t.world.store,
        &kar,
        exercise(vec![item(ScopeKind::Region, common::AKMOLA)]),
    )
    .unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "nor the whole Akmola region"
    );
    for who in [
        t.c.akmola_operator.clone(),
        t.c.national_viewer.clone(),
        t.c.akmola_viewer.clone(),
    ] {
        let err = mobilisation::declare(
            &mut t.world.store,
            &who,
            exercise(vec![item(ScopeKind::Unit, &t.company.id)]),
        )
        .unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::Forbidden,
            "{} may not declare",
            who.username()
        );
    }
    assert_eq!(t.world.count("activations"), before, "nothing is written");
    assert_eq!(
        t.world.audit_count("activation.declare"),
        0,
        "nothing is audited"
    );

    // A regional admin's direction reaches only their own region's units.
    let d = mobilisation::declare(
        &mut t.world.store,
        &kar,
        exercise(vec![item(ScopeKind::Direction, "russia")]),
    )
    .unwrap();
    let report = mobilisation::activate(&mut t.world.store, &kar, &d.id).unwrap();
    assert_eq!(
        report.units, 0,
        "Karaganda's admin facing Russia reaches no Akmola unit"
    );

    let id = t.activated(&akm, vec![item(ScopeKind::Unit, &t.company.id)]);
    let err = mobilisation::close(&mut t.world.store, &kar, &id).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "another region's admin cannot close it"
    );
    let err = mobilisation::get_activation(&t.world.store, &kar, &id).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "nor read it");
    let err =
        mobilisation::close(&mut t.world.store, &t.c.akmola_operator.clone(), &id).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "an operator cannot close");
    mobilisation::close(&mut t.world.store, &t.c.national.clone(), &id)
        .expect("the national admin closes anything");
}

#[test]
fn a_re_imported_sheet_merges_without_duplicates_and_unknown_iins_write_nothing() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let iin = |t: &Town, v: &str| {
        list(t, &n, &id)
            .into_iter()
            .find(|r| r.volunteer_id == v)
            .unwrap()
            .iin
    };
    let (i1, i2) = (iin(&t, &t.a1), iin(&t, &t.a2));
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.csv");
    std::fs::write(&good, format!("ИИН;Ответ;Время явки;Причина\n{i1};явился;2026-12-05 10:20;\n{i2};освобождён;;командировка\n")).unwrap();
    let report = mobilisation::merge_sheet(&mut t.world.store, &n, &id, &good).unwrap();
    assert!(report.applied, "a clean sheet is applied");
    assert_eq!(
        (report.rows, report.written, report.unchanged),
        (2, 2, 0),
        "two answers written"
    );
    let e = events(&t);
    let report = mobilisation::merge_sheet(&mut t.world.store, &n, &id, &good).unwrap();
    assert_eq!(
        (report.written, report.unchanged),
        (0, 2),
        "the same sheet again changes nothing"
    );
    assert_eq!(events(&t), e, "and adds no duplicate answers");

    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, format!("IIN;Response;Reported at\n{};reported;2026-12-05 10:30\n061211600012;reported;2026-12-05 10:30\n{};reported;2026-12-05 08:00\n", iin(&t, &t.a3), i1)).unwrap();
    let report = mobilisation::merge_sheet(&mut t.world.store, &n, &id, &bad).unwrap();
    assert!(!report.applied, "a sheet with bad rows is not applied");
    let errors: Vec<(u32, &str, &str)> = report
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.rule.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![
            (3, "iin", "unknown_iin"),
            (4, "reported_at", "before_declared")
        ],
        "each bad row is named by its line"
    );
    assert_eq!(events(&t), e, "nothing is written, not even the good row");
    let a3 = list(&t, &n, &id)
        .into_iter()
        .find(|r| r.volunteer_id == t.a3)
        .unwrap();
    assert_eq!(
        a3.response,
        Response::Pending,
        "the good row of the refused sheet stayed pending"
    );
}
