//! Folding text for detection: invisible characters dropped (zero-width, soft hyphen, bidirectional marks,
//! variation selectors, NUL and the other control characters), look-alike letters of other scripts and full-width
//! forms turned into their ASCII twins, with a map from folded offsets back to the original text, so that
//! `J\u{200B}ane D\u{043E}e` and `SSN 123\0-45-6789` are found as what they spell and replaced where they stand
//! (a span covers the dropped characters inside it).

/// Text with invisible characters dropped and look-alikes folded to ASCII, with the way back to the original.
pub(super) struct Folded<'a> {
    original: &'a str,
    folded: Option<(String, Vec<usize>)>,
}

impl<'a> Folded<'a> {
    pub(super) fn new(text: &'a str) -> Folded<'a> {
        // Printable ASCII with tabs and line breaks, most text, has nothing to fold.
        if text.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n' | b'\r')) {
            return Folded { original: text, folded: None };
        }
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            let Some(folded) = fold(c) else { continue };
            for _ in 0..folded.len_utf8() {
                map.push(at);
            }
            out.push(folded);
        }
        map.push(text.len());
        Folded { original: text, folded: Some((out, map)) }
    }

    pub(super) fn text(&self) -> &str {
        self.folded.as_ref().map_or(self.original, |(t, _)| t.as_str())
    }

    /// The original offset of a folded one (an end offset maps to the end of the original character).
    pub(super) fn original(&self, at: usize) -> usize {
        match &self.folded {
            None => at,
            Some((_, map)) => map.get(at).copied().unwrap_or(self.original.len()),
        }
    }
}

/// Whether a character is invisible, there only to break up a word: the zero-width and format characters that
/// processing ignores too ([`crate::value::is_invisible`]), bidirectional embeddings, overrides and isolates,
/// variation selectors, tag characters, the combining grapheme joiner, and control characters (NUL, the other C0
/// and C1 controls) but for tabs and line breaks.
fn invisible(c: char) -> bool {
    crate::value::is_invisible(c)
        || matches!(
            c,
            '\u{034F}'
                | '\u{061C}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{E0000}'..='\u{E007F}'
                | '\u{E0100}'..='\u{E01EF}'
        )
        || c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}')
}

/// A character as detection reads it: `None` for an invisible one (dropped), else [`look_alike`].
fn fold(c: char) -> Option<char> {
    if invisible(c) {
        return None;
    }
    Some(look_alike(c))
}

/// A look-alike letter or digit of another script as its ASCII twin (Cyrillic and Greek capitals and lower case
/// that render like Latin ones, full-width forms); exotic spaces as a space; the control characters that break
/// lines (vertical tab, form feed, next line) as a line break — dropped, they would glue the words either side of
/// them into one.
fn look_alike(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{0B}' | '\u{0C}' | '\u{85}' => '\n',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => ' ',
        'а' => 'a',
        'е' => 'e',
        'о' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'і' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'А' => 'A',
        'В' => 'B',
        'Е' => 'E',
        'К' => 'K',
        'М' => 'M',
        'Н' => 'H',
        'О' => 'O',
        'Р' => 'P',
        'С' => 'C',
        'Т' => 'T',
        'Х' => 'X',
        'І' => 'I',
        'ο' => 'o',
        'α' => 'a',
        'ε' => 'e',
        'Α' => 'A',
        'Β' => 'B',
        'Ε' => 'E',
        'Ζ' => 'Z',
        'Η' => 'H',
        'Ι' => 'I',
        'Κ' => 'K',
        'Μ' => 'M',
        'Ν' => 'N',
        'Ο' => 'O',
        'Ρ' => 'P',
        'Τ' => 'T',
        'Χ' => 'X',
        'Υ' => 'Y',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folded text, and each folded byte's original offset.
    fn folded(text: &str) -> (String, Vec<usize>) {
        let folded = Folded::new(text);
        let view = folded.text().to_owned();
        let offsets = (0..=view.len()).map(|at| folded.original(at)).collect();
        (view, offsets)
    }

    #[test]
    fn plain_ascii_is_not_copied() {
        let text = "Pt: Jane Doe\tMRN 00482913\r\n";
        assert!(Folded::new(text).folded.is_none());
        assert!(Folded::new("SSN 123\0-45-6789").folded.is_some(), "a control character is folded even in ASCII");
    }

    #[test]
    fn control_characters_and_invisibles_are_dropped_and_mapped_back() {
        let (view, offsets) = folded("SSN 123\0-45-6789");
        assert_eq!(view, "SSN 123-45-6789");
        // The dash after the NUL is at 7 in the folded text, 8 in the original.
        assert_eq!((offsets[7], offsets[view.len()]), (8, 16));
        for hidden in [
            '\0',
            '\u{1}',
            '\u{1B}',
            '\u{7F}',
            '\u{80}',
            '\u{9F}',
            '\u{AD}',
            '\u{200B}',
            '\u{200D}',
            '\u{200E}',
            '\u{200F}',
            '\u{202A}',
            '\u{202E}',
            '\u{2060}',
            '\u{2066}',
            '\u{2069}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{E0041}',
            '\u{E0100}',
        ] {
            let text = format!("Ja{hidden}ne");
            assert_eq!(folded(&text).0, "Jane", "U+{:04X}", u32::from(hidden));
        }
        assert_eq!(folded("a\tb\nc\rd\u{0B}e\u{0C}f\u{85}g").0, "a\tb\nc\rd\ne\nf\ng");
        assert_eq!(folded("J\u{0430}ne\u{00A0}\u{FF24}oe").0, "Jane Doe");
    }
}
