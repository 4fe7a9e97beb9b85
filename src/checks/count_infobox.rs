//! `count_infobox`: a count of posts in a document's prose against the holders its own infobox
//! lists — `the ministry has three deputy ministers` over an infobox with four `Deputy
//! Minister` positions.
//!
//! What it reads: the infobox values that repeat (the same position given to several people:
//! `- Chief1 Position: Deputy Minister`, `- Chief2 Position: Deputy Minister`), counted; and in
//! the same document's prose, a count before the plural of one of those values (`three deputy
//! ministers`, `its 4 deputy chiefs`). A count that differs from the infobox's is reported.
//!
//! Precision first: only values given at least `min_holders` times are counted (a value given
//! once is a single post, not a list); a count inside `N of the ...` or after `one of` is a
//! part, not a total, and is skipped; and only the document's own infobox is compared, since
//! another report may be dated otherwise and the number of posts may have changed.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "count_infobox",
    summary: "a count of posts in prose against the holders the document's infobox lists",
    params: "min_holders: an infobox value must repeat at least this often to be counted (2)",
    placeholders: &["count", "post", "listed"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_holders")]
    min_holders: usize,
}

fn min_holders() -> usize {
    2
}

struct CountInfobox {
    min_holders: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(CountInfobox {
        min_holders: p.min_holders.max(2),
    }))
}

static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    let words = numbers::count_word_pattern();
    Regex::new(&format!(
        r"(?i)\b(?<n>\d{{1,2}}|{words})\s+(?<post>[\p{{L}}-]+(?:\s+[\p{{L}}-]+){{0,3}})"
    ))
    .unwrap()
});

/// A value folded for comparison: lowercase words.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The singular of a plural post phrase: its last word without `s` (`deputy ministers`).
fn singular(phrase: &str) -> Option<String> {
    let lower = fold(phrase);
    let stem = lower
        .strip_suffix("ies")
        .map(|s| format!("{s}y"))
        .or_else(|| {
            lower
                .strip_suffix('s')
                .filter(|s| !s.ends_with('s'))
                .map(str::to_string)
        })?;
    Some(stem)
}

impl Check for CountInfobox {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let mut values: FxHashMap<String, Vec<Span>> = FxHashMap::default();
        for b in &doc.blocks {
            if let BlockKind::InfoboxField { value, .. } = &b.kind
                && !value.is_empty()
            {
                values
                    .entry(fold(doc.slice(*value)))
                    .or_default()
                    .push(b.span);
            }
        }
        values.retain(|_, v| v.len() >= self.min_holders);
        if values.is_empty() {
            return;
        }
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            for c in COUNT.captures_iter(s) {
                let n = c.name("n").unwrap();
                let before = s[..n.start()].trim_end().to_lowercase();
                if before.ends_with("one of") || before.ends_with("of the") {
                    continue;
                }
                let post_words: Vec<&str> = c["post"].split_whitespace().collect();
                // The longest run of words after the count that is a plural of a listed value.
                let found = (1..=post_words.len()).rev().find_map(|k| {
                    let phrase = post_words[..k].join(" ");
                    let key = singular(&phrase)?;
                    values.get(&key).map(|spans| (phrase, spans))
                });
                let Some((phrase, spans)) = found else {
                    continue;
                };
                let after = &s[n.end()..];
                if after
                    .trim_start()
                    .get(phrase.len()..)
                    .is_some_and(|r| r.trim_start().starts_with("of "))
                {
                    continue;
                }
                let Some(stated) = numbers::value(n.as_str()) else {
                    continue;
                };
                let listed = spans.len() as u64;
                if stated == listed {
                    continue;
                }
                let end = s[n.end()..]
                    .find(phrase.as_str())
                    .map_or(n.end(), |i| n.end() + i + phrase.len());
                let span = Span::new(n.start(), end).shift(sentence.span.start);
                let count_text = doc.slice(span);
                let mut f = rule
                    .finding(&[
                        ("count", count_text),
                        ("post", &phrase),
                        ("listed", &listed.to_string()),
                    ])
                    .label(doc.id, span, format!("{stated} stated"));
                for line in spans {
                    f = f.label(doc.id, *line, "a holder listed in the infobox");
                }
                out.push(
                    f.note(format!("the infobox lists {listed} holders of this post"))
                        .suggest(format!(
                            "state the count as {listed}, or correct the infobox"
                        )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "count-vs-infobox"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "count_infobox"
        message = "`{count}` but the infobox lists `{listed}` holders of `{post}`"
    "#;

    const BOX: &str = "= Harbour Ministry =\n\nInfobox\n- Minister1 Name: Ada Prinn\n- Minister1 Position: Minister\n- Chief1 Name: Tom Vell\n- Chief1 Position: Deputy Minister\n- Chief2 Name: Eva Dahl\n- Chief2 Position: Deputy Minister\n- Chief3 Name: Ole Berg\n- Chief3 Position: Deputy Minister\n\n";

    fn count(prose: &str) -> usize {
        findings(&rule(RULE), &[&format!("{BOX}{prose}\n")]).len()
    }

    #[test]
    fn a_count_against_the_infobox_fires() {
        assert_eq!(
            count("The minister is assisted by two deputy ministers."),
            1
        );
        assert_eq!(count("The minister has 4 Deputy Ministers."), 1);
    }

    #[test]
    fn counts_that_match_or_are_parts_stay_silent() {
        for silent in [
            "The minister is assisted by three deputy ministers.",
            "Two of the deputy ministers are women.",
            "Vell is one of the three deputy ministers.",
            "Two deputy ministers of the old cabinet left.",
            "The ministry has two ministers.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
