//! Suppression: places that are right on purpose.
//!
//! Two ways to say so:
//!
//! - An inline marker, an HTML comment that Markdown and most wiki renderers hide:
//!   `<!-- concord: ignore repeated-word, D001 -->` (rule names or codes) or
//!   `<!-- concord: ignore -->` (every rule). A marker alone on its line applies to the next
//!   line; a marker after text applies to its own line. It suppresses a finding whose primary
//!   label starts, ends or runs through that line.
//! - A block: `<!-- concord: off -->` (optionally with rule names) hides findings from its line
//!   to the next `<!-- concord: on -->` (which closes every open block), or to the end of the
//!   file.
//! - A whole file: `<!-- concord: ignore-file -->` (optionally with rule names), anywhere in it.
//!
//! A rule name or code in a marker that no loaded rule has is an error with the file, line and
//! column ([`validate_markers`]): a typo would otherwise look like a working suppression.
//! - An `[[ignore]]` entry in concord.toml: a rule, a file glob and optionally a `text` that the
//!   primary label's text must contain (see [`crate::config::project`]).
//!
//! Only the primary label counts: it is the place the finding asks to change, so a marker on a
//! secondary side (the original of a duplicate, the trusted side of a conflict) does not hide
//! the finding from the document that should change.
//!
//! Unused suppressions are returned as [`Unused`] values rather than findings: they describe the
//! configuration, not the documents, so they must not be baselined, suppressed in turn, or
//! counted in the JSON contract's summary. The command line prints them as warnings with their
//! file and line.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::config::project::IgnoreEntry;
use crate::config::{ConfigError, Rule};
use crate::corpus::{Corpus, DocId, Span};
use crate::finding::Finding;

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"<!--[ \t]*concord:[ \t]*(?<verb>ignore-file|ignore|off|on)\b(?:[ \t]+(?<rules>[^>]*?))?[ \t]*-->",
    )
    .unwrap()
});

/// An inline marker found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub doc: DocId,
    /// The marker's own span.
    pub span: Span,
    /// The 0-based line it applies to (the first, for a block or a whole file).
    pub line: usize,
    /// The last 0-based line it applies to: `line` for a line marker.
    pub last: usize,
    /// Rule names or codes; empty means every rule.
    pub rules: Vec<String>,
    /// Where the rule names are in the text, for an error about an unknown one.
    rules_at: Vec<Span>,
    pub scope: Scope,
}

/// How far a marker reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Line,
    Block,
    File,
}

impl Marker {
    fn covers(&self, finding: &Finding) -> bool {
        self.rules.is_empty() || self.rules.iter().any(|r| names(r, finding))
    }
}

fn names(selector: &str, finding: &Finding) -> bool {
    finding.rule == selector || finding.code.eq_ignore_ascii_case(selector)
}

/// Every inline marker of the corpus, in document order (a block's `on` is not a marker of its
/// own: it ends the blocks open before it).
pub fn markers(corpus: &Corpus) -> Vec<Marker> {
    let mut out: Vec<Marker> = Vec::new();
    for doc in &corpus.docs {
        let mut open: Vec<usize> = Vec::new();
        for m in MARKER.captures_iter(&doc.text) {
            let whole = m.get(0).unwrap();
            let line = doc.line_index(whole.start());
            let line_span = doc.line_span(line);
            let alone = doc.text[line_span.start..whole.start()].trim().is_empty()
                && doc.text[whole.end()..line_span.end].trim().is_empty();
            let mut rules = Vec::new();
            let mut rules_at = Vec::new();
            if let Some(r) = m.name("rules") {
                for w in crate::extract::words(r.as_str(), r.start()) {
                    // Rule names are kebab-case words, codes a letter and digits.
                    rules.push(doc.text[w.start..w.end].to_string());
                    rules_at.push(w);
                }
            }
            let span = Span::new(whole.start(), whole.end());
            let (scope, first, last) = match &m["verb"] {
                "on" => {
                    for k in open.drain(..) {
                        out[k].last = line;
                    }
                    continue;
                }
                "off" => (Scope::Block, line, usize::MAX),
                "ignore-file" => (Scope::File, 0, usize::MAX),
                _ => {
                    let at = if alone { line + 1 } else { line };
                    (Scope::Line, at, at)
                }
            };
            if scope == Scope::Block {
                open.push(out.len());
            }
            out.push(Marker {
                doc: doc.id,
                span,
                line: first,
                last,
                rules,
                rules_at,
                scope,
            });
        }
    }
    out
}

