//! FHIR R4 JSON: the identifying elements of people (Patient, RelatedPerson, Practitioner, Person and a
//! Patient's contacts) — names, telecoms, addresses with the geolocation extension, birth and death dates,
//! identifiers (SSN, MRN, driver's licence, passport, plan numbers), photos, the mother's maiden name and
//! birthplace extensions — references to people and their display names, every resource's identifiers and
//! dates, and free text (narrative, notes, conclusions, comments, string values) searched seeded with what the
//! Patient resources hold. Codes, values, units, reference ranges and interpretations are left as they are.

use chrono::Datelike;
use serde_json::value::RawValue;

use super::json::{Json, Obj, Splicer, elements, key_segment, redact_date, redact_free_string};
use super::session::{Form, Session};
use super::{Category, RedactError, RedactOptions, Redactor, Seeds};

/// Resource types that describe a person.
const PEOPLE: &[&str] = &["Patient", "RelatedPerson", "Practitioner", "Person"];

/// Elements holding a date or time related to the patient.
const DATES: &[&str] = &[
    "birthDate",
    "deceasedDateTime",
    "effectiveDateTime",
    "effectiveInstant",
    "issued",
    "collectedDateTime",
    "receivedTime",
    "authoredOn",
    "recorded",
    "lastUpdated",
    "date",
    "occurrenceDateTime",
    "onsetDateTime",
    "abatementDateTime",
    "time",
    "valueDateTime",
    "timestamp",
    "performedDateTime",
    "dateTime",
];

/// Elements holding free text.
const FREE_TEXT: &[&str] = &["conclusion", "comment", "description", "valueString", "patientInstruction"];

/// Extension URLs (HL7 core extensions) whose values identify the patient.
const MAIDEN_NAME: &str = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";
const BIRTH_PLACE: &str = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace";
const GEOLOCATION: &str = "http://hl7.org/fhir/StructureDefinition/geolocation";

/// Where a walk is: the element it is in, and whether that element describes a person.
#[derive(Clone, Copy)]
struct At<'p> {
    parent: &'p str,
    person: bool,
}

struct Walk<'r, 'a> {
    session: Session<'r>,
    seeds: Seeds,
    splicer: Splicer<'a>,
}

pub(crate) fn redact(
    redactor: &Redactor,
    input: &[u8],
    options: &RedactOptions,
) -> Result<(String, Vec<super::Change>), RedactError> {
    let text = crate::process::check_input(input, crate::DEFAULT_MAX_INPUT_BYTES).map_err(RedactError::Input)?;
    let raw: &RawValue = serde_json::from_str(text).map_err(|e| RedactError::Input(crate::Error::from_json(&e)))?;
    let Some(root) = Obj::read(raw) else { return Ok((text.to_owned(), Vec::new())) };
    let mut seeds = options.seeds.clone();
    let mut patient = options.patient.clone();
    collect_seeds(&root, &mut seeds, &mut patient);
    let session = Session::new(redactor, patient.as_deref(), options.as_of.year()).numbered_after(text);
    let mut walk = Walk { session, seeds, splicer: Splicer::new(text) };
    let kind = root.string("resourceType").map(|k| k.into_owned()).unwrap_or_default();
    walk.resource(&root, &kind, &kind);
    Ok((walk.splicer.finish(), walk.session.changes))
}

/// The patients' names, identifiers, telecoms and street lines, as seeds for free text; the first patient
/// identifier, for date shifts.
fn collect_seeds(resource: &Obj<'_>, seeds: &mut Seeds, patient: &mut Option<String>) {
    let kind = resource.string("resourceType");
    if kind.as_deref() == Some("Patient") {
        if let Some(id) = resource.string("id") {
            seeds.add(Category::Mrn, &id);
        }
        for (_, name) in resource.objects("name") {
            name_seeds(&name, seeds);
        }
        for (_, id) in resource.objects("identifier") {
            if let Some(value) = id.string("value") {
                seeds.add(Category::Mrn, &value);
                patient.get_or_insert_with(|| value.into_owned());
            }
        }
        person_seeds(resource, seeds);
        for (_, contact) in resource.objects("contact") {
            person_seeds(&contact, seeds);
            if let Some(name) = contact.object("name") {
                name_seeds(&name, seeds);
            }
        }
    }
    for (_, entry) in resource.objects("entry") {
        if let Some(inner) = entry.object("resource") {
            collect_seeds(&inner, seeds, patient);
        }
    }
    for (_, inner) in resource.objects("contained") {
        collect_seeds(&inner, seeds, patient);
    }
}

