//! The bulk path of a volunteer import (src/volunteers/import/bulk.rs): a large file's import
//! drops the secondary indexes of the tables it writes, writes the rows, rebuilds the indexes
//! with a small cache and sorter threads, and merges the search indexes, all inside its one
//! transaction. `import_bulk_from` takes that path for a file of any size the test names, so
//! small files prove that it writes exactly what the row path writes, that a refused or a
//! cancelled import leaves every index in place, and that an update-mode import keeps the
//! duplicate-name index and changes nothing it need not.
//!
//! `PRAGMA schema_version` tells the paths apart: a committed bulk import has dropped and
//! created indexes, so it moves; the row path never touches the schema.

mod common;

use std::path::PathBuf;

use common::database::{
    assert_intact, assert_unchanged, content, lines, pragma, schema, search_entries, segments,
    settings, snapshot, LIKELY_DUPLICATES,
};
use common::imports::{
    header, male, people, person, placed, run_from, valid_only, write, wrong_check_digit,
    ALWAYS_BULK, NEVER_BULK,
};
use common::{cast, volunteer_form, World};
use jasaq::access::Actor;
use jasaq::volunteers::import::{ImportMode, ImportOptions, ImportReport};
use jasaq::volunteers::search_index::NATIONAL;
use jasaq::volunteers::{self, VolunteerQuery};

fn update_existing() -> ImportOptions {
    ImportOptions {
        mode: ImportMode::ValidOnly,
        update_existing: true,
        ..ImportOptions::default()
    }
}

/// The IINs a list or search finds, every page of it, sorted (rows that tie on the sort key
/// are ordered by their random ids), with the total it reports.
fn found(world: &World, actor: &Actor, q: Option<&str>) -> (u32, Vec<String>) {
    let mut query = VolunteerQuery {
        q: q.map(str::to_owned),
        limit: 200,
        ..VolunteerQuery::default()
    };
    let mut iins = Vec::new();
    loop {
        let page = volunteers::search(&world.store, actor, &query)
            .unwrap_or_else(|e| panic!("search {q:?}: {e:?}"));
        iins.extend(page.rows.iter().map(|r| r.iin.clone()));
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => {
                iins.sort();
                return (page.total, iins);
            }
        }
    }
}

fn pair(a: &str, b: &str) -> String {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    format!("Text({a:?}) | Text({b:?}) | Null")
}

/// Generated people in the test of the two paths.
const GENERATED: usize = 300;

/// [`GENERATED`] people and, among them, what the two paths must treat alike: five refused
/// rows (stateless, foreign, a wrong check digit, an IIN already registered, an IIN repeated
/// in the file), a likely-duplicate pair, and a likely duplicate of the `registered` person.
fn registry_file(world: &World, registered: &str) -> PathBuf {
    let mut lines = people(0..GENERATED);
    let special = [
        placed(&male("1990-05-17", 100), "Бар", "1990-05-17", "KZ", 0),
        placed(&male("1985-01-02", 100), "Екеу", "1985-01-02", "KZ", 1),
        placed(&male("1985-01-02", 101), "ЕКЕУ", "1985-01-02", "KZ", 2),
        placed(
            &male("1988-07-08", 100),
            "Азаматсыз",
            "1988-07-08",
            "без гражданства",
            0,
        ),
        placed(&male("1987-03-03", 100), "Шетел", "1987-03-03", "RU", 0),
        placed(
            &wrong_check_digit(&male("1991-03-04", 100)),
            "Қате",
            "1991-03-04",
            "KZ",
            0,
        ),
        placed(registered, "Бар", "1990-05-17", "KZ", 0),
        person(7),
    ];
    for (k, row) in special.into_iter().enumerate() {
        lines.insert(20 + 37 * k, row);
    }
    lines.insert(0, header());
    write(world, "registry.csv", &lines)
}

