//! Loading: the paths named on the command line, folders walked in sorted order with ignore files
//! respected, each file checked to be UTF-8 text.
//!
//! A file named explicitly that cannot be read as text is an error; one met while walking a folder
//! is skipped with a warning, so one stray image does not stop a CI run over a whole corpus.

use std::fmt;
use std::path::{Path, PathBuf};

/// A document's name and raw text, before parsing.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// Which files a folder walk picks up.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// File extensions (without the dot, lowercase) taken when walking a folder.
    pub extensions: Vec<String>,
    /// Files a folder walk passes over (`exclude` in concord.toml); a file named explicitly is
    /// still read.
    pub exclude: crate::config::project::Globs,
}

impl Default for LoadOptions {
    fn default() -> Self {
        let extensions = [
            "txt",
            "md",
            "markdown",
            "text",
            "wiki",
            "mediawiki",
            "rst",
            "adoc",
        ];
        LoadOptions {
            extensions: extensions.iter().map(|e| e.to_string()).collect(),
            exclude: Default::default(),
        }
    }
}

#[derive(Debug)]
pub enum LoadError {
    Missing(PathBuf),
    Io(PathBuf, std::io::Error),
    Binary(PathBuf),
    InvalidUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    Walk(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Missing(p) => write!(f, "{}: no such file or folder", p.display()),
            LoadError::Io(p, e) => write!(f, "{}: cannot read: {e}", p.display()),
            LoadError::Binary(p) => {
                write!(
                    f,
                    "{}: looks like a binary file (it has a NUL byte), not a text document",
                    p.display()
                )
            }
            LoadError::InvalidUtf8 { path, line, column } => write!(
                f,
                "{}:{line}:{column}: not valid UTF-8; re-encode the file as UTF-8",
                path.display()
            ),
            LoadError::Walk(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// A file passed over while walking a folder.
#[derive(Debug)]
pub struct LoadWarning(pub LoadError);

impl fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skipped {}", self.0)
    }
}

/// Reads every document under `paths`, sorted by path and without duplicates.
pub fn load_sources(
    paths: &[PathBuf],
    options: &LoadOptions,
) -> Result<(Vec<Source>, Vec<LoadWarning>), LoadError> {
    let mut files: Vec<(PathBuf, bool)> = Vec::new();
    for path in paths {
        if !path.exists() {
            return Err(LoadError::Missing(path.clone()));
        }
        if path.is_dir() {
            for file in walk(path, options)? {
                files.push((file, false));
            }
        } else {
            files.push((path.clone(), true));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);

    let mut sources = Vec::with_capacity(files.len());
    let mut warnings = Vec::new();
    for (path, explicit) in files {
        match read_text(&path) {
            Ok(text) => sources.push(Source {
                name: display_name(&path),
                text,
            }),
            Err(e) if !explicit && !matches!(e, LoadError::Io(..)) => warnings.push(LoadWarning(e)),
            Err(e) => return Err(e),
        }
    }
    Ok((sources, warnings))
}

fn walk(root: &Path, options: &LoadOptions) -> Result<Vec<PathBuf>, LoadError> {
    let mut out = Vec::new();
    let walker = ignore::WalkBuilder::new(root)
        // Ignore files apply whether or not the corpus sits in a git checkout.
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = entry.map_err(|e| LoadError::Walk(e.to_string()))?;
        if !entry.file_type().is_some_and(|t| t.is_file()) {
            continue;
        }
        // `./a.txt` is shown and reported as `a.txt`.
        let path = entry.path().strip_prefix(".").unwrap_or(entry.path());
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        if ext.is_some_and(|e| options.extensions.contains(&e))
            && !options.exclude.matches(&display_name(path))
        {
            out.push(path.to_path_buf());
        }
    }
    Ok(out)
}

/// Reads a file as UTF-8 text. The BOM, if any, stays in the text so that every byte offset
/// concord reports is an offset into the file as it is on disk; the parser skips it.
pub fn read_text(path: &Path) -> Result<String, LoadError> {
    let bytes = std::fs::read(path).map_err(|e| LoadError::Io(path.to_path_buf(), e))?;
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err(LoadError::Binary(path.to_path_buf()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let before = &bytes[..valid];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        LoadError::InvalidUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })
}

fn display_name(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}
