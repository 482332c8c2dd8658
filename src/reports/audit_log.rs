//! Audit log extracts: the entries the audit page shows for the same filters, within the
//! same scope (administrators only; a regional administrator gets their region's entries),
//! newest first, read through the audit list's own query page by page.

use std::io::Write;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::labels::{self, Lang};
use super::table::{dmy, Cell, Column, ColumnKind, Table};
use super::volunteers::place_names;
use super::{file_name, record_export, write_table, ExportFormat, ExportSummary};
use crate::access::Actor;
use crate::audit::{self, AuditFilter};
use crate::clock::parse_stamp;
use crate::db::Store;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AuditExport {
    /// The audit page's filters; `before_seq` and `limit` are ignored.
    pub filter: AuditFilter,
    pub format: ExportFormat,
    pub lang: Lang,
}

fn columns(lang: Lang) -> Vec<Column> {
    use ColumnKind::{DateTime, Integer, Text};
    vec![
        Column::new("№", Integer, 8.0),
        Column::new(lang.pick("Уақыт", "Время", "Time"), DateTime, 16.0),
        Column::new(lang.pick("Орындаушы", "Исполнитель", "Actor"), Text, 16.0),
        Column::new(lang.pick("Әрекет", "Действие", "Action"), Text, 22.0),
        Column::new(
            lang.pick("Нысан түрі", "Тип объекта", "Entity kind"),
            Text,
            14.0,
        ),
        Column::new(lang.pick("Нысан ID", "ID объекта", "Entity ID"), Text, 20.0),
        Column::new(lang.pick("Өңір", "Регион", "Region"), Text, 16.0),
        Column::new(lang.pick("Аудан", "Район", "District"), Text, 16.0),
        Column::new(lang.pick("Бұрын", "Было", "Before"), Text, 40.0),
        Column::new(lang.pick("Кейін", "Стало", "After"), Text, 40.0),
    ]
}

fn describe(
    actor: &Actor,
    filter: &AuditFilter,
    lang: Lang,
    names: &std::collections::HashMap<String, String>,
) -> String {
    let mut parts = vec![match actor.scope().region() {
        Some(r) => names.get(r).cloned().unwrap_or_else(|| r.to_owned()),
        None => labels::whole_country(lang).to_owned(),
    }];
    let given = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let day = |v: &Option<String>| {
        given(v).map(|d| {
            NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .map(dmy)
                .unwrap_or(d)
        })
    };
    for (label, value) in [
        (
            lang.pick("әрекет", "действие", "action"),
            given(&filter.action),
        ),
        (
            lang.pick("нысан түрі", "тип объекта", "entity kind"),
            given(&filter.entity_kind),
        ),
        (
            lang.pick("орындаушы", "исполнитель", "actor"),
            given(&filter.actor),
        ),
        (lang.pick("бастап", "с", "from"), day(&filter.from)),
        (lang.pick("дейін", "по", "to"), day(&filter.to)),
    ] {
        if let Some(value) = value {
            parts.push(format!("{label}: {value}"));
        }
    }
    parts.join("; ")
}

/// Writes the audit entries the filters match, within the actor's scope, to `out`, and
/// records the export itself in the log.
pub fn export_audit<W: Write + Send>(
    store: &mut Store,
    actor: &Actor,
    input: &AuditExport,
    out: W,
) -> Result<ExportSummary> {
    actor.require_admin()?;
    let lang = input.lang;
    let names = place_names(store, lang)?;
    let table = Table {
        title: lang
            .pick("Аудит журналы", "Журнал аудита", "Audit log")
            .to_owned(),
        scope: describe(actor, &input.filter, lang, &names),
        generated_at: store.now(),
        lang,
        columns: columns(lang),
    };
    let text = |v: Option<String>| v.map(Cell::Text).unwrap_or(Cell::Empty);
    let place = |v: Option<String>| {
        v.map(|id| Cell::Text(names.get(&id).cloned().unwrap_or(id)))
            .unwrap_or(Cell::Empty)
    };
    let rows = write_table(&table, input.format, out, |sink| {
        let mut filter = AuditFilter {
            before_seq: None,
            limit: audit::MAX_PAGE,
            ..input.filter.clone()
        };
        let mut rows = 0;
        loop {
            let page = audit::list(store, actor, &filter)?;
            for e in page.entries {
                let at = parse_stamp(&e.at)
                    .map(Cell::DateTime)
                    .unwrap_or(Cell::Text(e.at));
                sink.row(&[
                    Cell::Integer(e.seq),
                    at,
                    text(e.actor_username),
                    Cell::Text(e.action),
                    Cell::Text(e.entity_kind),
                    text(e.entity_id),
                    place(e.region_id),
                    place(e.district_id),
                    text(e.before),
                    text(e.after),
                ])?;
                rows += 1;
            }
            match page.next_before_seq {
                Some(seq) => filter.before_seq = Some(seq),
                None => break,
            }
        }
        Ok(rows)
    })?;
    let filters = AuditFilter {
        before_seq: None,
        limit: 0,
        ..input.filter.clone()
    };
    record_export(
        store,
        actor,
        "audit.export",
        "audit_log",
        (actor.scope().region(), None),
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
        file_name: file_name(store, "audit", input.format),
    })
}
