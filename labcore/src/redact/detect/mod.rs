//! Finding identifiers in free text: shaped ones by regular expression ([`patterns`]), dates ([`dates`]), person
//! names ([`names`]), and the identifiers already known from the same record (seeds). Text is first folded —
//! zero-width, format and control characters dropped, look-alike letters of other scripts (Cyrillic `а`, full-width
//! `１`) read as Latin ones — so that `J\u{200B}ane`, `Jаne` and `SSN 123\0-45-6789` are found; spans are reported
//! in the original text (covering the characters dropped inside them).

mod cities;
pub(crate) mod dates;
mod folded;
mod name_context;
mod name_rules;
mod name_titles;
pub(crate) mod names;
mod numbers;
mod overlaps;
mod pasted;
mod patterns;
mod people;
mod places;
mod recall;
mod recall_first;
mod recall_shapes;
mod runs;
mod seeds;
#[cfg(test)]
mod test_support;
mod towns;
mod vocabulary;
mod words;

use regex::Regex;

use super::{Category, Sensitivity};
use dates::{DatePatterns, FoundDate};
use folded::Folded;
use overlaps::{Ranges, resolve_overlaps};
pub use seeds::Seeds;

/// An identifier found in text: its byte range in the original text, its category, and for a date its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) category: Category,
    pub(crate) date: Option<FoundDate>,
}

/// The compiled detector: patterns, date patterns and name lists, built once and shared.
pub(crate) struct Detector {
    patterns: patterns::Patterns,
    dates: DatePatterns,
    names: names::NameLists,
    cities: cities::Cities,
    own: Regex,
    hl7_types: super::hl7_types::Hl7Types,
    vocabulary: vocabulary::Vocabulary,
    recall_shapes: recall_shapes::RecallShapes,
    /// The social titles masked with the name they stand before (`deid/detector_words.txt`, `[honorifics]`).
    honorifics: crate::hash::FastSet<&'static str>,
    /// The titles masked with the name only when capitalised inside a sentence (`[honorifics_capitalised]`).
    capital_honorifics: crate::hash::FastSet<&'static str>,
    /// The generational suffixes masked with the name they follow (`[name_suffixes]`).
    suffixes: crate::hash::FastSet<&'static str>,
}

impl Detector {
    pub(crate) fn new() -> Detector {
        let tags: Vec<&str> = Category::ALL.iter().map(|c| c.tag()).collect();
        let tags = tags.join("|");
        // labcore's own placeholders and pseudonyms: never redacted again (redaction is idempotent).
        let lower = tags.to_ascii_lowercase();
        let own = patterns::compile(&format!(
            r"\[(?:{tags})-\d+\]|\b(?:{tags}|{lower})-[0-9a-f]{{16}}|\bredacted-(?:{lower})-\d+\b"
        ))
        .unwrap_or_else(never);
        let names = names::NameLists::builtin();
        let cities = cities::Cities::builtin(|word| names.is_word(word));
        let hl7_types = super::hl7_types::Hl7Types::builtin();
        Detector {
            patterns: patterns::Patterns::new(),
            dates: DatePatterns::new(),
            names,
            cities,
            own,
            hl7_types,
            vocabulary: vocabulary::Vocabulary::builtin(),
            recall_shapes: recall_shapes::RecallShapes::new(),
            honorifics: words::list("honorifics").collect(),
            capital_honorifics: words::list("honorifics_capitalised").collect(),
            suffixes: words::list("name_suffixes").collect(),
        }
    }

    /// Whether a value is too short to hold an identifier the search could find: at most three letters or digits
    /// (a code, a set ID, an initial) that are no seeded name part. Every identifier with a shape has at least
    /// four characters; a name that short is found only as a seed. Skipping the search matters for documents
    /// of many small values (each search costs a few microseconds however short the text).
    pub(crate) fn too_short(&self, text: &str, seeds: &Seeds) -> bool {
        let value = text.trim();
        value.chars().count() <= 3
            && value.chars().all(char::is_alphanumeric)
            && (seeds.names.is_empty() || !seeds.names.contains(&value.to_lowercase()))
    }

