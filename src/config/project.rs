//! The project file, `concord.toml`, found in the current folder (or given with `--config`).
//!
//! ```toml
//! paths = ["seeds"]              # what `concord check` reads when no path is given
//! extensions = ["txt", "md"]     # file kinds taken when walking folders
//! rule_packs = ["my-rules"]      # folders of extra rule packs (*.toml)
//! builtin_rules = true           # load the packs shipped with concord
//!
//! [rules]
//! select = ["duplicate"]         # only these rules (names, codes or categories)
//! ignore = ["T002"]              # never these
//! [rules.severity]
//! near-duplicate-sentence = "info"
//! ```
//!
//! Relative paths are relative to the folder that holds the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, Selection};
use crate::finding::Severity;

pub const FILE_NAME: &str = "concord.toml";

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[serde(default)]
    paths: Vec<String>,
    extensions: Option<Vec<String>>,
    #[serde(default)]
    rule_packs: Vec<String>,
    builtin_rules: Option<bool>,
    #[serde(default)]
    rules: RawRules,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<String>>,
}

/// The resolved project file.
#[derive(Debug, Clone, Default)]
pub struct Project {
    /// Where the file was read from, if there was one.
    pub file: Option<PathBuf>,
    pub paths: Vec<PathBuf>,
    pub extensions: Option<Vec<String>>,
    pub rule_packs: Vec<PathBuf>,
    pub builtin_rules: bool,
    pub selection: Selection,
}

impl Project {
    /// Reads `path` if given, else `concord.toml` in the current folder if there is one.
    pub fn discover(path: Option<&Path>) -> Result<Project, ConfigError> {
        match path {
            Some(p) => Project::read(p),
            None if Path::new(FILE_NAME).is_file() => Project::read(Path::new(FILE_NAME)),
            None => Ok(Project {
                builtin_rules: true,
                ..Project::default()
            }),
        }
    }

    pub fn read(path: &Path) -> Result<Project, ConfigError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| {
            ConfigError::plain(format!("{name}: cannot read the project file: {e}"))
        })?;
        Project::parse(&text, &name, path.parent().unwrap_or(Path::new("")))
    }

    /// Parses the text of a project file; `base` is the folder relative paths start from.
    pub fn parse(text: &str, name: &str, base: &Path) -> Result<Project, ConfigError> {
        let raw: RawProject =
            toml::from_str(text).map_err(|e| ConfigError::toml(name, text, &e))?;
        let resolve = |p: &String| {
            if base.as_os_str().is_empty() {
                PathBuf::from(p)
            } else {
                base.join(p)
            }
        };
        let mut severity = Vec::new();
        for (rule, level) in raw.rules.severity {
            let parsed: Severity = level
                .get_ref()
                .parse()
                .map_err(|e| ConfigError::at(name, text, level.span().start, e))?;
            severity.push((rule, parsed));
        }
        Ok(Project {
            file: Some(PathBuf::from(name)),
            paths: raw.paths.iter().map(resolve).collect(),
            extensions: raw
                .extensions
                .map(|e| e.into_iter().map(|x| x.to_ascii_lowercase()).collect()),
            rule_packs: raw.rule_packs.iter().map(resolve).collect(),
            builtin_rules: raw.builtin_rules.unwrap_or(true),
            selection: Selection {
                select: raw.rules.select,
                ignore: raw.rules.ignore,
                severity,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_point_at_their_line() {
        let err = Project::parse(
            "paths = [\"a\"]\n\n[rules]\nselcet = []\n",
            "concord.toml",
            Path::new(""),
        )
        .unwrap_err();
        assert_eq!((err.line, err.file.as_deref()), (4, Some("concord.toml")));
        assert!(err.message.contains("selcet"), "{}", err.message);
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let p = Project::parse("paths = [\"seeds\"]\n", "x/concord.toml", Path::new("x")).unwrap();
        assert_eq!(p.paths, vec![PathBuf::from("x/seeds")]);
    }
}
