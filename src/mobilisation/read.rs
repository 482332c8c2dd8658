//! Reading activations and call-out lists, scoped in SQL.
//!
//! An activation is visible to national users always, and to a region's users when it was
//! declared for their region or reaches a unit there. List rows are filtered by the actor's
//! scope on the volunteer's region or district at activation, so an operator sees exactly the
//! rows their district works.

use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::{Activation, ActivationKind, ActivationStatus, CallRow, Exclusion, Response};
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, Result};

const COLUMNS: &str = "a.id, a.kind, a.legal_basis, a.order_number, a.declared_at, a.region_id,
    a.assembly_point, a.report_by, a.status, a.created_at, a.created_by, a.activated_at,
    a.closed_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Activation> {
    let kind: String = r.get(1)?;
    let status: String = r.get(8)?;
    Ok(Activation {
        id: r.get(0)?,
        kind: ActivationKind::parse(&kind).unwrap_or(ActivationKind::Exercise),
        legal_basis: r.get(2)?,
        order_number: r.get(3)?,
        declared_at: r.get(4)?,
        region_id: r.get(5)?,
        assembly_point: r.get(6)?,
        report_by: r.get(7)?,
        status: ActivationStatus::parse(&status).unwrap_or(ActivationStatus::Closed),
        created_at: r.get(9)?,
        created_by: r.get(10)?,
        activated_at: r.get(11)?,
        closed_at: r.get(12)?,
    })
}

/// The SQL condition (on alias `a`) for activations the actor may see, and its parameter.
fn visible(actor: &Actor) -> (String, Option<String>) {
    match actor.scope().region() {
        None => ("1 = 1".to_owned(), None),
        Some(region) => (
            "(a.region_id = ?9 OR (a.region_id IS NULL AND EXISTS (SELECT 1 FROM activation_units au
                WHERE au.activation_id = a.id AND au.region_id = ?9)))"
                .to_owned(),
            Some(region.to_owned()),
        ),
    }
}

pub(crate) fn activation_by_id(conn: &Connection, id: &str) -> Result<Activation> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM activations a WHERE a.id = ?"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or_else(|| Error::not_found("activation"))
}

/// The activation if the actor may see it: `not_found` when there is none, `forbidden`
/// (`out_of_scope`) when it belongs to another region.
pub(crate) fn find_activation(conn: &Connection, actor: &Actor, id: &str) -> Result<Activation> {
    actor.ready()?;
    let (cond, param) = visible(actor);
    let sql = format!(
        "SELECT {COLUMNS} FROM activations a WHERE a.id = ?1 AND {}",
        cond
    );
    let found = match param {
        Some(region) => conn
            .query_row(&sql.replace("?9", "?2"), [id, region.as_str()], from_row)
            .optional()?,
        None => conn.query_row(&sql, [id], from_row).optional()?,
    };
    match found {
        Some(a) => Ok(a),
        None => {
            activation_by_id(conn, id)?;
            Err(Error::forbidden("out_of_scope"))
        }
    }
}

/// Activations the actor may see, latest declaration first.
pub fn list_activations(store: &Store, actor: &Actor) -> Result<Vec<Activation>> {
    actor.ready()?;
    let (cond, param) = visible(actor);
    let sql = format!(
        "SELECT {COLUMNS} FROM activations a WHERE {} ORDER BY a.declared_at DESC, a.seq DESC
         LIMIT 1000",
        cond.replace("?9", "?1")
    );
    let mut stmt = store.conn().prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(param.iter()), from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// A unit the activation reached, where and by when it assembles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivationUnit {
    pub unit_id: String,
    pub unit_name: String,
    pub region_id: String,
    pub district_id: Option<String>,
    pub direction: String,
    pub assembly_point: String,
    pub report_by: String,
}

/// A chosen scope item as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StoredScope {
    pub kind: String,
    pub value: String,
    /// The unit's name when the item is a unit.
    pub name: Option<String>,
    pub assembly_point: Option<String>,
    pub report_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivationDetail {
    pub activation: Activation,
    pub scope: Vec<StoredScope>,
    /// The units reached (in the actor's region for regional users); empty for a draft.
    pub units: Vec<ActivationUnit>,
}

