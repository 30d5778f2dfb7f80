//! The panels labcore knows.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A lab panel: the declared `test_type` of a payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
#[non_exhaustive]
pub enum Panel {
    /// Complete blood count, with differential.
    Cbc,
    /// Complete blood count without differential (payload code `CBC_NO_DIFF`): the counts and red cell indices
    /// only (LOINC 58410-2).
    #[serde(rename = "CBC_NO_DIFF")]
    CbcNoDiff,
    /// Basic metabolic panel: the eight chemistries a CMP starts with (LOINC 24321-2).
    Bmp,
    /// Comprehensive metabolic panel.
    Cmp,
    /// Lipid panel.
    Lipid,
    /// Thyroid panel.
    Thyroid,
}

impl Panel {
    /// Every panel.
    pub const ALL: &'static [Panel] =
        &[Panel::Cbc, Panel::CbcNoDiff, Panel::Bmp, Panel::Cmp, Panel::Lipid, Panel::Thyroid];

    /// The code used in payloads: `CBC`, `CBC_NO_DIFF`, `BMP`, `CMP`, `LIPID`, `THYROID`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Panel::Cbc => "CBC",
            Panel::CbcNoDiff => "CBC_NO_DIFF",
            Panel::Bmp => "BMP",
            Panel::Cmp => "CMP",
            Panel::Lipid => "LIPID",
            Panel::Thyroid => "THYROID",
        }
    }

    /// Reads a panel code, ignoring case, spacing and punctuation, and accepting the long names vendors use
    /// ("CBC w/ Diff", "CBC w/o Diff", "Basic Metabolic Panel", "Comprehensive Metabolic Panel", "Lipid Profile",
    /// "Thyroid Function Tests"). A plain "CBC" stays the CBC with differential, as it always was.
    ///
    /// ```
    /// use labcore::Panel;
    /// assert_eq!(Panel::parse("cbc"), Some(Panel::Cbc));
    /// assert_eq!(Panel::parse("CBC w/o Diff"), Some(Panel::CbcNoDiff));
    /// assert_eq!(Panel::parse("cbc_no_diff"), Some(Panel::CbcNoDiff));
    /// assert_eq!(Panel::parse("Basic Metabolic Panel"), Some(Panel::Bmp));
    /// assert_eq!(Panel::parse("Comprehensive Metabolic Panel"), Some(Panel::Cmp));
    /// assert_eq!(Panel::parse("Hepatic function panel"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Panel> {
        const NAMES: &[(&str, Panel)] = &[
            ("cbc", Panel::Cbc),
            ("cbcwdiff", Panel::Cbc),
            ("cbcwithdiff", Panel::Cbc),
            ("cbcwithdifferential", Panel::Cbc),
            ("cbcwithdifferentialplatelet", Panel::Cbc),
            ("completebloodcount", Panel::Cbc),
            ("cbcnodiff", Panel::CbcNoDiff),
            ("cbcnodifferential", Panel::CbcNoDiff),
            ("cbcwodiff", Panel::CbcNoDiff),
            ("cbcwithoutdiff", Panel::CbcNoDiff),
            ("cbcwithoutdifferential", Panel::CbcNoDiff),
            ("completebloodcountwithoutdifferential", Panel::CbcNoDiff),
            ("bmp", Panel::Bmp),
            ("basicmetabolicpanel", Panel::Bmp),
            ("metabolicpanelbasic", Panel::Bmp),
            ("cmp", Panel::Cmp),
            ("comprehensivemetabolicpanel", Panel::Cmp),
            ("metabolicpanelcomprehensive", Panel::Cmp),
            ("lipid", Panel::Lipid),
            ("lipidpanel", Panel::Lipid),
            ("lipidprofile", Panel::Lipid),
            ("thyroid", Panel::Thyroid),
            ("thyroidpanel", Panel::Thyroid),
            ("thyroidprofile", Panel::Thyroid),
            ("thyroidfunctiontests", Panel::Thyroid),
            ("tft", Panel::Thyroid),
        ];
        crate::catalog::with_name_key(text, |key| NAMES.iter().find(|(name, _)| *name == key).map(|(_, panel)| *panel))
    }
}

impl fmt::Display for Panel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
