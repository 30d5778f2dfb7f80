//! The regular expressions of the identifiers that have a shape: contact details, numbers with a cue word,
//! network addresses, street addresses, ZIP codes, ages over 89. The `regex` crate matches in time linear in
//! the text, whatever the text (no backtracking), so hostile input cannot stall detection.

use regex::Regex;

use super::numbers::Check;
use super::places::STATES;
use crate::redact::Category;

/// One pattern: its category and which capture group holds the identifier (0: the whole match).
pub(crate) struct Pattern {
    pub(crate) category: Category,
    pub(crate) regex: Regex,
    pub(crate) group: usize,
    /// What a match must pass besides the expression.
    pub(crate) check: Check,
    /// Run only on text that [`Patterns::place_gate`] says may hold an address or a place.
    pub(crate) place: bool,
}

/// An identifier after its cue word: `MRN: 00482913`, `Acct # A-77812`, `NY DL 211 553 604`, `lic. 041.340187`,
/// `driver's license IL H418-6361-4721`. The value has at most six letters before its first digit, may be
/// grouped by `-`, `.` or `/` (or by spaces between groups of digits), and may follow a state abbreviation.
///
/// The cue may be a key (`member_id=`, `"ssn": "`, `patient_mrn`), be followed by filler words (`number is`,
/// `, number`, `card`) and the value may be in parentheses or quotes.
fn cued(cues: &str) -> String {
    let cues = cues.replace(r"\s*", r"[\s_\-]*");
    let filler = r"(?:[\s_\-,]*(?:\#|no\.|num\.|(?:no|num|number|id|is|was|card|on\s+file|of|says|shows|reads)\b))*";
    format!(
        r"(?i)(?:\b|_)(?:{cues}){filler}[\x22']?\s*[:#=]?\s*[\x22'(]?\s*(?-i:(?:{STATES})\s+)?([A-Z]{{0,10}}-?[0-9][A-Z0-9.\-/]{{0,30}}(?:\s\d[0-9A-Z]{{1,8}}){{0,3}})\b"
    )
}

