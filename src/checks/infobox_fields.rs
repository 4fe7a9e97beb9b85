//! `infobox_fields`: infobox lines that are not well formed — the `- Key: Value` run that
//! follows an `Infobox` line, read line by line as written, so that a line the parser could not
//! take for a field (a missing colon) is still seen.
//!
//! One kind, several aspects (the rule's `aspect` parameter), each a defect of markup a reader
//! sees at once and a tool reading the infobox gets wrong:
//!
//! - `duplicate_key`: one key given twice with two values (`- Party: Independent` ... `- Party:
//!   Ada Prinn`): one value overwrote another field, or a field was pasted twice.
//! - `missing_colon`: a bullet line among the fields whose leading words are a sibling's key
//!   with another number (`- Chief3 Position Deputy Minister` next to `Chief1 Position:`).
//! - `empty_value`: a key with nothing after its colon, in an infobox whose other keys have
//!   values.
//! - `run_together`: a value made of two names of bodies with no separator between them, both
//!   ending in the same `of X` (`Ministry of Trade of Norland Government of Norland`): a list
//!   separator was lost in extraction.
//! - `brackets`: a value whose brackets do not balance, or whose brackets hold nothing but
//!   separators (`(NCG; , )`, `()`).
//! - `leading_punctuation`: a value that opens with a comma, semicolon, colon or a closing
//!   bracket (`- Chief1 Position: , Director`): the first item of a list was lost.
//!
//! Precision first: each aspect reads only the infobox, where the shape of a value is known
//! (one value or a list of names, not prose), and each compares a field with its own siblings.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "infobox_fields",
    summary: "infobox lines that are not well formed: a key twice, a missing colon, an empty or broken value",
    params: "aspect: duplicate_key, missing_colon, empty_value, run_together, brackets or leading_punctuation (required)\n\
             min_filled: empty_value only: the infobox must have at least this many filled keys (3)\n\
             max_empty_share: empty_value only: at most this share of its keys may be empty (0.34)",
    placeholders: &["key", "value", "other", "line"],
    build,
};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
enum Aspect {
    DuplicateKey,
    MissingColon,
    EmptyValue,
    RunTogether,
    Brackets,
    LeadingPunctuation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    aspect: Aspect,
    #[serde(default = "min_filled")]
    min_filled: usize,
    #[serde(default = "max_empty_share")]
    max_empty_share: f64,
}

fn min_filled() -> usize {
    3
}
fn max_empty_share() -> f64 {
    0.34
}

struct InfoboxFields {
    aspect: Aspect,
    min_filled: usize,
    max_empty_share: f64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if !(0.0..=1.0).contains(&p.max_empty_share) {
        return Err(format!(
            "max_empty_share must be between 0 and 1, not {}",
            p.max_empty_share
        ));
    }
    Ok(Box::new(InfoboxFields {
        aspect: p.aspect,
        min_filled: p.min_filled,
        max_empty_share: p.max_empty_share,
    }))
}

/// `- Key: Value`, as the parser reads a field, but with keys in any script.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*[-*][ \t]*(?<key>\p{L}[\p{L}\p{N}_ ]{0,40}?)[ \t]*:[ \t]*(?<value>.*?)[ \t]*$",
    )
    .unwrap()
});
/// A bullet line: a field, or a line meant to be one.
static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*[-*][ \t]+(?<body>\S.*?)[ \t]*$").unwrap());

/// One line of an infobox.
#[derive(Debug)]
enum Line {
    Field {
        key: Span,
        value: Span,
        line: Span,
    },
    /// A bullet line without a colon.
    Bare {
        body: Span,
        line: Span,
    },
}

/// The lines of every infobox of a document: from each `Infobox` line to the first line that
/// is blank or not a bullet.
fn infoboxes(doc: &Document) -> Vec<Vec<Line>> {
    let mut out = Vec::new();
    for block in &doc.blocks {
        if !matches!(block.kind, BlockKind::InfoboxStart) {
            continue;
        }
        let mut lines = Vec::new();
        let mut i = doc.line_index(block.span.start) + 1;
        while i < doc.line_count() {
            let line = doc.line_span(i);
            let s = doc.slice(line);
            let at = |m: regex::Match| Span::new(line.start + m.start(), line.start + m.end());
            if let Some(c) = FIELD.captures(s) {
                lines.push(Line::Field {
                    key: at(c.name("key").unwrap()),
                    value: at(c.name("value").unwrap()),
                    line: trimmed(doc, line),
                });
            } else if let Some(c) = BULLET.captures(s)
                && !s.contains(':')
            {
                lines.push(Line::Bare {
                    body: at(c.name("body").unwrap()),
                    line: trimmed(doc, line),
                });
            } else {
                break;
            }
            i += 1;
        }
        out.push(lines);
    }
    out
}

