//! Typed mentions, read from the tagged tokens of one sentence.
//!
//! - A **capitalised run** is a sequence of proper nouns with no punctuation between them,
//!   joined by `of`/`for` (+ `the`): `Ministry of Internal Affairs`, `Norland's Coastal Guard`.
//! - A run that ends in one to three plain name words after a post or title word is a **post**
//!   then a **person**: `Interior Minister Ada Prinn`, `Director of the Harbour Service Ivo
//!   Kask`. The person keeps the post said before it (`title`): that is a post claim.
//! - A run holding an organisation word (`Service`, `Ministry`), a company suffix (`LLC`, part
//!   of the name) or written in capitals (`NSS`) is an **organisation**, its possessive or
//!   adjectival country included. A run of two to four plain name words is a **person**; so
//!   `Guard Service` is never a person. One plain capitalised word is a **name** (a surname, a
//!   place): later stages decide.
//! - A lower-case post word with its modifiers and an `of` + organisation tail is a **post**:
//!   `deputy chief of Police`, `the acting head of the Harbour Service`.
//! - Dates (see [`super::time`]) and numbers.
//!
//! A mention inside brackets that also hold a digit is `cited`: `(Harbour Herald, July 4)` is a
//! citation, not another name of what precedes it.

use super::time::{self, TimeMention};
use super::{Pos, Token};
use crate::extract::dates::PartialDate;
use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Person,
    Organisation,
    Post,
    /// A single capitalised word that is neither clearly a person nor an organisation.
    Name,
    Date(TimeMention),
    Number,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub kind: MentionKind,
    pub span: Span,
    /// Index of its sentence in the document.
    pub sentence: usize,
    /// For a person: the post or title said just before the name, a post claim.
    pub title: Option<Span>,
    /// Inside brackets that hold a digit: a citation, not an alias.
    pub cited: bool,
}

impl Mention {
    fn new(kind: MentionKind, span: Span) -> Mention {
        Mention {
            kind,
            span,
            sentence: 0,
            title: None,
            cited: false,
        }
    }

    pub fn date(&self) -> Option<PartialDate> {
        match self.kind {
            MentionKind::Date(t) => Some(t.date),
            _ => None,
        }
    }
}

fn is_connector(word: &str) -> bool {
    matches!(word, "of" | "for" | "the")
}

/// A plain name word: capitalised, no organisation, post, title or month word, not in capitals.
fn plain(t: &Token, word: &str) -> bool {
    t.pos == Pos::Propn
        && !t.flags.organisation
        && !t.flags.post
        && !t.flags.title
        && !t.flags.month
        && !t.flags.company_suffix
        && !is_connector(word)
        && word.chars().count() > 1
}

