//! Speakers: from a noun phrase to a resolved name.
//!
//! A name is the run of capitalised words ending the phrase, without titles and roles
//! ("Putin aide Yury Ushakov" → "Yury Ushakov"). A one-word name takes the full name
//! mentioned last before it (Alias); a pronoun takes the last fitting speaker or name
//! (Pronoun); a descriptor ("the outlet") takes the name introduced with the same noun, or
//! the last organisation that spoke (Descriptor). The entity layer, when present, decides
//! a speaker's class; capitalisation and titles stand in for it when it is empty.
//!
//! Every look-back goes through the indexes of `index` or has a named bound, so that a
//! claim costs as much to resolve at the end of a long text as at its start.

mod index;

use std::collections::HashMap;

use super::context::Context;
use super::cues;
use crate::attribution::{ResolvedBy, Speaker};
use crate::entities::EntityType;
use crate::text::ByteSpan;
use index::{History, Mentions};

/// Titles and roles that come before a name and are not part of it (lower case).
const TITLES: &[&str] = &[
    "adviser",
    "advisor",
    "aide",
    "ambassador",
    "analyst",
    "anchor",
    "attorney",
    "candidate",
    "chairman",
    "chairwoman",
    "chancellor",
    "chief",
    "commissioner",
    "congressman",
    "congresswoman",
    "deputy",
    "director",
    "dr",
    "dr.",
    "economist",
    "executive",
    "foreign",
    "former",
    "gen",
    "gen.",
    "general",
    "gov",
    "gov.",
    "governor",
    "host",
    "judge",
    "justice",
    "lawmaker",
    "leader",
    "mayor",
    "minister",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "nominee",
    "pollster",
    "pope",
    "premier",
    "president",
    "press",
    "prime",
    "professor",
    "rep",
    "rep.",
    "representative",
    "secretary",
    "sen",
    "sen.",
    "senator",
    "sheriff",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "strategist",
    "vice",
    "alderman",
    "assemblyman",
    "assemblywoman",
    "councillor",
    "councilman",
    "councilwoman",
    "delegate",
    "president-elect",
    // Unnamed speakers a pronoun can carry on ("The regional manager said ... He said").
    "coach",
    "doctor",
    "expert",
    "founder",
    "insider",
    "lawyer",
    "manager",
    "nurse",
    "officer",
    "official",
    "owner",
    "researcher",
    "resident",
    "scientist",
    "teacher",
    "witness",
];

/// Person nouns of [`TITLES`] that describe someone rather than name an office they hold,
/// for which "the" noun takes the subject of the sentence before ("Lori Bernstein held up a
/// sign. The 57-year-old scientist says"). An office is more often someone else the sentence
/// mentions: on PolNeAR train and dev, of 8 office nouns that took the subject, 2 were wrong
/// ("the spokesman" after a sentence about the prime minister, "the former president" after
/// one about his brother), 3 right and 3 unclear; these nouns took it 4 times, all right.
const DESCRIBED: &[&str] = &[
    "analyst",
    "coach",
    "doctor",
    "economist",
    "expert",
    "founder",
    "lawmaker",
    "lawyer",
    "manager",
    "nurse",
    "owner",
    "researcher",
    "resident",
    "scientist",
    "strategist",
    "teacher",
];

/// Nouns that describe an organisation that can speak (lower case).
const ORG_NOUNS: &[&str] = &[
    "administration",
    "agency",
    "association",
    "broadcaster",
    "bureau",
    "campaign",
    "channel",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "daily",
    "department",
    "embassy",
    "firm",
    "foundation",
    "government",
    "group",
    "institute",
    "magazine",
    "ministry",
    "network",
    "newspaper",
    "office",
    "organization",
    "outlet",
    "paper",
    "party",
    "publication",
    "site",
    "tabloid",
    "union",
    "website",
];

/// Plural nouns for groups of people who speak ("officials say").
const PEOPLE: &[&str] = &[
    "activists",
    "advocates",
    "aides",
    "allies",
    "analysts",
    "attorneys",
    "critics",
    "democrats",
    "economists",
    "experts",
    "lawmakers",
    "leaders",
    "lawyers",
    "members",
    "officials",
    "opponents",
    "people",
    "police",
    "polls",
    "protesters",
    "republicans",
    "researchers",
    "residents",
    "scientists",
    "sources",
    "supporters",
    "surveys",
    "voters",
    "advisers",
    "candidates",
    "conservatives",
    "donors",
    "executives",
    "families",
    "governors",
    "groups",
    "investigators",
    "journalists",
    "judges",
    "legislators",
    "liberals",
    "observers",
    "operatives",
    "organizers",
    "parents",
    "progressives",
    "prosecutors",
    "regulators",
    "reporters",
    "senators",
    "staffers",
    "strategists",
    "students",
    "teachers",
    "workers",
    "engineers",
    "doctors",
    "farmers",
    "growers",
    "hydrologists",
    "officers",
    "troopers",
    "agents",
    "insiders",
    "employees",
    "managers",
    "nurses",
    "owners",
    "witnesses",
];

