//! The shared development corpus (tests/corpora/armenia_dev/: 13 real documents with real and
//! planted defects, a copy of `eval/dev/armenia/planted` with its `gold.json` and
//! `non_issues.json`), linted with the shipped rules and pinned for the fact families:
//! fact_conflict and date_conflict items are found except the known misses listed here (which
//! must really be missed, so the list can only shrink), no finding of these families lands
//! outside the gold, and no finding of any family lands on a non-issue.
//!
//! Matching follows the scorer (shared/tools/score.py): a span is the first occurrence of its
//! text on its line; a finding hits an item when a label overlaps a span and the categories
//! agree.

use std::path::{Path, PathBuf};

use concord::config::RuleSet;
use concord::corpus::LoadOptions;

const FAMILIES: &[&str] = &["fact_conflict", "date_conflict"];

/// Missed today. R-items are real defects of the source texts, P-items planted ones.
const KNOWN_MISSES: &[&str] = &[
    "R29", "R30", "R31", "R32", "R33", "R34", "R36", "R37", "R38", "R39", "R40", "R41", "R44",
    "R46", "P01", "P02", "P04",
];

type Range = (String, usize, usize);

struct Item {
    id: String,
    category: String,
    spans: Vec<Range>,
}

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
                .unwrap_or_else(|| panic!("{file}:{line}: text {needle:?} not on the line"));
            return (file.to_string(), offset + at, offset + at + needle.len());
        }
        offset += l.len() + 1;
    }
    panic!("{file}: no line {line}");
}

fn items(dir: &Path, file: &str) -> Vec<Item> {
    let raw: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(file)).unwrap()).unwrap();
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
        .collect()
}

fn overlaps(a: &Range, b: &Range) -> bool {
    a.0 == b.0 && a.1 < b.2 && b.1 < a.2
}

#[test]
fn dev_corpus_fact_and_date_families_are_pinned() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/armenia_dev");
    let gold = items(&dir, "gold.json");
    let non_issues = items(&dir, "non_issues.json");
    let rules = RuleSet::load(&[] as &[&str], true).expect("the shipped rule packs load");
    let outcome = concord::check(std::slice::from_ref(&dir), &LoadOptions::default(), &rules)
        .expect("the corpus loads");
    let findings: Vec<(String, String, Vec<Range>)> = outcome
        .findings
        .iter()
        .map(|f| {
            let labels = f
                .labels
                .iter()
                .map(|l| {
                    let doc = outcome.corpus.doc(l.doc);
                    let file = Path::new(&doc.name).file_name().unwrap();
                    (
                        file.to_string_lossy().into_owned(),
                        l.span.start,
                        l.span.end,
                    )
                })
                .collect();
            (f.rule.to_string(), f.category.to_string(), labels)
        })
        .collect();
    let hits = |category: &str, labels: &[Range], item: &Item| {
        category == item.category
            && labels
                .iter()
                .any(|l| item.spans.iter().any(|s| overlaps(l, s)))
    };
    for item in gold
        .iter()
        .filter(|g| FAMILIES.contains(&g.category.as_str()))
    {
        let hit = findings.iter().any(|(_, c, l)| hits(c, l, item));
        if KNOWN_MISSES.contains(&item.id.as_str()) {
            assert!(
                !hit,
                "{} is found now; drop it from the known misses",
                item.id
            );
        } else {
            assert!(hit, "gold item {} is not found", item.id);
        }
    }
    for (rule, category, labels) in &findings {
        if FAMILIES.contains(&category.as_str()) {
            assert!(
                gold.iter().any(|g| hits(category, labels, g)),
                "{rule} fires outside the gold at {labels:?}"
            );
        }
        for n in &non_issues {
            assert!(
                !labels
                    .iter()
                    .any(|l| n.spans.iter().any(|s| overlaps(l, s)))
                    || gold.iter().any(|g| hits(category, labels, g)),
                "{rule} fires on non-issue {} at {labels:?}",
                n.id
            );
        }
    }
}
