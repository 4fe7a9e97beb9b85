//! `sentence_end`: a hyphen or dash glued to the final full stop of a paragraph, with nothing
//! after it (`... Deputy Minister of Justice.-`), left over from a signature line or a broken
//! edit.
//!
//! A paragraph whose last sentence lost its stop was tried here too and left out: on the seeds
//! and a test corpus most such paragraphs are cut by a page break or end in a link, which other
//! rules own, and the rest could not be told apart from captions with the text alone.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "sentence_end",
    summary: "a stray hyphen or dash after the full stop that ends a paragraph",
    params: "none",
    placeholders: &["found", "expected"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {}

struct SentenceEnd;

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let _: Params = super::params(value)?;
    Ok(Box::new(SentenceEnd))
}

impl Check for SentenceEnd {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
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
}
