//! A Markdown outline of the debate, for teaching: first one section per question the map
//! states (its claims for and against, each with what rebuts and supports it), then one section
//! per contested claim (a claim something rebuts), most rebutted first; under it what rebuts it and what supports it,
//! nested (what supports or rebuts those, and so on, three levels deep), with undercuts under
//! the relation they attack. Who said what is in the text; each claim's quote and source are a
//! GitHub-flavoured Markdown footnote (`[^1]`), one per claim however often it appears.
//!
//! Claim texts and names are escaped (a backslash before Markdown's punctuation), so a text
//! with `*`, `_`, `[` or `<` reads as written. Nothing here is meant to be read back: the
//! outline leaves out uncontested claims that support nothing contested, actor details and
//! relation ids.

use crate::model::{ClaimIx, Map, RelationIx, RelationKind, Target};
use std::fmt::Write as _;

/// How deep the nested lists under a contested claim go.
const DEPTH: usize = 3;

/// Writes the outline of `map` (see the [module documentation](self)).
pub fn to_string(map: &Map) -> String {
    let mut outline = Outline {
        map,
        footnotes: Vec::new(),
    };
    let mut contested: Vec<(usize, ClaimIx)> = map
        .claim_indices()
        .map(|claim| (outline.count(claim, RelationKind::Rebuts), claim))
        .filter(|&(rebuttals, _)| rebuttals > 0)
        .collect();
    // Most rebutted first; ties keep map order (the sort is stable).
    contested.sort_by_key(|&(rebuttals, _)| std::cmp::Reverse(rebuttals));

    // Questions first: footnotes are numbered in the order claims are mentioned.
    let questions = outline.questions();
    let mut body = String::new();
    for (n, &(rebuttals, claim)) in contested.iter().enumerate() {
        let supports = outline.count(claim, RelationKind::Supports);
        let _ = writeln!(body, "## {}. {}\n", n + 1, escape(&map.claim(claim).text));
        let _ = writeln!(
            body,
            "{} ({} {}, {} {})\n",
            outline.attribution(claim),
            rebuttals,
            if rebuttals == 1 {
                "rebuttal"
            } else {
                "rebuttals"
            },
            supports,
            if supports == 1 { "support" } else { "supports" },
        );
        for (kind, heading) in [
            (RelationKind::Rebuts, "Rebutted by"),
            (RelationKind::Supports, "Supported by"),
        ] {
            if outline.count(claim, kind) == 0 {
                continue;
            }
            let _ = writeln!(body, "**{heading}**\n");
            let mut path = vec![claim];
            outline.relations_into(&mut body, claim, Some(kind), 0, &mut path);
            body.push('\n');
        }
    }

    let mut out = String::from("# The debate, claim by claim\n\n");
    if !map.questions.is_empty() {
        let _ = writeln!(
            out,
            "{} {} the debate is about, each with the claims for and against it; then the contested claims.\n",
            map.questions.len(),
            if map.questions.len() == 1 {
                "question"
            } else {
                "questions"
            },
        );
        out.push_str(&questions);
    }
    if contested.is_empty() {
        out.push_str("No claim in this map is rebutted.\n");
        outline.write_footnotes(&mut out);
        return out;
    }
    let _ = writeln!(
        out,
        "{} contested {} of {}, most rebutted first. Each claim's quote and source are in the notes.\n",
        contested.len(),
        if contested.len() == 1 {
            "claim"
        } else {
            "claims"
        },
        map.claims.len()
    );
    out.push_str(&body);
    outline.write_footnotes(&mut out);
    out
}

struct Outline<'a> {
    map: &'a Map,
    /// Claims with a footnote, in the order of their first mention.
    footnotes: Vec<ClaimIx>,
}

