//! `part_exceeds_whole`: a part larger than the whole it is part of, in one phrase — `around
//! 1,200 missing persons, including nearly 2,000 soldiers`.
//!
//! What it reads: a count and its noun, then (after a comma or a dash, or directly) `including`, `among them`, `of whom` or `of which`
//! and a second count: the second is a part of the first and cannot exceed it. Hedges are read
//! for what they say: a whole given as a lower bound (`more than`, `over`, `at least`) or a part
//! given as an upper bound (`up to`, `fewer than`) cannot contradict, and two approximate
//! figures (`about`, `nearly`) must differ by more than `approx_margin` of the whole.
//!
//! Precision first: figures of time, money, distance and rates (`25 years, including 30
//! months`) are measures in units that need not agree and are skipped, as are dates (`5 March,
//! including ...`) and figures with a scale word on one side only (`2 million people, including
//! 300,000 children` is read as 2,000,000 against 300,000).

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "part_exceeds_whole",
    summary: "a part (`including N`) larger than the whole it belongs to",
    params: "approx_margin: when either figure is approximate, the part must exceed the whole by more than this share of it (0.1)",
    placeholders: &["part", "whole"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "approx_margin")]
    approx_margin: f64,
}

fn approx_margin() -> f64 {
    0.1
}

struct PartExceedsWhole {
    approx_margin: f64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if !(0.0..=10.0).contains(&p.approx_margin) {
        return Err(format!(
            "approx_margin must be between 0 and 10, not {}",
            p.approx_margin
        ));
    }
    Ok(Box::new(PartExceedsWhole {
        approx_margin: p.approx_margin,
    }))
}

const HEDGE: &str = r"nearly|almost|about|around|approximately|roughly|some|over|more\s+than|at\s+least|up\s+to|fewer\s+than|less\s+than|close\s+to|under";
const FIGURE: &str = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?";

static PART_OF: LazyLock<Regex> = LazyLock::new(|| {
    let words = numbers::count_word_pattern();
    Regex::new(&format!(
        r"(?i)(?:\b(?<wh>{HEDGE})\s+)?\b(?<whole>{FIGURE}|{words})(?:\s+(?<ws>million|billion|thousand))?\s+(?<wnoun>(?:[\p{{L}}’'-]+\s+){{0,4}}?[\p{{L}}’'-]+)\s*(?:,|\s[–—])?\s+(?:including|among\s+them|among\s+whom|of\s+whom|of\s+which)\s+(?:(?<ph>{HEDGE})\s+)?(?<part>{FIGURE}|{words})(?:\s+(?<ps>million|billion|thousand))?\b"
    ))
    .unwrap()
});

fn scale(word: Option<regex::Match>) -> f64 {
    match word.map(|m| m.as_str().to_lowercase()).as_deref() {
        Some("thousand") => 1e3,
        Some("million") => 1e6,
        Some("billion") => 1e9,
        _ => 1.0,
    }
}

/// A figure with its scale word; a decimal only counts with a scale (`1.5 million`).
fn figure(n: &str, s: Option<regex::Match>) -> Option<f64> {
    if n.contains('.') {
        return s
            .is_some()
            .then(|| n.parse::<f64>().ok())
            .flatten()
            .map(|v| v * scale(s));
    }
    numbers::value(n).map(|v| v as f64 * scale(s))
}

