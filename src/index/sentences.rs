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

/// Documents normalised at once: enough to keep both cores busy, few enough that their strings
/// stay a small part of the corpus.
const BATCH: usize = 64;

/// Distinct strings, each with an id in order of first sight.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
    list: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.list.len() as u32;
        self.ids.insert(s.to_string(), id);
        self.list.push(s.to_string());
        id
    }

    fn own(&mut self, s: String) -> u32 {
        if let Some(&id) = self.ids.get(s.as_str()) {
            return id;
        }
        let id = self.list.len() as u32;
        self.list.push(s.clone());
        self.ids.insert(s, id);
        id
    }
}

/// One document's sentences as ids into its own word and term vocabularies.
struct DocSentences {
    words: Interner,
    terms: Interner,
    sentences: Vec<(SentenceRef, Vec<u32>, Vec<u32>)>,
}

impl DocSentences {
    fn of(doc: &crate::corpus::Document, lexicon: &Lexicon) -> DocSentences {
        let mut words = Interner::default();
        let mut terms = Interner::default();
        let sentences = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let at = SentenceRef {
                    doc: doc.id,
                    sentence: i,
                };
                // Code and markup keep their place (passages pair sentences in a row) but
                // have no words to compare.
                if !normalize::is_prose(doc.slice(s.span)) {
                    return (at, Vec::new(), Vec::new());
                }
                let folded = normalize::folded_words(doc, s);
                let term_ids = normalize::content_terms(&folded, lexicon)
                    .into_iter()
                    .map(|t| terms.own(t))
                    .collect();
                let word_ids = folded.into_iter().map(|w| words.own(w)).collect();
                (at, word_ids, term_ids)
            })
            .collect();
        DocSentences {
            words,
            terms,
            sentences,
        }
    }
}

impl SentenceIndex {
    pub fn build(corpus: &Corpus, lexicon: &Lexicon) -> SentenceIndex {
        // Word ids only need to be equal for equal words; their text is never read back.
        let mut words: FxHashMap<String, u32> = FxHashMap::default();
        let mut terms = Interner::default();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        let mut entries = Vec::new();
        // Documents are normalised in parallel a batch at a time, each with its own vocabulary,
        // and merged in order: only a batch's strings are alive at once, not a string for every
        // word of the corpus.
        for batch in corpus.docs.chunks(BATCH) {
            let normalised: Vec<DocSentences> = batch
                .par_iter()
                .map(|doc| DocSentences::of(doc, lexicon))
                .collect();
            for doc in normalised {
                let word_ids: Vec<u32> = doc
                    .words
                    .list
                    .into_iter()
                    .map(|w| {
                        let next = words.len() as u32;
                        *words.entry(w).or_insert(next)
                    })
                    .collect();
                let term_ids: Vec<u32> = doc
                    .terms
                    .list
                    .iter()
                    .map(|t| {
                        let id = terms.id(t);
                        if id as usize == postings.len() {
                            postings.push(Vec::new());
                        }
                        id
                    })
                    .collect();
                for (at, local_words, local_terms) in doc.sentences {
                    let entry_id = entries.len() as u32;
                    let words = local_words.iter().map(|&w| word_ids[w as usize]).collect();
                    let mut ids: Vec<u32> =
                        local_terms.iter().map(|&t| term_ids[t as usize]).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    for &t in &ids {
                        postings[t as usize].push(entry_id);
                    }
                    entries.push(SentenceEntry {
                        at,
                        words,
                        terms: ids,
                    });
                }
            }
        }
        let term_text = terms.list;
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
        // Every shared term gives its pair once, packed in one word: sorted, a pair's count is
        // the length of its run. Eight bytes a shared term, where a map from pair to count
        // holds some three times that in slack and buckets.
        let mut shared: Vec<u64> = Vec::new();
        for list in &self.postings {
            if list.len() < 2 || list.len() > max_postings {
                continue;
            }
            for (i, &a) in list.iter().enumerate() {
                shared.extend(list[i + 1..].iter().map(|&b| (a as u64) << 32 | b as u64));
            }
        }
        shared.sort_unstable();
        shared
            .chunk_by(|x, y| x == y)
            .filter(|run| run.len() >= min_shared)
            .map(|run| ((run[0] >> 32) as u32, run[0] as u32))
            .collect()
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