fn trimmed(doc: &Document, line: Span) -> Span {
    let s = doc.slice(line);
    let lead = s.len() - s.trim_start().len();
    Span::new(line.start + lead, line.start + s.trim_end().len())
}

/// A key as siblings share it: letters only, lowercased (`Chief3 Position` → `chiefposition`).
fn key_shape(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A key compared with another for repetition: case and spacing do not count, numbers do
/// (`Office2` is another key than `Office`).
fn key_identity(key: &str) -> String {
    key.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

impl InfoboxFields {
    fn duplicate_key(&self, rule: &Rule, doc: &Document, lines: &[Line], out: &mut Vec<Finding>) {
        let fields: Vec<(Span, Span, Span)> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Field { key, value, line } => Some((*key, *value, *line)),
                Line::Bare { .. } => None,
            })
            .collect();
        for (i, (key, value, line)) in fields.iter().enumerate() {
            let id = key_identity(doc.slice(*key));
            let first = fields[..i]
                .iter()
                .find(|(k, _, _)| key_identity(doc.slice(*k)) == id);
            let Some((_, first_value, first_line)) = first else {
                continue;
            };
            let (v, w) = (doc.slice(*value).trim(), doc.slice(*first_value).trim());
            // The same value twice is a harmless repeat; two values mean one is lost.
            if v.eq_ignore_ascii_case(w) {
                continue;
            }
            let k = doc.slice(*key);
            out.push(
                rule.finding(&[("key", k), ("value", v), ("other", w)])
                    .label(doc.id, *line, format!("`{k}` given again, as `{v}`"))
                    .label(doc.id, *first_line, format!("`{k}` first given as `{w}`"))
                    .note("the later line is marked: a key pasted over another field is most often the one that was edited last")
                    .suggest(format!("give the key of the field that `{v}` belongs to, or delete one of the two `{k}` lines")),
            );
        }
    }

    fn missing_colon(&self, rule: &Rule, doc: &Document, lines: &[Line], out: &mut Vec<Finding>) {
        let keys: Vec<String> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Field { key, .. } => Some(key_shape(doc.slice(*key))),
                Line::Bare { .. } => None,
            })
            .filter(|k| !k.is_empty())
            .collect();
        for l in lines {
            let Line::Bare { body, line } = l else {
                continue;
            };
            let text = doc.slice(*body);
            // The longest run of leading words shaped like a sibling's key, with a value after.
            let words: Vec<(usize, &str)> = text
                .split_whitespace()
                .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                .collect();
            let mut found = None;
            for n in 1..words.len() {
                let (at, w) = words[n - 1];
                let end = at + w.len();
                if keys.contains(&key_shape(&text[..end])) {
                    found = Some(end);
                }
            }
            let Some(end) = found else {
                continue;
            };
            let key = &text[..end];
            let value = text[end..].trim();
            let shown = doc.slice(*line);
            out.push(
                rule.finding(&[("line", shown), ("key", key), ("value", value)])
                    .label(doc.id, *line, format!("no colon after `{key}`"))
                    .note("the other lines of the infobox write `Key: Value`; without the colon the line is not read as a field")
                    .suggest(format!("{key}: {value}")),
            );
        }
    }

    fn empty_value(&self, rule: &Rule, doc: &Document, lines: &[Line], out: &mut Vec<Finding>) {
        let fields: Vec<(Span, Span, Span)> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Field { key, value, line } => Some((*key, *value, *line)),
                Line::Bare { .. } => None,
            })
            .collect();
        let empty: Vec<&(Span, Span, Span)> = fields.iter().filter(|f| f.1.is_empty()).collect();
        let filled = fields.len() - empty.len();
        // A box of mostly empty keys is a template nobody filled in, not a lost value.
        if empty.is_empty()
            || filled < self.min_filled
            || empty.len() as f64 > self.max_empty_share * fields.len() as f64
        {
            return;
        }
        for (key, _, line) in empty {
            let k = doc.slice(*key);
            out.push(
                rule.finding(&[("key", k)])
                    .label(doc.id, *line, format!("`{k}` has no value"))
                    .note(format!(
                        "{filled} other keys of this infobox have values; an empty one is a value lost in editing or extraction"
                    ))
                    .suggest(format!("give `{k}` its value, or delete the line")),
            );
        }
    }

    fn run_together(&self, rule: &Rule, doc: &Document, lines: &[Line], out: &mut Vec<Finding>) {
        for l in lines {
            let Line::Field { key, value, line } = l else {
                continue;
            };
            let v = doc.slice(*value);
            let Some(cut) = run_together_cut(v) else {
                continue;
            };
            let (a, b) = (v[..cut].trim_end(), v[cut..].trim_start());
            out.push(
                rule.finding(&[("key", doc.slice(*key)), ("value", a), ("other", b)])
                    .label(doc.id, *line, format!("`{a}` and `{b}` run together"))
                    .note("both names end with the same `of ...` and nothing separates them: a list of two values lost its separator")
                    .suggest(format!("{a}, {b}")),
            );
        }
    }

    fn brackets(&self, rule: &Rule, doc: &Document, lines: &[Line], out: &mut Vec<Finding>) {
        for l in lines {
            let Line::Field { key, value, line } = l else {
                continue;
            };
            let v = doc.slice(*value);
            let Some(why) = bracket_defect(v) else {
                continue;
            };
            out.push(
                rule.finding(&[("key", doc.slice(*key)), ("value", v)])
                    .label(doc.id, *line, why)
                    .suggest("close the bracket, or fill in or delete what it lost"),
            );
        }
    }

    fn leading_punctuation(
        &self,
        rule: &Rule,
        doc: &Document,
        lines: &[Line],
        out: &mut Vec<Finding>,
    ) {
        for l in lines {
            let Line::Field { key, value, line } = l else {
                continue;
            };
            let v = doc.slice(*value);
            let Some(mark) = v
                .chars()
                .next()
                .filter(|c| [',', ';', ':', ')', ']'].contains(c))
            else {
                continue;
            };
            let rest = v[mark.len_utf8()..].trim_start();
            let k = doc.slice(*key);
            out.push(
                rule.finding(&[("key", k), ("value", v)])
                    .label(doc.id, *line, format!("the value opens with `{mark}`"))
                    .note("a value that opens with a separator has lost what stood before it")
                    .suggest(format!("{k}: {rest}")),
            );
        }
    }
}

