//! Cities named in prose without a street, state or ZIP code: a place from the gazetteer of US places
//! (`labcore/deid/us_places.txt`, GeoNames, 5,000 people or more) or a town of the world gazetteer that is no
//! ordinary word (`deid/towns.txt`, 15,000 people or more; the caller says which) right after a locative cue —
//! "lives in Baton Rouge", "brought in from Columbia", "moved to Sioux Falls", "sent from Szeged" — or after a
//! postcode (`26-118 Sochaczew`, `11611 Schwerin`: the postcode is found with it). The cue is what makes a
//! capitalised word a place; a place followed by another capitalised word (`Columbia University`, `Jackson
//! Memorial`) or by an eponym noun (`Cushing syndrome`) is taken for the name of something else.

use regex::Regex;

use super::{patterns, words};
use crate::hash::FastSet;
use crate::redact::Category;

/// Words after which a capitalised place name is a place.
const CUE: &str = r"(?i:\b(?:in|from|to|near|outside(?:\s+of)?|around|visiting|(?:moved|moving|relocated|relocating|travel(?:l?ed|l?ing)?|trip|drove|driving|flew|flying|went|going|returned|returning|transferred|headed)\s+(?:back\s+)?to)[ \t]+)";

/// A place in brackets after "home" (`Discharge to home (Pasadena) with`).
const HOME: &str = r"(?i:\bhome[ \t]*\()";

/// A place named as a site of ours or yours (`your Las Cruces location`, `our Boise office`).
const SITE_BEFORE: &str = r"(?i:\b(?:our|your|the)[ \t]+)";
const SITE_AFTER: &str =
    r"(?i:[ \t]+(?:location|office|branch|site|campus|clinic|draw station|service center|store)\b)";

/// A place with its country (`Hialeah, US` in a geolocation log line).
const COUNTRY: &str = r",[ \t]*(?:US|USA|U\.S\.A?\.|United States)\b";

/// A postcode before its town, at the start of a line or after a space or a comma: `26-118`, `6092-448`, `114 55`,
/// `1012 AB`, four or five digits (the longer shapes first: the alternation is leftmost-first).
const POSTCODE: &str = r"(?:^|[\s,;(])(\d{2}-\d{3}|\d{4}-\d{3}|\d{3}[ ]\d{2}|\d{4}[ ]?[A-Z]{2}|\d{4,5})[ \t]+";

/// Up to four capitalised words (`St.`, `Ft.` and `Mt.` allowed first).
const WORDS: &str = r"((?:(?:St|Ft|Mt)\.[ \t])?\p{Lu}[\p{L}'\-]*(?:[ \t]\p{Lu}[\p{L}'\-]*){0,3})";

/// The gazetteer and the cue pattern.
pub(crate) struct Cities {
    places: FastSet<String>,
    cued: Vec<Regex>,
    /// A postcode, then the words of a town (groups 1 and 2).
    postcoded: Regex,
    states: FastSet<&'static str>,
    /// The eponym nouns (`syndrome`, `disease`), read from the word lists once rather than per place found.
    eponyms: FastSet<&'static str>,
}

