//! An asset's life on a real database: a truck from its order through files, appraisals and a
//! moved basis, return, claim, decision, appeal and payments to the last tiyn, every step
//! audited; and the outcomes an order allows (a total loss, a transfer of ownership, no claim
//! without an order).
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::assets::{
    appraisal, asset_return, citizen, claim_appeal, claim_decision, claim_filing, operators_truck,
    order, payment, requisitioned_truck, truck,
};
use common::{cast, has, World};
use jasaq::assets::{
    self, AssetStatus, ClaimStatus, LossInput, LossKind, MarkBasisInput, Mode, NewFile,
};
use jasaq::ErrorCode;

#[test]
fn a_truck_from_order_to_final_payment() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = operators_truck(&mut world, &c);
    let err = assets::requisition(
        &mut world.store,
        &op,
        order(&id, Mode::TemporaryUse, "2026-11-01", "2026-11-01"),
    )
    .unwrap_err();
    assert_eq!(err.reason, "already_requisitioned", "one order per asset");

    let file = assets::attach_file(
        &mut world.store,
        &op,
        NewFile {
            asset_id: id.clone(),
            name: "front.jpg".into(),
            media_type: "image/jpeg".into(),
            data: vec![0xFF, 0xD8, 0xFF, 0xE0],
        },
    )
    .unwrap();
    assert_eq!(file.size, 4, "the file's bytes are stored");
    let content = assets::get_file(&world.store, &c.akmola_viewer, &file.id).unwrap();
    assert_eq!(
        content.data,
        vec![0xFF, 0xD8, 0xFF, 0xE0],
        "the file travels with the database"
    );
    let err = assets::attach_file(
        &mut world.store,
        &op,
        NewFile {
            asset_id: id.clone(),
            name: "huge.bin".into(),
            media_type: "application/octet-stream".into(),
            data: vec![0; assets::MAX_FILE_BYTES + 1],
        },
    )
    .unwrap_err();
    assert!(has(&err, "data", "too_large"), "over 10 MiB is refused");

    let err =
        assets::appraise(&mut world.store, &op, appraisal(&id, 30_000_000_00, None)).unwrap_err();
    assert!(
        has(&err, "use_rate_per_day", "required"),
        "temporary use needs a day rate"
    );
    let first = assets::appraise(
        &mut world.store,
        &op,
        appraisal(&id, 30_000_000_00, Some(40_000_00)),
    )
    .unwrap();
    assert!(first.is_basis, "the first appraisal is the basis");
    let second = assets::appraise(
        &mut world.store,
        &op,
        appraisal(&id, 32_000_000_00, Some(45_000_00)),
    )
    .unwrap();
    assert!(!second.is_basis, "a later one is not, until marked");
    let err = assets::mark_basis(
        &mut world.store,
        &op,
        MarkBasisInput {
            appraisal_id: second.id.clone(),
            reason: " ".into(),
        },
    )
    .unwrap_err();
    assert!(
        has(&err, "reason", "required"),
        "moving the basis needs a reason"
    );
    assets::mark_basis(
        &mut world.store,
        &op,
        MarkBasisInput {
            appraisal_id: second.id.clone(),
            reason: "Қайта бағалау / переоценка".into(),
        },
    )
    .unwrap();
    let detail = assets::get(&world.store, &op, &id).unwrap();
    let basis: Vec<&str> = detail
        .appraisals
        .iter()
        .filter(|a| a.is_basis)
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        basis,
        [second.id.as_str()],
        "exactly one basis, the newly marked one"
    );
    assert_eq!(
        detail.asset.status,
        AssetStatus::Held,
        "requisitioned and not returned"
    );
    assert_eq!(
        detail.compensation.as_ref().unwrap().days_held,
        Some(22),
        "1..22 November to date"
    );

    let err = assets::record_return(
        &mut world.store,
        &op,
        asset_return(&id, "2026-10-31", "ok", 0),
    )
    .unwrap_err();
    assert!(
        has(&err, "returned_on", "before_intake"),
        "a return before the intake is refused"
    );
    let err = assets::record_return(
        &mut world.store,
        &op,
        asset_return(&id, "2026-11-20", "ok", -5),
    )
    .unwrap_err();
    assert!(
        has(&err, "loss_of_value", "negative"),
        "a negative amount is refused"
    );
    assert_eq!(
        world.count("asset_outcomes"),
        0,
        "nothing written on bad input"
    );
    assets::record_return(
        &mut world.store,
        &op,
        asset_return(&id, "2026-11-20", "Бампер зақымдалған", 500_000_00),
    )
    .unwrap();
    let err = assets::record_loss(
        &mut world.store,
        &op,
        LossInput {
            asset_id: id.clone(),
            kind: LossKind::Destroyed,
            lost_on: "2026-11-21".into(),
            circumstances: "x".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "already_returned",
        "no total loss after a return"
    );
    let detail = assets::get(&world.store, &op, &id).unwrap();
    let b = detail.compensation.unwrap();
    assert_eq!(b.days_held, Some(20), "1..20 November");
    assert_eq!(
        b.owed,
        Some(20 * 45_000_00 + 500_000_00),
        "the new basis rate x days + loss"
    );
    assert_eq!(
        detail.asset.status,
        AssetStatus::Returned,
        "status follows the outcome"
    );

    let claim = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&id, "2026-11-21", 1_500_000_00, "Т-1"),
    )
    .unwrap();
    let err = assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-22", 100_00, "П-1"),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Conflict, "not_decided"),
        "no payment before a decision"
    );
    assets::decide_claim(
        &mut world.store,
        &op,
        claim_decision(&claim.id, "2026-11-22", 1_400_000_00, "Ш-1"),
    )
    .unwrap();
    let after = assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-22", 400_000_00, "П-1"),
    )
    .unwrap();
    assert_eq!(after.status, ClaimStatus::PartlyPaid, "a partial payment");
    let err = assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-22", 1_000_000_01, "П-2"),
    )
    .unwrap_err();
    assert!(
        has(&err, "amount", "overpayment"),
        "one tiyn over the balance is refused"
    );
    assert_eq!(
        err.fields[0].params.get("balance").map(String::as_str),
        Some("100000000"),
        "the balance is named"
    );
    let appealed = assets::appeal_claim(
        &mut world.store,
        &op,
        claim_appeal(&claim.id, "2026-11-22", "А-1"),
    )
    .unwrap();
    assert_eq!(
        appealed.status,
        ClaimStatus::Appealed,
        "a decided claim may be appealed"
    );
    let err = assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-22", 100_00, "П-2"),
    )
    .unwrap_err();
    assert_eq!(err.reason, "under_appeal", "no payment while appealed");
    let err = assets::decide_claim(
        &mut world.store,
        &op,
        claim_decision(&claim.id, "2026-11-22", 300_000_00, "Ш-2"),
    )
    .unwrap_err();
    assert!(
        has(&err, "amount_decided", "below_paid"),
        "a new decision is never below what was paid"
    );
    assets::decide_claim(
        &mut world.store,
        &op,
        claim_decision(&claim.id, "2026-11-22", 1_500_000_00, "Ш-2"),
    )
    .unwrap();
    let paid = assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-22", 1_100_000_00, "П-2"),
    )
    .unwrap();
    assert_eq!(
        (paid.status, paid.amount_paid),
        (ClaimStatus::Paid, 1_500_000_00),
        "fully paid"
    );
    let detail = assets::get(&world.store, &op, &id).unwrap();
    assert_eq!(
        detail.compensation.unwrap().balance,
        Some(0),
        "nothing left to pay"
    );

    for (action, n) in [
        ("asset.owner_add", 1),
        ("asset.add", 1),
        ("asset.requisition", 1),
        ("asset.file_attach", 1),
        ("asset.appraise", 2),
        ("asset.basis", 1),
        ("asset.return", 1),
        ("asset.claim_file", 1),
        ("asset.claim_decide", 2),
        ("asset.claim_appeal", 1),
        ("asset.pay", 2),
    ] {
        assert_eq!(
            world.audit_count(action),
            n,
            "every change is audited: {action}"
        );
    }
    assert_eq!(
        detail.history.len(),
        13,
        "the asset's timeline is its audit entries (the owner's entry is the owner's)"
    );
}

