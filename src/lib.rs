//! concord: a document consistency linter.
//!
//! The pipeline, one stage a module:
//!
//! ```text
//! load ──▶ parse ──▶ analyze ──▶ extract ──▶ index ──▶ checks ──▶ findings ──▶ report
//! corpus   parse     analyze     extract     index     checks     finding      report
//! ```
//!
//! Glossary:
//! - **Document**: one source file, its text, blocks, sentences and words ([`corpus::Document`]).
//! - **Span**: a byte range into a document's text; every extracted item has one, and reporters
//!   turn spans into lines and columns only at output ([`span::Span`]).
//! - **Block**: a line-level unit: heading, infobox field, list item, paragraph, page break.
//! - **Analysis**: per document, once: tokens, parts of speech, typed mentions (person,
//!   organisation, post, date, number) and section-anchored dates, computed only in sentences a
//!   literal prefilter selects ([`analyze::Analysis`]).
//! - **Check kind**: Rust code that looks for one kind of problem ([`checks::Kind`]).
//! - **Rule**: a check kind configured in a TOML rule pack: name, code, category, severity,
//!   message, parameters ([`config::Rule`]).
//! - **Finding**: what a rule reports: a message and labels pointing into every document
//!   involved, the primary one first ([`finding::Finding`]).

pub mod analyze;
pub mod authority;
pub mod baseline;
pub mod changed;
pub mod checks;
pub mod config;
pub mod corpus;
pub mod extract;
pub mod finding;
pub mod fix;
pub mod index;
pub mod lsp;
pub mod parse;
pub mod report;
pub mod span;
pub mod suppress;
#[cfg(test)]
mod testing;

use std::fmt;
use std::path::PathBuf;

use config::{ConfigError, RuleSet};
use corpus::{Corpus, LoadError, LoadOptions, LoadWarning};
use extract::Lexicon;
use finding::Finding;

/// What a check run produced.
pub struct Outcome {
    pub corpus: Corpus,
    pub findings: Vec<Finding>,
    /// Files passed over while walking folders.
    pub warnings: Vec<LoadWarning>,
}

#[derive(Debug)]
pub enum Error {
    Load(LoadError),
    Config(ConfigError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::Config(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for Error {}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

impl From<ConfigError> for Error {
    fn from(e: ConfigError) -> Self {
        Error::Config(e)
    }
}

/// A stage of a run, reported to callers that show progress on long runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Finding and reading the files.
    Loading,
    /// Parsing and extracting the documents read.
    Analysing { files: usize, bytes: usize },
    /// Running the rules over the corpus.
    Checking { files: usize, rules: usize },
}

/// Loads the documents under `paths` and runs `rules` over them.
pub fn check(paths: &[PathBuf], options: &LoadOptions, rules: &RuleSet) -> Result<Outcome, Error> {
    check_with_progress(paths, options, rules, &mut |_| {})
}

/// [`check`], telling `progress` as each stage begins.
pub fn check_with_progress(
    paths: &[PathBuf],
    options: &LoadOptions,
    rules: &RuleSet,
    progress: &mut dyn FnMut(Stage),
) -> Result<Outcome, Error> {
    check_buffers(paths, options, rules, Vec::new(), progress)
}

/// A document's text given in place of the file on disk: standard input, an editor's buffer.
#[derive(Debug, Clone)]
pub struct Buffer {
    /// The file the text stands for; it need not exist.
    pub path: PathBuf,
    pub text: String,
}

/// [`check_with_progress`], with `buffers` read instead of their files: a buffer replaces the
/// document of the same file found under `paths`, or joins the corpus if there is none, so it
/// is checked against the rest of the corpus as it is on disk.
pub fn check_buffers(
    paths: &[PathBuf],
    options: &LoadOptions,
    rules: &RuleSet,
    buffers: Vec<Buffer>,
    progress: &mut dyn FnMut(Stage),
) -> Result<Outcome, Error> {
    progress(Stage::Loading);
    let (mut sources, warnings) = corpus::load_sources(paths, options)?;
    if !buffers.is_empty() {
        merge_buffers(&mut sources, buffers);
    }
    progress(Stage::Analysing {
        files: sources.len(),
        bytes: sources.iter().map(|s| s.text.len()).sum(),
    });
    let lexicon = Lexicon::builtin();
    let corpus = Corpus::build(sources, lexicon);
    progress(Stage::Checking {
        files: corpus.len(),
        rules: rules.rules.len(),
    });
    let findings = check_corpus(&corpus, lexicon, rules);
    Ok(Outcome {
        corpus,
        findings,
        warnings,
    })
}

/// Puts each buffer in place of the source of the same file (compared as absolute paths, so
/// `docs/a.md`, `./docs/a.md` and `/repo/docs/a.md` are one file), keeping the sorted order.
fn merge_buffers(sources: &mut Vec<corpus::Source>, buffers: Vec<Buffer>) {
    let absolute = |p: &std::path::Path| {
        std::fs::canonicalize(p).unwrap_or_else(|_| {
            std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf())
        })
    };
    let keys: Vec<PathBuf> = sources
        .iter()
        .map(|s| absolute(std::path::Path::new(&s.name)))
        .collect();
    for buffer in buffers {
        let key = absolute(&buffer.path);
        match keys.iter().position(|k| *k == key) {
            Some(i) => sources[i].text = buffer.text,
            None => {
                let name = buffer.path.to_string_lossy().replace('\\', "/");
                let name = name.strip_prefix("./").unwrap_or(&name).to_string();
                sources.push(corpus::Source {
                    name,
                    text: buffer.text,
                });
            }
        }
    }
    sources.sort_by(|a, b| a.name.cmp(&b.name));
}

/// Runs `rules` over a corpus already built.
pub fn check_corpus(corpus: &Corpus, lexicon: &Lexicon, rules: &RuleSet) -> Vec<Finding> {
    let cx = checks::Context::new(corpus, lexicon);
    checks::run(&cx, &rules.rules)
}
