//! `count_listed`: a stated count against the items listed after it — `a trio of shakeups:`
//! followed by two, `the following nine units:` followed by ten bullets.
//!
//! What it reads: a count (a number word, digits, or a collective noun such as `trio`, `pair`,
//! `dozen`) before a plural noun and a colon, with at most three words between them
//! (`three structures:`, `a trio of major administrative shakeups:`). The items are what the
//! colon introduces: the rest of the sentence, split at top-level commas and semicolons and at
//! the last `and`; or, when the colon ends its paragraph, the list items that follow it.
//!
//! Precision first: counts of time, money or distance (`seven months: January to July`) are not
//! counts of items and are skipped; so is a list that is quoted, holds a number of its own, or
//! continues past the counted items (`as well as`, `among others`, `etc.`). An item longer than
//! `max_item_words` words (not counting words in brackets) is a clause, not a listed thing, and the list is not judged. More
//! items than stated are reported only when every item is a short name, since an `and` inside a
//! name would add an item.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "count_listed",
    summary: "a stated count against the items listed after it",
    params: "max_item_words: a list with a longer item (words in brackets not counted) is not judged (12)",
    placeholders: &["count", "listed", "items"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "max_item_words")]
    max_item_words: usize,
}

fn max_item_words() -> usize {
    12
}

struct CountListed {
    max_item_words: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(CountListed {
        max_item_words: p.max_item_words.max(1),
    }))
}

/// A count before a plural noun and a colon.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let words = numbers::count_word_pattern();
    Regex::new(&format!(
        r"(?i)\b(?:(?:a|an)\s+(?<coll>{words})\s+of|(?<n>{words}|\d{{1,3}}(?:,\d{{3}})+|\d{{1,4}}))\s+(?<mods>(?:[\p{{L}}’'-]+\s+){{0,3}}?)(?<noun>[\p{{L}}-]+s)\s*:"
    ))
    .unwrap()
});
/// Words that say a list goes on past what was counted.
static OPEN_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:as\s+well\s+as|among\s+others|and\s+others|and\s+so\s+on|etc|such\s+as|including|for\s+example|e\.g)\b").unwrap()
});

/// The items of `text`, relative to it: split at commas and semicolons outside brackets, the
/// last piece also at its last ` and ` (or ` or `). A list without commas splits at its one
/// `and`; with two, it cannot be told, and `None` is returned.
fn items(text: &str) -> Option<Vec<Span>> {
    let mut pieces: Vec<Span> = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            ',' | ';' if depth == 0 => {
                pieces.push(Span::new(start, i));
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(Span::new(start, text.len()));
    let last = pieces.pop()?;
    let tail = &text[last.start..last.end];
    let ands: Vec<usize> = top_level_ands(tail);
    if pieces.is_empty() && ands.len() > 1 {
        return None;
    }
    match ands.last() {
        Some(&at) => {
            pieces.push(Span::new(last.start, last.start + at));
            pieces.push(Span::new(last.start + at + 5, last.end));
        }
        None => pieces.push(last),
    }
    let out: Vec<Span> = pieces
        .into_iter()
        .filter_map(|p| {
            let s = &text[p.start..p.end];
            let s2 = s.trim_start();
            let s2 = s2.strip_prefix("and ").unwrap_or(s2).trim();
            if s2.is_empty() {
                return None;
            }
            let at = p.start + s.find(s2)?;
            Some(Span::new(at, at + s2.len()))
        })
        .collect();
    Some(out)
}

/// Words of an item, leaving out what stands in brackets (an abbreviation, a gloss).
fn words_outside_brackets(text: &str) -> usize {
    let mut depth = 0i32;
    let outside: String = text
        .chars()
        .map(|c| {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    depth -= 1;
                    return ' ';
                }
                _ => {}
            }
            if depth > 0 { ' ' } else { c }
        })
        .collect();
    outside.split_whitespace().count()
}

/// Byte offsets of ` and ` outside brackets.
fn top_level_ands(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let bytes = text.as_bytes();
    for i in 0..bytes.len() {
        match bytes[i] {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            _ => {}
        }
        if depth == 0 && bytes[i..].starts_with(b" and ") {
            out.push(i);
        }
    }
    out
}

impl CountListed {
    /// Judges one counted list: `stated` items announced, `listed` spans found.
    #[allow(clippy::too_many_arguments)]
    fn judge(
        &self,
        rule: &Rule,
        doc: &Document,
        count: Span,
        stated: u64,
        listed: &[Span],
        names_only: bool,
        out: &mut Vec<Finding>,
    ) {
        let n = listed.len() as u64;
        if n == 0 || n == stated || (n > stated && !names_only) {
            return;
        }
        let shown: Vec<String> = listed
            .iter()
            .map(|s| format!("`{}`", doc.slice(*s)))
            .collect();
        let phrase = doc.slice(count);
        let items = shown.join(", ");
        let mut f = rule
            .finding(&[
                ("count", phrase),
                ("listed", &n.to_string()),
                ("items", &items),
            ])
            .label(doc.id, count, format!("announces {stated}"));
        let (first, last) = (listed[0], listed[listed.len() - 1]);
        f = f.label(
            doc.id,
            Span::new(first.start, last.end),
            format!("{n} listed"),
        );
        out.push(
            f.note(format!("the items read: {items}"))
                .note("the count is marked: a list is edited item by item, and the number announcing it is the figure left stale")
                .suggest(format!("state the count as {n}, or restore the missing item")),
        );
    }

