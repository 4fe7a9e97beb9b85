//! `repeated_word`: the same word twice in a row (`information information`).
//!
//! Only words separated by spaces count: `that, that` is punctuated on purpose. Words in `allow`
//! are left alone (`had had`, `that that` are grammatical), and so are numbers and a repeated
//! capitalised word, which is usually a name (`Bora Bora`).
//!
//! A pronoun whose object and subject forms are one word (`you`, `it`) may end one clause and
//! open the next where older or unpunctuated prose leaves out the comma: `the report laid
//! before you you will find`, `in providing for it it will be`. After a preposition and before
//! an auxiliary, such a repeat is two clauses meeting (`junction`).

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "repeated_word",
    summary: "a word written twice in a row",
    params: "allow: words whose repetition is grammatical, lowercase ([])\njunction: pronouns that are object and subject alike, such as \"it\"; repeated between a word of `junction_before` and one of `junction_after` they are two clauses meeting ([])\njunction_before: prepositions that end the first clause ([])\njunction_after: auxiliaries that go on the second ([])",
    placeholders: &["word"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    allow: Vec<String>,
    #[serde(default)]
    junction: Vec<String>,
    #[serde(default)]
    junction_before: Vec<String>,
    #[serde(default)]
    junction_after: Vec<String>,
}

struct RepeatedWord {
    allow: Vec<String>,
    junction: Vec<String>,
    junction_before: Vec<String>,
    junction_after: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    Ok(Box::new(RepeatedWord {
        allow: lower(p.allow),
        junction: lower(p.junction),
        junction_before: lower(p.junction_before),
        junction_after: lower(p.junction_after),
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

/// True when `at` lies inside inline code on its line: an odd number of backticks before it
/// (`` `&mut mut self` `` quotes code, it does not repeat a word).
fn in_inline_code(doc: &Document, at: usize) -> bool {
    let line = doc.line_span(doc.line_index(at));
    doc.text[line.start..at].matches('`').count() % 2 == 1
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

impl RepeatedWord {
    /// True when the repeat at `i` is a pronoun ending one clause and opening the next (`laid
    /// before you you will find`).
    fn junction(&self, doc: &Document, words: &[Span], i: usize, lower: &str) -> bool {
        let word = |k: usize| words.get(k).map(|w| doc.slice(*w).to_lowercase());
        self.junction.iter().any(|j| j == lower)
            && i > 0
            && word(i - 1).is_some_and(|w| self.junction_before.contains(&w))
            && word(i + 2).is_some_and(|w| self.junction_after.contains(&w))
    }
}

impl Check for RepeatedWord {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            // `the Harbour Guard guard`: a name's last word, capitalised, then the same word in
            // lowercase. The capitalised word before it shows that a name ends there, so this is
            // not a lone name before its namesake word (`Will will`).
            let name_then_word = |i: usize| {
                let (a, b) = (doc.slice(words[i]), doc.slice(words[i + 1]));
                i > 0
                    && adjacent(doc, words[i - 1], words[i])
                    && doc.slice(words[i - 1]).starts_with(char::is_uppercase)
                    && a.starts_with(char::is_uppercase)
                    && a.chars().skip(1).all(char::is_lowercase)
                    && b.chars().all(char::is_lowercase)
            };
            // `aa aa aa aa`: three or more in a row are data (a hex dump), not a slip.
            let same = |x: usize, y: usize| {
                doc.slice(words[x]).to_lowercase() == doc.slice(words[y]).to_lowercase()
                    && adjacent(doc, words[x], words[y])
            };
            let run_of_three =
                |i: usize| (i > 0 && same(i - 1, i)) || (i + 2 < words.len() && same(i + 1, i + 2));
            let mut columns: Option<(usize, bool)> = None;
            for (i, pair) in words.windows(2).enumerate() {
                let (a, b) = (pair[0], pair[1]);
                let (wa, wb) = (doc.slice(a), doc.slice(b));
                if !wa.eq_ignore_ascii_case(wb) && wa.to_lowercase() != wb.to_lowercase() {
                    continue;
                }
                let lower = wa.to_lowercase();
                // Whether the line is a row of columns, computed once a line: a long line of
                // repeats must not rescan itself for every pair.
                let line = doc.line_index(a.start);
                let mut columned = || match columns {
                    Some((l, c)) if l == line => c,
                    _ => {
                        let c = in_columns(doc, a.start);
                        columns = Some((line, c));
                        c
                    }
                };
                // `Walla Walla`, `Bora Bora`: a capitalised second word is a name, not a slip.
                let capitalised_name = wb.chars().next().is_some_and(char::is_uppercase);
                // `DIFF diff` is a constant and its value, not a slip: a slip repeats the word
                // as it was written, at most with a capital at the start of the sentence.
                let same_shape = wa.chars().skip(1).eq(wb.chars().skip(1))
                    && (wa.chars().next() == wb.chars().next() || i == 0 || name_then_word(i));
                if !adjacent(doc, a, b)
                    || !same_shape
                    || glued(doc, a)
                    || glued(doc, b)
                    || columned()
                    || self.allow.contains(&lower)
                    || wa.chars().any(|c| c.is_ascii_digit())
                    || run_of_three(i)
                    || in_inline_code(doc, a.start)
                    || doc.text[b.end..].starts_with('(')
                    || capitalised_name
                    || self.junction(doc, words, i, &lower)
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
    fn a_name_then_its_last_word_in_lowercase_fires() {
        let f = findings(&rule(RULE), &["Ships of the Harbour Guard guard the bay."]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let near = ["Ada said Will will come. Then DIFF diff ran. The Bora Bora lagoon."];
        let f = findings(&rule(RULE), &near);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn a_long_line_of_repeats_is_linear() {
        // Issue 11: a line of 40,000 words took seconds when each pair rescanned the line.
        let text = "word word other ".repeat(15_000);
        let start = std::time::Instant::now();
        let f = findings(&rule(RULE), &[&text]);
        assert!(!f.is_empty());
        assert!(start.elapsed().as_secs_f64() < 2.0, "{:?}", start.elapsed());
    }

    #[test]
    fn a_pronoun_ending_one_clause_and_opening_the_next() {
        let r = crate::testing::builtin_rule("repeated-word");
        // From the annual message of 1801 (tests/corpora/clean_prose) and its like.
        let meet = [
            "The report laid before you you will find complete.",
            "In providing for it it will be wise to wait.",
        ];
        assert!(findings(&r, &meet).is_empty());
        let slips = [
            "I think it it is good.",
            "They sent it to you you the letter.",
        ];
        assert_eq!(findings(&r, &slips).len(), 2);
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
            // Data and code: a hex dump, identifiers with digits, inline code, a call.
            "It prints <Buffer aa aa aa aa> and 6c 6c and (param i32 i32).",
            "Do not write `&mut mut self` here. Then Locker locker(isolate) runs.",
        ];
        assert!(findings(&rule(RULE), &texts).is_empty());
    }
}
