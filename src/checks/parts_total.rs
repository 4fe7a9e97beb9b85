//! `parts_total`: counts that do not add up — the parts of something listed one by one, and a
//! stated total that is not their sum.
//!
//! Precision first: a finding needs an explicit total marker and an enumeration whose every
//! item has a count. Three shapes are read:
//!
//! 1. **Parts, then a total, in adjacent sentences about the same subject.** One sentence lists
//!    the parts after `consists of`, `comprises`, `is made up of`, `is composed of`; the sentence
//!    next to it states `a total of N` (or `N in total`, `N altogether`, `N in all`, `totaling
//!    N`). The subject matches when every content word before the list verb of the parts
//!    sentence comes again before the total marker, or when the total sentence starts with a
//!    word that refers back (`It`, `They`, `Altogether`). When the total sentence is itself an enumeration (`consists of a total of 66
//!    people and the chief`), its other items are added to the total.
//! 2. **A total followed by its parts after a colon**, in one sentence (`a total of 9 members:
//!    3 judges, 4 lawyers and 1 secretary`).
//! 3. **Parts marked `N of them`** (`of whom`, `of which`) after a count in the same sentence
//!    (`213 citizens were identified, 27 of them were convicted`). Other counts in the sentence
//!    may be other categories, so the marked parts are only required not to exceed the count;
//!    they must equal it only when the last part says it is the rest (`the other N`, `the
//!    remaining N`).
//! 4. **A breakdown in a sentence of its own**: `Of the 7 satellites, 3 are ..., 2 are ... and
//!    1 is ...`, or `Of them, ...` after a sentence that states the count (`26 directorates`).
//!    Three or more counted parts closed by `and`, with no word that leaves the list open
//!    (`other`, `the rest`, `some`, `about`), read as the whole breakdown and must add up; two
//!    parts may be a partial one and are only required not to exceed the whole.
//!
//! Counts of different things are kept apart: in shape 1 the word after the total's number
//! (`66 people`) must be named among the parts or be a generic word for members (`people`,
//! `members`, `staff`...), and in every shape the parts and the total must lie within
//! `max_gap` of each other — a slip in a count is small, while counts of different things are
//! off by any amount.
//!
//! How items are counted: a number (digits, or a number word from one to ninety) opening the
//! item; `N groups of M` is N × M; an item opened by `a`, `an`, `the` or a possessive before a
//! singular word is one. If any item cannot be counted this way (a plural without a number, a
//! percentage, a decimal), the enumeration is not judged at all.
//!
//! Which side is marked: the total. A total is derived from its parts and is the figure most
//! often left stale when a part changes; the parts get a secondary label.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::Lexicon;
use crate::extract::normalize::fold;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "parts_total",
    summary: "enumerated parts whose counts do not add up to a stated total",
    params: "min_parts: enumerations with fewer counted items are not judged (2)\n\
             max_gap: parts and total further apart than this share of the larger are taken to count different things (0.25)",
    placeholders: &["parts", "total"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_parts")]
    min_parts: usize,
    #[serde(default = "max_gap")]
    max_gap: f64,
}

fn max_gap() -> f64 {
    0.25
}

fn min_parts() -> usize {
    2
}

struct PartsTotal {
    min_parts: usize,
    max_gap: f64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if !(0.0..=1.0).contains(&p.max_gap) {
        return Err(format!(
            "max_gap must be between 0 and 1, not {}",
            p.max_gap
        ));
    }
    Ok(Box::new(PartsTotal {
        min_parts: p.min_parts.max(1),
        max_gap: p.max_gap,
    }))
}

const NUMBER: &str = r"\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";

