//! `person_event_date_conflict`: one event of one person (a resignation, a dismissal) given two
//! dates, within one document or across documents.
//!
//! Events come from the verb frames of `rules/facts/frames.toml` (see
//! [`crate::extract::person`]), with year-less dates resolved against their section's dateline.
//! Events are compared only within one frame's event name: a nomination and an approval, or an
//! appointment and taking office days later, are two events. Two dates agree when they can mean
//! the same day (the same date written two ways, `2019` and `18 September 2019`). A date whose
//! year is unknown (a year-less date in an undated section) is compared by month and day, and
//! only with dates of the same document. A report with no date at all (`has been relieved of
//! his duties`), dated by its section, agrees with any date within `slack_days` of it.
//!
//! Which side is marked: the date fewer statements give; on a tie, the one stated later.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::DocId;
use crate::extract::dates::PartialDate;
use crate::extract::person::{DateSource, PersonEvent};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "person_event_date_conflict",
    summary: "one event of one person (a resignation, a dismissal) given two different dates",
    params: "events: the frame events compared, each of which happens once to a person in one post ([\"resigned\", \"dismissed\"])\nslack_days: how far a date read from a section's dateline may be from a written one (10)",
    placeholders: &["person", "event", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "default_events")]
    events: Vec<String>,
    #[serde(default = "default_slack")]
    slack_days: i64,
}

fn default_events() -> Vec<String> {
    vec!["resigned".into(), "dismissed".into()]
}

fn default_slack() -> i64 {
    10
}

struct PersonEventDateConflict {
    events: Vec<String>,
    slack_days: i64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(PersonEventDateConflict {
        events: p.events,
        slack_days: p.slack_days,
    }))
}

type Item<'a> = (DocId, &'a PersonEvent);

fn days(d: &PartialDate) -> Option<i64> {
    let date = chrono::NaiveDate::from_ymd_opt(d.year, d.month?, d.day?)?;
    Some(chrono::Datelike::num_days_from_ce(&date) as i64)
}

impl PersonEventDateConflict {
    /// True when the two dates can mean the same event; `None` when they cannot be compared.
    fn agree(&self, a: Item, b: Item) -> Option<bool> {
        let (da, db) = (&a.1.date, &b.1.date);
        let no_year = a.1.source == DateSource::NoYear || b.1.source == DateSource::NoYear;
        if no_year {
            if a.0 != b.0 {
                return None;
            }
            let (Some(ma), Some(mb)) = (da.month, db.month) else {
                return None;
            };
            return Some(ma == mb && (da.day.is_none() || db.day.is_none() || da.day == db.day));
        }
        let implicit = a.1.source == DateSource::Implicit || b.1.source == DateSource::Implicit;
        if implicit && let (Some(x), Some(y)) = (days(da), days(db)) {
            return Some((x - y).abs() <= self.slack_days);
        }
        Some(da.compatible(db))
    }
}

