//! Requisitioned assets, role by role: every write is refused to viewers and outside the
//! actor's region or district, and writes nothing when refused; every read is confined to the
//! actor's scope; every write by an allowed role is audited in the same transaction as the
//! change, under the actor's name.
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

#[path = "common/access.rs"]
mod access;
mod common;

use access::{audited_step, everyone, fingerprint, last_audit};
use common::assets::{
    appraisal, asset_return, citizen, claim_appeal, claim_decision, claim_filing, order, payment,
    requisitioned_truck, truck,
};
use common::{cast, Cast, World};
use jasaq::access::Actor;
use jasaq::assets::{
    self, AssetQuery, ClaimQuery, FileClaimInput, LossInput, LossKind, MarkBasisInput, Mode,
    NewFile, OwnerQuery,
};
use jasaq::db::Store;
use jasaq::ErrorCode;

fn file(asset_id: &str) -> NewFile {
    NewFile {
        asset_id: asset_id.into(),
        name: "front.jpg".into(),
        media_type: "image/jpeg".into(),
        data: vec![0xFF, 0xD8, 0xFF, 0xE0],
    }
}

fn claim(asset_id: &str) -> FileClaimInput {
    claim_filing(asset_id, "2026-11-11", 1_000_000_00, "ӨТ-1")
}

/// One requisitioned truck with an appraisal, a file and a claim: every write has a target.
struct Target {
    district: jasaq::places::District,
    owner: String,
    asset: String,
    appraisal: String,
    claim: String,
}

fn target(world: &mut World, actor: &Actor, district: &jasaq::places::District, n: u16) -> Target {
    let asset = requisitioned_truck(world, actor, district, n, Mode::TemporaryUse, "2026-11-01");
    let owner = assets::get(&world.store, actor, &asset)
        .expect("the truck is read")
        .owner
        .id;
    assets::attach_file(&mut world.store, actor, file(&asset)).expect("a file is attached");
    let appraisal = assets::appraise(
        &mut world.store,
        actor,
        appraisal(&asset, 30_000_000_00, Some(40_000_00)),
    )
    .expect("the truck is appraised")
    .id;
    let claim = assets::file_claim(&mut world.store, actor, claim(&asset))
        .expect("a claim is filed")
        .id;
    Target {
        district: district.clone(),
        owner,
        asset,
        appraisal,
        claim,
    }
}

type Write = fn(&mut Store, &Actor, &Target) -> jasaq::Result<()>;

/// Every asset write, each aimed at a target's records.
fn writes() -> Vec<(&'static str, Write)> {
    vec![
        ("add_owner", |s, a, t| {
            assets::add_owner(s, a, citizen(&t.district, 500)).map(drop)
        }),
        ("add_asset", |s, a, t| {
            assets::add_asset(s, a, truck(&t.owner, &t.district)).map(drop)
        }),
        ("requisition", |s, a, t| {
            assets::requisition(
                s,
                a,
                order(&t.asset, Mode::TemporaryUse, "2026-11-01", "2026-11-01"),
            )
            .map(drop)
        }),
        ("attach_file", |s, a, t| {
            assets::attach_file(s, a, file(&t.asset)).map(drop)
        }),
        ("appraise", |s, a, t| {
            assets::appraise(s, a, appraisal(&t.asset, 31_000_000_00, Some(40_000_00))).map(drop)
        }),
        ("mark_basis", |s, a, t| {
            assets::mark_basis(
                s,
                a,
                MarkBasisInput {
                    appraisal_id: t.appraisal.clone(),
                    reason: "қайта бағалау".into(),
                },
            )
            .map(drop)
        }),
        ("record_return", |s, a, t| {
            assets::record_return(s, a, asset_return(&t.asset, "2026-11-10", "жақсы", 0)).map(drop)
        }),
        ("record_loss", |s, a, t| {
            assets::record_loss(
                s,
                a,
                LossInput {
                    asset_id: t.asset.clone(),
                    kind: LossKind::Destroyed,
                    lost_on: "2026-11-10".into(),
                    circumstances: "жойылды".into(),
                },
            )
            .map(drop)
        }),
        ("file_claim", |s, a, t| {
            assets::file_claim(s, a, claim(&t.asset)).map(drop)
        }),
        ("decide_claim", |s, a, t| {
            assets::decide_claim(
                s,
                a,
                claim_decision(&t.claim, "2026-11-12", 900_000_00, "Ш-1"),
            )
            .map(drop)
        }),
        ("appeal_claim", |s, a, t| {
            assets::appeal_claim(s, a, claim_appeal(&t.claim, "2026-11-13", "А-1")).map(drop)
        }),
        ("pay", |s, a, t| {
            assets::pay(s, a, payment(&t.claim, "2026-11-13", 100_000_00, "Т-1")).map(drop)
        }),
    ]
}