/// A number at the start of the text.
static LEADING_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)^(?:{NUMBER})\b")).unwrap());
/// A number anywhere.
static ANY_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b(?:{NUMBER})\b")).unwrap());
/// `N groups of M`: a product.
static PRODUCT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?<n>{NUMBER})\s+[\p{{L}}-]+\s+of\s+(?<m>{NUMBER})\b"
    ))
    .unwrap()
});
/// One of something: a determiner before a word.
static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:a|an|the|its|his|her|their)\s+(?<word>[\p{L}-]+)").unwrap()
});
/// The verbs that introduce an exhaustive enumeration of parts.
static LIST_VERB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:consists?\s+of|consisted\s+of|consisting\s+of|(?:is|are|was|were)\s+made\s+up\s+of|(?:is|are|was|were)\s+composed\s+of|comprises?|comprised|comprising)\b").unwrap()
});
/// A total marker followed by its number.
static TOTAL_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:(?:a\s+)?total\s+of|totall?ing|in\s+total,?|altogether,?|in\s+all,?)\s+(?<n>{NUMBER})\b"
    ))
    .unwrap()
});
/// A number followed, within a few words, by a total marker.
static TOTAL_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?<n>{NUMBER})(?:\s+[\p{{L}}-]+){{0,3}}?\s+(?:in\s+total|altogether|in\s+all)\b"
    ))
    .unwrap()
});
/// A count that is the object of a verb of composition or possession (`consists of 12
/// directorates`, `has 26 offices`): a total when a colon follows it with the parts.
static COUNT_BEFORE_COLON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?:consists?\s+of|consisted\s+of|(?:is|are|was|were)\s+made\s+up\s+of|comprises?|comprised|has|have|had|includes?|included)\s+(?<n>{NUMBER})\b"
    ))
    .unwrap()
});
/// A prefix that marks an item as the total.
static TOTAL_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:a\s+)?total\s+of|totall?ing|in\s+total,?|altogether,?|in\s+all,?)\s+")
        .unwrap()
});
/// `N of them`: a part of a count stated before.
static OF_THEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?<n>{NUMBER})\s+of\s+(?:them|whom|which)\b"
    ))
    .unwrap()
});
/// `the other N`, `the remaining N`: the last part, which makes the enumeration exhaustive.
static REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\bthe\s+(?:other|remaining)\s+(?<n>{NUMBER})\b"
    ))
    .unwrap()
});

/// A sentence that breaks a whole down: `Of the 7 satellites, ...`, `Of them, ...`.
static BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^of\s+(?:(?:the|its|their|these|those)\s+(?<n>{NUMBER})\b[^,;:]*|them|these|those|which|whom)\s*,\s*"
    ))
    .unwrap()
});
/// Words that leave a breakdown open, or make its parts approximate.
static OPEN_BREAKDOWN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:other|others|rest|remaining|some|among|least|more|over|about|around|nearly|almost|approximately|roughly|including|while|whereas|but)\b").unwrap()
});
/// A count and the plural noun it counts (`26 regional directorates`).
static COUNTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(?<n>{NUMBER})\s+(?:[\p{{L}}-]+\s+){{0,2}}?[\p{{L}}-]+s\b"
    ))
    .unwrap()
});

