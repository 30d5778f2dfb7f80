//! FHIR resource ids and the references to them, masked alike so that they still resolve: `Patient/123`,
//! `https://…/Patient/123/_history/2`, `urn:uuid:…` full URLs (a UUID in place of the UUID), `#contained` ids,
//! and the URLs of transactions and searchsets (`Patient?identifier=MRN123456`, whose parameter values are
//! masked too). Also the seeds a FHIR document gives (its Patients' names, identifiers, telecoms, addresses, the
//! names of every other person in it) and the dates FHIR writes.

use std::collections::HashMap;

use serde_json::value::RawValue;

use super::fhir::PEOPLE;
use super::json::{Json, Obj, elements};
use super::session::{Form, Session};
use super::{Category, Seeds};

/// The category of a resource's id: a patient's is a medical record number, any other an identifying number.
pub(super) fn category_of(kind: &str) -> Category {
    if kind == "Patient" { Category::Mrn } else { Category::OtherId }
}

/// The resource types behind full URLs and contained ids, for the references that name no type.
#[derive(Default)]
pub(super) struct Ids {
    /// Full URL (`urn:uuid:…`, an absolute URL) → resource type.
    full_urls: HashMap<String, String>,
    /// Contained resource id → resource type.
    contained: HashMap<String, String>,
}

impl Ids {
    /// Walks the document once for its entries' full URLs and its contained resources.
    pub(super) fn collect(root: &RawValue) -> Ids {
        let mut ids = Ids::default();
        let mut stack = vec![root];
        while let Some(raw) = stack.pop() {
            match Json::of(raw) {
                Json::Array(_) => stack.extend(elements(raw)),
                Json::Object(_) => {
                    let Some(object) = Obj::read(raw) else { continue };
                    let kind = object.object("resource").and_then(|r| r.string("resourceType").map(|k| k.into_owned()));
                    if let (Some(url), Some(kind)) = (object.string("fullUrl"), kind) {
                        ids.full_urls.insert(url.into_owned(), kind);
                    }
                    for (_, inner) in object.objects("contained") {
                        if let (Some(id), Some(kind)) = (inner.string("id"), inner.string("resourceType")) {
                            ids.contained.insert(id.into_owned(), kind.into_owned());
                        }
                    }
                    stack.extend(object.members().iter().map(|(_, v)| *v));
                }
                _ => {}
            }
        }
        ids
    }
}

/// The masked form of a reference (or full URL), or `None` when it has nothing to mask.
pub(super) fn rewrite_reference(session: &mut Session<'_>, ids: &Ids, value: &str, path: &str) -> Option<String> {
    let category = |kind: Option<&String>| kind.map_or(Category::OtherId, |k| category_of(k));
    // An id the policy removes takes its reference with it (`None` when kept, `Some("")` when removed).
    let prefixed = |prefix: &str, new: String| if new.is_empty() { new } else { format!("{prefix}{new}") };
    if let Some(local) = value.strip_prefix('#') {
        if local.is_empty() {
            return None; // "#": the resource that contains it
        }
        let new = session.replace(category(ids.contained.get(local)), local, None, Form::Id, || path.to_owned())?;
        return Some(prefixed("#", new));
    }
    for (prefix, form) in [("urn:uuid:", Form::Uuid), ("urn:oid:", Form::Id)] {
        if let Some(id) = value.strip_prefix(prefix) {
            if id.is_empty() {
                return None; // no id to mask (an empty `urn:uuid:` that converters write)
            }
            let kind = category(ids.full_urls.get(value));
            return Some(prefixed(prefix, session.replace(kind, id, None, form, || path.to_owned())?));
        }
    }
    rewrite_url(session, value, path)
}

