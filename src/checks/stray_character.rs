//! `stray_character`: a character that does not belong in the word it sits in: a letter of
//! another script inside a Latin word (`our countryэs future`, a Cyrillic `э` where an apostrophe
//! was), or a straight double quote used as an apostrophe (`the agency"s staff`).
//!
//! Both come from keyboard layouts and conversions, and both are invisible to a spell checker
//! that splits words at the odd character. A word that is wholly in another script is text in
//! that language and is left alone; so is a word in which the other script dominates, and a
//! Greek letter used as a symbol (`μm`, `αβ-sheet`): only one or two foreign letters inside a word
//! of at least three Latin letters are reported. A quote is reported only where it cannot be a
//! quotation mark: between a letter and `s` that ends the word, with the quotes before it on the
//! line balanced (so it would open a quotation, and an opening quote never follows a letter).

use serde::Deserialize;

use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "stray_character",
    summary: "a letter of another script inside a Latin word, or a quote used as an apostrophe",
    params: "find: `mixed_script` or `quote_apostrophe` (required)",
    placeholders: &["word", "fixed", "character"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    find: String,
}

#[derive(Clone, Copy)]
enum Find {
    MixedScript,
    QuoteApostrophe,
}

struct StrayCharacter {
    find: Find,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    let find = match p.find.as_str() {
        "mixed_script" => Find::MixedScript,
        "quote_apostrophe" => Find::QuoteApostrophe,
        other => {
            return Err(format!(
                "find must be `mixed_script` or `quote_apostrophe`, not `{other}`"
            ));
        }
    };
    Ok(Box::new(StrayCharacter { find }))
}

/// Cyrillic and Greek: the scripts whose letters look like Latin ones or sit on the same keys.
fn foreign(c: char) -> bool {
    matches!(c, '\u{0370}'..='\u{03FF}' | '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

fn latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, '\u{00C0}'..='\u{024F}') && c.is_alphabetic()
}

/// Latin letters that look like the foreign letter, for the suggestion: `е` → `e`.
fn lookalike(c: char) -> Option<char> {
    Some(match c {
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'ο' => 'o',
        'α' => 'a',
        _ => return None,
    })
}

impl StrayCharacter {
    fn mixed_script(&self, rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
        for &w in &doc.words {
            let word = doc.slice(w);
            if word.is_ascii() {
                continue;
            }
            let latin_letters = word.chars().filter(|&c| latin(c)).count();
            let foreign_letters: Vec<char> = word.chars().filter(|&c| foreign(c)).collect();
            if foreign_letters.is_empty() || foreign_letters.len() > 2 || latin_letters < 3 {
                continue;
            }
            // A Greek letter opening or closing a word is a symbol (`μm`, `αβ`), not a slip.
            let first = word.chars().next().is_some_and(foreign);
            let greek = foreign_letters
                .iter()
                .all(|c| ('\u{0370}'..='\u{03FF}').contains(c));
            if greek && (first || word.chars().next_back().is_some_and(foreign)) {
                continue;
            }
            // Each part between hyphens must be mixed itself: `Norland-Норланд` is two names.
            if word.split('-').any(|part| {
                !part.is_empty() && part.chars().all(|c| foreign(c) || !c.is_alphabetic())
            }) {
                continue;
            }
            let character: String = foreign_letters.iter().collect();
            let fixed: Option<String> = word
                .chars()
                .map(|c| if foreign(c) { lookalike(c) } else { Some(c) })
                .collect();
            let mut f = rule
                .finding(&[
                    ("word", word),
                    ("character", &character),
                    ("fixed", fixed.as_deref().unwrap_or(word)),
                ])
                .label(doc.id, w, format!("`{character}` is not a Latin letter"));
            f = match fixed {
                Some(fixed) => f.suggest(fixed),
                None => f.note("the letter looks like no Latin one: it may stand for an apostrophe or a lost letter"),
            };
            out.push(f);
        }
    }

    fn quote_apostrophe(&self, rule: &Rule, doc: &Document, out: &mut Vec<Finding>) {
        for sentence in &doc.sentences {
            let text = doc.slice(sentence.span);
            for (i, _) in text.match_indices('"') {
                let before = text[..i].chars().next_back();
                let mut after = text[i + 1..].chars();
                let s = after.next();
                let end = after.next();
                if !before.is_some_and(char::is_alphabetic)
                    || !matches!(s, Some('s'))
                    || end.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                // Balanced quotes before it on its line: this one would open a quotation.
                let line_start = text[..i].rfind('\n').map_or(0, |p| p + 1);
                if text[line_start..i].matches('"').count() % 2 == 1 {
                    continue;
                }
                let start = text[..i]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| c.is_alphanumeric() || *c == '-')
                    .last()
                    .map_or(i, |(p, _)| p);
                let at = sentence.span.start;
                let span = Span::new(at + start, at + i + 2);
                let word = doc.slice(span);
                let fixed = format!("{}'s", &text[start..i]);
                out.push(
                    rule.finding(&[("word", word), ("character", "\""), ("fixed", &fixed)])
                        .label(doc.id, span, "a quotation mark where an apostrophe belongs")
                        .suggest(fixed),
                );
            }
        }
    }
}

impl Check for StrayCharacter {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        match self.find {
            Find::MixedScript => self.mixed_script(rule, doc, out),
            Find::QuoteApostrophe => self.quote_apostrophe(rule, doc, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    fn rule_for(find: &str) -> crate::config::Rule {
        rule(&format!(
            r#"
            name = "stray-character"
            code = "T099"
            category = "typo"
            severity = "warning"
            check = "stray_character"
            message = "`{{word}}` has a stray `{{character}}`"
            [rule.params]
            find = "{find}"
            "#
        ))
    }

    #[test]
    fn a_foreign_letter_inside_a_latin_word() {
        let r = rule_for("mixed_script");
        let f = findings(
            &r,
            &["It is our countryэs future. The Harbour Ministrу met."],
        );
        assert_eq!(f.len(), 2, "{f:#?}");
        assert_eq!(f[0].suggestion, None);
        assert_eq!(f[1].suggestion.as_deref(), Some("Ministry"));
        let near = [
            "The Норланд office (Norland) opened. A 5 μm film and the αβ-sheet. Norland-Норланд flows.",
            "Норланд is big. The word Straße is German. Ελλάδα and Norland.",
        ];
        let f = findings(&r, &near);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn a_quote_for_an_apostrophe() {
        let r = rule_for("quote_apostrophe");
        let f = findings(&r, &["The agency\"s staff met."]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("agency's"));
        let near = [
            "He said \"yes\"s were rare. The letter \"s\" is short. A 5\"s gap.",
            "She wrote \"Ships\" and left.",
        ];
        let f = findings(&r, &near);
        assert!(f.is_empty(), "{f:#?}");
    }
}
