//! Readiness arithmetic on a hand-built structure, with exact numbers: authorised against
//! assigned per position, fill (surplus never fills another position's vacancy), age bands on
//! the local date, missing/expired/expiring qualifications, vacant command posts, rolled up by
//! region, agency and direction; scoped views; the CSV export.

mod common;

use common::units::{assign, enrolled, establish, skill, unit, unit_input};
use common::{cast, volunteer_form, World, AKMOLA, KARAGANDA};
use jasaq::units::{self, Direction, ReadinessFigures, ReadinessQuery};
use jasaq::volunteers::{self, SkillInput, UpdateVolunteer};

fn bands(f: &ReadinessFigures) -> Vec<u32> {
    f.age_bands.iter().map(|b| b.count).collect()
}

/// Units, authorised, assigned, filled, fill %.
type Headline = (u32, u32, u32, u32, f64);

fn headline(f: &ReadinessFigures) -> Headline {
    (f.units, f.authorised, f.assigned, f.filled, f.fill_percent)
}

fn set_skills(
    world: &mut World,
    admin: &jasaq::access::Actor,
    v: &volunteers::Volunteer,
    d: &jasaq::places::District,
    serial: u16,
    skills: Vec<SkillInput>,
) {
    let mut form = volunteer_form(d, &v.surname, "Арман", &v.birth_date, serial);
    form.iin = v.iin.clone();
    form.skills = skills;
    volunteers::update(
        &mut world.store,
        admin,
        UpdateVolunteer {
            id: v.id.clone(),
            volunteer: form,
        },
    )
    .expect("the correction is saved");
}

