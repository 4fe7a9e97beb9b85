//! `name_variant`: one proper name spelled two ways across the corpus — two romanisations of
//! one name (`Rashad`/`Reshad`, `Jeyhun`/`Ceyhun`, `Khalilov`/`Xəlilov`), or a native name
//! that lost a letter (`Miqrasiy`/`Miqrasiya`).
//!
//! How: the name index files every spelling of a name word under exact blocking keys (its
//! lowercase and folded forms and their one-deletion neighbours), so only spellings within one
//! edit of each other are compared, and no bucket grows with the corpus. Two spellings are
//! variants when they fold to the same form through the transliteration tables of
//! `rules/translit/`, when one is the other with a single letter (not the first) missing, two
//! letters swapped, or one letter replaced by its keyboard neighbour, or when their folds are
//! one letter apart (a romanisation and a slip at once).
//!
//! Precision guards, because a name spelt alike is not always the same name:
//! - *Context*: the two spellings must stand next to the same name word at least once
//!   (`Rashad Khalilov` / `Reshad Khalilov`, `Kars-Jeyhun` / `Kars-Ceyhun`). Two people who
//!   share a surname have different given names, and stay apart. A slip of the hand (a letter
//!   missing, swapped or doubled inside) in a surname that is only ever written alone is
//!   compared with the usual spelling close by in the same document instead. A letter missing at the end of
//!   a word must even have the same word on both sides: a word inside a fixed name does not
//!   change its ending, while a name's last word takes grammatical endings.
//! - *Grammar*: a genitive or other ending (`Akademiyası` / `Akademiyasının`) adds more than
//!   one letter and is never a candidate; English words and acronyms are not name words at all.
//! - *Declared variants*: a text that writes both spellings side by side with `or`, `also
//!   spelled` and the like, or in parentheses, has said they are one name; the uses in such a
//!   declaration are excused, the others are still reported.
//! - *Known distinct names*: pairs listed in `distinct` are never reported.
//! - *Scripts*: a spelling in another script (`Джейхун` beside `Jeyhun`) is a rendering, not a
//!   variant; only spellings in the same script are compared.
//!
//! Which side is marked: the spelling with fewer occurrences is the variant; on a tie, the one
//! in fewer documents, then the one that uses fewer letters of the native orthography (`Jeyhun`
//! rather than `Ceyhun`), then the later one in reading order.

use std::cmp::Reverse;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, DocId};
use crate::extract::names::{Translit, TranslitClass, lowercase};
use crate::finding::Finding;
use crate::index::names::{NameIndex, Spelling};

