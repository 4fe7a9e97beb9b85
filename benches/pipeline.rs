//! The whole pipeline (load, parse, extract, index, every shipped rule, sort) on generated
//! corpora of realistic shape: wiki-style articles with a title, an infobox, sections,
//! paragraphs and lists, words of the English dictionary drawn Zipf-like (one in a thousand misspelt), names, dates, and a small share
//! of sentences repeated across articles. As in a real corpus, articles come in small clusters
//! about one subject (four on each agency, naming the same chief), and a few of them disagree.
//! Throughput is reported in bytes per second.
//!
//! Run with `cargo bench --bench pipeline`; the 50 MB case takes a while on two cores.
//!
//! Throughput as CI runs it: `cargo build --release && cargo bench --bench pipeline --
//! --throughput 10 100` writes corpora of 10 and 100 MB (once, under `target/tmp`), runs the
//! release binary on each (`check --format json`, every default rule), and prints MB/s, CPU time
//! over wall time, peak memory (from `wait4`) and the growth exponent between the sizes; with
//! `typos` on the PATH (`pip install typos`), typos on the same files beside it.
//!
//! Name-variant recall at scale: `cargo bench --bench pipeline -- --name-recall 2 20` writes
//! corpora of 2 and 20 MB in which one name in a few hundred is misspelt (a letter dropped,
//! swapped or doubled inside the surname, or another romanisation of it), lints each, and prints
//! the share of planted variants that a `name_variant` finding labels. The planted spans are
//! also written to `planted.tsv` beside each corpus, so another build can be scored on them.
//! Only the name rules run in this mode; `--profile dev` is enough for it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use concord::config::RuleSet;
use concord::corpus::LoadOptions;
use divan::counter::BytesCount;
use rustc_hash::FxHashSet;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--name-recall") {
        let sizes: Vec<usize> = args[at + 1..]
            .iter()
            .filter_map(|a| a.parse().ok())
            .collect();
        for mb in if sizes.is_empty() { vec![2, 20] } else { sizes } {
            name_recall(mb);
        }
        return;
    }
    if let Some(at) = args.iter().position(|a| a == "--throughput") {
        let sizes: Vec<usize> = args[at + 1..]
            .iter()
            .filter_map(|a| a.parse().ok())
            .collect();
        throughput(if sizes.is_empty() { &[10, 100] } else { &sizes });
        return;
    }
    divan::main();
}

/// What one run of a program cost, from `wait4`: the kernel's own account, children included.
struct Cost {
    wall: f64,
    cpu: f64,
    peak_rss: u64,
}

/// Runs `program` with `args`, its output thrown away, and measures it.
fn measure(program: &Path, args: &[&std::ffi::OsStr]) -> Option<Cost> {
    let started = std::time::Instant::now();
    let child = std::process::Command::new(program)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `usage` is a valid rusage to write into, and the pid is our own child's.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    if pid <= 0 {
        return None;
    }
    let wall = started.elapsed().as_secs_f64();
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Some(Cost {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        // Linux reports kilobytes.
        peak_rss: usage.ru_maxrss as u64 * 1024,
    })
}

/// The release binary this bench was built beside.
fn concord_binary() -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .to_path_buf();
    target.join("release").join("concord")
}

