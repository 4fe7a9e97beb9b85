//! `concord lsp`: a language server over standard input and output (`lsp-server`, the
//! synchronous server of rust-analyzer, with `lsp-types`).
//!
//! Open documents are linted as their editors hold them, against the rest of the corpus as it
//! is on disk (the project's `paths`, else the workspace folder), so an edit that creates a
//! conflict with another document shows while typing. Each finding with a label in an open
//! document becomes a diagnostic there; its other labels are `relatedInformation`. A finding
//! with a structured fix offers it as a quick fix (a code action). The nearest `concord.toml`
//! above the workspace is honoured: rule packs, selection, severities, excludes, suppressions
//! and source authority. Text is synced in full on every change; columns count UTF-16 units, as
//! the protocol asks.

use std::collections::BTreeMap;
use std::error::Error;
use std::path::{Path, PathBuf};

use lsp_server::{Connection, Message, Notification, Request, Response};
use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, InitializeParams, Location,
    NumberOrString, Position, PublishDiagnosticsParams, Range, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextEdit, Uri, WorkspaceEdit,
};

use crate::config::{ConfigError, Project, RuleSet};
use crate::corpus::{Corpus, LoadOptions, Span};
use crate::finding::{Finding, Severity};
use crate::{Buffer, config::project::absolute};

/// A quick fix offered on a range of an open document.
struct Action {
    range: Range,
    title: String,
    edits: BTreeMap<PathBuf, Vec<TextEdit>>,
    diagnostic: Diagnostic,
}

struct Server {
    root: Option<PathBuf>,
    /// Open documents by absolute path: their editor's text and URI.
    open: BTreeMap<PathBuf, (Uri, String)>,
    actions: BTreeMap<PathBuf, Vec<Action>>,
}

/// Serves one client over standard input and output until it asks to shut down.
pub fn serve_stdio() -> Result<(), Box<dyn Error + Sync + Send>> {
    let (connection, threads) = Connection::stdio();
    serve(&connection)?;
    // The writer thread ends when the last sender is gone.
    drop(connection);
    threads.join()?;
    Ok(())
}

/// Serves one client on `connection`.
pub fn serve(connection: &Connection) -> Result<(), Box<dyn Error + Sync + Send>> {
    let capabilities = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        code_action_provider: Some(lsp_types::CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let params = connection.initialize(serde_json::to_value(capabilities)?)?;
    let params: InitializeParams = serde_json::from_value(params)?;
    #[allow(deprecated)] // `root_uri` is what older clients send.
    let root = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri)
        .and_then(|u| path_of(&u));
    let mut server = Server {
        root,
        open: BTreeMap::new(),
        actions: BTreeMap::new(),
    };
    for message in &connection.receiver {
        match message {
            Message::Request(request) => {
                if connection.handle_shutdown(&request)? {
                    return Ok(());
                }
                let response = server.request(request);
                connection.sender.send(Message::Response(response))?;
            }
            Message::Notification(n) => {
                if server.notification(n)? {
                    for note in server.lint() {
                        connection.sender.send(Message::Notification(note))?;
                    }
                }
            }
            Message::Response(_) => {}
        }
    }
    Ok(())
}

