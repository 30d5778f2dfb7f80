//! The world gazetteer (`deid/towns.txt`: GeoNames' towns and cities of 15,000 people or more, made by
//! `deid/build/build_towns.py`), and where the recall-first search takes one of its towns for a place.
//!
//! The file holds each name as the tokenizer writes words (`st louis`, `kraków` and its folding `krakow`), so a run
//! of tokens is looked up by joining their keys. A town whose words no vocabulary holds is masked whole, as a city;
//! one whose words are all ordinary (`Reading`, `Nice`, `Long Beach`) where the text shows a place: after
//! `in`/`from`/`to`/`near`, after a postcode, before a lab or a hospital, before its country or state — or, for a
//! rare word (`Derby`, `Slough`) or a name of several words, capitalised inside a sentence.
//!
//! Each lookup is one hash of a run of at most [`LONGEST`] words, and a run is only widened from the first word of
//! a town of several words: a constant number of probes per token, linear in the text.

use super::names::Token;
use super::recall::{NOT_A_NAME, PLACE_CONNECTORS, Sweep};
use super::vocabulary::COMMONEST;
use super::words::role;
use crate::hash::FastSet;

/// The gazetteer, embedded at build time.
const TOWNS: &str = include_str!("../../../deid/towns.txt");

/// The most words a town's name has in the file.
const LONGEST: usize = 4;

/// Words after which a capitalised town is a place: `lives in Reading`, `sent from Nice`, `near Bath`.
const LOCATIVE: &[&str] = &["in", "from", "to", "near", "outside", "around", "via", "at", "visiting", "towards"];

/// Countries and parts of one written after a town's comma that `countries.txt` does not name that way.
const COUNTRY_NAMES: &[&str] =
    &["UK", "U.K", "US", "USA", "U.S", "U.S.A", "England", "Scotland", "Wales", "Northern Ireland"];

/// The least SCOWL band of a one-word town taken inside a sentence without a cue (`Derby`, `Slough`, `Tangier`):
/// rarer words than that are more often the town.
const RARE_BAND: u8 = 35;

/// The towns of the gazetteer.
pub(crate) struct Towns {
    names: FastSet<&'static str>,
    /// The first words of the towns of several words (`san` of `san josé`).
    firsts: FastSet<&'static str>,
}

impl Towns {
    /// The built-in gazetteer.
    pub(crate) fn builtin() -> Towns {
        let names: FastSet<&'static str> =
            TOWNS.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        let firsts = names.iter().filter_map(|n| n.split_once(' ').map(|(first, _)| first)).collect();
        Towns { names, firsts }
    }

    /// Whether a name, written as the tokenizer writes words, is a town (`st louis`, `krakow`).
    pub(crate) fn contains(&self, key: &str) -> bool {
        self.names.contains(key)
    }

    /// Whether a name written in text is a town (`St. Louis`, `Kraków`, `SAN JOSÉ`).
    pub(crate) fn is_town(&self, name: &str) -> bool {
        let tokens = super::names::tokens(name);
        let keys: Vec<&str> = tokens.iter().map(|t| t.key.as_str()).collect();
        keys.len() <= LONGEST && self.contains(&keys.join(" "))
    }

    /// The last token of the longest town starting at token `i`: a capitalised first word, then words one or two
    /// spaces apart on one line (or after an abbreviation's period: `St. Louis`), the last one capitalised.
    pub(crate) fn run_at(&self, text: &str, tokens: &[Token], i: usize) -> Option<usize> {
        let first = tokens.get(i).filter(|t| t.capital && !t.key.is_empty())?;
        let mut best = self.contains(&first.key).then_some(i);
        if !self.firsts.contains(first.key.as_str()) {
            return best;
        }
        let mut key = first.key.clone();
        for k in i + 1..i + LONGEST {
            let (Some(p), Some(n)) = (tokens.get(k - 1), tokens.get(k)) else { break };
            if n.key.is_empty() || !joined(text, p, n) {
                break;
            }
            key.push(' ');
            key.push_str(&n.key);
            if n.capital && self.contains(&key) {
                best = Some(k);
            }
        }
        best
    }
}

