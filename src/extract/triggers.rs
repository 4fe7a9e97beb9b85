//! Literal triggers of a list of patterns: one aho-corasick pass over a text tells which
//! patterns could match it, so the costly matching (captures, backtracking over a name
//! sub-pattern) runs only for those. Nothing has to be declared: the words every match must
//! contain are read from each pattern's syntax tree (those it begins or ends with, or those of a
//! part of it every match goes through), as the regex crate reads prefixes for its own
//! prefilter. A pattern without such words (only classes, or too many words) is tried on every
//! text.
//!
//! It is a necessary condition only: a text that holds `restored` passes the trigger of
//! `{entity} ... (?:restored|revived)` and may still not match.

use aho_corasick::AhoCorasick;
use regex_syntax::hir::HirKind;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// Literals shorter than this would pass almost every text: the pattern is tried everywhere.
const MIN_LITERAL: usize = 3;

pub struct Triggers {
    /// Every trigger literal, of every pattern.
    literals: Option<AhoCorasick>,
    /// The pattern of each literal.
    owner: Vec<usize>,
    /// Patterns without triggers.
    always: Vec<usize>,
    patterns: usize,
}

impl Triggers {
    /// Triggers of patterns written in the regex crate's syntax (as passed to `Regex::new`).
    /// A pattern that does not parse is tried on every text; compiling it reports the error.
    pub fn new<S: AsRef<str>>(patterns: &[S]) -> Triggers {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut always = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            match required_literals(p.as_ref()) {
                Some(literals) => {
                    owner.extend(std::iter::repeat_n(i, literals.len()));
                    words.extend(literals);
                }
                None => always.push(i),
            }
        }
        let literals = (!words.is_empty())
            .then(|| AhoCorasick::new(&words).expect("trigger literals build an automaton"));
        Triggers {
            literals,
            owner,
            always,
            patterns: patterns.len(),
        }
    }

    /// Sets `hits[i]` when pattern `i` may match `text`.
    pub fn hits(&self, text: &str, hits: &mut Vec<bool>) {
        hits.clear();
        hits.resize(self.patterns, false);
        for &i in &self.always {
            hits[i] = true;
        }
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                hits[self.owner[m.pattern().as_usize()]] = true;
            }
        }
    }

    /// How many patterns have triggers (the rest are tried on every text).
    pub fn triggered(&self) -> usize {
        self.patterns - self.always.len()
    }
}

/// Words one of which every match of `pattern` contains, when there is a small set of them,
/// each at least [`MIN_LITERAL`] bytes long: the words a match begins or ends with, or those of
/// a part that every match goes through (`(?:headed|led) by` in `{entity} is (?:headed|led) by
/// {person}`). Of the candidate sets, the one whose shortest word is longest is kept.
fn required_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::Parser::new().parse(pattern).ok()?;
    let mut parts = vec![&hir];
    if let HirKind::Concat(inner) = hir.kind() {
        parts.extend(inner);
    }
    let mut best: Option<Vec<Vec<u8>>> = None;
    let shortest = |l: &[Vec<u8>]| l.iter().map(Vec::len).min().unwrap_or(0);
    for part in parts {
        for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
            let mut seq = Extractor::new().kind(kind).extract(part);
            // Keep only what is needed: `restored` covers `restored by`.
            seq.minimize_by_preference();
            let Some(literals) = seq.literals() else {
                continue;
            };
            let literals: Vec<Vec<u8>> = literals.iter().map(|l| l.as_bytes().to_vec()).collect();
            // An empty literal is a part that can match nothing: no condition at all.
            if literals.is_empty() || shortest(&literals) < MIN_LITERAL {
                continue;
            }
            if best
                .as_ref()
                .is_none_or(|b| shortest(&literals) > shortest(b))
            {
                best = Some(literals);
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(t: &Triggers, text: &str) -> Vec<bool> {
        let mut h = Vec::new();
        t.hits(text, &mut h);
        h
    }

    #[test]
    fn a_pattern_runs_only_where_its_closing_words_are() {
        let name = r"\p{Lu}\p{L}+(?: \p{Lu}\p{L}+)*";
        let t = Triggers::new(&[
            format!(r"{name}[^.;]{{0,80}}?\b(?:was|were) (?:restored|revived)\b"),
            format!(r"{name},? (?:is|are) (?:headed|led) by {name}"),
            // Ends in a class: no literal to wait for.
            format!(r"{name} \p{{Ll}}+s"),
        ]);
        assert_eq!(t.triggered(), 2);
        assert_eq!(
            hits(&t, "The Ivel Guard was revived in 1990."),
            [true, false, true]
        );
        assert_eq!(
            hits(&t, "The Ivel Guard is headed by Ada Prinn."),
            [false, true, true]
        );
        assert_eq!(hits(&t, "Nothing here."), [false, false, true]);
    }

    #[test]
    fn a_trigger_never_hides_a_match() {
        let patterns = [
            r"(?:established|founded) (?:on|in) \d{4}",
            r"\b(?:replaced|succeeded) (?:the )?\p{Lu}\p{L}+",
            r"[Hh]eaded by \p{Lu}\p{L}+",
        ];
        let t = Triggers::new(&patterns);
        let texts = [
            "It was founded in 1921 by the council.",
            "The board replaced the Old Guard.",
            "The office, headed by Ivo Kask, moved.",
            "Headed by Ivo Kask.",
            "No match at all.",
        ];
        for text in texts {
            let h = hits(&t, text);
            for (i, p) in patterns.iter().enumerate() {
                if regex::Regex::new(p).unwrap().is_match(text) {
                    assert!(h[i], "{p} matches {text:?} but was not triggered");
                }
            }
        }
    }
}
