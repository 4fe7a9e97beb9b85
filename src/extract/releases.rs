//! Release dates of versions, as project documents state them:
//!
//! - a changelog heading or list item that opens with a version and gives a date: `## [1.4.0] -
//!   2023-04-05`, `## v1.4.0 (5 April 2023)`, `- 1.4.0, 5 April 2023: ...`;
//! - a sentence in which a version is said to be released on a date: `Version 1.4.0 was
//!   released on 6 April 2023`, `1.4.0, released in April 2023, ...`.
//!
//! A version is keyed by the product named just before it (`Python 3.8` is not the project's own
//! `3.8`); `version`, `release` or nothing before it give the empty key, the document's own
//! product.

use std::sync::LazyLock;

use regex::Regex;

use super::dates::{self, PartialDate};
use crate::corpus::Document;
use crate::parse::BlockKind;
use crate::span::Span;

/// One statement of when a version was released.
#[derive(Debug, Clone)]
pub struct Release {
    /// The product named before the version, folded; empty for the document's own.
    pub product: String,
    /// The version without a leading `v`: `1.4.0`.
    pub version: String,
    pub date: PartialDate,
    /// The version and the date as written.
    pub span: Span,
}

/// A version: two or three numbers joined by dots, an optional `v` and a pre-release tag.
static VERSION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\w.])(?<v>[vV]?(?<n>\d{1,4}\.\d{1,4}(?:\.\d{1,4})?(?:-[0-9A-Za-z.]+)?))(?:[^\w.]|\.(?:\s|$)|$)")
        .unwrap()
});

/// A Markdown link's target: `](https://...)`.
static LINK_TARGET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\]\([^()\s]*\)").unwrap());

/// Between a version and its date in a sentence: a release verb.
static RELEASED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.;]{0,40}?\b(?:was |were |has been |had been )?(?:released|shipped|published|came out|went out|launched|tagged)\b[^.;]{0,25}?$")
        .unwrap()
});

/// Words before a version that name no product.
const PLAIN: &[&str] = &[
    "version", "release", "v", "ver", "to", "from", "in", "of", "and", "the",
];

/// Every release date a document states.
pub fn read(doc: &Document) -> Vec<Release> {
    let mut out = Vec::new();
    // The blocks read as a changelog entry, whose sentences are not read again.
    let mut entry = vec![false; doc.blocks.len()];
    for (index, block) in doc.blocks.iter().enumerate() {
        let opening = matches!(
            block.kind,
            BlockKind::Heading { .. } | BlockKind::ListItem(_)
        );
        if !opening {
            continue;
        }
        let text = doc.slice(block.content);
        // `[1.4.0] - 2023-04-05`: the version first, the date within the next 40 bytes.
        let head = text.trim_start_matches(['[', '#', ' ', '*']);
        let lead = text.len() - head.len();
        let Some(c) = VERSION.captures(head) else {
            continue;
        };
        let v = c.name("v").unwrap();
        if looks_like_a_date(&c["n"])
            || !head[..v.start()]
                .trim()
                .trim_end_matches(['[', '('])
                .split_whitespace()
                .all(|w| PLAIN.contains(&w.to_lowercase().as_str()))
        {
            continue;
        }
        let after = &head[v.end()..];
        let Some(d) = dates::find(after).into_iter().next() else {
            continue;
        };
        // A link's target between them is not read (`[1.4.0](https://.../compare/...) (date)`).
        let gap = LINK_TARGET.replace_all(&after[..d.span.start], "]");
        if gap.len() > 40 {
            continue;
        }
        let start = block.content.start + lead + v.start();
        entry[index] = true;
        out.push(Release {
            product: String::new(),
            version: c["n"].to_string(),
            date: d.date,
            span: Span::new(start, block.content.start + lead + v.end() + d.span.end),
        });
    }
    for sentence in &doc.sentences {
        if entry[sentence.block] {
            continue;
        }
        let text = doc.slice(sentence.span);
        if !has_release_word(text) {
            continue;
        }
        let found = dates::find(text);
        for c in VERSION.captures_iter(text) {
            let v = c.name("v").unwrap();
            if looks_like_a_date(&c["n"]) {
                continue;
            }
            // The first date after the version, with a release verb between them.
            let Some(d) = found.iter().find(|d| d.span.start >= v.end()) else {
                continue;
            };
            if !RELEASED.is_match(&text[v.end()..d.span.start]) {
                continue;
            }
            let product = text[..v.start()]
                .split_whitespace()
                .next_back()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .filter(|w| !w.is_empty() && !PLAIN.contains(&w.as_str()))
                .unwrap_or_default();
            out.push(Release {
                product,
                version: c["n"].to_string(),
                date: d.date,
                span: Span::new(
                    sentence.span.start + v.start(),
                    sentence.span.start + d.span.end,
                ),
            });
        }
    }
    out
}

/// `2023.04.05` is a date written with dots, not a version.
fn looks_like_a_date(version: &str) -> bool {
    version
        .split('.')
        .next()
        .and_then(|y| y.parse::<u32>().ok())
        .is_some_and(|y| (1800..=2200).contains(&y))
}

fn has_release_word(text: &str) -> bool {
    [
        "released",
        "shipped",
        "published",
        "came out",
        "went out",
        "launched",
        "tagged",
    ]
    .iter()
    .any(|w| text.contains(w))
}
