//! Shared pieces of the kgx fuzz targets: texts made of characters that
//! stress normalisation, and the normalised key the tagger matches forms by.

use arbitrary::Arbitrary;

/// Characters the normaliser treats specially: case with length changes,
/// folds, compatibility forms, marks, invisibles, every kind of space and
/// line end, quotes, dashes, XML/DOT/JSON syntax, and one astral char.
pub const SPECIAL: &[char] = &[
    'a', 'Z', '0', ' ', '-', '\'', '.', ',', 'ß', 'ẞ', 'ı', 'İ', 'Σ', 'ς', 'ﬁ', 'Ａ', '\u{301}',
    '\u{345}', '\u{ad}', '\u{200b}', '\u{200d}', '\u{feff}', '\u{a0}', '\u{2007}', '\r', '\n',
    '\t', '\0', '\u{1}', '\u{2028}', '\u{85}', '’', '“', '—', '¨', '\u{fdfa}', 'ǅ', 'Ⅻ', '½', 'ŉ',
    'ǰ', 'ᾼ', '\u{3250}', '\u{33c2}', 'æ', 'Œ', 'þ', 'ø', 'Ł', '😀', '<', '&', '"', '\\', '{', '}',
    '@', '\u{fffe}', '\u{ffff}', 'é', 'e', 'E', 'U', 'S',
];

/// One piece of a generated text.
#[derive(Arbitrary, Debug, Clone)]
pub enum Piece {
    /// One of [`SPECIAL`].
    Special(u8),
    /// Any char.
    Char(char),
    /// Any string.
    Str(String),
    /// The text of one case of the shared tables (`tests/data/*.toml`).
    Case(u16),
}

/// The texts of the shared case tables of the normaliser and the sentence
/// splitter (`tests/data/normalize.toml`, `tests/data/sentences.toml`).
pub fn case_texts() -> &'static [String] {
    static TEXTS: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TEXTS.get_or_init(|| {
        let (cases, spans) = kgx::text::oracle::normalize_cases();
        let sentences = kgx::text::oracle::sentence_cases();
        cases
            .into_iter()
            .map(|c| c.input)
            .chain(spans.into_iter().map(|c| c.original))
            .chain(sentences.into_iter().map(|c| c.text))
            .collect()
    })
}

impl Piece {
    pub fn push_to(&self, out: &mut String) {
        match self {
            Piece::Special(i) => out.push(SPECIAL[*i as usize % SPECIAL.len()]),
            Piece::Char(c) => out.push(*c),
            Piece::Str(s) => out.push_str(s),
            Piece::Case(i) => {
                let texts = case_texts();
                out.push_str(&texts[*i as usize % texts.len()]);
            }
        }
    }
}

/// Concatenate pieces into one text.
pub fn text_of(pieces: &[Piece]) -> String {
    let mut s = String::new();
    for p in pieces {
        p.push_to(&mut s);
    }
    s
}