impl Outline<'_> {
    /// The footnotes, in the order of their first mention.
    fn write_footnotes(&self, out: &mut String) {
        for (n, &claim) in self.footnotes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {}", n + 1, self.footnote(claim));
        }
    }

    /// One section per question: `## Question: text`, its note, then its answers for and
    /// against, each with what rebuts and supports it nested below (as under a contested claim).
    fn questions(&mut self) -> String {
        let map = self.map;
        let mut out = String::new();
        for question in map.questions.values() {
            let _ = writeln!(out, "## Question: {}\n", escape(&question.text));
            if let Some(note) = &question.note {
                let _ = writeln!(out, "*{}*\n", escape(note));
            }
            if question.for_claims.is_empty() && question.against_claims.is_empty() {
                out.push_str("No claim answers it yet.\n\n");
                continue;
            }
            for (claims, heading) in [
                (&question.for_claims, "For"),
                (&question.against_claims, "Against"),
            ] {
                if claims.is_empty() {
                    continue;
                }
                let _ = writeln!(out, "**{heading}**\n");
                for &claim in claims {
                    let _ = writeln!(
                        out,
                        "- {} — {}",
                        escape(&map.claim(claim).text),
                        self.attribution(claim)
                    );
                    let mut path = vec![claim];
                    self.relations_into(&mut out, claim, None, 1, &mut path);
                }
                out.push('\n');
            }
        }
        out
    }

    fn count(&self, claim: ClaimIx, kind: RelationKind) -> usize {
        self.map
            .relations
            .iter()
            .filter(|r| r.kind == kind && r.target == Target::Claim(claim))
            .count()
    }

    /// `*Actor*[^n]`: who makes the claim, with the claim's footnote.
    fn attribution(&mut self, claim: ClaimIx) -> String {
        let n = match self.footnotes.iter().position(|&c| c == claim) {
            Some(i) => i + 1,
            None => {
                self.footnotes.push(claim);
                self.footnotes.len()
            }
        };
        let actor = self.map.actor(self.map.claim(claim).actor);
        format!("*{}*[^{n}]", escape(&actor.name))
    }

    /// The list of relations into `claim` (of `only` kind, or rebuttals then supports),
    /// each item nesting the relations into its own claim, down to [`DEPTH`].
    fn relations_into(
        &mut self,
        out: &mut String,
        claim: ClaimIx,
        only: Option<RelationKind>,
        depth: usize,
        path: &mut Vec<ClaimIx>,
    ) {
        let map = self.map;
        let kinds: &[RelationKind] = match only {
            Some(RelationKind::Rebuts) => &[RelationKind::Rebuts],
            Some(RelationKind::Supports) => &[RelationKind::Supports],
            _ => &[RelationKind::Rebuts, RelationKind::Supports],
        };
        for &kind in kinds {
            for relation in map.relation_indices() {
                let record = map.relation(relation);
                if record.kind == kind && record.target == Target::Claim(claim) {
                    let label = match (only, kind) {
                        (Some(_), _) => "",
                        (None, RelationKind::Rebuts) => "rebutted by: ",
                        (None, _) => "supported by: ",
                    };
                    self.item(out, relation, label, depth, path);
                }
            }
        }
    }

    fn item(
        &mut self,
        out: &mut String,
        relation: RelationIx,
        label: &str,
        depth: usize,
        path: &mut Vec<ClaimIx>,
    ) {
        let map = self.map;
        let record = map.relation(relation);
        let indent = "  ".repeat(depth);
        let from = record.from;
        let _ = write!(
            out,
            "{indent}- {label}{} — {}",
            escape(&map.claim(from).text),
            self.attribution(from)
        );
        if let Some(note) = &record.note {
            let _ = write!(out, " *({})*", escape(note));
        }
        out.push('\n');
        for undercut in map.relation_indices() {
            let undercutter = map.relation(undercut);
            if undercutter.target == Target::Relation(relation) {
                let _ = writeln!(
                    out,
                    "{indent}  - undercut (the link does not hold): {} — {}",
                    escape(&map.claim(undercutter.from).text),
                    self.attribution(undercutter.from)
                );
            }
        }
        if path.contains(&from) {
            let _ = writeln!(
                out,
                "{indent}  - (this claim is already above: the argument circles)"
            );
            return;
        }
        if depth + 1 < DEPTH {
            path.push(from);
            self.relations_into(out, from, None, depth + 1, path);
            path.pop();
        }
    }

    /// `"quote" — Authors, *Title*, Publisher, date. <url>`
    fn footnote(&self, claim: ClaimIx) -> String {
        let record = self.map.claim(claim);
        let source = self.map.source(record.source);
        let mut parts = Vec::new();
        if !source.authors.is_empty() {
            parts.push(escape(&source.authors.join(", ")));
        }
        parts.push(format!("*{}*", escape(&source.title)));
        if let Some(publisher) = &source.publisher {
            parts.push(escape(publisher));
        }
        if let Some(date) = record.date.or(source.date) {
            parts.push(date.to_string());
        }
        let mut note = match &record.quote {
            Some(quote) => format!("“{}” — {}.", escape(quote), parts.join(", ")),
            None => format!("{}.", parts.join(", ")),
        };
        if let Some(url) = &source.url {
            if !url.contains(['<', '>', ' ']) {
                let _ = write!(note, " <{url}>");
            }
        }
        note
    }
}

/// Text that Markdown shows as written: whitespace runs become one space, and Markdown's
/// punctuation (`\ ` * _ [ ] < > # | ~ &`) gets a backslash.
pub fn escape(text: &str) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(collapsed.len());
    for c in collapsed.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
