//! `spell_check`: words that no English dictionary knows, checked against Hunspell's American
//! and British dictionaries (`spellbook`, word forms through the dictionaries' affix rules), in
//! one of two modes.
//!
//! - `unknown`: a word neither dictionary accepts, with a dictionary word a real edit away —
//!   one edit (a letter added, dropped, changed, or two letters swapped), or two edits in a long
//!   word — among Hunspell's ranked suggestions: `shorly` → `shortly`, `counterintelligance` →
//!   `counterintelligence`.
//! - `capitals`: a word whose first two letters are capitals and the rest lowercase, that is a
//!   dictionary word once the second capital is lowered: `MInister`, `THe`. The shift key was
//!   held a letter too long.
//! - `proper`: a word that English always capitalises, written lowercase: the `always` list
//!   (`july`, `monday`), and the `in_dates` list (`may`, `march`) when a day number or a year
//!   stands next to it (`31 may 2020`), since alone they are also common words.
//!
//! Most unknown words in real prose are names, so names are protected by evidence rather than
//! by capital letters:
//!
//! - a lowercase word is left alone when the corpus writes it with a capital somewhere (inside a
//!   sentence, in a heading or in an infobox), or writes it more than `max_uses` times;
//! - a capitalised word is checked only when it is written once in the whole corpus, appears in
//!   no heading or infobox, stands in no name of several words (an unknown capitalised
//!   neighbour, `Aram Vardanyan`; one the dictionaries know only as a name, `Victoriano Huerta`;
//!   a title, an initial or a particle before it, `Admiral Camara`, `de Cuellar`), has no
//!   spelling variant among the corpus's names (`Grigorian` beside `Grigoryan`, through the
//!   transliteration tables), and is one edit from a common word with the same first letter
//!   (`Sercurity` → `Security`);
//! - a lowercase word is also left alone beside another lowercase word no dictionary knows: the
//!   two are a phrase of another language (`arrete royale`);
//! - in either case a word is left alone near native-script or accented text, when its letters
//!   look romanised rather than English (`kh`, `zh`, a `q` without `u`, a surname ending such as
//!   `-yan` or `-ov`: `rules/lexicon/romanised_endings.txt`), inside a link, an e-mail address,
//!   a handle, a file name or a code span, when it is a piece of a word cut at a line-break
//!   hyphen (`ex- penditures`), or when it is a word of a Latin phrase common in
//!   English (`rules/lexicon/latin.txt`).
//!
//! Both spelling conventions are accepted everywhere, so a British spelling is never a typo in
//! an American text or the reverse; mixing them in one document is `spelling-convention`'s
//! business. Besides the two dictionaries, VARCON's variant list (`typos-vars`) counts as a
//! dictionary: it knows variants Hunspell leaves out (`archeological`). The convention of each
//! document (the `dialect` parameter, or detected from the words VARCON lists as right in only
//! one convention) decides which dictionary's suggestions come first.
//!
//! The replacement is given in a fixed shape so tools can apply it: the suggestion is the one
//! word that replaces the span of the primary label, and a note lists the candidates and says
//! how sure the choice is (one candidate at the nearest distance, or several).

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::cmp::Reverse;
use std::sync::LazyLock;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, Document, Span};
use crate::extract::english::{self, Dialect};
use crate::extract::names::{PARTICLES, Translit};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "spell_check",
    summary: "a word no English dictionary knows, a real edit from a dictionary word; or a capital held one letter too long",
    params: "mode: \"unknown\" (word in no dictionary), \"capitals\" (`MInister`) or \"proper\" (`july`) (\"unknown\")\n\
             min_length: shorter words are not checked (4)\n\
             long_word: from this length a word may be two edits from its correction, below it one (8)\n\
             max_uses: a lowercase word written more often than this in the corpus is a term of the corpus (2)\n\
             dialect: \"auto\" (per document), \"american\" or \"british\": whose suggestions come first (\"auto\")\n\
             always: words always capitalised, proper mode, lowercase ([])\n\
             in_dates: words capitalised next to a day number or a year, proper mode, lowercase ([])\n\
             allow: words never reported, lowercase ([])",
    placeholders: &["word", "correction"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "unknown")]
    mode: String,
    #[serde(default = "min_length")]
    min_length: usize,
    #[serde(default = "long_word")]
    long_word: usize,
    #[serde(default = "max_uses")]
    max_uses: u32,
    #[serde(default = "auto")]
    dialect: String,
    #[serde(default)]
    always: Vec<String>,
    #[serde(default)]
    in_dates: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