fn number_value(text: &str) -> Option<u64> {
    let lower = text.to_lowercase();
    let words = [
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    if let Some(i) = words.iter().position(|w| *w == lower) {
        return Some(i as u64 + 1);
    }
    let tens = [
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = tens.iter().position(|w| *w == lower) {
        return Some(30 + 10 * i as u64);
    }
    lower.replace(',', "").parse().ok()
}

/// True when what follows a number makes it something other than a count: a decimal part, a
/// percentage, a range.
fn not_a_count(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some('%') => true,
        Some('.' | ',') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some('-' | '–') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        _ => {
            let t = after.trim_start().to_lowercase();
            t.starts_with("percent") || t.starts_with("per cent")
        }
    }
}

/// A counted item: its value and how it was read (`3 × 20`).
#[derive(Debug, Clone, PartialEq)]
struct Count {
    value: u64,
    shown: String,
    /// The item is the stated total (`a total of 66 people`).
    total: bool,
}

/// Counts one enumeration item, or gives up.
fn count_item(item: &str) -> Option<Count> {
    let mut text = item.trim();
    let mut total = false;
    if let Some(m) = TOTAL_PREFIX.find(text) {
        text = &text[m.end()..];
        total = true;
    }
    if let Some(c) = PRODUCT.captures(text) {
        let (n, m) = (c.name("n")?, c.name("m")?);
        if not_a_count(&text[m.end()..]) {
            return None;
        }
        let (a, b) = (number_value(n.as_str())?, number_value(m.as_str())?);
        return Some(Count {
            value: a * b,
            shown: format!("{a} × {b}"),
            total,
        });
    }
    if let Some(m) = LEADING_NUMBER.find(text) {
        if not_a_count(&text[m.end()..]) {
            return None;
        }
        let v = number_value(m.as_str())?;
        return Some(Count {
            value: v,
            shown: v.to_string(),
            total,
        });
    }
    if total {
        return None;
    }
    let c = SINGLE.captures(text)?;
    let word = c.name("word")?.as_str().to_lowercase();
    // A plural after the determiner has no count of its own.
    if word.ends_with('s') && !word.ends_with("ss") {
        return None;
    }
    Some(Count {
        value: 1,
        shown: "1".into(),
        total: false,
    })
}

/// The items of an enumeration in `text` (offsets relative to `text`), split at commas,
/// semicolons and `and`; text in brackets is skipped.
fn split_items(text: &str) -> Vec<Span> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0i32;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b',' | b';' if depth == 0 => cuts.push((i, i + 1)),
            _ => {}
        }
        // Bytes, not `&text[i..]`: `i` walks bytes and may stand inside a letter such as `Š`.
        if depth == 0 && bytes[i..].starts_with(b" and ") {
            cuts.push((i, i + 5));
            i += 5;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (a, b) in cuts
        .into_iter()
        .chain(std::iter::once((text.len(), text.len())))
    {
        let piece = &text[start..a];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        // `, and` leaves an empty piece between the comma and the `and`.
        if !trimmed.is_empty() {
            let s = start + lead;
            out.push(Span::new(s, s + trimmed.len()));
        }
        start = b;
    }
    out
}

/// An enumeration found in a sentence: where its items are (relative to the sentence) and their
/// counts, or `None` for items that cannot be counted.
struct Enumeration {
    /// Where the list starts and ends.
    span: Span,
    items: Vec<(Span, Option<Count>)>,
}

impl Enumeration {
    fn read(sentence: &str, from: usize) -> Enumeration {
        let body = sentence[from..].trim_end_matches(['.', '!', '?', ';', ':', ' ']);
        let items: Vec<(Span, Option<Count>)> = split_items(body)
            .into_iter()
            .map(|s| {
                let s = s.shift(from);
                (s, count_item(&sentence[s.start..s.end]))
            })
            .collect();
        let span = Span::new(
            items.first().map_or(from, |i| i.0.start),
            items.last().map_or(from, |i| i.0.end),
        );
        Enumeration { span, items }
    }

    /// The counts, when every item is counted.
    fn counts(&self) -> Option<Vec<&Count>> {
        self.items.iter().map(|(_, c)| c.as_ref()).collect()
    }
}

fn sum(counts: &[&Count]) -> (u64, String) {
    let total = counts.iter().map(|c| c.value).sum();
    let shown = counts
        .iter()
        .map(|c| c.shown.as_str())
        .collect::<Vec<_>>()
        .join(" + ");
    (total, shown)
}

/// The stated total of a sentence: its value and the span of the marker and number.
fn stated_total(sentence: &str) -> Option<(u64, Span)> {
    if let Some(c) = TOTAL_BEFORE.captures(sentence) {
        let n = c.name("n")?;
        if !not_a_count(&sentence[n.end()..]) {
            let m = c.get(0)?;
            return Some((number_value(n.as_str())?, Span::new(m.start(), m.end())));
        }
    }
    let c = TOTAL_AFTER.captures(sentence)?;
    let n = c.name("n")?;
    if not_a_count(&sentence[n.end()..]) {
        return None;
    }
    let m = c.get(0)?;
    Some((number_value(n.as_str())?, Span::new(m.start(), m.end())))
}

/// A count governed by a verb of composition or possession, when it is not a measure.
fn count_before_colon(sentence: &str) -> Option<(u64, Span)> {
    let c = COUNT_BEFORE_COLON.captures(sentence)?;
    let n = c.name("n")?;
    if not_a_count(&sentence[n.end()..]) {
        return None;
    }
    Some((number_value(n.as_str())?, Span::new(n.start(), n.end())))
}

