//! What concord knows about English spelling, from two maintained word lists compiled in:
//!
//! - `typos-dict`: about 96,000 known misspellings, each with its corrections. The corrections
//!   form a vocabulary of about 22,000 correctly spelt words, and the number of misspellings that
//!   point at a word says how often people type it (and so how common it is).
//! - `am-wordlist`: about 25,000 English headwords (the Moby thesaurus), which fills in common
//!   words that nobody misspells often enough to be in the first list (`decree`, `mass`).
//!
//! Both are lowercase ASCII; callers fold a word before asking.
//!
//! - Hunspell dictionaries of both spelling conventions, American (`en_US`) and British
//!   (`en_GB`), from SCOWL as Debian packages them (`rules/dict/`, licence beside them), read by
//!   `spellbook`: affix-aware word forms (`reorganisations`) and ranked suggestions. Each is
//!   parsed on first use only, so a run that selects no spelling rule pays nothing.
//! - `typos-vars` (VARCON): the spellings of about 19,000 words that differ between American,
//!   British, Canadian and Australian English, each with the conventions it is right in. It
//!   knows variants the Hunspell dictionaries leave out (`archeological`) and tells which
//!   convention a document follows.

use std::sync::LazyLock;

use rustc_hash::{FxBuildHasher, FxHashMap};
use spellbook::Dictionary;

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

/// Every word [`is_word`] accepts, with its length and the set of letters it uses, for
/// [`has_word_within`].
static WORDS: LazyLock<Vec<(u32, usize, Box<str>)>> = LazyLock::new(|| {
    let mut words: Vec<&str> = LISTS
        .corrections
        .keys()
        .map(String::as_str)
        .chain(am_wordlist::iter())
        .collect();
    words.sort_unstable();
    words.dedup();
    words
        .into_iter()
        .map(|w| (letters(w), w.chars().count(), w.into()))
        .collect()
});

/// The letters a word uses, one bit each (a–z, and one bit for any other character).
fn letters(word: &str) -> u32 {
    word.chars().fold(0, |set, c| {
        set | match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            _ => 1 << 26,
        }
    })
}

/// True when some word [`is_word`] accepts is at most `max` edits (optimal string alignment:
/// a letter replaced, added, dropped, or two swapped) from `lower`. Each edit changes at most
/// two letters of the set a word uses and its length by at most one, so nearly every word is
/// ruled out by a bit count before any distance is computed: asking costs microseconds, where
/// a Hunspell suggestion search costs milliseconds.
pub fn has_word_within(lower: &str, max: usize) -> bool {
    within(lower, max).next().is_some()
}

/// Every word [`is_word`] accepts that is at most `max` edits from `lower` (the same measure as
/// [`has_word_within`]), with its distance, in alphabetical order.
pub fn words_within(lower: &str, max: usize) -> Vec<(&'static str, usize)> {
    within(lower, max).collect()
}

fn within(lower: &str, max: usize) -> impl Iterator<Item = (&'static str, usize)> + '_ {
    let set = letters(lower);
    let length = lower.chars().count();
    WORDS.iter().filter_map(move |(s, n, w)| {
        if n.abs_diff(length) > max || ((s ^ set).count_ones() as usize) > 2 * max {
            return None;
        }
        let d = strsim::osa_distance(lower, w);
        (d <= max).then_some((&**w, d))
    })
}

/// How many recorded misspellings point at `lower`: a proxy for how often the word is written.
pub fn popularity(lower: &str) -> u32 {
    LISTS.corrections.get(lower).copied().unwrap_or(0)
}

/// A spelling convention: which Hunspell dictionary speaks for a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    American,
    British,
}

type Hunspell = Dictionary<FxBuildHasher>;

/// Parses a vendored dictionary. The files are part of the binary, so a parse error is a bug in
/// the repository, not a user error. A byte-order mark (the `en_GB` files have one) is dropped.
fn hunspell(aff: &str, dic: &str) -> Hunspell {
    let bom = |s: &str| s.trim_start_matches('\u{feff}').to_owned();
    Dictionary::new_with_hasher(&bom(aff), &bom(dic), FxBuildHasher)
        .expect("the vendored Hunspell dictionary parses")
}