fn unknown() -> String {
    "unknown".into()
}
fn min_length() -> usize {
    4
}
fn long_word() -> usize {
    8
}
fn max_uses() -> u32 {
    2
}
fn auto() -> String {
    "auto".into()
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Unknown,
    Capitals,
    Proper,
}

struct SpellCheck {
    mode: Mode,
    min_length: usize,
    long_word: usize,
    max_uses: u32,
    /// `None`: detected per document.
    dialect: Option<Dialect>,
    always: FxHashSet<String>,
    in_dates: FxHashSet<String>,
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mode = match p.mode.as_str() {
        "unknown" => Mode::Unknown,
        "capitals" => Mode::Capitals,
        "proper" => Mode::Proper,
        other => {
            return Err(format!(
                "mode must be \"unknown\", \"capitals\" or \"proper\", not \"{other}\""
            ));
        }
    };
    let dialect = match p.dialect.as_str() {
        "auto" => None,
        "american" => Some(Dialect::American),
        "british" => Some(Dialect::British),
        other => {
            return Err(format!(
                "dialect must be \"auto\", \"american\" or \"british\", not \"{other}\""
            ));
        }
    };
    Ok(Box::new(SpellCheck {
        mode,
        min_length: p.min_length.max(3),
        long_word: p.long_word.max(p.min_length),
        max_uses: p.max_uses.max(1),
        dialect,
        always: p.always.iter().map(|w| w.to_lowercase()).collect(),
        in_dates: p.in_dates.iter().map(|w| w.to_lowercase()).collect(),
        allow: p.allow.iter().map(|w| w.to_lowercase()).collect(),
    }))
}

static LATIN: std::sync::LazyLock<FxHashSet<String>> = std::sync::LazyLock::new(|| {
    crate::extract::list(include_str!("../../rules/lexicon/latin.txt"))
        .flat_map(|l| {
            l.split_whitespace()
                .map(str::to_lowercase)
                .collect::<Vec<_>>()
        })
        .collect()
});

static ROMANISED_ENDINGS: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    crate::extract::list(include_str!("../../rules/lexicon/romanised_endings.txt")).collect()
});

/// What the corpus says about its words, gathered once per run of the rule.
struct Evidence {
    /// Lowercase word → times written in prose.
    uses: FxHashMap<String, u32>,
    /// Lowercase words written with a capital inside a sentence: names.
    capitalised_inside: FxHashSet<String>,
    /// Lowercase words of headings, titles and infoboxes, which name things.
    outside_prose: FxHashSet<String>,
    /// Transliteration folds of the capitalised words, with how many different spellings fold
    /// to each: a second spelling is a variant of a name, not a misspelt word.
    folds: FxHashMap<String, FxHashSet<String>>,
}

fn evidence(corpus: &Corpus) -> Evidence {
    let translit = Translit::builtin();
    let mut uses: FxHashMap<String, u32> = FxHashMap::default();
    let mut capitalised_inside = FxHashSet::default();
    let mut outside_prose = FxHashSet::default();
    let mut capitalised: FxHashSet<String> = FxHashSet::default();
    // One buffer for the lowercase form: this loop sees every word of the corpus, and most are
    // already counted, so nothing is allocated for them.
    let mut lower = String::new();
    for doc in &corpus.docs {
        for s in &doc.sentences {
            for (i, w) in doc.words[s.words.clone()].iter().enumerate() {
                let text = doc.slice(*w);
                lower.clear();
                lower.extend(text.chars().flat_map(char::to_lowercase));
                if text.starts_with(char::is_uppercase) {
                    if !capitalised.contains(text) {
                        capitalised.insert(text.to_string());
                    }
                    if i > 0 && !capitalised_inside.contains(lower.as_str()) {
                        capitalised_inside.insert(lower.clone());
                    }
                }
                match uses.get_mut(lower.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        uses.insert(lower.clone(), 1);
                    }
                }
            }
        }
        // Headings, titles and infobox fields are not prose: every word there is evidence.
        for b in doc.blocks.iter().filter(|b| !b.is_prose()) {
            for w in crate::extract::words(&doc.text[b.content.start..b.content.end], 0) {
                let text = &doc.text[b.content.start + w.start..b.content.start + w.end];
                outside_prose.insert(text.to_lowercase());
                if text.starts_with(char::is_uppercase) {
                    capitalised.insert(text.to_string());
                }
            }
        }
    }
    let mut folds: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
    for word in capitalised {
        let lower = word.to_lowercase();
        folds.entry(translit.fold(&word)).or_default().insert(lower);
    }
    Evidence {
        uses,
        capitalised_inside,
        outside_prose,
        folds,
    }
}

