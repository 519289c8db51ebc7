//! The cue lexicon, the one place that knows reporting words: each lemma once, with how it
//! introduces its content ([`Strength`]) and what act it reports ([`Act`]), its inflected
//! forms, the nouns that report, and the small word classes the rules test (auxiliaries,
//! determiners, time words).
//!
//! The lemmas come from the reporting cues most often marked in the PolNeAR training split
//! plus common speech verbs. Every lookup is one hash probe on a table built once.

use std::collections::HashMap;
use std::sync::LazyLock;

pub use crate::document::Act;
use Act::{
    Assertion, Belief, Demand, Denial, Evidence, Promise, Question, Stance, Statement, Warning,
};
use Strength::{Object, Speech, Weak};

/// How a reporting verb introduces what was said.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Strength {
    /// A speech verb: its bare clause is the content ("X said the vote was rigged").
    Speech,
    /// A verb of thought, evidence or stance: it reports only with "that", a colon or a
    /// quotation ("the poll shows that ...", "he believes that ..."), never a bare object.
    Weak,
    /// A verb of stance or action: its object, infinitive or clause is the content
    /// ("criticized the deal", "declined to comment"), weaker evidence of a claim.
    Object,
}

/// What the lexicon knows about one inflected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    /// The lemma the form belongs to.
    pub lemma: &'static str,
    /// How it introduces content.
    pub strength: Strength,
    /// What act it reports.
    pub act: Act,
    /// True for verbs whose hearer comes before the content ("told reporters that").
    pub takes_hearer: bool,
}

