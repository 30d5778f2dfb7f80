//! The word lists of name detection — titles and roles, cue words, credentials, particles, field labels,
//! organisation words, eponym nouns, months — read from `deid/detector_words.txt`, and the role flags each token
//! gets from them once, so that the rules ask a bit, not a list.

use crate::hash::FastMap;

/// The lists, as `deid/detector_words.txt` holds them (`[name]` headers, one word per line, `#` comments).
const LISTS: &str = include_str!("../../../deid/detector_words.txt");

/// The words of one list of `deid/detector_words.txt`.
pub(crate) fn list(name: &str) -> impl Iterator<Item = &'static str> + '_ {
    let header = format!("[{name}]");
    LISTS
        .lines()
        .map(str::trim)
        .skip_while(move |line| *line != header)
        .skip(1)
        .take_while(|line| !line.starts_with('['))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Role flags of a token (a word may have several: "signed" is a title and a cue).
pub(crate) mod role {
    pub(crate) const TITLE: u16 = 1;
    pub(crate) const CUE: u16 = 1 << 1;
    pub(crate) const LABEL: u16 = 1 << 2;
    pub(crate) const CREDENTIAL: u16 = 1 << 3;
    pub(crate) const PARTICLE: u16 = 1 << 4;
    pub(crate) const ORGANIZATION: u16 = 1 << 5;
    pub(crate) const EPONYM: u16 = 1 << 6;
    pub(crate) const ABBREVIATED: u16 = 1 << 7;
    pub(crate) const MONTH: u16 = 1 << 8;
    /// The role flags above (a word of the lists of this file).
    pub(crate) const ANY_ROLE: u16 = (1 << 9) - 1;
    /// Lexicon flags, from the name lists and `clinical_words.txt`.
    pub(crate) const GIVEN: u16 = 1 << 9;
    pub(crate) const SURNAME: u16 = 1 << 10;
    pub(crate) const VOCABULARY: u16 = 1 << 11;
    pub(crate) const COMMON: u16 = 1 << 12;
    pub(crate) const AMBIGUOUS: u16 = 1 << 13;
    /// A name used as a clinical term (`clinical_words.txt` section A2: Gleason, Coombs).
    pub(crate) const EPONYM_NAME: u16 = 1 << 14;
    /// Any word that is not a name without more evidence.
    /// A verb whose subject is a person (`[person_verbs]`: `phoned`, `came`): a list word, outside [`ANY_ROLE`]
    /// so that a word of this list alone is read as before.
    pub(crate) const PERSON_VERB: u16 = 1 << 15;
    pub(crate) const CLINICAL: u16 = VOCABULARY | COMMON | AMBIGUOUS;
}

/// Every listed word and its roles.
pub(crate) fn roles() -> FastMap<&'static str, u16> {
    let lists = [
        ("titles", role::TITLE),
        ("cues", role::CUE),
        ("field_labels", role::LABEL),
        ("credentials", role::CREDENTIAL),
        ("particles", role::PARTICLE),
        ("organization", role::ORGANIZATION),
        ("eponym_nouns", role::EPONYM),
        ("abbreviated", role::ABBREVIATED),
        ("months", role::MONTH),
        ("person_verbs", role::PERSON_VERB),
    ];
    let mut out: FastMap<&'static str, u16> = FastMap::default();
    for (name, flag) in lists {
        for word in list(name) {
            *out.entry(word).or_default() |= flag;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_there_and_lower_case() {
        for name in [
            "titles",
            "cues",
            "field_labels",
            "credentials",
            "particles",
            "organization",
            "eponym_nouns",
            "abbreviated",
            "months",
            "honorifics",
            "person_verbs",
            "honorifics_capitalised",
            "name_suffixes",
        ] {
            let words: Vec<&str> = list(name).collect();
            assert!(words.len() >= 5, "{name}: {words:?}");
            assert!(words.iter().all(|w| w.chars().all(|c| !c.is_uppercase())), "{name}");
        }
        let roles = roles();
        assert_eq!(
            roles.get("dr").map(|r| r & (role::TITLE | role::ABBREVIATED)),
            Some(role::TITLE | role::ABBREVIATED)
        );
        assert_eq!(roles.get("syndrome").map(|r| r & role::EPONYM), Some(role::EPONYM));
        assert_eq!(roles.get("may").map(|r| r & role::MONTH), Some(role::MONTH));
    }
}