/// True for a noun that names someone who can speak: a role ("the senator"), an
/// organisation ("the campaign") or a group of people ("officials").
pub fn is_speaker_noun(lower: &str) -> bool {
    TITLES.contains(&lower)
        || ORG_NOUNS.contains(&lower)
        || PEOPLE.contains(&lower)
        || matches!(lower, "poll" | "survey" | "study" | "report" | "analysis")
}

/// Words that mark a capitalised name as an organisation.
const ORG_WORDS: &[&str] = &[
    "Administration",
    "Agency",
    "Association",
    "Bureau",
    "Campaign",
    "Center",
    "Centre",
    "Commission",
    "Committee",
    "Congress",
    "Corp",
    "Council",
    "Court",
    "Department",
    "Foundation",
    "Government",
    "Group",
    "House",
    "Inc",
    "Institute",
    "Kremlin",
    "Ministry",
    "Network",
    "News",
    "Office",
    "Party",
    "Post",
    "Press",
    "Senate",
    "Times",
    "Today",
    "Union",
    "University",
];

/// Capitalised words that never start a name (month and day names, sentence openers).
fn never_names(lower: &str) -> bool {
    matches!(
        lower,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "according"
            | "meanwhile"
            | "there"
            | "here"
            | "similarly"
            | "however"
            | "also"
    ) || cues::is_stop(lower)
        || cues::is_determiner(lower)
        || cues::is_pronoun(lower)
        || cues::is_auxiliary(lower)
}

/// What kind of speaker a name or phrase seems to be, for pronouns and descriptors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Person,
    Org,
    /// A group of people ("officials", "Senate Democrats"), what "they" takes first.
    Group,
    Unknown,
}

/// A capitalised name mentioned in the text.
#[derive(Debug, Clone, Copy)]
struct Mention {
    /// Its byte span, titles excluded.
    span: ByteSpan,
    /// Number of words.
    words: usize,
    /// The role noun before it ("agency" in "news agency TASS"), or the head of an appositive after it.
    role: Option<ByteSpan>,
    /// The title or role phrase the text gives it ("Putin aide", "the Kremlin spokesman").
    title: Option<ByteSpan>,
    class: Class,
    kind: Option<EntityType>,
}

/// The gender a pronoun or a title gives a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender a title or role word gives the name after or before it.
fn gender_of_role(lower: &str) -> Option<Gender> {
    match lower {
        "mr." | "mr" | "spokesman" | "congressman" | "chairman" | "councilman" | "businessman"
        | "assemblyman" | "alderman" => Some(Gender::Male),
        "mrs." | "mrs" | "ms." | "ms" | "spokeswoman" | "congresswoman" | "chairwoman"
        | "councilwoman" | "businesswoman" | "assemblywoman" => Some(Gender::Female),
        _ => None,
    }
}

/// A speaker already resolved, with its class, for later pronouns and floating quotes.
#[derive(Debug, Clone)]
struct Spoken {
    at: usize,
    /// False for a claim inside another claim's content: it lends no speaker to floating quotes.
    top_level: bool,
    speaker: Speaker,
    class: Class,
}

/// How many resolved speakers a pronoun looks back at, besides staying within six lines
/// (in a text without line breaks the line window holds every claim). On PolNeAR train and
/// dev the speaker a pronoun takes is at most 8 claims back; past 32 the pronoun falls back
/// to the names.
const PRONOUN_SPEAKERS: usize = 32;

/// How many words may stand before the name that opens a sentence for it to be the
/// sentence's subject: a title or role of up to three words and a determiner ("the
/// council's budget chief Ana Ortiz" is past it, and stays unresolved by this rule).
const SUBJECT_PREFIX: usize = 4;

/// How many earlier names of the wanted class a pronoun tries: only a name known as the
/// other gender is passed over, at most 3 in a row on PolNeAR train and dev.
const PRONOUN_NAMES: usize = 32;

/// How many top-level claims a floating quote looks back at to find the three before it
/// (claims whose speaker stands after the quote are passed over): on PolNeAR train and dev
/// its speaker is always among the last two.
const FLOATING_SPEAKERS: usize = 16;

/// Resolves speakers in text order, remembering names and earlier speakers.
pub struct Resolver<'c, 'a> {
    cx: &'c Context<'a>,
    mentions: Mentions<'a>,
    history: History,
    /// Names a pronoun has already referred to, with that pronoun's gender (the last one).
    genders: HashMap<String, Gender>,
    /// The first title or role the text gives each name, which its later mentions keep.
    roles: HashMap<String, String>,
}

