//! The templates on parses written by hand (CoNLL-U columns), for sentences
//! written for these tests: each case lists the edges it must give, the ones
//! it must give only as blocked, and the near misses it must not give.

use super::*;

struct Case {
    name: &'static str,
    conllu: &'static str,
    /// (relation, subject, object) that must be read, unblocked.
    want: &'static [(&'static str, &'static str, &'static str)],
    /// ... that must be read but blocked.
    blocked: &'static [(&'static str, &'static str, &'static str)],
    /// ... that must not be read (or only blocked).
    absent: &'static [(&'static str, &'static str, &'static str)],
    /// The template of the first wanted edge must contain this.
    template: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "active",
        conllu: "
1 Norway _ PROPN _ _ 2 nsubj _ M=norway
2 hosted _ VERB _ _ 0 root _ _
3 the _ DET _ _ 5 det _ _
4 Oslo _ PROPN _ _ 5 compound _ M=talks
5 talks _ NOUN _ _ 2 obj _ M=talks
6 . _ PUNCT _ _ 2 punct _ _",
        want: &[("brokered", "norway", "talks")],
        blocked: &[],
        absent: &[
            ("brokered", "talks", "norway"),
            ("held_in", "talks", "norway"),
        ],
        template: "active",
    },
    Case {
        name: "active-negated",
        conllu: "
1 Norway _ PROPN _ _ 4 nsubj _ M=norway
2 did _ AUX _ _ 4 aux _ _
3 not _ PART _ _ 4 advmod _ _
4 host _ VERB _ _ 0 root _ _
5 the _ DET _ _ 6 det _ _
6 talks _ NOUN _ _ 4 obj _ M=talks
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("brokered", "norway", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        name: "passive-agent-list-with-determiner",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 talks _ NOUN _ _ 4 nsubj:pass _ M=talks
3 were _ AUX _ _ 4 aux:pass _ _
4 sponsored _ VERB _ _ 0 root _ _
5 by _ ADP _ _ 6 case _ _
6 Qatar _ PROPN _ _ 4 obl:agent _ M=qatar
7 and _ CCONJ _ _ 10 cc _ _
8 the _ DET _ _ 10 det _ _
9 European _ PROPN _ _ 10 compound _ M=eu
10 Union _ PROPN _ _ 6 conj _ M=eu
11 . _ PUNCT _ _ 4 punct _ _",
        want: &[("brokered", "qatar", "talks"), ("brokered", "eu", "talks")],
        blocked: &[],
        absent: &[("brokered", "talks", "qatar")],
        template: "passive",
    },
    Case {
        name: "passive-with-apposition-between",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 meeting _ NOUN _ _ 11 nsubj:pass _ M=meeting
3 in _ ADP _ _ 4 case _ _
4 Lima _ PROPN _ _ 2 nmod _ M=lima
5 , _ PUNCT _ _ 8 punct _ _
6 the _ DET _ _ 8 det _ _
7 Peruvian _ ADJ _ _ 8 amod _ M=peru
8 capital _ NOUN _ _ 4 appos _ _
9 , _ PUNCT _ _ 8 punct _ _
10 is _ AUX _ _ 11 aux:pass _ _
11 sponsored _ VERB _ _ 0 root _ _
12 by _ ADP _ _ 13 case _ _
13 Chile _ PROPN _ _ 11 obl:agent _ M=chile
14 . _ PUNCT _ _ 11 punct _ _",
        want: &[("brokered", "chile", "meeting")],
        blocked: &[],
        absent: &[("brokered", "chile", "lima"), ("brokered", "chile", "peru")],
        template: "passive",
    },
    Case {
        name: "participle-modifying-the-object",
        conllu: "
1 Talks _ NOUN _ _ 5 nsubj _ M=talks
2 hosted _ VERB _ _ 1 acl _ _
3 by _ ADP _ _ 4 case _ _
4 Ghana _ PROPN _ _ 2 obl:agent _ M=ghana
5 opened _ VERB _ _ 0 root _ _
6 on _ ADP _ _ 7 case _ _
7 Monday _ PROPN _ _ 5 obl _ _
8 . _ PUNCT _ _ 5 punct _ _",
        want: &[("brokered", "ghana", "talks")],
        blocked: &[],
        absent: &[],
        template: "participle",
    },
    Case {
        name: "compound-name-hyphen-participle",
        conllu: "
1 Kenya _ PROPN _ _ 3 compound _ M=kenya
2 - _ PUNCT _ _ 3 punct _ _
3 brokered _ VERB _ _ 4 amod _ _
4 talks _ NOUN _ _ 5 nsubj _ M=talks
5 resumed _ VERB _ _ 0 root _ _
6 . _ PUNCT _ _ 5 punct _ _",
        want: &[("brokered", "kenya", "talks")],
        blocked: &[],
        absent: &[],
        template: "compound",
    },
    Case {
        name: "compound-demonym-funded",
        conllu: "
1 The _ DET _ _ 5 det _ _
2 Qatari _ ADJ _ _ 4 compound _ M=qatar
3 - _ PUNCT _ _ 4 punct _ _
4 funded _ VERB _ _ 5 amod _ _
5 militia _ NOUN _ _ 6 nsubj _ M=militia
6 withdrew _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("supports", "qatar", "militia")],
        blocked: &[],
        absent: &[("supports", "militia", "qatar")],
        template: "compound",
    },
    Case {
        name: "relative-clause-on-coordinated-antecedents",
        conllu: "
1 Chile _ PROPN _ _ 12 nsubj _ M=chile
2 , _ PUNCT _ _ 3 punct _ _
3 Peru _ PROPN _ _ 1 conj _ M=peru
4 and _ CCONJ _ _ 5 cc _ _
5 Ecuador _ PROPN _ _ 1 conj _ M=ecuador
6 , _ PUNCT _ _ 8 punct _ _
7 which _ PRON _ _ 8 nsubj _ _
8 sponsor _ VERB _ _ 1 acl:relcl _ _
9 the _ DET _ _ 10 det _ _
10 summit _ NOUN _ _ 8 obj _ M=summit
11 , _ PUNCT _ _ 8 punct _ _
12 met _ VERB _ _ 0 root _ _
13 . _ PUNCT _ _ 12 punct _ _",
        want: &[
            ("brokered", "chile", "summit"),
            ("brokered", "peru", "summit"),
            ("brokered", "ecuador", "summit"),
        ],
        blocked: &[],
        absent: &[],
        template: "relative",
    },
    Case {
        name: "relative-who-heads-demonym-delegation",
        conllu: "
1 Jane _ PROPN _ _ 10 nsubj _ M=roe
2 Roe _ PROPN _ _ 1 flat _ M=roe
3 , _ PUNCT _ _ 5 punct _ _
4 who _ PRON _ _ 5 nsubj _ _
5 heads _ VERB _ _ 1 acl:relcl _ _
6 the _ DET _ _ 8 det _ _
7 Liberian _ ADJ _ _ 8 amod _ M=liberia
8 delegation _ NOUN _ _ 5 obj _ _
9 , _ PUNCT _ _ 5 punct _ _
10 spoke _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[("leads", "roe", "liberia")],
        blocked: &[],
        absent: &[],
        template: "relative",
    },
    Case {
        name: "apposition-possessive-title",
        conllu: "
1 Ana _ PROPN _ _ 11 nsubj _ M=ruiz
2 Ruiz _ PROPN _ _ 1 flat _ M=ruiz
3 , _ PUNCT _ _ 6 punct _ _
4 Chile _ PROPN _ _ 6 nmod:poss _ M=chile
5 's _ PART _ _ 4 case _ _
6 ambassador _ NOUN _ _ 1 appos _ _
7 to _ ADP _ _ 9 case _ _
8 the _ DET _ _ 9 det _ _
9 UN _ PROPN _ _ 6 nmod _ M=un
10 , _ PUNCT _ _ 6 punct _ _
11 said _ VERB _ _ 0 root _ _
12 . _ PUNCT _ _ 11 punct _ _",
        want: &[("represents", "ruiz", "chile")],
        blocked: &[],
        absent: &[("represents", "ruiz", "un")],
        template: "apposition",
    },
    Case {
        // Near miss: a former envoy speaks for no one now.
        name: "apposition-possessive-title-former",
        conllu: "
1 Ana _ PROPN _ _ 8 nsubj _ M=ruiz
2 Ruiz _ PROPN _ _ 1 flat _ M=ruiz
3 , _ PUNCT _ _ 7 punct _ _
4 Chile _ PROPN _ _ 7 nmod:poss _ M=chile
5 's _ PART _ _ 4 case _ _
6 former _ ADJ _ _ 7 amod _ _
7 envoy _ NOUN _ _ 1 appos _ _
8 said _ VERB _ _ 0 root _ _
9 . _ PUNCT _ _ 8 punct _ _",
        want: &[],
        blocked: &[("represents", "ruiz", "chile")],
        absent: &[],
        template: "",
    },
    Case {
        // A plural title over coordinated holders and owners pairs them in order.
        name: "apposition-plural-title-pairs-holders-and-owners-respectively",
        conllu: "
1 Jane _ PROPN _ _ 14 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ana _ PROPN _ _ 1 conj _ M=ruiz|T=Person
5 Ruiz _ PROPN _ _ 4 flat _ M=ruiz|T=Person
6 , _ PUNCT _ _ 8 punct _ _
7 the _ DET _ _ 8 det _ _
8 ministers _ NOUN _ _ 1 appos _ _
9 of _ ADP _ _ 10 case _ _
10 Chile _ PROPN _ _ 8 nmod _ M=chile
11 and _ CCONJ _ _ 12 cc _ _
12 Peru _ PROPN _ _ 10 conj _ M=peru
13 , _ PUNCT _ _ 8 punct _ _
14 spoke _ VERB _ _ 0 root _ _
15 . _ PUNCT _ _ 14 punct _ _",
        want: &[
            ("represents", "roe", "chile"),
            ("represents", "ruiz", "peru"),
        ],
        blocked: &[],
        absent: &[
            ("represents", "roe", "peru"),
            ("represents", "ruiz", "chile"),
        ],
        template: "apposition",
    },
    Case {
        // Near miss: one holder of a plural title over two owners: no pair is sure.
        name: "apposition-plural-title-with-counts-that-differ-is-blocked",
        conllu: "
1 Ana _ PROPN _ _ 11 nsubj _ M=ruiz|T=Person
2 Ruiz _ PROPN _ _ 1 flat _ M=ruiz|T=Person
3 , _ PUNCT _ _ 5 punct _ _
4 the _ DET _ _ 5 det _ _
5 ministers _ NOUN _ _ 1 appos _ _
6 of _ ADP _ _ 7 case _ _
7 Chile _ PROPN _ _ 5 nmod _ M=chile
8 and _ CCONJ _ _ 9 cc _ _
9 Peru _ PROPN _ _ 7 conj _ M=peru
10 , _ PUNCT _ _ 5 punct _ _
11 spoke _ VERB _ _ 0 root _ _
12 . _ PUNCT _ _ 11 punct _ _",
        want: &[],
        blocked: &[
            ("represents", "ruiz", "chile"),
            ("represents", "ruiz", "peru"),
        ],
        absent: &[],
        template: "",
    },
    Case {
        // Near miss: allies of two parties are allies of both (no pairing but for titles).
        name: "apposition-plural-ally-of-two-owners-is-of-both",
        conllu: "
1 Chile _ PROPN _ _ 10 nsubj _ M=chile
2 and _ CCONJ _ _ 3 cc _ _
3 Peru _ PROPN _ _ 1 conj _ M=peru
4 , _ PUNCT _ _ 5 punct _ _
5 allies _ NOUN _ _ 1 appos _ _
6 of _ ADP _ _ 7 case _ _
7 Zenda _ PROPN _ _ 5 nmod _ M=zenda
8 and _ CCONJ _ _ 9 cc _ _
9 Karsland _ PROPN _ _ 7 conj _ M=karsland
10 spoke _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[
            ("supports", "chile", "zenda"),
            ("supports", "chile", "karsland"),
            ("supports", "peru", "zenda"),
            ("supports", "peru", "karsland"),
        ],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        name: "apposition-the-orgs-political-chief",
        conllu: "
1 Omar _ PROPN _ _ 10 nsubj _ M=sadiq
2 Sadiq _ PROPN _ _ 1 flat _ M=sadiq
3 , _ PUNCT _ _ 8 punct _ _
4 the _ DET _ _ 5 det _ _
5 Taliban _ PROPN _ _ 8 nmod:poss _ M=taliban
6 's _ PART _ _ 5 case _ _
7 political _ ADJ _ _ 8 amod _ _
8 chief _ NOUN _ _ 1 appos _ _
9 , _ PUNCT _ _ 8 punct _ _
10 arrived _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[("leads", "sadiq", "taliban")],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        name: "apposition-envoy-on-a-topic",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 Kremlin _ PROPN _ _ 4 nmod:poss _ M=kremlin
3 's _ PART _ _ 2 case _ _
4 envoy _ NOUN _ _ 11 nsubj _ _
5 on _ ADP _ _ 6 case _ _
6 Syria _ PROPN _ _ 4 nmod _ M=syria
7 , _ PUNCT _ _ 8 punct _ _
8 Ivan _ PROPN _ _ 4 appos _ M=petrov
9 Petrov _ PROPN _ _ 8 flat _ M=petrov
10 , _ PUNCT _ _ 8 punct _ _
11 arrived _ VERB _ _ 0 root _ _
12 . _ PUNCT _ _ 11 punct _ _",
        want: &[("represents", "petrov", "kremlin")],
        blocked: &[],
        absent: &[("represents", "petrov", "syria")],
        template: "apposition",
    },
    Case {
        name: "title-demonym-before-name",
        conllu: "
1 Peruvian _ ADJ _ _ 4 amod _ M=peru
2 Foreign _ ADJ _ _ 3 amod _ _
3 Minister _ PROPN _ _ 4 compound _ _
4 Luis _ PROPN _ _ 6 nsubj _ M=vega
5 Vega _ PROPN _ _ 4 flat _ M=vega
6 said _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("represents", "vega", "peru")],
        blocked: &[],
        absent: &[("leads", "vega", "peru")],
        template: "title",
    },
    Case {
        name: "title-multiword-prime-minister",
        conllu: "
1 Greek _ ADJ _ _ 4 amod _ M=greece
2 Prime _ PROPN _ _ 3 compound _ _
3 Minister _ PROPN _ _ 4 compound _ _
4 Nikos _ PROPN _ _ 6 nsubj _ M=pappas
5 Pappas _ PROPN _ _ 4 flat _ M=pappas
6 spoke _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("leads", "pappas", "greece")],
        blocked: &[],
        absent: &[("represents", "pappas", "greece")],
        template: "title",
    },
    Case {
        name: "title-vice-president-is-a-member-not-the-leader",
        conllu: "
1 Chilean _ ADJ _ _ 4 amod _ M=chile
2 Vice _ PROPN _ _ 3 compound _ _
3 President _ PROPN _ _ 4 compound _ _
4 Ana _ PROPN _ _ 6 nsubj _ M=soto
5 Soto _ PROPN _ _ 4 flat _ M=soto
6 spoke _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("member_of", "soto", "chile")],
        blocked: &[],
        absent: &[("leads", "soto", "chile")],
        template: "title",
    },
    Case {
        name: "title-former-blocks-leads",
        conllu: "
1 Former _ ADJ _ _ 3 amod _ _
2 Chilean _ ADJ _ _ 3 amod _ M=chile
3 President _ PROPN _ _ 4 compound _ _
4 Ana _ PROPN _ _ 6 nsubj _ M=soto
5 Soto _ PROPN _ _ 4 flat _ M=soto
6 spoke _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[],
        blocked: &[("leads", "soto", "chile")],
        absent: &[],
        template: "",
    },
    Case {
        name: "copula-coordinated-holders",
        conllu: "
1 Cuba _ PROPN _ _ 7 nsubj _ M=cuba
2 and _ CCONJ _ _ 3 cc _ _
3 Bolivia _ PROPN _ _ 1 conj _ M=bolivia
4 are _ AUX _ _ 7 cop _ _
5 the _ DET _ _ 7 det _ _
6 main _ ADJ _ _ 7 amod _ _
7 allies _ NOUN _ _ 0 root _ _
8 of _ ADP _ _ 9 case _ _
9 Venezuela _ PROPN _ _ 7 nmod _ M=venezuela
10 . _ PUNCT _ _ 7 punct _ _",
        want: &[
            ("supports", "cuba", "venezuela"),
            ("supports", "bolivia", "venezuela"),
        ],
        blocked: &[],
        absent: &[("supports", "venezuela", "cuba")],
        template: "copula",
    },
    Case {
        name: "copula-negated",
        conllu: "
1 Cuba _ PROPN _ _ 5 nsubj _ M=cuba
2 is _ AUX _ _ 5 cop _ _
3 not _ PART _ _ 5 advmod _ _
4 an _ DET _ _ 5 det _ _
5 ally _ NOUN _ _ 0 root _ _
6 of _ ADP _ _ 7 case _ _
7 Venezuela _ PROPN _ _ 5 nmod _ M=venezuela
8 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[("supports", "cuba", "venezuela")],
        absent: &[],
        template: "",
    },
    Case {
        name: "passive-on-a-possessive-delegation",
        conllu: "
1 Peru _ PROPN _ _ 3 nmod:poss _ M=peru
2 's _ PART _ _ 1 case _ _
3 delegation _ NOUN _ _ 5 nsubj:pass _ _
4 was _ AUX _ _ 5 aux:pass _ _
5 led _ VERB _ _ 0 root _ _
6 by _ ADP _ _ 10 case _ _
7 Deputy _ ADJ _ _ 9 amod _ _
8 Foreign _ ADJ _ _ 9 amod _ _
9 Minister _ PROPN _ _ 10 compound _ _
10 Eva _ PROPN _ _ 5 obl:agent _ M=luna
11 Luna _ PROPN _ _ 10 flat _ M=luna
12 . _ PUNCT _ _ 5 punct _ _",
        want: &[("leads", "luna", "peru")],
        blocked: &[],
        absent: &[("leads", "peru", "luna")],
        template: "proxy",
    },
    Case {
        name: "sent-a-delegation-to",
        conllu: "
1 Mexico _ PROPN _ _ 2 nsubj _ M=mexico
2 sent _ VERB _ _ 0 root _ _
3 a _ DET _ _ 4 det _ _
4 delegation _ NOUN _ _ 2 obj _ _
5 to _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 summit _ NOUN _ _ 2 obl _ M=summit
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "mexico", "summit")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "sent-no-delegation",
        conllu: "
