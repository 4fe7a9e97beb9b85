//! reStructuredText and AsciiDoc, read far enough to keep their code and directives out of the
//! prose: a line-based pass blanks literal and listing blocks, directives, comments, attribute
//! lines and inline literals (each byte a space, line breaks kept, as for Markdown), and tells
//! the block parser which lines are section titles. What is left goes through the line-based
//! block parser like any plain document.

use std::sync::LazyLock;

use regex::Regex;

use super::{Block, BlockKind, trim};
use crate::corpus::Span;

/// reStructuredText's section adornment: one punctuation character repeated.
static RST_ADORNMENT: LazyLock<Regex> = LazyLock::new(|| {
    // The regex crate has no back-references: one alternative per character.
    let each: Vec<String> = "=-`:'\"~^_*+#<>."
        .chars()
        .map(|c| format!("{}{{3,}}", regex::escape(&c.to_string())))
        .collect();
    Regex::new(&format!("^(?:{})[ \t]*$", each.join("|"))).unwrap()
});
/// A grid or simple table border: `+---+---+` or `=== ===`.
static RST_TABLE_RULE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*(?:\+[-=+]+\+|=+(?:[ \t]+=+)+)[ \t]*$").unwrap());
/// ``literal``, :role:`text`, and the `<target>` of a `Text <target>`_ link.
static RST_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"``[^`]+``|:[\w.+-]+:`[^`]*`|<[^<>\s]+>`_{1,2}").unwrap());
static ADOC_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(=+|#+)[ \t]+(\S.*?)[ \t]*$").unwrap());
/// A delimited block whose content is not prose: listing, literal, passthrough, comment, fence.
static ADOC_FENCE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(-{4,}|\.{4,}|\+{4,}|/{4,}|`{3,}[\w+-]*)[ \t]*$").unwrap());
/// A line that is markup as a whole: attribute entry, block attribute list, line comment,
/// block macro (`image::x.png[]`), or the delimiter of a prose block (`====`, `****`, `____`).
static ADOC_MARKUP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?::!?[\w-]+!?:.*|\[[^\]]*\]|//.*|[a-z]+::\S*\[.*\]|={4,}|\*{4,}|_{4,}|\|===)[ \t]*$",
    )
    .unwrap()
});
/// `literal` and +passthrough+ inline.
static ADOC_INLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"`[^`\n]+`|\+[^+\s][^+\n]*\+|https?://\S+\[").unwrap());

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Rst,
    AsciiDoc,
}

/// Line spans without their endings.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        out.push(Span::new(start, start + body.len()));
        start += line.len();
    }
    out
}

fn indent(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t']).len()
}

