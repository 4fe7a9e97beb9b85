//! The errata report: Markdown snapshots of a hand-made multi-document case (stable whatever
//! rules exist) and of the seeds, plus the facts that matter asserted directly.

use std::path::PathBuf;

use concord::config::RuleSet;
use concord::corpus::{Corpus, LoadOptions, Source, Span};
use concord::extract::Lexicon;
use concord::finding::{Category, Finding, Severity};
use concord::report::{ErrataFormat, Run, write_errata};

fn render(format: ErrataFormat, corpus: &Corpus, findings: &[Finding]) -> String {
    let run = Run {
        corpus,
        findings,
        rules: &[],
    };
    let mut out = Vec::new();
    write_errata(format, &run, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn snapshot(name: &str, text: &str) {
    insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => false}, {
        insta::assert_snapshot!(name, text);
    });
}

const OFFICIAL: &str = "# Harbour Authority\n\nInfobox\n- Chief: Anna Berg\n- Founded: 1921\n\nThe Harbour Authority was founded in 1921. It runs the *north* pier <and> the ferry.\n";
const WIKI: &str = "= Harbour Authority =\n\nThe authority has been led by Anna Borg since 2019. It was founded in 1912, after the great storm of the winter before, when the old pier was lost and the city council decided that a single body should run every berth, crane and ferry landing in the harbour.\n";
const NOTES: &str = "Notes on the harbour\n\n1. The the ferry leaves at noon.\n";

fn at(text: &str, needle: &str) -> Span {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in text"));
    Span::new(i, i + needle.len())
}

fn fixture() -> (Corpus, Vec<Finding>) {
    let sources = [
        ("official/harbour.md", OFFICIAL),
        ("notes.txt", NOTES),
        ("wiki/harbour.txt", WIKI),
    ]
    .into_iter()
    .map(|(name, text)| Source {
        name: name.into(),
        text: text.into(),
    })
    .collect();
    let corpus = Corpus::build(sources, Lexicon::builtin());
    let finding = |rule: &str, code: &str, category, severity, message: &str| Finding {
        rule: rule.into(),
        code: code.into(),
        category,
        severity,
        message: message.into(),
        labels: vec![],
        notes: vec![],
        suggestion: None,
        fix: None,
    };
    let findings = vec![
        finding(
            "founding-date-conflict",
            "C001",
            Category::DateConflict,
            Severity::Error,
            "founded in `1912` here but in `1921` in `official/harbour.md`",
        )
        .label(2, at(WIKI, "1912"), "says 1912")
        .label(0, at(OFFICIAL, "1921"), "the infobox says 1921")
        .label(0, at(OFFICIAL, "founded in 1921"), "the text agrees: 1921")
        .note("two places in `official/harbour.md` say 1921, one place here says 1912")
        .suggest("1921"),
        finding(
            "chief-name-variant",
            "N001",
            Category::NameVariant,
            Severity::Warning,
            "`Anna Borg` and `Anna Berg` look like one name spelt two ways",
        )
        .label(2, at(WIKI, "Anna Borg"), "spelt Borg")
        .label(0, at(OFFICIAL, "Anna Berg"), "spelt Berg")
        .suggest("Anna Berg"),
        finding(
            "repeated-word",
            "T001",
            Category::Typo,
            Severity::Warning,
            "`the` is written twice in a row",
        )
        .label(1, at(NOTES, "The the"), "the same word twice")
        .suggest("The"),
        finding(
            "odd-markup",
            "S009",
            Category::Structure,
            Severity::Info,
            "markup-like text `<and>` in prose",
        )
        .label(0, at(OFFICIAL, "<and>"), "looks like a tag")
        .note("angle brackets and *stars* must show as written"),
    ];
    (corpus, findings)
}

#[test]
fn markdown_errata_of_a_multi_document_case() {
    let (corpus, findings) = fixture();
    let md = render(ErrataFormat::Markdown, &corpus, &findings);
    snapshot("report__markdown_fixture", &md);
    // Most severe first: the error leads, in the group of the document it points at.
    let error = md
        .find("### <a id=\"E1\"></a>E1. Founding date conflict")
        .expect("the error is E1");
    let group = md
        .find("## Harbour Authority\n\n`wiki/harbour.txt`")
        .unwrap();
    assert!(group < error, "{md}");
    // Every side is quoted with its file and line, the span emphasised.
    assert!(md.contains("`official/harbour.md` line 5, column 12: the infobox says 1921"));
    assert!(md.contains("It was founded in **1912**, after the great storm"));
    // Document text is escaped: `*north*` and `<and>` show as written.
    assert!(
        md.contains(r"runs the \*north\* pier **\<and\>** the ferry."),
        "{md}"
    );
    // A suggestion that rewrites the label reads as a replacement.
    assert!(md.contains("**Proposed correction:** replace `1912` with `1921`"));
    assert!(md.contains("**Proposed correction:** replace `Anna Borg` with `Anna Berg`"));
}