/// Words for the members of a whole, whatever their kind.
const GENERIC_UNITS: [&str; 14] = [
    "people",
    "persons",
    "person",
    "members",
    "personnel",
    "staff",
    "employees",
    "individuals",
    "items",
    "units",
    "parts",
    "elements",
    "components",
    "men",
];

/// Words that open a sentence referring back to the subject of the one before.
const BACK_REFERENCES: [&str; 7] = ["it", "its", "they", "their", "this", "these", "altogether"];

/// Content words of a text, folded.
fn content_words(text: &str) -> Vec<String> {
    crate::extract::words(text, 0)
        .map(|w| fold(&text[w.start..w.end]))
        .filter(|w| !Lexicon::builtin().is_stopword(w))
        .collect()
}

impl PartsTotal {
    /// True when a sum and a total are near enough to be two counts of the same thing: a slip
    /// in a count is small, while a count of other things (divisions against soldiers) is off
    /// by any amount.
    fn close(&self, sum: u64, total: u64) -> bool {
        sum.abs_diff(total) as f64 <= self.max_gap * total.max(sum) as f64
    }

    /// Shape 1: `parts` lists parts after a list verb, `total` (an adjacent sentence) states
    /// the total of the same subject.
    fn adjacent(
        &self,
        rule: &Rule,
        doc: &Document,
        parts: Span,
        total: Span,
        out: &mut Vec<Finding>,
    ) {
        let (p, t) = (doc.slice(parts), doc.slice(total));
        let Some(verb) = LIST_VERB.find(p) else {
            return;
        };
        if stated_total(p).is_some() {
            return;
        }
        let Some((total_value, marker)) = stated_total(t) else {
            return;
        };
        let enumeration = Enumeration::read(p, verb.end());
        let Some(counts) = enumeration.counts() else {
            return;
        };
        if counts.len() < self.min_parts || !counts.iter().any(|c| c.shown != "1") {
            return;
        }
        // The same subject: the parts sentence's subject words come again before the total
        // marker, or the total sentence opens with a word that refers back to it.
        let subject = content_words(&p[..verb.start()]);
        let before_total = content_words(&t[..marker.start]);
        let first = crate::extract::words(t, 0)
            .next()
            .map(|w| t[w.start..w.end].to_lowercase());
        let same_subject = first.is_some_and(|w| BACK_REFERENCES.contains(&w.as_str()))
            || (!subject.is_empty() && subject.iter().all(|w| before_total.contains(w)));
        if !same_subject {
            return;
        }
        // The same unit: what the total counts (the word after its number) is named among the
        // parts, or is a generic word for members; `three divisions` and `40,000 soldiers` are
        // counts of different things.
        let unit = crate::extract::words(&t[marker.end..], 0)
            .next()
            .map(|w| fold(&t[marker.end + w.start..marker.end + w.end]));
        if let Some(unit) = unit
            && !GENERIC_UNITS.contains(&unit.as_str())
            && !content_words(p).contains(&unit)
        {
            return;
        }
        // When the total sentence is itself an enumeration with the total as one item, its
        // other items belong to the total too.
        let (stated, stated_shown, total_span) = match LIST_VERB.find(t) {
            Some(v) if v.end() <= marker.start => {
                let e = Enumeration::read(t, v.end());
                match e.counts() {
                    Some(c) if c.iter().filter(|c| c.total).count() == 1 => {
                        let (s, shown) = sum(&c);
                        (s, shown, e.span)
                    }
                    _ => (total_value, total_value.to_string(), marker),
                }
            }
            _ => (total_value, total_value.to_string(), marker),
        };
        let (parts_sum, parts_shown) = sum(&counts);
        if parts_sum == stated || !self.close(parts_sum, stated) {
            return;
        }
        let total_expr = if stated_shown.contains('+') {
            format!("{stated_shown} = {stated}")
        } else {
            stated.to_string()
        };
        let parts_expr = format!("{parts_shown} = {parts_sum}");
        out.push(
            rule.finding(&[("parts", &parts_expr), ("total", &total_expr)])
                .label(
                    doc.id,
                    total_span.shift(total.start),
                    format!("the stated total comes to {stated}"),
                )
                .label(
                    doc.id,
                    enumeration.span.shift(parts.start),
                    format!("these parts add up to {parts_sum}"),
                )
                .note(format!(
                    "summed the parts as {parts_expr} (a number word or digits opening an item; `N groups of M` as N × M; `a`, `the` before a singular as 1)"
                ))
                .note("the total is marked: a total is derived from its parts and is more often left stale when a part changes")
                .suggest(format!("make the total {parts_sum}, or correct the parts")),
        );
    }

