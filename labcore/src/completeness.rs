//! Panel completeness: which expected analytes of the declared panel are missing, substitutes counted
//! (total CO2 for bicarbonate, any LDL-C method, a differential as counts or percentages).

use serde::Serialize;

use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::{FindingCode, JsonPointer, Panel};

/// What the declared panel expects and what is missing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Completeness<'c> {
    /// The declared panel.
    pub panel: Panel,
    /// `true` when every expected group is present.
    pub complete: bool,
    /// Number of expected groups.
    pub expected: usize,
    /// Groups with no result, each with the analytes that would fill it.
    pub missing: Vec<MissingGroup<'c>>,
}

/// An expected group of analytes with no result.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct MissingGroup<'c> {
    /// The group (e.g. `co2`, `ldl`, or the analyte id when it has no substitutes).
    pub group: &'c str,
    /// Any of these analytes fills it.
    pub any_of: Vec<&'c str>,
}

/// Checks that every expected group of `panel` has a result; a missing one is a `panel_incomplete` finding.
pub(crate) fn check<'c>(
    catalog: &'c Catalog,
    panel: Panel,
    matched: &[(usize, Option<&Analyte>)],
    findings: &mut Findings,
) -> Completeness<'c> {
    let mut present = vec![false; catalog.analytes().len()];
    for analyte in matched.iter().filter_map(|(_, a)| *a) {
        if let Some(slot) = present.get_mut(analyte.position) {
            *slot = true;
        }
    }
    let groups = catalog.expected_groups(panel);
    let missing: Vec<MissingGroup<'c>> = groups
        .iter()
        .filter(|g| !g.members.iter().any(|m| present.get(*m).copied().unwrap_or(false)))
        .map(|g| MissingGroup {
            group: &g.group,
            any_of: g.members.iter().filter_map(|m| catalog.analytes().get(*m)).map(Analyte::id).collect(),
        })
        .collect();
    if !missing.is_empty() {
        let names: Vec<&str> = missing
            .iter()
            .filter_map(|m| m.any_of.first())
            .filter_map(|id| catalog.analyte(id))
            .map(Analyte::display)
            .collect();
        let message = format!("the {panel} panel lacks {}", names.join(", "));
        findings.push(FindingCode::PanelIncomplete, JsonPointer::root().key("results"), message);
    }
    Completeness { panel, complete: missing.is_empty(), expected: groups.len(), missing }
}