#[test]
fn html_errata_escapes_everything_and_lists_every_finding() {
    let (corpus, findings) = fixture();
    let html = render(ErrataFormat::Html, &corpus, &findings);
    assert_eq!(
        html.matches("<tr class=\"finding-row\"").count(),
        findings.len()
    );
    assert_eq!(
        html.matches("<article class=\"entry").count(),
        findings.len()
    );
    assert!(
        html.contains("pier <mark>&lt;and&gt;</mark> the ferry"),
        "{html}"
    );
    assert!(!html.contains("<and>"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network"
    );
    assert!(html.contains("replace <del>1912</del> with <ins>1921</ins>"));
}

#[test]
fn an_empty_run_says_so() {
    let (corpus, _) = fixture();
    let md = render(ErrataFormat::Markdown, &corpus, &[]);
    assert_eq!(
        md,
        format!(
            "<!-- {} -->\n# Errata\n\nconcord found no problems in 3 documents.\n",
            concord::corpus::GENERATED_MARKER
        )
    );
}

#[test]
fn markdown_errata_of_the_seeds() {
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let outcome = concord::check(
        &[PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds")],
        &LoadOptions::default(),
        &rules,
    )
    .unwrap();
    let run = Run {
        corpus: &outcome.corpus,
        findings: &outcome.findings,
        rules: &rules.rules,
    };
    let mut out = Vec::new();
    write_errata(ErrataFormat::Markdown, &run, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains("## About the rules"));
    // File names are absolute here; the snapshot shows them relative to the repository.
    let root = format!("{}/", env!("CARGO_MANIFEST_DIR"));
    let md = md.replace(&root, "");
    assert!(!outcome.findings.is_empty());
    for i in 1..=outcome.findings.len() {
        assert!(
            md.contains(&format!("<a id=\"E{i}\"></a>E{i}. ")),
            "entry E{i} missing"
        );
    }
    snapshot("report__markdown_seeds", &md);
}

/// Document text that looks like Markdown reads back exactly as written once a CommonMark
/// parser has rendered the errata, with the label's text (and only it) in bold.
#[test]
fn quoted_text_survives_a_markdown_parser() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let lines = [
        "*stars* and _under_ here",
        "[link](http://x) <b>tag</b> &amp; done",
        "`tick` costs $5 to $x$ | pipe ~~del~~ !",
        "1. a list",
        "- a dash",
        "# hash",
        "back\\slash and \\*",
    ];
    for line in lines {
        let text = format!("{line}\n");
        let corpus = Corpus::build(
            vec![Source {
                name: "a.md".into(),
                text: text.clone(),
            }],
            Lexicon::builtin(),
        );
        // The whole line, and from its second word to its end.
        let second = line.find(' ').unwrap() + 1;
        for span in [Span::new(0, line.len()), Span::new(second, line.len())] {
            let finding = Finding {
                rule: "r".into(),
                code: "X001".into(),
                category: Category::Typo,
                severity: Severity::Warning,
                message: "m".into(),
                labels: vec![],
                notes: vec![],
                suggestion: None,
                fix: None,
            }
            .label(0, span, "here");
            let md = render(ErrataFormat::Markdown, &corpus, &[finding]);
            let x = concord::report::errata::excerpt(corpus.doc(0), span);
            let (mut quoted, mut bold) = (String::new(), String::new());
            let (mut in_quote, mut in_bold) = (false, false);
            for event in Parser::new(&md) {
                match event {
                    Event::Start(Tag::BlockQuote(_)) => in_quote = true,
                    Event::End(TagEnd::BlockQuote(_)) => in_quote = false,
                    Event::Start(Tag::Strong) => in_bold = true,
                    Event::End(TagEnd::Strong) => in_bold = false,
                    Event::Text(t) | Event::Code(t) if in_quote => {
                        quoted.push_str(&t);
                        if in_bold {
                            bold.push_str(&t);
                        }
                    }
                    Event::Html(h) | Event::InlineHtml(h) if in_quote => {
                        panic!("{line:?} became HTML {h:?}")
                    }
                    _ => {}
                }
            }
            assert_eq!(quoted, format!("{}{}{}", x.before, x.span, x.after), "{md}");
            assert_eq!(bold, line[span.start..span.end], "{md}");
        }
    }
}
