//! Blocks: the line-level structure of a document. Titles and headings (`= T =`, `== S ==`,
//! `# T`, `## S`), an infobox (`Infobox` followed by `- Key: Value` lines), list items (`- x`,
//! `• 4. x`, `3) x`), paragraphs and page separators (`---`).
//!
//! Parsing never fails: anything that is not recognised is prose. Plain and wiki-style text is
//! read line by line; Markdown goes through a real parser ([`markdown`]); reStructuredText and
//! AsciiDoc have their code and directives blanked first ([`markup`]). Which one a document is
//! follows from its file name, and for a name that says nothing, from its content
//! ([`Format::of`]).

pub mod markdown;
pub mod markup;

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

use crate::corpus::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The whole block, without its final line ending.
    pub span: Span,
    /// The part that holds text: a heading's words, a field's value, a list item's body, a
    /// paragraph's lines.
    pub content: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// The document's title: `= T =`, `# T`, or a short first line standing alone.
    Title,
    /// A section heading; level 2 is `== S ==` or `## S`.
    Heading {
        level: u8,
    },
    /// The `Infobox` line that opens a run of fields.
    InfoboxStart,
    /// `- Key: Value` inside an infobox.
    InfoboxField {
        key: Span,
        value: Span,
    },
    ListItem(ListMarker),
    Paragraph,
    /// A line of three or more dashes: a page separator left by extraction.
    PageBreak,
}

/// What opens a list item: a bullet, a number, or both (`• 4. Takes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListMarker {
    pub bullet: Option<Span>,
    pub number: Option<ListNumber>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListNumber {
    pub value: u32,
    /// The digits.
    pub span: Span,
    /// The `.` or `)` after the digits, if there is one.
    pub delimiter: Option<char>,
}

impl Block {
    pub fn is_prose(&self) -> bool {
        matches!(self.kind, BlockKind::Paragraph | BlockKind::ListItem(_))
    }

    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Title | BlockKind::Heading { .. })
    }
}

static WIKI_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(=+)[ \t]*(.*?)[ \t]*(=+)[ \t]*$").unwrap());
static MD_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$").unwrap());
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*[-*][ \t]*([A-Za-z][A-Za-z0-9_ ]{0,40}?)[ \t]*:[ \t]*(.*?)[ \t]*$").unwrap()
});
static PAGE_BREAK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[ \t]*-{3,}[ \t]*$").unwrap());
/// A bullet, optionally followed by a number; or a number with its delimiter.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:(?<bullet>[-*•‣◦▪])[ \t]+(?:(?<bnum>\d{1,4})(?<bdelim>[.)])?[ \t]+)?|(?<num>\d{1,4})(?<delim>[.)])[ \t]+)")
        .unwrap()
});

/// One line: its span without the line ending.
struct Line {
    span: Span,
}

fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut start = 0;
    // The BOM is part of the file, not of the first line's content.
    if text.starts_with('\u{feff}') {
        start = '\u{feff}'.len_utf8();
    }
    while start <= text.len() {
        let rest = &text[start..];
        let (len, next) = match rest.find('\n') {
            Some(i) => (i, start + i + 1),
            None => (rest.len(), text.len() + 1),
        };
        let line = &rest[..len];
        let trimmed = line.strip_suffix('\r').unwrap_or(line);
        out.push(Line {
            span: Span::new(start, start + trimmed.len()),
        });
        start = next;
    }
    out
}

/// Trims spaces and tabs (and the no-break space) from both ends of `span`.
fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let is_blank = |c: char| c == ' ' || c == '\t' || c == '\u{a0}';
    let lead = s.len() - s.trim_start_matches(is_blank).len();
    let tail = s.len() - s.trim_end_matches(is_blank).len();
    if lead == s.len() {
        return Span::new(span.start, span.start);
    }
    Span::new(span.start + lead, span.end - tail)
}

/// How a document is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text and the wiki-style layout (`= T =`, `Infobox`, `- Key: Value`), line based.
    Plain,
    Markdown,
    Rst,
    AsciiDoc,
}

impl Format {
    /// The format of the document `name` holding `text`: by extension; a name without a known
    /// one (`README`, `notes.txt`) is Markdown only when a line opens a fenced code block, the one
    /// Markdown construct that plain text never has by accident.
    pub fn of(name: &str, text: &str) -> Format {
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "md" | "markdown" | "mdown" | "mkd" | "mdx" => Format::Markdown,
            "rst" | "rest" => Format::Rst,
            "adoc" | "asciidoc" | "asc" => Format::AsciiDoc,
            _ if text.lines().any(|l| l.starts_with("```")) => Format::Markdown,
            _ => Format::Plain,
        }
    }
}

