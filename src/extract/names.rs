//! Proper names: capitalised words of prose, headings and infobox values (native names
//! included, in any script), each with its span and its neighbouring name words, and the
//! transliteration folding that makes two romanisations of one name compare equal.
//!
//! A name word is a capitalised word, or a capitalised part of a hyphenated one (`Shamakhi` in
//! `Ismayilli-Shamakhi`), that is neither an acronym (`MVD`) nor an English word: sentence
//! starts and capitalised common nouns (`Service`, `Interior`) are not names for this purpose.
//!
//! Folding (see `rules/translit/`): a name is lowercased, each letter or letter group of a
//! transliteration class (`kh`, `x`, `h`) is replaced by its class, any other letter outside
//! ASCII is romanised by `any_ascii`, and doubled letters are collapsed. The *skeleton* leaves
//! out the vowel classes; it is the blocking key of the name index.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;
use serde::Deserialize;

use super::english;
use crate::corpus::{Document, Span};
use crate::parse::BlockKind;

/// One transliteration class as written in a `rules/translit/*.toml` table, or in a rule's
/// `classes` parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TranslitClass {
    /// Lowercase spellings of one sound.
    pub letters: Vec<String>,
    /// Those that belong to the language's own orthography.
    #[serde(default)]
    pub native: Vec<String>,
    /// Whether the class is a vowel, left out of skeletons.
    #[serde(default)]
    pub vowel: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    class: Vec<TranslitClass>,
}

/// The merged transliteration classes of every table.
#[derive(Debug)]
pub struct Translit {
    /// Spelling → class symbol, longest spellings first so that `kh` wins over `k`.
    spellings: Vec<(String, char)>,
    /// Class symbols that are vowels.
    vowels: Vec<char>,
    /// Native letters, for the tie-break between two equally frequent spellings.
    native: Vec<String>,
}

/// The tables shipped in `rules/translit/`, compiled in.
const BUILTIN_TABLES: [(&str, &str); 4] = [
    (
        "azerbaijani.toml",
        include_str!("../../rules/translit/azerbaijani.toml"),
    ),
    (
        "georgian.toml",
        include_str!("../../rules/translit/georgian.toml"),
    ),
    (
        "russian.toml",
        include_str!("../../rules/translit/russian.toml"),
    ),
    (
        "turkish.toml",
        include_str!("../../rules/translit/turkish.toml"),
    ),
];

/// Class symbols are private-use characters, so they never collide with a letter of a name.
const FIRST_SYMBOL: u32 = 0xE000;

impl Translit {
    /// Builds the classes from table texts; classes that share a spelling are merged.
    pub fn from_tables(tables: &[(&str, &str)]) -> Result<Translit, String> {
        Translit::from_tables_and(tables, &[])
    }

    /// Builds the classes from table texts and further classes (a rule's own).
    pub fn from_tables_and(
        tables: &[(&str, &str)],
        extra: &[TranslitClass],
    ) -> Result<Translit, String> {
        let mut classes: Vec<TranslitClass> = Vec::new();
        for (name, text) in tables {
            let table: RawTable = toml::from_str(text).map_err(|e| format!("{name}: {e}"))?;
            classes.extend(table.class);
        }
        classes.extend(extra.iter().cloned());
        if let Some(empty) = classes.iter().position(|c| c.letters.is_empty()) {
            return Err(format!(
                "transliteration class {} lists no letters",
                empty + 1
            ));
        }
        // Union-find over classes, joined through shared spellings.
        let mut parent: Vec<usize> = (0..classes.len()).collect();
        fn root(parent: &mut [usize], mut i: usize) -> usize {
            while parent[i] != i {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            i
        }
        let mut owner: FxHashMap<String, usize> = FxHashMap::default();
        for (i, class) in classes.iter().enumerate() {
            for letter in &class.letters {
                let letter = letter.to_lowercase();
                if let Some(&j) = owner.get(&letter) {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a] = b;
                } else {
                    owner.insert(letter, i);
                }
            }
        }
        let mut symbol_of_root: FxHashMap<usize, char> = FxHashMap::default();
        let mut vowels = Vec::new();
        let mut native = Vec::new();
        for (i, class) in classes.iter().enumerate() {
            let r = root(&mut parent, i);
            let next = FIRST_SYMBOL + symbol_of_root.len() as u32;
            let symbol = *symbol_of_root
                .entry(r)
                .or_insert_with(|| char::from_u32(next).expect("a private-use character"));
            if class.vowel && !vowels.contains(&symbol) {
                vowels.push(symbol);
            }
            native.extend(class.native.iter().map(|n| n.to_lowercase()));
        }
        let mut spellings: Vec<(String, char)> = owner
            .into_iter()
            .map(|(letter, i)| {
                let r = root(&mut parent, i);
                (letter, symbol_of_root[&r])
            })
            .collect();
        spellings.sort_by(|a, b| {
            b.0.chars()
                .count()
                .cmp(&a.0.chars().count())
                .then_with(|| a.0.cmp(&b.0))
        });
        native.sort();
        native.dedup();
        Ok(Translit {
            spellings,
            vowels,
            native,
        })
    }

