//! The import itself: one immediate transaction from the first row to the audit entry, so a
//! crash, a kill or a cancel leaves the database exactly as it was (SQLite's journal undoes
//! an uncommitted transaction on the next open).
//!
//! Rows are checked in file order ([`super::row`]: in create mode the form's validation runs
//! on a reading thread, the IIN check and the writes on the connection's) and written through
//! the form's own insert ([`insert_unsearchable`], which `save::write_new` runs too, through
//! `insert_folded`); their search entries are written a few thousand at a time ([`Pending`])
//! and their likely duplicates are flagged once after the rows. In all-or-nothing mode the
//! first refused row stops the writing (the rest is only checked, so that every problem is
//! listed) and the transaction is rolled back. The cancel flag is read between rows and after
//! each of the steps that follow the last one, up to the commit; progress is reported at most
//! every 200 ms, and at the start of each of those steps ([`ImportStep`]).

use std::io::Read as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};
use sha2::{Digest, Sha256};

use super::bulk;
use super::progress::{measure, phase, ImportProgress, ImportStep};
use super::row::{self, Checked, Plan, Read};
use super::{fields, file_name, ImportMode, ImportOptions, ImportReport, RefusedRow, MAX_PROBLEMS};
use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp, IdBatch};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::sheets;
use crate::volunteers::catalogue::CatalogueCopy;
use crate::volunteers::duplicates::flag_import_duplicates;
use crate::volunteers::record::insert_unsearchable;
use crate::volunteers::save::write_correction;
use crate::volunteers::search_index::Pending;
use crate::volunteers::{current_rules, RuleSet};

const PROGRESS_EVERY: Duration = Duration::from_millis(200);

/// Imports the volunteers of a spreadsheet file (see the module header).
pub fn import(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    options: &ImportOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ImportProgress),
) -> Result<ImportReport> {
    import_bulk_from(
        store,
        actor,
        path,
        options,
        cancel,
        progress,
        bulk::BULK_BYTES,
    )
}

/// [`import`], taking the bulk path ([`bulk`]) for files of `bulk_bytes` bytes or more
/// instead of [`bulk::BULK_BYTES`]: tests run it on small files.
#[doc(hidden)]
pub fn import_bulk_from(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    options: &ImportOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ImportProgress),
    bulk_bytes: u64,
) -> Result<ImportReport> {
    actor.require_writer()?;
    let sha256 = file_sha256(path)?;
    let mut table = sheets::open(path)?;
    let mapping = row::mapping(&table.header, options.mapping.as_deref())?;
    fields::require_iin(&mapping)?;
    let header = table.header.cells.clone();
    let places = fields::Places::load(store.conn())?;
    let report = ImportReport {
        import_id: None,
        committed: false,
        file_name: file_name(path),
        sha256,
        mode: options.mode,
        update_existing: options.update_existing,
        rows_read: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        refused: 0,
        header: header.clone(),
        problems: Vec::new(),
        refused_rows: Vec::new(),
        problems_truncated: false,
    };
    let bulk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) >= bulk_bytes;
    let cache_size: i64 = store
        .conn()
        .query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    if bulk {
        store
            .conn()
            .pragma_update(None, "cache_size", -bulk::CACHE_KIB)?;
    }
    let result = write(
        store, actor, options, cancel, progress, &mut table, &mapping, &header, &places, bulk,
        report,
    );
    // The page cache goes back whatever happened (the transaction is already settled).
    store.conn().pragma_update(None, "cache_size", cache_size)?;
    result
}

/// Rows the reading thread hands over at a time. One at a time, every row woke the other
/// thread (a futex call on each side): 8% of an import's samples under perf.
const BATCH: usize = 128;
/// Batches read ahead of the writing thread (bounds the memory the reading thread may hold).
const READ_AHEAD: usize = 4;

/// What the reading thread hands the writing one. `End` says the file was read to its end:
/// a channel closed without it means the reading thread died, and nothing is committed.
enum Message {
    Rows(Vec<Result<Read>>),
    End,
}

