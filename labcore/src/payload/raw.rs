//! A lenient first read of a JSON payload: every field is taken as whatever JSON type it has, so that later
//! checks can report every problem at once instead of stopping at the first wrong type.
//!
//! Strings are decoded once by the parser (borrowed when they have no escapes). Result values and range bounds are
//! captured as raw JSON text (`serde_json::value::RawValue`) so numbers keep their exact digits (`7.50`). A number
//! beyond the f64 range in another field makes serde_json refuse the document (RFC 8259 §6 lets parsers limit
//! range). Unknown keys are skipped without being kept.

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

use super::fields;

/// The JSON type of a value, for `invalid_type` findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonType {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl JsonType {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "a boolean",
            JsonType::Number => "a number",
            JsonType::String => "a string",
            JsonType::Array => "an array",
            JsonType::Object => "an object",
        }
    }
}

/// A JSON value read loosely: strings decoded (borrowed when they have no escapes), containers only by type.
/// A [`RawNode`] also keeps the exact text of numbers and objects.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool,
    /// A number; its exact text when read as a [`RawNode`].
    Number(Option<&'a str>),
    Str(Cow<'a, str>),
    Array,
    /// An object; its exact text when read as a [`RawNode`].
    Object(Option<&'a str>),
}

impl<'a> Node<'a> {
    pub(crate) fn json_type(&self) -> JsonType {
        match self {
            Node::Null => JsonType::Null,
            Node::Bool => JsonType::Bool,
            Node::Number(_) => JsonType::Number,
            Node::Str(_) => JsonType::String,
            Node::Array => JsonType::Array,
            Node::Object(_) => JsonType::Object,
        }
    }

    /// A node from raw JSON text (already validated by the parser).
    fn classify(raw: &'a str) -> Node<'a> {
        match raw.as_bytes().first() {
            Some(b'n') => Node::Null,
            Some(b't' | b'f') => Node::Bool,
            Some(b'"') => Node::Str(unescape(raw)),
            Some(b'[') => Node::Array,
            Some(b'{') => Node::Object(Some(raw)),
            _ => Node::Number(Some(raw)),
        }
    }
}

/// The content of a JSON string token; borrowed when it has no escapes.
fn unescape(raw: &str) -> Cow<'_, str> {
    if !raw.contains('\\') {
        return Cow::Borrowed(raw.get(1..raw.len().saturating_sub(1)).unwrap_or_default());
    }
    // The token was already validated by the parser; decoding it again cannot fail.
    serde_json::from_str::<String>(raw).map_or(Cow::Borrowed(""), Cow::Owned)
}

impl<'de> Deserialize<'de> for Node<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_bool<Er: de::Error>(self, _: bool) -> Result<Node<'de>, Er> {
                Ok(Node::Bool)
            }
            fn visit_i64<Er: de::Error>(self, _: i64) -> Result<Node<'de>, Er> {
                Ok(Node::Number(None))
            }
            fn visit_u64<Er: de::Error>(self, _: u64) -> Result<Node<'de>, Er> {
                Ok(Node::Number(None))
            }
            fn visit_f64<Er: de::Error>(self, _: f64) -> Result<Node<'de>, Er> {
                Ok(Node::Number(None))
            }
            fn visit_unit<Er: de::Error>(self) -> Result<Node<'de>, Er> {
                Ok(Node::Null)
            }
            fn visit_borrowed_str<Er: de::Error>(self, v: &'de str) -> Result<Node<'de>, Er> {
                Ok(Node::Str(Cow::Borrowed(v)))
            }
            fn visit_str<Er: de::Error>(self, v: &str) -> Result<Node<'de>, Er> {
                Ok(Node::Str(Cow::Owned(v.to_owned())))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Node::Array)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Node::Object(None))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

/// A [`Node`] read through `serde_json`'s raw value: numbers keep their exact digits (`7.50`), numbers
/// beyond f64 cannot fail the parse, and an object keeps its text to be read later.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawNode<'a>(pub(crate) Node<'a>);

impl<'de> Deserialize<'de> for RawNode<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&'de RawValue>::deserialize(deserializer)?;
        Ok(RawNode(Node::classify(raw.get())))
    }
}

/// A key that was not one of the object's fields: only its position is kept, never its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnknownKey {
    /// 1-based position of the member in its object.
    pub(crate) position: usize,
    /// The field the sender probably meant.
    pub(crate) suggestion: Option<&'static str>,
}

