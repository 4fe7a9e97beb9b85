//! `appointer_conflict`: one appointment of one person said to have been made by two different
//! posts (`appointed by the decree of the Prime Minister` against `President Ada Prinn has
//! signed a decree appointing Ivo Kask`).
//!
//! Statements come from [`crate::extract::appointer`]. Two are about one appointment when they
//! name one person and their dates can be the same day, or are at most `slack_days` apart (a
//! report dated by its section). The appointing posts are compared by their post words before
//! `of` (`the Prime Minister of Norland` → `prime minister`): a nomination or a proposal by one
//! post and the appointment by another are not read as appointers, so they never clash.
//!
//! It also sets a rule of who appoints to a post (`The Ministry is headed by the Minister of
//! Transport, appointed by the decree of the Prime Minister`, about the section's subject)
//! against the appointment of a person the corpus gives that post of that entity.
//!
//! Which side is marked: the statement stated later in reading order, or the appointment when
//! it is set against a rule; both are labelled.

use serde::Deserialize;

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::DocId;
use crate::extract::appointer::Appointer;
use crate::extract::dates::PartialDate;
use crate::extract::entities::{Person, surname_groups};
use crate::extract::facts::{FactKind, FactPatterns};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "appointer_conflict",
    summary: "one appointment of one person said to have been made by two different posts",
    params: "slack_days: how far apart two dates of one appointment may be (3)",
    placeholders: &["person", "one", "other"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "default_slack")]
    slack_days: i64,
}

fn default_slack() -> i64 {
    3
}

struct AppointerConflict {
    slack_days: i64,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(AppointerConflict {
        slack_days: p.slack_days,
    }))
}

/// The appointing post's words before `of`: `the Prime Minister of Norland` → `prime minister`.
fn core(by: &str, p: &FactPatterns) -> String {
    let key = p.post_key(by);
    key.split(" of ").next().unwrap_or("").trim().to_string()
}

/// True when the two dates can be one day, give or take `slack` days at day precision.
fn same_time(a: PartialDate, b: PartialDate, slack: i64) -> bool {
    if a.day.is_some() && b.day.is_some() {
        let day = |d: PartialDate| {
            chrono::NaiveDate::from_ymd_opt(d.year, d.month.unwrap_or(1), d.day.unwrap_or(1))
        };
        return match (day(a), day(b)) {
            (Some(x), Some(y)) => (x - y).num_days().abs() <= slack,
            _ => false,
        };
    }
    a.earliest() <= b.latest() && b.earliest() <= a.latest()
}

impl Check for AppointerConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let p = FactPatterns::builtin();
        let claims: Vec<(DocId, &Appointer, String)> = index
            .docs
            .iter()
            .enumerate()
            .flat_map(|(d, f)| f.appointers.iter().map(move |a| (d, a)))
            .map(|(d, a)| (d, a, core(&a.by, p)))
            .filter(|(_, _, core)| !core.is_empty())
            .collect();
        // Compared within one surname (as transliteration folds it), each reported once: many
        // statements about one person cost one pass each.
        let people: Vec<&Person> = claims.iter().map(|c| &c.1.person).collect();
        let mut reported = vec![false; claims.len()];
        for group in surname_groups(&people) {
            for (at, &i) in group.iter().enumerate() {
                let (da, a, ka) = &claims[i];
                for &j in &group[at + 1..] {
                    let (db, b, kb) = &claims[j];
                    if ka == kb
                        || reported[i]
                        || reported[j]
                        || !a.person.same_as(&b.person)
                        || !same_time(a.date, b.date, self.slack_days)
                    {
                        continue;
                    }
                    reported[j] = true;
                    out.push(
                    rule.finding(&[("person", &a.name), ("one", &b.by), ("other", &a.by)])
                        .label(
                            *db,
                            b.by_span,
                            format!("`{}` appointed by `{}` here ({})", b.name, b.by, b.date),
                        )
                        .label(
                            *da,
                            a.by_span,
                            format!("but by `{}` here ({})", a.by, a.date),
                        )
                        .note(
                            "matched as one appointment: one person, and dates that can be one day",
                        )
                        .note("which side is marked: the statement stated later in reading order"),
                );
                }
            }
        }
        self.post_rules(rule, cx, &claims, out);
    }
}

