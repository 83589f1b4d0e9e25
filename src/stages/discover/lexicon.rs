//! The cue words of discovery, read from `lexicon/discovery.toml`.
//!
//! Every entry is checked when the file is read: an empty word, a word with
//! spaces around it or inside it twice, a word given twice in one list, and a
//! key the format does not have are each reported with the file and line, all
//! at once.

use std::collections::HashSet;

pub use crate::lexicon::WordHasher;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{toml_failure, Error, ErrorKind, LineIndex, Location};
use crate::lexicon::LOW_BYTES;

/// The shipped lexicon, compiled into the binary.
pub const DEFAULT_LEXICON: &str = include_str!("../../../lexicon/discovery.toml");

/// The path the shipped lexicon is reported under.
pub const DEFAULT_LEXICON_PATH: &str = "lexicon/discovery.toml";

/// A set of words (lower case, no trailing full stop), and the phrases of
/// several words, each as its words.
#[derive(Clone, Debug, Default)]
pub struct WordSet {
    words: crate::lexicon::WordHashSet,
    phrases: Vec<Vec<String>>,
}

impl WordSet {
    /// Whether the one-word entry `word` (already lower case) is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// The longest entry (one word or a phrase) that `words` starts with, as
    /// its number of words.
    pub fn longest_prefix<'a>(&self, words: impl Fn(usize) -> Option<&'a str>) -> usize {
        let best = match words(0) {
            Some(w) if self.words.contains(w) => 1,
            _ => 0,
        };
        self.longest_phrase(best, words)
    }

    /// The number of words of the longest phrase entry (of several words)
    /// that `words` starts with, if longer than `best`; else `best`.
    pub(super) fn longest_phrase<'a>(
        &self,
        mut best: usize,
        words: impl Fn(usize) -> Option<&'a str>,
    ) -> usize {
        for p in &self.phrases {
            if p.len() > best && p.iter().enumerate().all(|(i, w)| words(i) == Some(w)) {
                best = p.len();
            }
        }
        best
    }

    /// The one-word entries, in no order.
    #[cfg(test)]
    pub(super) fn words(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The lists of a [`DiscoveryLexicon`] a word is in, as bits (see [`WordClasses`]).
pub(super) mod class {
    /// `names.connectors`.
    pub const CONNECTOR: u32 = 1 << 0;
    /// `names.not_names`.
    pub const NOT_NAME: u32 = 1 << 1;
    /// `names.place_prepositions`.
    pub const PLACE_PREPOSITION: u32 = 1 << 2;
    /// `person.titles` (its one-word entries).
    pub const TITLE: u32 = 1 << 3;
    /// `person.title_modifiers`.
    pub const TITLE_MODIFIER: u32 = 1 << 4;
    /// `person.roles`.
    pub const ROLE: u32 = 1 << 5;
    /// `person.bylines`.
    pub const BYLINE: u32 = 1 << 6;
    /// `person.appositive_verbs`.
    pub const APPOSITIVE_VERB: u32 = 1 << 7;
    /// `organization.heads`.
    pub const ORG_HEAD: u32 = 1 << 8;
    /// `organization.lower_heads`.
    pub const ORG_LOWER_HEAD: u32 = 1 << 9;
    /// `organization.prefixes`.
    pub const ORG_PREFIX: u32 = 1 << 10;
    /// `organization.media_roles`.
    pub const MEDIA_ROLE: u32 = 1 << 11;
    /// `place.heads`.
    pub const PLACE_HEAD: u32 = 1 << 12;
    /// `place.prefixes`.
    pub const PLACE_PREFIX: u32 = 1 << 13;
    /// `place.lower_heads`.
    pub const PLACE_LOWER_HEAD: u32 = 1 << 14;
    /// `event.heads`.
    pub const EVENT_HEAD: u32 = 1 << 15;
    /// `event.in_place_heads`.
    pub const EVENT_IN_PLACE_HEAD: u32 = 1 << 16;
    /// A word of a known person's name (not a list of the lexicon: the
    /// discoverer adds them from the gazetteer).
    pub const PERSON_WORD: u32 = 1 << 17;
    /// The first word of a `person.titles` entry of several words
    /// ("secretary" of "secretary of state"): only there can a title phrase start.
    pub const TITLE_PHRASE: u32 = 1 << 18;
}

/// Every one-word entry of the lexicon's lists with the lists it is in, as
/// [`class`] bits: one lookup of a word answers every list at once (a
/// capitalised run asks several lists about the same words).
#[derive(Clone, Debug, Default)]
pub(super) struct WordClasses {
    /// Every word and its classes: what a lookup answers.
    words: crate::lexicon::WordMap<u32>,
    /// The words of 1 to 15 bytes of `words` (nearly every word asked
    /// about), held again by their bytes ([`WordTable`]).
    short: WordTable,
}

/// The longest word [`WordTable`] holds, in bytes (a longer one, seldom
/// asked, is looked up in the map).
const SHORT_WORD: usize = 15;

/// Words of 1 to [`SHORT_WORD`] bytes and their classes, in one 32 KB table
/// (for the shipped lexicon) of buckets of one cache line, read with one
/// branch that is seldom taken.
///
/// The old table (24-byte slots a quarter full, linear probing) was 96 KB
/// for ~580 words, twice the first-level data cache, and its probe loop
/// branched on each slot's length and key: a lookup stalled on the slot's
/// load and mispredicted where words were found or not at random. Here (the
/// design of coreference's `Vocab`, with a key that holds the whole word):
///
/// - A word's key is two `u64` ([`table_key`]): its bytes zero-padded to 15
///   and its length in the top byte. No two words of 1 to 15 bytes share a
///   key, so a matching key is the word: no bytes to compare after it.
/// - A bucket ([`Bucket`]) is the keys of three slots and four places of
///   bits (64 bytes, one cache line): slot `j`'s bits at place `j`, and a
///   fourth place that holds no word and bits 0 (or `CHAIN`).
/// - A lookup reads its home bucket whatever the word, compares the three
///   keys into a mask (at most one matches) and reads the bits of the
///   match, or of the fourth place where none does: no branch on the word.
///   The one branch is on `CHAIN`, read from that same place: set where some
///   word whose home is this bucket lies further on (the bucket was full
///   when it was placed); then the plain probe ([`WordTable::get_probing`]).
/// - [`WordTable::settled`] has at most two words a bucket on average (512
///   buckets, 32 KB, for the ~580 words of the bench) and keeps, of 64 hash
///   seeds, the one that leaves the fewest buckets overflowing, so `CHAIN`
///   is met by a few per cent of the words asked about. A word added after
///   (`WordClasses::add`) is placed by the plain rule; the table stays exact
///   either way.
#[derive(Clone, Debug, Default)]
struct WordTable {
    /// A power of two of them (or none).
    buckets: Box<[Bucket]>,
    /// `64 - log2(buckets.len())`: a hash's top bits are its bucket.
    shift: u32,
    /// Mixed into every key before it is hashed ([`WordTable::home`]).
    seed: u64,
    /// Words held.
    held: usize,
}

/// The slots of a bucket of [`WordTable`].
const SLOTS: usize = 3;

/// The keys of [`SLOTS`] slots and their bits: one cache line. A free slot
/// has key `FREE` and bits 0.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(64))]
struct Bucket {
    /// Each word's [`table_key`].
    keys: [[u64; 2]; SLOTS],
    /// Slot `j`'s bits at `j`; `CHAIN` or 0 at `SLOTS`.
    values: [u32; SLOTS + 1],
}

/// The key of a free slot: no word's (its top byte, a word's length, would
/// be 255).
const FREE: [u64; 2] = [u64::MAX; 2];

/// In a bucket's place `SLOTS`: some word whose home is this bucket lies in
/// a later bucket. (No class is this bit.)
const CHAIN: u32 = 1 << 31;

/// The key of the word `buf[start..end]` (1 to [`SHORT_WORD`] bytes): its
/// bytes zero-padded to 16, as two little-endian `u64`, with the length in
/// the top byte of the second (byte 15, past any word held). Where 16 bytes
/// of `buf` follow `start` they are read at once and the bytes past the word
/// masked off; else the word is copied into a zeroed block first (the same
/// key: `table_key_is_the_copied_bytes` holds the two ways equal).
#[inline(always)]
fn table_key(buf: &[u8], start: usize, end: usize) -> [u64; 2] {
    let len = end - start;
    debug_assert!((1..=SHORT_WORD).contains(&len));
    let block: [u8; 16] = match buf.get(start..start + 16) {
        Some(b) => b.try_into().expect("sixteen bytes"),
        None => padded_word(&buf[start..end]),
    };
    let lo = u64::from_le_bytes(block[..8].try_into().expect("eight bytes"));
    let hi = u64::from_le_bytes(block[8..].try_into().expect("eight bytes"));
    [
        lo & LOW_BYTES[len.min(8)],
        hi & LOW_BYTES[len.saturating_sub(8)] | (len as u64) << 56,
    ]
}

/// `word` (at most 16 bytes) zero-padded to 16 bytes. (Out of line: a word
/// at a buffer's end is rare, and the copy would make every lookup save
/// registers for it.)
#[cold]
#[inline(never)]
fn padded_word(word: &[u8]) -> [u8; 16] {
    let mut b = [0; 16];
    b[..word.len()].copy_from_slice(word);
    b
}

/// The odd multiplier of [`WordTable::home`] (2^64 over the golden ratio).
const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordTable {
    /// The table of `words` (distinct, 1 to [`SHORT_WORD`] bytes, with their
    /// bits), at most two words a bucket of three on average, with the one
    /// of 64 seeds that leaves the fewest buckets overflowing.
    fn settled(words: &[([u64; 2], u32)]) -> WordTable {
        let size = (words.len() / 2 + 1).next_power_of_two().max(2);
        let mut best: Option<(usize, WordTable)> = None;
        for seed in 0..64u64 {
            let t = WordTable::placed(words, size, seed.wrapping_mul(MULTIPLIER));
            let chains = t.chains();
            if best.as_ref().is_none_or(|(c, _)| chains < *c) {
                best = Some((chains, t));
            }
            if chains == 0 {
                break;
            }
        }
        best.expect("a seed was tried").1
    }

    /// The number of buckets marked `CHAIN`.
    fn chains(&self) -> usize {
        (self.buckets.iter())
            .filter(|b| b.values[SLOTS] & CHAIN != 0)
            .count()
    }

    /// The table of `words` in `size` buckets, hashed with `seed`.
    fn placed(words: &[([u64; 2], u32)], size: usize, seed: u64) -> WordTable {
        assert!(size.is_power_of_two() && words.len() < SLOTS * size);
        let mut t = WordTable {
            buckets: vec![
                Bucket {
                    keys: [FREE; SLOTS],
                    values: [0; SLOTS + 1],
                };
                size
            ]
            .into_boxed_slice(),
            shift: 64 - size.trailing_zeros(),
            seed,
            held: 0,
        };
        for &(key, bits) in words {
            t.set(key, bits);
        }
        t
    }

    /// The home bucket of a key.
    #[inline(always)]
    fn home(&self, key: [u64; 2]) -> usize {
        let h = (key[0] ^ self.seed ^ key[1].wrapping_mul(0xC2B2_AE3D_27D4_EB4F))
            .wrapping_mul(MULTIPLIER);
        (h >> self.shift) as usize
    }

    /// The classes of the word with `key` (0 if not held).
    #[inline(always)]
    fn get(&self, key: [u64; 2]) -> u32 {
        if self.buckets.is_empty() {
            return 0;
        }
        let home = self.home(key);
        let b = &self.buckets[home];
        // Each key compared into a bit of `hits` (at most one is set); the
        // place read is the slot that holds the word, or place `SLOTS` (bits
        // 0 or `CHAIN`) where none does. (`&` not `&&`: no branch.)
        let mut hits = 0u32;
        for (j, k) in b.keys.iter().enumerate() {
            hits |= u32::from((k[0] == key[0]) & (k[1] == key[1])) << j;
        }
        let value = b.values[(hits | 1 << SLOTS).trailing_zeros() as usize];
        if value & CHAIN != 0 {
            return self.get_probing(key, home);
        }
        value
    }

    /// [`WordTable::get`] by the plain probe from bucket `home` on. A word
    /// lies at most as far as the first bucket with a free slot (it went to
    /// the first with one when it was placed, and a slot once taken stays
    /// taken).
    #[cold]
    #[inline(never)]
    fn get_probing(&self, key: [u64; 2], home: usize) -> u32 {
        match self.find(key, home) {
            Ok((i, j)) => self.buckets[i].values[j],
            Err(_) => 0,
        }
    }

    /// The bucket and slot of `key` (`Ok`), or of the first free slot where
    /// it would go (`Err`), probing from bucket `home`.
    fn find(&self, key: [u64; 2], home: usize) -> Result<(usize, usize), (usize, usize)> {
        let mut i = home;
        loop {
            let b = &self.buckets[i].keys;
            if let Some(j) = b.iter().position(|&k| k == key) {
                return Ok((i, j));
            }
            if let Some(j) = b.iter().position(|&k| k == FREE) {
                return Err((i, j));
            }
            i = (i + 1) & (self.buckets.len() - 1);
        }
    }

    /// Put the word with `key` in with `bits` (replacing its bits if it is
    /// there). The table must have a free slot.
    fn set(&mut self, key: [u64; 2], bits: u32) {
        let home = self.home(key);
        match self.find(key, home) {
            Ok((i, j)) => self.buckets[i].values[j] = bits,
            Err((i, j)) => {
                if i != home {
                    self.buckets[home].values[SLOTS] = CHAIN;
                }
                self.buckets[i].keys[j] = key;
                self.buckets[i].values[j] = bits;
                self.held += 1;
            }
        }
    }

    /// Every word held, with its bits.
    fn entries(&self) -> Vec<([u64; 2], u32)> {
        let mut out = Vec::with_capacity(self.held);
        for b in self.buckets.iter() {
            for (j, &k) in b.keys.iter().enumerate() {
                if k != FREE {
                    out.push((k, b.values[j]));
                }
            }
        }
        out
    }

    /// Put `word` in with `bits` where it is 1 to [`SHORT_WORD`] bytes long
    /// (a longer or empty word is left to the map alone), settling the
    /// table anew where it would be more than two words a bucket on average.
    fn set_word(&mut self, word: &str, bits: u32) {
        let len = word.len();
        if !(1..=SHORT_WORD).contains(&len) {
            return;
        }
        let key = table_key(word.as_bytes(), 0, len);
        if self.held + 1 > 2 * self.buckets.len() {
            let mut all = self.entries();
            all.push((key, bits));
            // Sorted (and each key once: the new bits win), so that the
            // layout does not hang on the order words came in.
            all.sort_by_key(|&(k, _)| k);
            all.dedup_by(|later, first| {
                if later.0 == first.0 {
                    first.1 = later.1;
                    true
                } else {
                    false
                }
            });
            *self = WordTable::settled(&all);
        } else {
            self.set(key, bits);
        }
    }
}

impl WordClasses {
    /// The classes of the words of `lex`.
    pub(super) fn new(lex: &DiscoveryLexicon) -> WordClasses {
        let mut c = WordClasses::default();
        let lists = [
            (&lex.connectors, class::CONNECTOR),
            (&lex.not_names, class::NOT_NAME),
            (&lex.place_prepositions, class::PLACE_PREPOSITION),
            (&lex.titles, class::TITLE),
            (&lex.title_modifiers, class::TITLE_MODIFIER),
            (&lex.roles, class::ROLE),
            (&lex.bylines, class::BYLINE),
            (&lex.appositive_verbs, class::APPOSITIVE_VERB),
            (&lex.org_heads, class::ORG_HEAD),
            (&lex.org_lower_heads, class::ORG_LOWER_HEAD),
            (&lex.org_prefixes, class::ORG_PREFIX),
            (&lex.media_roles, class::MEDIA_ROLE),
            (&lex.place_heads, class::PLACE_HEAD),
            (&lex.place_prefixes, class::PLACE_PREFIX),
            (&lex.place_lower_heads, class::PLACE_LOWER_HEAD),
            (&lex.event_heads, class::EVENT_HEAD),
            (&lex.event_in_place_heads, class::EVENT_IN_PLACE_HEAD),
        ];
        for (set, bit) in lists {
            for w in &set.words {
                c.add(w, bit);
            }
        }
        for phrase in &lex.titles.phrases {
            if let Some(first) = phrase.first() {
                c.add(first, class::TITLE_PHRASE);
            }
        }
        c.settle();
        c
    }

    /// Lay the word table out anew from the map, with a hash that leaves no
    /// bucket overflowing (see [`WordTable`]): after a batch of
    /// [`WordClasses::add`]s, whose words are placed by the plain rule.
    pub(super) fn settle(&mut self) {
        let mut all: Vec<([u64; 2], u32)> = (self.words.iter())
            .filter(|(w, _)| (1..=SHORT_WORD).contains(&w.len()))
            .map(|(w, &bits)| (table_key(w.as_bytes(), 0, w.len()), bits))
            .collect();
        // Sorted, so that the layout does not hang on the map's order.
        all.sort_unstable();
        self.short = WordTable::settled(&all);
    }

    /// Put `word` in the class `bit` too.
    pub(super) fn add(&mut self, word: &str, bit: u32) {
        let bits = match self.words.get_mut(word) {
            Some(bits) => {
                *bits |= bit;
                *bits
            }
            None => {
                self.words.insert(word.to_owned(), bit);
                bit
            }
        };
        self.short.set_word(word, bits);
    }

    /// Take `bit` off every word (and drop the words left in no class).
    pub(super) fn clear(&mut self, bit: u32) {
        self.words.retain(|_, bits| {
            *bits &= !bit;
            *bits != 0
        });
        self.settle();
    }

    /// The classes of `word` (lower case; 0 for a word in none).
    #[inline]
    pub(super) fn get(&self, word: &str) -> u32 {
        self.get_at(word.as_bytes(), 0, word.len())
    }

    /// The classes of the word `buf[start..end]` (a word's bytes within a
    /// longer buffer, whose bytes after it a short word's key may read).
    #[inline(always)]
    pub(super) fn get_at(&self, buf: &[u8], start: usize, end: usize) -> u32 {
        let len = end - start;
        if (1..=SHORT_WORD).contains(&len) {
            return self.short.get(table_key(buf, start, end));
        }
        self.get_other(&buf[start..end])
    }

    /// [`WordClasses::get_at`] of an empty word or one of more than
    /// [`SHORT_WORD`] bytes (seldom asked: out of line).
    #[cold]
    #[inline(never)]
    fn get_other(&self, word: &[u8]) -> u32 {
        std::str::from_utf8(word)
            .ok()
            .and_then(|w| self.words.get(w))
            .copied()
            .unwrap_or(0)
    }
}

/// The shapes of a set of words (a bit per length, first, second and last
/// byte, hashed into 8,192 bits). A word whose shape is not among them is
/// surely not in the set, which is answered with a few loads instead of
/// hashing the whole word; a word whose shape is among them is looked up in
/// the set itself. So a test through [`Shapes::may_hold`] gives the same
/// answer as the set alone.
#[derive(Clone, Debug)]
pub(super) struct Shapes(Box<[u64; 128]>);

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes(Box::new([0; 128]))
    }
}