/// Whether a spelling is right in some convention (either Hunspell dictionary, or VARCON),
/// asked once per distinct spelling.
#[derive(Default)]
struct Known(FxHashMap<String, bool>);

impl Known {
    fn either(&mut self, word: &str) -> bool {
        if let Some(&k) = self.0.get(word) {
            return k;
        }
        let k = english::spelt(word, Dialect::American)
            || english::spelt(word, Dialect::British)
            || english::conventions(&word.to_lowercase()).is_some();
        self.0.insert(word.to_string(), k);
        k
    }
}

/// The convention most of a document's words follow, from the words VARCON lists as right in
/// only one of them (`colour`, `color`).
fn detect_dialect(doc: &Document) -> Dialect {
    let (mut american, mut british) = (0, 0);
    let mut lower = String::new();
    for w in &doc.words {
        let text = doc.slice(*w);
        if text.len() < 4 || !text.bytes().all(|b| b.is_ascii_alphabetic()) {
            continue;
        }
        lower.clear();
        lower.push_str(text);
        lower.make_ascii_lowercase();
        match english::conventions(&lower) {
            Some((true, false)) => american += 1,
            Some((false, true)) => british += 1,
            _ => {}
        }
    }
    if british > american {
        Dialect::British
    } else {
        Dialect::American
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Lower,
    /// First letter a capital, the rest lowercase.
    Title,
}

fn shape(text: &str) -> Option<Shape> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !chars.all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    if first.is_ascii_lowercase() {
        Some(Shape::Lower)
    } else if first.is_ascii_uppercase() {
        Some(Shape::Title)
    } else {
        None
    }
}

impl Check for SpellCheck {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        match self.mode {
            Mode::Unknown => self.unknown_words(rule, cx.corpus, out),
            Mode::Capitals => self.held_capitals(rule, cx.corpus, out),
            Mode::Proper => self.lowercase_proper(rule, cx.corpus, out),
        }
    }
}

impl SpellCheck {
    fn unknown_words(&self, rule: &Rule, corpus: &Corpus, out: &mut Vec<Finding>) {
        let ev = evidence(corpus);
        let translit = Translit::builtin();
        let mut known = Known::default();
        // Words that survived every test, in reading order; their corrections are looked up
        // afterwards, once per spelling and convention (a slip made once is often made again),
        // on every core: a Hunspell search costs far more than all the tests before it.
        let mut candidates: Vec<(&Document, Span, &str, Shape, Dialect)> = Vec::new();
        for doc in &corpus.docs {
            let dialect = self.dialect.unwrap_or_else(|| detect_dialect(doc));
            for s in &doc.sentences {
                let words = &doc.words[s.words.clone()];
                for (i, &w) in words.iter().enumerate() {
                    let text = strip_possessive(doc.slice(w));
                    let Some(shape) = shape(text) else { continue };
                    // Names are short as often as not, and a short word has many neighbours one
                    // edit away: a capitalised word must be longer to be checked.
                    let min_length = match shape {
                        Shape::Lower => self.min_length,
                        Shape::Title => self.min_length.max(MIN_TITLE_LENGTH),
                    };
                    if text.len() < min_length || known.either(text) {
                        continue;
                    }
                    let lower = text.to_lowercase();
                    if self.allow.contains(&lower)
                        || LATIN.contains(&lower)
                        || derived(&lower, &mut known)
                        || romanised(&lower)
                    {
                        continue;
                    }
                    let uses = ev.uses.get(&lower).copied().unwrap_or(0);
                    let protected = match shape {
                        // The misspelling dictionary speaks for lowercase words it lists.
                        Shape::Lower => {
                            english::misspelling(&lower).is_some()
                                || foreign_neighbour(doc, words, i, &mut known)
                                || ev.capitalised_inside.contains(&lower)
                                || ev.outside_prose.contains(&lower)
                                || uses > self.max_uses
                        }
                        Shape::Title => {
                            (i == 0 && english::misspelling(&lower).is_some())
                                || uses > 1
                                || ev.outside_prose.contains(&lower)
                                || ev.variant_of_a_name(translit, text)
                                || name_neighbour(doc, words, i, &mut known)
                        }
                    };
                    if protected || near_native(doc, words, i) || not_prose(doc, w) {
                        continue;
                    }
                    let span = Span::new(w.start, w.start + text.len());
                    candidates.push((doc, span, text, shape, dialect));
                }
            }
        }
        let mut asked: Vec<(&str, Shape, Dialect)> = candidates
            .iter()
            .map(|&(_, _, text, shape, dialect)| (text, shape, dialect))
            .collect();
        asked.sort_unstable_by_key(|&(text, _, dialect)| (text, dialect == Dialect::American));
        asked.dedup_by_key(|&mut (text, _, dialect)| (text, dialect == Dialect::American));
        let corrections: FxHashMap<(&str, bool), Fix> = asked
            .par_iter()
            .filter_map(|&(text, shape, dialect)| {
                let fix = self.correction(text, shape, dialect)?;
                Some(((text, dialect == Dialect::American), fix))
            })
            .collect();
        for (doc, span, text, _, dialect) in candidates {
            if let Some(fix) = corrections.get(&(text, dialect == Dialect::American)) {
                out.push(self.finding(rule, doc, span, text, fix));
            }
        }
    }

