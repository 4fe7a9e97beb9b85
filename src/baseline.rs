//! Baselines: the findings a corpus had when a team adopted concord, so that CI reports only
//! new ones.
//!
//! A finding is identified by a fingerprint, not by its position: an edit elsewhere that moves
//! lines must not make old findings reappear. The fingerprint hashes the rule name and, for every
//! label, the file name and the label's text with whitespace collapsed and case folded; labels are
//! taken as a sorted set, so neither their order nor which one is primary matters (adding a more
//! or less trusted document may move the primary label). Messages are left out because they may
//! quote positions (`repeats the one at a.txt:40`). The hash is xxh3, which is fixed by its
//! specification: fingerprints are the same on every run and machine.
//!
//! Matching counts: the same fingerprint twice in the baseline and three times now is one new
//! finding (the last one in output order).
//!
//! The file, `concord.baseline.json`:
//!
//! ```json
//! { "version": 1,
//!   "findings": [
//!     { "fingerprint": "5f0c0a5e8d1b2c3a", "rule": "repeated-word",
//!       "file": "docs/a.md", "message": "`the` is written twice in a row" } ] }
//! ```
//!
//! Only `fingerprint` is used for matching; `rule`, `file` and `message` are there so that a
//! reviewer can read the file and a diff of it.

use std::io::{self, Write};
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::config::ConfigError;
use crate::corpus::Corpus;
use crate::finding::Finding;

const VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    fingerprint: String,
    rule: String,
    file: String,
    message: String,
}

/// The fingerprint of a finding: see the module documentation.
pub fn fingerprint(finding: &Finding, corpus: &Corpus) -> u64 {
    let mut labels: Vec<(&str, String)> = finding
        .labels
        .iter()
        .map(|l| {
            let doc = corpus.doc(l.doc);
            (doc.name.as_str(), normalize(doc.slice(l.span)))
        })
        .collect();
    labels.sort();
    let mut key = String::new();
    key.push_str(&finding.rule);
    for (file, text) in labels {
        // NUL cannot occur in a loaded document, so the fields cannot run into each other.
        key.push('\0');
        key.push_str(file);
        key.push('\0');
        key.push_str(&text);
    }
    xxh3_64(key.as_bytes())
}

/// Whitespace runs become one space and letters are lowercased, so re-wrapping a paragraph or
/// changing its indentation keeps a finding's identity.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Known findings, counted by fingerprint.
#[derive(Debug, Default)]
pub struct Baseline {
    counts: FxHashMap<u64, usize>,
}

impl Baseline {
    /// Reads a baseline file; errors name the file, and for malformed JSON the line.
    pub fn read(path: &Path) -> Result<Baseline, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| ConfigError::plain(format!("{name}: cannot read the baseline: {e}")))?;
        Baseline::parse(&text, &name)
    }

    pub fn parse(text: &str, name: &str) -> Result<Baseline, ConfigError> {
        let file: BaselineFile = serde_json::from_str(text).map_err(|e| ConfigError {
            file: Some(name.to_string()),
            line: e.line(),
            column: e.column(),
            message: format!("not a concord baseline: {e}"),
        })?;
        if file.version != VERSION {
            return Err(ConfigError::plain(format!(
                "{name}: baseline version {} is not supported (expected {VERSION}); write it again with --write-baseline",
                file.version
            )));
        }
        let mut counts = FxHashMap::default();
        for (i, entry) in file.findings.iter().enumerate() {
            let fp = u64::from_str_radix(&entry.fingerprint, 16).map_err(|_| {
                ConfigError::plain(format!(
                    "{name}: finding {} has a bad fingerprint `{}` (expected 16 hex digits)",
                    i + 1,
                    entry.fingerprint
                ))
            })?;
            *counts.entry(fp).or_default() += 1;
        }
        Ok(Baseline { counts })
    }

    /// The number of known findings.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// Keeps the findings the baseline does not know; returns them and how many were known.
    /// Each baseline entry absorbs one finding, in output order.
    pub fn filter(&self, findings: Vec<Finding>, corpus: &Corpus) -> (Vec<Finding>, usize) {
        let mut left = self.counts.clone();
        let mut known = 0;
        let new = findings
            .into_iter()
            .filter(|f| match left.get_mut(&fingerprint(f, corpus)) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    known += 1;
                    false
                }
                _ => true,
            })
            .collect();
        (new, known)
    }
}

