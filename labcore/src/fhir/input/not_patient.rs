//! FHIR reports whose results are no patient's, as for HL7 (`hl7/not_patient.rs`): test data, and
//! quality-control material.
//!
//! - **Test data**: a `meta.tag` of HL7 table 0103 (processing ID, `http://terminology.hl7.org/CodeSystem/v2-0103`)
//!   other than `P` — converters carry MSH-11 there, on the MessageHeader of a message Bundle — or the
//!   `meta.security` label `HTEST` (test health data, `http://terminology.hl7.org/CodeSystem/v3-ActReason`), on
//!   the Bundle, a MessageHeader entry, the DiagnosticReport or an Observation of the report.
//! - **QC material**: the report's Specimen with a `role` (FHIR R5 `Specimen.role`, or in R4 the cross-version
//!   extension `…/5.0/StructureDefinition/extension-Specimen.role`) of a QC kind: `q`, `c`, `v`, `e`, `f`, `o`,
//!   `b` or `r` of `http://hl7.org/fhir/specimen-role`, or the same codes of HL7 table 0369
//!   (`http://terminology.hl7.org/CodeSystem/v2-0369`).
//!
//! Either way the report is rejected and nothing in it is flagged (`Draft::not_patient`).

use super::bundle::Resources;
use super::group::Group;
use super::json::Obj;
use crate::hl7::is_quality_control_role;
use crate::{FhirPath, Finding, FindingCode, JsonPointer, SourceLocation};

const PROCESSING_ID: &str = "http://terminology.hl7.org/CodeSystem/v2-0103";
const ACT_REASON: &str = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
const ROLE_SYSTEMS: &[&str] = &["http://hl7.org/fhir/specimen-role", "http://terminology.hl7.org/CodeSystem/v2-0369"];
const ROLE_EXTENSION: &str = "http://hl7.org/fhir/5.0/StructureDefinition/extension-Specimen.role";

/// Where a resource's `meta` marks it as test data (`meta.tag[i]`, `meta.security[i]`), if it does.
fn test_mark(body: &Obj<'_>, path: FhirPath) -> Option<FhirPath> {
    let meta = body.object("meta")?;
    let marked = |element: &'static str, system: &str, test: fn(&str) -> bool| {
        meta.objects(element).into_iter().find_map(|(i, coding)| {
            let code = coding.string("code")?;
            (coding.string("system").as_deref() == Some(system) && test(code.trim()))
                .then(|| path.key("meta").key(element).index(i))
        })
    };
    marked("tag", PROCESSING_ID, |code| code != "P").or_else(|| marked("security", ACT_REASON, |c| c == "HTEST"))
}

/// Where the message as a whole is marked as test data: the Bundle's own `meta`, or a MessageHeader entry's.
pub(super) fn message_mark(top: &Obj<'_>, kind: &'static str) -> Option<FhirPath> {
    let root = FhirPath::resource(kind);
    if let Some(at) = test_mark(top, root) {
        return Some(at);
    }
    (kind == "Bundle").then_some(())?;
    top.objects("entry").into_iter().find_map(|(i, entry)| {
        let body = entry.object("resource")?;
        let header = body.string("resourceType").as_deref() == Some("MessageHeader");
        header.then(|| test_mark(&body, root.key("entry").index(i).key("resource"))).flatten()
    })
}

/// The findings that make a group's report no patient's: the message's test mark (`message`), a test mark of
/// the report's own resources, and a QC specimen.
pub(super) fn findings(resources: &Resources<'_>, group: &Group, message: Option<FhirPath>) -> Vec<Finding> {
    let mut members = group.head.iter().chain(&group.observations).filter_map(|i| resources.all.get(*i));
    let mut found = Vec::new();
    if let Some(at) = message.or_else(|| members.find_map(|r| test_mark(&r.body, r.path))) {
        let text = "the resource is marked as test data (meta.tag of HL7 table 0103 other than P, or the security label HTEST), not production data: its results are no patient's and are rejected";
        found.push(finding(FindingCode::ProcessingNotProduction, at, text));
    }
    let specimen = super::draft::specimen_resource(resources, [group.head, group.observations.first().copied()]);
    if let Some(at) = specimen.and_then(|s| quality_control_role(&s.body, s.path)) {
        let text = "the Specimen's role marks quality-control material (a control, calibrator, proficiency or blind sample), not a patient's specimen: its results are not flagged and the report is rejected";
        found.push(finding(FindingCode::QualityControl, at, text));
    }
    found
}

fn finding(code: FindingCode, at: FhirPath, message: &'static str) -> Finding {
    Finding::new(code, JsonPointer::root(), message).with_location(SourceLocation::Fhir(Box::new(at)))
}

/// Where a Specimen's role says it is QC material: `role[i]` (R5), or the R4 cross-version extension.
fn quality_control_role(body: &Obj<'_>, path: FhirPath) -> Option<FhirPath> {
    let is_qc = |concept: &Obj<'_>| {
        concept.objects("coding").into_iter().any(|(_, coding)| {
            let system = coding.string("system");
            system.is_some_and(|s| ROLE_SYSTEMS.contains(&s.as_ref()))
                && coding.string("code").is_some_and(|c| is_quality_control_role(&c))
        })
    };
    let role = body.objects("role").into_iter().find(|(_, r)| is_qc(r)).map(|(i, _)| path.key("role").index(i));
    role.or_else(|| {
        body.objects("extension").into_iter().find_map(|(i, extension)| {
            let url = extension.string("url");
            let concept = extension.object("valueCodeableConcept")?;
            (url.as_deref() == Some(ROLE_EXTENSION) && is_qc(&concept)).then(|| path.key("extension").index(i))
        })
    })
}
