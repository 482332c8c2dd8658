//! The words inside an exported file, in the language the user works in. The UI's catalogue
//! lives in the webview; a file made by the core (and by the CLI) needs its own few labels,
//! kept here in the same wording as `ui/src/lib/i18n/{kk,ru,en}.json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::volunteers::{Sex, Status};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    Kk,
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "kk" => Some(Lang::Kk),
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    /// One of three spellings.
    pub fn pick(self, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Kk => kk,
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

pub fn status(lang: Lang, status: Status) -> &'static str {
    match status {
        Status::Applicant => lang.pick("Үміткер", "Заявитель", "Applicant"),
        Status::Eligible => lang.pick("Рұқсат етілген", "Допущен", "Eligible"),
        Status::Ineligible => lang.pick("Рұқсат етілмеген", "Не допущен", "Not eligible"),
        Status::Enrolled => lang.pick("Қабылданған", "Зачислен", "Enrolled"),
        Status::Discharged => lang.pick("Шығарылған", "Отчислен", "Discharged"),
    }
}

pub fn sex(lang: Lang, sex: Sex) -> &'static str {
    match sex {
        Sex::Male => lang.pick("ер", "мужской", "male"),
        Sex::Female => lang.pick("әйел", "женский", "female"),
    }
}

pub fn yes_no(lang: Lang, yes: bool) -> &'static str {
    if yes {
        lang.pick("иә", "да", "yes")
    } else {
        lang.pick("жоқ", "нет", "no")
    }
}

/// "Generated 22.11.2026 10:35 (UTC+5)".
pub fn generated(lang: Lang, when: &str) -> String {
    let word = lang.pick("Жасалған уақыты", "Сформировано", "Generated");
    format!("{word}: {when} (UTC+5)")
}

pub fn whole_country(lang: Lang) -> &'static str {
    lang.pick("Бүкіл ел", "Вся страна", "Whole country")
}