    /// The tables shipped in `rules/translit/`.
    pub fn builtin() -> &'static Translit {
        static BUILTIN: LazyLock<Translit> = LazyLock::new(|| {
            Translit::from_tables(&BUILTIN_TABLES)
                .expect("the shipped transliteration tables parse")
        });
        &BUILTIN
    }

    /// The shipped tables with further classes.
    pub fn builtin_and(extra: &[TranslitClass]) -> Result<Translit, String> {
        Translit::from_tables_and(&BUILTIN_TABLES, extra)
    }

    /// The folded form of a name: classes instead of letters, doubled letters collapsed.
    pub fn fold(&self, word: &str) -> String {
        let lower = lowercase(word);
        // Letters the tables know stay as they are; anything else outside ASCII is romanised.
        let mut pre = String::with_capacity(lower.len());
        for c in lower.chars() {
            if c.is_ascii() || self.spellings.iter().any(|(s, _)| s.starts_with(c)) {
                pre.push(c);
            } else {
                pre.push_str(&any_ascii::any_ascii_char(c).to_lowercase());
            }
        }
        let mut out = String::with_capacity(pre.len());
        let mut rest = pre.as_str();
        while let Some(c) = rest.chars().next() {
            let (symbol, len) = self
                .spellings
                .iter()
                .find(|(s, _)| rest.starts_with(s.as_str()))
                .map_or((c, c.len_utf8()), |(s, sym)| (*sym, s.len()));
            if !symbol.is_alphanumeric() && !is_symbol(symbol) {
                rest = &rest[len..];
                continue;
            }
            if !out.ends_with(symbol) {
                out.push(symbol);
            }
            rest = &rest[len..];
        }
        out
    }

    /// The folded form without vowels: the blocking key of a name.
    pub fn skeleton(&self, folded: &str) -> String {
        folded
            .chars()
            .filter(|c| !self.vowels.contains(c))
            .collect()
    }

    /// How many letters of the languages' own orthographies `word` uses.
    pub fn native_letters(&self, word: &str) -> usize {
        let lower = lowercase(word);
        self.native
            .iter()
            .map(|n| lower.matches(n.as_str()).count())
            .sum()
    }
}

fn is_symbol(c: char) -> bool {
    (FIRST_SYMBOL..FIRST_SYMBOL + 0x1000).contains(&(c as u32))
}

/// Lowercase without the combining dot that `İ` leaves behind.
pub fn lowercase(word: &str) -> String {
    word.to_lowercase().replace('\u{307}', "")
}

/// A name word in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameWord {
    pub span: Span,
    /// The spans of the name-like words just before and after it in the same name, if any: a
    /// capitalised word joined to it by a space or a hyphen on the same line.
    pub left: Option<Span>,
    pub right: Option<Span>,
}

/// Capitalised words and hyphen parts of a document's prose, headings and infobox values, in
/// order, with their capitalised neighbours. English words and acronyms are dropped, but they
/// still count as neighbours (`General` in `General Huseynov`).
pub fn name_words(doc: &Document) -> Vec<NameWord> {
    let mut capitalised: Vec<Span> = Vec::new();
    for block in &doc.blocks {
        let content = match &block.kind {
            BlockKind::InfoboxField { value, .. } => *value,
            BlockKind::Title
            | BlockKind::Heading { .. }
            | BlockKind::Paragraph
            | BlockKind::ListItem(_) => block.content,
            BlockKind::InfoboxStart | BlockKind::PageBreak => continue,
        };
        for word in super::words(doc.slice(content), content.start) {
            for part in hyphen_parts(doc.slice(word), word.start) {
                if doc
                    .slice(part)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                {
                    capitalised.push(part);
                }
            }
        }
    }
    let joined = |a: Span, b: Span| joins_a_name(&doc.text[a.end..b.start]);
    let mut out = Vec::new();
    for (i, &span) in capitalised.iter().enumerate() {
        if !is_name(doc.slice(span)) {
            continue;
        }
        let left = i
            .checked_sub(1)
            .map(|j| capitalised[j])
            .filter(|&l| joined(l, span));
        let right = capitalised.get(i + 1).copied().filter(|&r| joined(span, r));
        out.push(NameWord { span, left, right });
    }
    out
}

