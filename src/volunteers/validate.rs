//! The volunteer form, cleaned and checked: every problem at once as field errors (names,
//! addresses, dates, IIN and what it implies, phone, email, place, skills), and the IIN's
//! uniqueness across the registry, answered within the actor's scope.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension};
use validator::Validate;

use super::catalogue::Catalogue;
use super::{phone, HealthCategory, MilitaryService, VolunteerInput, VolunteerSkill, Warnings};
use crate::access::{Actor, Scope};
use crate::clock::local_today;
use crate::error::{Error, FieldError, Result};
use crate::identity::{parse_iin, Sex};
use crate::places::check_place;
use crate::text::{clean, clean_opt, parse_date};

/// The form after cleaning and validation.
pub(crate) struct Clean {
    pub iin: String,
    pub surname: String,
    pub given_name: String,
    pub patronymic: Option<String>,
    pub birth_date: NaiveDate,
    pub sex: Sex,
    pub citizenship: String,
    pub region_id: String,
    pub district_id: String,
    pub registered_address: String,
    pub actual_address: String,
    pub phone: String,
    pub email: Option<String>,
    pub military_service: MilitaryService,
    pub health_category: Option<HealthCategory>,
    pub notes: Option<String>,
    pub skills: Vec<VolunteerSkill>,
    /// Bits of the skills (see `skills.bit`), stored for indexed skill filters.
    pub skill_mask: i64,
}

#[derive(Validate)]
struct Texts<'a> {
    #[validate(length(min = 1, max = 100))]
    surname: &'a str,
    #[validate(length(min = 1, max = 100))]
    given_name: &'a str,
    #[validate(length(min = 1, max = 100))]
    patronymic: Option<&'a str>,
    #[validate(length(min = 1, max = 500))]
    registered_address: &'a str,
    #[validate(length(min = 1, max = 500))]
    actual_address: &'a str,
    #[validate(length(min = 1, max = 254), email)]
    email: Option<&'a str>,
    #[validate(length(min = 1, max = 4000))]
    notes: Option<&'a str>,
}

/// Letters of any script, spaces, hyphens and apostrophes (Ким-Ли, O'Brien).
fn name_ok(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’'))
}

const LICENCE_CATEGORIES: &[&str] = &[
    "A", "A1", "B", "B1", "BE", "C", "C1", "CE", "C1E", "D", "D1", "DE", "D1E", "TM", "TB",
];
pub(crate) const MAX_SKILLS: usize = 30;

