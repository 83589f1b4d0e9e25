//! Choosing an antecedent: a pure function over a list of candidate mentions.
//!
//! The candidates are the named mentions of a document (and the anaphors
//! already resolved), described only by what the choice needs: position,
//! sentence, paragraph, type, number, gender, the description heads the
//! entity answers to, whether it is the subject or speaker of its sentence,
//! whether it sits inside a quotation. [`antecedent`] picks one, or none:
//!
//! 1. **Compatible.** Before the anaphor; a type the anaphor can stand for;
//!    number and gender agree where both are known; the entity answers to a
//!    description's head or an event noun's subtypes; not inside a quotation
//!    unless the anaphor is in the same one; within the anaphor's reach
//!    ([`Anaphor::reach`] sentences back).
//! 2. **Sentences and paragraphs.** A pronoun reaches into the sentence
//!    before only to its subject or speaker (a gendered one also to its
//!    passive agent), and into the previous paragraph only from its own
//!    paragraph's first sentence; never further.
//! 3. **Salience.** Each entity is scored by its latest compatible mention:
//!    the nearer sentence first, then by role: the subject or speaker of its
//!    sentence, then (from the next sentence, for a gendered pronoun) the
//!    agent of a passive, then any other mention. Events
//!    are scored by recency alone, and an
//!    event mentioned after the best one but incompatible with the anaphor
//!    shuts out an antecedent more than [`EVENT_SHADOW`] sentences back.
//! 4. **Conservative.** Where two entities tie for best, there is no link:
//!    [`Resolution::Ambiguous`], counted as unresolved, never a guess.
//!
//! Set phrases ("the two sides", "the sponsors") are resolved by
//! [`antecedent_set`] to the members of a coordinated list, fanned out.

use std::borrow::Cow;

use crate::gazetteer::EntityType;

use super::lexicon::{Gender, Number};

/// Event antecedents further back than this many sentences are shut out
/// when another event was mentioned since.
pub const EVENT_SHADOW: usize = 3;

/// A mention an anaphor may point back to. What it holds of the gazetteer
/// (subtype, description heads) it borrows where it can: the stage makes
/// one per resolved mention of every document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate<'g> {
    /// Byte span in the document.
    pub span: (usize, usize),
    /// Index of its sentence.
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// What it names: an opaque key (an entity index), equal for mentions of one entity.
    pub key: u32,
    /// The entity's type.
    pub ty: EntityType,
    /// The entity's subtype, where the gazetteer gives one.
    pub subtype: Option<&'g str>,
    /// Its number.
    pub number: Number,
    /// Its gender, where the text shows it.
    pub gender: Option<Gender>,
    /// Description heads the entity answers to (lower case).
    pub heads: Cow<'g, [String]>,
    /// The subject or speaker of its sentence.
    pub subject: bool,
    /// The agent of a passive ("was headed by X", "was joined by X"): a
    /// gendered pronoun in the next sentence may mean it, after the subject
    /// ("The rebel delegation will be headed by X. He arrived ..."), though
    /// it is `oblique` (in its own sentence it stays a complement).
    pub agent: bool,
    /// Inside a prepositional phrase ("fighters in northern Syria"): a place
    /// or a complement, never what a pronoun stands for.
    pub oblique: bool,
    /// The quotation it sits in (an index), if any.
    pub quote: Option<usize>,
    /// For an event: the keys of the places it is held at, where known.
    pub places: Vec<u32>,
}

/// What kind of word or phrase points back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnaphorKind {
    /// A personal or possessive pronoun.
    Pronoun,
    /// A definite description or a title standing alone.
    Description,
    /// An event noun or "there".
    Event,
}

/// A word or phrase that points back to something named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anaphor {
    /// Byte span in the document.
    pub span: (usize, usize),
    /// Index of its sentence.
    pub sentence: usize,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// Whether its sentence is the first of its paragraph.
    pub paragraph_start: bool,
    /// What it is.
    pub kind: AnaphorKind,
    /// The types it can stand for.
    pub types: Vec<EntityType>,
    /// Its number, where it has one.
    pub number: Option<Number>,
    /// Its gender, where it has one.
    pub gender: Option<Gender>,
    /// A description head the antecedent must answer to.
    pub head: Option<String>,
    /// Event subtypes the antecedent must have (an event with none fits).
    pub subtypes: Vec<String>,
    /// The quotation it sits in, if any.
    pub quote: Option<usize>,
    /// How many sentences back it may reach (0: its own sentence only).
    pub reach: usize,
    /// For an event noun: the keys of the place the text says it is at
    /// ("the meeting in Astana") and of that place's country.
    pub places: Vec<u32>,
}

