//! Declaring an activation (a draft: nothing is built, nobody is notified, so it can be
//! rehearsed), activating it (the scope expands to units and the call-out list is built in one
//! statement each, inside one transaction), and closing it (frozen; kept for review).
//!
//! The scope expands in SQL: chosen units with every sub-unit (a recursive CTE over
//! `units.parent_id`), whole regions, border directions. A unit chosen explicitly keeps its own
//! assembly point and report-by time, and passes them to its sub-units unless a nearer chosen
//! unit gives others; units reached by region or direction take the activation's defaults.
//! A regional administrator's activation never reaches beyond their region.

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{parse_local_instant, Activation, ActivationKind, ActivationStatus};
use super::read::{activation_by_id, find_activation};
use crate::access::{Actor, Role, Scope};
use crate::audit::{self, Event};
use crate::clock::{local_today, new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean;
use crate::units::Direction;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScopeKind {
    Unit,
    Region,
    Direction,
}

impl ScopeKind {
    fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Unit => "unit",
            ScopeKind::Region => "region",
            ScopeKind::Direction => "direction",
        }
    }
}

/// One part of an activation's scope: a unit id (with its sub-units), a region code, or a
/// border direction. Units may have their own assembly point and report-by time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeItem {
    pub kind: ScopeKind,
    pub value: String,
    pub assembly_point: Option<String>,
    /// Local (UTC+5) `yyyy-mm-dd HH:MM`.
    pub report_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivationInput {
    pub kind: ActivationKind,
    pub legal_basis: String,
    pub order_number: String,
    /// Local (UTC+5) `yyyy-mm-dd HH:MM`.
    pub declared_at: String,
    pub assembly_point: String,
    /// Local (UTC+5) `yyyy-mm-dd HH:MM`; not before `declared_at`.
    pub report_by: String,
    pub scope: Vec<ScopeItem>,
}

pub const MAX_SCOPE_ITEMS: usize = 500;

fn text_field(field: &str, value: &str, max: usize, problems: &mut Vec<FieldError>) -> String {
    let value = clean(value);
    if value.is_empty() {
        problems.push(FieldError::new(field, "required"));
    } else if value.chars().count() > max {
        problems.push(FieldError::new(field, "too_long").with("max", max));
    }
    value
}

fn instant(field: &str, value: &str, problems: &mut Vec<FieldError>) -> Option<DateTime<Utc>> {
    let parsed = parse_local_instant(value);
    if parsed.is_none() {
        problems.push(FieldError::new(field, "invalid_datetime"));
    }
    parsed
}

/// National administrators declare anywhere; regional administrators in their region.
fn require_declarer(actor: &Actor) -> Result<Option<String>> {
    actor.require_admin()?;
    Ok(match actor.scope() {
        Scope::National => None,
        scope => scope.region().map(str::to_owned),
    })
}

/// May this actor activate or close this activation?
pub(crate) fn require_manager(actor: &Actor, activation: &Activation) -> Result<()> {
    actor.require_admin()?;
    if actor.role() == Role::NationalAdmin {
        return Ok(());
    }
    if activation.region_id.as_deref() == actor.scope().region() && activation.region_id.is_some() {
        Ok(())
    } else {
        Err(Error::forbidden("out_of_scope"))
    }
}

