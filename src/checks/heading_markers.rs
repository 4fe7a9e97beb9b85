//! `heading_markers`: a wiki-style heading whose markers do not balance (`=== Operations ==`),
//! or that opens with markers and never closes them (`== Operations`).
//!
//! Why it matters: the level of a heading is the number of its markers, so a heading with two
//! counts has no level, and a parser (the one of this tool among them) reads it as prose — the
//! section and everything that hangs on it (section dates, headings as context) are lost.
//!
//! How: each line is read as written. A line that opens with two or more `=` and ends with `=`
//! is a heading with a count at each side; the counts must agree. A line that opens with two or
//! more `=` followed by a short text without closing punctuation and no `=` at the end is an
//! unclosed heading, reported only when the document writes its other headings closed (so a
//! document in another convention is left alone). Lines inside fenced code blocks are skipped.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "heading_markers",
    summary: "a wiki-style heading whose opening and closing markers do not balance",
    params: "markers: `equals` for wiki headings (`== S ==`), `hash` for Markdown ones written without the space after `#` (equals)\n\
             max_chars: an unclosed heading has at most this many characters of text (80)",
    placeholders: &["heading", "open", "close"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    markers: Markers,
    #[serde(default = "max_chars")]
    max_chars: usize,
}

#[derive(Deserialize, Default, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Markers {
    #[default]
    Equals,
    Hash,
}

fn max_chars() -> usize {
    80
}

struct HeadingMarkers {
    markers: Markers,
    max_chars: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(HeadingMarkers {
        markers: p.markers,
        max_chars: p.max_chars,
    }))
}

/// Markers at both ends.
static CLOSED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?<open>=+)[ \t]*(?<text>[^=].*?)[ \t]*(?<close>=+)[ \t]*$").unwrap()
});
/// Markers at the start only.
static OPEN_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?<open>={2,})[ \t]*(?<text>[^= \t][^=]*?)[ \t]*$").unwrap());

/// A Markdown heading as written: `## Section`.
static HASH_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^#{1,6}[ \t]+\S").unwrap());
/// Hashes glued to a word: `##Section`, which Markdown reads as a paragraph.
static HASH_GLUED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?<open>#{1,6})(?<text>\p{Lu}[^#]*?)[ \t]*$").unwrap());

impl HeadingMarkers {
    /// Markdown headings without the space after their hashes, in a document whose other
    /// headings have it.
    fn hash(&self, rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
        let mut proper = 0;
        let mut glued: Vec<(Span, usize, String)> = Vec::new();
        let mut in_fence = false;
        for i in 0..doc.line_count() {
            let line = doc.line_span(i);
            let s = doc.slice(line);
            if s.trim_start().starts_with("```") || s.trim_start().starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence || !s.starts_with('#') {
                continue;
            }
            if HASH_HEADING.is_match(s) {
                proper += 1;
            } else if let Some(c) = HASH_GLUED.captures(s) {
                let text = c["text"].to_string();
                if text.chars().count() <= self.max_chars
                    && !text.ends_with(['.', ',', ';', ':', '!', '?'])
                {
                    let span = Span::new(line.start, line.start + s.trim_end().len());
                    glued.push((span, c["open"].len(), text));
                }
            }
        }
        if proper == 0 {
            return;
        }
        for (span, open, text) in glued {
            let m = "#".repeat(open);
            out.push(
                rule.finding(&[
                    ("heading", doc.slice(span)),
                    ("open", &open.to_string()),
                    ("close", "0"),
                ])
                .label(doc.id, span, format!("no space after the {open} `#`"))
                .note(format!(
                    "Markdown reads `#` glued to a word as text, not as a heading; the document's other {proper} headings have the space"
                ))
                .suggest(format!("{m} {text}")),
            );
        }
    }
}

