//! Checks across results: duplicates and panel membership.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::finding::Findings;
use crate::report::NormalizedResult;
use crate::{Finding, FindingCode, JsonPointer, Panel, Severity};

/// Reports every repeat of an analyte already reported earlier in the payload.
pub(crate) fn check_duplicates(results: &[NormalizedResult], findings: &mut Findings) {
    let mut first_seen: HashMap<&str, usize> = HashMap::new();
    for result in results {
        let Some(id) = result.analyte.as_deref() else { continue };
        match first_seen.get(id) {
            Some(first) => {
                let display = result.display.as_deref().unwrap_or(id);
                let message = format!("{display} is reported more than once (first at /results/{first})");
                let path = JsonPointer::root().key("results").index(result.index);
                findings.push(FindingCode::DuplicateAnalyte, path, message);
            }
            None => {
                first_seen.insert(id, result.index);
            }
        }
    }
}

/// Reports results outside the declared panel, and an error when no mapped result belongs to it.
pub(crate) fn check_panel(catalog: &Catalog, panel: Panel, results: &[NormalizedResult], findings: &mut Findings) {
    let mut belonging = 0usize;
    let mut mapped = 0usize;
    for result in results {
        let Some(analyte) = result.analyte.as_deref().and_then(|id| catalog.analyte(id)) else { continue };
        mapped += 1;
        if analyte.belongs_to(panel) {
            belonging += 1;
        } else {
            let message = format!("{} is not part of the {panel} panel", analyte.display());
            let path = JsonPointer::root().key("results").index(result.index);
            findings.push(FindingCode::PanelMismatch, path, message);
        }
    }
    if mapped > 0 && belonging == 0 {
        let message = format!("none of the results belongs to the declared {panel} panel");
        let finding = Finding::new(FindingCode::PanelMismatch, JsonPointer::root().key("test_type"), message)
            .with_severity(Severity::Error);
        findings.push_finding(finding);
    }
}
