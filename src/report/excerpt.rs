//! Excerpts for terminal output. Documents extracted from the web often hold a whole paragraph
//! on one line; rendering such a line in full for a two-word finding buries the finding. An
//! excerpt keeps, of each line a finding touches, only a window around each label (`…` marks
//! the cuts), while line and column numbers stay those of the real file.

use std::ops::Range;

use codespan_reporting::files::{self, Files};

use crate::corpus::{Corpus, DocId, Span};
use crate::finding::Finding;

/// Characters of context kept on each side of a label, before snapping to word boundaries (at
/// most; less when the terminal is narrow).
const CONTEXT: usize = 60;
/// Characters of context a label keeps on a narrow terminal, on each side.
const MIN_CONTEXT: usize = 12;
/// The longest part of a label shown in full when the width is not known.
const LONG_PART: usize = 400;
/// The fewest characters of source text a line of an excerpt keeps, however narrow the terminal.
const MIN_BUDGET: usize = 30;
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
    /// The real 1-based line number of each line of `source`.
    line_numbers: Vec<usize>,
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
        width: Option<usize>,
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
                excerpt(corpus, doc, &spans, width)
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

fn excerpt(corpus: &Corpus, doc_id: DocId, spans: &[Span], width: Option<usize>) -> Excerpt {
    let doc = corpus.doc(doc_id);
    let text = doc.text.as_str();
    // The part of each line that a label covers.
    let mut parts: Vec<(usize, Range<usize>)> = Vec::new();
    for span in spans {
        let first = doc.line_index(span.start);
        let last = doc.line_index(span.end.saturating_sub(1).max(span.start));
        for line in first..=last {
            let bounds = doc.line_span(line);
            let start = span.start.clamp(bounds.start, bounds.end);
            let end = span.end.clamp(start, bounds.end);
            parts.push((line, start..end));
        }
    }
    parts.sort_by_key(|(line, r)| (*line, r.start, r.end));
    let last_line = parts.last().map_or(0, |(l, _)| *l);
    let limits = Limits::new(width, last_line + 1);

    // The real byte ranges to show, per line.
    let mut shown: Vec<(usize, Vec<Range<usize>>)> = Vec::new();
    for group in parts.chunk_by(|a, b| a.0 == b.0) {
        let line = group[0].0;
        let bounds = doc.line_span(line);
        let ranges: Vec<Range<usize>> = group.iter().map(|(_, r)| r.clone()).collect();
        let context = limits.context(text, &ranges);
        let windows = ranges
            .into_iter()
            .flat_map(|part| window(text, bounds.start..bounds.end, part, context, limits.part))
            .collect();
        shown.push((line, windows));
    }

    // Only the lines shown are copied. A gap between two of them becomes one empty line when it
    // is one line long (the renderer shows it, as it would the real one) and two otherwise (the
    // renderer draws a break); `line_numbers` keeps the real number of every copied line. Copying
    // every line up to the last one shown would cost, for each finding, the length of its
    // document.
    let mut source = String::new();
    let mut segments = Vec::new();
    let mut line_numbers = Vec::new();
    let mut previous: Option<usize> = None;
    for (line, ranges) in &shown {
        let gap = previous.map_or(0, |p| line - p - 1);
        if gap > 0 {
            let p = previous.unwrap_or(0);
            source.push('\n');
            line_numbers.push(p + 2);
            if gap > 1 {
                source.push('\n');
                line_numbers.push(*line);
            }
        }
        previous = Some(*line);
        let bounds = doc.line_span(*line);
        // Too many labels on one line for the width: the line is shown as several rows, each
        // with the real line number.
        for row in rows(text, merge(ranges.clone()), limits.budget) {
            for (i, range) in row.iter().enumerate() {
                if i > 0 {
                    source.push_str(&format!(" {CUT} "));
                } else if range.start > bounds.start {
                    source.push_str(CUT);
                }
                copy(text, range.clone(), &mut source, &mut segments);
            }
            if row.last().is_some_and(|r| r.end < bounds.end) {
                source.push_str(CUT);
            }
            source.push('\n');
            line_numbers.push(line + 1);
        }
    }
    let line_starts = files::line_starts(&source).collect();
    Excerpt {
        doc: doc_id,
        name: super::escape_line(&doc.name).into_owned(),
        source,
        line_starts,
        line_numbers,
        segments,
    }
}

