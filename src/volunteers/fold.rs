//! Folding names for search. SQLite's LIKE, NOCASE and lower() fold ASCII only, so the core
//! folds in Rust and stores the result: lower-case Cyrillic with ё as е, and a simplified
//! Latin transliteration as in passports ("Әлихан" -> "alihan", "Жанна" -> "jana"). A query
//! goes through the same functions, so both sides always agree. Names sort by a key in the
//! Kazakh alphabet's order ([`sort_key`]): code-point order would put Ә Ғ Қ Ң Ө Ұ Ү Һ І after Я.

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

/// The text stored in the national trigram index for one volunteer: both folded forms of the
/// full name.
pub fn search_text(surname: &str, given: &str, patronymic: Option<&str>) -> String {
    let full = match patronymic {
        Some(p) => format!("{surname} {given} {p}"),
        None => format!("{surname} {given}"),
    };
    format!("{} | {}", cyrillic(&full), latin(&full))
}

/// The text stored in the volunteer's region's trigram index: the names, then the marker of
/// the district. A district operator's search ANDs its fragment with the marker inside the
/// region's index (a twentieth of the country), so it never walks the region's other
/// matches. (The SQL scope filter still applies to every row: the marker makes scoping fast,
/// not safe.)
pub fn region_search_text(
    surname: &str,
    given: &str,
    patronymic: Option<&str>,
    district_id: &str,
) -> String {
    format!(
        "{} {}",
        search_text(surname, given, patronymic),
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

/// Three private characters naming a district: exactly one trigram, so matching it reads one
/// doclist without positions to compare (measured in a region's index at 1,000,000
/// volunteers: a count of marker AND fragment took 0.55-0.8 ms with three characters,
/// 0.6-1.0 ms with the four of a two-trigram phrase). A 16-bit hash of the id, unique only
/// within a region's index (it is never used elsewhere): two districts of one region may
/// share a marker, which costs extra candidates that the SQL filter drops and makes the
/// count join the rows (see [`district_marker_is_exact`]).
pub fn district_marker(district_id: &str) -> String {
    let h = fnv(district_id);
    let h = h ^ (h >> 16);
    ['\u{E001}', private(h >> 8), private(h)].iter().collect()
}

/// Whether the marker of `district_id` names exactly that district inside its region's
/// index: the district is one of `region_districts` (every district of the region, retired
/// ones included) and no other of them hashes to the same marker. Then a district's count
/// can trust the index alone, as a region's does.
pub fn district_marker_is_exact(district_id: &str, region_districts: &[String]) -> bool {
    let marker = district_marker(district_id);
    region_districts.iter().any(|d| d == district_id)
        && region_districts
            .iter()
            .filter(|d| district_marker(d) == marker)
            .count()
            == 1
}

/// The Kazakh Cyrillic alphabet in its order; it also orders Russian names (Russian letters
/// are a subset, in the same relative order). Ё is not here: it sorts as Е.
const ALPHABET: [char; 41] = [
    'а', 'ә', 'б', 'в', 'г', 'ғ', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'қ', 'л', 'м', 'н', 'ң', 'о',
    'ө', 'п', 'р', 'с', 'т', 'у', 'ұ', 'ү', 'ф', 'х', 'һ', 'ц', 'ч', 'ш', 'щ', 'ъ', 'ы', 'і', 'ь',
    'э', 'ю', 'я',
];

/// Where the alphabet's ranks are written: one Private Use Area character per letter, which
/// no name contains (names are letters, spaces, hyphens and apostrophes, and these are not
/// letters).
const RANK_BASE: u32 = 0xF000;

/// The sort key of a name: folded as [`cyrillic`] (case-insensitive, ё as е), then each letter
/// of the alphabet replaced by its rank as one character, so SQLite's binary (code point)
/// order of the keys is the alphabet's order: "Әлиев" between "Алиев" and "Бекова", "Қасымов"
/// after "Кузнецов", "Іскаков" between "Ыбыраев" and "Эргашев". Spaces, hyphens and
/// apostrophes sort before every letter; letters of other scripts (Latin) keep their code
/// point and sort before the Cyrillic ones. One character per letter, so the key of a prefix
/// is the prefix of the key: surname prefix searches range over the same column.
pub fn sort_key(text: &str) -> String {
    cyrillic(text)
        .chars()
        .map(|c| match ALPHABET.iter().position(|&a| a == c) {
            Some(rank) => char::from_u32(RANK_BASE + rank as u32).unwrap_or(c),
            None => c,
        })
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
    fn a_shared_district_marker_is_not_exact() {
        // 16-bit markers: among 300,000 ids many collide (the birthday bound).
        let ids: Vec<String> = (0..300_000u64)
            .map(|i| format!("{:016x}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .collect();
        let mut seen = std::collections::HashMap::new();
        let pair = ids
            .iter()
            .find_map(|id| {
                seen.insert(district_marker(id), id.clone())
                    .map(|other| (other, id.clone()))
            })
            .expect("a collision among 300,000 ids");
        let region = vec![pair.0.clone(), pair.1.clone(), "district-x".to_owned()];
        assert!(
            !district_marker_is_exact(&pair.0, &region),
            "a marker two districts of the region share names neither exactly"
        );
        assert!(
            district_marker_is_exact("district-x", &region),
            "a marker no other district of the region has is exact"
        );
        assert!(
            !district_marker_is_exact("district-y", &region),
            "a district of another region is never exact in this region's index"
        );
    }

    #[test]
    fn names_sort_by_the_kazakh_alphabet() {
        let ordered = [
            "Алиев",
            "Әлиев",
            "Бекова",
            "Ёлкин",
            "Ерланов",
            "Жанов",
            "Кузнецов",
            "Қасымов",
            "Лебедев",
            "Нұрланов",
            "Ңаев",
            "Оспанов",
            "Өтепов",
            "Уәлиев",
            "Ұлжанов",
            "Үкібаев",
            "Хасенов",
            "Һаев",
            "Ыбыраев",
            "Іскаков",
            "Эргашев",
            "Яковлев",
        ];
        let mut sorted = ordered.to_vec();
        sorted.sort_by_key(|n| sort_key(n));
        assert_eq!(
            sorted, ordered,
            "binary order of the keys is the Kazakh alphabet's order, ё sorting as е"
        );
        assert_eq!(sort_key("ӘЛИЕВ"), sort_key("әлиев"), "the key ignores case");
        assert_eq!(sort_key("Фёдоров"), sort_key("Федоров"), "ё sorts as е");
        assert!(
            sort_key("Ли Ан") < sort_key("Лиан"),
            "a space sorts before every letter"
        );
        assert!(
            sort_key("Қасымов").starts_with(&sort_key("Қас")),
            "the key of a prefix is the prefix of the key"
        );
    }
}
