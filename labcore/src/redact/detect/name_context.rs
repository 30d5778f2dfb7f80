//! The context that makes a listed name that is also an ordinary word a name where it stands, for the recall-first
//! search ([`super::recall::Sweep`]): a verb only a person does after it (`Patience called back`, `Will phoned`),
//! an unknown family name after it (`Joy Obasanjo`), a family name after it in lower case after a cue (`spoke to
//! mats andreasson`), and a lower-case particle before a family name after a cue (`given to van Vliet`).

use super::names::Token;
use super::recall::{NOT_A_NAME, Sweep};
use super::words::role;

/// Capitalised listed names that may stand before the verb (`Mary Ann Hope called`).
const MAX_RUN: usize = 3;

/// Pronouns and determiners that the name lists also hold (`He`, `My`, `An` are given names somewhere): before a
/// verb or a cue they are what they usually are. A closed class, so a list in code.
const FUNCTION_WORDS: &[&str] = &[
    "he", "she", "it", "we", "they", "you", "me", "my", "him", "her", "his", "its", "our", "your", "their", "an",
    "the", "this", "that", "these", "those", "who", "whom", "which", "what", "so", "am", "be", "do", "can", "in", "to",
    "per", "re", "than", "any", "many", "else", "even", "ever", "soon", "said", "saw", "say", "see",
];

