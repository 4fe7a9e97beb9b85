//! Word classes for the grammar and real-word rules: is this word a verb, an adjective, an
//! adverb? The lists are data (`rules/lexicon/verbs.txt`, `adjectives.txt`, `adverbs.txt`, the
//! single-word lemmas of WordNet 3.0), compiled in and read once.
//!
//! Every rule that asks about a word's class asks here, so that the rules can later read the
//! part-of-speech tags of the analysis stage instead by changing this one module. A lemma list
//! says what a word *can* be, not what it is in a sentence: `level` is a noun, a verb and an
//! adjective. Rules therefore use it to rule readings out (`too` before a word that can only be a
//! verb), not to assign one.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// A class of words a rule can name as `@verb`, `@adjective` or `@adverb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    Verb,
    Adjective,
    Adverb,
}

impl WordClass {
    pub fn from_name(name: &str) -> Option<WordClass> {
        match name {
            "verb" => Some(WordClass::Verb),
            "adjective" => Some(WordClass::Adjective),
            "adverb" => Some(WordClass::Adverb),
            _ => None,
        }
    }

    /// True when `lower` (a lowercase word) can be a word of this class, by its lemma. Inflected
    /// forms are not lemmas: `improves` is not in the verb list, `improve` is.
    pub fn contains(self, lower: &str) -> bool {
        let lists = &*LISTS;
        match self {
            WordClass::Verb => lists.verbs.contains(lower),
            WordClass::Adjective => lists.adjectives.contains(lower),
            WordClass::Adverb => lists.adverbs.contains(lower),
        }
    }
}

/// A lowercase word of four letters or more in `-ed`: by its shape, a past form of a regular
/// verb (`helped`, `followed`).
pub fn past_form(lower: &str) -> bool {
    lower.len() >= 4 && lower.ends_with("ed")
}

/// A lowercase word of five letters or more in `-ing`: by its shape, a present participle
/// (`helping`).
pub fn present_participle(lower: &str) -> bool {
    lower.len() >= 5 && lower.ends_with("ing")
}

struct Lists {
    verbs: FxHashSet<&'static str>,
    adjectives: FxHashSet<&'static str>,
    adverbs: FxHashSet<&'static str>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| Lists {
    verbs: read(include_str!("../../rules/lexicon/verbs.txt")),
    adjectives: read(include_str!("../../rules/lexicon/adjectives.txt")),
    adverbs: read(include_str!("../../rules/lexicon/adverbs.txt")),
});

/// One word a line; `#` opens a comment line.
fn read(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::WordClass::*;

    #[test]
    fn classes_say_what_a_word_can_be() {
        assert!(Verb.contains("streamline") && !Adjective.contains("streamline"));
        assert!(Verb.contains("level") && Adjective.contains("level"));
        assert!(Adverb.contains("often") && !Verb.contains("often"));
        // Lemmas only, and no comment line read as a word.
        assert!(!Verb.contains("improves") && !Verb.contains("#"));
    }
}
