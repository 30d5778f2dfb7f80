//! HL7 v2 escape sequences (v2.5 §2.7, "Use of escape sequences in text fields"), decoded after a field has
//! been split on its delimiters, and written when labcore builds a message (an ACK).
//!
//! | sequence | meaning |
//! |---|---|
//! | `\F\` `\S\` `\T\` `\R\` `\E\` | the field, component, sub-component, repetition and escape characters |
//! | `\P\` | the truncation character (v2.7) |
//! | `\Xhh…\` | bytes in hexadecimal (read as UTF-8 when they are, else as ISO 8859-1) |
//! | `\.br\`, `\.sp n\` | line break(s) in formatted text (FT) |
//! | `\H\` `\N\`, `\.in n\` `\.ti n\` `\.ce\` `\.fi\` `\.nf\` `\.sk n\` | highlighting and layout: dropped (`\.sk n\` gives spaces) |
//! | `\Cxxyy\` `\Mxxyyzz\` `\Zxx…\` | character-set switches and locally defined escapes: dropped |

use std::borrow::Cow;

use super::Delimiters;

/// What decoding found besides the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Decoding {
    /// An escape character without its closing partner, or an unknown sequence: kept as written.
    pub(crate) malformed: bool,
    /// A locally defined (`\Z…\`) or character-set (`\C…\`, `\M…\`) sequence was dropped.
    pub(crate) dropped: bool,
}

/// The longest escape sequence read as one (hex runs aside); a longer one is taken as a stray escape character.
const MAX_SEQUENCE: usize = 32;

/// Decodes the escape sequences of one value (a leaf: already split on every delimiter).
///
/// ```
/// use labcore::hl7::{unescape, Delimiters};
/// let d = Delimiters::default();
/// assert_eq!(unescape("10\\S\\9/L", &d), "10^9/L");
/// assert_eq!(unescape("line one\\.br\\line two", &d), "line one\nline two");
/// assert_eq!(unescape("caf\\XC3A9\\", &d), "café");
/// ```
pub fn unescape<'a>(raw: &'a str, delimiters: &Delimiters) -> Cow<'a, str> {
    unescape_noting(raw, delimiters).0
}

/// [`unescape`], also saying whether a sequence was malformed or dropped.
pub(crate) fn unescape_noting<'a>(raw: &'a str, delimiters: &Delimiters) -> (Cow<'a, str>, Decoding) {
    let Some(escape) = delimiters.escape else { return (Cow::Borrowed(raw), Decoding::default()) };
    if u8::try_from(escape).is_ok_and(|e| super::message::find_byte(e, raw.as_bytes()).is_none()) {
        return (Cow::Borrowed(raw), Decoding::default());
    }
    let mut out = String::with_capacity(raw.len());
    let mut note = Decoding::default();
    let mut rest = raw;
    while let Some(start) = rest.find(escape) {
        out.push_str(rest.get(..start).unwrap_or_default());
        let after = rest.get(start + escape.len_utf8()..).unwrap_or_default();
        let Some(end) = after.find(escape) else {
            note.malformed = true;
            out.push(escape);
            rest = after;
            continue;
        };
        let sequence = after.get(..end).unwrap_or_default();
        if decode_sequence(sequence, delimiters, &mut out, &mut note) {
            rest = after.get(end + escape.len_utf8()..).unwrap_or_default();
        } else {
            note.malformed = true;
            out.push(escape);
            rest = after;
        }
    }
    out.push_str(rest);
    (Cow::Owned(out), note)
}

/// Appends what one sequence (the text between two escape characters) stands for; `false` when it is not a
/// sequence labcore knows.
fn decode_sequence(sequence: &str, d: &Delimiters, out: &mut String, note: &mut Decoding) -> bool {
    let single = match sequence {
        "F" => Some(d.field),
        "S" => Some(d.component),
        "T" => d.subcomponent,
        "R" => Some(d.repetition),
        "E" => d.escape,
        "P" => d.truncation,
        _ => None,
    };
    if let Some(c) = single {
        out.push(c);
        return true;
    }
    if let Some(hex) = sequence.strip_prefix('X') {
        return decode_hex(hex, out);
    }
    if sequence.len() > MAX_SEQUENCE {
        return false;
    }
    match sequence.split_at_checked(1) {
        Some(("H" | "N", "")) => true,
        Some(("C" | "M" | "Z", _)) => {
            note.dropped = true;
            true
        }
        Some((".", command)) => formatting(command, out),
        _ => false,
    }
}

