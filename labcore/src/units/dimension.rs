//! Dimension vectors of units, and the quantity kinds they express.

use serde::{Deserialize, Serialize};

/// Exponents of the base quantities a lab unit is made of.
#[derive(Debug, Clone, Copy, Eq, Default)]
pub(crate) struct Dimension {
    pub(crate) mass: i8,
    pub(crate) length: i8,
    pub(crate) time: i8,
    pub(crate) amount: i8,
    /// Equivalents (moles of charge), bridged to moles through an ion's valence.
    pub(crate) equivalents: i8,
    /// WHO international units: arbitrary, never convertible to moles or grams.
    pub(crate) international_units: i8,
}

impl PartialEq for Dimension {
    /// All six exponents at once: every conversion compares dimensions, several times per result.
    fn eq(&self, other: &Dimension) -> bool {
        self.packed() == other.packed()
    }
}

impl std::hash::Hash for Dimension {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.packed().hash(state);
    }
}

impl Dimension {
    /// The six exponents as the bytes of one integer.
    fn packed(self) -> u64 {
        let e = [self.mass, self.length, self.time, self.amount, self.equivalents, self.international_units];
        let [a, b, c, d, f, g] = e.map(i8::cast_unsigned);
        u64::from_le_bytes([a, b, c, d, f, g, 0, 0])
    }

    pub(crate) const NONE: Dimension = Dimension::new([0, 0, 0, 0, 0, 0]);
    pub(crate) const MASS: Dimension = Dimension::new([1, 0, 0, 0, 0, 0]);
    pub(crate) const LENGTH: Dimension = Dimension::new([0, 1, 0, 0, 0, 0]);
    pub(crate) const VOLUME: Dimension = Dimension::new([0, 3, 0, 0, 0, 0]);
    pub(crate) const TIME: Dimension = Dimension::new([0, 0, 1, 0, 0, 0]);
    pub(crate) const AMOUNT: Dimension = Dimension::new([0, 0, 0, 1, 0, 0]);
    pub(crate) const EQUIVALENTS: Dimension = Dimension::new([0, 0, 0, 0, 1, 0]);
    pub(crate) const CATALYTIC: Dimension = Dimension::new([0, 0, -1, 1, 0, 0]);
    pub(crate) const INTERNATIONAL_UNITS: Dimension = Dimension::new([0, 0, 0, 0, 0, 1]);

    const fn new(e: [i8; 6]) -> Dimension {
        Dimension { mass: e[0], length: e[1], time: e[2], amount: e[3], equivalents: e[4], international_units: e[5] }
    }

    /// `self · other^power`, saturating (a hostile `m127.m127` cannot overflow).
    pub(crate) fn combine(self, other: Dimension, power: i8) -> Dimension {
        let f = |a: i8, b: i8| a.saturating_add(b.saturating_mul(power));
        Dimension {
            mass: f(self.mass, other.mass),
            length: f(self.length, other.length),
            time: f(self.time, other.time),
            amount: f(self.amount, other.amount),
            equivalents: f(self.equivalents, other.equivalents),
            international_units: f(self.international_units, other.international_units),
        }
    }

    /// The quantity kind this dimension expresses, if it is one lab results use.
    pub(crate) fn kind(self) -> Option<QuantityKind> {
        let per_volume = |d: Dimension| d.combine(Dimension::VOLUME, -1);
        let kinds = [
            (per_volume(Dimension::MASS), QuantityKind::MassConcentration),
            (per_volume(Dimension::AMOUNT), QuantityKind::SubstanceConcentration),
            (per_volume(Dimension::EQUIVALENTS), QuantityKind::EquivalentConcentration),
            (per_volume(Dimension::NONE), QuantityKind::NumberConcentration),
            (Dimension::NONE, QuantityKind::Fraction),
            (Dimension::VOLUME, QuantityKind::EntiticVolume),
            (Dimension::MASS, QuantityKind::EntiticMass),
            (Dimension::AMOUNT, QuantityKind::EntiticAmount),
            (per_volume(Dimension::CATALYTIC), QuantityKind::CatalyticConcentration),
            (per_volume(Dimension::INTERNATIONAL_UNITS), QuantityKind::ArbitraryConcentration),
            (Dimension::VOLUME.combine(Dimension::TIME, -1), QuantityKind::VolumeRate),
        ];
        kinds.into_iter().find_map(|(d, kind)| (d == self).then_some(kind))
    }
}

/// The kind of quantity a unit expresses. The catalog's finer kinds (number fraction, volume fraction, ratio)
/// share the dimensionless [`Fraction`](QuantityKind::Fraction).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum QuantityKind {
    /// Mass per volume (mg/dL, g/L).
    MassConcentration,
    /// Amount of substance per volume (mmol/L).
    SubstanceConcentration,
    /// Equivalents per volume (meq/L), bridged to substance concentration by valence.
    EquivalentConcentration,
    /// Count per volume (10*3/uL, 10*9/L).
    NumberConcentration,
    /// Dimensionless: percentages, fractions, ratios.
    Fraction,
    /// Volume of one entity (fL).
    EntiticVolume,
    /// Mass of one entity (pg).
    EntiticMass,
    /// Amount of substance in one entity (fmol).
    EntiticAmount,
    /// Catalytic activity per volume (U/L, ukat/L).
    CatalyticConcentration,
    /// International units per volume (`m[IU]/L`).
    ArbitraryConcentration,
    /// Volume per time, as eGFR (mL/min/{1.73_m2}).
    VolumeRate,
}

impl QuantityKind {
    /// The snake_case name used in the catalog and in messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            QuantityKind::MassConcentration => "mass_concentration",
            QuantityKind::SubstanceConcentration => "substance_concentration",
            QuantityKind::EquivalentConcentration => "equivalent_concentration",
            QuantityKind::NumberConcentration => "number_concentration",
            QuantityKind::Fraction => "fraction",
            QuantityKind::EntiticVolume => "entitic_volume",
            QuantityKind::EntiticMass => "entitic_mass",
            QuantityKind::EntiticAmount => "entitic_amount",
            QuantityKind::CatalyticConcentration => "catalytic_concentration",
            QuantityKind::ArbitraryConcentration => "arbitrary_concentration",
            QuantityKind::VolumeRate => "volume_rate",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concentration_kinds() {
        let per_litre = |d: Dimension| d.combine(Dimension::VOLUME, -1);
        assert_eq!(per_litre(Dimension::MASS).kind(), Some(QuantityKind::MassConcentration));
        assert_eq!(per_litre(Dimension::AMOUNT).kind(), Some(QuantityKind::SubstanceConcentration));
        assert_eq!(per_litre(Dimension::NONE).kind(), Some(QuantityKind::NumberConcentration));
        assert_eq!(per_litre(Dimension::CATALYTIC).kind(), Some(QuantityKind::CatalyticConcentration));
        assert_eq!(Dimension::NONE.kind(), Some(QuantityKind::Fraction));
        assert_eq!(Dimension::VOLUME.kind(), Some(QuantityKind::EntiticVolume));
        assert_eq!(Dimension::TIME.kind(), None);
    }
}