impl Check for HeadingMarkers {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        if self.markers == Markers::Hash {
            return self.hash(rule, doc, out);
        }
        let mut balanced = 0;
        let mut unclosed: Vec<(Span, usize)> = Vec::new();
        let mut in_fence = false;
        for i in 0..doc.line_count() {
            let line = doc.line_span(i);
            let s = doc.slice(line);
            if s.trim_start().starts_with("```") || s.trim_start().starts_with("~~~") {
                in_fence = !in_fence;
                continue;
            }
            if in_fence || !s.starts_with('=') {
                continue;
            }
            if let Some(c) = CLOSED.captures(s) {
                let (open, close) = (c["open"].len(), c["close"].len());
                if open == close {
                    balanced += 1;
                    continue;
                }
                let heading = s.trim_end();
                let text = &c["text"];
                out.push(
                    rule.finding(&[
                        ("heading", heading),
                        ("open", &open.to_string()),
                        ("close", &close.to_string()),
                    ])
                    .label(
                        doc.id,
                        Span::new(line.start, line.start + heading.len()),
                        format!("opens with {open} `=` and closes with {close}"),
                    )
                    .note("a heading's level is the number of its markers; with two counts it has no level and is read as prose")
                    .suggest({
                        let m = "=".repeat(open);
                        format!("{m} {text} {m}")
                    }),
                );
            } else if let Some(c) = OPEN_ONLY.captures(s) {
                let text = &c["text"];
                if text.chars().count() <= self.max_chars && !text.ends_with(['.', ',', ';', ':']) {
                    unclosed.push((
                        Span::new(line.start, line.start + s.trim_end().len()),
                        c["open"].len(),
                    ));
                }
            }
        }
        // An unclosed heading is a slip only where the document closes its headings.
        if balanced == 0 {
            return;
        }
        for (span, open) in unclosed {
            let heading = doc.slice(span);
            let text = heading.trim_start_matches('=').trim();
            let m = "=".repeat(open);
            out.push(
                rule.finding(&[
                    ("heading", heading),
                    ("open", &open.to_string()),
                    ("close", "0"),
                ])
                .label(
                    doc.id,
                    span,
                    format!("opens with {open} `=` and never closes"),
                )
                .note(format!(
                    "the document's other {balanced} headings close their markers"
                ))
                .suggest(format!("{m} {text} {m}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "heading-markers-unbalanced"
        code = "S900"
        category = "structure"
        severity = "warning"
        check = "heading_markers"
        message = "heading `{heading}` opens with {open} markers and closes with {close}"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn unbalanced_headings_fire() {
        let text = "= Harbour Ministry =\n\n== History ==\n\n=== Early years ===\nIt was founded.\n\n=== Operations ==\nIt works.\n";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("=== Operations ==="));
        let l = &f[0].labels[0];
        assert_eq!(&text[l.span.start..l.span.end], "=== Operations ==");
        assert_eq!(
            count("= Harbour Ministry =\n\n== History ==\n\n== Operations\nIt works.\n"),
            1
        );
    }

    #[test]
    fn markdown_headings_without_their_space() {
        let hash = rule(&format!("{RULE}\n[rule.params]\nmarkers = \"hash\"\n"));
        let text =
            "# Harbour Ministry\n\n## History\n\nIt was founded.\n\n##Operations\n\nIt works.\n";
        let f = findings(&hash, &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("## Operations"));
        for silent in [
            "# Harbour Ministry\n\n## History\n\nIt was founded.\n",
            // No proper heading to compare with; a tag; a number.
            "#Harbour\n\nIt works.\n",
            "# Title\n\n#1 is the port.\n\n#harbour news\n",
            "# Title\n\n```\n#Include this\n```\n",
        ] {
            assert!(findings(&hash, &[silent]).is_empty(), "{silent}");
        }
    }

    #[test]
    fn consistent_headings_stay_silent() {
        for silent in [
            "= Harbour Ministry =\n\n== History ==\n\n=== Early years ===\nIt was founded.\n",
            // A document that never closes its headings has another convention.
            "== History\nIt was founded.\n\n== Operations\nIt works.\n",
            // Not headings: an equation, a rule line, code.
            "= Title =\n\nWe have x = y and == is equality.\n\n```\n== not a heading\n```\n",
            "= Title =\n\n== Notes ==\n\n== x + y = z, as shown.\n",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
