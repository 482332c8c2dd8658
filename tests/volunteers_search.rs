//! Search: folding for every Kazakh letter, ё as е, Latin passport spellings, IIN prefixes and
//! short queries; the search entries an edit or a move to another region rewrites, one trigram
//! index per region, and pages that agree between the one-pass and the counted path (the
//! filtered, sorted, paged list: volunteers_list.rs).

mod common;

use common::{cast, find, volunteer_form, World};
use jasaq::access::Role;
use jasaq::volunteers::{self, VolunteerQuery};

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
