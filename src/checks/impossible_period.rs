//! `impossible_period`: dates and periods that cannot be: a day the calendar does not have (the
//! 31st of a 30-day month), a period that ends before it starts (`from 1999 to 1995`), and a post
//! held from a date before the entity was established according to another statement.
//!
//! Dates and periods are read from every block, infobox values included (see
//! [`crate::extract::dates`]); partial dates are read generously, so `from May 1995 to 1995` is
//! not reversed. The establishment test uses the corpus fact table: a holder period of an entity
//! stated in a sentence (`Since 1985, the Guard has been headed by X`) that certainly starts
//! before every date given for the entity's establishment. Holder lists are left out: they often
//! run on from the body the entity replaced.
//!
//! Which side is marked: the impossible date or period itself; for a post held before the entity
//! existed, the holder's period, since a founding date is usually the better sourced of the two.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::Document;
use crate::extract::dates;
use crate::extract::facts::{FactKind, Origin, When};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "impossible_period",
    summary: "a day that does not exist, a period that ends before it starts, or a post held before its entity existed",
    params: "founding: the event name that dates an entity's start; empty turns that test off (\"established\")",
    placeholders: &["period", "problem"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "established")]
    founding: String,
}

fn established() -> String {
    "established".into()
}

struct ImpossiblePeriod {
    founding: String,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(ImpossiblePeriod {
        founding: p.founding,
    }))
}

impl Check for ImpossiblePeriod {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for block in &doc.blocks {
            let text = doc.slice(block.content);
            for d in dates::find(text) {
                if d.date.exists() {
                    continue;
                }
                let span = d.span.shift(block.content.start);
                out.push(
                    rule.finding(&[
                        ("period", doc.slice(span)),
                        ("problem", "is not a day of the calendar"),
                    ])
                    .label(doc.id, span, "this month has no such day")
                    .note("read as a day, month and year; the month is shorter than the day given")
                    .suggest("check the source for the right day"),
                );
            }
            for p in dates::find_periods(text) {
                if !p.is_reversed() {
                    continue;
                }
                let span = p.span.shift(block.content.start);
                out.push(
                    rule.finding(&[
                        ("period", doc.slice(span)),
                        ("problem", "ends before it starts"),
                    ])
                    .label(doc.id, span, "the end comes before the start")
                    .note("partial dates are read generously: a year stands for any day of it")
                    .suggest("swap the two ends or correct the one that is wrong"),
                );
            }
        }
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        if self.founding.is_empty() {
            return;
        }
        let index = cx.index.facts();
        // Groups are sorted by (entity, kind, attribute): the founding group of an entity is
        // found by binary search, not by a scan.
        let founding = |entity: usize| index.group(entity, FactKind::Event, &self.founding);
        for group in index.groups.iter().filter(|g| g.kind == FactKind::Holder) {
            let Some(founded) = founding(group.entity) else {
                continue;
            };
            let dates: Vec<_> = founded
                .facts
                .iter()
                .filter_map(|r| index.fact(*r).date.map(|d| (*r, d)))
                .collect();
            let Some(earliest) = dates.iter().map(|(_, d)| d.earliest()).min() else {
                continue;
            };
            for r in &group.facts {
                let fact = index.fact(*r);
                // Holder lists often run on from a predecessor body (`Commanders` listing the
                // heads of the force it replaced): only a claim made in a sentence is compared.
                if fact.origin != Origin::Sentence {
                    continue;
                }
                let When::Period {
                    from: Some(start), ..
                } = fact.when
                else {
                    continue;
                };
                if start.latest() >= earliest {
                    continue;
                }
                let entity = index.display(group.entity);
                let (fr, fd) = dates[0];
                let ff = index.fact(fr);
                let problem = format!("starts before `{entity}` was {} on `{fd}`", self.founding);
                let period = format!("{} from {start}", fact.value);
                out.push(
                    rule.finding(&[("period", &period), ("problem", &problem)])
                        .label(r.doc, fact.span, format!("`{}` holds `{}` from {start}", fact.value, group.attribute))
                        .label(fr.doc, ff.span, format!("{} on `{}`", self.founding, ff.value))
                        .note(format!("matched as one entity: `{entity}`; the post cannot be held before the entity existed"))
                        .note("which side is marked: the holder's period, since a founding date is usually the better sourced")
                        .suggest("check the start of the period and the founding date"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "impossible-period"
        code = "E002"
        category = "date_conflict"
        severity = "warning"
        check = "impossible_period"
        message = "`{period}` {problem}"
    "#;

    #[test]
    fn impossible_days_and_reversed_periods() {
        let f = findings(
            &rule(RULE),
            &["It opened on 31 September 2001 and ran from 1999 to 1995."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f.iter().any(|x| x.message.contains("`31 September 2001`")));
        assert!(f.iter().any(|x| x.message.contains("`from 1999 to 1995`")));
    }

    #[test]
    fn real_days_forward_periods_and_handovers_are_fine() {
        let text = "It opened on 30 September 2001, ran from 1995 to 1999, in 1990-94 and (2011 - 9 February 2024); between 1961 and 1979.";
        assert!(findings(&rule(RULE), &[text]).is_empty());
    }

    #[test]
    fn a_post_held_before_the_entity_existed() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard was established on 14 March 1990.\n",
            "= Coast Watch =\n\nSince 1985, the Royal Guard has been headed by Ivan Petrov.\n",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("Ivan Petrov"));
        let list = "= Royal Guard =\n\nThe Royal Guard was established on 14 March 1990.\n\n== Commanders ==\n\n- General Ivan Petrov (1985 - 1990)\n\n- General Pavel Orlov (1991 - 1999)\n";
        assert!(
            findings(&rule(RULE), &[list]).is_empty(),
            "lists run on from predecessors"
        );
    }
}
