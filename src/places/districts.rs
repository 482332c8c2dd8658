//! Districts: added, renamed and retired by administrators of their region. A retired district
//! keeps its row, so records and audit entries that name it still resolve.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use validator::Validate;

use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::places::region_exists;
use crate::text::{clean, clean_opt};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct District {
    pub id: String,
    pub region_id: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub retired_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct ListDistrictsInput {
    pub region_id: Option<String>,
    pub include_retired: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Validate)]
pub struct NewDistrict {
    pub region_id: String,
    #[validate(length(min = 1, max = 200))]
    pub name_kk: String,
    #[validate(length(min = 1, max = 200))]
    pub name_ru: String,
    #[validate(length(min = 1, max = 200))]
    pub name_en: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS, Validate)]
pub struct RenameDistrict {
    pub id: String,
    #[validate(length(min = 1, max = 200))]
    pub name_kk: String,
    #[validate(length(min = 1, max = 200))]
    pub name_ru: String,
    #[validate(length(min = 1, max = 200))]
    pub name_en: Option<String>,
}

const COLUMNS: &str = "id, region_id, name_kk, name_ru, name_en, retired_at, created_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<District> {
    Ok(District {
        id: r.get(0)?,
        region_id: r.get(1)?,
        name_kk: r.get(2)?,
        name_ru: r.get(3)?,
        name_en: r.get(4)?,
        retired_at: r.get(5)?,
        created_at: r.get(6)?,
    })
}

/// Districts are reference data: any signed-in user lists those of their own region (national
/// users: any region). Asking for another region is refused, not silently emptied.
pub fn list_districts(
    store: &Store,
    actor: &Actor,
    input: &ListDistrictsInput,
) -> Result<Vec<District>> {
    actor.ready()?;
    let scope = actor.scope();
    if let (Some(own), Some(asked)) = (scope.region(), input.region_id.as_deref()) {
        if own != asked {
            return Err(Error::forbidden("out_of_scope"));
        }
    }
    let region = input.region_id.as_deref().or(scope.region());
    let mut sql = format!("SELECT {COLUMNS} FROM districts WHERE (?1 IS NULL OR region_id = ?1)");
    if !input.include_retired {
        sql.push_str(" AND retired_at IS NULL");
    }
    sql.push_str(" ORDER BY region_id, name_ru");
    let mut stmt = store.conn().prepare(&sql)?;
    let districts = stmt
        .query_map([region], from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(districts)
}

/// National administrators add districts anywhere; regional administrators in their region.
pub fn add_district(store: &mut Store, actor: &Actor, input: NewDistrict) -> Result<District> {
    actor.require_admin()?;
    let input = NewDistrict {
        region_id: input.region_id.trim().to_owned(),
        name_kk: clean(&input.name_kk),
        name_ru: clean(&input.name_ru),
        name_en: clean_opt(input.name_en.as_deref()),
    };
    input.validate()?;
    if !region_exists(store.conn(), &input.region_id)? {
        return Err(Error::field("region_id", "unknown_region"));
    }
    if let Scope::Region(own) = actor.scope() {
        if own != input.region_id {
            return Err(Error::forbidden("out_of_scope"));
        }
    }
    let now = store.now();
    let tx = store.write()?;
    ensure_name_free(&tx, &input.region_id, None, &input.name_kk, &input.name_ru)?;
    let district = District {
        id: new_id(now).to_string(),
        region_id: input.region_id,
        name_kk: input.name_kk,
        name_ru: input.name_ru,
        name_en: input.name_en,
        retired_at: None,
        created_at: stamp(now),
    };
    tx.execute(
        &format!("INSERT INTO districts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
        params![
            district.id,
            district.region_id,
            district.name_kk,
            district.name_ru,
            district.name_en,
            district.retired_at,
            district.created_at
        ],
    )?;
    audit_change(&tx, now, actor, "district.add", None, &district)?;
    tx.commit()?;
    Ok(district)
}

pub fn rename_district(
    store: &mut Store,
    actor: &Actor,
    input: RenameDistrict,
) -> Result<District> {
    actor.require_admin()?;
    let input = RenameDistrict {
        id: input.id.trim().to_owned(),
        name_kk: clean(&input.name_kk),
        name_ru: clean(&input.name_ru),
        name_en: clean_opt(input.name_en.as_deref()),
    };
    input.validate()?;
    let now = store.now();
    let tx = store.write()?;
    let before = find_in_scope(&tx, actor, &input.id)?;
    if before.retired_at.is_some() {
        return Err(Error::conflict(
            "district_retired",
            "this district is retired",
        ));
    }
    ensure_name_free(
        &tx,
        &before.region_id,
        Some(&before.id),
        &input.name_kk,
        &input.name_ru,
    )?;
    tx.execute(
        "UPDATE districts SET name_kk = ?2, name_ru = ?3, name_en = ?4 WHERE id = ?1",
        params![input.id, input.name_kk, input.name_ru, input.name_en],
    )?;
    let after = District {
        name_kk: input.name_kk,
        name_ru: input.name_ru,
        name_en: input.name_en,
        ..before.clone()
    };
    audit_change(&tx, now, actor, "district.rename", Some(&before), &after)?;
    tx.commit()?;
    Ok(after)
}

pub fn retire_district(store: &mut Store, actor: &Actor, id: &str) -> Result<District> {
    actor.require_admin()?;
    let now = store.now();
    let tx = store.write()?;
    let before = find_in_scope(&tx, actor, id.trim())?;
    if before.retired_at.is_some() {
        return Err(Error::conflict(
            "district_retired",
            "this district is already retired",
        ));
    }
    let after = District {
        retired_at: Some(stamp(now)),
        ..before.clone()
    };
    tx.execute(
        "UPDATE districts SET retired_at = ?2 WHERE id = ?1",
        params![after.id, after.retired_at],
    )?;
    audit_change(&tx, now, actor, "district.retire", Some(&before), &after)?;
    tx.commit()?;
    Ok(after)
}

/// Audits one change to a district, with its values before (none when added) and after.
fn audit_change(
    tx: &rusqlite::Transaction<'_>,
    now: chrono::DateTime<chrono::Utc>,
    actor: &Actor,
    action: &str,
    before: Option<&District>,
    after: &District,
) -> Result<()> {
    audit::record(
        tx,
        now,
        Event {
            entity_id: Some(&after.id),
            region_id: Some(&after.region_id),
            district_id: Some(&after.id),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(after)?),
            ..Event::by(actor, action, "district")
        },
    )
}

/// Reads a district through the actor's scope; one that exists elsewhere is `forbidden`.
fn find_in_scope(conn: &Connection, actor: &Actor, id: &str) -> Result<District> {
    let (scope_sql, scope_param) = actor.scope().filter("region_id", "id");
    let sql = format!("SELECT {COLUMNS} FROM districts WHERE id = ? AND {scope_sql}");
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    let found = conn
        .query_row(&sql, rusqlite::params_from_iter(args), from_row)
        .optional()?;
    match found {
        Some(district) => Ok(district),
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM districts WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("district")
            })
        }
    }
}