/// How a write must be refused.
#[derive(Debug, Clone, Copy)]
enum Refusal {
    /// `forbidden/role`: viewers only read.
    Role,
    /// `forbidden/out_of_scope`, or a place field refused as `out_of_scope` when the form names
    /// a place outside the actor's scope.
    OutOfScope,
}

fn assert_refusal(result: jasaq::Result<()>, refusal: Refusal, why: &str) {
    let err = match result {
        Ok(()) => panic!("{why}: expected a {refusal:?} refusal, but the write succeeded"),
        Err(err) => err,
    };
    match refusal {
        Refusal::Role => assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, "role"),
            "{why}: {}",
            err.message
        ),
        Refusal::OutOfScope => {
            let place_field = err.fields.iter().any(|f| {
                matches!(f.field.as_str(), "region_id" | "district_id") && f.rule == "out_of_scope"
            });
            assert!(
                (err.code == ErrorCode::Forbidden && err.reason == "out_of_scope") || place_field,
                "{why}: expected out_of_scope, got {:?}/{} {:?}",
                err.code,
                err.reason,
                err.fields
            );
        }
    }
}

fn world_with_targets() -> (World, Cast, Target, Target) {
    let mut world = World::new();
    let c = cast(&mut world);
    let mine = target(&mut world, &c.akmola_operator, &c.akmola_district, 1);
    let other = target(&mut world, &c.akmola_admin, &c.akmola_other_district, 2);
    (world, c, mine, other)
}

#[test]
fn every_asset_write_is_refused_to_viewers_and_outside_the_actors_scope() {
    let (mut world, c, mine, other) = world_with_targets();
    let refused: Vec<(&str, &Actor, &Target, Refusal)> = vec![
        (
            "a national viewer",
            &c.national_viewer,
            &mine,
            Refusal::Role,
        ),
        ("a regional viewer", &c.akmola_viewer, &mine, Refusal::Role),
        (
            "another region's admin",
            &c.karaganda_admin,
            &mine,
            Refusal::OutOfScope,
        ),
        (
            "an operator, in another district of their own region",
            &c.akmola_operator,
            &other,
            Refusal::OutOfScope,
        ),
    ];
    for (op, write) in writes() {
        for (who, actor, target, refusal) in &refused {
            let before = fingerprint(&world);
            let result = write(&mut world.store, actor, target);
            assert_refusal(result, *refusal, &format!("{op} by {who}"));
            assert_eq!(
                fingerprint(&world),
                before,
                "{op} refused to {who} writes nothing, not even an audit entry"
            );
        }
    }
}

#[test]
fn asset_reads_show_exactly_the_actors_scope() {
    let (mut world, c, mine, other) = world_with_targets();
    // (role, sees the operator's district, sees the other Akmola district)
    let expected = [
        ("national admin", true, true),
        ("national viewer", true, true),
        ("Akmola admin", true, true),
        ("Akmola viewer", true, true),
        ("Akmola district operator", true, false),
        ("Karaganda admin", false, false),
    ];
    let everyone = everyone(&c);
    for ((who, actor), (role, sees_mine, sees_other)) in everyone.iter().zip(expected) {
        assert_eq!(*who, role, "the table lists the cast in order");
        for (target, sees) in [(&mine, sees_mine), (&other, sees_other)] {
            let place = &target.district.name_ru;
            let file_id = assets::get(&world.store, &c.national, &target.asset)
                .expect("the national admin reads every asset")
                .files[0]
                .id
                .clone();
            let reads: Vec<(&str, jasaq::Result<()>)> = vec![
                (
                    "get",
                    assets::get(&world.store, actor, &target.asset).map(drop),
                ),
                (
                    "get_owner",
                    assets::get_owner(&world.store, actor, &target.owner).map(drop),
                ),
                (
                    "get_file",
                    assets::get_file(&world.store, actor, &file_id).map(drop),
                ),
                (
                    "requisition_act",
                    assets::requisition_act(&mut world.store, actor, &target.asset).map(drop),
                ),
                (
                    "statement",
                    assets::statement(&mut world.store, actor, &target.asset).map(drop),
                ),
            ];
            for (read, result) in reads {
                if sees {
                    assert!(
                        result.is_ok(),
                        "{read} by {who} of an asset in {place} is allowed: {result:?}"
                    );
                } else {
                    let Err(err) = result else {
                        panic!("{read} by {who} of an asset in {place} must be refused, but it succeeded");
                    };
                    assert_eq!(
                        (err.code, err.reason.as_str()),
                        (ErrorCode::Forbidden, "out_of_scope"),
                        "{read} by {who} of an asset in {place} is refused as out of scope"
                    );
                }
            }
        }
        let visible = u32::from(sees_mine) + u32::from(sees_other);
        let assets_listed = assets::list_assets(&world.store, actor, AssetQuery::default())
            .expect("an asset list is read")
            .total;
        assert_eq!(assets_listed, visible, "{who} lists only assets in scope");
        let claims_listed = assets::list_claims(&world.store, actor, ClaimQuery::default())
            .expect("a claim list is read")
            .total;
        assert_eq!(claims_listed, visible, "{who} lists only claims in scope");
        let owners_listed = assets::list_owners(&world.store, actor, OwnerQuery::default())
            .expect("an owner list is read")
            .total;
        assert_eq!(owners_listed, visible, "{who} lists only owners in scope");
        let held = assets::summary(&world.store, actor, None)
            .expect("the summary is read")
            .total
            .held;
        assert_eq!(held, visible, "{who}'s summary counts only assets in scope");
    }
}

