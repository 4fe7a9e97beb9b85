//! `anniversary_year`: an anniversary whose ordinal does not fit the founding year and the year
//! it is marked in — `the 25th anniversary` in 2021 of a body founded in 1991.
//!
//! What it reads, within one document:
//!
//! - **The anniversary**: `the 25th anniversary`, `its twenty-fifth anniversary`, and the year
//!   it is marked in: the only year of its sentence other than the founding one, or else the
//!   date of the section heading it stands under (a news digest's `== Harbour Post, 4 May 2021:
//!   ... ==`).
//! - **The founding**: a year after `founded`, `established`, `created` or `formed` in the same
//!   sentence (`the 25th anniversary of its founding in 1991`); or, for `its` anniversary or
//!   one `of the founding`, the document's own founding: the infobox's `Formed`, `Founded` or
//!   `Established` year when the document has one and no other founding year is stated.
//!
//! The Nth anniversary falls N years after the founding. Celebrations are sometimes held the
//! year before (`on the eve of`), so only a gap of `min_gap` years or more is reported.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::dates;
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "anniversary_year",
    summary: "an anniversary ordinal that does not fit the founding year and the year it is marked in",
    params: "min_gap: the ordinal must be off by at least this many years (2)",
    placeholders: &["anniversary", "year", "founded"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_gap")]
    min_gap: i32,
}

fn min_gap() -> i32 {
    2
}

struct AnniversaryYear {
    min_gap: i32,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(AnniversaryYear {
        min_gap: p.min_gap.max(1),
    }))
}

static ANNIVERSARY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?<det>the|its|their|his|her|[\p{L}’']+’s|[\p{L}']+'s)\s+(?<ord>\d{1,3}(?:st|nd|rd|th)|[a-z]+(?:-[a-z]+)?)\s+anniversary\b")
        .unwrap()
});
static FOUNDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:founded|founding|foundation|established|establishment|created|creation|formed|formation)\b")
        .unwrap()
});
/// Infobox keys that give a founding date.
const FOUNDING_KEYS: [&str; 6] = [
    "formed",
    "founded",
    "established",
    "foundation",
    "founding",
    "created",
];

/// The number an ordinal states: `25th`, `twenty-fifth`, `fiftieth`.
fn ordinal(text: &str) -> Option<i32> {
    let lower = text.to_lowercase();
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(d) = lower.strip_suffix(suffix)
            && !d.is_empty()
            && d.bytes().all(|b| b.is_ascii_digit())
        {
            return d.parse().ok();
        }
    }
    const UNITS: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [(&str, &str); 8] = [
        ("twenty", "twentieth"),
        ("thirty", "thirtieth"),
        ("forty", "fortieth"),
        ("fifty", "fiftieth"),
        ("sixty", "sixtieth"),
        ("seventy", "seventieth"),
        ("eighty", "eightieth"),
        ("ninety", "ninetieth"),
    ];
    let unit = |w: &str| UNITS.iter().position(|u| *u == w).map(|i| i as i32 + 1);
    if let Some(v) = unit(&lower) {
        return Some(v);
    }
    if lower == "hundredth" || lower == "centenary" {
        return Some(100);
    }
    for (i, (cardinal, ord)) in TENS.iter().enumerate() {
        let tens = 20 + 10 * i as i32;
        if lower == *ord {
            return Some(tens);
        }
        if let Some(rest) = lower
            .strip_prefix(cardinal)
            .and_then(|r| r.strip_prefix('-'))
        {
            return unit(rest).filter(|u| *u < 10).map(|u| tens + u);
        }
    }
    None
}

/// The year of the section heading above `offset`, when that heading holds exactly one year.
fn heading_year(doc: &Document, offset: usize) -> Option<(i32, Span)> {
    let block = doc
        .blocks
        .iter()
        .rev()
        .find(|b| b.span.end <= offset && b.is_heading())?;
    let found = dates::find(doc.slice(block.content));
    let mut years: Vec<i32> = found.iter().map(|d| d.date.year).collect();
    years.dedup();
    match years[..] {
        [y] => Some((y, found[0].span.shift(block.content.start))),
        _ => None,
    }
}

/// The document's own founding year from its infobox, when it states one.
fn infobox_founding(doc: &Document) -> Option<(i32, Span)> {
    doc.blocks.iter().find_map(|b| {
        let BlockKind::InfoboxField { key, value } = &b.kind else {
            return None;
        };
        let k = doc.slice(*key).to_lowercase();
        if !FOUNDING_KEYS.contains(&k.trim()) {
            return None;
        }
        let d = dates::find(doc.slice(*value)).into_iter().next()?;
        Some((d.date.year, b.span))
    })
}

