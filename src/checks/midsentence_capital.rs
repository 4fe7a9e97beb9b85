//! `midsentence_capital`: a determiner written with a capital in the middle of a sentence, right
//! after a comma or semicolon (`decrees and orders, The decrees and orders of the Cabinet`).
//!
//! A capital after a comma is usually left over from joining two sentences or from pasting an
//! item of a list into running text. To stay clear of names and titles (`, The Hague`, `, The
//! Times`), the determiner must be followed by a lowercase word; to stay clear of quotations,
//! only spaces may stand between the comma and the determiner. The determiners are a parameter;
//! the single letter `A` is best left out, since it often labels something (`A and B`). The
//! word before the comma must be lowercase: after a name (`Smith, The history of ...`) the
//! comma more likely belongs to a reference, whose title keeps its capitals.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::repeated_word::adjacent;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::Document;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "midsentence_capital",
    summary: "a capitalised determiner right after a comma inside a sentence",
    params: "words: the determiners to look for, as written with a capital (required)",
    placeholders: &["word", "fixed"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    words: Vec<String>,
}

struct MidsentenceCapital {
    words: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.words.is_empty() {
        return Err("`words` must list at least one determiner".into());
    }
    if let Some(w) = p
        .words
        .iter()
        .find(|w| !w.chars().next().is_some_and(char::is_uppercase))
    {
        return Err(format!(
            "`{w}` must be written with its capital, as it is looked for"
        ));
    }
    Ok(Box::new(MidsentenceCapital {
        words: p.words.into_iter().collect(),
    }))
}

impl Check for MidsentenceCapital {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let words = &doc.words[sentence.words.clone()];
            let mut found = Vec::new();
            for w in words.windows(3) {
                let (before, this, next) = (w[0], w[1], w[2]);
                let word = doc.slice(this);
                if !self.words.contains(word) {
                    continue;
                }
                let gap = doc.text[before.end..this.start].trim_matches([' ', '\u{a0}']);
                if gap != "," && gap != ";" {
                    continue;
                }
                // Only spaces between the comma and the word: a quote or bracket would open a
                // quotation or a title.
                if !doc.text[before.end + 1..this.start]
                    .chars()
                    .all(|c| c == ' ' || c == '\u{a0}')
                {
                    continue;
                }
                // After a capitalised word the comma may close an author's name in a reference
                // (`Smith, The history of ...`), where titles keep their own capitals.
                if !doc
                    .slice(before)
                    .chars()
                    .next()
                    .is_some_and(char::is_lowercase)
                {
                    continue;
                }
                // `&quot;An act to ...`: the semicolon closes a character entity, a quote.
                if doc.text[..before.start].ends_with('&') {
                    continue;
                }
                let next_word = doc.slice(next);
                if !adjacent(doc, this, next)
                    || !next_word.chars().next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                found.push((word, this, gap));
            }
            // Two or more in one sentence are a list whose items are written with capitals on
            // purpose (`a decent home; The right to adequate medical care; The right to ...`).
            if found.len() > 1 {
                continue;
            }
            for (word, this, gap) in found {
                let fixed = word.to_lowercase();
                out.push(
                    rule.finding(&[("word", word), ("fixed", &fixed)])
                        .label(
                            doc.id,
                            this,
                            format!("capitalised after `{gap}` in mid-sentence"),
                        )
                        .note("a determiner followed by a lowercase word is not the start of a name or title, so its capital is a slip")
                        .suggest(fixed),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "midsentence-capital"
        code = "G002"
        category = "grammar"
        severity = "info"
        check = "midsentence_capital"
        message = "`{word}` is capitalised in mid-sentence"
        [rule.params]
        words = ["The", "This", "These", "Those", "Its", "Their"]
    "#;

    #[test]
    fn capital_after_a_comma_fires() {
        let text = "It is guided by the laws, Presidential decrees and orders, The decrees and orders of the Cabinet.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("the"));
    }

    #[test]
    fn names_titles_and_quotes_stay_silent() {
        let texts = [
            "The court sits in two cities, The Hague and Brussels.",
            "He wrote for two papers, The Times and the Globe.",
            "He said, \"The decrees are void.\"",
            "See Smith, The history of the region, 2005.",
            "The decrees were signed. The orders followed, the laws too.",
        ];
        for t in texts {
            assert!(findings(&rule(RULE), &[t]).is_empty(), "{t}");
        }
    }
}
