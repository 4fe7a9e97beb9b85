//! Entities and people: the names a document uses for the organisations it talks about, and the
//! people it names.
//!
//! A document declares its subject's names itself: the title, infobox name fields (name, native
//! name, abbreviation) and parenthetical definitions such as `The Special Service of X (Native
//! Name; SSX)`. It also names a parent and children in its infobox. These are the document's
//! *local* entities; [`DocEntities::resolve`] maps a mention to one of them:
//!
//! - `the Service`, `the organization` (`the` + an anaphora word) → the subject of the section the
//!   mention stands in (a heading that names a local entity), else the document's subject;
//! - a name whose key equals a local name's key, or its key without a final `of <Place>` (`X of
//!   the Republic of Y` and `X of Y` and `X` are one), or a word-final part of a local name of at
//!   least two words (`Coast Guard` in a document about the `Finnish Coast Guard`);
//! - anything else becomes a new local entity, so that the corpus-wide index can still group it
//!   with the same name elsewhere.
//!
//! Keys are folded (lowercase, diacritics to ASCII) and leave out the words of `drop` (`the`).
//! People are compared without their ranks and titles (a data list), by surname, with close
//! given names taken as one person (`Beyler`/`Baylar`: a transliteration variant, which is
//! another rule's business, not a second person).

use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};

use super::normalize::fold;
use super::words;
use crate::corpus::Document;
use crate::parse::BlockKind;
use crate::span::Span;

/// The word lists entity resolution needs (the `[entities]` and `[persons]` tables of
/// `rules/facts/patterns.toml`), folded.
#[derive(Debug, Clone, Default)]
pub struct Names {
    pub anaphora: FxHashSet<String>,
    /// Words that make an undeclared name an organisation (see `organisation_words`).
    pub organisations: FxHashSet<String>,
    pub drop: FxHashSet<String>,
    pub leading: FxHashSet<String>,
    pub name_fields: FxHashSet<String>,
    pub parent_fields: FxHashSet<String>,
    pub child_fields: FxHashSet<String>,
    /// Ranks and titles as folded word sequences, longest first.
    pub ranks: Vec<Vec<String>>,
}

