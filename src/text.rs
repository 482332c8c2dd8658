//! Normalising free text from forms and files before it is validated and stored, and reading
//! the `yyyy-mm-dd` dates typed on them.

use chrono::NaiveDate;

use crate::error::FieldError;

/// Trims and collapses runs of whitespace (a name pasted from a spreadsheet often carries
/// doubled or non-breaking spaces) and drops control characters.
pub fn clean(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.chars().filter(|c| !c.is_control()).collect::<String>())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// As [`clean`]; an empty result means "not given".
pub fn clean_opt(text: Option<&str>) -> Option<String> {
    text.map(clean).filter(|t| !t.is_empty())
}

/// A date typed as `yyyy-mm-dd` (surrounding whitespace ignored); anything else is `None`.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

/// A local date entered on a form: `yyyy-mm-dd`, not after `today`. Rule keys:
/// `invalid_date` (blank included), `date_future`.
pub(crate) fn past_date(
    field: &str,
    text: &str,
    today: NaiveDate,
    problems: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    match parse_date(text) {
        Some(date) if date > today => {
            problems.push(FieldError::new(field, "date_future"));
            None
        }
        Some(date) => Some(date),
        None => {
            problems.push(FieldError::new(field, "invalid_date"));
            None
        }
    }
}

/// An optional date filter: blank or absent is `None` with no problem; otherwise
/// `yyyy-mm-dd` or `invalid_date`.
pub(crate) fn optional_date(
    field: &str,
    value: &Option<String>,
    problems: &mut Vec<FieldError>,
) -> Option<NaiveDate> {
    let text = value.as_deref().map(str::trim).filter(|t| !t.is_empty())?;
    let date = parse_date(text);
    if date.is_none() {
        problems.push(FieldError::new(field, "invalid_date"));
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace_including_non_breaking_spaces() {
        assert_eq!(
            clean("  Ақмола\u{a0}\u{a0}ауданы \t"),
            "Ақмола ауданы",
            "pasted names lose stray spaces"
        );
        assert_eq!(
            clean_opt(Some("   ")),
            None,
            "blank optional text means not given"
        );
    }
}
