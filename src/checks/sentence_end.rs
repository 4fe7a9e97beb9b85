//! `sentence_end`: how a paragraph ends, in one of two modes.
//!
//! - `stray-mark`: a hyphen or dash glued to the final full stop of a paragraph, with nothing
//!   after it (`... Deputy Minister of Justice.-`), left over from a signature line or a broken
//!   edit.
//! - `missing-stop`: a paragraph of prose whose last sentence lost its stop (`... keen to
//!   tighten his grip on the security apparatus` and then the next paragraph).
//!
//! A paragraph without its stop is more often something else than a slip: a caption, a title
//! line, a paragraph cut by a page break (`page_break_cut` reports those), a line that ends in a
//! link. So `missing-stop` judges a paragraph only when its text says it is prose and the
//! document ends its paragraphs with stops:
//! - the paragraph holds two sentences or more, each before the last ending with `.`, `!` or
//!   `?` and made of three words or more (a caption or a numbered title, `CHAPTER 73. Stubb and
//!   Flask`, has one short sentence before the rest);
//! - its last sentence has `min_words` words or more, opens with a capital and ends with a
//!   lowercase letter (a figure, a bracket, a quote, a colon or a link may end a paragraph on
//!   purpose);
//! - the next block is neither a page break nor a paragraph that opens in lowercase (a sentence
//!   carried on);
//! - the document has `min_paragraphs` other paragraphs of prose, nine in ten of them closed by
//!   a stop.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "sentence_end",
    summary: "a stray mark after the full stop that ends a paragraph, or a paragraph of prose without its final stop",
    params: "mode: \"stray-mark\" (a hyphen or dash after the last stop) or \"missing-stop\" (no stop at the end) (\"stray-mark\")\n\
             min_words: missing-stop: the fewest words of the last sentence (8)\n\
             min_paragraphs: missing-stop: the fewest other paragraphs of prose in the document (3)",
    placeholders: &["found", "expected"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "stray_mark")]
    mode: String,
    #[serde(default = "min_words")]
    min_words: usize,
    #[serde(default = "min_paragraphs")]
    min_paragraphs: usize,
}

fn stray_mark() -> String {
    "stray-mark".into()
}

fn min_words() -> usize {
    8
}

fn min_paragraphs() -> usize {
    3
}

enum SentenceEnd {
    StrayMark,
    MissingStop {
        min_words: usize,
        min_paragraphs: usize,
    },
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(match p.mode.as_str() {
        "stray-mark" => SentenceEnd::StrayMark,
        "missing-stop" => SentenceEnd::MissingStop {
            min_words: p.min_words.max(1),
            min_paragraphs: p.min_paragraphs,
        },
        other => {
            return Err(format!(
                "mode must be \"stray-mark\" or \"missing-stop\", not \"{other}\""
            ));
        }
    }))
}

impl Check for SentenceEnd {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        match *self {
            SentenceEnd::StrayMark => stray_marks(rule, doc, out),
            SentenceEnd::MissingStop {
                min_words,
                min_paragraphs,
            } => missing_stops(rule, doc, min_words, min_paragraphs, out),
        }
    }
}

fn stray_marks(rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph) {
        // The paragraph's own text: the segmenter may make a sentence of the marks.
        let content = block.content;
        let text = doc.text[content.start..content.end].trim_end();
        let trimmed = text.trim_end_matches(['-', '–', '—']);
        let marks = &text[trimmed.len()..];
        if marks.is_empty() || !trimmed.ends_with('.') || trimmed.ends_with("..") {
            continue;
        }
        let stop = content.start + trimmed.len() - 1;
        let span = Span::new(stop, content.start + text.len());
        let found = doc.slice(span);
        out.push(
            rule.finding(&[("found", found), ("expected", ".")])
                .label(doc.id, span, "a stray mark after the final full stop")
                .note(format!("delete `{marks}` after the full stop"))
                .suggest("."),
        );
    }
}

/// True when a sentence's text ends with `.`, `!` or `?`, before any closing quotes or brackets.
fn closed(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
        .ends_with(['.', '!', '?'])
}

