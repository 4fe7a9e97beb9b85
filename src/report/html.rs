//! `concord report --out errata.html`: the errata as one self-contained HTML page (inline CSS
//! and JavaScript, no network), for people who would rather look than read.
//!
//! The page has a summary, a table of every finding that sorts by a click on a column heading
//! and filters by text, severity and category, and the entries themselves, grouped by subject,
//! with each quoted span highlighted in its sentence. The table and the entries are plain HTML;
//! the script only sorts, filters and counts, so the page reads fine without it. When the script
//! has run, `<body data-js="ready">` is set and `#shown-count` says how many rows are shown
//! (the browser test relies on both). The query string can preset the view:
//! `errata.html?q=TEXT&severity=LEVEL&category=CATEGORY&sort=[-]COLUMN`, where COLUMN is one of
//! `order`, `rank`, `category`, `rule`, `file`, `line`, `title`.
//!
//! All text is escaped ([`esc`]); nothing from a document reaches the script.

use std::io::{self, Write};

use super::errata::{self, Correction, Counts, Entry, Errata, Quote};
use super::{Run, plural};
use crate::finding::Severity;

const STYLE: &str = r#"
:root { --fg:#1f2328; --muted:#59636e; --line:#d1d9e0; --bg:#ffffff; --soft:#f6f8fa;
  --error:#cf222e; --error-bg:#ffebe9; --warning:#9a6700; --warning-bg:#fff8c5;
  --info:#0969da; --info-bg:#ddf4ff; --mark:#fff1a8; --mark-primary:#ffd8d3; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--fg); background:var(--soft); }
main { max-width:1180px; margin:0 auto; padding:24px 28px 64px; }
h1 { font-size:28px; margin:8px 0 4px; }
h2 { font-size:21px; margin:36px 0 8px; padding-bottom:6px; border-bottom:1px solid var(--line); }
h3 { font-size:16px; margin:0; line-height:1.4; }
code { font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; background:rgba(175,184,193,.2); padding:1px 5px; border-radius:5px; }
a { color:var(--info); text-decoration:none; } a:hover { text-decoration:underline; }
.lede { color:var(--muted); margin:0 0 16px; }
.cards { display:flex; gap:12px; flex-wrap:wrap; margin:16px 0; }
.card { background:var(--bg); border:1px solid var(--line); border-radius:10px; padding:10px 16px; min-width:120px; }
.card b { display:block; font-size:24px; }
.card.error b { color:var(--error); } .card.warning b { color:var(--warning); } .card.info b { color:var(--info); }
.tables { display:grid; grid-template-columns:minmax(0,2fr) minmax(0,3fr); gap:16px; align-items:start; }
@media (max-width:900px) { .tables { grid-template-columns:1fr; } }
table { border-collapse:collapse; width:100%; background:var(--bg); border:1px solid var(--line); border-radius:10px; overflow:hidden; }
th, td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
th { background:var(--soft); font-weight:600; font-size:13px; white-space:nowrap; }
td.n, th.n { text-align:right; font-variant-numeric:tabular-nums; }
tr:last-child td { border-bottom:none; }
th button { all:unset; cursor:pointer; }
th button::after { content:" \2195"; color:var(--muted); font-size:11px; }
th[aria-sort=ascending] button::after { content:" \25B2"; color:var(--fg); }
th[aria-sort=descending] button::after { content:" \25BC"; color:var(--fg); }
#findings-table tbody tr:hover { background:#f0f6ff; }
#findings-table td:nth-child(4) code, #findings-table td:nth-child(5) code { white-space:nowrap; }
.controls { display:flex; gap:10px; flex-wrap:wrap; align-items:center; margin:12px 0; }
.controls input, .controls select { font:inherit; padding:6px 10px; border:1px solid var(--line); border-radius:8px; background:var(--bg); }
.controls input { flex:1 1 260px; }
#shown-count { color:var(--muted); font-size:13px; }
.badge { display:inline-block; font-size:12px; font-weight:600; padding:1px 8px; border-radius:999px; text-transform:uppercase; letter-spacing:.03em; }
.badge.error { color:var(--error); background:var(--error-bg); }
.badge.warning { color:var(--warning); background:var(--warning-bg); }
.badge.info { color:var(--info); background:var(--info-bg); }
.group-file { color:var(--muted); margin:-4px 0 12px; }
article.entry { background:var(--bg); border:1px solid var(--line); border-left:4px solid var(--line); border-radius:10px; padding:14px 18px; margin:12px 0; }
article.entry.error { border-left-color:var(--error); }
article.entry.warning { border-left-color:#d4a72c; }
article.entry.info { border-left-color:var(--info); }
article.entry:target { box-shadow:0 0 0 3px rgba(9,105,218,.3); }
.meta { color:var(--muted); font-size:13px; margin:4px 0 10px; }
.id { color:var(--muted); font-weight:600; margin-right:6px; }
ol.sources { list-style:none; padding:0; margin:0; }
ol.sources li { margin:8px 0; }
.where { font-size:13px; color:var(--muted); }
.role { display:inline-block; font-size:11px; font-weight:700; color:var(--error); border:1px solid var(--error); border-radius:4px; padding:0 5px; margin-right:6px; text-transform:uppercase; }
blockquote { margin:4px 0 0; padding:8px 12px; background:var(--soft); border-left:3px solid var(--line); border-radius:0 8px 8px 0; font-family:Georgia,"Times New Roman",serif; font-size:15.5px; }
mark { background:var(--mark); padding:1px 2px; border-radius:3px; }
li.primary blockquote { border-left-color:var(--error); }
li.primary mark { background:var(--mark-primary); }
.why { margin:10px 0 0; }
.why ul { margin:4px 0; padding-left:22px; }
.fix { margin:10px 0 0; padding:8px 12px; background:#dafbe1; border-radius:8px; }
.fix del { background:var(--error-bg); color:#82071e; padding:0 3px; border-radius:3px; }
.fix ins { background:#aceebb; text-decoration:none; padding:0 3px; border-radius:3px; font-weight:600; }
.fix.none { background:var(--soft); color:var(--muted); }
dl.rules dt { font-weight:600; margin-top:10px; }
dl.rules dt .code { color:var(--muted); font-weight:400; font-size:13px; }
dl.rules dd { margin:2px 0 0 0; color:var(--fg); }
footer { color:var(--muted); font-size:13px; margin-top:40px; }
[hidden] { display:none !important; }
"#;

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("findings-table");
  if (!table) { document.body.setAttribute("data-js", "ready"); return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var heads = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
  var text = document.getElementById("filter-text");
  var severity = document.getElementById("filter-severity");
  var category = document.getElementById("filter-category");
  var count = document.getElementById("shown-count");
  var none = document.getElementById("no-match");
  var sortKey = null, sortDir = 1;
  // The text filter searches a row and its entry (quotes, notes, correction).
  var haystacks = rows.map(function (r) {
    var entry = document.getElementById(r.getAttribute("data-id"));
    return (r.textContent + " " + (entry ? entry.textContent : "")).toLowerCase();
  });

  function apply() {
    var q = text.value.trim().toLowerCase();
    var shown = 0;
    rows.forEach(function (r, i) {
      var ok = (!q || haystacks[i].indexOf(q) >= 0) &&
        (!severity.value || r.getAttribute("data-severity") === severity.value) &&
        (!category.value || r.getAttribute("data-category") === category.value);
      r.hidden = !ok;
      var entry = document.getElementById(r.getAttribute("data-id"));
      if (entry) { entry.hidden = !ok; }
      if (ok) { shown += 1; }
    });
    Array.prototype.forEach.call(document.querySelectorAll("section.group"), function (g) {
      g.hidden = !g.querySelector("article.entry:not([hidden])");
    });
    count.textContent = shown + " of " + rows.length + " shown";
    count.setAttribute("data-shown", String(shown));
    none.hidden = shown > 0;
  }

  function sortBy(th) {
    var key = "data-" + th.getAttribute("data-sort");
    var numeric = th.getAttribute("data-type") === "number";
    sortDir = (sortKey === key) ? -sortDir : 1;
    sortKey = key;
    var order = rows.map(function (r, i) { return [r, haystacks[i]]; });
    order.sort(function (p, q) {
      var a = p[0], b = q[0];
      var x = a.getAttribute(key), y = b.getAttribute(key);
      var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
      return c * sortDir || Number(a.getAttribute("data-order")) - Number(b.getAttribute("data-order"));
    });
    rows = order.map(function (p) { return p[0]; });
    haystacks = order.map(function (p) { return p[1]; });
    rows.forEach(function (r) { body.appendChild(r); });
    heads.forEach(function (h) {
      h.setAttribute("aria-sort", h === th ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
  }

  heads.forEach(function (th) {
    th.querySelector("button").addEventListener("click", function () { sortBy(th); });
  });
  // A link can open a filtered or sorted view: errata.html?q=text&severity=error&sort=-line
  var params = new URLSearchParams(window.location.search);
  if (params.get("q")) { text.value = params.get("q"); }
  if (params.get("severity")) { severity.value = params.get("severity"); }
  if (params.get("category")) { category.value = params.get("category"); }
  var sort = params.get("sort");
  if (sort) {
    var desc = sort.charAt(0) === "-";
    var key = desc ? sort.slice(1) : sort;
    heads.forEach(function (th) {
      if (th.getAttribute("data-sort") === key) { sortBy(th); if (desc) { sortBy(th); } }
    });
  }
  text.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  category.addEventListener("change", apply);
  apply();
  document.body.setAttribute("data-js", "ready");
})();
"#;

pub fn write(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let e = errata::build(run);
    writeln!(
        out,
        "<!DOCTYPE html>\n<!-- {} -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"concord {}\">\n\
         <title>Errata — concord</title>\n<style>{STYLE}</style>\n</head>\n\
         <body data-js=\"off\">\n<main>",
        crate::corpus::GENERATED_MARKER,
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "<h1>Errata</h1>")?;
    let t = e.total;
    if t.total() == 0 {
        writeln!(
            out,
            "<p class=\"lede\">concord found no problems in {}.</p>",
            plural(e.files, "document")
        )?;
    } else {
        writeln!(
            out,
            "<p class=\"lede\">concord found {} in {}. Each entry quotes every source involved, \
             says which side concord believes is wrong and why, and proposes a correction.</p>",
            plural(t.total(), "problem"),
            plural(e.files, "document")
        )?;
        summary(&e, out)?;
        findings_table(&e, out)?;
        for g in &e.groups {
            writeln!(out, "<section class=\"group\" id=\"doc-{}\">", g.doc)?;
            writeln!(out, "<h2>{}</h2>", esc(&g.title))?;
            writeln!(
                out,
                "<p class=\"group-file\"><code>{}</code> — {}</p>",
                esc(g.file),
                plural(g.entries.len(), "problem")
            )?;
            for entry in &g.entries {
                write_entry(entry, out)?;
            }
            writeln!(out, "</section>")?;
        }
        glossary(&e, out)?;
    }
    writeln!(
        out,
        "<footer>Written by concord {}. Rules are explained by <code>concord explain RULE</code>.</footer>",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(out, "</main>\n<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn summary(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<section id=\"summary\">\n<div class=\"cards\">")?;
    for (class, label, n) in [
        ("", "problems", e.total.total()),
        ("error", "errors", e.total.errors),
        ("warning", "warnings", e.total.warnings),
        ("info", "infos", e.total.infos),
        ("", "documents", e.files),
    ] {
        writeln!(out, "<div class=\"card {class}\"><b>{n}</b>{label}</div>")?;
    }
    writeln!(out, "</div>\n<div class=\"tables\">")?;
    writeln!(
        out,
        "<table id=\"by-category\"><thead><tr><th>Category</th><th class=\"n\">Errors</th>\
         <th class=\"n\">Warnings</th><th class=\"n\">Infos</th><th class=\"n\">Total</th></tr></thead><tbody>"
    )?;
    for (c, n) in &e.by_category {
        writeln!(
            out,
            "<tr><td>{} <code>{}</code></td>{}</tr>",
            esc(errata::category_words(*c)),
            c.as_str(),
            counts(n)
        )?;
    }
    writeln!(
        out,
        "<tr><td><b>All</b></td>{}</tr></tbody></table>",
        counts(&e.total)
    )?;
    writeln!(
        out,
        "<table id=\"by-document\"><thead><tr><th>Document</th><th class=\"n\">Errors</th>\
         <th class=\"n\">Warnings</th><th class=\"n\">Infos</th><th class=\"n\">Total</th>\
         <th class=\"n\" title=\"findings that quote this document as another side\">Cited by</th></tr></thead><tbody>"
    )?;
    for row in &e.by_document {
        let title = if row.title.is_empty() {
            String::new()
        } else {
            format!("{}<br>", esc(&row.title))
        };
        writeln!(
            out,
            "<tr><td>{title}<code>{}</code></td>{}<td class=\"n\">{}</td></tr>",
            esc(row.file),
            counts(&row.counts),
            row.cited
        )?;
    }
    writeln!(out, "</tbody></table>\n</div>\n</section>")
}

/// What each rule in the report looks for and why it matters, from the rule's documentation.
fn glossary(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    if e.rules.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section id=\"rules\">\n<h2>About the rules</h2>\n<dl class=\"rules\">"
    )?;
    for r in &e.rules {
        writeln!(
            out,
            "<dt>{} <code>{}</code> <span class=\"code\">{}</span></dt><dd>{} {}</dd>",
            esc(&errata::rule_words(&r.name)),
            esc(&r.name),
            esc(&r.code),
            inline(r.doc.flags.trim()),
            inline(r.doc.why.trim())
        )?;
    }
    writeln!(out, "</dl>\n</section>")
}

fn counts(n: &Counts) -> String {
    format!(
        "<td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
        n.errors,
        n.warnings,
        n.infos,
        n.total()
    )
}

fn rank(s: Severity) -> u8 {
    match s {
        Severity::Error => 3,
        Severity::Warning => 2,
        Severity::Info => 1,
    }
}

fn findings_table(e: &Errata, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "<section id=\"findings\">\n<h2>All findings</h2>")?;
    writeln!(
        out,
        "<div class=\"controls\"><input id=\"filter-text\" type=\"search\" placeholder=\"Filter by any text…\" aria-label=\"Filter findings\">"
    )?;
    writeln!(
        out,
        "<select id=\"filter-severity\" aria-label=\"Severity\"><option value=\"\">All severities</option>"
    )?;
    for s in Severity::ALL {
        writeln!(out, "<option value=\"{s}\">{s}</option>")?;
    }
    writeln!(
        out,
        "</select>\n<select id=\"filter-category\" aria-label=\"Category\"><option value=\"\">All categories</option>"
    )?;
    for (c, _) in &e.by_category {
        writeln!(
            out,
            "<option value=\"{}\">{}</option>",
            c.as_str(),
            esc(errata::category_words(*c))
        )?;
    }
    writeln!(
        out,
        "</select>\n<span id=\"shown-count\" aria-live=\"polite\"></span></div>"
    )?;
    writeln!(
        out,
        "<table id=\"findings-table\"><thead><tr>\
         <th data-sort=\"order\" data-type=\"number\"><button type=\"button\">#</button></th>\
         <th data-sort=\"rank\" data-type=\"number\"><button type=\"button\">Severity</button></th>\
         <th data-sort=\"category\"><button type=\"button\">Category</button></th>\
         <th data-sort=\"rule\"><button type=\"button\">Rule</button></th>\
         <th data-sort=\"file\"><button type=\"button\">Document</button></th>\
         <th data-sort=\"line\" data-type=\"number\" class=\"n\"><button type=\"button\">Line</button></th>\
         <th data-sort=\"title\"><button type=\"button\">Problem</button></th>\
         </tr></thead><tbody>"
    )?;
    let mut order = 0;
    for g in &e.groups {
        for entry in &g.entries {
            order += 1;
            let f = entry.finding;
            let (file, line) = entry.primary().map_or(("", 0), |q| (q.file, q.line));
            writeln!(
                out,
                "<tr class=\"finding-row\" data-id=\"{id}\" data-order=\"{order}\" data-severity=\"{sev}\" \
                 data-rank=\"{rank}\" data-category=\"{cat}\" data-rule=\"{rule}\" data-file=\"{file}\" \
                 data-line=\"{line}\" data-title=\"{title}\">\
                 <td><a href=\"#{id}\">{id}</a></td><td><span class=\"badge {sev}\">{sev}</span></td>\
                 <td>{catw}</td><td><code>{rule}</code></td><td><code>{file}</code></td>\
                 <td class=\"n\">{line}</td><td>{msg}</td></tr>",
                id = entry.id,
                sev = f.severity,
                rank = rank(f.severity),
                cat = f.category.as_str(),
                catw = esc(errata::category_words(f.category)),
                rule = esc(&f.rule),
                file = esc(file),
                title = esc(&f.message),
                msg = inline(&f.message),
            )?;
        }
    }
    writeln!(
        out,
        "</tbody></table>\n<p id=\"no-match\" class=\"lede\" hidden>No finding matches the filter.</p>\n</section>"
    )
}

fn write_entry(entry: &Entry, out: &mut dyn Write) -> io::Result<()> {
    let f = entry.finding;
    writeln!(
        out,
        "<article class=\"entry {sev}\" id=\"{id}\">\n<h3><a class=\"id\" href=\"#{id}\">{id}</a>{title}</h3>",
        sev = f.severity,
        id = entry.id,
        title = inline(&entry.title)
    )?;
    writeln!(
        out,
        "<div class=\"meta\"><span class=\"badge {}\">{}</span> {} · rule <code>{}</code> ({})</div>",
        f.severity,
        f.severity,
        esc(errata::category_words(f.category)),
        esc(&f.rule),
        esc(&f.code)
    )?;
    writeln!(out, "<ol class=\"sources\">")?;
    for q in &entry.quotes {
        write_quote(q, entry.has_sides(), out)?;
    }
    writeln!(out, "</ol>")?;
    let why = match entry.primary() {
        Some(p) if entry.has_sides() => Some(format!(
            "<b>{}:</b> concord believes <code>{}</code> line {} (marked <i>to correct</i>) is the {} to correct",
            entry.wording().which,
            esc(p.file),
            p.line,
            entry.wording().part
        )),
        _ if !f.notes.is_empty() => Some("<b>Why:</b>".to_string()),
        _ => None,
    };
    if let Some(why) = why {
        if f.notes.is_empty() {
            writeln!(out, "<div class=\"why\">{why}.</div>")?;
        } else {
            let because = if entry.has_sides() { ", because:" } else { "" };
            writeln!(out, "<div class=\"why\">{why}{because}<ul>")?;
            for n in &f.notes {
                writeln!(out, "<li>{}</li>", inline(n))?;
            }
            writeln!(out, "</ul></div>")?;
        }
    }
    match &entry.correction {
        Correction::Replace { from, to } => writeln!(
            out,
            "<p class=\"fix\"><b>Proposed correction:</b> replace <del>{}</del> with <ins>{}</ins></p>",
            esc(from),
            esc(to)
        )?,
        Correction::Words(s) => writeln!(
            out,
            "<p class=\"fix\"><b>Proposed correction:</b> {}</p>",
            inline(s)
        )?,
        Correction::None => writeln!(
            out,
            "<p class=\"fix none\"><b>Proposed correction:</b> none proposed.</p>"
        )?,
    }
    writeln!(out, "</article>")
}

fn write_quote(q: &Quote, sides: bool, out: &mut dyn Write) -> io::Result<()> {
    let (class, role) = if q.primary && sides {
        (
            " class=\"primary\"",
            "<span class=\"role\">to correct</span>",
        )
    } else {
        ("", "")
    };
    let x = &q.excerpt;
    writeln!(
        out,
        "<li{class}><div class=\"where\">{role}<code>{}</code> line {}, column {} — {}</div>\
         <blockquote>{}<mark>{}</mark>{}</blockquote></li>",
        esc(q.file),
        q.line,
        q.column,
        inline(q.message),
        esc(&x.before),
        esc(&x.span),
        esc(&x.after)
    )
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let s = super::escape(s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A message with its backtick spans as `<code>`, everything escaped.
fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return esc(s);
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", esc(p))
            } else {
                esc(p)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_code_spans_are_escaped() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(
            inline("`<x>` and <y>"),
            "<code>&lt;x&gt;</code> and &lt;y&gt;"
        );
        assert_eq!(inline("odd ` tick <"), "odd ` tick &lt;");
    }
}
