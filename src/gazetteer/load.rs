//! Reading gazetteer files: TOML entity tables and JSON lines.
//!
//! Every problem is collected with its file and line, and [`GazetteerBuilder::build`]
//! reports them all at once; nothing is half-loaded.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{is_slug, slug, Entity, EntityType, Gazetteer};
use crate::error::{Error, ErrorKind, Location};

/// The folder of entity files used when no `--gazetteer` is given.
pub const DEFAULT_GAZETTEER_DIR: &str = "gazetteer";

/// The default gazetteer folder: `gazetteer/` in the working folder, else the
/// one shipped beside the crate's sources (for a binary run from elsewhere).
pub fn default_gazetteer_dir() -> PathBuf {
    let here = PathBuf::from(DEFAULT_GAZETTEER_DIR);
    if here.is_dir() {
        return here;
    }
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_GAZETTEER_DIR);
    if shipped.is_dir() {
        shipped
    } else {
        here
    }
}

/// Collects entities from files and strings, then checks them as a whole.
#[derive(Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    /// Per entity: locations of its `capital`, `part_of` and `country` values.
    refs: Vec<[Location; 3]>,
    errors: Vec<Error>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    entity: Vec<Spanned<RawEntity>>,
}

/// One entry as written in a file; the TOML table and the JSON-lines object share it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: Option<String>,
    #[serde(rename = "type")]
    entity_type: Option<String>,
    subtype: Option<String>,
    name: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    metonyms: Vec<String>,
    capital: Option<String>,
    #[serde(default)]
    titles: Vec<String>,
    #[serde(default)]
    references: Vec<String>,
    part_of: Option<String>,
    country: Option<String>,
    wikidata: Option<String>,
    #[serde(default)]
    attributes: BTreeMap<String, toml::Value>,
}

/// A spaCy EntityRuler pattern line: `{"label": "ORG", "pattern": "...", "id": "..."}`.
#[derive(Deserialize)]
struct SpacyPattern {
    label: String,
    pattern: serde_json::Value,
    id: Option<String>,
}

