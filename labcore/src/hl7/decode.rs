//! From bytes to text: the character set a message declares in MSH-18, a UTF-8 byte order mark, and the
//! ISO 8859-1 that many laboratory systems send without declaring it.

use std::borrow::Cow;

/// How the bytes of a message were read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8 (which includes plain ASCII, HL7's default).
    Utf8,
    /// ISO 8859-1, as declared in MSH-18 (`8859/1`).
    Latin1,
    /// ISO 8859-15, as declared in MSH-18 (`8859/15`).
    Latin9,
    /// Not valid UTF-8 and not declared: read as ISO 8859-1, which can decode any byte.
    Latin1Assumed,
}

/// The character set named in the first MSH-18 (HL7 table 0211), read from the raw bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Declared {
    /// Empty, `ASCII` or `UNICODE UTF-8`.
    Utf8OrAscii,
    /// `8859/1`.
    Latin1,
    /// `8859/15`.
    Latin9,
    /// Another table 0211 value (`UNICODE UTF-16`, `ISO IR87`, …), which labcore does not decode.
    Other,
}

/// Decodes a message's bytes, borrowed when they are UTF-8. Bytes that are valid UTF-8 are read as UTF-8 even
/// when MSH-18 declares ISO 8859-1: ISO 8859-1 text with accented letters is almost never valid UTF-8, while
/// systems that write UTF-8 under an old `8859/1` header are common.
pub(crate) fn decode(input: &[u8]) -> (Cow<'_, str>, TextEncoding) {
    let input = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if let Ok(text) = std::str::from_utf8(input) {
        return (Cow::Borrowed(text), TextEncoding::Utf8);
    }
    match declared_charset(input) {
        Declared::Latin1 => (latin1(input), TextEncoding::Latin1),
        Declared::Latin9 => (latin9(input), TextEncoding::Latin9),
        Declared::Utf8OrAscii | Declared::Other => (latin1(input), TextEncoding::Latin1Assumed),
    }
}

fn latin1(bytes: &[u8]) -> Cow<'static, str> {
    Cow::Owned(bytes.iter().map(|b| char::from(*b)).collect())
}

/// ISO 8859-15 differs from 8859-1 in eight positions (ISO/IEC 8859-15:1999, table; e.g. 0xA4 is the euro sign).
fn latin9(bytes: &[u8]) -> Cow<'static, str> {
    Cow::Owned(
        bytes
            .iter()
            .map(|b| match b {
                0xA4 => '\u{20AC}',
                0xA6 => '\u{0160}',
                0xA8 => '\u{0161}',
                0xB4 => '\u{017D}',
                0xB8 => '\u{017E}',
                0xBC => '\u{0152}',
                0xBD => '\u{0153}',
                0xBE => '\u{0178}',
                b => char::from(*b),
            })
            .collect(),
    )
}

/// Finds the first `MSH` segment and reads its 18th field (MSH-1 is the separator itself, so MSH-18 follows
/// the 17th separator: split on it, MSH-n is part n - 1).
fn declared_charset(input: &[u8]) -> Declared {
    let Some(start) = input.windows(3).position(|w| w == b"MSH") else { return Declared::Utf8OrAscii };
    let segment = input.get(start..).unwrap_or_default();
    let end = segment.iter().position(|b| matches!(b, b'\r' | b'\n')).unwrap_or(segment.len());
    let segment = segment.get(..end).unwrap_or_default();
    let Some(&separator) = segment.get(3) else { return Declared::Utf8OrAscii };
    let value = segment.split(|b| *b == separator).nth(16).unwrap_or_default();
    // MSH-18 repeats: the first repetition is the default character set. Components are not expected.
    let first = value.split(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'/' | b' ' | b'-' | b'_'))).next();
    let name: String = first.unwrap_or_default().iter().map(|b| char::from(b.to_ascii_uppercase())).collect();
    match name.trim() {
        "" | "ASCII" | "UNICODE UTF-8" | "UNICODE" | "UTF-8" | "UTF8" => Declared::Utf8OrAscii,
        "8859/1" | "ISO-8859-1" | "ISO8859-1" | "LATIN1" => Declared::Latin1,
        "8859/15" | "ISO-8859-15" => Declared::Latin9,
        _ => Declared::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msh(charset: &str) -> Vec<u8> {
        format!("MSH|^~\\&|A|B|C|D|20260101||ORU^R01|1|P|2.5.1|||||{charset}\rPID|1||X||M").into_bytes()
    }

    #[test]
    fn ascii_and_utf8_borrow() {
        let bytes = msh("");
        assert!(matches!(decode(&bytes), (Cow::Borrowed(_), TextEncoding::Utf8)));
        let mut utf8 = msh("UNICODE UTF-8");
        utf8.extend("ü".as_bytes());
        assert!(matches!(decode(&utf8), (Cow::Borrowed(t), TextEncoding::Utf8) if t.ends_with('ü')));
        assert!(matches!(decode(b"\xEF\xBB\xBFMSH|"), (Cow::Borrowed("MSH|"), _)));
    }

    #[test]
    fn declared_and_assumed_latin() {
        let mut latin = msh("8859/1");
        latin.push(0xFC);
        let (text, encoding) = decode(&latin);
        assert_eq!((text.ends_with('ü'), encoding), (true, TextEncoding::Latin1));
        let mut euro = msh("8859/15");
        euro.push(0xA4);
        assert!(decode(&euro).0.ends_with('€'));
        let mut undeclared = msh("");
        undeclared.extend([0x4D, 0xFC]);
        assert_eq!(decode(&undeclared).1, TextEncoding::Latin1Assumed);
    }
}