pub fn get_activation(store: &Store, actor: &Actor, id: &str) -> Result<ActivationDetail> {
    let conn = store.conn();
    let activation = find_activation(conn, actor, id.trim())?;
    let mut stmt = conn.prepare(
        "SELECT s.kind, s.value, u.name, s.assembly_point, s.report_by
         FROM activation_scope s LEFT JOIN units u ON s.kind = 'unit' AND u.id = s.value
         WHERE s.activation_id = ? ORDER BY s.kind, s.value",
    )?;
    let scope = stmt
        .query_map([&activation.id], |r| {
            Ok(StoredScope {
                kind: r.get(0)?,
                value: r.get(1)?,
                name: r.get(2)?,
                assembly_point: r.get(3)?,
                report_by: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let region = actor.scope().region().map(str::to_owned);
    let mut stmt = conn.prepare(
        "SELECT unit_id, unit_name, region_id, district_id, direction, assembly_point, report_by
         FROM activation_units WHERE activation_id = ?1 AND (?2 IS NULL OR region_id = ?2)
         ORDER BY region_id, unit_name LIMIT 10000",
    )?;
    let units = stmt
        .query_map(rusqlite::params![activation.id, region], |r| {
            Ok(ActivationUnit {
                unit_id: r.get(0)?,
                unit_name: r.get(1)?,
                region_id: r.get(2)?,
                district_id: r.get(3)?,
                direction: r.get(4)?,
                assembly_point: r.get(5)?,
                report_by: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ActivationDetail {
        activation,
        scope,
        units,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CallListQuery {
    pub activation_id: String,
    pub unit_id: Option<String>,
    pub district_id: Option<String>,
    /// IIN prefix, or the start of the surname or given name (as stored, case-insensitive
    /// for ASCII; Cyrillic must match the case typed).
    pub q: Option<String>,
    /// `true`: only those listed apart; `false`: only those called; `None`: everyone.
    pub excluded: Option<bool>,
    pub limit: Option<u32>,
}

pub const MAX_LIST: u32 = 50_000;

pub(crate) const ROW_COLUMNS: &str = "c.volunteer_id, c.iin, c.surname, c.given_name,
    c.patronymic, c.phone, c.registered_address, c.actual_address, c.region_id, c.district_id,
    c.unit_id, coalesce(au.unit_name, ''), c.position, c.excluded, c.exclusion_detail, c.reached,
    c.response, c.reported_at, c.reason";

pub(crate) fn row_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<CallRow> {
    let excluded: Option<String> = r.get(13)?;
    let response: String = r.get(16)?;
    Ok(CallRow {
        volunteer_id: r.get(0)?,
        iin: r.get(1)?,
        surname: r.get(2)?,
        given_name: r.get(3)?,
        patronymic: r.get(4)?,
        phone: r.get(5)?,
        registered_address: r.get(6)?,
        actual_address: r.get(7)?,
        region_id: r.get(8)?,
        district_id: r.get(9)?,
        unit_id: r.get(10)?,
        unit_name: r.get(11)?,
        position: r.get(12)?,
        excluded: excluded.as_deref().and_then(Exclusion::parse),
        exclusion_detail: r.get(14)?,
        reached: r.get::<_, i64>(15)? == 1,
        response: Response::parse(&response).unwrap_or(Response::Pending),
        reported_at: r.get(17)?,
        reason: r.get(18)?,
    })
}

/// The rows of a call-out list the actor may see, by district, unit and name.
pub fn call_list(store: &Store, actor: &Actor, query: &CallListQuery) -> Result<Vec<CallRow>> {
    let conn = store.conn();
    let activation = find_activation(conn, actor, query.activation_id.trim())?;
    let mut sql = format!(
        "SELECT {ROW_COLUMNS} FROM callout_rows c
         LEFT JOIN activation_units au ON au.activation_id = c.activation_id AND au.unit_id = c.unit_id
         WHERE c.activation_id = ?"
    );
    let mut args: Vec<String> = vec![activation.id.clone()];
    let (scope_sql, scope_param) = actor.scope().filter("c.region_id", "c.district_id");
    sql.push_str(&format!(" AND {scope_sql}"));
    args.extend(scope_param);
    if let Some(unit) = query.unit_id.as_deref().filter(|u| !u.is_empty()) {
        sql.push_str(" AND c.unit_id = ?");
        args.push(unit.to_owned());
    }
    if let Some(d) = query.district_id.as_deref().filter(|d| !d.is_empty()) {
        sql.push_str(" AND c.district_id = ?");
        args.push(d.to_owned());
    }
    match query.excluded {
        Some(true) => sql.push_str(" AND c.excluded IS NOT NULL"),
        Some(false) => sql.push_str(" AND c.excluded IS NULL"),
        None => {}
    }
    if let Some(q) = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        let escaped = q
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        sql.push_str(
            " AND (c.iin LIKE ? ESCAPE '\\' OR c.surname LIKE ? ESCAPE '\\'
                   OR c.given_name LIKE ? ESCAPE '\\')",
        );
        args.push(format!("{escaped}%"));
        args.push(format!("{escaped}%"));
        args.push(format!("{escaped}%"));
    }
    let limit = query.limit.unwrap_or(MAX_LIST).min(MAX_LIST);
    sql.push_str(&format!(
        " ORDER BY c.district_id, coalesce(au.unit_name, ''), c.surname, c.given_name LIMIT {limit}"
    ));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}
