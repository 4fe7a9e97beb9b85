//! Characters a document must not smuggle into a reviewer's view. An ESC starts a terminal
//! sequence that can colour, move the cursor or erase what was printed; BEL, BS and CR rewrite
//! or hide it; a bidirectional override (U+202E and its kin) reorders the letters a browser or
//! terminal shows, so that the text read differs from the text flagged ("Trojan Source",
//! CVE-2021-42574). Every human-readable reporter shows such a character as a visible escape,
//! `\u{1b}`, as rustc's diagnostics do; machine formats keep the text as it is (JSON and SARIF
//! escape control characters themselves, and a tool reading them wants the real text).

use std::borrow::Cow;

/// A character shown escaped: C0 and C1 control characters other than tab and line feed, DEL,
/// and the bidirectional embedding, override and isolate characters (the set rustc's
/// `text_direction_codepoint_in_literal` lint names).
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` with every [`is_unsafe`] character written as `\u{hex}`; borrowed when there is none.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`escape`], and a line break is escaped too: for one-line fields (file names).
pub fn escape_line(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return escape(s);
    }
    Cow::Owned(escape(s).replace('\n', "\\u{a}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_direction_overrides_become_visible() {
        assert_eq!(escape("red \u{1b}[31m"), "red \\u{1b}[31m");
        assert_eq!(
            escape("a\u{7}b\u{8}c\rd\u{7f}\u{9b}"),
            "a\\u{7}b\\u{8}c\\u{d}d\\u{7f}\\u{9b}"
        );
        assert_eq!(escape("abc\u{202E}fed\u{2066}"), "abc\\u{202e}fed\\u{2066}");
        assert_eq!(escape_line("a\nb"), "a\\u{a}b");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        // Tabs, line breaks, right-to-left letters, joiners and no-break spaces are text.
        let text = "Tab\tand line\nعربي עברית zero\u{200d}width\u{a0}space «ə»";
        assert!(matches!(escape(text), Cow::Borrowed(_)));
    }
}
