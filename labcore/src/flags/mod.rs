//! Interpretation: reference ranges (from the payload, a lab's catalog or labcore's defaults), critical limits,
//! and the flag a result gets.

mod classify;
mod evaluate;
mod flag;
mod range_check;
mod vendor_range;

pub use flag::{Flag, INTERPRETATION_SYSTEM, VendorFlag, read_vendor_flag};
pub use vendor_range::{Bound, NumericRange, VendorRangeReading, read_vendor_range};

pub(crate) use evaluate::{Judge, Reading, evaluate};

use crate::catalog::name_key;

/// Flags a text result against a qualitative expected result ("Negative"): `N` when it says the same,
/// `A` when it does not; `None` when the range is not qualitative.
///
/// ```
/// use labcore::flags::{qualitative_flag, Flag};
/// assert_eq!(qualitative_flag("NEG", "Negative"), Some(Flag::Normal));
/// assert_eq!(qualitative_flag("Positive", "Negative"), Some(Flag::Abnormal));
/// assert_eq!(qualitative_flag("Positive", "4.0-11.0"), None);
/// assert_eq!(qualitative_flag("see comment", "Negative"), None);
/// ```
pub fn qualitative_flag(value: &str, range: &str) -> Option<Flag> {
    let VendorRangeReading::Qualitative(expected) = read_vendor_range(range)? else { return None };
    let (value, expected) = (name_key(value), name_key(&expected));
    let (value, expected) = (canonical_word(&value), canonical_word(&expected));
    if value == expected {
        Some(Flag::Normal)
    } else if QUALITATIVE_RESULTS.contains(&value) {
        Some(Flag::Abnormal)
    } else {
        // Free text ("see comment", "hemolyzed") is not a result that can differ from the expected one.
        None
    }
}

/// The canonical words that are results in their own right: presence, and the semi-quantitative grades labs
/// print for indices and microscopy (none seen / trace / small / moderate / large, rare / few / many).
const QUALITATIVE_RESULTS: &[&str] = &[
    "negative",
    "positive",
    "normal",
    "abnormal",
    "trace",
    "small",
    "moderate",
    "large",
    "slight",
    "marked",
    "rare",
    "few",
    "many",
    "occasional",
];

/// Folds synonyms of the usual qualitative results into one word.
fn canonical_word(key: &str) -> &str {
    match key {
        "neg" | "negative" | "nonreactive" | "notdetected" | "nonedetected" | "noneseen" | "absent" | "none" => {
            "negative"
        }
        "pos" | "positive" | "reactive" | "detected" | "present" => "positive",
        "normal" | "nl" | "wnl" => "normal",
        "abnormal" | "abn" => "abnormal",
        other => other,
    }
}
