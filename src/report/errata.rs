//! The errata report's content, shared by the Markdown and HTML reporters: findings grouped by
//! subject (the document of the primary label), most severe first, each with a plain title and
//! every source's claim quoted in context.
//!
//! Quotes are cut from the sentence around a label (or its line, where the label is not inside
//! one sentence), with whitespace collapsed and long context trimmed at word boundaries around
//! the span, so that a reader can act without opening the sources.

use crate::config::Rule;
use crate::corpus::{Corpus, DocId, Document, Span};
use crate::finding::{Category, Finding, Label, Severity};
use crate::parse::BlockKind;

use super::Run;

/// Characters of context kept on each side of a quoted span.
const CONTEXT: usize = 110;
/// A span longer than this (in characters) is shown as its start and end around an ellipsis.
const LONG_SPAN: usize = 420;

/// A label's text in context. `before` and `after` carry a leading or trailing `…` when cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub before: String,
    pub span: String,
    pub after: String,
}

/// One source's side of a finding.
#[derive(Debug, Clone)]
pub struct Quote<'a> {
    pub file: &'a str,
    pub line: usize,
    pub column: usize,
    pub primary: bool,
    pub message: &'a str,
    pub excerpt: Excerpt,
}

/// The proposed correction of a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Correction {
    /// The suggestion is replacement text for the primary label: `from` becomes `to`.
    Replace {
        from: String,
        to: String,
    },
    /// The suggestion says in words what to do.
    Words(String),
    None,
}

/// One problem of the report.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// `E1`, `E2`, ... in report order; used as anchors.
    pub id: String,
    pub finding: &'a Finding,
    /// The rule in words and the message: "Repeated word: `the` is written twice in a row".
    pub title: String,
    pub quotes: Vec<Quote<'a>>,
    pub correction: Correction,
}

impl Entry<'_> {
    pub fn primary(&self) -> Option<&Quote<'_>> {
        self.quotes.iter().find(|q| q.primary)
    }

    /// True when the finding points into more than one place: then the report says which side
    /// concord believes is wrong.
    pub fn has_sides(&self) -> bool {
        self.quotes.len() > 1
    }

    /// True when the quotes come from more than one document.
    pub fn cross_document(&self) -> bool {
        self.quotes.iter().any(|q| q.file != self.quotes[0].file)
    }

    /// How the report names the parts of a finding: sides of a disagreement between
    /// documents, or places within one document.
    pub fn wording(&self) -> Wording {
        if self.cross_document() {
            Wording {
                quotes: "What the sources say",
                which: "Which side is wrong",
                part: "side",
            }
        } else {
            Wording {
                quotes: "Where it occurs",
                which: "Which place is wrong",
                part: "place",
            }
        }
    }
}

/// Words for the parts of an entry with several quotes.
#[derive(Debug, Clone, Copy)]
pub struct Wording {
    pub quotes: &'static str,
    pub which: &'static str,
    pub part: &'static str,
}

/// The findings whose primary label lies in one document.
#[derive(Debug, Clone)]
pub struct Group<'a> {
    pub doc: DocId,
    pub file: &'a str,
    /// The document's title block, else its file name.
    pub title: String,
    pub entries: Vec<Entry<'a>>,
}

/// Counts by severity: error, warning, info.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    fn add(&mut self, s: Severity) {
        match s {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

/// One row of the per-document summary.
#[derive(Debug, Clone)]
pub struct DocRow<'a> {
    pub file: &'a str,
    pub title: String,
    /// Findings whose primary label is here.
    pub counts: Counts,
    /// Findings that quote this document only as another side.
    pub cited: usize,
}

#[derive(Debug, Clone)]
pub struct Errata<'a> {
    pub files: usize,
    pub total: Counts,
    pub by_category: Vec<(Category, Counts)>,
    pub by_document: Vec<DocRow<'a>>,
    pub groups: Vec<Group<'a>>,
    /// The rules that have findings in the report, by code, for a glossary.
    pub rules: Vec<&'a Rule>,
}