/// A key that is not a plain field: unknown, or repeated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Extra {
    Unknown(UnknownKey),
    Duplicate(&'static str),
}

/// What every loosely read object records besides its fields.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Extras {
    pub(crate) keys: Vec<Extra>,
    seen: u64,
}

/// An object with a fixed set of fields, read loosely.
pub(crate) trait RawObject<'de>: Default + Sized {
    /// The field names, in the order `read` expects their index.
    const FIELDS: &'static [&'static str];
    /// The index of a field name in `FIELDS` (a `match`, faster than a scan).
    fn field_index(key: &str) -> Option<usize>;
    /// Reads the value of `FIELDS[index]`.
    fn read<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error>;
    /// Unknown and duplicate keys.
    fn extras(&mut self) -> &mut Extras;
}

/// Reads an object's members into `out` (in place: a result object is a few hundred bytes, worth not moving).
fn read_object<'de, T: RawObject<'de>, A: MapAccess<'de>>(mut map: A, out: &mut T) -> Result<(), A::Error> {
    let mut position = 0;
    while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
        position += 1;
        match T::field_index(&key) {
            Some(index) => {
                let bit = 1u64 << (index % 64);
                let extras = out.extras();
                if extras.seen & bit != 0 {
                    // The first value is kept; the duplicate is an error finding.
                    extras.keys.extend(T::FIELDS.get(index).map(|name| Extra::Duplicate(name)));
                    map.next_value::<IgnoredAny>()?;
                } else {
                    extras.seen |= bit;
                    out.read(index, &mut map)?;
                }
            }
            None => {
                if key != "$schema" {
                    let suggestion = fields::suggest(&key, T::FIELDS);
                    out.extras().keys.push(Extra::Unknown(UnknownKey { position, suggestion }));
                }
                map.next_value::<IgnoredAny>()?;
            }
        }
    }
    Ok(())
}

/// An object key, borrowed from the input when possible.
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

/// A value expected to be an object (or, where allowed, a string), with whatever it really was.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Shaped<'de, T> {
    Object(T),
    Text(Cow<'de, str>),
    Other(JsonType),
}

/// A value expected to be an array of `E` (or, where allowed, a single string).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Listed<'de, E> {
    Array(Vec<E>),
    Text(Cow<'de, str>),
    Other(JsonType),
}

/// Implements the scalar arms shared by the `Shaped` and `Listed` visitors.
macro_rules! scalar_arms {
    ($other:path, $text:path) => {
        fn visit_bool<Er: de::Error>(self, _: bool) -> Result<Self::Value, Er> {
            Ok($other(JsonType::Bool))
        }
        fn visit_i64<Er: de::Error>(self, _: i64) -> Result<Self::Value, Er> {
            Ok($other(JsonType::Number))
        }
        fn visit_u64<Er: de::Error>(self, _: u64) -> Result<Self::Value, Er> {
            Ok($other(JsonType::Number))
        }
        fn visit_f64<Er: de::Error>(self, _: f64) -> Result<Self::Value, Er> {
            Ok($other(JsonType::Number))
        }
        fn visit_unit<Er: de::Error>(self) -> Result<Self::Value, Er> {
            Ok($other(JsonType::Null))
        }
        fn visit_borrowed_str<Er: de::Error>(self, v: &'de str) -> Result<Self::Value, Er> {
            Ok($text(Cow::Borrowed(v)))
        }
        fn visit_str<Er: de::Error>(self, v: &str) -> Result<Self::Value, Er> {
            Ok($text(Cow::Owned(v.to_owned())))
        }
    };
}

impl<'de, T: RawObject<'de>> Deserialize<'de> for Shaped<'de, T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut place = Shaped::Other(JsonType::Null);
        ShapedInto(&mut place).deserialize(deserializer)?;
        Ok(place)
    }
}

/// Reads a [`Shaped`] value into a place, so that the object is built where it will stay.
pub(super) struct ShapedInto<'p, 'de, T>(pub(super) &'p mut Shaped<'de, T>);

