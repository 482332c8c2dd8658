//! The command line's error text in its user's language. The first line of an error stays the
//! core's English message with its stable codes, which scripts and logs read; below it the same
//! error, and each field's or row's problem, are told in words from the app's own catalogues
//! (`ui/src/lib/i18n`), so the terminal and the window say the same thing. The language is
//! `JASAQ_LANG`, else the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG`): Kazakh or Russian
//! where it names one, English otherwise.

use std::collections::BTreeMap;

use chrono::Duration;
use jasaq::clock::{parse_stamp, KZ_OFFSET_HOURS};
use jasaq::error::{Error, ErrorCode, FieldError};
use serde_json::Value;

const KK: &str = include_str!("../../ui/src/lib/i18n/kk.json");
const RU: &str = include_str!("../../ui/src/lib/i18n/ru.json");
const EN: &str = include_str!("../../ui/src/lib/i18n/en.json");

pub struct Messages {
    lang: &'static str,
    catalogue: Value,
}

impl Messages {
    /// The language the environment asks for.
    pub fn from_env() -> Self {
        Self::for_lang(chosen_lang(|name| std::env::var(name).ok()))
    }

    pub fn for_lang(lang: &'static str) -> Self {
        let text = match lang {
            "kk" => KK,
            "ru" => RU,
            _ => EN,
        };
        // The catalogues are checked by the UI's tests; a broken one only costs the words.
        let catalogue = serde_json::from_str(text).unwrap_or(Value::Null);
        Self { lang, catalogue }
    }

    /// Lines that tell `err` in words, to print under its English line: the reason (unless the
    /// language is English, where that line already says it) and each field's problem.
    pub fn explain(&self, err: &Error) -> Vec<String> {
        let mut lines = Vec::new();
        // A validation error is told by its fields; anything else by its reason.
        let by_fields = err.code == ErrorCode::Validation && !err.fields.is_empty();
        if self.lang != "en" && !by_fields {
            if let Some(text) = self.get(&format!("error.{}", err.reason)) {
                lines.push(fill(text, &err.params));
            }
        }
        lines.extend(err.fields.iter().map(|f| self.field_problem(f)));
        lines
    }

    /// "Field: what is wrong with it", e.g. "ЖСН: Бақылау цифры сәйкес келмейді."
    pub fn field_problem(&self, problem: &FieldError) -> String {
        self.problem(&problem.field, &problem.rule, &problem.params)
    }

    pub fn problem(&self, field: &str, rule: &str, params: &BTreeMap<String, String>) -> String {
        let label = self.get(&format!("fields.{field}")).unwrap_or(field);
        let text = self
            .get(&format!("rule.{rule}"))
            .or_else(|| self.get("rule.invalid"))
            .map_or_else(|| rule.to_owned(), |t| fill(t, params));
        format!("{label}: {text}")
    }

    fn get(&self, key: &str) -> Option<&str> {
        key.split('.')
            .try_fold(&self.catalogue, |node, part| node.get(part))
            .and_then(Value::as_str)
    }
}

/// `kk`, `ru` or `en` from the first of the variables that is set and not empty.
fn chosen_lang(var: impl Fn(&str) -> Option<String>) -> &'static str {
    let wanted = ["JASAQ_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|v| !v.trim().is_empty())
        .unwrap_or_default()
        .to_lowercase();
    if wanted.starts_with("kk") {
        "kk"
    } else if wanted.starts_with("ru") {
        "ru"
    } else {
        "en"
    }
}

/// The catalogue's `{name}` placeholders filled from `params`; others are left as they are. A
/// stored UTC time (a lock's end) is shown as Kazakhstan's local time, as the app shows it.
fn fill(text: &str, params: &BTreeMap<String, String>) -> String {
    params.iter().fold(text.to_owned(), |out, (name, value)| {
        let shown = parse_stamp(value).map_or_else(
            || value.clone(),
            |at| {
                (at + Duration::hours(KZ_OFFSET_HOURS))
                    .format("%d.%m.%Y %H:%M")
                    .to_string()
            },
        );
        out.replace(&format!("{{{name}}}"), &shown)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn the_language_comes_from_jasaq_lang_then_the_locale() {
        assert_eq!(
            chosen_lang(env(&[("JASAQ_LANG", "kk"), ("LANG", "ru_RU.UTF-8")])),
            "kk",
            "JASAQ_LANG wins"
        );
        assert_eq!(
            chosen_lang(env(&[("JASAQ_LANG", ""), ("LANG", "ru_RU.UTF-8")])),
            "ru",
            "an empty choice falls through to the locale"
        );
        assert_eq!(
            chosen_lang(env(&[("LC_ALL", "kk_KZ.UTF-8")])),
            "kk",
            "a Kazakh locale"
        );
        assert_eq!(
            chosen_lang(env(&[("LANG", "C.UTF-8")])),
            "en",
            "anything else is English"
        );
        assert_eq!(chosen_lang(env(&[])), "en", "no locale at all is English");
    }

    #[test]
    fn a_field_problem_is_told_with_the_field_label_and_the_rule_in_words() {
        let mut problem = FieldError::new("password", "password_too_short");
        problem.params.insert("min".into(), "12".into());
        let ru = Messages::for_lang("ru").field_problem(&problem);
        assert!(
            ru.starts_with("Пароль: ") && ru.contains("12") && !ru.contains("{min}"),
            "the Russian label and rule, with the parameter filled in: {ru}"
        );
        let kk = Messages::for_lang("kk");
        let unknown = kk.problem("no_such_field", "no_such_rule", &BTreeMap::new());
        let not_valid = kk
            .get("rule.invalid")
            .expect("the catalogue has rule.invalid");
        assert_eq!(
            unknown,
            format!("no_such_field: {not_valid}"),
            "an unknown field keeps its code, an unknown rule reads as 'not valid'"
        );
    }

    #[test]
    fn a_lock_ends_at_a_local_time() {
        let mut params = BTreeMap::new();
        params.insert("until".to_owned(), "2026-12-02T19:30:00.000Z".to_owned());
        assert_eq!(
            fill("until {until}", &params),
            "until 03.12.2026 00:30",
            "a stored UTC time is shown in Kazakhstan's time (UTC+5), dd.MM.yyyy"
        );
    }

    #[test]
    fn a_refusal_is_told_in_kazakh_and_russian_but_not_repeated_in_english() {
        let err = Error::unauthenticated("bad_credentials");
        let kk = Messages::for_lang("kk").explain(&err);
        assert_eq!(kk.len(), 1, "one line in words: {kk:?}");
        assert_ne!(
            kk[0], err.message,
            "the line is the catalogue's Kazakh, not the English message"
        );
        assert!(
            Messages::for_lang("en").explain(&err).is_empty(),
            "English already says it"
        );
    }
}
