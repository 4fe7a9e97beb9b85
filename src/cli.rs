//! The command line: clap definitions, turned once into validated settings, then run.

mod adopt;
mod facts;
mod init;
mod output;
// `report` is taken by the reporters' module imported below.
#[path = "cli/report.rs"]
mod report_cmd;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use concord::config::{ConfigError, Project, RuleSet, Selection};
use concord::corpus::LoadOptions;
use concord::finding::Severity;
use concord::report::{self, ColorChoice, Format};

/// Exit codes (DESIGN.md): 0 clean, 1 findings at or above the failing level, 2 usage,
/// configuration or I/O error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

/// concord finds where a set of documents disagree with each other or with themselves:
/// conflicting facts and dates, repeated sentences, names spelt two ways, typos.
#[derive(Parser, Debug)]
#[command(name = "concord", version, about, long_about = None, propagate_version = true)]
#[command(
    after_help = "Examples:\n  concord check docs/                 lint every document under docs/\n  concord check --format json a.md b.md\n  concord rules                        list the rules\n  concord explain duplicate-sentence   what a rule flags and why"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Lint documents and report where they disagree.
    Check(CheckArgs),
    /// List the rules: code, name, category, default severity.
    Rules(RulesArgs),
    /// Print what a rule flags, why it matters, an example and its fix.
    Explain(ExplainArgs),
    /// Print the facts read from documents: post holders, event dates, infobox values.
    Facts(facts::FactsArgs),
    /// Write an errata report (Markdown or HTML): each problem, its sources, the correction.
    Report(report_cmd::ReportArgs),
    /// Write a commented starter concord.toml in the current folder.
    Init,
}

#[derive(Args, Debug)]
struct RuleSource {
    /// The project file (default: ./concord.toml when it exists).
    #[arg(long, value_name = "FILE", global = true)]
    config: Option<PathBuf>,
    /// A folder of extra rule packs (*.toml); may be repeated.
    #[arg(long = "rules", value_name = "DIR")]
    rule_dirs: Vec<PathBuf>,
    /// Do not load the rule packs shipped with concord.
    #[arg(long)]
    no_builtin_rules: bool,
}

#[derive(Args, Debug)]
struct CheckArgs {
    /// Files and folders to lint (default: `paths` in concord.toml, else the current folder).
    /// Folders are walked in sorted order and their ignore files respected.
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = Format::Terminal)]
    format: Format,
    /// When to colour terminal output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Exit with 1 when a finding is at or above this severity.
    #[arg(long, value_name = "LEVEL", default_value = "warning", value_parser = parse_severity)]
    fail_on: Severity,
    /// Run only these rules (names, codes or categories, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Never run these rules (names, codes or categories, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Give rules another severity, as RULE=LEVEL (RULE: a name, code or category).
    #[arg(long, value_name = "RULE=LEVEL", value_parser = parse_override)]
    severity: Vec<(String, Severity)>,
    /// Do not follow symbolic links met while walking folders.
    #[arg(long)]
    no_follow: bool,
    /// Let --write-baseline replace an existing file that is not a concord baseline.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    adopt: adopt::AdoptArgs,
    #[command(flatten)]
    source: RuleSource,
}

#[derive(Args, Debug)]
struct RulesArgs {
    #[command(flatten)]
    source: RuleSource,
}