/// Cleans and checks the whole form, reporting every problem at once; reads the districts and
/// skills tables. IIN-derived birth date and sex fill empty fields; a difference is a warning.
pub(crate) fn validate(
    conn: &(impl Catalogue + ?Sized),
    actor: &Actor,
    input: &VolunteerInput,
    now: DateTime<Utc>,
) -> Result<(Clean, Warnings)> {
    let surname = clean(&input.surname);
    let given_name = clean(&input.given_name);
    let patronymic = clean_opt(input.patronymic.as_deref());
    let registered_address = clean(&input.registered_address);
    let actual_address = clean(&input.actual_address);
    let email = clean_opt(input.email.as_deref()).map(|e| e.to_lowercase());
    let notes = input
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_owned);
    let texts = Texts {
        surname: &surname,
        given_name: &given_name,
        patronymic: patronymic.as_deref(),
        registered_address: &registered_address,
        actual_address: &actual_address,
        email: email.as_deref(),
        notes: notes.as_deref(),
    };
    let mut problems: Vec<FieldError> = match texts.validate() {
        Ok(()) => Vec::new(),
        Err(errors) => Error::from(errors).fields,
    };
    let mut warnings = Vec::new();
    for (field, value) in [
        ("surname", Some(&surname)),
        ("given_name", Some(&given_name)),
        ("patronymic", patronymic.as_ref()),
    ] {
        let bad_length = problems.iter().any(|p| p.field == field);
        if value.is_some_and(|v| !bad_length && !name_ok(v)) {
            problems.push(FieldError::new(field, "name_format"));
        }
    }

    let iin = match parse_iin(&input.iin) {
        Ok(info) => Some(info),
        Err(problem) => {
            problems.push(problem);
            None
        }
    };
    let today = local_today(now);
    let entered_birth = match input.birth_date.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => match parse_date(text) {
            Some(date) => Some(date),
            None => {
                problems.push(FieldError::new("birth_date", "invalid_date"));
                None
            }
        },
    };
    let iin_birth = iin.as_ref().and_then(|i| i.birth_date);
    let birth_date = entered_birth.or(iin_birth);
    match birth_date {
        Some(date) if date > today => {
            problems.push(FieldError::new("birth_date", "birth_date_future"))
        }
        Some(date) if today.year() - date.year() > 120 => {
            problems.push(FieldError::new("birth_date", "birth_date_implausible"))
        }
        Some(_) => {}
        None if input
            .birth_date
            .as_deref()
            .is_some_and(|t| !t.trim().is_empty()) => {}
        None => problems.push(FieldError::new("birth_date", "required")),
    }
    if let (Some(entered), Some(proposed)) = (entered_birth, iin_birth) {
        if entered != proposed {
            warnings.push(
                FieldError::new("birth_date", "iin_birth_date_mismatch")
                    .with("iin_birth_date", proposed),
            );
        }
    }
    let iin_sex = iin.as_ref().and_then(|i| i.sex);
    let sex = input.sex.or(iin_sex);
    if sex.is_none() {
        problems.push(FieldError::new("sex", "required"));
    }
    if let (Some(entered), Some(proposed)) = (input.sex, iin_sex) {
        if entered != proposed {
            warnings.push(
                FieldError::new("sex", "iin_sex_mismatch").with("iin_sex", proposed.as_str()),
            );
        }
    }

    let citizenship_raw = input.citizenship.trim();
    let citizenship = if citizenship_raw.eq_ignore_ascii_case("stateless") {
        Some("stateless".to_owned())
    } else if citizenship_raw.len() == 2 && citizenship_raw.chars().all(|c| c.is_ascii_alphabetic())
    {
        Some(citizenship_raw.to_ascii_uppercase())
    } else {
        problems.push(FieldError::new(
            "citizenship",
            if citizenship_raw.is_empty() {
                "required"
            } else {
                "citizenship_format"
            },
        ));
        None
    };

    let phone = phone::normalise(&input.phone);
    if phone.is_none() {
        problems.push(FieldError::new(
            "phone",
            if input.phone.trim().is_empty() {
                "required"
            } else {
                "phone_format"
            },
        ));
    }

    let region_id = input.region_id.trim().to_owned();
    let district_id = input.district_id.trim().to_owned();
    check_place(conn, actor, &region_id, &district_id, &mut problems)?;
    let (skills, skill_mask) = check_skills(conn, input, &mut problems)?;

    match (iin, birth_date, sex, citizenship, phone) {
        (Some(iin), Some(birth_date), Some(sex), Some(citizenship), Some(phone))
            if problems.is_empty() =>
        {
            Ok((
                Clean {
                    iin: iin.iin,
                    surname,
                    given_name,
                    patronymic,
                    birth_date,
                    sex,
                    citizenship,
                    region_id,
                    district_id,
                    registered_address,
                    actual_address,
                    phone,
                    email,
                    military_service: input.military_service,
                    health_category: input.health_category,
                    notes,
                    skills,
                    skill_mask,
                },
                warnings,
            ))
        }
        _ => Err(Error::invalid(problems)),
    }
}

