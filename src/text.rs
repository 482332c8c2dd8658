//! Normalising free text from forms and files before it is validated and stored.

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
pub(crate) fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
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
