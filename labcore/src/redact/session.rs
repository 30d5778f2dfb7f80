//! One redaction run over one document: what replaces each identifier, the placeholders' numbering (the same
//! value gets the same `[NAME-n]` throughout the document), and the transformation report.

use std::collections::HashMap;

use serde::Serialize;

use super::detect::dates::FoundDate;
use super::{Category, Operation, Redactor};

/// One change made to the document: what kind of identifier, where, and what was done — never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Change {
    /// The kind of identifier.
    pub category: Category,
    /// What was done to it.
    pub operation: Operation,
    /// Where: a JSON pointer, an HL7 location (`PID[1]-5`) or a FHIRPath, and for free text the byte range in the
    /// original text (`/comments/0 bytes 12..22`).
    pub location: String,
}

/// The state of one run.
pub(crate) struct Session<'r> {
    pub(crate) redactor: &'r Redactor,
    /// Whose dates are shifted (the patient identifier when known).
    pub(crate) patient: String,
    /// The year against which "over 89" is judged.
    pub(crate) as_of_year: i32,
    numbers: HashMap<(Category, String), usize>,
    counts: HashMap<Category, usize>,
    pub(crate) changes: Vec<Change>,
}

/// How a replacement is written: in free text and most fields (`[NAME-1]`), as a FHIR id or in a URL
/// (`redacted-name-1`: letters, digits and hyphens only), or as a UUID (a `urn:uuid:` full URL and the references
/// to it), marked by its last group ([`UUID_MARK`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Text,
    Id,
    Uuid,
}

/// The last group of every UUID labcore writes in place of one (hexadecimal "labelled"), so that they are
/// recognised as its own.
pub(crate) const UUID_MARK: &str = "1abe11ed0000";

impl<'r> Session<'r> {
    pub(crate) fn new(redactor: &'r Redactor, patient: Option<&str>, as_of_year: i32) -> Session<'r> {
        Session {
            redactor,
            patient: patient.unwrap_or("").to_owned(),
            as_of_year,
            numbers: HashMap::new(),
            counts: HashMap::new(),
            changes: Vec::new(),
        }
    }

    /// Numbers new placeholders after those already in the input (`[NAME-3]`, `redacted-mrn-2`), so that a new
    /// name never takes the number of one redacted before: redacting a redacted document adds, it never merges.
    pub(crate) fn numbered_after(mut self, input: &str) -> Session<'r> {
        let bracketed = input.split('[').skip(1).filter_map(|rest| numbered(rest, ']'));
        let ids = input.split("redacted-").skip(1).filter_map(|rest| numbered(rest, ' '));
        let uuids = input.match_indices(UUID_MARK).filter_map(|(at, _)| uuid_numbered(input.get(..at)?));
        for (tag, number) in bracketed.chain(ids).chain(uuids) {
            if let Some(category) = Category::from_tag(&tag.to_ascii_uppercase()) {
                let count = self.counts.entry(category).or_insert(0);
                *count = (*count).max(number);
            }
        }
        self
    }

    /// What replaces `value` (`None`: kept), recording the change at `location`.
    pub(crate) fn replace(
        &mut self,
        category: Category,
        value: &str,
        date: Option<&FoundDate>,
        form: Form,
        location: impl FnOnce() -> String,
    ) -> Option<String> {
        if self.redactor.is_own(value) {
            return None; // already a placeholder or pseudonym: redaction is idempotent
        }
        let operation = self.redactor.policy.operation(category);
        let (replacement, done) = self.apply(operation, category, value, date, form);
        let replacement = replacement?;
        if replacement == value {
            return None;
        }
        self.changes.push(Change { category, operation: done, location: location() });
        Some(replacement)
    }

    /// Records a change made without a replacement value of the session's making (a narrative replaced whole).
    pub(crate) fn record(&mut self, category: Category, operation: Operation, location: String) {
        self.changes.push(Change { category, operation, location });
    }

