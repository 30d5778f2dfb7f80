//! Derived values — eGFR, calculated LDL-C, non-HDL-C, anion gap, corrected calcium, globulin, A/G and
//! BUN/creatinine ratios — computed only from mapped, numeric, plausible inputs, each marked with its method.

mod equations;
mod inputs;
mod rules;

pub use equations::{
    FRIEDEWALD_MAX_TRIGLYCERIDES, SAMPSON_MAX_TRIGLYCERIDES, ag_ratio, anion_gap, bun_creatinine_ratio, ckd_epi_2021,
    corrected_calcium, friedewald, globulin, non_hdl, sampson_nih,
};

pub(crate) use inputs::Inputs;
pub(crate) use rules::{Plan, derive_all, plan};

use serde::Serialize;

use crate::LoincCode;
use crate::flags::Flag;
use crate::report::{AppliedCritical, AppliedRange, RangeStatus};

/// How a derived value was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// eGFR by the CKD-EPI 2021 creatinine equation (race-free).
    CkdEpi2021,
    /// LDL-C by the Friedewald equation.
    Friedewald,
    /// LDL-C by the Sampson/NIH equation 2.
    SampsonNih,
    /// Non-HDL-C = total cholesterol − HDL-C.
    NonHdl,
    /// Anion gap = Na − (Cl + HCO3).
    AnionGap,
    /// Albumin-corrected calcium (Payne).
    CorrectedCalcium,
    /// Globulin = total protein − albumin.
    Globulin,
    /// Albumin / globulin.
    AgRatio,
    /// BUN / creatinine.
    BunCreatinineRatio,
}

impl Method {
    /// The literature the equation comes from.
    pub const fn source(self) -> &'static str {
        match self {
            Method::CkdEpi2021 => "Inker LA et al. N Engl J Med 2021;385:1737-1749",
            Method::Friedewald => "Friedewald WT, Levy RI, Fredrickson DS. Clin Chem 1972;18:499-502",
            Method::SampsonNih => "Sampson M et al. JAMA Cardiol 2020;5(5):540-548",
            Method::NonHdl => "NCEP ATP III. Circulation 2002;106:3143-3421",
            Method::AnionGap => "Emmett M, Narins RG. Medicine 1977;56:38-54",
            Method::CorrectedCalcium => "Payne RB et al. BMJ 1973;4:643-646",
            Method::Globulin | Method::AgRatio | Method::BunCreatinineRatio => "arithmetic on the reported results",
        }
    }
}

/// A value labcore computed from other results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DerivedValue<'c> {
    /// The catalog id of what was computed (`egfr`, `ldl_cholesterol_calculated`, …).
    pub analyte: &'c str,
    /// Its display name.
    pub display: &'c str,
    /// The LOINC code for the value in `unit`, when the catalog has one.
    pub loinc: Option<LoincCode>,
    /// The value, rounded as labs report it, in `unit`.
    pub value: f64,
    /// The UCUM unit (the analyte's unit in the chosen unit system).
    pub unit: &'c str,
    /// Always `true`: this value was not measured.
    pub derived: bool,
    /// The method.
    pub method: Method,
    /// The method's source.
    pub source: &'static str,
    /// Indexes in `results` of the inputs used.
    pub inputs: Vec<usize>,
    /// The interpretation flag, when a reference range applies.
    pub flag: Option<Flag>,
    /// Whether a range was applied.
    pub range_status: RangeStatus,
    /// The range used for the flag.
    pub range: Option<AppliedRange<'c>>,
    /// The critical limits used for the flag.
    pub critical: Option<AppliedCritical<'c>>,
}
