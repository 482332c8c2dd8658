//! The volunteer list as an export: exactly the rows the list shows for the same filters
//! (the search's own scoped SQL, walked to the end instead of one page), with place names
//! and statuses in the user's language.

use std::collections::HashMap;
use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::{self, Lang};
use super::table::{Cell, Column, ColumnKind, Table};
use super::{file_name, record_export, write_table, ExportFormat, ExportSummary};
use crate::access::{Actor, Scope};
use crate::clock::parse_stamp;
use crate::db::Store;
use crate::error::Result;
use crate::volunteers::{self, VolunteerQuery};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerExport {
    /// The list's filters; its cursor and page size are ignored (every match goes out).
    pub query: VolunteerQuery,
    pub format: ExportFormat,
    pub lang: Lang,
}

/// Region and district names by id, in one language (reference data, a few hundred rows).
pub(crate) fn place_names(store: &Store, lang: Lang) -> Result<HashMap<String, String>> {
    let column = match lang {
        Lang::Kk => "name_kk",
        Lang::Ru => "name_ru",
        Lang::En => "coalesce(name_en, name_ru)",
    };
    let mut names = HashMap::new();
    for table in ["regions", "districts"] {
        let mut stmt = store
            .conn()
            .prepare(&format!("SELECT id, {column} FROM {table}"))?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        for row in rows {
            let (id, name): (String, String) = row?;
            names.insert(id, name);
        }
    }
    Ok(names)
}

/// "Akmola region · Burabay district; status: Enrolled; search: «әлихан»".
fn describe(
    actor: &Actor,
    query: &VolunteerQuery,
    lang: Lang,
    names: &HashMap<String, String>,
) -> String {
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_owned());
    let nonempty = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let region = nonempty(&query.region_id).or_else(|| actor.scope().region().map(str::to_owned));
    let district = nonempty(&query.district_id).or(match actor.scope() {
        Scope::District { district_id, .. } => Some(district_id),
        _ => None,
    });
    let mut parts = vec![match (region, district) {
        (Some(r), Some(d)) => format!("{} · {}", name(&r), name(&d)),
        (None, Some(d)) => name(&d),
        (Some(r), None) => name(&r),
        (None, None) => labels::whole_country(lang).to_owned(),
    }];
    let mut filter = |label: &str, value: String| parts.push(format!("{label}: {value}"));
    if let Some(q) = nonempty(&query.q) {
        filter(lang.pick("іздеу", "поиск", "search"), format!("«{q}»"));
    }
    if let Some(status) = query.status {
        filter(
            lang.pick("мәртебесі", "статус", "status"),
            labels::status(lang, status).to_owned(),
        );
    }
    if let Some(eligible) = query.eligible {
        filter(
            lang.pick(
                "талаптарға сай",
                "соответствует требованиям",
                "meets the rules",
            ),
            labels::yes_no(lang, eligible).to_owned(),
        );
    }
    if let Some(skill) = nonempty(&query.skill) {
        filter(lang.pick("дағды", "навык", "skill"), skill);
    }
    if let Some(min) = query.age_min {
        filter(
            lang.pick("жасы (бастап)", "возраст от", "age from"),
            min.to_string(),
        );
    }
    if let Some(max) = query.age_max {
        filter(
            lang.pick("жасы (дейін)", "возраст до", "age to"),
            max.to_string(),
        );
    }
    for (label, value) in [
        (
            lang.pick("тіркелген (бастап)", "зарегистрирован с", "registered from"),
            &query.registered_from,
        ),
        (
            lang.pick("тіркелген (дейін)", "зарегистрирован по", "registered to"),
            &query.registered_to,
        ),
    ] {
        if let Some(day) = nonempty(value) {
            let shown = NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                .map(super::table::dmy)
                .unwrap_or(day);
            filter(label, shown);
        }
    }
    parts.join("; ")
}

fn columns(lang: Lang) -> Vec<Column> {
    use ColumnKind::{Date, DateTime, Text};
    vec![
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
        Column::new(lang.pick("Жынысы", "Пол", "Sex"), Text, 9.0),
        Column::new(lang.pick("Өңір", "Регион", "Region"), Text, 18.0),
        Column::new(lang.pick("Аудан", "Район", "District"), Text, 18.0),
        Column::new(lang.pick("Мәртебесі", "Статус", "Status"), Text, 14.0),
        Column::new(
            lang.pick(
                "Талаптарға сай",
                "Соответствует требованиям",
                "Meets the rules",
            ),
            Text,
            14.0,
        ),
        Column::new(
            lang.pick("Тіркелген", "Зарегистрирован", "Registered"),
            DateTime,
            16.0,
        ),
    ]
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Writes every volunteer the list's filters match, within the actor's scope, to `out`, and
/// records the export in the audit log. Nothing is recorded if the export fails.
pub fn export_volunteers<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    input: &VolunteerExport,
    out: W,
) -> Result<ExportSummary> {
    actor.ready()?;
    let lang = input.lang;
    let names = place_names(store, lang)?;
    let table = Table {
        title: lang
            .pick("Еріктілер", "Добровольцы", "Volunteers")
            .to_owned(),
        scope: describe(actor, &input.query, lang, &names),
        generated_at: store.now(),
        lang,
        columns: columns(lang),
    };
    let name = |id: &str| Cell::Text(names.get(id).cloned().unwrap_or_else(|| id.to_owned()));
    let rows = write_table(&table, input.format, out, |sink| {
        volunteers::each_match(store, actor, &input.query, |v| {
            let birth = NaiveDate::parse_from_str(&v.birth_date, "%Y-%m-%d")
                .map(Cell::Date)
                .unwrap_or(Cell::Text(v.birth_date));
            let registered = parse_stamp(&v.created_at)
                .map(Cell::DateTime)
                .unwrap_or(Cell::Text(v.created_at));
            sink.row(&[
                Cell::Text(v.iin),
                Cell::Text(v.surname),
                Cell::Text(v.given_name),
                v.patronymic.map(Cell::Text).unwrap_or(Cell::Empty),
                birth,
                Cell::Text(labels::sex(lang, v.sex).to_owned()),
                name(&v.region_id),
                name(&v.district_id),
                Cell::Text(labels::status(lang, v.status).to_owned()),
                Cell::Text(labels::yes_no(lang, v.eligible).to_owned()),
                registered,
            ])
        })
    })?;
    let scope = actor.scope();
    let query = &input.query;
    let region = given(&query.region_id).or(scope.region());
    let district = given(&query.district_id).or(match &scope {
        Scope::District { district_id, .. } => Some(district_id.as_str()),
        _ => None,
    });
    let filters = VolunteerQuery {
        cursor: None,
        limit: 0,
        ..query.clone()
    };
    record_export(
        store,
        actor,
        "volunteer.export",
        "volunteer",
        (region, district),
        serde_json::json!({
            "format": input.format,
            "rows": rows,
            "filters": filters,
            "lang": lang,
        }),
    )?;
    Ok(ExportSummary {
        format: input.format,
        rows: u32::try_from(rows).unwrap_or(u32::MAX),
        file_name: file_name(store, "volunteers", input.format),
    })
}