/// A HumanName's parts as seeds.
fn name_seeds(name: &Obj<'_>, seeds: &mut Seeds) {
    name.array("given").iter().filter_map(|g| Json::of(g).text()).for_each(|g| seeds.add(Category::Name, &g));
    for key in ["family", "text"] {
        name.string(key).into_iter().for_each(|n| seeds.add(Category::Name, &n));
    }
}

/// A person's (or contact's) telecoms and addresses as seeds.
fn person_seeds(person: &Obj<'_>, seeds: &mut Seeds) {
    for (_, telecom) in person.objects("telecom") {
        telecom.string("value").into_iter().for_each(|v| seeds.add(Category::Phone, &v));
    }
    let addresses = person.objects("address").into_iter().map(|(_, a)| a).chain(person.object("address"));
    for address in addresses {
        address
            .array("line")
            .iter()
            .filter_map(|l| Json::of(l).text())
            .for_each(|l| seeds.add(Category::StreetAddress, &l));
        address.string("city").into_iter().for_each(|c| seeds.add(Category::City, &c));
        address.string("postalCode").into_iter().for_each(|z| seeds.add(Category::Zip, &z));
    }
}

impl Walk<'_, '_> {
    fn resource(&mut self, resource: &Obj<'_>, kind: &str, path: &str) {
        let at = At { parent: "", person: PEOPLE.contains(&kind) };
        self.object(resource, at, path);
    }

    fn object(&mut self, object: &Obj<'_>, at: At<'_>, path: &str) {
        for (position, (key, raw)) in object.members().iter().enumerate() {
            let here = format!("{path}.{}", key_segment(key, position));
            self.member(object, key, raw, at, &here);
        }
    }

    fn member(&mut self, object: &Obj<'_>, key: &str, raw: &RawValue, at: At<'_>, path: &str) {
        let person = at.person;
        match key {
            "resourceType" | "code" | "category" | "interpretation" | "referenceRange" | "valueQuantity" | "status"
            | "unit" | "system" | "use" | "gender" | "relationship" | "type" => {}
            "id" if person && at.parent.is_empty() => self.string(raw, Category::Mrn, Form::Id, path),
            "fullUrl" => self.full_url(object, raw, path),
            "reference" => self.reference(raw, path),
            "display" if at.parent == "reference-to-person" => self.string(raw, Category::Name, Form::Text, path),
            "display" => {}
            "text" => match Json::of(raw) {
                Json::Object(_) => self.narrative(raw, path),
                _ => self.text_element(raw, at, path),
            },
            "name" if person || at.parent == "contact" => self.each_string(raw, Category::Name, path),
            "authorString" => self.string(raw, Category::Name, Form::Text, path),
            "telecom" => self.telecoms(raw, path),
            "address" => self.addresses(raw, path),
            "identifier" | "accessionIdentifier" => self.identifiers(raw, at, path),
            "photo" => self.photos(raw, path),
            "extension" | "modifierExtension" => self.extensions(raw, path),
            "contained" => self.contained(raw, path),
            "entry" => self.entries(raw, path),
            key if DATES.contains(&key) => self.date(raw, path),
            "start" | "end" if at.parent.ends_with("Period") || at.parent == "period" => self.date(raw, path),
            key if FREE_TEXT.contains(&key) => self.free(raw, path),
            "note" => self.container(raw, At { parent: "note", ..at }, path),
            _ => {
                let parent = if is_reference(raw) && refers_to_person(raw) { "reference-to-person" } else { key };
                self.container(raw, At { parent, ..at }, path);
            }
        }
    }

    /// Walks into objects and arrays of objects.
    fn container(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        match Json::of(raw) {
            Json::Object(_) => {
                if let Some(object) = Obj::read(raw) {
                    let at = if at.parent == "contact" { At { person: true, ..at } } else { at };
                    self.object(&object, at, path);
                }
            }
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.container(element, at, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, raw: &RawValue, category: Category, form: Form, path: &str) {
        let Some(value) = Json::of(raw).text() else { return };
        if let Some(new) = self.session.replace(category, &value, None, form, || path.to_owned()) {
            self.splicer.replace_with_string(raw, &new);
        }
    }

    /// Every string in a value (a HumanName's `family`, `given`, `text`; prefixes and suffixes stay).
    fn each_string(&mut self, raw: &RawValue, category: Category, path: &str) {
        match Json::of(raw) {
            Json::Str(_) => self.string(raw, category, Form::Text, path),
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.each_string(element, category, &format!("{path}[{i}]"));
                }
            }
            Json::Object(_) => {
                let Some(object) = Obj::read(raw) else { return };
                for (key, value) in object.members() {
                    if matches!(key.as_ref(), "family" | "given" | "text") {
                        self.each_string(value, category, &format!("{path}.{key}"));
                    }
                }
            }
            _ => {}
        }
    }

    fn date(&mut self, raw: &RawValue, path: &str) {
        redact_date(&mut self.session, &mut self.splicer, raw, path);
    }

