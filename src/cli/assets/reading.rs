//! `jasaq asset show | list | claims | summary | statement | act`: reading assets and claims
//! (one asset with its computation, the filtered lists, totals per region and district) and
//! writing the compensation statement and requisition act to `--out FILE`.
use std::path::PathBuf;

use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::assets::{self, AssetKind, AssetQuery, AssetStatus, ClaimQuery, ClaimStatus};
use jasaq::db::Store;
use jasaq::Error;

use super::parse_kind;
use crate::print_json;

#[derive(Subcommand)]
pub(super) enum ReadingCommand {
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
pub(super) struct ListArgs {
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

fn parse_status(text: &str) -> Result<AssetStatus, String> {
    AssetStatus::parse(text)
        .ok_or_else(|| "expected registered, held, returned, lost or transferred".to_owned())
}

fn parse_claim_status(text: &str) -> Result<ClaimStatus, String> {
    ClaimStatus::parse(text)
        .ok_or_else(|| "expected filed, decided, appealed, partly_paid or paid".to_owned())
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

pub(super) fn run(
    store: &mut Store,
    actor: &Actor,
    command: ReadingCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        ReadingCommand::Show { asset } => {
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
        ReadingCommand::List(a) => {
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
        ReadingCommand::Claims {
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
        ReadingCommand::Summary { region } => {
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
        ReadingCommand::Statement { asset, out } => {
            let doc = assets::statement(store, actor, &asset)?;
            write_document(&doc, &out, json)
        }
        ReadingCommand::Act { asset, out } => {
            let doc = assets::requisition_act(store, actor, &asset)?;
            write_document(&doc, &out, json)
        }
    }
}
