//! Files concord writes (the errata report, a baseline): never over a document of the run, and
//! over any other existing file only when it is concord's own earlier output of the same kind or
//! the user passed `--force`. A report replacing the document it reports on, or a baseline
//! replacing a user's file, loses work with exit 0; refusing costs one flag.

use std::path::Path;

use concord::corpus::Corpus;

use super::Failure;

/// What is about to be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Errata,
    Baseline,
    /// `check --output-file`: a report in any format, which may replace any file but a
    /// document, as `-o` does in other linters.
    Report,
}

impl Kind {
    fn noun(self) -> &'static str {
        match self {
            Kind::Errata => "an errata report",
            Kind::Baseline => "a baseline",
            Kind::Report => "a report",
        }
    }

    /// Whether `text` is concord's own output of this kind: the errata carry the generated
    /// marker, a baseline is one when it reads as one.
    fn written_by_concord(self, text: &str, name: &str) -> bool {
        match self {
            Kind::Errata => concord::corpus::is_generated(text),
            Kind::Baseline => concord::baseline::Baseline::parse(text, name).is_ok(),
            Kind::Report => true,
        }
    }
}

/// Checks that `path` may receive `kind`; see the module comment.
pub fn guard(path: &Path, corpus: &Corpus, force: bool, kind: Kind) -> Result<(), Failure> {
    let Ok(target) = std::fs::canonicalize(path) else {
        // Not there yet (or its folder is missing: the write itself will say so).
        return Ok(());
    };
    let shown = path.display();
    if corpus
        .docs
        .iter()
        .any(|d| std::fs::canonicalize(&d.name).is_ok_and(|c| c == target))
    {
        return Err(Failure::Run(format!(
            "{shown} is one of the documents read; refusing to replace it with {}: choose another file",
            kind.noun()
        )));
    }
    if force || !target.is_file() {
        return Ok(());
    }
    let ours = std::fs::read(&target)
        .map(|bytes| kind.written_by_concord(&String::from_utf8_lossy(&bytes), &shown.to_string()))
        .unwrap_or(false);
    if ours {
        return Ok(());
    }
    Err(Failure::Run(format!(
        "{shown} exists and is not {} written by concord; pass --force to replace it",
        kind.noun()
    )))
}
