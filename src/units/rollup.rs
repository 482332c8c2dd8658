//! The national readiness rollup from running totals instead of a scan of every active
//! assignment (the readiness-totals migration keeps them with triggers, whatever path writes):
//!
//! * assigned strength and missing skills per unit and position: `readiness_strength`;
//! * expired and expiring certificates: the few entries of `assignments_active_by_expiry` up to
//!   the warning date of the day;
//! * the age profile per (region, agency, direction): the birth-month histogram
//!   `readiness_births`, summed per key in SQL, where a month lies wholly inside one age band
//!   except the four months that hold a band boundary on the day of the call; members born in
//!   those are counted exactly from `assignments_active_by_birth`.
//!
//! Ages change daily, so none is stored. The figures equal those of the per-unit count, which
//! tests/units_rollup.rs checks on hand-built and generated structures.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use super::checks::day;
use super::readiness::{born_by, GroupKey, UnitInfo, BAND_FROM};
use super::EXPIRY_WARNING_DAYS;
use crate::error::Result;

/// Fills the assigned strength and the qualification counts of `units` (the non-disbanded
/// units of the query) and returns the age bands per group key.
pub(super) fn count_from_totals(
    conn: &rusqlite::Connection,
    units: &mut HashMap<String, UnitInfo>,
    today: NaiveDate,
) -> Result<HashMap<GroupKey, [u32; 5]>> {
    {
        let mut stmt = conn.prepare_cached(
            "SELECT unit_id, position, assigned, missing FROM readiness_strength
             WHERE assigned > 0",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            // Borrowed text: 30,000 rows, no allocation unless a position is new to the unit.
            let unit_id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            let Some(unit) = units.get_mut(unit_id) else {
                continue;
            };
            let position = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
            let assigned: u32 = r.get(2)?;
            match unit.tally.positions.get_mut(position) {
                Some(line) => line.1 = assigned,
                None => {
                    unit.tally
                        .positions
                        .insert(position.to_owned(), (0, assigned));
                }
            }
            unit.tally.missing += r.get::<_, u32>(3)?;
        }
    }

    let today_text = day(today);
    let warn = day(today + Duration::days(EXPIRY_WARNING_DAYS));
    {
        let mut stmt = conn.prepare_cached(
            "SELECT unit_id, qual_expiry < ?1 FROM assignments
                 INDEXED BY assignments_active_by_expiry
             WHERE end_date IS NULL AND qual_missing = 0 AND qual_expiry IS NOT NULL
               AND qual_expiry <= ?2",
        )?;
        let mut rows = stmt.query([&today_text, &warn])?;
        while let Some(r) = rows.next()? {
            let unit_id: String = r.get(0)?;
            if let Some(unit) = units.get_mut(&unit_id) {
                if r.get::<_, bool>(1)? {
                    unit.tally.expired += 1;
                } else {
                    unit.tally.expiring += 1;
                }
            }
        }
    }

    // Band boundaries of the day: a member born after cutoffs[i] is younger than BAND_FROM[i].
    let cutoffs: Vec<String> = BAND_FROM.iter().map(|y| day(born_by(today, *y))).collect();
    let months: Vec<&str> = cutoffs.iter().map(|c| &c[..7]).collect();
    let mut key_of: HashMap<&str, GroupKey> = HashMap::new();
    for (id, unit) in units.iter() {
        key_of.insert(id.as_str(), unit.key());
    }
    // younger[key][i]: members of the key born in the boundary month of cutoff i, after it.
    let mut younger: HashMap<GroupKey, [u32; 4]> = HashMap::new();
    {
        let mut stmt = conn.prepare_cached(
            "SELECT unit_id FROM assignments INDEXED BY assignments_active_by_birth
             WHERE end_date IS NULL AND birth_date > ?1 AND birth_date < ?2",
        )?;
        for (i, cutoff) in cutoffs.iter().enumerate() {
            let month_end = format!("{}-32", months[i]);
            let mut rows = stmt.query([cutoff.as_str(), month_end.as_str()])?;
            while let Some(r) = rows.next()? {
                let unit_id: String = r.get(0)?;
                if let Some(key) = key_of.get(unit_id.as_str()) {
                    younger.entry(key.clone()).or_default()[i] += 1;
                }
            }
        }
    }

    // The histogram summed per key in SQL (its primary key order, no sort): members born in
    // months wholly inside each band, and in each boundary month.
    let mut bands: HashMap<GroupKey, [u32; 5]> = HashMap::new();
    let keys: std::collections::HashSet<&GroupKey> = key_of.values().collect();
    let mut stmt = conn.prepare_cached(
        "SELECT region_id, agency_id, direction,
             coalesce(sum(members) FILTER (WHERE birth_month > ?1), 0),
             coalesce(sum(members) FILTER (WHERE birth_month < ?1 AND birth_month > ?2), 0),
             coalesce(sum(members) FILTER (WHERE birth_month < ?2 AND birth_month > ?3), 0),
             coalesce(sum(members) FILTER (WHERE birth_month < ?3 AND birth_month > ?4), 0),
             coalesce(sum(members) FILTER (WHERE birth_month < ?4), 0),
             coalesce(sum(members) FILTER (WHERE birth_month = ?1), 0),
             coalesce(sum(members) FILTER (WHERE birth_month = ?2), 0),
             coalesce(sum(members) FILTER (WHERE birth_month = ?3), 0),
             coalesce(sum(members) FILTER (WHERE birth_month = ?4), 0)
         FROM readiness_births GROUP BY region_id, agency_id, direction",
    )?;
    let mut rows = stmt.query(rusqlite::params_from_iter(months.iter()))?;
    while let Some(r) = rows.next()? {
        let direction: String = r.get(2)?;
        let Some(direction) = super::Direction::parse(&direction) else {
            continue;
        };
        let key: GroupKey = (r.get(0)?, r.get(1)?, direction);
        // Keys of units the query leaves out (another agency or direction) are not counted.
        if !keys.contains(&key) {
            continue;
        }
        let mut line = [0u32; 5];
        for (i, band) in line.iter_mut().enumerate() {
            *band = r.get(3 + i)?;
        }
        // A boundary month splits between the band on each side of its boundary: members
        // born after the cutoff are the younger band.
        let young = younger.get(&key).copied().unwrap_or_default();
        for i in 0..4 {
            let in_month: u32 = r.get(8 + i)?;
            let y = young[i].min(in_month);
            line[i] += y;
            line[i + 1] += in_month - y;
        }
        bands.insert(key, line);
    }
    Ok(bands)
}
