//! Analysis: once per document, between parsing and extraction. Every later stage reads it; none
//! re-tokenises a sentence or runs the date grammar again.
//!
//! - **Tokens**: the words of every triggered sentence (see below), each with an interned folded
//!   form, the punctuation before it and whether it stands in brackets.
//! - **Prefilter**: a sentence is *triggered* when it holds a trigger word (post words, event
//!   verbs, month names, from `rules/facts/lexicon.toml` and `patterns.toml`) or a digit, found
//!   by one aho-corasick pass over its folded text. Only triggered sentences get tokens and the
//!   costly work below; the others keep an empty token range.
//! - **Parts of speech** ([`pos`]): a lexicon tagger — closed classes and listed verbs from the
//!   lexicon, capitalisation for proper nouns, endings for the rest. Chosen over a statistical
//!   tagger (`harper-brill`) for its cost: no new crate tree, no model to load, and the only
//!   distinctions the relation grammar needs (name, post, organisation word, verb, function
//!   word) are lexical ones.
//! - **Mentions** ([`mentions`]): typed spans — person, organisation, post, date, number, and a
//!   bare name that could be either — built from capitalised runs and post words.
//! - **Time** ([`time`]): every sentence's anchor date (its section's dateline) and every date,
//!   including year-less (`on May 28`) and relative ones (`yesterday`), resolved against it.

pub mod lexicon;
pub mod mentions;
pub mod pos;
pub mod time;

use std::ops::Range;

use rustc_hash::FxHashMap;

pub use lexicon::{AnalysisLexicon, WordFlags};
pub use mentions::{Mention, MentionKind};
pub use time::TimeMention;

use crate::extract::Sentence;
use crate::extract::dates::PartialDate;
use crate::extract::normalize::fold;
use crate::parse::Block;
use crate::span::Span;

/// A part of speech, the coarse classes the relation grammar needs (UPOS names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pos {
    Det,
    /// A preposition.
    Adp,
    Conj,
    Pron,
    Aux,
    Verb,
    Adv,
    Adj,
    Noun,
    Propn,
    Num,
    /// Not tagged: the sentence did not pass the prefilter.
    Unknown,
}

/// One word of a prose sentence.
#[derive(Debug, Clone, Copy)]
pub struct Token {
    pub span: Span,
    /// Its folded form, as an index into [`Analysis::words`].
    pub word: u32,
    pub pos: Pos,
    pub flags: WordFlags,
    /// First letter upper case.
    pub capitalised: bool,
    /// A comma, semicolon or colon stands between this token and the previous one.
    pub comma_before: bool,
    /// Any other punctuation (a period, a dash, a bracket, a quotation mark) stands before it.
    pub break_before: bool,
    /// Inside round brackets.
    pub in_brackets: bool,
}

/// Per sentence of [`crate::corpus::Document::sentences`], same index.
#[derive(Debug, Clone)]
pub struct SentenceAnalysis {
    pub tokens: Range<usize>,
    /// Passed the literal prefilter: tagged and searched for mentions.
    pub triggered: bool,
    /// The date of the section it stands in (a dateline), which year-less and relative dates
    /// are read against.
    pub anchor: Option<PartialDate>,
    pub mentions: Range<usize>,
}

/// The analysis of one document.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Interned folded word forms.
    pub words: Vec<Box<str>>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<SentenceAnalysis>,
    /// Sorted by start, grouped by sentence.
    pub mentions: Vec<Mention>,
}

impl Analysis {
    pub fn word(&self, token: &Token) -> &str {
        &self.words[token.word as usize]
    }

    /// The mentions of sentence `index`.
    pub fn sentence_mentions(&self, index: usize) -> &[Mention] {
        self.sentences
            .get(index)
            .map_or(&[][..], |s| &self.mentions[s.mentions.clone()])
    }

    pub fn sentence_tokens(&self, index: usize) -> &[Token] {
        self.sentences
            .get(index)
            .map_or(&[][..], |s| &self.tokens[s.tokens.clone()])
    }
}