impl Sweep<'_> {
    /// `Patience called back`, `Jan phoned`, `Mark Dennis came in`: a capitalised given name of the name lists or a
    /// word no vocabulary knows, even an ordinary word or a month, with at most two more capitalised listed names
    /// after it, then a verb whose subject is a person (`deid/detector_words.txt`, `[person_verbs]`). Clinical
    /// words and lab terms never qualify.
    pub(super) fn named_by_verb(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        // A word no vocabulary knows (`Thembile`), but no compound of ordinary words (`Add-on declined`).
        let compound = t.key.contains('-') && self.vocabulary.is_compound(&t.key);
        let unknown = self.vocabulary.band(&t.key).is_none() && !t.is(role::CLINICAL) && !compound;
        let name = t.is(role::GIVEN) && !t.is(NOT_A_NAME & !role::MONTH) || unknown && !t.is(NOT_A_NAME);
        if !t.capital || t.caps || !name || !self.may_be_name(t, role::MONTH) || self.title_case_before(i) {
            return false;
        }
        let mut k = i;
        while k < i + MAX_RUN {
            let (Some(a), Some(b)) = (self.tokens.get(k), self.tokens.get(k + 1)) else { return false };
            if !self.same_name(a, b) {
                return false;
            }
            if b.is(role::PERSON_VERB) && !b.capital {
                return true;
            }
            let listed = b.is(role::GIVEN) || b.is(role::SURNAME);
            if !(b.capital && listed && self.may_be_name(b, 0)) {
                return false;
            }
            k += 1;
        }
        false
    }

    /// `Joy Obasanjo`, `Rose Juma`, `Jan Lindqvist`: a capitalised given name right before a capitalised word
    /// already read as a name, even when the given name is an ordinary word or a month; a listed family name there too mid-sentence (`Later
    /// Kiss Magdolna came in`: family name first).
    pub(super) fn given_before(&self, k: usize, of: usize) -> bool {
        let (Some(t), Some(o)) = (self.tokens.get(k), self.tokens.get(of)) else { return false };
        k + 1 == of
            && t.capital
            && !t.caps
            && o.capital
            && (t.is(role::GIVEN) || t.is(role::SURNAME) && !self.sentence_start(t) && !self.capital_before(k))
            && self.may_be_name(t, role::MONTH)
            && !t.day_after
            && self.same_name(t, o)
            && !self.found.overlap(t.start, t.end)
    }

    /// `spoke to mats andreasson`, `to ivy de grote`: after a lower-case cue, a lower-case given name of the lists
    /// (even an ordinary word) is a name when a lower-case family name that is no ordinary word follows it
    /// (lower-case particles between).
    pub(super) fn lower_given_then_surname(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        if t.capital || !t.is(role::GIVEN) || !self.may_be_name(t, 0) {
            return false;
        }
        let mut k = i + 1;
        while self.tokens.get(k).is_some_and(|p| p.is(role::PARTICLE) && !p.capital) && k <= i + 2 {
            k += 1;
        }
        let joined = (i + 1..=k).all(|j| match (self.tokens.get(j - 1), self.tokens.get(j)) {
            (Some(a), Some(b)) => self.same_name(a, b),
            _ => false,
        });
        let Some(s) = self.tokens.get(k) else { return false };
        let unknown =
            self.vocabulary.band(&s.key).is_none() && !s.is(role::CLINICAL) && !self.vocabulary.is_lab(&s.key);
        // Written all in lower case, as the name before it (`my iPhone` is no name).
        let lower = self.text.get(s.start..s.end).is_some_and(|w| !w.chars().any(char::is_uppercase));
        joined && lower && !s.is(NOT_A_NAME) && s.key.chars().count() >= 2 && unknown
    }

    /// `given to van Vliet`, `to van der Steen`: the lower-case particles right before a capitalised name, when
    /// what stands before them is no capitalised word (which would make them part of a longer name already read).
    pub(super) fn particles_before(&self, first: usize) -> usize {
        let Some(name) = self.tokens.get(first) else { return first };
        if !name.capital {
            return first;
        }
        let mut k = first;
        while k > 0 && k + 2 > first {
            let (Some(p), Some(next)) = (self.tokens.get(k - 1), self.tokens.get(k)) else { break };
            if !(p.is(role::PARTICLE) && !p.capital && self.same_name(p, next)) {
                break;
            }
            k -= 1;
        }
        let before = k.checked_sub(1).and_then(|j| self.tokens.get(j));
        let cued = before.is_some_and(|b| !b.capital && (b.is(role::CUE) || b.key == "to"));
        if k < first && cued { k } else { first }
    }

    /// `Biró I. Éva`, `Szabó D. Katalin`: the index of the capitalised name word after an initial that follows the
    /// name ending at `last`, on the same line.
    pub(super) fn initial_then_name(&self, last: usize) -> Option<usize> {
        let (a, i, b) = (self.tokens.get(last)?, self.tokens.get(last + 1)?, self.tokens.get(last + 2)?);
        let spaced = self.text.get(a.end..i.start) == Some(" ") && self.text.get(i.end..b.start) == Some(". ");
        let listed = b.is(role::GIVEN) || b.is(role::SURNAME) || self.vocabulary.band(&b.key).is_none();
        let name = b.capital && !b.caps && listed && self.may_be_name(b, 0) && !self.found.overlap(b.start, b.end);
        (a.capital && i.initial && i.capital && spaced && name).then_some(last + 2)
    }

    /// Whether the word before is capitalised mid-sentence on the same line (`reading The Old Man`).
    fn capital_before(&self, k: usize) -> bool {
        let (Some(p), Some(t)) = (k.checked_sub(1).and_then(|j| self.tokens.get(j)), self.tokens.get(k)) else {
            return false;
        };
        p.capital && self.same_name(p, t) && !self.sentence_start(p)
    }

    /// A word that may be a name by context: no title, cue, label, clinical word or lab term (whatever the roles
    /// in `allowed` say).
    fn may_be_name(&self, t: &Token, allowed: u16) -> bool {
        !t.is(NOT_A_NAME & !allowed)
            && !self.vocabulary.is_lab(&t.key)
            && t.key.chars().count() >= 2
            && !FUNCTION_WORDS.contains(&t.key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::swept;

    #[test]
    fn a_listed_name_before_a_verb_of_a_person_is_a_name() {
        assert_eq!(swept("Patience phoned twice about the potassium."), ["Patience"]);
        assert_eq!(swept("Hope rang the ward at noon."), ["Hope"]);
        assert_eq!(swept("Jan asked for a copy of the report."), ["Jan"]);
        assert_eq!(swept("Nomvuselo declined the repeat draw."), ["Nomvuselo"]);
        assert_eq!(swept("Will Carter stated he was fasting."), ["Will Carter"]);
        // Pronouns, lab words, ordinary words and compounds before such a verb stay.
        for text in [
            "He denies chest pain.",
            "She said the tube was lost.",
            "Add-on declined by the lab.",
            "Sample came back hemolysed.",
            "Grace period applies to the invoice.",
        ] {
            assert_eq!(swept(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn a_given_name_that_is_a_word_goes_with_the_family_name_after_it() {
        assert_eq!(swept("Later Comfort Mensah-Bonsu stopped by."), ["Comfort Mensah-Bonsu"]);
        assert_eq!(swept("Met Joy Okwuosa at the desk."), ["Joy Okwuosa"]);
        // A family name first, mid-sentence (Hungarian order).
        assert_eq!(swept("Afterwards Kiss Boglárka Hajnalka signed."), ["Kiss Boglárka Hajnalka"]);
        assert_eq!(swept("Met June Abernathy-Okafor at the desk."), ["June Abernathy-Okafor"]);
        assert_eq!(swept("Seen in June 2019, no change."), Vec::<&str>::new());
        // An initial inside the name.
        assert_eq!(swept("Afterwards Dombóvári K. Boglárka signed."), ["Dombóvári K. Boglárka"]);
        assert_eq!(swept("Troponin I. Repeat at 6."), Vec::<&str>::new());
        assert_eq!(swept("She is reading The Old Man and the Sea."), Vec::<&str>::new());
    }

    #[test]
    fn lower_case_names_and_particles_after_a_cue() {
        assert_eq!(swept("Result phoned to grace ndlovu-khumalo at 9."), ["grace ndlovu-khumalo"]);
        assert_eq!(swept("spoke to ivy de kroonenberg re redraw."), ["ivy de kroonenberg"]);
        assert_eq!(swept("Copy sent to van Wijngaarden."), ["van Wijngaarden"]);
        assert_eq!(swept("Copy sent to van der Heijden-Bos."), ["van der Heijden-Bos"]);
        assert_eq!(swept("Sent from my iPhone"), Vec::<&str>::new());
        assert_eq!(swept("Handed over to will review tomorrow."), Vec::<&str>::new());
    }
}
