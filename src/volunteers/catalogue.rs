//! What the validation of a volunteer's form reads besides the form: the places
//! ([`PlaceLookup`]) and the skills catalogue.
//!
//! A form's save asks the database ([`Connection`] implements both traits, with cached
//! statements). An import asks a [`CatalogueCopy`]: the same columns of the same three tables,
//! read once inside the import's own immediate transaction. Nothing else can write while that
//! transaction holds the write lock, and an import writes none of these tables, so every
//! answer of the copy is the answer the database would give at that row; what it buys is that
//! the rows can be validated on a thread of their own, which cannot share the connection.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::places::PlaceLookup;

/// A skill's catalogue entry: `(has_licence, retired_at, bit)`.
pub(crate) type SkillEntry = (bool, Option<String>, Option<i64>);

/// Places and skills, as validation reads them.
pub(crate) trait Catalogue: PlaceLookup {
    /// The entry of a skill code, `None` for an unknown code.
    fn skill(&self, code: &str) -> Result<Option<SkillEntry>>;
}

impl Catalogue for Connection {
    fn skill(&self, code: &str) -> Result<Option<SkillEntry>> {
        Ok(self
            .prepare_cached("SELECT has_licence, retired_at, bit FROM skills WHERE code = ?")?
            .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }
}

/// The regions, districts and skills tables as [`Catalogue`] reads them, in memory.
pub(crate) struct CatalogueCopy {
    regions: HashSet<String>,
    districts: HashMap<String, (String, Option<String>)>,
    skills: HashMap<String, SkillEntry>,
}

impl CatalogueCopy {
    /// Reads the three tables; call it inside the transaction whose rows it will check.
    pub fn load(conn: &Connection) -> Result<Self> {
        let regions = conn
            .prepare("SELECT id FROM regions")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let districts = conn
            .prepare("SELECT id, region_id, retired_at FROM districts")?
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
            .collect::<rusqlite::Result<_>>()?;
        let skills = conn
            .prepare("SELECT code, has_licence, retired_at, bit FROM skills")?
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Self {
            regions,
            districts,
            skills,
        })
    }
}

impl PlaceLookup for CatalogueCopy {
    fn region_exists(&self, region_id: &str) -> Result<bool> {
        Ok(self.regions.contains(region_id))
    }

    fn district(&self, district_id: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(self.districts.get(district_id).cloned())
    }
}

impl Catalogue for CatalogueCopy {
    fn skill(&self, code: &str) -> Result<Option<SkillEntry>> {
        Ok(self.skills.get(code).cloned())
    }
}
