//! Requisitioned assets end to end on a real database: owners by IIN/BIN, assets, orders,
//! appraisals, return and loss, claims and payments, scope, roles and the audit trail.
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::assets::{bin, citizen, order, organisation, requisitioned_truck, truck};
use common::{cast, World};
use jasaq::assets::{
    self, AppealClaimInput, AssetKind, AssetQuery, AssetStatus, ClaimQuery, ClaimStatus,
    DecideClaimInput, FileClaimInput, LossInput, LossKind, MarkBasisInput, Mode, NewAppraisal,
    NewFile, NewPayment, OwnerQuery, ReturnInput,
};
use jasaq::ErrorCode;

fn appraisal(asset_id: &str, value: i64, rate: Option<i64>) -> NewAppraisal {
    NewAppraisal {
        asset_id: asset_id.into(),
        appraiser: "«Бағалау» ЖШС, Ә. Серікова".into(),
        method: "салыстырмалы / сравнительный".into(),
        valuation_date: "2026-11-01".into(),
        market_value: value,
        use_rate_per_day: rate,
        basis: false,
        basis_reason: None,
    }
}

fn rules(err: &jasaq::Error) -> Vec<(String, String)> {
    err.fields
        .iter()
        .map(|f| (f.field.clone(), f.rule.clone()))
        .collect()
}

fn has(err: &jasaq::Error, field: &str, rule: &str) -> bool {
    err.fields
        .iter()
        .any(|f| f.field == field && f.rule == rule)
}

#[test]
fn owners_are_checked_by_iin_and_bin_and_unique() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let citizen_owner =
        assets::add_owner(&mut world.store, &op, citizen(&c.akmola_district, 1)).unwrap();
    assert_eq!(
        citizen_owner.display_name, "Әбілқасымов Нұрлан Сәкенұлы",
        "Kazakh letters survive cleaning"
    );
    assert_eq!(
        citizen_owner.phone.as_deref(),
        Some("+77012345678"),
        "phone stored as E.164"
    );
    let org =
        assets::add_owner(&mut world.store, &op, organisation(&c.akmola_district, 1)).unwrap();
    assert_eq!(org.ident.len(), 12, "a BIN is 12 digits");

    let mut wrong = organisation(&c.akmola_district, 50);
    let good = bin("0906", 50);
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    wrong.bin = Some(format!("{}{}", &good[..11], (last + 1) % 10));
    let before = world.count("asset_owners");
    let err = assets::add_owner(&mut world.store, &op, wrong).unwrap_err();
    assert!(
        has(&err, "bin", "bin_check_digit"),
        "a wrong BIN check digit is refused: {:?}",
        rules(&err)
    );
    let mut bad_iin = citizen(&c.akmola_district, 2);
    bad_iin.iin = Some("12345678901a".into());
    let err = assets::add_owner(&mut world.store, &op, bad_iin).unwrap_err();
    assert!(
        has(&err, "iin", "iin_digits"),
        "an IIN of non-digits is refused"
    );
    let mut no_name = citizen(&c.akmola_district, 3);
    no_name.surname = Some("  ".into());
    no_name.phone = Some("+1 202 555 0100".into());
    let err = assets::add_owner(&mut world.store, &op, no_name).unwrap_err();
    assert!(
        has(&err, "surname", "required") && has(&err, "phone", "phone_format"),
        "every problem at once"
    );
    assert_eq!(
        world.count("asset_owners"),
        before,
        "nothing written on invalid input"
    );

    let err = assets::add_owner(&mut world.store, &op, citizen(&c.akmola_district, 1)).unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Conflict, "owner_registered"),
        "one owner per IIN"
    );
    assert_eq!(
        err.params.get("owner_id"),
        Some(&citizen_owner.id),
        "the visible owner is named"
    );
    let err = assets::add_owner(
        &mut world.store,
        &c.karaganda_admin,
        citizen(&c.karaganda_district, 1),
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "owner_registered_elsewhere",
        "an owner elsewhere is not named"
    );
    assert_eq!(
        world.audit_count("asset.owner_add"),
        2,
        "each recorded owner is audited"
    );
}