impl Shapes {
    /// The bit of `word`'s shape.
    #[inline]
    fn bit(word: &str) -> usize {
        Shapes::bit_of_bytes(word.as_bytes())
    }

    /// [`Shapes::bit`] of a word's bytes.
    #[inline]
    fn bit_of_bytes(b: &[u8]) -> usize {
        let (first, second, last) = match b {
            [] => (0, 0, 0),
            [x] => (*x, 0, *x),
            [x, y] => (*x, *y, *y),
            [x, y, .., z] => (*x, *y, *z),
        };
        let h = (b.len() as u32)
            .wrapping_mul(0x9E37_79B9)
            .wrapping_add(u32::from(first).wrapping_mul(0x85EB_CA6B))
            .wrapping_add(u32::from(second).wrapping_mul(0xC2B2_AE35))
            .wrapping_add(u32::from(last).wrapping_mul(0x27D4_EB2F));
        (h >> 19) as usize
    }

    /// Note `word`'s shape.
    pub(super) fn add(&mut self, word: &str) {
        let b = Shapes::bit(word);
        self.0[b / 64] |= 1 << (b % 64);
    }

    /// Forget every shape.
    pub(super) fn clear(&mut self) {
        self.0.fill(0);
    }

    /// Whether a word of the shape of the word with bytes `word` was added
    /// (`false`: that word surely was not).
    #[inline]
    pub(super) fn may_hold_bytes(&self, word: &[u8]) -> bool {
        let b = Shapes::bit_of_bytes(word);
        self.0[b / 64] >> (b % 64) & 1 != 0
    }
}