#[test]
fn the_bulk_path_writes_what_the_row_path_writes_and_rebuilds_every_index() {
    let registered_form =
        |c: &common::Cast| volunteer_form(&c.akmola_district, "Бар", "Ерлан", "1990-05-17", 10);
    let mut by_rows = World::new();
    let rows_cast = cast(&mut by_rows);
    let mut in_bulk = World::new();
    let bulk_cast = cast(&mut in_bulk);
    let registered = registered_form(&bulk_cast).iin;
    for (world, c) in [(&mut by_rows, &rows_cast), (&mut in_bulk, &bulk_cast)] {
        volunteers::register(&mut world.store, &c.akmola_operator, registered_form(c))
            .expect("a volunteer is registered through the form first");
    }
    let rows_path = registry_file(&by_rows, &registered);
    let bulk_path = registry_file(&in_bulk, &registered);
    let (rows_before, bulk_before) = (snapshot(&by_rows), snapshot(&in_bulk));

    let by_row = run_from(
        &mut by_rows,
        &rows_cast.national,
        &rows_path,
        &valid_only(),
        NEVER_BULK,
    )
    .expect("the row path imports");
    let in_one = run_from(
        &mut in_bulk,
        &bulk_cast.national,
        &bulk_path,
        &valid_only(),
        ALWAYS_BULK,
    )
    .expect("the bulk path imports");

    assert_eq!(
        pragma(&by_rows, "schema_version"),
        rows_before.schema_version,
        "the row path never touches the schema"
    );
    assert!(
        pragma(&in_bulk, "schema_version") > bulk_before.schema_version,
        "the bulk path was taken: it dropped and rebuilt indexes"
    );
    assert_eq!(
        (in_one.rows_read, in_one.created, in_one.refused),
        (GENERATED as u64 + 8, GENERATED as u64 + 3, 5),
        "every generated row and the three alike ones are created, five refused: {:?}",
        in_one.problems
    );
    assert!(in_one.committed, "valid rows only: committed");
    assert_eq!(
        ImportReport {
            import_id: None,
            ..in_one.clone()
        },
        ImportReport {
            import_id: None,
            ..by_row.clone()
        },
        "both paths report the same counts, problems and refused rows"
    );
    let mut refusals: Vec<&str> = in_one.problems.iter().map(|p| p.rule.as_str()).collect();
    refusals.sort_unstable();
    assert_eq!(
        refusals,
        vec![
            "citizenship_foreign",
            "citizenship_stateless",
            "iin_check_digit",
            "iin_duplicate_in_file",
            "iin_registered"
        ],
        "each refused row is refused for its own reason"
    );

    let (rows_content, bulk_content) = (content(&by_rows), content(&in_bulk));
    for ((name, by_row), (_, in_one)) in rows_content.iter().zip(&bulk_content) {
        assert!(!in_one.is_empty(), "the import wrote some {name}");
        assert_eq!(
            in_one, by_row,
            "the bulk path writes the {name} the row path writes"
        );
    }
    let flags = lines(&in_bulk, LIKELY_DUPLICATES);
    let mut expected = vec![
        pair(&registered, &male("1990-05-17", 100)),
        pair(&male("1985-01-02", 100), &male("1985-01-02", 101)),
    ];
    expected.sort();
    assert_eq!(
        flags, expected,
        "a row like the registered person and two alike rows of the file are flagged, once each"
    );
    assert_eq!(
        lines(
            &in_bulk,
            "SELECT action, count(*) FROM import_rows GROUP BY action"
        ),
        vec![format!("Text(\"created\") | Integer({})", GENERATED + 3)],
        "every created row is traced to the import"
    );
    let entries = search_entries(&in_bulk);
    assert!(
        !entries
            .iter()
            .any(|e| e.contains("no volunteer") || e.contains("not the marker")),
        "every search entry belongs to a volunteer, and its marker to the volunteer's district"
    );
    assert!(
        entries == search_entries(&by_rows),
        "the bulk path's search indexes hold the row path's entries ({} entries)",
        entries.len()
    );

    assert_eq!(
        schema(&in_bulk),
        bulk_before.schema,
        "every index the bulk path dropped is rebuilt as it was"
    );
    assert_eq!(
        schema(&by_rows),
        rows_before.schema,
        "the row path keeps the schema"
    );
    assert_eq!(
        settings(&in_bulk),
        bulk_before.settings,
        "the bulk path restores the connection's cache_size and threads"
    );
    assert_eq!(
        settings(&by_rows),
        rows_before.settings,
        "the row path leaves the connection's settings as they were"
    );
    for table in [NATIONAL, "volunteer_search_kz_11", "volunteer_search_kz_35"] {
        assert_eq!(
            segments(&in_bulk, table),
            1,
            "the bulk path merges {table} into one segment"
        );
    }
    assert!(
        segments(&by_rows, NATIONAL) > 1,
        "the row path leaves the form's segment and the import's, so the count tells them apart"
    );
    assert_intact(&in_bulk, "after the bulk path");
    assert_intact(&by_rows, "after the row path");

    let queries = [
        None,
        Some("сейіт"),
        Some("екеу"),
        Some("елкин"),
        Some("9005"),
    ];
    for (who, rows_actor, bulk_actor) in [
        ("national", &rows_cast.national, &bulk_cast.national),
        ("Akmola", &rows_cast.akmola_admin, &bulk_cast.akmola_admin),
    ] {
        for q in queries {
            let (total, iins) = found(&in_bulk, bulk_actor, q);
            assert!(
                !iins.is_empty(),
                "{who} {q:?} finds someone, so the comparison means something"
            );
            assert_eq!(
                total as usize,
                iins.len(),
                "{who} {q:?}: the total counts the rows listed"
            );
            assert_eq!(
                (total, iins),
                found(&by_rows, rows_actor, q),
                "{who} {q:?} finds the same volunteers on both paths"
            );
        }
    }
    assert_eq!(
        found(&in_bulk, &bulk_cast.national, None).0,
        GENERATED as u32 + 4,
        "the national list holds the registered person and every created row"
    );
    assert_eq!(
        (
            found(&in_bulk, &bulk_cast.national, Some("екеу")).0,
            found(&in_bulk, &bulk_cast.akmola_admin, Some("екеу")).0
        ),
        (2, 1),
        "the alike pair is found by name nationally, and only its Akmola half in Akmola"
    );
}

