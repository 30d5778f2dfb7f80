//! A parser for the UCUM expression syntax (UCUM §§ 2.1–2.4): components joined by `.` and `/`, SI prefixes,
//! exponents, `10*n` powers, integer factors, `{annotations}` and parentheses.
//!
//! It works in the case-sensitive form, or in a case-insensitive mode for feeds that upper-case units.

use super::atoms::{self, Atom};
use super::dimension::Dimension;

/// Which spelling rules the parser follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    Sensitive,
    Insensitive,
}

/// A parsed UCUM expression: its canonical text, dimension and scale to the base units.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ucum {
    pub(crate) canonical: String,
    pub(crate) dimension: Dimension,
    pub(crate) scale: f64,
}

/// The longest unit text worth parsing; anything longer is not a unit.
const MAX_LEN: usize = 64;
/// The deepest parenthesis nesting accepted.
const MAX_DEPTH: usize = 4;

/// Parses a UCUM expression; `None` when it is not one.
pub(crate) fn parse(text: &str, case: Case) -> Option<Ucum> {
    if text.is_empty() || text.len() > MAX_LEN || !text.is_ascii() {
        return None;
    }
    let lowered;
    let text = if case == Case::Insensitive {
        lowered = text.to_ascii_lowercase();
        lowered.as_str()
    } else {
        text
    };
    let mut parser = Parser { bytes: text.as_bytes(), pos: 0, case, depth: 0 };
    let ucum = parser.term()?;
    (parser.pos == parser.bytes.len()).then_some(ucum)
}

struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    case: Case,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn term(&mut self) -> Option<Ucum> {
        let mut out = Ucum { canonical: String::new(), dimension: Dimension::NONE, scale: 1.0 };
        let mut power: i8 = 1;
        if self.peek() == Some(b'/') {
            self.pos += 1;
            out.canonical.push('/');
            power = -1;
        }
        loop {
            let part = self.component()?;
            out.canonical.push_str(&part.canonical);
            out.dimension = out.dimension.combine(part.dimension, power);
            out.scale *= part.scale.powi(i32::from(power));
            match self.peek() {
                Some(b'.') => power = 1,
                Some(b'/') => power = -1,
                _ => return Some(out),
            }
            out.canonical.push(if power == 1 { '.' } else { '/' });
            self.pos += 1;
        }
    }

    fn component(&mut self) -> Option<Ucum> {
        match self.peek()? {
            b'(' => self.group(),
            b'{' => self.annotation(),
            b'0'..=b'9' => self.number(),
            _ => {
                let unit = self.symbol()?;
                // An annotation may follow a unit directly: `10*3{cells}`.
                if self.peek() == Some(b'{') {
                    let note = self.annotation()?;
                    return Some(Ucum { canonical: unit.canonical + &note.canonical, ..unit });
                }
                Some(unit)
            }
        }
    }

    fn group(&mut self) -> Option<Ucum> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        self.pos += 1;
        let inner = self.term()?;
        if self.peek() != Some(b')') {
            return None;
        }
        self.pos += 1;
        self.depth -= 1;
        Some(Ucum { canonical: format!("({})", inner.canonical), ..inner })
    }

    fn annotation(&mut self) -> Option<Ucum> {
        let start = self.pos;
        let len = self.bytes.get(start..)?.iter().position(|b| *b == b'}')?;
        let body = self.bytes.get(start + 1..start + len)?;
        if body.iter().any(|b| *b == b'{' || !(0x20..0x7f).contains(b)) {
            return None;
        }
        self.pos = start + len + 1;
        let text = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        Some(Ucum { canonical: text.to_owned(), dimension: Dimension::NONE, scale: 1.0 })
    }

    /// An integer factor, or `10*n` / `10^n`, optionally followed by an annotation.
    fn number(&mut self) -> Option<Ucum> {
        let text = std::str::from_utf8(self.digits()).ok()?;
        if text == "10" && matches!(self.peek(), Some(b'*' | b'^')) {
            self.pos += 1;
            let exponent = self.exponent()?;
            let note = self.optional_annotation()?;
            let canonical = format!("10*{exponent}{note}");
            return Some(Ucum { canonical, dimension: Dimension::NONE, scale: 10f64.powi(i32::from(exponent)) });
        }
        // UCUM factors are integers; `1.73` would read as 1·73, which no sender means: not UCUM.
        if self.peek() == Some(b'.') && self.bytes.get(self.pos + 1).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        let value: u32 = text.parse().ok()?;
        let note = self.optional_annotation()?;
        Some(Ucum { canonical: format!("{value}{note}"), dimension: Dimension::NONE, scale: f64::from(value) })
    }

    fn optional_annotation(&mut self) -> Option<String> {
        if self.peek() == Some(b'{') { self.annotation().map(|a| a.canonical) } else { Some(String::new()) }
    }

    fn digits(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.bytes.get(start..self.pos).unwrap_or_default()
    }

    /// A signed exponent of at most two digits.
    fn exponent(&mut self) -> Option<i8> {
        let negative = match self.peek() {
            Some(b'-') => true,
            Some(b'+') => false,
            _ => return self.unsigned_exponent(),
        };
        self.pos += 1;
        let magnitude = self.unsigned_exponent()?;
        Some(if negative { -magnitude } else { magnitude })
    }

    fn unsigned_exponent(&mut self) -> Option<i8> {
        let digits = self.digits();
        if digits.is_empty() || digits.len() > 2 {
            return None;
        }
        std::str::from_utf8(digits).ok()?.parse().ok()
    }

    /// A unit symbol with its optional prefix and exponent: `mg`, `mm3`, `u[IU]`, `m-3`.
    fn symbol(&mut self) -> Option<Ucum> {
        let start = self.pos;
        let mut in_brackets = false;
        while let Some(b) = self.peek() {
            match b {
                b'[' => in_brackets = true,
                b']' => in_brackets = false,
                b'a'..=b'z' | b'A'..=b'Z' | b'%' | b'_' | b'\'' => {}
                _ if in_brackets => {}
                _ => break,
            }
            self.pos += 1;
        }
        let symbol = std::str::from_utf8(self.bytes.get(start..self.pos)?).ok()?;
        let (prefix, factor, atom) = self.split_symbol(symbol)?;
        let exponent = if matches!(self.peek(), Some(b'0'..=b'9' | b'-' | b'+')) { self.exponent()? } else { 1 };
        let mut canonical = format!("{prefix}{}", canonical_symbol(atom));
        if exponent != 1 {
            canonical.push_str(&exponent.to_string());
        }
        let scale = (factor * atom.scale).powi(i32::from(exponent));
        Some(Ucum { canonical, dimension: Dimension::NONE.combine(atom.dimension, exponent), scale })
    }

    /// Splits `mg` into prefix `m` (×10⁻³) and atom `g`; a whole-symbol atom wins over a prefixed reading.
    fn split_symbol(&self, symbol: &str) -> Option<(&'static str, f64, &'static Atom)> {
        if let Some(atom) = self.atom(symbol) {
            return Some(("", 1.0, atom));
        }
        atoms::PREFIXES.iter().find_map(|(prefix, factor)| {
            let rest = symbol.strip_prefix(prefix)?;
            let atom = self.atom(rest).filter(|a| a.metric)?;
            Some((*prefix, *factor, atom))
        })
    }

    fn atom(&self, symbol: &str) -> Option<&'static Atom> {
        match self.case {
            Case::Sensitive => atoms::find_atom(symbol),
            Case::Insensitive => atoms::ATOMS_CASE_INSENSITIVE
                .iter()
                .find(|(ci, _)| *ci == symbol)
                .and_then(|(_, cs)| atoms::find_atom(cs)),
        }
    }
}

