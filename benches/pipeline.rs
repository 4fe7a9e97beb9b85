//! The whole pipeline (load, parse, extract, index, every shipped rule, sort) on generated
//! corpora of realistic shape: wiki-style articles with a title, an infobox, sections,
//! paragraphs and lists, words drawn from a Zipf-like vocabulary, names, dates, and a small share
//! of sentences repeated across articles. As in a real corpus, articles come in small clusters
//! about one subject (four on each agency, naming the same chief), and a few of them disagree.
//! Throughput is reported in bytes per second.
//!
//! Run with `cargo bench --bench pipeline`; the 50 MB case takes a while on two cores.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use concord::config::RuleSet;
use concord::corpus::LoadOptions;
use divan::counter::BytesCount;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// A small deterministic generator (xorshift64*), so every run lints the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// An index skewed towards 0, roughly Zipf-distributed over `n`.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "tan", "vel", "or", "is", "ber", "dal", "sun", "ek", "lo", "pra", "ment",
    "tion", "al", "ver", "sta",
];
const FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "in", "to", "a", "was", "by", "for", "with", "as", "on", "is", "its",
];
const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];

fn word(rng: &mut Rng) -> String {
    (0..1 + rng.below(3))
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

struct Generator {
    rng: Rng,
    vocabulary: Vec<String>,
    names: Vec<String>,
    shared: Vec<String>,
}

impl Generator {
    fn new() -> Self {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        let vocabulary = (0..20_000).map(|_| word(&mut rng)).collect();
        let names = (0..2_000)
            .map(|_| {
                format!(
                    "{} {}ov",
                    capitalised(&word(&mut rng)),
                    capitalised(&word(&mut rng))
                )
            })
            .collect();
        let mut g = Generator {
            rng,
            vocabulary,
            names,
            shared: Vec::new(),
        };
        g.shared = (0..500).map(|_| g.sentence()).collect();
        g
    }

    fn sentence(&mut self) -> String {
        let n = 8 + self.rng.below(18);
        let mut s = String::new();
        let mut last = String::new();
        for i in 0..n {
            let w = match self.rng.below(10) {
                0..=3 => FUNCTION_WORDS[self.rng.below(FUNCTION_WORDS.len())].to_string(),
                4 if i > 2 => self.names[self.rng.zipf(self.names.len())].clone(),
                5 if i > 2 && self.rng.below(4) == 0 => {
                    format!(
                        "{} {} {}",
                        1 + self.rng.below(28),
                        MONTHS[self.rng.below(MONTHS.len())],
                        1900 + self.rng.below(125)
                    )
                }
                _ => self.vocabulary[self.rng.zipf(self.vocabulary.len())].clone(),
            };
            // Real prose seldom doubles a word; the repeated-word rule would fire on every one.
            if w == last {
                continue;
            }
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&if i == 0 { capitalised(&w) } else { w.clone() });
            last = w;
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self) -> String {
        let n = 3 + self.rng.below(6);
        let mut sentences = Vec::with_capacity(n);
        for _ in 0..n {
            // About one sentence in a hundred is copied from another article.
            let s = if self.rng.below(100) == 0 {
                self.shared[self.rng.below(self.shared.len())].clone()
            } else {
                self.sentence()
            };
            sentences.push(s);
        }
        sentences.join(" ")
    }

    /// The `index`th article: four articles share a subject and, but for one in fifty, its chief.
    fn article(&mut self, index: usize, target: usize) -> String {
        let mut doc = String::with_capacity(target + 1024);
        let subject = index / 4;
        let word = &self.vocabulary[subject % self.vocabulary.len()];
        let title = format!("{} {subject}", capitalised(word));
        let chief = if self.rng.below(50) == 0 {
            self.rng.below(self.names.len())
        } else {
            subject % self.names.len()
        };
        writeln!(
            doc,
            "= {title} Agency =\n\nInfobox\n- Agencyname: {title} Agency"
        )
        .unwrap();
        writeln!(
            doc,
            "- Chief1Name: {}\n- Chief1Position: Director\n",
            self.names[chief]
        )
        .unwrap();
        while doc.len() < target {
            writeln!(
                doc,
                "== {} ==",
                capitalised(&self.vocabulary[self.rng.zipf(self.vocabulary.len())])
            )
            .unwrap();
            for _ in 0..1 + self.rng.below(3) {
                writeln!(doc, "{}\n", self.paragraph()).unwrap();
            }
            if self.rng.below(3) == 0 {
                for i in 1..=3 + self.rng.below(5) {
                    writeln!(doc, "- {i}. {};", self.sentence().trim_end_matches('.')).unwrap();
                }
                doc.push('\n');
            }
        }
        doc
    }
}

/// Writes a corpus of about `megabytes` MB of 12 KB articles under the target folder, once.
fn corpus(megabytes: usize) -> (PathBuf, usize) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-corpus-v2-{megabytes}mb"));
    let marker = dir.join(".complete");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut g = Generator::new();
        let mut written = 0;
        let mut i = 0;
        while written < megabytes * 1_000_000 {
            let article = g.article(i, 12_000);
            written += article.len();
            std::fs::write(dir.join(format!("{i:06}.txt")), article).unwrap();
            i += 1;
        }
        std::fs::write(&marker, "").unwrap();
    }
    let bytes = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| e.metadata().unwrap().len() as usize)
        .sum();
    (dir, bytes)
}

#[divan::bench(args = [5, 50], sample_count = 2, sample_size = 1)]
fn check_corpus(bencher: divan::Bencher, megabytes: usize) {
    let (dir, bytes) = corpus(megabytes);
    let rules = RuleSet::load(&[] as &[&str], true).unwrap();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        let outcome =
            concord::check(std::slice::from_ref(&dir), &LoadOptions::default(), &rules).unwrap();
        divan::black_box(outcome.findings.len())
    });
}
