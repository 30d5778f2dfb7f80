//! The regular expressions of the identifiers that have a shape: contact details, numbers with a cue word,
//! network addresses, street addresses, ZIP codes, ages over 89. The `regex` crate matches in time linear in
//! the text, whatever the text (no backtracking), so hostile input cannot stall detection.

use regex::{Regex, RegexSet};

use crate::redact::Category;

/// One pattern: its category and which capture group holds the identifier (0: the whole match).
pub(crate) struct Pattern {
    pub(crate) category: Category,
    pub(crate) regex: Regex,
    pub(crate) group: usize,
}

/// An identifier number after its cue word: `MRN: 00482913`, `Acct # A-77812`. The value must hold a digit.
fn cued(cues: &str) -> String {
    format!(
        r"(?i)\b(?:{cues})\s*(?:#|no\.?|num(?:ber)?\.?|id)?\s*[:#=]?\s*([A-Z0-9][A-Z0-9\-]{{2,24}}[0-9][A-Z0-9\-]*|[0-9][A-Z0-9\-]{{2,24}})\b"
    )
}

/// USPS state and territory abbreviations, for `City, ST 12345`.
pub(crate) const STATES: &str = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP";

/// State names, for `City, Illinois 62704`.
const STATE_NAMES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico";

/// Street designators (USPS Publication 28, appendix C1, the common ones).
const STREETS: &str = "street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|alley|aly|crescent|cres|route|rte|pike|plaza|plz";

/// The pattern table (category, regular expression, group).
fn table() -> Vec<(Category, String, usize)> {
    use Category as C;
    vec![
        (C::Email, r"(?i)\b[a-z0-9][a-z0-9._%+\-]*@[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}\b".into(), 0),
        (C::Url, r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\x22'\)\]]+[^\s<>\x22'\)\].,;:!?]".into(), 0),
        (C::Ip, r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b".into(), 0),
        (
            C::Ip,
            r"(?i)(?:\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}\b|\b(?:[0-9a-f]{1,4}:){1,7}:|::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}\b)".into(),
            0,
        ),
        (C::Ssn, r"\b\d{3}-\d{2}-\d{4}\b".into(), 0),
        (C::Ssn, r"(?i)\b(?:ssn|ss#|soc(?:ial)?\s*sec(?:urity)?(?:\s*(?:number|no\.?|#))?)\s*[:#]?\s*(\d{3}[\s\-]?\d{2}[\s\-]?\d{4})\b".into(), 1),
        (C::Fax, r"(?i)\bfax(?:\s*(?:number|no\.?|#))?\s*[:#]?\s*((?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-])\d{3}[\s.\-]?\d{4})\b".into(), 1),
        (
            C::Phone,
            r"(?i)(?:\+?\b1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b(?:\s*(?:x|ext\.?|extension)\s*\d{1,6}\b)?".into(),
            0,
        ),
        (C::Mrn, cued(r"mrn|mr#|mr\s*no|mr\s*number|medical\s+record(?:\s+number)?|med\s*rec|record\s*(?:number|no|#)|chart(?:\s*number)?|patient\s*(?:id|number|no)|pt\s*(?:id|number|no)|hospital\s*(?:number|no|#)|unit\s*number"), 1),
        (C::Account, cued(r"acct|account(?:\s*number)?|billing(?:\s*number)?|encounter(?:\s*number)?|visit\s*(?:number|no|#)|fin\s*[#:]|invoice"), 1),
        (C::HealthPlan, cued(r"member(?:\s*id)?|policy(?:\s*number)?|subscriber(?:\s*id)?|insurance(?:\s*id)?|medicare(?:\s*id)?|medicaid(?:\s*id)?|mbi|plan\s*id|health\s*plan(?:\s*id)?|group(?:\s*number)?|beneficiary(?:\s*id)?"), 1),
        (C::License, cued(r"licen[cs]e(?:\s*number)?|lic\s*[#:.]|driver'?s?\s*licen[cs]e|dl\s*[#:]|passport(?:\s*number)?|dea(?:\s*number)?|npi|certificate(?:\s*number)?|cert\s*[#:.]"), 1),
        (C::Vehicle, r"\b(?:[A-HJ-NPR-Z0-9]{17})\b".into(), 0),
        (C::Vehicle, r"(?i)\b(?:licen[cs]e\s*plate|plate|tag)\s*(?:#|no\.?|number)?\s*[:#]?\s*([A-Z0-9]{1,4}[\s\-]?[A-Z0-9]{2,5})\b".into(), 1),
        (C::Device, cued(r"serial(?:\s*number)?|s/n|sn\s*[#:]|device\s*(?:id|serial|#)|udi|implant\s*(?:id|serial|#)|pacemaker\s*(?:serial|id|#)|pump\s*(?:serial|id|#)"), 1),
        (C::OtherId, cued(r"accession(?:\s*number)?|acc\s*[#:.]|specimen\s*(?:id|number|#|no)|sample\s*(?:id|number|#|no)|requisition(?:\s*number)?|req\s*[#:.]|order\s*(?:number|no|#)|lab\s*(?:id|number)|case\s*(?:number|no|#)|barcode"), 1),
        (
            C::StreetAddress,
            format!(r"(?i)\b\d{{1,6}}[A-Z]?\s+(?:[NSEW]\.?\s+|north\s+|south\s+|east\s+|west\s+)?(?:[A-Za-z][A-Za-z'\-]*\.?\s+){{1,3}}(?:{STREETS})\b\.?(?:,?\s*(?:apt|apartment|suite|ste|unit|#|fl|floor|rm|room)\s*\.?\s*#?\s*[A-Z0-9\-]+)?"),
            0,
        ),
        (C::StreetAddress, r"(?i)\bp\.?\s*o\.?\s*box\s+\d{1,6}\b".into(), 0),
        (C::Zip, r"(?i)\b(?:zip|zip\s*code|zipcode|postal\s*code)\s*[:#]?\s*(\d{5}(?:-\d{4})?)\b".into(), 1),
        (C::Zip, format!(r"\b(?:{STATES}|{STATE_NAMES})\.?,?\s+(\d{{5}}(?:-\d{{4}})?)\b"), 1),
        // A city before a state and a ZIP code, or before a state written out ("Springfield, Illinois"): a
        // two-letter state alone is too often a degree ("Jane Doe, MD").
        (C::City, format!(r"\b((?:[A-Z][a-zA-Z'\.\-]+\s){{0,2}}[A-Z][a-zA-Z'\.\-]+),\s*(?:{STATES})\.?,?\s+\d{{5}}\b"), 1),
        (C::City, format!(r"\b((?:[A-Z][a-zA-Z'\.\-]+\s){{0,2}}[A-Z][a-zA-Z'\.\-]+),\s*(?:{STATE_NAMES})\b"), 1),
        (C::Age, r"(?i)\b((?:9\d|1[01]\d)(?:\s*(?:-|\s)\s*|)(?:years?|yrs?|y/o|yo|y\.o\.|y)(?:[\s\-]*old)?)(?:\b|\s|$)".into(), 1),
        (C::Age, r"(?i)\b(?:aged?|age:)\s*(9\d|1[01]\d)\b".into(), 1),
        (C::Age, r"\b((?:9\d|1[01]\d)[MF])\b".into(), 1),
    ]
}