/// Lowercase particles inside personal names (`al`, `van`, `da`), from
/// `rules/lexicon/name_particles.txt`.
pub(crate) static PARTICLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../rules/lexicon/name_particles.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// True when the text between two capitalised words keeps them in one name: a hyphen, spaces,
/// or a name particle between them (`Hassan al-Janabi`, `Ludwig van Beethoven`).
fn joins_a_name(gap: &str) -> bool {
    let space = |c: char| c == ' ' || c == '\u{a0}';
    if gap == "-" || (!gap.is_empty() && gap.chars().all(space)) {
        return true;
    }
    let Some(inner) = gap.strip_prefix(space) else {
        return false;
    };
    if let Some(particle) = inner.strip_suffix('-') {
        // `al-`: the list writes hyphen-only particles with their hyphen; any other particle
        // may be hyphenated too (`van-`).
        PARTICLES.contains(&inner) || PARTICLES.contains(&particle)
    } else {
        inner
            .strip_suffix(space)
            .is_some_and(|particle| PARTICLES.contains(&particle))
    }
}

/// The parts of a word between hyphens, without a final possessive `'s`.
fn hyphen_parts(word: &str, offset: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices().chain([(word.len(), '-')]) {
        if c == '-' {
            let part = &word[start..i];
            let trimmed = part
                .strip_suffix("'s")
                .or_else(|| part.strip_suffix("’s"))
                .unwrap_or(part);
            if !trimmed.is_empty() {
                out.push(Span::new(offset + start, offset + start + trimmed.len()));
            }
            start = i + 1;
        }
    }
    out
}

/// A capitalised word that may be a proper name: letters only, three or more of them, not all
/// capitals, and not an English word.
fn is_name(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 3 || word.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if word
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
    {
        return false;
    }
    let lower = lowercase(word);
    !(english::is_word(&lower) || english::is_word(&super::normalize::fold(word)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Lexicon;

    #[test]
    fn romanisations_fold_together() {
        let t = Translit::builtin();
        for (a, b) in [
            ("Rashad", "Reshad"),
            ("Rəşad", "Rashad"),
            ("Jeyhun", "Ceyhun"),
            ("Khalilov", "Xəlilov"),
            ("Huseynov", "Guseynov"),
            ("Guliyev", "Guliev"),
            ("Shamakhi", "Şamaxı"),
            ("Allahverdiyev", "Alahverdiyev"),
            ("Джейхун", "Jeyhun"),
        ] {
            assert_eq!(t.fold(a), t.fold(b), "{a} / {b}");
        }
        for (a, b) in [
            ("Petrov", "Sidorov"),
            ("Elnur", "Elmar"),
            ("Rasim", "Kasim"),
        ] {
            assert_ne!(t.fold(a), t.fold(b), "{a} / {b}");
        }
        assert_eq!(
            t.skeleton(&t.fold("Miqrasiy")),
            t.skeleton(&t.fold("Miqrasiya"))
        );
        assert!(t.native_letters("Ceyhun") > t.native_letters("Jeyhun"));
    }

    #[test]
    fn particles_keep_a_name_together() {
        assert!(joins_a_name(" al-") && joins_a_name(" van ") && joins_a_name("-"));
        assert!(!joins_a_name(" and ") && !joins_a_name(", ") && !joins_a_name(" al"));
        assert!(
            !joins_a_name(" at ") && !joins_a_name(" al "),
            "English words, unhyphenated"
        );
        let text = "Hassan al-Janabi spoke, and Ludwig van Beethoven wrote.";
        let doc = Document::analyze(0, "d".into(), text.into(), Lexicon::builtin());
        let words = name_words(&doc);
        let right = |i: usize| words[i].right.map(|r| doc.slice(r));
        assert_eq!(doc.slice(words[0].span), "Hassan");
        assert_eq!(right(0), Some("Janabi"));
    }

    #[test]
    fn name_words_with_neighbours() {
        let text = "Infobox\n- Nativename: Dövlət Miqrasiy Xidməti\n\nThe Service guards the Kars-Akhalkalaki-Jeyhun line, says Rashad Khalilov of MVD.";
        let doc = Document::analyze(0, "d".into(), text.into(), Lexicon::builtin());
        let names: Vec<&str> = name_words(&doc).iter().map(|n| doc.slice(n.span)).collect();
        assert_eq!(
            names,
            [
                "Dövlət",
                "Miqrasiy",
                "Xidməti",
                "Kars",
                "Akhalkalaki",
                "Jeyhun",
                "Rashad",
                "Khalilov"
            ]
        );
        let words = name_words(&doc);
        let jeyhun = &words[5];
        assert_eq!(doc.slice(jeyhun.left.unwrap()), "Akhalkalaki");
        assert!(jeyhun.right.is_none());
        assert_eq!(doc.slice(words[6].right.unwrap()), "Khalilov");
    }
}
