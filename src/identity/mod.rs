//! National identifiers: the IIN of a person and the BIN of an organisation.
//!
//! Both are 12 digits sharing one check-digit algorithm (weights 1..11, then 3..11,1,2; a
//! second remainder of 10 makes the number invalid). A wrong check digit is a rejection. What
//! an IIN says about its holder (birth date, sex) is only a proposal: since 2013 an IIN need
//! not match the holder's data, so callers compare and warn, never refuse.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::FieldError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// What a valid IIN proposes about its holder. `birth_date` is `None` when digits 1-7 do not
/// spell a real date (allowed: the number is still valid if its check digit is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IinInfo {
    pub iin: String,
    pub birth_date: Option<NaiveDate>,
    pub sex: Option<Sex>,
}

/// What a valid BIN says: registration year and month, and the entity-type digit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BinInfo {
    pub bin: String,
    /// Two-digit year of registration (the BIN does not carry the century).
    pub year: u8,
    pub month: u8,
    pub entity_type: u8,
}

/// The check digit of the first 11 digits, or `None` when the algorithm gives 10 twice
/// (no valid number has these 11 digits).
pub fn check_digit(first11: &[u8; 11]) -> Option<u8> {
    let pass = |weights: [u32; 11]| {
        first11
            .iter()
            .zip(weights)
            .map(|(&d, w)| u32::from(d) * w)
            .sum::<u32>()
            % 11
    };
    let first = pass([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    if first != 10 {
        return Some(first as u8);
    }
    let second = pass([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]);
    (second != 10).then_some(second as u8)
}

/// Parses 12 digits with a correct check digit; `field` names the input in the error.
/// Rule keys: `required`, `iin_length` (not 12 characters), `iin_digits` (a non-digit),
/// `iin_check_digit` (`bin_*` for BINs).
fn digits(text: &str, field: &str, prefix: &str) -> Result<[u8; 12], FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    if text.chars().count() != 12 {
        return Err(FieldError::new(field, &format!("{prefix}_length")).with("length", 12));
    }
    let mut out = [0u8; 12];
    for (slot, c) in out.iter_mut().zip(text.chars()) {
        *slot = c
            .to_digit(10)
            .filter(|_| c.is_ascii_digit())
            .ok_or_else(|| FieldError::new(field, &format!("{prefix}_digits")))?
            as u8;
    }
    let mut first11 = [0u8; 11];
    first11.copy_from_slice(&out[..11]);
    if check_digit(&first11) != Some(out[11]) {
        return Err(FieldError::new(field, &format!("{prefix}_check_digit")));
    }
    Ok(out)
}

/// Validates an IIN and reads the birth date and sex it proposes.
pub fn parse_iin(text: &str) -> Result<IinInfo, FieldError> {
    let d = digits(text, "iin", "iin")?;
    let century = match d[6] {
        1 | 2 => Some(1800),
        3 | 4 => Some(1900),
        5 | 6 => Some(2000),
        _ => None,
    };
    let sex = match d[6] {
        1 | 3 | 5 => Some(Sex::Male),
        2 | 4 | 6 => Some(Sex::Female),
        _ => None,
    };
    let two = |i: usize| u32::from(d[i]) * 10 + u32::from(d[i + 1]);
    let birth_date =
        century.and_then(|c| NaiveDate::from_ymd_opt(c + two(0) as i32, two(2), two(4)));
    Ok(IinInfo {
        iin: d.iter().map(|x| char::from(b'0' + x)).collect(),
        birth_date,
        sex,
    })
}

/// Validates a BIN (same check digit as the IIN) and reads its registration month and type.
pub fn parse_bin(text: &str) -> Result<BinInfo, FieldError> {
    let d = digits(text, "bin", "bin")?;
    let month = d[2] * 10 + d[3];
    if !(1..=12).contains(&month) {
        return Err(FieldError::new("bin", "bin_month"));
    }
    Ok(BinInfo {
        bin: d.iter().map(|x| char::from(b'0' + x)).collect(),
        year: d[0] * 10 + d[1],
        month,
        entity_type: d[4],
    })
}

/// The IIN a person born on `birth` of `sex` would get with registration serial `serial`
/// (digits 8-11, 0..=9999), or `None` if that serial has no valid check digit. Used by the
/// generator and tests to make realistic valid numbers.
pub fn make_iin(birth: NaiveDate, sex: Sex, serial: u16) -> Option<String> {
    use chrono::Datelike;
    let year = birth.year();
    let century_digit = match (year / 100, sex) {
        (18, Sex::Male) => 1,
        (18, Sex::Female) => 2,
        (19, Sex::Male) => 3,
        (19, Sex::Female) => 4,
        (20, Sex::Male) => 5,
        (20, Sex::Female) => 6,
        _ => return None,
    };
    if serial > 9999 {
        return None;
    }
    let text = format!(
        "{:02}{:02}{:02}{}{:04}",
        year % 100,
        birth.month(),
        birth.day(),
        century_digit,
        serial
    );
    let mut first11 = [0u8; 11];
    for (slot, b) in first11.iter_mut().zip(text.bytes()) {
        *slot = b - b'0';
    }
    check_digit(&first11).map(|c| format!("{text}{c}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_published_vector_is_valid_through_the_second_pass() {
        let info = parse_iin("061211600012").expect("the domain brief's vector is valid");
        assert_eq!(
            info.birth_date,
            NaiveDate::from_ymd_opt(2006, 12, 11),
            "digit 7 = 6 means the 2000s"
        );
        assert_eq!(info.sex, Some(Sex::Female), "6 is even: female");
    }
}
