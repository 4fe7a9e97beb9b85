//! Work that grows with the input as the input grows, not faster. Timings on shared cores are
//! noise, so work is counted: the number of allocations the pipeline makes on an input and on the
//! same kind of input twice as large. Linear work doubles it; a pairwise loop that builds a
//! string per comparison (lowercasing, folding) quadruples it. The bound asserted, 3x for 2x the
//! input, leaves room for n log n and for fixed costs.
//!
//! Allocations stand for work where work allocates (a name folded per comparison, a sentence
//! copied per match); a loop that only rescans text without allocating is not seen here, and
//! the release timings of issue 11 remain the measure for those. The figures print with
//! `cargo test --test scaling -- --nocapture`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use concord::config::RuleSet;
use concord::corpus::{Corpus, Source};
use concord::extract::Lexicon;

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) }
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

/// Allocations made by parsing and checking `sources` with every shipped rule.
fn work(sources: Vec<Source>) -> usize {
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    let lexicon = Lexicon::builtin();
    // Tables built on first use are not the input's cost.
    let warm = Corpus::build(
        vec![source("w.txt", "Ada Prinn met the the board.")],
        lexicon,
    );
    concord::check_corpus(&warm, lexicon, &rules);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let corpus = Corpus::build(sources, lexicon);
    let findings = concord::check_corpus(&corpus, lexicon, &rules);
    drop(findings);
    ALLOCATIONS.load(Ordering::Relaxed) - before
}

fn source(name: &str, text: &str) -> Source {
    Source {
        name: name.into(),
        text: text.into(),
    }
}

/// The ratio of work on `make(2n)` to work on `make(n)`, printed.
fn growth(case: &str, n: usize, make: impl Fn(usize) -> Vec<Source>) -> f64 {
    let small = work(make(n));
    let large = work(make(2 * n));
    let ratio = large as f64 / small as f64;
    println!("{case}: {small} allocations at n = {n}, {large} at 2n: x{ratio:.2}");
    ratio
}

/// A deterministic generator (xorshift), for names no list holds.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    /// An invented name of three syllables, capitalised.
    fn name(&mut self) -> String {
        const SYLLABLES: [&str; 16] = [
            "ka", "ri", "no", "ta", "ve", "lo", "mi", "sa", "du", "pe", "ro", "an", "el", "is",
            "or", "un",
        ];
        let mut s: String = (0..3).map(|_| SYLLABLES[self.below(16)]).collect();
        s[..1].make_ascii_uppercase();
        s
    }
}

/// One document naming `n` distinct people, two to a sentence.
fn many_names(n: usize) -> Vec<Source> {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let text: String = (0..n / 2)
        .map(|_| {
            format!(
                "{} {} met {} {} in the hall.\n\n",
                rng.name(),
                rng.name(),
                rng.name(),
                rng.name()
            )
        })
        .collect();
    vec![source("names.txt", &text)]
}

/// The text of seed document `i`, in sorted order of their file names.
fn seed_text(i: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    std::fs::read_to_string(&names[i]).unwrap()
}

/// `n` documents holding the same real paragraphs (the seeds'), as a mirrored site would.
fn repeated_paragraphs(n: usize) -> Vec<Source> {
    let text = seed_text(0);
    (0..n)
        .map(|i| source(&format!("mirror{i:04}.txt"), &text))
        .collect()
}

/// Real prose (the seeds) on one line, `n` copies long, each copy's sentences numbered apart.
fn one_line(n: usize) -> Vec<Source> {
    let text = seed_text(1).replace('\n', " ");
    let line: String = (0..n)
        .map(|k| text.replace(". ", &format!(" in {}. ", 1000 + k)))
        .collect();
    vec![source("one-line.txt", &line)]
}

/// A line of `n` words of real prose with every tenth word doubled.
fn long_line_of_repeats(n: usize) -> Vec<Source> {
    let text = seed_text(2);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::with_capacity(n * 2);
    for i in 0..n {
        let w = words[i % words.len()];
        out.push(w);
        if i % 10 == 0 {
            out.push(w);
        }
    }
    vec![source("line.txt", &(out.join(" ") + "\n"))]
}

#[test]
fn a_long_line_of_repeated_words_costs_in_proportion() {
    let _alone = alone();
    let ratio = growth("repeated words on one line", 4000, long_line_of_repeats);
    assert!(ratio <= 3.0, "x{ratio:.2}");
}

#[test]
fn a_one_line_document_costs_in_proportion() {
    let _alone = alone();
    let ratio = growth("one-line document", 16, one_line);
    assert!(ratio <= 3.0, "x{ratio:.2}");
}

#[test]
fn many_distinct_names_cost_in_proportion() {
    let _alone = alone();
    let ratio = growth("distinct names", 4000, many_names);
    assert!(ratio <= 3.0, "x{ratio:.2}");
}

#[test]
fn mirrored_documents_cost_in_proportion() {
    let _alone = alone();
    let ratio = growth("repeated paragraphs", 40, repeated_paragraphs);
    assert!(ratio <= 3.0, "x{ratio:.2}");
}