/// Declares a draft activation: validates every field and every scope item (each must exist
/// and, for a regional administrator, lie in their region), writes it and audits it.
pub fn declare(store: &mut Store, actor: &Actor, input: ActivationInput) -> Result<Activation> {
    let region = require_declarer(actor)?;
    let now = store.now();
    let mut problems = Vec::new();
    let legal_basis = text_field("legal_basis", &input.legal_basis, 500, &mut problems);
    let order_number = text_field("order_number", &input.order_number, 100, &mut problems);
    let assembly_point = text_field("assembly_point", &input.assembly_point, 300, &mut problems);
    let declared_at = instant("declared_at", &input.declared_at, &mut problems);
    let report_by = instant("report_by", &input.report_by, &mut problems);
    if let (Some(d), Some(r)) = (declared_at, report_by) {
        if r < d {
            problems.push(FieldError::new("report_by", "before_declared"));
        }
    }
    if input.scope.is_empty() {
        problems.push(FieldError::new("scope", "required"));
    } else if input.scope.len() > MAX_SCOPE_ITEMS {
        problems.push(FieldError::new("scope", "too_many").with("max", MAX_SCOPE_ITEMS));
    }
    let tx = store.write()?;
    let mut scope = Vec::new();
    for (i, item) in input.scope.iter().enumerate() {
        let field = format!("scope.{i}");
        let value = item.value.trim().to_owned();
        match item.kind {
            ScopeKind::Unit => {
                let unit_region: Option<String> = tx
                    .query_row("SELECT region_id FROM units WHERE id = ?", [&value], |r| {
                        r.get(0)
                    })
                    .optional()?;
                match unit_region {
                    None => problems.push(FieldError::new(&field, "unknown_unit")),
                    Some(r) if region.as_deref().is_some_and(|own| own != r) => {
                        return Err(Error::forbidden("out_of_scope").with("field", &field));
                    }
                    Some(_) => {}
                }
            }
            ScopeKind::Region => {
                let known: bool = tx
                    .query_row("SELECT 1 FROM regions WHERE id = ?", [&value], |_| Ok(()))
                    .optional()?
                    .is_some();
                if !known {
                    problems.push(FieldError::new(&field, "unknown_region"));
                } else if region.as_deref().is_some_and(|own| own != value) {
                    return Err(Error::forbidden("out_of_scope").with("field", &field));
                }
            }
            ScopeKind::Direction => {
                if Direction::parse(&value).is_none() {
                    problems.push(FieldError::new(&field, "unknown_direction"));
                }
            }
        }
        let point = item
            .assembly_point
            .as_deref()
            .map(clean)
            .filter(|p| !p.is_empty());
        if point.as_ref().is_some_and(|p| p.chars().count() > 300) {
            problems.push(FieldError::new(&field, "too_long").with("max", 300));
        }
        let by = match item.report_by.as_deref().filter(|t| !t.trim().is_empty()) {
            Some(text) => match parse_local_instant(text) {
                Some(t) if declared_at.is_some_and(|d| t < d) => {
                    problems.push(FieldError::new(&field, "before_declared"));
                    None
                }
                Some(t) => Some(stamp(t)),
                None => {
                    problems.push(FieldError::new(&field, "invalid_datetime"));
                    None
                }
            },
            None => None,
        };
        if item.kind != ScopeKind::Unit && (point.is_some() || by.is_some()) {
            problems.push(FieldError::new(&field, "units_only"));
        }
        scope.push((item.kind, value, point, by));
    }
    let (Some(declared_at), Some(report_by)) = (declared_at, report_by) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let activation = Activation {
        id: new_id(now).to_string(),
        kind: input.kind,
        legal_basis,
        order_number,
        declared_at: stamp(declared_at),
        region_id: region,
        assembly_point,
        report_by: stamp(report_by),
        status: ActivationStatus::Draft,
        created_at: stamp(now),
        created_by: actor.username().to_owned(),
        activated_at: None,
        closed_at: None,
    };
    tx.execute(
        "INSERT INTO activations (id, kind, legal_basis, order_number, declared_at, region_id,
             assembly_point, report_by, status, created_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'draft', ?9, ?10)",
        params![
            activation.id,
            activation.kind.as_str(),
            activation.legal_basis,
            activation.order_number,
            activation.declared_at,
            activation.region_id,
            activation.assembly_point,
            activation.report_by,
            activation.created_at,
            activation.created_by
        ],
    )?;
    for (kind, value, point, by) in &scope {
        tx.execute(
            "INSERT OR IGNORE INTO activation_scope
                 (activation_id, kind, value, assembly_point, report_by)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![activation.id, kind.as_str(), value, point, by],
        )?;
    }
    let scope_json: Vec<_> = scope
        .iter()
        .map(|(k, v, p, b)| serde_json::json!({"kind": k.as_str(), "value": v, "assembly_point": p, "report_by": b}))
        .collect();
    let mut after = serde_json::to_value(&activation)?;
    after["scope"] = serde_json::Value::Array(scope_json);
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&activation.id),
            region_id: activation.region_id.as_deref(),
            after: Some(after),
            ..Event::by(actor, "activation.declare", "activation")
        },
    )?;
    tx.commit()?;
    Ok(activation)
}

