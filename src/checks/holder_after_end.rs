//! `holder_after_end`: a person described as holding a post now (an infobox holder, `has been
//! headed by X since 2023`) while another statement says the person left that post
//! (`Minister of Transport Ivo Kask resigned on November 18`), with no later appointment.
//!
//! The holding claims are the holder facts about the present: undated infobox values and
//! sentences, and periods still running. The departures are the person events of class `end`
//! whose post is named before the person (see [`crate::extract::person`]); the post must be the
//! holding's post (`Minister of Transport` and `minister`, a deputy post apart). A departure
//! with no post named counts for the top post of the body its section is about. A departure
//! dated before the start of the holding is an earlier term; a start event of the person dated
//! after the departure (reappointed) cancels it.
//!
//! Which side is marked: the holding claim, the statement that was not updated.

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::extract::dates::PartialDate;
use crate::extract::facts::{FactKind, FactPatterns, When};
use crate::extract::person::{DateSource, EventClass, PersonEvent};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "holder_after_end",
    summary: "a person described as holding a post now, while another statement says they left it",
    params: "(none)",
    placeholders: &["person", "post", "entity", "event", "date"],
    build,
};

struct HolderAfterEnd;

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let _: toml::Table = super::params(value)?;
    Ok(Box::new(HolderAfterEnd))
}

/// A post's core: its modifiers and its last word before `of` (`deputy minister of transport`
/// → `deputy minister`, `interior minister` → `minister`).
fn core(key: &str, patterns: &FactPatterns) -> String {
    let before = key.split(" of ").next().unwrap_or(key);
    let words: Vec<&str> = before.split(' ').filter(|w| !w.is_empty()).collect();
    let Some(last) = words.last() else {
        return String::new();
    };
    let mut out: Vec<&str> = words[..words.len() - 1]
        .iter()
        .copied()
        .filter(|w| patterns.is_modifier(w))
        .collect();
    out.push(last);
    out.join(" ")
}

fn known_year(e: &PersonEvent) -> Option<PartialDate> {
    (e.source != DateSource::NoYear).then_some(e.date)
}

impl Check for HolderAfterEnd {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let patterns = FactPatterns::builtin();
        let events: Vec<(usize, &PersonEvent)> = index
            .docs
            .iter()
            .enumerate()
            .flat_map(|(d, f)| f.person_events.iter().map(move |e| (d, e)))
            .collect();
        for group in index.groups.iter().filter(|g| g.kind == FactKind::Holder) {
            let post = core(&group.attribute, patterns);
            for r in &group.facts {
                let fact = index.fact(*r);
                let from = match fact.when {
                    When::Present => None,
                    When::Period {
                        from,
                        to: None,
                        ongoing: true,
                        ..
                    } => from,
                    _ => continue,
                };
                let Some(person) = &fact.person else { continue };
                // A departure without a post named counts for the top post of the body its
                // section is about (`Ivo Kask, dismissed June 18` in a digest of the Harbour
                // Service's directors).
                let top = !post.contains(' ');
                let about = |d: usize, e: &PersonEvent| {
                    index.docs[d]
                        .entities
                        .subject_at(e.span.start)
                        .is_some_and(|l| index.corpus_entity(d, l) == group.entity)
                };
                let ended = events.iter().find(|(d, e)| {
                    e.class == EventClass::End
                        && e.person.same_as(person)
                        && match e.post.as_deref() {
                            Some(p) => core(&patterns.post_key(p), patterns) == post,
                            None => top && about(*d, e),
                        }
                        // A departure before the holding began is an earlier term.
                        && from.is_none_or(|f| known_year(e).is_some_and(|d| d.latest() > f.latest()))
                        // Reappointed after the departure.
                        && !events.iter().any(|(_, s)| {
                            s.class == EventClass::Start
                                && s.person.same_as(person)
                                && match (known_year(s), known_year(e)) {
                                    (Some(a), Some(b)) => a.latest() > b.earliest(),
                                    _ => false,
                                }
                        })
                });
                let Some((d, e)) = ended else { continue };
                let entity = index.display(group.entity);
                let event_doc = cx.corpus.doc(*d);
                let when = event_doc.slice(e.span).to_string();
                out.push(
                    rule.finding(&[
                        ("person", &fact.value),
                        ("post", &group.attribute),
                        ("entity", entity),
                        ("event", &e.event),
                        ("date", e.date.to_string().trim_start_matches("0000-")),
                    ])
                    .label(r.doc, fact.span, format!("`{}` holds the post now, here", fact.value))
                    .label(*d, e.span, format!("but `{when}` here"))
                    .note("matched as one person and one post: the post named before the person in the departure, and the holding's post")
                    .note("which side is marked: the holding claim, which was not updated after the departure"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "holder-after-end";

    #[test]
    fn an_infobox_minister_who_resigned() {
        let docs = [
            "= Harbour Ministry =\n\nInfobox\n- Agencyname: Harbour Ministry\n- Minister1 Name: Ivo Kask\n",
            "= Digest =\n\n== North Wire, 20 November 2024 ==\nThe post became vacant after Harbour Minister Ivo Kask resigned on November 18.\n",
        ];
        assert_eq!(findings(&builtin_rule(RULE), &docs).len(), 1);
    }

    #[test]
    fn a_departure_without_a_post_in_a_digest_about_the_body() {
        let lead = "= Harbour Service =\n\nThe Harbour Service guards the port. Currently led by Director Ivo Kask, it has 300 staff.\n";
        let digest = "= Harbour Service: directors (news digest) =\n\n== North Wire, 20 June 2025 ==\nLea Pold replaced Ivo Kask, dismissed on 18 June 2025.\n";
        assert_eq!(findings(&builtin_rule(RULE), &[lead, digest]).len(), 1);
        // In a digest about another body, the departure may be from another post.
        let other = "= Pilot Office: news =\n\n== North Wire, 20 June 2025 ==\nLea Pold replaced Ivo Kask, dismissed on 18 June 2025.\n";
        assert!(findings(&builtin_rule(RULE), &[lead, other]).is_empty());
    }

    #[test]
    fn an_earlier_term_a_reappointment_another_post_and_no_post() {
        let docs = [
            "= Harbour Ministry =\n\nInfobox\n- Agencyname: Harbour Ministry\n- Minister1 Name: Ivo Kask\n- Chief2 Name: Lea Pold\n- Chief2 Position: Deputy Minister\n\nSince 2020, the Harbour Ministry has been headed by Ada Prinn.\n",
            "= Digest =\n\n== North Wire, 20 November 2024 ==\nHarbour Minister Ivo Kask resigned on November 18. Ivo Kask was appointed on November 19.\n\nDeputy Harbour Minister Ada Prinn resigned on November 2. Lea Pold resigned on November 3.\n\n== Harbour Herald, 3 March 2019 ==\nHarbour Service Director Ada Prinn was dismissed on March 1.\n",
        ];
        assert!(findings(&builtin_rule(RULE), &docs).is_empty());
    }
}
