//! Person names in free text: census name lists (given names and surnames, `labcore/deid/`), titles and cue words
//! ("Dr.", "Pt:", "called", "spoke with", "daughter"), the shapes of full names ("Jane Q. Doe", "DOE, JANE"), and
//! the names already known from the same record. A list of clinical and common words (`clinical_words.txt`)
//! keeps "White blood cells", "Will call" and "Gram stain" from being taken for names unless a title says so.

use crate::hash::{FastMap, FastSet};

/// The name lists, and the words of `clinical_words.txt` by its sections.
pub(crate) struct NameLists {
    given: FastSet<String>,
    surnames: FastSet<String>,
    /// Section A1 and B: clinical vocabulary (drugs, anatomy, findings, lab words, units): never a name alone,
    /// nor after a cue word; a title before it still makes a name.
    vocabulary: FastSet<String>,
    /// Section A3: common English words that are also rare names: not a name without a title or cue.
    pub(crate) common: FastSet<String>,
    /// Section A4: words that are also frequent names (brown, white, will): a name after a title or cue, or
    /// as the second word of a full name ("John Brown"), not alone.
    ambiguous: FastSet<String>,
    /// Section A2: names used as clinical terms (Gleason, Coombs, Apgar): not a probable name alone in the
    /// recall-first search.
    eponyms: FastSet<String>,
    /// The roles of the listed words (`super::words`).
    roles: FastMap<&'static str, u16>,
}

fn words(text: &str) -> FastSet<String> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_lowercase).collect()
}

/// The sections of `clinical_words.txt` (headed `# ==== A1 …`, `# ==== B …`).
fn sections(text: &str) -> [FastSet<String>; 4] {
    let mut out: [FastSet<String>; 4] = Default::default();
    let mut current: Option<usize> = None;
    for line in text.lines().map(str::trim) {
        if let Some(header) = line.strip_prefix("# ====") {
            let header = header.trim_start();
            current = match header.get(..2) {
                Some("A1") => Some(0),
                Some("A2") => Some(3), // eponyms: names except in eponym context, which EPONYM_NOUNS handles
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
        let [vocabulary, common, ambiguous, eponyms] = sections(include_str!("../../../deid/clinical_words.txt"));
        NameLists {
            given: words(include_str!("../../../deid/given_names.txt")),
            surnames: words(include_str!("../../../deid/surnames.txt")),
            vocabulary,
            common,
            ambiguous,
            eponyms,
            roles: super::words::roles(),
        }
    }

    /// Whether a lower-case word is clinical vocabulary or a common English word (not a place alone).
    pub(crate) fn is_word(&self, word: &str) -> bool {
        self.vocabulary.contains(word) || self.common.contains(word) || self.ambiguous.contains(word)
    }

    /// Gives each token the roles of its word.
    /// Also records, once per token, what the name lists and the clinical words say of it, so that the rules
    /// ask a bit instead of hashing the word again.
    pub(crate) fn assign_roles(&self, tokens: &mut [Token]) {
        use super::words::role;
        for token in tokens {
            let key = token.key.as_str();
            let mut flags = self.roles.get(key).copied().unwrap_or(0);
            for (yes, flag) in [
                (self.is_given(key), role::GIVEN),
                (self.is_surname(key), role::SURNAME),
                (self.vocabulary.contains(key), role::VOCABULARY),
                (self.common.contains(key), role::COMMON),
                (self.ambiguous.contains(key), role::AMBIGUOUS),
                (self.eponyms.contains(key), role::EPONYM_NAME),
            ] {
                if yes {
                    flags |= flag;
                }
            }
            token.roles = flags;
        }
    }

    /// The census lists hold A–Z only: `O'Brien` is `obrien`, and each part of `Smith-Jones` is looked up.
    fn listed(set: &FastSet<String>, key: &str) -> bool {
        if set.contains(key) {
            return true;
        }
        if key.bytes().all(|b| b.is_ascii_lowercase()) {
            return false; // nothing to fold or split
        }
        // The Census folds accents (Muñoz is MUNOZ) and drops apostrophes and hyphens.
        let plain: String = key.chars().filter(|c| c.is_alphabetic()).flat_map(fold_accent).collect();
        set.contains(&plain)
            || (key.contains('-')
                && key.split('-').all(|part| {
                    part.len() > 1 && set.contains(&part.chars().flat_map(fold_accent).collect::<String>())
                }))
    }

    fn is_given(&self, word: &str) -> bool {
        Self::listed(&self.given, word)
    }

    fn is_surname(&self, word: &str) -> bool {
        Self::listed(&self.surnames, word)
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
    /// Followed (after spaces or tabs) by a comma.
    pub(crate) comma: bool,
    /// Followed by a space and a digit ("May 3").
    pub(crate) day_after: bool,
    /// Its roles (`super::words::role`), once [`NameLists::assign_roles`] has run.
    pub(crate) roles: u16,
}

impl Token {
    /// Whether the token has a role (`super::words::role::TITLE`…).
    pub(crate) fn is(&self, role: u16) -> bool {
        self.roles & role != 0
    }
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
            capital: c.is_uppercase() || prefixed_capital(word),
            caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
            initial: letters.len() == 1 && after.starts_with('.'),
            comma: after.trim_start_matches([' ', '\t']).starts_with([',', '^']),
            roles: 0,
            day_after: after.strip_prefix(' ').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit())),
            key,
        });
    }
    out
}

/// A lower-case Latin letter without its accent (`ñ` → `n`, `ø` → `o`, `ß` → `ss`), as the Census lists write names.
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' | 'ǎ' | 'ạ' | 'ả' | 'ấ' | 'ầ' | 'ậ' | 'ắ' | 'ặ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ė' | 'ę' | 'ě' | 'ẹ' | 'ế' | 'ề' | 'ệ' | 'ễ' => "e",
        'ğ' | 'ģ' => "g",
        'ì'..='ï' | 'ī' | 'į' | 'ı' | 'ị' => "i",
        'ķ' => "k",
        'ł' | 'ľ' | 'ļ' => "l",
        'ñ' | 'ń' | 'ň' | 'ņ' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ő' | 'ơ' | 'ọ' | 'ố' | 'ồ' | 'ộ' | 'ớ' | 'ờ' | 'ợ' => "o",
        'œ' => "oe",
        'ř' | 'ŕ' => "r",
        'ś' | 'š' | 'ş' | 'ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' => "t",
        'þ' => "th",
        'ù'..='ü' | 'ū' | 'ů' | 'ű' | 'ų' | 'ư' | 'ụ' | 'ứ' | 'ừ' | 'ự' => "u",
        'ý' | 'ÿ' | 'ỳ' | 'ỹ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
}

/// A family name written with a lower-case prefix before a capital: `al-Khouri`, `d'Angelo`, `bin-Laden`.
fn prefixed_capital(word: &str) -> bool {
    let Some((prefix, rest)) = word.split_once(['-', '\'', '’']) else { return false };
    matches!(prefix, "al" | "el" | "ad" | "ud" | "bin" | "ben" | "abu" | "d" | "da" | "de" | "di" | "du" | "la" | "le")
        && rest.chars().next().is_some_and(char::is_uppercase)
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
        day_after: false,
        roles: 0,
        comma: after.trim_start_matches([' ', '\t']).starts_with(','),
    }
}
