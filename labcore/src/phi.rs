//! A wrapper that keeps protected health information out of logs, errors and serialised output.

use serde::{Serialize, Serializer};
use std::fmt;

/// The text every rendering of a [`Phi`] value shows instead of the value.
pub const REDACTED: &str = "[REDACTED]";

/// A value that is protected health information (a patient identifier, a birth date, free text…).
///
/// `Debug`, `Display` and `Serialize` print [`REDACTED`]; the value is reached only through
/// [`expose`](Phi::expose) or [`into_inner`](Phi::into_inner), which makes every use of PHI visible in the code.
///
/// ```
/// use labcore::Phi;
/// let mrn = Phi::new(String::from("MRN-0012345"));
/// assert_eq!(format!("{mrn:?} {mrn}"), "[REDACTED] [REDACTED]");
/// assert_eq!(serde_json::to_string(&mrn).unwrap(), "\"[REDACTED]\"");
/// assert_eq!(mrn.expose(), "MRN-0012345");
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Default)]
pub struct Phi<T>(T);

impl<T> Phi<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Phi<T> {
        Phi(value)
    }

    /// The value itself. Every call site is a place where PHI is handled on purpose.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }

    /// Applies `f` to the value, keeping the result protected.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Phi<U> {
        Phi(f(self.0))
    }
}

impl<T> fmt::Debug for Phi<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> fmt::Display for Phi<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T> Serialize for Phi<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(REDACTED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_debug_does_not_leak() {
        let value = Some(Phi::new(vec!["Jane Doe".to_owned()]));
        assert!(!format!("{value:?}").contains("Jane"));
        assert!(!format!("{value:#?}").contains("Jane"));
    }
}
