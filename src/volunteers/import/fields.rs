//! The volunteer columns a spreadsheet may carry, their kk/ru/en header aliases, and turning
//! one row's cells into the form's input ([`VolunteerInput`]).
//!
//! Only what a spreadsheet writes differently from the form is translated here: dates as
//! `dd.MM.yyyy`, sex, citizenship, service and health in words, places by name, skills as a
//! list. Everything else, and every rule, is the form's validation, applied afterwards
//! unchanged. A value that cannot be translated is kept as typed when the form would refuse
//! it with a clear rule (a bad date), or reported here as `unknown_value`.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::super::{HealthCategory, MilitaryService, SkillInput, Volunteer, VolunteerInput};
use crate::access::{Actor, Scope};
use crate::error::{FieldError, Result};
use crate::identity::Sex;
use crate::sheets::header::fold;
use crate::sheets::{Field, HeaderMatcher, Row};

pub const FIELDS: &[Field] = &[
    Field {
        key: "iin",
        aliases: &[
            "ИИН",
            "ЖСН",
            "IIN",
            "ИИН/ЖСН",
            "Жеке сәйкестендіру нөмірі",
            "Индивидуальный идентификационный номер",
        ],
    },
    Field {
        key: "surname",
        aliases: &["Фамилия", "Тегі", "Surname", "Last name", "Family name"],
    },
    Field {
        key: "given_name",
        aliases: &["Имя", "Аты", "Given name", "First name", "Name"],
    },
    Field {
        key: "patronymic",
        aliases: &["Отчество", "Әкесінің аты", "Patronymic", "Middle name"],
    },
    Field {
        key: "birth_date",
        aliases: &[
            "Дата рождения",
            "Туған күні",
            "Birth date",
            "Date of birth",
            "DOB",
        ],
    },
    Field {
        key: "sex",
        aliases: &["Пол", "Жынысы", "Sex", "Gender"],
    },
    Field {
        key: "citizenship",
        aliases: &["Гражданство", "Азаматтығы", "Citizenship", "Nationality"],
    },
    Field {
        key: "region_id",
        aliases: &["Регион", "Область", "Облыс", "Өңір", "Region", "Oblast"],
    },
    Field {
        key: "district_id",
        aliases: &["Район", "Аудан", "District"],
    },
    Field {
        key: "registered_address",
        aliases: &[
            "Адрес регистрации",
            "Адрес прописки",
            "Тіркелген мекенжайы",
            "Registered address",
            "Адрес",
            "Мекенжай",
            "Address",
        ],
    },
    Field {
        key: "actual_address",
        aliases: &[
            "Фактический адрес",
            "Адрес проживания",
            "Нақты мекенжайы",
            "Тұратын мекенжайы",
            "Actual address",
            "Residence address",
        ],
    },
    Field {
        key: "phone",
        aliases: &[
            "Телефон",
            "Тел",
            "Мобильный телефон",
            "Ұялы телефон",
            "Phone",
            "Mobile",
        ],
    },
    Field {
        key: "email",
        aliases: &[
            "Электронная почта",
            "Эл почта",
            "Электрондық пошта",
            "Email",
            "E-mail",
        ],
    },
    Field {
        key: "military_service",
        aliases: &[
            "Военная служба",
            "Воинская служба",
            "Әскери қызмет",
            "Military service",
            "Service",
        ],
    },
    Field {
        key: "health_category",
        aliases: &[
            "Категория годности",
            "Годность",
            "Жарамдылық санаты",
            "Health category",
            "Fitness category",
        ],
    },
    Field {
        key: "skills",
        aliases: &["Навыки", "Дағдылар", "Skills"],
    },
    Field {
        key: "notes",
        aliases: &["Примечание", "Примечания", "Ескерту", "Notes", "Comment"],
    },
];

pub static MATCHER: HeaderMatcher = HeaderMatcher::new(FIELDS);

/// Region and district ids by their folded names (any language) and ids, loaded once.
pub struct Places {
    regions: HashMap<String, String>,
    /// (region id, folded name) to district id.
    districts: HashMap<(String, String), String>,
    /// Folded name to district ids, for a sheet with no region column.
    district_names: HashMap<String, Vec<String>>,
}

