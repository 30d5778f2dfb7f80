//! Normalising one result: match the analyte, understand the unit, convert the value, check plausibility.

mod bounds;
mod checks;
mod conflict;
mod missing_unit;
mod quantity;
mod resolve;
mod suspect;

pub(crate) use checks::{check_duplicates, check_panel};
pub(crate) use quantity::tidy;

/// The analyte a name means, as a result's name is matched (the unit telling family members apart); `None` with
/// a finding at `path` when it means none or several.
pub(crate) fn resolve_name<'c>(
    catalog: &'c Catalog,
    name: &str,
    unit: Option<&UnitReading>,
    path: JsonPointer,
    findings: &mut Findings,
) -> Option<&'c Analyte> {
    resolve::resolve(catalog, Some(name), None, unit, path, findings).analyte
}

use std::borrow::Cow;

use crate::catalog::{Analyte, Catalog};
use crate::finding::Findings;
use crate::payload::ResultInput;
use crate::report::{Mapping, NormalizedResult, Original, OriginalRange, UnitSystem};
use crate::units::{UnitError, UnitReading};
use crate::{FindingCode, JsonPointer, ReportedValue};

/// What normalisation needs besides the result.
pub(crate) struct Setting<'c> {
    pub(crate) catalog: &'c Catalog,
    pub(crate) unit_system: UnitSystem,
    /// Whether the payload says the specimen is whole blood.
    pub(crate) blood: Option<bool>,
    /// The patient and the catalogs, for flags.
    pub(crate) judge: crate::flags::Judge<'c>,
    /// Whether the results are a patient's (not QC material or test data): only then are they flagged.
    pub(crate) patient: bool,
}

/// Normalises one result into `out` (built in place: a result is large), pushing its findings; returns the
/// analyte it was matched to.
pub(crate) fn normalize<'c>(
    input: &ResultInput,
    setting: &Setting<'c>,
    findings: &mut Findings,
    out: &mut Vec<NormalizedResult<'c>>,
) -> Option<&'c Analyte> {
    let path = JsonPointer::root().key("results").index(input.index);
    let code = resolve::read_code(input.loinc.as_deref(), path, findings);
    let (reading, unit_unknown) = read_unit(setting.catalog, input);
    let mut resolved =
        resolve::resolve(setting.catalog, input.analyte.as_deref(), code, reading.as_deref(), path, findings);
    let mut withheld = false;
    if let Some(alternates) = input.alternates.as_deref() {
        withheld = alternates.withheld;
        if conflict::codes(setting.catalog, resolved.analyte, code, &alternates.loinc, path, findings) {
            resolved = resolve::Resolved { analyte: None, mapping: Mapping::Unmapped };
        }
        withheld |= conflict::units(setting.catalog, reading.as_deref(), &alternates.units, path, findings);
    }
    if unit_unknown {
        unknown_unit(resolved.analyte.is_some(), path, findings);
    }
    out.push(blank(input, &resolved));
    let result = out.last_mut()?;
    // A result its sender withdrew (entered in error) is listed, so that a person sees what was withdrawn, but it
    // is no result: shown as sent, and not matched for duplicates, panels, derivations or delta checks.
    let retracted = input.status == Some(crate::ResultStatus::EnteredInError);
    if withheld || retracted {
        // The input contradicts itself about what the value means (a finding says how): it is shown as sent in
        // `original`, but not converted, flagged, or used by a derivation or a delta check.
        let analyte = resolved.analyte;
        // The sender's code is never replaced.
        result.loinc = code.or_else(|| {
            analyte.and_then(|a| a.loinc_for(a.kind().quantity_kind(), setting.blood, None)).map(|t| t.code)
        });
        return analyte.filter(|_| !retracted);
    }
    let sent = Sent { input, code, reading: reading.as_ref(), path };
    read_value(&sent, resolved.analyte, setting, result, findings);
    if result.mapping == Mapping::Unmapped {
        result.loinc = code;
    }
    checks::check_vendor_flag(input.flag.as_deref(), result, path, findings);
    resolved.analyte
}

/// What was read of a result before its value is normalised.
struct Sent<'s, 'c> {
    input: &'s ResultInput,
    code: Option<crate::LoincCode>,
    reading: Option<&'s Cow<'c, UnitReading>>,
    path: JsonPointer,
}

/// Flags an unmapped numeric result against the range its sender gives (issue 14: no clinical knowledge is needed
/// to compare a number with the sender's own limits); the result stays unmapped.
fn flag_against_sender<'c>(
    vendor: &crate::payload::VendorRange,
    path: JsonPointer,
    result: &mut NormalizedResult<'c>,
    findings: &mut Findings,
) {
    // A result unmapped because what it is cannot be told (a conflict, an ambiguity: an error) is not flagged.
    let Some(value) = result.value.filter(|_| !findings.has_error_about(result.index)) else { return };
    let unmapped = crate::flags::Unmapped { value, comparator: result.comparator, unit: result.unit.as_ref(), path };
    if let Some((flag, range)) = crate::flags::flag_unmapped(&unmapped, vendor, findings) {
        result.flag = Some(flag);
        result.range = Some(range);
        result.range_status = crate::report::RangeStatus::Applied;
    }
}