/// Folded words of a name: hyphens split words (`Colonel-General` is `colonel general`).
pub fn name_words(text: &str) -> Vec<String> {
    words(text, 0)
        .flat_map(|w| {
            fold(&text[w.start..w.end])
                .split(['-', '\''])
                .filter(|p| !p.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Names {
    /// The key a name is compared by.
    pub fn key(&self, text: &str) -> String {
        name_words(text)
            .into_iter()
            .filter(|w| !self.drop.contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Every key a name is known by: its key, and the key without a final `of <one word>` or
    /// `of Republic of <one word>` when at least two words are left.
    pub fn keys(&self, text: &str) -> Vec<String> {
        let key = self.key(text);
        let mut out = vec![key.clone()];
        let w: Vec<&str> = key.split(' ').collect();
        for tail in [4usize, 2] {
            if w.len() >= tail + 2 {
                let cut = w.len() - tail;
                let ok = w[cut] == "of"
                    && (tail == 2 || (w[cut + 1] == "republic" && w[cut + 2] == "of"));
                if ok {
                    out.push(w[..cut].join(" "));
                    break;
                }
            }
        }
        out
    }

    /// True when `key` is one anaphora word (`service` of `the Service`).
    pub fn is_anaphor(&self, key: &str) -> bool {
        !key.contains(' ') && self.anaphora.contains(key)
    }

    /// The part of `span` (in `text`) after leading sentence words (`Today`, `In`) that are not
    /// part of a name.
    pub fn trim_leading(&self, text: &str, span: Span) -> Span {
        let mut start = span.start;
        for w in words(&text[span.start..span.end], span.start) {
            let word = fold(&text[w.start..w.end]);
            if self.leading.contains(&word) {
                start = w.end;
                continue;
            }
            break;
        }
        let rest = &text[start..span.end];
        let lead = rest.len() - rest.trim_start_matches([' ', ',']).len();
        Span::new(start + lead, span.end)
    }

    /// A person's name without ranks and titles; `None` when fewer than two words remain.
    pub fn person(&self, text: &str) -> Option<Person> {
        let mut w = name_words(text);
        'strip: loop {
            for rank in &self.ranks {
                if w.len() > rank.len() && w[..rank.len()] == rank[..] {
                    w.drain(..rank.len());
                    continue 'strip;
                }
            }
            break;
        }
        // `Board Ivan Petrov` is the tail of `the Harbour Board` before a name: a person's name
        // does not open with an organisation word.
        if w.len() < 2 || self.organisations.contains(&w[0]) {
            return None;
        }
        let surname = w.pop()?;
        Some(Person { given: w, surname })
    }
}

/// The people of `people` in groups whose surnames fold to one under transliteration, each
/// group in the order given: only within a group can [`Person::same_as`] hold, so comparing
/// statements about people group by group keeps many statements near linear.
pub fn surname_groups(people: &[&Person]) -> Vec<Vec<usize>> {
    let translit = crate::extract::names::Translit::builtin();
    let keys: Vec<String> = people
        .iter()
        .map(|p| translit.fold(&p.surname).to_string())
        .collect();
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by(|&x, &y| keys[x].cmp(&keys[y]));
    order
        .chunk_by(|&x, &y| keys[x] == keys[y])
        .map(<[usize]>::to_vec)
        .collect()
}

/// A person, folded and without rank.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Person {
    pub given: Vec<String>,
    pub surname: String,
}

impl Person {
    pub fn key(&self) -> String {
        format!("{} {}", self.given.join(" "), self.surname)
    }

    /// Same surname, also through a transliteration (`Japaridze`/`Djaparidze`), and close first
    /// given names: equal, an initial of the other, the same consonants (`beyler`/`baylar`), or
    /// at most one edit apart (two for long names). One person spelled two ways is a name
    /// variant to report, not two holders of one post.
    pub fn same_as(&self, other: &Person) -> bool {
        if self.surname != other.surname {
            let translit = crate::extract::names::Translit::builtin();
            if translit.fold(&self.surname) != translit.fold(&other.surname) {
                return false;
            }
        }
        let (Some(a), Some(b)) = (self.given.first(), other.given.first()) else {
            return true;
        };
        if a == b {
            return true;
        }
        if a.len() == 1 || b.len() == 1 {
            return a.chars().next() == b.chars().next();
        }
        let skeleton =
            |s: &str| -> String { s.chars().filter(|c| !"aeiouy".contains(*c)).collect() };
        let allowed = if a.len().min(b.len()) >= 6 { 2 } else { 1 };
        skeleton(a) == skeleton(b) && a.chars().next() == b.chars().next()
            || strsim::levenshtein(a, b) <= allowed
    }
}

/// How a document relates to one of its local entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// What the document is about.
    Subject,
    /// Named as the subject's parent in the infobox.
    Parent,
    /// Named as one of the subject's children in the infobox.
    Child,
    /// Defined in a parenthetical, or only mentioned.
    Other,
}

/// A name as written in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// One entity a document talks about, with every name the document gives it.
#[derive(Debug, Clone)]
pub struct Local {
    pub role: Role,
    pub names: Vec<Name>,
    /// Every key of every name.
    pub keys: Vec<String>,
}

/// The entities of one document and the sections that are about one of them.
#[derive(Debug, Clone, Default)]
pub struct DocEntities {
    pub locals: Vec<Local>,
    pub subject: Option<usize>,
    /// (start offset, the section's subject) for every heading, in order.
    sections: Vec<(usize, Option<usize>)>,
    /// Lookups, so resolving a mention costs one hash probe per key rather than a scan of the
    /// document's entities: every key, every word-final part of two words or more of a key,
    /// and the initials of every name, each to the first entity that has it.
    by_key: FxHashMap<String, usize>,
    by_suffix: FxHashMap<String, usize>,
    by_initials: FxHashMap<String, usize>,
}

/// A name, then a parenthetical of other names, then maybe `of <Place>`:
/// `The Special Service (SS) of X`, `The Guard (Native Name; NG)`.
static PARENTHETICAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?<name>{NAME})\s*\((?<alts>[^()\n]{{1,150}})\)(?:\s+of\s+(?<tail>(?:the\s+)?(?:Republic\s+of\s+)?\p{{Lu}}[\p{{L}}\p{{M}}'’-]+))?"
    ))
    .unwrap()
});
static ACRONYM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\p{Lu}[\p{Lu}\p{N}&]{1,9}$").unwrap());

/// A capitalised name: capitalised words joined by spaces and a few lowercase linking words.
pub const NAME: &str = r"\p{Lu}[\p{L}\p{M}\p{N}'’&-]*(?:\s+(?:(?:of|and|for|the|de|du|des|del|la|le)\s+)*\p{Lu}[\p{L}\p{M}\p{N}'’&-]*)*";

/// True for a name worth keeping as an entity: an acronym, or two words or more.
pub fn is_entity_name(text: &str) -> bool {
    let t = text.trim();
    ACRONYM.is_match(t) || t.split_whitespace().count() >= 2
}

impl DocEntities {
    /// The document's declared entities: title, infobox names, parent and children,
    /// parenthetical definitions, and which sections are about which of them.
    pub fn build(doc: &Document, names: &Names) -> DocEntities {
        let mut e = DocEntities::default();
        for block in &doc.blocks {
            match &block.kind {
                BlockKind::Title if e.subject.is_none() => {
                    // `Harbour Service: directors 2019-2020 (news digest)`: the subject is the
                    // part before a colon that opens a subtitle.
                    let title = doc.slice(block.content);
                    let content = match title.find(": ") {
                        Some(cut) if cut > 0 => {
                            Span::new(block.content.start, block.content.start + cut)
                        }
                        _ => block.content,
                    };
                    let i = e.add(names, Role::Subject, name_at(doc, content));
                    e.subject = Some(i);
                }
                BlockKind::InfoboxField { key, value } => {
                    let k = field_key(doc.slice(*key));
                    let value = name_at(doc, *value);
                    if value.text.is_empty() || looks_like_file(&value.text) {
                        continue;
                    }
                    if names.name_fields.contains(&k) {
                        match e.subject {
                            Some(s) => e.alias(names, s, value),
                            None => e.subject = Some(e.add(names, Role::Subject, value)),
                        }
                    } else if names.parent_fields.contains(&k) {
                        e.find_or_add(names, Role::Parent, value);
                    } else if names.child_fields.contains(&k) {
                        e.find_or_add(names, Role::Child, value);
                    }
                }
                _ => {}
            }
        }
        for block in doc.blocks.iter().filter(|b| b.is_prose()) {
            let text = doc.slice(block.content);
            for c in PARENTHETICAL.captures_iter(text) {
                let at = |m: regex::Match| Span::new(m.start(), m.end()).shift(block.content.start);
                let name_span = names.trim_leading(&doc.text, at(c.name("name").unwrap()));
                let mut found = vec![name_at(doc, name_span)];
                let alts = c.name("alts").unwrap();
                let mut offset = alts.start();
                for alt in alts.as_str().split([';', ',']) {
                    let span = Span::new(offset, offset + alt.len()).shift(block.content.start);
                    offset += alt.len() + 1;
                    let alt = alt.trim();
                    let starts_upper = alt.chars().next().is_some_and(char::is_uppercase);
                    if starts_upper
                        && is_entity_name(alt)
                        && !alt.chars().any(|c| c.is_ascii_digit())
                    {
                        found.push(name_at(doc, trim_span(&doc.text, span)));
                    }
                }
                if found.len() < 2 || !is_entity_name(&found[0].text) {
                    continue;
                }
                if let Some(tail) = c.name("tail") {
                    let whole = Span::new(name_span.start, at(tail).end);
                    found.push(Name {
                        text: format!("{} of {}", found[0].text, tail.as_str()),
                        span: whole,
                    });
                }
                let target = found.iter().find_map(|n| e.find(names, &n.text));
                let target = target.unwrap_or_else(|| e.add(names, Role::Other, found[0].clone()));
                for n in found {
                    e.alias(names, target, n);
                }
            }
        }
        // Sections: a heading that names a local entity is about it; any other heading keeps
        // the subject of the section it stands in.
        let mut stack: Vec<(u8, Option<usize>)> = Vec::new();
        for block in &doc.blocks {
            let level = match block.kind {
                BlockKind::Heading { level } => level,
                _ => continue,
            };
            while stack.last().is_some_and(|(l, _)| *l >= level) {
                stack.pop();
            }
            let inherited = stack.last().map_or(e.subject, |(_, s)| *s);
            let own = e.find(names, doc.slice(block.content));
            let subject = own.or(inherited);
            stack.push((level, subject));
            e.sections.push((block.span.start, subject));
        }
        e
    }

    /// The entity a text at `offset` is about: its section's subject, else the document's.
    pub fn subject_at(&self, offset: usize) -> Option<usize> {
        let i = self.sections.partition_point(|(start, _)| *start <= offset);
        match i {
            0 => self.subject,
            _ => self.sections[i - 1].1,
        }
    }

    /// The local entity a name written at `span` refers to; a new one when it names none.
    /// `None` when the text is no entity name.
    pub fn resolve(&mut self, names: &Names, doc: &Document, span: Span) -> Option<usize> {
        let span = names.trim_leading(&doc.text, span);
        let text = doc.slice(span);
        let key = names.key(text);
        if key.is_empty() {
            return None;
        }
        if names.is_anaphor(&key) {
            // `the Service` (or a bare `Ministry fulfils ...` in a list of functions) refers
            // back; `a Militia was formed` introduces a new body.
            let before = doc.text[..span.start].trim_end();
            let last = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let definite = !matches!(last.as_str(), "a" | "an" | "another" | "one");
            return definite.then(|| self.subject_at(span.start)).flatten();
        }
        let bare = text.trim_start_matches("the ").trim_start_matches("The ");
        if !is_entity_name(bare) {
            return None;
        }
        // `Police and General-Lieutenant` (from `head of the Police and General-Lieutenant X`):
        // what follows `and` in a name must be a body too, else the name ran into the next
        // phrase.
        // `Ministry of Culture and Information` joins two complements of `of`: a name.
        if let Some((head, tail)) = bare.rsplit_once(" and ")
            && !head.contains(" of ")
        {
            let tail_key = names.key(tail);
            let body = ACRONYM.is_match(tail.trim())
                || tail_key.split(' ').any(|w| {
                    names.organisations.contains(w)
                        || w.strip_suffix('s')
                            .is_some_and(|s| names.organisations.contains(s))
                });
            if !body {
                return None;
            }
        }
        if let Some(i) = self.find(names, text) {
            return Some(i);
        }
        // Declared nowhere: an entity only when it looks like an organisation, so that a
        // person (`succeeded Ivan Petrov`) or a subject (`of Economic Development`) is none.
        let organisation = ACRONYM.is_match(bare.trim())
            || key.split(' ').any(|w| {
                names.organisations.contains(w)
                    || w.strip_suffix('s')
                        .is_some_and(|s| names.organisations.contains(s))
            });
        organisation.then(|| self.add(names, Role::Other, name_at(doc, span)))
    }

    /// The local entity a name refers to, if any.
    pub fn find(&self, names: &Names, text: &str) -> Option<usize> {
        let keys = names.keys(text);
        if let Some(i) = keys.iter().filter_map(|k| self.by_key.get(k)).min() {
            return Some(*i);
        }
        // An acronym never introduced: the initials of a local name (`MNS`, `Ministry of
        // National Security`), with or without its final `of <Place>`.
        let trimmed = text.trim();
        if ACRONYM.is_match(trimmed)
            && trimmed.chars().count() >= 3
            && let Some(i) = self.by_initials.get(trimmed)
        {
            return Some(*i);
        }
        // A word-final part of a local name: `Coast Guard` of `Finnish Coast Guard`.
        self.by_suffix.get(&keys[0]).copied()
    }

    fn find_or_add(&mut self, names: &Names, role: Role, name: Name) -> usize {
        match self.find(names, &name.text) {
            Some(i) => {
                self.alias(names, i, name);
                i
            }
            None => self.add(names, role, name),
        }
    }

    fn add(&mut self, names: &Names, role: Role, name: Name) -> usize {
        self.locals.push(Local {
            role,
            names: Vec::new(),
            keys: Vec::new(),
        });
        let i = self.locals.len() - 1;
        self.alias(names, i, name);
        i
    }

    fn alias(&mut self, names: &Names, i: usize, name: Name) {
        let first = |map: &mut FxHashMap<String, usize>, key: String| {
            let e = map.entry(key).or_insert(i);
            *e = (*e).min(i);
        };
        let core = name
            .text
            .rsplit_once(" of the Republic of ")
            .map_or(name.text.as_str(), |(c, _)| c);
        for text in [name.text.as_str(), core] {
            let letters = initials(text);
            if letters.chars().count() >= 3 {
                first(&mut self.by_initials, letters);
            }
        }
        for k in names.keys(&name.text) {
            if k.is_empty() || self.locals[i].keys.contains(&k) {
                continue;
            }
            let words: Vec<&str> = k.split(' ').collect();
            for start in 1..words.len().saturating_sub(1) {
                // After a connecting word the rest names another body: `Ministry of Economy`
                // in `Customs Service under the Ministry of Economy`, `Kyrgyz Republic` in
                // `Ministry of Culture of the Kyrgyz Republic`. Only a head noun with its own
                // modifiers dropped (`Coast Guard` of `Finnish Coast Guard`) is the same body.
                if SUFFIX_BREAKERS.contains(&words[start - 1]) {
                    continue;
                }
                first(&mut self.by_suffix, words[start..].join(" "));
            }
            first(&mut self.by_key, k.clone());
            self.locals[i].keys.push(k);
        }
        let local = &mut self.locals[i];
        if !local.names.iter().any(|n| n.text == name.text) {
            local.names.push(name);
        }
    }

    /// The name to show for a local entity: its first one.
    pub fn display(&self, i: usize) -> &str {
        self.locals[i].names.first().map_or("", |n| n.text.as_str())
    }
}

/// Words after which the rest of a name is the name of another body.
const SUFFIX_BREAKERS: &[&str] = &[
    "of",
    "under",
    "at",
    "to",
    "for",
    "in",
    "within",
    "and",
    "by",
    "with",
    "on",
    "the",
    "attached",
    "affiliated",
    "subordinate",
    "beside",
    "near",
];

/// The first letters of a name's capitalised words: `MNS` of `Ministry of National Security`.
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An infobox key as compared: lowercase, without spaces, underscores or digits.
pub fn field_key(key: &str) -> String {
    key.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

fn looks_like_file(value: &str) -> bool {
    let lower = value.to_lowercase();
    [".jpg", ".jpeg", ".png", ".svg", ".gif"]
        .iter()
        .any(|e| lower.ends_with(e))
}

fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    let lead = s.len() - s.trim_start().len();
    Span::new(span.start + lead, span.start + s.trim_end().len())
}

fn name_at(doc: &Document, span: Span) -> Name {
    let span = trim_span(&doc.text, span);
    Name {
        text: doc.slice(span).to_string(),
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Lexicon, facts::FactPatterns};

    fn names() -> &'static Names {
        &FactPatterns::builtin().names
    }

    fn doc(text: &str) -> Document {
        Document::analyze(0, "d".into(), text.into(), Lexicon::builtin())
    }

    #[test]
    fn keys_drop_articles_and_a_final_place() {
        let n = names();
        assert_eq!(n.key("The Special Guard"), "special guard");
        assert_eq!(
            n.keys("Special Guard of the Republic of Ruritania"),
            vec![
                "special guard of republic of ruritania".to_string(),
                "special guard".to_string()
            ]
        );
        assert_eq!(n.keys("Ministry of Defence").len(), 1, "too short a core");
    }

    #[test]
    fn ranks_are_stripped_and_close_given_names_are_one_person() {
        let n = names();
        let a = n.person("Colonel-General Ivan Petrov").unwrap();
        let b = n.person("Ivan Petrov").unwrap();
        assert_eq!(a, b);
        let c = n.person("Col-Gen Ivan Petrov").unwrap();
        assert_eq!(a, c);
        let x = n.person("Beyler Mammadov").unwrap();
        let y = n.person("Baylar Mammadov").unwrap();
        assert!(x.same_as(&y));
        let z = n.person("Ramin Mammadov").unwrap();
        assert!(!x.same_as(&z), "another given name is another person");
        assert!(n.person("Colonel Petrov").is_none());
        let j = n.person("Commander Revaz Tsereteli").unwrap();
        assert_eq!(
            j,
            n.person("Revaz Tsereteli").unwrap(),
            "a title is stripped like a rank"
        );
        let k = n.person("Tamaz Japaridze").unwrap();
        assert!(
            k.same_as(&n.person("Tamaz Djaparidze").unwrap()),
            "one surname, two romanisations"
        );
        assert!(
            !k.same_as(&n.person("Nodar Djaparidze").unwrap()),
            "another given name"
        );
        assert!(
            !k.same_as(&n.person("Tamaz Jorjadze").unwrap()),
            "another surname"
        );
    }

    #[test]
    fn a_document_declares_its_subject_and_aliases() {
        let text = "= Special Guard of Ruritania =\n\nInfobox\n- Agencyname: Special Guard of the Republic of Ruritania\n- Abbreviation: SGR\n- Parentagency: State Protection Office of Ruritania\n\nThe Special Guard of Ruritania (Osobaya Straja; OSR) protects. The State Protection Office (SPO) of Ruritania is its parent.\n\n== History ==\nThe Guard grew.\n\n== Royal Academy ==\nIt taught Ivan Petrov.\n";
        let d = doc(text);
        let mut e = DocEntities::build(&d, names());
        let s = e.subject.unwrap();
        for name in ["SGR", "OSR", "Osobaya Straja", "Special Guard"] {
            assert_eq!(e.find(names(), name), Some(s), "{name}");
        }
        let parent = e.find(names(), "SPO").unwrap();
        assert_ne!(parent, s);
        assert_eq!(e.locals[parent].role, Role::Parent);
        let at = text.find("The Guard").unwrap();
        assert_eq!(e.resolve(names(), &d, Span::new(at, at + 9)), Some(s));
        let before = e.locals.len();
        let at = text.find("Royal Academy").unwrap();
        let academy = e.resolve(names(), &d, Span::new(at, at + 13)).unwrap();
        assert_eq!(
            e.locals.len(),
            before + 1,
            "an unknown organisation is a new entity"
        );
        assert_ne!(academy, s);
        let at = text.find("Ivan Petrov").unwrap();
        assert_eq!(
            e.resolve(names(), &d, Span::new(at, at + 11)),
            None,
            "a person is no entity"
        );
    }
}
