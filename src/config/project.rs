//! The project file, `concord.toml`: given with `--config`, or else the nearest one found by
//! walking up from the first path linted (then from the current folder), as git finds `.git`.
//!
//! ```toml
//! paths = ["seeds"]              # what `concord check` reads when no path is given
//! extensions = ["txt", "md"]     # file kinds taken when walking folders
//! rule_packs = ["my-rules"]      # folders of extra rule packs (*.toml)
//! builtin_rules = true           # load the packs shipped with concord
//! exclude = ["drafts/**"]        # files a folder walk passes over (globs)
//! baseline = "concord.baseline.json"   # known findings `concord check` does not report
//! dialect = "british"            # the spelling convention: "american", "british" or "auto"
//!
//! [rules]
//! select = ["duplicate"]         # only these rules (names, codes or categories)
//! ignore = ["T002"]              # never these
//! [rules.severity]
//! near-duplicate-sentence = "info"
//!
//! [authority]                    # whom to believe when documents disagree
//! trusted = ["official/**"]
//! distrusted = ["mirrors/**"]
//!
//! [[ignore]]                     # a finding that is right on purpose
//! rule = "duplicate-sentence"    # a rule name or code
//! file = "history.md"            # a glob; without a `/` it matches the file name anywhere
//! text = "founded in 1921"       # optional: the primary label's text must contain this (any spacing)
//! ```
//!
//! Relative paths and globs are relative to the folder that holds the file. A glob is matched
//! against a document's path as concord shows it (and, failing that, its absolute path).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, Selection};
use crate::finding::Severity;

pub const FILE_NAME: &str = "concord.toml";

/// The values of `dialect`, as the spelling rules' parameter takes them.
const DIALECTS: &[&str] = &["american", "british", "auto"];

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
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    baseline: Option<String>,
    dialect: Option<Spanned<String>>,
    #[serde(default)]
    authority: RawAuthority,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawAuthority {
    #[serde(default)]
    trusted: Vec<Spanned<String>>,
    #[serde(default)]
    distrusted: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rule: Spanned<String>,
    file: Spanned<String>,
    text: Option<String>,
    /// Why the place is right on purpose; for the reader of the file only.
    #[allow(dead_code)]
    reason: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRules {
    #[serde(default)]
    select: Vec<Spanned<String>>,
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
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
    /// Files a folder walk passes over.
    pub exclude: Globs,
    /// The baseline file `concord check` reads unless `--baseline` names another.
    pub baseline: Option<PathBuf>,
    /// The spelling convention every rule with a `dialect` parameter takes, instead of the
    /// one its pack gives (by default each document's own, detected).
    pub dialect: Option<String>,
    pub authority: Authority,
    pub ignores: Vec<IgnoreEntry>,
}

/// Which documents to believe more when documents disagree.
#[derive(Debug, Clone, Default)]
pub struct Authority {
    pub trusted: Globs,
    pub distrusted: Globs,
}

impl Authority {
    pub fn is_empty(&self) -> bool {
        self.trusted.is_empty() && self.distrusted.is_empty()
    }
}

/// An `[[ignore]]` entry: findings of `rule` whose primary label lies in a file matching `file`
/// (and, if given, whose text contains `text`) are not reported.
#[derive(Debug, Clone)]
pub struct IgnoreEntry {
    /// A rule name or code.
    pub rule: String,
    pub file: Globs,
    pub text: Option<String>,
    /// Where the entry is written, as `file:line`, for messages about it.
    pub origin: String,
    /// Where its `rule` value is, for an error about an unknown rule.
    pub rule_at: (usize, usize),
}

/// A set of path globs from the project file, anchored at the file's folder.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    set: GlobSet,
    patterns: Vec<String>,
}

