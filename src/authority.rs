//! Source authority: when documents disagree, the side to correct is the least trusted one.
//!
//! `[authority]` in concord.toml names trusted and distrusted documents by glob. After the checks
//! have run, a finding whose labels lie in documents of different standing gets its primary label
//! moved to the least authoritative side (the first such label in its order), with a note that
//! says so. Checks choose their primary label by their own policy (reading order, majority);
//! authority overrides it only where the user said whom to believe. A file matched by both lists
//! counts as distrusted: doubt wins.

use crate::config::project::Authority;
use crate::corpus::Corpus;
use crate::finding::Finding;

/// How much a document is believed: distrusted 0, unlisted 1, trusted 2.
fn standing(authority: &Authority, name: &str) -> u8 {
    if authority.distrusted.matches(name) {
        0
    } else if authority.trusted.matches(name) {
        2
    } else {
        1
    }
}

fn describe(standing: u8) -> &'static str {
    match standing {
        0 => "distrusted",
        1 => "not listed in [authority]",
        _ => "trusted",
    }
}

/// Moves each cross-document finding's primary label to its least authoritative side, then
/// restores the output order. Returns how many findings changed.
pub fn apply(findings: &mut [Finding], corpus: &Corpus, authority: &Authority) -> usize {
    if authority.is_empty() {
        return 0;
    }
    let mut changed = 0;
    for f in findings.iter_mut() {
        if f.labels.is_empty() {
            continue;
        }
        let ranks: Vec<u8> = f
            .labels
            .iter()
            .map(|l| standing(authority, &corpus.doc(l.doc).name))
            .collect();
        let current = f.labels.iter().position(|l| l.primary).unwrap_or(0);
        let lowest = *ranks.iter().min().unwrap_or(&1);
        if ranks[current] == lowest {
            continue;
        }
        let target = ranks.iter().position(|&r| r == lowest).unwrap_or(0);
        let old = corpus.doc(f.labels[current].doc).name.clone();
        let new = corpus.doc(f.labels[target].doc).name.clone();
        for (i, l) in f.labels.iter_mut().enumerate() {
            l.primary = i == target;
        }
        let label = f.labels.remove(target);
        f.labels.insert(0, label);
        f.notes.push(format!(
            "`{new}` is {} and `{old}` is {}, so `{new}` is taken as the side to correct",
            describe(lowest),
            describe(ranks[current])
        ));
        changed += 1;
    }
    if changed > 0 {
        findings.sort_by(|a, b| {
            a.sort_key()
                .cmp(&b.sort_key())
                .then_with(|| a.message.cmp(&b.message))
        });
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Project;
    use crate::corpus::Span;
    use crate::finding::{Category, Severity};
    use crate::testing;
    use std::path::Path;

    fn conflict() -> Finding {
        Finding {
            rule: "chief-conflict".into(),
            code: "F001".into(),
            category: Category::FactConflict,
            severity: Severity::Error,
            message: "`A` against `B`".into(),
            labels: vec![],
            notes: vec![],
            suggestion: None,
            fix: None,
        }
        .label(0, Span::new(0, 1), "says A")
        .label(1, Span::new(0, 1), "says B")
    }

    fn authority(toml: &str) -> Authority {
        Project::parse(toml, "concord.toml", Path::new(""))
            .unwrap()
            .authority
    }

    #[test]
    fn the_primary_label_moves_off_a_trusted_document() {
        let corpus = testing::corpus(&["A.\n", "B.\n"]);
        let mut findings = vec![conflict()];
        let n = apply(
            &mut findings,
            &corpus,
            &authority("[authority]\ntrusted = [\"doc0.txt\"]\n"),
        );
        assert_eq!(n, 1);
        let f = &findings[0];
        assert_eq!((f.labels[0].doc, f.labels[0].primary), (1, true));
        assert_eq!((f.labels[1].doc, f.labels[1].primary), (0, false));
        assert_eq!(
            f.notes,
            [
                "`doc1.txt` is not listed in [authority] and `doc0.txt` is trusted, so `doc1.txt` is taken as the side to correct"
            ]
        );
    }

    #[test]
    fn a_primary_already_on_the_weaker_side_stays_without_a_note() {
        let corpus = testing::corpus(&["A.\n", "B.\n"]);
        let mut findings = vec![conflict()];
        let n = apply(
            &mut findings,
            &corpus,
            &authority("[authority]\ndistrusted = [\"doc0.txt\"]\ntrusted = [\"doc1.txt\"]\n"),
        );
        assert_eq!(n, 0);
        assert_eq!(findings[0], conflict());
    }

    #[test]
    fn documents_of_equal_standing_keep_the_checks_choice() {
        let corpus = testing::corpus(&["A.\n", "B.\n"]);
        let mut findings = vec![conflict()];
        let n = apply(
            &mut findings,
            &corpus,
            &authority("[authority]\ntrusted = [\"*.txt\"]\n"),
        );
        assert_eq!((n, &findings[0]), (0, &conflict()));
    }
}
