//! `word_pattern`: a short sequence of words, described by a pattern, in which one word is
//! wrong and the rest are the context that proves it (`aimed [too] streamline`, `has [became]`).
//!
//! Real-word errors pass every spell checker: `too`, `its`, `became` are all words. What gives
//! them away is their neighbours, so each rule states the neighbourhood that decides, as data:
//!
//! ```text
//! @to_verb [too=to] @verb&!@adjective&!@adverb
//! ```
//!
//! One pattern is tokens separated by spaces, matched against consecutive words of one sentence
//! that only spaces separate (a comma or a bracket breaks the sequence). A token is
//! alternatives joined by `|`, each a literal word (case-insensitive; `’` reads as `'`), a class
//! (`@name`: one of the rule's `classes`, or the lexicon's `@verb`, `@adjective`, `@adverb`) or a
//! shape (`#Cap`, `#ACR`, `#lower`, `#num`, `#ed`, `#ing`, `#adjsuffix`, `#vowel`, `#consonant`). Alternatives can be joined
//! with `&` (all must hold) and negated with `!`. A trailing `?` makes a token optional.
//! Exactly one token is the target, in brackets: `[too=to]` replaces it by `to`; a target whose
//! word comes from a class listed as `wrong/right` pairs takes the pair's right side (`_` reads
//! as a space; an empty replacement, `[that=]`, deletes the word and the space after it).
//! Context that is not a word:
//!
//! - `<` first: the match opens the sentence; `>` last: no word follows within the sequence
//!   (punctuation or the end of the sentence does).
//! - `-X` first or last (several context tokens may open a pattern): the word just before or after, when only spaces separate it, is not X.
//! - `~X` first: no word of the sentence before the match is X (`~and` keeps `A and B have` out).
//!
//! The engine looks only at words that a pattern's literal words or listed classes can start
//! from (its trigger), so a pack of patterns costs one hash look-up per word.

use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use super::repeated_word::{adjacent, glued};
use super::wordclass::{WordClass, past_form, present_participle};
use super::{Check, Context, Kind};
use crate::config::Rule;
use crate::corpus::{Document, Lowered, Span};
use crate::finding::Finding;

pub const KIND: Kind = Kind {
    name: "word_pattern",
    summary: "a wrong word given away by the words around it",
    params: "patterns: word patterns with one [target] each (required)\n\
             classes: named word lists for @name, entries `word` or `wrong/right` ({})",
    placeholders: &["found", "expected", "context"],
    build,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Params {
    patterns: Vec<String>,
    #[serde(default)]
    classes: FxHashMap<String, Vec<String>>,
}

/// A word list of the rule: its words and, for `wrong/right` entries, the right form.
#[derive(Default)]
struct List {
    words: FxHashSet<String>,
    right: FxHashMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A capital followed by at least one lowercase letter: `Norland`, `McAdam`.
    Cap,
    /// Two to six capital letters: `NATO`, `UNESCO`.
    Acronym,
    /// No capital letter.
    Lower,
    /// Digits, possibly with separators: `300`, `1,500`.
    Number,
    /// A lowercase word of four letters or more ending in `ed`: a past form of a regular verb.
    Ed,
    /// A lowercase word of five letters or more ending in `ing`: a present participle.
    Ing,
    /// A lowercase word whose last part, after any hyphen, is six letters or more and ends like
    /// an adjective (`-ical`, `-ous`, `-ive`...): `economic`, `anti-epidemiological`.
    AdjSuffix,
    /// A lowercase word that begins with a vowel sound by its spelling: `a`, `e`, `i`, `o`, but
    /// not `eu`, `ewe`, `one`, `once` (a euro, a one-off). Words in `u` and `h` are left out:
    /// their sound cannot be told from the letters (a unit, an umbrella; a house, an hour).
    VowelSound,
    /// A lowercase word that begins with a consonant sound by its spelling: any consonant
    /// letter but `h` and `x` (an hour, an x-ray), and not a single letter before a hyphen
    /// (an n-gram, an f-stop).
    ConsonantSound,
}

const ADJECTIVE_ENDINGS: &[&str] = &[
    "ical", "ial", "ual", "onal", "ic", "ous", "ive", "ful", "less", "able", "ible", "ular",
];

impl Shape {
    fn parse(name: &str) -> Option<Shape> {
        Some(match name {
            "Cap" => Shape::Cap,
            "ACR" => Shape::Acronym,
            "lower" => Shape::Lower,
            "num" => Shape::Number,
            "ed" => Shape::Ed,
            "ing" => Shape::Ing,
            "adjsuffix" => Shape::AdjSuffix,
            "vowel" => Shape::VowelSound,
            "consonant" => Shape::ConsonantSound,
            _ => return None,
        })
    }

    fn holds(self, word: &str) -> bool {
        let mut chars = word.chars();
        match self {
            Shape::Cap => {
                chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
            }
            Shape::Acronym => {
                (2..=6).contains(&word.len()) && word.bytes().all(|b| b.is_ascii_uppercase())
            }
            Shape::Lower => !word.chars().any(char::is_uppercase),
            Shape::Number => {
                word.starts_with(|c: char| c.is_ascii_digit())
                    && word
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
            }
            Shape::Ed => past_form(word) && !word.chars().any(char::is_uppercase),
            Shape::Ing => present_participle(word) && !word.chars().any(char::is_uppercase),
            Shape::VowelSound => {
                let lower = !word.chars().any(char::is_uppercase);
                lower
                    && word.starts_with(['a', 'e', 'i', 'o'])
                    && !["eu", "ewe", "one", "once"]
                        .iter()
                        .any(|p| word.starts_with(p))
                    && !single_letter_part(word)
            }
            Shape::ConsonantSound => {
                let lower = !word.chars().any(char::is_uppercase);
                lower
                    && word.starts_with(|c: char| {
                        c.is_ascii_lowercase()
                            && !matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'h' | 'x')
                    })
                    && !single_letter_part(word)
            }
            Shape::AdjSuffix => {
                let last = word.rsplit('-').next().unwrap_or(word);
                !word.chars().any(char::is_uppercase)
                    && last.chars().count() >= 6
                    && ADJECTIVE_ENDINGS.iter().any(|e| last.ends_with(e))
            }
        }
    }
}