#[test]
fn assets_need_identifiers_by_kind() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let owner = assets::add_owner(&mut world.store, &op, citizen(&c.akmola_district, 1)).unwrap();
    let mut bad = truck(&owner.id, &c.akmola_district);
    bad.vin = Some("XTC43118R1234567O".into());
    bad.plate_number = None;
    let err = assets::add_asset(&mut world.store, &op, bad).unwrap_err();
    assert!(has(&err, "vin", "vin_format"), "O is not allowed in a VIN");
    assert!(
        has(&err, "plate_number", "required"),
        "a vehicle needs its plate"
    );
    let mut building = truck(&owner.id, &c.akmola_district);
    building.kind = AssetKind::Building;
    building.plate_number = None;
    building.vin = None;
    let err = assets::add_asset(&mut world.store, &op, building.clone()).unwrap_err();
    assert!(
        has(&err, "cadastral_number", "required"),
        "a building needs its cadastral number"
    );
    building.cadastral_number = Some("01:011:001:123".into());
    let saved = assets::add_asset(&mut world.store, &op, building).unwrap();
    assert_eq!(saved.status, AssetStatus::Registered, "no order yet");
    let saved =
        assets::add_asset(&mut world.store, &op, truck(&owner.id, &c.akmola_district)).unwrap();
    assert_eq!(
        saved.plate_number.as_deref(),
        Some("123 ABC 03"),
        "plates are upper-cased"
    );
    assert_eq!(world.count("assets"), 2, "two valid assets, nothing else");
    assert_eq!(world.audit_count("asset.add"), 2, "each asset audited");
}

#[test]
fn a_truck_from_order_to_final_payment() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    );
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
        ReturnInput {
            asset_id: id.clone(),
            returned_on: "2026-10-31".into(),
            condition: "ok".into(),
            loss_of_value: 0,
        },
    )
    .unwrap_err();
    assert!(
        has(&err, "returned_on", "before_intake"),
        "a return before the intake is refused"
    );
    let err = assets::record_return(
        &mut world.store,
        &op,
        ReturnInput {
            asset_id: id.clone(),
            returned_on: "2026-11-20".into(),
            condition: "ok".into(),
            loss_of_value: -5,
        },
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
        ReturnInput {
            asset_id: id.clone(),
            returned_on: "2026-11-20".into(),
            condition: "Бампер зақымдалған".into(),
            loss_of_value: 500_000_00,
        },
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
        FileClaimInput {
            asset_id: id.clone(),
            filed_on: "2026-11-21".into(),
            amount_claimed: 1_500_000_00,
            document_number: "Т-1".into(),
        },
    )
    .unwrap();
    let err = assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-22".into(),
            amount: 100_00,
            document_number: "П-1".into(),
        },
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
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-22".into(),
            amount_decided: 1_400_000_00,
            document_number: "Ш-1".into(),
        },
    )
    .unwrap();
    let after = assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-22".into(),
            amount: 400_000_00,
            document_number: "П-1".into(),
        },
    )
    .unwrap();
    assert_eq!(after.status, ClaimStatus::PartlyPaid, "a partial payment");
    let err = assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-22".into(),
            amount: 1_000_000_01,
            document_number: "П-2".into(),
        },
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
    let err = assets::appeal_claim(
        &mut world.store,
        &op,
        AppealClaimInput {
            claim_id: claim.id.clone(),
            appealed_on: "2026-11-22".into(),
            document_number: "А-1".into(),
        },
    )
    .map(|c| c.status)
    .unwrap();
    assert_eq!(
        err,
        ClaimStatus::Appealed,
        "a decided claim may be appealed"
    );
    let err = assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-22".into(),
            amount: 100_00,
            document_number: "П-2".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.reason, "under_appeal", "no payment while appealed");
    let err = assets::decide_claim(
        &mut world.store,
        &op,
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-22".into(),
            amount_decided: 300_000_00,
            document_number: "Ш-2".into(),
        },
    )
    .unwrap_err();
    assert!(
        has(&err, "amount_decided", "below_paid"),
        "a new decision is never below what was paid"
    );
    assets::decide_claim(
        &mut world.store,
        &op,
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-22".into(),
            amount_decided: 1_500_000_00,
            document_number: "Ш-2".into(),
        },
    )
    .unwrap();
    let paid = assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-22".into(),
            amount: 1_100_000_00,
            document_number: "П-2".into(),
        },
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
        ReturnInput {
            asset_id: lost.clone(),
            returned_on: "2026-11-01".into(),
            condition: "x".into(),
            loss_of_value: 0,
        },
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
        ReturnInput {
            asset_id: moved.clone(),
            returned_on: "2026-11-01".into(),
            condition: "x".into(),
            loss_of_value: 0,
        },
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
        FileClaimInput {
            asset_id: bare.id.clone(),
            filed_on: "2026-11-01".into(),
            amount_claimed: 1,
            document_number: "x".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.reason, "not_requisitioned", "no claim without an order");
}

