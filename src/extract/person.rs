//! Person-side facts: what happened to a person and when (`Ada Prinn resigned on November 18`,
//! `President X relieved Ada Prinn of her duties`), read by the verb frames of
//! `rules/facts/frames.toml` over the analysis: person mentions, tagged tokens and dates
//! already resolved against the section's dateline.
//!
//! A surname said alone (`Prinn resigned`) is the person of that surname named in full in the
//! same document, when there is exactly one; two people with one surname leave it unresolved.
//!
//! The date of an event is the first date after the verb in its clause (`resigned his post on
//! Sept. 18`), else a date opening the sentence (`On March 19 the President appointed ...`). A
//! present-perfect report with no date (`has been relieved of his duties`) in a dated section
//! happened about the section's date: it is kept as `implicit`.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::dates::PartialDate;
use super::entities::{Names, Person};
use super::normalize::fold;
use crate::analyze::{MentionKind, Pos};
use crate::corpus::Document;
use crate::span::Span;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrames {
    not_yet: Vec<String>,
    frame: Vec<RawFrame>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrame {
    event: String,
    class: EventClass,
    #[serde(default)]
    object: bool,
    verbs: Vec<String>,
}

/// What an event does to a holding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventClass {
    Start,
    End,
    Pending,
}

struct Frame {
    event: String,
    class: EventClass,
    object: bool,
    verbs: Vec<Vec<String>>,
}

/// The compiled frames.
pub struct Frames {
    not_yet: Vec<String>,
    frames: Vec<Frame>,
}

impl Frames {
    /// Reads frames from the text of a frames file.
    pub fn from_toml(text: &str) -> Result<Frames, String> {
        let raw: RawFrames = toml::from_str(text).map_err(|e| format!("frames: {e}"))?;
        Ok(Frames {
            not_yet: raw.not_yet.iter().map(|w| fold(w)).collect(),
            frames: raw
                .frame
                .into_iter()
                .map(|f| Frame {
                    event: f.event,
                    class: f.class,
                    object: f.object,
                    verbs: f
                        .verbs
                        .iter()
                        .map(|v| v.split_whitespace().map(fold).collect())
                        .collect(),
                })
                .collect(),
        })
    }

    pub fn builtin() -> &'static Frames {
        static BUILTIN: LazyLock<Frames> = LazyLock::new(|| {
            Frames::from_toml(include_str!("../../rules/facts/frames.toml"))
                .expect("the built-in frames are valid")
        });
        &BUILTIN
    }
}

/// How an event's date was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// Written with its year.
    Stated,
    /// Written without a year, which came from the section's dateline.
    Anchored,
    /// Written without a year in a section with no dateline: the year is unknown (`0`).
    NoYear,
    /// Not written: a present-perfect report dated by its section.
    Implicit,
}

/// One event of one person.
#[derive(Debug, Clone)]
pub struct PersonEvent {
    pub person: Person,
    /// The person as written.
    pub name: String,
    pub event: String,
    pub class: EventClass,
    pub date: PartialDate,
    pub source: DateSource,
    /// The person's mention to the date (or to the verb, for an implicit date).
    pub span: Span,
    pub sentence: usize,
    /// The post said just before the name (`Minister of Transport Ivo Kask resigned`).
    pub post: Option<String>,
}

