//! JSON read lazily for FHIR resources: the document is validated once, then only the objects labcore reads
//! are split into members, each member kept as raw JSON text (`serde_json::value::RawValue`) until needed.
//! Numbers keep their exact digits (`5.50` has three significant digits, as FHIR decimals require), and parts
//! labcore does not read are never decoded.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// A JSON value, its containers not yet read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Json<'a> {
    Null,
    Bool,
    /// The number's exact text.
    Number(&'a str),
    /// The string token, quotes and escapes included (decoded by [`Json::text`]).
    Str(&'a str),
    Array(&'a RawValue),
    Object(&'a RawValue),
}

impl<'a> Json<'a> {
    pub(crate) fn of(raw: &'a RawValue) -> Json<'a> {
        let text = raw.get();
        match text.as_bytes().first() {
            Some(b'n') => Json::Null,
            Some(b't' | b'f') => Json::Bool,
            Some(b'"') => Json::Str(text),
            Some(b'[') => Json::Array(raw),
            Some(b'{') => Json::Object(raw),
            _ => Json::Number(text),
        }
    }

    /// The decoded string, when the value is one.
    pub(crate) fn text(&self) -> Option<Cow<'a, str>> {
        match self {
            Json::Str(token) => Some(decode_string(token)),
            _ => None,
        }
    }
}

fn decode_string(token: &str) -> Cow<'_, str> {
    if !token.contains('\\') {
        return Cow::Borrowed(token.get(1..token.len().saturating_sub(1)).unwrap_or_default());
    }
    // Validated by the parser already: decoding again cannot fail.
    serde_json::from_str::<String>(token).map_or(Cow::Borrowed(""), Cow::Owned)
}

/// An object's members in order, values raw. Duplicate keys are kept (the first wins on look-up) and counted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Obj<'a> {
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> Obj<'a> {
    /// Reads an object's members; `None` when the value is not an object.
    pub(crate) fn read(raw: &'a RawValue) -> Option<Obj<'a>> {
        match Json::of(raw) {
            Json::Object(raw) => serde_json::from_str::<Members<'a>>(raw.get()).ok().map(|m| Obj { members: m.0 }),
            _ => None,
        }
    }

    /// Every member, in order.
    pub(crate) fn members(&self) -> &[(Cow<'a, str>, &'a RawValue)] {
        &self.members
    }

    /// The first value of a key.
    pub(crate) fn get(&self, key: &str) -> Option<Json<'a>> {
        self.raw(key).map(Json::of)
    }

    pub(crate) fn raw(&self, key: &str) -> Option<&'a RawValue> {
        self.members.iter().find(|(k, _)| k == key).map(|(_, v)| *v)
    }

    /// A string member, decoded and trimmed; `None` when absent or not a string.
    pub(crate) fn string(&self, key: &str) -> Option<Cow<'a, str>> {
        let text = self.get(key)?.text()?;
        Some(match text {
            Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
            Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
        })
        .filter(|t| !t.is_empty())
    }

    /// An object member.
    pub(crate) fn object(&self, key: &str) -> Option<Obj<'a>> {
        self.raw(key).and_then(Obj::read)
    }

    /// An array member's elements (a lone value where an array was expected counts as one element).
    pub(crate) fn array(&self, key: &str) -> Vec<&'a RawValue> {
        match self.raw(key) {
            Some(raw) => elements(raw),
            None => Vec::new(),
        }
    }

    /// An array member's object elements, with their indices.
    pub(crate) fn objects(&self, key: &str) -> Vec<(usize, Obj<'a>)> {
        self.array(key).into_iter().enumerate().filter_map(|(i, raw)| Obj::read(raw).map(|o| (i, o))).collect()
    }

    /// Whether a key appears more than once.
    pub(crate) fn has_duplicate_keys(&self) -> bool {
        let mut seen = std::collections::HashSet::with_capacity(self.members.len());
        !self.members.iter().all(|(k, _)| seen.insert(k.as_ref()))
    }

    /// The first member whose key starts with `prefix` (FHIR choice types: `value` → `valueQuantity`).
    pub(crate) fn choice(&self, prefix: &str) -> Option<(&str, Json<'a>)> {
        self.members
            .iter()
            .find(|(k, _)| {
                k.len() > prefix.len()
                    && k.starts_with(prefix)
                    && k.as_bytes().get(prefix.len()).is_some_and(u8::is_ascii_uppercase)
            })
            .map(|(k, v)| (k.as_ref(), Json::of(v)))
    }
}

/// An array's elements (or a lone value as one element).
pub(crate) fn elements(raw: &RawValue) -> Vec<&RawValue> {
    match Json::of(raw) {
        Json::Array(raw) => serde_json::from_str::<Vec<&RawValue>>(raw.get()).unwrap_or_default(),
        Json::Null => Vec::new(),
        _ => vec![raw],
    }
}

struct Members<'a>(Vec<(Cow<'a, str>, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    members.push((key.0, map.next_value::<&'de RawValue>()?));
                }
                Ok(Members(members))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Members<'de>, A::Error> {
                Err(de::Error::custom("not an object"))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_numbers_and_choices() {
        let raw: &RawValue =
            serde_json::from_str(r#"{"a": 5.50, "b": "x\u0041", "c": [1, {"d": null}], "valueQuantity": {}, "a": 1}"#)
                .unwrap();
        let obj = Obj::read(raw).unwrap();
        assert!(matches!(obj.get("a"), Some(Json::Number("5.50"))));
        assert_eq!(obj.string("b").as_deref(), Some("xA"));
        assert_eq!(obj.array("c").len(), 2);
        assert_eq!(obj.objects("c").len(), 1);
        assert_eq!(obj.choice("value").map(|(k, _)| k.to_owned()).as_deref(), Some("valueQuantity"));
        assert!(obj.has_duplicate_keys());
        assert!(Obj::read(serde_json::from_str::<&RawValue>("[1]").unwrap()).is_none());
    }
}