/// The compiled patterns, and a set that says in one pass which of them can match a text.
pub(crate) struct Patterns {
    pub(crate) all: Vec<Pattern>,
    pub(crate) set: RegexSet,
}

impl Patterns {
    /// Compiles the table. The patterns are constants checked by a test; one that fails to compile is skipped.
    pub(crate) fn new() -> Patterns {
        let table = table();
        let all: Vec<Pattern> = table
            .iter()
            .filter_map(|(category, source, group)| {
                Some(Pattern { category: *category, regex: Regex::new(source).ok()?, group: *group })
            })
            .collect();
        let set = RegexSet::new(all.iter().map(|p| p.regex.as_str())).unwrap_or_else(|_| RegexSet::empty());
        Patterns { all, set }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        assert_eq!(Patterns::new().all.len(), table().len());
    }

    fn found(text: &str) -> Vec<(Category, String)> {
        let patterns = Patterns::new();
        let mut out = Vec::new();
        for p in &patterns.all {
            for c in p.regex.captures_iter(text) {
                if let Some(m) = c.get(p.group) {
                    out.push((p.category, m.as_str().to_owned()));
                }
            }
        }
        out
    }

    #[test]
    fn shapes() {
        let has = |text: &str, category: Category, value: &str| {
            let got = found(text);
            assert!(got.iter().any(|(c, v)| *c == category && v == value), "{text}: {got:?}");
        };
        has("mail jane.doe@example.org now", Category::Email, "jane.doe@example.org");
        has("see https://portal.example.com/r/88213.", Category::Url, "https://portal.example.com/r/88213");
        has("from 10.20.30.40 ok", Category::Ip, "10.20.30.40");
        has("host 2001:db8::8a2e:370:7334 up", Category::Ip, "2001:db8::8a2e:370:7334");
        has("SSN 123-45-6789", Category::Ssn, "123-45-6789");
        has("SSN: 123456789", Category::Ssn, "123456789");
        has("call (217) 555-0199 x12", Category::Phone, "(217) 555-0199 x12");
        has("Fax: 217-555-0100", Category::Fax, "217-555-0100");
        has("MRN: 00482913", Category::Mrn, "00482913");
        has("Acct# A-77812", Category::Account, "A-77812");
        has("12 Elm St Apt 4B, Springfield, IL 62704", Category::StreetAddress, "12 Elm St Apt 4B");
        has("12 Elm St Apt 4B, Springfield, IL 62704", Category::City, "Springfield");
        has("12 Elm St Apt 4B, Springfield, IL 62704", Category::Zip, "62704");
        has("a 93-year-old woman", Category::Age, "93-year-old");
        has("age 95", Category::Age, "95");
        has("VIN 1HGCM82633A004352", Category::Vehicle, "1HGCM82633A004352");
        has("pump S/N 4XT-77812", Category::Device, "4XT-77812");
        has("Pt 92F with", Category::Age, "92F");
    }

    #[test]
    fn lab_text_is_left_alone() {
        let text = "K 6.8 mmol/L, WBC 12.5 x10^3/uL, BP 120/80, titer 1:128, at 09:12, LOINC 2345-7, 45 yo, \
                    Glucose 100 mg/dL 250, Dr. Jane Doe, MD, temp 99 F, group A strep";
        assert_eq!(found(text), Vec::new());
    }
}
