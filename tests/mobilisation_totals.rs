//! The live figures read running totals (migration 0011) instead of counting the list's rows:
//! after a mix of marks, contacts, undos and merged sheets over two activations they must equal
//! a direct recount of the rows each reader sees, for every grouping and every scope, and the
//! stored totals must equal a GROUP BY over the rows themselves.

mod common;

use std::collections::BTreeMap;

use common::mobilisation::{item, list, town, undo_input, Town};
use jasaq::access::Actor;
use jasaq::mobilisation::{
    self, CallRow, Channel, ContactInput, ContactOutcome, FigureGroup, FigureQuery, FigureRow,
    MarkInput, Response, ScopeKind, SheetAnswer,
};

fn mark(t: &mut Town, actor: &Actor, id: &str, v: &str, response: Response, at: Option<&str>) {
    mobilisation::mark(
        &mut t.world.store,
        actor,
        MarkInput {
            activation_id: id.into(),
            volunteer_id: Some(v.into()),
            iin: None,
            response,
            reported_at: at.map(Into::into),
            reason: (response == Response::Excused).then(|| "командировка".into()),
        },
    )
    .expect("the answer is recorded");
}

fn undo(t: &mut Town, actor: &Actor, id: &str, v: Option<&str>) {
    mobilisation::undo_last(&mut t.world.store, actor, undo_input(id, v))
        .expect("the answer is undone");
}

/// The counts of one row of the list, as the figures define them.
fn count(row: &CallRow) -> FigureRow {
    let mut f = FigureRow::default();
    let apart = row.excluded.is_some();
    if apart {
        f.listed_apart = 1;
    } else {
        f.called = 1;
        let answered = matches!(
            row.response,
            Response::WillReport | Response::Reported | Response::Excused
        );
        f.reached = u32::from(row.reached || answered);
        f.pending = u32::from(row.response == Response::Pending);
    }
    match row.response {
        Response::WillReport => f.will_report = 1,
        Response::Reported => f.reported = 1,
        Response::Excused => f.excused = 1,
        Response::NotReached => f.not_reached = 1,
        Response::Absent => f.absent = 1,
        Response::Pending => {}
    }
    f
}

fn add(into: &mut FigureRow, f: &FigureRow) {
    into.called += f.called;
    into.reached += f.reached;
    into.will_report += f.will_report;
    into.reported += f.reported;
    into.excused += f.excused;
    into.not_reached += f.not_reached;
    into.absent += f.absent;
    into.pending += f.pending;
    into.listed_apart += f.listed_apart;
}

/// The counted fields only (the establishment is not a count of rows).
fn counts(f: &FigureRow) -> [u32; 9] {
    [
        f.called,
        f.reached,
        f.will_report,
        f.reported,
        f.excused,
        f.not_reached,
        f.absent,
        f.pending,
        f.listed_apart,
    ]
}

/// Compares the figures of every grouping with a recount of the rows the actor sees.
fn check_figures(t: &Town, actor: &Actor, id: &str, who: &str) {
    let list = list(t, actor, id);
    let detail = mobilisation::get_activation(&t.world.store, &t.c.national, id).unwrap();
    let unit_of: BTreeMap<String, (String, String)> = detail
        .units
        .iter()
        .map(|u| {
            (
                u.unit_id.clone(),
                (u.region_id.clone(), u.direction.clone()),
            )
        })
        .collect();
    for group in [
        FigureGroup::Unit,
        FigureGroup::Region,
        FigureGroup::Direction,
    ] {
        let mut expected: BTreeMap<String, [u32; 9]> = BTreeMap::new();
        let mut grouped: BTreeMap<String, FigureRow> = BTreeMap::new();
        let mut total = FigureRow::default();
        for r in &list {
            let (region, direction) = unit_of[&r.unit_id].clone();
            let key = match group {
                FigureGroup::Unit => r.unit_id.clone(),
                FigureGroup::Region => region,
                FigureGroup::Direction => direction,
            };
            add(grouped.entry(key).or_default(), &count(r));
            add(&mut total, &count(r));
        }
        for (k, f) in grouped {
            expected.insert(k, counts(&f));
        }
        let figures = mobilisation::figures(
            &t.world.store,
            actor,
            &FigureQuery {
                activation_id: id.into(),
                group,
                region_id: None,
                threshold_percent: None,
            },
        )
        .unwrap();
        let got: BTreeMap<String, [u32; 9]> = figures
            .groups
            .iter()
            .map(|g| (g.key.clone(), counts(g)))
            .collect();
        assert_eq!(
            got, expected,
            "{who}, {group:?}: the figures equal a recount of the rows the reader sees"
        );
        assert_eq!(
            counts(&figures.total),
            counts(&total),
            "{who}, {group:?}: and so does the total"
        );
        let mut per_position: BTreeMap<String, (u32, u32)> = BTreeMap::new();
        for r in &list {
            let f = count(r);
            let p = per_position.entry(r.position.clone()).or_default();
            p.0 += f.called;
            p.1 += f.reported;
        }
        let positions: BTreeMap<String, (u32, u32)> = figures
            .positions
            .iter()
            .filter(|p| p.called > 0 || p.reported > 0 || per_position.contains_key(&p.position))
            .map(|p| (p.position.clone(), (p.called, p.reported)))
            .collect();
        assert_eq!(
            positions, per_position,
            "{who}: called and reported per position equal the recount"
        );
        // The series: reported by the end of each hour, from the rows' report times.
        for point in &figures.series {
            let hour_end = &point.at[..13];
            let reported = list
                .iter()
                .filter(|r| r.response == Response::Reported)
                .filter_map(|r| r.reported_at.as_deref())
                .filter(|at| &at[..13] <= hour_end)
                .count() as u32;
            assert_eq!(
                point.reported, reported,
                "{who}: reported strength at {} equals the recount",
                point.at
            );
        }
    }
}

