//! `concord init`: a commented starter concord.toml. It never overwrites: a project file that
//! exists holds someone's decisions.

use std::io::Write;
use std::path::Path;

use super::{EXIT_ERROR, Failure};

/// Every key is shown and explained; only what is safe everywhere is left active.
pub const STARTER: &str = r#"# concord.toml: settings for `concord check` and `concord report`.
# Every key is optional. `concord rules` lists the rules; `concord explain RULE` explains one.

# What concord reads when no path is given on the command line (files or folders).
# paths = ["docs"]

# Files a folder walk passes over. A glob without `/` matches a file name at any depth;
# one with `/` is relative to this file's folder.
exclude = ["drafts/**"]

# File kinds taken when walking folders.
# extensions = ["md", "txt"]

# Folders of your own rule packs (*.toml). The packs shipped with concord load too, unless
# `builtin_rules` is false.
# rule_packs = ["concord-rules"]
# builtin_rules = true

# Findings recorded by `concord check --write-baseline concord.baseline.json`; with this key
# set, `concord check` reports only findings that are not in it.
# baseline = "concord.baseline.json"

# The spelling convention, "american" or "british": whose correction a slip is given. Both
# conventions' spellings are always accepted. By default ("auto") each document's own.
# dialect = "auto"

[rules]
# Run only these rules, or never these: rule names, codes or categories.
# select = ["fact_conflict", "date_conflict", "duplicate"]
# ignore = ["T002"]

[rules.severity]
# Another severity for a rule, code or category: "error", "warning" or "info".
# near-duplicate-sentence = "info"

[authority]
# When documents disagree, concord marks the side in the least trusted document as the one to
# correct. Globs, as for `exclude`.
# trusted = ["official/**"]
# distrusted = ["mirrors/**"]

# A finding that is right on purpose. In a document, an HTML comment does the same:
# `<!-- concord: ignore RULE -->` on the line before the place, or at the end of its line.
# [[ignore]]
# rule = "duplicate-sentence"              # a rule name or code
# file = "history/*.md"                    # a glob, as for `exclude`
# text = "founded in 1921"                 # optional: the flagged text must contain this
# reason = "the history page quotes the charter word for word"
"#;

pub fn run(path: &Path) -> Result<u8, Failure> {
    if path.exists() {
        eprintln!(
            "error: {} already exists; concord init does not overwrite it (edit it, or move it away first)",
            path.display()
        );
        return Ok(EXIT_ERROR);
    }
    // `create_new` also refuses when the file appears between the check and the write.
    let mut file = std::fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Failure::Run(format!("{}: cannot create: {e}", path.display())))?;
    file.write_all(STARTER.as_bytes())
        .map_err(|e| Failure::Run(format!("{}: cannot write: {e}", path.display())))?;
    eprintln!(
        "concord: wrote {}; `concord check` reads it from this folder",
        path.display()
    );
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_file_is_a_valid_project_file() {
        let p = concord::config::Project::parse(STARTER, "concord.toml", Path::new(""))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(p.exclude.matches("drafts/a.md"));
        assert!(p.ignores.is_empty() && p.authority.is_empty() && p.baseline.is_none());
        // Uncommenting every example must still give a valid file.
        let all: String = STARTER
            .lines()
            .map(|l| {
                let l = l.strip_prefix("# ").unwrap_or(l);
                if l.contains(" = ") || l.starts_with('[') {
                    format!("{l}\n")
                } else {
                    String::new()
                }
            })
            .collect();
        let p = concord::config::Project::parse(&all, "concord.toml", Path::new(""))
            .unwrap_or_else(|e| panic!("{e}\n{all}"));
        assert_eq!(p.ignores.len(), 1);
        assert!(p.authority.trusted.matches("official/x.md"));
    }
}
