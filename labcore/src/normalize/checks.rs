//! Checks across results: duplicates and panel membership.

use crate::catalog::Analyte;
use std::sync::Arc;

use crate::finding::Findings;
use crate::{Finding, FindingCode, JsonPointer, Panel, Severity};

/// The analyte each result was matched to, with the result's index in the payload.
pub(crate) type Matched<'c> = [(usize, Option<&'c Analyte>)];

/// Reports every repeat of an analyte already reported earlier in the payload.
pub(crate) fn check_duplicates(matched: &Matched<'_>, catalog_size: usize, findings: &mut Findings) {
    // Which analytes were seen, one bit per catalog position (on the stack for a catalog of up to 256).
    let (mut inline, mut heap) = ([0u64; 4], Vec::new());
    let seen: &mut [u64] = if catalog_size <= 256 {
        &mut inline
    } else {
        heap.resize(catalog_size.div_ceil(64), 0);
        &mut heap
    };
    // Per repeated analyte: its position and the message its repeats share (built at the first repeat).
    let mut repeated: Vec<(usize, Arc<str>)> = Vec::new();
    for (index, analyte) in matched {
        let Some(analyte) = analyte.filter(|a| a.position < catalog_size) else { continue };
        let Some(word) = seen.get_mut(analyte.position / 64) else { continue };
        let bit = 1u64 << (analyte.position % 64);
        if *word & bit == 0 {
            *word |= bit;
            continue;
        }
        let message = match repeated.iter().find(|(position, _)| *position == analyte.position) {
            Some((_, message)) => Arc::clone(message),
            None => {
                let same = |a: &Option<&Analyte>| a.is_some_and(|a2| a2.position == analyte.position);
                let first = matched.iter().find(|(_, a)| same(a)).map_or(*index, |(i, _)| *i);
                let message: Arc<str> =
                    format!("{} is reported more than once (first at /results/{first})", analyte.display()).into();
                repeated.push((analyte.position, Arc::clone(&message)));
                message
            }
        };
        let path = JsonPointer::root().key("results").index(*index);
        findings.push_finding(Finding::shared(FindingCode::DuplicateAnalyte, path, message));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;

    fn duplicates(catalog_size: usize) -> Vec<(String, String)> {
        let catalog = Catalog::builtin().unwrap_or_else(|e| panic!("{e}"));
        let [wbc, rbc] = ["wbc", "rbc"].map(|id| catalog.analyte(id));
        let matched = [(0, wbc), (1, rbc), (2, None), (3, wbc), (4, wbc), (5, rbc)];
        let mut findings = Findings::default();
        check_duplicates(&matched, catalog_size, &mut findings);
        findings.into_vec().iter().map(|f| (f.path().to_string(), f.message().to_owned())).collect()
    }

    #[test]
    fn every_repeat_names_the_first_result_of_its_analyte() {
        let found = duplicates(Catalog::builtin().map(|c| c.analytes().len()).unwrap_or_default());
        let paths: Vec<&str> = found.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["/results/3", "/results/4", "/results/5"]);
        assert!(found.iter().take(2).all(|(_, m)| m.ends_with("(first at /results/0)")), "{found:?}");
        assert!(found.get(2).is_some_and(|(_, m)| m.ends_with("(first at /results/1)")), "{found:?}");
    }

    #[test]
    fn a_catalog_beyond_the_stack_bitset_gives_the_same_findings() {
        let size = Catalog::builtin().map(|c| c.analytes().len()).unwrap_or_default();
        assert_eq!(duplicates(300), duplicates(size));
        assert!(duplicates(0).is_empty(), "positions outside the catalog are not analytes");
    }
}
