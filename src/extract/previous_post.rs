//! The post a person held before an appointment, as a text states it next to the appointment:
//!
//! - an apposition before the verb: `Ivo Kask, the chief of the harbour police and a friend of
//!   the mayor, was named to head the new Harbour Ministry` (the first conjunct is the post);
//! - a title before the name: `Deputy Director of the Harbour Service Ivo Kask was appointed as
//!   the new head of the authority`;
//! - `previously served as`, `formerly worked as`, `had briefly served as`, `had been serving
//!   as`, said of the person in the same sentence, or by `He` or `She` opening the next one
//!   (`... appointing Ivo Kask as Minister of Transport. He previously served as deputy chief of
//!   the harbour police.`).
//!
//! Each claim keeps the post appointed to (`as Minister of Transport`, `to head the new Harbour
//! Ministry`), so that claims about one appointment can be told from claims about two: a career
//! has many earlier posts, one appointment has one. A statement that does not name the post
//! appointed to (`Ivo Kask, a former deputy director, was appointed`, `had been serving as head`
//! before a dismissal) is not kept.

use std::sync::LazyLock;

use regex::Regex;

use super::entities::Person;
use super::facts::FactPatterns;
use crate::analyze::MentionKind;
use crate::corpus::Document;
use crate::span::Span;

/// One statement of the post a person held before an appointment.
#[derive(Debug, Clone)]
pub struct PreviousPost {
    pub person: Person,
    /// The person as written.
    pub name: String,
    /// The earlier post as written, and where.
    pub post: String,
    pub span: Span,
    /// The post appointed to, as written: a statement that does not name it is not kept.
    pub new_post: String,
    pub sentence: usize,
}

/// The verbs of an appointment, in the passive after the person.
const APPOINTED: &str = r"(?:was|has been|had been|were)\s+(?:appointed|named|elected|promoted)\b";

/// `, the chief of the harbour police, was appointed ...` just after a name.
static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^,\s+(?:the\s+|a\s+|an\s+)?(?:then\s+)?(?<post>[^,;()“”\x22]{{3,120}}?),\s+(?:who\s+)?{APPOINTED}(?<rest>[^.;]{{0,200}})"
    ))
    .unwrap()
});

/// ` was appointed ...` just after a name (and its title).
static AFTER_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^,?\s+{APPOINTED}(?<rest>[^.;]{{0,200}})")).unwrap());

/// `previously served as P`, `had briefly served as P`, `had been serving as P`.
static PREVIOUSLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:(?:previously|formerly|earlier)\s+(?:served|worked)\s+as|had\s+(?:previously\s+|briefly\s+|earlier\s+)?(?:served|been serving|worked)\s+as|(?:previously|formerly)\s+held\s+the\s+posts?\s+of)\s+(?:an?\s+|the\s+)?(?<post>[^,;.()“”\x22]{3,100})")
        .unwrap()
});

/// The post appointed to, at the start of the text after the verb: `as the new head of X`, `to
/// head the newly re-established X`. `new_after_name` reads it after the appointed person's name
/// in the active voice (`appointing Ivo Kask as Minister of Transport`).
static NEW_POST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:as|to\s+head|to\s+lead|to\s+the\s+post\s+of)\s+(?:the\s+)?(?:new\s+|newly\s+[\p{L}-]+\s+)?(?<q>[^,;.()“”\x22]{3,80})")
        .unwrap()
});

