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
    /// Comprehensive metabolic panel.
    Cmp,
    /// Lipid panel.
    Lipid,
    /// Thyroid panel.
    Thyroid,
}

impl Panel {
    /// Every panel.
    pub const ALL: &'static [Panel] = &[Panel::Cbc, Panel::Cmp, Panel::Lipid, Panel::Thyroid];

    /// The code used in payloads: `CBC`, `CMP`, `LIPID`, `THYROID`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Panel::Cbc => "CBC",
            Panel::Cmp => "CMP",
            Panel::Lipid => "LIPID",
            Panel::Thyroid => "THYROID",
        }
    }

    /// Reads a panel code, ignoring case, spacing and punctuation, and accepting the long names vendors use
    /// ("CBC w/ Diff", "Comprehensive Metabolic Panel", "Lipid Profile", "Thyroid Function Tests").
    ///
    /// ```
    /// use labcore::Panel;
    /// assert_eq!(Panel::parse("cbc"), Some(Panel::Cbc));
    /// assert_eq!(Panel::parse("Comprehensive Metabolic Panel"), Some(Panel::Cmp));
    /// assert_eq!(Panel::parse("BMP"), None);
    /// ```
    pub fn parse(text: &str) -> Option<Panel> {
        const NAMES: &[(&str, Panel)] = &[
            ("cbc", Panel::Cbc),
            ("cbcwdiff", Panel::Cbc),
            ("cbcwithdiff", Panel::Cbc),
            ("cbcwithdifferential", Panel::Cbc),
            ("cbcwithdifferentialplatelet", Panel::Cbc),
            ("completebloodcount", Panel::Cbc),
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
        let key = crate::catalog::name_key(text);
        NAMES.iter().find(|(name, _)| *name == key).map(|(_, panel)| *panel)
    }
}

impl fmt::Display for Panel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