pub const KIND: Kind = Kind {
    name: "name_variant",
    summary: "one proper name spelled two ways: another romanisation, or a letter missing",
    params: "min_length: spellings shorter than this, in letters, are not compared (4)\n\
             declared_by: words that, between two spellings on one line, declare them one name ([\"or\", \"also spelled\", \"also spelt\", \"also written\", \"also known as\", \"aka\"])\n\
             distinct: pairs of spellings known to be different names, e.g. [[\"Ellen\", \"Allen\"]] ([])\n\
             max_labels: most places of the usual spelling shown (4)\n\
             keyboard: rows of the keyboard, top to bottom, whose neighbouring keys make a one-letter slip ([\"qwertyuiop\", \"asdfghjkl\", \"zxcvbnm\"])\n\
             max_alone: a spelling written alone (no name word beside it) this many times or fewer is compared with the usual one nearby for a slip (2)\n\
             window: how close, in bytes, the usual spelling must stand to a slip written alone (1500)\n\
             classes: transliteration classes added to those of rules/translit/, each {letters = [...], native = [...], vowel = false} ([])",
    placeholders: &["variant", "usual"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_length")]
    min_length: usize,
    #[serde(default = "declared_by")]
    declared_by: Vec<String>,
    #[serde(default)]
    distinct: Vec<[String; 2]>,
    #[serde(default = "max_labels")]
    max_labels: usize,
    #[serde(default)]
    classes: Vec<TranslitClass>,
    #[serde(default = "keyboard")]
    keyboard: Vec<String>,
    #[serde(default = "max_alone")]
    max_alone: usize,
    #[serde(default = "window")]
    window: usize,
}

fn min_length() -> usize {
    4
}
fn declared_by() -> Vec<String> {
    [
        "or",
        "also spelled",
        "also spelt",
        "also written",
        "also known as",
        "aka",
    ]
    .map(String::from)
    .to_vec()
}
fn max_labels() -> usize {
    4
}
fn keyboard() -> Vec<String> {
    ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
        .map(String::from)
        .to_vec()
}
fn max_alone() -> usize {
    2
}
fn window() -> usize {
    1500
}

struct NameVariant {
    min_length: usize,
    declared_by: Vec<String>,
    distinct: FxHashSet<(String, String)>,
    max_labels: usize,
    /// The rule's own tables, when it adds classes; otherwise the shipped ones and the shared
    /// name index are used.
    translit: Option<Translit>,
    keyboard: Vec<Vec<char>>,
    max_alone: usize,
    window: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mut distinct = FxHashSet::default();
    for [a, b] in p.distinct {
        let (a, b) = (lowercase(&a), lowercase(&b));
        distinct.insert((a.clone(), b.clone()));
        distinct.insert((b, a));
    }
    Ok(Box::new(NameVariant {
        min_length: p.min_length.max(2),
        declared_by: p.declared_by.iter().map(|m| m.to_lowercase()).collect(),
        distinct,
        max_labels: p.max_labels.max(1),
        translit: if p.classes.is_empty() {
            None
        } else {
            Some(Translit::builtin_and(&p.classes)?)
        },
        keyboard: p
            .keyboard
            .iter()
            .map(|row| row.to_lowercase().chars().collect())
            .collect(),
        max_alone: p.max_alone,
        window: p.window,
    }))
}

/// True when the two spellings differ only in diacritics (`İşleri` / `Isleri`, `Müller` /
/// `Muller`): the tables keep letters such as `ş` apart from `s` on purpose, because `ş` is also
/// written `sh`, but a writer who drops the cedilla still means the same name.
fn without_diacritics(a: &Spelling, b: &Spelling) -> bool {
    let strip = |s: &str| any_ascii::any_ascii(s).to_lowercase();
    a.lower != b.lower && strip(&a.lower) == strip(&b.lower)
}

/// How two spellings differ.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Variation {
    /// They fold to one form through the transliteration tables.
    Romanisation,
    /// One has a letter the other lacks; `at_end` when it is the last letter.
    MissingLetter { at_end: bool },
    /// Two letters in a row change places (`Dzhaparidze` / `Dzhapraidze`).
    Swapped,
    /// One letter replaced by its neighbour on the keyboard (`Nikol` / `Nikpl`).
    Keystroke,
}

impl Variation {
    /// A slip of the hand rather than another way of writing the name: one that a writer who
    /// knows the name would not make twice, so the name nearby in the same text vouches for it.
    fn is_slip(self) -> bool {
        matches!(
            self,
            Variation::MissingLetter { at_end: false } | Variation::Swapped
        )
    }
}

/// The usual spelling a variant is reported against.
struct Match {
    usual: u32,
    variation: Variation,
    /// Per occurrence of the variant: it stands in a declaration of the two spellings.
    declared: Vec<bool>,
}

/// What the context checks need of a spelling, computed once however many pairs it is in.
struct Profile {
    /// (occurrences, documents, native letters, reverse reading position): the rank that
    /// decides which of two spellings is the variant.
    rank: (usize, usize, usize, Reverse<(usize, usize)>),
    /// Neighbour folds, as the index's ids.
    left: FxHashSet<u32>,
    right: FxHashSet<u32>,
    /// (left, right) neighbour pairs of occurrences that have both.
    both: FxHashSet<(u32, u32)>,
    /// No occurrence has a name word beside it.
    alone: bool,
}

impl Profile {
    fn new(s: &Spelling, translit: &Translit) -> Profile {
        let docs: FxHashSet<usize> = s.occurrences.iter().map(|o| o.doc).collect();
        let first = &s.occurrences[0];
        let mut p = Profile {
            rank: (
                s.occurrences.len(),
                docs.len(),
                translit.native_letters(&s.text),
                Reverse((first.doc, first.span.start)),
            ),
            left: FxHashSet::default(),
            right: FxHashSet::default(),
            both: FxHashSet::default(),
            alone: true,
        };
        for o in &s.occurrences {
            p.left.extend(o.left);
            p.right.extend(o.right);
            if let (Some(l), Some(r)) = (o.left, o.right) {
                p.both.insert((l, r));
            }
            p.alone &= o.left.is_none() && o.right.is_none();
        }
        p
    }
}

