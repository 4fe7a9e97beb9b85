//! `--format json`: the machine-readable contract.
//!
//! ```json
//! { "version": 1,
//!   "diagnostics": [
//!     { "rule": "duplicate-sentence", "code": "D001", "category": "duplicate",
//!       "severity": "warning", "message": "...",
//!       "labels": [ { "file": "seeds/000.txt", "start": 812, "end": 826,
//!                     "line": 22, "column": 51, "primary": true, "message": "..." } ],
//!       "notes": ["..."], "suggestion": "...",
//!       "fix": { "safe": true, "edits": [ { "file": "seeds/000.txt", "start": 812, "end": 826,
//!                                           "replacement": "..." } ] } } ],
//!   "summary": { "files": 4, "errors": 0, "warnings": 0, "infos": 0 } }
//! ```
//!
//! `start`/`end` are UTF-8 byte offsets into the file (end exclusive), counted from the first
//! byte of the file (a BOM included); `line`/`column` are 1-based, the column in characters.
//! The primary label comes first. `suggestion` is `null` when there is none. Diagnostics are
//! sorted by (file, start, rule). `fix` is there only when the suggestion is replacement text:
//! edits with byte ranges, and whether `--fix` applies it without `--unsafe-fixes`. Version 1
//! only ever gains fields.

use std::io::{self, Write};

use serde::Serialize;

use super::{Run, Summary};
use crate::finding::{Category, Finding, Severity};

#[derive(Serialize)]
pub struct Report<'a> {
    pub version: u32,
    pub diagnostics: Vec<Diagnostic<'a>>,
    pub summary: SummaryJson,
}

#[derive(Serialize)]
pub struct Diagnostic<'a> {
    pub rule: &'a str,
    pub code: &'a str,
    pub category: Category,
    pub severity: Severity,
    pub message: &'a str,
    pub labels: Vec<LabelJson<'a>>,
    pub notes: &'a [String],
    pub suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixJson<'a>>,
}

#[derive(Serialize)]
pub struct FixJson<'a> {
    pub safe: bool,
    pub edits: Vec<EditJson<'a>>,
}

#[derive(Serialize)]
pub struct EditJson<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub replacement: &'a str,
}

#[derive(Serialize)]
pub struct LabelJson<'a> {
    pub file: &'a str,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub primary: bool,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct SummaryJson {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

pub fn diagnostic<'a>(run: &Run<'a>, f: &'a Finding) -> Diagnostic<'a> {
    let labels = f
        .labels
        .iter()
        .map(|l| {
            let doc = run.corpus.doc(l.doc);
            let (line, column) = doc.line_col(l.span.start);
            LabelJson {
                file: &doc.name,
                start: l.span.start,
                end: l.span.end,
                line,
                column,
                primary: l.primary,
                message: &l.message,
            }
        })
        .collect();
    Diagnostic {
        rule: &f.rule,
        code: &f.code,
        category: f.category,
        severity: f.severity,
        message: &f.message,
        labels,
        notes: &f.notes,
        suggestion: f.suggestion.as_deref(),
        fix: f.fix.as_ref().map(|fix| FixJson {
            safe: fix.safe,
            edits: fix
                .edits
                .iter()
                .map(|e| EditJson {
                    file: &run.corpus.doc(e.doc).name,
                    start: e.span.start,
                    end: e.span.end,
                    replacement: &e.replacement,
                })
                .collect(),
        }),
    }
}

/// One line of compact JSON, for machines (the default: at 100 MB of input, indentation alone
/// would make the report several times larger); `pretty` indents it for a reader.
pub fn write(run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    let s = Summary::of(run);
    let report = Report {
        version: 1,
        diagnostics: run.findings.iter().map(|f| diagnostic(run, f)).collect(),
        summary: SummaryJson {
            files: s.files,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
        },
    };
    let mut out = io::BufWriter::new(out);
    if pretty {
        serde_json::to_writer_pretty(&mut out, &report)?;
    } else {
        serde_json::to_writer(&mut out, &report)?;
    }
    writeln!(out)?;
    out.flush()
}
