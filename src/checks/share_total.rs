//! `share_total`: shares of one whole that add up to more than all of it — `52% voted for the
//! Harbour League, 41% for the Port Party and 12% for others`.
//!
//! What it reads: one sentence listing three or more percentages as the items of one
//! enumeration, each item opened by its figure (`52% ...`, `41% ...`, `and 12% ...`). Shares of
//! one whole cannot exceed 100 %; rounding is allowed for (half a unit of the last digit of each
//! figure), so `41.2%` and `41.23%` are both fine.
//!
//! Precision first: percentages of different wholes are common (`turnout was 60%, 70% and 80%
//! in the three regions`), so a sentence is skipped when it says `respectively` or `each`, names
//! two or more years, speaks of change (`rose`, `fell`, `increase`, `by`, `percentage points`),
//! or when its figures do not open the items of one list. A sum below 100 % is never reported:
//! the rest may simply not be listed.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::dates;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "share_total",
    summary: "shares of one whole that add up to more than 100 %",
    params: "min_shares: lists with fewer percentages are not judged (3)",
    placeholders: &["shares", "sum"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_shares")]
    min_shares: usize,
}

fn min_shares() -> usize {
    3
}

struct ShareTotal {
    min_shares: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(ShareTotal {
        min_shares: p.min_shares.max(2),
    }))
}

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?<n>\d{1,3}(?:\.\d+)?)\s*(?:%|per\s*cent\b|percent\b)").unwrap()
});
/// Words that make the figures changes, or shares of different wholes.
static NOT_SHARES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:respectively|each|rose|rise|risen|fell|fall|fallen|increase[ds]?|decrease[ds]?|grew|grow|growth|drop(?:ped)?|declined?|up|down|by|points?|turnout|rate|rates|interest|inflation|compared|versus|vs)\b").unwrap()
});

impl Check for ShareTotal {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            if !s.contains('%') && !s.to_lowercase().contains("per") {
                continue;
            }
            let shares: Vec<regex::Captures> = PERCENT.captures_iter(s).collect();
            if shares.len() < self.min_shares || NOT_SHARES.is_match(s) {
                continue;
            }
            let mut years: Vec<i32> = dates::find(s).iter().map(|d| d.date.year).collect();
            years.dedup();
            if years.len() >= 2 {
                continue;
            }
            // Each figure after the first opens an item: a comma, semicolon or `and` before it.
            let one_list = shares.windows(2).all(|w| {
                let between =
                    s[w[0].get(0).unwrap().end()..w[1].get(0).unwrap().start()].trim_end();
                between.ends_with([',', ';'])
                    || between.ends_with(" and")
                    || between.ends_with(" or")
            });
            if !one_list {
                continue;
            }
            let mut sum = 0.0;
            let mut slack = 0.0;
            for c in &shares {
                let n = &c["n"];
                let Ok(v) = n.parse::<f64>() else {
                    continue;
                };
                sum += v;
                let decimals = n.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
                slack += 0.5 * 10f64.powi(-decimals);
            }
            if sum - slack <= 100.0 {
                continue;
            }
            let first = shares[0].get(0).unwrap();
            let last = shares[shares.len() - 1].get(0).unwrap();
            let span = Span::new(first.start(), last.end()).shift(sentence.span.start);
            let shown = shares
                .iter()
                .map(|c| c.get(0).unwrap().as_str())
                .collect::<Vec<_>>()
                .join(" + ");
            let sum_text = format!("{}%", (sum * 100.0).round() / 100.0);
            out.push(
                rule.finding(&[("shares", &shown), ("sum", &sum_text)])
                    .label(doc.id, span, format!("these shares come to {sum_text}"))
                    .note("shares of one whole cannot exceed 100 %, even allowing for rounding")
                    .suggest("correct one of the shares"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "shares-exceed-whole"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "share_total"
        message = "the shares `{shares}` add up to `{sum}`"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn shares_above_the_whole_fire() {
        assert_eq!(
            count("52% voted for the Harbour League, 41% for the Port Party and 12% for others."),
            1
        );
    }

    #[test]
    fn shares_within_the_whole_stay_silent() {
        for silent in [
            "52% voted for the Harbour League, 41% for the Port Party and 7% for others.",
            // Rounding.
            "33.4% voted for A, 33.3% for B and 33.4% for C.",
            "The figures were 41.2%, 41.23% and 17.6%.",
            // Different wholes.
            "Turnout was 60%, 70% and 80% in the three regions.",
            "Support was 60%, 70% and 80% respectively.",
            "Prices rose 40%, 50% and 60% in the three ports.",
            "In 2019 it was 50%, in 2020 60% and in 2021 70%.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