impl Cities {
    /// The built-in gazetteer; `is_word` rejects one-word places that are also clinical or common words.
    pub(crate) fn builtin(is_word: impl Fn(&str) -> bool) -> Cities {
        let places = include_str!("../../../deid/us_places.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter(|l| l.contains(' ') || !is_word(&l.to_lowercase()))
            .map(str::to_owned)
            .collect();
        let states = super::places::STATES.split('|').chain(super::places::STATE_NAMES.split('|')).collect();
        let sources = [
            format!("{CUE}{WORDS}"),
            format!("{HOME}{WORDS}\\)"),
            format!("{SITE_BEFORE}{WORDS}{SITE_AFTER}"),
            format!("{WORDS}{COUNTRY}"),
        ];
        let cued = sources.iter().map(|s| patterns::compile(s).unwrap_or_else(super::never)).collect();
        let postcoded = patterns::compile(&format!("(?m){POSTCODE}{WORDS}")).unwrap_or_else(super::never);
        Cities { places, cued, postcoded, states, eponyms: words::list("eponym_nouns").collect() }
    }

    /// The byte ranges of the cued places in `text` (and of the postcodes before them), with their category;
    /// `town` says whether a name is a town of the world gazetteer that the precise search may take.
    pub(crate) fn find(&self, text: &str, town: &dyn Fn(&str) -> bool) -> Vec<(usize, usize, Category)> {
        let mut found = Vec::new();
        for cued in &self.cued {
            for captures in cued.captures_iter(text) {
                let Some(run) = captures.get(1) else { continue };
                if let Some(length) = self.place_at(run.as_str(), text.get(run.end()..).unwrap_or_default(), town) {
                    found.push((run.start(), run.start() + length, Category::City));
                }
            }
        }
        for captures in self.postcoded.captures_iter(text) {
            let (Some(postcode), Some(run)) = (captures.get(1), captures.get(2)) else { continue };
            if let Some(length) = self.place_at(run.as_str(), text.get(run.end()..).unwrap_or_default(), town) {
                found.push((postcode.start(), postcode.end(), Category::Zip));
                found.push((run.start(), run.start() + length, Category::City));
            }
        }
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The length of the place that starts `run` (the capitalised words after a cue), if one does and what
    /// follows does not make it part of another name.
    fn place_at(&self, run: &str, after: &str, town: &dyn Fn(&str) -> bool) -> Option<usize> {
        let ends: Vec<usize> = word_ends(run);
        for (i, &end) in ends.iter().enumerate().rev() {
            let candidate = run.get(..end)?;
            if !self.places.contains(&expand(candidate)) && !town(candidate) {
                continue;
            }
            let next = run.get(end..).map(str::trim_start).filter(|r| !r.is_empty());
            return match next {
                // More capitalised words: a place only if a state follows (`Baton Rouge Louisiana`).
                Some(rest) if !self.states.iter().any(|s| state_first(rest, s)) => None,
                _ if i + 1 == ends.len() && eponym_follows(after, &self.eponyms) => None,
                _ => Some(end),
            };
        }
        None
    }
}

/// Whether `rest` starts with the state `state` as a whole word (`ME`, not the start of `MEDICAL`).
fn state_first(rest: &str, state: &str) -> bool {
    rest.strip_prefix(state).is_some_and(|after| !after.starts_with(char::is_alphanumeric))
}

/// Where each word of a run of words ends.
fn word_ends(run: &str) -> Vec<usize> {
    let mut ends: Vec<usize> = run.match_indices([' ', '\t']).map(|(i, _)| i).filter(|i| *i > 0).collect();
    ends.push(run.len());
    // `St. Louis`: the abbreviation alone is no place.
    ends.retain(|end| run.get(..*end).is_some_and(|w| !w.ends_with('.')));
    ends
}

/// The gazetteer's spelling of a place written with an abbreviation (`St. Louis` → `Saint Louis`).
fn expand(place: &str) -> String {
    for (short, long) in [("St. ", "Saint "), ("Ft. ", "Fort "), ("Mt. ", "Mount ")] {
        if let Some(rest) = place.strip_prefix(short) {
            return format!("{long}{rest}");
        }
    }
    place.to_owned()
}

/// Whether the next word is an eponym noun (`Cushing syndrome`, `Addison disease`).
fn eponym_follows(after: &str, eponyms: &FastSet<&'static str>) -> bool {
    let next: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
    !next.is_empty() && eponyms.contains(next.as_str())
}

impl super::Detector {
    /// Whether a name after a locative cue or a postcode is a town of the world gazetteer that the precise search
    /// takes: of several words, or of one that is no ordinary word, clinical word or lab term (`Szeged`, not
    /// `Reading`: the recall-first search judges those by their context).
    pub(super) fn precise_town(&self, name: &str) -> bool {
        let words = super::names::tokens(name);
        let plain = |w: &super::names::Token| {
            self.vocabulary.band(&w.key).is_none_or(|band| band >= 40)
                && !self.names.is_word(&w.key)
                && !self.vocabulary.is_lab(&w.key)
        };
        self.vocabulary.towns().is_town(name) && (words.len() > 1 || words.first().is_some_and(plain))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cities(text: &str) -> Vec<&str> {
        let cities = Cities::builtin(|w| ["normal"].contains(&w));
        let towns = ["szeged", "sochaczew", "schwerin", "stockholm"];
        let town = |name: &str| towns.contains(&name.to_lowercase().as_str());
        cities.find(text, &town).into_iter().filter_map(|(a, b, _)| text.get(a..b)).collect()
    }

    #[test]
    fn places_after_cues_are_found() {
        assert_eq!(cities("He lives independently in Baton Rouge, with help"), ["Baton Rouge"]);
        assert_eq!(cities("brought in by her partner from Columbia. Pt has"), ["Columbia"]);
        assert_eq!(cities("moved back to St. Louis last year"), ["St. Louis"]);
        assert_eq!(cities("in Baton Rouge Louisiana"), ["Baton Rouge"]);
        assert_eq!(cities("Discharge to home (Cedar Rapids) with his son"), ["Cedar Rapids"]);
        assert_eq!(cities("blood work at your Las Cruces location and"), ["Las Cruces"]);
        assert_eq!(cities("geoip ip=10.1.2.3 -> Ann Arbor, US (portal"), ["Ann Arbor"]);
        assert_eq!(cities("sample flown in from Szeged overnight"), ["Szeged"]);
    }

    #[test]
    fn a_town_after_its_postcode_is_found_with_the_postcode() {
        assert_eq!(cities("ul. Kwiatowa 12\n26-118 Sochaczew\nPoland"), ["26-118", "Sochaczew"]);
        assert_eq!(cities("Mohauptallee 2, 11611 Schwerin, Germany"), ["11611", "Schwerin"]);
        assert_eq!(cities("Box 12, 114 55 Stockholm"), ["114 55", "Stockholm"]);
        assert!(cities("WBC 11611 Cells; 26-118 Units").is_empty());
    }

    #[test]
    fn other_names_and_words_are_not_places() {
        assert!(cities("a fellow from Columbia University called").is_empty());
        assert!(cities("seen in Jackson Memorial ED").is_empty());
        assert!(cities("findings in Cushing syndrome").is_empty());
        assert!(cities("results in Normal range; Columbia without a cue").is_empty());
        assert!(cities("in ICU, in ED, in January").is_empty());
        assert!(cities("2 TUBES FROM SZEGED MEDICAL CENTER ACC 1").is_empty(), "ME is a state, MEDICAL is not");
    }

    fn found(detector: &super::super::Detector, text: &str) -> Vec<(Category, String)> {
        let spans = detector.find(text, &super::super::Seeds::new(), crate::redact::Sensitivity::Precise);
        spans.into_iter().map(|s| (s.category, text.get(s.start..s.end).unwrap_or_default().to_owned())).collect()
    }

    #[test]
    fn the_precise_search_takes_a_town_after_a_cue_or_a_postcode() {
        let detector = super::super::Detector::new();
        let precise = |text: &str| found(&detector, text);
        assert_eq!(precise("Sample flown in from Szeged overnight."), [(Category::City, "Szeged".to_owned())]);
        assert_eq!(
            precise("Kwiatowa 12\n26-118 Sochaczew\nPoland"),
            [(Category::Zip, "26-118".to_owned()), (Category::City, "Sochaczew".to_owned())]
        );
        // An ordinary word is left to the recall-first search, which reads its context.
        assert_eq!(precise("Sample couriered from Reading this morning."), []);
    }
}
