//! Search and list: folding for every Kazakh letter, ё as е, Latin passport spellings, IIN
//! prefixes, short queries, filters, sorting, keyset paging, totals, and scope in SQL.

mod common;

use chrono::Duration;
use common::{cast, volunteer_form, World};
use jasaq::access::Role;
use jasaq::volunteers::{self, SkillInput, SortKey, Status, VolunteerQuery};

fn find(world: &World, actor: &jasaq::access::Actor, q: &str) -> Vec<String> {
    let page = volunteers::search(
        &world.store,
        actor,
        &VolunteerQuery {
            q: Some(q.into()),
            limit: 200,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("search {q:?} runs: {e:?}"));
    page.rows
        .into_iter()
        .map(|r| format!("{} {}", r.surname, r.given_name))
        .collect()
}

#[test]
fn every_kazakh_letter_folds_case_and_yo_is_ye() {
    let mut world = World::new();
    let c = cast(&mut world);
    let people = [
        ("Әбдірахманов", "Әлихан"),
        ("Ғабдуллин", "Ғалым"),
        ("Қасымов", "Қайрат"),
        ("Жаңылов", "Ерлан"),
        ("Өтепов", "Мөлдір"),
        ("Ұлжанов", "Ұлан"),
        ("Үкібаев", "Гүлнар"),
        ("Шаһизадаев", "Бауыржан"),
        ("Іңкәров", "Серік"),
        ("Фёдоров", "Пётр"),
        ("Семенов", "Артем"),
    ];
    for (serial, (surname, given)) in people.iter().enumerate() {
        let form = volunteer_form(
            &c.akmola_district,
            surname,
            given,
            "1990-01-01",
            serial as u16 * 10,
        );
        volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    }
    let cases = [
        ("ӘБД", "Әбдірахманов Әлихан", "ә upper finds lower"),
        ("ғабд", "Ғабдуллин Ғалым", "ғ"),
        ("ҚАСЫМ", "Қасымов Қайрат", "қ"),
        ("аңыл", "Жаңылов Ерлан", "ң"),
        ("мөлд", "Өтепов Мөлдір", "ө"),
        ("ұлж", "Ұлжанов Ұлан", "ұ"),
        ("гүлн", "Үкібаев Гүлнар", "ү"),
        ("ШАҺИ", "Шаһизадаев Бауыржан", "һ"),
        (
            "інкәр",
            "",
            "і with н is not іңкәр: ң is a letter of its own",
        ),
        ("іңкәр", "Іңкәров Серік", "і and ң"),
        ("федор", "Фёдоров Пётр", "е finds ё"),
        ("сёмен", "Семенов Артем", "ё finds е"),
        ("ПЁТР", "Фёдоров Пётр", "upper-case Ё"),
    ];
    for (q, expected, why) in cases {
        let found = find(&world, &c.akmola_operator, q);
        if expected.is_empty() {
            assert!(found.is_empty(), "{why}: {q:?} found {found:?}");
        } else {
            assert_eq!(found, vec![expected.to_owned()], "{why}: {q:?}");
        }
    }
}

#[test]
fn latin_passport_spellings_find_cyrillic_names() {
    let mut world = World::new();
    let c = cast(&mut world);
    for (serial, (surname, given)) in [
        ("Әбдірахманов", "Әлихан"),
        ("Оспанов", "Серік"),
        ("Жұмабаева", "Жанна"),
        ("Хасенов", "Дәурен"),
    ]
    .iter()
    .enumerate()
    {
        let form = volunteer_form(
            &c.akmola_district,
            surname,
            given,
            "1990-01-01",
            serial as u16 * 10,
        );
        volunteers::register(&mut world.store, &c.akmola_operator, form).unwrap();
    }
    for (q, expected) in [
        ("Alikhan", "Әбдірахманов Әлихан"),
        ("alihan", "Әбдірахманов Әлихан"),
        ("Serik", "Оспанов Серік"),
        ("Zhanna", "Жұмабаева Жанна"),
        ("Zhumabayeva", "Жұмабаева Жанна"),
        ("Khasenov", "Хасенов Дәурен"),
        ("Hasenov", "Хасенов Дәурен"),
        ("Dauren", "Хасенов Дәурен"),
    ] {
        assert_eq!(
            find(&world, &c.akmola_operator, q),
            vec![expected.to_owned()],
            "{q} is how a passport spells {expected}"
        );
    }
}

#[test]
fn iin_prefix_and_short_queries_use_prefix_ranges() {
    let mut world = World::new();
    let c = cast(&mut world);
    let a = volunteer_form(&c.akmola_district, "Ахметов", "Асқар", "1990-01-01", 1);
    let b = volunteer_form(&c.akmola_district, "Бекова", "Дана", "1985-06-15", 1);
    let a_iin = a.iin.clone();
    volunteers::register(&mut world.store, &c.akmola_operator, a).unwrap();
    volunteers::register(&mut world.store, &c.akmola_operator, b).unwrap();
    assert_eq!(
        find(&world, &c.akmola_operator, &a_iin[..6]),
        vec!["Ахметов Асқар"],
        "IIN prefix"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, &a_iin),
        vec!["Ахметов Асқар"],
        "whole IIN"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "85"),
        vec!["Бекова Дана"],
        "two-digit prefix"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "а"),
        vec!["Ахметов Асқар"],
        "one letter: surname prefix"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "БЕ"),
        vec!["Бекова Дана"],
        "two letters, any case"
    );
    assert_eq!(
        find(&world, &c.akmola_operator, "be"),
        vec!["Бекова Дана"],
        "two Latin letters"
    );
}

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
fn an_edited_name_replaces_its_search_entry() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Кенжебаев", "Ербол", "1990-01-01", 1);
    let id = volunteers::register(&mut world.store, &c.akmola_operator, form.clone())
        .unwrap()
        .volunteer
        .id;
    let mut renamed = form;
    renamed.surname = "Жақыпов".into();
    volunteers::update(
        &mut world.store,
        &c.akmola_operator,
        volunteers::UpdateVolunteer {
            id,
            volunteer: renamed,
        },
    )
    .unwrap();
    assert_eq!(
        find(&world, &c.akmola_operator, "жақып"),
        vec!["Жақыпов Ербол".to_owned()],
        "the new surname is found"
    );
    assert!(
        find(&world, &c.akmola_operator, "кенжеб").is_empty(),
        "the old surname no longer matches"
    );
    assert!(
        find(&world, &c.akmola_operator, "Kenzhe").is_empty(),
        "nor its Latin spelling"
    );
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

