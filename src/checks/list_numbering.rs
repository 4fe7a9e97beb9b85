//! `list_numbering`: a numbered list whose numbering breaks — a marker written differently from
//! its siblings (`• 4 Takes` among `• 3. Obtains`), or a number skipped, repeated or out of order.
//!
//! A list is a run of consecutive list items that all carry a number; an item numbered 1 after
//! others starts a new list. A run counts as a numbered sequence only when it has at least
//! `min_items` items, its numbers are below 1000, most steps between neighbours are `+1`, and,
//! unless most items put a delimiter after the number, it starts at 1: a bullet list of years
//! (`- 1991 founded`, `- 1992 renamed`) or of counts is not one.
//!
//! `aspect = "delimiter"`: the delimiter after the number (`.`, `)` or none) that most items use
//! is the list's convention when at least `min_share` of the items use it; every item written
//! otherwise is labelled, in one finding per list. Only items whose number fits the sequence are
//! judged, so a stray number that is not a list number is left alone.
//!
//! `aspect = "sequence"`: each step that is not `+1` is one finding, labelled on the number that
//! breaks the sequence (the later one, since the earlier ones agree with each other).

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;
use crate::parse::{BlockKind, ListNumber};

pub const KIND: Kind = Kind {
    name: "list_numbering",
    summary: "numbered list items whose number or delimiter breaks the list's pattern",
    params: "aspect: \"delimiter\" (the mark after the number) or \"sequence\" (skipped, repeated, out-of-order numbers) (\"delimiter\")\n\
             min_items: lists with fewer numbered items are not judged (3)\n\
             min_share: share of items that must use one delimiter for it to be the list's convention (0.66)",
    placeholders: &["marker", "expected", "count"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "delimiter")]
    aspect: String,
    #[serde(default = "min_items")]
    min_items: usize,
    #[serde(default = "min_share")]
    min_share: f32,
}

fn delimiter() -> String {
    "delimiter".into()
}
fn min_items() -> usize {
    3
}
fn min_share() -> f32 {
    0.66
}

#[derive(Debug, PartialEq)]
enum Aspect {
    Delimiter,
    Sequence,
}

struct ListNumbering {
    aspect: Aspect,
    min_items: usize,
    min_share: f32,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let aspect = match p.aspect.as_str() {
        "delimiter" => Aspect::Delimiter,
        "sequence" => Aspect::Sequence,
        other => {
            return Err(format!(
                "aspect must be \"delimiter\" or \"sequence\", not \"{other}\""
            ));
        }
    };
    if !(0.5..=1.0).contains(&p.min_share) {
        return Err(format!(
            "min_share must be between 0.5 and 1, not {}",
            p.min_share
        ));
    }
    Ok(Box::new(ListNumbering {
        aspect,
        min_items: p.min_items.max(2),
        min_share: p.min_share,
    }))
}

/// One numbered item: its number and the span of its whole marker (bullet to delimiter).
struct Item<'a> {
    number: &'a ListNumber,
    marker: Span,
}

/// Runs of consecutive numbered list items; an item numbered 1 (or 0) starts a new run.
fn numbered_lists(doc: &Document) -> Vec<Vec<Item<'_>>> {
    let mut lists: Vec<Vec<Item>> = Vec::new();
    let mut current: Vec<Item> = Vec::new();
    for block in &doc.blocks {
        let number = match &block.kind {
            BlockKind::ListItem(marker) => marker.number.as_ref().map(|n| (marker, n)),
            _ => None,
        };
        let Some((marker, number)) = number else {
            if !current.is_empty() {
                lists.push(std::mem::take(&mut current));
            }
            continue;
        };
        if number.value <= 1 && !current.is_empty() {
            lists.push(std::mem::take(&mut current));
        }
        let start = marker.bullet.map_or(number.span.start, |b| b.start);
        let end = number.span.end + number.delimiter.map_or(0, char::len_utf8);
        current.push(Item {
            number,
            marker: Span::new(start, end),
        });
    }
    if !current.is_empty() {
        lists.push(current);
    }
    lists
}

