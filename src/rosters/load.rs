//! Reads a period of some facilities of one region from the database into the engine's
//! [`Instance`], and keeps the map back from the engine's positions to row ids.
//!
//! Guards are the volunteers who are enrolled, currently eligible and actively assigned to a
//! facility's responsible unit or one of its sub-units (recursive CTE over `units.parent_id`);
//! their certificates, declared unavailable days (migration 0007's `volunteer_unavailability`)
//! and day preferences come with them. Assignments of the period are the roster; assignments of
//! the same guards elsewhere or in the 8 days around the period (another facility, last week's
//! night shift) are loaded as *context*: each becomes a one-shift facility whose post needs
//! exactly the guards already on it, pinned, so the engine checks rest, overlap, weekly hours
//! and nights across the period's edges and other facilities without ever filling them.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection};

use super::facilities::{pattern_of, PatternInput, PatternKind};
use super::limits::{limits_on, weekday, weights_in};
use super::model::{Assignment, Certificate, Facility, Guard, Instance, Post, Shift};
use crate::clock::{local_today, parse_stamp, stamp};
use crate::error::Result;

/// Days around the period whose assignments are context (the rolling 7-day window, plus the
/// day a night shift spills into).
const CONTEXT_DAYS: i64 = 8;

/// A context seat's shift start, end and post id.
type ContextKey = (String, String, String);

#[derive(Debug, Clone)]
pub(crate) struct GuardInfo {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Existing {
    pub id: String,
    pub assignment: Assignment,
    pub pinned: bool,
    /// On a slot of the loaded period (not context).
    pub in_period: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Loaded {
    pub instance: Instance,
    /// Row ids of the model's facilities and posts; `None` for context ones.
    pub facility_ids: Vec<Option<String>>,
    pub post_ids: Vec<Option<String>>,
    pub guards: Vec<GuardInfo>,
    pub existing: Vec<Existing>,
}

impl Loaded {
    pub fn empty() -> Loaded {
        Loaded {
            instance: Instance::default(),
            facility_ids: Vec::new(),
            post_ids: Vec::new(),
            guards: Vec::new(),
            existing: Vec::new(),
        }
    }

    pub fn guard_of(&self, volunteer_id: &str) -> Option<u32> {
        self.guards
            .iter()
            .position(|g| g.id == volunteer_id)
            .map(|g| g as u32)
    }

    pub fn shift_of(&self, facility: u32, start: DateTime<Utc>) -> Option<u32> {
        self.instance
            .shifts
            .iter()
            .position(|s| s.facility == facility && s.start == start)
            .map(|s| s as u32)
    }