/// UCUM allows `l` and `L` for the litre; labcore writes `L`.
fn canonical_symbol(atom: &Atom) -> &'static str {
    if atom.symbol == "l" { "L" } else { atom.symbol }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(text: &str, case: Case) -> Option<String> {
        parse(text, case).map(|u| u.canonical)
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
    }

    #[test]
    fn case_sensitive_units() {
        assert_eq!(canonical("mg/dL", Case::Sensitive).as_deref(), Some("mg/dL"));
        assert_eq!(canonical("mg/dl", Case::Sensitive).as_deref(), Some("mg/dL"));
        assert_eq!(canonical("10*3/uL", Case::Sensitive).as_deref(), Some("10*3/uL"));
        assert_eq!(canonical("u[IU]/mL", Case::Sensitive).as_deref(), Some("u[IU]/mL"));
        assert_eq!(canonical("mL/min/{1.73_m2}", Case::Sensitive).as_deref(), Some("mL/min/{1.73_m2}"));
        assert_eq!(canonical("/uL", Case::Sensitive).as_deref(), Some("/uL"));
        assert_eq!(canonical("(mg/dL)", Case::Sensitive).as_deref(), Some("(mg/dL)"));
        assert_eq!(canonical("K/uL", Case::Sensitive), None);
        assert_eq!(canonical("MG/DL", Case::Sensitive), None);
        assert_eq!(canonical("mg/", Case::Sensitive), None);
        assert_eq!(canonical("mL/min/1.73", Case::Sensitive), None);
        assert_eq!(canonical("((((((g))))))", Case::Sensitive), None);
    }

    #[test]
    fn case_insensitive_units() {
        assert_eq!(canonical("MG/DL", Case::Insensitive).as_deref(), Some("mg/dL"));
        assert_eq!(canonical("MMOL/L", Case::Insensitive).as_deref(), Some("mmol/L"));
        assert_eq!(canonical("U/L", Case::Insensitive).as_deref(), Some("U/L"));
        assert_eq!(canonical("MEQ/L", Case::Insensitive).as_deref(), Some("meq/L"));
        assert_eq!(canonical("MIU/L", Case::Insensitive).as_deref(), Some("m[IU]/L"));
    }

    #[test]
    fn scales_and_dimensions() {
        let mg_dl = parse("mg/dL", Case::Sensitive).map(|u| u.scale).unwrap_or_default();
        assert!(close(mg_dl, 1e-3 / 1e-4), "{mg_dl}");
        let per_ul = parse("10*3/uL", Case::Sensitive).map(|u| u.scale).unwrap_or_default();
        assert!(close(per_ul, 1e3 / 1e-9), "{per_ul}");
        let fl = parse("fL", Case::Sensitive).map(|u| u.scale).unwrap_or_default();
        let um3 = parse("um3", Case::Sensitive).map(|u| u.scale).unwrap_or_default();
        assert!(close(fl, um3), "{fl} {um3}");
        let enzyme = parse("U/L", Case::Sensitive).map(|u| u.dimension);
        assert_eq!(enzyme.and_then(|d| d.kind()), Some(super::super::QuantityKind::CatalyticConcentration));
    }
}