/// Checks that every rule a marker names is one of `known` (name, code), whether or not it runs
/// in this invocation.
pub fn validate_markers(corpus: &Corpus, known: &[(String, String)]) -> Result<(), ConfigError> {
    for m in markers(corpus) {
        for (rule, at) in m.rules.iter().zip(&m.rules_at) {
            if !known
                .iter()
                .any(|(name, code)| name == rule || code.eq_ignore_ascii_case(rule))
            {
                let doc = corpus.doc(m.doc);
                let (line, column) = doc.line_col(at.start);
                return Err(ConfigError {
                    file: Some(doc.name.clone()),
                    line,
                    column,
                    message: format!(
                        "`{}` names no rule `{rule}`; `concord rules` lists them",
                        doc.slice(m.span)
                    ),
                });
            }
        }
    }
    Ok(())
}

/// Whitespace runs as one space, so a `text` written on one line matches a wrapped label.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A suppression that suppressed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    /// `file:line` of the marker or `[[ignore]]` entry.
    pub at: String,
    pub what: String,
}

impl fmt::Display for Unused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: unused suppression: {}", self.at, self.what)
    }
}

/// What [`apply`] did.
#[derive(Debug, Default)]
pub struct Outcome {
    pub kept: Vec<Finding>,
    pub suppressed: usize,
    /// Suppressions that hid nothing, for rules that ran; in file order.
    pub unused: Vec<Unused>,
}

/// Checks that every `[[ignore]]` entry names a loaded rule, before rules are selected: a typo
/// there would otherwise keep a finding silently reported, or worse, look like it works.
pub fn validate(entries: &[IgnoreEntry], rules: &[Rule]) -> Result<(), ConfigError> {
    for e in entries {
        if !rules
            .iter()
            .any(|r| r.name == e.rule || r.code.eq_ignore_ascii_case(&e.rule))
        {
            let file = e.origin.rsplit_once(':').map_or(&*e.origin, |(f, _)| f);
            return Err(ConfigError {
                file: Some(file.to_string()),
                line: e.rule_at.0,
                column: e.rule_at.1,
                message: format!(
                    "[[ignore]] names no rule `{}`; `concord rules` lists them",
                    e.rule
                ),
            });
        }
    }
    Ok(())
}

