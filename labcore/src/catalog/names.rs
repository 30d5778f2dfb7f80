//! Normalised keys for matching analyte names as vendors write them.

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

/// Calls `f` with the [`name_key`] of `name`, built on the stack when the name is short ASCII (the common case:
/// one look-up per result, no allocation).
pub(crate) fn with_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    const STACK: usize = 64;
    if !name.is_ascii() || name.len() > STACK || name.contains(['%', '#']) {
        return f(&name_key(name));
    }
    let mut buffer = [0u8; STACK];
    let mut len = 0;
    for b in name.bytes().filter(u8::is_ascii_alphanumeric) {
        if let Some(slot) = buffer.get_mut(len) {
            *slot = b.to_ascii_lowercase();
            len += 1;
        }
    }
    let key = buffer.get(..len).and_then(|k| std::str::from_utf8(k).ok()).unwrap_or_default();
    f(key)
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
    fn stack_keys_equal_heap_keys() {
        for name in ["WBC Count", "Glucose, Serum", "NEUT%", "ALT (SGPT)", "Hémoglobine", &"x".repeat(100)] {
            assert_eq!(with_key(name, str::to_owned), name_key(name), "{name}");
        }
    }

    #[test]
    fn loose_keys_drop_qualifiers_only() {
        assert_eq!(loose_key("Glucose Level, Serum").as_deref(), Some("glucose"));
        assert_eq!(loose_key("WBC Count").as_deref(), Some("wbc"));
        assert_eq!(loose_key("Bilirubin, Direct"), None);
        assert_eq!(loose_key("Serum"), None);
    }
}
