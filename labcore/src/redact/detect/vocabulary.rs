//! The vocabulary of the recall-first search: ordinary English words by frequency band (`deid/english_words.txt`,
//! from SCOWL) and the lab's own terms (every word of the built-in catalog's names, aliases, LOINC long names and
//! units), so that "is this capitalised word an ordinary word or a lab term?" is one lookup; and the gazetteer of
//! towns (`deid/towns.txt`, [`super::towns`]).

use super::towns::Towns;
use crate::hash::{FastMap, FastSet};

/// The word list, embedded at build time (no I/O at run time).
const ENGLISH: &str = include_str!("../../../deid/english_words.txt");

/// The most frequent band: function words and the commonest nouns and verbs ("the", "back", "came").
pub(crate) const COMMONEST: u8 = 10;

/// Ordinary words and lab terms.
pub(crate) struct Vocabulary {
    /// Each ordinary word and its SCOWL frequency band (10 the most common, then 20, 35, 40).
    bands: FastMap<&'static str, u8>,
    /// The lower-case words of the catalog's analyte names, aliases, LOINC long names and units.
    lab: FastSet<String>,
    /// Countries (`deid/countries.txt`) and US states, lower case: not identifiers under Safe Harbor.
    regions: FastSet<String>,
    /// The world's towns of 15,000 people or more (`deid/towns.txt`).
    towns: Towns,
}

impl Vocabulary {
    /// The built-in vocabulary.
    pub(crate) fn builtin() -> Vocabulary {
        Vocabulary { bands: bands(ENGLISH), lab: lab_terms(), regions: regions(), towns: Towns::builtin() }
    }

    /// The frequency band of a lower-case word, if it is an ordinary English word.
    pub(crate) fn band(&self, word: &str) -> Option<u8> {
        self.bands.get(word).copied()
    }

    /// The gazetteer of towns.
    pub(crate) fn towns(&self) -> &Towns {
        &self.towns
    }

    /// Whether a lower-case word is an ordinary English word.
    pub(crate) fn is_ordinary(&self, word: &str) -> bool {
        self.bands.contains_key(word)
    }

    /// Whether a lower-case word is made of ordinary words: parts joined by hyphens (`add-on`, `acid-fast`,
    /// `ckd-epi` with lab terms), or two frequent words of four letters or more run together (`crossmatch`).
    pub(crate) fn is_compound(&self, word: &str) -> bool {
        if word.contains('-') && word.len() <= 64 {
            return word.split('-').all(|p| p.is_empty() || self.is_ordinary(p) || self.is_lab(p));
        }
        let frequent = |w: &str| w.len() >= 4 && self.band(w).is_some_and(|b| b <= 35);
        // At most 24 letters: each split hashes its halves, which must cost a word, not a long run of letters.
        word.is_ascii()
            && (8..=24).contains(&word.len())
            && (4..=word.len().saturating_sub(4))
                .any(|k| word.get(..k).is_some_and(frequent) && word.get(k..).is_some_and(frequent))
    }

    /// Whether a name is a country's or a US state's (`United Kingdom`, `Illinois`), in any case.
    pub(crate) fn is_region(&self, name: &str) -> bool {
        let plain: Vec<&str> = name.split_whitespace().collect();
        self.regions.contains(&plain.join(" ").to_lowercase())
    }

    /// Whether a lower-case word is a word of the lab catalog (`hemoglobin`, `alt`, `mmol`).
    pub(crate) fn is_lab(&self, word: &str) -> bool {
        self.lab.contains(word) || word.contains('-') && word.split('-').all(|part| self.lab.contains(part))
    }
}

/// The words of `english_words.txt` under their `[band]` headers.
fn bands(text: &'static str) -> FastMap<&'static str, u8> {
    let mut out = FastMap::default();
    let mut band = 0u8;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            band = header.parse().unwrap_or(band);
            continue;
        }
        out.entry(line).or_insert(band);
    }
    out
}

/// The countries of `deid/countries.txt` and the US states, lower case.
fn regions() -> FastSet<String> {
    let countries = include_str!("../../../deid/countries.txt").lines().filter(|l| !l.starts_with('#'));
    let states = super::places::STATE_NAMES.split('|');
    countries.chain(states).map(|n| n.trim().to_lowercase()).filter(|n| !n.is_empty()).collect()
}

/// Every alphabetic word of the built-in catalog's names, aliases, LOINC long names and units, lower case.
fn lab_terms() -> FastSet<String> {
    let mut out = FastSet::default();
    let Ok(catalog) = crate::catalog::Catalog::builtin() else { return out };
    let mut add = |text: &str| {
        for word in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()) {
            out.insert(word.to_lowercase());
        }
    };
    for analyte in catalog.analytes() {
        add(analyte.display());
        add(analyte.canonical_unit().ucum());
        add(analyte.si_unit().ucum());
        analyte.aliases().iter().for_each(|a| add(a));
        analyte.loinc().iter().for_each(|t| add(&t.long_name));
        analyte.accepted_units().iter().for_each(|u| add(u.ucum()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_words_have_bands_and_names_do_not() {
        let v = Vocabulary::builtin();
        assert_eq!(v.band("the"), Some(COMMONEST));
        assert!(v.is_ordinary("users") && v.is_ordinary("called") && v.is_ordinary("sea"));
        for name in ["nicole", "kowalski", "okafor", "szabo", "yamamoto"] {
            assert!(!v.is_ordinary(name), "{name}");
        }
        assert!(v.is_lab("hemoglobin") && v.is_lab("potassium"));
        assert!(v.is_compound("crossmatch") && v.is_compound("add-on") && !v.is_compound("sayinchester"));
        assert!(v.is_region("United  Kingdom") && v.is_region("illinois") && !v.is_region("Gießen"));
    }
}
