//! `name_variant`: one proper name spelled two ways across the corpus — two romanisations of
//! one name (`Rashad`/`Reshad`, `Jeyhun`/`Ceyhun`, `Khalilov`/`Xəlilov`), or a native name
//! that lost a letter (`Miqrasiy`/`Miqrasiya`).
//!
//! How: the name index files every spelling of a name word under blocking keys (consonant
//! skeletons and their one-deletion neighbours), so only spellings that share a key are
//! compared. Two spellings are variants when they fold to the same form through the
//! transliteration tables of `rules/translit/`, or when one is the other with a single letter
//! (not the first) missing.
//!
//! Precision guards, because a name spelt alike is not always the same name:
//! - *Context*: the two spellings must stand next to the same name word at least once
//!   (`Rashad Khalilov` / `Reshad Khalilov`, `Kars-Jeyhun` / `Kars-Ceyhun`). Two people who
//!   share a surname have different given names, and stay apart. A letter missing at the end of
//!   a word must even have the same word on both sides: a word inside a fixed name does not
//!   change its ending, while a name's last word takes grammatical endings.
//! - *Grammar*: a genitive or other ending (`Akademiyası` / `Akademiyasının`) adds more than
//!   one letter and is never a candidate; English words and acronyms are not name words at all.
//! - *Declared variants*: a text that writes both spellings side by side with `or`, `also
//!   spelled` and the like, or in parentheses, has said they are one name.
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

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::Corpus;
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

struct NameVariant {
    min_length: usize,
    declared_by: Vec<String>,
    distinct: FxHashSet<(String, String)>,
    max_labels: usize,
    /// The rule's own tables, when it adds classes; otherwise the shipped ones and the shared
    /// name index are used.
    translit: Option<Translit>,
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
}

impl Check for NameVariant {
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
        // Each variant spelling is reported once, against its most frequent usual spelling.
        let mut best: FxHashMap<u32, (u32, Variation)> = FxHashMap::default();
        for (a, b) in pairs {
            let (sa, sb) = (&index.spellings[a as usize], &index.spellings[b as usize]);
            let Some(variation) = self.variation(sa, sb) else {
                continue;
            };
            if self.declared(cx.corpus, sa, sb) {
                continue;
            }
            let rank = |id: u32| {
                let s = &index.spellings[id as usize];
                let docs: FxHashSet<usize> = s.occurrences.iter().map(|o| o.doc).collect();
                let first = &s.occurrences[0];
                (
                    s.occurrences.len(),
                    docs.len(),
                    translit.native_letters(&s.text),
                    Reverse((first.doc, first.span.start)),
                )
            };
            let (variant, usual) = if rank(a) < rank(b) { (a, b) } else { (b, a) };
            let better = best.get(&variant).is_none_or(|&(current, _)| {
                index.spellings[usual as usize].occurrences.len()
                    > index.spellings[current as usize].occurrences.len()
            });
            if better {
                best.insert(variant, (usual, variation));
            }
        }
        let mut found: Vec<(u32, u32, Variation)> =
            best.into_iter().map(|(v, (u, k))| (v, u, k)).collect();
        found.sort_unstable_by_key(|&(v, u, _)| (v, u));
        for (variant, usual, variation) in found {
            out.push(self.finding(rule, cx.corpus, index, variant, usual, variation));
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
        let variation = if a.folded == b.folded || without_diacritics(a, b) {
            Variation::Romanisation
        } else {
            missing_letter(&a.lower, &b.lower)?
        };
        let context = match variation {
            Variation::MissingLetter { at_end: true } => same_both_sides(a, b),
            _ => shares_a_neighbour(a, b),
        };
        context.then_some(variation)
    }

    /// Both spellings written on one line with a declaring word between them.
    fn declared(&self, corpus: &Corpus, a: &Spelling, b: &Spelling) -> bool {
        a.occurrences.iter().any(|x| {
            b.occurrences.iter().any(|y| {
                if x.doc != y.doc {
                    return false;
                }
                let doc = corpus.doc(x.doc);
                let (first, second) = if x.span.start < y.span.start {
                    (x.span, y.span)
                } else {
                    (y.span, x.span)
                };
                if doc.line_index(first.start) != doc.line_index(second.start) {
                    return false;
                }
                let gap = &doc.text[first.end..second.start];
                if gap.contains(['(', '/', '=']) {
                    return true;
                }
                let words: String = gap
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_alphanumeric() { c } else { ' ' })
                    .collect();
                let words = format!(
                    " {} ",
                    words.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                self.declared_by
                    .iter()
                    .any(|m| words.contains(&format!(" {m} ")))
            })
        })
    }

    fn finding(
        &self,
        rule: &Rule,
        corpus: &Corpus,
        index: &NameIndex,
        variant: u32,
        usual: u32,
        variation: Variation,
    ) -> Finding {
        let (v, u) = (
            &index.spellings[variant as usize],
            &index.spellings[usual as usize],
        );
        let place = |o: &crate::index::names::Occurrence| {
            let d = corpus.doc(o.doc);
            format!("{}:{}", d.name, d.line_col(o.span.start).0)
        };
        let mut f = rule.finding(&[("variant", &v.text), ("usual", &u.text)]);
        for (i, o) in v.occurrences.iter().enumerate() {
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
fn missing_letter(a: &str, b: &str) -> Option<Variation> {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
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

/// Some occurrence of each stands next to the same name word, on the same side.
fn shares_a_neighbour(a: &Spelling, b: &Spelling) -> bool {
    let sides = |s: &Spelling| {
        let mut left = FxHashSet::default();
        let mut right = FxHashSet::default();
        for o in &s.occurrences {
            left.extend(o.left.clone());
            right.extend(o.right.clone());
        }
        (left, right)
    };
    let ((al, ar), (bl, br)) = (sides(a), sides(b));
    !al.is_disjoint(&bl) || !ar.is_disjoint(&br)
}

/// Some occurrence of each has the same name word on its left and the same on its right.
fn same_both_sides(a: &Spelling, b: &Spelling) -> bool {
    a.occurrences.iter().any(|x| {
        x.left.is_some()
            && x.right.is_some()
            && b.occurrences
                .iter()
                .any(|y| x.left == y.left && x.right == y.right)
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