/// Words that may stand inside the name of a body without a capital.
const NAME_LINKS: [&str; 8] = ["of", "the", "and", "for", "on", "de", "du", "la"];

/// Where two names of bodies run together in `value`: the byte offset of the second, when both
/// end with the same `of X`, each is a name (capitalised words joined by `of`, `the`, `and`...),
/// and no separator stands between them.
fn run_together_cut(value: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = value
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - value.as_ptr() as usize, w))
        .collect();
    let n = words.len();
    if n < 6 {
        return None;
    }
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let name_word = |w: &str| {
        capital(w)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            || NAME_LINKS.contains(&w)
    };
    if !words.iter().all(|(_, w)| name_word(w)) {
        return None;
    }
    let tail = words[n - 1].1;
    if words[n - 2].1 != "of" || !capital(tail) {
        return None;
    }
    // The first name ends with the same `of X` at word `j - 1`; the second opens at `j` with
    // a capitalised word. Each name holds at least three words.
    (3..n - 2)
        .find(|&j| {
            words[j - 1].1 == tail
                && words[j - 2].1 == "of"
                && capital(words[j].1)
                && n - j >= 3
                && j >= 3
        })
        .map(|j| words[j].0)
}

/// What is wrong with the brackets of a value, if anything.
fn bracket_defect(value: &str) -> Option<String> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (i, c) in value.char_indices() {
        match c {
            '(' | '[' => stack.push((c, i)),
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                match stack.pop() {
                    Some((o, at)) if o == open => {
                        let inner = &value[at + 1..i];
                        if inner.split([',', ';']).any(|p| p.trim().is_empty()) {
                            return Some(format!(
                                "`{}` holds an empty item",
                                &value[at..i + c.len_utf8()]
                            ));
                        }
                    }
                    _ => return Some(format!("`{c}` closes a bracket that was never opened")),
                }
            }
            _ => {}
        }
    }
    stack.first().map(|(c, _)| format!("`{c}` is never closed"))
}

