//! A finding's message: one of labcore's fixed sentences, or a sentence built for the case and shared by every
//! finding that says the same (an order repeating one analyte a hundred thousand times builds its sentence once).

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// The text of a finding's message.
#[derive(Clone)]
pub(crate) enum Text {
    Static(&'static str),
    /// Built for this one finding: kept as built (no second allocation).
    Owned(String),
    Shared(Arc<str>),
}

impl Text {
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Text::Static(text) => text,
            Text::Owned(text) => text,
            Text::Shared(text) => text,
        }
    }
}

impl From<Cow<'static, str>> for Text {
    fn from(text: Cow<'static, str>) -> Text {
        match text {
            Cow::Borrowed(text) => Text::Static(text),
            Cow::Owned(text) => Text::Owned(text),
        }
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl std::fmt::Debug for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
