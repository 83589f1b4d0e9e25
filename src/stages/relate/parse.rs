//! Reading a rules file: directives, patterns, checks. Every problem is
//! collected with its file and line; a rule set that loads is consistent.

use std::collections::HashMap;

use super::constraint::{Constraint, StandsFor};
use super::rule::{
    AltIndex, Cap, Elem, GapFilter, Implicit, MarkKind, Modality, RelationDecl, Rule, Slot,
    TypeSpec,
};
use super::token::{normalize, split_words};
use crate::error::{Error, ErrorKind, Location};

/// The largest count a `*`, `+` or gap may take.
const MAX_REPEAT: usize = 6;
const MAX_GAP: usize = 40;

// Limits that keep a small rules file from taking the loader or the matcher
// down (issue 16): each is checked at load and reported with file:line, so a
// rule set that loads runs the same at every `-j`.

/// The longest directive, continuation lines joined (bytes).
pub(crate) const MAX_DIRECTIVE_BYTES: usize = 1 << 20;
/// The deepest nesting of groups `( )`, marks `< >` and negations `!`.
pub(crate) const MAX_NESTING: usize = 32;
/// The most elements a pattern, blocker list, modality or set may expand to
/// (after `@SET`s are inlined and `?`, `*`, `+` unrolled): room for a
/// trigger set of 100,000 words, not for an expansion that doubles per line.
pub(crate) const MAX_PATTERN_SIZE: usize = 500_000;
/// The most elements all sets, modalities and rules of a rules file may
/// hold together (an element takes about 50 bytes: 100 MB).
pub(crate) const MAX_TOTAL_SIZE: usize = 2_000_000;
/// The most elements one path through a pattern may hold: the matcher's
/// recursion depth (measured safe in a 2 MiB worker stack, debug build).
pub(crate) const MAX_PATTERN_PATH: usize = 400;

pub(crate) struct Parsed {
    pub relations: Vec<RelationDecl>,
    pub rules: Vec<Rule>,
    pub modalities: Vec<Modality>,
}

/// A directive with its continuation lines joined.
struct Directive {
    line: usize,
    text: String,
}

fn directives(text: &str) -> Vec<Directive> {
    let mut out: Vec<Directive> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let continued = line.starts_with(|c: char| c.is_whitespace());
        match out.last_mut() {
            Some(d) if continued => {
                d.text.push(' ');
                d.text.push_str(line.trim());
            }
            _ => out.push(Directive {
                line: i + 1,
                text: line.trim().to_string(),
            }),
        }
    }
    out
}

/// Drop a `#` comment (a `#` that starts the line or follows whitespace; `\#` is literal).
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &line[..i];
        }
    }
    line
}

pub(crate) fn parse(name: &str, text: &str) -> crate::Result<Parsed> {
    parse_many(&[(name, text)])
}

/// Parse several rule files as one set, in order: a later file may use the
/// sets and relations of an earlier one, and may repeat a relation's
/// declaration with the same types (a different one is an error).
pub(crate) fn parse_many(files: &[(&str, &str)]) -> crate::Result<Parsed> {
    let mut p = Parser {
        name: String::new(),
        errors: Vec::new(),
        relations: Vec::new(),
        sets: HashMap::new(),
        failed_sets: HashMap::new(),
        total: 0,
        rules: Vec::new(),
        modalities: Vec::new(),
        decl_files: HashMap::new(),
    };
    for (name, text) in files {
        p.name = name.to_string();
        for d in directives(text) {
            if d.text.len() > MAX_DIRECTIVE_BYTES {
                let kw = d.text.split_whitespace().next().unwrap_or("");
                p.err(
                    d.line,
                    format!(
                        "{kw} of {} bytes is longer than the {MAX_DIRECTIVE_BYTES} bytes a directive may take (continuation lines joined)",
                        d.text.len()
                    ),
                );
                continue;
            }
            p.directive(&d);
        }
    }
    let name = files.last().map_or("", |f| f.0);
    if p.errors.is_empty() && p.relations.is_empty() {
        p.errors.push(
            Error::new(
                ErrorKind::Rules,
                "no relations declared (add lines like `relation brokered Actor -> Event`)",
            )
            .at(Location::file(name)),
        );
    }
    if !p.errors.is_empty() {
        return Err(Error::many(p.errors));
    }
    Ok(Parsed {
        relations: p.relations,
        rules: p.rules,
        modalities: p.modalities,
    })
}

