//! `duplicate_sentence`: sentences said twice, within a document or across documents.
//!
//! In `exact` mode, sentences whose folded words are equal (case, punctuation and date format
//! aside) are grouped by a hash of their words. In `near` mode, sentences that share rare
//! content terms are paired through the sentence index and kept when their weighted overlap is
//! high: a reworded sentence, or a short statement of a dated fact repeated inside a longer one.
//!
//! Which side is marked: the first occurrence in reading order (documents in sorted path order)
//! is taken as the original, and the primary label marks the repeat.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, Span};
use crate::extract::{Lexicon, normalize};
use crate::finding::Finding;
use crate::index::SentenceIndex;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "duplicate_sentence",
    summary: "sentences repeated word for word, or reworded, within or across documents",
    params: "mode: \"exact\" (same words) or \"near\" (reworded) (\"exact\")\n\
             min_words: sentences with fewer words are not compared in exact mode, nor taken as a copy in near mode (5)\n\
             min_terms: sentences with fewer content terms are not compared, near mode (4)\n\
             threshold: weighted cosine of content terms at or above which two sentences are near duplicates (0.7)\n\
             containment: share of a shorter sentence's weighted terms found in a longer one at or above which it is a restatement, when they share a date; within one document and outside lists only (0.9)\n\
             cross_threshold: the threshold for two sentences in different documents, which restate each other by design (0.8)\n\
             passage_threshold: weighted cosine that two sentences in a row must each reach against two in a row elsewhere to make a reworded passage (0.45)\n\
             max_postings: a term held by more sentences than this is too common to pair on (50)\n\
             min_clause_words: a run of this many words shared word for word by two sentences, four of them lowercase content words, is a copied clause, near mode; 0 turns it off (8)",
    placeholders: &["excerpt", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "exact")]
    mode: String,
    #[serde(default = "min_words")]
    min_words: usize,
    #[serde(default = "min_terms")]
    min_terms: usize,
    #[serde(default = "threshold")]
    threshold: f32,
    #[serde(default = "containment")]
    containment: f32,
    #[serde(default = "cross_threshold")]
    cross_threshold: f32,
    #[serde(default = "passage_threshold")]
    passage_threshold: f32,
    #[serde(default = "max_postings")]
    max_postings: usize,
    #[serde(default = "min_clause_words")]
    min_clause_words: usize,
}

fn exact() -> String {
    "exact".into()
}
fn min_words() -> usize {
    5
}
fn min_terms() -> usize {
    4
}
fn threshold() -> f32 {
    0.7
}
fn containment() -> f32 {
    0.9
}
fn cross_threshold() -> f32 {
    0.8
}
fn passage_threshold() -> f32 {
    0.45
}
fn max_postings() -> usize {
    50
}
fn min_clause_words() -> usize {
    8
}

#[derive(Debug, PartialEq)]
enum Mode {
    Exact,
    Near,
}

struct DuplicateSentence {
    mode: Mode,
    min_words: usize,
    min_terms: usize,
    threshold: f32,
    containment: f32,
    cross_threshold: f32,
    passage_threshold: f32,
    max_postings: usize,
    min_clause_words: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mode = match p.mode.as_str() {
        "exact" => Mode::Exact,
        "near" => Mode::Near,
        other => {
            return Err(format!(
                "mode must be \"exact\" or \"near\", not \"{other}\""
            ));
        }
    };
    for (name, v) in [
        ("threshold", p.threshold),
        ("containment", p.containment),
        ("passage_threshold", p.passage_threshold),
        ("cross_threshold", p.cross_threshold),
    ] {
        if !(0.0..=1.0).contains(&v) {
            return Err(format!("{name} must be between 0 and 1, not {v}"));
        }
    }
    Ok(Box::new(DuplicateSentence {
        mode,
        min_words: p.min_words,
        min_terms: p.min_terms.max(1),
        threshold: p.threshold,
        containment: p.containment,
        cross_threshold: p.cross_threshold,
        passage_threshold: p.passage_threshold,
        max_postings: p.max_postings.max(2),
        min_clause_words: p.min_clause_words,
    }))
}

