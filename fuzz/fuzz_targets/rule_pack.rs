//! A rule pack (`rules/*.toml` or a user's `--rules` folder) from arbitrary bytes: parsing never
//! panics, an error points inside the text, and a pack that parses runs over a small fixed
//! corpus (so user patterns and parameters reach the check kinds) without panicking.
#![no_main]

use std::sync::LazyLock;

use concord::config::rules::parse_pack;
use concord::corpus::{Corpus, Source};
use concord::extract::Lexicon;
use libfuzzer_sys::fuzz_target;

/// Built once: the documents the fuzzed rules run over.
static CORPUS: LazyLock<Corpus> = LazyLock::new(|| {
    let texts = [
        "# Harbour Ministry\n\nThe Harbour Ministry of Norland was founded on 3 May 1990. Ada Prinn has led it since 2019.\n\n1. one\n2. two\n4. four\n",
        "The Harbour Ministry was founded in 1991 and and is led by Ada Prin. It has three parts: the port office and the dock office.\n",
    ];
    let sources = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Source {
            name: format!("doc{i}.md"),
            text: t.to_string(),
        })
        .collect();
    Corpus::build(sources, Lexicon::builtin())
});

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match parse_pack(text, "fuzz.toml") {
        Ok(rules) => {
            let cx = concord::checks::Context::new(&CORPUS, Lexicon::builtin());
            let _ = concord::checks::run(&cx, &rules);
        }
        Err(e) => {
            assert!(e.line <= text.lines().count() + 1, "{e}");
            let _ = e.to_string();
        }
    }
});
