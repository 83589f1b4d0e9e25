//! The tagger: finds every gazetteer surface form in a document.
//!
//! [`Tagger::new`] does all the fallible and costly work once: it collects the
//! surface forms of every entity (names, aliases, demonyms and their plurals,
//! metonyms including the names of a country's capital, references, partial
//! names of people, and titles), normalises them the way documents are
//! normalised, and sorts them into a prefix set searched at each word start.
//! Tagging then cannot fail.
//!
//! # Matching semantics
//!
//! * Matching runs on the normalised view of the text (case folded, diacritics
//!   stripped, quotes, dashes and whitespace unified; hyphens count as spaces,
//!   so "al-Assad" meets "al Assad" and "US-backed" finds "US"); spans map back
//!   to bytes of the original.
//! * A match starts at a word start and ends at a word boundary (Unicode
//!   alphanumerics are word characters). At each word start the longest form
//!   that ends at a boundary wins; when the longest candidate fails the
//!   boundary or case check, shorter candidates at the same start are tried,
//!   so a rejected candidate never hides a valid one ("managed the deal" with
//!   forms "Manage", "The D" and "Deal" still finds "deal").
//! * Case: a form with two or more letters, all capitals ("US", "U.N.",
//!   "TASS"), matches only the same capitals, so "told us" is not the US; a
//!   form starting with a capital ("Turkey") needs a capital first letter in
//!   the text, so "turkey" the bird is not Turkey; a lower-case form ("the
//!   regime") matches in any case.
//! * The longest form wins here even where it cannot resolve in the
//!   document; the resolve stage then falls back on the shorter forms inside
//!   it (`Tagger::shorter_readings`, `resolve::resolve_falling_back`).
//! * Titles ("UN Special Envoy for Syria") are matched in a second pass and
//!   name their holder only where no person's name follows them; where one
//!   does, the title is dropped so the name and the words inside the title
//!   (its country, its organisation) stay separate mentions, and the name is
//!   narrowed to the title's holder when it can mean several people.
//!   Both composites (event phrases split at their place, titles folded
//!   into names) are decided in `stages/compose.rs`.
//!
//! ```
//! use kgx::gazetteer::Gazetteer;
//! use kgx::stages::tag::Tagger;
//! let gaz = Gazetteer::from_toml_str("g.toml", r#"
//! [[entity]]
//! type = "Country"
//! name = "United States"
//! aliases = ["US", "U.S."]
//! "#).unwrap();
//! let tagger = Tagger::new(&gaz);
//! let text = "US-backed rebels told us nothing.";
//! let mentions = tagger.tag(text);
//! assert_eq!(mentions.len(), 1);
//! assert_eq!(mentions[0].text(text), "US");
//! ```

mod first_words;
mod prefixes;
pub(crate) mod words;

use std::collections::HashMap;
use std::ops::Range;

use crate::analysis::{Analysis, Mention, MentionKind, Scratch, Sense, Stage};
use crate::document::Document;
use crate::gazetteer::{forms, EntityIdx, EntityType, Gazetteer};
use crate::stages::compose;
use crate::text::{is_word_char, Normalized, Span};

use first_words::FirstWords;
use prefixes::Prefixes;
use words::{leading_word, LeadBytes, WordBits};

/// How the case of the text must agree with a surface form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum CasePolicy {
    /// Any case ("the regime").
    Any,
    /// The first letter must be a capital ("Turkey").
    Initial,
    /// Every letter must have the form's case ("US", "U.N.").
    Exact,
}