/// Whether two tokens are words of one name: one or two spaces between them, or an abbreviation's period and a
/// space (`St. Louis`, `Ft. Myers`).
fn joined(text: &str, a: &Token, b: &Token) -> bool {
    let Some(gap) = text.get(a.end..b.start) else { return false };
    let gap = if a.key.chars().count() <= 3 { gap.strip_prefix('.').unwrap_or(gap) } else { gap };
    (1..=2).contains(&gap.len()) && gap.chars().all(|c| c == ' ' || c == '\t')
}

/// Cues after which a capitalised run is a place, whatever its words: `moved to`, `transferred from`.
const LOCATIVE_CUES: &[(&str, &str)] = &[
    ("moved", "to"),
    ("transferred", "from"),
    ("transferred", "to"),
    ("lives", "in"),
    ("living", "in"),
    ("born", "in"),
    ("travelled", "to"),
    ("traveled", "to"),
    ("relocated", "to"),
    ("resident", "of"),
];

/// The roles that make a word of a one-word town something else (`Police`, `Temple`, `March`): those that make
/// a word no name by itself.
const NOT_A_TOWN: u16 = NOT_A_NAME;

impl Sweep<'_> {
    /// The last token of the town that starts at token `i`, if the gazetteer holds one there and the text lets it
    /// be a place.
    pub(super) fn town(&self, i: usize) -> Option<usize> {
        let last = self.vocabulary.towns().run_at(self.text, self.tokens, i)?;
        let run = self.tokens.get(i..=last)?;
        let (first, end) = (run.first()?, run.last()?);
        let single = run.len() == 1;
        // A one-word town that names an eponym (`Glasgow`, as in Glasgow Coma Scale) is one only after a cue.
        let eponym = single && first.is(role::EPONYM_NAME);
        let excluded = if single {
            NOT_A_TOWN & !role::EPONYM_NAME
        } else {
            role::TITLE | role::CUE | role::LABEL | role::CREDENTIAL
        };
        if run.iter().any(|t| t.is(excluded) || self.found.overlap(t.start, t.end))
            || single && (self.vocabulary.is_lab(&first.key) || first.caps && (self.shouting || first.key.len() < 5))
            || super::name_rules::organisation(self.text, self.tokens, i, last)
            || super::name_rules::eponym(self.tokens, last)
            || self.text.get(first.start..end.end).is_some_and(|n| self.vocabulary.is_region(n))
        {
            return None;
        }
        // `Victoria Adetokunbo`, `Willowbrook Care Center`, `New York`: a word of another name; `North Berwick`,
        // `Nové Město na Moravě`: a longer name than the gazetteer's, which the name rules read whole.
        let joined_before = i > 0 && self.joins(i - 1, i);
        if self.capital_after(last) || joined_before || self.in_region(i, last) || self.connector_after(last) {
            return None;
        }
        let placed = || self.locative_before(i) || self.postcode_before(first.start) || self.country_after(end.end);
        if eponym {
            return placed().then_some(last);
        }
        let ordinary = |t: &Token| self.vocabulary.is_ordinary(&t.key) || t.is(role::CLINICAL);
        if !run.iter().all(ordinary) {
            return Some(last);
        }
        let placed = placed();
        let facility =
            self.tokens.get(last + 1).is_some_and(|n| !n.capital && n.is(role::ORGANIZATION) && self.same_name(end, n));
        let titled = self.titled(i);
        let rare = single
            && self.vocabulary.band(&first.key).is_some_and(|b| b >= RARE_BAND)
            && !self.sentence_start(first)
            && !titled;
        let several = !single && !titled;
        (placed || facility || rare || several).then_some(last)
    }

    /// After a locative cue (`Moved to`, `Transferred from`), the capitalised words of a place and the
    /// connectors inside it (`Santa Maria da Feira`), up to an organisation word (`… General`) or the line's end.
    pub(super) fn locative_run(&self, i: usize) -> Option<usize> {
        let t = self.tokens.get(i)?;
        let (a, b) = (self.tokens.get(i.checked_sub(2)?)?, self.tokens.get(i - 1)?);
        let cued =
            LOCATIVE_CUES.contains(&(a.key.as_str(), b.key.as_str())) && self.same_name(a, b) && self.same_name(b, t);
        if !cued || !t.capital || t.is(NOT_A_TOWN) || self.vocabulary.is_lab(&t.key) {
            return None;
        }
        let mut last = i;
        let mut k = i + 1;
        while let (Some(p), Some(n)) = (self.tokens.get(k - 1), self.tokens.get(k)) {
            let connector = !n.capital && PLACE_CONNECTORS.contains(&n.key.as_str());
            let word = n.capital && !n.is(role::ORGANIZATION | role::EPONYM);
            if !self.same_name(p, n) || !(connector || word) || k > i + 6 {
                break;
            }
            if word {
                last = k;
            }
            k += 1;
        }
        // `Transferred from Aveiro General`: a frequent word closing the run names the institution, not the town —
        // unless the gazetteer holds the whole run (`Born in Frankfurt am Main`).
        let town = self.vocabulary.towns().run_at(self.text, self.tokens, i).is_some_and(|t| t == last);
        while !town
            && last > i
            && self.tokens.get(last).is_some_and(|w| self.vocabulary.band(&w.key) == Some(COMMONEST))
        {
            last -= 1;
        }
        let region = self.text.get(t.start..self.tokens.get(last)?.end).is_some_and(|n| self.vocabulary.is_region(n));
        (!region).then_some(last)
    }

    /// Whether the run ends a state's or country's name of two or three words (`New York`, `North Carolina`).
    fn in_region(&self, i: usize, last: usize) -> bool {
        let end = self.tokens.get(last).map_or(0, |t| t.end);
        (1..=2).any(|back| {
            let Some(start) = i.checked_sub(back) else { return false };
            let joined = (start..last).all(|k| match (self.tokens.get(k), self.tokens.get(k + 1)) {
                (Some(a), Some(b)) => self.same_name(a, b),
                _ => false,
            });
            let from = self.tokens.get(start).map_or(0, |t| t.start);
            joined && self.text.get(from..end).is_some_and(|n| self.vocabulary.is_region(n))
        })
    }

    /// Whether a capitalised word follows the run on its line (`Reading Room`, `Long Beach Memorial`) that is not a
    /// state or country (`Long Beach California`): the run is part of another name.
    fn capital_after(&self, last: usize) -> bool {
        let (Some(a), Some(n)) = (self.tokens.get(last), self.tokens.get(last + 1)) else { return false };
        if !n.capital || !self.same_name(a, n) {
            return false;
        }
        let two = self.tokens.get(last + 2).and_then(|m| self.text.get(n.start..m.end));
        let region = |name: Option<&str>| name.is_some_and(|name| self.vocabulary.is_region(name));
        !(region(self.text.get(n.start..n.end)) || region(two))
    }

    /// Whether one or two lower-case connectors then a capitalised word follow the run on its line (`… nad
    /// Orlicí`, `… ob der Tauber`) — not an English preposition (`Split in June`).
    fn connector_after(&self, last: usize) -> bool {
        let english = |t: &Token| matches!(t.key.as_str(), "in" | "on" | "under");
        let connector = |k: usize| {
            self.tokens.get(k).is_some_and(|t| !t.capital && !english(t) && PLACE_CONNECTORS.contains(&t.key.as_str()))
        };
        let next_to = |k: usize| match (self.tokens.get(k), self.tokens.get(k + 1)) {
            (Some(a), Some(b)) => self.same_name(a, b),
            _ => false,
        };
        let capital = |k: usize| self.tokens.get(k).is_some_and(|t| t.capital);
        connector(last + 1)
            && next_to(last)
            && next_to(last + 1)
            && (capital(last + 2) || connector(last + 2) && next_to(last + 2) && capital(last + 3))
    }

    /// `in Reading`, `from Nice`: a lower-case locative word right before, itself not inside a title (`Results
    /// In Time`): the word before it, if capitalised inside a sentence, must be no ordinary word.
    fn locative_before(&self, i: usize) -> bool {
        let (Some(p), Some(t)) = (i.checked_sub(1).and_then(|k| self.tokens.get(k)), self.tokens.get(i)) else {
            return false;
        };
        !p.capital && LOCATIVE.contains(&p.key.as_str()) && self.same_name(p, t) && !self.titled(i - 1)
    }

    /// Whether token `i` follows a capitalised ordinary word inside a sentence (`Results In Time`, `The Old Man`):
    /// a title. A capital that opens the sentence (`Holiday in Split`) proves nothing.
    fn titled(&self, i: usize) -> bool {
        let previous = i.checked_sub(1).and_then(|k| self.tokens.get(k));
        self.title_case_before(i) && previous.is_some_and(|p| !self.sentence_start(p))
    }

    /// `26-118 Sochaczew`, `6092-448 Valbom`, `1012 AB Amsterdam`, `114 55 Stockholm`, `06000 Nice`: a postcode
    /// right before, on the same line.
    fn postcode_before(&self, start: usize) -> bool {
        let before = self.text.get(..start).unwrap_or_default();
        let trimmed = before.trim_end_matches([' ', '\t']);
        if !(1..=2).contains(&(before.len() - trimmed.len())) {
            return false;
        }
        let mut words = trimmed.rsplit(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ':'));
        let (Some(last), previous) = (words.next(), words.next()) else { return false };
        let pair = previous.is_some_and(|p| trimmed.ends_with(&format!("{p} {last}")) && postcode_pair(p, last));
        postcode_word(last) || pair
    }

    /// `Reading, United Kingdom`, `Nice, France`, `Bath, UK`, `Reading, PA`: a comma, then a country or a state.
    fn country_after(&self, end: usize) -> bool {
        let after = self.text.get(end..).unwrap_or_default();
        let Some(rest) = after.strip_prefix(',') else { return false };
        let rest = rest.trim_start_matches([' ', '\t']);
        let name = rest.split(['\n', ',', ';', '(', ')']).next().unwrap_or_default();
        let name = name.trim_end().trim_end_matches('.');
        let words: Vec<&str> = name.split_whitespace().take(3).collect();
        let state = words.first().is_some_and(|w| super::places::STATES.split('|').any(|s| s == *w));
        let name = words.join(" ");
        COUNTRY_NAMES.contains(&name.as_str()) || state || self.vocabulary.is_region(&name)
    }
}

