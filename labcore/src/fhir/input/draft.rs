//! One group of FHIR resources read into labcore's model of a payload, with a map back to where each part was.
//!
//! | labcore | FHIR |
//! |---|---|
//! | `patient_id` (PHI) | the subject Patient's `identifier` (type `MR` first), else the `subject` reference itself; the report's `subject`, else its Observations' when they agree (`inherit.rs`) |
//! | `lab_id` | `performer`: the Organization's `name` or `identifier`, else the reference's `display` (a warning when none) |
//! | `test_type` | the DiagnosticReport's (or panel Observation's) `code`: a panel's LOINC code or name |
//! | `collected_at` | `effectiveDateTime` / `effectivePeriod.start` / `effectiveInstant` of the report, else of its results when they agree, else the Specimen's `collection.collected[x]`, else `issued` (needs review; `inherit.rs`) |
//! | `patient.sex`, `patient.birth_date` (PHI) | Patient `gender`, `birthDate` |
//! | `specimen.type`, `specimen.id` (PHI) | the Specimen's `type` (SNOMED CT or HL7 table 0487), `accessionIdentifier` |
//! | `results` | each Observation (or each component of one without a value); none of a DiagnosticReport or panel Observation `entered-in-error` or `cancelled` (`order_withdrawn`) |
//! | `comments` (PHI) | the DiagnosticReport's `conclusion` |

use chrono::{DateTime, FixedOffset};

use super::bundle::{Resource, Resources};
use super::group::Group;
use super::inherit;
use super::json::Obj;
use super::observation::{self, Inherited, ResultSource};
use super::range::Patient;
use crate::catalog::Catalog;
use crate::finding::{Findings, Step};
use crate::payload::{Draft, Reader, field};
use crate::process::Locator;
use crate::{
    Demographics, FhirPath, Finding, FindingCode, JsonPointer, Panel, Phi, Severity, Sex, SourceLocation, Specimen,
};

/// Where each part of a draft came from.
#[derive(Debug, Clone, Default)]
pub(crate) struct FhirMap {
    head: Option<FhirPath>,
    subject: Option<FhirPath>,
    performer: Option<FhirPath>,
    effective: Option<FhirPath>,
    patient: Option<FhirPath>,
    specimen: Option<FhirPath>,
    results: Vec<ResultSource>,
    /// Per result: the Observation's id and its entry's fullUrl.
    references: Vec<crate::SenderReference>,
}

impl Locator for FhirMap {
    fn locate(&self, path: &JsonPointer) -> Option<SourceLocation> {
        let at = match path.steps() {
            [] | [Step::Key("results")] => self.head?,
            [Step::Key("patient_id")] => self.subject?,
            [Step::Key("lab_id")] => self.performer?,
            [Step::Key("test_type")] => self.head?.key("code"),
            [Step::Key("collected_at")] => self.effective?,
            // Without the Patient resource, the subject reference is where the demographics would come from.
            [Step::Key("patient")] => self.patient.or(self.subject)?,
            [Step::Key("patient"), Step::Key("sex")] => self.patient?.key("gender"),
            [Step::Key("patient"), Step::Key("birth_date")] => self.patient?.key("birthDate"),
            [Step::Key("specimen"), ..] => self.specimen?,
            [Step::Key("comments"), ..] => self.head?.key("conclusion"),
            [Step::Key("results"), Step::Index(i), rest @ ..] => {
                let source = self.results.get(*i as usize)?;
                result_part(source, rest)
            }
            _ => return None,
        };
        Some(SourceLocation::Fhir(Box::new(at)))
    }

    fn sender_reference(&self, index: usize) -> Option<crate::SenderReference> {
        self.references.get(index).cloned()
    }
}

fn result_part(source: &ResultSource, rest: &[Step]) -> FhirPath {
    let base = source.base;
    match rest {
        [] => base,
        [Step::Key("analyte" | "loinc"), ..] => base.key("code"),
        [Step::Key("value"), ..] => base.key(source.value),
        [Step::Key("unit"), ..] if source.value == "valueQuantity" => base.key(source.value).key("code"),
        [Step::Key("unit"), ..] => base.key(source.value),
        [Step::Key("reference_range"), ..] => match source.range {
            Some(i) => base.key("referenceRange").index(i),
            None => base.key("referenceRange"),
        },
        [Step::Key("flag"), ..] => base.key("interpretation"),
        [Step::Key("comment"), ..] => base.key("note"),
        _ => base,
    }
}

/// A group read into a draft payload, its findings, and its map.
pub(crate) struct MappedGroup {
    pub(crate) draft: Draft,
    pub(crate) findings: Findings,
    pub(crate) map: FhirMap,
}