impl CasePolicy {
    fn of(form: &str) -> CasePolicy {
        let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
        // A one-character form (a name "X"; the loader rejects such aliases)
        // matches only in its own case.
        let one_char = form.chars().filter(|c| c.is_alphanumeric()).count() == 1;
        if one_char || (letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())) {
            CasePolicy::Exact
        } else if letters.first().is_some_and(|c| c.is_uppercase()) {
            CasePolicy::Initial
        } else {
            CasePolicy::Any
        }
    }

    /// Whether the form may accept a text that starts with an ASCII
    /// lower-case letter: `false` only where [`CasePolicy::accepts`] is
    /// `false` for every such text. That letter is the text's first letter:
    /// `Initial` wants it a capital; `Exact` wants it in the case of the
    /// form's first letter (a form without letters accepts any text).
    fn may_accept_lower_initial(self, form: &str) -> bool {
        match self {
            CasePolicy::Any => true,
            CasePolicy::Initial => false,
            CasePolicy::Exact => !form
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|f| f.is_uppercase()),
        }
    }

    fn accepts(self, form: &str, text: &str) -> bool {
        match self {
            CasePolicy::Any => true,
            CasePolicy::Initial => text
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(|c| c.is_uppercase()),
            CasePolicy::Exact => {
                let mut t = text.chars().filter(|c| c.is_alphabetic());
                form.chars().filter(|c| c.is_alphabetic()).all(|f| {
                    t.next()
                        .is_some_and(|c| c.is_uppercase() == f.is_uppercase())
                })
            }
        }
    }
}

/// One way a pattern can be read: an entity, how the form names it, the case rule.
#[derive(Clone, Debug)]
struct FormSense {
    sense: Sense,
    policy: CasePolicy,
    form: Box<str>,
}

/// A compiled set of forms: the prefix set and, per form, its senses.
struct Matcher {
    forms: Prefixes,
    /// The forms by their leading word, for the scan.
    first_words: FirstWords,
    senses: Vec<Vec<FormSense>>,
    /// Which words written with a lower-case initial the scan reads.
    lower_leads: LowerLeads,
    /// The first and second bytes of `lower_leads`' pairs, told 64 bytes
    /// at a time before each lower-case start is asked of `lower_leads`.
    lead_bytes: LeadBytes,
}

/// The leading words (of a matcher's forms) that may match where the text
/// has an ASCII lower-case initial, by their first two bytes: a set of
/// 1024 bits indexed by the low five bits of each ([`LowerLeads::index`]).
///
/// A form whose senses all want a capital first letter there
/// ([`CasePolicy::may_accept_lower_initial`]: most names) never matches a
/// text starting with a lower-case letter. Only the forms that may (a
/// lower-case alias, "the State of ...") enter the set, by their leading
/// word: a match starting at a word is a form whose leading word is that
/// word exactly (it starts at the word and ends at a boundary, and the
/// word is a maximal run of word characters), so a word whose first two
/// bytes are not in the set (a one-byte leading word sets every second
/// byte) starts no match and the scan passes it over. Collisions of the
/// low bits only let more words through.
#[derive(Clone, Debug, Default)]
struct LowerLeads {
    bits: [u64; 16],
}

impl LowerLeads {
    fn index(a: u8, b: u8) -> usize {
        usize::from(a & 31) << 5 | usize::from(b & 31)
    }

    /// Let words through that may be `word` (a leading word of a form that
    /// may accept a lower-case initial).
    fn add(&mut self, word: &[u8]) {
        let Some(&a) = word.first().filter(|a| a.is_ascii_lowercase()) else {
            // No word with a lower-case ASCII initial is this word.
            return;
        };
        match word.get(1) {
            Some(&b) => {
                let i = LowerLeads::index(a, b);
                self.bits[i / 64] |= 1 << (i % 64);
            }
            None => {
                for b in 0..32 {
                    let i = LowerLeads::index(a, b);
                    self.bits[i / 64] |= 1 << (i % 64);
                }
            }
        }
    }

    /// The filter of the set's first bytes and second bytes (by their low
    /// five bits): every pair of the set passes it, so a word it stops is
    /// not one [`LowerLeads::may_be`] lets through.
    fn lead_bytes(&self) -> LeadBytes {
        let (mut first, mut second) = (0u32, 0u32);
        for a in 0..32 {
            let row = (self.bits[a / 2] >> (32 * (a % 2))) as u32;
            if row != 0 {
                first |= 1 << a;
            }
            second |= row;
        }
        LeadBytes::new(first, second)
    }

