//! The labcore JSON payload, as a typed model. Every PHI field is wrapped in [`Phi`].
//!
//! The format is documented in `labcore/schema/README.md` and described by `labcore/schema/payload.schema.json`.

use smol_str::SmolStr;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use crate::{Panel, Phi, ReportedValue};

/// A lab payload that passed validation with no error.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct LabPayload {
    /// The patient identifier (an MRN, …).
    pub patient_id: Phi<String>,
    /// The sending laboratory (always present in labcore JSON, where `lab_id` is required; a FHIR resource may
    /// name no performer).
    pub lab_id: Option<String>,
    /// The declared panel (always present in labcore JSON, where `test_type` is required; an HL7 or FHIR order
    /// may be for tests that are not one of the panels labcore knows).
    pub panel: Option<Panel>,
    /// When the specimen was collected (PHI: a date of service).
    pub collected_at: Phi<DateTime<FixedOffset>>,
    /// Demographics, when sent.
    pub patient: Option<Demographics>,
    /// The specimen, when described.
    pub specimen: Option<Specimen>,
    /// The results that have a value, in payload order. A result whose value could not be read is left out: the
    /// report lists it, unusable, with its finding (the report's `index` is the position in the payload sent).
    pub results: Vec<ResultEntry>,
    /// Free-text comments (PHI: free text can hold anything).
    pub comments: Vec<Phi<String>>,
}

/// Patient demographics needed for age- and sex-specific reference intervals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Demographics {
    /// Administrative sex.
    pub sex: Option<Sex>,
    /// Date of birth (PHI).
    pub birth_date: Option<Phi<NaiveDate>>,
}

/// Administrative sex (FHIR `AdministrativeGender`; HL7 v2 table 0001 codes accepted on input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Sex {
    /// Female (`F`).
    Female,
    /// Male (`M`).
    Male,
    /// Other (`O`, `A`).
    Other,
    /// Unknown (`U`, `N`).
    Unknown,
}

impl Sex {
    /// Reads `F`/`female`, `M`/`male`, `O`/`other`/`A`, `U`/`unknown`/`N`, ignoring case.
    pub fn parse(text: &str) -> Option<Sex> {
        const NAMES: &[(&str, Sex)] = &[
            ("f", Sex::Female),
            ("female", Sex::Female),
            ("m", Sex::Male),
            ("male", Sex::Male),
            ("o", Sex::Other),
            ("other", Sex::Other),
            ("a", Sex::Other),
            ("ambiguous", Sex::Other),
            ("u", Sex::Unknown),
            ("unknown", Sex::Unknown),
            ("n", Sex::Unknown),
            ("not applicable", Sex::Unknown),
        ];
        let text = text.trim();
        NAMES.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)).map(|(_, sex)| *sex)
    }
}

/// The specimen a result was measured in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Specimen {
    /// The accession or specimen identifier (PHI: a unique identifying number).
    pub id: Option<Phi<String>>,
    /// The specimen type.
    pub kind: Option<SpecimenKind>,
}

/// Specimen types labcore's panels are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SpecimenKind {
    /// Serum.
    Serum,
    /// Plasma.
    Plasma,
    /// Serum or plasma, unspecified.
    SerumOrPlasma,
    /// Whole blood (venous, capillary or arterial).
    WholeBlood,
}

impl SpecimenKind {
    /// Reads the usual names and HL7 table 0487 codes (`SER`, `PLAS`, `BLD`, `WB`), ignoring case and spacing.
    pub fn parse(text: &str) -> Option<SpecimenKind> {
        crate::catalog::with_name_key(text, |key| {
            Some(match key {
                "serum" | "ser" => SpecimenKind::Serum,
                "plasma" | "plas" | "pla" => SpecimenKind::Plasma,
                "serumorplasma" | "serumplasma" | "serplas" => SpecimenKind::SerumOrPlasma,
                "wholeblood" | "blood" | "bld" | "wb" | "venousblood" | "bldv" | "capillaryblood" | "bldc"
                | "arterialblood" | "bla" => SpecimenKind::WholeBlood,
                _ => return None,
            })
        })
    }

    /// Whether LOINC would call it blood (system `Bld`) rather than serum/plasma.
    pub fn is_blood(self) -> bool {
        self == SpecimenKind::WholeBlood
    }
}

/// One result as sent, validated.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ResultEntry {
    /// The vendor's analyte name.
    pub analyte: Option<SmolStr>,
    /// The LOINC code sent.
    pub loinc: Option<SmolStr>,
    /// The value.
    pub value: ReportedValue,
    /// The unit as sent.
    pub unit: Option<SmolStr>,
    /// The vendor's reference range.
    pub reference_range: Option<VendorRange>,
    /// The vendor's abnormal flag.
    pub flag: Option<SmolStr>,
    /// A comment on this result (PHI: free text).
    pub comment: Option<Phi<String>>,
    /// The result's status, when the format carries one (HL7 OBX-11, FHIR `Observation.status`).
    pub status: Option<crate::ResultStatus>,
}

/// A reference range as the vendor sent it (interpreted by the flagging step).
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct VendorRange {
    /// The range as text (`4.0-11.0`, `<200`).
    pub text: Option<SmolStr>,
    /// The low bound, when sent separately.
    pub low: Option<ReportedValue>,
    /// The high bound, when sent separately.
    pub high: Option<ReportedValue>,
    /// The units of the bounds, when the sender gives them apart from the result's (a FHIR `referenceRange`
    /// whose `low` or `high` is in another unit than the value); `None`: both are in the result's unit. Each
    /// bound is converted on its own. (Boxed: ranges are many and units apart rare.)
    pub units: Option<Box<BoundUnits>>,
}

/// The units of a range's bounds, each `None` when that bound is in the result's unit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BoundUnits {
    /// The unit of `low`.
    pub low: Option<SmolStr>,
    /// The unit of `high`.
    pub high: Option<SmolStr>,
}
