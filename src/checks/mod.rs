//! Check kinds: the Rust half of a rule. A rule pack in `rules/` names a kind and gives it
//! parameters; [`KINDS`] is the one table that maps kind names to code. Each kind lives in its
//! own file with its documentation, parameters, logic and unit tests.

mod acronym_variant;
mod adjacent_words;
mod age_birth_year;
mod age_conflict;
mod anniversary_year;
mod appointer_conflict;
mod article_before_name;
mod confused_phrase;
mod count_infobox;
mod count_listed;
mod double_space;
mod duplicate_sentence;
mod duration_period;
mod echoed_word;
mod event_date_conflict;
mod event_order;
mod heading_markers;
mod holder_after_end;
mod holder_conflict;
mod hyphen_slip;
mod impossible_period;
mod independence_conflict;
mod infobox_fields;
mod list_numbering;
mod list_punctuation;
mod lowercase_start;
mod markup_residue;
mod midsentence_capital;
mod missing_space;
mod misspelling;
mod name_case;
mod name_variant;
mod name_word_swap;
mod new_holder_conflict;
mod numbers;
mod office_term_conflict;
mod page_break_cut;
mod parent_conflict;
mod part_exceeds_whole;
mod parts_total;
mod people;
mod person_event_date_conflict;
mod previous_post_conflict;
mod pronoun_agreement;
mod release_date_conflict;
mod repeated_word;
mod sentence_end;
mod share_total;
mod spell_check;
mod spelling_convention;
mod stale_current;
mod stray_character;
mod subject_agreement;
mod vote_tally;
mod word_pattern;
mod wordclass;

use rayon::prelude::*;

use crate::config::Rule;
use crate::corpus::{Corpus, Document};
use crate::finding::Finding;
use crate::index::{Index, IndexKind};

/// What a check sees: the corpus and the corpus-wide indexes built from it.
pub struct Context<'a> {
    pub corpus: &'a Corpus,
    pub index: Index<'a>,
}

impl<'a> Context<'a> {
    pub fn new(corpus: &'a Corpus, lexicon: &'a crate::extract::Lexicon) -> Self {
        Context {
            corpus,
            index: Index::new(corpus, lexicon),
        }
    }
}

/// A configured check. A kind implements the scope it works at; the engine calls per-document
/// checks for every document in parallel, and corpus checks once.
pub trait Check: Send + Sync {
    fn check_document(
        &self,
        _rule: &Rule,
        _cx: &Context,
        _doc: &Document,
        _out: &mut Vec<Finding>,
    ) {
    }
    fn check_corpus(&self, _rule: &Rule, _cx: &Context, _out: &mut Vec<Finding>) {}
    /// The corpus-wide indexes the check reads. The engine builds them before any check runs,
    /// each on every core; an index built on first use inside a check would keep one core busy
    /// while the checks waiting for it hold the other.
    fn indexes(&self) -> &'static [IndexKind] {
        &[]
    }
}

/// A check kind: its name in rule packs, its documentation, and how to build it from parameters.
pub struct Kind {
    pub name: &'static str,
    /// One line: what the kind looks for.
    pub summary: &'static str,
    /// Its parameters, one `name: meaning (default)` a line.
    pub params: &'static str,
    /// The `{placeholders}` it fills in a rule's message.
    pub placeholders: &'static [&'static str],
    pub build: fn(toml::Value) -> Result<Box<dyn Check>, String>,
}

/// Every check kind, alphabetical.
pub static KINDS: &[Kind] = &[
    acronym_variant::KIND,
    adjacent_words::KIND,
    age_birth_year::KIND,
    age_conflict::KIND,
    anniversary_year::KIND,
    appointer_conflict::KIND,
    article_before_name::KIND,
    confused_phrase::KIND,
    count_infobox::KIND,
    count_listed::KIND,
    double_space::KIND,
    duplicate_sentence::KIND,
    duration_period::KIND,
    echoed_word::KIND,
    event_date_conflict::KIND,
    event_order::KIND,
    heading_markers::KIND,
    holder_after_end::KIND,
    holder_conflict::KIND,
    hyphen_slip::KIND,
    impossible_period::KIND,
    independence_conflict::KIND,
    infobox_fields::KIND,
    list_numbering::KIND,
    list_punctuation::KIND,
    lowercase_start::KIND,
    markup_residue::KIND,
    midsentence_capital::KIND,
    missing_space::KIND,
    misspelling::KIND,
    name_case::KIND,
    name_variant::KIND,
    name_word_swap::KIND,
    new_holder_conflict::KIND,
    office_term_conflict::KIND,
    page_break_cut::KIND,
    parent_conflict::KIND,
    part_exceeds_whole::KIND,
    parts_total::KIND,
    person_event_date_conflict::KIND,
    previous_post_conflict::KIND,
    pronoun_agreement::KIND,
    release_date_conflict::KIND,
    repeated_word::KIND,
    sentence_end::KIND,
    share_total::KIND,
    spell_check::KIND,
    spelling_convention::KIND,
    stale_current::KIND,
    stray_character::KIND,
    subject_agreement::KIND,
    vote_tally::KIND,
    word_pattern::KIND,
];

pub fn kind(name: &str) -> Option<&'static Kind> {
    KINDS.iter().find(|k| k.name == name)
}

/// Decodes a kind's parameters strictly, so a misspelt key is an error rather than a default.
pub(crate) fn params<T: serde::de::DeserializeOwned>(value: toml::Value) -> Result<T, String> {
    value
        .try_into()
        .map_err(|e: toml::de::Error| e.message().trim().to_string())
}

/// Runs every rule over the corpus: per-document checks in parallel over documents, corpus checks
/// in parallel over rules. Findings come back sorted by (file, start, rule) and without repeats.
pub fn run(cx: &Context, rules: &[Rule]) -> Vec<Finding> {
    let needs = |kind: IndexKind| rules.iter().any(|r| r.check.indexes().contains(&kind));
    cx.index.prepare(
        needs(IndexKind::Sentences),
        needs(IndexKind::Facts),
        needs(IndexKind::Names),
    );
    let mut findings: Vec<Finding> = cx
        .corpus
        .docs
        .par_iter()
        .flat_map_iter(|doc| {
            let mut out = Vec::new();
            for rule in rules {
                rule.check.check_document(rule, cx, doc, &mut out);
            }
            out
        })
        .collect();
    findings.par_extend(rules.par_iter().flat_map_iter(|rule| {
        let mut out = Vec::new();
        rule.check.check_corpus(rule, cx, &mut out);
        out
    }));
    for f in &mut findings {
        f.labels.retain(|l| valid_span(cx.corpus, l));
    }
    findings.retain(|f| !f.labels.is_empty());
    findings.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.message.cmp(&b.message))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.labels == b.labels);
    findings
}

/// A label must lie inside its document and on character boundaries; codespan would otherwise
/// render a wrong place without a word.
fn valid_span(corpus: &Corpus, label: &crate::finding::Label) -> bool {
    let ok = corpus.docs.get(label.doc).is_some_and(|d| {
        label.span.start <= label.span.end
            && label.span.end <= d.text.len()
            && d.text.is_char_boundary(label.span.start)
            && d.text.is_char_boundary(label.span.end)
    });
    debug_assert!(ok, "a check produced an invalid label: {label:?}");
    ok
}