fn missing_stops(
    rule: &Rule,
    doc: &Document,
    min_words: usize,
    min_paragraphs: usize,
    out: &mut Vec<Finding>,
) {
    // The sentences of each block, as a range of indices into `doc.sentences`.
    let mut ranges = vec![0..0; doc.blocks.len()];
    for (i, s) in doc.sentences.iter().enumerate() {
        let r = &mut ranges[s.block];
        if r.start == r.end {
            *r = i..i + 1;
        } else {
            r.end = i + 1;
        }
    }
    let prose: Vec<usize> = (0..doc.blocks.len())
        .filter(|&b| doc.blocks[b].kind == BlockKind::Paragraph)
        .filter(|&b| {
            let words: usize = doc.sentences[ranges[b].clone()]
                .iter()
                .map(|s| s.words.len())
                .sum();
            words >= min_words
        })
        .collect();
    let closed_count = prose
        .iter()
        .filter(|&&b| closed(doc.slice(doc.blocks[b].content)))
        .count();
    // The paragraph judged is not counted among the others.
    if prose.len() <= min_paragraphs || (closed_count + 1) * 10 < prose.len() * 9 {
        return;
    }
    for &b in &prose {
        let block = &doc.blocks[b];
        let text = doc.slice(block.content).trim_end();
        if !text.ends_with(|c: char| c.is_lowercase()) {
            continue;
        }
        let sentences = &doc.sentences[ranges[b].clone()];
        let Some((last, before)) = sentences.split_last() else {
            continue;
        };
        if before.is_empty()
            || last.words.len() < min_words
            || !before
                .iter()
                .all(|s| s.words.len() >= 3 && closed(doc.slice(s.span)))
            || !doc.slice(last.span).starts_with(char::is_uppercase)
        {
            continue;
        }
        let carried_on = doc.blocks.get(b + 1).is_some_and(|next| {
            next.kind == BlockKind::PageBreak
                || (next.kind == BlockKind::Paragraph
                    && doc.slice(next.content).starts_with(char::is_lowercase))
        });
        if carried_on {
            continue;
        }
        let Some(&word) = doc.words.get(last.words.end - 1) else {
            continue;
        };
        let found = doc.slice(word);
        let fixed = format!("{found}.");
        out.push(
            rule.finding(&[("found", found), ("expected", &fixed)])
                .label(
                    doc.id,
                    last.span,
                    "the paragraph's last sentence has no stop",
                )
                .note("the document's other paragraphs end with a full stop")
                .replace(doc.id, Span::new(word.end, word.end), ".")
                .suggest(fixed),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const STRAY: &str = r#"
        name = "stray-mark-after-stop"
        code = "T018"
        category = "typo"
        severity = "info"
        check = "sentence_end"
        message = "`{found}` has a stray mark after the full stop"
    "#;

    #[test]
    fn a_dash_after_the_last_stop() {
        // From a real news page (dev corpus, am13), with the names changed.
        let texts = [
            "= Ada Prinn =\n\nIn July 2019, she was appointed Deputy Minister of Harbours.-\n\nIt is done... - Ada",
        ];
        let f = findings(&rule(STRAY), &texts);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("."));
        let near = ["A well-known man. A so-called plan.\n\nIt is done - Ada Prinn\n\nNo. 5 -"];
        let f = findings(&rule(STRAY), &near);
        assert!(f.is_empty(), "{f:#?}");
    }

    const MISSING: &str = r#"
        name = "missing-final-stop"
        code = "T019"
        category = "typo"
        severity = "info"
        check = "sentence_end"
        message = "`{found}` ends the paragraph without a stop"
        [rule.params]
        mode = "missing-stop"
        min_paragraphs = 2
    "#;

    const OTHERS: &str = "The port grew in the last ten years of the century.\n\n\
        The board met twice a year in the old harbour building.\n\n\
        Its members were elected by the guilds of the town.";

    #[test]
    fn a_paragraph_of_prose_without_its_stop() {
        let text = format!(
            "{OTHERS}\n\nThe plan was dropped. Ada Prinn said that the board only wanted to tighten its grip on the harbour\n\n{OTHERS}"
        );
        let f = findings(&rule(MISSING), &[text.as_str()]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("harbour."));
    }

    #[test]
    fn titles_captions_and_cut_paragraphs_keep_quiet() {
        for odd in [
            // A numbered title (Melville, Moby-Dick, ch. 73).
            "CHAPTER 73. Stubb and Flask Kill a Right Whale; and Then Have a Talk Over Him",
            // One sentence alone: a caption.
            "Ada Prinn at the opening of the new harbour building in the spring of that year",
            // Cut by a page break, or carried on in the next paragraph.
            "The plan was dropped. The board said that it would meet again in the old building\n\n---\n\nof the guild.",
            "The plan was dropped. The board said that it would meet again in the old building\n\nof the guild, in May.",
            // Ends with a figure or a link.
            "The plan was dropped. The board said that it would meet again in the year 1901",
        ] {
            let text = format!("{OTHERS}\n\n{odd}\n\n{OTHERS}");
            let f = findings(&rule(MISSING), &[text.as_str()]);
            assert!(f.is_empty(), "{odd}: {f:#?}");
        }
    }

    #[test]
    fn documents_that_leave_paragraphs_open_keep_quiet() {
        let open = "The port grew in the last ten years of the old century\n\n\
            The board met twice a year in the old harbour building\n\n\
            Its members were elected by the guilds of the town";
        let text = format!(
            "{open}\n\nThe plan was dropped. Ada Prinn said that the board only wanted to tighten its grip on the harbour"
        );
        let f = findings(&rule(MISSING), &[text.as_str()]);
        assert!(f.is_empty(), "{f:#?}");
    }
}