    /// The HL7 v2 data types, for redaction by type.
    pub(crate) fn hl7_types(&self) -> &super::hl7_types::Hl7Types {
        &self.hl7_types
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

    /// Every identifier in the text, without overlaps, in order; recall-first adds the probable names, places
    /// and international shapes of [`recall`] and [`recall_shapes`].
    pub(crate) fn find(&self, text: &str, seeds: &Seeds, sensitivity: Sensitivity) -> Vec<Span> {
        let folded = Folded::new(text);
        let view = folded.text();
        // HL7 segments pasted into the text: their fields by the HL7 rules, their PID as more seeds.
        let (pasted, more) = super::hl7_fields::embedded(&self.hl7_types, view);
        let merged;
        let seeds = match more {
            Some(more) => {
                merged = seeds.merged(&more);
                &merged
            }
            None => seeds,
        };
        let pasted: Vec<Span> =
            pasted.into_iter().map(|(start, end, category, date)| Span { start, end, category, date }).collect();
        let own: Vec<(usize, usize)> = self.own.find_iter(view).map(|m| (m.start(), m.end())).collect();
        let mut spans = self.unseeded(view);
        let mut tokens = names::tokens_around(view, &own);
        self.names.assign_roles(&mut tokens);
        let mut names = people::find(view, &tokens, &seeds.names);
        names.retain(|(start, end)| !recall::ordinary_words_only(&tokens, &self.vocabulary, *start, *end));
        spans.extend(names.into_iter().map(|(start, end)| Span { start, end, category: Category::Name, date: None }));
        spans.extend(seeds::seeded(view, seeds));
        if sensitivity == Sensitivity::RecallFirst {
            self.recall_first(view, &tokens, &mut spans);
        }
        // A pasted segment's fields are redacted field by field (a span across `^` would change its layout):
        // what other spans find there is kept only value by value, outside the fields' own identifiers.
        let mut spans = pasted::outside(spans, &pasted, view);
        whole_words(&mut spans, view);
        spans.extend(pasted);
        let own = Ranges::new(own);
        spans.retain(|s| !own.overlap(s.start, s.end));
        let mut spans = resolve_overlaps(spans, view);
        drop_names_after_street_titles(&mut spans, view);
        for span in &mut spans {
            span.start = folded.original(span.start);
            span.end = folded.original(span.end);
        }
        spans
    }

    /// What is found without seeds nor name rules: shaped identifiers, cued cities, dates.
    fn unseeded(&self, view: &str) -> Vec<Span> {
        let mut spans = self.shaped(view);
        let city = |(start, end, category)| Span { start, end, category, date: None };
        spans.extend(self.cities.find(view, &|name| self.precise_town(name)).into_iter().map(city));
        let date = |(start, end, date)| Span { start, end, category: Category::Date, date: Some(date) };
        spans.extend(self.dates.find(view).into_iter().map(date));
        spans
    }

    /// The identifiers with a shape (contact details, numbers after cues, addresses, ages).
    fn shaped(&self, text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let has_at = memchr::memchr(b'@', text.as_bytes()).is_some();
        let placed = self.patterns.place_gate.is_match(text);
        for pattern in &self.patterns.all {
            if pattern.category == Category::Email && !has_at || pattern.place && !placed {
                continue;
            }
            for (start, end) in matches(pattern, text) {
                let Some(found) = text.get(start..end) else { continue };
                if pattern.category == Category::Vehicle && !vin_like(found) && pattern.group == 0
                    || pattern.category == Category::Url && is_standard_url(found)
                    || pattern.category == Category::Ip && version_before(text, start)
                    // "90+" is what an age over 89 becomes: already general.
                    || pattern.category == Category::Age && text.get(end..).is_some_and(|r| r.starts_with('+'))
                    || !pattern.check.passes(found)
                {
                    continue;
                }
                let Some(length) = identifier_end(pattern.category, found) else { continue };
                out.push(Span { start, end: start + length, category: pattern.category, date: None });
            }
        }
        out
    }
}

/// The byte ranges of a pattern's identifier group in the text: `find_iter` when it is the whole match, else one
/// reused set of capture slots (allocating captures per match cost more than the search).
fn matches(pattern: &patterns::Pattern, text: &str) -> Vec<(usize, usize)> {
    pattern.regex.captures_iter(text).filter_map(|c| c.get(pattern.group)).map(|m| (m.start(), m.end())).collect()
}

/// Where a matched identifier ends: without the punctuation that closes a sentence (`MRN 123456.`); `None` for
/// a cued number too short to identify anyone (`Group 2`).
fn identifier_end(category: Category, text: &str) -> Option<usize> {
    if matches!(category, Category::Url | Category::Email) {
        return Some(text.len());
    }
    if category == Category::City && !places::plausible_city(text) {
        return None;
    }
    let trimmed = text.trim_end_matches(['.', '-', '/', ',', ' ']);
    let cued = matches!(
        category,
        Category::Mrn
            | Category::Account
            | Category::HealthPlan
            | Category::License
            | Category::Device
            | Category::OtherId
    );
    (!cued || trimmed.chars().filter(char::is_ascii_alphanumeric).count() >= 3).then_some(trimmed.len())
}

/// Widens each span to the whole words at its ends: a part of a token left beside a placeholder would leak what
/// the rest was and glue to the replacement ("2024-03-14T07:42912" is one timestamp, not a date and "912").
///
/// The starts are widened in order and the ends in reverse order, each scan stopping where the previous one began:
/// many spans inside one long word (a seed found a thousand times in a run of digits) cost the word once, not once
/// per span.
fn whole_words(spans: &mut [Span], text: &str) {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|i| spans.get(*i).map_or(0, |s| s.start));
    let mut known = None;
    for i in &order {
        let Some(span) = spans.get_mut(*i) else { continue };
        let widened = word_start(text, span.start, known);
        known = Some((span.start, widened));
        span.start = widened;
    }
    order.sort_by_key(|i| std::cmp::Reverse(spans.get(*i).map_or(0, |s| s.end)));
    let mut known = None;
    for i in &order {
        let Some(span) = spans.get_mut(*i) else { continue };
        let widened = word_end(text, span.end, known);
        known = Some((span.end, widened));
        span.end = widened;
    }
}

