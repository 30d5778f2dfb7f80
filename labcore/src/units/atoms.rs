//! UCUM prefixes and the unit atoms labcore needs, with their dimensions and scales.
//!
//! Source: The Unified Code for Units of Measure (UCUM), Regenstrief Institute, version 2.2,
//! §§ 2.4 prefixes (table 1), base units (table 2), and the SI / clinical unit tables (tables 3–5).
//! Scales are to the coherent base used here: gram, metre, second, mole, equivalent, international unit.

use super::dimension::Dimension;

/// A unit atom: its case-sensitive UCUM symbol, dimension and scale to the base units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Atom {
    pub(crate) symbol: &'static str,
    pub(crate) dimension: Dimension,
    pub(crate) scale: f64,
    /// Whether SI prefixes may be attached (UCUM "metric" atoms).
    pub(crate) metric: bool,
}

const fn atom(symbol: &'static str, dimension: Dimension, scale: f64, metric: bool) -> Atom {
    Atom { symbol, dimension, scale, metric }
}

/// UCUM atoms (case-sensitive symbols). `U` is the enzyme unit, 1 µmol/min (UCUM table 5).
pub(crate) const ATOMS: &[Atom] = &[
    atom("g", Dimension::MASS, 1.0, true),
    atom("L", Dimension::VOLUME, 1e-3, true),
    atom("l", Dimension::VOLUME, 1e-3, true),
    atom("m", Dimension::LENGTH, 1.0, true),
    atom("mol", Dimension::AMOUNT, 1.0, true),
    atom("eq", Dimension::EQUIVALENTS, 1.0, true),
    atom("kat", Dimension::CATALYTIC, 1.0, true),
    atom("U", Dimension::CATALYTIC, 1e-6 / 60.0, true),
    atom("[IU]", Dimension::INTERNATIONAL_UNITS, 1.0, true),
    atom("[iU]", Dimension::INTERNATIONAL_UNITS, 1.0, true),
    atom("s", Dimension::TIME, 1.0, true),
    atom("min", Dimension::TIME, 60.0, false),
    atom("h", Dimension::TIME, 3600.0, false),
    atom("d", Dimension::TIME, 86_400.0, false),
    atom("%", Dimension::NONE, 0.01, false),
];

/// The same atoms in UCUM's case-insensitive form (UCUM §2.1 "c/i" column), used for feeds that upper-case
/// everything (`MG/DL`, `MMOL/L`). Maps to the case-sensitive symbol.
pub(crate) const ATOMS_CASE_INSENSITIVE: &[(&str, &str)] = &[
    ("g", "g"),
    ("l", "L"),
    ("m", "m"),
    ("mol", "mol"),
    ("eq", "eq"),
    ("kat", "kat"),
    ("u", "U"),
    ("[iu]", "[IU]"),
    ("iu", "[IU]"),
    ("s", "s"),
    ("min", "min"),
    ("h", "h"),
    ("d", "d"),
    ("%", "%"),
];

/// SI prefixes (UCUM table 1), case-sensitive symbols. Mega and above are left out on purpose: no lab unit
/// uses them, and `M/uL` (millions per microlitre) must not read as a prefix.
pub(crate) const PREFIXES: &[(&str, f64)] = &[
    ("k", 1e3),
    ("h", 1e2),
    ("da", 1e1),
    ("d", 1e-1),
    ("c", 1e-2),
    ("m", 1e-3),
    ("u", 1e-6),
    ("n", 1e-9),
    ("p", 1e-12),
    ("f", 1e-15),
    ("a", 1e-18),
];

/// Finds an atom by its case-sensitive symbol.
pub(crate) fn find_atom(symbol: &str) -> Option<&'static Atom> {
    ATOMS.iter().find(|a| a.symbol == symbol)
}
