//! Person names in free text: census name lists (given names and surnames, `labcore/deid/`), titles and cue words
//! ("Dr.", "Pt:", "called", "spoke with", "daughter"), the shapes of full names ("Jane Q. Doe", "DOE, JANE"), and
//! the names already known from the same record. A list of clinical and common words (`clinical_words.txt`)
//! keeps "White blood cells", "Will call" and "Gram stain" from being taken for names unless a title says so.

use std::collections::HashSet;

/// Words that introduce a name whatever it is (titles and roles): "Dr. Okonkwo", "RN Fualaau", "Pt: Zyrelle".
const TITLES: &[&str] = &[
    "dr",
    "doctor",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "rn",
    "lpn",
    "np",
    "pa",
    "cna",
    "mt",
    "mls",
    "phlebotomist",
    "nurse",
    "pt",
    "patient",
    "name",
    "attn",
    "attention",
    "husband",
    "wife",
    "daughter",
    "son",
    "mother",
    "father",
    "sister",
    "brother",
    "spouse",
    "guardian",
    "caregiver",
    "partner",
    "signed",
    "aunt",
    "uncle",
    "grandson",
    "granddaughter",
    "niece",
    "nephew",
    "physician",
    "provider",
    "tech",
    "technologist",
];

/// Record-field labels that are never part of a name, even in capitals after a title ("Pt X, SSN ...").
const FIELD_LABELS: &[&str] = &[
    "ssn", "mrn", "dob", "acct", "account", "id", "tel", "phone", "fax", "email", "age", "sex", "zip", "npi", "dea",
    "addr", "address", "room", "bed", "ext", "pager", "cell", "mobile", "home", "work",
];

/// Words after which a name is likely but not certain: a capitalised word there is a name when a name list
/// knows it ("called Kelly" — but "called Pharmacy").
const CUES: &[&str] = &[
    "called",
    "call",
    "spoke",
    "notified",
    "informed",
    "paged",
    "per",
    "by",
    "to",
    "from",
    "with",
    "contact",
    "contacted",
    "verified",
    "reported",
    "told",
    "seen",
    "cc",
    "for",
    "and",
    "messaged",
    "emailed",
    "texted",
    "faxed",
];

/// Words that, after a capitalised word, show it is part of an eponym, not a person ("Gram stain").
const EPONYM_NOUNS: &[&str] = &[
    "stain",
    "test",
    "disease",
    "syndrome",
    "sign",
    "reaction",
    "lymphoma",
    "sarcoma",
    "tumor",
    "tumour",
    "method",
    "equation",
    "formula",
    "score",
    "scale",
    "criteria",
    "classification",
    "index",
    "anemia",
    "anaemia",
    "cell",
    "cells",
    "body",
    "bodies",
    "procedure",
    "agar",
    "medium",
    "media",
    "tube",
    "ratio",
];

/// The name lists, and the words of `clinical_words.txt` by its sections.
pub(crate) struct NameLists {
    given: HashSet<String>,
    surnames: HashSet<String>,
    /// Section A1 and B: clinical vocabulary (drugs, anatomy, findings, lab words, units): never a name alone,
    /// nor after a cue word; a title before it still makes a name.
    vocabulary: HashSet<String>,
    /// Section A3: common English words that are also rare names: not a name without a title or cue.
    common: HashSet<String>,
    /// Section A4: words that are also frequent names (brown, white, will): a name after a title or cue, or
    /// as the second word of a full name ("John Brown"), not alone.
    ambiguous: HashSet<String>,
}

fn words(text: &str) -> HashSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect()
}