/// Where the word that ends at or runs through `at` starts (`at` itself after a character that is no letter or
/// digit); `known` is the answer for an earlier offset, taken over when the word reaches back to it.
fn word_start(text: &str, at: usize, known: Option<(usize, usize)>) -> usize {
    let Some(before) = text.get(..at) else { return at };
    let mut start = at;
    for c in before.chars().rev() {
        match known {
            Some((from, to)) if from == start => return to,
            _ if !c.is_alphanumeric() => return start,
            _ => start -= c.len_utf8(),
        }
    }
    known.filter(|(from, _)| *from == start).map_or(start, |(_, to)| to)
}

/// Where the word that starts at or runs through `at` ends; `known` is the answer for a later offset.
fn word_end(text: &str, at: usize, known: Option<(usize, usize)>) -> usize {
    let Some(after) = text.get(at..) else { return at };
    let mut end = at;
    for c in after.chars() {
        match known {
            Some((from, to)) if from == end => return to,
            _ if !c.is_alphanumeric() => return end,
            _ => end += c.len_utf8(),
        }
    }
    known.filter(|(from, _)| *from == end).map_or(end, |(_, to)| to)
}

/// Drops a name found only because a street address ended in an abbreviation that is also a title
/// ("786 Cottage Grove Dr. Second label printed"): the "Dr." was the street's.
fn drop_names_after_street_titles(spans: &mut Vec<Span>, text: &str) {
    let mut previous: Option<(Category, usize)> = None;
    spans.retain(|span| {
        let after_street = previous.is_some_and(|(category, end)| {
            category == Category::StreetAddress
                && text.get(..end).is_some_and(|t| t.trim_end_matches('.').ends_with("Dr"))
                && text
                    .get(end..)
                    .is_some_and(|t| t.starts_with('.') || text.get(..end).is_some_and(|t| t.ends_with('.')))
                && text.get(end..span.start).is_some_and(|gap| gap.trim_matches([' ', '.']).is_empty())
        });
        previous = Some((span.category, span.end));
        !(span.category == Category::Name && after_street)
    });
}

/// Whether an address-like number is a firmware or software version (`fw=9.5.7.110`, `"firmware":"6.6.16.139"`).
fn version_before(text: &str, start: usize) -> bool {
    let before = text.get(start.saturating_sub(16)..start).unwrap_or_default();
    let before =
        before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '=' | ':' | '"' | '\'' | 'v' | 'V'));
    let lower = before.to_ascii_lowercase();
    ["fw", "firmware", "version", "ver", "build", "rev", "software", "sw", "release"].iter().any(|w| lower.ends_with(w))
}

