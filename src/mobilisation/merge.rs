//! Merging a call-out sheet filled in on paper or on another machine (typed back, or imported
//! as CSV/XLSX/XLS through [`crate::sheets`]) into the same activation.
//!
//! Every row is checked first, exactly as the desk checks one answer; a sheet with any bad row
//! (an unknown IIN, a volunteer not on this activation's list or outside the actor's scope, a
//! report time before the declaration...) is reported by row and nothing is written. A clean
//! sheet is written in one transaction; a row whose answer the activation already holds is
//! left alone, so re-importing the same sheet changes nothing and duplicates nothing.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::answers::{check_answer, in_scope, target_by_volunteer, volunteer_by_iin, write_answer};
use super::declare::require_active;
use super::model::Response;
use super::read::find_activation;
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::new_id;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::sheets::{self, Field, HeaderMatcher};

const FIELDS: &[Field] = &[
    Field {
        key: "iin",
        aliases: &["ЖСН", "ИИН", "IIN"],
    },
    Field {
        key: "response",
        aliases: &[
            "Жауап",
            "Нәтиже",
            "Ответ",
            "Результат",
            "Response",
            "Outcome",
        ],
    },
    Field {
        key: "reported_at",
        aliases: &[
            "Келген уақыты",
            "Время явки",
            "Явился в",
            "Reported at",
            "Time",
        ],
    },
    Field {
        key: "reason",
        aliases: &[
            "Себебі",
            "Причина",
            "Reason",
            "Ескерту",
            "Примечание",
            "Note",
        ],
    },
];

/// Words a person may write in the response column, in any of the three languages.
const RESPONSE_WORDS: &[(&str, Response)] = &[
    ("will_report", Response::WillReport),
    ("reported", Response::Reported),
    ("excused", Response::Excused),
    ("not_reached", Response::NotReached),
    ("absent", Response::Absent),
    ("will report", Response::WillReport),
    ("not reached", Response::NotReached),
    ("келеді", Response::WillReport),
    ("келді", Response::Reported),
    ("босатылды", Response::Excused),
    ("хабарласа алмады", Response::NotReached),
    ("келмеді", Response::Absent),
    ("явится", Response::WillReport),
    ("явился", Response::Reported),
    ("прибыл", Response::Reported),
    ("освобождён", Response::Excused),
    ("освобожден", Response::Excused),
    ("уважительная причина", Response::Excused),
    ("не оповещён", Response::NotReached),
    ("не оповещен", Response::NotReached),
    ("не явился", Response::Absent),
];

fn response_of(text: &str) -> Option<Response> {
    let folded = text.trim().to_lowercase();
    RESPONSE_WORDS
        .iter()
        .find(|(w, _)| *w == folded)
        .map(|(_, r)| *r)
}

pub const MAX_MERGE_ROWS: usize = 50_000;

/// One answer as read from a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetAnswer {
    pub row: u32,
    pub iin: String,
    pub response: String,
    pub reported_at: Option<String>,
    pub reason: Option<String>,
}