/// The sections of `clinical_words.txt` (headed `# ==== A1 …`, `# ==== B …`).
fn sections(text: &str) -> [HashSet<String>; 3] {
    let mut out: [HashSet<String>; 3] = Default::default();
    let mut current: Option<usize> = None;
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix("# ====") {
            let header = header.trim_start();
            current = match header.get(..2) {
                Some("A1") => Some(0),
                Some("A2") => None, // eponyms: names except in eponym context, which EPONYM_NOUNS handles
                Some("A3") => Some(1),
                Some("A4") => Some(2),
                _ if header.starts_with('B') => Some(0),
                _ => None,
            };
        } else if let Some(set) =
            current.and_then(|i| out.get_mut(i)).filter(|_| !line.is_empty() && !line.starts_with('#'))
        {
            set.insert(line.to_lowercase());
        }
    }
    out
}

impl NameLists {
    /// The built-in lists (`labcore/deid/`).
    pub(crate) fn builtin() -> NameLists {
        let [vocabulary, common, ambiguous] = sections(include_str!("../../../deid/clinical_words.txt"));
        NameLists {
            given: words(include_str!("../../../deid/given_names.txt")),
            surnames: words(include_str!("../../../deid/surnames.txt")),
            vocabulary,
            common,
            ambiguous,
        }
    }

    /// The census lists hold A–Z only: `O'Brien` is `obrien`, and each part of `Smith-Jones` is looked up.
    fn listed(set: &HashSet<String>, key: &str) -> bool {
        if set.contains(key) {
            return true;
        }
        let plain: String = key.chars().filter(|c| c.is_alphabetic()).collect();
        set.contains(&plain) || (key.contains('-') && key.split('-').all(|part| part.len() > 1 && set.contains(part)))
    }

    fn is_given(&self, word: &str) -> bool {
        Self::listed(&self.given, word)
    }

    fn is_surname(&self, word: &str) -> bool {
        Self::listed(&self.surnames, word)
    }

    /// Clinical vocabulary: not a name even after a cue word.
    fn is_vocabulary(&self, word: &str) -> bool {
        self.vocabulary.contains(word)
    }

    /// Any word that is not a name without more evidence.
    fn is_clinical(&self, word: &str) -> bool {
        self.vocabulary.contains(word) || self.common.contains(word) || self.ambiguous.contains(word)
    }

    /// A word that, after a cue, may be a name (a frequent name that is also a word).
    fn is_ambiguous(&self, word: &str) -> bool {
        self.ambiguous.contains(word)
    }
}

/// A word of the text.
#[derive(Debug, Clone)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
    /// Lower case, possessive `'s` dropped.
    pub(crate) key: String,
    /// Starts with an upper-case letter.
    pub(crate) capital: bool,
    /// Every letter upper case (and at least two).
    pub(crate) caps: bool,
    /// One letter followed by a period (`J.`).
    pub(crate) initial: bool,
    /// Followed (after spaces) by a comma.
    pub(crate) comma: bool,
}

/// Splits text into words: letters with inner apostrophes and hyphens (`O'Brien`, `Smith-Jones`).
pub(crate) fn tokens(text: &str) -> Vec<Token> {
    tokens_around(text, &[])
}