impl Check for PartExceedsWhole {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            if !s.contains("includ") && !s.contains(" of wh") && !s.contains("among") {
                continue;
            }
            for c in PART_OF.captures_iter(s) {
                let noun = &c["wnoun"];
                let words: Vec<&str> = noun.split_whitespace().collect();
                if words
                    .iter()
                    .any(|w| numbers::is_unit(w) || numbers::is_month(w))
                {
                    continue;
                }
                let (Some(whole), Some(part)) = (
                    figure(&c["whole"], c.name("ws")),
                    figure(&c["part"], c.name("ps")),
                ) else {
                    continue;
                };
                // A year is no count of the noun after it (`in 2020 elections, including`).
                if c.name("ws").is_none()
                    && c["whole"].len() == 4
                    && !c["whole"].contains(',')
                    && (1800.0..=2100.0).contains(&whole)
                {
                    continue;
                }
                let wh = c.name("wh").map(|m| m.as_str().to_lowercase());
                let ph = c.name("ph").map(|m| m.as_str().to_lowercase());
                let lower_bound = |h: &Option<String>| {
                    h.as_deref().is_some_and(|h| {
                        h == "over" || h.starts_with("more") || h.starts_with("at")
                    })
                };
                let upper_bound = |h: &Option<String>| {
                    h.as_deref().is_some_and(|h| {
                        h == "under"
                            || h.starts_with("up")
                            || h.starts_with("fewer")
                            || h.starts_with("less")
                    })
                };
                if lower_bound(&wh) || upper_bound(&ph) {
                    continue;
                }
                let approximate = wh.is_some() || ph.is_some();
                let limit = if approximate {
                    whole * (1.0 + self.approx_margin)
                } else {
                    whole
                };
                if part <= limit {
                    continue;
                }
                let whole_start = c.name("wh").unwrap_or(c.name("whole").unwrap()).start();
                let whole_span = Span::new(whole_start, c.name("wnoun").unwrap().end())
                    .shift(sentence.span.start);
                let part_start = c.name("ph").unwrap_or(c.name("part").unwrap()).start();
                let part_end = c.name("ps").unwrap_or(c.name("part").unwrap()).end();
                let part_span = Span::new(part_start, part_end).shift(sentence.span.start);
                // The part's noun goes with it in the label, when one follows.
                let after = &s[part_end..];
                let noun_len = after
                    .char_indices()
                    .skip_while(|(_, ch)| *ch == ' ')
                    .take_while(|(_, ch)| ch.is_alphabetic() || *ch == '-')
                    .last()
                    .map_or(0, |(i, ch)| i + ch.len_utf8());
                let part_span = Span::new(part_span.start, part_span.end + noun_len);
                let (part_text, whole_text) = (doc.slice(part_span), doc.slice(whole_span));
                out.push(
                    rule.finding(&[("part", part_text), ("whole", whole_text)])
                        .label(doc.id, part_span, "the part")
                        .label(doc.id, whole_span, "is larger than the whole it belongs to")
                        .note("a figure introduced by `including` or `of whom` is a part of the one before it and cannot exceed it")
                        .note("the part is marked: the whole is the figure a report is about, and a part is the one more often mistyped")
                        .suggest("correct the part or the whole"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "part-exceeds-whole"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "part_exceeds_whole"
        message = "the part `{part}` is larger than the whole `{whole}`"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn a_part_larger_than_its_whole_fires() {
        let text = "Norland is pursuing the cases of around 1,200 missing persons, including nearly 2,000 soldiers.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let l = &f[0].labels[0];
        assert_eq!(&text[l.span.start..l.span.end], "nearly 2,000 soldiers");
        assert_eq!(
            count("The fire destroyed 40 houses, of which 45 were farms."),
            1
        );
        assert_eq!(
            count("The war displaced 2 million people, including 3 million children."),
            1
        );
    }

    #[test]
    fn parts_within_their_whole_stay_silent() {
        for silent in [
            "Norland is pursuing the cases of around 1,200 missing persons, including nearly 200 soldiers.",
            "More than 1,000 people were detained, including 1,500 students.",
            "About 1,000 people were detained, including about 1,050 students.",
            "He served 25 years, including 30 months abroad.",
            "The war displaced 2 million people, including 300,000 children.",
            "It held elections in 2020 elections, including 300 local ones.",
            "On 5 March, including 30 deputies, the vote was held.",
            "The army has 400 officers, including up to 500 reservists.",
            "Some 90 civilians – among them 60 children – were hurt.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
