//! Markdown, parsed by `pulldown-cmark` (CommonMark plus tables, footnotes, strikethrough, task
//! lists and front matter).
//!
//! Two things come out. The blocks a reader sees as text: headings, paragraphs (also inside
//! block quotes and footnotes) and list items, each with its span in the source. And a copy of
//! the source in which everything that is not prose is blanked: code blocks and inline code,
//! HTML, link and image targets, image descriptions, tables, front matter and the markup
//! characters themselves (`**`, `[`, `>`, list markers); of inline code only the backticks stay. Every blanked byte becomes a space (line
//! breaks kept), so offsets in the copy are offsets in the source and every span stays valid.
//! Sentences and words are read from the copy, so no check sees code as prose; checks that look
//! at the source between two words (repeated words, double spaces) see the markup there and keep
//! quiet.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, FIELD, LIST_ITEM, ListMarker, ListNumber, trim};
use crate::corpus::Span;

/// The extensions concord reads; the others would turn prose characters into markup.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// A list item whose text is still being gathered.
struct OpenItem {
    start: usize,
    marker: ListMarker,
    content: Option<Span>,
    /// Set once a nested list or a second paragraph starts: later text is not this item's.
    closed: bool,
    /// How many paragraphs of the item have started.
    paragraphs: usize,
}

/// The blanked copy of `text` and its blocks, in order.
pub fn parse(text: &str) -> (String, Vec<Block>) {
    let mut prose = vec![false; text.len()];
    let mut blocks = Vec::new();
    // Depth of containers whose text is not prose: code, HTML, tables, images, front matter,
    // autolinks (the visible text is the address itself).
    let mut hidden = 0usize;
    let mut heading: Option<(u8, Range<usize>, Option<Span>)> = None;
    let mut paragraph: Option<(Range<usize>, Option<Span>)> = None;
    let mut items: Vec<OpenItem> = Vec::new();
    let mut infobox = false;

    let close_item = |item: &mut OpenItem, blocks: &mut Vec<Block>| {
        if item.closed {
            return;
        }
        item.closed = true;
        if let Some(content) = item.content {
            blocks.push(Block {
                kind: BlockKind::ListItem(item.marker.clone()),
                span: Span::new(item.start, content.end),
                content,
            });
        }
    };

    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_)
                | Tag::HtmlBlock
                | Tag::Table(_)
                | Tag::MetadataBlock(_)
                | Tag::Image { .. } => hidden += 1,
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => {
                    hidden += 1;
                    // As with code, the angle brackets stay to mark the place.
                    if is_autolink(text, &range) {
                        prose[range.start] = true;
                        prose[range.end - 1] = true;
                    }
                }
                Tag::Heading { level, .. } => heading = Some((level as u8, range, None)),
                Tag::Paragraph => match items.last_mut() {
                    Some(item) if !item.closed => {
                        item.paragraphs += 1;
                        if item.paragraphs > 1 {
                            close_item(item, &mut blocks);
                            paragraph = Some((range, None));
                        }
                    }
                    _ => paragraph = Some((range, None)),
                },
                Tag::List(_) => {
                    if let Some(item) = items.last_mut() {
                        close_item(item, &mut blocks);
                    }
                }
                Tag::Item => items.push(OpenItem {
                    start: range.start,
                    marker: marker(text, range.start),
                    content: None,
                    closed: false,
                    paragraphs: 0,
                }),
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::Table
                | TagEnd::MetadataBlock(_)
                | TagEnd::Image => hidden = hidden.saturating_sub(1),
                // Only autolinks raised the depth; an ordinary link's text is prose.
                TagEnd::Link if hidden > 0 && is_autolink(text, &range) => hidden -= 1,
                TagEnd::Heading(_) => {
                    if let Some((level, range, content)) = heading.take() {
                        let span = trim(text, Span::new(range.start, range.end));
                        let content = content.unwrap_or(Span::new(span.end, span.end));
                        let kind = if level == 1 {
                            BlockKind::Title
                        } else {
                            BlockKind::Heading { level }
                        };
                        blocks.push(Block {
                            kind,
                            span,
                            content,
                        });
                        infobox = false;
                    }
                }
                TagEnd::Paragraph => {
                    if let Some((range, content)) = paragraph.take()
                        && let Some(content) = content
                    {
                        let body = text[content.start..content.end].trim();
                        let opens_infobox =
                            body.eq_ignore_ascii_case("infobox") || body.starts_with("Infobox ");
                        blocks.push(Block {
                            kind: if opens_infobox {
                                BlockKind::InfoboxStart
                            } else {
                                BlockKind::Paragraph
                            },
                            span: trim(text, Span::new(range.start, range.end)),
                            content,
                        });
                        infobox = opens_infobox;
                    }
                }
                TagEnd::Item => {
                    if let Some(mut item) = items.pop() {
                        if infobox && items.is_empty() {
                            item.closed = true;
                            if let Some(field) = field(text, item.start, item.content) {
                                blocks.push(field);
                            }
                        }
                        close_item(&mut item, &mut blocks);
                    }
                }
                TagEnd::List(_) if items.is_empty() => infobox = false,
                _ => {}
            },
            Event::Code(_) if hidden == 0 => {
                // The backticks stay: a sentence that opens with code then opens with a mark,
                // not with the word after the code, and no two words meet across it.
                let code = &text[range.clone()];
                let open = code.len() - code.trim_start_matches('`').len();
                let close = code.len() - code.trim_end_matches('`').len();
                prose[range.start..range.start + open].fill(true);
                prose[range.end - close..range.end].fill(true);
            }
            Event::Text(t) if hidden == 0 => {
                // An entity or an escape (`&amp;`, `\*`) is markup; its letters are not words.
                if text[range.clone()] != *t {
                    continue;
                }
                for b in &mut prose[range.clone()] {
                    *b = true;
                }
                let span = Span::new(range.start, range.end);
                let grow = |c: &mut Option<Span>| *c = Some(c.map_or(span, |c| c.cover(span)));
                if let Some((_, _, content)) = &mut heading {
                    grow(content);
                } else if let Some((_, content)) = &mut paragraph {
                    grow(content);
                } else if let Some(item) = items.last_mut().filter(|i| !i.closed) {
                    grow(&mut item.content);
                }
            }
            _ => {}
        }
    }
    blocks.sort_by_key(|b| b.span.start);
    (blank(text, &prose), blocks)
}