    fn free(&mut self, raw: &RawValue, path: &str) {
        match Json::of(raw) {
            Json::Str(_) => redact_free_string(&mut self.session, &self.seeds, &mut self.splicer, raw, path),
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.free(element, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }

    /// A narrative's `div`: its text searched like any free text (markup is not PHI and is left alone).
    fn narrative(&mut self, raw: &RawValue, path: &str) {
        if let Some(div) = Obj::read(raw).and_then(|n| n.raw("div")) {
            self.free(div, &format!("{path}.div"));
        }
    }

    /// `text` strings: an Annotation's is free text, a name's or address's an identifier; a code's text stays.
    fn text_element(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        match at.parent {
            "note" => self.free(raw, path),
            "address" => self.string(raw, Category::StreetAddress, Form::Text, path),
            "name" if at.person => self.string(raw, Category::Name, Form::Text, path),
            _ => {}
        }
    }

    fn telecoms(&mut self, raw: &RawValue, path: &str) {
        for (i, element) in elements(raw).into_iter().enumerate() {
            let Some(telecom) = Obj::read(element) else { continue };
            let category = match telecom.string("system").as_deref() {
                Some("email") => Category::Email,
                Some("fax") => Category::Fax,
                Some("url") => Category::Url,
                _ => Category::Phone,
            };
            if let Some(value) = telecom.raw("value") {
                self.string(value, category, Form::Text, &format!("{path}[{i}].value"));
            }
        }
    }

    fn addresses(&mut self, raw: &RawValue, path: &str) {
        let list = match Json::of(raw) {
            Json::Array(_) => elements(raw),
            _ => vec![raw],
        };
        for (i, element) in list.into_iter().enumerate() {
            let Some(address) = Obj::read(element) else { continue };
            let here = format!("{path}[{i}]");
            for (key, value) in address.members() {
                let category = match key.as_ref() {
                    "line" | "text" => Category::StreetAddress,
                    "city" | "district" => Category::City,
                    "postalCode" => Category::Zip,
                    "extension" => {
                        self.extensions(value, &format!("{here}.extension"));
                        continue;
                    }
                    _ => continue,
                };
                self.each_value(value, category, &format!("{here}.{key}"));
            }
        }
    }

    /// A string, or each string of an array.
    fn each_value(&mut self, raw: &RawValue, category: Category, path: &str) {
        match Json::of(raw) {
            Json::Array(_) => {
                for (i, element) in elements(raw).into_iter().enumerate() {
                    self.string(element, category, Form::Text, &format!("{path}[{i}]"));
                }
            }
            _ => self.string(raw, category, Form::Text, path),
        }
    }

    fn identifiers(&mut self, raw: &RawValue, at: At<'_>, path: &str) {
        let list = match Json::of(raw) {
            Json::Array(_) => elements(raw),
            _ => vec![raw],
        };
        for (i, element) in list.into_iter().enumerate() {
            let Some(identifier) = Obj::read(element) else { continue };
            let kind = identifier.object("type").map(|t| t.objects("coding")).unwrap_or_default();
            let code = kind.iter().find_map(|(_, c)| c.string("code"));
            let category = match code.as_deref() {
                Some("SS" | "SSN") => Category::Ssn,
                Some("MR" | "MRN" | "PI" | "PT") => Category::Mrn,
                Some("DL" | "PPN" | "LN" | "NPI" | "DEA") => Category::License,
                Some("MA" | "MC" | "MB" | "SN" | "PLAC" | "MCN") => Category::HealthPlan,
                Some("AN" | "AM" | "VN") => Category::Account,
                _ if at.person => Category::Mrn,
                _ => Category::OtherId,
            };
            if let Some(value) = identifier.raw("value") {
                self.string(value, category, Form::Text, &format!("{path}[{i}].value"));
            }
        }
    }

    fn photos(&mut self, raw: &RawValue, path: &str) {
        for (i, element) in elements(raw).into_iter().enumerate() {
            let Some(photo) = Obj::read(element) else { continue };
            for key in ["data", "url"] {
                if let Some(value) = photo.raw(key) {
                    self.string(value, Category::Photo, Form::Text, &format!("{path}[{i}].{key}"));
                }
            }
        }
    }

    /// The maiden name, birthplace and geolocation extensions; any other extension's string value is free text.
    fn extensions(&mut self, raw: &RawValue, path: &str) {
        for (i, element) in elements(raw).into_iter().enumerate() {
            let Some(extension) = Obj::read(element) else { continue };
            let here = format!("{path}[{i}]");
            let url = extension.string("url").unwrap_or_default();
            match url.as_ref() {
                MAIDEN_NAME => self.value_of(&extension, "valueString", Category::Name, &here),
                BIRTH_PLACE => {
                    if let Some(address) = extension.raw("valueAddress") {
                        self.addresses(address, &format!("{here}.valueAddress"));
                    }
                }
                GEOLOCATION | "latitude" | "longitude" => {
                    self.value_of(&extension, "valueDecimal", Category::Geocode, &here);
                    if let Some(inner) = extension.raw("extension") {
                        self.extensions(inner, &format!("{here}.extension"));
                    }
                }
                _ => {
                    if let Some(value) = extension.raw("valueString") {
                        self.free(value, &format!("{here}.valueString"));
                    }
                    if let Some(inner) = extension.raw("extension") {
                        self.extensions(inner, &format!("{here}.extension"));
                    }
                }
            }
        }
    }

    /// An extension's value: a string, or a number (a geocode) replaced by a string placeholder.
    fn value_of(&mut self, extension: &Obj<'_>, key: &str, category: Category, path: &str) {
        let Some(raw) = extension.raw(key) else { return };
        let here = format!("{path}.{key}");
        match Json::of(raw) {
            Json::Number(number) => {
                if let Some(new) = self.session.replace(category, number, None, Form::Text, || here.clone()) {
                    self.splicer.replace_with_string(raw, &new);
                }
            }
            _ => self.string(raw, category, Form::Text, &here),
        }
    }

    fn contained(&mut self, raw: &RawValue, path: &str) {
        for (i, element) in elements(raw).into_iter().enumerate() {
            let Some(resource) = Obj::read(element) else { continue };
            let kind = resource.string("resourceType").map(|k| k.into_owned()).unwrap_or_default();
            self.resource(&resource, &kind, &format!("{path}[{i}]"));
        }
    }

    fn entries(&mut self, raw: &RawValue, path: &str) {
        for (i, element) in elements(raw).into_iter().enumerate() {
            let Some(entry) = Obj::read(element) else { continue };
            let here = format!("{path}[{i}]");
            for (key, value) in entry.members() {
                match key.as_ref() {
                    "resource" => {
                        let Some(resource) = Obj::read(value) else { continue };
                        let kind = resource.string("resourceType").map(|k| k.into_owned()).unwrap_or_default();
                        self.resource(&resource, &kind, &format!("{here}.resource"));
                    }
                    "fullUrl" => self.full_url(&entry, value, &format!("{here}.fullUrl")),
                    _ => {}
                }
            }
        }
    }

    /// A Bundle entry's full URL, when it names a person resource by id (`…/Patient/123`).
    fn full_url(&mut self, entry: &Obj<'_>, raw: &RawValue, path: &str) {
        let person = entry
            .object("resource")
            .and_then(|r| r.string("resourceType"))
            .is_some_and(|k| PEOPLE.contains(&k.as_ref()));
        if person {
            self.reference_id(raw, path);
        }
    }

    /// A reference string: the id of a person it points to (`Patient/123`) is replaced the way that person's
    /// resource id is; `urn:uuid:` and `#contained` references stay.
    fn reference(&mut self, raw: &RawValue, path: &str) {
        self.reference_id(raw, path);
    }

    fn reference_id(&mut self, raw: &RawValue, path: &str) {
        let Some(value) = Json::of(raw).text() else { return };
        let Some((prefix, kind, id)) = person_reference(&value) else { return };
        let category = if kind == "Patient" { Category::Mrn } else { Category::OtherId };
        if let Some(new) = self.session.replace(category, id, None, Form::Id, || path.to_owned()) {
            self.splicer.replace_with_string(raw, &format!("{prefix}{kind}/{new}"));
        }
    }
}

/// `…/Patient/123` → ("…/", "Patient", "123"), for the person resource types.
fn person_reference(reference: &str) -> Option<(&str, &str, &str)> {
    let reference = reference.split("/_history/").next()?;
    let (head, id) = reference.rsplit_once('/')?;
    let (prefix, kind) = match head.rsplit_once('/') {
        Some((prefix, kind)) => (reference.get(..prefix.len() + 1)?, kind),
        None => ("", head),
    };
    (PEOPLE.contains(&kind) && !id.is_empty()).then_some((prefix, kind, id))
}

fn is_reference(raw: &RawValue) -> bool {
    Obj::read(raw).is_some_and(|o| o.get("reference").is_some() || o.get("display").is_some())
}

/// Whether a Reference points to a person (by its reference's type), or names no type at all (a bare display).
fn refers_to_person(raw: &RawValue) -> bool {
    let Some(object) = Obj::read(raw) else { return false };
    match object.string("reference") {
        Some(reference) => person_reference(&reference).is_some(),
        None => object.string("type").is_none_or(|t| PEOPLE.contains(&t.as_ref())),
    }
}
