//! What the detector's unit tests share: the text of the names one sweep finds, and of the spans a detector finds.

use super::names::{NameLists, tokens};
use super::overlaps::Ranges;
use super::recall::{Sweep, shouting};
use super::vocabulary::Vocabulary;
use super::{Detector, Seeds};
use crate::redact::Sensitivity;

/// The names the recall-first sweep finds in `text` (nothing found before it).
pub(super) fn swept(text: &str) -> Vec<&str> {
    let lists = NameLists::builtin();
    let vocabulary = Vocabulary::builtin();
    let mut tokens = tokens(text);
    lists.assign_roles(&mut tokens);
    let found = Ranges::new(Vec::new());
    let sweep = Sweep { text, tokens: &tokens, vocabulary: &vocabulary, found: &found, shouting: shouting(&tokens) };
    sweep.names().into_iter().map(|(a, b, _)| text.get(a..b).unwrap_or_default()).collect()
}

/// The text of every span the detector finds, without seeds.
pub(super) fn found(detector: &Detector, text: &str, sensitivity: Sensitivity) -> Vec<String> {
    let spans = detector.find(text, &Seeds::new(), sensitivity);
    spans.into_iter().map(|s| text.get(s.start..s.end).unwrap_or_default().to_owned()).collect()
}