impl Check for NameVariant {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Names]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let own;
        let (index, translit) = match &self.translit {
            Some(t) => {
                own = NameIndex::build(cx.corpus, t);
                (&own, t)
            }
            None => (cx.index.names(), Translit::builtin()),
        };
        let (pairs, _) = index.candidate_pairs();
        let mut profiles: FxHashMap<u32, Profile> = FxHashMap::default();
        for &(a, b) in &pairs {
            for id in [a, b] {
                profiles
                    .entry(id)
                    .or_insert_with(|| Profile::new(&index.spellings[id as usize], translit));
            }
        }
        // Each variant spelling is reported once, against its most frequent usual spelling.
        let mut best: FxHashMap<u32, Match> = FxHashMap::default();
        for (a, b) in pairs {
            let (sa, sb) = (&index.spellings[a as usize], &index.spellings[b as usize]);
            let Some(variation) = self.variation(sa, sb) else {
                continue;
            };
            let (pa, pb) = (&profiles[&a], &profiles[&b]);
            let (variant, usual, pv, pu) = if pa.rank < pb.rank {
                (a, b, pa, pb)
            } else {
                (b, a, pb, pa)
            };
            let (sv, su) = (
                &index.spellings[variant as usize],
                &index.spellings[usual as usize],
            );
            if !self.in_context(variation, sv, su, pv, pu) {
                continue;
            }
            let declared = self.declared(cx.corpus, sv, su);
            if declared.iter().all(|&d| d) {
                continue;
            }
            let better = best.get(&variant).is_none_or(|current| {
                su.occurrences.len() > index.spellings[current.usual as usize].occurrences.len()
            });
            if better {
                best.insert(
                    variant,
                    Match {
                        usual,
                        variation,
                        declared,
                    },
                );
            }
        }
        let mut found: Vec<(u32, Match)> = best.into_iter().collect();
        found.sort_unstable_by_key(|(v, m)| (*v, m.usual));
        for (variant, m) in found {
            out.push(self.finding(rule, cx.corpus, index, variant, &m));
        }
    }
}

impl NameVariant {
    fn variation(&self, a: &Spelling, b: &Spelling) -> Option<Variation> {
        let (la, lb) = (a.lower.chars().count(), b.lower.chars().count());
        // A name in another script is a rendering, not a misspelling: `Джейхун` beside
        // `Jeyhun` is how the two languages write it.
        if la.min(lb) < self.min_length
            || latin(&a.text) != latin(&b.text)
            || self.distinct.contains(&(a.lower.clone(), b.lower.clone()))
        {
            return None;
        }
        if a.folded == b.folded || without_diacritics(a, b) {
            return Some(Variation::Romanisation);
        }
        let (ca, cb): (Vec<char>, Vec<char>) =
            (a.lower.chars().collect(), b.lower.chars().collect());
        if let Some(v) = missing_letter(&ca, &cb).or_else(|| swapped(&ca, &cb)) {
            return Some(v);
        }
        if self.keystroke(&ca, &cb) {
            return Some(Variation::Keystroke);
        }
        // One romanisation and one slip at once (`Hovhannisyan` / `Hovannisian`): the folds
        // are one letter apart.
        let (fa, fb): (Vec<char>, Vec<char>) =
            (a.folded.chars().collect(), b.folded.chars().collect());
        if fa.len().min(fb.len()) >= self.min_length {
            return missing_letter(&fa, &fb).or_else(|| swapped(&fa, &fb));
        }
        None
    }

    /// Whether the two spellings are seen used for one name: beside the same name word, or,
    /// for a slip, written alone close to the usual spelling in the same document.
    fn in_context(
        &self,
        variation: Variation,
        variant: &Spelling,
        usual: &Spelling,
        pv: &Profile,
        pu: &Profile,
    ) -> bool {
        let shares = !pv.left.is_disjoint(&pu.left) || !pv.right.is_disjoint(&pu.right);
        match variation {
            Variation::MissingLetter { at_end: true } => !pv.both.is_disjoint(&pu.both),
            // A replaced letter makes another name more often than a missing one does
            // (`Arman` / `Armen`): only a keyboard neighbour, beside the same name word, and a
            // usual spelling written more often.
            Variation::Keystroke => shares && pu.rank.0 >= 2 * pv.rank.0,
            _ if shares => true,
            v if slip(v, variant, usual)
                && pv.alone
                && variant.occurrences.len() <= self.max_alone =>
            {
                near_usual(variant, usual, self.window)
            }
            _ => false,
        }
    }

