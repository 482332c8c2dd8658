//! Auto-fill of a period for a set of facilities (one facility, a district, a region or the
//! whole country, always narrowed to the actor's scope in SQL).
//!
//! Three steps so that a desktop shell never holds the database during the search:
//! [`plan_fill`] reads (one model per region, since limits are per region and units never span
//! regions), [`run_fill`] solves with a stop flag and progress and needs no database, and
//! [`commit_fill`] writes the result in one transaction (refused if the roster changed in the
//! meantime). Pinned seats are never moved; without `reoptimise` every existing seat is kept;
//! with it, unpinned seats of the period may be moved. The gaps left are stored with their
//! reasons, replacing the previous fill's for the same facilities and period.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::gaps::Gap;
use super::load::{load, Loaded};
use super::model::Assignment;
use super::roster::check_period;
use super::solve::{solve, Progress, SolveOptions};
use crate::access::{Actor, Scope};
use crate::audit::{self, Event};
use crate::clock::{local_midnight_utc, new_id, stamp};
use crate::db::Store;
use crate::error::{Error, Result};
use crate::text::clean_opt;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillInput {
    /// These facilities; empty for every facility of the scope below (or the actor's).
    #[serde(default)]
    pub facility_ids: Vec<String>,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub from: String,
    pub days: u32,
    /// Also move unpinned seats already on the roster.
    #[serde(default)]
    pub reoptimise: bool,
    /// Search time for the whole fill, seconds (default 30, at most 600).
    pub time_limit_secs: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct FillProgress {
    /// 1-based index of the region being solved, of `regions`.
    pub region: u32,
    pub regions: u32,
    #[ts(type = "number")]
    pub iterations: u64,
    #[ts(type = "number")]
    pub uncovered_seats: u64,
    pub objective: f64,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FillGap {
    pub facility_id: String,
    pub post_id: String,
    pub shift_start: String,
    pub shift_end: String,
    pub missing: u32,
    pub reason: String,
    pub blocked: Vec<(String, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FillReport {
    pub facilities: u32,
    pub added: u32,
    pub removed: u32,
    #[ts(type = "number")]
    pub uncovered_seats: u64,
    pub objective: f64,
    /// Stopped (or out of time) before the search finished: the best roster found is kept.
    pub interrupted: bool,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
    pub gaps: Vec<FillGap>,
}

/// One region's model, read by [`plan_fill`].
pub struct RegionPlan {
    region_id: String,
    facility_ids: Vec<String>,
    loaded: Loaded,
}

/// What [`plan_fill`] read: solved by [`run_fill`] without the database.
pub struct FillPlan {
    input: FillInput,
    regions: Vec<RegionPlan>,
    /// The roster's state when read (row count and last row): a change refuses the commit.
    stamp: (i64, i64),
    /// Who planned it, in which scope: only they, still in that scope, may commit it.
    planner: (String, Scope),
}

/// What [`run_fill`] found, to be written by [`commit_fill`].
pub struct FillResult {
    plan: FillPlan,
    solved: Vec<Option<(Vec<Assignment>, Vec<Gap>)>>,
    uncovered_seats: u64,
    objective: f64,
    interrupted: bool,
    elapsed: Duration,
}

fn roster_stamp(conn: &rusqlite::Connection) -> Result<(i64, i64)> {
    Ok(conn.query_row(
        "SELECT count(*), coalesce(max(seq), 0) FROM roster_assignments",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Reads the facilities of the fill's scope (within the actor's) and their period.
pub fn plan_fill(store: &Store, actor: &Actor, input: FillInput) -> Result<FillPlan> {
    actor.require_writer()?;
    let from = check_period(&input.from, input.days)?;
    if input.time_limit_secs.is_some_and(|s| s == 0 || s > 600) {
        return Err(Error::invalid(vec![crate::error::FieldError::new(
            "time_limit_secs",
            "out_of_range",
        )
        .with("min", 1)
        .with("max", 600)]));
    }
    let conn = store.conn();
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let mut sql = format!("SELECT f.id, f.region_id FROM facilities f WHERE {scope_sql}");
    let mut args: Vec<String> = scope_param.into_iter().collect();
    if let Some(region) = clean_opt(input.region_id.as_deref()) {
        sql.push_str(" AND f.region_id = ?");
        args.push(region);
    }
    if let Some(district) = clean_opt(input.district_id.as_deref()) {
        sql.push_str(" AND f.district_id = ?");
        args.push(district);
    }
    let wanted: Vec<String> = input
        .facility_ids
        .iter()
        .filter_map(|id| clean_opt(Some(id)))
        .collect();
    if !wanted.is_empty() {
        sql.push_str(" AND f.id IN (SELECT value FROM json_each(?))");
        args.push(serde_json::to_string(&wanted)?);
    }
    sql.push_str(" ORDER BY f.region_id, f.seq");
    let mut stmt = conn.prepare(&sql)?;
    let found: Vec<(String, String)> = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    if found.len() < wanted.len() {
        // A named facility is missing or outside the scope: refuse rather than fill less.
        for id in &wanted {
            if !found.iter().any(|(f, _)| f == id) {
                super::facilities::find_facility(conn, actor, id)?;
            }
        }
    }
    let mut regions: Vec<RegionPlan> = Vec::new();
    for (id, region) in found {
        match regions.last_mut() {
            Some(plan) if plan.region_id == region => plan.facility_ids.push(id),
            _ => regions.push(RegionPlan {
                region_id: region,
                facility_ids: vec![id],
                loaded: Loaded::empty(),
            }),
        }
    }
    for plan in &mut regions {
        plan.loaded = load(conn, &plan.region_id, &plan.facility_ids, from, input.days)?;
    }
    Ok(FillPlan {
        input,
        regions,
        stamp: roster_stamp(conn)?,
        planner: (actor.user_id().to_owned(), actor.scope()),
    })
}

/// Solves each region in turn, sharing the time limit; `stop` ends the search keeping the best
/// roster found so far (regions not reached keep their roster as it is).
pub fn run_fill(
    plan: FillPlan,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(FillProgress),
) -> FillResult {
    let started = Instant::now();
    let limit = Duration::from_secs(u64::from(plan.input.time_limit_secs.unwrap_or(30)));
    let regions = plan.regions.len() as u32;
    let mut solved = Vec::new();
    let (mut uncovered_seats, mut objective, mut interrupted) = (0, 0.0, false);
    for (i, region) in plan.regions.iter().enumerate() {
        let mut instance = region.loaded.instance.clone();
        instance.pinned = region
            .loaded
            .existing
            .iter()
            .filter(|e| e.pinned || !e.in_period || !plan.input.reoptimise)
            .map(|e| e.assignment)
            .collect();
        if stop.load(Ordering::Relaxed) {
            interrupted = true;
            // Not reached: its roster stays exactly as it is, gaps included.
            solved.push(None);
            continue;
        }
        let left = limit.saturating_sub(started.elapsed());
        let share = left / (regions - i as u32).max(1);
        let mut report = |p: Progress| {
            progress(FillProgress {
                region: i as u32 + 1,
                regions,
                iterations: p.iterations,
                uncovered_seats: p.uncovered_seats,
                objective: p.best_objective,
                elapsed_ms: started.elapsed().as_millis() as u64,
            })
        };
        let solution = solve(
            &instance,
            SolveOptions {
                seed: 1,
                time_limit: share.max(Duration::from_millis(200)),
                stop: Some(stop),
                progress: Some(&mut report),
            },
        );
        uncovered_seats += solution.uncovered_seats;
        objective += solution.objective;
        interrupted |= solution.interrupted;
        solved.push(Some((solution.roster, solution.gaps)));
    }
    FillResult {
        plan,
        solved,
        uncovered_seats,
        objective,
        interrupted,
        elapsed: started.elapsed(),
    }
}

/// Writes a fill's result in one transaction and audits it.
pub fn commit_fill(store: &mut Store, actor: &Actor, result: FillResult) -> Result<FillReport> {
    actor.require_writer()?;
    // The plan read facilities within its planner's scope: another actor, or the planner after
    // their scope changed, would write seats outside their own.
    if result.plan.planner != (actor.user_id().to_owned(), actor.scope()) {
        return Err(Error::forbidden("out_of_scope"));
    }
    let now = store.now();
    let tx = store.write()?;
    if roster_stamp(&tx)? != result.plan.stamp {
        return Err(Error::conflict(
            "roster_changed",
            "the roster changed while the auto-fill ran; run it again",
        ));
    }
    let from = check_period(&result.plan.input.from, result.plan.input.days)?;
    let until = from + chrono::Duration::days(i64::from(result.plan.input.days));
    let (period_start, period_end) = (
        stamp(local_midnight_utc(from)),
        stamp(local_midnight_utc(until)),
    );
    let (mut added, mut removed, mut facilities) = (0u32, 0u32, 0u32);
    let mut gaps_out = Vec::new();
    for (region, solved) in result.plan.regions.iter().zip(&result.solved) {
        let Some((roster, gaps)) = solved else {
            continue;
        };
        let loaded = &region.loaded;
        facilities += region.facility_ids.len() as u32;
        let ids_json = serde_json::to_string(&region.facility_ids)?;
        for e in loaded.existing.iter().filter(|e| e.in_period && !e.pinned) {
            if !roster.contains(&e.assignment) {
                removed +=
                    tx.execute("DELETE FROM roster_assignments WHERE id = ?", [&e.id])? as u32;
            }
        }
        for a in roster {
            if loaded.existing.iter().any(|e| e.assignment == *a) {
                continue;
            }
            let (Some(post_id), Some(facility_id)) = (
                loaded.post_ids[a.post as usize].as_deref(),
                loaded.facility_ids[loaded.instance.posts[a.post as usize].facility as usize]
                    .as_deref(),
            ) else {
                continue;
            };
            let shift = &loaded.instance.shifts[a.shift as usize];
            tx.execute(
                "INSERT INTO roster_assignments (id, post_id, facility_id, shift_start,
                     shift_end, volunteer_id, pinned, source, created_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0, 'auto', ?7, ?8)",
                params![
                    new_id(now).to_string(),
                    post_id,
                    facility_id,
                    stamp(shift.start),
                    stamp(shift.end),
                    loaded.guards[a.guard as usize].id,
                    stamp(now),
                    actor.username()
                ],
            )?;
            added += 1;
        }
        tx.execute(
            "DELETE FROM roster_gaps WHERE facility_id IN (SELECT value FROM json_each(?1))
                 AND shift_start >= ?2 AND shift_start < ?3",
            params![ids_json, period_start, period_end],
        )?;
        for gap in gaps {
            let (Some(post_id), Some(facility_id)) = (
                loaded.post_ids[gap.post as usize].as_deref(),
                loaded.facility_ids[loaded.instance.posts[gap.post as usize].facility as usize]
                    .as_deref(),
            ) else {
                continue;
            };
            let shift = &loaded.instance.shifts[gap.shift as usize];
            let code = |r: super::gaps::GapReason| {
                serde_json::to_value(r)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default()
            };
            let out = FillGap {
                facility_id: facility_id.to_owned(),
                post_id: post_id.to_owned(),
                shift_start: stamp(shift.start),
                shift_end: stamp(shift.end),
                missing: gap.missing,
                reason: code(gap.reason),
                blocked: gap.blocked.iter().map(|(r, n)| (code(*r), *n)).collect(),
            };
            tx.execute(
                "INSERT OR REPLACE INTO roster_gaps (post_id, facility_id, shift_start, shift_end,
                     missing, reason, blocked, found_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    out.post_id,
                    out.facility_id,
                    out.shift_start,
                    out.shift_end,
                    out.missing,
                    out.reason,
                    serde_json::to_string(&out.blocked)?,
                    stamp(now)
                ],
            )?;
            gaps_out.push(out);
        }
    }
    let report = FillReport {
        facilities,
        added,
        removed,
        uncovered_seats: result.uncovered_seats,
        objective: result.objective,
        interrupted: result.interrupted,
        elapsed_ms: result.elapsed.as_millis() as u64,
        gaps: gaps_out,
    };
    let scope_region = result.plan.regions.first().map(|r| r.region_id.clone());
    let single_region = result.plan.regions.len() == 1;
    audit::record(
        &tx,
        now,
        Event {
            region_id: scope_region.as_deref().filter(|_| single_region),
            after: Some(serde_json::json!({
                "from": result.plan.input.from,
                "days": result.plan.input.days,
                "reoptimise": result.plan.input.reoptimise,
                "region_id": result.plan.input.region_id,
                "district_id": result.plan.input.district_id,
                "facilities": facilities,
                "added": added,
                "removed": removed,
                "gaps": report.gaps.len(),
                "interrupted": report.interrupted,
            })),
            ..Event::by(actor, "roster.fill", "roster")
        },
    )?;
    tx.commit()?;
    Ok(report)
}

/// The three steps in one call, for the CLI and tests.
pub fn fill(
    store: &mut Store,
    actor: &Actor,
    input: FillInput,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(FillProgress),
) -> Result<FillReport> {
    let plan = plan_fill(store, actor, input)?;
    let result = run_fill(plan, stop, progress);
    commit_fill(store, actor, result)
}
