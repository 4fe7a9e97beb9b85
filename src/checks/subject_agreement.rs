//! `subject_agreement`: a subject that the corpus itself treats as singular, followed by a plural
//! verb (`Prime Minister Ada Prinn have attended`, `the HMS fall under the ministry`).
//!
//! Whether a noun takes a singular verb is not always a rule of grammar: British English writes
//! `the committee have decided`, and an organisation's acronym may go either way. The corpus
//! says which convention it follows. A subject is one word right before the verb: `the` and a
//! word (`the HMS`, `the agency`), or a capitalised word without an article (`Prinn`). When the
//! corpus writes that subject with a singular verb (`is`, `has`, `was`, `does`) at least
//! `min_singular` times and never with a plural one (`are`, `have`, `were`, `do`) except the slip
//! itself, a plural verb after it is reported. After a lowercase noun (`the committee`) a plural
//! auxiliary may be the British plural of a collective noun, so there no plural use is allowed,
//! not even the one judged: only a bare lexical verb (`the agency fall under`) is reported.
//!
//! A subject after a preposition or a conjunction (`members of the agency are`, `Ada and Prinn
//! have`) is not the whole subject, and a sentence with a conjunction, a modal or a causative
//! verb before the subject (`did Prinn have`, `let the agency remain`) is a question, a list or
//! an infinitive; neither counts nor is judged. Plural uses are counted everywhere, so any
//! doubt keeps the rule silent.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{DocId, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "subject_agreement",
    summary: "a subject the corpus writes as singular, followed by a plural verb",
    params: "singular: verbs that show a singular subject, lowercase (required)\n\
             plural: plural auxiliaries as `plural/singular` pairs, e.g. `have/has` (required)\n\
             verbs: bare lexical verbs as `bare/third` pairs, e.g. `fall/falls` ([])\n\
             not_before: words that may not stand right before the subject, lowercase ([])\n\
             not_earlier: words that may not stand anywhere before it in the sentence ([])\n\
             clause_openers: words that open a clause (`that`): a singular verb after them is\n\
             evidence, a bare verb may be a subjunctive and is not judged ([])\n\
             min_singular: singular uses needed before a plural one is reported (3)",
    placeholders: &["subject", "head", "verb", "fixed", "singular"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    singular: Vec<String>,
    plural: Vec<String>,
    #[serde(default)]
    verbs: Vec<String>,
    #[serde(default)]
    not_before: Vec<String>,
    #[serde(default)]
    not_earlier: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default = "min_singular")]
    min_singular: usize,
}

fn min_singular() -> usize {
    3
}

struct SubjectAgreement {
    singular: FxHashSet<String>,
    /// Plural auxiliary → its singular.
    plural: FxHashMap<String, String>,
    /// Bare lexical verb → its third-person singular.
    verbs: FxHashMap<String, String>,
    not_before: FxHashSet<String>,
    not_earlier: FxHashSet<String>,
    clause_openers: FxHashSet<String>,
    min_singular: usize,
}

fn pairs(list: Vec<String>, what: &str) -> Result<FxHashMap<String, String>, String> {
    list.into_iter()
        .map(|e| match e.split_once('/') {
            Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty() => {
                Ok((a.trim().to_lowercase(), b.trim().to_string()))
            }
            _ => Err(format!("{what}: `{e}` is not a `wrong/right` pair")),
        })
        .collect()
}

fn lower_set(list: Vec<String>) -> FxHashSet<String> {
    list.into_iter().map(|w| w.to_lowercase()).collect()
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.singular.is_empty() || p.plural.is_empty() {
        return Err("`singular` and `plural` must each list at least one verb".into());
    }
    if p.min_singular == 0 {
        return Err("min_singular must be at least 1".into());
    }
    Ok(Box::new(SubjectAgreement {
        singular: lower_set(p.singular),
        plural: pairs(p.plural, "plural")?,
        verbs: pairs(p.verbs, "verbs")?,
        not_before: lower_set(p.not_before),
        not_earlier: lower_set(p.not_earlier),
        clause_openers: lower_set(p.clause_openers),
        min_singular: p.min_singular,
    }))
}

/// A subject and its verb, found in one sentence.
struct Use {
    doc: DocId,
    /// The subject's words (`the HMS`, `Prime Minister Ada Prinn`), as written.
    subject: Span,
    verb: Span,
    /// The subject's head word: `Prinn`, `Ministry` in `the Ministry of Roads`.
    head: Span,
    /// The subject as it is compared: `the hms`, or a capitalised word as written.
    key: String,
    /// The verb, lowercase.
    verb_lower: String,
    /// Not after a preposition or a conjunction: the subject is the whole subject.
    clean: bool,
    /// `clean`, or after a word that opens a clause: a singular verb here shows a singular.
    evidence: bool,
    /// No conjunction, modal or causative earlier in the sentence: the verb agrees with it.
    open: bool,
}

