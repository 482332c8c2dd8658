//! The readiness table as an export: one row per unit the query and the actor's scope cover
//! (the rows of the readiness page's unit table, disbanded units left out), with the fill,
//! qualification, command-vacancy and age-band figures. Units number in the thousands at
//! most, so the core's per-unit figures are read whole, as the readiness page reads them.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::Lang;
use super::table::{Cell, Column, ColumnKind, Table};
use super::volunteers::place_names;
use super::{file_name, record_export, write_table, ExportFormat, ExportSummary};
use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::units::{self, Direction, ReadinessQuery, UnitStatus};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadinessTableExport {
    pub query: ReadinessQuery,
    pub format: ExportFormat,
    pub lang: Lang,
}

fn direction(lang: Lang, d: Direction) -> &'static str {
    match d {
        Direction::Russia => lang.pick("Ресей", "Россия", "Russia"),
        Direction::Uzbekistan => lang.pick("Өзбекстан", "Узбекистан", "Uzbekistan"),
        Direction::China => lang.pick("Қытай", "Китай", "China"),
        Direction::Kyrgyzstan => lang.pick("Қырғызстан", "Кыргызстан", "Kyrgyzstan"),
        Direction::Turkmenistan => lang.pick("Түрікменстан", "Туркменистан", "Turkmenistan"),
        Direction::Interior => lang.pick("Ішкі аумақ", "Внутренние районы", "Interior"),
    }
}

fn status(lang: Lang, s: UnitStatus) -> &'static str {
    match s {
        UnitStatus::Cadre => lang.pick("Кадрлық", "Кадрированное", "Cadre"),
        UnitStatus::Forming => lang.pick("Жасақталуда", "Формируется", "Forming"),
        UnitStatus::Ready => lang.pick("Әзір", "Готово", "Ready"),
        UnitStatus::Deployed => lang.pick("Өрістетілген", "Развёрнуто", "Deployed"),
        UnitStatus::Disbanded => lang.pick("Таратылған", "Расформировано", "Disbanded"),
    }
}

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

fn columns(lang: Lang) -> Vec<Column> {
    use ColumnKind::{Integer, Text};
    let mut columns = vec![
        Column::new(lang.pick("Өңір", "Регион", "Region"), Text, 18.0),
        Column::new(lang.pick("Ведомство", "Ведомство", "Agency"), Text, 18.0),
        Column::new(lang.pick("Бағыт", "Направление", "Direction"), Text, 12.0),
        Column::new(lang.pick("Бөлім", "Подразделение", "Unit"), Text, 22.0),
        Column::new(lang.pick("Түрі", "Тип", "Kind"), Text, 10.0),
        Column::new(lang.pick("Мәртебесі", "Статус", "Status"), Text, 12.0),
        Column::new(
            lang.pick("Штат бойынша", "По штату", "Authorised"),
            Integer,
            9.0,
        ),
        Column::new(
            lang.pick("Тағайындалған", "Назначено", "Assigned"),
            Integer,
            9.0,
        ),
        Column::new(
            lang.pick("Толықтығы, %", "Укомплектованность, %", "Fill, %"),
            Text,
            9.0,
        ),
        Column::new(
            lang.pick(
                "Біліктілігі жоқ",
                "Нет квалификации",
                "Qualification missing",
            ),
            Integer,
            9.0,
        ),
        Column::new(
            lang.pick(
                "Куәлігі өткен",
                "Удостоверение просрочено",
                "Certificate expired",
            ),
            Integer,
            9.0,
        ),
        Column::new(
            lang.pick(
                "Куәлігі 30 күнде өтеді",
                "Удостоверение истекает за 30 дней",
                "Certificate expiring in 30 days",
            ),
            Integer,
            9.0,
        ),
        Column::new(
            lang.pick(
                "Бос командалық орындар",
                "Вакантные командные должности",
                "Vacant command posts",
            ),
            Integer,
            9.0,
        ),
    ];
    let years = lang.pick("жас", "лет", "years");
    columns.extend(
        units::AGE_BANDS
            .iter()
            .map(|b| Column::new(&format!("{b} {years}"), Integer, 7.0)),
    );
    columns
}

/// Writes the readiness table of the units the query and the actor's scope cover, and
/// records the export.
pub fn export_readiness<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    input: &ReadinessTableExport,
    out: W,
) -> Result<ExportSummary> {
    actor.ready()?;
    let lang = input.lang;
    let units = units::unit_readiness_all(store, actor, &input.query)?;
    let places = place_names(store, lang)?;
    let agencies = names(store, "agencies", "id", lang)?;
    let kinds = names(store, "unit_kinds", "code", lang)?;
    let lookup = |map: &HashMap<String, String>, key: &str| {
        Cell::Text(map.get(key).cloned().unwrap_or_else(|| key.to_owned()))
    };
    let scope_of_actor = actor.scope();
    let region = input.query.region_id.as_deref().or(scope_of_actor.region());
    let mut scope = vec![match region {
        Some(r) => places.get(r).cloned().unwrap_or_else(|| r.to_owned()),
        None => super::labels::whole_country(lang).to_owned(),
    }];
    if let Some(a) = &input.query.agency_id {
        scope.push(agencies.get(a).cloned().unwrap_or_else(|| a.clone()));
    }
    if let Some(d) = input.query.direction {
        scope.push(direction(lang, d).to_owned());
    }
    let table = Table {
        title: lang.pick("Әзірлік", "Готовность", "Readiness").to_owned(),
        scope: scope.join("; "),
        generated_at: store.now(),
        lang,
        columns: columns(lang),
    };
    let count = |n: u32| Cell::Integer(i64::from(n));
    let rows = write_table(&table, input.format, out, |sink| {
        for unit in &units {
            let f = &unit.figures;
            let mut row = vec![
                lookup(&places, &unit.region_id),
                lookup(&agencies, &unit.agency_id),
                Cell::Text(direction(lang, unit.direction).to_owned()),
                Cell::Text(unit.name.clone()),
                lookup(&kinds, &unit.kind),
                Cell::Text(status(lang, unit.status).to_owned()),
                count(f.authorised),
                count(f.assigned),
                Cell::Text(format!("{:.1}", f.fill_percent)),
                count(f.qualification_missing),
                count(f.qualification_expired),
                count(f.qualification_expiring),
                count(f.vacant_command),
            ];
            row.extend(f.age_bands.iter().map(|b| count(b.count)));
            sink.row(&row)?;
        }
        Ok(units.len() as u64)
    })?;
    record_export(
        store,
        actor,
        "unit.readiness_export",
        "unit",
        (region, None),
        serde_json::json!({
            "format": input.format,
            "rows": rows,
            "filters": input.query,
            "lang": lang,
        }),
    )?;
    Ok(ExportSummary {
        format: input.format,
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
        file_name: file_name(store, "readiness", input.format),
    })
}