pub fn find(
    text: &str,
    sentence: Span,
    tokens: &[Token],
    words: &[Box<str>],
    anchor: Option<PartialDate>,
) -> Vec<Mention> {
    let word = |i: usize| &*words[tokens[i].word as usize];
    let surface = |i: usize| &text[tokens[i].span.start..tokens[i].span.end];
    let mut out: Vec<Mention> = Vec::new();
    let dates = time::find(&text[sentence.start..sentence.end], sentence.start, anchor);
    // The dates are in text order: the ones that can overlap a span are found by bisection (a
    // few before the first that starts after it, as readings may overlap), so a long sentence
    // of many dates stays linear.
    let in_date = |s: Span| {
        let k = dates.partition_point(|(d, _)| d.start < s.end);
        dates[k.saturating_sub(3)..k]
            .iter()
            .any(|(d, _)| s.start < d.end)
    };
    for (span, t) in &dates {
        out.push(Mention::new(MentionKind::Date(*t), *span));
    }
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        if in_date(t.span) {
            i += 1;
            continue;
        }
        if t.pos == Pos::Num {
            out.push(Mention::new(MentionKind::Number, t.span));
            i += 1;
            continue;
        }
        if t.pos == Pos::Propn && !t.flags.month {
            // A capitalised run, with `of`/`for` (+ `the`) inside when a capital follows.
            let start = i;
            let mut end = i + 1;
            while end < tokens.len() {
                let n = &tokens[end];
                if n.comma_before
                    || n.break_before
                    || in_date(n.span)
                    || n.in_brackets != t.in_brackets
                {
                    break;
                }
                if n.pos == Pos::Propn {
                    end += 1;
                    continue;
                }
                let mut k = end;
                while k < tokens.len()
                    && k < end + 2
                    && is_connector(word(k))
                    && !tokens[k].capitalised
                {
                    k += 1;
                }
                if k > end
                    && k < tokens.len()
                    && tokens[k].pos == Pos::Propn
                    && !tokens[k].comma_before
                    && !tokens[k].break_before
                    && word(end) != "the"
                {
                    end = k + 1;
                    continue;
                }
                break;
            }
            // A possessive ends a run unless a capital follows (`Norland's Coastal Guard`).
            out.extend(classify_run(tokens, words, surface, start, end));
            i = end;
            continue;
        }
        if t.flags.post && !t.capitalised {
            out.push(lower_post(tokens, words, i));
            i += 1;
            continue;
        }
        i += 1;
    }
    // Citations: mentions inside brackets that hold a digit. The brackets are found in one pass
    // over the sentence, so a long sentence of many mentions stays linear.
    let body = &text[sentence.start..sentence.end];
    let opens: Vec<usize> = body
        .match_indices('(')
        .map(|(i, _)| sentence.start + i)
        .collect();
    if !opens.is_empty() {
        let closes: Vec<usize> = body
            .match_indices(')')
            .map(|(i, _)| sentence.start + i)
            .collect();
        for m in &mut out {
            let Some(&open) = opens[..opens.partition_point(|&o| o < m.span.start)].last() else {
                continue;
            };
            // The first `)` after the opening: before the mention it closes the bracket first.
            let Some(&close) = closes.get(closes.partition_point(|&c| c < open)) else {
                continue;
            };
            if close >= m.span.end {
                m.cited = text[open..close].bytes().any(|b| b.is_ascii_digit());
            }
        }
    }
    out.sort_by_key(|m| (m.span.start, m.span.end));
    out
}

