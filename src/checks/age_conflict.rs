//! `age_conflict`: one person given two ages that the time between the reports cannot explain —
//! `Ada Prinn, 52, was appointed ...` and, three days later, `Prinn, 55, ...`.
//!
//! What it reads, in every document: an age next to a personal name — `Ada Prinn, 52,`, `Ada
//! Prinn (52)`, `Ada Prinn, aged 52`, `the 52-year-old Ada Prinn` — dated by the section heading
//! it stands under (a news digest's `== Harbour Post, 4 May 2021: ... ==`), or, without one, by
//! the only date of its sentence. A sentence that holds another year than its heading's is
//! skipped: the age may be at that other time.
//!
//! Two ages of one person, a₁ at year y₁ and a₂ at y₂, agree when a₂ − a₁ is y₂ − y₁ or one
//! more or less (a birthday between the two dates). One person: the same given name and
//! surname; a bare surname takes the given name of its nearest earlier mention in its document,
//! so two people with one surname and different given names are kept apart. The same age in two
//! reports, or two ages as far apart as the reports, are not reported.
//!
//! Which side is marked: the age that disagrees with more of the person's other ages; on a tie,
//! the later one in corpus order.

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::people::given_name;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{DocId, Document, Span};
use crate::extract::dates;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "age_conflict",
    summary: "one person given two ages that the time between the reports cannot explain",
    params: "max_age: ages above this are not read (110)",
    placeholders: &["name", "age", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "max_age")]
    max_age: u32,
}

fn max_age() -> u32 {
    110
}

struct AgeConflict {
    max_age: u32,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(AgeConflict { max_age: p.max_age }))
}

const NAME: &str = r"\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){0,2}";

static AFTER_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?<name>{NAME})(?:,\s+(?:aged\s+)?(?<a>\d{{1,3}})\s*,|\s+\((?:aged\s+)?(?<b>\d{{1,3}})\))"
    ))
    .unwrap()
});
static BEFORE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<c>\d{{1,3}})-year-old\s+(?:[\p{{Ll}}-]+\s+){{0,3}}?(?<name>{NAME})"
    ))
    .unwrap()
});

/// One age of one person.
struct Age {
    doc: DocId,
    span: Span,
    given: String,
    surname: String,
    age: i32,
    year: i32,
}

/// The date a sentence at `offset` is reported at: its heading's, unless the sentence names
/// another year; else the sentence's only date.
fn report_year(doc: &Document, sentence: Span) -> Option<i32> {
    let mut years: Vec<i32> = dates::find(doc.slice(sentence))
        .iter()
        .map(|d| d.date.year)
        .collect();
    years.sort_unstable();
    years.dedup();
    let heading = doc
        .blocks
        .iter()
        .rev()
        .find(|b| b.span.end <= sentence.start && b.is_heading())
        .and_then(|b| {
            let mut y: Vec<i32> = dates::find(doc.slice(b.content))
                .iter()
                .map(|d| d.date.year)
                .collect();
            y.dedup();
            match y[..] {
                [one] => Some(one),
                _ => None,
            }
        });
    match (heading, &years[..]) {
        (Some(h), []) => Some(h),
        (Some(h), [y]) if *y == h => Some(h),
        (Some(_), _) => None,
        (None, [y]) => Some(*y),
        (None, _) => None,
    }
}

impl AgeConflict {
    fn ages(&self, doc: &Document) -> Vec<Age> {
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            if !s.bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            let found: Vec<(regex::Match, regex::Match, regex::Match)> = AFTER_NAME
                .captures_iter(s)
                .filter_map(|c| Some((c.get(0)?, c.name("name")?, c.name("a").or(c.name("b"))?)))
                .chain(
                    BEFORE_NAME
                        .captures_iter(s)
                        .filter_map(|c| Some((c.get(0)?, c.name("name")?, c.name("c")?))),
                )
                .collect();
            if found.is_empty() {
                continue;
            }
            let Some(year) = report_year(doc, sentence.span) else {
                continue;
            };
            for (whole, name, age) in found {
                let Ok(age) = age.as_str().parse::<u32>() else {
                    continue;
                };
                if age == 0 || age > self.max_age {
                    continue;
                }
                let words: Vec<&str> = name.as_str().split_whitespace().collect();
                let surname = words[words.len() - 1];
                let at = sentence.span.start + name.start() + name.as_str().len() - surname.len();
                let Some(given) = given_name(&doc.text, at, surname) else {
                    continue;
                };
                out.push(Age {
                    doc: doc.id,
                    span: Span::new(whole.start(), whole.end()).shift(sentence.span.start),
                    given: given.to_string(),
                    surname: surname.to_string(),
                    age: age as i32,
                    year,
                });
            }
        }
        out
    }
}

