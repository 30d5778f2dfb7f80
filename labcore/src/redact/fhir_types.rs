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

/// Where a walk is: the member it is in, and whether the resource around it describes a person.
#[derive(Clone, Copy)]
pub(super) struct At<'p> {
    pub(super) key: &'p str,
    pub(super) person: bool,
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
