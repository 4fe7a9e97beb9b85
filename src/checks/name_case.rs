//! `name_case`: the head noun of an official name written in lowercase where the same name is
//! capitalised elsewhere (`Main Security department` beside `Main Security Department`).
//!
//! A name is recognised by its head noun (a data list: `Department`, `Ministry`, `Agency`,
//! ...) after at least `min_words` capitalised words joined by spaces. Every capitalised form
//! is collected first; a lowercase head after the same capitalised words is then the same name
//! written another way. Requiring the capitalised form in the corpus keeps generic uses silent
//! (`the security department` has no capitalised words before it, and `State Security
//! department` is only reported when `State Security Department` is written somewhere).
//!
//! Which side is marked: the lowercase head; a name's head is capitalised in English.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{DocId, Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "name_case",
    summary: "the head noun of a name in lowercase where the name is capitalised elsewhere",
    params: "heads: head nouns of official names, lowercase (required)\n\
             min_words: capitalised words needed before the head (2)",
    placeholders: &["found", "usual"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    heads: Vec<String>,
    #[serde(default = "min_words")]
    min_words: usize,
}

fn min_words() -> usize {
    2
}

struct NameCase {
    heads: FxHashSet<String>,
    min_words: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.heads.is_empty() {
        return Err("`heads` must list at least one head noun".into());
    }
    Ok(Box::new(NameCase {
        heads: p.heads.iter().map(|h| h.to_lowercase()).collect(),
        min_words: p.min_words.max(1),
    }))
}

impl NameCase {
    /// For each head noun of the document's sentences that follows `min_words` capitalised
    /// words: the span from the first of them to the head, and whether the head is capitalised.
    fn names(&self, doc: &Document) -> Vec<(Span, bool)> {
        let mut out = Vec::new();
        for s in &doc.sentences {
            let words = &doc.words[s.words.clone()];
            for (i, &w) in words.iter().enumerate().skip(self.min_words) {
                let head = doc.slice(w);
                if !self.heads.contains(&head.to_lowercase()) {
                    continue;
                }
                let before = &words[i - self.min_words..i];
                let capitalised = before
                    .iter()
                    .all(|b| doc.slice(*b).starts_with(char::is_uppercase));
                let joined = before.windows(2).all(|p| adjacent(doc, p[0], p[1]))
                    && adjacent(doc, before[before.len() - 1], w);
                if capitalised && joined {
                    out.push((
                        Span::new(before[0].start, w.end),
                        head.starts_with(char::is_uppercase),
                    ));
                }
            }
        }
        out
    }
}

impl Check for NameCase {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        // Capitalised forms, by their lowercase text.
        let mut capital: FxHashMap<String, Vec<(DocId, Span)>> = FxHashMap::default();
        let mut lower: Vec<(DocId, Span)> = Vec::new();
        for doc in &cx.corpus.docs {
            for (span, capitalised) in self.names(doc) {
                if capitalised {
                    capital
                        .entry(doc.slice(span).to_lowercase())
                        .or_default()
                        .push((doc.id, span));
                } else {
                    lower.push((doc.id, span));
                }
            }
        }
        for (doc_id, span) in lower {
            let doc = cx.corpus.doc(doc_id);
            let found = doc.slice(span);
            let Some(places) = capital.get(&found.to_lowercase()) else {
                continue;
            };
            let (other_doc, other) = places[0];
            let usual = cx.corpus.doc(other_doc).slice(other);
            let head_start = found.rfind(' ').map_or(0, |i| i + 1);
            let head = Span::new(span.start + head_start, span.end);
            let mut f = rule.finding(&[("found", found), ("usual", usual)]).label(
                doc_id,
                head,
                "a lowercase head in a capitalised name",
            );
            for &(d, s) in places.iter().take(3) {
                f = f.label(d, s, "capitalised here");
            }
            out.push(
                f.note(format!(
                    "`{usual}` is written with a capital {} in the corpus",
                    crate::finding::plural(places.len(), "time")
                ))
                .suggest(usual.to_string()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "name-case"
        code = "N003"
        category = "name_variant"
        severity = "info"
        check = "name_case"
        message = "`{found}` is written `{usual}` elsewhere"
        [rule.params]
        heads = ["department", "ministry"]
    "#;

    #[test]
    fn lowercase_head_of_a_capitalised_name() {
        let f = findings(
            &rule(RULE),
            &[
                "The Main Customs department was renamed.",
                "In 1993, Main Customs Department of the Republic was set up.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 0);
        assert_eq!(f[0].suggestion.as_deref(), Some("Main Customs Department"));
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            // Never capitalised; too few capitalised words; across a comma.
            "The State Customs department met. The Customs department met. In Main Customs, department heads met.",
            "The Main Customs Department exists. The main customs department exists.",
        ];
        let f = findings(&rule(RULE), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }
}