/// Writes `findings` as a baseline file.
pub fn write(findings: &[Finding], corpus: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let file = BaselineFile {
        version: VERSION,
        findings: findings
            .iter()
            .map(|f| Entry {
                fingerprint: format!("{:016x}", fingerprint(f, corpus)),
                rule: f.rule.clone(),
                file: f
                    .primary()
                    .map(|l| corpus.doc(l.doc).name.clone())
                    .unwrap_or_default(),
                message: f.message.clone(),
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &file)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing;

    fn repeated_word() -> crate::config::Rule {
        testing::builtin_rule("repeated-word")
    }

    fn run(texts: &[&str]) -> (Corpus, Vec<Finding>) {
        let corpus = testing::corpus(texts);
        let cx = crate::checks::Context::new(&corpus, crate::extract::Lexicon::builtin());
        let findings = crate::checks::run(&cx, &[repeated_word()]);
        (corpus, findings)
    }

    fn round_trip(findings: &[Finding], corpus: &Corpus) -> Baseline {
        let mut out = Vec::new();
        write(findings, corpus, &mut out).unwrap();
        Baseline::parse(std::str::from_utf8(&out).unwrap(), "b.json").unwrap()
    }

    #[test]
    fn moved_lines_keep_their_fingerprint_and_new_defects_show() {
        let (c1, f1) = run(&["Intro.\n\nIt was the the capital.\n"]);
        assert_eq!(f1.len(), 1);
        let baseline = round_trip(&f1, &c1);
        let (c2, f2) = run(&["New intro.\n\nMore lines.\n\nIt was the the capital.\n"]);
        assert_eq!(baseline.filter(f2, &c2), (vec![], 1));
        let (c3, f3) = run(&["It was the the capital.\n\nA new new defect.\n"]);
        let (new, known) = baseline.filter(f3, &c3);
        assert_eq!(known, 1);
        assert_eq!(new.len(), 1);
        assert!(new[0].message.contains("new"), "{}", new[0].message);
    }

    #[test]
    fn matching_counts_repeats() {
        let (c1, f1) = run(&["It was the the capital. It was the the port.\n"]);
        assert_eq!(f1.len(), 2);
        assert_eq!(fingerprint(&f1[0], &c1), fingerprint(&f1[1], &c1));
        let baseline = round_trip(&f1, &c1);
        let (c2, f2) = run(&["It was the the capital. It was the the port. And the the sea.\n"]);
        let (new, known) = baseline.filter(f2, &c2);
        assert_eq!((new.len(), known), (1, 2));
    }

    #[test]
    fn a_conflict_keeps_its_identity_when_a_third_document_shifts_ids_and_the_primary() {
        use crate::corpus::{Source, Span};
        use crate::finding::{Category, Severity};
        let conflict = |first: (usize, Span), second: (usize, Span)| {
            Finding {
                rule: "chief-conflict".into(),
                code: "F001".into(),
                category: Category::FactConflict,
                severity: Severity::Error,
                message: format!("position-dependent text {first:?}"),
                labels: vec![],
                notes: vec![],
                suggestion: None,
            }
            .label(first.0, first.1, "one side")
            .label(second.0, second.1, "the other")
        };
        let build = |docs: &[(&str, &str)]| {
            let sources = docs
                .iter()
                .map(|(name, text)| Source {
                    name: name.to_string(),
                    text: text.to_string(),
                })
                .collect();
            Corpus::build(sources, crate::extract::Lexicon::builtin())
        };
        let two = build(&[("b.md", "Chief: Ann\n"), ("c.md", "Head: Anne Lee\n")]);
        let before = conflict((0, Span::new(7, 10)), (1, Span::new(6, 14)));
        // A new document sorts first, so ids shift; a line moves; the check blames the other side.
        let three = build(&[
            ("a.md", "Chief: Ann\n"),
            ("b.md", "Chief: Ann\n"),
            ("c.md", "Line one\nHead: Anne Lee\n"),
        ]);
        let after = conflict((2, Span::new(15, 23)), (1, Span::new(7, 10)));
        assert_eq!(fingerprint(&before, &two), fingerprint(&after, &three));
    }

    #[test]
    fn the_file_name_is_part_of_the_identity() {
        let (c, f) = run(&["It was the the capital.\n", "It was the the capital.\n"]);
        assert_eq!(f.len(), 2);
        assert_ne!(fingerprint(&f[0], &c), fingerprint(&f[1], &c));
    }

    #[test]
    fn a_malformed_baseline_points_at_its_line() {
        let err = Baseline::parse("{\n\"version\": 1,\n\"findings\": [}\n", "b.json").unwrap_err();
        assert_eq!((err.file.as_deref(), err.line), (Some("b.json"), 3));
        let err = Baseline::parse("{\"version\": 7, \"findings\": []}", "b.json").unwrap_err();
        assert!(err.message.contains("version 7"), "{err}");
    }
}
