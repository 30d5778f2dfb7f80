//! A sender's range whose bounds carry their own units (a FHIR `referenceRange` with `low` in mmol/L and
//! `high` in g/L): each bound is converted on its own to the unit the result was sent in, with the analyte's
//! sourced conversions, before the range is compared with anything. A bound whose unit cannot be read, cannot
//! express the analyte or has no conversion makes the range unusable: it is refused with a finding, never read
//! as if it were in the other bound's (or the value's) unit.

use std::borrow::Cow;

use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::payload::VendorRange;
use crate::units::{Unit, convert};
use crate::value::{ReportedValue, read_json_number};
use crate::{FindingCode, JsonPointer};

/// The range with every bound in `unit`; `None` (with a finding) when a bound cannot be converted.
pub(crate) fn align<'v>(
    vendor: Option<&'v VendorRange>,
    analyte: &Analyte,
    unit: &Unit,
    catalog: &Catalog,
    path: JsonPointer,
    findings: &mut Findings,
) -> Option<Cow<'v, VendorRange>> {
    let vendor = vendor?;
    let Some(units) = vendor.units.as_deref() else { return Some(Cow::Borrowed(vendor)) };
    let convert_bound = |bound: &Option<ReportedValue>, from: Option<&str>| -> Result<Option<ReportedValue>, ()> {
        match (bound, from) {
            (Some(ReportedValue::Number { comparator: None, number, .. }), Some(from)) => {
                let reading = catalog.read_unit(from).map_err(|_| ())?;
                let from = reading.candidates().find(|u| u.kind().is_some_and(|k| analyte.accepts(k))).ok_or(())?;
                let value = convert(number.value(), from, unit, analyte.bridges()).map_err(|_| ())?;
                let value = super::tidy(value);
                if !value.is_finite() {
                    return Err(());
                }
                match read_json_number(&value.to_string()) {
                    number @ ReportedValue::Number { .. } => Ok(Some(number)),
                    ReportedValue::Text { .. } => Err(()),
                }
            }
            // A bound in the result's unit, or one that is not a plain number (the flagging step refuses it).
            (bound, _) => Ok(bound.clone()),
        }
    };
    let low = convert_bound(&vendor.low, units.low.as_deref());
    let high = convert_bound(&vendor.high, units.high.as_deref());
    match (low, high) {
        (Ok(low), Ok(high)) => {
            Some(Cow::Owned(VendorRange { text: vendor.text.clone(), low, high, ..VendorRange::default() }))
        }
        _ => {
            let message = "a bound of the reference range sent is in a unit that cannot be converted to the result's: the range was not used; the catalog's range was, if there is one";
            findings.push(FindingCode::RangeUnparseable, path.key("reference_range"), message);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aligned(low_unit: &str, high_unit: &str) -> (Option<(f64, f64)>, usize) {
        let catalog = Catalog::builtin().unwrap();
        let potassium = catalog.analytes().iter().find(|a| a.id() == "potassium").unwrap();
        let unit = catalog.read_unit("mmol/L").unwrap().best().clone();
        let units = crate::BoundUnits { low: Some(low_unit.into()), high: Some(high_unit.into()) };
        let vendor = VendorRange {
            low: Some(read_json_number("3.5")),
            high: Some(read_json_number("0.2")),
            units: Some(Box::new(units)),
            ..VendorRange::default()
        };
        let mut findings = Findings::default();
        let range = align(Some(&vendor), potassium, &unit, &catalog, JsonPointer::root(), &mut findings);
        let number = |v: &Option<ReportedValue>| match v {
            Some(ReportedValue::Number { number, .. }) => number.value(),
            _ => f64::NAN,
        };
        (range.map(|r| (number(&r.low), number(&r.high))), findings.len())
    }

    #[test]
    fn each_bound_is_converted_on_its_own() {
        let (range, findings) = aligned("mmol/L", "g/L");
        let (low, high) = range.unwrap();
        assert_eq!((low, findings), (3.5, 0));
        assert!((high - 5.1154).abs() < 1e-3, "{high}"); // 0.2 g/L / 39.098 g/mol
        assert_eq!(aligned("mmol/L", "mL"), (None, 1));
        assert_eq!(aligned("furlong", "mmol/L"), (None, 1));
    }
}
