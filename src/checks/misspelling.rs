//! `misspelling`: known misspellings of English words, the high-confidence layer of the spell
//! checking: the word is a misspelling listed in `typos-dict` (`equipments`, `recieve`), which
//! records the correction. The dictionary is made to have no false alarms. Words no dictionary
//! knows are `spell_check`'s.
//!
//! A "misspelling" written in `max_documents` documents or more is taken for a term of the
//! corpus (`buildd`), not a slip. A word is left alone when it is a proper name somewhere in the
//! corpus (written with a capital inside a sentence), when it has capitals or digits (names,
//! acronyms, codes), when it is glued to code punctuation (`-mmessage`) or inside a Markdown
//! code span.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, Document, Span};
use crate::extract::english;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "misspelling",
    summary: "an English word written as a known misspelling",
    params: "mode: \"dictionary\", the only mode; unknown words are the spell_check kind's (\"dictionary\")\n\
             min_length: shorter words are not checked (4)\n\
             max_documents: a misspelling written in this many documents is a term of the corpus (3)\n\
             allow: words never reported, lowercase ([])",
    placeholders: &["word", "correction"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "dictionary")]
    mode: String,
    #[serde(default = "min_length")]
    min_length: usize,
    #[serde(default = "max_documents")]
    max_documents: usize,
    #[serde(default)]
    allow: Vec<String>,
}

fn dictionary() -> String {
    "dictionary".into()
}
fn min_length() -> usize {
    4
}
fn max_documents() -> usize {
    3
}

