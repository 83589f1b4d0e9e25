//! Discovery: names the gazetteer does not have, found from the words around them.
//!
//! After tagging and before resolution, [`Discoverer::discover`] reads the
//! document's words and proposes mentions of new entities, each with a type,
//! a provisional id and the cue that made it (GATE ANNIE's approach: hand
//! written patterns over capitalisation and cue words, the cue words in
//! `lexicon/discovery.toml`). A capitalised run becomes a name only with a
//! cue; capitals alone (sentence starts, headlines, datelines) make nothing.
//!
//! | cue | type | example |
//! |---|---|---|
//! | a title in the run before the name | Person | "Deputy Foreign Minister Anna Berg" |
//! | a role noun before the name, or before a comma and the name | Person | "spokeswoman Anna Berg", "its envoy to Chile, Anna Berg," |
//! | an appositive role or relative clause after the name | Person | "Anna Berg, a senior adviser to ..." |
//! | a byline | Person | "By Anna Berg and Tom Lund" |
//! | an organisational head at the end, a group-name prefix | Organization | "the Higher Water Commission", "Liwa al-Fajr" |
//! | a media noun before the name | Organization (Media) | "the daily Nord Post" |
//! | a place head or prefix | Place | "the Barents Sea", "Lake Vattern" |
//! | an event head after a place or a capitalised run; a gathering "in" a place | Event | "the Lyon agreement", "the Nordic Water Conference", "a summit in Lyon" |
//! | "the" + a known place + "group" | Organization | "the Lyon group" |
//!
//! A known name inside a longer discovered name is not the known entity
//! ("the Lyon group" is not Lyon): the longer name wins, and the known
//! mention is dropped. An event named by its place keeps the place's
//! mention ("the Lyon agreement" is an event, and Lyon is still named).
//!
//! Once a name is found, its other mentions in the document are found too:
//! the same name elsewhere, a person's surname alone, an organisation's
//! acronym ("(HWC)", or its initials in capitals). All mentions of one name
//! share one provisional id: the slug of the fullest form seen.

mod lexicon;
mod slots;

use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;
use std::sync::Arc;

use lexicon::{class, Shapes, WordClasses};
pub use lexicon::{DiscoveryLexicon, WordHasher, WordSet, DEFAULT_LEXICON, DEFAULT_LEXICON_PATH};
pub use slots::{slotted, NewEnds, WithDiscovered, SLOTS_PER_GROUP};

use crate::lexicon::{WordHashSet, WordMap};

/// What discovery adds to an analysis (defined beside the other layers).
pub use crate::analysis::discovery::{DiscoveredMention, Discovery, Form, NewEntity};
use crate::analysis::{Analysis, Mention, MentionKind, Scratch, Stage};
use crate::document::Document;
use crate::gazetteer::{slug, EntityType, Gazetteer};
use crate::text::tokens::Shape;
use crate::text::{is_word_char, Tokens};

/// Finds names the gazetteer lacks; build once, share across threads.
#[derive(Clone, Debug)]
pub struct Discoverer {
    lex: DiscoveryLexicon,
    /// The lists each word of `lex` is in; and every word of the known
    /// persons' names, lower case ([`class::PERSON_WORD`]): a lone word
    /// among them after a title is a known person written short, not a new one.
    classes: WordClasses,
    /// Tokens a window holds before it may be cut (see [`windows`]).
    window: usize,
}

/// The head words of any type: a name right before one of them, in lower
/// case, modifies it ("the sister Xenia dam").
const LOWER_HEADS: u32 = class::ORG_HEAD
    | class::ORG_LOWER_HEAD
    | class::PLACE_HEAD
    | class::PLACE_LOWER_HEAD
    | class::EVENT_HEAD;

/// Tokens of the token layer a window of a long document holds before it is
/// cut at the next hard boundary: about 300 KB of news text, so every
/// ordinary document is read as one window.
const WINDOW_TOKENS: usize = 1 << 16;

/// The discovery stage: runs a [`Discoverer`] between tagging and resolution.
pub struct Discover {
    discoverer: Discoverer,
    gazetteer: Arc<Gazetteer>,
}

impl Discover {
    /// The stage, over the pipeline's gazetteer.
    pub fn new(discoverer: Discoverer, gazetteer: Arc<Gazetteer>) -> Discover {
        Discover {
            discoverer,
            gazetteer,
        }
    }
}

impl Stage for Discover {
    fn name(&self) -> &'static str {
        "discover"
    }

    fn run(&self, doc: &Document, a: &mut Analysis, scratch: &mut Scratch) {
        a.discovered = self.discoverer.discover_with(
            &doc.text,
            &a.tokens,
            &mut a.mentions,
            &self.gazetteer,
            scratch.get::<DiscoverBuffers>(),
        );
    }

    /// Discovery reads the words of the token layer.
    fn uses_tokens(&self) -> bool {
        true
    }
}

/// One word or mark of the text as discovery reads it (built over the token layer).
#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    /// End without a possessive `'s`.
    end: usize,
    /// Where its lower-case form is (possessive and a title's or initial's full stop left out).
    lc: Lc,
    word: bool,
    /// Starts with a capital (or is "al-X" with a capital X).
    cap: bool,
    /// Two or more letters, all capitals.
    caps: bool,
    /// One capital letter and a full stop ("P.").
    initial: bool,
    possessive: bool,
    /// A line break before it.
    newline: bool,
    /// First word of a sentence.
    sent_start: bool,
    /// The known mention covering it.
    known: Option<u32>,
    /// Its line (an index into the lines of the [`Doc`]).
    line: u32,
}

/// Where a word's lower-case form is: no copy where the text or the token
/// layer's normal form already holds it.
#[derive(Clone, Copy, Debug)]
enum Lc {
    /// The word's own bytes of the text, `start..end` of its [`Tok`] (a
    /// word in lower-case ASCII already). (Never an initial's, whose `end`
    /// takes in its full stop: an initial begins with a capital.)
    Text,
    /// The normal form of this token of the token layer.
    Norm(u32),
    /// A byte range of the document's own buffer (a word of several tokens).
    Own(u32, u32),
    /// Not a word.
    None,
}

impl Tok {
    /// A word of plain lower-case ASCII (or digits) whose lower-case form is
    /// its own text: what the word pass's short paths for such words make.
    #[inline(always)]
    fn lower_word(
        start: usize,
        end: usize,
        newline: bool,
        sent_start: bool,
        known: Option<u32>,
        line: u32,
    ) -> Tok {
        Tok {
            start,
            end,
            lc: Lc::Text,
            word: true,
            cap: false,
            caps: false,
            initial: false,
            possessive: false,
            newline,
            sent_start,
            known,
            line,
        }
    }

    /// A capitalised word standing alone (no initial, not possessive) whose
    /// lower-case form is the normal form of token `norm` of the token
    /// layer; `caps` where it is all capitals. (Every field but three is
    /// the caller's, as in the struct it builds.)
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn capitalised_word(
        start: usize,
        end: usize,
        norm: u32,
        caps: bool,
        newline: bool,
        sent_start: bool,
        known: Option<u32>,
        line: u32,
    ) -> Tok {
        Tok {
            start,
            end,
            lc: Lc::Norm(norm),
            word: true,
            cap: true,
            caps,
            initial: false,
            possessive: false,
            newline,
            sent_start,
            known,
            line,
        }
    }

    /// A mark (not a word) at `start..end`.
    fn punct(start: usize, end: usize, newline: bool, line: u32) -> Tok {
        Tok {
            start,
            end,
            lc: Lc::None,
            word: false,
            cap: false,
            caps: false,
            initial: false,
            possessive: false,
            newline,
            sent_start: false,
            known: None,
            line,
        }
    }
}

/// The known mention covering byte `start`, if any: `k` is where the search
/// starts (known mentions before it end earlier) and moves on with it, and
/// `next_start` is the start of mention `k` (`usize::MAX` past the last):
/// a token that starts before it is under none, which is told by that one
/// test (the search would find mention `k` neither ended nor begun, and
/// stay), the search made and `next_start` moved on only at or after it.
#[inline]
fn known_at(
    known: &[KnownInfo],
    k: &mut usize,
    next_start: &mut usize,
    start: usize,
) -> Option<u32> {
    if start < *next_start {
        return None;
    }
    let found = loop {
        match known.get(*k) {
            Some(m) if m.end <= start => *k += 1,
            Some(m) if m.start <= start => break Some(*k as u32),
            _ => break None,
        }
    };
    *next_start = known.get(*k).map_or(usize::MAX, |m| m.start);
    found
}

/// Whether `bytes[start + 1..end]` (the bytes of a word after its first,
/// which is an ASCII letter or digit) has no capital and no byte of a non-ASCII
/// character. A word of up to eight bytes with eight bytes of text from its
/// start (most words) is tested at once: the first byte made a small letter
/// (setting 0x20, so only the others can fail the test; a digit has that bit
/// already) and the bytes past
/// its end masked to zero, no byte may have its high bit set; then adding
/// 0x3F to each byte sets its high bit exactly where the byte is 0x41 ('A')
/// or more, adding 0x25 exactly where it is 0x5B (past 'Z') or more (a byte
/// below 0x80 carries into no other), so a capital is a byte with the first
/// high bit and not the second. A word of nine to sixteen bytes with sixteen
/// bytes of text from its start is tested the same way as two such words
/// (the second's bytes past the word masked to zero), where it took a byte
/// loop. (For a word that begins with a small letter, this is whether the
/// whole word is plain lower-case ASCII.)
#[inline(always)]
fn lower_after_first(bytes: &[u8], start: usize, end: usize) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `x` (no byte of which has its own high
    // bit set) that is a capital.
    let capitals = |x: u64| {
        x.wrapping_add(0x3F3F_3F3F_3F3F_3F3F) & !x.wrapping_add(0x2525_2525_2525_2525) & HIGH
    };
    let len = end - start;
    if let Some(eight) = bytes.get(start..start + 8) {
        let x = u64::from_le_bytes(eight.try_into().expect("eight bytes")) | 0x20;
        if len <= 8 {
            let x = x & (u64::MAX >> (64 - 8 * len));
            return x & HIGH == 0 && capitals(x) == 0;
        }
        if let Some(more) = bytes.get(start + 8..start + 16).filter(|_| len <= 16) {
            // (`len` is 9 to 16: the shift is 0 to 56.)
            let y = u64::from_le_bytes(more.try_into().expect("eight bytes"))
                & (u64::MAX >> (128 - 8 * len));
            return (x | y) & HIGH == 0 && capitals(x) | capitals(y) == 0;
        }
    }
    bytes[start + 1..end]
        .iter()
        .all(|&b| b < 0x80 && !b.is_ascii_uppercase())
}

/// The bits 0x20 of bytes `1..len` of a word of `len` bytes (1 to 8) read
/// as one `u64` from its start: for a word of ASCII letters and digits, a
/// byte after the first is a capital exactly where its bit is clear
/// (digits are 0x30..=0x39 and small letters 0x61..=0x7A, with the bit;
/// capitals 0x41..=0x5A, without). `None` where the word is longer or
/// fewer than eight bytes of text follow its start.
#[inline(always)]
fn case_bits_after_first(bytes: &[u8], start: usize, end: usize) -> Option<(u64, u64)> {
    let len = end - start;
    let eight = bytes.get(start..start + 8).filter(|_| len <= 8)?;
    let x = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
    // Bit 0x20 of each byte after the first, up to the word's end.
    let after_first = (u64::MAX >> (64 - 8 * len)) & !0xFF & 0x2020_2020_2020_2020;
    Some((x & after_first, after_first))
}

