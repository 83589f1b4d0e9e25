//! The gazetteer: the entities kgx can find, with every surface form that names them.
//!
//! Entities are loaded from human-edited TOML files and from JSON-lines files
//! (spaCy EntityRuler patterns, or one `{"id","type","name","aliases"}` entry a
//! line); see `gazetteer/README.md` for the format. Loading checks everything
//! and reports every problem at once with file and line; a gazetteer that
//! loads is consistent: unique ids, known types, references that resolve.
//!
//! ```
//! use kgx::gazetteer::{Gazetteer, EntityType};
//! let gaz = Gazetteer::from_toml_str("inline.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "Kazakhstan"
//! demonyms = ["Kazakh", "Kazakhstani"]
//! capital = "astana"
//!
//! [[entity]]
//! type = "Place"
//! subtype = "City"
//! name = "Astana"
//! country = "kazakhstan"
//! "#).unwrap();
//! let kz = gaz.get("kazakhstan").unwrap();
//! assert_eq!(gaz.entity(kz).entity_type, EntityType::Country);
//! assert_eq!(gaz.len(), 2);
//! ```

pub mod forms;
// load.rs is not yet held to missing_docs: its items are documented where it is reworked.
#[allow(missing_docs)]
mod load;
mod slug;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::Location;

pub use load::{
    default_gazetteer_dir, shipped_files, shipped_rules, GazetteerBuilder, Override,
    DEFAULT_GAZETTEER_DIR,
};
pub use slug::{is_slug, slug};

/// The five node types of the schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    /// A person (an actor).
    Person,
    /// A country (an actor, and a place).
    Country,
    /// An organisation: government, armed group, IGO, media, ... (an actor).
    Organization,
    /// A place: city, region, continent, ...
    Place,
    /// An event: talks, a ceasefire, a conference, ...
    Event,
}

impl EntityType {
    /// All types, in schema order.
    pub const ALL: [EntityType; 5] = [
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Place,
        EntityType::Event,
    ];

    /// The name used in files and exports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "Person",
            EntityType::Country => "Country",
            EntityType::Organization => "Organization",
            EntityType::Place => "Place",
            EntityType::Event => "Event",
        }
    }

    /// Person, Country and Organization can act (the schema's "Actor").
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            EntityType::Person | EntityType::Country | EntityType::Organization
        )
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for EntityType {
    type Err = String;

    fn from_str(s: &str) -> Result<EntityType, String> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == s).ok_or_else(|| {
            let hint = EntityType::ALL.into_iter().find(|t| t.as_str().eq_ignore_ascii_case(s));
            match hint {
                Some(t) => format!("unknown type \"{s}\" (did you mean \"{t}\"?)"),
                None => format!(
                    "unknown type \"{s}\" (expected one of Person, Country, Organization, Place, Event)"
                ),
            }
        })
    }
}

/// Index of an entity in its [`Gazetteer`]; cheap to copy, valid for that gazetteer only.
///
/// Only the crate makes one (from a gazetteer it built, or the slots it
/// appends for discovered names), so an index a library user holds always
/// came from a gazetteer: [`Gazetteer::get`], [`Gazetteer::iter`] or a
/// mention's senses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityIdx(pub(crate) u32);

impl EntityIdx {
    /// The index as a `usize`, to index with.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One entity: a node the graph may contain.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable kebab-case id (the slug of `name` unless given).
    pub id: String,
    /// Its type.
    pub entity_type: EntityType,
    /// Finer type: City, ArmedGroup, Government, IGO, Media, ThinkTank, ...
    pub subtype: Option<String>,
    /// Canonical name, used as the node label.
    pub name: String,
    /// Other names: spellings, acronyms, full forms.
    pub aliases: Vec<String>,
    /// Adjectives and nouns of nationality that stand for a country ("Russian", "Russians").
    pub demonyms: Vec<String>,
    /// Names that stand for this actor although they name something else ("Kremlin").
    pub metonyms: Vec<String>,
    /// Id of the capital (a Place) of a Country; its names become metonyms of the country.
    pub capital: Option<String>,
    /// Role phrases that name the entity alone ("UN Special Envoy for Syria").
    pub titles: Vec<String>,
    /// Nominal phrases that point back to the entity once named in a document ("the talks").
    pub references: Vec<String>,
    /// Id of an entity this one is part of (a ministry of a government, a unit of an org).
    pub part_of: Option<String>,
    /// Id of the country this entity belongs to or lies in.
    pub country: Option<String>,
    /// A verified Wikidata id ("Q159").
    pub wikidata: Option<String>,
    /// Free attributes, kept and exported as given.
    pub attributes: BTreeMap<String, String>,
    /// Where the entity was defined.
    pub source: Location,
}

