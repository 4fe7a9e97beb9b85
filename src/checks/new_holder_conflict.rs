//! `new_holder_conflict`: two different people each said to have just taken the same post of
//! the same entity, in reports dated within a few days of each other, with no departure of the
//! first reported in between (`the new Director of the Harbour Service Ivo Kask` on 19
//! November, `the newly appointed Harbour Service Director Ada Prinn` on 20 November).
//!
//! The claims are holder facts dated by their news section (see `rules/facts/patterns.toml`)
//! whose words just before the post or the name say the holding has just begun: `new`, `newly
//! appointed`, `was appointed as`. Posts are compared as the fact index groups them, so a
//! deputy, an acting or an interim head is another post, and posts that several people hold at
//! once (`deputy`) are left out as in `holder_conflict`.
//!
//! Which side is marked: the later report, the one that contradicts a start already reported.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::dates::PartialDate;
use crate::extract::facts::{Fact, FactKind, When};
use crate::extract::person::EventClass;
use crate::finding::Finding;
use crate::index::facts::FactRef;

pub const KIND: Kind = Kind {
    name: "new_holder_conflict",
    summary: "two people each said to have just taken the same post, in reports a few days apart",
    params: "window_days: how many days apart two reports of a new holder may be to clash (30)\nshared: first words of posts that several people hold at once, such as \"deputy\" ([])",
    placeholders: &["entity", "post", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "default_window")]
    window_days: i64,
    #[serde(default)]
    shared: Vec<String>,
}

fn default_window() -> i64 {
    30
}

struct NewHolderConflict {
    window_days: i64,
    shared: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(NewHolderConflict {
        window_days: p.window_days,
        shared: p.shared,
    }))
}

/// Words that say a holding has just begun, at the end of the text before a post or a name.
static NEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:new|newly(?: appointed| elected| named)?|(?:was|has been|had been) (?:appointed|named|elected)(?: as)?(?: the)?(?: new)?)\s+(?:\S+\s+){0,6}$")
        .unwrap()
});

/// The day a claim is dated on, when it is a point in time with a day.
fn day(fact: &Fact) -> Option<NaiveDate> {
    match fact.when {
        When::Period {
            from: Some(from),
            to: Some(to),
            ..
        } if from == to => naive(from),
        _ => None,
    }
}

fn naive(d: PartialDate) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(d.year, d.month?, d.day?)
}

impl Check for NewHolderConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        for group in index.groups.iter().filter(|g| g.kind == FactKind::Holder) {
            let first = group.attribute.split(' ').next().unwrap_or("");
            if self.shared.iter().any(|s| s == first) {
                continue;
            }
            // The new-holder claims of the group, by date.
            let mut claims: Vec<(FactRef, &Fact, NaiveDate)> = group
                .facts
                .iter()
                .map(|r| (*r, index.fact(*r)))
                .filter(|(_, f)| f.person.is_some())
                .filter_map(|(r, f)| Some((r, f, day(f)?)))
                .filter(|(r, f, _)| {
                    let claim = cx.corpus.doc(r.doc).slice(f.span);
                    claim
                        .rfind(f.value.as_str())
                        .is_some_and(|at| NEW.is_match(&claim[..at]))
                })
                .collect();
            claims.sort_by_key(|(r, f, d)| (*d, r.doc, f.span.start));
            // One person on one day is one claim, however many reports repeat it.
            claims.dedup_by(|b, a| a.2 == b.2 && a.1.person == b.1.person);
            for (k, (rb, b, db)) in claims.iter().enumerate() {
                let pb = b.person.as_ref().unwrap();
                // The closest earlier new holder who is someone else.
                let Some((ra, a, da)) = claims[..k]
                    .iter()
                    .rev()
                    .find(|(_, a, _)| !a.person.as_ref().unwrap().same_as(pb))
                else {
                    continue;
                };
                if (*db - *da).num_days() > self.window_days {
                    continue;
                }
                // The later one is already a new holder earlier on: a return, not a clash.
                if claims[..k]
                    .iter()
                    .any(|(_, c, dc)| dc < da && c.person.as_ref().unwrap().same_as(pb))
                {
                    continue;
                }
                let pa = a.person.as_ref().unwrap();
                let left = index.docs.iter().flat_map(|f| &f.person_events).any(|e| {
                    e.class == EventClass::End
                        && e.person.same_as(pa)
                        && naive(e.date).is_some_and(|d| d >= *da && d <= *db)
                });
                if left {
                    continue;
                }
                let entity = index.display(group.entity);
                out.push(
                    rule.finding(&[
                        ("entity", entity),
                        ("post", &group.attribute),
                        ("one", &b.value),
                        ("other", &a.value),
                    ])
                    .label(
                        rb.doc,
                        b.span,
                        format!("`{}` is the new `{}` here, on {db}", b.value, group.attribute),
                    )
                    .label(
                        ra.doc,
                        a.span,
                        format!("but `{}` is the new `{}` here, on {da}", a.value, group.attribute),
                    )
                    .note(format!(
                        "both are said to have just taken the post, {} days apart, and no departure of `{}` is reported in between",
                        (*db - *da).num_days(),
                        a.value
                    ))
                    .note("which side is marked: the later report"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "new-holder-conflict";

    #[test]
    fn two_new_directors_a_day_apart() {
        let docs = [
            "= Harbour Service: news =\n\n== North Wire, 19 November 2020 ==\nThe Prime Minister introduced the new Director of the Harbour Service Ivo Kask to the staff.\n\n== Bay Times, 20 November 2020 ==\nThe Prime Minister introduced today the newly appointed Harbour Service Director Ada Prinn to the staff.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("Ada Prinn"), "{}", f[0].message);
    }

    #[test]
    fn near_misses_stay_silent() {
        // A departure in between; a month and more apart; one person twice; a deputy.
        let docs = [
            "= Harbour Service: news =\n\n== North Wire, 2 March 2021 ==\nThe new Director of the Harbour Service Ivo Kask met the staff.\n\n== Bay Times, 9 March 2021 ==\nIvo Kask resigned on 8 March. The newly appointed Harbour Service Director Ada Prinn met the staff.\n\n== North Wire, 1 June 2021 ==\nThe new Director of the Harbour Service Ole Lund met the staff.\n\n== Bay Times, 2 June 2021 ==\nThe new Director of the Harbour Service Ole Lund spoke. The new Deputy Director of the Harbour Service Lea Pold spoke.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert!(f.is_empty(), "{f:#?}");
    }
}