impl<'c, 'a> Resolver<'c, 'a> {
    /// Indexes the names of the document.
    pub fn new(cx: &'c Context<'a>) -> Self {
        let mut mentions = Vec::new();
        let mut i = 0;
        while i < cx.tokens.len() {
            if cx.is_word(i) && cx.tokens[i].capital {
                // "Sarah Rahmani of Harvard University": two names, the person's and the
                // institution's, which the next turn of the loop finds.
                let run = run_end(cx, i);
                let person = person_before_of(cx, i, run);
                let end = person.unwrap_or(run);
                let in_title = cx.in_title_line(i);
                if let Some(mention) = mention(cx, i, end).filter(|_| !in_title) {
                    mentions.push(mention);
                }
                i = person.map_or(end, |of| of + 1);
            } else {
                i += 1;
            }
        }
        let mut roles = HashMap::new();
        for m in &mentions {
            if let Some(title) = m.title {
                let name = cx.doc.text[m.span.start..m.span.end].to_owned();
                roles.entry(name).or_insert_with(|| role_text(cx, title));
            }
        }
        Resolver {
            cx,
            mentions: Mentions::new(&cx.doc.text, mentions),
            history: History::default(),
            genders: HashMap::new(),
            roles,
        }
    }

    /// The gender of `name`, from an earlier pronoun or a gendered title before one of its
    /// mentions.
    fn gender_of(&self, name: &str) -> Option<Gender> {
        let said = self.genders.get(name).copied();
        said.or_else(|| self.mentions.titled_gender(name))
    }

    /// The speaker named by tokens `[a, b)` for a claim whose content is `content`, resolved
    /// against what came before. A name inside the claim's own content is never its
    /// speaker's antecedent: in `"John Smith is lying," he said` "he" is not John Smith.
    pub fn resolve(&mut self, a: usize, b: usize, top_level: bool, content: ByteSpan) -> Speaker {
        let cx = self.cx;
        let span = cx.span(a, b);
        let head = cx.lower(b - 1);
        let pronoun = cues::pronoun_base(&head).filter(|_| b - a == 1);
        let (speaker, class) = if let Some(base) = pronoun {
            self.pronoun(span, base, content)
        } else if head == "who" || head == "whom" {
            self.relative(span, a)
        } else if cx.tokens[b - 1].capital {
            // Capitals bound the name; the tagger's spans may cut it ("Media Bias/Fact Check")
            // or stop short of its head ("Russian Sources"), so they only lend the kind.
            let start = name_start(cx, a, b);
            if let Some(of) = person_before_of(cx, start, b) {
                let first = name_run_start(cx, start);
                let name = trim_possessive(cx, cx.span(first, of));
                self.name(span, name, Some(EntityType::Per), Class::Person)
            } else {
                let titled = (a..start).any(|k| TITLES.contains(&cx.lower(k).as_ref()));
                let class = if titled {
                    Class::Person
                } else {
                    Class::Unknown
                };
                let kind = titled.then_some(EntityType::Per);
                self.name(span, trim_possessive(cx, cx.span(start, b)), kind, class)
            }
        } else if let Some(entity) = entity_in(cx, span) {
            self.name(span, entity.span, Some(entity.kind), Class::Unknown)
        } else {
            self.descriptor(span, &head, content)
        };
        let class = if pronoun.is_none() && is_group(cx, a, b) {
            Class::Group
        } else {
            class
        };
        let speaker = self.with_role(speaker, a, b, pronoun.is_some());
        self.history.push(Spoken {
            at: span.start,
            top_level,
            speaker: speaker.clone(),
            class,
        });
        speaker
    }

    /// `speaker` with its role: the title or role in its own phrase (`[a, b)` and an
    /// appositive after it), else the one the text gave its name before. A role found here
    /// is kept for the name's later mentions.
    fn with_role(&mut self, speaker: Speaker, a: usize, b: usize, pronoun: bool) -> Speaker {
        let cx = self.cx;
        let own = if pronoun {
            None
        } else {
            own_role(cx, a, b).map(|title| role_text(cx, title))
        };
        let role = match own {
            Some(role) => {
                self.roles
                    .entry(speaker.name.clone())
                    .or_insert_with(|| role.clone());
                Some(role)
            }
            None => self.roles.get(&speaker.name).cloned(),
        };
        Speaker { role, ..speaker }
    }

    /// The speaker of the last claim before byte `at`, within a few lines, for a floating quote.
    pub fn previous(&mut self, at: usize) -> Option<Speaker> {
        // The last claim that names its speaker: a floating quote is not lent "a strong".
        let last = self
            .history
            .recent_top_level()
            .take(FLOATING_SPEAKERS)
            .filter(|s| s.at < at)
            .take(3)
            .find(|s| s.speaker.name.starts_with(char::is_uppercase))?;
        if self.cx.line(at) > self.cx.line(last.at) + 4 {
            return None;
        }
        let speaker = Speaker {
            resolved_by: ResolvedBy::Previous,
            ..last.speaker.clone()
        };
        let spoken = Spoken {
            at,
            speaker: speaker.clone(),
            ..last.clone()
        };
        self.history.push(spoken);
        Some(speaker)
    }