#[test]
fn a_refused_all_or_nothing_bulk_import_writes_nothing_and_keeps_every_index() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Бар", "Ерлан", "1990-05-17", 10);
    volunteers::register(&mut world.store, &c.akmola_operator, form).expect("registered");
    let earlier = write(
        &world,
        "earlier.csv",
        &[vec![header()], people(0..20)].concat(),
    );
    run_from(&mut world, &c.national, &earlier, &valid_only(), NEVER_BULK)
        .expect("an earlier import fills every table the bulk path drops indexes of");
    let before = snapshot(&world);

    let mut lines = people(100..300);
    lines.insert(
        150,
        placed(
            &wrong_check_digit(&male("1991-03-04", 100)),
            "Қате",
            "1991-03-04",
            "KZ",
            0,
        ),
    );
    lines.insert(0, header());
    let path = write(&world, "one_bad.csv", &lines);
    let report = run_from(
        &mut world,
        &c.national,
        &path,
        &ImportOptions::default(),
        ALWAYS_BULK,
    )
    .expect("a file with a bad row is reported, not an error");
    assert!(
        !report.committed && report.import_id.is_none(),
        "all-or-nothing with a bad row commits nothing"
    );
    assert_eq!(
        (report.rows_read, report.refused, report.created),
        (201, 1, 0),
        "every row is read, the bad one refused, none reported created"
    );
    assert_unchanged(&world, &before, "a refused bulk import");
}

