//! The recall-first search for names and places (Safe Harbor's default, [`crate::redact::Sensitivity`]): a
//! capitalised or name-like word that is no ordinary English word (`deid/english_words.txt`), no clinical word
//! (`deid/clinical_words.txt`) and no lab term of the catalog is a probable name or place, and is masked. The name
//! lists and cues raise confidence rather than being required: a listed name that is also an ordinary word is
//! masked where it stands as a name (mid-sentence, after a cue, as a speaker label), a lower-case word after a
//! cue when it is a listed name or no word, a lone capital after a title (`Dr. B`). Words beside a masked one
//! that are part of the same proper name (`West Melikkan`, `San Pedro`) go with it.

use super::names::Token;
use super::overlaps::Ranges;
use super::people::horizontal_space;
use super::vocabulary::{COMMONEST, Vocabulary};
use super::words::role;
use crate::redact::Category;

/// Roles that make a word something other than a name by itself (and a one-word town something else).
pub(super) const NOT_A_NAME: u16 = role::TITLE
    | role::CUE
    | role::LABEL
    | role::CREDENTIAL
    | role::ORGANIZATION
    | role::EPONYM
    | role::MONTH
    | role::EPONYM_NAME
    | role::VOCABULARY;

/// Words that start a place's name and are ordinary words: they go with the unknown word beside them.
const PLACE_WORDS: &[&str] = &[
    "west", "east", "north", "south", "new", "port", "lake", "mount", "saint", "san", "santa", "st", "fort", "upper",
    "lower", "great", "little", "old", "la", "le", "los", "las", "el", "de", "del", "da", "do", "dos", "di", "van",
    "von", "der", "den", "bad", "ville", "city", "town", "falls", "beach", "springs", "heights", "park",
];

/// Lower-case words inside the name of a place (`Kostelec nad Labem`, `Nové Město na Moravě`, `Angra do
/// Heroísmo`, `Rothenburg ob der Tauber`, `Rychnov u Jablonce`).
pub(super) const PLACE_CONNECTORS: &[&str] = &[
    "nad", "na", "pod", "u", "do", "da", "das", "dos", "de", "del", "della", "di", "ob", "der", "am", "an", "im",
    "sur", "en", "la", "le", "sul", "upon", "on", "under", "in",
];

/// Words after which a lower-case word is read as a name when it may be one ("spoke to john smith").
const LOWER_CUES: &[&str] =
    &["to", "with", "called", "per", "from", "by", "mother", "father", "brother", "sister", "son", "daughter"];

/// What the search needs of a word: the vocabulary, and whether the word is already found.
pub(crate) struct Sweep<'a> {
    pub(crate) text: &'a str,
    pub(crate) tokens: &'a [Token],
    pub(crate) vocabulary: &'a Vocabulary,
    pub(crate) found: &'a Ranges,
    /// Whether the text is mostly capitals ([`shouting`]): a word in capitals proves nothing there.
    pub(crate) shouting: bool,
}