/// Every reporting verb, once, in alphabetical order: its lemma, how it introduces its
/// content and the act it reports. A verb that is both a speech verb and a verb of thought
/// or stance ("acknowledge", "complain") is listed as a speech verb, the stronger use: its
/// bare clause is content.
const LEMMAS: &[(&str, Strength, Act)] = &[
    ("accept", Object, Stance),
    ("accuse", Object, Assertion),
    ("acknowledge", Speech, Statement),
    ("add", Speech, Statement),
    ("admit", Speech, Statement),
    ("advise", Speech, Statement),
    ("affirm", Speech, Assertion),
    ("agree", Speech, Statement),
    ("allege", Speech, Assertion),
    ("allow", Weak, Statement),
    ("announce", Speech, Statement),
    ("answer", Speech, Statement),
    ("anticipate", Weak, Belief),
    ("apologize", Object, Statement),
    ("applaud", Object, Stance),
    ("approve", Object, Stance),
    ("argue", Speech, Assertion),
    ("ask", Object, Question),
    ("assail", Object, Stance),
    ("assert", Speech, Assertion),
    ("assume", Weak, Belief),
    ("assure", Speech, Promise),
    ("believe", Weak, Belief),
    ("bemoan", Object, Stance),
    ("blame", Object, Assertion),
    ("blast", Object, Stance),
    ("boast", Speech, Statement),
    ("brag", Speech, Statement),
    ("brand", Object, Stance),
    ("calculate", Weak, Belief),
    ("call", Object, Stance),
    ("caution", Speech, Warning),
    ("celebrate", Object, Stance),
    ("challenge", Object, Stance),
    ("champion", Object, Stance),
    ("chant", Speech, Statement),
    ("characterize", Object, Stance),
    ("charge", Speech, Assertion),
    ("cite", Object, Statement),
    ("claim", Speech, Assertion),
    ("comment", Speech, Statement),
    ("complain", Speech, Statement),
    ("concede", Speech, Statement),
    ("conclude", Speech, Evidence),
    ("condemn", Object, Stance),
    ("confess", Speech, Statement),
    ("confirm", Speech, Assertion),
    ("consider", Weak, Belief),
    ("contend", Speech, Assertion),
    ("counter", Speech, Statement),
    ("criticise", Object, Stance),
    ("criticize", Object, Stance),
    ("decide", Weak, Statement),
    ("declare", Speech, Assertion),
    ("decline", Object, Statement),
    ("decry", Object, Stance),
    ("defend", Object, Stance),
    ("demand", Object, Demand),
    ("denounce", Object, Stance),
    ("deny", Speech, Denial),
    ("describe", Object, Statement),
    ("detail", Object, Statement),
    ("determine", Weak, Evidence),
    ("disclose", Speech, Statement),
    ("discover", Weak, Evidence),
    ("discuss", Object, Statement),
    ("dismiss", Object, Denial),
    ("dispute", Weak, Denial),
    ("doubt", Weak, Belief),
    ("dub", Object, Stance),
    ("echo", Object, Statement),
    ("embrace", Object, Stance),
    ("emphasise", Speech, Assertion),
    ("emphasize", Speech, Assertion),
    ("encourage", Object, Demand),
    ("endorse", Object, Stance),
    ("envision", Weak, Belief),
    ("estimate", Speech, Statement),
    ("exclaim", Speech, Statement),
    ("expect", Weak, Belief),
    ("explain", Speech, Statement),
    ("express", Object, Statement),
    ("favor", Object, Stance),
    ("fear", Weak, Belief),
    ("find", Weak, Evidence),
    ("forecast", Weak, Statement),
    ("guess", Weak, Belief),
    ("hail", Object, Stance),
    ("highlight", Object, Statement),
    ("hint", Weak, Evidence),
    ("hope", Weak, Belief),
    ("imagine", Weak, Belief),
    ("imply", Weak, Evidence),
    ("indicate", Weak, Evidence),
    ("inform", Speech, Statement),
    ("insist", Speech, Assertion),
    ("interject", Speech, Statement),
    ("invoke", Object, Statement),
    ("issue", Object, Statement),
    ("joke", Speech, Statement),
    ("judge", Weak, Belief),
    ("knock", Object, Stance),
    ("know", Weak, Belief),
    ("label", Object, Stance),
    ("lament", Speech, Statement),
    ("learn", Weak, Belief),
    ("liken", Object, Stance),
    ("maintain", Speech, Assertion),
    ("mention", Speech, Statement),
    ("mock", Object, Stance),
    ("nominate", Object, Statement),
    ("note", Speech, Statement),
    ("observe", Speech, Statement),
    ("offer", Object, Statement),
    ("oppose", Object, Stance),
    ("outline", Object, Statement),
    ("plan", Object, Promise),
    ("pledge", Speech, Promise),
    ("point", Object, Statement),
    ("portray", Object, Stance),
    ("posit", Weak, Belief),
    ("post", Weak, Statement),
    ("praise", Object, Stance),
    ("predict", Speech, Statement),
    ("prefer", Object, Belief),
    ("press", Object, Demand),
    ("proclaim", Speech, Assertion),
    ("project", Weak, Statement),
    ("promise", Speech, Promise),
    ("propose", Object, Demand),
    ("publish", Object, Statement),
    ("push", Object, Demand),
    ("question", Object, Question),
    ("quip", Speech, Statement),
    ("rail", Object, Stance),
    ("read", Weak, Evidence),
    ("realize", Weak, Belief),
    ("rebuke", Object, Stance),
    ("recall", Speech, Statement),
    ("reckon", Weak, Belief),
    ("recommend", Object, Demand),
    ("recount", Speech, Statement),
    ("refer", Object, Statement),
    ("reference", Object, Statement),
    ("refuse", Object, Denial),
    ("regard", Object, Belief),
    ("reiterate", Speech, Statement),
    ("reject", Object, Denial),
    ("release", Object, Statement),
    ("remark", Speech, Statement),
    ("remember", Weak, Belief),
    ("remind", Speech, Statement),
    ("repeat", Speech, Statement),
    ("reply", Speech, Statement),
    ("report", Speech, Statement),
    ("request", Object, Demand),
    ("respond", Speech, Statement),
    ("retort", Speech, Statement),
    ("retweet", Object, Statement),
    ("reveal", Speech, Evidence),
    ("say", Speech, Statement),
    ("see", Weak, Belief),
    ("seek", Object, Demand),
    ("share", Object, Statement),
    ("shout", Speech, Statement),
    ("show", Weak, Evidence),
    ("signal", Weak, Evidence),
    ("slam", Object, Stance),
    ("speculate", Weak, Belief),
    ("stress", Speech, Assertion),
    ("suggest", Speech, Statement),
    ("support", Object, Stance),
    ("suppose", Weak, Belief),
    ("suspect", Weak, Belief),
    ("swear", Speech, Assertion),
    ("talk", Object, Statement),
    ("tell", Speech, Statement),
    ("testify", Speech, Statement),
    ("thank", Object, Stance),
    ("theorize", Weak, Belief),
    ("think", Weak, Belief),
    ("threaten", Object, Warning),
    ("tout", Object, Stance),
    ("tweet", Speech, Statement),
    ("unveil", Object, Statement),
    ("urge", Object, Demand),
    ("voice", Object, Statement),
    ("vow", Speech, Promise),
    ("want", Object, Demand),
    ("warn", Speech, Warning),
    ("welcome", Object, Stance),
    ("wonder", Weak, Question),
    ("worry", Weak, Belief),
    ("write", Speech, Statement),
    ("yell", Speech, Statement),
];