    /// A name: in full (Explicit) or a short form of a name mentioned before (Alias).
    fn name(
        &self,
        span: ByteSpan,
        name: ByteSpan,
        kind: Option<EntityType>,
        class: Class,
    ) -> (Speaker, Class) {
        let text = &self.cx.doc.text[name.start..name.end];
        let single = !text.contains(' ');
        let full = single
            .then(|| self.mentions.full_name(text, span.start))
            .flatten();
        let (name, resolved_by, kind, class) = match full {
            Some(m) => (
                self.text(m.span),
                ResolvedBy::Alias,
                kind.or(m.kind),
                merge(class, m.class),
            ),
            None => {
                let own = self.mentions.at(name);
                let class = merge(class, own.map_or_else(|| guess_class(text), |m| m.class));
                (
                    text,
                    ResolvedBy::Explicit,
                    kind.or(own.and_then(|m| m.kind))
                        .or_else(|| entity_in(self.cx, name).map(|e| e.kind)),
                    class,
                )
            }
        };
        let speaker = Speaker {
            span,
            name: name.to_owned(),
            kind,
            resolved_by,
            role: None,
        };
        (speaker, class)
    }

    /// A relative pronoun ("Trump, who says", "voters, most of whom say"): the name right
    /// before it, else the pronoun's own text.
    fn relative(&self, span: ByteSpan, first: usize) -> (Speaker, Class) {
        let cx = self.cx;
        let before = first.checked_sub(1).map(|k| {
            if cx.is_punct(k, &[","]) {
                k.saturating_sub(1)
            } else {
                k
            }
        });
        let named = before.filter(|&k| cx.is_word(k) && cx.tokens[k].capital);
        match named {
            Some(k) => {
                let start = name_start(cx, k.saturating_sub(5), k + 1);
                let name = trim_possessive(cx, cx.span(start, k + 1));
                let (speaker, class) = self.name(span, name, None, Class::Unknown);
                let speaker = Speaker {
                    resolved_by: ResolvedBy::Pronoun,
                    ..speaker
                };
                (speaker, class)
            }
            None => (self.unresolved(span, None), Class::Unknown),
        }
    }

    /// A pronoun: the last fitting speaker nearby, else the last fitting name, outside the
    /// claim's own `content`. "He" and "she" take the subject of the sentence before the
    /// claim over an older speaker ([`Resolver::previous_subject`]); "they" takes a group of
    /// people over an organisation.
    fn pronoun(&mut self, span: ByteSpan, lower: &str, content: ByteSpan) -> (Speaker, Class) {
        let (wanted, gender): (&[Class], _) = match lower {
            "he" => (&[Class::Person], Some(Gender::Male)),
            "she" => (&[Class::Person], Some(Gender::Female)),
            // "Officials said ... They said": American news calls an organisation "it" more
            // often than "they".
            "they" => (&[Class::Group, Class::Org], None),
            "it" => (&[Class::Org], None),
            _ => return (self.unresolved(span, None), Class::Unknown),
        };
        // A name already known as the other gender is no antecedent ("He warned ...
        // She said" after Hall and Delgado spoke).
        let fits =
            |name: &str| gender.is_none() || self.gender_of(name).is_none_or(|g| Some(g) == gender);
        let line = self.cx.line(span.start);
        let spoken_as = |class: Class| {
            self.history
                .recent()
                .take(PRONOUN_SPEAKERS)
                .take_while(|s| self.cx.line(s.at) + 6 >= line)
                .find(|s| {
                    s.class == class
                        && s.at < span.start
                        && !content.contains(s.speaker.span)
                        && fits(&s.speaker.name)
                })
        };
        let spoken = wanted
            .iter()
            .find_map(|&class| spoken_as(class).map(|s| (s, class)));
        let subject = (wanted == [Class::Person])
            .then(|| self.previous_subject(span.start.min(content.start)))
            .flatten()
            .filter(|m| !content.contains(m.span) && fits(self.text(m.span)))
            .filter(|m| spoken.is_none_or(|(s, _)| s.at < m.span.start));
        let found = match (subject, spoken) {
            (Some(m), _) => Some((self.text(m.span).to_owned(), m.kind, Class::Person)),
            (None, Some((s, class))) => Some((s.speaker.name.clone(), s.speaker.kind, class)),
            (None, None) => wanted.iter().find_map(|&class| {
                self.mentions
                    .antecedents(class, span.start)
                    .filter(|m| !content.contains(m.span))
                    .take(PRONOUN_NAMES)
                    .find(|m| fits(self.text(m.span)))
                    .map(|m| (self.text(m.span).to_owned(), m.kind, class))
            }),
        };
        let kind = (wanted == [Class::Person]).then_some(EntityType::Per);
        if let (Some((name, ..)), Some(gender)) = (&found, gender) {
            self.genders.insert(name.clone(), gender);
        }
        match found {
            Some((name, found, class)) => (
                Speaker {
                    span,
                    name,
                    kind: entity_in(self.cx, span).map(|e| e.kind).or(found).or(kind),
                    resolved_by: ResolvedBy::Pronoun,
                    role: None,
                },
                class,
            ),
            None => (self.unresolved(span, kind), wanted[0]),
        }
    }