/// The pieces of one line grouped into rows of at most `budget` characters (one row when there
/// is no budget, or when a piece alone is longer).
fn rows(text: &str, pieces: Vec<Range<usize>>, budget: Option<usize>) -> Vec<Vec<Range<usize>>> {
    let Some(budget) = budget else {
        return vec![pieces];
    };
    let join = CUT.chars().count() + 2;
    let mut out: Vec<Vec<Range<usize>>> = Vec::new();
    let mut used = 0;
    for piece in pieces {
        let chars = text[piece.clone()].chars().count();
        match out.last_mut() {
            Some(row) if used + join + chars <= budget => {
                used += join + chars;
                row.push(piece);
            }
            _ => {
                used = chars;
                out.push(vec![piece]);
            }
        }
    }
    out
}

/// How much of a line an excerpt shows.
struct Limits {
    /// Characters a line of the excerpt may take (the source text, not the gutter), when the
    /// width of the terminal is known.
    budget: Option<usize>,
    /// The longest part of a label shown in full; a longer one keeps its head and tail.
    part: usize,
}

impl Limits {
    fn new(width: Option<usize>, lines: usize) -> Limits {
        // The gutter: the line number, a space, the bar and a space; two `…` at the ends.
        let gutter = lines.to_string().len() + 3 + 2;
        let budget = width.map(|w| w.saturating_sub(gutter).max(MIN_BUDGET));
        Limits {
            budget,
            part: budget.map_or(LONG_PART, |b| (b - b / 4).min(LONG_PART)),
        }
    }

