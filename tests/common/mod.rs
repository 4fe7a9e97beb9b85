//! Helpers shared by the integration tests.

use std::process::Command;

/// Runs the concord binary in the repository root and returns its standard output, after
/// checking that it exited with one of `codes`.
pub fn stdout_in_repo(args: &[&str], codes: &[i32]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // Terminal output fits COLUMNS when it is set: snapshots are taken without it.
        .env_remove("COLUMNS")
        .output()
        .expect("concord runs");
    assert!(
        out.status.code().is_some_and(|c| codes.contains(&c)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}
