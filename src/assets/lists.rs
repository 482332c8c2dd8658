//! Lists of owners, assets and claims with filters and offset paging, within the actor's
//! scope. Requisitions are counted in thousands per region, not millions: a list reads the
//! scoped, filtered rows, computes what needs computing (the unpaid balance depends on today
//! for held assets) and pages in memory.

use crate::clock::local_today;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::detail::compensation_of;
use super::owners::{owner_from_row, owner_visible, Owner, OWNER_COLUMNS};
use super::register::{asset_from_row, Asset, ASSET_COLUMNS, ASSET_FROM};
use super::{AssetKind, AssetStatus, ClaimStatus, OwnerKind, STATUS_SQL};
use crate::access::Actor;
use crate::db::Store;
use crate::error::Result;

/// The largest page.
pub const MAX_PAGE: u32 = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnerQuery {
    /// Part of the name or the start of the IIN/BIN (any case, any script).
    pub text: Option<String>,
    pub kind: Option<OwnerKind>,
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub offset: u32,
    /// 1..=200; 0 means 50.
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OwnerPage {
    pub rows: Vec<Owner>,
    pub total: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub status: Option<AssetStatus>,
    pub kind: Option<AssetKind>,
    pub owner_id: Option<String>,
    /// Only assets whose balance (decided or owed, less paid) is above zero.
    pub unpaid_only: bool,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetRow {
    pub asset: Asset,
    pub claim_status: Option<ClaimStatus>,
    #[ts(type = "number | null")]
    pub owed: Option<i64>,
    #[ts(type = "number | null")]
    pub decided: Option<i64>,
    #[ts(type = "number")]
    pub paid: i64,
    #[ts(type = "number | null")]
    pub balance: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AssetPage {
    pub rows: Vec<AssetRow>,
    pub total: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimQuery {
    pub region_id: Option<String>,
    pub district_id: Option<String>,
    pub status: Option<ClaimStatus>,
    pub offset: u32,
    pub limit: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimRow {
    pub claim_id: String,
    pub asset: Asset,
    pub status: ClaimStatus,
    #[ts(type = "number")]
    pub amount_claimed: i64,
    #[ts(type = "number | null")]
    pub amount_decided: Option<i64>,
    #[ts(type = "number")]
    pub amount_paid: i64,
    #[ts(type = "number | null")]
    pub balance: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClaimPage {
    pub rows: Vec<ClaimRow>,
    pub total: u32,
}

fn page<T>(rows: Vec<T>, offset: u32, limit: u32) -> (Vec<T>, u32) {
    let limit = match limit {
        0 => 50,
        n => n.min(MAX_PAGE),
    } as usize;
    let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    (
        rows.into_iter().skip(offset as usize).take(limit).collect(),
        total,
    )
}

/// Bound filters: `(sql, params)` pieces appended with AND.
struct Filters {
    sql: Vec<String>,
    args: Vec<String>,
}

impl Filters {
    fn new(actor: &Actor, region_col: &str, district_col: &str) -> Self {
        let (sql, arg) = actor.scope().filter(region_col, district_col);
        Self {
            sql: vec![sql],
            args: arg.into_iter().collect(),
        }
    }

    fn eq(&mut self, col: &str, value: Option<&str>) {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            self.sql.push(format!("{col} = ?"));
            self.args.push(v.to_owned());
        }
    }

    fn clause(&self) -> String {
        self.sql.join(" AND ")
    }
}

/// Owners visible to the actor (recorded in scope or owning an asset in scope).
pub fn list_owners(store: &Store, actor: &Actor, query: OwnerQuery) -> Result<OwnerPage> {
    actor.ready()?;
    let (visible, args) = owner_visible(&actor.scope());
    let mut f = Filters {
        sql: vec![visible],
        args,
    };
    f.eq("o.region_id", query.region_id.as_deref());
    f.eq("o.district_id", query.district_id.as_deref());
    f.eq("o.kind", query.kind.map(|k| k.as_str()));
    let sql = format!(
        "SELECT {OWNER_COLUMNS} FROM asset_owners o WHERE {} ORDER BY o.created_at DESC, o.id",
        f.clause()
    );
    let needle = query
        .text
        .as_deref()
        .map(crate::text::clean)
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase());
    let rows: Vec<Owner> = store
        .conn()
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&f.args), owner_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .filter(|o| {
            needle
                .as_deref()
                .is_none_or(|n| o.ident.starts_with(n) || o.display_name.to_lowercase().contains(n))
        })
        .collect();
    let (rows, total) = page(rows, query.offset, query.limit);
    Ok(OwnerPage { rows, total })
}

/// Assets in scope with their computed amounts, newest first.
pub fn list_assets(store: &Store, actor: &Actor, query: AssetQuery) -> Result<AssetPage> {
    actor.ready()?;
    let today = local_today(store.now());
    let mut f = Filters::new(actor, "a.region_id", "a.district_id");
    f.eq("a.region_id", query.region_id.as_deref());
    f.eq("a.district_id", query.district_id.as_deref());
    f.eq("a.kind", query.kind.map(|k| k.as_str()));
    f.eq("a.owner_id", query.owner_id.as_deref());
    f.eq(&format!("({STATUS_SQL})"), query.status.map(|s| s.as_str()));
    let sql = format!(
        "SELECT {ASSET_COLUMNS}, {STATUS_SQL}, c.status FROM {ASSET_FROM}
         LEFT JOIN asset_claims c ON c.asset_id = a.id
         WHERE {} ORDER BY a.created_at DESC, a.id",
        f.clause()
    );
    let conn = store.conn();
    let found: Vec<(Asset, Option<String>)> = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&f.args), |r| {
            Ok((asset_from_row(r)?, r.get(14)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut rows = Vec::with_capacity(found.len());
    for (asset, claim_status) in found {
        let breakdown = compensation_of(conn, &asset.id, today)?.and_then(|r| r.ok());
        let row = AssetRow {
            claim_status: claim_status
                .map(|s| {
                    ClaimStatus::parse(&s)
                        .ok_or_else(|| crate::db::unknown_code(14, "claim status", &s))
                })
                .transpose()?,
            owed: breakdown.as_ref().and_then(|b| b.owed),
            decided: breakdown.as_ref().and_then(|b| b.decided),
            paid: breakdown.as_ref().map(|b| b.paid).unwrap_or(0),
            balance: breakdown.as_ref().and_then(|b| b.balance),
            asset,
        };
        if !query.unpaid_only || row.balance.is_some_and(|b| b > 0) {
            rows.push(row);
        }
    }
    let (rows, total) = page(rows, query.offset, query.limit);
    Ok(AssetPage { rows, total })
}

/// Claims in scope, newest first.
pub fn list_claims(store: &Store, actor: &Actor, query: ClaimQuery) -> Result<ClaimPage> {
    actor.ready()?;
    let mut f = Filters::new(actor, "a.region_id", "a.district_id");
    f.eq("a.region_id", query.region_id.as_deref());
    f.eq("a.district_id", query.district_id.as_deref());
    f.eq("c.status", query.status.map(|s| s.as_str()));
    let sql = format!(
        "SELECT {ASSET_COLUMNS}, {STATUS_SQL}, c.id, c.status, c.amount_claimed,
             c.amount_decided, c.amount_paid
         FROM {ASSET_FROM} JOIN asset_claims c ON c.asset_id = a.id
         WHERE {} ORDER BY c.created_at DESC, c.id",
        f.clause()
    );
    let rows: Vec<ClaimRow> = store
        .conn()
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&f.args), |r| {
            let status: String = r.get(15)?;
            let decided: Option<i64> = r.get(17)?;
            let paid: i64 = r.get(18)?;
            Ok(ClaimRow {
                asset: asset_from_row(r)?,
                claim_id: r.get(14)?,
                status: ClaimStatus::parse(&status)
                    .ok_or_else(|| crate::db::unknown_code(15, "claim status", &status))?,
                amount_claimed: r.get(16)?,
                amount_decided: decided,
                amount_paid: paid,
                balance: decided.map(|d| d - paid),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let (rows, total) = page(rows, query.offset, query.limit);
    Ok(ClaimPage { rows, total })
}
