//! The readiness table as CSV: one row per unit of the query, in the reader's language, UTF-8
//! with a byte-order mark (so spreadsheet programs read Cyrillic and Kazakh letters right).
//! Any cell starting with `=`, `+`, `-` or `@` is prefixed with `'` so a spreadsheet never
//! runs a unit name typed as a formula.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::readiness::{unit_readiness_all, ReadinessQuery, AGE_BANDS};
use super::{Direction, UnitStatus};
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadinessExport {
    pub query: ReadinessQuery,
    /// `kk`, `ru` or `en` (anything else: `en`).
    pub lang: String,
}

#[derive(Clone, Copy)]
enum Lang {
    Kk,
    Ru,
    En,
}

fn pick(lang: Lang, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn headers(lang: Lang) -> Vec<String> {
    let mut out: Vec<String> = [
        ("Өңір", "Регион", "Region"),
        ("Ведомство", "Ведомство", "Agency"),
        ("Бағыт", "Направление", "Direction"),
        ("Бөлім", "Подразделение", "Unit"),
        ("Түрі", "Тип", "Kind"),
        ("Мәртебесі", "Статус", "Status"),
        ("Штат бойынша", "По штату", "Authorised"),
        ("Тағайындалған", "Назначено", "Assigned"),
        ("Толықтығы, %", "Укомплектованность, %", "Fill, %"),
        (
            "Біліктілігі жоқ",
            "Нет квалификации",
            "Qualification missing",
        ),
        (
            "Куәлігі өткен",
            "Удостоверение просрочено",
            "Certificate expired",
        ),
        (
            "Куәлігі 30 күнде өтеді",
            "Удостоверение истекает за 30 дней",
            "Certificate expiring in 30 days",
        ),
        (
            "Бос командалық орындар",
            "Вакантные командные должности",
            "Vacant command posts",
        ),
    ]
    .iter()
    .map(|(kk, ru, en)| pick(lang, kk, ru, en).to_owned())
    .collect();
    out.extend(AGE_BANDS.iter().map(|b| {
        let years = pick(lang, "жас", "лет", "years");
        format!("{b} {years}")
    }));
    out
}

fn direction_text(lang: Lang, d: Direction) -> &'static str {
    match d {
        Direction::Russia => pick(lang, "Ресей", "Россия", "Russia"),
        Direction::Uzbekistan => pick(lang, "Өзбекстан", "Узбекистан", "Uzbekistan"),
        Direction::China => pick(lang, "Қытай", "Китай", "China"),
        Direction::Kyrgyzstan => pick(lang, "Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
        Direction::Turkmenistan => pick(lang, "Түрікменстан", "Туркменистан", "Turkmenistan"),
        Direction::Interior => pick(lang, "Ішкі аумақ", "Внутренние районы", "Interior"),
    }
}

fn status_text(lang: Lang, s: UnitStatus) -> &'static str {
    match s {
        UnitStatus::Cadre => pick(lang, "Кадрлық", "Кадрированное", "Cadre"),
        UnitStatus::Forming => pick(lang, "Жасақталуда", "Формируется", "Forming"),
        UnitStatus::Ready => pick(lang, "Әзір", "Готово", "Ready"),
        UnitStatus::Deployed => pick(lang, "Өрістетілген", "Развёрнуто", "Deployed"),
        UnitStatus::Disbanded => pick(lang, "Таратылған", "Расформировано", "Disbanded"),
    }
}

/// A cell a spreadsheet will show as text, never evaluate.
pub(crate) fn neutralise(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

/// Names of reference rows in the chosen language, by id.
fn names(store: &Store, table: &str, key: &str, lang: Lang) -> Result<HashMap<String, String>> {
    let column = pick(lang, "name_kk", "name_ru", "name_en");
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT {key}, {column} FROM {table}"))?;
    let found = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// The readiness table of the units the query and the actor's scope cover, as CSV bytes.
pub fn readiness_csv(store: &Store, actor: &Actor, input: &ReadinessExport) -> Result<Vec<u8>> {
    let lang = match input.lang.as_str() {
        "kk" => Lang::Kk,
        "ru" => Lang::Ru,
        _ => Lang::En,
    };
    let units = unit_readiness_all(store, actor, &input.query)?;
    let regions = names(store, "regions", "id", lang)?;
    let agencies = names(store, "agencies", "id", lang)?;
    let kinds = names(store, "unit_kinds", "code", lang)?;
    let mut out = Vec::from("\u{feff}".as_bytes());
    {
        let mut writer = csv::Writer::from_writer(&mut out);
        let fail = |e: csv::Error| Error::internal(format!("csv: {e}"));
        writer.write_record(headers(lang)).map_err(fail)?;
        for unit in &units {
            let f = &unit.figures;
            let lookup = |map: &HashMap<String, String>, key: &str| {
                map.get(key).cloned().unwrap_or_else(|| key.to_owned())
            };
            let mut row = vec![
                lookup(&regions, &unit.region_id),
                lookup(&agencies, &unit.agency_id),
                direction_text(lang, unit.direction).to_owned(),
                unit.name.clone(),
                lookup(&kinds, &unit.kind),
                status_text(lang, unit.status).to_owned(),
                f.authorised.to_string(),
                f.assigned.to_string(),
                format!("{:.1}", f.fill_percent),
                f.qualification_missing.to_string(),
                f.qualification_expired.to_string(),
                f.qualification_expiring.to_string(),
                f.vacant_command.to_string(),
            ];
            row.extend(f.age_bands.iter().map(|b| b.count.to_string()));
            let row: Vec<String> = row.iter().map(|c| neutralise(c)).collect();
            writer.write_record(&row).map_err(fail)?;
        }
        writer
            .flush()
            .map_err(|e| Error::internal(format!("csv: {e}")))?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::neutralise;

    #[test]
    fn formula_cells_are_shown_as_text() {
        for cell in ["=1+1", "+7", "-2", "@SUM(A1)"] {
            assert!(
                neutralise(cell).starts_with('\''),
                "{cell} would run as a formula in a spreadsheet"
            );
        }
        assert_eq!(
            neutralise("1-я рота"),
            "1-я рота",
            "ordinary names are kept"
        );
    }
}
