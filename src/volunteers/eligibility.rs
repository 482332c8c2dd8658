//! Who may serve. One fixed rule in code (citizenship must be KZ: foreign nationals and
//! stateless persons may not join; no setting, role or import can switch it off) and the
//! configurable, versioned rules (minimum and maximum age, excluded health categories).
//!
//! Every evaluation is stored with the rule-set version, the time, the outcome and each failed
//! rule, so a decision can be explained and re-evaluated. Publishing a new version
//! (`publish.rs`) re-evaluates every volunteer not discharged in one transaction; an enrolled
//! volunteer who no longer qualifies keeps the status and gets `review_flag`: a person
//! decides, never the machine.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{HealthCategory, Params, Status};
use crate::access::Actor;
use crate::clock::{stamp, Ids, RandomIds};
use crate::db::Store;
use crate::error::{Error, Result};

/// A published version of the configurable rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RuleSet {
    #[ts(type = "number")]
    pub version: i64,
    /// Local date `yyyy-mm-dd`.
    pub effective_date: String,
    pub min_age: u32,
    pub max_age: u32,
    pub excluded_health: Vec<HealthCategory>,
    pub published_at: String,
    pub published_by: Option<String>,
}

/// A new version of the rules, as a national administrator enters it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewRuleSet {
    /// Local date `yyyy-mm-dd`; not in the future, not before the current version's.
    pub effective_date: String,
    pub min_age: u32,
    pub max_age: u32,
    #[serde(default)]
    pub excluded_health: Vec<HealthCategory>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EligibilityOutcome {
    Eligible,
    Ineligible,
}

impl EligibilityOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            EligibilityOutcome::Eligible => "eligible",
            EligibilityOutcome::Ineligible => "ineligible",
        }
    }
}

/// One rule a volunteer does not meet: `code` is a stable key (`citizenship_foreign`,
/// `citizenship_stateless`, `below_min_age`, `above_max_age`, `health_excluded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FailedRule {
    pub code: String,
    pub params: Params,
}

/// `forbidden/not_eligible` for a volunteer who fails `failed` (not empty): the message lists
/// every failed rule in English, `rule` names the first.
pub(crate) fn not_eligible(failed: &[FailedRule]) -> Error {
    let mut err = Error::forbidden("not_eligible");
    err.message = format!(
        "not eligible: {}",
        failed
            .iter()
            .map(|f| super::rule_text(&f.code))
            .collect::<Vec<_>>()
            .join("; ")
    );
    if let Some(first) = failed.first() {
        err = err.with("rule", &first.code);
    }
    err
}

impl FailedRule {
    fn new(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            params: Params::new(),
        }
    }

    fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_owned(), value.to_string());
        self
    }
}

/// A stored evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Decision {
    pub id: String,
    pub volunteer_id: String,
    #[ts(type = "number")]
    pub rule_set_version: i64,
    pub at: String,
    pub outcome: EligibilityOutcome,
    pub failed_rules: Vec<FailedRule>,
}

/// One volunteer whose status or review flag changed when new rules were published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StatusChange {
    pub volunteer_id: String,
    pub surname: String,
    pub given_name: String,
    pub from: Status,
    pub to: Status,
    pub review_flag: bool,
    pub failed_rules: Vec<FailedRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PublishReport {
    pub rule_set: RuleSet,
    #[ts(type = "number")]
    pub evaluated: i64,
    pub changes: Vec<StatusChange>,
}

/// Completed years on `today`. The birthday of someone born on 29 February falls, in a common
/// year, on 28 February: a period ending in a month without that day ends on its last day
/// (Civil Code convention).
pub fn age_on(birth: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - birth.year();
    let anniversary = NaiveDate::from_ymd_opt(today.year(), birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(today.year(), 2, 28))
        .unwrap_or(today);
    if today < anniversary {
        years -= 1;
    }
    years
}

/// Evaluates the rules; pure, so it is the same from every path (form, CLI, publish, enrol).
pub fn evaluate(
    citizenship: &str,
    birth: NaiveDate,
    health: Option<HealthCategory>,
    rules: &RuleSet,
    today: NaiveDate,
) -> (EligibilityOutcome, Vec<FailedRule>) {
    let mut failed = Vec::new();
    // Fixed by law (Ministry of Defence clarification, 2025): not data, not configurable.
    if citizenship == "stateless" {
        failed.push(FailedRule::new("citizenship_stateless"));
    } else if citizenship != "KZ" {
        failed.push(FailedRule::new("citizenship_foreign").with("citizenship", citizenship));
    }
    let age = age_on(birth, today);
    if age < rules.min_age as i32 {
        failed.push(
            FailedRule::new("below_min_age")
                .with("min_age", rules.min_age)
                .with("age", age),
        );
    }
    if age > rules.max_age as i32 {
        failed.push(
            FailedRule::new("above_max_age")
                .with("max_age", rules.max_age)
                .with("age", age),
        );
    }
    if let Some(category) = health.filter(|c| rules.excluded_health.contains(c)) {
        failed.push(FailedRule::new("health_excluded").with("category", category.as_str()));
    }
    let outcome = if failed.is_empty() {
        EligibilityOutcome::Eligible
    } else {
        EligibilityOutcome::Ineligible
    };
    (outcome, failed)
}

