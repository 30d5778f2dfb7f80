//! Normalised keys for matching analyte names as vendors write them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::value::is_invisible;

/// Words that qualify a name without changing the analyte ("Glucose, Serum", "WBC Count", "ALT Level", and
/// Mayo-style specimen suffixes "Creatinine, S"). The specimen is taken from the LOINC code or the payload.
/// Words that do change it ("direct", "total", "free", "blood") are deliberately absent.
const NOISE_WORDS: &[&str] = &[
    "serum",
    "plasma",
    "ser",
    "plas",
    "serplas",
    "sp",
    "level",
    "lvl",
    "fasting",
    "random",
    "auto",
    "automated",
    "count",
    "cnt",
    "conc",
    "concentration",
    "result",
    "value",
    "quant",
    "quantitative",
    "test",
    "s",
    "p",
    "b",
    "bld",
    "wb",
];

/// The exact key of a name: lowercase letters and digits only, zero-width characters dropped, and the markers
/// `%` and `#` (which tell a percentage from an absolute count) moved to the end so `%Neut` = `Neut %`.
///
/// ```
/// use labcore::catalog::name_key;
/// assert_eq!(name_key("Neut %"), name_key("%NEUT"));
/// assert_eq!(name_key("ALT (SGPT)"), "altsgpt");
/// assert_ne!(name_key("NEUT%"), name_key("NEUT#"));
/// ```
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        return ascii_key(name);
    }
    let mut key = String::with_capacity(name.len());
    let mut markers = String::new();
    for c in name.chars().filter(|c| !is_invisible(*c)) {
        if c == '%' || c == '#' {
            if !markers.contains(c) {
                markers.push(c);
            }
        } else if c.is_alphanumeric() {
            key.extend(c.to_lowercase());
        }
    }
    key.push_str(&markers);
    key
}

/// The keys that share one hash, each with the analytes listed under it.
type Bucket = Vec<(Box<str>, Vec<usize>)>;

/// Vendor names, indexed by their [`name_key`]: a short ASCII name is keyed on the stack and the table is keyed
/// by the key's hash, so a look-up allocates nothing.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    buckets: HashMap<u64, Bucket, BuildHasherDefault<Identity>>,
}

impl NameIndex {
    /// The analytes listed under a key (creating the entry).
    pub(crate) fn entry(&mut self, key: &str) -> Option<&mut Vec<usize>> {
        let bucket = self.buckets.entry(key_hash(key.as_bytes())).or_default();
        if !bucket.iter().any(|(k, _)| &**k == key) {
            bucket.push((key.into(), Vec::new()));
        }
        bucket.iter_mut().find(|(k, _)| &**k == key).map(|(_, members)| members)
    }

    /// The analytes a name (not yet normalised) may mean.
    pub(crate) fn get(&self, name: &str) -> Option<&Vec<usize>> {
        with_name_key(name, |key| self.lookup(key.as_bytes()))
    }

    /// The analytes a name means once its qualifying words are dropped (see [`loose_key`]).
    pub(crate) fn get_loose(&self, name: &str) -> Option<&Vec<usize>> {
        let mut buffer = [0u8; STACK_KEY];
        if name.len() <= STACK_KEY && name.is_ascii() {
            let len = ascii_loose_key(name.as_bytes(), &mut buffer)?;
            return self.lookup(buffer.get(..len).unwrap_or_default());
        }
        self.lookup(loose_key(name)?.as_bytes())
    }

    fn lookup(&self, key: &[u8]) -> Option<&Vec<usize>> {
        self.buckets.get(&key_hash(key))?.iter().find(|(k, _)| k.as_bytes() == key).map(|(_, members)| members)
    }
}

/// Calls `f` with the [`name_key`] of `name`, built on the stack for a short ASCII name (no allocation).
pub(crate) fn with_name_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; STACK_KEY];
    if let Some(key) = ascii_plain_key(name, &mut buffer).and_then(|len| buffer.get(..len)) {
        // Only ASCII bytes were written.
        if let Ok(key) = std::str::from_utf8(key) {
            return f(key);
        }
    }
    f(&name_key(name))
}

/// Names up to this length (in bytes) are keyed on the stack.
const STACK_KEY: usize = 128;

