//! A facility's roster as a printable A4-landscape PDF: one row per shift (local date and
//! times), one column per post, the guards' names in each cell and the reason beside an empty
//! seat. Read through the same scoped view as the grid, and audited like every export.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::roster::{roster_view, RosterQuery};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::db::Store;
use crate::error::Result;
use crate::pdf::Layout;
use crate::reports::Lang;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RosterExport {
    pub query: RosterQuery,
    pub lang: Lang,
}

fn gap_text(lang: Lang, reason: &str) -> &'static str {
    match reason {
        "no_eligible_guard" => lang.pick(
            "жауапты бөлімшеде күзетші жоқ",
            "нет охранников ответственного подразделения",
            "no guard in the responsible unit",
        ),
        "no_skill" => lang.pick(
            "дағдысы барлар жоқ",
            "нет никого с нужным навыком",
            "no one with the skill",
        ),
        "all_unavailable" => {
            lang.pick("барлығы бос емес", "все недоступны", "everyone unavailable")
        }
        "weekly_hours" => lang.pick(
            "барлығы сағат шегінде",
            "все на пределе часов",
            "everyone at the hours limit",
        ),
        "rest" => lang.pick(
            "демалыс жеткіліксіз",
            "недостаточный отдых",
            "not enough rest",
        ),
        "consecutive_nights" => lang.pick(
            "қатарынан түнгі ауысым шегі",
            "предел ночных смен подряд",
            "consecutive nights limit",
        ),
        "overlap" => lang.pick(
            "басқа ауысыммен қабаттасады",
            "пересекается с другой сменой",
            "overlaps another shift",
        ),
        _ => lang.pick("толтырылмаған", "не заполнено", "not filled"),
    }
}

