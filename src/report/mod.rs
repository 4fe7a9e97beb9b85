//! Reporters: one per output format. Each writes the sorted findings of a run to a
//! `&mut dyn Write`; none of them searches the text again, they only turn byte spans into lines
//! and columns.

pub mod errata;
mod escape;
mod excerpt;
mod github;
mod html;
mod json;
mod markdown;
mod sarif;
mod terminal;

use std::io::{self, Write};

use crate::config::Rule;
use crate::corpus::Corpus;
use crate::finding::{Finding, Severity, plural};

pub use escape::{escape, escape_line, is_unsafe};
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

/// Formats of the errata report (`concord report`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ErrataFormat {
    /// A Markdown document with a summary table.
    Markdown,
    /// One self-contained HTML page with a sortable, filterable table.
    Html,
}

impl ErrataFormat {
    /// The format a file name asks for: `.md`/`.markdown` or `.html`/`.htm`.
    pub fn from_extension(path: &std::path::Path) -> Option<ErrataFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "md" | "markdown" => Some(ErrataFormat::Markdown),
            "html" | "htm" => Some(ErrataFormat::Html),
            _ => None,
        }
    }
}

/// Writes the errata report.
pub fn write_errata(format: ErrataFormat, run: &Run, out: &mut dyn Write) -> io::Result<()> {
    match format {
        ErrataFormat::Markdown => markdown::write(run, out),
        ErrataFormat::Html => html::write(run, out),
    }
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

/// `--format github` with findings past GitHub's annotation cap written to `summary` (the
/// step summary file) rather than to the log.
pub fn write_github(run: &Run, out: &mut dyn Write, summary: &mut dyn Write) -> io::Result<()> {
    github::write(run, out, Some(summary))
}

pub fn write(format: Format, run: &Run, color: ColorChoice, out: &mut dyn Write) -> io::Result<()> {
    write_sized(format, run, color, None, out)
}

/// [`write`], with the terminal's width in columns when it is known (see [`terminal_width`]):
/// terminal excerpts are cut to fit it. Without one, excerpts keep a fixed amount of context,
/// so output to a pipe or a snapshot does not depend on the window it was produced in.
pub fn write_sized(
    format: Format,
    run: &Run,
    color: ColorChoice,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Terminal => terminal::write(run, color, width, out),
        Format::Json => json::write(run, false, out),
        Format::Sarif => sarif::write(run, out),
        Format::Github => github::write(run, out, None),
    }
}

/// `--format json --pretty`: the JSON report indented for a reader.
pub fn write_json_pretty(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    json::write(run, true, out)
}

/// The width to fit terminal output to: `COLUMNS` when it is set to a number (as ripgrep and
/// clap read it), else the width of standard output when it is a terminal, else none.
pub fn terminal_width() -> Option<usize> {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        return Some(n);
    }
    terminal_size::terminal_size_of(io::stdout()).map(|(w, _)| usize::from(w.0))
}
