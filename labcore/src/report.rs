//! The report labcore returns for a payload: normalised results and every finding.
//!
//! Its JSON form is stable and described by `labcore/schema/report.schema.json`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use std::borrow::Cow;

use crate::{Comparator, Finding, LoincCode, Panel, TextKind};

/// Which unit system values are normalised to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitSystem {
    /// US conventional units (mg/dL, g/dL, 10*3/uL): each analyte's `canonical_unit`.
    #[default]
    Conventional,
    /// SI units (mmol/L, g/L, 10*9/L): each analyte's `si_unit`.
    Si,
}

impl UnitSystem {
    /// The unit an analyte's values are reported in under this system.
    pub(crate) fn unit_of(self, analyte: &crate::catalog::Analyte) -> &crate::units::Unit {
        match self {
            UnitSystem::Conventional => analyte.canonical_unit(),
            UnitSystem::Si => analyte.si_unit(),
        }
    }

    /// Looks a unit system up by its serialised name (`conventional`, `si`).
    pub fn from_name(name: &str) -> Option<UnitSystem> {
        match name {
            "conventional" => Some(UnitSystem::Conventional),
            "si" => Some(UnitSystem::Si),
            _ => None,
        }
    }
}

/// How a result was matched to the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mapping {
    /// Through its LOINC code.
    Loinc,
    /// Through its name (an alias), the unit deciding within a family.
    Name,
    /// Not matched: the analyte is unknown, ambiguous or conflicting.
    Unmapped,
}

/// Where the reference range used for a flag comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeOrigin {
    /// The vendor's range sent with the result.
    Payload,
    /// The laboratory's own catalog passed in the context.
    LabCatalog,
    /// labcore's built-in catalog (sex- and age-specific defaults).
    Default,
}

/// Whether, and why not, a result was compared with a reference range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeStatus {
    /// A range was applied (see `range`).
    Applied,
    /// No range exists for this analyte and patient: the result is not flagged, and never shown as normal.
    NoApplicableRange,
    /// Ranges exist but depend on the patient's sex or age, which the payload does not give.
    NeedsDemographics,
    /// The result could not be compared (text, unmapped, implausible, or without a usable unit).
    NotEvaluated,
}

/// The reference range a result was compared with, in the result's output unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AppliedRange<'c> {
    /// Low limit (`None` for a one-sided range such as `<200`).
    pub low: Option<f64>,
    /// Whether a value equal to `low` is inside the range (`false` when there is no low limit).
    pub low_inclusive: bool,
    /// High limit (`None` for a one-sided range such as `>40`).
    pub high: Option<f64>,
    /// Whether a value equal to `high` is inside the range (`false` when there is no high limit).
    pub high_inclusive: bool,
    /// The unit of `low` and `high` (the result's output unit; for an unmapped result, its unit as read, empty
    /// when it has none).
    pub unit: Cow<'c, str>,
    /// The range as the vendor printed it, when it came from the payload.
    pub text: Option<SmolStr>,
    /// Where the range comes from.
    pub origin: RangeOrigin,
    /// The catalog's source for the range (null for payload ranges).
    pub source: Option<&'c str>,
    /// The sexes the catalog range applies to.
    pub sex: Option<crate::catalog::SexFilter>,
    /// The ages the catalog range applies to (e.g. `18y and over`).
    pub age: Option<crate::catalog::AgeBand>,
}

/// Critical (panic) limits a result was compared with, in the result's output unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct AppliedCritical<'c> {
    /// Below this, the result is critically low.
    pub low: Option<f64>,
    /// Above this, the result is critically high.
    pub high: Option<f64>,
    /// The unit of the limits.
    pub unit: &'c str,
    /// Where the limits come from (`lab_catalog` or `default`).
    pub origin: RangeOrigin,
    /// The catalog's source for the limits.
    pub source: &'c str,
}

/// What should happen to a processed payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// Accepted; nothing needs a person.
    Ready,
    /// Accepted, but a person must look: a critical or implausible value, a failed delta check, an incomplete
    /// panel, a flag that disagrees with the vendor's, a repeated analyte.
    NeedsReview,
    /// Not accepted: at least one finding is an error.
    Rejected,
}

/// The validation and normalisation outcome for one payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report<'c> {
    /// READY, NEEDS_REVIEW or REJECTED.
    pub status: Status,
    /// The finding codes that set the status (errors for REJECTED, review reasons for NEEDS_REVIEW).
    pub status_reasons: Vec<crate::FindingCode>,
    /// `true` when no finding has severity `error` (status is not REJECTED).
    pub accepted: bool,
    /// The declared panel, when readable.
    pub panel: Option<Panel>,
    /// The sending laboratory, when readable.
    pub lab_id: Option<String>,
    /// The collection time as sent (offset kept), when readable.
    pub collected_at: Option<DateTime<FixedOffset>>,
    /// The unit system values were normalised to.
    pub unit_system: UnitSystem,
    /// One entry per readable result, in payload order.
    pub results: Vec<NormalizedResult<'c>>,
    /// Values labcore computed from the results (eGFR, calculated LDL-C, …).
    pub derived: Vec<crate::derive::DerivedValue<'c>>,
    /// Whether the declared panel is complete.
    pub completeness: Option<crate::completeness::Completeness<'c>>,
    /// Every finding, in the order found.
    pub findings: Vec<Finding>,
}

