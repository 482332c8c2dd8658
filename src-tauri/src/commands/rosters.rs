//! Commands of facility-guarding rosters: facilities and their posts, the grid of a period,
//! manual seats checked live by the core, the auto-fill on a background thread with progress
//! over a channel and a stop command, publishing, and the facility's PDF saved through the
//! native Save dialog. The auto-fill holds the database only while reading and while writing,
//! never during the search, so the rest of the app stays usable while it runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use jasaq::reports::ExportFormat;
use jasaq::rosters::export::{self, RosterExport, ScheduleExport, VolunteerCalendarExport};
use jasaq::rosters::facilities::{
    self, Facility, FacilityCategory, FacilityInput, FacilityQuery, FacilityRow,
};
use jasaq::rosters::fill::{self, FillInput, FillProgress, FillReport};
use jasaq::rosters::limits::{
    self, DayPreferences, DayPreferencesInput, LimitsInput, LimitsVersion, WeightsInput,
    WeightsVersion,
};
use jasaq::rosters::roster::{
    self, Candidate, CandidateQuery, PinInput, Publication, PublishInput, RosterQuery, RosterSeat,
    RosterView, SeatInput,
};
use jasaq::rosters::unit_grid::{self, UnitRosterQuery, UnitRosterView};
use jasaq::{IdInput, RegionInput, Result};
use tauri::ipc::Channel;
use tauri::{AppHandle, State};

use super::Shared;
use crate::save::save_document;
use crate::shell::blocking;

/// The stop flag of the auto-fill under way (one window, one fill).
#[derive(Default)]
pub struct RosterFillState {
    stop: Arc<AtomicBool>,
}

type Fills<'a> = State<'a, Arc<RosterFillState>>;

#[tauri::command]
pub async fn list_facility_categories(shell: Shared<'_>) -> Result<Vec<FacilityCategory>> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| facilities::list_categories(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn save_facility_category(
    shell: Shared<'_>,
    input: FacilityCategory,
) -> Result<FacilityCategory> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| facilities::save_category(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_facilities(shell: Shared<'_>, input: FacilityQuery) -> Result<Vec<FacilityRow>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| facilities::list_facilities(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn get_facility(shell: Shared<'_>, input: IdInput) -> Result<Facility> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| facilities::get_facility(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn save_facility(shell: Shared<'_>, input: FacilityInput) -> Result<Facility> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| facilities::save_facility(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn roster_view(shell: Shared<'_>, input: RosterQuery) -> Result<RosterView> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| roster::roster_view(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn roster_candidates(shell: Shared<'_>, input: CandidateQuery) -> Result<Vec<Candidate>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| roster::candidates(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn assign_seat(shell: Shared<'_>, input: SeatInput) -> Result<RosterSeat> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| roster::assign_seat(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn remove_seat(shell: Shared<'_>, input: IdInput) -> Result<()> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| roster::remove_seat(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn pin_seat(shell: Shared<'_>, input: PinInput) -> Result<()> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| roster::pin_seat(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn publish_roster(shell: Shared<'_>, input: PublishInput) -> Result<Publication> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| roster::publish(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_roster_limits(
    shell: Shared<'_>,
    input: RegionInput,
) -> Result<Vec<LimitsVersion>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| {
            let region = input.region_id.unwrap_or_default();
            limits::list_limits(store, actor, &region)
        })
    })
    .await
}

#[tauri::command]
pub async fn publish_roster_limits(shell: Shared<'_>, input: LimitsInput) -> Result<LimitsVersion> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| limits::publish_limits(store, actor, input))
    })
    .await
}

/// A unit's (and its sub-units') guards x days calendar over a period.
#[tauri::command]
pub async fn unit_roster(shell: Shared<'_>, input: UnitRosterQuery) -> Result<UnitRosterView> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| unit_grid::unit_roster(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn list_roster_weights(
    shell: Shared<'_>,
    input: RegionInput,
) -> Result<Vec<WeightsVersion>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| limits::list_weights(store, actor, input.region_id.as_deref()))
    })
    .await
}

#[tauri::command]
pub async fn publish_roster_weights(shell: Shared<'_>, input: WeightsInput) -> Result<()> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| limits::publish_weights(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn get_day_preferences(shell: Shared<'_>, input: IdInput) -> Result<DayPreferences> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| limits::day_preferences(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn set_day_preferences(shell: Shared<'_>, input: DayPreferencesInput) -> Result<()> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| limits::set_day_preferences(store, actor, input))
    })
    .await
}

/// Auto-fills a period; progress goes to `on_progress`, `stop_roster_fill` ends it early
/// keeping the best roster found.
#[tauri::command]
pub async fn run_roster_fill(
    shell: Shared<'_>,
    fills: Fills<'_>,
    input: FillInput,
    on_progress: Channel<FillProgress>,
) -> Result<FillReport> {
    let stop = Arc::clone(&fills.stop);
    stop.store(false, Ordering::Relaxed);
    blocking(&shell, move |s| {
        let plan = s.as_actor(|store, actor| fill::plan_fill(store, actor, input))?;
        let result = fill::run_fill(plan, &stop, &mut |p| {
            let _ = on_progress.send(p);
        });
        s.as_actor(|store, actor| fill::commit_fill(store, actor, result))
    })
    .await
}

#[tauri::command]
pub async fn stop_roster_fill(fills: Fills<'_>) -> Result<()> {
    fills.stop.store(true, Ordering::Relaxed);
    Ok(())
}

/// Saves the facility's roster PDF where the user picks; the path, or null when cancelled.
#[tauri::command]
pub async fn save_roster_pdf(
    app: AppHandle,
    shell: Shared<'_>,
    input: RosterExport,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let (name, bytes) =
            s.as_actor(|store, actor| export::facility_roster_pdf(store, actor, &input))?;
        save_document(&app, &name, "pdf", &bytes).map(|path| path.map(|p| p.display().to_string()))
    })
    .await
}

/// Saves the facility's roster as XLSX where the user picks; the path, or null when cancelled.
#[tauri::command]
pub async fn save_roster_xlsx(
    app: AppHandle,
    shell: Shared<'_>,
    input: RosterExport,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let (name, bytes) = s.as_actor(|store, actor| {
            export::facility_roster_table(store, actor, &input, ExportFormat::Xlsx)
        })?;
        save_document(&app, &name, "xlsx", &bytes).map(|path| path.map(|p| p.display().to_string()))
    })
    .await
}

/// Saves a volunteer's shifts as an iCalendar file where the user picks.
#[tauri::command]
pub async fn save_volunteer_calendar(
    app: AppHandle,
    shell: Shared<'_>,
    input: VolunteerCalendarExport,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let (name, bytes) =
            s.as_actor(|store, actor| export::volunteer_calendar(store, actor, &input))?;
        save_document(&app, &name, "ics", &bytes).map(|path| path.map(|p| p.display().to_string()))
    })
    .await
}

/// Saves a volunteer's personal schedule as a PDF where the user picks.
#[tauri::command]
pub async fn save_volunteer_schedule(
    app: AppHandle,
    shell: Shared<'_>,
    input: ScheduleExport,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let (name, bytes) = s.as_actor(|store, actor| {
            export::volunteer_schedule_pdf(store, actor, &input.period, input.lang)
        })?;
        save_document(&app, &name, "pdf", &bytes).map(|path| path.map(|p| p.display().to_string()))
    })
    .await
}
