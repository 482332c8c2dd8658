//! Creating or editing a facility with its posts and pattern in one immediate transaction,
//! audited with the before and after. Kept on its own because it is the one write path of a
//! facility and the longest function of the area.

use rusqlite::params;

use super::input::{validate, FacilityInput};
use super::read::find_facility;
use super::Facility;
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};
use crate::text::clean_opt;

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