struct Parser {
    name: String,
    errors: Vec<Error>,
    relations: Vec<RelationDecl>,
    sets: HashMap<String, Vec<Vec<Elem>>>,
    /// Sets whose definition failed, with its line (so a use says so).
    failed_sets: HashMap<String, usize>,
    /// Elements held by the sets, modalities and rules so far.
    total: usize,
    rules: Vec<Rule>,
    modalities: Vec<Modality>,
    /// The file each relation was declared in (several files: see `parse_many`).
    decl_files: HashMap<String, String>,
}

fn is_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

impl Parser {
    fn err(&mut self, line: usize, msg: impl Into<String>) {
        self.errors
            .push(Error::new(ErrorKind::Rules, msg).at(Location::line(&self.name, line)));
    }

    /// Count `n` more elements held; an error at `line` (and `false`) past
    /// [`MAX_TOTAL_SIZE`].
    fn charge(&mut self, line: usize, what: &str, n: usize) -> bool {
        if self.total.saturating_add(n) > MAX_TOTAL_SIZE {
            self.err(
                line,
                format!(
                    "{what} would take the rules to more than {MAX_TOTAL_SIZE} pattern elements in all (use fewer or smaller sets)"
                ),
            );
            return false;
        }
        self.total += n;
        true
    }

    fn directive(&mut self, d: &Directive) {
        let (kw, rest) = d
            .text
            .split_once(char::is_whitespace)
            .unwrap_or((&d.text, ""));
        let rest = rest.trim();
        match kw {
            "relation" => self.relation(d.line, rest),
            "set" => self.set(d.line, rest),
            "modality" => self.modality(d.line, rest),
            "rule" => self.rule(d.line, rest),
            _ => self.err(
                d.line,
                format!("unknown directive \"{kw}\" (expected relation, set, modality or rule; continuation lines are indented)"),
            ),
        }
    }

    /// `relation NAME FROM -> TO`
    fn relation(&mut self, line: usize, rest: &str) {
        // Clauses after the types, in either order: `where:`, `stands_for:`.
        let (rest, stands) = match rest.split_once("stands_for:") {
            Some((r, c)) => match c.split_once("where:") {
                // "stands_for: ... where: ...": the `where:` part is the relation's.
                Some((sf, w)) => (
                    format!("{} where: {w}", r.trim()),
                    Some(sf.trim().to_string()),
                ),
                None => (r.trim().to_string(), Some(c.trim().to_string())),
            },
            None => (rest.to_string(), None),
        };
        let rest = rest.as_str();
        let (rest, clause) = match rest.split_once("where:") {
            Some((r, c)) => (r.trim(), Some(c.trim())),
            None => (rest, None),
        };
        let constraint = match clause.map(Constraint::parse) {
            None => None,
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => return self.err(line, format!("where: {e}")),
        };
        let stands_for = match stands.as_deref().map(StandsFor::parse) {
            None => None,
            Some(Ok(c)) => Some(c),
            Some(Err(e)) => return self.err(line, format!("stands_for: {e}")),
        };
        let Some((name, types)) = rest.split_once(char::is_whitespace) else {
            return self.err(
                line,
                format!("malformed relation \"{rest}\" (expected `relation NAME FROM -> TO`)"),
            );
        };
        let Some((from, to)) = types.split_once("->") else {
            return self.err(
                line,
                format!("malformed relation \"{rest}\" (expected `relation NAME FROM -> TO`)"),
            );
        };
        if !is_name(name) {
            return self.err(
                line,
                format!("malformed relation name \"{name}\" (use letters, digits, _ and -)"),
            );
        }
        if let Some(prev) = self.relations.iter().find(|r| r.name == name) {
            let file = &self.decl_files[name];
            if *file != self.name {
                // A later file may restate a relation it adds rules to.
                let same = TypeSpec::parse(from.trim()).is_ok_and(|f| f == prev.from)
                    && TypeSpec::parse(to.trim()).is_ok_and(|t| t == prev.to);
                if same {
                    return;
                }
                let msg = format!(
                    "relation \"{name}\" declared with other types than at {file}:{}",
                    prev.line
                );
                return self.err(line, msg);
            }
            let msg = format!(
                "relation \"{name}\" declared twice (first on line {})",
                prev.line
            );
            return self.err(line, msg);
        }
        self.decl_files.insert(name.to_string(), self.name.clone());
        match (TypeSpec::parse(from.trim()), TypeSpec::parse(to.trim())) {
            (Ok(from), Ok(to)) => self.relations.push(RelationDecl {
                name: name.to_string(),
                from,
                to,
                line,
                constraint,
                stands_for,
            }),
            (Err(e), _) | (_, Err(e)) => self.err(line, e),
        }
    }

