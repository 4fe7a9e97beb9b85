//! Finding a person again in a document, shared by the checks that read ages: a surname as a
//! whole word, and the given name written before it.

/// The capitalised word right before `at` in `text`, separated from it by spaces: a given name
/// before a surname (`Ada` in `Ada Prinn`).
pub(crate) fn word_before(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    if before.len() == text[..at].len() {
        return None;
    }
    let start = before
        .rfind(|c: char| !(c.is_alphabetic() || c == '-' || c == '’' || c == '\''))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let w = &before[start..];
    w.chars()
        .next()
        .is_some_and(char::is_uppercase)
        .then_some(w)
}

/// Offsets of `surname` as a whole word in `text` (a possessive `’s` may follow).
pub(crate) fn mentions(text: &str, surname: &str) -> Vec<usize> {
    text.match_indices(surname)
        .filter(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + surname.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The given name of the person a surname at `at` names: the word before it, or the word before
/// the nearest earlier mention of the surname in `text` that has one.
pub(crate) fn given_name<'t>(text: &'t str, at: usize, surname: &str) -> Option<&'t str> {
    word_before(text, at).or_else(|| {
        mentions(&text[..at], surname)
            .into_iter()
            .rev()
            .find_map(|i| word_before(text, i))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_surname_finds_its_given_name() {
        let text = "Ada Prinn spoke. Later Prinn left. Tom Prinn came. Prinn’s aide spoke.";
        let at: Vec<usize> = mentions(text, "Prinn");
        assert_eq!(at.len(), 4);
        assert_eq!(given_name(text, at[1], "Prinn"), Some("Later"));
        assert_eq!(given_name(text, at[3], "Prinn"), Some("Tom"));
        assert_eq!(word_before(text, 0), None);
    }
}
