//! Recording an asset, its requisition order and intake, and files attached to it.

use crate::clock::local_today;
use crate::places::check_place;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::owners::find_owner;
use super::{optional_text, past_date, required_text, AssetKind, AssetStatus, Mode, STATUS_SQL};
use crate::access::Actor;
use crate::audit::{self, Event};
use crate::clock::{new_id, stamp};
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

/// Attachments are stored in the database; each is at most 10 MiB.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewAsset {
    pub owner_id: String,
    pub kind: AssetKind,
    pub description: String,
    pub plate_number: Option<String>,
    pub vin: Option<String>,
    pub cadastral_number: Option<String>,
    pub serial_number: Option<String>,
    pub address: String,
    pub region_id: String,
    pub district_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Asset {
    pub id: String,
    pub owner_id: String,
    pub owner_name: String,
    pub kind: AssetKind,
    pub description: String,
    pub plate_number: Option<String>,
    pub vin: Option<String>,
    pub cadastral_number: Option<String>,
    pub serial_number: Option<String>,
    pub address: String,
    pub region_id: String,
    pub district_id: String,
    pub status: AssetStatus,
    pub created_at: String,
}

/// The requisition order and the intake. Dates are `yyyy-mm-dd`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequisitionInput {
    pub asset_id: String,
    pub number: String,
    pub order_date: String,
    pub legal_basis: String,
    pub authorising_official: String,
    pub approving_administration: String,
    pub receiving_unit: String,
    pub mode: Mode,
    pub intake_date: String,
    pub intake_condition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RequisitionOrder {
    pub number: String,
    pub order_date: String,
    pub legal_basis: String,
    pub authorising_official: String,
    pub approving_administration: String,
    pub receiving_unit: String,
    pub mode: Mode,
    pub intake_date: String,
    pub intake_condition: String,
    pub created_at: String,
}

/// A photo or scan to attach. `data` is the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewFile {
    pub asset_id: String,
    pub name: String,
    pub media_type: String,
    pub data: Vec<u8>,
}

/// An attached file without its bytes (see [`get_file`](super::get_file)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetFile {
    pub id: String,
    pub name: String,
    pub media_type: String,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    pub created_at: String,
}

pub(crate) const ASSET_COLUMNS: &str = "a.id, a.owner_id, a.kind, a.description, \
    a.plate_number, a.vin, a.cadastral_number, a.serial_number, a.address, a.region_id, \
    a.district_id, a.created_at, coalesce(w.org_name, w.surname || ' ' || w.given_name || \
    coalesce(' ' || w.patronymic, ''))";

pub(crate) const ASSET_FROM: &str = "assets a JOIN asset_owners w ON w.id = a.owner_id \
    LEFT JOIN asset_orders o ON o.asset_id = a.id LEFT JOIN asset_outcomes x ON x.asset_id = a.id";

pub(crate) fn asset_from_row(r: &Row<'_>) -> rusqlite::Result<Asset> {
    let kind: String = r.get(2)?;
    let status: String = r.get(13)?;
    Ok(Asset {
        id: r.get(0)?,
        owner_id: r.get(1)?,
        kind: AssetKind::parse(&kind)
            .ok_or_else(|| crate::db::unknown_code(2, "asset kind", &kind))?,
        description: r.get(3)?,
        plate_number: r.get(4)?,
        vin: r.get(5)?,
        cadastral_number: r.get(6)?,
        serial_number: r.get(7)?,
        address: r.get(8)?,
        region_id: r.get(9)?,
        district_id: r.get(10)?,
        created_at: r.get(11)?,
        owner_name: r.get(12)?,
        status: AssetStatus::parse(&status)
            .ok_or_else(|| crate::db::unknown_code(13, "asset status", &status))?,
    })
}

/// An audit event on an asset: filed under the asset and its region and district, so that the
/// asset's entries are its timeline and are read through the same scope as the asset.
pub(crate) fn asset_event<'a>(actor: &'a Actor, action: &'a str, asset: &'a Asset) -> Event<'a> {
    Event {
        entity_id: Some(&asset.id),
        region_id: Some(&asset.region_id),
        district_id: Some(&asset.district_id),
        ..Event::by(actor, action, "asset")
    }
}

/// Reads an asset through the actor's scope: elsewhere is `forbidden/out_of_scope`, missing
/// is `not_found/asset`.
pub(crate) fn find_asset(conn: &Connection, actor: &Actor, id: &str) -> Result<Asset> {
    let (scope_sql, scope_param) = actor.scope().filter("a.region_id", "a.district_id");
    let sql = format!(
        "SELECT {ASSET_COLUMNS}, {STATUS_SQL} FROM {ASSET_FROM} WHERE a.id = ? AND {scope_sql}"
    );
    let args: Vec<&str> = std::iter::once(id).chain(scope_param.as_deref()).collect();
    match conn
        .query_row(&sql, rusqlite::params_from_iter(args), asset_from_row)
        .optional()?
    {
        Some(asset) => Ok(asset),
        None => {
            let exists = conn
                .query_row("SELECT 1 FROM assets WHERE id = ?", [id], |_| Ok(()))
                .optional()?
                .is_some();
            Err(if exists {
                Error::forbidden("out_of_scope")
            } else {
                Error::not_found("asset")
            })
        }
    }
}

