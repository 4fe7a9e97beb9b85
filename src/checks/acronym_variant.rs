//! `acronym_variant`: one abbreviation written two ways in one document — its letters in
//! another order (`FIS` and `FSI`, `CGN` and `NCG`), or two abbreviations that make one name in
//! the other order (`NSS RA` and `RA NSS`).
//!
//! How: the capital-letter words of each document are counted; two with the same letters in a
//! different order, or one pair of them written side by side in both orders, are one
//! abbreviation written two ways.
//!
//! Precision guards:
//! - *Frequency*: the variant is the rarer form, written at most `max_variant` times, and the
//!   usual form at least as often as the variant (for reordered letters, at least
//!   `min_usual` times and twice as often as the variant): an abbreviation used throughout and
//!   a slip once, not two abbreviations each in use.
//! - *Declared*: an abbreviation introduced in brackets (`Coastal Survey (CSN)`) is a name of
//!   its own; two forms that are both introduced so are two names.
//! - *Close by*: the variant stands within `window` bytes of the usual form, in the same
//!   document; far apart they may belong to different parts of a long text.
//!
//! Which side is marked: the rarer form; on a tie, the later one.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "acronym_variant",
    summary: "one abbreviation written two ways in one document: letters or parts in another order",
    params: "min_letters: abbreviations shorter than this are not compared for reordered letters (3)\n\
             min_usual: times the usual form must be written for a reordering of its letters to be a slip (2)\n\
             max_variant: the variant is written at most this many times (2)\n\
             window: how close, in bytes, the variant must stand to the usual form (2000)",
    placeholders: &["variant", "usual"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_letters")]
    min_letters: usize,
    #[serde(default = "min_usual")]
    min_usual: usize,
    #[serde(default = "max_variant")]
    max_variant: usize,
    #[serde(default = "window")]
    window: usize,
}

fn min_letters() -> usize {
    3
}
fn min_usual() -> usize {
    2
}
fn max_variant() -> usize {
    2
}
fn window() -> usize {
    2000
}

struct AcronymVariant {
    min_letters: usize,
    min_usual: usize,
    max_variant: usize,
    window: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(AcronymVariant {
        min_letters: p.min_letters.max(2),
        min_usual: p.min_usual.max(1),
        max_variant: p.max_variant.max(1),
        window: p.window,
    }))
}

/// A word of two or more letters, all capitals, without a possessive `'s`.
fn acronym(word: &str) -> Option<&str> {
    let core = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word);
    (core.chars().count() >= 2 && core.chars().all(char::is_uppercase)).then_some(core)
}

/// Every abbreviation of the document with its spans, in reading order of first use.
struct Uses<'a> {
    order: Vec<&'a str>,
    spans: FxHashMap<&'a str, Vec<Span>>,
    /// Introduced in brackets right after a name: `(CSN)`, `(CSN;`.
    declared: FxHashSet<&'a str>,
    /// Two abbreviations side by side, separated by one space: (first, second) → spans.
    pairs: FxHashMap<(&'a str, &'a str), Vec<Span>>,
}

fn uses(doc: &Document) -> Uses<'_> {
    let mut u = Uses {
        order: Vec::new(),
        spans: FxHashMap::default(),
        declared: FxHashSet::default(),
        pairs: FxHashMap::default(),
    };
    let mut last: Option<(&str, Span)> = None;
    for &w in &doc.words {
        let Some(a) = acronym(doc.slice(w)) else {
            last = None;
            continue;
        };
        let span = Span::new(w.start, w.start + a.len());
        let entry = u.spans.entry(a).or_default();
        if entry.is_empty() {
            u.order.push(a);
        }
        entry.push(span);
        if doc.text[..w.start].ends_with('(') {
            u.declared.insert(a);
        }
        if let Some((prev, prev_span)) = last
            && &doc.text[prev_span.end..w.start] == " "
        {
            u.pairs
                .entry((prev, a))
                .or_default()
                .push(prev_span.cover(span));
        }
        last = Some((a, span));
    }
    u
}

/// A form of an abbreviation and where it is written.
type Form<'a, K> = (K, &'a [Span]);

fn sorted_letters(a: &str) -> Vec<char> {
    let mut c: Vec<char> = a.chars().collect();
    c.sort_unstable();
    c
}

impl AcronymVariant {
    fn near(&self, variant: &[Span], usual: &[Span]) -> bool {
        variant.iter().any(|v| {
            usual
                .iter()
                .any(|u| u.start.abs_diff(v.start) <= self.window)
        })
    }

