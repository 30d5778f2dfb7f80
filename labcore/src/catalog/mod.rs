//! The analyte catalog: what labcore knows about each analyte, loaded from data files with their sources.
//!
//! ```
//! use labcore::catalog::Catalog;
//! let catalog = Catalog::builtin()?;
//! let glucose = catalog.analyte("glucose").unwrap();
//! assert_eq!(glucose.canonical_unit().ucum(), "mg/dL");
//! assert_eq!(catalog.find_by_name("GLU").next().map(|a| a.id()), Some("glucose"));
//! # Ok::<(), labcore::catalog::CatalogError>(())
//! ```

mod age;
mod analyte;
mod build;
mod lab;
mod load;
mod model;
mod names;
mod problem;
mod ranges;
mod scope;
mod sums;

pub use age::{Age, AgeBand, AgeLimit, AgeUnit, MAX_AGE_YEARS};
pub use analyte::{Analyte, LoincTerm, MolarMass, Plausible};
pub use lab::LabCatalog;
pub use model::AnalyteKind;
pub use names::name_key;
pub(crate) use names::with_name_key;
pub use ranges::{DeltaCompare, DeltaDirection, DeltaRule, Fit, Limits, SexFilter};
pub use sums::{SumRule, Whole};

pub(crate) use load::same_unit;

use std::borrow::Cow;

use crate::hash::FastMap;

use crate::units::{QuantityKind, Unit, UnitError, UnitParser, UnitReading};
use crate::{LoincCode, Panel, Sex};

/// The catalog files built into labcore, by name.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("cbc.toml", include_str!("../../catalog/cbc.toml")),
    ("cmp.toml", include_str!("../../catalog/cmp.toml")),
    ("lipid.toml", include_str!("../../catalog/lipid.toml")),
    ("thyroid.toml", include_str!("../../catalog/thyroid.toml")),
    ("reference_intervals.toml", include_str!("../../catalog/reference_intervals.toml")),
    ("critical_limits.toml", include_str!("../../catalog/critical_limits.toml")),
    ("delta_checks.toml", include_str!("../../catalog/delta_checks.toml")),
    ("panels.toml", include_str!("../../catalog/panels.toml")),
    ("consistency.toml", include_str!("../../catalog/consistency.toml")),
];

/// The same files as compact JSON, converted by `build.rs` (what [`Catalog::builtin`] loads).
const BUILTIN_JSON: &[(&str, &str)] = &[
    ("cbc.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/cbc.json"))),
    ("cmp.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/cmp.json"))),
    ("lipid.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/lipid.json"))),
    ("thyroid.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/thyroid.json"))),
    ("reference_intervals.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/reference_intervals.json"))),
    ("critical_limits.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/critical_limits.json"))),
    ("delta_checks.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/delta_checks.json"))),
    ("panels.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/panels.json"))),
    ("consistency.toml", include_str!(concat!(env!("OUT_DIR"), "/catalog/consistency.json"))),
];

/// Unit spellings read once when a catalog is built, so that the common ones cost a hash look-up.
pub(crate) const COMMON_SPELLINGS: &[&str] = &[
    "mg/dl",
    "MG/DL",
    "mmol/l",
    "MMOL/L",
    "umol/l",
    "µmol/L",
    "UMOL/L",
    "g/dl",
    "G/DL",
    "g/l",
    "G/L",
    "K/uL",
    "K/µL",
    "k/ul",
    "x10^3/uL",
    "x10E3/uL",
    "10^3/uL",
    "x10^9/L",
    "10^9/L",
    "x10E9/L",
    "M/uL",
    "x10^6/uL",
    "x10E6/uL",
    "10^6/uL",
    "x10^12/L",
    "10^12/L",
    "fl",
    "FL",
    "PG",
    "%",
    "U/L",
    "IU/L",
    "u/l",
    "mEq/L",
    "meq/l",
    "MEQ/L",
    "mIU/L",
    "uIU/mL",
    "µIU/mL",
    "mU/L",
    "ng/dl",
    "NG/DL",
    "pg/ml",
    "PG/ML",
    "ug/dl",
    "mcg/dL",
    "nmol/l",
    "pmol/l",
    "L/L",
    "l/l",
    "mL/min/1.73m2",
    "mL/min/1.73 m2",
    "ratio",
];