    /// Whether the word starting at byte `start` of `hay` may be one of
    /// the set's words.
    #[inline(always)]
    fn may_be(&self, hay: &[u8], start: usize) -> bool {
        let a = hay[start];
        let b = hay.get(start + 1).copied().unwrap_or(0);
        let i = LowerLeads::index(a, b);
        self.bits[i / 64] >> (i % 64) & 1 != 0
    }
}

impl Matcher {
    fn build(forms: HashMap<String, Vec<FormSense>>) -> Option<Matcher> {
        if forms.is_empty() {
            return None;
        }
        let mut entries: Vec<(String, Vec<FormSense>)> = forms.into_iter().collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        let forms = Prefixes::new(entries.iter().map(|(k, _)| k.as_bytes()));
        let senses: Vec<Vec<FormSense>> = entries.into_iter().map(|(_, s)| s).collect();
        let first_words = FirstWords::new(&forms);
        let mut lower_leads = LowerLeads::default();
        for (i, s) in senses.iter().enumerate() {
            if s.iter()
                .any(|fs| fs.policy.may_accept_lower_initial(&fs.form))
            {
                lower_leads.add(leading_word(forms.form(i)));
            }
        }
        let lead_bytes = lower_leads.lead_bytes();
        Some(Matcher {
            forms,
            first_words,
            senses,
            lower_leads,
            lead_bytes,
        })
    }

    /// All mentions in `hay` (the text of `norm`, its words and the bytes
    /// from a lower-case letter `words`), left to right.
    ///
    /// Only words that some form starts with are searched (see
    /// [`first_words`]); after a match the scan goes on at its end, after a
    /// word with none at the word's end (no word starts inside it). A word
    /// with a lower-case initial in the original is not even looked up
    /// unless some form that may accept one could start with it
    /// ([`LowerLeads`]): most words of running text.
    fn scan(&self, hay: &str, words: &WordBits, norm: &Normalized, text: &str) -> Vec<Found> {
        let bytes = hay.as_bytes();
        let mut out = Vec::new();
        let mut found = Vec::new();
        let mut starts = words.starts_led(Some((bytes, &self.lead_bytes)), |p| {
            self.lower_leads.may_be(bytes, p)
        });
        while let Some(start) = starts.next_start() {
            let word = start..words.word_end(start);
            let Some(lead) = self.first_words.lookup(bytes, word.clone()) else {
                continue;
            };
            if !lead.may_match_at(bytes, word.end) {
                continue;
            }
            found.clear();
            let start = word.start;
            self.forms.narrow(
                &bytes[start..],
                word.len(),
                word.len(),
                lead.forms(),
                &mut found,
            );
            // No candidate, no match (most words that start a form: "the"
            // not followed by "gambia"); `longest_of` would first look the
            // start up in the normalised view's map for nothing.
            if found.is_empty() {
                continue;
            }
            if let Some((end, span, senses)) = self.longest_of(hay, norm, text, start, &found) {
                let mention = Mention::new(span.into(), senses);
                out.push(Found {
                    start,
                    end,
                    mention,
                });
                // A match ends at a boundary: no word starts at its end.
                starts.skip_to(end);
            }
        }
        out
    }

    /// The matches between normalised bytes `from` and `limit`, as the scan
    /// finds them (the longest at each word start, going on after it),
    /// appended to `out` as mentions.
    fn scan_between(
        &self,
        hay: &str,
        norm: &Normalized,
        text: &str,
        from: usize,
        limit: usize,
        out: &mut Vec<Mention>,
    ) {
        let mut p = from;
        while p < limit {
            let c = hay[p..].chars().next().unwrap_or(' ');
            let word_start =
                is_word_char(c) && !hay[..p].chars().next_back().is_some_and(is_word_char);
            if word_start {
                if let Some((end, span, senses)) = self.longest_in(hay, norm, text, p, limit) {
                    out.push(Mention::new(span.into(), senses));
                    p = end;
                    continue;
                }
            }
            p += c.len_utf8();
        }
    }

