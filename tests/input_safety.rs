//! Input read the way a user expects and never lost: folders walked like ripgrep (links
//! followed, loops and unreadable entries reported, the rest linted), encodings named, line
//! endings of every platform, and concord's own outputs neither linted nor written over a
//! document or a user's file.

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

/// A temporary folder removed on drop (unique per test process and call).
struct Dir(PathBuf);

impl Dir {
    fn new(files: &[(&str, &[u8])]) -> Dir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "concord-input-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        for (name, content) in files {
            let file = path.join(name);
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(file, content).unwrap();
        }
        Dir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The seed document with the most findings, a real text with defects of several kinds.
fn seed_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .max_by_key(|t| t.len())
        .unwrap()
}

/// Two documents that share a long sentence: a cross-document duplicate to find.
const A: &str = "The Harbour Ministry of Norland was reorganised into three directorates in the spring of the year.\n\nIt has offices in two ports.\n";
const B: &str = "Ada Prinn leads the ministry today.\n\nThe Harbour Ministry of Norland was reorganised into three directorates in the spring of the year.\n";

fn files_in(json: &str) -> Vec<String> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let mut files: Vec<String> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["labels"].as_array().unwrap().iter())
        .map(|l| l["file"].as_str().unwrap().to_string())
        .collect();
    files.sort();
    files.dedup();
    files
}