impl GazetteerBuilder {
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Add a file, or every `.toml` and `.jsonl` file below a folder (sorted by path, so
    /// the load order is stable).
    pub fn add_path(&mut self, path: &Path) -> &mut Self {
        match fs::metadata(path) {
            Err(e) => self
                .errors
                .push(Error::io(ErrorKind::Gazetteer, "read gazetteer", path, &e)),
            Ok(m) if m.is_dir() => {
                let mut files = Vec::new();
                if let Err(e) = collect_files(path, &mut files) {
                    self.errors.push(e);
                }
                if files.is_empty() {
                    self.errors.push(
                        Error::new(
                            ErrorKind::Gazetteer,
                            "no .toml or .jsonl gazetteer files in this folder",
                        )
                        .at(Location::file(path)),
                    );
                }
                for f in files {
                    self.add_file(&f);
                }
            }
            Ok(_) => self.add_file(path),
        }
        self
    }

    fn add_file(&mut self, path: &Path) {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                self.errors
                    .push(Error::io(ErrorKind::Gazetteer, "read gazetteer", path, &e));
                return;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = line_of(&e.as_bytes()[..at]);
                self.errors.push(
                    Error::new(ErrorKind::Gazetteer, format!("invalid UTF-8 at byte {at}"))
                        .at(Location::line(path, line)),
                );
                return;
            }
        };
        let (entities, errors) = (self.entities.len(), self.errors.len());
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl") => self.add_jsonl_str(path, &text),
            _ => self.add_toml_str(path, &text),
        };
        // An empty file is a mistake (a wrong path, a file not yet written),
        // not a gazetteer that should silently find nothing.
        if self.entities.len() == entities && self.errors.len() == errors {
            self.errors.push(
                Error::new(
                    ErrorKind::Gazetteer,
                    "no entities in this file (write [[entity]] tables or JSON lines; see gazetteer/README.md)",
                )
                .at(Location::line(path, 1)),
            );
        }
    }

    /// Add the `[[entity]]` tables of one TOML document.
    pub fn add_toml_str(&mut self, path: impl AsRef<Path>, text: &str) -> &mut Self {
        let path = path.as_ref();
        let file: RawFile = match toml::from_str(text) {
            Ok(f) => f,
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| line_of(&text.as_bytes()[..s.start]))
                    .unwrap_or(1);
                let msg = match e.message().trim() {
                    // toml gives some errors (a key with no value) no message.
                    "" => "invalid TOML: a value is missing or malformed here".to_string(),
                    m => m.to_string(),
                };
                self.errors.push(
                    Error::new(ErrorKind::Gazetteer, lower_first(&msg))
                        .at(Location::line(path, line)),
                );
                return self;
            }
        };
        // The span of an array-of-tables entry starts at its `[[entity]]` header;
        // entries come in file order, so lines are counted once, incrementally.
        let (mut at, mut line) = (0, 1);
        for raw in file.entity {
            let start = raw.span().start.clamp(at, text.len());
            line += text.as_bytes()[at..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            at = start;
            self.add_raw(raw.into_inner(), Location::line(path, line), false);
        }
        self
    }

    /// Add JSON lines: spaCy EntityRuler patterns or `{"id","type","name","aliases"}` entries.
    pub fn add_jsonl_str(&mut self, path: impl AsRef<Path>, text: &str) -> &mut Self {
        let path = path.as_ref();
        // spaCy patterns sharing an id are one entity; remember where each id went.
        let mut spacy: HashMap<String, usize> = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let loc = Location::line(path, i + 1);
            let line = line.trim();
            if line.is_empty() || line.starts_with("//") {
                continue;
            }
            let value: serde_json::Value = match serde_json::from_str(line) {
                Ok(v) => v,
                Err(e) => {
                    self.errors.push(
                        Error::new(ErrorKind::Gazetteer, format!("invalid JSON: {e}")).at(loc),
                    );
                    continue;
                }
            };
            if value.get("label").is_some() && value.get("pattern").is_some() {
                match serde_json::from_value::<SpacyPattern>(value) {
                    Ok(p) => self.add_spacy(p, loc, &mut spacy),
                    Err(e) => self.errors.push(
                        Error::new(ErrorKind::Gazetteer, format!("bad spaCy pattern: {e}")).at(loc),
                    ),
                }
            } else {
                match serde_json::from_value::<RawEntity>(value) {
                    Ok(raw) => self.add_raw(raw, loc, true),
                    Err(e) => self
                        .errors
                        .push(Error::new(ErrorKind::Gazetteer, format!("bad entry: {e}")).at(loc)),
                }
            }
        }
        self
    }

    fn add_spacy(&mut self, p: SpacyPattern, loc: Location, seen: &mut HashMap<String, usize>) {
        let entity_type = match spacy_label(&p.label) {
            Some(t) => t,
            None => {
                self.errors.push(
                    Error::new(
                        ErrorKind::Gazetteer,
                        format!("unknown spaCy label \"{}\" (kgx reads PERSON, ORG, NORP, GPE, LOC, FAC, EVENT or a kgx type)", p.label),
                    )
                    .at(loc),
                );
                return;
            }
        };
        let phrase = match spacy_phrase(&p.pattern) {
            Ok(s) => s,
            Err(msg) => {
                self.errors
                    .push(Error::new(ErrorKind::Gazetteer, msg).at(loc));
                return;
            }
        };
        let key = p.id.clone().unwrap_or_else(|| slug(&phrase));
        if slug(&key).is_empty() {
            let msg = match &p.id {
                Some(id) => format!(
                    "id \"{id}\" has no ASCII letters or digits to make an id from; give another \"id\""
                ),
                None => format!(
                    "pattern \"{phrase}\" has no ASCII letters or digits to make an id from; give \"id\""
                ),
            };
            self.errors
                .push(Error::new(ErrorKind::Gazetteer, msg).at(loc));
            return;
        }
        if let Some(&i) = seen.get(&key) {
            if self.entities[i].name != phrase && !self.entities[i].aliases.contains(&phrase) {
                self.entities[i].aliases.push(phrase);
            }
            return;
        }
        let mut e = Entity::new(entity_type, &phrase);
        e.id = key.clone();
        e.source = loc.clone();
        if p.id.as_deref().is_some_and(|id| !is_slug(id)) {
            e.id = slug(&key);
            e.attributes.insert("spacy_id".into(), key.clone());
        }
        seen.insert(key, self.entities.len());
        self.push(
            e,
            [
                Location::default(),
                Location::default(),
                Location::default(),
            ],
        );
    }

    /// Add one entry. `foreign_ids`: ids from another tool's data (JSON lines)
    /// are turned into slugs, keeping the original as the `source_id`
    /// attribute; a hand-written TOML id that is not a slug is an error.
    fn add_raw(&mut self, mut raw: RawEntity, loc: Location, foreign_ids: bool) {
        let mut problems = Vec::new();
        if foreign_ids {
            if let Some(id) = raw.id.take() {
                let s = slug(&id);
                if s != id && !s.is_empty() {
                    raw.attributes
                        .insert("source_id".into(), toml::Value::String(id));
                    raw.id = Some(s);
                } else {
                    raw.id = Some(id);
                }
            }
        }
        let name = match raw.name.as_deref().map(str::trim) {
            Some(n) if !n.is_empty() => n.to_string(),
            Some(_) => {
                problems.push("empty name".to_string());
                String::new()
            }
            None => {
                problems.push("missing name (every entry needs `name = \"...\"`)".to_string());
                String::new()
            }
        };
        let entity_type = match raw.entity_type.as_deref() {
            Some(t) => match t.parse::<EntityType>() {
                Ok(t) => Some(t),
                Err(msg) => {
                    problems.push(msg);
                    None
                }
            },
            None => {
                problems.push(
                    "missing type (one of Person, Country, Organization, Place, Event)".to_string(),
                );
                None
            }
        };
        let id = match raw.id {
            Some(id) if is_slug(&id) => id,
            Some(id) => {
                problems.push(format!(
                    "id \"{id}\" is not a kebab-case ASCII slug (try \"{}\")",
                    slug(&id)
                ));
                id
            }
            None => {
                let s = slug(&name);
                if s.is_empty() && !name.is_empty() {
                    problems.push(format!(
                        "name \"{name}\" has no letters or digits to make an id from; give `id`"
                    ));
                }
                s
            }
        };
        for (field, list) in [
            ("aliases", &raw.aliases),
            ("demonyms", &raw.demonyms),
            ("metonyms", &raw.metonyms),
            ("titles", &raw.titles),
            ("references", &raw.references),
        ] {
            for a in list {
                if !a.chars().any(char::is_alphanumeric) {
                    problems.push(format!(
                        "empty {} entry \"{a}\" (an alias needs at least one letter or digit)",
                        singular(field)
                    ));
                } else if let Some(p) = short_form_problem(a) {
                    problems.push(format!("{} \"{a}\" {p}", singular(field)));
                }
            }
        }
        if let Some(q) = &raw.wikidata {
            if !(q.starts_with('Q') && q.len() > 1 && q[1..].bytes().all(|b| b.is_ascii_digit())) {
                problems.push(format!("wikidata id \"{q}\" is not of the form Q123"));
            }
        }
        if !problems.is_empty() {
            for p in problems {
                self.errors
                    .push(Error::new(ErrorKind::Gazetteer, p).at(loc.clone()));
            }
            return;
        }
        let attributes = raw
            .attributes
            .into_iter()
            .map(|(k, v)| {
                let v = match v {
                    toml::Value::String(s) => s,
                    other => other.to_string(),
                };
                (k, v)
            })
            .collect();
        let entity = Entity {
            id,
            entity_type: entity_type.expect("checked above"),
            subtype: raw.subtype.filter(|s| !s.trim().is_empty()),
            name,
            aliases: trimmed(raw.aliases),
            demonyms: trimmed(raw.demonyms),
            metonyms: trimmed(raw.metonyms),
            capital: raw.capital,
            titles: trimmed(raw.titles),
            references: trimmed(raw.references),
            part_of: raw.part_of,
            country: raw.country,
            wikidata: raw.wikidata,
            attributes,
            source: loc.clone(),
        };
        self.push(entity, [loc.clone(), loc.clone(), loc]);
    }

    /// Add one entity built in code.
    pub fn add_entity(&mut self, entity: Entity) -> &mut Self {
        let loc = entity.source.clone();
        self.push(entity, [loc.clone(), loc.clone(), loc]);
        self
    }

    fn push(&mut self, entity: Entity, refs: [Location; 3]) {
        self.entities.push(entity);
        self.refs.push(refs);
    }

    /// Check the whole set (unique ids, references that resolve) and build the gazetteer.
    pub fn build(self) -> crate::Result<Gazetteer> {
        let GazetteerBuilder {
            entities,
            refs,
            mut errors,
        } = self;
        let mut first: HashMap<&str, &Entity> = HashMap::with_capacity(entities.len());
        for e in &entities {
            if let Some(prev) = first.get(e.id.as_str()) {
                errors.push(
                    Error::new(
                        ErrorKind::Gazetteer,
                        format!(
                            "duplicate id \"{}\" (first defined at {})",
                            e.id, prev.source
                        ),
                    )
                    .at(e.source.clone()),
                );
            } else {
                first.insert(&e.id, e);
            }
        }
        for (e, locs) in entities.iter().zip(&refs) {
            let checks = [
                ("capital", &e.capital, Some(EntityType::Place)),
                ("part_of", &e.part_of, None),
                ("country", &e.country, Some(EntityType::Country)),
            ];
            for ((field, value, want), loc) in checks.into_iter().zip(locs) {
                let Some(target) = value else { continue };
                match first.get(target.as_str()) {
                    None => errors.push(
                        Error::new(
                            ErrorKind::Gazetteer,
                            format!("{field} \"{target}\" of \"{}\" is not a known id", e.id),
                        )
                        .at(loc.clone()),
                    ),
                    Some(t) if want.is_some_and(|w| w != t.entity_type) => errors.push(
                        Error::new(
                            ErrorKind::Gazetteer,
                            format!(
                                "{field} \"{target}\" of \"{}\" is a {}, expected a {}",
                                e.id,
                                t.entity_type,
                                want.unwrap()
                            ),
                        )
                        .at(loc.clone()),
                    ),
                    Some(_) => {}
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::many(errors));
        }
        Ok(Gazetteer::from_checked(entities))
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) -> crate::Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(ErrorKind::Gazetteer, "read gazetteer folder", dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect_files(&p, out)?;
        } else if matches!(
            p.extension().and_then(|e| e.to_str()),
            Some("toml" | "jsonl")
        ) {
            out.push(p);
        }
    }
    Ok(())
}

