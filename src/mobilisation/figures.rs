//! Live figures of an activation: per unit, region or border direction, how many were called,
//! reached, reported, excused, absent; reported strength against the establishment per
//! position; reported strength hour by hour since the declaration; units below a threshold.
//!
//! The counts come from the list's running totals (`callout_totals`: rows per region,
//! district, unit, position, exclusion, answer and reach; `callout_hours`: reports per hour,
//! region and district; migration 0011), which activation fills and triggers keep right on
//! every change of a row. A region's figures read a few rows per unit, however long its list;
//! units are then rolled up to regions and directions here.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, DurationRound, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::ActivationStatus;
use super::read::{find_activation, OF_ACTIVATION};
use crate::access::{Actor, Scope};
use crate::clock::{parse_stamp, stamp};
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FigureGroup {
    Unit,
    Region,
    Direction,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FigureQuery {
    pub activation_id: String,
    pub group: FigureGroup,
    /// Only this region's rows (within the actor's scope anyway).
    pub region_id: Option<String>,
    /// Units whose reported strength is below this share of their establishment, in percent
    /// (default 70).
    pub threshold_percent: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FigureRow {
    /// Unit id, region code or direction code.
    pub key: String,
    /// The unit's name; for regions and directions the code again (the UI names them).
    pub name: String,
    pub called: u32,
    pub reached: u32,
    pub will_report: u32,
    pub reported: u32,
    pub excused: u32,
    pub not_reached: u32,
    pub absent: u32,
    pub pending: u32,
    /// Listed apart: ineligible, discharged or on declared unavailability.
    pub listed_apart: u32,
    /// Authorised strength of the units counted.
    pub authorised: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PositionStrength {
    pub position: String,
    pub authorised: u32,
    pub called: u32,
    pub reported: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SeriesPoint {
    /// Start of the hour (UTC instant).
    pub at: String,
    /// Reported by the end of that hour.
    pub reported: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Figures {
    pub activation_id: String,
    pub status: ActivationStatus,
    pub groups: Vec<FigureRow>,
    pub total: FigureRow,
    pub positions: Vec<PositionStrength>,
    pub series: Vec<SeriesPoint>,
    pub threshold_percent: u32,
    pub below_threshold: Vec<FigureRow>,
}

pub const DEFAULT_THRESHOLD: u32 = 70;
const MAX_POINTS: i64 = 24 * 31;

struct UnitInfo {
    name: String,
    region: String,
    direction: String,
}

fn add(into: &mut FigureRow, from: &FigureRow) {
    into.called += from.called;
    into.reached += from.reached;
    into.will_report += from.will_report;
    into.reported += from.reported;
    into.excused += from.excused;
    into.not_reached += from.not_reached;
    into.absent += from.absent;
    into.pending += from.pending;
    into.listed_apart += from.listed_apart;
    into.authorised += from.authorised;
}

pub fn figures(store: &Store, actor: &Actor, query: &FigureQuery) -> Result<Figures> {
    let conn = store.conn();
    let now = store.now();
    let activation = find_activation(conn, actor, query.activation_id.trim())?;
    let threshold = query.threshold_percent.unwrap_or(DEFAULT_THRESHOLD);
    if threshold > 100 {
        return Err(Error::field("threshold_percent", "out_of_range")
            .with("min", 0)
            .with("max", 100));
    }
    let region = query
        .region_id
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned);
    // The region asked for and the actor's scope, as conditions with bound values. Written
    // as plain equalities (not `?2 IS NULL OR ...`) so that the index's prefix serves them and
    // the grouping walks the index in order.
    let mut conds = String::new();
    let mut values: Vec<String> = Vec::new();
    if let Some(r) = &region {
        conds.push_str(" AND c.region_id = ?");
        values.push(r.clone());
    }
    match actor.scope() {
        Scope::National => {}
        Scope::Region(r) => {
            conds.push_str(" AND c.region_id = ?");
            values.push(r);
        }
        Scope::District { district_id, .. } => {
            conds.push_str(" AND c.district_id = ?");
            values.push(district_id);
        }
    }

    let mut units: BTreeMap<String, UnitInfo> = BTreeMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT unit_id, unit_name, region_id, direction FROM activation_units
             WHERE activation_id = ?",
        )?;
        let mut rows = stmt.query([&activation.id])?;
        while let Some(r) = rows.next()? {
            units.insert(
                r.get(0)?,
                UnitInfo {
                    name: r.get(1)?,
                    region: r.get(2)?,
                    direction: r.get(3)?,
                },
            );
        }
    }

    // Per unit and position, from the running totals: one row per combination of answer,
    // exclusion and reach (a few per position), counted here.
    let mut per_unit: BTreeMap<String, FigureRow> = BTreeMap::new();
    let mut per_position: BTreeMap<String, PositionStrength> = BTreeMap::new();
    {
        let sql = format!(
            "SELECT u.id, c.position, c.excluded, c.response, c.reached, sum(c.n)
             FROM callout_totals c JOIN units u ON u.seq = c.unit_seq
             WHERE {OF_ACTIVATION}{conds}
             GROUP BY c.unit_seq, c.position, c.excluded, c.response, c.reached
             HAVING sum(c.n) <> 0"
        );
        let mut stmt = conn.prepare_cached(&sql)?;
        let args = std::iter::once(activation.id.as_str()).chain(values.iter().map(String::as_str));
        let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
        while let Some(r) = rows.next()? {
            let unit: String = r.get(0)?;
            let position: String = r.get(1)?;
            let excluded = !r.get::<_, String>(2)?.is_empty();
            let response: String = r.get(3)?;
            let reached = r.get::<_, i64>(4)? == 1;
            let n = r.get::<_, i64>(5)?.max(0) as u32;
            let mut f = FigureRow::default();
            if excluded {
                f.listed_apart = n;
            } else {
                f.called = n;
                let answered = matches!(response.as_str(), "will_report" | "reported" | "excused");
                if reached || answered {
                    f.reached = n;
                }
                if response == "pending" {
                    f.pending = n;
                }
            }
            match response.as_str() {
                "will_report" => f.will_report = n,
                "reported" => f.reported = n,
                "excused" => f.excused = n,
                "not_reached" => f.not_reached = n,
                "absent" => f.absent = n,
                _ => {}
            }
            let p = per_position
                .entry(position.clone())
                .or_insert_with(|| PositionStrength {
                    position: position.clone(),
                    authorised: 0,
                    called: 0,
                    reported: 0,
                });
            p.called += f.called;
            p.reported += f.reported;
            add(per_unit.entry(unit).or_default(), &f);
        }
    }

    // The establishment of the units counted.
    {
        let mut stmt = conn.prepare_cached(
            "SELECT e.unit_id, e.position, e.authorised FROM activation_units au
             JOIN unit_establishment e ON e.unit_id = au.unit_id
             WHERE au.activation_id = ?1 AND (?2 IS NULL OR au.region_id = ?2)",
        )?;
        let mut rows = stmt.query(params![activation.id, region])?;
        while let Some(r) = rows.next()? {
            let unit: String = r.get(0)?;
            // Only units the actor has rows in (an operator's district) or, for a region-wide
            // reader, every reached unit of the region.
            let visible = per_unit.contains_key(&unit)
                || (actor.scope().region().is_none()
                    || units
                        .get(&unit)
                        .is_some_and(|u| Some(u.region.as_str()) == actor.scope().region()))
                    && !matches!(actor.scope(), Scope::District { .. });
            if !visible {
                continue;
            }
            let position: String = r.get(1)?;
            let authorised = r.get::<_, i64>(2)?.max(0) as u32;
            per_unit.entry(unit).or_default().authorised += authorised;
            per_position
                .entry(position.clone())
                .or_insert_with(|| PositionStrength {
                    position,
                    authorised: 0,
                    called: 0,
                    reported: 0,
                })
                .authorised += authorised;
        }
    }

    let mut total = FigureRow {
        key: "total".into(),
        name: String::new(),
        ..FigureRow::default()
    };
    let mut unit_rows = Vec::new();
    let mut grouped: BTreeMap<String, FigureRow> = BTreeMap::new();
    for (unit, mut row) in per_unit {
        let info = units.get(&unit);
        row.key = unit.clone();
        row.name = info.map(|i| i.name.clone()).unwrap_or_default();
        add(&mut total, &row);
        let key = match query.group {
            FigureGroup::Unit => unit.clone(),
            FigureGroup::Region => info.map(|i| i.region.clone()).unwrap_or_default(),
            FigureGroup::Direction => info.map(|i| i.direction.clone()).unwrap_or_default(),
        };
        if query.group != FigureGroup::Unit {
            let g = grouped.entry(key.clone()).or_insert_with(|| FigureRow {
                key: key.clone(),
                name: key.clone(),
                ..FigureRow::default()
            });
            add(g, &row);
        }
        unit_rows.push(row);
    }
    let mut below_threshold: Vec<FigureRow> = unit_rows
        .iter()
        .filter(|u| {
            u.authorised > 0
                && u64::from(u.reported) * 100 < u64::from(threshold) * u64::from(u.authorised)
        })
        .cloned()
        .collect();
    below_threshold.sort_by(|a, b| a.name.cmp(&b.name).then(a.key.cmp(&b.key)));
    let mut groups = match query.group {
        FigureGroup::Unit => unit_rows,
        _ => grouped.into_values().collect(),
    };
    groups.sort_by(|a, b| a.name.cmp(&b.name).then(a.key.cmp(&b.key)));

    let series = series(
        store,
        &activation.id,
        &activation.declared_at,
        activation.closed_at.as_deref(),
        now,
        &conds,
        &values,
    )?;
    let positions = per_position.into_values().collect();
    Ok(Figures {
        activation_id: activation.id,
        status: activation.status,
        groups,
        total,
        positions,
        series,
        threshold_percent: threshold,
        below_threshold,
    })
}

/// Reported strength at the end of each hour from the declaration to now (or the closing).
fn series(
    store: &Store,
    activation_id: &str,
    declared_at: &str,
    closed_at: Option<&str>,
    now: DateTime<Utc>,
    conds: &str,
    values: &[String],
) -> Result<Vec<SeriesPoint>> {
    let start = parse_stamp(declared_at)
        .ok_or_else(|| Error::internal(format!("activation {activation_id}: declared_at")))?;
    let start = start
        .duration_trunc(Duration::hours(1))
        .map_err(|e| Error::internal(format!("hour: {e}")))?;
    let end = closed_at.and_then(parse_stamp).unwrap_or(now).max(start);
    let sql = format!(
        "SELECT c.hour, sum(c.reported) FROM callout_hours c
         WHERE {OF_ACTIVATION}{conds}
         GROUP BY 1 HAVING sum(c.reported) <> 0"
    );
    let mut per_hour: BTreeMap<String, u32> = BTreeMap::new();
    let mut stmt = store.conn().prepare_cached(&sql)?;
    let args = std::iter::once(activation_id).chain(values.iter().map(String::as_str));
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        per_hour.insert(r.get(0)?, r.get::<_, i64>(1)?.max(0) as u32);
    }
    let hours = ((end - start).num_hours() + 1).clamp(1, MAX_POINTS);
    let mut out = Vec::with_capacity(hours as usize);
    let mut running = 0u32;
    // Reports stamped before the first hour (none should be) count from the start.
    for (_, n) in per_hour.range(..stamp(start)[..13].to_owned()) {
        running += n;
    }
    for h in 0..hours {
        let at = start + Duration::hours(h);
        let key = stamp(at)[..13].to_owned();
        running += per_hour.get(&key).copied().unwrap_or(0);
        out.push(SeriesPoint {
            at: stamp(at),
            reported: running,
        });
    }
    // Anything after the last point (a long activation cut at MAX_POINTS) lands in it.
    if let Some(last) = out.last_mut() {
        let last_key = last.at[..13].to_owned();
        let later: u32 = per_hour
            .range((
                std::ops::Bound::Excluded(last_key),
                std::ops::Bound::Unbounded,
            ))
            .map(|(_, n)| *n)
            .sum();
        last.reported += later;
    }
    Ok(out)
}
