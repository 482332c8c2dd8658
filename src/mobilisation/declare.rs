//! Declaring an activation (a draft: nothing is built, nobody is notified, so it can be
//! rehearsed), activating it (the scope expanded to units and the call-out list built by
//! `build`, inside one transaction), and closing it (frozen; kept for review).

use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::build::{build_list, expand_units};
use super::model::{parse_local_instant, Activation, ActivationKind, ActivationStatus};
use super::read::{activation_by_id, find_activation};
use crate::access::{Actor, Role, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
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