/// The key the tagger matches a form by (mirrors `tagger::matching_key`):
/// normalised, hyphens read as spaces, single spaces, trimmed.
pub fn matching_key(form: &str) -> String {
    kgx::text::normalize_phrase(form)
        .replace('-', " ")
        // A match starts at a word start: a form is read from its first
        // letter or digit (".NET", "'Ndrangheta"; issue 16).
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Values gazetteer fields are made of: the right words often, anything sometimes.
pub const VALUES: &[&str] = &[
    "Turkey",
    "turkey",
    "Person",
    "Country",
    "Organization",
    "Place",
    "Event",
    "person",
    "",
    " ",
    "Q159",
    "q1",
    "Q",
    "ankara",
    "Ankara",
    "russia",
    "e0",
    "e1",
    "US",
    "u",
    "x",
    "-",
    "the talks",
    "Ja'afari",
    "ORG",
    "GPE",
    "PERSON",
    "NORP",
    "FOO",
];

/// Field names of a gazetteer entry (and a few near misses).
pub const KEYS: &[&str] = &[
    "id",
    "type",
    "subtype",
    "name",
    "aliases",
    "demonyms",
    "metonyms",
    "capital",
    "titles",
    "references",
    "part_of",
    "country",
    "wikidata",
    "attributes",
    "nmae",
    "label",
    "pattern",
    "Type",
];

#[derive(Arbitrary, Debug, Clone)]
pub enum Text {
    Value(u8),
    Pieces(Vec<Piece>),
}

impl Text {
    pub fn render(&self) -> String {
        match self {
            Text::Value(i) => VALUES[*i as usize % VALUES.len()].to_string(),
            Text::Pieces(p) => text_of(p),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum Key {
    Known(u8),
    Any(String),
}

impl Key {
    pub fn render(&self) -> String {
        match self {
            Key::Known(i) => KEYS[*i as usize % KEYS.len()].to_string(),
            Key::Any(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug, Clone)]
pub enum Val {
    Str(Text),
    Int(i64),
    Bool(bool),
    List(Vec<Text>),
    Table(Vec<(Key, Text)>),
}

/// One gazetteer entry as fields.
#[derive(Arbitrary, Debug, Clone)]
pub struct Entry(pub Vec<(Key, Val)>);

fn toml_key(k: &str) -> String {
    if !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_string()
    } else {
        toml::Value::String(k.to_string()).to_string()
    }
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Val {
    pub fn toml(&self) -> String {
        match self {
            Val::Str(t) => toml_str(&t.render()),
            Val::Int(i) => i.to_string(),
            Val::Bool(b) => b.to_string(),
            Val::List(v) => format!(
                "[{}]",
                v.iter()
                    .map(|t| toml_str(&t.render()))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Val::Table(kv) => format!(
                "{{ {} }}",
                kv.iter()
                    .map(|(k, v)| format!("{} = {}", toml_key(&k.render()), toml_str(&v.render())))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    pub fn json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Val::Str(t) => J::String(t.render()),
            Val::Int(i) => J::from(*i),
            Val::Bool(b) => J::Bool(*b),
            Val::List(v) => J::Array(v.iter().map(|t| J::String(t.render())).collect()),
            Val::Table(kv) => J::Object(
                kv.iter()
                    .map(|(k, v)| (k.render(), J::String(v.render())))
                    .collect(),
            ),
        }
    }
}

impl Entry {
    /// `[[entity]]` and one line per field.
    pub fn toml(&self) -> String {
        let mut s = String::from("[[entity]]\n");
        for (k, v) in &self.0 {
            s.push_str(&format!("{} = {}\n", toml_key(&k.render()), v.toml()));
        }
        s
    }

    /// One JSON object (a later duplicate key wins, as in serde_json).
    pub fn json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> =
            self.0.iter().map(|(k, v)| (k.render(), v.json())).collect();
        serde_json::Value::Object(map).to_string()
    }
}

/// Check what every gazetteer load must give: either a consistent gazetteer,
/// or errors that each name `path` and a line of `text`.
pub fn check_load(path: &str, text: &str, result: &kgx::Result<kgx::gazetteer::Gazetteer>) {
    let lines = text.split('\n').count().max(1);
    match result {
        Ok(gaz) => {
            let mut ids = std::collections::HashSet::new();
            for (_, e) in gaz.iter() {
                assert!(kgx::gazetteer::is_slug(&e.id), "id {:?} is no slug", e.id);
                assert!(ids.insert(e.id.clone()), "duplicate id {:?} loaded", e.id);
                assert!(!e.name.trim().is_empty(), "empty name loaded");
                for target in [&e.capital, &e.part_of, &e.country].into_iter().flatten() {
                    assert!(gaz.get(target).is_some(), "dangling reference {target:?}");
                }
            }
        }
        Err(err) => {
            for e in err.iter() {
                assert_eq!(e.kind(), kgx::ErrorKind::Gazetteer, "{e}");
                let loc = e.location().unwrap_or_else(|| panic!("no location: {e}"));
                assert_eq!(loc.path.as_deref(), Some(std::path::Path::new(path)), "{e}");
                let line = loc.line.unwrap_or_else(|| panic!("no line: {e}"));
                assert!(
                    (1..=lines).contains(&line),
                    "line {line} outside 1..={lines}: {e}"
                );
                assert!(!e.message().is_empty());
            }
        }
    }
}

/// Strings that break naive exporters.
pub const HOSTILE: &[&str] = &[
    "</key>",
    "</data></node>",
    "\"]; digraph {",
    "\"@context\"",
    "{\"@id\": \"x\"}",
    "\\",
    "\\\"",
    "\0",
    "\u{2028}",
    "\u{85}",
    "]]>",
    "<!--",
    "-->",
    "&amp;",
    "&#0;",
    "\r\n",
    "\r",
    "\n",
    "\t",
    "\" + \"",
    "+",
    "<b>",
    "'",
    "\"",
    ",",
    "=SUM(A1)",
    "\u{feff}",
    "\u{fffe}",
    "\u{ffff}",
    "é",
    "@id",
    "\\n",
    "\\l",
    "}",
    "--",
    "->",
];

/// A string made of hostile pieces and arbitrary ones.
#[derive(Arbitrary, Debug, Clone)]
pub struct HostileString(pub Vec<HostilePart>);

#[derive(Arbitrary, Debug, Clone)]
pub enum HostilePart {
    Hostile(u8),
    Piece(Piece),
}

impl HostileString {
    pub fn render(&self) -> String {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                HostilePart::Hostile(i) => s.push_str(HOSTILE[*i as usize % HOSTILE.len()]),
                HostilePart::Piece(p) => p.push_to(&mut s),
            }
        }
        s
    }
}