/// The pattern table (category, regular expression, group).
fn table() -> Vec<(Category, String, usize)> {
    use Category as C;
    let patterns = vec![
        (C::Email, r"(?i)\b[a-z0-9][a-z0-9._%+\-]*@[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}\b".into(), 0),
        (C::Url, r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\x22'\)\]]+[^\s<>\x22'\)\].,;:!?]".into(), 0),
        (C::Ip, r"\b(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b".into(), 0),
        (
            C::Ip,
            r"(?i)(?:\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,6}(?::[0-9a-f]{1,4}){1,6}\b|\b(?:[0-9a-f]{1,4}:){1,7}:|::(?:[0-9a-f]{1,4}:){0,5}[0-9a-f]{1,4}\b)".into(),
            0,
        ),
        (C::Ip, r"(?i)(?:\b|::)(?:[0-9a-f]{0,4}:){1,6}(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\b".into(), 0),
        (C::Ssn, r"\b\d{3}-\d{2}-\d{4}\b".into(), 0),
        (C::Ssn, r"(?i)(?:\b|_)(?:ssn|ss\#|social(?:\s*security)?|soc\s*sec(?:urity)?)(?:[\s_\-,]*(?:\#|no\.|(?:no|num|number|is|was|on\s+file|on\s+req)\b))*[\x22']?\s*[:#=]?\s*[\x22'(]?\s*(\d{3}[\s\-]?\d{2}[\s\-]?\d{4})\b".into(), 1),
        (C::Fax, r"(?i)\bfax(?:ed)?(?:\s*(?:number|no\.?|#|to|from))?\s*[:#]?\s*((?:\+?1[\s.\-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.\-]?)\d{3}[\s.\-]?\d{4})\b".into(), 1),
        (
            C::Phone,
            r"(?i)(?:\+?\b1[\s.\-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.\-])\d{3}[\s.\-]\d{4}\b(?:\s*(?:x|ext\.?|extension)\s*\d{1,6}\b)?".into(),
            0,
        ),
        // Ten digits run together, as a North American number is (NANP: area code and exchange start 2-9).
        (C::Phone, r"(?i)(?:\+?\b1[\s.\-]?)?\b[2-9]\d{2}[2-9]\d{6}\b(?:\s*(?:x|ext\.?|extension)\s*\d{1,6}\b)?".into(), 0),
        (C::Mrn, cued(r"mrn|mr#|mr\s*no|mr\s*number|medical\s+record(?:\s+number)?|med\s*rec|record\s*(?:number|no|#)|chart(?:\s*number)?|patient\s*(?:id|number|no|ref)|pt\s*ref|pt\s*(?:id|number|no)|hospital\s*(?:number|no|#)|unit\s*(?:number|no)"), 1),
        // "mrn 00722761 vs 963968": the second number too.
        (C::Mrn, cued(r"mrn\s*[A-Z]?\d+\s*vs"), 1),
        (C::Account, cued(r"acct|account(?:\s*number)?|billing(?:\s*number)?|encounter(?:\s*number)?|visit\s*(?:number|no|#)|fin|har|invoice|claim(?:\s*number)?|card|credit\s*card|guarantor\s*account"), 1),
        (C::HealthPlan, cued(r"member(?:\s*id)?|policy(?:\s*number)?|subscriber(?:\s*id)?|insurance(?:\s*id)?|medicare(?:\s*id)?|medicaid(?:\s*id)?|mbi|plan\s*id|health\s*plan(?:\s*id)?|group(?:\s*number)?|beneficiary(?:\s*id)?|sponsor(?:\s*id)?|recipient(?:\s*id)?|(?:dod\s*)?benefits|medicare\s*number"), 1),
        (C::License, cued(r"licen[cs]e(?:\s*number)?|lic\s*[#:.]|driver'?s?\s*licen[cs]e|(?-i:DL)|state\s*id(?:\s*card)?|id\s*card|passport(?:\s*number)?|dea(?:\s*number)?|npi|certificate(?:\s*number)?|cert\s*[#:.]"), 1),
        (C::Vehicle, r"\b(?:[A-HJ-NPR-Z0-9]{17})\b".into(), 0),
        (C::Device, cued(r"serial(?:\s*number)?|s/n|sn|device\s*(?:id|serial|#)|udi|implant\s*(?:id|serial|#)|(?:pacemaker|pump|transmitter|sensor|icd|stimulator|defibrillator)(?:\s*(?:serial|sn|s/n|id|#)\b)?"), 1),
        (C::OtherId, cued(r"accession(?:\s*number)?|acc\s*[#:.]|specimen\s*(?:id|number|#|no)|sample\s*(?:id|number|#|no)|container\s*(?:id|number|#|no)|tube\s*(?:id|#)|requisition(?:\s*number)?|req\s*[#:.]|order\s*(?:id\b|#|no\.?|number)|lab\s*(?:id|number|no)|case\s*(?:number|no|#)?|barcode|acc|requisition|req"), 1),
        (C::Age, r"(?i)\b((?:9\d|1[01]\d)(?:\s*(?:-|\s)\s*|)(?:years?|yrs?|y/o|yo|y\.o\.|y)(?:[\s\-]*old)?)(?:\b|\s|$)".into(), 1),
        (C::Age, r"(?i)\b(?:aged?|age:)\s*(9\d|1[01]\d)\b".into(), 1),
        (C::Age, r"\b((?:9\d|1[01]\d)[MF])\b".into(), 1),
        // "she is now 93 and lives alone", "mother, who is 92", "pt is 98" — not "glucose is 95 mg/dL".
        (C::Age, r"(?i)\b(?:pt|patient|she|he|who|mother|father|mom|dad|husband|wife|partner|son|daughter|sister|brother|aunt|uncle|grandmother|grandfather|friend|neighbou?r)\s+(?:is|was|turned|turns|will\s+be)\s+(?:now\s+)?(9\d|1[01]\d)(?:\s+(?:years?|yrs?|y/?o)\b|\s*$|\s*[.,;:)/]|\s+and\b|\s+\d)".into(), 1),
        // A record in a REST path (`GET /api/v2/patients/696151/results`).
        (C::Mrn, r"(?i)/(?:patients?|persons?|members?|mrns?|people)/([A-Za-z0-9][A-Za-z0-9\-]{3,24})\b".into(), 1),
        // Order, requisition and specimen numbers by their usual prefixes (`ORD9335716`, `REQ-555021`).
        (C::OtherId, r"(?i)\b(?:ord|req|spc|spm|acn|acc)[\-_]?(?:\d{4}[\-_])?\d{5,}\b".into(), 0),
        // An insurance's member id after the payer's name (`Insurance: Aetna, ID 7G33K48NX23`).
        (C::HealthPlan, r"(?i)\b(?:insurance|payer|plan|ins|coverage)\b[^.\n]{0,40}?\bID\b\s*[:#]?\s*([A-Z0-9][A-Z0-9\-]{5,24})".into(), 1),
    ];
    patterns
}

