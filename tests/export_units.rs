//! Exporting a unit's member list and the readiness table, each within the actor's scope.

mod common;

use calamine::{Reader, Xlsx};
use common::export::csv_records;
use common::{cast, World};
use jasaq::reports::{ExportFormat, Lang};
use jasaq::ErrorCode;

#[test]
fn unit_member_list_is_exported_within_scope() {
    use common::units::{assign, enrolled, establish, unit, unit_input};
    use jasaq::reports::{export_unit_members, UnitMembersExport};
    let mut world = World::new();
    let c = cast(&mut world);
    let squad = unit_input(
        "1-взвод",
        "platoon",
        common::AKMOLA,
        Some(&c.akmola_district),
        None,
    );
    let squad = unit(&mut world, &c.national, squad);
    establish(&mut world, &c.national, &squad, &[("rifleman", 2)]);
    for (surname, serial) in [("Байжанов", 100), ("Сейітов", 110)] {
        let v = enrolled(
            &mut world,
            &c.national,
            &c.akmola_district,
            surname,
            "1990-01-01",
            serial,
            Vec::new(),
        );
        assign(&mut world, &c.national, &v.id, &squad, "rifleman");
    }
    let input = UnitMembersExport {
        unit_id: squad.id.clone(),
        format: ExportFormat::Csv,
        lang: Lang::Ru,
    };
    let mut out = Vec::new();
    let summary =
        export_unit_members(&mut world.store, &c.akmola_operator, &input, &mut out).unwrap();
    assert_eq!(summary.rows, 2, "the unit's two members");
    let records = csv_records(&out);
    assert_eq!(
        surnames_at(&records, 2),
        ["Байжанов", "Сейітов"],
        "members by name"
    );
    assert_eq!(
        records[1][0], "Стрелок",
        "the position's name in the reader's language"
    );
    let err =
        export_unit_members(&mut world.store, &c.karaganda_admin, &input, Vec::new()).unwrap_err();
    assert!(
        matches!(err.code, ErrorCode::NotFound | ErrorCode::Forbidden),
        "another region's unit is not exported: {err:?}"
    );
    assert_eq!(
        world.audit_count("unit.members_export"),
        1,
        "only the export that ran is audited"
    );
}

fn surnames_at(records: &[Vec<String>], column: usize) -> Vec<String> {
    let mut names: Vec<String> = records[1..].iter().map(|r| r[column].clone()).collect();
    names.sort();
    names
}

#[test]
fn readiness_table_is_exported_within_scope() {
    use common::units::{assign, enrolled, establish, unit, unit_input};
    use jasaq::reports::{export_readiness, ReadinessTableExport};
    use jasaq::units::ReadinessQuery;
    let mut world = World::new();
    let c = cast(&mut world);
    let akmola = unit_input(
        "1-рота",
        "company",
        common::AKMOLA,
        Some(&c.akmola_district),
        None,
    );
    let akmola = unit(&mut world, &c.national, akmola);
    establish(&mut world, &c.national, &akmola, &[("rifleman", 4)]);
    let v = enrolled(
        &mut world,
        &c.national,
        &c.akmola_district,
        "Байжанов",
        "1990-01-01",
        100,
        Vec::new(),
    );
    assign(&mut world, &c.national, &v.id, &akmola, "rifleman");
    let karaganda = unit_input(
        "2-рота",
        "company",
        common::KARAGANDA,
        Some(&c.karaganda_district),
        None,
    );
    unit(&mut world, &c.national, karaganda);
    let input = |format| ReadinessTableExport {
        query: ReadinessQuery {
            region_id: None,
            agency_id: None,
            direction: None,
        },
        format,
        lang: Lang::Ru,
    };
    let mut out = Vec::new();
    let summary = export_readiness(
        &mut world.store,
        &c.akmola_admin,
        &input(ExportFormat::Csv),
        &mut out,
    )
    .unwrap();
    assert_eq!(
        summary.rows, 1,
        "a regional admin's table holds their region's unit only"
    );
    let records = csv_records(&out);
    assert_eq!(records[1][3], "1-рота", "the unit's name");
    assert_eq!(
        (records[1][6].as_str(), records[1][7].as_str()),
        ("4", "1"),
        "authorised and assigned"
    );
    assert_eq!(records[1][8], "25.0", "fill percent");
    let mut out = Vec::new();
    let summary = export_readiness(
        &mut world.store,
        &c.national,
        &input(ExportFormat::Xlsx),
        &mut out,
    )
    .unwrap();
    assert_eq!(summary.rows, 2, "the national table holds both units");
    let mut book = Xlsx::new(std::io::Cursor::new(out)).unwrap();
    let range = book.worksheet_range("Готовность").unwrap();
    assert_eq!(range.height(), 3, "header and two units");
    assert_eq!(
        world.audit_count("unit.readiness_export"),
        2,
        "each export is audited"
    );
}
