//! `markup_residue`: marks left in the text by a conversion or an edit that a reader sees as
//! broken — link residue and brackets that do not balance.
//!
//! Aspects (the rule's `aspect` parameter):
//!
//! - `link_residue`: a wiki link flattened badly, where the link's target with its
//!   disambiguator runs into its label (`Norland (country)Norland`), or link brackets left in a
//!   plain-text document (`[[Port Vell]]`). Read on every line, infobox values included.
//! - `brackets`: a paragraph, list item or heading whose round or square brackets do not
//!   balance (`€4.2 million (USD 4.6 million.`), or a bracket that holds only separators
//!   (`Coastal Guard ( ; )`). Infobox values are left to `infobox-value-brackets`.
//!
//! Precision first: a disambiguator is lowercase words in brackets with a capitalised word
//! glued to the closing bracket; list enumerators (`1)`, `a)`, `iv)`), emoticons and text in
//! backticks are not brackets to balance; `[[...]]` is a link only outside Markdown, where wiki
//! links are a convention of some tools.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "markup_residue",
    summary: "link residue and unbalanced brackets left by a conversion or an edit",
    params: "aspect: link_residue or brackets (required)",
    placeholders: &["text", "fix"],
    build,
};

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Aspect {
    LinkResidue,
    Brackets,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    aspect: Aspect,
}

struct MarkupResidue {
    aspect: Aspect,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(MarkupResidue { aspect: p.aspect }))
}

/// `Target (disambiguator)Label`.
static GLUED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?<target>\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3})\s+\((?<dis>\p{Ll}[\p{Ll} ]{2,30})\)(?<label>\p{Lu}[\p{L}’'-]*)")
        .unwrap()
});
/// `[[Target]]` or `[[Target|Label]]`.
static WIKI_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\[\[(?<target>[^\[\]|\n]+)(?:\|(?<label>[^\[\]\n]+))?\]\]").unwrap()
});
/// Brackets holding only separators.
static EMPTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|\s)(?<b>\(\s*[,;]?\s*[,;]?\s*\)|\[\s*[,;]?\s*\])").unwrap());

impl MarkupResidue {
    fn link_residue(&self, rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
        let markdown = doc.name.ends_with(".md") || doc.name.ends_with(".markdown");
        for i in 0..doc.line_count() {
            let line = doc.line_span(i);
            let s = doc.slice(line);
            for c in GLUED.captures_iter(s) {
                let all = c.get(0).unwrap();
                let span = Span::new(all.start(), all.end()).shift(line.start);
                let label = &c["label"];
                let fix = label.to_string();
                out.push(
                    rule.finding(&[("text", doc.slice(span)), ("fix", &fix)])
                        .label(doc.id, span, format!("a link's target `{} ({})` runs into its label", &c["target"], &c["dis"]))
                        .note("a page name with its disambiguator in brackets, glued to the next word, is what is left of a link whose target and label were both kept")
                        .suggest(fix),
                );
            }
            if markdown {
                continue;
            }
            for c in WIKI_LINK.captures_iter(s) {
                let all = c.get(0).unwrap();
                let span = Span::new(all.start(), all.end()).shift(line.start);
                let fix = c
                    .name("label")
                    .unwrap_or(c.name("target").unwrap())
                    .as_str()
                    .trim()
                    .to_string();
                out.push(
                    rule.finding(&[("text", doc.slice(span)), ("fix", &fix)])
                        .label(doc.id, span, "link brackets left in plain text")
                        .suggest(fix),
                );
            }
        }
    }

    fn brackets(&self, rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
        for block in &doc.blocks {
            if !matches!(
                block.kind,
                BlockKind::Paragraph
                    | BlockKind::ListItem(_)
                    | BlockKind::Heading { .. }
                    | BlockKind::Title
            ) {
                continue;
            }
            let text = doc.slice(block.content);
            if text.contains('`') {
                continue;
            }
            if let Some((at, len, why)) = unbalanced(text) {
                let span = Span::new(at, at + len).shift(block.content.start);
                let context = context_around(text, at);
                out.push(
                    rule.finding(&[("text", context), ("fix", "")])
                        .label(doc.id, span, why)
                        .suggest("close the bracket where its aside ends, or delete the stray one"),
                );
            }
            for c in EMPTY.captures_iter(text) {
                let b = c.name("b").unwrap();
                let span = Span::new(b.start(), b.end()).shift(block.content.start);
                out.push(
                    rule.finding(&[("text", b.as_str()), ("fix", "")])
                        .label(doc.id, span, "brackets with nothing in them")
                        .suggest("fill in what the brackets lost, or delete them"),
                );
            }
        }
    }
}

