//! The document pipeline on arbitrary bytes: split on 0xFF (a byte UTF-8 never holds) into up to
//! four documents, each decoded as `concord check` decodes a file, then every shipped rule, then
//! every reporter. Properties: nothing panics, every label lies on character boundaries of its
//! document, and no human-readable output carries a raw control character from a document.
//!
//! The rule set is loaded once, outside the loop: patterns compile once per process, so an
//! iteration costs the analysis of the input only.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use concord::config::RuleSet;
use concord::corpus::{Corpus, Source, decode};
use concord::extract::Lexicon;
use concord::report::{self, ColorChoice, ErrataFormat, Format, Run};
use libfuzzer_sys::fuzz_target;

static RULES: LazyLock<RuleSet> =
    LazyLock::new(|| RuleSet::load(&[] as &[&str], true).expect("the shipped rules load"));

fuzz_target!(|data: &[u8]| {
    let rules = &*RULES;
    let lexicon = Lexicon::builtin();
    let sources: Vec<Source> = data
        .split(|&b| b == 0xFF)
        .take(4)
        .enumerate()
        .filter_map(|(i, part)| {
            let text = decode(Path::new("fuzz.md"), part.to_vec()).ok()?;
            Some(Source {
                name: format!("doc{i}.md"),
                text,
            })
        })
        .collect();
    let corpus = Corpus::build(sources, lexicon);
    let findings = concord::check_corpus(&corpus, lexicon, rules);
    for f in &findings {
        for l in &f.labels {
            let text = &corpus.doc(l.doc).text;
            assert!(l.span.start <= l.span.end && l.span.end <= text.len());
            assert!(text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
        }
    }
    let run = Run {
        corpus: &corpus,
        findings: &findings,
        rules: &rules.rules,
    };
    let mut out = Vec::new();
    report::write(Format::Terminal, &run, ColorChoice::Never, &mut out).unwrap();
    let terminal = String::from_utf8(out).expect("terminal output is UTF-8");
    assert!(
        !terminal.chars().any(report::is_unsafe),
        "a raw control character reached the terminal"
    );
    for format in [Format::Json, Format::Sarif, Format::Github] {
        report::write(format, &run, ColorChoice::Never, &mut Vec::new()).unwrap();
    }
    for format in [ErrataFormat::Markdown, ErrataFormat::Html] {
        report::write_errata(format, &run, &mut Vec::new()).unwrap();
    }
});