/// The outcome for one anaphor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolution {
    /// The index of the chosen candidate.
    Linked(usize),
    /// Two or more entities equally good (their best candidates' indices): no link.
    Ambiguous(Vec<usize>),
    /// No compatible candidate.
    Unresolved,
}

/// A coordinated list of actors ("Russia, Turkey and Iran").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CandidateSet {
    /// The members, in text order (opaque ids: the stage gives mention ids).
    pub members: Vec<usize>,
    /// Index of its sentence.
    pub sentence: usize,
    /// Where it ends (byte).
    pub end: usize,
    /// The label written before it ("sponsors"), lower case, if any.
    pub label: Option<String>,
}

/// A set phrase to resolve ("the two sides").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAnaphor {
    /// Byte span in the document.
    pub span: (usize, usize),
    /// Index of its sentence.
    pub sentence: usize,
    /// The number of members it says, if it says one.
    pub size: Option<usize>,
    /// Labels that name such a set.
    pub labels: Vec<String>,
    /// How many sentences back it may reach.
    pub reach: usize,
}

/// Whether `c` could be what `a` points back to (rule 1 and 2 of the module doc).
pub fn compatible(a: &Anaphor, c: &Candidate) -> bool {
    if c.span.1 > a.span.0 || c.sentence > a.sentence || a.sentence - c.sentence > a.reach {
        return false;
    }
    if !a.types.contains(&c.ty) {
        return false;
    }
    if let (Some(n), Some(g)) = (a.number, Some(c.number)) {
        if n != g {
            return false;
        }
    }
    if let (Some(g), Some(h)) = (a.gender, c.gender) {
        if g != h {
            return false;
        }
    }
    if let Some(head) = &a.head {
        if !c.heads.iter().any(|h| h == head) {
            return false;
        }
    }
    if a.kind == AnaphorKind::Event && !event_fits(a, c) {
        return false;
    }
    if !a.places.is_empty()
        && !c.places.is_empty()
        && !c.places.iter().any(|p| a.places.contains(p))
    {
        return false;
    }
    if a.kind == AnaphorKind::Pronoun && c.oblique && !agent_reach(a, c) {
        return false;
    }
    if c.quote.is_some() && c.quote != a.quote {
        return false;
    }
    // Across a sentence boundary a pronoun means the subject, speaker or
    // passive agent of the sentence before, never one of its complements.
    if a.kind == AnaphorKind::Pronoun
        && c.sentence != a.sentence
        && !c.subject
        && !agent_reach(a, c)
    {
        return false;
    }
    if a.kind == AnaphorKind::Pronoun && c.paragraph != a.paragraph {
        let previous = c.paragraph + 1 == a.paragraph;
        if !(previous && a.paragraph_start && c.subject && a.sentence - c.sentence <= 1) {
            return false;
        }
    }
    true
}

/// Whether `c` is a passive's agent in the sentence before a gendered
/// pronoun ("... will be headed by X. He arrived"): "it" and "they" stand
/// too often for what no name names (the action, the document) to reach it.
fn agent_reach(a: &Anaphor, c: &Candidate) -> bool {
    c.agent && a.gender.is_some() && c.sentence + 1 == a.sentence
}

fn event_fits(a: &Anaphor, c: &Candidate) -> bool {
    match &c.subtype {
        None => true,
        Some(s) => a.subtypes.is_empty() || a.subtypes.iter().any(|t| t.eq_ignore_ascii_case(s)),
    }
}

