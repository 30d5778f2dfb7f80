//! FHIR R4 JSON, redacted by data type wherever an element is: every resource is walked — in a Bundle, contained,
//! in Parameters, nested in another — and every object is read by its shape (the members FHIR allows it): a
//! HumanName's family, given names and text; an Address's lines, city, district and postal code; a
//! ContactPoint's value; an Identifier's value; an Attachment's data (removed: it cannot be searched) and URL; a
//! Reference's display and the id it points to; the geolocation and mother's-maiden-name extensions. Every
//! string that is none of these is a date when shaped as one, else free text searched for identifiers seeded
//! with what the Patient resources hold and the names of every person in the document — notes, conclusions,
//! `valueString`, a CodeableConcept's text and a Coding's display. Every resource id is masked, with every
//! reference to it (`Patient/123`, full URLs, `urn:uuid:`, `#contained`, request and search URLs) in the same way,
//! so references still resolve ([`super::fhir_refs`]). Codes, systems, units, quantities, reference ranges and
//! interpretations are kept.
//!
//! A narrative (`text`, in every resource, contained ones too) is replaced whole unless the policy keeps names:
//! it repeats the structured data in words — ids, identifiers, names in forms no search can be relied on to find
//! (`<b>id</b>: f203`, `P. van de Heuvel`, a given name alone) — and the structured data it repeats is still there.
//! The replacement is valid FHIR: status `empty` and an XHTML `div` saying there is no human-readable text.
//!
//! The output stays valid FHIR. A value the policy removes is removed, member or array element, and the object,
//! array or extension it leaves empty goes with it (never `""`, `{}`, `[]`, an extension with a URL alone); a
//! reference whose id is removed goes too. A date whose redaction is no value of its element's type — a year in an
//! `instant` (`Observation.issued`, `meta.lastUpdated`), a placeholder where the year shows an age over 89 — is
//! removed and its element marked with the data-absent-reason extension, `masked`.

use serde_json::value::RawValue;

use super::fhir_refs::{Ids, category_of};
use super::fhir_types::{At, Shape, attachment_category, identifier_category, shape, telecom_category};
use super::json::{Json, Obj, Splicer, date_replacement, elements, free_replacement, key_segment};
use super::session::{Form, Session};
use super::{Category, Operation, RedactError, RedactOptions, Redactor, Seeds};

/// Resource types that describe a person.
pub(super) const PEOPLE: &[&str] = &["Patient", "RelatedPerson", "Practitioner", "Person"];

/// Members whose primitive values (or lists of them) are codes and structure, kept (an object under one of these
/// names — Observation.method is a CodeableConcept — is walked like any other).
const KEPT: &[&str] = &[
    "resourceType",
    "status",
    "system",
    "version",
    "unit",
    "use",
    "gender",
    "language",
    "contentType",
    "mode",
    "comparator",
    "profile",
    "versionId",
    "userSelected",
    "valueCode",
    "valueBoolean",
    "valueCanonical",
    "intent",
    "priority",
    "method",
    "relation",
    "hash",
    "size",
];

/// Members holding the lab's own values, kept whole: quantities, reference ranges, interpretations.
const LAB: &[&str] =
    &["referenceRange", "valueQuantity", "valueRange", "valueRatio", "valueSampledData", "interpretation"];

/// Whether a member is kept as it is: the lab's values, and codes written as a primitive or a list of them
/// (`profile` is a list of canonical URLs).
fn kept(key: &str, raw: &RawValue) -> bool {
    let primitive = |raw: &RawValue| !matches!(Json::of(raw), Json::Object(_) | Json::Array(_));
    let primitives =
        primitive(raw) || matches!(Json::of(raw), Json::Array(_)) && elements(raw).into_iter().all(primitive);
    LAB.contains(&key) || KEPT.contains(&key) && primitives
}

/// Extension URLs (HL7 core extensions) whose values identify the patient.
const MAIDEN_NAME: &str = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";
const GEOLOCATION: &str = "http://hl7.org/fhir/StructureDefinition/geolocation";

struct Walk<'r, 'a> {
    session: Session<'r>,
    seeds: Seeds,
    splicer: Splicer<'a>,
    ids: Ids,
}

