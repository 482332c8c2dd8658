//! `jasaq asset owner-add | owners | add | requisition | attach`: recording owners and their
//! assets, the requisition order with its intake, and attached photos or scans.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::assets::{
    self, AssetKind, Mode, NewAsset, NewFile, NewOwner, OwnerKind, OwnerQuery, RequisitionInput,
};
use jasaq::db::Store;
use jasaq::Error;

use super::{done, parse_kind};
use crate::print_json;

#[derive(Subcommand)]
pub(super) enum RegisterCommand {
    /// Record an owner: a citizen (--iin, --surname, --given-name) or an organisation (--bin, --org-name)
    OwnerAdd(OwnerArgs),
    /// List owners (name part or IIN/BIN start)
    Owners {
        #[arg(long)]
        text: Option<String>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Record an asset of an owner
    Add(AssetFormArgs),
    /// Record the requisition order and intake of an asset
    Requisition(RequisitionArgs),
    /// Attach a photo or scan (stored in the database, at most 10 MiB)
    Attach {
        /// Asset id
        asset: String,
        #[arg(long)]
        file: PathBuf,
        /// e.g. image/jpeg [default: from the extension]
        #[arg(long)]
        media_type: Option<String>,
    },
}

#[derive(Args)]
pub(super) struct OwnerArgs {
    #[arg(long, conflicts_with = "bin")]
    iin: Option<String>,
    #[arg(long)]
    bin: Option<String>,
    #[arg(long)]
    surname: Option<String>,
    #[arg(long)]
    given_name: Option<String>,
    #[arg(long)]
    patronymic: Option<String>,
    #[arg(long)]
    org_name: Option<String>,
    #[arg(long)]
    contact_person: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    email: Option<String>,
    #[arg(long)]
    address: String,
    /// Region code, e.g. KZ-11
    #[arg(long)]
    region: String,
    /// District id
    #[arg(long)]
    district: String,
}

#[derive(Args)]
pub(super) struct AssetFormArgs {
    /// Owner id
    #[arg(long)]
    owner: String,
    /// building, premises, land, vehicle, special_machinery, equipment, fuel_supplies, other
    #[arg(long, value_parser = parse_kind)]
    kind: AssetKind,
    #[arg(long)]
    description: String,
    #[arg(long)]
    plate: Option<String>,
    #[arg(long)]
    vin: Option<String>,
    #[arg(long)]
    cadastral: Option<String>,
    #[arg(long)]
    serial: Option<String>,
    #[arg(long)]
    address: String,
    #[arg(long)]
    region: String,
    #[arg(long)]
    district: String,
}

#[derive(Args)]
pub(super) struct RequisitionArgs {
    /// Asset id
    asset: String,
    #[arg(long)]
    number: String,
    /// yyyy-mm-dd
    #[arg(long)]
    order_date: String,
    #[arg(long)]
    legal_basis: String,
    #[arg(long)]
    official: String,
    #[arg(long)]
    administration: String,
    #[arg(long)]
    receiving_unit: String,
    /// temporary_use or transfer_of_ownership
    #[arg(long, value_parser = parse_mode)]
    mode: Mode,
    /// yyyy-mm-dd
    #[arg(long)]
    intake_date: String,
    #[arg(long)]
    condition: String,
}

fn parse_mode(text: &str) -> Result<Mode, String> {
    Mode::parse(text).ok_or_else(|| "expected temporary_use or transfer_of_ownership".to_owned())
}

pub(super) fn run(
    store: &mut Store,
    actor: &Actor,
    command: RegisterCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        RegisterCommand::OwnerAdd(a) => {
            let kind = if a.bin.is_some() {
                OwnerKind::Organisation
            } else {
                OwnerKind::Citizen
            };
            let owner = assets::add_owner(
                store,
                actor,
                NewOwner {
                    kind: Some(kind),
                    iin: a.iin,
                    bin: a.bin,
                    surname: a.surname,
                    given_name: a.given_name,
                    patronymic: a.patronymic,
                    org_name: a.org_name,
                    contact_person: a.contact_person,
                    phone: a.phone,
                    email: a.email,
                    address: a.address,
                    region_id: a.region,
                    district_id: a.district,
                },
            )?;
            done(
                json,
                &owner,
                format!(
                    "owner {} {} ({})",
                    owner.id, owner.display_name, owner.ident
                ),
            )
        }
        RegisterCommand::Owners {
            text,
            offset,
            limit,
        } => {
            let page = assets::list_owners(
                store,
                actor,
                OwnerQuery {
                    text,
                    offset,
                    limit,
                    ..OwnerQuery::default()
                },
            )?;
            if json {
                return print_json(&page);
            }
            for o in &page.rows {
                println!("{}  {}  {}", o.id, o.ident, o.display_name);
            }
            println!("{} of {}", page.rows.len(), page.total);
            Ok(())
        }
        RegisterCommand::Add(a) => {
            let asset = assets::add_asset(
                store,
                actor,
                NewAsset {
                    owner_id: a.owner,
                    kind: a.kind,
                    description: a.description,
                    plate_number: a.plate,
                    vin: a.vin,
                    cadastral_number: a.cadastral,
                    serial_number: a.serial,
                    address: a.address,
                    region_id: a.region,
                    district_id: a.district,
                },
            )?;
            done(
                json,
                &asset,
                format!("asset {} {}", asset.id, asset.description),
            )
        }
        RegisterCommand::Requisition(a) => {
            let order = assets::requisition(
                store,
                actor,
                RequisitionInput {
                    asset_id: a.asset,
                    number: a.number,
                    order_date: a.order_date,
                    legal_basis: a.legal_basis,
                    authorising_official: a.official,
                    approving_administration: a.administration,
                    receiving_unit: a.receiving_unit,
                    mode: a.mode,
                    intake_date: a.intake_date,
                    intake_condition: a.condition,
                },
            )?;
            done(
                json,
                &order,
                format!(
                    "order {} recorded, intake {}",
                    order.number, order.intake_date
                ),
            )
        }
        RegisterCommand::Attach {
            asset,
            file,
            media_type,
        } => {
            let data = std::fs::read(&file)
                .map_err(|e| Error::field("file", "unreadable").with("detail", e.to_string()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let media_type = media_type
                .unwrap_or_else(|| assets::media_type_for(&file.to_string_lossy()).to_owned());
            let saved = assets::attach_file(
                store,
                actor,
                NewFile {
                    asset_id: asset,
                    name,
                    media_type,
                    data,
                },
            )?;
            done(
                json,
                &saved,
                format!("file {} attached ({} bytes)", saved.id, saved.size),
            )
        }
    }
}