#[derive(Args, Debug)]
struct ExplainArgs {
    /// A rule name or code, such as `duplicate-sentence` or `D001`.
    rule: String,
    #[command(flatten)]
    source: RuleSource,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

fn parse_override(s: &str) -> Result<(String, Severity), String> {
    let (rule, level) = s
        .split_once('=')
        .ok_or("expected RULE=LEVEL, such as typo=info")?;
    Ok((rule.to_string(), level.parse()?))
}

/// Settings of one run, validated.
struct Setup {
    project: Project,
    rules: RuleSet,
}

fn setup(source: &RuleSource, selection: Option<&Selection>) -> Result<Setup, ConfigError> {
    let project = Project::discover(source.config.as_deref())?;
    let mut dirs = project.rule_packs.clone();
    dirs.extend(source.rule_dirs.iter().cloned());
    let mut rules = RuleSet::load(&dirs, project.builtin_rules && !source.no_builtin_rules)?;
    concord::suppress::validate(&project.ignores, &rules.rules)?;
    rules.apply(&project.selection)?;
    if let Some(selection) = selection {
        rules.apply(selection)?;
    }
    Ok(Setup { project, rules })
}

pub fn run(cli: Cli) -> ExitCode {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Check(args) => check(args, &mut out),
        Command::Rules(args) => rules(args, &mut out),
        Command::Explain(args) => explain(args, &mut out),
        Command::Facts(args) => facts::run(args, &mut out),
        Command::Report(args) => report_cmd::run(args, &mut out),
        Command::Init => init::run(std::path::Path::new(concord::config::project::FILE_NAME)),
    };
    match result.and_then(|code| out.flush().map(|_| code).map_err(Failure::Io)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`concord check | head`) is the reader's choice, not an error.
        Err(Failure::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", report::escape(&e.to_string()));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

pub(crate) enum Failure {
    Io(io::Error),
    Run(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Io(e) => write!(f, "cannot write the output: {e}"),
            Failure::Run(msg) => f.write_str(msg),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<ConfigError> for Failure {
    fn from(e: ConfigError) -> Self {
        Failure::Run(e.to_string())
    }
}

impl From<concord::Error> for Failure {
    fn from(e: concord::Error) -> Self {
        Failure::Run(e.to_string())
    }
}

fn check(args: CheckArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let selection = Selection {
        select: args.select,
        ignore: args.ignore,
        severity: args.severity,
    };
    let Setup { project, rules } = setup(&args.source, Some(&selection))?;
    let outcome = lint(args.paths, !args.no_follow, &project, &rules)?;
    let corpus = &outcome.corpus;
    if let Some(path) = &args.adopt.write_baseline {
        output::guard(path, corpus, args.force, output::Kind::Baseline)?;
    }
    let adopted = adopt::apply(
        &args.adopt,
        &project,
        corpus,
        outcome.findings,
        &rules.rules,
    )?;
    let findings = adopted.findings;
    let run = report::Run {
        corpus,
        findings: &findings,
        rules: &rules.rules,
    };
    report::write_sized(args.format, &run, args.color, report::terminal_width(), out)?;
    let failing = adopted.failing || findings.iter().any(|f| f.severity >= args.fail_on);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// Reads the documents (`paths`, else the project's, else the current folder) and runs the
/// rules, with progress shown on a terminal; load warnings go to standard error.
pub(crate) fn lint(
    paths: Vec<PathBuf>,
    follow_links: bool,
    project: &Project,
    rules: &RuleSet,
) -> Result<concord::Outcome, Failure> {
    let paths = if !paths.is_empty() {
        paths
    } else if !project.paths.is_empty() {
        project.paths.clone()
    } else {
        vec![PathBuf::from(".")]
    };
    let mut options = LoadOptions::default();
    if let Some(ext) = &project.extensions {
        options.extensions = ext.clone();
    }
    options.exclude = project.exclude.clone();
    options.follow_links = follow_links;
    let outcome =
        with_progress(|progress| concord::check_with_progress(&paths, &options, rules, progress))?;
    for w in &outcome.warnings {
        // A file name can hold control characters too.
        eprintln!("warning: {}", report::escape(&w.to_string()));
    }
    Ok(outcome)
}

/// Runs `work` with a spinner on standard error that names the stage under way. indicatif draws
/// nothing when standard error is not a terminal, so CI logs and pipes stay clean, and a run
/// shorter than the first tick shows nothing at all.
pub(crate) fn with_progress<T>(work: impl FnOnce(&mut dyn FnMut(concord::Stage)) -> T) -> T {
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    let result = work(&mut |stage| {
        spinner.set_message(match stage {
            concord::Stage::Loading => "reading files…".to_string(),
            concord::Stage::Analysing { files, bytes } => {
                format!("parsing {files} documents ({:.1} MB)…", bytes as f64 / 1e6)
            }
            concord::Stage::Checking { files, rules } => {
                format!("checking {files} documents against {rules} rules…")
            }
        })
    });
    spinner.finish_and_clear();
    result
}

fn rules(args: RulesArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let Setup { rules, .. } = setup(&args.source, None)?;
    let width = rules
        .rules
        .iter()
        .map(|r| r.name.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(
        out,
        "{:<5} {:<width$} {:<14} {:<8} summary",
        "code", "name", "category", "severity"
    )?;
    for r in &rules.rules {
        let summary = r
            .doc
            .flags
            .split(". ")
            .next()
            .unwrap_or("")
            .trim_end_matches('.');
        writeln!(
            out,
            "{:<5} {:<width$} {:<14} {:<8} {summary}",
            r.code,
            r.name,
            r.category.as_str(),
            r.severity.as_str()
        )?;
    }
    writeln!(
        out,
        "\n{} rules; `concord explain NAME` tells more about one.",
        rules.rules.len()
    )?;
    Ok(0)
}

fn explain(args: ExplainArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let Setup { rules, .. } = setup(&args.source, None)?;
    let rule = rules.get(&args.rule).ok_or_else(|| {
        Failure::Run(format!(
            "no rule is named `{}`; `concord rules` lists them",
            args.rule
        ))
    })?;
    let d = &rule.doc;
    writeln!(
        out,
        "{} ({}): {} {}, check kind `{}`",
        rule.name,
        rule.code,
        rule.category.as_str(),
        rule.severity.as_str(),
        rule.kind.name
    )?;
    writeln!(out, "\nWhat it flags\n    {}", d.flags)?;
    writeln!(out, "\nWhy it matters\n    {}", d.why)?;
    writeln!(out, "\nExample\n    {}", d.example)?;
    writeln!(out, "\nFix\n    {}", d.fix)?;
    writeln!(out, "\nParameters")?;
    for line in rule.kind.params.lines() {
        writeln!(out, "    {line}")?;
    }
    if let Some(p) = &rule.params {
        let set = toml::to_string(p).unwrap_or_default();
        writeln!(out, "  set in {}:", rule.origin)?;
        for line in set.lines() {
            writeln!(out, "    {line}")?;
        }
    }
    writeln!(out, "\nKnown limits\n    {}", d.limits)?;
    Ok(0)
}
