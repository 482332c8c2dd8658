//! The import itself: one immediate transaction from the first row to the audit entry, so a
//! crash, a kill or a cancel leaves the database exactly as it was (SQLite's journal undoes
//! an uncommitted transaction on the next open).
//!
//! Rows are checked one by one ([`super::row`]) and written through the form's own writes.
//! In all-or-nothing mode the first refused row stops the writing (the rest is only checked,
//! so that every problem is listed) and the transaction is rolled back. The cancel flag is
//! read between rows; progress is reported at most every 200 ms.

use std::io::Read;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::bulk;
use super::row::{self, Checked, Plan};
use super::{fields, file_name, ImportMode, ImportOptions, ImportReport, RefusedRow, MAX_PROBLEMS};
use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::sheets;
use crate::volunteers::current_rules;
use crate::volunteers::save::{write_correction, write_new};

/// How far an import has got. `fraction` is of the file (bytes of a CSV, rows of a workbook).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    #[ts(type = "number")]
    pub rows: u64,
    pub rows_per_second: f64,
    pub seconds_left: Option<f64>,
    pub fraction: f64,
}

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
    let bulk = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) >= bulk::BULK_BYTES;
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

/// The transaction: every row, then the import's record and audit entry, then the commit.
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
    mut report: ImportReport,
) -> Result<ImportReport> {
    let now = store.now();
    let started = Instant::now();
    let tx = store.write()?;
    let rules = current_rules(&tx)?;
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
    let dropped = if bulk { Some(bulk::begin(&tx)?) } else { None };
    let mut checker = row::Checker::new(&tx, actor, mapping, header, places, options, now, &rules);
    let mut last_report = Instant::now();
    while let Some(read) = table.next() {
        if cancel.load(Ordering::Relaxed) {
            return Err(cancelled());
        }
        let row = read?;
        report.rows_read += 1;
        let Checked { plan, problems } = checker.check(&row)?;
        let writing = options.mode == ImportMode::ValidOnly || report.refused == 0;
        match plan {
            Plan::Create(clean) if writing => {
                let (volunteer, _, _) = write_new(&tx, now, &clean, &rules)?;
                trace(&tx, &import_id, row.number, &volunteer.id, "created")?;
                report.created += 1;
            }
            Plan::Update(before, clean) if writing => {
                write_correction(&tx, actor, now, &before, &clean, &rules)?;
                trace(&tx, &import_id, row.number, &before.id, "updated")?;
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
        if last_report.elapsed() >= PROGRESS_EVERY {
            last_report = Instant::now();
            progress(&measure(
                report.rows_read,
                started,
                sheets::Table::position(table),
            ));
        }
    }
    drop(checker);
    if cancel.load(Ordering::Relaxed) {
        return Err(cancelled());
    }
    progress(&measure(
        report.rows_read,
        started,
        sheets::Table::position(table),
    ));
    if options.mode == ImportMode::AllOrNothing && report.refused > 0 {
        // Rolled back as `tx` drops: nothing of this file is written.
        report.created = 0;
        report.updated = 0;
        report.unchanged = 0;
        return Ok(report);
    }
    if let Some(dropped) = &dropped {
        bulk::finish(&tx, dropped)?;
    }
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
    let (scope_region, scope_district) = match actor.scope() {
        Scope::National => (None, None),
        Scope::Region(region) => (Some(region), None),
        Scope::District {
            region_id,
            district_id,
        } => (Some(region_id), Some(district_id)),
    };
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&import_id),
            region_id: scope_region.as_deref(),
            district_id: scope_district.as_deref(),
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
    report.committed = true;
    report.import_id = Some(import_id);
    Ok(report)
}

fn trace(
    tx: &rusqlite::Transaction<'_>,
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

fn measure(rows: u64, started: Instant, at: sheets::Position) -> ImportProgress {
    let elapsed = started.elapsed().as_secs_f64().max(1e-3);
    let fraction = if at.total == 0 {
        0.0
    } else {
        (at.done as f64 / at.total as f64).min(1.0)
    };
    ImportProgress {
        rows,
        rows_per_second: rows as f64 / elapsed,
        seconds_left: (fraction > 0.0).then(|| elapsed * (1.0 - fraction) / fraction),
        fraction,
    }
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
