//! Time anchoring. A news section is dated by its heading or its first line (a dateline:
//! `Harbour Herald, 03 Mar 2021 - 09:15`, `North Wire, 2024-11-02`); its year-less dates
//! (`on May 28`, `the March 4 adoption`) and relative ones (`today`, `yesterday`, `this
//! morning`, `last month`) are read against that date.
//!
//! A year-less date takes the anchor's year, or the year before when it falls more than a
//! month after the anchor: news reports what has happened, and `on December 30` in a January
//! report is last December.

use std::sync::LazyLock;

use chrono::{Datelike, Duration, NaiveDate};
use regex::Regex;

use crate::extract::Sentence;
use crate::extract::dates::{self, PartialDate, month_number};
use crate::parse::{Block, BlockKind};
use crate::span::Span;

/// A date read in a sentence, resolved to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeMention {
    pub date: PartialDate,
    /// False when the year (or the whole date) came from the anchor, not from the text.
    pub year_stated: bool,
}

const MONTH: &str = r"(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)";

static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<m>{MONTH})\.?\s+(?<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
    ))
    .unwrap()
});
static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b(?<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?<m>{MONTH})\b\.?"
    ))
    .unwrap()
});
/// A month named without a day or a year, after a preposition (`in January`, `since March`,
/// `last June`): read against the anchor's year. Capitalised only, so `may` the verb stays out.
static MONTH_ALONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?<pre>(?i:in|since|until|by|last|early|late|mid-?)) ?(?<m>January|February|March|April|May|June|July|August|September|October|November|December)\b")
        .unwrap()
});
/// `last year`, `this year`, `last month`, `this month`. `That year` is left out: it refers to
/// a year named before, not to the dateline.
static RELATIVE_PERIOD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?<which>last|this) (?<unit>year|month)\b").unwrap());
/// A weekday (`on Wednesday`, `Wednesday morning`): in a news report, the latest such day on or
/// before the dateline.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b").unwrap()
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:today|yesterday|this (?:morning|afternoon|evening)|tonight|last night)\b")
        .unwrap()
});

/// Every sentence's anchor: the most precise date with a year in its section's heading, else
/// in the first 80 bytes of the section's first paragraph; none outside a dated section.
///
/// A dateline without a year (`PORT VELL, NOVEMBER 19, NORTH WIRE.`, `== Harbour Herald, 3 March
/// ==`) takes its year from the dated sections around it, when the document's dated sections
/// run in order of time, as a digest's do: the year that keeps the order with the dated section
/// before it and with the one after it. When those two disagree, or the document's order is not
/// known, it stays undated.
pub fn anchors(text: &str, blocks: &[Block], sentences: &[Sentence]) -> Vec<Option<PartialDate>> {
    // Each section's first block and what dates it; the title starts the first section.
    let mut sections: Vec<(usize, Dateline)> = Vec::new();
    let mut first_paragraph = false;
    for (i, block) in blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Heading { .. } | BlockKind::Title => {
                let heading = &text[block.content.start..block.content.end];
                let line = match best(heading) {
                    Some(d) => Dateline::Dated(d),
                    None => {
                        year_less(heading).map_or(Dateline::None, |(m, d)| Dateline::YearLess(m, d))
                    }
                };
                first_paragraph = !matches!(line, Dateline::Dated(_));
                sections.push((i, line));
            }
            BlockKind::Paragraph if first_paragraph => {
                first_paragraph = false;
                let head = &text[block.content.start..block.content.end];
                let mut cut = head.len().min(80);
                while !head.is_char_boundary(cut) {
                    cut -= 1;
                }
                let head = &head[..cut];
                let line = match best(head) {
                    Some(d) => Dateline::Dated(d),
                    None => {
                        year_less(head).map_or(Dateline::None, |(m, d)| Dateline::YearLess(m, d))
                    }
                };
                if let Some(last) = sections.last_mut()
                    && !matches!(line, Dateline::None)
                {
                    last.1 = line;
                }
            }
            _ => {}
        }
    }
    let dated: Vec<(usize, PartialDate)> = sections
        .iter()
        .enumerate()
        // A title's years are the span the document covers, and a year alone orders nothing.
        .filter(|(_, (first, _))| blocks[*first].kind != BlockKind::Title)
        .filter_map(|(k, (_, line))| match line {
            Dateline::Dated(d) if d.month.is_some() => Some((k, *d)),
            _ => None,
        })
        .collect();
    let in_order = dated.len() >= 2
        && dated
            .windows(2)
            .all(|w| w[0].1.earliest() <= w[1].1.earliest());
    let resolved: Vec<Option<PartialDate>> = sections
        .iter()
        .enumerate()
        .map(|(k, (_, line))| match *line {
            Dateline::Dated(d) => Some(d),
            Dateline::None => None,
            Dateline::YearLess(month, day) => {
                let before = dated.iter().rev().find(|(j, _)| *j < k).map(|(_, d)| {
                    let (y, m, dd) = d.earliest();
                    if (month, day) >= (m, dd) { y } else { y + 1 }
                });
                let after = dated.iter().find(|(j, _)| *j > k).map(|(_, d)| {
                    let (y, m, dd) = d.latest();
                    if (month, day) <= (m, dd) { y } else { y - 1 }
                });
                let year = match (before, after) {
                    (Some(a), Some(b)) if a == b => Some(a),
                    (Some(a), None) | (None, Some(a)) if in_order => Some(a),
                    _ => None,
                };
                year.map(|year| PartialDate {
                    year,
                    month: Some(month),
                    day: Some(day),
                })
            }
        })
        .collect();
    let mut per_block: Vec<Option<PartialDate>> = vec![None; blocks.len()];
    for (k, (first, _)) in sections.iter().enumerate() {
        let last = sections.get(k + 1).map_or(blocks.len(), |(next, _)| *next);
        for slot in &mut per_block[*first..last] {
            *slot = resolved[k];
        }
    }
    sentences.iter().map(|s| per_block[s.block]).collect()
}

