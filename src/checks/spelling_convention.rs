//! `spelling_convention`: one document that spells one word family two ways — `honour` and
//! `honor`, `fulfils` and `fulfills` — mixing two spelling conventions (British and American).
//!
//! The word families are data: each entry of `families` lists the family's forms as
//! `first/second` pairs (`"honour/honor honours/honors honoured/honored"`), the first spelling of
//! each pair in one convention and the second in the other. Forms spelled alike in both
//! conventions (`fulfilled`) are simply not listed. Only families where both spellings are
//! standard for the same meaning belong there: `practice/practise` or `program/programme` carry a
//! difference of meaning in one convention and must stay out.
//!
//! Scope: one document. Two documents written in different conventions are not inconsistent
//! with each other; each is consistent with itself.
//!
//! Code: a word inside an identifier, an option or a path (`--disable-optimisations`,
//! `set_colour`) keeps the spelling of the code and is not counted.
//!
//! Names: a form written with a capital letter anywhere but at the start of a sentence is taken
//! to be part of a proper name (`Alley of Honor`, `Ministry of Defense`), which keeps its own
//! spelling, and is not counted. Hyphenated words are looked at part by part.
//!
//! Which side is marked: the spelling used fewer times in the document is the slip; on a tie,
//! the one that appears first sets the convention. Every occurrence is labelled, the first
//! occurrence of the minority spelling first.

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "spelling_convention",
    summary: "one document spelling one word family in two conventions (honour and honor)",
    params: "families: word families, each a string of `first/second` spelling pairs separated by spaces (required)\n\
             conventions: names of the two conventions, first and second, for notes ([\"British\", \"American\"])\n\
             max_labels: at most this many occurrences are labelled in one finding (40)",
    placeholders: &["minority", "majority", "minority_count", "majority_count"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    families: Vec<String>,
    #[serde(default = "conventions")]
    conventions: [String; 2],
    #[serde(default = "max_labels")]
    max_labels: usize,
}

fn conventions() -> [String; 2] {
    ["British".into(), "American".into()]
}
fn max_labels() -> usize {
    40
}

/// Where a form belongs: its family, its convention (0 or 1), and its counterpart in the other.
struct Form {
    family: u32,
    side: u8,
    counterpart: String,
}

struct SpellingConvention {
    forms: FxHashMap<String, Form>,
    conventions: [String; 2],
    max_labels: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.families.is_empty() {
        return Err("`families` must list at least one word family".into());
    }
    let mut forms: FxHashMap<String, Form> = FxHashMap::default();
    for (family, entry) in p.families.iter().enumerate() {
        for pair in entry.split_whitespace() {
            let Some((a, b)) = pair.split_once('/') else {
                return Err(format!(
                    "family `{entry}`: `{pair}` is not a `first/second` pair"
                ));
            };
            let (a, b) = (a.to_lowercase(), b.to_lowercase());
            if a.is_empty() || b.is_empty() || a == b || b.contains('/') {
                return Err(format!(
                    "family `{entry}`: `{pair}` must pair two different spellings"
                ));
            }
            for (side, word, other) in [(0u8, &a, &b), (1u8, &b, &a)] {
                if forms.contains_key(word.as_str()) {
                    return Err(format!("`{word}` is listed in more than one family"));
                }
                forms.insert(
                    word.clone(),
                    Form {
                        family: family as u32,
                        side,
                        counterpart: other.clone(),
                    },
                );
            }
        }
    }
    Ok(Box::new(SpellingConvention {
        forms,
        conventions: p.conventions,
        max_labels: p.max_labels.max(2),
    }))
}

/// One occurrence of a listed form.
struct Occurrence<'a> {
    side: u8,
    span: Span,
    form: &'a Form,
}

/// True when a word is part of an identifier, an option or a path (`--disable-optimisations`,
/// `set_colour`, `colour.rs`): code keeps its own spelling.
fn in_code(doc: &Document, word: Span) -> bool {
    let before = doc.text[..word.start].chars().next_back();
    let mut after = doc.text[word.end..].chars();
    let next = after.next();
    matches!(before, Some('-' | '_' | '/' | '.' | '\\' | '`' | ':' | '='))
        || matches!(next, Some('_' | '/' | '(' | '`' | '='))
        || (next == Some('.') && after.next().is_some_and(char::is_alphanumeric))
}

