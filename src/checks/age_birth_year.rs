//! `age_birth_year`: a person's age at a dated event that does not fit the year the same
//! document says they were born — `born in 1981` and, in 2009, `at the age of 29`.
//!
//! What it reads, within one document:
//!
//! - **A birth**: a sentence that opens with a personal name of two or more capitalised words
//!   and says `born` followed (within a few words) by a date: `Ada Prinn was born in 1981`,
//!   `Ada Prinn (Norlandic: ...; born 22 April 1959) is ...`.
//! - **An age at an event**: `at the age of N`, `aged N` or `N-year-old` in a sentence with
//!   exactly one year, which dates the event (`since 2009, when she was appointed ... at the age
//!   of 29`).
//!
//! Someone born in year B is B − Y or one less in year Y; an age outside those two is wrong on
//! one side. The age sentence must be about the born person: their surname stands before the
//! age with no other capitalised word between (so `Prinn succeeded Tom Vell, aged 40` is not
//! read as Prinn's age), and the given name — written there, or in the nearest earlier mention
//! of the surname with a given name — must be the born person's (two people may share a
//! surname).

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::people::{given_name, mentions};
use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::extract::dates;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "age_birth_year",
    summary: "an age at a dated event that does not fit the birth year given in the same document",
    params: "max_born_gap: words allowed between `born` and its date (6)",
    placeholders: &["age", "year", "birth"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "max_born_gap")]
    max_born_gap: usize,
}

fn max_born_gap() -> usize {
    6
}

struct AgeBirthYear {
    max_born_gap: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(AgeBirthYear {
        max_born_gap: p.max_born_gap,
    }))
}

/// A personal name opening a sentence: two to four capitalised words.
static LEADING_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?<name>\p{Lu}[\p{Ll}’'-]+(?:\s+\p{Lu}[\p{Ll}’'-]+){1,3})\b").unwrap()
});
static AGE: LazyLock<Regex> = LazyLock::new(|| {
    let words = numbers::count_word_pattern();
    Regex::new(&format!(
        r"(?i)\b(?:at\s+the\s+age\s+of\s+(?<a>\d{{1,3}}|{words})|aged\s+(?<b>\d{{1,3}})|(?<c>\d{{1,3}})-year-old)\b"
    ))
    .unwrap()
});

/// A birth: who, the year, and where it is said.
struct Birth {
    given: String,
    surname: String,
    year: i32,
    span: Span,
}

impl AgeBirthYear {
    fn births(&self, doc: &Document) -> Vec<Birth> {
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            let Some(name) = LEADING_NAME.captures(s).and_then(|c| c.name("name")) else {
                continue;
            };
            let Some(born) = s.find("born").filter(|&i| {
                i > 0
                    && !s[i - 1..].starts_with(|c: char| c.is_alphabetic())
                    && !s[i + 4..].starts_with(|c: char| c.is_alphabetic())
            }) else {
                continue;
            };
            let after = &s[born + 4..];
            let Some(date) = dates::find(after).into_iter().next() else {
                continue;
            };
            if after[..date.span.start].split_whitespace().count() > self.max_born_gap {
                continue;
            }
            let words: Vec<&str> = name.as_str().split_whitespace().collect();
            let (given, surname) = (words[0], words[words.len() - 1]);
            let end = born + 4 + date.span.end;
            out.push(Birth {
                given: given.to_string(),
                surname: surname.to_string(),
                year: date.date.year,
                span: Span::new(sentence.span.start, sentence.span.start + end),
            });
        }
        out
    }
}