    /// How far suggestion `s` is from the word whose lowercase form is `lower`, when it can
    /// correct it: a word of the English lists, within `max` edits, not the word itself.
    fn fits(&self, s: &str, lower: &str, shape: Shape, max: usize) -> Option<usize> {
        let s_lower = s.to_lowercase();
        if !s.bytes().all(|b| b.is_ascii_alphabetic()) || s_lower == lower {
            return None;
        }
        // A capitalised word must be a slip from a word people write often (many recorded
        // misspellings): `Marand` is a town, not a slip for `maraud`.
        let common = match shape {
            Shape::Lower => english::is_word(&s_lower),
            Shape::Title => english::popularity(&s_lower) >= MIN_POPULARITY,
        };
        let d = strsim::osa_distance(lower, &s_lower);
        (common
            && d <= max
            && (shape == Shape::Lower || s_lower.as_bytes()[0] == lower.as_bytes()[0]))
            .then_some(d)
    }

    /// The dictionary words a real edit from `text`, nearest first, with their distance: one
    /// edit, or two for a long lowercase word. A capitalised word must keep its first letter and
    /// be one edit from a common word, since names are often a letter from a word.
    fn correction(&self, text: &str, shape: Shape, dialect: Dialect) -> Option<Fix> {
        let lower = text.to_lowercase();
        let max = match shape {
            Shape::Lower if lower.len() >= self.long_word => 2,
            _ => 1,
        };
        // Only a word of the English word lists is taken as the correction: when none is near
        // enough, no suggestion of Hunspell's could be, and its search is skipped.
        if !english::has_word_within(&lower, max) {
            return None;
        }
        let other = match dialect {
            Dialect::American => Dialect::British,
            Dialect::British => Dialect::American,
        };
        let mut best: Vec<String> = Vec::new();
        let mut best_distance = usize::MAX;
        for (pass, dialect) in [dialect, other].into_iter().enumerate() {
            let mut suggested = english::suggestions(text, dialect);
            // Hunspell's edit-based suggestions miss most words two edits away; its n-gram
            // search would find them by ranking the whole word list (milliseconds a word).
            // The English lists' words within two edits, as the convention's dictionary spells
            // them, are the same candidates found directly, most often written first. What the
            // other convention adds is a respelling one edit away (`color`, `colour`).
            if max > 1
                && pass == 0
                && !suggested
                    .iter()
                    .any(|s| self.fits(s, &lower, shape, max).is_some())
            {
                let mut near = english::words_within(&lower, max);
                near.retain(|&(w, _)| english::spelt(w, dialect));
                // Nearest first; then, as Hunspell's n-gram ranking does, the word sharing
                // more of its beginning and end with the slip; then the more often written.
                near.sort_by_key(|&(w, d)| {
                    let kept = common_prefix(w, &lower) + common_prefix_rev(w, &lower);
                    (d, Reverse(kept), Reverse(english::popularity(w)), w)
                });
                suggested = near.into_iter().map(|(w, _)| w.to_string()).collect();
            }
            for s in suggested {
                let Some(d) = self.fits(&s, &lower, shape, max) else {
                    continue;
                };
                if best.contains(&s) {
                    continue;
                }
                if d < best_distance {
                    best_distance = d;
                    best.clear();
                }
                if d == best_distance {
                    best.push(s);
                }
            }
            if !best.is_empty() {
                break;
            }
        }
        if best.is_empty() {
            return None;
        }
        best.truncate(3);
        Some(Fix {
            candidates: best,
            distance: best_distance,
        })
    }