/// True when most steps between neighbours are `+1`: the numbers are a count, not years or
/// quantities that happen to open a line.
fn is_sequence(items: &[Item]) -> bool {
    // Years opening bullets (`- 1991 founded`) count up too; list numbers stay small, and a
    // list without delimiters must start at the start.
    let delimited = items
        .iter()
        .filter(|i| i.number.delimiter.is_some())
        .count();
    if items.iter().any(|i| i.number.value >= 1000)
        || (delimited * 2 < items.len() && items[0].number.value > 1)
    {
        return false;
    }
    // A step is good when the number is one more than the item before it, or two more than
    // the item two back: one wrong number (`3, 3, 5`) then spoils one step, not two, so a
    // short list with one slip still counts as a sequence.
    let steps = items.len().saturating_sub(1);
    let values: Vec<_> = items.iter().map(|i| i.number.value).collect();
    let good = (1..values.len())
        .filter(|&i| values[i] == values[i - 1] + 1 || (i >= 2 && values[i] == values[i - 2] + 2))
        .count();
    steps > 0 && good * 3 >= steps * 2
}

fn show(delimiter: Option<char>) -> String {
    delimiter.map_or_else(|| "no mark".to_string(), |d| format!("`{d}`"))
}

impl ListNumbering {
    fn delimiters(&self, rule: &Rule, doc: &Document, items: &[Item], out: &mut Vec<Finding>) {
        let kinds = [Some('.'), Some(')'), None];
        let count = |d: Option<char>| items.iter().filter(|i| i.number.delimiter == d).count();
        let Some(convention) = kinds.into_iter().max_by_key(|&d| count(d)) else {
            return;
        };
        let held = count(convention);
        if held == items.len() || (held as f32) < self.min_share * items.len() as f32 {
            return;
        }
        // Only an item whose number continues its predecessor (or leads into its successor) is
        // surely a list number; anything else is left to the sequence aspect.
        let fits = |i: usize| {
            let v = items[i].number.value;
            (i > 0 && items[i - 1].number.value + 1 == v)
                || items.get(i + 1).is_some_and(|n| n.number.value == v + 1)
        };
        let deviants: Vec<usize> = (0..items.len())
            .filter(|&i| items[i].number.delimiter != convention && fits(i))
            .collect();
        let Some(&first) = deviants.first() else {
            return;
        };
        let expected = format!(
            "{}{}",
            items[first].number.value,
            convention.map(String::from).unwrap_or_default()
        );
        let mut f = rule.finding(&[
            ("marker", doc.slice(items[first].marker)),
            ("expected", &expected),
            ("count", &deviants.len().to_string()),
        ]);
        for &i in &deviants {
            let n = items[i].number;
            f = f.label(
                doc.id,
                items[i].marker,
                format!(
                    "{} after the number, where the list uses {}",
                    show(n.delimiter),
                    show(convention)
                ),
            );
        }
        let example = items
            .iter()
            .find(|i| i.number.delimiter == convention)
            .map(|i| i.marker);
        if let Some(example) = example {
            f = f.label(doc.id, example, "the list's convention, as here");
        }
        out.push(
            f.note(format!(
                "{held} of the list's {} numbered items use {} after the number; the majority sets the convention",
                items.len(),
                show(convention)
            ))
            .suggest(format!("write the number as `{expected}`, like the other items")),
        );
    }

    fn sequence(&self, rule: &Rule, doc: &Document, items: &[Item], out: &mut Vec<Finding>) {
        // An item whose neighbours agree with each other (`3, 3, 5`) is the one wrong number:
        // it is reported once, and the step after it is not a second break.
        let mut skip_next = false;
        for (i, w) in items.windows(2).enumerate() {
            let (prev, this) = (w[0].number.value, w[1].number.value);
            if std::mem::take(&mut skip_next) || this == prev + 1 {
                continue;
            }
            skip_next = items
                .get(i + 2)
                .is_some_and(|next| next.number.value == prev + 2);
            let what = if this == prev {
                "repeats the number before it".to_string()
            } else if this > prev + 1 {
                let gap = if this == prev + 2 {
                    format!("{}", prev + 1)
                } else {
                    format!("{} to {}", prev + 1, this - 1)
                };
                format!("skips {gap}")
            } else {
                "goes back in the sequence".to_string()
            };
            let expected = (prev + 1).to_string();
            out.push(
                rule.finding(&[
                    ("marker", doc.slice(w[1].marker)),
                    ("expected", &expected),
                    ("count", "1"),
                ])
                .label(doc.id, w[1].number.span, format!("this number {what}"))
                .label(doc.id, w[0].number.span, "after this one")
                .note("each item of a numbered list is expected to be one more than the item before it")
                .suggest(format!("renumber the item as {expected}, or restore the missing item")),
            );
        }
    }
}