/// The status a decision leads to, and whether the record needs a person's review. Enrolled
/// and discharged records keep their status: the machine never enrols or discharges.
pub(crate) fn next_status(current: Status, outcome: EligibilityOutcome) -> (Status, bool) {
    match (current, outcome) {
        (Status::Enrolled, EligibilityOutcome::Ineligible) => (Status::Enrolled, true),
        (Status::Enrolled | Status::Discharged, _) => (current, false),
        (_, EligibilityOutcome::Eligible) => (Status::Eligible, false),
        (_, EligibilityOutcome::Ineligible) => (Status::Ineligible, false),
    }
}

fn rule_set_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RuleSet> {
    let excluded: String = r.get(4)?;
    Ok(RuleSet {
        version: r.get(0)?,
        effective_date: r.get(1)?,
        min_age: r.get(2)?,
        max_age: r.get(3)?,
        excluded_health: crate::db::json_column(4, &excluded)?,
        published_at: r.get(5)?,
        published_by: r.get(6)?,
    })
}

pub(super) const RULE_COLUMNS: &str =
    "version, effective_date, min_age, max_age, excluded_health, published_at, published_by";

/// The rules in force: the latest published version.
pub fn current_rules(conn: &Connection) -> Result<RuleSet> {
    Ok(conn.query_row(
        &format!("SELECT {RULE_COLUMNS} FROM rule_sets ORDER BY version DESC LIMIT 1"),
        [],
        rule_set_from_row,
    )?)
}

/// Every version, newest first. Any signed-in user may read the rules.
pub fn list_rule_sets(store: &Store, actor: &Actor) -> Result<Vec<RuleSet>> {
    actor.ready()?;
    let mut stmt = store.conn().prepare(&format!(
        "SELECT {RULE_COLUMNS} FROM rule_sets ORDER BY version DESC"
    ))?;
    let sets = stmt
        .query_map([], rule_set_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(sets)
}

/// Stores one evaluation and returns it.
pub(crate) fn record_decision(
    tx: &Transaction<'_>,
    now: DateTime<Utc>,
    volunteer_id: &str,
    rules: &RuleSet,
    outcome: EligibilityOutcome,
    failed: Vec<FailedRule>,
) -> Result<Decision> {
    record_decision_with(tx, &RandomIds, now, volunteer_id, rules, outcome, failed)
}

/// [`record_decision`] with its id from `ids`.
pub(crate) fn record_decision_with(
    tx: &Transaction<'_>,
    ids: &dyn Ids,
    now: DateTime<Utc>,
    volunteer_id: &str,
    rules: &RuleSet,
    outcome: EligibilityOutcome,
    failed: Vec<FailedRule>,
) -> Result<Decision> {
    let decision = Decision {
        id: ids.next_id(now).to_string(),
        volunteer_id: volunteer_id.to_owned(),
        rule_set_version: rules.version,
        at: stamp(now),
        outcome,
        failed_rules: failed,
    };
    tx.prepare_cached(
        "INSERT INTO eligibility_decisions (id, volunteer_id, rule_set_version, at, outcome,
             failed_rules) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        decision.id,
        decision.volunteer_id,
        decision.rule_set_version,
        decision.at,
        decision.outcome.as_str(),
        serde_json::to_string(&decision.failed_rules)?
    ])?;
    Ok(decision)
}

pub(crate) fn decisions_of(conn: &Connection, volunteer_id: &str) -> Result<Vec<Decision>> {
    let mut stmt = conn.prepare(
        "SELECT id, volunteer_id, rule_set_version, at, outcome, failed_rules
         FROM eligibility_decisions WHERE volunteer_id = ? ORDER BY at DESC, rowid DESC",
    )?;
    let decisions = stmt
        .query_map([volunteer_id], |r| {
            let outcome: String = r.get(4)?;
            let failed: String = r.get(5)?;
            Ok(Decision {
                id: r.get(0)?,
                volunteer_id: r.get(1)?,
                rule_set_version: r.get(2)?,
                at: r.get(3)?,
                outcome: if outcome == "eligible" {
                    EligibilityOutcome::Eligible
                } else {
                    EligibilityOutcome::Ineligible
                },
                failed_rules: crate::db::json_column(5, &failed)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(decisions)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn age_turns_on_the_birthday_and_on_28_february_for_leap_day_births() {
        assert_eq!(
            age_on(d(2008, 11, 22), d(2026, 11, 22)),
            18,
            "18 on the birthday"
        );
        assert_eq!(
            age_on(d(2008, 11, 23), d(2026, 11, 22)),
            17,
            "17 the day before"
        );
        assert_eq!(
            age_on(d(2008, 2, 29), d(2026, 2, 28)),
            18,
            "leap-day birthday: 28 Feb"
        );
        assert_eq!(
            age_on(d(2008, 2, 29), d(2026, 2, 27)),
            17,
            "not yet on 27 Feb"
        );
        assert_eq!(
            age_on(d(2004, 2, 29), d(2024, 2, 28)),
            19,
            "leap year: still 19 on 28 Feb"
        );
        assert_eq!(
            age_on(d(2004, 2, 29), d(2024, 2, 29)),
            20,
            "leap year: 20 on 29 Feb"
        );
    }
}