/// The markers `%` and `#` of a name, in order of first appearance, at most one of each.
#[derive(Default)]
struct Markers {
    found: [u8; 2],
    len: usize,
}

impl Markers {
    fn note(&mut self, b: u8) {
        if !self.found.get(..self.len).unwrap_or_default().contains(&b)
            && let Some(slot) = self.found.get_mut(self.len)
        {
            *slot = b;
            self.len += 1;
        }
    }

    fn append_to(&self, out: &mut [u8; STACK_KEY], mut len: usize) -> Option<usize> {
        for b in self.found.get(..self.len).unwrap_or_default() {
            *out.get_mut(len)? = *b;
            len += 1;
        }
        Some(len)
    }
}

/// [`name_key`] of a short ASCII name, written into `out`; `None` for any other name.
fn ascii_plain_key(name: &str, out: &mut [u8; STACK_KEY]) -> Option<usize> {
    if name.len() > STACK_KEY || !name.is_ascii() {
        return None;
    }
    let (mut len, mut markers) = (0, Markers::default());
    for b in name.bytes() {
        match b {
            b'%' | b'#' => markers.note(b),
            b if b.is_ascii_alphanumeric() => {
                *out.get_mut(len)? = b.to_ascii_lowercase();
                len += 1;
            }
            _ => {}
        }
    }
    markers.append_to(out, len)
}

/// [`loose_key`] of a short ASCII name, written into `out`: words are runs of letters, digits and markers;
/// noise words are dropped; the kept words' markers go to the end.
fn ascii_loose_key(name: &[u8], out: &mut [u8; STACK_KEY]) -> Option<usize> {
    let (mut len, mut kept, mut total, mut markers) = (0, 0, 0, Markers::default());
    let word_byte = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'%' | b'#');
    for word in name.split(|b| !word_byte(b)).filter(|w| !w.is_empty()) {
        let start = len;
        let mut word_markers = Markers::default();
        for b in word {
            if matches!(b, b'%' | b'#') {
                word_markers.note(*b);
            } else {
                *out.get_mut(len)? = b.to_ascii_lowercase();
                len += 1;
            }
        }
        total += 1;
        let lowered = out.get(start..len).unwrap_or_default();
        if word_markers.len == 0 && NOISE_WORDS.iter().any(|noise| noise.as_bytes() == lowered) {
            len = start;
        } else {
            kept += 1;
            for b in word_markers.found.get(..word_markers.len).unwrap_or_default() {
                markers.note(*b);
            }
        }
    }
    if kept == 0 || kept == total {
        return None;
    }
    markers.append_to(out, len)
}

/// The hash a key is filed under (word-at-a-time, FxHash-style; keys are compared in full after it).
fn key_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let chunks = key.chunks_exact(8);
    let tail = chunks.remainder().iter().fold(0u64, |word, b| (word << 8) | u64::from(*b));
    let hash = chunks.fold(0u64, |hash, chunk| mix(hash, chunk.try_into().map(u64::from_le_bytes).unwrap_or_default()));
    mix(mix(hash, tail), key.len() as u64)
}

/// A hasher for keys that already are hashes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

/// [`name_key`] for ASCII text, without per-character case mapping.
fn ascii_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    let (mut percent, mut hash) = (false, false);
    for b in name.bytes() {
        match b {
            b'%' => percent = true,
            b'#' => hash = true,
            b if b.is_ascii_alphanumeric() => key.push(char::from(b.to_ascii_lowercase())),
            _ => {}
        }
    }
    // Same marker order as the general path: in order of first appearance.
    let first_percent = name.find('%');
    let first_hash = name.find('#');
    let markers: &[char] = match (percent, hash) {
        (true, true) if first_hash < first_percent => &['#', '%'],
        (true, true) => &['%', '#'],
        (true, false) => &['%'],
        (false, true) => &['#'],
        (false, false) => &[],
    };
    key.extend(markers);
    key
}

/// The key with qualifying words removed ("Glucose Level, Serum" → `glucose`); `None` when nothing was removed
/// or nothing would be left.
pub(crate) fn loose_key(name: &str) -> Option<String> {
    loose_words(name).map(|kept| name_key(&kept.concat()))
}

