//! Checks across results: duplicates and panel membership.

use crate::catalog::Analyte;
use std::sync::Arc;

use crate::finding::Findings;
use crate::{Finding, FindingCode, JsonPointer, Panel, Severity};

/// The analyte each result was matched to, with the result's index in the payload.
pub(crate) type Matched<'c> = [(usize, Option<&'c Analyte>)];

/// Reports every repeat of an analyte already reported earlier in the payload.
pub(crate) fn check_duplicates(matched: &Matched<'_>, catalog_size: usize, findings: &mut Findings) {
    // Per analyte: where it was first, and the message its repeats share (built at the first repeat).
    let mut first_seen: Vec<Option<(usize, Option<Arc<str>>)>> = vec![None; catalog_size];
    for (index, analyte) in matched {
        let Some(analyte) = analyte else { continue };
        match first_seen.get_mut(analyte.position) {
            Some(Some((first, message))) => {
                let message = message.get_or_insert_with(|| {
                    format!("{} is reported more than once (first at /results/{first})", analyte.display()).into()
                });
                let path = JsonPointer::root().key("results").index(*index);
                findings.push_finding(Finding::shared(FindingCode::DuplicateAnalyte, path, Arc::clone(message)));
            }
            Some(slot) => *slot = Some((*index, None)),
            None => {}
        }
    }
}

/// Reports results outside the declared panel, and an error when no mapped result belongs to it.
pub(crate) fn check_panel(panel: Panel, matched: &Matched<'_>, findings: &mut Findings) {
    let mut belonging = 0usize;
    let mut mapped = 0usize;
    for (index, analyte) in matched {
        let Some(analyte) = analyte else { continue };
        mapped += 1;
        if analyte.belongs_to(panel) {
            belonging += 1;
        } else {
            let message = format!("{} is not part of the {panel} panel", analyte.display());
            let path = JsonPointer::root().key("results").index(*index);
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

/// Compares the vendor's flag with labcore's: a disagreement is a finding that says which flag labcore gave and
/// why (the range it used), so that a reviewer can decide.
pub(crate) fn check_vendor_flag(
    vendor: Option<&str>,
    result: &crate::report::NormalizedResult,
    path: JsonPointer,
    findings: &mut Findings,
) {
    let Some(vendor) = vendor else { return };
    let Some(read) = crate::flags::read_vendor_flag(vendor) else {
        findings.push(FindingCode::VendorFlagUnknown, path.key("flag"), "the vendor's flag is not an HL7 0078 code");
        return;
    };
    let Some(ours) = result.flag else { return };
    if read.agrees_with(ours) {
        return;
    }
    let origin = match result.range.as_ref().map(|r| r.origin) {
        Some(crate::report::RangeOrigin::Payload) => "the range sent with the result",
        Some(crate::report::RangeOrigin::LabCatalog) => "the laboratory's catalog range",
        Some(crate::report::RangeOrigin::Default) => "labcore's default range",
        None => "the critical limits",
    };
    let critical = if ours.is_critical() != read.critical { " (the critical limits differ)" } else { "" };
    let message = format!("labcore flags this result {ours} by {origin}; the vendor's flag differs{critical}");
    findings.push(FindingCode::FlagMismatch, path.key("flag"), message);
}