/// Speech verbs whose hearer may sit between the verb and the content ("told reporters
/// that"); for stance verbs ("asked the court to") PolNeAR counts the hearer as content.
const HEARER: &[&str] = &[
    "advise", "assure", "inform", "promise", "remind", "swear", "tell", "warn",
];

/// Irregular past forms; these verbs take no regular -ed form.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("find", &["found"]),
    ("forecast", &["forecast"]),
    ("seek", &["sought"]),
    ("see", &["saw", "seen"]),
    ("know", &["knew", "known"]),
    ("read", &["read"]),
    ("say", &["said"]),
    ("swear", &["swore", "sworn"]),
    ("tell", &["told"]),
    ("think", &["thought"]),
    ("write", &["wrote", "written"]),
];

/// Extra past participles of verbs that also have a regular past.
const PARTICIPLES: &[(&str, &str)] = &[("show", "shown")];

/// Verbs that double their last consonant before -ed and -ing.
const DOUBLING: &[&str] = &["admit", "dub", "plan", "prefer", "quip", "refer", "slam"];

/// Base forms that are mostly nouns or infinitives in news ("the report", "to find"): their
/// other forms report, these do not.
const NOT_CUES: &[&str] = &["find", "report"];

/// Single forms of verbs whose other forms are mostly nouns ("the state", "an attack"):
/// only these forms report.
const FORMS: &[(&str, Strength, Act)] = &[
    ("attacked", Object, Stance),
    ("attacking", Object, Stance),
    ("continued", Speech, Statement),
    ("deemed", Object, Belief),
    ("emailed", Speech, Statement),
    ("ordered", Object, Demand),
    ("pleaded", Speech, Statement),
    ("ruled", Weak, Assertion),
    ("sided", Object, Stance),
    ("sounded", Object, Stance),
    ("stated", Speech, Statement),
    ("stating", Speech, Statement),
];

/// The inflected-form table, built once. Where two lemmas share a form, the later in
/// [`LEMMAS`] keeps it (the test `every_lemma_keeps_a_form` checks none loses all of them).
static LEXICON: LazyLock<HashMap<String, Cue>> = LazyLock::new(|| {
    let mut table = HashMap::new();
    for &(lemma, strength, act) in LEMMAS {
        let cue = Cue {
            lemma,
            strength,
            act,
            takes_hearer: HEARER.contains(&lemma),
        };
        for form in inflect(lemma) {
            table.insert(form, cue);
        }
    }
    for form in NOT_CUES {
        table.remove(*form);
    }
    for &(form, strength, act) in FORMS {
        let cue = Cue {
            lemma: form,
            strength,
            act,
            takes_hearer: false,
        };
        table.insert(form.to_owned(), cue);
    }
    table
});

/// Every form of a regular verb: lemma, third person, past and gerund, plus irregular forms.
fn inflect(lemma: &str) -> Vec<String> {
    let mut forms = vec![lemma.to_owned()];
    let consonant_y = lemma.ends_with('y')
        && !lemma.ends_with("ay")
        && !lemma.ends_with("ey")
        && !lemma.ends_with("oy");
    let stem = &lemma[..lemma.len() - 1];
    forms.push(
        if ["s", "sh", "ch", "x", "z"]
            .iter()
            .any(|e| lemma.ends_with(e))
        {
            format!("{lemma}es")
        } else if consonant_y {
            format!("{stem}ies")
        } else {
            format!("{lemma}s")
        },
    );
    let doubled = if DOUBLING.contains(&lemma) {
        format!("{lemma}{}", &lemma[lemma.len() - 1..])
    } else {
        lemma.to_owned()
    };
    match IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        Some((_, pasts)) => forms.extend(pasts.iter().map(|&f| f.to_owned())),
        None if lemma.ends_with('e') => forms.push(format!("{lemma}d")),
        None if consonant_y => forms.push(format!("{stem}ied")),
        None => forms.push(format!("{doubled}ed")),
    }
    forms.extend(
        PARTICIPLES
            .iter()
            .filter(|(l, _)| *l == lemma)
            .map(|(_, f)| (*f).to_owned()),
    );
    forms.push(if lemma.ends_with('e') && !lemma.ends_with("ee") {
        format!("{stem}ing")
    } else {
        format!("{doubled}ing")
    });
    forms
}