/// Drops the findings that a marker or an `[[ignore]]` entry covers. `active` are the rules that
/// ran: a suppression for a rule that did not run cannot be called unused.
pub fn apply(
    findings: Vec<Finding>,
    corpus: &Corpus,
    entries: &[IgnoreEntry],
    active: &[Rule],
) -> Outcome {
    let markers = markers(corpus);
    // For each marker, which of its rules (or, for a bare marker, index 0) suppressed something.
    let mut marker_used: Vec<Vec<bool>> = markers
        .iter()
        .map(|m| vec![false; m.rules.len().max(1)])
        .collect();
    let mut entry_used = vec![false; entries.len()];
    // Line markers by the line they guard, so each finding looks only at its own lines; blocks
    // and whole-file markers are few, and looked at in turn.
    let mut by_line: FxHashMap<(DocId, usize), Vec<usize>> = FxHashMap::default();
    let mut ranges: Vec<usize> = Vec::new();
    for (k, m) in markers.iter().enumerate() {
        if m.scope == Scope::Line {
            by_line.entry((m.doc, m.line)).or_default().push(k);
        } else {
            ranges.push(k);
        }
    }
    let mut out = Outcome::default();
    for f in findings {
        let Some(primary) = f.primary() else {
            out.kept.push(f);
            continue;
        };
        let doc = corpus.doc(primary.doc);
        let first = doc.line_index(primary.span.start);
        let last = doc.line_index(primary.span.end.saturating_sub(1).max(primary.span.start));
        let mut hidden = false;
        let spans = ranges
            .iter()
            .copied()
            .filter(|&k| markers[k].doc == primary.doc)
            .filter(|&k| markers[k].line <= last && first <= markers[k].last);
        for line in first..=last {
            let on_line = by_line
                .get(&(primary.doc, line))
                .into_iter()
                .flatten()
                .copied();
            let here: Vec<usize> = if line == first {
                on_line.chain(spans.clone()).collect()
            } else {
                on_line.collect()
            };
            for k in here {
                let m = &markers[k];
                if m.covers(&f) {
                    hidden = true;
                    let i = m.rules.iter().position(|r| names(r, &f)).unwrap_or(0);
                    marker_used[k][i] = true;
                }
            }
        }
        for (e, used) in entries.iter().zip(&mut entry_used) {
            if names(&e.rule, &f)
                && e.file.matches(&doc.name)
                && e.text
                    .as_ref()
                    .is_none_or(|t| collapse(doc.slice(primary.span)).contains(&collapse(t)))
            {
                hidden = true;
                *used = true;
            }
        }
        if hidden {
            out.suppressed += 1;
        } else {
            out.kept.push(f);
        }
    }
    let ran = |selector: &str| {
        active
            .iter()
            .any(|r| r.name == selector || r.code.eq_ignore_ascii_case(selector))
    };
    for (m, used) in markers.iter().zip(&marker_used) {
        let doc = corpus.doc(m.doc);
        let at = format!("{}:{}", doc.name, doc.line_index(m.span.start) + 1);
        let place = match m.scope {
            Scope::Line => format!("on line {}", m.line + 1),
            Scope::Block if m.last == usize::MAX => format!("from line {} on", m.line + 1),
            Scope::Block => format!("in lines {}-{}", m.line + 1, m.last + 1),
            Scope::File => "in the file".to_string(),
        };
        if m.rules.is_empty() {
            if !used[0] {
                out.unused.push(Unused {
                    at,
                    what: format!("`{}` hides no finding {place}", doc.slice(m.span)),
                });
            }
            continue;
        }
        for (rule, used) in m.rules.iter().zip(used) {
            if !used && ran(rule) {
                out.unused.push(Unused {
                    at: at.clone(),
                    what: format!("no `{rule}` finding {place}"),
                });
            }
        }
    }
    for (e, used) in entries.iter().zip(&entry_used) {
        if !used && ran(&e.rule) {
            out.unused.push(Unused {
                at: e.origin.clone(),
                what: format!("[[ignore]] for `{}` matches no finding", e.rule),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Project;
    use crate::testing;
    use std::path::Path;

    fn rules() -> Vec<Rule> {
        vec![
            testing::builtin_rule("repeated-word"),
            testing::builtin_rule("doubled-determiner"),
        ]
    }

    fn run(texts: &[&str], toml: &str) -> Outcome {
        let corpus = testing::corpus(texts);
        let rules = rules();
        let cx = crate::checks::Context::new(&corpus, crate::extract::Lexicon::builtin());
        let findings = crate::checks::run(&cx, &rules);
        let project = Project::parse(toml, "concord.toml", Path::new("")).unwrap();
        validate(&project.ignores, &rules).unwrap();
        apply(findings, &corpus, &project.ignores, &rules)
    }

    #[test]
    fn a_marker_on_the_line_before_or_at_the_end_suppresses_its_rule_only() {
        let text = "<!-- concord: ignore repeated-word -->\nIt was in in capital.\n\nIt was in in port. <!-- concord: ignore T001 -->\n";
        let out = run(&[text], "");
        assert_eq!((out.kept.len(), out.suppressed), (0, 2));
        assert!(out.unused.is_empty(), "{:?}", out.unused);
    }

    #[test]
    fn near_misses_stay_reported() {
        // A marker for another rule, a marker two lines up, and a marker after the line.
        let text = "It was in in capital. <!-- concord: ignore doubled-determiner -->\n<!-- concord: ignore -->\n\nIt was in in port.\nIt was in in town.\n<!-- concord: ignore T001 -->\n";
        let out = run(&[text], "");
        assert_eq!((out.kept.len(), out.suppressed), (3, 0));
        let unused: Vec<String> = out.unused.iter().map(|u| u.to_string()).collect();
        assert_eq!(
            unused,
            [
                "doc0.txt:1: unused suppression: no `doubled-determiner` finding on line 1",
                "doc0.txt:2: unused suppression: `<!-- concord: ignore -->` hides no finding on line 3",
                "doc0.txt:6: unused suppression: no `T001` finding on line 7",
            ]
        );
    }

    #[test]
    fn blocks_and_whole_files_are_suppressed_and_unknown_rules_are_errors() {
        let text = "It was in in capital.\n<!-- concord: off repeated-word -->\nIt was in in port.\n\nIt was near near home.\n<!-- concord: on -->\nIt was in in town.\n";
        let out = run(&[text], "");
        let lines: Vec<&str> = out.kept.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            lines,
            [
                "`in` is written twice in a row",
                "`in` is written twice in a row"
            ]
        );
        assert_eq!(
            out.kept[1].labels[0].span.start,
            text.find("in in town").unwrap()
        );
        let whole =
            "It was in in capital.\n\nIt was the a port.\n<!-- concord: ignore-file T001 -->\n";
        let out = run(&[whole], "");
        assert_eq!((out.kept.len(), out.suppressed), (1, 1));
        let corpus = testing::corpus(&["Text.\n<!-- concord: ignore repeated-word, nosuch -->\n"]);
        let known: Vec<(String, String)> = rules()
            .iter()
            .map(|r| (r.name.clone(), r.code.clone()))
            .collect();
        let err = validate_markers(&corpus, &known).unwrap_err();
        assert!(err.to_string().starts_with("doc0.txt:2:37: "), "{err}");
        assert!(err.message.contains("`nosuch`"), "{err}");
    }

    #[test]
    fn a_bare_marker_suppresses_every_rule() {
        let out = run(
            &["<!-- concord: ignore -->\nIt was in in the a capital.\n"],
            "",
        );
        assert_eq!((out.kept.len(), out.suppressed), (0, 2));
    }

    #[test]
    fn ignore_entries_match_rule_file_and_text() {
        let toml = "[[ignore]]\nrule = \"repeated-word\"\nfile = \"doc0.txt\"\ntext = \" in  in\"\n\n[[ignore]]\nrule = \"T001\"\nfile = \"doc9.txt\"\n\n[[ignore]]\nrule = \"doubled-determiner\"\nfile = \"*.txt\"\n";
        let out = run(
            &[
                "It was in in capital. It was near near home.\n",
                "It was in in port.\n",
            ],
            toml,
        );
        // doc0's `in in` is hidden; `near near` (other text) and doc1 (other file) are not.
        let kept: Vec<(usize, &str)> = out
            .kept
            .iter()
            .map(|f| (f.labels[0].doc, f.message.as_str()))
            .collect();
        assert_eq!(
            kept,
            [
                (0, "`near` is written twice in a row"),
                (1, "`in` is written twice in a row")
            ]
        );
        let unused: Vec<String> = out.unused.iter().map(|u| u.to_string()).collect();
        assert_eq!(
            unused,
            [
                "concord.toml:6: unused suppression: [[ignore]] for `T001` matches no finding",
                "concord.toml:10: unused suppression: [[ignore]] for `doubled-determiner` matches no finding",
            ]
        );
    }

    #[test]
    fn an_ignore_entry_for_an_unknown_rule_is_an_error_at_its_line() {
        let project = Project::parse(
            "[[ignore]]\nrule = \"repeated-wrod\"\nfile = \"a.md\"\n",
            "concord.toml",
            Path::new(""),
        )
        .unwrap();
        let err = validate(&project.ignores, &rules()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "concord.toml:2:8: [[ignore]] names no rule `repeated-wrod`; `concord rules` lists them"
        );
    }
}
