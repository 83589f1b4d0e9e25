//! The generic templates: which words of a parse fill a frame's roles, and
//! which mentions those words name. See the module table in [`super`].

use std::fmt;
use std::ops::Range;

use super::lexicon::{Entry, Form, Lexicon, Pos, Role};
use super::ParseView;

/// One frame read in one sentence: a candidate edge between two mentions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The relation (after a `refuse` governor, the one it turns into).
    pub relation: String,
    /// The frame (index into [`Lexicon::frames`]).
    pub frame: usize,
    /// The subject mention (index into [`ParseView::mentions`]).
    pub subj: usize,
    /// The object mention.
    pub obj: usize,
    /// The predicate word.
    pub trigger: usize,
    /// The words of the title, for a relational noun ("deputy foreign minister").
    pub role: Option<Range<usize>>,
    /// How the roles were found: `active`, `passive+relative`, `apposition`, ...
    pub template: String,
    /// A modality marked on the predicate (`future`).
    pub modality: Option<String>,
    /// Why the hit is not a fact, if it is not ("negation: not", "governed by: hopes").
    pub blocked: Option<String>,
    /// A bare title before a name with no owner in the sentence ("President
    /// Jane Roe said"): `obj` is the holder again, and the owner is for the
    /// caller to find in the gazetteer's own titles for that holder (template
    /// `title+gazetteer-title`).
    pub owner_from_gazetteer: bool,
}

/// Labels as the parser writes them, with their subtype (`obl:agent`) or not.
fn base(label: &str) -> &str {
    label.split(':').next().unwrap_or(label)
}

struct Graph<'a> {
    v: &'a ParseView,
    lex: &'a Lexicon,
    children: Vec<Vec<usize>>,
    mention_at: Vec<Option<usize>>,
}

/// The words that fill a role, and what the finding took.
#[derive(Default)]
struct Fill {
    words: Vec<usize>,
    steps: Vec<&'static str>,
}