impl Entity {
    /// A bare entity with a name and type and nothing else (id = slug of name).
    pub fn new(entity_type: EntityType, name: &str) -> Entity {
        Entity {
            id: slug(name),
            entity_type,
            subtype: None,
            name: name.to_string(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            capital: None,
            titles: Vec::new(),
            references: Vec::new(),
            part_of: None,
            country: None,
            wikidata: None,
            attributes: BTreeMap::new(),
            source: Location::default(),
        }
    }
}

/// A checked, immutable set of entities with an id index.
#[derive(Clone, Debug, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityIdx>,
    /// Entries of later layers that extended an entity of an earlier one.
    overrides: Vec<Override>,
    /// The forms that entries of layers after the first list, by
    /// [`forms::key`]: the entities the last such layer that lists the form
    /// lists it for ([`Gazetteer::taken_from`]). Empty for a gazetteer of
    /// one layer.
    later_claims: HashMap<String, Vec<EntityIdx>>,
    /// Per entity, its `capital`, `country` and `part_of` as indices
    /// (checked when the gazetteer was built; strings are for the edges).
    refs: Vec<Refs>,
}

/// An entity's references to other entities, resolved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Refs {
    capital: Option<EntityIdx>,
    country: Option<EntityIdx>,
    part_of: Option<EntityIdx>,
}

