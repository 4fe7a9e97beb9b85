//! `concord facts`: prints the facts concord reads from documents (who holds which post of
//! which entity and when, event dates, infobox values), so a reviewer can see what the fact
//! checks compare and why two names were taken for one entity.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;

use concord::corpus::{self, Corpus};
use concord::extract::Lexicon;
use concord::extract::facts::FactPatterns;
use concord::index::FactIndex;
use concord::index::facts::{FactRef, Group};

use super::Failure;

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FactsFormat {
    /// One fact a line, aligned.
    Table,
    /// Entities and facts as JSON, with byte spans.
    Json,
    /// One fact a line (JSON Lines), each with its entity's id and name, the person's name
    /// key and the period as dates: the input of a group-by on (entity, attribute) in a
    /// query engine, for corpora larger than one machine (see the README).
    Jsonl,
}

#[derive(Args, Debug)]
pub struct FactsArgs {
    /// Files and folders to read (default: `paths` in concord.toml, else the current folder).
    paths: Vec<PathBuf>,
    /// The project file (default: the nearest concord.toml, found as for `check`); its
    /// `paths`, `extensions` and `exclude` apply.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value_t = FactsFormat::Table)]
    format: FactsFormat,
}

pub fn run(args: FactsArgs, out: &mut dyn Write) -> Result<u8, Failure> {
    let project = concord::config::Project::discover(args.config.as_deref(), &args.paths)?;
    let paths = super::corpus_paths(&args.paths, &project);
    let (sources, warnings) = corpus::load_sources(&paths, &super::load_options(&project))
        .map_err(|e| Failure::Run(e.to_string()))?;
    for w in &warnings {
        eprintln!("warning: {}", concord::report::escape(&w.to_string()));
    }
    let corpus = Corpus::build(sources, Lexicon::builtin());
    let index = FactIndex::build(&corpus, FactPatterns::builtin());
    match args.format {
        FactsFormat::Table => table(&corpus, &index, out)?,
        FactsFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &to_json(&corpus, &index))
                .map_err(|e| Failure::Run(e.to_string()))?;
            writeln!(out)?;
        }
        FactsFormat::Jsonl => jsonl(&corpus, &index, out)?,
    }
    Ok(0)
}

/// Every fact in reading order, with the corpus entity it was grouped under.
fn rows(corpus: &Corpus, index: &FactIndex) -> Vec<[String; 7]> {
    let mut rows = Vec::new();
    for group in &index.groups {
        for r in &group.facts {
            let f = index.fact(*r);
            let doc = corpus.doc(r.doc);
            rows.push((
                (r.doc, f.span.start, r.fact),
                [
                    format!("{}:{}", doc.name, doc.line_col(f.span.start).0),
                    format!("{} #{}", index.display(group.entity), group.entity),
                    f.kind.as_str().to_string(),
                    f.attribute.clone(),
                    f.value.clone(),
                    f.when.to_string(),
                    f.origin.as_str().to_string(),
                ],
            ));
        }
    }
    // What happened to people: the entity column names the person.
    for (d, facts) in index.docs.iter().enumerate() {
        let doc = corpus.doc(d);
        for (i, pf) in person_facts(doc, facts).into_iter().enumerate() {
            rows.push((
                (d, pf.span.start, usize::MAX - i),
                [
                    format!("{}:{}", doc.name, doc.line_col(pf.span.start).0),
                    pf.person,
                    "person".to_string(),
                    pf.attribute,
                    pf.value,
                    pf.when,
                    "sentence".to_string(),
                ],
            ));
        }
    }
    rows.sort_by_key(|r| r.0);
    rows.into_iter().map(|(_, r)| r).collect()
}

/// One thing a document says of a person: an event, who appointed them, an earlier post.
struct PersonFact {
    span: concord::span::Span,
    person: String,
    attribute: String,
    value: String,
    when: String,
}

/// What a document says of people, in the order the extractors give it.
fn person_facts(doc: &corpus::Document, f: &concord::extract::facts::DocFacts) -> Vec<PersonFact> {
    let events = f.person_events.iter().map(|e| PersonFact {
        span: e.span,
        person: e.name.clone(),
        attribute: e.event.clone(),
        value: doc.slice(e.span).to_string(),
        when: person_date(e),
    });
    let appointers = f.appointers.iter().map(|c| PersonFact {
        span: c.by_span,
        person: c.name.clone(),
        attribute: "appointed by".to_string(),
        value: c.by.clone(),
        when: format!("on {}", c.date),
    });
    let previous = f.previous_posts.iter().map(|c| PersonFact {
        span: c.span,
        person: c.name.clone(),
        attribute: "previous post".to_string(),
        value: c.post.clone(),
        when: format!("before `{}`", c.new_post),
    });
    events.chain(appointers).chain(previous).collect()
}

