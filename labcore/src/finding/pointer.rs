//! JSON pointers (RFC 6901) built from labcore's own field names and array indices only.

use serde::{Serialize, Serializer};
use std::fmt::{self, Write};

/// The deepest pointer labcore's formats need (`/results/3/reference_range/low` has four segments).
const MAX_DEPTH: usize = 4;

/// One step of a pointer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Segment {
    Key(&'static str),
    Index(u32),
}

/// A location in a JSON payload, such as `/results/3/unit`.
///
/// Pointers are built only from field names labcore defines and array indices, never from keys taken from
/// the input, so a pointer cannot carry PHI. They are small `Copy` values, rendered only when shown.
///
/// ```
/// use labcore::JsonPointer;
/// let p = JsonPointer::root().key("results").index(0).key("value");
/// assert_eq!(p.to_string(), "/results/0/value");
/// assert_eq!(JsonPointer::root().to_string(), "");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JsonPointer {
    segments: [Segment; MAX_DEPTH],
    len: u8,
}

impl Default for JsonPointer {
    fn default() -> Self {
        JsonPointer::root()
    }
}

impl JsonPointer {
    /// The whole document (the empty pointer).
    pub const fn root() -> JsonPointer {
        JsonPointer { segments: [Segment::Index(0); MAX_DEPTH], len: 0 }
    }

    fn push(mut self, segment: Segment) -> JsonPointer {
        if let Some(slot) = self.segments.get_mut(usize::from(self.len)) {
            *slot = segment;
            self.len += 1;
        }
        self
    }

    /// This pointer extended by an object key defined by labcore.
    #[must_use]
    pub fn key(self, key: &'static str) -> JsonPointer {
        self.push(Segment::Key(key))
    }

    /// This pointer extended by an array index.
    #[must_use]
    pub fn index(self, index: usize) -> JsonPointer {
        // Arrays longer than u32::MAX cannot come from an input within the size limit.
        self.push(Segment::Index(u32::try_from(index).unwrap_or(u32::MAX)))
    }

    /// Whether this is the whole document.
    pub fn is_root(&self) -> bool {
        self.len == 0
    }

    /// The steps of the pointer.
    pub(crate) fn steps(&self) -> &[Segment] {
        self.segments.get(..usize::from(self.len)).unwrap_or_default()
    }

    /// The index `i` when the pointer is under `/results/i`.
    pub fn result_index(&self) -> Option<usize> {
        match self.segments.get(..usize::from(self.len))? {
            [Segment::Key("results"), Segment::Index(i), ..] => usize::try_from(*i).ok(),
            _ => None,
        }
    }
}

impl fmt::Display for JsonPointer {
    /// The RFC 6901 text: `""` for the root, `/results/0/unit` otherwise (`~` and `/` escaped in keys).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in self.segments.iter().take(usize::from(self.len)) {
            f.write_char('/')?;
            match segment {
                Segment::Index(i) => write!(f, "{i}")?,
                Segment::Key(key) => {
                    for c in key.chars() {
                        match c {
                            '~' => f.write_str("~0")?,
                            '/' => f.write_str("~1")?,
                            c => f.write_char(c)?,
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

impl Serialize for JsonPointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(JsonPointer::root().key("a/b~c").to_string(), "/a~1b~0c");
    }

    #[test]
    fn result_index_and_overflow() {
        let p = JsonPointer::root().key("results").index(7).key("unit");
        assert_eq!(p.result_index(), Some(7));
        assert_eq!(JsonPointer::root().key("results").result_index(), None);
        let deep = (0..10).fold(JsonPointer::root(), |p, i| p.index(i));
        assert_eq!(deep.to_string(), "/0/1/2/3");
    }
}