/// A regex that matches nothing (the fallback of a pattern that could not compile).
pub(crate) fn never() -> Regex {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str, seeds: &Seeds) -> Vec<(Category, String)> {
        let detector = Detector::new();
        detector
            .find(text, seeds, Sensitivity::RecallFirst)
            .into_iter()
            .map(|s| (s.category, text[s.start..s.end].to_owned()))
            .collect()
    }

    #[test]
    fn a_seeded_name_inside_an_organisation_is_found() {
        // Found by fuzzing: "Dept" ends an organisation's name, and the run "Doe Quorblax Zentavia Dept" was passed
        // over whole, the patient's own seeded names with it.
        let mut seeds = Seeds::new();
        seeds.add(Category::Name, "Quorblax");
        seeds.add(Category::Name, "Zentavia");
        let text = "Dept: Doe Quorblax Zentavia Dept: Doe";
        let names: Vec<String> = found(text, &seeds).into_iter().map(|(_, t)| t).collect();
        assert!(names.iter().any(|n| n.contains("Quorblax Zentavia")), "{names:?}");
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
    fn short_cued_numbers_and_lab_text_are_not_identifiers() {
        for text in ["Gleason 3+4=7 (Grade Group 2)", "order 250 mg", "Glucose 100 mg/dL 250", "ticket opened"] {
            assert_eq!(found(text, &Seeds::new()), Vec::new(), "{text}");
        }
    }

    #[test]
    fn a_street_ending_in_dr_does_not_title_the_next_sentence() {
        let text = "send results to new address 786 Cottage Grove Dr. Second label printed";
        assert_eq!(found(text, &Seeds::new()), [(Category::StreetAddress, "786 Cottage Grove Dr".to_owned())]);
    }

    #[test]
    fn control_characters_and_invisibles_do_not_hide_an_identifier() {
        let none = Seeds::new();
        let text = "SSN 123\u{0}-45-6789 on file";
        assert_eq!(found(text, &none), [(Category::Ssn, "123\u{0}-45-6789".to_owned())]);
        for hidden in
            ["\u{1}", "\u{7F}", "\u{AD}", "\u{2060}", "\u{FEFF}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{FE0F}"]
        {
            let text = format!("call 217-555{hidden}-0199 or Dr. Ja{hidden}ne Roe");
            let got = found(&text, &none);
            let phone = format!("217-555{hidden}-0199");
            let name = format!("Ja{hidden}ne Roe");
            assert_eq!(got, [(Category::Phone, phone), (Category::Name, name)], "{hidden:?}");
        }
        // A form feed breaks the line it is on: the words either side stay two words.
        assert_eq!(found("page 1\u{0C}MRN 00482913", &none), [(Category::Mrn, "00482913".to_owned())]);
    }

    #[test]
    fn tabs_and_surnames_that_are_words_after_a_cue() {
        let none = Seeds::new();
        assert_eq!(found("Pt: JANE\tSMITH", &none), [(Category::Name, "JANE\tSMITH".to_owned())]);
        for (text, name) in [("called Jane Doe at 09:12", "Jane Doe"), ("spoke with Mary Doe re redraw", "Mary Doe")] {
            assert_eq!(found(text, &none), [(Category::Name, name.to_owned())], "{text}");
        }
    }

    #[test]
    fn many_spans_in_one_word_and_many_pasted_segments_give_what_one_gives() {
        let mut seeds = Seeds::new();
        seeds.add(Category::Mrn, "00482913");
        let word = "00482913".repeat(2000);
        assert_eq!(found(&word, &seeds), [(Category::Mrn, word.clone())]);
        let lines: String = (0..500).map(|i| format!("PID|1||{:08}^^^NW^MR||DOE^JANE\nseen {:08}\n", i, i)).collect();
        let got = found(&lines, &Seeds::new());
        let mrns = got.iter().filter(|(c, _)| *c == Category::Mrn).count();
        assert_eq!(mrns, 1000, "each pasted MRN, and the same number in the next line");
    }

    #[test]
    fn own_placeholders_are_left_alone() {
        for text in ["[NAME-1] called from [PHONE-2]; MRN MRN-3f9a2c41d0e8b7a6", "Pt [NAME-1], SSN [SSN-1], [EMAIL-1]"]
        {
            assert_eq!(found(text, &Seeds::new()), Vec::new(), "{text}");
        }
    }
}
