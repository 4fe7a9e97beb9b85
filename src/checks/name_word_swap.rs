//! `name_word_swap`: one official name written with two forms of one word, such as `Interior
//! Forces` and `Internal Forces`.
//!
//! Name phrases are runs of capitalised words in prose, joined by `of`, `and`, `for` and `the`
//! (`Council of Internal Affairs`). Two phrases that are the same except for one word are
//! filed under a frame key (`* Forces`), so only phrases sharing a frame are compared. The two
//! words must look like two forms of one root: a common beginning of at least `min_prefix`
//! letters, lengths within two letters of each other, and endings that differ in at least
//! three letters. That leaves out spelling variants (`Defence`/`Defense`, a consistency matter),
//! plurals and derivations where one word begins with the other (`Service`/`Services`,
//! `President`/`Presidential`), and words of different size (`Internal`/`International`).
//!
//! Both forms must be used at least `min_uses` times in names: a word swapped once is as
//! likely a different body (`Speech Recognizer` beside `Speech Recognition`).
//!
//! Which side is marked: the word written less often in name phrases across the corpus is the
//! variant; every name phrase that uses it is labelled, and the frames that show the swap too.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Corpus, DocId, Span};
use crate::extract::english;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "name_word_swap",
    summary: "one name written with two forms of one word (Interior/Internal Forces)",
    params: "min_prefix: letters the two words must share at the start (5)\n\
             min_uses: times each form must be used in names, so that both are established (2)\n\
             connectors: lowercase words that may join the words of a name ([\"of\", \"and\", \"for\", \"the\"])\n\
             distinct: pairs of words that are different names' words, e.g. [[\"eastern\", \"easter\"]] ([])",
    placeholders: &["variant", "usual", "frame"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_prefix")]
    min_prefix: usize,
    #[serde(default = "min_uses")]
    min_uses: usize,
    #[serde(default = "connectors")]
    connectors: Vec<String>,
    #[serde(default)]
    distinct: Vec<[String; 2]>,
}

fn min_prefix() -> usize {
    5
}
fn min_uses() -> usize {
    2
}
fn connectors() -> Vec<String> {
    ["of", "and", "for", "the"].map(String::from).to_vec()
}

struct NameWordSwap {
    min_prefix: usize,
    min_uses: usize,
    connectors: FxHashSet<String>,
    distinct: FxHashSet<(String, String)>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mut distinct = FxHashSet::default();
    for [a, b] in p.distinct {
        let (a, b) = (a.to_lowercase(), b.to_lowercase());
        distinct.insert((a.clone(), b.clone()));
        distinct.insert((b, a));
    }
    Ok(Box::new(NameWordSwap {
        min_prefix: p.min_prefix.max(3),
        min_uses: p.min_uses.max(1),
        connectors: p.connectors.iter().map(|c| c.to_lowercase()).collect(),
        distinct,
    }))
}

/// A name phrase: its words (lowercase) and their spans.
struct Phrase {
    doc: DocId,
    words: Vec<String>,
    spans: Vec<Span>,
    /// A whole run, not a part of one between connectors.
    whole: bool,
    /// The sentence it stands in.
    sentence: Span,
}

impl NameWordSwap {
    /// Runs of capitalised words, joined by connectors, in every sentence; a leading `The` is
    /// not part of the name.
    fn phrases(&self, corpus: &Corpus) -> Vec<Phrase> {
        let mut out = Vec::new();
        for doc in &corpus.docs {
            for s in &doc.sentences {
                let words = &doc.words[s.words.clone()];
                let mut run: Vec<Span> = Vec::new();
                let mut flush = |run: &mut Vec<Span>| {
                    while run
                        .last()
                        .is_some_and(|w| self.connectors.contains(&doc.slice(*w).to_lowercase()))
                    {
                        run.pop();
                    }
                    while run
                        .first()
                        .is_some_and(|w| doc.slice(*w).eq_ignore_ascii_case("the"))
                    {
                        run.remove(0);
                    }
                    let capitals = run
                        .iter()
                        .filter(|w| doc.slice(**w).starts_with(char::is_uppercase))
                        .count();
                    if capitals >= 2 {
                        let phrase = |spans: &[Span], whole: bool| Phrase {
                            doc: doc.id,
                            words: spans.iter().map(|w| doc.slice(*w).to_lowercase()).collect(),
                            spans: spans.to_vec(),
                            whole,
                            sentence: s.span,
                        };
                        out.push(phrase(run, true));
                        // Its parts between connectors are names too: `Internal Forces` in
                        // `Internal Forces of the Council of Internal Affairs`.
                        let parts: Vec<&[Span]> = run
                            .split(|w| self.connectors.contains(&doc.slice(*w).to_lowercase()))
                            .filter(|p| p.len() >= 2 && p.len() < run.len())
                            .collect();
                        out.extend(parts.into_iter().map(|p| phrase(p, false)));
                    }
                    run.clear();
                };
                for (k, &w) in words.iter().enumerate() {
                    let text = doc.slice(w);
                    // A sentence's first word has its capital from the sentence: a verb form
                    // there (`Updating Standards-Version`, `Added Support`) does not open a name.
                    let lower = text.to_lowercase();
                    let verb_form = (lower.ends_with("ing") || lower.ends_with("ed"))
                        && english::is_word(&lower);
                    let capital = text.starts_with(char::is_uppercase) && !(k == 0 && verb_form);
                    let connector = !capital && self.connectors.contains(&text.to_lowercase());
                    let joins = run.last().is_some_and(|&l| adjacent(doc, l, w));
                    if (capital || (connector && !run.is_empty())) && (run.is_empty() || joins) {
                        run.push(w);
                    } else {
                        flush(&mut run);
                        if capital {
                            run.push(w);
                        }
                    }
                }
                flush(&mut run);
            }
        }
        out
    }

