//! Conversions between units, typed with `uom` where they cross quantity kinds.
//!
//! Within one kind a conversion is a ratio of scales. Across kinds (mass ↔ substance concentration through a
//! molar mass, equivalents ↔ moles through a valence), the arithmetic is done on `uom` quantities so that
//! dividing a mass concentration by anything but a molar mass cannot compile.

use uom::si::f64::{AmountOfSubstance, Mass, MassConcentration, MolarConcentration, MolarMass};
use uom::si::{
    amount_of_substance::mole, mass::gram, mass_concentration::gram_per_cubic_meter,
    molar_concentration::mole_per_cubic_meter, molar_mass::gram_per_mole,
};

use super::{QuantityKind, Unit};

/// What an analyte allows to bridge quantity kinds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Bridges {
    /// Molar mass in g/mol: bridges mass and substance (concentrations, and per-entity mass/amount).
    pub molar_mass: Option<f64>,
    /// Charge number of the ion: bridges equivalents and moles.
    pub valence: Option<u8>,
}

/// Why a conversion was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConversionError {
    /// One of the units expresses no quantity kind labcore knows.
    #[error("unit expresses no known quantity kind")]
    UnknownKind,
    /// The kinds differ and the analyte offers no justified bridge between them.
    #[error("no justified conversion between {from} and {to}", from = .0.as_str(), to = .1.as_str())]
    NoBridge(QuantityKind, QuantityKind),
}

/// A value expressed in the coherent base units (g, m, s, mol, eq), typed by kind where a bridge needs it.
enum Measure {
    Mass(MassConcentration),
    Substance(MolarConcentration),
    /// Moles of unit charge per cubic metre.
    Equivalents(MolarConcentration),
    EntityMass(Mass),
    EntityAmount(AmountOfSubstance),
}

/// Converts `value` from one unit to another, crossing kinds only through the analyte's bridges.
///
/// ```
/// use labcore::units::{convert, Bridges, UnitParser};
/// let parser = UnitParser::new();
/// let (mg_dl, mmol_l) = (parser.parse_ucum("mg/dL").unwrap(), parser.parse_ucum("mmol/L").unwrap());
/// let glucose = Bridges { molar_mass: Some(180.156), valence: None };
/// let mmol = convert(100.0, &mg_dl, &mmol_l, glucose).unwrap();
/// assert!((mmol - 5.5507).abs() < 1e-4);
/// ```
pub fn convert(value: f64, from: &Unit, to: &Unit, bridges: Bridges) -> Result<f64, ConversionError> {
    let (Some(from_kind), Some(to_kind)) = (from.kind(), to.kind()) else {
        return Err(ConversionError::UnknownKind);
    };
    if from.dimension() == to.dimension() {
        // The ratio of scales first: exact (1.0) for the same unit, and one rounding instead of two otherwise.
        return Ok(value * (from.scale() / to.scale()));
    }
    let base = value * from.scale();
    let measure = Measure::new(from_kind, base).ok_or(ConversionError::NoBridge(from_kind, to_kind))?;
    let bridged = measure.bridge(to_kind, bridges).ok_or(ConversionError::NoBridge(from_kind, to_kind))?;
    Ok(bridged / to.scale())
}

/// [`convert`], rounded to 12 significant digits when a conversion happened (float noise off), exact when the
/// units are the same.
pub(crate) fn convert_clean(value: f64, from: &Unit, to: &Unit, bridges: Bridges) -> Result<f64, ConversionError> {
    if std::ptr::eq(from, to) || (from.dimension() == to.dimension() && from.scale() == to.scale()) {
        return Ok(value);
    }
    convert(value, from, to, bridges).map(crate::normalize::tidy)
}

impl Measure {
    fn new(kind: QuantityKind, base: f64) -> Option<Measure> {
        Some(match kind {
            QuantityKind::MassConcentration => Measure::Mass(MassConcentration::new::<gram_per_cubic_meter>(base)),
            QuantityKind::SubstanceConcentration => {
                Measure::Substance(MolarConcentration::new::<mole_per_cubic_meter>(base))
            }
            QuantityKind::EquivalentConcentration => {
                Measure::Equivalents(MolarConcentration::new::<mole_per_cubic_meter>(base))
            }
            QuantityKind::EntiticMass => Measure::EntityMass(Mass::new::<gram>(base)),
            QuantityKind::EntiticAmount => Measure::EntityAmount(AmountOfSubstance::new::<mole>(base)),
            _ => return None,
        })
    }

