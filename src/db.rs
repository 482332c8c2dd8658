//! Opening the database: one `open()` for the app, the CLI and the tests.
//!
//! It refuses, before writing a single byte, a file that is not SQLite and a database whose
//! schema is newer than this binary knows (an older Jasaq must not half-understand newer data).
//! Then it sets WAL, foreign keys and a busy timeout and applies the embedded migrations,
//! each in its own immediate transaction, recording progress in `PRAGMA user_version`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

use rusqlite::{Connection, ErrorCode as SqliteCode, OpenFlags, Transaction, TransactionBehavior};

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};

include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The application id, also Tauri's `identifier`: the database lives in
/// `<user data dir>/<APP_ID>/jasaq.db` for both the desktop app and the CLI.
pub const APP_ID: &str = "kz.jasaq.desktop";

/// The schema version this binary writes.
pub fn schema_version() -> u32 {
    MIGRATIONS.len() as u32
}

/// `$JASAQ_DB` if set, else `~/.local/share/kz.jasaq.desktop/jasaq.db` (the OS data dir).
pub fn default_path() -> Result<PathBuf> {
    if let Some(path) = std::env::var_os("JASAQ_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    dirs::data_dir()
        .map(|dir| dir.join(APP_ID).join("jasaq.db"))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::Internal,
                "database_unavailable",
                "no user data directory is known; pass --db PATH or set JASAQ_DB",
            )
        })
}

/// An open database and the clock its rules run on.
pub struct Store {
    conn: Connection,
    clock: Arc<dyn Clock>,
}

impl Store {
    /// Opens (creating if missing) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path, clock: Arc<dyn Clock>) -> Result<Self> {
        let shown = path.display().to_string();
        let unavailable = |detail: String| {
            tracing::error!(path = %shown, %detail, "cannot open database");
            Error::new(
                ErrorCode::Internal,
                "database_unavailable",
                format!("cannot open the database at {shown}"),
            )
            .with("path", &shown)
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| unavailable(e.to_string()))?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| unavailable(e.to_string()))?;
        conn.busy_timeout(Duration::from_secs(5))?;

        // Read-only probes first: nothing is written to a file we will refuse.
        let user_version: u32 = match conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
            .and_then(|_| conn.query_row("PRAGMA user_version", [], |row| row.get(0)))
        {
            Ok(version) => version,
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == SqliteCode::NotADatabase => {
                return Err(Error::new(
                    ErrorCode::Internal,
                    "not_a_database",
                    format!("{shown} is not a Jasaq database (not an SQLite file); it was left untouched"),
                )
                .with("path", &shown));
            }
            Err(e) => return Err(unavailable(e.to_string())),
        };
        if user_version > schema_version() {
            return Err(Error::new(
                ErrorCode::Internal,
                "newer_schema",
                format!(
                    "{shown} was written by a newer Jasaq (schema {user_version}, this build knows {}); \
                     update Jasaq to open it; the file was left untouched",
                    schema_version()
                ),
            )
            .with("path", &shown)
            .with("found", user_version)
            .with("known", schema_version()));
        }

        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: a save the operator was told succeeded survives a power cut (NORMAL in WAL mode
        // may lose the last commits). It also keeps the save path's latency tail short: each
        // commit flushes its own few WAL pages, so the background checkpoint's fsync has little
        // left to flush. Measured at 1,000,000 volunteers, 1,000 back-to-back registrations with
        // the checkpointer running: NORMAL p99 2.9-4.9 ms, max 68-81 ms (saves stalled behind
        // checkpoints of 90-300 ms); FULL p99 3.3 ms, max 8 ms (checkpoints ~14 ms).
        conn.pragma_update(None, "synchronous", "FULL")?;
        // Checkpoints run off the write path (see [`Checkpointer`]): an automatic checkpoint
        // on the committing thread would make one save in a few dozen wait for copying the
        // WAL into the main file. When the last connection closes, SQLite checkpoints anyway.
        conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let mut store = Self { conn, clock };
        store.migrate(user_version)?;
        Ok(store)
    }

    fn migrate(&mut self, from: u32) -> Result<()> {
        for (number, name, sql) in MIGRATIONS.iter().filter(|(n, _, _)| *n > from) {
            let tx = self.write()?;
            tx.execute_batch(sql)
                .map_err(|e| Error::internal(format!("migration {name} failed: {e}")))?;
            tx.pragma_update(None, "user_version", number)?;
            tx.commit()?;
            tracing::info!(migration = name, "applied migration");
        }
        Ok(())
    }

    /// Starts an immediate write transaction: it takes the write lock at once, so two offices'
    /// writers queue on the busy timeout instead of failing half-way through.
    pub fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

