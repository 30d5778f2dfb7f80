//! The note under construction: its text, gold spans and seeds, and the note's own random stream.
//!
//! Every note gets a generator seeded from `(corpus seed, note index)`, so a note never depends on the notes
//! before it: the corpus is prefix-stable and any single note can be regenerated alone.

use crate::Lcg;
use crate::deid::{AnnotatedNote, PhiSpan};

/// How letters are cased as they are written: some lab staff type everything in capitals, some in lower case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Case {
    /// As the template and the values have it.
    AsWritten,
    /// All capitals.
    Upper,
    /// All lower case.
    Lower,
}

/// Text, spans and seeds of one note, with its random stream.
#[derive(Debug)]
pub(super) struct Writer {
    rng: Lcg,
    case: Case,
    text: String,
    spans: Vec<PhiSpan>,
    seeds: Vec<(&'static str, String)>,
}

/// SplitMix64's finaliser: spreads nearby seeds (note 0, 1, 2, …) over the whole 64-bit state space.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Writer {
    /// An empty note whose random stream depends only on the corpus seed and the note's index.
    pub(super) fn for_note(seed: u64, index: usize) -> Writer {
        let state = mix(mix(seed) ^ mix(index as u64 ^ 0x6465_6964_5f73_7479));
        Writer {
            rng: Lcg::new(state),
            case: Case::AsWritten,
            text: String::new(),
            spans: Vec::new(),
            seeds: Vec::new(),
        }
    }

    /// A number in `0..n` (`0` when `n == 0`).
    pub(super) fn below(&mut self, n: usize) -> usize {
        self.rng.below(n)
    }

    /// True with the given probability in percent.
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// A number in `low..=high`.
    pub(super) fn between(&mut self, low: u32, high: u32) -> u32 {
        let width = high.saturating_sub(low) as usize + 1;
        low + u32::try_from(self.below(width)).unwrap_or(0)
    }

    /// One of `items` (`""` if there are none).
    pub(super) fn pick(&mut self, items: &[&'static str]) -> &'static str {
        self.rng.pick(items).copied().unwrap_or("")
    }

    /// One of `items`, or `fallback` if there are none.
    pub(super) fn pick_or<T: Copy>(&mut self, items: &[T], fallback: T) -> T {
        self.rng.pick(items).copied().unwrap_or(fallback)
    }

    /// `n` random decimal digits.
    pub(super) fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + u8::try_from(self.below(10)).unwrap_or(0))).collect()
    }

    /// `n` random characters of `alphabet` (ASCII).
    pub(super) fn chars_of(&mut self, n: usize, alphabet: &str) -> String {
        let bytes = alphabet.as_bytes();
        (0..n).map(|_| char::from(bytes.get(self.below(bytes.len())).copied().unwrap_or(b'X'))).collect()
    }

    /// Sets how the rest of the note is cased.
    pub(super) fn set_case(&mut self, case: Case) {
        self.case = case;
    }

    fn cased(&self, s: &str) -> String {
        match self.case {
            Case::AsWritten => s.to_owned(),
            Case::Upper => s.to_uppercase(),
            Case::Lower => s.to_lowercase(),
        }
    }

    /// Appends plain (non-identifying) text.
    pub(super) fn t(&mut self, s: &str) -> &mut Self {
        let s = self.cased(s);
        self.text.push_str(&s);
        self
    }

    /// Appends an identifier and records its span; an empty value writes nothing.
    pub(super) fn phi(&mut self, category: &'static str, value: &str) -> &mut Self {
        if value.trim().is_empty() {
            return self;
        }
        let value = self.cased(value);
        let start = self.text.len();
        self.text.push_str(&value);
        self.spans.push(PhiSpan { start, end: self.text.len(), category });
        self
    }

    /// Appends an identifier when `annotate` holds, plain text otherwise (ages under 90, for one).
    pub(super) fn maybe(&mut self, annotate: bool, category: &'static str, value: &str) -> &mut Self {
        if annotate { self.phi(category, value) } else { self.t(value) }
    }

    /// Records an identifier known from the structured record.
    pub(super) fn seed(&mut self, key: &'static str, value: String) {
        self.seeds.push((key, value));
    }

    /// Whether nothing has been written yet.
    pub(super) fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// The finished note, trailing whitespace trimmed (never inside a span: spans are trimmed values).
    pub(super) fn finish(mut self) -> AnnotatedNote {
        let trimmed = self.text.trim_end().len();
        self.text.truncate(trimmed);
        AnnotatedNote { text: self.text, spans: self.spans, seeds: self.seeds }
    }
}