/// `--throughput`: the released binary on corpora of each size, every default rule, JSON to a
/// pipe, as CI runs it; beside it `typos` on the same files when it is on the PATH. Prints
/// MB/s, CPU time over wall time, peak memory (and per input byte), and the growth exponent
/// of the time between the smallest and the largest corpus.
fn throughput(sizes: &[usize]) {
    let binary = concord_binary();
    if !binary.exists() {
        eprintln!(
            "{} is missing: run `cargo build --release` first",
            binary.display()
        );
        std::process::exit(2);
    }
    let typos = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("typos"))
            .find(|p| p.is_file())
    });
    let mut times = Vec::new();
    for &mb in sizes {
        let (dir, bytes) = corpus(mb);
        let files = std::fs::read_dir(&dir).unwrap().count() - 1;
        let megabytes = bytes as f64 / 1e6;
        let Some(c) = measure(
            &binary,
            &[
                "check".as_ref(),
                "--format".as_ref(),
                "json".as_ref(),
                dir.as_os_str(),
            ],
        ) else {
            eprintln!("concord did not run");
            std::process::exit(2);
        };
        println!(
            "concord  {files} files / {megabytes:.1} MB: {:.1} s, {:.2} MB/s, cpu/wall {:.2}, peak {:.0} MiB ({:.2} bytes per input byte)",
            c.wall,
            megabytes / c.wall,
            c.cpu / c.wall,
            c.peak_rss as f64 / 1048576.0,
            c.peak_rss as f64 / bytes as f64
        );
        if let Some(typos) = &typos
            && let Some(t) = measure(
                typos,
                &["--format".as_ref(), "brief".as_ref(), dir.as_os_str()],
            )
        {
            println!(
                "typos    {files} files / {megabytes:.1} MB: {:.1} s, {:.2} MB/s, cpu/wall {:.2}, peak {:.0} MiB; concord takes {:.2}x its time",
                t.wall,
                megabytes / t.wall,
                t.cpu / t.wall,
                t.peak_rss as f64 / 1048576.0,
                c.wall / t.wall
            );
        }
        times.push((bytes as f64, c.wall));
    }
    if let (Some(first), Some(last)) = (times.first(), times.last())
        && last.0 > first.0
    {
        println!(
            "growth exponent {:.2} from {:.0} to {:.0} MB",
            (last.1 / first.1).ln() / (last.0 / first.0).ln(),
            first.0 / 1e6,
            last.0 / 1e6
        );
    }
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