/// Splits text into words, each `protected` byte range (labcore's own placeholders) becoming one opaque token
/// that is never a name nor a cue, so `[NAME-1], SSN` does not read as "Name: SSN".
pub(crate) fn tokens_around(text: &str, protected: &[(usize, usize)]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut protected = protected.iter().peekable();
    while let Some((start, c)) = chars.next() {
        while protected.next_if(|(_, end)| *end <= start).is_some() {}
        if let Some(&&(from, to)) = protected.peek().filter(|(from, _)| *from <= start) {
            out.push(opaque(text, from, to));
            while chars.next_if(|(i, _)| *i < to).is_some() {}
            continue;
        }
        if !c.is_alphabetic() {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, next)) = chars.peek() {
            let inner = matches!(next, '\'' | '’' | '-')
                && text.get(i + next.len_utf8()..).and_then(|r| r.chars().next()).is_some_and(char::is_alphabetic);
            if next.is_alphabetic() || inner {
                end = i + next.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        let word = text.get(start..end).unwrap_or_default();
        let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
        let after = text.get(end..).unwrap_or_default();
        let key = word.to_lowercase();
        let key = key.strip_suffix("'s").or_else(|| key.strip_suffix("’s")).unwrap_or(&key).to_owned();
        out.push(Token {
            start,
            end,
            capital: c.is_uppercase(),
            caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
            initial: letters.len() == 1 && after.starts_with('.'),
            comma: after.trim_start_matches(' ').starts_with(','),
            key,
        });
    }
    out
}

/// A token standing for a protected range: no key, not name-like.
fn opaque(text: &str, start: usize, end: usize) -> Token {
    let after = text.get(end..).unwrap_or_default();
    Token {
        start,
        end,
        key: String::new(),
        capital: false,
        caps: false,
        initial: false,
        comma: after.trim_start_matches(' ').starts_with(','),
    }
}

/// Finds name spans (byte ranges) in tokenised text; `seeds` are the lower-case name parts known from the record.
pub(crate) fn find(text: &str, tokens: &[Token], lists: &NameLists, seeds: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match name_at(text, tokens, i, lists, seeds) {
            Some((first, last)) => {
                let (Some(a), Some(b)) = (tokens.get(first), tokens.get(last)) else { break };
                spans.push((a.start, b.end));
                i = last + 1;
            }
            None => i += 1,
        }
    }
    spans
}

/// Whether a token can be part of a name at all: capitalised (or all capitals), or an initial.
fn nameish(t: &Token) -> bool {
    (t.capital || t.caps) && !FIELD_LABELS.contains(&t.key.as_str())
}

/// Whether the text between two tokens is only spaces (or a period after an initial).
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    text.get(a.end..b.start)
        .is_some_and(|gap| !gap.is_empty() && gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '.'))
}

/// The longest run of name-like words starting at `first` (at most four: given, middle, initial, family).
fn run(text: &str, tokens: &[Token], first: usize) -> usize {
    let mut last = first;
    while last + 1 < tokens.len() && last - first < 3 {
        let (Some(a), Some(b)) = (tokens.get(last), tokens.get(last + 1)) else { break };
        if !(adjacent(text, a, b) && nameish(b)) || a.comma {
            break;
        }
        last += 1;
    }
    last
}

/// The name (first and last token indices) starting at token `i`, if there is one.
fn name_at(
    text: &str,
    tokens: &[Token],
    i: usize,
    lists: &NameLists,
    seeds: &HashSet<String>,
) -> Option<(usize, usize)> {
    let t = tokens.get(i)?;
    if seeds.contains(&t.key) && t.key.chars().count() >= 2 {
        let mut last = i;
        while tokens.get(last + 1).is_some_and(|n| {
            seeds.contains(&n.key) && tokens.get(last).is_some_and(|p| adjacent(text, p, n) || p.comma)
        }) {
            last += 1;
        }
        return Some((i, last));
    }
    if !nameish(t) || t.initial && tokens.get(i + 1).is_none_or(|n| !nameish(n)) {
        return None;
    }
    let previous = i.checked_sub(1).and_then(|p| tokens.get(p));
    let strong = previous.is_some_and(|p| TITLES.contains(&p.key.as_str()));
    if let Some(pair) = comma_name(tokens, i, lists, strong) {
        return Some(pair);
    }
    let weak = previous.is_some_and(|p| CUES.contains(&p.key.as_str()));
    let last = run(text, tokens, i);
    let words: Vec<&Token> = tokens.get(i..=last)?.iter().collect();
    if eponym(tokens, last) {
        return None;
    }
    let listed = |w: &&Token| lists.is_given(&w.key) || lists.is_surname(&w.key);
    // After a title, anything name-like is a name, unless it is clinical vocabulary ("Pt: Hemolyzed").
    if strong && !words.iter().all(|w| lists.is_vocabulary(&w.key) && !w.caps) {
        return Some((i, last));
    }
    // After a cue word, a listed name that is not a common word ("called Kelly", "with Brown", not "to Pharmacy").
    let cue_known = |w: &&Token| listed(w) && (!lists.is_clinical(&w.key) || lists.is_ambiguous(&w.key));
    if weak && words.iter().any(cue_known) && !words.iter().any(|w| lists.is_vocabulary(&w.key)) {
        return Some((i, last));
    }
    // No cue: two or more words of a name's shape, the first a given name that is not a word, the others a
    // surname or an initial (a frequent name that is also a word may be the surname: "John Brown").
    let first_given = lists.is_given(&t.key) && !lists.is_clinical(&t.key) && t.key.chars().count() > 2;
    let rest_known = words
        .iter()
        .skip(1)
        .any(|w| w.initial || lists.is_surname(&w.key) && (!lists.is_clinical(&w.key) || lists.is_ambiguous(&w.key)));
    let vocabulary = words.iter().any(|w| lists.is_vocabulary(&w.key) || lists.common.contains(&w.key));
    (words.len() >= 2 && first_given && rest_known && !vocabulary).then_some((i, last))
}