/// 17 characters of A-Z and 0-9 without I, O and Q (ISO 3779).
pub fn vin_ok(vin: &str) -> bool {
    vin.len() == 17
        && vin.chars().all(|c| {
            c.is_ascii_digit() || (c.is_ascii_uppercase() && !matches!(c, 'I' | 'O' | 'Q'))
        })
}

fn identifier(
    field: &str,
    text: Option<&str>,
    needed: bool,
    problems: &mut Vec<FieldError>,
) -> Option<String> {
    let value = optional_text(field, text, 60, problems).map(|t| t.to_uppercase());
    if needed && value.is_none() {
        problems.push(FieldError::new(field, "required"));
    }
    value
}

/// Records an asset of a visible owner. Identifiers by kind: a vehicle needs `plate_number`
/// and `vin` (`vin_format`); a building, premises or land needs `cadastral_number`
/// (`cadastral_format`: digits and colons); equipment and special machinery need
/// `serial_number`. Other rules: `description|address: required|too_long`, place rules,
/// `owner_id: not_found/owner` or `forbidden/out_of_scope`.
pub fn add_asset(store: &mut Store, actor: &Actor, input: NewAsset) -> Result<Asset> {
    actor.require_writer()?;
    let now = store.now();
    let owner = find_owner(store.conn(), actor, input.owner_id.trim())?;
    let mut problems = Vec::new();
    let description = required_text("description", &input.description, 2000, &mut problems);
    let address = required_text("address", &input.address, 500, &mut problems);
    let kind = input.kind;
    let vehicle = kind == AssetKind::Vehicle;
    let real_estate = matches!(
        kind,
        AssetKind::Building | AssetKind::Premises | AssetKind::Land
    );
    let serialised = matches!(kind, AssetKind::Equipment | AssetKind::SpecialMachinery);
    let plate = identifier(
        "plate_number",
        input.plate_number.as_deref(),
        vehicle,
        &mut problems,
    );
    let vin = identifier("vin", input.vin.as_deref(), vehicle, &mut problems);
    if vin.as_deref().is_some_and(|v| !vin_ok(v)) {
        problems.push(FieldError::new("vin", "vin_format"));
    }
    let cadastral = identifier(
        "cadastral_number",
        input.cadastral_number.as_deref(),
        real_estate,
        &mut problems,
    );
    if cadastral
        .as_deref()
        .is_some_and(|c| !c.chars().all(|ch| ch.is_ascii_digit() || ch == ':'))
    {
        problems.push(FieldError::new("cadastral_number", "cadastral_format"));
    }
    let serial = identifier(
        "serial_number",
        input.serial_number.as_deref(),
        serialised,
        &mut problems,
    );
    let region_id = input.region_id.trim().to_owned();
    let district_id = input.district_id.trim().to_owned();
    check_place(store.conn(), actor, &region_id, &district_id, &mut problems)?;
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    let id = new_id(now).to_string();
    let at = stamp(now);
    tx.execute(
        "INSERT INTO assets (id, owner_id, kind, description, plate_number, vin,
             cadastral_number, serial_number, address, region_id, district_id, created_at,
             updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            id,
            owner.id,
            kind.as_str(),
            description,
            plate,
            vin,
            cadastral,
            serial,
            address,
            region_id,
            district_id,
            at
        ],
    )?;
    let asset = find_asset(&tx, actor, &id)?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&asset)?),
            ..asset_event(actor, "asset.add", &asset)
        },
    )?;
    tx.commit()?;
    Ok(asset)
}

pub(crate) fn order_of(conn: &Connection, asset_id: &str) -> Result<Option<RequisitionOrder>> {
    Ok(conn
        .query_row(
            "SELECT number, order_date, legal_basis, authorising_official,
                 approving_administration, receiving_unit, mode, intake_date, intake_condition,
                 created_at
             FROM asset_orders WHERE asset_id = ?",
            [asset_id],
            |r| {
                let mode: String = r.get(6)?;
                Ok(RequisitionOrder {
                    number: r.get(0)?,
                    order_date: r.get(1)?,
                    legal_basis: r.get(2)?,
                    authorising_official: r.get(3)?,
                    approving_administration: r.get(4)?,
                    receiving_unit: r.get(5)?,
                    mode: Mode::parse(&mode)
                        .ok_or_else(|| crate::db::unknown_code(6, "requisition mode", &mode))?,
                    intake_date: r.get(7)?,
                    intake_condition: r.get(8)?,
                    created_at: r.get(9)?,
                })
            },
        )
        .optional()?)
}