/// What dates a section: a date with a year, a month and day without one, or nothing.
#[derive(Clone, Copy)]
enum Dateline {
    Dated(PartialDate),
    YearLess(u32, u32),
    None,
}

/// Words that make a month and day the date of an event, not of the report (`On 8 June, ...`,
/// `Events of 3 May`).
const EVENT_LEAD: &[&str] = &[
    "on", "in", "since", "by", "from", "until", "till", "at", "after", "before", "during", "of",
    "the", "to", "and",
];

/// A dateline's month and day without a year: the first such date within 40 bytes of the start,
/// after nothing but capitalised words (a place, an outlet) and punctuation.
fn year_less(text: &str) -> Option<(u32, u32)> {
    let (found, month, day) = [&*MONTH_DAY, &*DAY_MONTH]
        .iter()
        .filter_map(|re| {
            let c = re.captures(text)?;
            let month = month_number(&c["m"])?;
            let day = c["d"]
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=31).contains(d))?;
            c["m"]
                .starts_with(char::is_uppercase)
                .then_some((c.get(0)?.start(), month, day))
        })
        .min_by_key(|(at, _, _)| *at)?;
    let lead = &text[..found];
    let plain = lead.len() <= 40
        && lead
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.starts_with(char::is_uppercase)
                    && !EVENT_LEAD.contains(&w.to_lowercase().as_str())
            });
    plain.then_some((month, day))
}

/// The most precise date with a year in `text`.
fn best(text: &str) -> Option<PartialDate> {
    dates::find(text)
        .into_iter()
        .map(|d| d.date)
        .max_by_key(|d| (d.month.is_some(), d.day.is_some()))
}