/// Copies the write-ahead log into the database file from a thread of its own, so saves never
/// pay for it, and at a pause in writing, so saves do not wait behind it either. `PASSIVE`
/// never blocks readers or writers; it simply does less when they are busy and catches up on
/// the next round. Stops (with a last checkpoint) when dropped.
///
/// Why a pause: a checkpoint writes the new pages into the database file and flushes it, and a
/// save that commits meanwhile waits for the disk. Measured at 1,000,000 volunteers, 1,000
/// back-to-back registrations on an idle machine: with a checkpoint every 250 ms, p99 2.7-4.1
/// ms and max 7-114 ms; with none during the run, p99 2.4-2.5 ms and max 3.6-4.2 ms. Work at
/// a desk comes in bursts with pauses between them; during a long burst (a script registering
/// thousands) the log is still copied at least every [`Self::MAX_DEFER`].
pub struct Checkpointer {
    stop: Arc<AtomicBool>,
    done: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// How often the thread looks at the log.
    pub const INTERVAL: Duration = Duration::from_millis(250);
    /// A pause: the log has not been written for this long.
    pub const QUIET: Duration = Duration::from_millis(500);
    /// The longest the log waits for a pause once it has something to copy.
    pub const MAX_DEFER: Duration = Duration::from_secs(10);

    pub fn spawn(path: &Path) -> Result<Self> {
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(5))?;
        let mut wal = path.as_os_str().to_owned();
        wal.push("-wal");
        let wal = PathBuf::from(wal);
        let stop = Arc::new(AtomicBool::new(false));
        let done = Arc::new(AtomicU64::new(0));
        let (flag, count) = (Arc::clone(&stop), Arc::clone(&done));
        let thread = std::thread::Builder::new()
            .name("jasaq-checkpoint".into())
            .spawn(move || {
                let mut due = Due::default();
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(Self::INTERVAL);
                    if let Some(seen) = due.now(&wal) {
                        if checkpoint(&conn) {
                            due.copied = Some(seen);
                        }
                        count.fetch_add(1, Ordering::Relaxed);
                    }
                }
                checkpoint(&conn);
            })
            .map_err(|e| Error::internal(format!("checkpoint thread: {e}")))?;
        Ok(Self {
            stop,
            done,
            thread: Some(thread),
        })
    }

    /// How many checkpoints the thread has run so far (the last one, on drop, not counted).
    pub fn checkpoints(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }
}

/// Whether the log has something new to copy and the moment is right: looked at from outside
/// SQLite (the log file's size and modification time), so that looking costs no lock.
#[derive(Default)]
struct Due {
    /// The log as it was when a checkpoint last copied all of it.
    copied: Option<(u64, SystemTime)>,
    /// When the log was first seen changed since then.
    waiting_since: Option<Instant>,
}

impl Due {
    /// The log's size and time if a checkpoint should run now.
    fn now(&mut self, wal: &Path) -> Option<(u64, SystemTime)> {
        let seen = std::fs::metadata(wal)
            .and_then(|m| Ok((m.len(), m.modified()?)))
            .ok()?;
        if self.copied == Some(seen) {
            self.waiting_since = None;
            return None;
        }
        let waiting = self
            .waiting_since
            .get_or_insert_with(Instant::now)
            .elapsed();
        let quiet = seen.1.elapsed().map_or(true, |e| e >= Checkpointer::QUIET);
        if quiet || waiting >= Checkpointer::MAX_DEFER {
            self.waiting_since = None;
            return Some(seen);
        }
        None
    }
}

/// One passive checkpoint; true when it copied the whole log (a reader still on an older
/// snapshot can hold part of it back, and the next round tries again).
fn checkpoint(conn: &Connection) -> bool {
    let outcome = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok((r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
    });
    match outcome {
        Ok((log, copied)) => copied >= log,
        Err(e) => {
            tracing::warn!(%e, "background checkpoint failed; retrying on the next round");
            false
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads back a JSON column this program wrote. A value that does not parse is an error (an
/// internal error to the user, the detail in the log), never a silent default: an empty list
/// in place of a rule set's excluded health categories would admit people the rules refuse.
pub(crate) fn json_column<T: serde::de::DeserializeOwned>(
    column: usize,
    text: &str,
) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.into())
    })
}

/// A stored code this version does not know: written by a newer version, or damaged. Read as
/// an error rather than guessed at.
pub(crate) fn unknown_code(column: usize, what: &str, text: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unknown {what} {text:?}").into(),
    )
}

/// Reads the database file once from a thread of its own when the app opens it, so that the
/// first searches after a reboot find its pages in the OS page cache instead of waiting for
/// one disk read per row. Sequential reads of a 3 GB file take seconds; the user is still
/// signing in. Reads at most half of the memory the OS reports available (on Linux; a fixed
/// cap elsewhere) so it never pushes other programs out, and stops when dropped.
pub struct Prefetch {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<PrefetchOutcome>>,
}

