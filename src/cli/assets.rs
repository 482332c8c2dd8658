//! `jasaq asset ...`: requisitioned assets from the command line. The same core functions,
//! scope rules and audit as the desktop app; amounts are typed in tenge (`1 234 567,89`) and
//! parsed to tiyn exactly; documents are written to `--out FILE`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::assets::{
    self, AppealClaimInput, AssetKind, AssetQuery, AssetStatus, ClaimQuery, ClaimStatus,
    DecideClaimInput, FileClaimInput, LossInput, LossKind, MarkBasisInput, Mode, NewAppraisal,
    NewAsset, NewFile, NewOwner, NewPayment, OwnerKind, OwnerQuery, RequisitionInput, ReturnInput,
};
use jasaq::db::Store;
use jasaq::Error;

use crate::{json_errors, print_json};

#[derive(Args)]
pub struct AssetArgs {
    /// Print the result (or the error) as JSON
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: AssetCommand,
}

#[derive(Subcommand)]
enum AssetCommand {
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
    /// Record an appraisal (amounts in tenge, e.g. "1 234 567,89")
    Appraise(AppraiseArgs),
    /// Make another appraisal the basis of the compensation
    Basis {
        /// Appraisal id
        appraisal: String,
        #[arg(long)]
        reason: String,
    },
    /// Record the return of an asset
    Return {
        asset: String,
        /// yyyy-mm-dd
        #[arg(long)]
        date: String,
        #[arg(long)]
        condition: String,
        /// Appraised loss of value in tenge
        #[arg(long, default_value = "0")]
        loss_of_value: String,
    },
    /// Record a total loss (destroyed, lost or consumed)
    Loss {
        asset: String,
        #[arg(long, value_parser = parse_loss)]
        kind: LossKind,
        #[arg(long)]
        date: String,
        #[arg(long)]
        circumstances: String,
    },
    /// File the owner's claim
    Claim {
        asset: String,
        #[arg(long)]
        date: String,
        /// Amount claimed in tenge
        #[arg(long)]
        amount: String,
        #[arg(long)]
        document: String,
    },
    /// Record a decision on a claim
    Decide {
        claim: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        document: String,
    },
    /// Record an appeal against a decision
    Appeal {
        claim: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        document: String,
    },
    /// Record a payment on a decided claim
    Pay {
        claim: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        document: String,
    },
    /// Show one asset with its computation and timeline
    Show { asset: String },
    /// List assets with filters
    List(ListArgs),
    /// List claims
    Claims {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        district: Option<String>,
        #[arg(long, value_parser = parse_claim_status)]
        status: Option<ClaimStatus>,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Totals per region and district
    Summary {
        #[arg(long)]
        region: Option<String>,
    },
    /// Write the compensation statement (PDF)
    Statement {
        asset: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Write the requisition act (PDF)
    Act {
        asset: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Args)]
struct OwnerArgs {
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
struct AssetFormArgs {
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
struct RequisitionArgs {
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

#[derive(Args)]
struct AppraiseArgs {
    /// Asset id
    asset: String,
    #[arg(long)]
    appraiser: String,
    #[arg(long)]
    method: String,
    /// yyyy-mm-dd
    #[arg(long)]
    date: String,
    /// Market value in tenge
    #[arg(long)]
    market_value: String,
    /// Market use rate per day in tenge (temporary use)
    #[arg(long)]
    use_rate: Option<String>,
    /// Make this the basis of the compensation (needs --reason)
    #[arg(long)]
    basis: bool,
    #[arg(long)]
    reason: Option<String>,
}

#[derive(Args)]
struct ListArgs {
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    district: Option<String>,
    /// registered, held, returned, lost, transferred
    #[arg(long, value_parser = parse_status)]
    status: Option<AssetStatus>,
    #[arg(long, value_parser = parse_kind)]
    kind: Option<AssetKind>,
    /// Only assets with an unpaid balance
    #[arg(long)]
    unpaid: bool,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    #[arg(long, default_value_t = 50)]
    limit: u32,
}

fn parse_kind(text: &str) -> Result<AssetKind, String> {
    AssetKind::parse(text).ok_or_else(|| {
        "expected building, premises, land, vehicle, special_machinery, equipment, \
         fuel_supplies or other"
            .to_owned()
    })
}

fn parse_mode(text: &str) -> Result<Mode, String> {
    Mode::parse(text).ok_or_else(|| "expected temporary_use or transfer_of_ownership".to_owned())
}

fn parse_loss(text: &str) -> Result<LossKind, String> {
    LossKind::parse(text).ok_or_else(|| "expected destroyed, lost or consumed".to_owned())
}

fn parse_status(text: &str) -> Result<AssetStatus, String> {
    AssetStatus::parse(text)
        .ok_or_else(|| "expected registered, held, returned, lost or transferred".to_owned())
}

fn parse_claim_status(text: &str) -> Result<ClaimStatus, String> {
    ClaimStatus::parse(text)
        .ok_or_else(|| "expected filed, decided, appealed, partly_paid or paid".to_owned())
}

/// Tenge as typed to tiyn; a bad amount is a field error naming the option.
fn tenge(field: &str, text: &str) -> Result<i64, Error> {
    assets::parse_tenge(field, text).map_err(|e| Error::invalid(vec![e]))
}

fn write_document(doc: &assets::Document, out: &std::path::Path, json: bool) -> Result<(), Error> {
    std::fs::write(out, &doc.bytes).map_err(|e| {
        Error::new(
            jasaq::ErrorCode::Internal,
            "write_failed",
            format!("cannot write {}: {e}", out.display()),
        )
    })?;
    if json {
        print_json(&serde_json::json!({
            "kind": doc.kind, "file": out.display().to_string(), "sha256": doc.sha256,
            "bytes": doc.bytes.len()
        }))
    } else {
        println!(
            "wrote {} ({} bytes, sha256 {})",
            out.display(),
            doc.bytes.len(),
            doc.sha256
        );
        Ok(())
    }
}

/// Prints a result as JSON or as a one-line summary.
fn done<T: serde::Serialize>(json: bool, value: &T, line: String) -> Result<(), Error> {
    if json {
        print_json(value)
    } else {
        println!("{line}");
        Ok(())
    }
}

pub fn run(store: &mut Store, actor: &Actor, args: AssetArgs) -> Result<(), Error> {
    let json = args.json;
    json_errors(json, command(store, actor, args.command, json))
}

fn command(
    store: &mut Store,
    actor: &Actor,
    command: AssetCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        AssetCommand::OwnerAdd(a) => {
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
        AssetCommand::Owners {
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
        AssetCommand::Add(a) => {
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
        AssetCommand::Requisition(a) => {
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
        AssetCommand::Attach {
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
        AssetCommand::Appraise(a) => {
            let market_value = tenge("market_value", &a.market_value)?;
            let use_rate = a
                .use_rate
                .as_deref()
                .map(|r| tenge("use_rate_per_day", r))
                .transpose()?;
            let appraisal = assets::appraise(
                store,
                actor,
                NewAppraisal {
                    asset_id: a.asset,
                    appraiser: a.appraiser,
                    method: a.method,
                    valuation_date: a.date,
                    market_value,
                    use_rate_per_day: use_rate,
                    basis: a.basis,
                    basis_reason: a.reason,
                },
            )?;
            done(
                json,
                &appraisal,
                format!(
                    "appraisal {} {}{}",
                    appraisal.id,
                    assets::format_tenge(appraisal.market_value),
                    if appraisal.is_basis { " (basis)" } else { "" }
                ),
            )
        }
        AssetCommand::Basis { appraisal, reason } => {
            let a = assets::mark_basis(
                store,
                actor,
                MarkBasisInput {
                    appraisal_id: appraisal,
                    reason,
                },
            )?;
            done(json, &a, format!("appraisal {} is the basis", a.id))
        }
        AssetCommand::Return {
            asset,
            date,
            condition,
            loss_of_value,
        } => {
            let loss_of_value = tenge("loss_of_value", &loss_of_value)?;
            let outcome = assets::record_return(
                store,
                actor,
                ReturnInput {
                    asset_id: asset,
                    returned_on: date,
                    condition,
                    loss_of_value,
                },
            )?;
            done(json, &outcome, "return recorded".to_owned())
        }
        AssetCommand::Loss {
            asset,
            kind,
            date,
            circumstances,
        } => {
            let outcome = assets::record_loss(
                store,
                actor,
                LossInput {
                    asset_id: asset,
                    kind,
                    lost_on: date,
                    circumstances,
                },
            )?;
            done(json, &outcome, "total loss recorded".to_owned())
        }
        AssetCommand::Claim {
            asset,
            date,
            amount,
            document,
        } => {
            let amount_claimed = tenge("amount_claimed", &amount)?;
            let claim = assets::file_claim(
                store,
                actor,
                FileClaimInput {
                    asset_id: asset,
                    filed_on: date,
                    amount_claimed,
                    document_number: document,
                },
            )?;
            done(json, &claim, format!("claim {} filed", claim.id))
        }
        AssetCommand::Decide {
            claim,
            date,
            amount,
            document,
        } => {
            let amount_decided = tenge("amount_decided", &amount)?;
            let claim = assets::decide_claim(
                store,
                actor,
                DecideClaimInput {
                    claim_id: claim,
                    decided_on: date,
                    amount_decided,
                    document_number: document,
                },
            )?;
            done(json, &claim, format!("claim {} decided", claim.id))
        }
        AssetCommand::Appeal {
            claim,
            date,
            document,
        } => {
            let claim = assets::appeal_claim(
                store,
                actor,
                AppealClaimInput {
                    claim_id: claim,
                    appealed_on: date,
                    document_number: document,
                },
            )?;
            done(json, &claim, format!("claim {} appealed", claim.id))
        }
        AssetCommand::Pay {
            claim,
            date,
            amount,
            document,
        } => {
            let amount = tenge("amount", &amount)?;
            let claim = assets::pay(
                store,
                actor,
                NewPayment {
                    claim_id: claim,
                    paid_on: date,
                    amount,
                    document_number: document,
                },
            )?;
            let balance = claim.amount_decided.unwrap_or(0) - claim.amount_paid;
            done(
                json,
                &claim,
                format!(
                    "payment recorded; paid {}, balance {}",
                    assets::format_tenge(claim.amount_paid),
                    assets::format_tenge(balance)
                ),
            )
        }
        AssetCommand::Show { asset } => {
            let detail = assets::get(store, actor, &asset)?;
            if json {
                return print_json(&detail);
            }
            let a = &detail.asset;
            println!("{}  {:?}  {}", a.id, a.status, a.description);
            println!(
                "owner: {} ({})",
                detail.owner.display_name, detail.owner.ident
            );
            if let Some(order) = &detail.order {
                println!(
                    "order {} of {}, intake {}, {:?}",
                    order.number, order.order_date, order.intake_date, order.mode
                );
            }
            if let Some(b) = &detail.compensation {
                println!("computation to {}:", detail.computed_on);
                for line in &b.lines {
                    let value = match line.unit.as_str() {
                        "days" => format!("{} days", line.value),
                        _ => assets::format_tenge(line.value),
                    };
                    println!("  {:<14} {:>28}", line.key, value);
                }
                if !b.missing.is_empty() {
                    println!("  missing: {}", b.missing.join(", "));
                }
            }
            if let Some(claim) = &detail.claim {
                println!("claim {} {:?}", claim.id, claim.status);
            }
            Ok(())
        }
        AssetCommand::List(a) => {
            let page = assets::list_assets(
                store,
                actor,
                AssetQuery {
                    region_id: a.region,
                    district_id: a.district,
                    status: a.status,
                    kind: a.kind,
                    owner_id: None,
                    unpaid_only: a.unpaid,
                    offset: a.offset,
                    limit: a.limit,
                },
            )?;
            if json {
                return print_json(&page);
            }
            for r in &page.rows {
                println!(
                    "{}  {:<11} {:<18} {:<30} balance {}",
                    r.asset.id,
                    r.asset.status.as_str(),
                    r.asset.kind.as_str(),
                    r.asset.owner_name,
                    r.balance
                        .map(assets::format_tenge)
                        .unwrap_or_else(|| "-".to_owned())
                );
            }
            println!("{} of {}", page.rows.len(), page.total);
            Ok(())
        }
        AssetCommand::Claims {
            region,
            district,
            status,
            offset,
            limit,
        } => {
            let page = assets::list_claims(
                store,
                actor,
                ClaimQuery {
                    region_id: region,
                    district_id: district,
                    status,
                    offset,
                    limit,
                },
            )?;
            if json {
                return print_json(&page);
            }
            for r in &page.rows {
                println!(
                    "{}  {:<11} {}  paid {}",
                    r.claim_id,
                    r.status.as_str(),
                    r.asset.description,
                    assets::format_tenge(r.amount_paid)
                );
            }
            println!("{} of {}", page.rows.len(), page.total);
            Ok(())
        }
        AssetCommand::Summary { region } => {
            let summary = assets::summary(store, actor, region.as_deref())?;
            if json {
                return print_json(&summary);
            }
            for r in summary
                .districts
                .iter()
                .chain(&summary.regions)
                .chain([&summary.total])
            {
                println!(
                    "{:<6} {:<36} held {} returned {} lost {} transferred {}  owed {} decided {} paid {}",
                    r.region_id, r.district_id, r.held, r.returned, r.lost, r.transferred,
                    assets::format_tenge(r.owed), assets::format_tenge(r.decided), assets::format_tenge(r.paid)
                );
            }
            Ok(())
        }
        AssetCommand::Statement { asset, out } => {
            let doc = assets::statement(store, actor, &asset)?;
            write_document(&doc, &out, json)
        }
        AssetCommand::Act { asset, out } => {
            let doc = assets::requisition_act(store, actor, &asset)?;
            write_document(&doc, &out, json)
        }
    }
}
