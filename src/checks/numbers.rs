//! Reading figures, shared by the numeric checks: number words and digits, the collective
//! nouns of a count (`trio`), and the nouns that measure rather than count. The word lists are
//! data in `rules/lexicon/`.

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

static COUNT_WORDS: LazyLock<FxHashMap<String, u64>> = LazyLock::new(|| {
    crate::extract::list(include_str!("../../rules/lexicon/count_words.txt"))
        .filter_map(|l| {
            let (w, n) = l.split_once(' ')?;
            Some((w.to_string(), n.trim().parse().ok()?))
        })
        .collect()
});

static UNITS: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::extract::list(include_str!("../../rules/lexicon/measure_units.txt")).collect()
});

/// The count a word or a figure states: `three`, `12`, `1,200`, `trio`.
pub(crate) fn value(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    if let Some(v) = COUNT_WORDS.get(&lower) {
        return Some(*v);
    }
    let digits = lower.replace(',', "");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // A comma must group thousands (`1,200`), not separate two figures (`12,5`).
    if lower.contains(',') && !lower.split(',').skip(1).all(|g| g.len() == 3) {
        return None;
    }
    digits.parse().ok()
}

/// True for a noun that measures (time, distance, money, rate) rather than counts.
pub(crate) fn is_unit(word: &str) -> bool {
    UNITS.contains(&word.to_lowercase())
}

/// True for an English month name or its abbreviation, written as a word of its own (not
/// `Mayor`, `Marines`).
pub(crate) fn is_month(word: &str) -> bool {
    const MONTHS: [&str; 23] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
    ];
    let w = word.trim_end_matches('.').to_lowercase();
    MONTHS.contains(&w.as_str()) || w == "dec"
}

/// The regex alternation of every count word, longest first.
pub(crate) fn count_word_pattern() -> String {
    let mut words: Vec<&String> = COUNT_WORDS.keys().collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words
        .iter()
        .map(|w| regex::escape(w))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_read() {
        assert_eq!(value("three"), Some(3));
        assert_eq!(value("Trio"), Some(3));
        assert_eq!(value("1,200"), Some(1200));
        assert_eq!(value("12,5"), None);
        assert_eq!(value("several"), None);
        assert!(is_unit("Months"));
        assert!(!is_unit("soldiers"));
    }
}
