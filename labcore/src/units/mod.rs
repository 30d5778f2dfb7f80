//! Units of measure: UCUM parsing, vendor spellings, and analyte-aware conversion.
//!
//! ```
//! use labcore::units::UnitParser;
//! let parser = UnitParser::new();
//! let reading = parser.read("x10E3/uL").unwrap();
//! assert_eq!(reading.best().ucum(), "10*3/uL");
//! assert!(reading.was_rewritten());
//! ```

mod atoms;
mod dimension;
mod measure;
mod ucum;
mod vendor;

pub use dimension::QuantityKind;
pub(crate) use measure::convert_clean;
pub use measure::{Bridges, ConversionError, convert};

pub(crate) use dimension::Dimension;

use std::sync::Arc;

/// A unit understood by labcore: its UCUM text, dimension and scale to the coherent base units.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    ucum: Arc<str>,
    dimension: Dimension,
    scale: f64,
    /// The kind, computed once: it is asked for on every result.
    kind: Option<QuantityKind>,
}

impl Unit {
    /// The canonical UCUM text (`mg/dL`, `10*3/uL`, `m[IU]/L`).
    pub fn ucum(&self) -> &str {
        &self.ucum
    }

    /// The UCUM text, shared (cheap to clone into reports).
    pub fn ucum_shared(&self) -> Arc<str> {
        Arc::clone(&self.ucum)
    }

    /// The kind of quantity it expresses, if one lab results use.
    pub fn kind(&self) -> Option<QuantityKind> {
        self.kind
    }

    pub(crate) fn dimension(&self) -> Dimension {
        self.dimension
    }

    pub(crate) fn scale(&self) -> f64 {
        self.scale
    }

    /// Whether the unit contains the enzyme unit `U` (as opposed to `kat` or `[IU]`).
    fn uses_enzyme_unit(&self) -> bool {
        enzyme_unit_positions(&self.ucum).next().is_some()
    }

    fn from_ucum(parsed: ucum::Ucum) -> Unit {
        let kind = parsed.dimension.kind();
        Unit { ucum: parsed.canonical.into(), dimension: parsed.dimension, scale: parsed.scale, kind }
    }
}

/// Byte positions of `U` atoms that are the enzyme unit (not the `U` inside `[IU]`).
fn enzyme_unit_positions(ucum: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = ucum.as_bytes();
    bytes.iter().enumerate().filter_map(move |(i, b)| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        (*b == b'U' && !matches!(before, Some(b'I' | b'i'))).then_some(i)
    })
}

/// Why a unit string was not understood. The text itself is never kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum UnitError {
    /// The unit is empty.
    #[error("unit is empty")]
    Empty,
    /// Neither UCUM nor a vendor spelling labcore knows.
    #[error("unit is not UCUM nor a known vendor spelling")]
    Unknown,
}

impl UnitError {
    /// A stable snake_case code.
    pub const fn code(self) -> &'static str {
        match self {
            UnitError::Empty => "unit_empty",
            UnitError::Unknown => "unit_unknown",
        }
    }
}

/// The readings of a unit string: usually one, sometimes two when a spelling is ambiguous without knowing
/// the analyte (`G/L`: grams per litre, or 10⁹ cells per litre in French feeds).
#[derive(Debug, Clone, PartialEq)]
pub struct UnitReading {
    best: Unit,
    alternatives: Vec<Unit>,
    rewritten: bool,
}

impl UnitReading {
    /// The most likely reading.
    pub fn best(&self) -> &Unit {
        &self.best
    }

    /// Every reading, most likely first.
    pub fn candidates(&self) -> impl Iterator<Item = &Unit> {
        std::iter::once(&self.best).chain(&self.alternatives)
    }

    /// Whether the text was not canonical UCUM (a vendor spelling, another case, `µ` for `u`…).
    pub fn was_rewritten(&self) -> bool {
        self.rewritten
    }
}

/// Reads unit strings: UCUM first, then vendor spellings, then UCUM's case-insensitive form.
#[derive(Debug, Clone)]
pub struct UnitParser {
    rules: vendor::VendorRules,
}

impl Default for UnitParser {
    fn default() -> Self {
        UnitParser::new()
    }
}

impl UnitParser {
    /// Builds a parser (compiles the vendor rules once; keep it and reuse it).
    pub fn new() -> UnitParser {
        UnitParser { rules: vendor::VendorRules::new() }
    }

    /// Parses strict, case-sensitive UCUM only.
    pub fn parse_ucum(&self, text: &str) -> Result<Unit, UnitError> {
        if text.trim().is_empty() {
            return Err(UnitError::Empty);
        }
        ucum::parse(text, ucum::Case::Sensitive).map(Unit::from_ucum).ok_or(UnitError::Unknown)
    }