impl Check for ListNumbering {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for items in numbered_lists(doc) {
            if items.len() < self.min_items || !is_sequence(&items) {
                continue;
            }
            match self.aspect {
                Aspect::Delimiter => self.delimiters(rule, doc, &items, out),
                Aspect::Sequence => self.sequence(rule, doc, &items, out),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const DELIMITER: &str = r#"
        name = "list-number-delimiter"
        code = "S001"
        category = "structure"
        severity = "info"
        check = "list_numbering"
        message = "list marker `{marker}` is not written like its siblings (`{expected}`)"
    "#;

    const SEQUENCE: &str = r#"
        name = "list-number-sequence"
        code = "S002"
        category = "structure"
        severity = "warning"
        check = "list_numbering"
        message = "list item `{marker}` breaks the numbering (expected `{expected}`)"
        [rule.params]
        aspect = "sequence"
    "#;

    const LIST: &str = "Functions:\n\n  • 1. Takes actions;\n  • 2. Organizes work;\n  • 3. Obtains data;\n  • 4 Takes actions;\n  • 5 Fights crime;\n  • 6. Informs;\n  • 7. Conducts work.\n";

    #[test]
    fn missing_delimiters_are_labelled_in_one_finding() {
        let f = findings(&rule(DELIMITER), &[LIST]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(
            f[0].message,
            "list marker `• 4` is not written like its siblings (`4.`)"
        );
        let marked: Vec<_> = f[0]
            .labels
            .iter()
            .map(|l| &LIST[l.span.start..l.span.end])
            .collect();
        assert_eq!(marked, ["• 4", "• 5", "• 1."]);
    }

    #[test]
    fn consistent_lists_and_year_bullets_stay_silent() {
        let texts = [
            "1) One\n2) Two\n3) Three\n",
            "- 1991 founded\n- 1995 renamed\n- 2002. reorganised\n",
            "- 1991 founded\n- 1992 renamed\n- 1993 moved\n- 1995 reorganised\n",
            "- 18 members joined\n- 19 members left\n- 21 members stayed\n",
            // Half and half: no convention to hold the others to.
            "1. a\n2 b\n3. c\n4 d\n",
        ];
        for t in texts {
            assert!(findings(&rule(DELIMITER), &[t]).is_empty(), "{t}");
            assert!(findings(&rule(SEQUENCE), &[t]).is_empty(), "{t}");
        }
    }

    #[test]
    fn one_repeated_number_in_a_short_list() {
        let text = "• 1. Plans;\n• 2. Builds;\n• 3. Supplies;\n• 3. Controls;\n• 5. Represents;\n• 6. Performs.\n";
        let f = findings(&rule(SEQUENCE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].labels[0].message.contains("repeats"));
        let quantities = "- 5 frigates;\n- 10 boats;\n- 20 tugs;\n- 40 barges.\n";
        assert!(findings(&rule(SEQUENCE), &[quantities]).is_empty());
    }

    #[test]
    fn skipped_and_repeated_numbers() {
        let text = "1. a\n2. b\n3. c\n5. d\n6. e\n6. f\n7. g\n";
        let f = findings(&rule(SEQUENCE), &[text]);
        assert_eq!(f.len(), 2, "{f:#?}");
        assert!(f[0].labels[0].message.contains("skips 4"));
        assert!(f[1].labels[0].message.contains("repeats"));
        // A second list that starts again at 1 is not a break.
        let f = findings(
            &rule(SEQUENCE),
            &["1. a\n2. b\n3. c\n\nNext:\n\n1. d\n2. e\n"],
        );
        assert!(f.is_empty(), "{f:#?}");
    }
}
