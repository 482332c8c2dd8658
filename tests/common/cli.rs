//! The `jasaq` binary as the CLI tests run it: against a test database, signed in as the
//! first national administrator `chief` through the environment, with the data directory (its
//! log) beside the database. Included by each `tests/cli_*.rs` that needs it; not every file
//! uses every helper.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub const ADMIN_PASSWORD: &str = "Steppe-watch-2026!";

pub fn jasaq(db: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_jasaq"));
    cmd.arg("--db").arg(db).args(args);
    cmd.env_remove("JASAQ_NEW_PASSWORD")
        .env("JASAQ_USER", "chief")
        .env("JASAQ_PASSWORD", ADMIN_PASSWORD)
        .env("XDG_DATA_HOME", db.parent().unwrap());
    cmd.output().expect("the jasaq binary runs")
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", text(out)))
}

pub fn ok(out: Output, what: &str) -> Output {
    assert!(out.status.success(), "{what}: {}", text(&out));
    out
}
