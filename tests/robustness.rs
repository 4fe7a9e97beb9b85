//! No input makes a rule panic: every shipped rule runs over the seeds and the test corpora with
//! their letters swapped for multi-byte ones in several ways, so that every byte offset a check
//! computes lands next to, or inside, a character of two or more bytes.

use std::path::Path;

use concord::checks::{Context, run};
use concord::config::RuleSet;
use concord::corpus::{Corpus, Source};
use concord::extract::Lexicon;

fn texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    let mut dirs = vec![root.join("seeds")];
    for entry in std::fs::read_dir(root.join("tests/corpora")).unwrap() {
        dirs.push(entry.unwrap().path());
    }
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn no_rule_panics_on_multibyte_letters_anywhere() {
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let swaps: [&[(char, &str)]; 3] = [
        &[('a', "á"), ('e', "ə"), ('o', "ö")],
        &[('i', "İ"), ('s', "Š"), ('t', "ț"), (' ', "\u{a0}")],
        &[('n', "ñ"), ('r', "ř"), ('.', "。"), (',', "，"), ('-', "–")],
    ];
    for swap in swaps {
        let sources: Vec<Source> = texts()
            .into_iter()
            .map(|(name, text)| {
                let text: String = text
                    .chars()
                    .map(|c| {
                        swap.iter()
                            .find(|(from, _)| *from == c)
                            .map_or(c.to_string(), |(_, to)| to.to_string())
                    })
                    .collect();
                Source { name, text }
            })
            .collect();
        let corpus = Corpus::build(sources, Lexicon::builtin());
        let findings = run(&Context::new(&corpus, Lexicon::builtin()), &rules.rules);
        for f in &findings {
            for l in &f.labels {
                let text = &corpus.doc(l.doc).text;
                assert!(text.is_char_boundary(l.span.start) && text.is_char_boundary(l.span.end));
            }
        }
    }
}

#[test]
fn enumerations_with_non_ascii_names_are_read() {
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let text =
        "The board consists of three members: Šarić, Ana and Ivo. It has two parts: é and b.";
    let corpus = Corpus::build(
        vec![Source {
            name: "a.txt".into(),
            text: text.into(),
        }],
        Lexicon::builtin(),
    );
    let findings = run(&Context::new(&corpus, Lexicon::builtin()), &rules.rules);
    assert!(
        findings.iter().all(|f| f.category.as_str() != "numeric"),
        "{findings:#?}"
    );
}
