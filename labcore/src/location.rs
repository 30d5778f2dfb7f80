//! Where a finding or a result sits in the message the sender wrote: an HL7 v2 segment/field position, or a
//! FHIRPath expression into a FHIR resource.
//!
//! Like [`JsonPointer`](crate::JsonPointer), a location is built only from labcore's own names, numbers and
//! validated three-character segment identifiers: it can never carry a payload value.

use serde::{Serialize, Serializer};
use std::fmt::{self, Write};

/// A location in the source message of a non-JSON input.
///
/// ```
/// use labcore::{FhirPath, Hl7Location, SourceLocation};
/// let obx = Hl7Location::segment(*b"OBX", 3).field(5);
/// assert_eq!(SourceLocation::Hl7(obx).to_string(), "OBX[3]-5");
/// let fhir = FhirPath::resource("Bundle").key("entry").index(2).key("resource").key("valueQuantity");
/// assert_eq!(SourceLocation::Fhir(Box::new(fhir)).to_string(), "Bundle.entry[2].resource.valueQuantity");
/// ```
///
/// Every finding and result of an HL7 or FHIR input carries one, so it is kept small (24 bytes): the FHIRPath,
/// ten steps long at most, is boxed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SourceLocation {
    /// A position in an HL7 v2 message.
    Hl7(Hl7Location),
    /// A FHIRPath expression into a FHIR resource.
    Fhir(Box<FhirPath>),
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceLocation::Hl7(l) => l.fmt(f),
            SourceLocation::Fhir(p) => p.fmt(f),
        }
    }
}

impl Serialize for SourceLocation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// How a sender names one result in its own message, so that a person can find it there again: the HL7 v2
/// OBX-1 set ID, or the FHIR Observation's `id` and its Bundle entry's `fullUrl`. Only values of the shape the
/// standards define are kept (a set ID of digits; an `id` of FHIR's `[A-Za-z0-9-.]{1,64}`; a `fullUrl` that is a
/// `urn:uuid:`, a `urn:oid:` or an http(s) URL without spaces, at most 256 bytes); anything else is left out.
///
/// These are the sender's identifiers of its records, not of the patient; labcore's report redaction replaces
/// the `id` and `fullUrl` like other identifiers all the same.
///
/// ```
/// use labcore::SenderReference;
/// let r = SenderReference::fhir(Some("f001"), Some("urn:uuid:0f2c6b1e-6c2f-4c8e-9d0a-3b4f5a6b7c8d"));
/// assert_eq!(r.resource_id.as_deref(), Some("f001"));
/// assert!(SenderReference::fhir(Some("not an id"), None).resource_id.is_none());
/// assert_eq!(SenderReference::hl7_set_id("3").and_then(|r| r.set_id), Some(3));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize)]
#[non_exhaustive]
pub struct SenderReference {
    /// HL7 v2: the OBX-1 set ID (1, 2, 3… within the order).
    pub set_id: Option<u32>,
    /// FHIR: the Observation's `id` (for a result read from a component, the Observation's).
    pub resource_id: Option<smol_str::SmolStr>,
    /// FHIR: the `fullUrl` of the Bundle entry holding the Observation.
    pub full_url: Option<smol_str::SmolStr>,
}

impl SenderReference {
    /// An HL7 v2 set ID (OBX-1, data type SI: digits); `None` when the text is not one.
    pub fn hl7_set_id(text: &str) -> Option<SenderReference> {
        let text = text.trim();
        let digits = !text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit());
        let set_id = text.parse().ok().filter(|_| digits)?;
        Some(SenderReference { set_id: Some(set_id), ..SenderReference::default() })
    }

    /// A FHIR resource id and entry full URL, each kept only when it has the shape FHIR defines.
    pub fn fhir(id: Option<&str>, full_url: Option<&str>) -> SenderReference {
        let id = id.filter(|i| is_fhir_id(i)).map(smol_str::SmolStr::new);
        let full_url = full_url.map(str::trim).filter(|u| is_full_url(u)).map(smol_str::SmolStr::new);
        SenderReference { set_id: None, resource_id: id, full_url }
    }

    /// Whether nothing was kept.
    pub fn is_empty(&self) -> bool {
        self.set_id.is_none() && self.resource_id.is_none() && self.full_url.is_none()
    }
}

