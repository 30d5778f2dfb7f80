//! Checks each loosely read field and builds a draft payload, reporting every problem as a finding.

use std::borrow::Cow;

use smol_str::SmolStr;

use chrono::{DateTime, FixedOffset};

use super::datetime::{self, Timestamp};
use super::model::{Demographics, Sex, Specimen, SpecimenKind, VendorRange};
use super::raw::{Extra, Extras, Listed, Node, RawPatient, RawSpecimen, Shaped};
use super::raw_payload::RawPayload;
use super::read_result::ResultsRead;
use crate::finding::Findings;
use crate::{FindingCode, JsonPointer, Panel, Phi, ReportedValue};

/// A payload read field by field; a field is `None` when it was absent or unusable (with a finding).
#[derive(Debug, Default)]
pub(crate) struct Draft {
    pub(crate) patient_id: Option<Phi<String>>,
    pub(crate) lab_id: Option<String>,
    pub(crate) panel: Option<Panel>,
    pub(crate) collected_at: Option<DateTime<FixedOffset>>,
    pub(crate) patient: Option<Demographics>,
    pub(crate) specimen: Option<Specimen>,
    pub(crate) results: Vec<ResultInput>,
    pub(crate) comments: Vec<Phi<String>>,
    /// The results are no patient's: the message is not production data, or the specimen is quality-control
    /// material (the reader's error finding says which). They are read and converted, but not flagged, derived
    /// from or delta-checked: a patient's reference intervals and critical limits do not apply to them.
    pub(crate) not_patient: bool,
}

impl Draft {
    /// The patient's age at collection, from the birth date and the collection date; the one age every
    /// age-dependent decision (catalog intervals, a FHIR range's `age`, eGFR) is made with. An age no living
    /// patient can have ([`MAX_AGE_YEARS`](crate::catalog::MAX_AGE_YEARS) or more) is no age: nothing is
    /// selected or computed from it (the finding is `knowledge::applicable`'s).
    pub(crate) fn patient_age(&self) -> Option<crate::catalog::Age> {
        self.age_at_collection().filter(|age| age.is_plausible())
    }

    /// The age at collection as the dates give it, plausible or not.
    pub(crate) fn age_at_collection(&self) -> Option<crate::catalog::Age> {
        let birth = self.patient.as_ref().and_then(|p| p.birth_date.as_ref()).map(|d| *d.expose());
        birth.zip(self.collected_at).and_then(|(b, c)| crate::catalog::Age::between(b, c.date_naive()))
    }
}

/// One result, read field by field.
#[derive(Debug, Default)]
pub(crate) struct ResultInput {
    pub(crate) index: usize,
    pub(crate) analyte: Option<SmolStr>,
    pub(crate) loinc: Option<SmolStr>,
    pub(crate) value: Option<ReportedValue>,
    pub(crate) unit: Option<SmolStr>,
    pub(crate) reference_range: Option<VendorRange>,
    pub(crate) flag: Option<SmolStr>,
    pub(crate) comment: Option<Phi<String>>,
    /// The result's status (HL7 OBX-11, FHIR `Observation.status`); labcore JSON does not carry one.
    pub(crate) status: Option<crate::ResultStatus>,
    /// What the sender said twice about this result (HL7 and FHIR only), compared with what was read when the
    /// result is normalised; boxed, since almost every result has none (and results are many).
    pub(crate) alternates: Option<Box<Alternates>>,
}

/// What a sender gave twice for one result.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Alternates {
    /// LOINC codes other than `loinc` (a second LOINC coding, an HL7 LOINC alternate, a repeated OBX-3).
    pub(crate) loinc: Vec<SmolStr>,
    /// Units other than `unit` (a repeated HL7 OBX-6).
    pub(crate) units: Vec<SmolStr>,
    /// A conflict the reader found (a value and a data-absent reason, two values, two statuses) leaves the
    /// value without a meaning: it is not normalised, flagged or derived from.
    pub(crate) withheld: bool,
}

