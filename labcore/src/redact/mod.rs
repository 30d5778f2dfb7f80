//! De-identification of lab data: HIPAA Safe Harbor (the default), a limited data set, or a policy of one's own,
//! applied to labcore JSON payloads and reports, FHIR R4 resources, HL7 v2 messages and free text — keeping every
//! lab value, unit, code, range and flag exactly as it was.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use labcore::redact::{Policy, RedactOptions, Redactor};
//! let redactor = Redactor::new(Policy::safe_harbor(), None)?;
//! let options = RedactOptions::new(Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
//! let note = "Critical K 6.8 mmol/L called to RN Kelly Brown at (217) 555-0199 on 03/14/2024 09:12.";
//! let redacted = redactor.text(note, &options);
//! assert_eq!(redacted.output, "Critical K 6.8 mmol/L called to RN [NAME-1] at [PHONE-1] on 2024.");
//! assert_eq!(redacted.changes.len(), 3);                      // what, where, how — never the value
//! assert!(!format!("{:?}", redacted.changes).contains("Kelly"));
//! # Ok::<(), labcore::redact::RedactError>(())
//! ```
//!
//! - Operations ([`Operation`]): keep, remove, mask with typed placeholders (`[NAME-1]`, the same for the same
//!   value within a document), keyed pseudonyms (HMAC-SHA256 with the caller's [`RedactionKey`]), per-patient
//!   date shifts (intervals between one patient's dates kept exactly), and generalisation (a date to its year,
//!   an age over 89 to `90+`, a ZIP code to its first three digits or `000`, [`Zip3List`]).
//! - Every change is reported ([`Change`]): category, operation, location — never the original value.
//! - Free text is searched for every Safe Harbor category that can appear in text, seeded with the identifiers
//!   already found in the same record (the patient's own name, in any order or case, the MRN, the phone).
//! - Structured documents stay valid: FHIR resource ids are masked together with every reference to them; a FHIR
//!   narrative is replaced whole by an empty one (status `empty`) unless the policy keeps names — it is free
//!   text repeating the structured data, names and ids included, in forms no search can be relied on to find; a
//!   removed value is removed, never left as `""`; a date that cannot be written in its element's type (a year in
//!   an `instant`) is marked `masked` with the data-absent-reason extension ([`Redactor::fhir`]).

mod category;
mod detect;
mod fhir;
mod fhir_refs;
mod fhir_types;
mod hl7;
mod hl7_fields;
mod hl7_types;
mod input;
mod json;
mod key;
mod labcore_json;
mod policy;
mod session;
mod zip3;

pub use category::Category;
pub use detect::Seeds;
pub use input::MAX_JSON_DEPTH;
pub use key::{KeyError, MIN_KEY_BYTES, RedactionKey};
pub use policy::{Operation, Policy, Sensitivity};
pub use session::Change;
pub use zip3::Zip3List;

use chrono::{DateTime, Datelike, Utc};
use serde::Serialize;

use crate::Format;
use detect::Detector;
use input::Expect;
use session::{Form, Session};

/// A redactor: a policy, the key it may need, and the compiled detector. Build it once and share it.
pub struct Redactor {
    policy: Policy,
    key: Option<RedactionKey>,
    detector: Detector,
}

impl std::fmt::Debug for Redactor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redactor").field("policy", &self.policy.name()).field("key", &self.key.is_some()).finish()
    }
}

/// What a run needs besides the input.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RedactOptions {
    /// The time against which "over 89" is judged (labcore never reads the clock).
    pub as_of: DateTime<Utc>,
    /// Identifiers known from the record, for free text given alone (structured inputs find their own).
    pub seeds: Seeds,
    /// Whose dates are shifted, for free text given alone (structured inputs use their patient identifier).
    pub patient: Option<String>,
}

impl RedactOptions {
    /// Options with no seeds and no patient.
    pub fn new(as_of: DateTime<Utc>) -> RedactOptions {
        RedactOptions { as_of, seeds: Seeds::new(), patient: None }
    }
}

/// A redacted document and what was changed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Redacted {
    /// The format of the input.
    pub format: Option<Format>,
    /// The redacted document (for HL7 and FHIR, the same message with the identifiers replaced).
    pub output: String,
    /// Every change, in document order.
    pub changes: Vec<Change>,
}

/// An identifier found in free text: where it is and what it is — never its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Detection {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset one past its last byte.
    pub end: usize,
    /// Its Safe Harbor category.
    pub category: Category,
}

/// How [`Redactor::redact_as`] reads its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum RedactAs {
    /// A recognised format as that document, anything else as free text ([`Redactor::auto`]).
    #[default]
    Auto,
    /// Free text ([`Redactor::text_bytes`]).
    Text,
    /// A document of this format.
    Document(Format),
}

