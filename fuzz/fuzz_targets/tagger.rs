//! The tagger on an arbitrary gazetteer and a text made of its own forms.
//!
//! Mentions slice the input on char boundaries, come sorted and never
//! overlap, have at least one sense, and each mention's normalised text is
//! a form of one of its senses (for events, split off a place, a run of
//! words inside one). Every non-title form written verbatim between spaces
//! is covered by some mention. Tagging twice gives the same mentions.
#![no_main]

use arbitrary::Arbitrary;
use kgx::gazetteer::{Entity, EntityType, Gazetteer};
use kgx::analysis::MentionKind;
use kgx::gazetteer::forms::partial_names;
use kgx::stages::tag::Tagger;
use kgx_fuzz::{matching_key, Piece};
use libfuzzer_sys::fuzz_target;

/// Words news forms are made of, so forms share words, prefixes and particles.
const WORDS: &[&str] = &[
    "Turkey", "US", "U.S.", "the", "The", "talks", "in", "at", "Geneva", "al", "Assad", "de",
    "Mistura", "Bashar", "Russian", "peace", "Kremlin", "UN", "Special", "Envoy", "for", "Syria",
    "-", " ", "'s", "Astana", "meeting", "Abu", "Zaid", "us", "turkey", "i", "a", "É", "ß",
];

#[derive(Arbitrary, Debug, Clone)]
enum Part {
    Word(u8),
    Piece(Piece),
}

#[derive(Arbitrary, Debug, Clone)]
struct Form(Vec<Part>);

impl Form {
    fn render(&self) -> String {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                Part::Word(i) => s.push_str(WORDS[*i as usize % WORDS.len()]),
                Part::Piece(p) => p.push_to(&mut s),
            }
        }
        s
    }
}

#[derive(Arbitrary, Debug)]
struct Ent {
    ty: u8,
    name: Form,
    aliases: Vec<Form>,
    demonyms: Vec<Form>,
    metonyms: Vec<Form>,
    titles: Vec<Form>,
    references: Vec<Form>,
}

#[derive(Arbitrary, Debug)]
enum TextPart {
    /// A form of the gazetteer (index into all forms), between spaces.
    Form(u16),
    Word(u8),
    Piece(Piece),
}

#[derive(Arbitrary, Debug)]
struct Input {
    entities: Vec<Ent>,
    text: Vec<TextPart>,
}

/// Every form an entity is matched by, as matching keys (mirrors `Tagger::new`).
fn keys_of(e: &Entity) -> Vec<String> {
    let mut forms: Vec<String> = vec![e.name.clone()];
    forms.extend(e.aliases.iter().cloned());
    for d in &e.demonyms {
        forms.push(d.clone());
        forms.push(format!("{d}s"));
    }
    forms.extend(e.metonyms.iter().cloned());
    for r in &e.references {
        let head = r
            .strip_prefix("the ")
            .or_else(|| r.strip_prefix("The "))
            .unwrap_or(r);
        forms.push(head.to_string());
    }
    if e.entity_type == EntityType::Person {
        for full in std::iter::once(&e.name).chain(&e.aliases) {
            forms.extend(partial_names(full));
        }
    }
    forms.extend(e.titles.iter().cloned());
    forms.iter().map(|f| matching_key(f)).collect()
}

/// `needle` occurs in `hay` as whole words.
fn contains_words(hay: &str, needle: &str) -> bool {
    let padded = format!(" {hay} ");
    padded.contains(&format!(" {needle} "))
}

fuzz_target!(|input: Input| {
    if input.entities.len() > 64 {
        return;
    }
    let mut entities = Vec::new();
    // (rendered form, is a title) for the text to pick from.
    let mut forms: Vec<(String, bool)> = Vec::new();
    for (i, raw) in input.entities.iter().enumerate() {
        let ty = EntityType::ALL[raw.ty as usize % 5];
        let mut e = Entity::new(ty, &raw.name.render());
        e.id = format!("e{i}");
        let render = |v: &[Form]| v.iter().map(Form::render).collect::<Vec<_>>();
        e.aliases = render(&raw.aliases);
        e.demonyms = render(&raw.demonyms);
        e.metonyms = render(&raw.metonyms);
        e.titles = render(&raw.titles);
        e.references = render(&raw.references);
        forms.push((e.name.clone(), false));
        for f in e.aliases.iter().chain(&e.demonyms).chain(&e.metonyms) {
            forms.push((f.clone(), false));
        }
        for f in &e.references {
            forms.push((f.clone(), false));
        }
        for f in &e.titles {
            forms.push((f.clone(), true));
        }
        entities.push(e);
    }
    let Ok(gaz) = Gazetteer::from_entities(entities) else {
        return;
    };
    let tagger = Tagger::new(&gaz);

    let mut text = String::new();
    // Byte ranges of verbatim non-title forms to be found again.
    let mut expected = Vec::new();
    for part in &input.text {
        match part {
            TextPart::Form(i) if !forms.is_empty() => {
                let (f, is_title) = &forms[*i as usize % forms.len()];
                text.push(' ');
                let key = matching_key(f);
                let wordy = key.chars().next().is_some_and(char::is_alphanumeric)
                    && key.chars().last().is_some_and(char::is_alphanumeric);
                if wordy && !is_title {
                    expected.push((text.len()..text.len() + f.len(), f.clone()));
                }
                text.push_str(f);
                text.push(' ');
            }
            TextPart::Form(_) => {}
            TextPart::Word(i) => text.push_str(WORDS[*i as usize % WORDS.len()]),
            TextPart::Piece(p) => p.push_to(&mut text),
        }
    }

    let mentions = tagger.tag(&text);
    let mut prev_end = 0;
    for m in &mentions {
        assert!(
            m.span.start < m.span.end && m.span.end <= text.len(),
            "bad span {}..{} in {text:?}",
            m.span.start,
            m.span.end
        );
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(
            m.span.start >= prev_end,
            "overlap or disorder at {} in {text:?}",
            m.span.start
        );
        prev_end = m.span.end;
        assert!(!m.senses.is_empty());
        let key = matching_key(m.text(&text));
        let ok = m.senses.iter().any(|s| {
            let e = gaz.entity(s.entity);
            let keys = keys_of(e);
            keys.contains(&key)
                || (e.entity_type == EntityType::Event
                    && keys.iter().any(|k| contains_words(k, &key)))
        });
        assert!(
            ok,
            "mention {:?} (key {key:?}, kind {:?}) is no form of its senses {:?}",
            m.text(&text),
            m.kind,
            m.senses
                .iter()
                .map(|s| keys_of(gaz.entity(s.entity)))
                .collect::<Vec<_>>()
        );
        if m.kind == MentionKind::Title {
            assert!(m.senses.iter().all(|s| s.kind == MentionKind::Title));
        }
    }
    for (range, form) in &expected {
        assert!(
            mentions
                .iter()
                .any(|m| m.span.start < range.end && m.span.end > range.start),
            "form {form:?} at {range:?} not found in {text:?}: {mentions:?}"
        );
    }
    assert_eq!(tagger.tag(&text), mentions, "tagging is not deterministic");
});
