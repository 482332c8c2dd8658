//! A large import's storage shortcuts, all inside the import's one transaction so that the
//! all-or-nothing guarantee stands (SQLite's DDL is transactional: a rollback restores the
//! dropped indexes too).
//!
//! Secondary indexes are dropped before the rows and rebuilt after them: building an index by
//! one sort is far cheaper than a million inserts at random places in it. Kept are the
//! indexes the per-row checks read (the unique IIN and id, the districts, and in update mode
//! the duplicate-name key). Even the indexes an import's rows reach in order (its ids
//! increase, `clock::IdBatch`, and its rows share one creation time) are cheaper rebuilt:
//! kept and written row by row, the created-time, decision, skill and trace indexes made a
//! 100,000-row import 0.8 s slower (two A/B pairs, BENCHMARKS.md). The page cache is
//! enlarged while the rows are written, and shrunk while the indexes are rebuilt (see
//! [`SORT_CACHE_KIB`]). The trigram search indexes, written row by row into FTS5's in-memory
//! buffer, are merged into one segment at the end (as the generator does), so searches after
//! a large import read one b-tree per term. Every row still takes the form's checks and
//! writes; only where the index entries are made changes.

use rusqlite::Connection;

use crate::error::Result;

/// From this many bytes of file on, an import takes the bulk path (about 40,000 rows).
pub const BULK_BYTES: u64 = 8 << 20;

/// The page cache while a bulk import writes its rows, in KiB (SQLite's negative
/// `cache_size`): the unique IIN and id indexes take their entries at random places.
pub const CACHE_KIB: i64 = 192 * 1024;

/// The page cache while the indexes are rebuilt, in KiB, and SQLite's sorter's helper threads.
///
/// Each `CREATE INDEX` reads the whole table (500 MB at 1,000,000 volunteers, more than any
/// cache an import may take, so the cache holds nothing a later page needs) and sorts the
/// keys. The sorter keeps up to the cache's size of keys in memory; past that it sorts them
/// into a run in a temporary file and merges the runs at the end. With helper threads the
/// runs are sorted on another core while the table is still being read. Measured at
/// 1,000,000 volunteers (BENCHMARKS.md): the 19 rebuilds took 42.7 s with the 192 MB cache
/// and no helpers (one sort in memory per index, peak 500 MB for the import), 27.5 s with
/// 16 MB and two helpers (peak 340 MB).
pub const SORT_CACHE_KIB: i64 = 16 * 1024;
const SORT_THREADS: i64 = 2;

/// Indexes dropped and rebuilt by a bulk import: (name, CREATE statement).
pub struct Dropped {
    indexes: Vec<(String, String)>,
}

/// Tables whose secondary indexes are rebuilt.
const TABLES: &[&str] = &[
    "volunteers",
    "eligibility_decisions",
    "volunteer_skills",
    "import_rows",
];
/// The index an update's row-by-row duplicate check reads: kept in update mode. A create-only
/// import flags its rows' likely duplicates after the rebuild, in one join
/// (`duplicates::flag_import_duplicates`).
const NAME_INDEX: &str = "volunteers_by_name_key";

pub fn begin(tx: &Connection, update_existing: bool) -> Result<Dropped> {
    let mut indexes = Vec::new();
    for table in TABLES {
        let mut stmt = tx.prepare(
            "SELECT name, sql FROM sqlite_master
             WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        )?;
        let found = stmt
            .query_map([table], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        indexes.extend(
            found
                .into_iter()
                .filter(|(name, _)| !(update_existing && name == NAME_INDEX)),
        );
    }
    for (name, _) in &indexes {
        // Names come from sqlite_master, quoted as identifiers.
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(Dropped { indexes })
}

/// Rebuilds what [`begin`] dropped (the search indexes are merged after it: [`merge`]).
pub fn rebuild(tx: &Connection, dropped: &Dropped) -> Result<()> {
    tx.pragma_update(None, "cache_size", -SORT_CACHE_KIB)?;
    tx.pragma_update(None, "threads", SORT_THREADS)?;
    let rebuilt = dropped
        .indexes
        .iter()
        .try_for_each(|(_, sql)| tx.execute_batch(sql));
    // The connection's settings come back whether or not the rebuild succeeded.
    tx.pragma_update(None, "threads", 0)?;
    tx.pragma_update(None, "cache_size", -CACHE_KIB)?;
    Ok(rebuilt?)
}

/// Merges each search index's segments into one.
pub fn merge(tx: &Connection) -> Result<()> {
    crate::volunteers::search_index::optimize(tx)
}
