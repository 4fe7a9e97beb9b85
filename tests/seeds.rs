//! The seed corpus end to end: the full terminal output and the JSON report, as snapshots, and
//! the JSON report against the contract of DESIGN.md.

use std::path::Path;

mod common;

fn run(args: &[&str]) -> String {
    common::stdout_in_repo(args, &[0, 1])
}

macro_rules! snapshot {
    ($name:expr, $value:expr) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
            insta::assert_snapshot!($name, $value);
        })
    };
}

#[test]
fn terminal_output_on_seeds() {
    snapshot!(
        "seeds__terminal",
        run(&["check", "seeds", "--color", "never"])
    );
}

#[test]
fn json_output_on_seeds() {
    // Indented, so a change reads as a diff of fields.
    snapshot!(
        "seeds__json",
        run(&["check", "seeds", "--format", "json", "--pretty"])
    );
}

/// Every diagnostic has the contract's fields with the right types, and every label's offsets
/// agree with its line and column and lie on character boundaries of the file on disk.
#[test]
fn json_output_follows_the_contract() {
    let report: serde_json::Value =
        serde_json::from_str(&run(&["check", "seeds", "--format", "json"])).unwrap();
    assert_eq!(report["version"], 1);
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert!(!diagnostics.is_empty());
    let mut counts = [0u64; 3];
    for d in diagnostics {
        for key in ["rule", "code", "category", "severity", "message"] {
            assert!(d[key].is_string(), "{key} in {d}");
        }
        assert!(
            d["notes"].is_array() && (d["suggestion"].is_string() || d["suggestion"].is_null())
        );
        let sev = ["error", "warning", "info"]
            .iter()
            .position(|s| d["severity"] == *s)
            .expect("a known severity");
        counts[sev] += 1;
        let labels = d["labels"].as_array().unwrap();
        assert_eq!(
            labels.iter().filter(|l| l["primary"] == true).count(),
            1,
            "one primary label: {d}"
        );
        assert_eq!(labels[0]["primary"], true, "the primary label first: {d}");
        for l in labels {
            let text = std::fs::read_to_string(
                Path::new(env!("CARGO_MANIFEST_DIR")).join(l["file"].as_str().unwrap()),
            )
            .unwrap();
            let (start, end) = (
                l["start"].as_u64().unwrap() as usize,
                l["end"].as_u64().unwrap() as usize,
            );
            assert!(
                start < end
                    && end <= text.len()
                    && text.is_char_boundary(start)
                    && text.is_char_boundary(end),
                "{l}"
            );
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap().chars().count() + 1;
            assert_eq!(
                (
                    l["line"].as_u64().unwrap() as usize,
                    l["column"].as_u64().unwrap() as usize
                ),
                (line, column),
                "{l}"
            );
        }
    }
    let s = &report["summary"];
    assert_eq!(
        (
            s["files"].as_u64(),
            s["errors"].as_u64(),
            s["warnings"].as_u64(),
            s["infos"].as_u64()
        ),
        (Some(4), Some(counts[0]), Some(counts[1]), Some(counts[2]))
    );
}