    pub fn post_of(&self, post_id: &str) -> Option<u32> {
        self.post_ids
            .iter()
            .position(|p| p.as_deref() == Some(post_id))
            .map(|p| p as u32)
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

struct FacilityRow {
    id: String,
    name: String,
    criticality: u8,
    district: String,
    unit: String,
    pattern: PatternInput,
}

/// Loads `facility_ids` (all of `region`, already checked against the actor's scope) for the
/// local dates `from..from + days`.
pub(crate) fn load(
    conn: &Connection,
    region: &str,
    facility_ids: &[String],
    from: NaiveDate,
    days: u32,
) -> Result<Loaded> {
    let ids_json = serde_json::to_string(facility_ids)?;
    let until = from + Duration::days(i64::from(days) - 1);
    let mut instance = Instance {
        limits: limits_on(conn, region, from)?,
        weights: weights_in(conn, region, from)?,
        ..Instance::default()
    };
    let mut districts: HashMap<String, u32> = HashMap::new();
    let mut district_no = |d: &str| {
        let n = districts.len() as u32;
        *districts.entry(d.to_owned()).or_insert(n)
    };
    let mut units: HashMap<String, u32> = HashMap::new();
    let mut unit_no = |u: &str| {
        let n = units.len() as u32;
        *units.entry(u.to_owned()).or_insert(n)
    };

    let mut stmt = conn.prepare(
        "SELECT id, name, criticality, district_id, responsible_unit_id, pattern_kind,
             pattern_start, pattern_custom
         FROM facilities WHERE id IN (SELECT value FROM json_each(?1)) ORDER BY seq",
    )?;
    let rows: Vec<FacilityRow> = stmt
        .query_map([&ids_json], |r| {
            let kind: String = r.get(5)?;
            let custom: Option<String> = r.get(7)?;
            Ok(FacilityRow {
                id: r.get(0)?,
                name: r.get(1)?,
                criticality: r.get(2)?,
                district: r.get(3)?,
                unit: r.get(4)?,
                pattern: PatternInput {
                    kind: PatternKind::parse(&kind)
                        .ok_or_else(|| crate::db::unknown_code(5, "shift pattern", &kind))?,
                    start: r.get(6)?,
                    custom: custom
                        .map(|c| crate::db::json_column(7, &c))
                        .transpose()?
                        .unwrap_or_default(),
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut facility_ids_out = Vec::new();
    let mut roots: HashMap<String, Vec<u32>> = HashMap::new();
    for (i, f) in rows.iter().enumerate() {
        let i = i as u32;
        instance.facilities.push(Facility {
            name: f.name.clone(),
            criticality: f.criticality,
            home_district: district_no(&f.district),
            responsible_unit: unit_no(&f.unit),
        });
        facility_ids_out.push(Some(f.id.clone()));
        roots.entry(f.unit.clone()).or_default().push(i);
        // A stored pattern was checked when saved; one that no longer parses has no shifts.
        if let Ok(pattern) = pattern_of(&f.pattern) {
            instance.shifts.extend(pattern.shifts(i, from, days));
        }
    }

    let mut skills: HashMap<String, u32> = HashMap::new();
    let mut skill_no = |s: &str| {
        let n = skills.len() as u32;
        *skills.entry(s.to_owned()).or_insert(n)
    };
    let mut post_ids = Vec::new();
    let facility_index: HashMap<&str, u32> = rows
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i as u32))
        .collect();
    let mut stmt = conn.prepare(
        "SELECT id, facility_id, name, guards_per_shift, required_skill, active_from,
             active_until
         FROM facility_posts WHERE facility_id IN (SELECT value FROM json_each(?1))
             AND active_from <= ?3 AND active_until >= ?2
         ORDER BY seq",
    )?;
    let mut q = stmt.query(params![ids_json, from.to_string(), until.to_string()])?;
    while let Some(r) = q.next()? {
        let facility_id: String = r.get(1)?;
        let Some(&facility) = facility_index.get(facility_id.as_str()) else {
            continue;
        };
        let (Some(active_from), Some(active_until)) =
            (date(&r.get::<_, String>(5)?), date(&r.get::<_, String>(6)?))
        else {
            continue;
        };
        let skill: Option<String> = r.get(4)?;
        instance.posts.push(Post {
            name: r.get(2)?,
            facility,
            guards_per_shift: r.get(3)?,
            required_skill: skill.as_deref().map(&mut skill_no),
            active_from,
            active_until,
        });
        post_ids.push(Some(r.get::<_, String>(0)?));
    }
    drop(q);

    // Guards: members of each responsible unit's subtree.
    let mut guards: Vec<Guard> = Vec::new();
    let mut infos: Vec<GuardInfo> = Vec::new();
    let mut guard_index: HashMap<String, u32> = HashMap::new();
    let roots_json = serde_json::to_string(&roots.keys().collect::<Vec<_>>())?;
    let mut stmt = conn.prepare(
        "WITH RECURSIVE tree(root, id, depth) AS (
             SELECT value, value, 0 FROM json_each(?1)
             UNION ALL
             SELECT tree.root, u.id, tree.depth + 1 FROM units u JOIN tree ON u.parent_id = tree.id
             WHERE tree.depth < 20 AND u.status <> 'disbanded'
         )
         SELECT tree.root, v.id, v.surname || ' ' || v.given_name, v.district_id, a.unit_id
         FROM tree JOIN assignments a ON a.unit_id = tree.id AND a.end_date IS NULL
         JOIN volunteers v ON v.id = a.volunteer_id
         WHERE v.status = 'enrolled' AND v.eligible = 1
         ORDER BY v.seq",
    )?;
    let mut q = stmt.query([&roots_json])?;
    while let Some(r) = q.next()? {
        let root: String = r.get(0)?;
        let id: String = r.get(1)?;
        let g = match guard_index.get(&id) {
            Some(&g) => g,
            None => {
                let g = guards.len() as u32;
                let district: String = r.get(3)?;
                let unit: String = r.get(4)?;
                guards.push(Guard {
                    name: r.get(2)?,
                    unit: unit_no(&unit),
                    eligible_facilities: Vec::new(),
                    certificates: Vec::new(),
                    unavailable: Vec::new(),
                    preferred_weekdays: Vec::new(),
                    undesired_weekdays: Vec::new(),
                    home_district: district_no(&district),
                });
                infos.push(GuardInfo {
                    id: id.clone(),
                    name: r.get(2)?,
                });
                guard_index.insert(id, g);
                g
            }
        };
        if let Some(facilities) = roots.get(&root) {
            guards[g as usize]
                .eligible_facilities
                .extend(facilities.iter().copied());
        }
    }
    drop(q);
    for g in &mut guards {
        g.eligible_facilities.sort_unstable();
        g.eligible_facilities.dedup();
    }

    let guard_ids_json = serde_json::to_string(&infos.iter().map(|g| &g.id).collect::<Vec<_>>())?;
    let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or(NaiveDate::MAX);
    let mut stmt = conn.prepare(
        "SELECT volunteer_id, skill_code, certificate_expiry FROM volunteer_skills
         WHERE volunteer_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut q = stmt.query([&guard_ids_json])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let code: String = r.get(1)?;
        let expiry: Option<String> = r.get(2)?;
        if let (Some(&g), Some(&skill)) = (guard_index.get(&id), skills.get(&code)) {
            guards[g as usize].certificates.push(Certificate {
                skill,
                valid_until: expiry.as_deref().and_then(date).unwrap_or(far),
            });
        }
    }
    drop(q);

    let (window_from, window_until) = (
        from - Duration::days(CONTEXT_DAYS),
        until + Duration::days(CONTEXT_DAYS),
    );
    let mut stmt = conn.prepare(
        "SELECT volunteer_id, from_date, to_date FROM volunteer_unavailability
         WHERE volunteer_id IN (SELECT value FROM json_each(?1))
             AND to_date >= ?2 AND from_date <= ?3",
    )?;
    let mut q = stmt.query(params![
        guard_ids_json,
        window_from.to_string(),
        window_until.to_string()
    ])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let (Some(a), Some(b)) = (date(&r.get::<_, String>(1)?), date(&r.get::<_, String>(2)?))
        else {
            continue;
        };
        if let Some(&g) = guard_index.get(&id) {
            let mut d = a.max(window_from);
            while d <= b.min(window_until) {
                guards[g as usize].unavailable.push(d);
                d += Duration::days(1);
            }
        }
    }
    drop(q);

    let mut stmt = conn.prepare(
        "SELECT volunteer_id, weekday, preference FROM volunteer_day_preferences
         WHERE volunteer_id IN (SELECT value FROM json_each(?1))",
    )?;
    let mut q = stmt.query([&guard_ids_json])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let (Some(&g), Some(day)) = (guard_index.get(&id), weekday(r.get(1)?)) else {
            continue;
        };
        let kind: String = r.get(2)?;
        let guard = &mut guards[g as usize];
        if kind == "preferred" {
            guard.preferred_weekdays.push(day);
        } else {
            guard.undesired_weekdays.push(day);
        }
    }
    drop(q);

    // Assignments: the period's at these facilities, and the guards' own around it.
    let window_start = stamp(crate::clock::local_midnight_utc(window_from));
    let window_end = stamp(crate::clock::local_midnight_utc(
        window_until + Duration::days(1),
    ));
    let mut stmt = conn.prepare(
        "SELECT r.id, r.post_id, r.facility_id, r.shift_start, r.shift_end, r.volunteer_id,
             r.pinned, v.surname || ' ' || v.given_name, v.district_id, f.pattern_kind
         FROM roster_assignments r JOIN volunteers v ON v.id = r.volunteer_id
             LEFT JOIN facilities f ON f.id = r.facility_id
         WHERE r.shift_start >= ?3 AND r.shift_start < ?4
             AND (r.facility_id IN (SELECT value FROM json_each(?1))
                  OR r.volunteer_id IN (SELECT value FROM json_each(?2)))
         ORDER BY r.shift_start, r.seq",
    )?;
    let mut q = stmt.query(params![ids_json, guard_ids_json, window_start, window_end])?;
    let mut existing = Vec::new();
    let mut context: BTreeMap<ContextKey, Vec<(String, u32, bool)>> = BTreeMap::new();
    // A context shift owes the rest of its own facility's pattern (24 h on / 72 h off), not
    // only the region's minimum rest.
    let mut context_rest: HashMap<ContextKey, Option<u32>> = HashMap::new();
    let mut shift_at: HashMap<(u32, String), u32> = HashMap::new();
    for (s, shift) in instance.shifts.iter().enumerate() {
        shift_at.insert((shift.facility, stamp(shift.start)), s as u32);
    }
    let post_index: HashMap<String, u32> = post_ids
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.clone().map(|p| (p, i as u32)))
        .collect();
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let post_id: String = r.get(1)?;
        let facility_id: String = r.get(2)?;
        let start: String = r.get(3)?;
        let end: String = r.get(4)?;
        let volunteer: String = r.get(5)?;
        let pinned = r.get::<_, i64>(6)? == 1;
        let g = match guard_index.get(&volunteer) {
            Some(&g) => g,
            None => {
                // On the roster but no longer a member: kept as it stands, eligible nowhere.
                let g = guards.len() as u32;
                let district: String = r.get(8)?;
                guards.push(Guard {
                    name: r.get(7)?,
                    unit: u32::MAX,
                    eligible_facilities: Vec::new(),
                    certificates: Vec::new(),
                    unavailable: Vec::new(),
                    preferred_weekdays: Vec::new(),
                    undesired_weekdays: Vec::new(),
                    home_district: district_no(&district),
                });
                infos.push(GuardInfo {
                    id: volunteer.clone(),
                    name: r.get(7)?,
                });
                guard_index.insert(volunteer, g);
                g
            }
        };
        let slot = facility_index
            .get(facility_id.as_str())
            .and_then(|f| shift_at.get(&(*f, start.clone())))
            .zip(post_index.get(&post_id));
        match slot {
            Some((&shift, &post)) if instance.shifts[shift as usize].end_matches(&end) => {
                existing.push(Existing {
                    id,
                    assignment: Assignment {
                        post,
                        shift,
                        guard: g,
                    },
                    pinned,
                    in_period: true,
                });
            }
            _ => {
                let kind: Option<String> = r.get(9)?;
                let key = (start, end, post_id);
                context_rest.insert(key.clone(), rest_after(kind.as_deref()));
                context.entry(key).or_default().push((id, g, pinned));
            }
        }
    }
    drop(q);