/// `n` words of the shipped American dictionary (lowercase, three to twelve letters), in an
/// order of the generator's: real words, so that the spelling rules meet what they meet in prose,
/// mostly known words, and not syllable salad, every word of which would be unknown.
fn english_words(rng: &mut Rng, n: usize) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/dict/en_US.dic");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut words: Vec<String> = text
        .lines()
        .skip(1)
        .map(|l| l.split('/').next().unwrap_or(""))
        .filter(|w| (3..=12).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_lowercase()))
        .map(str::to_string)
        .collect();
    // Fisher-Yates, deterministic.
    for i in (1..words.len()).rev() {
        words.swap(i, rng.below(i + 1));
    }
    words.truncate(n);
    words
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
        let vocabulary = english_words(&mut rng, 20_000);
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
                // About one word in a thousand misspelt, a letter dropped, as in real prose.
                _ if self.rng.below(1000) == 0 => {
                    let w = &self.vocabulary[self.rng.zipf(self.vocabulary.len())];
                    let at = self.rng.below(w.len());
                    let mut w = w.clone();
                    w.remove(at);
                    w
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

/// One surname misspelt the way writers and transliterators do, or `None` when the word is too
/// short to misspell inside.
fn misspelt(surname: &str, kind: usize, rng: &mut Rng) -> Option<String> {
    let mut c: Vec<char> = surname.chars().collect();
    if c.len() < 6 {
        return None;
    }
    // Inside the word: neither the first letter nor the `-ov` ending.
    let at = 1 + rng.below(c.len() - 4);
    match kind % 4 {
        0 => {
            c.remove(at);
        }
        1 if c[at] != c[at + 1] => c.swap(at, at + 1),
        2 => c.insert(at, c[at]),
        // Another romanisation of the ending, as in Ivanov / Ivanow.
        3 => {
            c.pop();
            c.push('w');
        }
        _ => return None,
    }
    Some(c.into_iter().collect())
}

/// Misspells about one name in `every` in the article, and returns the planted spans
/// (start, end, variant, usual) in the new text.
fn plant(
    article: &str,
    names: &[String],
    spellings: &FxHashSet<String>,
    every: usize,
    rng: &mut Rng,
) -> (String, Vec<(usize, usize, String, String)>) {
    let mut out = String::with_capacity(article.len());
    let mut planted = Vec::new();
    let mut rest = article;
    // Names are `Given Surnameov`: find each surname by its ending, with its given name before.
    while let Some(at) = rest.find("ov") {
        let (head, tail) = rest.split_at(at + 2);
        let start = head
            .rfind(|c: char| !c.is_alphabetic())
            .map_or(0, |i| i + 1);
        let word = &head[start..];
        let boundary = !tail.starts_with(char::is_alphabetic);
        let given = head[..start].trim_end().rsplit(' ').next().unwrap_or("");
        let is_name = boundary
            && names
                .binary_search_by(|n| n.as_str().cmp(&format!("{given} {word}")))
                .is_ok();
        let variant = if is_name && rng.below(every) == 0 {
            misspelt(word, rng.below(4), rng).filter(|v| !spellings.contains(&v.to_lowercase()))
        } else {
            None
        };
        match variant {
            Some(v) => {
                out.push_str(&head[..start]);
                let s = out.len();
                out.push_str(&v);
                planted.push((s, out.len(), v, word.to_string()));
            }
            None => out.push_str(head),
        }
        rest = tail;
    }
    out.push_str(rest);
    (out, planted)
}

/// Writes a corpus with planted name variants, lints it, and prints their recall.
fn name_recall(megabytes: usize) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-names-v1-{megabytes}mb"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = Generator::new();
    let mut sorted = g.names.clone();
    sorted.sort();
    let spellings: FxHashSet<String> = g
        .names
        .iter()
        .flat_map(|n| n.split(' ').map(str::to_lowercase).collect::<Vec<_>>())
        .collect();
    let mut rng = Rng(0x5851_f42d_4c95_7f2d);
    let mut planted = Vec::new();
    let (mut written, mut i) = (0, 0);
    while written < megabytes * 1_000_000 {
        let article = g.article(i, 12_000);
        let (article, spans) = plant(&article, &sorted, &spellings, 150, &mut rng);
        written += article.len();
        let name = format!("{i:06}.txt");
        std::fs::write(dir.join(&name), article).unwrap();
        planted.extend(
            spans
                .into_iter()
                .map(|(s, e, v, u)| (name.clone(), s, e, v, u)),
        );
        i += 1;
    }
    let tsv: String = planted
        .iter()
        .map(|(f, s, e, v, u)| format!("{f}\t{s}\t{e}\t{v}\t{u}\n"))
        .collect();
    std::fs::write(dir.with_extension("planted.tsv"), tsv).unwrap();
    // Only the name rules: their recall is what is measured, and the rest would only add time.
    let mut rules = RuleSet::load(&[] as &[&str], true).unwrap();
    rules
        .rules
        .retain(|r| r.category.to_string() == "name_variant");
    let started = std::time::Instant::now();
    let outcome =
        concord::check(std::slice::from_ref(&dir), &LoadOptions::default(), &rules).unwrap();
    let elapsed = started.elapsed();
    let mut labelled: FxHashSet<(String, usize)> = FxHashSet::default();
    for f in &outcome.findings {
        if f.category.to_string() != "name_variant" {
            continue;
        }
        for l in &f.labels {
            let doc = outcome.corpus.doc(l.doc);
            let file = Path::new(&doc.name).file_name().unwrap().to_string_lossy();
            labelled.insert((file.into_owned(), l.span.start));
        }
    }
    let found = planted
        .iter()
        .filter(|(f, s, ..)| labelled.contains(&(f.clone(), *s)))
        .count();
    println!(
        "{megabytes} MB, {} files: {found} of {} planted name variants found ({:.1} %), {} name_variant findings, {:.1} s",
        i,
        planted.len(),
        100.0 * found as f64 / planted.len().max(1) as f64,
        outcome
            .findings
            .iter()
            .filter(|f| f.category.to_string() == "name_variant")
            .count(),
        elapsed.as_secs_f64()
    );
}

/// Writes a corpus of about `megabytes` MB of 12 KB articles under the target folder, once.
fn corpus(megabytes: usize) -> (PathBuf, usize) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("bench-corpus-v3-{megabytes}mb"));
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