    /// The rarer of two forms and the other, if the rarer is rare enough and close to it.
    fn variant_of<'a, K: Copy>(
        &self,
        a: Form<'a, K>,
        b: Form<'a, K>,
        min_usual: usize,
        ratio: usize,
    ) -> Option<(Form<'a, K>, Form<'a, K>)> {
        let later = |x: &[Span], y: &[Span]| x[0].start > y[0].start;
        let (v, u) = if a.1.len() < b.1.len() || (a.1.len() == b.1.len() && later(a.1, b.1)) {
            (a, b)
        } else {
            (b, a)
        };
        (v.1.len() <= self.max_variant
            && u.1.len() >= min_usual.max(ratio * v.1.len())
            && self.near(v.1, u.1))
        .then_some((v, u))
    }

    fn report(
        rule: &Rule,
        doc: &Document,
        (variant, vs): (&str, &[Span]),
        (usual, us): (&str, &[Span]),
        why: String,
        out: &mut Vec<Finding>,
    ) {
        let mut f = rule.finding(&[("variant", variant), ("usual", usual)]);
        for (i, &s) in vs.iter().enumerate() {
            f = f.label(
                doc.id,
                s,
                if i == 0 {
                    format!("`{variant}` here")
                } else {
                    "and here".into()
                },
            );
        }
        for &s in us.iter().take(3) {
            f = f.label(doc.id, s, format!("`{usual}` here"));
        }
        out.push(
            f.note(why)
                .note(format!(
                    "`{variant}` is written {}, `{usual}` {}: the rarer form is taken for the slip",
                    vs.len(),
                    us.len()
                ))
                .suggest(usual.to_string()),
        );
    }
}

impl Check for AcronymVariant {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let u = uses(doc);
        // Reordered letters: forms grouped by their sorted letters.
        let mut by_letters: FxHashMap<Vec<char>, Vec<&str>> = FxHashMap::default();
        for &a in &u.order {
            if a.chars().count() >= self.min_letters {
                by_letters.entry(sorted_letters(a)).or_default().push(a);
            }
        }
        let mut groups: Vec<&Vec<&str>> = by_letters.values().filter(|g| g.len() > 1).collect();
        groups.sort_by_key(|g| u.spans[g[0]][0].start);
        for group in groups {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    if u.declared.contains(a) && u.declared.contains(b) {
                        continue;
                    }
                    let pick = self.variant_of(
                        (a, &u.spans[a][..]),
                        (b, &u.spans[b][..]),
                        self.min_usual,
                        2,
                    );
                    if let Some((v, us)) = pick {
                        let why =
                            format!("`{}` has the letters of `{}` in another order", v.0, us.0);
                        Self::report(rule, doc, v, us, why, out);
                    }
                }
            }
        }
        // Two abbreviations of one name in both orders.
        let mut keys: Vec<&(&str, &str)> = u.pairs.keys().filter(|(x, y)| x < y).collect();
        keys.sort_by_key(|k| u.pairs[*k][0].start);
        for &(x, y) in keys {
            let Some(swapped) = u.pairs.get(&(y, x)) else {
                continue;
            };
            let straight = &u.pairs[&(x, y)];
            let pick = self.variant_of(((x, y), &straight[..]), ((y, x), &swapped[..]), 1, 1);
            if let Some((((vx, vy), vs), ((ux, uy), us))) = pick {
                let (v, usual) = (format!("{vx} {vy}"), format!("{ux} {uy}"));
                let why =
                    format!("`{v}` names the same body as `{usual}`, its parts in the other order");
                Self::report(rule, doc, (&v, vs), (&usual, us), why, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "acronym-variant"
        code = "N004"
        category = "name_variant"
        severity = "warning"
        check = "acronym_variant"
        message = "`{variant}` is written `{usual}` elsewhere in the document"
    "#;

    fn found(texts: &[&str]) -> Vec<Vec<String>> {
        findings(&rule(RULE), texts)
            .iter()
            .map(|f| {
                f.labels
                    .iter()
                    .map(|l| texts[l.doc][l.span.start..l.span.end].to_string())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn letters_in_another_order() {
        let f = found(&[
            "The Coastal Guard of Norland (CGN) patrols the bay. A bill would let the CGN board ships and widen the NCG's powers.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0], "NCG", "the possessive is left out");
        assert_eq!(f[0][1], "CGN");
    }

    #[test]
    fn parts_of_one_name_in_the_other_order() {
        let f = found(&[
            "An inquiry was held in the HMN NR on the appointment, and the former director of the NR HMN ignored the rules.",
        ]);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0][0], "NR HMN");
    }

    #[test]
    fn near_misses_stay_silent() {
        for text in [
            // Two declared abbreviations: two bodies.
            "The Civil Guard Network (CGN) and the National Coast Guard (NCG) met. The CGN and the NCG agreed.",
            // Each form in use throughout: not a slip.
            "The CGN met. The CGN spoke. The NCG met. The NCG spoke. The NCG left.",
            // A single use of the usual form does not make the other a slip.
            "The CGN met once. Later the NCG met.",
            // A list, not a name: a comma between the parts.
            "Delegates from the UK, US and from the US, UK came.",
            // Two letters are too few to tell.
            "The UN and the NU.",
        ] {
            let f = found(&[text]);
            assert!(f.is_empty(), "{text}: {f:?}");
        }
        let far = format!(
            "The CGN met. The CGN spoke. {} The NCG left.",
            "The weather was mild. ".repeat(120)
        );
        assert!(found(&[&far]).is_empty(), "far apart");
    }
}