    /// Whether `a` and `b` differ in one letter, not the first, that sits next to the other on
    /// the keyboard.
    fn keystroke(&self, a: &[char], b: &[char]) -> bool {
        if a.len() != b.len() {
            return false;
        }
        let mut diff = (0..a.len()).filter(|&i| a[i] != b[i]);
        let (Some(i), None) = (diff.next(), diff.next()) else {
            return false;
        };
        i > 0 && self.keyboard_neighbours(a[i], b[i])
    }

    fn keyboard_neighbours(&self, x: char, y: char) -> bool {
        let find = |c: char| {
            self.keyboard.iter().enumerate().find_map(|(r, row)| {
                row.iter()
                    .position(|&k| k == c)
                    .map(|col| (r as isize, col as isize))
            })
        };
        let (Some((rx, cx)), Some((ry, cy))) = (find(x), find(y)) else {
            return false;
        };
        // Rows are staggered: a key touches the two keys below it at its column and the one
        // before, and the two above at its column and the one after.
        match ry - rx {
            0 => (cx - cy).abs() == 1,
            1 => cy == cx || cy == cx - 1,
            -1 => cy == cx || cy == cx + 1,
            _ => false,
        }
    }

    /// For each occurrence of `variant`: whether it stands on one line with an occurrence of
    /// `usual`, a declaring word or mark between them and at most a few other words (the rest of
    /// the name: `Farid Gurbanov (also spelled Farid Qurbanov)`). A declaration excuses the
    /// occurrences in it, not the pair: in a large corpus two spellings meet by chance around an
    /// `or` somewhere, and that must not hide every other use of the variant.
    fn declared(&self, corpus: &Corpus, variant: &Spelling, usual: &Spelling) -> Vec<bool> {
        // Occurrences of the variant by (document, line); each of the usual is looked up there,
        // so the cost grows with the occurrences, not with their product.
        let mut lines: FxHashMap<(DocId, usize), Vec<usize>> = FxHashMap::default();
        for (i, x) in variant.occurrences.iter().enumerate() {
            let line = corpus.doc(x.doc).line_index(x.span.start);
            lines.entry((x.doc, line)).or_default().push(i);
        }
        let mut declared = vec![false; variant.occurrences.len()];
        for y in &usual.occurrences {
            let doc = corpus.doc(y.doc);
            let Some(ids) = lines.get(&(y.doc, doc.line_index(y.span.start))) else {
                continue;
            };
            for &i in ids {
                let x = variant.occurrences[i].span;
                let (first, second) = if x.start < y.span.start {
                    (x, y.span)
                } else {
                    (y.span, x)
                };
                if self.declares(&doc.text[first.end..second.start]) {
                    declared[i] = true;
                }
            }
        }
        declared
    }

    /// The text between two spellings declares them one name: a declaring phrase or mark
    /// followed by at most a few words (the rest of the second name). `or` is a common word,
    /// so it declares only with a few words before it too (`Sorvani or Sorvania Region`).
    fn declares(&self, gap: &str) -> bool {
        /// Words of the name itself that may stand between the declaration and the spelling.
        const MAX_OTHER_WORDS: usize = 3;
        let words = |text: &str| -> Vec<String> {
            text.to_lowercase()
                .chars()
                .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                .collect::<String>()
                .split_whitespace()
                .map(String::from)
                .collect()
        };
        if let Some(at) = gap.rfind(['(', '/', '='])
            && words(&gap[at..]).len() <= MAX_OTHER_WORDS
        {
            return true;
        }
        let all = words(gap);
        self.declared_by.iter().any(|m| {
            let phrase: Vec<&str> = m.split_whitespace().collect();
            let Some(end) = (phrase.len()..=all.len())
                .rev()
                .find(|&e| all[e - phrase.len()..e].iter().eq(phrase.iter()))
            else {
                return false;
            };
            let before = end - phrase.len();
            all.len() - end <= MAX_OTHER_WORDS && (phrase.len() > 1 || before <= MAX_OTHER_WORDS)
        })
    }

