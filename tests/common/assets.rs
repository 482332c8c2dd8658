//! Helpers for the requisitioned-asset tests: valid BINs, owner and asset forms, a
//! requisitioned truck ready for appraisal, an appraisal form, a return
//! and the forms of a claim's steps.

use jasaq::access::Actor;
use jasaq::assets::{
    self, AppealClaimInput, AssetKind, DecideClaimInput, FileClaimInput, Mode, NewAppraisal,
    NewAsset, NewOwner, NewPayment, OwnerKind, RequisitionInput, ReturnInput,
};
use jasaq::places::District;

use super::{Cast, World};

/// A valid BIN registered in `yymm` with entity digit 4 (the first serial with a check digit).
pub fn bin(yymm: &str, serial: u32) -> String {
    (serial..1_000_000)
        .find_map(|s| {
            let first = format!("{yymm}4{s:06}");
            let mut digits = [0u8; 11];
            for (slot, b) in digits.iter_mut().zip(first.bytes()) {
                *slot = b - b'0';
            }
            jasaq::identity::check_digit(&digits).map(|c| format!("{first}{c}"))
        })
        .expect("some serial has a check digit")
}

pub fn citizen(district: &District, serial: u16) -> NewOwner {
    NewOwner {
        kind: Some(OwnerKind::Citizen),
        iin: Some(super::iin("1985-04-12", jasaq::identity::Sex::Male, serial)),
        surname: Some("Әбілқасымов".into()),
        given_name: Some("Нұрлан".into()),
        patronymic: Some("Сәкенұлы".into()),
        phone: Some("8 701 234 56 78".into()),
        address: "Көкшетау, Абай көшесі 12".into(),
        region_id: district.region_id.clone(),
        district_id: district.id.clone(),
        ..NewOwner::default()
    }
}

pub fn organisation(district: &District, serial: u32) -> NewOwner {
    NewOwner {
        kind: Some(OwnerKind::Organisation),
        bin: Some(bin("0906", serial)),
        org_name: Some("«Ақмола Құрылыс» ЖШС".into()),
        contact_person: Some("Ғалым Өмірзақов".into()),
        address: "Көкшетау, Ауэзов көшесі 5".into(),
        region_id: district.region_id.clone(),
        district_id: district.id.clone(),
        ..NewOwner::default()
    }
}

pub fn truck(owner_id: &str, district: &District) -> NewAsset {
    NewAsset {
        owner_id: owner_id.into(),
        kind: AssetKind::Vehicle,
        description: "КамАЗ-43118 жүк көлігі".into(),
        plate_number: Some("123 abc 03".into()),
        vin: Some("XTC43118R12345678".into()),
        cadastral_number: None,
        serial_number: None,
        address: "Көкшетау, Сәтпаев көшесі 1".into(),
        region_id: district.region_id.clone(),
        district_id: district.id.clone(),
    }
}

pub fn order(asset_id: &str, mode: Mode, order_date: &str, intake: &str) -> RequisitionInput {
    RequisitionInput {
        asset_id: asset_id.into(),
        number: "14-р".into(),
        order_date: order_date.into(),
        legal_basis: "«Аумақтық қорғаныс туралы» Заң".into(),
        authorising_official: "Қ. Сәрсенбаев, аудан әкімі".into(),
        approving_administration: "Бурабай ауданының әкімдігі".into(),
        receiving_unit: "Аумақтық қорғаныс бригадасы".into(),
        mode,
        intake_date: intake.into(),
        // Every Kazakh letter, both cases, so the documents prove they render them.
        intake_condition: "Жақсы, жүрісі 120 000 км; әғқңөұүһі ӘҒҚҢӨҰҮҺІ".into(),
    }
}

/// A citizen's truck recorded and requisitioned by `actor` in `district`; returns the asset id.
pub fn requisitioned_truck(
    world: &mut World,
    actor: &Actor,
    district: &District,
    serial: u16,
    mode: Mode,
    intake: &str,
) -> String {
    let owner = assets::add_owner(&mut world.store, actor, citizen(district, serial))
        .expect("owner is recorded");
    let asset = assets::add_asset(&mut world.store, actor, truck(&owner.id, district))
        .expect("truck is recorded");
    assets::requisition(
        &mut world.store,
        actor,
        order(&asset.id, mode, intake, intake),
    )
    .expect("truck is requisitioned");
    asset.id
}

/// The Akmola district operator's first truck (the citizen with serial 1), in temporary use
/// from 2026-11-01: the opening of most asset tests. Returns the asset id.
pub fn operators_truck(world: &mut World, c: &Cast) -> String {
    requisitioned_truck(
        world,
        &c.akmola_operator,
        &c.akmola_district,
        1,
        Mode::TemporaryUse,
        "2026-11-01",
    )
}

/// An appraisal of `asset_id` at `value` (tiyn), with a day rate for temporary use.
pub fn appraisal(asset_id: &str, value: i64, rate: Option<i64>) -> NewAppraisal {
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

/// `asset_id` handed back on `returned_on` in `condition`, having lost `loss` (tiyn) of value.
pub fn asset_return(asset_id: &str, returned_on: &str, condition: &str, loss: i64) -> ReturnInput {
    ReturnInput {
        asset_id: asset_id.into(),
        returned_on: returned_on.into(),
        condition: condition.into(),
        loss_of_value: loss,
    }
}

/// A claim for `asset_id` filed on `filed_on` for `amount` (tiyn) under `document`.
pub fn claim_filing(asset_id: &str, filed_on: &str, amount: i64, document: &str) -> FileClaimInput {
    FileClaimInput {
        asset_id: asset_id.into(),
        filed_on: filed_on.into(),
        amount_claimed: amount,
        document_number: document.into(),
    }
}

/// A decision on `claim_id` taken on `decided_on` for `amount` (tiyn) under `document`.
pub fn claim_decision(
    claim_id: &str,
    decided_on: &str,
    amount: i64,
    document: &str,
) -> DecideClaimInput {
    DecideClaimInput {
        claim_id: claim_id.into(),
        decided_on: decided_on.into(),
        amount_decided: amount,
        document_number: document.into(),
    }
}

/// An appeal against the decision on `claim_id`, lodged on `appealed_on` under `document`.
pub fn claim_appeal(claim_id: &str, appealed_on: &str, document: &str) -> AppealClaimInput {
    AppealClaimInput {
        claim_id: claim_id.into(),
        appealed_on: appealed_on.into(),
        document_number: document.into(),
    }
}

/// A payment on `claim_id` made on `paid_on` of `amount` (tiyn) under `document`.
pub fn payment(claim_id: &str, paid_on: &str, amount: i64, document: &str) -> NewPayment {
    NewPayment {
        claim_id: claim_id.into(),
        paid_on: paid_on.into(),
        amount,
        document_number: document.into(),
    }
}