1 Mexico _ PROPN _ _ 2 nsubj _ M=mexico
2 sent _ VERB _ _ 0 root _ _
3 no _ DET _ _ 4 det _ _
4 delegation _ NOUN _ _ 2 obj _ _
5 to _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 summit _ NOUN _ _ 2 obl _ M=summit
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "mexico", "summit")],
        absent: &[],
        template: "",
    },
    Case {
        name: "sent-a-person-represents",
        conllu: "
1 Mexico _ PROPN _ _ 2 nsubj _ M=mexico
2 sent _ VERB _ _ 0 root _ _
3 its _ PRON _ _ 4 nmod:poss _ _
4 ambassador _ NOUN _ _ 2 obj _ _
5 , _ PUNCT _ _ 6 punct _ _
6 Rosa _ PROPN _ _ 4 appos _ M=diaz
7 Diaz _ PROPN _ _ 6 flat _ M=diaz
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("represents", "diaz", "mexico")],
        blocked: &[],
        absent: &[("represents", "mexico", "diaz")],
        template: "apposition",
    },
    Case {
        name: "control-agreed-to-attend",
        conllu: "
1 Ghana _ PROPN _ _ 2 nsubj _ M=ghana
2 agreed _ VERB _ _ 0 root _ _
3 to _ PART _ _ 4 mark _ _
4 attend _ VERB _ _ 2 xcomp _ _
5 the _ DET _ _ 6 det _ _
6 summit _ NOUN _ _ 4 obj _ M=summit
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "ghana", "summit")],
        blocked: &[],
        absent: &[("declined", "ghana", "summit")],
        template: "control",
    },
    Case {
        name: "control-hopes-to-attend-is-blocked",
        conllu: "
1 Ghana _ PROPN _ _ 2 nsubj _ M=ghana
2 hopes _ VERB _ _ 0 root _ _
3 to _ PART _ _ 4 mark _ _
4 attend _ VERB _ _ 2 xcomp _ _
5 the _ DET _ _ 6 det _ _
6 summit _ NOUN _ _ 4 obj _ M=summit
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "ghana", "summit")],
        absent: &[],
        template: "",
    },
    Case {
        name: "control-declined-to-attend-is-declined",
        conllu: "
1 Ghana _ PROPN _ _ 2 nsubj _ M=ghana
2 declined _ VERB _ _ 0 root _ _
3 to _ PART _ _ 4 mark _ _
4 attend _ VERB _ _ 2 xcomp _ _
5 the _ DET _ _ 6 det _ _
6 summit _ NOUN _ _ 4 obj _ M=summit
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("declined", "ghana", "summit")],
        blocked: &[],
        absent: &[("attends", "ghana", "summit")],
        template: "control",
    },
    Case {
        name: "control-negated-governor",
        conllu: "
1 Ghana _ PROPN _ _ 4 nsubj _ M=ghana
2 did _ AUX _ _ 4 aux _ _
3 not _ PART _ _ 4 advmod _ _
4 agree _ VERB _ _ 0 root _ _
5 to _ PART _ _ 6 mark _ _
6 attend _ VERB _ _ 4 xcomp _ _
7 the _ DET _ _ 8 det _ _
8 summit _ NOUN _ _ 6 obj _ M=summit
9 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("attends", "ghana", "summit")],
        absent: &[],
        template: "",
    },
    Case {
        name: "coordinated-verbs-share-a-subject",
        conllu: "
1 Egypt _ PROPN _ _ 2 nsubj _ M=egypt
2 arrived _ VERB _ _ 0 root _ _
3 and _ CCONJ _ _ 4 cc _ _
4 joined _ VERB _ _ 2 conj _ _
5 the _ DET _ _ 6 det _ _
6 talks _ NOUN _ _ 4 obj _ M=talks
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "egypt", "talks")],
        blocked: &[],
        absent: &[],
        template: "control",
    },
    Case {
        name: "light-verb-operations-against",
        conllu: "
1 Zendan _ ADJ _ _ 2 amod _ M=zenda
2 fighters _ NOUN _ _ 4 nsubj _ _
3 will _ AUX _ _ 4 aux _ _
4 resume _ VERB _ _ 0 root _ _
5 operations _ NOUN _ _ 4 obj _ _
6 against _ ADP _ _ 8 case _ _
7 Osterlich _ PROPN _ _ 8 compound _ M=osterlich
8 forces _ NOUN _ _ 5 nmod _ _
9 . _ PUNCT _ _ 4 punct _ _",
        want: &[("opposes", "zenda", "osterlich")],
        blocked: &[],
        absent: &[("opposes", "osterlich", "zenda")],
        template: "light-verb",
    },
    Case {
        name: "operations-without-against-oppose-no-one",
        conllu: "
1 Zenda _ PROPN _ _ 2 nsubj _ M=zenda
2 resumed _ VERB _ _ 0 root _ _
3 relief _ NOUN _ _ 4 compound _ _
4 operations _ NOUN _ _ 2 obj _ _
5 in _ ADP _ _ 6 case _ _
6 Osterlich _ PROPN _ _ 4 nmod _ M=osterlich
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "zenda", "osterlich")],
        template: "",
    },
    Case {
        name: "light-verb-offensive-against",
        conllu: "
1 Kenyan _ ADJ _ _ 2 amod _ M=kenya
2 troops _ NOUN _ _ 3 nsubj _ _
3 launched _ VERB _ _ 0 root _ _
4 an _ DET _ _ 5 det _ _
5 offensive _ NOUN _ _ 3 obj _ _
6 against _ ADP _ _ 8 case _ _
7 the _ DET _ _ 8 det _ _
8 Shabaab _ PROPN _ _ 5 nmod _ M=shabaab
9 . _ PUNCT _ _ 3 punct _ _",
        want: &[("opposes", "kenya", "shabaab")],
        blocked: &[],
        absent: &[("opposes", "shabaab", "kenya")],
        template: "light-verb",
    },
    Case {
        name: "fronted-participle-clause-talking-to",
        conllu: "
1 Talking _ VERB _ _ 10 advcl _ _
2 to _ ADP _ _ 4 case _ _
3 the _ DET _ _ 4 det _ _
4 BBC _ PROPN _ _ 1 obl _ M=bbc
5 after _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 session _ NOUN _ _ 1 obl _ _
8 , _ PUNCT _ _ 1 punct _ _
9 Roe _ PROPN _ _ 10 nsubj _ M=roe
10 said _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[("spoke_to", "roe", "bbc")],
        blocked: &[],
        absent: &[],
        template: "control",
    },
    Case {
        name: "passive-held-in",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 talks _ NOUN _ _ 4 nsubj:pass _ M=talks
3 were _ AUX _ _ 4 aux:pass _ _
4 held _ VERB _ _ 0 root _ _
5 in _ ADP _ _ 6 case _ _
6 Geneva _ PROPN _ _ 4 obl _ M=geneva
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[("held_in", "talks", "geneva")],
        blocked: &[],
        absent: &[("held_in", "geneva", "talks")],
        template: "passive",
    },
    Case {
        name: "future-modality",
        conllu: "
1 Oman _ PROPN _ _ 3 nsubj _ M=oman
2 will _ AUX _ _ 3 aux _ _
3 mediate _ VERB _ _ 0 root _ _
4 the _ DET _ _ 5 det _ _
5 talks _ NOUN _ _ 3 obj _ M=talks
6 . _ PUNCT _ _ 3 punct _ _",
        want: &[("brokered", "oman", "talks")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "partitive-object-several-of",
        conllu: "
1 Iran _ PROPN _ _ 2 nsubj _ M=iran
2 backs _ VERB _ _ 0 root _ _
3 several _ ADJ _ _ 2 obj _ _
4 of _ ADP _ _ 6 case _ _
5 the _ DET _ _ 6 det _ _
6 militias _ NOUN _ _ 3 nmod _ M=militias
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "iran", "militias")],
        blocked: &[],
        absent: &[],
        template: "proxy",
    },
    Case {
        name: "partitive-none-of-negates",
        conllu: "
1 None _ PRON _ _ 5 nsubj _ _
2 of _ ADP _ _ 4 case _ _
3 the _ DET _ _ 4 det _ _
4 rebels _ NOUN _ _ 1 nmod _ M=rebels
5 attended _ VERB _ _ 0 root _ _
6 the _ DET _ _ 7 det _ _
7 talks _ NOUN _ _ 5 obj _ M=talks
8 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[("attends", "rebels", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        name: "signed-with-both-parties",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 signed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 accord _ NOUN _ _ 2 obj _ M=accord
5 with _ ADP _ _ 6 case _ _
6 Peru _ PROPN _ _ 2 obl _ M=peru
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[
            ("attends", "chile", "accord"),
            ("attends", "peru", "accord"),
        ],
        blocked: &[],
        absent: &[("attends", "accord", "peru")],
        template: "active",
    },
    Case {
        name: "passive-particle-shut-out-of",
        conllu: "
1 Bolivia _ PROPN _ _ 3 nsubj:pass _ M=bolivia
2 was _ AUX _ _ 3 aux:pass _ _
3 shut _ VERB _ _ 0 root _ _
4 out _ ADP _ _ 3 compound:prt _ _
5 of _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 talks _ NOUN _ _ 3 obl _ M=talks
8 . _ PUNCT _ _ 3 punct _ _",
        want: &[("excluded_from", "bolivia", "talks")],
        blocked: &[],
        absent: &[],
        template: "passive",
    },
    Case {
        name: "title-deputy-leader-is-a-member",
        conllu: "
1 Ali _ PROPN _ _ 8 nsubj _ M=ali
2 , _ PUNCT _ _ 7 punct _ _
3 the _ DET _ _ 4 det _ _
4 movement _ NOUN _ _ 7 nmod:poss _ M=movement
5 's _ PART _ _ 4 case _ _
6 deputy _ NOUN _ _ 7 compound _ _
7 leader _ NOUN _ _ 1 appos _ _
8 spoke _ VERB _ _ 0 root _ _
9 . _ PUNCT _ _ 8 punct _ _",
        want: &[("member_of", "ali", "movement")],
        blocked: &[],
        absent: &[("leads", "ali", "movement")],
        template: "apposition",
    },
    Case {
        name: "title-labelled-nmod-desc",
        conllu: "
1 Peruvian _ ADJ _ _ 2 amod _ M=peru
2 President _ PROPN _ _ 3 nmod:desc _ _
3 Ana _ PROPN _ _ 5 nsubj _ M=soto
4 Soto _ PROPN _ _ 3 flat _ M=soto
5 spoke _ VERB _ _ 0 root _ _
6 . _ PUNCT _ _ 5 punct _ _",
        want: &[("leads", "soto", "peru")],
        blocked: &[],
        absent: &[("leads", "peru", "soto")],
        template: "title",
    },
    Case {
        name: "relative-which-on-a-person-noun-stands-for-the-thing-inside",
        conllu: "
1 Ivo _ PROPN _ _ 15 nsubj _ M=roth
2 Roth _ PROPN _ _ 1 flat _ M=roth
3 , _ PUNCT _ _ 6 punct _ _
4 the _ DET _ _ 6 det _ _
5 foreign _ ADJ _ _ 6 amod _ _
6 minister _ NOUN _ _ 1 appos _ _
7 of _ ADP _ _ 8 case _ _
8 Malta _ PROPN _ _ 6 nmod _ M=malta
9 , _ PUNCT _ _ 11 punct _ _
10 which _ PRON _ _ 11 nsubj _ _
11 hosts _ VERB _ _ 6 acl:relcl _ _
12 the _ DET _ _ 13 det _ _
13 summit _ NOUN _ _ 11 obj _ M=summit
14 , _ PUNCT _ _ 11 punct _ _
15 spoke _ VERB _ _ 0 root _ _
16 . _ PUNCT _ _ 15 punct _ _",
        want: &[
            ("brokered", "malta", "summit"),
            ("represents", "roth", "malta"),
        ],
        blocked: &[],
        absent: &[("brokered", "roth", "summit")],
        template: "relative",
    },
    Case {
        name: "if-clause-is-hypothetical",
        conllu: "
1 Chile _ PROPN _ _ 3 nsubj _ M=chile
2 will _ AUX _ _ 3 aux _ _
3 attend _ VERB _ _ 0 root _ _
4 if _ SCONJ _ _ 6 mark _ _
5 Peru _ PROPN _ _ 6 nsubj _ M=peru
6 hosts _ VERB _ _ 3 advcl _ _
7 the _ DET _ _ 8 det _ _
8 talks _ NOUN _ _ 6 obj _ M=talks
9 . _ PUNCT _ _ 3 punct _ _",
        want: &[],
        blocked: &[("brokered", "peru", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        name: "owner-is-the-nearest-name-before-a-spokesman",
        conllu: "
1 Chile _ PROPN _ _ 5 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 Interior _ PROPN _ _ 4 compound _ M=ministry
4 Ministry _ PROPN _ _ 5 compound _ M=ministry
5 spokesman _ NOUN _ _ 6 compound _ _
6 Ana _ PROPN _ _ 8 nsubj _ M=ruiz|T=Person
7 Ruiz _ PROPN _ _ 6 flat _ M=ruiz|T=Person
8 spoke _ VERB _ _ 0 root _ _
9 . _ PUNCT _ _ 8 punct _ _",
        want: &[("represents", "ruiz", "ministry")],
        blocked: &[],
        absent: &[("represents", "ruiz", "chile")],
        template: "title",
    },
    Case {
        name: "principal-is-the-first-name-before-an-envoy",
        conllu: "
1 The _ DET _ _ 4 det _ _
2 OAS _ PROPN _ _ 4 compound _ M=oas
3 Peru _ PROPN _ _ 4 compound _ M=peru
4 envoy _ NOUN _ _ 5 nmod:desc _ _
5 Ivo _ PROPN _ _ 7 nsubj _ M=roth|T=Person
6 Roth _ PROPN _ _ 5 flat _ M=roth|T=Person
7 spoke _ VERB _ _ 0 root _ _
8 . _ PUNCT _ _ 7 punct _ _",
        want: &[("represents", "roth", "oas")],
        blocked: &[],
        absent: &[("represents", "roth", "peru")],
        template: "title",
    },
    Case {
        name: "title-holder-does-not-spread-over-coordination",
        conllu: "
1 Chilean _ ADJ _ _ 2 amod _ M=chile
2 President _ PROPN _ _ 3 nmod:desc _ _
3 Ana _ PROPN _ _ 7 nsubj _ M=soto|T=Person
4 Soto _ PROPN _ _ 3 flat _ M=soto|T=Person
5 and _ CCONJ _ _ 6 cc _ _
6 Vega _ PROPN _ _ 3 conj _ M=vega|T=Person
7 met _ VERB _ _ 0 root _ _
8 . _ PUNCT _ _ 7 punct _ _",
        want: &[("leads", "soto", "chile")],
        blocked: &[],
        absent: &[("leads", "vega", "chile")],
        template: "title",
    },
    Case {
        name: "coordination-joins-persons-only-with-persons",
        conllu: "
1 Ana _ PROPN _ _ 12 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 , _ PUNCT _ _ 4 punct _ _
4 head _ NOUN _ _ 1 appos _ _
5 of _ ADP _ _ 8 case _ _
6 the _ DET _ _ 8 det _ _
7 Andean _ PROPN _ _ 8 compound _ M=council
8 Council _ PROPN _ _ 4 nmod _ M=council
9 , _ PUNCT _ _ 11 punct _ _
10 and _ CCONJ _ _ 11 cc _ _
11 Vega _ PROPN _ _ 8 conj _ M=vega|T=Person
12 spoke _ VERB _ _ 0 root _ _
13 . _ PUNCT _ _ 12 punct _ _",
        want: &[("leads", "soto", "council")],
        blocked: &[],
        absent: &[("leads", "soto", "vega")],
        template: "apposition",
    },
    Case {
        name: "participle-modifying-an-actor-is-its-act",
        conllu: "
1 Delegates _ NOUN _ _ 6 nsubj _ _
2 from _ ADP _ _ 3 case _ _
3 Chile _ PROPN _ _ 1 nmod _ M=chile
4 attending _ VERB _ _ 1 acl _ _
5 summit _ NOUN _ _ 4 obj _ M=summit
6 left _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("attends", "chile", "summit")],
        blocked: &[],
        absent: &[("attends", "summit", "chile")],
        template: "participle",
    },
    Case {
        name: "participle-completing-a-noun-is-not-its-act",
        conllu: "
1 Chile _ PROPN _ _ 3 nsubj:pass _ M=chile
2 was _ AUX _ _ 3 aux:pass _ _
3 accused _ VERB _ _ 0 root _ _
4 by _ ADP _ _ 5 case _ _
5 Peru _ PROPN _ _ 3 obl:agent _ M=peru
6 of _ SCONJ _ _ 7 mark _ _
7 arming _ VERB _ _ 5 acl _ _
8 rebels _ NOUN _ _ 7 obj _ M=rebels
9 . _ PUNCT _ _ 3 punct _ _",
        // The gerund's doer is the one accused, wherever the parse hung it.
        want: &[("supports", "chile", "rebels")],
        blocked: &[],
        absent: &[("supports", "peru", "rebels")],
        template: "accused-of",
    },
    Case {
        name: "accused-of-active-object-is-the-doer",
        conllu: "
1 Roe _ PROPN _ _ 2 nsubj _ M=roe|T=Person
2 accused _ VERB _ _ 0 root _ _
3 Ruritania _ PROPN _ _ 2 obj _ M=ruritania
4 of _ SCONJ _ _ 5 mark _ _
5 funding _ VERB _ _ 2 advcl _ _
6 the _ DET _ _ 7 det _ _
7 militia _ NOUN _ _ 5 obj _ M=militia
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "ruritania", "militia")],
        blocked: &[],
        absent: &[("supports", "roe", "militia")],
        template: "accused-of",
    },
    Case {
        name: "accused-of-reduced-relative-on-the-capital",
        conllu: "
1 Zenda _ PROPN _ _ 0 root _ M=zenda
2 , _ PUNCT _ _ 4 punct _ _
3 often _ ADV _ _ 4 advmod _ _
4 blamed _ VERB _ _ 1 parataxis _ _
5 by _ ADP _ _ 6 case _ _
6 Osterlich _ PROPN _ _ 4 obl:agent _ M=osterlich
7 and _ CCONJ _ _ 8 cc _ _
8 Freedonia _ PROPN _ _ 6 conj _ M=freedonia
9 for _ SCONJ _ _ 10 mark _ _
10 arming _ VERB _ _ 8 acl _ _
11 the _ DET _ _ 12 det _ _
12 rebels _ NOUN _ _ 10 obj _ M=rebels
13 , _ PUNCT _ _ 14 punct _ _
14 denied _ VERB _ _ 4 parataxis _ _
15 it _ PRON _ _ 14 obj _ _
16 . _ PUNCT _ _ 1 punct _ _",
        want: &[("supports", "zenda", "rebels")],
        blocked: &[],
        absent: &[
            ("supports", "freedonia", "rebels"),
            ("supports", "osterlich", "rebels"),
        ],
        template: "accused-of",
    },
    Case {
        name: "of-gerund-under-a-verb-that-accuses-no-one",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 denied _ VERB _ _ 0 root _ _
3 reports _ NOUN _ _ 2 obj _ _
4 of _ SCONJ _ _ 5 mark _ _
5 arming _ VERB _ _ 3 acl _ _
6 rebels _ NOUN _ _ 5 obj _ M=rebels
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("supports", "chile", "rebels")],
        template: "",
    },
    Case {
        name: "relative-clause-on-the-last-conjunct-covers-all",
        conllu: "
1 Merkel _ PROPN _ _ 9 nsubj _ M=merkel|T=Person
2 and _ CCONJ _ _ 3 cc _ _
3 Hollande _ PROPN _ _ 1 conj _ M=hollande|T=Person
4 , _ PUNCT _ _ 6 punct _ _
5 who _ PRON _ _ 6 nsubj _ _
6 mediated _ VERB _ _ 3 acl:relcl _ _
7 the _ DET _ _ 8 det _ _
8 talks _ NOUN _ _ 6 obj _ M=talks
9 left _ VERB _ _ 0 root _ _
10 . _ PUNCT _ _ 9 punct _ _",
        want: &[
            ("brokered", "merkel", "talks"),
            ("brokered", "hollande", "talks"),
        ],
        blocked: &[],
        absent: &[],
        template: "relative",
    },
    Case {
        name: "relative-clause-in-the-singular-is-on-the-last-conjunct-only",
        conllu: "
1 Jane _ PROPN _ _ 13 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ana _ PROPN _ _ 1 conj _ M=ruiz|T=Person
5 Ruiz _ PROPN _ _ 4 flat _ M=ruiz|T=Person
6 , _ PUNCT _ _ 8 punct _ _
7 who _ PRON _ _ 8 nsubj _ _
8 heads _ VERB _ _ 1 acl:relcl _ _
9 the _ DET _ _ 11 det _ _
10 Liberian _ ADJ _ _ 11 amod _ M=liberia
11 delegation _ NOUN _ _ 8 obj _ _
12 , _ PUNCT _ _ 8 punct _ _
13 spoke _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[("leads", "ruiz", "liberia")],
        blocked: &[],
        absent: &[("leads", "roe", "liberia")],
        template: "relative",
    },
    Case {
        name: "relative-copula-in-the-singular-is-on-the-last-conjunct-only",
        conllu: "
1 Jane _ PROPN _ _ 13 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ana _ PROPN _ _ 1 conj _ M=ruiz|T=Person
5 Ruiz _ PROPN _ _ 4 flat _ M=ruiz|T=Person
6 , _ PUNCT _ _ 12 punct _ _
7 who _ PRON _ _ 12 nsubj _ _
8 is _ AUX _ _ 12 cop _ _
9 also _ ADV _ _ 12 advmod _ _
10 Chile _ PROPN _ _ 12 nmod:poss _ M=chile
11 's _ PART _ _ 10 case _ _
12 minister _ NOUN _ _ 1 acl:relcl _ _
13 spoke _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[("represents", "ruiz", "chile")],
        blocked: &[],
        absent: &[("represents", "roe", "chile")],
        template: "relative",
    },
    Case {
        name: "relative-clause-in-the-plural-stays-on-all-conjuncts",
        conllu: "
1 Jane _ PROPN _ _ 13 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ana _ PROPN _ _ 1 conj _ M=ruiz|T=Person
5 Ruiz _ PROPN _ _ 4 flat _ M=ruiz|T=Person
6 , _ PUNCT _ _ 8 punct _ _
7 who _ PRON _ _ 8 nsubj _ _
8 lead _ VERB _ _ 1 acl:relcl _ _
9 the _ DET _ _ 11 det _ _
10 Liberian _ ADJ _ _ 11 amod _ M=liberia
11 delegation _ NOUN _ _ 8 obj _ _
12 , _ PUNCT _ _ 8 punct _ _
13 spoke _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[("leads", "roe", "liberia"), ("leads", "ruiz", "liberia")],
        blocked: &[],
        absent: &[],
        template: "relative",
    },
    Case {
        name: "event-that-brings-together-its-participants",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 summit _ NOUN _ _ 3 nsubj _ M=summit
3 brought _ VERB _ _ 0 root _ _
4 together _ ADV _ _ 3 advmod _ _
5 the _ DET _ _ 6 det _ _
6 leaders _ NOUN _ _ 3 obj _ _
7 of _ ADP _ _ 8 case _ _
8 Chile _ PROPN _ _ 6 nmod _ M=chile
9 and _ CCONJ _ _ 10 cc _ _
10 Peru _ PROPN _ _ 8 conj _ M=peru
11 . _ PUNCT _ _ 3 punct _ _",
        want: &[
            ("attends", "chile", "summit"),
            ("attends", "peru", "summit"),
        ],
        blocked: &[],
        absent: &[("attends", "summit", "chile")],
        template: "proxy",
    },
    Case {
        name: "honorific-heading-a-name-in-a-by-phrase",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 movement _ NOUN _ _ 3 compound _ M=movement
3 team _ NOUN _ _ 5 nsubj:pass _ _
4 was _ AUX _ _ 5 aux:pass _ _
5 headed _ VERB _ _ 0 root _ _
6 by _ ADP _ _ 7 case _ _
7 Sheikh _ PROPN _ _ 5 obl:agent _ _
8 Omar _ PROPN _ _ 7 flat _ M=sadiq|T=Person
9 Sadiq _ PROPN _ _ 7 flat _ M=sadiq|T=Person
10 . _ PUNCT _ _ 5 punct _ _",
        want: &[("leads", "sadiq", "movement")],
        blocked: &[],
        absent: &[],
        template: "passive",
    },
    Case {
        name: "place-phrase-on-another-phrase-of-the-verb",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 signed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 accord _ NOUN _ _ 2 obj _ M=accord
5 with _ ADP _ _ 6 case _ _
6 Peru _ PROPN _ _ 2 obl _ M=peru
7 in _ ADP _ _ 8 case _ _
8 Lima _ PROPN _ _ 6 nmod _ M=lima
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[("held_in", "accord", "lima"), ("attends", "peru", "accord")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "multiword-title-secretary-general-is-one-predicate",
        conllu: "
1 UN _ PROPN _ _ 5 compound _ M=un
2 Secretary _ PROPN _ _ 4 compound _ _
3 - _ PUNCT _ _ 4 punct _ _
4 General _ PROPN _ _ 5 nmod:desc _ _
5 Ana _ PROPN _ _ 7 nsubj _ M=soto|T=Person
6 Soto _ PROPN _ _ 5 flat _ M=soto|T=Person
7 spoke _ VERB _ _ 0 root _ _
8 . _ PUNCT _ _ 7 punct _ _",
        want: &[("leads", "soto", "un")],
        blocked: &[],
        absent: &[("represents", "soto", "un")],
        template: "title",
    },
    // ---------------------------------------------------------- round 3
    Case {
        name: "relative-clause-the-parser-hung-on-the-verb",
        conllu: "
1 Peru _ PROPN _ _ 3 nsubj:pass _ M=peru
2 was _ AUX _ _ 3 aux:pass _ _
3 left _ VERB _ _ 0 root _ _
4 out _ ADP _ _ 8 case _ _
5 of _ ADP _ _ 8 case _ _
6 the _ DET _ _ 8 det _ _
7 Lima _ PROPN _ _ 8 compound _ M=summit
8 summit _ NOUN _ _ 3 obl _ M=summit
9 , _ PUNCT _ _ 11 punct _ _
10 which _ PRON _ _ 11 nsubj _ _
11 brought _ VERB _ _ 3 advcl:relcl _ _
12 together _ ADV _ _ 11 advmod _ _
13 the _ DET _ _ 14 det _ _
14 leaders _ NOUN _ _ 11 obj _ _
15 of _ ADP _ _ 16 case _ _
16 Chile _ PROPN _ _ 14 nmod _ M=chile
17 and _ CCONJ _ _ 18 cc _ _
18 Ecuador _ PROPN _ _ 16 conj _ M=ecuador
19 . _ PUNCT _ _ 3 punct _ _",
        want: &[
            ("attends", "chile", "summit"),
            ("attends", "ecuador", "summit"),
        ],
        blocked: &[],
        absent: &[("attends", "peru", "summit"), ("attends", "chile", "peru")],
        template: "relative",
    },
    Case {
        name: "relative-after-a-comma-on-no-name-is-no-antecedent",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 spoke _ VERB _ _ 0 root _ _
3 on _ ADP _ _ 4 case _ _
4 Monday _ PROPN _ _ 2 obl _ _
5 , _ PUNCT _ _ 7 punct _ _
6 which _ PRON _ _ 7 nsubj _ _
7 brought _ VERB _ _ 2 advcl:relcl _ _
8 together _ ADV _ _ 7 advmod _ _
9 Peru _ PROPN _ _ 7 obj _ M=peru
10 and _ CCONJ _ _ 12 cc _ _
11 the _ DET _ _ 12 det _ _
12 summit _ NOUN _ _ 9 conj _ M=summit
13 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("attends", "peru", "chile"), ("attends", "summit", "chile")],
        template: "",
    },
    Case {
        name: "passive-not-by-x-but-by-y",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 accord _ NOUN _ _ 4 nsubj:pass _ M=accord
3 was _ AUX _ _ 4 aux:pass _ _
4 signed _ VERB _ _ 0 root _ _
5 not _ PART _ _ 7 advmod _ _
6 by _ ADP _ _ 7 case _ _
7 Chile _ PROPN _ _ 4 obl:agent _ M=chile
8 but _ CCONJ _ _ 12 cc _ _
9 by _ ADP _ _ 10 case _ _
10 Peru _ PROPN _ _ 8 obl:agent _ M=peru
11 alone _ ADV _ _ 10 advmod _ _
12 . _ PUNCT _ _ 4 punct _ _",
        want: &[("attends", "peru", "accord")],
        blocked: &[("attends", "chile", "accord")],
        absent: &[],
        template: "passive",
    },
    Case {
        name: "passive-by-left-as-the-verbs-child",
        conllu: "
1 Chile _ PROPN _ _ 3 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 team _ NOUN _ _ 5 nsubj:pass _ _
4 is _ AUX _ _ 5 aux:pass _ _
5 headed _ VERB _ _ 0 root _ _
6 by _ ADP _ _ 5 case _ _
7 Mullah _ PROPN _ _ 8 compound _ _
8 Omar _ PROPN _ _ 6 obj _ M=sadiq|T=Person
9 Sadiq _ PROPN _ _ 8 flat _ M=sadiq|T=Person
10 . _ PUNCT _ _ 5 punct _ _",
        want: &[("leads", "sadiq", "chile")],
        blocked: &[],
        absent: &[("leads", "chile", "sadiq")],
        template: "passive",
    },
    Case {
        name: "by-before-the-verb-is-no-agent",
        conllu: "
1 By _ ADP _ _ 2 case _ _
2 Monday _ PROPN _ _ 6 obl _ _
3 Chile _ PROPN _ _ 5 nmod:poss _ M=chile
4 's _ PART _ _ 3 case _ _
5 team _ NOUN _ _ 7 nsubj:pass _ _
6 was _ AUX _ _ 7 aux:pass _ _
7 headed _ VERB _ _ 0 root _ _
8 for _ ADP _ _ 9 case _ _
9 Lima _ PROPN _ _ 7 obl _ M=lima
10 . _ PUNCT _ _ 7 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("leads", "lima", "chile"), ("leads", "chile", "lima")],
        template: "",
    },
    Case {
        name: "colon-list-of-a-groups-members",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 accord _ NOUN _ _ 4 nsubj:pass _ M=accord
3 was _ AUX _ _ 4 aux:pass _ _
4 signed _ VERB _ _ 0 root _ _
5 by _ ADP _ _ 8 case _ _
6 the _ DET _ _ 8 det _ _
7 contact _ NOUN _ _ 8 compound _ M=group
8 group _ NOUN _ _ 4 obl:agent _ M=group
9 : _ PUNCT _ _ 12 punct _ _
10 OAS _ PROPN _ _ 11 compound _ M=oas
11 envoy _ NOUN _ _ 12 nmod:desc _ _
12 Jane _ PROPN _ _ 8 appos _ M=roe|T=Person
13 Roe _ PROPN _ _ 12 flat _ M=roe|T=Person
14 , _ PUNCT _ _ 15 punct _ _
15 Ana _ PROPN _ _ 12 conj _ M=ruiz|T=Person
16 Ruiz _ PROPN _ _ 15 flat _ M=ruiz|T=Person
17 for _ ADP _ _ 18 case _ _
18 Peru _ PROPN _ _ 15 nmod _ M=peru
19 and _ CCONJ _ _ 20 cc _ _
20 Li _ PROPN _ _ 18 conj _ M=wei|T=Person
21 Wei _ PROPN _ _ 20 flat _ M=wei|T=Person
22 . _ PUNCT _ _ 4 punct _ _",
        want: &[
            ("member_of", "roe", "group"),
            ("member_of", "ruiz", "group"),
            ("member_of", "wei", "group"),
            ("attends", "group", "accord"),
            ("attends", "roe", "accord"),
            ("attends", "wei", "accord"),
        ],
        blocked: &[],
        absent: &[
            ("member_of", "peru", "group"),
            ("member_of", "oas", "group"),
            ("attends", "peru", "accord"),
        ],
        template: "list",
    },
    Case {
        name: "colon-before-a-clause-is-no-list",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 talks _ NOUN _ _ 3 nsubj _ M=talks
3 ended _ VERB _ _ 0 root _ _
4 : _ PUNCT _ _ 6 punct _ _
5 Chile _ PROPN _ _ 6 nsubj _ M=chile
6 signed _ VERB _ _ 3 parataxis _ _
7 the _ DET _ _ 8 det _ _
8 accord _ NOUN _ _ 6 obj _ M=accord
9 , _ PUNCT _ _ 11 punct _ _
10 Peru _ PROPN _ _ 11 nsubj _ M=peru
11 refused _ VERB _ _ 6 conj _ _
12 . _ PUNCT _ _ 3 punct _ _",
        want: &[("attends", "chile", "accord")],
        blocked: &[],
        absent: &[
            ("member_of", "chile", "talks"),
            ("member_of", "peru", "talks"),
            ("attends", "peru", "accord"),
        ],
        template: "active",
    },
    Case {
        name: "as-phrase-describes-the-subject",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 acted _ VERB _ _ 0 root _ _
3 as _ ADP _ _ 5 case _ _
4 a _ DET _ _ 5 det _ _
5 guarantor _ NOUN _ _ 2 obl _ _
6 of _ ADP _ _ 9 case _ _
7 the _ DET _ _ 9 det _ _
8 Lima _ PROPN _ _ 9 compound _ M=talks
9 talks _ NOUN _ _ 5 nmod _ M=talks
10 . _ PUNCT _ _ 2 punct _ _",
        want: &[("brokered", "chile", "talks")],
        blocked: &[],
        absent: &[],
        template: "as",
    },
    Case {
        name: "as-phrase-after-an-object-describes-the-object",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 regards _ VERB _ _ 0 root _ _
3 Peru _ PROPN _ _ 2 obj _ M=peru
4 as _ ADP _ _ 6 case _ _
5 a _ DET _ _ 6 det _ _
6 guarantor _ NOUN _ _ 2 obl _ _
7 of _ ADP _ _ 9 case _ _
8 the _ DET _ _ 9 det _ _
9 talks _ NOUN _ _ 6 nmod _ M=talks
10 . _ PUNCT _ _ 2 punct _ _",
        want: &[("brokered", "peru", "talks")],
        blocked: &[],
        absent: &[("brokered", "chile", "talks")],
        template: "as",
    },
    Case {
        name: "as-phrase-of-name-is-the-object's",
        conllu: "
1 Jane _ PROPN _ _ 3 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 named _ VERB _ _ 0 root _ _
4 Ana _ PROPN _ _ 3 obj _ M=ruiz|T=Person
5 Ruiz _ PROPN _ _ 4 flat _ M=ruiz|T=Person
6 as _ ADP _ _ 7 case _ _
7 leader _ NOUN _ _ 3 obl _ _
8 of _ ADP _ _ 11 case _ _
9 the _ DET _ _ 11 det _ _
10 Green _ PROPN _ _ 11 compound _ M=greens
11 Alliance _ PROPN _ _ 7 nmod _ M=greens
12 . _ PUNCT _ _ 3 punct _ _",
        want: &[("leads", "ruiz", "greens")],
        blocked: &[],
        absent: &[("leads", "roe", "greens")],
        template: "as",
    },
    Case {
        name: "head-of-an-actor's-mission-leads-the-mission-not-the-actor",
        conllu: "
1 Jane _ PROPN _ _ 11 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 , _ PUNCT _ _ 4 punct _ _
4 head _ NOUN _ _ 1 appos _ _
5 of _ ADP _ _ 9 case _ _
6 the _ DET _ _ 7 det _ _
7 UN _ PROPN _ _ 9 nmod:poss _ M=un
8 's _ PART _ _ 7 case _ _
9 mission _ NOUN _ _ 4 nmod _ _
10 , _ PUNCT _ _ 4 punct _ _
11 said _ VERB _ _ 0 root _ _
12 . _ PUNCT _ _ 11 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("leads", "roe", "un")],
        template: "",
    },
    Case {
        name: "head-of-an-actor's-delegation-leads-the-actor",
        conllu: "
1 Jane _ PROPN _ _ 11 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 , _ PUNCT _ _ 4 punct _ _
4 head _ NOUN _ _ 1 appos _ _
5 of _ ADP _ _ 9 case _ _
6 the _ DET _ _ 7 det _ _
7 UN _ PROPN _ _ 9 nmod:poss _ M=un
8 's _ PART _ _ 7 case _ _
9 delegation _ NOUN _ _ 4 nmod _ _
10 , _ PUNCT _ _ 4 punct _ _
11 said _ VERB _ _ 0 root _ _
12 . _ PUNCT _ _ 11 punct _ _",
        want: &[("leads", "roe", "un")],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        name: "leads-preside-over",
        conllu: "
1 Jane _ PROPN _ _ 3 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 presides _ VERB _ _ 0 root _ _
4 over _ ADP _ _ 7 case _ _
5 the _ DET _ _ 7 det _ _
6 Coastal _ PROPN _ _ 7 compound _ M=cu
7 Union _ PROPN _ _ 3 obl _ M=cu
8 . _ PUNCT _ _ 3 punct _ _",
        want: &[("leads", "roe", "cu")],
        blocked: &[],
        absent: &[("leads", "cu", "roe")],
        template: "",
    },
    Case {
        name: "leads-preside-over-negated",
        conllu: "
1 Jane _ PROPN _ _ 5 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 did _ AUX _ _ 5 aux _ _
4 not _ PART _ _ 5 advmod _ _
5 preside _ VERB _ _ 0 root _ _
6 over _ ADP _ _ 9 case _ _
7 the _ DET _ _ 9 det _ _
8 Coastal _ PROPN _ _ 9 compound _ M=cu
9 Union _ PROPN _ _ 5 obl _ M=cu
10 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[("leads", "roe", "cu")],
        absent: &[],
        template: "",
    },
    Case {
        name: "leads-helms",
        conllu: "
1 Jane _ PROPN _ _ 3 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 helms _ VERB _ _ 0 root _ _
4 the _ DET _ _ 6 det _ _
5 Liberation _ PROPN _ _ 6 compound _ M=front
6 Front _ PROPN _ _ 3 obj _ M=front
7 . _ PUNCT _ _ 3 punct _ _",
        want: &[("leads", "roe", "front")],
        blocked: &[],
        absent: &[],
        template: "",
    },
    Case {
        name: "measure-noun-stands-for-the-event",
        conllu: "
1 Chile _ PROPN _ _ 4 nsubj _ M=chile
2 and _ CCONJ _ _ 3 cc _ _
3 Peru _ PROPN _ _ 1 conj _ M=peru
4 agreed _ VERB _ _ 0 root _ _
5 on _ ADP _ _ 7 case _ _
6 a _ DET _ _ 7 det _ _
7 truce _ NOUN _ _ 4 obl _ _
8 after _ ADP _ _ 10 case _ _
9 ten _ NUM _ _ 10 nummod _ _
10 hours _ NOUN _ _ 4 obl _ _
11 of _ ADP _ _ 12 case _ _
12 talks _ NOUN _ _ 10 nmod _ M=talks
13 . _ PUNCT _ _ 4 punct _ _",
        want: &[("attends", "chile", "talks"), ("attends", "peru", "talks")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "hoping-to-hold-talks-is-no-attendance-yet",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 hopes _ VERB _ _ 0 root _ _
3 to _ PART _ _ 4 mark _ _
4 hold _ VERB _ _ 2 xcomp _ _
5 talks _ NOUN _ _ 4 obj _ M=talks
6 on _ ADP _ _ 7 case _ _
7 Monday _ PROPN _ _ 4 obl _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "chile", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        name: "attack-verb-on-positions-standing-for-their-side",
        conllu: "
1 Chilean _ ADJ _ _ 2 amod _ M=chile
2 forces _ NOUN _ _ 3 nsubj _ _
3 pounded _ VERB _ _ 0 root _ _
4 Peruvian _ ADJ _ _ 5 amod _ M=peru
5 positions _ NOUN _ _ 3 obj _ _
6 overnight _ ADV _ _ 3 advmod _ _
7 . _ PUNCT _ _ 3 punct _ _",
        want: &[("opposes", "chile", "peru")],
        blocked: &[],
        absent: &[("opposes", "peru", "chile")],
        template: "active",
    },
    Case {
        name: "verify-is-observing-negated",
        conllu: "
1 Monitors _ NOUN _ _ 6 nsubj _ _
2 from _ ADP _ _ 4 case _ _
3 the _ DET _ _ 4 det _ _
4 OAS _ PROPN _ _ 1 nmod _ M=oas
5 will _ AUX _ _ 6 aux _ _
6 verify _ VERB _ _ 0 root _ _
7 the _ DET _ _ 8 det _ _
8 truce _ NOUN _ _ 6 obj _ M=truce
9 , _ PUNCT _ _ 13 punct _ _
10 but _ CCONJ _ _ 13 cc _ _
11 Peru _ PROPN _ _ 12 nsubj _ M=peru
12 will _ AUX _ _ 6 conj _ _
13 not _ PART _ _ 12 advmod _ _
14 . _ PUNCT _ _ 6 punct _ _",
        want: &[("observes", "oas", "truce")],
        blocked: &[],
        absent: &[("observes", "peru", "truce")],
        template: "active",
    },
    Case {
        name: "parties-open-talks-through-a-proxy",
        conllu: "
1 Negotiators _ NOUN _ _ 7 nsubj _ _
2 for _ ADP _ _ 3 case _ _
3 Chile _ PROPN _ _ 1 nmod _ M=chile
4 and _ CCONJ _ _ 5 cc _ _
5 Peru _ PROPN _ _ 3 conj _ M=peru
6 formally _ ADV _ _ 7 advmod _ _
7 opened _ VERB _ _ 0 root _ _
8 peace _ NOUN _ _ 9 compound _ M=talks
9 talks _ NOUN _ _ 7 obj _ M=talks
10 in _ ADP _ _ 11 case _ _
11 Lima _ PROPN _ _ 7 obl _ M=lima
12 . _ PUNCT _ _ 7 punct _ _",
        want: &[("attends", "chile", "talks"), ("attends", "peru", "talks")],
        blocked: &[],
        absent: &[("attends", "lima", "talks")],
        template: "proxy",
    },
    Case {
        name: "talks-held-in-a-city-have-no-party",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 talks _ NOUN _ _ 4 nsubj:pass _ M=talks
3 were _ AUX _ _ 4 aux:pass _ _
4 held _ VERB _ _ 0 root _ _
5 in _ ADP _ _ 6 case _ _
6 Lima _ PROPN _ _ 4 obl _ M=lima
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[("held_in", "talks", "lima")],
        blocked: &[],
        absent: &[("attends", "lima", "talks")],
        template: "passive",
    },
    Case {
        name: "light-verb-through-a-measure-noun",
        conllu: "
1 Chile _ PROPN _ _ 2 nsubj _ M=chile
2 imposed _ VERB _ _ 0 root _ _
3 several _ ADJ _ _ 4 amod _ _
4 rounds _ NOUN _ _ 2 obj _ _
5 of _ ADP _ _ 6 case _ _
6 sanctions _ NOUN _ _ 4 nmod _ _
7 on _ ADP _ _ 8 case _ _
8 Peru _ PROPN _ _ 6 nmod _ M=peru
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "chile", "peru")],
        blocked: &[],
        absent: &[("opposes", "peru", "chile")],
        template: "light-verb",
    },
    Case {
        name: "coming-for-an-event",
        conllu: "
1 Roe _ PROPN _ _ 2 nsubj _ M=roe
2 flew _ VERB _ _ 0 root _ _
3 in _ ADV _ _ 2 advmod _ _
4 for _ ADP _ _ 6 case _ _
5 the _ DET _ _ 6 det _ _
6 opening _ NOUN _ _ 2 obl _ M=summit
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "roe", "summit")],
        blocked: &[],
        absent: &[("attends", "summit", "roe")],
        template: "active",
    },
    Case {
        name: "coming-to-an-event-negated",
        conllu: "
1 Roe _ PROPN _ _ 4 nsubj _ M=roe
2 did _ AUX _ _ 4 aux _ _
3 not _ PART _ _ 4 advmod _ _
4 travel _ VERB _ _ 0 root _ _
5 to _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 summit _ NOUN _ _ 4 obl _ M=summit
8 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("attends", "roe", "summit")],
        absent: &[],
        template: "",
    },
    Case {
        name: "speaking-to-an-event",
        conllu: "
1 Roe _ PROPN _ _ 2 nsubj _ M=roe
2 told _ VERB _ _ 0 root _ _
3 the _ DET _ _ 5 det _ _
4 opening _ NOUN _ _ 5 compound _ _
5 session _ NOUN _ _ 2 obj _ M=session
6 that _ SCONJ _ _ 8 mark _ _
7 peace _ NOUN _ _ 8 nsubj _ _
8 mattered _ VERB _ _ 2 ccomp _ _
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "roe", "session")],
        blocked: &[],
        absent: &[("attends", "session", "roe")],
        template: "active",
    },
    Case {
        name: "place-hung-on-another-phrase-past-an-empty-one",
        conllu: "
1 Peru _ PROPN _ _ 2 nsubj _ M=peru
2 signed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 deal _ NOUN _ _ 2 obj _ M=deal
5 with _ ADP _ _ 6 case _ _
6 Chile _ PROPN _ _ 2 obl _ M=chile
7 in _ ADP _ _ 8 case _ _
8 Lima _ PROPN _ _ 6 nmod _ M=lima
9 in _ ADP _ _ 10 case _ _
10 May _ PROPN _ _ 2 obl _ _
11 . _ PUNCT _ _ 2 punct _ _",
        want: &[("held_in", "deal", "lima")],
        blocked: &[],
        absent: &[("held_in", "deal", "chile")],
        template: "active",
    },
    Case {
        name: "place-of-the-verb-wins-over-one-hung-elsewhere",
        conllu: "
1 Peru _ PROPN _ _ 2 nsubj _ M=peru
2 signed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 deal _ NOUN _ _ 2 obj _ M=deal
5 in _ ADP _ _ 6 case _ _
6 Quito _ PROPN _ _ 2 obl _ M=quito
7 with _ ADP _ _ 8 case _ _
8 Chile _ PROPN _ _ 2 obl _ M=chile
9 in _ ADP _ _ 10 case _ _
10 Lima _ PROPN _ _ 8 nmod _ M=lima
11 . _ PUNCT _ _ 2 punct _ _",
        want: &[("held_in", "deal", "quito")],
        blocked: &[],
        absent: &[("held_in", "deal", "lima")],
        template: "active",
    },
    Case {
        name: "relative-made-object-of-a-verb-of-speech",
        conllu: "
1 Russia _ PROPN _ _ 0 root _ M=russia
2 , _ PUNCT _ _ 5 punct _ _
3 which _ PRON _ _ 5 obj _ _
4 he _ PRON _ _ 5 nsubj _ _
5 said _ VERB _ _ 1 acl:relcl _ _
6 had _ AUX _ _ 7 aux _ _
7 acted _ VERB _ _ 5 ccomp _ _
8 as _ ADP _ _ 10 case _ _
9 a _ DET _ _ 10 det _ _
10 guarantor _ NOUN _ _ 7 obl _ _
11 of _ ADP _ _ 13 case _ _
12 the _ DET _ _ 13 det _ _
13 talks _ NOUN _ _ 10 nmod _ M=talks
14 . _ PUNCT _ _ 1 punct _ _",
        want: &[("brokered", "russia", "talks")],
        blocked: &[],
        absent: &[],
        template: "as",
    },
    Case {
        name: "relative-of-speech-near-miss-the-clause-has-its-subject",
        conllu: "
1 Russia _ PROPN _ _ 0 root _ M=russia
2 , _ PUNCT _ _ 5 punct _ _
3 which _ PRON _ _ 5 obj _ _
4 he _ PRON _ _ 5 nsubj _ _
5 said _ VERB _ _ 1 acl:relcl _ _
6 Peru _ PROPN _ _ 8 nsubj _ M=peru
7 had _ AUX _ _ 8 aux _ _
8 acted _ VERB _ _ 5 ccomp _ _
9 as _ ADP _ _ 11 case _ _
10 a _ DET _ _ 11 det _ _
11 guarantor _ NOUN _ _ 8 obl _ _
12 of _ ADP _ _ 14 case _ _
13 the _ DET _ _ 14 det _ _
14 talks _ NOUN _ _ 11 nmod _ M=talks
15 . _ PUNCT _ _ 1 punct _ _",
        want: &[("brokered", "peru", "talks")],
        blocked: &[],
        absent: &[("brokered", "russia", "talks")],
        template: "as",
    },
    Case {
        name: "title-with-of-phrase-before-a-person-the-parse-did-not-join",
        // "Secretary of State Ivo Roth said ...", parsed with the name as the
        // title's of-phrase: the title still names him, and he is not its owner.
        conllu: "
1 Secretary _ NOUN _ _ 6 nsubj _ _
2 of _ ADP _ _ 4 case _ _
3 State _ PROPN _ _ 4 compound _ _
4 Ivo _ PROPN _ _ 1 nmod _ M=roth|T=Person
5 Roth _ PROPN _ _ 4 flat _ M=roth|T=Person
6 said _ VERB _ _ 0 root _ _
7 . _ PUNCT _ _ 6 punct _ _",
        want: &[("represents", "roth", "roth")],
        blocked: &[],
        absent: &[],
        template: "gazetteer-title",
    },
    Case {
        name: "allies-of-a-titled-person-is-no-title-before-him",
        conllu: "
1 Chile _ PROPN _ _ 7 nsubj _ M=chile
2 and _ CCONJ _ _ 3 cc _ _
3 Peru _ PROPN _ _ 1 conj _ M=peru
4 are _ AUX _ _ 7 cop _ _
5 the _ DET _ _ 7 det _ _
6 main _ ADJ _ _ 7 amod _ _
7 allies _ NOUN _ _ 0 root _ _
8 of _ ADP _ _ 10 case _ _
9 President _ PROPN _ _ 10 nmod:desc _ _
10 Ana _ PROPN _ _ 7 nmod _ M=soto|T=Person
11 Soto _ PROPN _ _ 10 flat _ M=soto|T=Person
12 . _ PUNCT _ _ 7 punct _ _",
        want: &[("supports", "chile", "soto"), ("supports", "peru", "soto")],
        blocked: &[],
        absent: &[("supports", "soto", "soto"), ("supports", "soto", "chile")],
        template: "copula",
    },
    Case {
        name: "title-hung-under-the-first-name-before-it",
        // "OAS Peru envoy Ivo Roth, who ...": the parse makes `envoy` a flat
        // of `OAS` and the person its apposition; the envoy is the OAS's.
        conllu: "
1 OAS _ PROPN _ _ 0 root _ M=oas
2 Peru _ PROPN _ _ 1 flat _ M=peru
3 envoy _ PROPN _ _ 1 flat _ _
4 Ivo _ PROPN _ _ 1 appos _ M=roth|T=Person
5 Roth _ PROPN _ _ 4 flat _ M=roth|T=Person
6 , _ PUNCT _ _ 8 punct _ _
7 who _ PRON _ _ 8 nsubj _ _
8 spoke _ VERB _ _ 1 parataxis _ _
9 . _ PUNCT _ _ 1 punct _ _",
        want: &[("represents", "roth", "oas")],
        blocked: &[],
        absent: &[("represents", "roth", "peru")],
        template: "title",
    },
    Case {
        name: "name-right-after-a-title-is-its-one-holder",
        // "Chilean envoy Ivo Roth and Ana Soto, the council's chief, signed":
        // the parse makes Roth the envoy's apposition, with Soto coordinated.
        conllu: "
1 Chilean _ ADJ _ _ 2 amod _ M=chile
2 envoy _ NOUN _ _ 13 nsubj _ _
3 Ivo _ PROPN _ _ 2 appos _ M=roth|T=Person
4 Roth _ PROPN _ _ 3 flat _ M=roth|T=Person
5 and _ CCONJ _ _ 6 cc _ _
6 Ana _ PROPN _ _ 3 conj _ M=soto|T=Person
7 Soto _ PROPN _ _ 6 flat _ M=soto|T=Person
8 , _ PUNCT _ _ 12 punct _ _
9 the _ DET _ _ 10 det _ _
10 council _ NOUN _ _ 12 nmod:poss _ M=council
11 's _ PART _ _ 10 case _ _
12 chief _ NOUN _ _ 6 appos _ _
13 signed _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[
            ("represents", "roth", "chile"),
            ("leads", "soto", "council"),
        ],
        blocked: &[],
        absent: &[("represents", "soto", "chile")],
        template: "title",
    },
    Case {
        name: "apposition-after-a-comma-still-spreads-over-coordination",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 Chilean _ ADJ _ _ 3 amod _ M=chile
3 envoys _ NOUN _ _ 10 nsubj _ _
4 , _ PUNCT _ _ 5 punct _ _
5 Ivo _ PROPN _ _ 3 appos _ M=roth|T=Person
6 Roth _ PROPN _ _ 5 flat _ M=roth|T=Person
7 and _ CCONJ _ _ 8 cc _ _
8 Ana _ PROPN _ _ 5 conj _ M=soto|T=Person
9 Soto _ PROPN _ _ 8 flat _ M=soto|T=Person
10 signed _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[
            ("represents", "roth", "chile"),
            ("represents", "soto", "chile"),
        ],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        name: "counterpart-holds-the-title-before-it",
        conllu: "
1 Chilean _ ADJ _ _ 2 amod _ M=chile
2 President _ NOUN _ _ 3 nmod:desc _ _
3 Ana _ PROPN _ _ 12 nsubj _ M=soto|T=Person
4 Soto _ PROPN _ _ 3 flat _ M=soto|T=Person
5 and _ CCONJ _ _ 10 cc _ _
6 her _ PRON _ _ 10 nmod:poss _ _
7 Peruvian _ ADJ _ _ 8 amod _ M=peru
8 counterpart _ NOUN _ _ 10 compound _ _
9 Ivo _ PROPN _ _ 10 flat _ M=roth|T=Person
10 Roth _ PROPN _ _ 3 conj _ M=roth|T=Person
11 , _ PUNCT _ _ 3 punct _ _
12 met _ VERB _ _ 0 root _ _
13 . _ PUNCT _ _ 12 punct _ _",
        want: &[("leads", "roth", "peru"), ("leads", "soto", "chile")],
        blocked: &[],
        absent: &[("leads", "roth", "chile"), ("leads", "soto", "peru")],
        template: "counterpart",
    },
    Case {
        name: "counterpart-of-a-former-president-is-blocked-too",
        conllu: "
1 Former _ ADJ _ _ 3 amod _ _
2 Chilean _ ADJ _ _ 3 amod _ M=chile
3 President _ NOUN _ _ 4 nmod:desc _ _
4 Ana _ PROPN _ _ 13 nsubj _ M=soto|T=Person
5 Soto _ PROPN _ _ 4 flat _ M=soto|T=Person
6 and _ CCONJ _ _ 11 cc _ _
7 her _ PRON _ _ 11 nmod:poss _ _
8 Peruvian _ ADJ _ _ 9 amod _ M=peru
9 counterpart _ NOUN _ _ 11 compound _ _
10 Ivo _ PROPN _ _ 11 flat _ M=roth|T=Person
11 Roth _ PROPN _ _ 4 conj _ M=roth|T=Person
12 , _ PUNCT _ _ 4 punct _ _
13 met _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[],
        blocked: &[("leads", "roth", "peru")],
        absent: &[("leads", "roth", "chile")],
        template: "",
    },
    Case {
        name: "counterpart-with-no-title-before-it-holds-nothing",
        conllu: "
1 Ana _ PROPN _ _ 9 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 and _ CCONJ _ _ 8 cc _ _
4 her _ PRON _ _ 8 nmod:poss _ _
5 Peruvian _ ADJ _ _ 6 amod _ M=peru
6 counterpart _ NOUN _ _ 8 compound _ _
7 Ivo _ PROPN _ _ 8 flat _ M=roth|T=Person
8 Roth _ PROPN _ _ 1 conj _ M=roth|T=Person
9 met _ VERB _ _ 0 root _ _
10 . _ PUNCT _ _ 9 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("leads", "roth", "peru"), ("represents", "roth", "peru")],
        template: "",
    },
    Case {
        name: "one-title-after-coordinated-names-is-the-last-ones",
        // the parse hangs "leader" on the first name
        conllu: "
1 Ana _ PROPN _ _ 13 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ivo _ PROPN _ _ 1 conj _ M=roth|T=Person
5 Roth _ PROPN _ _ 4 flat _ M=roth|T=Person
6 , _ PUNCT _ _ 7 punct _ _
7 leader _ NOUN _ _ 1 appos _ _
8 of _ ADP _ _ 11 case _ _
9 the _ DET _ _ 11 det _ _
10 Andean _ PROPN _ _ 11 compound _ M=council
11 Council _ PROPN _ _ 7 nmod _ M=council
12 , _ PUNCT _ _ 1 punct _ _
13 met _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[("leads", "roth", "council")],
        blocked: &[],
        absent: &[("leads", "soto", "council")],
        template: "apposition",
    },
    Case {
        name: "plural-title-after-coordinated-names-is-all-of-theirs",
        conllu: "
1 Ana _ PROPN _ _ 13 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 and _ CCONJ _ _ 4 cc _ _
4 Ivo _ PROPN _ _ 1 conj _ M=roth|T=Person
5 Roth _ PROPN _ _ 4 flat _ M=roth|T=Person
6 , _ PUNCT _ _ 7 punct _ _
7 leaders _ NOUN _ _ 1 appos _ _
8 of _ ADP _ _ 11 case _ _
9 the _ DET _ _ 11 det _ _
10 Andean _ PROPN _ _ 11 compound _ M=council
11 Council _ PROPN _ _ 7 nmod _ M=council
12 , _ PUNCT _ _ 1 punct _ _
13 met _ VERB _ _ 0 root _ _
14 . _ PUNCT _ _ 13 punct _ _",
        want: &[("leads", "soto", "council"), ("leads", "roth", "council")],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        name: "apposition-read-from-the-words-where-the-parse-has-none",
        // "Ana Soto, head of the OAS, and Ivo Roth, leader of the Andean
        // Council, signed": the parse makes the second title a `list` of the first name
        conllu: "
1 Ana _ PROPN _ _ 0 root _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 , _ PUNCT _ _ 4 punct _ _
4 head _ NOUN _ _ 1 appos _ _
5 of _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 OAS _ PROPN _ _ 4 nmod _ M=oas
8 , _ PUNCT _ _ 11 punct _ _
9 and _ CCONJ _ _ 11 cc _ _
10 Ivo _ PROPN _ _ 11 compound _ M=roth|T=Person
11 Roth _ PROPN _ _ 7 conj _ M=roth|T=Person
12 , _ PUNCT _ _ 13 punct _ _
13 leader _ NOUN _ _ 1 list _ _
14 of _ ADP _ _ 17 case _ _
15 the _ DET _ _ 17 det _ _
16 Andean _ PROPN _ _ 17 compound _ M=council
17 Council _ PROPN _ _ 13 nmod _ M=council
18 , _ PUNCT _ _ 19 punct _ _
19 signed _ VERB _ _ 1 parataxis _ _
20 . _ PUNCT _ _ 1 punct _ _",
        want: &[("leads", "roth", "council"), ("leads", "soto", "oas")],
        blocked: &[],
        absent: &[("leads", "soto", "council")],
        template: "apposition",
    },
    // ---------------------------------------------------------------- round 6
    Case {
        name: "coordinated-passive-shares-the-subject",
        conllu: "
1 Peru _ PROPN _ _ 5 nsubj _ M=peru
2 was _ AUX _ _ 5 cop _ _
3 not _ PART _ _ 5 advmod _ _
4 a _ DET _ _ 5 det _ _
5 party _ NOUN _ _ 0 root _ _
6 and _ CCONJ _ _ 8 cc _ _
7 was _ AUX _ _ 8 aux:pass _ _
8 kept _ VERB _ _ 5 conj _ _
9 out _ ADP _ _ 12 case _ _
10 of _ ADP _ _ 12 case _ _
11 the _ DET _ _ 12 det _ M=talks
12 talks _ NOUN _ _ 8 obl _ M=talks
13 . _ PUNCT _ _ 5 punct _ _",
        want: &[("excluded_from", "peru", "talks")],
        blocked: &[],
        absent: &[],
        template: "control",
    },
    Case {
        // near miss: the second clause has a subject of its own
        name: "coordinated-passive-with-its-own-subject",
        conllu: "
1 Peru _ PROPN _ _ 2 nsubj _ M=peru
2 objected _ VERB _ _ 0 root _ _
3 and _ CCONJ _ _ 6 cc _ _
4 Chile _ PROPN _ _ 6 nsubj:pass _ M=chile
5 was _ AUX _ _ 6 aux:pass _ _
6 kept _ VERB _ _ 2 conj _ _
7 out _ ADP _ _ 10 case _ _
8 of _ ADP _ _ 10 case _ _
9 the _ DET _ _ 10 det _ M=talks
10 talks _ NOUN _ _ 6 obl _ M=talks
11 . _ PUNCT _ _ 2 punct _ _",
        want: &[("excluded_from", "chile", "talks")],
        blocked: &[],
        absent: &[("excluded_from", "peru", "talks")],
        template: "passive",
    },
    Case {
        // "gave the rebels sanctuary", parsed with the noun as a second complement
        name: "give-sanctuary-object-between",
        conllu: "
1 Zenda _ PROPN _ _ 2 nsubj _ M=zenda
2 gave _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ M=rebels
4 rebels _ NOUN _ _ 2 obj _ M=rebels
5 sanctuary _ VERB _ _ 2 xcomp _ _
6 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "zenda", "rebels")],
        blocked: &[],
        absent: &[("supports", "rebels", "zenda")],
        template: "active",
    },
    Case {
        // the same with the parse a treebank gives: an indirect object
        name: "give-sanctuary-indirect-object",
        conllu: "
1 Zenda _ PROPN _ _ 2 nsubj _ M=zenda
2 granted _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ M=rebels
4 rebels _ NOUN _ _ 2 iobj _ M=rebels
5 safe _ ADJ _ _ 6 amod _ _
6 haven _ NOUN _ _ 2 obj _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "zenda", "rebels")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "give-sanctuary-to",
        conllu: "
