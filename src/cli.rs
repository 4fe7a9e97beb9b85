//! The command line: clap definitions, turned once into validated settings, then run.

mod adopt;
mod facts;
mod init;
mod output;
// `report` is taken by the reporters' module imported below.
#[path = "cli/report.rs"]
mod report_cmd;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `concord man > concord.1`.
    Man,
    /// Run the language server over standard input and output, for editors.
    Lsp,
}

#[derive(Args, Debug)]
struct RuleSource {
    /// The project file (default: the nearest concord.toml in the folder of the first path
    /// linted or above it, else in the current folder or above it).
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
    /// Folders are walked in sorted order and their ignore files respected. `-` reads one
    /// document from standard input (see --stdin-filename).
    paths: Vec<PathBuf>,
    /// The file standard input stands for: it is linted in that file's place, against the rest
    /// of the corpus, and only findings that touch it are reported.
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<PathBuf>,
    /// Apply `exclude` from concord.toml to files named on the command line too (as pre-commit
    /// and editors name them), not only to folder walks.
    #[arg(long)]
    force_exclude: bool,
    /// Print the findings only: no summary line, no notes about the baseline.
    #[arg(long, short)]
    quiet: bool,
    /// With --format json: indent the report for a reader (it is one compact line by default).
    #[arg(long)]
    pretty: bool,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    statistics: bool,
    /// Apply the safe fixes (replacement text of typo rules) to the files, then report what is
    /// left. A file is replaced only once its new text is written in full.
    #[arg(long)]
    fix: bool,
    /// With --fix or --diff, take the unsafe fixes too (guesses a reader should confirm).
    #[arg(long)]
    unsafe_fixes: bool,
    /// Print the fixes as a unified diff instead of the findings; write nothing.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    /// Write the report to FILE instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output_file: Option<PathBuf>,
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
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = RulesFormat::Table)]
    format: RulesFormat,
    #[command(flatten)]
    source: RuleSource,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum RulesFormat {
    /// One rule a line, aligned.
    Table,
    /// An array of rules: code, name, category, severity, kind, summary.
    Json,
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
    /// (name, code) of every rule loaded, selected or not: what suppression markers may name.
    known: Vec<(String, String)>,
}

fn setup(
    source: &RuleSource,
    selection: Option<&Selection>,
    linted: &[PathBuf],
) -> Result<Setup, ConfigError> {
    let project = Project::discover(source.config.as_deref(), linted)?;
    let mut dirs = project.rule_packs.clone();
    dirs.extend(source.rule_dirs.iter().cloned());
    let mut rules = RuleSet::load(&dirs, project.builtin_rules && !source.no_builtin_rules)?;
    concord::suppress::validate(&project.ignores, &rules.rules)?;
    let known = rules
        .rules
        .iter()
        .map(|r| (r.name.clone(), r.code.clone()))
        .collect();
    if let Some(dialect) = &project.dialect {
        rules.set_param("dialect", dialect)?;
    }
    rules.apply(&project.selection)?;
    if let Some(selection) = selection {
        rules.apply(selection)?;
    }
    Ok(Setup {
        project,
        rules,
        known,
    })
}

