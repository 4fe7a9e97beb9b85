//! `article_before_name`: `the` before a name that the corpus otherwise writes without an article
//! (`a wreath at the grave of the Pavel Orlov in the park` where `Pavel Orlov` stands bare
//! everywhere else).
//!
//! Whether a name takes an article is a property of the name (`the Royal Guard`, but `Ivan
//! Petrov`), and nothing in a sentence tells it; the corpus does. Names are runs of two or three
//! capitalised words inside a sentence, compared folded. Each occurrence is counted as written
//! with `the` right before it, or bare (after any other word that is not a determiner, or at the
//! start of a sentence; there, a run of three words loses its first, which is more likely an
//! ordinary word with its sentence capital). A name used attributively, `the Pavel Orlov Museum`, is another,
//! longer run, so it does not count for the shorter name.
//!
//! Only names made of words that the corpus never writes in lowercase are judged: a name of
//! ordinary words (`the Royal Guard`, `the Source Code Form`) is a title or a defined term,
//! which may well take an article, while a personal name is made of words that are names only.
//!
//! A name is reported only when the corpus writes it bare at least `min_bare` times and with
//! `the` at most `max_with` times and no more than `max_share` of its uses: then the article is
//! the odd one out. Each such occurrence of `the` is one finding, labelled on `the` and the name,
//! with bare uses as secondary labels.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{DocId, Span};
use crate::extract::normalize::fold;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "article_before_name",
    summary: "`the` before a name that the corpus otherwise writes without an article",
    params: "min_bare: the name must stand bare at least this many times (5)\n\
             max_with: and be written with `the` at most this many times (2)\n\
             max_share: and with `the` in at most this share of its uses (0.2)\n\
             determiners: words that, before a name, make it neither bare nor with `the`, lowercase ([])\n\
             subject_verbs: verbs after a one-word name that make it a subject (`was`, `said`): \
             `The Prinn was` is reported where the corpus writes `Prinn was` and never `the Prinn`, lowercase ([])",
    placeholders: &["name", "bare"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_bare")]
    min_bare: usize,
    #[serde(default = "max_with")]
    max_with: usize,
    #[serde(default = "max_share")]
    max_share: f32,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    subject_verbs: Vec<String>,
}

fn min_bare() -> usize {
    5
}
fn max_with() -> usize {
    2
}
fn max_share() -> f32 {
    0.2
}

struct ArticleBeforeName {
    min_bare: usize,
    max_with: usize,
    max_share: f32,
    determiners: Vec<String>,
    subject_verbs: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if !(0.0..=1.0).contains(&p.max_share) {
        return Err(format!(
            "max_share must be between 0 and 1, not {}",
            p.max_share
        ));
    }
    Ok(Box::new(ArticleBeforeName {
        min_bare: p.min_bare.max(1),
        max_with: p.max_with,
        max_share: p.max_share,
        determiners: p
            .determiners
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
        subject_verbs: p
            .subject_verbs
            .into_iter()
            .map(|w| w.to_lowercase())
            .collect(),
    }))
}

/// One use of a name.
struct Use {
    doc: DocId,
    /// The name's words.
    name: Span,
    /// `the` and the name, when written with the article.
    with_the: Option<Span>,
}

/// A word that can be part of a name: capitalised, with a lowercase letter after the capital
/// (an acronym such as `NATO` is left out), and no digits.
fn name_word(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && w.chars().any(char::is_lowercase)
        && !w.chars().any(|c| c.is_ascii_digit())
}

/// The uses of one word as the last word of a name, for `the Prinn's office`.
#[derive(Default)]
struct Head {
    bare: Vec<Span>,
    bare_docs: Vec<DocId>,
    /// Uses with `the` before the name.
    with: usize,
    /// `the` directly before the word in its possessive form and a lowercase word: the `the` and
    /// the word, and the word alone.
    possessive: Vec<(DocId, Span, Span)>,
    /// Uses alone, without an article, as the subject of a listed verb (`Prinn was`).
    bare_subject: usize,
    /// `The` opening a sentence before the word alone and a listed verb (`The Prinn was`).
    initial: Vec<(DocId, Span, Span)>,
}

/// `Prinn` for `Prinn's` or `Prinn’s`.
fn possessive_stem(word: &str) -> Option<&str> {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .filter(|s| !s.is_empty())
}