/// `n-gram`, `x-ray`, `a`: a word whose first part is one letter, read by the letter's name.
fn single_letter_part(word: &str) -> bool {
    word.split('-')
        .next()
        .is_some_and(|p| p.chars().count() == 1)
}

#[derive(Debug, Clone)]
enum Atom {
    Literal(String),
    /// An index into the rule's lists.
    List(usize),
    Lexicon(WordClass),
    Shape(Shape),
}

/// Alternatives, possibly negated.
#[derive(Debug, Clone)]
struct Alternatives {
    negated: bool,
    atoms: Vec<Atom>,
}

/// All of these must hold.
#[derive(Debug, Clone)]
struct Expr(Vec<Alternatives>);

#[derive(Debug, Clone)]
struct Token {
    expr: Expr,
    optional: bool,
}

#[derive(Debug, Clone)]
enum Before {
    SentenceStart,
    Not(Expr),
    NoneEarlier(Expr),
}

#[derive(Debug, Clone)]
enum After {
    Anything,
    SequenceEnd,
    Not(Expr),
}

#[derive(Debug)]
struct Pattern {
    /// Every one of these holds before the match.
    before: Vec<Before>,
    tokens: Vec<Token>,
    after: After,
    target: usize,
    /// The replacement written in the pattern (`[too=to]`), if any.
    replacement: Option<String>,
    /// The token the engine starts from, and the words that can fill it.
    anchor: usize,
    trigger: Vec<String>,
}

struct WordPattern {
    lists: Vec<List>,
    patterns: Vec<Pattern>,
    /// Trigger word → patterns that can start from it.
    by_trigger: FxHashMap<String, Vec<usize>>,
}

fn build(value: toml::Value) -> Result<Box<dyn Check>, String> {
    let p: Params = super::params(value)?;
    if p.patterns.is_empty() {
        return Err("`patterns` must list at least one pattern".into());
    }
    let mut names: Vec<&String> = p.classes.keys().collect();
    names.sort();
    let mut index = FxHashMap::default();
    let mut lists = Vec::new();
    for name in names {
        if WordClass::from_name(name).is_some() {
            return Err(format!("class `{name}` hides the lexicon's `@{name}`"));
        }
        let mut list = List::default();
        for entry in &p.classes[name] {
            let (wrong, right) = match entry.split_once('/') {
                Some((w, r)) => (w, Some(r)),
                None => (entry.as_str(), None),
            };
            let wrong = normalise(wrong.trim());
            if wrong.is_empty() || wrong.contains(' ') {
                return Err(format!("class `{name}`: `{entry}` is not one word"));
            }
            if let Some(r) = right {
                list.right.insert(wrong.clone(), r.trim().replace('_', " "));
            }
            list.words.insert(wrong);
        }
        index.insert(name.clone(), lists.len());
        lists.push(list);
    }
    let mut patterns = Vec::new();
    let mut by_trigger: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for source in &p.patterns {
        let pattern = parse_pattern(source, &index, &lists)
            .map_err(|e| format!("pattern `{source}`: {e}"))?;
        for word in &pattern.trigger {
            by_trigger
                .entry(word.clone())
                .or_default()
                .push(patterns.len());
        }
        patterns.push(pattern);
    }
    Ok(Box::new(WordPattern {
        lists,
        patterns,
        by_trigger,
    }))
}

