//! The 17 oblasts and 3 cities of republican significance, identified by ISO 3166-2:KZ code.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RegionKind {
    Oblast,
    City,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Region {
    pub id: String,
    pub kind: RegionKind,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

/// Regions are public reference data: every signed-in user may list them.
pub fn list_regions(store: &Store) -> Result<Vec<Region>> {
    let mut stmt = store
        .conn()
        .prepare("SELECT id, kind, name_kk, name_ru, name_en FROM regions ORDER BY name_en")?;
    let regions = stmt
        .query_map([], |r| {
            let kind: String = r.get(1)?;
            Ok(Region {
                id: r.get(0)?,
                kind: if kind == "city" {
                    RegionKind::City
                } else {
                    RegionKind::Oblast
                },
                name_kk: r.get(2)?,
                name_ru: r.get(3)?,
                name_en: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(regions)
}

pub fn region_exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM regions WHERE id = ?")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}
