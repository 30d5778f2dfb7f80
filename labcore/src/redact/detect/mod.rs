//! Finding identifiers in free text: shaped ones by regular expression ([`patterns`]), dates ([`dates`]), person
//! names ([`names`]), and the identifiers already known from the same record (seeds). Text is first folded —
//! zero-width characters dropped, look-alike letters of other scripts (Cyrillic `а`, full-width `１`) read as
//! Latin ones — so that `J\u{200B}ane` and `Jаne` are found; spans are reported in the original text.

pub(crate) mod dates;
pub(crate) mod names;
mod patterns;

use std::collections::HashSet;

use regex::Regex;

use super::Category;
use dates::{DatePatterns, FoundDate};

/// An identifier found in text: its byte range in the original text, its category, and for a date its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) category: Category,
    pub(crate) date: Option<FoundDate>,
}

/// Identifiers known from the record a text belongs to (the patient's name parts, MRN, phone…).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seeds {
    names: HashSet<String>,
    others: Vec<(Category, String)>,
}

impl Seeds {
    /// No seeds.
    pub fn new() -> Seeds {
        Seeds::default()
    }

    /// Adds a known identifier. A name is split into its parts (each found in any order and case); other
    /// identifiers are found as written or, for numbers, by their digits whatever the separators.
    pub fn add(&mut self, category: Category, value: &str) {
        let value = value.trim();
        if category == Category::Name {
            for word in value.split_whitespace().filter(|w| !Category::is_placeholder(w.trim_matches(','))) {
                let parts = names::tokens(word).into_iter().map(|t| t.key).filter(|k| k.chars().count() >= 2);
                self.names.extend(parts);
            }
        } else if Category::is_placeholder(value) {
            // Already redacted: nothing to look for.
        } else if value.chars().filter(char::is_ascii_alphanumeric).count() >= 4 {
            self.others.push((category, value.to_owned()));
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty() && self.others.is_empty()
    }
}

/// The compiled detector: patterns, date patterns and name lists, built once and shared.
pub(crate) struct Detector {
    patterns: patterns::Patterns,
    dates: DatePatterns,
    names: names::NameLists,
    own: Regex,
}

impl Detector {
    pub(crate) fn new() -> Detector {
        let tags: Vec<&str> = Category::ALL.iter().map(|c| c.tag()).collect();
        let tags = tags.join("|");
        // labcore's own placeholders and pseudonyms: never redacted again (redaction is idempotent).
        let lower = tags.to_ascii_lowercase();
        let own = Regex::new(&format!(
            r"\[(?:{tags})-\d+\]|\b(?:{tags}|{lower})-[0-9a-f]{{16}}\b|\bredacted-(?:{lower})-\d+\b"
        ))
        .unwrap_or_else(|_| never());
        Detector {
            patterns: patterns::Patterns::new(),
            dates: DatePatterns::new(),
            names: names::NameLists::builtin(),
            own,
        }
    }

    /// Whether a whole value is one of labcore's placeholders or pseudonyms (`[NAME-1]`, `MRN-3f9a…`).
    pub(crate) fn is_own(&self, value: &str) -> bool {
        Category::is_placeholder(value.trim())
    }

    /// The date a whole value is, if it is one (`1984-03-12`, `20261124074200-0500`).
    pub(crate) fn whole_date(&self, value: &str) -> Option<FoundDate> {
        let value = value.trim();
        self.dates.find(value).into_iter().find(|(start, end, _)| *start == 0 && *end == value.len()).map(|(_, _, d)| d)
    }