/// Lowercase, with the typographic apostrophe read as the straight one.
fn normalise(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

fn parse_expr(text: &str, index: &FxHashMap<String, usize>) -> Result<Expr, String> {
    let mut all = Vec::new();
    for part in text.split('&') {
        let (negated, body) = match part.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        let mut atoms = Vec::new();
        for alt in body.split('|') {
            let atom = if let Some(name) = alt.strip_prefix('@') {
                match (index.get(name), WordClass::from_name(name)) {
                    (Some(&i), _) => Atom::List(i),
                    (None, Some(class)) => Atom::Lexicon(class),
                    (None, None) => return Err(format!("no class `@{name}`")),
                }
            } else if let Some(name) = alt.strip_prefix('#') {
                Atom::Shape(Shape::parse(name).ok_or_else(|| format!("no shape `#{name}`"))?)
            } else if alt.is_empty() {
                return Err("an empty alternative".into());
            } else {
                Atom::Literal(normalise(alt))
            };
            atoms.push(atom);
        }
        all.push(Alternatives { negated, atoms });
    }
    Ok(Expr(all))
}

fn parse_pattern(
    source: &str,
    index: &FxHashMap<String, usize>,
    lists: &[List],
) -> Result<Pattern, String> {
    let mut parts: Vec<&str> = source.split_whitespace().collect();
    let mut before = Vec::new();
    let mut after = After::Anything;
    while let Some(first) = parts.first().copied() {
        if first == "<" {
            before.push(Before::SentenceStart);
        } else if let Some(rest) = first.strip_prefix('-') {
            before.push(Before::Not(parse_expr(rest, index)?));
        } else if let Some(rest) = first.strip_prefix('~') {
            before.push(Before::NoneEarlier(parse_expr(rest, index)?));
        } else {
            break;
        }
        parts.remove(0);
    }
    if let Some(last) = parts.last().copied() {
        if last == ">" {
            after = After::SequenceEnd;
            parts.pop();
        } else if let Some(rest) = last.strip_prefix('-') {
            after = After::Not(parse_expr(rest, index)?);
            parts.pop();
        }
    }
    let mut tokens = Vec::new();
    let mut target = None;
    let mut replacement = None;
    for part in parts {
        if matches!(part.chars().next(), Some('<' | '>' | '-' | '~')) {
            return Err(format!("`{part}` can only open or close a pattern"));
        }
        if let Some(inner) = part.strip_prefix('[').and_then(|p| p.strip_suffix(']')) {
            if target.is_some() {
                return Err("more than one [target]".into());
            }
            let (expr, repl) = match inner.split_once('=') {
                Some((e, r)) => (e, Some(r.replace('_', " "))),
                None => (inner, None),
            };
            target = Some(tokens.len());
            replacement = repl;
            tokens.push(Token {
                expr: parse_expr(expr, index)?,
                optional: false,
            });
        } else {
            let (body, optional) = match part.strip_suffix('?') {
                Some(b) => (b, true),
                None => (part, false),
            };
            tokens.push(Token {
                expr: parse_expr(body, index)?,
                optional,
            });
        }
    }
    let target = target.ok_or("no [target] token")?;
    if replacement.is_none() && !target_maps(&tokens[target].expr, lists) {
        return Err("the target needs `=replacement` or a class of `wrong/right` pairs".into());
    }
    // Start from the target when its words are listed, else from the first listed token.
    let anchor = std::iter::once(target)
        .chain(0..tokens.len())
        .find(|&i| !tokens[i].optional && trigger_words(&tokens[i].expr, lists).is_some())
        .ok_or("no token lists its words (a literal or a class of the rule), to start from")?;
    let trigger = trigger_words(&tokens[anchor].expr, lists).unwrap_or_default();
    Ok(Pattern {
        before,
        tokens,
        after,
        target,
        replacement,
        anchor,
        trigger,
    })
}

/// The words a token can match, when they are listed: its first non-negated alternatives are all
/// literal words or rule classes.
fn trigger_words(expr: &Expr, lists: &[List]) -> Option<Vec<String>> {
    let alts = expr.0.iter().find(|a| !a.negated)?;
    let mut words = Vec::new();
    for atom in &alts.atoms {
        match atom {
            Atom::Literal(w) => words.push(w.clone()),
            Atom::List(i) => words.extend(lists[*i].words.iter().cloned()),
            Atom::Lexicon(_) | Atom::Shape(_) => return None,
        }
    }
    Some(words)
}

fn target_maps(expr: &Expr, lists: &[List]) -> bool {
    expr.0.iter().any(|a| {
        !a.negated
            && a.atoms
                .iter()
                .any(|atom| matches!(atom, Atom::List(i) if !lists[*i].right.is_empty()))
    })
}

/// The words of one sentence: their spans and normalised forms.
struct Words<'d> {
    doc: &'d Document,
    spans: &'d [Span],
    /// The document's lowercase words, and where the sentence's first word is among them.
    lowered: &'d Lowered,
    first: usize,
}

