//! Normalised views of a sentence for comparison: folded words, stemmed content terms, dates in
//! one canonical form. Two sentences that say the same thing with another date format, another
//! inflection or another capitalisation get the same terms.

use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};

use super::{Lexicon, Sentence, dates};
use crate::corpus::Document;

static STEMMER: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Lowercase, diacritics folded to ASCII (`Gəncə` → `gence`), a possessive `'s` dropped.
pub fn fold(word: &str) -> String {
    let lower = word.to_lowercase();
    let base = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(&lower);
    if base.is_ascii() {
        base.to_string()
    } else {
        any_ascii::any_ascii(base)
    }
}

pub fn stem(folded: &str) -> String {
    STEMMER.stem(folded).into_owned()
}

/// The words of a sentence, folded, with every date replaced by one `@date:` token.
pub fn folded_words(doc: &Document, sentence: &Sentence) -> Vec<String> {
    let text = doc.slice(sentence.span);
    let found = dates::find(text);
    let mut out = Vec::with_capacity(sentence.words.len());
    let mut next_date = 0;
    for w in &doc.words[sentence.words.clone()] {
        let rel = w.start - sentence.span.start;
        while next_date < found.len() && found[next_date].span.end <= rel {
            next_date += 1;
        }
        if let Some(d) = found.get(next_date).filter(|d| d.span.start <= rel) {
            if d.span.start == rel || out.last().is_none_or(|l: &String| !l.starts_with("@date:")) {
                out.push(format!("@date:{}", d.date));
            }
            continue;
        }
        out.push(fold(doc.slice(*w)));
    }
    out
}

/// Marks of code and markup that prose does not use: braces, paths (`a::b`), link syntax,
/// template variables, arrows, inline code, tags, URLs.
const CODE_MARKS: &[&str] = &[
    "{", "}", "::", "](", "${", "=>", "->", "`", "</", "/>", "://", "==", "&[", "();",
];

/// True when a sentence reads as prose rather than code or markup: no code marks, and at least
/// four in five of its whitespace-separated tokens are words (letters with their punctuation).
/// Duplicate search compares only prose: code blocks and link lists repeat by design, and
/// reporting them would bury the repeated sentences that matter.
pub fn is_prose(text: &str) -> bool {
    if CODE_MARKS.iter().any(|m| text.contains(m)) {
        return false;
    }
    let mut tokens = 0usize;
    let mut wordlike = 0usize;
    for token in text.split_whitespace() {
        tokens += 1;
        let core = token
            .trim_start_matches(['(', '"', '\'', '“', '‘', '«'])
            .trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '\'', '”', '’', '»']);
        if !core.is_empty()
            && core
                .chars()
                .all(|c| c.is_alphanumeric() || "-–'’./%,".contains(c))
            && core.chars().any(char::is_alphanumeric)
        {
            wordlike += 1;
        }
    }
    tokens > 0 && wordlike * 5 >= tokens * 4
}

/// Content terms: folded words without function words, stemmed; dates stay whole.
pub fn content_terms(words: &[String], lexicon: &Lexicon) -> Vec<String> {
    words
        .iter()
        .filter(|w| !lexicon.is_stopword(w))
        .map(|w| {
            if w.starts_with('@') {
                w.clone()
            } else {
                stem(w)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("Gəncə"), "gence");
        assert_eq!(fold("Karelia's"), "karelia");
        assert_eq!(stem("contracts"), stem("contract"));
    }

    #[test]
    fn prose_and_code() {
        assert!(is_prose(
            "The Guard (Native Name; NG) was established on 14 March 1887, in Tver."
        ));
        assert!(is_prose(
            "It ran in 1990-94 and covered 2.5% of the budget."
        ));
        assert!(!is_prose("use std::sync::LazyLock;"));
        assert!(!is_prose("let key: &[u8; 16] = &[1, 2, 3];"));
        assert!(!is_prose(
            "[GitHub Actions](https://example.org/docs/action.md)"
        ));
        assert!(!is_prose(
            "if [ \"$1\" = \"configure\" ]; then printf \"x\" | y"
        ));
    }

    #[test]
    fn dates_become_one_token() {
        let lex = Lexicon::builtin();
        let a = Document::analyze(0, "a".into(), "It was set up on 3 March 1887.".into(), lex);
        let b = Document::analyze(1, "b".into(), "It was set up on March 3, 1887.".into(), lex);
        assert_eq!(
            folded_words(&a, &a.sentences[0]),
            folded_words(&b, &b.sentences[0])
        );
        assert!(folded_words(&a, &a.sentences[0]).contains(&"@date:1887-03-03".to_string()));
    }
}