    fn finding(
        &self,
        rule: &Rule,
        corpus: &Corpus,
        index: &NameIndex,
        variant: u32,
        m: &Match,
    ) -> Finding {
        let (usual, variation, declared) = (m.usual, m.variation, &m.declared);
        let (v, u) = (
            &index.spellings[variant as usize],
            &index.spellings[usual as usize],
        );
        let place = |o: &crate::index::names::Occurrence| {
            let d = corpus.doc(o.doc);
            format!("{}:{}", d.name, d.line_col(o.span.start).0)
        };
        let mut f = rule.finding(&[("variant", &v.text), ("usual", &u.text)]);
        let undeclared = v.occurrences.iter().zip(declared).filter(|(_, d)| !**d);
        for (i, (o, _)) in undeclared.enumerate() {
            let msg = if i == 0 {
                format!("`{}` here", v.text)
            } else {
                "and here".to_string()
            };
            f = f.label(o.doc, o.span, msg);
        }
        for o in u.occurrences.iter().take(self.max_labels) {
            f = f.label(o.doc, o.span, format!("`{}` here", u.text));
        }
        let why = match variation {
            Variation::Romanisation => format!(
                "`{}` and `{}` are the same name in two romanisations (see rules/translit/)",
                v.text, u.text
            ),
            Variation::MissingLetter { .. } => format!(
                "`{}` is `{}` with one letter missing, in the same name",
                shorter(v, u),
                longer(v, u)
            ),
            Variation::Swapped => format!(
                "`{}` is `{}` with two letters in a row swapped, in the same name",
                v.text, u.text
            ),
            Variation::Keystroke => format!(
                "`{}` is `{}` with one letter replaced by the key beside it, in the same name",
                v.text, u.text
            ),
        };
        let places: Vec<String> = u.occurrences.iter().take(3).map(place).collect();
        f.note(why)
            .note(format!(
                "`{}` is written {}, `{}` {} ({}); the rarer spelling is taken for the variant, and on a tie the one further from the native orthography, then the later one",
                v.text,
                times(v.occurrences.len()),
                u.text,
                times(u.occurrences.len()),
                places.join(", ")
            ))
            .suggest(u.text.clone())
    }
}

fn times(n: usize) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
    }
}

/// Every letter is Latin: ASCII, Latin-1 and Latin Extended (`ş`, `ğ`), the IPA block where
/// Azerbaijani `ə` lives, and the phonetic and additional Latin blocks (`ạ`, `ề`).
fn latin(word: &str) -> bool {
    const BLOCKS: [std::ops::Range<u32>; 5] = [
        0..0x02B0,
        0x1D00..0x1DC0,
        0x1E00..0x1F00,
        0x2C60..0x2C80,
        0xA720..0xA800,
    ];
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| BLOCKS.iter().any(|b| b.contains(&(c as u32))))
}

fn shorter<'a>(a: &'a Spelling, b: &'a Spelling) -> &'a str {
    if a.lower.chars().count() < b.lower.chars().count() {
        &a.text
    } else {
        &b.text
    }
}

fn longer<'a>(a: &'a Spelling, b: &'a Spelling) -> &'a str {
    if a.lower.chars().count() < b.lower.chars().count() {
        &b.text
    } else {
        &a.text
    }
}

/// The longer word with one letter (not its first) left out is the shorter one.
fn missing_letter(a: &[char], b: &[char]) -> Option<Variation> {
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return None;
    }
    let at = (0..long.len())
        .find(|&i| short.get(i) != long.get(i))
        .unwrap_or(short.len());
    if at == 0 || short[at..] != long[at + 1..] {
        return None;
    }
    Some(Variation::MissingLetter {
        at_end: at == short.len(),
    })
}

/// A slip of the hand: a missing or swapped letter, or a letter doubled or undoubled inside the
/// word (`Paashinyan`), which folds away like a romanisation but is written by no convention.
fn slip(variation: Variation, a: &Spelling, b: &Spelling) -> bool {
    let (ca, cb): (Vec<char>, Vec<char>) = (a.lower.chars().collect(), b.lower.chars().collect());
    variation.is_slip()
        || (variation == Variation::Romanisation
            && missing_letter(&ca, &cb) == Some(Variation::MissingLetter { at_end: false }))
}