impl Words<'_> {
    fn raw(&self, i: usize) -> &str {
        self.doc.slice(self.spans[i])
    }

    fn lower(&self, i: usize) -> &str {
        self.lowered.word(self.first + i)
    }

    /// True when only spaces separate word `i` from word `i + 1`.
    fn joined(&self, i: usize) -> bool {
        i + 1 < self.spans.len() && adjacent(self.doc, self.spans[i], self.spans[i + 1])
    }
}

impl WordPattern {
    fn atom_holds(&self, atom: &Atom, words: &Words, i: usize) -> bool {
        let lower = words.lower(i);
        match atom {
            Atom::Literal(w) => lower == w,
            Atom::List(l) => self.lists[*l].words.contains(lower),
            Atom::Lexicon(class) => class.contains(lower),
            Atom::Shape(shape) => shape.holds(words.raw(i)),
        }
    }

    fn holds(&self, expr: &Expr, words: &Words, i: usize) -> bool {
        expr.0
            .iter()
            .all(|alts| alts.atoms.iter().any(|a| self.atom_holds(a, words, i)) != alts.negated)
    }

    /// Matches `tokens[t..]` from word `i` on, each word joined to the one before; returns the
    /// index of the last word matched. `i` is the word after the previous match, `last`.
    fn forward(&self, p: &Pattern, t: usize, last: usize, words: &Words) -> Option<usize> {
        if t == p.tokens.len() {
            return self.after_ok(p, last, words).then_some(last);
        }
        let token = &p.tokens[t];
        let i = last + 1;
        if words.joined(last)
            && self.holds(&token.expr, words, i)
            && let Some(end) = self.forward(p, t + 1, i, words)
        {
            return Some(end);
        }
        if token.optional {
            return self.forward(p, t + 1, last, words);
        }
        None
    }

    /// Matches `tokens[..t]` backwards, ending just before word `first`; returns the index of
    /// the first word matched.
    fn backward(&self, p: &Pattern, t: usize, first: usize, words: &Words) -> Option<usize> {
        if t == 0 {
            return self.before_ok(p, first, words).then_some(first);
        }
        let token = &p.tokens[t - 1];
        if first > 0
            && words.joined(first - 1)
            && self.holds(&token.expr, words, first - 1)
            && let Some(start) = self.backward(p, t - 1, first - 1, words)
        {
            return Some(start);
        }
        if token.optional {
            return self.backward(p, t - 1, first, words);
        }
        None
    }

    fn before_ok(&self, p: &Pattern, first: usize, words: &Words) -> bool {
        p.before.iter().all(|b| match b {
            Before::SentenceStart => first == 0,
            Before::Not(expr) => {
                first == 0 || !words.joined(first - 1) || !self.holds(expr, words, first - 1)
            }
            Before::NoneEarlier(expr) => (0..first).all(|i| !self.holds(expr, words, i)),
        })
    }

    fn after_ok(&self, p: &Pattern, last: usize, words: &Words) -> bool {
        match &p.after {
            After::Anything => true,
            After::SequenceEnd => !words.joined(last),
            After::Not(expr) => !words.joined(last) || !self.holds(expr, words, last + 1),
        }
    }

