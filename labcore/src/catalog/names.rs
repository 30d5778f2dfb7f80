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

/// Vendor names, indexed by their [`name_key`]: the key is built and hashed in one pass on the stack, and the
/// table is keyed by that hash (FNV-1a, the same on insert and look-up), so a look-up costs one scan of the name.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameIndex {
    buckets: HashMap<u64, Bucket, BuildHasherDefault<Identity>>,
}

impl NameIndex {
    /// The analytes listed under a key (creating the entry).
    pub(crate) fn entry(&mut self, key: &str) -> Option<&mut Vec<usize>> {
        let bucket = self.buckets.entry(fnv(key.as_bytes())).or_default();
        if !bucket.iter().any(|(k, _)| &**k == key) {
            bucket.push((key.into(), Vec::new()));
        }
        bucket.iter_mut().find(|(k, _)| &**k == key).map(|(_, members)| members)
    }

    /// The analytes a name (not yet normalised) may mean.
    pub(crate) fn get(&self, name: &str) -> Option<&Vec<usize>> {
        const STACK: usize = 64;
        if name.is_ascii() && name.len() <= STACK && !name.contains(['%', '#']) {
            let mut buffer = [0u8; STACK];
            let mut len = 0;
            let mut hash = FNV_OFFSET;
            for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
                let lower = b.to_ascii_lowercase();
                if let Some(slot) = buffer.get_mut(len) {
                    *slot = lower;
                    len += 1;
                }
                hash = (hash ^ u64::from(lower)).wrapping_mul(FNV_PRIME);
            }
            return self.lookup(buffer.get(..len).unwrap_or_default(), hash);
        }
        let key = name_key(name);
        self.lookup(key.as_bytes(), fnv(key.as_bytes()))
    }

    fn lookup(&self, key: &[u8], hash: u64) -> Option<&Vec<usize>> {
        self.buckets.get(&hash)?.iter().find(|(k, _)| k.as_bytes() == key).map(|(_, members)| members)
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |hash, b| (hash ^ u64::from(*b)).wrapping_mul(FNV_PRIME))
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
    let words: Vec<String> =
        name.split(|c: char| !(c.is_alphanumeric() || c == '%' || c == '#' || is_invisible(c))).map(name_key).collect();
    let kept: Vec<&String> = words.iter().filter(|w| !w.is_empty() && !NOISE_WORDS.contains(&w.as_str())).collect();
    let total = words.iter().filter(|w| !w.is_empty()).count();
    if kept.is_empty() || kept.len() == total {
        return None;
    }
    Some(name_key(&kept.iter().map(|w| w.as_str()).collect::<String>()))
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
    fn loose_keys_drop_qualifiers_only() {
        assert_eq!(loose_key("Glucose Level, Serum").as_deref(), Some("glucose"));
        assert_eq!(loose_key("WBC Count").as_deref(), Some("wbc"));
        assert_eq!(loose_key("Bilirubin, Direct"), None);
        assert_eq!(loose_key("Serum"), None);
    }
}
