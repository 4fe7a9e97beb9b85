//! The corpus: every document concord reads, with its text, its parsed blocks and its extracted
//! items. Documents are identified by a [`DocId`] (their index in load order, which is sorted),
//! and every extracted item carries a byte [`Span`] into its document's text.

mod load;

pub use load::{
    GENERATED_MARKER, LoadError, LoadOptions, LoadWarning, Source, decode, is_generated,
    load_sources,
};

use codespan_reporting::files::{self, Files};
use rayon::prelude::*;

use crate::analyze::{self, Analysis, AnalysisLexicon};
use crate::extract::{self, Lexicon, Sentence};
use crate::parse::{self, Block};
pub use crate::span::Span;

/// Index of a document in the corpus (load order, which is sorted by path).
pub type DocId = usize;

/// One source document, parsed and with its per-document items extracted.
#[derive(Debug)]
pub struct Document {
    pub id: DocId,
    /// The path as it is shown to the user (forward slashes, relative where it was given so).
    pub name: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// Per line: true when it is pure ASCII, so its columns are byte offsets. Keeps column
    /// computation constant-time on the common case, even for findings on a megabyte-long line.
    ascii_lines: Vec<bool>,
    /// On long lines that are not ASCII, every [`COLUMN_MARK`] bytes or so: a byte offset (on a
    /// character boundary) and its 0-based column. A column is then counted from the nearest
    /// mark, not from the start of the line: without them, each finding on a megabyte-long line
    /// in Armenian or Greek would count a megabyte of characters.
    column_marks: Vec<(usize, usize)>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Sentence>,
    /// Every word of the document's prose, in order (see [`extract::words`]).
    pub words: Vec<Span>,
    /// Tokens, parts of speech, mentions and dates, computed once (see [`analyze`]).
    pub analysis: Analysis,
    /// The words in lowercase, made on first use (see [`Document::lowered`]).
    lowered: std::sync::OnceLock<Lowered>,
}

/// Every word of a document in lowercase (`’` read as `'`), as ids into the document's own
/// vocabulary: what word-level checks look words up by. Made once per document, whichever check
/// asks first, instead of a lowercase copy of every word in every check.
#[derive(Debug, Default)]
pub struct Lowered {
    /// Per word of [`Document::words`], same index: its entry in `vocabulary`.
    pub ids: Vec<u32>,
    /// Each distinct lowercase form once.
    pub vocabulary: Vec<Box<str>>,
}

impl Lowered {
    /// The lowercase form of word `i` of the document.
    pub fn word(&self, i: usize) -> &str {
        &self.vocabulary[self.ids[i] as usize]
    }
}

