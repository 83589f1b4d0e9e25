//! Coreference: one table of sentences written for the test (other names,
//! other stories than the seeds and the dev sets), each asserting the
//! antecedent of one pronoun, description, title or event noun by its span,
//! or that it has none; then the lexicon's loader, the evidence chain in the
//! relations and exports, and `kgx tag` / `kgx explain`.

use kgx::analysis::{Analysis, MentionKind, Origin};
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::{Pipeline, PipelineBuilder};
use kgx::stages::coref::lexicon::CorefLexicon;
use kgx::stages::relate::RuleSet;
use kgx::Document;

use crate::util::{kgx, scratch, stdout};

/// Entities of stories unlike the seeds': a Lima summit, Bogota talks, an Oslo accord.
const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "Peru"
demonyms = ["Peruvian"]
[[entity]]
type = "Country"
name = "Chile"
demonyms = ["Chilean"]
[[entity]]
type = "Country"
name = "Norway"
demonyms = ["Norwegian"]
[[entity]]
type = "Country"
name = "Kenya"
demonyms = ["Kenyan"]
[[entity]]
type = "Place"
subtype = "City"
name = "Lima"
country = "peru"
[[entity]]
type = "Place"
subtype = "City"
name = "Bogota"
[[entity]]
type = "Person"
name = "Tomas Berg"
[[entity]]
type = "Person"
name = "Rafael Ortiz"
country = "peru"
titles = ["Peruvian President"]
[[entity]]
type = "Person"
name = "Lena Vogt"
[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Northern Front"
aliases = ["rebel fighters"]
[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Southern Alliance"
[[entity]]
type = "Organization"
subtype = "Media"
name = "Andes Daily"
[[entity]]
type = "Organization"
subtype = "Government"
name = "Peruvian government"
country = "peru"
[[entity]]
type = "Organization"
name = "Lakeside Monitoring Mission"
[[entity]]
type = "Organization"
subtype = "Armed forces"
name = "Coastal Defence Forces"
references = ["the army"]
[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Harbour Support Forces"
references = ["the militia", "paramilitary force"]
[[entity]]
type = "Event"
subtype = "Summit"
name = "Lima summit"
country = "peru"
[[entity]]
type = "Event"
subtype = "Talks"
name = "Bogota talks"
[[entity]]
type = "Event"
subtype = "Agreement"
name = "Oslo accord"
"#;

const RULES: &str = "
relation spoke_to Person -> Organization/Media
relation attends Actor -> Event
rule told spoke_to: {subj:Person} <told> (the)? {obj:Organization/Media}
rule attend attends: {subj:Actor} <(attended | joined)> (the)? {obj:Event}
relation represents Person -> Actor
rule rep represents: {obj:Country} 's? <role: ambassador> ,? {subj:Person}
    unless: its | their
";

fn pipeline() -> Pipeline {
    let gaz = Gazetteer::from_toml_str("coref-test.toml", GAZ).expect("test gazetteer");
    let rules = RuleSet::from_str("coref-test.rules", RULES).expect("test rules");
    PipelineBuilder::new(gaz).rules(rules).build()
}

/// One case: the text, the anaphor (its text and which occurrence, from 0),
/// and the text of the name it must resolve to (None: no link).
struct Case {
    name: &'static str,
    text: &'static str,
    anaphor: (&'static str, usize),
    antecedent: Option<(&'static str, usize)>,
}

const fn case(
    name: &'static str,
    text: &'static str,
    anaphor: (&'static str, usize),
    antecedent: Option<(&'static str, usize)>,
) -> Case {
    Case {
        name,
        text,
        anaphor,
        antecedent,
    }
}

const CASES: &[Case] = &[
    // Pronouns.
    case(
        "he: the subject of the sentence before",
        "Tomas Berg met Rafael Ortiz in Bogota. He said the meeting went well.",
        ("He", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "he: two people, neither the subject, no link",
        "The rain kept Tomas Berg and Rafael Ortiz indoors. He said little.",
        ("He", 0),
        None,
    ),
    case(
        "she: gender shown by a title, over a nearer man",
        "Ms Lena Vogt said Tomas Berg would come, and she added that Peru agreed.",
        ("she", 0),
        Some(("Lena Vogt", 0)),
    ),
    case(
        "he: the woman is ruled out by gender",
        "Ms Lena Vogt said Tomas Berg would come, and he added that Peru agreed.",
        ("he", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "it: the speaker of 'X said it'",
        "Norway said it would send a delegation to Lima.",
        ("it", 0),
        Some(("Norway", 0)),
    ),
    case(
        "it: an unknown speaker, the country in the relative clause is a place",
        "The Sindh Council, which meets in Norway, said it would send a delegation.",
        ("it", 0),
        None,
    ),
    case(
        "its: never a mention inside a quotation",
        "\"Kenya has paid,\" an official said. Its share was small.",
        ("Its", 0),
        None,
    ),
    case(
        "he: after a quotation, its speaker",
        "Tomas Berg said the vote was fair. \"We will sign,\" he told the Andes Daily.",
        ("he", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "they: a plural organisation",
        "The rebel fighters said they would join the Bogota talks.",
        ("they", 0),
        Some(("rebel fighters", 0)),
    ),
    case(
        "it: singular pronoun, plural speaker, no link",
        "The rebel fighters said it would rain in Bogota.",
        ("it", 0),
        None,
    ),
    case(
        "their: a coordinated list is a set, not one of its members",
        "Chile and Kenya sent envoys. Norway welcomed Chile and Kenya, praising their courage.",
        ("their", 0),
        None,
    ),
    case(
        "he: never across two paragraph breaks",
        "Tomas Berg spoke first.\n\nThe hall was cold.\n\nHe left early.",
        ("He", 0),
        None,
    ),
    case(
        "it: an object pronoun is not the subject of its own clause",
        "Norway denied it on Monday.",
        ("it", 0),
        None,
    ),
    case(
        "him: the subject of another clause",
        "Tomas Berg said that the rebel fighters had threatened him.",
        ("him", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "it: expletive",
        "It is clear that Norway will attend.",
        ("It", 0),
        None,
    ),
    // Descriptions.
    case(
        "the faction: an armed group by its subtype",
        "The Northern Front rejected the plan on Monday. The faction said the vote was rigged.",
        ("The faction", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "the faction: after 'said that', the phrase starts at 'the'",
        "The Northern Front met on Monday. Its envoy said that the faction would sign.",
        ("the faction", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "the group: another, unknown group named in between",
        "The Northern Front rejected the plan. The smaller Delta group accepted it. The group said so.",
        ("The group", 0),
        None,
    ),
    case(
        "the group's: a possessor inside a person's appositive",
        "The Northern Front rejected the plan. Its team is led by Tomas Berg, the group's chief judge.",
        ("the group", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "the group: an appositive of its own (no possessor) names its own holder",
        "The Northern Front rejected the plan. Tomas Berg met the Southern Alliance, the group that holds Bogota.",
        ("the group", 0),
        None,
    ),
    case(
        "the group's: two armed groups equally near, no link",
        "Lena Vogt met the Northern Front and the Southern Alliance. Tomas Berg, the group's chief judge, spoke.",
        ("the group", 0),
        None,
    ),
    case(
        "the group's: no organisation answers to the head",
        "Kenya and the Andes Daily met. Tomas Berg, the group's chief judge, spoke.",
        ("the group", 0),
        None,
    ),
    case(
        "the envoy: a person the text calls envoy",
        "UN envoy Tomas Berg arrived in Lima on Monday. The envoy met Peru's foreign minister.",
        ("The envoy", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "the envoy: nobody was called one",
        "Tomas Berg and Lena Vogt arrived in Lima. The envoy met the press.",
        ("The envoy", 0),
        None,
    ),
    case(
        "a title before its name is not an anaphor",
        "Rafael Ortiz spoke. The envoy Tomas Berg answered.",
        ("envoy", 0),
        None,
    ),
    // Titles standing alone.
    case(
        "Peru's president: the holder the gazetteer gives",
        "Rafael Ortiz opened the Lima summit. Later, Peru's president said the summit had ended.",
        ("president", 0),
        Some(("Rafael Ortiz", 0)),
    ),
    case(
        "Chile's president: no holder known",
        "Rafael Ortiz opened the Lima summit. Later, Chile's president said the summit had ended.",
        ("president", 0),
        None,
    ),
    case(
        "Peru's president before any name: its one holder named just after",
        "Peru's president said on Monday that the summit would go ahead. Rafael Ortiz spoke in Lima.",
        ("president", 0),
        Some(("Rafael Ortiz", 0)),
    ),
    case(
        "Peru's president before any name: two holders named after, no link",
        "Peru's president said on Monday that the summit would go ahead. Rafael Ortiz and \
         Peruvian President Tomas Berg spoke in Lima.",
        ("president", 0),
        None,
    ),
    case(
        "Peru's president before any name: the holder too far on, no link",
        "Peru's president said the summit would go ahead. Rain fell. The roads closed. \
         The shops shut. Rafael Ortiz spoke in Lima.",
        ("president", 0),
        None,
    ),
    case(
        "the envoy before any name: no country, no looking ahead",
        "The envoy said the summit would go ahead. Tomas Berg, the envoy of Peru, spoke in Lima.",
        ("The envoy", 0),
        None,
    ),
    // A name holding the head word: "the mission" for "... Monitoring Mission".
    case(
        "the mission: the organisation whose name holds the word, as a possessor",
        "Monitors from the Lakeside Monitoring Mission crossed the river. The mission's chief, \
         Lena Vogt, said the road was open.",
        ("The mission", 0),
        Some(("Lakeside Monitoring Mission", 0)),
    ),
    case(
        "the mission: a group whose name and subtype are no mission, no link",
        "The Northern Front crossed the river. The mission's chief, Lena Vogt, said the road was open.",
        ("The mission", 0),
        None,
    ),
    // "his government": the government of the person's country.
    case(
        "his government: the one government of his country, named before",
        "The Peruvian government met in Lima on Monday. Rafael Ortiz said his government would \
         sign the Oslo accord.",
        ("government", 1),
        Some(("Peruvian government", 0)),
    ),
    case(
        "its government: the government of that country",
        "The Peruvian government met in Lima on Monday. Peru said its government would sign.",
        ("government", 1),
        Some(("Peruvian government", 0)),
    ),
    case(
        "his government: a person with no country, no link",
        "The Peruvian government met in Lima on Monday. Tomas Berg said his government would \
         sign the Oslo accord.",
        ("government", 1),
        None,
    ),
    case(
        "his government: the government never named, no link",
        "Rafael Ortiz said his government would sign the Oslo accord.",
        ("government", 0),
        None,
    ),
    // Events.
    case(
        "the meeting: the talks in focus",
        "Chile hosted the Bogota talks on Monday. Kenya said the meeting was useful.",
        ("the meeting", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the agreement: talks are no agreement",
        "Chile hosted the Bogota talks on Monday. Kenya said the agreement was useful.",
        ("the agreement", 0),
        None,
    ),
    case(
        "the agreement: the accord, not the summit named since",
        "Norway signed the Oslo accord. The Lima summit opened later. Peru praised the agreement.",
        ("the agreement", 0),
        Some(("Oslo accord", 0)),
    ),
    case(
        "the opening session: a head word before another head modifies it",
        "Chile hosted the Bogota talks on Monday. Kenya told the opening session that peace mattered.",
        ("the opening session", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the opening: a head word standing alone is the head",
        "Chile hosted the Bogota talks on Monday. Kenya flew in for the opening.",
        ("the opening", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the meeting in Lima: the event held there",
        "The Lima summit opened. The Bogota talks opened too. Kenya left the meeting in Lima early.",
        ("the meeting", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "the talks: a second event of the kind in the same sentence, no link",
        "Both the Bogota talks and the Lima summit opened on Monday. Kenya said the talks were long.",
        ("the talks", 0),
        None,
    ),
    case(
        "the talks: too far back, another event since",
        "The Bogota talks began. Norway spoke. Peru spoke. Chile spoke. Norway signed the Oslo accord. \
         Kenya spoke. Kenya left the talks.",
        ("the talks", 0),
        None,
    ),
    // Round 16 (events16): the modifiers reporters write before an event noun.
    case(
        "the two-day meeting: a hyphenated modifier is one modifier",
        "Chile hosted the Bogota talks on Monday. Kenya said the two-day meeting was useful.",
        ("the two-day meeting", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the first high-level session: two modifiers, one hyphenated",
        "Chile hosted the Bogota talks on Monday. Kenya left the first high-level session early.",
        ("the first high-level session", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the Chile-hosted talks: the participle after an actor's hyphen is outside the noun",
        "The Bogota talks opened on Monday. Kenya praised the Chile-hosted talks.",
        ("talks", 1),
        Some(("Bogota talks", 0)),
    ),
    case(
        "Friday's talks: a day's 's opens an event noun",
        "Chile hosted the Bogota talks on Monday. Kenya said Friday's talks were useful.",
        ("Friday's talks", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "last week's meeting: so does a week's",
        "Chile hosted the Bogota talks on Monday. Kenya said last week's meeting was useful.",
        ("week's meeting", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "Tomas Berg's meeting: a person's 's is no determiner, no link",
        "Chile hosted the Bogota talks on Monday. Kenya said Tomas Berg's meeting was useful.",
        ("meeting", 0),
        None,
    ),
    case(
        "Friday's agreement: a day's 's, but no agreement named, no link",
        "Chile hosted the Bogota talks on Monday. Kenya said Friday's agreement was useful.",
        ("agreement", 0),
        None,
    ),
    case(
        "the Lima meeting: a place modifier, the event held there",
        "The Bogota talks opened. The Lima summit opened too. Kenya left the Lima meeting early.",
        ("meeting", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "the Bogota round: the place the event's own name names",
        "The Bogota talks opened on Monday. Kenya left the Bogota round early.",
        ("round", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "the Bogota meeting: the event in focus is held elsewhere, no link",
        "The Lima summit opened on Monday. Kenya left the Bogota meeting early.",
        ("meeting", 0),
        None,
    ),
    case(
        "the Lima meeting: an event not known to be held there, no link",
        "The Bogota talks opened on Monday. Kenya left the Lima meeting early.",
        ("meeting", 0),
        None,
    ),
    case(
        "there: the meeting in focus",
        "Delegates reached the Lima summit on Monday. Kenya sent a minister there.",
        ("there", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "there: existential",
        "Delegates reached the Lima summit on Monday. There is no deal yet.",
        ("There", 0),
        None,
    ),
    case(
        "there: existential after a modal (\"there should be\")",
        "Delegates reached the Lima summit on Monday. Kenya told them there should be no winners.",
        ("there", 0),
        None,
    ),
    case(
        "there: a place after a modal that is not \"be\"",
        "Delegates reached the Lima summit on Monday. Kenya said its minister should go there.",
        ("there", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "there: an agreement is no place",
        "Norway signed the Oslo accord on Monday. Kenya sent a minister there.",
        ("there", 0),
        None,
    ),
    // "we", "our" inside a quotation: the speaker's side.
    case(
        "we: the organisation of the speaker's appositive",
        "\u{201c}We will sign the Oslo accord,\u{201d} Rafael Ortiz, a spokesman for the Northern Front, said.",
        ("We", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "our: the speaker is a country",
        "\u{201c}Our troops will stay,\u{201d} Chile said on Monday.",
        ("Our", 0),
        Some(("Chile", 0)),
    ),
    case(
        "we: the speaker before the quotation",
        "Kenya said: \u{201c}We want the Lima summit to succeed.\u{201d}",
        ("We", 0),
        Some(("Kenya", 0)),
    ),
    case(
        "we: the country of the speaker's title",
        "\u{201c}We are ready,\u{201d} Chilean envoy Tomas Berg said.",
        ("We", 0),
        Some(("Chilean", 0)),
    ),
    case(
        "we: a quotation continuing one in its paragraph has its speaker",
        "\u{201c}We have one aim,\u{201d} Tomas Berg, a spokesman for the Northern Front, told the \
         Andes Daily. \u{201c}That is why we came to Lima.\u{201d}",
        ("we", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "we: a quotation in the next paragraph does not continue it, no link",
        "\u{201c}We have one aim,\u{201d} Tomas Berg, a spokesman for the Northern Front, told the \
         Andes Daily.\n\n\u{201c}That is why we came to Lima.\u{201d}",
        ("we", 0),
        None,
    ),
    case(
        "we: a following quotation with its own speaker is that speaker's",
        "\u{201c}We have one aim,\u{201d} Tomas Berg, a spokesman for the Northern Front, told the \
         Andes Daily. \u{201c}We stay,\u{201d} Chile said.",
        ("We", 1),
        Some(("Chile", 0)),
    ),
    case(
        "we: no named speaker, no link",
        "\u{201c}We will come to Lima,\u{201d} a spokesman for the government said.",
        ("We", 0),
        None,
    ),
    case(
        "we: a speaker with two sides, no link",
        "\u{201c}We agree,\u{201d} Tomas Berg, an envoy of Peru and Chile, said.",
        ("We", 0),
        None,
    ),
    case(
        "we: outside a quotation, no link",
        "We will see whether Chile comes, Tomas Berg said.",
        ("We", 0),
        None,
    ),
    // Relative pronouns: the name right before.
    case(
        "who: the name before the comma",
        "Tomas Berg, who landed in Lima on Sunday, met Rafael Ortiz.",
        ("who", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "who: the appositive's name, not the title's country before it",
        "Peru's ambassador, Rafael Ortiz, who spoke first, left early.",
        ("who", 0),
        Some(("Rafael Ortiz", 0)),
    ),
    case(
        "who: a name inside a prepositional phrase is not what it means",
        "A spokesman for the Northern Front, who asked not to be named, denied the report.",
        ("who", 0),
        None,
    ),
    case(
        "who: after a coordinated pair, a set: no link",
        "Tomas Berg and Rafael Ortiz, who met in Lima, agreed on a date.",
        ("who", 0),
        None,
    ),
    case(
        "who: a country is not a who",
        "Ms Lena Vogt visited Chile, who had sent no one.",
        ("who", 0),
        None,
    ),
    // Salience by role: a pronoun reaches the sentence before to its subject,
    // then to the agent of a passive.
    case(
        "he: the agent of a passive in the sentence before",
        "The Northern Front will be led by Tomas Berg. He arrived in Lima on Monday.",
        ("He", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "he: an '-ed' participle's agent, with a title before the name",
        "The Peruvian team was headed by special envoy Tomas Berg. He spoke first.",
        ("He", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "he: the subject before the agent",
        "Tomas Berg was welcomed by Rafael Ortiz. He thanked the Andes Daily.",
        ("He", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "he: 'by' after a noun is no passive, no link",
        "The Northern Front was praised in a letter by Tomas Berg. He arrived in Lima.",
        ("He", 0),
        None,
    ),
    case(
        "he: a reduced relative's agent ('a statement signed by X') is no antecedent",
        "The Northern Front issued a statement signed by Tomas Berg. He arrived in Lima.",
        ("He", 0),
        None,
    ),
    case(
        "he: a pair of agents, no link",
        "The Northern Front will be led by Tomas Berg and Rafael Ortiz. He arrived in Lima.",
        ("He", 0),
        None,
    ),
    // "there"/"here": the event the text writes as a place; a quotation is one unit.
    case(
        "there: of two events in the sentence before, the one written as a place",
        "Rafael Ortiz, who mediated the Bogota talks, flew on to the Lima summit. Tomas Berg joined him there.",
        ("there", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "there: two events both written as places, no link",
        "Rafael Ortiz flew from the Bogota talks to the Lima summit. Tomas Berg joined him there.",
        ("there", 0),
        None,
    ),
    case(
        "here: three sentences into a quotation, counted from its start",
        "Peru sent Tomas Berg to the Lima summit. \"It is a first step. It is not the last. It will take years. That is why we came here,\" he said.",
        ("here", 0),
        Some(("Lima summit", 0)),
    ),
    case(
        "here: as far outside a quotation, beyond reach",
        "Peru sent Tomas Berg to the Lima summit. He called it a first step. It was not the last. It would take years. Many came here.",
        ("here", 0),
        None,
    ),
    case(
        "which: a country",
        "Norway, which brokered the Oslo accord, sent Lena Vogt to Lima.",
        ("which", 0),
        Some(("Norway", 0)),
    ),
    case(
        "which: an event",
        "Chile joined the Bogota talks, which Kenya hosted.",
        ("which", 0),
        Some(("Bogota talks", 0)),
    ),
    case(
        "which: a person is not a which",
        "Kenya sent Lena Vogt, which surprised Peru.",
        ("which", 0),
        None,
    ),
    case(
        "which: a word between the name and the pronoun",
        "Norway signed the Oslo accord in a hurry, which surprised Peru.",
        ("which", 0),
        None,
    ),
    // A capitalised title word is no unknown name; an unknown name still is.
    case(
        "its: 'whose President X' between the subject and the pronoun",
        "Chile, whose President Rafael Ortiz is a rival of the Northern Front, has not commented. Its envoys left Lima.",
        ("Its", 0),
        Some(("Chile", 0)),
    ),
    case(
        "its: an unknown name after the title still blocks",
        "Chile, whose President Marco Ruiz is a rival of the Northern Front, has not commented. Its envoys left Lima.",
        ("Its", 0),
        None,
    ),
    // An organisation modifying a title before a name: the person heads the subject.
    case(
        "he: 'Front commander X' is the subject, not the Front",
        "Northern Front commander Tomas Berg has rejected the Oslo accord. In an interview with Andes Daily, he said the talks were over.",
        ("he", 0),
        Some(("Tomas Berg", 0)),
    ),
    case(
        "it: the organisation before the title is no subject",
        "Northern Front commander Tomas Berg has rejected the Oslo accord. It said the talks were over.",
        ("It", 0),
        None,
    ),
    case(
        "he: a person after the organisation's verb is its object",
        "The Northern Front accused Tomas Berg of lying. He said nothing.",
        ("He", 0),
        None,
    ),
    // An introductory phrase's place before the comma is no appositive holder.
    case(
        "the group: after 'In the town of Lima,'",
        "The Northern Front rejected the Oslo accord. In the border town of Lima, the group attacked a police post.",
        ("the group", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "the group: an appositive of an organisation names its own holder",
        "The Northern Front rejected the Oslo accord. Kenya met the Southern Alliance, the group that signed it.",
        ("the group", 0),
        None,
    ),
    case(
        "the group: an unknown name before the comma is its holder",
        "The Northern Front rejected the Oslo accord. Kenya wrote to Delta Watch, the group that monitors it.",
        ("the group", 0),
        None,
    ),
    case(
        "the group: a day before the comma is no holder",
        "The Northern Front rejected the Oslo accord. On Monday, the group left Lima.",
        ("the group", 0),
        Some(("Northern Front", 0)),
    ),
    // "to" after a head: an infinitive, not a role's complement.
    case(
        "the group: before an infinitive",
        "The Northern Front rejected the Oslo accord. Peru feared the truce would allow the group to grow.",
        ("the group", 0),
        Some(("Northern Front", 0)),
    ),
    case(
        "the envoy: 'to' with a name is the role's complement",
        "Kenya sent envoy Tomas Berg to Lima. The envoy to Peru arrived on Monday.",
        ("The envoy", 0),
        None,
    ),
    // A lower-case reference tells its own number; a name's last word does not.
    case(
        "it: 'the army' of the Coastal Defence Forces is singular",
        "The Coastal Defence Forces met Kenya. The army rejected the Oslo accord. It said the talks were over.",
        ("It", 0),
        Some(("army", 0)),
    ),
    case(
        "it: the Coastal Defence Forces by name are plural",
        "The Coastal Defence Forces rejected the Oslo accord. It said the talks were over.",
        ("It", 0),
        None,
    ),
    case(
        "its: the army and the outlet in one clause tie",
        "Kenya thanked the Coastal Defence Forces. Tomas Berg told Andes Daily that the army would honour its commitments.",
        ("its", 0),
        None,
    ),
    case(
        "its: 'the group' of the Harbour Support Forces is singular",
        "The Harbour Support Forces rejected the Oslo accord. Tomas Berg said the group would keep its weapons.",
        ("its", 0),
        Some(("Harbour Support Forces", 0)),
    ),
    // A description left unresolved between may be what the pronoun means.
    case(
        "its: an unresolved 'the group' between the subject and the pronoun",
        "Peru warned that the accord could allow the group to expand its territory.",
        ("its", 0),
        None,
    ),
    case(
        "its: an unresolved plural description does not block a singular pronoun",
        "Peru warned that the accord could allow the rebels to expand its territory.",
        ("its", 0),
        Some(("Peru", 0)),
    ),
    // The first actor of the pronoun's own clause.
    case(
        "his: the subject of the clause after 'that' is another person",
        "Tomas Berg told Andes Daily that Peruvian President Rafael Ortiz should use his influence.",
        ("his", 0),
        None,
    ),
    case(
        "its: the subject of the clause is the one chosen",
        "Peru told Andes Daily that it would send its envoy.",
        ("its", 0),
        Some(("Peru", 0)),
    ),
    case(
        "it: an appositive past a bracketed acronym names its own holder",
        "The Northern Front (NF), the group that holds Lima, has not replied. Under the Oslo accord it must leave.",
        ("it", 0),
        Some(("Northern Front", 0)),
    ),
    // The speaker of the clause the pronoun is reported in.
    case(
        "its: another speaker before the pronoun, no link",
        "The Coastal Defence Forces met Kenya. The army accused the Southern Alliance of looting, while the group said army units had struck its positions.",
        ("its", 0),
        None,
    ),
    case(
        "its: the speaker is the subject",
        "Peru said Chile had broken the Oslo accord and would lose its seat.",
        ("its", 0),
        Some(("Peru", 0)),
    ),
];

/// The byte span of the `n`-th occurrence of `needle` in `text` as whole words.
fn nth(text: &str, needle: &str, n: usize) -> (usize, usize) {
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let start = text
        .match_indices(needle)
        .filter(|(i, _)| {
            !word(text[..*i].chars().next_back()) && !word(text[i + needle.len()..].chars().next())
        })
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in {text:?}"))
        .0;
    (start, start + needle.len())
}

/// The coreference mention covering `span`, with its chain's last span (the name).
fn resolved(a: &Analysis, span: (usize, usize)) -> Option<(usize, usize)> {
    let (i, m) = a.mentions.iter().enumerate().find(|(_, m)| {
        m.origin == Origin::Coreference && m.span.start < span.1 && span.0 < m.span.end
    })?;
    assert_eq!(
        (m.span.start, m.span.end),
        span,
        "the anaphor's mention is exactly its words"
    );
    assert!(
        matches!(m.kind, MentionKind::Pronoun | MentionKind::Description),
        "a coreference mention is a pronoun or a description: {m:?}"
    );
    let (entity, chain) = a.referent(i).expect("a coreference mention has a link");
    let root = &a.mentions[*chain.last().expect("a chain")];
    assert_eq!(
        root.entity,
        Some(entity),
        "the chain ends at the same entity"
    );
    assert_ne!(root.origin, Origin::Coreference, "the chain ends at a name");
    Some((root.span.start, root.span.end))
}

#[test]
fn coreference_table() {
    let p = pipeline();
    let mut failures = Vec::new();
    for c in CASES {
        let doc = Document::new("t", c.text);
        let a = p.extract(&doc);
        let anaphor = nth(c.text, c.anaphor.0, c.anaphor.1);
        let want = c.antecedent.map(|(t, n)| nth(c.text, t, n));
        let got = resolved(&a, anaphor);
        if got != want {
            let show = |s: Option<(usize, usize)>| s.map(|(a, b)| &c.text[a..b]);
            failures.push(format!(
                "{}: {:?} in {:?}: want {:?}, got {:?}",
                c.name,
                c.anaphor.0,
                c.text,
                show(want),
                show(got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The table holds links and their absence.
    let positive = CASES.iter().filter(|c| c.antecedent.is_some()).count();
    assert!(positive >= 10 && CASES.len() - positive >= 10);
}

/// Without the stage, none of the table's anaphors is a mention.
#[test]
fn coreference_off_adds_nothing() {
    let gaz = Gazetteer::from_toml_str("coref-test.toml", GAZ).unwrap();
    let p = PipelineBuilder::new(gaz).coref(None).build();
    for c in CASES {
        let a = p.extract(&Document::new("t", c.text));
        assert!(a.links.is_empty(), "{}", c.name);
        assert!(
            a.mentions.iter().all(|m| m.origin != Origin::Coreference),
            "{}",
            c.name
        );
    }
}

#[test]
fn coreference_edge_carries_the_chain() {
    let p = pipeline();
    let text = "Tomas Berg arrived in Lima. He told the Andes Daily that Peru was ready.";
    let doc = Document::new("t", text);
    let a = p.extract(&doc);
    let r = a
        .relations
        .iter()
        .find(|r| r.relation == "spoke_to")
        .expect("spoke_to through the pronoun");
    let he = nth(text, "He", 0);
    assert_eq!(r.evidence.subject_span, he);
    assert_eq!(r.evidence.subject_chain, vec![nth(text, "Tomas Berg", 0)]);
    assert!(r.evidence.object_chain.is_empty());
    // The name's node counts the name, not the pronoun.
    let mut g = kgx::graph::GraphBuilder::new();
    p.add_to_graph(&doc, &a, &mut g, false);
    let g = g.build();
    let node = g.node("tomas-berg").expect("node");
    assert_eq!(node.mentions, 1);
    assert!(!node.aliases_seen.iter().any(|s| s == "He"));
    // The JSON evidence every scalar format writes carries the chain.
    let (_, _, edge) = g.edges().next().expect("an edge");
    let ev: serde_json::Value =
        serde_json::from_str(&kgx::export::evidence_json(edge)).expect("evidence is JSON");
    assert_eq!(
        ev[0]["subject_chain"],
        serde_json::json!([[nth(text, "Tomas Berg", 0).0, nth(text, "Tomas Berg", 0).1]])
    );
    assert!(ev[0].get("object_chain").is_none());
}

#[test]
fn coreference_event_object_carries_the_chain() {
    let p = pipeline();
    let text = "Chile hosted the Bogota talks. Kenya joined the meeting on Monday.";
    let a = p.extract(&Document::new("t", text));
    let r = a
        .relations
        .iter()
        .find(|r| r.relation == "attends")
        .expect("attends through the event noun");
    assert_eq!(r.evidence.object_span, nth(text, "the meeting", 0));
    assert_eq!(r.evidence.object_chain, vec![nth(text, "Bogota talks", 0)]);
}

/// One set phrase case: its name, the text, the phrase (text, occurrence)
/// and the names of the members it must stand for (empty: no link).
type SetCase = (
    &'static str,
    &'static str,
    (&'static str, usize),
    &'static [&'static str],
);

const SET_CASES: &[SetCase] = &[
    (
        "the two sides: the pair before",
        "Peru and Chile met in Lima on Monday. The two sides agreed to meet again.",
        ("The two sides", 0),
        &["Peru", "Chile"],
    ),
    (
        "both sides: a pair with determiners",
        "The Northern Front and the Southern Alliance sent envoys. Kenya urged both sides to talk.",
        ("both sides", 0),
        &["Northern Front", "Southern Alliance"],
    ),
    (
        "the two sides: a list of three is not two",
        "Peru, Chile and Kenya met in Lima. The two sides agreed to meet again.",
        ("The two sides", 0),
        &[],
    ),
    (
        "the guarantors: the labelled list over a nearer one",
        "Guarantors Norway and Kenya watched. Peru and Chile signed. The guarantors left.",
        ("The guarantors", 0),
        &["Norway", "Kenya"],
    ),
    (
        "the two sides: alternatives are no set",
        "Peru or Chile will host the summit. The two sides have not said which.",
        ("The two sides", 0),
        &[],
    ),
    (
        "the two sides: two pairs in one sentence tie",
        "Peru and Chile spoke while Norway and Kenya listened. The two sides then left.",
        ("The two sides", 0),
        &[],
    ),
    (
        "the two sides: a person and a country are no set of sides",
        "Tomas Berg and Chile disagreed. The two sides did not meet.",
        ("The two sides", 0),
        &[],
    ),
    (
        "the two sides: out of reach",
        "Peru and Chile met. Rain fell. Roads closed. Schools shut. Shops closed. The two sides spoke.",
        ("The two sides", 0),
        &[],
    ),
    (
        "they: the coordinated subject before the verb of speech",
        "Peru and Chile said they would attend the Lima summit.",
        ("they", 0),
        &["Peru", "Chile"],
    ),
    (
        "their: the coordinated subject of the sentence before",
        "Peru and Chile signed the Oslo accord. Their envoys left Lima.",
        ("Their", 0),
        &["Peru", "Chile"],
    ),
    (
        "their: a possessive in the subject's own clause",
        "Norway and Kenya sent their envoys to Lima.",
        ("their", 0),
        &["Norway", "Kenya"],
    ),
    (
        "them: an object in the subject's own clause is not the subject",
        "Norway and Kenya thanked them warmly.",
        ("them", 0),
        &[],
    ),
    (
        "they: a coordinated object is not the subject",
        "Ms Lena Vogt met Peru and Chile. They left soon after.",
        ("They", 0),
        &[],
    ),
    (
        "they: past the first word of the next sentence, no link",
        "Peru and Chile signed the Oslo accord. It is up to governments whether they follow.",
        ("they", 0),
        &[],
    ),
    (
        "they: a plural group named between",
        "Peru and Chile warned the rebel fighters that they would be arrested.",
        ("they", 0),
        &[],
    ),
    (
        "the two countries: a pair of countries",
        "Although Peru and Chile signed the Oslo accord, the two countries still disagree.",
        ("the two countries", 0),
        &["Peru", "Chile"],
    ),
    (
        "their: a list of two people, each with an appositive",
        "Tomas Berg, head of the Northern Front, and Rafael Ortiz, leader of the Southern Alliance, signed their names.",
        ("their", 0),
        &["Tomas Berg", "Rafael Ortiz"],
    ),
    (
        "their: an appositive naming a person is no list",
        "Tomas Berg, an aide to Lena Vogt, and Rafael Ortiz signed their names.",
        ("their", 0),
        &[],
    ),
    (
        "their: an appositive that runs on into a verb is no list",
        "Tomas Berg, head of the Northern Front, met Rafael Ortiz, and their envoys left.",
        ("their", 0),
        &[],
    ),
    (
        "their: a person and an organization after an appositive are no set",
        "Tomas Berg, head of the Northern Front, and the Southern Alliance signed their names.",
        ("their", 0),
        &[],
    ),
    (
        "both sides: a pair with an unnamed member ties with the named pair",
        "Kenya and a rival group agreed to a truce, Peru and Chile said. The truce was signed by both sides.",
        ("both sides", 0),
        &[],
    ),
    (
        "the two countries: the pair of countries, not the unnamed pair",
        "Kenya and a rival group agreed to a truce, Peru and Chile said. The two countries will watch it.",
        ("The two countries", 0),
        &["Peru", "Chile"],
    ),
    (
        "both sides: an actor and 'a rival' reference of its type are a pair",
        "The Harbour Support Forces rejected the Oslo accord. The Northern Front and a rival paramilitary force met in Lima. Both sides left.",
        ("Both sides", 0),
        &["Northern Front", "paramilitary force"],
    ),
    (
        "the two countries: a pair of armed groups is no pair of countries",
        "The Northern Front and the Southern Alliance met in Lima. The two countries left.",
        ("The two countries", 0),
        &[],
    ),
    // Round 16 (events16): a state and an armed group are two sides.
    (
        "both sides: a country and an armed group are a pair",
        "Peru and the Northern Front agreed to talks. Both sides met in Lima on Monday.",
        ("Both sides", 0),
        &["Peru", "Northern Front"],
    ),
    (
        "the two countries: a country and an armed group are no pair of countries",
        "Peru and the Northern Front agreed to talks. The two countries met in Lima on Monday.",
        ("The two countries", 0),
        &[],
    ),
    (
        "both sides: a country and a person are no pair",
        "Peru and Tomas Berg agreed to talks. Both sides met in Lima on Monday.",
        ("Both sides", 0),
        &[],
    ),
    (
        "sponsors before a list is its label, not a phrase",
        "Sponsors Norway and Kenya opened the Lima summit.",
        ("Sponsors", 0),
        &[],
    ),
];

#[test]
fn coreference_set_table() {
    let p = pipeline();
    let mut failures = Vec::new();
    for &(name, text, (phrase, n), members) in SET_CASES {
        let a = p.extract(&Document::new("t", text));
        let span = nth(text, phrase, n);
        let got: Vec<&str> = match a
            .mentions
            .iter()
            .position(|m| m.origin == Origin::Coreference && (m.span.start, m.span.end) == span)
        {
            Some(i) => kgx::stages::coref::set_members(&a, i)
                .unwrap_or_default()
                .iter()
                .map(|&(_, mi)| a.mentions[mi].text(text))
                .collect(),
            None => Vec::new(),
        };
        if got != members {
            failures.push(format!(
                "{name}: {phrase:?} in {text:?}: want {members:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// An edge read from a set phrase is one edge per member, each with the
/// member's name as its chain; an unresolved phrase gives none.
#[test]
fn coreference_set_phrase_fans_out() {
    let p = pipeline();
    let text = "Peru and Chile signed the Oslo accord. The two sides joined the Lima summit.";
    let a = p.extract(&Document::new("t", text));
    type Edge = (String, (usize, usize), Vec<(usize, usize)>);
    let mut got: Vec<Edge> = a
        .relations
        .iter()
        .filter(|r| r.relation == "attends")
        .map(|r| {
            (
                p.gazetteer().entity(r.subject).id.clone(),
                r.evidence.subject_span,
                r.evidence.subject_chain.clone(),
            )
        })
        .collect();
    got.sort();
    let phrase = nth(text, "The two sides", 0);
    assert_eq!(
        got,
        vec![
            ("chile".to_string(), phrase, vec![nth(text, "Chile", 0)]),
            ("peru".to_string(), phrase, vec![nth(text, "Peru", 0)]),
        ]
    );
    let text = "Peru or Chile signed the Oslo accord. The two sides joined the Lima summit.";
    let a = p.extract(&Document::new("t", text));
    assert!(a.relations.iter().all(|r| r.relation != "attends"));
    // A plural pronoun standing for the coordinated subject fans out too.
    let text = "Peru and Chile said they attended the Lima summit.";
    let a = p.extract(&Document::new("t", text));
    let mut got: Vec<(String, (usize, usize))> = a
        .relations
        .iter()
        .filter(|r| r.relation == "attends")
        .map(|r| {
            (
                p.gazetteer().entity(r.subject).id.clone(),
                r.evidence.subject_span,
            )
        })
        .collect();
    got.sort();
    let they = nth(text, "they", 0);
    assert_eq!(
        got,
        vec![("chile".to_string(), they), ("peru".to_string(), they)]
    );
    // And for two people each with an appositive ("A, head of X, and B, leader of Y").
    let text = "Tomas Berg, head of the Northern Front, and Rafael Ortiz, leader of the Southern Alliance, said they attended the Lima summit.";
    let a = p.extract(&Document::new("t", text));
    let mut got: Vec<String> = a
        .relations
        .iter()
        .filter(|r| r.relation == "attends")
        .map(|r| p.gazetteer().entity(r.subject).id.clone())
        .collect();
    got.sort();
    assert_eq!(got, vec!["rafael-ortiz", "tomas-berg"]);
}

/// A relative pronoun is the subject a rule's slot takes: "X, who attended
/// the Y" gives X attends Y, with "who" and its antecedent as the chain.
#[test]
fn coreference_relative_pronoun_fills_a_slot() {
    let p = pipeline();
    let text = "Tomas Berg, who attended the Lima summit, said little.";
    let a = p.extract(&Document::new("t", text));
    let r = a
        .relations
        .iter()
        .find(|r| r.relation == "attends")
        .expect("attends through 'who'");
    assert_eq!(r.evidence.subject_span, nth(text, "who", 0));
    assert_eq!(r.evidence.subject_chain, vec![nth(text, "Tomas Berg", 0)]);
    // After a pair, "who" is a set: no edge for either.
    let text = "Tomas Berg and Rafael Ortiz, who attended the Lima summit, said little.";
    let a = p.extract(&Document::new("t", text));
    assert!(a.relations.iter().all(|r| r.relation != "attends"));
}

/// A resolved possessive is the owner a rule's slot takes, and no longer
/// the word that blocks the rule where the owner was unknown.
#[test]
fn coreference_possessive_fills_a_slot_and_does_not_block_it() {
    let p = pipeline();
    let text = "Kenya hosted the Lima summit, which its ambassador, Lena Vogt, opened.";
    let a = p.extract(&Document::new("t", text));
    let r = a
        .relations
        .iter()
        .find(|r| r.relation == "represents")
        .expect("represents through 'its'");
    assert_eq!(r.evidence.object_span, nth(text, "its", 0));
    assert_eq!(r.evidence.object_chain, vec![nth(text, "Kenya", 0)]);
    // A resolved "its" that is not the match's end still blocks: the front's
    // Kenyan ambassador does not represent Kenya.
    let text = "The Northern Front said its Kenyan ambassador, Lena Vogt, would attend.";
    let a = p.extract(&Document::new("t", text));
    assert!(
        a.mentions.iter().any(|m| m.origin == Origin::Coreference),
        "'its' is resolved"
    );
    assert!(a.relations.iter().all(|r| r.relation != "represents"));
}

#[test]
fn coreference_lexicon_errors_name_file_and_line() {
    let bad = "\
[[pronoun]]
forms = [\"he\"]
refers = [\"Persn\"]
number = \"singular\"

[[pronoun]]
forms = [\"he\"]
refers = [\"Person\"]
number = \"dual\"

[[set]]
phrases = [\"the pair\"]
size = 1
";
    let err = CorefLexicon::from_toml_str("bad.toml", bad).expect_err("bad lexicon");
    let text = err.to_string();
    for want in [
        "bad.toml:1: unknown type \"Persn\"",
        "bad.toml:6: unknown number \"dual\"",
        "bad.toml:6: pronoun \"he\" is already listed at line 1",
        "bad.toml:11: a set has at least 2 members",
    ] {
        assert!(text.contains(want), "{want:?} not in:\n{text}");
    }
    let err = CorefLexicon::from_toml_str("k.toml", "[[pronoun]]\nform = [\"x\"]\n").unwrap_err();
    assert!(err.to_string().starts_with("k.toml:"), "{err}");
    // The shipped lexicon loads.
    let lex = CorefLexicon::shipped();
    assert!(lex.pronouns.contains_key("he") && lex.events.contains_key("talks"));
}

#[test]
fn coreference_tag_and_explain_print_the_antecedent() {
    let dir = scratch("coref-cli");
    std::fs::write(dir.join("g.toml"), GAZ).unwrap();
    std::fs::write(dir.join("r.rules"), RULES).unwrap();
    let text = "Tomas Berg arrived in Lima. He told the Andes Daily that Peru was ready.";
    std::fs::write(dir.join("d.txt"), text).unwrap();
    let out = kgx(&dir, &["tag", "--gazetteer", "g.toml", "d.txt"]);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let he = lines
        .iter()
        .find(|l| l["text"] == "He")
        .expect("the pronoun is printed");
    assert_eq!(he["kind"], "pronoun");
    assert_eq!(he["entity"], "tomas-berg");
    assert_eq!(he["antecedent"]["text"], "Tomas Berg");
    assert_eq!(he["antecedent"]["start"], 0);
    let out = kgx(
        &dir,
        &[
            "explain",
            "tomas-berg",
            "spoke_to",
            "andes-daily",
            "--gazetteer",
            "g.toml",
            "--rules",
            "r.rules",
            "d.txt",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let s = stdout(&out);
    assert!(
        s.contains("subject through coreference: -> \"Tomas Berg\" at (0, 10)"),
        "{s}"
    );
}

/// "X, the group's chief judge": the described group, resolved, is the
/// owner the member-title frame takes (the shipped rules, frames and parser);
/// where two groups are equally near, no owner and no edge.
#[test]
fn coreference_described_group_owns_a_title() {
    let dir = scratch("coref-group-title");
    std::fs::write(dir.join("g.toml"), GAZ).unwrap();
    let cases = [
        (
            "The Northern Front rejected the plan. Its team is led by Tomas Berg, the group's chief judge.",
            "1 piece(s) of evidence",
        ),
        (
            "Lena Vogt met the Northern Front and the Southern Alliance. Tomas Berg, the group's chief judge, spoke.",
            "0 piece(s) of evidence",
        ),
    ];
    for (text, want) in cases {
        std::fs::write(dir.join("d.txt"), text).unwrap();
        let args = [
            "explain",
            "tomas-berg",
            "member_of",
            "northern-front",
            "--gazetteer",
            "g.toml",
            "d.txt",
        ];
        let out = kgx(&dir, &args);
        assert!(out.status.success(), "{out:?}");
        let s = stdout(&out);
        assert!(s.contains(want), "{text:?}: want {want:?} in\n{s}");
    }
}

/// `kgx tag` prints a set phrase with every member it stands for.
#[test]
fn coreference_tag_prints_set_members() {
    let dir = scratch("coref-cli-set");
    std::fs::write(dir.join("g.toml"), GAZ).unwrap();
    let text = "Peru and Chile met in Lima. The two sides agreed.";
    std::fs::write(dir.join("d.txt"), text).unwrap();
    let out = kgx(&dir, &["tag", "--gazetteer", "g.toml", "d.txt"]);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let set = lines
        .iter()
        .find(|l| l["text"] == "The two sides")
        .expect("the set phrase is printed");
    assert_eq!(set["kind"], "description");
    let members: Vec<(&str, &str)> = set["members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|m| (m["entity"].as_str().unwrap(), m["text"].as_str().unwrap()))
        .collect();
    assert_eq!(members, vec![("peru", "Peru"), ("chile", "Chile")]);
}

/// Coreference on a token layer made only from the paragraph of the first
/// mention on (`Stage::tokens_from`) finds what it finds on the whole layer:
/// every case of the tables, after two paragraphs with no name in them
/// (pronouns, a description, an event noun, a quotation with "we" and a
/// set phrase, none of which can resolve), and at the start of a document.
#[test]
fn coreference_reads_the_same_from_the_first_mentions_paragraph() {
    let gaz = || Gazetteer::from_toml_str("coref-test.toml", GAZ).unwrap();
    let rules = || RuleSet::from_str("coref-test.rules", RULES).unwrap();
    let lazy = PipelineBuilder::new(gaz()).rules(rules()).build();
    let whole = PipelineBuilder::new(gaz())
        .rules(rules())
        .tokens(true)
        .build();
    let intro = "It was late when they came. He said the talks were over, and she \
                 agreed with him there.\n\n\"We will not go,\" the envoy told them. \
                 The two sides left; it is said that the meeting ended.\n\n";
    let texts = CASES
        .iter()
        .map(|c| (c.name, c.text))
        .chain(SET_CASES.iter().map(|c| (c.0, c.1)));
    let mut skipped = 0;
    for (name, text) in texts {
        for body in [text.to_string(), format!("{intro}{text}")] {
            let doc = Document::new("d", &body);
            let (a, b) = (lazy.extract(&doc), whole.extract(&doc));
            let view = |x: &Analysis| {
                let mentions: Vec<_> = x
                    .mentions
                    .iter()
                    .map(|m| (m.span, m.entity, m.kind, m.origin))
                    .collect();
                (mentions, x.links.clone(), x.stats, x.relations.len())
            };
            assert_eq!(view(&a), view(&b), "case {name:?}: {body:?}");
            if a.tokens.sentence(0).is_empty() && !b.tokens.sentence(0).is_empty() {
                skipped += 1;
            }
        }
    }
    // The intro's sentences were left out of the layer: the gate did its work.
    assert!(
        skipped > 0,
        "no case started its token layer after the intro"
    );
}
