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
use crate::volunteers::fold;

const COLUMNS: &str = "a.id, a.kind, a.legal_basis, a.order_number, a.declared_at, a.region_id,
    a.assembly_point, a.report_by, a.status, a.created_at, a.created_by, a.activated_at,
    a.closed_at";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Activation> {
    let kind: String = r.get(1)?;
    let status: String = r.get(8)?;
    Ok(Activation {
        id: r.get(0)?,
        kind: ActivationKind::parse(&kind)
            .ok_or_else(|| crate::db::unknown_code(1, "activation kind", &kind))?,
        legal_basis: r.get(2)?,
        order_number: r.get(3)?,
        declared_at: r.get(4)?,
        region_id: r.get(5)?,
        assembly_point: r.get(6)?,
        report_by: r.get(7)?,
        status: ActivationStatus::parse(&status)
            .ok_or_else(|| crate::db::unknown_code(8, "activation status", &status))?,
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
    /// IIN prefix; or the start of the surname, then optionally of the given name, folded as
    /// the registry search folds (any case, ё as е, Kazakh and Russian); or the start of the
    /// surname in Latin letters (passport transliteration).
    pub q: Option<String>,
    /// `true`: only those listed apart; `false`: only those called; `None`: everyone.
    pub excluded: Option<bool>,
    pub limit: Option<u32>,
}

pub const MAX_LIST: u32 = 50_000;

/// The columns of a call row: the list's own (`c`, `callout_rows`), the person's from their
/// volunteer record (`v`), the unit's id (`u`) and its name at activation (`au`), all joined
/// by [`ROW_JOIN`] (the list names its activation, volunteer and unit by `seq`).
pub(crate) const ROW_COLUMNS: &str = "v.id, v.iin, v.surname, v.given_name,
    v.patronymic, v.phone, v.registered_address, v.actual_address, c.region_id, c.district_id,
    u.id, coalesce(au.unit_name, ''), c.position, c.excluded, c.exclusion_detail, c.reached,
    c.response, c.reported_at, c.reason";

/// Joins the volunteer record and the unit of a call row `c`.
pub(crate) const ROW_JOIN: &str = "JOIN volunteers v ON v.seq = c.volunteer_seq
    JOIN units u ON u.seq = c.unit_seq
    JOIN activations ca ON ca.seq = c.activation_seq
    LEFT JOIN activation_units au ON au.activation_id = ca.id AND au.unit_id = u.id";

/// The condition on `c.activation_seq` for the activation whose id is the next parameter.
pub(crate) const OF_ACTIVATION: &str =
    "c.activation_seq = (SELECT seq FROM activations WHERE id = ?)";

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
        excluded: excluded
            .map(|x| {
                Exclusion::parse(&x)
                    .ok_or_else(|| crate::db::unknown_code(13, "call-out exclusion", &x))
            })
            .transpose()?,
        exclusion_detail: r.get(14)?,
        reached: r.get::<_, i64>(15)? == 1,
        response: Response::parse(&response)
            .ok_or_else(|| crate::db::unknown_code(16, "call-out response", &response))?,
        reported_at: r.get(17)?,
        reason: r.get(18)?,
    })
}

/// What the desk typed, folded as the registry's search folds names.
#[derive(Debug, PartialEq, Eq)]
enum Find {
    /// Digits only: the start of an IIN.
    Iin(String),
    /// Cyrillic: the start of the surname (sort key: any case, ё as е), then optionally the
    /// start of the given name.
    Surname { key: String, given: Option<String> },
    /// Latin letters: the start of the surname's passport transliteration.
    Latin(String),
}

fn find(q: &str) -> Option<Find> {
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
        return Some(Find::Iin(compact));
    }
    let cyrillic = fold::has_cyrillic(q);
    let folded = if cyrillic {
        fold::cyrillic(q)
    } else {
        fold::latin(q)
    };
    let mut words = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    let first = words.next()?.to_owned();
    if cyrillic {
        Some(Find::Surname {
            key: fold::sort_key(&first),
            given: words.next().map(fold::sort_key),
        })
    } else {
        Some(Find::Latin(first))
    }
}