    /// The longest acceptable match starting at `start` and ending at or
    /// before `limit` (a whole match shorter than `limit` when `limit` is the
    /// end of a span being split): its end and senses.
    fn longest_in(
        &self,
        hay: &str,
        norm: &Normalized,
        text: &str,
        start: usize,
        limit: usize,
    ) -> Option<(usize, Range<usize>, Vec<Sense>)> {
        let mut found = Vec::new();
        self.forms
            .prefixes_of(&hay.as_bytes()[start..limit], &mut found);
        self.longest_of(hay, norm, text, start, &found)
    }

    /// Of the candidates `found` at `start` (as (length, form), shortest
    /// first), the longest that ends at a word boundary and whose case the
    /// text agrees with: its end, its span in the original text
    /// (`norm.to_original(start..end)`, which the case check reads, so no
    /// caller maps it again) and senses. A candidate rejected by the
    /// boundary or case check never hides a shorter one.
    fn longest_of(
        &self,
        hay: &str,
        norm: &Normalized,
        text: &str,
        start: usize,
        found: &[(usize, usize)],
    ) -> Option<(usize, Range<usize>, Vec<Sense>)> {
        // A match maps back to the original only between the starts of
        // original characters: never from or to the inside of one that
        // expands to several (U+FDFA, "ß"), where two matches would share it.
        if !norm.is_unit_boundary(start) {
            return None;
        }
        for &(len, form) in found.iter().rev() {
            let end = start + len;
            if !ends_at_boundary(hay, end) || !norm.is_unit_boundary(end) {
                continue;
            }
            let span = norm.to_original(start..end);
            let original = &text[span.clone()];
            let mut senses: Vec<Sense> = self.senses[form]
                .iter()
                .filter(|fs| fs.policy.accepts(&fs.form, original))
                .map(|fs| fs.sense)
                .collect();
            if !senses.is_empty() {
                senses.sort();
                senses.dedup_by_key(|s| s.entity);
                senses.sort_by_key(|s| (s.kind, s.entity));
                return Some((end, span, senses));
            }
        }
        None
    }
}

/// Keep the mentions sorted, non-empty and non-overlapping whatever the
/// text: a mention that is empty or starts before the previous one ends is
/// dropped (the earlier, longer-first match wins). The scan never makes one
/// (matches end at word and unit boundaries); this keeps the promise of
/// [`Tagger::tag`] for every later stage, which slices the text by it.
fn drop_overlaps(mentions: &mut Vec<Mention>) {
    let mut end = 0;
    mentions.retain(|m| {
        let keep = m.span.start < m.span.end && m.span.start >= end;
        if keep {
            end = m.span.end;
        }
        keep
    });
}

/// A mention with its span in the matching view.
struct Found {
    start: usize,
    end: usize,
    mention: Mention,
}

/// Finds gazetteer entities in text; built once per gazetteer, immutable after.
pub struct Tagger {
    main: Option<Matcher>,
    titles: Option<Matcher>,
    types: Vec<EntityType>,
}

