//! One row's cells written over the form's input: a stored record's form for an update, a
//! blank one placed in the actor's region and district for a new record, and the cells the
//! sheet carries on top. Cells that cannot be read are returned as `unknown_value`.

use super::places::Places;
use super::values::{citizenship, date_text, health, military, sex, skills};
use crate::access::{Actor, Scope};
use crate::error::FieldError;
use crate::sheets::Row;
use crate::volunteers::{MilitaryService, SkillInput, Volunteer, VolunteerInput};

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