    /// Every identifier in the text, without overlaps, in order.
    pub(crate) fn find(&self, text: &str, seeds: &Seeds) -> Vec<Span> {
        let folded = Folded::new(text);
        let view = folded.text();
        let mut spans = self.shaped(view);
        spans.extend(self.dates.find(view).into_iter().map(|(start, end, date)| Span {
            start,
            end,
            category: Category::Date,
            date: Some(date),
        }));
        let own: Vec<(usize, usize)> = self.own.find_iter(view).map(|m| (m.start(), m.end())).collect();
        let tokens = names::tokens_around(view, &own);
        spans.extend(names::find(view, &tokens, &self.names, &seeds.names).into_iter().map(|(start, end)| Span {
            start,
            end,
            category: Category::Name,
            date: None,
        }));
        spans.extend(seeded(view, seeds));
        spans.retain(|s| !own.iter().any(|(a, b)| s.start < *b && *a < s.end));
        let mut spans = resolve_overlaps(spans);
        for span in &mut spans {
            span.start = folded.original(span.start);
            span.end = folded.original(span.end);
        }
        spans
    }

    /// The identifiers with a shape (contact details, numbers after cues, addresses, ages).
    fn shaped(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        for index in self.patterns.set.matches(text).iter() {
            let Some(pattern) = self.patterns.all.get(index) else { continue };
            for caps in pattern.regex.captures_iter(text) {
                let Some(m) = caps.get(pattern.group) else { continue };
                if pattern.category == Category::Vehicle && !vin_like(m.as_str()) && pattern.group == 0 {
                    continue;
                }
                if pattern.category == Category::Url && is_standard_url(m.as_str()) {
                    continue;
                }
                out.push(Span { start: m.start(), end: m.end(), category: pattern.category, date: None });
            }
        }
        out
    }
}

/// A regex that matches nothing (the fallback of a pattern that could not compile).
fn never() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| never())
}

/// Hosts of code systems, schemas and namespaces (`http://loinc.org`, `http://www.w3.org/1999/xhtml`): their URLs
/// name standards, not people, and stay.
const STANDARD_HOSTS: &[&str] = &[
    "w3.org",
    "hl7.org",
    "loinc.org",
    "snomed.info",
    "unitsofmeasure.org",
    "fhir.org",
    "nlm.nih.gov",
    "ihe.net",
    "ietf.org",
    "iso.org",
    "who.int",
    "cdc.gov",
    "nema.org",
    "ncpdp.org",
    "x12.org",
    "nucc.org",
    "cms.gov",
];

/// Whether a URL's host is a standards body's.
fn is_standard_url(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', ':', '?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    STANDARD_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// A 17-character VIN has letters and digits both (a 17-digit number or word is not one).
fn vin_like(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_digit()) && text.bytes().any(|b| b.is_ascii_uppercase())
}

/// The seeds' identifiers other than names: as written (ignoring case), or for numbers by their digits.
fn seeded(text: &str, seeds: &Seeds) -> Vec<Span> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (category, value) in &seeds.others {
        let needle = value.to_ascii_lowercase();
        let mut from = 0;
        while let Some(at) = lower.get(from..).and_then(|rest| rest.find(&needle)) {
            let start = from + at;
            out.push(Span { start, end: start + needle.len(), category: *category, date: None });
            from = start + needle.len().max(1);
        }
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 7 {
            out.extend(digit_runs(text).filter(|(_, _, d)| d.ends_with(&digits)).map(|(start, end, _)| Span {
                start,
                end,
                category: *category,
                date: None,
            }));
        }
    }
    out
}

/// Runs of digits with the separators numbers are written with (`(217) 555-0199`), and their digits.
fn digit_runs(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            while let Some(b) = bytes.get(i) {
                let separator = matches!(b, b' ' | b'-' | b'.' | b'(' | b')')
                    && bytes.get(i + 1).is_some_and(|n| n.is_ascii_digit() || *n == b' ' || *n == b'(');
                if b.is_ascii_digit() {
                    end = i + 1;
                } else if !separator {
                    break;
                }
                i += 1;
            }
            let digits: String =
                text.get(start..end).unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
            return Some((start, end, digits));
        }
        None
    })
}

/// Keeps, of overlapping spans, the longest (then the more specific category); the rest in text order.
fn resolve_overlaps(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end - s.start), priority(s.category)));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans {
        match out.last_mut() {
            Some(last) if span.start < last.end => {
                let longer = span.end - span.start > last.end - last.start;
                if longer
                    || (span.end - span.start == last.end - last.start
                        && priority(span.category) < priority(last.category))
                {
                    *last = span;
                } else if span.end > last.end && span.category == last.category {
                    last.end = span.end;
                }
            }
            _ => out.push(span),
        }
    }
    out
}