1 Zenda _ PROPN _ _ 2 nsubj _ M=zenda
2 gave _ VERB _ _ 0 root _ _
3 sanctuary _ NOUN _ _ 2 obj _ _
4 to _ ADP _ _ 6 case _ _
5 the _ DET _ _ 6 det _ M=rebels
6 rebels _ NOUN _ _ 2 obl _ M=rebels
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "zenda", "rebels")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        // near miss: giving an actor something else is no support frame
        name: "give-without-sanctuary",
        conllu: "
1 Zenda _ PROPN _ _ 2 nsubj _ M=zenda
2 gave _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ M=rebels
4 rebels _ NOUN _ _ 2 iobj _ M=rebels
5 an _ DET _ _ 6 det _ _
6 ultimatum _ NOUN _ _ 2 obj _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("supports", "zenda", "rebels")],
        template: "",
    },
    Case {
        // near miss: a refuge denied
        name: "give-sanctuary-negated",
        conllu: "
1 Zenda _ PROPN _ _ 4 nsubj _ M=zenda
2 did _ AUX _ _ 4 aux _ _
3 not _ PART _ _ 4 advmod _ _
4 give _ VERB _ _ 0 root _ _
5 the _ DET _ _ 6 det _ M=rebels
6 rebels _ NOUN _ _ 4 iobj _ M=rebels
7 sanctuary _ NOUN _ _ 4 obj _ _
8 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("supports", "zenda", "rebels")],
        absent: &[],
        template: "",
    },
    Case {
        // a name known only in part, whose words the parse hung under another of its words
        name: "apposition-name-known-in-part",
        conllu: "
1 Chile _ PROPN _ _ 4 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 foreign _ ADJ _ _ 4 amod _ _
4 minister _ NOUN _ _ 12 nsubj _ _
5 , _ PUNCT _ _ 4 punct _ _
6 Omar _ PROPN _ _ 7 compound _ _
7 bin _ PROPN _ _ 4 appos _ _
8 Ali _ PROPN _ _ 7 compound _ _
9 Al _ PROPN _ _ 8 flat _ M=rashid|T=Person
10 Rashid _ PROPN _ _ 8 flat _ M=rashid|T=Person
11 , _ PUNCT _ _ 4 punct _ _
12 spoke _ VERB _ _ 0 root _ _
13 . _ PUNCT _ _ 12 punct _ _",
        want: &[("represents", "rashid", "chile")],
        blocked: &[],
        absent: &[],
        template: "apposition",
    },
    Case {
        // near miss: a common noun in apposition does not reach a name compounded before it
        name: "apposition-common-noun-with-a-place-before-it",
        conllu: "
1 Chile _ PROPN _ _ 4 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 foreign _ ADJ _ _ 4 amod _ _
4 minister _ NOUN _ _ 10 nsubj _ _
5 , _ PUNCT _ _ 4 punct _ _
6 a _ DET _ _ 8 det _ _
7 Lima _ PROPN _ _ 8 compound _ M=lima
8 lawyer _ NOUN _ _ 4 appos _ _
9 , _ PUNCT _ _ 4 punct _ _
10 spoke _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("represents", "lima", "chile")],
        template: "",
    },
    Case {
        // "as" read as a preposition hangs the clause's subjects on the noun before it
        name: "subject-after-a-subordinator-read-as-preposition",
        conllu: "
1 Roe _ PROPN _ _ 2 nsubj _ M=roe|T=Person
2 stood _ VERB _ _ 0 root _ _
3 at _ ADP _ _ 5 case _ _
4 the _ DET _ _ 5 det _ _
5 palace _ NOUN _ _ 2 obl _ _
6 as _ ADP _ _ 7 case _ _
7 Lima _ PROPN _ _ 5 nmod _ M=peru
8 and _ CCONJ _ _ 9 cc _ _
9 Quito _ PROPN _ _ 7 conj _ M=ecuador
10 issued _ VERB _ _ 2 advcl _ _
11 a _ DET _ _ 13 det _ M=declaration
12 joint _ ADJ _ _ 13 amod _ M=declaration
13 declaration _ NOUN _ _ 10 obj _ M=declaration
14 . _ PUNCT _ _ 2 punct _ _",
        want: &[
            ("attends", "peru", "declaration"),
            ("attends", "ecuador", "declaration"),
        ],
        blocked: &[],
        absent: &[("attends", "roe", "declaration")],
        template: "subordinator",
    },
    Case {
        // near miss: a preposition that is no subordinator keeps its noun
        name: "subject-after-a-preposition",
        conllu: "
1 Roe _ PROPN _ _ 2 nsubj _ M=roe|T=Person
2 stood _ VERB _ _ 0 root _ _
3 at _ ADP _ _ 5 case _ _
4 the _ DET _ _ 5 det _ _
5 embassy _ NOUN _ _ 2 obl _ _
6 of _ ADP _ _ 7 case _ _
7 Lima _ PROPN _ _ 5 nmod _ M=peru
8 and _ CCONJ _ _ 9 cc _ _
9 Quito _ PROPN _ _ 7 conj _ M=ecuador
10 issued _ VERB _ _ 2 advcl _ _
11 a _ DET _ _ 13 det _ M=declaration
12 joint _ ADJ _ _ 13 amod _ M=declaration
13 declaration _ NOUN _ _ 10 obj _ M=declaration
14 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[
            ("attends", "peru", "declaration"),
            ("attends", "ecuador", "declaration"),
        ],
        template: "",
    },
    Case {
        // the second verb hung on a noun of the first clause; names given as examples
        name: "conj-on-a-noun-and-examples-of-a-plural",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 group _ PROPN _ _ 4 nmod:poss _ M=group
3 's _ PART _ _ 2 case _ _
4 team _ NOUN _ _ 6 nsubj:pass _ _
5 is _ AUX _ _ 6 aux:pass _ _
6 led _ VERB _ _ 0 root _ _
7 by _ ADP _ _ 8 case _ _
8 Ana _ PROPN _ _ 6 obl:agent _ M=ruiz|T=Person
9 Ruiz _ PROPN _ _ 8 flat _ M=ruiz|T=Person
10 , _ PUNCT _ _ 13 punct _ _
11 a _ DET _ _ 13 det _ _
12 former _ ADJ _ _ 13 amod _ _
13 diplomat _ NOUN _ _ 8 appos _ _
14 , _ PUNCT _ _ 16 punct _ _
15 and _ CCONJ _ _ 16 cc _ _
16 includes _ VERB _ _ 13 conj _ _
17 four _ NUM _ _ 18 nummod _ _
18 women _ NOUN _ _ 16 obj _ _
19 , _ PUNCT _ _ 23 punct _ _
20 among _ ADP _ _ 21 case _ _
21 them _ PRON _ _ 23 nmod _ _
22 Li _ PROPN _ _ 23 compound _ M=wei|T=Person
23 Wei _ PROPN _ _ 18 nmod _ M=wei|T=Person
24 . _ PUNCT _ _ 6 punct _ _",
        want: &[("member_of", "wei", "group")],
        blocked: &[],
        absent: &[("member_of", "ruiz", "group")],
        template: "example",
    },
    Case {
        // near miss: a name after the plural that gives no example of it
        name: "examples-near-miss-a-speaker",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 group _ PROPN _ _ 4 nmod:poss _ M=group
3 's _ PART _ _ 2 case _ _
4 team _ NOUN _ _ 5 nsubj _ _
5 includes _ VERB _ _ 0 root _ _
6 four _ NUM _ _ 7 nummod _ _
7 women _ NOUN _ _ 5 obj _ _
8 , _ PUNCT _ _ 9 punct _ _
9 said _ VERB _ _ 5 parataxis _ _
10 Li _ PROPN _ _ 9 nsubj _ M=wei|T=Person
11 Wei _ PROPN _ _ 10 flat _ M=wei|T=Person
12 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("member_of", "wei", "group")],
        template: "",
    },
    // Asking someone to leave office (role `ousted`, set LEAVE_OFFICE).
    Case {
        name: "ousted-that-clause",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 Freedom _ PROPN _ _ 3 compound _ M=front
3 Front _ PROPN _ _ 4 nsubj _ M=front
4 demanded _ VERB _ _ 0 root _ _
5 that _ SCONJ _ _ 8 mark _ _
6 President _ PROPN _ _ 7 compound _ _
7 Dastan _ PROPN _ _ 8 nsubj _ M=dastan
8 step _ VERB _ _ 4 ccomp _ _
9 down _ ADV _ _ 8 advmod _ _
10 . _ PUNCT _ _ 4 punct _ _",
        want: &[("opposes", "front", "dastan")],
        blocked: &[],
        absent: &[("opposes", "dastan", "front")],
        template: "ousted",
    },
    Case {
        name: "ousted-called-on",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 called _ VERB _ _ 0 root _ _
3 on _ ADP _ _ 4 case _ _
4 Dastan _ PROPN _ _ 2 obl _ M=dastan
5 to _ PART _ _ 6 mark _ _
6 resign _ VERB _ _ 2 xcomp _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[("opposes", "dastan", "velmora")],
        template: "ousted",
    },
    Case {
        name: "ousted-object-control-with-particle",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 urged _ VERB _ _ 0 root _ _
3 Dastan _ PROPN _ _ 2 obj _ M=dastan
4 to _ PART _ _ 5 mark _ _
5 stand _ VERB _ _ 2 xcomp _ _
6 down _ ADP _ _ 5 compound:prt _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[],
        template: "ousted",
    },
    Case {
        // Near miss: "step up" is not leaving office.
        name: "ousted-other-particle",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 demanded _ VERB _ _ 0 root _ _
3 that _ SCONJ _ _ 5 mark _ _
4 Dastan _ PROPN _ _ 5 nsubj _ M=dastan
5 step _ VERB _ _ 2 ccomp _ _
6 up _ ADP _ _ 5 compound:prt _ _
7 the _ DET _ _ 8 det _ _
8 fight _ NOUN _ _ 5 obj _ _
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: saying someone should go is not asking him to.
        name: "ousted-reported-not-demanded",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 said _ VERB _ _ 0 root _ _
3 Dastan _ PROPN _ _ 5 nsubj _ M=dastan
4 should _ AUX _ _ 5 aux _ _
5 resign _ VERB _ _ 2 ccomp _ _
6 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: demanding that he not resign.
        name: "ousted-negated-complement",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 demanded _ VERB _ _ 0 root _ _
3 that _ SCONJ _ _ 6 mark _ _
4 Dastan _ PROPN _ _ 6 nsubj _ M=dastan
5 not _ PART _ _ 6 advmod _ _
6 resign _ VERB _ _ 2 ccomp _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        name: "ousted-negated-demand",
        conllu: "
1 Velmora _ PROPN _ _ 4 nsubj _ M=velmora
2 did _ AUX _ _ 4 aux _ _
3 not _ PART _ _ 4 advmod _ _
4 demand _ VERB _ _ 0 root _ _
5 that _ SCONJ _ _ 7 mark _ _
6 Dastan _ PROPN _ _ 7 nsubj _ M=dastan
7 resign _ VERB _ _ 4 ccomp _ _
8 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("opposes", "velmora", "dastan")],
        absent: &[],
        template: "",
    },
    Case {
        // Near miss: urged to do something else.
        name: "ousted-urged-to-attend",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 urged _ VERB _ _ 0 root _ _
3 Dastan _ PROPN _ _ 2 obj _ M=dastan
4 to _ PART _ _ 5 mark _ _
5 attend _ VERB _ _ 2 xcomp _ _
6 the _ DET _ _ 7 det _ _
7 talks _ NOUN _ _ 5 obj _ M=talks
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    // The owner of a title before a passive's by-agent: the proxy noun the verb is done to.
    Case {
        name: "title-owner-from-led-proxy",
        conllu: "
1 Chile _ PROPN _ _ 3 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 delegation _ NOUN _ _ 5 nsubj:pass _ _
4 was _ AUX _ _ 5 aux:pass _ _
5 led _ VERB _ _ 0 root _ _
6 by _ ADP _ _ 9 case _ _
7 Foreign _ ADJ _ _ 8 amod _ _
8 Minister _ PROPN _ _ 9 nmod:desc _ _
9 Jana _ PROPN _ _ 5 obl:agent _ M=roe
10 Roe _ PROPN _ _ 9 flat _ M=roe
11 . _ PUNCT _ _ 5 punct _ _",
        want: &[("represents", "roe", "chile")],
        blocked: &[],
        absent: &[("represents", "chile", "roe")],
        template: "led-proxy",
    },
    Case {
        // Near miss: a verb that does not lead what it is done to.
        name: "title-owner-not-from-attacked-proxy",
        conllu: "
1 Chile _ PROPN _ _ 3 nmod:poss _ M=chile
2 's _ PART _ _ 1 case _ _
3 forces _ NOUN _ _ 5 nsubj:pass _ _
4 were _ AUX _ _ 5 aux:pass _ _
5 criticised _ VERB _ _ 0 root _ _
6 by _ ADP _ _ 9 case _ _
7 Defence _ ADJ _ _ 8 amod _ _
8 Minister _ PROPN _ _ 9 nmod:desc _ _
9 Jana _ PROPN _ _ 5 obl:agent _ M=roe
10 Roe _ PROPN _ _ 9 flat _ M=roe
11 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("represents", "roe", "chile")],
        template: "",
    },
    Case {
        // Near miss: led, but what is led is no proxy for an actor.
        name: "title-owner-not-from-led-event",
        conllu: "
1 The _ DET _ _ 2 det _ _
2 talks _ NOUN _ _ 4 nsubj:pass _ M=talks
3 were _ AUX _ _ 4 aux:pass _ _
4 chaired _ VERB _ _ 0 root _ _
5 by _ ADP _ _ 8 case _ _
6 Foreign _ ADJ _ _ 7 amod _ _
7 Minister _ PROPN _ _ 8 nmod:desc _ _
8 Jana _ PROPN _ _ 4 obl:agent _ M=roe
9 Roe _ PROPN _ _ 8 flat _ M=roe
10 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("represents", "roe", "talks")],
        template: "",
    },
    Case {
        name: "ousted-noun-of-phrase",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 demanded _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 resignation _ NOUN _ _ 2 obj _ _
5 of _ ADP _ _ 7 case _ _
6 President _ PROPN _ _ 7 nmod:desc _ _
7 Dastan _ PROPN _ _ 4 nmod _ M=dastan
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[("opposes", "dastan", "velmora")],
        template: "ousted",
    },
    Case {
        name: "ousted-noun-possessive-for-phrase",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 called _ VERB _ _ 0 root _ _
3 for _ ADP _ _ 6 case _ _
4 Dastan _ PROPN _ _ 6 nmod:poss _ M=dastan
5 's _ PART _ _ 4 case _ _
6 ouster _ NOUN _ _ 2 obl _ _
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[],
        template: "ousted",
    },
    Case {
        // Near miss: welcoming a resignation is no demand for it.
        name: "ousted-noun-welcomed",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 welcomed _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 resignation _ NOUN _ _ 2 obj _ _
5 of _ ADP _ _ 6 case _ _
6 Dastan _ PROPN _ _ 4 nmod _ M=dastan
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: a demand for something else of his.
        name: "ousted-noun-other-demand",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 demanded _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 release _ NOUN _ _ 2 obj _ _
5 of _ ADP _ _ 7 case _ _
6 Dastan _ PROPN _ _ 7 nmod:poss _ M=dastan
7 's _ PART _ _ 6 case _ _
8 aides _ NOUN _ _ 4 nmod _ _
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    // Nouns of demand (role `ousted` on a noun): the parser hangs the noun's
    // for-phrase and to-clause on the verb whose object the noun is.
    Case {
        name: "ousted-noun-demands-for-pronoun-resignation",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 renewed _ VERB _ _ 0 root _ _
3 its _ PRON _ _ 4 nmod:poss _ M=velmora
4 demands _ NOUN _ _ 2 obj _ _
5 for _ ADP _ _ 7 case _ _
6 his _ PRON _ _ 7 nmod:poss _ M=dastan
7 resignation _ NOUN _ _ 2 obl _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[("opposes", "dastan", "velmora")],
        template: "ousted",
    },
    Case {
        name: "ousted-noun-calls-for-him-to-resign",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 Freedom _ PROPN _ _ 3 compound _ M=front
3 Front _ PROPN _ _ 4 nsubj _ M=front
4 repeated _ VERB _ _ 0 root _ _
5 its _ PRON _ _ 6 nmod:poss _ M=front
6 calls _ NOUN _ _ 4 obj _ _
7 for _ ADP _ _ 8 case _ _
8 him _ PRON _ _ 4 obl _ M=dastan
9 to _ PART _ _ 10 mark _ _
10 resign _ VERB _ _ 4 advcl _ _
11 . _ PUNCT _ _ 4 punct _ _",
        want: &[("opposes", "front", "dastan")],
        blocked: &[],
        absent: &[("opposes", "dastan", "front")],
        template: "ousted",
    },
    Case {
        // The for-phrase on the noun itself, a possessive as the asker.
        name: "ousted-noun-possessive-call-for-name-to-step-down",
        conllu: "
1 Velmora _ PROPN _ _ 4 nmod:poss _ M=velmora
2 's _ PART _ _ 1 case _ _
3 latest _ ADJ _ _ 4 amod _ _
4 call _ NOUN _ _ 10 nsubj _ _
5 for _ ADP _ _ 6 case _ _
6 Dastan _ PROPN _ _ 4 nmod _ M=dastan
7 to _ PART _ _ 8 mark _ _
8 step _ VERB _ _ 4 acl _ _
9 down _ ADP _ _ 8 compound:prt _ _
10 angered _ VERB _ _ 0 root _ _
11 supporters _ NOUN _ _ 10 obj _ _
12 . _ PUNCT _ _ 10 punct _ _",
        want: &[("opposes", "velmora", "dastan")],
        blocked: &[],
        absent: &[],
        template: "ousted",
    },
    Case {
        // Near miss: a demand the doer rejects is not the doer's (set DISMISS).
        name: "ousted-noun-rejected-calls",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 rejected _ VERB _ _ 0 root _ _
3 calls _ NOUN _ _ 2 obj _ _
4 for _ ADP _ _ 5 case _ _
5 Dastan _ PROPN _ _ 2 obl _ M=dastan
6 to _ PART _ _ 7 mark _ _
7 resign _ VERB _ _ 2 advcl _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: a demand for something other than leaving office.
        name: "ousted-noun-demands-for-his-release",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 renewed _ VERB _ _ 0 root _ _
3 its _ PRON _ _ 4 nmod:poss _ M=velmora
4 demands _ NOUN _ _ 2 obj _ _
5 for _ ADP _ _ 7 case _ _
6 his _ PRON _ _ 7 nmod:poss _ M=dastan
7 release _ NOUN _ _ 2 obl _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: calls that are nobody's in the sentence (the speaker
        // only reports them).
        name: "ousted-noun-calls-reported",
        conllu: "
1 Calls _ NOUN _ _ 6 nsubj _ _
2 for _ ADP _ _ 3 case _ _
3 Dastan _ PROPN _ _ 1 nmod _ M=dastan
4 to _ PART _ _ 5 mark _ _
5 resign _ VERB _ _ 1 acl _ _
6 grew _ VERB _ _ 0 root _ _
7 , _ PUNCT _ _ 9 punct _ _
8 Velmora _ PROPN _ _ 9 nsubj _ M=velmora
9 said _ VERB _ _ 6 parataxis _ _
10 . _ PUNCT _ _ 6 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "dastan")],
        template: "",
    },
    Case {
        // Near miss: the doer of a verb of set DISMISS is not the owner of its object.
        name: "owner-not-through-dismissing-verb",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 condemned _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 offensive _ NOUN _ _ 2 obj _ _
5 against _ ADP _ _ 6 case _ _
6 Zenda _ PROPN _ _ 4 nmod _ M=zenda
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("opposes", "velmora", "zenda")],
        template: "",
    },
    Case {
        // The same noun with a verb of doing: its doer owns it.
        name: "owner-through-light-verb",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 launched _ VERB _ _ 0 root _ _
3 an _ DET _ _ 4 det _ _
4 offensive _ NOUN _ _ 2 obj _ _
5 against _ ADP _ _ 6 case _ _
6 Zenda _ PROPN _ _ 4 nmod _ M=zenda
7 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "zenda")],
        blocked: &[],
        absent: &[],
        template: "light-verb",
    },
    // Someone sent to sit in a body is a member of it.
    Case {
        name: "representative-in-a-body",
        conllu: "
1 Jana _ PROPN _ _ 0 root _ M=roe
2 Roe _ PROPN _ _ 1 flat _ M=roe
3 , _ PUNCT _ _ 6 punct _ _
4 Chile _ PROPN _ _ 6 nmod:poss _ M=chile
5 's _ PART _ _ 4 case _ _
6 representative _ NOUN _ _ 1 appos _ _
7 in _ ADP _ _ 10 case _ _
8 the _ DET _ _ 10 det _ _
9 contact _ NOUN _ _ 10 compound _ M=group
10 group _ NOUN _ _ 6 nmod _ M=group
11 . _ PUNCT _ _ 1 punct _ _",
        want: &[
            ("member_of", "roe", "group"),
            ("represents", "roe", "chile"),
        ],
        blocked: &[],
        absent: &[
            ("member_of", "roe", "chile"),
            ("member_of", "chile", "group"),
        ],
        template: "apposition",
    },
    Case {
        // Near miss: sent to an event, not sitting in a body.
        name: "representative-at-an-event",
        conllu: "
1 Jana _ PROPN _ _ 0 root _ M=roe
2 Roe _ PROPN _ _ 1 flat _ M=roe
3 , _ PUNCT _ _ 6 punct _ _
4 Chile _ PROPN _ _ 6 nmod:poss _ M=chile
5 's _ PART _ _ 4 case _ _
6 representative _ NOUN _ _ 1 appos _ _
7 at _ ADP _ _ 9 case _ _
8 the _ DET _ _ 9 det _ _
9 talks _ NOUN _ _ 6 nmod _ M=talks
10 . _ PUNCT _ _ 1 punct _ _",
        want: &[("represents", "roe", "chile")],
        blocked: &[],
        absent: &[("member_of", "roe", "talks")],
        template: "apposition",
    },
    // A body's official, founder, judge, ... is a member of it.
    Case {
        name: "official-of-a-body",
        conllu: "
1 Jana _ PROPN _ _ 0 root _ M=roe
2 Roe _ PROPN _ _ 1 flat _ M=roe
3 , _ PUNCT _ _ 8 punct _ _
4 a _ DET _ _ 8 det _ _
5 senior _ ADJ _ _ 8 amod _ _
6 Freedom _ PROPN _ _ 7 compound _ M=front
7 Front _ PROPN _ _ 8 compound _ M=front
8 official _ NOUN _ _ 1 appos _ _
9 . _ PUNCT _ _ 1 punct _ _",
        want: &[("member_of", "roe", "front")],
        blocked: &[],
        absent: &[("member_of", "front", "roe")],
        template: "apposition",
    },
    Case {
        // Near miss: she met the body's official, she is not one.
        name: "official-met",
        conllu: "
1 Jana _ PROPN _ _ 3 nsubj _ M=roe
2 Roe _ PROPN _ _ 1 flat _ M=roe
3 met _ VERB _ _ 0 root _ _
4 a _ DET _ _ 7 det _ _
5 Freedom _ PROPN _ _ 6 compound _ M=front
6 Front _ PROPN _ _ 7 compound _ M=front
7 official _ NOUN _ _ 3 obj _ _
8 . _ PUNCT _ _ 3 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("member_of", "roe", "front")],
        template: "",
    },
    // Fighting beside someone backs them; it is not fighting them. The parser
    // often hangs "alongside" on the verb as an adverb, the side as its object.
    Case {
        name: "fight-alongside-adverb",
        conllu: "
1 Velmora _ PROPN _ _ 4 nsubj _ M=velmora
2 has _ AUX _ _ 4 aux _ _
3 long _ ADV _ _ 4 advmod _ _
4 fought _ VERB _ _ 0 root _ _
5 alongside _ ADV _ _ 4 advmod _ _
6 Karsland _ PROPN _ _ 4 obj _ M=karsland
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[("supports", "velmora", "karsland")],
        blocked: &[("opposes", "velmora", "karsland")],
        absent: &[("supports", "karsland", "velmora")],
        template: "active",
    },
    Case {
        name: "fight-alongside-phrase",
        conllu: "
1 Velmora _ PROPN _ _ 3 nmod:poss _ M=velmora
2 's _ PART _ _ 1 case _ _
3 troops _ NOUN _ _ 4 nsubj _ _
4 battled _ VERB _ _ 0 root _ _
5 alongside _ ADP _ _ 6 case _ _
6 Karsland _ PROPN _ _ 4 obl _ M=karsland
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[("supports", "velmora", "karsland")],
        blocked: &[],
        absent: &[("opposes", "velmora", "karsland")],
        template: "active",
    },
    Case {
        // Near miss: the side fought is the enemy; the one alongside is backed.
        name: "fight-x-alongside-y",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 fought _ VERB _ _ 0 root _ _
3 Karsland _ PROPN _ _ 2 obj _ M=karsland
4 alongside _ ADP _ _ 5 case _ _
5 Ostia _ PROPN _ _ 2 obl _ M=ostia
6 . _ PUNCT _ _ 2 punct _ _",
        want: &[
            ("supports", "velmora", "ostia"),
            ("opposes", "velmora", "karsland"),
        ],
        blocked: &[],
        absent: &[("supports", "velmora", "karsland")],
        template: "active",
    },
    Case {
        name: "fight-on-the-side-of",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 fought _ VERB _ _ 0 root _ _
3 on _ ADP _ _ 5 case _ _
4 the _ DET _ _ 5 det _ _
5 side _ NOUN _ _ 2 obl _ _
6 of _ ADP _ _ 7 case _ _
7 Karsland _ PROPN _ _ 5 nmod _ M=karsland
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("supports", "velmora", "karsland")],
        blocked: &[],
        absent: &[("opposes", "velmora", "karsland")],
        template: "active",
    },
    Case {
        // Near miss: a side of a road is no side in the war.
        name: "fight-x-on-the-side-of-a-road",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 fought _ VERB _ _ 0 root _ _
3 Karsland _ PROPN _ _ 2 obj _ M=karsland
4 on _ ADP _ _ 6 case _ _
5 the _ DET _ _ 6 det _ _
6 side _ NOUN _ _ 2 obl _ _
7 of _ ADP _ _ 9 case _ _
8 the _ DET _ _ 9 det _ _
9 road _ NOUN _ _ 6 nmod _ _
10 . _ PUNCT _ _ 2 punct _ _",
        want: &[("opposes", "velmora", "karsland")],
        blocked: &[],
        absent: &[("supports", "velmora", "karsland")],
        template: "active",
    },
    // An enemy of someone opposes them: the holder (copula subject,
    // apposition) against the of-phrase or the possessive.
    Case {
        name: "enemy-of-copula",
        conllu: "
1 Ana _ PROPN _ _ 6 nsubj _ M=ruiz
2 Ruiz _ PROPN _ _ 1 flat _ M=ruiz
3 is _ AUX _ _ 6 cop _ _
4 a _ DET _ _ 6 det _ _
5 sworn _ VERB _ _ 6 amod _ _
6 enemy _ NOUN _ _ 0 root _ _
7 of _ ADP _ _ 9 case _ _
8 the _ DET _ _ 9 det _ _
9 Front _ PROPN _ _ 6 nmod _ M=front
10 . _ PUNCT _ _ 6 punct _ _",
        want: &[("opposes", "ruiz", "front")],
        blocked: &[],
        absent: &[("opposes", "front", "ruiz")],
        template: "copula",
    },
    Case {
        name: "enemy-possessive-apposition",
        conllu: "
1 Velmora _ PROPN _ _ 0 root _ M=velmora
2 , _ PUNCT _ _ 5 punct _ _
3 Karsland _ PROPN _ _ 5 nmod:poss _ M=karsland
4 's _ PART _ _ 3 case _ _
5 foe _ NOUN _ _ 1 appos _ _
6 . _ PUNCT _ _ 1 punct _ _",
        want: &[("opposes", "velmora", "karsland")],
        blocked: &[],
        absent: &[("opposes", "karsland", "velmora")],
        template: "apposition",
    },
    Case {
        // Near miss: a former enemy.
        name: "enemy-former",
        conllu: "
1 Velmora _ PROPN _ _ 5 nsubj _ M=velmora
2 is _ AUX _ _ 5 cop _ _
3 a _ DET _ _ 5 det _ _
4 former _ ADJ _ _ 5 amod _ _
5 enemy _ NOUN _ _ 0 root _ _
6 of _ ADP _ _ 7 case _ _
7 Karsland _ PROPN _ _ 5 nmod _ M=karsland
8 . _ PUNCT _ _ 5 punct _ _",
        want: &[],
        blocked: &[("opposes", "velmora", "karsland")],
        absent: &[],
        template: "",
    },
    Case {
        // Near miss: no foe.
        name: "foe-negated",
        conllu: "
1 Velmora _ PROPN _ _ 4 nsubj _ M=velmora
2 is _ AUX _ _ 4 cop _ _
3 no _ DET _ _ 4 det _ _
4 foe _ NOUN _ _ 0 root _ _
5 of _ ADP _ _ 6 case _ _
6 Ostia _ PROPN _ _ 4 nmod _ M=ostia
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[],
        blocked: &[("opposes", "velmora", "ostia")],
        absent: &[],
        template: "",
    },
    // ---------------------------------------------------------- roles13
    Case {
        // "heads Chile's ruling council" parsed with Chile the object and the
        // council under "ruling": the possessor is not what is headed.
        name: "possessor-parsed-as-object-is-not-the-theme",
        conllu: "
1 Ana _ PROPN _ _ 3 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 heads _ VERB _ _ 0 root _ _
4 Chile _ PROPN _ _ 3 obj _ M=chile
5 's _ PART _ _ 4 case _ _
6 ruling _ VERB _ _ 3 xcomp _ _
7 Andean _ PROPN _ _ 8 compound _ M=council
8 Council _ PROPN _ _ 6 obj _ M=council
9 . _ PUNCT _ _ 3 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("leads", "soto", "chile")],
        template: "",
    },
    Case {
        // The same sentence parsed well: the council is headed.
        name: "possessed-object-is-the-theme",
        conllu: "
1 Ana _ PROPN _ _ 3 nsubj _ M=soto|T=Person
2 Soto _ PROPN _ _ 1 flat _ M=soto|T=Person
3 heads _ VERB _ _ 0 root _ _
4 Chile _ PROPN _ _ 8 nmod:poss _ M=chile
5 's _ PART _ _ 4 case _ _
6 ruling _ VERB _ _ 8 amod _ _
7 Andean _ PROPN _ _ 8 compound _ M=council
8 Council _ PROPN _ _ 3 obj _ M=council
9 . _ PUNCT _ _ 3 punct _ _",
        want: &[("leads", "soto", "council")],
        blocked: &[],
        absent: &[("leads", "soto", "chile")],
        template: "active",
    },
    Case {
        // Heading a body of its own inside an actor (set BODY) is not
        // heading the actor.
        name: "who-heads-the-un-mission-does-not-lead-the-un",
        conllu: "
1 Jane _ PROPN _ _ 10 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 , _ PUNCT _ _ 5 punct _ _
4 who _ PRON _ _ 5 nsubj _ _
5 heads _ VERB _ _ 1 acl:relcl _ _
6 the _ DET _ _ 8 det _ _
7 UN _ PROPN _ _ 8 compound _ M=un
8 mission _ NOUN _ _ 5 obj _ _
9 , _ PUNCT _ _ 5 punct _ _
10 spoke _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[],
        blocked: &[],
        absent: &[("leads", "roe", "un")],
        template: "",
    },
    Case {
        // Near miss: a delegation is no body of its own: heading it leads its party.
        name: "who-heads-the-un-delegation-leads-the-un",
        conllu: "
1 Jane _ PROPN _ _ 10 nsubj _ M=roe|T=Person
2 Roe _ PROPN _ _ 1 flat _ M=roe|T=Person
3 , _ PUNCT _ _ 5 punct _ _
4 who _ PRON _ _ 5 nsubj _ _
5 heads _ VERB _ _ 1 acl:relcl _ _
6 the _ DET _ _ 8 det _ _
7 UN _ PROPN _ _ 8 compound _ M=un
8 delegation _ NOUN _ _ 5 obj _ _
9 , _ PUNCT _ _ 5 punct _ _
10 spoke _ VERB _ _ 0 root _ _
11 . _ PUNCT _ _ 10 punct _ _",
        want: &[("leads", "roe", "un")],
        blocked: &[],
        absent: &[],
        template: "relative",
    },
    Case {
        // Near miss: a mission is still its owner for a verb that is not of
        // set LED_BY ("the UN mission observes the vote").
        name: "mission-observes-stands-for-its-owner",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 UN _ PROPN _ _ 3 compound _ M=un
3 mission _ NOUN _ _ 4 nsubj _ _
4 observed _ VERB _ _ 0 root _ _
5 the _ DET _ _ 6 det _ M=summit
6 summit _ NOUN _ _ 4 obj _ M=summit
7 . _ PUNCT _ _ 4 punct _ _",
        want: &[("observes", "un", "summit")],
        blocked: &[],
        absent: &[],
        template: "proxy",
    },
    Case {
        // "former" hung by the parser on the preposition before the title:
        // it still modifies the title right after it and its demonym.
        name: "title-former-misattached-before-demonym-blocks-leads",
        conllu: "
1 Roe _ PROPN _ _ 3 nsubj:pass _ M=roe|T=Person
2 was _ AUX _ _ 3 aux:pass _ _
3 joined _ VERB _ _ 0 root _ _
4 by _ ADP _ _ 3 obl _ _
5 former _ ADJ _ _ 4 amod _ _
6 Chilean _ PROPN _ _ 7 compound _ M=chile
7 President _ PROPN _ _ 8 nmod:desc _ _
8 Ana _ PROPN _ _ 5 conj _ M=soto|T=Person
9 Soto _ PROPN _ _ 8 flat _ M=soto|T=Person
10 . _ PUNCT _ _ 3 punct _ _",
        want: &[],
        blocked: &[("leads", "soto", "chile")],
        absent: &[],
        template: "",
    },
    Case {
        // Near miss: "former" further left, before another word, is not the title's.
        name: "title-former-on-another-word-does-not-block",
        conllu: "
1 The _ DET _ _ 3 det _ _
2 former _ ADJ _ _ 3 amod _ _
3 envoy _ NOUN _ _ 4 nsubj _ _
4 met _ VERB _ _ 0 root _ _
5 Chilean _ PROPN _ _ 6 compound _ M=chile
6 President _ PROPN _ _ 7 nmod:desc _ _
7 Ana _ PROPN _ _ 4 obj _ M=soto|T=Person
8 Soto _ PROPN _ _ 7 flat _ M=soto|T=Person
9 . _ PUNCT _ _ 4 punct _ _",
        want: &[("leads", "soto", "chile")],
        blocked: &[],
        absent: &[],
        template: "title",
    },
    Case {
        // Attending in a part of one's own that is not a party's: an observer
        // observes (the rules read it); the as-phrase hangs on the object here.
        name: "attend-as-observer-on-the-object",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 attended _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 talks _ NOUN _ _ 2 obj _ M=talks
5 as _ ADP _ _ 7 case _ _
6 an _ DET _ _ 7 det _ _
7 observer _ NOUN _ _ 4 nmod _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "velmora", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        name: "take-part-as-observers-on-the-verb",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 took _ VERB _ _ 0 root _ _
3 part _ NOUN _ _ 2 compound:prt _ _
4 in _ ADP _ _ 6 case _ _
5 the _ DET _ _ 6 det _ _
6 talks _ NOUN _ _ 2 obl _ M=talks
7 as _ ADP _ _ 8 case _ _
8 observers _ NOUN _ _ 2 obl _ _
9 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "velmora", "talks")],
        absent: &[],
        template: "",
    },
    Case {
        // Near miss: another part (a delegate's) keeps the edge.
        name: "attend-as-delegate-near-miss",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 attended _ VERB _ _ 0 root _ _
3 the _ DET _ _ 4 det _ _
4 talks _ NOUN _ _ 2 obj _ M=talks
5 as _ ADP _ _ 7 case _ _
6 a _ DET _ _ 7 det _ _
7 delegate _ NOUN _ _ 2 obl _ _
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "velmora", "talks")],
        blocked: &[],
        absent: &[],
        template: "active",
    },
    Case {
        name: "agree-to-an-event",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 agreed _ VERB _ _ 0 root _ _
3 to _ ADP _ _ 5 case _ _
4 the _ DET _ _ 5 det _ _
5 talks _ NOUN _ _ 2 obl _ M=talks
6 . _ PUNCT _ _ 2 punct _ _",
        want: &[("attends", "velmora", "talks")],
        blocked: &[],
        absent: &[("attends", "talks", "velmora")],
        template: "active",
    },
    Case {
        // Near miss: a hope to agree is no agreement.
        name: "agree-to-an-event-near-miss-hoped",
        conllu: "
1 Velmora _ PROPN _ _ 2 nsubj _ M=velmora
2 hopes _ VERB _ _ 0 root _ _
3 to _ PART _ _ 4 mark _ _
4 agree _ VERB _ _ 2 xcomp _ _
5 to _ ADP _ _ 7 case _ _
6 the _ DET _ _ 7 det _ _
7 talks _ NOUN _ _ 4 obl _ M=talks
8 . _ PUNCT _ _ 2 punct _ _",
        want: &[],
        blocked: &[("attends", "velmora", "talks")],
        absent: &[],
        template: "",
    },
];