/// An unknown unit stops the conversion of a catalog analyte (an error); for an unmapped result labcore
/// converts nothing, so there it is a warning.
fn unknown_unit(mapped: bool, path: JsonPointer, findings: &mut Findings) {
    let message = "`unit` is neither UCUM nor a vendor spelling labcore knows";
    let mut finding = crate::Finding::new(FindingCode::UnitUnknown, path.key("unit"), message);
    if !mapped {
        finding = finding.with_severity(crate::Severity::Warning);
    }
    findings.push_finding(finding);
}

/// The result as matched, before its value is read.
fn blank<'c>(input: &ResultInput, resolved: &resolve::Resolved<'c>) -> NormalizedResult<'c> {
    NormalizedResult {
        index: input.index,
        mapping: resolved.mapping,
        analyte: resolved.analyte.map(Analyte::id),
        display: resolved.analyte.map(Analyte::display),
        loinc: None,
        value: None,
        comparator: None,
        unit: None,
        significant_digits: None,
        converted: false,
        text: None,
        plausible: None,
        flag: None,
        range_status: crate::report::RangeStatus::NotEvaluated,
        range: None,
        critical: None,
        delta: None,
        status: input.status,
        location: None,
        sender_reference: None,
        usable: true,
        unit_suspected: false,
        original: original(input),
    }
}

/// Reads the value: a text (flagged only against a qualitative range), a number of a catalog analyte
/// (converted, flagged), or a number of an unmapped result (kept in its unit).
fn read_value<'c>(
    sent: &Sent<'_, 'c>,
    analyte: Option<&'c Analyte>,
    setting: &Setting<'c>,
    result: &mut NormalizedResult<'c>,
    findings: &mut Findings,
) {
    let (input, code) = (sent.input, sent.code);
    // The sender's code is never replaced; without one, the catalog's term for the value's property.
    let loinc_of = |a: Option<&'c Analyte>| {
        code.or_else(|| a.and_then(|a| a.loinc_for(a.kind().quantity_kind(), setting.blood, None)).map(|t| t.code))
    };
    match (&input.value, analyte) {
        (Some(ReportedValue::Text { kind, text }), analyte) => {
            result.text = Some(*kind);
            result.loinc = loinc_of(analyte);
            let range = input.reference_range.as_ref().and_then(|r| r.text.as_deref());
            // Only a real word ("Positive") is compared; empty, masked or unreadable values are not results.
            let word = Some(text.expose()).filter(|_| *kind == crate::TextKind::Text && setting.patient);
            result.flag = word.zip(range).and_then(|(w, r)| crate::flags::qualitative_flag(w, r));
            if result.flag.is_some() {
                result.range_status = crate::report::RangeStatus::Applied;
            }
        }
        (Some(ReportedValue::Number { comparator, number, .. }), Some(analyte)) => {
            result.comparator = *comparator;
            result.significant_digits = Some(number.significant_digits());
            let context = quantity::Measured {
                analyte,
                value: number.value(),
                comparator: *comparator,
                code,
                unit_sent: input.unit.is_some(),
                vendor: input.reference_range.as_ref(),
                path: sent.path,
            };
            quantity::normalize_number(&context, sent.reading.map(|r| &**r), setting, result, findings);
        }
        (Some(ReportedValue::Number { comparator, number, .. }), None) => {
            result.comparator = *comparator;
            result.significant_digits = Some(number.significant_digits());
            result.value = Some(number.value());
            if sent.reading.is_some_and(|r| r.was_rewritten()) {
                // Every spelling labcore rewrites is said so, whether or not the analyte is in the catalog.
                findings.push(FindingCode::UnitNormalized, sent.path.key("unit"), "unit spelling rewritten to UCUM");
            }
            result.unit = sent.reading.map(|r| match r {
                Cow::Borrowed(reading) => Cow::Borrowed(reading.best().ucum()),
                Cow::Owned(reading) => Cow::Owned(reading.best().ucum().to_owned()),
            });
            if let Some(vendor) = input.reference_range.as_ref().filter(|_| setting.patient) {
                flag_against_sender(vendor, sent.path, result, findings);
            }
        }
        (None, analyte) => result.loinc = loinc_of(analyte),
    }
}

/// Reads the unit sent, and says whether it was not understood; an empty one counts as absent.
fn read_unit<'c>(catalog: &'c Catalog, input: &ResultInput) -> (Option<Cow<'c, UnitReading>>, bool) {
    let Some(unit) = input.unit.as_deref() else { return (None, false) };
    match catalog.read_unit(unit) {
        Ok(reading) => (Some(reading), false),
        Err(UnitError::Empty) => (None, false),
        Err(_) => (None, true),
    }
}

fn original(input: &ResultInput) -> Original {
    let value = match &input.value {
        Some(ReportedValue::Number { number, .. }) => Some(number.text_shared()),
        _ => None,
    };
    let bound = |v: &Option<ReportedValue>| match v {
        Some(ReportedValue::Number { comparator, number, .. }) => {
            Some(format!("{}{}", comparator.map(|c| c.symbol()).unwrap_or_default(), number.text()))
        }
        _ => None,
    };
    Original {
        analyte: input.analyte.clone(),
        loinc: input.loinc.clone(),
        value,
        unit: input.unit.clone(),
        reference_range: input.reference_range.as_ref().map(|r| OriginalRange {
            text: r.text.clone(),
            low: bound(&r.low),
            high: bound(&r.high),
        }),
        flag: input.flag.clone(),
    }
}

/// Whether the analyte is dimensionless, so that a missing unit means "1".
pub(crate) fn is_dimensionless(analyte: &Analyte) -> bool {
    analyte.kind() == crate::catalog::AnalyteKind::Ratio
}