/// The stored totals equal a GROUP BY over the list's rows (zero totals aside).
fn check_stored_totals(t: &Town) {
    let conn = t.world.store.conn();
    let read = |sql: &str| -> Vec<(String, i64)> {
        conn.prepare(sql)
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    let key = "activation_seq || '|' || region_id || '|' || district_id || '|' || unit_seq
        || '|' || position || '|' || coalesce(excluded, '') || '|' || response || '|' || reached";
    assert_eq!(
        read(&format!(
            "SELECT {key}, n FROM callout_totals WHERE n <> 0 ORDER BY 1"
        )),
        read(&format!(
            "SELECT {key}, count(*) FROM callout_rows GROUP BY 1 ORDER BY 1"
        )),
        "the running totals equal a count of the rows"
    );
    let key = "activation_seq || '|' || region_id || '|' || district_id || '|' || hour";
    assert_eq!(
        read(&format!(
            "SELECT {key}, reported FROM callout_hours WHERE reported <> 0 ORDER BY 1"
        )),
        read(&format!(
            "SELECT {key}, count(*) FROM (SELECT *, substr(reported_at, 1, 13) AS hour
             FROM callout_rows WHERE response = 'reported' AND reported_at IS NOT NULL)
             GROUP BY 1 ORDER BY 1"
        )),
        "the hourly reports equal a count of the rows"
    );
}

fn check_all(t: &Town, ids: &[&str]) {
    check_stored_totals(t);
    for id in ids {
        check_figures(t, &t.c.national, id, "national");
        check_figures(t, &t.c.akmola_admin, id, "Akmola admin");
        check_figures(t, &t.c.akmola_operator, id, "Akmola district operator");
    }
}

