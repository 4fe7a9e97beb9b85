//! The `check` options for adopting concord on a corpus that already has findings: source
//! authority, suppressions, a baseline and changed-files mode, applied in that order to the
//! findings of a run. Authority goes first because it moves the primary label that suppressions
//! match; the baseline sees only findings that are not suppressed, so a suppressed finding never
//! enters a baseline; changed-files mode comes last, so a baseline is written from the whole
//! corpus.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use concord::config::{Project, Rule};
use concord::corpus::Corpus;
use concord::finding::Finding;

use super::Failure;
use super::report_cmd::plural;

#[derive(Args, Debug)]
pub struct AdoptArgs {
    /// Report only findings this baseline file does not know (default: `baseline` in
    /// concord.toml).
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Record today's findings in FILE, so that later runs with --baseline report only new ones.
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub(super) write_baseline: Option<PathBuf>,
    /// Warn (on stderr, with file and line) about ignore markers and [[ignore]] entries that hid
    /// nothing, and exit with 1 if there are any.
    #[arg(long)]
    report_unused_ignores: bool,
    /// Report only findings with a label in a file changed since REV (git diff plus untracked
    /// files); the whole corpus is still read for cross-document checks.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

/// What is left to report, and whether unused suppressions make the run fail.
pub struct Adopted {
    pub findings: Vec<Finding>,
    pub failing: bool,
    /// How many findings --write-baseline recorded, when it ran.
    pub recorded: Option<usize>,
}

pub fn apply(
    args: &AdoptArgs,
    project: &Project,
    corpus: &Corpus,
    mut findings: Vec<Finding>,
    rules: &[Rule],
    linted: &[PathBuf],
    quiet: bool,
) -> Result<Adopted, Failure> {
    let mut recorded = None;
    concord::authority::apply(&mut findings, corpus, &project.authority);
    let suppressed = concord::suppress::apply(findings, corpus, &project.ignores, rules);
    if args.report_unused_ignores {
        for u in &suppressed.unused {
            eprintln!("warning: {u}");
        }
    }
    let failing = args.report_unused_ignores && !suppressed.unused.is_empty();
    let mut findings = suppressed.kept;
    if let Some(path) = &args.write_baseline {
        let fail = |e: std::io::Error| {
            Failure::Run(format!(
                "{}: cannot write the baseline: {e}",
                path.display()
            ))
        };
        let mut file = std::io::BufWriter::new(std::fs::File::create(path).map_err(fail)?);
        concord::baseline::write(&findings, corpus, &mut file).map_err(fail)?;
        file.flush().map_err(fail)?;
        eprintln!(
            "concord: recorded {} in {}; later runs with --baseline report only new ones",
            plural(findings.len(), "finding"),
            path.display()
        );
        recorded = Some(findings.len());
        // Everything found is now known: the run reports no new finding.
        findings.clear();
    } else if let Some(path) = args.baseline.as_ref().or(project.baseline.as_ref()) {
        let baseline = concord::baseline::Baseline::read(path)?;
        let (new, known) = baseline.filter(findings, corpus);
        if known > 0 && !quiet {
            eprintln!(
                "concord: {} known from {} not shown",
                plural(known, "finding"),
                path.display()
            );
        }
        // Fixed findings leave entries behind that would hide a later, identical slip.
        let stale = baseline.len() - known;
        if stale > 0 && !quiet {
            eprintln!(
                "concord: {stale} of {} recorded in {} not found (fixed, or of rules that did not run); --write-baseline {} refreshes the file",
                plural(baseline.len(), "finding"),
                path.display(),
                path.display()
            );
        }
        findings = new;
    }
    if let Some(rev) = &args.changed_since {
        // git is asked where the documents are, which need not be the current folder.
        let at = linted.first().map_or(PathBuf::from("."), |p| {
            if p.is_dir() {
                p.clone()
            } else {
                p.parent()
                    .filter(|d| !d.as_os_str().is_empty())
                    .map_or(PathBuf::from("."), Path::to_path_buf)
            }
        });
        let changed =
            concord::changed::changed_files(rev, &at).map_err(|e| Failure::Run(e.to_string()))?;
        findings = concord::changed::filter(findings, corpus, &changed);
    }
    Ok(Adopted {
        findings,
        failing,
        recorded,
    })
}
