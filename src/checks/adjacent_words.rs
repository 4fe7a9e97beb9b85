//! `adjacent_words`: two words that should not stand side by side, such as two determiners
//! (`the a`), where the first comes from one list and the second from another.
//!
//! Matching is case-insensitive and only spaces may separate the words, so a pair split by a
//! comma or a line of a list is left alone.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::repeated_word::{adjacent, glued};
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "adjacent_words",
    summary: "a word from one list directly followed by a word from another",
    params: "first: words that open the pair, lowercase (required)\n\
             second: words that close it, lowercase (required)\n\
             allow: pairs that are fine, as \"first second\" ([])",
    placeholders: &["first", "second"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    first: Vec<String>,
    second: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

struct AdjacentWords {
    first: FxHashSet<String>,
    second: FxHashSet<String>,
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.first.is_empty() || p.second.is_empty() {
        return Err("`first` and `second` must each list at least one word".into());
    }
    let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    Ok(Box::new(AdjacentWords {
        first: lower(p.first),
        second: lower(p.second),
        allow: lower(p.allow),
    }))
}

impl Check for AdjacentWords {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            for pair in doc.words[sentence.words.clone()].windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let (wa, wb) = (doc.slice(a).to_lowercase(), doc.slice(b).to_lowercase());
                // The same word twice is the repeated-word rule's finding, not this one's.
                if wa == wb
                    || !self.first.contains(&wa)
                    || !self.second.contains(&wb)
                    || self.allow.contains(&format!("{wa} {wb}"))
                    || !adjacent(doc, a, b)
                    || glued(doc, a)
                    || glued(doc, b)
                {
                    continue;
                }
                let (first, second) = (doc.slice(a), doc.slice(b));
                out.push(
                    rule.finding(&[("first", first), ("second", second)])
                        .label(
                            doc.id,
                            Span::new(a.start, b.end),
                            "one of these words is one too many",
                        )
                        .suggest(format!("keep either `{first}` or `{second}`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "doubled-determiner"
        code = "T002"
        category = "typo"
        severity = "warning"
        check = "adjacent_words"
        message = "two determiners in a row: `{first} {second}`"
        [rule.params]
        first = ["a", "an", "the"]
        second = ["a", "an", "the", "this"]
    "#;

    #[test]
    fn doubled_determiner_fires() {
        let f = findings(&rule(RULE), &["It is the a reserve component."]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "two determiners in a row: `the a`");
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            "By this the author means more. It was the A-list.",
            "He saw the\n- a list",
        ];
        assert!(findings(&rule(RULE), &texts).is_empty());
    }
}
