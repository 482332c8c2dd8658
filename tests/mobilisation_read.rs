//! Reading a built call-out list: what every role's scope shows, the figures of a hand-built
//! activation, the call-out sheet printed and its XLSX read back, and the desk's name search,
//! which folds case as the registry's does.

mod common;

use common::mobilisation::{item, list, mark, town, Town};
use jasaq::access::Actor;
use jasaq::mobilisation::{self, CallListQuery, FigureGroup, FigureQuery, Response, ScopeKind};
use jasaq::ErrorCode;

#[test]
fn every_role_reads_what_its_scope_allows() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(
        &n,
        vec![
            item(ScopeKind::Region, common::AKMOLA),
            item(ScopeKind::Region, common::KARAGANDA),
        ],
    );
    for (actor, rows, why) in [
        (&n, 8, "the national admin sees every row"),
        (
            &t.c.national_viewer,
            8,
            "the national viewer reads every row",
        ),
        (&t.c.akmola_viewer, 7, "Akmola's viewer reads Akmola's rows"),
        (&t.c.akmola_admin, 7, "Akmola's admin too"),
        (
            &t.c.karaganda_admin,
            1,
            "Karaganda's admin reads Karaganda's row",
        ),
        (
            &t.c.akmola_operator,
            6,
            "the Burabay operator reads Burabay's rows",
        ),
    ] {
        assert_eq!(list(&t, actor, &id).len(), rows, "{why}");
    }
    let viewer = t.c.national_viewer.clone();
    let (a1, k1) = (t.a1.clone(), t.k1.clone());
    let err = mark(&mut t, &viewer, &id, &a1, Response::Reported, None, None).unwrap_err();
    assert_eq!(err.code, ErrorCode::Forbidden, "a viewer records nothing");
    let kar = t.c.karaganda_admin.clone();
    let err = mark(&mut t, &kar, &id, &a1, Response::Reported, None, None).unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::Forbidden,
        "Karaganda's admin cannot answer for Akmola"
    );
    let op = t.c.akmola_operator.clone();
    mark(&mut t, &op, &id, &a1, Response::Reported, None, None)
        .expect("the operator works the district's rows");
    mark(&mut t, &kar, &id, &k1, Response::Reported, None, None)
        .expect("a regional admin works the region's rows");
    let f = mobilisation::figures(
        &t.world.store,
        &op,
        &FigureQuery {
            activation_id: id.clone(),
            group: FigureGroup::Region,
            region_id: None,
            threshold_percent: None,
        },
    )
    .unwrap();
    assert_eq!(
        f.total.reported, 1,
        "the operator's figures count the district's rows only"
    );
}

#[test]
fn figures_count_a_hand_built_activation() {
    let mut t = town();
    let n = t.c.national.clone();
    let op = t.c.akmola_operator.clone();
    let id = t.activated(
        &n,
        vec![
            item(ScopeKind::Region, common::AKMOLA),
            item(ScopeKind::Direction, "china"),
        ],
    );
    let (a1, a2, a3, z1, k1) = (
        t.a1.clone(),
        t.a2.clone(),
        t.a3.clone(),
        t.z1.clone(),
        t.k1.clone(),
    );
    t.at_local(10, 30);
    mark(&mut t, &op, &id, &a1, Response::Reported, None, None).unwrap();
    t.at_local(11, 40);
    mark(&mut t, &op, &id, &a2, Response::Reported, None, None).unwrap();
    mark(
        &mut t,
        &op,
        &id,
        &a3,
        Response::Excused,
        None,
        Some("больница"),
    )
    .unwrap();
    mark(&mut t, &n, &id, &z1, Response::Absent, None, None).unwrap();
    mobilisation::record_contact(
        &mut t.world.store,
        &n,
        mobilisation::ContactInput {
            activation_id: id.clone(),
            volunteer_id: k1.clone(),
            at: None,
            channel: mobilisation::Channel::Phone,
            outcome: mobilisation::ContactOutcome::Reached,
            note: None,
        },
    )
    .unwrap();
    t.at_local(13, 5);
    let q = |group| FigureQuery {
        activation_id: id.clone(),
        group,
        region_id: None,
        threshold_percent: Some(50),
    };
    let f = mobilisation::figures(&t.world.store, &n, &q(FigureGroup::Unit)).unwrap();
    let company = f.groups.iter().find(|g| g.key == t.company.id).unwrap();
    assert_eq!(
        (
            company.called,
            company.reached,
            company.reported,
            company.excused,
            company.absent,
            company.listed_apart,
            company.authorised
        ),
        (3, 3, 2, 1, 0, 2, 5),
        "company: 3 called (2 apart), 2 reported + 1 excused reached, 5 authorised"
    );
    let platoon = f.groups.iter().find(|g| g.key == t.platoon.id).unwrap();
    assert_eq!(
        (platoon.called, platoon.absent, platoon.reached),
        (1, 1, 0),
        "the platoon's rifleman is absent, never reached"
    );
    let east = f.groups.iter().find(|g| g.key == t.east.id).unwrap();
    assert_eq!(
        (east.called, east.reached, east.reported),
        (1, 1, 0),
        "a reached contact counts as reached"
    );
    let rifle = f
        .positions
        .iter()
        .find(|p| p.position == "rifleman")
        .unwrap();
    assert_eq!(
        (rifle.authorised, rifle.reported),
        (9, 2),
        "riflemen: 2 reported of 9 authorised"
    );
    let below: Vec<&str> = f.below_threshold.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(
        below,
        vec!["1-й взвод", "1-я рота", "Шығыс ротасы"],
        "units under 50% of their establishment (the company's 2 of 5 is 40%); the brigade has none set"
    );
    let points: Vec<(String, u32)> = f
        .series
        .iter()
        .map(|p| (p.at.clone(), p.reported))
        .collect();
    assert_eq!(
        points,
        vec![
            ("2026-12-05T04:00:00.000Z".to_owned(), 0),
            ("2026-12-05T05:00:00.000Z".to_owned(), 1),
            ("2026-12-05T06:00:00.000Z".to_owned(), 2),
            ("2026-12-05T07:00:00.000Z".to_owned(), 2),
            ("2026-12-05T08:00:00.000Z".to_owned(), 2),
        ],
        "reported strength hour by hour since 09:00 local (04:00 UTC)"
    );
    let r = mobilisation::figures(&t.world.store, &n, &q(FigureGroup::Region)).unwrap();
    let keys: Vec<(&str, u32)> = r
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.reported))
        .collect();
    assert_eq!(
        keys,
        vec![(common::AKMOLA, 2), (common::KARAGANDA, 0)],
        "rolled up by region"
    );
    let d = mobilisation::figures(&t.world.store, &n, &q(FigureGroup::Direction)).unwrap();
    let keys: Vec<(&str, u32)> = d
        .groups
        .iter()
        .map(|g| (g.key.as_str(), g.called))
        .collect();
    assert_eq!(
        keys,
        vec![("china", 1), ("russia", 5)],
        "rolled up by border direction"
    );
}

