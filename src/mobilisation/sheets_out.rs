//! Documents of an activation: the call-out sheet of a district or unit (PDF for paper, with
//! blank columns for the outcome written by hand; XLSX for teams on other machines, whose
//! header the merge reads back) and the after-action report (figures per unit, then every
//! row of the list with its answer), through the shared export writers. Both are reads of the
//! actor's scope only and are audited like every export.

use std::collections::HashMap;
use std::io::Write;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::figures::{figures, FigureGroup, FigureQuery};
use super::model::{Exclusion, Response};
use super::read::{call_list, find_activation, CallListQuery};
use crate::access::Actor;
use crate::clock::parse_stamp;
use crate::db::Store;
use crate::error::Result;
use crate::reports::{
    self, file_name, place_names, write_table, Cell, Column, ColumnKind, ExportFormat,
    ExportSummary, Lang, Table,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SheetFormat {
    Xlsx,
    Pdf,
}

impl SheetFormat {
    /// The export format this sheet is written in (and its file extension).
    pub fn export(self) -> ExportFormat {
        match self {
            SheetFormat::Xlsx => ExportFormat::Xlsx,
            SheetFormat::Pdf => ExportFormat::Pdf,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SheetQuery {
    pub activation_id: String,
    pub district_id: Option<String>,
    pub unit_id: Option<String>,
    pub format: SheetFormat,
    pub lang: Lang,
}

/// The after-action report of an activation, as the desktop app asks for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AfterActionExport {
    pub activation_id: String,
    pub format: SheetFormat,
    pub lang: Lang,
}

fn response_label(lang: Lang, r: Response) -> &'static str {
    match r {
        Response::Pending => "",
        Response::WillReport => lang.pick("келеді", "явится", "will report"),
        Response::Reported => lang.pick("келді", "явился", "reported"),
        Response::Excused => lang.pick("босатылды", "освобождён", "excused"),
        Response::NotReached => lang.pick("хабарласа алмады", "не оповещён", "not reached"),
        Response::Absent => lang.pick("келмеді", "не явился", "absent"),
    }
}

fn exclusion_label(lang: Lang, e: Exclusion) -> &'static str {
    match e {
        Exclusion::Ineligible => lang.pick("рұқсат етілмеген", "не допущен", "ineligible"),
        Exclusion::Discharged => lang.pick("шығарылған", "отчислен", "discharged"),
        Exclusion::Unavailable => lang.pick("қолжетімсіз", "недоступен", "unavailable"),
    }
}

fn position_names(store: &Store, lang: Lang) -> Result<HashMap<String, String>> {
    let column = lang.pick("name_kk", "name_ru", "name_en");
    let mut stmt = store
        .conn()
        .prepare(&format!("SELECT code, {column} FROM positions"))?;
    let found = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(found)
}

/// The call-out sheet of the rows the query and the actor's scope cover. The IIN, response,
/// time and reason columns carry the headers the merge reads, so a filled-in XLSX goes back.
pub fn callout_sheet<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    query: &SheetQuery,
    out: W,
) -> Result<ExportSummary> {
    let lang = query.lang;
    let activation = find_activation(store.conn(), actor, query.activation_id.trim())?;
    let rows = call_list(
        store,
        actor,
        &CallListQuery {
            activation_id: activation.id.clone(),
            unit_id: query.unit_id.clone(),
            district_id: query.district_id.clone(),
            ..CallListQuery::default()
        },
    )?;
    let places = place_names(store, lang)?;
    let positions = position_names(store, lang)?;
    let mut scope = vec![format!(
        "{} {}",
        lang.pick("Бұйрық №", "Приказ №", "Order No."),
        activation.order_number
    )];
    if let Some(d) = &query.district_id {
        scope.push(places.get(d).cloned().unwrap_or_else(|| d.clone()));
    }
    if let Some(u) = rows.first().filter(|_| query.unit_id.is_some()) {
        scope.push(u.unit_name.clone());
    }
    use ColumnKind::{Integer, Text};
    let table = Table {
        title: lang
            .pick("Шақыру парағы", "Лист оповещения", "Call-out sheet")
            .to_owned(),
        scope: scope.join("; "),
        generated_at: store.now(),
        lang,
        columns: vec![
            Column::new("№", Integer, 5.0),
            Column::new(lang.pick("ЖСН", "ИИН", "IIN"), Text, 14.0),
            Column::new(lang.pick("Аты-жөні", "ФИО", "Full name"), Text, 26.0),
            Column::new(lang.pick("Бөлім", "Подразделение", "Unit"), Text, 16.0),
            Column::new(lang.pick("Лауазым", "Должность", "Position"), Text, 12.0),
            Column::new(lang.pick("Телефон", "Телефон", "Phone"), Text, 14.0),
            Column::new(
                lang.pick("Нақты мекенжайы", "Фактический адрес", "Actual address"),
                Text,
                22.0,
            ),
            Column::new(lang.pick("Аудан", "Район", "District"), Text, 14.0),
            Column::new(
                lang.pick("Бөлек тізім", "Отдельно", "Listed apart"),
                Text,
                12.0,
            ),
            Column::new(lang.pick("Жауап", "Ответ", "Response"), Text, 12.0),
            Column::new(
                lang.pick("Келген уақыты", "Время явки", "Reported at"),
                Text,
                12.0,
            ),
            Column::new(lang.pick("Себебі", "Причина", "Reason"), Text, 14.0),
        ],
    };
    let format = query.format.export();
    let count = write_table(&table, format, out, |sink| {
        for (i, r) in rows.iter().enumerate() {
            let name = [
                Some(r.surname.as_str()),
                Some(r.given_name.as_str()),
                r.patronymic.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            sink.row(&[
                Cell::Integer(i as i64 + 1),
                Cell::Text(r.iin.clone()),
                Cell::Text(name),
                Cell::Text(r.unit_name.clone()),
                Cell::Text(
                    positions
                        .get(&r.position)
                        .cloned()
                        .unwrap_or_else(|| r.position.clone()),
                ),
                Cell::Text(r.phone.clone()),
                Cell::Text(r.actual_address.clone()),
                Cell::Text(places.get(&r.district_id).cloned().unwrap_or_default()),
                Cell::Text(
                    r.excluded
                        .map(|e| exclusion_label(lang, e))
                        .unwrap_or("")
                        .to_owned(),
                ),
                // Blank on purpose: the outcome is written by hand (or typed) and merged back.
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ])?;
        }
        Ok(rows.len() as u64)
    })?;
    reports::record_export(
        store,
        actor,
        "activation.callout_sheet",
        "activation",
        (
            activation.region_id.as_deref(),
            query.district_id.as_deref(),
        ),
        serde_json::json!({
            "activation_id": activation.id, "format": format, "rows": count,
            "district_id": query.district_id, "unit_id": query.unit_id, "lang": lang
        }),
    )?;
    Ok(ExportSummary {
        format,
        rows: u32::try_from(count).unwrap_or(u32::MAX),
        file_name: file_name(store, "call-out", format),
    })
}

/// The after-action report: one row per unit with its figures, then every row of the list
/// (in the actor's scope) with the answer it ended with.
pub fn after_action<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    activation_id: &str,
    format: SheetFormat,
    lang: Lang,
    out: W,
) -> Result<ExportSummary> {
    let activation = find_activation(store.conn(), actor, activation_id.trim())?;
    let figures = figures(
        store,
        actor,
        &FigureQuery {
            activation_id: activation.id.clone(),
            group: FigureGroup::Unit,
            region_id: None,
            threshold_percent: None,
        },
    )?;
    let rows = call_list(
        store,
        actor,
        &CallListQuery {
            activation_id: activation.id.clone(),
            ..CallListQuery::default()
        },
    )?;
    let places = place_names(store, lang)?;
    use ColumnKind::{DateTime, Integer, Text};
    let table = Table {
        title: lang
            .pick(
                "Іс-шара қорытындысы",
                "Итоги оповещения",
                "After-action report",
            )
            .to_owned(),
        scope: format!(
            "{} {}; {}",
            lang.pick("Бұйрық №", "Приказ №", "Order No."),
            activation.order_number,
            activation.legal_basis
        ),
        generated_at: store.now(),
        lang,
        columns: vec![
            Column::new(lang.pick("Бөлім", "Подразделение", "Unit"), Text, 20.0),
            Column::new(lang.pick("ЖСН", "ИИН", "IIN"), Text, 14.0),
            Column::new(lang.pick("Аты-жөні", "ФИО", "Full name"), Text, 24.0),
            Column::new(lang.pick("Аудан", "Район", "District"), Text, 14.0),
            Column::new(lang.pick("Шақырылды", "Оповещено", "Called"), Integer, 9.0),
            Column::new(
                lang.pick("Хабардар", "Дозвонились", "Reached"),
                Integer,
                9.0,
            ),
            Column::new(lang.pick("Келді", "Явились", "Reported"), Integer, 9.0),
            Column::new(
                lang.pick("Босатылды", "Освобождены", "Excused"),
                Integer,
                9.0,
            ),
            Column::new(lang.pick("Келмеді", "Не явились", "Absent"), Integer, 9.0),
            Column::new(
                lang.pick("Штат бойынша", "По штату", "Authorised"),
                Integer,
                9.0,
            ),
            Column::new(lang.pick("Жауап", "Ответ", "Response"), Text, 12.0),
            Column::new(
                lang.pick("Келген уақыты", "Время явки", "Reported at"),
                DateTime,
                14.0,
            ),
            Column::new(lang.pick("Себебі", "Причина", "Reason"), Text, 14.0),
        ],
    };
    let format = format.export();
    let count = write_table(&table, format, out, |sink| {
        let n = |v: u32| Cell::Integer(i64::from(v));
        let mut written = 0u64;
        for u in &figures.groups {
            sink.row(&[
                Cell::Text(u.name.clone()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                n(u.called),
                n(u.reached),
                n(u.reported),
                n(u.excused),
                n(u.absent),
                n(u.authorised),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
            ])?;
            written += 1;
        }
        for r in &rows {
            let answer = match r.excluded {
                Some(e) => exclusion_label(lang, e),
                None => response_label(lang, r.response),
            };
            sink.row(&[
                Cell::Text(r.unit_name.clone()),
                Cell::Text(r.iin.clone()),
                Cell::Text(format!("{} {}", r.surname, r.given_name)),
                Cell::Text(places.get(&r.district_id).cloned().unwrap_or_default()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Text(answer.to_owned()),
                r.reported_at
                    .as_deref()
                    .and_then(parse_stamp)
                    .map(Cell::DateTime)
                    .unwrap_or(Cell::Empty),
                Cell::Text(r.reason.clone().unwrap_or_default()),
            ])?;
            written += 1;
        }
        Ok(written)
    })?;
    reports::record_export(
        store,
        actor,
        "activation.after_action_export",
        "activation",
        (activation.region_id.as_deref(), None),
        serde_json::json!({"activation_id": activation.id, "format": format, "rows": count, "lang": lang}),
    )?;
    Ok(ExportSummary {
        format,
        rows: u32::try_from(count).unwrap_or(u32::MAX),
        file_name: file_name(store, "after-action", format),
    })
}