/// Whether a word is a postcode by itself: four or five digits, `26-118`, `6092-448`.
fn postcode_word(word: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match word.split_once('-') {
        Some((a, b)) => (digits(a, 2) || digits(a, 4)) && digits(b, 3),
        None => digits(word, 4) || digits(word, 5),
    }
}

/// Whether two words are a postcode: `114 55`, `1012 AB`.
fn postcode_pair(a: &str, b: &str) -> bool {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|c| c.is_ascii_digit());
    digits(a, 3) && digits(b, 2) || digits(a, 4) && b.len() == 2 && b.bytes().all(|c| c.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::super::{Detector, Seeds};
    use super::*;
    use crate::redact::{Category, Sensitivity};

    fn found(detector: &Detector, text: &str, sensitivity: Sensitivity) -> Vec<(Category, String)> {
        let spans = detector.find(text, &Seeds::new(), sensitivity);
        spans.into_iter().map(|s| (s.category, text.get(s.start..s.end).unwrap_or_default().to_owned())).collect()
    }

    fn cities(detector: &Detector, text: &str) -> Vec<String> {
        let spans = found(detector, text, Sensitivity::RecallFirst);
        spans.into_iter().filter(|(c, _)| *c == Category::City).map(|(_, s)| s).collect()
    }

    #[test]
    fn the_gazetteer_reads_runs_as_the_tokenizer_writes_them() {
        let towns = Towns::builtin();
        for name in ["reading", "nice", "long beach", "san josé", "san jose", "kraków", "krakow", "st louis"] {
            assert!(towns.contains(name), "{name}");
        }
        assert!(towns.is_town("St. Louis") && towns.is_town("SAN JOSÉ") && towns.is_town("Frankfurt am Main"));
        // Countries, US states, two-letter names and the words more often written capitalised in lab text are out.
        for name in ["poland", "luxembourg", "california", "of", "central", "normal", "green", "male", "oral"] {
            assert!(!towns.contains(name), "{name}");
        }
        // Each line is its own key: what the build script writes is what the tokenizer reads (but for a line with
        // a combining mark, which only lower-casing made: `İmamoğlu` is read as one word, `i̇mamoğlu`).
        let combining = |l: &&str| l.chars().any(|c| ('\u{300}'..='\u{36F}').contains(&c));
        for line in TOWNS.lines().filter(|l| !l.starts_with('#') && !combining(l)) {
            let keys: Vec<String> = super::super::names::tokens(line).into_iter().map(|t| t.key).collect();
            assert_eq!(keys.join(" "), line);
        }
    }

    #[test]
    fn a_town_that_is_an_ordinary_word_is_a_place_where_the_text_shows_one() {
        let detector = Detector::new();
        for (text, town) in [
            ("Sample couriered from Reading this morning.", "Reading"),
            ("Patient lives near Bath with her son.", "Bath"),
            ("Holiday in Split in June.", "Split"),
            ("Moved to Nice, France last year.", "Nice"),
            ("Clinique du Port, 06000 Nice", "Nice"),
            ("Reading lab phoned about the sample.", "Reading"),
            ("Redraw at the Derby clinic tomorrow.", "Derby"),
            ("Reading, United Kingdom", "Reading"),
            ("She is from Oxford originally.", "Oxford"),
            ("Referred from Long Beach for review.", "Long Beach"),
            ("Long Beach lab phoned.", "Long Beach"),
            ("Born in Frankfurt am Main.", "Frankfurt am Main"),
            ("Moved to Den Haag.", "Den Haag"),
            ("Moved to Nové Město na Moravě last year.", "Nové Město na Moravě"),
            ("He flew in from St. Louis yesterday.", "St. Louis"),
            ("Sample from Springfield lab hemolysed.", "Springfield"),
        ] {
            assert_eq!(cities(&detector, text), [town], "{text}");
        }
        // A longer name than the gazetteer's is left to the name rules, which mask it whole.
        let spans = found(&detector, "Sample couriered from North Berwick.", Sensitivity::RecallFirst);
        assert_eq!(spans.iter().map(|(_, s)| s.as_str()).collect::<Vec<_>>(), ["North Berwick"]);
        // A town that names an eponym (`Glasgow Coma Scale`) is a place after a cue.
        assert_eq!(cities(&detector, "Sample flown in from Glasgow overnight."), ["Glasgow"]);
        // Safe Harbor keeps the country and the state.
        assert_eq!(found(&detector, "Moved to Nice, France.", Sensitivity::RecallFirst).len(), 1);
    }

    #[test]
    fn a_town_that_is_an_ordinary_word_stays_without_a_cue() {
        let detector = Detector::new();
        for text in [
            "Reading the result back to the nurse.",
            "Reading: 12 mmol/L.",
            "Nice to see the potassium normal.",
            "Split sample, aliquot sent.",
            "In Most cases the result is normal.",
            "Sent to Central processing in a Green top tube.",
            "BD Phoenix panel pending.",
            "Results In Time For Surgery",
            "Glasgow Coma Scale 15.",
            "Marburg virus excluded. Philadelphia chromosome detected. Lyme disease serology negative.",
            "Cleveland Clinic reference lab.",
            "Moved back to New York last year.",
            "Sodium na, potassium 4.1.",
            "Hemoglobin A1c in Blood by HPLC. Glucose in Serum or Plasma. Sodium in Urine.",
            "Sent to Reference lab, referred to Hematology, in Normal range.",
        ] {
            assert_eq!(found(&detector, text, Sensitivity::RecallFirst), [], "{text}");
        }
    }
}