    /// Shape 2: `a total of N ...: parts` in one sentence, or `consists of N ...: parts`, `has
    /// N ...: parts` — a colon right after a count introduces its breakdown.
    fn colon(&self, rule: &Rule, doc: &Document, sentence: Span, out: &mut Vec<Finding>) {
        let s = doc.slice(sentence);
        let Some((total_value, marker)) = stated_total(s).or_else(|| count_before_colon(s)) else {
            return;
        };
        let Some(colon) = s[marker.end..].find(':').map(|i| marker.end + i) else {
            return;
        };
        // The colon must close the total's own phrase, not a later clause.
        if s[marker.end..colon].contains([',', ';'])
            || s[marker.end..colon].split_whitespace().count() > 4
        {
            return;
        }
        let e = Enumeration::read(s, colon + 1);
        let Some(counts) = e.counts() else {
            return;
        };
        if counts.len() < self.min_parts.max(2) || counts.iter().any(|c| c.total) {
            return;
        }
        let (parts_sum, shown) = sum(&counts);
        if parts_sum == total_value || !self.close(parts_sum, total_value) {
            return;
        }
        let parts_expr = format!("{shown} = {parts_sum}");
        out.push(
            rule.finding(&[("parts", &parts_expr), ("total", &total_value.to_string())])
                .label(
                    doc.id,
                    marker.shift(sentence.start),
                    format!("the stated total is {total_value}"),
                )
                .label(
                    doc.id,
                    e.span.shift(sentence.start),
                    format!("these parts add up to {parts_sum}"),
                )
                .note(format!("summed the parts after the colon as {parts_expr}"))
                .note("the total is marked: a total is derived from its parts and is more often left stale when a part changes")
                .suggest(format!("make the total {parts_sum}, or correct the parts")),
        );
    }

