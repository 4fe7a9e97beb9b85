//! `event_date_conflict`: one event of one entity (its establishment, say) dated differently,
//! within one document or across documents.
//!
//! Event facts come from the corpus fact table (`X was established on D`, an infobox `Formed`
//! field), grouped by (entity, event). Two dates agree when they can mean the same day: the
//! same day written two ways, or `1990` and `14 March 1990`. Dates that agree are clustered;
//! more than one cluster is a conflict. Different events (a decree, an opening) are different
//! attributes and never compared.
//!
//! Which side is marked: the date fewer documents give (the majority is taken as right); on a
//! tie, the one stated later in reading order.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::facts::{Fact, FactKind};
use crate::finding::Finding;
use crate::index::facts::FactRef;

pub const KIND: Kind = Kind {
    name: "event_date_conflict",
    summary: "one event of one entity given two different dates",
    params: "events: the events that happen once and are compared; events such as `active`, which recur, must stay out ([\"established\"])",
    placeholders: &["entity", "event", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "once")]
    events: Vec<String>,
}

fn once() -> Vec<String> {
    vec!["established".into()]
}

struct EventDateConflict {
    events: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(EventDateConflict { events: p.events }))
}

impl Check for EventDateConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        for group in index.groups.iter().filter(|g| g.kind == FactKind::Event) {
            if !self.events.contains(&group.attribute) {
                continue;
            }
            let mut clusters: Vec<Vec<(FactRef, &Fact)>> = Vec::new();
            for r in &group.facts {
                let fact = index.fact(*r);
                let Some(date) = fact.date else { continue };
                match clusters.iter_mut().find(|c| {
                    c.iter()
                        .all(|(_, f)| f.date.is_some_and(|d| d.compatible(&date)))
                }) {
                    Some(c) => c.push((*r, fact)),
                    None => clusters.push(vec![(*r, fact)]),
                }
            }
            if clusters.len() < 2 {
                continue;
            }
            let docs = |c: &[(FactRef, &Fact)]| {
                let mut d: Vec<usize> = c.iter().map(|(r, _)| r.doc).collect();
                d.dedup();
                d.len()
            };
            // The majority: most documents, then the earliest in reading order.
            let majority = (0..clusters.len())
                .max_by_key(|&i| (docs(&clusters[i]), std::cmp::Reverse(i)))
                .unwrap();
            let tied = clusters
                .iter()
                .enumerate()
                .any(|(i, c)| i != majority && docs(c) == docs(&clusters[majority]));
            let entity = index.display(group.entity);
            for (i, minority) in clusters.iter().enumerate() {
                if i == majority {
                    continue;
                }
                let right = &clusters[majority];
                let (one, other) = (&minority[0].1.value, &right[0].1.value);
                let mut f = rule.finding(&[
                    ("entity", entity),
                    ("event", &group.attribute),
                    ("one", one),
                    ("other", other),
                ]);
                for (k, (r, fact)) in minority.iter().enumerate() {
                    let msg = if k == 0 {
                        format!("{} on `{}` here", group.attribute, fact.value)
                    } else {
                        format!("`{}` here too", fact.value)
                    };
                    f = f.label(r.doc, fact.span, msg);
                }
                for (r, fact) in right {
                    f = f.label(r.doc, fact.span, format!("but on `{}` here", fact.value));
                }
                let names = index.names(group.entity);
                let why = if tied {
                    "both dates are given equally often; the one stated later in reading order is marked"
                } else {
                    "the marked date is given by fewer documents than the other"
                };
                out.push(
                    f.note(format!(
                        "matched as one event: `{}` of `{entity}` (named {}); the dates cannot mean the same day",
                        group.attribute,
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ))
                    .note(format!("which side is marked: {why}"))
                    .suggest(format!("check the source and give one date: `{other}` or `{one}`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "event-date-conflict"
        code = "E001"
        category = "date_conflict"
        severity = "error"
        check = "event_date_conflict"
        message = "`{entity}` was {event} on `{one}` here but on `{other}` elsewhere"
    "#;

    #[test]
    fn two_dates_for_one_founding_across_documents() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard was established on 14 March 1990. It grew.\n",
            "= Coast Watch =\n\nThe Royal Guard was established on 15 March 1990.\n",
            "= Army =\n\nThe Royal Guard, a small force, was established on March 14, 1990.\n",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 1, "the minority date is marked");
        assert_eq!(f[0].labels.len(), 3);
    }

    #[test]
    fn recurring_events_are_not_compared() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard was expanded on 31 July 1992. In 1993, the Coast Watch was established on the basis of the Royal Guard.\n",
        ];
        assert!(findings(&rule(RULE), &docs).is_empty());
    }

    #[test]
    fn one_date_two_formats_or_precisions_and_other_events_stay_silent() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard was established on 14 March 1990. The museum was opened on 5 October 2005.\n",
            "= Coast Watch =\n\nIn 1990, the Royal Guard was established. The Coast Watch was established on 4 October 2005.\n",
            "= Army =\n\nThe Royal Guard was established on March 14, 1990.\n",
        ];
        assert!(findings(&rule(RULE), &docs).is_empty());
    }
}