/// "near-duplicate-sentence" → "Near duplicate sentence".
pub fn rule_words(rule: &str) -> String {
    let words = rule.replace(['-', '_'], " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The category in plain words, for headings and tables.
pub fn category_words(c: Category) -> &'static str {
    match c {
        Category::FactConflict => "Conflicting facts",
        Category::DateConflict => "Conflicting dates",
        Category::Duplicate => "Repeated text",
        Category::NameVariant => "Name spelt two ways",
        Category::Typo => "Typos",
        Category::Grammar => "Grammar",
        Category::Numeric => "Numbers that do not add up",
        Category::Structure => "Broken structure",
        Category::Consistency => "Mixed conventions",
    }
}

/// The document's title block, if it has one.
pub fn doc_title(doc: &Document) -> Option<String> {
    doc.blocks
        .iter()
        .find(|b| b.kind == BlockKind::Title)
        .map(|b| collapse(doc.slice(b.content)))
        .filter(|t| !t.is_empty())
}

pub fn build<'a>(run: &Run<'a>) -> Errata<'a> {
    let corpus = run.corpus;
    let mut total = Counts::default();
    let mut by_category: Vec<(Category, Counts)> = Vec::new();
    let mut rows: Vec<DocRow<'a>> = corpus
        .docs
        .iter()
        .map(|d| DocRow {
            file: &d.name,
            title: doc_title(d).unwrap_or_default(),
            counts: Counts::default(),
            cited: 0,
        })
        .collect();
    let mut groups: Vec<Group<'a>> = Vec::new();
    for f in run.findings {
        let Some(primary) = f.primary() else { continue };
        total.add(f.severity);
        match by_category.iter_mut().find(|(c, _)| *c == f.category) {
            Some((_, counts)) => counts.add(f.severity),
            None => {
                let mut counts = Counts::default();
                counts.add(f.severity);
                by_category.push((f.category, counts));
            }
        }
        rows[primary.doc].counts.add(f.severity);
        let mut cited: Vec<DocId> = f
            .labels
            .iter()
            .map(|l| l.doc)
            .filter(|&d| d != primary.doc)
            .collect();
        cited.sort_unstable();
        cited.dedup();
        for d in cited {
            rows[d].cited += 1;
        }
        let entry = Entry {
            id: String::new(),
            finding: f,
            title: format!("{}: {}", rule_words(&f.rule), f.message),
            quotes: quotes(corpus, f),
            correction: correction(corpus, f),
        };
        match groups.iter_mut().find(|g| g.doc == primary.doc) {
            Some(g) => g.entries.push(entry),
            None => {
                let doc = corpus.doc(primary.doc);
                groups.push(Group {
                    doc: primary.doc,
                    file: &doc.name,
                    title: doc_title(doc).unwrap_or_else(|| doc.name.clone()),
                    entries: vec![entry],
                });
            }
        }
    }
    by_category.sort_by_key(|(c, _)| *c);
    // Most severe first: entries by severity, then in reading order (the findings' own order);
    // groups by their most severe entry, then by size, then by document order.
    for g in &mut groups {
        g.entries
            .sort_by_key(|e| std::cmp::Reverse(e.finding.severity));
    }
    groups.sort_by_key(|g| {
        let worst = g.entries.iter().map(|e| e.finding.severity).max();
        (
            std::cmp::Reverse(worst),
            std::cmp::Reverse(g.entries.len()),
            g.doc,
        )
    });
    let mut n = 0;
    for g in &mut groups {
        for e in &mut g.entries {
            n += 1;
            e.id = format!("E{n}");
        }
    }
    let rules = run
        .rules
        .iter()
        .filter(|r| run.findings.iter().any(|f| f.rule == r.name))
        .collect();
    Errata {
        rules,
        files: corpus.len(),
        total,
        by_category,
        by_document: rows,
        groups,
    }
}

fn quotes<'a>(corpus: &'a Corpus, f: &'a Finding) -> Vec<Quote<'a>> {
    f.labels
        .iter()
        .map(|l: &'a Label| {
            let doc = corpus.doc(l.doc);
            let (line, column) = doc.line_col(l.span.start);
            Quote {
                file: &doc.name,
                line,
                column,
                primary: l.primary,
                message: &l.message,
                excerpt: excerpt(doc, l.span),
            }
        })
        .collect()
}