    /// Shape 3: `N ..., A of them ..., the other B ...`.
    fn of_them(&self, rule: &Rule, doc: &Document, sentence: Span, out: &mut Vec<Finding>) {
        let s = doc.slice(sentence);
        let parts: Vec<regex::Captures> = OF_THEM.captures_iter(s).collect();
        let Some(first) = parts.first().and_then(|c| c.get(0)) else {
            return;
        };
        // The count the parts belong to: the last number before the first part, standing as a
        // count of its own (not a year range, not after a preposition such as `in 2 cities`).
        let Some(total) = ANY_NUMBER
            .find_iter(&s[..first.start()])
            .filter(|m| !not_a_count(&s[m.end()..]))
            .last()
        else {
            return;
        };
        let between = &s[total.end()..first.start()];
        if !between.contains(',') || ANY_NUMBER.is_match(between) {
            return;
        }
        // A number after a preposition or a dash modifies something else (`in 2 cities`,
        // `1994-1997`); it is not the count the parts belong to.
        let before = s[..total.start()].trim_end();
        let last_word = before
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        if before.ends_with(['-', '–'])
            || [
                "in", "of", "from", "to", "at", "by", "with", "for", "on", "since", "until",
            ]
            .contains(&last_word.as_str())
        {
            return;
        }
        // An approximate count (`I've spoken to over 38, 40 of them now`) bounds nothing.
        if [
            "over",
            "about",
            "around",
            "nearly",
            "almost",
            "approximately",
            "roughly",
            "some",
            "than",
            "least",
            "up",
        ]
        .contains(&last_word.as_str())
        {
            return;
        }
        let Some(total_value) = number_value(total.as_str()) else {
            return;
        };
        let mut values: Vec<(u64, Span)> = Vec::new();
        for c in &parts {
            let (Some(n), Some(m)) = (c.name("n"), c.get(0)) else {
                return;
            };
            values.push((
                number_value(n.as_str()).unwrap_or(0),
                Span::new(m.start(), m.end()),
            ));
        }
        let rest = REST
            .captures_iter(&s[first.end()..])
            .last()
            .and_then(|c| Some((c.name("n")?, c.get(0)?)));
        let exhaustive = rest.is_some();
        if let Some((n, m)) = rest {
            values.push((
                number_value(n.as_str()).unwrap_or(0),
                Span::new(first.end() + m.start(), first.end() + m.end()),
            ));
        }
        let parts_sum: u64 = values.iter().map(|v| v.0).sum();
        let wrong = if exhaustive {
            parts_sum != total_value
        } else {
            parts_sum > total_value
        };
        if !wrong || !self.close(parts_sum, total_value) {
            return;
        }
        let shown = values
            .iter()
            .map(|v| v.0.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let parts_expr = format!("{shown} = {parts_sum}");
        let mut f = rule
            .finding(&[("parts", &parts_expr), ("total", &total_value.to_string())])
            .label(
                doc.id,
                Span::new(total.start(), total.end()).shift(sentence.start),
                format!("the count is {total_value}"),
            );
        for (v, span) in &values {
            f = f.label(doc.id, span.shift(sentence.start), format!("a part of {v}"));
        }
        let how = if exhaustive {
            "the last part is the rest, so the parts must add up to the count"
        } else {
            "the parts marked `of them` exceed the count they are part of"
        };
        out.push(
            f.note(format!("summed the parts as {parts_expr}; {how}"))
                .suggest(format!("make the count {parts_sum}, or correct the parts")),
        );
    }
}

/// The parts of a breakdown: pieces cut at commas and semicolons, and at an `and` that a
/// number follows (`8 are in the Marmara and Aegean regions` is one piece), each opened by a
/// count. `None` when a piece has no count of its own.
fn breakdown_parts(text: &str) -> Option<Vec<(u64, Span)>> {
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b',' || bytes[i] == b';' {
            cuts.push((i, i + 1));
        } else if bytes[i..].starts_with(b" and ") && LEADING_NUMBER.is_match(&text[i + 5..]) {
            cuts.push((i, i + 5));
            i += 5;
            continue;
        }
        i += 1;
    }
    let mut out = Vec::new();
    let mut start = 0;
    for (a, b) in cuts
        .into_iter()
        .chain(std::iter::once((text.len(), text.len())))
    {
        let piece = &text[start..a];
        let trimmed = piece.trim().trim_start_matches("and ").trim_start();
        if !trimmed.is_empty() {
            let m = LEADING_NUMBER.find(trimmed)?;
            if not_a_count(&trimmed[m.end()..]) {
                return None;
            }
            let at = start + piece.find(trimmed)?;
            out.push((number_value(m.as_str())?, Span::new(at, at + trimmed.len())));
        }
        start = b;
    }
    Some(out)
}