/// An autolink's source is `<address>`: nothing but the address between angle brackets.
fn is_autolink(text: &str, range: &Range<usize>) -> bool {
    let s = &text[range.clone()];
    s.starts_with('<') && s.ends_with('>') && !s.contains(char::is_whitespace)
}

/// `text` with every byte outside prose replaced by a space, line breaks kept.
fn blank(text: &str, prose: &[bool]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for (b, keep) in bytes.iter_mut().zip(prose) {
        if !keep && *b != b'\n' && *b != b'\r' {
            *b = b' ';
        }
    }
    // A character is either kept whole (text ranges fall on character boundaries) or blanked
    // whole, byte for byte, by ASCII spaces.
    String::from_utf8(bytes).expect("blanking keeps UTF-8 valid")
}

/// The bullet or number that opens the item at `start`.
fn marker(text: &str, start: usize) -> ListMarker {
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line = &text[start..line_end];
    let Some(c) = LIST_ITEM.captures(line) else {
        return ListMarker {
            bullet: None,
            number: None,
        };
    };
    let at = |m: regex::Match| Span::new(start + m.start(), start + m.end());
    let digits = c.name("bnum").or(c.name("num"));
    ListMarker {
        bullet: c.name("bullet").map(at),
        number: digits.map(|m| ListNumber {
            value: m.as_str().parse().unwrap_or(0),
            span: at(m),
            delimiter: c
                .name("bdelim")
                .or(c.name("delim"))
                .and_then(|m| m.as_str().chars().next()),
        }),
    }
}