/// The PDF and its file name.
pub fn facility_roster_pdf(
    store: &mut Store,
    actor: &Actor,
    input: &RosterExport,
) -> Result<(String, Vec<u8>)> {
    let view = roster_view(store, actor, &input.query)?;
    let lang = input.lang;
    let title = format!(
        "{}: {}",
        lang.pick("Күзет кестесі", "График охраны", "Guard roster"),
        view.facility.name
    );
    let dmy = |d: &str| {
        chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .map(|d| d.format("%d.%m.%Y").to_string())
            .unwrap_or_else(|_| d.to_owned())
    };
    let last = view
        .shifts
        .last()
        .map(|s| s.local_date.clone())
        .unwrap_or_else(|| input.query.from.clone());
    let header = format!(
        "{} · {} – {} · {}",
        view.facility.address,
        dmy(&input.query.from),
        dmy(&last),
        view.facility.responsible_unit_name
    );
    let mut layout = Layout::landscape(&title, &header)?;
    layout.paragraph(&header, 10.0);
    layout.space(8.0);
    let posts = &view.facility.posts;
    let first = 150.0;
    let gap = 6.0;
    let each = ((layout.content_width() - first) / posts.len().max(1) as f32) - gap;
    let mut headings: Vec<(String, f32, f32)> = vec![(
        lang.pick("Ауысым (UTC+5)", "Смена (UTC+5)", "Shift (UTC+5)")
            .to_owned(),
        0.0,
        first - gap,
    )];
    for (i, p) in posts.iter().enumerate() {
        headings.push((p.name.clone(), first + i as f32 * (each + gap), each));
    }
    let borrowed: Vec<(&str, f32, f32)> = headings
        .iter()
        .map(|(t, x, w)| (t.as_str(), *x, *w))
        .collect();
    layout.table_header(&borrowed, 9.0);
    let mut rows = 0u32;
    for shift in &view.shifts {
        let mut cells: Vec<(String, f32, f32)> = vec![(
            format!(
                "{} {}–{}",
                dmy(&shift.local_date),
                shift.local_start,
                shift.local_end
            ),
            0.0,
            first - gap,
        )];
        for (i, p) in posts.iter().enumerate() {
            let text = match view
                .cells
                .iter()
                .find(|c| c.post_id == p.id && c.shift_start == shift.start)
            {
                None => "·".to_owned(),
                Some(cell) => {
                    let mut names: Vec<String> =
                        cell.seats.iter().map(|s| s.name.clone()).collect();
                    let missing = cell.need.saturating_sub(cell.seats.len() as u32);
                    if missing > 0 {
                        let reason = cell.gap.as_ref().map(|g| g.reason.as_str()).unwrap_or("");
                        names.push(format!("— {missing}: {}", gap_text(lang, reason)));
                    }
                    names.join(", ")
                }
            };
            cells.push((text, first + i as f32 * (each + gap), each));
        }
        let borrowed: Vec<(&str, f32, f32)> =
            cells.iter().map(|(t, x, w)| (t.as_str(), *x, *w)).collect();
        layout.table_row(&borrowed, 9.0);
        rows += 1;
    }
    let bytes = layout.finish()?;
    let now = store.now();
    let tx = store.write()?;
    audit::record(
        &tx,
        now,
        Event {
            entity_id: Some(&view.facility.id),
            region_id: Some(&view.facility.region_id),
            district_id: Some(&view.facility.district_id),
            after: Some(serde_json::json!({
                "format": "pdf",
                "from": input.query.from,
                "days": input.query.days,
                "rows": rows,
                "lang": lang.as_str(),
            })),
            ..Event::by(actor, "roster.export", "facility")
        },
    )?;
    tx.commit()?;
    let name = format!(
        "roster-{}-{}.pdf",
        input.query.from,
        view.facility
            .name
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    Ok((name, bytes))
}

/// The facility's roster as a spreadsheet: one row per seat (shift start and end in local time,
/// post, guard or the gap's reason), through the shared export writer (XLSX with a frozen,
/// filtered header and real dates, or CSV). Audited like the PDF.
pub fn facility_roster_table(
    store: &mut Store,
    actor: &Actor,
    input: &RosterExport,
    format: crate::reports::ExportFormat,
) -> Result<(String, Vec<u8>)> {
    use crate::reports::{write_table, Cell, Column, ColumnKind, Table};
    let view = roster_view(store, actor, &input.query)?;
    let lang = input.lang;
    let table = Table {
        title: format!(
            "{}: {}",
            lang.pick("Күзет кестесі", "График охраны", "Guard roster"),
            view.facility.name
        ),
        scope: view.facility.address.clone(),
        generated_at: store.now(),
        lang,
        columns: vec![
            Column::new(
                lang.pick("Басталуы", "Начало", "Start"),
                ColumnKind::DateTime,
                18.0,
            ),
            Column::new(
                lang.pick("Аяқталуы", "Конец", "End"),
                ColumnKind::DateTime,
                18.0,
            ),
            Column::new(lang.pick("Пост", "Пост", "Post"), ColumnKind::Text, 24.0),
            Column::new(
                lang.pick("Күзетші", "Охранник", "Guard"),
                ColumnKind::Text,
                32.0,
            ),
            Column::new(
                lang.pick("Бос орын себебі", "Причина пустого места", "Why empty"),
                ColumnKind::Text,
                36.0,
            ),
        ],
    };
    let mut bytes = Vec::new();
    let rows = write_table(&table, format, &mut bytes, |sink| {
        let mut rows = 0u64;
        for shift in &view.shifts {
            let (Some(start), Some(end)) = (
                crate::clock::parse_stamp(&shift.start),
                crate::clock::parse_stamp(&shift.end),
            ) else {
                continue;
            };
            for post in &view.facility.posts {
                let Some(cell) = view
                    .cells
                    .iter()
                    .find(|c| c.post_id == post.id && c.shift_start == shift.start)
                else {
                    continue;
                };
                let mut lines: Vec<(Cell, Cell)> = cell
                    .seats
                    .iter()
                    .map(|s| (Cell::Text(s.name.clone()), Cell::Empty))
                    .collect();
                for _ in cell.seats.len() as u32..cell.need {
                    let reason = cell.gap.as_ref().map(|g| g.reason.as_str()).unwrap_or("");
                    lines.push((Cell::Empty, Cell::Text(gap_text(lang, reason).to_owned())));
                }
                for (guard, why) in lines {
                    sink.row(&[
                        Cell::DateTime(start),
                        Cell::DateTime(end),
                        Cell::Text(post.name.clone()),
                        guard,
                        why,
                    ])?;
                    rows += 1;
                }
            }
        }
        Ok(rows)
    })?;
    crate::reports::record_export(
        store,
        actor,
        "roster.export",
        "facility",
        (
            Some(&view.facility.region_id),
            Some(&view.facility.district_id),
        ),
        serde_json::json!({
            "facility_id": view.facility.id,
            "format": format.extension(),
            "from": input.query.from,
            "days": input.query.days,
            "rows": rows,
        }),
    )?;
    let name = format!(
        "roster-{}-{}.{}",
        input.query.from,
        safe_name(&view.facility.name),
        format.extension()
    );
    Ok((name, bytes))
}

fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VolunteerCalendarExport {
    pub volunteer_id: String,
    /// First local date `yyyy-mm-dd`.
    pub from: String,
    pub days: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleExport {
    pub period: VolunteerCalendarExport,
    pub lang: Lang,
}

/// One seat of a volunteer's schedule.
struct Duty {
    id: String,
    start: chrono::DateTime<chrono::Utc>,
    end: chrono::DateTime<chrono::Utc>,
    post: String,
    facility: String,
    address: String,
}

/// The volunteer (name, region, district) read through the actor's scope, and their seats of
/// the period at facilities in the actor's scope.
fn volunteer_duties(
    store: &Store,
    actor: &Actor,
    input: &VolunteerCalendarExport,
) -> Result<((String, String, String), Vec<Duty>)> {
    actor.ready()?;
    let from = super::roster::check_period(&input.from, input.days)?;
    let until = from + chrono::Duration::days(i64::from(input.days));
    let id = input.volunteer_id.trim();
    let conn = store.conn();
    let (scope_sql, scope_param) = actor.scope().filter("region_id", "district_id");
    let sql = format!(
        "SELECT surname || ' ' || given_name, region_id, district_id FROM volunteers
         WHERE id = ? AND {scope_sql}"
    );
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    let found: Option<(String, String, String)> = rusqlite::OptionalExtension::optional(
        conn.query_row(&sql, rusqlite::params_from_iter(args), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        }),
    )?;
    let Some(who) = found else {
        let exists = rusqlite::OptionalExtension::optional(conn.query_row(
            "SELECT 1 FROM volunteers WHERE id = ?",
            [id],
            |_| Ok(()),
        ))?
        .is_some();
        return Err(if exists {
            crate::Error::forbidden("out_of_scope")
        } else {
            crate::Error::not_found("volunteer")
        });
    };
    let (scope_sql, scope_param) = actor.scope().filter("f.region_id", "f.district_id");
    let sql = format!(
        "SELECT r.id, r.shift_start, r.shift_end, p.name, f.name, f.address
         FROM roster_assignments r JOIN facility_posts p ON p.id = r.post_id
         JOIN facilities f ON f.id = r.facility_id
         WHERE r.volunteer_id = ? AND r.shift_start >= ? AND r.shift_start < ? AND {scope_sql}
         ORDER BY r.shift_start"
    );
    let start = crate::clock::stamp(crate::clock::local_midnight_utc(from));
    let end = crate::clock::stamp(crate::clock::local_midnight_utc(until));
    let mut args: Vec<String> = vec![id.to_owned(), start, end];
    args.extend(scope_param);
    let mut stmt = conn.prepare(&sql)?;
    let rows: Vec<(String, String, String, String, String, String)> = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let duties = rows
        .into_iter()
        .filter_map(|(id, s, e, post, facility, address)| {
            Some(Duty {
                id,
                start: crate::clock::parse_stamp(&s)?,
                end: crate::clock::parse_stamp(&e)?,
                post,
                facility,
                address,
            })
        })
        .collect();
    Ok((who, duties))
}

/// A volunteer's shifts of a period as an iCalendar file (RFC 5545, written by the
/// `icalendar` crate): one event per seat at a facility in the actor's scope, in UTC, with the
/// post and facility as summary and the address as location. Audited.
pub fn volunteer_calendar(
    store: &mut Store,
    actor: &Actor,
    input: &VolunteerCalendarExport,
) -> Result<(String, Vec<u8>)> {
    use icalendar::{Calendar, Component, Event as IcalEvent, EventLike};
    let ((name, region, district), duties) = volunteer_duties(store, actor, input)?;
    let mut calendar = Calendar::new();
    calendar.name(&name);
    for d in &duties {
        calendar.push(
            IcalEvent::new()
                .uid(&format!("{}@jasaq", d.id))
                .summary(&format!("{} — {}", d.post, d.facility))
                .location(&d.address)
                .starts(d.start)
                .ends(d.end)
                .done(),
        );
    }
    let text = calendar.done().to_string();
    crate::reports::record_export(
        store,
        actor,
        "roster.calendar_export",
        "volunteer",
        (Some(&region), Some(&district)),
        serde_json::json!({
            "volunteer_id": input.volunteer_id.trim(),
            "format": "ics",
            "from": input.from,
            "days": input.days,
            "rows": duties.len(),
        }),
    )?;
    Ok((
        format!("shifts-{}-{}.ics", input.from, safe_name(&name)),
        text.into_bytes(),
    ))
}

/// A volunteer's personal schedule of a period as a printable A4 PDF: one line per shift with
/// the local date and times, the facility, the post and the address. Audited.
pub fn volunteer_schedule_pdf(
    store: &mut Store,
    actor: &Actor,
    input: &VolunteerCalendarExport,
    lang: Lang,
) -> Result<(String, Vec<u8>)> {
    let ((name, region, district), duties) = volunteer_duties(store, actor, input)?;
    let title = format!(
        "{}: {name}",
        lang.pick("Жеке кесте", "Личный график", "Personal schedule")
    );
    let local = |t: chrono::DateTime<chrono::Utc>| {
        t + chrono::Duration::hours(crate::clock::KZ_OFFSET_HOURS)
    };
    let header = format!("UTC+5 · {} · {}", input.from, input.days);
    let mut layout = Layout::new(&title, &header)?;
    let w = layout.content_width();
    let cols = [0.0, 130.0, 0.6 * (w - 130.0) + 130.0];
    let widths = [124.0, cols[2] - cols[1] - 6.0, w - cols[2]];
    layout.table_header(
        &[
            (lang.pick("Ауысым", "Смена", "Shift"), cols[0], widths[0]),
            (
                lang.pick("Нысан, пост", "Объект, пост", "Facility, post"),
                cols[1],
                widths[1],
            ),
            (
                lang.pick("Мекенжайы", "Адрес", "Address"),
                cols[2],
                widths[2],
            ),
        ],
        9.0,
    );
    for d in &duties {
        let shift = format!(
            "{} {}–{}",
            local(d.start).format("%d.%m.%Y"),
            local(d.start).format("%H:%M"),
            local(d.end).format("%H:%M")
        );
        let place = format!("{}, {}", d.facility, d.post);
        layout.table_row(
            &[
                (&shift, cols[0], widths[0]),
                (&place, cols[1], widths[1]),
                (&d.address, cols[2], widths[2]),
            ],
            9.0,
        );
    }
    let bytes = layout.finish()?;
    crate::reports::record_export(
        store,
        actor,
        "roster.schedule_export",
        "volunteer",
        (Some(&region), Some(&district)),
        serde_json::json!({
            "volunteer_id": input.volunteer_id.trim(),
            "format": "pdf",
            "from": input.from,
            "days": input.days,
            "rows": duties.len(),
        }),
    )?;
    Ok((
        format!("schedule-{}-{}.pdf", input.from, safe_name(&name)),
        bytes,
    ))
}
