//! The cross-document families (fact_conflict, date_conflict, duplicate) on the small corpora
//! under tests/corpora/: every gold item of these families is hit, and no finding of these
//! families lands outside the gold.
//!
//! Matching follows the scorer (shared/tools/score.py): a gold span is the first occurrence of
//! its text on its line, as a byte range of its file; a finding hits a gold item when one of its
//! labels overlaps one of the item's spans and the categories agree.

use std::path::{Path, PathBuf};
use std::process::Command;

const FAMILIES: &[&str] = &["fact_conflict", "date_conflict", "duplicate"];

/// A byte range of a file, by file name.
type Range = (String, usize, usize);

struct Item {
    id: String,
    category: String,
    spans: Vec<Range>,
}

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

/// The byte range of a gold span: the first occurrence of its text on its line.
fn locate(dir: &Path, span: &serde_json::Value) -> Range {
    let file = span["file"].as_str().unwrap();
    let line = span["line"].as_u64().unwrap() as usize;
    let needle = span["text"].as_str().unwrap();
    let text = std::fs::read_to_string(dir.join(file)).unwrap();
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

fn gold(dir: &Path) -> Vec<Item> {
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
    raw.as_array()
        .unwrap()
        .iter()
        .map(|g| Item {
            id: g["id"].as_str().unwrap().to_string(),
            category: g["category"].as_str().unwrap().to_string(),
            spans: g["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| locate(dir, s))
                .collect(),
        })
        .filter(|g| FAMILIES.contains(&g.category.as_str()))
        .collect()
}

/// (rule, category, labels) of every finding of the families.
fn findings(dir: &Path) -> Vec<(String, String, Vec<Range>)> {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["check", "--format", "json", "--select", &FAMILIES.join(",")])
        .arg(dir)
        .output()
        .expect("concord runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let labels = d["labels"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    let file = Path::new(l["file"].as_str().unwrap());
                    (
                        file.file_name().unwrap().to_string_lossy().into_owned(),
                        l["start"].as_u64().unwrap() as usize,
                        l["end"].as_u64().unwrap() as usize,
                    )
                })
                .collect();
            (
                d["rule"].as_str().unwrap().to_string(),
                d["category"].as_str().unwrap().to_string(),
                labels,
            )
        })
        .filter(|(_, category, _)| FAMILIES.contains(&category.as_str()))
        .collect()
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.0 == b.0 && a.1 < b.2 && b.1 < a.2
}

fn hits(category: &str, labels: &[Range], item: &Item) -> bool {
    category == item.category
        && labels
            .iter()
            .any(|l| item.spans.iter().any(|s| overlaps(l, s)))
}

/// Every gold item of the families is hit, except the ones named in `known_misses` (which must
/// really be missed, so the list cannot go stale), and every finding hits a gold item.
fn assert_matches_gold(name: &str, known_misses: &[&str]) {
    let dir = corpus_dir(name);
    let gold = gold(&dir);
    let found = findings(&dir);
    assert!(!gold.is_empty(), "{name}: no gold items of the families");
    for item in &gold {
        let hit = found.iter().any(|(_, c, l)| hits(c, l, item));
        if known_misses.contains(&item.id.as_str()) {
            assert!(
                !hit,
                "{name}: {} is found now; drop it from the known misses",
                item.id
            );
        } else {
            assert!(hit, "{name}: gold item {} is not found", item.id);
        }
    }
    for (rule, category, labels) in &found {
        assert!(
            gold.iter().any(|g| hits(category, labels, g)),
            "{name}: {rule} fires outside the gold at {labels:?}"
        );
    }
}

#[test]
fn port_authority_and_coast_guard() {
    assert_matches_gold("port_georgia", &[]);
}

#[test]
fn national_library_and_ministry() {
    assert_matches_gold("library_kz", &[]);
}

#[test]
fn football_federation_and_clubs() {
    assert_matches_gold("football_tr", &[]);
}
