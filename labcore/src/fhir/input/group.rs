//! Which observations make up one report: each DiagnosticReport with its results; each panel Observation
//! (one with `hasMember`) not already in a report, with its members; and the remaining laboratory
//! Observations, grouped by patient and collection time (results collected together belong together).

use std::borrow::Cow;
use std::collections::HashMap;

use super::bundle::Resources;
use super::json::Obj;
use crate::finding::Findings;
use crate::{Finding, FindingCode, JsonPointer, SourceLocation};

/// One report's resources.
#[derive(Debug, Default)]
pub(crate) struct Group {
    /// The DiagnosticReport, or the panel Observation, whose code declares the panel.
    pub(crate) head: Option<usize>,
    /// The observations holding the results, in report order.
    pub(crate) observations: Vec<usize>,
    /// Findings about the group's references.
    pub(crate) findings: Findings,
}

/// How deep `hasMember` chains are followed (a panel of panels of results is two).
const MAX_MEMBER_DEPTH: usize = 4;

/// Groups the input's observations into reports; an Observation left out because it is not a laboratory result
/// gets one `not_laboratory` finding about the input.
pub(crate) fn groups(resources: &Resources<'_>, findings: &mut Findings) -> Vec<Group> {
    let mut used = vec![false; resources.all.len()];
    let mut groups = Vec::new();
    for (index, resource) in resources.all.iter().enumerate().filter(|(_, r)| r.kind == "DiagnosticReport") {
        let mut group = Group { head: Some(index), ..Group::default() };
        for (i, reference) in resource.body.objects("result") {
            let target = reference.string("reference");
            match target.as_deref().and_then(|t| resources.resolve(index, t, "Observation")) {
                Some(found) => expand(resources, found, 0, &mut used, &mut group),
                None => unresolved(&mut group.findings, resource.path.key("result").index(i)),
            }
        }
        groups.push(group);
    }
    let is_used = |used: &[bool], i: usize| used.get(i).copied().unwrap_or(true);
    let panels: Vec<usize> = observations(resources)
        .filter(|i| !is_used(&used, *i) && has_members(resources, *i) && scope(resources, *i).is_none())
        .collect();
    for index in panels {
        if is_used(&used, index) {
            continue;
        }
        let mut group = Group { head: Some(index), ..Group::default() };
        expand(resources, index, 0, &mut used, &mut group);
        groups.push(group);
    }
    // Loose results, grouped by patient and time in order of first appearance.
    let mut clusters: Vec<Group> = Vec::new();
    let mut by_key: HashMap<(Option<Cow<'_, str>>, Option<String>), usize> = HashMap::new();
    for index in observations(resources).filter(|i| !is_used(&used, *i)) {
        let Some(resource) = resources.all.get(index) else { continue };
        if let Some(why) = scope(resources, index) {
            let at = SourceLocation::Fhir(Box::new(resource.path));
            findings.push_finding(Finding::new(FindingCode::NotLaboratory, JsonPointer::root(), why).with_location(at));
            continue;
        }
        let body = &resource.body;
        let key = (body.object("subject").and_then(|s| s.string("reference")), effective_text(body));
        let position = *by_key.entry(key).or_insert_with(|| {
            clusters.push(Group::default());
            clusters.len() - 1
        });
        if let Some(group) = clusters.get_mut(position) {
            group.observations.push(index);
        }
    }
    groups.extend(clusters);
    groups
}

fn observations<'r>(resources: &'r Resources<'_>) -> impl Iterator<Item = usize> + 'r {
    resources.all.iter().enumerate().filter(|(_, r)| r.kind == "Observation").map(|(i, _)| i)
}

fn has_members(resources: &Resources<'_>, index: usize) -> bool {
    resources.all.get(index).is_some_and(|r| !r.body.array("hasMember").is_empty())
}

/// Adds an observation to a group: its members when it is a panel, else itself.
fn expand(resources: &Resources<'_>, index: usize, depth: usize, used: &mut [bool], group: &mut Group) {
    let Some(resource) = resources.all.get(index) else { return };
    if used.get(index).copied().unwrap_or(true) {
        return;
    }
    if let Some(slot) = used.get_mut(index) {
        *slot = true;
    }
    let members = resource.body.objects("hasMember");
    if members.is_empty() || depth >= MAX_MEMBER_DEPTH {
        group.observations.push(index);
        return;
    }
    if resource.body.choice("value").is_some() {
        group.observations.push(index);
    }
    for (i, member) in members {
        let target = member.string("reference");
        match target.as_deref().and_then(|t| resources.resolve(index, t, "Observation")) {
            Some(found) => expand(resources, found, depth + 1, used, group),
            None => unresolved(&mut group.findings, resource.path.key("hasMember").index(i)),
        }
    }
}

fn unresolved(findings: &mut Findings, at: crate::FhirPath) {
    let message = "the reference points to no Observation in the resource or bundle; that result is missing";
    let finding = Finding::new(FindingCode::ReferenceUnresolved, JsonPointer::root().key("results"), message)
        .with_location(SourceLocation::Fhir(Box::new(at)));
    findings.push_finding(finding);
}

/// The codes of the FHIR R4 Vital Signs value set (http://hl7.org/fhir/ValueSet/observation-vitalsignresult,
/// bound by the R4 vital signs profile), except 2708-6 (oxygen saturation in arterial blood), which is also the
/// result of a laboratory blood gas and so tells nothing without a category.
const VITAL_SIGNS: &[&str] =
    &["85353-1", "9279-1", "8867-4", "8310-5", "8302-2", "9843-4", "29463-7", "39156-5", "85354-9", "8480-6", "8462-4"];

/// `None` when an observation is a laboratory result: its `category` says `laboratory`, or it has no category and
/// its code is not a vital sign's; else why it is out of labcore's scope.
fn scope(resources: &Resources<'_>, index: usize) -> Option<&'static str> {
    let resource = resources.all.get(index)?;
    let categories = resource.body.objects("category");
    let laboratory = categories.iter().any(|(_, c)| {
        c.objects("coding").iter().any(|(_, k)| k.string("code").as_deref() == Some("laboratory"))
            || c.string("text").is_some_and(|t| t.eq_ignore_ascii_case("laboratory"))
    });
    if laboratory {
        return None;
    }
    if !categories.is_empty() {
        return Some(
            "the Observation's category is not `laboratory` (vital signs, imaging, a survey…): it is out of labcore's scope and was not read",
        );
    }
    let codings = resource.body.object("code").unwrap_or_default().objects("coding");
    // A vital-sign LOINC code, sent as LOINC or with no system at all.
    let vital = codings.iter().any(|(_, c)| {
        c.string("system").is_none_or(|s| s == "http://loinc.org")
            && c.string("code").is_some_and(|code| VITAL_SIGNS.contains(&code.as_ref()))
    });
    vital.then_some("the Observation has no category and its code is a FHIR vital-signs code: it is not a laboratory result, is out of labcore's scope and was not read")
}

/// The observation's effective time as written, to group results collected together.
fn effective_text(body: &Obj<'_>) -> Option<String> {
    body.string("effectiveDateTime")
        .or_else(|| body.string("effectiveInstant"))
        .or_else(|| body.object("effectivePeriod").and_then(|p| p.string("start")))
        .map(Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scopes(text: &str) -> (usize, Vec<Finding>) {
        let raw: &serde_json::value::RawValue = serde_json::from_str(text).unwrap();
        let resources = Resources::collect(Obj::read(raw).unwrap(), "Bundle");
        let mut findings = Findings::default();
        let groups = groups(&resources, &mut findings);
        (groups.len(), findings.into_vec())
    }

    #[test]
    fn vital_signs_are_out_of_scope_with_one_finding_each() {
        let (groups, found) = scopes(
            r#"{"resourceType": "Bundle", "entry": [
              {"resource": {"resourceType": "Observation", "code": {"coding": [{"code": "29463-7"}]}}},
              {"resource": {"resourceType": "Observation", "category": [{"coding": [{"code": "vital-signs"}]}],
                "code": {"text": "Glucose"}}},
              {"resource": {"resourceType": "Observation", "code": {"coding": [{"system": "http://loinc.org",
                "code": "2708-6"}]}}}]}"#,
        );
        assert_eq!(groups, 1, "2708-6 without a category may be a blood gas: read");
        assert_eq!(found.iter().filter(|f| f.code() == FindingCode::NotLaboratory).count(), 2);
        let at: Vec<String> = found.iter().filter_map(|f| f.location()).map(ToString::to_string).collect();
        assert_eq!(at, ["Bundle.entry[0].resource", "Bundle.entry[1].resource"]);
    }

    #[test]
    fn a_laboratory_category_wins_over_a_vital_sign_code() {
        let (groups, found) = scopes(
            r#"{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation",
              "category": [{"coding": [{"code": "laboratory"}]}], "code": {"coding": [{"code": "8310-5"}]}}}]}"#,
        );
        assert_eq!((groups, found.len()), (1, 0));
    }
}