/// The transaction: every row, then the import's record and audit entry, then the commit.
///
/// In create mode the file is read, translated, validated and folded on a reading thread
/// ([`row::Reader`]) while this thread checks IINs against the database and writes
/// ([`row::Decider`], [`Rows::take`]), so the two halves of a row's work overlap; rows stay in
/// file order. In update mode the form starts from the stored record, read on this thread, so
/// both halves run here one row after another.
#[allow(clippy::too_many_arguments)]
fn write(
    store: &mut Store,
    actor: &Actor,
    options: &ImportOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&ImportProgress),
    table: &mut sheets::Table,
    mapping: &[Option<&'static str>],
    header: &[String],
    places: &fields::Places,
    bulk: bool,
    report: ImportReport,
) -> Result<ImportReport> {
    let now = store.now();
    let tx = store.write()?;
    let rules = current_rules(&tx)?;
    let catalogue = CatalogueCopy::load(&tx)?;
    let import_id = new_id(now).to_string();
    let (region_id, district_id) = match actor.scope() {
        Scope::National => (None, None),
        Scope::Region(region) => (Some(region), None),
        Scope::District {
            region_id,
            district_id,
        } => (Some(region_id), Some(district_id)),
    };
    tx.execute(
        "INSERT INTO imports (id, kind, at, actor_id, actor_username, file_name, sha256, mode,
             update_existing, rows_read, created, updated, unchanged, refused, region_id,
             district_id)
         VALUES (?1, 'volunteers', ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0, 0, 0, 0, 0, ?9, ?10)",
        params![
            import_id,
            stamp(now),
            actor.user_id(),
            actor.username(),
            report.file_name,
            report.sha256,
            options.mode.as_str(),
            options.update_existing,
            region_id,
            district_id
        ],
    )?;
    let dropped = if bulk {
        Some(bulk::begin(&tx, options.update_existing)?)
    } else {
        None
    };
    let decider = row::Decider::new(&tx, actor, mapping, header, now, &rules);
    let mut reader = row::Reader::new(actor, mapping, places, &catalogue, now);
    let mut rows = Rows {
        tx: &tx,
        actor,
        options,
        now,
        rules: &rules,
        ids: IdBatch::new(),
        search: Pending::default(),
        import_id: &import_id,
        report,
        tracker: table.tracker(),
        started: Instant::now(),
        last_report: Instant::now(),
    };
    if options.update_existing {
        let mut checker = row::Checker::new(reader, decider, options);
        for read in table.by_ref() {
            if cancel.load(Ordering::Relaxed) {
                return Err(cancelled());
            }
            let read = checker.read(read?)?;
            rows.take(&checker.decider, read, progress)?;
        }
    } else {
        std::thread::scope(|scope| -> Result<()> {
            let (send, receive) = sync_channel::<Message>(READ_AHEAD);
            let reading = std::thread::Builder::new()
                .name("jasaq-import-read".into())
                .spawn_scoped(scope, move || {
                    let mut batch = Vec::with_capacity(BATCH);
                    for item in table.by_ref() {
                        batch.push(item.map(|row| reader.read(row, (None, None))));
                        if batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            if send.send(Message::Rows(full)).is_err() {
                                // The writing thread stopped (an error or a cancel): so do we.
                                return;
                            }
                        }
                    }
                    if !batch.is_empty() && send.send(Message::Rows(batch)).is_err() {
                        return;
                    }
                    let _ = send.send(Message::End);
                })
                .map_err(|e| Error::internal(format!("import reading thread: {e}")))?;
            // `receive` is dropped on every return, which stops the reading thread.
            loop {
                match receive.recv() {
                    Ok(Message::Rows(batch)) => {
                        for read in batch {
                            if cancel.load(Ordering::Relaxed) {
                                return Err(cancelled());
                            }
                            rows.take(&decider, read?, progress)?;
                        }
                    }
                    Ok(Message::End) => break,
                    Err(_) => {
                        drop(receive);
                        let _ = reading.join();
                        return Err(Error::internal("the import's reading thread stopped"));
                    }
                }
            }
            Ok(())
        })?;
    }
    let mut report = rows.report;
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    progress(&measure(
        report.rows_read,
        rows.started,
        rows.tracker.position(),
    ));
    if options.mode == ImportMode::AllOrNothing && report.refused > 0 {
        // Rolled back as `tx` drops: nothing of this file is written.
        report.created = 0;
        report.updated = 0;
        report.unchanged = 0;
        return Ok(report);
    }
    // After the last row the cancel flag is still read at the end of every step: a large
    // import spends a third of its time in them (index rebuild, search merge, duplicates).
    // Each step's end is logged, then the cancel flag read, then the next step reported.
    let started = rows.started;
    let at_end = measure(report.rows_read, started, rows.tracker.position());
    let mut step = |done: &str, next: ImportStep| {
        phase(started, done);
        if cancel.load(Ordering::Relaxed) {
            return Err(cancelled());
        }
        progress(&ImportProgress {
            step: next,
            ..at_end.clone()
        });
        Ok(())
    };
    rows.search.write(&tx)?;
    let ids = rows.ids;
    if let Some(dropped) = &dropped {
        step("rows written", ImportStep::Indexes)?;
        bulk::rebuild(&tx, dropped)?;
        step("indexes rebuilt", ImportStep::Search)?;
        bulk::merge(&tx)?;
        step("search indexes merged", ImportStep::Duplicates)?;
    } else {
        step("rows written", ImportStep::Duplicates)?;
    }
    // After the rows (and the bulk path's index rebuild): see `flag_import_duplicates`.
    flag_import_duplicates(&tx, &ids, now, &import_id)?;
    step("likely duplicates flagged", ImportStep::Saving)?;
    tx.execute(
        "UPDATE imports SET rows_read = ?2, created = ?3, updated = ?4, unchanged = ?5,
             refused = ?6 WHERE id = ?1",
        params![
            import_id,
            report.rows_read as i64,
            report.created as i64,
            report.updated as i64,
            report.unchanged as i64,
            report.refused as i64
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&import_id),
            region_id: region_id.as_deref(),
            district_id: district_id.as_deref(),
            after: Some(serde_json::json!({
                "file_name": report.file_name,
                "sha256": report.sha256,
                "mode": options.mode.as_str(),
                "update_existing": options.update_existing,
                "rows_read": report.rows_read,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "refused": report.refused,
            })),
            ..Event::by(actor, "volunteer.import", "import")
        },
    )?;
    tx.commit()?;
    phase(started, "committed");
    report.committed = true;
    report.import_id = Some(import_id);
    Ok(report)
}