impl SpellingConvention {
    /// Listed forms in the document's prose, in reading order, without those inside names.
    fn occurrences<'s>(&'s self, doc: &Document) -> Vec<Occurrence<'s>> {
        let mut out = Vec::new();
        for sentence in &doc.sentences {
            for (n, &word) in doc.words[sentence.words.clone()].iter().enumerate() {
                let text = doc.slice(word);
                if in_code(doc, word) {
                    continue;
                }
                let capital = text.chars().next().is_some_and(char::is_uppercase);
                // A hyphenated form may itself be listed (`co-operation/cooperation`).
                if text.contains('-')
                    && let Some(form) = self.forms.get(&text.to_lowercase())
                {
                    if !capital || n == 0 {
                        out.push(Occurrence {
                            side: form.side,
                            span: word,
                            form,
                        });
                    }
                    continue;
                }
                let mut offset = 0;
                for (p, part) in text.split('-').enumerate() {
                    let span = Span::new(word.start + offset, word.start + offset + part.len());
                    offset += part.len() + 1;
                    let capital = part.chars().next().is_some_and(char::is_uppercase);
                    // A capital that is not the sentence's own capital marks a name.
                    if capital && !(n == 0 && p == 0) {
                        continue;
                    }
                    if let Some(form) = self.forms.get(&part.to_lowercase()) {
                        out.push(Occurrence {
                            side: form.side,
                            span,
                            form,
                        });
                    }
                }
            }
        }
        out
    }
}

