//! JSON pointers (RFC 6901) built from labcore's own field names and array indices only.

use serde::{Serialize, Serializer};
use std::fmt;

/// A location in a JSON payload, such as `/results/3/unit`.
///
/// Pointers are built only from field names labcore defines and array indices, never from keys taken from
/// the input, so a pointer cannot carry PHI.
///
/// ```
/// use labcore::JsonPointer;
/// let p = JsonPointer::root().key("results").index(0).key("value");
/// assert_eq!(p.as_str(), "/results/0/value");
/// assert_eq!(JsonPointer::root().as_str(), "");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct JsonPointer(String);

impl JsonPointer {
    /// The whole document (the empty pointer).
    pub fn root() -> JsonPointer {
        JsonPointer(String::new())
    }

    /// This pointer extended by an object key defined by labcore (escaped per RFC 6901).
    #[must_use]
    pub fn key(&self, key: &'static str) -> JsonPointer {
        let mut s = String::with_capacity(self.0.len() + key.len() + 1);
        s.push_str(&self.0);
        s.push('/');
        for c in key.chars() {
            match c {
                '~' => s.push_str("~0"),
                '/' => s.push_str("~1"),
                c => s.push(c),
            }
        }
        JsonPointer(s)
    }

    /// This pointer extended by an array index.
    #[must_use]
    pub fn index(&self, index: usize) -> JsonPointer {
        JsonPointer(format!("{}/{index}", self.0))
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for JsonPointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() { f.write_str("(root)") } else { f.write_str(&self.0) }
    }
}

impl Serialize for JsonPointer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(JsonPointer::root().key("a/b~c").as_str(), "/a~1b~0c");
    }
}