/// The antecedent of `a` among `cands` (see the module doc).
///
/// ```
/// use kgx::stages::coref::antecedent::{antecedent, Anaphor, AnaphorKind, Candidate, Resolution};
/// use kgx::stages::coref::lexicon::{Gender, Number};
/// use kgx::gazetteer::EntityType;
/// let person = |span: (usize, usize), key: u32, subject: bool| Candidate {
///     span, sentence: 0, paragraph: 0, key, ty: EntityType::Person, subtype: None,
///     number: Number::Singular, gender: None, heads: vec![].into(), subject, agent: false, oblique: false, quote: None, places: vec![] };
/// // "Ngata met Okafor. He said ..."
/// let cands = [person((0, 5), 1, true), person((10, 16), 2, false)];
/// let he = Anaphor { span: (18, 20), sentence: 1, paragraph: 0, paragraph_start: false,
///     kind: AnaphorKind::Pronoun, types: vec![EntityType::Person], number: Some(Number::Singular),
///     gender: Some(Gender::Male), head: None, subtypes: vec![], quote: None, reach: 1, places: vec![] };
/// assert_eq!(antecedent(&he, &cands), Resolution::Linked(0));
/// ```
pub fn antecedent(a: &Anaphor, cands: &[Candidate]) -> Resolution {
    // Per entity: its latest compatible candidate.
    let mut best: Vec<(u32, usize)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        if !compatible(a, c) {
            continue;
        }
        match best.iter_mut().find(|(k, _)| *k == c.key) {
            Some(slot) => {
                if cands[slot.1].span.0 < c.span.0 {
                    slot.1 = i;
                }
            }
            None => best.push((c.key, i)),
        }
    }
    if best.is_empty() {
        return Resolution::Unresolved;
    }
    // "The meeting in Lima": an event known to be held there beats one whose place is unknown.
    if !a.places.is_empty() {
        let placed = |i: usize| cands[i].places.iter().any(|p| a.places.contains(p));
        if best.iter().any(|&(_, i)| placed(i)) {
            best.retain(|&(_, i)| placed(i));
        }
    }
    let score = |i: usize| {
        let c = &cands[i];
        let distance = a.sentence - c.sentence;
        let role = match a.kind {
            AnaphorKind::Event => 0,
            _ if c.subject => 0,
            _ if agent_reach(a, c) => 1,
            _ => 2,
        };
        (distance, role)
    };
    let top = best
        .iter()
        .map(|&(_, i)| score(i))
        .min()
        .expect("not empty");
    let tied: Vec<usize> = best
        .iter()
        .map(|&(_, i)| i)
        .filter(|&i| score(i) == top)
        .collect();
    if tied.len() > 1 {
        // Events: in one sentence, the later mention is the one in focus
        // only where the anaphor is in that sentence too ("X, after the Y
        // talks, ... the talks"); otherwise two events tie.
        return Resolution::Ambiguous(tied);
    }
    let chosen = tied[0];
    if a.kind == AnaphorKind::Event && top.0 > EVENT_SHADOW {
        // Another event mentioned since, which this noun does not fit, shuts it out.
        let since = cands.iter().any(|c| {
            c.ty == EntityType::Event
                && c.key != cands[chosen].key
                && c.span.0 > cands[chosen].span.1
                && c.span.1 <= a.span.0
        });
        if since {
            return Resolution::Unresolved;
        }
    }
    Resolution::Linked(chosen)
}

/// The set a set phrase stands for: the latest coordinated list within
/// reach whose size fits, a list with a matching label first; where two
/// lists tie (same sentence, both labelled or both not), none.
pub fn antecedent_set(a: &SetAnaphor, sets: &[CandidateSet]) -> Option<usize> {
    let fits: Vec<usize> = sets
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.end <= a.span.0
                && s.sentence <= a.sentence
                && a.sentence - s.sentence <= a.reach
                && s.members.len() >= 2
                && a.size.is_none_or(|n| n == s.members.len())
        })
        .map(|(i, _)| i)
        .collect();
    let labelled: Vec<usize> = fits
        .iter()
        .copied()
        .filter(|&i| sets[i].label.as_ref().is_some_and(|l| a.labels.contains(l)))
        .collect();
    let pool = if labelled.is_empty() { fits } else { labelled };
    let latest = pool.iter().map(|&i| sets[i].sentence).max()?;
    let at: Vec<usize> = pool
        .into_iter()
        .filter(|&i| sets[i].sentence == latest)
        .collect();
    (at.len() == 1).then(|| at[0])
}

/// How many sentences after a title standing alone [`cataphor`] looks for
/// its holder's name.
pub const CATAPHOR_REACH: usize = 3;

