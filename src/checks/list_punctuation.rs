//! `list_punctuation`: list items that end with other punctuation than their siblings — a `.`
//! among items that end with `;`.
//!
//! A list is a run of consecutive list items of one shape (all numbered, or all bulleted
//! without numbers). The last item is left out, since it may close the list with a period. Among
//! the others, the closing mark (`;`, `,` or `.`) that at least `min_share` of them use is the
//! convention, and every other item that ends with one of those three marks is labelled, in one
//! finding per list. Items that end without punctuation, or with `:`, are not judged: fragments
//! and lead-ins to a sub-list are common and deliberate.

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::BlockKind;

pub const KIND: Kind = Kind {
    name: "list_punctuation",
    summary: "list items closed with other punctuation than their siblings",
    params: "min_items: lists with fewer items before the last one are not judged (4)\n\
             min_share: share of those items that must end with one mark for it to be the convention (0.75)",
    placeholders: &["mark", "expected", "count"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "min_items")]
    min_items: usize,
    #[serde(default = "min_share")]
    min_share: f32,
}

fn min_items() -> usize {
    4
}
fn min_share() -> f32 {
    0.75
}

struct ListPunctuation {
    min_items: usize,
    min_share: f32,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if !(0.5..=1.0).contains(&p.min_share) {
        return Err(format!(
            "min_share must be between 0.5 and 1, not {}",
            p.min_share
        ));
    }
    Ok(Box::new(ListPunctuation {
        min_items: p.min_items.max(2),
        min_share: p.min_share,
    }))
}

/// The marks that close list items and are judged.
const MARKS: [char; 3] = [';', ',', '.'];

/// Runs of consecutive list items of the same shape, as block indices.
fn lists(doc: &Document) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current: Vec<usize> = Vec::new();
    let mut shape = None;
    for (i, block) in doc.blocks.iter().enumerate() {
        let BlockKind::ListItem(marker) = &block.kind else {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        };
        let this = marker.number.is_some();
        if shape != Some(this) && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        shape = Some(this);
        current.push(i);
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The closing mark of an item and its span, looking through closing quotes and brackets.
fn closing(doc: &Document, block: usize) -> Option<(char, Span)> {
    let content = doc.blocks[block].content;
    let text = doc.slice(content).trim_end();
    let inner = text.trim_end_matches(['"', '”', '’', ')', ']']);
    let mark = inner.chars().next_back()?;
    let at = content.start + inner.len() - mark.len_utf8();
    MARKS
        .contains(&mark)
        .then_some((mark, Span::new(at, at + mark.len_utf8())))
}

impl Check for ListPunctuation {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for list in lists(doc) {
            let Some((_, judged)) = list.split_last() else {
                continue;
            };
            if judged.len() < self.min_items {
                continue;
            }
            let marks: Vec<Option<(char, Span)>> =
                judged.iter().map(|&b| closing(doc, b)).collect();
            let count = |m: char| marks.iter().flatten().filter(|(c, _)| *c == m).count();
            let Some(convention) = MARKS.into_iter().max_by_key(|&m| count(m)) else {
                continue;
            };
            let held = count(convention);
            if (held as f32) < self.min_share * judged.len() as f32 {
                continue;
            }
            let deviants: Vec<(usize, char, Span)> = judged
                .iter()
                .zip(&marks)
                .filter_map(|(&b, m)| m.map(|(c, s)| (b, c, s)))
                .filter(|&(_, c, _)| c != convention)
                .collect();
            let Some(&(_, first_mark, _)) = deviants.first() else {
                continue;
            };
            let mut f = rule.finding(&[
                ("mark", &first_mark.to_string()),
                ("expected", &convention.to_string()),
                ("count", &deviants.len().to_string()),
            ]);
            for &(block, mark, span) in &deviants {
                // Label the end of the item: its last words and the mark, so the place is
                // visible in a long item.
                let words = &doc.words;
                let i = words.partition_point(|w| w.end <= span.start);
                let from = words[i.saturating_sub(4)..i]
                    .first()
                    .map_or(span.start, |w| w.start)
                    .max(doc.blocks[block].content.start);
                f = f.label(
                    doc.id,
                    Span::new(from.min(span.start), span.end),
                    format!("ends with `{mark}` where the other items end with `{convention}`"),
                );
            }
            out.push(
                f.note(format!(
                    "{held} of the {} items before the last one end with `{convention}`; the majority sets the convention, and the last item may close the list with a period",
                    judged.len()
                ))
                .suggest(format!("end the item with `{convention}`")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "list-item-punctuation"
        code = "S003"
        category = "structure"
        severity = "info"
        check = "list_punctuation"
        message = "list item ends with `{mark}` where its siblings end with `{expected}`"
    "#;

    #[test]
    fn period_among_semicolons_fires() {
        let text = "- takes part;\n- fights crime;\n- informs the president. \n- conducts work;\n- obtains data;\n- fulfils other functions.\n";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].labels.len(), 1);
        let l = &f[0].labels[0];
        assert_eq!(&text[l.span.start..l.span.end], "informs the president.");
    }

    #[test]
    fn final_period_and_fragments_stay_silent() {
        let texts = [
            "- takes part;\n- fights crime;\n- informs;\n- conducts work;\n- fulfils other functions.\n",
            "- Armed Forces\n- General Staff\n- Royal Guard.\n- Coast Guard\n- Border Service\n",
            "- takes part;\n- fights crime.\n- informs;\n- conducts work.\n- obtains.\n",
        ];
        for t in texts {
            assert!(findings(&rule(RULE), &[t]).is_empty(), "{t}");
        }
    }
}