fn spacy_label(label: &str) -> Option<EntityType> {
    Some(match label {
        "PERSON" | "PER" => EntityType::Person,
        "ORG" | "NORP" => EntityType::Organization,
        "GPE" | "LOC" | "FAC" => EntityType::Place,
        "EVENT" => EntityType::Event,
        other => return other.parse().ok(),
    })
}

/// The phrase of a spaCy pattern: a string, or a list of single-key token dicts
/// (`ORTH`, `TEXT`, `LOWER`) joined by spaces.
fn spacy_phrase(pattern: &serde_json::Value) -> Result<String, String> {
    match pattern {
        serde_json::Value::String(s) if s.chars().any(char::is_alphanumeric) => {
            Ok(s.trim().to_string())
        }
        serde_json::Value::String(s) => Err(format!("empty pattern \"{s}\"")),
        serde_json::Value::Array(tokens) => {
            let mut words = Vec::with_capacity(tokens.len());
            for t in tokens {
                let word = ["ORTH", "TEXT", "LOWER", "orth", "text", "lower"]
                    .iter()
                    .find_map(|k| t.get(k).and_then(|v| v.as_str()));
                match word {
                    Some(w) => words.push(w.to_string()),
                    None => {
                        return Err(format!(
                            "token pattern {t} is not a phrase (kgx reads ORTH, TEXT and LOWER tokens only)"
                        ))
                    }
                }
            }
            let phrase = words.join(" ");
            if !phrase.chars().any(char::is_alphanumeric) {
                return Err(format!(
                    "empty token pattern {pattern} (a phrase needs a letter or digit)"
                ));
            }
            Ok(phrase.trim().to_string())
        }
        other => Err(format!(
            "pattern {other} is neither a string nor a token list"
        )),
    }
}