/// Every person event of a document.
pub fn events(doc: &Document, names: &Names, frames: &Frames) -> Vec<PersonEvent> {
    let a = &doc.analysis;
    // Full names by surname, to resolve a surname said alone.
    let mut by_surname: FxHashMap<String, Vec<Person>> = FxHashMap::default();
    for m in &a.mentions {
        if m.kind == MentionKind::Person
            && let Some(p) = names.person(doc.slice(m.span))
        {
            let list = by_surname.entry(p.surname.clone()).or_default();
            if !list.iter().any(|q| q.same_as(&p)) {
                list.push(p);
            }
        }
    }
    let resolve = |kind: MentionKind, text: &str| -> Option<Person> {
        match kind {
            MentionKind::Person => names.person(text),
            MentionKind::Name => {
                let surname = fold(crate::analyze::lexicon::strip_possessive(text));
                match by_surname.get(&surname).map(Vec::as_slice) {
                    Some([one]) => Some(one.clone()),
                    _ => None,
                }
            }
            _ => None,
        }
    };
    let mut out = Vec::new();
    for (s, sa) in a.sentences.iter().enumerate() {
        if !sa.triggered || in_quotation(doc, s) {
            continue;
        }
        let tokens = &a.tokens[sa.tokens.clone()];
        let mentions = a.sentence_mentions(s);
        let word = |i: usize| a.word(&tokens[i]);
        // Tokens and mentions are in text order: positions are found by bisection, so a long
        // sentence of many mentions stays linear.
        let token_at = |offset: usize| {
            let k = tokens.partition_point(|t| t.span.start < offset);
            (k < tokens.len()).then_some(k)
        };
        let from = |offset: usize| &mentions[mentions.partition_point(|n| n.span.start < offset)..];
        let first_date = mentions.iter().find(|d| d.date().is_some());
        for m in mentions {
            if !matches!(m.kind, MentionKind::Person | MentionKind::Name) || m.cited {
                continue;
            }
            let Some(person) = resolve(m.kind, doc.slice(m.span)) else {
                continue;
            };
            let Some(after) = token_at(m.span.end) else {
                continue;
            };
            // Subject frames: the person, then auxiliaries, adverbs, `who`, an aside in
            // brackets, then the verb; or, past a relative clause set off by commas, the main
            // verb (`Ivo Kask, who had served as head, has been relieved`).
            let subject = |from: usize| {
                let mut k = from;
                let (mut pending, mut perfect, mut passive) = (false, false, false);
                while k < tokens.len() {
                    let t = &tokens[k];
                    let w = word(k);
                    if t.in_brackets || w == "who" || t.pos == Pos::Adv {
                        k += 1;
                    } else if t.pos == Pos::Aux || frames.not_yet.iter().any(|n| n == w) {
                        pending |= frames.not_yet.iter().any(|n| n == w);
                        perfect |= matches!(w, "has" | "have");
                        passive |=
                            matches!(w, "was" | "were" | "been" | "be" | "is" | "are" | "being");
                        k += 1;
                    } else {
                        break;
                    }
                }
                if k >= tokens.len() {
                    return None;
                }
                // A verb that takes the person as its object (`appointed`) has the person as
                // its subject only in the passive (`was appointed`) or as a participle in
                // apposition (`Ada Prinn, dismissed June 18`): in `Ivo Kask appointed Ada
                // Prinn`, the appointed one is Ada Prinn.
                let apposition = k == from && tokens[k].comma_before;
                frames.frames.iter().find_map(|f| {
                    verb_at(f, &word, tokens.len(), k)
                        .filter(|_| !f.object || passive || apposition)
                        .map(|end| (f, end, pending, perfect))
                })
            };
            let mut found = subject(after);
            // Past a relative clause (`who ...`) or an apposition of at most twelve words
            // (`Ivo Kask, a career officer, was appointed`) set off by commas; not past a list
            // (`Ivo Kask, and Ada Prinn, resigned`).
            let relative = matches!(word(after), "who" | "which");
            let reach = if relative {
                tokens.len()
            } else {
                tokens.len().min(after + 13)
            };
            if found.is_none()
                && tokens[after].comma_before
                && !matches!(word(after), "and" | "or")
                && let Some(close) = (after + 1..reach).find(|&c| tokens[c].comma_before)
            {
                found = subject(close);
            }
            let mut pending = found.is_some_and(|f| f.2);
            let mut perfect = found.is_some_and(|f| f.3);
            let mut found = found.map(|(f, end, _, _)| (f, end));
            // Object frames: the verb just before the person.
            if found.is_none()
                && let Some(before) = tokens
                    .partition_point(|t| t.span.end <= m.span.start)
                    .checked_sub(1)
            {
                found = frames.frames.iter().filter(|f| f.object).find_map(|f| {
                    f.verbs
                        .iter()
                        .any(|v| v.len() == 1 && v[0] == word(before))
                        .then_some((f, before + 1))
                });
                pending = before > 0 && frames.not_yet.iter().any(|n| n == word(before - 1));
                perfect = before > 0 && matches!(word(before - 1), "has" | "have");
            }
            let Some((frame, verb_end)) = found else {
                continue;
            };
            if pending {
                continue;
            }
            let verb_end_offset = tokens[verb_end - 1].span.end;
            // The date: the first within six words after the verb, before another person.
            let next_person = from(verb_end_offset.max(m.span.end))
                .iter()
                .find(|n| matches!(n.kind, MentionKind::Person | MentionKind::Name))
                .map_or(usize::MAX, |n| n.span.start);
            let limit = tokens
                .get(verb_end + 6)
                .map_or(usize::MAX, |t| t.span.end)
                .max(m.span.end + 40)
                .min(next_person);
            let after_verb = from(verb_end_offset.max(m.span.end))
                .iter()
                .take_while(|d| d.span.start <= limit)
                .find(|d| d.date().is_some() && d.span.end <= limit);
            let opening = first_date
                .filter(|d| d.span.start < m.span.start)
                .filter(|d| {
                    let lead = &doc.text[doc.sentences[s].span.start..d.span.start];
                    lead.len() <= 8
                        && matches!(lead.trim().to_ascii_lowercase().as_str(), "on" | "in")
                });
            let (date, source, end) = match after_verb.or(opening) {
                Some(d) => {
                    let MentionKind::Date(t) = d.kind else {
                        continue;
                    };
                    let source = if t.year_stated {
                        DateSource::Stated
                    } else if t.date.year == 0 {
                        DateSource::NoYear
                    } else {
                        DateSource::Anchored
                    };
                    (t.date, source, d.span.end.max(verb_end_offset))
                }
                None => match sa.anchor {
                    Some(anchor) if perfect && anchor.day.is_some() => {
                        (anchor, DateSource::Implicit, verb_end_offset)
                    }
                    _ => continue,
                },
            };
            out.push(PersonEvent {
                person,
                name: doc.slice(m.span).to_string(),
                event: frame.event.clone(),
                class: frame.class,
                date,
                source,
                span: Span::new(m.span.start.min(end), end.max(m.span.end)),
                sentence: s,
                post: m.title.map(|t| doc.slice(t).to_string()),
            });
        }
    }
    out
}

