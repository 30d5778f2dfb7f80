//! The error returned when input is unusable as a whole (not JSON at all, too large, too deep).
//!
//! Everything else about a payload is a [`Finding`](crate::Finding), not an error.

use std::fmt;

/// What made the input unusable. Each kind has a stable snake_case [`code`](ErrorKind::code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is empty or only white space.
    EmptyInput,
    /// The input is larger than the configured limit.
    InputTooLarge,
    /// The input is not well-formed JSON (syntax error, truncated document, invalid UTF-8, NaN, …).
    NotJson,
    /// The input is in none of the formats labcore reads (labcore JSON, FHIR JSON, HL7 v2).
    UnknownFormat,
}

impl ErrorKind {
    /// The stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::EmptyInput => "empty_input",
            ErrorKind::InputTooLarge => "input_too_large",
            ErrorKind::NotJson => "not_json",
            ErrorKind::UnknownFormat => "unknown_format",
        }
    }

    /// Every kind, for exhaustive tests and documentation.
    pub const ALL: &'static [ErrorKind] =
        &[ErrorKind::EmptyInput, ErrorKind::InputTooLarge, ErrorKind::NotJson, ErrorKind::UnknownFormat];
}

/// Where in the input an error was detected: 1-based line and column (in bytes), never the text there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Location {
    /// 1-based line; 0 when unknown.
    pub line: usize,
    /// 1-based column in bytes; 0 when unknown.
    pub column: usize,
}

/// An unusable input. Small (one box), opaque: ask it for [`kind`](Error::kind), [`code`](Error::code) and
/// [`location`](Error::location). Its `Display` and `Debug` never contain input text.
///
/// ```
/// # let catalog = labcore::catalog::Catalog::builtin().unwrap();
/// # let context = labcore::Context::new(&catalog, chrono::DateTime::UNIX_EPOCH);
/// let err = labcore::process(b"{\"patient_id\": ", &context).unwrap_err();
/// assert_eq!(err.code(), "not_json");
/// assert_eq!(err.to_string(), "input is not valid JSON: unexpected end of input at line 1 column 15");
/// ```
#[derive(thiserror::Error, Clone, PartialEq, Eq)]
#[error("{}", self.render())]
pub struct Error(Box<Inner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    detail: &'static str,
    location: Location,
}

/// `std::result::Result` with labcore's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn new(kind: ErrorKind, detail: &'static str, location: Location) -> Error {
        Error(Box::new(Inner { kind, detail, location }))
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The stable snake_case code of the kind.
    pub fn code(&self) -> &'static str {
        self.0.kind.code()
    }

    /// Where, when known.
    pub fn location(&self) -> Location {
        self.0.location
    }

    /// The fixed description of what went wrong (`unexpected end of input`; empty when the kind says it all).
    pub(crate) fn detail(&self) -> &'static str {
        self.0.detail
    }

    /// A pointer-style location string such as `line 3 column 14` (empty when unknown).
    pub fn path(&self) -> String {
        let Location { line, column } = self.0.location;
        if line == 0 { String::new() } else { format!("line {line} column {column}") }
    }

    fn render(&self) -> String {
        let summary = match self.0.kind {
            ErrorKind::EmptyInput => "input is empty",
            ErrorKind::InputTooLarge => "input is larger than the configured limit",
            ErrorKind::NotJson => "input is not valid JSON",
            ErrorKind::UnknownFormat => "input is neither JSON nor an HL7 v2 message",
        };
        let mut text = summary.to_owned();
        if !self.0.detail.is_empty() {
            text.push_str(": ");
            text.push_str(self.0.detail);
        }
        let path = self.path();
        if !path.is_empty() {
            text.push_str(" at ");
            text.push_str(&path);
        }
        text
    }

    /// Classifies a `serde_json` error without keeping its message, which may quote the input.
    pub(crate) fn from_json(err: &serde_json::Error) -> Error {
        use serde_json::error::Category;
        let location = Location { line: err.line(), column: err.column() };
        let (kind, detail) = match err.classify() {
            Category::Eof => (ErrorKind::NotJson, "unexpected end of input"),
            Category::Syntax | Category::Io => syntax_detail(err),
            Category::Data => (ErrorKind::NotJson, "value outside what the parser accepts"),
        };
        Error::new(kind, detail, location)
    }
}

/// Picks a fixed description for a syntax error. serde_json's message is matched, never copied.
fn syntax_detail(err: &serde_json::Error) -> (ErrorKind, &'static str) {
    let message = err.to_string();
    const KNOWN: &[(&str, ErrorKind, &str)] = &[
        // Deep nesting is skipped iteratively by the lenient reader; the limit is only reached inside values
        // read recursively, and is reported as malformed input.
        ("recursion limit exceeded", ErrorKind::NotJson, "nested more than 128 levels deep"),
        ("trailing characters", ErrorKind::NotJson, "text after the JSON document"),
        ("invalid unicode code point", ErrorKind::NotJson, "invalid unicode escape"),
        ("control character", ErrorKind::NotJson, "unescaped control character in a string"),
        ("number out of range", ErrorKind::NotJson, "number outside the range of a 64-bit float"),
        ("invalid escape", ErrorKind::NotJson, "invalid escape in a string"),
        ("lone leading surrogate", ErrorKind::NotJson, "invalid unicode escape"),
        ("key must be a string", ErrorKind::NotJson, "object key is not a string"),
        ("expected value", ErrorKind::NotJson, "expected a JSON value"),
        ("invalid number", ErrorKind::NotJson, "invalid number"),
        ("trailing comma", ErrorKind::NotJson, "trailing comma"),
    ];
    KNOWN
        .iter()
        .find(|(needle, _, _)| message.starts_with(needle))
        .map(|(_, kind, detail)| (*kind, *detail))
        .unwrap_or((ErrorKind::NotJson, "syntax error"))
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("code", &self.code())
            .field("detail", &self.0.detail)
            .field("location", &self.0.location)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = ErrorKind::ALL.iter().map(|k| k.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ErrorKind::ALL.len());
    }

    #[test]
    fn serde_message_is_never_copied() {
        let Err(err) = serde_json::from_str::<serde_json::Value>("[\"SECRET\" x]") else { return };
        let ours = Error::from_json(&err);
        assert!(!ours.to_string().contains("SECRET"));
        assert!(!format!("{ours:?}").contains("SECRET"));
    }
}
