//! Spreadsheet files for the import tests (`imports.rs`, `imports_files.rs`, `imports_bulk.rs`):
//! a CSV header the matcher maps, one line per volunteer, the file written into the world's
//! directory, and an import of it run to the end.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use jasaq::access::Actor;
use jasaq::identity::Sex;
use jasaq::volunteers::import::{self, ImportMode, ImportOptions, ImportReport};

use super::{iin, World, AKMOLA, KARAGANDA};

pub const HEADER: &str = "ИИН;Фамилия;Имя;Дата рождения;Пол;Гражданство;Адрес;Телефон";

/// One CSV line of a volunteer born on `birth`.
pub fn line(iin: &str, surname: &str, birth: &str, citizenship: &str) -> String {
    let (y, m, d) = (&birth[0..4], &birth[5..7], &birth[8..10]);
    format!("{iin};{surname};Ерлан;{d}.{m}.{y};м;{citizenship};Көкшетау, Абай 1;8 701 234 56 78")
}

pub fn male(birth: &str, serial: u16) -> String {
    iin(birth, Sex::Male, serial)
}

/// The IIN with its last digit changed, so that its check digit is wrong.
pub fn wrong_check_digit(iin: &str) -> String {
    let mut bad = iin.to_owned();
    let last = bad
        .pop()
        .and_then(|c| c.to_digit(10))
        .expect("an IIN ends in a digit");
    bad.push(char::from_digit((last + 1) % 10, 10).expect("a digit"));
    bad
}

pub fn write(world: &World, name: &str, lines: &[String]) -> PathBuf {
    let path = world.dir.path().join(name);
    std::fs::write(&path, lines.join("\r\n")).expect("file written");
    path
}

pub fn valid_only() -> ImportOptions {
    ImportOptions {
        mode: ImportMode::ValidOnly,
        ..ImportOptions::default()
    }
}

/// `bulk_bytes` from which a file takes the bulk path: every file, or none.
pub const ALWAYS_BULK: u64 = 0;
pub const NEVER_BULK: u64 = u64::MAX;

/// The places `cast` adds, by region id and district name.
pub const PLACES: [(&str, &str); 3] = [
    (AKMOLA, "Бурабай район"),
    (AKMOLA, "Зеренді район"),
    (KARAGANDA, "Бұқар жырау район"),
];
pub const SKILLS: [&str; 5] = ["", "medic", "driver (B C)", "medic, cook", "communications"];
pub const HEALTH: [&str; 4] = ["", "А", "Б", "Д"];
/// Seven, so that every surname occurs in every district.
pub const SURNAMES: [&str; 7] = [
    "Сейітов",
    "Петров",
    "Әлиханов",
    "Қасымов",
    "Ахметов",
    "Ёлкин",
    "Нұрланов",
];

/// [`HEADER`] and a volunteer's region, district, skills and health category.
pub fn header() -> String {
    format!("{HEADER};Регион;Район;Навыки;Годность")
}

/// A line of [`header`]: the volunteer of [`line`], placed and described after `n`.
pub fn placed(iin: &str, surname: &str, birth: &str, citizenship: &str, n: usize) -> String {
    let (region, district) = PLACES[n % PLACES.len()];
    format!(
        "{};{region};{district};{};{}",
        line(iin, surname, birth, citizenship),
        SKILLS[n % SKILLS.len()],
        HEALTH[n % HEALTH.len()]
    )
}

/// The n-th generated volunteer. Birth dates repeat only every 924 people (so no two of a
/// smaller file are likely duplicates) and run from 1962 to 2005, so some are older than the
/// rules' 60 years and registered as ineligible; a repeated date takes another IIN serial.
pub fn person(n: usize) -> String {
    let birth = format!("{}-{:02}-{:02}", 1962 + n % 44, 1 + n % 12, 1 + n % 28);
    let serial = 10 + 3 * (n / 924) as u16;
    placed(
        &male(&birth, serial),
        SURNAMES[n % SURNAMES.len()],
        &birth,
        "KZ",
        n,
    )
}

pub fn people(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(person).collect()
}

pub fn run_from(
    world: &mut World,
    actor: &Actor,
    path: &Path,
    options: &ImportOptions,
    bulk_bytes: u64,
) -> jasaq::Result<ImportReport> {
    import::import_bulk_from(
        &mut world.store,
        actor,
        path,
        options,
        &AtomicBool::new(false),
        &mut |_| {},
        bulk_bytes,
    )
}

/// An import of `path` as the app runs it (the bulk path only past its size threshold), never
/// cancelled, its progress ignored.
pub fn run(
    world: &mut World,
    actor: &Actor,
    path: &Path,
    options: ImportOptions,
) -> jasaq::Result<ImportReport> {
    import::import(
        &mut world.store,
        actor,
        path,
        &options,
        &AtomicBool::new(false),
        &mut |_| {},
    )
}

/// Five rows: three good ones, a stateless person and an IIN with a wrong check digit.
pub fn mixed_file(world: &World) -> PathBuf {
    let bad_iin = wrong_check_digit(&male("1991-03-04", 20));
    write(
        world,
        "mixed.csv",
        &[
            HEADER.to_owned(),
            line(
                &male("1990-05-17", 10),
                "Сейітов",
                "1990-05-17",
                "Қазақстан",
            ),
            line(&male("1985-01-02", 10), "Петров", "1985-01-02", "KZ"),
            line(
                &male("1988-07-08", 10),
                "Stateless",
                "1988-07-08",
                "без гражданства",
            ),
            String::new(),
            line(&bad_iin, "Қасымов", "1991-03-04", "KZ"),
            line(&male("1993-09-10", 10), "Әлиханов", "1993-09-10", "KZ"),
        ],
    )
}
