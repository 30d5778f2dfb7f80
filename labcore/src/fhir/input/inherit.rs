//! A report's patient and collection time when the report itself does not give them (issue 14, class A).
//!
//! Converters emit DiagnosticReports without `subject` or `effective[x]` whose Observations, or Specimen, carry
//! them. Rejecting such a report loses results that say whose they are and when they were collected, so:
//!
//! | the report gives | labcore uses | finding |
//! |---|---|---|
//! | its own `subject` / `effective[x]` | it | none |
//! | nothing, and every Observation that gives one gives the same | the Observations' | `field_inherited` (info) |
//! | nothing, and the Observations give different ones | the Specimen's collection time, else the first Observation's | `report_members_disagree` (needs review) |
//! | no time anywhere, but the Specimen's `collection.collected[x]` | the Specimen's | `field_inherited` (info) |
//! | no collection time at all, but `issued` | `issued` | `collection_time_assumed` (needs review) |
//!
//! `issued` is when the result was released, not when the specimen was collected (FHIR R4 Observation.issued):
//! it is later, by hours or days. It is used only as a last resort, so that a verified result is not lost, and it
//! never makes a report READY: the age at collection and the delta-check windows are computed from it, which a
//! person must confirm.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};

use super::bundle::{Resource, Resources};
use super::json::Obj;
use crate::finding::Findings;
use crate::{FhirPath, Finding, FindingCode, JsonPointer, SourceLocation};

/// A value as written and where it is.
pub(super) type Found<'a> = (Cow<'a, str>, FhirPath);

/// What a subject reference points to: a resource of the input, else the reference (or identifier) as written.
#[derive(Debug, PartialEq, Eq)]
enum Subject {
    Resource(usize),
    Text(String),
}

fn subject_of(resources: &Resources<'_>, index: usize) -> Option<Subject> {
    let subject = resources.all.get(index)?.body.object("subject")?;
    if let Some(reference) = subject.string("reference") {
        return Some(match resources.resolve(index, &reference, "Patient") {
            Some(patient) => Subject::Resource(patient),
            None => Subject::Text(reference.into_owned()),
        });
    }
    subject.object("identifier")?.string("value").map(|v| Subject::Text(v.into_owned()))
}

fn push(findings: &mut Findings, code: FindingCode, field: &'static str, at: FhirPath, message: &'static str) {
    let finding =
        Finding::new(code, JsonPointer::root().key(field), message).with_location(SourceLocation::Fhir(Box::new(at)));
    findings.push_finding(finding);
}

/// The resource whose `subject` is the report's: the head's own, else the one every member that names a patient
/// shares (an info finding), else the first member's when they differ (a finding that needs review).
pub(super) fn subject_holder(
    resources: &Resources<'_>,
    head: Option<usize>,
    members: &[usize],
    findings: &mut Findings,
) -> Option<usize> {
    if let Some(head) = head.filter(|h| subject_of(resources, *h).is_some()) {
        return Some(head);
    }
    let named: Vec<(usize, Subject)> = members.iter().filter_map(|m| Some((*m, subject_of(resources, *m)?))).collect();
    let (first, subject) = named.first()?;
    let path_of = |i: usize| resources.all.get(i).map(|r| r.path.key("subject"));
    if let Some(at) = named.iter().find(|(_, s)| s != subject).and_then(|(i, _)| path_of(*i)) {
        let message = "the report names no patient and its Observations name different ones: the first Observation's was used, and a person must confirm whose results these are";
        push(findings, FindingCode::ReportMembersDisagree, "patient_id", at, message);
    } else if let Some(at) = path_of(*first).filter(|_| head != Some(*first)) {
        let message = "the report names no patient; every Observation that names one names the same, which was used";
        push(findings, FindingCode::FieldInherited, "patient_id", at, message);
    }
    Some(*first)
}

/// `effective[x]` of a resource: `effectiveDateTime`, `effectiveInstant` or `effectivePeriod.start`.
pub(super) fn effective<'a>(body: &Obj<'a>, at: FhirPath) -> Option<Found<'a>> {
    body.string("effectiveDateTime")
        .map(|t| (t, at.key("effectiveDateTime")))
        .or_else(|| body.string("effectiveInstant").map(|t| (t, at.key("effectiveInstant"))))
        .or_else(|| body.object("effectivePeriod")?.string("start").map(|t| (t, at.key("effectivePeriod"))))
}

/// The Specimen's `collection.collectedDateTime` or `collection.collectedPeriod.start`.
fn specimen_time<'a>(specimen: &Resource<'a>) -> Option<Found<'a>> {
    let collection = specimen.body.object("collection")?;
    let at = specimen.path.key("collection");
    collection
        .string("collectedDateTime")
        .map(|t| (t, at.key("collectedDateTime")))
        .or_else(|| collection.object("collectedPeriod")?.string("start").map(|t| (t, at.key("collectedPeriod"))))
}

/// Two times are the same when they are the same instant (`06:27:00Z` and `06:27:00.000Z`), else when written alike.
fn same_time(a: &str, b: &str) -> bool {
    let instant = |t: &str| -> Option<DateTime<FixedOffset>> { crate::payload::datetime::parse(t).map(|s| s.at) };
    match (instant(a), instant(b)) {
        (Some(a), Some(b)) => a == b,
        _ => a == b,
    }
}