    /// The person named at the start of the sentence before the one holding byte `at`, in
    /// full, when that name is the sentence's subject: only a title or role stands before
    /// it ("Council member Ana Ortiz"), and it owns nothing ("Ortiz's office"). A pronoun
    /// most often carries on the subject of the sentence before, even when an older claim's
    /// speaker is the same gender ("Park said ... Ortiz left early. She said ...").
    fn previous_subject(&self, at: usize) -> Option<&Mention> {
        let cx = self.cx;
        let sentences = &cx.doc.sentences;
        let holding = sentences.partition_point(|s| s.span.end <= at);
        let before = sentences.get(holding.checked_sub(1)?)?.span;
        let m = self.mentions.first_from(before.start)?;
        let (first, name) = (cx.token_at(before.start), cx.token_at(m.span.start));
        let prefix_is_role = (first..name).all(|k| {
            let lower = cx.lower(k);
            cx.is_word(k)
                && (cx.tokens[k].capital
                    || TITLES.contains(&lower.as_ref())
                    || cues::is_determiner(&lower))
        });
        if m.span.end > before.end || name - first > SUBJECT_PREFIX || !prefix_is_role {
            return None;
        }
        let after = &cx.doc.text[m.span.end..before.end];
        if cues::POSSESSIVE.iter().any(|p| after.starts_with(p)) {
            return None;
        }
        let full = (m.words == 1)
            .then(|| self.mentions.full_name(self.text(m.span), m.span.start))
            .flatten()
            .unwrap_or(m);
        // The entity layer, when it tagged the name, knows better than capitals do
        // ("Footage of Al-Awlaki" opening a sentence looks like a person's name).
        let person = full
            .kind
            .map_or(full.class == Class::Person, |k| k == EntityType::Per);
        person.then_some(full)
    }

    /// A descriptor ("the outlet"): the name introduced with the same noun, else for an
    /// organisation noun the last organisation that spoke, else for "the" and a noun of
    /// [`DESCRIBED`] the subject of the sentence before ("Lori Bernstein held up a sign. The
    /// 57-year-old scientist says"); never one inside the claim's own `content`.
    fn descriptor(&self, span: ByteSpan, head: &str, content: ByteSpan) -> (Speaker, Class) {
        let is_org = ORG_NOUNS.contains(&head);
        let class = if is_org {
            Class::Org
        } else if TITLES.contains(&head) {
            Class::Person
        } else {
            return (self.unresolved(span, None), Class::Unknown);
        };
        let introduced = self
            .mentions
            .introduced(head, span.start)
            .filter(|m| !content.contains(m.span))
            .map(|m| (m.span, m.kind));
        let spoken = || {
            is_org
                .then(|| self.history.last_named_org())
                .flatten()
                .filter(|s| !content.contains(s.speaker.span))
                .map(|s| (s.speaker.name.clone(), s.speaker.kind))
        };
        let subject = || {
            let definite = self.text(span).get(..4)?.eq_ignore_ascii_case("the ");
            (definite && DESCRIBED.contains(&head))
                .then(|| self.previous_subject(span.start.min(content.start)))
                .flatten()
                .filter(|m| !content.contains(m.span) && self.may_be(m, head))
                .map(|m| (self.text(m.span).to_owned(), m.kind))
        };
        let found = introduced
            .map(|(name, kind)| (self.text(name).to_owned(), kind))
            .or_else(spoken)
            .or_else(subject);
        match found {
            Some((name, kind)) => (
                Speaker {
                    span,
                    name,
                    kind,
                    resolved_by: ResolvedBy::Descriptor,
                    role: None,
                },
                class,
            ),
            None => (
                self.unresolved(span, (class == Class::Person).then_some(EntityType::Per)),
                class,
            ),
        }
    }

    /// True unless the text gave the person of `m` a role other than the noun `head`: "the
    /// scientist" after "Lori Bernstein held up a sign" is Bernstein, "the governor" after
    /// "Senator Bob Hale spoke" is not Hale.
    fn may_be(&self, m: &Mention, head: &str) -> bool {
        let role = self.roles.get(self.text(m.span));
        role.is_none_or(|role| last_word(role).eq_ignore_ascii_case(head))
    }

    /// A speaker named by its own text.
    fn unresolved(&self, span: ByteSpan, kind: Option<EntityType>) -> Speaker {
        Speaker {
            span,
            name: self.text(span).to_owned(),
            kind: entity_in(self.cx, span).map(|e| e.kind).or(kind),
            resolved_by: ResolvedBy::None,
            role: None,
        }
    }

    fn text(&self, span: ByteSpan) -> &'a str {
        &self.cx.doc.text[span.start..span.end]
    }
}

/// Words after the head of a noun phrase that start what qualifies it ("members within both
/// unions", "sources close to the campaign").
const HEAD_ENDS: &[&str] = &[
    "of", "in", "within", "from", "at", "for", "with", "close", "on",
];

