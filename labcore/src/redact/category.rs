//! The kinds of identifier labcore removes: the 18 of HIPAA's Safe Harbor method, 45 CFR 164.514(b)(2)(i)(A)–(R),
//! split where the rule treats parts differently (a ZIP code's first three digits may stay; a state may stay).

use serde::Serialize;

/// A kind of identifier, with the Safe Harbor paragraph it falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// (A) Names of the patient, relatives, employers, household members (and, by labcore's policy, clinicians).
    Name,
    /// (B) A street address, post-office box or other location smaller than a city.
    StreetAddress,
    /// (B) A city, county, town or precinct.
    City,
    /// (B) A ZIP code (its first three digits may stay under Safe Harbor, unless the area is restricted).
    Zip,
    /// (B) Geocodes: latitude and longitude.
    Geocode,
    /// (C) A date (other than a year) related to the patient: birth, admission, discharge, service, death.
    Date,
    /// (C) An age over 89 (ages 90 and over are aggregated into "90+").
    Age,
    /// (D) A telephone number.
    Phone,
    /// (E) A fax number.
    Fax,
    /// (F) An email address.
    Email,
    /// (G) A Social Security number.
    Ssn,
    /// (H) A medical record number (also a patient identifier without a cue saying which).
    Mrn,
    /// (I) A health plan beneficiary number.
    HealthPlan,
    /// (J) An account number.
    Account,
    /// (K) A certificate or licence number (driver's licence, passport).
    License,
    /// (L) A vehicle identifier or serial number, licence plate.
    Vehicle,
    /// (M) A device identifier or serial number.
    Device,
    /// (N) A web URL.
    Url,
    /// (O) An IP address.
    Ip,
    /// (P) A biometric identifier (finger or voice print).
    Biometric,
    /// (Q) A full-face photograph or comparable image.
    Photo,
    /// (R) Any other unique identifying number, characteristic or code (an accession number, an order number).
    OtherId,
}

