//! `echoed_word`: a word written again after one other word (`a deputy justice minister
//! justice until January`), left over from an edit that moved a word and kept the old copy.
//!
//! English repeats a word across one other on purpose in a few shapes, and each is left alone:
//! - around a preposition or a conjunction, `thousands upon thousands`, `mind upon mind`,
//!   `products like products`, `sacrifice whenever sacrifice` (the `between` list, and every
//!   function word of the lexicon);
//! - around a verb form, `neighbor helping neighbor`, `moment followed moment` (a middle word
//!   in `-ing` or `-ed`);
//! - around a possessive, `to fight freedom's fight`, or a hyphen, which is often a dash
//!   (`the same tragic road again-the road`);
//! - an adjective or a function word repeated, `on certain terms certain classes`, `first
//!   things first`.
//!
//! All three words must be lowercase and stand in one sentence with single spaces between
//! them: punctuation (`year- every year`, `reason-a good reason`) marks a repeat for emphasis.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::repeated_word::glued;
use super::wordclass::{WordClass, past_form, present_participle};
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::Lexicon;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "echoed_word",
    summary: "a word written again after one other word",
    params: "min_length: shorter words are not looked at (4)\n\
             between: middle words that make the repeat grammatical, lowercase ([])",
    placeholders: &["word", "between"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_length")]
    min_length: usize,
    #[serde(default)]
    between: Vec<String>,
}

fn min_length() -> usize {
    4
}

struct EchoedWord {
    min_length: usize,
    between: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(EchoedWord {
        min_length: p.min_length.max(1),
        between: p.between.into_iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// True when exactly one space separates two words.
fn one_space(doc: &Document, a: Span, b: Span) -> bool {
    &doc.text[a.end..b.start] == " "
}

/// True when every letter of the word is lowercase and it has no digit or apostrophe.
fn plain_lowercase(word: &str) -> bool {
    word.chars().all(|c| c.is_lowercase() || c == '-') && word.starts_with(char::is_lowercase)
}

impl EchoedWord {
    /// True when `middle` (lowercase) may stand between two copies of one word on purpose.
    fn grammatical_middle(&self, middle: &str) -> bool {
        // A hyphen in the middle word is often a dash (`the same road again-the road`).
        middle.contains('-')
            || self.between.contains(middle)
            || Lexicon::builtin().is_stopword(middle)
            || past_form(middle)
            || present_participle(middle)
    }
}

impl Check for EchoedWord {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let lexicon = Lexicon::builtin();
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            for w in words.windows(3) {
                let (first, middle, last) = (w[0], w[1], w[2]);
                let (a, b, c) = (doc.slice(first), doc.slice(middle), doc.slice(last));
                if a != c
                    || a == b
                    || a.len() < self.min_length
                    || !plain_lowercase(a)
                    || !plain_lowercase(b)
                    || !one_space(doc, first, middle)
                    || !one_space(doc, middle, last)
                    || glued(doc, first)
                    || glued(doc, last)
                {
                    continue;
                }
                if lexicon.is_stopword(a)
                    || WordClass::Adjective.contains(a)
                    || self.grammatical_middle(b)
                {
                    continue;
                }
                let span = Span::new(middle.end, last.end);
                out.push(
                    rule.finding(&[("word", a), ("between", b)])
                        .label(doc.id, last, "written again here")
                        .label(doc.id, first, "first written here")
                        .note(format!(
                            "delete the second `{a}`, or the first if the sentence reads better so"
                        ))
                        .replace(doc.id, span, "")
                        .unsafe_fix(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "echoed-word"
        code = "T009"
        category = "typo"
        severity = "warning"
        check = "echoed_word"
        message = "`{word}` is written again after `{between}`"
        [rule.params]
        between = ["upon", "like", "whenever", "after", "by", "for"]
    "#;

    #[test]
    fn a_word_written_again_after_one_word_is_found() {
        let f = findings(
            &rule(RULE),
            &["Ada Prinn served as a deputy harbour minister harbour until May."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].message, "`harbour` is written again after `minister`");
    }

    #[test]
    fn repeats_of_english_are_left_alone() {
        // Real sentences: Melville, Moby-Dick, ch. 1 and 78; the 1854, 1863, 1869 and 1994
        // annual messages to Congress; the 2002 one.
        for text in [
            "There stand thousands upon thousands of mortal men fixed in ocean reveries.",
            "Every ripple, as moment followed moment, and no sign of either the sinking man.",
            "It comes by the free action of mind upon mind, not by the obtrusive intervention.",
            "Saying that on certain terms certain classes will be pardoned.",
            "It competes with our agricultural products like products of other countries.",
            "They rose to the occasion, neighbor helping neighbor, strangers risking their lives.",
            "It is our privilege to fight freedom's fight.",
            "Remember that every year- every year-we move up the date.",
        ] {
            let f = findings(&rule(RULE), &[text]);
            assert!(f.is_empty(), "{text}: {f:#?}");
        }
    }
}
