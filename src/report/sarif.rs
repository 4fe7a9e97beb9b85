//! `--format sarif`: SARIF 2.1.0. The primary label is the result's location; the other sides of
//! a conflict are `relatedLocations`. Columns count Unicode code points (declared with
//! `columnKind`), and every region also carries its byte offset and length.
//!
//! Written with plain serde structs: the handful of SARIF objects concord fills do not earn a
//! dependency that models the whole schema.

use std::io::{self, Write};

use serde::Serialize;

use super::Run;
use crate::finding::{Label, Severity};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<SarifRun<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifRun<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    name: &'a str,
    short_description: Text<'a>,
    full_description: Text<'a>,
    default_configuration: Configuration,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Properties<'a> {
    category: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    level: &'static str,
    message: Message,
    locations: Vec<Location<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    /// The baseline fingerprint, which survives edits that move lines: code-scanning
    /// dashboards use it to keep an alert's identity across commits.
    partial_fingerprints: std::collections::BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix<'a>>,
}

/// A result's fix: SARIF 2.1.0 §3.55, replacements as byte regions.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix<'a> {
    description: Message,
    artifact_changes: Vec<ArtifactChange<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange<'a> {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement<'a> {
    deleted_region: ByteRegion,
    inserted_content: Text<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

/// A path as a URI reference (RFC 3986): every byte but the unreserved characters and `/`
/// percent-encoded, so `my notes é#1.md` becomes `my%20notes%20%C3%A9%231.md`. An absolute
/// path becomes a `file://` URI.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The first sentence of a rule's `flags`, which names what that rule, not its check kind,
/// looks for: two rules of one kind get two descriptions.
fn short(flags: &str) -> &str {
    let end = flags.find(". ").map_or(flags.len(), |i| i + 1);
    &flags[..end]
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
    byte_offset: usize,
    byte_length: usize,
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn location<'a>(run: &Run<'a>, label: &'a Label, id: Option<usize>) -> Location<'a> {
    let doc = run.corpus.doc(label.doc);
    let (start_line, start_column) = doc.line_col(label.span.start);
    let (end_line, end_column) = doc.line_col(label.span.end);
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(&doc.name),
            },
            region: Region {
                start_line,
                start_column,
                end_line,
                end_column,
                byte_offset: label.span.start,
                byte_length: label.span.len(),
            },
        },
        message: Some(Text {
            text: &label.message,
        })
        .filter(|t| !t.text.is_empty()),
    }
}

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let rules = run
        .rules
        .iter()
        .map(|r| RuleDescriptor {
            id: &r.code,
            name: &r.name,
            short_description: Text {
                text: short(&r.doc.flags),
            },
            full_description: Text { text: &r.doc.flags },
            default_configuration: Configuration {
                level: level(r.severity),
            },
            properties: Properties {
                category: r.category.as_str(),
            },
        })
        .collect();
    let results = run
        .findings
        .iter()
        .map(|f| {
            let mut labels = f.labels.iter();
            let primary = labels.next();
            let mut text = f.message.clone();
            if let Some(s) = &f.suggestion {
                text.push_str(&format!(" (suggestion: {s})"));
            }
            SarifResult {
                rule_id: &f.code,
                level: level(f.severity),
                message: Message { text },
                locations: primary
                    .map(|l| location(run, l, None))
                    .into_iter()
                    .collect(),
                related_locations: labels
                    .enumerate()
                    .map(|(i, l)| location(run, l, Some(i + 1)))
                    .collect(),
                partial_fingerprints: [(
                    "concord/v2",
                    format!("{:016x}", crate::baseline::fingerprint(f, run.corpus)),
                )]
                .into(),
                fixes: f
                    .fix
                    .iter()
                    .map(|fix| SarifFix {
                        description: Message {
                            text: match &f.suggestion {
                                Some(s) => format!("replace with `{s}`"),
                                None => "apply the edits".to_string(),
                            },
                        },
                        artifact_changes: fix
                            .edits
                            .iter()
                            .map(|e| ArtifactChange {
                                artifact_location: ArtifactLocation {
                                    uri: uri(&run.corpus.doc(e.doc).name),
                                },
                                replacements: vec![Replacement {
                                    deleted_region: ByteRegion {
                                        byte_offset: e.span.start,
                                        byte_length: e.span.len(),
                                    },
                                    inserted_content: Text {
                                        text: &e.replacement,
                                    },
                                }],
                            })
                            .collect(),
                    })
                    .collect(),
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![SarifRun {
            tool: Tool {
                driver: Driver {
                    name: "concord",
                    version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}