/// The cue words and heads of discovery (see `lexicon/discovery.toml`).
#[derive(Clone, Debug, Default)]
pub struct DiscoveryLexicon {
    /// Lower-case words that may stand inside a capitalised name.
    pub connectors: WordSet,
    /// Capitalised words that never begin or belong to a name.
    pub not_names: WordSet,
    /// Prepositions of place: a name right after one is no person.
    pub place_prepositions: WordSet,
    /// Titles right before a person's name in its run.
    pub titles: WordSet,
    /// Words before a title in the same run.
    pub title_modifiers: WordSet,
    /// Lower-case role nouns before or after (as an appositive) a person's name.
    pub roles: WordSet,
    /// Words opening a byline line.
    pub bylines: WordSet,
    /// Verbs of a relative clause after a person's name.
    pub appositive_verbs: WordSet,
    /// Last words of organisation names.
    pub org_heads: WordSet,
    /// Lower-case heads after a place name that make an organisation.
    pub org_lower_heads: WordSet,
    /// First words of group names ("Jaish", "Liwa").
    pub org_prefixes: WordSet,
    /// Lower-case nouns before a news outlet's name.
    pub media_roles: WordSet,
    /// Last words of place names.
    pub place_heads: WordSet,
    /// First words of place names.
    pub place_prefixes: WordSet,
    /// Lower-case heads after a capitalised name that make a place.
    pub place_lower_heads: WordSet,
    /// Words that make an event of a place or of a capitalised run.
    pub event_heads: WordSet,
    /// Gatherings named by the place after them ("talks in X").
    pub event_in_place_heads: WordSet,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    names: RawNames,
    person: RawPerson,
    organization: RawOrganization,
    place: RawPlace,
    event: RawEvent,
}

