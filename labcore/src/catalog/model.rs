//! The catalog's file format (see `catalog/README.md`), as read from TOML.

use serde::Deserialize;

use crate::Panel;
use crate::units::QuantityKind;

/// One catalog file: analytes, limits, delta rules and panel codes may each be in any file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CatalogFile {
    #[serde(default)]
    pub(crate) lab_id: Option<String>,
    #[serde(default)]
    pub(crate) analyte: Vec<AnalyteEntry>,
    #[serde(default)]
    pub(crate) interval: Vec<super::ranges::LimitEntry>,
    #[serde(default)]
    pub(crate) critical: Vec<super::ranges::LimitEntry>,
    #[serde(default)]
    pub(crate) delta: Vec<super::ranges::DeltaEntry>,
    #[serde(default)]
    pub(crate) panel: Vec<PanelEntry>,
    #[serde(default)]
    pub(crate) order_code: Vec<PanelEntry>,
    #[serde(default)]
    pub(crate) sum: Vec<super::sums::SumEntry>,
}

/// A panel's LOINC code (the `code` of a FHIR DiagnosticReport).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PanelEntry {
    pub(crate) id: Panel,
    pub(crate) loinc: String,
    pub(crate) long_name: String,
    pub(crate) source: String,
}

/// One `[[analyte]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AnalyteEntry {
    pub(crate) id: String,
    pub(crate) display: String,
    #[serde(default)]
    pub(crate) panels: Vec<Panel>,
    #[serde(default)]
    pub(crate) optional_in: Vec<Panel>,
    pub(crate) group: Option<String>,
    pub(crate) family: Option<String>,
    pub(crate) kind: CatalogKind,
    pub(crate) canonical_unit: String,
    pub(crate) si_unit: String,
    #[serde(default)]
    pub(crate) accepted_units: Vec<String>,
    #[serde(default)]
    pub(crate) aliases: Vec<String>,
    pub(crate) molar_mass: Option<MolarMassEntry>,
    pub(crate) valence: Option<u8>,
    pub(crate) plausible: Option<PlausibleEntry>,
    #[serde(default)]
    pub(crate) loinc: Vec<LoincEntry>,
}

/// A molar mass and where it comes from.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MolarMassEntry {
    pub(crate) formula: Option<String>,
    pub(crate) g_per_mol: f64,
    pub(crate) substance: String,
    pub(crate) source: String,
}

/// Plausibility limits in a unit, with their source.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlausibleEntry {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) unit: String,
    pub(crate) source: String,
}

/// One LOINC term of an analyte.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LoincEntry {
    pub(crate) code: String,
    pub(crate) long_name: String,
    pub(crate) property: String,
    pub(crate) system: String,
    #[serde(default)]
    pub(crate) method: String,
    pub(crate) source: String,
}

/// The catalog's quantity kinds: finer than [`QuantityKind`] for dimensionless ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AnalyteKind {
    /// Mass per volume.
    MassConcentration,
    /// Amount of substance per volume.
    SubstanceConcentration,
    /// Count per volume.
    NumberConcentration,
    /// Count fraction (a differential percentage).
    NumberFraction,
    /// Volume fraction (hematocrit).
    VolumeFraction,
    /// A ratio of two results.
    Ratio,
    /// Volume per entity (MCV).
    EntiticVolume,
    /// Mass per entity (MCH).
    EntiticMass,
    /// Catalytic activity per volume (enzymes).
    CatalyticConcentration,
    /// International units per volume (TSH).
    ArbitraryConcentration,
    /// Volume rate normalised to body surface area (eGFR).
    VolumeRatePerArea,
}

pub(crate) type CatalogKind = AnalyteKind;

impl AnalyteKind {
    /// The snake_case name used in catalog files.
    pub const fn as_str(self) -> &'static str {
        match self {
            AnalyteKind::MassConcentration => "mass_concentration",
            AnalyteKind::SubstanceConcentration => "substance_concentration",
            AnalyteKind::NumberConcentration => "number_concentration",
            AnalyteKind::NumberFraction => "number_fraction",
            AnalyteKind::VolumeFraction => "volume_fraction",
            AnalyteKind::Ratio => "ratio",
            AnalyteKind::EntiticVolume => "entitic_volume",
            AnalyteKind::EntiticMass => "entitic_mass",
            AnalyteKind::CatalyticConcentration => "catalytic_concentration",
            AnalyteKind::ArbitraryConcentration => "arbitrary_concentration",
            AnalyteKind::VolumeRatePerArea => "volume_rate_per_area",
        }
    }

    /// The unit quantity kind that expresses this analyte kind directly.
    pub fn quantity_kind(self) -> QuantityKind {
        match self {
            AnalyteKind::MassConcentration => QuantityKind::MassConcentration,
            AnalyteKind::SubstanceConcentration => QuantityKind::SubstanceConcentration,
            AnalyteKind::NumberConcentration => QuantityKind::NumberConcentration,
            AnalyteKind::NumberFraction | AnalyteKind::VolumeFraction | AnalyteKind::Ratio => QuantityKind::Fraction,
            AnalyteKind::EntiticVolume => QuantityKind::EntiticVolume,
            AnalyteKind::EntiticMass => QuantityKind::EntiticMass,
            AnalyteKind::CatalyticConcentration => QuantityKind::CatalyticConcentration,
            AnalyteKind::ArbitraryConcentration => QuantityKind::ArbitraryConcentration,
            AnalyteKind::VolumeRatePerArea => QuantityKind::VolumeRate,
        }
    }
}
