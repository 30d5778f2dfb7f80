//! FHIR R4 JSON, redacted by data type wherever an element is: every resource is walked — in a Bundle, contained,
//! in Parameters, nested in another — and every object is read by its shape (the members FHIR allows it): a
//! HumanName's family, given names and text; an Address's lines, city, district and postal code; a
//! ContactPoint's value; an Identifier's value; an Attachment's data (removed: it cannot be searched) and URL; a
//! Reference's display and the id it points to; the geolocation and mother's-maiden-name extensions. Every
//! string that is none of these is a date when shaped as one, else free text searched for identifiers seeded
//! with what the Patient resources hold — narrative, notes, conclusions, `valueString`, a CodeableConcept's
//! text and a Coding's display. Every resource id is masked, with every reference to it (`Patient/123`, full
//! URLs, `urn:uuid:`, `#contained`, request and search URLs) in the same way, so references still resolve
//! ([`super::fhir_refs`]). Codes, systems, units, quantities, reference ranges and interpretations are kept.

use serde_json::value::RawValue;

use super::fhir_refs::{Ids, category_of};
use super::json::{Json, Obj, Splicer, elements, key_segment, redact_date, redact_free_string};
use super::session::{Form, Session};
use super::{Category, RedactError, RedactOptions, Redactor, Seeds};

/// Resource types that describe a person.
pub(super) const PEOPLE: &[&str] = &["Patient", "RelatedPerson", "Practitioner", "Person"];

/// Members whose primitive values are codes and structure, kept (an object or array under one of these names —
/// Observation.method is a CodeableConcept — is walked like any other).
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

/// Whether a member is kept as it is.
fn kept(key: &str, raw: &RawValue) -> bool {
    LAB.contains(&key) || KEPT.contains(&key) && !matches!(Json::of(raw), Json::Object(_) | Json::Array(_))
}

/// Extension URLs (HL7 core extensions) whose values identify the patient.
const MAIDEN_NAME: &str = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";
const GEOLOCATION: &str = "http://hl7.org/fhir/StructureDefinition/geolocation";

/// Where a walk is: the member it is in, and whether the resource around it describes a person.
#[derive(Clone, Copy)]
struct At<'p> {
    key: &'p str,
    person: bool,
}

/// An object's data type, from the members it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    HumanName,
    Address,
    ContactPoint,
    Identifier,
    Attachment,
    Reference,
    Narrative,
    Extension,
    Other,
}

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
    super::fhir_refs::collect_seeds(raw, &mut seeds, &mut patient);
    let session = Session::new(redactor, patient.as_deref(), options.as_of.year()).numbered_after(text);
    let mut walk = Walk { session, seeds, splicer: Splicer::new(text), ids: Ids::collect(raw) };
    let root = Obj::read(raw).and_then(|r| r.string("resourceType")).map(|k| k.into_owned()).unwrap_or_default();
    walk.value(raw, At { key: "", person: false }, &root);
    Ok((walk.splicer.finish(), walk.session.changes))
}