impl Places {
    pub fn load(conn: &Connection) -> Result<Self> {
        let mut regions = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name_kk, name_ru, name_en FROM regions")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (id, kk, ru, en) = row?;
            for name in [&id, &kk, &ru, &en] {
                regions.insert(fold(name), id.clone());
            }
        }
        let mut districts = HashMap::new();
        let mut district_names: HashMap<String, Vec<String>> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT id, region_id, name_kk, name_ru, name_en FROM districts WHERE retired_at IS NULL",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        for row in rows {
            let (id, region, kk, ru, en) = row?;
            for name in [Some(&id), Some(&kk), Some(&ru), en.as_ref()]
                .into_iter()
                .flatten()
            {
                let key = fold(name);
                districts.insert((region.clone(), key.clone()), id.clone());
                let ids = district_names.entry(key).or_default();
                if !ids.contains(&id) {
                    ids.push(id.clone());
                }
            }
        }
        Ok(Self {
            regions,
            districts,
            district_names,
        })
    }

    fn region(&self, text: &str) -> Option<&String> {
        self.regions.get(&fold(text))
    }

    fn district(&self, region: Option<&str>, text: &str) -> Option<String> {
        let key = fold(text);
        match region {
            Some(region) => self.districts.get(&(region.to_owned(), key)).cloned(),
            None => match self.district_names.get(&key).map(Vec::as_slice) {
                Some([only]) => Some(only.clone()),
                _ => None,
            },
        }
    }
}

/// The form of a stored record, the starting point of an update: columns the sheet does not
/// carry keep their stored values.
pub fn form_of(v: &Volunteer) -> VolunteerInput {
    VolunteerInput {
        iin: v.iin.clone(),
        surname: v.surname.clone(),
        given_name: v.given_name.clone(),
        patronymic: v.patronymic.clone(),
        birth_date: Some(v.birth_date.clone()),
        sex: Some(v.sex),
        citizenship: v.citizenship.clone(),
        region_id: v.region_id.clone(),
        district_id: v.district_id.clone(),
        registered_address: v.registered_address.clone(),
        actual_address: v.actual_address.clone(),
        phone: v.phone.clone(),
        email: v.email.clone(),
        military_service: v.military_service,
        health_category: v.health_category,
        notes: v.notes.clone(),
        skills: v
            .skills
            .iter()
            .map(|s| SkillInput {
                code: s.code.clone(),
                licence_categories: s.licence_categories.clone(),
                certificate_number: s.certificate_number.clone(),
                certificate_expiry: s.certificate_expiry.clone(),
            })
            .collect(),
    }
}

/// A blank form for a new record, placed in the actor's own region and district where the
/// actor has one (a district operator's sheet need not name its district).
pub fn blank_form(actor: &Actor) -> VolunteerInput {
    let (region, district) = match actor.scope() {
        Scope::National => (String::new(), String::new()),
        Scope::Region(region) => (region, String::new()),
        Scope::District {
            region_id,
            district_id,
        } => (region_id, district_id),
    };
    VolunteerInput {
        iin: String::new(),
        surname: String::new(),
        given_name: String::new(),
        patronymic: None,
        birth_date: None,
        sex: None,
        citizenship: String::new(),
        region_id: region,
        district_id: district,
        registered_address: String::new(),
        actual_address: String::new(),
        phone: String::new(),
        email: None,
        military_service: MilitaryService::None,
        health_category: None,
        notes: None,
        skills: Vec::new(),
    }
}

