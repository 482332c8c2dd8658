//! `jasaq asset appraise | basis | return | loss | claim | decide | appeal | pay`: what the
//! owner is owed and paid: appraisals and the basis of the compensation, the return or total
//! loss of the asset, and the claim through decision, appeal and payments. Amounts are typed
//! in tenge and parsed to tiyn exactly.
use clap::{Args, Subcommand};
use jasaq::access::Actor;
use jasaq::assets::{
    self, AppealClaimInput, DecideClaimInput, FileClaimInput, LossInput, LossKind, MarkBasisInput,
    NewAppraisal, NewPayment, ReturnInput,
};
use jasaq::db::Store;
use jasaq::Error;

use super::{done, tenge};

#[derive(Subcommand)]
pub(super) enum CompensationCommand {
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
}

#[derive(Args)]
pub(super) struct AppraiseArgs {
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

fn parse_loss(text: &str) -> Result<LossKind, String> {
    LossKind::parse(text).ok_or_else(|| "expected destroyed, lost or consumed".to_owned())
}

pub(super) fn run(
    store: &mut Store,
    actor: &Actor,
    command: CompensationCommand,
    json: bool,
) -> Result<(), Error> {
    match command {
        CompensationCommand::Appraise(a) => {
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
        CompensationCommand::Basis { appraisal, reason } => {
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
        CompensationCommand::Return {
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
        CompensationCommand::Loss {
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
        CompensationCommand::Claim {
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
        CompensationCommand::Decide {
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
        CompensationCommand::Appeal {
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
        CompensationCommand::Pay {
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
    }
}
