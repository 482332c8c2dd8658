//! Kazakhstan phone numbers to E.164. All Kazakh numbers are +7 followed by ten digits whose
//! first is 7 (+7 7xx for mobiles, +7 7xxx for city lines); a +7 9xx number is Russian and is
//! refused. Accepts the ways people write them: `8 701 234 56 78`, `+7 (701) 234-56-78`,
//! `87012345678`, `7012345678`.

/// The E.164 form `+77XXXXXXXXX`, or `None` if the text is not a Kazakh number.
pub fn normalise(text: &str) -> Option<String> {
    let text = text.trim();
    let plus = text.starts_with('+');
    let mut digits = String::with_capacity(12);
    for (i, c) in text.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '(' | ')' | '.' | '\u{a0}' => {}
            '+' if i == 0 => {}
            _ => return None,
        }
    }
    let national = match (plus, digits.len()) {
        (true, 11) if digits.starts_with('7') => &digits[1..],
        (false, 11) if digits.starts_with('8') || digits.starts_with('7') => &digits[1..],
        (false, 10) => &digits[..],
        _ => return None,
    };
    national.starts_with('7').then(|| format!("+7{national}"))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn common_writings_become_e164() {
        for text in [
            "8 701 234 56 78",
            "+7 (701) 234-56-78",
            "87012345678",
            "+77012345678",
            "7012345678",
            "7 701 234 5678",
        ] {
            assert_eq!(
                normalise(text).as_deref(),
                Some("+77012345678"),
                "{text} is the same Kazakh mobile number"
            );
        }
    }

    #[test]
    fn foreign_short_and_garbage_numbers_are_refused() {
        for text in [
            "+7 916 123 45 67",
            "8 701 234 56",
            "+1 202 555 0100",
            "phone",
            "+7 701 234 56 78 9",
            "",
        ] {
            assert_eq!(normalise(text), None, "{text:?} is not a Kazakh number");
        }
    }
}
