//! `lowercase_start`: a sentence that starts with a lowercase letter (`... a white coat and cap.
//! it takes part in ...`).
//!
//! Precision first, so a sentence is only judged when its start is surely a sentence start and
//! its first word surely an ordinary word:
//! - the first sentence of a list item is skipped (list items often start in lowercase), and so
//!   is a paragraph that carries on a sentence cut by a page separator (`page_break_cut` reports
//!   that one);
//! - a sentence after another one in the same block is judged only when the one before ends with
//!   `.`, `!` or `?` and its last word is not an abbreviation (the lexicon's, a single letter, or
//!   a dotted form such as `e.g.`), since a segmenter may split after an abbreviation it does not
//!   know;
//! - a sentence whose first character is not a letter (a quote, a bracket, an ellipsis, a
//!   number) is skipped;
//! - a first word with a capital inside (`iPhone`, `eBay`), with a period inside (`e.g.`), or in
//!   `allow` (name particles such as `van`, `de`, `al`) is skipped.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::page_break_cut::continues_cut_sentence;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::Document;
use crate::extract::Lexicon;
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "lowercase_start",
    summary: "a sentence that starts with a lowercase letter",
    params: "allow: lowercase words that may open a sentence, such as name particles ([])",
    placeholders: &["word", "fixed"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    allow: Vec<String>,
}

struct LowercaseStart {
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(LowercaseStart {
        allow: p.allow.into_iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// True when `text` (a sentence) ends with sentence punctuation after a word that is not an
/// abbreviation, so that whatever follows really starts a new sentence.
fn ends_sentence(text: &str) -> bool {
    let inner = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    if !inner.ends_with(['.', '!', '?']) {
        return false;
    }
    if !inner.ends_with('.') {
        return true;
    }
    let last = inner.rsplit(char::is_whitespace).next().unwrap_or("");
    let last = last.trim_start_matches(['(', '"', '“', '\'']);
    let bare = last.trim_end_matches('.');
    let abbreviation = Lexicon::builtin().abbreviations.contains(last)
        || bare.contains('.')
        || bare.chars().count() == 1;
    !abbreviation
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

impl Check for LowercaseStart {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let prev = i
                .checked_sub(1)
                .map(|p| &doc.sentences[p])
                .filter(|p| p.block == sentence.block);
            match prev {
                Some(p) if !ends_sentence(doc.slice(p.span)) => continue,
                Some(_) => {}
                None => {
                    let block = &doc.blocks[sentence.block];
                    if matches!(block.kind, BlockKind::ListItem(_))
                        || continues_cut_sentence(doc, sentence.block)
                    {
                        continue;
                    }
                }
            }
            let Some(&first) = doc.words.get(sentence.words.start) else {
                continue;
            };
            if first.start != sentence.span.start {
                // Something other than a letter opens the sentence: a quote, a bracket, a dash.
                continue;
            }
            let word = doc.slice(first);
            let mut chars = word.chars();
            let starts_lower = chars.next().is_some_and(char::is_lowercase);
            let inner_capital = chars.any(char::is_uppercase);
            let dotted = doc.text[first.end..].starts_with('.')
                && doc.text[first.end + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if !starts_lower || inner_capital || dotted || self.allow.contains(&word.to_lowercase())
            {
                continue;
            }
            let fixed = capitalise(word);
            out.push(
                rule.finding(&[("word", word), ("fixed", &fixed)])
                    .label(doc.id, first, "starts the sentence in lowercase")
                    .suggest(fixed),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "lowercase-sentence-start"
        code = "G001"
        category = "grammar"
        severity = "info"
        check = "lowercase_start"
        message = "sentence starts with lowercase `{word}`"
        [rule.params]
        allow = ["van", "de"]
    "#;

    #[test]
    fn lowercase_sentence_start_fires() {
        let text =
            "It received new uniforms with a white coat and cap. it takes part in state visits.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].message, "sentence starts with lowercase `it`");
        assert_eq!(f[0].suggestion.as_deref(), Some("It"));
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            "- takes part in visits;\n- fights crime.\n",
            "He bought it. iPhone sales rose. e.g. this one. van Gogh painted it.",
            "He said: \"... destructive forces abroad.\" 3 attempts failed.",
            "# Speech\n\nThe part is first. The part of our state and my\n\n---\n\nmain task as the president. It is so.",
            "It costs approx. five dollars.",
            "The company is in the U.S. it grew.",
        ];
        for t in texts {
            let f = findings(&rule(RULE), &[t]);
            assert!(f.is_empty(), "{t}: {f:#?}");
        }
    }
}