impl RedactAs {
    /// By name, as the bindings take it: `auto`, `text`, or a format's name (`labcore`, `fhir`, `hl7v2`).
    ///
    /// ```
    /// use labcore::redact::RedactAs;
    /// assert_eq!(RedactAs::from_name("text"), Some(RedactAs::Text));
    /// assert_eq!(RedactAs::from_name("hl7v2"), Some(RedactAs::Document(labcore::Format::Hl7v2)));
    /// assert_eq!(RedactAs::from_name("pdf"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<RedactAs> {
        match name {
            "auto" => Some(RedactAs::Auto),
            "text" => Some(RedactAs::Text),
            _ => Format::from_name(name).map(RedactAs::Document),
        }
    }
}

/// Why an input cannot be redacted. Never carries input text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RedactError {
    /// The policy pseudonymises or shifts dates, and no key was given.
    #[error("the policy uses pseudonyms or date shifts, which need a key")]
    KeyRequired,
    /// The input is not JSON, or is empty or too large (the input error's code says which).
    #[error("{0}")]
    Input(crate::Error),
    /// The input is neither JSON nor HL7 v2.
    #[error("input is neither JSON nor an HL7 v2 message")]
    UnknownFormat,
    /// The input is not text in an encoding labcore reads (UTF-8, UTF-16, UTF-32, ISO 8859-1): binary data.
    #[error("input is not readable text")]
    Unreadable,
    /// JSON nested deeper than [`MAX_JSON_DEPTH`] levels.
    #[error("input is nested more than {MAX_JSON_DEPTH} levels deep")]
    TooDeep,
}

impl RedactError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            RedactError::KeyRequired => "key_required",
            RedactError::Input(e) => e.code(),
            RedactError::UnknownFormat => "unknown_format",
            RedactError::Unreadable => "unreadable_input",
            RedactError::TooDeep => "input_too_deep",
        }
    }
}

impl Redactor {
    /// A redactor for a policy; `key` is required when the policy pseudonymises or shifts dates.
    pub fn new(policy: Policy, key: Option<RedactionKey>) -> Result<Redactor, RedactError> {
        if policy.needs_key() && key.is_none() {
            return Err(RedactError::KeyRequired);
        }
        Ok(Redactor { policy, key, detector: Detector::new() })
    }

    /// The policy.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// Redacts free text (a comment, an NTE, a log line).
    pub fn text(&self, text: &str, options: &RedactOptions) -> Redacted {
        let mut session = Session::new(self, options.patient.as_deref(), options.as_of.year()).numbered_after(text);
        let output = self.free_text(&mut session, text, &options.seeds, "");
        Redacted { format: None, output, changes: session.changes }
    }

    /// Finds the identifiers in free text without changing it: byte ranges and categories, in order, never
    /// overlapping (what [`Redactor::text`] would replace, whatever the policy does with each category).
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use labcore::redact::{Category, Policy, RedactOptions, Redactor};
    /// let redactor = Redactor::new(Policy::safe_harbor(), None)?;
    /// let options = RedactOptions::new(Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
    /// let found = redactor.find("Call Dr. Okafor at 217-555-0199", &options);
    /// assert_eq!((found[0].category, found[0].start, found[0].end), (Category::Name, 9, 15));
    /// assert_eq!((found[1].category, found[1].start, found[1].end), (Category::Phone, 19, 31));
    /// # Ok::<(), labcore::redact::RedactError>(())
    /// ```
    pub fn find(&self, text: &str, options: &RedactOptions) -> Vec<Detection> {
        let spans = self.detector.find(text, &options.seeds, self.policy.sensitivity());
        spans.into_iter().map(|s| Detection { start: s.start, end: s.end, category: s.category }).collect()
    }

    /// Redacts a labcore JSON payload, or a labcore report serialised as JSON.
    pub fn labcore_json(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let text = input::decode(input, Expect::Json)?;
        input::check_depth(&text)?;
        labcore_json::redact(self, &text, options).map(|(output, changes)| Redacted {
            format: Some(Format::Labcore),
            output,
            changes,
        })
    }

    /// Redacts a processed report: its JSON form, with the collection time treated as the date it is.
    pub fn report(&self, report: &crate::Report<'_>, options: &RedactOptions) -> Result<Redacted, RedactError> {
        let json = serde_json::to_vec(report).map_err(|_| RedactError::UnknownFormat)?;
        self.labcore_json(&json, options)
    }

    /// Redacts FHIR R4 JSON (a resource or a Bundle). Narratives are replaced by an empty one (status `empty`)
    /// unless the policy keeps names; removed values are removed (with the objects and arrays they leave empty);
    /// every resource id and every reference to it are masked alike, so that references still resolve.
    ///
    /// ```
    /// # use chrono::{TimeZone, Utc};
    /// # use labcore::redact::{Policy, RedactOptions, Redactor};
    /// let redactor = Redactor::new(Policy::safe_harbor(), None)?;
    /// let options = RedactOptions::new(Utc.with_ymd_and_hms(2026, 11, 25, 12, 0, 0).unwrap());
    /// let observation = br#"{"resourceType": "Observation", "id": "f203", "status": "final",
    ///   "text": {"status": "generated", "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\"><b>id</b>: f203, Roel</div>"},
    ///   "code": {"text": "Bicarbonate"}, "subject": {"reference": "Patient/f201", "display": "Roel"}}"#;
    /// let redacted = redactor.fhir(observation, &options)?;
    /// assert!(!redacted.output.contains("f203") && !redacted.output.contains("Roel"));
    /// assert!(redacted.output.contains(r#""text": {"status": "empty", "div": "#));
    /// assert!(redacted.output.contains(r#""subject": {"reference": "Patient/redacted-mrn-1""#));
    /// # Ok::<(), labcore::redact::RedactError>(())
    /// ```
    pub fn fhir(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let text = input::decode(input, Expect::Json)?;
        input::check_depth(&text)?;
        fhir::redact(self, &text, options).map(|(output, changes)| Redacted {
            format: Some(Format::Fhir),
            output,
            changes,
        })
    }