    /// The replacement for the target word `lower` of pattern `p`.
    fn replacement(&self, p: &Pattern, lower: &str) -> Option<String> {
        if let Some(r) = &p.replacement {
            return Some(r.clone());
        }
        let alts = p.tokens[p.target].expr.0.iter().find(|a| !a.negated)?;
        alts.atoms.iter().find_map(|atom| match atom {
            Atom::List(l) => self.lists[*l].right.get(lower).cloned(),
            _ => None,
        })
    }
}

/// `right` with the first letter's case of `found`: `Its` → `It's`.
fn match_case(found: &str, right: &str) -> String {
    let upper = found.chars().next().is_some_and(char::is_uppercase);
    let mut chars = right.chars();
    match chars.next() {
        Some(c) if upper => c.to_uppercase().chain(chars).collect(),
        _ => right.to_string(),
    }
}

impl Check for WordPattern {
    fn check_document(&self, rule: &Rule, _cx: &Context, doc: &Document, out: &mut Vec<Finding>) {
        let lowered = doc.lowered();
        // The patterns each distinct word can start, looked up once per document.
        let starts: Vec<Option<&Vec<usize>>> = lowered
            .vocabulary
            .iter()
            .map(|w| self.by_trigger.get(&**w))
            .collect();
        for sentence in &doc.sentences {
            let spans = &doc.words[sentence.words.clone()];
            let words = Words {
                doc,
                spans,
                lowered,
                first: sentence.words.start,
            };
            for i in 0..spans.len() {
                let Some(candidates) = starts[lowered.ids[sentence.words.start + i] as usize]
                else {
                    continue;
                };
                let words = &words;
                for &pi in candidates {
                    let p = &self.patterns[pi];
                    if !self.holds(&p.tokens[p.anchor].expr, words, i) {
                        continue;
                    }
                    let Some(end) = self.forward(p, p.anchor + 1, i, words) else {
                        continue;
                    };
                    let Some(start) = self.backward(p, p.anchor, i, words) else {
                        continue;
                    };
                    // The target's word: the match is rigid between optional tokens, so find it
                    // by matching again from the start with the target's position.
                    let Some(target) = locate_target(self, p, start, end, words) else {
                        continue;
                    };
                    let span = spans[target];
                    // Code, paths and markup are no prose: `foo.the`, `<a id="x">`.
                    let markup = (start..=end).any(|k| {
                        glued(doc, spans[k])
                            || doc.text[..spans[k].start].ends_with('<')
                            || doc.text[spans[k].end..].starts_with(['=', '>'])
                    });
                    if markup {
                        continue;
                    }
                    let found = doc.slice(span);
                    let Some(right) = self.replacement(p, words.lower(target)) else {
                        continue;
                    };
                    let right = match_case(found, &right);
                    let context = doc.slice(Span::new(spans[start].start, spans[end].end));
                    // An empty replacement deletes the word with the space after it.
                    let (span, label) = if right.is_empty() {
                        let to = spans.get(target + 1).map_or(span.end, |n| n.start);
                        (Span::new(span.start, to), "delete this word".to_string())
                    } else {
                        (span, format!("did you mean `{right}`?"))
                    };
                    out.push(
                        rule.finding(&[
                            ("found", found),
                            ("expected", &right),
                            ("context", context),
                        ])
                        .label(doc.id, span, label)
                        .note(format!("in `{context}`: the words around it decide"))
                        .suggest(right),
                    );
                }
            }
        }
    }
}

/// The word that the target token took in the match from `start` to `end`: the assignment of
/// optional tokens that covers exactly that range.
fn locate_target(
    wp: &WordPattern,
    p: &Pattern,
    start: usize,
    end: usize,
    words: &Words,
) -> Option<usize> {
    fn go(
        wp: &WordPattern,
        p: &Pattern,
        t: usize,
        i: usize,
        end: usize,
        words: &Words,
        target: Option<usize>,
    ) -> Option<usize> {
        if t == p.tokens.len() {
            return if i == end + 1 { target } else { None };
        }
        let token = &p.tokens[t];
        if i <= end && wp.holds(&token.expr, words, i) {
            let target = if t == p.target { Some(i) } else { target };
            if let Some(found) = go(wp, p, t + 1, i + 1, end, words, target) {
                return Some(found);
            }
        }
        if token.optional {
            return go(wp, p, t + 1, i, end, words, target);
        }
        None
    }
    go(wp, p, 0, start, end, words, None)
}

