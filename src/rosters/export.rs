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