#[test]
fn every_region_has_its_own_trigram_index() {
    let world = World::new();
    let conn = world.store.conn();
    let regions: Vec<String> = conn
        .prepare("SELECT id FROM regions ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut ours: Vec<String> = volunteers::search_index::REGIONAL
        .iter()
        .map(|(id, _)| (*id).to_owned())
        .collect();
    ours.sort();
    assert_eq!(ours, regions, "one index per reference region, no more");
    for (_, table) in volunteers::search_index::REGIONAL {
        let exists: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = ? AND sql LIKE '%fts5%trigram%'",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(exists, 1, "{table} is a trigram index of the migration");
    }
}

#[test]
fn a_move_to_another_region_moves_the_regional_entry() {
    let mut world = World::new();
    let c = cast(&mut world);
    let form = volunteer_form(&c.akmola_district, "Көшербаев", "Ерлан", "1990-01-01", 1);
    let stays = volunteer_form(
        &c.akmola_other_district,
        "Көшербаева",
        "Дана",
        "1991-01-01",
        2,
    );
    let id = volunteers::register(&mut world.store, &c.national, form.clone())
        .unwrap()
        .volunteer
        .id;
    volunteers::register(&mut world.store, &c.national, stays).unwrap();
    let scoped = |world: &World, actor: &jasaq::access::Actor, district: Option<&str>| {
        let page = volunteers::search(
            &world.store,
            actor,
            &VolunteerQuery {
                q: Some("көшер".into()),
                district_id: district.map(Into::into),
                ..Default::default()
            },
        )
        .unwrap();
        let mut names: Vec<String> = page.rows.into_iter().map(|r| r.given_name).collect();
        names.sort();
        (names, page.total)
    };
    assert_eq!(
        scoped(&world, &c.akmola_admin, None),
        (vec!["Дана".to_owned(), "Ерлан".to_owned()], 2),
        "both in Akmola's index"
    );
    assert_eq!(
        scoped(&world, &c.akmola_operator, None),
        (vec!["Ерлан".to_owned()], 1),
        "the district marker confines the operator to the district"
    );
    assert_eq!(
        scoped(&world, &c.national, Some(&c.akmola_other_district.id)),
        (vec!["Дана".to_owned()], 1),
        "a national admin's district filter reaches the district's region index"
    );

    let mut moved = form;
    moved.region_id = c.karaganda_district.region_id.clone();
    moved.district_id = c.karaganda_district.id.clone();
    volunteers::update(
        &mut world.store,
        &c.national,
        volunteers::UpdateVolunteer {
            id,
            volunteer: moved,
        },
    )
    .unwrap();
    assert_eq!(
        scoped(&world, &c.akmola_admin, None),
        (vec!["Дана".to_owned()], 1),
        "gone from the old region's index, count included"
    );
    assert_eq!(
        scoped(&world, &c.karaganda_admin, None),
        (vec!["Ерлан".to_owned()], 1),
        "in the new region's index"
    );
    assert_eq!(
        scoped(&world, &c.national, None),
        (vec!["Дана".to_owned(), "Ерлан".to_owned()], 2),
        "once each in the national index"
    );
}

#[test]
fn text_search_pages_agree_between_the_one_pass_and_the_counted_path() {
    let mut world = World::new();
    let national = world.setup();
    volunteers::generate(
        &mut world.store,
        &national,
        volunteers::GenerateOptions {
            count: 3_000,
            seed: 7,
            districts_per_region: 2,
        },
    )
    .unwrap();
    let (district, region): (String, String) = world
        .store
        .conn()
        .query_row(
            "SELECT district_id, region_id FROM volunteers
             GROUP BY district_id ORDER BY count(*) DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let regional = world.user(
        &national,
        "reg.admin",
        Role::RegionalAdmin,
        Some(&region),
        None,
    );
    let operator = world.user(
        &national,
        "dist.op",
        Role::DistrictOperator,
        None,
        Some(&district),
    );
    // Pages of 2 through every match; the first page of the quick path reads the index once,
    // `exact_total` takes the counted path on every page: both must show the same people in
    // the same order, and the quick total must be the number of matches (below the cap).
    let walk = |actor: &jasaq::access::Actor, exact_total: bool| {
        let mut ids = Vec::new();
        let mut totals = Vec::new();
        let mut cursor = None;
        loop {
            let page = volunteers::search(
                &world.store,
                actor,
                &VolunteerQuery {
                    q: Some("ова".into()),
                    cursor: cursor.clone(),
                    limit: 2,
                    exact_total,
                    ..Default::default()
                },
            )
            .expect("search runs");
            totals.push(page.total);
            ids.extend(page.rows.into_iter().map(|r| r.id));
            match page.next_cursor {
                Some(next) => cursor = Some(next),
                None => return (ids, totals[0]),
            }
        }
    };
    for (who, actor) in [
        ("national", &national),
        ("regional", &regional),
        ("district", &operator),
    ] {
        let (quick, quick_total) = walk(actor, false);
        let (counted, exact) = walk(actor, true);
        assert!(
            quick.len() > 7,
            "{who}: the fragment fills several pages ({})",
            quick.len()
        );
        assert_eq!(
            quick, counted,
            "{who}: both paths page through the same people in the same order"
        );
        assert_eq!(
            exact as usize,
            counted.len(),
            "{who}: the exact total counts what the pages show"
        );
        assert_eq!(
            quick_total,
            exact.min(1_000),
            "{who}: the one-pass total agrees with the exact one"
        );
    }
}