impl Walk<'_, '_> {
    fn value(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        match Json::of(raw) {
            Json::Object(_) => self.object(raw, at, path),
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.value(element, at, &format!("{path}[{i}]"));
                }
            }
            Json::Str(_) => self.string(raw, at, path),
            // A date sent as a number (`"birthDate": 19700304`): redacted as the date it spells.
            Json::Number(number) if super::fhir_refs::is_date_key(at.key) => {
                let date = super::hl7_fields::hl7_date(number);
                let replaced =
                    self.session.replace(Category::Date, number, date.as_ref(), Form::Text, || path.to_owned());
                if let Some(new) = replaced {
                    self.splicer.replace_with_string(raw, &new);
                }
            }
            Json::Number(_) | Json::Bool | Json::Null => {}
        }
    }

    fn object(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        let Some(object) = Obj::read(raw) else { return };
        if let Some(kind) = object.string("resourceType") {
            return self.resource(&object, &kind, path);
        }
        let shape = shape(&object, at.key);
        for (position, (key, value)) in object.members().iter().enumerate() {
            let here = format!("{path}.{}", key_segment(key, position));
            let inner = At { key: key.as_ref(), ..at };
            match (shape, key.as_ref()) {
                (_, "extension" | "modifierExtension" | "id") if shape != Shape::Extension => {
                    self.value(value, inner, &here);
                }
                (Shape::HumanName, "family" | "given" | "text") => self.each(value, Category::Name, &here),
                (Shape::HumanName, "prefix" | "suffix" | "use") => {}
                (Shape::Address, "line" | "text") => self.each(value, Category::StreetAddress, &here),
                (Shape::Address, "city" | "district") => self.each(value, Category::City, &here),
                (Shape::Address, "postalCode") => self.each(value, Category::Zip, &here),
                (Shape::Address, "state" | "country" | "type" | "use") => {}
                (Shape::ContactPoint, "value") => self.each(value, telecom_category(&object), &here),
                (Shape::Identifier, "value") => self.each(value, identifier_category(&object, at), &here),
                (Shape::Attachment, "data") => self.remove(value, attachment_category(at), &here),
                (Shape::Attachment, "url") => self.each(value, Category::Url, &here),
                (Shape::Reference, "reference") => self.reference(value, &here),
                (Shape::Reference, "display") => self.display(&object, value, &here),
                (Shape::Narrative, "div") => self.free(value, &here),
                (Shape::Extension, _) => self.extension(&object, key, value, inner, &here),
                (_, "authorString") => self.each(value, Category::Name, &here),
                (_, key) if kept(key, value) => {}
                _ => self.member(key, value, inner, &here),
            }
        }
    }

    /// A member of no particular data type: full URLs, references and URLs by their form, strings as dates or
    /// free text, containers walked.
    fn member(&mut self, key: &str, raw: &RawValue, at: At<'_>, path: &str) {
        let string = matches!(Json::of(raw), Json::Str(_));
        match key {
            "fullUrl" | "reference" if string => self.reference(raw, path),
            "url" | "location" | "ifMatch" | "ifNoneMatch" if string => self.url(raw, path),
            "name" if string && at.person => self.each(raw, Category::Name, path),
            "ifNoneExist" if string => self.search(raw, path),
            "code" if string => {}
            _ => self.value(raw, at, path),
        }
    }

    fn resource(&mut self, resource: &Obj<'_>, kind: &str, path: &str) {
        let at = At { key: "", person: PEOPLE.contains(&kind) };
        for (position, (key, value)) in resource.members().iter().enumerate() {
            let here = format!("{path}.{}", key_segment(key, position));
            match key.as_ref() {
                "id" => self.string_as(value, category_of(kind), Form::Id, &here),
                "resourceType" => {}
                key if kept(key, value) => {}
                key => self.member(key, value, At { key, ..at }, &here),
            }
        }
    }

    /// A string in no particular element: a date when shaped as one (or a bare year where a date belongs), else
    /// free text.
    fn string(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        let Some(text) = Json::of(raw).text() else { return };
        if super::fhir_refs::is_date(&text, at.key) {
            redact_date(&mut self.session, &mut self.splicer, raw, path);
        } else {
            redact_free_string(&mut self.session, &self.seeds, &mut self.splicer, raw, path);
        }
    }

    fn free(&mut self, raw: &RawValue, path: &str) {
        match Json::of(raw) {
            Json::Str(_) => redact_free_string(&mut self.session, &self.seeds, &mut self.splicer, raw, path),
            _ => self.value(raw, At { key: "", person: false }, path),
        }
    }

    /// A string (or each string of an array) as an identifier of one category; anything else walked.
    fn each(&mut self, raw: &RawValue, category: Category, path: &str) {
        match Json::of(raw) {
            Json::Str(_) | Json::Number(_) => self.string_as(raw, category, Form::Text, path),
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.each(element, category, &format!("{path}[{i}]"));
                }
            }
            _ => self.value(raw, At { key: "", person: false }, path),
        }
    }

    fn string_as(&mut self, raw: &RawValue, category: Category, form: Form, path: &str) {
        let value = match Json::of(raw) {
            Json::Number(number) => std::borrow::Cow::Borrowed(number),
            json => match json.text() {
                Some(text) => text,
                None => return,
            },
        };
        if let Some(new) = self.session.replace(category, value.trim(), None, form, || path.to_owned()) {
            self.splicer.replace_with_string(raw, &new);
        }
    }

    /// A value that cannot be searched (base64 data, a coordinate): removed, member and all, unless the policy
    /// keeps its category.
    fn remove(&mut self, raw: &RawValue, category: Category, path: &str) {
        let value = Json::of(raw).text().map(|t| t.into_owned()).unwrap_or_else(|| raw.get().to_owned());
        if self.session.replace(category, &value, None, Form::Text, || path.to_owned()).is_some() {
            self.splicer.remove_member(raw);
        }
    }

    /// A Reference's display: a person's name when it points to a person (or to nothing said), else free text.
    fn display(&mut self, reference: &Obj<'_>, raw: &RawValue, path: &str) {
        if super::fhir_refs::refers_to_person(reference) {
            self.each(raw, Category::Name, path);
        } else {
            self.free(raw, path);
        }
    }

    /// An extension: the mother's maiden name, the geolocation's coordinates; any other's value by its type.
    fn extension(&mut self, extension: &Obj<'_>, key: &str, raw: &RawValue, at: At<'_>, path: &str) {
        let url = extension.string("url").unwrap_or_default();
        match key {
            "url" => {}
            "valueString" if url == MAIDEN_NAME => self.each(raw, Category::Name, path),
            "valueDecimal" if matches!(url.as_ref(), "latitude" | "longitude" | GEOLOCATION) => {
                self.remove(raw, Category::Geocode, path);
            }
            _ if kept(key, raw) => {}
            _ => self.member(key, raw, at, path),
        }
    }

    fn reference(&mut self, raw: &RawValue, path: &str) {
        let Some(value) = Json::of(raw).text() else { return };
        if let Some(new) = super::fhir_refs::rewrite_reference(&mut self.session, &self.ids, &value, path) {
            self.splicer.replace_with_string(raw, &new);
        }
    }

    /// A search written without its URL (`ifNoneExist`: `identifier=urn:mrn|MRN123`).
    fn search(&mut self, raw: &RawValue, path: &str) {
        let Some(value) = Json::of(raw).text() else { return };
        let new = super::fhir_refs::rewrite_query(&mut self.session, "", &value, path);
        if new != value {
            self.splicer.replace_with_string(raw, &new);
        }
    }

    fn url(&mut self, raw: &RawValue, path: &str) {
        let Some(value) = Json::of(raw).text() else { return };
        if let Some(new) = super::fhir_refs::rewrite_url(&mut self.session, &value, path) {
            self.splicer.replace_with_string(raw, &new);
        }
    }
}

