//! Reporters: one per output format. Each writes the sorted findings of a run to a
//! `&mut dyn Write`; none of them searches the text again, they only turn byte spans into lines
//! and columns.

mod excerpt;
mod github;
mod json;
mod sarif;
mod terminal;

use std::io::{self, Write};

use crate::config::Rule;
use crate::corpus::Corpus;
use crate::finding::{Finding, Severity};

pub use terminal::ColorChoice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable diagnostics with source excerpts.
    Terminal,
    /// The JSON contract (version 1).
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
}

/// Everything a reporter needs.
pub struct Run<'a> {
    pub corpus: &'a Corpus,
    pub findings: &'a [Finding],
    pub rules: &'a [Rule],
}

/// Counts by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(run: &Run) -> Summary {
        let count = |s| run.findings.iter().filter(|f| f.severity == s).count();
        Summary {
            files: run.corpus.len(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
        }
    }
}

pub fn write(format: Format, run: &Run, color: ColorChoice, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Terminal => terminal::write(run, color, out),
        Format::Json => json::write(run, out),
        Format::Sarif => sarif::write(run, out),
        Format::Github => github::write(run, out),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
