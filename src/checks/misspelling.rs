//! `misspelling`: misspelt English words, in one of two modes.
//!
//! - `dictionary`: the word is a known misspelling in `typos-dict` (`equipments`, `recieve`),
//!   which records the correction. The dictionary is made to have no false alarms.
//! - `slip`: the word is in neither English word list, is written only once in the whole
//!   corpus, and one typing slip inside the word — a letter too many, a letter missing, two
//!   letters swapped — turns it into a common word (`locoated` → `located`). The slip must sit
//!   away from the first letter and from the last two, where the endings of real words live
//!   (`-s`, `-ed`, `-er`). A word that is an ending or a prefix away from a known word
//!   (`pensioners`, `unstable`) is taken as correct, and so is a British spelling one letter
//!   longer than the American one (`colourful`, `travelled`, `manoeuvre`). A common word is one
//!   that people often misspell: `typos-dict` records at least `min_popularity` misspellings of
//!   it.
//!
//! A "misspelling" written in `max_documents` documents or more is taken for a term of the
//! corpus (`buildd`), not a slip. In both modes, a word is left alone when it is a proper name
//! somewhere in the corpus (written with a capital inside a sentence), when it has capitals or
//! digits (names, acronyms, codes), when it is glued to code punctuation (`-mmessage`) or inside
//! a Markdown code span, and, in `slip` mode, when words of another script or with diacritics
//! stand near it (a native-language phrase such as `İçərişəhər qoruqlari`).

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, Document, Span};
use crate::extract::english;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "misspelling",
    summary: "an English word misspelt: a known misspelling, or a one-letter slip from a common word",
    params: "mode: \"dictionary\" (known misspellings) or \"slip\" (unknown word one slip from a common word) (\"dictionary\")\n\
             min_length: shorter words are not checked (4)\n\
             min_popularity: recorded misspellings a word needs to count as common, slip mode (5)\n\
             max_documents: a misspelling written in this many documents is a term of the corpus, dictionary mode (3)\n\
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
    #[serde(default = "min_popularity")]
    min_popularity: u32,
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
fn min_popularity() -> u32 {
    5
}
fn max_documents() -> usize {
    3
}

#[derive(PartialEq)]
enum Mode {
    Dictionary,
    Slip,
}