/// Why a catalog could not be loaded.
///
/// Nothing written in a laboratory's catalog ([`LabCatalog`]) is quoted: a message gives the file name, where
/// (a line and column, or an entry's place such as `interval[3]`), the analyte's id in labcore's catalog when the
/// entry names a known one, and what kind of problem it is — a lab's file may be pasted from anywhere. Definitions
/// of analytes and panels ([`Catalog::from_files`], the built-in files) are the catalog's own source, maintained
/// with labcore: their errors also name the analyte and the unit or code at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// A file is not valid TOML or JSON, or does not follow the catalog format.
    #[error("{file}: not a catalog file: {message}")]
    Syntax {
        /// The file name given.
        file: String,
        /// What kind of problem, and where, in labcore's words (never the reader's message, which quotes the file).
        message: String,
    },
    /// An entry breaks a rule (unit not UCUM, bad LOINC check digit, missing source, alias clash…).
    #[error("{file}: {}{problem}", entry_prefix(entry))]
    Invalid {
        /// The file name given.
        file: String,
        /// Which entry: ``analyte `wbc` `` for a definition; for a limit or delta rule its place and, when it
        /// names an analyte labcore knows, that analyte's id (`interval[3] (potassium)`); empty for the whole file.
        entry: String,
        /// What is wrong.
        problem: String,
    },
}

/// `entry: `, or nothing for an error about the whole file.
fn entry_prefix(entry: &str) -> String {
    if entry.is_empty() { String::new() } else { format!("{entry}: ") }
}

impl CatalogError {
    /// A stable snake_case code.
    pub fn code(&self) -> &'static str {
        match self {
            CatalogError::Syntax { .. } => "catalog_syntax",
            CatalogError::Invalid { .. } => "catalog_invalid",
        }
    }
}

/// A name's count (`#`) or percent (`%`) marker, when it decides between the members of a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marker {
    Count,
    Percent,
}

impl Marker {
    /// Whether an analyte is of the kind the marker names.
    pub(crate) fn fits(self, analyte: &Analyte) -> bool {
        let kind = analyte.kind().quantity_kind();
        match self {
            Marker::Count => kind == QuantityKind::NumberConcentration,
            Marker::Percent => kind == QuantityKind::Fraction,
        }
    }
}

/// A loaded, checked catalog with its indexes. Build it once and share it (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Catalog {
    analytes: Vec<Analyte>,
    by_id: FastMap<String, usize>,
    by_loinc: FastMap<LoincCode, usize>,
    by_name: names::NameIndex,
    /// The analytes by the loose keys of their names (see `build::file_name`), looked up last.
    by_loose_name: names::NameIndex,
    units: UnitParser,
    unit_cache: FastMap<String, Result<UnitReading, UnitError>>,
    /// Cached units re-read for an enzyme (`[IU]` → `U`) and for an immunoassay (`U` → `[IU]`), by UCUM text.
    swapped: [FastMap<String, crate::units::Unit>; 2],
    /// Reference intervals, critical limits and delta-check rules.
    limits: ranges::LimitTables,
    /// Panel LOINC codes.
    panels: Vec<PanelCode>,
    /// Further LOINC codes that order one of the panels (read in HL7 OBR-4 and FHIR DiagnosticReport.code).
    order_codes: Vec<PanelCode>,
    /// For each panel, its expected completeness groups and the analyte positions that fill each.
    expected: Vec<(Panel, Vec<ExpectedGroup>)>,
    /// The derivations' analytes, resolved to positions.
    derive_plan: crate::derive::Plan,
    /// Parts that may not sum to more than their whole (a differential).
    sums: Vec<SumRule>,
}

