//! `pronoun_agreement`: a third-person singular pronoun followed by the bare form of a verb
//! (`any information it get acquainted with`), where the verb needs its `-s` form (`gets`).
//!
//! Precision first, since nothing here knows parts of speech:
//! - only verbs in `verbs` are looked at, each given with its third-person form; the list holds
//!   verbs that are rarely nouns and whose past tense differs from the bare form, so `gave it
//!   support` or `what it cost` cannot match;
//! - the pronoun and the verb must stand side by side, separated by spaces only;
//! - the word before the pronoun must not be one of `after`: auxiliaries and modals (`does it
//!   get`, `will it become`), verbs that take an object and a bare infinitive (`let it go`,
//!   `made it seem`, `saw it become`), and words that open a subjunctive (`that it be`);
//! - a pronoun that is also an object form (`it`, listed in `objects`) must not follow a verb
//!   (a lemma of the verb lexicon, or a word in `-ed` or `-ing`) or a word of `object_after`
//!   (prepositions): in `institutions for promoting it grow up`, `those who passed it
//!   represent`, `modifications of it appear` the pronoun is an object and the verb has
//!   another subject.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::wordclass::{WordClass, past_form, present_participle};
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "pronoun_agreement",
    summary: "a third-person singular pronoun followed by a bare verb form (it get)",
    params: "pronouns: subject pronouns that take the -s form, lowercase ([\"he\", \"she\", \"it\"])\n\
             verbs: `bare/third` pairs of the verbs looked at (required)\n\
             after: words after which the pronoun is not a subject of a finite verb, lowercase ([])\n\
             objects: pronouns that are also object forms, lowercase ([])\n\
             object_after: words after which such a pronoun is an object, lowercase ([])",
    placeholders: &["pronoun", "verb", "fixed"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "pronouns")]
    pronouns: Vec<String>,
    verbs: Vec<String>,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default)]
    object_after: Vec<String>,
}

fn pronouns() -> Vec<String> {
    ["he", "she", "it"].map(String::from).to_vec()
}

struct PronounAgreement {
    pronouns: FxHashSet<String>,
    /// Bare form → third-person singular form.
    verbs: FxHashMap<String, String>,
    after: FxHashSet<String>,
    objects: FxHashSet<String>,
    object_after: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mut verbs = FxHashMap::default();
    for pair in &p.verbs {
        let Some((bare, third)) = pair.split_once('/') else {
            return Err(format!(
                "verb `{pair}` must be written `bare/third`, as `get/gets`"
            ));
        };
        if bare.is_empty() || third.is_empty() || bare == third {
            return Err(format!("verb `{pair}` must pair two different forms"));
        }
        verbs.insert(bare.to_lowercase(), third.to_lowercase());
    }
    if verbs.is_empty() {
        return Err("`verbs` must list at least one verb".into());
    }
    let lower = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect();
    Ok(Box::new(PronounAgreement {
        pronouns: lower(p.pronouns),
        verbs,
        after: lower(p.after),
        objects: lower(p.objects),
        object_after: lower(p.object_after),
    }))
}

impl Check for PronounAgreement {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            for (i, pair) in words.windows(2).enumerate() {
                let (pronoun, verb) = (pair[0], pair[1]);
                let p = doc.slice(pronoun).to_lowercase();
                let v = doc.slice(verb);
                if !self.pronouns.contains(&p) || !adjacent(doc, pronoun, verb) {
                    continue;
                }
                // The bare verb as written, lowercase (a capital would be a name).
                let Some(third) = self.verbs.get(v) else {
                    continue;
                };
                if i > 0 {
                    let before = doc.slice(words[i - 1]).to_lowercase();
                    let before = before.trim_end_matches("n't").trim_end_matches("n’t");
                    // The contractions whose stem is not the auxiliary: won't, can't, shan't.
                    let before = match before {
                        "wo" => "will",
                        "ca" => "can",
                        "sha" => "shall",
                        other => other,
                    };
                    if self.after.contains(before)
                        || (self.objects.contains(&p) && self.takes_object(before))
                    {
                        continue;
                    }
                }
                let span = Span::new(pronoun.start, verb.end);
                let written = doc.slice(pronoun);
                let fixed = format!("{written} {third}");
                out.push(
                    rule.finding(&[("pronoun", written), ("verb", v), ("fixed", &fixed)])
                        .label(doc.id, span, format!("`{p}` takes `{third}`, not `{v}`"))
                        .suggest(fixed),
                );
            }
        }
    }
}

impl PronounAgreement {
    /// True when `before` (lowercase) makes the next pronoun its object: a preposition of
    /// `object_after`, a verb lemma, or a verb form in `-ed` or `-ing`.
    fn takes_object(&self, before: &str) -> bool {
        self.object_after.contains(before)
            || WordClass::Verb.contains(before)
            || past_form(before)
            || present_participle(before)
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "pronoun-verb-agreement"
        code = "G003"
        category = "grammar"
        severity = "info"
        check = "pronoun_agreement"
        message = "`{pronoun} {verb}` should be `{fixed}`"
        [rule.params]
        verbs = ["get/gets", "become/becomes", "seem/seems", "go/goes"]
        after = ["does", "did", "will", "would", "can", "let", "make", "made", "saw", "that", "to"]
    "#;

    #[test]
    fn bare_verb_after_it_fires() {
        let text =
            "The agency ensures protection of any information it get acquainted with at work.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].message, "`it get` should be `it gets`");
    }

    #[test]
    fn auxiliaries_objects_and_subjunctives_stay_silent() {
        let texts = [
            "Does it get cold? It will get better. Let it go. They made it seem easy.",
            "We saw it become a city. He didn't get it. It gets better.",
            "The law requires that he go to court. It wants to go.",
            "Read it, get it done.",
            // Contractions whose stem is not the auxiliary (Kafka, The Metamorphosis, Project
            // Gutenberg text 5200, shipped in the sentencex crate's fixtures).
            "she added “and by taking the furniture away, won’t it seem like",
        ];
        for t in texts {
            let f = findings(&rule(RULE), &[t]);
            assert!(f.is_empty(), "{t}: {f:#?}");
        }
    }
}
