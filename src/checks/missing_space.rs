//! `missing_space`: a full stop with no space after it, glued to the next sentence's first
//! word: `in 2021.On 5 May`, `/NEWSWIRE/.The minister`.
//!
//! Dots inside words are everywhere in technical and web text (`example.org`, `Node.js`,
//! `struct.Box.html`, `e.g.`, `U.S.`), so the shape is narrow: the word before the stop is a
//! number, or a lowercase word of two letters or more, or the stop follows a closing bracket,
//! quote or slash; the word after it is capitalised, the rest lowercase, and is a dictionary
//! word; and the two words are not part of a link, a path, an address or a code span (no other
//! dot before or after, no slash or `@` after, no `://` or `www.` in the run). `Caliber.Az`, a site name, has a
//! capitalised word before its dot and stays silent.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::english::{self, Dialect};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "missing_space",
    summary: "a full stop glued to the first word of the next sentence",
    params: "allow: glued pairs never reported, as written (`Caliber.Az`) ([])",
    placeholders: &["found", "expected"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    allow: Vec<String>,
}

struct MissingSpace {
    allow: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(MissingSpace { allow: p.allow }))
}

/// What may stand between the two words: the stop, after a closing bracket, quote or slash.
const GAPS: &[&str] = &[".", ").", "].", "/.", "\".", "”.", "'.", "’."];

impl Check for MissingSpace {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for pair in doc.words.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let gap = &doc.text[a.end..b.start];
            if !GAPS.contains(&gap) {
                continue;
            }
            let before = doc.slice(a);
            let after = doc.slice(b);
            let found = &doc.text[a.start..b.end];
            if !before_ok(before, gap)
                || !after_ok(after)
                || self.allow.iter().any(|x| x == found)
                || not_prose(doc, a, b)
            {
                continue;
            }
            let stop = a.end + gap.len() - 1;
            let expected = format!("{before}{gap} {after}");
            out.push(
                rule.finding(&[("found", found), ("expected", &expected)])
                    .label(
                        doc.id,
                        Span::new(a.start, b.end),
                        "a space is missing after the full stop",
                    )
                    .note(format!(
                        "replace `{}` with `. ` (insert a space after the full stop at byte {stop})",
                        &doc.text[stop..stop + 1]
                    ))
                    .suggest(expected),
            );
        }
    }
}

/// A number (`2021.On`), a lowercase word of two letters or more (`services.The`), or anything
/// closed by a bracket, quote or slash (`/NEWSWIRE/.The`). Not a capitalised word (`Caliber.Az`,
/// `Node.Js`) or a single letter (`e.g.Foo`).
fn before_ok(before: &str, gap: &str) -> bool {
    gap.len() > 1
        || before.bytes().all(|b| b.is_ascii_digit())
        || (before.len() >= 2 && before.bytes().all(|b| b.is_ascii_lowercase()))
}

/// A capitalised dictionary word: `On`, `The`, `Armenian`; not `Js`, `Az`, `Utf8Error`.
fn after_ok(after: &str) -> bool {
    let mut chars = after.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_lowercase())
        && after.len() >= 2
        && (english::spelt(after, Dialect::American) || english::spelt(after, Dialect::British))
        && english::is_word(&after.to_lowercase())
}

/// The pair is part of a link, a path, an address or a code span.
fn not_prose(doc: &Document, a: Span, b: Span) -> bool {
    let Span { start, end } = crate::extract::chunk_around(&doc.text, a.start, b.end);
    let run = &doc.text[start..end];
    let head = &doc.text[start..a.start];
    let tail = &doc.text[b.end..end];
    let line_start = doc.line_span(doc.line_index(a.start)).start;
    run.contains("://")
        || run.contains("www.")
        || run.contains(['@', '_', '\\', '`', '#', '='])
        || tail.contains(['/', '.'])
            && tail
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .contains(['/', '.'])
        // Another dot before: a version, a domain, an abbreviation (`1.2.Beta`, `U.S.Army`).
        || head.contains('.')
        || doc.text[line_start..a.start].matches('`').count() % 2 == 1
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "missing-space-after-stop"
        code = "T017"
        category = "typo"
        severity = "info"
        check = "missing_space"
        message = "`{found}` lacks a space after the full stop: `{expected}`"
    "#;

    #[test]
    fn a_stop_glued_to_the_next_sentence() {
        // Shapes from real text (dev corpus, am02 and am10), with the names changed.
        let texts = [
            "It was renamed in 2021.On 5 May the ministry was formed.",
            "PORTVILLE, May 11. /NEWSWIRE/.The President signed the decree.",
            "The ministry was formed.The police followed.",
        ];
        let f = findings(&rule(RULE), &texts);
        let s: Vec<_> = f.iter().filter_map(|f| f.suggestion.clone()).collect();
        assert_eq!(s, ["2021. On", "NEWSWIRE/. The", "formed. The"], "{f:#?}");
    }

    #[test]
    fn dots_inside_names_links_and_code_stay_silent() {
        let texts = [
            // Site names, abbreviations, file names, links and code (the last from the README
            // of the `chrono` crate).
            "It told Caliber.Az and Node.Js users, e.g.The one in the U.S.Army.",
            "Open report.Final.pdf or www.example.org/news.Today and mail ada@prinn.Example.",
            "See [`DateTime`](https://docs.rs/chrono/latest/chrono/struct.DateTime.html) and `self.Method`.",
            "The value 3.14 and version 1.2.Beta stay.",
        ];
        let f = findings(&rule(RULE), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }
}
