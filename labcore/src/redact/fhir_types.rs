//! FHIR R4 data types recognised by their shape, wherever an object is (the members each type allows), and the
//! category of the identifier each holds.

use super::Category;
use super::json::{Json, Obj};

/// The XHTML of the narrative that replaces narratives (unless the policy keeps names): the content FHIR
/// requires (txt-1: XHTML in a `div`; txt-2: some non-whitespace content), saying there is none.
pub(super) const EMPTY_DIV: &str = r#"<div xmlns="http://www.w3.org/1999/xhtml">No human-readable text: the narrative was removed by de-identification</div>"#;

/// The narrative that replaces narratives, as JSON: [`EMPTY_DIV`] with status `empty` — "some equivalent of 'No
/// human-readable text provided in this case'" (R4 NarrativeStatus). Not `generated`, which would claim that the
/// text renders the structured data.
pub(super) fn empty_narrative() -> String {
    let div = serde_json::to_string(EMPTY_DIV).unwrap_or_default();
    format!(r#"{{"status": "empty", "div": {div}}}"#)
}

/// Whether a narrative is the one that replaces narratives (redacting a redacted document changes nothing).
pub(super) fn is_empty_narrative(narrative: &Obj<'_>) -> bool {
    narrative.members().len() == 2
        && narrative.string("status").as_deref() == Some("empty")
        && narrative.string("div").as_deref() == Some(EMPTY_DIV)
}

/// Elements of type `instant` in FHIR R4, which must hold a time to the second with its zone (every other date
/// element is a date or dateTime, which may hold a year alone): by name wherever they are, and by resource type
/// for names that other types give to dateTimes.
const INSTANTS: &[&str] =
    &["issued", "lastUpdated", "recorded", "timestamp", "when", "ifModifiedSince", "lastModified", "valueInstant"];
const RESOURCE_INSTANTS: &[(&str, &str)] = &[
    ("Appointment", "start"),
    ("Appointment", "end"),
    ("AppointmentResponse", "start"),
    ("AppointmentResponse", "end"),
    ("Slot", "start"),
    ("Slot", "end"),
    ("DocumentReference", "date"),
    ("Subscription", "end"),
];

/// What marks a primitive whose value was removed: the core data-absent-reason extension, `masked` ("the
/// information is not available due to security, privacy or related reasons").
pub(super) const MASKED: &str =
    r#"{"extension": [{"url": "http://hl7.org/fhir/StructureDefinition/data-absent-reason", "valueCode": "masked"}]}"#;

/// Where a walk is: the member it is in, whether the resource around it describes a person, whether the member
/// is an `instant`, and whether it carries extensions of its own (a `_key` sibling).
#[derive(Clone, Copy)]
pub(super) struct At<'p> {
    pub(super) key: &'p str,
    pub(super) person: bool,
    pub(super) instant: bool,
    pub(super) extended: bool,
}

impl<'p> At<'p> {
    /// Nowhere in particular: the root, or a value of no particular element.
    pub(super) fn nowhere() -> At<'static> {
        At { key: "", person: false, instant: false, extended: false }
    }

    /// In member `key` of `object`, a resource of type `kind` when it is one.
    pub(super) fn member(self, object: &Obj<'_>, key: &'p str, kind: Option<&str>) -> At<'p> {
        let instant = INSTANTS.contains(&key) || kind.is_some_and(|k| RESOURCE_INSTANTS.contains(&(k, key)));
        At { key, instant, extended: object.raw(&format!("_{key}")).is_some(), ..self }
    }
}

/// Whether a date's replacement is a value of the element's type: an instant to the second with its zone
/// (`2024-03-14T09:12:00Z`), else a date or dateTime (`2024`, `2024-03-14`) — not a placeholder.
pub(super) fn fits(value: &str, instant: bool) -> bool {
    let bytes = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| bytes.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let year = bytes.len() >= 4 && digits(0..4) && bytes.get(4).is_none_or(|b| *b == b'-');
    if !instant {
        return year;
    }
    let zone =
        value.ends_with('Z') || value.get(value.len().saturating_sub(6)..).is_some_and(|z| z.starts_with(['+', '-']));
    year && bytes.len() >= 20 && bytes.get(10) == Some(&b'T') && digits(11..13) && digits(17..19) && zone
}

/// An object's data type, from the members it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
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

/// The data type of an object, from its members: each type is recognised only when every member is one it
/// allows (plus `id`, `extension` and primitive extensions `_x`), and it has one that marks it.
pub(super) fn shape(object: &Obj<'_>, key: &str) -> Shape {
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
pub(super) fn telecom_category(telecom: &Obj<'_>) -> Category {
    match telecom.string("system").as_deref() {
        Some("email") => Category::Email,
        Some("fax") => Category::Fax,
        Some("url") => Category::Url,
        _ => Category::Phone,
    }
}

/// An Identifier's category by its type code (HL7 table v2-0203), else by whose it is.
pub(super) fn identifier_category(identifier: &Obj<'_>, at: At<'_>) -> Category {
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
pub(super) fn attachment_category(at: At<'_>) -> Category {
    if at.key == "photo" { Category::Photo } else { Category::OtherId }
}
