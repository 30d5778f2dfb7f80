//! Fields, repetitions, components and sub-components, split only when asked for, and their text decoded.

use std::borrow::Cow;

use super::Delimiters;
use super::escape::{Decoding, unescape_noting};

/// One field of a segment, as written (escape sequences not yet decoded).
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    raw: &'a str,
    delimiters: Delimiters,
}

/// One repetition of a field.
#[derive(Debug, Clone, Copy)]
pub struct Repetition<'a> {
    raw: &'a str,
    delimiters: Delimiters,
}

/// One component of a repetition.
#[derive(Debug, Clone, Copy)]
pub struct Component<'a> {
    raw: &'a str,
    delimiters: Delimiters,
}

/// A value's decoded text and what decoding noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Leaf<'a> {
    pub(crate) text: Cow<'a, str>,
    pub(crate) decoding: Decoding,
    /// The value ended with the truncation character (v2.7): the sender cut it short.
    pub(crate) truncated: bool,
}

/// HL7's explicit null: `""` in a field means "delete the value"; labcore reads it as empty.
fn is_null(raw: &str) -> bool {
    raw == "\"\""
}

/// Decodes a leaf value: the explicit null, a trailing truncation character, escape sequences.
pub(crate) fn decode_leaf<'a>(raw: &'a str, delimiters: &Delimiters) -> Leaf<'a> {
    if is_null(raw) {
        return Leaf { text: Cow::Borrowed(""), decoding: Decoding::default(), truncated: false };
    }
    let (raw, truncated) = match delimiters.truncation.and_then(|t| raw.strip_suffix(t)) {
        Some(shorter) => (shorter, true),
        None => (raw, false),
    };
    let (text, decoding) = unescape_noting(raw, delimiters);
    Leaf { text, decoding, truncated }
}

impl<'a> Field<'a> {
    pub(crate) fn new(raw: &'a str, delimiters: Delimiters) -> Field<'a> {
        Field { raw, delimiters }
    }

    /// The field as written.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// The message's delimiters.
    pub fn delimiters(&self) -> &Delimiters {
        &self.delimiters
    }

    /// Whether the field is empty, blank or HL7's explicit null `""`.
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() || is_null(self.raw.trim())
    }

    /// The repetitions (one, for a field that does not repeat).
    pub fn repetitions(&self) -> impl Iterator<Item = Repetition<'a>> + 'a {
        let delimiters = self.delimiters;
        self.raw.split(delimiters.repetition).map(move |raw| Repetition { raw, delimiters })
    }

    /// The first repetition.
    pub fn first(&self) -> Repetition<'a> {
        let separator = u8::try_from(self.delimiters.repetition).unwrap_or(b'~');
        let raw = match super::message::find_byte(separator, self.raw.as_bytes()) {
            Some(end) => self.raw.get(..end).unwrap_or_default(),
            None => self.raw,
        };
        Repetition { raw, delimiters: self.delimiters }
    }

    /// Component `n` (1-based) of the first repetition.
    pub fn component(&self, n: usize) -> Component<'a> {
        self.first().component(n)
    }

    /// The first repetition's first component, decoded.
    pub fn text(&self) -> Cow<'a, str> {
        self.component(1).text()
    }
}

impl<'a> Repetition<'a> {
    /// The repetition as written.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// The message's delimiters.
    pub(crate) fn delimiters(&self) -> &Delimiters {
        &self.delimiters
    }

