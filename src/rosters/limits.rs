//! The editable rule data of rosters: hard limits per region and soft-preference weights (per
//! region, falling back to the national versions), both versioned by effective date like the
//! eligibility rules (a roster is always checked against the version in force on its first
//! day), and volunteers' preferred and undesired weekdays.

use chrono::{NaiveDate, Weekday};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Limits, Weights};
use crate::access::{Actor, Role};
use crate::audit::{self, Event};
use crate::clock::stamp;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::parse_date;

pub use super::day_preferences::{
    day_preferences, set_day_preferences, DayPreferences, DayPreferencesInput,
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LimitsInput {
    pub region_id: String,
    pub effective_date: String,
    #[ts(type = "number")]
    pub min_rest_hours: i64,
    #[ts(type = "number")]
    pub max_hours_7d: i64,
    #[ts(type = "number")]
    pub max_consecutive_nights: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LimitsVersion {
    /// `None` for the built-in defaults (no version published for the region yet).
    pub version: Option<u32>,
    pub region_id: String,
    pub effective_date: Option<String>,
    pub min_rest_hours: u32,
    pub max_hours_7d: u32,
    pub max_consecutive_nights: u32,
    pub published_by: Option<String>,
}

/// The limits in force in `region` on `date`.
pub fn limits_on(conn: &Connection, region: &str, date: NaiveDate) -> Result<Limits> {
    let found = conn
        .query_row(
            "SELECT min_rest_hours, max_hours_7d, max_consecutive_nights FROM roster_limits
             WHERE region_id = ? AND effective_date <= ?
             ORDER BY effective_date DESC, version DESC LIMIT 1",
            params![region, date.to_string()],
            |r| {
                Ok(Limits {
                    min_rest_hours: r.get(0)?,
                    max_hours_7d: r.get(1)?,
                    max_consecutive_nights: r.get(2)?,
                })
            },
        )
        .optional()?;
    Ok(found.unwrap_or_default())
}

const WEIGHT_COLUMNS: &str =
    "uncovered, fairness, undesired_day, not_preferred_day, post_change, away_from_home";

fn weights_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Weights> {
    Ok(Weights {
        uncovered: r.get(0)?,
        fairness: r.get(1)?,
        undesired_day: r.get(2)?,
        not_preferred_day: r.get(3)?,
        post_change: r.get(4)?,
        away_from_home: r.get(5)?,
    })
}

/// The national weights in force on `date` (the fallback of regions without their own).
pub fn weights_on(conn: &Connection, date: NaiveDate) -> Result<Weights> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {WEIGHT_COLUMNS} FROM roster_weights
                 WHERE region_id IS NULL AND effective_date <= ?
                 ORDER BY effective_date DESC, version DESC LIMIT 1"
            ),
            [date.to_string()],
            weights_row,
        )
        .optional()?;
    Ok(found.unwrap_or_default())
}

/// The weights in force in `region` on `date`: the region's latest version in force, else the
/// national one, else the defaults.
pub fn weights_in(conn: &Connection, region: &str, date: NaiveDate) -> Result<Weights> {
    let found = conn
        .query_row(
            &format!(
                "SELECT {WEIGHT_COLUMNS} FROM roster_weights
                 WHERE (region_id = ?1 OR region_id IS NULL) AND effective_date <= ?2
                 ORDER BY region_id IS NULL, effective_date DESC, version DESC LIMIT 1"
            ),
            params![region, date.to_string()],
            weights_row,
        )
        .optional()?;
    Ok(found.unwrap_or_default())
}

