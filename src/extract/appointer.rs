//! Who appointed a person, and when, as a text states it:
//!
//! - the passive with its agent: `Ivo Kask has been minister since 9 January 2023, appointed by
//!   the decree of the Prime Minister of Norland`;
//! - the active voice after a titled name: `President Ada Prinn has signed a decree appointing
//!   Ivo Kask as Minister of Transport`, `Prime Minister Ada Prinn appointed Ivo Kask`,
//!   `... formalized the appointment of Ivo Kask`.
//!
//! And who appoints to a post, as a rule: `The Ministry is headed by the Minister of Transport,
//! appointed by the decree of the Prime Minister`, `the Chief of the Police, who is appointed by
//! the President`, about the section's subject.
//!
//! The date is the first date of the sentence (year-less ones resolved against the section's
//! dateline), else, for a present-perfect report (`has signed`), the dateline itself. A statement
//! without a date is not kept: without it, two statements cannot be told to be about one
//! appointment.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::PartialDate;
use super::entities::{DocEntities, Person};
use super::facts::FactPatterns;
use crate::analyze::MentionKind;
use crate::corpus::Document;
use crate::span::Span;

/// One statement of who appointed a person.
#[derive(Debug, Clone)]
pub struct Appointer {
    pub person: Person,
    /// The person as written.
    pub name: String,
    /// The appointing post as written (`the Prime Minister of Norland`, `President`), and where.
    pub by: String,
    pub by_span: Span,
    pub date: PartialDate,
    pub sentence: usize,
}

/// Who appoints to a post of an entity, as a rule.
#[derive(Debug, Clone)]
pub struct PostAppointer {
    /// The local entity (the section's subject).
    pub entity: usize,
    /// The post as written (`the Minister of Transport`).
    pub post: String,
    pub by: String,
    pub by_span: Span,
}

/// A post's name just before `, appointed by` or `, who is appointed by`.
static POST_RULE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Tt]he\s+)?(?<post>\p{Lu}[\p{L}’'-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}’'-]*){0,5}),?\s+(?:who\s+is\s+|is\s+)?appointed\s+by\b")
        .unwrap()
});

/// `appointed by the decree of the P` after the person, to the end of the post's name.
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bappointed\s+by\s+(?:the\s+|a\s+)?(?:(?:presidential\s+|government\s+)?(?:decree|order|resolution|decision)\s+of\s+(?:the\s+)?)?(?<by>\p{Lu}[\p{L}’'-]*(?:\s+(?:of\s+(?:the\s+)?)?\p{Lu}[\p{L}’'-]*){0,5})")
        .unwrap()
});

/// The verb between a titled appointer and the appointed person.
static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s+(?:has\s+|had\s+)?(?:signed\s+(?:a|the)\s+decrees?,?\s+(?:on\s+)?appointing|appointed|formali[sz]ed\s+the\s+appointment\s+of)\s+$")
        .unwrap()
});

/// Every appointer statement of a document.
pub fn read(doc: &Document, p: &FactPatterns) -> Vec<Appointer> {
    let a = &doc.analysis;
    let mut out = Vec::new();
    for s in super::person::claim_sentences(doc) {
        let sa = &a.sentences[s];
        let sentence = doc.sentences[s].span;
        let mentions = a.sentence_mentions(s);
        let people = super::person::people(doc, &p.names, s);
        let text = doc.slice(sentence);
        let first_date = mentions.iter().find_map(|m| m.date());
        let perfect = text.contains(" has ") || text.contains(" have ");
        let date = first_date.or(sa.anchor.filter(|d| perfect && d.day.is_some()));
        let Some(date) = date else { continue };
        // The passive: the person named before `appointed by`.
        for c in PASSIVE.captures_iter(text) {
            let at = sentence.start + c.get(0).unwrap().start();
            let by = c.name("by").unwrap();
            // The appointed one is named just before: within a clause or two.
            let Some((span, person, _)) = people
                .iter()
                .rev()
                .find(|(span, _, _)| span.end <= at && at - span.end <= 120)
            else {
                continue;
            };
            if !p.names_a_post(by.as_str()) {
                continue;
            }
            let start = sentence.start + by.start();
            out.push(Appointer {
                person: person.clone(),
                name: doc.slice(*span).to_string(),
                by: by.as_str().to_string(),
                by_span: Span::new(start, start + by.len()),
                date,
                sentence: s,
            });
        }
        // The active voice: a titled name, the verb, the appointed person.
        for pair in people.windows(2) {
            let ((by_name, _, Some(title)), (span, person, _)) = (&pair[0], &pair[1]) else {
                continue;
            };
            if !ACTIVE.is_match(&doc.text[by_name.end..span.start]) {
                continue;
            }
            out.push(Appointer {
                person: person.clone(),
                name: doc.slice(*span).to_string(),
                by: doc.slice(*title).to_string(),
                by_span: Span::new(title.start, by_name.end),
                date,
                sentence: s,
            });
        }
    }
    out
}

/// Every statement of who appoints to a post, as a rule, in a document: the post named just
/// before `appointed by`, in the present tense, about the section's subject.
pub fn rules(doc: &Document, p: &FactPatterns, entities: &DocEntities) -> Vec<PostAppointer> {
    let a = &doc.analysis;
    let mut out = Vec::new();
    for s in super::person::claim_sentences(doc) {
        let sentence = doc.sentences[s].span;
        let text = doc.slice(sentence);
        for c in POST_RULE.captures_iter(text) {
            let post = c.name("post").unwrap();
            let start = sentence.start + post.start();
            let span = Span::new(start, start + post.len());
            // A person's name is no post (`Ivo Kask, appointed by ...` is one appointment).
            let mentions = a.sentence_mentions(s);
            let k = mentions.partition_point(|m| m.span.start < span.end);
            let named = mentions[k.saturating_sub(4)..k].iter().any(|m| {
                matches!(m.kind, MentionKind::Person | MentionKind::Name) && span.start < m.span.end
            });
            if named || !p.names_a_post(post.as_str()) {
                continue;
            }
            // The agent follows within a clause: a bounded window keeps a long sentence of
            // many such clauses linear.
            let from = c.get(0).unwrap().start();
            let mut to = text.len().min(from + 240);
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            let rest = &text[from..to];
            let Some(by) = PASSIVE.captures(rest).and_then(|b| b.name("by")) else {
                continue;
            };
            if !p.names_a_post(by.as_str()) {
                continue;
            }
            let Some(entity) = entities.subject_at(sentence.start) else {
                continue;
            };
            let by_start = sentence.start + c.get(0).unwrap().start() + by.start();
            out.push(PostAppointer {
                entity,
                post: post.as_str().to_string(),
                by: by.as_str().to_string(),
                by_span: Span::new(by_start, by_start + by.len()),
            });
        }
    }
    out
}