pub fn run(cli: Cli) -> ExitCode {
    if let Command::Lsp = cli.command {
        // The server's writer thread owns standard output: no lock may be held here.
        return match concord::lsp::serve_stdio() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: language server: {e}");
                ExitCode::from(EXIT_ERROR)
            }
        };
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = match cli.command {
        Command::Check(args) => check(args, &mut out),
        Command::Rules(args) => rules(args, &mut out),
        Command::Explain(args) => explain(args, &mut out),
        Command::Facts(args) => facts::run(args, &mut out),
        Command::Report(args) => report_cmd::run(args, &mut out),
        Command::Init => init::run(std::path::Path::new(concord::config::project::FILE_NAME)),
        Command::Completions { shell } => {
            let mut command = <Cli as clap::CommandFactory>::command();
            // Into a buffer first: clap_complete panics on a write error such as a closed pipe.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command, "concord", &mut script);
            out.write_all(&script).map(|_| 0).map_err(Failure::Io)
        }
        Command::Lsp => unreachable!("served above"),
        Command::Man => clap_mangen::Man::new(<Cli as clap::CommandFactory>::command())
            .render(&mut out)
            .map(|_| 0)
            .map_err(Failure::Io),
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
        ..Selection::default()
    };
    if args.pretty && args.format != Format::Json {
        return Err(Failure::Run(
            "--pretty indents the JSON report; use it with --format json".into(),
        ));
    }
    let mut linted = args.paths.clone();
    if let Some(name) = &args.stdin_filename {
        linted.insert(0, name.clone());
    }
    let Setup {
        project,
        rules,
        known,
    } = setup(&args.source, Some(&selection), &linted)?;
    let mut how = Lint {
        force_exclude: args.force_exclude,
        follow_links: !args.no_follow,
        buffers: Vec::new(),
    };
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        let mut text = String::new();
        io::Read::read_to_string(&mut io::stdin(), &mut text)
            .map_err(|e| Failure::Run(format!("cannot read standard input: {e}")))?;
        how.buffers.push(concord::Buffer {
            path: args
                .stdin_filename
                .clone()
                .unwrap_or_else(|| PathBuf::from("stdin")),
            text,
        });
    } else if args.stdin_filename.is_some() {
        return Err(Failure::Run(
            "--stdin-filename names what `-` stands for; pass `-` among the paths".into(),
        ));
    }
    let (outcome, linted) = lint(&args.paths, &project, &rules, &how)?;
    let corpus = &outcome.corpus;
    if let Some(path) = &args.adopt.write_baseline {
        output::guard(path, corpus, args.force, output::Kind::Baseline)?;
    }
    concord::suppress::validate_markers(corpus, &known)?;
    let adopted = adopt::apply(
        &args.adopt,
        &project,
        corpus,
        outcome.findings,
        &rules.rules,
        &linted,
        args.quiet,
    )?;
    let mut findings = adopted.findings;
    if let Some(buffer) = how.buffers.first() {
        // Standard input is the document being edited: report what touches it.
        let name = buffer_name(corpus, &buffer.path);
        findings.retain(|f| {
            f.labels
                .iter()
                .any(|l| Some(corpus.doc(l.doc).name.as_str()) == name)
        });
    }
    if args.fix || args.diff {
        let (edits, fixed) = concord::fix::plan(&findings, corpus, args.unsafe_fixes);
        if args.diff {
            for (&doc, edits) in &edits {
                let d = corpus.doc(doc);
                let new = concord::fix::apply(&d.text, edits);
                out.write_all(concord::fix::diff(&d.name, &d.text, &new).as_bytes())?;
            }
            let n = fixed.len();
            if !args.quiet {
                eprintln!(
                    "concord: {} would fix {}",
                    concord::finding::plural(edits.len(), "file"),
                    concord::finding::plural(n, "finding")
                );
            }
            return Ok(if n > 0 { EXIT_FINDINGS } else { 0 });
        }
        let buffers: Vec<Option<&str>> = how
            .buffers
            .iter()
            .map(|b| buffer_name(corpus, &b.path))
            .collect();
        let mut written = Vec::new();
        for (&doc, edits) in &edits {
            let d = corpus.doc(doc);
            // Standard input has no file to write.
            if buffers.contains(&Some(d.name.as_str())) {
                continue;
            }
            write_fixed(Path::new(&d.name), &concord::fix::apply(&d.text, edits))?;
            written.push(doc);
        }
        let mut drop = vec![false; findings.len()];
        for i in fixed {
            let docs = findings[i]
                .fix
                .iter()
                .flat_map(|f| f.edits.iter().map(|e| e.doc));
            if docs.into_iter().all(|d| written.contains(&d)) {
                drop[i] = true;
            }
        }
        let n = drop.iter().filter(|d| **d).count();
        let mut keep = drop.iter().map(|d| !d);
        findings.retain(|_| keep.next().unwrap_or(true));
        if !args.quiet {
            eprintln!(
                "concord: fixed {} in {}",
                concord::finding::plural(n, "finding"),
                concord::finding::plural(written.len(), "file")
            );
        }
    }
    let run = report::Run {
        corpus,
        findings: &findings,
        rules: &rules.rules,
    };
    let mut file;
    let out: &mut dyn Write = match &args.output_file {
        Some(path) => {
            output::guard(path, corpus, args.force, output::Kind::Report)?;
            file = io::BufWriter::new(std::fs::File::create(path).map_err(|e| {
                Failure::Run(format!("{}: cannot write the report: {e}", path.display()))
            })?);
            &mut file
        }
        None => out,
    };
    if args.statistics {
        statistics(&run, out)?;
    } else if adopted.recorded.is_some() && args.format == Format::Terminal {
        // The findings went into the baseline, and the message on standard error said how
        // many: a summary of "no findings" would contradict it.
    } else if args.quiet && args.format == Format::Terminal {
        let mut buffer = Vec::new();
        report::write(args.format, &run, args.color, &mut buffer)?;
        // The summary is the reporter's last line.
        let text = String::from_utf8_lossy(&buffer);
        let body = text.trim_end_matches('\n');
        let body = body.rsplit_once('\n').map_or("", |(b, _)| b);
        out.write_all(body.trim_end_matches('\n').as_bytes())?;
        if !body.is_empty() {
            writeln!(out)?;
        }
    } else if args.format == Format::Github
        && let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty())
    {
        let mut summary = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(&path)
            .map_err(|e| {
                Failure::Run(format!(
                    "{}: cannot write the step summary: {e}",
                    Path::new(&path).display()
                ))
            })?;
        report::write_github(&run, out, &mut summary)?;
    } else if args.pretty && args.format == Format::Json {
        report::write_json_pretty(&run, out)?;
    } else {
        report::write_sized(args.format, &run, args.color, report::terminal_width(), out)?;
    }
    out.flush()?;
    let failing = adopted.failing || findings.iter().any(|f| f.severity >= args.fail_on);
    Ok(if failing { EXIT_FINDINGS } else { 0 })
}

