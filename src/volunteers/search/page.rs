//! Running a plan: one keyset page with its (capped) total, the one-pass first page of a text
//! search, and the walk over every match that exports use.

use rusqlite::types::Value;
use rusqlite::OptionalExtension;

use super::mode::Mode;
use super::plan::{plan, Plan};
use super::{
    row_from, VolunteerPage, VolunteerQuery, VolunteerRow, ROW_COLUMNS, ROW_WIDTH, TOTAL_CAP,
};
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, Result};

/// Searches and lists the actor's volunteers.
pub fn search(store: &Store, actor: &Actor, query: &VolunteerQuery) -> Result<VolunteerPage> {
    let Plan {
        mode,
        text_table,
        from_sql,
        page_from,
        filter,
        page_filter,
        args,
        order,
        descending,
        text_only,
        cursor,
        limit,
    } = plan(store, actor, query)?;
    let conn = store.conn();
    let cap = if query.exact_total {
        String::new()
    } else {
        format!(" LIMIT {}", TOTAL_CAP + 1)
    };
    // The first page of a text search whose scope the index holds exactly reads the index
    // once: the newest TOTAL_CAP + 1 matching rowids give both the total and the page (a
    // second MATCH for the count doubled the cost of a district operator's search).
    if let (Mode::Fragment(expr), true, None, false) =
        (&mode, text_only, &cursor, query.exact_total)
    {
        return first_text_page(conn, text_table, expr, limit);
    }
    let count_args: Vec<Value> = match (&mode, text_only) {
        (Mode::Fragment(expr), true) => vec![Value::Text(expr.clone())],
        _ => args.clone(),
    };
    let count_sql = match (&mode, text_only) {
        (Mode::Fragment(_), true) => format!(
            "SELECT count(*) FROM (SELECT 1 FROM {text_table} WHERE {text_table} MATCH ?{cap})"
        ),
        _ => format!("SELECT count(*) FROM (SELECT 1 FROM {from_sql}{filter}{cap})"),
    };
    let counted: i64 = conn
        .prepare_cached(&count_sql)?
        .query_row(rusqlite::params_from_iter(count_args.iter()), |r| r.get(0))?;

    let mut page_sql = format!(
        "SELECT {ROW_COLUMNS}, {} FROM {page_from}{page_filter}",
        order.join(", ")
    );
    let mut page_args = args;
    let (cmp, dir) = if descending {
        ("<", "DESC")
    } else {
        (">", "ASC")
    };
    if let Some(values) = cursor {
        if values.len() != order.len() {
            return Err(Error::field("cursor", "invalid_cursor"));
        }
        let marks = vec!["?"; order.len()].join(", ");
        page_sql.push_str(&format!(" AND ({}) {cmp} ({marks})", order.join(", ")));
        page_args.extend(values);
    }
    let order_by: Vec<String> = order.iter().map(|c| format!("{c} {dir}")).collect();
    page_sql.push_str(&format!(" ORDER BY {} LIMIT ?", order_by.join(", ")));
    page_args.push(Value::Integer(i64::from(limit) + 1));

    let mut stmt = conn.prepare_cached(&page_sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(page_args.iter()))?;
    let mut out = Vec::new();
    let mut last_key = None;
    let mut more = false;
    while let Some(r) = rows.next()? {
        if out.len() == limit as usize {
            more = true;
            break;
        }
        out.push(row_from(r, 0)?);
        let mut key = Vec::new();
        for i in 0..order.len() {
            key.push(match r.get::<_, Value>(ROW_WIDTH + i)? {
                Value::Integer(n) => serde_json::Value::from(n),
                Value::Text(s) => serde_json::Value::from(s),
                _ => serde_json::Value::Null,
            });
        }
        last_key = Some(key);
    }
    let next_cursor = if more {
        last_key.map(|k| serde_json::Value::Array(k).to_string())
    } else {
        None
    };
    Ok(VolunteerPage {
        rows: out,
        next_cursor,
        total: if query.exact_total {
            u32::try_from(counted).unwrap_or(u32::MAX)
        } else {
            counted.min(i64::from(TOTAL_CAP)) as u32
        },
        total_capped: !query.exact_total && counted > i64::from(TOTAL_CAP),
    })
}

/// One pass over a trigram index for the first page of a text search: the newest matches'
/// rowids, then the page's rows by key. Only for scopes the index holds exactly.
fn first_text_page(
    conn: &rusqlite::Connection,
    text_table: &str,
    expr: &str,
    limit: u32,
) -> Result<VolunteerPage> {
    let ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT rowid FROM {text_table} WHERE {text_table} MATCH ? ORDER BY rowid DESC LIMIT {}",
            TOTAL_CAP + 1
        ))?
        .query_map([expr], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut fetch = conn.prepare_cached(&format!(
        "SELECT {ROW_COLUMNS} FROM volunteers v WHERE v.seq = ?"
    ))?;
    let mut rows = Vec::new();
    for id in ids.iter().take(limit as usize) {
        if let Some(row) = fetch.query_row([id], |r| row_from(r, 0)).optional()? {
            rows.push(row);
        }
    }
    let shown = ids.len().min(limit as usize);
    let next_cursor = (ids.len() > shown && shown > 0)
        .then(|| serde_json::Value::Array(vec![ids[shown - 1].into()]).to_string());
    let counted = ids.len() as u32;
    Ok(VolunteerPage {
        rows,
        next_cursor,
        total: counted.min(TOTAL_CAP),
        total_capped: counted > TOTAL_CAP,
    })
}

/// Every volunteer the query matches, in the list's order, handed to `each` one at a time
/// (an export of a million rows holds one row, not a million): the same plan as a page with
/// no cursor and no limit.
pub(crate) fn each_match(
    store: &Store,
    actor: &Actor,
    query: &VolunteerQuery,
    mut each: impl FnMut(VolunteerRow) -> Result<()>,
) -> Result<u64> {
    let query = VolunteerQuery {
        cursor: None,
        limit: 0,
        ..query.clone()
    };
    let plan = plan(store, actor, &query)?;
    let dir = if plan.descending { "DESC" } else { "ASC" };
    let order_by: Vec<String> = plan.order.iter().map(|c| format!("{c} {dir}")).collect();
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM {}{} ORDER BY {}",
        plan.page_from,
        plan.page_filter,
        order_by.join(", ")
    );
    let mut stmt = store.conn().prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(plan.args.iter()))?;
    let mut count = 0;
    while let Some(r) = rows.next()? {
        each(row_from(r, 0)?)?;
        count += 1;
    }
    Ok(count)
}