/// A post a person held, with its term: from a biography's infobox (`Office2`, `Term Start2`,
/// `Term End2`, keys with or without spaces) or from prose (`served as Mayor of Harbour City
/// from 1992 to 1996`). Both are about the document's subject.
#[derive(Debug, Clone)]
pub struct Office {
    /// The post as written, and its key: folded, without `the` or an ordinal (`5th`).
    pub post: String,
    pub key: String,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    /// The office field, or the post and its period in a sentence.
    pub span: Span,
    /// The term fields, for an infobox office.
    pub more: Vec<Span>,
    pub from_infobox: bool,
}

/// The key of a post: `5th President of Norland` and `the president of Norland` are one.
pub fn post_key(post: &str) -> String {
    fold(post)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| {
            !w.is_empty()
                && *w != "the"
                && !(w.chars().next().is_some_and(|c| c.is_ascii_digit())
                    && (w.ends_with("st")
                        || w.ends_with("nd")
                        || w.ends_with("rd")
                        || w.ends_with("th")))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An infobox office's fields: the post, the term start and end, each with its field's span.
type InfoboxOffice = (
    Option<(String, Span)>,
    Option<(PartialDate, Span)>,
    Option<(PartialDate, Span)>,
);

/// Every office of a document's subject.
pub fn offices(doc: &Document) -> Vec<Office> {
    use crate::parse::BlockKind;
    let mut out = Vec::new();
    // Infobox: fields by number (none is 1).
    let mut by_number: FxHashMap<String, InfoboxOffice> = FxHashMap::default();
    let mut order: Vec<String> = Vec::new();
    for block in &doc.blocks {
        let BlockKind::InfoboxField { key, value } = block.kind else {
            continue;
        };
        let k: String = doc
            .slice(key)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let digits = k.trim_start_matches(|c: char| c.is_alphabetic());
        let name = &k[..k.len() - digits.len()];
        let number = if digits.is_empty() { "1" } else { digits }.to_string();
        let text = doc
            .slice(value)
            .trim_start_matches([' ', ',', ';', ':', '-', '|'])
            .trim();
        let entry = by_number.entry(number.clone()).or_default();
        if !order.contains(&number) {
            order.push(number.clone());
        }
        let date = || super::dates::find(text).first().map(|d| d.date);
        match name {
            "office" if !text.is_empty() => entry.0 = Some((text.to_string(), block.span)),
            "termstart" => entry.1 = date().map(|d| (d, block.span)),
            "termend" => entry.2 = date().map(|d| (d, block.span)),
            _ => {}
        }
    }
    for number in order {
        let (Some((post, span)), start, end) = by_number.remove(&number).unwrap_or_default() else {
            continue;
        };
        if start.is_none() && end.is_none() {
            continue;
        }
        out.push(Office {
            key: post_key(&post),
            post,
            from: start.map(|s| s.0),
            to: end.map(|e| e.0),
            span,
            more: start.iter().chain(end.iter()).map(|(_, s)| *s).collect(),
            from_infobox: true,
        });
    }
    // Prose: `as <Post> from D to D`, read over the post mentions of the analysis.
    for m in &doc.analysis.mentions {
        if m.kind != MentionKind::Post {
            continue;
        }
        let sentence = doc.sentences[m.sentence].span;
        let before = doc.text[sentence.start..m.span.start].trim_end();
        let before = before.strip_suffix(" the").unwrap_or(before).trim_end();
        if !(before.ends_with(" as") || before == "As") {
            continue;
        }
        // The period follows the post at once (`from 4 December 1992 to 22 February 1996`):
        // a window of the next bytes keeps a long sentence of many posts linear.
        let mut end = sentence.end.min(m.span.end + 100);
        while !doc.text.is_char_boundary(end) {
            end -= 1;
        }
        let rest = &doc.text[m.span.end..end];
        let Some(period) = super::dates::find_periods(rest).into_iter().next() else {
            continue;
        };
        let lead = &rest[..period.span.start];
        if !lead.trim().is_empty() || period.from.is_none() || period.to.is_none() {
            continue;
        }
        let post = doc.slice(m.span).to_string();
        out.push(Office {
            key: post_key(&post),
            post,
            from: period.from,
            to: period.to,
            span: Span::new(m.span.start, m.span.end + period.span.end),
            more: Vec::new(),
            from_infobox: false,
        });
    }
    out
}

/// The end (token index) of `frame`'s verb starting at token `k`, if one is there.
fn verb_at<'a>(
    frame: &Frame,
    word: &impl Fn(usize) -> &'a str,
    len: usize,
    k: usize,
) -> Option<usize> {
    frame.verbs.iter().find_map(|v| {
        (k + v.len() <= len && v.iter().enumerate().all(|(j, w)| word(k + j) == w))
            .then_some(k + v.len())
    })
}

/// The sentences a claim about a person may be read in: passed by the prefilter, and not
/// inside a quotation.
pub(crate) fn claim_sentences(doc: &Document) -> impl Iterator<Item = usize> + '_ {
    (0..doc.analysis.sentences.len())
        .filter(move |&s| doc.analysis.sentences[s].triggered && !in_quotation(doc, s))
}