/// Replaces `path` with `text`: written to a temporary file beside it, then renamed over it, so
/// an error leaves the original as it was.
fn write_fixed(path: &Path, text: &str) -> Result<(), Failure> {
    let fail =
        |e: io::Error| Failure::Run(format!("{}: cannot write the fix: {e}", path.display()));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let temp = path.with_file_name(format!(".{name}.concord-fix"));
    let result = std::fs::write(&temp, text)
        .and_then(|_| {
            // Keep the file's permissions.
            let perms = std::fs::metadata(path)?.permissions();
            std::fs::set_permissions(&temp, perms)
        })
        .and_then(|_| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(fail(e));
    }
    Ok(())
}

/// `--statistics`: findings per rule, most first, then by code.
fn statistics(run: &report::Run, out: &mut dyn Write) -> io::Result<()> {
    let mut counts: Vec<(usize, &str, &str, Severity)> = Vec::new();
    for f in run.findings {
        match counts.iter_mut().find(|c| c.1 == f.code) {
            Some(c) => c.0 += 1,
            None => counts.push((1, &f.code, &f.rule, f.severity)),
        }
    }
    counts.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let width = counts
        .iter()
        .map(|c| c.0.to_string().len())
        .max()
        .unwrap_or(1);
    for (n, code, rule, severity) in &counts {
        writeln!(out, "{n:>width$}  {code:<5} {rule} ({})", severity.as_str())?;
    }
    writeln!(
        out,
        "{} from {}",
        concord::finding::plural(run.findings.len(), "finding"),
        concord::finding::plural(counts.len(), "rule")
    )
}

/// How [`lint`] reads the corpus beyond its paths.
pub(crate) struct Lint {
    /// Named files obey `exclude` too.
    pub force_exclude: bool,
    /// Follow symbolic links met while walking folders.
    pub follow_links: bool,
    /// Texts read in place of their files (standard input).
    pub buffers: Vec<concord::Buffer>,
}