/// For a token of ASCII letters and digits (a [`Shape::LoneSmall`] one):
/// whether no byte after its first is a capital, which for such bytes is
/// [`lower_after_first`] (no byte is past ASCII).
#[inline(always)]
fn alnum_lower_after_first(bytes: &[u8], start: usize, end: usize) -> bool {
    match case_bits_after_first(bytes, start, end) {
        Some((set, all)) => set == all,
        None => lower_after_first(bytes, start, end),
    }
}

/// For a token of ASCII letters and digits from a capital (a
/// [`Shape::LoneCapital`] one): `Some(false)` where no byte after the first
/// is a capital ([`lower_after_first`]), `Some(true)` where there are some
/// and every one is (two capitals or more and nothing else: `caps`),
/// `None` where some are and some are not (the general path reads it).
#[inline(always)]
fn alnum_capitalised(bytes: &[u8], start: usize, end: usize) -> Option<bool> {
    let (set, all) = match case_bits_after_first(bytes, start, end) {
        Some(bits) => bits,
        None if lower_after_first(bytes, start, end) => return Some(false),
        None if bytes[start + 1..end].iter().all(u8::is_ascii_uppercase) => return Some(true),
        None => return None,
    };
    if set == all {
        Some(false)
    } else if set == 0 {
        Some(true)
    } else {
        None
    }
}

/// Whether a token is the possessive clitic ("'s", "’s").
fn is_possessive(piece: &str) -> bool {
    matches!(piece, "'s" | "'S" | "\u{2019}s" | "\u{2019}S")
}

/// A proposed name before grouping: token positions `a..b` of `toks`.
#[derive(Clone, Debug)]
struct Cand {
    a: usize,
    b: usize,
    ty: EntityType,
    subtype: Option<&'static str>,
    cue: &'static str,
    /// Known mentions inside stay (an event named by its place).
    keep_inner: bool,
    /// A known title before the name, now the title of this name.
    titled: Option<u32>,
}

/// What a known mention can be, as far as discovery's cues care.
#[derive(Clone, Debug, Default)]
struct KnownInfo {
    start: usize,
    end: usize,
    place: bool,
    /// A country's name or demonym (may stand in a title: "Russian Foreign Minister").
    country: bool,
    /// A title phrase of a known person ("Secretary of State").
    title: bool,
    /// A nominal phrase pointing back to a known entity ("monitoring mission").
    reference: bool,
    /// For a title: the words of its holders' names; for a phrase that may
    /// name a known event ("talks"): those events' names. Lower case, else empty.
    names: String,
}

impl Discoverer {
    /// A discoverer with the given cue words.
    pub fn new(lex: DiscoveryLexicon) -> Discoverer {
        Discoverer {
            classes: WordClasses::new(&lex),
            lex,
            window: WINDOW_TOKENS,
        }
    }

    /// The same discoverer, knowing the words of `gaz`'s person names (the
    /// pipeline calls it with its gazetteer).
    pub fn for_gazetteer(mut self, gaz: &Gazetteer) -> Discoverer {
        self.classes.clear(class::PERSON_WORD);
        for (_, e) in gaz.iter() {
            if e.entity_type == EntityType::Person {
                for form in std::iter::once(&e.name).chain(&e.aliases) {
                    // In the words' normal form, as discovery reads the text's words.
                    for w in form.split([' ', '-']) {
                        self.classes
                            .add(&crate::text::normalize_phrase(w), class::PERSON_WORD);
                    }
                }
            }
        }
        // The words were placed one by one: lay the table out anew, with no
        // bucket overflowing.
        self.classes.settle();
        self
    }

    /// The same discoverer, reading a long document in windows of about
    /// `tokens` tokens (cut at hard boundaries only, so what it finds is the
    /// same; the default, 65,536, reads every ordinary document whole). Its
    /// buffers are the size of a window, not of the document.
    pub fn with_window(mut self, tokens: usize) -> Discoverer {
        self.window = tokens.max(1);
        self
    }

    /// A discoverer with the lexicon kgx ships.
    pub fn shipped() -> Discoverer {
        Discoverer::new(DiscoveryLexicon::shipped())
    }

    /// The cue words.
    pub fn lexicon(&self) -> &DiscoveryLexicon {
        &self.lex
    }

    /// Find new names in `text`, whose known (tagged, unresolved) `mentions`
    /// are given; `tokens` are its token layer. Known mentions inside a
    /// longer discovered name are removed from `mentions`.
    pub fn discover(
        &self,
        text: &str,
        tokens: &Tokens,
        mentions: &mut Vec<Mention>,
        gaz: &Gazetteer,
    ) -> Discovery {
        self.discover_with(text, tokens, mentions, gaz, &mut DiscoverBuffers::default())
    }

    /// [`Discoverer::discover`] with buffers kept from one document to the next.
    pub fn discover_with(
        &self,
        text: &str,
        tokens: &Tokens,
        mentions: &mut Vec<Mention>,
        gaz: &Gazetteer,
        buffers: &mut DiscoverBuffers,
    ) -> Discovery {
        let mut known = std::mem::take(&mut buffers.known);
        known.clear();
        known.extend(mentions.iter().map(|m| {
            KnownInfo {
                start: m.span.start,
                end: m.span.end,
                place: m
                    .senses
                    .iter()
                    .any(|s| gaz.entity(s.entity).entity_type == EntityType::Place),
                title: m.senses.iter().all(|s| s.kind == MentionKind::Title),
                reference: m.senses.iter().all(|s| s.kind == MentionKind::Reference),
                names: known_names(m, gaz),
                country: m.senses.iter().any(|s| {
                    s.kind == MentionKind::Demonym
                        || gaz.entity(s.entity).entity_type == EntityType::Country
                }),
            }
        }));
        let windows = windows(text, tokens, &known, self.window);
        // (Its maps and lists keep their room from one document to the next.)
        let mut g = buffers.grouping.take().unwrap_or_default();
        g.clear();
        let mut bufs = std::mem::take(buffers);
        if let [whole] = windows.as_slice() {
            // One window (every document but a very long one): read once.
            let doc = Doc::new(text, tokens, whole.clone(), &known, &self.classes, bufs);
            let cands = self.candidates(&doc);
            self.keep(&doc, cands, &mut g);
            self.forms(&mut g);
            self.other_mentions(&doc, &mut g);
            bufs = doc.into_buffers();
        } else {
            // Window by window, so the buffers stay the size of a window; the
            // other mentions once every name of the document is known.
            for w in &windows {
                let doc = Doc::new(text, tokens, w.clone(), &known, &self.classes, bufs);
                let cands = self.candidates(&doc);
                self.keep(&doc, cands, &mut g);
                bufs = doc.into_buffers();
            }
            self.forms(&mut g);
            if !g.forms.is_empty() {
                for w in &windows {
                    if !g.may_hold_a_form(text, tokens, w.clone()) {
                        continue;
                    }
                    let doc = Doc::new(text, tokens, w.clone(), &known, &self.classes, bufs);
                    self.other_mentions(&doc, &mut g);
                    bufs = doc.into_buffers();
                }
            }
        }
        let discovery = self.finish(&mut g, gaz);
        let dropped = &g.dropped;
        if !dropped.is_empty() {
            let mut i = 0;
            mentions.retain(|_| {
                i += 1;
                dropped.binary_search(&(i - 1)).is_err()
            });
        }
        *buffers = bufs;
        buffers.known = known;
        buffers.grouping = Some(g);
        discovery
    }

    /// Every candidate name, by every cue, before overlaps are settled.
    fn candidates(&self, d: &Doc) -> Vec<Cand> {
        let mut out = Vec::new();
        for run in d.runs() {
            self.run_candidates(d, run, &mut out);
        }
        // "talks in <Place>": a gathering named by where it is held. (Read
        // from the tokens of known mentions: the place is one, two tokens on.)
        for &p in &d.known_toks {
            let Some(i) = (p as usize).checked_sub(2) else {
                continue;
            };
            let t = &d.toks[i];
            if !t.word
                || t.cap
                || d.word_at(i + 1) != Some("in")
                || !d.is(i, class::EVENT_IN_PLACE_HEAD)
            {
                continue;
            }
            if t.known.is_some() && d.known_span(i).end > t.end {
                continue; // "talks in Geneva" the gazetteer knows as a whole
            }
            if d.word_at(i + 1) != Some("in") {
                continue;
            }
            if let Some(k) = d.toks.get(i + 2).and_then(|t| t.known) {
                let k = &d.known[k as usize];
                if k.place && k.start == d.toks[i + 2].start && !d.names_known_event(i, k) {
                    let b = d.tok_after(k.end);
                    out.push(Cand {
                        a: i,
                        b,
                        ty: EntityType::Event,
                        subtype: None,
                        cue: "event-in-place",
                        keep_inner: true,
                        titled: None,
                    });
                }
            }
        }
        out
    }