/// FHIR R4 `id`: 1 to 64 of `A-Z a-z 0-9 - .`.
fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// A `fullUrl` of the forms FHIR bundles use, printable ASCII without spaces, at most 256 bytes.
fn is_full_url(url: &str) -> bool {
    let schemes = ["urn:uuid:", "urn:oid:", "http://", "https://"];
    let printable = url.bytes().all(|b| b.is_ascii_graphic());
    url.len() <= 256 && printable && schemes.iter().any(|s| url.len() > s.len() && url.starts_with(s))
}

/// A segment identifier: three ASCII characters, an upper-case letter then upper-case letters or digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SegmentId([u8; 3]);

impl SegmentId {
    /// Validates three bytes as a segment identifier (`OBX`, `ZPI`).
    pub fn new(bytes: [u8; 3]) -> Option<SegmentId> {
        let [first, rest @ ..] = bytes;
        let ok = first.is_ascii_uppercase() && rest.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        ok.then_some(SegmentId(bytes))
    }

    /// Reads the identifier at the start of a segment's text (exactly three characters before a delimiter).
    pub fn read(text: &str) -> Option<SegmentId> {
        let bytes = text.as_bytes();
        let id: [u8; 3] = bytes.get(..3)?.try_into().ok()?;
        SegmentId::new(id)
    }

    /// The identifier as text.
    pub fn as_str(&self) -> &str {
        // Validated ASCII: always UTF-8.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// A position in an HL7 v2 message: a segment (by identifier and its 1-based occurrence among the segments
/// with that identifier in the message), and optionally a field, repetition, component and sub-component, all
/// 1-based as in the standard's ERR-2 (ERL) data type.
///
/// Written `OBX[3]-5` (the fifth field of the third OBX), `OBX[3]-8[2]` (its second repetition),
/// `PID[1]-5.1` (a component), `PID[1]-3.4.1` (a sub-component).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Hl7Location {
    segment: Option<SegmentId>,
    sequence: u32,
    field: u16,
    repetition: u16,
    component: u16,
    subcomponent: u16,
}

impl Hl7Location {
    /// The `sequence`-th segment with this identifier (`0` when the segment is absent altogether).
    pub const fn segment(id: [u8; 3], sequence: u32) -> Hl7Location {
        Hl7Location { segment: Some(SegmentId(id)), sequence, field: 0, repetition: 0, component: 0, subcomponent: 0 }
    }

    /// A segment with a validated identifier.
    pub(crate) const fn of(id: SegmentId, sequence: u32) -> Hl7Location {
        Hl7Location { segment: Some(id), sequence, field: 0, repetition: 0, component: 0, subcomponent: 0 }
    }

    /// A segment whose identifier is not valid, by its 1-based position among the lines of the message.
    pub(crate) const fn line(position: u32) -> Hl7Location {
        Hl7Location { segment: None, sequence: position, field: 0, repetition: 0, component: 0, subcomponent: 0 }
    }

    /// The same segment, at this field.
    #[must_use]
    pub const fn field(mut self, field: u16) -> Hl7Location {
        self.field = field;
        self
    }

    /// The same field, at this (1-based) repetition.
    #[must_use]
    pub const fn repetition(mut self, repetition: u16) -> Hl7Location {
        self.repetition = repetition;
        self
    }

    /// The same field, at this (1-based) component.
    #[must_use]
    pub const fn component(mut self, component: u16) -> Hl7Location {
        self.component = component;
        self
    }

    /// The same component, at this (1-based) sub-component.
    #[must_use]
    pub const fn subcomponent(mut self, subcomponent: u16) -> Hl7Location {
        self.subcomponent = subcomponent;
        self
    }

    /// The segment identifier, when the segment had a valid one.
    pub fn segment_id(&self) -> Option<&str> {
        self.segment.as_ref().map(SegmentId::as_str)
    }

    /// The segment's occurrence (or, without an identifier, its line in the message).
    pub const fn sequence(&self) -> u32 {
        self.sequence
    }

    /// The field position (0: the whole segment).
    pub const fn field_position(&self) -> u16 {
        self.field
    }

    /// The repetition (0: not given).
    pub const fn repetition_number(&self) -> u16 {
        self.repetition
    }