impl Sweep<'_> {
    /// The byte ranges of the probable names and places no other rule found, with their category (a place after
    /// a locative cue is a city); organisations ("Northwind Medical Center"), states and countries stay.
    pub(crate) fn names(&self) -> Vec<(usize, usize, Category)> {
        let mut out: Vec<(usize, usize, Category)> = Vec::new();
        let mut i = 0;
        while let Some(t) = self.tokens.get(i) {
            if let Some(last) = self.locative_run(i) {
                if let (Some(a), Some(b)) = (self.tokens.get(i), self.tokens.get(last)) {
                    out.push((a.start, b.end, Category::City));
                }
                i = last + 1;
                continue;
            }
            if self.found.overlap(t.start, t.end) {
                i += 1;
                continue;
            }
            if let Some(last) = self.town(i) {
                if let (Some(a), Some(b)) = (self.tokens.get(i), self.tokens.get(last)) {
                    out.push((a.start, b.end, Category::City));
                }
                i = last + 1;
                continue;
            }
            if !self.probable(i) {
                i += 1;
                continue;
            }
            let (first, last) = self.widen(i);
            let organisation = super::name_rules::organisation(self.text, self.tokens, first, last)
                || super::name_rules::eponym(self.tokens, last);
            if let (Some(a), Some(b), false) = (self.tokens.get(first), self.tokens.get(last), organisation) {
                let region = self.text.get(a.start..b.end).is_some_and(|n| self.vocabulary.is_region(n));
                if !region || self.named_by_verb(first) {
                    out.push((a.start, b.end, Category::Name));
                }
            }
            i = last + 1;
        }
        out
    }

    /// Whether token `i` is a probable name or place.
    fn probable(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.key.chars().count() == 1 {
            return t.capital && self.after_honorific(i);
        }
        if self.named_by_verb(i) {
            return true;
        }
        if t.key.is_empty() || t.is(NOT_A_NAME) || self.vocabulary.is_lab(&t.key) || !latin(&t.key) {
            return false;
        }
        let listed = t.is(role::GIVEN) || t.is(role::SURNAME);
        let band = self.vocabulary.band(&t.key);
        // A rare word that is also a listed name is read as the name.
        let word = band.is_some_and(|b| b <= 35 || !listed)
            || t.is(role::COMMON)
            || t.is(role::AMBIGUOUS)
            || !listed && self.vocabulary.is_compound(&t.key)
            || super::name_rules::eponym(self.tokens, i);
        if t.caps {
            let letters = t.key.chars().count();
            return !word && (listed && letters >= 4 || letters >= 6) && !self.shouting;
        }
        if !t.capital {
            return self.lower_name(i, 0);
        }
        if !word || self.glued_to_digits(t) {
            return true;
        }
        // An ordinary word that is also a name: a name where it stands as one.
        let rare_word = band.is_none_or(|b| b > 20);
        listed
            && (self.speaker_label(i) && (t.is(role::GIVEN) || band.is_none_or(|b| b > COMMONEST))
                || !self.sentence_start(t) && (rare_word || self.after_lower_cue(i)) && !self.title_case_before(i))
    }

    /// A lower-case name after a cue: `spoke to merijn ariens`, `to lisa van den hoek`, `to nicole young`. The
    /// first word must be no word or a listed name that is no common word; the next ones may be any listed name
    /// or a particle; at most four words.
    fn lower_name(&self, i: usize, depth: usize) -> bool {
        let (Some(t), Some(p)) = (self.tokens.get(i), i.checked_sub(1).and_then(|k| self.tokens.get(k))) else {
            return false;
        };
        if t.key.is_empty()
            || t.capital
            || t.caps
            || depth > 3
            || !(self.same_name(p, t) || p.is(role::TITLE) && self.after_period(p, t))
            || t.is(NOT_A_NAME & !role::VOCABULARY)
        {
            return false;
        }
        let listed = t.is(role::GIVEN) || t.is(role::SURNAME);
        let band = self.vocabulary.band(&t.key);
        let unknown = band.is_none() && !t.is(role::COMMON | role::AMBIGUOUS) && !self.vocabulary.is_lab(&t.key);
        let cue = LOWER_CUES.contains(&p.key.as_str()) || p.is(role::TITLE);
        if cue && !p.capital {
            let name = unknown || listed && band.is_none_or(|b| b > 35) || self.lower_given_then_surname(i);
            return name && !t.is(role::VOCABULARY);
        }
        let next = unknown || listed || t.is(role::PARTICLE);
        next && !t.is(role::VOCABULARY) && (self.lower_name(i - 1, depth + 1) || cue && depth == 0 && unknown)
    }

    /// Widens a probable name over the capitalised words beside it that belong to the same proper name.
    fn widen(&self, i: usize) -> (usize, usize) {
        let mut first = i;
        while first > 0 && (self.joins(first - 1, first) || self.given_before(first - 1, first)) {
            first -= 1;
        }
        let first = self.particles_before(first);
        let mut last = i;
        loop {
            if self.joins(last + 1, last) || self.probable_after(last) || self.surname_after(last) {
                last += 1;
            } else if let Some(end) = self.particles_then_name(last).or_else(|| self.initial_then_name(last)) {
                last = end;
            } else {
                break;
            }
        }
        (first, last)
    }

    /// `Liam Read`: a capitalised listed surname right after a name, even when it is an ordinary word.
    fn surname_after(&self, last: usize) -> bool {
        let (Some(a), Some(b)) = (self.tokens.get(last), self.tokens.get(last + 1)) else { return false };
        a.capital
            && b.capital
            && !b.caps
            && b.is(role::SURNAME)
            && !b.is(NOT_A_NAME)
            && self.same_name(a, b)
            && !self.found.overlap(b.start, b.end)
    }

    /// `Leire del Galan`, `Gene van der Berg`: lower-case particles inside a name, then a capitalised word.
    fn particles_then_name(&self, last: usize) -> Option<usize> {
        let mut k = last + 1;
        let inner = |t: &Token| (t.is(role::PARTICLE) || PLACE_CONNECTORS.contains(&t.key.as_str())) && !t.capital;
        while self.tokens.get(k).is_some_and(inner) && k <= last + 2 {
            k += 1;
        }
        let (Some(a), Some(b)) = (self.tokens.get(last), self.tokens.get(k)) else { return None };
        let joined = (last + 1..=k).all(|j| {
            let (Some(x), Some(y)) = (self.tokens.get(j - 1), self.tokens.get(j)) else { return false };
            self.same_name(x, y)
        });
        // After family-name particles only (`Adam van Loon`), the capitalised word is the family name even when it
        // is an ordinary word.
        let particles = (last + 1..k).all(|j| self.tokens.get(j).is_some_and(|p| p.is(role::PARTICLE)));
        let family = particles && !self.vocabulary.is_lab(&b.key);
        let name = b.capital && !b.is(NOT_A_NAME) && (family || self.probable(k) || b.is(role::SURNAME));
        (k > last + 1 && a.capital && joined && name && !self.found.overlap(b.start, b.end)).then_some(k)
    }

    /// Whether the next token is itself probable and adjacent (`Olga Andersson`).
    fn probable_after(&self, last: usize) -> bool {
        let (Some(a), Some(b)) = (self.tokens.get(last), self.tokens.get(last + 1)) else { return false };
        self.same_name(a, b) && !self.found.overlap(b.start, b.end) && self.probable(last + 1)
    }

    /// Whether token `k` joins the name beside it at `of`: a capitalised place word or rarer word, adjacent.
    pub(super) fn joins(&self, k: usize, of: usize) -> bool {
        let (Some(t), Some(o)) = (self.tokens.get(k), self.tokens.get(of)) else { return false };
        let (a, b) = if k < of { (t, o) } else { (o, t) };
        if !self.same_name(a, b) || self.found.overlap(t.start, t.end) || !t.capital || t.is(NOT_A_NAME) {
            return false;
        }
        let place = PLACE_WORDS.contains(&t.key.as_str());
        let rare = self.vocabulary.band(&t.key).is_none_or(|b| b > 20) && !self.vocabulary.is_lab(&t.key);
        place && k < of || rare
    }

    /// Whether two tokens are words of one name: only a space or two between them, on one line.
    pub(super) fn same_name(&self, a: &Token, b: &Token) -> bool {
        self.text
            .get(a.end..b.start)
            .is_some_and(|gap| (1..=2).contains(&gap.len()) && gap.chars().all(horizontal_space))
    }

    /// `dr. kissné`, `prof. mecit`: a title's period and a space between two words.
    fn after_period(&self, a: &Token, b: &Token) -> bool {
        self.text.get(a.end..b.start).is_some_and(|gap| matches!(gap, ". " | ".  " | ".\t"))
    }

    /// Whether a token opens a sentence or a line (a capital there proves nothing).
    pub(super) fn sentence_start(&self, t: &Token) -> bool {
        let before = self.text.get(..t.start).unwrap_or_default();
        let trimmed = before.trim_end_matches([' ', '\t', '"', '\'', '(', '*', '-']);
        trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '\n', ':', ';', '>'])
    }

    /// `Nicole: is the potassium back yet?` — a word opening its sentence or line, then a colon and a lower-case
    /// word.
    fn speaker_label(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        let after = self.text.get(t.end..).unwrap_or_default();
        let spoken = after.strip_prefix(": ").is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()));
        self.sentence_start(t) && spoken
    }

    /// Whether the word before is a capitalised one on the same line (`The Old Man`): a title, not a name.
    pub(super) fn title_case_before(&self, i: usize) -> bool {
        let (Some(p), Some(t)) = (i.checked_sub(1).and_then(|k| self.tokens.get(k)), self.tokens.get(i)) else {
            return false;
        };
        p.capital && !p.is(role::TITLE | role::CUE) && self.same_name(p, t) && self.vocabulary.is_ordinary(&p.key)
    }

    /// `Anna42`: a word glued to digits.
    fn glued_to_digits(&self, t: &Token) -> bool {
        self.text.get(t.end..).is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    }

    /// A lone capital after an honorific title: `Dr. B`, `Mrs K`.
    fn after_honorific(&self, i: usize) -> bool {
        let (Some(p), Some(t)) = (i.checked_sub(1).and_then(|k| self.tokens.get(k)), self.tokens.get(i)) else {
            return false;
        };
        let honorific = matches!(p.key.as_str(), "dr" | "doctor" | "mr" | "mrs" | "ms" | "mx" | "miss" | "prof");
        let gap = self.text.get(p.end..t.start).unwrap_or_default();
        let after = self.text.get(t.end..).unwrap_or_default();
        honorific
            && matches!(gap, " " | ". " | "." | "\t")
            && !after.starts_with(|c: char| c.is_alphanumeric() || c == '-' || c == '/' || c == '&')
    }

    /// Whether a lower-case word follows a cue word, or another lower-case name after one ("to john smith").
    fn after_lower_cue(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1).and_then(|k| self.tokens.get(k)) else { return false };
        let Some(t) = self.tokens.get(i) else { return false };
        if !self.same_name(p, t) {
            return false;
        }
        let cue = |w: &Token| LOWER_CUES.contains(&w.key.as_str()) || w.is(role::CUE | role::TITLE);
        if cue(p) {
            return true;
        }
        // The second word of a lower-case name after a cue: `to john smith`.
        let named = (p.is(role::GIVEN) || p.is(role::SURNAME)) && !p.capital && p.key.chars().count() > 1;
        let Some(q) = i.checked_sub(2).and_then(|k| self.tokens.get(k)) else { return false };
        named && cue(q) && self.same_name(q, p)
    }
}

