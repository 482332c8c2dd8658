//! How the query string is matched: an IIN prefix, name fragments for the trigram index, or a
//! short surname prefix (Cyrillic or Latin). Kept on its own because it is the one place that
//! reads what the user typed, and nothing of the FTS syntax may get through it.

use super::super::fold;

/// How the query string is matched.
pub(super) enum Mode {
    All,
    IinPrefix(String),
    /// Trigram MATCH expression.
    Fragment(String),
    SurnamePrefix(String),
    LatinPrefix(String),
}

pub(super) fn mode(q: Option<&str>) -> Mode {
    // Private-use characters are the index's scope markers: never part of a query.
    let q: Option<String> = q.map(|q| {
        q.chars()
            .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
            .collect()
    });
    let Some(q) = q.as_deref().map(str::trim).filter(|q| !q.is_empty()) else {
        return Mode::All;
    };
    let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().all(|c| c.is_ascii_digit()) {
        return Mode::IinPrefix(compact);
    }
    let cyrillic = fold::has_cyrillic(q);
    let folded = if cyrillic {
        fold::cyrillic(q)
    } else {
        fold::latin(q)
    };
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 3).collect();
    if long.is_empty() {
        let first = words.first().map(|w| (*w).to_owned()).unwrap_or_default();
        if first.is_empty() {
            return Mode::All;
        }
        return if cyrillic {
            Mode::SurnamePrefix(first)
        } else {
            Mode::LatinPrefix(first)
        };
    }
    // Each word is a quoted phrase (no FTS syntax gets through), all must match.
    let expr = long
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ");
    Mode::Fragment(expr)
}
