//! The report labcore returns for a payload: normalised results and every finding.
//!
//! Its JSON form is stable and described by `labcore/schema/report.schema.json`.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use smol_str::SmolStr;
use std::sync::Arc;

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

/// The validation and normalisation outcome for one payload.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Report {
    /// `true` when no finding has severity `error`.
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
    pub results: Vec<NormalizedResult>,
    /// Every finding, in the order found.
    pub findings: Vec<Finding>,
}

/// One result after matching and unit normalisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct NormalizedResult {
    /// Position in the payload's `results`.
    pub index: usize,
    /// How the analyte was matched.
    pub mapping: Mapping,
    /// The catalog id (`glucose`), when mapped.
    pub analyte: Option<Arc<str>>,
    /// The catalog display name, when mapped.
    pub display: Option<Arc<str>>,
    /// The LOINC code for the value as normalised (property and specimen of the output unit); for unmapped
    /// results, the code sent if it was valid.
    pub loinc: Option<LoincCode>,
    /// The numeric value in `unit`, when numeric.
    pub value: Option<f64>,
    /// The comparator when the value is a bound.
    pub comparator: Option<Comparator>,
    /// The UCUM unit of `value`: the analyte's unit in the chosen system, or the parsed unit if unmapped.
    pub unit: Option<Arc<str>>,
    /// Significant digits of the value as reported (use them when displaying `value`).
    pub significant_digits: Option<u8>,
    /// Whether the value was converted from the unit sent.
    pub converted: bool,
    /// When the value is not numeric: why.
    pub text: Option<TextKind>,
    /// `false` when the value is outside the plausibility limits (it must not be flagged); `None` when not checked.
    pub plausible: Option<bool>,
    /// The result as sent.
    pub original: Original,
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
