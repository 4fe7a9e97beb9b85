//! `independence_conflict`: an entity described as independent or autonomous now, while other
//! statements give it a parent: an infobox parent field, `continues its activity as a part of
//! X`, `is subordinate to X`.
//!
//! Both sides come from the corpus fact table: a `status` value `independent` read from a
//! present-tense sentence without a date (so `began to operate in 1996 as a semi-independent
//! entity` is history, not a claim about now), and `parent` values, grouped by the entity they
//! are about (names merged across documents). A parent that is only another name of the entity
//! itself does not count.
//!
//! Which side is marked: the independence claim. The parent is stated by structured data (an
//! infobox) or by more statements, and a body that was independent once and was later absorbed
//! is the common story; the reverse is rare.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::facts::FactKind;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "independence_conflict",
    summary: "an entity described as independent now while other statements give it a parent",
    params: "status: the value of the `status` attribute that claims independence (\"independent\")",
    placeholders: &["entity", "parent"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "independent")]
    status: String,
}

fn independent() -> String {
    "independent".into()
}

struct IndependenceConflict {
    status: String,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(IndependenceConflict { status: p.status }))
}

impl Check for IndependenceConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let names = crate::extract::facts::FactPatterns::builtin();
        let find = |entity: usize, attribute: &str| index.group(entity, FactKind::Value, attribute);
        for status in index
            .groups
            .iter()
            .filter(|g| g.kind == FactKind::Value && g.attribute == "status")
        {
            let claims: Vec<_> = status
                .facts
                .iter()
                .filter(|r| index.fact(**r).value == self.status)
                .collect();
            if claims.is_empty() {
                continue;
            }
            let Some(parents) = find(status.entity, "parent") else {
                continue;
            };
            let own: Vec<String> = index
                .names(status.entity)
                .iter()
                .map(|n| names.names.key(n))
                .collect();
            let parents: Vec<_> = parents
                .facts
                .iter()
                .filter(|r| !own.contains(&names.names.key(&index.fact(**r).value)))
                .collect();
            let Some(first_parent) = parents.first() else {
                continue;
            };
            let entity = index.display(status.entity);
            let parent = index.fact(**first_parent).value.trim_start_matches("the ");
            let mut f = rule.finding(&[("entity", entity), ("parent", parent)]);
            for (k, r) in claims.iter().enumerate() {
                let msg = if k == 0 {
                    format!("`{entity}` described as independent now, here")
                } else {
                    "and here".to_string()
                };
                f = f.label(r.doc, index.fact(**r).span, msg);
            }
            for r in &parents {
                let fact = index.fact(**r);
                f = f.label(
                    r.doc,
                    fact.span,
                    format!("but part of `{}` here", fact.value),
                );
            }
            out.push(
                f.note(format!(
                    "matched as one entity: `{entity}` (named {}); the independence claim is in the present tense, without a date",
                    index.names(status.entity).iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                ))
                .note("which side is marked: the independence claim, since a parent is given by more or by structured statements, and bodies are absorbed more often than released")
                .suggest(format!("say when `{entity}` was independent, or describe it as part of `{parent}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "independence-conflict"
        code = "F002"
        category = "fact_conflict"
        severity = "warning"
        check = "independence_conflict"
        message = "`{entity}` is described as independent, but as part of `{parent}` elsewhere"
    "#;

    #[test]
    fn independent_now_but_with_a_parent() {
        let docs = [
            "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Parentagency: State Protection Office\n\nThe Royal Guard (Korolevska Straja) is an armed force, and operates as a semi-independent entity.\n",
            "= State Protection Office =\n\nToday the Royal Guard continues its activity as a part of the State Protection Office.\n",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels.len(), 3);
        assert_eq!(f[0].labels[0].doc, 0);
    }

    #[test]
    fn history_and_entities_without_parent_stay_silent() {
        let docs = [
            "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Parentagency: State Protection Office\n\nThe Royal Guard began to operate in December 1996 as a semi-independent entity.\n",
            "= Coast Watch =\n\nThe Coast Watch operates as an independent agency.\n",
        ];
        assert!(findings(&rule(RULE), &docs).is_empty());
    }
}
