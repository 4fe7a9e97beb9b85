//! `--format github`: GitHub Actions workflow commands, one annotation per finding on its
//! primary label; the other sides are named in the message.
//!
//! GitHub shows at most [`CAP`] annotations of each level per step and drops the rest without a
//! word. Past the cap, findings go to the step summary (`$GITHUB_STEP_SUMMARY`, a Markdown file)
//! as a table, or, without one, to the log as plain lines; the log says how many went where.

use std::io::{self, Write};

use super::Run;
use crate::finding::Severity;

/// Escapes a command's message (`%`, CR and LF).
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Annotations GitHub shows per level (error, warning, notice) in one step.
pub const CAP: usize = 10;

/// Escapes a Markdown table cell.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\r', '\n'], " ")
}

/// Writes the annotations to `out`; findings past the cap go to `summary` when there is one.
pub fn write(run: &Run, out: &mut dyn Write, summary: Option<&mut dyn Write>) -> io::Result<()> {
    let mut shown = [0usize; 3];
    let mut over = Vec::new();
    for f in run.findings {
        let Some(primary) = f.primary() else { continue };
        let level = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        };
        if shown[level] == CAP {
            over.push(f);
            continue;
        }
        shown[level] += 1;
        let doc = run.corpus.doc(primary.doc);
        let (line, col) = doc.line_col(primary.span.start);
        let (end_line, end_col) = doc.line_col(primary.span.end);
        let command = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = f.message.clone();
        for other in f.labels.iter().filter(|l| !l.primary) {
            let d = run.corpus.doc(other.doc);
            message.push_str(&format!(
                "\nsee also {}:{}: {}",
                d.name,
                d.line_col(other.span.start).0,
                other.message
            ));
        }
        if let Some(s) = &f.suggestion {
            message.push_str(&format!("\nsuggestion: {s}"));
        }
        writeln!(
            out,
            "::{command} file={},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
            property(&doc.name),
            property(&format!("{} {}", f.code, f.rule)),
            data(&message)
        )?;
    }
    if over.is_empty() {
        return Ok(());
    }
    let place = |f: &crate::finding::Finding| {
        f.primary().map_or(String::new(), |p| {
            let d = run.corpus.doc(p.doc);
            format!("{}:{}", d.name, d.line_col(p.span.start).0)
        })
    };
    match summary {
        Some(summary) => {
            writeln!(
                out,
                "concord: {} past GitHub's {CAP} annotations per level are in the step summary",
                super::plural(over.len(), "finding")
            )?;
            writeln!(summary, "### concord: findings past the annotation limit\n")?;
            writeln!(summary, "| severity | place | rule | message |")?;
            writeln!(summary, "| --- | --- | --- | --- |")?;
            for f in &over {
                writeln!(
                    summary,
                    "| {} | `{}` | {} {} | {} |",
                    f.severity.as_str(),
                    cell(&place(f)),
                    f.code,
                    f.rule,
                    cell(&f.message)
                )?;
            }
            writeln!(summary)?;
        }
        None => {
            writeln!(
                out,
                "concord: {} past GitHub's {CAP} annotations per level follow as plain lines",
                super::plural(over.len(), "finding")
            )?;
            for f in &over {
                writeln!(
                    out,
                    "{}: {} {} [{}] {}",
                    place(f),
                    f.severity.as_str(),
                    f.code,
                    f.rule,
                    f.message
                )?;
            }
        }
    }
    Ok(())
}
