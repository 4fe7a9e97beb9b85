//! `double_space`: two or more spaces between two words of a sentence, a no-break space
//! included (`of\u{a0} citizens`).
//!
//! Only a gap made of spaces alone counts: spaces after a sentence's final period (a typewriter
//! habit some style guides keep), indentation, line ends and alignment in lists are not between
//! two words of one sentence, and are left alone.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "double_space",
    summary: "two or more spaces between two words of a sentence",
    params: "min_spaces: how many spaces in a row are reported (2)",
    placeholders: &["first", "second"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_spaces")]
    min_spaces: usize,
}

fn min_spaces() -> usize {
    2
}

struct DoubleSpace {
    min_spaces: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(DoubleSpace {
        min_spaces: p.min_spaces.max(2),
    }))
}

/// A space inside a line: the ASCII space, the no-break space and the other Unicode spaces.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\t' || (c.is_whitespace() && c != '\n' && c != '\r')
}

impl Check for DoubleSpace {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            for pair in doc.words[sentence.words.clone()].windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let gap = &doc.text[a.end..b.start];
                let count = gap.chars().count();
                if count < self.min_spaces || !gap.chars().all(is_space) {
                    continue;
                }
                let (first, second) = (doc.slice(a), doc.slice(b));
                let mut f = rule
                    .finding(&[("first", first), ("second", second)])
                    .label(
                        doc.id,
                        Span::new(a.start, b.start),
                        format!("{count} spaces here"),
                    )
                    .suggest(format!("{first} {second}"));
                if gap.chars().any(|c| c != ' ') {
                    f = f.note("the gap holds a no-break or other special space, invisible in most editors");
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "double-space"
        code = "T008"
        category = "typo"
        severity = "info"
        check = "double_space"
        message = "more than one space between `{first}` and `{second}`"
    "#;

    #[test]
    fn double_and_no_break_spaces_fire() {
        let f = findings(
            &rule(RULE),
            &["The mission of\u{a0} citizens. Two  spaces here."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].notes.len(), 1, "the no-break space is pointed out");
    }

    #[test]
    fn near_misses_stay_silent() {
        let f = findings(
            &rule(RULE),
            &["One sentence.  Another one.\n  • 9. An item;   \nA line, then  \nmore."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