    /// `set NAME = item | item ...`
    fn set(&mut self, line: usize, rest: &str) {
        let Some((name, body)) = rest.split_once('=') else {
            return self.err(
                line,
                format!("malformed set \"{rest}\" (expected `set NAME = a | b c | d`)"),
            );
        };
        let name = name.trim();
        if !is_name(name) {
            return self.err(
                line,
                format!("malformed set name \"{name}\" (use letters, digits, _ and -)"),
            );
        }
        if self.sets.contains_key(name) {
            return self.err(line, format!("set \"{name}\" defined twice"));
        }
        match self.alternatives(body) {
            Ok(alts) => {
                if alts.iter().any(|a| has_capture(a)) {
                    return self.err(
                        line,
                        format!("set \"{name}\" captures a slot (sets may only constrain)"),
                    );
                }
                if !self.charge(line, &format!("set \"{name}\""), alts_size(&alts)) {
                    self.failed_sets.insert(name.to_string(), line);
                    return;
                }
                self.sets.insert(name.to_string(), alts);
            }
            Err(e) => {
                self.failed_sets.insert(name.to_string(), line);
                self.err(line, format!("set \"{name}\": {e}"))
            }
        }
    }

    /// `modality NAME = item | item ...`
    fn modality(&mut self, line: usize, rest: &str) {
        let Some((name, body)) = rest.split_once('=') else {
            return self.err(
                line,
                format!("malformed modality \"{rest}\" (expected `modality NAME = a | b`)"),
            );
        };
        let name = name.trim();
        if !is_name(name) {
            return self.err(line, format!("malformed modality name \"{name}\""));
        }
        match self.alternatives(body) {
            Ok(markers) => {
                if self.charge(line, &format!("modality \"{name}\""), alts_size(&markers)) {
                    self.modalities.push(Modality {
                        name: name.to_string(),
                        markers,
                    })
                }
            }
            Err(e) => self.err(line, e),
        }
    }

    /// Parse `a b | c | @SET` as alternatives.
    fn alternatives(&self, body: &str) -> Result<Vec<Vec<Elem>>, String> {
        let mut lx = self.lexer(body);
        let alts = lx.seq_alts(None)?;
        if alts.iter().any(Vec::is_empty) {
            return Err(format!("empty alternative in \"{}\"", body.trim()));
        }
        check_alts(&alts)?;
        Ok(alts)
    }

    fn lexer<'a>(&'a self, body: &'a str) -> Lexer<'a> {
        Lexer {
            s: body.trim(),
            pos: 0,
            sets: &self.sets,
            failed_sets: &self.failed_sets,
            depth: 0,
            expanded: 0,
        }
    }