impl Alternates {
    /// `None` when there is nothing, so that a result without any carries no allocation.
    pub(crate) fn boxed(self) -> Option<Box<Alternates>> {
        (!self.loinc.is_empty() || !self.units.is_empty() || self.withheld).then(|| Box::new(self))
    }
}

/// A text field's name (as in the payload, for messages and paths), its longest allowed length in bytes, and
/// whether it is free text (where line breaks and tabs are allowed; other control characters never are).
#[derive(Clone, Copy)]
pub(crate) struct Field {
    name: &'static str,
    max: usize,
    free_text: bool,
}

pub(crate) const fn field(name: &'static str, max: usize) -> Field {
    Field { name, max, free_text: false }
}

pub(crate) const fn free_text(name: &'static str, max: usize) -> Field {
    Field { name, max, free_text: true }
}

pub(super) fn owned_phi(text: Cow<'_, str>) -> Phi<String> {
    Phi::new(text.into_owned())
}

/// Empty, white space, or only invisible characters (a lone byte order mark, a zero-width space).
pub(crate) fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || crate::value::is_invisible(c))
}

/// Control characters have no place in codes and identifiers (and are how log and HL7 injection starts).
fn has_control(text: &str, free_text: bool) -> bool {
    // C0 controls and DEL are single bytes; C1 controls (U+0080–U+009F) are encoded as 0xC2 0x80–0x9F.
    let bytes = text.as_bytes();
    let c0 = |b: &u8| *b < 0x20 && !(free_text && matches!(b, b'\n' | b'\r' | b'\t')) || *b == 0x7f;
    bytes.iter().any(c0)
        || bytes.windows(2).any(|w| w.first() == Some(&0xC2) && w.get(1).is_some_and(|b| (0x80..=0x9F).contains(b)))
}

/// The longest free text labcore accepts in one comment.
pub(crate) const MAX_COMMENT: usize = 64 * 1024;
/// Value strings longer than this are kept as text without being read as numbers.
pub(crate) const MAX_VALUE_TEXT: usize = 4096;

/// Reads loosely parsed JSON into a draft, pushing findings.
pub(crate) struct Reader<'f> {
    pub(crate) findings: &'f mut Findings,
}

