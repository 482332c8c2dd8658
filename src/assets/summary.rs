//! Totals per region and district within the actor's scope: assets held, returned, lost and
//! transferred; amounts owed (computed to today), decided and paid.

use crate::clock::local_today;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::detail::compensation_of;
use super::STATUS_SQL;
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, FieldError, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SummaryRow {
    pub region_id: String,
    /// Empty on a region's total row.
    pub district_id: String,
    pub held: u32,
    pub returned: u32,
    pub lost: u32,
    pub transferred: u32,
    #[ts(type = "number")]
    pub owed: i64,
    #[ts(type = "number")]
    pub decided: i64,
    #[ts(type = "number")]
    pub paid: i64,
}

/// One row per district, one total per region (`district_id` empty), and the grand total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Summary {
    pub districts: Vec<SummaryRow>,
    pub regions: Vec<SummaryRow>,
    pub total: SummaryRow,
    pub computed_on: String,
}

fn add(row: &mut SummaryRow, status: &str, owed: i64, decided: i64, paid: i64) -> Result<()> {
    match status {
        "held" => row.held += 1,
        "returned" => row.returned += 1,
        "lost" => row.lost += 1,
        "transferred" => row.transferred += 1,
        _ => {}
    }
    let overflow = || Error::invalid(vec![FieldError::new("amount", "overflow")]);
    row.owed = row.owed.checked_add(owed).ok_or_else(overflow)?;
    row.decided = row.decided.checked_add(decided).ok_or_else(overflow)?;
    row.paid = row.paid.checked_add(paid).ok_or_else(overflow)?;
    Ok(())
}

/// The summary of the actor's scope, optionally narrowed to one region.
pub fn summary(store: &Store, actor: &Actor, region_id: Option<&str>) -> Result<Summary> {
    actor.ready()?;
    let today = local_today(store.now());
    let conn = store.conn();
    let (scope_sql, scope_arg) = actor.scope().filter("a.region_id", "a.district_id");
    let mut args: Vec<String> = scope_arg.into_iter().collect();
    let mut sql = format!(
        "SELECT a.id, a.region_id, a.district_id, {STATUS_SQL} FROM assets a
         LEFT JOIN asset_orders o ON o.asset_id = a.id
         LEFT JOIN asset_outcomes x ON x.asset_id = a.id WHERE {scope_sql}"
    );
    if let Some(region) = region_id.map(str::trim).filter(|r| !r.is_empty()) {
        sql.push_str(" AND a.region_id = ?");
        args.push(region.to_owned());
    }
    let found: Vec<(String, String, String, String)> = conn
        .prepare(&sql)?
        .query_map(rusqlite::params_from_iter(&args), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut districts: BTreeMap<(String, String), SummaryRow> = BTreeMap::new();
    let mut regions: BTreeMap<String, SummaryRow> = BTreeMap::new();
    let mut total = SummaryRow::default();
    for (id, region, district, status) in found {
        let b = compensation_of(conn, &id, today)?.and_then(|r| r.ok());
        let owed = b.as_ref().and_then(|b| b.owed).unwrap_or(0);
        let decided = b.as_ref().and_then(|b| b.decided).unwrap_or(0);
        let paid = b.as_ref().map(|b| b.paid).unwrap_or(0);
        let d = districts
            .entry((region.clone(), district.clone()))
            .or_insert_with(|| SummaryRow {
                region_id: region.clone(),
                district_id: district.clone(),
                ..SummaryRow::default()
            });
        add(d, &status, owed, decided, paid)?;
        let r = regions.entry(region.clone()).or_insert_with(|| SummaryRow {
            region_id: region.clone(),
            ..SummaryRow::default()
        });
        add(r, &status, owed, decided, paid)?;
        add(&mut total, &status, owed, decided, paid)?;
    }
    Ok(Summary {
        districts: districts.into_values().collect(),
        regions: regions.into_values().collect(),
        total,
        computed_on: today.to_string(),
    })
}
