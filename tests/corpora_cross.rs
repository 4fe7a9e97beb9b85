//! The cross-document families (fact_conflict, date_conflict, duplicate) on the small corpora
//! under tests/corpora/: every gold item of these families is hit, and no finding of these
//! families lands outside the gold. Matching is the scorer's (see `gold`).

mod gold;

use std::path::{Path, PathBuf};

const FAMILIES: &[&str] = &["fact_conflict", "date_conflict", "duplicate"];

fn corpus_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpora")
        .join(name)
}

/// Every gold item of the families is hit, except the ones named in `known_misses` (which must
/// really be missed, so the list cannot go stale), and every finding hits a gold item.
fn assert_matches_gold(name: &str, known_misses: &[&str]) {
    let dir = corpus_dir(name);
    let gold: Vec<gold::Item> = gold::items(&dir, &dir.join("gold.json"))
        .into_iter()
        .filter(|g| FAMILIES.contains(&g.category.as_str()))
        .collect();
    let found: Vec<gold::Diagnostic> = gold::check(&["--select", &FAMILIES.join(",")], &dir)
        .into_iter()
        .filter(|d| FAMILIES.contains(&d.category.as_str()))
        .collect();
    assert!(!gold.is_empty(), "{name}: no gold items of the families");
    for item in &gold {
        let hit = found.iter().any(|d| d.hits(item));
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
    for d in &found {
        assert!(
            gold.iter().any(|g| d.hits(g)),
            "{name}: {} fires outside the gold at {:?}",
            d.rule,
            d.labels
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
