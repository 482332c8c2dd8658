//! Matching a sheet's header to field keys by aliases in Kazakh, Russian and English.
//!
//! A header cell matches an alias when both read the same after folding case, `ё` to `е`, and
//! dropping everything but letters and digits ("Ф.И.О.", "фио", "ФИО:" are one alias). The
//! matcher proposes; the user confirms or fixes the mapping before anything is imported, so
//! the aliases need not be clever, only unambiguous.

/// A field a sheet may carry, with the header texts that name it.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub aliases: &'static [&'static str],
}

pub struct HeaderMatcher {
    fields: &'static [Field],
}

impl HeaderMatcher {
    pub const fn new(fields: &'static [Field]) -> Self {
        Self { fields }
    }

    pub fn fields(&self) -> &'static [Field] {
        self.fields
    }

    /// The field key of one header cell, if an alias (or the key itself) names it.
    pub fn field_of(&self, header: &str) -> Option<&'static str> {
        let wanted = fold(header);
        if wanted.is_empty() {
            return None;
        }
        self.fields
            .iter()
            .find(|f| fold(f.key) == wanted || f.aliases.iter().any(|a| fold(a) == wanted))
            .map(|f| f.key)
    }

    /// The proposed field of each column; a field named by two columns goes to the first.
    pub fn propose(&self, header: &[String]) -> Vec<Option<&'static str>> {
        let mut taken: Vec<&'static str> = Vec::new();
        header
            .iter()
            .map(|cell| {
                let key = self.field_of(cell).filter(|k| !taken.contains(k))?;
                taken.push(key);
                Some(key)
            })
            .collect()
    }

    /// As [`propose`](Self::propose), refusing a header in which no column names a field.
    pub fn require(&self, header: &super::Row) -> crate::Result<Vec<Option<&'static str>>> {
        let proposed = self.propose(&header.cells);
        if proposed.iter().all(Option::is_none) {
            return Err(super::refusal_with(
                crate::error::FieldError::new("file", "no_header").with("row", header.number),
                &format!(
                    "row {} is not a header this import knows (no column is named as expected)",
                    header.number
                ),
            ));
        }
        Ok(proposed)
    }

    pub fn knows(&self, key: &str) -> bool {
        self.fields.iter().any(|f| f.key == key)
    }
}

/// Lower case, `ё` as `е`, letters and digits only, words joined by one space.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = if c == 'ё' { 'е' } else { c };
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else if c.is_whitespace() || c == '_' || c == '-' || c == '/' {
            space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field {
            key: "iin",
            aliases: &["ИИН", "ЖСН", "IIN"],
        },
        Field {
            key: "surname",
            aliases: &["Фамилия", "Тегі", "Surname"],
        },
    ];

    #[test]
    fn matches_aliases_in_every_language_whatever_the_case_and_dots() {
        let matcher = HeaderMatcher::new(FIELDS);
        assert_eq!(matcher.field_of(" И.И.Н. "), Some("iin"), "dots and spaces");
        assert_eq!(matcher.field_of("жсн"), Some("iin"), "Kazakh, lower case");
        assert_eq!(
            matcher.field_of("ТЕГІ"),
            Some("surname"),
            "Kazakh upper case"
        );
        assert_eq!(matcher.field_of("iin"), Some("iin"), "the key itself");
        assert_eq!(matcher.field_of("Примечание"), None, "an unknown column");
        assert_eq!(
            matcher.propose(&["ИИН".into(), "IIN".into(), "Фамилия".into()]),
            vec![Some("iin"), None, Some("surname")],
            "a second column for the same field is left unmapped"
        );
    }
}