/// Why a listed form (alias, demonym, metonym, title, reference) is too
/// short to tag safely, if it is: one letter or digit ("X", "U.") would
/// match initials and list markers everywhere; two in lower case ("us",
/// "un") are common words. Names are exempt: a one-character name is
/// matched case-exactly by the tagger. See gazetteer/README.md.
fn short_form_problem(form: &str) -> Option<&'static str> {
    let alnum: Vec<char> = form.chars().filter(|c| c.is_alphanumeric()).collect();
    match alnum.len() {
        1 => Some("has a single letter or digit: it would match initials and list markers everywhere (write a longer form)"),
        2 if !alnum.iter().any(|c| c.is_uppercase() || c.is_numeric()) => Some(
            "is a two-letter lower-case word that matches common words (\"us\", \"un\"); write it in capitals to match only capitals",
        ),
        _ => None,
    }
}

fn trimmed(v: Vec<String>) -> Vec<String> {
    v.into_iter().map(|s| s.trim().to_string()).collect()
}

fn singular(field: &str) -> &str {
    match field {
        "aliases" => "alias",
        "demonyms" => "demonym",
        "metonyms" => "metonym",
        "titles" => "title",
        _ => "reference",
    }
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// 1-based line number of the end of `prefix`.
fn line_of(prefix: &[u8]) -> usize {
    prefix.iter().filter(|&&b| b == b'\n').count() + 1
}
