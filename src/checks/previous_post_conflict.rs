//! `previous_post_conflict`: the post a person held before one appointment given two ways that
//! cannot both be true, a deputy post in one statement and the head post of the same body in the
//! other (`He previously served as deputy chief of the harbour police` against `Ivo Kask, the
//! chief of the harbour police, was named to head the new ministry`).
//!
//! Statements come from [`crate::extract::previous_post`]. Two are about one appointment when
//! both name the post appointed to and those names share a distinctive word (`Minister of
//! Transport` and `the new Transport Ministry`): a career has many earlier posts, and two
//! appointments have two. Two earlier posts clash when they are posts of one body (the words of
//! the shorter body name all in the longer: `police` and `the Norland police`) with the same
//! post word, one with a rank modifier (`deputy`, `first deputy`, `acting`) and the other
//! without. Posts of two bodies are not compared: one person may hold two posts at once.
//!
//! Which side is marked: the deputy post, the lesser claim, which a rewrite more often drops a
//! rank into or out of; both statements are labelled.

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::DocId;
use crate::extract::entities::{Person, name_words, surname_groups};
use crate::extract::facts::FactPatterns;
use crate::extract::previous_post::PreviousPost;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "previous_post_conflict",
    summary: "the post a person held before an appointment given two ways: a deputy post and the head post of one body",
    params: "(none)",
    placeholders: &["person", "new", "one", "other"],
    build,
};

struct PreviousPostConflict;

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let _: toml::Table = super::params(value)?;
    Ok(Box::new(PreviousPostConflict))
}

/// A post split into its rank modifiers, its post word and the words of its body: `deputy
/// chief of the police` → (`deputy`, `head`, {`police`}); `Interior Minister` → (``,
/// `minister`, {`interior`}).
struct Shape {
    modifiers: Vec<String>,
    word: String,
    body: Vec<String>,
}

fn shape(post: &str, p: &FactPatterns) -> Option<Shape> {
    let key = p.post_key(post);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let at = words
        .iter()
        .position(|w| p.is_post_word(w) || is_mapped(w, p))?;
    let modifiers: Vec<String> = words[..at]
        .iter()
        .filter(|w| p.is_modifier(w))
        .map(|w| w.to_string())
        .collect();
    let body: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(k, w)| *k != at && !p.is_modifier(w) && !matches!(**w, "of" | "the" | "a" | "an"))
        .map(|(_, w)| w.to_string())
        .collect();
    Some(Shape {
        modifiers,
        word: words[at].to_string(),
        body,
    })
}

/// True for a word a post word maps to (`head`, the key of `chief` and `director`).
fn is_mapped(word: &str, p: &FactPatterns) -> bool {
    p.post_key(word) == word && p.is_post_word(word)
}

/// The distinctive words of a post appointed to: not post words, organisation words or small
/// words (`Minister of Transport` and `the new Transport Ministry` both give `transport`).
fn signature(post: &str, p: &FactPatterns) -> Vec<String> {
    name_words(post)
        .into_iter()
        .filter(|w| {
            w.len() > 3
                && !p.is_post_word(w)
                && !p.is_modifier(w)
                && !p.names.organisations.contains(w)
                && !matches!(w.as_str(), "the" | "new" | "newly" | "post" | "office")
        })
        .collect()
}

/// True when the two posts are a deputy post and the head post of one body.
fn clash(a: &Shape, b: &Shape) -> bool {
    if a.word != b.word || a.modifiers == b.modifiers || a.body.is_empty() || b.body.is_empty() {
        return false;
    }
    if !a.modifiers.is_empty() && !b.modifiers.is_empty() {
        return false;
    }
    let (short, long) = if a.body.len() <= b.body.len() {
        (&a.body, &b.body)
    } else {
        (&b.body, &a.body)
    };
    short.iter().all(|w| long.contains(w))
}

