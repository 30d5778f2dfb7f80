//! An analyte as the catalog knows it, units parsed and codes checked.

use serde::Serialize;
use std::sync::Arc;

use super::model::AnalyteKind;
use crate::units::{Bridges, QuantityKind, Unit};
use crate::{LoincCode, Panel};

/// A molar mass and its source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MolarMass {
    /// The chemical formula the mass is computed from, when the substance has one (a test recomputes it).
    pub formula: Option<String>,
    /// Grams per mole.
    pub g_per_mol: f64,
    /// What substance the mass is of (e.g. "D-glucose, C6H12O6").
    pub substance: String,
    /// Where the value comes from.
    pub source: String,
}

/// Limits outside which a value cannot occur in a living patient, and their source.
#[derive(Debug, Clone, PartialEq)]
pub struct Plausible {
    /// Lowest plausible value, in `unit`.
    pub low: f64,
    /// Highest plausible value, in `unit`.
    pub high: f64,
    /// The unit of the limits.
    pub unit: Unit,
    /// Where the limits come from.
    pub source: String,
}

/// A LOINC term of an analyte.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoincTerm {
    /// The code (check digit verified).
    pub code: LoincCode,
    /// The LOINC long common name.
    pub long_name: String,
    /// The LOINC PROPERTY axis (`MCnc`, `SCnc`, `NCnc`, …).
    pub property: String,
    /// The LOINC SYSTEM axis (`Ser/Plas`, `Bld`, `RBC`, …).
    pub system: String,
    /// The LOINC METHOD axis, empty when method-less.
    pub method: String,
    /// Where the code was checked.
    pub source: String,
    /// The kind the property implies, computed once.
    #[serde(skip)]
    pub(crate) kind: Option<QuantityKind>,
}

impl LoincTerm {
    /// The unit quantity kind the LOINC property implies, when it implies one.
    pub fn quantity_kind(&self) -> Option<QuantityKind> {
        self.kind
    }

    /// The unit quantity kind a LOINC property implies.
    pub(crate) fn kind_of(property: &str) -> Option<QuantityKind> {
        Some(match property {
            "MCnc" | "EntMCnc" => QuantityKind::MassConcentration,
            "SCnc" | "EntSCnc" => QuantityKind::SubstanceConcentration,
            "NCnc" => QuantityKind::NumberConcentration,
            "NFr" | "VFr" | "MFr" | "Ratio" | "MRto" | "SRto" | "RelMCnc" => QuantityKind::Fraction,
            "EntVol" => QuantityKind::EntiticVolume,
            "EntMass" => QuantityKind::EntiticMass,
            "EntSub" => QuantityKind::EntiticAmount,
            "CCnc" => QuantityKind::CatalyticConcentration,
            "ACnc" => QuantityKind::ArbitraryConcentration,
            "VRat" | "ArVRat" => QuantityKind::VolumeRate,
            _ => return None,
        })
    }

    /// Whether the term is for whole blood (as opposed to serum or plasma).
    pub fn is_blood(&self) -> bool {
        self.system == "Bld"
    }
}

/// An analyte of the catalog.
#[derive(Debug, Clone, PartialEq)]
pub struct Analyte {
    /// Position in the catalog's analyte list.
    pub(crate) position: usize,
    pub(crate) id: Arc<str>,
    pub(crate) display: Arc<str>,
    pub(crate) panels: Vec<Panel>,
    pub(crate) optional_in: Vec<Panel>,
    pub(crate) group: String,
    pub(crate) family: String,
    pub(crate) kind: AnalyteKind,
    pub(crate) canonical_unit: Unit,
    pub(crate) si_unit: Unit,
    pub(crate) accepted_units: Vec<Unit>,
    pub(crate) aliases: Vec<String>,
    pub(crate) molar_mass: Option<MolarMass>,
    pub(crate) valence: Option<u8>,
    pub(crate) plausible: Option<Plausible>,
    /// The plausibility limits in the canonical unit, converted once when the catalog is built (every sender's
    /// range is checked against them).
    pub(crate) plausible_canonical: Option<(f64, f64)>,
    pub(crate) loinc: Vec<LoincTerm>,
}

