//! `confused_phrase`: a fixed phrase with one word swapped for a real word that looks or sounds
//! alike (`weapons of muss destruction`, `statue of limitations`, `free reign`).
//!
//! Each word of such a phrase is correctly spelt, so no dictionary of misspellings sees it; the
//! phrase as a whole is the evidence. The phrases are data (the rule's `phrases` list), matched
//! case-insensitively on consecutive words of one sentence separated only by spaces.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "confused_phrase",
    summary: "a fixed phrase with one word swapped for a look-alike",
    params: "phrases: pairs [wrong, right] of phrases, e.g. [\"muss destruction\", \"mass destruction\"] (required)",
    placeholders: &["found", "expected"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    phrases: Vec<[String; 2]>,
}

struct Phrase {
    words: Vec<String>,
    right: String,
}

struct ConfusedPhrase {
    /// First word → phrases that open with it.
    by_first: FxHashMap<String, Vec<Phrase>>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.phrases.is_empty() {
        return Err("`phrases` must list at least one pair".into());
    }
    let mut by_first: FxHashMap<String, Vec<Phrase>> = FxHashMap::default();
    for [wrong, right] in p.phrases {
        let words: Vec<String> = wrong.split_whitespace().map(str::to_lowercase).collect();
        if words.len() < 2 {
            return Err(format!(
                "phrase `{wrong}` has one word; a confused phrase needs two or more"
            ));
        }
        if wrong.to_lowercase() == right.to_lowercase() {
            return Err(format!("phrase `{wrong}` is its own correction"));
        }
        by_first
            .entry(words[0].clone())
            .or_default()
            .push(Phrase { words, right });
    }
    Ok(Box::new(ConfusedPhrase { by_first }))
}

impl Check for ConfusedPhrase {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            for (i, w) in words.iter().enumerate() {
                let Some(phrases) = self.by_first.get(&doc.slice(*w).to_lowercase()) else {
                    continue;
                };
                for phrase in phrases {
                    let Some(window) = words.get(i..i + phrase.words.len()) else {
                        continue;
                    };
                    let matches = window
                        .iter()
                        .zip(&phrase.words)
                        .all(|(w, p)| doc.slice(*w).to_lowercase() == *p)
                        && window.windows(2).all(|p| adjacent(doc, p[0], p[1]));
                    if !matches {
                        continue;
                    }
                    let span = Span::new(window[0].start, window[window.len() - 1].end);
                    let found = doc.slice(span);
                    out.push(
                        rule.finding(&[("found", found), ("expected", &phrase.right)])
                            .label(doc.id, span, format!("did you mean `{}`?", phrase.right))
                            .note("every word is spelt right, but the phrase is a known confusion")
                            .suggest(phrase.right.clone()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "confused-phrase"
        code = "T005"
        category = "typo"
        severity = "warning"
        check = "confused_phrase"
        message = "`{found}` should probably be `{expected}`"
        [rule.params]
        phrases = [["muss destruction", "mass destruction"], ["present statue", "present statute"]]
    "#;

    #[test]
    fn confused_phrase_fires_each_time() {
        let f = findings(
            &rule(RULE),
            &["Weapons of muss destruction and the weapons of Muss Destruction."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("mass destruction"));
    }

    #[test]
    fn near_misses_stay_silent() {
        let f = findings(
            &rule(RULE),
            &["Do not muss\nthe destruction. Muss, destruction. The present statute and a statue."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn one_word_phrase_is_rejected() {
        let bad = r#"
            name = "x"
            code = "T099"
            category = "typo"
            severity = "info"
            check = "confused_phrase"
            message = "`{found}`"
            [rule.params]
            phrases = [["muss", "mass"]]
        "#;
        let text = format!(
            "[[rule]]\n{bad}\n[rule.doc]\nflags = \"x\"\nwhy = \"x\"\nexample = \"x\"\nfix = \"x\"\nlimits = \"x\"\n"
        );
        assert!(crate::config::rules::parse_pack(&text, "t.toml").is_err());
    }
}
