//! One row's check, shared by the preview and the import, in two halves:
//!
//! - [`Reader`]: translate the cells, note an IIN seen earlier in the file, and run the form's
//!   validation ([`validate`], reading places and skills from a [`CatalogueCopy`]); for a row
//!   that would be created, fold its names for the indexes. Needs no connection, so an import
//!   runs it on a reading thread of its own.
//! - [`Decider`]: on the connection, the rest of the form's check ([`check_unique`], the IIN
//!   is free), the fixed citizenship rule, and what would be written.
//!
//! In update mode the record an update would change is found first (on the connection) and
//! handed to the reader, since the form starts from it. Nothing here writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::fields::{self, Places, MATCHER};
use super::{ImportOptions, RowOutcome, RowProblem};
use crate::access::Actor;
use crate::clock::local_today;
use crate::error::{ErrorCode, FieldError, Result};
use crate::sheets::{column_name, Row};
use crate::volunteers::catalogue::CatalogueCopy;
use crate::volunteers::eligibility::evaluate;
use crate::volunteers::record::{find_in_scope, Folded};
use crate::volunteers::save::{check_unique, unchanged};
use crate::volunteers::validate::{validate, Clean};
use crate::volunteers::{RuleSet, Volunteer, Warnings};

/// The mapping in force: the user's, checked, or the one the header matcher proposes.
pub(super) fn mapping(
    header: &Row,
    given: Option<&[Option<String>]>,
) -> Result<Vec<Option<&'static str>>> {
    match given {
        Some(given) => fields::checked_mapping(given, header.cells.len()),
        None => MATCHER.require(header),
    }
}

/// What a checked row would write.
pub(super) enum Plan {
    Create(Box<(Clean, Folded)>),
    Update(Box<Volunteer>, Box<Clean>),
    Unchanged,
    Refused,
}

pub(super) struct Checked {
    pub plan: Plan,
    pub problems: Vec<RowProblem>,
}

impl Checked {
    pub fn outcome(&self) -> RowOutcome {
        match self.plan {
            Plan::Create(_) => RowOutcome::Create,
            Plan::Update(..) => RowOutcome::Update,
            Plan::Unchanged => RowOutcome::Unchanged,
            Plan::Refused => RowOutcome::Refused,
        }
    }
}

/// A row after the [`Reader`]'s half of the check.
pub(super) struct Read {
    pub row: Row,
    before: Option<Volunteer>,
    problems: Vec<FieldError>,
    validated: Result<(Clean, Warnings)>,
    folded: Option<Folded>,
}

/// The first half of the check (see the module header); holds the IINs seen in the file.
pub(super) struct Reader<'a> {
    actor: &'a Actor,
    mapping: &'a [Option<&'static str>],
    places: &'a Places,
    catalogue: &'a CatalogueCopy,
    now: DateTime<Utc>,
    /// IIN (as a number) to the first row that carried it.
    seen: HashMap<u64, u64>,
}

impl<'a> Reader<'a> {
    pub fn new(
        actor: &'a Actor,
        mapping: &'a [Option<&'static str>],
        places: &'a Places,
        catalogue: &'a CatalogueCopy,
        now: DateTime<Utc>,
    ) -> Self {
        Self {
            actor,
            mapping,
            places,
            catalogue,
            now,
            seen: HashMap::new(),
        }
    }

    /// The row's IIN cell, digits only.
    pub fn iin(&self, row: &Row) -> String {
        fields::iin_cell(row, self.mapping)
    }

    /// Checks a row in file order. `existing` is, in update mode, the stored record the row's
    /// IIN names and the problem finding it raised ([`Decider::existing`]).
    pub fn read(&mut self, row: Row, existing: (Option<Volunteer>, Option<FieldError>)) -> Read {
        let mut problems: Vec<FieldError> = Vec::new();
        let iin = self.iin(&row);
        if let Some(key) = (iin.len() == 12).then(|| iin.parse::<u64>().ok()).flatten() {
            if let Some(first) = self.seen.get(&key) {
                problems
                    .push(FieldError::new("iin", "iin_duplicate_in_file").with("first_row", first));
            } else {
                self.seen.insert(key, row.number);
            }
        }
        let (before, found) = existing;
        problems.extend(found);
        let mut form = match &before {
            Some(stored) => fields::form_of(stored),
            None => fields::blank_form(self.actor),
        };
        problems.extend(fields::fill(&mut form, &row, self.mapping, self.places));
        let validated = validate(self.catalogue, self.actor, &form, self.now);
        let folded = match (&validated, &before) {
            (Ok((clean, _)), None) if problems.is_empty() => Some(Folded::of(clean)),
            _ => None,
        };
        Read {
            row,
            before,
            problems,
            validated,
            folded,
        }
    }
}