    /// `rule ID RELATION : PATTERN [unless: ...] [implicit: obj TYPE like ...]`
    fn rule(&mut self, line: usize, rest: &str) {
        let Some((head, body)) = rest.split_once(':') else {
            return self.err(
                line,
                format!("malformed rule \"{rest}\" (expected `rule ID RELATION: PATTERN`)"),
            );
        };
        let mut head_words = head.split_whitespace();
        let (Some(id), Some(rel), None) = (head_words.next(), head_words.next(), head_words.next())
        else {
            return self.err(
                line,
                format!(
                    "malformed rule head \"{}\" (expected `rule ID RELATION:`)",
                    head.trim()
                ),
            );
        };
        if !is_name(id) {
            return self.err(
                line,
                format!("malformed rule id \"{id}\" (use letters, digits, _ and -)"),
            );
        }
        if let Some(prev) = self.rules.iter().find(|r| r.id == id) {
            let msg = format!("rule id \"{id}\" used twice (first on line {})", prev.line);
            return self.err(line, msg);
        }
        let Some(relation) = self.relations.iter().position(|r| r.name == rel) else {
            let known: Vec<&str> = self.relations.iter().map(|r| r.name.as_str()).collect();
            return self.err(
                line,
                format!("unknown relation \"{rel}\" (declared: {}; declare it with `relation {rel} FROM -> TO` first)", known.join(", ")),
            );
        };
        // Split off the clauses.
        let (pattern_src, clauses) = split_clauses(body);
        let mut unless = Vec::new();
        let mut implicit = None;
        for (kw, text) in clauses {
            match kw {
                "unless" => match self.alternatives(text) {
                    Ok(a) => unless.extend(a),
                    Err(e) => return self.err(line, format!("in unless: {e}")),
                },
                "implicit" => match parse_implicit(text) {
                    Ok(i) => implicit = Some(i),
                    Err(e) => return self.err(line, e),
                },
                _ => unreachable!("split_clauses only returns known keywords"),
            }
        }
        let mut lx = self.lexer(pattern_src);
        let pattern = match lx.seq_alts(None) {
            Ok(mut alts) if alts.len() == 1 => alts.pop().unwrap_or_default(),
            Ok(alts) => vec![Elem::Alt(alts, AltIndex::default())],
            Err(e) => return self.err(line, format!("malformed pattern: {e}")),
        };
        if let Err(e) = check_size(&pattern) {
            return self.err(line, format!("rule \"{id}\": {e}"));
        }
        if pattern.is_empty() {
            return self.err(line, "empty pattern");
        }
        let decl = &self.relations[relation];
        let mut slots = Vec::new();
        collect_slots(&pattern, &mut slots);
        let mut problems = Vec::new();
        if !slots.iter().any(|s| s.cap == Some(Cap::Subj)) {
            problems.push("pattern has no {subj:...} slot".to_string());
        }
        let has_obj = slots.iter().any(|s| s.cap == Some(Cap::Obj));
        match (&implicit, has_obj) {
            (None, false) => problems
                .push("pattern has no {obj:...} slot and no `implicit: obj ...`".to_string()),
            (Some(_), true) => problems
                .push("pattern has an {obj:...} slot and an `implicit: obj`; keep one".to_string()),
            _ => {}
        }
        for s in &slots {
            let (want, end) = match s.cap {
                Some(Cap::Subj) => (&decl.from, "subject"),
                Some(Cap::Obj) => (&decl.to, "object"),
                None => continue,
            };
            if !s.types.overlaps(want) {
                problems.push(format!(
                    "slot type {} can never be the {end} of {decl}",
                    s.types
                ));
            }
        }
        if let Some(imp) = &implicit {
            if !imp.types.overlaps(&decl.to) {
                problems.push(format!(
                    "implicit object type {} can never be the object of {decl}",
                    imp.types
                ));
            }
        }
        if !problems.is_empty() {
            for p in problems {
                self.err(line, format!("rule \"{id}\": {p}"));
            }
            return;
        }
        let held = size(&pattern) + alts_size(&unless);
        if !self.charge(line, &format!("rule \"{id}\""), held) {
            return;
        }
        self.rules.push(Rule {
            id: id.to_string(),
            relation,
            pattern,
            unless,
            implicit,
            line,
            source: pattern_src.trim().to_string(),
        });
    }
}

