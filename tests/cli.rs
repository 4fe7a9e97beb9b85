//! The command line end to end: exit codes, formats, selection, and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn concord(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("concord runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder with the given files.
fn folder(files: &[(&str, &[u8])]) -> tempdir::Dir {
    let dir = tempdir::Dir::new();
    for (name, content) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

mod tempdir {
    use std::path::{Path, PathBuf};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// A temporary folder removed on drop (unique per test process and call).
    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            static N: AtomicUsize = AtomicUsize::new(0);
            let path = std::env::temp_dir().join(format!(
                "concord-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed)
            ));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }

        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

const REPEAT: &str = "This is the information information center.\n";
const CLEAN: &str = "This is the information center.\n";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn exit_codes_follow_the_failing_level() {
    let dir = folder(&[("a.txt", REPEAT.as_bytes())]);
    assert_eq!(
        concord(&["check", "a.txt"], dir.path()).status.code(),
        Some(1),
        "a warning fails by default"
    );
    assert_eq!(
        concord(&["check", "a.txt", "--fail-on", "error"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        concord(
            &[
                "check",
                "a.txt",
                "--severity",
                "repeated-word=error",
                "--fail-on",
                "error"
            ],
            dir.path()
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        concord(&["check", "a.txt", "--severity", "typo=info"], dir.path())
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        concord(
            &[
                "check",
                "a.txt",
                "--fail-on",
                "info",
                "--severity",
                "typo=info"
            ],
            dir.path()
        )
        .status
        .code(),
        Some(1)
    );
    let clean = folder(&[("a.txt", CLEAN.as_bytes())]);
    let out = concord(&["check", "a.txt"], clean.path());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "concord: no findings in 1 file\n");
}

#[test]
fn usage_errors_exit_2() {
    let dir = folder(&[("a.txt", CLEAN.as_bytes())]);
    for args in [
        &["check", "--format", "yaml"][..],
        &["check", "--fail-on", "fatal"],
        &["frobnicate"],
        &["check", "--select", "no-such-rule", "a.txt"],
    ] {
        let out = concord(args, dir.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
    let out = concord(&["check", "--ignore", "no-such-rule", "a.txt"], dir.path());
    assert!(
        stderr(&out).contains("unknown rule, code or category `no-such-rule`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn selection_by_name_code_and_category() {
    let text = "It is the a reserve of the information information center.\n";
    let dir = folder(&[("a.txt", text.as_bytes())]);
    let count = |args: &[&str]| {
        let mut all = vec!["check", "a.txt", "--format", "json"];
        all.extend_from_slice(args);
        let v: serde_json::Value =
            serde_json::from_str(&stdout(&concord(&all, dir.path()))).unwrap();
        v["diagnostics"].as_array().unwrap().len()
    };
    assert_eq!(count(&[]), 2);
    assert_eq!(count(&["--select", "repeated-word"]), 1);
    assert_eq!(count(&["--select", "T002"]), 1);
    assert_eq!(count(&["--select", "typo"]), 2);
    assert_eq!(count(&["--ignore", "typo"]), 0);
    assert_eq!(count(&["--select", "typo", "--ignore", "T001"]), 1);
}

#[test]
fn project_file_selects_paths_and_rules() {
    let dir = folder(&[
        ("docs/a.txt", REPEAT.as_bytes()),
        ("other/b.txt", REPEAT.as_bytes()),
        (
            "concord.toml",
            b"paths = [\"docs\"]\n[rules]\nignore = [\"doubled-determiner\"]\n",
        ),
    ]);
    let out = concord(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("docs/a.txt"), "{}", stdout(&out));
    assert!(!stdout(&out).contains("other/b.txt"));
}

#[test]
fn broken_project_file_points_at_its_line() {
    let dir = folder(&[
        ("a.txt", CLEAN.as_bytes()),
        (
            "concord.toml",
            b"paths = [\"a.txt\"]\n\n[rules]\nselcet = [\"typo\"]\n",
        ),
    ]);
    let out = concord(&["check"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: concord.toml:4:1:"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn broken_rules_file_points_at_its_line() {
    let pack =
        "[[rule]]\nname = \"x-rule\"\ncode = \"T901\"\ncategory = \"typo\"\nseverity = \"loud\"\n";
    let dir = folder(&[
        ("a.txt", CLEAN.as_bytes()),
        ("packs/x.toml", pack.as_bytes()),
    ]);
    let out = concord(&["check", "a.txt", "--rules", "packs"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("packs/x.toml:") && err.contains("missing field"),
        "{err}"
    );

    let bad_param = "[[rule]]\nname = \"x-rule\"\ncode = \"T901\"\ncategory = \"typo\"\nseverity = \"info\"\ncheck = \"repeated_word\"\nmessage = \"`{word}` twice\"\n[rule.params]\nalow = [\"had\"]\n[rule.doc]\nflags = \"a\"\nwhy = \"b\"\nexample = \"c\"\nfix = \"d\"\nlimits = \"e\"\n";
    let dir = folder(&[
        ("a.txt", CLEAN.as_bytes()),
        ("packs/x.toml", bad_param.as_bytes()),
    ]);
    let err = stderr(&concord(
        &["check", "a.txt", "--rules", "packs"],
        dir.path(),
    ));
    assert!(
        err.contains("packs/x.toml:8:") && err.contains("alow"),
        "{err}"
    );

    let not_toml = "[[rule]\nname = ";
    let dir = folder(&[
        ("a.txt", CLEAN.as_bytes()),
        ("packs/x.toml", not_toml.as_bytes()),
    ]);
    let out = concord(&["check", "a.txt", "--rules", "packs"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("packs/x.toml:1:"), "{}", stderr(&out));
}

#[test]
fn missing_path_is_an_error_naming_it() {
    let dir = folder(&[]);
    let out = concord(&["check", "nowhere.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: nowhere.txt: no such file or folder\n");
}

#[test]
fn bad_input_files() {
    // One 2.4 MB line of distinct words, with one slip at its end.
    let mut huge: String = (0..400_000).map(|i| format!("w{i} ")).collect();
    huge.push_str("the the end.\n");
    let dir = folder(&[
        ("empty.txt", b""),
        (
            "bom.txt",
            "\u{feff}This is the information information center.\n".as_bytes(),
        ),
        (
            "crlf.txt",
            b"= Title =\r\n\r\nIt was was here.\r\nNext line.\r\n",
        ),
        ("huge.txt", huge.as_bytes()),
        ("binary.txt", b"\x00\x01\x02PNG\x00"),
        ("latin1.txt", b"Caf\xe9 au lait.\n"),
    ]);
    // Named explicitly, a binary or non-UTF-8 file is an error that names it.
    let out = concord(&["check", "binary.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("binary.txt: looks like a binary file"),
        "{}",
        stderr(&out)
    );
    let out = concord(&["check", "latin1.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: latin1.txt:1:4: not valid UTF-8; re-encode the file as UTF-8\n"
    );

    // Met while walking a folder, they are skipped with a warning and the rest is linted.
    let out = concord(&["check", ".", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("warning: skipped binary.txt") && err.contains("warning: skipped latin1.txt"),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["files"], 4);
    let labels: Vec<(String, u64, u64, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let l = &d["labels"][0];
            (
                l["file"].as_str().unwrap().to_string(),
                l["start"].as_u64().unwrap(),
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
            )
        })
        .collect();
    // Offsets count the BOM (they are offsets into the file); columns count characters.
    assert!(
        labels.contains(&("bom.txt".into(), 3 + 12, 1, 13)),
        "{labels:?}"
    );
    assert!(
        labels.contains(&("crlf.txt".into(), 13 + 3, 3, 4)),
        "{labels:?}"
    );
    assert!(
        labels
            .iter()
            .any(|l| l.0 == "huge.txt" && l.1 as usize == huge.len() - "the the end.\n".len()),
        "{labels:?}"
    );
}

#[test]
fn formats_json_sarif_github() {
    let dir = folder(&[("a.txt", REPEAT.as_bytes()), ("b.txt", REPEAT.as_bytes())]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&concord(
        &["check", ".", "--format", "json"],
        dir.path(),
    )))
    .unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(
        json["summary"],
        serde_json::json!({"files": 2, "errors": 0, "warnings": 3, "infos": 0})
    );

    let sarif: serde_json::Value = serde_json::from_str(&stdout(&concord(
        &["check", ".", "--format", "sarif"],
        dir.path(),
    )))
    .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let dup = results
        .iter()
        .find(|r| r["ruleId"] == "D001")
        .expect("the cross-document duplicate");
    assert_eq!(
        dup["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "b.txt"
    );
    assert_eq!(
        dup["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "a.txt"
    );
    assert!(
        sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["id"] == "D001")
    );

    let github = stdout(&concord(&["check", ".", "--format", "github"], dir.path()));
    assert_eq!(github.lines().count(), 3, "{github}");
    assert!(github.contains("::warning file=b.txt,line=1,col=1,endLine=1,endColumn=44,title=D001 duplicate-sentence::"), "{github}");
    assert!(
        github.contains("%0Asee also a.txt:1: first stated here"),
        "{github}"
    );
}

#[test]
fn colour_only_when_asked() {
    let dir = folder(&[("a.txt", REPEAT.as_bytes())]);
    assert!(
        !stdout(&concord(&["check", "a.txt"], dir.path())).contains('\x1b'),
        "no colour off a terminal"
    );
    assert!(
        stdout(&concord(
            &["check", "a.txt", "--color", "always"],
            dir.path()
        ))
        .contains("\x1b[")
    );
}

#[test]
fn rules_and_explain() {
    let root = repo_root();
    let out = concord(&["rules"], &root);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("D001  duplicate-sentence"),
        "{}",
        stdout(&out)
    );
    let out = concord(&["explain", "T001"], &root);
    let text = stdout(&out);
    for heading in [
        "What it flags",
        "Why it matters",
        "Example",
        "Fix",
        "Parameters",
        "Known limits",
    ] {
        assert!(text.contains(heading), "{heading} missing:\n{text}");
    }
    let out = concord(&["explain", "nope"], &root);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no rule is named `nope`"));
}

#[test]
fn help_explains_the_commands() {
    let out = concord(&["--help"], &repo_root());
    let text = stdout(&out);
    for word in ["check", "rules", "explain", "Examples"] {
        assert!(text.contains(word), "{word} missing from --help:\n{text}");
    }
    let text = stdout(&concord(&["check", "--help"], &repo_root()));
    for word in [
        "--format",
        "--fail-on",
        "--select",
        "--ignore",
        "--severity",
        "--color",
    ] {
        assert!(text.contains(word), "{word} missing from check --help");
    }
}

#[test]
fn the_repository_lints_its_seeds_by_default() {
    let out = concord(&["check", "--format", "json"], &repo_root());
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["summary"]["files"], 4);
}

#[test]
fn json_is_one_compact_line_unless_pretty_is_asked() {
    let root = repo_root();
    let compact = concord(&["check", "seeds", "--format", "json"], &root);
    let text = stdout(&compact);
    assert_eq!(text.lines().count(), 1, "{text}");
    let pretty = concord(&["check", "seeds", "--format", "json", "--pretty"], &root);
    assert_eq!(pretty.status.code(), compact.status.code());
    let indented = stdout(&pretty);
    assert!(indented.lines().count() > 100);
    let a: serde_json::Value = serde_json::from_str(&text).unwrap();
    let b: serde_json::Value = serde_json::from_str(&indented).unwrap();
    assert_eq!(a, b);
    // --pretty means nothing to the other formats: said, not ignored.
    let out = concord(&["check", "seeds", "--pretty"], &root);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--format json"), "{}", stderr(&out));
}

#[test]
fn project_dialect_decides_whose_spelling_is_suggested() {
    // Nothing in the text tells the convention, so each document is read as American.
    let text: &[u8] = b"The council of the neighbuorhood met on Monday.\n";
    let suggestion = |files: &[(&str, &[u8])]| {
        let dir = folder(files);
        let out = concord(&["check", "a.txt", "--format", "json"], dir.path());
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        report["diagnostics"][0]["suggestion"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(suggestion(&[("a.txt", text)]), "neighborhood");
    let british: &[(&str, &[u8])] = &[
        ("a.txt", text),
        ("concord.toml", b"dialect = \"british\"\n"),
    ];
    assert_eq!(suggestion(british), "neighbourhood");

    let dir = folder(&[
        ("a.txt", text),
        ("concord.toml", b"\ndialect = \"canadian\"\n"),
    ]);
    let out = concord(&["check", "a.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: concord.toml:2:11:") && stderr(&out).contains("canadian"),
        "{}",
        stderr(&out)
    );
}
