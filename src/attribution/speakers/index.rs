//! What the resolver looks back at, indexed: the names of the document and the speakers
//! resolved so far. A look-back is a hash lookup and a binary search, or a scan whose
//! length has a named bound, so that a claim costs as much to resolve in a long text as in
//! a short one.

use std::collections::HashMap;

use super::{gender_of_role, last_word, Class, Gender, Mention, Spoken, ORG_NOUNS, TITLES};
use crate::attribution::ResolvedBy;
use crate::entities::EntityType;
use crate::text::ByteSpan;

/// The capitalised names of a document, in text order. They are disjoint, so sorted by
/// their ends too, and every "last name before byte x" is a binary search.
pub(super) struct Mentions<'a> {
    text: &'a str,
    list: Vec<Mention>,
    /// The names of two words or more, by their last word: what a surname can stand for.
    by_last_word: HashMap<&'a str, Vec<usize>>,
    /// The names introduced with a role or organisation noun ("news agency TASS"), by that
    /// noun in lower case; only nouns a descriptor can be.
    by_role: HashMap<String, Vec<usize>>,
    /// The names a pronoun of a person can take: named in full or known to be persons.
    persons: Vec<usize>,
    /// The names a pronoun of an organisation ("it", "they") can take.
    orgs: Vec<usize>,
    /// The gender the first gendered title beside a name ("Mr. Yury Ushakov") gives it,
    /// by the name and by its last word.
    titled: HashMap<&'a str, Gender>,
}

impl<'a> Mentions<'a> {
    /// Indexes `list`, the names of `text` in text order.
    pub(super) fn new(text: &'a str, list: Vec<Mention>) -> Self {
        let mut mentions = Mentions {
            text,
            list: Vec::new(),
            by_last_word: HashMap::new(),
            by_role: HashMap::new(),
            persons: Vec::new(),
            orgs: Vec::new(),
            titled: HashMap::new(),
        };
        for (n, m) in list.iter().enumerate() {
            mentions.add(n, m);
        }
        mentions.list = list;
        mentions
    }

    /// Adds mention `n` to the indexes.
    fn add(&mut self, n: usize, m: &Mention) {
        let name = &self.text[m.span.start..m.span.end];
        if m.words > 1 {
            self.by_last_word
                .entry(last_word(name))
                .or_default()
                .push(n);
        }
        if let Some(role) = m.role {
            let role = &self.text[role.start..role.end];
            if let Some(gender) = gender_of_role(&role.to_lowercase()) {
                self.titled.entry(name).or_insert(gender);
                self.titled.entry(last_word(name)).or_insert(gender);
            }
            // A descriptor matches its role noun up to ASCII case.
            let role = role.to_ascii_lowercase();
            if ORG_NOUNS.contains(&role.as_str()) || TITLES.contains(&role.as_str()) {
                self.by_role.entry(role).or_default().push(n);
            }
        }
        match m.class {
            Class::Person if m.words > 1 || m.kind == Some(EntityType::Per) => self.persons.push(n),
            Class::Org => self.orgs.push(n),
            _ => {}
        }
    }

    /// The last name of two words or more ending by byte `before` whose last word is `short`.
    pub(super) fn full_name(&self, short: &str, before: usize) -> Option<&Mention> {
        let indices = self.by_last_word.get(short)?;
        self.before(indices, before).next()
    }

    /// The mention with exactly this span.
    pub(super) fn at(&self, span: ByteSpan) -> Option<&Mention> {
        let n = self.list.partition_point(|m| m.span.start < span.start);
        self.list.get(n).filter(|m| m.span == span)
    }

    /// The last name ending by byte `before` that was introduced with the role noun `role`
    /// (lower case).
    pub(super) fn introduced(&self, role: &str, before: usize) -> Option<&Mention> {
        let indices = self.by_role.get(role)?;
        self.before(indices, before).next()
    }

    /// The names of `class` a pronoun can take that end by byte `before`, latest first.
    pub(super) fn antecedents(
        &self,
        class: Class,
        before: usize,
    ) -> impl Iterator<Item = &Mention> + '_ {
        let indices: &[usize] = match class {
            Class::Person => &self.persons,
            Class::Org => &self.orgs,
            Class::Group | Class::Unknown => &[],
        };
        self.before(indices, before)
    }

    /// The first name starting at or after byte `at`.
    pub(super) fn first_from(&self, at: usize) -> Option<&Mention> {
        let n = self.list.partition_point(|m| m.span.start < at);
        self.list.get(n)
    }

    /// The gender the first gendered title beside a mention of `name` (or of a name that
    /// ends with it) gives it.
    pub(super) fn titled_gender(&self, name: &str) -> Option<Gender> {
        self.titled.get(name).copied()
    }

    /// The mentions of `indices` (ascending) that end by byte `before`, latest first.
    fn before<'s>(
        &'s self,
        indices: &'s [usize],
        before: usize,
    ) -> impl Iterator<Item = &'s Mention> + 's {
        let count = indices.partition_point(|&n| self.list[n].span.end <= before);
        indices[..count].iter().rev().map(|&n| &self.list[n])
    }
}

/// The speakers resolved so far, in the order of their claims.
#[derive(Default)]
pub(super) struct History {
    entries: Vec<Spoken>,
    /// Indices of the entries of top-level claims, the only ones that lend floating quotes
    /// a speaker.
    top_level: Vec<usize>,
    /// Index of the last organisation whose name a rule resolved.
    last_named_org: Option<usize>,
}

impl History {
    /// Remembers a resolved speaker.
    pub(super) fn push(&mut self, spoken: Spoken) {
        let n = self.entries.len();
        if spoken.top_level {
            self.top_level.push(n);
        }
        if spoken.class == Class::Org && spoken.speaker.resolved_by != ResolvedBy::None {
            self.last_named_org = Some(n);
        }
        self.entries.push(spoken);
    }

    /// Every speaker, latest first.
    pub(super) fn recent(&self) -> impl Iterator<Item = &Spoken> + '_ {
        self.entries.iter().rev()
    }

    /// The speakers of top-level claims, latest first.
    pub(super) fn recent_top_level(&self) -> impl Iterator<Item = &Spoken> + '_ {
        self.top_level.iter().rev().map(|&n| &self.entries[n])
    }

    /// The last organisation whose name a rule resolved.
    pub(super) fn last_named_org(&self) -> Option<&Spoken> {
        self.last_named_org.map(|n| &self.entries[n])
    }
}