#[test]
fn the_figures_equal_a_recount_after_marks_undos_and_merged_sheets() {
    let mut t = town();
    let n = t.c.national.clone();
    let op = t.c.akmola_operator.clone();
    let whole = t.activated(
        &n,
        vec![
            item(ScopeKind::Region, common::AKMOLA),
            item(ScopeKind::Direction, "china"),
        ],
    );
    // A second list over the same volunteers: its totals must not mix with the first's.
    let company = t.activated(&n, vec![item(ScopeKind::Unit, &t.company.id)]);
    let ids = [whole.as_str(), company.as_str()];
    check_all(&t, &ids);

    let (a1, a2, a3, z1, hq, k1) = (
        t.a1.clone(),
        t.a2.clone(),
        t.a3.clone(),
        t.z1.clone(),
        t.hq.clone(),
        t.k1.clone(),
    );
    t.at_local(9, 40);
    mark(&mut t, &op, &whole, &a1, Response::WillReport, None);
    mark(&mut t, &op, &whole, &a1, Response::Reported, None);
    mark(&mut t, &op, &company, &a1, Response::Reported, None);
    t.at_local(10, 5);
    mark(&mut t, &n, &whole, &z1, Response::Reported, None);
    mark(&mut t, &n, &whole, &k1, Response::NotReached, None);
    mark(&mut t, &op, &whole, &a3, Response::Excused, None);
    mobilisation::record_contact(
        &mut t.world.store,
        &n,
        ContactInput {
            activation_id: whole.clone(),
            volunteer_id: hq.clone(),
            at: None,
            channel: Channel::Phone,
            outcome: ContactOutcome::Reached,
            note: None,
        },
    )
    .expect("the contact is recorded");
    check_all(&t, &ids);

    // Undo the operator's last answer (a3 excused), then a1's report by volunteer: a1 goes
    // back to "will report" and its report leaves the 09:00 hour.
    t.at_local(11, 20);
    undo(&mut t, &op, &whole, None);
    undo(&mut t, &n, &whole, Some(&a1));
    check_all(&t, &ids);

    // A sheet from the district: a1 reported again (a different hour), a2 absent; then the
    // same sheet again (nothing changes), then a desk correction and an undo of it.
    let iin = |t: &Town, v: &str| {
        list(t, &n, &whole)
            .into_iter()
            .find(|r| r.volunteer_id == v)
            .expect("on the list")
            .iin
    };
    let sheet = vec![
        SheetAnswer {
            row: 2,
            iin: iin(&t, &a1),
            response: "явился".into(),
            reported_at: Some("2026-12-05 11:10".into()),
            reason: None,
        },
        SheetAnswer {
            row: 3,
            iin: iin(&t, &a2),
            response: "не явился".into(),
            reported_at: None,
            reason: None,
        },
    ];
    let report = mobilisation::merge_answers(&mut t.world.store, &op, &whole, sheet.clone())
        .expect("the sheet merges");
    assert_eq!(report.written, 2, "both answers are written");
    let report = mobilisation::merge_answers(&mut t.world.store, &op, &whole, sheet)
        .expect("the sheet merges again");
    assert_eq!(report.written, 0, "the same sheet again writes nothing");
    check_all(&t, &ids);

    t.at_local(12, 30);
    mark(&mut t, &op, &whole, &a2, Response::Reported, None);
    mark(&mut t, &op, &company, &a2, Response::Absent, None);
    undo(&mut t, &op, &company, None);
    undo(&mut t, &op, &whole, Some(&a2));
    mark(&mut t, &n, &whole, &z1, Response::Absent, None);
    check_all(&t, &ids);

    let f = mobilisation::figures(
        &t.world.store,
        &n,
        &FigureQuery {
            activation_id: whole.clone(),
            group: FigureGroup::Region,
            region_id: Some(common::AKMOLA.into()),
            threshold_percent: None,
        },
    )
    .unwrap();
    assert_eq!(
        (f.total.reported, f.total.absent, f.total.will_report),
        (1, 2, 0),
        "a1 reported (from the sheet), a2 absent again after the undo, z1 absent"
    );
    mobilisation::close(&mut t.world.store, &n, &whole).expect("closes");
    check_all(&t, &ids);
}

