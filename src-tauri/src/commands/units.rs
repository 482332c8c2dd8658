//! Commands of units, assignments and readiness: the structure of each region, who holds which
//! position, and the readiness figures (exported by the audited `export_readiness_table`).

use jasaq::units::{
    self, AssignInput, Assignment, BulkTransferInput, BulkTransferReport, DisbandInput,
    DisbandReport, EndAssignmentInput, EstablishmentInput, Member, Position, PositionDraft,
    Readiness, ReadinessQuery, TransferInput, Unit, UnitCatalogues, UnitDetail, UnitEvent,
    UnitInput, UnitKind, UnitKindDraft, UnitQuery, UnitRow, UpdateUnit,
};
use jasaq::{IdInput, Result};

use super::Shared;
use crate::shell::blocking;

#[tauri::command]
pub async fn unit_catalogues(shell: Shared<'_>) -> Result<UnitCatalogues> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::catalogues(store, actor))
    })
    .await
}

#[tauri::command]
pub async fn save_unit_kind(shell: Shared<'_>, input: UnitKindDraft) -> Result<UnitKind> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::save_unit_kind(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn save_position(shell: Shared<'_>, input: PositionDraft) -> Result<Position> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::save_position(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_units(shell: Shared<'_>, input: UnitQuery) -> Result<Vec<UnitRow>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::list_units(store, actor, &input))
    })
    .await
}

#[tauri::command]
pub async fn get_unit(shell: Shared<'_>, input: IdInput) -> Result<UnitDetail> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::get_unit(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn create_unit(shell: Shared<'_>, input: UnitInput) -> Result<Unit> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::create_unit(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn update_unit(shell: Shared<'_>, input: UpdateUnit) -> Result<Unit> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::update_unit(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn set_establishment(shell: Shared<'_>, input: EstablishmentInput) -> Result<UnitDetail> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::set_establishment(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn disband_unit(shell: Shared<'_>, input: DisbandInput) -> Result<DisbandReport> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::disband(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn list_unit_members(shell: Shared<'_>, input: IdInput) -> Result<Vec<Member>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::list_members(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn assign_volunteer(shell: Shared<'_>, input: AssignInput) -> Result<Assignment> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::assign(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn transfer_volunteer(shell: Shared<'_>, input: TransferInput) -> Result<Assignment> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::transfer(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn end_assignment(shell: Shared<'_>, input: EndAssignmentInput) -> Result<Assignment> {
    blocking(&shell, |s| {
        s.as_actor(|store, actor| units::end_assignment(store, actor, input))
    })
    .await
}

#[tauri::command]
pub async fn volunteer_assignments(shell: Shared<'_>, input: IdInput) -> Result<Vec<Assignment>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::volunteer_assignments(store, actor, &input.id))
    })
    .await
}

/// A unit's history: who joined, left or was transferred, when and why.
#[tauri::command]
pub async fn unit_history(shell: Shared<'_>, input: IdInput) -> Result<Vec<UnitEvent>> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::unit_history(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn readiness(shell: Shared<'_>, input: ReadinessQuery) -> Result<Readiness> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| units::readiness(store, actor, &input))
    })
    .await
}

/// Checks a bulk transfer sheet row by row; writes nothing.
#[tauri::command]
pub async fn preview_bulk_transfer(
    shell: Shared<'_>,
    input: BulkTransferInput,
) -> Result<BulkTransferReport> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| {
            let rows = units::read_bulk_bytes(&input.content, store.now())?;
            units::preview_bulk_transfer(store, actor, &rows, &input.reason, &input.date)
        })
    })
    .await
}

/// Applies a bulk transfer sheet: every row, or none with the report of the bad ones.
#[tauri::command]
pub async fn apply_bulk_transfer(
    shell: Shared<'_>,
    input: BulkTransferInput,
) -> Result<BulkTransferReport> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| {
            let rows = units::read_bulk_bytes(&input.content, store.now())?;
            units::apply_bulk_transfer(store, actor, &rows, &input.reason, &input.date)
        })
    })
    .await
}
