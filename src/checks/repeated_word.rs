//! `repeated_word`: the same word twice in a row (`information information`).
//!
//! Only words separated by spaces count: `that, that` is punctuated on purpose. Words in `allow`
//! are left alone (`had had`, `that that` are grammatical), and so are numbers and a repeated
//! capitalised word, which is usually a name (`Bora Bora`).

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "repeated_word",
    summary: "a word written twice in a row",
    params: "allow: words whose repetition is grammatical, lowercase ([])",
    placeholders: &["word"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    allow: Vec<String>,
}

struct RepeatedWord {
    allow: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(RepeatedWord {
        allow: p.allow.into_iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// True when only spaces separate two words.
pub(crate) fn adjacent(doc: &Document, a: Span, b: Span) -> bool {
    let gap = &doc.text[a.end..b.start];
    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}' || c == '\t')
}

/// True when the word is part of a longer token of code or a path rather than a word of prose:
/// glued to `.`, `_`, `/` or `=` (`foo.git git`, `RENAME_REF ref`, `a/ vs b/`).
pub(crate) fn glued(doc: &Document, word: Span) -> bool {
    let before = doc.text[..word.start].chars().next_back();
    let mut after = doc.text[word.end..].chars();
    before.is_some_and(|c| matches!(c, '.' | '_' | '/' | '\\' | '=' | '$' | '@'))
        || match after.next() {
            Some('_' | '/' | '\\' | '=') => true,
            Some('.') => after.next().is_some_and(char::is_alphanumeric),
            _ => false,
        }
}

/// True when the line holding `at` is a row of columns: two or more runs of several spaces after
/// its indentation (`  installed   never      never    Yes`). Words in neighbouring cells are
/// not a sentence.
fn in_columns(doc: &Document, at: usize) -> bool {
    let line = doc.slice(doc.line_span(doc.line_index(at))).trim();
    line.split("  ")
        .filter(|cell| !cell.trim().is_empty())
        .count()
        >= 3
}

impl Check for RepeatedWord {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            for (i, pair) in words.windows(2).enumerate() {
                let (a, b) = (pair[0], pair[1]);
                let (wa, wb) = (doc.slice(a), doc.slice(b));
                if !wa.eq_ignore_ascii_case(wb) && wa.to_lowercase() != wb.to_lowercase() {
                    continue;
                }
                let lower = wa.to_lowercase();
                // `Walla Walla`, `Bora Bora`: a capitalised second word is a name, not a slip.
                let capitalised_name = wb.chars().next().is_some_and(char::is_uppercase);
                // `DIFF diff` is a constant and its value, not a slip: a slip repeats the word
                // as it was written, at most with a capital at the start of the sentence.
                let same_shape = wa.chars().skip(1).eq(wb.chars().skip(1))
                    && (wa.chars().next() == wb.chars().next() || i == 0);
                if !adjacent(doc, a, b)
                    || !same_shape
                    || glued(doc, a)
                    || glued(doc, b)
                    || in_columns(doc, a.start)
                    || self.allow.contains(&lower)
                    || wa.chars().all(|c| c.is_numeric())
                    || capitalised_name
                {
                    continue;
                }
                out.push(
                    rule.finding(&[("word", wa)])
                        .label(doc.id, Span::new(a.start, b.end), "the same word twice")
                        .suggest(wa.to_string())
                        .replace(doc.id, Span::new(a.start, b.end), wa),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "repeated-word"
        code = "T001"
        category = "typo"
        severity = "warning"
        check = "repeated_word"
        message = "`{word}` is written twice in a row"
        [rule.params]
        allow = ["had", "that"]
    "#;

    #[test]
    fn repeated_word_fires() {
        let f = findings(
            &rule(RULE),
            &["It runs this information information and resource center."],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "`information` is written twice in a row");
        assert_eq!(f[0].suggestion.as_deref(), Some("information"));
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            "He had had enough. She said that that was fine. Walla Walla is a town.",
            "Yes, yes, it is. The count rose by 2 2 times. Information. Information is key.",
            // Code and tables: a constant and its value, a file name, a row of columns.
            "Then set(DIFF diff) and run foo.git git init in the folder.",
            "The class G r E e K matches Greek.",
            "  unpacked    never      never    Yes\n",
        ];
        assert!(findings(&rule(RULE), &texts).is_empty());
    }
}