    fn held_capitals(&self, rule: &Rule, corpus: &Corpus, out: &mut Vec<Finding>) {
        let mut known = Known::default();
        for doc in &corpus.docs {
            for &w in &doc.words {
                let text = strip_possessive(doc.slice(w));
                let b = text.as_bytes();
                if text.len() < self.min_length
                    || !held_capital_shape(b)
                    || known.either(text)
                    || not_prose(doc, w)
                {
                    continue;
                }
                let fixed = format!("{}{}", &text[..1], text[1..].to_lowercase());
                // The lowered word must be a common word, not only a name or an abbreviation the
                // dictionary capitalises (`Prs`).
                let lower = fixed.to_lowercase();
                if !known.either(&lower) || self.allow.contains(&lower) {
                    continue;
                }
                let fix = Fix {
                    candidates: vec![fixed],
                    distance: 1,
                };
                let span = Span::new(w.start, w.start + text.len());
                out.push(self.finding(rule, doc, span, text, &fix));
            }
        }
    }

    fn lowercase_proper(&self, rule: &Rule, corpus: &Corpus, out: &mut Vec<Finding>) {
        for doc in &corpus.docs {
            for s in &doc.sentences {
                let words = &doc.words[s.words.clone()];
                for (i, &w) in words.iter().enumerate() {
                    let text = strip_possessive(doc.slice(w));
                    if !text.bytes().all(|b| b.is_ascii_lowercase()) || self.allow.contains(text) {
                        continue;
                    }
                    let dated = || in_a_date(doc, words, i);
                    if !(self.always.contains(text) || (self.in_dates.contains(text) && dated()))
                        || not_prose(doc, w)
                    {
                        continue;
                    }
                    let fixed = format!("{}{}", text[..1].to_uppercase(), &text[1..]);
                    let fix = Fix {
                        candidates: vec![fixed],
                        distance: 1,
                    };
                    let span = Span::new(w.start, w.start + text.len());
                    out.push(self.finding(rule, doc, span, text, &fix));
                }
            }
        }
    }

