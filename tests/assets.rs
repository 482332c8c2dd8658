//! Recording requisitioned assets and reading them back on a real database: owners by IIN/BIN
//! and unique, assets' identifiers by kind, every role in and out of its scope (refusals write
//! nothing), and the lists and summary filtered by status, kind and unpaid balance. An asset's
//! life from order to final payment: assets_lifecycle.rs; claims at their edges:
//! assets_claims.rs.
// Amounts are written as tenge then two tiyn digits: 25_000_00 is 25 000,00 tenge.
#![allow(clippy::inconsistent_digit_grouping)]

mod common;

use common::assets::{
    appraisal, asset_return, bin, citizen, claim_decision, claim_filing, operators_truck,
    organisation, payment, requisitioned_truck, truck,
};
use common::{cast, has, rules, World};
use jasaq::assets::{
    self, AssetKind, AssetQuery, AssetStatus, ClaimQuery, ClaimStatus, Mode, OwnerQuery,
};
use jasaq::ErrorCode;

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
fn scope_and_roles_are_enforced() {
    let mut world = World::new();
    let c = cast(&mut world);
    let op = c.akmola_operator.clone();
    let mine = operators_truck(&mut world, &c);
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
    let paid = operators_truck(&mut world, &c);
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
            asset_return(id, "2026-11-10", "ok", 0),
        )
        .unwrap();
    }
    let claim = assets::file_claim(
        &mut world.store,
        &op,
        claim_filing(&paid, "2026-11-11", 10_000_00, "T"),
    )
    .unwrap();
    assets::decide_claim(
        &mut world.store,
        &op,
        claim_decision(&claim.id, "2026-11-12", 10_000_00, "D"),
    )
    .unwrap();
    assets::pay(
        &mut world.store,
        &op,
        payment(&claim.id, "2026-11-13", 10_000_00, "P"),
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
