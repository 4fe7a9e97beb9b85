//! Gold lists in the scorer's shape (`shared/tools/score.py`), for the integration tests that pin
//! a corpus's score.
//!
//! A gold span is the first occurrence of its text on its 1-based line, as a byte range of its
//! file; a finding hits an item when one of its labels overlaps one of the item's spans and the
//! categories agree.

use std::path::Path;
use std::process::Command;

/// A byte range of a file, by file name.
pub type Range = (String, usize, usize);

pub struct Item {
    pub id: String,
    pub category: String,
    pub spans: Vec<Range>,
}

/// One diagnostic of a JSON report: its rule, category and labels.
pub struct Diagnostic {
    pub rule: String,
    pub category: String,
    pub labels: Vec<Range>,
}

impl Diagnostic {
    pub fn hits(&self, item: &Item) -> bool {
        self.category == item.category && self.touches(item)
    }

    /// Whether a label overlaps one of the item's spans, whatever the categories.
    pub fn touches(&self, item: &Item) -> bool {
        self.labels
            .iter()
            .any(|l| item.spans.iter().any(|s| overlaps(l, s)))
    }
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.0 == b.0 && a.1 < b.2 && b.1 < a.2
}

/// The byte range of a gold span: the first occurrence of its text on its line.
fn locate(dir: &Path, span: &serde_json::Value) -> Range {
    let file = span["file"].as_str().expect("a span names its file");
    let line = span["line"].as_u64().expect("a span has a line") as usize;
    let needle = span["text"].as_str().expect("a span has a text");
    let text = std::fs::read_to_string(dir.join(file))
        .unwrap_or_else(|e| panic!("{}: {e}", dir.join(file).display()));
    let mut offset = 0;
    for (n, l) in text.split('\n').enumerate() {
        if n + 1 == line {
            let at = l
                .find(needle)
                .unwrap_or_else(|| panic!("{file}:{line}: gold text {needle:?} not on the line"));
            return (file.to_string(), offset + at, offset + at + needle.len());
        }
        offset += l.len() + 1;
    }
    panic!("{file}: no line {line}");
}

/// The items of a gold (or non-issue) list whose spans point into `docs`.
pub fn items(docs: &Path, list: &Path) -> Vec<Item> {
    let text = std::fs::read_to_string(list).unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    let raw: serde_json::Value = serde_json::from_str(&text).expect("a gold list is JSON");
    raw.as_array()
        .expect("a gold list is an array")
        .iter()
        .map(|g| Item {
            id: g["id"].as_str().expect("an item has an id").to_string(),
            category: g["category"]
                .as_str()
                .expect("an item has a category")
                .to_string(),
            spans: g["spans"]
                .as_array()
                .expect("an item has spans")
                .iter()
                .map(|s| locate(docs, s))
                .collect(),
        })
        .collect()
}

/// Runs `concord check --format json` with `args` and reads its diagnostics.
pub fn check(args: &[&str], docs: &Path) -> Vec<Diagnostic> {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["check", "--format", "json"])
        .args(args)
        .arg(docs)
        .output()
        .expect("concord runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    report["diagnostics"]
        .as_array()
        .expect("a diagnostics list")
        .iter()
        .map(|d| Diagnostic {
            rule: d["rule"].as_str().unwrap_or_default().to_string(),
            category: d["category"].as_str().unwrap_or_default().to_string(),
            labels: d["labels"]
                .as_array()
                .expect("labels")
                .iter()
                .map(|l| {
                    let file = Path::new(l["file"].as_str().expect("a label names its file"));
                    (
                        file.file_name()
                            .expect("a file name")
                            .to_string_lossy()
                            .into_owned(),
                        l["start"].as_u64().expect("a start") as usize,
                        l["end"].as_u64().expect("an end") as usize,
                    )
                })
                .collect(),
        })
        .collect()
}