/// Split `PATTERN unless: A implicit: B` into the pattern and its clauses.
fn split_clauses(body: &str) -> (&str, Vec<(&'static str, &str)>) {
    let mut marks: Vec<(usize, &'static str, usize)> = Vec::new();
    for kw in ["unless", "implicit"] {
        let pat = format!("{kw}:");
        let mut from = 0;
        while let Some(i) = body[from..].find(&pat) {
            let at = from + i;
            let boundary = at == 0 || body[..at].ends_with(char::is_whitespace);
            if boundary {
                marks.push((at, kw, at + pat.len()));
            }
            from = at + pat.len();
        }
    }
    marks.sort();
    let pattern_end = marks.first().map_or(body.len(), |m| m.0);
    let mut clauses = Vec::new();
    for (i, &(_, kw, text_start)) in marks.iter().enumerate() {
        let text_end = marks.get(i + 1).map_or(body.len(), |m| m.0);
        clauses.push((kw, body[text_start..text_end].trim()));
    }
    (&body[..pattern_end], clauses)
}

/// `obj Event like talks | negotiations`
fn parse_implicit(text: &str) -> Result<Implicit, String> {
    let mut words = text.split_whitespace();
    if words.next() != Some("obj") {
        return Err(format!(
            "malformed implicit \"{text}\" (expected `implicit: obj TYPE [like word | word]`)"
        ));
    }
    let Some(ty) = words.next() else {
        return Err(format!(
            "malformed implicit \"{text}\" (expected `implicit: obj TYPE [like word | word]`)"
        ));
    };
    let types = TypeSpec::parse(ty)?;
    let rest: Vec<&str> = words.collect();
    let like = match rest.split_first() {
        None => Vec::new(),
        Some((&"like", items)) => items
            .iter()
            .filter(|w| **w != "|")
            .map(|w| normalize(w))
            .collect(),
        Some(_) => {
            return Err(format!(
                "malformed implicit \"{text}\" (expected `like` after the type)"
            ))
        }
    };
    Ok(Implicit { types, like })
}

fn has_capture(seq: &[Elem]) -> bool {
    let mut slots = Vec::new();
    collect_slots(seq, &mut slots);
    slots.iter().any(|s| s.cap.is_some())
}

fn collect_slots<'a>(seq: &'a [Elem], out: &mut Vec<&'a Slot>) {
    for e in seq {
        match e {
            Elem::Slot(s) => out.push(s),
            Elem::Alt(alts, _) | Elem::Not(alts) | Elem::NotAfter(alts) => {
                alts.iter().for_each(|a| collect_slots(a, out))
            }
            _ => {}
        }
    }
}

const SPECIAL: &[char] = &[
    '(', ')', '|', '{', '}', '[', ']', '<', '>', '?', '*', '+', '@', '!', '~', '^', '$', '\\',
];

struct Lexer<'a> {
    s: &'a str,
    pos: usize,
    sets: &'a HashMap<String, Vec<Vec<Elem>>>,
    failed_sets: &'a HashMap<String, usize>,
    /// Current nesting of groups, marks and negations.
    depth: usize,
    /// Elements added so far by inlining sets and unrolling quantifiers.
    expanded: usize,
}

/// The number of elements in `seq`, nested ones included.
pub(crate) fn size(seq: &[Elem]) -> usize {
    seq.iter()
        .map(|e| match e {
            Elem::Alt(alts, _) | Elem::Not(alts) | Elem::NotAfter(alts) => {
                1 + alts.iter().map(|a| size(a)).sum::<usize>()
            }
            _ => 1,
        })
        .sum()
}

/// The most elements on one path through `seq` (the matcher's recursion depth).
pub(crate) fn path_len(seq: &[Elem]) -> usize {
    seq.iter()
        .map(|e| match e {
            Elem::Alt(alts, _) | Elem::Not(alts) | Elem::NotAfter(alts) => {
                1 + alts.iter().map(|a| path_len(a)).max().unwrap_or(0)
            }
            _ => 1,
        })
        .sum()
}

/// The number of elements of `Alt(alts)`.
fn alts_size(alts: &[Vec<Elem>]) -> usize {
    1 + alts.iter().map(|a| size(a)).sum::<usize>()
}