/// Reads one group.
pub(crate) fn map(resources: &Resources<'_>, group: Group, catalog: &Catalog) -> MappedGroup {
    let mut findings = group.findings;
    let head_index = group.head.or_else(|| group.observations.first().copied());
    let head = head_index.and_then(|i| resources.all.get(i));
    let mut map = FhirMap { head: head.map(|h| h.path), ..FhirMap::default() };
    let holder = inherit::subject_holder(resources, head_index, &group.observations, &mut findings);
    let subject_of = holder.and_then(|i| resources.all.get(i));
    let patient = subject_of.and_then(|h| {
        let reference = h.body.object("subject")?.string("reference")?;
        resources.resolve(holder?, &reference, "Patient").and_then(|p| resources.all.get(p))
    });
    map.subject = subject_of.or(head).map(|h| h.path.key("subject"));
    map.patient = patient.map(|p| p.path);
    let demographics = patient.map(|p| demographics(&p.body, &mut findings));
    let mut draft = Draft {
        patient_id: patient_id(subject_of, patient, &mut findings),
        lab_id: lab_id(resources, [head_index, group.observations.first().copied()], &mut map, &mut findings),
        panel: group.head.and_then(|h| panel(catalog, resources.all.get(h), &mut findings)),
        patient: demographics,
        ..Draft::default()
    };
    let specimen = specimen_resource(resources, [head_index, group.observations.first().copied()]);
    map.specimen = specimen.map(|s| s.path);
    draft.specimen = specimen.map(|s| read_specimen(&s.body));
    let found = inherit::collection_time(resources, head, &group.observations, specimen, &mut findings);
    draft.collected_at = collected_at(found, head, &mut map, &mut findings);
    let sex = draft.patient.as_ref().and_then(|d| d.sex);
    let patient = Patient { sex, age: draft.patient_age() };
    // The resource that declares the report (a DiagnosticReport, a panel Observation), not a loose result.
    let declared = group.head.and_then(|h| resources.all.get(h));
    let live = declared.is_none_or(|h| report_is_live(h, &mut findings));
    for index in group.observations.iter().filter(|_| live) {
        let Some(resource) = resources.all.get(*index) else { continue };
        read_results(resource, patient, &mut draft, &mut map, &mut findings);
    }
    no_results(&draft, !live || !group.observations.is_empty(), &mut findings);
    if let Some(conclusion) = head.filter(|h| h.kind == "DiagnosticReport").and_then(|h| h.body.string("conclusion")) {
        draft.comments.push(Phi::new(conclusion.into_owned()));
    }
    MappedGroup { draft, findings, map }
}

/// A report with no result: an error when there was nothing to read (a DiagnosticReport without results, or
/// whose references all point nowhere); a warning, as in HL7, when the sender left every result out itself
/// (withdrawn, cancelled, not reported, of a type labcore does not read): the report is answered, not wrong.
fn no_results(draft: &Draft, left_out: bool, findings: &mut Findings) {
    if !draft.results.is_empty() {
        return;
    }
    let path = JsonPointer::root().key("results");
    if left_out && !findings.has(FindingCode::ReferenceUnresolved) {
        let message = "every result of the report was left out (withdrawn, cancelled, not reported, or of a type labcore does not read)";
        findings.push_finding(Finding::new(FindingCode::NoResults, path, message).with_severity(Severity::Warning));
    } else {
        findings.push(FindingCode::NoResults, path, "the report holds no result with a value");
    }
}

/// A DiagnosticReport (or a panel Observation with `hasMember`) `entered-in-error` withdraws every result in it,
/// and one `cancelled` reports none: its Observations are not live, whatever their own status (`order_withdrawn`,
/// which needs review). A report not yet final is live, and said so.
fn report_is_live(head: &Resource<'_>, findings: &mut Findings) -> bool {
    let status = head.body.string("status");
    let message = match (head.kind, status.as_deref()) {
        ("DiagnosticReport", Some("entered-in-error")) => {
            "the report was entered in error: it withdraws every result in it, and none is live; they were left out"
        }
        ("DiagnosticReport", Some("cancelled")) => {
            "the report is cancelled: none of its results is live; they were left out"
        }
        ("Observation", Some("entered-in-error")) => {
            "the panel was entered in error: it withdraws every member, and none is live; they were left out"
        }
        ("Observation", Some("cancelled")) => "the panel is cancelled: none of its members is live; they were left out",
        ("DiagnosticReport", Some(status @ ("registered" | "partial" | "preliminary"))) => {
            note_not_final(head, status, findings);
            return true;
        }
        _ => return true,
    };
    let at = SourceLocation::Fhir(Box::new(head.path.key("status")));
    let path = JsonPointer::root().key("results");
    findings.push_finding(Finding::new(FindingCode::OrderWithdrawn, path, message).with_location(at));
    false
}

