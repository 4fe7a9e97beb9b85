//! `stale_current`: an entity described in the present tense (`the Ministry fulfils`, `the MNS
//! is expanding`) when another statement says it ended: abolished, dissolved, replaced, or split
//! into successors (`A and the B were established on the basis of C`).
//!
//! Both sides come from the corpus fact table: `ended` events and `current` statements (patterns
//! in `rules/facts/patterns.toml`; a current statement is read only outside quotations and in a
//! sentence without a date, since a dated sentence or a quotation speaks of its own time). The
//! entity is matched through the names documents declare, an abbreviation never introduced
//! (`MNS`) through the initials of a name the document uses. One finding per document that
//! describes the ended entity as current, with every such statement labelled.
//!
//! Which side is marked: the present-tense description. It is undated, while the end is dated or
//! stated as a change, so the description is taken as written before the change.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::facts::FactKind;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "stale_current",
    summary: "an entity described as current although another statement says it ended",
    params: "end: the event name that marks an entity's end (\"ended\")\n\
             restart: event names that, dated at or after an end, undo it ([\"re-established\"])",
    placeholders: &["entity", "date"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "ended")]
    end: String,
    #[serde(default = "restart")]
    restart: Vec<String>,
}

fn restart() -> Vec<String> {
    vec!["re-established".into()]
}

fn ended() -> String {
    "ended".into()
}

struct StaleCurrent {
    end: String,
    restart: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(StaleCurrent {
        end: p.end,
        restart: p.restart,
    }))
}

impl Check for StaleCurrent {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let find =
            |entity: usize, kind: FactKind, attribute: &str| index.group(entity, kind, attribute);
        for end in index
            .groups
            .iter()
            .filter(|g| g.kind == FactKind::Event && g.attribute == self.end)
        {
            let Some(current) = find(end.entity, FactKind::Current, "current") else {
                continue;
            };
            let entity = index.display(end.entity);
            // An end undone by a later restart (`dissolved in 2001 and re-established in
            // 2005`) does not count.
            let restarts: Vec<_> = self
                .restart
                .iter()
                .filter_map(|a| find(end.entity, FactKind::Event, a))
                .flat_map(|g| g.facts.iter().filter_map(|r| index.fact(*r).date))
                .collect();
            let ends: Vec<_> = end
                .facts
                .iter()
                .map(|r| (*r, index.fact(*r)))
                .filter(|(_, f)| {
                    let Some(d) = f.date else { return true };
                    !restarts.iter().any(|r| r.latest() >= d.earliest())
                })
                .collect();
            let Some(&(_, first_end)) = ends.first() else {
                continue;
            };
            let date = first_end.value.clone();
            let mut docs: Vec<usize> = current.facts.iter().map(|r| r.doc).collect();
            docs.dedup();
            for doc in docs {
                let mut spans: Vec<_> = current
                    .facts
                    .iter()
                    .filter(|r| r.doc == doc)
                    .map(|r| index.fact(*r).span)
                    .filter(|s| !ends.iter().any(|(r, f)| r.doc == doc && f.span == *s))
                    .collect();
                spans.sort();
                spans.dedup();
                let Some(first) = spans.first() else { continue };
                let mut f = rule.finding(&[("entity", entity), ("date", &date)]).label(
                    doc,
                    *first,
                    format!("`{entity}` described as current here"),
                );
                for s in &spans[1..] {
                    f = f.label(doc, *s, "and here");
                }
                for (r, fact) in &ends {
                    f = f.label(
                        r.doc,
                        fact.span,
                        format!("but it ended on `{}` here", fact.value),
                    );
                }
                let names = index.names(end.entity);
                out.push(
                    f.note(format!(
                        "matched as one entity: `{entity}` (named {}); the statements use the present tense, without a date, outside quotations",
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ))
                    .note("which side is marked: the undated present-tense description, taken as written before the dated end")
                    .suggest(format!("put the description of `{entity}` in the past tense, or name its successor")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "described-after-end"
        code = "E003"
        category = "date_conflict"
        severity = "warning"
        check = "stale_current"
        message = "`{entity}` is described as current, but it ended on `{date}`"
    "#;

    const END: &str = "= Watch Service =\n\nBy Decree No 5 dated 14 December 2015, the Watch Service and the Guard Service were established on the basis of the Ministry of Coast Safety.\n";

    #[test]
    fn present_tense_after_a_dated_end_across_documents() {
        let other = "= Ministry of Coast Safety =\n\nThe Ministry of Coast Safety runs the ports. Besides, the ministry fulfils other tasks. The fact that the MCS is growing helps.\n";
        let f = findings(&rule(RULE), &[END, other]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 1);
        assert_eq!(f[0].labels.len(), 4, "three statements and the end");
    }

    #[test]
    fn past_tense_dated_and_quoted_statements_stay_silent() {
        let other = "= Ministry of Coast Safety =\n\nThe Ministry of Coast Safety ran the ports. In 1999 the Ministry of Coast Safety runs the ports, he wrote. He said: \"The Ministry of Coast Safety runs the ports.\"\n";
        assert!(findings(&rule(RULE), &[END, other]).is_empty());
        let restarted = "= Coast Guard =\n\nThe Coastal Command was dissolved in 2001 and re-established in 2005. The Coastal Command is based in Port Royal.\n";
        assert!(
            findings(&rule(RULE), &[restarted]).is_empty(),
            "an end undone by a restart"
        );
        let one_successor = "= Watch Service =\n\nIn 2015, the Watch Service was established on the basis of the Ministry of Coast Safety. The Ministry of Coast Safety runs the ports.\n";
        assert!(
            findings(&rule(RULE), &[one_successor]).is_empty(),
            "one successor: the base may live on"
        );
    }
}