/// True when two ages of one person can both be right.
fn agree(a: &Age, b: &Age) -> bool {
    let elapsed = b.year - a.year;
    ((b.age - a.age) - elapsed).abs() <= 1
}

impl Check for AgeConflict {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let mut people: FxHashMap<(String, String), Vec<Age>> = FxHashMap::default();
        for doc in &cx.corpus.docs {
            for age in self.ages(doc) {
                people
                    .entry((age.given.clone(), age.surname.clone()))
                    .or_default()
                    .push(age);
            }
        }
        let mut keys: Vec<&(String, String)> = people.keys().collect();
        keys.sort();
        for key in keys {
            let ages = &people[key];
            let disagreements = |i: usize| {
                (0..ages.len())
                    .filter(|&j| !agree(&ages[i], &ages[j]))
                    .count()
            };
            for i in 0..ages.len() {
                for j in i + 1..ages.len() {
                    if agree(&ages[i], &ages[j]) {
                        continue;
                    }
                    let (wrong, right) = if disagreements(i) > disagreements(j) {
                        (&ages[i], &ages[j])
                    } else {
                        (&ages[j], &ages[i])
                    };
                    let name = format!("{} {}", key.0, key.1);
                    let (w, r) = (
                        cx.corpus.doc(wrong.doc).slice(wrong.span),
                        cx.corpus.doc(right.doc).slice(right.span),
                    );
                    out.push(
                        rule.finding(&[("name", &name), ("age", w), ("other", r)])
                            .label(wrong.doc, wrong.span, format!("{} in {}", wrong.age, wrong.year))
                            .label(right.doc, right.span, format!("{} in {}", right.age, right.year))
                            .note(format!(
                                "{} years passed between the two reports, and the ages differ by {}",
                                (wrong.year - right.year).abs(),
                                (wrong.age - right.age).abs()
                            ))
                            .suggest("check which age is right"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "age-conflict"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "age_conflict"
        message = "`{name}` is `{age}` here but `{other}` in another report"
    "#;

    #[test]
    fn two_ages_days_apart_fire() {
        let a = "== Harbour Post, 4 May 2021: new minister ==\nAda Prinn, 52, was appointed minister of trade.";
        let b = "== Vell Daily, 7 May 2021: the minister ==\nThe minister Ada Prinn spoke. Prinn, 55, said the port would grow.";
        let f = findings(&rule(RULE), &[a, b]);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn ages_that_fit_or_belong_to_others_stay_silent() {
        let cases: [[&str; 2]; 4] = [
            // The same age twice; an age as much older as the reports are apart.
            [
                "== Harbour Post, 4 May 2021 ==\nAda Prinn, 52, was appointed.",
                "== Vell Daily, 7 May 2021 ==\nAda Prinn, 52, spoke.",
            ],
            [
                "== Harbour Post, 4 May 2021 ==\nAda Prinn, 52, was appointed.",
                "== Vell Daily, 7 May 2024 ==\nAda Prinn, 55, resigned.",
            ],
            // Two people with one surname.
            [
                "== Harbour Post, 4 May 2021 ==\nAda Prinn, 52, was appointed.",
                "== Vell Daily, 7 May 2021 ==\nTom Prinn, 30, spoke. Prinn, 30, left.",
            ],
            // The sentence names another year: the age may be at that time.
            [
                "== Harbour Post, 4 May 2021 ==\nAda Prinn, 52, was appointed.",
                "== Vell Daily, 7 May 2021 ==\nIn 2001 Ada Prinn, 32, joined the ministry.",
            ],
        ];
        for texts in cases {
            let f = findings(&rule(RULE), &texts);
            assert!(f.is_empty(), "{texts:?}: {f:#?}");
        }
    }
}
