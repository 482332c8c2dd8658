//! The shell's state: the open database (or why it did not open) and the current session.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use jasaq::access::Actor;
use jasaq::accounts::{self, Session};
use jasaq::clock::SystemClock;
use jasaq::db::{Checkpointer, Prefetch, Store};
use jasaq::{Error, ErrorCode, Result};

pub struct Shell {
    path: Result<PathBuf>,
    store: Mutex<Result<Store>>,
    /// Keeps the write-ahead log copied into the file off the save path.
    checkpointer: Mutex<Option<Checkpointer>>,
    /// Reads the file into the OS page cache while the user signs in (first use after a reboot).
    _prefetch: Option<Prefetch>,
    session: Mutex<Option<Session>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shell {
    /// Opens the database at `path` (or keeps why it could not be opened, to show the user).
    pub fn open(path: Result<PathBuf>) -> Self {
        let store = Self::try_open(&path);
        let prefetch = match (&path, &store) {
            (Ok(path), Ok(_)) => Prefetch::spawn(path)
                .inspect_err(|err| tracing::warn!(message = %err.message, "prefetch did not start"))
                .ok(),
            _ => None,
        };
        let shell = Self {
            path,
            store: Mutex::new(store),
            checkpointer: Mutex::new(None),
            _prefetch: prefetch,
            session: Mutex::new(None),
        };
        shell.start_checkpointer();
        shell
    }

    fn start_checkpointer(&self) {
        let (Ok(path), Ok(_)) = (&self.path, &*lock(&self.store)) else {
            return;
        };
        match Checkpointer::spawn(path) {
            Ok(checkpointer) => *lock(&self.checkpointer) = Some(checkpointer),
            // Without it SQLite still checkpoints when the app closes; saves just grow the log.
            Err(err) => tracing::error!(message = %err.message, "checkpointer did not start"),
        }
    }

    fn try_open(path: &Result<PathBuf>) -> Result<Store> {
        let path = path.as_ref().map_err(Clone::clone)?;
        let opened = Store::open(path, Arc::new(SystemClock));
        if let Err(err) = &opened {
            tracing::error!(reason = %err.reason, message = %err.message, "database did not open");
        }
        opened
    }

    /// Runs `f` on the database without a signed-in user (setup, sign-in, status). If the
    /// database could not be opened, each call tries again, so the user can fix the file
    /// (or free the disk) and press Retry without restarting.
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut store = lock(&self.store);
        if store.is_err() {
            *store = Self::try_open(&self.path);
            if store.is_ok() {
                drop(store);
                self.start_checkpointer();
                store = lock(&self.store);
            }
        }
        let store = store.as_mut().map_err(|e| e.clone())?;
        f(store)
    }

    /// Runs `f` as the signed-in user; an expired or ended session is dropped.
    pub fn as_actor<T>(&self, f: impl FnOnce(&mut Store, &Actor) -> Result<T>) -> Result<T> {
        let mut store = lock(&self.store);
        let store = store.as_mut().map_err(|e| e.clone())?;
        let mut session = lock(&self.session);
        let current = session
            .as_mut()
            .ok_or_else(|| Error::unauthenticated("not_signed_in"))?;
        match accounts::resume(store, current) {
            Ok(actor) => f(store, &actor),
            Err(err) => {
                if err.code == ErrorCode::Unauthenticated {
                    *session = None;
                }
                Err(err)
            }
        }
    }

    pub fn set_session(&self, session: Option<Session>) {
        *lock(&self.session) = session;
    }
}

/// Runs blocking core work (Argon2 hashing, SQLite) off the UI thread.
pub async fn blocking<T: Send + 'static>(
    shell: &Arc<Shell>,
    f: impl FnOnce(&Shell) -> Result<T> + Send + 'static,
) -> Result<T> {
    let shell = Arc::clone(shell);
    tauri::async_runtime::spawn_blocking(move || f(&shell))
        .await
        .map_err(|e| Error::internal(format!("worker failed: {e}")))?
}