impl Globs {
    /// Compiles `patterns` (written relative to `base`). A pattern without a `/` matches a file
    /// name at any depth, as in `.gitignore`; one with a `/` is anchored at `base`.
    pub fn new(patterns: &[&str], base: &Path) -> Result<Globs, (usize, String)> {
        // Anchored at the absolute folder, so that a document matches however its path was
        // written (`a.md` from inside the folder, `../docs/a.md` from beside it).
        let base = absolute(base);
        let base = base.as_path();
        let mut builder = GlobSetBuilder::new();
        let mut anchored = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let p = p.strip_prefix("./").unwrap_or(p);
            let rooted = if p.contains('/') {
                p.to_string()
            } else {
                format!("**/{p}")
            };
            let full = if base.as_os_str().is_empty() || rooted.starts_with('/') {
                rooted
            } else {
                format!(
                    "{}/{rooted}",
                    base.to_string_lossy()
                        .replace('\\', "/")
                        .trim_end_matches('/')
                )
            };
            let glob = GlobBuilder::new(&full)
                .literal_separator(true)
                .build()
                .map_err(|e| (i, format!("bad glob `{p}`: {}", e.kind())))?;
            builder.add(glob);
            anchored.push(full);
        }
        let set = builder.build().map_err(|e| (0, e.to_string()))?;
        Ok(Globs {
            set,
            patterns: anchored,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// True when a document's path, as concord shows it, or made absolute or relative to the
    /// current folder, matches.
    pub fn matches(&self, path: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        let path = path.strip_prefix("./").unwrap_or(path);
        self.set.is_match(path) || self.set.is_match(absolute(Path::new(path)))
    }
}

/// `path` made absolute against the current folder, with `.` and `..` resolved by name (the
/// path need not exist).
pub fn absolute(path: &Path) -> PathBuf {
    use std::path::Component;
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` (absolute) as a path relative to the current folder where that is shorter to read:
/// `../concord.toml` rather than `/home/me/repo/concord.toml`.
fn relative_to_cwd(path: &Path) -> PathBuf {
    let Ok(cwd) = std::env::current_dir() else {
        return path.to_path_buf();
    };
    let cwd = absolute(&cwd);
    let mut up = PathBuf::new();
    for ancestor in cwd.ancestors() {
        if let Ok(rest) = path.strip_prefix(ancestor) {
            return up.join(rest);
        }
        up.push("..");
    }
    path.to_path_buf()
}

impl Project {
    /// Reads `path` if given; else the nearest `concord.toml` in the folder of the first of
    /// `linted` or above it, else in the current folder or above it; else the defaults.
    pub fn discover(path: Option<&Path>, linted: &[PathBuf]) -> Result<Project, ConfigError> {
        if let Some(p) = path {
            return Project::read(p);
        }
        let starts = linted
            .iter()
            .filter(|p| p.as_os_str() != "-")
            .take(1)
            .map(|p| {
                let p = absolute(p);
                if p.is_dir() {
                    p
                } else {
                    p.parent().map(Path::to_path_buf).unwrap_or(p)
                }
            })
            .chain(std::env::current_dir().ok().map(|d| absolute(&d)));
        for start in starts {
            if let Some(found) = start
                .ancestors()
                .map(|dir| dir.join(FILE_NAME))
                .find(|f| f.is_file())
            {
                return Project::read(&relative_to_cwd(&found));
            }
        }
        Ok(Project {
            builtin_rules: true,
            ..Project::default()
        })
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
        let severity_at: Vec<(String, usize)> = raw
            .rules
            .severity
            .iter()
            .map(|(rule, level)| (rule.clone(), level.span().start))
            .collect();
        for (rule, level) in raw.rules.severity {
            let parsed: Severity = level
                .get_ref()
                .parse()
                .map_err(|e| ConfigError::at(name, text, level.span().start, e))?;
            severity.push((rule, parsed));
        }
        let globs = |values: &[Spanned<String>]| {
            let patterns: Vec<&str> = values.iter().map(|v| v.get_ref().as_str()).collect();
            Globs::new(&patterns, base).map_err(|(i, message)| {
                let at = values.get(i).map_or(0, |v| v.span().start);
                ConfigError::at(name, text, at, message)
            })
        };
        if let Some(d) = &raw.dialect
            && !DIALECTS.contains(&d.get_ref().as_str())
        {
            return Err(ConfigError::at(
                name,
                text,
                d.span().start,
                format!(
                    "dialect must be \"american\", \"british\" or \"auto\", not \"{}\"",
                    d.get_ref()
                ),
            ));
        }
        let mut ignores = Vec::new();
        for entry in &raw.ignore {
            let at = entry.span().start;
            let line = ConfigError::at(name, text, at, "").line;
            let e = entry.get_ref();
            let rule_at = ConfigError::at(name, text, e.rule.span().start, "");
            ignores.push(IgnoreEntry {
                rule: e.rule.get_ref().clone(),
                file: globs(std::slice::from_ref(&e.file))?,
                text: e.text.clone().filter(|t| !t.is_empty()),
                origin: format!("{name}:{line}"),
                rule_at: (rule_at.line, rule_at.column),
            });
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
                places: raw
                    .rules
                    .select
                    .iter()
                    .chain(&raw.rules.ignore)
                    .map(|v| (v.get_ref().clone(), v.span().start))
                    .chain(severity_at)
                    .map(|(selector, at)| {
                        let e = ConfigError::at(name, text, at, "");
                        (selector, (e.line, e.column))
                    })
                    .collect(),
                file: Some(name.to_string()),
                select: raw
                    .rules
                    .select
                    .into_iter()
                    .map(|v| v.into_inner())
                    .collect(),
                ignore: raw
                    .rules
                    .ignore
                    .into_iter()
                    .map(|v| v.into_inner())
                    .collect(),
                severity,
            },
            exclude: globs(&raw.exclude)?,
            baseline: raw.baseline.as_ref().map(resolve),
            dialect: raw.dialect.map(Spanned::into_inner),
            authority: Authority {
                trusted: globs(&raw.authority.trusted)?,
                distrusted: globs(&raw.authority.distrusted)?,
            },
            ignores,
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
    fn globs_are_anchored_at_the_file_and_bare_names_match_anywhere() {
        let p = Project::parse(
            "[authority]\ntrusted = [\"official/**\"]\ndistrusted = [\"*.wiki\"]\n",
            "x/concord.toml",
            Path::new("x"),
        )
        .unwrap();
        assert!(p.authority.trusted.matches("x/official/a/b.md"));
        assert!(!p.authority.trusted.matches("official/b.md"));
        assert!(!p.authority.trusted.matches("x/unofficial/b.md"));
        assert!(p.authority.distrusted.matches("x/deep/er/page.wiki"));
        assert!(!p.authority.distrusted.matches("x/page.wiki.md"));
        let cwd = std::env::current_dir().unwrap();
        let absolute = cwd.join("x/official/c.md");
        assert!(p.authority.trusted.matches(&absolute.to_string_lossy()));
    }

    #[test]
    fn a_bad_glob_points_at_its_line() {
        let err = Project::parse(
            "paths = [\"a\"]\nexclude = [\"ok/**\", \"bad/[\"]\n",
            "concord.toml",
            Path::new(""),
        )
        .unwrap_err();
        assert_eq!(err.line, 2, "{err}");
        assert!(err.message.contains("bad/["), "{}", err.message);
    }

    #[test]
    fn ignore_entries_are_strict_and_know_their_line() {
        let p = Project::parse(
            "paths = []\n\n[[ignore]]\nrule = \"T001\"\nfile = \"a.md\"\ntext = \"the the\"\n",
            "concord.toml",
            Path::new(""),
        )
        .unwrap();
        assert_eq!(p.ignores.len(), 1);
        assert_eq!(p.ignores[0].origin, "concord.toml:3");
        assert!(p.ignores[0].file.matches("docs/a.md"));
        let err = Project::parse(
            "[[ignore]]\nrule = \"T001\"\nfiles = \"a.md\"\n",
            "concord.toml",
            Path::new(""),
        )
        .unwrap_err();
        assert!(err.message.contains("files"), "{}", err.message);
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let p = Project::parse("paths = [\"seeds\"]\n", "x/concord.toml", Path::new("x")).unwrap();
        assert_eq!(p.paths, vec![PathBuf::from("x/seeds")]);
    }
}
