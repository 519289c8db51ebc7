//! Word lists the splitter consults at a period or a line break.
//!
//! They are small on purpose: each entry decides a boundary, so a word belongs here only when
//! news text shows it in that role far more often than in any other. Lookups are linear scans
//! over short slices, which beats hashing for a dozen-byte key and needs no allocation.

/// What an abbreviation says about the period that ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Abbreviation {
    /// Stands before a name ("Mr. Smith", "Sen. Warren", "Mt. Fuji") or joins two names
    /// ("Roe vs. Wade", "e.g. Paris"): a capitalised word after it continues the sentence.
    Title,
    /// "a.m." and "p.m.": a capitalised word after them starts a new sentence, unless it
    /// belongs to the time ("5 p.m. Monday", "5 p.m. ET").
    Time,
    /// Stands before a number ("No. 5", "pp. 10", "N°. 1026"); elsewhere it is an ordinary
    /// word ("He said no. Smith left." ends after "no.").
    Number,
    /// May end a sentence or sit inside one ("Pitt, Briggs & Co. It closed" vs "Co. at noon";
    /// "the U.S. How" vs "the U.S. Government"): only a typical sentence opener after it
    /// makes the period a boundary.
    Ambiguous,
}

/// Abbreviations written with a final period, lower case, without that period.
///
/// Single letters ("E." in "Jonas E. Smith") and dotted initialisms ("U.S.", "E.U.") are
/// recognised by shape and count as [`Abbreviation::Ambiguous`]; only the dotted ones with
/// another role are listed.
const ABBREVIATIONS: &[(&str, Abbreviation)] = {
    use Abbreviation::{Ambiguous as A, Number as N, Time as T, Title as P};
    &[
        // Titles and ranks before a name.
        ("mr", P),
        ("mrs", P),
        ("ms", P),
        ("messrs", P),
        ("mme", P),
        ("dr", P),
        ("prof", P),
        ("sen", P),
        ("sens", P),
        ("rep", P),
        ("reps", P),
        ("gov", P),
        ("gen", P),
        ("lt", P),
        ("col", P),
        ("capt", P),
        ("cmdr", P),
        ("sgt", P),
        ("cpl", P),
        ("pvt", P),
        ("maj", P),
        ("adm", P),
        ("brig", P),
        ("rev", P),
        ("hon", P),
        ("pres", P),
        ("supt", P),
        ("det", P),
        ("insp", P),
        ("msgr", P),
        ("atty", P),
        ("amb", P),
        ("mt", P),
        ("ft", P),
        // Words that join what is on both sides.
        ("vs", P),
        ("e.g", P),
        ("i.e", P),
        ("cf", P),
        ("viz", P),
        // Clock times.
        ("a.m", T),
        ("p.m", T),
        // Before numbers.
        ("no", N),
        ("nos", N),
        ("pp", N),
        ("vol", N),
        ("vols", N),
        ("fig", N),
        ("figs", N),
        ("ch", N),
        ("para", N),
        ("n°", N),
        ("nº", N),
        // Company and name suffixes, street words, months, weekdays and others that may end a sentence.
        ("co", A),
        ("cos", A),
        ("inc", A),
        ("corp", A),
        ("ltd", A),
        ("llc", A),
        ("plc", A),
        ("bros", A),
        ("jr", A),
        ("sr", A),
        ("st", A),
        ("ave", A),
        ("blvd", A),
        ("rd", A),
        ("hwy", A),
        ("dept", A),
        ("univ", A),
        ("assn", A),
        ("govt", A),
        ("sec", A),
        ("etc", A),
        ("al", A),
        ("approx", A),
        ("jan", A),
        ("feb", A),
        ("mar", A),
        ("apr", A),
        ("jun", A),
        ("jul", A),
        ("aug", A),
        ("sep", A),
        ("sept", A),
        ("oct", A),
        ("nov", A),
        ("dec", A),
        ("mon", A),
        ("tue", A),
        ("tues", A),
        ("thu", A),
        ("thur", A),
        ("thurs", A),
        ("fri", A),
    ]
};

/// The role of `word` (the token before a period, period excluded) if it is a listed abbreviation.
pub(super) fn abbreviation(word: &str) -> Option<Abbreviation> {
    ABBREVIATIONS
        .iter()
        .find(|(known, _)| known.eq_ignore_ascii_case(word))
        .map(|&(_, role)| role)
}

/// Capitalised words that usually open a sentence and rarely continue a name: after an
/// ambiguous abbreviation ("the U.S. The president") they mark a new sentence.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "After",
    "All",
    "Also",
    "Although",
    "An",
    "And",
    "Another",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Both",
    "But",
    "By",
    "Can",
    "Could",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Even",
    "Every",
    "For",
    "From",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "Instead",
    "Is",
    "It",
    "Its",
    "Many",
    "Meanwhile",
    "Most",
    "Much",
    "Must",
    "My",
    "No",
    "None",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Our",
    "Should",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "To",
    "Under",
    "Was",
    "We",
    "Were",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "Will",
    "With",
    "Would",
    "Yet",
    "You",
    "Your",
];

/// True when `word` (as written) typically opens a sentence.
pub(super) fn is_sentence_starter(word: &str) -> bool {
    SENTENCE_STARTERS.contains(&word)
}

/// Capitalised words that continue a clock time: "5 p.m. Monday", "9 a.m. ET", "8 p.m. Jan. 5".
const TIME_CONTINUATIONS: &[&str] = &[
    "ET",
    "EST",
    "EDT",
    "CT",
    "CST",
    "CDT",
    "MT",
    "MST",
    "MDT",
    "PT",
    "PST",
    "PDT",
    "GMT",
    "UTC",
    "BST",
    "CET",
    "CEST",
    "Eastern",
    "Central",
    "Mountain",
    "Pacific",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tue",
    "Tues",
    "Wed",
    "Thu",
    "Thurs",
    "Fri",
    "Sat",
    "Sun",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
];

/// True when `word` after "a.m."/"p.m." still belongs to the time.
pub(super) fn continues_time(word: &str) -> bool {
    TIME_CONTINUATIONS.contains(&word)
}

/// Prepositions that open an introductory time phrase ("At 5 a.m. Mr. Smith went out"),
/// which cannot be a sentence on its own.
const TIME_PREPOSITIONS: &[&str] = &[
    "at", "by", "before", "after", "until", "till", "around", "about", "from", "since", "between",
    "shortly", "just",
];

/// True when `word` (any case) opens an introductory time phrase.
pub(super) fn is_time_preposition(word: &str) -> bool {
    TIME_PREPOSITIONS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(word))
}

/// Lower-case words that cannot end a sentence or a headline: a line that ends with one is
/// soft-wrapped mid-sentence ("met with\nPresident Putin"), whatever the next line starts with.
const CONTINUING_WORDS: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "with", "from", "into", "onto",
    "about", "over", "under", "between", "after", "before", "and", "or", "but", "nor", "as",
    "than", "that", "which", "who", "whom", "whose", "is", "are", "was", "were", "be", "been",
    "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "his",
    "her", "their", "its", "our", "my", "your", "this", "these", "those", "said", "told",
];

/// True when a line ending with `word` must continue on the next line.
pub(super) fn is_continuing_word(word: &str) -> bool {
    CONTINUING_WORDS.contains(&word)
}