impl Analyte {
    /// The stable id (`glucose`, `neutrophils_pct`).
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The display name.
    pub fn display(&self) -> &str {
        &self.display
    }

    /// Panels this analyte is an expected member of.
    pub fn panels(&self) -> &[Panel] {
        &self.panels
    }

    /// Whether the analyte may appear in `panel` (expected or optional).
    pub fn belongs_to(&self, panel: Panel) -> bool {
        self.panels.contains(&panel) || self.optional_in.contains(&panel)
    }

    /// The completeness group (analytes of one group stand in for each other).
    pub fn group(&self) -> &str {
        &self.group
    }

    /// The quantity kind.
    pub fn kind(&self) -> AnalyteKind {
        self.kind
    }

    /// The US conventional unit labcore normalises to by default.
    pub fn canonical_unit(&self) -> &Unit {
        &self.canonical_unit
    }

    /// The SI unit.
    pub fn si_unit(&self) -> &Unit {
        &self.si_unit
    }

    /// The units labs usually report it in.
    pub fn accepted_units(&self) -> &[Unit] {
        &self.accepted_units
    }

    /// Vendor names.
    pub fn aliases(&self) -> &[String] {
        &self.aliases
    }

    /// The molar mass, where a mass ↔ substance conversion is justified.
    pub fn molar_mass(&self) -> Option<&MolarMass> {
        self.molar_mass.as_ref()
    }

    /// The ion's charge number, where equivalents are meaningful.
    pub fn valence(&self) -> Option<u8> {
        self.valence
    }

    /// The plausibility limits.
    pub fn plausible(&self) -> Option<&Plausible> {
        self.plausible.as_ref()
    }

    /// The LOINC terms, preferred first.
    pub fn loinc(&self) -> &[LoincTerm] {
        &self.loinc
    }

    /// What the analyte's facts allow to bridge between quantity kinds.
    pub fn bridges(&self) -> Bridges {
        Bridges { molar_mass: self.molar_mass.as_ref().map(|m| m.g_per_mol), valence: self.valence }
    }

    /// Whether a unit of `kind` can express this analyte (directly, or through a sourced bridge).
    pub fn accepts(&self, kind: QuantityKind) -> bool {
        let own = self.kind.quantity_kind();
        let with_molar_mass = self.molar_mass.is_some();
        let with_valence = self.valence.is_some();
        kind == own
            || match (own, kind) {
                (QuantityKind::MassConcentration, QuantityKind::SubstanceConcentration)
                | (QuantityKind::SubstanceConcentration, QuantityKind::MassConcentration)
                | (QuantityKind::EntiticMass, QuantityKind::EntiticAmount) => with_molar_mass,
                (QuantityKind::SubstanceConcentration, QuantityKind::EquivalentConcentration) => with_valence,
                (QuantityKind::MassConcentration, QuantityKind::EquivalentConcentration) => {
                    with_valence && with_molar_mass
                }
                // IU/L for an enzyme is the enzyme unit; mU/L for TSH is milli-international units.
                (QuantityKind::CatalyticConcentration, QuantityKind::ArbitraryConcentration)
                | (QuantityKind::ArbitraryConcentration, QuantityKind::CatalyticConcentration) => true,
                _ => false,
            }
    }

    /// The LOINC term to report for a value in `unit` from a `blood` or serum/plasma specimen: the sent term
    /// when it fits, else the first term of the right property and system, else the first of the right property.
    pub fn loinc_for(&self, unit: QuantityKind, blood: Option<bool>, sent: Option<LoincCode>) -> Option<&LoincTerm> {
        let fits = |t: &&LoincTerm| t.quantity_kind() == Some(unit);
        if let Some(term) = sent.and_then(|code| self.loinc.iter().find(|t| t.code == code)).filter(fits) {
            return Some(term);
        }
        let system_fits = |t: &&LoincTerm| blood.is_none_or(|b| t.is_blood() == b || t.system != "Bld" && !b);
        self.loinc.iter().filter(fits).find(system_fits).or_else(|| self.loinc.iter().find(fits))
    }
}