/// Whether a word is written in Latin letters (with accents): an English vocabulary cannot judge a word of another
/// script, which is left to the precise search.
fn latin(word: &str) -> bool {
    word.chars().all(|c| !c.is_alphabetic() || c <= '\u{24F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c))
}

/// Whether a text is mostly capitals (seven words in ten), judged once per text.
pub(crate) fn shouting(tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| t.key.chars().count() >= 2).count();
    let caps = tokens.iter().filter(|t| t.caps).count();
    words >= 3 && caps * 10 > words * 7
}

/// Whether every word from `start` to `end` is a frequent ordinary word that no name list holds (`FROM Users
/// WHERE`): a run of capitals in code or a title, not a name, whatever cue precedes it.
pub(crate) fn ordinary_words_only(tokens: &[Token], vocabulary: &Vocabulary, start: usize, end: usize) -> bool {
    let first = tokens.partition_point(|t| t.start < start);
    let words = tokens.get(first..).unwrap_or_default().iter().take_while(|t| t.end <= end);
    let mut any = false;
    for t in words {
        let listed = t.is(role::GIVEN) || t.is(role::SURNAME);
        if listed || vocabulary.band(&t.key).is_none_or(|b| b > 20) {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::super::test_support::swept;

    #[test]
    fn unknown_capitalised_words_are_probable_names() {
        assert_eq!(swept("Later Miloslav Dvořák came in."), ["Miloslav Dvořák"]);
        assert_eq!(swept("Nicole: is the potassium back yet?"), ["Nicole"]);
        assert_eq!(swept("Results given to Brown."), ["Brown"]);
        assert_eq!(swept("Dr. B notified."), ["B"]);
        assert_eq!(swept("Visitor Anna42 left a message."), ["Anna"]);
        assert_eq!(swept("Moved to West Melikkan last year."), ["West Melikkan"]);
        assert_eq!(swept("Moved to Santa Maria da Feira last year."), ["Santa Maria da Feira"]);
        assert_eq!(swept("Transferred from Piano Regolatore General."), ["Piano Regolatore"]);
        assert_eq!(swept("Moved to Poland."), Vec::<&str>::new());
    }

    #[test]
    fn ordinary_words_lab_terms_and_titles_stay() {
        for text in [
            "She is reading The Old Man and the Sea.",
            "Query was SELECT id FROM Users WHERE active = 1.",
            "Brown urine, nitrite positive.",
            "White blood cells 12.1. Hemoglobin A1c 7.2 % repeated.",
            "Troponin I high sensitivity pending. Platelets clumped, citrate tube sent.",
        ] {
            assert_eq!(swept(text), Vec::<&str>::new(), "{text}");
        }
    }
}