#[test]
fn readiness_adds_up_exactly_per_unit_region_agency_and_direction() {
    let mut world = World::new();
    let c = cast(&mut world);
    let n = c.national.clone();
    let akm = c.akmola_district.clone();
    let kar = c.karaganda_district.clone();
    let brigade = unit(
        &mut world,
        &n,
        unit_input("=1+1 бригада", "brigade", AKMOLA, None, None),
    );
    let c1 = unit(
        &mut world,
        &n,
        unit_input("1-я рота", "company", AKMOLA, Some(&akm), Some(&brigade)),
    );
    establish(&mut world, &n, &brigade, &[("commander", 1)]);
    establish(
        &mut world,
        &n,
        &c1,
        &[("squad_leader", 2), ("rifleman", 3), ("medic", 1)],
    );

    let v1 = enrolled(&mut world, &n, &akm, "Әлиев", "2005-01-01", 10, vec![]).id;
    let v2 = enrolled(&mut world, &n, &akm, "Бекұлы", "2001-11-22", 10, vec![]).id;
    let v3 = enrolled(&mut world, &n, &akm, "Ғалымов", "1990-06-01", 10, vec![]).id;
    let v4 = enrolled(&mut world, &n, &akm, "Дәуренов", "1976-01-01", 10, vec![]).id;
    let v5 = enrolled(
        &mut world,
        &n,
        &akm,
        "Ерғалиев",
        "1970-01-01",
        10,
        vec![skill("medic", Some("2026-12-10"))],
    )
    .id;
    let v6 = enrolled(&mut world, &n, &akm, "Жақсылықов", "1995-01-01", 10, vec![]).id;
    for v in [&v1, &v2, &v3, &v4] {
        assign(&mut world, &n, v, &c1, "rifleman");
    }
    assign(&mut world, &n, &v5, &c1, "medic");
    assign(&mut world, &n, &v6, &c1, "squad_leader");

    let v7 = enrolled(&mut world, &n, &kar, "Зейнолла", "1999-01-01", 10, vec![]).id;
    let v8 = enrolled(&mut world, &n, &kar, "Иманов", "2001-11-23", 10, vec![]).id;
    let v9 = enrolled(
        &mut world,
        &n,
        &kar,
        "Қалиев",
        "1985-01-01",
        10,
        vec![skill("driver", None)],
    );
    let v10 = enrolled(
        &mut world,
        &n,
        &kar,
        "Ләззат",
        "1980-05-05",
        10,
        vec![skill("medic", Some("2027-06-01"))],
    );
    let mut c2_input = unit_input("Қарағанды ротасы", "company", KARAGANDA, Some(&kar), None);
    c2_input.agency_id = "national_guard".into();
    c2_input.direction = Direction::China;
    c2_input.commander_id = Some(v8.clone());
    let c2 = unit(&mut world, &n, c2_input);
    establish(&mut world, &n, &c2, &[("rifleman", 2), ("squad_leader", 1)]);
    assign(&mut world, &n, &v7, &c2, "rifleman");
    assign(&mut world, &n, &v8, &c2, "squad_leader");
    assign(&mut world, &n, &v9.id, &c2, "driver");
    assign(&mut world, &n, &v10.id, &c2, "medic");
    // After assignment: the driver loses the skill, the medic's certificate is found expired.
    set_skills(&mut world, &n, &v9, &kar, 10, vec![]);
    set_skills(
        &mut world,
        &n,
        &v10,
        &kar,
        10,
        vec![skill("medic", Some("2026-11-01"))],
    );

    let all = units::readiness(&world.store, &n, &ReadinessQuery::default()).unwrap();
    let t = &all.total;
    assert_eq!(all.as_of, "2026-11-22", "counted on the local date");
    assert_eq!(
        headline(t),
        (3, 10, 10, 7, 70.0),
        "national: 10 authorised, 10 assigned, 7 filled"
    );
    assert_eq!(
        (
            t.qualification_missing,
            t.qualification_expired,
            t.qualification_expiring
        ),
        (1, 1, 1),
        "one skill missing, one certificate expired, one expiring within 30 days"
    );
    assert_eq!(
        bands(t),
        vec![2, 3, 2, 2, 1],
        "age bands 18-24, 25-34, 35-44, 45-54, 55+"
    );
    assert_eq!(
        (t.vacant_command, t.units_without_commander),
        (4, 2),
        "two commander-less units, one vacant commander post, one vacant squad leader"
    );
    assert!(
        all.units.is_empty(),
        "the national view lists groups, not units"
    );

    let regions: Vec<(String, Headline)> = all
        .by_region
        .iter()
        .map(|g| (g.key.clone(), headline(&g.figures)))
        .collect();
    assert_eq!(
        regions,
        vec![
            (AKMOLA.to_owned(), (2, 7, 6, 5, 71.4)),
            (KARAGANDA.to_owned(), (1, 3, 4, 2, 66.7)),
        ],
        "by region: surplus riflemen and an unauthorised driver and medic fill nothing"
    );
    let agencies: Vec<(String, u32)> = all
        .by_agency
        .iter()
        .map(|g| (g.key.clone(), g.figures.filled))
        .collect();
    assert_eq!(
        agencies,
        vec![("defence".to_owned(), 5), ("national_guard".to_owned(), 2)],
        "by agency, in the catalogue's order"
    );
    let directions: Vec<(String, u32)> = all
        .by_direction
        .iter()
        .map(|g| (g.key.clone(), g.figures.units))
        .collect();
    assert_eq!(
        directions,
        vec![("russia".to_owned(), 2), ("china".to_owned(), 1)],
        "by direction"
    );

    let akmola = units::readiness(
        &world.store,
        &n,
        &ReadinessQuery {
            region_id: Some(AKMOLA.into()),
            ..ReadinessQuery::default()
        },
    )
    .unwrap();
    let company = akmola
        .units
        .iter()
        .find(|u| u.unit_id == c1.id)
        .expect("the company is listed");
    let f = &company.figures;
    assert_eq!(
        headline(f),
        (1, 6, 6, 5, 83.3),
        "the company: 5 of 6 posts filled"
    );
    let positions: Vec<(&str, u32, u32)> = f
        .positions
        .iter()
        .map(|p| (p.position.as_str(), p.authorised, p.assigned))
        .collect();
    assert_eq!(
        positions,
        vec![("squad_leader", 2, 1), ("rifleman", 3, 4), ("medic", 1, 1)],
        "per position, in catalogue order"
    );
    assert_eq!(bands(f), vec![1, 2, 1, 1, 1], "25 today counts as 25-34");
    assert_eq!(
        f.vacant_command, 2,
        "a squad leader post and the commander are vacant"
    );
    let brigade_row = akmola
        .units
        .iter()
        .find(|u| u.unit_id == brigade.id)
        .unwrap();
    assert_eq!(
        headline(&brigade_row.figures),
        (1, 1, 0, 0, 0.0),
        "the brigade's commander post is empty"
    );

    let operator =
        units::readiness(&world.store, &c.akmola_operator, &ReadinessQuery::default()).unwrap();
    assert_eq!(
        operator
            .units
            .iter()
            .map(|u| u.unit_id.as_str())
            .collect::<Vec<_>>(),
        vec![c1.id.as_str()],
        "a district operator sees the units of their district only"
    );
    let karaganda =
        units::readiness(&world.store, &c.karaganda_admin, &ReadinessQuery::default()).unwrap();
    assert_eq!(
        headline(&karaganda.total),
        (1, 3, 4, 2, 66.7),
        "a regional admin sees their region"
    );

    // The readiness table goes out through the audited export of the reports area.
    let mut csv = Vec::new();
    jasaq::reports::export_readiness(
        &mut world.store,
        &n,
        &jasaq::reports::ReadinessTableExport {
            query: ReadinessQuery::default(),
            format: jasaq::reports::ExportFormat::Csv,
            lang: jasaq::reports::Lang::Ru,
        },
        &mut csv,
    )
    .unwrap();
    assert!(
        csv.starts_with(&[0xEF, 0xBB, 0xBF]),
        "UTF-8 with a byte-order mark"
    );
    let text = String::from_utf8(csv[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "a header and one row per unit");
    assert!(
        lines[0].starts_with("Регион;Ведомство"),
        "headers in the chosen language"
    );
    assert!(
        text.contains("'=1+1 бригада"),
        "a name that looks like a formula is written as text"
    );
    assert!(text.contains("1-я рота"), "ordinary names are kept: {text}");
    assert!(text.contains(";83.3;"), "the company's fill is exported");
}
