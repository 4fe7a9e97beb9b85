//! Changed-files mode: which documents changed since a git revision, so that CI on a pull request
//! reports only findings that touch them. The whole corpus is still read, because a change in one
//! document can conflict with another that did not change; only the findings are filtered.
//!
//! "Changed" is what `git diff --name-only REV` lists (committed, staged and unstaged changes
//! against REV) plus untracked files that are not ignored, so a new document counts too.

use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::corpus::Corpus;
use crate::finding::Finding;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedError(pub String);

impl fmt::Display for ChangedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ChangedError {}

/// The files changed since `rev`, as canonical paths. `dir` is where git is asked (the current
/// folder for the command line).
pub fn changed_files(rev: &str, dir: &Path) -> Result<HashSet<PathBuf>, ChangedError> {
    let root = git(dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        ChangedError(format!(
            "--changed-since needs a git repository, and {} is not in one ({e})",
            dir.display()
        ))
    })?;
    let root = PathBuf::from(root.trim_end_matches(['\n', '\r']));
    // `--end-of-options` keeps a revision that starts with `-` from being read as a flag.
    let verify = format!("{rev}^{{commit}}");
    git(&root, &["rev-parse", "--verify", "--quiet", "--end-of-options", &verify]).map_err(
        |_| {
            ChangedError(format!(
                "--changed-since: `{rev}` is not a known revision in {}; try a branch, a tag or a commit such as `origin/main` or `HEAD~1`",
                root.display()
            ))
        },
    )?;
    let diff = git(
        &root,
        &["diff", "--name-only", "-z", "--end-of-options", rev, "--"],
    )
    .map_err(|e| ChangedError(format!("--changed-since: git diff failed: {e}")))?;
    let untracked = git(&root, &["ls-files", "--others", "--exclude-standard", "-z"])
        .map_err(|e| ChangedError(format!("--changed-since: git ls-files failed: {e}")))?;
    Ok(diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .filter_map(|p| root.join(p).canonicalize().ok())
        .collect())
}

/// Runs git in `dir`; stdout on success, stderr's first line on failure.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(err
            .lines()
            .next()
            .unwrap_or("git failed")
            .trim()
            .to_string())
    }
}

/// Keeps the findings with at least one label in a changed document.
pub fn filter(findings: Vec<Finding>, corpus: &Corpus, changed: &HashSet<PathBuf>) -> Vec<Finding> {
    let touched: Vec<bool> = corpus
        .docs
        .iter()
        .map(|d| {
            Path::new(&d.name)
                .canonicalize()
                .is_ok_and(|p| changed.contains(&p))
        })
        .collect();
    findings
        .into_iter()
        .filter(|f| f.labels.iter().any(|l| touched[l.doc]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git_ok(dir: &Path, args: &[&str]) {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
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
            .expect("git runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("concord-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn modified_and_untracked_files_count_as_changed() {
        let dir = temp_dir("changed");
        std::fs::write(dir.join("a.md"), "A.\n").unwrap();
        std::fs::write(dir.join("b.md"), "B.\n").unwrap();
        git_ok(&dir, &["init", "-q"]);
        git_ok(&dir, &["add", "."]);
        git_ok(&dir, &["commit", "-q", "-m", "one"]);
        std::fs::write(dir.join("b.md"), "B, changed.\n").unwrap();
        std::fs::write(dir.join("c.md"), "C.\n").unwrap();
        let changed = changed_files("HEAD", &dir).unwrap();
        let mut names: Vec<String> = changed
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["b.md", "c.md"]);
        let err = changed_files("no-such-branch", &dir).unwrap_err();
        assert!(
            err.0.contains("`no-such-branch` is not a known revision"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn outside_a_repository_is_a_clear_error() {
        let dir = temp_dir("norepo");
        // GIT_CEILING_DIRECTORIES is not needed: temp folders are not inside a checkout here,
        // and if they were, the test would report it rather than pass silently.
        let err = changed_files("HEAD", &dir).unwrap_err();
        assert!(err.0.contains("needs a git repository"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