/// Every published version of a region's limits, newest first, then the defaults.
pub fn list_limits(store: &Store, actor: &Actor, region_id: &str) -> Result<Vec<LimitsVersion>> {
    actor.ready()?;
    if actor.scope().region().is_some_and(|own| own != region_id) {
        return Err(Error::forbidden("out_of_scope"));
    }
    let mut stmt = store.conn().prepare(
        "SELECT version, region_id, effective_date, min_rest_hours, max_hours_7d,
             max_consecutive_nights, published_by FROM roster_limits WHERE region_id = ?
         ORDER BY effective_date DESC, version DESC",
    )?;
    let mut rows = stmt
        .query_map([region_id], |r| {
            Ok(LimitsVersion {
                version: r.get(0)?,
                region_id: r.get(1)?,
                effective_date: r.get(2)?,
                min_rest_hours: r.get(3)?,
                max_hours_7d: r.get(4)?,
                max_consecutive_nights: r.get(5)?,
                published_by: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let d = Limits::default();
    rows.push(LimitsVersion {
        version: None,
        region_id: region_id.to_owned(),
        effective_date: None,
        min_rest_hours: d.min_rest_hours,
        max_hours_7d: d.max_hours_7d,
        max_consecutive_nights: d.max_consecutive_nights,
        published_by: None,
    });
    Ok(rows)
}

/// Publishes a new version of a region's limits (national administrators, or the region's).
pub fn publish_limits(
    store: &mut Store,
    actor: &Actor,
    input: LimitsInput,
) -> Result<LimitsVersion> {
    actor.require_admin()?;
    let region = input.region_id.trim().to_owned();
    let mut problems = Vec::new();
    if !crate::places::region_exists(store.conn(), &region)? {
        problems.push(FieldError::new("region_id", "unknown_region"));
    }
    let effective = parse_date(&input.effective_date);
    if effective.is_none() {
        problems.push(FieldError::new("effective_date", "date_format"));
    }
    for (field, value, min, max) in [
        ("min_rest_hours", input.min_rest_hours, 0, 72),
        ("max_hours_7d", input.max_hours_7d, 1, 168),
        ("max_consecutive_nights", input.max_consecutive_nights, 0, 7),
    ] {
        if !(min..=max).contains(&value) {
            problems.push(
                FieldError::new(field, "out_of_range")
                    .with("min", min)
                    .with("max", max),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    if actor.role() == Role::RegionalAdmin && actor.scope().region() != Some(region.as_str()) {
        return Err(Error::forbidden("out_of_scope"));
    }
    let now = store.now();
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO roster_limits (region_id, effective_date, min_rest_hours, max_hours_7d,
             max_consecutive_nights, published_at, published_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            region,
            input.effective_date.trim(),
            input.min_rest_hours,
            input.max_hours_7d,
            input.max_consecutive_nights,
            stamp(now),
            actor.username()
        ],
    )?;
    let version = tx.last_insert_rowid() as u32;
    let after = LimitsVersion {
        version: Some(version),
        region_id: region.clone(),
        effective_date: Some(input.effective_date.trim().to_owned()),
        min_rest_hours: input.min_rest_hours as u32,
        max_hours_7d: input.max_hours_7d as u32,
        max_consecutive_nights: input.max_consecutive_nights as u32,
        published_by: Some(actor.username().to_owned()),
    };
    let version_text = version.to_string();
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&version_text),
            region_id: Some(&region),
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "roster_limits.publish", "roster_limits")
        },
    )?;
    tx.commit()?;
    Ok(after)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightsInput {
    /// The region the version applies to; `None` for the national version.
    #[serde(default)]
    pub region_id: Option<String>,
    pub effective_date: String,
    pub weights: WeightsDto,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightsDto {
    pub uncovered: f64,
    pub fairness: f64,
    pub undesired_day: f64,
    pub not_preferred_day: f64,
    pub post_change: f64,
    pub away_from_home: f64,
}

/// Publishes a new version of the soft-preference weights: a national one (national
/// administrators) or a region's (national administrators, or the region's own).
pub fn publish_weights(store: &mut Store, actor: &Actor, input: WeightsInput) -> Result<()> {
    let region = crate::text::clean_opt(input.region_id.as_deref());
    match &region {
        None => actor.require_national_admin()?,
        Some(r) => {
            actor.require_admin()?;
            if actor.role() == Role::RegionalAdmin && actor.scope().region() != Some(r.as_str()) {
                return Err(Error::forbidden("out_of_scope"));
            }
        }
    }
    let w = input.weights;
    let mut problems = Vec::new();
    if let Some(r) = &region {
        if !crate::places::region_exists(store.conn(), r)? {
            problems.push(FieldError::new("region_id", "unknown_region"));
        }
    }
    if parse_date(&input.effective_date).is_none() {
        problems.push(FieldError::new("effective_date", "date_format"));
    }
    for (field, value) in [
        ("uncovered", w.uncovered),
        ("fairness", w.fairness),
        ("undesired_day", w.undesired_day),
        ("not_preferred_day", w.not_preferred_day),
        ("post_change", w.post_change),
        ("away_from_home", w.away_from_home),
    ] {
        if !value.is_finite() || !(0.0..=1_000_000.0).contains(&value) {
            problems.push(FieldError::new(field, "out_of_range"));
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO roster_weights (effective_date, uncovered, fairness, undesired_day,
             not_preferred_day, post_change, away_from_home, published_at, published_by,
             region_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            input.effective_date.trim(),
            w.uncovered,
            w.fairness,
            w.undesired_day,
            w.not_preferred_day,
            w.post_change,
            w.away_from_home,
            stamp(now),
            actor.username(),
            region
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            region_id: region.as_deref(),
            after: Some(serde_json::to_value(&input)?),
            ..Event::by(actor, "roster_weights.publish", "roster_weights")
        },
    )?;
    tx.commit()?;
    Ok(())
}

/// One published version of the weights (a region's or the national), or the defaults.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeightsVersion {
    /// `None` for the built-in defaults.
    pub version: Option<u32>,
    /// `None` for a national version (and the defaults).
    pub region_id: Option<String>,
    pub effective_date: Option<String>,
    pub weights: WeightsDto,
    pub published_by: Option<String>,
}

impl From<Weights> for WeightsDto {
    fn from(w: Weights) -> Self {
        WeightsDto {
            uncovered: w.uncovered,
            fairness: w.fairness,
            undesired_day: w.undesired_day,
            not_preferred_day: w.not_preferred_day,
            post_change: w.post_change,
            away_from_home: w.away_from_home,
        }
    }
}

/// The versions that can apply in `region` (its own, newest first, then the national ones),
/// or with no region the national ones; then the defaults. Weights hold no personal data:
/// every role reads them, within its own region.
pub fn list_weights(
    store: &Store,
    actor: &Actor,
    region_id: Option<&str>,
) -> Result<Vec<WeightsVersion>> {
    actor.ready()?;
    let region = crate::text::clean_opt(region_id);
    if let (Some(own), Some(wanted)) = (actor.scope().region(), region.as_deref()) {
        if own != wanted {
            return Err(Error::forbidden("out_of_scope"));
        }
    }
    let mut stmt = store.conn().prepare(&format!(
        "SELECT version, region_id, effective_date, {WEIGHT_COLUMNS}, published_by
         FROM roster_weights WHERE region_id IS NULL OR region_id = ?1
         ORDER BY region_id IS NULL, effective_date DESC, version DESC"
    ))?;
    let mut rows = stmt
        .query_map([region.as_deref()], |r| {
            Ok(WeightsVersion {
                version: r.get(0)?,
                region_id: r.get(1)?,
                effective_date: r.get(2)?,
                weights: WeightsDto {
                    uncovered: r.get(3)?,
                    fairness: r.get(4)?,
                    undesired_day: r.get(5)?,
                    not_preferred_day: r.get(6)?,
                    post_change: r.get(7)?,
                    away_from_home: r.get(8)?,
                },
                published_by: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.push(WeightsVersion {
        version: None,
        region_id: None,
        effective_date: None,
        weights: Weights::default().into(),
        published_by: None,
    });
    Ok(rows)
}

pub(crate) fn weekday(n: i64) -> Option<Weekday> {
    match n {
        0 => Some(Weekday::Mon),
        1 => Some(Weekday::Tue),
        2 => Some(Weekday::Wed),
        3 => Some(Weekday::Thu),
        4 => Some(Weekday::Fri),
        5 => Some(Weekday::Sat),
        6 => Some(Weekday::Sun),
        _ => None,
    }
}