/// A few words around `at`, for the message.
fn context_around(text: &str, at: usize) -> &str {
    let mut start = at.saturating_sub(30);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (at + 30).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let s = &text[start..end];
    let from = if start > 0 {
        s.find(' ').map_or(0, |i| i + 1)
    } else {
        0
    };
    let to = if end < text.len() {
        s.rfind(' ').unwrap_or(s.len())
    } else {
        s.len()
    };
    if from < to {
        s[from..to].trim()
    } else {
        s.trim()
    }
}

/// The first bracket that does not balance in `text`: its offset, length and why.
fn unbalanced(text: &str) -> Option<(usize, usize, String)> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        match c {
            '(' | '[' => stack.push((c, i)),
            ')' | ']' => {
                let open = if c == ')' { '(' } else { '[' };
                if stack.last().is_some_and(|(o, _)| *o == open) {
                    stack.pop();
                    continue;
                }
                if c == ')' && enumerator_or_emoticon(&chars, k) {
                    continue;
                }
                return Some((
                    i,
                    1,
                    format!("`{c}` closes a bracket that was never opened"),
                ));
            }
            _ => {}
        }
    }
    stack
        .first()
        .map(|&(c, i)| (i, 1, format!("`{c}` is never closed")))
}

/// True for a `)` that closes a list enumerator (`1)`, `b)`, `iv)` after a space or at the
/// start) or an emoticon (`:)`, `;)`).
fn enumerator_or_emoticon(chars: &[(usize, char)], k: usize) -> bool {
    if k > 0 && matches!(chars[k - 1].1, ':' | ';') {
        return true;
    }
    let mut j = k;
    while j > 0 && chars[j - 1].1.is_alphanumeric() {
        j -= 1;
    }
    let len = k - j;
    (1..=3).contains(&len)
        && (j == 0 || chars[j - 1].1.is_whitespace())
        && chars[j..k]
            .iter()
            .all(|(_, c)| c.is_ascii_digit() || c.is_ascii_lowercase())
}

impl Check for MarkupResidue {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        match self.aspect {
            Aspect::LinkResidue => self.link_residue(rule, doc, out),
            Aspect::Brackets => self.brackets(rule, doc, out),
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
            name = "markup-test"
            code = "S900"
            category = "structure"
            severity = "warning"
            check = "markup_residue"
            message = "`{{text}}`"
            [rule.params]
            aspect = "{aspect}"
        "#
        ))
    }

    fn count(aspect: &str, text: &str) -> usize {
        findings(&aspect_rule(aspect), &[text]).len()
    }

    #[test]
    fn link_residue_fires() {
        let text = "The Coastal Guard of Norland (country)Norland patrols the coast.";
        let f = findings(&aspect_rule("link_residue"), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            count("link_residue", "It reports to the [[Harbour Ministry]]."),
            1
        );
        for silent in [
            "The Coastal Guard of Norland (country) patrols the coast.",
            "The Coastal Guard (NCG)Norland",
            "He (s)He",
            "See Norland (country), Port Vell (city).",
        ] {
            assert_eq!(count("link_residue", silent), 0, "{silent}");
        }
    }

    #[test]
    fn unbalanced_brackets_fire() {
        assert!(unbalanced("It cost €4.2 million (USD 4.6 million.").is_some());
        assert!(unbalanced("It cost €4.2 million USD 4.6 million).").is_some());
        assert_eq!(count("brackets", "The Coastal Guard ( ; ) patrols."), 1);
        for silent in [
            "It cost €4.2 million (USD 4.6 million).",
            "The Harbour Ministry (of Norland (north)) works [1].",
            "Its tasks are: 1) to patrol, 2) to rescue and b) to report.",
            "Well :) that is it.",
            "Call `f()` or `g(`.",
        ] {
            assert_eq!(count("brackets", silent), 0, "{silent}");
        }
    }
}