impl Tagger {
    /// Compile the surface forms of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> Tagger {
        let mut main: HashMap<String, Vec<FormSense>> = HashMap::new();
        let mut titles: HashMap<String, Vec<FormSense>> = HashMap::new();
        let add = |table: &mut HashMap<String, Vec<FormSense>>,
                   form: &str,
                   entity: EntityIdx,
                   kind: MentionKind| {
            let key = forms::key(form);
            if key.is_empty() || !key.starts_with(is_word_char) {
                return;
            }
            let fs = FormSense {
                sense: Sense { entity, kind },
                policy: CasePolicy::of(form),
                form: form.into(),
            };
            table.entry(key).or_default().push(fs);
        };
        // One sense per (entity, kind, case rule) and key, the first form
        // written kept: sorted and deduplicated once, so that thousands of
        // entities sharing one alias cost n log n, not n² (issue 16). The
        // order of a key's senses does not matter: `longest_of` sorts them.
        let dedup = |table: &mut HashMap<String, Vec<FormSense>>| {
            for senses in table.values_mut() {
                senses.sort_by_key(|s| (s.sense, s.policy));
                senses.dedup_by_key(|s| (s.sense, s.policy));
            }
        };
        forms::for_each(gazetteer, |f| {
            let table = if f.kind == MentionKind::Title {
                &mut titles
            } else {
                &mut main
            };
            add(table, &f.text, f.entity, f.kind);
        });
        dedup(&mut main);
        dedup(&mut titles);
        let types = gazetteer.iter().map(|(_, e)| e.entity_type).collect();
        Tagger {
            main: Matcher::build(main),
            titles: Matcher::build(titles),
            types,
        }
    }

    /// The mentions of `text`, sorted by start, non-overlapping, unresolved
    /// (`entity` is `None`; see [`crate::stages::resolve`]).
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        self.tag_view(text, &Normalized::new(text))
    }

    /// [`Tagger::tag`] with the normalised view of `text` made beforehand
    /// (`norm` must be `Normalized::new(text)`).
    pub fn tag_view(&self, text: &str, norm: &Normalized) -> Vec<Mention> {
        // The matcher reads '-' as ' ', and word starts and ends do not tell
        // them apart, so the scan runs on the normalised text itself; the
        // matching view is made only where an event phrase is split.
        let hay = norm.as_str();
        // The words and lower-case initials, found as the view was made.
        let words = WordBits::new(norm.bits());
        let mut mentions = match &self.main {
            Some(m) => self.split_composites(m, norm, text, m.scan(hay, &words, norm, text)),
            None => Vec::new(),
        };
        if let Some(titles) = &self.titles {
            let found: Vec<Mention> = titles
                .scan(hay, &words, norm, text)
                .into_iter()
                .map(|f| f.mention)
                .collect();
            if !found.is_empty() {
                mentions = compose::merge_titles(text, mentions, found, |e| self.is_person(e));
            }
        }
        drop_overlaps(&mut mentions);
        mentions
    }

    /// The other readings of a mention's span `span` (bytes of `text`,
    /// `norm` its normalised view), for a mention whose longest form the
    /// resolver could not resolve: each is what the tagger would have found
    /// in the span without the forms tried before it, longest first. First,
    /// each shorter form that starts where the span starts (whatever its
    /// boundary and case checks accept), with the rest of the span's words
    /// scanned as usual; last, the span with no form at its first word (the
    /// words after it scanned as usual). Empty readings are left out, and so
    /// is everything where the span does not map to a match of the
    /// normalised view exactly.
    ///
    /// Only the main forms are read (no titles); an event phrase is not split
    /// at its place here. The caller asks only at rejected matches, so this
    /// costs nothing on a document without one.
    pub(crate) fn shorter_readings(
        &self,
        text: &str,
        norm: &Normalized,
        span: Span,
    ) -> Vec<Vec<Mention>> {
        let mut out = Vec::new();
        let Some(m) = &self.main else {
            return out;
        };
        let hay = norm.as_str();
        let at = |orig: usize| {
            let i = norm.from_original(orig);
            hay.is_char_boundary(i).then_some(i)
        };
        let (Some(start), Some(end)) = (at(span.start), at(span.end)) else {
            return out;
        };
        if start >= end || norm.to_original(start..end) != (span.start..span.end) {
            return out;
        }
        let mut found = Vec::new();
        m.forms.prefixes_of(&hay.as_bytes()[start..end], &mut found);
        // The forms shorter than the span, each acceptable one in turn.
        found.retain(|&(len, _)| start + len < end);
        let mut upto = found.len();
        while let Some((e, span, senses)) = m.longest_of(hay, norm, text, start, &found[..upto]) {
            let mut reading = vec![Mention::new(span.into(), senses)];
            m.scan_between(hay, norm, text, e, end, &mut reading);
            out.push(reading);
            upto = found.partition_point(|&(len, _)| start + len < e);
        }
        // No form at the first word: the words after it as usual.
        let first_end = hay[start..end]
            .find(|c: char| !is_word_char(c))
            .map_or(end, |i| start + i);
        let mut rest = Vec::new();
        m.scan_between(hay, norm, text, first_end, end, &mut rest);
        if !rest.is_empty() {
            out.push(rest);
        }
        out
    }

    fn type_of(&self, e: EntityIdx) -> EntityType {
        self.types[e.index()]
    }

    fn is_person(&self, e: EntityIdx) -> bool {
        self.type_of(e) == EntityType::Person
    }

    /// Split event phrases that end in a place ("peace talks in Kazakhstan",
    /// "meeting in Geneva"): the place is mentioned too, so it becomes its own
    /// mention and the event keeps the words before the preposition. Names
    /// that merely contain a place ("Astana talks") stay whole.
    /// Where to split is [`compose::split_event_phrase`]'s decision.
    fn split_composites(
        &self,
        matcher: &Matcher,
        norm: &Normalized,
        text: &str,
        found: Vec<Found>,
    ) -> Vec<Mention> {
        let is_event = |f: &Found| {
            f.mention
                .senses
                .iter()
                .all(|s| self.type_of(s.entity) == EntityType::Event)
        };
        if !found.iter().any(is_event) {
            return found.into_iter().map(|f| f.mention).collect();
        }
        let view = compose::matching_view(norm.as_str());
        let hay = view.as_str();
        let mut out = Vec::with_capacity(found.len());
        for f in found {
            if !is_event(&f) {
                out.push(f.mention);
                continue;
            }
            let is_place = |senses: &[Sense]| {
                senses.iter().all(|s| {
                    matches!(
                        self.type_of(s.entity),
                        EntityType::Place | EntityType::Country
                    )
                })
            };
            let split = compose::split_event_phrase(hay, f.start..f.end, |p| {
                let (end, _, senses) = matcher.longest_in(hay, norm, text, p, f.end)?;
                (end == f.end && is_place(&senses) && norm.is_unit_boundary(p)).then_some(senses)
            });
            match split {
                Some((rest, p, senses)) => {
                    let event = norm.to_original(rest);
                    let place = norm.to_original(p..f.end);
                    if event.start < event.end {
                        out.push(Mention {
                            span: event.into(),
                            ..f.mention.clone()
                        });
                    }
                    out.push(Mention::new(place.into(), senses));
                }
                None => out.push(f.mention),
            }
        }
        out
    }
}