struct Misspelling {
    mode: Mode,
    min_length: usize,
    min_popularity: u32,
    max_documents: usize,
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mode = match p.mode.as_str() {
        "dictionary" => Mode::Dictionary,
        "slip" => Mode::Slip,
        other => {
            return Err(format!(
                "mode must be \"dictionary\" or \"slip\", not \"{other}\""
            ));
        }
    };
    Ok(Box::new(Misspelling {
        mode,
        min_length: p.min_length.max(3),
        min_popularity: p.min_popularity,
        max_documents: p.max_documents.max(1),
        allow: p.allow.iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// Endings and prefixes that make a new word from a known one: `pensioner` + `s`.
const ENDINGS: &[&str] = &[
    "s", "es", "ed", "d", "ing", "ly", "er", "ers", "est", "ness", "ment", "ments", "al", "ally",
    "ity", "ities", "ation", "ations", "ive", "ively", "ism", "ist", "ists", "able", "ably", "ize",
    "ized", "izes", "izing", "ise", "ised", "ic", "ical", "ically", "ship", "less", "ful", "ian",
    "ians", "y",
];
const PREFIXES: &[&str] = &[
    "un", "re", "pre", "non", "counter", "sub", "inter", "over", "under", "mis", "dis", "co",
    "anti", "de", "multi", "semi", "self", "post", "super", "trans", "in", "im",
];

/// Lowercase words that are written with a capital inside a sentence somewhere: names.
fn proper_names(corpus: &Corpus) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for doc in &corpus.docs {
        for s in &doc.sentences {
            for w in &doc.words[s.words.clone()][1.min(s.words.len())..] {
                let text = doc.slice(*w);
                if text.chars().next().is_some_and(char::is_uppercase) {
                    out.insert(text.to_lowercase());
                }
            }
        }
    }
    out
}

/// How often each lowercase word is written in the corpus, and in how many documents.
fn usage(corpus: &Corpus) -> FxHashMap<String, (u32, usize)> {
    let mut out: FxHashMap<String, (u32, usize)> = FxHashMap::default();
    for doc in &corpus.docs {
        let mut here = FxHashSet::default();
        for w in &doc.words {
            let lower = doc.slice(*w).to_lowercase();
            let entry = out.entry(lower.clone()).or_default();
            entry.0 += 1;
            if here.insert(lower) {
                entry.1 += 1;
            }
        }
    }
    out
}

impl Check for Misspelling {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let names = proper_names(cx.corpus);
        let usage = usage(cx.corpus);
        for doc in &cx.corpus.docs {
            for s in &doc.sentences {
                let words = &doc.words[s.words.clone()];
                for (i, &w) in words.iter().enumerate() {
                    let text = doc.slice(w);
                    // Parts of hyphenated compounds are left to the hyphen rules: `look-alikes`
                    // is fine although `alikes` alone is a misspelling.
                    if text.contains('-') || !self.candidate(text, i == 0, &names) {
                        continue;
                    }
                    // Only for candidates: it looks along the line, which may be long.
                    if code_like(doc, w) {
                        continue;
                    }
                    let lower = text.to_lowercase();
                    let (times, documents) = usage.get(&lower).copied().unwrap_or((0, 0));
                    let found = match self.mode {
                        // The same "misspelling" in many documents is a term of the corpus
                        // (`buildd`), not a slip.
                        Mode::Dictionary if documents < self.max_documents => {
                            dictionary_fix(&lower)
                        }
                        Mode::Slip if times == 1 && !near_native(doc, words, i) => {
                            self.slip_fix(&lower)
                        }
                        _ => None,
                    };
                    if let Some(fix) = found {
                        let fix = match_case(text, &fix);
                        out.push(self.finding(rule, doc, w, text, &fix));
                    }
                }
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

/// Some word within three words of the `i`th one has letters outside ASCII.
fn near_native(doc: &Document, words: &[Span], i: usize) -> bool {
    let from = i.saturating_sub(3);
    let to = (i + 4).min(words.len());
    words[from..to].iter().any(|w| {
        doc.slice(*w)
            .chars()
            .any(|c| c.is_alphabetic() && !c.is_ascii())
    })
}

fn dictionary_fix(lower: &str) -> Option<String> {
    let fixes = english::misspelling(lower)?;
    // A word the thesaurus list knows is used as a word somewhere: leave it alone.
    if am_wordlist::contains(lower) {
        return None;
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
    /// Letters only, ASCII, no capital except a sentence's first letter, not a name, not allowed.
    fn candidate(&self, text: &str, first_of_sentence: bool, names: &FxHashSet<String>) -> bool {
        if !text.chars().all(|c| c.is_ascii_alphabetic()) || text.len() < self.min_length {
            return false;
        }
        let lower = text.to_lowercase();
        let capitals = text.chars().filter(char::is_ascii_uppercase).count();
        let capital_ok = capitals == 0
            || (first_of_sentence
                && capitals == 1
                && text.starts_with(|c: char| c.is_ascii_uppercase())
                && self.mode == Mode::Dictionary);
        capital_ok && !names.contains(&lower) && !self.allow.contains(&lower)
    }

    /// The common word one typing slip away from an unknown `lower`, if there is exactly one.
    fn slip_fix(&self, lower: &str) -> Option<String> {
        if english::is_word(lower) || english::misspelling(lower).is_some() || derived(lower) {
            return None;
        }
        let b = lower.as_bytes();
        let n = b.len();
        let mut found: Vec<String> = Vec::new();
        let mut consider = |cand: Vec<u8>| {
            let cand = String::from_utf8(cand).expect("ASCII");
            if english::popularity(&cand) >= self.min_popularity && !found.contains(&cand) {
                found.push(cand);
            }
        };
        // Slips away from the first letter and the last two.
        for i in 1..n.saturating_sub(2) {
            if !british_letter(b, i) {
                let mut deleted = b.to_vec();
                deleted.remove(i);
                consider(deleted);
            }
            if i + 1 < n - 2 {
                let mut swapped = b.to_vec();
                swapped.swap(i, i + 1);
                consider(swapped);
            }
            for c in b'a'..=b'z' {
                let mut inserted = b.to_vec();
                inserted.insert(i, c);
                consider(inserted);
            }
        }
        // Two common words a slip away: no way to tell which was meant.
        (found.len() == 1).then(|| found.remove(0))
    }

    fn finding(&self, rule: &Rule, doc: &Document, span: Span, text: &str, fix: &str) -> Finding {
        let why = match self.mode {
            Mode::Dictionary => "typos-dict lists it as a common misspelling".to_string(),
            Mode::Slip => format!(
                "`{text}` is in no English word list and is written nowhere else in the corpus; one typing slip makes it `{fix}`"
            ),
        };
        let f = rule
            .finding(&[("word", text), ("correction", fix)])
            .label(doc.id, span, format!("did you mean `{fix}`?"))
            .note(why)
            .suggest(fix.replace("` or `", " or "));
        // One correction from the dictionary is safe to apply; several, or a slip guessed from
        // the word lists, are for a reader to choose.
        if fix.contains("` or `") {
            f
        } else if self.mode == Mode::Dictionary {
            f.replace(doc.id, span, fix)
        } else {
            f.replace(doc.id, span, fix).unsafe_fix()
        }
    }
}

/// The letter at `i` is one that British spelling adds to the American form: the `u` of
/// `-our-` (`colourful`), the second `l` of `-ll-` (`travelled`), the `a` or `o` of `ae`/`oe`
/// (`anaemia`, `manoeuvre`). Leaving it out is not a slip but the other convention.
fn british_letter(b: &[u8], i: usize) -> bool {
    let at = |j: usize| b.get(j).copied();
    match b[i] {
        b'u' => i > 0 && at(i - 1) == Some(b'o') && at(i + 1) == Some(b'r'),
        b'l' => (i > 0 && at(i - 1) == Some(b'l')) || at(i + 1) == Some(b'l'),
        b'a' | b'o' => at(i + 1) == Some(b'e'),
        _ => false,
    }
}

/// `lower` is a known word with an ending or a prefix: `pensioners`, `reorganizing`.
fn derived(lower: &str) -> bool {
    let known = |stem: &str| {
        stem.len() >= 3
            && (english::is_word(stem)
                || english::is_word(&format!("{stem}e"))
                || stem
                    .strip_suffix('i')
                    .is_some_and(|s| english::is_word(&format!("{s}y")))
                || (stem.len() >= 4
                    && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2]
                    && english::is_word(&stem[..stem.len() - 1])))
    };
    let by_ending = |w: &str| {
        ENDINGS
            .iter()
            .any(|e| w.strip_suffix(e).is_some_and(&known))
    };
    by_ending(lower)
        || PREFIXES.iter().any(|p| {
            lower
                .strip_prefix(p)
                .is_some_and(|rest| known(rest) || by_ending(rest))
        })
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

    const SLIP: &str = r#"
        name = "misspelling-slip"
        code = "T004"
        category = "typo"
        severity = "info"
        check = "misspelling"
        message = "`{word}` is misspelt: `{correction}`"
        [rule.params]
        mode = "slip"
        min_length = 7
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

    #[test]
    fn slip_from_a_common_word() {
        let f = findings(
            &rule(SLIP),
            &["The museum is locoated on the territory of the guard."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("located"));
    }

    #[test]
    fn slip_near_misses_stay_silent() {
        let texts = [
            // Real words absent from the lists, derived words, a native phrase, a word used twice.
            "The pensioners were reorganizing. The old town (İçərişəhər qoruqlari) is walled.",
            "It was locoated here and locoated there.",
            "Cryptologic performance and prophylactic measures were operatively planned.",
            // British spellings one letter away from the American ones.
            "Her favourites travelled through the neighbourhoods in colourful manoeuvres.",
        ];
        let f = findings(&rule(SLIP), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }
}