pub(crate) fn redact(
    redactor: &Redactor,
    text: &str,
    options: &RedactOptions,
) -> Result<(String, Vec<super::Change>), RedactError> {
    use chrono::Datelike;
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| RedactError::Input(crate::Error::from_json(&e)))?;
    let mut seeds = options.seeds.clone();
    let mut patient = options.patient.clone();
    let ids = Ids::collect(raw);
    super::fhir_refs::collect_seeds(raw, &ids, &mut seeds, &mut patient);
    let session = Session::new(redactor, patient.as_deref(), options.as_of.year()).numbered_after(text);
    let mut walk = Walk { session, seeds, splicer: Splicer::new(text), ids };
    let root = Obj::read(raw).and_then(|r| r.string("resourceType")).map(|k| k.into_owned()).unwrap_or_default();
    walk.value(raw, At::nowhere(), &root);
    Ok((walk.splicer.finish(), walk.session.changes))
}

/// Whether a walked value is gone: its redaction is empty, or everything in it was removed. The object or array
/// holding it takes it out, member or element and comma — FHIR allows no empty string, object or array.
type Gone = bool;

impl Walk<'_, '_> {
    fn value(&mut self, raw: &RawValue, at: At<'_>, path: &str) -> Gone {
        match Json::of(raw) {
            Json::Object(_) => self.object(raw, at, path),
            Json::Array(_) => self.array(raw, path, |walk, element, here| walk.value(element, at, here)),
            Json::Str(_) => self.string(raw, at, path),
            // A date sent as a number (`"birthDate": 19700304`): redacted as the date it spells.
            Json::Number(number) if super::fhir_refs::is_date_key(at.key) => {
                let date = super::hl7_fields::hl7_date(number);
                let new = self.session.replace(Category::Date, number, date.as_ref(), Form::Text, || path.to_owned());
                self.date(raw, new, at)
            }
            Json::Number(_) | Json::Bool | Json::Null => false,
        }
    }

    /// Each element of an array walked by `each`; the gone ones taken out, and the array gone when all are.
    fn array(&mut self, raw: &RawValue, path: &str, mut each: impl FnMut(&mut Self, &RawValue, &str) -> Gone) -> Gone {
        let items: Vec<(&RawValue, Gone)> = elements(raw)
            .into_iter()
            .enumerate()
            .map(|(i, element)| (element, each(self, element, &format!("{path}[{i}]"))))
            .collect();
        self.take_out(&items, false)
    }

    /// Takes the gone items of an object or array out; whether all of them are gone (the container with them).
    fn take_out(&mut self, items: &[(&RawValue, Gone)], members: bool) -> Gone {
        let all = !items.is_empty() && items.iter().all(|(_, gone)| *gone);
        if !all && items.iter().any(|(_, gone)| *gone) {
            self.splicer.remove_items(items, members);
        }
        all
    }

    fn object(&mut self, raw: &RawValue, at: At<'_>, path: &str) -> Gone {
        let Some(object) = Obj::read(raw) else { return false };
        if let Some(kind) = object.string("resourceType") {
            return self.resource(&object, &kind, path);
        }
        let shape = shape(&object, at.key);
        if shape == Shape::Narrative && self.narrative(&object, raw, path) {
            return false;
        }
        let mut items = Vec::with_capacity(object.members().len());
        for (position, (key, value)) in object.members().iter().enumerate() {
            let here = format!("{path}.{}", key_segment(key, position));
            let inner = At { person: at.person, ..At::nowhere() }.member(&object, key.as_ref(), None);
            items.push((*value, self.typed_member(&object, shape, key, value, inner, &here)));
        }
        // An extension whose value (or every inner extension) is gone is gone: its URL alone says nothing.
        let content = |key: &str| !(shape == Shape::Extension && matches!(key, "url" | "id"));
        let keys = object.members().iter().map(|(k, _)| k.as_ref());
        let emptied = keys.clone().any(content) && keys.zip(&items).filter(|(k, _)| content(k)).all(|(_, i)| i.1);
        if emptied {
            return true;
        }
        self.take_out(&items, true)
    }