impl Check for SpellingConvention {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let mut families: FxHashMap<u32, Vec<Occurrence>> = FxHashMap::default();
        for o in self.occurrences(doc) {
            families.entry(o.form.family).or_default().push(o);
        }
        let mut mixed: Vec<Vec<Occurrence>> = families
            .into_values()
            .filter(|occ| occ.iter().any(|o| o.side == 0) && occ.iter().any(|o| o.side == 1))
            .collect();
        // Findings in reading order, so the output does not depend on hashing.
        mixed.sort_by_key(|occ| occ[0].span.start);
        for occ in mixed {
            let count = |side: u8| occ.iter().filter(|o| o.side == side).count();
            let (n0, n1) = (count(0), count(1));
            // Fewer uses is the slip; on a tie the spelling met first sets the convention.
            let minority = if n0 != n1 {
                u8::from(n1 < n0)
            } else {
                1 - occ[0].side
            };
            let majority = 1 - minority;
            let first_minor = occ.iter().find(|o| o.side == minority).unwrap_or(&occ[0]);
            let minority_word = doc.slice(first_minor.span).to_lowercase();
            // The same form in the other convention names the other side (`fulfils` and
            // `fulfills`, not `fulfils` and `fulfill`).
            // Name the other side as the document writes it: the same form if it occurs, else
            // the first occurrence of the other spelling.
            let majority_word = occ
                .iter()
                .filter(|o| o.side == majority)
                .map(|o| doc.slice(o.span).to_lowercase())
                .find(|w| *w == first_minor.form.counterpart)
                .or_else(|| {
                    occ.iter()
                        .find(|o| o.side == majority)
                        .map(|o| doc.slice(o.span).to_lowercase())
                })
                .unwrap_or_else(|| first_minor.form.counterpart.clone());
            let (nm, nj) = if minority == 0 { (n0, n1) } else { (n1, n0) };
            let mut f = rule.finding(&[
                ("minority", &minority_word),
                ("majority", &majority_word),
                ("minority_count", &nm.to_string()),
                ("majority_count", &nj.to_string()),
            ]);
            let ordered = occ
                .iter()
                .filter(|o| o.side == minority)
                .chain(occ.iter().filter(|o| o.side == majority));
            let (cm, cj) = (
                &self.conventions[minority as usize],
                &self.conventions[majority as usize],
            );
            for o in ordered.take(self.max_labels) {
                let message = if o.side == minority {
                    format!(
                        "{cm} spelling, where the document otherwise uses the {cj} one (`{}`)",
                        o.form.counterpart
                    )
                } else {
                    format!("{cj} spelling")
                };
                f = f.label(doc.id, o.span, message);
            }
            let mut fixes: Vec<String> = occ
                .iter()
                .filter(|o| o.side == minority)
                .map(|o| {
                    format!(
                        "{} → {}",
                        doc.slice(o.span).to_lowercase(),
                        o.form.counterpart
                    )
                })
                .collect();
            fixes.dedup();
            out.push(
                f.note(format!(
                    "{cm} spelling {nm} time(s), {cj} spelling {nj} time(s) in this document; the spelling used less often is taken as the slip"
                ))
                .note("capitalised forms inside a sentence are taken as parts of names and not counted")
                .suggest(fixes.join(", ")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "mixed-spelling-convention"
        code = "C001"
        category = "consistency"
        severity = "info"
        check = "spelling_convention"
        message = "`{minority}` ({minority_count}) and `{majority}` ({majority_count}) mix two spelling conventions"
        [rule.params]
        families = ["honour/honor honours/honors honoured/honored", "fulfil/fulfill fulfils/fulfills", "defence/defense"]
    "#;

    #[test]
    fn mixed_family_in_one_document_fires_on_the_minority() {
        let text = "It provides a guard of honour battalion. The guard of honor consists of ten people. They had the honor of carrying the flag.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "`honour` (1) and `honor` (2) mix two spelling conventions"
        );
        let words: Vec<_> = f[0]
            .labels
            .iter()
            .map(|l| &text[l.span.start..l.span.end])
            .collect();
        assert_eq!(words, ["honour", "honor", "honor"]);
        assert!(f[0].labels[0].primary);
    }

    #[test]
    fn inflections_belong_to_one_family() {
        let text = "Besides, the ministry fulfils tasks. The Ministry fulfills its functions. Fulfills courts decisions.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels.len(), 3);
    }

    #[test]
    fn hyphenated_forms_are_listed_whole() {
        let r = rule(&RULE.replace(
            "\"defence/defense\"]",
            "\"defence/defense\", \"co-operation/cooperation\"]",
        ));
        let f = findings(
            &r,
            &["The co-operation grew. Their cooperation helped, and cooperation lasted."],
        );
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "`co-operation` (1) and `cooperation` (2) mix two spelling conventions"
        );
    }

    #[test]
    fn code_keeps_its_spelling() {
        let f = findings(
            &rule(RULE),
            &["Use --no-honour to skip. The honor_roll table holds it. The honor is theirs."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn near_misses_stay_silent() {
        // Across documents each one is consistent with itself.
        let f = findings(
            &rule(RULE),
            &[
                "It protects the defence potential.",
                "It keeps civil defense troops.",
            ],
        );
        assert!(f.is_empty(), "{f:#?}");
        // A capitalised form inside a sentence is part of a name.
        let f = findings(
            &rule(RULE),
            &["A guard of honour stood in the Alley of Honor. The honour guard marched."],
        );
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn bad_families_are_rejected() {
        for families in [r#"["honour"]"#, r#"["honour/honour"]"#, r#"["a/b", "b/c"]"#] {
            let body = format!(
                "name = \"x\"\ncode = \"C001\"\ncategory = \"consistency\"\nseverity = \"info\"\ncheck = \"spelling_convention\"\nmessage = \"`{{minority}}`\"\n[rule.params]\nfamilies = {families}\n"
            );
            let text = format!(
                "[[rule]]\n{body}[rule.doc]\nflags = \"x\"\nwhy = \"x\"\nexample = \"x\"\nfix = \"x\"\nlimits = \"x\"\n"
            );
            assert!(
                crate::config::rules::parse_pack(&text, "t.toml").is_err(),
                "{families}"
            );
        }
    }
}
