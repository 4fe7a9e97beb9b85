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

/// The seeds, with terminal controls and direction overrides put next to words: a clear of the
/// screen, a colour, a bell and a backspace, a right-to-left override and its end, a C1 CSI.
fn hostile_corpus() -> Corpus {
    let hostile = [
        "\u{1b}[2J",
        "\u{1b}[31m",
        "\u{7}\u{8}",
        "\u{202e}",
        "\u{202c}",
        "\u{9b}1m",
    ];
    let sources = texts()
        .into_iter()
        .filter(|(name, _)| name.contains("seeds"))
        .map(|(name, text)| {
            let mut out = String::new();
            for (i, word) in text.split(' ').enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                if i % 7 == 3 {
                    out.push_str(hostile[i % hostile.len()]);
                }
                out.push_str(word);
            }
            Source {
                name: format!("{name}\u{1b}]0;title\u{7}"),
                text: out,
            }
        })
        .collect();
    Corpus::build(sources, Lexicon::builtin())
}

#[test]
fn no_human_readable_output_carries_a_raw_control_or_override() {
    use concord::report::{self, ColorChoice, ErrataFormat, Format, Run};
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let corpus = hostile_corpus();
    let findings = run(&Context::new(&corpus, Lexicon::builtin()), &rules.rules);
    assert!(findings.len() > 10, "{}", findings.len());
    let run = Run {
        corpus: &corpus,
        findings: &findings,
        rules: &rules.rules,
    };
    let mut outputs = Vec::new();
    let mut terminal = Vec::new();
    report::write(Format::Terminal, &run, ColorChoice::Never, &mut terminal).unwrap();
    outputs.push(("terminal", terminal));
    for (name, format) in [
        ("markdown", ErrataFormat::Markdown),
        ("html", ErrataFormat::Html),
    ] {
        let mut out = Vec::new();
        report::write_errata(format, &run, &mut out).unwrap();
        outputs.push((name, out));
    }
    for (name, out) in outputs {
        let out = String::from_utf8(out).unwrap();
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| concord::report::is_unsafe(c))
            .collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
        // What was there is shown, not dropped.
        assert!(
            out.contains("\\u{1b}") && out.contains("\\u{202e}"),
            "{name}"
        );
    }
}

#[test]
fn escapes_in_excerpts_keep_carets_under_the_words() {
    use concord::report::{self, ColorChoice, Format, Run};
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let text = "Ada Prinn met \u{1b}[31m the the \u{7}minister of \u{202e}Norland.\n";
    let corpus = Corpus::build(
        vec![Source {
            name: "a.txt".into(),
            text: text.into(),
        }],
        Lexicon::builtin(),
    );
    let findings = run(&Context::new(&corpus, Lexicon::builtin()), &rules.rules);
    let repeat = findings
        .iter()
        .find(|f| f.code == "T001")
        .expect("a repeated word");
    let run = Run {
        corpus: &corpus,
        findings: std::slice::from_ref(repeat),
        rules: &rules.rules,
    };
    let mut out = Vec::new();
    report::write(Format::Terminal, &run, ColorChoice::Never, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    let source = lines.iter().find(|l| l.contains("the the")).unwrap();
    let carets = lines.iter().find(|l| l.contains('^')).unwrap();
    // The carets stand under `the the` as shown, escapes and all (all ASCII up to there).
    let at = source.find("the the").unwrap();
    assert_eq!(carets.find('^'), Some(at), "{out}");
    // The header keeps the column of the real file: `the` is the 21st character.
    assert!(out.contains("a.txt:1:21"), "{out}");
}
