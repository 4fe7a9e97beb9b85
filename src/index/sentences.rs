//! The sentence index: every sentence's folded words and content terms, term weights by rarity
//! (inverse document frequency over sentences), and an inverted index from rare terms to the
//! sentences that hold them.
//!
//! Candidate pairs for near-duplicate search come only from shared rare terms, and a term held by
//! more than a set number of sentences is not paired at all, so the work per term is bounded and
//! the whole search grows with the corpus, not with its square.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, DocId};
use crate::extract::{Lexicon, normalize};

/// Where a sentence is: its document and its index in the document's sentences.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SentenceRef {
    pub doc: DocId,
    pub sentence: usize,
}

#[derive(Debug)]
pub struct SentenceEntry {
    pub at: SentenceRef,
    /// Folded words, dates as one `@date:` token each, as ids: one id per distinct form over
    /// the corpus, so comparing ids compares the words (4 bytes a word, not a string each).
    pub words: Vec<u32>,
    /// Distinct content term ids, sorted.
    pub terms: Vec<u32>,
}

#[derive(Debug)]
pub struct SentenceIndex {
    pub entries: Vec<SentenceEntry>,
    /// Term id → its text.
    pub term_text: Vec<String>,
    /// Term id → weight (higher for rarer terms).
    pub weight: Vec<f32>,
    /// Term id → entries holding it, ascending.
    pub postings: Vec<Vec<u32>>,
}

impl SentenceIndex {
    pub fn build(corpus: &Corpus, lexicon: &Lexicon) -> SentenceIndex {
        // (where, folded words, content terms) of every sentence, document by document.
        type Normalised = (SentenceRef, Vec<String>, Vec<String>);
        let per_doc: Vec<Vec<Normalised>> = corpus
            .docs
            .par_iter()
            .map(|doc| {
                doc.sentences
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        // Code and markup keep their place (passages pair sentences in a
                        // row) but have no words to compare.
                        let (words, terms) = if normalize::is_prose(doc.slice(s.span)) {
                            let words = normalize::folded_words(doc, s);
                            let terms = normalize::content_terms(&words, lexicon);
                            (words, terms)
                        } else {
                            (Vec::new(), Vec::new())
                        };
                        (
                            SentenceRef {
                                doc: doc.id,
                                sentence: i,
                            },
                            words,
                            terms,
                        )
                    })
                    .collect()
            })
            .collect();

        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut term_text = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut entries = Vec::new();
        let mut word_ids: FxHashMap<String, u32> = FxHashMap::default();
        for (at, words, terms) in per_doc.into_iter().flatten() {
            let entry_id = entries.len() as u32;
            let words: Vec<u32> = words
                .into_iter()
                .map(|w| {
                    let next = word_ids.len() as u32;
                    *word_ids.entry(w).or_insert(next)
                })
                .collect();
            let mut term_ids: Vec<u32> = terms
                .into_iter()
                .map(|t| {
                    let next = ids.len() as u32;
                    *ids.entry(t).or_insert_with_key(|t| {
                        term_text.push(t.clone());
                        postings.push(Vec::new());
                        next
                    })
                })
                .collect();
            term_ids.sort_unstable();
            term_ids.dedup();
            for &t in &term_ids {
                postings[t as usize].push(entry_id);
            }
            entries.push(SentenceEntry {
                at,
                words,
                terms: term_ids,
            });
        }
        let n = entries.len().max(1) as f32;
        let weight = postings
            .iter()
            .map(|p| ((n + 1.0) / p.len() as f32).ln() + 1.0)
            .collect();
        SentenceIndex {
            entries,
            term_text,
            weight,
            postings,
        }
    }

    /// Pairs of entries (`a < b`) sharing at least `min_shared` terms, counting only terms held
    /// by at most `max_postings` sentences.
    pub fn candidate_pairs(&self, max_postings: usize, min_shared: usize) -> Vec<(u32, u32)> {
        let mut shared: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        for list in &self.postings {
            if list.len() < 2 || list.len() > max_postings {
                continue;
            }
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    *shared.entry((a, b)).or_default() += 1;
                }
            }
        }
        let mut pairs: Vec<(u32, u32)> = shared
            .into_iter()
            .filter(|&(_, n)| n as usize >= min_shared)
            .map(|(p, _)| p)
            .collect();
        pairs.sort_unstable();
        pairs
    }

    fn norm2(&self, terms: &[u32]) -> f32 {
        terms.iter().map(|&t| self.weight[t as usize].powi(2)).sum()
    }

    /// Weighted overlap of two entries: (cosine, containment of the smaller in the larger).
    pub fn similarity(&self, a: u32, b: u32) -> (f32, f32) {
        let (ta, tb) = (
            &self.entries[a as usize].terms,
            &self.entries[b as usize].terms,
        );
        let mut shared = 0.0;
        let (mut i, mut j) = (0, 0);
        while i < ta.len() && j < tb.len() {
            match ta[i].cmp(&tb[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight[ta[i] as usize].powi(2);
                    i += 1;
                    j += 1;
                }
            }
        }
        let (na, nb) = (self.norm2(ta), self.norm2(tb));
        if na == 0.0 || nb == 0.0 {
            return (0.0, 0.0);
        }
        (shared / (na * nb).sqrt(), shared / na.min(nb))
    }
}