impl Gazetteer {
    /// Load the given files and folders as one layer (a repeated id is an
    /// error; see [`GazetteerBuilder`]).
    pub fn load<P: AsRef<std::path::Path>>(paths: &[P]) -> crate::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        for p in paths {
            b.add_path(p.as_ref());
        }
        b.build()
    }

    /// The gazetteer shipped in the binary (the project's `gazetteer/` files at build time).
    pub fn shipped() -> crate::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        b.add_shipped();
        b.build()
    }

    /// The shipped gazetteer (unless `shipped` is false), then each path as a
    /// layer of its own that may extend the layers before it
    /// (see [`GazetteerBuilder::next_layer`]).
    pub fn layered<P: AsRef<std::path::Path>>(
        shipped: bool,
        paths: &[P],
    ) -> crate::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        if shipped {
            b.add_shipped();
        }
        for p in paths {
            b.add_path(p.as_ref()).next_layer();
        }
        b.build()
    }

    /// Entries of later layers that extended an entity of an earlier layer, in load order.
    pub fn overrides(&self) -> &[Override] {
        &self.overrides
    }

    /// Parse one TOML document (for tests and examples); `name` is used in error locations.
    pub fn from_toml_str(name: &str, text: &str) -> crate::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        b.add_toml_str(name, text);
        b.build()
    }

    /// Assemble a gazetteer from entities already built in code, checking it like a file.
    pub fn from_entities(entities: Vec<Entity>) -> crate::Result<Gazetteer> {
        let mut b = GazetteerBuilder::new();
        for e in entities {
            b.add_entity(e);
        }
        b.build()
    }

    /// Number of entities.
    pub fn len(&self) -> usize {
        self.entities.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The entity at `idx`.
    pub fn entity(&self, idx: EntityIdx) -> &Entity {
        &self.entities[idx.index()]
    }

    /// The index of the entity with this id.
    pub fn get(&self, id: &str) -> Option<EntityIdx> {
        self.by_id.get(id).copied()
    }

    /// All entities with their indices, in load order.
    pub fn iter(&self) -> impl Iterator<Item = (EntityIdx, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .map(|(i, e)| (EntityIdx(i as u32), e))
    }

    /// Counts of entities by type, in schema order.
    pub fn counts_by_type(&self) -> Vec<(EntityType, usize)> {
        EntityType::ALL
            .into_iter()
            .map(|t| {
                (
                    t,
                    self.entities.iter().filter(|e| e.entity_type == t).count(),
                )
            })
            .collect()
    }

    /// This gazetteer with `extra` appended after its own entities, whose
    /// indices, ids and references stay as they are; nothing is copied. The
    /// entities appended are not found by id and refer to no other entity
    /// (discovery's slots, `stages::discover::slotted`).
    pub fn with_appended(mut self, extra: Vec<Entity>) -> Gazetteer {
        self.entities.extend(extra);
        self.refs.resize(self.entities.len(), Refs::default());
        self
    }

    pub(crate) fn from_checked(entities: Vec<Entity>) -> Gazetteer {
        let by_id: HashMap<String, EntityIdx> = entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), EntityIdx(i as u32)))
            .collect();
        let find = |id: &Option<String>| id.as_deref().and_then(|id| by_id.get(id).copied());
        let refs = entities
            .iter()
            .map(|e| Refs {
                capital: find(&e.capital),
                country: find(&e.country),
                part_of: find(&e.part_of),
            })
            .collect();
        Gazetteer {
            entities,
            by_id,
            overrides: Vec::new(),
            later_claims: HashMap::new(),
            refs,
        }
    }

    /// Whether a later gazetteer layer has taken the form of key `key`
    /// (a [`forms::key`]) from entity `e`: an entry of a layer after the
    /// first lists the form, and the last layer that lists it does so for
    /// other entities only. A user who writes "Secretary of State" as the
    /// title of this year's holder, or "Congo" as an alias of the country
    /// their story is about, means that entity wherever the form is read,
    /// over what the shipped layer (or an earlier user layer) gives the form
    /// to; forms claimed within one layer stay shared as before.
    ///
    /// ```
    /// use kgx::gazetteer::{forms, GazetteerBuilder};
    /// let mut b = GazetteerBuilder::new();
    /// b.add_toml_str("shipped.toml", r#"
    /// [[entity]]
    /// type = "Person"
    /// name = "Old Holder"
    /// titles = ["Chief Envoy"]
    /// "#);
    /// b.next_layer().add_toml_str("mine.toml", r#"
    /// [[entity]]
    /// type = "Person"
    /// name = "New Holder"
    /// titles = ["Chief Envoy"]
    /// "#);
    /// let gaz = b.build().unwrap();
    /// let old = gaz.get("old-holder").unwrap();
    /// let new = gaz.get("new-holder").unwrap();
    /// assert!(gaz.taken_from(&forms::key("Chief Envoy"), old));
    /// assert!(!gaz.taken_from(&forms::key("Chief Envoy"), new));
    /// assert!(!gaz.taken_from(&forms::key("Old Holder"), old));
    /// ```
    pub fn taken_from(&self, key: &str, e: EntityIdx) -> bool {
        self.later_claims
            .get(key)
            .is_some_and(|owners| !owners.contains(&e))
    }

    /// The entities the last layer after the first that lists the form of
    /// key `key` lists it for (none where no such layer lists it).
    pub fn later_owners(&self, key: &str) -> &[EntityIdx] {
        self.later_claims.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether any layer after the first lists a form (so that
    /// [`Gazetteer::taken_from`] may be true somewhere).
    pub fn has_later_claims(&self) -> bool {
        !self.later_claims.is_empty()
    }

    /// The capital of `e` (a country), if the gazetteer names one.
    pub fn capital(&self, e: EntityIdx) -> Option<EntityIdx> {
        self.refs.get(e.index())?.capital
    }

    /// The country `e` belongs to or lies in, if the gazetteer names one.
    pub fn country(&self, e: EntityIdx) -> Option<EntityIdx> {
        self.refs.get(e.index())?.country
    }

    /// The entity `e` is part of, if the gazetteer names one.
    pub fn part_of(&self, e: EntityIdx) -> Option<EntityIdx> {
        self.refs.get(e.index())?.part_of
    }
}
