//! Excerpts for terminal output. Documents extracted from the web often hold a whole paragraph
//! on one line; rendering such a line in full for a two-word finding buries the finding. An
//! excerpt keeps, of each line a finding touches, only a window around each label (`…` marks
//! the cuts), while line and column numbers stay those of the real file.

use std::ops::Range;

use codespan_reporting::files::{self, Files};

use crate::corpus::{Corpus, DocId, Span};
use crate::finding::Finding;

/// Bytes of context kept on each side of a label, before snapping to word boundaries.
const CONTEXT: usize = 60;
const CUT: &str = "…";

/// A piece of a real line copied into the excerpt.
#[derive(Debug, Clone, Copy)]
struct Segment {
    virt: usize,
    real: usize,
    len: usize,
}

#[derive(Debug)]
struct Excerpt {
    doc: DocId,
    /// The document's name, escaped for the terminal.
    name: String,
    source: String,
    line_starts: Vec<usize>,
    segments: Vec<Segment>,
}

impl Excerpt {
    /// The excerpt offset of a real offset inside one of the copied pieces.
    fn to_virtual(&self, real: usize) -> Option<usize> {
        self.segments
            .iter()
            .find(|s| s.real <= real && real <= s.real + s.len)
            .map(|s| s.virt + (real - s.real))
    }

    fn to_real(&self, virt: usize) -> Option<usize> {
        self.segments
            .iter()
            .find(|s| s.virt <= virt && virt <= s.virt + s.len)
            .map(|s| s.real + (virt - s.virt))
    }
}

/// The excerpts of one finding, one per document it points into, and its labels re-pointed.
pub struct Excerpts<'a> {
    corpus: &'a Corpus,
    files: Vec<Excerpt>,
}

impl<'a> Excerpts<'a> {
    /// Builds the excerpts for `finding` and returns, for each of its labels, the excerpt file id
    /// and range to render.
    pub fn new(
        corpus: &'a Corpus,
        finding: &Finding,
    ) -> (Excerpts<'a>, Vec<(usize, Range<usize>)>) {
        let mut docs: Vec<DocId> = Vec::new();
        for l in &finding.labels {
            if !docs.contains(&l.doc) {
                docs.push(l.doc);
            }
        }
        let files: Vec<Excerpt> = docs
            .iter()
            .map(|&doc| {
                let spans: Vec<Span> = finding
                    .labels
                    .iter()
                    .filter(|l| l.doc == doc)
                    .map(|l| l.span)
                    .collect();
                excerpt(corpus, doc, &spans)
            })
            .collect();
        let labels = finding
            .labels
            .iter()
            .map(|l| {
                let id = docs.iter().position(|&d| d == l.doc).unwrap_or(0);
                let file = &files[id];
                let start = file.to_virtual(l.span.start).unwrap_or(0);
                let end = file.to_virtual(l.span.end).unwrap_or(start).max(start);
                (id, start..end)
            })
            .collect();
        (Excerpts { corpus, files }, labels)
    }
}

fn excerpt(corpus: &Corpus, doc_id: DocId, spans: &[Span]) -> Excerpt {
    let doc = corpus.doc(doc_id);
    let text = doc.text.as_str();
    // The real byte ranges to show, per line.
    let mut shown: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for span in spans {
        let first = doc.line_index(span.start);
        let last = doc.line_index(span.end.saturating_sub(1).max(span.start));
        for line in first..=last {
            let bounds = doc.line_span(line);
            let range = if first == last {
                window(text, bounds.start..bounds.end, span.start..span.end)
            } else {
                bounds.start..bounds.end
            };
            match shown.iter_mut().find(|(l, _)| *l == line) {
                Some((_, ranges)) => ranges.push(range),
                None => shown.push((line, vec![range])),
            }
        }
    }
    shown.sort_by_key(|(line, _)| *line);
    let last_line = shown.last().map_or(0, |(l, _)| *l);

    let mut source = String::new();
    let mut segments = Vec::new();
    let mut next = shown.iter().peekable();
    for line in 0..=last_line {
        if let Some((_, ranges)) = next.next_if(|(l, _)| *l == line) {
            let bounds = doc.line_span(line);
            for (i, range) in merge(ranges.clone()).into_iter().enumerate() {
                if i > 0 {
                    source.push_str(&format!(" {CUT} "));
                } else if range.start > bounds.start {
                    source.push_str(CUT);
                }
                copy(text, range.clone(), &mut source, &mut segments);
                if range.end < bounds.end && ranges.iter().all(|r| r.end <= range.end) {
                    source.push_str(CUT);
                }
            }
        }
        source.push('\n');
    }
    let line_starts = files::line_starts(&source).collect();
    Excerpt {
        doc: doc_id,
        name: super::escape_line(&doc.name).into_owned(),
        source,
        line_starts,
        segments,
    }
}

