//! The name index: every distinct spelling of a name word in the corpus, where it occurs, and
//! blocking keys that bring probable variants together without comparing all pairs.
//!
//! A spelling is filed under exact keys: its lowercase form and its transliteration fold, and
//! each of those with one letter deleted (a symmetric deletion index, as in SymSpell). Two
//! spellings one edit apart always share a key: a missing letter (`Abazyan`/`Abazayan`: the
//! longer one less a letter is the shorter one), a replaced or a swapped letter (both less the
//! letter at that place agree), and two romanisations fold alike. A key is an exact string, so
//! a bucket holds only spellings within one edit of each other: its size is bounded by the
//! alphabet and the word length, not by the corpus. The work grows with the number of distinct
//! spellings times their length, never with its square, and no bucket is cut or skipped, so
//! what is found does not depend on how large the corpus is.

use std::hash::{Hash, Hasher};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};

use crate::corpus::{Corpus, DocId, Span};
use crate::extract::names::{self, Translit};

/// One place a spelling occurs.
#[derive(Debug, Clone)]
pub struct Occurrence {
    pub doc: DocId,
    pub span: Span,
    /// Folded forms of the neighbouring name words, as ids: equal ids, equal folds (a few
    /// bytes an occurrence instead of two strings; the checks only compare them).
    pub left: Option<u32>,
    pub right: Option<u32>,
}

/// One distinct spelling (compared in lowercase) of a name word.
#[derive(Debug)]
pub struct Spelling {
    /// As first written.
    pub text: String,
    pub lower: String,
    /// Its transliteration fold.
    pub folded: String,
    pub occurrences: Vec<Occurrence>,
}

#[derive(Debug, Default)]
pub struct NameIndex {
    /// In order of first occurrence (documents in corpus order).
    pub spellings: Vec<Spelling>,
    /// Blocking key (a hash of an exact string) → spellings filed under it. A hash collision
    /// only adds a candidate that the check then rejects.
    blocks: FxHashMap<u64, Vec<u32>>,
}

/// Words shorter than this, in letters, are not broken up into deletion keys: a two-letter key
/// would gather every short word, and no rule compares words that short.
const MIN_DELETION_KEY: usize = 3;

/// Documents searched for name words at once: enough for both cores, few enough that their
/// words stay a small part of the corpus.
const BATCH: usize = 64;