impl Check for DuplicateSentence {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Sentences]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.sentences();
        match self.mode {
            Mode::Exact => self.exact(rule, cx.corpus, index, out),
            Mode::Near => self.near(rule, cx.corpus, index, out),
        }
    }
}

/// The sentence's span and a short quotation of it.
fn sentence_span(corpus: &Corpus, index: &SentenceIndex, entry: u32) -> (usize, Span) {
    let at = index.entries[entry as usize].at;
    (at.doc, corpus.doc(at.doc).sentences[at.sentence].span)
}

/// A list item of fewer than eight words: an entry (`Ivan Petrov (since 2021)`, `Reading
/// rooms for adults`), not a statement; its repeat in a sentence is a summary, not a duplicate.
fn short_list_item(corpus: &Corpus, index: &SentenceIndex, entry: u32) -> bool {
    let at = index.entries[entry as usize].at;
    let doc = corpus.doc(at.doc);
    let sentence = &doc.sentences[at.sentence];
    matches!(doc.blocks[sentence.block].kind, BlockKind::ListItem(_)) && sentence.words.len() < 8
}

/// Text without closing punctuation that runs over a line break, such as a signature block
/// (`Ivan Petrov` / `General Director`) or a caption: a label, not a statement to compare.
/// The shorter word sequence, at least `min` words long, stands in a row in the longer one.
fn copied_run(a: &[u32], b: &[u32], min: usize) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= min && long.windows(short.len()).any(|w| w == short)
}

/// A list item: an entry of an enumeration rather than a statement of its own.
fn in_list(corpus: &Corpus, index: &SentenceIndex, entry: u32) -> bool {
    let at = index.entries[entry as usize].at;
    let doc = corpus.doc(at.doc);
    matches!(
        doc.blocks[doc.sentences[at.sentence].block].kind,
        crate::parse::BlockKind::ListItem(_)
    )
}

fn fragment(corpus: &Corpus, index: &SentenceIndex, entry: u32) -> bool {
    let (doc, span) = sentence_span(corpus, index, entry);
    let text = corpus.doc(doc).slice(span);
    let closed = text
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?', ';', ':', '…']);
    !closed && text.contains('\n')
}