/// True when the phrase `[a, b)` names a group of people: its head (the word before the
/// first of [`HEAD_ENDS`], else its last word) is a plural noun of [`PEOPLE`].
fn is_group(cx: &Context, a: usize, b: usize) -> bool {
    let head = (a + 1..b)
        .find(|&k| HEAD_ENDS.iter().any(|q| cx.is(k, q)))
        .map_or(b - 1, |k| k - 1);
    PEOPLE.contains(&cx.lower(head).as_ref())
}

/// The end of the run of capitalised words starting at `start` ("of"/"for"/"and" join them).
fn run_end(cx: &Context, start: usize) -> usize {
    let mut end = start;
    while end < cx.tokens.len() && cx.is_word(end) && (end == start || !cx.line_break_before(end)) {
        let joins = (cx.is(end, "of") || cx.is(end, "for") || cx.is(end, "and"))
            && end > start
            && cx
                .tokens
                .get(end + 1)
                .is_some_and(|t| t.capital && t.kind == super::tokens::Kind::Word);
        if !cx.tokens[end].capital && !joins {
            break;
        }
        end += 1;
    }
    end.max(start + 1)
}

/// Where a person's name in the capitalised run `[start, end)` stops: at an "of" followed
/// by an institution's name (a word such as "University" or "Center") and preceded by one to
/// three words none of which is one ("Sarah Rahmani of Harvard University's Center"), so
/// that "Bank of America" and "University of Texas" stay whole.
fn person_before_of(cx: &Context, start: usize, end: usize) -> Option<usize> {
    let of = (start + 1..end).find(|&k| cx.is(k, "of"))?;
    let org_word = |k: usize| {
        let word = cx.word(k);
        ORG_WORDS.contains(&word.strip_suffix("'s").unwrap_or(word))
    };
    let head_words = (start..of).filter(|&k| cx.is_word(k)).count();
    ((1..=3).contains(&head_words) && !(start..of).any(org_word) && (of + 1..end).any(org_word))
        .then_some(of)
}

/// The first token of the capitalised name that token `at` is part of, on its line: a
/// rule's speaker span may begin inside it ("Sarah [Rahmani of Harvard ...]").
fn name_run_start(cx: &Context, at: usize) -> usize {
    let mut first = at;
    while first > 0 && !cx.line_break_before(first) && {
        let k = first - 1;
        let lower = cx.lower(k);
        cx.is_word(k)
            && cx.tokens[k].capital
            && !never_names(&lower)
            && !TITLES.contains(&lower.as_ref())
            && !cues::is_determiner(&lower)
    } {
        first -= 1;
    }
    first
}

/// The first token of the name ending a phrase `[a, b)` whose last word is capitalised:
/// the capitalised run, without leading titles, determiners and sentence openers.
fn name_start(cx: &Context, a: usize, b: usize) -> usize {
    let mut start = b - 1;
    while start > a
        && (cx.tokens[start - 1].capital
            || (start >= a + 2
                && (cx.is(start - 1, "of") || cx.is(start - 1, "for"))
                && cx.tokens[start - 2].capital))
    {
        start -= 1;
    }
    while start + 1 < b && {
        let lower = cx.lower(start);
        TITLES.contains(&lower.as_ref())
            || is_abbreviated_title(cx.word(start))
            || never_names(&lower)
            || is_nationality(cx.word(start))
    } {
        start += 1;
    }
    // "Democratic National Committee Chairman Tim Kaine": a role word inside the run, with
    // a name of two words or more after it, ends the role, not the name.
    let inner_role = (start..b.saturating_sub(2))
        .rev()
        .find(|&k| TITLES.contains(&cx.lower(k).as_ref()));
    inner_role.map_or(start, |k| k + 1)
}

/// True for a capitalised abbreviation with its period ("Adm.", "Supt.", "Insp."), from the
/// one abbreviation list of the sentence stage: before a name it is a title, not the name.
fn is_abbreviated_title(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && word
            .strip_suffix('.')
            .is_some_and(crate::sentences::is_abbreviation)
}

