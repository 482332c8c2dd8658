//! The registry's list: filters, sorting (names in the Kazakh alphabet), keyset paging, totals
//! (capped on a generated registry unless asked) and scope in SQL.

mod common;

use chrono::Duration;
use common::{cast, find, volunteer_form, World};
use jasaq::volunteers::{self, SkillInput, SortKey, Status, VolunteerQuery};

#[test]
fn filters_sorting_keyset_pages_totals_and_scope() {
    let mut world = World::new();
    let c = cast(&mut world);
    let mut ids = Vec::new();
    for i in 0..25u16 {
        let birth = format!("{}-03-0{}", 1970 + i, 1 + i % 9);
        let mut form = volunteer_form(
            &c.akmola_district,
            &format!("Нұрпейісов{}", ["а", "б", "в", "г", "д"][i as usize % 5]),
            "Ербол",
            &birth,
            i * 10,
        );
        if i % 2 == 0 {
            form.skills = vec![SkillInput {
                code: "medic".into(),
                ..Default::default()
            }];
        }
        ids.push(
            volunteers::register(&mut world.store, &c.akmola_operator, form)
                .unwrap()
                .volunteer
                .id,
        );
        world.clock.advance(Duration::hours(1));
    }
    let elsewhere = volunteer_form(
        &c.karaganda_district,
        "Нұрпейісов",
        "Қарағанды",
        "1990-01-01",
        5000,
    );
    volunteers::register(&mut world.store, &c.karaganda_admin, elsewhere).unwrap();
    volunteers::enrol(&mut world.store, &c.akmola_operator, &ids[0]).unwrap();

    // Keyset paging by name: 25 rows in pages of 10, no overlaps, in order.
    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = volunteers::search(
            &world.store,
            &c.akmola_operator,
            &VolunteerQuery {
                sort: SortKey::Name,
                limit: 10,
                cursor: cursor.clone(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            page.total, 25,
            "the operator's total counts only their district"
        );
        seen.extend(page.rows.into_iter().map(|r| (r.surname, r.id)));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 25, "every row once, none twice");
    let mut sorted = seen.clone();
    sorted.sort();
    assert_eq!(seen, sorted, "pages come in name order");

    let q =
        |query: VolunteerQuery| volunteers::search(&world.store, &c.akmola_admin, &query).unwrap();
    assert_eq!(
        q(VolunteerQuery {
            status: Some(Status::Enrolled),
            ..Default::default()
        })
        .total,
        1,
        "status filter"
    );
    assert_eq!(
        q(VolunteerQuery {
            skill: Some("medic".into()),
            ..Default::default()
        })
        .total,
        13,
        "skill filter"
    );
    // Born 1970..=1994; on 22 Nov 2026 ages run 56..32.
    assert_eq!(
        q(VolunteerQuery {
            age_min: Some(50),
            ..Default::default()
        })
        .total,
        7,
        "age ≥ 50: born 1970-1976"
    );
    assert_eq!(
        q(VolunteerQuery {
            age_max: Some(35),
            ..Default::default()
        })
        .total,
        4,
        "age ≤ 35: born 1991-1994"
    );
    let by_birth = q(VolunteerQuery {
        sort: SortKey::BirthDate,
        descending: true,
        limit: 1,
        ..Default::default()
    });
    assert_eq!(
        by_birth.rows[0].birth_date, "1994-03-07",
        "birth date sort, youngest first"
    );
    let newest = q(VolunteerQuery {
        sort: SortKey::Registered,
        descending: true,
        limit: 1,
        ..Default::default()
    });
    assert_eq!(
        newest.rows[0].id, ids[24],
        "registration sort, newest first"
    );
    assert_eq!(
        q(VolunteerQuery {
            registered_from: Some("2026-11-23".into()),
            ..Default::default()
        })
        .total,
        12,
        "registered from local 23 Nov (19:00 UTC on the 22nd): the 13th to the 25th hour"
    );
    assert_eq!(
        find(&world, &c.national, "нұрпейіс").len(),
        26,
        "national sees both regions"
    );
    assert_eq!(
        find(&world, &c.akmola_admin, "нұрпейіс").len(),
        25,
        "a region sees its own"
    );
    assert_eq!(
        find(&world, &c.karaganda_admin, "нұрпейіс").len(),
        1,
        "and only its own"
    );
    let err = volunteers::search(
        &world.store,
        &c.karaganda_admin,
        &VolunteerQuery {
            region_id: Some(common::AKMOLA.into()),
            ..Default::default()
        },
    )
    .expect_err("asking for another region is refused, not emptied");
    assert_eq!(err.reason, "out_of_scope", "named reason");
    let err = volunteers::search(
        &world.store,
        &c.akmola_admin,
        &VolunteerQuery {
            limit: 201,
            ..Default::default()
        },
    )
    .expect_err("pages are at most 200");
    assert_eq!(err.fields[0].rule, "out_of_range", "named rule");
}

#[test]
fn generated_registry_covers_every_region_and_caps_totals_unless_asked() {
    let mut world = World::new();
    let national = world.setup();
    let report = volunteers::generate(
        &mut world.store,
        &national,
        volunteers::GenerateOptions {
            count: 1_100,
            seed: 42,
            districts_per_region: 2,
        },
    )
    .expect("the generator runs for a national administrator");
    assert_eq!(report.inserted, 1_100, "exactly the requested number");
    let regions: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(DISTINCT region_id) FROM volunteers",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(regions, 20, "every region has volunteers");
    let bad: i64 = world
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM volunteers WHERE citizenship <> 'KZ' AND status IN ('eligible', 'enrolled')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(bad, 0, "no generated non-citizen is eligible or enrolled");
    let capped = volunteers::search(&world.store, &national, &VolunteerQuery::default()).unwrap();
    assert_eq!(
        (capped.total, capped.total_capped),
        (volunteers::TOTAL_CAP, true),
        "broad totals stop at the cap and say so"
    );
    let exact = volunteers::search(
        &world.store,
        &national,
        &VolunteerQuery {
            exact_total: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        (exact.total, exact.total_capped),
        (1_100, false),
        "exact on request"
    );
    let text = volunteers::search(
        &world.store,
        &national,
        &VolunteerQuery {
            q: Some("се".into()),
            exact_total: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(
        text.total > 0,
        "two letters find surname prefixes: {text:?}"
    );
}

#[test]
fn names_sort_in_the_kazakh_alphabet() {
    let mut world = World::new();
    let c = cast(&mut world);
    // Registered out of order, with mixed case and ё, in one district.
    let names = [
        "Эргашев",
        "Лебедев",
        "Әлиев",
        "іскаков",
        "Бекова",
        "ҚАСЫМОВ",
        "Кузнецов",
        "Ыбыраев",
        "Алиев",
        "Ёлкин",
        "Ершов",
        "Яковлев",
    ];
    for (serial, surname) in names.iter().enumerate() {
        let form = volunteer_form(
            &c.akmola_district,
            surname,
            "Ерлан",
            "1990-01-01",
            serial as u16 * 10,
        );
        volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    }
    let listed = |descending: bool| -> Vec<String> {
        volunteers::search(
            &world.store,
            &c.akmola_operator,
            &VolunteerQuery {
                sort: SortKey::Name,
                descending,
                ..Default::default()
            },
        )
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.surname)
        .collect()
    };
    let ascending = listed(false);
    assert_eq!(
        ascending,
        vec![
            "Алиев",
            "Әлиев",
            "Бекова",
            "Ёлкин",
            "Ершов",
            "Кузнецов",
            "ҚАСЫМОВ",
            "Лебедев",
            "Ыбыраев",
            "іскаков",
            "Эргашев",
            "Яковлев",
        ],
        "Kazakh alphabet order (Ә after А, Қ after К, І between Ы and Э), any case, ё as е"
    );
    let mut descending = listed(true);
    descending.reverse();
    assert_eq!(
        descending, ascending,
        "descending is the same order reversed"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "Қа"),
        vec!["ҚАСЫМОВ Ерлан".to_owned()],
        "a two-letter surname prefix ranges over the sort key: қа, not ка"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "ё"),
        vec!["Ёлкин Ерлан".to_owned(), "Ершов Ерлан".to_owned()],
        "ё as a prefix is е"
    );
}