type Words = Vec<Spanned<String>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNames {
    connectors: Words,
    not_names: Words,
    place_prepositions: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    titles: Words,
    title_modifiers: Words,
    roles: Words,
    bylines: Words,
    appositive_verbs: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrganization {
    heads: Words,
    lower_heads: Words,
    prefixes: Words,
    media_roles: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlace {
    heads: Words,
    prefixes: Words,
    lower_heads: Words,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    heads: Words,
    in_place_heads: Words,
}

impl DiscoveryLexicon {
    /// The lexicon shipped with kgx.
    pub fn shipped() -> DiscoveryLexicon {
        DiscoveryLexicon::from_toml_str(DEFAULT_LEXICON_PATH, DEFAULT_LEXICON)
            .expect("the shipped lexicon is checked by its tests")
    }

    /// Read a lexicon file.
    pub fn load(path: &Path) -> crate::Result<DiscoveryLexicon> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::io(ErrorKind::Lexicon, "read lexicon", path, &e))?;
        DiscoveryLexicon::from_toml_str(path, &text)
    }

    /// Parse and check lexicon text; `path` names it in errors.
    ///
    /// ```
    /// let err = kgx::stages::discover::DiscoveryLexicon::from_toml_str("d.toml", "[names]\nconectors = []\n")
    ///     .unwrap_err();
    /// assert!(err.to_string().starts_with("d.toml:2: "), "{err}");
    /// ```
    pub fn from_toml_str(path: impl AsRef<Path>, text: &str) -> crate::Result<DiscoveryLexicon> {
        let path = path.as_ref();
        let raw: RawLexicon = toml::from_str(text).map_err(|e| {
            let (loc, message) = toml_failure(path, text, &e);
            Error::new(
                ErrorKind::Lexicon,
                format!("not a discovery lexicon: {message}"),
            )
            .at(loc)
        })?;
        let mut errors = Vec::new();
        let lines = LineIndex::new(text);
        let mut set = |list: Words, key: &str| -> WordSet {
            let mut out = WordSet::default();
            let mut seen = HashSet::new();
            for w in list {
                let line = lines.line(w.span().start);
                let at = || Location::line(path, line);
                let word = w.into_inner();
                let fault = if word.trim().is_empty() {
                    Some(format!("empty word in {key}"))
                } else if word.trim() != word || word.contains("  ") {
                    Some(format!(
                        "\"{word}\" in {key} has spaces around it or two in a row (write words separated by one space)"
                    ))
                } else if word.chars().any(|c| c.is_uppercase()) {
                    Some(format!(
                        "\"{word}\" in {key} has a capital (entries are lower case; they match any case)"
                    ))
                } else if word.ends_with('.') {
                    Some(format!(
                        "\"{word}\" in {key} ends with a full stop (leave it out; \"gen\" matches \"Gen.\")"
                    ))
                } else {
                    None
                };
                if let Some(msg) = fault {
                    errors.push(Error::new(ErrorKind::Lexicon, msg).at(at()));
                    continue;
                }
                if !seen.insert(word.clone()) {
                    errors.push(
                        Error::new(
                            ErrorKind::Lexicon,
                            format!("\"{word}\" is listed twice in {key}"),
                        )
                        .at(at()),
                    );
                    continue;
                }
                if word.contains(' ') {
                    out.phrases
                        .push(word.split(' ').map(str::to_owned).collect());
                } else {
                    out.words.insert(word);
                }
            }
            // Longest phrases first, so a caller may stop at the first match.
            out.phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
            out
        };
        let lex = DiscoveryLexicon {
            connectors: set(raw.names.connectors, "names.connectors"),
            not_names: set(raw.names.not_names, "names.not_names"),
            place_prepositions: set(raw.names.place_prepositions, "names.place_prepositions"),
            titles: set(raw.person.titles, "person.titles"),
            title_modifiers: set(raw.person.title_modifiers, "person.title_modifiers"),
            roles: set(raw.person.roles, "person.roles"),
            bylines: set(raw.person.bylines, "person.bylines"),
            appositive_verbs: set(raw.person.appositive_verbs, "person.appositive_verbs"),
            org_heads: set(raw.organization.heads, "organization.heads"),
            org_lower_heads: set(raw.organization.lower_heads, "organization.lower_heads"),
            org_prefixes: set(raw.organization.prefixes, "organization.prefixes"),
            media_roles: set(raw.organization.media_roles, "organization.media_roles"),
            place_heads: set(raw.place.heads, "place.heads"),
            place_prefixes: set(raw.place.prefixes, "place.prefixes"),
            place_lower_heads: set(raw.place.lower_heads, "place.lower_heads"),
            event_heads: set(raw.event.heads, "event.heads"),
            event_in_place_heads: set(raw.event.in_place_heads, "event.in_place_heads"),
        };
        if errors.is_empty() {
            Ok(lex)
        } else {
            Err(Error::many(errors))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A lexicon with every table, `extra` appended to `[names]`.
    fn with_names(extra: &str) -> String {
        format!(
            "[names]\n{extra}\nnot_names = []\nplace_prepositions = []\n[person]\ntitles = []\ntitle_modifiers = []\nroles = []\n\
             bylines = []\nappositive_verbs = []\n[organization]\nheads = []\nlower_heads = []\n\
             prefixes = []\nmedia_roles = []\n[place]\nheads = []\nprefixes = []\nlower_heads = []\n\
             [event]\nheads = []\nin_place_heads = []\n"
        )
    }

    #[test]
    fn shipped_lexicon_loads() {
        let lex = DiscoveryLexicon::shipped();
        assert!(lex.titles.contains("general"));
        assert!(lex.org_heads.contains("commission"));
        assert_eq!(
            lex.titles
                .longest_prefix(|i| ["secretary", "of", "state", "x"].get(i).copied()),
            3
        );
    }

    #[test]
    fn one_lookup_gives_every_list_a_word_is_in() {
        let lex = DiscoveryLexicon::from_toml_str(
            "x.toml",
            "[names]\nconnectors = [\"de\"]\nnot_names = [\"the\"]\nplace_prepositions = [\"in\"]\n\
             [person]\ntitles = [\"general\", \"secretary of state\"]\ntitle_modifiers = []\n\
             roles = [\"envoy\", \"general\"]\nbylines = []\nappositive_verbs = []\n\
             [organization]\nheads = [\"council\"]\nlower_heads = []\nprefixes = []\nmedia_roles = []\n\
             [place]\nheads = [\"sea\"]\nprefixes = []\nlower_heads = []\n\
             [event]\nheads = [\"council\"]\nin_place_heads = []\n",
        )
        .expect("the lexicon loads");
        let mut classes = WordClasses::new(&lex);
        classes.add("berg", class::PERSON_WORD);
        let cases = [
            ("general", class::TITLE | class::ROLE),
            ("council", class::ORG_HEAD | class::EVENT_HEAD),
            ("de", class::CONNECTOR),
            ("envoy", class::ROLE),
            ("berg", class::PERSON_WORD),
            // A phrase is no one-word entry, nor is any word of it; its
            // first word is marked as where a title phrase may start.
            ("secretary of state", 0),
            ("secretary", class::TITLE_PHRASE),
            ("state", 0),
            ("harbour", 0),
        ];
        for (word, want) in cases {
            assert_eq!(classes.get(word), want, "{word}");
        }
        classes.clear(class::PERSON_WORD);
        assert_eq!(classes.get("berg"), 0, "person words cleared");
        assert_eq!(classes.get("general"), class::TITLE | class::ROLE);
    }

    #[test]
    fn table_key_is_the_copied_bytes() {
        // The key read in one load (16 bytes of the buffer after the word's
        // start) against the word copied into a zeroed block, for every
        // length and place, with every byte value after the word.
        let buf: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for start in 0..buf.len() {
            for len in 1..=SHORT_WORD.min(buf.len() - start) {
                let mut block = [0u8; 16];
                block[..len].copy_from_slice(&buf[start..start + len]);
                block[15] = len as u8;
                let want = [
                    u64::from_le_bytes(block[..8].try_into().unwrap()),
                    u64::from_le_bytes(block[8..].try_into().unwrap()),
                ];
                assert_eq!(table_key(&buf, start, start + len), want, "{start} {len}");
            }
        }
    }

    /// The answer of [`WordClasses::get`] and of `get_at` (the word inside
    /// a longer buffer, and at a buffer's end) against the map's.
    fn assert_answers_as_the_map(classes: &WordClasses, w: &str) {
        let want = classes.words.get(w).copied().unwrap_or(0);
        assert_eq!(classes.get(w), want, "{w:?}");
        let buf = format!("{w} and more words after it");
        assert_eq!(
            classes.get_at(buf.as_bytes(), 0, w.len()),
            want,
            "{w:?} in a buffer"
        );
        let buf = format!("xy{w}");
        assert_eq!(
            classes.get_at(buf.as_bytes(), 2, buf.len()),
            want,
            "{w:?} at the end"
        );
    }

    proptest::proptest! {
        /// Random word sets (short words of a few letters, so that many
        /// share prefixes and lengths, and some of 14 to 17 bytes), added
        /// one by one (the plain placing, with its chains and growth) and
        /// then settled and cleared: every word asked about, held or not,
        /// gets the map's answer.
        #[test]
        fn the_word_table_answers_as_a_plain_map(
            held in proptest::collection::vec(("[a-e\\-]{1,9}|[a-c]{14,17}|[éa]{1,4}", 0u32..4), 0..400),
            asked in proptest::collection::vec("[a-e\\-]{0,9}|[a-c]{14,17}|[éa]{1,4}", 0..200),
        ) {
            let mut classes = WordClasses::default();
            for (w, bit) in &held {
                classes.add(w, 1 << (bit * 5));
            }
            for w in held.iter().map(|(w, _)| w).chain(&asked) {
                assert_answers_as_the_map(&classes, w);
            }
            classes.settle();
            for w in held.iter().map(|(w, _)| w).chain(&asked) {
                assert_answers_as_the_map(&classes, w);
            }
            classes.clear(1);
            for w in held.iter().map(|(w, _)| w).chain(&asked) {
                assert_answers_as_the_map(&classes, w);
            }
        }
    }

    #[test]
    fn a_table_with_chains_answers_as_the_map() {
        // Words forced into too few buckets (one seed, no settling): many
        // buckets overflow into the next and are marked; every word and
        // near miss is still answered exactly, by the probe.
        let words: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut all: Vec<([u64; 2], u32)> = (words.iter().enumerate())
            .map(|(i, w)| (table_key(w.as_bytes(), 0, w.len()), i as u32 + 1))
            .collect();
        all.sort_unstable();
        let t = WordTable::placed(&all, 16, 0);
        assert!(t.chains() > 0, "no chain made");
        for (i, w) in words.iter().enumerate() {
            assert_eq!(
                t.get(table_key(w.as_bytes(), 0, w.len())),
                i as u32 + 1,
                "{w}"
            );
            let miss = format!("{w}x");
            assert_eq!(
                t.get(table_key(miss.as_bytes(), 0, miss.len())),
                0,
                "{miss}"
            );
        }
    }

    #[test]
    fn the_word_table_answers_as_the_map() {
        // Every word of the shipped lexicon, with person words added and
        // cleared, and words near them (cut, grown, with a zero byte, a
        // capital, in a longer buffer): the table's answer is the map's.
        let lex = DiscoveryLexicon::shipped();
        let mut classes = WordClasses::new(&lex);
        for w in ["berg", "al", "abdul-rahman", "x", "a-very-long-person-name"] {
            classes.add(w, class::PERSON_WORD);
        }
        let check = |classes: &WordClasses| {
            let mut words: Vec<String> = classes.words.keys().cloned().collect();
            for w in classes.words.keys() {
                words.push(format!("{w}s"));
                words.push(format!("{w}\0"));
                words.push(w[..w.len() - 1].to_string());
                words.push(w.to_uppercase());
            }
            words.extend(
                [
                    "",
                    "zzz",
                    "the",
                    "of",
                    "sixteen-letters!",
                    "seventeen-letters",
                ]
                .map(String::from),
            );
            for w in &words {
                assert_answers_as_the_map(classes, w);
            }
        };
        check(&classes);
        classes.settle();
        check(&classes);
        check(&classes);
        classes.clear(class::PERSON_WORD);
        assert_eq!(classes.get("berg"), 0);
        check(&classes);
    }

    #[test]
    fn bad_entries_are_reported_with_their_lines() {
        let cases = [
            (
                "connectors = [\"al\", \"al\"]",
                "\"al\" is listed twice in names.connectors",
            ),
            ("connectors = [\"\"]", "empty word in names.connectors"),
            ("connectors = [\" de\"]", "has spaces around it"),
            ("connectors = [\"De\"]", "has a capital"),
            ("connectors = [\"gen.\"]", "ends with a full stop"),
        ];
        for (entry, want) in cases {
            let err = DiscoveryLexicon::from_toml_str("x.toml", &with_names(entry)).unwrap_err();
            let msg = err.to_string();
            assert!(
                msg.starts_with("x.toml:2: ") && msg.contains(want),
                "{entry}: got {msg}"
            );
        }
    }

    #[test]
    fn every_bad_entry_is_reported_at_once() {
        let text = with_names("connectors = [\"a\", \"a\",\n  \"B\"]");
        let err = DiscoveryLexicon::from_toml_str("x.toml", &text).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("x.toml:2: \"a\" is listed twice"), "{msg}");
        assert!(msg.contains("x.toml:3: \"B\""), "{msg}");
    }

    #[test]
    fn unknown_and_missing_keys_are_errors() {
        let err =
            DiscoveryLexicon::from_toml_str("x.toml", &with_names("connectors = []\ncolour = []"))
                .unwrap_err();
        assert!(err.to_string().contains("x.toml:3: "), "{err}");
        let err = DiscoveryLexicon::from_toml_str("x.toml", "[names]\n").unwrap_err();
        assert!(err.to_string().starts_with("x.toml"), "{err}");
    }
}
