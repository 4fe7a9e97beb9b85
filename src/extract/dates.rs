//! Dates in prose, with their precision: `14 March 1887`, `March 14, 1887`, `07 Apr 2011`,
//! `1st of August 2015`, `May 2004`, `October, 1893`, `16.03.2019`, `1887-03-14`, a bare year.
//!
//! The same day written two ways yields the same [`PartialDate`], which is what lets the
//! duplicate and conflict checks tell a reworded date from a different one.
//!
//! Periods are read on top of the dates: `since 2019`, `(2011 - 9 February 2024)`, `between 1961
//! and 1979`, `from 1935 to 1961`, `1917–1921`, `1980-84`, `2018–present`, `until 2004`
//! ([`find_periods`]).

use std::fmt;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::span::Span;

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl PartialDate {
    pub const fn year(year: i32) -> Self {
        PartialDate {
            year,
            month: None,
            day: None,
        }
    }

    /// False for a day that no calendar has, such as the 31st of a 30-day month.
    pub fn exists(&self) -> bool {
        match (self.month, self.day) {
            (Some(m), Some(d)) => NaiveDate::from_ymd_opt(self.year, m, d).is_some(),
            (Some(m), None) => (1..=12).contains(&m),
            (None, _) => true,
        }
    }

    /// The first day this date can mean (for ordering and interval checks).
    pub fn earliest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date can mean.
    pub fn latest(&self) -> (i32, u32, u32) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }

    /// True when the two can denote the same day: equal where both are known.
    pub fn compatible(&self, other: &PartialDate) -> bool {
        self.year == other.year
            && (self.month.is_none() || other.month.is_none() || self.month == other.month)
            && (self.day.is_none() || other.day.is_none() || self.day == other.day)
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A date found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub date: PartialDate,
}

const MONTH: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

static DAY_MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<m>{MONTH})\.?,?\s+(?<y>\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_DAY_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<m>{MONTH})\.?\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?<y>\d{{4}})\b"
    ))
    .unwrap()
});
static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?<m>{MONTH})\.?,?\s+(?<y>\d{{4}})\b")).unwrap());
static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})\b").unwrap());
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})\b").unwrap());
/// A year between 1000 and 2999 standing alone (not part of a code such as `AZ1073`).
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?<y>[12]\d{3})\b").unwrap());

/// Month number of an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// Every date in `text`, in order, most precise reading first where readings overlap.
pub fn find(text: &str) -> Vec<DateMention> {
    // Every date read has a year of four ASCII digits (the others do not parse): a text
    // without four digits in a row, most sentences, costs one pass over its bytes.
    if !has_four_digits(text) {
        return Vec::new();
    }
    let mut found: Vec<DateMention> = Vec::new();
    let mut push = |span: Span, date: PartialDate| {
        if !found
            .iter()
            .any(|f| f.span.start < span.end && span.start < f.span.end)
        {
            found.push(DateMention { span, date });
        }
    };
    let num = |c: &regex::Captures, k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    for re in [&*DAY_MONTH_YEAR, &*MONTH_DAY_YEAR, &*ISO, &*DOTTED] {
        for c in re.captures_iter(text) {
            let m = c.name("m").unwrap().as_str();
            let month = month_number(m).or_else(|| m.parse().ok());
            let (Some(year), Some(day)) = (num(&c, "y"), num(&c, "d")) else {
                continue;
            };
            let whole = c.get(0).unwrap();
            push(
                Span::new(whole.start(), whole.end()),
                PartialDate {
                    year: year as i32,
                    month,
                    day: Some(day),
                },
            );
        }
    }
    for c in MONTH_YEAR.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let Some(year) = num(&c, "y") else { continue };
        let month = month_number(c.name("m").unwrap().as_str());
        push(
            Span::new(whole.start(), whole.end()),
            PartialDate {
                year: year as i32,
                month,
                day: None,
            },
        );
    }
    // A year joined by a hyphen, underscore or slash to a code word (capitals, or letters with
    // digits) or to another such number is part of an identifier (`CVE-2019-1348`,
    // `RFC-2119`, `v1_2015`), not a date; `mid-1990` and `pre-1893` stay dates.
    let mut code_end = None;
    for c in YEAR.captures_iter(text) {
        let whole = c.get(0).unwrap();
        let before = &text[..whole.start()];
        let joined = before.ends_with(['-', '_', '/']);
        let head = &before[..before.len() - usize::from(joined)];
        let word: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphanumeric())
            .collect();
        let code_word = word.chars().any(char::is_alphabetic)
            && (word.chars().any(|c| c.is_ascii_digit())
                || word
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .all(char::is_uppercase)
                    && word.chars().count() >= 2);
        if joined && (code_word || code_end == Some(whole.start() - 1)) {
            code_end = Some(whole.end());
            continue;
        }
        let Some(year) = num(&c, "y") else { continue };
        push(
            Span::new(whole.start(), whole.end()),
            PartialDate::year(year as i32),
        );
    }
    found.sort_by_key(|f| f.span.start);
    found
}