    for (key, on) in context {
        let rest_after_hours = context_rest.get(&key).copied().flatten();
        let (start, end, _post) = key;
        let (Some(start), Some(end)) = (parse_stamp(&start), parse_stamp(&end)) else {
            continue;
        };
        let facility = instance.facilities.len() as u32;
        instance.facilities.push(Facility {
            name: String::new(),
            criticality: 1,
            home_district: u32::MAX,
            responsible_unit: u32::MAX,
        });
        facility_ids_out.push(None);
        let shift = instance.shifts.len() as u32;
        instance.shifts.push(Shift {
            facility,
            start,
            end,
            rest_after_hours,
        });
        let day = local_today(start);
        let post = instance.posts.len() as u32;
        instance.posts.push(Post {
            name: String::new(),
            facility,
            guards_per_shift: on.len() as u32,
            required_skill: None,
            active_from: day,
            active_until: day,
        });
        post_ids.push(None);
        for (id, g, pinned) in on {
            let eligible = &mut guards[g as usize].eligible_facilities;
            if let Err(at) = eligible.binary_search(&facility) {
                eligible.insert(at, facility);
            }
            existing.push(Existing {
                id,
                assignment: Assignment {
                    post,
                    shift,
                    guard: g,
                },
                pinned,
                in_period: false,
            });
        }
    }
    instance.guards = guards;
    Ok(Loaded {
        instance,
        facility_ids: facility_ids_out,
        post_ids,
        guards: infos,
        existing,
    })
}

impl Shift {
    fn end_matches(&self, end: &str) -> bool {
        stamp(self.end) == end
    }
}

/// The rest owed after a shift of a facility with this stored pattern kind, as the pattern's
/// own shifts carry it (see `ShiftPattern::daily`).
fn rest_after(kind: Option<&str>) -> Option<u32> {
    (kind == Some(PatternKind::DayOnThreeOff.as_str())).then_some(72)
}