    /// Candidates of one capitalised run (word token positions).
    fn run_candidates(&self, d: &Doc, run: &[usize], out: &mut Vec<Cand>) {
        let first = run[0];
        // Trim function words and connectors off both ends.
        let mut a = 0;
        while a < run.len()
            && d.toks[run[a]].known.is_none()
            && (d.is(run[a], class::NOT_NAME) || !d.toks[run[a]].cap)
        {
            a += 1;
        }
        let mut b = run.len();
        while b > a && !d.toks[run[b - 1]].cap && !d.toks[run[b - 1]].initial {
            b -= 1;
        }
        if a >= b {
            return;
        }
        let r = &run[a..b];
        let title_case_line = d.title_case_line(first);
        let (ra, rb) = (r[0], r[r.len() - 1] + 1);
        let all_caps = r.iter().all(|&i| d.toks[i].caps);
        // A lower-case word right before the run (several cues ask).
        let lower_before = ra > 0 && d.is_lower_word(ra - 1);

        // Byline: "By X Y and Z W, with V U in Place".
        if d.byline_run(first, a) {
            if let Some((pa, pb)) = self.person_name(d, r, 2) {
                out.push(cand(pa, pb, EntityType::Person, None, "byline"));
            }
            return;
        }
        // A media noun right before: "broadcaster RTS", "the daily X".
        if lower_before && d.is(ra - 1, class::MEDIA_ROLE) && d.no_known(ra, rb) {
            out.push(cand(
                ra,
                rb,
                EntityType::Organization,
                Some("Media"),
                "media",
            ));
            return;
        }
        if all_caps || title_case_line {
            return;
        }
        // Group-name prefix: "Liwa al-X", also after "of" ("fighters of Liwa al-X").
        let prefixed = (0..r.len().saturating_sub(1)).find(|&p| {
            d.is(r[p], class::ORG_PREFIX)
                && (d.lc(r[p + 1]).starts_with("al-") || d.lc(r[p + 1]) == "al")
        });
        if let Some(p) = prefixed {
            if d.no_known(r[p], rb) {
                out.push(cand(
                    r[p],
                    rb,
                    EntityType::Organization,
                    Some("ArmedGroup"),
                    "prefix",
                ));
                return;
            }
        }
        // Heads: the last word, or the word before "of" ("Ministry of X").
        // A run that ends in a known entity's reference phrase is that
        // reference written with capitals ("the Water Monitoring Team", with
        // "monitoring team" known): the known mention keeps it.
        let ends_in_reference = d.known_of(rb - 1).is_some_and(|k| k.reference);
        if r.len() >= 2 && !ends_in_reference && !d.covered_by_one(ra, rb) && d.known_inside(ra, rb)
        {
            // The head is the last word, or in "X of Y" the word before "of" ("Bank of X").
            let head_at = match r.iter().position(|&i| d.lc(i) == "of") {
                Some(p) if p > 0 => p - 1,
                Some(_) => 0,
                None => r.len() - 1,
            };
            let head_word = d.class(r[head_at]);
            // Besides the head, a word of its own: "Negotiation" in "the Syrian Negotiation
            // Commission"; a country and a head ("the US Congress") are no new name.
            // "X of Y" is a name of its own ("the Bank of Chile").
            let own_word = head_at + 1 < r.len()
                || r.iter().enumerate().any(|(p, &i)| {
                    p != head_at && d.toks[i].known.is_none() && d.toks[i].cap && !d.toks[i].caps
                });
            let head = |bit: u32| own_word && head_word & bit != 0;
            let ty = if head(class::EVENT_HEAD) {
                Some(EntityType::Event)
            } else if head(class::ORG_HEAD) {
                Some(EntityType::Organization)
            } else if head(class::PLACE_HEAD) || (own_word && d.is(ra, class::PLACE_PREFIX)) {
                Some(EntityType::Place)
            } else {
                None
            };
            if let Some(ty) = ty {
                // A country's demonym before a place is not part of its name ("the Russian Barents Sea").
                let mut ra = ra;
                if ty == EntityType::Place {
                    let mut p = 0;
                    while p + 1 < r.len() && d.known_of(r[p]).is_some_and(|k| k.country) {
                        p += 1;
                    }
                    ra = r[p];
                }
                // A title before a head is not part of the name ("Foreign Minister" is no name either way).
                if !(ty == EntityType::Organization && d.is(ra, class::TITLE) && r.len() == 2) {
                    out.push(cand(ra, rb, ty, None, "head"));
                    return;
                }
            }
        }
        // A lower-case head after the run.
        if let Some(next) = d.next_word(rb - 1).filter(|&n| d.is_lower_word(n)) {
            let w = d.class(next);
            let place_run = d.covered_by_one(ra, rb) && d.known_of(ra).is_some_and(|k| k.place);
            if place_run
                && w & class::EVENT_HEAD != 0
                && !d.names_known_event(next, d.known_of(ra).expect("a place run"))
            {
                let mut c = cand(ra, next + 1, EntityType::Event, None, "place-event");
                c.keep_inner = true;
                out.push(c);
                return;
            }
            if place_run
                && w & class::ORG_LOWER_HEAD != 0
                && ra > 0
                && d.lc_prev_word(ra) == Some("the")
            {
                out.push(cand(
                    ra,
                    next + 1,
                    EntityType::Organization,
                    None,
                    "place-group",
                ));
                return;
            }
            if d.no_known(ra, rb) && w & class::PLACE_LOWER_HEAD != 0 && !d.toks[ra].sent_start {
                out.push(cand(ra, next + 1, EntityType::Place, None, "lower-head"));
                return;
            }
        }
        // A title in the run before the name: "Deputy Foreign Minister X Y", "Gen. X".
        if let Some((p, titled)) = self.after_title(d, r) {
            if let Some((pa, pb)) = self
                .person_name(d, &r[p..], 1)
                .filter(|&(pa, pb)| !self.known_person_short(d, pa, pb, titled))
            {
                let mut c = cand(pa, pb, EntityType::Person, None, "title");
                c.titled = titled;
                out.push(c);
            }
            return;
        }
        if !d.no_known(ra, rb) {
            return;
        }
        // A name right after a place preposition is no person ("in X, a spokesman said").
        let after_preposition = (lower_before && d.is(ra - 1, class::PLACE_PREPOSITION))
            || run[..a].iter().any(|&i| d.is(i, class::PLACE_PREPOSITION));
        if after_preposition {
            return;
        }
        // A name before a lower-case head modifies it ("the sister X dam"): no person.
        if d.next_word(rb - 1)
            .is_some_and(|n| d.is_lower_word(n) && d.is(n, LOWER_HEADS))
        {
            return;
        }
        // A role noun right before: "spokeswoman X Y".
        if lower_before && d.is(ra - 1, class::ROLE) {
            if let Some((pa, pb)) = self.person_name(d, r, 1) {
                out.push(cand(pa, pb, EntityType::Person, None, "role"));
            }
            return;
        }
        // A role before a comma and the name: "its envoy to Chile, X Y," / "his counterpart, X Y."
        if ra > 0
            && d.punct_at(ra - 1) == Some(',')
            && d.ends_clause(rb)
            && self.role_before_comma(d, ra - 1)
        {
            if let Some((pa, pb)) = self.person_name(d, r, 2) {
                out.push(cand(pa, pb, EntityType::Person, None, "role"));
            }
            return;
        }
        // An appositive after: "X Y, a senior adviser to", "X Y, who heads".
        if d.punct_at(rb) == Some(',') && self.appositive_after(d, rb + 1) {
            let min = if d.toks[ra].sent_start { 2 } else { 1 };
            if let Some((pa, pb)) = self.person_name(d, r, min) {
                out.push(cand(pa, pb, EntityType::Person, None, "appositive"));
            }
        }
    }

    /// Where the name starts after a title zone at the start of `r` ("Assistant
    /// Secretary of State", "Russian Defence Minister"), if the zone ends with a title.
    fn after_title(&self, d: &Doc, r: &[usize]) -> Option<(usize, Option<u32>)> {
        let lex = &self.lex;
        let mut p = 0;
        let mut after_title = None;
        let mut titled = None;
        while p < r.len() {
            let i = r[p];
            if let Some(k) = d.known_of(i) {
                // A country or its demonym may stand in a title; any other known name ends the zone.
                // A known title before a new name is that name's title ("Assistant Secretary of State X").
                if (k.country && after_title.is_none()) || k.title {
                    p += 1;
                    while p < r.len() && d.toks[r[p]].known == d.toks[i].known {
                        p += 1;
                    }
                    if k.title {
                        after_title = Some(p);
                        titled = d.toks[i].known;
                    }
                    continue;
                }
                break;
            }
            // The longest title at `p`: a one-word title, or a phrase. (A
            // phrase can only start at the first word of one: elsewhere the
            // phrases are not tried, and the answer is the one-word title's.)
            let one = usize::from(d.is(i, class::TITLE));
            let n = if d.is(i, class::TITLE_PHRASE) {
                lex.titles
                    .longest_phrase(one, |j| r.get(p + j).map(|&t| d.lc(t)))
            } else {
                one
            };
            if n > 0 {
                p += n;
                after_title = Some(p);
                continue;
            }
            if d.is(i, class::TITLE_MODIFIER) {
                p += 1;
                continue;
            }
            break;
        }
        after_title
            .filter(|&p| p < r.len() && p > 0)
            .map(|p| (p, titled.filter(|_| after_title == Some(p))))
    }

    /// The person's name in `r`: every word capitalised (or an initial or a
    /// connector inside), no known mention, no head or title word, at most
    /// five words and at least `min`. Returns its token range.
    fn person_name(&self, d: &Doc, r: &[usize], min: usize) -> Option<(usize, usize)> {
        // A person's name stops before "of" ("X Y of the Party").
        let end = r.iter().position(|&i| d.lc(i) == "of").unwrap_or(r.len());
        let r = &r[..end];
        let (&first, &last) = (r.first()?, r.last()?);
        let words = r
            .iter()
            .filter(|&&i| d.toks[i].cap || d.toks[i].initial)
            .count();
        if words < min || words > 5 || !d.toks[first].cap || !(d.toks[last].cap) {
            return None;
        }
        for &i in r {
            let t = &d.toks[i];
            if t.known.is_some() || (t.caps && !t.initial) {
                return None;
            }
            if t.possessive && i != last {
                return None;
            }
            let w = d.class(i);
            if w & (class::NOT_NAME | class::ORG_HEAD | class::PLACE_HEAD | class::EVENT_HEAD) != 0
                || (w & class::TITLE != 0 && i == last)
            {
                return None;
            }
        }
        Some((first, last + 1))
    }

    /// Whether a name found after a title is a known person written short: one
    /// word of a known person's name ("President Bashar"), or a word of the
    /// known title's holder ("the UN Ambassador Bashar").
    fn known_person_short(&self, d: &Doc, a: usize, b: usize, titled: Option<u32>) -> bool {
        let words: Vec<usize> = (a..b).filter(|&i| d.toks[i].word).collect();
        if words.len() == 1 && d.is(words[0], class::PERSON_WORD) {
            return true;
        }
        titled.is_some_and(|k| {
            let holders = &d.known[k as usize].names;
            words.iter().any(|&i| contains_words(holders, d.lc(i)))
        })
    }

    /// Whether a role noun stands in the clause ending at the comma at token `comma`.
    fn role_before_comma(&self, d: &Doc, comma: usize) -> bool {
        let mut i = comma;
        for _ in 0..6 {
            if i == 0 {
                return false;
            }
            i -= 1;
            let t = &d.toks[i];
            if !t.word {
                return false;
            }
            if !t.cap && d.is(i, class::ROLE) {
                return true;
            }
            if t.sent_start {
                return false;
            }
        }
        false
    }

