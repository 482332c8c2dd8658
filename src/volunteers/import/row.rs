//! One row's check, shared by the preview and the import: translate the cells, find the
//! record an update would change, run the form's checks, apply the fixed citizenship rule, and
//! say what would be written. Nothing here writes.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

use super::fields::{self, Places, MATCHER};
use super::{ImportOptions, RowOutcome, RowProblem};
use crate::access::Actor;
use crate::clock::local_today;
use crate::error::{ErrorCode, FieldError, Result};
use crate::sheets::{column_name, Row};
use crate::volunteers::eligibility::evaluate;
use crate::volunteers::record::{find_in_scope, Clean};
use crate::volunteers::save::{check_correction, check_new, unchanged};
use crate::volunteers::{RuleSet, Volunteer};

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
    Create(Box<Clean>),
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

pub(super) struct Checker<'a> {
    conn: &'a Connection,
    actor: &'a Actor,
    mapping: &'a [Option<&'static str>],
    header: &'a [String],
    places: &'a Places,
    options: &'a ImportOptions,
    now: DateTime<Utc>,
    rules: &'a RuleSet,
    /// IIN (as a number) to the first row that carried it.
    seen: HashMap<u64, u64>,
}

impl<'a> Checker<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        conn: &'a Connection,
        actor: &'a Actor,
        mapping: &'a [Option<&'static str>],
        header: &'a [String],
        places: &'a Places,
        options: &'a ImportOptions,
        now: DateTime<Utc>,
        rules: &'a RuleSet,
    ) -> Self {
        Self {
            conn,
            actor,
            mapping,
            header,
            places,
            options,
            now,
            rules,
            seen: HashMap::new(),
        }
    }

    pub fn check(&mut self, row: &Row) -> Result<Checked> {
        let mut problems: Vec<FieldError> = Vec::new();
        let iin = fields::iin_cell(row, self.mapping);
        if let Some(key) = (iin.len() == 12).then(|| iin.parse::<u64>().ok()).flatten() {
            if let Some(first) = self.seen.get(&key) {
                problems
                    .push(FieldError::new("iin", "iin_duplicate_in_file").with("first_row", first));
            } else {
                self.seen.insert(key, row.number);
            }
        }
        let before = if self.options.update_existing && !iin.is_empty() {
            self.existing(&iin, &mut problems)?
        } else {
            None
        };
        let mut form = match &before {
            Some(stored) => fields::form_of(stored),
            None => fields::blank_form(self.actor),
        };
        problems.extend(fields::fill(&mut form, row, self.mapping, self.places));
        let checked = match &before {
            Some(stored) => check_correction(self.conn, self.actor, stored, &form, self.now),
            None => check_new(self.conn, self.actor, &form, self.now),
        };
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
                        None => Plan::Create(Box::new(clean)),
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
        Ok(Checked {
            plan,
            problems: problems
                .into_iter()
                .map(|p| self.locate(row.number, p))
                .collect(),
        })
    }

    /// The record an update would change: one in scope, or a problem naming no record.
    fn existing(&self, iin: &str, problems: &mut Vec<FieldError>) -> Result<Option<Volunteer>> {
        let id: Option<String> = self
            .conn
            .prepare_cached("SELECT id FROM volunteers WHERE iin = ?")?
            .query_row([iin], |r| r.get(0))
            .optional()?;
        let Some(id) = id else { return Ok(None) };
        match find_in_scope(self.conn, self.actor, &id) {
            Ok(stored) => Ok(Some(stored)),
            Err(e) if e.code == ErrorCode::Forbidden => {
                problems.push(FieldError::new("iin", "iin_registered_elsewhere"));
                Ok(None)
            }
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