/// Reads a finding's suggestion as replacement text when it looks like a new version of the
/// primary label's text: no backticks (rules quote words they talk about), and most of its words
/// are, or are one or two letters away from, words of the label (or are numbers where the label
/// has a number), and the other way round. Otherwise it is advice in words
/// ("merge the two sentences"), shown as written.
pub fn correction(corpus: &Corpus, f: &Finding) -> Correction {
    // A structured fix of one edit is the correction itself: the report shows what --fix does.
    if let Some(fix) = &f.fix
        && let [edit] = fix.edits.as_slice()
    {
        return Correction::Replace {
            from: corpus.doc(edit.doc).slice(edit.span).to_string(),
            to: edit.replacement.clone(),
        };
    }
    let Some(s) = f
        .suggestion
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        return Correction::None;
    };
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let label = f
        .primary()
        .map(|l| collapse(corpus.doc(l.doc).slice(l.span)))
        .unwrap_or_default();
    // `old → new` names both sides itself.
    if let Some((old, new)) = s.split_once(" → ")
        && !s.contains('`')
        && collapse(old).eq_ignore_ascii_case(&label)
    {
        return Correction::Replace {
            from: label,
            to: new.trim().to_string(),
        };
    }
    // A long label (a sentence or passage) is not rewritten by a suggestion; advice is.
    if s.contains('`') || label.len() > 200 || s == label {
        return Correction::Words(s.to_string());
    }
    let said = words(s);
    let have = words(&label);
    let number = |w: &str| w.chars().all(|c| c.is_ascii_digit());
    // Two words match when one is the other kept, respelt, or a number given another value.
    let near = |w: &str, h: &str| {
        let (lw, lh) = (w.chars().count(), h.chars().count());
        let limit = (lw.max(lh) / 3).min(2);
        (lw.abs_diff(lh) <= limit && strsim::levenshtein(w, h) <= limit) || (number(w) && number(h))
    };
    // Most words of each side must match a word of the other: advice that happens to reuse a
    // few of the label's words ("make the total 65") is not a rewrite of it.
    let covered = |a: &[String], b: &[String]| {
        a.iter().filter(|w| b.iter().any(|h| near(w, h))).count() * 2 >= a.len()
    };
    if !said.is_empty() && covered(&said, &have) && covered(&have, &said) {
        Correction::Replace {
            from: label,
            to: s.to_string(),
        }
    } else {
        Correction::Words(s.to_string())
    }
}

/// The span's sentence (or lines) with the span marked out; see the module documentation.
pub fn excerpt(doc: &Document, span: Span) -> Excerpt {
    let context = match doc.sentence_at(span.start) {
        // A span that is its whole sentence (a duplicate) is shown with the text around it.
        Some(s) if s.span.contains(span) && span.len() * 10 < s.span.len() * 9 => s.span,
        _ => {
            let first = doc.line_span(doc.line_index(span.start));
            let last = doc.line_span(doc.line_index(span.end.saturating_sub(1).max(span.start)));
            Span::new(first.start.min(span.start), last.end.max(span.end))
        }
    };
    let before = collapse_keep_edges(&doc.text[context.start..span.start]);
    let after = collapse_keep_edges(&doc.text[span.end..context.end]);
    let mut text = collapse(doc.slice(span));
    if text.is_empty() {
        // An empty span marks a place where something is missing.
        text = "‸".to_string();
    }
    if text.chars().count() > LONG_SPAN {
        let head = cut_after(&text, LONG_SPAN / 2);
        let tail = cut_before(&text, LONG_SPAN / 2);
        text = format!("{head} … {tail}");
    }
    let before = if before.chars().count() > CONTEXT {
        format!("…{}", cut_before(&before, CONTEXT))
    } else {
        before.trim_start().to_string()
    };
    let after = if after.chars().count() > CONTEXT {
        format!("{}…", cut_after(&after, CONTEXT))
    } else {
        after.trim_end().to_string()
    };
    Excerpt {
        before,
        span: text,
        after,
    }
}

/// Whitespace runs to one space, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whitespace runs to one space, keeping one space at either end if there was any there, so
/// the context still reads `word **span** word`.
fn collapse_keep_edges(s: &str) -> String {
    let mut out = collapse(s);
    if out.is_empty() {
        return if s.is_empty() { out } else { " ".into() };
    }
    if s.starts_with(char::is_whitespace) {
        out.insert(0, ' ');
    }
    if s.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out
}

/// The first `n` characters of `s`, shortened to the last word boundary.
fn cut_after(s: &str, n: usize) -> String {
    let end = s.char_indices().nth(n).map_or(s.len(), |(i, _)| i);
    let head = &s[..end];
    let head = match head.rfind(' ') {
        Some(i) if i > 0 && end < s.len() => &head[..i],
        _ => head,
    };
    head.trim_end_matches([' ', ',', ';', ':']).to_string()
}