impl PartsTotal {
    /// Shape 4: a whole broken down by a sentence of its own, `Of the 7 satellites, 3 are ...,
    /// 2 are ... and 1 is ...`, or `26 directorates. Of them, 8 ..., 10 ... and 7 ...`. A
    /// breakdown in three or more counted parts closed by `and` is read as complete; with two it
    /// may be partial, and only parts that exceed the whole are reported.
    fn breakdown(
        &self,
        rule: &Rule,
        doc: &Document,
        sentence: Span,
        previous: Option<Span>,
        out: &mut Vec<Finding>,
    ) {
        let s = doc.slice(sentence);
        let Some(c) = BREAKDOWN.captures(s) else {
            return;
        };
        let head = c.get(0).unwrap();
        let (total, total_span) = match c.name("n") {
            Some(n) => {
                if not_a_count(&s[n.end()..]) {
                    return;
                }
                (
                    number_value(n.as_str()),
                    Span::new(0, head.end()).shift(sentence.start),
                )
            }
            // `Of them`: the whole is the last count of the sentence before.
            None => {
                let Some(prev) = previous else {
                    return;
                };
                let p = doc.slice(prev);
                let Some(m) = COUNTED.captures_iter(p).last() else {
                    return;
                };
                let n = m.name("n").unwrap();
                if not_a_count(&p[n.end()..])
                    || (n.as_str().len() == 4 && !n.as_str().contains(','))
                {
                    return;
                }
                let whole = m.get(0).unwrap();
                (
                    number_value(n.as_str()),
                    Span::new(whole.start(), whole.end()).shift(prev.start),
                )
            }
        };
        let Some(total) = total else {
            return;
        };
        let body = s[head.end()..].trim_end_matches(['.', '!', '?', ';', ' ']);
        if OPEN_BREAKDOWN.is_match(body) || !body.contains(" and ") {
            return;
        }
        let Some(parts) = breakdown_parts(body) else {
            return;
        };
        let sum: u64 = parts.iter().map(|p| p.0).sum();
        let wrong = (parts.len() >= 3 && sum != total) || (parts.len() >= 2 && sum > total);
        if !wrong || !self.close(sum, total) {
            return;
        }
        let shown = parts
            .iter()
            .map(|p| p.0.to_string())
            .collect::<Vec<_>>()
            .join(" + ");
        let parts_expr = format!("{shown} = {sum}");
        let base = sentence.start + head.end();
        let span = Span::new(parts[0].1.start, parts[parts.len() - 1].1.end).shift(base);
        out.push(
            rule.finding(&[("parts", &parts_expr), ("total", &total.to_string())])
                .label(doc.id, total_span, format!("the whole is {total}"))
                .label(doc.id, span, format!("these parts add up to {sum}"))
                .note(format!(
                    "a breakdown in {} counted parts closed by `and` is read as complete; its parts come to {parts_expr}",
                    parts.len()
                ))
                .suggest(format!("make the whole {sum}, or correct the parts")),
        );
    }
}

