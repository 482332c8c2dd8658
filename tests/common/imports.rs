//! Spreadsheet files for the import tests (`imports.rs`, `imports_bulk.rs`): a CSV header the
//! matcher maps, one line per volunteer, and the file written into the world's directory.

use std::path::PathBuf;

use jasaq::identity::Sex;
use jasaq::volunteers::import::{ImportMode, ImportOptions};

use super::{iin, World};

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