/// One result after matching and unit normalisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NormalizedResult<'c> {
    /// Position in the payload's `results`.
    pub index: usize,
    /// How the analyte was matched.
    pub mapping: Mapping,
    /// The catalog id (`glucose`), when mapped.
    pub analyte: Option<&'c str>,
    /// The catalog display name, when mapped.
    pub display: Option<&'c str>,
    /// The LOINC code for the value as normalised (property and specimen of the output unit); for unmapped
    /// results, the code sent if it was valid.
    pub loinc: Option<LoincCode>,
    /// The numeric value in `unit`, when numeric.
    pub value: Option<f64>,
    /// The comparator when the value is a bound.
    pub comparator: Option<Comparator>,
    /// The UCUM unit of `value`: the analyte's unit in the chosen system, or the parsed unit if unmapped.
    pub unit: Option<Cow<'c, str>>,
    /// Significant digits of the value as reported (use them when displaying `value`).
    pub significant_digits: Option<u8>,
    /// Whether the value was converted from the unit sent.
    pub converted: bool,
    /// When the value is not numeric: why.
    pub text: Option<TextKind>,
    /// `false` when the value is outside the plausibility limits (it must not be flagged); `None` when not checked.
    pub plausible: Option<bool>,
    /// The interpretation flag (HL7 v2 table 0078 = FHIR ObservationInterpretation code); `None` when the result
    /// could not be compared with a range (see `range_status`).
    pub flag: Option<crate::flags::Flag>,
    /// Whether a reference range was applied, and why not.
    pub range_status: RangeStatus,
    /// The range the flag was computed with.
    pub range: Option<AppliedRange<'c>>,
    /// The critical limits the flag was computed with.
    pub critical: Option<AppliedCritical<'c>>,
    /// The delta check against the patient's previous result, when previous results were given.
    pub delta: Option<Box<crate::delta::DeltaCheck<'c>>>,
    /// The result's status as the sender gave it (HL7 OBX-11, FHIR `Observation.status`); null when not given.
    pub status: Option<ResultStatus>,
    /// Where the result was in the sender's HL7 or FHIR message (`OBX[3]`); null for labcore JSON.
    pub location: Option<crate::SourceLocation>,
    /// How the sender itself names the result (HL7 OBX-1 set ID; FHIR Observation `id` and entry `fullUrl`), to
    /// find it again in the sender's system; null for labcore JSON, where `index` says it.
    pub sender_reference: Option<Box<crate::SenderReference>>,
    /// False when a finding of severity error is about this result (`/results/<index>/…`): it cannot be used,
    /// and the report needs a person (or is rejected when no usable result is left). False also for a result its
    /// sender withdrew (status entered-in-error), which is listed only so that a person sees what was withdrawn.
    pub usable: bool,
    /// Whether the value is implausible or critical in its unit but ordinary in another usual unit of the
    /// analyte (a `unit_suspected` finding says which): it is flagged as sent, but not derived from, delta-checked
    /// or summed.
    #[serde(skip)]
    pub(crate) unit_suspected: bool,
    /// The result as sent.
    pub original: Original,
}

/// The status of one result as its sender gave it: FHIR R4 `ObservationStatus`, to which HL7 v2 OBX-11
/// (table 0085) is mapped on input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ResultStatus {
    /// Registered, no result yet.
    Registered,
    /// Preliminary: verification may change it.
    Preliminary,
    /// Final.
    Final,
    /// Changed after being final.
    Amended,
    /// Corrected after being final (an amendment that fixes an error).
    Corrected,
    /// Cancelled: the result will not be obtained.
    Cancelled,
    /// Sent in error: an earlier result is withdrawn.
    EnteredInError,
    /// The sender does not know.
    Unknown,
}

impl ResultStatus {
    /// The FHIR `ObservationStatus` code (`entered-in-error`, `final`, …).
    pub const fn fhir_code(self) -> &'static str {
        match self {
            ResultStatus::Registered => "registered",
            ResultStatus::Preliminary => "preliminary",
            ResultStatus::Final => "final",
            ResultStatus::Amended => "amended",
            ResultStatus::Corrected => "corrected",
            ResultStatus::Cancelled => "cancelled",
            ResultStatus::EnteredInError => "entered-in-error",
            ResultStatus::Unknown => "unknown",
        }
    }

    /// Reads a FHIR `ObservationStatus` code.
    pub fn from_fhir_code(code: &str) -> Option<ResultStatus> {
        const ALL: [ResultStatus; 8] = [
            ResultStatus::Registered,
            ResultStatus::Preliminary,
            ResultStatus::Final,
            ResultStatus::Amended,
            ResultStatus::Corrected,
            ResultStatus::Cancelled,
            ResultStatus::EnteredInError,
            ResultStatus::Unknown,
        ];
        ALL.into_iter().find(|s| s.fhir_code() == code)
    }
}

/// A result as the sender wrote it. Free text is not repeated here.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct Original {
    /// The analyte name sent.
    pub analyte: Option<SmolStr>,
    /// The LOINC code sent.
    pub loinc: Option<SmolStr>,
    /// The numeric value as sent (decimal point, no thousands separators); absent for text values.
    pub value: Option<SmolStr>,
    /// The unit as sent.
    pub unit: Option<SmolStr>,
    /// The reference range as sent.
    pub reference_range: Option<OriginalRange>,
    /// The abnormal flag as sent.
    pub flag: Option<SmolStr>,
}

/// A vendor reference range as sent: text and/or bounds.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct OriginalRange {
    /// The range text.
    pub text: Option<SmolStr>,
    /// The low bound as sent.
    pub low: Option<String>,
    /// The high bound as sent.
    pub high: Option<String>,
}