    /// The replacement and the operation actually done (a generalisation that cannot apply masks instead).
    fn apply(
        &mut self,
        operation: Operation,
        category: Category,
        value: &str,
        date: Option<&FoundDate>,
        form: Form,
    ) -> (Option<String>, Operation) {
        let mask = |s: &mut Self| (Some(s.mask(category, value, form)), Operation::Mask);
        match operation {
            Operation::Keep => (None, Operation::Keep),
            Operation::Remove => (Some(String::new()), Operation::Remove),
            Operation::Mask => mask(self),
            Operation::Pseudonym => match &self.redactor.key {
                Some(key) if form == Form::Uuid => {
                    let mac = key.mac(&[b"uuid", category.tag().as_bytes(), normalize(category, value).as_bytes()]);
                    let hex: String = mac.iter().take(8).map(|b| format!("{b:02x}")).collect();
                    let uuid = format!(
                        "{}-{}-4{}-8{}-{UUID_MARK}",
                        hex.get(..8).unwrap_or_default(),
                        hex.get(8..12).unwrap_or_default(),
                        hex.get(12..15).unwrap_or_default(),
                        hex.get(13..16).unwrap_or_default()
                    );
                    (Some(uuid), operation)
                }
                Some(key) => {
                    (Some(pseudonym_form(&key.pseudonym(category.tag(), &normalize(category, value)), form)), operation)
                }
                None => mask(self),
            },
            Operation::ShiftDate => match (category, date, &self.redactor.key) {
                (Category::Date, Some(date), Some(key)) => {
                    let days = key.shift_days(&self.patient, self.redactor.policy.shift_days());
                    match date.shifted(days, self.as_of_year) {
                        Some(shifted) => (Some(shifted), operation),
                        None => mask(self),
                    }
                }
                _ => mask(self),
            },
            Operation::Generalize => match self.generalized(category, value, date) {
                Some(general) => (Some(general), operation),
                None => mask(self),
            },
        }
    }

    /// A date's year (unless the year shows an age over 89), `90+` for an age, a ZIP code's first three digits.
    fn generalized(&self, category: Category, value: &str, date: Option<&FoundDate>) -> Option<String> {
        match category {
            Category::Date => {
                // A year alone is what generalising gives: kept (redaction is idempotent).
                let year = match date {
                    Some(date) => date.year?,
                    None => value.trim().parse::<i32>().ok().filter(|_| value.trim().len() == 4)?,
                };
                (year > self.as_of_year - 90).then(|| year.to_string())
            }
            Category::Age => Some("90+".to_owned()),
            Category::Zip => Some(self.redactor.policy.zip3().generalize(value)),
            _ => None,
        }
    }

    /// The typed placeholder of a value: numbered by first appearance in the document.
    fn mask(&mut self, category: Category, value: &str, form: Form) -> String {
        let key = (category, normalize(category, value));
        let number = match self.numbers.get(&key) {
            Some(number) => *number,
            None => {
                let next = self.counts.get(&category).copied().unwrap_or(0) + 1;
                self.counts.insert(category, next);
                self.numbers.insert(key, next);
                next
            }
        };
        match form {
            Form::Text => format!("[{}-{number}]", category.tag()),
            Form::Id => format!("redacted-{}-{number}", category.tag().to_ascii_lowercase()),
            Form::Uuid => format!("{number:08}-{:04}-4000-8000-{UUID_MARK}", category_index(category)),
        }
    }
}

/// `TAG-12` at the start of `rest`, followed by `close` (or, for ids, by anything but a letter or digit).
fn numbered(rest: &str, close: char) -> Option<(String, usize)> {
    let (tag, after) = rest.split_once('-')?;
    if tag.is_empty() || tag.len() > 9 || !tag.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let end = after.get(digits..).and_then(|r| r.chars().next());
    let closed = if close == ']' { end == Some(']') } else { end.is_none_or(|c| !c.is_alphanumeric()) };
    (digits > 0 && closed).then(|| Some((tag.to_owned(), after.get(..digits)?.parse().ok()?))).flatten()
}

/// A category's position in [`Category::ALL`] (the second group of a UUID mask).
fn category_index(category: Category) -> usize {
    Category::ALL.iter().position(|c| *c == category).unwrap_or(0)
}

/// The tag and number of a UUID mask ending just before its mark (`00000003-0011-4000-8000-`).
fn uuid_numbered(before: &str) -> Option<(String, usize)> {
    let head = before.get(before.len().checked_sub(24)?..)?;
    let (number, rest) = head.split_once('-')?;
    let (index, rest) = rest.split_once('-')?;
    if rest != "4000-8000-" || number.len() != 8 || index.len() != 4 {
        return None;
    }
    let category = Category::ALL.get(index.parse::<usize>().ok()?)?;
    Some((category.tag().to_owned(), number.parse().ok()?))
}

/// A pseudonym as an id: lower case (FHIR ids are case-sensitive; lower case avoids look-alikes).
fn pseudonym_form(pseudonym: &str, form: Form) -> String {
    match form {
        Form::Text => pseudonym.to_owned(),
        Form::Id | Form::Uuid => pseudonym.to_ascii_lowercase(),
    }
}

/// The form two spellings of one identifier share: digits only for numbers (`(217) 555-0199` = `217.555.0199`),
/// a name's words in order of the alphabet (`DOE, JANE` = `Jane Doe`), lower case otherwise.
pub(crate) fn normalize(category: Category, value: &str) -> String {
    match category {
        Category::Phone | Category::Fax | Category::Ssn => value.chars().filter(char::is_ascii_digit).collect(),
        Category::Name => {
            let mut words: Vec<String> = value
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| w.chars().count() > 1)
                .map(str::to_lowercase)
                .collect();
            words.sort();
            words.join(" ")
        }
        _ => value.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect(),
    }
}