impl SubjectAgreement {
    /// Every one-word subject directly followed by a word, in the corpus.
    fn uses(&self, cx: &Context) -> Vec<Use> {
        // A capitalised word the corpus also writes in lowercase is an ordinary word with its
        // sentence capital (`This`, `Officials`), not a name.
        let lowercase: FxHashSet<String> = cx
            .corpus
            .docs
            .iter()
            .flat_map(|d| d.words.iter().map(move |w| d.slice(*w)))
            .filter(|w| w.starts_with(char::is_lowercase))
            .map(|w| w.replace('’', "'"))
            .collect();
        let mut out = Vec::new();
        for doc in &cx.corpus.docs {
            for sentence in &doc.sentences {
                let words = &doc.words[sentence.words.clone()];
                let lower: Vec<String> = words
                    .iter()
                    .map(|w| doc.slice(*w).to_lowercase().replace('’', "'"))
                    .collect();
                let mut blocked = false;
                for i in 0..words.len().saturating_sub(1) {
                    let (w, v) = (words[i], words[i + 1]);
                    let verb_lower = &lower[i + 1];
                    let candidate = self.singular.contains(verb_lower)
                        || self.plural.contains_key(verb_lower)
                        || self.verbs.contains_key(verb_lower);
                    let text = doc.slice(w);
                    let after_the =
                        i > 0 && lower[i - 1] == "the" && adjacent(doc, words[i - 1], w);
                    if candidate && adjacent(doc, w, v) {
                        let capitalised = text.chars().next().is_some_and(char::is_uppercase);
                        let (start, mut key) = if after_the {
                            (i - 1, format!("the {}", lower[i]))
                        } else {
                            (i, text.to_string())
                        };
                        // A lowercase plural (`the rules`) or a bare lowercase word is no subject
                        // this rule can judge.
                        let plural_noun = !capitalised && lower[i].ends_with('s');
                        // A capitalised word closes a name of several (`the Harbour Guard`, `the
                        // Ministry of Roads of Norland`): the phrase to look before starts at the
                        // name's first word, and its head is the last word before any `of`.
                        let cap = |k: usize| doc.slice(words[k]).starts_with(char::is_uppercase);
                        let mut phrase = start;
                        while capitalised
                            && !after_the
                            && phrase > 0
                            && adjacent(doc, words[phrase - 1], words[phrase])
                        {
                            let prev = phrase - 1;
                            let link = match lower[prev].as_str() {
                                // `of` inside a name joins two capitalised parts.
                                "of" => prev > 0 && (cap(prev - 1) || lower[prev - 1] == "the"),
                                // `the` opens the name unless an `of` before it links it on.
                                "the" => {
                                    phrase = prev;
                                    if prev > 0 && lower[prev - 1] == "of" {
                                        continue;
                                    }
                                    break;
                                }
                                _ => cap(prev),
                            };
                            if !link {
                                break;
                            }
                            phrase = prev;
                        }
                        let mut head_word = i;
                        if phrase < start {
                            let first = phrase + usize::from(lower[phrase] == "the");
                            let head = (first..=i)
                                .take_while(|&k| lower[k] != "of")
                                .last()
                                .unwrap_or(i);
                            let linked = (first..=i).any(|k| lower[k] == "of");
                            if linked {
                                head_word = head;
                            }
                            if lower[phrase] == "the" && linked {
                                key = format!("the {}", lower[head]);
                            } else if linked {
                                key = doc.slice(words[head]).to_string();
                            }
                        }
                        let before = (phrase > 0
                            && adjacent(doc, words[phrase - 1], words[phrase]))
                        .then(|| lower[phrase - 1].as_str());
                        let before_ok = before.is_none_or(|b| {
                            !self.not_before.contains(b) && !self.clause_openers.contains(b)
                        });
                        let opens_clause = before.is_some_and(|b| self.clause_openers.contains(b));
                        let determiner = !after_the
                            && start > 0
                            && adjacent(doc, words[start - 1], words[start])
                            && matches!(lower[start - 1].as_str(), "a" | "an" | "this" | "that");
                        let ordinary = !key.starts_with("the ")
                            && lowercase.contains(&key.to_lowercase().replace('’', "'"));
                        if (after_the || capitalised) && !plural_noun && !determiner && !ordinary {
                            out.push(Use {
                                doc: doc.id,
                                subject: Span::new(words[phrase.min(start)].start, w.end),
                                verb: v,
                                head: words[head_word],
                                key,
                                verb_lower: verb_lower.clone(),
                                clean: before_ok,
                                evidence: before_ok || opens_clause,
                                open: !blocked,
                            });
                        }
                    }
                    if self.not_earlier.contains(&lower[i]) {
                        blocked = true;
                    }
                }
            }
        }
        out
    }
}

