//! Region and district ids by any of their names, loaded once per import so that every row
//! resolves its place without a query.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::error::Result;
use crate::sheets::header::fold;

/// Region and district ids by their folded names (any language) and ids, loaded once.
pub struct Places {
    regions: HashMap<String, String>,
    /// (region id, folded name) to district id.
    districts: HashMap<(String, String), String>,
    /// Folded name to district ids, for a sheet with no region column.
    district_names: HashMap<String, Vec<String>>,
}

impl Places {
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut regions = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name_kk, name_ru, name_en FROM regions")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, kk, ru, en) = row?;
            for name in [&id, &kk, &ru, &en] {
                regions.insert(fold(name), id.clone());
            }
        }
        let mut districts = HashMap::new();
        let mut district_names: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, region_id, name_kk, name_ru, name_en FROM districts WHERE retired_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, region, kk, ru, en) = row?;
            for name in [Some(&id), Some(&kk), Some(&ru), en.as_ref()]
                .into_iter()
                .flatten()
            {
                let key = fold(name);
                districts.insert((region.clone(), key.clone()), id.clone());
                let ids = district_names.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id.clone());
                }
            }
        }
        Ok(Self {
            regions,
            districts,
            district_names,
        })
    }

    pub(super) fn region(&self, text: &str) -> Option<&String> {
        self.regions.get(&fold(text))
    }

    pub(super) fn district(&self, region: Option<&str>, text: &str) -> Option<String> {
        let key = fold(text);
        match region {
            Some(region) => self.districts.get(&(region.to_owned(), key)).cloned(),
            None => match self.district_names.get(&key).map(Vec::as_slice) {
                Some([only]) => Some(only.clone()),
                _ => None,
            },
        }
    }
}
