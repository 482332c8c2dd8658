//! Following and cancelling a volunteer import: the steps it reports, and a cancel mid-way
//! through the rows on either path or after the last row while the import finishes. Each
//! cancel leaves the database, its indexes and the connection's settings as they were.

mod common;

use std::sync::atomic::{AtomicBool, Ordering};

use common::database::{assert_unchanged, snapshot, Snapshot};
use common::imports::{header, people, run_from, valid_only, write, ALWAYS_BULK, NEVER_BULK};
use common::{cast, World};
use jasaq::volunteers::import::{self, ImportProgress, ImportReport, ImportStep};

/// An import of `rows` generated people, on the path `bulk_bytes` chooses, into a world that
/// an earlier import has filled (every table the bulk path drops indexes of has rows), with
/// the cancel flag set from the first progress report `cancel_at` accepts. Returns the
/// world, what it held before, the result, and the progress reported last (rows, fraction).
fn cancelled(
    rows: usize,
    bulk_bytes: u64,
    cancel_at: impl Fn(&ImportProgress) -> bool,
) -> (World, Snapshot, jasaq::Result<ImportReport>, (u64, f64)) {
    let mut world = World::new();
    let c = cast(&mut world);
    let earlier = write(
        &world,
        "earlier.csv",
        &[vec![header()], people(rows..rows + 20)].concat(),
    );
    run_from(&mut world, &c.national, &earlier, &valid_only(), NEVER_BULK)
        .expect("an earlier import fills every table the bulk path drops indexes of");
    let before = snapshot(&world);
    let path = write(
        &world,
        "file.csv",
        &[vec![header()], people(0..rows)].concat(),
    );
    assert!(
        std::fs::metadata(&path).unwrap().len() < import::BULK_BYTES,
        "the app would take the row path for this file"
    );
    let cancel = AtomicBool::new(false);
    let mut last = (0, 0.0);
    let result = import::import_bulk_from(
        &mut world.store,
        &c.national,
        &path,
        &valid_only(),
        &cancel,
        &mut |progress| {
            last = (progress.rows, progress.fraction);
            if cancel_at(progress) {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        bulk_bytes,
    );
    (world, before, result, last)
}

/// A cancel from the first progress report, on the row path the app takes for this file
/// and on the bulk path, leaves the database, its indexes and the connection as they were.
#[test]
fn a_cancel_mid_way_leaves_the_database_unchanged_on_either_path() {
    // A debug build had read 2,294 rows of 3,000 by the first progress report (200 ms); the
    // margin must hold on a faster machine too.
    const ROWS: usize = 20_000;
    for (bulk_bytes, path_name) in [
        (import::BULK_BYTES, "row path (the app's threshold)"),
        (ALWAYS_BULK, "bulk path"),
    ] {
        let (world, before, result, (seen, _)) = cancelled(ROWS, bulk_bytes, |_| true);
        let err = result.expect_err("a cancelled import is an error");
        assert_eq!(
            err.reason, "import_cancelled",
            "{path_name}: named as cancelled"
        );
        assert!(
            seen > 0 && seen < ROWS as u64,
            "{path_name}: cancelled mid-way, after {seen} of {ROWS} rows"
        );
        assert_unchanged(&world, &before, path_name);
    }
}

/// A cancel that comes once the last row is written, while the import finishes (the bulk
/// path's index rebuild and search merge, the duplicate flags: a third of a 1,000,000-row
/// import's time), still leaves the database as it was, on either path. The progress report
/// after the last row (the only one a small file gets) sets the flag.
#[test]
fn a_cancel_after_the_last_row_still_writes_nothing() {
    for (bulk_bytes, path_name) in [(ALWAYS_BULK, "bulk path"), (NEVER_BULK, "row path")] {
        let (world, before, result, last) =
            cancelled(200, bulk_bytes, |progress| progress.fraction >= 1.0);
        assert_eq!(
            last,
            (200, 1.0),
            "{path_name}: the flag was set once every row was read, and nothing was reported after"
        );
        let err = result.expect_err("cancelled while finishing");
        assert_eq!(
            err.reason, "import_cancelled",
            "{path_name}: named as cancelled"
        );
        assert_unchanged(&world, &before, path_name);
    }
}

/// After its rows an import reports each step that finishes it, in order, so that the window
/// can say what it is doing while no row moves: on the bulk path the index rebuild and the
/// search merge, on both the duplicate flags and the saving.
#[test]
fn an_import_reports_the_steps_that_finish_it() {
    for (bulk_bytes, expected) in [
        (
            ALWAYS_BULK,
            vec![
                ImportStep::Rows,
                ImportStep::Indexes,
                ImportStep::Search,
                ImportStep::Duplicates,
                ImportStep::Saving,
            ],
        ),
        (
            NEVER_BULK,
            vec![ImportStep::Rows, ImportStep::Duplicates, ImportStep::Saving],
        ),
    ] {
        let mut world = World::new();
        let c = cast(&mut world);
        let path = write(
            &world,
            "short.csv",
            &[vec![header()], people(0..50)].concat(),
        );
        let mut steps: Vec<(ImportStep, u64)> = Vec::new();
        let report = import::import_bulk_from(
            &mut world.store,
            &c.national,
            &path,
            &valid_only(),
            &AtomicBool::new(false),
            &mut |progress| steps.push((progress.step, progress.rows)),
            bulk_bytes,
        )
        .expect("the import runs");
        assert!(report.committed, "committed");
        steps.dedup_by_key(|(step, _)| *step);
        assert_eq!(
            steps.iter().map(|(step, _)| *step).collect::<Vec<_>>(),
            expected,
            "the steps, in order (bulk_bytes {bulk_bytes})"
        );
        assert!(
            steps.iter().skip(1).all(|(_, rows)| *rows == 50),
            "every finishing step still counts the rows read: {steps:?}"
        );
    }
}
