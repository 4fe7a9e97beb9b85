//! Applying fixes: the edits of findings' [`Fix`]es, grouped by document, without overlaps,
//! applied to a text or shown as a unified diff. The command line decides whether to write.

use std::collections::BTreeMap;

use crate::corpus::{Corpus, DocId};
use crate::finding::{Edit, Finding};

/// The edits to apply, by document, sorted and without overlaps, and which findings they fix
/// (indices into `findings`). A fix with an edit that overlaps one already taken is left out
/// whole, so no finding is half fixed; unsafe fixes are taken only with `unsafe_too`.
pub fn plan(
    findings: &[Finding],
    corpus: &Corpus,
    unsafe_too: bool,
) -> (BTreeMap<DocId, Vec<Edit>>, Vec<usize>) {
    let mut by_doc: BTreeMap<DocId, Vec<Edit>> = BTreeMap::new();
    let mut fixed = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        let Some(fix) = &f.fix else { continue };
        if !fix.safe && !unsafe_too {
            continue;
        }
        let valid = fix.edits.iter().all(|e| {
            let text = &corpus.doc(e.doc).text;
            e.span.start <= e.span.end
                && e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        let clashes = fix.edits.iter().any(|e| {
            by_doc.get(&e.doc).is_some_and(|taken| {
                taken
                    .iter()
                    .any(|t| e.span.start < t.span.end && t.span.start < e.span.end)
            })
        });
        if !valid || clashes {
            continue;
        }
        for e in &fix.edits {
            by_doc.entry(e.doc).or_default().push(e.clone());
        }
        fixed.push(i);
    }
    for edits in by_doc.values_mut() {
        edits.sort_by_key(|e| e.span);
    }
    (by_doc, fixed)
}

/// `text` with `edits` (sorted, not overlapping) applied.
pub fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for e in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A unified diff of `name` from `old` to `new`, as `diff -u` writes it.
pub fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Span;
    use crate::testing;

    #[test]
    fn overlapping_and_unsafe_fixes_are_left_out_whole() {
        let corpus = testing::corpus(&["It was the the capital.\n"]);
        let rule = testing::builtin_rule("repeated-word");
        let base = rule
            .finding(&[("word", "the")])
            .label(0, Span::new(7, 14), "x");
        let safe = base.clone().replace(0, Span::new(7, 14), "the");
        let clash =
            base.clone()
                .replace(0, Span::new(0, 2), "It")
                .replace(0, Span::new(10, 14), "");
        let guess = base
            .clone()
            .replace(0, Span::new(15, 22), "capitol")
            .unsafe_fix();
        let findings = [safe, clash, guess];
        let (edits, fixed) = plan(&findings, &corpus, false);
        assert_eq!(fixed, [0]);
        let text = &corpus.doc(0).text;
        assert_eq!(apply(text, &edits[&0]), "It was the capital.\n");
        let (edits, fixed) = plan(&findings, &corpus, true);
        assert_eq!(fixed, [0, 2]);
        assert_eq!(apply(text, &edits[&0]), "It was the capitol.\n");
        assert!(diff("a.md", text, "It was the capital.\n").contains("-It was the the capital."));
    }
}