/// The rows of a call-out list the actor may see, by district, unit and name. With `q`, the
/// search starts from the volunteer registry's indexes (IIN, the surname's sort key or its
/// Latin form) and looks each match up in the list by its unique key, so the desk never
/// reads the whole list.
pub fn call_list(store: &Store, actor: &Actor, query: &CallListQuery) -> Result<Vec<CallRow>> {
    let conn = store.conn();
    let activation = find_activation(conn, actor, query.activation_id.trim())?;
    let mut args: Vec<String> = Vec::new();
    let text = query.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let (mut sql, order) = match text {
        None => {
            args.push(activation.id.clone());
            (
                format!(
                    "SELECT {ROW_COLUMNS} FROM callout_rows c {ROW_JOIN} WHERE {OF_ACTIVATION}"
                ),
                "c.district_id, coalesce(au.unit_name, ''), v.surname_sort, v.given_sort",
            )
        }
        Some(q) => {
            let Some(found) = find(q) else {
                return Ok(Vec::new());
            };
            // The registry drives (CROSS JOIN keeps it outer); each match probes the list's
            // unique (activation, volunteer) index.
            let from = format!(
                "SELECT {ROW_COLUMNS} FROM volunteers v
                 CROSS JOIN callout_rows c ON {OF_ACTIVATION} AND c.volunteer_seq = v.seq
                 JOIN units u ON u.seq = c.unit_seq
                 JOIN activations ca ON ca.seq = c.activation_seq
                 LEFT JOIN activation_units au ON au.activation_id = ca.id AND au.unit_id = u.id
                 WHERE "
            );
            args.push(activation.id.clone());
            match found {
                Find::Iin(prefix) => {
                    args.push(prefix.clone());
                    // ':' follows '9' in ASCII: the range covers every IIN with this prefix.
                    args.push(format!("{prefix}:"));
                    (format!("{from}v.iin >= ? AND v.iin < ?"), "v.iin")
                }
                Find::Surname { key, given } => {
                    args.push(key.clone());
                    args.push(format!("{key}\u{10FFFF}"));
                    let mut sql = format!("{from}v.surname_sort >= ? AND v.surname_sort < ?");
                    if let Some(given) = given {
                        sql.push_str(" AND v.given_sort >= ? AND v.given_sort < ?");
                        args.push(given.clone());
                        args.push(format!("{given}\u{10FFFF}"));
                    }
                    (sql, "v.surname_sort, v.given_sort, v.id")
                }
                Find::Latin(prefix) => {
                    args.push(prefix.clone());
                    args.push(format!("{prefix}\u{7F}"));
                    (
                        format!("{from}v.surname_lat >= ? AND v.surname_lat < ?"),
                        "v.surname_lat, v.seq",
                    )
                }
            }
        }
    };
    let (scope_sql, scope_param) = actor.scope().filter("c.region_id", "c.district_id");
    sql.push_str(&format!(" AND {scope_sql}"));
    args.extend(scope_param);
    if let Some(unit) = query.unit_id.as_deref().filter(|u| !u.is_empty()) {
        sql.push_str(" AND c.unit_seq = (SELECT seq FROM units WHERE id = ?)");
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
    let limit = query.limit.unwrap_or(MAX_LIST).min(MAX_LIST);
    sql.push_str(&format!(" ORDER BY {order} LIMIT {limit}"));
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), row_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_desk_folds_what_it_is_typed_as_the_registry_does() {
        assert_eq!(
            find("петров"),
            find("ПЕТРОВ"),
            "Cyrillic case does not matter at the desk"
        );
        assert_eq!(find("Семёнов"), find("семенов"), "ё is searched as е");
        assert_eq!(
            find("8801 02"),
            Some(Find::Iin("880102".into())),
            "digits are an IIN prefix, spaces ignored"
        );
        assert_eq!(
            find("Zhaksybek"),
            Some(Find::Latin(fold::latin("Жақсыбек"))),
            "Latin letters match the passport transliteration"
        );
        assert_eq!(find("  -- "), None, "nothing to search for");
    }
}
