//! Money as integer tiyn (1 tenge = 100 tiyn): parsing what people type, checking bounds and
//! formatting as `1 234 567,89 ₸`. Never floating point.

use crate::error::FieldError;

/// The largest amount accepted anywhere: 9 * 10^15 tiyn (90 trillion tenge), below 2^53 so
/// that the number survives JSON and JavaScript exactly.
pub const MAX_AMOUNT: i64 = 9_000_000_000_000_000;

/// Checks a stored-form amount: `positive` says whether zero is refused.
/// Rule keys: `negative`, `not_positive`, `too_large`.
pub fn check_amount(field: &str, tiyn: i64, positive: bool) -> Result<i64, FieldError> {
    if tiyn < 0 {
        return Err(FieldError::new(field, "negative"));
    }
    if positive && tiyn == 0 {
        return Err(FieldError::new(field, "not_positive"));
    }
    if tiyn > MAX_AMOUNT {
        return Err(FieldError::new(field, "too_large").with("max", MAX_AMOUNT));
    }
    Ok(tiyn)
}

/// Parses tenge as people write them: `1234567`, `1 234 567,89`, `1234567.8`, with an
/// optional trailing `₸`/`тг`. Rule keys: `required`, `negative`, `not_numeric`,
/// `too_many_decimals`, `too_large`.
pub fn parse_tenge(field: &str, text: &str) -> Result<i64, FieldError> {
    let mut t: String = text
        .trim()
        .trim_end_matches('₸')
        .trim_end_matches("тг")
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_'))
        .collect();
    if t.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if t.starts_with('-') {
        return Err(FieldError::new(field, "negative"));
    }
    if let Some(rest) = t.strip_prefix('+') {
        t = rest.to_owned();
    }
    let (whole, frac) = match t.find([',', '.']) {
        Some(i) => (&t[..i], &t[i + 1..]),
        None => (t.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(frac) {
        return Err(FieldError::new(field, "not_numeric"));
    }
    if frac.len() > 2 {
        return Err(FieldError::new(field, "too_many_decimals"));
    }
    let too_large = || FieldError::new(field, "too_large").with("max", MAX_AMOUNT);
    let tenge: i64 = whole.parse().map_err(|_| too_large())?;
    let tiyn_part: i64 = match frac.len() {
        0 => 0,
        1 => frac.parse::<i64>().map_err(|_| too_large())? * 10,
        _ => frac.parse().map_err(|_| too_large())?,
    };
    let total = tenge
        .checked_mul(100)
        .and_then(|t| t.checked_add(tiyn_part))
        .ok_or_else(too_large)?;
    check_amount(field, total, false)
}

/// `1 234 567,89 ₸`: spaces between thousands, a comma before the tiyn, the tenge sign.
pub fn format_tenge(tiyn: i64) -> String {
    let sign = if tiyn < 0 { "-" } else { "" };
    let abs = tiyn.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{:02} ₸", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_space_thousands_and_comma_decimals() {
        assert_eq!(
            format_tenge(123_456_789),
            "1 234 567,89 ₸",
            "the statement's format"
        );
        assert_eq!(format_tenge(5), "0,05 ₸", "tiyn below a tenge");
        assert_eq!(format_tenge(-100_000), "-1 000,00 ₸", "a negative balance");
        assert_eq!(
            format_tenge(10_000_000_000_000),
            "100 000 000 000,00 ₸",
            "100 billion tenge"
        );
        assert_eq!(
            format_tenge(i64::MIN),
            "-92 233 720 368 547 758,08 ₸",
            "even the extreme does not overflow"
        );
    }

    #[test]
    fn parses_the_ways_people_write_tenge() {
        for (text, tiyn) in [
            ("1 234 567,89", 123_456_789),
            ("1234567.8", 123_456_780),
            ("15000 ₸", 1_500_000),
            ("0,05", 5),
        ] {
            assert_eq!(parse_tenge("amount", text), Ok(tiyn), "{text}");
        }
        for (text, rule) in [
            ("-5", "negative"),
            ("abc", "not_numeric"),
            ("12,345", "too_many_decimals"),
            ("99999999999999999999", "too_large"),
            ("", "required"),
            ("1.2.3", "not_numeric"),
        ] {
            assert_eq!(
                parse_tenge("amount", text).map_err(|e| e.rule),
                Err(rule.to_owned()),
                "{text:?} is refused"
            );
        }
    }
}
