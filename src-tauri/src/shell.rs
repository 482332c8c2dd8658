//! The shell's state: the open database (or why it did not open) and the current session.

use std::sync::{Arc, Mutex, MutexGuard};

use jasaq::access::Actor;
use jasaq::accounts::{self, Session};
use jasaq::db::Store;
use jasaq::{Error, ErrorCode, Result};

pub struct Shell {
    store: Mutex<Result<Store>>,
    session: Mutex<Option<Session>>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Shell {
    pub fn new(store: Result<Store>) -> Self {
        Self {
            store: Mutex::new(store),
            session: Mutex::new(None),
        }
    }

    /// Runs `f` on the database without a signed-in user (setup, sign-in, status).
    pub fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut store = lock(&self.store);
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