impl Document {
    /// Parses and extracts one document. `id` is its place in the corpus.
    pub fn analyze(id: DocId, name: String, text: String, lexicon: &Lexicon) -> Document {
        let line_starts: Vec<usize> = files::line_starts(&text).collect();
        let ascii_lines: Vec<bool> = line_starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
                text.as_bytes()[start..end].is_ascii()
            })
            .collect();
        let column_marks = column_marks(&text, &line_starts, &ascii_lines);
        let (masked, blocks) = parse::document(&name, &text);
        let (mut sentences, mut words) = extract::sentences(&masked, &blocks, lexicon);
        let analysis = analyze::run(
            &masked,
            &blocks,
            &sentences,
            &words,
            AnalysisLexicon::builtin(),
        );
        // A corpus holds every document at once: the slack of a grown vector (up to half of
        // it) is memory each document would keep for nothing.
        words.shrink_to_fit();
        sentences.shrink_to_fit();
        let mut blocks = blocks;
        blocks.shrink_to_fit();
        Document {
            id,
            name,
            text,
            line_starts,
            ascii_lines,
            column_marks,
            blocks,
            sentences,
            words,
            analysis,
            lowered: std::sync::OnceLock::new(),
        }
    }

    /// The document's words in lowercase (see [`Lowered`]).
    pub fn lowered(&self) -> &Lowered {
        self.lowered.get_or_init(|| {
            let mut ids = Vec::with_capacity(self.words.len());
            let mut vocabulary: Vec<Box<str>> = Vec::new();
            let mut seen: rustc_hash::FxHashMap<&str, u32> = rustc_hash::FxHashMap::default();
            let mut buf = String::new();
            let mut lowered: Vec<(usize, String)> = Vec::new();
            for (i, &w) in self.words.iter().enumerate() {
                let word = self.slice(w);
                // Most words are already lowercase ASCII: looked up as they are, no copy.
                if word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'\'' || b == b'-')
                {
                    let next = vocabulary.len() as u32;
                    let id = *seen.entry(word).or_insert_with(|| {
                        vocabulary.push(word.into());
                        next
                    });
                    ids.push(id);
                } else {
                    buf.clear();
                    buf.extend(word.chars().flat_map(char::to_lowercase));
                    let lower = buf.replace('’', "'");
                    ids.push(u32::MAX);
                    lowered.push((i, lower));
                }
            }
            // Words that needed lowering: looked up after, as their forms are owned here.
            let mut owned: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
            for (i, lower) in lowered {
                let id = match seen.get(lower.as_str()) {
                    Some(&id) => id,
                    None => {
                        let next = vocabulary.len() as u32;
                        *owned.entry(lower).or_insert_with_key(|l| {
                            vocabulary.push(l.as_str().into());
                            next
                        })
                    }
                };
                ids[i] = id;
            }
            vocabulary.shrink_to_fit();
            Lowered { ids, vocabulary }
        })
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_index(offset);
        let start = self.line_starts[line];
        let offset = offset.min(self.text.len());
        let column = if self.ascii_lines[line] {
            offset - start + 1
        } else {
            let i = self.column_marks.partition_point(|&(at, _)| at <= offset);
            let (from, column) = match i.checked_sub(1).map(|i| self.column_marks[i]) {
                Some((at, column)) if at >= start => (at, column),
                _ => (start, 0),
            };
            // An offset inside a character counts up to that character.
            let mut offset = offset;
            while !self.text.is_char_boundary(offset) {
                offset -= 1;
            }
            column + self.text[from..offset].chars().count() + 1
        };
        // Editors do not show a BOM, so it takes no column.
        let bom = line == 0 && offset > 0 && self.text.starts_with('\u{feff}');
        (line + 1, if bom { column - 1 } else { column })
    }

    /// 0-based index of the line holding `offset`.
    pub fn line_index(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte range of the 0-based line `index`, without its line ending.
    pub fn line_span(&self, index: usize) -> Span {
        let start = self.line_starts[index];
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let trimmed = line.trim_end_matches(['\n', '\r']);
        Span::new(start, start + trimmed.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The sentence that contains `offset`, if any.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences.get(i).filter(|s| s.span.start <= offset)
    }
}

/// Bytes between two column marks on a long line that is not ASCII.
const COLUMN_MARK: usize = 1024;

/// The column marks of a text (see [`Document`]).
fn column_marks(text: &str, line_starts: &[usize], ascii_lines: &[bool]) -> Vec<(usize, usize)> {
    let mut marks = Vec::new();
    for (i, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
        if ascii_lines[i] || end - start <= COLUMN_MARK {
            continue;
        }
        let mut next = start + COLUMN_MARK;
        for (column, (at, _)) in text[start..end].char_indices().enumerate() {
            if start + at >= next {
                marks.push((start + at, column));
                next = start + at + COLUMN_MARK;
            }
        }
    }
    marks
}

/// All documents of one run, in sorted path order.
#[derive(Debug, Default)]
pub struct Corpus {
    pub docs: Vec<Document>,
}

impl Corpus {
    /// Parses and extracts every source, in parallel; ids follow the order of `sources`.
    pub fn build(sources: Vec<Source>, lexicon: &Lexicon) -> Corpus {
        let docs = sources
            .into_par_iter()
            .enumerate()
            .map(|(id, source)| Document::analyze(id, source.name, source.text, lexicon))
            .collect();
        Corpus { docs }
    }

    pub fn doc(&self, id: DocId) -> &Document {
        &self.docs[id]
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Total size of all texts in bytes.
    pub fn bytes(&self) -> usize {
        self.docs.iter().map(|d| d.text.len()).sum()
    }
}

impl<'a> Files<'a> for Corpus {
    type FileId = DocId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: DocId) -> Result<&'a str, files::Error> {
        self.docs
            .get(id)
            .map(|d| d.name.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn source(&'a self, id: DocId) -> Result<&'a str, files::Error> {
        self.docs
            .get(id)
            .map(|d| d.text.as_str())
            .ok_or(files::Error::FileMissing)
    }

    fn line_index(&'a self, id: DocId, byte_index: usize) -> Result<usize, files::Error> {
        let doc = self.docs.get(id).ok_or(files::Error::FileMissing)?;
        Ok(doc.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: DocId,
        line_index: usize,
    ) -> Result<std::ops::Range<usize>, files::Error> {
        let doc = self.docs.get(id).ok_or(files::Error::FileMissing)?;
        let start = *doc
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: doc.line_starts.len() - 1,
            })?;
        let end = doc
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(doc.text.len());
        Ok(start..end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_on_long_lines_that_are_not_ascii_are_counted_from_marks() {
        let line = "Ադա Պրինն, ".repeat(2000);
        let text = format!("Title\n{line}\n{line}end\n");
        let doc = Document::analyze(0, "a.txt".into(), text.clone(), Lexicon::builtin());
        assert!(doc.column_marks.len() > 20);
        // Every character boundary of the two long lines gets the column counted the slow way.
        for (offset, _) in text.char_indices().step_by(97) {
            let line = doc.line_index(offset);
            let start = doc.line_starts[line];
            let want = text[start..offset].chars().count() + 1;
            assert_eq!(doc.line_col(offset), (line + 1, want), "at {offset}");
        }
        let end = text.rfind("end").unwrap();
        assert_eq!(doc.line_col(end), (3, line.chars().count() + 1));
    }

    #[test]
    fn html_comments_are_not_prose_but_spans_still_fit_the_text() {
        let text = "# T\n\n<!-- concord: ignore -->\nIt runs. <!-- naïve\nnote -->It sails.\n";
        let doc = Document::analyze(0, "a.md".into(), text.into(), Lexicon::builtin());
        let sentences: Vec<&str> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(sentences, ["It runs.", "It sails."]);
        assert!(doc.words.iter().all(|w| !doc.slice(*w).contains("concord")));
        assert_eq!(
            parse::mask_comments("<!-- é -->x").len(),
            "<!-- é -->x".len()
        );
    }
}