/// How many rows activation wrote, by what happened to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivationReport {
    pub activation: Activation,
    pub units: u32,
    pub called: u32,
    pub ineligible: u32,
    pub discharged: u32,
    pub unavailable: u32,
}

/// Activates a draft: expands the scope to units and builds the call-out list (everyone
/// actively assigned there; the ineligible, discharged and unavailable listed apart).
pub fn activate(store: &mut Store, actor: &Actor, id: &str) -> Result<ActivationReport> {
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, id.trim())?;
    require_manager(actor, &activation)?;
    if activation.status != ActivationStatus::Draft {
        return Err(Error::conflict(
            "activation_not_draft",
            "only a draft activation can be activated",
        )
        .with("status", activation.status.as_str()));
    }
    let units = expand_units(&tx, &activation)?;
    let seq: i64 = tx.query_row(
        "SELECT seq FROM activations WHERE id = ?",
        [&activation.id],
        |r| r.get(0),
    )?;
    build_list(&tx, &activation, seq)?;
    tx.execute(
        "UPDATE activations SET status = 'active', activated_at = ?2 WHERE id = ?1",
        params![activation.id, stamp(now)],
    )?;
    let mut counts = [0u32; 4];
    {
        // From the list's totals (a few rows per unit), not from its 200,000 rows.
        let mut stmt = tx.prepare(
            "SELECT excluded, sum(n) FROM callout_totals WHERE activation_seq = ? GROUP BY 1",
        )?;
        let mut rows = stmt.query([seq])?;
        while let Some(r) = rows.next()? {
            let key: String = r.get(0)?;
            let n = u32::try_from(r.get::<_, i64>(1)?).unwrap_or(0);
            let slot = match key.as_str() {
                "" => 0,
                "ineligible" => 1,
                "discharged" => 2,
                _ => 3,
            };
            counts[slot] = n;
        }
    }
    let updated = activation_by_id(&tx, &activation.id)?;
    let report = ActivationReport {
        activation: updated,
        units,
        called: counts[0],
        ineligible: counts[1],
        discharged: counts[2],
        unavailable: counts[3],
    };
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&activation.id),
            region_id: activation.region_id.as_deref(),
            before: Some(serde_json::json!({"status": "draft"})),
            after: Some(serde_json::json!({
                "status": "active", "units": report.units, "called": report.called,
                "ineligible": report.ineligible, "discharged": report.discharged,
                "unavailable": report.unavailable
            })),
            ..Event::by(actor, "activation.activate", "activation")
        },
    )?;
    tx.commit()?;
    Ok(report)
}