impl ArticleBeforeName {
    /// `the` before a one-word name in the possessive (`the Prinn's fear`), where the corpus writes
    /// the name without an article: a possessive is itself a determiner, so a name in it takes
    /// no article, and the corpus shows that this word is a name.
    fn possessives(
        &self,
        rule: &Rule,
        cx: &Context,
        heads: &FxHashMap<String, Head>,
        lowercase: &FxHashSet<String>,
        out: &mut Vec<Finding>,
    ) {
        let mut keys: Vec<&String> = heads.keys().collect();
        keys.sort();
        for key in keys.iter().copied() {
            self.initial_article(rule, cx, key, &heads[key], lowercase, out);
        }
        for key in keys {
            let head = &heads[key];
            let all = head.bare.len() + head.with;
            // Only the share of uses with `the` counts, not `max_with`: a surname also closes
            // longer names that take the article (`the Prime Minister Ada Prinn`), and a
            // frequent one collects a few of those.
            if head.possessive.is_empty()
                || lowercase.contains(key.as_str())
                || head.bare.len() < self.min_bare
                || head.with as f32 > self.max_share * all as f32
            {
                continue;
            }
            for &(doc, span, word) in &head.possessive {
                let d = cx.corpus.doc(doc);
                let written = d.slice(word);
                let mut f = rule
                    .finding(&[("name", written), ("bare", &head.bare.len().to_string())])
                    .label(doc, span, "an article before a name in the possessive");
                for (b, bd) in head.bare.iter().zip(&head.bare_docs).take(3) {
                    f = f.label(*bd, *b, "the name without an article");
                }
                out.push(
                    f.note(format!(
                        "the corpus writes `{}` without an article {} time(s) and with `the` {} time(s); a possessive takes no article",
                        possessive_stem(written).unwrap_or(written),
                        head.bare.len(),
                        head.with
                    ))
                    .suggest(written.to_string()),
                );
            }
        }
    }
}

impl ArticleBeforeName {
    /// `The Prinn was thrown out`, where the corpus writes `Prinn was` and never `the Prinn`: a
    /// sentence-initial `The` before a one-word name used as a subject. The evidence is light
    /// (one bare subject use is enough), so the word must be a name by every other sign too: the
    /// corpus never writes it in lowercase and the lexicon knows it as no adjective, verb or
    /// adverb (`The Norlandic was` is a demonym used as a noun).
    fn initial_article(
        &self,
        rule: &Rule,
        cx: &Context,
        key: &str,
        head: &Head,
        lowercase: &FxHashSet<String>,
        out: &mut Vec<Finding>,
    ) {
        use super::wordclass::WordClass;
        let common = [WordClass::Adjective, WordClass::Verb, WordClass::Adverb]
            .iter()
            .any(|c| c.contains(key));
        if head.initial.len() != 1
            || head.with != 1
            || head.bare_subject == 0
            || lowercase.contains(key)
            || common
        {
            return;
        }
        let (doc, span, word) = head.initial[0];
        let d = cx.corpus.doc(doc);
        let written = d.slice(word);
        let mut f = rule
            .finding(&[("name", written), ("bare", &head.bare.len().to_string())])
            .label(doc, span, "an article before a name used as a subject");
        for (b, bd) in head.bare.iter().zip(&head.bare_docs).take(3) {
            f = f.label(*bd, *b, "the name without an article");
        }
        out.push(
            f.note(format!(
                "the corpus writes `{written}` as a subject without an article and never with `the` elsewhere"
            ))
            .suggest(written.to_string()),
        );
    }
}