#[test]
fn every_asset_write_by_an_allowed_role_is_audited_in_its_transaction() {
    let mut world = World::new();
    let c = cast(&mut world);
    let (national, admin, op) = (
        c.national.clone(),
        c.akmola_admin.clone(),
        c.akmola_operator.clone(),
    );
    let district = c.akmola_district.clone();

    let owner = audited_step(&mut world, &national, "asset.owner_add", |s, a| {
        assets::add_owner(s, a, citizen(&district, 7))
    });
    let asset = audited_step(&mut world, &admin, "asset.add", |s, a| {
        assets::add_asset(s, a, truck(&owner.id, &district))
    });
    audited_step(&mut world, &op, "asset.requisition", |s, a| {
        assets::requisition(
            s,
            a,
            order(&asset.id, Mode::TemporaryUse, "2026-11-01", "2026-11-01"),
        )
    });
    audited_step(&mut world, &national, "asset.file_attach", |s, a| {
        assets::attach_file(s, a, file(&asset.id))
    });
    audited_step(&mut world, &admin, "asset.appraise", |s, a| {
        assets::appraise(s, a, appraisal(&asset.id, 30_000_000_00, Some(40_000_00)))
    });
    let second = audited_step(&mut world, &op, "asset.appraise", |s, a| {
        assets::appraise(s, a, appraisal(&asset.id, 32_000_000_00, Some(40_000_00)))
    });
    audited_step(&mut world, &national, "asset.basis", |s, a| {
        assets::mark_basis(
            s,
            a,
            MarkBasisInput {
                appraisal_id: second.id.clone(),
                reason: "қайта бағалау".into(),
            },
        )
    });
    audited_step(&mut world, &op, "asset.return", |s, a| {
        assets::record_return(s, a, asset_return(&asset.id, "2026-11-10", "жақсы", 0))
    });
    let filed = audited_step(&mut world, &admin, "asset.claim_file", |s, a| {
        assets::file_claim(s, a, claim(&asset.id))
    });
    audited_step(&mut world, &national, "asset.claim_decide", |s, a| {
        assets::decide_claim(
            s,
            a,
            claim_decision(&filed.id, "2026-11-12", 900_000_00, "Ш-1"),
        )
    });
    audited_step(&mut world, &op, "asset.pay", |s, a| {
        assets::pay(s, a, payment(&filed.id, "2026-11-13", 100_000_00, "Т-1"))
    });
    audited_step(&mut world, &admin, "asset.claim_appeal", |s, a| {
        assets::appeal_claim(s, a, claim_appeal(&filed.id, "2026-11-14", "А-1"))
    });

    let lost = requisitioned_truck(
        &mut world,
        &op,
        &district,
        8,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    audited_step(&mut world, &national, "asset.loss", |s, a| {
        assets::record_loss(
            s,
            a,
            LossInput {
                asset_id: lost.clone(),
                kind: LossKind::Destroyed,
                lost_on: "2026-11-10".into(),
                circumstances: "жойылды".into(),
            },
        )
    });
    let (action, _, kind, entity) = last_audit(&world);
    assert_eq!(
        (action.as_str(), kind.as_str(), entity.as_deref()),
        ("asset.loss", "asset", Some(lost.as_str())),
        "the loss is recorded against the lost asset"
    );
}