/// Every previous-post statement of a document.
pub fn read(doc: &Document, p: &FactPatterns) -> Vec<PreviousPost> {
    let a = &doc.analysis;
    let mut out = Vec::new();
    for s in super::person::claim_sentences(doc) {
        let sentence = doc.sentences[s].span;
        let people = super::person::people(doc, &p.names, s);
        for (span, person, title) in &people {
            let after = &doc.text[span.end..sentence.end];
            let name = doc.slice(*span).to_string();
            if let Some(c) = APPOSITION.captures(after) {
                let post = c.name("post").unwrap();
                // The first conjunct: `the chief of police and a friend of the mayor`.
                let text = post.as_str().split(" and ").next().unwrap_or("").trim_end();
                if p.names_a_post(text)
                    && !is_object(doc, sentence, span.start)
                    && let Some(new) = new_post(&c["rest"])
                {
                    let start = span.end + post.start();
                    out.push(PreviousPost {
                        person: person.clone(),
                        name: name.clone(),
                        post: text.to_string(),
                        span: Span::new(start, start + text.len()),
                        new_post: new,
                        sentence: s,
                    });
                }
            } else if let Some(title) = title
                && !is_object(doc, sentence, title.start)
                && let Some(c) = AFTER_TITLE.captures(after)
                && let Some(new) = new_post(&c["rest"])
                && p.post_key(doc.slice(*title)) != p.post_key(&new)
            {
                out.push(PreviousPost {
                    person: person.clone(),
                    name: name.clone(),
                    post: doc.slice(*title).to_string(),
                    span: *title,
                    new_post: new,
                    sentence: s,
                });
            }
        }
        let text = doc.slice(sentence);
        for c in PREVIOUSLY.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let post = c.name("post").unwrap();
            let post_text = post.as_str().split(" and ").next().unwrap_or("").trim_end();
            if !p.names_a_post(post_text) {
                continue;
            }
            let at = sentence.start + whole.start();
            // The person: named before in the sentence, else the one the sentence before
            // appointed when this one opens with `He` or `She`.
            let subject = people
                .iter()
                .rev()
                .find(|(span, _, _)| span.end <= at)
                .map(|(span, person, _)| (*span, person.clone(), new_after(doc, *span, sentence)))
                .or_else(|| {
                    let opens = text.starts_with("He ") || text.starts_with("She ");
                    let previous = s.checked_sub(1)?;
                    (opens && doc.sentences[previous].block == doc.sentences[s].block)
                        .then_some(())?;
                    let span = doc.sentences[previous].span;
                    a.sentence_mentions(previous)
                        .iter()
                        .rev()
                        .filter(|m| m.kind == MentionKind::Person)
                        .find_map(|m| {
                            let person = p.names.person(doc.slice(m.span))?;
                            Some((m.span, person, new_after(doc, m.span, span)))
                        })
                });
            let Some((span, person, Some(new))) = subject else {
                continue;
            };
            let start = sentence.start + post.start();
            out.push(PreviousPost {
                person,
                name: doc.slice(span).to_string(),
                post: post_text.to_string(),
                span: Span::new(start, start + post_text.len()),
                new_post: new,
                sentence: s,
            });
        }
    }
    out
}

/// The post appointed to, read after the appointed person's name in `sentence`: `Ivo Kask as
/// Minister of Transport`, `Ivo Kask, a lawyer, was appointed as ...`.
fn new_after(doc: &Document, name: Span, sentence: Span) -> Option<String> {
    let after = &doc.text[name.end..sentence.end];
    if let Some(c) = AFTER_TITLE.captures(after) {
        return new_post(&c["rest"]);
    }
    if let Some(c) = APPOSITION.captures(after) {
        return new_post(&c["rest"]);
    }
    new_post(after)
}

/// Words that end the name of a post appointed to: a date or a circumstance follows (`the new
/// Transport Ministry on Monday`, `head of the authority after the war`).
static POST_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\s(?:and|on|in|at|after|before|since|from|by|for|amid|following|until|with|when|while)\s",
    )
    .unwrap()
});

fn new_post(rest: &str) -> Option<String> {
    let c = NEW_POST.captures(rest)?;
    let q = &c["q"];
    let q = POST_END.find(q).map_or(q, |m| &q[..m.start()]).trim_end();
    (!q.is_empty()).then(|| q.to_string())
}

/// True when the words before `at` in `sentence` make the name there an object (`a friend of
/// Prime Minister Ivo Kask, was named`): the appointed one is someone else.
fn is_object(doc: &Document, sentence: Span, at: usize) -> bool {
    let before = doc.text[sentence.start..at].trim_end();
    let last = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    matches!(
        last.to_lowercase().as_str(),
        "of" | "to" | "for" | "with" | "by" | "from" | "at" | "on" | "in" | "and" | "or" | "as"
    )
}