impl Category {
    /// Every category, in Safe Harbor order.
    pub const ALL: &'static [Category] = &[
        Category::Name,
        Category::StreetAddress,
        Category::City,
        Category::Zip,
        Category::Geocode,
        Category::Date,
        Category::Age,
        Category::Phone,
        Category::Fax,
        Category::Email,
        Category::Ssn,
        Category::Mrn,
        Category::HealthPlan,
        Category::Account,
        Category::License,
        Category::Vehicle,
        Category::Device,
        Category::Url,
        Category::Ip,
        Category::Biometric,
        Category::Photo,
        Category::OtherId,
    ];

    /// The stable snake_case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Category::Name => "name",
            Category::StreetAddress => "street_address",
            Category::City => "city",
            Category::Zip => "zip",
            Category::Geocode => "geocode",
            Category::Date => "date",
            Category::Age => "age",
            Category::Phone => "phone",
            Category::Fax => "fax",
            Category::Email => "email",
            Category::Ssn => "ssn",
            Category::Mrn => "mrn",
            Category::HealthPlan => "health_plan",
            Category::Account => "account",
            Category::License => "license",
            Category::Vehicle => "vehicle",
            Category::Device => "device",
            Category::Url => "url",
            Category::Ip => "ip",
            Category::Biometric => "biometric",
            Category::Photo => "photo",
            Category::OtherId => "other_id",
        }
    }

    /// The Safe Harbor paragraph of 45 CFR 164.514(b)(2)(i), `A` to `R`.
    pub const fn safe_harbor(self) -> char {
        match self {
            Category::Name => 'A',
            Category::StreetAddress | Category::City | Category::Zip | Category::Geocode => 'B',
            Category::Date | Category::Age => 'C',
            Category::Phone => 'D',
            Category::Fax => 'E',
            Category::Email => 'F',
            Category::Ssn => 'G',
            Category::Mrn => 'H',
            Category::HealthPlan => 'I',
            Category::Account => 'J',
            Category::License => 'K',
            Category::Vehicle => 'L',
            Category::Device => 'M',
            Category::Url => 'N',
            Category::Ip => 'O',
            Category::Biometric => 'P',
            Category::Photo => 'Q',
            Category::OtherId => 'R',
        }
    }

    /// The tag of this category's placeholders and pseudonyms (`NAME` in `[NAME-1]`).
    pub const fn tag(self) -> &'static str {
        match self {
            Category::Name => "NAME",
            Category::StreetAddress => "ADDRESS",
            Category::City => "CITY",
            Category::Zip => "ZIP",
            Category::Geocode => "GEO",
            Category::Date => "DATE",
            Category::Age => "AGE",
            Category::Phone => "PHONE",
            Category::Fax => "FAX",
            Category::Email => "EMAIL",
            Category::Ssn => "SSN",
            Category::Mrn => "MRN",
            Category::HealthPlan => "PLAN",
            Category::Account => "ACCOUNT",
            Category::License => "LICENSE",
            Category::Vehicle => "VEHICLE",
            Category::Device => "DEVICE",
            Category::Url => "URL",
            Category::Ip => "IP",
            Category::Biometric => "BIOMETRIC",
            Category::Photo => "PHOTO",
            Category::OtherId => "ID",
        }
    }

    /// Looks a category up by its snake_case name.
    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Looks a category up by its tag (`NAME`).
    pub fn from_tag(tag: &str) -> Option<Category> {
        Category::ALL.iter().copied().find(|c| c.tag() == tag)
    }

    /// Whether a word is one of labcore's placeholders or pseudonyms: `[NAME-1]`, `MRN-3f9a2c41d0e8b7a6`, or the
    /// forms used where brackets are not allowed (FHIR ids: `redacted-mrn-1`, `mrn-3f9a2c41d0e8b7a6`).
    ///
    /// ```
    /// use labcore::redact::Category;
    /// assert!(Category::is_placeholder("[NAME-12]") && Category::is_placeholder("mrn-3f9a2c41d0e8b7a6"));
    /// assert!(Category::is_placeholder("redacted-mrn-1"));
    /// assert!(!Category::is_placeholder("MRN-5550199") && !Category::is_placeholder("[NAME-]"));
    /// ```
    pub fn is_placeholder(word: &str) -> bool {
        let numbered =
            |suffix: &str| !suffix.is_empty() && suffix.len() <= 9 && suffix.bytes().all(|b| b.is_ascii_digit());
        if let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
            return tagged_suffix(inner, true).is_some_and(numbered);
        }
        if let Some(id) = word.strip_prefix("redacted-") {
            return tagged_suffix(id, false).is_some_and(numbered);
        }
        // A UUID written in place of one (`urn:uuid:` full URLs): its last group is labcore's mark.
        if word.len() == 36
            && word.ends_with(crate::redact::session::UUID_MARK)
            && word.as_bytes().get(8) == Some(&b'-')
        {
            return true;
        }
        let keyed = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        tagged_suffix(word, false).is_some_and(keyed)
    }
}

/// The part after `TAG-` when a word starts with a category's tag (upper case, or also lower case unless `exact`).
fn tagged_suffix(word: &str, exact: bool) -> Option<&str> {
    let (tag, suffix) = word.rsplit_once('-')?;
    let known = Category::ALL.iter().any(|c| {
        c.tag() == tag || !exact && c.tag().eq_ignore_ascii_case(tag) && tag.bytes().all(|b| b.is_ascii_lowercase())
    });
    known.then_some(suffix)
}

impl std::fmt::Display for Category {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eighteen_paragraphs_and_unique_names_and_tags() {
        let mut letters: Vec<char> = Category::ALL.iter().map(|c| c.safe_harbor()).collect();
        letters.dedup();
        assert_eq!(letters.iter().collect::<String>(), "ABCDEFGHIJKLMNOPQR");
        for c in Category::ALL {
            assert_eq!(Category::from_name(c.as_str()), Some(*c));
            assert_eq!(Category::from_tag(c.tag()), Some(*c));
        }
    }
}