/// Analyses a parsed and segmented document. `text` is the masked text the blocks and sentences
/// were found in (byte offsets are the document's).
pub fn run(
    text: &str,
    blocks: &[Block],
    sentences: &[Sentence],
    words: &[Span],
    lexicon: &AnalysisLexicon,
) -> Analysis {
    let mut interner: FxHashMap<String, u32> = FxHashMap::default();
    let mut analysis = Analysis::default();
    let anchors = time::anchors(text, blocks, sentences);
    for (index, sentence) in sentences.iter().enumerate() {
        let body = &text[sentence.span.start..sentence.span.end];
        let triggered = lexicon.triggered(&fold(body));
        let first = analysis.tokens.len();
        let mut depth = 0i32;
        let mut previous_end = sentence.span.start;
        // Nothing reads the tokens of a sentence the prefilter passed over: not making them
        // saves a fold and an interning per word, and most of the analysis' memory.
        let sentence_words = if triggered {
            &words[sentence.words.clone()]
        } else {
            &[][..]
        };
        for (i, &span) in sentence_words.iter().enumerate() {
            let gap = &text[previous_end..span.start];
            for c in gap.chars() {
                match c {
                    '(' | '[' => depth += 1,
                    ')' | ']' => depth = (depth - 1).max(0),
                    _ => {}
                }
            }
            previous_end = span.end;
            let surface = &text[span.start..span.end];
            let folded = fold(surface);
            let next = interner.len() as u32;
            let word = *interner.entry(folded.clone()).or_insert_with(|| {
                analysis.words.push(folded.clone().into_boxed_str());
                next
            });
            let flags = lexicon.flags(&folded);
            analysis.tokens.push(Token {
                span,
                word,
                pos: Pos::Unknown,
                flags,
                capitalised: surface.chars().next().is_some_and(char::is_uppercase),
                comma_before: i > 0 && gap.contains([',', ';', ':']),
                break_before: i > 0
                    && gap.contains(|c: char| !c.is_whitespace() && !matches!(c, ',' | ';' | ':')),
                in_brackets: depth > 0,
            });
        }
        let tokens = first..analysis.tokens.len();
        let mentions_start = analysis.mentions.len();
        if triggered {
            pos::tag(
                &mut analysis.tokens[tokens.clone()],
                &analysis.words,
                lexicon,
            );
            let mut found = mentions::find(
                text,
                sentence.span,
                &analysis.tokens[tokens.clone()],
                &analysis.words,
                anchors[index],
            );
            for m in &mut found {
                m.sentence = index;
            }
            analysis.mentions.extend(found);
        }
        analysis.sentences.push(SentenceAnalysis {
            tokens,
            triggered,
            anchor: anchors[index],
            mentions: mentions_start..analysis.mentions.len(),
        });
    }
    analysis.words.shrink_to_fit();
    analysis.tokens.shrink_to_fit();
    analysis.sentences.shrink_to_fit();
    analysis.mentions.shrink_to_fit();
    analysis
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::extract::Lexicon;

    fn doc(text: &str) -> Document {
        Document::analyze(0, "a.txt".into(), text.into(), Lexicon::builtin())
    }

    #[test]
    fn only_sentences_with_a_trigger_are_tagged() {
        let d = doc("The weather was fine. Ada Prinn was appointed director on 3 May 2020.\n");
        let a = &d.analysis;
        assert!(!a.sentences[0].triggered);
        assert!(a.sentence_tokens(0).is_empty());
        assert!(a.sentences[1].triggered);
        assert!(a.sentence_tokens(1).iter().all(|t| t.pos != Pos::Unknown));
        // The tokens of a triggered sentence are its words, one for one.
        let words = &d.words[d.sentences[1].words.clone()];
        assert_eq!(a.tokens.len(), words.len());
        assert!(a.tokens.iter().zip(words).all(|(t, w)| t.span == *w));
    }

    #[test]
    fn a_trigger_inside_a_longer_word_does_not_count() {
        let lexicon = AnalysisLexicon::builtin();
        assert!(!lexicon.triggered("the headland was sunny"));
        assert!(lexicon.triggered("she heads the board"));
        assert!(lexicon.triggered("opened in 1999"));
    }
}
