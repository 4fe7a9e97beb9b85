//! How a team wires concord in: standard input, the project file found from the linted paths,
//! `--force-exclude`, configuration errors that point into the file. End to end through the
//! binary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "concord-workflow-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.0.join(sub)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("concord runs");
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or("").as_bytes()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

/// (rule, file of the primary label) of each finding of `concord check --format json ARGS`.
fn findings(dir: &Path, args: &[&str], stdin: Option<&str>) -> Vec<(String, String)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let out = run(dir, &all, stdin);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["labels"][0]["file"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Sentences from a real page, the Wikipedia article "Port of Tallinn"
/// (https://en.wikipedia.org/wiki/Port_of_Tallinn), as the documents of a small corpus.
const PORT: &str = "The Port of Tallinn is the largest port authority in Estonia.";

#[test]
fn standard_input_is_linted_in_place_of_its_file_against_the_rest_of_the_corpus() {
    let dir = Dir::new();
    dir.write("docs/a.md", &format!("# A\n\n{PORT}\n"));
    dir.write("docs/b.md", "# B\n\nIt has five harbours.\n");
    // On disk b.md repeats nothing; the buffer does, so the cross-document duplicate shows.
    let buffer = format!("# B\n\n{PORT}\n\nIt has five harbours harbours.\n");
    let found = findings(
        &dir.0,
        &["docs", "-", "--stdin-filename", "docs/b.md"],
        Some(&buffer),
    );
    let rules: Vec<&str> = found.iter().map(|(r, _)| r.as_str()).collect();
    assert!(rules.contains(&"duplicate-sentence"), "{found:?}");
    assert!(rules.contains(&"repeated-word"), "{found:?}");
    // Without `-` the file on disk is read: nothing.
    assert_eq!(findings(&dir.0, &["docs"], None), []);
    // A buffer for a file that does not exist yet joins the corpus.
    let new = findings(
        &dir.0,
        &["docs", "-", "--stdin-filename", "docs/c.md"],
        Some(&format!("# C\n\n{PORT}\n")),
    );
    assert!(
        new.iter().any(|(r, _)| r == "duplicate-sentence"),
        "{new:?}"
    );
    let out = run(&dir.0, &["check", "--stdin-filename", "x.md"], None);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_project_file_is_found_above_the_linted_paths_and_honoured_by_every_command() {
    let dir = Dir::new();
    dir.write(
        "concord.toml",
        "paths = [\"docs\"]\n[rules]\nignore = [\"repeated-word\"]\n",
    );
    dir.write("docs/a.md", "# A\n\nIt has five harbours harbours.\n");
    dir.write("docs/b.md", "# B\n\nIt has six piers piers.\n");
    // From inside docs/, and from outside the project with a path into it.
    assert_eq!(findings(&dir.path("docs"), &[], None), []);
    let outside = findings(
        Path::new("/"),
        &[dir.path("docs/a.md").to_str().unwrap()],
        None,
    );
    assert_eq!(outside, []);
    // Without the project file the rule runs.
    std::fs::remove_file(dir.path("concord.toml")).unwrap();
    assert_eq!(findings(&dir.path("docs"), &["a.md"], None).len(), 1);
    // `facts` reads the project's paths and excludes.
    dir.write("concord.toml", "paths = [\"docs\"]\nexclude = [\"b.md\"]\n");
    dir.write("docs/b.md", "Infobox\n- Chief: Ada Prinn\n");
    let out = run(&dir.path("docs"), &["facts"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Ada Prinn"));
}

#[test]
fn force_exclude_makes_named_files_obey_exclude() {
    let dir = Dir::new();
    dir.write("concord.toml", "exclude = [\"drafts/**\"]\n");
    dir.write("drafts/a.md", "# A\n\nIt has five harbours harbours.\n");
    assert_eq!(findings(&dir.0, &["drafts/a.md"], None).len(), 1);
    assert_eq!(
        findings(&dir.0, &["drafts/a.md", "--force-exclude"], None),
        []
    );
}

#[test]
fn configuration_errors_point_at_file_line_and_column() {
    let dir = Dir::new();
    dir.write("a.md", "# A\n\nText.\n");
    dir.write(
        "concord.toml",
        "paths = [\".\"]\n\n[rules]\nignore = [\"T001\", \"T999\"]\n",
    );
    let out = run(&dir.0, &["check"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("concord.toml:4:19: unknown rule, code or category `T999`"),
        "{}",
        stderr(&out)
    );
    dir.write("concord.toml", "[rules.severity]\ntypo = \"loud\"\n");
    let out = run(&dir.0, &["check"], None);
    assert!(
        stderr(&out).contains("concord.toml:2:8:"),
        "{}",
        stderr(&out)
    );
    dir.write("concord.toml", "[rules.severity]\nT998 = \"info\"\n");
    let out = run(&dir.0, &["check"], None);
    assert!(
        stderr(&out).contains("concord.toml:2:8: unknown rule"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn unknown_rules_in_markers_are_errors_and_blocks_and_files_can_be_ignored() {
    let dir = Dir::new();
    dir.write(
        "a.md",
        "# A\n\n<!-- concord: ignore nosuch -->\nIt has five harbours harbours.\n",
    );
    for extra in [&[][..], &["--report-unused-ignores"][..]] {
        let mut args = vec!["check", "a.md"];
        args.extend(extra);
        let out = run(&dir.0, &args, None);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out)
                .contains("a.md:3:22: `<!-- concord: ignore nosuch -->` names no rule `nosuch`"),
            "{}",
            stderr(&out)
        );
    }
    dir.write(
        "a.md",
        "# A\n\n<!-- concord: off -->\nIt has five harbours harbours.\n\nIt has six piers piers.\n<!-- concord: on -->\n\nIt has two docks docks.\n",
    );
    assert_eq!(findings(&dir.0, &["a.md"], None).len(), 1);
    dir.write(
        "a.md",
        "# A\n\nIt has five harbours harbours.\n\n<!-- concord: ignore-file repeated-word -->\n",
    );
    assert_eq!(findings(&dir.0, &["a.md"], None), []);
}

#[test]
fn small_flags_quiet_statistics_output_file_rules_json_completions_and_man() {
    let dir = Dir::new();
    dir.write(
        "a.md",
        "# A\n\nIt has five harbours harbours.\n\nIt has six piers piers.\n",
    );
    let out = run(&dir.0, &["check", "a.md", "-q"], None);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("T001"), "{text}");
    assert!(!text.contains("concord: 2 findings"), "{text}");
    let full = run(&dir.0, &["check", "a.md"], None);
    assert!(String::from_utf8_lossy(&full.stdout).contains("concord: 2 findings in 1 file"));

    let out = run(&dir.0, &["check", "a.md", "--statistics"], None);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "2  T001  repeated-word (warning)\n2 findings from 1 rule\n"
    );
    assert_eq!(out.status.code(), Some(1));

    let out = run(
        &dir.0,
        &["check", "a.md", "-f", "json", "-o", "report.json"],
        None,
    );
    assert!(out.stdout.is_empty());
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path("report.json")).unwrap()).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 2);

    // `note`, as the terminal spells it, is accepted for `info`.
    let out = run(&dir.0, &["check", "a.md", "--fail-on", "note", "-q"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let out = run(
        &dir.0,
        &["check", "a.md", "--write-baseline", "b.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("no findings"));
    assert!(
        stderr(&out).contains("recorded 2 findings"),
        "{}",
        stderr(&out)
    );

    let out = run(&dir.0, &["rules", "--format", "json"], None);
    let rules: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &rules.as_array().unwrap()[0];
    for key in ["code", "name", "category", "severity", "summary"] {
        assert!(first[key].is_string(), "{key}: {first}");
    }

    let out = run(&dir.0, &["completions", "bash"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains("complete -F _concord"));
    let out = run(&dir.0, &["man"], None);
    assert!(String::from_utf8_lossy(&out.stdout).contains(".TH concord 1"));
}

#[test]
fn sarif_uris_are_encoded_and_short_descriptions_distinct() {
    let dir = Dir::new();
    dir.write("my notes é#1.md", "# A\n\nIt has five harbours harbours.\n");
    let out = run(&dir.0, &["check", "-f", "sarif", "my notes é#1.md"], None);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run0 = &log["runs"][0];
    assert_eq!(
        run0["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "my%20notes%20%C3%A9%231.md"
    );
    let mut short: Vec<&str> = run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["shortDescription"]["text"].as_str().unwrap())
        .collect();
    let n = short.len();
    short.sort();
    short.dedup();
    assert_eq!(short.len(), n);
}

/// The seeds, linted from the repository (its concord.toml names them).
fn github_on_seeds(summary: Option<&Path>) -> (String, usize) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_concord"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "github"])
        .env_remove("GITHUB_STEP_SUMMARY");
    if let Some(s) = summary {
        cmd.env("GITHUB_STEP_SUMMARY", s);
    }
    let out = cmd.output().unwrap();
    let log = String::from_utf8_lossy(&out.stdout).into_owned();
    let annotations = log.lines().filter(|l| l.starts_with("::")).count();
    (log, annotations)
}

#[test]
fn github_annotations_past_the_cap_go_to_the_step_summary_and_the_log_says_so() {
    let json = Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let total = json["diagnostics"].as_array().unwrap().len();
    let levels = ["error", "warning", "info"].map(|l| {
        json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == l)
            .count()
    });
    let shown: usize = levels.iter().map(|&n| n.min(10)).sum();
    assert!(shown < total, "the seeds pass the cap: {levels:?}");

    let dir = Dir::new();
    let summary = dir.path("summary.md");
    let (log, annotations) = github_on_seeds(Some(&summary));
    assert_eq!(annotations, shown);
    let over = total - shown;
    assert!(
        log.contains(&format!("concord: {over} findings past GitHub's 10 annotations per level are in the step summary")),
        "{log}"
    );
    let table = std::fs::read_to_string(&summary).unwrap();
    assert_eq!(
        table
            .lines()
            .filter(|l| l.starts_with("| ")
                && !l.starts_with("| severity")
                && !l.starts_with("| ---"))
            .count(),
        over,
        "{table}"
    );

    // Without a step summary nothing vanishes either: the rest are plain log lines.
    let (log, annotations) = github_on_seeds(None);
    assert_eq!(annotations, shown);
    assert!(
        log.contains(&format!(
            "{over} findings past GitHub's 10 annotations per level follow as plain lines"
        )),
        "{log}"
    );
}

#[test]
fn the_pre_commit_hook_and_the_action_run_real_commands() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks = std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: "))
        .expect("an entry");
    let mut words = entry.split_whitespace();
    assert_eq!(words.next(), Some("concord"));
    let mut args: Vec<&str> = words.collect();
    let dir = Dir::new();
    dir.write("concord.toml", "exclude = [\"drafts/**\"]\n");
    dir.write("a.md", "# A\n\nIt has five harbours.\n");
    dir.write("drafts/b.md", "# B\n\nIt has six piers piers.\n");
    // pre-commit appends the staged files.
    args.extend(["a.md", "drafts/b.md"]);
    let out = run(&dir.0, &args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let action = std::fs::read_to_string(root.join("action.yml")).unwrap();
    assert!(action.contains("using: composite"));
    assert!(action.contains("cargo install --locked --path \"${{ github.action_path }}\""));
    assert!(action.contains("concord check --format github"));
}

/// The seeds copied into a fresh folder.
fn seeds_copy() -> Dir {
    let dir = Dir::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for e in std::fs::read_dir(root).unwrap() {
        let e = e.unwrap();
        let text = std::fs::read_to_string(e.path()).unwrap();
        dir.write(&format!("seeds/{}", e.file_name().to_string_lossy()), &text);
    }
    dir
}

/// (rule, message) of each finding of `check seeds` with the baseline `b.json`, if given.
fn seed_findings(dir: &Dir, baseline: bool) -> Vec<(String, String, Vec<String>)> {
    let mut args = vec!["check", "--format", "json", "seeds"];
    if baseline {
        args.extend(["--baseline", "b.json"]);
    }
    let out = run(&dir.0, &args, None);
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", stderr(&out)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["labels"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|l| l["file"].as_str().unwrap().to_string())
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn the_baseline_survives_a_fix_inside_a_labelled_sentence_and_a_new_document() {
    let dir = seeds_copy();
    let before = seed_findings(&dir, false);
    let out = run(
        &dir.0,
        &["check", "seeds", "--write-baseline", "b.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(seed_findings(&dir, true), []);

    // Apply concord's own suggestion inside a sentence that other findings label.
    let slip = before
        .iter()
        .find(|f| f.0 == "prefix-slip" && f.1.contains("ant-terror"))
        .expect("the seeds have the slip");
    let file = dir.path(&slip.2[0]);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("ant-terror", "anti-terror", 1)).unwrap();
    assert_eq!(seed_findings(&dir, true), []);

    // A new document repeats a sentence that is already a known duplicate.
    let dup = before
        .iter()
        .find(|f| f.0 == "duplicate-sentence")
        .expect("the seeds have a duplicate");
    let sentence = dup.1.split('`').nth(1).unwrap().trim_end_matches('…');
    let source = std::fs::read_to_string(dir.path(&dup.2[0])).unwrap();
    let start = source.find(sentence).unwrap();
    let end = start + source[start..].find('.').unwrap() + 1;
    dir.write(
        "seeds/zz_new.txt",
        &format!("New page\n\n{}\n", &source[start..end]),
    );
    // Without the baseline the copy joins the known finding as a third label...
    let grown = seed_findings(&dir, false)
        .into_iter()
        .find(|f| f.1 == dup.1)
        .expect("the duplicate is still found");
    assert!(
        grown.2.iter().any(|l| l.ends_with("zz_new.txt")),
        "{grown:?}"
    );
    // ...and with it the known finding stays known: nothing comes back.
    assert_eq!(seed_findings(&dir, true), []);
}

/// (rule, message, fix is safe) of every finding of the seeds copy in `dir`.
fn seed_fixes(dir: &Dir) -> Vec<(String, String, Option<bool>)> {
    let out = run(&dir.0, &["check", "--format", "json", "seeds"], None);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut all: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["fix"]["safe"].as_bool(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn fix_round_trip_removes_the_fixed_findings_and_changes_nothing_else() {
    let dir = seeds_copy();
    let before = seed_fixes(&dir);
    assert!(before.iter().any(|f| f.2 == Some(true)), "{before:?}");
    assert!(before.iter().any(|f| f.2 == Some(false)), "{before:?}");
    let texts = |dir: &Dir| -> Vec<String> {
        let mut names: Vec<_> = std::fs::read_dir(dir.path("seeds"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    };
    let original = texts(&dir);

    // --diff shows the edits and writes nothing.
    let out = run(&dir.0, &["check", "seeds", "--diff"], None);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let diff = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(diff.contains("+++ b/seeds/"), "{diff}");
    assert_eq!(texts(&dir), original);

    let out = run(&dir.0, &["check", "seeds", "--fix", "-q"], None);
    assert_ne!(out.status.code(), Some(2), "{}", stderr(&out));
    let after = seed_fixes(&dir);
    let expected: Vec<_> = before
        .iter()
        .filter(|f| f.2 != Some(true))
        .cloned()
        .collect();
    assert_eq!(after, expected);
    assert_ne!(texts(&dir), original);
    // Every changed line is one --diff showed.
    for (old, new) in original.iter().zip(texts(&dir)) {
        for line in new.lines().filter(|l| !old.lines().any(|o| o == *l)) {
            assert!(diff.contains(&format!("+{line}")), "{line}");
        }
    }
}

#[test]
fn changed_since_asks_git_where_the_documents_are() {
    let dir = Dir::new();
    dir.write("docs/a.md", "# A\n\nIt has five harbours harbours.\n");
    let git = |args: &[&str]| {
        let out = Command::new("git")
            .current_dir(&dir.0)
            .args([
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@t",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-qm", "one"]);
    dir.write("docs/b.md", "# B\n\nIt has six piers piers.\n");
    // Run from outside the repository, naming the folder inside it.
    let docs = dir.path("docs");
    let found = findings(
        Path::new("/"),
        &[docs.to_str().unwrap(), "--changed-since", "HEAD"],
        None,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.ends_with("docs/b.md"), "{found:?}");
}