impl Check for InfoboxFields {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for lines in infoboxes(doc) {
            match self.aspect {
                Aspect::DuplicateKey => self.duplicate_key(rule, doc, &lines, out),
                Aspect::MissingColon => self.missing_colon(rule, doc, &lines, out),
                Aspect::EmptyValue => self.empty_value(rule, doc, &lines, out),
                Aspect::RunTogether => self.run_together(rule, doc, &lines, out),
                Aspect::Brackets => self.brackets(rule, doc, &lines, out),
                Aspect::LeadingPunctuation => self.leading_punctuation(rule, doc, &lines, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings, rule};

    fn aspect_rule(aspect: &str) -> Rule {
        rule(&format!(
            r#"
            name = "infobox-test"
            code = "S900"
            category = "structure"
            severity = "warning"
            check = "infobox_fields"
            message = "key `{{key}}` value `{{value}}`"
            [rule.params]
            aspect = "{aspect}"
        "#
        ))
    }

    fn count(aspect: &str, text: &str) -> usize {
        findings(&aspect_rule(aspect), &[text]).len()
    }

    const BOX: &str = "= Ada Prinn =\n\nInfobox\n- Name: Ada Prinn\n- Office: Minister of Trade\n- Term Start: 2 May 2019\n- Office2: Mayor of Port Vell\n- Party: Harbour League\n- Spouse: Tom Prinn\n\nAda Prinn is a politician.\n";

    #[test]
    fn a_key_given_twice_with_two_values() {
        let text = BOX.replace("- Spouse: Tom Prinn", "- Party: Tom Prinn");
        let f = findings(&aspect_rule("duplicate_key"), &[&text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let primary = &f[0].labels[0];
        assert_eq!(
            &text[primary.span.start..primary.span.end],
            "- Party: Tom Prinn"
        );
        // Numbered keys are other keys; the same value twice loses nothing.
        assert_eq!(count("duplicate_key", BOX), 0);
        let same = BOX.replace("- Spouse: Tom Prinn", "- Party: Harbour League");
        assert_eq!(count("duplicate_key", &same), 0);
    }

    #[test]
    fn a_line_without_its_colon() {
        let text = "Infobox\n- Chief1 Name: Ada Prinn\n- Chief1 Position: Director\n- Chief2 Name: Tom Vell\n- Chief2 Position Deputy Director\n- Website: example.org\n";
        let f = findings(&aspect_rule("missing_colon"), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].suggestion.as_deref(),
            Some("Chief2 Position: Deputy Director")
        );
        // A bullet list after the infobox, or a bare line that is no sibling's key.
        for silent in [
            "Infobox\n- Chief1 Name: Ada Prinn\n- Chief1 Position: Director\n\n- Chief of the guard\n",
            "Infobox\n- Chief1 Name: Ada Prinn\n- Harbour Ministry of Norland\n- Website: example.org\n",
        ] {
            assert_eq!(count("missing_colon", silent), 0, "{silent}");
        }
    }

    #[test]
    fn an_empty_value_among_filled_ones() {
        let text = BOX.replace("- Spouse: Tom Prinn", "- Spouse:");
        assert_eq!(count("empty_value", &text), 1);
        assert_eq!(count("empty_value", BOX), 0);
        // A template left mostly blank is not a lost value.
        let blank =
            "Infobox\n- Name: Ada Prinn\n- Office:\n- Party:\n- Spouse:\n- Website: example.org\n";
        assert_eq!(count("empty_value", blank), 0);
    }

    #[test]
    fn two_names_run_together() {
        assert!(run_together_cut("Ministry of Trade of Norland Government of Norland").is_some());
        for silent in [
            "Ministry of Trade of Norland",
            "Ministry of Trade of Norland, Government of Norland",
            "Bank of Norland Tower",
            "Government of Norland",
            "Ministry of Trade and Industry of Norland",
            "Office of the President of Norland",
        ] {
            assert_eq!(run_together_cut(silent), None, "{silent}");
        }
    }

    #[test]
    fn broken_brackets() {
        assert!(bracket_defect("€4.2 million (USD 4.6 million.").is_some());
        assert!(bracket_defect("Coastal Guard (NCG; , )").is_some());
        assert!(bracket_defect("Coastal Guard ()").is_some());
        assert!(bracket_defect("Ada Prinn) Director").is_some());
        for silent in [
            "Coastal Guard (NCG; CGN)",
            "Harbour Ministry (Norland (north) office)",
            "€4.2 million (USD 4.6 million)",
            "2002 [1]",
        ] {
            assert_eq!(bracket_defect(silent), None, "{silent}");
        }
    }

    #[test]
    fn a_value_opening_with_a_separator() {
        let text = "Infobox\n- Chief1 Name: Ada Prinn\n- Chief1 Position: , Director\n- Employees: 2,500\n- Budget: -4 million\n";
        let f = findings(&aspect_rule("leading_punctuation"), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].suggestion.as_deref(),
            Some("Chief1 Position: Director")
        );
    }
}
