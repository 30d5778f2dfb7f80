//! From bytes to the text redaction reads, failing closed: UTF-8 (with or without its byte order mark), UTF-16
//! and UTF-32 with a byte order mark, UTF-16 without one (recognised by its zero bytes), and for HL7 v2 and free
//! text the ISO 8859-1 that old systems send. What is none of these — binary data, a compressed or encrypted
//! file — is refused ([`RedactError::Unreadable`]): redaction never answers "nothing to change" for an input it
//! could not read. JSON is checked for nesting deeper than [`MAX_JSON_DEPTH`] before it is walked.

use std::borrow::Cow;

use super::RedactError;

/// The deepest nesting of JSON arrays and objects redaction walks; deeper input is refused. FHIR resources nest
/// about ten levels (a Bundle in Parameters in a Bundle: about twenty), labcore JSON four.
pub const MAX_JSON_DEPTH: usize = 64;

/// How the bytes are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    /// JSON: UTF-8, or UTF-16/32 with a byte order mark (RFC 8259 §8.1 allows nothing else).
    Json,
    /// HL7 v2: as [`crate::hl7`] decodes it (MSH-18, ISO 8859-1 when not UTF-8), or UTF-16/32.
    Hl7,
    /// Free text: UTF-8, UTF-16/32, else ISO 8859-1; refused when it is not text at all.
    Text,
    /// Only to recognise the format: decoded as free text is, never refused for what it holds (a JSON string
    /// may hold any character).
    Probe,
}

/// Decodes an input for redaction. Wide encodings are recognised first (a UTF-16 file read as bytes is full of
/// zero bytes that would hide every identifier from detection).
pub(crate) fn decode(input: &[u8], expect: Expect) -> Result<Cow<'_, str>, RedactError> {
    if input.len() > crate::DEFAULT_MAX_INPUT_BYTES {
        return Err(RedactError::Input(crate::Error::new(
            crate::ErrorKind::InputTooLarge,
            "",
            crate::Location::default(),
        )));
    }
    let text = match wide(input) {
        Some(decoded) => Cow::Owned(decoded?),
        None => match (expect, std::str::from_utf8(input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input))) {
            (_, Ok(text)) => Cow::Borrowed(text),
            (Expect::Hl7, Err(_)) => crate::hl7::decode_text(input).0,
            (Expect::Text | Expect::Probe, Err(_)) => Cow::Owned(input.iter().map(|b| char::from(*b)).collect()),
            (Expect::Json, Err(_)) => {
                return crate::process::check_input(input, usize::MAX).map(Cow::Borrowed).map_err(RedactError::Input);
            }
        },
    };
    if expect == Expect::Json && text.trim_start().is_empty() {
        return Err(RedactError::Input(crate::Error::new(
            crate::ErrorKind::EmptyInput,
            "",
            crate::Location::default(),
        )));
    }
    if matches!(expect, Expect::Hl7 | Expect::Text) && !is_text(&text) {
        return Err(RedactError::Unreadable);
    }
    Ok(text)
}

/// UTF-32 or UTF-16 by byte order mark, or UTF-16 without one when every other byte of its start is zero.
fn wide(input: &[u8]) -> Option<Result<String, RedactError>> {
    let utf32 = |big: bool, body: &[u8]| -> Result<String, RedactError> {
        body.chunks(4)
            .map(|c| {
                let bytes: [u8; 4] = c.try_into().map_err(|_| RedactError::Unreadable)?;
                let unit = if big { u32::from_be_bytes(bytes) } else { u32::from_le_bytes(bytes) };
                char::from_u32(unit).ok_or(RedactError::Unreadable)
            })
            .collect()
    };
    let utf16 = |big: bool, body: &[u8]| -> Result<String, RedactError> {
        let units = body.chunks(2).map(|c| match c {
            [a, b] if big => Ok(u16::from_be_bytes([*a, *b])),
            [a, b] => Ok(u16::from_le_bytes([*a, *b])),
            _ => Err(RedactError::Unreadable),
        });
        let units: Vec<u16> = units.collect::<Result<_, _>>()?;
        String::from_utf16(&units).map_err(|_| RedactError::Unreadable)
    };
    if let Some(body) = input.strip_prefix(b"\xFF\xFE\x00\x00") {
        return Some(utf32(false, body));
    }
    if let Some(body) = input.strip_prefix(b"\x00\x00\xFE\xFF") {
        return Some(utf32(true, body));
    }
    if let Some(body) = input.strip_prefix(b"\xFF\xFE") {
        return Some(utf16(false, body));
    }
    if let Some(body) = input.strip_prefix(b"\xFE\xFF") {
        return Some(utf16(true, body));
    }
    unmarked_utf16(input).map(|big| utf16(big, input))
}

