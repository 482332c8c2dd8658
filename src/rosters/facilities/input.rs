//! What a caller sends to create or edit a facility, and the checks it must pass before
//! anything is written: names and place, the responsible unit of the same region, the
//! pattern, and posts that the unit is large enough to staff. All problems are gathered into
//! one `validation` error, so a form can show every field at once.

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::pattern::{pattern_of, PatternInput, PatternKind};
use crate::access::Actor;
use crate::error::{Error, FieldError, Result};
use crate::text::{clean, clean_opt, parse_date};

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

pub(super) struct Clean {
    pub(super) input: FacilityInput,
    pub(super) owner_bin: Option<String>,
    pub(super) pattern_custom: Option<String>,
}

pub(super) fn validate(conn: &Connection, actor: &Actor, input: &FacilityInput) -> Result<Clean> {
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