/// The loose key an alias is filed under (looked up last): only when at least two words are left, so that "White
/// Blood Cell Count" stands for "White Blood Cell", but "White Count" does not make every "White" a leukocyte count.
pub(crate) fn loose_alias_key(alias: &str) -> Option<String> {
    loose_words(alias).filter(|kept| kept.len() >= 2).map(|kept| name_key(&kept.concat()))
}

/// The keys of a name's words without its qualifying words; `None` when nothing was removed or nothing is left.
fn loose_words(name: &str) -> Option<Vec<String>> {
    let words: Vec<String> = name
        .split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '#' || is_invisible(c)))
        .map(name_key)
        .filter(|w| !w.is_empty())
        .collect();
    let total = words.len();
    let kept: Vec<String> = words.into_iter().filter(|w| !NOISE_WORDS.contains(&w.as_str())).collect();
    (!kept.is_empty() && kept.len() != total).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_spacing_punctuation_and_zero_width() {
        assert_eq!(name_key("Hemo\u{200B}globin"), "hemoglobin");
        assert_eq!(name_key("  h.g.b  "), "hgb");
        assert_eq!(name_key("Urea Nitrogen (BUN)"), "ureanitrogenbun");
        assert_eq!(name_key("LYM#"), "lym#");
    }

    #[test]
    fn index_finds_every_spelling_of_a_key() {
        let mut index = NameIndex::default();
        index.entry(&name_key("WBC Count")).into_iter().for_each(|m| m.push(1));
        index.entry(&name_key("NEUT%")).into_iter().for_each(|m| m.push(2));
        index.entry(&name_key("Hémoglobine")).into_iter().for_each(|m| m.push(3));
        assert_eq!(index.get("wbc-count").map(Vec::as_slice), Some(&[1][..]));
        assert_eq!(index.get("% neut").map(Vec::as_slice), Some(&[2][..]));
        assert_eq!(index.get("HÉMOGLOBINE").map(Vec::as_slice), Some(&[3][..]));
        assert_eq!(index.get(&"x".repeat(100)), None);
        assert_eq!(index.get("WBC"), None);
    }

    #[test]
    fn an_alias_is_filed_loose_only_when_two_words_are_left() {
        assert_eq!(loose_alias_key("White Blood Cell Count").as_deref(), Some("whitebloodcell"));
        assert_eq!(loose_alias_key("Glucose, Serum"), None, "one word left");
        assert_eq!(loose_alias_key("White Count"), None, "'White' alone is not a leukocyte count");
        assert_eq!(loose_alias_key("Red Blood Cells"), None, "nothing to drop");
        assert_eq!(loose_key("Glucose, Serum").as_deref(), Some("glucose"), "the name sent keeps the old rule");
    }

    #[test]
    fn stack_keys_equal_the_general_keys() {
        let names = [
            "Glucose Level, Serum",
            "WBC Count",
            "Bilirubin, Direct",
            "Serum",
            "ALT (SGPT)",
            "  h.g.b  ",
            "S",
            "NEUT %",
            "%Neut, Blood",
            "Lymph # auto",
            "Erythrocytes [#/volume] in Blood",
            "Neutrophils/100 leukocytes [%] in Blood by Automated count",
            "# % count",
        ];
        for name in names {
            let mut buffer = [0u8; STACK_KEY];
            let plain = ascii_plain_key(name, &mut buffer).map(|n| String::from_utf8_lossy(&buffer[..n]).into_owned());
            assert_eq!(plain, Some(name_key(name)), "{name}");
            let loose = ascii_loose_key(name.as_bytes(), &mut buffer);
            let loose = loose.map(|n| String::from_utf8_lossy(&buffer[..n]).into_owned());
            assert_eq!(loose, loose_key(name), "{name}");
        }
        assert_eq!(ascii_plain_key(&"x".repeat(STACK_KEY + 1), &mut [0; STACK_KEY]), None);
        assert_eq!(ascii_plain_key("Ab#c%d#", &mut [0; STACK_KEY]), Some(6));
    }

    #[test]
    fn loose_keys_drop_qualifiers_only() {
        assert_eq!(loose_key("Glucose Level, Serum").as_deref(), Some("glucose"));
        assert_eq!(loose_key("WBC Count").as_deref(), Some("wbc"));
        assert_eq!(loose_key("Bilirubin, Direct"), None);
        assert_eq!(loose_key("Serum"), None);
    }
}