/// Turns the current database back into the shape migration 0008 left (text keys, three
/// indexes, no totals) at schema 10, as an office's database is before this version. A
/// migration added after 0011 must be undone here as well.
fn back_to_schema_10(t: &Town) {
    t.world
        .store
        .conn()
        .execute_batch(
            "PRAGMA foreign_keys = OFF;
             BEGIN;
             DROP TRIGGER callout_row_changed;
             DROP TRIGGER callout_row_deleted;
             DROP TABLE callout_totals;
             DROP TABLE callout_hours;
             CREATE TEMP TABLE rows_10 AS
                 SELECT c.seq, a.id AS activation_id, v.id AS volunteer_id, c.region_id,
                        c.district_id, u.id AS unit_id, c.position, c.excluded,
                        c.exclusion_detail, c.reached, c.response, c.reported_at, c.reason
                 FROM callout_rows c JOIN activations a ON a.seq = c.activation_seq
                 JOIN volunteers v ON v.seq = c.volunteer_seq JOIN units u ON u.seq = c.unit_seq;
             DROP TABLE callout_rows;
             CREATE TABLE callout_rows (
                 seq           INTEGER PRIMARY KEY,
                 activation_id TEXT NOT NULL REFERENCES activations (id),
                 volunteer_id  TEXT NOT NULL REFERENCES volunteers (id),
                 region_id     TEXT NOT NULL,
                 district_id   TEXT NOT NULL,
                 unit_id       TEXT NOT NULL,
                 position      TEXT NOT NULL,
                 excluded      TEXT CHECK (excluded IN ('ineligible', 'discharged', 'unavailable')),
                 exclusion_detail TEXT,
                 reached       INTEGER NOT NULL DEFAULT 0 CHECK (reached IN (0, 1)),
                 response      TEXT NOT NULL DEFAULT 'pending' CHECK (response IN
                     ('pending', 'will_report', 'reported', 'excused', 'not_reached', 'absent')),
                 reported_at   TEXT,
                 reason        TEXT
             ) STRICT;
             INSERT INTO callout_rows SELECT * FROM rows_10;
             DROP TABLE rows_10;
             CREATE UNIQUE INDEX callout_one_per_volunteer
                 ON callout_rows (activation_id, volunteer_id);
             CREATE INDEX callout_figures ON callout_rows (activation_id, region_id, unit_id,
                 position, excluded, response, reached, reported_at);
             CREATE INDEX callout_by_district ON callout_rows (activation_id, district_id, unit_id);
             -- The migrations after 0011 undone too, so that reopening applies them again.
             DROP TRIGGER assignments_volunteer_seq_checked;
             DROP TRIGGER assignments_history_kept;
             CREATE TRIGGER assignments_history_kept BEFORE UPDATE ON assignments
             WHEN OLD.end_date IS NOT NULL
                 OR NEW.volunteer_id IS NOT OLD.volunteer_id OR NEW.unit_id IS NOT OLD.unit_id
                 OR NEW.position IS NOT OLD.position OR NEW.start_date IS NOT OLD.start_date
                 OR NEW.id IS NOT OLD.id
             BEGIN
                 SELECT RAISE(ABORT, 'assignment history is never rewritten');
             END;
             DROP INDEX assignments_active_by_unit;
             CREATE INDEX assignments_active_by_unit ON assignments
                 (unit_id, position, birth_date, qual_missing, qual_expiry) WHERE end_date IS NULL;
             ALTER TABLE assignments DROP COLUMN volunteer_seq;
             DROP INDEX roster_weights_by_region;
             ALTER TABLE roster_weights DROP COLUMN region_id;
             DROP INDEX volunteers_by_iin_row;
             DROP INDEX assignments_ended_by_unit;
             CREATE INDEX assignments_by_unit ON assignments (unit_id, end_date);
             PRAGMA user_version = 10;
             COMMIT;
             PRAGMA foreign_keys = ON;",
        )
        .expect("the database is put back at schema 10");
}

#[test]
fn migration_0011_keeps_every_row_answer_contact_and_figure() {
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
    let (a1, a2, k1) = (t.a1.clone(), t.a2.clone(), t.k1.clone());
    t.at_local(10, 15);
    mark(&mut t, &op, &id, &a1, Response::Reported, None);
    mark(&mut t, &op, &id, &a2, Response::Excused, None);
    mobilisation::record_contact(
        &mut t.world.store,
        &n,
        ContactInput {
            activation_id: id.clone(),
            volunteer_id: k1.clone(),
            at: None,
            channel: Channel::Sms,
            outcome: ContactOutcome::Reached,
            note: None,
        },
    )
    .expect("the contact is recorded");
    let query = FigureQuery {
        activation_id: id.clone(),
        group: FigureGroup::Unit,
        region_id: None,
        threshold_percent: None,
    };
    let list_before = list(&t, &n, &id);
    let figures_before = mobilisation::figures(&t.world.store, &n, &query).unwrap();

    back_to_schema_10(&t);
    let path = t.world.path();
    t.world.store = jasaq::db::Store::open(&path, t.world.clock.clone())
        .expect("a schema-10 database with a call-out list migrates");
    let version: u32 = t
        .world
        .store
        .conn()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        jasaq::db::schema_version(),
        "every migration was applied"
    );
    let broken: i64 = t
        .world
        .store
        .conn()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "answers and contacts still point at their rows");
    assert_eq!(
        list(&t, &n, &id),
        list_before,
        "the list reads back exactly as before the migration"
    );
    assert_eq!(
        mobilisation::figures(&t.world.store, &n, &query).unwrap(),
        figures_before,
        "and so do the figures, now from the totals"
    );
    check_all(&t, &[id.as_str()]);

    // Migration 0015 named every assignment's volunteer by seq, ended ones included.
    let (assignments, named): (i64, i64) = t
        .world
        .store
        .conn()
        .query_row(
            "SELECT count(*), count(v.seq) FROM assignments a
             LEFT JOIN volunteers v ON v.id = a.volunteer_id AND v.seq = a.volunteer_seq",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(assignments > 0, "the town has assignments");
    assert_eq!(named, assignments, "each names its own volunteer's seq");

    // The desk works on the migrated list: an undo of the operator's last answer, a new mark.
    undo(&mut t, &op, &id, None);
    mark(&mut t, &n, &id, &k1, Response::Reported, None);
    check_all(&t, &[id.as_str()]);
}
