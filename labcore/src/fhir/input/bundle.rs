//! The resources of a FHIR input — a lone resource, or a Bundle's entries — with their contained resources,
//! and the resolution of references between them (FHIR R4 Bundle, "Resolving references in Bundles": by
//! `fullUrl`, by `Type/id` relative to the bundle; and `#id` to a contained resource).

use std::borrow::Cow;
use std::collections::HashMap;

use super::json::Obj;
use crate::FhirPath;

/// The resource types labcore reads; others in a bundle are skipped.
pub(crate) const READ_TYPES: &[&str] =
    &["Observation", "DiagnosticReport", "Patient", "Specimen", "Organization", "Bundle"];

/// One resource of the input.
#[derive(Debug, Clone)]
pub(crate) struct Resource<'a> {
    /// Its type, one of [`READ_TYPES`].
    pub(crate) kind: &'static str,
    /// Where it is (`Bundle.entry[2].resource`, `DiagnosticReport.contained[0]`).
    pub(crate) path: FhirPath,
    /// The resource that contains it, for a contained resource.
    pub(crate) container: Option<usize>,
    /// The `fullUrl` of its Bundle entry.
    pub(crate) full_url: Option<Cow<'a, str>>,
    pub(crate) body: Obj<'a>,
}

/// Every resource of the input, entries first, each followed by what it contains, indexed for references.
#[derive(Debug, Default)]
pub(crate) struct Resources<'a> {
    pub(crate) all: Vec<Resource<'a>>,
    /// Entries whose resource is of a type labcore does not read (counted, not kept).
    pub(crate) skipped: usize,
    /// The first resource with a full URL.
    by_url: HashMap<String, usize>,
    /// The first top-level resource of a type with an id.
    by_id: HashMap<(&'static str, String), usize>,
    /// The first contained resource of a type with an id, in its container.
    contained: HashMap<(usize, &'static str, String), usize>,
}

/// The static name of a resource type labcore reads.
pub(crate) fn known_type(name: &str) -> Option<&'static str> {
    READ_TYPES.iter().copied().find(|t| *t == name)
}

impl<'a> Resources<'a> {
    /// Collects the resources of a top-level resource (and, for a bundle, of its entries).
    pub(crate) fn collect(top: Obj<'a>, kind: &'static str) -> Resources<'a> {
        let mut resources = Resources::default();
        if kind == "Bundle" {
            let root = FhirPath::resource("Bundle");
            for (i, entry) in top.objects("entry") {
                let Some(body) = entry.object("resource") else { continue };
                let Some(kind) = body.string("resourceType").and_then(|t| known_type(&t)) else {
                    resources.skipped += 1;
                    continue;
                };
                let path = root.key("entry").index(i).key("resource");
                resources.push(kind, body, path, entry.string("fullUrl"), None);
            }
        } else {
            resources.push(kind, top, FhirPath::resource(kind), None, None);
        }
        resources
    }

    fn push(
        &mut self,
        kind: &'static str,
        body: Obj<'a>,
        path: FhirPath,
        full_url: Option<Cow<'a, str>>,
        container: Option<usize>,
    ) {
        let contained = body.objects("contained");
        let index = self.all.len();
        let id = body.string("id");
        if let Some(url) = &full_url {
            self.by_url.entry(url.to_string()).or_insert(index);
        }
        if let Some(id) = &id {
            match container {
                Some(owner) => self.contained.entry((owner, kind, id.to_string())).or_insert(index),
                None => self.by_id.entry((kind, id.to_string())).or_insert(index),
            };
        }
        self.all.push(Resource { kind, path, container, full_url, body });
        if container.is_some() {
            return; // FHIR R4 invariant dom-2: a contained resource SHALL NOT contain nested resources
        }
        for (j, inner) in contained {
            if let Some(kind) = inner.string("resourceType").and_then(|t| known_type(&t)) {
                self.push(kind, inner, path.key("contained").index(j), None, Some(index));
            }
        }
    }

    /// The resource a reference from resource `from` points to, of type `kind`.
    pub(crate) fn resolve(&self, from: usize, reference: &str, kind: &str) -> Option<usize> {
        let reference = reference.trim();
        let kind = known_type(kind)?;
        if let Some(local) = reference.strip_prefix('#') {
            let owner = self.all.get(from).and_then(|r| r.container).unwrap_or(from);
            return self.contained.get(&(owner, kind, local.to_owned())).copied();
        }
        if let Some(found) = self.by_url.get(reference).filter(|i| self.all.get(**i).is_some_and(|r| r.kind == kind)) {
            return Some(*found);
        }
        let (wanted_type, wanted_id) = type_and_id(reference)?;
        (wanted_type == kind).then(|| self.by_id.get(&(kind, wanted_id.to_owned())).copied()).flatten()
    }
}

/// `Type/id` at the end of a relative or absolute reference (a `/_history/n` version suffix dropped).
fn type_and_id(reference: &str) -> Option<(&str, &str)> {
    let reference = match reference.find("/_history/") {
        Some(at) => reference.get(..at)?,
        None => reference,
    };
    let mut parts = reference.rsplit('/');
    let id = parts.next()?;
    let kind = parts.next()?;
    (!id.is_empty() && !kind.is_empty()).then_some((kind, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    #[test]
    fn references_resolve_by_full_url_type_id_and_contained() {
        let text = r##"{"resourceType": "Bundle", "entry": [
            {"fullUrl": "urn:uuid:1", "resource": {"resourceType": "Patient", "id": "p1"}},
            {"fullUrl": "http://x/fhir/Observation/o1", "resource": {"resourceType": "Observation", "id": "o1"}},
            {"resource": {"resourceType": "DiagnosticReport", "id": "d1",
               "contained": [{"resourceType": "Observation", "id": "c1"}]}},
            {"resource": {"resourceType": "Medication"}}]}"##;
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let resources = Resources::collect(Obj::read(raw).unwrap(), "Bundle");
        assert_eq!((resources.all.len(), resources.skipped), (4, 1));
        assert_eq!(resources.resolve(2, "urn:uuid:1", "Patient"), Some(0));
        assert_eq!(resources.resolve(2, "Patient/p1", "Patient"), Some(0));
        assert_eq!(resources.resolve(2, "Observation/o1/_history/2", "Observation"), Some(1));
        assert_eq!(resources.resolve(2, "#c1", "Observation"), Some(3));
        assert_eq!(resources.resolve(2, "Patient/nope", "Patient"), None);
        assert_eq!(resources.all[3].path.to_string(), "Bundle.entry[2].resource.contained[0]");
    }
}
