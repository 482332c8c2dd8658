//! A unit's member list as an export: the members the unit page shows (active assignments,
//! by position then name), for a unit in the actor's scope, with position names and the
//! qualification state in the user's language. A unit holds at most the establishment's
//! 10,000 positions, so the list is read whole, as the unit page reads it.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::Lang;
use super::table::{Cell, Column, ColumnKind, Table};
use super::volunteers::place_names;
use super::{file_name, record_export, write_table, ExportFormat, ExportSummary};
use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;
use crate::units::{self, Qualification};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnitMembersExport {
    pub unit_id: String,
    pub format: ExportFormat,
    pub lang: Lang,
}

fn qualification(lang: Lang, q: Qualification) -> &'static str {
    match q {
        Qualification::Ok => lang.pick("бар", "есть", "ok"),
        Qualification::Missing => lang.pick("жоқ", "нет", "missing"),
        Qualification::Expired => lang.pick("мерзімі өткен", "просрочена", "expired"),
        Qualification::Expiring => lang.pick("мерзімі бітуде", "истекает", "expiring"),
    }
}

fn position_names(store: &Store, lang: Lang) -> Result<HashMap<String, String>> {
    let column = match lang {
        Lang::Kk => "name_kk",
        Lang::Ru => "name_ru",
        Lang::En => "name_en",
    };
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT code, {column} FROM positions"))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn date(text: String) -> Cell {
    NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .map(Cell::Date)
        .unwrap_or(Cell::Text(text))
}

/// Writes the active members of a unit in the actor's scope and records the export.
pub fn export_unit_members<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    input: &UnitMembersExport,
    out: W,
) -> Result<ExportSummary> {
    let detail = units::get_unit(store, actor, &input.unit_id)?;
    let lang = input.lang;
    let places = place_names(store, lang)?;
    let positions = position_names(store, lang)?;
    let unit = &detail.unit;
    let place = |id: &str| places.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let scope = match &unit.district_id {
        Some(d) => format!("{} · {} · {}", unit.name, place(&unit.region_id), place(d)),
        None => format!("{} · {}", unit.name, place(&unit.region_id)),
    };
    use ColumnKind::{Date, Integer, Text};
    let table = Table {
        title: lang
            .pick(
                "Бөлім құрамы",
                "Личный состав подразделения",
                "Unit members",
            )
            .to_owned(),
        scope,
        generated_at: store.now(),
        lang,
        columns: vec![
            Column::new(lang.pick("Лауазым", "Должность", "Position"), Text, 20.0),
            Column::new(lang.pick("ЖСН", "ИИН", "IIN"), Text, 14.0),
            Column::new(lang.pick("Тегі", "Фамилия", "Surname"), Text, 18.0),
            Column::new(lang.pick("Аты", "Имя", "Given name"), Text, 16.0),
            Column::new(
                lang.pick("Әкесінің аты", "Отчество", "Patronymic"),
                Text,
                18.0,
            ),
            Column::new(
                lang.pick("Туған күні", "Дата рождения", "Date of birth"),
                Date,
                12.0,
            ),
            Column::new(lang.pick("Жасы", "Возраст", "Age"), Integer, 7.0),
            Column::new(
                lang.pick("Тағайындалған күні", "Дата назначения", "Since"),
                Date,
                12.0,
            ),
            Column::new(
                lang.pick("Біліктілігі", "Квалификация", "Qualification"),
                Text,
                14.0,
            ),
        ],
    };
    let members = detail.members;
    let rows = write_table(&table, input.format, out, |sink| {
        let mut rows = 0;
        for m in members {
            sink.row(&[
                Cell::Text(positions.get(&m.position).cloned().unwrap_or(m.position)),
                Cell::Text(m.iin),
                Cell::Text(m.surname),
                Cell::Text(m.given_name),
                m.patronymic.map(Cell::Text).unwrap_or(Cell::Empty),
                date(m.birth_date),
                Cell::Integer(i64::from(m.age)),
                date(m.start_date),
                Cell::Text(qualification(lang, m.qualification).to_owned()),
            ])?;
            rows += 1;
        }
        Ok(rows)
    })?;
    record_export(
        store,
        actor,
        "unit.members_export",
        "unit",
        (Some(&unit.region_id), unit.district_id.as_deref()),
        serde_json::json!({
            "format": input.format,
            "rows": rows,
            "unit_id": unit.id,
            "lang": lang,
        }),
    )?;
    Ok(ExportSummary {
        format: input.format,
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
        file_name: file_name(store, "unit-members", input.format),
    })
}