/// The blanked copy of `text`.
pub fn blank(text: &str, flavour: Flavour) -> String {
    let lines = lines(text);
    let mut hide = vec![false; text.len()];
    let mut mark = |span: Span| {
        for b in &mut hide[span.start..span.end] {
            *b = true;
        }
    };
    let line = |i: usize| &text[lines[i].start..lines[i].end];
    let mut i = 0;
    while i < lines.len() {
        let s = line(i);
        match flavour {
            Flavour::Rst => {
                let trimmed = s.trim_start();
                let directive = trimmed.starts_with(".. ") || trimmed == "..";
                let literal = s.trim_end().ends_with("::") && !directive;
                if directive {
                    mark(lines[i]);
                }
                if RST_ADORNMENT.is_match(s) || RST_TABLE_RULE.is_match(s) {
                    mark(lines[i]);
                } else if s.trim_start().starts_with('|') && s.trim_end().ends_with('|') {
                    // A row of a grid table.
                    mark(lines[i]);
                }
                if !directive {
                    for m in RST_INLINE.find_iter(s) {
                        mark(Span::new(
                            lines[i].start + m.start(),
                            lines[i].start + m.end(),
                        ));
                    }
                }
                if directive || literal {
                    // The indented body that follows (blank lines included) belongs to it.
                    let base = indent(s);
                    let mut j = i + 1;
                    while j < lines.len() && (line(j).trim().is_empty() || indent(line(j)) > base) {
                        j += 1;
                    }
                    // Trailing blank lines are not the body's.
                    while j > i + 1 && line(j - 1).trim().is_empty() {
                        j -= 1;
                    }
                    for &span in &lines[i + 1..j] {
                        mark(span);
                    }
                    if j > i + 1 {
                        i = j;
                        continue;
                    }
                }
            }
            Flavour::AsciiDoc => {
                if let Some(c) = ADOC_FENCE.captures(s) {
                    let open = c.get(1).unwrap().as_str();
                    let fence = open.trim_end_matches(|c: char| c.is_alphanumeric() || c == '+');
                    let fence = if fence.starts_with('`') { "```" } else { open };
                    let mut j = i + 1;
                    while j < lines.len() && !line(j).trim_end().starts_with(fence) {
                        j += 1;
                    }
                    let end = j.min(lines.len() - 1);
                    for &span in &lines[i..=end] {
                        mark(span);
                    }
                    i = end + 1;
                    continue;
                }
                if ADOC_MARKUP_LINE.is_match(s) {
                    mark(lines[i]);
                } else {
                    if let Some(c) = ADOC_HEADING.captures(s) {
                        let m = c.get(1).unwrap();
                        mark(Span::new(lines[i].start, lines[i].start + m.end()));
                    }
                    for m in ADOC_INLINE.find_iter(s) {
                        mark(Span::new(
                            lines[i].start + m.start(),
                            lines[i].start + m.end(),
                        ));
                    }
                }
            }
        }
        i += 1;
    }
    let mut bytes = text.as_bytes().to_vec();
    for (b, h) in bytes.iter_mut().zip(&hide) {
        if *h && *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // Regex matches and whole lines start and end on character boundaries; every byte of a
    // character hidden becomes a space.
    String::from_utf8(bytes).expect("blanking keeps UTF-8 valid")
}

/// A section title on the line `line` of the original `text`: in reStructuredText a line
/// underlined by an adornment at least as long; in AsciiDoc a line opened by `=` or `#`.
pub fn heading(text: &str, line: Span, flavour: Flavour, first: bool) -> Option<Block> {
    let s = &text[line.start..line.end];
    let (level, content) = match flavour {
        Flavour::Rst => {
            let next_start = text[line.end..].find('\n').map(|i| line.end + i + 1)?;
            let next_end = text[next_start..]
                .find('\n')
                .map_or(text.len(), |i| next_start + i);
            let next = text[next_start..next_end].trim_end_matches('\r');
            if !RST_ADORNMENT.is_match(next) {
                return None;
            }
            let title = s.trim();
            if title.is_empty()
                || RST_ADORNMENT.is_match(s)
                || next.trim_end().chars().count() < title.chars().count()
            {
                return None;
            }
            let level = if next.starts_with('=') && first { 1 } else { 2 };
            (level, trim(text, line))
        }
        Flavour::AsciiDoc => {
            let c = ADOC_HEADING.captures(s)?;
            let inner = c.get(2).unwrap();
            (
                c.get(1).unwrap().len(),
                Span::new(line.start + inner.start(), line.start + inner.end()),
            )
        }
    };
    Some(Block {
        kind: if level == 1 {
            BlockKind::Title
        } else {
            BlockKind::Heading { level: level as u8 }
        },
        span: trim(text, line),
        content,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rst_code_directives_and_literals_are_blanked() {
        let text = "Harbour Guide\n=============\n\nRun ``the the`` now. See `the docs <https://x.org>`_.\n\nExample::\n\n    echo the the\n\n.. code-block:: sh\n\n   echo the the\n\nThe pier opens at six.\n";
        let out = blank(text, Flavour::Rst);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("the the"), "{out}");
        assert!(!out.contains("https"), "{out}");
        assert!(out.contains("The pier opens at six."), "{out}");
        assert!(out.contains("Harbour Guide"), "{out}");
        assert!(!out.contains("===="), "{out}");
        let first = Span::new(0, 13);
        assert!(heading(text, first, Flavour::Rst, true).is_some());
        let prose = Span::new(text.find("The pier").unwrap(), text.len() - 1);
        assert!(heading(text, prose, Flavour::Rst, false).is_none());
    }

    #[test]
    fn asciidoc_listings_attributes_and_inline_code_are_blanked() {
        let text = "= Harbour Guide\n:toc: left\n\n== Use\n\nRun `the the` now.\n\n[source,sh]\n----\necho the the\n----\n\n// the the\nThe pier opens at six.\n";
        let out = blank(text, Flavour::AsciiDoc);
        assert_eq!(out.len(), text.len());
        assert!(!out.contains("the the"), "{out}");
        assert!(!out.contains("toc"), "{out}");
        assert!(!out.contains("echo"), "{out}");
        assert!(out.contains("The pier opens at six."), "{out}");
        let h = heading(text, Span::new(0, 15), Flavour::AsciiDoc, true).unwrap();
        assert_eq!(
            (h.kind, &text[h.content.start..h.content.end]),
            (BlockKind::Title, "Harbour Guide")
        );
    }
}