fn classify_run<'a>(
    tokens: &[Token],
    words: &[Box<str>],
    surface: impl Fn(usize) -> &'a str,
    start: usize,
    end: usize,
) -> Vec<Mention> {
    let word = |i: usize| &*words[tokens[i].word as usize];
    let span = |a: usize, b: usize| Span::new(tokens[a].span.start, tokens[b - 1].span.end);
    let capitals = |i: usize| {
        let s = surface(i);
        s.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && s.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
    };
    // A post or title then one to three plain name words: `Interior Minister Ada Prinn`.
    let mut tail = end;
    while tail > start && plain(&tokens[tail - 1], word(tail - 1)) && !capitals(tail - 1) {
        tail -= 1;
    }
    // After `of`, the first plain words name the body (`Minister of Transport Ivo Kask`): the
    // person is taken as the last two words, or the last one when only two follow `of`.
    if tail > start && is_connector(word(tail - 1)) {
        if end - tail >= 3 {
            tail = end - 2;
        } else {
            // One or two words after `of` name the body or the place: `Head of the Service of
            // Norland`, `Minister of High-Tech Industry`.
            tail = end;
        }
    }
    let names = end - tail;
    if tail > start && (1..=3).contains(&names) {
        let head = &tokens[tail - 1];
        let has_post = (start..tail).any(|k| tokens[k].flags.post || tokens[k].flags.title);
        // The post ends in a post word, a body (`Harbour Service Director`, `of the Harbour
        // Service`) or a place after `of` (`Minister of Transport Ivo Kask`).
        let of_tail = (start..tail).any(|k| word(k) == "of");
        // A surname alone follows a post or title word directly (`Director Kask`); after a
        // body's name (`Mayor of Port Vell`) one word is still the name of the body.
        let single_ok = names > 1 || head.flags.post || head.flags.title;
        if has_post
            && single_ok
            && (head.flags.post
                || head.flags.title
                || head.flags.organisation
                || capitals(tail - 1)
                || of_tail)
        {
            let mut out = Vec::new();
            let title = span(start, tail);
            out.push(Mention::new(MentionKind::Post, title));
            // The organisation named inside the post: `Director of the Harbour Service`.
            if let Some(of) = (start..tail).find(|&k| word(k) == "of") {
                let org = (of + 1..tail).find(|&k| !is_connector(word(k)));
                if let Some(org) = org {
                    out.push(Mention::new(MentionKind::Organisation, span(org, tail)));
                }
            } else if let Some(org_end) = (start..tail)
                .rev()
                .find(|&k| tokens[k].flags.organisation || capitals(k))
                && !tokens[org_end].flags.post
            {
                // `Harbour Service Director Ivo Kask`: the body before the post word.
                out.push(Mention::new(
                    MentionKind::Organisation,
                    span(start, org_end + 1),
                ));
            }
            let kind = if names >= 2 {
                MentionKind::Person
            } else {
                MentionKind::Name
            };
            let mut person = Mention::new(kind, span(tail, end));
            person.title = Some(title);
            out.push(person);
            return out;
        }
    }
    // A post without a person after it: `Minister of High-Tech Industry`, `Mayor of Harbour
    // City`, `Director of the Harbour Service` (a post word opens the run, `of` follows).
    let opens_with_post = (start..end.min(start + 3))
        .take_while(|&k| word(k) != "of")
        .any(|k| tokens[k].flags.post || tokens[k].flags.title);
    if opens_with_post && (start..end).any(|k| word(k) == "of") {
        return vec![Mention::new(MentionKind::Post, span(start, end))];
    }
    let organisation = (start..end)
        .any(|k| tokens[k].flags.organisation || tokens[k].flags.company_suffix)
        || (end - start == 1 && capitals(start));
    if organisation {
        return vec![Mention::new(MentionKind::Organisation, span(start, end))];
    }
    let all_plain = (start..end).all(|k| plain(&tokens[k], word(k)) && !capitals(k));
    if all_plain && (2..=4).contains(&(end - start)) {
        return vec![Mention::new(MentionKind::Person, span(start, end))];
    }
    if end - start == 1 && plain(&tokens[start], word(start)) {
        return vec![Mention::new(MentionKind::Name, span(start, end))];
    }
    Vec::new()
}

