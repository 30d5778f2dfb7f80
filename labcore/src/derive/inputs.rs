//! The results a derivation may use: the first mapped result of each analyte, in conventional units.

use crate::catalog::{Analyte, Catalog};
use crate::report::{NormalizedResult, UnitSystem};
use crate::units::convert;

/// Why a present result cannot feed a derivation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unusable {
    /// A bound (`<5`), not a measurement.
    Bound,
    /// Outside the plausibility limits.
    Implausible,
    /// Implausible or critical in its unit but ordinary in another (`unit_suspected`): which is right is not known.
    UnitSuspected,
    /// Text, or no usable unit.
    NotNumeric,
}

/// One analyte's first result.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Input {
    /// Usable: the result's index and its value in the analyte's conventional unit.
    Value { index: usize, value: f64 },
    /// Present but unusable.
    Unusable { index: usize, why: Unusable },
}

/// The first result of each analyte, by catalog position.
#[derive(Debug)]
pub(crate) struct Inputs<'c> {
    catalog: &'c Catalog,
    by_position: Vec<Option<Input>>,
}

impl<'c> Inputs<'c> {
    /// Collects inputs from the normalised results and the analytes they were matched to.
    pub(crate) fn collect(
        catalog: &'c Catalog,
        results: &[NormalizedResult],
        matched: &[(usize, Option<&'c Analyte>)],
        system: UnitSystem,
    ) -> Inputs<'c> {
        let mut by_position: Vec<Option<Input>> = vec![None; catalog.analytes().len()];
        for (result, (_, analyte)) in results.iter().zip(matched) {
            let Some(analyte) = analyte else { continue };
            if let Some(slot @ None) = by_position.get_mut(analyte.position) {
                *slot = Some(input(result, analyte, system));
            }
        }
        Inputs { catalog, by_position }
    }

    /// The first result of the analyte at this catalog position.
    pub(crate) fn at(&self, position: usize) -> Option<Input> {
        self.by_position.get(position).copied().flatten()
    }

    /// The catalog.
    pub(crate) fn catalog(&self) -> &'c Catalog {
        self.catalog
    }
}

fn input(result: &NormalizedResult, analyte: &Analyte, system: UnitSystem) -> Input {
    let index = result.index;
    let unusable = |why| Input::Unusable { index, why };
    if result.plausible == Some(false) {
        return unusable(Unusable::Implausible);
    }
    if result.unit_suspected {
        return unusable(Unusable::UnitSuspected);
    }
    if result.comparator.is_some() {
        return unusable(Unusable::Bound);
    }
    let Some(value) = result.value else { return unusable(Unusable::NotNumeric) };
    let value = match system {
        UnitSystem::Conventional => Some(value),
        // Rounded to 12 significant digits, so that triglycerides of 800 mg/dL reported in mmol/L meet the
        // equations' limits (Sampson/NIH: up to 800 mg/dL) exactly as they do in conventional units.
        UnitSystem::Si => convert(value, analyte.si_unit(), analyte.canonical_unit(), analyte.bridges())
            .ok()
            .map(crate::normalize::tidy),
    };
    match value {
        Some(value) => Input::Value { index, value },
        None => unusable(Unusable::NotNumeric),
    }
}