/// Lower wins a tie: specific identifiers before general ones.
fn priority(category: Category) -> u8 {
    match category {
        Category::Ssn | Category::Email | Category::Ip => 0,
        Category::Fax | Category::Mrn | Category::HealthPlan | Category::Account | Category::License => 1,
        Category::Device | Category::Vehicle | Category::OtherId | Category::Url => 2,
        Category::Date | Category::Age => 3,
        Category::Phone => 4,
        _ => 5,
    }
}

/// Text with zero-width characters dropped and look-alikes folded to ASCII, with the way back to the original.
struct Folded<'a> {
    original: &'a str,
    folded: Option<(String, Vec<usize>)>,
}

impl<'a> Folded<'a> {
    fn new(text: &'a str) -> Folded<'a> {
        if text.is_ascii() {
            return Folded { original: text, folded: None };
        }
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            if crate::value::is_invisible(c) {
                continue;
            }
            let folded = fold(c);
            for _ in 0..folded.len_utf8() {
                map.push(at);
            }
            out.push(folded);
        }
        map.push(text.len());
        Folded { original: text, folded: Some((out, map)) }
    }

    fn text(&self) -> &str {
        self.folded.as_ref().map_or(self.original, |(t, _)| t.as_str())
    }

    /// The original offset of a folded one (an end offset maps to the end of the original character).
    fn original(&self, at: usize) -> usize {
        match &self.folded {
            None => at,
            Some((_, map)) => map.get(at).copied().unwrap_or(self.original.len()),
        }
    }
}

/// A look-alike letter or digit of another script as its ASCII twin (Cyrillic and Greek capitals and lower case
/// that render like Latin ones, full-width forms); exotic spaces as a space.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'ο' => 'o',
        'α' => 'a',
        'ε' => 'e',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        'Υ' => 'Y',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, seeds: &Seeds) -> Vec<(Category, String)> {
        let detector = Detector::new();
        detector.find(text, seeds).into_iter().map(|s| (s.category, text[s.start..s.end].to_owned())).collect()
    }

    #[test]
    fn a_critical_call_note() {
        let text = "Critical K 6.8 mmol/L called to RN Kelly Brown at (217) 555-0199 on 03/14/2024 09:12, read back.";
        assert_eq!(
            found(text, &Seeds::new()),
            [
                (Category::Name, "Kelly Brown".to_owned()),
                (Category::Phone, "(217) 555-0199".to_owned()),
                (Category::Date, "03/14/2024 09:12".to_owned())
            ]
        );
    }

    #[test]
    fn hidden_and_seeded_identifiers() {
        let mut seeds = Seeds::new();
        seeds.add(Category::Name, "DOE^JANE");
        seeds.add(Category::Mrn, "00482913");
        seeds.add(Category::Phone, "217-555-0199");
        let text = "J\u{200B}ane D\u{043E}e (chart 00482913) phoned from 2175550199; doe, jane to call";
        let got = found(text, &seeds);
        assert!(got.contains(&(Category::Name, "J\u{200B}ane D\u{043E}e".to_owned())), "{got:?}");
        assert!(got.contains(&(Category::Mrn, "00482913".to_owned())), "{got:?}");
        assert!(got.contains(&(Category::Phone, "2175550199".to_owned())), "{got:?}");
        assert!(got.contains(&(Category::Name, "doe, jane".to_owned())), "{got:?}");
    }

    #[test]
    fn own_placeholders_are_left_alone() {
        for text in ["[NAME-1] called from [PHONE-2]; MRN MRN-3f9a2c41d0e8b7a6", "Pt [NAME-1], SSN [SSN-1], [EMAIL-1]"]
        {
            assert_eq!(found(text, &Seeds::new()), Vec::new(), "{text}");
        }
    }
}