struct Misspelling {
    min_length: usize,
    max_documents: usize,
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    match p.mode.as_str() {
        "dictionary" => {}
        "slip" => {
            return Err(
                "mode \"slip\" is gone: unknown words are checked by the `spell_check` kind".into(),
            );
        }
        other => return Err(format!("mode must be \"dictionary\", not \"{other}\"")),
    }
    Ok(Box::new(Misspelling {
        min_length: p.min_length.max(3),
        max_documents: p.max_documents.max(1),
        allow: p.allow.iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// What the corpus says of the `wanted` lowercase words, in one pass: those written with a
/// capital inside a sentence somewhere (names), and in how many documents each is written.
fn evidence<'a>(
    corpus: &'a Corpus,
    wanted: &FxHashSet<&'a str>,
) -> (FxHashSet<&'a str>, FxHashMap<&'a str, usize>) {
    let mut names = FxHashSet::default();
    let mut documents: FxHashMap<&str, usize> = FxHashMap::default();
    for doc in &corpus.docs {
        let lowered = doc.lowered();
        for form in &lowered.vocabulary {
            if let Some(&w) = wanted.get(&**form) {
                *documents.entry(w).or_default() += 1;
            }
        }
        for s in &doc.sentences {
            for k in s.words.start + 1.min(s.words.len())..s.words.end {
                let lower = lowered.word(k);
                if wanted.contains(lower) && doc.slice(doc.words[k]).starts_with(char::is_uppercase)
                {
                    names.insert(lower);
                }
            }
        }
    }
    (names, documents)
}

impl Check for Misspelling {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        // Words the misspelling list knows, found first: they are few, and the corpus-wide
        // evidence about them (written as a name, written in many documents) is gathered for
        // them alone rather than for every word.
        let mut candidates: Vec<(&Document, Span, &str, bool)> = Vec::new();
        for doc in &cx.corpus.docs {
            let lowered = doc.lowered();
            for s in &doc.sentences {
                for k in s.words.clone() {
                    let lower = lowered.word(k);
                    if english::misspelling(lower).is_none() {
                        continue;
                    }
                    let w = doc.words[k];
                    let text = doc.slice(w);
                    // Parts of hyphenated compounds are left to the hyphen rules: `look-alikes`
                    // is fine although `alikes` alone is a misspelling.
                    if text.contains('-') || !self.candidate(text, lower, k == s.words.start) {
                        continue;
                    }
                    // Only for candidates: it looks along the line, which may be long.
                    if code_like(doc, w) {
                        continue;
                    }
                    candidates.push((doc, w, lower, k == s.words.start));
                }
            }
        }
        if candidates.is_empty() {
            return;
        }
        let wanted: FxHashSet<&str> = candidates.iter().map(|&(_, _, lower, _)| lower).collect();
        let (names, documents) = evidence(cx.corpus, &wanted);
        for (doc, w, lower, _) in candidates {
            // A name somewhere in the corpus, or the same "misspelling" in many documents: a
            // term of the corpus (`buildd`), not a slip.
            if names.contains(lower)
                || documents.get(lower).copied().unwrap_or(0) >= self.max_documents
            {
                continue;
            }
            if let Some(fix) = dictionary_fix(lower) {
                let text = doc.slice(w);
                let fix = match_case(text, &fix);
                out.push(self.finding(rule, doc, w, text, &fix));
            }
        }
    }
}

/// A word glued to code-like punctuation is an option, a path or an identifier (`-mmessage`,
/// `src/lib`), not prose.
fn code_like(doc: &Document, w: Span) -> bool {
    let before = doc.text[..w.start].chars().next_back();
    let after = doc.text[w.end..].chars().next();
    before.is_some_and(|c| "-/_.`@#$%&=\\<".contains(c))
        || after.is_some_and(|c| "/_`@#$%&=\\(>".contains(c))
        || in_inline_code(doc, w)
}

/// Inside a Markdown code span: an odd number of backticks between the start of the line and
/// the word (`` `v["nmae"]` `` shows a typo on purpose).
fn in_inline_code(doc: &Document, w: Span) -> bool {
    let line_start = doc.line_span(doc.line_index(w.start)).start;
    doc.text[line_start..w.start].matches('`').count() % 2 == 1
}

fn dictionary_fix(lower: &str) -> Option<String> {
    let fixes = english::misspelling(lower)?;
    // A word the thesaurus list knows is used as a word somewhere: leave it alone.
    if am_wordlist::contains(lower) {
        return None;
    }
    // A word of three letters is as often an abbreviation or a name as a slip (`ot`, `hel`):
    // only one that no Hunspell dictionary knows in any case is reported (`teh`).
    if lower.len() <= 3 {
        let title = match_case("T", lower);
        let known = [lower.to_string(), title, lower.to_uppercase()]
            .iter()
            .any(|w| {
                english::spelt(w, english::Dialect::American)
                    || english::spelt(w, english::Dialect::British)
            });
        if known {
            return None;
        }
    }
    // Several corrections mean the dictionary cannot tell which was meant: offer them all.
    Some(fixes.join("` or `"))
}

/// `fix` with the capital of `text`, when `text` starts with one.
fn match_case(text: &str, fix: &str) -> String {
    if text.chars().next().is_some_and(char::is_uppercase) {
        let mut c = fix.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        fix.to_string()
    }
}

impl Misspelling {
    /// Letters only, ASCII, no capital except a sentence's first letter, not allowed.
    fn candidate(&self, text: &str, lower: &str, first_of_sentence: bool) -> bool {
        if !text.chars().all(|c| c.is_ascii_alphabetic()) || text.len() < self.min_length {
            return false;
        }
        let capitals = text.chars().filter(char::is_ascii_uppercase).count();
        let capital_ok = capitals == 0
            || (first_of_sentence
                && capitals == 1
                && text.starts_with(|c: char| c.is_ascii_uppercase()));
        capital_ok && !self.allow.contains(lower)
    }

    fn finding(&self, rule: &Rule, doc: &Document, span: Span, text: &str, fix: &str) -> Finding {
        let f = rule
            .finding(&[("word", text), ("correction", fix)])
            .label(doc.id, span, format!("did you mean `{fix}`?"))
            .note("typos-dict lists it as a common misspelling")
            .suggest(fix.replace("` or `", " or "));
        // One correction from the dictionary is safe to apply; several are for a reader to
        // choose.
        if fix.contains("` or `") {
            f
        } else {
            f.replace(doc.id, span, fix)
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const DICT: &str = r#"
        name = "misspelling"
        code = "T003"
        category = "typo"
        severity = "info"
        check = "misspelling"
        message = "`{word}` is misspelt: `{correction}`"
    "#;

    #[test]
    fn known_misspelling_with_its_correction() {
        let f = findings(
            &rule(DICT),
            &["It stores military equipments and Recieve forms."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("equipment"));
    }

    #[test]
    fn three_letter_words_only_when_no_dictionary_knows_them() {
        let short = rule(&format!("{DICT}\n[rule.params]\nmin_length = 3"));
        // From a wiki mirror's text (dev corpus, am06), with the names changed.
        let f = findings(
            &short,
            &[
                "teh Harbour Intelligence Service is Norland's principal foreign intelligence agency.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("the"));
        // `ot` and `hel` are in typos-dict, but the dictionaries know `OT` and `Hel`.
        let f = findings(&short, &["Ot was a name. The hel of it."]);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn dictionary_leaves_corpus_terms_alone() {
        let doc = "The buildd failed.";
        assert_eq!(findings(&rule(DICT), &[doc]).len(), 1);
        assert!(findings(&rule(DICT), &[doc, doc, doc]).is_empty());
    }

    #[test]
    fn dictionary_leaves_names_alone() {
        // `Teh` is a misspelling of `the`, but here it is a name written with a capital.
        let f = findings(&rule(DICT), &["We met Mr Teh in town. Teh said so."]);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn dictionary_leaves_inline_code_alone() {
        let f = findings(&rule(DICT), &["Imagine typing `v[\"nmae\"]` by mistake."]);
        assert!(f.is_empty(), "{f:#?}");
        let f = findings(&rule(DICT), &["The `v` field may recieve a value."]);
        assert_eq!(f.len(), 1, "after the code span closes: {f:#?}");
    }
}
