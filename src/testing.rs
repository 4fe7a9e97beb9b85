//! Helpers for unit tests of check kinds: a rule from a few lines of TOML, run on a few texts.

use crate::checks::{self, Context};
use crate::config::{Rule, rules::parse_pack};
use crate::corpus::{Corpus, Source};
use crate::extract::Lexicon;
use crate::finding::Finding;

/// A rule from the body of a `[[rule]]` table; the documentation table is filled in.
pub fn rule(body: &str) -> Rule {
    let text = format!(
        "[[rule]]\n{body}\n[rule.doc]\nflags = \"x\"\nwhy = \"x\"\nexample = \"x\"\nfix = \"x\"\nlimits = \"x\"\n"
    );
    parse_pack(&text, "test.toml")
        .unwrap_or_else(|e| panic!("{e}"))
        .remove(0)
}

/// A rule shipped with concord, by name.
pub fn builtin_rule(name: &str) -> Rule {
    let mut set =
        crate::config::RuleSet::load(&[] as &[&str], true).expect("the shipped packs load");
    let i = set
        .rules
        .iter()
        .position(|r| r.name == name)
        .unwrap_or_else(|| panic!("no shipped rule `{name}`"));
    set.rules.swap_remove(i)
}

/// A corpus of documents named `doc0.txt`, `doc1.txt`, ... with the given texts.
pub fn corpus(texts: &[&str]) -> Corpus {
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source {
            name: format!("doc{i}.txt"),
            text: t.to_string(),
        })
        .collect();
    Corpus::build(sources, Lexicon::builtin())
}

/// Runs one rule over the texts.
pub fn findings(rule: &Rule, texts: &[&str]) -> Vec<Finding> {
    let corpus = corpus(texts);
    let cx = Context::new(&corpus, Lexicon::builtin());
    checks::run(&cx, std::slice::from_ref(rule))
}