/// Expands the scope into `activation_units`; returns how many units it reached.
fn expand_units(tx: &Transaction<'_>, activation: &Activation) -> Result<u32> {
    let n = tx.execute(
        "WITH RECURSIVE tree (unit_id, point, by, depth) AS (
             SELECT s.value, coalesce(s.assembly_point, a.assembly_point),
                    coalesce(s.report_by, a.report_by), 0
             FROM activation_scope s JOIN activations a ON a.id = s.activation_id
             WHERE s.activation_id = ?1 AND s.kind = 'unit'
             UNION ALL
             SELECT u.id, a.assembly_point, a.report_by, 1000
             FROM units u JOIN activations a ON a.id = ?1
             WHERE u.region_id IN (SELECT value FROM activation_scope
                                   WHERE activation_id = ?1 AND kind = 'region')
                OR u.direction IN (SELECT value FROM activation_scope
                                   WHERE activation_id = ?1 AND kind = 'direction')
             UNION ALL
             SELECT u.id, t.point, t.by, t.depth + 1
             FROM units u JOIN tree t ON u.parent_id = t.unit_id
             WHERE t.depth < 1100
         ),
         nearest AS (
             SELECT unit_id, point, by, min(depth) FROM tree GROUP BY unit_id
         )
         INSERT INTO activation_units (activation_id, unit_id, unit_name, region_id,
             district_id, direction, assembly_point, report_by)
         SELECT ?1, u.id, u.name, u.region_id, u.district_id, u.direction, n.point, n.by
         FROM nearest n JOIN units u ON u.id = n.unit_id
         WHERE u.status <> 'disbanded' AND (?2 IS NULL OR u.region_id = ?2)",
        params![activation.id, activation.region_id],
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Page cache while a list is built, in KiB (SQLite's negative `cache_size`): the new rows
/// and their index pages stay in memory until the commit instead of spilling to the log
/// (measured: the insert's system time 1.1 s with the default cache, 0.1 s with this one).
const BUILD_CACHE_KIB: i64 = 128 * 1024;
/// Memory-mapped reads while a list is built, in bytes: the volunteer and assignment pages
/// are read through the map instead of one `read` call per page (measured with the sqlite3
/// shell: the join of 200,000 assignments to their volunteers took 1.8-2.5 s real, 0.9-1.2 s
/// of it system time, and 1.2 s real with 0.01-0.04 s system time through the map).
const BUILD_MMAP_BYTES: i64 = 1 << 30;

/// Builds the call-out list from the active assignments of the reached units, writing what
/// the list is about (scope, unit, position, why apart; the person's contact details stay in
/// their record), and why anyone is listed apart: discharged; ineligible by the latest
/// decision or by the rules in force on the day of the declaration (a birthday since the
/// last decision); on declared unavailability overlapping the days from declaration to
/// report-by. The connection's cache and map sizes are raised for the statement and
/// restored afterwards, whatever happened.
fn build_list(tx: &Transaction<'_>, activation: &Activation, seq: i64) -> Result<()> {
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let mmap: i64 = tx.query_row("PRAGMA mmap_size", [], |r| r.get(0))?;
    tx.pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
    tx.pragma_update(None, "mmap_size", BUILD_MMAP_BYTES)?;
    let built = fill_list(tx, activation, seq);
    let restored = tx
        .pragma_update(None, "cache_size", cache)
        .and_then(|_| tx.pragma_update(None, "mmap_size", mmap));
    built?;
    restored?;
    Ok(())
}

fn fill_list(tx: &Transaction<'_>, activation: &Activation, seq: i64) -> Result<()> {
    let (from, to) = window(activation)?;
    let rules = crate::volunteers::current_rules(tx)?;
    let health: Vec<&str> = rules.excluded_health.iter().map(|h| h.as_str()).collect();
    let health = serde_json::to_string(&health)?;
    // Rows get `seq`s above every earlier row's (rowid = max + 1): the totals below read
    // this list's rows as a range of the table, without an index.
    let before: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM callout_rows", [], |r| {
        r.get(0)
    })?;
    // MATERIALIZED keeps `base` a co-routine: flattened into the INSERT, the eligibility CASE
    // (two date() calls) was evaluated once for each place the outer SELECT names `failed`
    // (seen in EXPLAIN). The walk reads `assignments_active_by_unit` only (it holds the
    // volunteer's seq, migration 0015) and finds each volunteer's row by its rowid.
    tx.execute(
        "WITH base AS MATERIALIZED (
             SELECT v.seq AS volunteer_seq, v.region_id, v.district_id, u.seq AS unit_seq,
                    a.position,
                    CASE WHEN v.status = 'discharged' THEN 'discharged'
                         WHEN v.citizenship <> 'KZ' THEN 'citizenship'
                         WHEN date(v.birth_date, '+' || ?3 || ' years') > ?2 THEN 'below_min_age'
                         WHEN date(v.birth_date, '+' || (?4 + 1) || ' years') <= ?2
                             THEN 'above_max_age'
                         WHEN v.health_category IN (SELECT value FROM json_each(?5))
                             THEN 'health_excluded'
                         WHEN v.eligible = 0 OR v.status <> 'enrolled' THEN v.status
                    END AS failed
             FROM activation_units au
             JOIN units u ON u.id = au.unit_id
             JOIN assignments a ON a.unit_id = au.unit_id AND a.end_date IS NULL
             JOIN volunteers v ON v.seq = a.volunteer_seq
             WHERE au.activation_id = ?1
         )
         INSERT INTO callout_rows (activation_seq, volunteer_seq, region_id, district_id,
             unit_seq, position, excluded, exclusion_detail)
         SELECT ?6, volunteer_seq, region_id, district_id, unit_seq, position,
                CASE WHEN failed = 'discharged' THEN 'discharged'
                     WHEN failed IS NOT NULL THEN 'ineligible' END,
                failed
         FROM base",
        params![
            activation.id,
            from,
            rules.min_age,
            rules.max_age,
            health,
            seq
        ],
    )?;
    // The new list's running totals (kept right afterwards by the triggers of migration 0011,
    // starting with the update just below).
    tx.execute(
        "INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
             excluded, response, reached, n)
         SELECT activation_seq, region_id, district_id, unit_seq, position,
                coalesce(excluded, ''), response, reached, count(*)
         FROM callout_rows WHERE seq > ?1
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
         ON CONFLICT DO UPDATE SET n = n + excluded.n;",
        [before],
    )?;
    // Those called who declared unavailability overlapping the window, found from the
    // unavailability side (few rows, by date) rather than by one lookup per row of the list;
    // CROSS JOIN keeps that order. Ineligible and discharged rows keep their first reason.
    tx.execute(
        "UPDATE callout_rows
         SET excluded = 'unavailable',
             exclusion_detail = (
                 SELECT x.kind || ' ' || x.from_date || '..' || x.to_date
                 FROM volunteers v JOIN volunteer_unavailability x ON x.volunteer_id = v.id
                 WHERE v.seq = callout_rows.volunteer_seq AND x.from_date <= ?3
                   AND x.to_date >= ?2
                 ORDER BY x.from_date LIMIT 1)
         WHERE excluded IS NULL AND seq IN (
             SELECT c.seq
             FROM volunteer_unavailability x
             CROSS JOIN volunteers v ON v.id = x.volunteer_id
             CROSS JOIN callout_rows c ON c.activation_seq = ?1 AND c.volunteer_seq = v.seq
             WHERE x.from_date <= ?3 AND x.to_date >= ?2)",
        params![seq, from, to],
    )?;
    Ok(())
}

