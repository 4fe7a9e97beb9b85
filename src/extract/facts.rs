//! Facts: `(entity, attribute, value, validity, span)` claims read from a document, for the
//! cross-document checks (who holds which post of which entity and when, when an entity was
//! established) and for `concord facts`.
//!
//! What is read is data, in `rules/facts/patterns.toml`: entity and person word lists, infobox
//! keys, sentence patterns with `{entity}`, `{person}` and `{post}` placeholders, and the headings
//! of holder lists. Sources, in order:
//!
//! - infobox holder pairs (`Chief1Name` + `Chief1Position`); an undated infobox holder is a claim
//!   about the document's present;
//! - infobox event and value fields (`Formed`, `Employees`, `Parentagency`);
//! - sentences matching a pattern, dated by the periods in the sentence (`Since 2020, ...`);
//! - list items under a holder-list heading (`== Commanders ==` then `- General X (2011 - 2024)`).

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::dates::{self, PartialDate};
use super::entities::{DocEntities, NAME, Names, Person, field_key, name_words};
use crate::corpus::Document;
use crate::parse::BlockKind;
use crate::span::Span;

/// What kind of claim a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FactKind {
    /// A person holds a post (the attribute) of the entity.
    Holder,
    /// An event (the attribute) of the entity happened on a date.
    Event,
    /// A plain value of the entity (employees, headquarters, parent).
    Value,
    /// The entity described as it is now, in the present tense.
    Current,
}

impl FactKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FactKind::Holder => "holder",
            FactKind::Event => "event",
            FactKind::Value => "value",
            FactKind::Current => "current",
        }
    }
}

/// When a claim holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Undated, about the document's present (an infobox value, `has been headed by`).
    Present,
    /// A period; `to: None` with `ongoing` is `since D`. A point in time has `from == to`.
    Period {
        from: Option<PartialDate>,
        to: Option<PartialDate>,
        ongoing: bool,
    },
    /// Undated and not about the present: not compared in time.
    Unknown,
}

impl std::fmt::Display for When {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            When::Present => f.write_str("present (undated)"),
            When::Unknown => f.write_str("unknown"),
            When::Period { from, to, ongoing } => {
                let show = |d: &Option<PartialDate>| d.map_or("?".to_string(), |d| d.to_string());
                if *ongoing && to.is_none() {
                    write!(f, "since {}", show(from))
                } else if from == to {
                    write!(f, "on {}", show(from))
                } else {
                    write!(f, "{} to {}", show(from), show(to))
                }
            }
        }
    }
}

/// Where a fact was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Infobox,
    Sentence,
    List,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Infobox => "infobox",
            Origin::Sentence => "sentence",
            Origin::List => "list",
        }
    }
}

/// One claim of a document.
#[derive(Debug, Clone)]
pub struct Fact {
    /// The local entity (see [`DocEntities`]) the claim is about.
    pub entity: usize,
    pub kind: FactKind,
    /// The post (`head`, `first deputy head`), event (`established`) or value name.
    pub attribute: String,
    /// The value as written: a person's name, a date, a count.
    pub value: String,
    /// The person, for holder facts.
    pub person: Option<Person>,
    /// The date, for event facts.
    pub date: Option<PartialDate>,
    pub when: When,
    /// The claim: an infobox field, a sentence, a list item.
    pub span: Span,
    /// Other spans of the claim, such as the infobox field that names the post.
    pub more: Vec<Span>,
    pub origin: Origin,
    /// A holder claim whose post the pattern gave rather than the text named (`headed by X`,
    /// `led by X`): it means whatever the entity's top post is called.
    pub generic_post: bool,
}

