//! The volunteer columns a spreadsheet may carry, their kk/ru/en header aliases, and turning
//! one row's cells into the form's input
//! ([`VolunteerInput`](crate::volunteers::VolunteerInput)).
//!
//! Only what a spreadsheet writes differently from the form is translated here: dates as
//! `dd.MM.yyyy`, sex, citizenship, service and health in words, places by name, skills as a
//! list. Everything else, and every rule, is the form's validation, applied afterwards
//! unchanged. A value that cannot be translated is kept as typed when the form would refuse
//! it with a clear rule (a bad date), or reported here as `unknown_value`.
//!
//! This module holds the columns with their aliases and the check of a user's mapping;
//! `places` resolves region and district names, `form` writes a row's cells over the form,
//! and `values` reads the words spreadsheets use for dates, sex, citizenship, service, health
//! and skills.

mod form;
mod places;
mod values;

use crate::error::Result;
use crate::sheets::{Field, HeaderMatcher};

pub use form::{blank_form, fill, form_of, iin_cell};
pub use places::Places;
pub use values::date_text;

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