/// `Doe, Jane` / `DOE, JANE Q`: a surname, a comma, a given name (after a title, any two name-like words).
fn comma_name(tokens: &[Token], i: usize, lists: &NameLists, titled: bool) -> Option<(usize, usize)> {
    let (a, b) = (tokens.get(i)?, tokens.get(i + 1)?);
    // The shape is strong evidence: the surname may be a word ("DOE"), the given name must be a clear one.
    let listed = lists.is_surname(&a.key)
        && lists.is_given(&b.key)
        && !lists.is_vocabulary(&a.key)
        && !lists.is_clinical(&b.key);
    if !(a.comma && nameish(a) && nameish(b) && (listed || titled)) {
        return None;
    }
    // A middle initial or name after the given name belongs to it.
    let last = match tokens.get(i + 2) {
        Some(c) if (c.initial || c.key.chars().count() == 1 && nameish(c)) && c.start.saturating_sub(b.end) <= 2 => {
            i + 2
        }
        _ => i + 1,
    };
    Some((i, last))
}

/// Whether the word after a run makes it an eponym ("Gram stain", "Hodgkin lymphoma").
fn eponym(tokens: &[Token], last: usize) -> bool {
    tokens.get(last + 1).is_some_and(|n| EPONYM_NOUNS.contains(&n.key.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, seeds: &[&str]) -> Vec<String> {
        let lists = NameLists::builtin();
        let seeds: HashSet<String> = seeds.iter().map(|s| s.to_lowercase()).collect();
        let tokens = tokens(text);
        find(text, &tokens, &lists, &seeds).into_iter().map(|(a, b)| text[a..b].to_owned()).collect()
    }

    #[test]
    fn cues_titles_shapes_and_seeds() {
        assert_eq!(names("Critical K called to RN Kelly Brown at 09:12", &[]), ["Kelly Brown"]);
        assert_eq!(names("per Dr. Zyrelle Okonkwo-Baptiste", &[]), ["Zyrelle Okonkwo-Baptiste"]);
        assert_eq!(names("Pt: DOE, JANE", &[]), ["DOE, JANE"]);
        assert_eq!(names("Report for DOE, JANE attached", &[]), ["DOE, JANE"]);
        assert_eq!(names("Spoke with John Smith about redraw", &[]), ["John Smith"]);
        assert_eq!(names("Pt Jane Roe, SSN on file", &[]), ["Jane Roe"]);
        assert_eq!(names("Pt X, SSN on file", &[]), ["X"]);
        assert_eq!(names("jane came back; doe agreed", &["Jane", "Doe"]), ["jane", "doe"]);
    }

    #[test]
    fn clinical_words_are_not_names() {
        for text in [
            "White blood cells elevated",
            "Will call back",
            "Gram stain negative",
            "Hodgkin lymphoma noted",
            "Glucose 105 mg/dL",
            "Brown urine",
        ] {
            assert_eq!(names(text, &[]), Vec::<String>::new(), "{text}");
        }
    }
}