/// Copies `text[range]` to the end of `source`, each control or direction-override character
/// written as a visible escape (see `escape.rs`): a document must not drive the reviewer's
/// terminal. The pieces between escapes are segments, so a label still maps to its real bytes;
/// an escape itself maps to nothing, like the `…` of a cut.
fn copy(text: &str, range: Range<usize>, source: &mut String, segments: &mut Vec<Segment>) {
    let mut from = range.start;
    let piece = &text[range.clone()];
    let unsafe_chars = piece
        .char_indices()
        .filter(|&(_, c)| super::is_unsafe(c))
        .map(|(i, c)| (range.start + i, c));
    for (at, c) in unsafe_chars.chain(std::iter::once((range.end, ' '))) {
        segments.push(Segment {
            virt: source.len(),
            real: from,
            len: at - from,
        });
        source.push_str(&text[from..at]);
        if at < range.end {
            source.push_str(&super::escape(&c.to_string()));
            from = at + c.len_utf8();
        }
    }
}

/// The part of `line` to show around `label`: some context on each side, cut at spaces.
fn window(text: &str, line: Range<usize>, label: Range<usize>) -> Range<usize> {
    let mut start = label.start.saturating_sub(CONTEXT).max(line.start);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    if start > line.start
        && let Some(space) = text[start..label.start].find(' ')
    {
        start += space + 1;
    }
    let mut end = (label.end + CONTEXT).min(line.end);
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end < line.end
        && let Some(space) = text[label.end..end].rfind(' ')
    {
        end = label.end + space;
    }
    start..end
}

/// Sorted, with overlapping or touching ranges joined.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end + 1 => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

impl<'f> Files<'f> for Excerpts<'_> {
    type FileId = usize;
    type Name = &'f str;
    type Source = &'f str;

    fn name(&'f self, id: usize) -> Result<&'f str, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(&file.name)
    }

    fn source(&'f self, id: usize) -> Result<&'f str, files::Error> {
        Ok(&self.files.get(id).ok_or(files::Error::FileMissing)?.source)
    }

    fn line_index(&'f self, id: usize, byte_index: usize) -> Result<usize, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(file
            .line_starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'f self, id: usize, line_index: usize) -> Result<Range<usize>, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        let start = *file
            .line_starts
            .get(line_index)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: file.line_starts.len().saturating_sub(1),
            })?;
        let end = file
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(file.source.len());
        Ok(start..end)
    }

    /// The column in the real file, so that `file:line:column` in the header can be opened.
    fn column_number(
        &'f self,
        id: usize,
        _line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        let real = file
            .to_real(byte_index)
            .ok_or(files::Error::IndexTooLarge {
                given: byte_index,
                max: file.source.len(),
            })?;
        Ok(self.corpus.doc(file.doc).line_col(real).1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Category, Severity};

    fn finding(labels: &[(DocId, Span)]) -> Finding {
        let mut f = Finding {
            rule: "r".into(),
            code: "T999".into(),
            category: Category::Typo,
            severity: Severity::Warning,
            message: "m".into(),
            labels: Vec::new(),
            notes: Vec::new(),
            suggestion: None,
        };
        for &(doc, span) in labels {
            f = f.label(doc, span, "");
        }
        f
    }

    #[test]
    fn long_lines_are_cut_around_labels_and_keep_real_positions() {
        let filler = "word ".repeat(40);
        let text = format!("Title\n\n{filler}the the {filler}end.\n");
        let corpus = crate::testing::corpus(&[&text]);
        let at = text.find("the the").unwrap();
        let (files, labels) = Excerpts::new(&corpus, &finding(&[(0, Span::new(at, at + 7))]));
        let (id, range) = labels[0].clone();
        let source = files.source(id).unwrap();
        assert_eq!(&source[range.clone()], "the the");
        let line = source.lines().nth(2).unwrap();
        assert!(
            line.starts_with('…') && line.ends_with('…') && line.len() < 160,
            "{line}"
        );
        let loc = files.location(id, range.start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (3, 201));
    }

    #[test]
    fn labels_in_two_documents_get_two_files() {
        let corpus = crate::testing::corpus(&["One line here.", "Other line there."]);
        let (files, labels) = Excerpts::new(
            &corpus,
            &finding(&[(1, Span::new(0, 5)), (0, Span::new(4, 8))]),
        );
        assert_eq!(labels.iter().map(|l| l.0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(files.name(0).unwrap(), "doc1.txt");
        assert_eq!(&files.source(1).unwrap()[labels[1].1.clone()], "line");
    }
}
