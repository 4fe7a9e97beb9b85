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
    params: "max_chars: an unclosed heading has at most this many characters of text (80)",
    placeholders: &["heading", "open", "close"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "max_chars")]
    max_chars: usize,
}

fn max_chars() -> usize {
    80
}

struct HeadingMarkers {
    max_chars: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(HeadingMarkers {
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

impl Check for HeadingMarkers {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
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
