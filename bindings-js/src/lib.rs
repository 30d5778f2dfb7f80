//! What labcore's JavaScript bindings share, in plain Rust so that `cargo test` covers it natively.
//!
//! Node's napi-rs addon (`bindings-node`) and the wasm-bindgen package (`bindings-wasm`) take the same
//! arguments — text or bytes, option strings in JS spelling (`asOf`, `unitSystem`), priors and seeds as JSON
//! values — and answer the same way: the core's language-neutral JSON as text (the JS engine's `JSON.parse`
//! builds the objects far faster than setting properties one by one across the boundary), or a [`Failure`]
//! with the core's stable `code`. Each binding only turns these into its own JS values and errors. No
//! decision is made here that the core does not make: this crate converts.
//!
//! ```
//! use labcore_js::{Settings, process};
//! let settings = Settings::read(Some("2026-11-25T12:00:00Z"), None, None, None, chrono::DateTime::UNIX_EPOCH).unwrap();
//! let answer = process(br#"{"results": []}"#, None, &settings).unwrap();
//! assert!(answer.starts_with(r#"{"format":"labcore""#));
//! ```

mod calls;
mod failure;
pub mod redaction;
mod settings;

pub use calls::{ack, detect_format, lab_catalog, operation_outcome, process, to_fhir, validate};
pub use failure::{Failure, Kind, Result};
pub use settings::{Settings, format_argument, parse_time};