/// The report's collection time and where it was written (see the module's table); `None` when there is none.
pub(super) fn collection_time<'a>(
    resources: &Resources<'a>,
    head: Option<&Resource<'a>>,
    members: &[usize],
    specimen: Option<&Resource<'a>>,
    findings: &mut Findings,
) -> Option<Found<'a>> {
    if let Some(found) = head.and_then(|h| effective(&h.body, h.path)) {
        return Some(found);
    }
    // Each member's time, with the member it is of.
    let times: Vec<(Found<'a>, FhirPath)> = members
        .iter()
        .filter_map(|m| resources.all.get(*m))
        .filter_map(|r| Some((effective(&r.body, r.path)?, r.path)))
        .collect();
    let from_specimen = specimen.and_then(specimen_time);
    if let Some(((first, first_at), member)) = times.first() {
        if let Some(((_, at), _)) = times.iter().find(|((t, _), _)| !same_time(t, first)) {
            let message = if from_specimen.is_some() {
                "the report gives no effective time and its Observations give different ones: the Specimen's collection time was used, and a person must confirm it"
            } else {
                "the report gives no effective time and its Observations give different ones: the first Observation's was used, and a person must confirm it"
            };
            push(findings, FindingCode::ReportMembersDisagree, "collected_at", *at, message);
            return from_specimen.or_else(|| Some((first.clone(), *first_at)));
        }
        if head.is_some_and(|h| h.path != *member) {
            let message =
                "the report gives no effective time; every Observation that gives one gives the same, which was used";
            push(findings, FindingCode::FieldInherited, "collected_at", *first_at, message);
        }
        return Some((first.clone(), *first_at));
    }
    if let Some((time, at)) = from_specimen {
        let message = "the report gives no effective time: the Specimen's collection time was used";
        let finding = Finding::new(FindingCode::FieldInherited, JsonPointer::root().key("collected_at"), message)
            .with_location(SourceLocation::Fhir(Box::new(at)));
        findings.push_finding(finding);
        return Some((time, at));
    }
    issued(resources, head, members, findings)
}

/// The last resort: `issued` of the report, else of its first Observation that has one (a finding that needs review).
fn issued<'a>(
    resources: &Resources<'a>,
    head: Option<&Resource<'a>>,
    members: &[usize],
    findings: &mut Findings,
) -> Option<Found<'a>> {
    let candidates = head.into_iter().chain(members.iter().filter_map(|m| resources.all.get(*m)));
    let (time, at) = candidates.into_iter().find_map(|r| Some((r.body.string("issued")?, r.path.key("issued"))))?;
    let message = "no effective time and no specimen collection time: the collection time was taken from `issued`, when the result was released (later than the specimen was collected); the age at collection and delta checks use it, and a person must confirm it";
    let finding = Finding::new(FindingCode::CollectionTimeAssumed, JsonPointer::root().key("collected_at"), message)
        .with_location(SourceLocation::Fhir(Box::new(at)));
    findings.push_finding(finding);
    Some((time, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resources(text: &str) -> Resources<'_> {
        let raw: &serde_json::value::RawValue = serde_json::from_str(text).unwrap();
        Resources::collect(Obj::read(raw).unwrap(), "Bundle")
    }

    const BUNDLE: &str = r#"{"resourceType": "Bundle", "entry": [
        {"resource": {"resourceType": "DiagnosticReport", "id": "r"}},
        {"resource": {"resourceType": "Observation", "id": "a", "subject": {"reference": "Patient/p"},
          "effectiveDateTime": "2026-11-24T06:27:00Z"}},
        {"resource": {"resourceType": "Observation", "id": "b", "subject": {"reference": "Patient/p"},
          "effectiveDateTime": "2026-11-24T06:27:00.000Z", "issued": "2026-11-24T09:00:00Z"}},
        {"resource": {"resourceType": "Observation", "id": "c", "subject": {"reference": "Patient/q"},
          "effectiveDateTime": "2026-11-24T08:30:00Z"}}]}"#;

    #[test]
    fn members_that_agree_give_the_report_its_subject_and_time() {
        let all = resources(BUNDLE);
        let mut findings = Findings::default();
        assert_eq!(subject_holder(&all, Some(0), &[1, 2], &mut findings), Some(1));
        let time = collection_time(&all, all.all.first(), &[1, 2], None, &mut findings);
        assert_eq!(time.map(|(t, _)| t.into_owned()).as_deref(), Some("2026-11-24T06:27:00Z"));
        let codes: Vec<FindingCode> = findings.into_vec().iter().map(Finding::code).collect();
        assert_eq!(codes, [FindingCode::FieldInherited, FindingCode::FieldInherited]);
    }

    #[test]
    fn members_that_disagree_need_a_person() {
        let all = resources(BUNDLE);
        let mut findings = Findings::default();
        assert_eq!(subject_holder(&all, Some(0), &[1, 3], &mut findings), Some(1));
        assert!(collection_time(&all, all.all.first(), &[1, 3], None, &mut findings).is_some());
        let found = findings.into_vec();
        assert!(found.iter().all(|f| f.code() == FindingCode::ReportMembersDisagree), "{found:?}");
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[1].location().map(ToString::to_string).as_deref(),
            Some("Bundle.entry[3].resource.effectiveDateTime")
        );
    }

    #[test]
    fn issued_is_a_last_resort_that_needs_a_person() {
        let all = resources(
            r#"{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation",
              "issued": "2026-11-24T09:00:00+01:00"}}]}"#,
        );
        let mut findings = Findings::default();
        let time = collection_time(&all, all.all.first(), &[0], None, &mut findings);
        assert_eq!(time.map(|(_, at)| at.to_string()).as_deref(), Some("Bundle.entry[0].resource.issued"));
        let found = findings.into_vec();
        assert_eq!(found.iter().map(Finding::code).collect::<Vec<_>>(), [FindingCode::CollectionTimeAssumed]);
        assert!(crate::status::REVIEW_CODES.contains(&FindingCode::CollectionTimeAssumed));
    }
}