/// The data type of an object, from its members: each type is recognised only when every member is one it
/// allows (plus `id`, `extension` and primitive extensions `_x`), and it has one that marks it.
fn shape(object: &Obj<'_>, key: &str) -> Shape {
    let keys: Vec<&str> = object.members().iter().map(|(k, _)| k.as_ref()).collect();
    let only = |allowed: &[&str]| {
        keys.iter().all(|k| {
            allowed.contains(k) || matches!(*k, "id" | "extension" | "modifierExtension") || k.starts_with('_')
        })
    };
    let has = |wanted: &[&str]| keys.iter().any(|k| wanted.contains(k));
    // An Identifier's value is a string; one sent as a number is an identifier all the same.
    let string_value = matches!(object.get("value"), Some(Json::Str(_) | Json::Number(_)));
    let telecom_system = object
        .string("system")
        .is_some_and(|s| matches!(s.as_ref(), "phone" | "fax" | "email" | "pager" | "url" | "sms" | "other"));
    let extension_member =
        |k: &&str| matches!(*k, "url" | "id" | "extension") || k.starts_with("value") || k.starts_with('_');
    if has(&["url"])
        && keys.iter().all(extension_member)
        && keys.iter().any(|k| k.starts_with("value") || *k == "extension")
    {
        return Shape::Extension;
    }
    const NAME: &[&str] = &["use", "text", "family", "given", "prefix", "suffix", "period"];
    const ADDRESS: &[&str] =
        &["use", "type", "text", "line", "city", "district", "state", "postalCode", "country", "period"];
    if only(NAME) && (has(&["family", "given"]) || key == "name" && has(&["text"])) {
        Shape::HumanName
    } else if only(ADDRESS)
        && (has(&["line", "city", "district", "postalCode", "state", "country"]) || key == "address")
    {
        Shape::Address
    } else if only(&["system", "value", "use", "rank", "period"])
        && has(&["value"])
        && (telecom_system || key == "telecom")
    {
        Shape::ContactPoint
    } else if only(&["use", "type", "system", "value", "period", "assigner"]) && string_value {
        Shape::Identifier
    } else if only(&["contentType", "language", "data", "url", "size", "hash", "title", "creation"])
        && has(&["data", "url", "contentType"])
    {
        Shape::Attachment
    } else if only(&["reference", "type", "identifier", "display"]) && has(&["reference", "display"]) {
        Shape::Reference
    } else if only(&["status", "div"]) && has(&["div"]) {
        Shape::Narrative
    } else {
        Shape::Other
    }
}

/// A ContactPoint's category by its system.
fn telecom_category(telecom: &Obj<'_>) -> Category {
    match telecom.string("system").as_deref() {
        Some("email") => Category::Email,
        Some("fax") => Category::Fax,
        Some("url") => Category::Url,
        _ => Category::Phone,
    }
}

/// An Identifier's category by its type code (HL7 table v2-0203), else by whose it is.
fn identifier_category(identifier: &Obj<'_>, at: At<'_>) -> Category {
    let kind = identifier.object("type").map(|t| t.objects("coding")).unwrap_or_default();
    let code = kind.iter().find_map(|(_, c)| c.string("code"));
    match code.as_deref() {
        Some("SS" | "SSN") => Category::Ssn,
        Some("MR" | "MRN" | "PI" | "PT") => Category::Mrn,
        Some("DL" | "PPN" | "LN" | "NPI" | "DEA") => Category::License,
        Some("MA" | "MC" | "MB" | "SN" | "PLAC" | "MCN") => Category::HealthPlan,
        Some("AN" | "AM" | "VN") => Category::Account,
        _ if at.person => Category::Mrn,
        _ => Category::OtherId,
    }
}

/// An Attachment's data: a photograph in `photo`, any other document an identifying item of its own.
fn attachment_category(at: At<'_>) -> Category {
    if at.key == "photo" { Category::Photo } else { Category::OtherId }
}
