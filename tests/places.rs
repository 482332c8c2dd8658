//! Regions and districts: seeded regions, and district administration by every role.

mod common;

use common::{cast, World, AKMOLA, KARAGANDA};
use jasaq::places::{self, ListDistrictsInput, NewDistrict, RenameDistrict};
use jasaq::ErrorCode;

fn new_district(region: &str, name: &str) -> NewDistrict {
    NewDistrict {
        region_id: region.into(),
        name_kk: format!("{name} ауданы"),
        name_ru: format!("{name} район"),
        name_en: None,
    }
}

fn district_count(world: &World) -> i64 {
    world
        .store
        .conn()
        .query_row("SELECT count(*) FROM districts", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_twenty_regions_are_seeded_in_three_languages() {
    let world = World::new();
    let regions = places::list_regions(&world.store).unwrap();
    assert_eq!(
        regions.len(),
        20,
        "17 oblasts and 3 cities of republican significance"
    );
    let cities: Vec<&str> = regions
        .iter()
        .filter(|r| r.kind == places::RegionKind::City)
        .map(|r| r.name_en.as_str())
        .collect();
    assert_eq!(
        cities,
        vec!["Almaty", "Astana", "Shymkent"],
        "the three cities"
    );
    let ulytau = regions
        .iter()
        .find(|r| r.id == "KZ-62")
        .expect("Ulytau (2022) is present");
    assert_eq!(
        (ulytau.name_kk.as_str(), ulytau.name_ru.as_str()),
        ("Ұлытау облысы", "Улытауская область"),
        "Kazakh and Russian names"
    );
    for region in [
        "Abai Region",
        "Jetisu Region",
        "Ulytau Region",
        "Almaty Region",
    ] {
        assert!(
            regions.iter().any(|r| r.name_en == region),
            "{region} is seeded"
        );
    }
}

#[test]
fn administrators_add_rename_and_retire_districts_of_their_region_only() {
    let mut world = World::new();
    let c = cast(&mut world);
    let added = places::add_district(
        &mut world.store,
        &c.akmola_admin,
        new_district(AKMOLA, "Целиноград"),
    )
    .unwrap();
    assert_eq!(
        added.region_id, AKMOLA,
        "a regional admin adds in their own region"
    );
    places::add_district(
        &mut world.store,
        &c.national,
        new_district(KARAGANDA, "Абай"),
    )
    .expect("a national admin adds anywhere");

    let before = district_count(&world);
    for (actor, reason) in [
        (&c.akmola_admin, "out_of_scope"),
        (&c.akmola_operator, "role"),
        (&c.akmola_viewer, "role"),
        (&c.national_viewer, "role"),
    ] {
        let err = places::add_district(&mut world.store, actor, new_district(KARAGANDA, "Шет"))
            .unwrap_err();
        assert_eq!(
            (err.code, err.reason.as_str()),
            (ErrorCode::Forbidden, reason),
            "{} adding in Karaganda",
            actor.username()
        );
    }
    assert_eq!(
        district_count(&world),
        before,
        "refused additions wrote nothing"
    );

    let rename = |id: &str| RenameDistrict {
        id: id.into(),
        name_kk: "Жаңа атау".into(),
        name_ru: "Новое название".into(),
        name_en: Some("New name".into()),
    };
    let err = places::rename_district(&mut world.store, &c.karaganda_admin, rename(&added.id))
        .unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "another region's admin cannot rename it"
    );
    let err = places::rename_district(&mut world.store, &c.akmola_operator, rename(&added.id))
        .unwrap_err();
    assert_eq!(err.reason, "role", "an operator cannot rename");
    let renamed =
        places::rename_district(&mut world.store, &c.akmola_admin, rename(&added.id)).unwrap();
    assert_eq!(
        renamed.name_ru, "Новое название",
        "the region's admin renames it"
    );

    let err = places::retire_district(&mut world.store, &c.karaganda_admin, &added.id).unwrap_err();
    assert_eq!(
        err.reason, "out_of_scope",
        "another region's admin cannot retire it"
    );
    let err = places::retire_district(&mut world.store, &c.akmola_viewer, &added.id).unwrap_err();
    assert_eq!(err.reason, "role", "a viewer cannot retire");
    let retired = places::retire_district(&mut world.store, &c.akmola_admin, &added.id).unwrap();
    assert!(
        retired.retired_at.is_some(),
        "the region's admin retires it"
    );
    let again = places::retire_district(&mut world.store, &c.akmola_admin, &added.id).unwrap_err();
    assert_eq!(
        (again.code, again.reason.as_str()),
        (ErrorCode::Conflict, "district_retired"),
        "retiring twice is a conflict"
    );
    let err =
        places::rename_district(&mut world.store, &c.akmola_admin, rename(&added.id)).unwrap_err();
    assert_eq!(
        err.reason, "district_retired",
        "a retired district is not renamed"
    );
    let missing =
        places::retire_district(&mut world.store, &c.national, "no-such-district").unwrap_err();
    assert_eq!(
        missing.code,
        ErrorCode::NotFound,
        "an unknown district id is not found"
    );

    let history: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM audit_log WHERE entity_id = ?",
            [&added.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(history, 3, "add, rename and retire are each audited");
}

#[test]
fn a_retired_district_keeps_its_history_and_is_listed_on_request() {
    let mut world = World::new();
    let c = cast(&mut world);
    places::retire_district(&mut world.store, &c.national, &c.akmola_other_district.id).unwrap();
    let active = places::list_districts(
        &world.store,
        &c.akmola_admin,
        &ListDistrictsInput::default(),
    )
    .unwrap();
    assert_eq!(
        active.len(),
        1,
        "only the active Akmola district is listed by default"
    );
    let all = places::list_districts(
        &world.store,
        &c.akmola_admin,
        &ListDistrictsInput {
            region_id: None,
            include_retired: true,
        },
    )
    .unwrap();
    assert_eq!(all.len(), 2, "the retired one is still there on request");
    let err = jasaq::accounts::create_user(
        &mut world.store,
        &c.national,
        jasaq::accounts::NewUser {
            username: "late.op".into(),
            display_name: "Late".into(),
            role: jasaq::access::Role::DistrictOperator,
            region_id: None,
            district_id: Some(c.akmola_other_district.id.clone()),
            password: "temporary-pass-123".into(),
        },
    )
    .unwrap_err();
    assert_eq!(
        err.reason, "district_retired",
        "no new operator is placed in a retired district"
    );
}

#[test]
fn listing_districts_is_scoped_to_the_users_region() {
    let mut world = World::new();
    let c = cast(&mut world);
    let list = |world: &World, actor, region: Option<&str>| {
        places::list_districts(
            &world.store,
            actor,
            &ListDistrictsInput {
                region_id: region.map(Into::into),
                include_retired: false,
            },
        )
    };
    assert_eq!(
        list(&world, &c.national, None).unwrap().len(),
        3,
        "national sees all regions"
    );
    assert_eq!(
        list(&world, &c.national_viewer, Some(KARAGANDA))
            .unwrap()
            .len(),
        1,
        "a national viewer may filter any region"
    );
    assert_eq!(
        list(&world, &c.akmola_operator, None).unwrap().len(),
        2,
        "an operator sees their region's districts"
    );
    assert_eq!(
        list(&world, &c.akmola_viewer, None).unwrap().len(),
        2,
        "a regional viewer likewise"
    );
    for actor in [&c.akmola_admin, &c.akmola_operator, &c.akmola_viewer] {
        let err = list(&world, actor, Some(KARAGANDA)).unwrap_err();
        assert_eq!(
            err.reason,
            "out_of_scope",
            "{} asking for Karaganda is refused",
            actor.username()
        );
    }
}

#[test]
fn bad_district_input_is_refused_naming_the_field() {
    let mut world = World::new();
    let c = cast(&mut world);
    let before = district_count(&world);
    let cases = [
        (
            NewDistrict {
                name_ru: "Р".repeat(10_000),
                ..new_district(AKMOLA, "Длинный")
            },
            "name_ru",
            "too_long",
        ),
        (
            NewDistrict {
                name_kk: "   ".into(),
                ..new_district(AKMOLA, "Пустой")
            },
            "name_kk",
            "required",
        ),
        (
            new_district("KZ-00", "Нигде"),
            "region_id",
            "unknown_region",
        ),
    ];
    for (input, field, rule) in cases {
        let err = places::add_district(&mut world.store, &c.national, input).unwrap_err();
        assert_eq!(
            err.code,
            ErrorCode::Validation,
            "{field}/{rule} is a validation error"
        );
        assert_eq!(
            (err.fields[0].field.as_str(), err.fields[0].rule.as_str()),
            (field, rule),
            "names the field and rule"
        );
    }
    let dup = places::add_district(
        &mut world.store,
        &c.national,
        NewDistrict {
            region_id: AKMOLA.into(),
            name_kk: "Басқа".into(),
            name_ru: "БУРАБАЙ РАЙОН".into(),
            name_en: None,
        },
    )
    .unwrap_err();
    assert_eq!(
        (dup.code, dup.reason.as_str()),
        (ErrorCode::Conflict, "district_name_taken"),
        "Cyrillic names compare case-insensitively"
    );
    assert_eq!(
        dup.fields[0].field, "name_ru",
        "the clashing field is named"
    );
    assert_eq!(district_count(&world), before, "nothing was written");
}