impl Server {
    /// Handles a notification; true when the diagnostics must be computed again.
    fn notification(&mut self, n: Notification) -> Result<bool, serde_json::Error> {
        match n.method.as_str() {
            "textDocument/didOpen" => {
                let p: DidOpenTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.open
                        .insert(path, (p.text_document.uri, p.text_document.text));
                }
                Ok(true)
            }
            "textDocument/didChange" => {
                let p: DidChangeTextDocumentParams = serde_json::from_value(n.params)?;
                // Full sync: the last change holds the whole text.
                if let (Some(path), Some(change)) = (
                    path_of(&p.text_document.uri),
                    p.content_changes.into_iter().last(),
                ) {
                    self.open.insert(path, (p.text_document.uri, change.text));
                }
                Ok(true)
            }
            "textDocument/didSave" => Ok(true),
            "textDocument/didClose" => {
                let p: DidCloseTextDocumentParams = serde_json::from_value(n.params)?;
                if let Some(path) = path_of(&p.text_document.uri) {
                    self.open.remove(&path);
                    self.actions.remove(&path);
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    fn request(&mut self, request: Request) -> Response {
        if request.method != "textDocument/codeAction" {
            return Response::new_err(
                request.id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("concord does not answer `{}`", request.method),
            );
        }
        let params: CodeActionParams = match serde_json::from_value(request.params) {
            Ok(p) => p,
            Err(e) => {
                return Response::new_err(
                    request.id,
                    lsp_server::ErrorCode::InvalidParams as i32,
                    e.to_string(),
                );
            }
        };
        let wanted = params.range;
        let mut out: Vec<CodeActionOrCommand> = Vec::new();
        let path = path_of(&params.text_document.uri);
        for a in path.iter().flat_map(|p| self.actions.get(p)).flatten() {
            if a.range.start > wanted.end || wanted.start > a.range.end {
                continue;
            }
            // lsp-types keys `changes` by `Uri`, whose cached parse is a Cell that its hash
            // and equality never read.
            #[allow(clippy::mutable_key_type)]
            let changes = a
                .edits
                .iter()
                .filter_map(|(p, e)| Some((uri_of(p)?, e.clone())))
                .collect();
            out.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: a.title.clone(),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![a.diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(changes),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: Some(true),
                ..CodeAction::default()
            }));
        }
        Response::new_ok(request.id, out)
    }

    /// Lints the corpus with the open documents in it; one `publishDiagnostics` per open
    /// document (a configuration or load error is shown on each, at its first line).
    fn lint(&mut self) -> Vec<Notification> {
        self.actions.clear();
        let mut by_path: BTreeMap<PathBuf, Vec<Diagnostic>> =
            self.open.keys().map(|p| (p.clone(), Vec::new())).collect();
        match self.findings() {
            Ok((corpus, findings)) => {
                for f in &findings {
                    self.diagnose(&corpus, f, &mut by_path);
                }
            }
            Err(message) => {
                for list in by_path.values_mut() {
                    list.push(Diagnostic {
                        severity: Some(DiagnosticSeverity::ERROR),
                        source: Some("concord".into()),
                        message: message.clone(),
                        ..Diagnostic::default()
                    });
                }
            }
        }
        by_path
            .into_iter()
            .filter_map(|(path, diagnostics)| {
                let (uri, _) = self.open.get(&path)?;
                Some(Notification::new(
                    "textDocument/publishDiagnostics".into(),
                    PublishDiagnosticsParams {
                        uri: uri.clone(),
                        diagnostics,
                        version: None,
                    },
                ))
            })
            .collect()
    }

    fn findings(&self) -> Result<(Corpus, Vec<Finding>), String> {
        let first_open: Vec<PathBuf> = self.open.keys().take(1).cloned().collect();
        let start = self.root.clone().map(|r| vec![r]).unwrap_or(first_open);
        let (project, rules) = setup(&start).map_err(|e| e.to_string())?;
        let paths = if !project.paths.is_empty() {
            project.paths.clone()
        } else if let Some(root) = &self.root {
            vec![root.clone()]
        } else {
            start
                .iter()
                .filter_map(|p| p.parent().map(Path::to_path_buf))
                .collect()
        };
        let mut options = LoadOptions::default();
        if let Some(ext) = &project.extensions {
            options.extensions = ext.clone();
        }
        options.exclude = project.exclude.clone();
        let buffers = self
            .open
            .iter()
            .map(|(path, (_, text))| Buffer {
                path: path.clone(),
                text: text.clone(),
            })
            .collect();
        let outcome = crate::check_buffers(&paths, &options, &rules, buffers, &mut |_| {})
            .map_err(|e| e.to_string())?;
        let mut findings = outcome.findings;
        crate::authority::apply(&mut findings, &outcome.corpus, &project.authority);
        let kept =
            crate::suppress::apply(findings, &outcome.corpus, &project.ignores, &rules.rules).kept;
        Ok((outcome.corpus, kept))
    }

    /// The diagnostic of `f` in each open document it has a label in, and its quick fix.
    fn diagnose(
        &mut self,
        corpus: &Corpus,
        f: &Finding,
        by_path: &mut BTreeMap<PathBuf, Vec<Diagnostic>>,
    ) {
        let path_of_doc = |doc: usize| absolute(Path::new(&corpus.doc(doc).name));
        for (i, label) in f.labels.iter().enumerate() {
            let path = path_of_doc(label.doc);
            let Some(list) = by_path.get_mut(&path) else {
                continue;
            };
            // One diagnostic per document: at its first label there.
            if f.labels[..i].iter().any(|l| l.doc == label.doc) {
                continue;
            }
            let related = f
                .labels
                .iter()
                .filter(|l| !std::ptr::eq(*l, label))
                .filter_map(|l| {
                    Some(DiagnosticRelatedInformation {
                        location: Location {
                            uri: uri_of(&path_of_doc(l.doc))?,
                            range: range(corpus, l.doc, l.span),
                        },
                        message: if l.message.is_empty() {
                            f.message.clone()
                        } else {
                            l.message.clone()
                        },
                    })
                })
                .collect::<Vec<_>>();
            let mut message = f.message.clone();
            if !label.message.is_empty() && !label.primary {
                message.push_str(&format!(" ({})", label.message));
            }
            if let Some(s) = &f.suggestion {
                message.push_str(&format!("\nsuggestion: {s}"));
            }
            let diagnostic = Diagnostic {
                range: range(corpus, label.doc, label.span),
                severity: Some(match f.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                    Severity::Info => DiagnosticSeverity::INFORMATION,
                }),
                code: Some(NumberOrString::String(f.code.clone())),
                source: Some("concord".into()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Diagnostic::default()
            };
            if let Some(fix) = &f.fix {
                let mut edits: BTreeMap<PathBuf, Vec<TextEdit>> = BTreeMap::new();
                for e in &fix.edits {
                    edits.entry(path_of_doc(e.doc)).or_default().push(TextEdit {
                        range: range(corpus, e.doc, e.span),
                        new_text: e.replacement.clone(),
                    });
                }
                let title = match &f.suggestion {
                    Some(s) => format!("{}: replace with `{s}`", f.rule),
                    None => format!("{}: apply the fix", f.rule),
                };
                self.actions.entry(path.clone()).or_default().push(Action {
                    range: diagnostic.range,
                    title,
                    edits,
                    diagnostic: diagnostic.clone(),
                });
            }
            list.push(diagnostic);
        }
    }
}

/// The project and rules for documents under `start`, as `concord check` would load them.
fn setup(start: &[PathBuf]) -> Result<(Project, RuleSet), ConfigError> {
    let project = Project::discover(None, start)?;
    let mut rules = RuleSet::load(&project.rule_packs, project.builtin_rules)?;
    crate::suppress::validate(&project.ignores, &rules.rules)?;
    if let Some(dialect) = &project.dialect {
        rules.set_param("dialect", dialect)?;
    }
    rules.apply(&project.selection)?;
    Ok((project, rules))
}

/// The protocol's range of `span` in document `doc`: lines from 0, columns in UTF-16 units.
fn range(corpus: &Corpus, doc: usize, span: Span) -> Range {
    let d = corpus.doc(doc);
    let position = |offset: usize| {
        let line = d.line_index(offset);
        let start = d.line_span(line).start;
        let end = offset.clamp(start, d.text.len());
        let character = d.text[start..end].encode_utf16().count();
        Position::new(line as u32, character as u32)
    };
    Range::new(position(span.start), position(span.end))
}

/// The file a `file://` URI names.
fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    let bytes = rest.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = rest
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(absolute(Path::new(&String::from_utf8(out).ok()?)))
}

/// The `file://` URI of an absolute path.
fn uri_of(path: &Path) -> Option<Uri> {
    let mut s = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_and_paths_round_trip_with_escapes() {
        let path = PathBuf::from("/tmp/my notes é#1.md");
        let uri = uri_of(&path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/my%20notes%20%C3%A9%231.md");
        assert_eq!(path_of(&uri), Some(path));
        assert_eq!(path_of(&"untitled:x".parse().unwrap()), None);
    }
}