#[cfg(unix)]
#[test]
fn linked_files_and_folders_are_followed_once_and_loops_reported() {
    use std::os::unix::fs::symlink;
    let dir = Dir::new(&[
        ("docs/a.txt", A.as_bytes()),
        ("elsewhere/b.txt", B.as_bytes()),
    ]);
    let p = dir.path();
    symlink(p.join("elsewhere"), p.join("docs/linked")).unwrap();
    // A link to a file already in the corpus is the same document, not a copy of it.
    symlink(p.join("docs/a.txt"), p.join("docs/same.txt")).unwrap();
    // A loop: a folder holding a link to its own parent.
    symlink(p.join("docs"), p.join("docs/loop")).unwrap();

    let out = concord(&["check", "docs", "--format", "json"], p);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        files_in(&stdout(&out)),
        ["docs/a.txt", "docs/linked/b.txt"],
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("loop"), "{}", stderr(&out));

    // --no-follow leaves links alone: one document, nothing to compare.
    let out = concord(&["check", "docs", "--no-follow", "--format", "json"], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("\"files\":1"), "{}", stdout(&out));

    // A loop of links named directly is named as what it is.
    symlink(p.join("l2"), p.join("l1")).unwrap();
    symlink(p.join("l1"), p.join("l2")).unwrap();
    let out = concord(&["check", "l1"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("l1: cannot read") && !stderr(&out).contains("no such file"),
        "{}",
        stderr(&out)
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_entry_is_a_warning_and_the_rest_is_linted() {
    let dir = Dir::new(&[("docs/a.txt", A.as_bytes()), ("docs/b.txt", B.as_bytes())]);
    // A name longer than any file system allows, reached through a link: reading it fails.
    let long = "x".repeat(300);
    std::os::unix::fs::symlink(
        dir.path().join(format!("{long}.txt")),
        dir.path().join("docs/dangling.txt"),
    )
    .unwrap();
    let out = concord(&["check", "docs", "--format", "json"], dir.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(files_in(&stdout(&out)), ["docs/a.txt", "docs/b.txt"]);
    assert!(
        stderr(&out).contains("warning:") && stderr(&out).contains("dangling.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn wide_encodings_and_late_nul_bytes_are_refused_with_a_reason() {
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(A.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let mut late_nul = "Plain prose goes on. ".repeat(1000).into_bytes();
    late_nul.extend_from_slice(b"\0tail");
    let dir = Dir::new(&[("wide.txt", &utf16), ("late.txt", &late_nul)]);
    let out = concord(&["check", "wide.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("wide.txt: encoded as UTF-16LE") && stderr(&out).contains("iconv"),
        "{}",
        stderr(&out)
    );
    let out = concord(&["check", "late.txt"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("NUL byte at byte 21000"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_line_ending_gives_the_same_findings() {
    let lf = seed_text();
    let crlf = lf.replace('\n', "\r\n");
    let cr = lf.replace('\n', "\r");
    let dir = Dir::new(&[
        ("lf/doc.txt", lf.as_bytes()),
        ("crlf/doc.txt", crlf.as_bytes()),
        ("cr/doc.txt", cr.as_bytes()),
    ]);
    let json = |sub: &str| {
        let out = concord(&["check", sub, "--format", "json"], dir.path());
        assert!(out.status.code().is_some_and(|c| c < 2), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                let l = &d["labels"][0];
                (
                    d["rule"].to_string(),
                    l["line"].clone(),
                    l["column"].clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    let want = json("lf");
    assert!(!want.is_empty());
    // A lone CR ends a line as LF does: same rules, same lines and columns.
    assert_eq!(json("cr"), want);
    let crlf_found = json("crlf");
    assert_eq!(crlf_found.len(), want.len());
}

#[test]
fn outputs_never_replace_a_document_or_a_users_file() {
    let dir = Dir::new(&[
        ("in.md", A.as_bytes()),
        ("b.md", B.as_bytes()),
        ("notes.txt", b"my notes\n"),
    ]);
    let p = dir.path();
    let unchanged = |name: &str, want: &str| {
        assert_eq!(std::fs::read_to_string(p.join(name)).unwrap(), want);
    };

    let out = concord(&["report", "in.md", "b.md", "--out", "in.md"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("one of the documents read"),
        "{}",
        stderr(&out)
    );
    unchanged("in.md", A);
    // Not even with --force.
    let out = concord(&["report", ".", "--out", "./b.md", "--force"], p);
    assert_eq!(out.status.code(), Some(2));
    unchanged("b.md", B);

    let out = concord(&["check", "in.md", "--write-baseline", "in.md"], p);
    assert_eq!(out.status.code(), Some(2));
    unchanged("in.md", A);

    // Another existing file needs --force; concord's own earlier output does not.
    let out = concord(&["check", "in.md", "--write-baseline", "notes.txt"], p);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    unchanged("notes.txt", "my notes\n");
    let out = concord(
        &["report", "in.md", "--out", "notes.txt", "-f", "markdown"],
        p,
    );
    assert_eq!(out.status.code(), Some(2));
    unchanged("notes.txt", "my notes\n");
    for _ in 0..2 {
        let out = concord(&["check", "in.md", "--write-baseline", "base.json"], p);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let out = concord(&["report", "in.md", "b.md", "--out", "errata.md"], p);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    let out = concord(
        &["check", "in.md", "--write-baseline", "notes.txt", "--force"],
        p,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn an_errata_report_in_the_corpus_is_not_linted() {
    let dir = Dir::new(&[("docs/a.md", A.as_bytes()), ("docs/b.md", B.as_bytes())]);
    let p = dir.path();
    let out = concord(&["report", "docs", "--out", "docs/errata.md"], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let report = std::fs::read_to_string(p.join("docs/errata.md")).unwrap();
    assert!(report.contains("Harbour Ministry"), "{report}");

    let out = concord(&["check", "docs", "--format", "json"], p);
    assert_eq!(files_in(&stdout(&out)), ["docs/a.md", "docs/b.md"]);
    assert!(
        stderr(&out).contains("skipped docs/errata.md: a report written by concord"),
        "{}",
        stderr(&out)
    );
    // The same holds for the HTML report, should a walk take .html files.
    let out = concord(&["report", "docs", "--out", "docs/errata.html"], p);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(p.join("docs/errata.html")).unwrap();
    assert!(concord::corpus::is_generated(&html));
}

#[test]
fn terminal_output_fits_columns() {
    // A paragraph on one line, as text copied from the web often is.
    let words: Vec<String> = (0..60).map(|i| format!("word{i}")).collect();
    let long = format!(
        "{} Ada Prinn met the the minister {}\n",
        words[..30].join(" "),
        words[30..].join(" ")
    );
    let dir = Dir::new(&[("a.txt", long.as_bytes())]);
    let run = |columns: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_concord"))
            .args(["check", "a.txt"])
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        stdout(&out)
    };
    let source_lines = |out: &str| -> Vec<usize> {
        out.lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(" │ "))
            .map(|l| l.chars().count())
            .collect()
    };
    let narrow = run("60");
    let lines = source_lines(&narrow);
    assert!(
        !lines.is_empty() && lines.iter().all(|&w| w <= 60),
        "{narrow}"
    );
    assert!(narrow.contains("the the"), "{narrow}");
    // Not a number: as if unset (no terminal here), the fixed context.
    let wide = run("wide");
    assert!(source_lines(&wide).iter().all(|&w| w > 60), "{wide}");
}

/// No-break spaces (U+00A0, two bytes) stand where spaces do in text pasted from web pages and
/// word processors: a word after one is still read, and nothing slices into the space.
#[test]
fn no_break_spaces_around_words_are_spaces() {
    let text = "The guard protects the\u{a0}wharehouses of the port.\n\
                It met on\u{a0}Monday.Then the board left.\n";
    let dir = Dir::new(&[("a.txt", text.as_bytes())]);
    let out = concord(&["check", "a.txt", "--format", "json"], dir.path());
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let json = stdout(&out);
    assert!(
        json.contains("`wharehouses` looks like a slip for `warehouses`"),
        "{json}"
    );
}