/// A title standing alone with its country ("Ukraine's president said ...",
/// head `president@<country>`) that nothing before it names: the one entity
/// named after it, at most [`CATAPHOR_REACH`] sentences on, that answers to
/// the title for that country (the gazetteer's titles, or the text's
/// "Ukrainian President X"), of a type the anaphor stands for, not inside a
/// quotation the anaphor is not in. Two such entities: no link.
pub fn cataphor(a: &Anaphor, cands: &[Candidate]) -> Resolution {
    let Some(head) = a.head.as_deref().filter(|h| h.contains('@')) else {
        return Resolution::Unresolved;
    };
    let mut first: Vec<(u32, usize)> = Vec::new();
    for (i, c) in cands.iter().enumerate() {
        let fits = c.span.0 >= a.span.1
            && c.sentence >= a.sentence
            && c.sentence - a.sentence <= CATAPHOR_REACH
            && a.types.contains(&c.ty)
            && c.heads.iter().any(|h| h == head)
            && (c.quote.is_none() || c.quote == a.quote);
        if fits && !first.iter().any(|&(k, _)| k == c.key) {
            first.push((c.key, i));
        }
    }
    match first.as_slice() {
        [] => Resolution::Unresolved,
        [(_, i)] => Resolution::Linked(*i),
        more => Resolution::Ambiguous(more.iter().map(|&(_, i)| i).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(
        span: (usize, usize),
        sentence: usize,
        key: u32,
        heads: &[&str],
    ) -> Candidate<'static> {
        Candidate {
            span,
            sentence,
            paragraph: 0,
            key,
            ty: EntityType::Person,
            subtype: None,
            number: Number::Singular,
            gender: None,
            heads: heads
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>()
                .into(),
            subject: true,
            agent: false,
            oblique: false,
            quote: None,
            places: vec![],
        }
    }

    fn he(sentence: usize) -> Anaphor {
        Anaphor {
            span: (100, 102),
            sentence,
            paragraph: 0,
            paragraph_start: false,
            kind: AnaphorKind::Pronoun,
            types: vec![EntityType::Person],
            number: Some(Number::Singular),
            gender: Some(Gender::Male),
            head: None,
            subtypes: vec![],
            quote: None,
            reach: 1,
            places: vec![],
        }
    }

    /// Salience by role across a sentence boundary: subject, then the agent
    /// of a passive, never another complement.
    #[test]
    fn role_salience_table() {
        let role = |span: (usize, usize), key: u32, subject: bool, agent: bool| Candidate {
            subject,
            agent,
            oblique: agent,
            ..person(span, 0, key, &[])
        };
        let cases: Vec<(&str, Vec<Candidate>, Resolution)> = vec![
            (
                "the team will be headed by Rios. He arrived",
                vec![role((30, 34), 1, false, true)],
                Resolution::Linked(0),
            ),
            (
                "Okafor was received by Rios. He said: the subject first",
                vec![role((0, 6), 1, true, false), role((23, 27), 2, false, true)],
                Resolution::Linked(0),
            ),
            (
                "the rain kept Rios away. He said: an object is no antecedent across sentences",
                vec![role((14, 18), 1, false, false)],
                Resolution::Unresolved,
            ),
            (
                "two agents: no link",
                vec![
                    role((20, 24), 1, false, true),
                    role((30, 34), 2, false, true),
                ],
                Resolution::Ambiguous(vec![0, 1]),
            ),
        ];
        for (name, cands, want) in cases {
            assert_eq!(antecedent(&he(1), &cands), want, "{name}");
        }
        // In its own sentence an agent stays a complement ("was joined by X in
        // criticising Y for extending its list"): no link.
        let own = [role((30, 34), 1, false, true)];
        assert_eq!(
            antecedent(&he(0), &own),
            Resolution::Unresolved,
            "agent in the same sentence"
        );
    }

    fn title(head: &str) -> Anaphor {
        Anaphor {
            span: (8, 17),
            sentence: 0,
            paragraph: 0,
            paragraph_start: true,
            kind: AnaphorKind::Description,
            types: vec![EntityType::Person],
            number: None,
            gender: None,
            head: Some(head.to_string()),
            subtypes: vec![],
            quote: None,
            reach: usize::MAX / 2,
            places: vec![],
        }
    }

    /// (case, candidates, anaphor head, the candidate index wanted)
    #[test]
    fn cataphor_table() {
        let cases: Vec<(&str, Vec<Candidate>, &str, Resolution)> = vec![
            (
                "one holder named after",
                vec![person((40, 52), 1, 1, &["president@7"])],
                "president@7",
                Resolution::Linked(0),
            ),
            (
                "the earliest mention of the one holder",
                vec![
                    person((40, 52), 1, 1, &["president@7"]),
                    person((60, 66), 2, 1, &["president@7"]),
                ],
                "president@7",
                Resolution::Linked(0),
            ),
            (
                "two holders: no link",
                vec![
                    person((40, 52), 1, 1, &["president@7"]),
                    person((60, 72), 1, 2, &["president@7"]),
                ],
                "president@7",
                Resolution::Ambiguous(vec![0, 1]),
            ),
            (
                "another country's president: no link",
                vec![person((40, 52), 1, 1, &["president@8"])],
                "president@7",
                Resolution::Unresolved,
            ),
            (
                "too far on: no link",
                vec![person((400, 412), CATAPHOR_REACH + 1, 1, &["president@7"])],
                "president@7",
                Resolution::Unresolved,
            ),
            (
                "a name before is not looked for here",
                vec![person((0, 6), 0, 1, &["president@7"])],
                "president@7",
                Resolution::Unresolved,
            ),
            (
                "a head with no country never looks ahead",
                vec![person((40, 52), 1, 1, &["envoy"])],
                "envoy",
                Resolution::Unresolved,
            ),
        ];
        for (name, cands, head, want) in cases {
            assert_eq!(cataphor(&title(head), &cands), want, "{name}");
        }
        // A holder inside a quotation the title is not in.
        let mut quoted = person((40, 52), 1, 1, &["president@7"]);
        quoted.quote = Some(0);
        assert_eq!(
            cataphor(&title("president@7"), &[quoted]),
            Resolution::Unresolved
        );
    }
}