impl Check for PartsTotal {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let previous = i
                .checked_sub(1)
                .map(|p| &doc.sentences[p])
                .filter(|p| p.block == sentence.block)
                .map(|p| p.span);
            self.breakdown(rule, doc, sentence.span, previous, out);
            self.colon(rule, doc, sentence.span, out);
            self.of_them(rule, doc, sentence.span, out);
            if let Some(next) = doc
                .sentences
                .get(i + 1)
                .filter(|n| n.block == sentence.block)
            {
                // Either order: the parts before the total, or the total before its parts.
                self.adjacent(rule, doc, sentence.span, next.span, out);
                self.adjacent(rule, doc, next.span, sentence.span, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "parts-total-mismatch"
        code = "M001"
        category = "numeric"
        severity = "error"
        check = "parts_total"
        message = "the parts `{parts}` do not add up to the stated total `{total}`"
    "#;

    #[test]
    fn items_are_counted() {
        let c = |s: &str| count_item(s).map(|c| c.value);
        assert_eq!(c("one chief"), Some(1));
        assert_eq!(c("three flag bearers"), Some(3));
        assert_eq!(c("three groups of 20 people each"), Some(60));
        assert_eq!(c("the chief of those three groups"), Some(1));
        assert_eq!(c("a total of 66 people"), Some(66));
        assert_eq!(c("the soldiers"), None);
        assert_eq!(c("20% of staff"), None);
        assert_eq!(c("2,500 employees"), Some(2500));
    }

    #[test]
    fn parts_and_total_in_adjacent_sentences_fire() {
        let text = "The guard of honor consists of one chief, three flag bearers, three groups of 20 people each and the chief of those three groups. The guard of honor consists of a total of 66 people and the chief of the guard of honor.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "the parts `1 + 3 + 3 × 20 + 1 = 65` do not add up to the stated total `66 + 1 = 67`"
        );
        let primary = &f[0].labels[0];
        assert!(text[primary.span.start..primary.span.end].starts_with("a total of 66"));
    }

    #[test]
    fn totals_that_add_up_stay_silent() {
        let texts = [
            "The guard of honor consists of one chief, three flag bearers, three groups of 20 people each and the chief of those three groups. The guard of honor consists of a total of 64 people and the chief of the guard of honor.",
            "The board consists of 3 judges and 4 lawyers. It has 7 members in total.",
            "The board consists of 3 judges and 4 lawyers. The museum has a total of 12 rooms.",
            "The board consists of 3 judges and several lawyers. It has a total of 9 members.",
            "In 1994-1997, 213 citizens they recruited were identified, 27 of them were convicted of espionage, 186 people were dissuaded, and 13 foreign spies were exposed. The threat was averted 3 times, 7 coup attempts were prevented, 5 attempts were localized.",
            "It has 40 schools in 2 cities, 3 of them capitals.",
            // A speaker correcting an approximate count (the 2021 address to Congress).
            "In the conversations with world leaders—and I’ve spoken to over 38, 40 of them now—I’ve made it known.",
            // Counts of different things: other units, or far apart.
            "The team comprises the coach, the captain and 20 players. They won a total of 21 medals.",
            "The army consists of three divisions and two brigades. It has a total of 40,000 soldiers in all.",
            "The army consists of three divisions and two brigades. It has a total of 12 units.",
            "The fleet consists of 12 frigates, 4 destroyers and 2 carriers. They carry a total of 17 helicopters.",
            "Each team consists of 11 players and 5 substitutes. A total of 32 teams take part.",
            "The company comprises two divisions: retail, with 300 staff, and wholesale, with 200 staff. It has 400 employees in total.",
        ];
        for t in texts {
            let f = findings(&rule(RULE), &[t]);
            assert!(f.is_empty(), "{t}: {f:#?}");
        }
    }

    #[test]
    fn breakdowns_that_do_not_add_up_fire() {
        for text in [
            "Of the 7 satellites launched by Norland, 3 are communications satellites, 2 are observation satellites and 1 is a scientific satellite.",
            "The Harbour Ministry has 26 regional offices. Of them, 8 are in the north and west, 10 in the centre and 7 in the south.",
            "Of the 10 members, 6 are judges and 5 are lawyers.",
        ] {
            let f = findings(&rule(RULE), &[text]);
            assert_eq!(f.len(), 1, "{text}: {f:#?}");
        }
        for silent in [
            "Of the 7 satellites launched by Norland, 3 are communications satellites, 3 are observation satellites and 1 is a scientific satellite.",
            "The Harbour Ministry has 26 regional offices. Of them, 8 are in the north and west, 11 in the centre and 7 in the south.",
            // Two parts may be a partial breakdown; open words say it is one.
            "Of the 10 members, 6 are judges and 2 are lawyers.",
            "Of the 7 satellites, 3 are communications satellites, 2 are observation satellites and the others are scientific.",
            "Of the 7 satellites, about 3 are communications satellites, 2 are observation satellites and 1 is scientific.",
            // Far apart: counts of other things.
            "Of the 70 staff, 3 are in Port Vell, 2 in Vell and 1 abroad.",
            "It was founded in 1953. Of them, 3 are old, 2 are new and 1 is lost.",
        ] {
            let f = findings(&rule(RULE), &[silent]);
            assert!(f.is_empty(), "{silent}: {f:#?}");
        }
    }

    #[test]
    fn colon_and_of_them_shapes_fire() {
        let f = findings(
            &rule(RULE),
            &["The board has a total of 9 members: 3 judges, 4 lawyers and one secretary."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = findings(
            &rule(RULE),
            &[
                "The agency consists of 12 directorates: five in the west, four in the east and two in the south.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        for silent in [
            "The agency consists of 11 directorates: five in the west, four in the east and two in the south.",
            "The fleet has 12 ships: frigates, destroyers and two carriers.",
            "The agency has 12 directorates, and since 2010: five in the west and two in the east.",
        ] {
            assert!(findings(&rule(RULE), &[silent]).is_empty(), "{silent}");
        }
        let f = findings(
            &rule(RULE),
            &["In 2005, 40 officers were trained, 25 of them abroad and the other 20 at home."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        let f = findings(
            &rule(RULE),
            &["In 2005, 40 officers were trained, 25 of them abroad and the other 15 at home."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
