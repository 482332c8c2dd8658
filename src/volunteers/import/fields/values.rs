//! The words spreadsheets write for what the form holds as codes: dates as `dd.MM.yyyy`, sex,
//! citizenship, military service and health category in kk, ru or en, and a skills list with
//! licence categories.

use chrono::NaiveDate;

use crate::identity::Sex;
use crate::sheets::header::fold;
use crate::volunteers::{HealthCategory, MilitaryService, SkillInput};

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

pub(super) fn sex(text: &str) -> std::result::Result<Option<Sex>, ()> {
    match fold(text).as_str() {
        "" => Ok(None),
        "m" | "male" | "м" | "муж" | "мужской" | "ер" | "еркек" => {
            Ok(Some(Sex::Male))
        }
        "f" | "female" | "ж" | "жен" | "женский" | "әйел" => Ok(Some(Sex::Female)),
        _ => Err(()),
    }
}

pub(super) fn citizenship(text: &str) -> String {
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

pub(super) fn military(text: &str) -> Option<MilitaryService> {
    Some(match fold(text).as_str() {
        "" | "none" | "нет" | "жоқ" | "не служил" => MilitaryService::None,
        "conscript" | "срочная" | "мерзімді" => MilitaryService::Conscript,
        "contract" | "контракт" | "келісімшарт" => MilitaryService::Contract,
        "officer" | "офицер" => MilitaryService::Officer,
        "reserve" | "запас" => MilitaryService::Reserve,
        _ => return None,
    })
}

pub(super) fn health(text: &str) -> std::result::Result<Option<HealthCategory>, ()> {
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
pub(super) fn skills(text: &str) -> Vec<SkillInput> {
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