impl Check for AnniversaryYear {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let own = infobox_founding(doc);
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            if !s.to_lowercase().contains("anniversary") {
                continue;
            }
            let Some(c) = ANNIVERSARY.captures(s) else {
                continue;
            };
            let Some(n) = ordinal(&c["ord"]) else {
                continue;
            };
            let whole = c.get(0).unwrap();
            let found = dates::find(s);
            // The founding: a year after a founding word in this sentence.
            let founding_here = FOUNDED.find(s).and_then(|f| {
                found
                    .iter()
                    .find(|d| d.span.start > f.end() && d.span.start - f.end() < 30)
                    .map(|d| (d.date.year, d.span.shift(sentence.span.start)))
            });
            let det = c["det"].to_lowercase();
            let founding = founding_here.or_else(|| {
                let own_subject = det == "its"
                    || s[whole.end()..]
                        .to_lowercase()
                        .trim_start()
                        .starts_with("of its")
                    || s[whole.end()..]
                        .to_lowercase()
                        .trim_start()
                        .starts_with("of the founding");
                own.filter(|_| own_subject)
            });
            let Some((founded, founded_span)) = founding else {
                continue;
            };
            // The year it is marked in: another year of the sentence, or the section's date.
            let mut others: Vec<&dates::DateMention> = found
                .iter()
                .filter(|d| d.span.shift(sentence.span.start) != founded_span)
                .collect();
            others.dedup_by_key(|d| d.date.year);
            let marked = match others[..] {
                [d] => Some((d.date.year, d.span.shift(sentence.span.start))),
                [] => heading_year(doc, sentence.span.start),
                _ => None,
            };
            let Some((year, year_span)) = marked else {
                continue;
            };
            let expected = year - founded;
            if expected <= 0 || (expected - n).abs() < self.min_gap {
                continue;
            }
            let span = Span::new(whole.start(), whole.end()).shift(sentence.span.start);
            let text = doc.slice(span);
            out.push(
                rule.finding(&[
                    ("anniversary", text),
                    ("year", &year.to_string()),
                    ("founded", &founded.to_string()),
                ])
                .label(doc.id, span, format!("the {n}th anniversary"))
                .label(doc.id, year_span, format!("marked in {year}"))
                .label(doc.id, founded_span, format!("founded in {founded}"))
                .note(format!(
                    "{year} − {founded} = {expected}: the anniversary marked in {year} is the {expected}th"
                ))
                .suggest(format!("check the ordinal ({expected}th) or the founding year")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "anniversary-year-mismatch"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "anniversary_year"
        message = "`{anniversary}` in `{year}` does not fit a founding in `{founded}`"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn ordinals_are_read() {
        assert_eq!(ordinal("25th"), Some(25));
        assert_eq!(ordinal("twenty-fifth"), Some(25));
        assert_eq!(ordinal("fiftieth"), Some(50));
        assert_eq!(ordinal("first"), Some(1));
        assert_eq!(ordinal("annual"), None);
    }

    #[test]
    fn an_anniversary_that_does_not_fit_fires() {
        assert_eq!(
            count("In 2021 the Harbour Guard marked the 25th anniversary of its founding in 1991."),
            1
        );
        assert_eq!(
            count(
                "= Harbour Guard =\n\nInfobox\n- Formed: 12 May 1991\n- Headquarters: Port Vell\n\n== Harbour Post, 4 May 2021: a celebration ==\nThe guard celebrated its twentieth anniversary with a parade."
            ),
            1
        );
    }

    #[test]
    fn anniversaries_that_fit_stay_silent() {
        for silent in [
            "In 2021 the Harbour Guard marked the 30th anniversary of its founding in 1991.",
            // The year before, on the eve.
            "In 2020 the Harbour Guard prepared the 30th anniversary of its founding in 1991.",
            "= Harbour Guard =\n\nInfobox\n- Formed: 12 May 1991\n\n== Harbour Post, 4 May 2021: a celebration ==\nThe guard celebrated its thirtieth anniversary with a parade.",
            // Another body's anniversary, no founding of its own.
            "= Harbour Guard =\n\nInfobox\n- Formed: 12 May 1991\n\n== Harbour Post, 4 May 2021 ==\nThe guard joined the 75th anniversary of the victory.",
            // Two other years: which one marks it cannot be told.
            "Between 2010 and 2021 the guard, founded in 1991, held the 25th anniversary events.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
