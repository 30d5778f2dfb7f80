//! People and the many ways their names are written: `Jane Doe`, `J. Doe`, `Doe, Jane A.`, `DOE^JANE`,
//! `jane doe`, `Doe` after a title. Each rendering is one name mention, hence one span.

use super::names::{FEMALE, MALE, RARE_FEMALE, RARE_MALE, RARE_SURNAMES, RELATIONS, SURNAMES};
use super::writer::Writer;

/// A person: given name, optional middle name, family name, and sex (for pronouns and titles).
#[derive(Debug, Clone)]
pub(super) struct Person {
    /// Given name as the person writes it.
    pub(super) given: &'static str,
    /// Middle name, written as an initial in most forms.
    pub(super) middle: Option<&'static str>,
    /// Family name.
    pub(super) family: &'static str,
    /// Female (she/her, Ms./Mrs.) or male (he/him, Mr.).
    pub(super) female: bool,
    /// The relation to the patient, for relatives (`daughter`).
    pub(super) relation: &'static str,
}

/// Credentials written after a clinician's name (outside the span).
const CREDENTIALS: &[&str] = &["MD", "M.D.", "DO", "MD, PhD", "NP", "PA-C", "MBBS", "MD, FACP", "FRCPath", "DNP"];

impl Person {
    /// A person of either sex; given and family name are each rare or invented about one time in eight.
    pub(super) fn random(w: &mut Writer) -> Person {
        let female = w.chance(50);
        Person::of_sex(w, female)
    }

    /// A person of the given sex.
    pub(super) fn of_sex(w: &mut Writer, female: bool) -> Person {
        let (common, rare) = if female { (FEMALE, RARE_FEMALE) } else { (MALE, RARE_MALE) };
        let given = if w.chance(13) { w.pick(rare) } else { w.pick(common) };
        let family = if w.chance(13) { w.pick(RARE_SURNAMES) } else { w.pick(SURNAMES) };
        let middle_list = if w.chance(50) { FEMALE } else { MALE };
        let middle = if w.chance(35) { Some(w.pick(middle_list)) } else { None };
        Person { given, middle, family, female, relation: "" }
    }

    /// A relative of the patient, with a relation matching the relative's sex.
    pub(super) fn relative(w: &mut Writer) -> Person {
        let (relation, female) = w.pick_or(RELATIONS, ("daughter", true));
        Person { relation, ..Person::of_sex(w, female) }
    }

    fn initial(name: &str) -> String {
        name.chars().next().map(|c| format!("{c}.")).unwrap_or_default()
    }

    /// `Jane Doe`.
    pub(super) fn full(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    /// `Doe, Jane` or `Doe, Jane A.`.
    pub(super) fn reversed(&self) -> String {
        match self.middle {
            Some(m) => format!("{}, {} {}", self.family, self.given, Person::initial(m)),
            None => format!("{}, {}", self.family, self.given),
        }
    }

    /// `DOE^JANE` or `DOE^JANE^A` (HL7 XPN: family, given, middle).
    pub(super) fn hl7(&self) -> String {
        let base = format!("{}^{}", self.family, self.given).to_uppercase();
        match self.middle.and_then(|m| m.chars().next()) {
            Some(c) => format!("{base}^{}", c.to_uppercase()),
            None => base,
        }
    }

    /// The name rendered in `form`; `None` for an unknown form. Forms that are not names (pronouns, titles,
    /// credentials) are written by [`Person::plain`].
    pub(super) fn name(&self, w: &mut Writer, form: &str) -> Option<String> {
        let name = match form {
            "full" => self.full(),
            "mid" => match self.middle {
                Some(m) => format!("{} {} {}", self.given, Person::initial(m), self.family),
                None => self.full(),
            },
            "midfull" => match self.middle {
                Some(m) => format!("{} {m} {}", self.given, self.family),
                None => self.full(),
            },
            "given" => self.given.to_owned(),
            "family" => self.family.to_owned(),
            "init" => format!("{} {}", Person::initial(self.given), self.family),
            "rev" => self.reversed(),
            "REV" => self.reversed().to_uppercase(),
            "UP" => self.full().to_uppercase(),
            "FAM" => self.family.to_uppercase(),
            "low" => self.full().to_lowercase(),
            "lowfam" => self.family.to_lowercase(),
            "lowgiven" => self.given.to_lowercase(),
            "hl7" => self.hl7(),
            "any" => {
                let form = w.pick(&["full", "full", "init", "rev", "mid"]);
                return self.name(w, form);
            }
            _ => return None,
        };
        Some(name)
    }

    /// Words about the person that are not identifiers; `None` for an unknown form.
    pub(super) fn plain(&self, w: &mut Writer, form: &str) -> Option<&'static str> {
        let (she, he) = match form {
            "title" => (if self.relation.is_empty() && w.chance(30) { "Mrs." } else { "Ms." }, "Mr."),
            "he" => ("she", "he"),
            "He" => ("She", "He"),
            "his" => ("her", "his"),
            "His" => ("Her", "His"),
            "him" => ("her", "him"),
            "man" => ("woman", "man"),
            "sex" => ("F", "M"),
            "Sex" => ("female", "male"),
            "relation" => (self.relation, self.relation),
            "cred" => {
                let credential = w.pick(CREDENTIALS);
                (credential, credential)
            }
            _ => return None,
        };
        Some(if self.female { she } else { he })
    }

    /// A plausible personal email address for the person (local part folded to ASCII).
    pub(super) fn email(&self, w: &mut Writer, domains: &[&'static str]) -> String {
        let given = ascii_fold(self.given);
        let family = ascii_fold(self.family);
        let first = given.chars().next().unwrap_or('x');
        let year = w.between(50, 99);
        let local = match w.below(7) {
            0 => format!("{given}.{family}"),
            1 => format!("{first}{family}"),
            2 => format!("{given}{family}{year}"),
            3 => format!("{family}.{given}"),
            4 => format!("{given}_{family}"),
            5 => format!("{first}.{family}{}", w.between(1, 9)),
            _ => format!("{given}{}", w.between(100, 999)),
        };
        format!("{local}@{}", w.pick(domains))
    }
}

/// Lower-case ASCII letters of a name: diacritics folded, spaces, hyphens and apostrophes dropped.
pub(super) fn ascii_fold(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .filter_map(|c| match c {
            'a'..='z' | '0'..='9' => Some(c),
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ą' | 'ā' => Some('a'),
            'é' | 'è' | 'ê' | 'ë' | 'ę' | 'ē' => Some('e'),
            'í' | 'ì' | 'î' | 'ï' | 'ı' | 'ī' => Some('i'),
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ő' => Some('o'),
            'ú' | 'ù' | 'û' | 'ü' | 'ű' | 'ū' => Some('u'),
            'ñ' | 'ń' | 'ņ' => Some('n'),
            'ç' | 'ć' | 'č' => Some('c'),
            'ł' => Some('l'),
            'ś' | 'ş' | 'š' => Some('s'),
            'ź' | 'ż' | 'ž' => Some('z'),
            'ğ' => Some('g'),
            _ => None,
        })
        .collect()
}
