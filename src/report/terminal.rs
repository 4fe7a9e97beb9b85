//! Terminal output: rustc-style diagnostics rendered by codespan-reporting, one label in each
//! document involved, and a summary line at the end.

use std::io::{self, IsTerminal, Write};

use codespan_reporting::diagnostic::{Diagnostic, Label, LabelStyle};
use codespan_reporting::term::{self, Config, termcolor::Ansi};

use super::excerpt::Excerpts;
use super::{Run, Summary, escape, plural};
use crate::finding::{Finding, Severity};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none() && io::stdout().is_terminal()
            }
        }
    }
}

/// The diagnostic of a finding, its labels given as (excerpt file, range) pairs.
pub fn diagnostic(f: &Finding, labels: Vec<(usize, std::ops::Range<usize>)>) -> Diagnostic<usize> {
    let severity = match f.severity {
        Severity::Error => codespan_reporting::diagnostic::Severity::Error,
        Severity::Warning => codespan_reporting::diagnostic::Severity::Warning,
        Severity::Info => codespan_reporting::diagnostic::Severity::Note,
    };
    let labels = f
        .labels
        .iter()
        .zip(labels)
        .map(|(l, (file, range))| {
            let style = if l.primary {
                LabelStyle::Primary
            } else {
                LabelStyle::Secondary
            };
            Label::new(style, file, range).with_message(escape(&l.message))
        })
        .collect();
    // Messages, notes and suggestions quote the documents: escaped like the excerpts.
    let mut notes: Vec<String> = f.notes.iter().map(|n| escape(n).into_owned()).collect();
    if let Some(s) = &f.suggestion {
        notes.push(format!("suggestion: {}", escape(s)));
    }
    notes.push(format!("rule: {} (`concord explain {}`)", f.rule, f.rule));
    Diagnostic::new(severity)
        .with_code(&f.code)
        .with_message(escape(&f.message))
        .with_labels(labels)
        .with_notes(notes)
}

/// Writes the diagnostics; `width` is the terminal's width in columns, when known: long lines
/// are cut around the labelled words to fit it.
pub fn write(
    run: &Run,
    color: ColorChoice,
    width: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let config = Config::default();
    let colored = color.enabled();
    for f in run.findings {
        let (files, labels) = Excerpts::new(run.corpus, f, width);
        let d = diagnostic(f, labels);
        let result = if colored {
            term::emit_to_write_style(&mut Ansi::new(&mut *out), &config, &files, &d)
        } else {
            term::emit_to_io_write(out, &config, &files, &d)
        };
        result.map_err(|e| match e {
            codespan_reporting::files::Error::Io(e) => e,
            other => io::Error::other(other.to_string()),
        })?;
    }
    writeln!(out, "{}", summary_line(&Summary::of(run)))
}

pub fn summary_line(s: &Summary) -> String {
    let total = s.errors + s.warnings + s.infos;
    let files = plural(s.files, "file");
    if total == 0 {
        return format!("concord: no findings in {files}");
    }
    format!(
        "concord: {} in {files} ({}, {}, {})",
        plural(total, "finding"),
        plural(s.errors, "error"),
        plural(s.warnings, "warning"),
        plural(s.infos, "info")
    )
}