impl Check for PreviousPostConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let index = cx.index.facts();
        let p = FactPatterns::builtin();
        let claims: Vec<(DocId, &PreviousPost, Shape, Vec<String>)> = index
            .docs
            .iter()
            .enumerate()
            .flat_map(|(d, f)| f.previous_posts.iter().map(move |c| (d, c)))
            .filter_map(|(d, c)| {
                let new = signature(&c.new_post, p);
                (!new.is_empty()).then_some(())?;
                Some((d, c, shape(&c.post, p)?, new))
            })
            .collect();
        // One statement repeated (a reprint, a caption written three times) is compared once.
        let mut claims = claims;
        let mut seen = rustc_hash::FxHashSet::default();
        claims.retain(|(_, c, _, _)| {
            seen.insert((
                c.person.key(),
                c.post.to_lowercase(),
                c.new_post.to_lowercase(),
            ))
        });
        // Compared within one surname (as transliteration folds it), each reported at most
        // once, so a person named in many claims costs one pass per claim.
        let people: Vec<&Person> = claims.iter().map(|c| &c.1.person).collect();
        let mut reported = vec![false; claims.len()];
        for group in surname_groups(&people) {
            for (at, &i) in group.iter().enumerate() {
                let (da, a, sa, na) = &claims[i];
                if reported[i] {
                    continue;
                }
                for &j in &group[at + 1..] {
                    let (db, b, sb, nb) = &claims[j];
                    if reported[j]
                        || !a.person.same_as(&b.person)
                        || !na.iter().any(|w| nb.contains(w))
                        || !clash(sa, sb)
                    {
                        continue;
                    }
                    reported[j] = true;
                    let (deputy, head) = if sa.modifiers.is_empty() {
                        ((*db, *b), (*da, *a))
                    } else {
                        ((*da, *a), (*db, *b))
                    };
                    let new = a.new_post.as_str();
                    out.push(
                    rule.finding(&[
                        ("person", &a.name),
                        ("new", new),
                        ("one", &deputy.1.post),
                        ("other", &head.1.post),
                    ])
                    .label(
                        deputy.0,
                        deputy.1.span,
                        format!("`{}` held `{}` before, here", deputy.1.name, deputy.1.post),
                    )
                    .label(
                        head.0,
                        head.1.span,
                        format!("but `{}` here", head.1.post),
                    )
                    .note(format!(
                        "matched as one appointment: both statements name the post appointed to (`{}`, `{}`)",
                        a.new_post, b.new_post
                    ))
                    .note("a deputy post and the head post of one body are two posts; one of the statements has a rank too many or too few"),
                );
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "previous-post-conflict";

    #[test]
    fn a_deputy_post_and_the_head_post_before_one_appointment() {
        let docs = [
            "= Digest =\n\n== North Wire, 9 January 2023 ==\nPresident Ada Prinn has signed a decree, appointing Ivo Kask as Minister of Transport. He previously served as deputy chief of the Harbour Police.\n",
            "= Digest =\n\n== Bay Times ==\nIvo Kask, the chief of the Harbour Police and a friend of the mayor, was named to head the new Transport Ministry on Monday.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 0, "the deputy post is marked");
    }

    #[test]
    fn near_misses_stay_silent() {
        // The same post written two ways; two appointments with two earlier posts; posts of
        // two bodies; no post appointed to.
        let docs = [
            "= Digest =\n\n== North Wire, 9 January 2023 ==\nPresident Ada Prinn has signed a decree, appointing Ivo Kask as Minister of Transport. He previously served as chief of the Harbour Police.\n\nLea Pold, the deputy chief of the Harbour Police, was appointed as head of the Port Authority.\n",
            "= Digest =\n\n== Bay Times ==\nIvo Kask, the Harbour Police chief, was named to head the new Transport Ministry on Monday.\n\nLea Pold, the chief of the Harbour Police, was appointed as the new Minister of Fisheries.\n\nOle Lund, the deputy mayor of Port Vell, was named.\n",
            "= Digest =\n\n== South Post ==\nOle Lund, the mayor of Port Vell, was elected.\n\nIvo Kask, the deputy head of the Coast Guard, was appointed as Minister of Transport.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert!(f.is_empty(), "{f:#?}");
    }
}
