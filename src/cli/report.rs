//! `concord report`: the errata report, one document a reader can act on. It runs the same
//! checks as `concord check`, with the project's authority and suppressions applied, and lists
//! every finding (a baseline is not applied: the errata is the whole list of problems).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use concord::config::Selection;
use concord::report::{self, ErrataFormat};

use super::{Failure, RuleSource, Setup, setup};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Files and folders to read (default: `paths` in concord.toml, else the current folder).
    paths: Vec<PathBuf>,
    /// Where to write the report: `errata.md`, `errata.html`, or `-` for standard output.
    #[arg(long, short, value_name = "FILE")]
    out: PathBuf,
    /// The format (default: from the extension of --out).
    #[arg(long, short, value_enum)]
    format: Option<ErrataFormat>,
    /// Report only these rules (names, codes or categories, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Leave out these rules (names, codes or categories, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Do not follow symbolic links met while walking folders.
    #[arg(long)]
    no_follow: bool,
    /// Replace --out even when it is an existing file that concord did not write.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    source: RuleSource,
}

pub fn run(args: ReportArgs, stdout: &mut dyn Write) -> Result<u8, Failure> {
    let to_stdout = args.out.as_os_str() == "-";
    let format = match args.format {
        Some(f) => f,
        None if to_stdout => ErrataFormat::Markdown,
        None => ErrataFormat::from_extension(&args.out).ok_or_else(|| {
            Failure::Run(format!(
                "cannot tell the report format from `{}`; name it .md or .html, or pass --format markdown|html",
                args.out.display()
            ))
        })?,
    };
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
        ..Selection::default()
    };
    let Setup {
        project,
        rules,
        known,
    } = setup(&args.source, Some(&selection), &args.paths)?;
    let outcome = super::lint(
        &args.paths,
        &project,
        &rules,
        &super::Lint {
            follow_links: !args.no_follow,
            ..super::Lint::default()
        },
    )?
    .0;
    let corpus = &outcome.corpus;
    if !to_stdout {
        super::output::guard(&args.out, corpus, args.force, super::output::Kind::Errata)?;
    }
    concord::suppress::validate_markers(corpus, &known)?;
    let mut findings = outcome.findings;
    concord::authority::apply(&mut findings, corpus, &project.authority);
    let findings = concord::suppress::apply(findings, corpus, &project.ignores, &rules.rules).kept;
    let run = report::Run {
        corpus,
        findings: &findings,
        rules: &rules.rules,
    };
    if to_stdout {
        report::write_errata(format, &run, stdout)?;
    } else {
        write_file(&args.out, |out| report::write_errata(format, &run, out))?;
        eprintln!(
            "concord: wrote {} from {} to {}",
            plural(findings.len(), "problem"),
            plural(corpus.len(), "document"),
            args.out.display()
        );
    }
    Ok(0)
}

/// Writes a file through a buffer; an error names the file.
fn write_file(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let fail = |e: std::io::Error| Failure::Run(format!("{}: cannot write: {e}", path.display()));
    let mut out = BufWriter::new(File::create(path).map_err(fail)?);
    body(&mut out).map_err(fail)?;
    out.flush().map_err(fail)
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}