/// The IIN cell of a row, digits only (spreadsheets add spaces and apostrophes).
pub fn iin_cell(row: &Row, mapping: &[Option<&'static str>]) -> String {
    mapping
        .iter()
        .position(|k| *k == Some("iin"))
        .map(|column| {
            row.cell(column)
                .chars()
                .filter(|c| !c.is_whitespace() && *c != '\'')
                .collect()
        })
        .unwrap_or_default()
}

/// Writes the row's mapped cells over `form`; returns the cells that could not be read.
pub fn fill(
    form: &mut VolunteerInput,
    row: &Row,
    mapping: &[Option<&'static str>],
    places: &Places,
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    let cell = |key: &str| -> Option<&str> {
        mapping
            .iter()
            .position(|k| *k == Some(key))
            .map(|column| row.cell(column).trim())
    };
    let opt = |text: &str| (!text.is_empty()).then(|| text.to_owned());
    if cell("iin").is_some() {
        form.iin = iin_cell(row, mapping);
    }
    if let Some(text) = cell("surname") {
        form.surname = text.to_owned();
    }
    if let Some(text) = cell("given_name") {
        form.given_name = text.to_owned();
    }
    if let Some(text) = cell("patronymic") {
        form.patronymic = opt(text);
    }
    if let Some(text) = cell("birth_date") {
        form.birth_date = opt(text).map(|t| date_text(&t));
    }
    if let Some(text) = cell("sex") {
        form.sex = match sex(text) {
            Ok(sex) => sex,
            Err(()) => {
                problems.push(unknown("sex", text));
                None
            }
        };
    }
    if let Some(text) = cell("citizenship") {
        form.citizenship = citizenship(text);
    }
    if let Some(text) = cell("region_id").filter(|t| !t.is_empty()) {
        match places.region(text) {
            Some(id) => form.region_id = id.clone(),
            None => {
                form.region_id = text.to_owned();
            }
        }
    }
    if let Some(text) = cell("district_id").filter(|t| !t.is_empty()) {
        let region = (!form.region_id.is_empty()).then_some(form.region_id.as_str());
        match places.district(region, text) {
            Some(id) => form.district_id = id,
            None => problems.push(unknown("district_id", text)),
        }
    }
    if let Some(text) = cell("registered_address") {
        form.registered_address = text.to_owned();
        if cell("actual_address").is_none() {
            // A sheet with one address column: the person lives where registered.
            form.actual_address = text.to_owned();
        }
    }
    if let Some(text) = cell("actual_address") {
        form.actual_address = if text.is_empty() {
            form.registered_address.clone()
        } else {
            text.to_owned()
        };
    }
    if let Some(text) = cell("phone") {
        form.phone = text.to_owned();
    }
    if let Some(text) = cell("email") {
        form.email = opt(text);
    }
    if let Some(text) = cell("notes") {
        form.notes = opt(text);
    }
    if let Some(text) = cell("military_service") {
        match military(text) {
            Some(service) => form.military_service = service,
            None => problems.push(unknown("military_service", text)),
        }
    }
    if let Some(text) = cell("health_category") {
        match health(text) {
            Ok(category) => form.health_category = category,
            Err(()) => problems.push(unknown("health_category", text)),
        }
    }
    if let Some(text) = cell("skills") {
        form.skills = skills(text);
    }
    problems
}

fn unknown(field: &str, text: &str) -> FieldError {
    FieldError::new(field, "unknown_value").with("value", text.chars().take(40).collect::<String>())
}

/// `dd.MM.yyyy` (and `/` or `-` between) as the form's `yyyy-mm-dd`; anything else as typed,
/// for the form's own date check to refuse or accept.
pub fn date_text(text: &str) -> String {
    let text = text.trim();
    let date_part = text.split_whitespace().next().unwrap_or(text);
    for format in ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(date) = NaiveDate::parse_from_str(date_part, format) {
            return date.format("%Y-%m-%d").to_string();
        }
    }
    text.to_owned()
}

fn sex(text: &str) -> std::result::Result<Option<Sex>, ()> {
    match fold(text).as_str() {
        "" => Ok(None),
        "m" | "male" | "м" | "муж" | "мужской" | "ер" | "еркек" => {
            Ok(Some(Sex::Male))
        }
        "f" | "female" | "ж" | "жен" | "женский" | "әйел" => Ok(Some(Sex::Female)),
        _ => Err(()),
    }
}

fn citizenship(text: &str) -> String {
    match fold(text).as_str() {
        "kz" | "kaz" | "казахстан" | "қазақстан" | "kazakhstan" | "рк" | "республика казахстан" => {
            "KZ".to_owned()
        }
        "stateless" | "лбг" | "без гражданства" | "азаматтығы жоқ" | "апатрид" => {
            "stateless".to_owned()
        }
        _ => text.to_owned(),
    }
}

fn military(text: &str) -> Option<MilitaryService> {
    Some(match fold(text).as_str() {
        "" | "none" | "нет" | "жоқ" | "не служил" => MilitaryService::None,
        "conscript" | "срочная" | "мерзімді" => MilitaryService::Conscript,
        "contract" | "контракт" | "келісімшарт" => MilitaryService::Contract,
        "officer" | "офицер" => MilitaryService::Officer,
        "reserve" | "запас" => MilitaryService::Reserve,
        _ => return None,
    })
}

fn health(text: &str) -> std::result::Result<Option<HealthCategory>, ()> {
    let folded = fold(text);
    Ok(Some(match folded.as_str() {
        "" => return Ok(None),
        "а" | "a" => HealthCategory::A,
        "б" | "b" => HealthCategory::B,
        "в" | "v" => HealthCategory::V,
        "г" | "g" => HealthCategory::G,
        "д" | "d" => HealthCategory::D,
        _ => return Err(()),
    }))
}

/// `medic, driver (B C)` or `medic; driver: B/C`: codes, each with its licence categories.
fn skills(text: &str) -> Vec<SkillInput> {
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let (code, rest) = match item.find([':', '(']) {
                Some(at) => (&item[..at], &item[at + 1..]),
                None => (item, ""),
            };
            SkillInput {
                code: code.trim().to_owned(),
                licence_categories: rest
                    .split(|c: char| c == '/' || c == ')' || c.is_whitespace())
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned)
                    .collect(),
                certificate_number: None,
                certificate_expiry: None,
            }
        })
        .collect()
}

