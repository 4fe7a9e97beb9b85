//! Rule packs: TOML files of `[[rule]]` tables, each an instance of a check kind.
//!
//! ```toml
//! [[rule]]
//! name = "repeated-word"          # stable kebab-case name
//! code = "T001"                   # family letter + number, never reused
//! category = "typo"               # one of the families in DESIGN.md
//! severity = "warning"            # error | warning | info
//! check = "repeated_word"         # the check kind (see `concord rules --kinds`)
//! message = "`{word}` is written twice in a row"   # one line; {placeholders} from the kind
//! help = "delete one of them"     # optional, imperative
//! [rule.params]                   # the kind's parameters, checked strictly
//! allow = ["had", "that"]
//! [rule.doc]                      # what `concord explain` prints; every heading required
//! flags = "..."
//! why = "..."
//! example = "..."
//! fix = "..."
//! limits = "..."
//! [[rule.examples]]               # run by the test suite
//! docs = ["It is is here."]       # one text per document
//! findings = 1                    # how many findings the rule must give on them
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::ConfigError;
use crate::checks::{self, Check, Kind};
use crate::finding::{Category, Finding, Severity};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Spanned<String>,
    code: Spanned<String>,
    category: Spanned<String>,
    severity: Spanned<String>,
    check: Spanned<String>,
    message: Spanned<String>,
    help: Option<String>,
    params: Option<Spanned<toml::Value>>,
    doc: RuleDoc,
    #[serde(default)]
    examples: Vec<Example>,
}

/// The documentation of a rule: the fixed headings `concord explain` prints.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleDoc {
    /// What it flags.
    pub flags: String,
    /// Why it matters.
    pub why: String,
    /// An example that fires.
    pub example: String,
    /// How to fix the example.
    pub fix: String,
    /// What it does not catch, or where it may be wrong.
    pub limits: String,
}

/// A small corpus the rule is run on by the test suite, and how many findings it must give.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The documents' texts.
    pub docs: Vec<String>,
    /// The number of findings this rule must report on them.
    pub findings: usize,
    /// Why, in a few words (shown when the example fails).
    #[serde(default)]
    pub note: String,
}

/// A validated rule, ready to run.
pub struct Rule {
    pub name: String,
    pub code: String,
    pub category: Category,
    pub severity: Severity,
    pub kind: &'static Kind,
    pub message: String,
    pub help: Option<String>,
    pub doc: RuleDoc,
    pub examples: Vec<Example>,
    /// The parameters as written (for `concord explain`).
    pub params: Option<toml::Value>,
    /// The file the rule was read from.
    pub origin: String,
    pub check: Box<dyn Check>,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule")
            .field("name", &self.name)
            .field("code", &self.code)
            .finish()
    }
}

impl Rule {
    /// The rule's message with `{placeholder}`s filled in.
    pub fn render(&self, args: &[(&str, &str)]) -> String {
        fill(&self.message, args)
    }

    /// A new finding of this rule, with its message rendered from `args` and no labels yet.
    pub fn finding(&self, args: &[(&str, &str)]) -> Finding {
        Finding {
            rule: self.name.clone(),
            code: self.code.clone(),
            category: self.category,
            severity: self.severity,
            message: self.render(args),
            labels: Vec::new(),
            notes: Vec::new(),
            suggestion: None,
            fix: None,
        }
    }
}

fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (key, value) in args {
        out = out.replace(&format!("{{{key}}}"), value);
    }
    out
}

/// Placeholders used in a message template.
fn placeholders(template: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    out
}

/// Reads one pack. `origin` names it in errors.
pub fn parse_pack(text: &str, origin: &str) -> Result<Vec<Rule>, ConfigError> {
    let raw: RawPack = toml::from_str(text).map_err(|e| ConfigError::toml(origin, text, &e))?;
    let at = |span: std::ops::Range<usize>, message: String| {
        ConfigError::at(origin, text, span.start, message)
    };
    let mut rules = Vec::new();
    for raw in raw.rule {
        let raw = raw.into_inner();
        let name = raw.name.get_ref();
        if !is_kebab(name) {
            return Err(at(
                raw.name.span(),
                format!("rule name `{name}` must be kebab-case, such as `repeated-word`"),
            ));
        }
        let code = raw.code.get_ref();
        if !is_code(code) {
            return Err(at(
                raw.code.span(),
                format!(
                    "rule code `{code}` must be an uppercase family letter and three digits, such as `T001`"
                ),
            ));
        }
        let category: Category = raw.category.get_ref().parse().map_err(|e| {
            let all: Vec<_> = Category::ALL.iter().map(|c| c.as_str()).collect();
            at(
                raw.category.span(),
                format!("{e}; expected one of {}", all.join(", ")),
            )
        })?;
        let severity: Severity = raw
            .severity
            .get_ref()
            .parse()
            .map_err(|e| at(raw.severity.span(), e))?;
        let kind = checks::kind(raw.check.get_ref()).ok_or_else(|| {
            let all: Vec<_> = checks::KINDS.iter().map(|k| k.name).collect();
            at(
                raw.check.span(),
                format!(
                    "unknown check kind `{}`; expected one of {}",
                    raw.check.get_ref(),
                    all.join(", ")
                ),
            )
        })?;
        for p in placeholders(raw.message.get_ref()) {
            if !kind.placeholders.contains(&p) {
                return Err(at(
                    raw.message.span(),
                    format!(
                        "message placeholder `{{{p}}}` is not given by check kind `{}` (it gives: {})",
                        kind.name,
                        kind.placeholders.join(", ")
                    ),
                ));
            }
        }
        let (params, params_at) = match raw.params {
            Some(p) => {
                let span = p.span();
                (p.into_inner(), span.start)
            }
            None => (
                toml::Value::Table(Default::default()),
                raw.check.span().start,
            ),
        };
        let check = (kind.build)(params.clone()).map_err(|e| {
            ConfigError::at(
                origin,
                text,
                params_at,
                format!("rule `{name}`: parameters: {e}"),
            )
        })?;
        rules.push(Rule {
            name: name.clone(),
            code: code.clone(),
            category,
            severity,
            kind,
            message: raw.message.into_inner(),
            help: raw.help,
            doc: raw.doc,
            examples: raw.examples,
            params: Some(params).filter(|p| p.as_table().is_none_or(|t| !t.is_empty())),
            origin: origin.to_string(),
            check,
        });
    }
    Ok(rules)
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn is_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// The packs shipped with concord (every `rules/*.toml`, listed by `build.rs`), compiled in so
/// the binary works anywhere.
pub const BUILTIN_PACKS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Every `*.toml` file in `dir`, sorted.
pub fn pack_files(dir: &Path) -> Result<Vec<PathBuf>, ConfigError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        ConfigError::plain(format!(
            "{}: cannot read rule pack folder: {e}",
            dir.display()
        ))
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found() {
        assert_eq!(placeholders("`{a}` and `{b}`"), vec!["a", "b"]);
        assert_eq!(fill("`{a}` x", &[("a", "y")]), "`y` x");
    }

    #[test]
    fn names_and_codes() {
        assert!(is_kebab("near-duplicate-sentence"));
        assert!(!is_kebab("Near_dup"));
        assert!(is_code("D001"));
        assert!(!is_code("D1"));
    }
}