impl AppointerConflict {
    /// A rule of who appoints to a post (`the Minister, appointed by the decree of the Prime
    /// Minister`) against the appointment of someone the corpus says holds that post.
    fn post_rules(
        &self,
        rule: &Rule,
        cx: &Context,
        claims: &[(DocId, &Appointer, String)],
        out: &mut Vec<Finding>,
    ) {
        let index = cx.index.facts();
        let p = FactPatterns::builtin();
        for (d, facts) in index.docs.iter().enumerate() {
            for post_rule in &facts.post_appointers {
                let entity = index.corpus_entity(d, post_rule.entity);
                let post = core(&post_rule.post, p);
                let by = core(&post_rule.by, p);
                let holders: Vec<_> = index
                    .groups
                    .iter()
                    .filter(|g| {
                        g.kind == FactKind::Holder
                            && g.entity == entity
                            && g.attribute.split(" of ").next() == Some(post.as_str())
                    })
                    .flat_map(|g| &g.facts)
                    .filter_map(|r| index.fact(*r).person.as_ref())
                    .collect();
                let Some((db, b, _)) = claims
                    .iter()
                    .find(|(_, b, kb)| *kb != by && holders.iter().any(|h| h.same_as(&b.person)))
                else {
                    continue;
                };
                out.push(
                    rule.finding(&[("person", &b.name), ("one", &b.by), ("other", &post_rule.by)])
                        .label(
                            *db,
                            b.by_span,
                            format!("`{}` appointed by `{}` here ({})", b.name, b.by, b.date),
                        )
                        .label(
                            d,
                            post_rule.by_span,
                            format!("but `{}` is appointed by `{}`, here", post_rule.post, post_rule.by),
                        )
                        .note(format!(
                            "matched through the post: `{}` is given as `{}` of `{}` elsewhere",
                            b.name,
                            post,
                            index.display(entity)
                        ))
                        .note("which side is marked: the appointment; the rule may be the one out of date"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "appointer-conflict";

    #[test]
    fn a_decree_of_the_prime_minister_against_one_of_the_president() {
        let docs = [
            "= Transport Ministry =\n\nThe minister in charge has been Ivo Kask since 9 January 2023, appointed by the decree of the Prime Minister of Norland.\n",
            "= Digest =\n\n== North Wire, 9 January 2023 ==\nPresident Ada Prinn has signed a decree, appointing Ivo Kask as Minister of Transport.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn who_appoints_to_the_post_against_the_appointment_of_its_holder() {
        let ministry = "= Transport Ministry =\n\nInfobox\n- Agencyname: Transport Ministry\n- Minister1 Name: Ivo Kask\n\nThe Ministry is headed by the Minister of Transport, appointed by the decree of the Prime Minister of Norland.\n";
        let news = "= Digest =\n\n== North Wire, 9 January 2023 ==\nPresident Ada Prinn has signed a decree, appointing Ivo Kask as Minister of Transport.\n";
        assert_eq!(findings(&builtin_rule(RULE), &[ministry, news]).len(), 1);
        let agrees = ministry.replace("decree of the Prime Minister", "decree of the President");
        assert!(findings(&builtin_rule(RULE), &[&agrees, news]).is_empty());
        // Someone the corpus does not give the post.
        let other = news.replace("Ivo Kask", "Lea Pold");
        assert!(findings(&builtin_rule(RULE), &[ministry, &other]).is_empty());
    }

    #[test]
    fn near_misses_stay_silent() {
        // The same appointer written two ways; a proposal by one and the decree of the other;
        // two appointments years apart.
        let docs = [
            "= Transport Ministry =\n\nThe minister in charge has been Ivo Kask since 9 January 2023, appointed by the President of Norland on the proposal of the Prime Minister.\n\nLea Pold was appointed by the Prime Minister in 2015.\n",
            "= Digest =\n\n== North Wire, 9 January 2023 ==\nPresident Ada Prinn has signed a decree, appointing Ivo Kask as Minister of Transport.\n\n== North Wire, 3 May 2021 ==\nPresident Ada Prinn has signed a decree appointing Lea Pold as Minister of Fisheries.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert!(f.is_empty(), "{f:#?}");
    }
}
