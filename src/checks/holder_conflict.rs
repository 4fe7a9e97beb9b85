//! `holder_conflict`: two different people hold the same post of the same entity at the same
//! time, within one document or across documents.
//!
//! Facts come from the corpus fact table (infobox holder fields, sentences such as `has been
//! headed by X`, holder lists under a `Commanders` heading), grouped by (entity, post): entities
//! are merged through the names documents declare for them, and posts through the post words of
//! `rules/facts/patterns.toml` (`Chief of X`, `headed by`, `Commander` are one post; `First
//! Deputy Chief` is another). Inside a group, claims about one person (ranks stripped, close
//! given names such as `Beyler`/`Baylar` taken as one spelling problem, not two people) are
//! clustered; two clusters conflict when one claim of each certainly overlaps in time:
//!
//! - two undated claims about the present (infobox values, `is headed by`);
//! - an undated claim about the present and an open period (`since 2020`);
//! - two periods that overlap by more than a shared end day (a handover on one day is fine).
//!
//! Which side is marked: an undated claim about the present set against a dated, still open one
//! (`since 2020`) is stale, so it gets the primary label; otherwise the side fewer documents
//! support, and on a tie the one stated later in reading order.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::dates::PartialDate;
use crate::extract::facts::{Fact, FactKind, When};
use crate::finding::Finding;
use crate::index::FactIndex;
use crate::index::facts::{FactRef, Group};

pub const KIND: Kind = Kind {
    name: "holder_conflict",
    summary: "two people hold the same post of the same entity at overlapping times",
    params: "posts: post keys to compare, such as \"head\" or \"first deputy head\"; empty compares every post ([])\nshared: first words of posts that several people hold at once, such as \"deputy\" (a ministry has several deputy ministers; a first deputy is one) ([])",
    placeholders: &["entity", "post", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    posts: Vec<String>,
    #[serde(default)]
    shared: Vec<String>,
}

struct HolderConflict {
    posts: Vec<String>,
    shared: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(HolderConflict {
        posts: p.posts,
        shared: p.shared,
    }))
}

type Day = (i32, u32, u32);
const MIN: Day = (i32::MIN, 1, 1);
const MAX: Day = (i32::MAX, 12, 31);

/// The interval a claim certainly covers: from the latest day its start can mean to the
/// earliest day its end can mean. `None` when it is not placed in time.
fn certain(when: &When) -> Option<(Day, Day)> {
    match when {
        When::Present => None,
        When::Unknown => None,
        When::Period { from, to, ongoing } => {
            let start = from.as_ref().map_or(MIN, PartialDate::latest);
            let end = match to {
                Some(d) => d.earliest(),
                None if *ongoing => MAX,
                None => return None,
            };
            Some((start, end))
        }
    }
}

fn is_open(when: &When) -> bool {
    matches!(
        when,
        When::Period {
            from: Some(_),
            to: None,
            ongoing: true
        }
    )
}

/// True when the two claims certainly hold at one time longer than a handover day.
pub(crate) fn overlap(a: &When, b: &When) -> bool {
    match (a, b) {
        (When::Present, When::Present) => true,
        (When::Present, other) | (other, When::Present) => is_open(other),
        _ => match (certain(a), certain(b)) {
            (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
            _ => false,
        },
    }
}

fn describe(when: &When) -> String {
    match when {
        When::Present => "undated, so taken as current".to_string(),
        other => other.to_string(),
    }
}

impl Check for HolderConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        for group in index.groups.iter().filter(|g| g.kind == FactKind::Holder) {
            if !self.posts.is_empty() && !self.posts.contains(&group.attribute) {
                continue;
            }
            let first = group.attribute.split(' ').next().unwrap_or("");
            if self.shared.iter().any(|s| s == first) {
                continue;
            }
            self.group(rule, cx, index, group, out, false);
        }
        // An acting or interim holder runs the body as its head does: two people each said to
        // be in charge now (one acting, one not) conflict too. Only claims about the present
        // are compared across the two posts; an acting term before or after a head's is the
        // usual handover.
        for acting in index.groups.iter().filter(|g| g.kind == FactKind::Holder) {
            let Some(post) = ["acting ", "interim "]
                .iter()
                .find_map(|m| acting.attribute.strip_prefix(m))
            else {
                continue;
            };
            if !self.posts.is_empty() && !self.posts.iter().any(|p| p == post) {
                continue;
            }
            let Some(head) = index.group(acting.entity, FactKind::Holder, post) else {
                continue;
            };
            let merged = Group {
                entity: acting.entity,
                kind: FactKind::Holder,
                attribute: post.to_string(),
                facts: acting.facts.iter().chain(&head.facts).copied().collect(),
            };
            self.group(rule, cx, index, &merged, out, true);
        }
    }
}