/// [`check_size`] of `Alt(alts)`, without building it.
fn check_alts(alts: &[Vec<Elem>]) -> Result<(), String> {
    let n = alts_size(alts);
    let p = 1 + alts.iter().map(|a| path_len(a)).max().unwrap_or(0);
    check_numbers(n, p)
}

/// Check a finished pattern against [`MAX_PATTERN_SIZE`] and [`MAX_PATTERN_PATH`].
fn check_size(seq: &[Elem]) -> Result<(), String> {
    check_numbers(size(seq), path_len(seq))
}

fn check_numbers(n: usize, p: usize) -> Result<(), String> {
    if n > MAX_PATTERN_SIZE {
        return Err(format!(
            "expands to {n} pattern elements, more than {MAX_PATTERN_SIZE} (use fewer or smaller sets and repeats)"
        ));
    }
    if p > MAX_PATTERN_PATH {
        return Err(format!(
            "has a path of {p} elements, more than {MAX_PATTERN_PATH} (use fewer optional parts and repeats in a row)"
        ));
    }
    Ok(())
}

impl Lexer<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn context(&self) -> String {
        let rest: String = self.s[self.pos..].chars().take(20).collect();
        if rest.is_empty() {
            "at the end".to_string()
        } else {
            format!("at \"{rest}\"")
        }
    }

    /// A sequence with `|` alternatives, up to `close` (consumed) or the end.
    fn seq_alts(&mut self, close: Option<char>) -> Result<Vec<Vec<Elem>>, String> {
        let mut alts = vec![Vec::new()];
        loop {
            self.skip_ws();
            match self.peek() {
                None => {
                    return match close {
                        Some(c) => Err(format!("missing \"{c}\"")),
                        None => Ok(alts),
                    }
                }
                Some(c) if Some(c) == close => {
                    self.bump();
                    return Ok(alts);
                }
                Some('|') => {
                    self.bump();
                    alts.push(Vec::new());
                }
                Some(c @ (')' | '>' | '}' | ']')) => {
                    return Err(format!("unexpected \"{c}\" {}", self.context()))
                }
                Some(_) => {
                    let cur = alts.last_mut().expect("alts is never empty");
                    self.atom(cur)?;
                }
            }
        }
    }

    /// Charge `n` elements of expansion; an error past [`MAX_PATTERN_SIZE`].
    fn expand(&mut self, n: usize, what: &str) -> Result<(), String> {
        self.expanded = self.expanded.saturating_add(n);
        if self.expanded > MAX_PATTERN_SIZE {
            return Err(format!(
                "{what} expands the pattern to more than {MAX_PATTERN_SIZE} elements (use fewer or smaller sets and repeats)"
            ));
        }
        Ok(())
    }

    /// One atom (with its quantifier) appended to `out`, at most
    /// [`MAX_NESTING`] deep.
    fn atom(&mut self, out: &mut Vec<Elem>) -> Result<(), String> {
        if self.depth >= MAX_NESTING {
            return Err(format!(
                "groups, marks and negations nested more than {MAX_NESTING} deep {}",
                self.context()
            ));
        }
        self.depth += 1;
        let r = self.atom_inner(out);
        self.depth -= 1;
        r
    }

    fn atom_inner(&mut self, out: &mut Vec<Elem>) -> Result<(), String> {
        let start = out.len();
        match self.peek() {
            Some('(') => {
                self.bump();
                let alts = self.seq_alts(Some(')'))?;
                out.push(Elem::Alt(alts, AltIndex::default()));
            }
            Some('{') => {
                self.bump();
                let end = self.s[self.pos..]
                    .find('}')
                    .ok_or("missing \"}\" after \"{\"")?;
                let inner = &self.s[self.pos..self.pos + end];
                self.pos += end + 1;
                out.push(Elem::Slot(parse_slot(inner)?));
            }
            Some('[') => {
                self.bump();
                let end = self.s[self.pos..]
                    .find(']')
                    .ok_or("missing \"]\" after \"[\"")?;
                let inner = &self.s[self.pos..self.pos + end];
                self.pos += end + 1;
                out.push(parse_gap(inner)?);
            }
            Some('<') => {
                self.bump();
                let kind = if self.s[self.pos..].starts_with("role:") {
                    self.pos += "role:".len();
                    MarkKind::Role
                } else {
                    MarkKind::Trigger
                };
                let alts = self.seq_alts(Some('>'))?;
                out.push(Elem::Mark(kind, true));
                if alts.len() == 1 {
                    out.extend(alts.into_iter().flatten());
                } else {
                    out.push(Elem::Alt(alts, AltIndex::default()));
                }
                out.push(Elem::Mark(kind, false));
                return Ok(());
            }
            Some('@') => {
                self.bump();
                let name: String =
                    self.take_while(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                let Some(alts) = self.sets.get(&name) else {
                    if let Some(line) = self.failed_sets.get(&name) {
                        return Err(format!(
                            "set \"@{name}\" is not usable: its definition on line {line} has an error"
                        ));
                    }
                    return Err(format!(
                        "unknown set \"@{name}\" (define it above with `set {name} = ...`)"
                    ));
                };
                let n: usize = alts.iter().map(|a| size(a)).sum();
                self.expand(n + 1, &format!("\"@{name}\""))?;
                out.push(Elem::Alt(alts.clone(), AltIndex::default()));
            }
            Some('!') => {
                self.bump();
                let mut inner = Vec::new();
                self.atom(&mut inner)?;
                out.push(Elem::Not(vec![inner]));
                return Ok(());
            }
            Some('~') => {
                self.bump();
                let mut inner = Vec::new();
                self.atom(&mut inner)?;
                out.push(Elem::NotAfter(vec![inner]));
                return Ok(());
            }
            Some('^') => {
                self.bump();
                out.push(Elem::Start);
                return Ok(());
            }
            Some('$') => {
                self.bump();
                out.push(Elem::End);
                return Ok(());
            }
            Some(c @ ('?' | '*' | '+')) => {
                return Err(format!(
                    "quantifier \"{c}\" with nothing before it {}",
                    self.context()
                ))
            }
            Some(_) => {
                let mut lit = String::new();
                while let Some(c) = self.peek() {
                    if c.is_whitespace() || (SPECIAL.contains(&c) && c != '\\') {
                        break;
                    }
                    self.bump();
                    if c == '\\' {
                        match self.bump() {
                            Some(e) => lit.push(e),
                            None => return Err("\"\\\" at the end of the pattern".into()),
                        }
                    } else {
                        lit.push(c);
                    }
                }
                let mut spans = Vec::new();
                split_words(&lit, 0, &mut spans);
                let words: Vec<Elem> = spans
                    .iter()
                    .map(|&(a, b)| Elem::Word(normalize(&lit[a..b])))
                    .collect();
                match words.len() {
                    0 => return Err(format!("empty literal {}", self.context())),
                    1 => out.extend(words),
                    _ => out.push(Elem::Alt(vec![words], AltIndex::default())),
                }
            }
            None => return Err("pattern ends early".into()),
        }
        // Quantifier on the atom just pushed.
        let (min, max) = match self.peek() {
            Some('?') => (0, 1),
            Some('*') => (0, MAX_REPEAT),
            Some('+') => (1, MAX_REPEAT),
            _ => return Ok(()),
        };
        self.bump();
        let atom: Vec<Elem> = out.drain(start..).collect();
        // `repeat` makes `max` copies and one alternative per optional copy.
        let extra = size(&atom)
            .saturating_mul(max.saturating_sub(1))
            .saturating_add(max - min);
        self.expand(extra, "a repeat")?;
        out.extend(repeat(&atom, min, max));
        Ok(())
    }

    fn take_while(&mut self, f: impl Fn(char) -> bool) -> String {
        let mut s = String::new();
        while let Some(c) = self.peek().filter(|&c| f(c)) {
            s.push(c);
            self.bump();
        }
        s
    }
}