/// The last `n` characters of `s`, shortened to the first word boundary.
fn cut_before(s: &str, n: usize) -> String {
    let count = s.chars().count();
    let start = s
        .char_indices()
        .nth(count.saturating_sub(n))
        .map_or(0, |(i, _)| i);
    let tail = &s[start..];
    let tail = match tail.find(' ') {
        Some(i) if start > 0 && i + 1 < tail.len() => &tail[i + 1..],
        _ => tail,
    };
    tail.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn at(text: &str, needle: &str) -> Span {
        let i = text.find(needle).unwrap();
        Span::new(i, i + needle.len())
    }

    #[test]
    fn a_short_sentence_is_quoted_whole() {
        let text = "First one. It was the the capital.\nNext.\n";
        let corpus = testing::corpus(&[text]);
        let e = excerpt(corpus.doc(0), at(text, "the the"));
        assert_eq!(
            (e.before.as_str(), e.span.as_str(), e.after.as_str()),
            ("It was ", "the the", " capital.")
        );
    }

    #[test]
    fn long_context_is_cut_at_words_around_the_span() {
        let filler = "word ".repeat(60);
        let text = format!("Start {filler}the the {filler}end.\n");
        let corpus = testing::corpus(&[&text]);
        let e = excerpt(corpus.doc(0), at(&text, "the the"));
        assert!(e.before.starts_with("…word"), "{:?}", e.before);
        assert!(e.before.ends_with("word "), "{:?}", e.before);
        assert!(e.after.starts_with(" word"), "{:?}", e.after);
        assert!(e.after.ends_with("word…"), "{:?}", e.after);
        assert!(e.before.chars().count() <= CONTEXT + 1);
        assert!(e.after.chars().count() <= CONTEXT + 1);
    }

    #[test]
    fn a_label_outside_sentences_is_quoted_with_its_line() {
        let text = "Infobox\n- Chief: Someone Else\n\nProse here.\n";
        let corpus = testing::corpus(&[text]);
        let e = excerpt(corpus.doc(0), at(text, "Someone Else"));
        assert_eq!(
            (e.before.as_str(), e.span.as_str(), e.after.as_str()),
            ("- Chief: ", "Someone Else", "")
        );
    }

    #[test]
    fn a_whole_sentence_is_quoted_with_its_neighbours() {
        let text = "First one. It was the capital. Last one.\n";
        let corpus = testing::corpus(&[text]);
        let e = excerpt(corpus.doc(0), at(text, "It was the capital."));
        assert_eq!(
            (e.before.as_str(), e.span.as_str(), e.after.as_str()),
            ("First one. ", "It was the capital.", " Last one.")
        );
    }

    #[test]
    fn suggestions_that_rewrite_the_label_read_as_replacements() {
        let text = "It was the the capital of locoated Petra Lindqvist. It had a total of 66 boats and the harbour master.\n";
        let corpus = testing::corpus(&[text]);
        let finding = |needle: &str, suggestion: &str| {
            Finding {
                rule: "r".into(),
                code: "X1".into(),
                category: crate::finding::Category::Typo,
                severity: Severity::Warning,
                message: "m".into(),
                labels: vec![],
                notes: vec![],
                suggestion: Some(suggestion.into()),
                fix: None,
            }
            .label(0, at(text, needle), "here")
        };
        let replace = |from: &str, to: &str| Correction::Replace {
            from: from.into(),
            to: to.into(),
        };
        let c = |needle, suggestion| correction(&corpus, &finding(needle, suggestion));
        assert_eq!(c("the the", "the"), replace("the the", "the"));
        assert_eq!(c("locoated", "located"), replace("locoated", "located"));
        assert_eq!(c("capital", "1921"), Correction::Words("1921".into()));
        assert_eq!(
            c("Petra Lindqvist", "Petra Lindquist"),
            replace("Petra Lindqvist", "Petra Lindquist")
        );
        assert_eq!(
            c("capital", "capital → capitol"),
            replace("capital", "capitol")
        );
        // Half its words come from the label, but it is advice, not a rewrite.
        let advice = "make the total 65, or correct the parts";
        assert_eq!(
            c("a total of 66 boats and the harbour master", advice),
            Correction::Words(advice.into())
        );
        for words in [
            "delete one of the two",
            "keep either `the` or `a`",
            "delete",
        ] {
            assert_eq!(c("the the", words), Correction::Words(words.into()));
        }
    }

    #[test]
    fn an_empty_span_shows_where_something_is_missing() {
        let text = "It was capital.\n";
        let corpus = testing::corpus(&[text]);
        let e = excerpt(corpus.doc(0), Span::new(7, 7));
        assert_eq!(
            (e.before.as_str(), e.span.as_str(), e.after.as_str()),
            ("It was ", "‸", "capital.")
        );
    }

    #[test]
    fn rule_names_read_as_words() {
        assert_eq!(
            rule_words("near-duplicate-sentence"),
            "Near duplicate sentence"
        );
    }
}
