//! Activation's work: the scope expanded into the units it reaches, and the call-out list
//! built from their active assignments, with everyone listed apart and why.
//!
//! The scope expands in SQL: chosen units with every sub-unit (a recursive CTE over
//! `units.parent_id`), whole regions, border directions. A unit chosen explicitly keeps its own
//! assembly point and report-by time, and passes them to its sub-units unless a nearer chosen
//! unit gives others; units reached by region or direction take the activation's defaults.
//! A regional administrator's activation never reaches beyond their region.

use rusqlite::{params, Transaction};

use super::model::Activation;
use crate::clock::local_today;
use crate::error::{Error, Result};

/// Expands the scope into `activation_units`; returns how many units it reached.
pub(super) fn expand_units(tx: &Transaction<'_>, activation: &Activation) -> Result<u32> {
    let n = tx.execute(
        "WITH RECURSIVE tree (unit_id, point, by, depth) AS (
             SELECT s.value, coalesce(s.assembly_point, a.assembly_point),
                    coalesce(s.report_by, a.report_by), 0
             FROM activation_scope s JOIN activations a ON a.id = s.activation_id
             WHERE s.activation_id = ?1 AND s.kind = 'unit'
             UNION ALL
             SELECT u.id, a.assembly_point, a.report_by, 1000
             FROM units u JOIN activations a ON a.id = ?1
             WHERE u.region_id IN (SELECT value FROM activation_scope
                                   WHERE activation_id = ?1 AND kind = 'region')
                OR u.direction IN (SELECT value FROM activation_scope
                                   WHERE activation_id = ?1 AND kind = 'direction')
             UNION ALL
             SELECT u.id, t.point, t.by, t.depth + 1
             FROM units u JOIN tree t ON u.parent_id = t.unit_id
             WHERE t.depth < 1100
         ),
         nearest AS (
             SELECT unit_id, point, by, min(depth) FROM tree GROUP BY unit_id
         )
         INSERT INTO activation_units (activation_id, unit_id, unit_name, region_id,
             district_id, direction, assembly_point, report_by)
         SELECT ?1, u.id, u.name, u.region_id, u.district_id, u.direction, n.point, n.by
         FROM nearest n JOIN units u ON u.id = n.unit_id
         WHERE u.status <> 'disbanded' AND (?2 IS NULL OR u.region_id = ?2)",
        params![activation.id, activation.region_id],
    )?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// Page cache while a list is built, in KiB (SQLite's negative `cache_size`): the new rows
/// and their index pages stay in memory until the commit instead of spilling to the log
/// (measured: the insert's system time 1.1 s with the default cache, 0.1 s with this one).
const BUILD_CACHE_KIB: i64 = 128 * 1024;
/// Memory-mapped reads while a list is built, in bytes: the volunteer and assignment pages
/// are read through the map instead of one `read` call per page (measured with the sqlite3
/// shell: the join of 200,000 assignments to their volunteers took 1.8-2.5 s real, 0.9-1.2 s
/// of it system time, and 1.2 s real with 0.01-0.04 s system time through the map).
const BUILD_MMAP_BYTES: i64 = 1 << 30;

/// Builds the call-out list from the active assignments of the reached units, writing what
/// the list is about (scope, unit, position, why apart; the person's contact details stay in
/// their record), and why anyone is listed apart: discharged; ineligible by the latest
/// decision or by the rules in force on the day of the declaration (a birthday since the
/// last decision); on declared unavailability overlapping the days from declaration to
/// report-by. The connection's cache and map sizes are raised for the statement and
/// restored afterwards, whatever happened.
pub(super) fn build_list(tx: &Transaction<'_>, activation: &Activation, seq: i64) -> Result<()> {
    let cache: i64 = tx.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    let mmap: i64 = tx.query_row("PRAGMA mmap_size", [], |r| r.get(0))?;
    tx.pragma_update(None, "cache_size", -BUILD_CACHE_KIB)?;
    tx.pragma_update(None, "mmap_size", BUILD_MMAP_BYTES)?;
    let built = fill_list(tx, activation, seq);
    let restored = tx
        .pragma_update(None, "cache_size", cache)
        .and_then(|_| tx.pragma_update(None, "mmap_size", mmap));
    built?;
    restored?;
    Ok(())
}

