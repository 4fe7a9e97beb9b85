//! Configuration: rule packs and the project file `concord.toml`. Raw forms are decoded
//! strictly with serde (unknown keys are errors); resolved forms are validated and typed, and
//! every error points into the file it came from.

pub mod project;
pub mod rules;

use std::fmt;
use std::path::Path;

pub use project::Project;
pub use rules::{Example, Rule, RuleDoc};

use crate::finding::{Category, Severity};

/// A configuration error, with the file, line and column it points at where known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: Option<String>,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    pub fn plain(message: impl Into<String>) -> Self {
        ConfigError {
            file: None,
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    /// An error at byte `offset` of `text`, the content of `file`.
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let before = &text[..offset.min(text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        ConfigError {
            file: Some(file.to_string()),
            line,
            column,
            message: message.into(),
        }
    }

    pub fn toml(file: &str, text: &str, e: &toml::de::Error) -> Self {
        let offset = e.span().map_or(0, |s| s.start);
        ConfigError::at(file, text, offset, e.message().trim().to_string())
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.file {
            Some(file) if self.line > 0 => {
                write!(f, "{file}:{}:{}: {}", self.line, self.column, self.message)
            }
            Some(file) => write!(f, "{file}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Which rules run and at what severity: selectors are rule names, codes or categories.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// When not empty, only these rules run.
    pub select: Vec<String>,
    /// These rules never run.
    pub ignore: Vec<String>,
    /// Severity overrides, applied in order.
    pub severity: Vec<(String, Severity)>,
    /// The file the selection was read from, if any, and the line and column of each selector
    /// in it, so that an unknown one is reported where it is written.
    pub file: Option<String>,
    pub places: std::collections::BTreeMap<String, (usize, usize)>,
}

/// All loaded rules, sorted by code.
#[derive(Debug, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The built-in packs plus every pack in `extra_dirs`.
    pub fn load(extra_dirs: &[impl AsRef<Path>], builtin: bool) -> Result<RuleSet, ConfigError> {
        let mut rules = Vec::new();
        if builtin {
            for (origin, text) in rules::BUILTIN_PACKS {
                rules.extend(rules::parse_pack(text, origin)?);
            }
        }
        for dir in extra_dirs {
            for file in rules::pack_files(dir.as_ref())? {
                let name = file.display().to_string();
                let text = std::fs::read_to_string(&file).map_err(|e| {
                    ConfigError::plain(format!("{name}: cannot read rule pack: {e}"))
                })?;
                rules.extend(rules::parse_pack(&text, &name)?);
            }
        }
        let mut set = RuleSet { rules };
        set.rules.sort_by(|a, b| a.code.cmp(&b.code));
        for pair in set.rules.windows(2) {
            if pair[0].code == pair[1].code {
                return Err(ConfigError::plain(format!(
                    "rule code {} is used twice: by `{}` ({}) and `{}` ({})",
                    pair[0].code, pair[0].name, pair[0].origin, pair[1].name, pair[1].origin
                )));
            }
        }
        let mut names: Vec<_> = set.rules.iter().map(|r| (&r.name, &r.origin)).collect();
        names.sort();
        for pair in names.windows(2) {
            if pair[0].0 == pair[1].0 {
                return Err(ConfigError::plain(format!(
                    "rule name `{}` is used twice: in {} and {}",
                    pair[0].0, pair[0].1, pair[1].1
                )));
            }
        }
        Ok(set)
    }

    pub fn get(&self, name_or_code: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.name == name_or_code || r.code.eq_ignore_ascii_case(name_or_code))
    }

    /// Sets parameter `key` to `value` in every rule whose check kind takes it (the project's
    /// `dialect` reaching each spelling rule), rebuilding their checks.
    pub fn set_param(&mut self, key: &str, value: &str) -> Result<(), ConfigError> {
        let takes = |kind: &crate::checks::Kind| {
            kind.params.lines().any(|l| {
                l.trim_start()
                    .strip_prefix(key)
                    .is_some_and(|r| r.starts_with(':'))
            })
        };
        for rule in self.rules.iter_mut().filter(|r| takes(r.kind)) {
            let mut params = match &rule.params {
                Some(toml::Value::Table(t)) => t.clone(),
                _ => toml::Table::new(),
            };
            params.insert(key.to_string(), toml::Value::String(value.to_string()));
            let params = toml::Value::Table(params);
            rule.check = (rule.kind.build)(params.clone()).map_err(|e| {
                ConfigError::plain(format!("rule `{}`: parameters: {e}", rule.name))
            })?;
            rule.params = Some(params);
        }
        Ok(())
    }

    /// Keeps the selected rules and applies severity overrides. An unknown selector is an error:
    /// a typo in `--ignore` must not silently keep a rule on.
    pub fn apply(&mut self, selection: &Selection) -> Result<(), ConfigError> {
        let all: Vec<&str> = selection
            .select
            .iter()
            .chain(&selection.ignore)
            .chain(selection.severity.iter().map(|(s, _)| s))
            .map(String::as_str)
            .collect();
        for selector in all {
            if !self.rules.iter().any(|r| matches(r, selector)) {
                let message = format!(
                    "unknown rule, code or category `{selector}`; `concord rules` lists them"
                );
                return Err(match (&selection.file, selection.places.get(selector)) {
                    (Some(file), Some(&(line, column))) => ConfigError {
                        file: Some(file.clone()),
                        line,
                        column,
                        message,
                    },
                    _ => ConfigError::plain(message),
                });
            }
        }
        self.rules.retain(|r| {
            (selection.select.is_empty() || selection.select.iter().any(|s| matches(r, s)))
                && !selection.ignore.iter().any(|s| matches(r, s))
        });
        for (selector, severity) in &selection.severity {
            for rule in self.rules.iter_mut().filter(|r| matches(r, selector)) {
                rule.severity = *severity;
            }
        }
        Ok(())
    }
}

/// True when `selector` names the rule, its code or its category.
fn matches(rule: &Rule, selector: &str) -> bool {
    rule.name == selector
        || rule.code.eq_ignore_ascii_case(selector)
        || selector
            .parse::<Category>()
            .is_ok_and(|c| c == rule.category)
}
