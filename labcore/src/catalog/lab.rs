//! A laboratory's own reference intervals, critical limits and delta-check rules, overriding the catalog's defaults.

use super::model::CatalogFile;
use super::ranges::{self, DeltaRule, Fit};
use super::{Age, Analyte, Catalog, CatalogError};
use crate::Sex;

/// A lab-specific catalog: reference intervals, critical limits and delta-check rules loaded from a file (TOML or
/// JSON, the formats of `catalog/reference_intervals.toml`, `critical_limits.toml` and `delta_checks.toml`, with
/// `[[interval]]`, `[[critical]]` and `[[delta]]` entries and an optional `lab_id`). For an analyte it lists, the
/// lab's interval or critical limits that fit the patient win; when none fits a patient whose sex and age are
/// known, the catalog's default applies (and the report's `origin` says so). Its delta rules for an analyte
/// replace the catalog's. It is applied only to payloads of its own laboratory: when both name one, `lab_id` must
/// be the payload's (`lab_catalog_mismatch` otherwise, and none of it is used).
///
/// ```
/// use labcore::catalog::{Catalog, LabCatalog};
/// let catalog = Catalog::builtin()?;
/// let lab = LabCatalog::from_toml(&catalog, "acme.toml", r#"
///     lab_id = "ACME"
///     [[interval]]
///     analyte = "glucose"
///     low = 65
///     high = 95
///     unit = "mg/dL"
///     source = "ACME Laboratory, verified 2026 on 240 fasting adults"
/// "#)?;
/// assert_eq!(lab.lab_id(), Some("ACME"));
/// # Ok::<(), labcore::catalog::CatalogError>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct LabCatalog {
    lab_id: Option<String>,
    limits: ranges::LimitTables,
}

impl LabCatalog {
    /// Reads a lab catalog written in TOML.
    #[cfg(feature = "toml")]
    pub fn from_toml(catalog: &Catalog, name: &str, text: &str) -> Result<LabCatalog, CatalogError> {
        LabCatalog::build(catalog, name, super::load::parse_file(name, text)?)
    }

    /// Reads a lab catalog written in JSON (`{"lab_id": …, "interval": […], "critical": […]}`).
    pub fn from_json(catalog: &Catalog, name: &str, text: &str) -> Result<LabCatalog, CatalogError> {
        LabCatalog::build(catalog, name, super::load::parse_json_file(name, text)?)
    }

    fn build(catalog: &Catalog, name: &str, file: CatalogFile) -> Result<LabCatalog, CatalogError> {
        if !file.analyte.is_empty() || !file.panel.is_empty() || !file.order_code.is_empty() || !file.sum.is_empty() {
            let problem = "a lab catalog holds only [[interval]], [[critical]] and [[delta]] entries".to_owned();
            return Err(CatalogError::Invalid { file: name.into(), entry: String::new(), problem });
        }
        let limits = ranges::LimitTables::build(catalog, [(name, &file)])?;
        Ok(LabCatalog { lab_id: file.lab_id, limits })
    }

    /// The laboratory the catalog belongs to, if it says.
    pub fn lab_id(&self) -> Option<&str> {
        self.lab_id.as_deref()
    }

    /// The lab's interval for a patient; `Fit::None` when the lab lists none for the analyte.
    pub fn interval_for(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        self.limits.fit_interval(analyte, sex, age)
    }

    /// The lab's critical limits for a patient; `Fit::None` when the lab lists none for the analyte.
    pub fn critical_for(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        self.limits.fit_critical(analyte, sex, age)
    }

    /// The lowest low and highest high of the lab's intervals of an analyte, in its canonical unit.
    pub(crate) fn interval_span(&self, analyte: &Analyte) -> Option<(f64, f64)> {
        self.limits.span(analyte)
    }

    /// The lab's delta-check rules for an analyte (empty when it keeps the catalog's).
    pub fn delta_rules(&self, analyte: &Analyte) -> &[DeltaRule] {
        self.limits.deltas(analyte)
    }
}