/// `\.br\`, `\.sp n\`, `\.sk n\` and the layout commands of formatted text (FT).
fn formatting(command: &str, out: &mut String) -> bool {
    let (name, argument) = command.split_at_checked(2).unwrap_or((command, ""));
    let count = |default: usize| -> Option<usize> {
        let argument = argument.trim().trim_start_matches('+');
        // Capped: a hostile `\.sp 99999\` must not turn a few bytes into megabytes.
        if argument.is_empty() { Some(default) } else { argument.parse::<usize>().ok().map(|n| n.min(8)) }
    };
    match name {
        "br" if argument.is_empty() => out.push('\n'),
        "sp" => out.extend(std::iter::repeat_n('\n', count(1).unwrap_or(1))),
        "sk" => out.extend(std::iter::repeat_n(' ', count(1).unwrap_or(1))),
        "in" | "ti" => {
            if argument.trim().trim_start_matches(['+', '-']).parse::<i32>().is_err() {
                return false;
            }
        }
        "ce" | "fi" | "nf" if argument.is_empty() => {}
        _ => return false,
    }
    true
}

/// `\Xhhhh\`: pairs of hexadecimal digits, read as UTF-8 when they form it, else one ISO 8859-1 character each.
fn decode_hex(hex: &str, out: &mut String) -> bool {
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return false;
    }
    let bytes: Vec<u8> = hex
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| std::str::from_utf8(pair).ok().and_then(|p| u8::from_str_radix(p, 16).ok()))
        .collect();
    match std::str::from_utf8(&bytes) {
        Ok(text) => out.push_str(text),
        Err(_) => out.extend(bytes.iter().map(|b| char::from(*b))),
    }
    true
}

/// Writes `text` with every delimiter (and line breaks) escaped, for a field of a message labcore builds.
///
/// ```
/// use labcore::hl7::{escape, Delimiters};
/// assert_eq!(escape("a|b^c\\d", &Delimiters::default()), "a\\F\\b\\S\\c\\E\\d");
/// ```
pub fn escape(text: &str, d: &Delimiters) -> String {
    let mut out = String::with_capacity(text.len());
    let esc = d.escape.unwrap_or('\\');
    for c in text.chars() {
        let name = match c {
            c if c == d.field => "F",
            c if c == d.component => "S",
            c if Some(c) == d.subcomponent => "T",
            c if c == d.repetition => "R",
            c if c == esc => "E",
            c if Some(c) == d.truncation => "P",
            '\r' => "X0D",
            '\n' => ".br",
            c if c.is_control() => {
                continue;
            }
            c => {
                out.push(c);
                continue;
            }
        };
        out.push(esc);
        out.push_str(name);
        out.push(esc);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Delimiters {
        Delimiters::default()
    }

    #[test]
    fn delimiter_sequences() {
        assert_eq!(unescape("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f", &d()), "a|b^c&d~e\\f");
        assert!(matches!(unescape("plain", &d()), Cow::Borrowed("plain")));
    }

    #[test]
    fn hex_and_formatting() {
        assert_eq!(unescape("\\X0D\\\\X0A\\", &d()), "\r\n");
        assert_eq!(unescape("M\\XFC\\ller", &d()), "Müller");
        assert_eq!(unescape("a\\.sp 2\\b", &d()), "a\n\nb");
        assert_eq!(unescape("\\H\\bold\\N\\", &d()), "bold");
        assert_eq!(unescape("x\\.in +4\\y\\.ce\\z", &d()), "xyz");
    }

    #[test]
    fn malformed_and_dropped_are_noted() {
        let (text, note) = unescape_noting("C:\\temp", &d());
        assert_eq!((text.as_ref(), note.malformed), ("C:\\temp", true));
        let (text, note) = unescape_noting("a\\Q\\b", &d());
        assert_eq!((text.as_ref(), note.malformed), ("a\\Q\\b", true));
        let (text, note) = unescape_noting("a\\Zlocal\\b", &d());
        assert_eq!((text.as_ref(), note.dropped, note.malformed), ("ab", true, false));
        assert_eq!(unescape("\\X0\\", &d()), "\\X0\\");
    }

    #[test]
    fn escape_round_trips() {
        for text in ["a|b", "x^y~z&w\\v", "two\nlines", "plain 5.0 mg/dL"] {
            assert_eq!(unescape(&escape(text, &d()), &d()), text);
        }
    }
}