/// `atom{min,max}` as nested optional alternatives (longest first).
fn repeat(atom: &[Elem], min: usize, max: usize) -> Vec<Elem> {
    let mut out: Vec<Elem> = Vec::new();
    for _ in 0..min {
        out.extend(atom.iter().cloned());
    }
    let mut tail: Vec<Elem> = Vec::new();
    for _ in min..max {
        let mut branch: Vec<Elem> = atom.to_vec();
        branch.extend(tail);
        tail = vec![Elem::Alt(vec![branch, Vec::new()], AltIndex::default())];
    }
    out.extend(tail);
    out
}

/// `subj:Actor+`, `obj:Organization/Media`, `Place`.
fn parse_slot(inner: &str) -> Result<Slot, String> {
    let inner = inner.trim();
    let (cap, ty) = match inner.split_once(':') {
        Some((c, t)) => {
            let cap = match c.trim() {
                "subj" => Some(Cap::Subj),
                "obj" => Some(Cap::Obj),
                "_" => None,
                other => {
                    return Err(format!(
                        "unknown capture \"{other}\" in {{{inner}}} (expected subj, obj or _)"
                    ))
                }
            };
            (cap, t.trim())
        }
        None => (None, inner),
    };
    let (ty, coord) = match ty.strip_suffix('+') {
        Some(t) => (t.trim(), true),
        None => (ty, false),
    };
    if ty.is_empty() {
        return Err(format!("slot {{{inner}}} has no type"));
    }
    Ok(Slot {
        cap,
        types: TypeSpec::parse(ty)?,
        coord,
    })
}

