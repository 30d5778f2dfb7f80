//! The segment lines of an HL7 v2 text: where one segment ends and the next begins (CR, LF, CRLF, MLLP framing),
//! and when a line break is inside a field instead.

/// The segment lines of a text: split at CR and LF; the MLLP framing bytes VT (0x0B, before a message) and FS
/// (0x1C, after one) and leading spaces and tabs dropped. In a text that uses CR (the standard's terminator), a
/// lone LF ends a segment only when a segment follows it (a segment ID of the ORU structure or the batch envelope,
/// then the field separator): elsewhere it is a line break inside a field (a free-text value written over two
/// lines), and `SCT|…` after it is the rest of that field, not a segment. Without any CR, every LF ends one.
pub(super) struct Lines<'a> {
    rest: &'a str,
    /// Whether the text uses CR, and its field separator (the byte after the first `MSH`).
    carriage: Option<u8>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Lines<'a> {
        let separator = || text.find("MSH").and_then(|at| text.as_bytes().get(at + 3).copied()).unwrap_or(b'|');
        let carriage = memchr::memchr(b'\r', text.as_bytes()).map(|_| separator());
        Lines { rest: text, carriage }
    }

    /// Where the current segment ends: the first CR or LF, past lone LFs that do not start a segment.
    fn end(&self) -> usize {
        let bytes = self.rest.as_bytes();
        let mut from = 0;
        loop {
            let Some(at) = memchr::memchr2(b'\r', b'\n', bytes.get(from..).unwrap_or_default()).map(|p| p + from)
            else {
                return bytes.len();
            };
            let Some(separator) = self.carriage else { return at };
            if bytes.get(at) == Some(&b'\r')
                || at == 0
                || starts_segment(bytes.get(at + 1..).unwrap_or_default(), separator)
            {
                return at;
            }
            from = at + 1;
        }
    }
}

/// Whether text starts with a segment: an ORU^R01 or batch-envelope segment ID (Z-segments included) and the
/// field separator.
fn starts_segment(text: &[u8], separator: u8) -> bool {
    let (Some(id), Some(next)) = (text.get(..3), text.get(3)) else { return false };
    let id = std::str::from_utf8(id).unwrap_or_default();
    let envelope = matches!(id, "FHS" | "BHS" | "BTS" | "FTS");
    *next == separator && (envelope || super::tables::is_oru_segment(id))
}

impl<'a> Iterator for Lines<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let end = self.end();
        let line = self.rest.get(..end).unwrap_or_default();
        self.rest = self.rest.get(end + 1..).unwrap_or_default();
        Some(line.trim_start_matches([' ', '\t', '\u{0B}', '\u{1C}']).trim_end_matches(['\u{0B}', '\u{1C}']))
    }
}