    fn sentence(&self, rule: &Rule, doc: &Document, index: usize, out: &mut Vec<Finding>) {
        let sentence = &doc.sentences[index];
        let s = doc.slice(sentence.span);
        for c in COUNT.captures_iter(s) {
            let noun = &c["noun"];
            if numbers::is_unit(noun)
                || c.name("mods")
                    .is_some_and(|m| m.as_str().chars().any(|ch| ch.is_ascii_digit()))
            {
                continue;
            }
            let Some(stated) = numbers::value(c.name("coll").or(c.name("n")).unwrap().as_str())
            else {
                continue;
            };
            // A count of listed items is small; `2020 elections:` is a year.
            if !(2..=100).contains(&stated) {
                continue;
            }
            let whole = c.get(0).unwrap();
            // The count phrase without its colon.
            let count = Span::new(whole.start(), whole.end() - 1).shift(sentence.span.start);
            let count = Span::new(count.start, count.start + doc.slice(count).trim_end().len());
            let rest = &s[whole.end()..];
            let body = rest.trim_end_matches(['.', '!', '?', ';', ':', ' ']);
            if body.trim().is_empty() {
                self.bullets(rule, doc, sentence.block, count, stated, out);
                continue;
            }
            if body.contains(['"', '“', '”', ':']) || OPEN_LIST.is_match(body) {
                continue;
            }
            let Some(found) = items(body) else {
                continue;
            };
            let base = sentence.span.start + whole.end();
            let listed: Vec<Span> = found.iter().map(|s| s.shift(base)).collect();
            let texts: Vec<&str> = listed.iter().map(|s| doc.slice(*s)).collect();
            // An item opened by a count (`five in the west`) is a share of the whole, which
            // is for parts-total to add up.
            if texts.iter().any(|t| {
                words_outside_brackets(t) > self.max_item_words
                    || t.chars().any(|ch| ch.is_ascii_digit())
                    || t.split_whitespace()
                        .next()
                        .is_some_and(|w| numbers::value(w).is_some())
            }) {
                continue;
            }
            let names_only = texts.iter().all(|t| {
                t.split_whitespace().count() <= 4
                    && t.chars().next().is_some_and(char::is_uppercase)
            });
            self.judge(rule, doc, count, stated, &listed, names_only, out);
        }
    }

    /// A count whose colon ends its paragraph: the items are the list items right after it.
    fn bullets(
        &self,
        rule: &Rule,
        doc: &Document,
        block: usize,
        count: Span,
        stated: u64,
        out: &mut Vec<Finding>,
    ) {
        // The colon must end the paragraph, not only the sentence.
        if doc
            .sentences
            .iter()
            .any(|s| s.block == block && s.span.start > count.end)
        {
            return;
        }
        let items: Vec<&crate::parse::Block> = doc.blocks[block + 1..]
            .iter()
            .take_while(|b| matches!(b.kind, BlockKind::ListItem(_)))
            .collect();
        if items.is_empty() {
            return;
        }
        // A nested list (another marker or indent under some items) holds items of items: which
        // ones the count means cannot be told.
        let shape = |b: &crate::parse::Block| {
            let BlockKind::ListItem(m) = &b.kind else {
                return None;
            };
            let indent = b.span.start - doc.line_span(doc.line_index(b.span.start)).start;
            let bullet = m.bullet.map(|s| doc.slice(s).to_string());
            Some((indent, bullet, m.number.is_some()))
        };
        let first = shape(items[0]);
        if items.iter().any(|b| shape(b) != first) {
            return;
        }
        let listed: Vec<Span> = items.iter().map(|b| b.content).collect();
        // Bullets are unambiguous items, whatever they hold.
        self.judge(rule, doc, count, stated, &listed, true, out);
    }
}

impl Check for CountListed {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for i in 0..doc.sentences.len() {
            if doc.slice(doc.sentences[i].span).contains(':') {
                self.sentence(rule, doc, i, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "count-vs-listed"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "count_listed"
        message = "`{count}` announces another number than the {listed} listed: {items}"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn a_count_that_does_not_match_its_list_fires() {
        let text = "The minister announced a trio of major changes: the dismissal of the harbour chief and the appointment of a new adviser.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let l = &f[0].labels[0];
        assert_eq!(&text[l.span.start..l.span.end], "a trio of major changes");
        assert_eq!(
            count(
                "The ministry will consist of three services: Police, Rescue, Migration and Customs."
            ),
            1
        );
        assert_eq!(
            count("The guard consists of the following four units:\n\n- North\n- South\n- East\n"),
            1
        );
    }

    #[test]
    fn counts_that_match_or_cannot_be_judged_stay_silent() {
        for silent in [
            "The ministry will consist of three structures: Police, Rescue and Migration Services.",
            "The guard consists of the following three units:\n\n- North\n- South\n- East\n",
            // A nested list: items of items.
            "The guard consists of the following two units:\n\n- North, with:\n  - a port office\n  - a boat unit\n- South\n",
            // The list goes on past the counted items.
            "It has three services: Police, Rescue and Customs, as well as a training school.",
            // A measure, not a count of items.
            "He served seven months: from January to July.",
            // Items that are clauses, a quotation.
            "She gave two reasons: the budget had been cut in the spring and the staff of the office had left one by one over the year.",
            "He said three words: \"No comment here.\"",
            // Shares of the whole, not items: parts-total adds those up.
            "The service consists of 12 directorates: five in the west, four in the east and two in the south.",
            // More items than stated, but an `and` may sit inside a name.
            "It has two ministries: the Ministry of Trade and the Ministry of Culture and Sport.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
