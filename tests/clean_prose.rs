//! Clean published prose (`tests/corpora/clean_prose`: State of the Union addresses and two
//! chapters of Moby-Dick, all public domain), linted with the shipped rules. The typo and
//! grammar findings are pinned both ways, each with its verdict: a slip the transcription really
//! has, or a false alarm. A new finding fails the test, and so does a listed one that is gone,
//! so the list of false alarms can only shrink.

// Only the report reader is used here; the gold lists are for the scored corpora.
#[allow(dead_code)]
mod gold;

use std::path::PathBuf;

/// Whether a finding points at a real slip of the text or is a false alarm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Slip,
    FalseAlarm,
}
use Verdict::{FalseAlarm, Slip};

/// (rule, file, the text of the primary label, how many times, verdict, why).
const KNOWN: &[(&str, &str, &str, usize, Verdict, &str)] = &[
    (
        "misspelling",
        "1801_thomas_jefferson_dr.txt",
        "intrusted",
        1,
        FalseAlarm,
        "the older spelling of `entrusted`",
    ),
    (
        "repeated-word",
        "1830_andrew_jackson_d.txt",
        "it it",
        1,
        FalseAlarm,
        "`whose right it is to fix it it be deemed`: two clauses meet after a verb",
    ),
    (
        "misspelling",
        "1830_andrew_jackson_d.txt",
        "intrusted",
        5,
        FalseAlarm,
        "the older spelling of `entrusted`",
    ),
    (
        "misspelling",
        "1830_andrew_jackson_d.txt",
        "inconsistence",
        1,
        FalseAlarm,
        "an older form of `inconsistency`",
    ),
    (
        "missing-auxiliary",
        "1830_andrew_jackson_d.txt",
        "been",
        1,
        FalseAlarm,
        "`Congress-had it been`: an inversion after a dash glued to the word before",
    ),
    (
        "misspelling-slip",
        "1830_andrew_jackson_d.txt",
        "jeoparded",
        1,
        FalseAlarm,
        "an older verb, `to jeopard`",
    ),
    (
        "misspelling",
        "1830_andrew_jackson_d.txt",
        "harrassing",
        1,
        Slip,
        "`harassing`",
    ),
    (
        "misspelling-slip",
        "1901_theodore_roosevelt_r.txt",
        "jeoparded",
        1,
        FalseAlarm,
        "an older verb, `to jeopard`",
    ),
    (
        "misspelling-slip",
        "1961_john_f_kennedy_d.txt",
        "progreso",
        1,
        FalseAlarm,
        "Spanish: `alianza para progreso`",
    ),
    (
        "space-after-hyphen",
        "1961_john_f_kennedy_d.txt",
        "non- communist",
        1,
        Slip,
        "a line-break hyphen left in",
    ),
    (
        "misspelling-slip",
        "1994_william_j_clinton_d.txt",
        "Kazahkstan",
        1,
        Slip,
        "`Kazakhstan`",
    ),
    (
        "misspelling-slip",
        "2021_joseph_r_biden_d.txt",
        "exstrenuously",
        1,
        Slip,
        "the speaker's word, marked [sic] by the transcript",
    ),
    (
        "misspelling-slip",
        "moby_dick_chapter_1.txt",
        "Coenties",
        1,
        FalseAlarm,
        "a place, Coenties Slip",
    ),
    (
        "misspelling-slip",
        "moby_dick_chapter_42.txt",
        "eternam",
        1,
        FalseAlarm,
        "Latin",
    ),
    (
        "misspelling-slip",
        "moby_dick_chapter_42.txt",
        "stampedoes",
        1,
        FalseAlarm,
        "Melville's plural",
    ),
    (
        "misspelling-slip",
        "moby_dick_chapter_42.txt",
        "adroop",
        1,
        FalseAlarm,
        "Melville's word",
    ),
];

#[test]
fn clean_prose_findings_are_pinned() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpora/clean_prose");
    let found = gold::check(&["--select", "typo,grammar"], &dir);
    let mut seen: Vec<(String, String, String)> = found
        .iter()
        .map(|d| {
            let (file, start, end) = &d.labels[0];
            let text = std::fs::read(dir.join(file)).expect("a corpus file reads");
            let word = String::from_utf8_lossy(&text[*start..*end]).into_owned();
            (d.rule.clone(), file.clone(), word)
        })
        .collect();
    seen.sort();
    let mut errors = Vec::new();
    for (rule, file, word, times, _, _) in KNOWN {
        let n = seen
            .iter()
            .filter(|s| (s.0.as_str(), s.1.as_str(), s.2.as_str()) == (*rule, *file, *word))
            .count();
        if n != *times {
            errors.push(format!(
                "{rule} `{word}` in {file}: {n} findings, {times} pinned"
            ));
        }
    }
    for s in &seen {
        if !KNOWN
            .iter()
            .any(|k| (k.0, k.1, k.2) == (s.0.as_str(), s.1.as_str(), s.2.as_str()))
        {
            errors.push(format!("a new finding: {} `{}` in {}", s.0, s.2, s.1));
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));

    // The figure the closing notes report: false alarms per 100 KB of prose.
    let bytes: u64 = std::fs::read_dir(&dir)
        .expect("the corpus folder reads")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.metadata().expect("metadata").len())
        .sum();
    let alarms: usize = KNOWN
        .iter()
        .filter(|k| k.4 == FalseAlarm)
        .map(|k| k.3)
        .sum();
    let slips: usize = KNOWN.iter().filter(|k| k.4 == Slip).map(|k| k.3).sum();
    eprintln!(
        "clean prose: {bytes} bytes, {slips} real slips, {alarms} false alarms = {:.2} per 100 KB",
        alarms as f64 * 102_400.0 / bytes as f64
    );
}
