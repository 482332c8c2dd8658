//! The trigram indexes behind "any part of a name": one national index, and one per region
//! (the 20 regions are fixed reference data, migration 0001), each holding every volunteer of
//! its region. A national search walks the national index; a region's or a district's search
//! walks only its region's index (a twentieth of the country), so a scoped query never reads
//! the matches of the other regions. Measured at 1,000,000 volunteers with one national index
//! and a scope marker ANDed inside it: regional p99 6.4 ms, district 6.8 ms (BENCHMARKS.md).
//! Every save writes both entries in its transaction, and a region change moves the regional
//! one.

use rusqlite::{params, Connection};

use super::fold;
use crate::error::Result;

/// The national index.
pub const NATIONAL: &str = "volunteer_search";

/// Each region's index, by region id (created by migration 0002; the names are constants, so
/// no SQL is ever built from user input).
pub const REGIONAL: [(&str, &str); 20] = [
    ("KZ-10", "volunteer_search_kz_10"),
    ("KZ-11", "volunteer_search_kz_11"),
    ("KZ-15", "volunteer_search_kz_15"),
    ("KZ-19", "volunteer_search_kz_19"),
    ("KZ-23", "volunteer_search_kz_23"),
    ("KZ-27", "volunteer_search_kz_27"),
    ("KZ-31", "volunteer_search_kz_31"),
    ("KZ-33", "volunteer_search_kz_33"),
    ("KZ-35", "volunteer_search_kz_35"),
    ("KZ-39", "volunteer_search_kz_39"),
    ("KZ-43", "volunteer_search_kz_43"),
    ("KZ-47", "volunteer_search_kz_47"),
    ("KZ-55", "volunteer_search_kz_55"),
    ("KZ-59", "volunteer_search_kz_59"),
    ("KZ-61", "volunteer_search_kz_61"),
    ("KZ-62", "volunteer_search_kz_62"),
    ("KZ-63", "volunteer_search_kz_63"),
    ("KZ-71", "volunteer_search_kz_71"),
    ("KZ-75", "volunteer_search_kz_75"),
    ("KZ-79", "volunteer_search_kz_79"),
];

/// The index of one region, or `None` for an id that is not a region.
pub fn regional(region_id: &str) -> Option<&'static str> {
    REGIONAL
        .iter()
        .find(|(id, _)| *id == region_id)
        .map(|(_, table)| *table)
}

/// The names a search entry is made of.
pub(crate) struct Entry<'a> {
    pub surname: &'a str,
    pub given_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub region_id: &'a str,
    pub district_id: &'a str,
}

/// The texts of a volunteer's entries: the national one, and the region's index with its
/// text (none for an id that is not a region).
pub(crate) struct Texts {
    pub national: String,
    pub regional: Option<(&'static str, String)>,
}

impl Texts {
    pub fn of(entry: &Entry<'_>) -> Self {
        Self {
            national: fold::search_text(entry.surname, entry.given_name, entry.patronymic),
            regional: regional(entry.region_id).map(|table| {
                let text = fold::region_search_text(
                    entry.surname,
                    entry.given_name,
                    entry.patronymic,
                    entry.district_id,
                );
                (table, text)
            }),
        }
    }
}

/// Writes a volunteer's entries: national, and in its region's index. `previous_region` is
/// the region of the entries being replaced (an edit), `None` for a new volunteer.
pub(crate) fn write(
    tx: &Connection,
    seq: i64,
    entry: &Entry<'_>,
    previous_region: Option<&str>,
) -> Result<()> {
    write_texts(tx, seq, &Texts::of(entry), previous_region)
}

/// [`write`] with the texts already made (an import folds them on another thread).
pub(crate) fn write_texts(
    tx: &Connection,
    seq: i64,
    texts: &Texts,
    previous_region: Option<&str>,
) -> Result<()> {
    if let Some(previous) = previous_region {
        tx.prepare_cached(&format!("DELETE FROM {NATIONAL} WHERE rowid = ?"))?
            .execute([seq])?;
        if let Some(table) = regional(previous) {
            tx.prepare_cached(&format!("DELETE FROM {table} WHERE rowid = ?"))?
                .execute([seq])?;
        }
    }
    tx.prepare_cached(&format!(
        "INSERT INTO {NATIONAL} (rowid, text) VALUES (?, ?)"
    ))?
    .execute(params![seq, texts.national])?;
    if let Some((table, text)) = &texts.regional {
        tx.prepare_cached(&format!("INSERT INTO {table} (rowid, text) VALUES (?, ?)"))?
            .execute(params![seq, text])?;
    }
    Ok(())
}

/// Merges every index into one segment: a bulk load leaves many small ones, and a search
/// reads one b-tree per term and segment.
pub(crate) fn optimize(tx: &Connection) -> Result<()> {
    let tables = std::iter::once(NATIONAL).chain(REGIONAL.iter().map(|(_, table)| *table));
    for table in tables {
        tx.execute(
            &format!("INSERT INTO {table} ({table}) VALUES ('optimize')"),
            [],
        )?;
    }
    Ok(())
}