/// Parses the document `name`: its blocks, and the text sentences and words are read from —
/// the original with everything that is not prose (comments, code, markup) blanked, byte for
/// byte, so every span fits both.
pub fn document<'a>(name: &str, text: &'a str) -> (Cow<'a, str>, Vec<Block>) {
    match Format::of(name, text) {
        Format::Plain => {
            let masked = mask_comments(text);
            let blocks = blocks(&masked);
            (masked, blocks)
        }
        Format::Markdown => {
            let (prose, blocks) = markdown::parse(text);
            (Cow::Owned(prose), blocks)
        }
        format @ (Format::Rst | Format::AsciiDoc) => {
            let flavour = if format == Format::Rst {
                markup::Flavour::Rst
            } else {
                markup::Flavour::AsciiDoc
            };
            let masked = markup::blank(&mask_comments(text), flavour);
            let blocks = blocks_with(&masked, text, Some(flavour));
            (Cow::Owned(masked), blocks)
        }
    }
}

/// HTML comments (`<!-- ... -->`, concord's suppression markers among them) are invisible to a
/// reader of the rendered document, so no check should see them: parsing and extraction run on a
/// copy in which every byte of a comment is a space (line breaks kept). Byte offsets, and so
/// every span, are the same in the copy and in the original text.
pub fn mask_comments(text: &str) -> Cow<'_, str> {
    if !text.contains("<!--") {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    let mut from = 0;
    while let Some(open) = text[from..].find("<!--").map(|i| from + i) {
        let Some(close) = text[open + 4..].find("-->").map(|i| open + 4 + i + 3) else {
            break;
        };
        for b in &mut bytes[open..close] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
        from = close;
    }
    // Only whole characters were replaced, by ASCII spaces.
    Cow::Owned(String::from_utf8(bytes).expect("masking keeps UTF-8 valid"))
}

/// Splits a plain or wiki-style document into blocks, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    blocks_with(text, text, None)
}

/// [`blocks`] over `text`, a blanked copy of `original`; `flavour` adds its section titles.
fn blocks_with(text: &str, original: &str, flavour: Option<markup::Flavour>) -> Vec<Block> {
    let lines = lines(text);
    let mut out: Vec<Block> = Vec::new();
    let mut in_infobox = false;
    let mut paragraph: Option<Block> = None;
    let mut seen_content = false;

    let flush = |paragraph: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(p) = paragraph.take() {
            out.push(p);
        }
    };

    for (i, line) in lines.iter().enumerate() {
        let s = &text[line.span.start..line.span.end];
        let content = trim(text, line.span);
        if content.is_empty() {
            flush(&mut paragraph, &mut out);
            in_infobox = false;
            continue;
        }
        let first_content = !seen_content;
        seen_content = true;

        if PAGE_BREAK.is_match(s) {
            flush(&mut paragraph, &mut out);
            in_infobox = false;
            out.push(Block {
                kind: BlockKind::PageBreak,
                span: content,
                content,
            });
            continue;
        }
        let titled = flavour.and_then(|f| markup::heading(original, line.span, f, first_content));
        if let Some(block) = heading(text, line.span).or(titled) {
            flush(&mut paragraph, &mut out);
            in_infobox = false;
            out.push(block);
            continue;
        }
        if s.trim().eq_ignore_ascii_case("infobox") || s.trim_start().starts_with("Infobox ") {
            flush(&mut paragraph, &mut out);
            in_infobox = true;
            out.push(Block {
                kind: BlockKind::InfoboxStart,
                span: content,
                content,
            });
            continue;
        }
        if in_infobox && let Some(c) = FIELD.captures(s) {
            let key = c.get(1).unwrap();
            let value = c.get(2).unwrap();
            let base = line.span.start;
            let value = Span::new(base + value.start(), base + value.end());
            out.push(Block {
                kind: BlockKind::InfoboxField {
                    key: Span::new(base + key.start(), base + key.end()),
                    value,
                },
                span: content,
                content: value,
            });
            continue;
        }
        in_infobox = false;
        if let Some(block) = list_item(text, line.span) {
            flush(&mut paragraph, &mut out);
            out.push(block);
            continue;
        }
        if first_content
            && looks_like_title(s, lines.get(i + 1).map(|l| &text[l.span.start..l.span.end]))
        {
            out.push(Block {
                kind: BlockKind::Title,
                span: content,
                content,
            });
            continue;
        }
        match &mut paragraph {
            Some(p) => {
                p.span.end = content.end;
                p.content.end = content.end;
            }
            None => {
                paragraph = Some(Block {
                    kind: BlockKind::Paragraph,
                    span: content,
                    content,
                })
            }
        }
    }
    flush(&mut paragraph, &mut out);
    out
}