/// The local days from declaration to the report-by time: unavailability overlapping them
/// lists a volunteer apart.
fn window(activation: &Activation) -> Result<(String, String)> {
    let parse = |t: &str| {
        crate::clock::parse_stamp(t).ok_or_else(|| {
            Error::internal(format!("activation {}: bad instant {t}", activation.id))
        })
    };
    let from = local_today(parse(&activation.declared_at)?);
    let to = local_today(parse(&activation.report_by)?);
    Ok((from.to_string(), to.to_string()))
}

/// Closes an activation: from now on it is frozen (no answer, contact, undo or merge).
pub fn close(store: &mut Store, actor: &Actor, id: &str) -> Result<Activation> {
    let now = store.now();
    let tx = store.write()?;
    let activation = find_activation(&tx, actor, id.trim())?;
    require_manager(actor, &activation)?;
    if activation.status == ActivationStatus::Closed {
        return Err(Error::conflict(
            "activation_closed",
            "the activation is closed",
        ));
    }
    tx.execute(
        "UPDATE activations SET status = 'closed', closed_at = ?2 WHERE id = ?1",
        params![activation.id, stamp(now)],
    )?;
    let after = activation_by_id(&tx, &activation.id)?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&activation.id),
            region_id: activation.region_id.as_deref(),
            before: Some(serde_json::json!({"status": activation.status.as_str()})),
            after: Some(serde_json::json!({"status": "closed", "closed_at": after.closed_at})),
            ..Event::by(actor, "activation.close", "activation")
        },
    )?;
    tx.commit()?;
    Ok(after)
}

/// Refuses any change to an activation that is not active.
pub(crate) fn require_active(activation: &Activation) -> Result<()> {
    match activation.status {
        ActivationStatus::Active => Ok(()),
        ActivationStatus::Closed => Err(Error::conflict(
            "activation_closed",
            "the activation is closed; its record is frozen",
        )),
        ActivationStatus::Draft => Err(Error::conflict(
            "activation_not_active",
            "the activation is a draft; activate it first",
        )),
    }
}
