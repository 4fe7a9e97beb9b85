//! The word lists the analysis stage reads: word classes, trigger words and the organisation,
//! post and rank words of `rules/facts/patterns.toml`. A user's rule pack can replace them by
//! passing other texts to [`AnalysisLexicon::from_toml`].

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::Pos;
use crate::extract::normalize::fold;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    classes: RawClasses,
    triggers: RawTriggers,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClasses {
    determiners: Vec<String>,
    prepositions: Vec<String>,
    conjunctions: Vec<String>,
    pronouns: Vec<String>,
    auxiliaries: Vec<String>,
    verbs: Vec<String>,
    company_suffixes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTriggers {
    words: Vec<String>,
}

/// What a word can be, beyond its part of speech.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordFlags {
    /// `ministry`, `service`: makes a capitalised run an organisation.
    pub organisation: bool,
    /// `minister`, `director`, `head`: names a post.
    pub post: bool,
    /// `deputy`, `acting`: modifies a post.
    pub post_modifier: bool,
    /// A rank or title said before a name (`Colonel`, `Mr`, `President`).
    pub title: bool,
    /// `LLC`, `Ltd`: the end of a company name.
    pub company_suffix: bool,
    /// A month name or its abbreviation.
    pub month: bool,
}

/// The compiled lexicon.
pub struct AnalysisLexicon {
    classes: FxHashMap<String, Pos>,
    flags: FxHashMap<String, WordFlags>,
    /// Trigger words, folded; matched on folded sentence text at word boundaries.
    triggers: AhoCorasick,
}

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

impl AnalysisLexicon {
    /// Builds the lexicon from the text of `lexicon.toml` and of `patterns.toml` (whose
    /// `[entities].organisation_words`, `[posts].words`, `[posts].modifiers` and
    /// `[persons].ranks` it reads). Errors name the file and key at fault.
    pub fn from_toml(lexicon: &str, patterns: &str) -> Result<AnalysisLexicon, String> {
        let raw: RawLexicon = toml::from_str(lexicon).map_err(|e| format!("lexicon: {e}"))?;
        let patterns: toml::Table =
            toml::from_str(patterns).map_err(|e| format!("patterns: {e}"))?;
        let strings = |table: &str, key: &str| -> Result<Vec<String>, String> {
            let value = patterns
                .get(table)
                .and_then(|t| t.get(key))
                .ok_or_else(|| format!("patterns: missing `{table}.{key}`"))?;
            match value {
                toml::Value::Array(items) => Ok(items
                    .iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()),
                toml::Value::Table(t) => Ok(t.keys().cloned().collect()),
                _ => Err(format!("patterns: `{table}.{key}` is not a list")),
            }
        };
        let mut classes = FxHashMap::default();
        for (words, pos) in [
            (&raw.classes.determiners, Pos::Det),
            (&raw.classes.prepositions, Pos::Adp),
            (&raw.classes.conjunctions, Pos::Conj),
            (&raw.classes.pronouns, Pos::Pron),
            (&raw.classes.auxiliaries, Pos::Aux),
            (&raw.classes.verbs, Pos::Verb),
        ] {
            for w in words {
                classes.entry(fold(w)).or_insert(pos);
            }
        }
        let mut flags: FxHashMap<String, WordFlags> = FxHashMap::default();
        // The words of a multi-word entry take its flag, but not its function words: `General of
        // the Army` makes `general` and `army` titles, never `of`.
        let mut set = |words: &[String], f: fn(&mut WordFlags)| {
            for w in words {
                for part in fold(w).split([' ', '-']).filter(|p| {
                    !p.is_empty()
                        && !matches!(
                            classes.get(*p),
                            Some(Pos::Det | Pos::Adp | Pos::Conj | Pos::Pron | Pos::Aux)
                        )
                }) {
                    f(flags
                        .entry(part.trim_end_matches('.').to_string())
                        .or_default());
                }
            }
        };
        set(&strings("entities", "organisation_words")?, |f| {
            f.organisation = true
        });
        set(&strings("posts", "words")?, |f| f.post = true);
        set(&strings("posts", "modifiers")?, |f| f.post_modifier = true);
        set(&strings("persons", "ranks")?, |f| f.title = true);
        set(&raw.classes.company_suffixes, |f| f.company_suffix = true);
        let months: Vec<String> = MONTHS.iter().map(|m| m.to_string()).collect();
        set(&months, |f| f.month = true);
        let mut triggers: FxHashSet<String> = raw.triggers.words.iter().map(|w| fold(w)).collect();
        triggers.extend(strings("posts", "words")?.iter().map(|w| fold(w)));
        triggers.extend(months);
        let mut triggers: Vec<String> = triggers.into_iter().collect();
        triggers.sort();
        let triggers = AhoCorasick::new(&triggers).map_err(|e| format!("triggers: {e}"))?;
        Ok(AnalysisLexicon {
            classes,
            flags,
            triggers,
        })
    }

    /// The lexicon shipped with concord.
    pub fn builtin() -> &'static AnalysisLexicon {
        static BUILTIN: LazyLock<AnalysisLexicon> = LazyLock::new(|| {
            AnalysisLexicon::from_toml(
                include_str!("../../rules/facts/lexicon.toml"),
                include_str!("../../rules/facts/patterns.toml"),
            )
            .expect("the built-in analysis lexicon is valid")
        });
        &BUILTIN
    }

    /// The closed or listed class of a folded word.
    pub fn class(&self, folded: &str) -> Option<Pos> {
        self.classes.get(folded).copied()
    }

    pub fn flags(&self, folded: &str) -> WordFlags {
        let word = strip_possessive(folded);
        self.flags
            .get(word)
            .or_else(|| {
                // `services`, `ministries`: a plural names the same kind of thing.
                word.strip_suffix("ies")
                    .map(|s| format!("{s}y"))
                    .and_then(|s| self.flags.get(&s))
                    .or_else(|| word.strip_suffix('s').and_then(|s| self.flags.get(s)))
            })
            .copied()
            .unwrap_or_default()
    }

    /// True when the folded text holds a trigger word (at word boundaries) or a digit: the
    /// literal prefilter that decides where the costly analysis runs.
    pub fn triggered(&self, folded: &str) -> bool {
        if folded.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        let bytes = folded.as_bytes();
        let boundary = |i: usize| i >= bytes.len() || !bytes[i].is_ascii_alphanumeric();
        self.triggers
            .find_overlapping_iter(folded)
            .any(|m| (m.start() == 0 || boundary(m.start() - 1)) && boundary(m.end()))
    }
}

/// A word without its possessive ending: `norland's` → `norland`.
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}
