//! Publishing a new version of the eligibility rules: the national administrator's act that
//! re-evaluates every volunteer not discharged in the same transaction (the rules themselves,
//! and how one person is judged, live in `eligibility.rs`).

use chrono::NaiveDate;
use rusqlite::params;

use super::eligibility::{
    current_rules, evaluate, next_status, record_decision, EligibilityOutcome, NewRuleSet,
    PublishReport, RuleSet, StatusChange, RULE_COLUMNS,
};
use super::{HealthCategory, Status};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{local_today, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

/// Publishes a new version (national administrators only) and re-evaluates every volunteer
/// not discharged, all in one transaction, returning who changed from what to what and why.
pub fn publish_rules(store: &mut Store, actor: &Actor, input: NewRuleSet) -> Result<PublishReport> {
    actor.require_national_admin()?;
    let now = store.now();
    let today = local_today(now);
    let mut problems = Vec::new();
    let effective = match NaiveDate::parse_from_str(input.effective_date.trim(), "%Y-%m-%d") {
        Ok(date) if date > today => {
            problems.push(FieldError::new("effective_date", "effective_date_future"));
            None
        }
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(FieldError::new("effective_date", "invalid_date"));
            None
        }
    };
    if !(18..=100).contains(&input.min_age) {
        // Adulthood is 18 in Kazakhstan: no rule may admit minors.
        problems.push(
            FieldError::new("min_age", "out_of_range")
                .with("min", 18)
                .with("max", 100),
        );
    }
    if input.max_age < input.min_age || input.max_age > 100 {
        problems.push(
            FieldError::new("max_age", "out_of_range")
                .with("min", input.min_age)
                .with("max", 100),
        );
    }
    let mut excluded = input.excluded_health.clone();
    excluded.sort();
    excluded.dedup();

    let tx = store.write()?;
    let previous = current_rules(&tx)?;
    if let Some(date) = effective {
        if date.format("%Y-%m-%d").to_string() < previous.effective_date {
            problems.push(
                FieldError::new("effective_date", "effective_date_before_current")
                    .with("current", &previous.effective_date),
            );
        }
    }
    let Some(effective) = effective.filter(|_| problems.is_empty()) else {
        return Err(Error::invalid(problems));
    };
    let rules = RuleSet {
        version: previous.version + 1,
        effective_date: effective.format("%Y-%m-%d").to_string(),
        min_age: input.min_age,
        max_age: input.max_age,
        excluded_health: excluded,
        published_at: stamp(now),
        published_by: Some(actor.username().to_owned()),
    };
    tx.execute(
        &format!("INSERT INTO rule_sets ({RULE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            rules.version,
            rules.effective_date,
            rules.min_age,
            rules.max_age,
            serde_json::to_string(&rules.excluded_health)?,
            rules.published_at,
            rules.published_by
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&rules.version.to_string()),
            before: Some(serde_json::to_value(&previous)?),
            after: Some(serde_json::to_value(&rules)?),
            ..Event::by(actor, "rules.publish", "rule_set")
        },
    )?;

    let mut evaluated = 0;
    let mut changes = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT id, surname, given_name, citizenship, birth_date, health_category, status,
                    review_flag, region_id, district_id
             FROM volunteers WHERE status <> 'discharged'",
        )?;
        let mut rows = stmt.query([])?;
        let mut update = tx.prepare(
            "UPDATE volunteers SET status = ?2, eligible = ?3, decision_version = ?4,
                 review_flag = ?5 WHERE id = ?1",
        )?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let birth: String = r.get(4)?;
            let health: Option<String> = r.get(5)?;
            let status: String = r.get(6)?;
            let flagged: bool = r.get(7)?;
            let citizenship: String = r.get(3)?;
            let (Some(birth), Some(current)) = (
                NaiveDate::parse_from_str(&birth, "%Y-%m-%d").ok(),
                Status::parse(&status),
            ) else {
                return Err(Error::internal(format!("volunteer {id}: unreadable row")));
            };
            // A category that does not read is not "none": that would pass the health rule.
            let health = health
                .map(|h| {
                    HealthCategory::parse(&h)
                        .ok_or_else(|| crate::db::unknown_code(5, "health category", &h))
                })
                .transpose()?;
            let (outcome, failed) = evaluate(&citizenship, birth, health, &rules, today);
            let (next, review) = next_status(current, outcome);
            let review = review || (flagged && next == Status::Enrolled);
            update.execute(params![
                id,
                next.as_str(),
                outcome == EligibilityOutcome::Eligible,
                rules.version,
                review
            ])?;
            evaluated += 1;
            let region: String = r.get(8)?;
            let district: String = r.get(9)?;
            if outcome == EligibilityOutcome::Ineligible && next == Status::Enrolled {
                // An ineligible volunteer holds no post: the assignment ends in this transaction.
                let codes: Vec<&str> = failed.iter().map(|f| f.code.as_str()).collect();
                crate::units::end_for_status_change(
                    &tx,
                    now,
                    actor,
                    (&id, &region, &district),
                    &today.format("%Y-%m-%d").to_string(),
                    &format!(
                        "ineligible under rules v{}: {}",
                        rules.version,
                        codes.join(", ")
                    ),
                )?;
            }
            if next != current || review != flagged {
                audit::record(
                    &tx,
                    now,
                    Event {
                        entity_id: Some(&id),
                        region_id: Some(&region),
                        district_id: Some(&district),
                        before: Some(
                            serde_json::json!({"status": current, "review_flag": flagged}),
                        ),
                        after: Some(serde_json::json!({
                            "status": next,
                            "review_flag": review,
                            "rule_set_version": rules.version,
                            "failed_rules": failed,
                        })),
                        ..Event::by(actor, "volunteer.reevaluate", "volunteer")
                    },
                )?;
                changes.push(StatusChange {
                    volunteer_id: id.clone(),
                    surname: r.get(1)?,
                    given_name: r.get(2)?,
                    from: current,
                    to: next,
                    review_flag: review,
                    failed_rules: failed.clone(),
                });
            }
            record_decision(&tx, now, &id, &rules, outcome, failed)?;
        }
    }
    tx.commit()?;
    Ok(PublishReport {
        rule_set: rules,
        evaluated,
        changes,
    })
}