/// The cue for a lower-case word form, if it is a reporting verb.
pub fn cue(lower: &str) -> Option<Cue> {
    LEXICON.get(lower).copied()
}

/// Nouns that report a claim after a possessive ("Trump's claim that ...", "her vow to
/// ..."), with the act each reports.
const CLAIM_NOUNS: &[(&str, Act)] = &[
    ("accusation", Assertion),
    ("admission", Statement),
    ("allegation", Assertion),
    ("argument", Assertion),
    ("assertion", Assertion),
    ("belief", Belief),
    ("call", Demand),
    ("charge", Assertion),
    ("claim", Assertion),
    ("contention", Assertion),
    ("demand", Demand),
    ("insistence", Assertion),
    ("pledge", Promise),
    ("prediction", Statement),
    ("promise", Promise),
    ("proposal", Demand),
    ("suggestion", Statement),
    ("threat", Warning),
    ("view", Belief),
    ("vow", Promise),
    ("warning", Warning),
];

/// The act a claim noun reports, if the lower-case word is one.
pub fn claim_noun(lower: &str) -> Option<Act> {
    CLAIM_NOUNS
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|&(_, act)| act)
}

/// Nouns that report a claim after a possessive ("Trump's claim that ...").
pub fn is_claim_noun(lower: &str) -> bool {
    claim_noun(lower).is_some()
}

/// Verbs of impression, which report with no one behind them ("the race appears to tighten").
const IMPRESSIONS: &[&str] = &[
    "seem", "seems", "seemed", "appear", "appears", "appeared", "expected",
];

/// True for a verb of impression ([`IMPRESSIONS`]).
pub fn is_impression(lower: &str) -> bool {
    IMPRESSIONS.contains(&lower)
}

/// The last word of a cue's text, lower case ("has also said" → "said").
fn last_word(cue: &str) -> String {
    let lower = cue.to_lowercase();
    let last = lower
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    last.to_owned()
}

/// How the verb of a claim's cue introduces its content, from the cue's text; `None` for a
/// cue that is no verb of the lexicon ("according to", a claim noun, a colon) or no cue.
pub fn strength_of(cue: Option<&str>) -> Option<Strength> {
    cue.and_then(|cue| self::cue(&last_word(cue)))
        .map(|c| c.strength)
}

/// The act a claim's cue reports, from the cue's text ("has also said", "according to",
/// "claim", "―"): its last word's lemma, a claim noun, or an impression; a cue of
/// punctuation (a colon, a signature dash) and no cue at all report a statement.
pub fn act_of(cue: Option<&str>) -> Act {
    let Some(cue) = cue else {
        return Statement;
    };
    if cue.to_lowercase().starts_with("according") {
        return Act::AccordingTo;
    }
    let last = last_word(cue);
    if let Some(cue) = self::cue(&last) {
        return cue.act;
    }
    if let Some(act) = claim_noun(&last) {
        return act;
    }
    if is_impression(&last) {
        return Evidence;
    }
    Statement
}

/// Membership in one of the short word lists below.
fn is_in(list: &[&str], lower: &str) -> bool {
    list.contains(&lower)
}

/// Nouns for messages that can speak for their author ("a statement saying ...").
pub fn is_message_noun(lower: &str) -> bool {
    const NOUNS: &[&str] = &[
        "ad",
        "ads",
        "email",
        "emails",
        "letter",
        "message",
        "post",
        "posts",
        "release",
        "remarks",
        "speech",
        "statement",
        "tweet",
        "tweets",
        "video",
    ];
    is_in(NOUNS, lower)
}

