//! A unit's history: who joined, who left and why, who was transferred in or out (with the
//! unit on the other side and the reason), newest first; single and bulk transfers alike.

mod common;

use common::units::{assign, enrolled, unit, unit_input};
use common::{cast, World, AKMOLA};
use jasaq::units::{self, BulkRow, EndAssignmentInput, TransferInput, UnitEvent, UnitEventKind};

/// Date, kind, surname, reason, other unit.
type Seen = (
    String,
    UnitEventKind,
    String,
    Option<String>,
    Option<String>,
);

fn events(e: &[UnitEvent]) -> Vec<Seen> {
    e.iter()
        .map(|e| {
            (
                e.date.clone(),
                e.kind,
                e.surname.clone(),
                e.reason.clone(),
                e.other_unit_name.clone(),
            )
        })
        .collect()
}

#[test]
fn a_unit_history_shows_joins_leaves_and_transfers_with_reasons() {
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    let d = c.akmola_district.clone();
    let first = unit(
        &mut world,
        &n,
        unit_input("1-рота", "company", AKMOLA, Some(&d), None),
    );
    let second = unit(
        &mut world,
        &n,
        unit_input("2-рота", "company", AKMOLA, Some(&d), None),
    );
    let a = enrolled(&mut world, &n, &d, "Әлиев", "1990-01-01", 10, vec![]);
    let b = enrolled(&mut world, &n, &d, "Бекова", "1991-01-01", 20, vec![]);
    let e = enrolled(&mut world, &n, &d, "Ерланов", "1992-01-01", 30, vec![]);
    for v in [&a, &b, &e] {
        assign(&mut world, &n, &v.id, &first, "rifleman");
    }
    units::transfer(
        &mut world.store,
        &n,
        TransferInput {
            volunteer_id: a.id.clone(),
            unit_id: second.id.clone(),
            position: "squad_leader".into(),
            date: "2026-11-10".into(),
            reason: "повышение".into(),
        },
    )
    .unwrap();
    world.clock.advance(chrono::Duration::seconds(5));
    units::end_assignment(
        &mut world.store,
        &n,
        EndAssignmentInput {
            volunteer_id: b.id.clone(),
            date: "2026-11-12".into(),
            reason: "по собственному желанию".into(),
        },
    )
    .unwrap();
    world.clock.advance(chrono::Duration::seconds(5));
    let report = units::apply_bulk_transfer(
        &mut world.store,
        &n,
        &[BulkRow {
            row: 2,
            iin: e.iin.clone(),
            unit: second.id.clone(),
            position: None,
        }],
        "переформирование",
        "2026-11-15",
    )
    .unwrap();
    assert!(report.applied, "the one-row bulk transfer applies");

    let history = units::unit_history(&world.store, &n, &first.id).unwrap();
    assert_eq!(
        events(&history),
        vec![
            (
                "2026-11-15".into(),
                UnitEventKind::TransferredOut,
                "Ерланов".into(),
                Some("переформирование".into()),
                Some("2-рота".into())
            ),
            (
                "2026-11-12".into(),
                UnitEventKind::Left,
                "Бекова".into(),
                Some("по собственному желанию".into()),
                None
            ),
            (
                "2026-11-10".into(),
                UnitEventKind::TransferredOut,
                "Әлиев".into(),
                Some("повышение".into()),
                Some("2-рота".into())
            ),
            (
                "2026-11-01".into(),
                UnitEventKind::Joined,
                "Ерланов".into(),
                None,
                None
            ),
            (
                "2026-11-01".into(),
                UnitEventKind::Joined,
                "Бекова".into(),
                None,
                None
            ),
            (
                "2026-11-01".into(),
                UnitEventKind::Joined,
                "Әлиев".into(),
                None,
                None
            ),
        ],
        "the first company's history: three joins, a transfer out, a leave, a bulk transfer out"
    );
    let history = units::unit_history(&world.store, &n, &second.id).unwrap();
    assert_eq!(
        events(&history),
        vec![
            (
                "2026-11-15".into(),
                UnitEventKind::TransferredIn,
                "Ерланов".into(),
                Some("переформирование".into()),
                Some("1-рота".into())
            ),
            (
                "2026-11-10".into(),
                UnitEventKind::TransferredIn,
                "Әлиев".into(),
                Some("повышение".into()),
                Some("1-рота".into())
            ),
        ],
        "the second company shows both arrivals as transfers from the first, with the reasons"
    );
    assert_eq!(
        history[1].position, "squad_leader",
        "the position taken in this unit"
    );
}