    fn finding(&self, rule: &Rule, doc: &Document, span: Span, text: &str, fix: &Fix) -> Finding {
        let first = &fix.candidates[0];
        let why = match self.mode {
            Mode::Unknown => format!(
                "`{text}` is in neither the American nor the British dictionary, and is not written as a name anywhere in the corpus"
            ),
            Mode::Capitals => format!(
                "`{text}` is not a word, and `{first}` is: the second capital looks like the shift key held too long"
            ),
            Mode::Proper => {
                "names of months and days are written with a capital in English".to_string()
            }
        };
        let edits = if fix.distance == 1 { "edit" } else { "edits" };
        let sure = if fix.candidates.len() == 1 {
            "the only candidate at that distance"
        } else {
            "one of several candidates at that distance: choose by the sense"
        };
        rule.finding(&[("word", text), ("correction", first)])
            .label(doc.id, span, format!("did you mean `{first}`?"))
            .note(why)
            .note(format!(
                "replace `{text}` with `{first}` ({} {edits} away, {sure}); candidates: {}",
                fix.distance,
                fix.candidates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .suggest(first.clone())
            // A guess from a dictionary search: offered, applied only with --unsafe-fixes.
            .replace(doc.id, span, first)
            .unsafe_fix()
    }
}

/// The shortest capitalised word checked.
const MIN_TITLE_LENGTH: usize = 6;

/// Recorded misspellings a word needs in `typos-dict` to count as common enough that a
/// capitalised word one edit from it is a slip rather than a name.
const MIN_POPULARITY: u32 = 1;

/// Corrections for one word, nearest first.
struct Fix {
    candidates: Vec<String>,
    distance: usize,
}

impl Evidence {
    /// Another spelling of the same name folds to the same key: `Grigorian` and `Grigoryan`.
    fn variant_of_a_name(&self, translit: &Translit, text: &str) -> bool {
        self.folds
            .get(&translit.fold(text))
            .is_some_and(|spellings| spellings.len() > 1)
    }
}

/// The `i`th word stands in a date: a day number before it and a year after (`31 may 2020`), a
/// year after it (`may 2020`), or a day number after it followed by a comma or a year (`may 4,
/// 2020`). A number alone beside it is not enough: `values above 3 may differ`.
fn in_a_date(doc: &Document, words: &[Span], i: usize) -> bool {
    let number = |j: usize| {
        words.get(j).and_then(|n| {
            let n = doc.slice(*n);
            (n.len() <= 4 && n.bytes().all(|b| b.is_ascii_digit()))
                .then(|| n.parse::<u32>().ok())
                .flatten()
        })
    };
    let day = |j: usize| number(j).is_some_and(|n| (1..=31).contains(&n));
    let year = |j: usize| number(j).is_some_and(|n| (1000..=2999).contains(&n));
    let comma_after = |j: usize| {
        words
            .get(j)
            .is_some_and(|n| doc.text[n.end..].starts_with(','))
    };
    (i > 0 && day(i - 1) && year(i + 1))
        || year(i + 1)
        || (day(i + 1) && (year(i + 2) || comma_after(i + 1)))
}

/// Two capitals, then lowercase letters: `MInister`, `THe`; not an acronym's plural (`PRs`,
/// `IDs`).
fn held_capital_shape(b: &[u8]) -> bool {
    b.len() >= 3
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_uppercase()
        && b[2..].iter().all(u8::is_ascii_lowercase)
        && &b[2..] != b"s"
}

/// `Agency's` → `Agency`: the possessive ending is not part of the spelling.
fn strip_possessive(text: &str) -> &str {
    text.strip_suffix("'s")
        .or_else(|| text.strip_suffix("’s"))
        .unwrap_or(text)
}

/// A known word with a productive prefix or ending (`counterintelligence`, `segmenters`,
/// `sharded`, `vendoring`), or two known words written as one (`peacekeeping`, `jobserver`): a
/// word the dictionaries have not listed, not a misspelling.
fn derived(lower: &str, known: &mut Known) -> bool {
    const PREFIXES: &[&str] = &[
        "un", "re", "pre", "non", "counter", "sub", "inter", "over", "under", "mis", "dis", "co",
        "anti", "de", "multi", "semi", "self", "post", "super", "trans", "cyber", "geo", "micro",
        "macro", "mega", "mini", "neo", "pro", "pseudo", "quasi", "ultra", "extra", "intra",
    ];
    const ENDINGS: &[&str] = &[
        "s", "es", "ed", "d", "ing", "er", "ers", "or", "ors", "ly", "ness", "ment", "ments",
        "able", "ability", "ize", "ized", "izes", "izing", "ise", "ised", "ises", "ising",
        "ization", "isation", "ist", "ists", "ism", "less", "ful", "wise",
    ];
    // The stem as written, with a final `e` restored (`archiv-ed`), a `y` for an `i`
    // (`copi-er`), or a doubled last letter undone (`stemm-er`).
    let stem_known = |stem: &str, known: &mut Known| {
        let b = stem.as_bytes();
        stem.len() >= 3
            && (known.either(stem)
                || known.either(&format!("{stem}e"))
                || stem
                    .strip_suffix('i')
                    .is_some_and(|s| known.either(&format!("{s}y")))
                || (b.len() >= 4
                    && b[b.len() - 1] == b[b.len() - 2]
                    && known.either(&stem[..stem.len() - 1])))
    };
    let by_ending = |w: &str, known: &mut Known| {
        ENDINGS.iter().any(|e| {
            w.strip_suffix(e)
                .is_some_and(|stem| stem_known(stem, known))
        })
    };
    let b = lower.as_bytes();
    by_ending(lower, known)
        || PREFIXES.iter().any(|p| {
            lower.strip_prefix(p).is_some_and(|rest| {
                rest.len() >= 4 && (known.either(rest) || by_ending(rest, known))
            })
        })
        || (3..b.len().saturating_sub(2))
            .any(|i| known.either(&lower[..i]) && known.either(&lower[i..]))
}

/// Letter groups that English spelling does not use and romanisations of names do: `kh`, `zh`,
/// `q` without `u`, `dzh`; or a surname ending from the list.
fn romanised(lower: &str) -> bool {
    let b = lower.as_bytes();
    let q_alone = b
        .iter()
        .enumerate()
        .any(|(i, &c)| c == b'q' && b.get(i + 1) != Some(&b'u'));
    q_alone
        || lower.contains("kh")
        || lower.contains("zh")
        || lower.contains("dzh")
        || ROMANISED_ENDINGS
            .iter()
            .any(|e| lower.len() > e.len() + 2 && lower.ends_with(e.as_str()))
}

/// A word beside this one (only spaces between) is lowercase and unknown to every dictionary
/// too: two unknown words in a row are a phrase of another language (`an arrete royale`,
/// `alianza para progreso`) far more often than two slips side by side.
fn foreign_neighbour(doc: &Document, words: &[Span], i: usize, known: &mut Known) -> bool {
    let mut beside = |j: usize| {
        words.get(j).is_some_and(|w| {
            let (a, b) = if j < i {
                (*w, words[i])
            } else {
                (words[i], *w)
            };
            let t = doc.slice(*w);
            adjacent(doc, a, b)
                && t.len() >= 3
                && t.chars().all(|c| c.is_lowercase())
                && !known.either(t)
                && english::misspelling(t).is_none()
        })
    };
    (i > 0 && beside(i - 1)) || beside(i + 1)
}

/// Titles written before a personal name (`rules/lexicon/titles.txt`).
static TITLES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    crate::extract::list(include_str!("../../rules/lexicon/titles.txt")).collect()
});

