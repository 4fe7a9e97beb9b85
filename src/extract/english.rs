//! What concord knows about English spelling, from two maintained word lists compiled in:
//!
//! - `typos-dict`: about 96,000 known misspellings, each with its corrections. The corrections
//!   form a vocabulary of about 22,000 correctly spelt words, and the number of misspellings that
//!   point at a word says how often people type it (and so how common it is).
//! - `am-wordlist`: about 25,000 English headwords (the Moby thesaurus), which fills in common
//!   words that nobody misspells often enough to be in the first list (`decree`, `mass`).
//!
//! Both are lowercase ASCII; callers fold a word before asking.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

struct Lists {
    /// Misspelling → its corrections.
    misspellings: FxHashMap<&'static str, &'static [&'static str]>,
    /// Correct word → how many recorded misspellings point at it.
    corrections: FxHashMap<String, u32>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut misspellings = FxHashMap::default();
    let mut corrections: FxHashMap<String, u32> = FxHashMap::default();
    for (typo, fixes) in typos_dict::WORD.map.entries() {
        let typo: &'static str = typo.into_inner();
        misspellings.insert(typo, *fixes);
        for fix in fixes.iter() {
            *corrections.entry(fix.to_lowercase()).or_default() += 1;
        }
    }
    Lists {
        misspellings,
        corrections,
    }
});

/// The corrections `typos-dict` records for `lower`, if it is a known misspelling.
pub fn misspelling(lower: &str) -> Option<&'static [&'static str]> {
    LISTS.misspellings.get(lower).copied()
}

/// True when `lower` is a correctly spelt English word in either list.
pub fn is_word(lower: &str) -> bool {
    LISTS.corrections.contains_key(lower) || am_wordlist::contains(lower)
}

/// How many recorded misspellings point at `lower`: a proxy for how often the word is written.
pub fn popularity(lower: &str) -> u32 {
    LISTS.corrections.get(lower).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_words_misspellings_and_popularity() {
        assert!(is_word("located") && is_word("decree") && is_word("mass"));
        assert!(!is_word("locoated") && !is_word("komitəsi"));
        assert_eq!(misspelling("equipments"), Some(&["equipment"][..]));
        assert!(misspelling("located").is_none());
        assert!(popularity("located") >= 5);
        assert_eq!(popularity("locoated"), 0);
    }
}