/// The facts of one document, and its entities.
#[derive(Debug, Clone, Default)]
pub struct DocFacts {
    pub entities: DocEntities,
    pub facts: Vec<Fact>,
    /// What happened to people, and when (see [`super::person`]).
    pub person_events: Vec<super::person::PersonEvent>,
    /// The offices of the document's subject, when it is a person (see [`super::person`]).
    pub offices: Vec<super::person::Office>,
    /// Posts people held before an appointment (see [`super::previous_post`]).
    pub previous_posts: Vec<super::previous_post::PreviousPost>,
    /// Who appointed people, and when (see [`super::appointer`]).
    pub appointers: Vec<super::appointer::Appointer>,
    /// Who appoints to a post, as a rule (see [`super::appointer`]).
    pub post_appointers: Vec<super::appointer::PostAppointer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPatterns {
    entities: RawEntities,
    persons: RawPersons,
    posts: RawPosts,
    infobox: RawInfobox,
    #[serde(default)]
    sentence: Vec<RawSentence>,
    #[serde(default)]
    lists: FxHashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntities {
    anaphora: Vec<String>,
    organisation_words: Vec<String>,
    leading_words: Vec<String>,
    drop: Vec<String>,
    name_fields: Vec<String>,
    parent_fields: Vec<String>,
    child_fields: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersons {
    ranks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPosts {
    modifiers: Vec<String>,
    words: FxHashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInfobox {
    roles: Vec<String>,
    name_key: String,
    position_key: String,
    events: FxHashMap<String, Vec<String>>,
    values: FxHashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSentence {
    /// `holder`, `event`, `current` or `value`.
    fact: String,
    /// The post a holder pattern without `{post}` gives.
    post: Option<String>,
    /// The event an event pattern gives.
    event: Option<String>,
    /// The attribute a value pattern gives.
    attribute: Option<String>,
    /// The value a value pattern gives; without it, the text `{other}` matched.
    value: Option<String>,
    /// Holder patterns: an undated claim is about the present. Value patterns: the claim is
    /// read only in a sentence without a date and outside quotations.
    #[serde(default)]
    present: bool,
    /// Holder patterns in the past tense (`was headed by`): the claim is not about the date of
    /// its news section.
    #[serde(default)]
    past: bool,
    pattern: String,
}

struct SentencePattern {
    kind: FactKind,
    attribute: Option<String>,
    value: Option<String>,
    present: bool,
    past: bool,
    regex: Regex,
}

/// The compiled patterns.
pub struct FactPatterns {
    pub names: Names,
    modifiers: Vec<String>,
    post_words: FxHashMap<String, String>,
    post_regex: Regex,
    person_regex: Regex,
    holder_name: Regex,
    position_key: String,
    events: FxHashMap<String, String>,
    values: FxHashMap<String, String>,
    sentences: Vec<SentencePattern>,
    /// Which sentence patterns a sentence could match, from one literal pass.
    triggers: super::triggers::Triggers,
    lists: FxHashMap<String, String>,
}

fn alternation(items: impl IntoIterator<Item = String>) -> String {
    let mut items: Vec<String> = items.into_iter().collect();
    items.sort_by_key(|s| std::cmp::Reverse(s.len()));
    items.join("|")
}

/// A rank as a pattern: its words joined by a hyphen or spaces, an optional final period.
fn rank_pattern(rank: &str) -> String {
    let words: Vec<String> = rank
        .split(['-', ' '])
        .filter(|w| !w.is_empty())
        .map(regex::escape)
        .collect();
    format!(r"{}\.?", words.join(r"[\s-]+"))
}

impl FactPatterns {
    /// Reads patterns from the text of a patterns file; errors name the key at fault.
    pub fn from_toml(text: &str) -> Result<FactPatterns, String> {
        let raw: RawPatterns = toml::from_str(text).map_err(|e| e.to_string())?;
        let folded = |v: &[String]| v.iter().map(|s| name_words(s).join(" ")).collect();
        let fields = |v: &[String]| v.iter().map(|s| field_key(s)).collect();
        let mut ranks: Vec<Vec<String>> = raw.persons.ranks.iter().map(|r| name_words(r)).collect();
        ranks.sort_by_key(|r| std::cmp::Reverse(r.len()));
        let names = Names {
            anaphora: folded(&raw.entities.anaphora),
            organisations: folded(&raw.entities.organisation_words),
            drop: folded(&raw.entities.drop),
            leading: folded(&raw.entities.leading_words),
            name_fields: fields(&raw.entities.name_fields),
            parent_fields: fields(&raw.entities.parent_fields),
            child_fields: fields(&raw.entities.child_fields),
            ranks,
        };
        let rank = alternation(raw.persons.ranks.iter().map(|r| rank_pattern(r)));
        let word = r"\p{Lu}\p{Ll}[\p{L}\p{M}'’-]*";
        let person = format!(r"(?:(?i:{rank})\s+)*{word}(?:\s+{word}){{1,2}}");
        let modifiers = alternation(raw.posts.modifiers.iter().map(|m| regex::escape(m)));
        let post_word = alternation(raw.posts.words.keys().map(|m| regex::escape(m)));
        let post = format!(r"(?i:(?:(?:{modifiers})[\s-]+)*(?:{post_word}))\b");
        let anaphora = alternation(raw.entities.anaphora.iter().map(|m| regex::escape(m)));
        let entity = format!(r"(?:(?:[Tt]he\s+)?{NAME}|[Tt]he\s+(?i:{anaphora}))");
        let mut sentences = Vec::new();
        let mut sources = Vec::new();
        for s in &raw.sentence {
            let kind = match s.fact.as_str() {
                "holder" => FactKind::Holder,
                "event" => FactKind::Event,
                "current" => FactKind::Current,
                "value" => FactKind::Value,
                other => {
                    return Err(format!(
                        "sentence fact must be holder, event or current, not `{other}`"
                    ));
                }
            };
            let source = s
                .pattern
                .replace("{entity}", &format!("(?<entity>{entity})"))
                .replace("{person}", &format!("(?<person>{person})"))
                .replace("{post}", &format!("(?<post>{post})"))
                .replace("{name}", &format!("(?:{NAME})"))
                .replace("{other}", &format!("(?<other>{entity})"));
            let regex = Regex::new(&source)
                .map_err(|e| format!("sentence pattern `{}`: {e}", s.pattern))?;
            sources.push(source);
            let attribute =
                match kind {
                    FactKind::Current => Some("current".to_string()),
                    FactKind::Value => Some(s.attribute.clone().ok_or_else(|| {
                        format!("value pattern `{}` names no attribute", s.pattern)
                    })?),
                    FactKind::Event => {
                        Some(s.event.clone().ok_or_else(|| {
                            format!("event pattern `{}` names no event", s.pattern)
                        })?)
                    }
                    _ => s.post.clone(),
                };
            if kind == FactKind::Holder && attribute.is_none() && !s.pattern.contains("{post}") {
                return Err(format!("holder pattern `{}` gives no post", s.pattern));
            }
            if kind == FactKind::Value && s.value.is_none() && !s.pattern.contains("{other}") {
                return Err(format!("value pattern `{}` gives no value", s.pattern));
            }
            sentences.push(SentencePattern {
                kind,
                attribute,
                value: s.value.clone(),
                present: s.present,
                past: s.past,
                regex,
            });
        }
        let roles = alternation(raw.infobox.roles.iter().map(|r| regex::escape(r)));
        let holder_name = raw
            .infobox
            .name_key
            .replace("{role}", &format!("(?<role>{roles})"))
            .replace("{n}", r"(?<n>\d*)");
        let holder_name = Regex::new(&format!("^{holder_name}$"))
            .map_err(|e| format!("infobox name_key: {e}"))?;
        let invert = |m: &FxHashMap<String, Vec<String>>| {
            m.iter()
                .flat_map(|(attr, keys)| keys.iter().map(move |k| (field_key(k), attr.clone())))
                .collect()
        };
        Ok(FactPatterns {
            names,
            modifiers: raw
                .posts
                .modifiers
                .iter()
                .map(|m| m.to_lowercase())
                .collect(),
            post_words: raw
                .posts
                .words
                .into_iter()
                .map(|(k, v)| (k.to_lowercase(), v))
                .collect(),
            post_regex: Regex::new(&format!(
                r"^\s*(?<post>{post})(?:\s+of\s+(?<entity>.+?))?\s*$"
            ))
            .map_err(|e| e.to_string())?,
            person_regex: Regex::new(&format!("^{person}$")).map_err(|e| e.to_string())?,
            holder_name,
            position_key: raw.infobox.position_key.to_lowercase(),
            events: invert(&raw.infobox.events),
            values: invert(&raw.infobox.values),
            sentences,
            triggers: super::triggers::Triggers::new(&sources),
            lists: raw
                .lists
                .into_iter()
                .map(|(k, v)| (name_words(&k).join(" "), v))
                .collect(),
        })
    }

    /// The patterns shipped with concord (`rules/facts/patterns.toml`).
    pub fn builtin() -> &'static FactPatterns {
        static BUILTIN: LazyLock<FactPatterns> = LazyLock::new(|| {
            FactPatterns::from_toml(include_str!("../../rules/facts/patterns.toml"))
                .unwrap_or_else(|e| panic!("rules/facts/patterns.toml: {e}"))
        });
        &BUILTIN
    }

    /// The post that claims without a named post (`headed by X`) give by default: the post the
    /// word `head` maps to.
    pub fn generic_post(&self) -> &str {
        self.post_words.get("head").map_or("head", String::as_str)
    }

    /// The canonical key of a post as written: modifiers kept, the post word mapped
    /// (`First Deputy Chief` → `first deputy head`).
    /// True for a post modifier (`deputy`, `acting`), folded.
    pub fn is_modifier(&self, word: &str) -> bool {
        self.modifiers.iter().any(|m| m == word)
    }

    /// True when `text` names a post: one of its words is a post word (`the chief of police`).
    pub fn names_a_post(&self, text: &str) -> bool {
        name_words(text).iter().any(|w| self.is_post_word(w))
    }

    /// True for a word that names a post (`chief`, `minister`), folded.
    pub fn is_post_word(&self, word: &str) -> bool {
        self.post_words.contains_key(word)
    }

    pub fn post_key(&self, post: &str) -> String {
        name_words(post)
            .into_iter()
            .filter(|w| !self.names.drop.contains(w))
            .map(|w| {
                if self.modifiers.contains(&w) {
                    w
                } else {
                    self.post_words.get(&w).cloned().unwrap_or(w)
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Reads every fact of a document.
pub fn extract(doc: &Document, p: &FactPatterns) -> DocFacts {
    let mut entities = DocEntities::build(doc, &p.names);
    let mut facts = Vec::new();
    infobox(doc, p, &mut entities, &mut facts);
    sentences(doc, p, &mut entities, &mut facts);
    lists(doc, p, &entities, &mut facts);
    let person_events = super::person::events(doc, &p.names, super::person::Frames::builtin());
    let post_appointers = super::appointer::rules(doc, p, &entities);
    DocFacts {
        entities,
        facts,
        person_events,
        offices: super::person::offices(doc),
        previous_posts: super::previous_post::read(doc, p),
        appointers: super::appointer::read(doc, p),
        post_appointers,
    }
}

fn infobox(doc: &Document, p: &FactPatterns, entities: &mut DocEntities, out: &mut Vec<Fact>) {
    let fields: Vec<(String, Span, Span)> = doc
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::InfoboxField { key, value } => Some((
                field_key_with_digits(doc.slice(key)),
                Span::new(key.start, value.end),
                value,
            )),
            _ => None,
        })
        .collect();
    let Some(subject) = entities.subject else {
        return;
    };
    for (key, line, value) in &fields {
        let text = doc.slice(*value).trim();
        if text.is_empty() {
            continue;
        }
        let bare = field_key(key);
        if let Some(c) = p.holder_name.captures(key) {
            let Some(person) = p.names.person(text) else {
                continue;
            };
            let position_key = p
                .position_key
                .replace("{role}", &c["role"])
                .replace("{n}", &c["n"]);
            let position = fields.iter().find(|(k, _, _)| *k == position_key);
            let (post_text, post_span) = match position {
                Some((_, line, value)) => {
                    let v = doc.slice(*value);
                    let first = v.split([',', ';']).next().unwrap_or(v);
                    (
                        first.to_string(),
                        Some((*line, Span::new(value.start, value.start + first.len()))),
                    )
                }
                None => (c["role"].to_string(), None),
            };
            let (attribute, entity) = match p.post_regex.captures(&post_text) {
                Some(pc) => match (pc.name("entity"), post_span) {
                    (Some(m), Some((_, at))) => {
                        let span = Span::new(at.start + m.start(), at.start + m.end());
                        match entities.resolve(&p.names, doc, span) {
                            Some(entity) => (p.post_key(&pc["post"]), entity),
                            // `Minister of Defence`: a post of the subject, named in full.
                            None => (p.post_key(&post_text), subject),
                        }
                    }
                    _ => (p.post_key(&pc["post"]), subject),
                },
                None => (p.post_key(&post_text), subject),
            };
            out.push(Fact {
                entity,
                kind: FactKind::Holder,
                attribute,
                value: text.to_string(),
                person: Some(person),
                date: None,
                when: When::Present,
                span: *line,
                more: post_span.map(|(line, _)| vec![line]).unwrap_or_default(),
                origin: Origin::Infobox,
                generic_post: false,
            });
        } else if let Some(event) = p.events.get(&bare) {
            if let Some(d) = dates::find(text).first() {
                out.push(Fact {
                    entity: subject,
                    kind: FactKind::Event,
                    attribute: event.clone(),
                    value: text.to_string(),
                    person: None,
                    date: Some(d.date),
                    when: When::Unknown,
                    span: *line,
                    more: Vec::new(),
                    origin: Origin::Infobox,
                    generic_post: false,
                });
            }
        } else if let Some(name) = p.values.get(&bare).cloned().or_else(|| {
            p.names
                .parent_fields
                .contains(&bare)
                .then(|| "parent".to_string())
        }) {
            out.push(Fact {
                entity: subject,
                kind: FactKind::Value,
                attribute: name,
                value: text.to_string(),
                person: None,
                date: None,
                when: When::Present,
                span: *line,
                more: Vec::new(),
                origin: Origin::Infobox,
                generic_post: false,
            });
        }
    }
}

/// An infobox key lowercase, without spaces and underscores but with its digits.
fn field_key_with_digits(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words just before a date that make it the start of a holding.
static BEGAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:appointed|elected|named|took office|in office|serving)\s+(?:in|on)\s+(?:the\s+)?$",
    )
    .unwrap()
});

/// The dates and periods of one text, read once however many patterns match in it: a long
/// sentence with many matches would otherwise be read again for each.
struct TextDates<'t> {
    text: &'t str,
    dates: std::cell::OnceCell<Vec<dates::DateMention>>,
    periods: std::cell::OnceCell<Vec<dates::PeriodMention>>,
}

impl<'t> TextDates<'t> {
    fn new(text: &'t str) -> TextDates<'t> {
        TextDates {
            text,
            dates: std::cell::OnceCell::new(),
            periods: std::cell::OnceCell::new(),
        }
    }

    fn dates(&self) -> &[dates::DateMention] {
        self.dates.get_or_init(|| dates::find(self.text))
    }

    fn periods(&self) -> &[dates::PeriodMention] {
        self.periods.get_or_init(|| dates::find_periods(self.text))
    }
}

/// When a claim in a text holds: its first period, else its one date as a point in time, else
/// the present for present-tense patterns.
fn when_in(t: &TextDates, present: bool) -> When {
    if let Some(period) = t.periods().first() {
        return When::Period {
            from: period.from,
            to: period.to,
            ongoing: period.ongoing,
        };
    }
    match t.dates() {
        // `The current chairman is Ada Prinn, appointed in 2019`: a holding that began then.
        [one] if present && BEGAN.is_match(&t.text[..one.span.start]) => When::Period {
            from: Some(one.date),
            to: None,
            ongoing: true,
        },
        [one] => When::Period {
            from: Some(one.date),
            to: Some(one.date),
            ongoing: false,
        },
        [] if present => When::Present,
        _ => When::Unknown,
    }
}

/// An appointment just after the person: the post said before the name is the one they are
/// leaving (`Deputy Director Ivo Kask was appointed as the new head`), not one they hold on the
/// section's date.
static APPOINTED_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^,?\s+(?:who\s+)?(?:was|were|has been|had been)\s+(?:appointed|named|elected|promoted)\b",
    )
    .unwrap()
});

/// The date of the news section of sentence `index`, when it gives the day.
fn section_date(doc: &Document, index: usize) -> Option<PartialDate> {
    doc.analysis
        .sentences
        .get(index)
        .and_then(|s| s.anchor)
        .filter(|d| d.day.is_some())
}

/// Text that ends where a name goes on after a connecting word: `... Service under the `.
static TAIL_OF_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}\p{M}'’-]*\s+(?:under|of|at|within|attached\s+to|subordinate\s+to|affiliated\s+with)\s+(?:the\s+)?$")
        .unwrap()
});

