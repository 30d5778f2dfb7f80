//! The caller's secret: the key of keyed pseudonyms and per-patient date shifts (HMAC-SHA256, RFC 2104).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// A secret key for pseudonyms and date shifts. Its `Debug` never shows it; labcore never logs, stores or
/// derives it from anything else.
///
/// ```
/// use labcore::redact::RedactionKey;
/// let key = RedactionKey::new(b"a secret of at least sixteen bytes").unwrap();
/// assert_eq!(format!("{key:?}"), "RedactionKey([REDACTED])");
/// assert!(RedactionKey::new(b"short").is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RedactionKey(Vec<u8>);

/// The shortest key accepted: 16 bytes (128 bits), NIST SP 800-107's floor for HMAC keys at this security level.
pub const MIN_KEY_BYTES: usize = 16;

/// Why a key cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// Fewer than [`MIN_KEY_BYTES`] bytes.
    #[error("a redaction key must have at least 16 bytes")]
    TooShort,
}

impl KeyError {
    /// A stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            KeyError::TooShort => "key_too_short",
        }
    }
}

impl std::fmt::Debug for RedactionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedactionKey([REDACTED])")
    }
}

impl RedactionKey {
    /// A key from its bytes (at least 16; surrounding white space of a key file is the caller's to trim).
    pub fn new(bytes: &[u8]) -> Result<RedactionKey, KeyError> {
        if bytes.len() < MIN_KEY_BYTES {
            return Err(KeyError::TooShort);
        }
        Ok(RedactionKey(bytes.to_vec()))
    }

    /// HMAC-SHA256 of the parts, each followed by a 0x1F separator so that ("ab", "c") and ("a", "bc") differ.
    pub(crate) fn mac(&self, parts: &[&[u8]]) -> [u8; 32] {
        // HMAC takes a key of any length: new_from_slice cannot fail for it.
        let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.0) else { return [0; 32] };
        for part in parts {
            mac.update(part);
            mac.update(&[0x1F]);
        }
        mac.finalize().into_bytes().into()
    }

    /// The pseudonym of a value of a category: `TAG-` and 16 hexadecimal digits (64 bits) of its HMAC.
    pub(crate) fn pseudonym(&self, tag: &str, normalized: &str) -> String {
        let mac = self.mac(&[b"pseudonym", tag.as_bytes(), normalized.as_bytes()]);
        let mut out = String::with_capacity(tag.len() + 17);
        out.push_str(tag);
        out.push('-');
        for byte in mac.iter().take(8) {
            out.push_str(&format!("{byte:02x}"));
        }
        out
    }

    /// The number of days a patient's dates move: in `-max..=max`, never 0, the same for the same patient and key.
    pub(crate) fn shift_days(&self, patient: &str, max: u32) -> i64 {
        let mac = self.mac(&[b"date-shift", patient.as_bytes()]);
        let mut first = [0u8; 8];
        first.copy_from_slice(mac.get(..8).unwrap_or(&[0; 8]));
        let n = u64::from_be_bytes(first);
        let max = u64::from(max.max(1));
        // 2·max non-zero offsets: -max..=-1 and 1..=max.
        let pick = i64::try_from(n % (2 * max)).unwrap_or(0);
        let max = i64::try_from(max).unwrap_or(1);
        if pick < max { pick - max } else { pick - max + 1 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        // RFC 4231 test case 2 (key "Jefe", data "what do ya want for nothing?"), computed without our separator.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(b"Jefe").unwrap();
        mac.update(b"what do ya want for nothing?");
        let out: [u8; 32] = mac.finalize().into_bytes().into();
        assert_eq!(out[..4], [0x5b, 0xdc, 0xc1, 0x46]);
    }

    #[test]
    fn pseudonyms_and_shifts_depend_on_the_key() {
        let a = RedactionKey::new(b"0123456789abcdef").unwrap();
        let b = RedactionKey::new(b"0123456789abcdeg").unwrap();
        assert_eq!(a.pseudonym("MRN", "12345"), a.pseudonym("MRN", "12345"));
        assert_ne!(a.pseudonym("MRN", "12345"), b.pseudonym("MRN", "12345"));
        assert_ne!(a.pseudonym("MRN", "12345"), a.pseudonym("SSN", "12345"));
        assert_eq!(a.pseudonym("MRN", "1").len(), 20);
        let shifts: Vec<i64> = (0..200).map(|i| a.shift_days(&format!("patient-{i}"), 30)).collect();
        assert!(shifts.iter().all(|d| *d != 0 && d.abs() <= 30));
        assert!(shifts.iter().any(|d| *d < 0) && shifts.iter().any(|d| *d > 0));
        assert_ne!(a.shift_days("p", 365), b.shift_days("p", 365));
    }
}
