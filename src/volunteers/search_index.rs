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

/// New volunteers' entries held back and written together: an import's rows.
///
/// FTS5 gathers an index's entries in a hash table in memory, one per index. Written with
/// each row, between the row's other inserts, every entry found that table's slots out of the
/// processor's caches (under perf, 70% of an import's time in FTS5 went to one load in its hash
/// lookup), and the region's table was a different one from row to row. Written a few thousand
/// at a time, the national index's entries go in one after another and then each region's, in
/// rowid order within each index (FTS5 starts a new segment when a rowid goes backwards).
/// Measured at 200,000 rows, two runs each (BENCHMARKS.md): writing an import's rows took
/// 12.4-13.2 s with the entries written row by row, 5.0 s with no entries at all, 7.6-9.6 s
/// with 4,096 held and 6.8-8.5 s with 16,384 (about 4 MB of text).
#[derive(Default)]
pub(crate) struct Pending {
    rows: Vec<(i64, Texts)>,
}

impl Pending {
    /// Rows held before [`Pending::add`] writes them.
    pub const ROWS: usize = 16384;

    /// Holds a new volunteer's entries; writes every held entry once [`Self::ROWS`] are held.
    /// `seq` must be greater than every seq held (the rows of one transaction, in order).
    pub fn add(&mut self, tx: &Connection, seq: i64, texts: Texts) -> Result<()> {
        self.rows.push((seq, texts));
        if self.rows.len() >= Self::ROWS {
            self.write(tx)?;
        }
        Ok(())
    }

    /// Writes every held entry: the national index's, then each region's.
    pub fn write(&mut self, tx: &Connection) -> Result<()> {
        let mut national = tx.prepare_cached(&format!(
            "INSERT INTO {NATIONAL} (rowid, text) VALUES (?, ?)"
        ))?;
        for (seq, texts) in &self.rows {
            national.execute(params![seq, texts.national])?;
        }
        let mut regional: Vec<(&str, i64, &str)> = self
            .rows
            .iter()
            .filter_map(|(seq, texts)| {
                let (table, text) = texts.regional.as_ref()?;
                Some((*table, *seq, text.as_str()))
            })
            .collect();
        // Stable: each region's rows stay in rowid order.
        regional.sort_by_key(|(table, _, _)| *table);
        for region in regional.chunk_by(|a, b| a.0 == b.0) {
            let table = region[0].0;
            let mut insert =
                tx.prepare_cached(&format!("INSERT INTO {table} (rowid, text) VALUES (?, ?)"))?;
            for (_, seq, text) in region {
                insert.execute(params![seq, text])?;
            }
        }
        self.rows.clear();
        Ok(())
    }
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::clock::SystemClock;
    use crate::db::Store;

    fn count(tx: &Connection, table: &str, fragment: &str) -> i64 {
        tx.query_row(
            &format!("SELECT count(*) FROM {table} WHERE {table} MATCH ?"),
            [fragment],
            |r| r.get(0),
        )
        .unwrap()
    }

    #[test]
    fn held_entries_are_written_when_full_and_when_asked_each_in_its_region() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), Arc::new(SystemClock)).unwrap();
        let tx = store.conn().unchecked_transaction().unwrap();
        let regions = [REGIONAL[0], REGIONAL[7], REGIONAL[19]];
        let mut pending = Pending::default();
        let total = Pending::ROWS as i64 + 10;
        for seq in 1..=total {
            let (region, _) = regions[(seq % 3) as usize];
            // Every fifth volunteer is an Ахметов; the others are Серікбаев.
            let surname = if seq % 5 == 0 {
                "Ахметов"
            } else {
                "Серікбаев"
            };
            let entry = Entry {
                surname,
                given_name: "Ерлан",
                patronymic: None,
                region_id: region,
                district_id: "d-1",
            };
            pending.add(&tx, seq, Texts::of(&entry)).unwrap();
            if seq == Pending::ROWS as i64 - 1 {
                assert_eq!(count(&tx, NATIONAL, "ерлан"), 0, "held until full");
            }
        }
        assert_eq!(
            count(&tx, NATIONAL, "ерлан"),
            Pending::ROWS as i64,
            "the first ROWS entries were written when the holder was full"
        );
        pending.write(&tx).unwrap();
        assert_eq!(
            count(&tx, NATIONAL, "ерлан"),
            total,
            "every entry is in the national index"
        );
        assert_eq!(
            count(&tx, NATIONAL, "ахмет"),
            total / 5,
            "each under its own row"
        );
        for (i, (_, table)) in regions.iter().enumerate() {
            let expected = (1..=total).filter(|seq| seq % 3 == i as i64).count() as i64;
            assert_eq!(
                count(&tx, table, "ерлан"),
                expected,
                "{table} holds exactly its region's volunteers"
            );
            let ahmetov = (1..=total)
                .filter(|seq| seq % 3 == i as i64 && seq % 5 == 0)
                .count() as i64;
            assert_eq!(
                count(&tx, table, "ахмет"),
                ahmetov,
                "{table}: rows kept apart"
            );
        }
        let found: i64 = tx
            .query_row(
                &format!(
                    "SELECT rowid FROM {NATIONAL} WHERE {NATIONAL} MATCH 'ахмет' AND rowid = ?"
                ),
                [total - (total % 5)],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            found,
            total - (total % 5),
            "the last Ахметов under his own seq"
        );
    }
}