#[test]
fn a_hundred_billion_tenge_building_is_recorded_and_paid_exactly() {
    let mut world = World::new();
    let c = cast(&mut world);
    let admin = c.akmola_admin.clone();
    let owner = assets::add_owner(
        &mut world.store,
        &admin,
        organisation(&c.akmola_district, 7),
    )
    .unwrap();
    let mut building = truck(&owner.id, &c.akmola_district);
    building.kind = AssetKind::Building;
    building.plate_number = None;
    building.vin = None;
    building.cadastral_number = Some("01:011:001:123".into());
    let asset = assets::add_asset(&mut world.store, &admin, building).unwrap();
    assets::requisition(
        &mut world.store,
        &admin,
        order(
            &asset.id,
            Mode::TransferOfOwnership,
            "2026-11-01",
            "2026-11-02",
        ),
    )
    .unwrap();
    let value = 10_000_000_000_000;
    assets::appraise(&mut world.store, &admin, appraisal(&asset.id, value, None)).unwrap();
    let claim = assets::file_claim(
        &mut world.store,
        &admin,
        FileClaimInput {
            asset_id: asset.id.clone(),
            filed_on: "2026-11-03".into(),
            amount_claimed: value,
            document_number: "Т-9".into(),
        },
    )
    .unwrap();
    assets::decide_claim(
        &mut world.store,
        &admin,
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-04".into(),
            amount_decided: value,
            document_number: "Ш-9".into(),
        },
    )
    .unwrap();
    assets::pay(
        &mut world.store,
        &admin,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-05".into(),
            amount: value - 1,
            document_number: "П-9".into(),
        },
    )
    .unwrap();
    let detail = assets::get(&world.store, &admin, &asset.id).unwrap();
    assert_eq!(
        detail.compensation.unwrap().balance,
        Some(1),
        "one tiyn left of 100 billion tenge"
    );
    let err = assets::appraise(
        &mut world.store,
        &admin,
        appraisal(&asset.id, assets::MAX_AMOUNT + 1, None),
    )
    .unwrap_err();
    assert!(
        has(&err, "market_value", "too_large"),
        "beyond 90 trillion tenge is refused"
    );
    let err =
        assets::appraise(&mut world.store, &admin, appraisal(&asset.id, 0, None)).unwrap_err();
    assert!(
        has(&err, "market_value", "not_positive"),
        "a zero value is refused"
    );
    let err = assets::parse_tenge("amount", "сто тенге").unwrap_err();
    assert_eq!(err.rule, "not_numeric", "non-numeric text is refused");
}

