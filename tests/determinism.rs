//! Output is a function of the input only: the same JSON, byte for byte, whatever the number of
//! threads, from one run to the next, and whatever the order of the paths on the command line
//! (DESIGN.md: documents load in sorted order, findings sort by file, start and rule).

use std::path::{Path, PathBuf};
use std::process::Command;

fn json(args: &[String], threads: Option<&str>) -> Vec<u8> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_concord"));
    cmd.arg("check")
        .args(args)
        .args(["--format", "json"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    match threads {
        Some(n) => cmd.env("RAYON_NUM_THREADS", n),
        None => cmd.env_remove("RAYON_NUM_THREADS"),
    };
    let out = cmd.output().expect("concord runs");
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The seeds and the test corpora, file by file, relative to the repository.
fn files() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs = vec![PathBuf::from("seeds")];
    for entry in std::fs::read_dir(root.join("tests/corpora")).unwrap() {
        let path = entry.unwrap().path();
        dirs.push(path.strip_prefix(root).unwrap().to_path_buf());
    }
    let mut files = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(root.join(&dir)).unwrap() {
            let name = entry.unwrap().file_name();
            // The documents a folder walk takes, not the gold lists beside them.
            if Path::new(&name)
                .extension()
                .is_some_and(|e| e == "txt" || e == "md")
            {
                files.push(dir.join(name).display().to_string());
            }
        }
    }
    files.sort();
    files
}

#[test]
fn json_is_byte_identical_across_threads_runs_and_path_orders() {
    let files = files();
    let want = json(&files, Some("1"));
    assert!(String::from_utf8_lossy(&want).contains("\"rule\""));
    assert!(json(&files, Some("2")) == want, "two threads");
    assert!(
        json(&files, None) == want,
        "the default thread count, a second run"
    );
    let mut reversed = files.clone();
    reversed.reverse();
    assert!(json(&reversed, Some("2")) == want, "paths in reverse order");
    // Interleaved: every other file first, then the rest.
    let (even, odd): (Vec<_>, Vec<_>) = files
        .iter()
        .cloned()
        .enumerate()
        .partition(|(i, _)| i % 2 == 0);
    let shuffled: Vec<String> = odd.into_iter().chain(even).map(|(_, f)| f).collect();
    assert!(json(&shuffled, Some("2")) == want, "paths interleaved");
    // Folders named instead of files: the same documents, the same report.
    let mut folders: Vec<String> = files
        .iter()
        .map(|f| Path::new(f).parent().unwrap().display().to_string())
        .collect();
    folders.dedup();
    folders.reverse();
    assert!(
        json(&folders, Some("2")) == want,
        "folders in reverse order"
    );
}