    /// Reads a unit as feeds send it.
    pub fn read(&self, text: &str) -> Result<UnitReading, UnitError> {
        let prepared = vendor::prepare(text);
        if prepared.is_empty() {
            return Err(UnitError::Empty);
        }
        if let Some(parsed) = ucum::parse(&prepared, ucum::Case::Sensitive) {
            let rewritten = parsed.canonical != text;
            return Ok(UnitReading { best: Unit::from_ucum(parsed), alternatives: Vec::new(), rewritten });
        }
        let rewritten = self.rules.rewrite(&prepared);
        let mut candidates: Vec<Unit> = Vec::with_capacity(2);
        // A count reading (`G/L` = 10*9/L) comes last: the analyte picks it only when it counts cells.
        let attempts = [
            ucum::parse(&rewritten, ucum::Case::Sensitive),
            ucum::parse(&rewritten, ucum::Case::Insensitive),
            ucum::parse(&prepared, ucum::Case::Insensitive),
            self.rules.rewrite_count(&prepared).and_then(|t| ucum::parse(&t, ucum::Case::Sensitive)),
        ];
        for unit in attempts.into_iter().flatten().map(Unit::from_ucum) {
            if !candidates.iter().any(|c| c.dimension == unit.dimension && same_scale(c.scale, unit.scale)) {
                candidates.push(unit);
            }
        }
        let mut candidates = candidates.into_iter();
        let best = candidates.next().ok_or(UnitError::Unknown)?;
        Ok(UnitReading { best, alternatives: candidates.collect(), rewritten: true })
    }

    /// Re-reads a unit for an analyte measured in international units: feeds write `mU/L` for `m[IU]/L`.
    pub(crate) fn enzyme_unit_as_international(&self, unit: &Unit) -> Option<Unit> {
        if !unit.uses_enzyme_unit() {
            return None;
        }
        let mut text = String::with_capacity(unit.ucum.len() + 8);
        let mut last = 0;
        for at in enzyme_unit_positions(&unit.ucum) {
            text.push_str(unit.ucum.get(last..at)?);
            text.push_str("[IU]");
            last = at + 1;
        }
        text.push_str(unit.ucum.get(last..)?);
        self.parse_ucum(&text).ok()
    }

    /// Re-reads a unit for an enzyme: `IU/L` there means the enzyme unit `U/L` (1 IU = 1 µmol/min).
    pub(crate) fn international_as_enzyme_unit(&self, unit: &Unit) -> Option<Unit> {
        if unit.dimension.international_units == 0 {
            return None;
        }
        let text = unit.ucum.replace("[IU]", "U").replace("[iU]", "U");
        self.parse_ucum(&text).ok()
    }
}

fn same_scale(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best(text: &str) -> Option<String> {
        UnitParser::new().read(text).ok().map(|r| r.best().ucum().to_owned())
    }

    #[test]
    fn vendor_spellings_from_real_feeds() {
        let cases = [
            ("mg/dl", "mg/dL"),
            ("MG/DL", "mg/dL"),
            ("K/uL", "10*3/uL"),
            ("x10^9/L", "10*9/L"),
            ("10*3/uL", "10*3/uL"),
            ("x10E3/uL", "10*3/uL"),
            ("µmol/L", "umol/L"),
            ("umol/L", "umol/L"),
            ("mIU/L", "m[IU]/L"),
            ("uIU/mL", "u[IU]/mL"),
            ("µIU/mL", "u[IU]/mL"),
            ("g/dL", "g/dL"),
            ("g/L", "g/L"),
            ("%", "%"),
            ("fL", "fL"),
            ("fl", "fL"),
            ("FL", "fL"),
            ("pg", "pg"),
            ("U/L", "U/L"),
            ("IU/L", "[IU]/L"),
            ("mEq/L", "meq/L"),
            ("MEQ/L", "meq/L"),
            ("L/L", "L/L"),
            ("M/uL", "10*6/uL"),
            ("X10(12)/L", "10*12/L"),
            ("THOU/CU MM", "10*3/mm3"),
            ("mL/min/1.73m²", "mL/min/{1.73_m2}"),
        ];
        for (input, expected) in cases {
            assert_eq!(best(input).as_deref(), Some(expected), "{input}");
        }
    }

    #[test]
    fn ambiguous_g_per_l_keeps_both_readings() {
        let reading = UnitParser::new().read("G/L").ok();
        let kinds: Vec<_> = reading.iter().flat_map(|r| r.candidates().map(Unit::kind)).collect();
        assert_eq!(kinds, vec![Some(QuantityKind::MassConcentration), Some(QuantityKind::NumberConcentration)]);
    }

    #[test]
    fn count_units_in_any_case_and_exponent_spelling() {
        for text in ["G/l", "T/l", "G.l-1", "G/L"] {
            let reading = UnitParser::new().read(text).ok();
            let kinds: Vec<_> = reading.iter().flat_map(|r| r.candidates().map(Unit::kind)).collect();
            assert!(kinds.contains(&Some(QuantityKind::NumberConcentration)), "{text}: {kinds:?}");
        }
    }

    #[test]
    fn unknown_and_empty() {
        let parser = UnitParser::new();
        assert_eq!(parser.read("  ").err(), Some(UnitError::Empty));
        assert_eq!(parser.read("bananas").err(), Some(UnitError::Unknown));
        assert_eq!(parser.read(&"m".repeat(10_000)).err(), Some(UnitError::Unknown));
    }

    #[test]
    fn reinterpretations() {
        let parser = UnitParser::new();
        let mu = parser.parse_ucum("mU/L").ok();
        let iu = mu.as_ref().and_then(|u| parser.enzyme_unit_as_international(u));
        assert_eq!(iu.as_ref().map(Unit::ucum), Some("m[IU]/L"));
        let back = iu.as_ref().and_then(|u| parser.international_as_enzyme_unit(u));
        assert_eq!(back.as_ref().map(Unit::ucum), Some("mU/L"));
    }
}