/// Two different letters in a row, not the first, change places.
fn swapped(a: &[char], b: &[char]) -> Option<Variation> {
    if a.len() != b.len() {
        return None;
    }
    let i = (0..a.len()).find(|&i| a[i] != b[i])?;
    (i > 0 && i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
        .then_some(Variation::Swapped)
}

/// Some occurrence of the usual spelling stands in the same document as one of the variant,
/// within `window` bytes of it.
fn near_usual(variant: &Spelling, usual: &Spelling, window: usize) -> bool {
    variant.occurrences.iter().any(|v| {
        usual
            .occurrences
            .iter()
            .any(|u| u.doc == v.doc && u.span.start.abs_diff(v.span.start) <= window)
    })
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "name-variant"
        code = "N001"
        category = "name_variant"
        severity = "warning"
        check = "name_variant"
        message = "`{variant}` is spelled `{usual}` elsewhere"
        [rule.params]
        distinct = [["Jamal", "Jamel"]]
    "#;

    fn spans(texts: &[&str]) -> Vec<Vec<(usize, String)>> {
        let f = findings(&rule(RULE), texts);
        f.iter()
            .map(|f| {
                f.labels
                    .iter()
                    .map(|l| (l.doc, texts[l.doc][l.span.start..l.span.end].to_string()))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn romanisation_variant_of_a_given_name() {
        let f = spans(&[
            "Infobox\n- Chief2Name: Reshad Khalilov\n\nThe agency has been headed by Rashad Khalilov since 2019. Rashad Khalilov spoke.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0].1, "Reshad", "the rarer spelling is primary");
        assert_eq!(f[0][1].1, "Rashad");
    }

    #[test]
    fn transliteration_across_documents_labels_both() {
        let f = spans(&[
            "Minister Jeyhun Bayramov spoke.",
            "He met Ceyhun Bayramov there.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0], (0, "Jeyhun".to_string()), "Ceyhun is native");
        assert_eq!(f[0][1], (1, "Ceyhun".to_string()));
    }

    #[test]
    fn native_name_missing_a_letter() {
        let f = spans(&[
            "Infobox\n- Nativename: Milli Elmlər Akademiyası Dövlət Miqrasiy Xidməti\n- Logo: Milli Elmlər Akademiyasının Dövlət Miqrasiya Xidməti.jpg\n\nThe Service (Dövlət Miqrasiya Xidməti) is old.",
        ]);
        assert_eq!(f.len(), 1, "the genitive is not a variant: {f:?}");
        assert_eq!(f[0][0].1, "Miqrasiy");
        assert_eq!(f[0].len(), 3);
        let f = spans(&[
            "The Milli Elmlər Akademiyası met. The Milli Elmlr Akademiyası met. Milli Elmlər Akademiyası.",
        ]);
        assert_eq!(f.len(), 1, "a dropped `ə`: {f:?}");
        assert_eq!(f[0][0].1, "Elmlr");
    }

    #[test]
    fn dropped_diacritics_and_a_name_after_a_particle() {
        let f = spans(&[
            "The Directorate (Devlet Su İşleri) builds dams.",
            "# Devlet Su Isleri\n\nDevlet Su İşleri works.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0].1, "Isleri");
        let f =
            spans(&["Hassan al-Janabi spoke. Hasan al-Janabi resigned. Hassan al-Janabi left."]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0].1, "Hasan");
        let silent = spans(&["Hassan al-Janabi spoke. Hasan al-Maliki resigned."]);
        assert!(
            silent.is_empty(),
            "different surnames after the particle: {silent:?}"
        );
    }

    #[test]
    fn a_rule_can_add_transliteration_classes() {
        let texts = ["Eduard Shevardnadze spoke. Eduard Shevardnadse spoke again."];
        assert!(spans(&texts).is_empty(), "z and s are different letters");
        let with_class = format!("{RULE}\nclasses = [{{ letters = [\"z\", \"s\"] }}]\n");
        assert_eq!(findings(&rule(&with_class), &texts).len(), 1);
    }

    #[test]
    fn swapped_letters_and_a_slip_written_alone() {
        let f =
            spans(&["Levan Dzhaparidze spoke. Levan Dzhapraidze left. Levan Dzhaparidze came."]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0].1, "Dzhapraidze");
        // A surname alone, one letter off the one used all around it.
        let f = spans(&[
            "Director Ada Prinnelli spoke on Monday. Prinnelli said the port would open. Critics linked Prinelli's dismissal to the strike.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            f[0][0].1, "Prinelli",
            "the possessive is not part of the name"
        );
        let f =
            spans(&["Minister Tomas Wendrak spoke. Waandrak is not... Wendrak and Weendrak met."]);
        assert_eq!(f.len(), 1, "a doubled vowel written alone: {f:?}");
        assert_eq!(f[0][0].1, "Weendrak");
    }

    #[test]
    fn a_key_beside_the_right_one() {
        let f = spans(&[
            "Prime Minister Ada Prinn spoke. Ada Prinn left. Ada Prinn came.",
            "Photo: Ada Ptinn with the mayor.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0], (1, "Ptinn".to_string()));
        for silent in [
            "Prime Minister Ada Prinn spoke. Ada Prinn left. Ada Prinn came. Ada Pminn came.",
            "Ada Prinn and Ada Ptinn, as often as each other. Ada Ptinn spoke. Ada Prinn left.",
        ] {
            let f = spans(&[silent]);
            assert!(
                f.is_empty(),
                "keys far apart, or two names written as often: {f:?}"
            );
        }
    }

    #[test]
    fn a_romanisation_and_a_missing_letter_at_once() {
        let f = spans(&[
            "Colonel Karen Vahramyan spoke. Karen Vahramyan left.",
            "Colonel Karen Varamian resigned.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0].1, "Varamian");
    }

    #[test]
    fn an_or_far_away_on_a_long_line_declares_nothing() {
        let f = spans(&[
            "Farid Gurbanov spoke about the budget for the coming year or the next one, as did Farid Qurbanov of the other party, and Farid Gurbanov again.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
    }

    #[test]
    fn a_declaration_excuses_only_the_uses_in_it() {
        let texts = [
            "Farid Gurbanov (also spelled Farid Qurbanov) spoke. Farid Qurbanov left. Farid Qurbanov came.",
            "Later Farid Gurbanov wrote a letter.",
        ];
        let f = spans(&texts);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0], (1, "Gurbanov".to_string()), "the undeclared use");
        assert!(
            !f[0].contains(&(0, "Gurbanov".to_string())),
            "the declared use is not labelled: {f:?}"
        );
    }

    #[test]
    fn slips_written_alone_need_the_name_close_by_in_one_document() {
        let far = format!(
            "Director Ada Prinnelli spoke. Prinnelli said so. {} Prinelli left.",
            "The weather was mild. ".repeat(100)
        );
        let texts = [
            far.as_str(),
            "Director Ada Prinnelli spoke. Prinnelli said so.",
            "Prinelli left.",
            // A letter at the end makes another name (Danil / Danila), and a surname beside a
            // different given name is another person.
            "Danila spoke. Danil answered. Danila left.",
            "Armen Kovalian spoke. Kovalyan answered. Artak Kovalyan left.",
        ];
        for t in [&texts[0..1], &texts[1..3], &texts[3..4], &texts[4..5]] {
            let f = spans(t);
            assert!(f.is_empty(), "{t:?}: {f:?}");
        }
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            // Different people sharing a surname; different given names.
            "Tural Huseynov met Rauf Guseynov. Elnur Petrov met Ali Vetrov.",
            // A letter-short name word without the same context on both sides.
            "Rasul Uzbekistan Army and Rasul Uzbekistani people.",
            // A declared variant.
            "Farid Gurbanov (also spelled Farid Qurbanov) and Farid Qurbanov.",
            // One name in two scripts.
            "Jeyhun Bayramov spoke. Джейхун Байрамов spoke.",
            // Known distinct names.
            "Jamal Guliyev and Jamel Guliyev.",
            // English words differing by a letter, a plural, an acronym.
            "The Interior Forces and the Internal Forces. Service and Services. MVD and MVX.",
        ];
        let f = spans(&texts);
        assert!(f.is_empty(), "{f:?}");
    }
}