/// A mention for the run `[start, end)`, if a name is left once openers and titles are stripped.
fn mention(cx: &Context, start: usize, end: usize) -> Option<Mention> {
    let first = name_start(cx, start, end).max(start);
    let mut first = first;
    while first < end && {
        let lower = cx.lower(first);
        TITLES.contains(&lower.as_ref()) || never_names(&lower) || is_nationality(cx.word(first))
    } {
        first += 1;
    }
    if first >= end {
        return None;
    }
    let span = trim_possessive(cx, cx.span(first, end));
    let before = first.checked_sub(1).filter(|&k| cx.is_word(k));
    let role = before
        .map(|k| cx.tokens[k].span)
        .or_else(|| appositive_head(cx, end));
    let role_lower = role.map(|r| cx.doc.text[r.start..r.end].to_lowercase());
    let titled = role_lower.as_deref().is_some_and(|r| TITLES.contains(&r));
    let org_role = role_lower
        .as_deref()
        .is_some_and(|r| ORG_NOUNS.contains(&r));
    let text = &cx.doc.text[span.start..span.end];
    // A role noun right beside the name ("news agency TASS", "Putin aide Yury Ushakov") is
    // firmer evidence than a tagger's label, which is trained on silver tags.
    let entity_kind = entity_in(cx, span).map(|e| e.kind);
    let kind = if titled {
        Some(EntityType::Per)
    } else if org_role {
        Some(EntityType::Org)
    } else {
        entity_kind
    };
    let class = match kind {
        Some(EntityType::Per) => Class::Person,
        Some(EntityType::Org) => Class::Org,
        Some(_) => Class::Unknown,
        None => guess_class(text),
    };
    Some(Mention {
        span,
        words: text.split_whitespace().count(),
        role,
        title: role_before(cx, 0, first).or_else(|| role_after(cx, end)),
        class,
        kind,
    })
}

/// The head noun of an appositive right after a name (", the Kremlin spokesman,").
fn appositive_head(cx: &Context, end: usize) -> Option<ByteSpan> {
    if !cx.is_punct(end, &[","])
        || !cx
            .tokens
            .get(end + 1)
            .is_some_and(|_| cues::is_determiner(&cx.lower(end + 1)))
    {
        return None;
    }
    let close = (end + 2..(end + 8).min(cx.tokens.len())).find(|&k| !cx.is_word(k))?;
    (close > end + 2 && cx.is_punct(close, &[",", "."])).then(|| cx.tokens[close - 1].span)
}

/// Longest title or role phrase before a name, in words: "Democratic National Committee
/// Chairman" has four; longer runs of capitalised words are headlines, not roles.
const MAX_ROLE_WORDS: usize = 5;

/// Courtesy titles: they say how a name is addressed, not what its bearer is.
const COURTESY: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss"];

/// Words of [`TITLES`] that qualify a role but are none alone ("Former", "Vice").
const QUALIFIERS: &[&str] = &["former", "foreign", "prime", "vice", "press"];

/// True for a title or role word ("spokesman", "President", "Sen.") that is more than a
/// courtesy title or a qualifier.
fn is_role_word(cx: &Context, k: usize) -> bool {
    let lower = cx.lower(k);
    !COURTESY.contains(&lower.as_ref())
        && !QUALIFIERS.contains(&lower.as_ref())
        && (TITLES.contains(&lower.as_ref()) || is_abbreviated_title(cx.word(k)))
}

/// The title or role phrase right before the name that starts at token `first`, no further
/// back than `floor`: a role word next to the name and the words that qualify it ("Putin
/// aide", "Kremlin spokesman", "former Secretary"), up to punctuation, a function word, a
/// time word or a cue.
fn role_before(cx: &Context, floor: usize, first: usize) -> Option<ByteSpan> {
    let head = first.checked_sub(1).filter(|&k| k >= floor)?;
    if !cx.is_word(head) || cx.line_break_before(first) || !is_role_word(cx, head) {
        return None;
    }
    // Before a capitalised role ("Russian President") only capitalised words and titles
    // qualify it: a lower-case word there is the sentence's ("admires Russian President").
    let capital = cx.tokens[head].capital;
    let mut start = head;
    while start > floor && head + 1 - start < MAX_ROLE_WORDS && {
        let k = start - 1;
        let lower = cx.lower(k);
        cx.is_word(k)
            && (!capital || cx.tokens[k].capital || TITLES.contains(&lower.as_ref()))
            && !cx.line_break_before(start)
            && !never_names(&lower)
            && !cues::is_time(&lower)
            && cues::cue(&lower).is_none()
            && !COURTESY.contains(&lower.as_ref())
    } {
        start -= 1;
    }
    Some(cx.span(start, head + 1))
}

/// The role in an appositive right after a name, without its determiner ("Dmitry Peskov,
/// the Kremlin spokesman, said" gives "Kremlin spokesman"), when it holds a role word.
fn role_after(cx: &Context, end: usize) -> Option<ByteSpan> {
    let head = appositive_head(cx, end)?;
    let close = cx.token_at(head.end);
    let first = end + 2;
    (first..close)
        .any(|k| is_role_word(cx, k))
        .then(|| cx.span(first, close))
}

/// The role in a speaker's own phrase `[a, b)`: before the name it ends with, in an
/// appositive after it, or, for a phrase without a name ("a spokesman for the ministry"),
/// the phrase itself without its determiner when it holds a role word.
fn own_role(cx: &Context, a: usize, b: usize) -> Option<ByteSpan> {
    if cx.tokens[b - 1].capital {
        let start = name_start(cx, a, b);
        return role_before(cx, a, start).or_else(|| role_after(cx, b));
    }
    let first = (a..b)
        .find(|&k| !cues::is_determiner(&cx.lower(k)))
        .unwrap_or(a);
    (first..b)
        .any(|k| is_role_word(cx, k))
        .then(|| cx.span(first, b))
}