    /// Whether an appositive naming a role (or a relative clause of leading)
    /// starts at token `at` (just after the comma).
    fn appositive_after(&self, d: &Doc, at: usize) -> bool {
        if d.word_at(at) == Some("who") {
            return d.word_at(at + 1).is_some() && d.is(at + 1, class::APPOSITIVE_VERB);
        }
        let mut i = at;
        if matches!(
            d.word_at(i),
            Some("a" | "an" | "the" | "his" | "her" | "its" | "their")
        ) {
            i += 1;
        } else {
            return false;
        }
        for _ in 0..6 {
            let Some(t) = d.toks.get(i) else { return false };
            if !t.word {
                return false;
            }
            if !t.cap && d.is(i, class::ROLE) {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Settle the overlaps of one window's candidates and group the names
    /// kept into entities (with those of the windows before).
    fn keep(&self, d: &Doc, mut cands: Vec<Cand>, g: &mut Grouping) {
        // Longer first at each start; then keep what does not overlap a kept one.
        cands.sort_by_key(|c| (d.toks[c.a].start, std::cmp::Reverse(d.toks[c.b - 1].end)));
        let mut kept: Vec<Cand> = Vec::with_capacity(cands.len());
        // Candidates come by start: one overlaps a kept one only if it starts
        // before the furthest end kept so far.
        let mut kept_end = 0;
        for c in cands {
            let (s, e) = (d.toks[c.a].start, d.toks[c.b - 1].end);
            if !kept.is_empty() && s < kept_end {
                continue;
            }
            // A known mention crossing the edge: the cue did not see the whole name.
            if (c.a..c.b).any(|i| d.known_of(i).is_some_and(|k| k.start < s || k.end > e)) {
                continue;
            }
            kept_end = kept_end.max(e);
            kept.push(c);
        }
        let Grouping {
            out,
            dropped,
            by_key,
            taken,
            ..
        } = g;
        out.mentions.reserve(kept.len());
        taken.reserve(kept.len());
        for c in &kept {
            let name = d.surface(c.a, c.b);
            let key = name.to_lowercase();
            let e = match by_key.get(&key) {
                Some(&e) => e,
                None => {
                    // A person named again by a longer or shorter form ("Jones", "Stuart Jones").
                    let same = (c.ty == EntityType::Person)
                        .then(|| {
                            out.entities.iter().position(|x| {
                                x.entity_type == EntityType::Person
                                    && (tail_of(&x.name, &name) || tail_of(&name, &x.name))
                            })
                        })
                        .flatten();
                    let e = match same {
                        Some(e) => {
                            if name.len() > out.entities[e].name.len() {
                                out.entities[e].name = name;
                            }
                            e
                        }
                        None => {
                            out.entities.push(NewEntity {
                                id: String::new(),
                                name,
                                entity_type: c.ty,
                                subtype: c.subtype,
                                cue: c.cue,
                                acronym: None,
                            });
                            out.entities.len() - 1
                        }
                    };
                    // (A key found already stands for `e`.)
                    by_key.insert(key, e);
                    e
                }
            };
            let (s, end) = (d.toks[c.a].start, d.toks[c.b - 1].end);
            out.mentions.push(DiscoveredMention {
                start: s,
                end,
                entity: e,
                form: Form::Name,
            });
            taken.push((s, end));
            if let Some(k) = c.titled {
                dropped.push(k as usize);
            }
            // Known mentions inside the longer name are not theirs (an event keeps its place).
            for i in c.a..c.b {
                if let Some(k) = d.toks[i].known {
                    if !(c.keep_inner && d.known[k as usize].place) {
                        dropped.push(k as usize);
                    }
                }
            }
            // "(ABC)" right after an organisation's name.
            if c.ty == EntityType::Organization
                && d.punct_at(c.b) == Some('(')
                && d.punct_at(c.b + 2) == Some(')')
                && d.toks
                    .get(c.b + 1)
                    .is_some_and(|t| t.caps && t.known.is_none())
            {
                let t = d.toks[c.b + 1];
                out.entities[e].acronym = Some(d.text[t.start..t.end].to_owned());
            }
        }
    }

    /// Once every window's names are in: acronyms by initials, and the forms
    /// other mentions are found by.
    fn forms(&self, g: &mut Grouping) {
        let Grouping {
            out,
            dropped,
            forms,
            firsts,
            first_shapes,
            first_pieces,
            ..
        } = g;
        dropped.sort_unstable();
        dropped.dedup();
        for e in &mut out.entities {
            if e.entity_type == EntityType::Organization && e.acronym.is_none() {
                let a = initials(&e.name, &self.classes);
                if a.len() >= 3 {
                    e.acronym = Some(a);
                }
            }
        }
        // The first words of the forms (a sub-run is tried only from one of
        // them), their shapes, and their parts before a hyphen or an
        // apostrophe: noted as each form is put in (or found in already), so
        // they are those of the map's keys, without a walk over the map or
        // a copy of a word noted before.
        let mut note_first_word = |form: &str| {
            let w = form
                .bytes()
                .position(|b| b == b' ')
                .map_or(form, |at| &form[..at]);
            let first = normal_word(w.strip_suffix('.').unwrap_or(w));
            if firsts.contains(&*first) {
                return;
            }
            first_shapes.add(&first);
            if let Some(piece) = first_piece(&first) {
                if !first_pieces.contains(piece) {
                    first_pieces.insert(piece.to_owned());
                }
            }
            firsts.insert(first.into_owned());
        };
        // Other mentions: the same name, a surname, an acronym, in runs no one has claimed.
        for (i, e) in out.entities.iter().enumerate() {
            let name = e.name.to_lowercase();
            note_first_word(&name);
            forms.insert(name, (i, Form::Name));
            if e.entity_type == EntityType::Person {
                if let Some(last) = e.name.rsplit(' ').next().filter(|l| l.len() > 2) {
                    let last = last.to_lowercase();
                    note_first_word(&last);
                    forms.entry(last).or_insert((i, Form::Partial));
                }
            }
            if let Some(a) = &e.acronym {
                let a = a.to_lowercase();
                note_first_word(&a);
                forms.entry(a).or_insert((i, Form::Acronym));
            }
        }
    }

    /// The other mentions of the names in one window: the same name, a
    /// surname, an acronym, in runs no one has claimed.
    fn other_mentions(&self, d: &Doc, g: &mut Grouping) {
        let Grouping {
            out,
            taken,
            forms,
            firsts,
            first_shapes,
            key,
            ends,
            ..
        } = g;
        if !forms.is_empty() {
            // (`key` is the lower-case text of the longest sub-run tried,
            // `ends` where each shorter one from the same start ends in it.)
            for run in d.runs() {
                let mut a = 0;
                while a < run.len()
                    && d.toks[run[a]].known.is_none()
                    && d.is(run[a], class::NOT_NAME)
                {
                    a += 1;
                }
                // Longest sub-run from each start that is a known form.
                while a < run.len() {
                    // (The shape from the word's bytes where they are, the
                    // word itself only for a shape that may be a first word.)
                    if !first_shapes.may_hold_bytes(d.lc_bytes(run[a]))
                        || !firsts.contains(d.lc(run[a]))
                    {
                        a += 1;
                        continue;
                    }
                    let mut hit = None;
                    let longest = run.len().min(a + 6);
                    // (A shorter sub-run's text begins the longer one's: in
                    // ASCII, its lower case too, so one string serves all.)
                    key.clear();
                    ends.clear();
                    let mut prev_end = None;
                    let mut next = a;
                    for i in run[a]..=run[longest - 1] {
                        let t = &d.toks[i];
                        if t.word {
                            if prev_end.is_some_and(|p| p < t.start) {
                                key.push(' ');
                            }
                            key.push_str(&d.text[t.start..t.end]);
                            prev_end = Some(t.end);
                        }
                        if i == run[next] {
                            ends.push(key.len());
                            next += 1;
                        }
                    }
                    let ascii = key.is_ascii();
                    if ascii {
                        key.make_ascii_lowercase();
                    }
                    for b in (a + 1..=longest).rev() {
                        let (ta, tb) = (run[a], run[b - 1] + 1);
                        if !d.no_known(ta, tb) {
                            continue;
                        }
                        let found = if ascii {
                            forms.get(&key[..ends[b - a - 1]])
                        } else {
                            forms.get(&d.surface(ta, tb).to_lowercase())
                        };
                        if let Some(&(e, form)) = found {
                            // An acronym only in capitals, a name part only capitalised.
                            let ok = match form {
                                Form::Acronym => d.toks[ta].caps,
                                _ => d.toks[ta].cap && !d.toks[ta].caps,
                            };
                            if ok {
                                hit = Some((b, e, form));
                                break;
                            }
                        }
                    }
                    match hit {
                        Some((b, e, form)) => {
                            let (s, end) = (d.toks[run[a]].start, d.toks[run[b - 1]].end);
                            // `taken` is sorted and its spans do not overlap.
                            let at = taken.partition_point(|&(_, te)| te <= s);
                            if taken.get(at).is_none_or(|&(ts, _)| end <= ts) {
                                out.mentions.push(DiscoveredMention {
                                    start: s,
                                    end,
                                    entity: e,
                                    form,
                                });
                                taken.insert(at, (s, end));
                            }
                            a = b;
                        }
                        None => a += 1,
                    }
                }
            }
        }
    }

    /// The discovery of the document (the known mentions the longer names
    /// replace stay in `g.dropped`).
    fn finish(&self, g: &mut Grouping, gaz: &Gazetteer) -> Discovery {
        let mut out = std::mem::take(&mut g.out);
        out.mentions.sort_by_key(|m| m.start);
        // Provisional ids: the slug of the fullest form, away from the gazetteer's ids.
        for e in &mut out.entities {
            let s = slug(&e.name);
            e.id = if gaz.get(&s).is_some() {
                format!("{s}-discovered")
            } else {
                s
            };
        }
        // Entities in order of first mention.
        let mut order: Vec<usize> = Vec::new();
        let mut seen = vec![false; out.entities.len()];
        for m in &out.mentions {
            if !std::mem::replace(&mut seen[m.entity], true) {
                order.push(m.entity);
            }
        }
        let mut new_index = vec![usize::MAX; out.entities.len()];
        for (n, &e) in order.iter().enumerate() {
            new_index[e] = n;
        }
        let mut entities: Vec<Option<NewEntity>> = out.entities.into_iter().map(Some).collect();
        out.entities = order
            .iter()
            .map(|&e| entities[e].take().expect("each once"))
            .collect();
        for m in &mut out.mentions {
            m.entity = new_index[m.entity];
        }
        out
    }
}

/// The lower-case names a known mention stands for, where discovery needs
/// them: a title's holders, the events a phrase ("talks") may name.
fn known_names(m: &Mention, gaz: &Gazetteer) -> String {
    let mut out = String::new();
    for s in &m.senses {
        let e = gaz.entity(s.entity);
        if s.kind == MentionKind::Title || e.entity_type == EntityType::Event {
            for form in std::iter::once(&e.name).chain(&e.aliases) {
                out.push_str(&crate::text::normalize_phrase(form));
                out.push('|');
            }
        }
    }
    out
}

/// What grouping has settled so far, over the windows of one document.
#[derive(Debug, Default)]
struct Grouping {
    out: Discovery,
    /// Known mentions a longer name replaces (indices into the mentions).
    dropped: Vec<usize>,
    /// Entity of each name kept, by its lower-case surface.
    by_key: WordMap<usize>,
    /// Spans of the discovered mentions, sorted, not overlapping.
    taken: Vec<(usize, usize)>,
    /// Lower-case forms other mentions are found by: entity and form.
    forms: WordMap<(usize, Form)>,
    /// The first words of `forms`: a sub-run is tried only from one of them.
    firsts: WordHashSet,
    /// The shapes of `firsts` (most run words are answered by them alone).
    first_shapes: Shapes,
    /// The part of each first word before its first hyphen or apostrophe,
    /// where it has one (a window is read for forms only if it has one of
    /// these or of `firsts`).
    first_pieces: WordHashSet,
    /// The other mentions' buffers: the lower-case text of a sub-run of a
    /// run, and where each shorter sub-run ends in it.
    key: String,
    ends: Vec<usize>,
}

impl Grouping {
    /// Empty, for the next document (the room of its buffers kept: only
    /// allocations change, and nothing reads the order of its maps).
    fn clear(&mut self) {
        self.out = Discovery::default();
        self.dropped.clear();
        self.by_key.clear();
        self.taken.clear();
        self.forms.clear();
        self.firsts.clear();
        self.first_shapes.clear();
        self.first_pieces.clear();
    }

    /// Whether window `w` of the token layer has a word that may begin a
    /// form: a token whose normal form, or its part before a hyphen or an
    /// apostrophe, is the first word of a form, or its first piece (a word
    /// of several tokens, "al-Fajr", begins with its first token's form).
    fn may_hold_a_form(&self, text: &str, tokens: &Tokens, w: Range<usize>) -> bool {
        let src = tokens.as_slice();
        w.into_iter().any(|j| {
            let first = src[j].span.of(text).chars().next();
            first.is_some_and(is_word_char) && {
                let n = tokens.norm(j);
                let n = n.strip_suffix('.').unwrap_or(n);
                self.firsts.contains(n) || self.first_pieces.contains(n)
            }
        })
    }
}

/// The windows discovery reads a document in: ranges of its token layer. A
/// window is cut, once it holds `size` tokens, at the next **hard
/// boundary**: a line break after a sentence's closing mark (". ! ?", a
/// closing quote or bracket, never a comma or an opening bracket), where
/// the sentence changes and no known mention runs across. Every cue of
/// discovery reads within a line, or back and forth over words and commas
/// within a sentence, so none reads across a hard boundary: cutting there
/// changes nothing found (the tests compare small windows with one window).
fn windows(text: &str, tokens: &Tokens, known: &[KnownInfo], size: usize) -> Vec<Range<usize>> {
    let src = tokens.as_slice();
    let mut out = Vec::new();
    let mut from = 0;
    let mut j = size.max(1);
    while j < src.len() {
        let (p, n) = (&src[j - 1], &src[j]);
        let closing = p.span.of(text).chars().all(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '"' | '\'' | ')' | '\u{201D}' | '\u{2019}'
            )
        });
        let hard = closing
            && !p.span.is_empty()
            && n.sentence != p.sentence
            && text.as_bytes()[p.span.end..n.span.start].contains(&b'\n')
            && {
                let at = known.partition_point(|m| m.end <= p.span.start);
                known.get(at).is_none_or(|m| m.start >= n.span.start)
            };
        if hard {
            out.push(from..j);
            from = j;
            j += size.max(1);
        } else {
            j += 1;
        }
    }
    out.push(from..src.len());
    out
}

fn cand(
    a: usize,
    b: usize,
    ty: EntityType,
    subtype: Option<&'static str>,
    cue: &'static str,
) -> Cand {
    Cand {
        a,
        b,
        ty,
        subtype,
        cue,
        keep_inner: false,
        titled: None,
    }
}

/// [`crate::text::normalize_phrase`] of one word, without building a
/// [`crate::text::Normalized`] for the common case: a word of printable
/// ASCII with no capital, no backquote and no space or control byte is its
/// own normal form (the normaliser's ASCII fold changes exactly those bytes:
/// a capital to its small letter, a backquote to an apostrophe, a space or
/// control byte to a space, which the phrase's trim or the run of spaces
/// then removes), so it is copied as it is.
fn normal_word(w: &str) -> Cow<'_, str> {
    let plain = w
        .bytes()
        .all(|b| (0x21..=0x7E).contains(&b) && b != b'`' && !b.is_ascii_uppercase());
    if plain {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(crate::text::normalize_phrase(w))
    }
}

