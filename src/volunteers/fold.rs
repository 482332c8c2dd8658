//! Folding names for search. SQLite's LIKE, NOCASE and lower() fold ASCII only, so the core
//! folds in Rust and stores the result: lower-case Cyrillic with ё as е, and a simplified
//! Latin transliteration as in passports ("Әлихан" -> "alihan", "Жанна" -> "jana"). A query
//! goes through the same functions, so both sides always agree.

/// Lower case, ё -> е, whitespace collapsed.
pub fn cyrillic(text: &str) -> String {
    let lower: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Passport-style transliteration of one lower-case Cyrillic letter (Kazakh and Russian).
fn latin_of(c: char) -> Option<&'static str> {
    Some(match c {
        'а' | 'ә' => "a",
        'б' => "b",
        'в' => "v",
        'г' | 'ғ' => "g",
        'д' => "d",
        'е' | 'ё' | 'э' => "e",
        'ж' => "zh",
        'з' => "z",
        'и' | 'й' | 'і' => "i",
        'к' | 'қ' => "k",
        'л' => "l",
        'м' => "m",
        'н' | 'ң' => "n",
        'о' | 'ө' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' | 'ұ' | 'ү' => "u",
        'ф' => "f",
        'х' | 'һ' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'ю' => "yu",
        'я' => "ya",
        _ => return None,
    })
}

/// Latin form for matching: Cyrillic transliterated, then [`simplify`]d. Characters that are
/// neither Cyrillic nor Latin letters become word breaks.
pub fn latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some(l) = latin_of(c) {
            out.push_str(l);
        } else if c.is_ascii_alphabetic() {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    simplify(&out)
}

/// Makes spelling variants of one name meet: passports and people write Х as kh or h, Ж as
/// zh or j, Й as i or y, Ю as yu or iu, and double letters single or not. Both the stored
/// text and the query are reduced the same way.
fn simplify(latin: &str) -> String {
    let mut words = Vec::new();
    for word in latin.split_whitespace() {
        let w = word
            .replace("shch", "sh")
            .replace("dzh", "j")
            .replace("zh", "j")
            .replace("kh", "h")
            .replace("gh", "g")
            .replace("ts", "c")
            .replace("yo", "e")
            .replace("ye", "e")
            .replace('y', "i")
            .replace('q', "k")
            .replace('w', "v")
            .replace('x', "ks");
        let mut collapsed = String::with_capacity(w.len());
        let mut last = None;
        for c in w.chars() {
            if Some(c) != last {
                collapsed.push(c);
            }
            last = Some(c);
        }
        words.push(collapsed);
    }
    words.join(" ")
}

/// Whether the text contains a Cyrillic letter (then it is matched against the Cyrillic fold).
pub fn has_cyrillic(text: &str) -> bool {
    text.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c))
}

/// The text stored in the trigram index for one volunteer: both folded forms of the full name,
/// then markers of its region and district. A scoped search ANDs its fragment with the marker
/// of the actor's region or district, so the index itself narrows to the scope: a district
/// operator's search and count never walk the whole country's matches. (The SQL scope filter
/// still applies to every row: the markers make scoping fast, not safe.)
pub fn search_text(
    surname: &str,
    given: &str,
    patronymic: Option<&str>,
    region_id: &str,
    district_id: &str,
) -> String {
    let full = match patronymic {
        Some(p) => format!("{surname} {given} {p}"),
        None => format!("{surname} {given}"),
    };
    format!(
        "{} | {} | {} {}",
        cyrillic(&full),
        latin(&full),
        region_marker(region_id),
        district_marker(district_id)
    )
}

/// Characters from the Private Use Area: they never occur in names or queries, so their
/// trigrams are unique to the markers.
fn private(n: u32) -> char {
    char::from_u32(0xE100 + (n & 0xFF)).unwrap_or('\u{E100}')
}

fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811C_9DC5u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    })
}

/// Four private characters naming a region (two trigrams, both rare).
pub fn region_marker(region_id: &str) -> String {
    let h = fnv(region_id);
    ['\u{E000}', private(h >> 16), private(h >> 8), private(h)]
        .iter()
        .collect()
}

/// Four private characters naming a district (a 24-bit hash of its id: two districts may
/// share a marker, which only costs a few extra candidates that the SQL filter drops).
pub fn district_marker(district_id: &str) -> String {
    let h = fnv(district_id);
    ['\u{E001}', private(h >> 16), private(h >> 8), private(h)]
        .iter()
        .collect()
}

/// The key two records share when they are likely the same person.
pub fn name_key(surname: &str, given: &str, patronymic: Option<&str>) -> String {
    let full = format!("{surname} {given} {}", patronymic.unwrap_or(""));
    cyrillic(&full)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passport_spellings_meet_the_cyrillic_names() {
        assert_eq!(latin("Әлихан"), latin("Alikhan"), "Alikhan finds Әлихан");
        assert_eq!(latin("Серік"), latin("Serik"), "Serik finds Серік");
        assert_eq!(latin("Жанна"), latin("Zhanna"), "Zhanna finds Жанна");
        assert_eq!(cyrillic("ЁЛКИН"), "елкин", "ё folds to е, case folds");
    }

    #[test]
    fn the_twenty_region_markers_are_distinct() {
        let codes = [
            "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-63", "KZ-31", "KZ-33", "KZ-35",
            "KZ-39", "KZ-43", "KZ-47", "KZ-59", "KZ-55", "KZ-61", "KZ-62", "KZ-27", "KZ-71",
            "KZ-75", "KZ-79",
        ];
        let mut markers: Vec<String> = codes.iter().map(|c| region_marker(c)).collect();
        markers.sort();
        markers.dedup();
        assert_eq!(
            markers.len(),
            20,
            "region counts trust the marker alone, so no two regions may share one"
        );
    }
}
