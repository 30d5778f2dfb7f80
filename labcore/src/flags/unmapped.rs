//! Flagging a numeric result labcore has no knowledge of (blood lead, ESR, a viral load) against the range its
//! sender gives: comparing a number with the sender's own limits needs no clinical knowledge. The result stays
//! `unmapped`; there are no critical limits, no plausibility check and no conversion (the range must be in the
//! value's unit, or state none).

use std::borrow::Cow;

use super::Flag;
use super::classify::{Scale, Values, classify};
use super::vendor_range::{Bound, NumericRange, VendorRangeReading, read_vendor_range};
use crate::finding::Findings;
use crate::payload::VendorRange;
use crate::report::{AppliedRange, RangeOrigin};
use crate::value::{Comparator, ReportedValue};
use crate::{FindingCode, JsonPointer};

/// An unmapped numeric result: its value, comparator and unit as read.
pub(crate) struct Unmapped<'a, 'c> {
    pub(crate) value: f64,
    pub(crate) comparator: Option<Comparator>,
    pub(crate) unit: Option<&'a Cow<'c, str>>,
    pub(crate) path: JsonPointer,
}

/// The flag against the sender's range and the range as applied; `None` (with a finding when the range cannot be
/// used) when there is none to compare with.
pub(crate) fn flag_unmapped<'c>(
    result: &Unmapped<'_, 'c>,
    vendor: &VendorRange,
    findings: &mut Findings,
) -> Option<(Flag, AppliedRange<'c>)> {
    let at = result.path.key("reference_range");
    let Some(range) = numeric(vendor) else {
        let message = "the reference range sent cannot be read as a numeric range; the result is not flagged";
        findings.push(FindingCode::RangeUnparseable, at, message);
        return None;
    };
    if let Some(range_unit) = range.unit.as_deref()
        && !result.unit.is_some_and(|u| u.trim().eq_ignore_ascii_case(range_unit.trim()))
    {
        let message = "the reference range is in another unit than the value, and labcore cannot convert for an \
                       analyte it does not know; the result is not flagged";
        findings.push(FindingCode::RangeUnparseable, at, message);
        return None;
    }
    let scale =
        Scale { low: range.low, high: range.high, critical_low: None, critical_high: None, critical_inclusive: false };
    let flag = match classify(&values(result), &scale) {
        Ok(flag) => flag,
        Err(_) => {
            let message = "the value is a bound that spans a limit; it cannot be flagged";
            findings.push(FindingCode::FlagIndeterminate, result.path.key("value"), message);
            return None;
        }
    };
    let applied = AppliedRange {
        low: range.low.map(|b| b.value),
        low_inclusive: range.low.is_some_and(|b| b.inclusive),
        high: range.high.map(|b| b.value),
        high_inclusive: range.high.is_some_and(|b| b.inclusive),
        unit: result.unit.cloned().unwrap_or(Cow::Borrowed("")),
        text: vendor.text.clone(),
        origin: RangeOrigin::Payload,
        source: None,
        sex: None,
        age: None,
    };
    Some((flag, applied))
}

/// The sender's range as numbers: its bounds sent apart (plain numbers), or its text; reversed bounds are none.
fn numeric(vendor: &VendorRange) -> Option<NumericRange> {
    if vendor.units.is_some() {
        return None; // bounds in units of their own: nothing to convert with
    }
    let bound = |v: &Option<ReportedValue>| match v {
        None => Some(None),
        Some(ReportedValue::Number { comparator: None, number, .. }) => {
            Some(Some(Bound { value: number.value(), inclusive: true }))
        }
        Some(_) => None,
    };
    let range = match (bound(&vendor.low)?, bound(&vendor.high)?) {
        (None, None) => match read_vendor_range(vendor.text.as_deref()?)? {
            VendorRangeReading::Numeric(range) => range,
            _ => return None,
        },
        (low, high) => NumericRange { low, high, unit: None },
    };
    let ordered = range.low.zip(range.high).is_none_or(|(l, h)| l.value <= h.value);
    (ordered && (range.low.is_some() || range.high.is_some())).then_some(range)
}

/// The values a result can be: a point, or for a bound everything on its side.
fn values(result: &Unmapped<'_, '_>) -> Values {
    let v = result.value;
    let (inf, sup) = (f64::NEG_INFINITY, f64::INFINITY);
    match result.comparator {
        None => Values::point(v),
        Some(Comparator::Less) => Values { lo: inf, lo_closed: true, hi: v, hi_closed: false },
        Some(Comparator::LessOrEqual) => Values { lo: inf, lo_closed: true, hi: v, hi_closed: true },
        Some(Comparator::Greater) => Values { lo: v, lo_closed: false, hi: sup, hi_closed: true },
        Some(Comparator::GreaterOrEqual) => Values { lo: v, lo_closed: true, hi: sup, hi_closed: true },
    }
}