/// A role's text as written.
fn role_text(cx: &Context, span: ByteSpan) -> String {
    cx.doc.text[span.start..span.end].to_owned()
}

/// The class a bare name suggests: acronyms and names with organisation words are
/// organisations, two or three plain words a person.
fn guess_class(text: &str) -> Class {
    let words: Vec<&str> = text.split_whitespace().collect();
    let acronym = words.len() == 1
        && text.len() >= 2
        && text
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&');
    if acronym || words.iter().any(|w| ORG_WORDS.contains(w)) {
        Class::Org
    } else if (2..=3).contains(&words.len()) {
        Class::Person
    } else {
        Class::Unknown
    }
}

/// Keeps a class a rule decided over a guessed one.
fn merge(decided: Class, guessed: Class) -> Class {
    if decided == Class::Unknown {
        guessed
    } else {
        decided
    }
}

/// Capitalised adjectives of nationality or party that precede a name ("Russian president").
fn is_nationality(word: &str) -> bool {
    matches!(
        word,
        "American"
            | "British"
            | "Chinese"
            | "Democratic"
            | "Democrat"
            | "French"
            | "German"
            | "GOP"
            | "Republican"
            | "Russian"
            | "U.S."
            | "Ukrainian"
            | "Former"
            | "White House"
    )
}

/// The last word of a name, without a possessive.
fn last_word(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// `span` without a trailing possessive "'s".
fn trim_possessive(cx: &Context, span: ByteSpan) -> ByteSpan {
    let text = &cx.doc.text[span.start..span.end];
    let cut = cues::POSSESSIVE
        .iter()
        .find_map(|p| text.strip_suffix(p))
        .map_or(text.len(), str::len);
    ByteSpan::new(span.start, span.start + cut)
}

/// The entity that covers `span` ("Trump" inside "Donald Trump"), else the last entity
/// inside it (the name ending "Putin aide Yury Ushakov"), when the entity layer has one.
fn entity_in<'d>(cx: &'d Context, span: ByteSpan) -> Option<&'d crate::entities::Entity> {
    let entities = &cx.doc.entities;
    let from = entities.partition_point(|e| e.span.start < span.start);
    let covering = from
        .checked_sub(1)
        .map(|k| &entities[k])
        .filter(|e| e.span.contains(span))
        .or_else(|| entities.get(from).filter(|e| e.span.contains(span)));
    covering.or_else(|| {
        entities[from..]
            .iter()
            .take_while(|e| e.span.end <= span.end)
            .last()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    fn resolve_last(text: &str, phrase: &str) -> Speaker {
        let mut doc = Document::new("t", text);
        crate::quotes::detect(&mut doc);
        let cx = Context::new(&doc);
        let start = text.rfind(phrase).expect("phrase");
        let a = cx.token_at(start);
        let b = cx.token_at(start + phrase.len());
        Resolver::new(&cx).resolve(a, b, true, ByteSpan::new(0, 0))
    }

    #[test]
    fn titles_and_roles_are_not_part_of_names() {
        let cases = [
            ("Putin aide Yury Ushakov", "Yury Ushakov"),
            ("Deputy Foreign Minister Sergei Ryabkov", "Sergei Ryabkov"),
            ("Russian news agency TASS", "TASS"),
            ("Sen. Jane Miller", "Jane Miller"),
        ];
        for (phrase, name) in cases {
            let speaker = resolve_last(phrase, phrase);
            assert_eq!(
                (speaker.name.as_str(), speaker.resolved_by),
                (name, ResolvedBy::Explicit)
            );
        }
        assert_eq!(
            resolve_last("Sen. Jane Miller", "Sen. Jane Miller").kind,
            Some(EntityType::Per)
        );
    }

    #[test]
    fn short_names_pronouns_and_descriptors_look_back() {
        let text =
            "Yury Ushakov met Russian news agency TASS. Ushakov spoke. He left. The agency wrote.";
        let alias = resolve_last(text, "Ushakov");
        assert_eq!(
            (alias.name.as_str(), alias.resolved_by),
            ("Yury Ushakov", ResolvedBy::Alias)
        );
        let pronoun = resolve_last(text, "He");
        assert_eq!(
            (pronoun.name.as_str(), pronoun.resolved_by),
            ("Yury Ushakov", ResolvedBy::Pronoun)
        );
        let descriptor = resolve_last(text, "The agency");
        assert_eq!(
            (descriptor.name.as_str(), descriptor.resolved_by),
            ("TASS", ResolvedBy::Descriptor)
        );
    }

    #[test]
    fn guessed_classes() {
        assert_eq!(guess_class("TASS"), Class::Org);
        assert_eq!(guess_class("Fox News"), Class::Org);
        assert_eq!(guess_class("Yury Ushakov"), Class::Person);
        assert_eq!(guess_class("Russia"), Class::Unknown);
    }
}