#[test]
fn the_call_out_sheet_prints_and_its_xlsx_reads_back() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let mut pdf = Vec::new();
    let summary = mobilisation::callout_sheet(
        &mut t.world.store,
        &n,
        &mobilisation::SheetQuery {
            activation_id: id.clone(),
            district_id: Some(t.c.akmola_district.id.clone()),
            unit_id: None,
            format: mobilisation::SheetFormat::Pdf,
            lang: jasaq::reports::Lang::Ru,
        },
        &mut pdf,
    )
    .unwrap();
    assert!(pdf.starts_with(b"%PDF"), "a PDF is written");
    assert_eq!(
        summary.rows, 5,
        "Burabay's five rows of the company (Zerendi's platoon rifleman is not)"
    );
    let mut xlsx = Vec::new();
    mobilisation::callout_sheet(
        &mut t.world.store,
        &n,
        &mobilisation::SheetQuery {
            activation_id: id.clone(),
            district_id: None,
            unit_id: Some(t.company.id.clone()),
            format: mobilisation::SheetFormat::Xlsx,
            lang: jasaq::reports::Lang::Kk,
        },
        &mut xlsx,
    )
    .unwrap();
    let report = mobilisation::merge_sheet_bytes(&mut t.world.store, &n, &id, &xlsx).unwrap();
    assert!(
        report.applied && report.rows == 0,
        "an unfilled sheet reads back with nothing to merge"
    );
    assert_eq!(
        t.world.audit_count("activation.callout_sheet"),
        2,
        "each sheet is an audited export"
    );
    let mut after = Vec::new();
    mobilisation::after_action(
        &mut t.world.store,
        &n,
        &id,
        mobilisation::SheetFormat::Xlsx,
        jasaq::reports::Lang::En,
        &mut after,
    )
    .unwrap();
    assert!(
        after.starts_with(b"PK"),
        "the after-action report is an XLSX"
    );
}

fn desk(t: &Town, actor: &Actor, activation: &str, q: &str) -> Vec<String> {
    mobilisation::call_list(
        &t.world.store,
        actor,
        &CallListQuery {
            activation_id: activation.into(),
            q: Some(q.into()),
            limit: Some(8),
            ..CallListQuery::default()
        },
    )
    .expect("the desk searches")
    .into_iter()
    .map(|r| r.volunteer_id)
    .collect()
}

#[test]
fn the_desk_finds_a_name_in_any_case_as_the_registry_does() {
    let mut t = town();
    let n = t.c.national.clone();
    let id = t.activated(
        &n,
        vec![
            item(ScopeKind::Region, common::AKMOLA),
            item(ScopeKind::Region, common::KARAGANDA),
        ],
    );
    let a1 = t.a1.clone();
    assert_eq!(
        desk(&t, &n, &id, "әбенов"),
        vec![a1.clone()],
        "lower-case Kazakh finds Әбенов"
    );
    assert_eq!(
        desk(&t, &n, &id, "ӘБЕН"),
        vec![a1.clone()],
        "upper-case, a prefix"
    );
    assert_eq!(
        desk(&t, &n, &id, "әбенов арм"),
        vec![a1.clone()],
        "a second word narrows by the given name's start"
    );
    assert!(
        desk(&t, &n, &id, "әбенов серік").is_empty(),
        "a given name that does not match finds nobody"
    );
    assert_eq!(
        desk(&t, &n, &id, "Abenov"),
        vec![a1.clone()],
        "passport Latin finds the Cyrillic surname"
    );
    let iin = list(&t, &n, &id)
        .into_iter()
        .find(|r| r.volunteer_id == a1)
        .expect("Әбенов is on the list")
        .iin;
    assert_eq!(
        desk(&t, &n, &id, &iin[..8]),
        vec![a1.clone()],
        "an IIN prefix finds the person"
    );
    assert!(
        desk(&t, &t.c.karaganda_admin.clone(), &id, "әбенов").is_empty(),
        "another region's admin does not find Akmola's volunteer"
    );
    assert_eq!(
        desk(&t, &t.c.akmola_operator.clone(), &id, "ӘБЕНОВ"),
        vec![a1],
        "the district operator finds their district's volunteer"
    );
    assert!(
        !desk(&t, &n, &id, "оспанов").is_empty(),
        "Оспанов (listed apart) is searchable when excluded rows are not filtered out"
    );
}
