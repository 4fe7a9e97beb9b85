//! Findings: what a check reports. A finding names its rule, carries the rule's category and
//! severity, and points into every document involved through labels; the primary label goes
//! first and sits on the side most likely wrong.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::corpus::{DocId, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            // The terminal renderer spells the lowest level `note`, as rustc does.
            "info" | "note" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected error, warning or info)"
            )),
        }
    }
}

/// `n word` with the word in the plural unless `n` is one: `1 time`, `3 times`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The rule families of DESIGN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    FactConflict,
    DateConflict,
    Duplicate,
    NameVariant,
    Typo,
    Grammar,
    Numeric,
    Structure,
    Consistency,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::FactConflict,
        Category::DateConflict,
        Category::Duplicate,
        Category::NameVariant,
        Category::Typo,
        Category::Grammar,
        Category::Numeric,
        Category::Structure,
        Category::Consistency,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::FactConflict => "fact_conflict",
            Category::DateConflict => "date_conflict",
            Category::Duplicate => "duplicate",
            Category::NameVariant => "name_variant",
            Category::Typo => "typo",
            Category::Grammar => "grammar",
            Category::Numeric => "numeric",
            Category::Structure => "structure",
            Category::Consistency => "consistency",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Category {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Category::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| format!("unknown category `{s}`"))
    }
}

/// A place a finding points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub doc: DocId,
    pub span: Span,
    pub primary: bool,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub code: String,
    pub category: Category,
    pub severity: Severity,
    pub message: String,
    /// The primary label first, then the other sides in document order.
    pub labels: Vec<Label>,
    pub notes: Vec<String>,
    /// The proposed correction, in words or as replacement text.
    pub suggestion: Option<String>,
    /// The correction as edits to the text, when it is one; see [`Fix`].
    pub fix: Option<Fix>,
}

/// A correction as edits: byte ranges and their replacement text. `safe` says it can be applied
/// without a reader's look (`--fix`); an unsafe fix (one of several readings, a guess) is shown
/// but applied only with `--unsafe-fixes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub edits: Vec<Edit>,
    pub safe: bool,
}

/// Replace the bytes of `span` in document `doc` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub doc: DocId,
    pub span: Span,
    pub replacement: String,
}

impl Finding {
    pub fn primary(&self) -> Option<&Label> {
        self.labels
            .iter()
            .find(|l| l.primary)
            .or(self.labels.first())
    }

    /// The sort key of the output: (document, start, rule).
    pub fn sort_key(&self) -> (DocId, usize, &str, usize) {
        let p = self.primary();
        (
            p.map_or(0, |l| l.doc),
            p.map_or(0, |l| l.span.start),
            &self.rule,
            p.map_or(0, |l| l.span.end),
        )
    }

    /// Adds a label; the first label added is the primary one.
    pub fn label(mut self, doc: DocId, span: Span, message: impl Into<String>) -> Self {
        let primary = self.labels.is_empty();
        self.labels.push(Label {
            doc,
            span,
            primary,
            message: message.into(),
        });
        self
    }

    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds an edit to the fix (creating it, as safe, with the first edit): replace `span` of
    /// `doc` with `replacement`. A check whose suggestion is replacement text calls this next to
    /// [`Finding::suggest`].
    pub fn replace(mut self, doc: DocId, span: Span, replacement: impl Into<String>) -> Self {
        let edit = Edit {
            doc,
            span,
            replacement: replacement.into(),
        };
        match &mut self.fix {
            Some(fix) => fix.edits.push(edit),
            None => {
                self.fix = Some(Fix {
                    edits: vec![edit],
                    safe: true,
                })
            }
        }
        self
    }

    /// Marks the fix as one for a reader to confirm: not applied by `--fix` alone.
    pub fn unsafe_fix(mut self) -> Self {
        if let Some(fix) = &mut self.fix {
            fix.safe = false;
        }
        self
    }
}