/// A group of analytes one of which a panel expects (substitutes share a group).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedGroup {
    /// The group name (the `group` of its analytes).
    pub group: std::sync::Arc<str>,
    /// Positions (in [`Catalog::analytes`]) of the analytes that fill it.
    pub members: Vec<usize>,
}

/// A panel's LOINC code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelCode {
    /// The panel.
    pub panel: Panel,
    /// Its LOINC code.
    pub loinc: LoincCode,
    /// The LOINC long name.
    pub long_name: String,
    /// Where the code was checked.
    pub source: String,
}

impl Catalog {
    /// The catalog built into labcore (CBC with and without differential, BMP, CMP, lipid and thyroid panels, with
    /// reference intervals, critical limits, delta-check rules and panel codes). Fails only if the embedded data is corrupt, which the crate's
    /// tests rule out.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let parsed = BUILTIN_JSON.iter().map(|(name, json)| load::parse_json_file(name, json).map(|f| (*name, f)));
        build::from_parsed(parsed.collect::<Result<_, _>>()?)
    }

    /// A catalog from `(file name, TOML text)` pairs in the format of `catalog/README.md`: analytes, limits,
    /// delta rules and panel codes, in any files.
    #[cfg(feature = "toml")]
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
        let parsed = files.iter().map(|(name, text)| load::parse_file(name, text).map(|f| (*name, f)));
        build::from_parsed(parsed.collect::<Result<_, _>>()?)
    }

    /// Every analyte, in file order.
    pub fn analytes(&self) -> &[Analyte] {
        &self.analytes
    }

    /// The analyte with this id.
    pub fn analyte(&self, id: &str) -> Option<&Analyte> {
        self.by_id.get(id).and_then(|i| self.analytes.get(*i))
    }

    /// The analyte a LOINC code belongs to.
    pub fn find_by_loinc(&self, code: LoincCode) -> Option<&Analyte> {
        self.by_loinc.get(&code).and_then(|i| self.analytes.get(*i))
    }

    /// The analytes a vendor name may mean (several only within one family, told apart by unit).
    /// Exact key first; then the key without qualifying words ("Glucose, Serum"); then, for a name whose count or
    /// percent marker the catalog's spellings lack ("Neutrophils #"), the unmarked name's analytes of that kind.
    pub fn find_by_name(&self, name: &str) -> impl Iterator<Item = &Analyte> + Clone {
        let (matches, marker) = self.name_candidates(name);
        matches.iter().filter_map(|i| self.analytes.get(*i)).filter(move |a| marker.is_none_or(|m| m.fits(a)))
    }

    /// The positions [`find_by_name`](Catalog::find_by_name) draws from, and the marker its analytes must fit.
    pub(crate) fn name_candidates(&self, name: &str) -> (&[usize], Option<Marker>) {
        match self.name_matches(name) {
            [] => self.unmarked_name_matches(name).map_or((&[][..], None), |(m, marker)| (m, Some(marker))),
            matches => (matches, None),
        }
    }

    /// Indices of the analytes a name may mean (empty when none).
    fn name_matches(&self, name: &str) -> &[usize] {
        let members = (self.by_name.get(name))
            .or_else(|| self.by_name.get_loose(name))
            .or_else(|| self.by_loose_name.get(name))
            .or_else(|| self.by_loose_name.get_loose(name));
        members.map_or(&[], Vec::as_slice)
    }

    /// For a name with one kind of marker (`#` or `%`): the analytes its unmarked name matches, and the marker.
    fn unmarked_name_matches(&self, name: &str) -> Option<(&[usize], Marker)> {
        let marker = match (name.contains('#'), name.contains('%')) {
            (true, false) => Marker::Count,
            (false, true) => Marker::Percent,
            _ => return None,
        };
        // Short ASCII names (nearly all) are unmarked on the stack.
        let mut buffer = [0u8; 128];
        let mut len = 0;
        if name.is_ascii() && name.len() <= buffer.len() {
            for b in name.bytes().filter(|b| !matches!(b, b'#' | b'%')) {
                if let Some(slot) = buffer.get_mut(len) {
                    *slot = b;
                    len += 1;
                }
            }
            if let Some(unmarked) = buffer.get(..len).and_then(|b| std::str::from_utf8(b).ok()) {
                return Some((self.name_matches(unmarked), marker));
            }
        }
        let unmarked: String = name.chars().filter(|c| !matches!(c, '#' | '%')).collect();
        Some((self.name_matches(&unmarked), marker))
    }

    /// The default reference interval that fits a patient.
    pub fn interval_for(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        self.limits.fit_interval(analyte, sex, age)
    }

    /// The default critical limits that fit a patient.
    pub fn critical_for(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        self.limits.fit_critical(analyte, sex, age)
    }

    /// Every reference interval of an analyte.
    pub fn intervals(&self, analyte: &Analyte) -> &[Limits] {
        self.limits.intervals(analyte)
    }

    /// Every critical limit of an analyte.
    pub fn critical_limits(&self, analyte: &Analyte) -> &[Limits] {
        self.limits.critical(analyte)
    }

    /// The delta-check rules of an analyte.
    pub fn delta_rules(&self, analyte: &Analyte) -> &[DeltaRule] {
        self.limits.deltas(analyte)
    }

    /// The lowest low and highest high of an analyte's intervals, in its canonical unit.
    pub(crate) fn interval_span(&self, analyte: &Analyte) -> Option<(f64, f64)> {
        self.limits.span(analyte)
    }

    /// The consistency rules across results (a differential's parts and its whole), in file order.
    pub fn sum_rules(&self) -> &[SumRule] {
        &self.sums
    }

    pub(crate) fn derive_plan(&self) -> &crate::derive::Plan {
        &self.derive_plan
    }

    /// The completeness groups a panel expects.
    pub fn expected_groups(&self, panel: Panel) -> &[ExpectedGroup] {
        self.expected.iter().find(|(p, _)| *p == panel).map_or(&[], |(_, groups)| groups.as_slice())
    }

    /// The LOINC code of a panel, when the catalog has a verified one.
    pub fn panel_code(&self, panel: Panel) -> Option<&PanelCode> {
        self.panels.iter().find(|p| p.panel == panel)
    }

    /// The panel a LOINC order code stands for: a panel's own code, or another code that orders exactly the
    /// same analytes (`[[order_code]]` entries of `panels.toml`).
    pub fn panel_for_code(&self, code: LoincCode) -> Option<Panel> {
        self.panels.iter().chain(&self.order_codes).find(|p| p.loinc == code).map(|p| p.panel)
    }

    /// The unit parser this catalog uses.
    pub fn units(&self) -> &UnitParser {
        &self.units
    }

    /// A unit re-read with international units as enzyme units (`to_enzyme`), or the reverse; `None` when the
    /// unit has none to swap. Cached for the catalog's units.
    pub(crate) fn swap_international(&self, unit: &Unit, to_enzyme: bool) -> Option<Cow<'_, Unit>> {
        if let Some(swapped) = self.swapped.get(usize::from(to_enzyme)).and_then(|m| m.get(unit.ucum())) {
            return Some(Cow::Borrowed(swapped));
        }
        let swapped = if to_enzyme {
            self.units.international_as_enzyme_unit(unit)
        } else {
            self.units.enzyme_unit_as_international(unit)
        };
        swapped.map(Cow::Owned)
    }

    /// Reads a unit string, from the cache when it is a common spelling.
    pub fn read_unit(&self, text: &str) -> Result<Cow<'_, UnitReading>, UnitError> {
        match self.unit_cache.get(text) {
            Some(Ok(reading)) => Ok(Cow::Borrowed(reading)),
            Some(Err(e)) => Err(*e),
            None => self.units.read(text).map(Cow::Owned),
        }
    }
}

#[cfg(test)]
mod tests;