fn sentences(doc: &Document, p: &FactPatterns, entities: &mut DocEntities, out: &mut Vec<Fact>) {
    let mut hits = Vec::new();
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let base = sentence.span.start;
        let text = doc.slice(sentence.span);
        let here = TextDates::new(text);
        // Holder and value patterns need a post word, a leading verb or a word of subordination,
        // all trigger words of the analysis: untriggered sentences are not searched.
        let triggered = doc
            .analysis
            .sentences
            .get(index)
            .is_some_and(|s| s.triggered);
        p.triggers.hits(text, &mut hits);
        for (pattern, _) in p.sentences.iter().zip(&hits).filter(|(_, hit)| **hit) {
            if !triggered && matches!(pattern.kind, FactKind::Holder | FactKind::Value) {
                continue;
            }
            for c in pattern.regex.captures_iter(text) {
                let at = |m: regex::Match| Span::new(base + m.start(), base + m.end());
                // Only a holder pattern may leave the entity unnamed (`Currently led by Ada
                // Prinn`): the sentence is about its section's subject.
                let named = c.name("entity");
                let entity_match = match named {
                    Some(m) => m,
                    None if pattern.kind == FactKind::Holder => c.get(0).unwrap(),
                    None => continue,
                };
                // `the Service under the Ministry of X was established`: the name read is the
                // tail of a longer one, and the fact is about the body that name heads.
                // (A holder pattern reads `President of {entity}` on purpose.)
                if pattern.kind != FactKind::Holder
                    && TAIL_OF_NAME.is_match(&text[..entity_match.start()])
                {
                    continue;
                }
                match pattern.kind {
                    FactKind::Holder => {
                        let Some(person_match) = c.name("person") else {
                            continue;
                        };
                        let Some(person) = p.names.person(person_match.as_str()) else {
                            continue;
                        };
                        let entity = match named {
                            Some(m) => entities.resolve(&p.names, doc, at(m)),
                            None => entities.subject_at(base),
                        };
                        let Some(entity) = entity else {
                            continue;
                        };
                        let attribute = match c.name("post") {
                            Some(m) => p.post_key(m.as_str()),
                            None => pattern.attribute.clone().unwrap_or_default(),
                        };
                        // The claim: from the sentence start to the person, or to the date
                        // when it comes after (`headed by X since 2020`).
                        let dated_end = here.dates().last().map_or(0, |d| d.span.end);
                        let end = base + person_match.end().max(dated_end);
                        out.push(Fact {
                            entity,
                            kind: FactKind::Holder,
                            attribute: p.post_key(&attribute),
                            value: person_match.as_str().to_string(),
                            person: Some(person),
                            date: None,
                            when: match when_in(&here, pattern.present) {
                                // In a dated news section, an undated claim in the present
                                // tense holds on the section's date, not in the document's
                                // present; a quotation is dated by it too, as said then.
                                When::Present | When::Unknown
                                    if !pattern.past
                                        && !APPOINTED_AFTER
                                            .is_match(&text[person_match.end()..])
                                        && let Some(anchor) = section_date(doc, index) =>
                                {
                                    When::Period {
                                        from: Some(anchor),
                                        to: Some(anchor),
                                        ongoing: false,
                                    }
                                }
                                when => when,
                            },
                            span: Span::new(sentence.span.start, end),
                            more: Vec::new(),
                            origin: Origin::Sentence,
                            generic_post: c.name("post").is_none(),
                        });
                    }
                    FactKind::Event => {
                        let whole = c.get(0).unwrap();
                        let found = here.dates();
                        let date = found
                            .iter()
                            .find(|d| d.span.start >= whole.end())
                            .or_else(|| found.iter().rev().find(|d| d.span.end <= whole.start()));
                        let (value, date) = match date {
                            Some(d) => (text[d.span.start..d.span.end].to_string(), d.date),
                            None => match carried_date(doc, index) {
                                Some(carried) => carried,
                                None => continue,
                            },
                        };
                        // `X and the Y were established`: one event for each.
                        for span in name_parts(entity_match, base) {
                            let Some(entity) = entities.resolve(&p.names, doc, span) else {
                                continue;
                            };
                            out.push(Fact {
                                entity,
                                kind: FactKind::Event,
                                attribute: pattern.attribute.clone().unwrap_or_default(),
                                value: value.clone(),
                                person: None,
                                date: Some(date),
                                when: When::Unknown,
                                span: sentence.span,
                                more: Vec::new(),
                                origin: Origin::Sentence,
                                generic_post: false,
                            });
                        }
                    }
                    FactKind::Current => {
                        // A dated sentence is about its date, and a quotation about the time
                        // it was said: neither describes the present of the document.
                        if !here.dates().is_empty()
                            || in_quotation(doc, sentence.block, base + entity_match.start())
                        {
                            continue;
                        }
                        let whole = c.get(0).unwrap();
                        for span in name_parts(entity_match, base) {
                            let Some(entity) = entities.resolve(&p.names, doc, span) else {
                                continue;
                            };
                            out.push(Fact {
                                entity,
                                kind: FactKind::Current,
                                attribute: "current".to_string(),
                                value: text[entity_match.start()..whole.end()].to_string(),
                                person: None,
                                date: None,
                                when: When::Present,
                                span: sentence.span,
                                more: Vec::new(),
                                origin: Origin::Sentence,
                                generic_post: false,
                            });
                        }
                    }
                    FactKind::Value => {
                        if pattern.present
                            && (!here.dates().is_empty()
                                || in_quotation(doc, sentence.block, base + entity_match.start()))
                        {
                            continue;
                        }
                        let value = match (&pattern.value, c.name("other")) {
                            (Some(v), _) => v.clone(),
                            (None, Some(m)) => m.as_str().to_string(),
                            (None, None) => continue,
                        };
                        let Some(entity) = entities.resolve(&p.names, doc, at(entity_match)) else {
                            continue;
                        };
                        out.push(Fact {
                            entity,
                            kind: FactKind::Value,
                            attribute: pattern.attribute.clone().unwrap_or_default(),
                            value,
                            person: None,
                            date: None,
                            // Value patterns are written in the present tense (`is
                            // subordinate to`), so an undated one is about the present and a
                            // dated one holds for its period (`Since 2023, ...`).
                            when: if pattern.present {
                                When::Present
                            } else {
                                when_in(&here, true)
                            },
                            span: sentence.span,
                            more: Vec::new(),
                            origin: Origin::Sentence,
                            generic_post: false,
                        });
                    }
                }
            }
        }
    }
}

