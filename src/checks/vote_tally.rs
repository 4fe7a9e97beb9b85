//! `vote_tally`: a vote whose counts for, against and abstaining come to more than the number
//! said to have taken part — `61 deputies voted in favour and 12 against; in total 70 took
//! part`.
//!
//! What it reads, in one sentence or two adjacent ones of a paragraph: one count `in favour`
//! (`61 voted for`, `61 votes in favour`), one count `against`, at most one of abstentions, and
//! a number of participants (`in total 70 took part`, `70 deputies took part in the vote`, `of
//! the 70 present`, `70 votes were cast`). Each voter voted one way, so the tally cannot exceed
//! the participants.
//!
//! Precision first: a tally below the participants is not reported (invalid ballots, members
//! present who did not vote), nor is a tally against the seats of a body (`68 of the
//! 107-seat assembly`): seats are not participants. Two votes in one passage (two counts in
//! favour) are not judged, since which tally goes with which total cannot be told.

use std::sync::LazyLock;

use regex::Regex;
use serde::Deserialize;

use super::{Check, Context, Kind, numbers};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "vote_tally",
    summary: "votes for, against and abstaining that exceed the number who took part",
    params: "window: how many sentences after the tally's own may hold the participants (1)",
    placeholders: &["tally", "total"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default = "window")]
    window: usize,
}

fn window() -> usize {
    1
}

struct VoteTally {
    window: usize,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(VoteTally { window: p.window }))
}

fn num() -> String {
    format!(
        r"(?<n>\d{{1,3}}(?:,\d{{3}})+|\d+|{})",
        numbers::count_word_pattern()
    )
}

static FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}\s+(?:(?:[\p{{L}}-]+\s+){{0,2}}?(?:voted|votes?|were|was)\s+(?:cast\s+)?(?:in\s+favou?r|for|yes)|in\s+favou?r)\b",
        num()
    ))
    .unwrap()
});
static AGAINST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}\s+(?:(?:[\p{{L}}-]+\s+){{0,2}}?(?:voted|votes?|were|was)\s+)?against\b",
        num()
    ))
    .unwrap()
});
static ABSTAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b{}\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?:abstained|abstaining|abstentions?)\b",
        num()
    ))
    .unwrap()
});
/// The number who took part, in the ways a report states it.
static PARTICIPANTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    let n = num();
    [
        format!(r"(?i)\b(?:in\s+total|altogether|a\s+total\s+of)\s*,?\s+{n}\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?:took\s+part|voted|participated|cast)\b"),
        format!(r"(?i)\b{n}\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?:took\s+part|participated)\s+in\s+the\s+(?:vote|voting|ballot)\b"),
        format!(r"(?i)\bof\s+the\s+{n}\s+(?:[\p{{L}}-]+\s+){{0,2}}?(?:present|voting|who\s+voted|who\s+took\s+part)\b"),
        format!(r"(?i)\b{n}\s+(?:votes|ballots)\s+(?:were\s+)?cast\b"),
    ]
    .iter()
    .map(|p| Regex::new(p).unwrap())
    .collect()
});

/// The one match of `res` in `text`: its count and span; `Ok(None)` when there is none, `Err`
/// when there are several (readings that overlap are one).
fn one(res: &[&Regex], text: &str) -> Result<Option<(u64, Span)>, ()> {
    let mut found: Vec<regex::Captures> = Vec::new();
    for re in res {
        for c in re.captures_iter(text) {
            let m = c.get(0).unwrap();
            if !found.iter().any(|f| {
                let g = f.get(0).unwrap();
                g.start() < m.end() && m.start() < g.end()
            }) {
                found.push(c);
            }
        }
    }
    match &found[..] {
        [] => Ok(None),
        [c] => {
            let n = c.name("n").unwrap();
            let v = numbers::value(n.as_str()).ok_or(())?;
            let m = c.get(0).unwrap();
            Ok(Some((v, Span::new(m.start(), m.end()))))
        }
        _ => Err(()),
    }
}

impl Check for VoteTally {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let s = doc.slice(sentence.span);
            if !s.to_lowercase().contains("against") {
                continue;
            }
            // The passage: this sentence, and the next ones of its paragraph.
            let end = doc.sentences[i..]
                .iter()
                .take(self.window + 1)
                .take_while(|n| n.block == sentence.block)
                .last()
                .map_or(sentence.span.end, |n| n.span.end);
            let passage = Span::new(sentence.span.start, end);
            let text = doc.slice(passage);
            let (Ok(Some(yes)), Ok(Some(no)), Ok(abstain), Ok(Some(total))) = (
                one(&[&FOR], text),
                one(&[&AGAINST], text),
                one(&[&ABSTAIN], text),
                one(&PARTICIPANTS.iter().collect::<Vec<_>>(), text),
            ) else {
                continue;
            };
            // The tally is read in this sentence; the next one may hold only the total.
            if yes.1.start >= s.len() || no.1.start >= s.len() {
                continue;
            }
            let sum = yes.0 + no.0 + abstain.map_or(0, |a| a.0);
            if sum <= total.0 {
                continue;
            }
            let tally = match abstain {
                Some(a) => format!("{} + {} + {} = {sum}", yes.0, no.0, a.0),
                None => format!("{} + {} = {sum}", yes.0, no.0),
            };
            let first = yes.1.start.min(no.1.start);
            let last = abstain.map_or(yes.1.end.max(no.1.end), |a| {
                a.1.end.max(yes.1.end).max(no.1.end)
            });
            out.push(
                rule.finding(&[("tally", &tally), ("total", &total.0.to_string())])
                    .label(
                        doc.id,
                        total.1.shift(passage.start),
                        format!("{} took part", total.0),
                    )
                    .label(
                        doc.id,
                        Span::new(first, last).shift(passage.start),
                        format!("the votes come to {sum}"),
                    )
                    .note("each participant votes one way, so the votes cannot exceed the participants")
                    .suggest(format!(
                        "correct the number of participants ({sum} or more) or one of the counts"
                    )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "vote-tally-mismatch"
        code = "M900"
        category = "numeric"
        severity = "warning"
        check = "vote_tally"
        message = "the votes `{tally}` exceed the `{total}` who took part"
    "#;

    fn count(text: &str) -> usize {
        findings(&rule(RULE), &[text]).len()
    }

    #[test]
    fn a_tally_above_the_participants_fires() {
        assert_eq!(
            count("61 deputies voted in favour and 12 against; in total 70 took part."),
            1
        );
        assert_eq!(
            count(
                "The bill passed with 61 votes in favour, 12 against and 3 abstentions. A total of 75 deputies took part in the vote."
            ),
            1
        );
    }

    #[test]
    fn tallies_within_the_participants_stay_silent() {
        for silent in [
            "61 deputies voted in favour and 12 against; in total 73 took part.",
            "61 deputies voted in favour and 12 against; in total 80 took part.",
            "She was backed by 68 members of the 107-seat assembly, with 12 against.",
            "61 voted for the first bill and 12 against. The second had 40 in favour and 30 against. In total 70 took part.",
        ] {
            assert_eq!(count(silent), 0, "{silent}");
        }
    }
}