fn fill_list(tx: &Transaction<'_>, activation: &Activation, seq: i64) -> Result<()> {
    let (from, to) = window(activation)?;
    let rules = crate::volunteers::current_rules(tx)?;
    let health: Vec<&str> = rules.excluded_health.iter().map(|h| h.as_str()).collect();
    let health = serde_json::to_string(&health)?;
    // Rows get `seq`s above every earlier row's (rowid = max + 1): the totals below read
    // this list's rows as a range of the table, without an index.
    let before: i64 = tx.query_row("SELECT coalesce(max(seq), 0) FROM callout_rows", [], |r| {
        r.get(0)
    })?;
    // MATERIALIZED keeps `base` a co-routine: flattened into the INSERT, the eligibility CASE
    // (two date() calls) was evaluated once for each place the outer SELECT names `failed`
    // (seen in EXPLAIN). The walk reads `assignments_active_by_unit` only (it holds the
    // volunteer's seq, migration 0015) and finds each volunteer's row by its rowid.
    tx.execute(
        "WITH base AS MATERIALIZED (
             SELECT v.seq AS volunteer_seq, v.region_id, v.district_id, u.seq AS unit_seq,
                    a.position,
                    CASE WHEN v.status = 'discharged' THEN 'discharged'
                         WHEN v.citizenship <> 'KZ' THEN 'citizenship'
                         WHEN date(v.birth_date, '+' || ?3 || ' years') > ?2 THEN 'below_min_age'
                         WHEN date(v.birth_date, '+' || (?4 + 1) || ' years') <= ?2
                             THEN 'above_max_age'
                         WHEN v.health_category IN (SELECT value FROM json_each(?5))
                             THEN 'health_excluded'
                         WHEN v.eligible = 0 OR v.status <> 'enrolled' THEN v.status
                    END AS failed
             FROM activation_units au
             JOIN units u ON u.id = au.unit_id
             JOIN assignments a ON a.unit_id = au.unit_id AND a.end_date IS NULL
             JOIN volunteers v ON v.seq = a.volunteer_seq
             WHERE au.activation_id = ?1
         )
         INSERT INTO callout_rows (activation_seq, volunteer_seq, region_id, district_id,
             unit_seq, position, excluded, exclusion_detail)
         SELECT ?6, volunteer_seq, region_id, district_id, unit_seq, position,
                CASE WHEN failed = 'discharged' THEN 'discharged'
                     WHEN failed IS NOT NULL THEN 'ineligible' END,
                failed
         FROM base",
        params![
            activation.id,
            from,
            rules.min_age,
            rules.max_age,
            health,
            seq
        ],
    )?;
    // The new list's running totals (kept right afterwards by the triggers of migration 0011,
    // starting with the update just below).
    tx.execute(
        "INSERT INTO callout_totals (activation_seq, region_id, district_id, unit_seq, position,
             excluded, response, reached, n)
         SELECT activation_seq, region_id, district_id, unit_seq, position,
                coalesce(excluded, ''), response, reached, count(*)
         FROM callout_rows WHERE seq > ?1
         GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
         ON CONFLICT DO UPDATE SET n = n + excluded.n;",
        [before],
    )?;
    // Those called who declared unavailability overlapping the window, found from the
    // unavailability side (few rows, by date) rather than by one lookup per row of the list;
    // CROSS JOIN keeps that order. Ineligible and discharged rows keep their first reason.
    tx.execute(
        "UPDATE callout_rows
         SET excluded = 'unavailable',
             exclusion_detail = (
                 SELECT x.kind || ' ' || x.from_date || '..' || x.to_date
                 FROM volunteers v JOIN volunteer_unavailability x ON x.volunteer_id = v.id
                 WHERE v.seq = callout_rows.volunteer_seq AND x.from_date <= ?3
                   AND x.to_date >= ?2
                 ORDER BY x.from_date LIMIT 1)
         WHERE excluded IS NULL AND seq IN (
             SELECT c.seq
             FROM volunteer_unavailability x
             CROSS JOIN volunteers v ON v.id = x.volunteer_id
             CROSS JOIN callout_rows c ON c.activation_seq = ?1 AND c.volunteer_seq = v.seq
             WHERE x.from_date <= ?3 AND x.to_date >= ?2)",
        params![seq, from, to],
    )?;
    Ok(())
}

/// The local days from declaration to the report-by time: unavailability overlapping them
/// lists a volunteer apart.
fn window(activation: &Activation) -> Result<(String, String)> {
    let parse = |t: &str| {
        crate::clock::parse_stamp(t).ok_or_else(|| {
            Error::internal(format!("activation {}: bad instant {t}", activation.id))
        })
    };
    let from = local_today(parse(&activation.declared_at)?);
    let to = local_today(parse(&activation.report_by)?);
    Ok((from.to_string(), to.to_string()))
}
