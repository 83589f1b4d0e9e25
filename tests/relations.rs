//! Relation rules: every shipped rule on sentences written for it (not taken from the
//! seeds), through the real tagger and resolver; plus rule-file error tests.

use std::collections::BTreeSet;
use std::path::Path;

use kgx::error::ErrorKind;
use kgx::gazetteer::Gazetteer;
use kgx::pipeline::Pipeline;
use kgx::relations::{Outcome, Rejection, RuleSet, DEFAULT_RULES, MAX_SENTENCE_BYTES};
use kgx::Document;

const GAZ: &str = r#"
[[entity]]
type = "Country"
name = "France"
demonyms = ["French"]
capital = "paris"
[[entity]]
type = "Country"
name = "Norway"
demonyms = ["Norwegian"]
capital = "oslo"
[[entity]]
type = "Country"
name = "Egypt"
demonyms = ["Egyptian"]
[[entity]]
type = "Country"
name = "Qatar"
demonyms = ["Qatari"]
[[entity]]
type = "Country"
name = "United States"
aliases = ["US", "U.S."]
[[entity]]
type = "Place"
subtype = "City"
name = "Paris"
country = "france"
[[entity]]
type = "Place"
subtype = "City"
name = "Oslo"
country = "norway"
[[entity]]
type = "Place"
subtype = "City"
name = "Alexandria"
country = "egypt"
[[entity]]
type = "Place"
subtype = "City"
name = "Vienna"
[[entity]]
type = "Organization"
subtype = "IGO"
name = "United Nations"
aliases = ["UN"]
[[entity]]
type = "Person"
name = "Jean Dupont"
[[entity]]
type = "Person"
name = "Anna Berg"
[[entity]]
type = "Person"
name = "Omar Hassan"
[[entity]]
type = "Person"
name = "Lena Vik"
[[entity]]
type = "Person"
name = "Mara Sol"
country = "egypt"
titles = ["President of Egypt"]
[[entity]]
type = "Person"
name = "Per Lund"
country = "norway"
titles = ["Norway's UN Ambassador"]
[[entity]]
type = "Organization"
subtype = "Media"
name = "Reuters"
[[entity]]
type = "Organization"
subtype = "Media"
name = "BBC"
[[entity]]
type = "Organization"
subtype = "IGO"
name = "Arab League"
[[entity]]
type = "Organization"
subtype = "Government"
name = "Valdorian government"
aliases = ["Valdorian government delegation", "Valdorian government troops"]
references = ["government delegation", "government troops"]
[[entity]]
type = "Organization"
subtype = "Government"
name = "Egyptian government"
country = "egypt"
references = ["the government"]
[[entity]]
type = "Organization"
subtype = "Ministry"
name = "Ministry of Harbours"
country = "egypt"
[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Liberation Front"
[[entity]]
type = "Organization"
subtype = "ArmedGroup"
name = "Northern Brigade"
[[entity]]
type = "Organization"
subtype = "ThinkTank"
name = "Policy Institute"
[[entity]]
type = "Event"
subtype = "Talks"
name = "Vienna talks"
aliases = ["talks in Vienna"]
[[entity]]
type = "Event"
subtype = "Ceasefire"
name = "Sinai truce"
[[entity]]
type = "Event"
subtype = "Agreement"
name = "Sinai accord"
"#;

struct Fixture {
    gaz: Gazetteer,
    rules: RuleSet,
    pipeline: Pipeline,
}

fn fixture() -> Fixture {
    let gaz = Gazetteer::from_toml_str("test.toml", GAZ).expect("test gazetteer loads");
    let rules = RuleSet::load(Path::new(DEFAULT_RULES)).expect("shipped rules load");
    let pipeline = Pipeline::new(gaz.clone());
    Fixture {
        gaz,
        rules,
        pipeline,
    }
}

/// (subject id, relation, object id) triples read from `text`.
fn triples(f: &Fixture, text: &str) -> BTreeSet<(String, String, String)> {
    let doc = Document::new("t", text);
    let ex = f.pipeline.extract(&doc);
    f.rules
        .apply(&doc, &ex.sentences, &ex.mentions, &f.gaz)
        .into_iter()
        .map(|r| {
            (
                f.gaz.entity(r.subject).id.clone(),
                r.relation,
                f.gaz.entity(r.object).id.clone(),
            )
        })
        .collect()
}

/// One case: a sentence, the relation under test, and exactly the edges of that relation it must give.
struct Case {
    name: &'static str,
    text: &'static str,
    relation: &'static str,
    want: &'static [(&'static str, &'static str)],
}

const CASES: &[Case] = &[
    // brokered
    Case { name: "brokered/passive", text: "The Vienna talks were brokered by France.", relation: "brokered", want: &[("france", "vienna-talks")] },
    Case { name: "brokered/passive-coordinated", text: "The Vienna talks, organised by France, Qatar and Egypt, opened on Monday.", relation: "brokered",
        want: &[("france", "vienna-talks"), ("qatar", "vienna-talks"), ("egypt", "vienna-talks")] },
    Case { name: "brokered/active", text: "France and Qatar brokered the Sinai truce last year.", relation: "brokered", want: &[("france", "sinai-truce"), ("qatar", "sinai-truce")] },
    Case { name: "brokered/compound", text: "Delegates praised the Qatar-mediated Vienna talks.", relation: "brokered", want: &[("qatar", "vienna-talks")] },
    Case { name: "brokered/secure", text: "Egypt used its influence to secure the Sinai truce.", relation: "brokered", want: &[("egypt", "sinai-truce")] },
    Case { name: "brokered/led-by", text: "The Vienna talks will be led by the Arab League.", relation: "brokered", want: &[("arab-league", "vienna-talks")] },
    Case { name: "brokered/sponsors-implicit", text: "The Vienna talks resume today. Sponsors France and Norway expect progress.", relation: "brokered",
        want: &[("france", "vienna-talks"), ("norway", "vienna-talks")] },
    Case { name: "brokered/negated", text: "France did not broker the Sinai truce.", relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-hosted-by-a-titled-person", text: "The Vienna talks were hosted by French President Jean Dupont.",
        relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-place", text: "Talks in Paris ended without a deal.", relation: "brokered", want: &[] },
    // attends
    Case { name: "attends/delegation-led-by", text: "The Vienna talks opened on Monday. Egypt's delegation was led by Omar Hassan.", relation: "attends",
        want: &[("egypt", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/delegation-team", text: "The Vienna talks opened on Monday. The Liberation Front's team is headed by Lena Vik.", relation: "attends",
        want: &[("lena-vik", "vienna-talks"), ("liberation-front", "vienna-talks")] },
    Case { name: "attends/delegation-head", text: "The Vienna talks opened on Monday. Anna Berg, the head of the French delegation, spoke first.", relation: "attends",
        want: &[("anna-berg", "vienna-talks"), ("france", "vienna-talks")] },
    Case { name: "attends/delegation-elliptic", text: "The Vienna talks opened on Monday. Egypt's delegation was led by Omar Hassan, while Qatar's was headed by Lena Vik.", relation: "attends",
        want: &[("egypt", "vienna-talks"), ("lena-vik", "vienna-talks"), ("omar-hassan", "vienna-talks"), ("qatar", "vienna-talks")] },
    // A reference or alias ending in a delegation word is also that word.
    Case { name: "attends/delegation-word-headed-by", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. The government delegation, headed by Egypt's envoy Omar Hassan, arrived late.",
        relation: "attends", want: &[("omar-hassan", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-word-alias-was-headed", text: "The Vienna talks opened on Monday. The Valdorian government delegation was again headed by Lena Vik.",
        relation: "attends", want: &[("lena-vik", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-word-who-led", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. Omar Hassan, who led the government delegation, spoke first.",
        relation: "attends", want: &[("omar-hassan", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-word-will-head", text: "The Vienna talks open on Monday. Lena Vik will head the Valdorian government delegation.",
        relation: "attends", want: &[("lena-vik", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-word-head-of", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. Anna Berg, the head of the government delegation, spoke first.",
        relation: "attends", want: &[("anna-berg", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-led-by-org-title", text: "The Vienna talks opened on Monday. Egypt's delegation, headed by Egypt's UN ambassador Omar Hassan, arrived late.",
        relation: "attends", want: &[("egypt", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/delegation-led-by-near-miss-org-is-not-a-title", text: "The Vienna talks opened on Monday. Egypt's delegation, headed by the UN, met Omar Hassan.",
        relation: "attends", want: &[("egypt", "vienna-talks")] },
    Case { name: "attends/delegation-word-near-miss-troops", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. The government troops, led by Omar Hassan, advanced.",
        relation: "attends", want: &[] },
    Case { name: "attends/delegation-word-near-miss-who-led-troops", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. Omar Hassan, who led the government troops, spoke first.",
        relation: "attends", want: &[] },
    Case { name: "attends/delegation-word-near-miss-no-talks", text: "The Valdorian government faces protests. The government delegation, headed by Omar Hassan, arrived late.", relation: "attends", want: &[] },
    Case { name: "attends/delegation-word-near-miss-negated", text: "The Valdorian government faces protests. The Vienna talks opened on Monday. The government delegation was not headed by Omar Hassan.",
        relation: "attends", want: &[] },
    Case { name: "attends/delegation-team-not-a-party's", text: "A team of doctors led by Omar Hassan arrived after the Vienna talks.", relation: "attends", want: &[] },
    Case { name: "attends/delegation-no-talks-named", text: "Egypt's delegation was led by Omar Hassan.", relation: "attends", want: &[] },
    Case { name: "attends/delegation-negated", text: "The Vienna talks opened on Monday. Egypt's delegation was not led by Omar Hassan.", relation: "attends", want: &[] },
    Case { name: "attends/verb", text: "Egypt and Qatar attended the Vienna talks.", relation: "attends", want: &[("egypt", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "attends/between", text: "The Vienna talks between Egypt and the Liberation Front stalled.", relation: "attends",
        want: &[("egypt", "vienna-talks"), ("liberation-front", "vienna-talks")] },
    Case { name: "attends/delegations-implicit", text: "The Vienna talks began. Delegations from France, Egypt and Qatar are all in Oslo.", relation: "attends",
        want: &[("france", "vienna-talks"), ("egypt", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "attends/is-attending", text: "The Vienna talks opened. Anna Berg is attending.", relation: "attends", want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/agreed", text: "The Vienna talks open soon. The Liberation Front has agreed to take part.", relation: "attends", want: &[("liberation-front", "vienna-talks")] },
    Case { name: "attends/negated-would-not", text: "The Northern Brigade would not attend the Vienna talks.", relation: "attends", want: &[] },
    Case { name: "attends/negated-invited", text: "Egypt was invited to attend the Vienna talks.", relation: "attends", want: &[] },
    // observes
    Case { name: "observes/present", text: "The Vienna talks opened. Jean Dupont, the French envoy to Norway, will be present as an observer.", relation: "observes",
        want: &[("jean-dupont", "vienna-talks")] },
    Case { name: "observes/represent-as", text: "The Vienna talks opened. Jean Dupont will represent France as an observer.", relation: "observes",
        want: &[("jean-dupont", "vienna-talks"), ("france", "vienna-talks")] },
    Case { name: "observes/near-miss-no-observer", text: "The Vienna talks opened. Jean Dupont will be present.", relation: "observes", want: &[] },
    // declined
    Case { name: "declined/refuse", text: "The Vienna talks open Monday, but Egypt declined to send a delegation.", relation: "declined", want: &[("egypt", "vienna-talks")] },
    Case { name: "declined/would-not", text: "The Northern Brigade said it would not attend the Vienna talks.", relation: "declined", want: &[("northern-brigade", "vienna-talks")] },
    Case { name: "declined/relative", text: "The Northern Brigade, which holds the hills near Alexandria, said it would not attend the Vienna talks.", relation: "declined",
        want: &[("northern-brigade", "vienna-talks")] },
    Case { name: "declined/passive", text: "The Vienna talks open soon; an invitation to Qatar was declined by Qatar.", relation: "declined", want: &[("qatar", "vienna-talks")] },
    Case { name: "declined/ministry-speaks-for-its-country", text: "The Ministry of Harbours said it would not attend the Vienna talks.", relation: "declined",
        want: &[("egypt", "vienna-talks")] },
    Case { name: "declined/near-miss-armed-group-speaks-for-itself", text: "The Liberation Front said it would not attend the Vienna talks.", relation: "declined",
        want: &[("liberation-front", "vienna-talks")] },
    Case { name: "represents/near-miss-ministry-stays-itself-outside-declined", text: "Lena Vik, a spokeswoman for the Ministry of Harbours, denied it.", relation: "represents",
        want: &[("lena-vik", "ministry-of-harbours")] },
    Case { name: "declined/near-miss-refused-to-sit", text: "At the Vienna talks the Liberation Front refused to sit with the others.", relation: "declined", want: &[] },
    Case { name: "declined/near-miss-conditional", text: "What happens if Egypt snubs the Vienna talks?", relation: "declined", want: &[] },
    // excluded_from
    Case { name: "excluded/except", text: "Norway invited all groups to the Vienna talks except the Northern Brigade and the Liberation Front.", relation: "excluded_from",
        want: &[("northern-brigade", "vienna-talks"), ("liberation-front", "vienna-talks")] },
    Case { name: "excluded/no-invitation", text: "The Vienna talks open today. The Liberation Front said it did not receive an invitation.", relation: "excluded_from",
        want: &[("liberation-front", "vienna-talks")] },
    Case { name: "excluded/exclude", text: "The Vienna talks exclude the Northern Brigade.", relation: "excluded_from", want: &[("northern-brigade", "vienna-talks")] },
    Case { name: "excluded/never-attends", text: "The Vienna talks open today. The Liberation Front said it did not receive an invitation to attend.", relation: "attends", want: &[] },
    Case { name: "spoke_to/reported", text: "Jean Dupont said the truce was holding, \"for now,\" Reuters reported.", relation: "spoke_to",
        want: &[("jean-dupont", "reuters")] },
    Case { name: "spoke_to/near-miss-reported-another-speaker", text: "Jean Dupont met Anna Berg, who said the talks had failed, Reuters reported.",
        relation: "spoke_to", want: &[("anna-berg", "reuters")] },
    // represents
    Case { name: "represents/title-name", text: "French Foreign Minister Jean Dupont arrived.", relation: "represents", want: &[("jean-dupont", "france")] },
    Case { name: "represents/possessive", text: "Egypt's UN ambassador Omar Hassan spoke first.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/appositive", text: "Omar Hassan, Egypt's chief negotiator, said little.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/spokesman-for", text: "Lena Vik, a spokeswoman for the Liberation Front, denied it.", relation: "represents", want: &[("lena-vik", "liberation-front")] },
    Case { name: "represents/verb", text: "Anna Berg will represent Norway.", relation: "represents", want: &[("anna-berg", "norway")] },
    Case { name: "represents/represented-by", text: "Egypt is represented by its foreign minister, Omar Hassan.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-envoy-for", text: "Anna Berg, the Arab League envoy for Egypt, arrived.", relation: "represents", want: &[("anna-berg", "arab-league")] },
    Case { name: "represents/negated", text: "Anna Berg will not represent Norway.", relation: "represents", want: &[] },
    // the name before a title's owner is whose title it is (`~` in the rules)
    Case { name: "represents/near-miss-org-before-country-title", text: "UN Egypt envoy Omar Hassan arrived on Monday.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-possessive-before-org-title", text: "Egypt's UN ambassador, Omar Hassan, spoke first.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/list-item-for", text: "The accord was signed by three envoys: Anna Berg, Omar Hassan for Egypt and Lena Vik.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-praised-for", text: "The council praised Omar Hassan for Egypt's help.", relation: "represents", want: &[] },
    // leads
    Case { name: "leads/title-name", text: "Egyptian President Omar Hassan met the press.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/led-by", text: "The Liberation Front delegation, which arrived on Sunday, is led by Lena Vik.", relation: "leads", want: &[("lena-vik", "liberation-front")] },
    Case { name: "leads/headed-by", text: "The Northern Brigade will be headed by Anna Berg.", relation: "leads", want: &[("anna-berg", "northern-brigade")] },
    Case { name: "leads/will-head", text: "Omar Hassan will head the Liberation Front delegation.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/appositive", text: "Anna Berg, president of the Policy Institute, spoke.", relation: "leads", want: &[("anna-berg", "policy-institute")] },
    Case { name: "leads/near-miss-deputy", text: "Egyptian deputy president Omar Hassan met the press.", relation: "leads", want: &[] },
    // member_of
    Case { name: "member/possessive-coordinated", text: "Reuters' reporting aside, BBC's Anna Berg and Lena Vik filed the story.", relation: "member_of",
        want: &[("anna-berg", "bbc"), ("lena-vik", "bbc")] },
    Case { name: "member/from-group", text: "Omar Hassan from the Liberation Front rebel group spoke.", relation: "member_of", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "member/fellow-at", text: "Lena Vik, a senior fellow at the Policy Institute, disagreed.", relation: "member_of", want: &[("lena-vik", "policy-institute")] },
    Case { name: "member/near-miss-from-place", text: "Omar Hassan from Alexandria spoke.", relation: "member_of", want: &[] },
    // supports
    Case { name: "supports/compound", text: "Qatar-backed Liberation Front fighters advanced.", relation: "supports", want: &[("qatar", "liberation-front")] },
    Case { name: "supports/verb-coordinated", text: "France and Norway are backing the Liberation Front.", relation: "supports",
        want: &[("france", "liberation-front"), ("norway", "liberation-front")] },
    Case { name: "supports/ally", text: "Egypt is the Liberation Front's closest ally.", relation: "supports", want: &[("egypt", "liberation-front")] },
    Case { name: "supports/passive", text: "The Northern Brigade is backed by Qatar and Egypt.", relation: "supports", want: &[("qatar", "northern-brigade"), ("egypt", "northern-brigade")] },
    Case { name: "supports/negated", text: "Norway is not backing the Liberation Front.", relation: "supports", want: &[] },
    Case { name: "supports/send-weapons", text: "Qatar has been sending weapons and money to the Liberation Front.", relation: "supports",
        want: &[("qatar", "liberation-front")] },
    Case { name: "supports/give-aid", text: "So far Qatar has given Egypt's army only non-lethal aid.", relation: "supports",
        want: &[("qatar", "egypt")] },
    Case { name: "supports/near-miss-give-no-aid", text: "Qatar gave the Liberation Front an ultimatum.", relation: "supports", want: &[] },
    Case { name: "supports/near-miss-send-envoys", text: "Qatar sent envoys to the Liberation Front.", relation: "supports", want: &[] },
    Case { name: "supports/near-miss-weighing-whether", text: "Norway is weighing whether to send weapons to the Liberation Front.", relation: "supports",
        want: &[] },
    Case { name: "supports/near-miss-another-verbs-subject", text: "Egypt said Qatar must leave Norway and stop backing the Liberation Front.",
        relation: "supports", want: &[] },
    Case { name: "supports/near-miss-person-list", text: "France supporting Omar Hassan and Egypt backing rebels was expected.", relation: "supports",
        want: &[("france", "omar-hassan")] },
    // opposes
    Case { name: "opposes/fight", text: "Liberation Front fighters are battling the Northern Brigade.", relation: "opposes", want: &[("liberation-front", "northern-brigade")] },
    Case { name: "opposes/oust", text: "Qatari forces entered Egypt to help end Omar Hassan's rule.", relation: "opposes", want: &[("qatar", "omar-hassan")] },
    Case { name: "opposes/near-miss-side-of", text: "Qatari fighters are battling on the side of the Northern Brigade.", relation: "opposes", want: &[] },
    // spoke_to
    Case { name: "spoke/told", text: "Omar Hassan told Reuters the talks would go on.", relation: "spoke_to", want: &[("omar-hassan", "reuters")] },
    Case { name: "spoke/told-appositive", text: "\"We will stay,\" Lena Vik, a spokeswoman for the Liberation Front, told the BBC.", relation: "spoke_to",
        want: &[("lena-vik", "bbc")] },
    Case { name: "spoke/quoted", text: "Anna Berg was quoted by Reuters as saying so.", relation: "spoke_to", want: &[("anna-berg", "reuters")] },
    Case { name: "spoke/according", text: "Anna Berg said the deal was close, according to the BBC.", relation: "spoke_to", want: &[("anna-berg", "bbc")] },
    Case { name: "spoke/near-miss-not-media", text: "Anna Berg told the Arab League the deal was close.", relation: "spoke_to", want: &[] },
    Case { name: "spoke/near-miss-us", text: "Anna Berg told us the deal was close.", relation: "spoke_to", want: &[] },
    // held_in, located_in, capital_of
    Case { name: "held/in", text: "The Vienna talks were held in Paris.", relation: "held_in", want: &[("vienna-talks", "paris")] },
    Case { name: "held/nested-place", text: "The talks in Vienna resumed on Monday.", relation: "held_in", want: &[("vienna-talks", "vienna")] },
    Case { name: "held/capital-of", text: "The Vienna talks have begun in the French capital of Paris.", relation: "held_in", want: &[("vienna-talks", "paris")] },
    Case { name: "held/near-miss-country", text: "The Vienna talks were held in France.", relation: "held_in", want: &[] },
    Case { name: "observes/sent-an-observer", text: "The Vienna talks opened on Monday. Egypt also sent an observer.", relation: "observes", want: &[("egypt", "vienna-talks")] },
    Case { name: "observes/sent-observers-to", text: "Egypt sent two observers to the Vienna talks.", relation: "observes", want: &[("egypt", "vienna-talks")] },
    Case { name: "observes/near-miss-sent-troops", text: "The Vienna talks opened on Monday. Egypt also sent troops.", relation: "observes", want: &[] },
    Case { name: "observes/near-miss-negated", text: "The Vienna talks opened on Monday. Egypt did not send an observer.", relation: "observes", want: &[] },
    Case { name: "held/between-list", text: "Egypt joined the Vienna talks between Qatar and the Arab League in Paris.", relation: "held_in", want: &[("vienna-talks", "paris")] },
    Case { name: "held/between-near-miss-no-place", text: "Egypt joined the Vienna talks between Qatar and the Arab League in March.", relation: "held_in", want: &[] },
    Case { name: "located/comma", text: "Delegates met in Alexandria, Egypt on Monday.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "located/appositive", text: "Fighting reached Alexandria, Egypt's second largest city.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "located/near-miss-list", text: "Flights link Paris, Oslo and Alexandria.", relation: "located_in", want: &[] },
    Case { name: "located/near-miss-list-of-countries", text: "Sales rose in Alexandria, Norway, Qatar and France.", relation: "located_in", want: &[] },
    Case { name: "located/dateline", text: "ALEXANDRIA, Egypt, March 3 - Delegates met.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "capital/demonym", text: "They met in the Norwegian capital of Oslo.", relation: "capital_of", want: &[("oslo", "norway")] },
    Case { name: "capital/possessive", text: "They met in France's capital city, Paris.", relation: "capital_of", want: &[("paris", "france")] },
    Case { name: "capital/near-miss-located", text: "They met in the Norwegian capital of Oslo.", relation: "located_in", want: &[] },
    // more forms, one per rule
    Case { name: "brokered/helping", text: "Also helping organize the Vienna talks is Qatar.", relation: "brokered", want: &[("qatar", "vienna-talks")] },
    Case { name: "attends/appearance", text: "During an appearance at the Vienna talks, Anna Berg said little.", relation: "attends", want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/looked-on", text: "Jean Dupont opened the Vienna talks at a hotel in Vienna, as Anna Berg and Omar Hassan looked on.", relation: "attends",
        want: &[("anna-berg", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/looked-on-from-afar", text: "Jean Dupont opened the Vienna talks as Anna Berg looked on from Oslo.", relation: "attends", want: &[] },
    Case { name: "attends/looked-on-not-a-witness", text: "Egypt praised the Vienna talks as Anna Berg said on Monday.", relation: "attends", want: &[] },
    Case { name: "attends/appeared", text: "Anna Berg spoke at the Vienna talks.", relation: "attends", want: &[("anna-berg", "vienna-talks")] },
    Case { name: "observes/verb-as", text: "Egypt followed the Vienna talks as an observer.", relation: "observes", want: &[("egypt", "vienna-talks")] },
    Case { name: "observes/verb-as-implicit", text: "The Vienna talks opened. Qatar took part as an observer.", relation: "observes", want: &[("qatar", "vienna-talks")] },
    Case { name: "observes/appositive-as", text: "The Vienna talks opened. Qatar, represented in Vienna by Omar Hassan, took part as an observer.", relation: "observes",
        want: &[("qatar", "vienna-talks")] },
    Case { name: "observes/appositive-person-as", text: "A delegate from Egypt, Jean Dupont, followed the Vienna talks as an observer.", relation: "observes",
        want: &[("jean-dupont", "vienna-talks")] },
    Case { name: "observes/appositive-person-as-implicit", text: "The Vienna talks opened. A delegate from Egypt, Jean Dupont, took part as an observer.", relation: "observes",
        want: &[("jean-dupont", "vienna-talks")] },
    Case { name: "observes/near-miss-never-the-object-before-a-comma", text: "The Vienna talks opened. Lena Vik thanked Egypt, and took part as an observer.", relation: "observes",
        want: &[] },
    Case { name: "observes/sent", text: "The Vienna talks opened. Norway also sent an observer.", relation: "observes", want: &[("norway", "vienna-talks")] },
    Case { name: "observes/as-did", text: "The Vienna talks opened. Jean Dupont followed them as an observer, as did delegations from Egypt and Qatar.", relation: "observes",
        want: &[("egypt", "vienna-talks"), ("jean-dupont", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "observes/near-miss-not-sent", text: "The Vienna talks opened. Norway did not send an observer.", relation: "observes", want: &[] },
    Case { name: "observes/near-miss-no-talks", text: "Qatar took part as an observer.", relation: "observes", want: &[] },
    Case { name: "observes/near-miss-appositive-other-actor", text: "The Vienna talks opened. Qatar, an ally of Egypt, took part as an observer.", relation: "observes",
        want: &[] },
    Case { name: "observes/status", text: "Egypt has observer status at the Vienna talks.", relation: "observes", want: &[("egypt", "vienna-talks")] },
    Case { name: "declined/refuse-obj", text: "The Liberation Front boycotted the Vienna talks.", relation: "declined", want: &[("liberation-front", "vienna-talks")] },
    Case { name: "excluded/no-invite-rel", text: "The Vienna talks open. The Liberation Front, active near Alexandria, said it did not receive an invitation.", relation: "excluded_from",
        want: &[("liberation-front", "vienna-talks")] },
    Case { name: "excluded/passive", text: "The Northern Brigade was excluded from the Vienna talks.", relation: "excluded_from", want: &[("northern-brigade", "vienna-talks")] },
    Case { name: "represents/ambassador", text: "Egypt's UN ambassador Omar Hassan spoke first.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/title-appositive", text: "The Egyptian foreign minister, Omar Hassan, spoke first.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/of", text: "Spokesman of the Liberation Front Omar Hassan spoke first.", relation: "represents", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/org-of", text: "The Liberation Front under President Omar Hassan grew.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/head-of", text: "The head of the Liberation Front delegation, Omar Hassan, spoke.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "supports/ally-of", text: "Egypt is a close ally of the Liberation Front.", relation: "supports", want: &[("egypt", "liberation-front")] },
    Case { name: "supports/giving", text: "Qatar said it was still giving its support to the Northern Brigade.", relation: "supports", want: &[("qatar", "northern-brigade")] },
    Case { name: "opposes/want-oust", text: "Qatar wants to end Omar Hassan's rule.", relation: "opposes", want: &[("qatar", "omar-hassan")] },
    Case { name: "opposes/seeking-pronoun", text: "Omar Hassan spoke in Vienna. The Liberation Front is seeking his ouster.", relation: "opposes", want: &[("liberation-front", "omar-hassan")] },
    Case { name: "opposes/seeking-pronoun-unresolved", text: "The Liberation Front is seeking his ouster.", relation: "opposes", want: &[] },
    Case { name: "represents/possessive-name-not-a-head-of-state", text: "Egypt's president said on Monday that Mara Sol would stay in Cairo.", relation: "represents", want: &[] },
    Case { name: "opposes/seeking", text: "The Liberation Front is seeking Omar Hassan's ouster.", relation: "opposes", want: &[("liberation-front", "omar-hassan")] },
    Case { name: "opposes/against", text: "Egypt waged a campaign against the Northern Brigade.", relation: "opposes", want: &[("egypt", "northern-brigade")] },
    Case { name: "opposes/near-miss-against-a-possessor", text: "Egypt waged a campaign against the Northern Brigade's armed wing.", relation: "opposes", want: &[] },
    Case { name: "spoke/with", text: "BBC's Lena Vik spoke with Omar Hassan.", relation: "spoke_to", want: &[("omar-hassan", "bbc")] },
    Case { name: "spoke/interview", text: "Omar Hassan said so in an interview with Reuters.", relation: "spoke_to", want: &[("omar-hassan", "reuters")] },
    Case { name: "held/far", text: "Two-day talks in Vienna, brokered by Qatar and aimed at a truce with Egypt, have begun in Paris.", relation: "held_in",
        want: &[("vienna-talks", "vienna")] },
    Case { name: "located/in", text: "Alexandria is located in Egypt.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "capital/the-capital", text: "They flew to Oslo, the capital of Norway.", relation: "capital_of", want: &[("oslo", "norway")] },
    Case { name: "capital/earlier", text: "The Vienna talks moved to a venue in Norway, where delegates met in the capital Oslo.", relation: "capital_of", want: &[("oslo", "norway")] },
    Case { name: "represents/title-name-org", text: "Liberation Front spokesman Omar Hassan denied it.", relation: "represents", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "represents/envoy-org", text: "UN envoy Anna Berg arrived.", relation: "represents", want: &[("anna-berg", "united-nations")] },
    Case { name: "represents/appositive-amb", text: "Omar Hassan, Egypt's UN ambassador, spoke.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/appositive-pre", text: "Omar Hassan, Egypt's president, spoke.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "capital/reverse", text: "They met in Oslo, the Norwegian capital.", relation: "capital_of", want: &[("oslo", "norway")] },
    Case { name: "represents/possessive-name", text: "Egypt's Omar Hassan spoke first.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "located/possessive", text: "Fighting spread in Egypt's northern Alexandria region.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "located/possessive-not-across-a-preposition", text: "They cited Egypt's shelling near Alexandria.", relation: "located_in", want: &[] },
    Case { name: "located/demonym-city-of", text: "Leaders met in the Egyptian city of Alexandria.", relation: "located_in", want: &[("alexandria", "egypt")] },
    Case { name: "located/appositive-demonym", text: "They met in Alexandria, the Egyptian port city.", relation: "located_in", want: &[("alexandria", "egypt")] },
    // implied events (issue 13): the event in focus, or one named in the sentence
    Case { name: "attends/on-arrival", text: "The Vienna talks opened on Monday. Mr Jean Dupont greeted Ms Anna Berg on her arrival.", relation: "attends",
        want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/on-arrival-near-miss-elsewhere", text: "The Vienna talks opened on Monday. Ms Anna Berg was met by reporters on her arrival in Oslo.",
        relation: "attends", want: &[] },
    Case { name: "attends/on-arrival-near-miss-no-event", text: "Mr Jean Dupont greeted Ms Anna Berg on her arrival.", relation: "attends", want: &[] },
    Case { name: "attends/join-someone-there", text: "Jean Dupont flew on to the Vienna talks. Anna Berg joined him there.", relation: "attends",
        want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/join-someone-at", text: "Anna Berg joined them at the Vienna talks on Monday.", relation: "attends",
        want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/join-someone-near-miss-negated", text: "Jean Dupont flew on to the Vienna talks. Anna Berg did not join him there.",
        relation: "attends", want: &[] },
    Case { name: "attends/join-someone-near-miss-no-event", text: "Jean Dupont flew on to Oslo. Anna Berg joined him there.", relation: "attends", want: &[] },
    Case { name: "attends/came-there", text: "The Vienna talks opened on Monday. Omar Hassan came there from Oslo.", relation: "attends",
        want: &[("omar-hassan", "vienna-talks")] },
    Case { name: "attends/came-there-near-miss-elsewhere", text: "The Vienna talks opened on Monday. Omar Hassan came to Oslo.", relation: "attends", want: &[] },
    Case { name: "attends/came-there-near-miss-negated", text: "The Vienna talks opened on Monday. Omar Hassan never came there.", relation: "attends", want: &[] },
    Case { name: "attends/first-to-emerge", text: "Omar Hassan, the first to emerge from the Vienna talks, spoke to reporters.", relation: "attends",
        want: &[("omar-hassan", "vienna-talks")] },
    Case { name: "attends/first-to-emerge-near-miss-no-event", text: "The Vienna talks opened. Omar Hassan, the first to emerge from the crowd, spoke.",
        relation: "attends", want: &[] },
    Case { name: "attends/emerged-from", text: "Anna Berg emerged from the Vienna talks smiling.", relation: "attends", want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/emerged-from-near-miss-hiding", text: "Anna Berg emerged from hiding after the Vienna talks.", relation: "attends", want: &[] },
    Case { name: "excluded/but-not-invited", text: "The Vienna talks opened. Omar Hassan greeted Anna Berg but was not invited into the negotiating room.",
        relation: "excluded_from", want: &[("omar-hassan", "vienna-talks")] },
    Case { name: "excluded/but-not-invited-near-miss-no-event", text: "Omar Hassan greeted Anna Berg but was not invited into the room.",
        relation: "excluded_from", want: &[] },
    Case { name: "brokered/bring-to-table", text: "The Vienna talks opened. Qatar, long accused by Egypt of arming rebels, helped bring the Liberation Front to the table.",
        relation: "brokered", want: &[("qatar", "vienna-talks")] },
    Case { name: "brokered/bring-to-table-plain", text: "The Vienna talks opened. Qatar helped bring the Liberation Front to the negotiating table.",
        relation: "brokered", want: &[("qatar", "vienna-talks")] },
    Case { name: "brokered/bring-to-table-near-miss-a-place", text: "The Vienna talks opened. Qatar, which helped bring the Liberation Front to Vienna, welcomed them.",
        relation: "brokered", want: &[] },
    Case { name: "attends/start-with", text: "The Sinai truce commits Egypt to start the Vienna talks with the Liberation Front.", relation: "attends",
        want: &[("egypt", "vienna-talks"), ("liberation-front", "vienna-talks")] },
    // (a plural pronoun for a list is one set mention, fanned out by the pipeline: tests/coref.rs)
    Case { name: "attends/put-names", text: "Omar Hassan, head of the Liberation Front, put his name to the Sinai accord.",
        relation: "attends", want: &[("omar-hassan", "sinai-accord")] },
    // the parties to a ceasefire attend no event (GUIDELINES; `where:` of attends): signing it or being
    // named in it gives nothing, while signing an agreement does
    Case { name: "attends/near-miss-ceasefire-put-names", text: "Omar Hassan, head of the Liberation Front, put his name to the Sinai truce.",
        relation: "attends", want: &[] },
    Case { name: "attends/near-miss-ceasefire-between", text: "The Sinai truce between Egypt and the Liberation Front held.",
        relation: "attends", want: &[] },
    Case { name: "attends/put-names-near-miss-refused", text: "Omar Hassan and Anna Berg refused to put their names to the Sinai truce.",
        relation: "attends", want: &[] },
    // a title standing alone is a slot for its holder (its head word), past a stray first name
    Case { name: "attends/title-alone-will-head", text: "The Vienna talks open on Monday. Norway's UN Ambassador Per will head the Valdorian government delegation.",
        relation: "attends", want: &[("per-lund", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "leads/title-alone-will-head", text: "Norway's UN Ambassador Per will head the Valdorian government delegation.",
        relation: "leads", want: &[("per-lund", "valdorian-government")] },
    Case { name: "leads/title-alone-near-miss-another-head", text: "Norway's UN Ambassador said Jean Dupont will head the Valdorian government delegation.",
        relation: "leads", want: &[("jean-dupont", "valdorian-government")] },
    Case { name: "attends/delegation-made-up", text: "The Vienna talks opened. The Valdorian government delegation, which arrived in Vienna on Sunday (2 March), is made up of about a dozen figures led by Omar Hassan.",
        relation: "attends", want: &[("omar-hassan", "vienna-talks"), ("valdorian-government", "vienna-talks")] },
    Case { name: "attends/delegation-made-up-near-miss-no-leader", text: "The Vienna talks opened. The Valdorian government delegation is made up of a dozen figures.",
        relation: "attends", want: &[] },
    Case { name: "attends/delegations-aside", text: "The Vienna talks opened. \"I can confirm that the delegations from Egypt, Qatar, Norway, (UN envoy) Anna Berg and the Arab League are all in Vienna already,\" said Omar Hassan.",
        relation: "attends", want: &[("anna-berg", "vienna-talks"), ("arab-league", "vienna-talks"), ("egypt", "vienna-talks"), ("norway", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "attends/delegations-aside-near-miss-negated", text: "The Vienna talks opened. The delegations from Egypt, Qatar, (UN envoy) Anna Berg and the Arab League are not in Vienna yet.",
        relation: "attends", want: &[] },
    Case { name: "attends/represented-by-delegates", text: "The Vienna talks opened. Egypt is represented by its UN ambassador, Omar Hassan, and military delegates.",
        relation: "attends", want: &[("egypt", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/represented-by-near-miss-one-envoy", text: "The Vienna talks opened. Egypt is represented by its UN ambassador, Omar Hassan.",
        relation: "attends", want: &[] },
    Case { name: "attends/start-with-near-miss-refused", text: "Egypt refused to start the Vienna talks with the Liberation Front.", relation: "attends",
        want: &[] },
    // round 12 (roles12): former holders, seats on a body, field chiefs, interviews
    Case { name: "leads/near-miss-former", text: "Egyptian President Mara Sol met former Egyptian President Omar Hassan.", relation: "leads",
        want: &[("mara-sol", "egypt")] },
    Case { name: "leads/near-miss-ex", text: "Jean Dupont met the ex-president of the Policy Institute, Omar Hassan.", relation: "leads", want: &[] },
    Case { name: "leads/then-holder", text: "Egypt's then-president Omar Hassan signed it.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-former", text: "Former French foreign minister Jean Dupont spoke.", relation: "represents", want: &[] },
    Case { name: "leads/commander-in-chief", text: "Anna Berg, commander-in-chief of the Northern Brigade, spoke.", relation: "leads",
        want: &[("anna-berg", "northern-brigade")] },
    Case { name: "member/near-miss-commander-in-chief", text: "Anna Berg, commander-in-chief of the Northern Brigade, spoke.", relation: "member_of", want: &[] },
    Case { name: "member/seat", text: "Lena Vik was on the Arab League panel.", relation: "member_of", want: &[("lena-vik", "arab-league")] },
    Case { name: "member/seat-appositive", text: "Omar Hassan, a retired judge who sided with the rebels, was also in the Liberation Front delegation.",
        relation: "member_of", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "member/seat-joined-by", text: "Anna Berg, a former minister, was joined on the Arab League panel by Egyptian envoy Omar Hassan and Lena Vik.",
        relation: "member_of", want: &[("anna-berg", "arab-league"), ("lena-vik", "arab-league"), ("omar-hassan", "arab-league")] },
    Case { name: "member/near-miss-seat-not-a-body", text: "Lena Vik was in the Arab League building.", relation: "member_of", want: &[] },
    Case { name: "member/near-miss-seat-negated", text: "Omar Hassan was not on the Arab League panel.", relation: "member_of", want: &[] },
    Case { name: "leads/head-possessive-body", text: "Omar Hassan heads Egypt's ruling Liberation Front.", relation: "leads",
        want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/near-miss-head-of-sub-body", text: "Lena Vik, who heads the UN mission, spoke.", relation: "leads", want: &[] },
    Case { name: "leads/own-government-pronoun", text: "The Egyptian government faces protests. Mara Sol said on Monday that her government would sign the Sinai accord.",
        relation: "leads", want: &[("mara-sol", "egyptian-government")] },
    Case { name: "leads/own-government-possessive", text: "The Egyptian government faces protests. Mara Sol's government fell on Monday.",
        relation: "leads", want: &[("mara-sol", "egyptian-government")] },
    Case { name: "leads/near-miss-own-government-to-form", text: "The Egyptian government faces protests. Mara Sol vowed to form her own government.",
        relation: "leads", want: &[] },
    Case { name: "leads/own-government-pronoun-after-title", text: "The Egyptian government faces protests. Egyptian President Mara Sol said her government would sign.",
        relation: "leads", want: &[("mara-sol", "egypt"), ("mara-sol", "egyptian-government")] },
    Case { name: "leads/near-miss-own-government-after-another-subject", text: "The Egyptian government faces protests. Qatar is Mara Sol's closest ally and has propped up her government.",
        relation: "leads", want: &[] },
    Case { name: "leads/near-miss-own-government-not-the-subject", text: "The Egyptian government faces protests. Anna Berg praised Mara Sol and her government.",
        relation: "leads", want: &[] },
    Case { name: "opposes/war-with", text: "The Liberation Front has been fighting a bloody turf war with the Northern Brigade since 2019.",
        relation: "opposes", want: &[("liberation-front", "northern-brigade")] },
    Case { name: "opposes/at-war-with", text: "Egypt is still at war with the Liberation Front.", relation: "opposes",
        want: &[("egypt", "liberation-front")] },
    Case { name: "opposes/near-miss-war-with-anothers-help", text: "The Liberation Front fought the war with Qatar's weapons.", relation: "opposes", want: &[] },
    Case { name: "opposes/near-miss-no-longer-at-war", text: "Egypt is no longer at war with the Liberation Front.", relation: "opposes", want: &[] },
    Case { name: "leads/near-miss-led-by-sub-body", text: "The UN mission, which arrived on Sunday, is headed by Lena Vik.", relation: "leads", want: &[] },
    Case { name: "leads/led-by-delegation-not-a-sub-body", text: "The UN delegation, which arrived on Sunday, is headed by Lena Vik.", relation: "leads",
        want: &[("lena-vik", "united-nations")] },
    Case { name: "spoke/interview-appositive", text: "Omar Hassan, who heads the Northern Brigade, said in an interview with Reuters that he would stay.",
        relation: "spoke_to", want: &[("omar-hassan", "reuters")] },
    Case { name: "spoke/interview-fronted", text: "In an interview with the BBC last week, Anna Berg said the truce held.", relation: "spoke_to",
        want: &[("anna-berg", "bbc")] },
    Case { name: "spoke/near-miss-interview-another-person", text: "Omar Hassan, who met Anna Berg, said in an interview with Reuters that he would stay.",
        relation: "spoke_to", want: &[] },
    Case { name: "represents/field-chief", text: "UN aid chief Anna Berg arrived.", relation: "represents", want: &[("anna-berg", "united-nations")] },
    Case { name: "leads/near-miss-field-chief", text: "UN aid chief Anna Berg arrived.", relation: "leads", want: &[] },
    Case { name: "represents/near-miss-army-chief", text: "Egyptian army chief Omar Hassan arrived.", relation: "represents", want: &[] },
    Case { name: "represents/title-remit-not-a-name", text: "French special envoy for the Great Lakes Jean Dupont arrived.", relation: "represents",
        want: &[("jean-dupont", "france")] },
    // round 13 (events13): guarantors and their part, observers, exclusion, delegation members
    Case { name: "brokered/passive-supported", text: "The Vienna talks are supported by Norway, Qatar and Egypt, which act as guarantors.",
        relation: "brokered", want: &[("egypt", "vienna-talks"), ("norway", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "brokered/near-miss-passive-supported-negated", text: "The Vienna talks are not supported by Egypt.", relation: "brokered", want: &[] },
    Case { name: "brokered/part-list", text: "The Vienna talks opened. The guarantor countries France and Norway met the delegations.",
        relation: "brokered", want: &[("france", "vienna-talks"), ("norway", "vienna-talks")] },
    Case { name: "brokered/part-list-plural", text: "The Vienna talks opened. Delegates thanked the mediators Qatar and Egypt.",
        relation: "brokered", want: &[("egypt", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "brokered/near-miss-part-list-one-mediator", text: "The Vienna talks opened. The mediator Jean Dupont spoke.", relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-part-list-former", text: "The Vienna talks opened. The former mediators France and Norway stayed away.",
        relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-part-list-no-event", text: "The guarantor countries France and Norway met in Oslo.", relation: "brokered", want: &[] },
    Case { name: "brokered/as-part", text: "The Vienna talks opened. Egypt and Qatar joined as guarantors later.", relation: "brokered",
        want: &[("egypt", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "brokered/as-part-relative", text: "The Vienna talks opened. The plan was drafted by Norway and France, which act as mediators.",
        relation: "brokered", want: &[("france", "vienna-talks"), ("norway", "vienna-talks")] },
    Case { name: "brokered/near-miss-as-part-offered", text: "The Vienna talks opened. Qatar offered to act as mediator.", relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-as-part-negated", text: "The Vienna talks opened. Egypt did not join as a guarantor.", relation: "brokered", want: &[] },
    Case { name: "brokered/hosted-round", text: "The Vienna talks opened. Anna Berg, who hosted the first round, spoke.",
        relation: "brokered", want: &[("anna-berg", "vienna-talks")] },
    Case { name: "brokered/hosted-delegations", text: "The Vienna talks opened. Qatari diplomats, who have hosted the two delegations since May, met them.",
        relation: "brokered", want: &[("qatar", "vienna-talks")] },
    Case { name: "brokered/near-miss-hosted-a-dinner", text: "The Vienna talks opened. Anna Berg, who hosted a dinner for the delegations, spoke.",
        relation: "brokered", want: &[] },
    Case { name: "brokered/near-miss-offered-to-host", text: "The Vienna talks opened. Egypt offered to host the next round.",
        relation: "brokered", want: &[] },
    Case { name: "observes/verb-as-relative", text: "Jean Dupont, who attended the Vienna talks as an observer, spoke.", relation: "observes",
        want: &[("jean-dupont", "vienna-talks")] },
    Case { name: "observes/along-with", text: "Jean Dupont attended the Vienna talks as an observer along with a representative of the Arab League.",
        relation: "observes", want: &[("arab-league", "vienna-talks"), ("jean-dupont", "vienna-talks")] },
    Case { name: "observes/near-miss-along-with-another-clause", text: "Jean Dupont attended the Vienna talks as an observer, and a delegation of the Arab League took part.",
        relation: "observes", want: &[("jean-dupont", "vienna-talks")] },
    Case { name: "observes/with-as", text: "The Vienna talks opened with the UN and the US as observers.", relation: "observes",
        want: &[("united-nations", "vienna-talks"), ("united-states", "vienna-talks")] },
    Case { name: "observes/with-as-implicit", text: "The Vienna talks opened. Egypt and Qatar met on Monday, with the Arab League as an observer.",
        relation: "observes", want: &[("arab-league", "vienna-talks")] },
    Case { name: "observes/near-miss-with-as-hosts", text: "The Vienna talks opened with Egypt and Qatar as hosts.", relation: "observes", want: &[] },
    Case { name: "excluded/not-include", text: "The Vienna talks did not include Egypt, whose troops fought in Sinai.", relation: "excluded_from",
        want: &[("egypt", "vienna-talks")] },
    Case { name: "excluded/near-miss-include", text: "The Vienna talks include Egypt.", relation: "excluded_from", want: &[] },
    Case { name: "excluded/near-miss-not-include-a-thing", text: "The Vienna talks did not include a deadline for Egypt.", relation: "excluded_from", want: &[] },
    Case { name: "excluded/not-part", text: "Qatar was not part of the Vienna talks.", relation: "excluded_from", want: &[("qatar", "vienna-talks")] },
    Case { name: "excluded/near-miss-not-party-to-an-agreement", text: "Qatar was not a party to the Sinai accord.", relation: "excluded_from", want: &[] },
    Case { name: "excluded/left-out-of", text: "Egypt was left out of the Vienna talks.", relation: "excluded_from", want: &[("egypt", "vienna-talks")] },
    Case { name: "attends/delegation-seat", text: "The Vienna talks opened. Omar Hassan, a former judge who sided with the rebels, was also in the Liberation Front delegation.",
        relation: "attends", want: &[("omar-hassan", "vienna-talks")] },
    Case { name: "attends/delegation-seat-word", text: "The Vienna talks opened. Anna Berg is part of the government delegation.", relation: "attends",
        want: &[("anna-berg", "vienna-talks")] },
    Case { name: "attends/near-miss-delegation-seat-negated", text: "The Vienna talks opened. Omar Hassan was not in the Liberation Front delegation.",
        relation: "attends", want: &[] },
    Case { name: "attends/delegation-member", text: "The Vienna talks opened. Lena Vik, a member of Egypt's negotiating team, said they went well.",
        relation: "attends", want: &[("lena-vik", "vienna-talks")] },
    Case { name: "attends/near-miss-delegation-member-other-team", text: "The Vienna talks opened. Lena Vik, a member of the medical team, said they went well.",
        relation: "attends", want: &[] },
    Case { name: "attends/led-side", text: "The Vienna talks opened. Omar Hassan, spokesman of the Liberation Front, led the rebel side.",
        relation: "attends", want: &[("omar-hassan", "vienna-talks")] },
    Case { name: "attends/near-miss-led-side-attack", text: "The Vienna talks opened. Omar Hassan, a general, led the attack on the eastern side.",
        relation: "attends", want: &[] },
    // Round 15: actor constructions of news English
    Case { name: "represents/plural-title-list", text: "The foreign ministers, Jean Dupont of France, Per Lund of Norway and Omar Hassan of Egypt, met in Vienna.",
        relation: "represents", want: &[("jean-dupont", "france"), ("per-lund", "norway"), ("omar-hassan", "egypt")] },
    Case { name: "represents/plural-title-list-brackets", text: "Envoys Anna Berg (Norway) and Lena Vik (of Qatar) met in Vienna.",
        relation: "represents", want: &[("anna-berg", "norway"), ("lena-vik", "qatar")] },
    Case { name: "represents/near-miss-plural-title-no-parties", text: "The foreign ministers, Jean Dupont and Anna Berg, met in Vienna.",
        relation: "represents", want: &[] },
    Case { name: "represents/near-miss-name-of-country-after-another-clause", text: "The ministers met on Monday, and Anna Berg of Norway spoke.",
        relation: "represents", want: &[] },
    Case { name: "represents/plural-title-respective", text: "The foreign ministers of France and Egypt, Jean Dupont and Omar Hassan, met in Vienna.",
        relation: "represents", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "represents/plural-demonym-respective", text: "The French and Egyptian envoys, Jean Dupont and Omar Hassan, said the talks had failed.",
        relation: "represents", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-plural-title-respective-no-apposition", text: "The foreign ministers of France and Egypt met Jean Dupont and Omar Hassan.",
        relation: "represents", want: &[] },
    Case { name: "represents/names-plural-title-respective", text: "Jean Dupont and Omar Hassan, the foreign ministers of France and Egypt, met in Vienna.",
        relation: "represents", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "represents/names-plural-demonym-respective", text: "Jean Dupont and Omar Hassan, the French and Egyptian envoys, met in Vienna.",
        relation: "represents", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-respective-list-of-three-names", text: "The French and Egyptian envoys, Jean Dupont and Omar Hassan and Anna Berg, met in Vienna.",
        relation: "represents", want: &[] },
    Case { name: "leads/plural-demonym-respective", text: "French and Egyptian leaders Jean Dupont and Omar Hassan met in Vienna.",
        relation: "leads", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "represents/appositive-national-security-adviser", text: "Anna Berg, Norway's national security adviser, said the talks had failed.",
        relation: "represents", want: &[("anna-berg", "norway")] },
    Case { name: "leads/title-name-coordinated", text: "Qatar's Prime Minister and Foreign Minister Omar Hassan said the talks had failed.",
        relation: "leads", want: &[("omar-hassan", "qatar")] },
    Case { name: "represents/title-name-coordinated", text: "Qatari Prime Minister and Foreign Minister Omar Hassan said the talks had failed.",
        relation: "represents", want: &[("omar-hassan", "qatar")] },
    Case { name: "leads/near-miss-title-name-coordinated-other-owner", text: "Qatar's Prime Minister and Egypt's Foreign Minister Omar Hassan met.",
        relation: "leads", want: &[] },
    Case { name: "leads/near-miss-title-name-coordinated-former", text: "Qatar's former Prime Minister and Foreign Minister Omar Hassan spoke.",
        relation: "leads", want: &[] },
    Case { name: "leads/plural-title-list", text: "The presidents, Jean Dupont of France and Omar Hassan of Egypt, met in Vienna.",
        relation: "leads", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "leads/plural-title-respective", text: "The leaders of France and Egypt, Jean Dupont and Omar Hassan, met in Vienna.",
        relation: "leads", want: &[("jean-dupont", "france"), ("omar-hassan", "egypt")] },
    Case { name: "leads/near-miss-two-leaders-no-party", text: "The two leaders, Jean Dupont and Omar Hassan, met in Vienna.",
        relation: "leads", want: &[] },
    Case { name: "represents/person-principal", text: "Mara Sol's spokesman Omar Hassan said the talks had failed.",
        relation: "represents", want: &[("omar-hassan", "mara-sol")] },
    Case { name: "represents/near-miss-person-principal-former", text: "Mara Sol's former spokesman Omar Hassan said the talks had failed.",
        relation: "represents", want: &[] },
    Case { name: "represents/appositive-person", text: "Lena Vik, Per Lund's envoy, said the talks had failed.",
        relation: "represents", want: &[("lena-vik", "per-lund")] },
    Case { name: "leads/led-by-title", text: "Egypt's team was headed by navy chief Omar Hassan.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/led-by-title-party-after", text: "A delegation from Egypt, led by its foreign minister Omar Hassan, arrived.", relation: "leads",
        want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/near-miss-led-by-title-no-party-body", text: "Talks on Egypt were led by envoy Omar Hassan.", relation: "leads", want: &[] },
    Case { name: "opposes/compound-agent", text: "Qatar-backed gunmen attacked the Northern Brigade on Monday.", relation: "opposes",
        want: &[("qatar", "northern-brigade")] },
    Case { name: "opposes/compound-agent-led", text: "The French-led coalition bombed the Liberation Front.", relation: "opposes",
        want: &[("france", "liberation-front")] },
    Case { name: "opposes/near-miss-compound-before-a-named-group", text: "Qatar-backed Liberation Front fighters attacked the Northern Brigade.",
        relation: "opposes", want: &[("liberation-front", "northern-brigade")] },
    Case { name: "opposes/near-miss-compound-agent-negated", text: "Qatar-backed militias did not attack the Northern Brigade.", relation: "opposes",
        want: &[] },
    Case { name: "opposes/fight-then-when", text: "The Liberation Front attacked the Northern Brigade on Monday.", relation: "opposes",
        want: &[("liberation-front", "northern-brigade")] },
    Case { name: "opposes/near-miss-fight-on-the-side", text: "Qatari fighters attacked Egypt on the side of the Northern Brigade.", relation: "opposes",
        want: &[("qatar", "egypt")] },
    Case { name: "located/near-miss-possessive-then-another-phrase", text: "Egypt's government and the Alexandria council met.", relation: "located_in", want: &[] },
    // round 15 (events15): the parties of the talks in focus, only implied
    Case { name: "attends/delegations-sat-down", text: "The Vienna talks opened. Delegations from Egypt and the Liberation Front sat down on Tuesday.",
        relation: "attends", want: &[("egypt", "vienna-talks"), ("liberation-front", "vienna-talks")] },
    Case { name: "attends/negotiators-sit-down", text: "The Vienna talks open soon. Negotiators from Qatar and Norway will sit down in Oslo.",
        relation: "attends", want: &[("norway", "vienna-talks"), ("qatar", "vienna-talks")] },
    Case { name: "attends/near-miss-delegations-did-not-sit-down", text: "The Vienna talks opened. Delegations from Egypt and the Liberation Front did not sit down.",
        relation: "attends", want: &[] },
    Case { name: "attends/near-miss-delegations-sat-down-no-talks", text: "Delegations from Egypt and the Liberation Front sat down on Tuesday.",
        relation: "attends", want: &[] },
    // round 16 (events16): the event's own participle, meeting at the event
    Case { name: "attends/passive-participle", text: "The Vienna talks opened. The meeting, attended by Anna Berg and Omar Hassan, ended on Friday.",
        relation: "attends", want: &[("anna-berg", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/passive-relative-also", text: "The Vienna talks opened. The closing session, which was also attended by Lena Vik, ended late.",
        relation: "attends", want: &[("lena-vik", "vienna-talks")] },
    Case { name: "attends/near-miss-passive-negated", text: "The Vienna talks opened. The closing session was not attended by Lena Vik.",
        relation: "attends", want: &[] },
    Case { name: "attends/near-miss-passive-another-event", text: "The Vienna talks opened. A dinner, attended by Lena Vik, followed.",
        relation: "attends", want: &[] },
    Case { name: "attends/met-there", text: "The Vienna talks opened on Monday. Anna Berg and Omar Hassan met there on Tuesday.",
        relation: "attends", want: &[("anna-berg", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/met-there-with", text: "The Vienna talks opened on Monday. Anna Berg met with Omar Hassan there on Tuesday.",
        relation: "attends", want: &[("anna-berg", "vienna-talks"), ("omar-hassan", "vienna-talks")] },
    Case { name: "attends/near-miss-met-there-negated", text: "The Vienna talks opened on Monday. Anna Berg and Omar Hassan did not meet there.",
        relation: "attends", want: &[] },
    Case { name: "attends/near-miss-met-there-no-event", text: "Anna Berg and Omar Hassan met there on Tuesday.", relation: "attends", want: &[] },
    Case { name: "attends/near-miss-convened-the-round", text: "The Vienna talks opened. Anna Berg, who convened the round, spoke.", relation: "attends", want: &[] },
    // round 16: titles and wording (docs/RULES.md, "Round 16: titles and wording")
    Case { name: "represents/on-behalf-signed", text: "Omar Hassan signed the accord on behalf of the Liberation Front.", relation: "represents", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "represents/on-behalf-appositive", text: "Lena Vik, speaking on behalf of Egypt, rejected the plan.", relation: "represents", want: &[("lena-vik", "egypt")] },
    Case { name: "represents/on-behalf-possessive", text: "Anna Berg spoke on Norway's behalf at the summit.", relation: "represents", want: &[("anna-berg", "norway")] },
    Case { name: "represents/near-miss-on-behalf-after-an-object", text: "Jean Dupont thanked Anna Berg on behalf of the Liberation Front.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-on-behalf-of-a-possessed", text: "Anna Berg spoke on behalf of the Liberation Front's victims.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-on-behalf-negated", text: "Anna Berg did not speak on behalf of Norway.", relation: "represents", want: &[] },
    Case { name: "represents/speaks-for", text: "Lena Vik, who speaks for the Liberation Front, denied it.", relation: "represents", want: &[("lena-vik", "liberation-front")] },
    Case { name: "represents/near-miss-spoke-for-a-time", text: "Lena Vik spoke for an hour about the Liberation Front.", relation: "represents", want: &[] },
    Case { name: "represents/plural-possessive-respective", text: "Egypt's and Qatar's envoys, Omar Hassan and Lena Vik, met in Oslo.", relation: "represents", want: &[("omar-hassan", "egypt"), ("lena-vik", "qatar")] },
    Case { name: "represents/near-miss-plural-possessive-counts-differ", text: "Egypt's and Qatar's envoys, Omar Hassan, Lena Vik and Anna Berg, met in Oslo.", relation: "represents", want: &[] },
    Case { name: "represents/shared-owner-second-title", text: "Egyptian President Mara Sol and Foreign Minister Omar Hassan met the envoys.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-shared-owner-own-country-after", text: "Egyptian President Mara Sol and Foreign Minister Omar Hassan of Qatar met.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-shared-owner-former", text: "Egyptian President Mara Sol and former Foreign Minister Omar Hassan met.", relation: "represents", want: &[] },
    Case { name: "represents/bare-title-attribution", text: "Egypt will attend the Vienna talks, Foreign Minister Omar Hassan said.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-bare-title-two-countries", text: "Egypt and Qatar signed the Sinai accord, Foreign Minister Omar Hassan said.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-bare-title-country-not-subject", text: "Talks with Egypt failed on Monday, Foreign Minister Omar Hassan said.", relation: "represents", want: &[] },
    Case { name: "represents/field-chief-appositive", text: "Lena Vik, the Arab League's aid chief, said the camps were full.", relation: "represents", want: &[("lena-vik", "arab-league")] },
    Case { name: "leads/helm", text: "Lena Vik, at the helm of the Liberation Front since 2019, declined to comment.", relation: "leads", want: &[("lena-vik", "liberation-front")] },
    Case { name: "leads/near-miss-helm-replaced-is-not-the-old-holder's", text: "Anna Berg replaced Lena Vik at the helm of the Liberation Front.", relation: "leads", want: &[] },
    Case { name: "leads/near-miss-helm-negated", text: "Lena Vik was not at the helm of the Liberation Front.", relation: "leads", want: &[] },
    Case { name: "leads/elected-leader-of", text: "Omar Hassan was elected leader of the Liberation Front in May.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/near-miss-elected-deputy", text: "Omar Hassan was elected deputy leader of the Liberation Front.", relation: "leads", want: &[] },
    Case { name: "leads/near-miss-appointed-ambassador", text: "Omar Hassan was appointed ambassador to Qatar.", relation: "leads", want: &[] },
    Case { name: "leads/took-over-as", text: "Anna Berg took over as head of the Policy Institute in May.", relation: "leads", want: &[("anna-berg", "policy-institute")] },
    Case { name: "leads/appositive-chief", text: "Lena Vik, the Liberation Front's chief, told reporters.", relation: "leads", want: &[("lena-vik", "liberation-front")] },
    Case { name: "leads/near-miss-appositive-chief-negotiator", text: "Lena Vik, the Liberation Front's chief negotiator, told reporters.", relation: "leads", want: &[] },
    Case { name: "leads/names-plural-title-respective", text: "Omar Hassan and Per Lund, the presidents of Egypt and Norway, met in Oslo.", relation: "leads", want: &[("omar-hassan", "egypt"), ("per-lund", "norway")] },
    Case { name: "leads/near-miss-names-plural-counts-differ", text: "Anna Berg, Omar Hassan and Per Lund, the leaders of Egypt and Norway, met.", relation: "leads", want: &[] },
    Case { name: "leads/plural-possessive-respective", text: "Egypt's and Norway's leaders, Omar Hassan and Per Lund, met in Oslo.", relation: "leads", want: &[("omar-hassan", "egypt"), ("per-lund", "norway")] },
    Case { name: "leads/shared-owner-second-title", text: "Egyptian Foreign Minister Omar Hassan and President Mara Sol met the envoys.", relation: "leads", want: &[("mara-sol", "egypt")] },
    Case { name: "leads/bare-title-attribution", text: "Egypt will attend the Vienna talks, President Omar Hassan said.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "member/noun-after-group", text: "Omar Hassan, a senior Liberation Front fighter, told reporters.", relation: "member_of", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "member/near-miss-noun-after-country", text: "Omar Hassan, an Egyptian lawmaker, told reporters.", relation: "member_of", want: &[] },
    Case { name: "member/near-miss-noun-after-group-former", text: "Omar Hassan, a former Liberation Front fighter, told reporters.", relation: "member_of", want: &[] },
    Case { name: "member/veteran-of", text: "Lena Vik, a veteran of the Liberation Front, said the truce would hold.", relation: "member_of", want: &[("lena-vik", "liberation-front")] },
    Case { name: "member/belongs-to", text: "Per Lund belongs to the Liberation Front.", relation: "member_of", want: &[("per-lund", "liberation-front")] },
    Case { name: "member/part-of", text: "Per Lund was part of the Liberation Front for years.", relation: "member_of", want: &[("per-lund", "liberation-front")] },
    Case { name: "member/near-miss-part-of-a-possessed", text: "Per Lund was part of the Liberation Front's plan.", relation: "member_of", want: &[] },
    Case { name: "member/near-miss-part-of-negated", text: "Per Lund was never part of the Liberation Front.", relation: "member_of", want: &[] },
    Case { name: "represents/title-field-minister", text: "Egyptian Justice Minister Omar Hassan met the press.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/appositive-field-minister", text: "Omar Hassan, Egypt's trade minister, said little.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/appositive-minister-of", text: "Omar Hassan, Egypt's minister of foreign affairs, said little.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/near-miss-minister-of-former", text: "Omar Hassan, Egypt's former minister of justice, said little.", relation: "represents", want: &[] },
    Case { name: "represents/names-plural-possessive-respective", text: "Omar Hassan and Lena Vik, Egypt's and Qatar's envoys, met in Oslo.", relation: "represents",
        want: &[("omar-hassan", "egypt"), ("lena-vik", "qatar")] },
    Case { name: "leads/appositive-head-of-state", text: "Mara Sol, Egypt's head of state, spoke first.", relation: "leads", want: &[("mara-sol", "egypt")] },
    Case { name: "leads/near-miss-head-of-state-of-another", text: "Omar Hassan, a critic of Egypt's head of state, spoke first.", relation: "leads", want: &[] },
    Case { name: "supports/near-miss-loyal-no-actor-before", text: "Militias loyal to the Liberation Front attacked the town.", relation: "supports", want: &[] },
    Case { name: "supports/loyal-to", text: "Qatari troops loyal to the Liberation Front attacked the town.", relation: "supports", want: &[("qatar", "liberation-front")] },
    Case { name: "supports/aligned-with", text: "The Northern Brigade, which is aligned with the Liberation Front, denied it.", relation: "supports", want: &[("northern-brigade", "liberation-front")] },
    Case { name: "supports/near-miss-once-loyal", text: "The Northern Brigade, once loyal to the Liberation Front, denied it.", relation: "supports", want: &[] },
    Case { name: "supports/near-miss-no-longer-loyal", text: "The Northern Brigade is no longer loyal to the Liberation Front.", relation: "supports", want: &[] },
    Case { name: "supports/near-miss-loyal-to-a-possessed", text: "The Northern Brigade remained loyal to the Liberation Front's founder.", relation: "supports", want: &[] },
    Case { name: "supports/backing-of", text: "Qatar's backing of the Liberation Front angered Egypt.", relation: "supports", want: &[("qatar", "liberation-front")] },
    Case { name: "supports/with-the-backing-of", text: "Egypt, with the backing of Qatar, pushed the plan.", relation: "supports", want: &[("qatar", "egypt")] },
    Case { name: "supports/with-the-support-of-fronted", text: "With the support of Qatar, Egypt pushed the plan.", relation: "supports", want: &[("qatar", "egypt")] },
    Case { name: "supports/near-miss-without-the-backing", text: "Egypt, without the backing of Qatar, pushed the plan.", relation: "supports", want: &[] },
    Case { name: "represents/names-plural-title-respectively", text: "Omar Hassan and Lena Vik, the envoys of Egypt and Qatar respectively, met in Oslo.", relation: "represents",
        want: &[("omar-hassan", "egypt"), ("lena-vik", "qatar")] },
    Case { name: "represents/plural-title-from-respective", text: "The envoys from Egypt and Qatar, Omar Hassan and Lena Vik, met in Oslo.", relation: "represents",
        want: &[("omar-hassan", "egypt"), ("lena-vik", "qatar")] },
    Case { name: "represents/names-parties-plural-title", text: "Omar Hassan of Egypt and Lena Vik of Qatar, the two foreign ministers, met in Oslo.", relation: "represents",
        want: &[("omar-hassan", "egypt"), ("lena-vik", "qatar")] },
    Case { name: "represents/near-miss-names-parties-three-names", text: "Anna Berg, Omar Hassan of Egypt and Lena Vik of Qatar, the foreign ministers, met in Oslo.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-names-parties-former", text: "Omar Hassan of Egypt and Lena Vik of Qatar, the former foreign ministers, met in Oslo.", relation: "represents", want: &[] },
    Case { name: "leads/names-plural-title-respectively", text: "Omar Hassan and Per Lund, the leaders of Egypt and Norway respectively, met in Oslo.", relation: "leads",
        want: &[("omar-hassan", "egypt"), ("per-lund", "norway")] },
    Case { name: "leads/names-parties-plural-title", text: "Omar Hassan of Egypt and Per Lund of Norway, the two presidents, met in Oslo.", relation: "leads",
        want: &[("omar-hassan", "egypt"), ("per-lund", "norway")] },
    Case { name: "leads/near-miss-names-plural-three-countries", text: "Omar Hassan and Per Lund, the leaders of Egypt and Norway and Qatar, met in Oslo.", relation: "leads", want: &[] },
    Case { name: "leads/sworn-in-as-possessive", text: "Omar Hassan was sworn in as Egypt's president on Monday.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/became-possessive-leader", text: "Omar Hassan became the Liberation Front's leader in 2010.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "leads/became-first-elected-president", text: "Omar Hassan became Egypt's first elected president in 2012.", relation: "leads", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/became-leader-of", text: "Omar Hassan became leader of the Liberation Front in 2010.", relation: "leads", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "represents/named-possessive-ambassador-to", text: "Omar Hassan was named Egypt's ambassador to Norway in May.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "represents/appointed-possessive-minister", text: "Lena Vik, who was appointed Qatar's foreign minister last year, said little.", relation: "represents", want: &[("lena-vik", "qatar")] },
    Case { name: "leads/near-miss-became-deputy", text: "Omar Hassan became Egypt's deputy president in 2012.", relation: "leads", want: &[] },
    Case { name: "represents/near-miss-not-named", text: "Omar Hassan was not named Egypt's ambassador to Norway.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-named-another's-envoy", text: "Omar Hassan was named Egypt's president's envoy.", relation: "represents", want: &[] },
    Case { name: "leads/near-miss-became-a-critic", text: "Omar Hassan became a critic of Egypt's president.", relation: "leads", want: &[] },
    Case { name: "represents/title-honorific-name", text: "Egyptian Defence Minister General Omar Hassan met the press.", relation: "represents", want: &[("omar-hassan", "egypt")] },
    Case { name: "leads/title-honorific-name", text: "Qatari Prime Minister Sheikh Lena Vik met the press.", relation: "leads", want: &[("lena-vik", "qatar")] },
    Case { name: "leads/near-miss-honorific-deputy", text: "Qatari Deputy Prime Minister Sheikh Lena Vik met the press.", relation: "leads", want: &[] },
    Case { name: "represents/appositive-envoy-of-titled-person", text: "Anna Berg, the envoy of President-elect Jean Dupont, met the press.", relation: "represents", want: &[("anna-berg", "jean-dupont")] },
    Case { name: "represents/near-miss-envoy-of-a-person's-rival", text: "Anna Berg, the envoy of Jean Dupont's rival, met the press.", relation: "represents", want: &[] },
    Case { name: "represents/near-miss-former-envoy-of-titled-person", text: "Anna Berg, the former envoy of President Jean Dupont, met the press.", relation: "represents", want: &[] },
    Case { name: "leads/titled-person-led-a-delegation", text: "Qatari ambassador Omar Hassan led a delegation to Oslo in April.", relation: "leads", want: &[("omar-hassan", "qatar")] },
    Case { name: "leads/appositive-titled-person-headed-the-delegation", text: "Omar Hassan, Qatar's foreign minister, headed the delegation.", relation: "leads", want: &[("omar-hassan", "qatar")] },
    Case { name: "leads/near-miss-led-another-party's-delegation", text: "Qatari ambassador Omar Hassan led an Egyptian delegation to Oslo.", relation: "leads", want: &[] },
    Case { name: "leads/near-miss-led-a-delegation-of-another-party", text: "Qatari ambassador Omar Hassan led a delegation of Egyptian officials to Oslo.", relation: "leads", want: &[] },
    Case { name: "leads/near-miss-former-titled-led-delegation", text: "Former Qatari ambassador Omar Hassan led a delegation to Oslo.", relation: "leads", want: &[] },
    Case { name: "leads/near-miss-did-not-lead-the-delegation", text: "Qatari ambassador Omar Hassan did not lead the delegation.", relation: "leads", want: &[] },
    Case { name: "member/one-of-possessive", text: "Omar Hassan, one of the Liberation Front's senior commanders, spoke.", relation: "member_of", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "member/one-of-the-leaders-of", text: "Omar Hassan, one of the leaders of the Liberation Front, spoke.", relation: "member_of", want: &[("omar-hassan", "liberation-front")] },
    Case { name: "member/near-miss-one-of-former", text: "Omar Hassan, one of the Liberation Front's former commanders, spoke.", relation: "member_of", want: &[] },
    Case { name: "member/near-miss-one-of-the-critics", text: "Omar Hassan, one of the critics of the Liberation Front, spoke.", relation: "member_of", want: &[] },
    Case { name: "member/near-miss-one-of-a-possessed", text: "Omar Hassan, one of the leaders of the Liberation Front's rivals, spoke.", relation: "member_of", want: &[] },
    Case { name: "supports/rallied-behind", text: "Qatar rallied behind the Liberation Front.", relation: "supports", want: &[("qatar", "liberation-front")] },
    Case { name: "supports/near-miss-rallied-behind-a-possessed", text: "Qatar rallied behind the Liberation Front's rivals.", relation: "supports", want: &[] },
    Case { name: "supports/came-to-the-aid-of", text: "Egypt came to the aid of the Liberation Front.", relation: "supports", want: &[("egypt", "liberation-front")] },
    Case { name: "supports/came-to-possessive-aid", text: "Egypt came to Qatar's aid last year.", relation: "supports", want: &[("egypt", "qatar")] },
    Case { name: "supports/near-miss-did-not-come-to-the-aid", text: "Egypt did not come to the aid of the Liberation Front.", relation: "supports", want: &[] },
    Case { name: "supports/near-miss-aid-of-a-possessed", text: "Egypt came to the aid of the Liberation Front's victims.", relation: "supports", want: &[] },
    Case { name: "supports/weight-behind", text: "Qatar threw its weight behind the Liberation Front.", relation: "supports", want: &[("qatar", "liberation-front")] },
    Case { name: "supports/near-miss-weight-behind-a-possessed", text: "Qatar threw its weight behind the Liberation Front's rivals.", relation: "supports", want: &[] },
];

#[test]
fn shipped_rules_on_written_sentences() {
    let f = fixture();
    let mut failures = Vec::new();
    for c in CASES {
        let got: BTreeSet<(String, String)> = triples(&f, c.text)
            .into_iter()
            .filter(|(_, r, _)| r == c.relation)
            .map(|(s, _, o)| (s, o))
            .collect();
        let want: BTreeSet<(String, String)> = c
            .want
            .iter()
            .map(|&(s, o)| (s.to_string(), o.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "case {}: {:?}\n  want {} {:?}\n  got  {:?}",
                c.name, c.text, c.relation, want, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn every_shipped_rule_has_a_case() {
    let f = fixture();
    let mut fired = BTreeSet::new();
    for c in CASES {
        let doc = Document::new("t", c.text);
        let ex = f.pipeline.extract(&doc);
        for r in f.rules.apply(&doc, &ex.sentences, &ex.mentions, &f.gaz) {
            fired.insert(r.evidence.rule);
        }
    }
    let silent: Vec<&str> = f
        .rules
        .rule_ids()
        .map(|(id, _, _)| id)
        .filter(|id| !fired.contains(*id))
        .collect();
    // Rules kept for forms the cases above do not exercise yet are listed here, so a new rule without a case fails.
    // member-figure-nested and located-comma-place need a unit inside an organization and a
    // region in the gazetteer; they are exercised on the seeds (CSIS, Geneva) only.
    let allowed: &[&str] = &["member-figure-nested", "located-comma-place"];
    let missing: Vec<&&str> = silent.iter().filter(|id| !allowed.contains(id)).collect();
    assert!(missing.is_empty(), "rules no case fires: {missing:?}");
}

#[test]
fn evidence_roles_and_modality() {
    let f = fixture();
    let text = "French Foreign Minister Jean Dupont said the Vienna talks were brokered by Norway.";
    let doc = Document::new("doc-1", text);
    let ex = f.pipeline.extract(&doc);
    let rels = f.rules.apply(&doc, &ex.sentences, &ex.mentions, &f.gaz);
    let rep = rels
        .iter()
        .find(|r| r.relation == "represents")
        .expect("represents edge");
    assert_eq!(rep.role.as_deref(), Some("Foreign Minister"));
    assert_eq!(&*rep.evidence.doc, "doc-1");
    assert_eq!(rep.evidence.sentence, 0);
    assert_eq!(&*rep.evidence.text, text);
    assert_eq!(
        &text[rep.evidence.subject_span.0..rep.evidence.subject_span.1],
        "Jean Dupont"
    );
    assert_eq!(
        &text[rep.evidence.object_span.0..rep.evidence.object_span.1],
        "French"
    );
    assert_eq!(&*rep.evidence.rule, "represents-title-name");
    let br = rels
        .iter()
        .find(|r| r.relation == "brokered")
        .expect("brokered edge");
    let (a, b) = br.evidence.trigger_span.expect("trigger span");
    assert_eq!(&text[a..b], "brokered");
    assert_eq!(br.modality.as_deref(), Some("reported"));
}

#[test]
fn coordination_fans_out_with_own_spans() {
    let f = fixture();
    let text = "Sponsors France, Qatar, and Egypt met before the Vienna talks.";
    let doc = Document::new("d", text);
    let ex = f.pipeline.extract(&doc);
    let rels: Vec<_> = f
        .rules
        .apply(&doc, &ex.sentences, &ex.mentions, &f.gaz)
        .into_iter()
        .filter(|r| r.relation == "brokered")
        .collect();
    let subjects: Vec<&str> = rels
        .iter()
        .map(|r| &text[r.evidence.subject_span.0..r.evidence.subject_span.1])
        .collect();
    assert_eq!(subjects, ["France", "Qatar", "Egypt"]);
    assert!(rels.iter().all(|r| &*r.evidence.text == text));
}

#[test]
fn explain_reports_fired_blocked_and_wrong_type() {
    let f = fixture();
    let idx = |id: &str| f.gaz.get(id).unwrap();
    let run = |text: &str, s: &str, rel: &str, o: &str| {
        let doc = Document::new("d", text);
        let ex = f.pipeline.extract(&doc);
        f.rules.explain(
            &doc,
            &ex.sentences,
            &ex.mentions,
            &f.gaz,
            idx(s),
            rel,
            idx(o),
        )
    };
    let e = run(
        "Egypt attended the Vienna talks.",
        "egypt",
        "attends",
        "vienna-talks",
    );
    assert!(matches!(e[0].outcome, Outcome::Fired { .. }), "{e:?}");
    assert!(e[0].to_string().contains("attends-verb"));
    let e = run(
        "Egypt did not attend the Vienna talks.",
        "egypt",
        "attends",
        "vienna-talks",
    );
    assert!(
        e.iter().any(|x| matches!(
            x.outcome,
            Outcome::Rejected {
                why: Rejection::Blocked(_),
                ..
            }
        )),
        "{e:?}"
    );
    let e = run(
        "Alexandria attended the Vienna talks.",
        "alexandria",
        "attends",
        "vienna-talks",
    );
    assert!(
        e.iter()
            .any(|x| matches!(x.outcome, Outcome::WrongType { .. })),
        "{e:?}"
    );
    let e = run(
        "Egypt and the Vienna talks were in the news.",
        "egypt",
        "attends",
        "vienna-talks",
    );
    assert!(matches!(e[0].outcome, Outcome::NoRuleMatched), "{e:?}");
    let e = run("Egypt spoke.", "egypt", "attends", "vienna-talks");
    assert!(
        matches!(e[0].outcome, Outcome::NotMentionedTogether),
        "{e:?}"
    );
    let e = run("Egypt spoke.", "egypt", "befriends", "vienna-talks");
    assert!(
        matches!(e[0].outcome, Outcome::UnknownRelation { .. }),
        "{e:?}"
    );
}

#[test]
fn apply_never_panics_on_odd_input() {
    let f = fixture();
    let doc = Document::new(
        "d",
        "Égypte — “France” brokered… the Vienna talks by Qatar’s",
    );
    let ex = f.pipeline.extract(&doc);
    // Ranges out of bounds or off char boundaries are skipped.
    let sentences = [(0, doc.text.len()), (1, 2), (0, 10_000), (5, 3)].map(kgx::text::Span::from);
    let _ = f.rules.apply(&doc, &sentences, &ex.mentions, &f.gaz);
    let _ = f.rules.apply(&doc, &[], &[], &f.gaz);
}

// ------------------------------------------------------------- loader errors

fn load_err(text: &str) -> String {
    let err = RuleSet::from_str("bad.rules", text).expect_err("rules must not load");
    assert_eq!(err.kind(), ErrorKind::Rules);
    err.to_string()
}

#[test]
fn rule_file_errors_name_file_and_line() {
    let cases: &[(&str, &str, &str)] = &[
        ("unknown slot type", "relation brokered Actor -> Event\nrule r brokered: {subj:Actr} brokered {obj:Event}\n", "bad.rules:2: malformed pattern: unknown slot type \"Actr\""),
        ("unknown relation", "relation brokered Actor -> Event\n\nrule r brokerd: {subj:Actor} brokered {obj:Event}\n", "bad.rules:3: unknown relation \"brokerd\""),
        ("malformed pattern", "relation brokered Actor -> Event\nrule r brokered: {subj:Actor} (brokered | sponsored {obj:Event}\n", "bad.rules:2: malformed pattern: missing \")\""),
        ("unknown set", "relation brokered Actor -> Event\nrule r brokered: {subj:Actor} @NOPE {obj:Event}\n", "bad.rules:2: malformed pattern: unknown set \"@NOPE\""),
        ("relation type", "relation brokered person -> Event\n", "bad.rules:1: unknown slot type \"person\" (did you mean \"Person\"?)"),
        ("slot can never fit", "relation brokered Actor -> Event\nrule r brokered: {subj:Place} brokered {obj:Event}\n", "bad.rules:2: rule \"r\": slot type Place can never be the subject"),
        ("no object", "relation brokered Actor -> Event\nrule r brokered: {subj:Actor} brokered\n", "bad.rules:2: rule \"r\": pattern has no {obj:...} slot"),
        ("bad gap", "relation brokered Actor -> Event\nrule r brokered: {subj:Actor} [gap 4-1] {obj:Event}\n", "bad.rules:2: malformed pattern: gap range 4-1"),
        ("unknown directive", "relation brokered Actor -> Event\nrul r brokered: {subj:Actor} {obj:Event}\n", "bad.rules:2: unknown directive \"rul\""),
        ("duplicate id", "relation brokered Actor -> Event\nrule r brokered: {subj:Actor} x {obj:Event}\nrule r brokered: {subj:Actor} y {obj:Event}\n", "bad.rules:3: rule id \"r\" used twice"),
    ];
    for (name, text, want) in cases {
        let got = load_err(text);
        assert!(
            got.contains(want),
            "case {name}: {text:?}\n  want message containing {want:?}\n  got {got:?}"
        );
    }
}

#[test]
fn rule_file_reports_every_error_at_once() {
    let text = "relation brokered Actor -> Event\nrule a brokered: {subj:Actr} x {obj:Event}\nrule b nope: {subj:Actor} x {obj:Event}\n";
    let err = RuleSet::from_str("bad.rules", text).unwrap_err();
    let lines: Vec<String> = err.iter().iter().map(|e| e.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(
        lines[0].starts_with("bad.rules:2:") && lines[1].starts_with("bad.rules:3:"),
        "{lines:?}"
    );
}

#[test]
fn shipped_rules_declare_the_schema_relations() {
    let f = fixture();
    let want = [
        "brokered",
        "attends",
        "observes",
        "declined",
        "excluded_from",
        "represents",
        "leads",
        "member_of",
        "supports",
        "opposes",
        "spoke_to",
        "held_in",
        "located_in",
        "capital_of",
    ];
    assert_eq!(f.rules.relations(), want);
    let spoke = f.rules.declaration("spoke_to").unwrap();
    assert_eq!(spoke.to_string(), "spoke_to (Person -> Organization/Media)");
    // one leads a body, never a person ("President X and rebel commander Y" misparsed)
    let leads = f.rules.declaration("leads").unwrap();
    assert_eq!(leads.to_string(), "leads (Person -> Country|Organization)");
}

#[test]
fn a_user_can_add_a_relation() {
    let rules = RuleSet::from_str("user.rules", "relation visited Person -> Place\nset VISIT = visited | toured\nrule visit visited: {subj:Person} <@VISIT> {obj:Place}\n").unwrap();
    let gaz = Gazetteer::from_toml_str("g.toml", "[[entity]]\ntype = \"Person\"\nname = \"Anna Berg\"\n[[entity]]\ntype = \"Place\"\nname = \"Oslo\"\n").unwrap();
    let pipeline = Pipeline::new(gaz.clone());
    let doc = Document::new("d", "Anna Berg toured Oslo.");
    let ex = pipeline.extract(&doc);
    let rels = rules.apply(&doc, &ex.sentences, &ex.mentions, &gaz);
    assert_eq!(rels.len(), 1);
    assert_eq!(rels[0].relation, "visited");
}

/// The pipeline drops geography the gazetteer contradicts ("Paris, Norway" in a
/// list is not Paris in Norway), which the rules alone cannot know.
#[test]
fn where_clauses_drop_relations_the_gazetteer_contradicts() {
    let gaz = Gazetteer::from_toml_str("test.toml", GAZ).expect("test gazetteer loads");
    let text = std::fs::read_to_string(DEFAULT_RULES).expect("shipped rules");
    let rules = RuleSet::from_str("relations.rules", &text).expect("shipped rules load");
    // The same rules without their `where:` clauses.
    let unchecked: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("where:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let unchecked = RuleSet::from_str("unchecked.rules", &unchecked).expect("rules load");
    let pipeline = Pipeline::with_rules(gaz.clone(), rules.clone());
    let cases = [
        ("He served in Paris, Norway and elsewhere.", 1, 0),
        ("Delegates met in Alexandria, Egypt on Monday.", 1, 1),
    ];
    for (text, by_rules, kept) in cases {
        let doc = Document::new("t", text);
        let ex = pipeline.extract(&doc);
        let located = |rels: &[kgx::relations::Relation]| {
            rels.iter().filter(|r| r.relation == "located_in").count()
        };
        let raw = unchecked.apply(&doc, &ex.sentences, &ex.mentions, &gaz);
        assert_eq!(located(&raw), by_rules, "rules without where: on {text:?}");
        assert_eq!(located(&ex.relations), kept, "pipeline on {text:?}");
        let direct = rules.apply(&doc, &ex.sentences, &ex.mentions, &gaz);
        assert_eq!(
            direct, ex.relations,
            "RuleSet::apply and the pipeline on {text:?}"
        );
    }
}

/// Extra places for the agreement test: a capital the gazetteer puts in one country.
const MORE_PLACES: &str = r#"
[[entity]]
type = "Country"
name = "Russia"
capital = "moscow"
[[entity]]
type = "Country"
name = "Poland"
[[entity]]
type = "Place"
subtype = "City"
name = "Moscow"
country = "russia"
"#;

#[test]
fn explain_agrees_with_extract_on_every_edge() {
    let gaz = Gazetteer::from_toml_str("test.toml", &format!("{GAZ}{MORE_PLACES}"))
        .expect("test gazetteer loads");
    let rules = RuleSet::load(Path::new(DEFAULT_RULES)).expect("shipped rules load");
    let pipeline = Pipeline::with_rules(gaz.clone(), rules.clone());
    // A sentence over the length limit, with an edge in it that a short one would give.
    let filler = "and then the delegates talked on ".repeat(MAX_SENTENCE_BYTES / 30);
    let long = format!("Egypt attended the Vienna talks {filler}in the end.");
    assert!(long.len() > MAX_SENTENCE_BYTES);
    let mut texts: Vec<String> = vec![
        "The summit was held in Moscow, Poland.".into(),
        "Officials met in Moscow, Russia, and then in Paris, Norway.".into(),
        "Moscow is the capital of Poland. Moscow is the capital of Russia.".into(),
        "Egypt did not attend the Vienna talks. Egypt attended the Vienna talks.".into(),
        long,
    ];
    texts.extend(CASES.iter().map(|c| c.text.to_string()));
    let (mut fired, mut rejected) = (0, Vec::new());
    for (i, text) in texts.iter().enumerate() {
        let doc = Document::new(format!("d{i}"), text.as_str());
        let a = pipeline.extract(&doc);
        let mut entities: Vec<_> = a
            .mentions
            .iter()
            .flat_map(|m| m.senses.iter().map(|s| s.entity))
            .collect();
        entities.sort();
        entities.dedup();
        for &s in &entities {
            for &o in &entities {
                for rel in rules.relations() {
                    let said: BTreeSet<_> = pipeline
                        .explain(&doc, &a, s, rel, o)
                        .into_iter()
                        .filter_map(|e| match e.outcome {
                            Outcome::Fired { evidence, .. } => Some(evidence),
                            other => {
                                rejected.push(other);
                                None
                            }
                        })
                        .collect();
                    let got: BTreeSet<_> = a
                        .relations
                        .iter()
                        .filter(|r| r.subject == s && &r.relation == rel && r.object == o)
                        .map(|r| r.evidence.clone())
                        .collect();
                    let name = |e| gaz.entity(e).id.as_str();
                    assert_eq!(
                        said,
                        got,
                        "explain and extract disagree on {} {rel} {} in {text:?}",
                        name(s),
                        name(o)
                    );
                    fired += got.len();
                }
            }
        }
    }
    // The inputs reach every kind of decision: edges fired, and rejected for each reason.
    assert!(fired > 50, "{fired} edges");
    let has = |f: &dyn Fn(&Outcome) -> bool| rejected.iter().any(f);
    assert!(has(&|o| matches!(o, Outcome::SentenceTooLong { .. })));
    assert!(has(&|o| matches!(
        o,
        Outcome::Rejected {
            why: Rejection::Contradicts { .. },
            ..
        }
    )));
    assert!(has(&|o| matches!(
        o,
        Outcome::Rejected {
            why: Rejection::Blocked(_),
            ..
        }
    )));
    assert!(has(&|o| matches!(
        o,
        Outcome::Rejected {
            why: Rejection::SameEntity,
            ..
        }
    ) || matches!(
        o,
        Outcome::Rejected {
            why: Rejection::WrongType { .. },
            ..
        }
    )));
}

/// Events whose own names name their brokers (round 15), beside the ones above.
const BROKER_NAMES: &str = r#"
[[entity]]
type = "Event"
subtype = "Ceasefire"
name = "Harbour truce"
aliases = ["UN-brokered truce", "Egyptian-mediated ceasefire"]
[[entity]]
type = "Event"
subtype = "Agreement"
name = "Egypt-Norway accord"
aliases = ["Qatar-brokered Egypt-Norway accord"]
[[entity]]
type = "Event"
subtype = "Ceasefire"
name = "Delta truce"
aliases = ["Norway-backed truce"]
"#;

#[test]
fn event_names_name_their_brokers() {
    let gaz = Gazetteer::from_toml_str("test.toml", &format!("{GAZ}{BROKER_NAMES}"))
        .expect("test gazetteer loads");
    let rules = RuleSet::load(Path::new(DEFAULT_RULES)).expect("shipped rules load");
    let pipeline = kgx::pipeline::PipelineBuilder::new(gaz.clone())
        .rules(rules)
        .build();
    // (case, text, relation, exactly the edges of that relation)
    type Edges = &'static [(&'static str, &'static str)];
    let cases: &[(&str, &str, &str, Edges)] = &[
        (
            "broker in an alias",
            "Shelling stopped. The UN-brokered truce held on Monday.",
            "brokered",
            &[("united-nations", "harbour-truce")],
        ),
        (
            "broker by its demonym",
            "Shelling stopped. An Egyptian-mediated ceasefire held on Monday.",
            "brokered",
            &[("egypt", "harbour-truce")],
        ),
        (
            "broker beside the parties",
            "The Qatar-brokered Egypt-Norway accord was signed.",
            "brokered",
            &[("qatar", "egypt-norway-accord")],
        ),
        (
            "near-miss: the broker is no party",
            "The Qatar-brokered Egypt-Norway accord was signed.",
            "attends",
            &[
                ("egypt", "egypt-norway-accord"),
                ("norway", "egypt-norway-accord"),
            ],
        ),
        (
            "near-miss: a backer is no broker",
            "Shelling stopped. The Norway-backed truce held on Monday.",
            "brokered",
            &[],
        ),
        (
            "near-miss: a party's name is no broker",
            "The Egypt-Norway accord was signed.",
            "brokered",
            &[],
        ),
    ];
    let mut failures = Vec::new();
    for (case, text, relation, want) in cases {
        let a = pipeline.extract(&Document::new("t", *text));
        let got: BTreeSet<(String, String)> = a
            .relations
            .iter()
            .filter(|r| r.relation == *relation)
            .map(|r| {
                (
                    gaz.entity(r.subject).id.clone(),
                    gaz.entity(r.object).id.clone(),
                )
            })
            .collect();
        let want: BTreeSet<(String, String)> = want
            .iter()
            .map(|&(s, o)| (s.to_string(), o.to_string()))
            .collect();
        if got != want {
            failures.push(format!(
                "case {case}: {text:?}\n  want {relation} {want:?}\n  got  {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
