//! Memory, counted by the allocator (exact and repeatable, unlike timings on shared cores): the
//! documents of a corpus take a small, fixed multiple of their size, and a one-line document
//! costs no more than the same text with its line breaks.
//!
//! The whole pipeline's peak is printed (`cargo test --release --test memory -- --nocapture`)
//! for the record; what is asserted is the part this crate's loading and parsing owns.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use concord::config::RuleSet;
use concord::corpus::{Corpus, Source};
use concord::extract::Lexicon;

struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// The counters are global: the tests of this file take turns, so that none counts another's
/// allocations.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn alone() -> std::sync::MutexGuard<'static, ()> {
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
}

/// Bytes allocated at the peak of `work`, above what was allocated before it.
fn peak_of<T>(work: impl FnOnce() -> T) -> (T, usize) {
    let before = NOW.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = work();
    (out, PEAK.load(Ordering::Relaxed) - before)
}

/// About `size` bytes of real prose in documents of a few kilobytes: the seeds and the test
/// corpora, copy `k` of each sentence given a number of its own so that copies are not all
/// exact repeats.
fn prose(size: usize) -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    let mut dirs = vec![root.join("seeds")];
    for e in std::fs::read_dir(root.join("tests/corpora")).unwrap() {
        let dir = e.unwrap().path();
        // Whole addresses (each on one line) and chapters of 12 to 116 KB: not documents of a
        // few kilobytes, the workload the bounds below were set on.
        if !dir.ends_with("clean_prose") {
            dirs.push(dir);
        }
    }
    dirs.sort();
    for dir in dirs {
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            texts.push(std::fs::read_to_string(f).unwrap());
        }
    }
    let mut out = Vec::new();
    let mut total = 0;
    let mut k = 0;
    while total < size {
        for t in &texts {
            let text = t.replace(". ", &format!(" in {}. ", 1000 + k));
            total += text.len();
            out.push(Source {
                name: format!("c{k:03}_{:04}.txt", out.len()),
                text,
            });
            if total >= size {
                break;
            }
        }
        k += 1;
    }
    out
}

/// Runs the pipeline on a small text, so that tables built on first use (word lists,
/// patterns) are not counted as the cost of the input measured next. The corpus is built
/// twice more, from enough documents to keep every thread busy: each thread that runs a regex
/// keeps a search cache of its own, and one made during the measurement would be counted.
fn warm_up() {
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let corpus = Corpus::build(prose(20_000), Lexicon::builtin());
    concord::check_corpus(&corpus, Lexicon::builtin(), &rules);
    for _ in 0..2 {
        drop(Corpus::build(prose(200_000), Lexicon::builtin()));
    }
}

fn bytes(sources: &[Source]) -> usize {
    sources.iter().map(|s| s.text.len()).sum()
}

#[test]
fn parsed_documents_take_a_small_multiple_of_their_text() {
    let _alone = alone();
    let lexicon = Lexicon::builtin();
    let sources = prose(1_000_000);
    let size = bytes(&sources);
    warm_up();
    let before = NOW.load(Ordering::Relaxed);
    let (corpus, peak) = peak_of(|| Corpus::build(sources, lexicon));
    let held = NOW.load(Ordering::Relaxed) - before;
    println!(
        "corpus of {size} bytes: peak {peak} bytes above the sources while parsing ({:.1}x), {:.1}x held after",
        peak as f64 / size as f64,
        held as f64 / size as f64
    );
    // What a parsed corpus keeps beyond its texts: word spans (16 bytes a word, a word being
    // about 6 bytes of text), sentences, blocks and line starts, about 3x the text; and the
    // analysis of the sentences the prefilter lets through (tokens of 32 bytes, interned
    // forms, mentions), another 6x here, where every sentence holds a year and so is analysed.
    assert!(held <= 10 * size, "{held} held for {size}");
    assert!(peak <= 11 * size, "{peak} at the peak for {size}");
    drop(corpus);
}

#[test]
fn a_one_line_document_costs_what_the_same_text_with_breaks_costs() {
    let _alone = alone();
    let lexicon = Lexicon::builtin();
    warm_up();
    let text: String = prose(300_000).into_iter().map(|s| s.text).collect();
    let one_line = text.replace('\n', " ");
    let doc = |t: &str| Source {
        name: "a.txt".into(),
        text: t.to_string(),
    };
    let (_, with_breaks) = peak_of(|| Corpus::build(vec![doc(&text)], lexicon));
    let (_, single) = peak_of(|| Corpus::build(vec![doc(&one_line)], lexicon));
    println!("one line: {single} bytes at the peak; with line breaks: {with_breaks}");
    assert!(single <= with_breaks * 2, "{single} against {with_breaks}");
}

#[test]
fn whole_pipeline_peak_for_the_record() {
    let _alone = alone();
    let lexicon = Lexicon::builtin();
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    warm_up();
    let sources = prose(1_000_000);
    let size = bytes(&sources);
    let (corpus, parse) = peak_of(|| Corpus::build(sources, lexicon));
    let (cx, index) = peak_of(|| concord::checks::Context::new(&corpus, lexicon));
    let (findings, checks) = peak_of(|| concord::checks::run(&cx, &rules.rules));
    let x = |n: usize| n as f64 / size as f64;
    println!(
        "pipeline on {size} bytes: {} findings; peak above the stage before: parse {:.1}x, corpus-wide indexes {:.1}x, checks {:.1}x",
        findings.len(),
        x(parse),
        x(index),
        x(checks)
    );
    assert!(!findings.is_empty());
    // Rule by rule, on a fresh context: an index built on first use counts for the first rule
    // that asks for it.
    let cx = concord::checks::Context::new(&corpus, lexicon);
    let mut by_rule: Vec<(usize, &str)> = rules
        .rules
        .iter()
        .map(|r| {
            let (_, peak) = peak_of(|| concord::checks::run(&cx, std::slice::from_ref(r)));
            (peak, r.name.as_str())
        })
        .collect();
    by_rule.sort_by(|a, b| b.cmp(a));
    for (peak, name) in by_rule.iter().take(6) {
        println!("  {name}: {:.1}x", x(*peak));
    }
}