    /// Whether the repetition is empty or blank.
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() || is_null(self.raw.trim())
    }

    /// The components, in order.
    pub fn components(&self) -> impl Iterator<Item = Component<'a>> + 'a {
        let delimiters = self.delimiters;
        self.raw.split(delimiters.component).map(move |raw| Component { raw, delimiters })
    }

    /// The whole repetition (components and all) decoded, for text values that should have no components.
    pub(crate) fn whole(&self) -> Leaf<'a> {
        decode_leaf(self.raw, &self.delimiters)
    }

    /// Component `n` (1-based); empty when absent.
    pub fn component(&self, n: usize) -> Component<'a> {
        let raw = n.checked_sub(1).and_then(|i| self.split().nth(i)).unwrap_or_default();
        Component { raw, delimiters: self.delimiters }
    }

    /// The first `N` components (empty where absent), split in one pass.
    pub(crate) fn parts<const N: usize>(&self) -> [Component<'a>; N] {
        let mut parts = [Component { raw: "", delimiters: self.delimiters }; N];
        for (slot, raw) in parts.iter_mut().zip(self.split()) {
            slot.raw = raw;
        }
        parts
    }

    fn split(&self) -> super::message::SplitByte<'a> {
        let separator = u8::try_from(self.delimiters.component).unwrap_or(b'^');
        super::message::SplitByte { rest: Some(self.raw), separator }
    }
}

impl<'a> Component<'a> {
    /// The component as written.
    pub fn as_str(&self) -> &'a str {
        self.raw
    }

    /// Whether the component is empty, blank or the explicit null.
    pub fn is_empty(&self) -> bool {
        self.raw.trim().is_empty() || is_null(self.raw.trim())
    }

    /// Sub-component `n` (1-based), as written; the whole component when the message declares no sub-component
    /// separator.
    pub fn subcomponent(&self, n: usize) -> &'a str {
        match self.delimiters.subcomponent.and_then(|c| u8::try_from(c).ok()) {
            // The common case: no sub-component separator at all.
            Some(sub) if n == 1 => match super::message::find_byte(sub, self.raw.as_bytes()) {
                Some(end) => self.raw.get(..end).unwrap_or_default(),
                None => self.raw,
            },
            Some(separator) => n
                .checked_sub(1)
                .and_then(|i| super::message::SplitByte { rest: Some(self.raw), separator }.nth(i))
                .unwrap_or_default(),
            None if n == 1 => self.raw,
            None => "",
        }
    }

    /// The first sub-component, with its escape sequences decoded and surrounding white space trimmed.
    pub fn text(&self) -> Cow<'a, str> {
        trimmed(self.leaf().text)
    }

    /// The first sub-component, decoded, with what decoding noticed.
    pub(crate) fn leaf(&self) -> Leaf<'a> {
        decode_leaf(self.subcomponent(1), &self.delimiters)
    }

    /// The whole component (sub-components and all) decoded, for text fields that should have none.
    pub(crate) fn whole(&self) -> Leaf<'a> {
        decode_leaf(self.raw, &self.delimiters)
    }
}

/// Trims white space without copying when the text is borrowed.
pub(crate) fn trimmed(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(t) => Cow::Borrowed(t.trim()),
        Cow::Owned(t) if t.trim().len() == t.len() => Cow::Owned(t),
        Cow::Owned(t) => Cow::Owned(t.trim().to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(raw: &str) -> Field<'_> {
        Field::new(raw, Delimiters::default())
    }

    #[test]
    fn components_repetitions_subcomponents() {
        let f = field("MRN1^^^NW&1.2.3&ISO^MR~SSN9^^^SSA^SS");
        assert_eq!(f.repetitions().count(), 2);
        assert_eq!(f.component(1).text(), "MRN1");
        assert_eq!(f.component(4).subcomponent(2), "1.2.3");
        assert_eq!(f.component(4).text(), "NW");
        assert_eq!(f.repetitions().nth(1).map(|r| r.component(5).text().into_owned()), Some("SS".into()));
        assert!(f.component(9).is_empty());
        assert!(f.component(0).is_empty());
    }

    #[test]
    fn nulls_and_truncation() {
        assert!(field("\"\"").is_empty());
        assert_eq!(field("\"\"").text(), "");
        let d = Delimiters { truncation: Some('#'), ..Delimiters::default() };
        let leaf = decode_leaf("12.3#", &d);
        assert_eq!((leaf.text.as_ref(), leaf.truncated), ("12.3", true));
        assert_eq!(decode_leaf("a\\P\\b", &d).text, "a#b");
    }
}