impl Check for AgeBirthYear {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let births = self.births(doc);
        if births.is_empty() {
            return;
        }
        for sentence in &doc.sentences {
            let s = doc.slice(sentence.span);
            let Some(age) = AGE.captures(s) else {
                continue;
            };
            let whole = age.get(0).unwrap();
            let value = age
                .name("a")
                .or(age.name("b"))
                .or(age.name("c"))
                .and_then(|m| numbers::value(m.as_str()));
            let Some(value) = value else {
                continue;
            };
            // The event's year: the only year the sentence gives.
            let found = dates::find(s);
            let mut years: Vec<i32> = found.iter().map(|d| d.date.year).collect();
            years.dedup();
            let [year] = years[..] else {
                continue;
            };
            let date = found[0];
            for birth in &births {
                if birth.span.start >= sentence.span.start && birth.span.end <= sentence.span.end {
                    continue;
                }
                // The surname before the age, with no other capitalised word between.
                let Some(at) = mentions(&s[..whole.start()], &birth.surname)
                    .into_iter()
                    .next_back()
                else {
                    continue;
                };
                let between = &s[at + birth.surname.len()..whole.start()];
                let other_name = crate::extract::words(between, 0).any(|w| {
                    let t = &between[w.start..w.end];
                    t.chars().next().is_some_and(char::is_uppercase)
                        && !numbers::is_month(t)
                        && !t.starts_with(|c: char| c.is_ascii_digit())
                });
                if other_name {
                    continue;
                }
                // The given name: here, or at the nearest earlier mention that has one.
                let given = given_name(&doc.text, sentence.span.start + at, &birth.surname);
                if given != Some(birth.given.as_str()) {
                    continue;
                }
                let expected = [year - birth.year - 1, year - birth.year];
                if expected.contains(&(value as i32)) || expected[1] < 0 {
                    continue;
                }
                let age_span = Span::new(whole.start(), whole.end()).shift(sentence.span.start);
                let age_text = doc.slice(age_span);
                let birth_text = doc.slice(birth.span);
                out.push(
                    rule.finding(&[
                        ("age", age_text),
                        ("year", &year.to_string()),
                        ("birth", birth_text),
                    ])
                    .label(doc.id, age_span, format!("{value} in {year}"))
                    .label(
                        doc.id,
                        date.span.shift(sentence.span.start),
                        "the year of the event",
                    )
                    .label(doc.id, birth.span, format!("born in {}", birth.year))
                    .note(format!(
                        "someone born in {} is {} or {} in {year}",
                        birth.year, expected[0], expected[1]
                    ))
                    .suggest(format!(
                        "check the age ({} or {}) or the year of birth",
                        expected[0], expected[1]
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
        name = "age-birth-year-mismatch"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "age_birth_year"
        message = "`{age}` in `{year}` does not fit `{birth}`"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn an_age_that_does_not_fit_the_birth_year_fires() {
        let text = "Ada Prinn was born in 1981 in Port Vell.\n\nAs the term ends, the deputy minister Ada Prinn has been elected.\n\nPrinn has worked in politics since 2009, when she became an assistant at the age of 29.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let l = &f[0].labels[0];
        assert_eq!(&text[l.span.start..l.span.end], "at the age of 29");
        assert_eq!(
            count(
                "Ada Prinn (Norlandic: Ada Prinnova; born 22 April 1959) is a politician. In 1990, Prinn, aged 40, became mayor."
            ),
            1
        );
    }

    #[test]
    fn ages_that_fit_or_belong_to_someone_else_stay_silent() {
        for silent in [
            // 2009 − 1981 = 28, or 27 before the birthday.
            "Ada Prinn was born in 1981. Prinn became an assistant in 2009, at the age of 28.",
            "Ada Prinn was born in 1981. Prinn became an assistant in 2009, at the age of 27.",
            // Another person with the same surname.
            "Ada Prinn was born in 1981. Tom Prinn became an assistant in 2009, at the age of 40.",
            "Ada Prinn was born in 1981. Later Tom Prinn spoke. Prinn became an assistant in 2009 at the age of 40.",
            // Another person between the surname and the age.
            "Ada Prinn was born in 1981. In 2009 Prinn succeeded Tom Vell, aged 60.",
            // Two years: which dates the age cannot be told.
            "Ada Prinn was born in 1981. Prinn worked from 2005 to 2009 and left at the age of 40.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