#[cfg(test)]
mod tests {
    use crate::testing::{findings, rule};

    fn pattern_rule(patterns: &str, classes: &str) -> crate::config::Rule {
        rule(&format!(
            r#"
            name = "confused-word"
            code = "T099"
            category = "typo"
            severity = "warning"
            check = "word_pattern"
            message = "`{{found}}` should probably be `{{expected}}`"
            [rule.params]
            patterns = {patterns}
            classes = {{ {classes} }}
            "#
        ))
    }

    #[test]
    fn a_word_in_its_deciding_context_is_reported_with_its_replacement() {
        let r = pattern_rule(
            r#"["@to_verb [too=to] @verb&!@adjective&!@adverb"]"#,
            r#"to_verb = ["aimed", "wants"]"#,
        );
        let f = findings(&r, &["The reform aimed too streamline the service."]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].message, "`too` should probably be `to`");
        assert_eq!(f[0].suggestion.as_deref(), Some("to"));
        let near = [
            "The reform aimed too high. She wants too much. He aimed, too, improve.",
            "The reform aimed too\n\nstreamline. The budget too streamline.",
        ];
        assert!(findings(&r, &near).is_empty());
    }

    #[test]
    fn pairs_optional_tokens_and_lookarounds() {
        let r = pattern_rule(
            r#"["-has|have|had he|she @adv? [been=has_been]", "has|have [@past]", "~and @title #Cap #Cap? [have=has] #ed"]"#,
            r#"past = ["became/become", "went/gone"], adv = ["always", "never"], title = ["minister"]"#,
        );
        let hits = [
            "He stressed that he always been guided by honour.",
            "The post has became vacant. They have went home.",
            "Prime Minister Ada Prinn have attended the event.",
        ];
        let f = findings(&r, &hits);
        let got: Vec<_> = f.iter().filter_map(|f| f.suggestion.as_deref()).collect();
        assert_eq!(got, ["has been", "become", "gone", "has"], "{f:#?}");
        let near = [
            "Has he always been guided? Had she been there? It has become vacant.",
            "The Minister and Prime Minister Ada Prinn have attended. Minister Ada Prinn have the floor.",
            "They have gone. He has always been kind.",
        ];
        let f = findings(&r, &near);
        assert!(f.is_empty(), "{f:#?}");
    }

    #[test]
    fn case_and_apostrophes_follow_the_text() {
        let r = pattern_rule(
            r#"["of|in [it's=its] -a|an|the|not", "[its=it's] been"]"#,
            "",
        );
        let f = findings(
            &r,
            &["For most of it’s history. Its been a year. In it's a way."],
        );
        let got: Vec<_> = f.iter().filter_map(|f| f.suggestion.as_deref()).collect();
        assert_eq!(got, ["its", "It's"], "{f:#?}");
    }

    #[test]
    fn an_empty_replacement_deletes_the_word_and_its_space() {
        let r = pattern_rule(r#"["said that [that=] over"]"#, "");
        let f = findings(&r, &["He said that that over time it grew."]);
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!(f[0].suggestion.as_deref(), Some(""));
        let l = &f[0].labels[0];
        assert_eq!(l.span.end - l.span.start, "that ".len());
    }

    #[test]
    fn bad_patterns_are_refused() {
        for (patterns, why) in [
            (r#"["too streamline"]"#, "no target"),
            (r#"["[@verb=to]"]"#, "nothing listed to start from"),
            (r#"["[too]"]"#, "no replacement"),
            (r#"["a [b=c] [d=e]"]"#, "two targets"),
            (r#"["a < [b=c]"]"#, "a boundary inside"),
            (r#"["@nope [b=c]"]"#, "an unknown class"),
        ] {
            let body = format!(
                "name = \"x\"\ncode = \"T099\"\ncategory = \"typo\"\nseverity = \"info\"\ncheck = \"word_pattern\"\nmessage = \"`{{found}}`\"\n[rule.params]\npatterns = {patterns}\n"
            );
            let text = format!(
                "[[rule]]\n{body}\n[rule.doc]\nflags = \"x\"\nwhy = \"x\"\nexample = \"x\"\nfix = \"x\"\nlimits = \"x\"\n"
            );
            assert!(
                crate::config::rules::parse_pack(&text, "t.toml").is_err(),
                "{why}"
            );
        }
    }
}
