//! The corpus-wide fact table: the facts of every document, the entities they are about merged
//! across documents, and the facts grouped by (entity, kind, attribute).
//!
//! Entities merge when they share a key (see [`crate::extract::entities`]): a hash map from key
//! to the first entity that had it, and a union-find over entities, so the work grows with the
//! number of names, never with pairs of them. Checks then look at one group at a time.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::corpus::{Corpus, DocId};
use crate::extract::entities::Role;
use crate::extract::facts::{self, DocFacts, Fact, FactKind, FactPatterns, Origin};

/// A fact of the corpus: its document and its place in that document's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactRef {
    pub doc: DocId,
    pub fact: usize,
}

/// Facts with the same entity, kind and attribute.
#[derive(Debug, Clone)]
pub struct Group {
    pub entity: usize,
    pub kind: FactKind,
    pub attribute: String,
    pub facts: Vec<FactRef>,
}

pub struct FactIndex {
    pub docs: Vec<DocFacts>,
    /// The corpus entity of each document's local entities.
    entity_of: Vec<Vec<usize>>,
    /// The local entities (document, local index) that make up each corpus entity.
    pub members: Vec<Vec<(DocId, usize)>>,
    /// Sorted by (entity, kind, attribute).
    pub groups: Vec<Group>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// The top post of each corpus entity whose infoboxes and holder lists give it under another
/// name than the generic one (`President` of a federation, `Minister` of a ministry): one post
/// without modifiers, and no holder of the generic post. A claim such as `led by X` is about
/// that post. An entity with two such posts (a president and a chairman) gets none: which one
/// `led by` means is unknown.
fn top_posts(
    docs: &[DocFacts],
    entity_of: &[Vec<usize>],
    generic: &str,
) -> FxHashMap<usize, String> {
    let mut posts: FxHashMap<usize, Vec<&str>> = FxHashMap::default();
    for (d, f) in docs.iter().enumerate() {
        for fact in &f.facts {
            if fact.kind == FactKind::Holder && fact.origin != Origin::Sentence {
                let seen = posts.entry(entity_of[d][fact.entity]).or_default();
                if !seen.contains(&fact.attribute.as_str()) {
                    seen.push(&fact.attribute);
                }
            }
        }
    }
    posts
        .into_iter()
        .filter_map(|(entity, seen)| {
            if seen.contains(&generic) {
                return None;
            }
            let top: Vec<&str> = seen.into_iter().filter(|p| !p.contains(' ')).collect();
            match top.as_slice() {
                [one] => Some((entity, one.to_string())),
                _ => None,
            }
        })
        .collect()
}

impl FactIndex {
    /// The group of one (entity, kind, attribute) key; groups are sorted by it.
    pub fn group(&self, entity: usize, kind: FactKind, attribute: &str) -> Option<&Group> {
        self.groups
            .binary_search_by(|g| {
                (g.entity, g.kind, g.attribute.as_str()).cmp(&(entity, kind, attribute))
            })
            .ok()
            .map(|i| &self.groups[i])
    }

    pub fn build(corpus: &Corpus, patterns: &FactPatterns) -> FactIndex {
        let docs: Vec<DocFacts> = corpus
            .docs
            .par_iter()
            .map(|d| facts::extract(d, patterns))
            .collect();
        // Number every local entity, then merge those that share a key.
        let mut node_of: Vec<Vec<usize>> = Vec::with_capacity(docs.len());
        let mut nodes: Vec<(DocId, usize)> = Vec::new();
        for (d, f) in docs.iter().enumerate() {
            node_of.push(
                (0..f.entities.locals.len())
                    .map(|l| nodes.len() + l)
                    .collect(),
            );
            nodes.extend((0..f.entities.locals.len()).map(|l| (d, l)));
        }
        let mut parent: Vec<usize> = (0..nodes.len()).collect();
        let mut first: FxHashMap<&str, usize> = FxHashMap::default();
        for (n, &(d, l)) in nodes.iter().enumerate() {
            for key in &docs[d].entities.locals[l].keys {
                match first.get(key.as_str()) {
                    Some(&m) => {
                        let (a, b) = (find(&mut parent, m), find(&mut parent, n));
                        // The smaller root wins, so numbering follows reading order.
                        parent[a.max(b)] = a.min(b);
                    }
                    None => {
                        first.insert(key, n);
                    }
                }
            }
        }
        let mut id_of_root: FxHashMap<usize, usize> = FxHashMap::default();
        let mut members: Vec<Vec<(DocId, usize)>> = Vec::new();
        let mut entity_of: Vec<Vec<usize>> = node_of.iter().map(|v| vec![0; v.len()]).collect();
        for (n, &(d, l)) in nodes.iter().enumerate() {
            let root = find(&mut parent, n);
            let id = *id_of_root.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                members.len() - 1
            });
            members[id].push((d, l));
            entity_of[d][l] = id;
        }
        let top = top_posts(&docs, &entity_of, patterns.generic_post());
        let mut by_key: FxHashMap<(usize, FactKind, &str), Vec<FactRef>> = FxHashMap::default();
        for (d, f) in docs.iter().enumerate() {
            for (i, fact) in f.facts.iter().enumerate() {
                let entity = entity_of[d][fact.entity];
                let attribute = match top.get(&entity) {
                    Some(post) if fact.generic_post => post.as_str(),
                    _ => fact.attribute.as_str(),
                };
                by_key
                    .entry((entity, fact.kind, attribute))
                    .or_default()
                    .push(FactRef { doc: d, fact: i });
            }
        }
        let mut groups: Vec<Group> = by_key
            .into_iter()
            .map(|((entity, kind, attribute), facts)| Group {
                entity,
                kind,
                attribute: attribute.to_string(),
                facts,
            })
            .collect();
        groups.sort_by(|a, b| {
            (a.entity, a.kind, &a.attribute).cmp(&(b.entity, b.kind, &b.attribute))
        });
        FactIndex {
            docs,
            entity_of,
            members,
            groups,
        }
    }

    pub fn fact(&self, r: FactRef) -> &Fact {
        &self.docs[r.doc].facts[r.fact]
    }

    /// The corpus entity of local entity `local` of document `doc`.
    pub fn corpus_entity(&self, doc: DocId, local: usize) -> usize {
        self.entity_of[doc][local]
    }

    /// The corpus entity a fact is about.
    pub fn entity(&self, r: FactRef) -> usize {
        self.entity_of[r.doc][self.fact(r).entity]
    }

    /// The name to show for a corpus entity: a subject's first name if one document is about
    /// it, else the first name any document gives it.
    pub fn display(&self, entity: usize) -> &str {
        let members = &self.members[entity];
        let pick = members
            .iter()
            .find(|(d, l)| self.docs[*d].entities.locals[*l].role == Role::Subject)
            .or(members.first());
        pick.map_or("", |(d, l)| self.docs[*d].entities.display(*l))
    }

    /// Every name the corpus gives an entity, without repeats, in reading order.
    pub fn names(&self, entity: usize) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for (d, l) in &self.members[entity] {
            for n in &self.docs[*d].entities.locals[*l].names {
                if !out.contains(&n.text.as_str()) {
                    out.push(&n.text);
                }
            }
        }
        out
    }
}
