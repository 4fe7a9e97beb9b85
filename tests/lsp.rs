//! The language server, spoken to as an editor would: JSON-RPC frames on the binary's standard
//! input, answers read from its standard output.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{ChildStdin, ChildStdout, Command, Stdio};

use serde_json::{Value, json};

fn send(to: &mut ChildStdin, message: Value) {
    let body = message.to_string();
    write!(to, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
    to.flush().unwrap();
}

fn receive(from: &mut BufReader<ChildStdout>) -> Value {
    let mut length = 0;
    loop {
        let mut line = String::new();
        assert!(from.read_line(&mut line).unwrap() > 0, "the server hung up");
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    from.read_exact(&mut body).unwrap();
    serde_json::from_slice(&body).unwrap()
}

/// Reads until a message satisfies `want`, and returns it.
fn until(from: &mut BufReader<ChildStdout>, want: impl Fn(&Value) -> bool) -> Value {
    loop {
        let m = receive(from);
        if want(&m) {
            return m;
        }
    }
}

/// A sentence from the Wikipedia article "Port of Tallinn"
/// (https://en.wikipedia.org/wiki/Port_of_Tallinn).
const PORT: &str = "The Port of Tallinn is the largest port authority in Estonia.";

#[test]
fn diagnostics_while_typing_with_the_corpus_on_disk_and_quick_fixes() {
    let dir = std::env::temp_dir().join(format!("concord-lsp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("docs")).unwrap();
    std::fs::write(dir.join("docs/b.md"), format!("# B\n\n{PORT}\n")).unwrap();
    std::fs::write(dir.join("docs/a.md"), "# A\n\nIt has five harbours.\n").unwrap();
    std::fs::write(
        dir.join("concord.toml"),
        "[rules]\nignore = [\"double-space\"]\n",
    )
    .unwrap();
    let root = format!("file://{}", dir.display());
    let a = format!("{root}/docs/a.md");

    let mut child = Command::new(env!("CARGO_BIN_EXE_concord"))
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());

    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
        "params": {"capabilities": {}, "rootUri": root, "processId": null}}),
    );
    let init = until(&mut output, |m| m["id"] == 1);
    assert_eq!(init["result"]["capabilities"]["textDocumentSync"], 1);
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    );

    // The document as on disk: nothing to say.
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
        "textDocument": {"uri": a, "languageId": "markdown", "version": 1,
                         "text": "# A\n\nIt has five harbours.\n"}}}),
    );
    let first = until(&mut output, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    assert_eq!(first["params"]["uri"], a);
    assert_eq!(first["params"]["diagnostics"], json!([]));

    // Typing a sentence that another document on disk has, a slip, and a double space that
    // concord.toml turns off.
    let text = format!("# A\n\nIt has five harbours harbours.  Ships.\n\n{PORT}\n");
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": {"uri": a, "version": 2}, "contentChanges": [{"text": text}]}}),
    );
    let published = until(&mut output, |m| {
        m["method"] == "textDocument/publishDiagnostics"
    });
    let diagnostics = published["params"]["diagnostics"]
        .as_array()
        .unwrap()
        .clone();
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"T001"), "{diagnostics:?}");
    assert!(
        !codes.contains(&"T008"),
        "concord.toml is honoured: {diagnostics:?}"
    );
    let duplicate = diagnostics
        .iter()
        .find(|d| d["code"] == "D001")
        .unwrap_or_else(|| panic!("{diagnostics:?}"));
    let related = &duplicate["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], format!("{root}/docs/b.md"));
    assert_eq!(related["range"]["start"]["line"], 2);

    // The slip's quick fix.
    let slip = diagnostics.iter().find(|d| d["code"] == "T001").unwrap();
    assert_eq!(slip["range"]["start"], json!({"line": 2, "character": 12}));
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction",
        "params": {"textDocument": {"uri": a}, "range": slip["range"],
                   "context": {"diagnostics": []}}}),
    );
    let actions = until(&mut output, |m| m["id"] == 2);
    let edit = &actions["result"][0]["edit"]["changes"][&a][0];
    assert_eq!(edit["newText"], "harbours");
    assert_eq!(edit["range"], slip["range"]);

    send(
        &mut input,
        json!({"jsonrpc": "2.0", "id": 3, "method": "shutdown", "params": null}),
    );
    until(&mut output, |m| m["id"] == 3);
    send(
        &mut input,
        json!({"jsonrpc": "2.0", "method": "exit", "params": null}),
    );
    assert!(child.wait().unwrap().success());
    let _ = std::fs::remove_dir_all(&dir);
}