/// The second half of the check, on the connection.
pub(super) struct Decider<'a> {
    conn: &'a Connection,
    actor: &'a Actor,
    mapping: &'a [Option<&'static str>],
    header: &'a [String],
    now: DateTime<Utc>,
    rules: &'a RuleSet,
}

impl<'a> Decider<'a> {
    pub fn new(
        conn: &'a Connection,
        actor: &'a Actor,
        mapping: &'a [Option<&'static str>],
        header: &'a [String],
        now: DateTime<Utc>,
        rules: &'a RuleSet,
    ) -> Self {
        Self {
            conn,
            actor,
            mapping,
            header,
            now,
            rules,
        }
    }

    /// Completes a row's check: returns the row and what would be written.
    pub fn decide(&self, read: Read) -> Result<(Row, Checked)> {
        let Read {
            row,
            before,
            mut problems,
            validated,
            folded,
        } = read;
        let checked = validated.and_then(|validated| {
            check_unique(
                self.conn,
                self.actor,
                validated,
                before.as_ref().map(|b| b.id.as_str()),
            )
        });
        let plan = match checked {
            Ok((clean, _warnings)) if problems.is_empty() => {
                let (_, failed) = evaluate(
                    &clean.citizenship,
                    clean.birth_date,
                    clean.health_category,
                    self.rules,
                    local_today(self.now),
                );
                // Fixed by law: a foreign or stateless person's row is refused, never imported.
                if let Some(rule) = failed.iter().find(|f| f.code.starts_with("citizenship_")) {
                    problems.push(FieldError {
                        field: "citizenship".to_owned(),
                        rule: rule.code.clone(),
                        params: rule.params.clone(),
                    });
                    Plan::Refused
                } else {
                    match before {
                        Some(stored) if unchanged(&stored, &clean) => Plan::Unchanged,
                        Some(stored) => Plan::Update(Box::new(stored), Box::new(clean)),
                        None => {
                            let folded = folded.unwrap_or_else(|| Folded::of(&clean));
                            Plan::Create(Box::new((clean, folded)))
                        }
                    }
                }
            }
            Ok(_) => Plan::Refused,
            Err(e) if matches!(e.code, ErrorCode::Validation | ErrorCode::Conflict) => {
                let mut found = e.fields;
                if found.is_empty() {
                    found.push(FieldError::new("iin", &e.reason));
                }
                for field in found {
                    if !problems.iter().any(|p| p.field == field.field) {
                        problems.push(field);
                    }
                }
                Plan::Refused
            }
            Err(e) => return Err(e),
        };
        let problems = problems
            .into_iter()
            .map(|p| self.locate(row.number, p))
            .collect();
        Ok((row, Checked { plan, problems }))
    }

    /// The record an update would change: one in scope, or a problem naming no record.
    pub fn existing(&self, iin: &str) -> Result<(Option<Volunteer>, Option<FieldError>)> {
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM volunteers WHERE iin = ?")?
            .query_row([iin], |r| r.get(0))
            .optional()?;
        let Some(id) = id else {
            return Ok((None, None));
        };
        match find_in_scope(self.conn, self.actor, &id) {
            Ok(stored) => Ok((Some(stored), None)),
            Err(e) if e.code == ErrorCode::Forbidden => Ok((
                None,
                Some(FieldError::new("iin", "iin_registered_elsewhere")),
            )),
            Err(e) => Err(e),
        }
    }

    /// A field problem with the column it came from, if the field has one.
    fn locate(&self, row: u64, problem: FieldError) -> RowProblem {
        let key = problem.field.split('.').next().unwrap_or("");
        let column = self.mapping.iter().position(|k| *k == Some(key));
        RowProblem {
            row,
            column: column.map(column_name),
            header: column.and_then(|c| self.header.get(c).cloned()),
            field: problem.field,
            rule: problem.rule,
            params: problem.params,
        }
    }
}

/// Both halves on one thread, row after row: the preview, and an import in update mode (whose
/// reader needs the stored record first).
pub(super) struct Checker<'a> {
    pub reader: Reader<'a>,
    pub decider: Decider<'a>,
    update_existing: bool,
}

impl<'a> Checker<'a> {
    pub fn new(reader: Reader<'a>, decider: Decider<'a>, options: &ImportOptions) -> Self {
        Self {
            reader,
            decider,
            update_existing: options.update_existing,
        }
    }

    /// The reader's half, after looking up (in update mode) the record the row's IIN names.
    pub fn read(&mut self, row: Row) -> Result<Read> {
        let iin = self.reader.iin(&row);
        let existing = if self.update_existing && !iin.is_empty() {
            self.decider.existing(&iin)?
        } else {
            (None, None)
        };
        Ok(self.reader.read(row, existing))
    }

    pub fn check(&mut self, row: Row) -> Result<(Row, Checked)> {
        let read = self.read(row)?;
        self.decider.decide(read)
    }
}