    /// The value in the target kind's base unit, when the bridges justify it.
    fn bridge(self, to: QuantityKind, bridges: Bridges) -> Option<f64> {
        let molar_mass =
            || bridges.molar_mass.filter(|m| m.is_finite() && *m > 0.0).map(MolarMass::new::<gram_per_mole>);
        let valence = || bridges.valence.filter(|v| *v > 0).map(f64::from);
        // Each arm is dimension-checked by uom: `into()` only compiles when the result of the arithmetic has
        // the dimension of the declared quantity.
        match (self, to) {
            (Measure::Mass(c), QuantityKind::SubstanceConcentration) => {
                let ions: MolarConcentration = (c / molar_mass()?).into();
                Some(per_volume(ions))
            }
            (Measure::Mass(c), QuantityKind::EquivalentConcentration) => {
                let ions: MolarConcentration = (c / molar_mass()?).into();
                Some(per_volume(ions) * valence()?)
            }
            (Measure::Substance(c), QuantityKind::MassConcentration) => {
                let mass: MassConcentration = (c * molar_mass()?).into();
                Some(mass_per_volume(mass))
            }
            (Measure::Substance(c), QuantityKind::EquivalentConcentration) => Some(per_volume(c) * valence()?),
            (Measure::Equivalents(e), QuantityKind::SubstanceConcentration) => Some(per_volume(e) / valence()?),
            (Measure::Equivalents(e), QuantityKind::MassConcentration) => {
                let ions = e / valence()?;
                let mass: MassConcentration = (ions * molar_mass()?).into();
                Some(mass_per_volume(mass))
            }
            (Measure::EntityMass(m), QuantityKind::EntiticAmount) => {
                let amount: AmountOfSubstance = m / molar_mass()?;
                Some(amount.get::<mole>())
            }
            (Measure::EntityAmount(n), QuantityKind::EntiticMass) => {
                let mass: Mass = n * molar_mass()?;
                Some(mass.get::<gram>())
            }
            _ => None,
        }
    }
}

fn per_volume(c: MolarConcentration) -> f64 {
    c.get::<mole_per_cubic_meter>()
}

fn mass_per_volume(c: MassConcentration) -> f64 {
    c.get::<gram_per_cubic_meter>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::units::UnitParser;

    fn unit(text: &str) -> Unit {
        UnitParser::new().parse_ucum(text).unwrap_or_else(|_| panic!("{text}"))
    }

    fn conv(value: f64, from: &str, to: &str, bridges: Bridges) -> Result<f64, ConversionError> {
        convert(value, &unit(from), &unit(to), bridges)
    }

    #[test]
    fn same_kind() {
        assert_eq!(conv(14.0, "g/dL", "g/L", Bridges::default()).map(|v| (v * 1e9).round() / 1e9), Ok(140.0));
        assert_eq!(conv(7.5, "10*3/uL", "10*9/L", Bridges::default()).map(|v| (v * 1e9).round() / 1e9), Ok(7.5));
        assert_eq!(conv(0.405, "L/L", "%", Bridges::default()).map(|v| (v * 1e9).round() / 1e9), Ok(40.5));
    }

    #[test]
    fn bridges_need_facts() {
        let none = Bridges::default();
        assert_eq!(
            conv(1.0, "mg/dL", "mmol/L", none),
            Err(ConversionError::NoBridge(QuantityKind::MassConcentration, QuantityKind::SubstanceConcentration))
        );
        let calcium = Bridges { molar_mass: Some(40.078), valence: Some(2) };
        let meq = conv(10.0, "mg/dL", "meq/L", calcium).unwrap_or_default();
        assert!((meq - 4.990).abs() < 1e-3, "{meq}");
        let mmol = conv(4.990_269_973, "meq/L", "mmol/L", calcium).unwrap_or_default();
        assert!((mmol - 2.495).abs() < 1e-3, "{mmol}");
        assert!(conv(1.0, "mg/dL", "%", calcium).is_err());
    }
}