fn excerpt(text: &str) -> String {
    const MAX: usize = 60;
    let text = text.trim_end_matches(['.', '!', '?']);
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

fn place(corpus: &Corpus, doc: usize, span: Span) -> String {
    let d = corpus.doc(doc);
    format!("{}:{}", d.name, d.line_col(span.start).0)
}

impl DuplicateSentence {
    /// The longest run of words (folded, punctuation aside) that two sentences share, as its
    /// text in the first and its length in words, when it is a copied clause: at least
    /// `min_clause_words` words, of which at least `MIN_CLAUSE_CONTENT` are lowercase content
    /// words. A long official name (`the Ministry of Internal Affairs of the Republic`) is
    /// capitalised and shared by design; a clause of ordinary words copied whole is a repeat
    /// (`shortly after the minister came to power following protests that he led`).
    fn shared_clause(
        &self,
        corpus: &Corpus,
        index: &SentenceIndex,
        a: u32,
        b: u32,
    ) -> Option<(String, usize)> {
        const MIN_CLAUSE_CONTENT: usize = 4;
        if self.min_clause_words == 0 {
            return None;
        }
        let words = |e: u32| {
            let at = index.entries[e as usize].at;
            let doc = corpus.doc(at.doc);
            let spans = &doc.words[doc.sentences[at.sentence].words.clone()];
            let folded: Vec<String> = spans
                .iter()
                .map(|w| normalize::fold(doc.slice(*w)))
                .collect();
            (doc, spans, folded)
        };
        let (da, sa, fa) = words(a);
        let (_, _, fb) = words(b);
        // Longest common run by dynamic programming over two short word lists.
        let mut best = (0, 0, 0);
        let mut prev = vec![0usize; fb.len() + 1];
        for i in 1..=fa.len() {
            let mut row = vec![0usize; fb.len() + 1];
            for j in 1..=fb.len() {
                if fa[i - 1] == fb[j - 1] {
                    row[j] = prev[j - 1] + 1;
                    if row[j] > best.0 {
                        best = (row[j], i, j);
                    }
                }
            }
            prev = row;
        }
        let (n, i, j) = best;
        // The shared run must be the tail of both sentences: a copied closing clause (`...,
        // shortly after the minister came to power`). A shared opening, or a run inside both,
        // is more often a set phrase of the subject (`The first police service of Norland was
        // formed in 1918, ...` followed by two different histories).
        if n < self.min_clause_words || i != fa.len() || j != fb.len() {
            return None;
        }
        let lexicon = Lexicon::builtin();
        let content = sa[i - n..i]
            .iter()
            .filter(|w| {
                let text = da.slice(**w);
                text.starts_with(char::is_lowercase) && !lexicon.is_stopword(&normalize::fold(text))
            })
            .count();
        (content >= MIN_CLAUSE_CONTENT)
            .then(|| (da.slice(sa[i - n].cover(sa[i - 1])).to_string(), n))
    }

    fn exact(&self, rule: &Rule, corpus: &Corpus, index: &SentenceIndex, out: &mut Vec<Finding>) {
        let mut groups: FxHashMap<&[u32], Vec<u32>> = FxHashMap::default();
        for (i, e) in index.entries.iter().enumerate() {
            if e.words.len() >= self.min_words {
                groups.entry(&e.words).or_default().push(i as u32);
            }
        }
        for members in groups.into_values().filter(|m| m.len() > 1) {
            // Entries are in reading order: the first is the original, the second the repeat.
            let (doc0, span0) = sentence_span(corpus, index, members[0]);
            let (doc1, span1) = sentence_span(corpus, index, members[1]);
            let mut f = rule
                .finding(&[
                    ("excerpt", &excerpt(corpus.doc(doc1).slice(span1))),
                    ("other", &place(corpus, doc0, span0)),
                ])
                .label(doc1, span1, "repeated here")
                .label(doc0, span0, "first stated here");
            for &m in &members[2..] {
                let (doc, span) = sentence_span(corpus, index, m);
                f = f.label(doc, span, "repeated here too");
            }
            let scope = if members
                .iter()
                .all(|&m| index.entries[m as usize].at.doc == doc0)
            {
                "within one document"
            } else {
                "across documents"
            };
            out.push(
                f.note(format!("{} identical sentences {scope} (compared without case, punctuation or date format)", members.len()))
                    .note("the first occurrence in reading order is taken as the original")
                    .suggest("delete the repeat, or keep it in the one place where it belongs"),
            );
        }
    }

    fn near(&self, rule: &Rule, corpus: &Corpus, index: &SentenceIndex, out: &mut Vec<Finding>) {
        // Dates count as one term at most: a holder-list item (`Ivan Petrov (2009 - 2020)`) is
        // a name and its dates, too little said to be a restatement of a sentence.
        let comparable = |e: u32| {
            let terms = &index.entries[e as usize].terms;
            let dated = terms
                .iter()
                .filter(|t| index.term_text[**t as usize].starts_with("@date:"))
                .count();
            terms.len() - dated + dated.min(1) >= self.min_terms
                && !short_list_item(corpus, index, e)
                && !fragment(corpus, index, e)
        };
        let mut scores: FxHashMap<(u32, u32), (f32, f32)> = FxHashMap::default();
        for (a, b) in index.candidate_pairs(self.max_postings, 2) {
            let (ea, eb) = (&index.entries[a as usize], &index.entries[b as usize]);
            if ea.words != eb.words && comparable(a) && comparable(b) {
                scores.insert((a, b), index.similarity(a, b));
            }
        }
        let mut pairs: Vec<_> = scores.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable_by_key(|&(k, _)| k);

        // Passages first: two sentences in a row that each resemble the two sentences in a row
        // elsewhere. Either pair alone may fall short of the threshold; together they are a
        // reworded passage.
        let mut in_passage = rustc_hash::FxHashSet::default();
        for &((a, b), (cosine, _)) in &pairs {
            let next = (a + 1, b + 1);
            let Some(&(next_cosine, _)) = scores.get(&next) else {
                continue;
            };
            let same_doc = |x: u32, y: u32| {
                index
                    .entries
                    .get(y as usize)
                    .is_some_and(|e| e.at.doc == index.entries[x as usize].at.doc)
            };
            if cosine < self.passage_threshold
                || next_cosine < self.passage_threshold
                || b <= a + 1
                || !same_doc(a, a + 1)
                || !same_doc(b, b + 1)
                || in_passage.contains(&(a, b))
            {
                continue;
            }
            in_passage.extend([(a, b), next]);
            let (doc0, first0) = sentence_span(corpus, index, a);
            let (_, second0) = sentence_span(corpus, index, a + 1);
            let (doc1, first1) = sentence_span(corpus, index, b);
            let (_, second1) = sentence_span(corpus, index, b + 1);
            out.push(
                rule.finding(&[
                    ("excerpt", &excerpt(corpus.doc(doc1).slice(first1))),
                    ("other", &place(corpus, doc0, first0)),
                ])
                .label(doc1, first1.cover(second1), "says again")
                .label(doc0, first0.cover(second0), "what is said here")
                .note(format!(
                    "a reworded passage: its two sentences share {:.0}% and {:.0}% of their weighted content words with the two here",
                    cosine * 100.0,
                    next_cosine * 100.0
                ))
                .note("the first occurrence in reading order is taken as the original")
                .suggest("keep one version of the passage, in the place where it belongs"),
            );
        }

        let mut reported = rustc_hash::FxHashSet::default();
        for ((a, b), (cosine, contained)) in pairs {
            if in_passage.contains(&(a, b)) {
                continue;
            }
            let (ea, eb) = (&index.entries[a as usize], &index.entries[b as usize]);
            // Numbers and dates that disagree make two facts of one shape (`fixed in v2.30.6`,
            // `fixed in v2.17.5`), not a repeat: one side's figures must all stand in the other.
            let figures = |e: &crate::index::sentences::SentenceEntry| -> Vec<u32> {
                e.terms
                    .iter()
                    .copied()
                    .filter(|t| {
                        let text = &index.term_text[*t as usize];
                        text.starts_with("@date:") || text.chars().any(|c| c.is_ascii_digit())
                    })
                    .collect()
            };
            let (fa, fb) = (figures(ea), figures(eb));
            let within = |x: &[u32], y: &[u32]| x.iter().all(|t| y.binary_search(t).is_ok());
            if !within(&fa, &fb) && !within(&fb, &fa) {
                continue;
            }
            let shares_date = ea.terms.iter().any(|t| {
                eb.terms.binary_search(t).is_ok()
                    && index.term_text[*t as usize].starts_with("@date:")
            });
            // Sources that overlap restate each other's facts; that is what they are compared
            // for. Across documents only a close rewording counts, and a restatement of a dated
            // fact only within one document, outside lists (a lead may sum up a list), or as a copy.
            let same_doc = ea.at.doc == eb.at.doc;
            // A lead that sums up an entry of a list (`headed by X since 2021` and the list of
            // heads) is structure, not a repeat.
            if in_list(corpus, index, a) != in_list(corpus, index, b) {
                continue;
            }
            let threshold = if same_doc {
                self.threshold
            } else {
                self.cross_threshold
            };
            let restatement = if same_doc {
                !in_list(corpus, index, a) && shares_date && contained >= self.containment
            } else {
                // Across documents, a copy with its head or tail cut: the shorter sentence's
                // words, dates normalised, stand in a row inside the longer one.
                shares_date && copied_run(&ea.words, &eb.words, self.min_words)
            };
            let reason = if cosine >= threshold {
                format!(
                    "the two share {:.0}% of their weighted content words",
                    cosine * 100.0
                )
            } else if let Some((clause, n)) = self.shared_clause(corpus, index, a, b) {
                format!(
                    "both sentences end in the same clause of {n} words: `{}`",
                    excerpt(&clause)
                )
            } else if restatement {
                format!(
                    "{:.0}% of the shorter sentence's weighted content words, and its date, stand in the longer one",
                    contained * 100.0
                )
            } else {
                continue;
            };
            // A repeat is reported once, against its earliest original (pairs come sorted), so
            // one sentence copied into n documents gives n - 1 findings, not one per pair.
            if !reported.insert(b) {
                continue;
            }
            let (doc0, span0) = sentence_span(corpus, index, a);
            let (doc1, span1) = sentence_span(corpus, index, b);
            out.push(
                rule.finding(&[
                    ("excerpt", &excerpt(corpus.doc(doc1).slice(span1))),
                    ("other", &place(corpus, doc0, span0)),
                ])
                .label(doc1, span1, "says again")
                .label(doc0, span0, "what is said here")
                .note(reason)
                .note("the first occurrence in reading order is taken as the original")
                .suggest("merge the two sentences, or delete the one that does not belong"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const EXACT: &str = r#"
        name = "duplicate-sentence"
        code = "D001"
        category = "duplicate"
        severity = "warning"
        check = "duplicate_sentence"
        message = "sentence `{excerpt}` repeats `{other}`"
    "#;

    const NEAR: &str = r#"
        name = "near-duplicate-sentence"
        code = "D002"
        category = "duplicate"
        severity = "warning"
        check = "duplicate_sentence"
        message = "sentence `{excerpt}` says again what `{other}` says"
        [rule.params]
        mode = "near"
    "#;

    #[test]
    fn exact_repeat_across_documents_with_another_date_format() {
        let r = rule(EXACT);
        let f = findings(
            &r,
            &[
                "The fleet was founded on 3 March 1887. It grew.",
                "Later, the fleet was founded on March 3, 1887.",
            ],
        );
        assert!(f.is_empty(), "a longer sentence is not an exact repeat");
        let f = findings(
            &r,
            &[
                "The fleet was founded on 3 March 1887. It grew.",
                "The fleet was founded on March 3, 1887.",
            ],
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].labels.len(), 2);
        assert_eq!(f[0].labels[0].doc, 1, "the later occurrence is the repeat");
    }

    #[test]
    fn short_sentences_are_not_duplicates() {
        assert!(findings(&rule(EXACT), &["See below. See below."]).is_empty());
    }

    #[test]
    fn reworded_sentence_is_a_near_duplicate() {
        let docs = [
            "Initially, membership in the club was based on a voluntary two-year subscription. The weather was fine. Soldiers liked bread.",
            "Initially, membership in the club was based on a two-year subscription on a voluntary basis. Officers wore hats. Bread was baked daily.",
        ];
        let f = findings(&rule(NEAR), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn a_sentence_reworded_in_many_documents_is_reported_once_per_copy() {
        let docs = [
            "Rain fell. Initially, membership in the club was based on a voluntary two-year subscription. Cats sleep.",
            "Snow fell. Initially, membership in the club was based on a voluntary two-year subscription plan. Dogs bark.",
            "Hail fell. Initially, the membership in the club was based upon a voluntary two-year subscription. Owls hoot.",
            "Mist rose. Initially, membership of the club was based on a voluntary two-year subscription. Bees hum.",
        ];
        let f = findings(&rule(NEAR), &docs);
        assert!((2..docs.len()).contains(&f.len()), "{f:#?}");
        let mut repeats: Vec<_> = f.iter().map(|f| f.labels[0].doc).collect();
        repeats.dedup();
        assert_eq!(repeats.len(), f.len(), "each copy once");
    }

    #[test]
    fn reworded_passage_of_two_sentences() {
        let docs = [
            "Rain fell on Monday. The Agency should ensure the safety of the Volga-Don pipeline and the Northern Pipeline. With this purpose the allies provided the Agency with helicopters and vehicles. Bread is baked here.",
            "Snow fell on Tuesday. One of the most important tasks of the Office is the safety of the Volga-Don pipeline and the Northern Pipeline. The allies provide the office with several helicopters and vehicles in order to guard the pipeline. Cheese is made there.",
        ];
        let f = findings(&rule(NEAR), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].notes[0].starts_with("a reworded passage"),
            "{:?}",
            f[0].notes
        );
        // Only the first pair of sentences, without the second: no finding.
        let single = [
            "Rain fell on Monday. The Agency should ensure the safety of the Volga-Don pipeline and the Northern Pipeline. Bread is baked here.",
            "Snow fell on Tuesday. One of the most important tasks of the Office is the safety of the Volga-Don pipeline and the Northern Pipeline. Cheese is made there.",
        ];
        assert!(findings(&rule(NEAR), &single).is_empty());
    }

    #[test]
    fn a_copied_closing_clause_is_a_near_duplicate() {
        let docs = [
            "Ivo Marten, a career diplomat, was appointed harbour master in May 2018, shortly after Dahl came to power following peaceful protests that he spearheaded.",
            "Osk Brann was appointed to the helm of the coast guard in May 2018, shortly after Dahl came to power following peaceful protests that he spearheaded.",
        ];
        let f = findings(&rule(NEAR), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(
            f[0].notes[0].starts_with("both sentences end"),
            "{:?}",
            f[0].notes
        );
    }

    #[test]
    fn a_shared_opening_or_a_long_name_is_no_copied_clause() {
        for docs in [
            [
                "The first harbour service of Norland was formed in 1918, shortly before the northern war broke out.",
                "The first harbour service of Norland was formed in 1918, under the Sea Ministry of the First Republic.",
            ],
            [
                "Yesterday the delegates of the trade fair visited the offices of the Harbour Ministry of the Republic of Norland.",
                "Ada Prinn spoke about fishing quotas with the Harbour Ministry of the Republic of Norland.",
            ],
        ] {
            let f = findings(&rule(NEAR), &docs);
            assert!(f.is_empty(), "{docs:?}: {f:#?}");
        }
    }

    #[test]
    fn a_lead_that_sums_up_a_list_entry_is_no_repeat() {
        let text = "Rain fell on the hills. Since 2021, the Service has been headed by Colonel Ivan Petrov of the guard.\n\n== Heads ==\n\n- 4. Colonel Ivan Petrov (since 2021), head of the Service of the guard;\n- 5. Bread was baked daily in the old town of the guard.\n";
        assert!(findings(&rule(NEAR), &[text]).is_empty());
    }

    #[test]
    fn a_signature_block_is_not_a_restatement() {
        let docs = [
            "The current General Director, Ivan Petrov, was appointed in 2021 by the board of the water authority.",
            "Ivan Petrov\nGeneral Director of the water authority board",
        ];
        assert!(findings(&rule(NEAR), &docs).is_empty());
    }

    #[test]
    fn two_different_facts_with_the_same_shape_are_not_near_duplicates() {
        let docs = [
            "The museum was opened on 5 October 2005 by the president of the republic.",
            "The battle banner was approved on 4 October 2005 by the president of the republic.",
        ];
        assert!(findings(&rule(NEAR), &docs).is_empty());
    }
}