    /// A member of an object of a data type: by what the type says it holds.
    fn typed_member(
        &mut self,
        object: &Obj<'_>,
        shape: Shape,
        key: &str,
        value: &RawValue,
        at: At<'_>,
        here: &str,
    ) -> Gone {
        match (shape, key) {
            (_, "extension" | "modifierExtension" | "id") if shape != Shape::Extension => self.value(value, at, here),
            (Shape::HumanName, "family" | "given" | "text") => self.each(value, Category::Name, here),
            (Shape::HumanName, "prefix" | "suffix" | "use") => false,
            (Shape::Address, "line" | "text") => self.each(value, Category::StreetAddress, here),
            (Shape::Address, "city" | "district") => self.each(value, Category::City, here),
            (Shape::Address, "postalCode") => self.each(value, Category::Zip, here),
            (Shape::Address, "state" | "country" | "type" | "use") => false,
            (Shape::ContactPoint, "value") => self.each(value, telecom_category(object), here),
            (Shape::Identifier, "value") => self.each(value, identifier_category(object, at), here),
            (Shape::Attachment, "data") => self.remove(value, attachment_category(at), here),
            (Shape::Attachment, "url") => self.each(value, Category::Url, here),
            (Shape::Reference, "reference") => self.reference(value, here),
            (Shape::Reference, "display") => self.display(object, value, here),
            (Shape::Narrative, "div") => self.free(value, here),
            (Shape::Extension, _) => self.extension(object, key, value, at, here),
            (_, "authorString") => self.each(value, Category::Name, here),
            (_, key) if kept(key, value) => false,
            _ => self.member(key, value, at, here),
        }
    }

    /// A member of no particular data type: full URLs, references and URLs by their form, strings as dates or
    /// free text, containers walked.
    fn member(&mut self, key: &str, raw: &RawValue, at: At<'_>, path: &str) -> Gone {
        let string = matches!(Json::of(raw), Json::Str(_));
        match key {
            "fullUrl" | "reference" if string => self.reference(raw, path),
            "url" | "location" | "ifMatch" | "ifNoneMatch" if string => self.url(raw, path),
            "name" if string && at.person => self.each(raw, Category::Name, path),
            "ifNoneExist" if string => self.search(raw, path),
            "code" if string => false,
            _ => self.value(raw, at, path),
        }
    }

    /// A resource: its id masked, its members walked. A resource is never gone, whatever is taken out of it.
    fn resource(&mut self, resource: &Obj<'_>, kind: &str, path: &str) -> Gone {
        let at = At { person: PEOPLE.contains(&kind), ..At::nowhere() };
        let mut items = Vec::with_capacity(resource.members().len());
        for (position, (key, value)) in resource.members().iter().enumerate() {
            let here = format!("{path}.{}", key_segment(key, position));
            let gone = match key.as_ref() {
                "id" => self.string_as(value, category_of(kind), Form::Id, &here),
                "resourceType" => false,
                key if kept(key, value) => false,
                key => self.member(key, value, at.member(resource, key, Some(kind)), &here),
            };
            items.push((*value, gone));
        }
        self.take_out(&items, true);
        false
    }

    /// A narrative: unstructured XHTML that repeats the structured data in words — names, ids and identifiers
    /// included, in forms no search can be relied on to find (`P. van de Heuvel`, a given name alone, `<b>id</b>:
    /// f203`). Unless the policy keeps names, it is replaced whole by a valid one saying there is none
    /// ([`super::fhir_types::EMPTY_DIV`], status `empty`); `true` when it was (or already is) replaced.
    fn narrative(&mut self, narrative: &Obj<'_>, raw: &RawValue, path: &str) -> bool {
        if self.session.redactor.policy.operation(Category::Name) == Operation::Keep {
            return false; // searched as free text, member by member
        }
        if !super::fhir_types::is_empty_narrative(narrative) {
            self.splicer.replace_with_json(raw, &super::fhir_types::empty_narrative());
            self.session.record(Category::Name, Operation::Remove, format!("{path}.div"));
        }
        true
    }

    /// A string in no particular element: a date when shaped as one (or a bare year where a date belongs), else
    /// free text.
    fn string(&mut self, raw: &RawValue, at: At<'_>, path: &str) -> Gone {
        let Some(text) = Json::of(raw).text() else { return false };
        if super::fhir_refs::is_date(&text, at.key) {
            let new = date_replacement(&mut self.session, raw, path);
            return self.date(raw, new, at);
        }
        let new = free_replacement(&mut self.session, &self.seeds, raw, path);
        self.splice(raw, new)
    }

    /// Writes a date's replacement when it is a value of the element's type. One that is not — a year where an
    /// instant belongs, a placeholder where the year shows an age over 89 — is not written: the value goes, and
    /// unless the element carries extensions of its own it is marked `masked` ([`super::fhir_types::MASKED`]).
    fn date(&mut self, raw: &RawValue, new: Option<String>, at: At<'_>) -> Gone {
        match new {
            Some(new) if !new.trim().is_empty() && !super::fhir_types::fits(&new, at.instant) => {
                if let Some(change) = self.session.changes.last_mut() {
                    change.operation = Operation::Remove;
                }
                let key = serde_json::to_string(&format!("_{}", at.key)).unwrap_or_default();
                let marked = format!("{key}: {}", super::fhir_types::MASKED);
                at.extended || !self.splicer.replace_member(raw, &marked)
            }
            new => self.splice(raw, new),
        }
    }

