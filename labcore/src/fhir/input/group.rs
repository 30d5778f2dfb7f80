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

/// Groups the input's observations into reports.
pub(crate) fn groups(resources: &Resources<'_>) -> Vec<Group> {
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
    let panels: Vec<usize> =
        observations(resources).filter(|i| !is_used(&used, *i) && has_members(resources, *i)).collect();
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
    for index in observations(resources).filter(|i| !is_used(&used, *i) && is_laboratory(resources, *i)) {
        let Some(body) = resources.all.get(index).map(|r| &r.body) else { continue };
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

/// Whether an observation is a laboratory result: its `category` says `laboratory`, or it has no category.
fn is_laboratory(resources: &Resources<'_>, index: usize) -> bool {
    let Some(resource) = resources.all.get(index) else { return false };
    let categories = resource.body.objects("category");
    categories.is_empty()
        || categories.iter().any(|(_, c)| {
            c.objects("coding").iter().any(|(_, k)| k.string("code").as_deref() == Some("laboratory"))
                || c.string("text").is_some_and(|t| t.eq_ignore_ascii_case("laboratory"))
        })
}

/// The observation's effective time as written, to group results collected together.
fn effective_text(body: &Obj<'_>) -> Option<String> {
    body.string("effectiveDateTime")
        .or_else(|| body.string("effectiveInstant"))
        .or_else(|| body.object("effectivePeriod").and_then(|p| p.string("start")))
        .map(Cow::into_owned)
}