#[test]
fn a_bulk_reimport_in_update_mode_changes_nothing_and_keeps_the_duplicate_name_index() {
    const ROWS: usize = 200;
    let mut world = World::new();
    let c = cast(&mut world);
    let (first, other) = (male("1985-01-02", 100), male("1985-01-02", 101));
    let mut file = people(0..ROWS);
    file.push(placed(&first, "Екеу", "1985-01-02", "KZ", 1));
    file.push(placed(&other, "Басқа", "1985-01-02", "KZ", 2));
    file.insert(0, header());
    let path = write(&world, "list.csv", &file);
    let created = run_from(
        &mut world,
        &c.national,
        &path,
        &update_existing(),
        NEVER_BULK,
    )
    .expect("the first import creates");
    assert_eq!(created.created, ROWS as u64 + 2, "every row is created");

    world.clock.advance(chrono::Duration::hours(1));
    let before = snapshot(&world);
    let stamps = "SELECT id, iin, created_at, updated_at FROM volunteers ORDER BY iin";
    let stamped = lines(&world, stamps);
    let last_audit = last_audit_seq(&world);
    assert!(
        before
            .schema
            .iter()
            .any(|s| s.contains("\"volunteers_by_name_key\"")),
        "the duplicate-name index exists before"
    );

    let again = run_from(
        &mut world,
        &c.national,
        &path,
        &update_existing(),
        ALWAYS_BULK,
    )
    .expect("the same file again");
    assert!(again.committed, "the re-import is committed");
    assert_eq!(
        (
            again.rows_read,
            again.created,
            again.updated,
            again.unchanged,
            again.refused
        ),
        (ROWS as u64 + 2, 0, 0, ROWS as u64 + 2, 0),
        "re-importing the same file in update mode changes nothing: {:?}",
        again.problems
    );
    assert!(
        pragma(&world, "schema_version") > before.schema_version,
        "the bulk path was taken: it dropped and rebuilt indexes"
    );
    assert_eq!(
        schema(&world),
        before.schema,
        "every index is in place after the bulk path, the duplicate-name one included"
    );
    assert_eq!(
        settings(&world),
        before.settings,
        "the connection's cache_size and threads are restored"
    );
    assert_eq!(
        lines(&world, stamps),
        stamped,
        "no volunteer's updated_at moves"
    );
    let new_audit: Vec<String> = lines(
        &world,
        &format!("SELECT action, entity_id FROM audit_log WHERE seq > {last_audit}"),
    );
    assert_eq!(
        new_audit,
        vec![format!(
            "Text(\"volunteer.import\") | Text({:?})",
            again.import_id.clone().unwrap_or_default()
        )],
        "the import's own audit entry is the only new one"
    );
    // The import's own record and audit entry are checked above.
    let own = [
        "import records",
        "import audit entries",
        "audit entries by action",
    ];
    for ((name, was), (_, is)) in before.content.iter().zip(&content(&world)) {
        if !own.contains(name) {
            assert_eq!(is, was, "an unchanged re-import writes no {name}");
        }
    }
    assert!(
        search_entries(&world) == before.search,
        "the search indexes hold what they held"
    );
    assert_intact(&world, "after an unchanged bulk re-import");

    // One row renamed into a likely duplicate of another (flagged by the update's own check,
    // which reads the kept duplicate-name index), and a new row like one already registered
    // (flagged after the rebuild).
    let newcomer = male("1962-01-01", 100);
    let mut changed = file.clone();
    // Басқа's line: after the header, the people and Екеу.
    changed[ROWS + 2] = placed(&other, "Екеу", "1985-01-02", "KZ", 2);
    changed.push(placed(&newcomer, "Сейітов", "1962-01-01", "KZ", 0));
    let path = write(&world, "changed.csv", &changed);
    let report = run_from(
        &mut world,
        &c.national,
        &path,
        &update_existing(),
        ALWAYS_BULK,
    )
    .expect("the changed file");
    assert_eq!(
        (
            report.created,
            report.updated,
            report.unchanged,
            report.refused
        ),
        (1, 1, ROWS as u64 + 1, 0),
        "one row is created, one updated, the rest unchanged: {:?}",
        report.problems
    );
    let mut expected = vec![
        pair(&first, &other),
        pair(&male("1962-01-01", 10), &newcomer),
    ];
    expected.sort();
    assert_eq!(
        lines(&world, LIKELY_DUPLICATES),
        expected,
        "the renamed row and the new row are each flagged with their likely duplicate"
    );
    assert_eq!(
        found(&world, &c.national, Some("екеу")).0,
        2,
        "the renamed volunteer is found by the new name"
    );
    assert_eq!(
        schema(&world),
        before.schema,
        "every index is in place after the changed re-import"
    );
    assert_eq!(
        settings(&world),
        before.settings,
        "the connection's settings are restored"
    );
    assert_intact(&world, "after a changing bulk re-import");
}

fn last_audit_seq(world: &World) -> i64 {
    world
        .store
        .conn()
        .query_row("SELECT max(seq) FROM audit_log", [], |r| r.get(0))
        .expect("the audit log has entries")
}
