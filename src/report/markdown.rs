//! `concord report --out errata.md`: the errata as a Markdown document (GitHub-flavoured: the
//! summary uses tables). Every text taken from the documents or from findings is escaped, so a
//! quoted `*` or `<tag>` shows as written; backtick spans in messages stay code.

use std::io::{self, Write};

use super::errata::{self, Correction, Counts, Entry, Errata, Quote};
use super::{Run, plural};

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let e = errata::build(run);
    header(&e, out)?;
    if e.total.total() == 0 {
        return Ok(());
    }
    summary(&e, out)?;
    for g in &e.groups {
        writeln!(out, "## {}\n", inline(&g.title))?;
        let also = if g.title != g.file {
            format!("`{}` — ", code(g.file))
        } else {
            String::new()
        };
        writeln!(out, "{also}{}\n", plural(g.entries.len(), "problem"))?;
        for entry in &g.entries {
            write_entry(entry, out)?;
        }
    }
    glossary(&e, out)
}

/// What each rule in the report looks for and why it matters, from the rule's documentation.
fn glossary(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    if e.rules.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "## About the rules
"
    )?;
    for r in &e.rules {
        writeln!(
            out,
            "- **{}** (`{}`, {}): {} {}",
            errata::rule_words(&r.name),
            code(&r.name),
            code(&r.code),
            inline(r.doc.flags.trim()),
            inline(r.doc.why.trim())
        )?;
    }
    writeln!(out)
}

fn header(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    // The marker keeps this report out of the corpus of a later run over the same folder.
    writeln!(
        out,
        "<!-- {} -->\n# Errata\n",
        crate::corpus::GENERATED_MARKER
    )?;
    let t = e.total;
    if t.total() == 0 {
        return writeln!(
            out,
            "concord found no problems in {}.",
            plural(e.files, "document")
        );
    }
    writeln!(
        out,
        "concord found {} in {}: {}, {}, {}. Each entry quotes every source involved, says which \
         side concord believes is wrong and why, and proposes a correction.\n",
        plural(t.total(), "problem"),
        plural(e.files, "document"),
        plural(t.errors, "error"),
        plural(t.warnings, "warning"),
        plural(t.infos, "info")
    )
}

fn summary(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "## Summary\n")?;
    writeln!(out, "| Category | Errors | Warnings | Infos | Total |")?;
    writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
    for (c, n) in &e.by_category {
        writeln!(
            out,
            "| {} (`{}`) | {} |",
            errata::category_words(*c),
            c.as_str(),
            counts(n)
        )?;
    }
    writeln!(out, "| **All** | {} |\n", counts(&e.total))?;
    writeln!(
        out,
        "| Document | Title | Errors | Warnings | Infos | Total | Also cited by |"
    )?;
    writeln!(out, "| --- | --- | ---: | ---: | ---: | ---: | ---: |")?;
    for row in &e.by_document {
        writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            code(row.file),
            cell(&row.title),
            counts(&row.counts),
            row.cited
        )?;
    }
    writeln!(out)
}

fn counts(n: &Counts) -> String {
    format!(
        "{} | {} | {} | {}",
        n.errors,
        n.warnings,
        n.infos,
        n.total()
    )
}

fn write_entry(entry: &Entry, out: &mut dyn Write) -> io::Result<()> {
    let f = entry.finding;
    writeln!(
        out,
        "### <a id=\"{}\"></a>{}. {}\n",
        entry.id,
        entry.id,
        inline(&entry.title)
    )?;
    writeln!(
        out,
        "**{}** · {} · rule `{}` ({})\n",
        f.severity,
        errata::category_words(f.category),
        code(&f.rule),
        code(&f.code)
    )?;
    let wording = entry.wording();
    if entry.has_sides() {
        writeln!(out, "{}:\n", wording.quotes)?;
    }
    for q in &entry.quotes {
        write_quote(q, entry.has_sides(), out)?;
    }
    match entry.primary() {
        Some(p) if entry.has_sides() => {
            let side = format!(
                "**{}:** concord believes `{}` line {} (marked *to correct*) is the {} to correct",
                wording.which,
                code(p.file),
                p.line,
                wording.part
            );
            if f.notes.is_empty() {
                writeln!(out, "{side}.\n")?;
            } else {
                writeln!(out, "{side}, because:\n")?;
                notes(&f.notes, out)?;
            }
        }
        _ if !f.notes.is_empty() => {
            writeln!(out, "**Why:**\n")?;
            notes(&f.notes, out)?;
        }
        _ => {}
    }
    match &entry.correction {
        Correction::Replace { from, to } => writeln!(
            out,
            "**Proposed correction:** replace {} with {}\n",
            code_span(from),
            code_span(to)
        ),
        Correction::Words(s) => writeln!(out, "**Proposed correction:** {}\n", inline(s)),
        Correction::None => writeln!(out, "**Proposed correction:** none proposed.\n"),
    }
}

fn notes(notes: &[String], out: &mut dyn Write) -> io::Result<()> {
    for n in notes {
        writeln!(out, "- {}", inline(n))?;
    }
    writeln!(out)
}

/// Any text as a code span: the fence is one backtick more than the longest run inside, and a
/// space pads text that starts or ends with a backtick (CommonMark strips one on each side).
fn code_span(s: &str) -> String {
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{}{pad}{fence}", code(s))
}

fn write_quote(q: &Quote, sides: bool, out: &mut dyn Write) -> io::Result<()> {
    let role = match (sides, q.primary) {
        (true, true) => "**to correct** — ",
        _ => "",
    };
    writeln!(
        out,
        "- {role}`{}` line {}, column {}: {}",
        code(q.file),
        q.line,
        q.column,
        inline(q.message)
    )?;
    let x = &q.excerpt;
    writeln!(
        out,
        "\n  > {}**{}**{}\n",
        text(&x.before),
        text(&x.span),
        text(&x.after)
    )
}

/// Escapes document text for Markdown: every ASCII punctuation mark that could open markup is
/// backslash-escaped (CommonMark allows escaping any of them); `$` too, which GitHub reads as
/// the start of a formula.
fn text(s: &str) -> String {
    let s = super::escape(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' | '$'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    // A quote that starts like a list item would turn into one: `- x`, `+ x`, `1921. x`.
    if out.starts_with(['-', '+']) {
        out.insert(0, '\\');
    }
    let digits = out.len() - out.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// Escapes a message: text between backticks stays a code span, the rest is escaped as text.
fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        // An odd number of backticks: no reliable code spans, escape it all.
        return text(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 {
                format!("`{}`", code(p))
            } else {
                text(p)
            }
        })
        .collect()
}

/// Text inside a code span: nothing is markup there except the `|` of a table cell.
fn code(s: &str) -> String {
    super::escape(s).replace('|', "\\|")
}

fn cell(s: &str) -> String {
    text(s)
}
