//! Claims at their edges: each step dated after the one before and not in the future, one
//! claim per asset, appeals and payments only after a decision, wrong IINs and a missing owner
//! kind refused; and a 100-billion-tenge building recorded and paid to the tiyn, with values
//! beyond the limit, zero or not numeric refused.
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::assets::{
    appraisal, citizen, claim_appeal, claim_decision, claim_filing, operators_truck, order,
    organisation, payment, truck,
};
use common::{cast, has, World};
use jasaq::assets::{self, AssetKind, Mode};

#[test]
fn claim_steps_keep_their_order_and_wrong_iins_are_refused() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let id = operators_truck(&mut world, &c);
    let err = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&id, "2026-10-30", 1_00, "T"),
    )
    .unwrap_err();
    assert!(
        has(&err, "filed_on", "before_previous_step"),
        "a claim is not filed before its order"
    );
    let err = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&id, "2026-12-01", 1_00, "T"),
    )
    .unwrap_err();
    assert!(has(&err, "filed_on", "date_future"), "nor in the future");
    let claim = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&id, "2026-11-10", 1_00, "T"),
    )
    .unwrap();
    let err = assets::appeal_claim(
        &mut world.store,
        &op,
        claim_appeal(&claim.id, "2026-11-11", "A"),
    )
    .unwrap_err();
    assert_eq!(err.reason, "not_decided", "an appeal needs a decision");
    let err = assets::decide_claim(
        &mut world.store,
        &op,
        claim_decision(&claim.id, "2026-11-09", 1_00, "D"),
    )
    .unwrap_err();
    assert!(
        has(&err, "decided_on", "before_previous_step"),
        "no decision before the filing"
    );
    let err = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&id, "2026-11-10", 1_00, "T"),
    )
    .unwrap_err();
    assert_eq!(err.reason, "claim_exists", "one claim per asset");
    let err = assets::pay(
        &mut world.store,
        &c.akmola_viewer.clone(),
        payment(&claim.id, "2026-11-12", 1_00, "P"),
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
        claim_filing(&asset.id, "2026-11-03", value, "Т-9"),
    )
    .unwrap();
    assets::decide_claim(
        &mut world.store,
        &admin,
        claim_decision(&claim.id, "2026-11-04", value, "Ш-9"),
    )
    .unwrap();
    assets::pay(
        &mut world.store,
        &admin,
        payment(&claim.id, "2026-11-05", value - 1, "П-9"),
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