impl Check for SubjectAgreement {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let uses = self.uses(cx);
        // Singular uses count only where the subject is the whole subject; plural ones count
        // everywhere, so that any plural use keeps the subject out.
        let mut singular: FxHashMap<&str, Vec<&Use>> = FxHashMap::default();
        let mut plural: FxHashMap<&str, usize> = FxHashMap::default();
        for u in &uses {
            if self.singular.contains(&u.verb_lower) && u.evidence {
                singular.entry(&u.key).or_default().push(u);
            } else if self.plural.contains_key(&u.verb_lower) {
                *plural.entry(&u.key).or_default() += 1;
            }
        }
        for u in &uses {
            if !u.clean || !u.open {
                continue;
            }
            // A plural auxiliary counts as a plural use itself. After a name or an acronym that
            // one use may be the slip; after a common noun it may be the British plural of a
            // collective (`the committee have decided`), so any plural use keeps it out.
            let name_like = !u.key.starts_with("the ") || doc_word_capitalised(cx, u);
            let (fixed, allowed_plural) = if let Some(s) = self.plural.get(&u.verb_lower) {
                (s, usize::from(name_like))
            } else if let Some(s) = self.verbs.get(&u.verb_lower) {
                (s, 0)
            } else {
                continue;
            };
            let doc = cx.corpus.doc(u.doc);
            let verb_text = doc.slice(u.verb);
            // A capitalised verb is a title or a heading in title case, not prose.
            if verb_text.chars().any(char::is_uppercase) {
                continue;
            }
            let Some(evidence) = singular.get(u.key.as_str()) else {
                continue;
            };
            if evidence.len() < self.min_singular
                || plural.get(u.key.as_str()).copied().unwrap_or(0) > allowed_plural
            {
                continue;
            }
            let subject = doc.slice(u.subject);
            let head = match u.key.starts_with("the ") {
                true => format!("the {}", doc.slice(u.head)),
                false => doc.slice(u.head).to_string(),
            };
            let count = evidence.len().to_string();
            let mut f = rule
                .finding(&[
                    ("subject", subject),
                    ("head", &head),
                    ("verb", verb_text),
                    ("fixed", fixed),
                    ("singular", &count),
                ])
                .label(u.doc, u.verb, format!("did you mean `{fixed}`?"))
                .note(format!(
                    "the documents write `{head}` with a singular verb {count} times and never with a plural one"
                ))
                .suggest(fixed.clone());
            for e in evidence.iter().take(3) {
                let d = cx.corpus.doc(e.doc);
                let shown = d.slice(Span::new(e.subject.start, e.verb.end));
                f = f.label(e.doc, e.verb, format!("singular here: `{shown}`"));
            }
            out.push(f);
        }
    }
}

/// True when the subject's last word is capitalised as written (`the Agency`).
fn doc_word_capitalised(cx: &Context, u: &Use) -> bool {
    let doc = cx.corpus.doc(u.doc);
    let text = doc.slice(u.subject);
    let last = text.rsplit(' ').next().unwrap_or(text);
    last.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "subject-verb-agreement"
        code = "G099"
        category = "grammar"
        severity = "info"
        check = "subject_agreement"
        message = "`{subject} {verb}` does not agree: the documents write `{head}` as singular"
        [rule.params]
        singular = ["is", "has", "was", "does"]
        plural = ["have/has", "are/is", "were/was"]
        verbs = ["fall/falls", "remain/remains"]
        not_before = ["of", "and"]
        clause_openers = ["that"]
        not_earlier = ["and", "did", "let", "would"]
    "#;

    #[test]
    fn a_plural_verb_after_a_subject_the_corpus_writes_as_singular() {
        let f = findings(
            &rule(RULE),
            &[
                "Prime Minister Ada Prinn have attended the gala. Prinn has spoken. Prinn was there. Prinn is back.",
                "A civilian agency, the HMS fall under the ministry. The HMS is small. The HMS has a chief. We know that the HMS was new.",
                "In 1992 the Ministry of Roads of the Republic of Norland were formed. The ministry was small. The Ministry is old. The Ministry of Roads has a chief.",
            ],
        );
        let got: Vec<_> = f.iter().filter_map(|f| f.suggestion.as_deref()).collect();
        assert_eq!(got, ["has", "falls", "was"], "{f:#?}");
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            // Too little evidence, or a corpus that writes the subject as plural too.
            "Ada Prinn have attended. Prinn has spoken. Prinn is here.",
            "The committee have decided. The committee has met. The committee is large. The committee was split. The committee remain split.",
            // Not the whole subject, a question, a list, a subjunctive.
            "Members of the HMS remain. Did Prinn have time? Ada and Prinn have left. It requires that the HMS remain open.",
            "The HMS is small. The HMS has a chief. The HMS was new. Let the HMS remain.",
            // The name closes a phrase after a preposition: the subject is `missions`.
            "The Harbour Guard is old. The Harbour Guard has a chief. The Guard was new. The missions of the Harbour Guard are plain.",
            "The Ministry is old. The ministry was small. The Ministry has a chief. The heads of the Ministry of Roads were new.",
            // A heading in title case and a plural noun.
            "How Prinn Have Won. The rules have changed. The rules is odd. The rules has gaps.",
            // An ordinary word with its sentence capital.
            "This is it. This has gone. This was new. This seems odd. This remain open. Call this.",
        ];
        for text in texts {
            let f = findings(&rule(RULE), &[text]);
            assert!(f.is_empty(), "{f:#?}");
        }
    }
}
