//! The shared [`Failure`] as a napi error: `code` is the core's stable code, the message the JSON detail
//! `{kind, message, path, findings}` that `labcore.js` turns into a `LabcoreError` subclass. Messages come from
//! the core and carry no input text.

pub(crate) use labcore_js::Failure;

/// What the addon's functions return.
pub(crate) type Result<T> = napi::Result<T, String>;

/// A failure as the error napi throws.
pub(crate) fn thrown(failure: Failure) -> napi::Error<String> {
    napi::Error::new(failure.code.clone(), failure.detail_json())
}

/// Converts the shared calls' results.
pub(crate) trait OrThrow<T> {
    /// The value, or the failure as a napi error.
    fn or_throw(self) -> Result<T>;
}

impl<T> OrThrow<T> for labcore_js::Result<T> {
    fn or_throw(self) -> Result<T> {
        self.map_err(thrown)
    }
}