#[test]
fn scope_and_roles_are_enforced() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let mine = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let theirs = requisitioned_truck(
        &mut world,
        &c.karaganda_admin.clone(),
        &c.karaganda_district,
        2,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let other_district = requisitioned_truck(
        &mut world,
        &c.akmola_admin.clone(),
        &c.akmola_other_district,
        3,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let audit_before = world.count("audit_log");

    let err = assets::get(&world.store, &op, &theirs).unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "another region's asset is not read by an operator"
    );
    let err = assets::get(&world.store, &op, &other_district).unwrap_err();
    assert_eq!(err.reason, "out_of_scope", "nor another district's");
    let err = assets::appraise(
        &mut world.store,
        &op,
        appraisal(&other_district, 1_000_00, Some(1_00)),
    )
    .unwrap_err();
    assert_eq!(err.reason, "out_of_scope", "nor appraised");
    let err = assets::appraise(
        &mut world.store,
        &c.akmola_admin.clone(),
        appraisal(&theirs, 1_000_00, Some(1_00)),
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "a regional admin stays in the region"
    );
    assert!(
        assets::get(&world.store, &c.akmola_admin, &other_district).is_ok(),
        "a regional admin sees every district of the region"
    );
    let err = assets::get(&world.store, &op, "no-such-id").unwrap_err();
    assert_eq!(
        err.code,
        ErrorCode::NotFound,
        "a missing asset is not found"
    );

    let owner = assets::add_owner(&mut world.store, &op, citizen(&c.akmola_district, 9)).unwrap();
    let err = assets::add_asset(
        &mut world.store,
        &op,
        truck(&owner.id, &c.akmola_other_district),
    )
    .unwrap_err();
    assert!(
        has(&err, "district_id", "out_of_scope"),
        "an operator records only in their district"
    );
    let err = assets::add_owner(
        &mut world.store,
        &c.akmola_admin.clone(),
        citizen(&c.karaganda_district, 10),
    )
    .unwrap_err();
    assert!(
        has(&err, "region_id", "out_of_scope"),
        "a regional admin records only in their region"
    );

    let viewer = c.akmola_viewer.clone();
    let err = assets::appraise(
        &mut world.store,
        &viewer,
        appraisal(&mine, 1_000_00, Some(1_00)),
    )
    .unwrap_err();
    assert_eq!(
        (err.code, err.reason.as_str()),
        (ErrorCode::Forbidden, "role"),
        "viewers read only"
    );
    let err =
        assets::add_owner(&mut world.store, &viewer, citizen(&c.akmola_district, 11)).unwrap_err();
    assert_eq!(err.reason, "role", "viewers add no owners");
    assert!(
        assets::get(&world.store, &viewer, &mine).is_ok(),
        "viewers read in scope"
    );
    assert_eq!(
        world.count("audit_log"),
        audit_before + 1,
        "refusals write nothing; only the owner was added"
    );

    let page = assets::list_assets(&world.store, &op, AssetQuery::default()).unwrap();
    assert_eq!(
        page.total, 1,
        "the operator lists only their district's asset"
    );
    let page = assets::list_assets(&world.store, &c.akmola_admin, AssetQuery::default()).unwrap();
    assert_eq!(
        page.total, 2,
        "the regional admin lists both Akmola districts"
    );
    let page = assets::list_assets(
        &world.store,
        &c.national,
        AssetQuery {
            district_id: Some(c.karaganda_district.id.clone()),
            ..AssetQuery::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 1, "filter by district");
    let owners = assets::list_owners(
        &world.store,
        &op,
        OwnerQuery {
            text: Some("әбілқас".into()),
            ..OwnerQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        owners.total, 2,
        "name search folds Kazakh case; the operator sees their 2 owners"
    );
    let summary = assets::summary(&world.store, &c.national, None).unwrap();
    assert_eq!(summary.total.held, 3, "three held across the country");
    assert_eq!(summary.regions.len(), 2, "two regions have assets");
    let summary = assets::summary(&world.store, &op, None).unwrap();
    assert_eq!(
        summary.total.held, 1,
        "the operator's summary is their district"
    );
}

#[test]
fn lists_filter_by_status_kind_and_unpaid_balance() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let paid = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let unpaid = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        2,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    for id in [&paid, &unpaid] {
        assets::appraise(
            &mut world.store,
            &op,
            appraisal(id, 1_000_000_00, Some(1_000_00)),
        )
        .unwrap();
        assets::record_return(
            &mut world.store,
            &op,
            ReturnInput {
                asset_id: id.to_string(),
                returned_on: "2026-11-10".into(),
                condition: "ok".into(),
                loss_of_value: 0,
            },
        )
        .unwrap();
    }
    let claim = assets::file_claim(
        &mut world.store,
        &op,
        FileClaimInput {
            asset_id: paid.clone(),
            filed_on: "2026-11-11".into(),
            amount_claimed: 10_000_00,
            document_number: "T".into(),
        },
    )
    .unwrap();
    assets::decide_claim(
        &mut world.store,
        &op,
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-12".into(),
            amount_decided: 10_000_00,
            document_number: "D".into(),
        },
    )
    .unwrap();
    assets::pay(
        &mut world.store,
        &op,
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-13".into(),
            amount: 10_000_00,
            document_number: "P".into(),
        },
    )
    .unwrap();
    let page = assets::list_assets(
        &world.store,
        &op,
        AssetQuery {
            unpaid_only: true,
            ..AssetQuery::default()
        },
    )
    .unwrap();
    let ids: Vec<&str> = page.rows.iter().map(|r| r.asset.id.as_str()).collect();
    assert_eq!(
        ids,
        [unpaid.as_str()],
        "only the asset with a balance above zero"
    );
    assert_eq!(
        page.rows[0].balance,
        Some(10_000_00),
        "10 days x 1 000 tenge owed"
    );
    let page = assets::list_assets(
        &world.store,
        &op,
        AssetQuery {
            status: Some(AssetStatus::Held),
            ..AssetQuery::default()
        },
    )
    .unwrap();
    assert_eq!(page.total, 0, "both were returned");
    let page = assets::list_assets(
        &world.store,
        &op,
        AssetQuery {
            kind: Some(AssetKind::Vehicle),
            limit: 1,
            ..AssetQuery::default()
        },
    )
    .unwrap();
    assert_eq!(
        (page.total, page.rows.len()),
        (2, 1),
        "paging keeps the total"
    );
    let claims = assets::list_claims(
        &world.store,
        &op,
        ClaimQuery {
            status: Some(ClaimStatus::Paid),
            ..ClaimQuery::default()
        },
    )
    .unwrap();
    assert_eq!(claims.total, 1, "claims filtered by status");
    let summary = assets::summary(&world.store, &op, None).unwrap();
    assert_eq!(
        (
            summary.total.returned,
            summary.total.owed,
            summary.total.decided,
            summary.total.paid
        ),
        (2, 20_000_00, 10_000_00, 10_000_00),
        "summary counts and sums"
    );
}