fn has_four_digits(text: &str) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run == 4
    })
}

/// A stretch of time found in text: its start, its end, or both. A bare `since D` has a start
/// and no end, and is `ongoing`: it claims the state still holds when the text was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodMention {
    /// From the opening word (`since`, `from`, `between`) or the first date to the last date.
    pub span: Span,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
    pub ongoing: bool,
}

impl PeriodMention {
    /// True when the period certainly ends before it starts (partial dates read generously).
    pub fn is_reversed(&self) -> bool {
        match (self.from, self.to) {
            (Some(a), Some(b)) => a.earliest() > b.latest(),
            _ => false,
        }
    }
}

/// The word that opens a period, right before its first date.
static OPENER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(since|from|between|until|till)\s+(?:the\s+)?$").unwrap());
/// What may stand between the two ends of a range.
static JOINER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*(?:[-–—]|to|until|till|through|and)\s*$").unwrap());
/// An open end: `2018–present`.
static OPEN_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\s*[-–—]\s*(?:present|now|today|date)\b").unwrap());
/// A year range whose end keeps only its last two digits: the `-94` of `1990-94`.
static SHORT_END: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[-–](?<yy>\d{2})\b").unwrap());

/// Every period in `text`, in order. A date that opens no period and closes none is not one.
pub fn find_periods(text: &str) -> Vec<PeriodMention> {
    let dates = find(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < dates.len() {
        let d = dates[i];
        let before = &text[..d.span.start];
        let opener = OPENER
            .captures(before)
            .map(|c| (c.get(0).unwrap().start(), c[1].to_ascii_lowercase()));
        let next = dates.get(i + 1).filter(|n| {
            let gap = &text[d.span.end..n.span.start];
            JOINER.is_match(gap)
                && (!gap.trim().eq_ignore_ascii_case("and")
                    || opener.as_ref().is_some_and(|(_, w)| w == "between"))
        });
        let start = opener.as_ref().map_or(d.span.start, |(at, _)| *at);
        if let Some(n) = next {
            out.push(PeriodMention {
                span: Span::new(start, n.span.end),
                from: Some(d.date),
                to: Some(n.date),
                ongoing: false,
            });
            i += 2;
            continue;
        }
        if let Some(m) = OPEN_END.find(&text[d.span.end..]) {
            out.push(PeriodMention {
                span: Span::new(start, d.span.end + m.end()),
                from: Some(d.date),
                to: None,
                ongoing: true,
            });
            i += 1;
            continue;
        }
        if d.date.month.is_none()
            && let Some(c) = SHORT_END.captures(&text[d.span.end..])
        {
            let yy: i32 = c["yy"].parse().unwrap_or(0);
            let mut year = d.date.year / 100 * 100 + yy;
            if year < d.date.year {
                year += 100;
            }
            out.push(PeriodMention {
                span: Span::new(start, d.span.end + c.get(0).unwrap().end()),
                from: Some(d.date),
                to: Some(PartialDate::year(year)),
                ongoing: false,
            });
            i += 1;
            continue;
        }
        match opener.as_ref().map(|(_, w)| w.as_str()) {
            Some("since") | Some("from") => out.push(PeriodMention {
                span: Span::new(start, d.span.end),
                from: Some(d.date),
                to: None,
                ongoing: true,
            }),
            Some("until") | Some("till") => out.push(PeriodMention {
                span: Span::new(start, d.span.end),
                from: None,
                to: Some(d.date),
                ongoing: false,
            }),
            _ => {}
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<String> {
        find(text)
            .iter()
            .map(|d| format!("{}={}", &text[d.span.start..d.span.end], d.date))
            .collect()
    }

    #[test]
    fn one_day_written_many_ways() {
        for text in [
            "14 March 1887",
            "March 14, 1887",
            "14th of March 1887",
            "14 Mar. 1887",
            "14.03.1887",
            "1887-03-14",
        ] {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].date.to_string(), "1887-03-14", "{text}");
        }
    }

    #[test]
    fn identifiers_are_no_dates() {
        assert!(find("fixed in CVE-2019-1348 and RFC-2119").is_empty());
        assert_eq!(find("in mid-1995 and pre-1893").len(), 2);
        assert_eq!(
            find_periods("from 1990-1994")[0].to,
            Some(PartialDate::year(1994))
        );
    }

    #[test]
    fn precision_is_kept() {
        assert_eq!(
            dates(
                "In May 2004 and October, 1893, since 2019 on 07 Apr 2011; AB1234 and 212 people."
            ),
            vec![
                "May 2004=2004-05",
                "October, 1893=1893-10",
                "2019=2019",
                "07 Apr 2011=2011-04-07"
            ]
        );
    }

    #[test]
    fn impossible_days_are_kept_but_marked() {
        let d = find("on 31 September 2001")[0].date;
        assert!(!d.exists());
        assert!(find("on 30 September 2001")[0].date.exists());
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(find("It may 2 times fail").is_empty());
    }

    fn periods(text: &str) -> Vec<String> {
        find_periods(text)
            .iter()
            .map(|p| {
                let show = |d: Option<PartialDate>| d.map_or("?".to_string(), |d| d.to_string());
                format!(
                    "{}={}..{}{}",
                    &text[p.span.start..p.span.end],
                    show(p.from),
                    show(p.to),
                    if p.ongoing { "+" } else { "" }
                )
            })
            .collect()
    }

    #[test]
    fn periods_of_every_shape() {
        assert_eq!(
            periods(
                "Since 2019, he led it (since 9 February 2024) after (2011 - 9 February 2024)."
            ),
            vec![
                "Since 2019=2019..?+",
                "since 9 February 2024=2024-02-09..?+",
                "2011 - 9 February 2024=2011..2024-02-09"
            ]
        );
        assert_eq!(
            periods(
                "between 1961 and 1979, from 1935 to 1961, in 1917–1921, in 1980-84 and 1998-02."
            ),
            vec![
                "between 1961 and 1979=1961..1979",
                "from 1935 to 1961=1935..1961",
                "1917–1921=1917..1921",
                "1980-84=1980..1984",
                "1998-02=1998..2002"
            ]
        );
        assert_eq!(periods("until 2004"), vec!["until 2004=?..2004"]);
        assert_eq!(periods("(2018–present)"), vec!["2018–present=2018..?+"]);
    }

    #[test]
    fn lone_dates_and_lists_are_not_periods() {
        assert!(periods("In 1993 it grew; on 5 May 2001 and 6 May 2002 it moved.").is_empty());
        assert!(periods("a list of 1999, 2002").is_empty());
    }

    #[test]
    fn reversed_periods_are_seen() {
        assert!(find_periods("from 1999 to 1995")[0].is_reversed());
        assert!(!find_periods("from 1995 to 1999")[0].is_reversed());
        assert!(!find_periods("from May 1995 to 1995")[0].is_reversed());
    }
}
