//! Facilities to guard, their posts and shift pattern, and the editable category list.
//!
//! A facility lies in one district of one region and is guarded by a responsible unit of the
//! same region (and its sub-units). Reads and writes go through the actor's scope in SQL
//! (district operators their district's facilities, regional administrators their region's,
//! national all; viewers read only); every change is audited with the before and after.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::ShiftPattern;
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::{clean, clean_opt};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityCategory {
    pub code: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
    pub retired_at: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PatternKind {
    ThreeEights,
    TwoTwelves,
    DayOnThreeOff,
    Custom,
}

impl PatternKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PatternKind::ThreeEights => "three_eights",
            PatternKind::TwoTwelves => "two_twelves",
            PatternKind::DayOnThreeOff => "day_on_three_off",
            PatternKind::Custom => "custom",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        [
            PatternKind::ThreeEights,
            PatternKind::TwoTwelves,
            PatternKind::DayOnThreeOff,
            PatternKind::Custom,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

/// One shift of a custom pattern: local start `HH:MM` and its length in minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomShift {
    pub start: String,
    #[ts(type = "number")]
    pub minutes: i64,
}

/// How the facility's day is cut into shifts (local times, UTC+5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PatternInput {
    pub kind: PatternKind,
    /// First start `HH:MM` for the fixed kinds.
    pub start: Option<String>,
    #[serde(default)]
    pub custom: Vec<CustomShift>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PostInput {
    /// Set to edit an existing post; absent for a new one.
    pub id: Option<String>,
    pub name: String,
    #[ts(type = "number")]
    pub guards_per_shift: i64,
    pub required_skill: Option<String>,
    pub active_from: String,
    pub active_until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FacilityInput {
    /// Set to edit; absent to create.
    pub id: Option<String>,
    pub name: String,
    pub category: String,
    pub owner_bin: Option<String>,
    pub owner_name: Option<String>,
    pub own_protection_plan: bool,
    pub region_id: String,
    pub district_id: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    #[ts(type = "number")]
    pub criticality: i64,
    pub responsible_unit_id: String,
    pub pattern: PatternInput,
    pub posts: Vec<PostInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityPost {
    pub id: String,
    pub name: String,
    pub guards_per_shift: u32,
    pub required_skill: Option<String>,
    pub active_from: String,
    pub active_until: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Facility {
    pub id: String,
    pub name: String,
    pub category: String,
    pub owner_bin: Option<String>,
    pub owner_name: Option<String>,
    pub own_protection_plan: bool,
    pub region_id: String,
    pub district_id: String,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub criticality: u8,
    pub responsible_unit_id: String,
    pub responsible_unit_name: String,
    pub pattern: PatternInput,
    pub posts: Vec<FacilityPost>,
    pub created_at: String,
    pub updated_at: String,
}

/// One facility in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityRow {
    pub id: String,
    pub name: String,
    pub category: String,
    pub region_id: String,
    pub district_id: String,
    pub criticality: u8,
    pub responsible_unit_name: String,
    pub posts: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FacilityQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
}

pub fn list_categories(store: &Store, actor: &Actor) -> Result<Vec<FacilityCategory>> {
    actor.ready()?;
    let mut stmt = store.conn().prepare(
        "SELECT code, name_kk, name_ru, name_en, retired_at FROM facility_categories
         ORDER BY retired_at IS NOT NULL, code",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(FacilityCategory {
                code: r.get(0)?,
                name_kk: r.get(1)?,
                name_ru: r.get(2)?,
                name_en: r.get(3)?,
                retired_at: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Adds or renames a category, or retires it (national administrators; the list is national).
pub fn save_category(
    store: &mut Store,
    actor: &Actor,
    input: FacilityCategory,
) -> Result<FacilityCategory> {
    actor.require_national_admin()?;
    let mut problems = Vec::new();
    let code = input.code.trim().to_owned();
    if code.is_empty()
        || code.len() > 40
        || !code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        problems.push(FieldError::new("code", "code_format"));
    }
    let names = [
        ("name_kk", clean(&input.name_kk)),
        ("name_ru", clean(&input.name_ru)),
        ("name_en", clean(&input.name_en)),
    ];
    for (field, name) in &names {
        if name.is_empty() {
            problems.push(FieldError::new(field, "required"));
        } else if name.chars().count() > 200 {
            problems.push(FieldError::new(field, "too_long").with("max", 200));
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let now = store.now();
    let retired = input.retired_at.as_ref().map(|_| stamp(now));
    let tx = store.write()?;
    let before: Option<FacilityCategory> = tx
        .query_row(
            "SELECT code, name_kk, name_ru, name_en, retired_at FROM facility_categories
             WHERE code = ?",
            [&code],
            |r| {
                Ok(FacilityCategory {
                    code: r.get(0)?,
                    name_kk: r.get(1)?,
                    name_ru: r.get(2)?,
                    name_en: r.get(3)?,
                    retired_at: r.get(4)?,
                })
            },
        )
        .optional()?;
    tx.execute(
        "INSERT INTO facility_categories (code, name_kk, name_ru, name_en, retired_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (code) DO UPDATE SET name_kk = ?2, name_ru = ?3, name_en = ?4,
             retired_at = CASE WHEN ?5 IS NULL THEN NULL
                               ELSE coalesce(retired_at, ?5) END",
        params![code, names[0].1, names[1].1, names[2].1, retired],
    )?;
    let after: FacilityCategory = tx.query_row(
        "SELECT code, name_kk, name_ru, name_en, retired_at FROM facility_categories WHERE code = ?",
        [&code],
        |r| {
            Ok(FacilityCategory {
                code: r.get(0)?,
                name_kk: r.get(1)?,
                name_ru: r.get(2)?,
                name_en: r.get(3)?,
                retired_at: r.get(4)?,
            })
        },
    )?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&code),
            before: before.map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, "facility_category.save", "facility_category")
        },
    )?;
    tx.commit()?;
    Ok(after)
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// The engine's pattern for a stored or typed one, or the field and rule that fail.
pub fn pattern_of(input: &PatternInput) -> std::result::Result<ShiftPattern, FieldError> {
    let start = || {
        input
            .start
            .as_deref()
            .and_then(parse_time)
            .ok_or_else(|| FieldError::new("pattern.start", "time_format"))
    };
    let pattern = match input.kind {
        PatternKind::ThreeEights => ShiftPattern::ThreeEights {
            first_start: start()?,
        },
        PatternKind::TwoTwelves => ShiftPattern::TwoTwelves {
            first_start: start()?,
        },
        PatternKind::DayOnThreeOff => ShiftPattern::DayOnThreeOff { start: start()? },
        PatternKind::Custom => {
            let mut shifts = Vec::new();
            for (i, s) in input.custom.iter().enumerate() {
                let time = parse_time(&s.start).ok_or_else(|| {
                    FieldError::new(&format!("pattern.custom[{i}].start"), "time_format")
                })?;
                if s.minutes <= 0 {
                    return Err(FieldError::new(
                        &format!("pattern.custom[{i}].minutes"),
                        "shift_length_not_positive",
                    ));
                }
                shifts.push((time, s.minutes));
            }
            ShiftPattern::Custom { shifts }
        }
    };
    pattern
        .check()
        .map_err(|rule| FieldError::new("pattern", rule))?;
    Ok(pattern)
}

/// Active members of the unit and every sub-unit (the guards a facility can draw on).
pub(crate) fn unit_strength(conn: &Connection, unit_id: &str) -> Result<u32> {
    Ok(conn.query_row(
        "WITH RECURSIVE tree(id, depth) AS (
             SELECT ?1, 0
             UNION ALL
             SELECT u.id, tree.depth + 1 FROM units u JOIN tree ON u.parent_id = tree.id
             WHERE tree.depth < 20 AND u.status <> 'disbanded'
         )
         SELECT count(*) FROM assignments a JOIN tree ON a.unit_id = tree.id
         JOIN volunteers v ON v.id = a.volunteer_id
         WHERE a.end_date IS NULL AND v.status = 'enrolled' AND v.eligible = 1",
        [unit_id],
        |r| r.get(0),
    )?)
}

struct Clean {
    input: FacilityInput,
    owner_bin: Option<String>,
    pattern_custom: Option<String>,
}

fn validate(conn: &Connection, actor: &Actor, input: &FacilityInput) -> Result<Clean> {
    let mut problems = Vec::new();
    let name = clean(&input.name);
    if name.is_empty() {
        problems.push(FieldError::new("name", "required"));
    } else if name.chars().count() > 200 {
        problems.push(FieldError::new("name", "too_long").with("max", 200));
    }
    let category = input.category.trim().to_owned();
    let known: Option<Option<String>> = conn
        .query_row(
            "SELECT retired_at FROM facility_categories WHERE code = ?",
            [&category],
            |r| r.get(0),
        )
        .optional()?;
    match known {
        None => problems.push(FieldError::new("category", "unknown_category")),
        Some(Some(_)) => problems.push(FieldError::new("category", "category_retired")),
        Some(None) => {}
    }
    let owner_bin = match clean_opt(input.owner_bin.as_deref()) {
        None => None,
        Some(text) => match crate::identity::parse_bin(&text) {
            Ok(info) => Some(info.bin),
            Err(e) => {
                problems.push(FieldError {
                    field: "owner_bin".into(),
                    ..e
                });
                None
            }
        },
    };
    let region = input.region_id.trim().to_owned();
    let district = input.district_id.trim().to_owned();
    crate::places::check_place(conn, actor, &region, &district, &mut problems)?;
    let address = clean(&input.address);
    if address.is_empty() {
        problems.push(FieldError::new("address", "required"));
    } else if address.chars().count() > 500 {
        problems.push(FieldError::new("address", "too_long").with("max", 500));
    }
    if let Some(lat) = input.latitude {
        if !(40.0..=56.0).contains(&lat) {
            problems.push(FieldError::new("latitude", "out_of_kazakhstan"));
        }
    }
    if let Some(lon) = input.longitude {
        if !(46.0..=88.0).contains(&lon) {
            problems.push(FieldError::new("longitude", "out_of_kazakhstan"));
        }
    }
    if !(1..=3).contains(&input.criticality) {
        problems.push(FieldError::new("criticality", "criticality_range"));
    }
    let unit_id = input.responsible_unit_id.trim().to_owned();
    let unit: Option<(String, String)> = conn
        .query_row(
            "SELECT region_id, status FROM units WHERE id = ?",
            [&unit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let mut strength = None;
    match unit {
        None => problems.push(FieldError::new("responsible_unit_id", "unknown_unit")),
        Some((other, _)) if other != region => {
            problems.push(FieldError::new("responsible_unit_id", "unit_other_region"))
        }
        Some((_, status)) if status == "disbanded" => {
            problems.push(FieldError::new("responsible_unit_id", "unit_disbanded"))
        }
        Some(_) => strength = Some(unit_strength(conn, &unit_id)?),
    }
    let pattern_custom = match pattern_of(&input.pattern) {
        Ok(_) if input.pattern.kind == PatternKind::Custom => {
            Some(serde_json::to_string(&input.pattern.custom)?)
        }
        Ok(_) => None,
        Err(e) => {
            problems.push(e);
            None
        }
    };
    let mut posts = Vec::new();
    let mut needed: i64 = 0;
    for (i, post) in input.posts.iter().enumerate() {
        let field = |f: &str| format!("posts[{i}].{f}");
        let name = clean(&post.name);
        if name.is_empty() {
            problems.push(FieldError::new(&field("name"), "required"));
        } else if name.chars().count() > 200 {
            problems.push(FieldError::new(&field("name"), "too_long").with("max", 200));
        }
        if !(1..=50).contains(&post.guards_per_shift) {
            problems
                .push(FieldError::new(&field("guards_per_shift"), "guards_range").with("max", 50));
        } else {
            needed += post.guards_per_shift;
        }
        let skill = clean_opt(post.required_skill.as_deref());
        if let Some(code) = &skill {
            let found: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM skills WHERE code = ? AND retired_at IS NULL",
                    [code],
                    |r| r.get(0),
                )
                .optional()?;
            if found.is_none() {
                problems.push(FieldError::new(&field("required_skill"), "unknown_skill"));
            }
        }
        let (from, until) = (
            parse_date(&post.active_from),
            parse_date(&post.active_until),
        );
        if from.is_none() {
            problems.push(FieldError::new(&field("active_from"), "date_format"));
        }
        if until.is_none() {
            problems.push(FieldError::new(&field("active_until"), "date_format"));
        }
        if let (Some(f), Some(u)) = (from, until) {
            if u < f {
                problems.push(FieldError::new(&field("active_until"), "before_start"));
            }
        }
        posts.push(PostInput {
            id: clean_opt(post.id.as_deref()),
            name,
            guards_per_shift: post.guards_per_shift,
            required_skill: skill,
            active_from: post.active_from.trim().to_owned(),
            active_until: post.active_until.trim().to_owned(),
        });
    }
    if input.posts.is_empty() {
        problems.push(FieldError::new("posts", "required"));
    }
    // Every post is staffed at once on each shift: a unit smaller than that can never cover one.
    if let Some(available) = strength {
        if needed > i64::from(available) {
            problems.push(
                FieldError::new("posts", "more_guards_than_unit")
                    .with("needed", needed)
                    .with("available", available),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    Ok(Clean {
        input: FacilityInput {
            id: clean_opt(input.id.as_deref()),
            name,
            category,
            owner_bin: None,
            owner_name: clean_opt(input.owner_name.as_deref()),
            own_protection_plan: input.own_protection_plan,
            region_id: region,
            district_id: district,
            address,
            latitude: input.latitude,
            longitude: input.longitude,
            criticality: input.criticality,
            responsible_unit_id: unit_id,
            pattern: PatternInput {
                kind: input.pattern.kind,
                start: clean_opt(input.pattern.start.as_deref()),
                custom: input.pattern.custom.clone(),
            },
            posts,
        },
        owner_bin,
        pattern_custom,
    })
}

const FACILITY_COLUMNS: &str = "f.id, f.name, f.category, f.owner_bin, f.owner_name,
    f.own_protection_plan, f.region_id, f.district_id, f.address, f.latitude, f.longitude,
    f.criticality, f.responsible_unit_id, u.name, f.pattern_kind, f.pattern_start,
    f.pattern_custom, f.created_at, f.updated_at";

fn facility_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Facility> {
    let kind: String = r.get(14)?;
    let custom: Option<String> = r.get(16)?;
    Ok(Facility {
        id: r.get(0)?,
        name: r.get(1)?,
        category: r.get(2)?,
        owner_bin: r.get(3)?,
        owner_name: r.get(4)?,
        own_protection_plan: r.get::<_, i64>(5)? == 1,
        region_id: r.get(6)?,
        district_id: r.get(7)?,
        address: r.get(8)?,
        latitude: r.get(9)?,
        longitude: r.get(10)?,
        criticality: r.get(11)?,
        responsible_unit_id: r.get(12)?,
        responsible_unit_name: r.get(13)?,
        pattern: PatternInput {
            kind: PatternKind::parse(&kind).unwrap_or(PatternKind::Custom),
            start: r.get(15)?,
            custom: custom
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default(),
        },
        posts: Vec::new(),
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

fn posts_of(conn: &Connection, facility_id: &str) -> Result<Vec<FacilityPost>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, guards_per_shift, required_skill, active_from, active_until
         FROM facility_posts WHERE facility_id = ? ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([facility_id], |r| {
            Ok(FacilityPost {
                id: r.get(0)?,
                name: r.get(1)?,
                guards_per_shift: r.get(2)?,
                required_skill: r.get(3)?,
                active_from: r.get(4)?,
                active_until: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Reads a facility through the actor's scope: one that exists elsewhere is `forbidden`.
pub(crate) fn find_facility(conn: &Connection, actor: &Actor, id: &str) -> Result<Facility> {
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let sql = format!(
        "SELECT {FACILITY_COLUMNS} FROM facilities f JOIN units u ON u.id = f.responsible_unit_id
         WHERE f.id = ? AND {scope_sql}"
    );
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    let found = conn
        .query_row(&sql, rusqlite::params_from_iter(args), facility_from_row)
        .optional()?;
    match found {
        Some(mut facility) => {
            facility.posts = posts_of(conn, &facility.id)?;
            Ok(facility)
        }
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM facilities WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("facility")
            })
        }
    }
}

pub fn get_facility(store: &Store, actor: &Actor, id: &str) -> Result<Facility> {
    actor.ready()?;
    find_facility(store.conn(), actor, id.trim())
}

/// Facilities in the actor's scope, narrowed to a region or district, by name.
pub fn list_facilities(
    store: &Store,
    actor: &Actor,
    query: &FacilityQuery,
) -> Result<Vec<FacilityRow>> {
    actor.ready()?;
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let mut sql = format!(
        "SELECT f.id, f.name, f.category, f.region_id, f.district_id, f.criticality, u.name,
             (SELECT count(*) FROM facility_posts p WHERE p.facility_id = f.id)
         FROM facilities f JOIN units u ON u.id = f.responsible_unit_id WHERE {scope_sql}"
    );
    let mut args: Vec<String> = scope_param.into_iter().collect();
    if let Some(region) = clean_opt(query.region_id.as_deref()) {
        sql.push_str(" AND f.region_id = ?");
        args.push(region);
    }
    if let Some(district) = clean_opt(query.district_id.as_deref()) {
        sql.push_str(" AND f.district_id = ?");
        args.push(district);
    }
    sql.push_str(" ORDER BY f.region_id, f.name, f.id");
    let mut stmt = store.conn().prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(FacilityRow {
                id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                region_id: r.get(3)?,
                district_id: r.get(4)?,
                criticality: r.get(5)?,
                responsible_unit_name: r.get(6)?,
                posts: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Creates a facility (no `id`) or edits one (with `id`), with its posts and pattern, in one
/// transaction. On edit, posts left out are removed unless a roster already uses them.
pub fn save_facility(store: &mut Store, actor: &Actor, input: FacilityInput) -> Result<Facility> {
    actor.require_writer()?;
    let now = store.now();
    let at = stamp(now);
    let tx = store.write()?;
    let before = match clean_opt(input.id.as_deref()) {
        Some(id) => Some(find_facility(&tx, actor, &id)?),
        None => None,
    };
    let clean = validate(&tx, actor, &input)?;
    let f = &clean.input;
    let id = match &before {
        Some(before) => {
            if before.region_id != f.region_id {
                return Err(Error::field("region_id", "region_fixed"));
            }
            tx.execute(
                "UPDATE facilities SET name = ?2, category = ?3, owner_bin = ?4, owner_name = ?5,
                     own_protection_plan = ?6, district_id = ?7, address = ?8, latitude = ?9,
                     longitude = ?10, criticality = ?11, responsible_unit_id = ?12,
                     pattern_kind = ?13, pattern_start = ?14, pattern_custom = ?15,
                     updated_at = ?16
                 WHERE id = ?1",
                params![
                    before.id,
                    f.name,
                    f.category,
                    clean.owner_bin,
                    f.owner_name,
                    f.own_protection_plan,
                    f.district_id,
                    f.address,
                    f.latitude,
                    f.longitude,
                    f.criticality,
                    f.responsible_unit_id,
                    f.pattern.kind.as_str(),
                    f.pattern.start,
                    clean.pattern_custom,
                    at
                ],
            )?;
            before.id.clone()
        }
        None => {
            let id = new_id(now).to_string();
            tx.execute(
                "INSERT INTO facilities (id, name, category, owner_bin, owner_name,
                     own_protection_plan, region_id, district_id, address, latitude, longitude,
                     criticality, responsible_unit_id, pattern_kind, pattern_start,
                     pattern_custom, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?17)",
                params![
                    id,
                    f.name,
                    f.category,
                    clean.owner_bin,
                    f.owner_name,
                    f.own_protection_plan,
                    f.region_id,
                    f.district_id,
                    f.address,
                    f.latitude,
                    f.longitude,
                    f.criticality,
                    f.responsible_unit_id,
                    f.pattern.kind.as_str(),
                    f.pattern.start,
                    clean.pattern_custom,
                    at
                ],
            )?;
            id
        }
    };
    let kept: Vec<&str> = f.posts.iter().filter_map(|p| p.id.as_deref()).collect();
    if let Some(before) = &before {
        for old in &before.posts {
            if kept.contains(&old.id.as_str()) {
                continue;
            }
            let used: i64 = tx.query_row(
                "SELECT count(*) FROM roster_assignments WHERE post_id = ?",
                [&old.id],
                |r| r.get(0),
            )?;
            if used > 0 {
                return Err(Error::invalid(vec![FieldError::new(
                    "posts",
                    "post_in_use",
                )
                .with("post", &old.name)]));
            }
            tx.execute("DELETE FROM roster_gaps WHERE post_id = ?", [&old.id])?;
            tx.execute("DELETE FROM facility_posts WHERE id = ?", [&old.id])?;
        }
    }
    for (i, post) in f.posts.iter().enumerate() {
        match &post.id {
            Some(post_id) => {
                let changed = tx.execute(
                    "UPDATE facility_posts SET name = ?3, guards_per_shift = ?4,
                         required_skill = ?5, active_from = ?6, active_until = ?7
                     WHERE id = ?1 AND facility_id = ?2",
                    params![
                        post_id,
                        id,
                        post.name,
                        post.guards_per_shift,
                        post.required_skill,
                        post.active_from,
                        post.active_until
                    ],
                )?;
                if changed == 0 {
                    return Err(Error::field(&format!("posts[{i}].id"), "unknown_post"));
                }
            }
            None => {
                tx.execute(
                    "INSERT INTO facility_posts (id, facility_id, name, guards_per_shift,
                         required_skill, active_from, active_until)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        new_id(now).to_string(),
                        id,
                        post.name,
                        post.guards_per_shift,
                        post.required_skill,
                        post.active_from,
                        post.active_until
                    ],
                )?;
            }
        }
    }
    let after = find_facility(&tx, actor, &id)?;
    let action = if before.is_some() {
        "facility.update"
    } else {
        "facility.create"
    };
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&after.id),
            region_id: Some(&after.region_id),
            district_id: Some(&after.district_id),
            before: before.as_ref().map(serde_json::to_value).transpose()?,
            after: Some(serde_json::to_value(&after)?),
            ..Event::by(actor, action, "facility")
        },
    )?;
    tx.commit()?;
    Ok(after)
}
