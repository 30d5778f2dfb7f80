//! The status of a processed payload, from its findings.

use crate::report::Status;
use crate::{Finding, FindingCode, Severity};

/// Warnings that need a person before the result is released.
pub const REVIEW_CODES: &[FindingCode] = &[
    FindingCode::CriticalValue,
    FindingCode::ImplausibleValue,
    FindingCode::DeltaFailure,
    FindingCode::PanelIncomplete,
    FindingCode::FlagMismatch,
    FindingCode::DuplicateAnalyte,
    FindingCode::ResultRetracted,
    FindingCode::OrderWithdrawn,
    FindingCode::AgeImplausible,
    FindingCode::DifferentialInconsistent,
    FindingCode::LabCatalogMismatch,
];

/// REJECTED on any error (the reasons are the error codes), else NEEDS_REVIEW on any review code, else READY.
pub(crate) fn status(findings: &[Finding]) -> (Status, Vec<FindingCode>) {
    let mut errors: Vec<FindingCode> =
        findings.iter().filter(|f| f.severity() == Severity::Error).map(Finding::code).collect();
    if !errors.is_empty() {
        errors.sort_unstable();
        errors.dedup();
        return (Status::Rejected, errors);
    }
    let mut review: Vec<FindingCode> =
        findings.iter().map(Finding::code).filter(|c| REVIEW_CODES.contains(c)).collect();
    review.sort_unstable();
    review.dedup();
    if review.is_empty() { (Status::Ready, review) } else { (Status::NeedsReview, review) }
}
