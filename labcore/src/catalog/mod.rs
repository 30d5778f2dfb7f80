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

mod analyte;
mod load;
mod model;
mod names;

pub use analyte::{Analyte, LoincTerm, MolarMass, Plausible};
pub use model::AnalyteKind;
pub use names::name_key;

pub(crate) use load::same_unit;

use std::borrow::Cow;

use crate::hash::FastMap;

use crate::LoincCode;
use crate::units::{UnitError, UnitParser, UnitReading};

/// The catalog files built into labcore, by name.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("cbc.toml", include_str!("../../catalog/cbc.toml")),
    ("cmp.toml", include_str!("../../catalog/cmp.toml")),
    ("lipid.toml", include_str!("../../catalog/lipid.toml")),
    ("thyroid.toml", include_str!("../../catalog/thyroid.toml")),
];

/// Unit spellings read once when a catalog is built, so that the common ones cost a hash look-up.
const COMMON_SPELLINGS: &[&str] = &[
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

/// Why a catalog could not be loaded. Catalogs are configuration, not patient data: messages may quote them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CatalogError {
    /// A file is not valid TOML or does not follow the catalog format.
    #[error("{file}: not a catalog file: {message}")]
    Syntax {
        /// The file name given.
        file: String,
        /// What the TOML reader said.
        message: String,
    },
    /// An analyte breaks a rule (unit not UCUM, bad LOINC check digit, missing source, alias clash…).
    #[error("{file}: analyte `{analyte}`: {problem}")]
    Invalid {
        /// The file name given.
        file: String,
        /// The analyte id.
        analyte: String,
        /// What is wrong.
        problem: String,
    },
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

/// A loaded, checked catalog with its indexes. Build it once and share it (it is `Send + Sync`).
#[derive(Debug, Clone)]
pub struct Catalog {
    analytes: Vec<Analyte>,
    by_id: FastMap<String, usize>,
    by_loinc: FastMap<LoincCode, usize>,
    by_name: FastMap<String, Vec<usize>>,
    units: UnitParser,
    unit_cache: FastMap<String, Result<UnitReading, UnitError>>,
}

impl Catalog {
    /// The catalog built into labcore (CBC, CMP, lipid and thyroid panels). Fails only if the embedded data is
    /// corrupt, which the crate's tests rule out.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        Catalog::from_files(BUILTIN_FILES)
    }

    /// A catalog from `(file name, TOML text)` pairs in the format of `catalog/README.md`.
    pub fn from_files(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
        let units = UnitParser::new();
        let mut analytes = Vec::new();
        for (name, text) in files {
            for entry in load::parse_file(name, text)? {
                analytes.push((name.to_string(), load::build(name, entry, &units)?));
            }
        }
        let mut catalog = Catalog {
            analytes: Vec::with_capacity(analytes.len()),
            by_id: FastMap::default(),
            by_loinc: FastMap::default(),
            by_name: FastMap::default(),
            units,
            unit_cache: FastMap::default(),
        };
        for (file, analyte) in analytes {
            catalog.index(&file, analyte)?;
        }
        catalog.warm_unit_cache();
        Ok(catalog)
    }

    fn index(&mut self, file: &str, mut analyte: Analyte) -> Result<(), CatalogError> {
        let at = self.analytes.len();
        analyte.position = at;
        let invalid =
            |problem: String| CatalogError::Invalid { file: file.into(), analyte: analyte.id.to_string(), problem };
        if self.by_id.insert(analyte.id.to_string(), at).is_some() {
            return Err(invalid("id used twice".into()));
        }
        for term in &analyte.loinc {
            if self.by_loinc.insert(term.code, at).is_some() {
                return Err(invalid(format!("LOINC {} listed on two analytes", term.code)));
            }
        }
        let names = analyte.aliases.iter().map(String::as_str).chain([&*analyte.id, &*analyte.display]);
        for key in names.map(name_key).filter(|k| !k.is_empty()) {
            let members = self.by_name.entry(key.clone()).or_default();
            if let Some(other) =
                members.iter().filter_map(|i| self.analytes.get(*i)).find(|o| o.family != analyte.family)
            {
                return Err(invalid(format!("name `{key}` is also used by `{}` of another family", other.id)));
            }
            if !members.contains(&at) {
                members.push(at);
            }
        }
        self.analytes.push(analyte);
        Ok(())
    }

    fn warm_unit_cache(&mut self) {
        let catalog_units = self.analytes.iter().flat_map(|a| {
            [&a.canonical_unit, &a.si_unit].into_iter().chain(&a.accepted_units).map(|u| u.ucum().to_owned())
        });
        let spellings: Vec<String> = catalog_units.chain(COMMON_SPELLINGS.iter().map(|s| s.to_string())).collect();
        for text in spellings {
            let reading = self.units.read(&text);
            self.unit_cache.insert(text, reading);
        }
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
    /// Exact key first; then the key without qualifying words ("Glucose, Serum").
    pub fn find_by_name(&self, name: &str) -> impl Iterator<Item = &Analyte> {
        self.name_matches(name).iter().filter_map(|i| self.analytes.get(*i))
    }

    /// Indices of the analytes a name may mean (empty when none).
    pub(crate) fn name_matches(&self, name: &str) -> &[usize] {
        let exact = names::with_key(name, |key| self.by_name.get(key));
        let members = exact.or_else(|| names::loose_key(name).and_then(|key| self.by_name.get(&key)));
        members.map_or(&[], Vec::as_slice)
    }

    /// The analyte at an index of [`analytes`](Catalog::analytes).
    pub(crate) fn at(&self, index: usize) -> Option<&Analyte> {
        self.analytes.get(index)
    }

    /// The unit parser this catalog uses.
    pub fn units(&self) -> &UnitParser {
        &self.units
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