impl Default for Lint {
    /// Links are followed, as ripgrep does.
    fn default() -> Self {
        Lint {
            force_exclude: false,
            follow_links: true,
            buffers: Vec::new(),
        }
    }
}

/// The name the corpus gives the document read from `path`.
fn buffer_name<'a>(corpus: &'a concord::corpus::Corpus, path: &std::path::Path) -> Option<&'a str> {
    let key = concord::config::project::absolute(path);
    corpus
        .docs
        .iter()
        .find(|d| concord::config::project::absolute(std::path::Path::new(&d.name)) == key)
        .map(|d| d.name.as_str())
}

/// What is linted: `paths` (without `-`), else the project's, else the current folder.
pub(crate) fn corpus_paths(paths: &[PathBuf], project: &Project) -> Vec<PathBuf> {
    let paths: Vec<PathBuf> = paths
        .iter()
        .filter(|p| p.as_os_str() != "-")
        .cloned()
        .collect();
    if !paths.is_empty() {
        paths
    } else if !project.paths.is_empty() {
        project.paths.clone()
    } else {
        vec![PathBuf::from(".")]
    }
}

/// Reads the documents (`paths`, else the project's, else the current folder) and runs the
/// rules, with progress shown on a terminal; load warnings go to standard error. Returns the
/// outcome and the paths read.
pub(crate) fn lint(
    paths: &[PathBuf],
    project: &Project,
    rules: &RuleSet,
    how: &Lint,
) -> Result<(concord::Outcome, Vec<PathBuf>), Failure> {
    let mut paths = corpus_paths(paths, project);
    if how.force_exclude {
        paths.retain(|p| p.is_dir() || !project.exclude.matches(&p.to_string_lossy()));
    }
    let mut options = load_options(project);
    options.follow_links = how.follow_links;
    let outcome = with_progress(|progress| {
        concord::check_buffers(&paths, &options, rules, how.buffers.clone(), progress)
    })?;
    for w in &outcome.warnings {
        // A file name can hold control characters too.
        eprintln!("warning: {}", report::escape(&w.to_string()));
    }
    Ok((outcome, paths))
}

/// The load options the project file sets.
pub(crate) fn load_options(project: &Project) -> LoadOptions {
    let mut options = LoadOptions::default();
    if let Some(ext) = &project.extensions {
        options.extensions = ext.clone();
    }
    options.exclude = project.exclude.clone();
    options
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
                format!(
                    "parsing {} ({:.1} MB)…",
                    concord::finding::plural(files, "document"),
                    bytes as f64 / 1e6
                )
            }
            concord::Stage::Checking { files, rules } => {
                format!(
                    "checking {} against {}…",
                    concord::finding::plural(files, "document"),
                    concord::finding::plural(rules, "rule")
                )
            }
        })
    });
    spinner.finish_and_clear();
    result
}

fn rules(args: RulesArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let Setup { rules, .. } = setup(&args.source, None, &[])?;
    let summary = |r: &concord::config::Rule| {
        r.doc
            .flags
            .split(". ")
            .next()
            .unwrap_or("")
            .trim_end_matches('.')
            .to_string()
    };
    if args.format == RulesFormat::Json {
        let list: Vec<serde_json::Value> = rules
            .rules
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.code,
                    "name": r.name,
                    "category": r.category.as_str(),
                    "severity": r.severity.as_str(),
                    "kind": r.kind.name,
                    "summary": summary(r),
                    "origin": r.origin,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &list).map_err(io::Error::from)?;
        writeln!(out)?;
        return Ok(0);
    }
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
        let summary = summary(r);
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
        "\n{}; `concord explain NAME` tells more about one.",
        concord::finding::plural(rules.rules.len(), "rule")
    )?;
    Ok(0)
}

fn explain(args: ExplainArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let Setup { rules, .. } = setup(&args.source, None, &[])?;
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
