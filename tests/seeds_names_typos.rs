//! The seed documents, linted end to end with the shipped rules: the name-variant and typo
//! findings are exactly the known problems, each with its primary label on the wrong word.

use std::path::PathBuf;

use concord::config::RuleSet;
use concord::corpus::LoadOptions;
use concord::finding::Category;

const OWN_RULES: &[&str] = &[
    "confused-phrase",
    "double-space",
    "doubled-determiner",
    "misspelling",
    "misspelling-slip",
    "name-capitalisation",
    "name-variant",
    "name-word-swap",
    "prefix-slip",
    "repeated-word",
    "space-after-hyphen",
];

#[test]
fn seeds_give_the_known_name_variants_and_typos() {
    let rules = RuleSet::load(&[] as &[&str], true).expect("the shipped rule packs load");
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let outcome =
        concord::check(&[seeds], &LoadOptions::default(), &rules).expect("the seeds load");
    let mut found: Vec<(String, String)> = outcome
        .findings
        .iter()
        // Only the rules of these families that exist on this branch: rules merged in from
        // elsewhere are tested by their own suites.
        .filter(|f| matches!(f.category, Category::NameVariant | Category::Typo))
        .filter(|f| OWN_RULES.contains(&f.rule.as_str()))
        .map(|f| {
            let p = f.primary().expect("a finding has a label");
            let doc = outcome.corpus.doc(p.doc);
            let name = doc.name.rsplit('/').next().unwrap_or(&doc.name);
            (
                f.rule.clone(),
                format!("{}:{}", &name[..3], doc.slice(p.span)),
            )
        })
        .collect();
    found.sort();
    found.dedup();
    let expected = [
        ("confused-phrase", "003:muss destruction"),
        ("confused-phrase", "003:purpose of the present statue"),
        ("double-space", "003:of\u{a0} "),
        ("doubled-determiner", "001:the a"),
        ("misspelling", "003:equipments"),
        ("misspelling-slip", "001:locoated"),
        ("name-capitalisation", "000:department"),
        ("name-variant", "000:Baylar"),
        ("name-variant", "000:Jeyhan"),
        ("name-variant", "000:Mühafiz"),
        ("name-word-swap", "003:Interior"),
        ("prefix-slip", "003:ant"),
        ("repeated-word", "000:information information"),
        ("space-after-hyphen", "003:operatively- search"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(r, t)| (r.to_string(), t.to_string()))
        .collect();
    assert_eq!(found, expected);
}
