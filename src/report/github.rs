//! `--format github`: GitHub Actions workflow commands, one annotation per finding on its
//! primary label; the other sides are named in the message.

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

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    for f in run.findings {
        let Some(primary) = f.primary() else { continue };
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
    Ok(())
}
