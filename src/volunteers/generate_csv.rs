//! The generator's volunteers written to a CSV file as a district office would bring them
//! (Russian headers, dates as `dd.MM.yyyy`, districts by name), for the import benchmark and
//! tests. Same people as [`super::generate`] draws for a seed; nothing is inserted, only the
//! districts the rows name are made sure of.

use std::collections::HashSet;
use std::path::Path;

use chrono::Duration;

use super::generate::{districts, person, Rng};
use super::GenerateOptions;
use crate::access::Actor;
use crate::db::Store;
use crate::error::{Error, Result};

pub const CSV_HEADER: [&str; 16] = [
    "ИИН",
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Пол",
    "Гражданство",
    "Регион",
    "Район",
    "Адрес регистрации",
    "Фактический адрес",
    "Телефон",
    "Email",
    "Военная служба",
    "Категория годности",
    "Навыки",
];

/// Writes `options.count` generated volunteers to `path`; returns the rows written.
pub fn write_csv(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    options: &GenerateOptions,
) -> Result<u64> {
    actor.require_national_admin()?;
    let now = store.now();
    let tx = store.write()?;
    let places = districts(&tx, now, options.districts_per_region)?;
    let names: std::collections::HashMap<String, String> = tx
        .prepare("SELECT id, name_ru FROM districts")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let bits: Vec<(String, i64)> = tx
        .prepare("SELECT code, bit FROM skills WHERE bit IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    tx.commit()?;
    let failed = |e: csv::Error| Error::internal(format!("writing the CSV: {e}"));
    let mut out = csv::Writer::from_path(path).map_err(failed)?;
    out.write_record(CSV_HEADER).map_err(failed)?;
    let mut rng = Rng::new(options.seed);
    let today = (now + Duration::hours(5)).date_naive();
    let mut used: HashSet<u64> = HashSet::with_capacity(options.count as usize);
    let mut written = 0;
    while written < options.count {
        let Some(p) = person(&mut rng, &places, today, &bits) else {
            continue;
        };
        if !used.insert(p.iin.parse().unwrap_or(0)) {
            continue;
        }
        let skills: Vec<String> = p
            .skills
            .iter()
            .map(|s| {
                if s.licence_categories.is_empty() {
                    s.code.clone()
                } else {
                    format!("{} ({})", s.code, s.licence_categories.join(" "))
                }
            })
            .collect();
        out.write_record([
            p.iin.as_str(),
            &p.surname,
            &p.given_name,
            p.patronymic.as_deref().unwrap_or(""),
            &p.birth_date.format("%d.%m.%Y").to_string(),
            p.sex.as_str(),
            &p.citizenship,
            &p.region_id,
            names.get(&p.district_id).map(String::as_str).unwrap_or(""),
            &p.registered_address,
            &p.actual_address,
            &p.phone,
            p.email.as_deref().unwrap_or(""),
            p.military_service.as_str(),
            p.health_category.map(|h| h.as_str()).unwrap_or(""),
            &skills.join(", "),
        ])
        .map_err(failed)?;
        written += 1;
    }
    out.flush()
        .map_err(|e| Error::internal(format!("writing the CSV: {e}")))?;
    Ok(written)
}
