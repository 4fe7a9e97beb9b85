//! `office_term_conflict`: a post of a biography's subject whose term is given two ways in one
//! document: the infobox says `Office2: Minister of Harbour Works`, `Term Start2: 4 August
//! 2021`, the prose says `served as the Minister of Harbour Works from 2020 to 2022`.
//!
//! Offices come from [`crate::extract::person::offices`]: numbered infobox offices and
//! `as <Post> from D to D` in prose. Two offices are one post when their keys are equal
//! (folded, without `the` or an ordinal). Their starts, and their ends, must agree at the
//! precision both give (`2021` agrees with `4 August 2021`).
//!
//! Which side is marked: the prose term. The infobox gives days and is the structured record;
//! prose rounds and drifts.

use super::{Check, Context, IndexKind, Kind};
use crate::config::Rule;
use crate::corpus::Document;
use crate::extract::dates::PartialDate;
use crate::extract::person::Office;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "office_term_conflict",
    summary: "a post of a document's subject whose term the infobox and the prose give differently",
    params: "(none)",
    placeholders: &["post", "one", "other"],
    build,
};

struct OfficeTermConflict;

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let _: toml::Table = super::params(value)?;
    Ok(Box::new(OfficeTermConflict))
}

fn differ(a: Option<PartialDate>, b: Option<PartialDate>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if !a.compatible(&b))
}

fn term(o: &Office) -> String {
    let show = |d: Option<PartialDate>| d.map_or("?".to_string(), |d| d.to_string());
    format!("{} to {}", show(o.from), show(o.to))
}

impl Check for OfficeTermConflict {
    fn indexes(&self) -> &'static [IndexKind] {
        &[IndexKind::Facts]
    }

    fn check_document(&self, rule: &Rule, cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let offices = &cx.index.facts().docs[doc.id].offices;
        for prose in offices.iter().filter(|o| !o.from_infobox) {
            let Some(record) = offices
                .iter()
                .find(|o| o.from_infobox && o.key == prose.key)
            else {
                continue;
            };
            if !differ(prose.from, record.from) && !differ(prose.to, record.to) {
                continue;
            }
            let (one, other) = (term(prose), term(record));
            let mut f = rule
                .finding(&[("post", &prose.post), ("one", &one), ("other", &other)])
                .label(doc.id, prose.span, format!("`{one}` here"))
                .label(doc.id, record.span, "but the infobox gives another term");
            for span in &record.more {
                f = f.label(doc.id, *span, "here");
            }
            out.push(
                f.note("matched as one post of the document's subject: the same post name, without `the` or an ordinal")
                    .note("which side is marked: the prose; the infobox is the structured record"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{builtin_rule, findings};

    const RULE: &str = "office-term-conflict";

    const BIO: &str = "= Ivo Kask =\n\nInfobox\n- Office: 5th President of Norland\n- Term Start: 13 March 2022\n- Office2: Minister of Harbour Works\n- Term Start2: 4 August 2021\n- Term End2: 3 March 2022\n- Office3: Mayor of Port Vell\n- Term Start3: 4 December 1992\n- Term End3: 22 February 1996\n\n";

    #[test]
    fn a_prose_term_that_starts_a_year_early() {
        let doc = format!(
            "{BIO}He served as Mayor of Port Vell from 1992 to 1996 and as the Minister of Harbour Works from 2020 to 2022.\n"
        );
        let f = findings(&builtin_rule(RULE), &[&doc]);
        assert_eq!(f.len(), 1);
        assert!(
            f[0].message.contains("Minister of Harbour Works"),
            "{}",
            f[0].message
        );
    }

    #[test]
    fn the_same_terms_at_two_precisions_and_another_post() {
        let doc = format!(
            "{BIO}He served as Mayor of Port Vell from 1992 to 1996 and as the Deputy Minister of Harbour Works from 2019 to 2020.\n"
        );
        assert!(findings(&builtin_rule(RULE), &[&doc]).is_empty());
    }
}