/// The compiled patterns. Each is run on its own: every one has a literal or a small DFA that scans hundreds of
/// megabytes a second, while a `RegexSet` of all of them cannot use prefilters and measured 200× slower.
pub(crate) struct Patterns {
    pub(crate) all: Vec<Pattern>,
    /// A word or shape without which no place pattern can match (a street designator, a ZIP code, a state, a
    /// place's key or cue): one scan that spares two dozen.
    pub(crate) place_gate: Regex,
}

impl Patterns {
    /// Compiles the table. The patterns are constants checked by a test; one that fails to compile is skipped.
    pub(crate) fn new() -> Patterns {
        let plain = table().into_iter().map(|(category, source, group)| (category, source, group, Check::None, false));
        let places = super::places::table()
            .into_iter()
            .map(|(category, source, group)| (category, source, group, Check::None, true));
        let numbers = super::numbers::table()
            .into_iter()
            .map(|(category, source, group, check)| (category, source, group, check, false));
        let all = plain
            .chain(numbers)
            .chain(places)
            .filter_map(|(category, source, group, check, place)| {
                Some(Pattern { category, regex: compile(&source)?, group, check, place })
            })
            .collect();
        let place_gate =
            compile(&super::places::gate()).unwrap_or_else(|| Regex::new("").unwrap_or_else(|_| super::never()));
        Patterns { all, place_gate }
    }
}

/// Compiles a pattern with ASCII word boundaries: `\b` between a letter or digit and anything else. Unicode
/// word boundaries would stop the lazy DFA at the first non-ASCII byte (an `é` in a name) and leave the rest of
/// the text to the much slower PikeVM; identifiers are ASCII, and the letters of names are matched by `\p{L}`.
pub(crate) fn compile(source: &str) -> Option<Regex> {
    Regex::new(&source.replace(r"\b", r"(?-u:\b)")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_compiles() {
        let count = table().len() + super::super::numbers::table().len() + super::super::places::table().len();
        assert_eq!(Patterns::new().all.len(), count);
        assert!(compile(&super::super::places::gate()).is_some());
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
        has("6 Allan Trail\nApt. 279, Woodville", Category::StreetAddress, "6 Allan Trail\nApt. 279");
        has("a 93-year-old woman", Category::Age, "93-year-old");
        has("age 95", Category::Age, "95");
        has("VIN 1HGCM82633A004352", Category::Vehicle, "1HGCM82633A004352");
        has("pump S/N 4XT-77812", Category::Device, "4XT-77812");
        has("S/N LZ4UMW.", Category::Device, "LZ4UMW");
        has("verified by NY DL 211 553 604; collector", Category::License, "211 553 604");
        has("driver's license IL H418-6361-4721)", Category::License, "H418-6361-4721");
        has("RN lic. 041.340187, witnessed", Category::License, "041.340187");
        has("Credit issued to HAR 686197824.", Category::Account, "686197824");
        has("Container ID BP81658354 received", Category::OtherId, "BP81658354");
        has("Fax to 5155550138 failed", Category::Fax, "5155550138");
        has("Callback 6187779033 ext 3764.", Category::Phone, "6187779033 ext 3764");
        has("from ::ffff:192.168.136.50.", Category::Ip, "::ffff:192.168.136.50");
        has("Pt 92F with", Category::Age, "92F");
    }

    #[test]
    fn lab_text_is_left_alone() {
        let text = "K 6.8 mmol/L, WBC 12.5 x10^3/uL, BP 120/80, titer 1:128, at 09:12, LOINC 2345-7, 45 yo, \
                    Glucose 100 mg/dL 250, Dr. Jane Doe, MD, temp 99 F, group A strep, order 250 mg";
        assert_eq!(found(text), Vec::new());
    }
}