/// A DiagnosticReport that is not final (`registered`, `partial`, `preliminary`): its results are read, and may
/// change, as a preliminary result's (an info `result_preliminary` at its status).
fn note_not_final(head: &Resource<'_>, status: &str, findings: &mut Findings) {
    let message = match status {
        "registered" => "the report is only registered, not final: its results may change",
        "partial" => "the report is partial, not final: its results may change and more may follow",
        _ => "the report is preliminary: its results may change",
    };
    let at = SourceLocation::Fhir(Box::new(head.path.key("status")));
    let finding = Finding::new(FindingCode::ResultPreliminary, JsonPointer::root().key("results"), message);
    findings.push_finding(finding.with_location(at));
}

/// An observation's results: itself, or each of its components when it has no value of its own.
fn read_results(
    resource: &Resource<'_>,
    patient: Patient,
    draft: &mut Draft,
    map: &mut FhirMap,
    findings: &mut Findings,
) {
    let Some(status) = observation::status(&resource.body, resource.path, findings) else { return };
    let inherited = Inherited { status, patient };
    let components = resource.body.objects("component");
    let parts: Vec<(Obj<'_>, FhirPath)> = if resource.body.choice("value").is_none() && !components.is_empty() {
        components.into_iter().map(|(k, c)| (c, resource.path.key("component").index(k))).collect()
    } else {
        vec![(resource.body.clone(), resource.path)]
    };
    for (body, base) in parts {
        let index = draft.results.len();
        if let Some((input, source)) = observation::read(&body, base, index, inherited, findings) {
            draft.results.push(input);
            map.results.push(source);
            let id = resource.body.string("id");
            map.references.push(crate::SenderReference::fhir(id.as_deref(), resource.full_url.as_deref()));
        }
    }
}

/// The Patient's identifier (type `MR` first, then any), else the subject reference text.
fn patient_id(
    head: Option<&Resource<'_>>,
    patient: Option<&Resource<'_>>,
    findings: &mut Findings,
) -> Option<Phi<String>> {
    let from_patient = patient.and_then(|p| {
        let identifiers = p.body.objects("identifier");
        let is_mr = |i: &Obj<'_>| {
            i.object("type")
                .is_some_and(|t| t.objects("coding").iter().any(|(_, c)| c.string("code").as_deref() == Some("MR")))
        };
        identifiers.iter().find(|(_, i)| is_mr(i)).or_else(|| identifiers.first()).and_then(|(_, i)| i.string("value"))
    });
    let subject = head.and_then(|h| h.body.object("subject"));
    let from_subject = || {
        let subject = subject.as_ref()?;
        subject.string("reference").or_else(|| subject.object("identifier").and_then(|i| i.string("value")))
    };
    let text = from_patient.or_else(from_subject).unwrap_or_default();
    let id = Reader { findings }.check_text(&text, &JsonPointer::root(), field("patient_id", 128), true);
    id.map(|t| Phi::new(t.to_owned()))
}

/// The performer: an Organization's name or identifier, else the reference's display; a warning when none.
fn lab_id(
    resources: &Resources<'_>,
    candidates: [Option<usize>; 2],
    map: &mut FhirMap,
    findings: &mut Findings,
) -> Option<String> {
    for index in candidates.into_iter().flatten() {
        let Some(resource) = resources.all.get(index) else { continue };
        for (i, performer) in resource.body.objects("performer") {
            let organization = performer
                .string("reference")
                .and_then(|r| resources.resolve(index, &r, "Organization"))
                .and_then(|o| resources.all.get(o));
            let name = organization
                .and_then(|o| {
                    o.body
                        .string("name")
                        .or_else(|| o.body.objects("identifier").first().and_then(|(_, id)| id.string("value")))
                })
                .or_else(|| performer.string("display"));
            if let Some(name) = name {
                map.performer = Some(resource.path.key("performer").index(i));
                let lab = Reader { findings }.check_text(&name, &JsonPointer::root(), field("lab_id", 128), false);
                return lab.map(str::to_owned);
            }
        }
    }
    map.performer = candidates[0].and_then(|i| resources.all.get(i)).map(|h| h.path.key("performer"));
    let message = "no performer names the laboratory; `lab_id` is unknown";
    let finding = Finding::new(FindingCode::MissingField, JsonPointer::root().key("lab_id"), message)
        .with_severity(Severity::Warning);
    findings.push_finding(finding);
    None
}