    /// Redacts HL7 v2 (a message, several, or a batch). The output is UTF-8. Lines that are not segments (a
    /// note wrapped onto the next line, text pasted between segments) are redacted as free text.
    pub fn hl7(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let text = input::decode(input, Expect::Hl7)?;
        let (output, changes) = hl7::redact(self, &text, options);
        Ok(Redacted { format: Some(Format::Hl7v2), output, changes })
    }

    /// Redacts free text given as bytes: UTF-8, UTF-16 or UTF-32 (with a byte order mark, or UTF-16 without),
    /// else ISO 8859-1. The output is UTF-8. Bytes that are not text are refused ([`RedactError::Unreadable`]).
    pub fn text_bytes(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let text = input::decode(input, Expect::Text)?;
        Ok(self.text(&text, options))
    }

    /// Recognises the input's format ([`crate::detect`], after decoding UTF-16 and UTF-32) and redacts it;
    /// anything else is [`RedactError::UnknownFormat`].
    pub fn any(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let probe = input::decode(input, Expect::Probe)?;
        match crate::detect(probe.as_bytes()) {
            Some(Format::Hl7v2) => self.hl7(input, options),
            Some(Format::Fhir) => self.fhir(input, options),
            Some(Format::Labcore) => self.labcore_json(input, options),
            None => Err(RedactError::UnknownFormat),
        }
    }

    /// Redacts whatever the input is: a recognised format ([`Redactor::any`]) as that document, any other text
    /// as free text ([`Redactor::text_bytes`]). Bytes that are not text are refused.
    pub fn auto(&self, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        let probe = input::decode(input, Expect::Probe)?;
        match crate::detect(probe.as_bytes()) {
            Some(_) => self.any(input, options),
            None if input::is_text(&probe) => Ok(self.text(&probe, options)),
            None => Err(RedactError::Unreadable),
        }
    }

    /// Redacts the input read as `kind` says.
    pub fn redact_as(&self, kind: RedactAs, input: &[u8], options: &RedactOptions) -> Result<Redacted, RedactError> {
        match kind {
            RedactAs::Auto => self.auto(input, options),
            RedactAs::Text => self.text_bytes(input, options),
            RedactAs::Document(Format::Labcore) => self.labcore_json(input, options),
            RedactAs::Document(Format::Fhir) => self.fhir(input, options),
            RedactAs::Document(Format::Hl7v2) => self.hl7(input, options),
        }
    }

    /// Redacts one free-text value within a document, `location` naming where it is.
    pub(crate) fn free_text(&self, session: &mut Session<'_>, text: &str, seeds: &Seeds, location: &str) -> String {
        if self.detector.too_short(text, seeds) {
            return text.to_owned();
        }
        let sensitivity = if narrative(location) { self.policy.sensitivity() } else { Sensitivity::Precise };
        let spans = self.detector.find(text, seeds, sensitivity);
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for span in spans {
            let Some(value) = text.get(span.start..span.end) else { continue };
            let where_ = || {
                if location.is_empty() {
                    format!("bytes {}..{}", span.start, span.end)
                } else {
                    format!("{location} bytes {}..{}", span.start, span.end)
                }
            };
            if let Some(replacement) = session.replace(span.category, value, span.date.as_ref(), Form::Text, where_) {
                out.push_str(text.get(at..span.start).unwrap_or_default());
                out.push_str(&replacement);
                at = span.end;
            }
        }
        out.push_str(text.get(at..).unwrap_or_default());
        out
    }

    /// Whether a value is labcore's own placeholder or pseudonym (left as it is: redaction is idempotent).
    pub(crate) fn is_own(&self, value: &str) -> bool {
        self.detector.is_own(value)
    }
}

/// Whether a value is narrative, searched with the policy's [`Sensitivity`]: free text itself, the lines of an HL7
/// message that are not segments, NTE comments, FHIR narrative, notes, comments and conclusions, labcore
/// comments. Other text values of a document (a coded element's display text, a specimen's description) name
/// lab things more often than people, and are searched precisely: the recall-first search would take an analyte
/// no catalog lists ("Malonylcarnitine") for a name.
fn narrative(location: &str) -> bool {
    location.is_empty()
        || location.starts_with("line ")
        || location.starts_with("NTE[") && location.contains("]-3")
        || location.contains("/note/")
        || location.ends_with("/div")
        || location.contains("comment")
        || location.contains("conclusion")
}
