//! Adopting concord on a corpus that already has findings: baselines, suppressions, source
//! authority, changed-files mode and `concord init`, end to end through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let dir = std::env::temp_dir().join(format!("concord-adopt-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Dir(dir)
    }

    fn write(&self, name: &str, text: &str) {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    fn concord(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_concord"))
            .current_dir(&self.0)
            .args(args)
            .output()
            .expect("concord runs")
    }

    /// `concord check --format json ARGS`: exit code and (rule, primary file, message) of each
    /// diagnostic.
    fn check(&self, args: &[&str]) -> (i32, Vec<(String, String, String)>) {
        let mut all = vec!["check", "--format", "json"];
        all.extend(args);
        let out = self.concord(&all);
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!("{e}: {}", String::from_utf8_lossy(&out.stderr));
        });
        let found = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["labels"][0]["file"].as_str().unwrap().to_string(),
                    d["message"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        (out.status.code().unwrap(), found)
    }

    fn git(&self, args: &[&str]) {
        let out = Command::new("git")
            .current_dir(&self.0)
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
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const SHARED: &str = "The harbour authority was founded in 1921 by the city council.";

fn corpus(dir: &Dir) {
    dir.write(
        "docs/a.md",
        &format!("# Harbour\n\n{SHARED}\n\nIt runs in in the north pier.\n"),
    );
    dir.write(
        "docs/b.md",
        &format!("# Ferries\n\nThe ferries are old. {SHARED}\n"),
    );
}

fn rules(found: &[(String, String, String)]) -> Vec<&str> {
    found.iter().map(|f| f.0.as_str()).collect()
}

#[test]
fn a_baseline_survives_moved_lines_and_a_new_document_but_not_a_new_defect() {
    let dir = Dir::new("baseline");
    corpus(&dir);
    let (code, before) = dir.check(&["docs"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&before), ["repeated-word", "duplicate-sentence"]);

    let out = dir.concord(&["check", "docs", "--write-baseline", "concord.baseline.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("recorded 2 findings in concord.baseline.json"));

    // SARIF carries the same fingerprints, for code scanning to track alerts across commits.
    let base: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.0.join("concord.baseline.json")).unwrap())
            .unwrap();
    let mut recorded: Vec<&str> = base["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    let sarif = dir.concord(&["check", "docs", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let mut reported: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["concord/v2"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    recorded.sort();
    reported.sort();
    assert_eq!(reported, recorded);
    assert!(recorded.iter().all(|f| f.len() == 16));

    // Lines move in both documents, and a third document arrives.
    dir.write(
        "docs/a.md",
        &format!("# Harbour\n\nA new first paragraph.\n\nAnd a second one.\n\n{SHARED}\n\nIt runs in in the north pier.\n"),
    );
    dir.write(
        "docs/b.md",
        &format!("# Ferries\n\nThe ferries are old.\nThey sail daily. {SHARED}\n"),
    );
    dir.write("docs/c.md", "# Cranes\n\nThe cranes are new.\n");
    assert_eq!(
        dir.check(&["docs", "--baseline", "concord.baseline.json"]),
        (0, vec![])
    );

    // A new defect is the only finding reported.
    dir.write("docs/c.md", "# Cranes\n\nThe cranes are are new.\n");
    let (code, found) = dir.check(&["docs", "--baseline", "concord.baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(
        found,
        [(
            "repeated-word".to_string(),
            "docs/c.md".to_string(),
            "`are` is written twice in a row".to_string()
        )]
    );

    // Fixing a recorded finding leaves a stale entry, and concord says so.
    dir.write(
        "docs/a.md",
        &format!("# Harbour\n\nA new first paragraph.\n\n{SHARED}\n\nIt runs in the north pier.\n"),
    );
    let out = dir.concord(&["check", "docs", "--baseline", "concord.baseline.json"]);
    assert!(
        stderr(&out).contains("1 of 2 findings recorded in concord.baseline.json not found"),
        "{}",
        stderr(&out)
    );

    // The same baseline named in concord.toml.
    dir.write("concord.toml", "baseline = \"concord.baseline.json\"\n");
    assert_eq!(rules(&dir.check(&["docs"]).1), ["repeated-word"]);
}

#[test]
fn a_bad_baseline_is_an_error_that_names_the_file() {
    let dir = Dir::new("bad-baseline");
    corpus(&dir);
    dir.write(
        "b.json",
        "{\"version\": 1, \"findings\": [\n  {\"fingerprint\": 3}]}\n",
    );
    let out = dir.concord(&["check", "docs", "--baseline", "b.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: b.json:2:"),
        "{}",
        stderr(&out)
    );
    let out = dir.concord(&["check", "docs", "--baseline", "missing.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.json: cannot read the baseline"));
}

#[test]
fn markers_and_ignore_entries_suppress_only_what_they_name() {
    let dir = Dir::new("suppress");
    corpus(&dir);
    // A marker for another rule is a near miss: the repeated word stays.
    dir.write(
        "docs/a.md",
        &format!("# Harbour\n\n{SHARED}\n\n<!-- concord: ignore doubled-determiner -->\nIt runs in in the north pier.\n"),
    );
    let out = dir.concord(&["check", "docs", "--report-unused-ignores"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "warning: docs/a.md:5: unused suppression: no `doubled-determiner` finding on line 6"
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        rules(&dir.check(&["docs"]).1),
        ["repeated-word", "duplicate-sentence"]
    );

    dir.write(
        "docs/a.md",
        &format!(
            "# Harbour\n\n{SHARED}\n\nIt runs in in the north pier. <!-- concord: ignore T001 -->\n"
        ),
    );
    // An [[ignore]] entry whose text does not match is another near miss.
    dir.write(
        "concord.toml",
        "[[ignore]]\nrule = \"duplicate-sentence\"\nfile = \"docs/*.md\"\ntext = \"founded in 1922\"\n",
    );
    assert_eq!(rules(&dir.check(&["docs"]).1), ["duplicate-sentence"]);
    dir.write(
        "concord.toml",
        "[[ignore]]\nrule = \"duplicate-sentence\"\nfile = \"docs/*.md\"\ntext = \"founded in 1921\"\nreason = \"both pages quote the charter\"\n",
    );
    let out = dir.concord(&["check", "docs", "--report-unused-ignores"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("unused"), "{}", stderr(&out));

    dir.write(
        "concord.toml",
        "[[ignore]]\nrule = \"duplicate-sentense\"\nfile = \"docs/*.md\"\n",
    );
    let out = dir.concord(&["check", "docs"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("concord.toml:2:8: [[ignore]] names no rule `duplicate-sentense`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn authority_puts_the_primary_label_on_the_less_trusted_side() {
    let dir = Dir::new("authority");
    // In reading order the official page holds the repeat, so the check blames it.
    dir.write("blog/a.md", &format!("# Blog\n\n{SHARED}\n"));
    dir.write("official/b.md", &format!("# Charter\n\n{SHARED}\n"));
    let (_, found) = dir.check(&["blog", "official"]);
    assert_eq!(found[0].1, "official/b.md");
    dir.write("concord.toml", "[authority]\ntrusted = [\"official/**\"]\n");
    let out = dir.concord(&["check", "--format", "json", "blog", "official"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = &json["diagnostics"][0];
    assert_eq!(d["labels"][0]["file"], "blog/a.md");
    assert_eq!(d["labels"][0]["primary"], true);
    assert_eq!(d["labels"][1]["primary"], false);
    let notes = d["notes"].to_string();
    assert!(notes.contains("`official/b.md` is trusted"), "{notes}");
}

#[test]
fn changed_since_reports_findings_that_touch_changed_files() {
    let dir = Dir::new("changed");
    dir.write("a.md", "# A\n\nIt runs in in the pier.\n");
    dir.write("b.md", "# B\n\nIt sails to to the north.\n");
    dir.write("c.md", &format!("# C\n\n{SHARED}\n"));
    dir.git(&["init", "-q"]);
    dir.git(&["add", "."]);
    dir.git(&["commit", "-q", "-m", "start"]);
    assert_eq!(dir.check(&[".", "--changed-since", "HEAD"]), (0, vec![]));
    // An untracked document repeats a sentence of an unchanged one: the finding touches it.
    dir.write("d.md", &format!("# D\n\n{SHARED}\n"));
    dir.write("b.md", "# B\n\nIt sails to to the north, daily.\n");
    let (code, found) = dir.check(&[".", "--changed-since", "HEAD"]);
    assert_eq!(code, 1);
    let mut files: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    files.sort();
    assert_eq!(files, ["b.md", "d.md"], "{found:?}");

    let out = dir.concord(&["check", ".", "--changed-since", "no-such-rev"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("`no-such-rev` is not a known revision"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn changed_since_outside_git_is_a_clear_error() {
    let dir = Dir::new("nogit");
    dir.write("a.md", "# A\n\nText.\n");
    // Stop git's search for a repository at the temporary folder, wherever that is.
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(&dir.0)
        .env("GIT_CEILING_DIRECTORIES", std::env::temp_dir())
        .args(["check", ".", "--changed-since", "HEAD"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("needs a git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn init_writes_a_starter_file_once() {
    let dir = Dir::new("init");
    corpus(&dir);
    let out = dir.concord(&["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.0.join("concord.toml")).unwrap();
    assert!(text.contains("[authority]") && text.contains("[[ignore]]"));
    // The starter file is read by a bare `concord check` in that folder.
    assert_eq!(dir.check(&["docs"]).0, 1);
    std::fs::write(dir.0.join("concord.toml"), "paths = [\"docs\"]\n").unwrap();
    let out = dir.concord(&["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("concord.toml already exists"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.0.join("concord.toml")).unwrap(),
        "paths = [\"docs\"]\n"
    );
    assert!(Path::new(&dir.0.join("concord.toml")).is_file());
}

#[test]
fn the_report_command_writes_both_formats_and_refuses_an_unknown_one() {
    let dir = Dir::new("report");
    corpus(&dir);
    for name in ["errata.md", "errata.html"] {
        let out = dir.concord(&["report", "docs", "--out", name]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = std::fs::read_to_string(dir.0.join(name)).unwrap();
        assert!(text.contains("E2"), "{text}");
    }
    let out = dir.concord(&["report", "docs", "--out", "-", "--format", "html"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("<!DOCTYPE html>"));
    let out = dir.concord(&["report", "docs", "--out", "errata.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot tell the report format"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exclude_globs_skip_files_in_a_folder_walk_but_not_named_ones() {
    let dir = Dir::new("exclude");
    dir.write("docs/a.md", "# A\n\nIt runs in in the pier.\n");
    dir.write("docs/drafts/b.md", "# B\n\nIt sails to to the north.\n");
    dir.write("docs/c.txt", "It goes on on time.\n");
    dir.write(
        "concord.toml",
        "paths = [\"docs\"]\nexclude = [\"docs/drafts/**\", \"*.txt\"]\n",
    );
    let (_, found) = dir.check(&[]);
    let files: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(files, ["docs/a.md"]);
    let (_, found) = dir.check(&["docs", "docs/drafts/b.md"]);
    let files: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(files, ["docs/a.md", "docs/drafts/b.md"]);
}
