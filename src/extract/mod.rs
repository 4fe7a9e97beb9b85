//! Extraction: plain functions from a parsed document to the items checks work on — sentences,
//! words, dates — each with a byte [`Span`] into the document.

pub mod appointer;
pub mod dates;
pub mod english;
pub mod entities;
pub mod facts;
pub mod names;
pub mod normalize;
pub mod person;
pub mod previous_post;
pub mod releases;
pub mod triggers;

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashSet;

use crate::parse::Block;
use crate::span::Span;

/// Word lists that extraction needs, read from the `rules/lexicon/` data files.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Tokens such as `Col-Gen.` or `No.` after which a period does not end a sentence.
    pub abbreviations: FxHashSet<String>,
    /// Function words, lowercase.
    pub stopwords: FxHashSet<String>,
}

impl Lexicon {
    /// Builds a lexicon from the text of its list files: one entry a line, `#` starts a comment.
    pub fn from_lists(abbreviations: &str, stopwords: &str) -> Lexicon {
        Lexicon {
            abbreviations: list(abbreviations).collect(),
            stopwords: list(stopwords).collect(),
        }
    }

    /// The lexicon shipped with concord.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: LazyLock<Lexicon> = LazyLock::new(|| {
            Lexicon::from_lists(
                include_str!("../../rules/lexicon/abbreviations.txt"),
                include_str!("../../rules/lexicon/stopwords.txt"),
            )
        });
        &BUILTIN
    }

    pub fn is_stopword(&self, lowercase: &str) -> bool {
        self.stopwords.contains(lowercase)
    }
}

/// Entries of a list file: trimmed lines, without blanks and `#` comments.
pub fn list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
}

/// A sentence of a paragraph or list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Trimmed: from its first non-space character to its final punctuation.
    pub span: Span,
    /// Index of the block it belongs to.
    pub block: usize,
    /// Its words, as indices into [`crate::corpus::Document::words`].
    pub words: Range<usize>,
}

static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*").unwrap());

/// The whitespace-delimited chunk of `text` around bytes `start..end`: from just after the
/// whitespace before it (a multi-byte space such as U+00A0 included) to the whitespace after.
pub fn chunk_around(text: &str, start: usize, end: usize) -> Span {
    let from = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let to = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    Span::new(from, to)
}

/// Words in `text`, as spans shifted by `offset`.
pub fn words(text: &str, offset: usize) -> impl Iterator<Item = Span> + '_ {
    WORD.find_iter(text)
        .map(move |m| Span::new(m.start() + offset, m.end() + offset))
}

/// A line longer than this, in bytes, shows a document whose lines are paragraphs.
const UNWRAPPED_LINE: usize = 300;

/// Segments the prose blocks of a document into sentences and words.
pub fn sentences(text: &str, blocks: &[Block], lexicon: &Lexicon) -> (Vec<Sentence>, Vec<Span>) {
    let mut sentences = Vec::new();
    let mut all_words = Vec::new();
    // Prose in lines of hundreds of bytes is not wrapped by hand: there, a line break inside a
    // paragraph ends a line of its own (a photo caption, a credit), never a line of a sentence.
    let unwrapped = blocks.iter().filter(|b| b.is_prose()).any(|b| {
        text[b.content.start..b.content.end]
            .lines()
            .any(|l| l.len() > UNWRAPPED_LINE)
    });
    for (index, block) in blocks.iter().enumerate() {
        if !block.is_prose() {
            continue;
        }
        let body = &text[block.content.start..block.content.end];
        let lines: Vec<(usize, &str)> = if unwrapped {
            body.split_inclusive('\n')
                .scan(0, |at, line| {
                    let start = *at;
                    *at += line.len();
                    Some((start, line))
                })
                .collect()
        } else {
            vec![(0, body)]
        };
        for span in lines
            .iter()
            .flat_map(|(at, line)| split(line, lexicon).into_iter().map(move |s| s.shift(*at)))
        {
            let span = span.shift(block.content.start);
            let first = all_words.len();
            all_words.extend(words(&text[span.start..span.end], span.start));
            sentences.push(Sentence {
                span,
                block: index,
                words: first..all_words.len(),
            });
        }
    }
    (sentences, all_words)
}

/// Sentence spans within `body`, trimmed, joined again where the segmenter split after one of
/// the lexicon's abbreviations.
fn split(body: &str, lexicon: &Lexicon) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut join_next = false;
    for b in sentencex::get_sentence_boundaries("en", body) {
        let raw = &body[b.start_byte..b.end_byte];
        let lead = raw.len() - raw.trim_start().len();
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            continue;
        }
        let span = Span::new(b.start_byte + lead, b.start_byte + lead + trimmed.len());
        match out.last_mut() {
            Some(last) if join_next => last.end = span.end,
            _ => out.push(span),
        }
        let last_token = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        join_next = lexicon
            .abbreviations
            .contains(last_token.trim_start_matches(['(', '"', '“']));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_end_at_any_whitespace_even_multi_byte() {
        let text = "see\u{a0}docs/a.md\u{2003}now";
        let at = text.find("docs").unwrap();
        let chunk = chunk_around(text, at, at + 4);
        assert_eq!(&text[chunk.start..chunk.end], "docs/a.md");
        assert_eq!(chunk_around("word", 0, 4), Span::new(0, 4));
    }

    fn texts(body: &str) -> Vec<&str> {
        split(body, Lexicon::builtin())
            .into_iter()
            .map(|s| &body[s.start..s.end])
            .collect()
    }

    #[test]
    fn abbreviations_ranks_and_initials_do_not_end_sentences() {
        assert_eq!(
            texts(
                "He became Lt-Gen. Pavel Orlov in 2004. The U.S. Army helped. Decree No. 41 was signed on 9 Jan. 2024 by him. It rose 3.5 percent."
            ),
            vec![
                "He became Lt-Gen. Pavel Orlov in 2004.",
                "The U.S. Army helped.",
                "Decree No. 41 was signed on 9 Jan. 2024 by him.",
                "It rose 3.5 percent."
            ]
        );
    }

    /// The sentences of a document of one paragraph per line, as texts.
    fn segmented(text: &str) -> Vec<String> {
        let (_, blocks) = crate::parse::markdown::parse(text);
        let (sentences, _) = super::sentences(text, &blocks, Lexicon::builtin());
        sentences
            .iter()
            .map(|s| text[s.span.start..s.span.end].to_string())
            .collect()
    }

    #[test]
    fn a_line_break_ends_a_caption_where_lines_are_paragraphs() {
        let long = "The harbour board met on Monday and agreed a plan. ".repeat(8);
        let text = format!(
            "{long}\n\nIvo Kask (left) with Mayor Ada Prinn\nHarbour Minister Ivo Kask (left) at the port\n"
        );
        let found = segmented(&text);
        assert!(
            found.contains(&"Ivo Kask (left) with Mayor Ada Prinn".to_string()),
            "{found:#?}"
        );
        // Wrapped by hand, a line goes on in the next.
        let wrapped = "The harbour board met with Mayor\nAda Prinn on Monday.\n";
        assert_eq!(
            segmented(wrapped),
            ["The harbour board met with Mayor\nAda Prinn on Monday."]
        );
    }

    #[test]
    fn words_keep_hyphens_and_apostrophes_inside() {
        let w: Vec<_> = words("Kura-Aras-Volga, Karelia's  ant- terror", 0).collect();
        assert_eq!(w.len(), 4);
        assert_eq!(w[0], Span::new(0, 15));
    }
}