/// Two active districts of one region may not share a name (compared case-insensitively in
/// full Unicode: SQLite's NOCASE folds only ASCII, useless for Cyrillic).
fn ensure_name_free(
    conn: &Connection,
    region_id: &str,
    except: Option<&str>,
    name_kk: &str,
    name_ru: &str,
) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, name_kk, name_ru FROM districts WHERE region_id = ? AND retired_at IS NULL",
    )?;
    let mut rows = stmt.query([region_id])?;
    let (kk, ru) = (name_kk.to_lowercase(), name_ru.to_lowercase());
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        if Some(id.as_str()) == except {
            continue;
        }
        let (other_kk, other_ru): (String, String) = (row.get(1)?, row.get(2)?);
        let mut fields = Vec::new();
        if other_kk.to_lowercase() == kk {
            fields.push(FieldError::new("name_kk", "district_name_taken"));
        }
        if other_ru.to_lowercase() == ru {
            fields.push(FieldError::new("name_ru", "district_name_taken"));
        }
        if !fields.is_empty() {
            let mut err = Error::conflict(
                "district_name_taken",
                "an active district of this region already has this name",
            );
            err.fields = fields;
            return Err(err);
        }
    }
    Ok(())
}

/// What [`check_place`] reads: whether a region exists, and a district's region and
/// retirement. The database answers for a form; an import answers from a copy of the same
/// tables read once inside its transaction (see `volunteers::import`), so both check a place
/// with the same code against the same rows.
pub trait PlaceLookup {
    fn region_exists(&self, region_id: &str) -> Result<bool>;
    /// `(region_id, retired_at)` of a district, `None` for an unknown id.
    fn district(&self, district_id: &str) -> Result<Option<(String, Option<String>)>>;
}

impl PlaceLookup for Connection {
    fn region_exists(&self, region_id: &str) -> Result<bool> {
        region_exists(self, region_id)
    }

    fn district(&self, district_id: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .prepare_cached("SELECT region_id, retired_at FROM districts WHERE id = ?")?
            .query_row([district_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}

/// The region and district of a new record: both exist, the district is active and lies in
/// the region, and both lie in the actor's scope (`out_of_scope` on the field otherwise).
/// Problems are added to `problems`, so a form reports them with its other fields.
pub fn check_place(
    places: &(impl PlaceLookup + ?Sized),
    actor: &Actor,
    region_id: &str,
    district_id: &str,
    problems: &mut Vec<FieldError>,
) -> Result<()> {
    if region_id.is_empty() {
        problems.push(FieldError::new("region_id", "required"));
    } else if !places.region_exists(region_id)? {
        problems.push(FieldError::new("region_id", "unknown_region"));
    }
    if district_id.is_empty() {
        problems.push(FieldError::new("district_id", "required"));
        return Ok(());
    }
    match places.district(district_id)? {
        None => problems.push(FieldError::new("district_id", "unknown_district")),
        Some((_, Some(_))) => problems.push(FieldError::new("district_id", "district_retired")),
        Some((region, None)) if region != region_id => {
            problems.push(FieldError::new("district_id", "district_region_mismatch"))
        }
        Some(_) => {}
    }
    match actor.scope() {
        Scope::National => {}
        Scope::Region(own) if own != region_id => {
            problems.push(FieldError::new("region_id", "out_of_scope"))
        }
        Scope::District {
            district_id: own, ..
        } if own != district_id => problems.push(FieldError::new("district_id", "out_of_scope")),
        _ => {}
    }
    Ok(())
}
