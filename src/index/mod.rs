//! Corpus-wide indexes, each built once, before the checks that declare it run (or on first use
//! by one that does not), and shared by every check that needs it.
//! They are what keeps cross-document checks linear: checks look up keys instead of comparing
//! every item with every other.

pub mod facts;
pub mod names;
pub mod sentences;

use std::sync::OnceLock;

pub use facts::FactIndex;
pub use names::NameIndex;
pub use sentences::{SentenceIndex, SentenceRef};

use crate::corpus::Corpus;
use crate::extract::Lexicon;

/// The indexes a check can declare (see [`crate::checks::Check::indexes`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    Sentences,
    Facts,
    Names,
}

pub struct Index<'a> {
    corpus: &'a Corpus,
    lexicon: &'a Lexicon,
    sentences: OnceLock<SentenceIndex>,
    facts: OnceLock<FactIndex>,
    names: OnceLock<NameIndex>,
}

impl<'a> Index<'a> {
    pub fn new(corpus: &'a Corpus, lexicon: &'a Lexicon) -> Self {
        Index {
            corpus,
            lexicon,
            sentences: OnceLock::new(),
            facts: OnceLock::new(),
            names: OnceLock::new(),
        }
    }

    /// Builds the indexes asked for at once: the fact and sentence indexes spread their
    /// documents over every core, and the name index runs beside them.
    pub fn prepare(&self, sentences: bool, facts: bool, names: bool) {
        rayon::join(
            || {
                if names {
                    self.names();
                }
            },
            || {
                if facts {
                    self.facts();
                }
                if sentences {
                    self.sentences();
                }
            },
        );
    }

    /// Normalised words and weighted content terms of every sentence, with an inverted index.
    pub fn sentences(&self) -> &SentenceIndex {
        self.sentences
            .get_or_init(|| SentenceIndex::build(self.corpus, self.lexicon))
    }

    /// Facts of every document, their entities merged across documents, grouped by key.
    pub fn facts(&self) -> &FactIndex {
        self.facts.get_or_init(|| {
            FactIndex::build(self.corpus, crate::extract::facts::FactPatterns::builtin())
        })
    }

    /// Every spelling of a name word, with blocking keys for variant search.
    pub fn names(&self) -> &NameIndex {
        self.names.get_or_init(|| {
            NameIndex::build(self.corpus, crate::extract::names::Translit::builtin())
        })
    }
}
