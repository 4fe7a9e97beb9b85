//! `hyphen_slip`: slips around a hyphen, in one of two modes.
//!
//! - `prefix`: a hyphenated word whose first part is a common prefix with a letter dropped or
//!   two letters swapped (`ant-terror` for `anti-terror`, `semi-` written `smei-`). Prefixes are
//!   data (`prefixes`); only prefixes of four letters or more are used, because shorter ones
//!   (`co`, `pre`, `non`) are a letter away from too many real words.
//! - `space`: a word cut by a space after its hyphen (`operatively- search`) where the same
//!   compound is written whole elsewhere in the corpus. Requiring the whole form keeps a
//!   suspended hyphen (`short- and long-term`) silent.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::Span;
use crate::extract::Lexicon;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "hyphen_slip",
    summary: "a misspelt prefix before a hyphen, or a space after a hyphen inside a compound",
    params: "mode: \"prefix\" (misspelt prefix) or \"space\" (space after a hyphen) (required)\n\
             prefixes: prefixes whose slips are reported, lowercase, four letters or more, prefix mode ([])\n\
             allow: hyphenated words that are right as written, lowercase ([])",
    placeholders: &["found", "expected"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    mode: String,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    allow: Vec<String>,
}

enum Mode {
    /// Slip → the prefix it stands for.
    Prefix(FxHashMap<String, String>),
    Space,
}

struct HyphenSlip {
    mode: Mode,
    allow: Vec<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let mode = match p.mode.as_str() {
        "prefix" => {
            let prefixes: Vec<String> = p.prefixes.iter().map(|s| s.to_lowercase()).collect();
            if prefixes.is_empty() {
                return Err("prefix mode needs a `prefixes` list".into());
            }
            if let Some(short) = prefixes.iter().find(|s| s.chars().count() < 4) {
                return Err(format!(
                    "prefix `{short}` is shorter than four letters: its slips are real words"
                ));
            }
            let mut slips = FxHashMap::default();
            for prefix in &prefixes {
                for slip in slips_of(prefix) {
                    if !prefixes.contains(&slip) {
                        slips.insert(slip, prefix.clone());
                    }
                }
            }
            Mode::Prefix(slips)
        }
        "space" => Mode::Space,
        other => {
            return Err(format!(
                "mode must be \"prefix\" or \"space\", not \"{other}\""
            ));
        }
    };
    Ok(Box::new(HyphenSlip {
        mode,
        allow: p.allow.iter().map(|s| s.to_lowercase()).collect(),
    }))
}

/// The prefix with one letter dropped (not the first) or two neighbours swapped.
fn slips_of(prefix: &str) -> Vec<String> {
    let chars: Vec<char> = prefix.chars().collect();
    let mut out = Vec::new();
    for i in 1..chars.len() {
        let mut dropped = chars.clone();
        dropped.remove(i);
        out.push(dropped.into_iter().collect());
        if i + 1 < chars.len() && chars[i] != chars[i + 1] {
            let mut swapped = chars.clone();
            swapped.swap(i, i + 1);
            out.push(swapped.into_iter().collect());
        }
    }
    out
}

impl Check for HyphenSlip {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        match &self.mode {
            Mode::Prefix(slips) => self.prefix(rule, cx, slips, out),
            Mode::Space => self.space(rule, cx, out),
        }
    }
}

impl HyphenSlip {
    fn prefix(
        &self,
        rule: &Rule,
        cx: &Context,
        slips: &FxHashMap<String, String>,
        out: &mut Vec<Finding>,
    ) {
        for doc in &cx.corpus.docs {
            for w in &doc.words {
                let word = doc.slice(*w);
                let Some((first, rest)) = word.split_once('-') else {
                    continue;
                };
                let Some(prefix) = slips.get(&first.to_lowercase()) else {
                    continue;
                };
                // A capitalised compound is a name (`Ant-Financial`), not a slip.
                if rest.chars().count() < 3
                    || !rest.chars().all(char::is_alphabetic)
                    || !first.chars().all(char::is_lowercase)
                    || self.allow.contains(&word.to_lowercase())
                {
                    continue;
                }
                let expected = format!("{}-{rest}", match_case(first, prefix));
                let first_span = Span::new(w.start, w.start + first.len());
                out.push(
                    rule.finding(&[("found", word), ("expected", &expected)])
                        .label(doc.id, first_span, format!("did you mean `{prefix}`?"))
                        .note(format!(
                            "`{first}` is the prefix `{prefix}` with a letter dropped or swapped"
                        ))
                        .suggest(expected.clone())
                        // A likely slip, not a certain one: for a reader to confirm.
                        .replace(doc.id, *w, expected)
                        .unsafe_fix(),
                );
            }
        }
    }