fn heading(text: &str, line: Span) -> Option<Block> {
    let s = &text[line.start..line.end];
    let (level, inner) = if let Some(c) = WIKI_HEADING.captures(s) {
        let open = c.get(1).unwrap().len();
        if open != c.get(3).unwrap().len() || c.get(2).unwrap().as_str().is_empty() {
            return None;
        }
        (open, c.get(2).unwrap())
    } else if let Some(c) = MD_HEADING.captures(s) {
        (c.get(1).unwrap().len(), c.get(2).unwrap())
    } else {
        return None;
    };
    let content = Span::new(line.start + inner.start(), line.start + inner.end());
    let kind = if level == 1 {
        BlockKind::Title
    } else {
        BlockKind::Heading { level: level as u8 }
    };
    Some(Block {
        kind,
        span: trim(text, line),
        content,
    })
}

fn list_item(text: &str, line: Span) -> Option<Block> {
    let s = &text[line.start..line.end];
    let c = LIST_ITEM.captures(s)?;
    let at = |m: regex::Match| Span::new(line.start + m.start(), line.start + m.end());
    let bullet = c.name("bullet").map(at);
    let digits = c.name("bnum").or(c.name("num"));
    let delimiter = c
        .name("bdelim")
        .or(c.name("delim"))
        .and_then(|m| m.as_str().chars().next());
    let number = digits.map(|m| ListNumber {
        value: m.as_str().parse().unwrap_or(0),
        span: at(m),
        delimiter,
    });
    let body = trim(
        text,
        Span::new(line.start + c.get(0).unwrap().end(), line.end),
    );
    if body.is_empty() {
        return None;
    }
    Some(Block {
        kind: BlockKind::ListItem(ListMarker { bullet, number }),
        span: trim(text, line),
        content: body,
    })
}

/// A first line that stands alone, is short and has no sentence punctuation reads as a title.
fn looks_like_title(line: &str, next: Option<&str>) -> bool {
    let line = line.trim();
    let next_blank = next.is_none_or(|n| n.trim().is_empty());
    next_blank
        && line.chars().count() <= 120
        && !line.ends_with(['.', '!', '?', ':', ';', ','])
        && line.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, &str)> {
        blocks(text)
            .into_iter()
            .map(|b| {
                let k = match b.kind {
                    BlockKind::Title => "title".to_string(),
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::InfoboxStart => "infobox".into(),
                    BlockKind::InfoboxField { .. } => "field".into(),
                    BlockKind::ListItem(m) => {
                        format!("item{:?}", m.number.map(|n| (n.value, n.delimiter)))
                    }
                    BlockKind::Paragraph => "para".into(),
                    BlockKind::PageBreak => "break".into(),
                };
                (k, &text[b.content.start..b.content.end])
            })
            .collect()
    }

    #[test]
    fn wiki_document() {
        let text = "= Agency =\n\nInfobox\n- Agencyname: The Agency\n- Chief1Name: A B\n\nThe Agency is old.\nIt was made.\n\n== History ==\n- Founded 1990.\n==See also==\n";
        assert_eq!(
            kinds(text),
            vec![
                ("title".into(), "Agency"),
                ("infobox".into(), "Infobox"),
                ("field".into(), "The Agency"),
                ("field".into(), "A B"),
                ("para".into(), "The Agency is old.\nIt was made."),
                ("h2".into(), "History"),
                ("item None".replace(' ', ""), "Founded 1990."),
                ("h2".into(), "See also"),
            ]
        );
    }

    #[test]
    fn markdown_lists_and_breaks() {
        let text = "\u{feff}\r\n---\r\n\r\n# Title\r\n\r\n  • 4. Takes part;\r\n  • 5 Fights crime;\r\n1) One\r\n- 2nd Division of it.\r\n";
        let k = kinds(text);
        assert_eq!(k[0], ("break".into(), "---"));
        assert_eq!(k[1], ("title".into(), "Title"));
        assert_eq!(k[2], ("itemSome((4, Some('.')))".into(), "Takes part;"));
        assert_eq!(k[3], ("itemSome((5, None))".into(), "Fights crime;"));
        assert_eq!(k[4], ("itemSome((1, Some(')')))".into(), "One"));
        assert_eq!(k[5], ("itemNone".into(), "2nd Division of it."));
    }

    #[test]
    fn plain_first_line_title_only_when_alone() {
        assert_eq!(kinds("Ministry of Security\n\nIt works.")[0].0, "title");
        assert_eq!(kinds("It works.\n\nMore.")[0].0, "para");
        assert_eq!(kinds("")[..], []);
    }
}
