//! Documents read as what they are: Markdown parsed, reStructuredText and AsciiDoc with their
//! code and directives skipped; code is never linted as prose. End to end through the binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Dir(PathBuf);

impl Dir {
    fn new() -> Dir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "concord-formats-{}-{}",
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
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn concord(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_concord"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("concord runs")
}

/// (rule, line) of each finding of `concord check --format json ARGS` run in `dir`.
fn findings(dir: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let mut all = vec!["check", "--format", "json"];
    all.extend(args);
    let out = concord(dir, &all);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["labels"][0]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A real changelog line with a real slip, from
/// https://github.com/mitsuhiko/similar/blob/main/CHANGELOG.md (0.2.0).
const SLIP: &str = "Fixed a bug in the patience algorithm causing it not not work.";

#[test]
fn the_projects_own_readme_reports_nothing_from_its_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let found = findings(root, &["README.md"]);
    assert_eq!(found, [], "{found:?}");
}

#[test]
fn markdown_code_html_tables_and_front_matter_are_not_prose() {
    let dir = Dir::new();
    let text = format!(
        "---\nsummary: {SLIP}\n---\n\n# Changes\n\n* {SLIP}\n\nQuoted as code: `{SLIP}`.\n\n<div>\n{SLIP}\n</div>\n\n```text\n{SLIP}\n```\n\n    {SLIP}\n\n| change |\n|---|\n| {SLIP} |\n\n<!-- {SLIP} -->\n"
    );
    dir.write("CHANGELOG.md", &text);
    let found = findings(&dir.0, &["CHANGELOG.md"]);
    // Only the list item on line 7 is prose.
    assert_eq!(found, [("repeated-word".to_string(), 7)], "{found:?}");
    // A name without a Markdown extension is read as Markdown once it has a code fence.
    dir.write("NOTES", &format!("Notes\n\n{SLIP}\n\n```\n{SLIP}\n```\n"));
    assert_eq!(
        findings(&dir.0, &["NOTES"]),
        [("repeated-word".to_string(), 3)]
    );
}

#[test]
fn rst_and_asciidoc_code_and_directives_are_not_prose() {
    let dir = Dir::new();
    dir.write(
        "changes.rst",
        &format!("Changes\n=======\n\n{SLIP}\n\nRun ``{SLIP}``::\n\n    {SLIP}\n\n.. note::\n\n   {SLIP}\n"),
    );
    dir.write(
        "changes.adoc",
        &format!("= Changes\n:description: {SLIP}\n\n{SLIP}\n\nRun `{SLIP}`.\n\n[source]\n----\n{SLIP}\n----\n\n// {SLIP}\n"),
    );
    for name in ["changes.rst", "changes.adoc"] {
        let found = findings(&dir.0, &[name]);
        assert_eq!(
            found,
            [("repeated-word".to_string(), 4)],
            "{name}: {found:?}"
        );
    }
}