fn check_skills(
    conn: &(impl Catalogue + ?Sized),
    input: &VolunteerInput,
    problems: &mut Vec<FieldError>,
) -> Result<(Vec<VolunteerSkill>, i64)> {
    if input.skills.len() > MAX_SKILLS {
        problems.push(FieldError::new("skills", "too_many").with("max", MAX_SKILLS));
        return Ok((Vec::new(), 0));
    }
    let mut out: Vec<VolunteerSkill> = Vec::new();
    let mut mask = 0i64;
    for (index, skill) in input.skills.iter().enumerate() {
        let field = format!("skills.{index}");
        let code = skill.code.trim().to_ascii_lowercase();
        let known = conn.skill(&code)?;
        let has_licence = match known {
            None | Some((_, Some(_), _)) => {
                problems.push(
                    FieldError::new(&format!("{field}.code"), "unknown_skill")
                        .with("code", code.chars().take(50).collect::<String>()),
                );
                continue;
            }
            Some((has_licence, None, bit)) => {
                if let Some(bit) = bit.filter(|b| (0..=62).contains(b)) {
                    mask |= 1 << bit;
                }
                has_licence
            }
        };
        if out.iter().any(|s| s.code == code) {
            problems.push(FieldError::new(&format!("{field}.code"), "duplicate_skill"));
            continue;
        }
        let mut licences: Vec<String> = skill
            .licence_categories
            .iter()
            .map(|l| l.trim().to_ascii_uppercase())
            .filter(|l| !l.is_empty())
            .collect();
        licences.sort();
        licences.dedup();
        if !licences.is_empty() && !has_licence {
            problems.push(FieldError::new(
                &format!("{field}.licence_categories"),
                "licence_not_applicable",
            ));
        } else if let Some(bad) = licences
            .iter()
            .find(|l| !LICENCE_CATEGORIES.contains(&l.as_str()))
        {
            problems.push(
                FieldError::new(&format!("{field}.licence_categories"), "licence_category")
                    .with("category", bad.chars().take(10).collect::<String>()),
            );
        }
        let certificate_number = clean_opt(skill.certificate_number.as_deref());
        if certificate_number
            .as_ref()
            .is_some_and(|c| c.chars().count() > 100)
        {
            problems.push(
                FieldError::new(&format!("{field}.certificate_number"), "too_long")
                    .with("max", 100),
            );
        }
        let expiry = match skill.certificate_expiry.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match parse_date(text) {
                Some(date) => Some(date.format("%Y-%m-%d").to_string()),
                None => {
                    problems.push(FieldError::new(
                        &format!("{field}.certificate_expiry"),
                        "invalid_date",
                    ));
                    None
                }
            },
        };
        out.push(VolunteerSkill {
            code,
            licence_categories: licences,
            certificate_number,
            certificate_expiry: expiry,
        });
    }
    Ok((out, mask))
}

/// The IIN is unique across the whole registry. The answer names the existing record only if
/// the actor may see it; otherwise it says only that the IIN is registered elsewhere.
pub(crate) fn ensure_iin_free(
    conn: &Connection,
    actor: &Actor,
    iin: &str,
    except: Option<&str>,
) -> Result<()> {
    let existing: Option<(String, String, String)> = conn
        .prepare_cached("SELECT id, region_id, district_id FROM volunteers WHERE iin = ?")?
        .query_row([iin], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((id, region, district)) = existing.filter(|(id, _, _)| Some(id.as_str()) != except)
    else {
        return Ok(());
    };
    let visible = match actor.scope() {
        Scope::National => true,
        Scope::Region(own) => own == region,
        Scope::District {
            district_id: own, ..
        } => own == district,
    };
    let mut err = if visible {
        Error::conflict(
            "iin_registered",
            "a volunteer with this IIN is already registered",
        )
        .with("volunteer_id", id)
    } else {
        Error::conflict(
            "iin_registered_elsewhere",
            "this IIN is already registered in another district",
        )
    };
    err.fields = vec![FieldError::new("iin", &err.reason.clone())];
    Err(err)
}
