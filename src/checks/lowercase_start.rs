//! `lowercase_start`: a sentence that starts with a lowercase letter (`... a white coat and cap.
//! it takes part in ...`).
//!
//! Precision first, so a sentence is only judged when its start is surely a sentence start and
//! its first word surely an ordinary word:
//! - only a sentence after another one in the same block is judged: the first sentence of a
//!   block is skipped, since a list item, a wrapped line that continues a list item, a paragraph
//!   that carries on a sentence cut by a page separator (`page_break_cut` reports that one) or
//!   a fragment of code often starts in lowercase on purpose;
//! - the sentence before must end with a full stop and its last word must not be an
//!   abbreviation (the lexicon's, a single letter, a dotted form such as `e.g.`, `cent.` of
//!   `per cent.`, a unit after a figure, `lbs.`, or a word in capitals, `XVI.`, `MSS.`), since a segmenter may split after an abbreviation it does not know. After
//!   `!` or `?` a lowercase word is as often the same sentence going on, in speech and in
//!   literary prose (`does he? and that is adding insult`, `Hands by the halyards! in
//!   top-gallant sails!`), as a slip;
//! - a sentence that holds code or markup (`::`, braces, `=`, `//`, backticks, `<`, `>`, `|`,
//!   `@`, a URL), or follows one that does, is skipped: documents with code samples or change
//!   logs start lines with lowercase keywords;
//! - a sentence whose first character is not a letter (a quote, a bracket, an ellipsis, a
//!   number) is skipped;
//! - the first word must be an ordinary word: a function word from the lexicon's stopwords
//!   (`it`, `the`, `in`), or a word that opens another sentence of the document with a capital;
//!   any other lowercase word may be a name written in lowercase on purpose (`dbus`, `gcc`);
//! - a first word with a capital inside (`iPhone`, `eBay`), with a period inside (`e.g.`), or in
//!   `allow` (name particles such as `van`, `de`, `al`) is skipped.

use rustc_hash::FxHashSet;
use serde::Deserialize;

use super::numbers::is_unit;
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::Document;
use crate::extract::Lexicon;
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "lowercase_start",
    summary: "a sentence that starts with a lowercase letter",
    params: "allow: lowercase words that may open a sentence, such as name particles ([])",
    placeholders: &["word", "fixed"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    #[serde(default)]
    allow: Vec<String>,
}

struct LowercaseStart {
    allow: FxHashSet<String>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    Ok(Box::new(LowercaseStart {
        allow: p.allow.into_iter().map(|w| w.to_lowercase()).collect(),
    }))
}

/// True when `text` (a sentence) ends with a full stop after a word that is not an
/// abbreviation, so that whatever follows really starts a new sentence.
fn ends_sentence(text: &str) -> bool {
    let trimmed = text.trim_end();
    let inner = trimmed.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    // A question or exclamation inside quotes is often a title or a quoted question within a
    // longer sentence (`the prompt "Send this email?" with choices`), which goes on in lowercase.
    if inner.len() < trimmed.len()
        && inner.ends_with(['?', '!'])
        && trimmed[inner.len()..].starts_with(['"', '\'', '”', '’'])
    {
        return false;
    }
    // An ellipsis trails off rather than ends; `-?` or `'.'` quote punctuation as a thing.
    if !inner.ends_with(['.', '!', '?']) || inner.ends_with("..") {
        return false;
    }
    let last = inner.rsplit(char::is_whitespace).next().unwrap_or("");
    if !last.chars().any(char::is_alphanumeric) {
        return false;
    }
    if !inner.ends_with('.') {
        return false;
    }
    let last = last.trim_start_matches(['(', '"', '“', '\'']);
    let bare = last.trim_end_matches('.');
    let before = inner[..inner.len() - last.len()]
        .trim_end()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("");
    // `45 per cent. to the Government`: the older spelling of `per cent` takes a stop, and so
    // do short units after a figure (`400,000 lbs. of beef`).
    let per_cent = bare.eq_ignore_ascii_case("cent") && before.eq_ignore_ascii_case("per");
    let unit = is_unit(bare) && before.starts_with(|c: char| c.is_ascii_digit());
    // A Roman numeral or an acronym with a stop (`Louis XVI. of France`, `II. the Right
    // Whale`, `MSS. in my desk`) is more often an abbreviation or a numbering than an end.
    let capitals = bare.len() >= 2 && bare.bytes().all(|b| b.is_ascii_uppercase());
    let abbreviation = Lexicon::builtin().abbreviations.contains(last)
        || bare.contains('.')
        || bare.chars().count() == 1
        || per_cent
        || unit
        || capitals;
    !abbreviation
}