/// A panel from the code's LOINC coding, else from a coding's display or the text.
fn panel(catalog: &Catalog, head: Option<&Resource<'_>>, findings: &mut Findings) -> Option<Panel> {
    let concept = head?.body.object("code").unwrap_or_default();
    let codings = concept.objects("coding");
    let by_code = codings.iter().find_map(|(_, c)| {
        let system = c.string("system")?;
        (system == "http://loinc.org")
            .then(|| crate::LoincCode::parse(&c.string("code")?).ok())
            .flatten()
            .and_then(|code| catalog.panel_for_code(code))
    });
    let by_name = || {
        let names =
            codings.iter().flat_map(|(_, c)| [c.string("code"), c.string("display")]).chain([concept.string("text")]);
        names.flatten().find_map(|n| Panel::parse(&n))
    };
    let panel = by_code.or_else(by_name);
    if panel.is_none() {
        let message = "the report's code is not one of the CBC (with or without differential), BMP, CMP, lipid or thyroid panels; panel membership and completeness are not checked";
        findings.push(FindingCode::PanelUnrecognized, JsonPointer::root().key("test_type"), message);
    }
    panel
}

/// The collection time found (see `inherit.rs`), read as a date-time.
fn collected_at(
    found: Option<inherit::Found<'_>>,
    head: Option<&Resource<'_>>,
    map: &mut FhirMap,
    findings: &mut Findings,
) -> Option<DateTime<FixedOffset>> {
    let path = JsonPointer::root().key("collected_at");
    map.effective = found.as_ref().map(|(_, at)| *at).or(head.map(|h| h.path.key("effectiveDateTime")));
    let Some((text, _)) = found else {
        findings.push(FindingCode::MissingField, path, "`collected_at` (the effective time) is required");
        return None;
    };
    match crate::payload::datetime::parse(&text) {
        Some(stamp) if text.len() > 10 && stamp.offset_given => Some(stamp.at),
        Some(stamp) => {
            let message = if text.len() <= 10 {
                "the effective time gives only a date; it was read as midnight UTC"
            } else {
                "the effective time has no UTC offset; it was read as UTC"
            };
            findings.push(FindingCode::TimezoneMissing, path, message);
            Some(stamp.at)
        }
        None => {
            let message =
                "the effective time must be a FHIR dateTime with at least the day (2026-11-24T07:42:00-05:00)";
            findings.push(FindingCode::InvalidValue, path, message);
            None
        }
    }
}

/// Patient `gender` (FHIR AdministrativeGender) and `birthDate` (a date with at least the day).
fn demographics(patient: &Obj<'_>, findings: &mut Findings) -> Demographics {
    let at = JsonPointer::root().key("patient");
    let sex = patient.string("gender").and_then(|g| {
        let sex = Sex::parse(&g);
        if sex.is_none() {
            let message = "`gender` is not an AdministrativeGender code; sex-specific ranges are not used";
            findings.push_finding(
                Finding::new(FindingCode::InvalidValue, at.key("sex"), message).with_severity(Severity::Warning),
            );
        }
        sex
    });
    let birth_date = patient.string("birthDate").and_then(|text| {
        let date = crate::payload::datetime::parse_date(&text);
        if date.is_none() {
            let message = "`birthDate` gives no full date (a year or month alone): age-specific ranges are not used";
            findings.push_finding(
                Finding::new(FindingCode::InvalidValue, at.key("birth_date"), message).with_severity(Severity::Warning),
            );
        }
        date.map(Phi::new)
    });
    Demographics { sex, birth_date }
}

/// The Specimen referenced by the report or the first result.
pub(super) fn specimen_resource<'r, 'a>(
    resources: &'r Resources<'a>,
    from: [Option<usize>; 2],
) -> Option<&'r Resource<'a>> {
    from.into_iter().flatten().find_map(|index| {
        let body = &resources.all.get(index)?.body;
        // The first reference that resolves to a Specimen (converters put other resources in `specimen`).
        let mut references: Vec<Obj<'_>> = body.objects("specimen").into_iter().map(|(_, s)| s).collect();
        references.extend(body.object("specimen"));
        references.iter().find_map(|s| {
            let found = resources.resolve(index, &s.string("reference")?, "Specimen")?;
            resources.all.get(found)
        })
    })
}

fn read_specimen(body: &Obj<'_>) -> Specimen {
    let concept = body.object("type").unwrap_or_default();
    let codes = concept
        .objects("coding")
        .into_iter()
        .flat_map(|(_, c)| [c.string("code"), c.string("display")])
        .chain([concept.string("text")]);
    let kind = codes.flatten().find_map(|c| crate::hl7::specimen_kind(&c).or_else(|| crate::SpecimenKind::parse(&c)));
    let id = body.object("accessionIdentifier").and_then(|a| a.string("value")).map(|v| Phi::new(v.into_owned()));
    Specimen { id, kind }
}
