//! Folding text for detection: zero-width characters dropped, look-alike letters of other scripts and full-width
//! forms turned into their ASCII twins, with a map from folded offsets back to the original text, so that
//! `J\u{200B}ane D\u{043E}e` is found as the name it spells and replaced where it stands.

/// Text with zero-width characters dropped and look-alikes folded to ASCII, with the way back to the original.
pub(super) struct Folded<'a> {
    original: &'a str,
    folded: Option<(String, Vec<usize>)>,
}

impl<'a> Folded<'a> {
    pub(super) fn new(text: &'a str) -> Folded<'a> {
        if text.is_ascii() {
            return Folded { original: text, folded: None };
        }
        let mut out = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len() + 1);
        for (at, c) in text.char_indices() {
            if crate::value::is_invisible(c) {
                continue;
            }
            let folded = fold(c);
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

/// A look-alike letter or digit of another script as its ASCII twin (Cyrillic and Greek capitals and lower case
/// that render like Latin ones, full-width forms); exotic spaces as a space.
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
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