/// The mapping as given by the user (a field key or nothing per column), checked: every key
/// known, none twice, the IIN present.
pub fn checked_mapping(
    given: &[Option<String>],
    columns: usize,
) -> Result<Vec<Option<&'static str>>> {
    let mut out: Vec<Option<&'static str>> = Vec::with_capacity(columns);
    for (index, key) in given.iter().enumerate().take(columns) {
        let key = match key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(key) => match FIELDS.iter().find(|f| f.key == key) {
                Some(field) => Some(field.key),
                None => {
                    return Err(
                        crate::Error::field(&format!("mapping.{index}"), "unknown_value")
                            .with("value", key.chars().take(40).collect::<String>()),
                    )
                }
            },
        };
        if key.is_some() && out.contains(&key) {
            return Err(crate::Error::field(
                &format!("mapping.{index}"),
                "mapping_twice",
            ));
        }
        out.push(key);
    }
    out.resize(columns, None);
    require_iin(&out)?;
    Ok(out)
}

pub fn require_iin(mapping: &[Option<&'static str>]) -> Result<()> {
    if mapping.contains(&Some("iin")) {
        Ok(())
    } else {
        Err(crate::Error::field("mapping", "mapping_no_iin"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_spreadsheets_write() {
        assert_eq!(date_text("11.12.2006"), "2006-12-11", "dd.MM.yyyy");
        assert_eq!(
            date_text("2006-12-11 00:00:00"),
            "2006-12-11",
            "a workbook date-time"
        );
        assert_eq!(
            date_text("31.02.2006"),
            "31.02.2006",
            "an impossible date is left for the form"
        );
        assert_eq!(sex("Ж"), Ok(Some(Sex::Female)), "Russian initial");
        assert_eq!(sex("ер"), Ok(Some(Sex::Male)), "Kazakh");
        assert_eq!(citizenship("Қазақстан"), "KZ", "Kazakh name of the country");
        assert_eq!(citizenship("без гражданства"), "stateless", "Russian");
        assert_eq!(
            health("Б"),
            Ok(Some(HealthCategory::B)),
            "Cyrillic category"
        );
        let parsed = skills("medic, driver (B C)");
        assert_eq!(parsed.len(), 2, "two skills");
        assert_eq!(
            parsed[1].licence_categories,
            vec!["B", "C"],
            "licences in brackets"
        );
    }
}