fn names(view: &ParseView, h: &Hit) -> (String, String, String) {
    (
        h.relation.clone(),
        view.mentions[h.subj].name.clone(),
        view.mentions[h.obj].name.clone(),
    )
}

#[test]
fn templates_on_hand_written_parses() {
    let lex = Lexicon::embedded().expect("lexicon");
    for case in CASES {
        let view =
            ParseView::from_conllu(case.conllu).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let hits = read(&lex, &view);
        let shown: Vec<String> = hits
            .iter()
            .map(|h| {
                let (r, s, o) = names(&view, h);
                format!(
                    "{r}({s}, {o}) [{}{}]",
                    h.template,
                    h.blocked
                        .as_deref()
                        .map(|b| format!("; {b}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        let find = |want: &(&str, &str, &str), blocked: bool| {
            hits.iter().find(|h| {
                let (r, s, o) = names(&view, h);
                (r.as_str(), s.as_str(), o.as_str()) == *want && h.blocked.is_some() == blocked
            })
        };
        for w in case.want {
            let hit = find(w, false);
            assert!(hit.is_some(), "{}: want {w:?}, got {shown:?}", case.name);
        }
        if let Some(w) = case.want.first() {
            let t = &find(w, false).unwrap().template;
            assert!(
                t.contains(case.template),
                "{}: template {t:?} should contain {:?}",
                case.name,
                case.template
            );
        }
        for w in case.blocked {
            assert!(
                find(w, true).is_some(),
                "{}: want blocked {w:?}, got {shown:?}",
                case.name
            );
            assert!(
                find(w, false).is_none(),
                "{}: {w:?} must not hold unblocked, got {shown:?}",
                case.name
            );
        }
        for w in case.absent {
            assert!(
                find(w, false).is_none(),
                "{}: must not read {w:?}, got {shown:?}",
                case.name
            );
        }
    }
}

#[test]
fn future_modality_and_role_words() {
    let lex = Lexicon::embedded().unwrap();
    let case = CASES.iter().find(|c| c.name == "future-modality").unwrap();
    let view = ParseView::from_conllu(case.conllu).unwrap();
    let hits = read(&lex, &view);
    assert_eq!(hits[0].modality.as_deref(), Some("future"), "{hits:?}");
    let case = CASES
        .iter()
        .find(|c| c.name == "apposition-the-orgs-political-chief")
        .unwrap();
    let view = ParseView::from_conllu(case.conllu).unwrap();
    let hit = read(&lex, &view)
        .into_iter()
        .find(|h| h.relation == "leads")
        .unwrap();
    let role: Vec<&str> = hit.role.unwrap().map(|i| view.words[i].as_str()).collect();
    assert_eq!(role, ["political", "chief"]);
}

#[test]
fn explain_says_how_close_the_frames_came() {
    let lex = Lexicon::embedded().unwrap();
    let view_of = |name: &str| {
        ParseView::from_conllu(CASES.iter().find(|c| c.name == name).unwrap().conllu).unwrap()
    };
    let slot = |v: &ParseView, n: &str| v.mentions.iter().position(|m| m.name == n).unwrap();
    // The ambassador reaches Chile, not the UN it is posted to.
    let v = view_of("apposition-possessive-title");
    let got = explain_pair(
        &lex,
        &v,
        "represents",
        &[slot(&v, "ruiz")],
        &[slot(&v, "un")],
    );
    assert!(
        matches!(
            got,
            NearMiss::OneEnd {
                reached: "subject",
                ..
            }
        ),
        "{got:?}"
    );
    assert!(got.to_string().contains("reaches chile"), "{got}");
    // A blocked hit is the closest thing.
    let v = view_of("sent-no-delegation");
    let got = explain_pair(
        &lex,
        &v,
        "attends",
        &[slot(&v, "mexico")],
        &[slot(&v, "summit")],
    );
    assert!(got.to_string().contains("blocked (negation: no)"), "{got}");
    // No predicate of the relation at all.
    let v = view_of("active");
    let got = explain_pair(
        &lex,
        &v,
        "supports",
        &[slot(&v, "norway")],
        &[slot(&v, "talks")],
    );
    assert_eq!(got, NearMiss::NoPredicate);
}

#[test]
fn bad_conllu_names_the_line() {
    let err = ParseView::from_conllu("1 A _ X _ _ 0 root _\n").unwrap_err();
    assert!(
        err.contains("line 1") && err.contains("10 columns"),
        "{err}"
    );
    let err =
        ParseView::from_conllu("1 A _ X _ _ 0 root _ _\n3 B _ X _ _ 1 dep _ _\n").unwrap_err();
    assert!(
        err.contains("line 2") && err.contains("expected word 2"),
        "{err}"
    );
    let err = ParseView::from_conllu("1 A _ X _ _ 5 root _ _\n").unwrap_err();
    assert!(err.contains("past the last word"), "{err}");
}

/// `may_read` is the syntax stage's test of whether a tagged sentence is
/// worth parsing: wherever `read` finds a hit, it must say yes (every case
/// of the table above, and each again with every tag but one changed), and
/// it says no to a predicate's form with a tag its frame does not allow.
#[test]
fn may_read_holds_wherever_read_finds_a_hit() {
    let lex = Lexicon::embedded().expect("lexicon");
    let mut checked = 0;
    for case in CASES {
        let view = ParseView::from_conllu(case.conllu).expect("case parses");
        let hits = !read(&lex, &view).is_empty();
        assert!(
            !hits || may_read(&lex, &view.words, &view.upos),
            "case {}: read finds a hit, may_read says no",
            case.name
        );
        // The same tree with other tags: may_read says no only where read finds nothing.
        for keep in 0..view.len() {
            for tag in ["X", "NOUN", "VERB", "ADJ"] {
                let mut other = view.clone();
                for (i, u) in other.upos.iter_mut().enumerate() {
                    if i != keep {
                        *u = tag.to_string();
                    }
                }
                if !may_read(&lex, &other.words, &other.upos) {
                    assert!(
                        read(&lex, &other).is_empty(),
                        "case {}: tags {:?}: read finds a hit, may_read says no",
                        case.name,
                        other.upos
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 0, "some tag changes leave nothing to read");
    let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let tags = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let cases = [
        // (words, tags, may read)
        (
            "norway hosted the talks .",
            "PROPN VERB DET NOUN PUNCT",
            true,
        ),
        (
            "norway hosted the talks .",
            "PROPN NOUN DET NOUN PUNCT",
            false,
        ),
        ("the envoy of chile spoke", "DET NOUN ADP PROPN X", true),
        ("the envoy of chile spoke", "DET VERB ADP PROPN X", false),
        ("members : chile , peru", "X PUNCT PROPN PUNCT PROPN", true),
        ("members ; chile , peru", "X PUNCT PROPN PUNCT PROPN", false),
    ];
    for (w, t, want) in cases {
        assert_eq!(
            may_read(&lex, &words(w), &tags(t)),
            want,
            "{w:?} tagged {t:?}"
        );
    }
}

/// `frames_may_hit` is the syntax stage's test of which frames a tagged
/// sentence may give a hit of, whatever its tree: for every case of the
/// table above, on its own tree and on random trees with random labels over
/// the same words and tags, each hit `read` finds is of a frame it names,
/// and its relation one the frame's `refuse` closure holds.
#[test]
fn frames_may_hit_holds_on_any_tree() {
    let lex = Lexicon::embedded().expect("lexicon");
    let labels = [
        "nsubj",
        "nsubj:pass",
        "obj",
        "iobj",
        "obl",
        "obl:agent",
        "nmod",
        "nmod:poss",
        "case",
        "conj",
        "appos",
        "compound",
        "flat",
        "amod",
        "acl",
        "acl:relcl",
        "xcomp",
        "ccomp",
        "advcl",
        "mark",
        "aux",
        "aux:pass",
        "advmod",
        "det",
        "punct",
        "root",
    ];
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % n.max(1)
    };
    let mut hits_seen = 0;
    for case in CASES {
        let view = ParseView::from_conllu(case.conllu).expect("case parses");
        let may = templates::frames_may_hit(&lex, &view.words, Some(&view.upos));
        let mut trees = vec![view.clone()];
        for _ in 0..200 {
            let mut t = view.clone();
            // A random tree: each word after the first of a random order
            // hangs on a word before it in that order.
            let mut order: Vec<usize> = (0..t.len()).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, next(i + 1));
            }
            for (k, &w) in order.iter().enumerate() {
                t.heads[w] = (k > 0).then(|| order[next(k)]);
                t.labels[w] = labels[next(labels.len())].to_string();
            }
            trees.push(t);
        }
        for (k, t) in trees.iter().enumerate() {
            for hit in read(&lex, t) {
                hits_seen += usize::from(k > 0);
                let named = may.iter().find(|(f, _)| *f == hit.frame);
                assert!(
                    named.is_some(),
                    "case {}: a hit of frame {} that frames_may_hit does not name\n{}",
                    case.name,
                    lex.frame(hit.frame).name(),
                    t.to_conllu_line()
                );
                assert!(
                    lex.turned(hit.frame).contains(hit.relation.as_str()),
                    "case {}: relation {} not in the closure of frame {}",
                    case.name,
                    hit.relation,
                    lex.frame(hit.frame).name()
                );
                if hit.owner_from_gazetteer {
                    assert!(
                        named.is_some_and(|(_, owner)| *owner),
                        "case {}: a gazetteer owner for a frame not marked so",
                        case.name
                    );
                }
            }
        }
    }
    assert!(hits_seen > 0, "the random trees give hits too");
}

/// What a frame's roles ask of the words, whatever the tree: a preposition
/// role its preposition, an `ousted` role a word of leaving office.
#[test]
fn frames_may_hit_asks_each_role_its_words() {
    let lex = Lexicon::embedded().expect("lexicon");
    let split = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
    let frames = |w: &str, t: &str| -> Vec<String> {
        templates::frames_may_hit(&lex, &split(w), Some(&split(t)))
            .into_iter()
            .map(|(f, _)| lex.frame(f).name())
            .collect()
    };
    let cases = [
        // (words, tags, frame, may hit)
        (
            "norvania launched an offensive against estoria",
            "PROPN VERB DET NOUN ADP PROPN",
            "noun:offensive",
            true,
        ),
        (
            "norvania 's offensive ended , estoria said",
            "PROPN PART NOUN VERB PUNCT PROPN VERB",
            "noun:offensive",
            false,
        ),
        (
            "norvania urged the estorian leader to resign",
            "PROPN VERB DET ADJ NOUN PART VERB",
            "verb:urge",
            true,
        ),
        (
            "norvania urged the estorian leader to act",
            "PROPN VERB DET ADJ NOUN PART VERB",
            "verb:urge",
            false,
        ),
        (
            "norvania urged estoria 's leader to step down",
            "PROPN VERB PROPN PART NOUN PART VERB ADP",
            "verb:urge",
            true,
        ),
        (
            "norvania urged estoria 's leader to step in",
            "PROPN VERB PROPN PART NOUN PART VERB ADP",
            "verb:urge",
            false,
        ),
        (
            "norvania backed estoria",
            "PROPN VERB PROPN",
            "verb:back",
            true,
        ),
        (
            "norvania 's back hurt",
            "PROPN PART NOUN VERB",
            "verb:back",
            false,
        ),
    ];
    for (w, t, frame, want) in cases {
        let got = frames(w, t);
        assert_eq!(
            got.iter().any(|f| f == frame),
            want,
            "{w:?} tagged {t:?}: frames {got:?}"
        );
    }
}
