//! Commands of the requisitioned-assets area: owners, assets, orders, appraisals, outcomes,
//! claims and payments, lists, the summary, and the PDF documents (saved by the shell to a
//! place the user picks).

use std::path::PathBuf;

use jasaq::assets::{
    self, AppealClaimInput, Appraisal, Asset, AssetDetail, AssetFile, AssetPage, AssetQuery, Claim,
    ClaimPage, ClaimQuery, DecideClaimInput, Document, FileClaimInput, LossInput, MarkBasisInput,
    NewAppraisal, NewAsset, NewOwner, NewPayment, Outcome, Owner, OwnerPage, OwnerQuery,
    RequisitionInput, RequisitionOrder, ReturnInput, Summary,
};
use jasaq::{Error, IdInput, RegionInput, Result};
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use super::Shared;
use crate::save::save_document;
use crate::shell::blocking;

macro_rules! asset_command {
    ($(#[$doc:meta])* $name:ident($input:ty) -> $out:ty = $core:path) => {
        $(#[$doc])*
        #[tauri::command]
        pub async fn $name(shell: Shared<'_>, input: $input) -> Result<$out> {
            blocking(&shell, |s| s.as_actor(|store, actor| $core(store, actor, input))).await
        }
    };
}

asset_command!(add_owner(NewOwner) -> Owner = assets::add_owner);
asset_command!(add_asset(NewAsset) -> Asset = assets::add_asset);
asset_command!(requisition_asset(RequisitionInput) -> RequisitionOrder = assets::requisition);
asset_command!(appraise_asset(NewAppraisal) -> Appraisal = assets::appraise);
asset_command!(mark_basis(MarkBasisInput) -> Appraisal = assets::mark_basis);
asset_command!(record_return(ReturnInput) -> Outcome = assets::record_return);
asset_command!(record_loss(LossInput) -> Outcome = assets::record_loss);
asset_command!(file_claim(FileClaimInput) -> Claim = assets::file_claim);
asset_command!(decide_claim(DecideClaimInput) -> Claim = assets::decide_claim);
asset_command!(appeal_claim(AppealClaimInput) -> Claim = assets::appeal_claim);
asset_command!(record_payment(NewPayment) -> Claim = assets::pay);
asset_command!(list_owners(OwnerQuery) -> OwnerPage = assets::list_owners);
asset_command!(list_assets(AssetQuery) -> AssetPage = assets::list_assets);
asset_command!(list_claims(ClaimQuery) -> ClaimPage = assets::list_claims);

#[tauri::command]
pub async fn get_owner(shell: Shared<'_>, input: IdInput) -> Result<Owner> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| assets::get_owner(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn get_asset(shell: Shared<'_>, input: IdInput) -> Result<AssetDetail> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| assets::get(store, actor, &input.id))
    })
    .await
}

#[tauri::command]
pub async fn asset_summary(shell: Shared<'_>, input: RegionInput) -> Result<Summary> {
    blocking(&shell, move |s| {
        s.as_actor(|store, actor| assets::summary(store, actor, input.region_id.as_deref()))
    })
    .await
}

/// Picks a photo or scan in a native dialog and stores it with the asset's record.
#[tauri::command]
pub async fn attach_asset_file(
    app: AppHandle,
    shell: Shared<'_>,
    input: IdInput,
) -> Result<Option<AssetFile>> {
    blocking(&shell, move |s| {
        let Some(path) = pick_file(&app) else {
            return Ok(None);
        };
        let data = std::fs::read(&path).map_err(|e| {
            tracing::error!(path = %path.display(), %e, "reading an attachment failed");
            Error::field("data", "unreadable")
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        let input = assets::NewFile {
            asset_id: input.id,
            media_type: assets::media_type_for(&name).to_owned(),
            name,
            data,
        };
        s.as_actor(|store, actor| assets::attach_file(store, actor, input))
            .map(Some)
    })
    .await
}

fn pick_file(app: &AppHandle) -> Option<PathBuf> {
    app.dialog()
        .file()
        .add_filter("Photo, scan or PDF", &["jpg", "jpeg", "png", "webp", "pdf"])
        .blocking_pick_file()
        .and_then(|chosen| chosen.into_path().ok())
}

/// Saves an attached file where the user picks; returns the path, or null if cancelled.
#[tauri::command]
pub async fn save_asset_file(
    app: AppHandle,
    shell: Shared<'_>,
    input: IdInput,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let content = s.as_actor(|store, actor| assets::get_file(store, actor, &input.id))?;
        let extension = content
            .file
            .name
            .rsplit('.')
            .next()
            .unwrap_or("bin")
            .to_owned();
        saved(save_document(
            &app,
            &content.file.name,
            &extension,
            &content.data,
        ))
    })
    .await
}

/// Generates the requisition act (PDF) and saves it where the user picks.
#[tauri::command]
pub async fn save_requisition_act(
    app: AppHandle,
    shell: Shared<'_>,
    input: IdInput,
) -> Result<Option<String>> {
    save_pdf(app, shell, input, assets::requisition_act).await
}

/// Generates the compensation statement (PDF) and saves it where the user picks.
#[tauri::command]
pub async fn save_statement(
    app: AppHandle,
    shell: Shared<'_>,
    input: IdInput,
) -> Result<Option<String>> {
    save_pdf(app, shell, input, assets::statement).await
}

async fn save_pdf(
    app: AppHandle,
    shell: Shared<'_>,
    input: IdInput,
    generate: fn(&mut jasaq::db::Store, &jasaq::access::Actor, &str) -> Result<Document>,
) -> Result<Option<String>> {
    blocking(&shell, move |s| {
        let document = s.as_actor(|store, actor| generate(store, actor, &input.id))?;
        saved(save_document(
            &app,
            &document.file_name,
            "pdf",
            &document.bytes,
        ))
    })
    .await
}

fn saved(result: Result<Option<PathBuf>>) -> Result<Option<String>> {
    result.map(|path| path.map(|p| p.display().to_string()))
}
