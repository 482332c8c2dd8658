//! Readiness: establishment against assigned strength per position and in total, fill
//! percentage, members whose qualification is missing, expired or expiring, the age profile
//! and vacant command posts, for every unit and rolled up by region, agency and direction.
//!
//! Units of a region or a district: one grouped read of the active-assignment index gives, per
//! unit and position, the counts everything else is summed from (the index carries the birth
//! date and qualification copies, see the units migration). The national view lists no units
//! and reads the running totals the readiness-totals migration keeps instead (`rollup`), so it
//! never reads the 800,000 assignment entries of a full country. Ages and expiries are counted
//! on the local date of the call. Disbanded units are left out.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::checks::day;
use super::{Direction, UnitStatus, EXPIRY_WARNING_DAYS};
use crate::access::{Actor, Scope};
use crate::clock::local_today;
use crate::db::Store;
use crate::error::Result;
use crate::volunteers::age_on;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReadinessQuery {
    pub region_id: Option<String>,
    pub agency_id: Option<String>,
    pub direction: Option<Direction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PositionFill {
    pub position: String,
    pub authorised: u32,
    pub assigned: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgeBand {
    /// `18-24`, `25-34`, `35-44`, `45-54`, `55+`.
    pub band: String,
    pub count: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadinessFigures {
    pub units: u32,
    pub authorised: u32,
    pub assigned: u32,
    /// Sum over units and positions of min(assigned, authorised): surplus in one position does
    /// not fill a vacancy in another.
    pub filled: u32,
    /// `filled` * 100 / `authorised`, one decimal; 0 when nothing is authorised.
    pub fill_percent: f64,
    pub positions: Vec<PositionFill>,
    pub qualification_missing: u32,
    pub qualification_expired: u32,
    pub qualification_expiring: u32,
    pub age_bands: Vec<AgeBand>,
    /// Vacancies in command positions plus units without a commander.
    pub vacant_command: u32,
    pub units_without_commander: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReadinessGroup {
    /// Region id, agency id or direction.
    pub key: String,
    pub figures: ReadinessFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UnitReadiness {
    pub unit_id: String,
    pub name: String,
    pub kind: String,
    pub parent_id: Option<String>,
    pub region_id: String,
    pub agency_id: String,
    pub direction: Direction,
    pub status: UnitStatus,
    pub figures: ReadinessFigures,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Readiness {
    /// The local date ages and expiries are counted on.
    pub as_of: String,
    pub total: ReadinessFigures,
    pub by_region: Vec<ReadinessGroup>,
    pub by_agency: Vec<ReadinessGroup>,
    pub by_direction: Vec<ReadinessGroup>,
    /// Every unit of the query when it names a region or the actor's scope is a region or
    /// district; empty for the national view (which shows the groups).
    pub units: Vec<UnitReadiness>,
}

pub const AGE_BANDS: [&str; 5] = ["18-24", "25-34", "35-44", "45-54", "55+"];
/// Lower age bound of each band after the first.
pub(super) const BAND_FROM: [i32; 4] = [25, 35, 45, 55];

/// Counts of one unit, kept as plain numbers while summing.
#[derive(Default, Clone)]
pub(super) struct Tally {
    units: u32,
    /// Position -> (authorised, assigned).
    pub(super) positions: BTreeMap<String, (u32, u32)>,
    filled: u32,
    pub(super) missing: u32,
    pub(super) expired: u32,
    pub(super) expiring: u32,
    pub(super) bands: [u32; 5],
    vacant_command: u32,
    without_commander: u32,
}

/// What the national figures are grouped by: region, agency and border direction of a unit.
pub(super) type GroupKey = (String, String, Direction);

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.units += other.units;
        for (position, (authorised, assigned)) in &other.positions {
            // Most positions are already there: no new key to allocate.
            let line = match self.positions.get_mut(position) {
                Some(line) => line,
                None => self.positions.entry(position.clone()).or_default(),
            };
            line.0 += authorised;
            line.1 += assigned;
        }
        self.filled += other.filled;
        self.missing += other.missing;
        self.expired += other.expired;
        self.expiring += other.expiring;
        for (sum, n) in self.bands.iter_mut().zip(other.bands) {
            *sum += n;
        }
        self.vacant_command += other.vacant_command;
        self.without_commander += other.without_commander;
    }

    fn figures(&self, order: &[String]) -> ReadinessFigures {
        let authorised: u32 = self.positions.values().map(|l| l.0).sum();
        let assigned: u32 = self.positions.values().map(|l| l.1).sum();
        let fill_percent = if authorised == 0 {
            0.0
        } else {
            (f64::from(self.filled) * 1000.0 / f64::from(authorised)).round() / 10.0
        };
        let mut positions: Vec<PositionFill> = self
            .positions
            .iter()
            .map(|(position, (authorised, assigned))| PositionFill {
                position: position.clone(),
                authorised: *authorised,
                assigned: *assigned,
            })
            .collect();
        positions.sort_by_key(|p| order.iter().position(|c| c == &p.position));
        ReadinessFigures {
            units: self.units,
            authorised,
            assigned,
            filled: self.filled,
            fill_percent,
            positions,
            qualification_missing: self.missing,
            qualification_expired: self.expired,
            qualification_expiring: self.expiring,
            age_bands: AGE_BANDS
                .iter()
                .zip(self.bands)
                .map(|(band, count)| AgeBand {
                    band: (*band).to_owned(),
                    count,
                })
                .collect(),
            vacant_command: self.vacant_command,
            units_without_commander: self.without_commander,
        }
    }
}

pub(super) struct UnitInfo {
    id: String,
    name: String,
    kind: String,
    parent_id: Option<String>,
    region_id: String,
    agency_id: String,
    direction: Direction,
    status: UnitStatus,
    pub(super) tally: Tally,
}

impl UnitInfo {
    pub(super) fn key(&self) -> GroupKey {
        (
            self.region_id.clone(),
            self.agency_id.clone(),
            self.direction,
        )
    }
}

/// The latest birth date of someone at least `years` old on `today` (as [`age_on`] counts).
pub(super) fn born_by(today: NaiveDate, years: i32) -> NaiveDate {
    let year = today.year() - years;
    let mut cutoff = today
        .with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .unwrap_or(today);
    while let Some(next) = cutoff.succ_opt() {
        if age_on(next, today) >= years {
            cutoff = next;
        } else {
            break;
        }
    }
    cutoff
}

/// Readiness of the units in the actor's scope, narrowed by the query.
pub fn readiness(store: &Store, actor: &Actor, query: &ReadinessQuery) -> Result<Readiness> {
    actor.ready()?;
    let conn = store.conn();
    let today = local_today(store.now());
    let (scope_sql, scope_param) = actor.scope().filter("u.region_id", "u.district_id");
    let mut filter = format!("u.status <> 'disbanded' AND {scope_sql}");
    let mut args: Vec<String> = scope_param.into_iter().collect();
    let region = crate::text::clean_opt(query.region_id.as_deref());
    if let Some(region) = &region {
        filter.push_str(" AND u.region_id = ?");
        args.push(region.clone());
    }
    if let Some(agency) = crate::text::clean_opt(query.agency_id.as_deref()) {
        filter.push_str(" AND u.agency_id = ?");
        args.push(agency);
    }
    if let Some(direction) = query.direction {
        filter.push_str(" AND u.direction = ?");
        args.push(direction.as_str().to_owned());
    }

    let mut units: HashMap<String, UnitInfo> = HashMap::new();
    let mut order_of_units: Vec<String> = Vec::new();
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT u.id, u.name, u.kind, u.parent_id, u.region_id, u.agency_id, u.direction,
                 u.status, u.commander_id IS NULL FROM units u WHERE {filter}
             ORDER BY u.region_id, u.name, u.id"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let direction: String = r.get(6)?;
            let status: String = r.get(7)?;
            let no_commander: bool = r.get(8)?;
            let info = UnitInfo {
                id: id.clone(),
                name: r.get(1)?,
                kind: r.get(2)?,
                parent_id: r.get(3)?,
                region_id: r.get(4)?,
                agency_id: r.get(5)?,
                direction: Direction::parse(&direction)
                    .ok_or_else(|| crate::db::unknown_code(6, "border direction", &direction))?,
                status: UnitStatus::parse(&status)
                    .ok_or_else(|| crate::db::unknown_code(7, "unit status", &status))?,
                tally: Tally {
                    units: 1,
                    without_commander: u32::from(no_commander),
                    ..Tally::default()
                },
            };
            order_of_units.push(id.clone());
            units.insert(id, info);
        }
    }

    // Authorised strength per unit and position.
    {
        let mut stmt = conn.prepare(&format!(
            "SELECT e.unit_id, e.position, e.authorised FROM unit_establishment e
             JOIN units u ON u.id = e.unit_id WHERE {filter}"
        ))?;
        let mut rows = stmt.query(rusqlite::params_from_iter(&args))?;
        while let Some(r) = rows.next()? {
            let unit_id = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if let Some(unit) = units.get_mut(unit_id) {
                unit.tally.positions.entry(r.get(1)?).or_default().0 = r.get(2)?;
            }
        }
    }

    // Assigned strength, ages and qualifications: per unit from the index when units are
    // listed (a region or less), from the running totals for the national view.
    let list_units = region.is_some() || !matches!(actor.scope(), Scope::National);
    let key_bands = if list_units {
        count_per_unit(conn, &mut units, today, &filter, &args)?;
        HashMap::new()
    } else {
        super::rollup::count_from_totals(conn, &mut units, today)?
    };

    let positions = super::catalogue::positions(conn)?;
    let command: Vec<&str> = positions
        .iter()
        .filter(|p| p.command)
        .map(|p| p.code.as_str())
        .collect();
    let order: Vec<String> = positions.iter().map(|p| p.code.clone()).collect();
    // Units add up per (region, agency, direction); the national view's age bands are known
    // only per such key. The groups and the total add up the keys.
    let mut by_key: BTreeMap<GroupKey, Tally> = BTreeMap::new();
    for unit in units.values_mut() {
        let key = unit.key();
        let t = &mut unit.tally;
        t.filled = t.positions.values().map(|(a, s)| (*a).min(*s)).sum();
        t.vacant_command = t.without_commander
            + t.positions
                .iter()
                .filter(|(p, _)| command.contains(&p.as_str()))
                .map(|(_, (a, s))| a.saturating_sub(*s))
                .sum::<u32>();
        by_key.entry(key).or_default().add(t);
    }
    for (key, bands) in key_bands {
        if let Some(t) = by_key.get_mut(&key) {
            for (sum, n) in t.bands.iter_mut().zip(bands) {
                *sum += n;
            }
        }
    }
    let mut total = Tally::default();
    let mut by_region: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_agency: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_direction: BTreeMap<Direction, Tally> = BTreeMap::new();
    for ((region_id, agency_id, direction), t) in &by_key {
        total.add(t);
        by_region.entry(region_id.clone()).or_default().add(t);
        by_agency.entry(agency_id.clone()).or_default().add(t);
        by_direction.entry(*direction).or_default().add(t);
    }
    let agencies: Vec<String> = conn
        .prepare("SELECT id FROM agencies ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut agency_groups: Vec<(String, Tally)> = by_agency.into_iter().collect();
    agency_groups.sort_by_key(|(id, _)| agencies.iter().position(|a| a == id));
    let group = |key: String, t: &Tally| ReadinessGroup {
        key,
        figures: t.figures(&order),
    };
    let unit_rows = if list_units {
        order_of_units
            .iter()
            .filter_map(|id| units.get(id))
            .map(|u| UnitReadiness {
                unit_id: u.id.clone(),
                name: u.name.clone(),
                kind: u.kind.clone(),
                parent_id: u.parent_id.clone(),
                region_id: u.region_id.clone(),
                agency_id: u.agency_id.clone(),
                direction: u.direction,
                status: u.status,
                figures: u.tally.figures(&order),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(Readiness {
        as_of: day(today),
        total: total.figures(&order),
        by_region: by_region.iter().map(|(k, t)| group(k.clone(), t)).collect(),
        by_agency: agency_groups
            .iter()
            .map(|(k, t)| group(k.clone(), t))
            .collect(),
        by_direction: by_direction
            .iter()
            .map(|(k, t)| group(k.as_str().to_owned(), t))
            .collect(),
        units: unit_rows,
    })
}

/// Assigned strength, age bands and qualifications of each unit of `units` (those `filter`
/// selects), in one grouped read of the active-assignment index: the units of a region at most.
fn count_per_unit(
    conn: &rusqlite::Connection,
    units: &mut HashMap<String, UnitInfo>,
    today: NaiveDate,
    filter: &str,
    args: &[String],
) -> Result<()> {
    let cutoffs: Vec<String> = BAND_FROM.iter().map(|y| day(born_by(today, *y))).collect();
    let today_text = day(today);
    let warn = day(today + Duration::days(EXPIRY_WARNING_DAYS));
    let mut stmt = conn.prepare(&format!(
        "SELECT a.unit_id, a.position, count(*),
             sum(a.birth_date > ?1), sum(a.birth_date > ?2), sum(a.birth_date > ?3),
             sum(a.birth_date > ?4), sum(a.qual_missing),
             sum(a.qual_missing = 0 AND a.qual_expiry < ?5),
             sum(a.qual_missing = 0 AND a.qual_expiry >= ?5 AND a.qual_expiry <= ?6)
         FROM assignments a INDEXED BY assignments_active_by_unit
         WHERE a.end_date IS NULL AND a.unit_id IN (SELECT u.id FROM units u WHERE {filter})
         GROUP BY a.unit_id, a.position"
    ))?;
    let mut bound: Vec<&str> = cutoffs.iter().map(String::as_str).collect();
    bound.push(&today_text);
    bound.push(&warn);
    bound.extend(args.iter().map(String::as_str));
    let mut rows = stmt.query(rusqlite::params_from_iter(bound))?;
    while let Some(r) = rows.next()? {
        let unit_id: String = r.get(0)?;
        let Some(unit) = units.get_mut(&unit_id) else {
            continue;
        };
        let count: u32 = r.get(2)?;
        let younger: [u32; 4] = [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?];
        unit.tally.positions.entry(r.get(1)?).or_default().1 = count;
        // younger[i]: members younger than BAND_FROM[i]; bands are the differences.
        let t = &mut unit.tally;
        t.bands[0] += younger[0];
        t.bands[1] += younger[1] - younger[0];
        t.bands[2] += younger[2] - younger[1];
        t.bands[3] += younger[3] - younger[2];
        t.bands[4] += count - younger[3];
        t.missing += r.get::<_, u32>(7)?;
        t.expired += r.get::<_, Option<u32>>(8)?.unwrap_or(0);
        t.expiring += r.get::<_, Option<u32>>(9)?.unwrap_or(0);
    }
    Ok(())
}

/// Every unit's readiness under the query, whatever the view (the CSV export).
pub(crate) fn unit_readiness_all(
    store: &Store,
    actor: &Actor,
    query: &ReadinessQuery,
) -> Result<Vec<UnitReadiness>> {
    let mut narrowed = query.clone();
    if narrowed.region_id.is_none() {
        // The national view lists no units; ask region by region in the actor's scope.
        let regions: Vec<String> = store
            .conn()
            .prepare("SELECT id FROM regions ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut all = Vec::new();
        for region in regions {
            if actor.scope().region().is_some_and(|r| r != region) {
                continue;
            }
            narrowed.region_id = Some(region);
            all.extend(readiness(store, actor, &narrowed)?.units);
        }
        return Ok(all);
    }
    Ok(readiness(store, actor, &narrowed)?.units)
}
