//! Abnormal flags: HL7 v2 table 0078 codes and the matching FHIR ObservationInterpretation codes.

use serde::{Serialize, Serializer};
use std::fmt;

/// An interpretation flag. The codes are those of HL7 v2 table 0078 and, identically, of the FHIR R4 value set
/// ObservationInterpretation (code system `http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation`).
///
/// Flags are ordered from lowest to highest: `LL < L < N < H < HH`; `A` (abnormal, for non-numeric results)
/// stands apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Flag {
    /// Critically low (below the critical limit).
    CriticalLow,
    /// Below the reference range.
    Low,
    /// Within the reference range.
    Normal,
    /// Above the reference range.
    High,
    /// Critically high (above the critical limit).
    CriticalHigh,
    /// Abnormal (a non-numeric result that differs from the expected one).
    Abnormal,
}

/// The FHIR code system of [`Flag`] codes.
pub const INTERPRETATION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

impl Flag {
    /// The HL7 v2 table 0078 / FHIR ObservationInterpretation code.
    pub const fn code(self) -> &'static str {
        match self {
            Flag::CriticalLow => "LL",
            Flag::Low => "L",
            Flag::Normal => "N",
            Flag::High => "H",
            Flag::CriticalHigh => "HH",
            Flag::Abnormal => "A",
        }
    }

    /// The display name in the FHIR code system.
    pub const fn display(self) -> &'static str {
        match self {
            Flag::CriticalLow => "Critical low",
            Flag::Low => "Low",
            Flag::Normal => "Normal",
            Flag::High => "High",
            Flag::CriticalHigh => "Critical high",
            Flag::Abnormal => "Abnormal",
        }
    }

    /// Position on the numeric scale (`LL` = -2 … `HH` = 2); `None` for `A`.
    pub const fn rank(self) -> Option<i8> {
        match self {
            Flag::CriticalLow => Some(-2),
            Flag::Low => Some(-1),
            Flag::Normal => Some(0),
            Flag::High => Some(1),
            Flag::CriticalHigh => Some(2),
            Flag::Abnormal => None,
        }
    }

    /// Whether a person must be told now.
    pub const fn is_critical(self) -> bool {
        matches!(self, Flag::CriticalLow | Flag::CriticalHigh)
    }

    /// Reads a flag code.
    pub fn from_code(code: &str) -> Option<Flag> {
        Some(match code {
            "LL" => Flag::CriticalLow,
            "L" => Flag::Low,
            "N" => Flag::Normal,
            "H" => Flag::High,
            "HH" => Flag::CriticalHigh,
            "A" => Flag::Abnormal,
            _ => return None,
        })
    }
}

impl fmt::Display for Flag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Flag {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

/// A vendor's flag, as far as it can be read: direction and criticality.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VendorFlag {
    /// -1 low, 0 normal, 1 high; `None` when the flag gives no direction (`A`, `AA`, `*`).
    pub direction: Option<i8>,
    /// The vendor marked the result critical (`LL`, `HH`, `AA`, `C`, `!`).
    pub critical: bool,
    /// The vendor marked the result abnormal at all.
    pub abnormal: bool,
}

/// Reads the flags vendors send (HL7 0078 codes and their spelled-out or decorated forms); `None` when unknown.
///
/// ```
/// use labcore::flags::read_vendor_flag;
/// assert_eq!(read_vendor_flag("High").map(|f| f.direction), Some(Some(1)));
/// assert!(read_vendor_flag("HH").is_some_and(|f| f.critical));
/// assert!(read_vendor_flag("*").is_some_and(|f| f.abnormal && f.direction.is_none()));
/// ```
pub fn read_vendor_flag(text: &str) -> Option<VendorFlag> {
    // The known flags are short ASCII words: the key (spaces dropped, upper case) is built on the stack.
    let mut buffer = [0u8; 16];
    let mut len = 0;
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        let slot = buffer.get_mut(len).filter(|_| c.is_ascii())?;
        *slot = u8::try_from(c).ok()?.to_ascii_uppercase();
        len += 1;
    }
    let key = std::str::from_utf8(buffer.get(..len)?).ok()?;
    let flag = |direction, critical, abnormal| Some(VendorFlag { direction, critical, abnormal });
    match key {
        "N" | "NORMAL" | "NL" | "WNL" | "NEG" => flag(Some(0), false, false),
        "L" | "LOW" | "LO" | "-" | "<" | "BELOW" => flag(Some(-1), false, true),
        "H" | "HIGH" | "HI" | "+" | ">" | "ABOVE" => flag(Some(1), false, true),
        "LL" | "CL" | "L!" | "!L" | "*L" | "L*" | "PL" | "CRITLOW" | "CRITICALLOW" | "PANICLOW" | "LOWCRITICAL" => {
            flag(Some(-1), true, true)
        }
        "HH" | "CH" | "H!" | "!H" | "*H" | "H*" | "PH" | "CRITHIGH" | "CRITICALHIGH" | "PANICHIGH" | "HIGHCRITICAL" => {
            flag(Some(1), true, true)
        }
        "A" | "AB" | "ABN" | "ABNORMAL" | "*" => flag(None, false, true),
        "AA" | "C" | "CRIT" | "CRITICAL" | "PANIC" | "!" => flag(None, true, true),
        _ => None,
    }
}

impl VendorFlag {
    /// Whether labcore's flag says the same: same direction where both give one, same criticality, and
    /// abnormal exactly when the vendor says so.
    pub fn agrees_with(self, ours: Flag) -> bool {
        let our_abnormal = ours != Flag::Normal;
        if self.abnormal != our_abnormal || self.critical != ours.is_critical() {
            return false;
        }
        match (self.direction, ours.rank()) {
            (Some(vendor), Some(rank)) => vendor == rank.signum(),
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_order() {
        for flag in [Flag::CriticalLow, Flag::Low, Flag::Normal, Flag::High, Flag::CriticalHigh, Flag::Abnormal] {
            assert_eq!(Flag::from_code(flag.code()), Some(flag));
        }
        assert!(Flag::CriticalLow.rank() < Flag::Low.rank());
    }

    #[test]
    fn agreement() {
        let high = read_vendor_flag("H").unwrap_or(VendorFlag { direction: None, critical: false, abnormal: false });
        assert!(high.agrees_with(Flag::High));
        assert!(!high.agrees_with(Flag::CriticalHigh));
        assert!(!high.agrees_with(Flag::Low));
        assert!(read_vendor_flag("A").is_some_and(|a| a.agrees_with(Flag::Low)));
        assert!(read_vendor_flag("n").is_some_and(|n| n.agrees_with(Flag::Normal)));
        assert!(read_vendor_flag("wat").is_none());
    }
}