/// A person named in a sentence: the mention, the person, and the title said before the name.
pub(crate) type NamedPerson = (Span, Person, Option<Span>);

/// The people named in full in sentence `s`, outside citations, in text order.
pub(crate) fn people(doc: &Document, names: &Names, s: usize) -> Vec<NamedPerson> {
    doc.analysis
        .sentence_mentions(s)
        .iter()
        .filter(|m| m.kind == MentionKind::Person && !m.cited)
        .filter_map(|m| Some((m.span, names.person(doc.slice(m.span))?, m.title)))
        .collect()
}

/// True when sentence `s` stands inside a quotation: reported speech is not the document's
/// claim.
pub(crate) fn in_quotation(doc: &Document, s: usize) -> bool {
    let span = doc.sentences[s].span;
    let block = &doc.blocks[doc.sentences[s].block];
    let before = &doc.text[block.content.start..span.start];
    let opens = before.matches('“').count();
    let closes = before.matches('”').count();
    opens > closes || doc.slice(span).starts_with('“')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;
    use crate::extract::facts::FactPatterns;

    fn events_of(text: &str) -> Vec<(String, String, String, DateSource)> {
        let d = Document::analyze(0, "a.txt".into(), text.into(), Lexicon::builtin());
        events(&d, &FactPatterns::builtin().names, Frames::builtin())
            .into_iter()
            .map(|e| (e.person.key(), e.event, e.date.to_string(), e.source))
            .collect()
    }

    #[test]
    fn a_resignation_in_a_dated_section_takes_its_year() {
        // Shapes from the dev corpus (am11, Massis Post and Caliber.Az, 20 November 2024),
        // names changed.
        let e = events_of(
            "== Harbour Herald, 20 November 2024: a new minister ==\nThe post became vacant after Minister of Transport Ivo Kask resigned on November 18, along with others.\n\nAda Prinn will replace Ivo Kask, who resigned on November 16.\n",
        );
        assert_eq!(
            e,
            [
                (
                    "ivo kask".into(),
                    "resigned".into(),
                    "2024-11-18".into(),
                    DateSource::Anchored
                ),
                (
                    "ivo kask".into(),
                    "resigned".into(),
                    "2024-11-16".into(),
                    DateSource::Anchored
                ),
            ]
        );
    }

    #[test]
    fn object_frames_apposition_and_an_aside_in_brackets() {
        let e = events_of(
            "== North Wire ==\nIvo Kask (left) who was fired from his post on Oct. 8, spoke.\n\nOn 3 May 2020 the President appointed Ada Prinn as head of the Harbour Service.\n\nThe board replaced Ada Prinn, dismissed June 18.\n",
        );
        assert_eq!(
            e,
            [
                (
                    "ivo kask".into(),
                    "dismissed".into(),
                    "0000-10-08".into(),
                    DateSource::NoYear
                ),
                (
                    "ada prinn".into(),
                    "appointed".into(),
                    "2020-05-03".into(),
                    DateSource::Stated
                ),
                (
                    "ada prinn".into(),
                    "dismissed".into(),
                    "0000-06-18".into(),
                    DateSource::NoYear
                ),
            ]
        );
    }

    #[test]
    fn future_negated_and_undated_events_are_not_read() {
        let e = events_of(
            "Ada Prinn will be appointed on 3 May 2020. Ivo Kask did not resign on 4 May 2020. Ivo Kask resigned.\n",
        );
        assert!(e.is_empty(), "{e:?}");
    }

    #[test]
    fn the_subject_of_an_active_appointment_is_not_appointed() {
        let e = events_of("President Ivo Kask appointed Ada Prinn on 3 May 2020.\n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].0, "ada prinn");
    }

    #[test]
    fn past_an_apposition_but_not_into_a_list() {
        // From the dev corpus (am09, Mirror-Spectator), names changed.
        let e =
            events_of("Ivo Kask, a career security officer, was appointed director in May 2018.\n");
        assert_eq!(e.len(), 1);
        let e = events_of("Ivo Kask, Lea Pold, and Ada Prinn were dismissed on 3 May 2020.\n");
        assert!(e.iter().all(|x| x.0 == "ada prinn"), "{e:?}");
    }

    #[test]
    fn a_surname_alone_is_resolved_only_when_one_person_has_it() {
        let e = events_of("Ivo Kask spoke in 2019. Kask resigned on 4 May 2020.\n");
        assert_eq!(e.len(), 1);
        let e = events_of("Ivo Kask and Lea Kask spoke in 2019. Kask resigned on 4 May 2020.\n");
        assert!(e.is_empty());
    }

    #[test]
    fn numbered_infobox_offices_and_prose_terms() {
        // The shape of the dev corpus's biography (am07), names changed.
        let text = "= Ivo Kask =\n\nInfobox\n- Office: 5th President of Norland\n- Term Start: 13 March 2022\n- Office2: Minister of Harbour Works\n- Term Start2: 4 August 2021\n- Term End2: 3 March 2022\n- Office3: Mayor of Port Vell\n- Term Start3:  , 4 December 1992\n- Term End3: 22 February 1996\n\nHe served as Mayor of Port Vell from 1992 to 1996 and as the Minister of Harbour Works from 2020 to 2022.\n";
        let d = Document::analyze(0, "a.txt".into(), text.into(), Lexicon::builtin());
        let o: Vec<(String, String, String, bool)> = offices(&d)
            .into_iter()
            .map(|o| {
                let show = |d: Option<PartialDate>| d.map_or("?".into(), |d| d.to_string());
                (o.key, show(o.from), show(o.to), o.from_infobox)
            })
            .collect();
        assert_eq!(
            o,
            [
                (
                    "president of norland".into(),
                    "2022-03-13".into(),
                    "?".into(),
                    true
                ),
                (
                    "minister of harbour works".into(),
                    "2021-08-04".into(),
                    "2022-03-03".into(),
                    true
                ),
                (
                    "mayor of port vell".into(),
                    "1992-12-04".into(),
                    "1996-02-22".into(),
                    true
                ),
                (
                    "mayor of port vell".into(),
                    "1992".into(),
                    "1996".into(),
                    false
                ),
                (
                    "minister of harbour works".into(),
                    "2020".into(),
                    "2022".into(),
                    false
                ),
            ]
        );
    }

    #[test]
    fn a_present_perfect_report_is_dated_by_its_section() {
        let e = events_of(
            "== North Wire, 12 January 2024: a change ==\nIvo Kask has been relieved of his duties by a decree.\n",
        );
        assert_eq!(e[0].2, "2024-01-12");
        assert_eq!(e[0].3, DateSource::Implicit);
    }
}