/// The part of `word` before its first hyphen or apostrophe (`'` or `’`),
/// if it has one: `word.split_once(['-', '\'', '\u{2019}'])`'s first part,
/// found from the bytes (`’` is the three bytes E2 80 99; a hyphen's or an
/// apostrophe's byte is no part of another character).
fn first_piece(word: &str) -> Option<&str> {
    let b = word.as_bytes();
    let at = (0..b.len()).find(|&i| {
        matches!(b[i], b'-' | b'\'') || (b[i] == 0xE2 && b[i + 1..].starts_with(&[0x80, 0x99]))
    })?;
    Some(&word[..at])
}

/// Whether `part` stands in `phrase` as whole words.
fn contains_words(phrase: &str, part: &str) -> bool {
    phrase.match_indices(part).any(|(i, _)| {
        let before = phrase[..i].chars().next_back();
        let after = phrase[i + part.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// Whether the words of `short` end the words of `long` (and are fewer).
fn tail_of(long: &str, short: &str) -> bool {
    long.len() > short.len()
        && long.ends_with(short)
        && long.as_bytes()[long.len() - short.len() - 1] == b' '
}

/// The capitals of a name's capitalised words ("Higher Water Commission" ->
/// "HWC"), words split at spaces and hyphens, connectors ("de") left out.
/// (Whether a word is a connector is asked of the lexicon's classes, which
/// hold exactly `names.connectors` as [`class::CONNECTOR`]; it is asked only
/// of a word that begins with a capital, the others giving nothing anyway;
/// an ASCII word is put in lower case in a block on the stack.)
fn initials(name: &str, classes: &WordClasses) -> String {
    let mut out = String::new();
    let mut from = 0;
    let bytes = name.as_bytes();
    for end in (0..=bytes.len()).filter(|&i| i == bytes.len() || matches!(bytes[i], b' ' | b'-')) {
        let w = &name[from..end];
        from = end + 1;
        let Some(c) = w.chars().next().filter(|c| c.is_uppercase()) else {
            continue;
        };
        let bits = if w.len() <= 16 && w.is_ascii() {
            let mut lower = [0u8; 16];
            lower[..w.len()].copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            classes.get_at(&lower, 0, w.len())
        } else {
            classes.get(&w.to_lowercase())
        };
        if bits & class::CONNECTOR == 0 {
            out.push(c);
        }
    }
    out
}

/// Buffers discovery keeps from one document to the next (in a worker's
/// [`Scratch`]): the tokens, their lower-case forms, lines and runs.
#[derive(Debug, Default)]
pub struct DiscoverBuffers {
    toks: Vec<Tok>,
    lc: String,
    lines: Vec<(usize, bool)>,
    run_toks: Vec<usize>,
    runs: Vec<(u32, u32)>,
    known_toks: Vec<u32>,
    capitals: Vec<u32>,
    classes: Vec<Cell<u32>>,
    /// What discovery needs of the known mentions (filled before a `Doc`
    /// is made, so held apart from it meanwhile).
    known: Vec<KnownInfo>,
    /// The grouping's maps and lists (likewise held apart).
    grouping: Option<Grouping>,
}

/// The text of one document as discovery reads it: tokens, runs, known mentions.
struct Doc<'t> {
    text: &'t str,
    /// The document's token layer, which `toks` are built over.
    tokens: &'t Tokens,
    toks: Vec<Tok>,
    lc: String,
    /// Capitalised runs: ranges of `run_toks`, which holds positions in `toks`.
    runs: Vec<(u32, u32)>,
    run_toks: Vec<usize>,
    known: &'t [KnownInfo],
    /// The positions in `toks` of the tokens a known mention covers, in order.
    known_toks: Vec<u32>,
    /// The positions in `toks` of the capitalised words and initials, in order.
    capitals: Vec<u32>,
    /// Per line: its first token, and whether it is written in title case (a headline).
    lines: Vec<(usize, bool)>,
    /// The lists of the lexicon each word is in.
    lexicon: &'t WordClasses,
    /// Per token, its classes once looked up ([`UNKNOWN`] before).
    classes: Vec<Cell<u32>>,
    /// The known-mention buffer, handed back with the others.
    known_buffer: Vec<KnownInfo>,
}

/// A token's classes not yet looked up.
const UNKNOWN: u32 = u32::MAX;

/// The lines of a [`Doc`] as its tokens are read: a line opens at a token
/// with a line break before it, and is in title case (a headline) when it
/// has four words or more, seven in ten of them capitalised, and does not
/// end with a full stop.
#[derive(Default)]
struct LineCounter {
    words: usize,
    caps: usize,
}

impl LineCounter {
    /// Open a new line at token `at` (closing the one before it).
    #[inline]
    fn open(&mut self, at: usize, toks: &[Tok], lines: &mut Vec<(usize, bool)>, bytes: &[u8]) {
        self.close(toks, lines, bytes);
        lines.push((at, false));
        self.words = 0;
        self.caps = 0;
    }

    /// Settle whether the line being read (the last of `lines`, ending with
    /// the last of `toks`) is in title case.
    #[inline]
    fn close(&self, toks: &[Tok], lines: &mut [(usize, bool)], bytes: &[u8]) {
        if let (Some(line), Some(last)) = (lines.last_mut(), toks.last()) {
            let full_stop = !last.word && bytes.get(last.start) == Some(&b'.');
            line.1 = self.words >= 4 && !full_stop && self.caps * 10 >= self.words * 7;
        }
    }
}

impl<'t> Doc<'t> {
    /// Discovery's words over the document's token layer: a name's pieces
    /// joined again over an inner hyphen or apostrophe ("al" "-" "Fajr" is
    /// "al-Fajr"), a possessive "'s" marked on the word before it, an
    /// initial's full stop kept with it, a title's ("Gen.") set apart.
    #[inline]
    fn new(
        text: &'t str,
        tokens: &'t Tokens,
        window: Range<usize>,
        known: &'t [KnownInfo],
        lexicon: &'t WordClasses,
        buffers: DiscoverBuffers,
    ) -> Doc<'t> {
        Doc::read::<true>(text, tokens, window, known, lexicon, buffers)
    }

    /// [`Doc::new`], with the short paths for the common words where
    /// `SHORT_PATHS` (always, but in the test that holds them to the
    /// general path's reading).
    fn read<const SHORT_PATHS: bool>(
        text: &'t str,
        tokens: &'t Tokens,
        window: Range<usize>,
        known: &'t [KnownInfo],
        lexicon: &'t WordClasses,
        buffers: DiscoverBuffers,
    ) -> Doc<'t> {
        let DiscoverBuffers {
            mut toks,
            mut lc,
            mut lines,
            mut run_toks,
            mut runs,
            mut known_toks,
            mut capitals,
            mut classes,
            known: known_buffer,
            grouping: _,
        } = buffers;
        toks.clear();
        lc.clear();
        lines.clear();
        run_toks.clear();
        runs.clear();
        known_toks.clear();
        capitals.clear();
        // The window's tokens (indices stay those of the whole token layer).
        let src = &tokens.as_slice()[..window.end];
        let w0 = window.start;
        toks.reserve(window.len());
        let piece = |j: usize| src.get(j).map_or("", |t| t.span.of(text));
        // Whether token `j` (after the window's first) starts where token `j - 1` ends.
        let adjacent = |j: usize| {
            src.get(j)
                .is_some_and(|t| t.span.start == src[j - 1].span.end)
        };
        let bytes = text.as_bytes();
        // One past the first line break at or after the start of the last
        // token that opened a line (one past the text's end if none),
        // searched for again only where a line opens. The line break is the
        // first after the last token read: no token holds a line break (white
        // space ends a token), and the bytes since the token that opened the
        // line are the tokens read since and the gaps before them, none with
        // a line break (or a token after it would have opened a line). So a
        // line break lies between the last token and token `j` exactly when
        // `nl_end <= start`. (`no_token_holds_a_line_break` holds the token
        // layer to it.) It is 0 before the window's first token, which so
        // opens a line.
        let mut nl_end = 0;
        let mut line = LineCounter::default();
        let mut last_word_sentence = u32::MAX;
        let mut k = src.get(w0).map_or(known.len(), |t| {
            known.partition_point(|m| m.end <= t.span.start)
        });
        let mut next_known = known.get(k).map_or(usize::MAX, |m| m.start);
        // The line being read (an index into `lines`; the window's first
        // token opens the first).
        let mut line_no = 0;
        let mut j = w0;
        while j < src.len() {
            let t = &src[j];
            let (start, end) = (t.span.start, t.span.end);
            let newline = nl_end <= start;
            if newline {
                nl_end =
                    memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |p| start + p) + 1;
                line.open(toks.len(), &toks, &mut lines, bytes);
                line_no = (lines.len() - 1) as u32;
            }
            // Most tokens: what the token layer told of them as it made
            // them (`Token::shape`) stands for the tests of the paths below,
            // which find the same (as each says); `Shape::Other` tells
            // nothing, and the token goes on to those tests.
            if SHORT_PATHS {
                let shape = t.shape();
                // ASCII letters and digits from a small letter or a digit,
                // with no joiner, clitic or full stop after it: the
                // lower-case path's word (below) where no byte after the
                // first is a capital.
                if shape == Shape::LoneSmall && alnum_lower_after_first(bytes, start, end) {
                    let known_here = known_at(known, &mut k, &mut next_known, start);
                    if known_here.is_some() {
                        known_toks.push(toks.len() as u32);
                    }
                    toks.push(Tok::lower_word(
                        start,
                        end,
                        newline,
                        t.sentence != last_word_sentence,
                        known_here,
                        line_no,
                    ));
                    line.words += 1;
                    last_word_sentence = t.sentence;
                    j += 1;
                    // The words and marks of these two shapes right after
                    // it, up to the line's end and the next known mention,
                    // in a loop of their own: a token there opens no line
                    // (it starts before the line break after this one's
                    // start, `nl_end`) and no known mention covers it (it
                    // starts before the next one's start: `known_at` finds
                    // none there and moves nothing), so its `Tok` is the
                    // one the paths here write, with no line or known-mention
                    // bookkeeping.
                    let stop = nl_end.min(next_known);
                    while let Some(t) = src.get(j) {
                        let (start, end) = (t.span.start, t.span.end);
                        if start >= stop {
                            break;
                        }
                        match t.shape() {
                            Shape::LoneSmall if alnum_lower_after_first(bytes, start, end) => {
                                toks.push(Tok::lower_word(
                                    start,
                                    end,
                                    false,
                                    t.sentence != last_word_sentence,
                                    None,
                                    line_no,
                                ));
                                line.words += 1;
                                last_word_sentence = t.sentence;
                            }
                            Shape::Mark => toks.push(Tok::punct(start, end, false, line_no)),
                            _ => break,
                        }
                        j += 1;
                    }
                    continue;
                }
                // An ASCII mark that is a token of its own: no word character.
                if shape == Shape::Mark {
                    toks.push(Tok::punct(start, end, newline, line_no));
                    j += 1;
                    continue;
                }
                // From a capital, standing alone as above (so no full stop
                // after it either: no initial): the capitalised path's word
                // (below) where no byte after the first is a capital, or
                // where there are some and all are (`caps`).
                if shape == Shape::LoneCapital {
                    if let Some(caps) = alnum_capitalised(bytes, start, end) {
                        let known_here = known_at(known, &mut k, &mut next_known, start);
                        if known_here.is_some() {
                            known_toks.push(toks.len() as u32);
                        }
                        capitals.push(toks.len() as u32);
                        toks.push(Tok::capitalised_word(
                            start,
                            end,
                            j as u32,
                            caps,
                            newline,
                            t.sentence != last_word_sentence,
                            known_here,
                            line_no,
                        ));
                        line.words += 1;
                        line.caps += 1;
                        last_word_sentence = t.sentence;
                        j += 1;
                        continue;
                    }
                }
            }
            let b0 = if start < end { bytes[start] } else { b' ' };
            // Most words: lower-case ASCII, standing alone (nothing adjacent
            // after but a mark that cannot join it: not a hyphen, an
            // apostrophe or a clitic; no full stop). Its lower-case form is
            // its text; it is no capital, initial or possessive (what the
            // general path below would find, without its checks). A number
            // ("2015", "10th") is such a word too: the general path finds a
            // digit a word character, no capital (its first character is
            // none, and there is none after it), so no initial, `cap` or
            // `caps` (no capital, and a small letter or none), and its text
            // its lower-case form, as here.
            if SHORT_PATHS
                && (b0.is_ascii_lowercase() || b0.is_ascii_digit())
                && bytes[end - 1] != b'.'
                && src.get(j + 1).is_none_or(|n| {
                    n.span.start != end
                        || !matches!(bytes.get(end), Some(b'-' | b'\'' | 0xE2 | b'n' | b'N'))
                })
                && lower_after_first(bytes, start, end)
            {
                let known_here = known_at(known, &mut k, &mut next_known, start);
                if known_here.is_some() {
                    known_toks.push(toks.len() as u32);
                }
                toks.push(Tok::lower_word(
                    start,
                    end,
                    newline,
                    t.sentence != last_word_sentence,
                    known_here,
                    line_no,
                ));
                line.words += 1;
                last_word_sentence = t.sentence;
                j += 1;
                continue;
            }
            // Most capitalised words: a capital ASCII letter, then no capital
            // and nothing past ASCII (one capital, so not all capitals: that
            // takes two capitals and no small letter), or two capital ASCII
            // letters or more and nothing else (all capitals), standing alone
            // (as above, and no full stop adjacent after: no initial). Its
            // lower-case form is the token layer's normal form; it is
            // capitalised, no initial, not possessive (what the general path
            // below finds). The push is the lower-case path's again on
            // purpose: one push shared by both paths (the path deciding the
            // form and the capital flags) measured 57 M instructions more on
            // `extract --discover` over the corpus (3,853 M -> 3,910 M).
            let mut caps = false;
            let plain_capital = SHORT_PATHS
                && b0.is_ascii_uppercase()
                && bytes[end - 1] != b'.'
                && src.get(j + 1).is_none_or(|n| {
                    n.span.start != end
                        || !matches!(
                            bytes.get(end),
                            Some(b'-' | b'\'' | 0xE2 | b'n' | b'N' | b'.')
                        )
                })
                && {
                    if lower_after_first(bytes, start, end) {
                        caps = false;
                        true
                    } else {
                        caps = end - start >= 2
                            && bytes[start + 1..end].iter().all(u8::is_ascii_uppercase);
                        caps
                    }
                };
            if plain_capital {
                let known_here = known_at(known, &mut k, &mut next_known, start);
                if known_here.is_some() {
                    known_toks.push(toks.len() as u32);
                }
                capitals.push(toks.len() as u32);
                toks.push(Tok::capitalised_word(
                    start,
                    end,
                    j as u32,
                    caps,
                    newline,
                    t.sentence != last_word_sentence,
                    known_here,
                    line_no,
                ));
                line.words += 1;
                line.caps += 1;
                last_word_sentence = t.sentence;
                j += 1;
                continue;
            }
            // The first character, from its byte where it is ASCII.
            let first = if b0 < 0x80 && start < end {
                char::from(b0)
            } else {
                piece(j).chars().next().unwrap_or(' ')
            };
            if !is_word_char(first) {
                toks.push(Tok::punct(start, end, newline, line_no));
                j += 1;
                continue;
            }
            // The word's last token: joined over "-" or an apostrophe between
            // word pieces, and over a clitic other than the possessive ("do" "n't").
            let mut last = j;
            // (Most words stand alone: nothing adjacent after them.)
            while adjacent(last + 1) {
                let next = piece(last + 1);
                let joiner = matches!(next, "-" | "'" | "\u{2019}");
                if joiner
                    && adjacent(last + 2)
                    && piece(last + 2).chars().next().is_some_and(is_word_char)
                {
                    last += 2;
                    continue;
                }
                if next.len() > 1
                    && (next.starts_with(['\'', '\u{2019}']) || next.eq_ignore_ascii_case("n't"))
                    && !is_possessive(next)
                {
                    last += 1;
                    continue;
                }
                break;
            }
            let mut end = src[last].span.end;
            let mut after = last + 1;
            let possessive = adjacent(after) && is_possessive(piece(after));
            if possessive {
                after += 1;
            }
            // A title's full stop the token layer keeps ("Gen."): a token of its own here.
            let mut stop = None;
            if last == j
                && end - start > 2
                && bytes[end - 1] == b'.'
                && !bytes[start..end - 1].contains(&b'.')
            {
                end -= 1;
                stop = Some(end);
            }
            let core = &text[start..end];
            let (mut upper, mut lower, mut ascii) = (0usize, 0usize, true);
            for b in core.bytes() {
                if b < 0x80 {
                    upper += usize::from(b.is_ascii_uppercase());
                    lower += usize::from(b.is_ascii_lowercase());
                } else {
                    ascii = false;
                }
            }
            if !ascii {
                for c in core.chars().filter(|c| !c.is_ascii()) {
                    upper += usize::from(c.is_uppercase());
                    lower += usize::from(c.is_lowercase());
                }
            }
            let first_upper = first.is_uppercase();
            // An initial: one capital and its full stop ("P.").
            let initial = first_upper && core.len() == 1 && adjacent(after) && piece(after) == ".";
            let lc_ref = if ascii && upper == 0 {
                Lc::Text
            } else if last == j && stop.is_none() {
                Lc::Norm(j as u32)
            } else {
                let at = lc.len() as u32;
                for p in j..=last {
                    lc.push_str(tokens.norm(p));
                }
                if stop.is_some() {
                    lc.pop();
                }
                Lc::Own(at, lc.len() as u32)
            };
            let caps = upper + lower >= 2 && lower == 0;
            let cap = first_upper
                || (upper > 0
                    && core.len() > 2
                    && core.as_bytes()[1..4.min(core.len())].contains(&b'-'))
                    && core.split_once('-').is_some_and(|(p, rest)| {
                        p.len() <= 3
                            && p.chars().all(|c| c.is_lowercase())
                            && rest.starts_with(char::is_uppercase)
                    });
            let known_here = known_at(known, &mut k, &mut next_known, start);
            if known_here.is_some() {
                known_toks.push(toks.len() as u32);
            }
            let sentence = t.sentence;
            if cap || initial {
                capitals.push(toks.len() as u32);
            }
            toks.push(Tok {
                start,
                end: if initial { end + 1 } else { end },
                lc: lc_ref,
                word: true,
                cap,
                caps,
                initial,
                possessive,
                newline,
                sent_start: sentence != last_word_sentence,
                known: known_here,
                line: line_no,
            });
            line.words += 1;
            line.caps += usize::from(cap || caps);
            last_word_sentence = sentence;
            if initial {
                after += 1;
            }
            if let Some(s) = stop {
                toks.push(Tok::punct(s, s + 1, false, line_no));
            }
            j = after;
        }
        line.close(&toks, &mut lines, bytes);
        classes.clear();
        classes.resize(toks.len(), Cell::new(UNKNOWN));
        let mut doc = Doc {
            text,
            tokens,
            toks,
            lc,
            runs,
            run_toks,
            known,
            known_toks,
            capitals,
            lines,
            lexicon,
            classes,
            known_buffer,
        };
        doc.make_runs();
        doc
    }

    /// The buffers, for the next document.
    fn into_buffers(self) -> DiscoverBuffers {
        DiscoverBuffers {
            toks: self.toks,
            lc: self.lc,
            lines: self.lines,
            run_toks: self.run_toks,
            runs: self.runs,
            known_toks: self.known_toks,
            capitals: self.capitals,
            classes: self.classes,
            known: self.known_buffer,
            grouping: None,
        }
    }

    /// Maximal runs of capitalised words (with lower-case connectors inside, an
    /// abbreviation's full stop skipped); a possessive ends a run, a line break cuts it.
    ///
    /// Read from the capitalised words alone (`capitals`), not from
    /// every token: a run is capitalised words one after the other, or with
    /// one token between them that is a lower-case connector ("des") or a
    /// title's full stop ("Gen. X"), and the word after the gap capitalised
    /// (not only an initial) on the same line. Two capitalised words further
    /// apart are never in one run (the first token after the run would have
    /// to continue it, and only a connector or a full stop right before a
    /// capitalised word does), so the runs are those of a walk over every token.
    fn make_runs(&mut self) {
        let mut toks = std::mem::take(&mut self.run_toks);
        let mut runs = std::mem::take(&mut self.runs);
        let capitals = std::mem::take(&mut self.capitals);
        let mut from = 0;
        // Close the run being built (if any) at the end of `toks`.
        let close = |toks: &Vec<usize>, runs: &mut Vec<(u32, u32)>, from: &mut usize| {
            if toks.len() > *from {
                runs.push((*from as u32, toks.len() as u32));
                *from = toks.len();
            }
        };
        // The last capitalised word of the run being built, while it is open.
        let mut open: Option<usize> = None;
        for &q in &capitals {
            let q = q as usize;
            let t = &self.toks[q];
            let joins = match open {
                Some(c) if q == c + 1 => !t.newline,
                Some(c) if q == c + 2 => {
                    let m = &self.toks[c + 1];
                    let next_cap = t.word && t.cap && !t.newline;
                    if next_cap
                        && m.word
                        && !m.cap
                        && !m.newline
                        && self.is(c + 1, class::CONNECTOR)
                    {
                        toks.push(c + 1);
                        true
                    } else {
                        next_cap
                            && !m.word
                            && &self.text[m.start..m.end] == "."
                            && self.is(c, class::TITLE)
                    }
                }
                _ => false,
            };
            if !joins {
                close(&toks, &mut runs, &mut from);
            }
            toks.push(q);
            if t.possessive {
                close(&toks, &mut runs, &mut from);
                open = None;
            } else {
                open = Some(q);
            }
        }
        close(&toks, &mut runs, &mut from);
        self.capitals = capitals;
        self.run_toks = toks;
        self.runs = runs;
    }

    /// The capitalised runs, each as positions in `toks`.
    fn runs(&self) -> impl Iterator<Item = &[usize]> {
        self.runs
            .iter()
            .map(|&(a, b)| &self.run_toks[a as usize..b as usize])
    }

    /// The lists of the lexicon the word at token `i` is in ([`class`] bits).
    /// (Most asks find them kept: that test is inlined where it is asked,
    /// the lookup is not.)
    #[inline(always)]
    fn class(&self, i: usize) -> u32 {
        let c = self.classes[i].get();
        if c != UNKNOWN {
            return c;
        }
        self.look_up_class(i)
    }

    /// [`Doc::class`] the first time it is asked of token `i`.
    #[inline(never)]
    fn look_up_class(&self, i: usize) -> u32 {
        // The word's bytes in the buffer that holds them (a short word's key
        // reads the bytes after it in one load).
        let t = &self.toks[i];
        let c = match t.lc {
            Lc::Text => self.lexicon.get_at(self.text.as_bytes(), t.start, t.end),
            Lc::Norm(j) => {
                let r = self.tokens.norm_range(j as usize);
                self.lexicon
                    .get_at(self.tokens.norm_buffer(), r.start, r.end)
            }
            Lc::Own(a, b) => self
                .lexicon
                .get_at(self.lc.as_bytes(), a as usize, b as usize),
            Lc::None => self.lexicon.get(""),
        };
        self.classes[i].set(c);
        c
    }

    /// Whether the word at token `i` is in one of the lists `bits`.
    #[inline]
    fn is(&self, i: usize, bits: u32) -> bool {
        self.class(i) & bits != 0
    }

    #[inline(always)]
    fn lc(&self, i: usize) -> &str {
        let t = &self.toks[i];
        match t.lc {
            Lc::Text => &self.text[t.start..t.end],
            Lc::Norm(j) => self.tokens.norm(j as usize),
            Lc::Own(a, b) => &self.lc[a as usize..b as usize],
            Lc::None => "",
        }
    }

    /// The bytes of [`Doc::lc`] of token `i`, read where they are without
    /// the checks of a `str`'s slice.
    #[inline(always)]
    fn lc_bytes(&self, i: usize) -> &[u8] {
        let t = &self.toks[i];
        match t.lc {
            Lc::Text => &self.text.as_bytes()[t.start..t.end],
            Lc::Norm(j) => &self.tokens.norm_buffer()[self.tokens.norm_range(j as usize)],
            Lc::Own(a, b) => &self.lc.as_bytes()[a as usize..b as usize],
            Lc::None => b"",
        }
    }

    /// The lower-case word at token `i`, if it is a word.
    fn word_at(&self, i: usize) -> Option<&str> {
        self.toks.get(i).filter(|t| t.word).map(|_| self.lc(i))
    }

    #[inline]
    fn punct_at(&self, i: usize) -> Option<char> {
        self.toks
            .get(i)
            .filter(|t| !t.word)
            .and_then(|t| self.text[t.start..].chars().next())
    }

    fn is_lower_word(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.word && !t.cap && !t.caps)
    }

    /// The next token after `i` if it is a word.
    fn next_word(&self, i: usize) -> Option<usize> {
        self.toks.get(i + 1).filter(|t| t.word).map(|_| i + 1)
    }

    /// The lower-case word before token `i`, if the token before is a word.
    fn lc_prev_word(&self, i: usize) -> Option<&str> {
        i.checked_sub(1).and_then(|p| self.word_at(p))
    }

    /// Whether the known phrase at token `head` ("talks") may name an event
    /// the gazetteer knows at `place` ("Astana talks" at Astana).
    fn names_known_event(&self, head: usize, place: &KnownInfo) -> bool {
        let Some(h) = self.known_of(head) else {
            return false;
        };
        let place = crate::text::normalize_phrase(&self.text[place.start..place.end]);
        h.names
            .split('|')
            .any(|n| !n.is_empty() && contains_words(n, &place))
    }

    fn known_of(&self, i: usize) -> Option<&KnownInfo> {
        self.toks[i].known.map(|k| &self.known[k as usize])
    }

    fn known_span(&self, i: usize) -> Range<usize> {
        self.known_of(i).map_or(0..0, |k| k.start..k.end)
    }

    /// The first token at or after byte `at`.
    fn tok_after(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.start < at)
    }

    /// No known mention on tokens `a..b`.
    fn no_known(&self, a: usize, b: usize) -> bool {
        (a..b).all(|i| self.toks[i].known.is_none())
    }

    /// One known mention covers all of tokens `a..b`.
    fn covered_by_one(&self, a: usize, b: usize) -> bool {
        let k = self.toks[a].known;
        k.is_some() && (a..b).all(|i| self.toks[i].known == k)
    }

    /// Every known mention touching tokens `a..b` lies inside them.
    fn known_inside(&self, a: usize, b: usize) -> bool {
        let (s, e) = (self.toks[a].start, self.toks[b - 1].end);
        (a..b).all(|i| self.known_of(i).is_none_or(|k| k.start >= s && k.end <= e))
    }

    /// Whether the name ending before token `b` ends its clause (punctuation or the end).
    fn ends_clause(&self, b: usize) -> bool {
        match self.toks.get(b) {
            None => true,
            Some(t) => !t.word && matches!(self.punct_at(b), Some(',' | '.' | ';' | ':' | ')')),
        }
    }

    /// The text of tokens `a..b`, one space between words.
    fn surface(&self, a: usize, b: usize) -> String {
        // (At most the bytes from the first token's start to the last one's end.)
        let room = match (
            self.toks.get(a),
            b.checked_sub(1).and_then(|l| self.toks.get(l)),
        ) {
            (Some(first), Some(last)) if a < b => last.end.saturating_sub(first.start),
            _ => 0,
        };
        let mut s = String::with_capacity(room);
        let mut prev_end = None;
        for i in a..b {
            let t = &self.toks[i];
            if !t.word {
                continue;
            }
            if prev_end.is_some_and(|p| p < t.start) {
                s.push(' ');
            }
            s.push_str(&self.text[t.start..t.end]);
            prev_end = Some(t.end);
        }
        s
    }

    /// Whether the line holding token `i` is written in title case (a headline).
    fn title_case_line(&self, i: usize) -> bool {
        self.lines[self.toks[i].line as usize].1
    }

    /// Whether run `run_first` (trimmed by `trimmed` words) is a name of a byline:
    /// the line opens with a byline word, and only names, "and", "with" and commas
    /// come between it and this run.
    fn byline_run(&self, run_first: usize, trimmed: usize) -> bool {
        let a = self.lines[self.toks[run_first].line as usize].0;
        if !(self.toks[a].word && self.toks[a].cap && self.is(a, class::BYLINE)) {
            return false;
        }
        if a == run_first {
            return trimmed == 1;
        }
        (a + 1..run_first).all(|i| {
            let t = &self.toks[i];
            (t.word && (t.cap || t.initial || matches!(self.lc(i), "and" | "with")))
                || self.punct_at(i) == Some(',')
                || self.punct_at(i) == Some('.')
        }) && trimmed == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<String> {
        let tokens = Tokens::new(text, &[crate::text::Span::new(0, text.len())]);
        let classes = WordClasses::new(&DiscoveryLexicon::shipped());
        let d = Doc::new(
            text,
            &tokens,
            0..tokens.as_slice().len(),
            &[],
            &classes,
            DiscoverBuffers::default(),
        );
        d.runs()
            .map(|r| d.surface(r[0], r[r.len() - 1] + 1))
            .collect()
    }

    /// The eight-bytes-at-once test of [`lower_after_first`] gives what a
    /// byte by byte test of the bytes after the first gives, for words that
    /// begin with each letter (capital or small) or digit, with every ASCII byte and a non-ASCII one at
    /// each later place, of one to eighteen bytes, at the text's end and
    /// before it (with fewer than eight, fewer than sixteen and more bytes after).
    #[test]
    fn lower_after_first_is_the_byte_test() {
        let spec = |w: &[u8]| w[1..].iter().all(|&b| b < 0x80 && !b.is_ascii_uppercase());
        let mut bytes: Vec<u8> = (0u8..0x80).collect();
        bytes.extend([0xC3, 0xA9, 0xE2, 0x80, 0x99, 0xFF]);
        for first in (b'A'..=b'Z').chain(b'a'..=b'z').chain(b'0'..=b'9') {
            for len in 1..=18 {
                for at in 1..len {
                    for &b in &bytes {
                        let mut w = vec![b'k'; len];
                        w[0] = first;
                        w[at] = b;
                        for tail in [0, 3, 8, 16] {
                            let mut text = w.clone();
                            text.extend(std::iter::repeat_n(b'Q', tail));
                            assert_eq!(
                                lower_after_first(&text, 0, len),
                                spec(&w),
                                "{w:?} + {tail}"
                            );
                        }
                    }
                }
                let mut w = vec![b'k'; len];
                w[0] = first;
                assert!(lower_after_first(&w, 0, len), "{w:?}");
            }
        }
    }

    /// The short paths of the word pass (lone lower-case words and numbers,
    /// lone capitalised words and words in capitals) read every token as
    /// the general path does: the same tokens, lines, capitals, runs and
    /// known tokens, for text with words of every kind next to every kind of
    /// mark, near the text's end and inside it.
    #[test]
    fn the_short_paths_read_as_the_general_path() {
        let texts = [
            "In 2015 the 10th panel met 3 times, 42% of 1990s (7) 2,500 10-year x 5'6 12\n99",
            "Gen. Anna Berg's envoy, P. Lund, said NATO and the UN don't meet in O'Neil-Smith.",
            "the al-Fajr group 3.5 4th 100m 7-0 2015's 1990s\u{2019} 20n't x9 abc9def",
            "Deputy Foreign Minister Xenia Berg-Lund met US envoys in Lyon on May 2.\nBy Tom Lund\n",
            "internationalisation counterbalanced ABCDEFGHIJKLMNOPQ Abcdefghijklmnop abcdefghijklmnopq",
            "caf\u{e9} \u{c9}cole Zo\u{eb} M\u{fc}ller 2\u{b0} 5\u{2013}6 a\u{2019}b \u{2018}quoted\u{2019} x",
            "1", "a", "A", "AB", "9.", "Ab.", "ab-", "12-", "ab'", "AB'", "Ab n't", "NATO.", "2015", "x-1",
            // Mixed cases and digits after a capital or a small letter, at
            // and past eight bytes, and near the text's end.
            "U2 A2B McDonald iPhone ABC1 A1 Ab1C aB a1b2c3d4 ABCDEFGH ABCDEFGHI Abcdefgh Abcdefghi aBcdefghi x (y) [Z], \"Q\"; a/b OK",
            "Zz, zz. ZZ; Z1: 9z (Ab) AB, ab\nAb ab AB\n\nx",
        ];
        let classes = WordClasses::new(&DiscoveryLexicon::shipped());
        for text in texts {
            let tokens = Tokens::new(text, &[crate::text::Span::new(0, text.len())]);
            let n = tokens.as_slice().len();
            // With no known mention, and with one over every third token
            // (the fast loop stops at a known mention's start).
            let every_third: Vec<KnownInfo> = (0..n)
                .step_by(3)
                .map(|i| {
                    let s = tokens.as_slice()[i].span;
                    KnownInfo {
                        start: s.start,
                        end: s.end,
                        place: false,
                        country: false,
                        title: false,
                        reference: false,
                        names: String::new(),
                    }
                })
                .collect();
            for known in [&[][..], &every_third[..]] {
                let read = |short: bool| {
                    let bufs = DiscoverBuffers::default();
                    let d = if short {
                        Doc::read::<true>(text, &tokens, 0..n, known, &classes, bufs)
                    } else {
                        Doc::read::<false>(text, &tokens, 0..n, known, &classes, bufs)
                    };
                    let lcs: Vec<&str> = (0..d.toks.len()).map(|i| d.lc(i)).collect();
                    format!(
                        "{:?}\n{lcs:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}",
                        d.toks, d.lines, d.capitals, d.runs, d.run_toks, d.known_toks
                    )
                };
                assert_eq!(read(true), read(false), "{text:?} known {}", known.len());
            }
        }
    }

    /// The tests of a word's case from its shape, against the bytes: for
    /// words of ASCII letters and digits of 1 to 18 bytes, from a small
    /// letter, a digit or a capital, with any one byte after the first a
    /// capital, a small letter or a digit, at every place, with text after
    /// them or none.
    #[test]
    fn alnum_case_tests_are_the_byte_tests() {
        let alnum: Vec<u8> = (b'A'..=b'Z')
            .chain(b'a'..=b'z')
            .chain(b'0'..=b'9')
            .collect();
        for &first in &alnum {
            for len in 1..=18 {
                for at in 0..len {
                    for fill in [b'k', b'K', b'5'] {
                        for &b in &alnum {
                            let mut w = vec![fill; len];
                            w[0] = first;
                            if at > 0 {
                                w[at] = b;
                            }
                            let no_capital = w[1..].iter().all(|c| !c.is_ascii_uppercase());
                            let all_capitals = w[1..].iter().all(u8::is_ascii_uppercase);
                            for tail in [0, 3, 8, 16] {
                                let mut text = w.clone();
                                text.extend(std::iter::repeat_n(b'Q', tail));
                                if first & 0x20 != 0 {
                                    assert_eq!(
                                        alnum_lower_after_first(&text, 0, len),
                                        no_capital,
                                        "{w:?} + {tail}"
                                    );
                                } else {
                                    let want = if no_capital {
                                        Some(false)
                                    } else if all_capitals {
                                        Some(true)
                                    } else {
                                        None
                                    };
                                    assert_eq!(
                                        alnum_capitalised(&text, 0, len),
                                        want,
                                        "{w:?} + {tail}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// [`initials`] gives what splitting the name at spaces and hyphens and
    /// asking the lexicon's connectors of each word in lower case gives, and
    /// [`first_piece`] what `split_once` gives.
    #[test]
    fn initials_and_first_pieces_are_the_spec() {
        let lex = DiscoveryLexicon::shipped();
        let classes = WordClasses::new(&lex);
        let spec = |name: &str| -> String {
            name.split([' ', '-'])
                .filter(|w| !lex.connectors.contains(&w.to_lowercase()))
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect()
        };
        let mut names = vec![
            "Higher Water Commission".to_owned(),
            "Banco de la Nacion".to_owned(),
            "Liwa Al-Fajr Brigades".to_owned(),
            "Palais Des Nations".to_owned(),
            "Mouvement DE LA Paix".to_owned(),
            "\u{c9}lys\u{e9}e Accords Group".to_owned(),
            "A  B--C -D E-".to_owned(),
            "Internationalisationcommission Board".to_owned(),
            "\u{130}stanbul \u{1e9e}tra\u{df}e".to_owned(),
            String::new(),
            "x".to_owned(),
        ];
        for w in lex.connectors.words() {
            let mut chars = w.chars();
            let cap: String = chars
                .next()
                .map(|f| f.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            names.push(format!("Alpha {w} Beta {cap} Gamma {} X", w.to_uppercase()));
        }
        for name in &names {
            assert_eq!(initials(name, &classes), spec(name), "{name:?}");
        }
        for w in [
            "al-fajr",
            "o'neil",
            "d\u{2019}ivoire",
            "plain",
            "",
            "-x",
            "a\u{2018}b",
            "\u{e9}-x'y",
        ] {
            assert_eq!(
                first_piece(w),
                w.split_once(['-', '\'', '\u{2019}']).map(|(p, _)| p),
                "{w:?}"
            );
        }
    }

    /// [`known_at`], asked of token starts in order, gives the mention that
    /// covers each start (the spec: the one with `start <= at < end`), with
    /// its shortcut for a start before the next mention, for mentions next
    /// to each other, apart, of one byte, at the text's start and none.
    #[test]
    fn known_at_is_the_covering_mention() {
        let spans: [&[(usize, usize)]; 5] = [
            &[],
            &[(0, 3)],
            &[(2, 5), (5, 6), (9, 12)],
            &[(1, 2), (3, 4), (4, 9), (20, 25)],
            &[(7, 8)],
        ];
        for spans in spans {
            let known: Vec<KnownInfo> = spans
                .iter()
                .map(|&(start, end)| KnownInfo {
                    start,
                    end,
                    ..KnownInfo::default()
                })
                .collect();
            for step in 1..=3 {
                for first in 0..step {
                    let mut k = 0;
                    let mut next = known.first().map_or(usize::MAX, |m| m.start);
                    for at in (first..30).step_by(step) {
                        let spec = spans
                            .iter()
                            .position(|&(s, e)| s <= at && at < e)
                            .map(|p| p as u32);
                        assert_eq!(
                            known_at(&known, &mut k, &mut next, at),
                            spec,
                            "{spans:?} at {at}"
                        );
                    }
                }
            }
        }
    }

    /// No token of the token layer holds a line break (white space ends a
    /// token), which the word pass's line test relies on.
    #[test]
    fn no_token_holds_a_line_break() {
        let texts = [
            "a\nb\n\nc \n d\r\ne\n",
            "\nHeadline Here\nBy Tom Lund\n\nOSLO, May 2 (Reuters) -\nThe text.\n",
            "-\n-\n.\n\u{2019}\n'\n\u{e9}\n\u{a0}\n\u{2028}\nx\u{85}\ny",
            "http://x.org/a\nwww.b.com\n1,000\n9/11\nn't\n's\nal-\nFajr\nGen.\nP.\nLund",
            "inter-\nnational don\n't x@y.com\n:-)\n#tag\n$5\n\u{201c}q\u{201d}\n...\n--\n",
        ];
        for text in texts {
            let tokens = Tokens::new(text, &[crate::text::Span::new(0, text.len())]);
            assert!(!tokens.as_slice().is_empty(), "{text:?}");
            for t in tokens.as_slice() {
                assert!(!t.span.of(text).contains('\n'), "{text:?}: {:?}", t.span);
            }
        }
    }

    /// The shortcut of [`normal_word`] gives what the normaliser gives.
    #[test]
    fn a_plain_word_is_its_own_normal_form() {
        for w in [
            "berg",
            "al-fajr",
            "o'neil",
            "x.y",
            "abc123",
            "d\u{2019}ivoire",
            "Berg",
            "AL-FAJR",
            "a`b",
            "caf\u{e9}",
            "tab\there",
            "",
            "~!@#$%^&*()_+{}|:<>?",
            "\u{7f}x",
        ] {
            assert_eq!(normal_word(w), crate::text::normalize_phrase(w), "{w:?}");
        }
        // Every single printable or control ASCII byte, alone and inside a word.
        for b in 0u8..0x80 {
            let c = char::from(b);
            for w in [c.to_string(), format!("ab{c}cd")] {
                assert_eq!(normal_word(&w), crate::text::normalize_phrase(&w), "{w:?}");
            }
        }
    }

    #[test]
    fn runs_of_capitalised_words() {
        let cases = [
            (
                "the Palais des Nations in Lyon",
                vec!["Palais des Nations", "Lyon"],
            ),
            ("Gen. Anna Berg said", vec!["Gen Anna Berg"]),
            (
                "Norway's National Water Council met",
                vec!["Norway", "National Water Council"],
            ),
            ("the daily Nord al-Post wrote", vec!["Nord al-Post"]),
            ("By P. Lund\nOSLO, May 2", vec!["By P. Lund", "OSLO", "May"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), want, "{text}");
        }
    }
}