/// The word stands in a name of several words, told by its neighbours (only spaces between):
/// a capitalised neighbour that no dictionary knows (`Aram Vardanyan`) or that the dictionaries
/// know only as a name (`Victoriano Huerta`, `Carryn Owens`), a title or an initial before it
/// (`Admiral Camara`, `E. G. Squiers`), or a name particle before it (`Perez de Cuellar`).
/// Either word may be the rarer spelling of a common word.
fn name_neighbour(doc: &Document, words: &[Span], i: usize, known: &mut Known) -> bool {
    let beside = |j: usize| {
        words
            .get(j)
            .filter(|w| {
                // A stop may close a title or an initial before the word (`Mr. Squiers`).
                if j < i {
                    let gap = doc.text[w.end..words[i].start].trim_start_matches('.');
                    !gap.is_empty() && gap.chars().all(|c| c == ' ' || c == '\u{a0}')
                } else {
                    adjacent(doc, words[i], **w)
                }
            })
            .map(|w| strip_possessive(doc.slice(*w)))
    };
    let name_word = |t: &str, known: &mut Known| {
        t.starts_with(|c: char| c.is_uppercase())
            && (!known.either(t) || !known.either(&t.to_lowercase()))
    };
    let before = i.checked_sub(1).and_then(beside);
    if let Some(b) = before {
        let initial = b.chars().count() == 1 && b.starts_with(|c: char| c.is_uppercase());
        if name_word(b, known) || initial || TITLES.contains(b) || PARTICLES.contains(&b) {
            return true;
        }
    }
    beside(i + 1).is_some_and(|a| name_word(a, known))
}

/// Some word within three words of the `i`th one has letters outside ASCII: a native-language
/// phrase or an accented name stands near.
fn near_native(doc: &Document, words: &[Span], i: usize) -> bool {
    let from = i.saturating_sub(3);
    let to = (i + 4).min(words.len());
    words[from..to].iter().any(|w| {
        doc.slice(*w)
            .chars()
            .any(|c| c.is_alphabetic() && !c.is_ascii())
    })
}

/// The word is part of something other than prose: a link, an e-mail address, a handle, a
/// file name, an option or an identifier (it touches code punctuation), or a code span.
fn not_prose(doc: &Document, w: Span) -> bool {
    let before = doc.text[..w.start].chars().next_back();
    let after = doc.text[w.end..].chars().next();
    if before.is_some_and(|c| "-/_.`@#$%&=\\<:".contains(c))
        || after.is_some_and(|c| "/_`@#$%&=\\(>".contains(c))
    {
        return true;
    }
    // A piece of a word hyphenated at a line break and left cut: `ex- penditures`, `bal- ance`,
    // `experi-—what`. The split compound is `hyphen_slip`'s business.
    let cut_before = doc.text[..w.start]
        .strip_suffix(' ')
        .and_then(|t| t.strip_suffix('-'))
        .is_some_and(|t| t.ends_with(char::is_alphabetic));
    let cut_after = doc.text[w.end..]
        .strip_prefix('-')
        .is_some_and(|t| !t.starts_with(char::is_alphanumeric));
    if cut_before || cut_after {
        return true;
    }
    // The whitespace-delimited chunk around the word.
    let chunk = doc.slice(crate::extract::chunk_around(&doc.text, w.start, w.end));
    if chunk.contains("://") || chunk.contains("www.") || chunk.contains('@') {
        return true;
    }
    // `report.pdf`, `main.rs`: a dot followed by a letter, inside the chunk.
    let inner = chunk.trim_end_matches(|c: char| !c.is_alphanumeric());
    if inner
        .char_indices()
        .any(|(k, c)| c == '.' && inner[k + 1..].starts_with(|c: char| c.is_ascii_alphabetic()))
    {
        return true;
    }
    let line_start = doc.line_span(doc.line_index(w.start)).start;
    doc.text[line_start..w.start].matches('`').count() % 2 == 1
}

