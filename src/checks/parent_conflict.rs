//! `parent_conflict`: one entity given two different parents now, within one document or
//! across documents: an infobox `Parent department: X` against `the Service operates as a body
//! directly subordinate to Y`.
//!
//! Parent facts come from infobox parent fields and from the sentence patterns of
//! `rules/facts/patterns.toml` (`is subordinate to`, `operates as a part of`). Only claims
//! about the present are compared: an infobox value, an undated present-tense sentence, or a
//! period still running (`Since 2023, ...`); a past claim (`was subordinate to`, a period with an
//! end) is history. Two parents are one when they are names of one entity (`NSS` and `National
//! Security Service`), and a parent of a parent is no conflict (a unit under a ministry is also
//! under the government the ministry belongs to).
//!
//! Which side is marked: the parent fewer claims give; on a tie, the one stated later.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::facts::{FactKind, FactPatterns, When};
use crate::finding::Finding;
use crate::index::facts::FactRef;

pub const KIND: Kind = Kind {
    name: "parent_conflict",
    summary: "one entity given two different parents at the same time",
    params: "attribute: the value fact that names a parent (\"parent\")",
    placeholders: &["entity", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "parent")]
    attribute: String,
}

fn parent() -> String {
    "parent".into()
}

struct ParentConflict {
    attribute: String,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(ParentConflict {
        attribute: p.attribute,
    }))
}

fn present(when: &When) -> bool {
    match when {
        When::Present => true,
        When::Period { to, ongoing, .. } => to.is_none() && *ongoing,
        When::Unknown => false,
    }
}

impl Check for ParentConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let names = &FactPatterns::builtin().names;
        // Every name of every entity, by key: a parent named by its abbreviation in one place
        // and in full in another is one parent.
        let mut entity_of: FxHashMap<String, usize> = FxHashMap::default();
        for e in 0..index.members.len() {
            for n in index.names(e) {
                entity_of.entry(names.key(n)).or_insert(e);
            }
        }
        let parent_id = |value: &str| -> String {
            let key = names.key(value);
            match entity_of.get(&key) {
                Some(e) => format!("#{e}"),
                None => key,
            }
        };
        let groups: Vec<_> = index
            .groups
            .iter()
            .filter(|g| g.kind == FactKind::Value && g.attribute == self.attribute)
            .collect();
        let parents_of = |entity: usize| -> Vec<String> {
            groups
                .iter()
                .filter(|g| g.entity == entity)
                .flat_map(|g| g.facts.iter())
                .map(|r| parent_id(&index.fact(*r).value))
                .collect()
        };
        for group in &groups {
            let own: Vec<String> = index
                .names(group.entity)
                .iter()
                .map(|n| names.key(n))
                .collect();
            let mut clusters: Vec<(String, Vec<FactRef>)> = Vec::new();
            for r in &group.facts {
                let fact = index.fact(*r);
                if !present(&fact.when) || own.contains(&names.key(&fact.value)) {
                    continue;
                }
                let id = parent_id(&fact.value);
                match clusters.iter_mut().find(|(c, _)| *c == id) {
                    Some((_, refs)) => refs.push(*r),
                    None => clusters.push((id, vec![*r])),
                }
            }
            if clusters.len() < 2 {
                continue;
            }
            // A parent of a parent is the same line of authority.
            let chained = |a: &str, b: &str| {
                let up = |x: &str| {
                    x.strip_prefix('#')
                        .and_then(|e| e.parse::<usize>().ok())
                        .map(parents_of)
                        .unwrap_or_default()
                };
                up(a).iter().any(|p| p == b) || up(b).iter().any(|p| p == a)
            };
            let majority = (0..clusters.len())
                .max_by_key(|&i| (clusters[i].1.len(), std::cmp::Reverse(i)))
                .unwrap();
            let tied = clusters
                .iter()
                .enumerate()
                .any(|(i, c)| i != majority && c.1.len() == clusters[majority].1.len());
            let entity = index.display(group.entity);
            for (i, (id, minority)) in clusters.iter().enumerate() {
                let (right_id, right) = &clusters[majority];
                if i == majority || chained(id, right_id) {
                    continue;
                }
                let value =
                    |r: &FactRef| index.fact(*r).value.trim_start_matches("the ").to_string();
                let (one, other) = (value(&minority[0]), value(&right[0]));
                let mut f = rule.finding(&[("entity", entity), ("one", &one), ("other", &other)]);
                for (k, r) in minority.iter().enumerate() {
                    let msg = if k == 0 {
                        format!("parent `{one}` here")
                    } else {
                        "here too".to_string()
                    };
                    f = f.label(r.doc, index.fact(*r).span, msg);
                }
                for r in right {
                    f = f.label(
                        r.doc,
                        index.fact(*r).span,
                        format!("but `{}` here", value(r)),
                    );
                }
                let why = if tied {
                    "both parents are given equally often; the one stated later in reading order is marked"
                } else {
                    "the marked parent is given by fewer statements than the other"
                };
                out.push(
                    f.note("both claims are about the present: an infobox value, an undated present-tense sentence, or a period still running".to_string())
                        .note(format!("which side is marked: {why}")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "parent-conflict";

    #[test]
    fn an_infobox_parent_against_a_present_subordination() {
        // Shape of the dev corpus (am05), names changed.
        let docs = [
            "= Harbour Guard =\n\nInfobox\n- Parent department: Coastal Security Service\n\nSince 2023, the Harbour Guard operates as a body directly subordinate to the Prime Minister of Norland.\n",
        ];
        assert_eq!(findings(&builtin_rule(RULE), &docs).len(), 1);
    }

    #[test]
    fn a_past_parent_an_alias_and_a_parent_of_the_parent_are_no_conflict() {
        let docs = [
            "= Harbour Guard =\n\nInfobox\n- Parent department: Coastal Security Service\n\nThe Harbour Guard was subordinate to the Harbour Ministry until 2019. The Harbour Guard is subordinate to the CSS.\n",
            "= Coastal Security Service =\n\nInfobox\n- Abbreviation: CSS\n- Parentagency: Government of Norland\n",
            "= Harbour Guard =\n\nThe Harbour Guard is directly subordinate to the Government of Norland.\n",
        ];
        assert!(findings(&builtin_rule(RULE), &docs).is_empty());
    }
}