impl<'de, T: RawObject<'de>> DeserializeSeed<'de> for ShapedInto<'_, 'de, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: RawObject<'de>> Visitor<'de> for ShapedInto<'_, 'de, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<Er: de::Error>(self, _: bool) -> Result<(), Er> {
        *self.0 = Shaped::Other(JsonType::Bool);
        Ok(())
    }
    fn visit_i64<Er: de::Error>(self, _: i64) -> Result<(), Er> {
        *self.0 = Shaped::Other(JsonType::Number);
        Ok(())
    }
    fn visit_u64<Er: de::Error>(self, _: u64) -> Result<(), Er> {
        *self.0 = Shaped::Other(JsonType::Number);
        Ok(())
    }
    fn visit_f64<Er: de::Error>(self, _: f64) -> Result<(), Er> {
        *self.0 = Shaped::Other(JsonType::Number);
        Ok(())
    }
    fn visit_unit<Er: de::Error>(self) -> Result<(), Er> {
        *self.0 = Shaped::Other(JsonType::Null);
        Ok(())
    }
    fn visit_borrowed_str<Er: de::Error>(self, v: &'de str) -> Result<(), Er> {
        *self.0 = Shaped::Text(Cow::Borrowed(v));
        Ok(())
    }
    fn visit_str<Er: de::Error>(self, v: &str) -> Result<(), Er> {
        *self.0 = Shaped::Text(Cow::Owned(v.to_owned()));
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        *self.0 = Shaped::Other(JsonType::Array);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        if !matches!(self.0, Shaped::Object(_)) {
            *self.0 = Shaped::Object(T::default());
        }
        match self.0 {
            Shaped::Object(out) => read_object(map, out),
            _ => Ok(()),
        }
    }
}

impl<'de, E: Deserialize<'de>> Deserialize<'de> for Listed<'de, E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListedVisitor<E>(std::marker::PhantomData<E>);
        impl<'de, E: Deserialize<'de>> Visitor<'de> for ListedVisitor<E> {
            type Value = Listed<'de, E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            scalar_arms!(Listed::Other, Listed::Text);
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<E>()? {
                    items.push(item);
                }
                Ok(Listed::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Listed::Other(JsonType::Object))
            }
        }
        deserializer.deserialize_any(ListedVisitor(std::marker::PhantomData))
    }
}

/// Declares a loosely read object: its fields in order, each with the type it is read as.
macro_rules! raw_object {
    ($(#[$doc:meta])* $name:ident { $($field:ident : $ty:ty = $key:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Default, Clone, PartialEq)]
        pub(crate) struct $name<'de> {
            $(pub(crate) $field: Option<$ty>,)*
            pub(crate) extras: Extras,
        }

        impl<'de> RawObject<'de> for $name<'de> {
            const FIELDS: &'static [&'static str] = &[$($key),*];
            fn field_index(key: &str) -> Option<usize> {
                let mut i = 0usize;
                $(
                    if key == $key {
                        return Some(i);
                    }
                    i += 1;
                )*
                let _ = i;
                None
            }
            fn read<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
                let mut i = 0usize;
                $(
                    if index == i {
                        self.$field = Some(map.next_value()?);
                        return Ok(());
                    }
                    i += 1;
                )*
                let _ = i;
                map.next_value::<IgnoredAny>().map(|_| ())
            }
            fn extras(&mut self) -> &mut Extras {
                &mut self.extras
            }
        }
    };
}

raw_object! {
    /// `patient`: demographics (PHI).
    RawPatient {
        sex: Node<'de> = "sex",
        birth_date: Node<'de> = "birth_date",
    }
}

raw_object! {
    /// `specimen`.
    RawSpecimen {
        id: Node<'de> = "id",
        kind: Node<'de> = "type",
    }
}

raw_object! {
    /// One entry of `results`.
    RawResult {
        analyte: Node<'de> = "analyte",
        loinc: Node<'de> = "loinc",
        value: RawNode<'de> = "value",
        unit: Node<'de> = "unit",
        reference_range: Shaped<'de, RawRange<'de>> = "reference_range",
        flag: Node<'de> = "flag",
        comment: Node<'de> = "comment",
    }
}

raw_object! {
    /// `reference_range` given as an object (read on demand from its raw text).
    RawRange {
        low: RawNode<'de> = "low",
        high: RawNode<'de> = "high",
        text: Node<'de> = "text",
    }
}

/// The whole document: an object, or something else.
pub(crate) type RawDocument<'de, S> = Shaped<'de, super::raw_payload::RawPayload<'de, S>>;