    /// The component (0: not given).
    pub const fn component_number(&self) -> u16 {
        self.component
    }

    /// The sub-component (0: not given).
    pub const fn subcomponent_number(&self) -> u16 {
        self.subcomponent
    }
}

impl fmt::Display for Hl7Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.segment {
            Some(id) if self.sequence == 0 => f.write_str(id.as_str())?,
            Some(id) => write!(f, "{}[{}]", id.as_str(), self.sequence)?,
            None => return write!(f, "segment {}", self.sequence),
        }
        if self.field == 0 {
            return Ok(());
        }
        write!(f, "-{}", self.field)?;
        if self.repetition > 1 {
            write!(f, "[{}]", self.repetition)?;
        }
        if self.component > 0 {
            write!(f, ".{}", self.component)?;
            if self.subcomponent > 0 {
                write!(f, ".{}", self.subcomponent)?;
            }
        }
        Ok(())
    }
}

/// The deepest FHIRPath labcore writes: `Bundle.entry[i].resource.contained[j].referenceRange[k].low.value`.
const MAX_FHIR_DEPTH: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Step {
    Key(&'static str),
    Index(u32),
}

/// A FHIRPath expression such as `Bundle.entry[2].resource.valueQuantity.unit`, built from labcore's own
/// element names and 0-based indices (FHIRPath indexing), never from input text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FhirPath {
    root: &'static str,
    steps: [Step; MAX_FHIR_DEPTH],
    len: u8,
}

impl FhirPath {
    /// A path starting at a resource of this type (`Observation`, `Bundle`).
    pub const fn resource(resource_type: &'static str) -> FhirPath {
        FhirPath { root: resource_type, steps: [Step::Index(0); MAX_FHIR_DEPTH], len: 0 }
    }

    fn push(mut self, step: Step) -> FhirPath {
        if let Some(slot) = self.steps.get_mut(usize::from(self.len)) {
            *slot = step;
            self.len += 1;
        }
        self
    }

    /// This path extended by an element name.
    #[must_use]
    pub fn key(self, name: &'static str) -> FhirPath {
        self.push(Step::Key(name))
    }

    /// This path extended by a 0-based index into a repeating element.
    #[must_use]
    pub fn index(self, index: usize) -> FhirPath {
        self.push(Step::Index(u32::try_from(index).unwrap_or(u32::MAX)))
    }

    /// The resource type the path starts at.
    pub const fn root(&self) -> &'static str {
        self.root
    }
}

impl fmt::Display for FhirPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.root)?;
        for step in self.steps.iter().take(usize::from(self.len)) {
            match step {
                Step::Key(name) => {
                    f.write_char('.')?;
                    f.write_str(name)?;
                }
                Step::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hl7_forms() {
        let obx = Hl7Location::segment(*b"OBX", 3);
        assert_eq!(obx.to_string(), "OBX[3]");
        assert_eq!(obx.field(8).repetition(2).to_string(), "OBX[3]-8[2]");
        assert_eq!(obx.field(8).repetition(1).to_string(), "OBX[3]-8");
        assert_eq!(obx.field(3).component(4).subcomponent(1).to_string(), "OBX[3]-3.4.1");
        assert_eq!(Hl7Location::segment(*b"PID", 0).field(3).to_string(), "PID-3");
        assert_eq!(Hl7Location::line(7).field(2).to_string(), "segment 7");
    }

    #[test]
    fn segment_ids() {
        assert!(SegmentId::new(*b"OBX").is_some());
        assert!(SegmentId::new(*b"ZP1").is_some());
        assert!(SegmentId::new(*b"obx").is_none());
        assert!(SegmentId::new(*b"1AB").is_none());
        assert_eq!(SegmentId::read("MSH|^~\\&").map(|s| s.as_str().to_owned()), Some("MSH".into()));
        assert!(SegmentId::read("MS").is_none());
    }

    #[test]
    fn fhir_paths_and_overflow() {
        let p = FhirPath::resource("Observation").key("referenceRange").index(0).key("low");
        assert_eq!(p.to_string(), "Observation.referenceRange[0].low");
        let deep = (0..20).fold(FhirPath::resource("Bundle"), |p, i| p.index(i));
        assert_eq!(deep.to_string(), "Bundle[0][1][2][3][4][5][6][7][8][9]");
    }
}
