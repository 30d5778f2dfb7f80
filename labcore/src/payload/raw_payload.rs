//! The top-level payload object, read loosely. Its `results` are not kept as raw objects: each one is handed to
//! a [`ResultSink`] as soon as it is read, into one reused place, so a payload of any size needs one raw result
//! in memory at a time and nothing is moved.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

use super::raw::{Extras, JsonType, Listed, Node, RawObject, RawPatient, RawResult, RawSpecimen, Shaped, ShapedInto};

/// Receives the elements of `results`, in order, as they are read.
pub(crate) trait ResultSink<'de>: Default {
    /// Takes the element at `index` of `results`.
    fn element(&mut self, index: usize, element: &Shaped<'de, RawResult<'de>>);
}

/// What `results` was: an array (of this many elements, already handed to the sink) or another JSON type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Streamed {
    Array(usize),
    Other(JsonType),
}

/// The top-level payload object; `sink` has received every result.
#[derive(Debug, Default)]
pub(crate) struct RawPayload<'de, S> {
    pub(crate) patient_id: Option<Node<'de>>,
    pub(crate) lab_id: Option<Node<'de>>,
    pub(crate) test_type: Option<Node<'de>>,
    pub(crate) collected_at: Option<Node<'de>>,
    pub(crate) patient: Option<Shaped<'de, RawPatient<'de>>>,
    pub(crate) specimen: Option<Shaped<'de, RawSpecimen<'de>>>,
    pub(crate) results: Option<Streamed>,
    pub(crate) comments: Option<Listed<'de, Node<'de>>>,
    pub(crate) sink: S,
    pub(crate) extras: Extras,
}

impl<'de, S: ResultSink<'de>> RawObject<'de> for RawPayload<'de, S> {
    const FIELDS: &'static [&'static str] =
        &["patient_id", "lab_id", "test_type", "collected_at", "patient", "specimen", "results", "comments"];

    fn field_index(key: &str) -> Option<usize> {
        Self::FIELDS.iter().position(|field| *field == key)
    }

    fn read<A: MapAccess<'de>>(&mut self, index: usize, map: &mut A) -> Result<(), A::Error> {
        match index {
            0 => self.patient_id = Some(map.next_value()?),
            1 => self.lab_id = Some(map.next_value()?),
            2 => self.test_type = Some(map.next_value()?),
            3 => self.collected_at = Some(map.next_value()?),
            4 => self.patient = Some(map.next_value()?),
            5 => self.specimen = Some(map.next_value()?),
            6 => self.results = Some(map.next_value_seed(Results(&mut self.sink))?),
            7 => self.comments = Some(map.next_value()?),
            _ => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn extras(&mut self) -> &mut Extras {
        &mut self.extras
    }
}

/// Reads `results`, handing each element to the sink.
struct Results<'s, S>(&'s mut S);

impl<'de, S: ResultSink<'de>> DeserializeSeed<'de> for Results<'_, S> {
    type Value = Streamed;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Streamed, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, S: ResultSink<'de>> Visitor<'de> for Results<'_, S> {
    type Value = Streamed;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of results")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::Bool))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::Number))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::Number))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::Number))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::Null))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Streamed, E> {
        Ok(Streamed::Other(JsonType::String))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Streamed, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Streamed::Other(JsonType::Object))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Streamed, A::Error> {
        let mut place = Shaped::Other(JsonType::Null);
        let mut count = 0;
        while seq.next_element_seed(ShapedInto(&mut place))?.is_some() {
            self.0.element(count, &place);
            count += 1;
            place = Shaped::Other(JsonType::Null);
        }
        Ok(Streamed::Array(count))
    }
}
