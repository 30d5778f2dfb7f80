//! The delimiters a message declares in MSH-1 and MSH-2 (or FHS/BHS-1 and -2 for a batch).

/// The five (or six) delimiters of an HL7 v2 message.
///
/// HL7 v2 §2.5.4: MSH-1 is the field separator, MSH-2 the component, repetition, escape and sub-component
/// characters in that order (recommended `^~\&`), and from v2.7 a fifth, the truncation character (`#`).
///
/// ```
/// use labcore::hl7::Delimiters;
/// let d = Delimiters::read_header("MSH|^~\\&#|LIS|LAB").unwrap();
/// assert_eq!((d.field, d.component, d.repetition, d.escape, d.subcomponent, d.truncation),
///            ('|', '^', '~', Some('\\'), Some('&'), Some('#')));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Delimiters {
    /// Separates fields (MSH-1).
    pub field: char,
    /// Separates components.
    pub component: char,
    /// Separates repetitions of a field.
    pub repetition: char,
    /// Starts and ends an escape sequence; absent when the sender declares none.
    pub escape: Option<char>,
    /// Separates sub-components; absent when the sender declares none.
    pub subcomponent: Option<char>,
    /// Marks a truncated value (v2.7 and later).
    pub truncation: Option<char>,
}

impl Default for Delimiters {
    /// The recommended `|^~\&`.
    fn default() -> Self {
        Delimiters {
            field: '|',
            component: '^',
            repetition: '~',
            escape: Some('\\'),
            subcomponent: Some('&'),
            truncation: None,
        }
    }
}

/// Why a header's delimiters cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DelimiterProblem {
    /// No field separator after the segment identifier.
    NoFieldSeparator,
    /// Fewer than two encoding characters (component and repetition are the least a message needs).
    TooFewEncodingCharacters,
    /// A delimiter is a letter, a digit, white space or a control character, or two delimiters are the same.
    Unusable,
}

impl DelimiterProblem {
    pub(crate) const fn message(self) -> &'static str {
        match self {
            DelimiterProblem::NoFieldSeparator => "the header has no field separator after its segment identifier",
            DelimiterProblem::TooFewEncodingCharacters => {
                "MSH-2 must declare at least the component and repetition characters (recommended ^~\\&)"
            }
            DelimiterProblem::Unusable => {
                "the delimiters in MSH-1 and MSH-2 must be distinct and neither letters, digits, spaces nor control characters"
            }
        }
    }
}

impl Delimiters {
    /// Reads the delimiters of a header segment (`MSH`, `FHS` or `BHS`): the character after the identifier is
    /// the field separator, the characters up to the next field separator the encoding characters.
    pub fn read_header(segment: &str) -> Option<Delimiters> {
        Delimiters::read(segment).ok().map(|(d, _)| d)
    }

    /// The delimiters, and whether MSH-2 declared fewer than the four usual encoding characters.
    pub(crate) fn read(segment: &str) -> Result<(Delimiters, bool), DelimiterProblem> {
        let mut chars = segment.chars().skip(3);
        let field = chars.next().ok_or(DelimiterProblem::NoFieldSeparator)?;
        if !usable(field) {
            return Err(DelimiterProblem::NoFieldSeparator);
        }
        let encoding: Vec<char> = chars.take_while(|c| *c != field).take(6).collect();
        let [component, repetition, rest @ ..] = encoding.as_slice() else {
            return Err(DelimiterProblem::TooFewEncodingCharacters);
        };
        // A sixth character is not a delimiter: MSH-2 is then malformed.
        if rest.len() > 3 {
            return Err(DelimiterProblem::Unusable);
        }
        let delimiters = Delimiters {
            field,
            component: *component,
            repetition: *repetition,
            escape: rest.first().copied(),
            subcomponent: rest.get(1).copied(),
            truncation: rest.get(2).copied(),
        };
        let all = delimiters.all();
        let distinct = all.iter().enumerate().all(|(i, c)| !all.iter().skip(i + 1).any(|d| d == c));
        if !(distinct && all.iter().all(|c| usable(*c))) {
            return Err(DelimiterProblem::Unusable);
        }
        Ok((delimiters, rest.len() < 2))
    }

    /// Every declared delimiter.
    fn all(&self) -> Vec<char> {
        let mut all = vec![self.field, self.component, self.repetition];
        all.extend(self.escape);
        all.extend(self.subcomponent);
        all.extend(self.truncation);
        all
    }
}

/// A character that can serve as a delimiter: visible ASCII punctuation or symbols.
fn usable(c: char) -> bool {
    c.is_ascii_graphic() && !c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_and_unusual_declarations() {
        assert_eq!(Delimiters::read("MSH|^~\\&|A"), Ok((Delimiters::default(), false)));
        let (d, short) = Delimiters::read("MSH|^~|A").unwrap();
        assert!(short);
        assert_eq!((d.escape, d.subcomponent), (None, None));
        let (d, _) = Delimiters::read("MSH!@#$%!A").unwrap();
        assert_eq!((d.field, d.component, d.repetition), ('!', '@', '#'));
        assert_eq!(Delimiters::read("MSH"), Err(DelimiterProblem::NoFieldSeparator));
        assert_eq!(Delimiters::read("MSHA^~\\&"), Err(DelimiterProblem::NoFieldSeparator));
        assert_eq!(Delimiters::read("MSH|^|"), Err(DelimiterProblem::TooFewEncodingCharacters));
        assert_eq!(Delimiters::read("MSH|^^\\&|"), Err(DelimiterProblem::Unusable));
        assert_eq!(Delimiters::read("MSH|^~\\&#*!|"), Err(DelimiterProblem::Unusable));
        assert_eq!(Delimiters::read("MSH|^~a&|"), Err(DelimiterProblem::Unusable));
    }
}
