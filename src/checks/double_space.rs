//! `double_space`: two or more spaces between two words of a sentence, a no-break space
//! included (`of\u{a0} citizens`).
//!
//! Only a gap made of spaces alone counts: spaces after a sentence's final period (a typewriter
//! habit some style guides keep), indentation, line ends and alignment in lists are not between
//! two words of one sentence, and are left alone. A slip doubles a space once; text aligned in
//! columns has longer runs, or several runs on one line, and numbers in tables: those lines are
//! left alone too, and so are two spaces before a capital (`remove  Closes: #1`), a common
//! way to separate items.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "double_space",
    summary: "two or more spaces between two words of a sentence",
    params: "max_spaces: longer runs of spaces are taken for alignment (2)",
    placeholders: &["first", "second"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "max_spaces")]
    max_spaces: usize,
}

fn max_spaces() -> usize {
    2
}

struct DoubleSpace {
    max_spaces: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(DoubleSpace {
        max_spaces: p.max_spaces.max(2),
    }))
}

/// A space inside a line: the ASCII space, the no-break space and the other Unicode spaces.
/// Tabs are not: they align columns.
fn is_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\n' | '\r' | '\t')
}

/// The line holding `at` has more than one run of two or more spaces after its indentation:
/// columns, not a slip.
fn aligned(doc: &Document, at: usize) -> bool {
    let line = doc.slice(doc.line_span(doc.line_index(at)));
    let body = line.trim_start_matches(is_space).trim_end_matches(is_space);
    let mut runs = 0;
    let mut run = 0;
    for c in body.chars() {
        if is_space(c) {
            run += 1;
        } else {
            if run >= 2 {
                runs += 1;
            }
            run = 0;
        }
    }
    runs > 1
}

impl Check for DoubleSpace {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            for pair in doc.words[sentence.words.clone()].windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let gap = &doc.text[a.end..b.start];
                let count = gap.chars().count();
                if !(2..=self.max_spaces).contains(&count)
                    || !gap.chars().all(is_space)
                    || !doc.slice(a).chars().all(char::is_alphabetic)
                    || !doc.slice(b).chars().all(char::is_alphabetic)
                    // Two spaces before a capital separate items (`remove  Closes: #1`, a
                    // column of names), a habit rather than a slip.
                    || doc.slice(b).starts_with(char::is_uppercase)
                    || aligned(doc, a.end)
                {
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
                    .suggest(format!("{first} {second}"))
                    .replace(
                        doc.id,
                        Span::new(a.start, b.end),
                        format!("{first} {second}"),
                    );
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
            &["The mission of\u{a0} citizens.\nTwo  spaces here."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].notes.len(), 1, "the no-break space is pointed out");
    }

    #[test]
    fn near_misses_stay_silent() {
        let f = findings(
            &rule(RULE),
            &[
                "One sentence.  Another one.\n  • 9. An item;   \nA line, then  \nmore.",
                "Engine  Version  Ratio\nname     value\nrow 1  2\nFix a crash.  Closes bug 1.\nuse-after-free  Core",
            ],
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