impl Reader<'_> {
    pub(crate) fn payload(&mut self, raw: RawPayload<'_, ResultsRead>) -> Draft {
        let root = JsonPointer::root();
        self.extras(&raw.extras, &root);
        let mut draft = Draft {
            patient_id: self.text(raw.patient_id.as_ref(), &root, field("patient_id", 128), true).map(owned_phi),
            lab_id: self.text(raw.lab_id.as_ref(), &root, field("lab_id", 128), true).map(Cow::into_owned),
            ..Draft::default()
        };
        draft.panel = self.panel(raw.test_type.as_ref(), &root);
        draft.collected_at = self.collected_at(raw.collected_at.as_ref(), &root);
        draft.patient = raw.patient.as_ref().and_then(|p| self.object(p, &root, "patient", Reader::patient));
        draft.specimen = raw.specimen.as_ref().and_then(|s| self.object(s, &root, "specimen", Reader::specimen));
        self.results(raw.results, &root);
        self.findings.append(raw.sink.findings);
        draft.results = raw.sink.results;
        draft.comments = self.comments(raw.comments.as_ref(), &root);
        draft
    }

    pub(super) fn extras(&mut self, extras: &Extras, at: &JsonPointer) {
        for extra in &extras.keys {
            match extra {
                Extra::Unknown(key) => {
                    let hint = key.suggestion.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
                    let message = format!("unknown field (member {} of this object) is ignored{hint}", key.position);
                    self.findings.push(FindingCode::UnknownField, *at, message);
                }
                Extra::Duplicate(name) => {
                    let message = format!("`{name}` appears more than once in this object; the first value was used");
                    self.findings.push(FindingCode::DuplicateField, at.key(name), message);
                }
            }
        }
    }

    /// A string field: absent and `null` are missing; other types, empty and over-long strings are findings.
    /// Returns the trimmed text, borrowed from the input.
    pub(super) fn text<'n>(
        &mut self,
        node: Option<&'n Node<'_>>,
        parent: &JsonPointer,
        field: Field,
        required: bool,
    ) -> Option<Cow<'n, str>> {
        match node {
            None | Some(Node::Null) => {
                if required {
                    let message = format!("`{}` is required", field.name);
                    self.findings.push(FindingCode::MissingField, parent.key(field.name), message);
                }
                None
            }
            Some(Node::Str(s)) => self.check_text(s, parent, field, required).map(Cow::Borrowed),
            Some(other) => {
                let (name, got) = (field.name, other.json_type().as_str());
                let message = format!("`{name}` must be a string, not {got}");
                self.findings.push(FindingCode::InvalidType, parent.key(name), message);
                None
            }
        }
    }

    /// Checks a string's length, blankness and control characters; returns it trimmed.
    pub(crate) fn check_text<'s>(
        &mut self,
        s: &'s str,
        parent: &JsonPointer,
        field: Field,
        required: bool,
    ) -> Option<&'s str> {
        let Field { name, max, free_text } = field;
        // The common case, one pass: short printable ASCII (spaces, and tabs or line breaks in free text).
        let printable = |b: &u8| (0x20..0x7f).contains(b) || (free_text && matches!(b, b'\n' | b'\r' | b'\t'));
        // Folded without an early exit: no branch per byte (the loop vectorises), and the answer is nearly always yes.
        if s.len() <= max && s.as_bytes().iter().fold(true, |all, b| all & printable(b)) {
            let trimmed = s.trim_ascii();
            if !trimmed.is_empty() {
                return Some(trimmed);
            }
        }
        let trimmed = s.trim();
        let (code, message) = if s.len() > max {
            (FindingCode::TooLong, format!("`{name}` is longer than {max} bytes"))
        } else if trimmed.is_empty() || (!trimmed.is_ascii() && is_blank(trimmed)) {
            if !required {
                return None;
            }
            (FindingCode::MissingField, format!("`{name}` is empty"))
        } else if has_control(s, free_text) {
            (FindingCode::InvalidValue, format!("`{name}` contains control characters"))
        } else {
            return Some(trimmed);
        };
        self.findings.push(code, parent.key(name), message);
        None
    }

    fn panel(&mut self, node: Option<&Node<'_>>, root: &JsonPointer) -> Option<Panel> {
        let text = self.text(node, root, field("test_type", 64), true)?;
        let panel = Panel::parse(&text);
        if panel.is_none() {
            let message = "`test_type` must be one of CBC, CBC_NO_DIFF, BMP, CMP, LIPID, THYROID";
            self.findings.push(FindingCode::InvalidValue, root.key("test_type"), message);
        }
        panel
    }

    fn collected_at(&mut self, node: Option<&Node<'_>>, root: &JsonPointer) -> Option<DateTime<FixedOffset>> {
        let text = self.text(node, root, field("collected_at", 64), true)?;
        let path = root.key("collected_at");
        match datetime::parse(&text) {
            Some(Timestamp { at, offset_given: true }) => Some(at),
            Some(Timestamp { at, offset_given: false }) => {
                let message = "`collected_at` has no UTC offset; it was read as UTC";
                self.findings.push(FindingCode::TimezoneMissing, path, message);
                Some(at)
            }
            None => {
                let message = "`collected_at` must be an RFC 3339 date-time such as 2026-01-31T08:30:00-05:00";
                self.findings.push(FindingCode::InvalidValue, path, message);
                None
            }
        }
    }

    /// Reads an object field with `read`, or reports its wrong type.
    fn object<T, R>(
        &mut self,
        shaped: &Shaped<'_, T>,
        parent: &JsonPointer,
        name: &'static str,
        read: impl FnOnce(&mut Self, &T, &JsonPointer) -> R,
    ) -> Option<R> {
        let path = parent.key(name);
        match shaped {
            Shaped::Object(inner) => Some(read(self, inner, &path)),
            Shaped::Other(crate::payload::raw::JsonType::Null) => None,
            Shaped::Text(_) => self.wrong_type(path, name, "an object", "a string"),
            Shaped::Other(t) => self.wrong_type(path, name, "an object", t.as_str()),
        }
    }

    pub(super) fn wrong_type<R>(&mut self, path: JsonPointer, name: &str, expected: &str, got: &str) -> Option<R> {
        self.findings.push(FindingCode::InvalidType, path, format!("`{name}` must be {expected}, not {got}"));
        None
    }

    fn patient(&mut self, raw: &RawPatient<'_>, path: &JsonPointer) -> Demographics {
        self.extras(&raw.extras, path);
        let sex = self.text(raw.sex.as_ref(), path, field("sex", 32), false).and_then(|text| {
            let sex = Sex::parse(&text);
            if sex.is_none() {
                let message = "`sex` must be one of female, male, other, unknown (or F, M, O, U)";
                self.findings.push(FindingCode::InvalidValue, path.key("sex"), message);
            }
            sex
        });
        let birth_date = self.text(raw.birth_date.as_ref(), path, field("birth_date", 32), false).and_then(|text| {
            let date = datetime::parse_date(&text);
            if date.is_none() {
                let message = "`birth_date` must be a date such as 1980-04-02";
                self.findings.push(FindingCode::InvalidValue, path.key("birth_date"), message);
            }
            date.map(Phi::new)
        });
        Demographics { sex, birth_date }
    }

    fn specimen(&mut self, raw: &RawSpecimen<'_>, path: &JsonPointer) -> Specimen {
        self.extras(&raw.extras, path);
        let id = self.text(raw.id.as_ref(), path, field("id", 128), false).map(owned_phi);
        let kind = self.text(raw.kind.as_ref(), path, field("type", 64), false).and_then(|text| {
            let kind = SpecimenKind::parse(&text);
            if kind.is_none() {
                let message = "`type` must be serum, plasma, serum_or_plasma or whole_blood; it was ignored";
                let finding = crate::Finding::new(FindingCode::InvalidValue, path.key("type"), message)
                    .with_severity(crate::Severity::Warning);
                self.findings.push_finding(finding);
            }
            kind
        });
        Specimen { id, kind }
    }

    fn comments(&mut self, listed: Option<&Listed<'_, Node<'_>>>, root: &JsonPointer) -> Vec<Phi<String>> {
        let path = root.key("comments");
        match listed {
            None | Some(Listed::Other(crate::payload::raw::JsonType::Null)) => Vec::new(),
            Some(Listed::Text(text)) => self
                .check_text(text, root, free_text("comments", MAX_COMMENT), false)
                .map(|t| Phi::new(t.to_owned()))
                .into_iter()
                .collect(),
            Some(Listed::Array(items)) => items
                .iter()
                .enumerate()
                .filter_map(|(i, node)| {
                    let at = path.index(i);
                    match node {
                        Node::Str(text) => {
                            if text.len() > MAX_COMMENT {
                                self.findings.push(FindingCode::TooLong, at, "a comment is longer than 64 KiB");
                                None
                            } else if has_control(text, true) {
                                self.findings.push(
                                    FindingCode::InvalidValue,
                                    at,
                                    "a comment contains control characters",
                                );
                                None
                            } else {
                                Some(Phi::new(text.to_string()))
                            }
                        }
                        other => {
                            let message = format!("a comment must be a string, not {}", other.json_type().as_str());
                            self.findings.push(FindingCode::InvalidType, at, message);
                            None
                        }
                    }
                })
                .collect(),
            Some(Listed::Other(t)) => {
                self.wrong_type(path, "comments", "a string or an array of strings", t.as_str()).unwrap_or_default()
            }
        }
    }
}