/// A lower-case post: modifiers and a qualifying noun before (`deputy police chief`), and `of`
/// + a capitalised organisation after.
fn lower_post(tokens: &[Token], words: &[Box<str>], at: usize) -> Mention {
    let word = |i: usize| &*words[tokens[i].word as usize];
    let mut start = at;
    while start > 0 && at - start < 3 {
        let p = &tokens[start - 1];
        if tokens[start].comma_before || tokens[start].break_before || p.capitalised {
            break;
        }
        if p.flags.post_modifier || (matches!(p.pos, Pos::Noun | Pos::Adj) && !p.flags.post) {
            start -= 1;
        } else {
            break;
        }
    }
    let mut end = at + 1;
    if end < tokens.len() && word(end) == "of" && !tokens[end].comma_before {
        let mut k = end + 1;
        if k < tokens.len() && word(k) == "the" {
            k += 1;
        }
        let mut last = None;
        while k < tokens.len()
            && tokens[k].pos == Pos::Propn
            && !tokens[k].comma_before
            && !tokens[k].break_before
        {
            last = Some(k);
            k += 1;
            if k + 1 < tokens.len() && is_connector(word(k)) && tokens[k + 1].pos == Pos::Propn {
                k += 1;
            }
        }
        if let Some(last) = last {
            end = last + 1;
        }
    }
    Mention::new(
        MentionKind::Post,
        Span::new(tokens[start].span.start, tokens[end - 1].span.end),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::extract::Lexicon;

    fn mentions(text: &str) -> Vec<(String, &'static str, Option<String>)> {
        let d = Document::analyze(0, "a.txt".into(), text.into(), Lexicon::builtin());
        d.analysis
            .mentions
            .iter()
            .map(|m| {
                let kind = match m.kind {
                    MentionKind::Person => "person",
                    MentionKind::Organisation => "org",
                    MentionKind::Post => "post",
                    MentionKind::Name => "name",
                    MentionKind::Date(_) => "date",
                    MentionKind::Number => "number",
                };
                (
                    d.slice(m.span).to_string(),
                    if m.cited { "cited" } else { kind },
                    m.title.map(|t| d.slice(t).to_string()),
                )
            })
            .collect()
    }

    fn kinds(text: &str) -> Vec<(String, &'static str)> {
        mentions(text).into_iter().map(|(s, k, _)| (s, k)).collect()
    }

    fn has(found: &[(String, &'static str)], text: &str, kind: &str) -> bool {
        found.iter().any(|(s, k)| s == text && *k == kind)
    }

    #[test]
    fn a_title_before_a_name_is_a_post_claim() {
        let m = mentions("Norland Prime Minister Ivo Kask has introduced the new head.");
        assert!(m.contains(&(
            "Ivo Kask".into(),
            "person",
            Some("Norland Prime Minister".into())
        )));
        let m = mentions("Interior Minister Ada Prinn resigned.");
        assert!(m.contains(&(
            "Ada Prinn".into(),
            "person",
            Some("Interior Minister".into())
        )));
    }

    #[test]
    fn an_organisation_word_is_never_a_person() {
        let m = kinds("The Guard Service said on 4 May 2021 that Coastal Guard units moved.");
        assert!(has(&m, "Guard Service", "org"));
        assert!(has(&m, "Coastal Guard", "org"));
        assert!(!m.iter().any(|(_, k)| *k == "person"));
    }

    #[test]
    fn an_organisation_keeps_its_country_and_its_company_suffix() {
        let m = kinds("Norland's Coastal Guard signed a deal with Harbour Logistics LLC in 2020.");
        assert!(has(&m, "Norland's Coastal Guard", "org"));
        assert!(has(&m, "Harbour Logistics LLC", "org"));
        let m = kinds(
            "In 2019 the Coastal Guard of Norland was merged with the Ministry of Transport.",
        );
        assert!(has(&m, "Coastal Guard of Norland", "org"));
        assert!(has(&m, "Ministry of Transport", "org"));
    }

    #[test]
    fn a_post_with_its_body_and_the_person_after_it() {
        let m = mentions("Director of the Harbour Service Ivo Kask was dismissed.");
        assert_eq!(
            m[0],
            ("Director of the Harbour Service".into(), "post", None)
        );
        assert!(m.contains(&("Harbour Service".into(), "org", None)));
        assert!(m.contains(&(
            "Ivo Kask".into(),
            "person",
            Some("Director of the Harbour Service".into())
        )));
    }

    #[test]
    fn a_post_of_a_place_without_a_person() {
        let m = kinds("He served as Mayor of Harbour City from 1992 to 1996.");
        assert!(has(&m, "Mayor of Harbour City", "post"));
        assert!(!m.iter().any(|(_, k)| *k == "person" || *k == "name"));
    }

    #[test]
    fn lower_case_posts_keep_modifiers_and_body() {
        let m = kinds("He previously served as deputy chief of Police in 2019.");
        assert!(has(&m, "deputy chief of Police", "post"));
        let m = kinds("She became the acting head of the State Control Service.");
        assert!(has(&m, "acting head of the State Control Service", "post"));
    }

    #[test]
    fn a_bracketed_citation_is_not_an_alias() {
        let m = kinds("The Harbour Service was founded in 1999 (Harbour Herald, July 4).");
        assert!(has(&m, "Harbour Herald", "cited"));
        let m = kinds("The Harbour Service (HSN) was founded in 1999.");
        assert!(has(&m, "HSN", "org"));
    }
}