/// A RESTful URL with its ids and search parameter values masked: `[base/]Type/id[/_history/v][?query]`.
pub(super) fn rewrite_url(session: &mut Session<'_>, value: &str, path: &str) -> Option<String> {
    let (main, query) = match value.split_once('?') {
        Some((main, query)) => (main, Some(query)),
        None => (value, None),
    };
    let parts: Vec<&str> = main.split('/').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut kind: Option<&str> = None;
    for (i, part) in parts.iter().enumerate() {
        let previous = i.checked_sub(1).and_then(|p| parts.get(p)).copied().unwrap_or_default();
        let id_of = is_type(previous) && !part.is_empty() && !part.starts_with(['_', '$']);
        if is_type(part) {
            kind = Some(part);
        }
        match id_of {
            true => match session.replace(category_of(previous), part, None, Form::Id, || path.to_owned()) {
                Some(new) if new.is_empty() => return Some(new), // the id removed: the URL with it
                new => out.push(new.unwrap_or_else(|| (*part).to_owned())),
            },
            false => out.push((*part).to_owned()),
        }
    }
    let mut rewritten = out.join("/");
    if let Some(query) = query {
        rewritten.push('?');
        rewritten.push_str(&rewrite_query(session, kind.unwrap_or_default(), query, path));
    }
    (rewritten != value).then_some(rewritten)
}

/// Whether a URL path segment names a resource type (`Patient`, `DiagnosticReport`).
fn is_type(segment: &str) -> bool {
    segment.len() >= 3
        && segment.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
        && segment.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Search parameters whose values say how to search, not what: kept.
const SEARCH_CONTROLS: &[&str] = &[
    "_count",
    "_format",
    "_summary",
    "_elements",
    "_sort",
    "_include",
    "_revinclude",
    "_total",
    "_offset",
    "_getpages",
    "_getpagesoffset",
    "_pretty",
    "_contained",
    "_containedType",
    "_type",
    "status",
    "code",
    "category",
    "_bundletype",
    "page",
    "_page",
];

/// A query string with every parameter value masked but those that control the search; an identifier's system
/// (`system|value`) stays.
pub(super) fn rewrite_query(session: &mut Session<'_>, kind: &str, query: &str, path: &str) -> String {
    let mut out = Vec::new();
    for pair in query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        let base = name.split(':').next().unwrap_or(name);
        if value.is_empty() || SEARCH_CONTROLS.contains(&base) {
            out.push(pair.to_owned());
            continue;
        }
        let (system, item) = value.rsplit_once('|').map_or(("", value), |(s, v)| (s, v));
        let category = match base {
            "name" | "family" | "given" | "phonetic" => Category::Name,
            "birthdate" | "death-date" | "date" | "_lastUpdated" => Category::Date,
            "phone" | "telecom" => Category::Phone,
            "email" => Category::Email,
            "address" | "address-city" | "address-postalcode" | "address-state" => Category::StreetAddress,
            "_id" => category_of(kind),
            "patient" | "subject" => Category::Mrn,
            "identifier" if PEOPLE.contains(&kind) => Category::Mrn,
            _ => Category::OtherId,
        };
        let new =
            session.replace(category, item, None, Form::Id, || path.to_owned()).unwrap_or_else(|| item.to_owned());
        if new.is_empty() {
            continue; // a value the policy removes: the parameter with it
        }
        let value = if system.is_empty() { new } else { format!("{system}|{new}") };
        out.push(format!("{name}={value}"));
    }
    out.join("&")
}

/// Whether a Reference points to a person (by its reference's type or its `type`), or names no type at all (a
/// bare display).
pub(super) fn refers_to_person(reference: &Obj<'_>) -> bool {
    if let Some(kind) = reference.string("type") {
        return PEOPLE.contains(&kind.as_ref());
    }
    match reference.string("reference") {
        Some(value) => {
            let value = value.split("/_history/").next().unwrap_or_default();
            let kind = value.rsplit('/').nth(1).unwrap_or_default();
            PEOPLE.contains(&kind) || value.starts_with("urn:") || value.starts_with('#')
        }
        None => true,
    }
}

/// Whether a string is a FHIR date, dateTime or instant (`2024`, `2024-03`, `2024-03-14`, `2024-03-14T09:12:00Z`);
/// a bare year only in an element whose name says it holds a date.
pub(super) fn is_date(text: &str, key: &str) -> bool {
    let bytes = text.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| bytes.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let year = bytes.len() == 4 && digits(0..4);
    let month = bytes.len() >= 7 && digits(0..4) && bytes.get(4) == Some(&b'-') && digits(5..7);
    month && (bytes.len() == 7 || bytes.get(7) == Some(&b'-') && digits(8..10)) || year && is_date_key(key)
}