impl NameIndex {
    pub fn build(corpus: &Corpus, translit: &Translit) -> NameIndex {
        let mut index = NameIndex::default();
        let mut by_lower: FxHashMap<String, u32> = FxHashMap::default();
        // Neighbour words as written → the id of their fold; each distinct one folded once.
        let mut neighbours: FxHashMap<&str, u32> = FxHashMap::default();
        let mut folds: FxHashMap<String, u32> = FxHashMap::default();
        // Name words are found and lowercased in parallel, a batch of documents at a time; the
        // merge into one list of spellings follows corpus order, so ids do not depend on threads.
        for batch in corpus.docs.chunks(BATCH) {
            let found: Vec<Vec<(names::NameWord, String)>> = batch
                .par_iter()
                .map(|doc| {
                    names::name_words(doc)
                        .into_iter()
                        .map(|w| {
                            let lower = names::lowercase(doc.slice(w.span));
                            (w, lower)
                        })
                        .collect()
                })
                .collect();
            for (doc, words) in batch.iter().zip(found) {
                for (word, lower) in words {
                    let text = doc.slice(word.span);
                    let id = match by_lower.get(&lower) {
                        Some(&id) => id,
                        None => {
                            let id = index.spellings.len() as u32;
                            index.spellings.push(Spelling {
                                text: text.to_string(),
                                lower: lower.clone(),
                                folded: translit.fold(text),
                                occurrences: Vec::new(),
                            });
                            by_lower.insert(lower, id);
                            id
                        }
                    };
                    let mut neighbour = |s: Option<Span>| {
                        s.map(|s| {
                            let text = doc.slice(s);
                            *neighbours.entry(text).or_insert_with(|| {
                                let next = folds.len() as u32;
                                *folds.entry(translit.fold(text)).or_insert(next)
                            })
                        })
                    };
                    let (left, right) = (neighbour(word.left), neighbour(word.right));
                    index.spellings[id as usize].occurrences.push(Occurrence {
                        doc: doc.id,
                        span: word.span,
                        left,
                        right,
                    });
                }
            }
        }
        for (id, s) in index.spellings.iter().enumerate() {
            let mut keys = Vec::new();
            // Tags keep a lowercase key and a folded key of the same text apart.
            blocking_keys(&s.lower, 'l', &mut keys);
            blocking_keys(&s.folded, 'f', &mut keys);
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                index.blocks.entry(key).or_default().push(id as u32);
            }
        }
        index
    }

    /// Pairs of spellings that share a blocking key, each pair once, smaller id first; and how
    /// many pairs were looked at to find them (the cost of the search).
    pub fn candidate_pairs(&self) -> (Vec<(u32, u32)>, usize) {
        let mut looked_at = 0;
        let mut out = Vec::new();
        for members in self.blocks.values() {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    looked_at += 1;
                    if a != b {
                        out.push((a.min(b), a.max(b)));
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        (out, looked_at)
    }
}

fn key_of(tag: char, chars: impl Iterator<Item = char>) -> u64 {
    let mut h = FxHasher::default();
    tag.hash(&mut h);
    for c in chars {
        c.hash(&mut h);
    }
    h.finish()
}

/// The word itself and, for words long enough, the word with each letter deleted in turn.
fn blocking_keys(word: &str, tag: char, out: &mut Vec<u64>) {
    let chars: Vec<char> = word.chars().collect();
    out.push(key_of(tag, chars.iter().copied()));
    if chars.len() >= MIN_DELETION_KEY {
        for i in 0..chars.len() {
            let rest = chars[..i].iter().chain(&chars[i + 1..]).copied();
            out.push(key_of(tag, rest));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::corpus;
    use rustc_hash::FxHashSet;

    #[test]
    fn variants_share_a_block() {
        let c = corpus(&[
            "Rashad Khalilov met Reshad Khalilov and Karimov.",
            "Then Alahverdiyev met Allahverdiyev.",
        ]);
        let index = NameIndex::build(&c, Translit::builtin());
        let (pairs, _) = index.candidate_pairs();
        let texts: FxHashSet<(&str, &str)> = pairs
            .iter()
            .map(|&(a, b)| {
                (
                    index.spellings[a as usize].text.as_str(),
                    index.spellings[b as usize].text.as_str(),
                )
            })
            .collect();
        assert!(texts.contains(&("Rashad", "Reshad")));
        assert!(texts.contains(&("Alahverdiyev", "Allahverdiyev")));
        assert!(!texts.iter().any(|p| p.0 == "Karimov" || p.1 == "Karimov"));
    }

    /// Distinct generated surnames, and a text of them with a one-edit variant planted for
    /// every tenth name (a letter dropped, two swapped, one replaced).
    fn generated(n: usize) -> (String, Vec<(String, String)>) {
        const SYLLABLES: [&str; 24] = [
            "ba", "kor", "mi", "zan", "tel", "ru", "gos", "pa", "lin", "dra", "vek", "no", "sha",
            "tum", "fi", "hel", "jor", "kast", "ve", "bri", "dol", "sen", "qar", "wut",
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut distinct = FxHashSet::default();
        let mut names = Vec::new();
        while names.len() < n {
            let name: String = (0..3 + next(3))
                .map(|_| SYLLABLES[next(SYLLABLES.len())])
                .collect();
            if distinct.insert(name.clone()) {
                names.push(name);
            }
        }
        let mut text = String::new();
        let mut planted = Vec::new();
        for (i, name) in names.iter().enumerate() {
            let cap = |w: &str| format!("{}{}", w[..1].to_uppercase(), &w[1..]);
            text.push_str(&format!("{}. ", cap(name)));
            if i % 10 == 0 {
                let mut c: Vec<char> = name.chars().collect();
                let at = 2 + next(c.len() - 3);
                match i / 10 % 3 {
                    0 => {
                        c.remove(at);
                    }
                    1 => c.swap(at, at + 1),
                    _ => c[at] = if c[at] == 'x' { 'y' } else { 'x' },
                }
                let variant: String = c.into_iter().collect();
                if !distinct.contains(&variant) && variant != *name {
                    text.push_str(&format!("{}. ", cap(&variant)));
                    planted.push((cap(name), cap(&variant)));
                }
            }
        }
        (text, planted)
    }

    /// Every planted variant meets its name, at a small and at a twenty times larger corpus:
    /// no bucket is cut, so what is found does not depend on corpus size; and the comparisons
    /// per name stay about constant (linear work).
    #[test]
    fn planted_variants_are_candidates_at_every_size() {
        let mut per_name = Vec::new();
        for n in [500, 10_000] {
            let (text, planted) = generated(n);
            let c = corpus(&[&text]);
            let index = NameIndex::build(&c, Translit::builtin());
            let (pairs, looked_at) = index.candidate_pairs();
            let pairs: FxHashSet<(&str, &str)> = pairs
                .iter()
                .flat_map(|&(a, b)| {
                    let (a, b) = (
                        index.spellings[a as usize].text.as_str(),
                        index.spellings[b as usize].text.as_str(),
                    );
                    [(a, b), (b, a)]
                })
                .collect();
            assert!(planted.len() * 12 > n, "{} planted of {n}", planted.len());
            for (name, variant) in &planted {
                assert!(
                    pairs.contains(&(name.as_str(), variant.as_str())),
                    "{name} / {variant} never compared among {n} names"
                );
            }
            per_name.push(looked_at as f64 / index.spellings.len() as f64);
        }
        assert!(
            per_name[1] < per_name[0] * 3.0 + 1.0,
            "comparisons per name grow with the corpus: {per_name:?}"
        );
    }

    /// Thousands of generated names: the blocked search looks at less than 1% of the n²/2 pairs
    /// an all-pairs search would compare (about 15,000 for 4,000 names, against 8 million).
    #[test]
    fn blocked_search_is_far_below_all_pairs() {
        const SYLLABLES: [&str; 24] = [
            "ba", "kor", "mi", "zan", "tel", "ru", "gos", "pa", "lin", "dra", "vek", "no", "sha",
            "tum", "fi", "hel", "jor", "kast", "ve", "bri", "dol", "sen", "qar", "wut",
        ];
        // A small deterministic generator: the test must give the same figures every run.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut text = String::new();
        let mut distinct = FxHashSet::default();
        while distinct.len() < 4000 {
            let parts = 2 + next(3);
            let mut name = String::new();
            for _ in 0..parts {
                name.push_str(SYLLABLES[next(SYLLABLES.len())]);
            }
            let mut chars = name.chars();
            let first = chars.next().unwrap().to_uppercase().collect::<String>();
            let name = format!("{first}{}ov", chars.as_str());
            if distinct.insert(name.clone()) {
                text.push_str(&name);
                text.push_str(". ");
            }
        }
        let c = corpus(&[&text]);
        let index = NameIndex::build(&c, Translit::builtin());
        let n = index.spellings.len();
        assert!(n > 3500, "only {n} distinct names were indexed");
        let (_, looked_at) = index.candidate_pairs();
        let all_pairs = n * (n - 1) / 2;
        assert!(
            looked_at * 100 < all_pairs,
            "{looked_at} comparisons for {n} names ({all_pairs} pairs)"
        );
    }
}