    /// Characters of context on each side of each label of one line.
    fn context(&self, text: &str, parts: &[Range<usize>]) -> usize {
        let Some(budget) = self.budget else {
            return CONTEXT;
        };
        let k = parts.len();
        let labels: usize = parts
            .iter()
            .map(|p| {
                text[p.clone()]
                    .chars()
                    .take(self.part + 1)
                    .count()
                    .min(self.part)
            })
            .sum();
        let joins = (CUT.chars().count() + 2) * (k - 1);
        // Many labels may not fit on one row whatever the context (they are then spread over
        // several rows): each keeps a little.
        (budget.saturating_sub(labels + joins) / (2 * k))
            .clamp(MIN_CONTEXT.min(budget / 4), CONTEXT)
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

/// The byte offset `n` characters before `from`, not before `floor`.
fn back(text: &str, from: usize, n: usize, floor: usize) -> usize {
    if n == 0 {
        return from;
    }
    text[floor..from]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `from`, not after `ceiling`.
fn forward(text: &str, from: usize, n: usize, ceiling: usize) -> usize {
    text[from..ceiling]
        .char_indices()
        .nth(n)
        .map_or(ceiling, |(i, _)| from + i)
}

/// The parts of `line` to show around `part` (a label's piece of the line): `context`
/// characters on each side, cut at spaces; a part longer than `max_part` characters keeps its
/// head and tail, and the middle gives way to a `…`.
fn window(
    text: &str,
    line: Range<usize>,
    part: Range<usize>,
    context: usize,
    max_part: usize,
) -> Vec<Range<usize>> {
    let mut start = back(text, part.start, context, line.start);
    if start > line.start
        && let Some(space) = text[start..part.start].find(' ')
    {
        start += space + 1;
    }
    let mut end = forward(text, part.end, context, line.end);
    if end < line.end
        && let Some(space) = text[part.end..end].rfind(' ')
    {
        end = part.end + space;
    }
    if text[part.clone()].chars().nth(max_part).is_none() {
        return std::iter::once(start..end).collect();
    }
    let head = forward(text, part.start, max_part / 2, part.end);
    let tail = back(text, part.end, max_part / 2, part.start);
    vec![start..head, tail..end]
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

    fn line_number(&'f self, id: usize, line_index: usize) -> Result<usize, files::Error> {
        let file = self.files.get(id).ok_or(files::Error::FileMissing)?;
        Ok(file
            .line_numbers
            .get(line_index)
            .copied()
            .unwrap_or(line_index + 1))
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
            fix: None,
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
        let (files, labels) = Excerpts::new(&corpus, &finding(&[(0, Span::new(at, at + 7))]), None);
        let (id, range) = labels[0].clone();
        let source = files.source(id).unwrap();
        assert_eq!(&source[range.clone()], "the the");
        // Only the line shown is copied; it keeps its real number.
        assert_eq!(source.lines().count(), 1);
        let line = source.lines().next().unwrap();
        assert!(
            line.starts_with('…') && line.ends_with('…') && line.len() < 160,
            "{line}"
        );
        let loc = files.location(id, range.start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (3, 201));
    }

    /// The visible width of the source lines of a rendered diagnostic, gutter included.
    fn rendered_widths(corpus: &Corpus, f: &Finding, width: Option<usize>) -> Vec<usize> {
        let (files, labels) = Excerpts::new(corpus, f, width);
        let d = super::super::terminal::diagnostic(f, labels);
        let mut out = Vec::new();
        let config = codespan_reporting::term::Config::default();
        codespan_reporting::term::emit_to_io_write(&mut out, &config, &files, &d).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .filter(|l| l.contains(" │ ") && l.starts_with(|c: char| c.is_ascii_digit()))
            .map(|l| l.chars().count())
            .collect()
    }

    #[test]
    fn lines_fit_the_width_given() {
        // A long line of real prose (the dev corpus style: a paragraph per line).
        let filler = "The agency reports to the council of ministers and to the president. ";
        let text = format!(
            "Title\n\n{}the the {}\n",
            filler.repeat(5),
            filler.repeat(5)
        );
        let corpus = crate::testing::corpus(&[&text]);
        let at = text.find("the the").unwrap();
        let f = finding(&[(0, Span::new(at, at + 7))]);
        for width in [40, 80, 120] {
            let widths = rendered_widths(&corpus, &f, Some(width));
            assert!(!widths.is_empty());
            assert!(widths.iter().all(|&w| w <= width), "{width}: {widths:?}");
        }
        // Two labels on one line share the width.
        let other = text.rfind("president").unwrap();
        let f = finding(&[(0, Span::new(at, at + 7)), (0, Span::new(other, other + 9))]);
        let widths = rendered_widths(&corpus, &f, Some(80));
        assert!(widths.iter().all(|&w| w <= 80), "{widths:?}");
        // No width: the fixed context of a pipe.
        let widths = rendered_widths(&corpus, &finding(&[(0, Span::new(at, at + 7))]), None);
        assert!(widths.iter().all(|&w| w > 120), "{widths:?}");
    }

    #[test]
    fn a_label_longer_than_the_line_allows_keeps_its_head_and_tail() {
        let words: Vec<String> = (0..400).map(|i| format!("w{i}")).collect();
        let text = format!("Title\n\n{}\n", words.join(" "));
        let corpus = crate::testing::corpus(&[&text]);
        let start = text.find("w10 ").unwrap();
        let end = text.find("w390").unwrap() + 4;
        let f = finding(&[(0, Span::new(start, end))]);
        let (files, labels) = Excerpts::new(&corpus, &f, Some(100));
        let (id, range) = labels[0].clone();
        let shown = &files.source(id).unwrap()[range];
        assert!(
            shown.starts_with("w10 w11") && shown.ends_with("w389 w390"),
            "{shown}"
        );
        assert!(
            shown.contains('…') && shown.chars().count() < 100,
            "{shown}"
        );
        let widths = rendered_widths(&corpus, &f, Some(100));
        assert!(widths.iter().all(|&w| w <= 100), "{widths:?}");
    }

    #[test]
    fn an_excerpt_copies_the_lines_shown_not_the_document() {
        let text = format!("{}The end the end.\n", "A line of text.\n".repeat(100_000));
        let corpus = crate::testing::corpus(&[&text]);
        let first = text.find("A line").unwrap();
        let last = text.rfind("the end").unwrap();
        let f = finding(&[
            (0, Span::new(first, first + 6)),
            (0, Span::new(last, last + 7)),
        ]);
        let (files, labels) = Excerpts::new(&corpus, &f, None);
        let source = files.source(0).unwrap();
        assert!(source.len() < 200, "{}", source.len());
        let loc = files.location(0, labels[1].1.start).unwrap();
        assert_eq!((loc.line_number, loc.column_number), (100_001, 9));
    }

    #[test]
    fn labels_in_two_documents_get_two_files() {
        let corpus = crate::testing::corpus(&["One line here.", "Other line there."]);
        let (files, labels) = Excerpts::new(
            &corpus,
            &finding(&[(1, Span::new(0, 5)), (0, Span::new(4, 8))]),
            None,
        );
        assert_eq!(labels.iter().map(|l| l.0).collect::<Vec<_>>(), vec![0, 1]);
        assert_eq!(files.name(0).unwrap(), "doc1.txt");
        assert_eq!(&files.source(1).unwrap()[labels[1].1.clone()], "line");
    }
}
