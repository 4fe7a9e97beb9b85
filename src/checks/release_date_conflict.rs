//! `release_date_conflict`: one version of one product given two release dates, in a changelog
//! and in prose, or in two documents (`## [1.4.0] - 2023-04-05` against `Version 1.4.0 was
//! released on 6 April 2023`).
//!
//! Statements come from [`crate::extract::releases`]. Two dates agree when they can mean the
//! same day at the precision both give (`April 2023` and `2023-04-05`); `1.4` and `1.4.0` are
//! two versions, and a version named after a product (`Python 3.8`) is that product's.
//!
//! Which side is marked: the date fewer statements give; on a tie, the one stated later.

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::DocId;
use crate::extract::dates::PartialDate;
use crate::extract::releases::{self, Release};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "release_date_conflict",
    summary: "one version given two release dates",
    params: "(none)",
    placeholders: &["version", "one", "other"],
    build,
};

struct ReleaseDateConflict;

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let _: toml::Table = super::params(value)?;
    Ok(Box::new(ReleaseDateConflict))
}

fn agree(a: PartialDate, b: PartialDate) -> bool {
    a.earliest() <= b.latest() && b.earliest() <= a.latest()
}

impl Check for ReleaseDateConflict {
    fn check_corpus(&self, rule: &Rule, cx: &Context, out: &mut Vec<Finding>) {
        let mut all: Vec<(DocId, Release)> = cx
            .corpus
            .docs
            .iter()
            .flat_map(|d| releases::read(d).into_iter().map(move |r| (d.id, r)))
            .collect();
        all.sort_by(|a, b| {
            (&a.1.product, &a.1.version, a.0, a.1.span.start).cmp(&(
                &b.1.product,
                &b.1.version,
                b.0,
                b.1.span.start,
            ))
        });
        for group in all.chunk_by(|a, b| a.1.product == b.1.product && a.1.version == b.1.version) {
            // The dates given, each with the statements that give it.
            let mut dates: Vec<(PartialDate, Vec<&(DocId, Release)>)> = Vec::new();
            for s in group {
                match dates.iter_mut().find(|(d, _)| agree(*d, s.1.date)) {
                    Some((_, list)) => list.push(s),
                    None => dates.push((s.1.date, vec![s])),
                }
            }
            if dates.len() < 2 {
                continue;
            }
            dates.sort_by_key(|(_, list)| std::cmp::Reverse(list.len()));
            let (right_date, right) = &dates[0];
            for (wrong_date, wrong) in &dates[1..] {
                let (wd, w) = wrong[wrong.len() - 1];
                let (rd, r) = right[0];
                let version = &w.version;
                out.push(
                    rule.finding(&[
                        ("version", version),
                        ("one", &wrong_date.to_string()),
                        ("other", &right_date.to_string()),
                    ])
                    .label(
                        *wd,
                        w.span,
                        format!("`{version}` released on {} here", w.date),
                    )
                    .label(*rd, r.span, format!("but on {} here", r.date))
                    .note(format!(
                        "which side is marked: the date fewer statements give ({} against {})",
                        wrong.len(),
                        right.len()
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "release-date-conflict";

    #[test]
    fn a_changelog_heading_against_a_sentence() {
        let docs = [
            "# Changelog\n\n## [1.4.0] - 2023-04-05\n\n- Added a flag.\n\n## [1.3.2] - 2023-01-10\n\n- Fixed a crash.\n",
            "# News\n\nVersion 1.4.0 was released on 6 April 2023 with a new flag.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
    }

    #[test]
    fn a_heading_with_a_compare_link_as_semantic_release_writes_it() {
        // The heading shape of semantic-release changelogs (github.com/0-vortex/release,
        // CHANGELOG.md), with its version and date as there.
        let docs = [
            "## [3.0.0](https://github.com/0-vortex/open-sauced-semantic-config-test/compare/v2.1.0...v3.0.0) (2021-10-25)\n\n## 1.0.0 (2021-07-28)\n",
            "# News\n\nVersion 3.0.0 was released on 26 October 2021. Version 1.0.0 was released in July 2021.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].message.contains("3.0.0"));
    }

    #[test]
    fn near_misses_stay_silent() {
        // One day written two ways; a month; another version; another product's version; a
        // decimal that is no version.
        let docs = [
            "# Changelog\n\n## [1.4.0] - 2023-04-05\n\n## v1.4 (12 March 2023)\n\n- 1.3.0, 2 February 2023: first cut.\n",
            "# News\n\nVersion 1.4.0 was released on 5 April 2023. Release 1.4.0 came out in April 2023. It needs Python 3.8, released on 14 October 2019. Version 1.3.0 was released on 2 February 2023. Sales rose 3.5 percent, published on 1 May 2023.\n",
        ];
        let f = findings(&builtin_rule(RULE), &docs);
        assert!(f.is_empty(), "{f:#?}");
    }
}
