//! Baselines: the findings a corpus had when a team adopted concord, so that CI reports only
//! new ones.
//!
//! A finding is identified by what it is about, not by where it is: its rule and the values it
//! names. Messages name both sides in backticks (`` `Ann Lee` ``, `` `2002` ``, the duplicated
//! sentence), so the fingerprint hashes the rule and the set of backticked values, folded (case,
//! whitespace, a trailing ellipsis), leaving out the ones that are places (`a.md:40`). An edit
//! elsewhere in a labelled sentence, moved lines and a new document that shifts the primary
//! label keep the identity; a message without backticks falls back on the set of its labels'
//! texts. The hash is xxh3, fixed by its specification: the same on every run and machine.
//!
//! Each entry also records the file of the primary label. A finding is known when an unused
//! entry has its fingerprint and its primary file, or, failing that, the file of another of its
//! labels (the primary moved to a document that joined the conflict). So a new document that
//! repeats a known duplicate leaves the known finding known and shows only the new copy.
//! Matching counts: the same fingerprint twice in the baseline and three times now is one new
//! finding.
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
//! `fingerprint` and `file` are used for matching; `rule` and `message` are there so that a
//! reviewer can read the file and a diff of it. Version 1 files (which hashed whole label
//! texts) are refused with a hint to write the baseline again.

use std::io::{self, Write};
use std::path::Path;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::config::ConfigError;
use crate::corpus::Corpus;
use crate::finding::Finding;

const VERSION: u32 = 2;

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
    let mut values: Vec<String> = backticked(&finding.message)
        .filter(|v| !is_place(v, corpus))
        .map(|v| normalize(v.trim_end_matches(['…', '.'])))
        .collect();
    if values.is_empty() {
        values = finding
            .labels
            .iter()
            .map(|l| normalize(corpus.doc(l.doc).slice(l.span)))
            .collect();
    }
    values.sort();
    values.dedup();
    let mut key = finding.rule.clone();
    for v in values {
        // NUL cannot occur in a loaded document, so the fields cannot run into each other.
        key.push('\0');
        key.push_str(&v);
    }
    xxh3_64(key.as_bytes())
}

/// The parts of `message` between backticks.
fn backticked(message: &str) -> impl Iterator<Item = &str> {
    message.split('`').skip(1).step_by(2)
}

/// A value that names a place rather than a fact: `a.md:40`, or a document of the corpus.
fn is_place(value: &str, corpus: &Corpus) -> bool {
    let file = value
        .rsplit_once(':')
        .filter(|(_, line)| !line.is_empty() && line.bytes().all(|b| b.is_ascii_digit()))
        .map_or(value, |(file, _)| file);
    corpus.docs.iter().any(|d| d.name == file)
}

/// Whitespace runs become one space and letters are lowercased, so re-wrapping a paragraph or
/// changing its indentation keeps a finding's identity.
fn normalize(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Known findings: for each fingerprint, the primary file of each entry.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: FxHashMap<u64, Vec<String>>,
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
        let mut entries: FxHashMap<u64, Vec<String>> = FxHashMap::default();
        for (i, entry) in file.findings.into_iter().enumerate() {
            let fp = u64::from_str_radix(&entry.fingerprint, 16).map_err(|_| {
                ConfigError::plain(format!(
                    "{name}: finding {} has a bad fingerprint `{}` (expected 16 hex digits)",
                    i + 1,
                    entry.fingerprint
                ))
            })?;
            entries.entry(fp).or_default().push(entry.file);
        }
        Ok(Baseline { entries })
    }

    /// The number of known findings.
    pub fn len(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Keeps the findings the baseline does not know; returns them and how many were known.
    /// Entries match their primary file first, in output order; then a finding left over takes
    /// an entry of its fingerprint recorded for another of its labels' files.
    pub fn filter(&self, findings: Vec<Finding>, corpus: &Corpus) -> (Vec<Finding>, usize) {
        let mut left = self.entries.clone();
        let keys: Vec<u64> = findings.iter().map(|f| fingerprint(f, corpus)).collect();
        let mut known = vec![false; findings.len()];
        let file_of = |l: &crate::finding::Label| corpus.doc(l.doc).name.as_str();
        for (i, f) in findings.iter().enumerate() {
            let Some(files) = left.get_mut(&keys[i]) else {
                continue;
            };
            let primary = f.primary().map(file_of);
            if let Some(k) = files.iter().position(|e| Some(e.as_str()) == primary) {
                files.swap_remove(k);
                known[i] = true;
            }
        }
        for (i, f) in findings.iter().enumerate() {
            if known[i] {
                continue;
            }
            let Some(files) = left.get_mut(&keys[i]) else {
                continue;
            };
            if let Some(k) = files
                .iter()
                .position(|e| f.labels.iter().any(|l| file_of(l) == e))
            {
                files.swap_remove(k);
                known[i] = true;
            }
        }
        let count = known.iter().filter(|k| **k).count();
        let new = findings
            .into_iter()
            .zip(known)
            .filter(|(_, k)| !k)
            .map(|(f, _)| f)
            .collect();
        (new, count)
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
                fix: None,
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
    fn the_file_is_part_of_the_match() {
        let (c1, f1) = run(&["It was the the capital.\n"]);
        let baseline = round_trip(&f1, &c1);
        let (c2, f2) = run(&["It was the the capital.\n", "It was the the capital.\n"]);
        let (new, known) = baseline.filter(f2, &c2);
        assert_eq!(known, 1);
        assert_eq!(c2.doc(new[0].labels[0].doc).name, "doc1.txt");
    }

    #[test]
    fn values_not_places_make_the_identity() {
        use crate::corpus::Span;
        use crate::finding::{Category, Severity};
        let c = testing::corpus(&[
            "It was founded in 1921 by the city.\n",
            "Founded in 1922.\n",
        ]);
        let finding = |message: &str, span: Span| {
            Finding {
                rule: "date-conflict".into(),
                code: "E001".into(),
                category: Category::DateConflict,
                severity: Severity::Warning,
                message: message.into(),
                labels: vec![],
                notes: vec![],
                suggestion: None,
                fix: None,
            }
            .label(0, span, "here")
        };
        let a = finding(
            "founded on `1921` here but `1922` at `doc1.txt:1`",
            Span::new(0, 35),
        );
        // The labelled sentence edited elsewhere, the other side on another line.
        let b = finding(
            "founded on `1921` here but `1922` at `doc1.txt:7`",
            Span::new(0, 30),
        );
        assert_eq!(fingerprint(&a, &c), fingerprint(&b, &c));
        let other = finding(
            "founded on `1921` here but `1923` at `doc1.txt:1`",
            Span::new(0, 35),
        );
        assert_ne!(fingerprint(&a, &c), fingerprint(&other, &c));
    }

    #[test]
    fn a_malformed_baseline_points_at_its_line() {
        let err = Baseline::parse("{\n\"version\": 2,\n\"findings\": [}\n", "b.json").unwrap_err();
        assert_eq!((err.file.as_deref(), err.line), (Some("b.json"), 3));
        let err = Baseline::parse("{\"version\": 7, \"findings\": []}", "b.json").unwrap_err();
        assert!(err.message.contains("version 7"), "{err}");
    }
}