/// A person event's date as read: `2024-11-18 (year from the dateline)`.
fn person_date(e: &concord::extract::person::PersonEvent) -> String {
    use concord::extract::person::DateSource;
    match e.source {
        DateSource::Stated => format!("on {}", e.date),
        DateSource::Anchored => format!("on {} (year from the dateline)", e.date),
        DateSource::NoYear => {
            let d = e.date.to_string();
            format!("on {} (year unknown)", d.trim_start_matches("0000-"))
        }
        DateSource::Implicit => format!("about {} (the dateline)", e.date),
    }
}

fn table(corpus: &Corpus, index: &FactIndex, out: &mut dyn Write) -> Result<(), Failure> {
    let head = [
        "place",
        "entity",
        "kind",
        "attribute",
        "value",
        "when",
        "from",
    ];
    let rows = rows(corpus, index);
    let mut width = head.map(|h| h.chars().count());
    for row in &rows {
        for (w, cell) in width.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(width).enumerate() {
            if i + 1 == cells.len() {
                s.push_str(cell);
            } else {
                s.push_str(&format!("{cell:<w$}  "));
            }
        }
        s
    };
    writeln!(out, "{}", line(&head.map(String::from)))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(
        out,
        "\n{} facts about {} entities",
        rows.len(),
        index
            .groups
            .iter()
            .map(|g| g.entity)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    )?;
    Ok(())
}

/// `--format jsonl`: every fact of [`to_json`] with what a query needs to group and compare it
/// without the rest of the file: `entity_name`; `attribute` as the index groups it (a
/// `headed by` claim under the entity's top post); for a holder, `person` (given names and
/// surname, lowercase, ranks dropped) and `surname`; `current` (about the present: an undated
/// claim or an open period) and the period's `since`/`until` as ISO dates (`YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`), else null.
fn jsonl(corpus: &Corpus, index: &FactIndex, out: &mut dyn Write) -> Result<(), Failure> {
    use concord::extract::facts::When;
    let mut out = std::io::BufWriter::new(out);
    for (group, r) in reading_order(index) {
        let f = index.fact(*r);
        let doc = corpus.doc(r.doc);
        let (line, column) = doc.line_col(f.span.start);
        let (current, since, until) = match &f.when {
            When::Present => (true, None, None),
            When::Unknown => (false, None, None),
            When::Period { from, to, ongoing } => (
                *ongoing && to.is_none(),
                from.map(|d| d.to_string()),
                to.map(|d| d.to_string()),
            ),
        };
        let row = json!({
            "file": doc.name,
            "start": f.span.start,
            "end": f.span.end,
            "line": line,
            "column": column,
            "entity": group.entity,
            "entity_name": index.display(group.entity),
            "kind": f.kind.as_str(),
            "attribute": group.attribute,
            "value": f.value,
            "person": f.person.as_ref().map(|p| p.key().to_lowercase()),
            "surname": f.person.as_ref().map(|p| p.surname.to_lowercase()),
            "current": current,
            "since": since,
            "until": until,
            "when": f.when.to_string(),
            "from": f.origin.as_str(),
        });
        serde_json::to_writer(&mut out, &row).map_err(|e| Failure::Run(e.to_string()))?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(())
}

/// Every fact with its group, in reading order: by document, then by place in it.
fn reading_order(index: &FactIndex) -> Vec<(&Group, &FactRef)> {
    let mut refs: Vec<_> = index
        .groups
        .iter()
        .flat_map(|g| g.facts.iter().map(move |r| (g, r)))
        .collect();
    refs.sort_by_key(|(_, r)| (r.doc, index.fact(**r).span.start, r.fact));
    refs
}

fn to_json(corpus: &Corpus, index: &FactIndex) -> serde_json::Value {
    let mut entities = Vec::new();
    let mut facts = Vec::new();
    for (id, _) in index.members.iter().enumerate() {
        entities.push(json!({ "id": id, "name": index.display(id), "names": index.names(id) }));
    }
    for (group, r) in reading_order(index) {
        let f = index.fact(*r);
        let doc = corpus.doc(r.doc);
        let (line, column) = doc.line_col(f.span.start);
        facts.push(json!({
            "file": doc.name,
            "start": f.span.start,
            "end": f.span.end,
            "line": line,
            "column": column,
            "entity": group.entity,
            "kind": f.kind.as_str(),
            "attribute": f.attribute,
            "value": f.value,
            "when": f.when.to_string(),
            "from": f.origin.as_str(),
        }));
    }
    for (d, f) in index.docs.iter().enumerate() {
        let doc = corpus.doc(d);
        for pf in person_facts(doc, f) {
            let (line, column) = doc.line_col(pf.span.start);
            facts.push(json!({
                "file": doc.name,
                "start": pf.span.start,
                "end": pf.span.end,
                "line": line,
                "column": column,
                "person": pf.person,
                "kind": "person",
                "attribute": pf.attribute,
                "value": pf.value,
                "when": pf.when,
                "from": "sentence",
            }));
        }
    }
    json!({ "version": 1, "entities": entities, "facts": facts })
}
