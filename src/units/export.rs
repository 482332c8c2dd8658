//! The readiness table as CSV: one row per unit of the query, in the reader's language,
//! through the shared export writer ([`crate::reports`]): UTF-8 with a byte-order mark,
//! semicolon-separated, a cell that a spreadsheet would run as a formula shown as text. The
//! same table can go out as XLSX or PDF when the reports issue asks for them.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::readiness::{unit_readiness_all, ReadinessQuery, AGE_BANDS};
use super::{Direction, UnitStatus};
use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::reports::{self, Cell, Column, ColumnKind, ExportFormat, Lang, Table};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadinessExport {
    pub query: ReadinessQuery,
    /// `kk`, `ru` or `en` (anything else: `en`).
    pub lang: String,
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
    .map(|(kk, ru, en)| lang.pick(kk, ru, en).to_owned())
    .collect();
    out.extend(AGE_BANDS.iter().map(|b| {
        let years = lang.pick("жас", "лет", "years");
        format!("{b} {years}")
    }));
    out
}

fn direction_text(lang: Lang, d: Direction) -> &'static str {
    match d {
        Direction::Russia => lang.pick("Ресей", "Россия", "Russia"),
        Direction::Uzbekistan => lang.pick("Өзбекстан", "Узбекистан", "Uzbekistan"),
        Direction::China => lang.pick("Қытай", "Китай", "China"),
        Direction::Kyrgyzstan => lang.pick("Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
        Direction::Turkmenistan => lang.pick("Түрікменстан", "Туркменистан", "Turkmenistan"),
        Direction::Interior => lang.pick("Ішкі аумақ", "Внутренние районы", "Interior"),
    }
}

fn status_text(lang: Lang, s: UnitStatus) -> &'static str {
    match s {
        UnitStatus::Cadre => lang.pick("Кадрлық", "Кадрированное", "Cadre"),
        UnitStatus::Forming => lang.pick("Жасақталуда", "Формируется", "Forming"),
        UnitStatus::Ready => lang.pick("Әзір", "Готово", "Ready"),
        UnitStatus::Deployed => lang.pick("Өрістетілген", "Развёрнуто", "Deployed"),
        UnitStatus::Disbanded => lang.pick("Таратылған", "Расформировано", "Disbanded"),
    }
}

/// Names of reference rows in the chosen language, by id.
fn names(store: &Store, table: &str, key: &str, lang: Lang) -> Result<HashMap<String, String>> {
    let column = lang.pick("name_kk", "name_ru", "name_en");
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
    let lang = Lang::parse(&input.lang).unwrap_or(Lang::En);
    let units = unit_readiness_all(store, actor, &input.query)?;
    let regions = names(store, "regions", "id", lang)?;
    let agencies = names(store, "agencies", "id", lang)?;
    let kinds = names(store, "unit_kinds", "code", lang)?;
    let table = Table {
        title: lang.pick("Әзірлік", "Готовность", "Readiness").to_owned(),
        scope: String::new(),
        generated_at: store.now(),
        lang,
        columns: headers(lang)
            .into_iter()
            .enumerate()
            .map(|(i, title)| {
                let kind = if (6..8).contains(&i) || i >= 9 {
                    ColumnKind::Integer
                } else {
                    ColumnKind::Text
                };
                Column::new(&title, kind, 14.0)
            })
            .collect(),
    };
    let lookup = |map: &HashMap<String, String>, key: &str| {
        Cell::Text(map.get(key).cloned().unwrap_or_else(|| key.to_owned()))
    };
    let mut out = Vec::new();
    reports::write_table(&table, ExportFormat::Csv, &mut out, |sink| {
        for unit in &units {
            let f = &unit.figures;
            let mut row = vec![
                lookup(&regions, &unit.region_id),
                lookup(&agencies, &unit.agency_id),
                Cell::Text(direction_text(lang, unit.direction).to_owned()),
                Cell::Text(unit.name.clone()),
                lookup(&kinds, &unit.kind),
                Cell::Text(status_text(lang, unit.status).to_owned()),
                Cell::Integer(f.authorised.into()),
                Cell::Integer(f.assigned.into()),
                Cell::Text(format!("{:.1}", f.fill_percent)),
                Cell::Integer(f.qualification_missing.into()),
                Cell::Integer(f.qualification_expired.into()),
                Cell::Integer(f.qualification_expiring.into()),
                Cell::Integer(f.vacant_command.into()),
            ];
            row.extend(f.age_bands.iter().map(|b| Cell::Integer(b.count.into())));
            sink.row(&row)?;
        }
        Ok(units.len() as u64)
    })?;
    Ok(out)
}
