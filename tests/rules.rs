//! Every shipped rule: its examples give the findings they promise, its documentation has every
//! heading, and its messages follow the house style.

use concord::config::RuleSet;
use concord::corpus::{Corpus, Source};
use concord::extract::Lexicon;

fn builtin() -> RuleSet {
    RuleSet::load(&[] as &[&str], true).expect("the shipped rule packs load")
}

#[test]
fn every_rule_example_gives_its_findings() {
    let rules = builtin();
    let mut failures = Vec::new();
    for rule in &rules.rules {
        assert!(
            !rule.examples.is_empty(),
            "rule `{}` has no examples",
            rule.name
        );
        assert!(
            rule.examples.iter().any(|e| e.findings > 0),
            "rule `{}` has no example that fires",
            rule.name
        );
        assert!(
            rule.examples.iter().any(|e| e.findings == 0),
            "rule `{}` has no near miss that stays silent",
            rule.name
        );
        for (i, example) in rule.examples.iter().enumerate() {
            let sources = example
                .docs
                .iter()
                .enumerate()
                .map(|(d, text)| Source {
                    name: format!("example{d}.txt"),
                    text: text.clone(),
                })
                .collect();
            let corpus = Corpus::build(sources, Lexicon::builtin());
            let found = concord::checks::run(
                &concord::checks::Context::new(&corpus, Lexicon::builtin()),
                std::slice::from_ref(rule),
            );
            if found.len() != example.findings {
                failures.push(format!(
                    "{} example {} ({}): expected {} findings, got {}: {:?}",
                    rule.name,
                    i + 1,
                    example.note,
                    example.findings,
                    found.len(),
                    found.iter().map(|f| &f.message).collect::<Vec<_>>()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_rule_is_documented_under_every_heading() {
    for rule in &builtin().rules {
        let d = &rule.doc;
        for (heading, text) in [
            ("flags", &d.flags),
            ("why", &d.why),
            ("example", &d.example),
            ("fix", &d.fix),
            ("limits", &d.limits),
        ] {
            assert!(
                text.trim().len() >= 10,
                "rule `{}`: doc.{heading} is missing or too short",
                rule.name
            );
        }
        assert!(
            !rule.kind.params.is_empty(),
            "check kind `{}` documents no parameters",
            rule.kind.name
        );
    }
}

/// Messages are one line, start in lowercase, end without a period, and quote what they name in
/// backticks; help is imperative (it starts with a verb, so not with an article).
#[test]
fn messages_follow_the_convention() {
    for rule in &builtin().rules {
        let m = &rule.message;
        let name = &rule.name;
        assert!(!m.contains('\n'), "`{name}`: message spans lines");
        assert!(
            m.chars()
                .next()
                .is_some_and(|c| c.is_lowercase() || c == '`'),
            "`{name}`: message must start in lowercase: {m}"
        );
        assert!(
            !m.ends_with('.'),
            "`{name}`: message must not end with a period: {m}"
        );
        assert!(
            m.contains('`'),
            "`{name}`: message must quote what it names in backticks: {m}"
        );
        if let Some(help) = &rule.help {
            let first = help.split_whitespace().next().unwrap_or("");
            assert!(
                !["the", "a", "an", "this", "it"].contains(&first.to_lowercase().as_str()),
                "`{name}`: help must be imperative: {help}"
            );
            assert!(
                !help.ends_with('.'),
                "`{name}`: help must not end with a period: {help}"
            );
        }
    }
}

#[test]
fn codes_carry_their_family_letter() {
    for rule in &builtin().rules {
        let expected = match rule.category.as_str() {
            "fact_conflict" => 'F',
            "date_conflict" => 'E',
            "duplicate" => 'D',
            "name_variant" => 'N',
            "typo" => 'T',
            "grammar" => 'G',
            "numeric" => 'M',
            "structure" => 'S',
            "consistency" => 'C',
            other => panic!("unknown category {other}"),
        };
        assert!(
            rule.code.starts_with(expected),
            "`{}` has code {} but category {}",
            rule.name,
            rule.code,
            rule.category
        );
    }
}