impl Check for ArticleBeforeName {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let mut uses: FxHashMap<String, Vec<Use>> = FxHashMap::default();
        let mut heads: FxHashMap<String, Head> = FxHashMap::default();
        for doc in &cx.corpus.docs {
            for sentence in &doc.sentences {
                let words = &doc.words[sentence.words.clone()];
                let mut i = 0;
                while i < words.len() {
                    // A maximal run of name words joined by spaces only.
                    let mut j = i;
                    while j < words.len()
                        && name_word(doc.slice(words[j]))
                        && (j == i || adjacent(doc, words[j - 1], words[j]))
                    {
                        j += 1;
                    }
                    if j == i {
                        i += 1;
                        continue;
                    }
                    let mut start = i;
                    // `The Royal Guard` at a sentence start: the article is part of it.
                    let leading_the = doc.slice(words[i]) == "The";
                    // Any other sentence-initial word of a longer run is most likely an ordinary
                    // word with its sentence capital (`Then Pavel Orlov left`).
                    if leading_the || (i == 0 && j - i >= 3) {
                        start += 1;
                    }
                    let len = j - start;
                    let before = (start > 0).then(|| words[start - 1]);
                    let before_text = before.map(|b| doc.slice(b).to_lowercase());
                    let article = leading_the
                        || (before_text.as_deref() == Some("the")
                            && before.is_some_and(|b| adjacent(doc, b, words[start])));
                    let other_determiner = !article
                        && before_text
                            .as_deref()
                            .is_some_and(|b| self.determiners.iter().any(|d| d == b));
                    // `that Prinn was fired`: before a name and its verb, `that` opens a clause;
                    // the name is a bare subject there, though `that` is a determiner elsewhere.
                    let clause_that = other_determiner && before_text.as_deref() == Some("that");
                    if len == 1 && clause_that && possessive_stem(doc.slice(words[j - 1])).is_none()
                    {
                        let verb_follows = words.get(j).is_some_and(|n| {
                            adjacent(doc, words[j - 1], *n)
                                && self
                                    .subject_verbs
                                    .iter()
                                    .any(|v| *v == doc.slice(*n).to_lowercase())
                        });
                        if verb_follows {
                            heads
                                .entry(fold(doc.slice(words[j - 1])))
                                .or_default()
                                .bare_subject += 1;
                        }
                    }
                    if len >= 1 && !other_determiner {
                        // The run's last word is its head (a surname): `Ada Prinn` is a bare use
                        // of `Prinn`, `the Harbour Guard` one of `Guard` with the article.
                        let head = doc.slice(words[j - 1]);
                        let stem = possessive_stem(head);
                        let entry = heads.entry(fold(stem.unwrap_or(head))).or_default();
                        let subject = words.get(j).is_some_and(|n| {
                            adjacent(doc, words[j - 1], *n)
                                && self
                                    .subject_verbs
                                    .iter()
                                    .any(|v| *v == doc.slice(*n).to_lowercase())
                        });
                        if !article {
                            entry.bare.push(words[j - 1]);
                            entry.bare_docs.push(doc.id);
                            if len == 1 && subject && stem.is_none() {
                                entry.bare_subject += 1;
                            }
                        } else {
                            if len == 1 && subject && leading_the && stem.is_none() {
                                entry.initial.push((
                                    doc.id,
                                    Span::new(words[i].start, words[j - 1].end),
                                    words[j - 1],
                                ));
                            }
                            entry.with += 1;
                            let next_lower = words.get(j).is_some_and(|n| {
                                adjacent(doc, words[j - 1], *n)
                                    && doc.slice(*n).starts_with(char::is_lowercase)
                            });
                            if len == 1 && stem.is_some() && next_lower && !leading_the {
                                let the = before.expect("an article before the name");
                                entry.possessive.push((
                                    doc.id,
                                    Span::new(the.start, words[j - 1].end),
                                    Span::new(words[j - 1].start, words[j - 1].end),
                                ));
                            }
                        }
                    }
                    if (2..=3).contains(&len) {
                        let name = Span::new(words[start].start, words[j - 1].end);
                        if !other_determiner {
                            let key = doc.words
                                [sentence.words.start + start..sentence.words.start + j]
                                .iter()
                                .map(|w| fold(doc.slice(*w)))
                                .collect::<Vec<_>>()
                                .join(" ");
                            let with_the = article
                                .then(|| before.map_or(name, |b| Span::new(b.start, name.end)));
                            uses.entry(key).or_default().push(Use {
                                doc: doc.id,
                                name,
                                with_the,
                            });
                        }
                    }
                    i = j;
                }
            }
        }
        // Words the corpus also writes in lowercase are ordinary words; a name made of them
        // (`the Royal Guard`, `the Source Code Form`) is a title or a defined term, which may
        // well take an article. Personal names are made of words never written in lowercase.
        let lowercase: FxHashSet<String> = cx
            .corpus
            .docs
            .iter()
            .flat_map(|d| d.words.iter().map(move |w| d.slice(*w)))
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .map(fold)
            .collect();
        uses.retain(|key, _| !key.split(' ').any(|w| lowercase.contains(w)));
        self.possessives(rule, cx, &heads, &lowercase, out);
        let mut names: Vec<(&String, &Vec<Use>)> = uses.iter().collect();
        names.sort_by(|a, b| a.0.cmp(b.0));
        for (_, all) in names {
            let with: Vec<&Use> = all.iter().filter(|u| u.with_the.is_some()).collect();
            let bare: Vec<&Use> = all.iter().filter(|u| u.with_the.is_none()).collect();
            if with.is_empty()
                || bare.len() < self.min_bare
                || with.len() > self.max_with
                || with.len() as f32 > self.max_share * all.len() as f32
            {
                continue;
            }
            for u in with {
                let Some(span) = u.with_the else {
                    continue;
                };
                let d = cx.corpus.doc(u.doc);
                let name = d.slice(u.name);
                let mut f = rule
                    .finding(&[("name", name), ("bare", &bare.len().to_string())])
                    .label(u.doc, span, "an article before a name that takes none");
                for b in bare.iter().take(3) {
                    f = f.label(b.doc, b.name, "the name without an article");
                }
                out.push(
                    f.note(format!(
                        "the corpus writes `{name}` without an article {} and with `the` {}",
                        crate::finding::plural(bare.len(), "time"),
                        crate::finding::plural(all.len() - bare.len(), "time")
                    ))
                    .suggest(name.to_string()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "article-before-name"
        code = "G004"
        category = "grammar"
        severity = "info"
        check = "article_before_name"
        message = "`the` before `{name}`, a name written {bare} times without an article"
        [rule.params]
        min_bare = 3
        determiners = ["a", "an", "this", "our"]
    "#;

    #[test]
    fn article_before_a_bare_name_fires() {
        let docs = [
            "Leader Pavel Orlov spoke. Then Pavel Orlov left. Pavel Orlov returned. He met Pavel Orlov.",
            "They laid wreaths at the Tomb of the Pavel Orlov in the park. The Pavel Orlov Museum opened.",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 1);
        assert_eq!(f[0].labels.len(), 4);
    }

    #[test]
    fn article_before_a_possessive_name_fires() {
        let docs = [
            "Ada Prinn spoke. Then Prinn left. Prinn returned. He met Prinn. Under Prinn it grew.",
            "He blamed it on the Prinn’s fear and distrust.",
        ];
        let f = findings(&rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("Prinn’s"));
    }

    #[test]
    fn the_before_a_one_word_name_as_subject() {
        let r = rule(&format!("{RULE}\nsubject_verbs = [\"was\", \"said\"]"));
        let f = findings(
            &r,
            &["Reports say that Prinn was fired. The Prinn was thrown out in a war."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("Prinn"));
        for near in [
            // Never bare as a subject; written with `the` twice; a demonym; a lowercase word.
            "The Prinn was thrown out. Prinn ships sail.",
            "Hague was built. The Hague was old. In the Hague it rains.",
            "Norland said so. Norwegian was spoken. The Norwegian was tall.",
            "Guard was set. The Guard was old. A guard stood.",
        ] {
            let f = findings(&r, &[near]);
            assert!(f.is_empty(), "{f:#?}");
        }
    }

    #[test]
    fn possessives_of_names_that_take_the_article_stay_silent() {
        let docs = [
            // A word the corpus writes with the article, and one it also writes in lowercase.
            "The Kremlin said so. Then the Kremlin's staff left. Kremlin aides spoke. Kremlin guards came.",
            "President Prinn spoke. President Orlov left. President Dahl came. The president met them. It was the President's office.",
            // A sentence-initial `The` is part of the name it opens.
            "Prinn spoke. Then Prinn left. Prinn returned. He met Prinn. Under Prinn it grew. The Prinn's boats.",
        ];
        for doc in docs {
            let f = findings(&rule(RULE), &[doc]);
            assert!(f.is_empty(), "{f:#?}");
        }
    }

    #[test]
    fn names_that_take_the_article_stay_silent() {
        let docs = [
            "The Royal Guard was founded. Later the Royal Guard grew. Royal Guard units marched. It joined the Royal Guard.",
            "In Source Code Form it is. In Source Code Form it was. Under Source Code Form terms. As Source Code Form files. Of Source Code Form. The form of the source code is the Source Code Form.",
            "The guard of Royal Guard was here. Soldiers of Royal Guard marched. Officers of Royal Guard met. Members of Royal Guard sang.",
        ];
        let f = findings(&rule(RULE), &docs);
        assert!(f.is_empty(), "{f:#?}");
    }
}