static AMERICAN: LazyLock<Hunspell> = LazyLock::new(|| {
    hunspell(
        include_str!("../../rules/dict/en_US.aff"),
        include_str!("../../rules/dict/en_US.dic"),
    )
});
static BRITISH: LazyLock<Hunspell> = LazyLock::new(|| {
    hunspell(
        include_str!("../../rules/dict/en_GB.aff"),
        include_str!("../../rules/dict/en_GB.dic"),
    )
});

fn dictionary(dialect: Dialect) -> &'static Hunspell {
    match dialect {
        Dialect::American => &AMERICAN,
        Dialect::British => &BRITISH,
    }
}

/// True when the dialect's Hunspell dictionary accepts `word` as written (a capitalised form of
/// a lowercase entry is accepted; a lowercase form of a name is not).
pub fn spelt(word: &str, dialect: Dialect) -> bool {
    dictionary(dialect).check(word)
}

/// The dialect's edit-based Hunspell suggestions for `word`, best first: a letter replaced,
/// dropped, added or swapped, a replacement-table entry. Hunspell's n-gram search (ranking the
/// whole word list when those find nothing) is left off: it costs milliseconds a word, and
/// [`words_within`] finds the words further away that a correction may be.
pub fn suggestions(word: &str, dialect: Dialect) -> Vec<String> {
    let mut out = Vec::new();
    dictionary(dialect)
        .suggester()
        .with_ngram_suggestions(false)
        .suggest(word, &mut out);
    out
}

/// The conventions VARCON records `word` as right in, when it lists the word: (American,
/// British). A word it lists as right in neither (Canadian or Australian only) is still a
/// correct spelling: `Some((false, false))`.
pub fn conventions(word: &str) -> Option<(bool, bool)> {
    const AMERICAN: u8 = 0x01;
    const BRITISH: u8 = 0x02 | 0x04;
    const OTHER: u8 = 0x20;
    let entries = typos_vars::VARS.find(&unicase::UniCase::new(word))?;
    let flags = entries.iter().fold(0, |acc, (f, _)| acc | f);
    (flags & !OTHER != 0).then_some((flags & AMERICAN != 0, flags & BRITISH != 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hunspell_knows_both_conventions_and_word_forms() {
        use Dialect::*;
        assert!(spelt("reorganisations", British) && spelt("reorganizations", American));
        assert!(spelt("colour", British) && !spelt("colour", American));
        assert!(spelt("Security", American) && !spelt("Sercurity", American));
        assert!(!spelt("shorly", American) && !spelt("shorly", British));
        assert_eq!(
            suggestions("shorly", American).first().map(String::as_str),
            Some("shortly")
        );
    }

    #[test]
    fn words_within_reach_are_found_by_their_distance() {
        // A letter dropped and one added: two edits, out of reach of one.
        let near = words_within("distibutee", 2);
        assert!(near.contains(&("distribute", 2)), "{near:?}");
        assert!(
            near.iter()
                .all(|&(w, d)| d <= 2 && strsim::osa_distance("distibutee", w) == d)
        );
        assert!(
            !words_within("distibutee", 1)
                .iter()
                .any(|&(w, _)| w == "distribute")
        );
        // A swap is one edit; a word far from every English word has none within reach.
        assert!(has_word_within("goverment", 1));
        assert!(words_within("qzxvkjwpt", 2).is_empty());
        assert!(!has_word_within("qzxvkjwpt", 2));
    }

    #[test]
    fn varcon_knows_variants_and_their_conventions() {
        assert_eq!(conventions("colour"), Some((false, true)));
        assert_eq!(conventions("color"), Some((true, false)));
        // A variant Hunspell leaves out, right in American English.
        assert!(!spelt("archeological", Dialect::American));
        assert_eq!(conventions("archeological").map(|c| c.0), Some(true));
        assert_eq!(conventions("locoated"), None);
    }

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