impl<'a> Graph<'a> {
    fn new(v: &'a ParseView, lex: &'a Lexicon) -> Graph<'a> {
        let n = v.words.len();
        let mut children = vec![Vec::new(); n];
        for (d, h) in v.heads.iter().enumerate() {
            if let Some(h) = *h {
                if h < n && h != d {
                    children[h].push(d);
                }
            }
        }
        let mut mention_at = vec![None; n];
        for (s, slot) in v.mentions.iter().enumerate() {
            for t in slot.tokens.clone() {
                if t < n {
                    mention_at[t] = Some(s);
                }
            }
        }
        Graph {
            v,
            lex,
            children,
            mention_at,
        }
    }

    fn word(&self, i: usize) -> &str {
        &self.v.words[i]
    }

    fn label(&self, i: usize) -> &str {
        self.v.labels.get(i).map(String::as_str).unwrap_or("")
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.v.heads.get(i).copied().flatten()
    }

    fn kids(&self, i: usize) -> &[usize] {
        &self.children[i]
    }

    fn kids_labelled<'s>(
        &'s self,
        i: usize,
        want: &'s [&'s str],
    ) -> impl Iterator<Item = usize> + 's {
        self.kids(i)
            .iter()
            .copied()
            .filter(move |&c| want.contains(&self.label(c)) || want.contains(&base(self.label(c))))
    }

    /// The case word of a nominal (`by`, `of`, `in`), if it has one: the last
    /// of its case words ("out of" gives `of`).
    fn case(&self, i: usize) -> Option<&str> {
        self.kids(i)
            .iter()
            .rev()
            .find(|&&c| base(self.label(c)) == "case" && c < i)
            .map(|&c| self.word(c))
    }

    fn is_verbal(&self, i: usize) -> bool {
        matches!(self.v.upos[i].as_str(), "VERB" | "AUX" | "ADJ")
    }

    /// The head word of a mention: the token whose head lies outside it.
    fn slot_head(&self, s: usize) -> usize {
        let r = &self.v.mentions[s].tokens;
        r.clone()
            .rev()
            .find(|&t| self.head(t).is_none_or(|h| !r.contains(&h)))
            .unwrap_or(r.end.saturating_sub(1))
    }

    fn negated(&self, i: usize) -> Option<&str> {
        self.kids(i)
            .iter()
            .map(|&c| self.word(c))
            .find(|w| self.lex.in_set("NEG", w))
    }

    fn passive(&self, v: usize, form: Form) -> bool {
        self.kids(v)
            .iter()
            .any(|&c| matches!(self.label(c), "nsubj:pass" | "aux:pass" | "csubj:pass"))
            || (form == Form::Participle
                && matches!(self.label(v), "acl" | "amod")
                && !self.kids(v).iter().any(|&c| base(self.label(c)) == "nsubj"))
    }

    // ------------------------------------------------------------ verb roles

    /// Who verb `v` asks to leave office: its complement clause (`ccomp`,
    /// `xcomp`, a to-`advcl` or, on a noun, to-`acl`) is a verb of set `LEAVE_OFFICE`, not negated;
    /// that clause's subject ("demanded that X step down"), else `v`'s object
    /// or on/for-phrase ("urged X to resign", "called on X to quit"); or its
    /// object or for-phrase is a noun of the set, and the possessive or
    /// of-phrase of that noun ("demanded the resignation of X").
    ///
    /// A noun of demand ("demands for his resignation", "calls for Roe to
    /// go") reads the same way; as the parser often hangs the noun's
    /// for-phrase and to-clause on the verb whose object the noun is
    /// ("renewed their demands for his resignation"), that verb's dependents
    /// after the noun count as the noun's own.
    fn ousted(&self, v: usize, pos: Pos, fill: &mut Fill) {
        let mut kids: Vec<usize> = self.kids(v).to_vec();
        if pos == Pos::Noun && base(self.label(v)) == "obj" {
            if let Some(h) = self.head(v).filter(|&h| self.is_verbal(h)) {
                kids.extend(self.kids(h).iter().copied().filter(|&c| c > v));
            }
        }
        for &c in &kids {
            // "demanded the resignation of X", "called for X's ouster": a
            // noun of the set as the verb's object or for-phrase, and whose it is.
            let asked = base(self.label(c)) == "obj"
                || (matches!(base(self.label(c)), "obl" | "nmod") && self.case(c) == Some("for"));
            if asked && self.lex.in_phrase_set("LEAVE_OFFICE", self.word(c), &[]) {
                fill.words.extend(self.kids(c).iter().copied().filter(|&o| {
                    self.label(o) == "nmod:poss"
                        || (base(self.label(o)) == "nmod" && self.case(o) == Some("of"))
                }));
                continue;
            }
            let clause = match base(self.label(c)) {
                "ccomp" | "xcomp" => true,
                // a to-clause on the verb, or on a noun of demand ("call for Roe to go")
                "advcl" | "acl" => self
                    .kids_labelled(c, &["mark"])
                    .any(|m| self.word(m) == "to"),
                _ => false,
            };
            let beside: Vec<&str> = self.kids(c).iter().map(|&k| self.word(k)).collect();
            if !clause
                || !self
                    .lex
                    .in_phrase_set("LEAVE_OFFICE", self.word(c), &beside)
                || self.negated(c).is_some()
            {
                continue;
            }
            let subjects: Vec<usize> = self
                .kids_labelled(c, &["nsubj"])
                .filter(|&s| self.label(s) != "nsubj:pass")
                .collect();
            if subjects.is_empty() {
                fill.words.extend(kids.iter().copied().filter(|&o| {
                    base(self.label(o)) == "obj"
                        || (matches!(base(self.label(o)), "obl" | "nmod")
                            && matches!(self.case(o), Some("on" | "for")))
                }));
            } else {
                fill.words.extend(subjects);
            }
        }
        if !fill.words.is_empty() {
            fill.steps.push("ousted");
        }
    }

    /// Fills the role with the subjects `n` has before it (a controlling
    /// verb's, or a coordinated clause's), as a `control` step; nothing
    /// where it has none.
    fn share_subject(&self, n: usize, fill: &mut Fill) {
        let before = fill.words.len();
        fill.words
            .extend(self.kids_labelled(n, &["nsubj"]).filter(|&c| c < n));
        if fill.words.len() > before {
            fill.steps.push("control");
        }
    }

    fn agent(&self, v: usize, form: Form, depth: usize, fill: &mut Fill) {
        if depth > 4 {
            return;
        }
        if self.passive(v, form) {
            for c in self.kids(v).to_vec() {
                if self.label(c) == "obl:agent"
                    || (matches!(base(self.label(c)), "obl" | "nmod") && self.case(c) == Some("by"))
                {
                    fill.words.push(c);
                }
            }
            self.loose_agents(v, &mut fill.words);
            if !fill.words.is_empty() {
                fill.steps.push("passive");
            }
            return;
        }
        // Two subjects of one verb is a misparse: the one nearest the verb is its subject.
        let subjects: Vec<usize> = self
            .kids_labelled(v, &["nsubj"])
            .filter(|&c| self.label(c) != "nsubj:pass")
            .collect();
        let nearest = subjects
            .iter()
            .copied()
            .filter(|&c| c < v)
            .max()
            .or(subjects.first().copied());
        fill.words.extend(nearest);
        if !fill.words.is_empty() {
            return;
        }
        if let Some(s) = self.subject_after_subordinator(v) {
            fill.steps.push("subordinator");
            fill.words.push(s);
            return;
        }
        let Some(h) = self.head(v) else { return };
        match base(self.label(v)) {
            "xcomp" | "conj" if self.is_verbal(h) => {
                fill.steps.push("control");
                // The governor's own voice decides where its subject is.
                let hform = if self.word(h).ends_with("ed") {
                    Form::Participle
                } else {
                    Form::Plain
                };
                self.agent(h, hform, depth + 1, fill);
            }
            "conj" if self.v.upos[v] == "VERB" && !self.is_verbal(h) => {
                // "The team is led by X, a former chief, and includes Y": the
                // parse hung the second verb on a noun of the first clause; the
                // verb above that noun lends its subject (the passive's too).
                let mut a = h;
                for _ in 0..4 {
                    match self.head(a) {
                        Some(x) if x < v => {
                            a = x;
                            if self.v.upos[a] == "VERB" {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                if self.v.upos[a] == "VERB" {
                    self.share_subject(a, fill);
                }
            }
            "acl"
                if self.label(v) != "acl:relcl"
                    && !self.kids_labelled(v, &["mark"]).any(|m| m < v) =>
            {
                // "delegations attending the talks" (not "accused of sheltering",
                // where the participle completes the noun).
                fill.steps.push("participle");
                fill.words.push(h);
            }
            "acl" | "advcl" if self.word(v).ends_with("ing") && self.accused_of(v).is_some() => {
                // "accused Islamabad of sheltering X", "Islamabad, accused by
                // Kabul of sheltering X": the one accused is the doer.
                fill.steps.push("accused-of");
                fill.words.extend(self.accused_of(v));
            }
            "advcl" if self.word(v).ends_with("ing") && self.is_verbal(h) => {
                fill.steps.push("control");
                self.agent(h, Form::Plain, depth + 1, fill);
            }
            "ccomp" if self.is_verbal(h) => {
                // "Chile, which he said had acted as a guarantor": the relative
                // pronoun the parser made the object of the verb of speech is
                // the subject of the clause it reports.
                if let Some(r) = self
                    .kids_labelled(h, &["obj"])
                    .find(|&c| c < h && self.lex.in_set("RELPRON", self.word(c)))
                {
                    fill.steps.push("relative");
                    fill.words.push(r);
                }
            }
            _ => {}
        }
    }

    /// The subject of a verb without one that the parse hung elsewhere because
    /// it read the clause's subordinator as a preposition ("stood at the
    /// palace as Lima and Quito issued a declaration": "as Lima" an nmod of
    /// "palace"): the names, coordinated or not, that end right before the
    /// verb, where the first is marked by a word of set `SUBORDINATOR`.
    fn subject_after_subordinator(&self, v: usize) -> Option<usize> {
        if v == 0 || self.v.upos[v] != "VERB" || self.word(v).ends_with("ing") {
            return None;
        }
        let s = self.mention_at[v - 1]?;
        let mut w = self.slot_head(s);
        if self.head(w) == Some(v) {
            return None;
        }
        for _ in 0..6 {
            match (base(self.label(w)), self.head(w)) {
                ("conj", Some(h)) if self.mention_at[h].is_some() && h < w => w = h,
                _ => break,
            }
        }
        let marker = self
            .kids(w)
            .iter()
            .copied()
            .find(|&c| base(self.label(c)) == "case" && c < w)?;
        let first = self.v.mentions[self.mention_at[w]?].tokens.start;
        let gap_ok = (marker + 1..first).all(|t| self.v.upos[t] == "DET");
        (matches!(base(self.label(w)), "nmod" | "obl")
            && gap_ok
            && self.lex.in_set("SUBORDINATOR", self.word(marker)))
        .then_some(w)
    }

    /// For a gerund marked "of" under a verb of the set `ACTOR_OBJECT`
    /// ("accused X of sheltering", "blamed X for"), the one accused: the
    /// verb's object, its passive subject, or the noun its participle
    /// modifies ("Islamabad, long accused by Kabul of sheltering"). The parse
    /// may hang the gerund on a name of the accuser's by-phrase; the walk up
    /// to the verb goes through conjunctions and that by-phrase.
    fn accused_of(&self, v: usize) -> Option<usize> {
        if !self
            .kids_labelled(v, &["mark"])
            .any(|m| m < v && matches!(self.word(m), "of" | "for"))
        {
            return None;
        }
        let mut a = self.head(v)?;
        for _ in 0..4 {
            if self.is_verbal(a) && self.lex.in_verb_set("ACTOR_OBJECT", self.word(a)) {
                break;
            }
            if !matches!(base(self.label(a)), "conj" | "obl" | "obj") {
                return None;
            }
            a = self.head(a)?;
        }
        if !self.lex.in_verb_set("ACTOR_OBJECT", self.word(a)) {
            return None;
        }
        self.kids_labelled(a, &["obj", "nsubj:pass"])
            .next()
            .or_else(|| match self.label(a) {
                "acl" | "parataxis" | "amod" => self.head(a),
                _ => None,
            })
    }

    /// By-phrases of a passive verb the parser did not attach as its agent:
    /// "signed not by the leaders but by the group" (the second phrase hangs
    /// from the conjunction), and a `by` left as the verb's own child with the
    /// name after it ("headed by Mullah Omar Sadiq").
    fn loose_agents(&self, v: usize, out: &mut Vec<usize>) {
        let n = self.v.words.len();
        for x in v + 1..n {
            if out.contains(&x) || !matches!(self.v.upos[x].as_str(), "NOUN" | "PROPN" | "PRON") {
                continue;
            }
            if self.case(x) != Some("by") {
                continue;
            }
            // Up to the verb through conjunctions and punctuation only.
            let mut c = self.head(x);
            let mut reaches = false;
            for _ in 0..4 {
                match c {
                    Some(h) if h == v => {
                        reaches = true;
                        break;
                    }
                    Some(h) if matches!(self.v.upos[h].as_str(), "CCONJ" | "PUNCT") => {
                        c = self.head(h)
                    }
                    _ => break,
                }
            }
            if reaches && self.head(x) != Some(v) {
                out.push(x);
            }
        }
        for by in self.kids(v).to_vec() {
            if self.word(by) != "by" || by < v {
                continue;
            }
            let named: Vec<usize> = self
                .kids(by)
                .iter()
                .copied()
                .filter(|&c| c > by && matches!(self.v.upos[c].as_str(), "NOUN" | "PROPN"))
                .collect();
            match named.first() {
                Some(&c) => out.push(c),
                // The name right after it (an honorific may come first).
                None => {
                    if let Some(t) =
                        (by + 1..(by + 3).min(n)).find(|&t| self.mention_at[t].is_some())
                    {
                        out.push(t);
                    }
                }
            }
        }
    }

    fn theme(&self, v: usize, form: Form, fill: &mut Fill) {
        if self.passive(v, form) {
            fill.words.extend(self.kids_labelled(v, &["nsubj:pass"]));
            if fill.words.is_empty() {
                match (self.head(v), base(self.label(v))) {
                    (Some(h), "acl" | "amod") if self.label(v) != "acl:relcl" => {
                        fill.steps.push("participle");
                        fill.words.push(h);
                    }
                    // "X was not a party to the accord and was kept out of the
                    // talks": a passive coordinated with a clause before it,
                    // with no subject of its own, shares that clause's subject.
                    (Some(h), "conj") if h < v => self.share_subject(h, fill),
                    _ => {}
                }
            }
            if !fill.words.is_empty() && !fill.steps.contains(&"participle") {
                fill.steps.push("passive");
            }
            self.drop_own_bodies(v, fill);
            return;
        }
        // "heads Sudan's ruling council" parsed with Sudan the object: a word
        // with the possessive 's owns the noun the verb is done to (which the
        // parser hung elsewhere); it is never that noun.
        fill.words.extend(
            self.kids_labelled(v, &["obj"])
                .filter(|&o| !self.possessor(o)),
        );
        self.drop_own_bodies(v, fill);
    }

    /// Whether word `w` carries the possessive `'s` (or a bare `'`) after it.
    fn possessor(&self, w: usize) -> bool {
        self.kids(w)
            .iter()
            .any(|&c| c > w && base(self.label(c)) == "case" && matches!(self.word(c), "'s" | "'"))
    }

    /// "heads the UN mission": a body of its own inside an actor (set `BODY`,
    /// a proxy noun elsewhere) done to by a verb of set `LED_BY` is led
    /// itself, not the actor it belongs to, so it stands for no one here.
    fn drop_own_bodies(&self, v: usize, fill: &mut Fill) {
        if self.lex.in_verb_set("LED_BY", self.word(v)) {
            fill.words.retain(|&w| {
                self.mention_at[w].is_some() || !self.lex.in_set("BODY", self.word(w))
            });
        }
    }

    fn prep(&self, p: usize, prep: &str, pos: Pos, fill: &mut Fill) {
        let labels: &[&str] = match pos {
            Pos::Verb => &["obl", "nmod", "advmod"],
            Pos::Noun | Pos::List => &["nmod", "obl"],
        };
        let mut found: Vec<usize> = self
            .kids_labelled(p, labels)
            .filter(|&c| self.case(c) == Some(prep) && self.label(c) != "nmod:poss")
            .collect();
        // A phrase of the verb that names nothing ("in February") does not
        // keep the one hung elsewhere ("with Peru in Lima in May") from counting.
        if found.iter().all(|&c| self.mention_at[c].is_none()) && pos == Pos::Verb {
            // "hosted talks in Geneva", "signed it with Peru in Lima": the phrase
            // may hang from the object or from another phrase of the verb.
            for o in self
                .kids_labelled(p, &["obj", "nsubj:pass", "obl"])
                .collect::<Vec<_>>()
            {
                found.extend(
                    self.kids_labelled(o, &["nmod"])
                        .filter(|&c| self.case(c) == Some(prep)),
                );
            }
        }
        fill.words.extend(found);
    }

    // ------------------------------------------------------------ noun roles

    fn holder(&self, n: usize, fill: &mut Fill) {
        let label = self.label(n);
        let head = self.head(n);
        if base(label) == "appos" {
            if let Some(h) = head {
                fill.steps.push("apposition");
                // "Jane Roe and Ana Ruiz, leader of X": the parse hangs the title
                // on the first name, but one title (not "leaders") is the one
                // right before it.
                match self.person_before_comma(n) {
                    Some(t) if !self.plural(n) && self.mention_at[t] != self.mention_at[h] => {
                        fill.steps.push("nearest");
                        fill.words.push(t);
                    }
                    _ => fill.words.push(h),
                }
                return;
            }
        }
        let appos: Vec<usize> = self.kids_labelled(n, &["appos"]).collect();
        if !appos.is_empty() {
            // "envoy Jane Roe and Ana Ruiz": a name right after the title (no
            // comma between) is the one person the title names, as a title
            // before a name is; "the envoys, Roe and Ruiz" is an apposition.
            let adjacent = appos.iter().any(|&c| {
                c > n
                    && (n + 1..c).all(|t| self.v.upos[t] != "PUNCT" && self.mention_at[t].is_none())
            });
            fill.steps
                .push(if adjacent { "title" } else { "apposition" });
            fill.words.extend(appos);
            return;
        }
        if let Some(h) = head {
            if (matches!(base(label), "compound" | "flat") || label == "nmod:desc")
                && self.mention_at[h].is_some()
                && h > n
            {
                fill.steps.push("title");
                fill.words.push(h);
                return;
            }
        }
        // A title right before a person that the parse did not join to him
        // ("Secretary of State Jane Roe said", "U.N. Syria envoy Ana Ruiz"):
        // the words decide, not the tree.
        if let Some(t) = self.person_after_title(n) {
            fill.steps.push("title");
            fill.words.push(t);
            return;
        }
        let subj: Vec<usize> = self.kids_labelled(n, &["nsubj"]).collect();
        if !subj.is_empty() {
            fill.steps.push("copula");
            fill.words.extend(subj);
            return;
        }
        // "..., and Ana Ruiz, leader of X, signed": an apposition the parse
        // did not make one, read from the words.
        if let Some(t) = self.person_before_comma(n) {
            fill.steps.push("apposition");
            fill.steps.push("nearest");
            fill.words.push(t);
            return;
        }
        // A title standing alone for its holder ("Chile's envoy to the UN said").
        if self.mention_at[n].is_some() {
            fill.steps.push("title");
            fill.words.push(n);
            return;
        }
        // "Chile acted as a guarantor of the talks", "Roe was named as envoy":
        // an as-phrase of a verb describes its object, else its subject.
        if let (Some(h), "obl" | "advcl" | "xcomp") = (head, base(label)) {
            if self.case(n) == Some("as") && self.v.upos[h] == "VERB" {
                fill.steps.push("as");
                let objects: Vec<usize> = self.kids_labelled(h, &["obj"]).collect();
                if !objects.is_empty() {
                    // "named Roe as envoy", "regards Peru as a guarantor": the object.
                    fill.words.extend(objects);
                } else if self.passive(h, Form::Plain) {
                    fill.words.extend(self.kids_labelled(h, &["nsubj:pass"]));
                } else {
                    self.agent(h, Form::Plain, 0, fill);
                }
            }
        }
    }

    /// Whose a relational noun is. `principal`: the possessive first, then
    /// the first name before it ("Syria's U.N. ambassador", "U.N. Syria
    /// envoy": an ambassador's next name is where he is sent); otherwise the
    /// nearest name before it, then the possessive ("Kazakhstan's Foreign
    /// Ministry spokesman": the ministry).
    fn owner(&self, n: usize, principal: bool, fill: &mut Fill) {
        let pick = |h: usize, before: usize| -> Option<usize> {
            let poss = self.kids_labelled(h, &["nmod:poss"]).find(|&c| c < before);
            let named: Vec<usize> = self
                .kids(h)
                .iter()
                .copied()
                .filter(|&c| c < before && self.mention_at[c].is_some())
                .filter(|&c| match self.label(c) {
                    "nmod:poss" => false,
                    "nmod" => self.case(c).is_none(),
                    l => matches!(base(l), "amod" | "compound" | "flat" | "nmod"),
                })
                .collect();
            match principal {
                true => poss.or(named.first().copied()),
                false => named.last().copied().or(poss),
            }
        };
        if let Some(c) = pick(n, n) {
            fill.words.push(c);
            return;
        }
        let Some(mut h) = self.head(n) else { return };
        let mut n = n;
        // "several rounds of sanctions": the measure noun stands in for its of-phrase.
        if base(self.label(n)) == "nmod"
            && self.case(n) == Some("of")
            && self.lex.in_set("MEASURE", self.word(h))
        {
            n = h;
            match self.head(h) {
                Some(x) => h = x,
                None => return,
            }
        }
        let label = if self.label(n) == "nmod:desc" {
            "compound"
        } else {
            base(self.label(n))
        };
        match label {
            // The parse may hang the title under the first name before it
            // ("U.N. Syria envoy": `envoy` a flat of `U.N.`): that name is one
            // of the names modifying the title, the first of them.
            "compound" | "flat" if h < n && self.mention_at[h].is_some() => {
                let c = match (principal, pick(h, n)) {
                    (true, _) | (false, None) => h,
                    (false, Some(c)) => c,
                };
                fill.steps.push("title");
                fill.words.push(c);
            }
            "compound" | "flat" => {
                if let Some(c) = pick(h, n) {
                    fill.steps.push("title");
                    fill.words.push(c);
                } else if let Some(s) = self.led_proxy(h) {
                    fill.steps.push("title");
                    fill.steps.push("led-proxy");
                    fill.words.push(s);
                }
            }
            // "rejected calls for Roe to resign": a demand the verb's doer
            // dismisses (set DISMISS) is not the doer's own.
            "obj" if self.is_verbal(h) && !self.lex.in_verb_set("DISMISS", self.word(h)) => {
                fill.steps.push("light-verb");
                self.agent(h, Form::Plain, 0, fill);
            }
            _ => {}
        }
    }

    /// "Chile's delegation was led by Foreign Minister Jana Roe": the name
    /// a title precedes is the by-agent of a verb of set `LED_BY` whose passive
    /// subject is a proxy noun; that noun (which stands for its owner) owns the title.
    fn led_proxy(&self, name: usize) -> Option<usize> {
        let v = self.head(name)?;
        let by = self.label(name) == "obl:agent"
            || (matches!(base(self.label(name)), "obl" | "nmod") && self.case(name) == Some("by"));
        if !by || !self.lex.in_verb_set("LED_BY", self.word(v)) {
            return None;
        }
        self.kids_labelled(v, &["nsubj:pass"])
            .find(|&s| self.lex.in_set("PROXY", self.word(s)))
    }

    // ------------------------------------------------------------ mentions

    /// The mentions a word names: itself, its antecedent (a relative pronoun),
    /// the actor a proxy noun stands for, and everything coordinated with it.
    fn mentions_of(
        &self,
        w: usize,
        depth: usize,
        out: &mut Vec<usize>,
        steps: &mut Vec<&'static str>,
        conj: bool,
    ) {
        if depth > 5 {
            return;
        }
        let mut w = w;
        if self.lex.in_set("RELPRON", self.word(w)) {
            // who/which/that -> the noun the relative clause hangs from
            let mut c = self.head(w);
            let mut antecedent = None;
            for _ in 0..3 {
                let Some(x) = c else { break };
                if base(self.label(x)) != "conj" && self.label(x).ends_with(":relcl") {
                    antecedent = self.head(x);
                    break;
                }
                c = self.head(x);
            }
            // "the summit, which brought together ...": a clause after a comma the
            // parser hung on a verb (or on nothing) is on the name before the comma.
            if w >= 2
                && self.word(w - 1) == ","
                && self.mention_at[w - 2].is_some()
                && antecedent.is_none_or(|a| self.is_verbal(a) && self.mention_at[a].is_none())
            {
                antecedent = Some(w - 2);
            }
            match antecedent {
                Some(a) => {
                    steps.push("relative");
                    // "the minister of Chile, which hosts ...": `which` stands for a thing,
                    // so where the antecedent names no mention it is the last mention
                    // inside the antecedent's phrase, before the pronoun.
                    // "Chile and Peru, which host the talks": a relative clause after a
                    // comma on the last of coordinated nouns is on all of them.
                    let after_comma = w > 0 && self.word(w - 1) == ",";
                    let mut a = a;
                    if let Some(last) = self.singular_last_conjunct(w, a) {
                        // "A and B, who heads the team": a verb in the singular
                        // agrees with the last name only, wherever the parser hung
                        // the clause; that name alone is the antecedent.
                        steps.push("relative");
                        self.mentions_of(last, depth + 1, out, steps, false);
                        return;
                    }
                    while after_comma && self.label(a) == "conj" && self.mention_at[a].is_some() {
                        match self.head(a) {
                            Some(h) if self.mention_at[h].is_some() => a = h,
                            _ => break,
                        }
                    }
                    w = if self.mention_at[a].is_none() && self.word(w) == "which" {
                        (a + 1..w)
                            .rev()
                            .find(|&t| self.mention_at[t].is_some() && self.dominated_by(t, a))
                            .unwrap_or(a)
                    } else {
                        a
                    };
                }
                None => return,
            }
        }
        let base_word = match self.mention_at[w] {
            Some(s) => {
                if !out.contains(&s) {
                    out.push(s);
                }
                self.slot_head(s)
            }
            None if self.lex.in_set("MEASURE", self.word(w)) => {
                // "16 hours of talks", "a year of talks": the event itself.
                for c in self
                    .kids_labelled(w, &["nmod"])
                    .filter(|&c| self.case(c) == Some("of"))
                    .take(1)
                    .collect::<Vec<_>>()
                {
                    self.mentions_of(c, depth + 1, out, steps, conj);
                }
                w
            }
            None if self.lex.in_set("PROXY", self.word(w)) => {
                let before = out.len();
                for c in self.proxy_targets(w) {
                    self.mentions_of(c, depth + 1, out, steps, true);
                }
                if out.len() > before {
                    steps.push("proxy");
                }
                w
            }
            None => {
                // "its ambassador, Rosa Diaz": a noun named by its apposition;
                // "Mullah Omar Sadiq": an honorific heading the name it precedes.
                // A name word the parse made the head of a longer name the
                // gazetteer knows only in part ("Sheikh Mohammed bin Abdul
                // Rahman Al Thani" with "bin" its head): the name words after
                // it are the same name.
                let name_word = self.v.upos[w] == "PROPN";
                for c in self
                    .kids(w)
                    .iter()
                    .copied()
                    .filter(|&c| {
                        matches!(base(self.label(c)), "appos" | "flat")
                            || (name_word && c > w && base(self.label(c)) == "compound")
                    })
                    .collect::<Vec<_>>()
                {
                    if self.mention_at[c].is_none() {
                        if name_word && c > w && self.v.upos[c] == "PROPN" {
                            self.mentions_of(c, depth + 1, out, steps, false);
                        }
                    } else if base(self.label(c)) != "compound" || self.v.upos[c] == "PROPN" {
                        steps.push("apposition");
                        self.mentions_of(c, depth + 1, out, steps, true);
                    }
                }
                w
            }
        };
        if !conj {
            return;
        }
        // Coordination fans out, a person only to persons and an actor only to actors.
        let person = self.mention_at[w].map(|s| self.v.mentions[s].person);
        for c in self.kids_labelled(base_word, &["conj"]).collect::<Vec<_>>() {
            let other = self.mention_at[c].map(|s| self.v.mentions[s].person);
            if person.is_some() && other.is_some() && person != other {
                continue;
            }
            self.mentions_of(c, depth + 1, out, steps, true);
        }
    }

    /// The names listed after a colon that follows mention `s` ("the contact
    /// group: envoy Jane Roe, Ana Ruiz for Peru and Li Wei"): the mentions up
    /// to the first verb or the end of the sentence, persons only where the
    /// list holds a person (titles and "for Peru" are no items then), and the
    /// list only where at least one of its items is at the top of a list
    /// position (after the colon, a comma or "and").
    fn colon_list(&self, s: usize) -> Vec<usize> {
        let end = self.v.mentions[s].tokens.end;
        if self.v.words.get(end).map(String::as_str) != Some(":") {
            return Vec::new();
        }
        let mut items: Vec<usize> = Vec::new();
        for t in end + 1..self.v.words.len() {
            if matches!(self.v.upos[t].as_str(), "VERB" | "AUX") || self.word(t) == ";" {
                break;
            }
            if let Some(m) = self.mention_at[t] {
                if !items.contains(&m) {
                    items.push(m);
                }
            }
        }
        if items.iter().any(|&m| self.v.mentions[m].person) {
            items.retain(|&m| self.v.mentions[m].person);
        } else {
            // Actors: each must open its own list position.
            items.retain(|&m| {
                let first = self.v.mentions[m].tokens.start;
                let mut b = first;
                while b > end + 1 && matches!(self.word(b - 1), "the" | "a" | "an") {
                    b -= 1;
                }
                matches!(self.word(b - 1), ":" | "," | "and")
            });
        }
        if items.len() < 2 {
            return Vec::new();
        }
        items
    }

    /// The first word of the names that give examples of plural noun `w`
    /// after a comma ("four women, among them Ana Ruiz", "envoys, including
    /// Li Wei"): the words of set `EXAMPLE`, a pronoun after them, then a name.
    fn examples(&self, w: usize) -> Option<usize> {
        if self.mention_at[w].is_some() || self.v.upos[w] != "NOUN" || !self.plural(w) {
            return None;
        }
        let n = self.v.words.len();
        if w + 2 >= n || self.word(w + 1) != "," || !self.lex.in_set("EXAMPLE", self.word(w + 2)) {
            return None;
        }
        let mut j = w + 3;
        if j < n && self.v.upos[j] == "PRON" && self.mention_at[j].is_none() {
            j += 1;
        }
        (j < n && self.mention_at[j].is_some()).then_some(j)
    }

    /// The last of coordinated names before relative pronoun `w` (after a
    /// comma), where the clause's verb is in the singular ("A and B, who heads
    /// the team", "A and B, who is also a minister"): the word of that name's
    /// head, when it is a conjunct under antecedent `a` (itself or below it).
    /// A verb in the plural or one that shows no number ("who head", "who
    /// led") leaves the clause on all of them. Singular forms: set
    /// `SINGULAR` (is, was, has, does), and a verb's `-s` form.
    fn singular_last_conjunct(&self, w: usize, a: usize) -> Option<usize> {
        if w < 2 || self.word(w - 1) != "," || self.word(w) == "whose" {
            return None;
        }
        let last = self.slot_head(self.mention_at[w - 2]?);
        if last == a || self.label(last) != "conj" || !self.dominated_by(last, a) {
            return None;
        }
        // the clause's first verb or auxiliary, over adverbs ("who also heads")
        let n = self.v.words.len();
        let verb = (w + 1..n.min(w + 4))
            .take_while(|&t| matches!(self.v.upos[t].as_str(), "ADV" | "VERB" | "AUX"))
            .find(|&t| self.v.upos[t] != "ADV")?;
        let form = self.word(verb);
        let singular = self.lex.in_set("SINGULAR", form)
            || (self.v.upos[verb] == "VERB"
                && form.len() > 3
                && form.ends_with('s')
                && !form.ends_with("ss")
                && !form.ends_with("us"));
        singular.then_some(last)
    }

    /// Whether `a` is `t` or one of its ancestors.
    fn dominated_by(&self, t: usize, a: usize) -> bool {
        let mut c = Some(t);
        for _ in 0..self.v.words.len() {
            match c {
                Some(x) if x == a => return true,
                Some(x) => c = self.head(x),
                None => return false,
            }
        }
        false
    }

    /// The words a proxy noun ("delegation", "leaders") stands for: its
    /// possessor, a name modifying it, or its of/from phrase.
    fn proxy_targets(&self, w: usize) -> Vec<usize> {
        if let Some(p) = self.kids_labelled(w, &["nmod:poss"]).next() {
            return vec![p];
        }
        if let Some(c) = self.kids(w).iter().copied().find(|&c| {
            matches!(base(self.label(c)), "amod" | "compound") && self.mention_at[c].is_some()
        }) {
            return vec![c];
        }
        self.kids_labelled(w, &["nmod", "obl"])
            .filter(|&c| matches!(self.case(c), Some("of" | "from" | "for")))
            .take(1)
            .collect()
    }

    /// The title words of a relational noun: the modifiers left of it that
    /// name no mention ("deputy foreign minister").
    /// Whether word `w` is the of-phrase of a noun ("the government of
    /// President Jane Roe"): the text names what the titled person heads.
    /// (`title` is the title word itself: "Secretary of State Jane Roe" may be
    /// parsed with the name as its of-phrase.)
    fn of_a_noun(&self, w: usize, title: usize) -> bool {
        base(self.label(w)) == "nmod"
            && self.case(w) == Some("of")
            && self
                .head(w)
                .is_some_and(|h| h != title && self.v.upos[h] == "NOUN")
    }

    /// The first word of a person named right after title word `n`, the
    /// title's own of-phrase of names the gazetteer does not know in between
    /// ("Secretary of State Jane Roe", "Minister of Defence Ana Ruiz").
    fn person_after_title(&self, n: usize) -> Option<usize> {
        let len = self.v.words.len();
        let mut j = n + 1;
        if j < len && self.word(j) == "of" {
            j += 1;
            let start = j;
            // Names of a field ("State", "Defence"), not titles of their own
            // ("allies of President Jane Roe" is no title before her).
            while j < len
                && j < start + 3
                && self.v.upos[j] == "PROPN"
                && self.mention_at[j].is_none()
                && self.lex.entries(self.word(j)).is_empty()
            {
                j += 1;
            }

            if j == start {
                return None;
            }
        }
        let s = self.mention_at.get(j).copied().flatten()?;
        let slot = &self.v.mentions[s];
        (slot.person && slot.tokens.start == j).then_some(j)
    }

    /// The first word of the person named right before the comma that opens
    /// title `n` and its modifiers ("Ana Ruiz, a former leader of X").
    fn person_before_comma(&self, n: usize) -> Option<usize> {
        let mut j = self.title_span(n, 0).start;
        if j > 0 && self.v.upos[j - 1] == "DET" {
            j -= 1;
        }
        if j < 2 || self.word(j - 1) != "," {
            return None;
        }
        let slot = &self.v.mentions[self.mention_at[j - 2]?];
        (slot.person && slot.tokens.end == j - 1).then_some(slot.tokens.start)
    }

    /// Whether title word `n` is a plural ("leaders", "spokesmen").
    fn plural(&self, n: usize) -> bool {
        let w = self.word(n);
        w.ends_with('s') || w.ends_with("men")
    }

    /// The end of the title that starts at word `n`: after its of-phrase
    /// where a person follows it ("Secretary of State" in "Secretary of
    /// State Jane Roe"), else `n + 1`.
    fn title_end(&self, n: usize) -> usize {
        match self.person_after_title(n) {
            Some(t) if t > n + 1 => t,
            _ => n + 1,
        }
    }

    fn title_span(&self, n: usize, before: usize) -> Range<usize> {
        let mut start = n.saturating_sub(before);
        while start > 0 {
            let w = start - 1;
            let attached = self.head(w).is_some_and(|h| h >= start && h <= n + 1);
            if self.mention_at[w].is_some()
                || !attached
                || !matches!(
                    base(self.label(w)),
                    "amod" | "compound" | "flat" | "nmod" | "advmod"
                )
                || self.v.upos[w] == "PUNCT"
            {
                break;
            }
            start = w;
        }
        start..self.title_end(n)
    }
}

/// Whether an entry's multiword lemma is there around word `w`: the words
/// before it, and each word after it within two words ("took part") or hung
/// on it by the parse further along ("gave the rebels sanctuary": an object
/// between).
fn entry_fits(g: &Graph, w: usize, e: &Entry) -> bool {
    let n = g.v.words.len();
    before_fits(&g.v.words, w, e)
        && e.after.iter().enumerate().all(|(k, a)| {
            (w + 1 + k..(w + 3 + k).min(n)).any(|j| g.word(j) == a)
                || g.kids(w).iter().any(|&c| c > w && g.word(c) == a)
        })
}

/// Whether the words of entry `e`'s multiword predicate before it are there
/// before word `w`.
fn before_fits<W: AsRef<str>>(words: &[W], w: usize, e: &Entry) -> bool {
    e.before.len() <= w
        && e.before
            .iter()
            .enumerate()
            .all(|(k, b)| words[w - e.before.len() + k].as_ref() == b)
}

/// Whether entry `e` may fit at word `w` whatever the tree: [`entry_fits`]
/// without a parse, so each word that must follow may be anywhere after `w`
/// (the parse may hang it on `w` from any distance).
fn context_fits<W: AsRef<str>>(words: &[W], w: usize, e: &Entry) -> bool {
    before_fits(words, w, e)
        && e.after
            .iter()
            .all(|a| words[w + 1..].iter().any(|x| x.as_ref() == a))
}

fn pos_fits(g: &Graph, w: usize, pos: Pos, form: Form) -> bool {
    tag_fits(g.v.upos[w].as_str(), pos, form)
}

/// Whether a word with Universal tag `upos` can be a predicate of part of speech `pos`.
fn tag_fits(upos: &str, pos: Pos, form: Form) -> bool {
    match pos {
        Pos::Verb => upos == "VERB" || (form == Form::Participle && upos == "ADJ"),
        Pos::Noun => matches!(upos, "NOUN" | "PROPN"),
        Pos::List => false,
    }
}

/// Whether [`read`] could find a hit in a sentence of these words (normal
/// forms, as [`ParseView::words`]) with these Universal tags, whatever its
/// tree: every template starts at a predicate, a word that is a form of one
/// in the context its entry asks for and with a tag its part of speech
/// allows (the `counterpart` template's title is such a word too), except
/// a `list` frame's, which starts at a colon. Where this is false, [`read`]
/// finds nothing, so the sentence need not be parsed for the frames.
pub fn may_read<W: AsRef<str>, U: AsRef<str>>(lex: &Lexicon, words: &[W], upos: &[U]) -> bool {
    if words.len() != upos.len() {
        return true;
    }
    let lists = lex.frames().iter().any(|f| f.pos == Pos::List);
    if lists && words.iter().any(|w| w.as_ref() == ":") {
        return true;
    }
    (0..words.len()).any(|p| {
        lex.entries(words[p].as_ref()).iter().any(|e| {
            context_fits(words, p, e) && tag_fits(upos[p].as_ref(), lex.frame(e.frame).pos, e.form)
        })
    })
}

/// Whether `role` may be filled in a sentence of `words` (normal forms)
/// whatever its tree. A tree may hang any word on the predicate with any
/// label, so only what the role asks of the words themselves can fail: a
/// `PREP` role needs a case word `PREP` ([`Graph::prep`] keeps only phrases
/// whose case word it is), `ousted` a word of set `LEAVE_OFFICE` with its
/// particles among the words ([`Graph::ousted`] asks the same of one word
/// and the words hung on it). Every other role (agent, theme, holder, owner,
/// principal, recipient, whose indirect object may be any word) may always
/// be filled.
fn role_may_fill(lex: &Lexicon, words: &[&str], leave: &mut Option<bool>, role: &Role) -> bool {
    match role {
        Role::Prep(prep) => prep.contains(char::is_whitespace) || words.contains(&prep.as_str()),
        Role::Ousted => *leave.get_or_insert_with(|| lex.may_leave_office(words)),
        _ => true,
    }
}

/// The frames [`read`] could give a hit of in a sentence of these words
/// (normal forms) and Universal tags, whatever its tree, with whether the
/// hit's object may be a bare title's owner from the gazetteer (a noun
/// frame whose object is an owner or principal:
/// [`Hit::owner_from_gazetteer`]). A frame counts where a word is a form of
/// its predicate in the context its entry asks for ([`context_fits`]), with a
/// tag its part of speech allows (any tag, where `upos` is `None`: the
/// words are not tagged yet), and each of its ends has a role that may
/// be filled ([`role_may_fill`]); a `list` frame where there is a colon. A
/// `counterpart` hit is its title's frame, found at the title word the same
/// way. Frames are given once each, in lexicon order. (The answer reads no
/// mention, so it holds for any set of them: [`read`]'s skipping of a verb
/// inside a mention is not used, as a run over fewer mentions, discovery's,
/// would not skip it.)
pub(crate) fn frames_may_hit<W: AsRef<str>, U: AsRef<str>>(
    lex: &Lexicon,
    words: &[W],
    upos: Option<&[U]>,
) -> Vec<(usize, bool)> {
    let mut seen = vec![false; lex.frames().len()];
    let words: Vec<&str> = words.iter().map(AsRef::as_ref).collect();
    let words = words.as_slice();
    let mut leave = None;
    let colon = words.contains(&":");
    for (f, frame) in lex.frames().iter().enumerate() {
        if frame.pos == Pos::List && colon {
            seen[f] = true;
        }
    }
    for p in 0..words.len() {
        for e in lex.entries(words[p]) {
            if seen[e.frame] {
                continue;
            }
            let frame = lex.frame(e.frame);
            seen[e.frame] = context_fits(words, p, e)
                && upos.is_none_or(|u| tag_fits(u[p].as_ref(), frame.pos, e.form))
                && frame
                    .subj
                    .iter()
                    .any(|r| role_may_fill(lex, words, &mut leave, r))
                && frame
                    .obj
                    .iter()
                    .any(|r| role_may_fill(lex, words, &mut leave, r));
        }
    }
    seen.iter()
        .enumerate()
        .filter(|(_, &yes)| yes)
        .map(|(f, _)| {
            let frame = lex.frame(f);
            let gazetteer_owner = frame.pos == Pos::Noun
                && frame
                    .obj
                    .iter()
                    .any(|r| matches!(r, Role::Owner | Role::Principal));
            (f, gazetteer_owner)
        })
        .collect()
}

/// The words that fill `role` of predicate `p`.
fn fill(g: &Graph, p: usize, pos: Pos, form: Form, role: &Role) -> Fill {
    let mut f = Fill::default();
    match role {
        Role::Agent => {
            // "Norway-hosted talks": the name right before "-" and a participle.
            if form == Form::Participle && p >= 2 && g.word(p - 1) == "-" {
                if let Some(s) = g.mention_at[p - 2] {
                    if g.v.mentions[s].tokens.end == p - 1 {
                        f.steps.push("compound");
                        f.words.push(p - 2);
                        return f;
                    }
                }
            }
            g.agent(p, form, 0, &mut f)
        }
        Role::Theme => {
            if form == Form::Participle
                && p >= 2
                && g.word(p - 1) == "-"
                && g.mention_at[p - 2].is_some()
            {
                // The compound modifies the noun it is attached to, or the next word.
                let t = match g.head(p) {
                    Some(h) if h > p => h,
                    _ => p + 1,
                };
                if t < g.v.words.len() {
                    f.steps.push("compound");
                    f.words.push(t);
                }
                return f;
            }
            g.theme(p, form, &mut f)
        }
        Role::Holder => g.holder(p, &mut f),
        Role::Owner => g.owner(p, false, &mut f),
        Role::Principal => g.owner(p, true, &mut f),
        Role::Recipient => {
            // "gave the rebels sanctuary": the indirect object; "gave
            // sanctuary to the rebels": the to-phrase.
            f.words.extend(g.kids_labelled(p, &["iobj"]));
            if f.words.is_empty() {
                g.prep(p, "to", pos, &mut f);
            }
        }
        Role::Ousted => g.ousted(p, pos, &mut f),
        Role::Prep(prep) => g.prep(p, prep, pos, &mut f),
    }
    // "head of the UN's mission": a body of its own inside an actor (set
    // `BODY`) that a noun of set `HEAD_N` heads is led itself, as one a verb
    // of set `LED_BY` is done to is, and stands for no one here.
    if pos == Pos::Noun && g.lex.in_set("HEAD_N", g.word(p)) {
        f.words
            .retain(|&w| g.mention_at[w].is_some() || !g.lex.in_set("BODY", g.word(w)));
    }
    f
}

struct Ends {
    slots: Vec<usize>,
    steps: Vec<&'static str>,
    /// For each slot, the negation on the filler word that named it ("no
    /// delegation"; "not by the leaders but by the group" negates the leaders only).
    negated: Vec<Option<String>>,
}

fn ends(g: &Graph, p: usize, pos: Pos, form: Form, roles: &[Role]) -> Ends {
    for role in roles {
        let f = fill(g, p, pos, form, role);
        let mut slots = Vec::new();
        let mut negated = Vec::new();
        let mut steps = f.steps.clone();
        for &w in &f.words {
            // "without the Syrian President": the title itself as its holder
            // is still whose title it is, whatever the phrase's preposition.
            let own_title = pos == Pos::Noun && *role == Role::Holder && w == p;
            let neg = match g.negated(w).filter(|_| !own_title) {
                Some(n) => Some(n.to_string()),
                None => g
                    .lex
                    .in_set("NEG", g.word(w))
                    .then(|| g.word(w).to_string()),
            };
            // A title names the one person it precedes, not those coordinated with him.
            let conj = !f.steps.iter().any(|s| matches!(*s, "title" | "nearest"));
            let before = slots.len();
            g.mentions_of(w, 0, &mut slots, &mut steps, conj);
            // "includes four women, among them Ana Ruiz": the names given as
            // examples of a plural noun fill its role.
            if let Some(x) = g.examples(w).filter(|_| conj) {
                steps.push("example");
                g.mentions_of(x, 0, &mut slots, &mut steps, true);
            }
            // "signed by the contact group: Roe, Ruiz and Wei": the group and its
            // members do what the verb says (a noun's holder is one name, not a list).
            if pos == Pos::Verb && conj {
                let listed: Vec<usize> = slots[before..]
                    .iter()
                    .flat_map(|&s| g.colon_list(s))
                    .collect();
                if !listed.is_empty() && !steps.contains(&"list") {
                    steps.push("list");
                }
                for m in listed {
                    if !slots.contains(&m) {
                        slots.push(m);
                    }
                }
            }
            negated.resize(slots.len(), neg);
        }
        if !slots.is_empty() {
            return Ends {
                slots,
                steps,
                negated,
            };
        }
    }
    Ends {
        slots: Vec::new(),
        steps: Vec::new(),
        negated: Vec::new(),
    }
}

/// Read every frame of `lex` in one parsed sentence. Blocked hits are
/// returned too (with [`Hit::blocked`] set) so `explain` can show them.
pub fn read(lex: &Lexicon, view: &ParseView) -> Vec<Hit> {
    let g = Graph::new(view, lex);
    let mut out: Vec<Hit> = Vec::new();
    // Words that are the first words of a multiword noun found further on
    // ("secretary" of "secretary - general") are not predicates of their own.
    let mut inside = vec![false; view.words.len()];
    for p in 0..view.words.len() {
        for e in lex.entries(g.word(p)) {
            if !e.before.is_empty() && entry_fits(&g, p, e) {
                for w in inside.iter_mut().take(p).skip(p - e.before.len()) {
                    *w = true;
                }
            }
        }
    }
    for (p, &in_title) in inside.iter().enumerate() {
        if in_title {
            continue;
        }
        if g.mention_at[p].is_some() && !matches!(view.upos[p].as_str(), "NOUN" | "PROPN") {
            continue;
        }
        let entries = lex.entries(g.word(p));
        if entries.is_empty() {
            continue;
        }
        // The longest multiword noun that fits wins ("prime minister" over "minister").
        let fits: Vec<&Entry> = entries
            .iter()
            .filter(|e| entry_fits(&g, p, e) && pos_fits(&g, p, lex.frame(e.frame).pos, e.form))
            .collect();
        let longest = fits.iter().map(|e| e.before.len()).max().unwrap_or(0);
        for e in fits.into_iter().filter(|e| e.before.len() == longest) {
            read_frame(&g, p, e, &mut out);
        }
    }
    // "Russian President Jane Roe and his Chilean counterpart Ana Ruiz": a
    // noun of set COUNTERPART holds the nearest title before it, for the
    // owner that modifies it (template `counterpart`).
    for p in 0..view.words.len() {
        if !lex.in_set("COUNTERPART", g.word(p)) || view.upos[p] != "NOUN" {
            continue;
        }
        let titles = |q: usize| -> Vec<&Entry> {
            let fits: Vec<&Entry> = lex
                .entries(g.word(q))
                .iter()
                .filter(|e| lex.frame(e.frame).pos == Pos::Noun && entry_fits(&g, q, e))
                .filter(|e| pos_fits(&g, q, Pos::Noun, e.form))
                .collect();
            let longest = fits.iter().map(|e| e.before.len()).max().unwrap_or(0);
            fits.into_iter()
                .filter(|e| e.before.len() == longest)
                .collect()
        };
        let Some(q) = (0..p).rev().find(|&q| !inside[q] && !titles(q).is_empty()) else {
            continue;
        };
        for e in titles(q) {
            let role = g.title_span(q, e.before.len());
            let unless = &lex.frame(e.frame).unless;
            let modifier = role
                .clone()
                .chain(g.kids_labelled(q, &["amod", "compound", "advmod", "flat"]))
                .map(|w| g.word(w))
                .find(|w| unless.iter().any(|u| u == w))
                .map(|w| format!("modifier: {w}"));
            let own = Entry {
                before: Vec::new(),
                after: Vec::new(),
                ..e.clone()
            };
            let from = out.len();
            read_frame(&g, p, &own, &mut out);
            for hit in &mut out[from..] {
                hit.template = format!("counterpart+{}", hit.template);
                hit.role = Some(role.clone());
                if hit.blocked.is_none() {
                    hit.blocked = modifier.clone();
                }
            }
        }
    }
    for (f, frame) in lex.frames().iter().enumerate() {
        if frame.pos != Pos::List {
            continue;
        }
        for group in 0..view.mentions.len() {
            for member in g.colon_list(group) {
                out.push(Hit {
                    relation: frame.relation.clone(),
                    frame: f,
                    subj: member,
                    obj: group,
                    trigger: view.mentions[group].tokens.end,
                    role: None,
                    template: "list".into(),
                    modality: None,
                    blocked: None,
                    owner_from_gazetteer: false,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        (a.trigger, a.subj, a.obj, &a.relation).cmp(&(b.trigger, b.subj, b.obj, &b.relation))
    });
    out.dedup_by(|a, b| {
        (a.trigger, a.subj, a.obj, &a.relation) == (b.trigger, b.subj, b.obj, &b.relation)
    });
    out
}

fn read_frame(g: &Graph, p: usize, e: &Entry, out: &mut Vec<Hit>) {
    let frame = g.lex.frame(e.frame);
    let subj = ends(g, p, frame.pos, e.form, &frame.subj);
    if subj.slots.is_empty() {
        return;
    }
    let mut obj = ends(g, p, frame.pos, e.form, &frame.obj);
    // "Secretary of State Jane Roe" may be parsed with her as the title's
    // of-phrase: the person a title names is not also its owner.
    if frame.pos == Pos::Noun && subj.steps.contains(&"title") {
        let keep: Vec<bool> = obj.slots.iter().map(|o| !subj.slots.contains(o)).collect();
        let mut k = keep.iter();
        obj.slots.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        obj.negated.retain(|_| *k.next().unwrap_or(&true));
    }
    // A bare title before a name ("President Jane Roe said"): whose title it
    // is may be in the gazetteer's titles for the holder; the caller looks.
    // So is a bare title in an as-phrase ("replaced Jane Roe as chief negotiator").
    let owner_from_gazetteer = obj.slots.is_empty()
        && frame.pos == Pos::Noun
        && (subj.steps.contains(&"title") || subj.steps.contains(&"as"))
        && subj.slots.len() == 1
        && frame
            .obj
            .iter()
            .any(|r| matches!(r, Role::Owner | Role::Principal))
        && !g.of_a_noun(g.slot_head(subj.slots[0]), p);
    if owner_from_gazetteer {
        obj = Ends {
            slots: subj.slots.clone(),
            steps: vec!["gazetteer-title"],
            negated: subj.negated.clone(),
        };
    }
    if obj.slots.is_empty() {
        return;
    }
    // "without the Syrian President": a title is still whose it is; a
    // preposition that negates the noun's phrase does not negate the title.
    let holder = frame.pos == Pos::Noun && frame.subj.first() == Some(&Role::Holder);
    let (relation, modality, mut blocked) = governors(g, p, &frame.relation, holder);
    let role = (frame.pos == Pos::Noun).then(|| g.title_span(p, e.before.len()));
    if blocked.is_none() && !frame.unless.is_empty() {
        // The title's words, the predicate's own modifiers, and (for a title
        // before a name) the name's modifiers before the title.
        let mut words: Vec<usize> = role.clone().unwrap_or(p..p + 1).collect();
        words.extend(g.kids_labelled(p, &["amod", "compound", "advmod", "flat"]));
        if let (Some(h), "compound" | "flat" | "nmod") = (g.head(p), base(g.label(p))) {
            words.extend(
                g.kids_labelled(h, &["amod", "compound", "advmod"])
                    .filter(|&c| c < p),
            );
        }
        // "by former Kenyan President X" parsed with "former" on "by": the
        // word right before a title and the names that open it modifies the title.
        if let Some(r) = &role {
            let mut j = r.start;
            while j > 0 && g.mention_at[j - 1].is_some() {
                j -= 1;
            }
            if j > 0 {
                words.push(j - 1);
            }
        }
        // A verb's as-phrase, the part in which it holds ("attended the talks
        // as an observer"): the parser hangs it on the verb or on its object.
        if frame.pos == Pos::Verb {
            let holders: Vec<usize> = std::iter::once(p)
                .chain(g.kids_labelled(p, &["obj"]))
                .collect();
            for h in holders {
                words.extend(
                    g.kids_labelled(h, &["obl", "nmod"])
                        .filter(|&c| g.case(c) == Some("as")),
                );
            }
        }
        if let Some(w) = words
            .into_iter()
            .map(|w| g.word(w))
            .find(|w| frame.unless.iter().any(|u| u == w))
        {
            blocked = Some(format!("modifier: {w}"));
        }
    }
    let mut steps: Vec<&str> = Vec::new();
    for s in subj.steps.iter().chain(&obj.steps) {
        if !steps.contains(s) {
            steps.push(s);
        }
    }
    if !steps.iter().any(|s| {
        matches!(
            *s,
            "passive"
                | "participle"
                | "compound"
                | "apposition"
                | "title"
                | "copula"
                | "as"
                | "light-verb"
        )
    }) {
        steps.insert(
            0,
            if frame.pos == Pos::Verb {
                "active"
            } else {
                "noun"
            },
        );
    }
    let template = steps.join("+");
    // "A and B, the foreign ministers of Chile and Peru", "the Chilean and
    // Peruvian envoys, A and B": a plural title over coordinated owners
    // pairs holders and owners in order (respectively); where the counts
    // differ, no pair is sure. Titles only (`represents`, `leads`): allies
    // of two parties are allies of both.
    let respective = frame.pos == Pos::Noun
        && holder
        && !owner_from_gazetteer
        && matches!(frame.relation.as_str(), "represents" | "leads")
        && g.plural(p)
        && obj.slots.len() >= 2;
    let rank = |slots: &[usize], m: usize| {
        let start = g.v.mentions[m].tokens.start;
        slots
            .iter()
            .filter(|&&x| g.v.mentions[x].tokens.start < start)
            .count()
    };
    for (&s, sneg) in subj.slots.iter().zip(&subj.negated) {
        for (&o, oneg) in obj.slots.iter().zip(&obj.negated) {
            if s == o && !owner_from_gazetteer {
                continue;
            }
            let mut blocked = blocked.clone();
            if respective {
                if subj.slots.len() != obj.slots.len() {
                    blocked = blocked.or_else(|| {
                        Some(format!(
                            "respectively: {} holders, {} owners",
                            subj.slots.len(),
                            obj.slots.len()
                        ))
                    });
                } else if rank(&subj.slots, s) != rank(&obj.slots, o) {
                    continue;
                }
            }
            let blocked = blocked.or_else(|| {
                sneg.as_ref()
                    .or(oneg.as_ref())
                    .map(|w| format!("negation: {w}"))
            });
            out.push(Hit {
                relation: relation.clone(),
                frame: e.frame,
                subj: s,
                obj: o,
                trigger: p,
                role: role.clone(),
                template: template.clone(),
                modality: modality.clone(),
                blocked,
                owner_from_gazetteer,
            });
        }
    }
}

/// What the predicate's own modifiers and the verbs governing it say: the
/// relation (a `refuse` governor turns it), a modality, and a block.
fn governors(
    g: &Graph,
    p: usize,
    relation: &str,
    holder: bool,
) -> (String, Option<String>, Option<String>) {
    let mut relation = relation.to_string();
    let mut modality = None;
    // "sent no delegation": a negated object negates the predicate.
    for &o in g.kids(p) {
        if matches!(g.label(o), "obj" | "nsubj:pass") {
            if let Some(n) = g.negated(o) {
                return (relation, modality, Some(format!("negation: {n}")));
            }
        }
    }
    let mut at = p;
    for _ in 0..6 {
        for &c in g.kids(at) {
            if base(g.label(c)) == "aux" {
                if let Some(m) = g.lex.modality(g.word(c)) {
                    modality.get_or_insert_with(|| m.to_string());
                }
            }
        }
        let negation = if holder && at == p {
            g.kids(at)
                .iter()
                .filter(|&&c| base(g.label(c)) != "case")
                .map(|&c| g.word(c))
                .find(|w| g.lex.in_set("NEG", w))
        } else {
            g.negated(at)
        };
        if let Some(n) = negation {
            return (relation, modality, Some(format!("negation: {n}")));
        }
        if let Some(&m) = g
            .kids(at)
            .iter()
            .find(|&&c| base(g.label(c)) == "mark" && g.lex.in_set("IRREALIS", g.word(c)))
        {
            return (
                relation,
                modality,
                Some(format!("hypothetical: {}", g.word(m))),
            );
        }
        if at != p {
            if let Some(to) = g.lex.refusal(&relation, g.word(at)) {
                relation = to.to_string();
            } else if g.lex.is_block_governor(g.word(at)) {
                return (
                    relation,
                    modality,
                    Some(format!("governed by: {}", g.word(at))),
                );
            }
        }
        match (g.head(at), base(g.label(at))) {
            (Some(h), "xcomp") => at = h,
            _ => break,
        }
    }
    (relation, modality, None)
}

/// Why a relation between two sets of mentions was or was not read in one
/// sentence, closest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NearMiss {
    /// A hit joins them (it may be blocked; see [`Hit::blocked`]).
    Hit(Hit),
    /// A predicate of the relation reaches one end but not the other.
    OneEnd {
        /// The frame's name (`verb:host`).
        frame: String,
        /// The predicate word.
        word: String,
        /// Which end it reached (`subject` or `object`).
        reached: &'static str,
        /// The role that should have reached the other end, and what it reached instead.
        missing: String,
    },
    /// Predicates of the relation are there but reach neither end.
    NoPath {
        /// The predicate words.
        words: Vec<String>,
    },
    /// No word of the sentence is a predicate of the relation in the lexicon.
    NoPredicate,
}

impl fmt::Display for NearMiss {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NearMiss::Hit(h) => match &h.blocked {
                Some(b) => write!(f, "template {} matched but is blocked ({b})", h.template),
                None => write!(f, "template {} matched", h.template),
            },
            NearMiss::OneEnd { frame, word, reached, missing } => write!(
                f,
                "frame {frame} ({word:?}) reaches the {reached}, but {missing}"
            ),
            NearMiss::NoPath { words } => write!(
                f,
                "predicates {} are in the sentence, but no path in the parse joins them to either end",
                words.iter().map(|w| format!("{w:?}")).collect::<Vec<_>>().join(", ")
            ),
            NearMiss::NoPredicate => write!(f, "no predicate of this relation in the frame lexicon occurs in the sentence"),
        }
    }
}

/// The closest the frames came to `relation` from a mention in `subj` to one
/// in `obj` (indices into [`ParseView::mentions`]).
pub fn explain_pair(
    lex: &Lexicon,
    view: &ParseView,
    relation: &str,
    subj: &[usize],
    obj: &[usize],
) -> NearMiss {
    let hits = read(lex, view);
    let joins = |h: &&Hit| h.relation == relation && subj.contains(&h.subj) && obj.contains(&h.obj);
    if let Some(h) = hits
        .iter()
        .filter(joins)
        .min_by_key(|h| h.blocked.is_some())
    {
        return NearMiss::Hit(h.clone());
    }
    let g = Graph::new(view, lex);
    let mut words = Vec::new();
    for p in 0..view.words.len() {
        for e in lex.entries(g.word(p)) {
            let frame = lex.frame(e.frame);
            if frame.relation != relation
                || !entry_fits(&g, p, e)
                || !pos_fits(&g, p, frame.pos, e.form)
            {
                continue;
            }
            let s = ends(&g, p, frame.pos, e.form, &frame.subj);
            let o = ends(&g, p, frame.pos, e.form, &frame.obj);
            let names = |v: &[usize]| {
                if v.is_empty() {
                    "nothing".to_string()
                } else {
                    v.iter()
                        .map(|&i| view.mentions[i].name.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            };
            let roles = |r: &[Role]| r.iter().map(Role::name).collect::<Vec<_>>().join("|");
            let s_ok = s.slots.iter().any(|x| subj.contains(x));
            let o_ok = o.slots.iter().any(|x| obj.contains(x));
            if s_ok || o_ok {
                let (reached, role, got) = if s_ok {
                    ("subject", roles(&frame.obj), names(&o.slots))
                } else {
                    ("object", roles(&frame.subj), names(&s.slots))
                };
                return NearMiss::OneEnd {
                    frame: frame.name(),
                    word: g.word(p).to_string(),
                    reached,
                    missing: format!("its {role} reaches {got}"),
                };
            }
            words.push(g.word(p).to_string());
        }
    }
    if words.is_empty() {
        NearMiss::NoPredicate
    } else {
        words.dedup();
        NearMiss::NoPath { words }
    }
}