    fn space(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        // Every hyphenated word of the corpus, lowercase, with its first place.
        let mut whole: FxHashMap<String, (usize, Span)> = FxHashMap::default();
        for doc in &cx.corpus.docs {
            for w in &doc.words {
                let word = doc.slice(*w);
                if word.contains('-') {
                    whole.entry(word.to_lowercase()).or_insert((doc.id, *w));
                }
            }
        }
        for doc in &cx.corpus.docs {
            for s in &doc.sentences {
                for pair in doc.words[s.words.clone()].windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    let gap = &doc.text[a.end..b.start];
                    let Some(spaces) = gap.strip_prefix('-') else {
                        continue;
                    };
                    if spaces.is_empty() || !spaces.chars().all(|c| c == ' ' || c == '\u{a0}') {
                        continue;
                    }
                    // A hyphen used as a dash (`purchasing power- and that`, `provided
                    // that- The United States`) leaves a function word or a capital on one
                    // side, and a text that uses hyphens as dashes also writes them glued
                    // (`power-and`): such a pair is no compound.
                    let (first, second) = (doc.slice(a), doc.slice(b));
                    let lexicon = Lexicon::builtin();
                    if lexicon.is_stopword(&first.to_lowercase())
                        || lexicon.is_stopword(&second.to_lowercase())
                        || (first.starts_with(char::is_lowercase)
                            && second.starts_with(char::is_uppercase))
                    {
                        continue;
                    }
                    let joined = format!("{first}-{second}");
                    let lower = joined.to_lowercase();
                    let Some(&(other_doc, other)) = whole.get(&lower) else {
                        continue;
                    };
                    if self.allow.contains(&lower) {
                        continue;
                    }
                    let span = Span::new(a.start, b.end);
                    let found = doc.slice(span);
                    out.push(
                        rule.finding(&[("found", found), ("expected", &joined)])
                            .label(doc.id, span, "a space after the hyphen")
                            .label(other_doc, other, "written whole here")
                            .note("the same compound is written without the space elsewhere in the corpus")
                            .suggest(joined),
                    );
                }
            }
        }
    }
}

fn match_case(original: &str, fix: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = fix.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        fix.to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const PREFIX: &str = r#"
        name = "prefix-slip"
        code = "T006"
        category = "typo"
        severity = "info"
        check = "hyphen_slip"
        message = "`{found}` should probably be `{expected}`"
        [rule.params]
        mode = "prefix"
        prefixes = ["anti", "counter", "semi"]
        allow = ["ant-hill"]
    "#;

    const SPACE: &str = r#"
        name = "space-after-hyphen"
        code = "T007"
        category = "typo"
        severity = "info"
        check = "hyphen_slip"
        message = "`{found}` should probably be `{expected}`"
        [rule.params]
        mode = "space"
    "#;

    #[test]
    fn misspelt_prefix_fires() {
        let f = findings(
            &rule(PREFIX),
            &["It joined the international ant-terror coalition and a smei-final."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("anti-terror"));
    }

    #[test]
    fn prefix_near_misses_stay_silent() {
        let f = findings(
            &rule(PREFIX),
            &[
                "An anti-terror law, a semi-final, an ant-hill, a co-op, an ant-x, sem-1, Ant-Financial.",
            ],
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn space_after_hyphen_fires_when_the_whole_form_is_used() {
        let f = findings(
            &rule(SPACE),
            &[
                "It runs operatively-search activity.",
                "Subjects of operatively- search activity.",
            ],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels[0].doc, 1);
        assert_eq!(f[0].suggestion.as_deref(), Some("operatively-search"));
    }

    #[test]
    fn suspended_hyphen_stays_silent() {
        let f = findings(
            &rule(SPACE),
            &["For the short- and long-term. A well- known man."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