    /// Two forms of one root: a shared start, similar length, endings that differ enough.
    fn forms_of_one_root(&self, a: &str, b: &str) -> bool {
        if !a.chars().all(|c| c.is_alphabetic()) || !b.chars().all(|c| c.is_alphabetic()) {
            return false;
        }
        let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let prefix = ca.iter().zip(&cb).take_while(|(x, y)| x == y).count();
        let (ra, rb) = (&ca[prefix..], &cb[prefix..]);
        // `Authority`/`Authorities`: a plural, not another form of the name.
        let plural = |x: &[char], y: &[char]| x == ['y'] && y == ['i', 'e', 's'];
        prefix >= self.min_prefix
            && !plural(ra, rb)
            && !plural(rb, ra)
            && ca.len().abs_diff(cb.len()) <= 2
            && !ra.is_empty()
            && !rb.is_empty()
            && strsim::generic_levenshtein(&ra.to_vec(), &rb.to_vec()) >= 3
            && !self.distinct.contains(&(a.to_string(), b.to_string()))
    }
}

/// Places of the usual form shown: enough to find it, not a list of every use.
const MAX_USUAL_LABELS: usize = 4;

impl Check for NameWordSwap {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let phrases = self.phrases(cx.corpus);
        // Frame (the phrase with one capitalised word blanked) → (word, phrase, position).
        let mut frames: FxHashMap<Vec<&str>, Vec<(&str, usize, usize)>> = FxHashMap::default();
        // How often each capitalised word is written in name phrases: which form is usual.
        let mut uses: FxHashMap<&str, Vec<(usize, usize)>> = FxHashMap::default();
        for (p, phrase) in phrases.iter().enumerate() {
            for (i, word) in phrase.words.iter().enumerate() {
                if self.connectors.contains(word) {
                    continue;
                }
                if phrase.whole {
                    uses.entry(word).or_default().push((p, i));
                }
                if word.chars().count() < self.min_prefix + 1 {
                    continue;
                }
                let frame: Vec<&str> = phrase
                    .words
                    .iter()
                    .enumerate()
                    .map(|(j, w)| if j == i { "*" } else { w.as_str() })
                    .collect();
                frames.entry(frame).or_default().push((word, p, i));
            }
        }
        // Word pair → a phrase with each form, for every frame in which both occur.
        let mut swaps: FxHashMap<(&str, &str), Vec<&Vec<&str>>> = FxHashMap::default();
        let mut keys: Vec<&Vec<&str>> = frames.keys().collect();
        keys.sort();
        for frame in keys {
            let members = &frames[frame];
            // The frame must keep another word of the name, not only connectors.
            if !frame
                .iter()
                .any(|w| *w != "*" && !self.connectors.contains(*w) && w.chars().count() >= 3)
            {
                continue;
            }
            let mut words: Vec<&str> = members.iter().map(|m| m.0).collect();
            words.sort_unstable();
            words.dedup();
            for (i, a) in words.iter().enumerate() {
                for b in &words[i + 1..] {
                    if self.forms_of_one_root(a, b) {
                        swaps.entry((a, b)).or_default().push(frame);
                    }
                }
            }
        }
        let mut pairs: Vec<_> = swaps.into_iter().collect();
        pairs.sort();
        // Uses are counted once per distinct sentence, so a text copied into two documents
        // does not make a form established.
        let distinct_uses = |word: &str| {
            uses[word]
                .iter()
                .map(|&(p, _)| {
                    let ph = &phrases[p];
                    cx.corpus.doc(ph.doc).slice(ph.sentence)
                })
                .collect::<FxHashSet<&str>>()
                .len()
        };
        for ((a, b), keys) in pairs {
            let (na, nb) = (distinct_uses(a), distinct_uses(b));
            // A form used once is as likely a different name as a swap.
            if na.min(nb) < self.min_uses {
                continue;
            }
            let rank = |w: &str, n: usize| (n, uses[w].len(), std::cmp::Reverse(w.to_string()));
            let (variant, usual) = if rank(a, na) < rank(b, nb) {
                (a, b)
            } else {
                (b, a)
            };
            let as_written = |word: &str| {
                let (p, i) = uses[word][0];
                let ph = &phrases[p];
                cx.corpus.doc(ph.doc).slice(ph.spans[i]).to_string()
            };
            let (v_text, u_text) = (as_written(variant), as_written(usual));
            let text_of = |p: usize| {
                let ph = &phrases[p];
                let span = Span::new(ph.spans[0].start, ph.spans[ph.spans.len() - 1].end);
                cx.corpus.doc(ph.doc).slice(span).to_string()
            };
            let first_with = |key: &Vec<&str>, word: &str| {
                frames[key].iter().find(|m| m.0 == word).map_or(0, |m| m.1)
            };
            let shown: Vec<(String, String)> = keys
                .iter()
                .map(|k| {
                    (
                        text_of(first_with(k, variant)),
                        text_of(first_with(k, usual)),
                    )
                })
                .collect();
            // The words of the frames that show the swap are labelled first.
            let in_frames: FxHashSet<(DocId, Span)> = keys
                .iter()
                .flat_map(|k| frames[*k].iter())
                .filter(|m| m.0 == a || m.0 == b)
                .map(|&(_, p, i)| (phrases[p].doc, phrases[p].spans[i]))
                .collect();
            let frame = shown[0].1.clone();
            let mut f =
                rule.finding(&[("variant", &v_text), ("usual", &u_text), ("frame", &frame)]);
            let label = |f: Finding, word: &str, most: usize, msg: &dyn Fn(bool) -> String| {
                let mut f = f;
                let mut seen = FxHashSet::default();
                let mut places = uses[word].clone();
                places.sort_by_key(|&(p, i)| {
                    !in_frames.contains(&(phrases[p].doc, phrases[p].spans[i]))
                });
                // One label a line: a paragraph that repeats the name is one place.
                for &(p, i) in &places {
                    let ph = &phrases[p];
                    let line = cx.corpus.doc(ph.doc).line_index(ph.spans[i].start);
                    if seen.len() < most && seen.insert((ph.doc, line)) {
                        f = f.label(ph.doc, ph.spans[i], msg(seen.len() == 1));
                    }
                }
                f
            };
            f = label(f, variant, usize::MAX, &|first| {
                if first {
                    format!("`{v_text}` here")
                } else {
                    "and here".to_string()
                }
            });
            f = label(f, usual, MAX_USUAL_LABELS, &|_| format!("`{u_text}` here"));
            out.push(
                f.note(format!(
                    "the same name is written both ways: {}",
                    shown
                        .iter()
                        .map(|(v, u)| format!("`{v}` and `{u}`"))
                        .collect::<Vec<_>>()
                        .join("; ")
                ))
                .note(format!(
                    "`{v_text}` is used in names in {} sentences, `{u_text}` in {}; the rarer form is taken for the variant",
                    distinct_uses(variant),
                    distinct_uses(usual)
                ))
                .suggest(frame),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "name-word-swap"
        code = "N002"
        category = "name_variant"
        severity = "info"
        check = "name_word_swap"
        message = "`{variant}` is written `{usual}` in the same name elsewhere (`{frame}`)"
    "#;

    #[test]
    fn two_forms_of_one_word_in_one_name() {
        let f = findings(
            &rule(RULE),
            &[
                "The commander of the Interior Forces spoke. The Interior Forces are ready.",
                "The Internal Forces of the Council of Internal Affairs. The Council of Internal Affairs rules.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("`Interior` is written `Internal`"));
        assert_eq!(f[0].labels[0].doc, 0);
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            // A plural, a derivation, a spelling variant, words of different size.
            "The State Service and the State Services. The President Office and the Presidential Office.",
            "The Supreme Court Authority and the Supreme Court Authorities.",
            "The Ministry of Defence and the Ministry of Defense.",
            "The Internal Affairs Office and the International Affairs Office.",
            // The same two words in different names.
            "The Interior Design Fair and the Internal Audit Office.",
            // Each form used once; a sentence-initial verb.
            "The Speech Recognizer and the Speech Recognition.",
            "Updating Standards Version. Updated Standards Version. Updated Standards Version.",
        ];
        let f = findings(&rule(RULE), &texts);
        assert!(f.is_empty(), "{f:#?}");
    }
}
