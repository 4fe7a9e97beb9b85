//! `duration_period`: a stated length of time against the period the same sentence gives —
//! `served for seven months, from 8 June to 8 October 2020` (four months).
//!
//! What it reads: a duration of service (`for N years`, `after N months in office`, `served N
//! years`, `lasted N weeks`) and exactly one period with both ends (`from June 2019 to October
//! 2020`, `(2011–2019)`, `between 1990 and 1995`) in one sentence. The length of the period is
//! computed at the precision both ends share: years from years, months only when both ends
//! name a month, days and weeks only from full dates. A duration more than one unit away from
//! the period's length is reported.
//!
//! Precision first: hedged durations (`nearly`, `more than`, `over`, `less than`) and relative
//! ones (`N years ago`, `N years later`, `N years old`) are skipped, as is a sentence with two
//! durations or two periods: which goes with which cannot be told.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::dates::{self, PartialDate};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "duration_period",
    summary: "a stated duration against the period the same sentence gives",
    params: "tolerance: how many units the duration may differ from the period's length (1)",
    placeholders: &["duration", "period", "length"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "tolerance")]
    tolerance: i64,
}

fn tolerance() -> i64 {
    1
}

struct DurationPeriod {
    tolerance: i64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(DurationPeriod {
        tolerance: p.tolerance.max(0),
    }))
}

static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    let words = numbers::count_word_pattern();
    Regex::new(&format!(
        r"(?i)(?<lead>\b(?:for|after|lasted|lasting|served|spent|of)\s+)?(?<hedge>\b(?:nearly|almost|about|around|some|over|more\s+than|less\s+than|under|at\s+least|roughly|approximately)\s+)?\b(?<n>\d{{1,3}}|{words})\s+(?<unit>days?|weeks?|months?|years?)\b(?<tail>\s+(?:in\s+office|in\s+the\s+post|in\s+power|at\s+the\s+helm|ago|later|earlier|old|before|after|since)\b)?"
    ))
    .unwrap()
});

/// Months from `a` to `b` when both name a month; whole days when both are full dates.
fn length(a: PartialDate, b: PartialDate, unit: &str) -> Option<i64> {
    let years = (b.year - a.year) as i64;
    match unit {
        "year" => Some(years),
        "month" => {
            let (ma, mb) = (a.month? as i64, b.month? as i64);
            let mut m = years * 12 + mb - ma;
            if let (Some(da), Some(db)) = (a.day, b.day)
                && db < da
            {
                m -= 1;
            }
            Some(m)
        }
        "day" | "week" => {
            let da = chrono::NaiveDate::from_ymd_opt(a.year, a.month?, a.day?)?;
            let db = chrono::NaiveDate::from_ymd_opt(b.year, b.month?, b.day?)?;
            let days = (db - da).num_days();
            Some(if unit == "week" { days / 7 } else { days })
        }
        _ => None,
    }
}

impl Check for DurationPeriod {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            let durations: Vec<regex::Captures> = DURATION.captures_iter(s).collect();
            let [c] = &durations[..] else {
                continue;
            };
            if c.name("hedge").is_some() {
                continue;
            }
            let tail = c.name("tail").map(|t| t.as_str().trim().to_lowercase());
            let of_service = tail
                .as_deref()
                .is_some_and(|t| t.starts_with("in ") || t.starts_with("at "));
            if tail.is_some() && !of_service {
                continue;
            }
            if c.name("lead").is_none() && !of_service {
                continue;
            }
            let periods: Vec<dates::PeriodMention> = dates::find_periods(s)
                .into_iter()
                .filter(|p| p.from.is_some() && p.to.is_some())
                .collect();
            let [period] = &periods[..] else {
                continue;
            };
            let (Some(from), Some(to)) = (period.from, period.to) else {
                continue;
            };
            let Some(stated) = numbers::value(&c["n"]) else {
                continue;
            };
            let unit = c["unit"].to_lowercase();
            let unit = unit.trim_end_matches('s');
            let Some(actual) = length(from, to, unit) else {
                continue;
            };
            if actual < 0 || (stated as i64 - actual).abs() <= self.tolerance {
                continue;
            }
            let n = c.name("n").unwrap();
            let u = c.name("unit").unwrap();
            let span = Span::new(n.start(), u.end()).shift(sentence.span.start);
            let pspan = period.span.shift(sentence.span.start);
            let length_text = format!("{actual} {unit}s");
            out.push(
                rule.finding(&[
                    ("duration", doc.slice(span)),
                    ("period", doc.slice(pspan)),
                    ("length", &length_text),
                ])
                .label(doc.id, span, "the stated duration")
                .label(doc.id, pspan, format!("spans {length_text}"))
                .note(format!(
                    "the period's length is counted at the precision both its ends share: {length_text}"
                ))
                .suggest(format!("state the duration as {length_text}, or correct the dates")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "duration-period-mismatch"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "duration_period"
        message = "`{duration}` does not fit `{period}`, which spans `{length}`"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn a_duration_that_does_not_fit_its_period_fires() {
        assert_eq!(
            count("Prinn served for seven months, from 8 June 2020 to 8 October 2020."),
            1
        );
        assert_eq!(
            count("Prinn led the ministry for twelve years (2001–2009)."),
            1
        );
    }

    #[test]
    fn durations_that_fit_stay_silent() {
        for silent in [
            "Prinn served for four months, from 8 June 2020 to 8 October 2020.",
            "Prinn led the ministry for eight years (2001–2009).",
            // Months against years only: the months are unknown.
            "Prinn led the ministry for 30 months (2001–2003).",
            // Hedged, relative.
            "Prinn served for nearly ten years, from 2001 to 2009.",
            "Ten years later, from 2001 to 2009, the port grew.",
            // Two periods.
            "Prinn served for five years, from 2001 to 2003 and from 2005 to 2008.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