/// The tag stage: the gazetteer's surface forms found in the normalised
/// view become the document's mentions, each with its token range.
impl Stage for Tagger {
    fn name(&self) -> &'static str {
        "tag"
    }

    /// The tagger reads the normalised view, not the sentences.
    fn needs_sentences(&self) -> bool {
        false
    }

    fn run(&self, doc: &Document, a: &mut Analysis, _: &mut Scratch) {
        a.mentions = self.tag_view(&doc.text, &a.view);
        a.attach_tokens();
    }
}

fn ends_at_boundary(hay: &str, end: usize) -> bool {
    hay.is_char_boundary(end) && !hay[end..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::ViewBits;

    /// Every pair of a lower-case lead set passes its byte filter: the
    /// filter stops no word the set lets through.
    #[test]
    fn lead_bytes_pass_every_pair() {
        for words in [&["the"][..], &["t", "al", "de", "xyz"], &["zz", "a1", "q"]] {
            let mut leads = LowerLeads::default();
            for w in words {
                leads.add(w.as_bytes());
            }
            let filter = leads.lead_bytes();
            for a in b'a'..=b'z' {
                for b in (0..=255u8).step_by(3).chain([0, b'e', b'l']) {
                    let hay = [b' ', a, b];
                    if leads.may_be(&hay, 1) {
                        assert!(filter.mask(&hay, 0) >> 1 & 1 != 0, "{words:?}: {a} {b}");
                    }
                }
                // At the text's end the second byte is 0 for both.
                let hay = [b' ', a];
                if leads.may_be(&hay, 1) {
                    assert!(
                        filter.mask(&hay, 0) >> 1 & 1 != 0,
                        "{words:?}: {a} at the end"
                    );
                }
            }
        }
    }

    #[test]
    fn case_policies() {
        let cases = [
            ("US", "US", true),
            ("US", "us", false),
            ("US", "Us", false),
            ("U.S.", "U.S.", true),
            ("Turkey", "Turkey", true),
            ("Turkey", "TURKEY", true),
            ("Turkey", "turkey", false),
            ("the regime", "The Regime", true),
            ("de Mistura", "De Mistura", true),
        ];
        for (form, text, want) in cases {
            assert_eq!(
                CasePolicy::of(form).accepts(form, text),
                want,
                "form {form:?} text {text:?}"
            );
        }
    }

    /// Where a form says it cannot accept a lower-case initial, no text
    /// starting with an ASCII lower-case letter passes its case check.
    #[test]
    fn lower_initials_are_refused_as_the_policies_say() {
        let cases = [
            ("Turkey", false),
            ("US", false),
            ("U.N.", false),
            ("the regime", true),
            ("de Mistura", true),
            ("x", true),
            ("X", false),
            ("9/11", true),
            ("\u{c9}gypte", false),
        ];
        for (form, want) in cases {
            let policy = CasePolicy::of(form);
            assert_eq!(policy.may_accept_lower_initial(form), want, "form {form:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn lower_initial_refusals_hold(
            form in "[a-zA-Z\u{e9}\u{c9}0-9 .]{1,8}",
            text in "[a-z][a-zA-Z\u{e9}\u{c9}0-9 .]{0,8}",
        ) {
            let policy = CasePolicy::of(&form);
            if !policy.may_accept_lower_initial(&form) {
                proptest::prop_assert!(!policy.accepts(&form, &text), "form {:?} text {:?}", form, text);
            }
        }

        /// The scan that passes over words with a lower-case initial finds
        /// what the scan reading every word finds, whatever the forms' case
        /// rules and wherever the text's pieces that map byte for byte end
        /// (curly quotes, runs of spaces, accented letters between words).
        #[test]
        fn lower_initials_passed_over_change_nothing(
            forms in proptest::collection::vec("(the|The|al|Al|x|X|US|us|new|New|gaza|Gaza|\u{e9}ire|\u{c9}ire|9)( (state|State|of|york|York|strip|Strip|US))?", 1..8),
            text in "((the|The|THE|al|Al|x|X|US|us|Us|new|New|gaza|Gaza|\u{e9}ire|\u{c9}ire|9|state|State|of|York|york|strip|Strip|tx|alx|news)[ ]|[ ]{2}|\u{201c}|\u{2019}|-|\n\n|\\.){0,40}",
        ) {
            let mut table: HashMap<String, Vec<FormSense>> = HashMap::new();
            for (i, f) in forms.iter().enumerate() {
                let key = forms::key(f);
                if key.is_empty() || !key.starts_with(is_word_char) {
                    continue;
                }
                table.entry(key).or_default().push(FormSense {
                    sense: Sense { entity: EntityIdx(i as u32), kind: MentionKind::Name },
                    policy: CasePolicy::of(f),
                    form: f.as_str().into(),
                });
            }
            let Some(m) = Matcher::build(table) else { return Ok(()); };
            let norm = Normalized::new(&text);
            let hay = norm.as_str();
            // The same word bits with every lower-case bit clear.
            let every_word: Vec<ViewBits> = norm
                .bits()
                .iter()
                .map(|b| ViewBits { word: b.word, lower: 0 })
                .collect();
            let key = |f: Vec<Found>| -> Vec<(usize, usize, Mention)> {
                f.into_iter().map(|f| (f.start, f.end, f.mention)).collect()
            };
            let fast = key(m.scan(hay, &WordBits::new(norm.bits()), &norm, &text));
            let all = key(m.scan(hay, &WordBits::new(&every_word), &norm, &text));
            proptest::prop_assert_eq!(fast, all, "forms {:?} text {:?}", forms, text);
        }
    }
}