/// True when a sentence holds characters that prose rarely does and code, tables, links and
/// change logs often do: lowercase keywords there are not sentence starts.
fn code_or_markup(text: &str) -> bool {
    const MARKS: [&str; 12] = [
        "::", "{", "}", "=", "//", "`", "<", ">", "|", "@", "://", "\t",
    ];
    MARKS.iter().any(|m| text.contains(m))
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

impl Check for LowercaseStart {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        // Words that open some sentence of the document with a capital: the same word in
        // lowercase at another sentence start is a slip, not a name written in lowercase.
        let capitalised: FxHashSet<String> = doc
            .sentences
            .iter()
            .filter_map(|s| doc.words.get(s.words.start))
            .map(|&w| doc.slice(w))
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .map(str::to_lowercase)
            .collect();
        let lexicon = Lexicon::builtin();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let prev = i
                .checked_sub(1)
                .map(|p| &doc.sentences[p])
                .filter(|p| p.block == sentence.block);
            // Only a sentence that follows a finished sentence of the same block is judged: a
            // block that opens in lowercase is more often a wrapped line, a list item's
            // continuation, a fragment of code or a page-break continuation than a slip.
            match prev {
                Some(p)
                    if ends_sentence(doc.slice(p.span))
                        && !code_or_markup(doc.slice(p.span))
                        && !code_or_markup(doc.slice(sentence.span)) => {}
                _ => continue,
            }
            let Some(&first) = doc.words.get(sentence.words.start) else {
                continue;
            };
            if first.start != sentence.span.start {
                // Something other than a letter opens the sentence: a quote, a bracket, a dash.
                continue;
            }
            let word = doc.slice(first);
            let mut chars = word.chars();
            let starts_lower = chars.next().is_some_and(char::is_lowercase);
            let inner_capital = chars.any(char::is_uppercase);
            let dotted = doc.text[first.end..].starts_with('.')
                && doc.text[first.end + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            let lower = word.to_lowercase();
            // `b)` opens an enumerated point, not a sentence; `gnutls_init` is an identifier.
            let enumerator = doc.text[first.end..].starts_with([')', '_']);
            // An ordinary word: a function word, or one the document capitalises at another
            // sentence start. Anything else may be a name written in lowercase (`dbus`, `gcc`).
            let ordinary = lexicon.is_stopword(&lower) || capitalised.contains(&lower);
            if !starts_lower
                || inner_capital
                || dotted
                || enumerator
                || !ordinary
                || self.allow.contains(&lower)
            {
                continue;
            }
            let fixed = capitalise(word);
            out.push(
                rule.finding(&[("word", word), ("fixed", &fixed)])
                    .label(doc.id, first, "starts the sentence in lowercase")
                    .suggest(fixed),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    const RULE: &str = r#"
        name = "lowercase-sentence-start"
        code = "G001"
        category = "grammar"
        severity = "info"
        check = "lowercase_start"
        message = "sentence starts with lowercase `{word}`"
        [rule.params]
        allow = ["van", "de"]
    "#;

    #[test]
    fn lowercase_sentence_start_fires() {
        let text =
            "It received new uniforms with a white coat and cap. it takes part in state visits.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].message, "sentence starts with lowercase `it`");
        assert_eq!(f[0].suggestion.as_deref(), Some("It"));
    }

    #[test]
    fn near_misses_stay_silent() {
        let texts = [
            "- takes part in visits;\n- fights crime.\n",
            "He bought it. iPhone sales rose. e.g. this one. van Gogh painted it.",
            "He said: \"... destructive forces abroad.\" 3 attempts failed.",
            "# Speech\n\nThe part is first. The part of our state and my\n\n---\n\nmain task as the president. It is so.",
            "It costs approx. five dollars.",
            // A quoted question inside a longer sentence.
            "The tool asks \"Send this email?\" with choices. It waits for \"are we done?\" and the rest.",
            "The company is in the U.S. it grew.",
            // Names written in lowercase, code, and enumerators.
            "It was built with the compiler. gcc users should update. dbus is a bus.",
            "Convert it to a string.\nlet s = to_string(&p);",
            "Do this first. b) Get the source.",
            "It repairs '.' and '..' entries. It waits... then it goes.",
        ];
        for t in texts {
            let f = findings(&rule(RULE), &[t]);
            assert!(f.is_empty(), "{t}: {f:#?}");
        }
    }

    #[test]
    fn an_ordinary_word_the_document_capitalises_elsewhere_fires() {
        let text = "Takes part in visits. It guards the flag. takes part in parades.";
        let f = findings(&rule(RULE), &[text]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some("Takes"));
    }
}