/// Auxiliaries and adverbs that may stand between a subject and its reporting verb.
pub fn is_auxiliary(lower: &str) -> bool {
    const AUX: &[&str] = &[
        "again",
        "already",
        "also",
        "am",
        "are",
        "be",
        "been",
        "being",
        "can",
        "could",
        "did",
        "do",
        "does",
        "earlier",
        "even",
        "first",
        "further",
        "had",
        "has",
        "have",
        "himself",
        "herself",
        "is",
        "itself",
        "just",
        "later",
        "may",
        "might",
        "must",
        "never",
        "not",
        "now",
        "once",
        "only",
        "shall",
        "should",
        "since",
        "still",
        "themselves",
        "then",
        "was",
        "were",
        "will",
        "would",
        "long",
        "often",
    ];
    is_in(AUX, lower)
        || (lower.ends_with("ly") && lower.len() > 4 && !is_in(NOT_ADVERBS, lower))
        || lower.ends_with("n't")
        || lower.ends_with("n’t")
}

/// Words in -ly that are not adverbs.
const NOT_ADVERBS: &[&str] = &[
    "ally", "family", "italy", "july", "kelly", "rally", "reilly", "sally",
];

/// Words that end a noun phrase when scanning for a speaker: function words and clause openers.
pub fn is_stop(lower: &str) -> bool {
    const STOP: &[&str] = &[
        "about",
        "after",
        "against",
        "although",
        "am",
        "and",
        "are",
        "as",
        "at",
        "because",
        "been",
        "before",
        "being",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "during",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "if",
        "in",
        "into",
        "is",
        "like",
        "may",
        "might",
        "not",
        "of",
        "on",
        "or",
        "over",
        "should",
        "since",
        "so",
        "than",
        "that",
        "then",
        "though",
        "through",
        "to",
        "under",
        "unless",
        "until",
        "upon",
        "was",
        "were",
        "what",
        "whatever",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "why",
        "will",
        "with",
        "without",
        "would",
        "yet",
        "despite",
        "amid",
        "among",
        "including",
        "following",
        "besides",
    ];
    is_in(STOP, lower)
}

/// The endings of a possessive ("Trump's", "Trump’s"), in both apostrophes.
pub const POSSESSIVE: [&str; 2] = ["'s", "’s"];

/// True for a word ending in a possessive ("reyes's", "the council’s").
pub fn is_possessive(lower: &str) -> bool {
    POSSESSIVE.iter().any(|p| lower.ends_with(p))
}

/// Words that may open a noun phrase: determiners, possessives and quantifiers.
pub fn is_determiner(lower: &str) -> bool {
    const DET: &[&str] = &[
        "a", "all", "an", "another", "any", "both", "each", "every", "few", "her", "his", "its",
        "many", "more", "most", "my", "no", "one", "our", "several", "some", "that", "the",
        "their", "these", "this", "those", "two", "your", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "half",
    ];
    is_in(DET, lower)
}

/// Personal and group pronouns that can be speakers.
pub fn is_pronoun(lower: &str) -> bool {
    pronoun_base(lower).is_some()
}

/// The pronoun of a pronoun or of its contraction with an auxiliary ("he's" → "he",
/// "they’ve" → "they"), so that "he's sought to ..." has its subject.
pub fn pronoun_base(lower: &str) -> Option<&str> {
    let base = lower.split(['\'', '’']).next().unwrap_or(lower);
    let contraction = &lower[base.len()..];
    let suffix = contraction.get(contraction.chars().next().map_or(0, char::len_utf8)..);
    let known = contraction.is_empty() || matches!(suffix, Some("s" | "ve" | "d" | "ll" | "re"));
    (known && matches!(base, "he" | "she" | "they" | "it" | "i" | "we")).then_some(base)
}