impl HolderConflict {
    fn group(
        &self,
        rule: &Rule,
        cx: &Context,
        index: &FactIndex,
        group: &Group,
        out: &mut Vec<Finding>,
        current_only: bool,
    ) {
        let claims: Vec<(FactRef, &Fact)> = group
            .facts
            .iter()
            .map(|r| (*r, index.fact(*r)))
            .filter(|(_, f)| f.person.is_some() && f.when != When::Unknown)
            .filter(|(_, f)| !current_only || f.when == When::Present || is_open(&f.when))
            .collect();
        // One cluster per person; groups are the claims about one post of one entity, so this
        // loop is small.
        let mut clusters: Vec<Vec<(FactRef, &Fact)>> = Vec::new();
        for claim in claims {
            let person = claim.1.person.as_ref().unwrap();
            match clusters.iter_mut().find(|c| {
                c.iter()
                    .any(|(_, f)| f.person.as_ref().unwrap().same_as(person))
            }) {
                Some(c) => c.push(claim),
                None => clusters.push(vec![claim]),
            }
        }
        // Each person is reported once, against the best-supported holder they clash with:
        // k holders give at most k - 1 findings, not one per pair, so a post that many texts
        // fill differently stays readable.
        let mut order: Vec<usize> = (0..clusters.len()).collect();
        order.sort_by_key(|&c| std::cmp::Reverse(clusters[c].len()));
        for (p, &j) in order.iter().enumerate().skip(1) {
            for &i in &order[..p] {
                let (i, j) = (i.min(j), i.max(j));
                let (a, b) = (&clusters[i], &clusters[j]);
                // Across an acting and a head post, one side must be acting and the other not:
                // two heads, or two acting heads, are their own group's finding.
                if current_only {
                    let acting = |c: &[(FactRef, &Fact)]| {
                        c.iter().all(|(_, f)| f.attribute != group.attribute)
                    };
                    let head = |c: &[(FactRef, &Fact)]| {
                        c.iter().all(|(_, f)| f.attribute == group.attribute)
                    };
                    if !(acting(a) && head(b) || head(a) && acting(b)) {
                        continue;
                    }
                }
                let Some((ca, cb)) = a
                    .iter()
                    .flat_map(|x| b.iter().map(move |y| (x, y)))
                    .find(|(x, y)| overlap(&x.1.when, &y.1.when))
                else {
                    continue;
                };
                out.push(self.finding(rule, cx, index, group, a, b, (ca, cb)));
                break;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        rule: &Rule,
        cx: &Context,
        index: &FactIndex,
        group: &Group,
        a: &[(FactRef, &Fact)],
        b: &[(FactRef, &Fact)],
        pair: (&(FactRef, &Fact), &(FactRef, &Fact)),
    ) -> Finding {
        let docs = |c: &[(FactRef, &Fact)]| {
            let mut d: Vec<usize> = c.iter().map(|(r, _)| r.doc).collect();
            d.dedup();
            d.len()
        };
        let undated = |c: &[(FactRef, &Fact)]| c.iter().all(|(_, f)| f.when == When::Present);
        let open = |c: &[(FactRef, &Fact)]| c.iter().any(|(_, f)| is_open(&f.when));
        let first = |c: &[(FactRef, &Fact)]| c.iter().map(|(r, f)| (r.doc, f.span.start)).min();
        let (wrong, right, why) = if undated(a) && open(b) {
            (
                a,
                b,
                "an undated claim about the present is set against a dated one that still holds: the undated one is taken as out of date",
            )
        } else if undated(b) && open(a) {
            (
                b,
                a,
                "an undated claim about the present is set against a dated one that still holds: the undated one is taken as out of date",
            )
        } else if docs(a) != docs(b) {
            if docs(a) < docs(b) {
                (a, b, "the marked side is stated by fewer documents")
            } else {
                (b, a, "the marked side is stated by fewer documents")
            }
        } else if first(a) > first(b) {
            (
                a,
                b,
                "both sides are stated equally often; the one stated later in reading order is marked",
            )
        } else {
            (
                b,
                a,
                "both sides are stated equally often; the one stated later in reading order is marked",
            )
        };
        let entity = index.display(group.entity);
        let one = wrong[0].1.value.as_str();
        let other = right[0].1.value.as_str();
        let mut f = rule.finding(&[
            ("entity", entity),
            ("post", &group.attribute),
            ("one", one),
            ("other", other),
        ]);
        for (side, verdict) in [
            (wrong, "probably out of date or wrong"),
            (right, "conflicts with it"),
        ] {
            let mut side: Vec<_> = side.to_vec();
            side.sort_by_key(|(r, f)| (r.doc, f.span.start));
            for (k, (r, fact)) in side.iter().enumerate() {
                let msg = if k == 0 {
                    format!(
                        "`{}` holds `{}` here ({}): {verdict}",
                        fact.value,
                        group.attribute,
                        describe(&fact.when)
                    )
                } else {
                    format!(
                        "`{}` holds `{}` here too ({})",
                        fact.value,
                        group.attribute,
                        describe(&fact.when)
                    )
                };
                f = f.label(r.doc, fact.span, msg);
                for more in &fact.more {
                    f = f.label(r.doc, *more, "the post is named here");
                }
            }
        }
        let names = index.names(group.entity);
        let (x, y) = pair;
        let place = |r: &FactRef, fact: &Fact| {
            let d = cx.corpus.doc(r.doc);
            format!("{}:{}", d.name, d.line_col(fact.span.start).0)
        };
        f.note(format!(
            "matched as one post of one entity: `{entity}` (named {}) and the post `{}`; `{}` ({}) and `{}` ({}) overlap in time",
            names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "),
            group.attribute,
            x.1.value,
            place(&x.0, x.1),
            y.1.value,
            place(&y.0, y.1),
        ))
        .note(format!("which side is marked: {why}"))
        .suggest(format!(
            "if `{other}` succeeded `{one}`, update the claim about `{one}` or give both their dates"
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "chief-conflict"
        code = "F001"
        category = "fact_conflict"
        severity = "error"
        check = "holder_conflict"
        message = "`{entity}` has two holders of `{post}` at once: `{one}` and `{other}`"
    "#;

    const INFOBOX: &str = "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Abbreviation: RG\n- Chief1Name: Ivan Petrov\n- Chief1Position: Chief of RG\n- Chief2Name: Olga Sidorova\n- Chief2Position: First Deputy Chief\n\n";

    #[test]
    fn undated_infobox_holder_against_since_in_the_same_document() {
        let text = format!(
            "{INFOBOX}The Royal Guard is old. Since 2020, the organization has been headed by Olga Sidorova.\n"
        );
        let f = findings(&rule(RULE), &[&text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let primary = &f[0].labels[0];
        assert!(
            text[primary.span.start..primary.span.end].contains("Ivan Petrov"),
            "the undated side is stale"
        );
        assert!(
            f[0].labels
                .iter()
                .any(|l| text[l.span.start..l.span.end].contains("Since 2020"))
        );
    }

    #[test]
    fn many_holders_of_one_post_give_one_finding_each_not_one_per_pair() {
        let people = [
            "Ivan Petrov",
            "Olga Sidorova",
            "Pavel Orlov",
            "Anna Volkova",
            "Oleg Belov",
        ];
        let texts: Vec<String> = people
            .iter()
            .map(|p| format!("= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Chief1Name: {p}\n- Chief1Position: Chief\n"))
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let f = findings(&rule(RULE), &texts);
        assert_eq!(
            f.len(),
            people.len() - 1,
            "{:#?}",
            f.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }

    #[test]
    fn across_documents_through_an_abbreviation_and_a_rank() {
        let other = "= Coast Watch =\n\nInfobox\n- Agencyname: Coast Watch\n- Chief1Name: Colonel-General Ivan Petrov\n- Chief1Position: Chief of RG\n- Parentagency: Royal Guard\n";
        let lead = format!("{INFOBOX}Since 2020, the Service has been headed by Pavel Orlov.\n");
        let f = findings(&rule(RULE), &[&lead, other]);
        assert_eq!(f.len(), 1, "{f:#?}");
        let docs: Vec<usize> = f[0].labels.iter().map(|l| l.doc).collect();
        assert!(docs.contains(&0) && docs.contains(&1), "{docs:?}");
    }

    #[test]
    fn near_misses_stay_silent() {
        // A handover on one day; one person with and without rank; two posts; a spelling variant.
        let text = "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Chief1Name: Colonel Pavel Orlov\n- Chief1Position: Commander of the Royal Guard\n- Chief2Name: Beyler Mammadov\n- Chief2Position: First Deputy Chief\n\nSince 2021, the Guard has been headed by Pavel Orlov. Its first deputy chief has been led by nobody.\n\n== Commanders ==\n\n- Major General Ivan Petrov (2013 - 6 January 2021)\n\n- Colonel Pavel Orlov (since 6 January 2021)\n";
        let f = findings(&rule(RULE), &[text]);
        assert!(f.is_empty(), "{f:#?}");
        let variant =
            format!("{INFOBOX}Since 2020, the organization has been headed by Ivan Petrova.\n");
        assert_eq!(
            findings(&rule(RULE), &[&variant]).len(),
            1,
            "another surname is another person"
        );
        let same =
            format!("{INFOBOX}Since 2020, the organization has been headed by Ivan Petrov.\n");
        assert!(findings(&rule(RULE), &[&same]).is_empty());
    }

    #[test]
    fn an_acting_head_now_against_a_head_now() {
        let old = "= Harbour Police =\n\nThe Harbour Police is the police of Norland. The Acting head is Ivo Kask, in office since 8 June 2020.\n";
        let new = "= Harbour Police =\n\nInfobox\n- Agencyname: Harbour Police\n- Chief1Name: Ada Prinn\n- Chief1Position: Chief of Police\n";
        assert_eq!(findings(&rule(RULE), &[old, new]).len(), 1);
        // An acting term that ended before the head's, and the acting head confirmed.
        let handover = "= Harbour Police =\n\nInfobox\n- Agencyname: Harbour Police\n- Chief1Name: Ada Prinn\n- Chief1Position: Chief of Police\n\n== Chiefs ==\n\n- Ivo Kask (acting, 2019 - 2020)\n";
        assert!(findings(&rule(RULE), &[handover]).is_empty());
        let confirmed =
            "= Harbour Police =\n\nThe Acting head is Ada Prinn, in office since 8 June 2020.\n";
        assert!(findings(&rule(RULE), &[confirmed, new]).is_empty());
    }

    #[test]
    fn posts_of_named_portfolios_are_different_posts() {
        let text = "= Cabinet of Ruritania =\n\nInfobox\n- Agencyname: Cabinet of Ruritania\n- Minister1Name: Ivan Petrov\n- Minister1Position: Minister of Defence\n- Minister2Name: Olga Sidorova\n- Minister2Position: Minister of Finance\n\nThe Cabinet of Ruritania has been headed by President Pavel Orlov. Since 2019, the Cabinet has been headed by Pavel Orlov.\n";
        let f = findings(&rule(RULE), &[text]);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn overlapping_periods_conflict_and_past_ones_do_not() {
        let text = "= Royal Guard =\n\nIt guards.\n\n== Commanders ==\n\n- General Ivan Petrov (2010 - 2015)\n\n- General Pavel Orlov (2013 - 2018)\n";
        assert_eq!(findings(&rule(RULE), &[text]).len(), 1);
        let past = "= Royal Guard =\n\nInfobox\n- Agencyname: Royal Guard\n- Chief1Name: Pavel Orlov\n- Chief1Position: Chief\n\n== Commanders ==\n\n- General Ivan Petrov (2010 - 2015)\n";
        assert!(
            findings(&rule(RULE), &[past]).is_empty(),
            "an ended period is not the present"
        );
    }
}
