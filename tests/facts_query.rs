//! `concord facts --format jsonl` as the input of a query engine: every line stands alone, and
//! the documented DuckDB query (`tests/queries/chief_conflict.sql`) finds in it the chief
//! conflict that the `chief-conflict` rule reports on the seeds.

mod common;

use std::process::Command;

fn jsonl() -> String {
    common::stdout_in_repo(&["facts", "seeds", "--format", "jsonl"], &[0])
}

#[test]
fn each_line_is_a_fact_with_its_entity_and_period() {
    let text = jsonl();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON object"))
        .collect();
    assert!(rows.len() > 20, "{} facts", rows.len());
    for r in &rows {
        for key in [
            "file",
            "start",
            "end",
            "entity",
            "entity_name",
            "kind",
            "attribute",
        ] {
            assert!(!r[key].is_null(), "{key} missing in {r}");
        }
    }
    // `since 2020, ... headed by X`: an open period, so about the present, with its start.
    let since = rows
        .iter()
        .find(|r| r["kind"] == "holder" && r["since"] == "2020")
        .expect("a holder since 2020");
    assert_eq!(since["current"], true);
    assert!(since["until"].is_null());
    assert!(since["surname"].is_string() && since["person"].is_string());
    // An infobox holder is undated and about the present.
    assert!(
        rows.iter()
            .any(|r| r["kind"] == "holder" && r["from"] == "infobox" && r["current"] == true)
    );
}

/// DuckDB's Python package, when it can be imported. CI installs it (`.ci/run`), so there a
/// missing package fails the test rather than skipping it.
fn duckdb_available() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI runs this test: `pip install duckdb` in .ci/run"
        );
        eprintln!("duckdb is not installed (pip install duckdb): the query is not run");
    }
    ok
}

#[test]
fn the_documented_duckdb_query_finds_the_chief_conflict_of_the_seeds() {
    if !duckdb_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("concord-facts-query-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("facts.jsonl"), jsonl()).unwrap();
    let query =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/queries/chief_conflict.sql");
    let script = "import duckdb, json, sys\n\
                  rows = duckdb.sql(open(sys.argv[1]).read()).fetchall()\n\
                  print(json.dumps([[r[1], r[2], r[3]] for r in rows]))";
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&query)
        .current_dir(&dir)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<(String, String, Vec<String>)> =
        serde_json::from_slice(&out.stdout).expect("rows as JSON");

    // What the rule finds, for comparison: one conflict, its message naming entity and post.
    let report: serde_json::Value = serde_json::from_str(&common::stdout_in_repo(
        &[
            "check",
            "seeds",
            "--select",
            "chief-conflict",
            "--format",
            "json",
        ],
        &[0, 1],
    ))
    .unwrap();
    let messages: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages.len(), rows.len(), "{messages:?} against {rows:?}");
    for (entity, post, holders) in &rows {
        assert!(holders.len() >= 2);
        assert!(
            messages
                .iter()
                .any(|m| m.contains(&format!("`{entity}`")) && m.contains(&format!("`{post}`"))),
            "{entity} / {post} is not among {messages:?}"
        );
    }
}