/// A sheet sent by the desktop app's file input, to merge into an activation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeSheetInput {
    pub activation_id: String,
    pub content: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeRowError {
    pub row: u32,
    pub iin: String,
    pub field: String,
    pub rule: String,
    pub params: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MergeReport {
    /// True when the sheet was clean and its answers were written.
    pub applied: bool,
    pub rows: u32,
    /// Answers written (new or changed).
    pub written: u32,
    /// Rows whose answer the activation already held.
    pub unchanged: u32,
    pub errors: Vec<MergeRowError>,
}

/// Reads the answers of a sheet: `iin` and `response` columns are required.
pub fn read_answers(path: &Path) -> Result<Vec<SheetAnswer>> {
    let mut table = sheets::open(path)?;
    let matcher = HeaderMatcher::new(FIELDS);
    let columns = matcher.require(&table.header)?;
    let column = |key: &str| columns.iter().position(|c| *c == Some(key));
    let mut missing = Vec::new();
    for key in ["iin", "response"] {
        if column(key).is_none() {
            missing.push(FieldError::new("file", "missing_column").with("column", key));
        }
    }
    let (Some(iin), Some(response)) = (column("iin"), column("response")) else {
        return Err(Error::invalid(missing));
    };
    let (at, reason) = (column("reported_at"), column("reason"));
    let mut out = Vec::new();
    for row in table.by_ref() {
        let row = row?;
        if out.len() == MAX_MERGE_ROWS {
            return Err(Error::field("file", "too_many").with("max", MAX_MERGE_ROWS));
        }
        let text = |c: Option<usize>| {
            c.map(|c| row.cell(c).trim().to_owned())
                .filter(|t| !t.is_empty())
        };
        // Rows of a printed sheet not yet filled in carry no answer: nothing to merge.
        let answer = row.cell(response).trim().to_owned();
        if answer.is_empty() {
            continue;
        }
        out.push(SheetAnswer {
            row: u32::try_from(row.number).unwrap_or(u32::MAX),
            iin: row.cell(iin).trim().to_owned(),
            response: answer,
            reported_at: text(at),
            reason: text(reason),
        });
    }
    Ok(out)
}

/// Merges a sheet file into an activation.
pub fn merge_sheet(
    store: &mut Store,
    actor: &Actor,
    activation_id: &str,
    path: &Path,
) -> Result<MergeReport> {
    actor.require_writer()?;
    let rows = read_answers(path)?;
    merge_answers(store, actor, activation_id, rows)
}

/// Merges a sheet sent as bytes (the desktop app's file input).
pub fn merge_sheet_bytes(
    store: &mut Store,
    actor: &Actor,
    activation_id: &str,
    content: &[u8],
) -> Result<MergeReport> {
    actor.require_writer()?;
    if content.len() > crate::units::MAX_BULK_BYTES {
        return Err(Error::field("file", "too_large").with("max", crate::units::MAX_BULK_BYTES));
    }
    let path = std::env::temp_dir().join(format!("jasaq-callout-{}.sheet", new_id(store.now())));
    crate::units::bulk_file::write_private(&path, content)
        .map_err(|e| Error::internal(format!("callout temp file {}: {e}", path.display())))?;
    let rows = read_answers(&path);
    if let Err(e) = std::fs::remove_file(&path) {
        tracing::warn!(path = %path.display(), %e, "could not remove a call-out sheet temp file");
    }
    merge_answers(store, actor, activation_id, rows?)
}

/// Checks every answer, then writes them all or none.
pub fn merge_answers(
    store: &mut Store,
    actor: &Actor,
    activation_id: &str,
    rows: Vec<SheetAnswer>,
) -> Result<MergeReport> {
    actor.require_writer()?;
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, activation_id.trim())?;
    require_active(&activation)?;
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut checked = Vec::new();
    for r in &rows {
        let mut fail = |field: &str, rule: &str, params: Vec<(String, String)>| {
            errors.push(MergeRowError {
                row: r.row,
                iin: r.iin.clone(),
                field: field.to_owned(),
                rule: rule.to_owned(),
                params: params.into_iter().collect(),
            })
        };
        if !seen.insert(r.iin.clone()) {
            fail("iin", "duplicate_iin", vec![]);
            continue;
        }
        let Some(volunteer) = volunteer_by_iin(&tx, &r.iin)? else {
            fail("iin", "unknown_iin", vec![]);
            continue;
        };
        let Some(target) = target_by_volunteer(&tx, &activation.id, &volunteer)? else {
            fail("iin", "not_in_activation", vec![]);
            continue;
        };
        if !in_scope(actor, &target.region_id, &target.district_id) {
            fail("iin", "out_of_scope", vec![]);
            continue;
        }
        if target.excluded.is_some() {
            fail("iin", "volunteer_excluded", vec![]);
            continue;
        }
        let Some(response) = response_of(&r.response) else {
            fail(
                "response",
                "unknown_value",
                vec![("value".into(), r.response.clone())],
            );
            continue;
        };
        let mut problems = Vec::new();
        let (at, reason) = check_answer(
            &activation,
            response,
            r.reported_at.as_deref(),
            r.reason.as_deref(),
            now,
            &mut problems,
        );
        if let Some(p) = problems.into_iter().next() {
            fail(&p.field, &p.rule, p.params.into_iter().collect());
            continue;
        }
        checked.push((target, response, at, reason));
    }
    let mut report = MergeReport {
        applied: false,
        rows: u32::try_from(rows.len()).unwrap_or(u32::MAX),
        written: 0,
        unchanged: 0,
        errors,
    };
    if !report.errors.is_empty() {
        return Ok(report);
    }
    for (target, response, at, reason) in &checked {
        // The same answer already held (a re-import, or the desk got there first): untouched.
        let same = target.response == response.as_str()
            && (*response != Response::Reported || target.reported_at.is_some());
        if same {
            report.unchanged += 1;
            continue;
        }
        write_answer(
            &tx,
            actor,
            &activation,
            target,
            *response,
            at.as_deref(),
            reason.as_deref(),
            "sheet",
            now,
        )?;
        report.written += 1;
    }
    report.applied = true;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&activation.id),
            region_id: activation.region_id.as_deref(),
            after: Some(serde_json::json!({
                "rows": report.rows, "written": report.written, "unchanged": report.unchanged
            })),
            ..Event::by(actor, "activation.merge_sheet", "activation")
        },
    )?;
    tx.commit()?;
    Ok(report)
}
