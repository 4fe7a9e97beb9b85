//! `page_break_cut`: a sentence cut in two by a page separator (`---`) left by text extraction.
//!
//! What it flags: a paragraph that ends without closing punctuation, directly followed by a page
//! separator and then by another paragraph: the sentence runs on across the separator
//! (`... the main task of our state and my` / `---` / `main task as the president.`).
//!
//! How: the paragraph before the break must end in a letter, digit, comma or hyphen (not in
//! `.`, `!`, `?`, `:`, `;`, `…` or a closing quote or bracket after one of those), and it must
//! read as prose rather than as a heading standing alone: either it holds more than one sentence
//! or the paragraph after the break starts in lowercase. Both sides get a label: the end of the
//! cut paragraph is the primary one, since that is where the join has to be made.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "page_break_cut",
    summary: "a sentence cut in two by a page separator",
    params: "min_words: the cut paragraph's last sentence must have at least this many words (4)\n\
             label_words: how many words at each side of the cut the labels cover (8)",
    placeholders: &["before", "after"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_words")]
    min_words: usize,
    #[serde(default = "label_words")]
    label_words: usize,
}

fn min_words() -> usize {
    4
}
fn label_words() -> usize {
    8
}

struct PageBreakCut {
    min_words: usize,
    label_words: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.label_words == 0 {
        return Err("label_words must be at least 1".into());
    }
    Ok(Box::new(PageBreakCut {
        min_words: p.min_words,
        label_words: p.label_words,
    }))
}

/// True when `text` ends as a sentence or a clause that introduces something does: closing
/// quotes and brackets are looked through, so `... preserved."` ends, `... and my` does not.
pub(crate) fn ends_closed(text: &str) -> bool {
    let inner = text
        .trim_end()
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»', '*']);
    inner.ends_with(['.', '!', '?', ':', ';', '…'])
        // A paragraph that is only a closing quote or bracket is not a cut sentence either.
        || inner.is_empty()
}

/// Where a paragraph continues one cut by a page break: the paragraph before the break and the
/// paragraph after it (block indices), when the one before ends open.
fn cut_at(doc: &Document, brk: usize) -> Option<(usize, usize)> {
    if brk == 0 || !matches!(doc.blocks[brk].kind, BlockKind::PageBreak) {
        return None;
    }
    let (before, after) = (brk - 1, brk + 1);
    let is_paragraph = |i: usize| {
        doc.blocks
            .get(i)
            .is_some_and(|b| matches!(b.kind, BlockKind::Paragraph))
    };
    if !is_paragraph(before) || !is_paragraph(after) {
        return None;
    }
    // A dash line right under a line of text, with no blank line between, underlines a
    // heading (Markdown's setext style); a page separator stands apart.
    let gap = &doc.text[doc.blocks[before].span.end..doc.blocks[brk].span.start];
    if gap.matches('\n').count() < 2 {
        return None;
    }
    (!ends_closed(doc.slice(doc.blocks[before].content))).then_some((before, after))
}

/// The sentences of block `block`, as indices into `doc.sentences`.
fn block_sentences(doc: &Document, block: usize) -> std::ops::Range<usize> {
    let start = doc.sentences.partition_point(|s| s.block < block);
    let end = doc.sentences.partition_point(|s| s.block <= block);
    start..end
}

impl Check for PageBreakCut {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for brk in 0..doc.blocks.len() {
            let Some((before, after)) = cut_at(doc, brk) else {
                continue;
            };
            let before_sentences = block_sentences(doc, before);
            let after_sentences = block_sentences(doc, after);
            let (Some(last), Some(first)) = (
                before_sentences.clone().last().map(|i| &doc.sentences[i]),
                doc.sentences.get(after_sentences.start),
            ) else {
                continue;
            };
            if after_sentences.is_empty() || last.words.len() < self.min_words {
                continue;
            }
            let after_lowercase = doc
                .slice(first.span)
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            // A paragraph that opens with a label (`what:  column --table`) is the next record
            // of a list of fields, not the rest of a sentence.
            let opens_with_label = doc
                .words
                .get(first.words.start)
                .is_some_and(|w| doc.text[w.end..].starts_with(':'));
            if opens_with_label {
                continue;
            }
            // A lone line without punctuation before a break may be a heading; a paragraph of
            // several sentences, or a lowercase continuation, is prose cut in two.
            if before_sentences.len() < 2 && !after_lowercase {
                continue;
            }
            let tail = &doc.words[last.words.clone()];
            let tail = &tail[tail.len().saturating_sub(self.label_words)..];
            let head = &doc.words[first.words.clone()];
            let head = &head[..head.len().min(self.label_words)];
            let (Some(t0), Some(t1), Some(h0), Some(h1)) =
                (tail.first(), tail.last(), head.first(), head.last())
            else {
                continue;
            };
            let tail_span = Span::new(t0.start, t1.end);
            let head_span = Span::new(h0.start, h1.end);
            let before_text = doc.slice(tail_span);
            let after_text = doc.slice(head_span);
            out.push(
                rule.finding(&[("before", before_text), ("after", after_text)])
                    .label(doc.id, tail_span, "the sentence stops here, without punctuation")
                    .label(
                        doc.id,
                        doc.blocks[brk].span,
                        "a page separator in mid-sentence",
                    )
                    .label(doc.id, head_span, "and carries on here")
                    .note("the paragraph before the separator ends without closing punctuation, so its last sentence is taken to continue after it")
                    .suggest(format!("{before_text} {after_text}")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "page-break-cut"
        code = "S010"
        category = "structure"
        severity = "info"
        check = "page_break_cut"
        message = "a page separator cuts the sentence `{before}` / `{after}`"
    "#;

    #[test]
    fn cut_sentence_fires_with_both_sides_labelled() {
        let text = "# Speech\n\nThe rights are first. Protecting them is the task of our state and my\n\n---\n\nmain task as the president. It is your duty.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let l = &f[0].labels;
        assert!(text[l[0].span.start..l[0].span.end].ends_with("state and my"));
        assert_eq!(&text[l[1].span.start..l[1].span.end], "---");
        assert!(text[l[2].span.start..l[2].span.end].starts_with("main task as"));
    }

    #[test]
    fn capitalised_continuation_of_a_long_paragraph_fires() {
        let text = "# Statement\n\nIt is important. In this regard, the President of the Republic\n\n---\n\nPavel Orlov said in a statement that it was so.";
        assert_eq!(findings(&rule(RULE), &[text]).len(), 1);
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            // Closed sentences on both sides of a break.
            "It was founded in 2015.\n\n---\n\nThe service grew.",
            // A quotation closed inside its quote marks.
            "He said: \"Everyone should be preserved.\"\n\n---\n\nAs a result, work was done.",
            // A short heading-like line before a break, followed by a capitalised paragraph.
            "# Report\n\nChapter three of the annual report\n\n---\n\nThe service grew.",
            // A break at the very start of a document.
            "---\n\n# Title\n\nIt grew.",
            // A dash line under a line of text underlines a heading.
            "# Notes\n\nIt grew. The standard tool for catalog maintenance\n-----------\nupdate-catalog is the tool.",
            // Records of fields between separators: the next record opens with a label.
            "what:  column --columns\nwhy:   renamed to the output width option\nsince: v2.30\n\n---\n\nwhat:  sfdisk --show-size\nwhy:   this does not belong here",
        ];
        for t in texts {
            assert!(findings(&rule(RULE), &[t]).is_empty(), "{t}");
        }
    }
}