/// Time words that may follow a reporting verb before its content ("said Monday that").
pub fn is_time(lower: &str) -> bool {
    const TIME: &[&str] = &[
        "afternoon",
        "earlier",
        "evening",
        "friday",
        "last",
        "later",
        "monday",
        "month",
        "morning",
        "night",
        "recently",
        "saturday",
        "sunday",
        "then",
        "thursday",
        "today",
        "tonight",
        "tuesday",
        "wednesday",
        "week",
        "year",
        "yesterday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "late",
        "early",
    ];
    is_in(TIME, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflected_forms_are_found() {
        for form in [
            "said",
            "says",
            "saying",
            "told",
            "suggested",
            "denies",
            "admitted",
            "noting",
            "wrote",
            "believes",
        ] {
            assert!(cue(form).is_some(), "{form}");
        }
        assert_eq!(cue("said").map(|c| c.strength), Some(Strength::Speech));
        assert_eq!(cue("shows").map(|c| c.strength), Some(Strength::Weak));
        assert!(cue("told").is_some_and(|c| c.takes_hearer));
        assert!(cue("table").is_none());
    }

    #[test]
    fn lexicon_has_at_least_a_hundred_lemmas() {
        assert!(LEMMAS.len() >= 100, "{}", LEMMAS.len());
    }

    /// One class a lemma: listed twice, a lemma would have two strengths or two acts, and
    /// which one holds would depend on the order of the list.
    #[test]
    fn no_lemma_sits_in_two_classes() {
        let mut seen = std::collections::HashSet::new();
        for (lemma, _, _) in LEMMAS.iter().chain(FORMS) {
            assert!(seen.insert(*lemma), "{lemma} is listed twice");
        }
        for lemma in LEMMAS.iter().map(|l| l.0).collect::<Vec<_>>().windows(2) {
            assert!(lemma[0] < lemma[1], "LEMMAS out of order at {lemma:?}");
        }
    }

    /// No entry is dead: every lemma keeps at least one form in the table (none is
    /// shadowed by another lemma's forms or removed), and every table of spellings,
    /// hearers and exceptions names a lemma that exists.
    #[test]
    fn every_lemma_keeps_a_form() {
        for &(lemma, strength, act) in LEMMAS {
            let kept = inflect(lemma)
                .iter()
                .any(|form| cue(form).is_some_and(|c| c.lemma == lemma));
            assert!(kept, "{lemma} lost every form");
            let own = inflect(lemma)
                .into_iter()
                .find_map(|f| cue(&f).filter(|c| c.lemma == lemma));
            assert_eq!(
                own.map(|c| (c.strength, c.act)),
                Some((strength, act)),
                "{lemma}"
            );
        }
        let lemmas: Vec<&str> = LEMMAS.iter().map(|l| l.0).collect();
        let named = HEARER
            .iter()
            .chain(DOUBLING)
            .chain(NOT_CUES)
            .chain(IRREGULAR.iter().map(|(l, _)| l))
            .chain(PARTICIPLES.iter().map(|(l, _)| l));
        for lemma in named {
            assert!(lemmas.contains(lemma), "{lemma} is not a lemma of LEMMAS");
        }
        for (form, _, _) in FORMS {
            assert!(cue(form).is_some_and(|c| c.lemma == *form), "{form}");
        }
    }

    #[test]
    fn acts_of_real_cues() {
        let cases = [
            (Some("said"), Act::Statement),
            (Some("has also said"), Act::Statement),
            (Some("denied"), Act::Denial),
            (Some("insisted"), Act::Assertion),
            (Some("pledged"), Act::Promise),
            (Some("warns"), Act::Warning),
            (Some("asked"), Act::Question),
            (Some("believes"), Act::Belief),
            (Some("found"), Act::Evidence),
            (Some("shows"), Act::Evidence),
            (Some("urged"), Act::Demand),
            (Some("criticized"), Act::Stance),
            (Some("according to"), Act::AccordingTo),
            (Some("According to"), Act::AccordingTo),
            (Some("claim"), Act::Assertion),
            (Some("appears"), Act::Evidence),
            (Some("―"), Act::Statement),
            (Some(":"), Act::Statement),
            (None, Act::Statement),
        ];
        for (cue, act) in cases {
            assert_eq!(act_of(cue), act, "{cue:?}");
        }
    }

    #[test]
    fn pronouns_and_their_contractions() {
        assert_eq!(pronoun_base("he’s"), Some("he"));
        assert_eq!(pronoun_base("they've"), Some("they"));
        assert_eq!(pronoun_base("she"), Some("she"));
        assert_eq!(pronoun_base("trump's"), None);
        assert_eq!(pronoun_base("he'x"), None);
    }

    #[test]
    fn word_classes() {
        assert!(is_auxiliary("has") && is_auxiliary("vehemently") && !is_auxiliary("family"));
        assert!(is_stop("that") && is_stop("while") && !is_stop("official"));
        assert!(is_determiner("the") && is_time("monday"));
    }
}