/// `- Key: Value` under an `Infobox` paragraph, as in the wiki layout.
fn field(text: &str, start: usize, content: Option<Span>) -> Option<Block> {
    let content = content?;
    let line = Span::new(start, content.end);
    let c = FIELD.captures(&text[line.start..line.end])?;
    let at = |m: regex::Match| Span::new(line.start + m.start(), line.start + m.end());
    let value = at(c.get(2).unwrap());
    Some(Block {
        kind: BlockKind::InfoboxField {
            key: at(c.get(1).unwrap()),
            value,
        },
        span: trim(text, line),
        content: value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks_of(text: &str) -> Vec<(String, String)> {
        let (_, blocks) = parse(text);
        blocks
            .iter()
            .map(|b| {
                let kind = match &b.kind {
                    BlockKind::Title => "title".to_string(),
                    BlockKind::Heading { level } => format!("h{level}"),
                    BlockKind::InfoboxStart => "infobox".into(),
                    BlockKind::InfoboxField { .. } => "field".into(),
                    BlockKind::ListItem(m) => {
                        format!("item{:?}", m.number.as_ref().map(|n| n.value))
                    }
                    BlockKind::Paragraph => "para".into(),
                    BlockKind::PageBreak => "break".into(),
                };
                (kind, text[b.content.start..b.content.end].to_string())
            })
            .collect()
    }

    #[test]
    fn code_html_links_and_tables_are_blanked_but_keep_their_offsets() {
        let text = "---\ntitle: the the\n---\n\n# Harbour *Guide*\n\nRun `echo \"the the\"` first, see [the docs](<https://x.org/the the> \"the the\") and <https://y.org>.\n\n```sh\necho \"the the\"\n```\n\n<div>the the</div>\n\n| a | b |\n|---|---|\n| the the | x |\n\n![the the](img.png) Done.\n";
        let (prose, _) = parse(text);
        assert_eq!(prose.len(), text.len());
        assert_eq!(prose.matches('\n').count(), text.matches('\n').count());
        assert!(!prose.contains("the the"), "{prose}");
        assert!(!prose.contains("echo"), "{prose}");
        assert!(!prose.contains("https"), "{prose}");
        assert!(prose.contains("Harbour  Guide"), "{prose}");
        assert!(prose.contains("the docs"), "{prose}");
        assert!(prose.contains("Done."), "{prose}");
    }

    #[test]
    fn headings_paragraphs_and_items_become_blocks() {
        let text = "Guide\n=====\n\nThe pier opens at six\nand closes at ten.\n\n> Quoted words here.\n\n- First item\n  wraps here.\n  - Nested one.\n- Second item.\n\n  A later paragraph.\n\n3. Third\n\n## Notes\n";
        assert_eq!(
            blocks_of(text),
            vec![
                ("title".into(), "Guide".into()),
                (
                    "para".into(),
                    "The pier opens at six\nand closes at ten.".into()
                ),
                ("para".into(), "Quoted words here.".into()),
                ("itemNone".into(), "First item\n  wraps here.".into()),
                ("itemNone".into(), "Nested one.".into()),
                ("itemNone".into(), "Second item.".into()),
                ("para".into(), "A later paragraph.".into()),
                ("itemSome(3)".into(), "Third".into()),
                ("h2".into(), "Notes".into()),
            ]
        );
    }

    #[test]
    fn an_infobox_list_reads_as_fields_and_a_plain_list_does_not() {
        let text = "# Port\n\nInfobox\n- Chief: Ada Prinn\n- Founded: 1921\n\nText.\n\n- Note: not a field.\n";
        let kinds: Vec<String> = blocks_of(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            kinds,
            ["title", "infobox", "field", "field", "para", "itemNone"]
        );
    }

    #[test]
    fn entities_and_escapes_are_not_words() {
        let (prose, _) = parse("Tom &amp; Ada \\*sail\\*.\n");
        assert!(!prose.contains("amp"), "{prose}");
        assert!(prose.contains("sail"), "{prose}");
    }
}