/// UTF-16 written without a byte order mark: of the first (up to 64) code units, most have a zero high byte
/// (ASCII text) on the same side, and the other side is never zero. `Some(true)` for big-endian.
fn unmarked_utf16(input: &[u8]) -> Option<bool> {
    let head = input.get(..input.len().min(128) & !1)?;
    if head.len() < 4 {
        return None;
    }
    let pairs = head.chunks_exact(2);
    let count = pairs.len();
    let (mut even_zero, mut odd_zero) = (0, 0);
    for pair in pairs {
        if let [a, b] = pair {
            even_zero += usize::from(*a == 0 && *b != 0);
            odd_zero += usize::from(*b == 0 && *a != 0);
        }
    }
    if even_zero * 4 >= count * 3 {
        Some(true)
    } else if odd_zero * 4 >= count * 3 {
        Some(false)
    } else {
        None
    }
}

/// Whether decoded text reads as text: control characters (other than white space, MLLP framing and the escape
/// character) are fewer than one in twenty. A zero byte inside an identifier is folded away by detection; a
/// binary file is refused.
pub(crate) fn is_text(text: &str) -> bool {
    let mut chars = 0usize;
    let mut controls = 0usize;
    for c in text.chars() {
        chars += 1;
        let allowed = matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{1B}' | '\u{1C}');
        controls += usize::from(c.is_control() && !allowed && !('\u{80}'..='\u{9F}').contains(&c));
    }
    controls * 20 < chars.max(1)
}

/// Refuses JSON nested deeper than [`MAX_JSON_DEPTH`] (one pass over the bytes, strings skipped), before any
/// walk: redaction's walks are recursive, and their cost grows with depth.
pub(crate) fn check_depth(text: &str) -> Result<(), RedactError> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(RedactError::TooDeep);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if big { [0xFE, 0xFF] } else { [0xFF, 0xFE] });
        }
        for unit in text.encode_utf16() {
            out.extend(if big { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        out
    }

    #[test]
    fn wide_encodings_with_and_without_a_byte_order_mark() {
        let text = "Called Mary Roe at 217-555-0111";
        for (big, bom) in [(false, true), (true, true), (false, false), (true, false)] {
            let bytes = utf16(text, big, bom);
            let decoded = decode(&bytes, Expect::Text).unwrap();
            assert_eq!(decoded, text, "big-endian {big}, mark {bom}");
        }
        let mut utf32 = vec![0xFF, 0xFE, 0, 0];
        utf32.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
        assert_eq!(decode(&utf32, Expect::Json).unwrap(), text);
        assert_eq!(decode(b"\xEF\xBB\xBFplain", Expect::Text).unwrap(), "plain");
        assert_eq!(decode(b"M\xFCller", Expect::Text).unwrap(), "Müller");
    }

    #[test]
    fn binary_is_refused_and_a_stray_zero_byte_is_not() {
        let binary: Vec<u8> = (0u8..=255).cycle().take(4096).collect();
        assert!(matches!(decode(&binary, Expect::Text), Err(RedactError::Unreadable)));
        assert!(matches!(
            decode(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", Expect::Hl7),
            Err(RedactError::Unreadable)
        ));
        assert!(decode(b"SSN 123\x00-45-6789 on file, called back", Expect::Text).is_ok());
        assert!(matches!(decode(b"{\"a\": \xFF}", Expect::Json), Err(RedactError::Input(_))));
    }

    #[test]
    fn depth_is_checked_outside_strings() {
        assert!(check_depth(&"[".repeat(MAX_JSON_DEPTH)).is_ok());
        assert!(matches!(check_depth(&"[".repeat(MAX_JSON_DEPTH + 1)), Err(RedactError::TooDeep)));
        let quoted = format!("[\"{}\\\"{}\"]", "[".repeat(500), "{".repeat(500));
        assert!(check_depth(&quoted).is_ok());
    }
}