/// Records the requisition order and the intake of an asset (once). Rule keys:
/// `number|legal_basis|authorising_official|approving_administration|receiving_unit|
/// intake_condition: required|too_long`; `order_date|intake_date: required|invalid_date|
/// date_future`; `intake_date: intake_before_order`. A second order is
/// `conflict/already_requisitioned`.
pub fn requisition(
    store: &mut Store,
    actor: &Actor,
    input: RequisitionInput,
) -> Result<RequisitionOrder> {
    actor.require_writer()?;
    let now = store.now();
    let today = local_today(now);
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let mut problems = Vec::new();
    let number = required_text("number", &input.number, 100, &mut problems);
    let legal_basis = required_text("legal_basis", &input.legal_basis, 1000, &mut problems);
    let official = required_text(
        "authorising_official",
        &input.authorising_official,
        300,
        &mut problems,
    );
    let administration = required_text(
        "approving_administration",
        &input.approving_administration,
        300,
        &mut problems,
    );
    let unit = required_text("receiving_unit", &input.receiving_unit, 300, &mut problems);
    let condition = required_text(
        "intake_condition",
        &input.intake_condition,
        4000,
        &mut problems,
    );
    let order_date = past_date("order_date", &input.order_date, today, &mut problems);
    let intake = past_date("intake_date", &input.intake_date, today, &mut problems);
    if let (Some(order), Some(intake)) = (order_date, intake) {
        if intake < order {
            problems.push(FieldError::new("intake_date", "intake_before_order"));
        }
    }
    let (Some(order_date), Some(intake)) = (order_date, intake) else {
        return Err(Error::invalid(problems));
    };
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let tx = store.write()?;
    if order_of(&tx, &asset.id)?.is_some() {
        return Err(Error::conflict(
            "already_requisitioned",
            "this asset already has a requisition order",
        ));
    }
    tx.execute(
        "INSERT INTO asset_orders (asset_id, number, order_date, legal_basis,
             authorising_official, approving_administration, receiving_unit, mode, intake_date,
             intake_condition, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            asset.id,
            number,
            order_date.to_string(),
            legal_basis,
            official,
            administration,
            unit,
            input.mode.as_str(),
            intake.to_string(),
            condition,
            stamp(now)
        ],
    )?;
    let order = order_of(&tx, &asset.id)?.ok_or_else(|| Error::internal("order vanished"))?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&order)?),
            ..asset_event(actor, "asset.requisition", &asset)
        },
    )?;
    tx.commit()?;
    Ok(order)
}

/// The media type of an attachment from its file name, for the callers that only have a file
/// (the CLI and the desktop picker); unknown kinds are stored as plain bytes.
pub fn media_type_for(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("heic") => "image/heic",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Attaches a photo or scan. Rule keys: `name: required|too_long`, `media_type:
/// required|media_type_format`, `data: empty|too_large` (over [`MAX_FILE_BYTES`]).
pub fn attach_file(store: &mut Store, actor: &Actor, input: NewFile) -> Result<AssetFile> {
    actor.require_writer()?;
    let now = store.now();
    let asset = find_asset(store.conn(), actor, input.asset_id.trim())?;
    let mut problems = Vec::new();
    let name = required_text("name", &input.name, 255, &mut problems);
    let media_type =
        required_text("media_type", &input.media_type, 100, &mut problems).to_lowercase();
    if !media_type.is_empty()
        && !media_type
            .split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty() && !media_type.contains(' '))
    {
        problems.push(FieldError::new("media_type", "media_type_format"));
    }
    if input.data.is_empty() {
        problems.push(FieldError::new("data", "empty"));
    } else if input.data.len() > MAX_FILE_BYTES {
        problems.push(FieldError::new("data", "too_large").with("max", MAX_FILE_BYTES));
    }
    if !problems.is_empty() {
        return Err(Error::invalid(problems));
    }
    let file = AssetFile {
        id: new_id(now).to_string(),
        name,
        media_type,
        size: input.data.len() as i64,
        sha256: hex::encode(Sha256::digest(&input.data)),
        created_at: stamp(now),
    };
    let tx = store.write()?;
    tx.execute(
        "INSERT INTO asset_files (id, asset_id, name, media_type, size, sha256, data, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            file.id,
            asset.id,
            file.name,
            file.media_type,
            file.size,
            file.sha256,
            input.data,
            file.created_at
        ],
    )?;
    audit::record(
        &tx,
        now,
        Event {
            after: Some(serde_json::to_value(&file)?),
            ..asset_event(actor, "asset.file_attach", &asset)
        },
    )?;
    tx.commit()?;
    Ok(file)
}

#[cfg(test)]
mod media_type_tests {
    use super::media_type_for;

    #[test]
    fn attachments_are_typed_by_their_extension_in_any_case() {
        assert_eq!(
            media_type_for("КамАЗ акт.JPG"),
            "image/jpeg",
            "upper-case extensions count"
        );
        assert_eq!(
            media_type_for("scan.pdf"),
            "application/pdf",
            "scanned acts are PDFs"
        );
        assert_eq!(
            media_type_for("notes"),
            "application/octet-stream",
            "no extension: plain bytes"
        );
    }
}