/// `On the same day`, `in the same year`, `that year`: a sentence dated by the one before it.
static SAME_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:(?:on|in|during|by) the same|that) (?<unit>day|date|month|year)\b")
        .unwrap()
});

/// The date a sentence without one takes from the sentence before it in its paragraph, when it
/// says `on the same day` or `that year`: the last date there, cut to the unit named, with the
/// text it was read from.
fn carried_date(doc: &Document, index: usize) -> Option<(String, PartialDate)> {
    let sentence = &doc.sentences[index];
    let unit = SAME_TIME.captures(doc.slice(sentence.span))?["unit"].to_ascii_lowercase();
    let previous = doc.sentences[..index].last()?;
    if previous.block != sentence.block {
        return None;
    }
    let text = doc.slice(previous.span);
    let last = dates::find(text).pop()?;
    let mut date = last.date;
    match unit.as_str() {
        "year" => {
            date.month = None;
            date.day = None;
        }
        "month" => date.day = None,
        _ => {}
    }
    Some((text[last.span.start..last.span.end].to_string(), date))
}

/// True when `offset` stands inside a quotation opened earlier in its block.
fn in_quotation(doc: &Document, block: usize, offset: usize) -> bool {
    let start = doc.blocks[block].content.start;
    let before = &doc.text[start..offset];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

static AND_THE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",?\s+and\s+(?:the\s+)?(?:\p{Lu})").unwrap());