    fn free(&mut self, raw: &RawValue, path: &str) -> Gone {
        match Json::of(raw) {
            Json::Str(_) => {
                let new = free_replacement(&mut self.session, &self.seeds, raw, path);
                self.splice(raw, new)
            }
            _ => self.value(raw, At::nowhere(), path),
        }
    }

    /// Writes a replacement in place of a string; an empty one (nothing left once the identifiers are removed)
    /// is not written: the value is gone.
    fn splice(&mut self, raw: &RawValue, new: Option<String>) -> Gone {
        match new {
            Some(new) if new.trim().is_empty() => true,
            Some(new) => {
                self.splicer.replace_with_string(raw, &new);
                false
            }
            None => false,
        }
    }

    /// A string (or each string of an array) as an identifier of one category; anything else walked.
    fn each(&mut self, raw: &RawValue, category: Category, path: &str) -> Gone {
        match Json::of(raw) {
            Json::Str(_) | Json::Number(_) => self.string_as(raw, category, Form::Text, path),
            Json::Array(_) => self.array(raw, path, |walk, element, here| walk.each(element, category, here)),
            _ => self.value(raw, At::nowhere(), path),
        }
    }

    fn string_as(&mut self, raw: &RawValue, category: Category, form: Form, path: &str) -> Gone {
        let value = match Json::of(raw) {
            Json::Number(number) => std::borrow::Cow::Borrowed(number),
            json => match json.text() {
                Some(text) => text,
                None => return false,
            },
        };
        let new = self.session.replace(category, value.trim(), None, form, || path.to_owned());
        self.splice(raw, new)
    }

    /// A value that cannot be searched (base64 data, a coordinate): removed, member and all, unless the policy
    /// keeps its category.
    fn remove(&mut self, raw: &RawValue, category: Category, path: &str) -> Gone {
        let value = Json::of(raw).text().map(|t| t.into_owned()).unwrap_or_else(|| raw.get().to_owned());
        self.session.replace(category, &value, None, Form::Text, || path.to_owned()).is_some()
    }

    /// A Reference's display: a person's name when it points to a person (or to nothing said), else free text.
    fn display(&mut self, reference: &Obj<'_>, raw: &RawValue, path: &str) -> Gone {
        if super::fhir_refs::refers_to_person(reference) {
            self.each(raw, Category::Name, path)
        } else {
            self.free(raw, path)
        }
    }

    /// An extension: the mother's maiden name, the geolocation's coordinates; any other's value by its type.
    fn extension(&mut self, extension: &Obj<'_>, key: &str, raw: &RawValue, at: At<'_>, path: &str) -> Gone {
        let url = extension.string("url").unwrap_or_default();
        match key {
            "url" => false,
            "valueString" if url == MAIDEN_NAME => self.each(raw, Category::Name, path),
            "valueDecimal" if matches!(url.as_ref(), "latitude" | "longitude" | GEOLOCATION) => {
                self.remove(raw, Category::Geocode, path)
            }
            _ if kept(key, raw) => false,
            _ => self.member(key, raw, at, path),
        }
    }

    fn reference(&mut self, raw: &RawValue, path: &str) -> Gone {
        let Some(value) = Json::of(raw).text() else { return false };
        let new = super::fhir_refs::rewrite_reference(&mut self.session, &self.ids, &value, path);
        self.splice(raw, new)
    }

    /// A search written without its URL (`ifNoneExist`: `identifier=urn:mrn|MRN123`).
    fn search(&mut self, raw: &RawValue, path: &str) -> Gone {
        let Some(value) = Json::of(raw).text() else { return false };
        let new = super::fhir_refs::rewrite_query(&mut self.session, "", &value, path);
        let changed = (new != value).then_some(new);
        self.splice(raw, changed)
    }

    fn url(&mut self, raw: &RawValue, path: &str) -> Gone {
        let Some(value) = Json::of(raw).text() else { return false };
        let new = super::fhir_refs::rewrite_url(&mut self.session, &value, path);
        self.splice(raw, new)
    }
}
