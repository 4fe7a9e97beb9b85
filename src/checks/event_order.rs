//! `event_order`: an entity said to have started something (`began to operate in December
//! 1996`) when another statement shows it doing that thing earlier (`was expanded` in 1992, a
//! body `established on the basis of` it in 1993).
//!
//! Both sides are event facts of the corpus fact table, grouped by entity (names merged across
//! documents): the `first` event, and the `later` events that cannot precede it. A conflict is
//! certain only when the later event's last possible day comes before the first event's first
//! possible day, so `1996` against `December 1996` is no conflict.
//!
//! Which side is marked: the `first` claim. Dated actions are specific and checkable, while a
//! start of activity is a summary that is easily off (an anniversary taken for a start).

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::facts::FactKind;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "event_order",
    summary: "an entity said to start something after a dated statement shows it already doing it",
    params: "first: the event that must come first (\"began operating\")\n\
             later: the events that cannot come before it ([\"active\"])",
    placeholders: &["entity", "first", "date", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "first")]
    first: String,
    #[serde(default = "later")]
    later: Vec<String>,
}

fn first() -> String {
    "began operating".into()
}

fn later() -> Vec<String> {
    vec!["active".into()]
}

struct EventOrder {
    first: String,
    later: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.later.is_empty() {
        return Err("later must name at least one event".into());
    }
    Ok(Box::new(EventOrder {
        first: p.first,
        later: p.later,
    }))
}

impl Check for EventOrder {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let find = |entity: usize, attribute: &str| index.group(entity, FactKind::Event, attribute);
        for group in index
            .groups
            .iter()
            .filter(|g| g.kind == FactKind::Event && g.attribute == self.first)
        {
            let earlier: Vec<_> = self
                .later
                .iter()
                .filter_map(|a| find(group.entity, a))
                .flat_map(|g| g.facts.iter().map(move |r| (g, *r)))
                .collect();
            for start in &group.facts {
                let fact = index.fact(*start);
                let Some(date) = fact.date else { continue };
                let before: Vec<_> = earlier
                    .iter()
                    .filter(|(_, r)| {
                        index
                            .fact(*r)
                            .date
                            .is_some_and(|d| d.latest() < date.earliest())
                    })
                    .collect();
                let Some((_, first_before)) = before.first() else {
                    continue;
                };
                let entity = index.display(group.entity);
                let other = &index.fact(*first_before).value;
                let mut f = rule
                    .finding(&[
                        ("entity", entity),
                        ("first", &self.first),
                        ("date", &fact.value),
                        ("other", other),
                    ])
                    .label(
                        start.doc,
                        fact.span,
                        format!("{} on `{}` here", self.first, fact.value),
                    );
                for (g, r) in &before {
                    let b = index.fact(*r);
                    f = f.label(
                        r.doc,
                        b.span,
                        format!("but {} on `{}` here", g.attribute, b.value),
                    );
                }
                out.push(
                    f.note(format!(
                        "matched as one entity: `{entity}` (named {}); `{}` cannot come after `{}`",
                        index
                            .names(group.entity)
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", "),
                        self.first,
                        self.later.join("`, `")
                    ))
                    .note("which side is marked: the start, since dated actions are specific while a start of activity is a summary easily taken from an anniversary")
                    .suggest(format!("give the start of `{entity}` as no later than `{other}`, or say what began on `{}`", fact.value)),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "activity-before-start"
        code = "E004"
        category = "date_conflict"
        severity = "warning"
        check = "event_order"
        message = "`{entity}` {first} on `{date}`, but was active on `{other}`"
    "#;

    #[test]
    fn began_after_a_dated_action() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard began to operate actively in December 1996.\n",
            "= Coast Watch =\n\nIn 1993, the Coast Watch was established on the basis of the Royal Guard. The Royal Guard was expanded on 31 July 1992.\n",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 0);
        assert_eq!(f[0].labels.len(), 3);
    }

    #[test]
    fn actions_after_the_start_or_in_its_year_stay_silent() {
        let docs = [
            "= Royal Guard =\n\nThe Royal Guard began to operate actively in December 1996.\n",
            "= Coast Watch =\n\nIn 1996, the Coast Watch was established on the basis of the Royal Guard. The Royal Guard was expanded on 31 July 1999.\n",
        ];
        assert!(findings(&rule(RULE), &docs).is_empty());
    }
}