/// Parts of a name list `A and the B`; a name with `and` inside (`Oil and Gas Department`) is
/// split only where `and` is followed by `the`.
/// The spans in the document of the names `split_names` finds in a match at `base`.
fn name_parts(names: regex::Match, base: usize) -> impl Iterator<Item = Span> {
    let offset = base + names.start();
    split_names(names.as_str())
        .into_iter()
        .map(move |part| part.shift(offset))
}

fn split_names(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for m in AND_THE.find_iter(text) {
        if !m.as_str().contains(" the ") && !m.as_str().contains(" The ") {
            continue;
        }
        out.push(Span::new(start, m.start()));
        start = m.end() - m.as_str().chars().last().map_or(0, char::len_utf8);
    }
    out.push(Span::new(start, text.len()));
    out
}

fn lists(doc: &Document, p: &FactPatterns, entities: &DocEntities, out: &mut Vec<Fact>) {
    let mut post: Option<&String> = None;
    for block in &doc.blocks {
        match &block.kind {
            BlockKind::Heading { .. } | BlockKind::Title => {
                post = p.lists.get(&name_words(doc.slice(block.content)).join(" "));
            }
            BlockKind::ListItem(_) => {
                let Some(post) = post else { continue };
                let body = doc.slice(block.content);
                let name = body.split('(').next().unwrap_or(body).trim();
                if !p.person_regex.is_match(name) {
                    continue;
                }
                let Some(person) = p.names.person(name) else {
                    continue;
                };
                let Some(entity) = entities.subject_at(block.span.start) else {
                    continue;
                };
                out.push(Fact {
                    entity,
                    kind: FactKind::Holder,
                    attribute: p.post_key(post),
                    value: name.to_string(),
                    person: Some(person),
                    date: None,
                    when: when_in(&TextDates::new(&body[name.len()..]), false),
                    span: block.span,
                    more: Vec::new(),
                    origin: Origin::List,
                    generic_post: false,
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;

    fn facts(text: &str) -> (Document, DocFacts) {
        let doc = Document::analyze(0, "d".into(), text.into(), Lexicon::builtin());
        let facts = extract(&doc, FactPatterns::builtin());
        (doc, facts)
    }

    fn show(text: &str) -> Vec<String> {
        let (_, f) = facts(text);
        f.facts
            .iter()
            .map(|x| {
                format!(
                    "{}|{}|{}|{}|{}",
                    f.entities.display(x.entity),
                    x.kind.as_str(),
                    x.attribute,
                    x.value,
                    x.when
                )
            })
            .collect()
    }

    #[test]
    fn shipped_sentence_patterns_run_only_where_their_words_are() {
        // All but the present-tense pattern (`X is`, `X continues`, `X ensures`: a verb read
        // from its ending) need a literal word, so most sentences are never matched against them.
        let p = FactPatterns::builtin();
        assert!(
            p.triggers.triggered() + 1 >= p.sentences.len(),
            "{} of {}",
            p.triggers.triggered(),
            p.sentences.len()
        );
    }

    #[test]
    fn a_name_that_is_the_tail_of_a_longer_one_is_not_the_subject() {
        let text = "= Customs Board =\n\nBy Decree No. 14 of 5 May 2021, the Customs Service under the Ministry of Trade was established on its basis. The Ministry of Trade was established on 3 May 2021.\n";
        let established: Vec<String> = show(text)
            .into_iter()
            .filter(|f| f.contains("|event|established|"))
            .collect();
        assert_eq!(established.len(), 1, "{established:?}");
        assert!(established[0].contains("3 May 2021"), "{established:?}");
    }

    #[test]
    fn infobox_holders_and_values() {
        let text = "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Abbreviation: RG\n- Formed: 4 May 1990\n- Employees: 2,500\n- Chief1Name: Colonel-General Ivan Petrov\n- Chief1Position: Chief of RG, Col-Gen\n- Chief2Name: Olga Sidorova\n- Chief2Position: First Deputy Chief\n- Chief3Name: Pavel Orlov\n- Chief3Position: Commander of the Coast Watch\n";
        assert_eq!(
            show(text),
            vec![
                "Royal Guard|event|established|4 May 1990|unknown",
                "Royal Guard|value|employees|2,500|present (undated)",
                "Royal Guard|holder|head|Colonel-General Ivan Petrov|present (undated)",
                "Royal Guard|holder|first deputy head|Olga Sidorova|present (undated)",
                "Coast Watch|holder|head|Pavel Orlov|present (undated)",
            ]
        );
    }

    #[test]
    fn sentences_give_dated_holders_and_events() {
        let text = "= Royal Guard =\n\nSince 2020, the organization has been headed by Ivan Petrov, a friend of the king. The Royal Guard, a small force, was established on 4 May 1990. In 1993, the Coast Watch and the Border Watch were established. On 9 Mar 2010 commander of the Coast Watch, Lieutenant-General Pavel Orlov said so. The guard was busy in 1999.\n";
        assert_eq!(
            show(text),
            vec![
                "Royal Guard|holder|head|Ivan Petrov|since 2020",
                "Royal Guard|event|established|4 May 1990|unknown",
                "Coast Watch|event|established|1993|unknown",
                "Border Watch|event|established|1993|unknown",
                "Coast Watch|holder|head|Lieutenant-General Pavel Orlov|on 2010-03-09",
            ]
        );
    }

    #[test]
    fn holder_lists_under_their_heading_only() {
        let text = "= Royal Guard =\n\nIt guards.\n\n== Commanders ==\n\n- Major General Ivan Petrov (2013 - 9 February 2024)\n\n- Colonel Pavel Orlov (since 9 February 2024)\n\n== See also ==\n- Coast Watch Service\n";
        assert_eq!(
            show(text),
            vec![
                "Royal Guard|holder|head|Major General Ivan Petrov|2013 to 2024-02-09",
                "Royal Guard|holder|head|Colonel Pavel Orlov|since 2024-02-09",
            ]
        );
    }

    #[test]
    fn appositions_serving_holders_and_ends() {
        let text = "= Harbour Board =\n\nThe Harbour Board, founded in 1921, is the regulator. Ivan Petrov has served as chairman of the Harbour Board since 2019. The current chairman of the Harbour Board is Olga Sidorova. The Pilot Office ceased to exist in 2004. Pavel Orlov has headed the Pilot Office since 1999.\n";
        assert_eq!(
            show(text),
            vec![
                "Harbour Board|event|established|1921|unknown",
                "Harbour Board|holder|chairman|Ivan Petrov|since 2019",
                "Harbour Board|holder|chairman|Olga Sidorova|present (undated)",
                "Pilot Office|event|ended|2004|unknown",
                "Pilot Office|holder|head|Pavel Orlov|since 1999",
            ]
        );
    }

    #[test]
    fn a_claim_in_a_dated_news_section_holds_on_its_date() {
        let text = "= Harbour Board: news =\n\n== North Wire, 20 November 2024 ==\nThe current chairman of the Harbour Board is Olga Sidorova. Deputy Chairman of the Harbour Board Ivan Petrov was appointed as the new head of the Pilot Office. The Pilot Office was headed by Pavel Orlov.\n";
        assert_eq!(
            show(text),
            vec![
                "Harbour Board|holder|chairman|Olga Sidorova|on 2024-11-20",
                // The post he leaves, and a claim in the past tense: not dated by the section.
                "Harbour Board|holder|deputy chairman|Ivan Petrov|unknown",
                "Pilot Office|holder|head|Pavel Orlov|unknown",
            ]
        );
    }

    #[test]
    fn a_lead_that_does_not_name_its_subject_again() {
        let text = "= Harbour Service =\n\nThe Harbour Service guards the port. Currently led by Director Ada Prinn, appointed in June 2021, it has 300 staff. The acting deputy head is Ivo Kask.\n";
        assert_eq!(
            show(text),
            vec![
                "Harbour Service|current|current|The Harbour Service guards|present (undated)",
                "Harbour Service|holder|head|Director Ada Prinn|since 2021-06",
                "Harbour Service|holder|acting deputy head|Ivo Kask|present (undated)",
            ]
        );
    }

    #[test]
    fn the_same_day_takes_the_date_before_it() {
        let text = "= Royal Guard =\n\nThe Coast Watch was established on 4 May 1990. On the same day, the Border Watch was abolished.\n\nThe Harbour Office was abolished that year.\n";
        assert_eq!(
            show(text),
            vec![
                "Coast Watch|event|established|4 May 1990|unknown",
                "Border Watch|event|ended|4 May 1990|unknown",
            ],
            "only within one paragraph"
        );
    }

    #[test]
    fn undated_past_tense_is_not_the_present() {
        assert_eq!(
            show("= Royal Guard =\n\nThe Royal Guard was headed by Ivan Petrov.\n"),
            vec!["Royal Guard|holder|head|Ivan Petrov|unknown"]
        );
    }
}