/// Letters two words share at their start.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// Letters two words share at their end.
fn common_prefix_rev(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const UNKNOWN: &str = r#"
        name = "misspelling-slip"
        code = "T004"
        category = "typo"
        severity = "info"
        check = "spell_check"
        message = "`{word}` looks like a slip for `{correction}`"
    "#;

    const CAPITALS: &str = r#"
        name = "held-capital"
        code = "T015"
        category = "typo"
        severity = "info"
        check = "spell_check"
        message = "`{word}` has a capital too many: `{correction}`"
        [rule.params]
        mode = "capitals"
        min_length = 3
    "#;

    fn suggestions(rule_text: &str, texts: &[&str]) -> Vec<String> {
        findings(&rule(rule_text), texts)
            .into_iter()
            .map(|f| f.suggestion.unwrap_or_default())
            .collect()
    }

    #[test]
    fn slips_of_every_shape() {
        let texts = [
            // A letter dropped, two edits in a long word, a substitution, a slip near the end.
            "The board will meet to hear the parntrers of the counterintelligance unit.",
            "The statutroy body met the Harbour Ministry on Monday.",
        ];
        assert_eq!(
            suggestions(UNKNOWN, &texts),
            ["partners", "counterintelligence", "statutory"]
        );
    }

    #[test]
    fn a_capitalised_word_written_once_and_one_edit_from_a_word() {
        let texts =
            ["Photo: Departmnet of Roads press office. The National Sercurity Service met."];
        assert_eq!(suggestions(UNKNOWN, &texts), ["Department", "Security"]);
    }

    #[test]
    fn names_stay_silent() {
        let texts = [
            // Recurring names, a name beside an unknown name, romanised names, a variant
            // spelling of a name used elsewhere, a name in the infobox.
            "Infobox\n- Chief: Odran Vell\n\nOdran Vell met Kirsa Hollund. Later Vell spoke to Hollund.",
            "Aram Tavrosyan and Rustam Khadirov met Zhenya Qasimli in Marand.",
            "Ilse Grigoran spoke. Later Grigoryan and Grigoryan's staff left.",
            "The chief, Mr Vell, met Bertan at the port.",
        ];
        let f = findings(&rule(UNKNOWN), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn other_near_misses_stay_silent() {
        let texts = [
            // British and American spellings, derived and compound words, Latin, links,
            // handles, file names, code, a native-script neighbour, a term of the corpus.
            "The organisation's favourite colour was analysed; the organization analyzed colors.",
            "An archeological site, an archaeological find.",
            "Its counterterrorism and peacekeeping units were reassessed, inter alia, mutatis mutandis.",
            // Real text: crate READMEs of `bstr`, `crossbeam-utils`, `jobserver`, `rust-stemmers`.
            "Unicode-aware segmenters, a sharded reader-writer lock, a jobserver, a stemmer.",
            "See https://example.org/roadz or write to ada@prinn.example, @adaprinn, notes.txt.",
            "Run `concrd check` here. The old town (Içərişəhər qoruqlari) is walled.",
            "The blorf was made. A blorf is big. Every blorf counts.",
        ];
        let f = findings(&rule(UNKNOWN), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn the_documents_convention_ranks_the_suggestions() {
        let british = "The organisation's colour and favourite neighbuorhood.";
        let american = "The organization's color and favorite neighbuorhood.";
        assert_eq!(suggestions(UNKNOWN, &[british]), ["neighbourhood"]);
        assert_eq!(suggestions(UNKNOWN, &[american]), ["neighborhood"]);
    }

    const PROPER: &str = r#"
        name = "lowercase-calendar-name"
        code = "T016"
        category = "typo"
        severity = "info"
        check = "spell_check"
        message = "`{word}` takes a capital: `{correction}`"
        [rule.params]
        mode = "proper"
        always = ["july", "monday"]
        in_dates = ["may"]
    "#;

    #[test]
    fn month_and_day_names_in_lowercase() {
        // The dateline of a real press release (dev corpus, am08), and a weekday.
        let texts = ["31 july 2020. It opened on monday, and on 4 may 2021 the board met."];
        assert_eq!(suggestions(PROPER, &texts), ["July", "Monday", "May"]);
        let near = [
            "It may rain in July. The may tree flowered; see https://example.org/july or `monday`.",
            // Real text: the README of the `regex` crate.
            "However, regex 1.y for `y > 0` may require a newer minimum version of Rust.",
        ];
        let f = findings(&rule(PROPER), &near);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn a_capital_held_too_long() {
        let texts = ["The Prime MInister spoke. THe rest left."];
        assert_eq!(suggestions(CAPITALS, &texts), ["Minister", "The"]);
        let near = ["The PDFs, IDs, CEOs, PRs, McAllister, MPs and iPhone NASA reports."];
        let f = findings(&rule(CAPITALS), &near);
        assert!(f.is_empty(), "{f:#?}");
    }
}