/// Whether an element's name says it holds a date (`birthDate`, `effectiveDateTime`, `issued`, `start`).
pub(super) fn is_date_key(key: &str) -> bool {
    key.contains("ate")
        || key.contains("ime")
        || key.contains("nstant")
        || matches!(key, "start" | "end" | "issued" | "recorded" | "authoredOn" | "lastUpdated" | "created")
}

/// The Patients' names, identifiers, telecoms and street lines anywhere in the document, and the names of every
/// other person in it (a Practitioner's, a RelatedPerson's, the display of a Reference to a person), as seeds for
/// free text; the first patient identifier, for date shifts.
pub(super) fn collect_seeds(root: &RawValue, ids: &Ids, seeds: &mut Seeds, patient: &mut Option<String>) {
    let mut stack = vec![root];
    while let Some(raw) = stack.pop() {
        match Json::of(raw) {
            Json::Array(_) => stack.extend(elements(raw)),
            Json::Object(_) => {
                let Some(object) = Obj::read(raw) else { continue };
                let kind = object.string("resourceType");
                if kind.as_deref() == Some("Patient") {
                    patient_seeds(&object, seeds, patient);
                }
                if kind.as_deref().is_some_and(|k| PEOPLE.contains(&k)) {
                    person_seeds(&object, seeds);
                }
                if let Some(display) = object.string("display").filter(|_| names_person(&object, ids)) {
                    seeds.add_written_name(&display);
                }
                stack.extend(object.members().iter().map(|(_, v)| *v));
            }
            _ => {}
        }
    }
}

/// Whether a Reference says it points to a person: by its `type`, the type in its URL, or the resource its full
/// URL or `#id` names in this document (unlike [`refers_to_person`], a bare display is not enough: it seeds
/// every free text of the document).
fn names_person(reference: &Obj<'_>, ids: &Ids) -> bool {
    let person = |kind: &str| PEOPLE.contains(&kind);
    if let Some(kind) = reference.string("type") {
        return person(&kind);
    }
    let Some(value) = reference.string("reference") else { return false };
    if let Some(kind) =
        value.strip_prefix('#').and_then(|local| ids.contained.get(local)).or(ids.full_urls.get(value.as_ref()))
    {
        return person(kind);
    }
    let value = value.split("/_history/").next().unwrap_or_default();
    person(value.rsplit('/').nth(1).unwrap_or_default())
}

/// A patient's own identifiers: its id and identifier values (the first, for date shifts).
fn patient_seeds(resource: &Obj<'_>, seeds: &mut Seeds, patient: &mut Option<String>) {
    if let Some(id) = resource.string("id") {
        seeds.add(Category::Mrn, &id);
    }
    for (_, id) in resource.objects("identifier") {
        if let Some(value) = id.string("value") {
            seeds.add(Category::Mrn, &value);
            patient.get_or_insert_with(|| value.into_owned());
        }
    }
}

/// A person's (and their contacts') names, telecoms and addresses.
fn person_seeds(resource: &Obj<'_>, seeds: &mut Seeds) {
    let people = std::iter::once(resource.clone()).chain(resource.objects("contact").into_iter().map(|(_, c)| c));
    for person in people {
        let names = person.objects("name").into_iter().map(|(_, n)| n).chain(person.object("name"));
        for name in names {
            name.array("given").iter().filter_map(|g| Json::of(g).text()).for_each(|g| seeds.add(Category::Name, &g));
            for key in ["family", "text"] {
                name.string(key).into_iter().for_each(|n| seeds.add(Category::Name, &n));
            }
        }
        for (_, telecom) in person.objects("telecom") {
            telecom.string("value").into_iter().for_each(|v| seeds.add(Category::Phone, &v));
        }
        let addresses = person.objects("address").into_iter().map(|(_, a)| a).chain(person.object("address"));
        for address in addresses {
            let lines = address.array("line");
            lines.iter().filter_map(|l| Json::of(l).text()).for_each(|l| seeds.add(Category::StreetAddress, &l));
            address.string("city").into_iter().for_each(|c| seeds.add(Category::City, &c));
            address.string("postalCode").into_iter().for_each(|z| seeds.add(Category::Zip, &z));
        }
    }
}
