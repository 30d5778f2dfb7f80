//! Consistency rules across results: parts that cannot add up to more than their whole (the percentages of a
//! differential, 100 %; its absolute counts, the WBC), as data (`catalog/consistency.toml`).

use serde::Deserialize;
use std::sync::Arc;

use super::{Catalog, CatalogError};
use crate::units::Unit;

/// A `[[sum]]` entry as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SumEntry {
    pub(crate) id: String,
    pub(crate) parts: Vec<String>,
    /// The whole as an analyte (`wbc`) ...
    pub(crate) whole: Option<String>,
    /// ... or as a number (`100` %), in `unit`.
    pub(crate) total: Option<f64>,
    pub(crate) unit: String,
    pub(crate) rounding: f64,
    pub(crate) source: String,
}

/// What the parts of a sum rule are a part of.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Whole {
    /// A result of this analyte (its position in the catalog).
    Analyte(usize),
    /// A fixed total, in the rule's unit.
    Total(f64),
}

/// A rule: the parts present in a report may not sum to more than the whole plus what rounding explains.
#[derive(Debug, Clone, PartialEq)]
pub struct SumRule {
    /// A stable id (`differential_percent`).
    pub id: String,
    /// Positions of the part analytes.
    pub parts: Vec<usize>,
    /// The whole.
    pub whole: Whole,
    /// The unit the parts and the whole are compared in.
    pub unit: Unit,
    /// How much rounding may add per reported number (each part, and the whole when it is a result), in `unit`.
    pub rounding: f64,
    /// Where the rule and its rounding come from.
    pub source: Arc<str>,
}

/// Checks the `[[sum]]` entries against the catalog's analytes.
pub(crate) fn build(catalog: &Catalog, file: &str, entries: &[SumEntry]) -> Result<Vec<SumRule>, CatalogError> {
    entries.iter().enumerate().map(|(i, entry)| build_one(catalog, file, i, entry)).collect()
}

fn build_one(catalog: &Catalog, file: &str, index: usize, entry: &SumEntry) -> Result<SumRule, CatalogError> {
    let invalid = |problem: &str| CatalogError::Invalid {
        file: file.into(),
        entry: format!("sum[{index}]"),
        problem: problem.into(),
    };
    let unit = catalog.units().parse_ucum(&entry.unit).map_err(|_| invalid("the unit is not UCUM"))?;
    let position = |id: &str| {
        let analyte = catalog.analyte(id).ok_or_else(|| invalid("a part or the whole is not a catalog analyte"))?;
        if !unit.kind().is_some_and(|k| analyte.accepts(k)) {
            return Err(invalid("the unit cannot express a part or the whole"));
        }
        Ok(analyte.position)
    };
    let parts = entry.parts.iter().map(|id| position(id)).collect::<Result<Vec<_>, _>>()?;
    let whole = match (&entry.whole, entry.total) {
        (Some(id), None) => Whole::Analyte(position(id)?),
        (None, Some(total)) if total.is_finite() && total > 0.0 => Whole::Total(total),
        _ => return Err(invalid("a sum has either a `whole` analyte or a positive finite `total`")),
    };
    let well_formed = (2..=64).contains(&parts.len())
        && entry.rounding.is_finite()
        && entry.rounding >= 0.0
        && !entry.source.trim().is_empty();
    if !well_formed {
        return Err(invalid("a sum needs 2 to 64 parts, a rounding of zero or more and a source"));
    }
    Ok(SumRule {
        id: entry.id.clone(),
        parts,
        whole,
        unit,
        rounding: entry.rounding,
        source: entry.source.as_str().into(),
    })
}