#[test]
fn claim_steps_keep_their_order_and_wrong_iins_are_refused() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = requisitioned_truck(
        &mut world,
        &op,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    );
    let err = assets::file_claim(
        &mut world.store,
        &op,
        FileClaimInput {
            asset_id: id.clone(),
            filed_on: "2026-10-30".into(),
            amount_claimed: 1_00,
            document_number: "T".into(),
        },
    )
    .unwrap_err();
    assert!(
        has(&err, "filed_on", "before_previous_step"),
        "a claim is not filed before its order"
    );
    let err = assets::file_claim(
        &mut world.store,
        &op,
        FileClaimInput {
            asset_id: id.clone(),
            filed_on: "2026-12-01".into(),
            amount_claimed: 1_00,
            document_number: "T".into(),
        },
    )
    .unwrap_err();
    assert!(has(&err, "filed_on", "date_future"), "nor in the future");
    let claim = assets::file_claim(
        &mut world.store,
        &op,
        FileClaimInput {
            asset_id: id.clone(),
            filed_on: "2026-11-10".into(),
            amount_claimed: 1_00,
            document_number: "T".into(),
        },
    )
    .unwrap();
    let err = assets::appeal_claim(
        &mut world.store,
        &op,
        AppealClaimInput {
            claim_id: claim.id.clone(),
            appealed_on: "2026-11-11".into(),
            document_number: "A".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.reason, "not_decided", "an appeal needs a decision");
    let err = assets::decide_claim(
        &mut world.store,
        &op,
        DecideClaimInput {
            claim_id: claim.id.clone(),
            decided_on: "2026-11-09".into(),
            amount_decided: 1_00,
            document_number: "D".into(),
        },
    )
    .unwrap_err();
    assert!(
        has(&err, "decided_on", "before_previous_step"),
        "no decision before the filing"
    );
    let err = assets::file_claim(
        &mut world.store,
        &op,
        FileClaimInput {
            asset_id: id.clone(),
            filed_on: "2026-11-10".into(),
            amount_claimed: 1_00,
            document_number: "T".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.reason, "claim_exists", "one claim per asset");
    let err = assets::pay(
        &mut world.store,
        &c.akmola_viewer.clone(),
        NewPayment {
            claim_id: claim.id.clone(),
            paid_on: "2026-11-12".into(),
            amount: 1_00,
            document_number: "P".into(),
        },
    )
    .unwrap_err();
    assert_eq!(err.reason, "role", "a viewer records no payment");

    let mut wrong = citizen(&c.akmola_district, 5);
    let good = wrong.iin.clone().unwrap();
    let last = good.chars().last().unwrap().to_digit(10).unwrap();
    wrong.iin = Some(format!("{}{}", &good[..11], (last + 1) % 10));
    let err = assets::add_owner(&mut world.store, &op, wrong).unwrap_err();
    assert!(
        has(&err, "iin", "iin_check_digit"),
        "a wrong IIN check digit is refused"
    );
    let mut nobody = citizen(&c.akmola_district, 6);
    nobody.kind = None;
    let err = assets::add_owner(&mut world.store, &op, nobody).unwrap_err();
    assert!(
        has(&err, "kind", "required"),
        "citizen or organisation must be said"
    );
    assert_eq!(
        world.count("asset_claim_steps"),
        1,
        "only the one filing was written"
    );
}