/// Dates in a sentence: those written with a year, then year-less and relative ones resolved
/// against `anchor`. Spans are shifted by `offset`.
pub fn find(text: &str, offset: usize, anchor: Option<PartialDate>) -> Vec<(Span, TimeMention)> {
    let mut out: Vec<(Span, TimeMention)> = dates::find(text)
        .into_iter()
        .map(|d| {
            (
                d.span.shift(offset),
                TimeMention {
                    date: d.date,
                    year_stated: true,
                },
            )
        })
        .collect();
    let taken = |out: &[(Span, TimeMention)], s: Span| {
        out.iter().any(|(o, _)| o.start < s.end && s.start < o.end)
    };
    for re in [&*MONTH_DAY, &*DAY_MONTH] {
        for c in re.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let span = Span::new(whole.start() + offset, whole.end() + offset);
            if taken(&out, span) {
                continue;
            }
            let (Some(month), Some(day)) = (
                month_number(&c["m"]),
                c["d"].parse::<u32>().ok().filter(|d| (1..=31).contains(d)),
            ) else {
                continue;
            };
            // `may 28` after a lowercase word is the verb (`it may 28 ...` is rare, but `May`
            // as a name of a month is capitalised).
            if !c["m"].starts_with(char::is_uppercase) {
                continue;
            }
            let year = anchor.map(|a| year_for(a, month));
            out.push((
                span,
                TimeMention {
                    date: PartialDate {
                        year: year.unwrap_or(0),
                        month: Some(month),
                        day: Some(day),
                    },
                    year_stated: false,
                },
            ));
        }
    }
    if let Some(anchor) = anchor {
        for c in MONTH_ALONE.captures_iter(text) {
            let at = c.name("m").unwrap();
            let span = Span::new(at.start() + offset, at.end() + offset);
            if taken(&out, span) {
                continue;
            }
            // A year or a day may follow a month the regex stopped at (`in June 2021` was read
            // above as one date; `June 21` too).
            let Some(month) = month_number(at.as_str()) else {
                continue;
            };
            let last = c["pre"].eq_ignore_ascii_case("last");
            let year = match anchor.month {
                // `last June` in a report of March 2024 is June 2023; in a report of August
                // 2024 it is June 2024.
                Some(a) if last && month >= a => anchor.year - 1,
                _ if last => anchor.year,
                _ => year_for(anchor, month),
            };
            out.push((
                span,
                TimeMention {
                    date: PartialDate {
                        year,
                        month: Some(month),
                        day: None,
                    },
                    year_stated: false,
                },
            ));
        }
        for c in RELATIVE_PERIOD.captures_iter(text) {
            let whole = c.get(0).unwrap();
            let span = Span::new(whole.start() + offset, whole.end() + offset);
            let back = c["which"].eq_ignore_ascii_case("last");
            let date = if c["unit"].eq_ignore_ascii_case("year") {
                PartialDate::year(anchor.year - i32::from(back))
            } else {
                let Some(m) = anchor.month else { continue };
                let (year, month) = match (back, m) {
                    (true, 1) => (anchor.year - 1, 12),
                    (true, m) => (anchor.year, m - 1),
                    (false, m) => (anchor.year, m),
                };
                PartialDate {
                    year,
                    month: Some(month),
                    day: None,
                }
            };
            out.push((
                span,
                TimeMention {
                    date,
                    year_stated: false,
                },
            ));
        }
    }
    if let Some(anchor) = anchor
        && let (Some(m), Some(d)) = (anchor.month, anchor.day)
        && let Some(day) = NaiveDate::from_ymd_opt(anchor.year, m, d)
    {
        for found in WEEKDAY.find_iter(text) {
            let span = Span::new(found.start() + offset, found.end() + offset);
            let Ok(weekday) = found.as_str().parse::<chrono::Weekday>() else {
                continue;
            };
            let back =
                (day.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
            let date = day - Duration::days(i64::from(back));
            out.push((
                span,
                TimeMention {
                    date: PartialDate {
                        year: date.year(),
                        month: Some(date.month()),
                        day: Some(date.day()),
                    },
                    year_stated: false,
                },
            ));
        }
        for found in RELATIVE.find_iter(text) {
            let span = Span::new(found.start() + offset, found.end() + offset);
            let back = if found.as_str().eq_ignore_ascii_case("yesterday")
                || found.as_str().eq_ignore_ascii_case("last night")
            {
                1
            } else {
                0
            };
            let date = day - Duration::days(back);
            out.push((
                span,
                TimeMention {
                    date: PartialDate {
                        year: date.year(),
                        month: Some(date.month()),
                        day: Some(date.day()),
                    },
                    year_stated: false,
                },
            ));
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out
}

/// The year of a year-less date in `month`, read against `anchor`.
fn year_for(anchor: PartialDate, month: u32) -> i32 {
    match anchor.month {
        Some(a) if month > a + 1 => anchor.year - 1,
        _ => anchor.year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(y: i32, m: u32, d: u32) -> Option<PartialDate> {
        Some(PartialDate {
            year: y,
            month: Some(m),
            day: Some(d),
        })
    }

    #[test]
    fn year_less_and_relative_dates_take_the_anchor() {
        let found = find(
            "Ada Prinn resigned on November 18 and Ivo Kask was named yesterday.",
            0,
            anchor(2024, 11, 20),
        );
        let dates: Vec<String> = found.iter().map(|(_, t)| t.date.to_string()).collect();
        assert_eq!(dates, ["2024-11-18", "2024-11-19"]);
        assert!(found.iter().all(|(_, t)| !t.year_stated));
    }

    #[test]
    fn a_month_alone_and_last_year_take_the_anchor() {
        let found = find(
            "She resigned in January and was named in June 2021; he left last June and came last year.",
            0,
            anchor(2024, 3, 10),
        );
        let dates: Vec<String> = found.iter().map(|(_, t)| t.date.to_string()).collect();
        assert_eq!(dates, ["2024-01", "2021-06", "2023-06", "2023"]);
        assert!(find("She resigned in January.", 0, None).is_empty());
    }

    #[test]
    fn a_weekday_is_the_last_such_day_before_the_dateline() {
        // 20 November 2024 was a Wednesday.
        let found = find(
            "He was appointed on Wednesday after Ada Prinn quit on Monday.",
            0,
            anchor(2024, 11, 20),
        );
        let dates: Vec<String> = found.iter().map(|(_, t)| t.date.to_string()).collect();
        assert_eq!(dates, ["2024-11-20", "2024-11-18"]);
    }

    #[test]
    fn a_month_well_after_the_anchor_is_last_year() {
        let found = find("He was dismissed on 30 December.", 0, anchor(2021, 1, 10));
        assert_eq!(found[0].1.date.to_string(), "2020-12-30");
    }

    #[test]
    fn a_full_date_is_read_once_and_may_the_verb_is_no_date() {
        let found = find("On June 21, 1992 the board may 3 times meet.", 0, None);
        assert_eq!(found.len(), 1);
        assert!(found[0].1.year_stated);
    }
}

#[cfg(test)]
mod dateline_tests {
    use crate::testing::corpus;

    /// The anchor of the first sentence that contains `needle`.
    fn anchor_of(text: &str, needle: &str) -> Option<String> {
        let c = corpus(&[text]);
        let doc = c.doc(0);
        let s = doc
            .sentences
            .iter()
            .position(|s| doc.slice(s.span).contains(needle))
            .expect("the sentence is there");
        doc.analysis.sentences[s].anchor.map(|d| d.to_string())
    }

    const DIGEST: &str = "= Harbour news, 2019–2024 (digest) =\n\n== Harbour Herald, 18 September 2019 ==\nIvo Kask was named chief.\n\n== North Wire ==\nPORT VELL, MARCH 20, NORTH WIRE. Ada Prinn met the board.\n\n== South Post ==\nOn 8 June, the board met Ivo Kask.\n\n== Bay Times, 11 June 2020 ==\nThe board met again.\n";

    #[test]
    fn a_year_less_dateline_takes_the_year_that_keeps_the_digest_in_order() {
        // After September 2019 and before June 2020: March 2020.
        assert_eq!(
            anchor_of(DIGEST, "Ada Prinn").as_deref(),
            Some("2020-03-20")
        );
        // An event's date after `On` is not a dateline.
        assert_eq!(anchor_of(DIGEST, "8 June"), None);
    }

    #[test]
    fn neighbours_that_disagree_leave_it_undated() {
        // After July 2019, March is March 2020; before February 2020, it is March 2019.
        let text = "== Harbour Herald, 18 July 2019 ==\nOne.\n\n== North Wire ==\nPORT VELL, MARCH 20, NORTH WIRE. Ada Prinn met the board.\n\n== Bay Times, 2 February 2020 ==\nTwo.\n";
        assert_eq!(anchor_of(text, "Ada Prinn"), None);
        // One dated neighbour only, and the document's order unknown.
        let text = "== North Wire ==\nPORT VELL, MARCH 20, NORTH WIRE. Ada Prinn met the board.\n\n== Bay Times, 2 May 2020 ==\nTwo.\n";
        assert_eq!(anchor_of(text, "Ada Prinn"), None);
    }
}