/// The writing side of an import: completes each row's check and writes what it plans.
struct Rows<'a> {
    tx: &'a Transaction<'a>,
    actor: &'a Actor,
    options: &'a ImportOptions,
    now: DateTime<Utc>,
    rules: &'a RuleSet,
    ids: IdBatch,
    /// The created rows' search entries, written a few thousand at a time.
    search: Pending,
    import_id: &'a str,
    report: ImportReport,
    tracker: sheets::Tracker,
    started: Instant,
    last_report: Instant,
}

impl Rows<'_> {
    /// One row, in file order. In all-or-nothing mode the first refused row stops the
    /// writing; the rest is only checked, so that every problem is listed.
    fn take(
        &mut self,
        decider: &row::Decider<'_>,
        read: Read,
        progress: &mut dyn FnMut(&ImportProgress),
    ) -> Result<()> {
        let (row, Checked { plan, problems }) = decider.decide(read)?;
        let report = &mut self.report;
        report.rows_read += 1;
        let writing = self.options.mode == ImportMode::ValidOnly || report.refused == 0;
        match plan {
            Plan::Create(created) if writing => {
                let (clean, folded) = *created;
                let (inserted, seq) =
                    insert_unsearchable(self.tx, &self.ids, self.now, &clean, &folded, self.rules)?;
                self.search.add(self.tx, seq, folded.search)?;
                // Likely duplicates of created rows are flagged after the rows, in one join.
                trace(self.tx, self.import_id, row.number, &inserted.id, "created")?;
                report.created += 1;
            }
            Plan::Update(before, clean) if writing => {
                write_correction(self.tx, self.actor, self.now, &before, &clean, self.rules)?;
                trace(self.tx, self.import_id, row.number, &before.id, "updated")?;
                report.updated += 1;
            }
            Plan::Create(_) | Plan::Update(..) => {}
            Plan::Unchanged => report.unchanged += 1,
            Plan::Refused => {
                report.refused += 1;
                if report.problems.len() < MAX_PROBLEMS {
                    report.problems.extend(problems);
                    report.refused_rows.push(RefusedRow {
                        row: row.number,
                        cells: row.cells,
                    });
                } else {
                    report.problems_truncated = true;
                }
            }
        }
        if self.last_report.elapsed() >= PROGRESS_EVERY {
            self.last_report = Instant::now();
            progress(&measure(
                report.rows_read,
                self.started,
                self.tracker.position(),
            ));
        }
        Ok(())
    }
}

fn trace(
    tx: &Transaction<'_>,
    import_id: &str,
    row: u64,
    volunteer_id: &str,
    action: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO import_rows (import_id, row_number, volunteer_id, action)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![import_id, row as i64, volunteer_id, action])?;
    Ok(())
}

fn cancelled() -> Error {
    Error::conflict(
        "import_cancelled",
        "the import was cancelled; nothing was written",
    )
}

/// The SHA-256 of the file's bytes, read in chunks, as lower-case hex.
pub fn file_sha256(path: &Path) -> Result<String> {
    let mut file = std::fs::File::open(path).map_err(|e| {
        tracing::warn!(path = %path.display(), error = %e, "cannot open import file");
        Error::not_found("file")
    })?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = file.read(&mut buf).map_err(Error::internal)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