/// What a finished [`Prefetch`] read.
#[derive(Debug, Clone, Copy)]
pub struct PrefetchOutcome {
    pub bytes: u64,
    pub elapsed: Duration,
    pub stopped: bool,
}

impl Prefetch {
    /// Where no available-memory figure is known.
    const FALLBACK_LIMIT: u64 = 2 << 30;
    const CHUNK: usize = 4 << 20;

    pub fn spawn(path: &Path) -> Result<Self> {
        let path = path.to_owned();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("jasaq-prefetch".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let limit = available_memory().map_or(Self::FALLBACK_LIMIT, |m| m / 2);
                let (bytes, stopped) = read_through(&path, limit, &flag);
                let outcome = PrefetchOutcome {
                    bytes,
                    elapsed: started.elapsed(),
                    stopped,
                };
                tracing::info!(
                    mb = bytes >> 20,
                    ms = outcome.elapsed.as_millis() as u64,
                    stopped,
                    "database file read into the page cache"
                );
                outcome
            })
            .map_err(|e| Error::internal(format!("prefetch thread: {e}")))?;
        Ok(Self {
            stop,
            thread: Some(thread),
        })
    }

    /// Waits for the read to finish (benchmarks and tests; the app just lets it run).
    pub fn join(mut self) -> Option<PrefetchOutcome> {
        self.thread.take().and_then(|t| t.join().ok())
    }
}

/// Reads `path` and its write-ahead log front to back, at most `limit` bytes in all.
fn read_through(path: &Path, limit: u64, stop: &AtomicBool) -> (u64, bool) {
    use std::io::Read;
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let mut buffer = vec![0u8; Prefetch::CHUNK];
    let mut total = 0u64;
    for file in [path.to_owned(), PathBuf::from(wal)] {
        let Ok(mut f) = std::fs::File::open(&file) else {
            continue;
        };
        loop {
            if stop.load(Ordering::Relaxed) {
                return (total, true);
            }
            if total >= limit {
                return (total, false);
            }
            match f.read(&mut buffer) {
                Ok(0) => break,
                Ok(n) => total += n as u64,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    tracing::warn!(%e, "prefetch read failed; the cache warms on use instead");
                    break;
                }
            }
        }
    }
    (total, false)
}

/// `MemAvailable` of /proc/meminfo in bytes, where there is one.
fn available_memory() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

impl Drop for Prefetch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_column_refuses_what_does_not_parse() {
        let list: Vec<String> = json_column(4, r#"["D","E"]"#).expect("a stored list reads back");
        assert_eq!(list, ["D", "E"], "the stored list is read as written");
        let err = json_column::<Vec<String>>(4, "[\"D\",").expect_err("a damaged list");
        assert!(
            matches!(err, rusqlite::Error::FromSqlConversionFailure(4, _, _)),
            "a damaged column is an error naming its index, not an empty list: {err}"
        );
    }

    fn file_of(bytes: usize) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("jasaq.db");
        std::fs::write(&path, vec![7u8; bytes]).expect("file written");
        (dir, path)
    }

    #[test]
    fn prefetch_reads_the_file_and_its_log() {
        let (_dir, path) = file_of(3 * Prefetch::CHUNK + 5);
        std::fs::write(path.with_file_name("jasaq.db-wal"), vec![1u8; 1000]).expect("wal written");
        let outcome = Prefetch::spawn(&path)
            .expect("thread starts")
            .join()
            .expect("thread finishes");
        assert_eq!(
            outcome.bytes,
            (3 * Prefetch::CHUNK + 5 + 1000) as u64,
            "the database and its write-ahead log are read to the end"
        );
        assert!(!outcome.stopped, "nothing asked it to stop");
    }

    #[test]
    fn prefetch_keeps_to_its_limit_and_stops_when_asked() {
        let (_dir, path) = file_of(4 * Prefetch::CHUNK);
        let (bytes, stopped) = read_through(&path, Prefetch::CHUNK as u64, &AtomicBool::new(false));
        assert_eq!(
            bytes,
            Prefetch::CHUNK as u64,
            "the read ends at the first chunk that reaches the memory limit"
        );
        assert!(!stopped, "reaching the limit is not a stop");
        let (bytes, stopped) = read_through(&path, u64::MAX, &AtomicBool::new(true));
        assert_eq!(bytes, 0, "a stop asked before the first read reads nothing");
        assert!(stopped, "the outcome says it was stopped");
    }

    #[test]
    fn prefetch_of_a_missing_file_reads_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (bytes, stopped) = read_through(
            &dir.path().join("none.db"),
            u64::MAX,
            &AtomicBool::new(false),
        );
        assert_eq!(
            (bytes, stopped),
            (0, false),
            "a missing file is skipped, not an error"
        );
    }
}
