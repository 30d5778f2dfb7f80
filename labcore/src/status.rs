//! The status of a processed payload, from its findings.

use crate::report::Status;
use crate::{Finding, FindingCode, Severity};

/// Warnings that need a person before the result is released.
pub const REVIEW_CODES: &[FindingCode] = &[
    FindingCode::CriticalValue,
    FindingCode::ImplausibleValue,
    FindingCode::UnitSuspected,
    FindingCode::UnitInferred,
    FindingCode::DeltaFailure,
    FindingCode::PanelIncomplete,
    FindingCode::FlagMismatch,
    FindingCode::DuplicateAnalyte,
    FindingCode::ResultRetracted,
    FindingCode::OrderWithdrawn,
    FindingCode::AgeImplausible,
    FindingCode::DifferentialInconsistent,
    FindingCode::LabCatalogMismatch,
    FindingCode::ReportMembersDisagree,
    FindingCode::CollectionTimeAssumed,
    FindingCode::SubjectNotHuman,
];

/// The status and its reasons. REJECTED on an error about the payload as a whole, or when every result is in
/// error (`any_usable` false: nothing usable is left); NEEDS_REVIEW when results are in error but others are usable
/// (the reasons are the errors' codes, with the review codes), or on any review code; else READY.
pub(crate) fn status(findings: &[Finding], any_usable: bool) -> (Status, Vec<FindingCode>) {
    let is_error = |f: &&Finding| f.severity() == Severity::Error;
    let about_payload = findings.iter().filter(is_error).any(|f| f.path().result_index().is_none());
    let mut errors: Vec<FindingCode> = findings.iter().filter(is_error).map(Finding::code).collect();
    if about_payload || (!errors.is_empty() && !any_usable) {
        errors.sort_unstable();
        errors.dedup();
        return (Status::Rejected, errors);
    }
    let mut reasons: Vec<FindingCode> =
        findings.iter().map(Finding::code).filter(|c| REVIEW_CODES.contains(c)).collect();
    reasons.append(&mut errors);
    reasons.sort_unstable();
    reasons.dedup();
    if reasons.is_empty() { (Status::Ready, reasons) } else { (Status::NeedsReview, reasons) }
}

/// Marks every result a finding of severity error is about, and every result its sender withdrew (entered in
/// error), as unusable; whether any usable result is left.
pub(crate) fn mark_unusable(findings: &[Finding], results: &mut [crate::report::NormalizedResult<'_>]) -> bool {
    let mut in_error: Vec<usize> =
        findings.iter().filter(|f| f.severity() == Severity::Error).filter_map(|f| f.path().result_index()).collect();
    in_error.sort_unstable();
    for result in results.iter_mut() {
        let withdrawn = result.status == Some(crate::ResultStatus::EnteredInError);
        result.usable = !withdrawn && in_error.binary_search(&result.index).is_err();
    }
    results.iter().any(|r| r.usable)
}
