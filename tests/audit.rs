//! The audit log: chained, tamper-evident, and browsed within scope.

mod common;

use common::{cast, World};
use jasaq::audit::{self, AuditFilter};
use jasaq::ErrorCode;

fn filter() -> AuditFilter {
    AuditFilter {
        limit: 500,
        ..Default::default()
    }
}

#[test]
fn an_edit_behind_the_applications_back_is_found() {
    let mut world = World::new();
    let c = cast(&mut world);
    let clean = audit::verify(&world.store, &c.national).unwrap();
    assert_eq!(clean.first_broken_seq, None, "an untouched log verifies");
    assert!(
        clean.entries > 10,
        "the cast's setup wrote entries: {}",
        clean.entries
    );

    let blocked = world
        .store
        .conn()
        .execute("UPDATE audit_log SET action = 'x' WHERE seq = 4", []);
    assert!(blocked.is_err(), "the append-only trigger refuses updates");
    let blocked = world
        .store
        .conn()
        .execute("DELETE FROM audit_log WHERE seq = 4", []);
    assert!(blocked.is_err(), "and deletes");

    // Someone with the file drops the trigger and rewrites history.
    world
        .store
        .conn()
        .execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET actor_username = 'someone.else' WHERE seq = 7;",
        )
        .unwrap();
    let broken = audit::verify(&world.store, &c.national).unwrap();
    assert_eq!(
        broken.first_broken_seq,
        Some(7),
        "verification names the first tampered entry"
    );
}

#[test]
fn a_deleted_entry_breaks_the_chain_at_the_gap() {
    let mut world = World::new();
    let c = cast(&mut world);
    world
        .store
        .conn()
        .execute_batch("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 5;")
        .unwrap();
    let broken = audit::verify(&world.store, &c.national).unwrap();
    assert_eq!(
        broken.first_broken_seq,
        Some(5),
        "the missing entry is where the chain breaks"
    );
}

#[test]
fn browsing_is_scoped_and_filtered() {
    let mut world = World::new();
    let c = cast(&mut world);
    let all = audit::list(&world.store, &c.national, &filter()).unwrap();
    let akmola = audit::list(&world.store, &c.akmola_admin, &filter()).unwrap();
    assert!(
        akmola.entries.len() < all.entries.len(),
        "a regional admin sees fewer entries than national"
    );
    assert!(
        akmola
            .entries
            .iter()
            .all(|e| e.region_id.as_deref() == Some(common::AKMOLA)),
        "and only entries about their region"
    );
    assert!(
        all.entries.windows(2).all(|w| w[0].seq > w[1].seq),
        "entries come newest first"
    );
    for actor in [&c.akmola_operator, &c.akmola_viewer, &c.national_viewer] {
        let err = audit::list(&world.store, actor, &filter()).unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, "role"),
            "{} may not browse the log",
            actor.username()
        );
        assert_eq!(
            audit::verify(&world.store, actor).unwrap_err().reason,
            "role",
            "nor verify it"
        );
    }

    let creates = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            action: Some("user.create".into()),
            ..filter()
        },
    )
    .unwrap();
    assert_eq!(creates.entries.len(), 5, "the cast created five accounts");
    let by_chief = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            actor: Some("CHIEF".into()),
            ..filter()
        },
    )
    .unwrap();
    assert!(
        by_chief
            .entries
            .iter()
            .all(|e| e.actor_username.as_deref() == Some("chief")),
        "the actor filter matches usernames case-insensitively"
    );
    let today = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            from: Some("2026-11-22".into()),
            to: Some("2026-11-22".into()),
            ..filter()
        },
    )
    .unwrap();
    assert_eq!(
        today.entries.len(),
        all.entries.len(),
        "everything happened on 22.11.2026 local time"
    );
    let tomorrow = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            from: Some("2026-11-23".into()),
            ..filter()
        },
    )
    .unwrap();
    assert!(tomorrow.entries.is_empty(), "nothing is dated 23.11.2026");

    let page = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            limit: 3,
            ..filter()
        },
    )
    .unwrap();
    assert_eq!(page.entries.len(), 3, "a page holds the limit");
    let next = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            limit: 3,
            before_seq: page.next_before_seq,
            ..filter()
        },
    )
    .unwrap();
    assert!(
        next.entries[0].seq < page.entries[2].seq,
        "the next page continues where the last ended"
    );

    let bad = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            from: Some("22.11.2026x".into()),
            limit: 0,
            ..filter()
        },
    )
    .unwrap_err();
    let rules: Vec<(&str, &str)> = bad
        .fields
        .iter()
        .map(|f| (f.field.as_str(), f.rule.as_str()))
        .collect();
    assert_eq!(
        rules,
        vec![("from", "invalid_date"), ("limit", "out_of_range")],
        "bad filters name each field"
    );
}

#[test]
fn every_user_and_district_change_is_audited_with_before_and_after() {
    let mut world = World::new();
    let c = cast(&mut world);
    jasaq::accounts::deactivate_user(&mut world.store, &c.national, c.akmola_viewer.user_id())
        .unwrap();
    let entry = audit::list(
        &world.store,
        &c.national,
        &AuditFilter {
            action: Some("user.deactivate".into()),
            ..filter()
        },
    )
    .unwrap()
    .entries
    .remove(0);
    assert_eq!(
        entry.actor_username.as_deref(),
        Some("chief"),
        "the actor is recorded"
    );
    assert_eq!(
        entry.entity_id.as_deref(),
        Some(c.akmola_viewer.user_id()),
        "the entity is recorded"
    );
    let before: serde_json::Value = serde_json::from_str(entry.before.as_deref().unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_str(entry.after.as_deref().unwrap()).unwrap();
    assert_eq!(
        (before["active"].as_bool(), after["active"].as_bool()),
        (Some(true), Some(false)),
        "before and after values are kept"
    );
    assert!(
        entry.at.ends_with('Z'),
        "time is stored in UTC: {}",
        entry.at
    );
}