/// `gap 0-4`, `gap 0-4 no Actor ,`, `words 1-3`.
fn parse_gap(inner: &str) -> Result<Elem, String> {
    let mut w = inner.split_whitespace();
    let kind = w.next().unwrap_or("");
    let range = w.next().unwrap_or("");
    let bad = || {
        format!(
            "malformed gap [{inner}] (expected [gap M-N], [gap M-N no TYPE ...] or [words M-N])"
        )
    };
    let (min, max) = range.split_once('-').ok_or_else(bad)?;
    let (min, max): (usize, usize) = (
        min.parse().map_err(|_| bad())?,
        max.parse().map_err(|_| bad())?,
    );
    if min > max || max > MAX_GAP {
        return Err(format!(
            "gap range {min}-{max} in [{inner}] must have M <= N <= {MAX_GAP}"
        ));
    }
    let rest: Vec<&str> = w.collect();
    let filter = match (kind, rest.split_first()) {
        ("words", None) => GapFilter::Words,
        ("gap", None) => GapFilter::Any,
        ("gap", Some((&"no", items))) if !items.is_empty() => {
            let mut types = Vec::new();
            let mut words = Vec::new();
            for it in items {
                if it.starts_with(|c: char| c.is_ascii_uppercase()) {
                    types.push(TypeSpec::parse(it)?);
                } else {
                    words.push(normalize(it));
                }
            }
            GapFilter::Excluding { types, words }
        }
        _ => return Err(bad()),
    };
    Ok(Elem::Gap { min, max, filter })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped rules stay well inside the loader's limits.
    #[test]
    fn shipped_rules_are_well_inside_the_limits() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/gazetteer/relations.rules");
        let text = std::fs::read_to_string(path).unwrap();
        let parsed = parse("relations.rules", &text).unwrap();
        let patterns = parsed
            .rules
            .iter()
            .flat_map(|r| {
                [
                    r.pattern.clone(),
                    vec![Elem::Alt(r.unless.clone(), AltIndex::default())],
                ]
            })
            .chain(
                parsed
                    .modalities
                    .iter()
                    .map(|m| vec![Elem::Alt(m.markers.clone(), AltIndex::default())]),
            );
        let (mut big, mut long) = (0, 0);
        for p in patterns {
            big = big.max(size(&p));
            long = long.max(path_len(&p));
        }
        let longest_line = directives(&text).iter().map(|d| d.text.len()).max();
        eprintln!("largest pattern {big} elements, longest path {long}, longest directive {longest_line:?}");
        assert!(big * 4 <= MAX_PATTERN_SIZE, "{big}");
        assert!(big * 100 <= MAX_TOTAL_SIZE, "{big}");
        assert!(long * 4 <= MAX_PATTERN_PATH, "{long}");
        assert!(longest_line.unwrap() * 4 <= MAX_DIRECTIVE_BYTES);
    }
}