#[test]
fn total_loss_and_transfer_transitions() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let lost = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-10-01",
    );
    assets::appraise(
        &mut world.store,
        &op,
        appraisal(&lost, 25_000_000_00, Some(30_000_00)),
    )
    .unwrap();
    assets::record_loss(
        &mut world.store,
        &op,
        LossInput {
            asset_id: lost.clone(),
            kind: LossKind::Destroyed,
            lost_on: "2026-10-15".into(),
            circumstances: "Атқылау кезінде жойылды".into(),
        },
    )
    .unwrap();
    let err = assets::record_return(
        &mut world.store,
        &op,
        asset_return(&lost, "2026-11-01", "x", 0),
    )
    .unwrap_err();
    assert_eq!(err.reason, "already_lost", "no return after a total loss");
    let detail = assets::get(&world.store, &op, &lost).unwrap();
    assert_eq!(detail.asset.status, AssetStatus::Lost, "status lost");
    assert_eq!(
        detail.compensation.unwrap().owed,
        Some(25_000_000_00),
        "total loss: market value"
    );

    let moved = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        2,
        Mode::TransferOfOwnership,
        "2026-10-01",
    );
    let err = assets::record_return(
        &mut world.store,
        &op,
        asset_return(&moved, "2026-11-01", "x", 0),
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "transferred_asset",
        "a transferred asset is not returned"
    );
    assert_eq!(
        assets::get(&world.store, &op, &moved).unwrap().asset.status,
        AssetStatus::Transferred,
        "status transferred"
    );

    let owner = assets::add_owner(&mut world.store, &op, citizen(&c.akmola_district, 3)).unwrap();
    let bare =
        assets::add_asset(&mut world.store, &op, truck(&owner.id, &c.akmola_district)).unwrap();
    let err = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&bare.id, "2026-11-01", 1, "x"),
    )
    .unwrap_err();
    assert_eq!(err.reason, "not_requisitioned", "no claim without an order");
}

#[test]
fn a_damaged_outcome_is_an_error_not_a_return_without_loss() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = operators_truck(&mut world, &c);
    assets::record_return(
        &mut world.store,
        &op,
        asset_return(&id, "2026-11-20", "Бампер зақымдалған", 500_000_00),
    )
    .unwrap();
    assert!(
        assets::get(&world.store, &op, &id).is_ok(),
        "the returned truck reads"
    );
    // A row the schema's CHECKs would refuse, as a damaged file may hold: the old reading took
    // any outcome other than "lost" for a return, and compensation with it.
    let conn = world.store.conn();
    conn.execute_batch("PRAGMA ignore_check_constraints = ON")
        .unwrap();
    conn.execute(
        "UPDATE asset_outcomes SET outcome = 'gone' WHERE asset_id = ?",
        [&id],
    )
    .unwrap();
    conn.execute_batch("PRAGMA ignore_check_constraints = OFF")
        .unwrap();
    let err = assets::get(&world.store, &op, &id).expect_err("a damaged outcome is not read");
    assert_eq!(
        err.code,
        ErrorCode::Internal,
        "an unreadable outcome is an internal error, never a guessed return"
    );
}