impl Check for PersonEventDateConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        // Group by event, then by person (one person spelt two ways is one person).
        let mut groups: Vec<Vec<Item>> = Vec::new();
        for (d, facts) in index.docs.iter().enumerate() {
            for e in &facts.person_events {
                if !self.events.contains(&e.event) {
                    continue;
                }
                match groups
                    .iter_mut()
                    .find(|g| g[0].1.event == e.event && g[0].1.person.same_as(&e.person))
                {
                    Some(g) => g.push((d, e)),
                    None => groups.push(vec![(d, e)]),
                }
            }
        }
        for group in groups {
            // Clusters of agreeing dates; an event that cannot be compared with a cluster's
            // members stays out of it.
            let mut clusters: Vec<Vec<Item>> = Vec::new();
            for &item in &group {
                match clusters
                    .iter_mut()
                    .find(|c| c.iter().all(|o| self.agree(*o, item) != Some(false)))
                {
                    Some(c) => c.push(item),
                    None => clusters.push(vec![item]),
                }
            }
            if clusters.len() < 2 {
                continue;
            }
            // Only clusters that really disagree: at least one comparable pair.
            let majority = (0..clusters.len())
                .max_by_key(|&i| (clusters[i].len(), std::cmp::Reverse(i)))
                .unwrap();
            let tied = clusters
                .iter()
                .enumerate()
                .any(|(i, c)| i != majority && c.len() == clusters[majority].len());
            for (i, minority) in clusters.iter().enumerate() {
                if i == majority {
                    continue;
                }
                let right = &clusters[majority];
                if !minority
                    .iter()
                    .any(|m| right.iter().any(|r| self.agree(*m, *r) == Some(false)))
                {
                    continue;
                }
                let show = |(d, e): &Item| cx.corpus.doc(*d).slice(e.span).to_string();
                let one = show(&minority[0]);
                let mut f = rule.finding(&[
                    ("person", &minority[0].1.name),
                    ("event", &minority[0].1.event),
                    ("one", &date_text(&minority[0])),
                    ("other", &date_text(&right[0])),
                ]);
                for (k, item) in minority.iter().enumerate() {
                    let msg = if k == 0 {
                        format!("`{one}` here")
                    } else {
                        "the same date here".to_string()
                    };
                    f = f.label(item.0, item.1.span, msg);
                }
                for item in right {
                    f = f.label(item.0, item.1.span, format!("but `{}` here", show(item)));
                }
                let why = if tied {
                    "both dates are given equally often; the one stated later in reading order is marked"
                } else {
                    "the marked date is given by fewer statements than the other"
                };
                out.push(
                    f.note(format!(
                        "matched as one event: `{}` of one person; a year-less date takes the year of its section's dateline",
                        minority[0].1.event
                    ))
                    .note(format!("which side is marked: {why}")),
                );
            }
        }
    }
}

/// The date as the reader sees it: `18 Nov 2024`, or `10-08` when the year is unknown.
fn date_text((_, e): &Item) -> String {
    match e.source {
        DateSource::NoYear => e.date.to_string().trim_start_matches("0000-").to_string(),
        _ => e.date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::finding::Finding;
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "person-event-date-conflict";

    fn run_rule(name: &str, docs: &[&str]) -> Vec<Finding> {
        findings(&builtin_rule(name), docs)
    }

    #[test]
    fn a_resignation_dated_two_ways_in_one_digest() {
        // Shape of the dev corpus (am11), names changed.
        let docs = [
            "= Digest =\n\n== Harbour Herald, 20 November 2024: a new minister ==\nThe post became vacant after Minister of Transport Ivo Kask resigned on November 18, along with others.\n\n== North Wire, 20 November 2024: the minister ==\nAda Prinn will replace Ivo Kask, who resigned on November 16.\n",
        ];
        assert_eq!(run_rule(RULE, &docs).len(), 1);
    }

    #[test]
    fn one_date_written_two_ways_and_a_dateline_report_agree() {
        let docs = [
            "= Digest =\n\n== North Wire, 19 September 2019: police chief out ==\nIvo Kask was sacked on September 18.\n\n== Harbour Herald: the chief ==\nIvo Kask (left) who was dismissed on Sept. 18 spoke.\n",
            "= Bio =\n\n== North Wire, 19 September 2019 ==\nIvo Kask has been relieved of his duties by a decree.\n",
        ];
        assert!(run_rule(RULE, &docs).is_empty());
    }

    #[test]
    fn two_people_with_one_surname_and_two_kinds_of_event_stay_apart() {
        let docs = [
            "= Digest =\n\n== North Wire, 20 November 2024 ==\nIvo Kask resigned on November 18. Lea Kask resigned on November 12. Ivo Kask was dismissed on November 20.\n",
        ];
        assert!(run_rule(RULE, &docs).is_empty());
    }

    #[test]
    fn year_less_dates_of_two_documents_are_not_compared() {
        let docs = [
            "= A =\n\n== North Wire ==\nIvo Kask resigned on May 3.\n",
            "= B =\n\n== Harbour Herald ==\nIvo Kask resigned on June 9.\n",
        ];
        assert!(run_rule(RULE, &docs).is_empty());
    }
}
