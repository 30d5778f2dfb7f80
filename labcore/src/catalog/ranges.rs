//! Reference intervals, critical limits and delta-check rules: the catalog's clinical limits, as data.

use serde::{Deserialize, Serialize};
use std::sync::Arc;

use super::age::{Age, AgeBand, AgeLimit};
use super::model::CatalogFile;
use super::scope::{Scope, fit};
use super::{Analyte, Catalog, CatalogError};
use crate::Sex;
use crate::units::Unit;

/// Which patients a limit applies to by sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SexFilter {
    /// Everyone.
    #[default]
    Any,
    /// Female patients.
    Female,
    /// Male patients.
    Male,
}

impl SexFilter {
    pub(crate) fn matches(self, sex: Option<Sex>) -> bool {
        match self {
            SexFilter::Any => true,
            SexFilter::Female => sex == Some(Sex::Female),
            SexFilter::Male => sex == Some(Sex::Male),
        }
    }
}

/// A limit's scope and values, as written in a catalog file (`[[interval]]` or `[[critical]]`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LimitEntry {
    pub(crate) analyte: String,
    #[serde(default)]
    pub(crate) sex: SexFilter,
    pub(crate) age_from: Option<String>,
    pub(crate) age_to: Option<String>,
    pub(crate) low: Option<f64>,
    pub(crate) high: Option<f64>,
    /// For critical limits: whether a value equal to a limit is already critical (lists that say "≤ 2.5").
    #[serde(default)]
    pub(crate) inclusive: bool,
    /// For reference intervals: the low limit itself is outside the interval (a source that says "> 45").
    #[serde(default)]
    pub(crate) low_exclusive: bool,
    /// For reference intervals: the high limit itself is outside the interval (a source that says "< 200").
    #[serde(default)]
    pub(crate) high_exclusive: bool,
    pub(crate) unit: String,
    pub(crate) source: String,
}

/// Which changes a delta-check rule watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeltaDirection {
    /// A change either way.
    #[default]
    Both,
    /// Only an increase (acute kidney injury: creatinine rising).
    Rise,
    /// Only a decrease (bleeding: hemoglobin falling).
    Fall,
}

impl DeltaDirection {
    /// Whether a change (current minus previous) goes the watched way.
    pub fn watches(self, change: f64) -> bool {
        match self {
            DeltaDirection::Both => true,
            DeltaDirection::Rise => change > 0.0,
            DeltaDirection::Fall => change < 0.0,
        }
    }
}

/// Which previous results a delta-check rule compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeltaCompare {
    /// Every previous result inside the window: a change built up in steps counts (a creatinine rise "within
    /// 48 h", KDIGO).
    #[default]
    All,
    /// Only the most recent previous result inside the window: for limits a source derived from consecutive
    /// results.
    Latest,
}

/// A delta-check rule as written in `delta_checks.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeltaEntry {
    pub(crate) analyte: String,
    pub(crate) absolute: Option<f64>,
    pub(crate) percent: Option<f64>,
    pub(crate) unit: String,
    pub(crate) window_hours: f64,
    #[serde(default)]
    pub(crate) direction: DeltaDirection,
    #[serde(default)]
    pub(crate) compare: DeltaCompare,
    pub(crate) source: String,
}

/// A reference interval or a pair of critical limits for one analyte and one group of patients.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Position of the analyte in the catalog.
    pub(crate) analyte: usize,
    /// The sexes it applies to.
    pub sex: SexFilter,
    /// The ages it applies to.
    pub age: AgeBand,
    /// Low limit, in `unit`.
    pub low: Option<f64>,
    /// High limit, in `unit`.
    pub high: Option<f64>,
    /// For critical limits: a value equal to a limit is critical too.
    pub inclusive: bool,
    /// For reference intervals: a value equal to `low` is already below the interval.
    pub low_exclusive: bool,
    /// For reference intervals: a value equal to `high` is already above the interval.
    pub high_exclusive: bool,
    /// The unit of the limits.
    pub unit: Unit,
    /// Where the numbers come from.
    pub source: Arc<str>,
}

/// A delta-check rule: how much an analyte may change between two results of one patient.
#[derive(Debug, Clone, PartialEq)]
pub struct DeltaRule {
    /// Position of the analyte in the catalog.
    pub(crate) analyte: usize,
    /// Absolute change (in `unit`) at or beyond which the check fails.
    pub absolute: Option<f64>,
    /// Relative change (percent of the previous value) at or beyond which the check fails.
    pub percent: Option<f64>,
    /// The unit of `absolute`.
    pub unit: Unit,
    /// How far back (hours) a previous result counts.
    pub window_hours: f64,
    /// Which changes the rule watches.
    pub direction: DeltaDirection,
    /// Which previous results it compares with.
    pub compare: DeltaCompare,
    /// Where the rule comes from.
    pub source: Arc<str>,
}

/// The outcome of looking for limits that fit a patient.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit<'a> {
    /// These limits apply.
    Found(&'a Limits),
    /// Limits exist, but only for a sex or an age the payload does not give.
    NeedsDemographics,
    /// No limits for this analyte.
    None,
}

/// Checks and converts limit entries (of the section `section`) against the catalog.
fn build_limits(
    catalog: &Catalog,
    file: &str,
    section: &str,
    entries: &[LimitEntry],
) -> Result<Vec<Limits>, CatalogError> {
    entries.iter().enumerate().map(|(i, entry)| build_one(catalog, file, &format!("{section}[{i}]"), entry)).collect()
}

/// Which entry an error is about: its place, and the analyte's catalog id when it names a known one (the
/// entry's own text is never repeated: see [`CatalogError`]).
fn entry_name(catalog: &Catalog, place: &str, analyte: &str) -> String {
    match catalog.analyte(analyte) {
        Some(known) => format!("{place} ({})", known.id()),
        None => place.to_owned(),
    }
}

fn build_one(catalog: &Catalog, file: &str, place: &str, entry: &LimitEntry) -> Result<Limits, CatalogError> {
    let invalid = |problem: &str| CatalogError::Invalid {
        file: file.into(),
        entry: entry_name(catalog, place, &entry.analyte),
        problem: problem.into(),
    };
    let analyte = catalog.analyte(&entry.analyte).ok_or_else(|| invalid("no such analyte in the catalog"))?;
    let unit = catalog.units().parse_ucum(&entry.unit).map_err(|_| invalid("the unit is not UCUM"))?;
    if !unit.kind().is_some_and(|k| analyte.accepts(k)) {
        return Err(invalid("the unit cannot express this analyte"));
    }
    let age = |text: &Option<String>| match text {
        None => Ok(None),
        Some(t) => AgeLimit::parse(t).map(Some).ok_or_else(|| invalid("an age is not like 18y, 6mo, 2w, 0d")),
    };
    let (low, high) = (entry.low, entry.high);
    let ordered = match (low, high) {
        (Some(l), Some(h)) => l < h,
        (None, None) => false,
        _ => true,
    };
    if !ordered || low.is_some_and(|v| !v.is_finite()) || high.is_some_and(|v| !v.is_finite()) {
        return Err(invalid("limits must be finite, at least one given, low below high"));
    }
    if entry.source.trim().is_empty() {
        return Err(invalid("every limit cites a source"));
    }
    let age = AgeBand { from: age(&entry.age_from)?, to: age(&entry.age_to)? };
    Ok(Limits {
        analyte: analyte.position,
        sex: entry.sex,
        age,
        low,
        high,
        inclusive: entry.inclusive,
        low_exclusive: entry.low_exclusive,
        high_exclusive: entry.high_exclusive,
        unit,
        source: entry.source.as_str().into(),
    })
}

/// Checks and converts delta-check entries against the catalog.
fn build_deltas(catalog: &Catalog, file: &str, entries: &[DeltaEntry]) -> Result<Vec<DeltaRule>, CatalogError> {
    entries
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let invalid = |problem: &str| CatalogError::Invalid {
                file: file.into(),
                entry: entry_name(catalog, &format!("delta[{i}]"), &entry.analyte),
                problem: problem.into(),
            };
            let analyte = catalog.analyte(&entry.analyte).ok_or_else(|| invalid("no such analyte in the catalog"))?;
            let unit = catalog.units().parse_ucum(&entry.unit).map_err(|_| invalid("unit is not UCUM"))?;
            if !unit.kind().is_some_and(|k| analyte.accepts(k)) {
                return Err(invalid("the unit cannot express this analyte"));
            }
            let positive = |v: Option<f64>| v.is_none_or(|v| v.is_finite() && v > 0.0);
            if (entry.absolute.is_none() && entry.percent.is_none())
                || !positive(entry.absolute)
                || !positive(entry.percent)
                || !(entry.window_hours.is_finite() && entry.window_hours > 0.0)
                || entry.source.trim().is_empty()
            {
                return Err(invalid("a delta rule needs a positive absolute or percent change, a window and a source"));
            }
            Ok(DeltaRule {
                analyte: analyte.position,
                absolute: entry.absolute,
                percent: entry.percent,
                unit,
                window_hours: entry.window_hours,
                direction: entry.direction,
                compare: entry.compare,
                source: entry.source.as_str().into(),
            })
        })
        .collect()
}

/// Reference intervals, critical limits and delta-check rules grouped by analyte position: a catalog's defaults,
/// or a laboratory's own.
#[derive(Debug, Clone, Default)]
pub(crate) struct LimitTables {
    intervals: Vec<Vec<Limits>>,
    critical: Vec<Vec<Limits>>,
    /// The scopes of `intervals` and `critical`, in the same order (what choosing a limit reads).
    interval_scopes: Vec<Vec<Scope>>,
    critical_scopes: Vec<Vec<Scope>>,
    deltas: Vec<Vec<DeltaRule>>,
    /// Per analyte: the lowest low and the highest high of all its intervals (an open end infinite), in its
    /// canonical unit; `None` without intervals (or when one cannot be converted).
    spans: Vec<Option<(f64, f64)>>,
}

impl LimitTables {
    /// Checks the `[[interval]]`, `[[critical]]` and `[[delta]]` entries of catalog files against the catalog.
    pub(crate) fn build<'f>(
        catalog: &Catalog,
        files: impl IntoIterator<Item = (&'f str, &'f CatalogFile)>,
    ) -> Result<LimitTables, CatalogError> {
        let (mut intervals, mut critical, mut deltas) = (Vec::new(), Vec::new(), Vec::new());
        for (name, file) in files {
            intervals.extend(build_limits(catalog, name, "interval", &file.interval)?);
            critical.extend(build_limits(catalog, name, "critical", &file.critical)?);
            deltas.extend(build_deltas(catalog, name, &file.delta)?);
        }
        let count = catalog.analytes().len();
        let intervals = by_analyte(intervals, |l| l.analyte, count);
        let critical = by_analyte(critical, |l| l.analyte, count);
        let spans = catalog.analytes().iter().zip(&intervals).map(|(analyte, list)| span(analyte, list)).collect();
        let scopes = |lists: &[Vec<Limits>]| lists.iter().map(|list| list.iter().map(Scope::of).collect()).collect();
        Ok(LimitTables {
            interval_scopes: scopes(&intervals),
            critical_scopes: scopes(&critical),
            intervals,
            critical,
            deltas: by_analyte(deltas, |d| d.analyte, count),
            spans,
        })
    }

    /// The span of an analyte's intervals in its canonical unit (see `spans`).
    pub(crate) fn span(&self, analyte: &Analyte) -> Option<(f64, f64)> {
        self.spans.get(analyte.position).copied().flatten()
    }

    /// Every reference interval of an analyte, in file order.
    pub(crate) fn intervals(&self, analyte: &Analyte) -> &[Limits] {
        self.intervals.get(analyte.position).map_or(&[], Vec::as_slice)
    }

    /// Every critical limit of an analyte, in file order.
    pub(crate) fn critical(&self, analyte: &Analyte) -> &[Limits] {
        self.critical.get(analyte.position).map_or(&[], Vec::as_slice)
    }

    /// The first reference interval of an analyte that fits the patient.
    pub(crate) fn fit_interval(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        let scopes = self.interval_scopes.get(analyte.position).map_or(&[][..], Vec::as_slice);
        fit(self.intervals(analyte), scopes, sex, age)
    }

    /// The first critical limits of an analyte that fit the patient.
    pub(crate) fn fit_critical(&self, analyte: &Analyte, sex: Option<Sex>, age: Option<&Age>) -> Fit<'_> {
        let scopes = self.critical_scopes.get(analyte.position).map_or(&[][..], Vec::as_slice);
        fit(self.critical(analyte), scopes, sex, age)
    }

    /// Every delta-check rule of an analyte, in file order.
    pub(crate) fn deltas(&self, analyte: &Analyte) -> &[DeltaRule] {
        self.deltas.get(analyte.position).map_or(&[], Vec::as_slice)
    }
}

/// The lowest low and highest high of intervals, in the analyte's canonical unit (an open end is infinite).
fn span(analyte: &Analyte, intervals: &[Limits]) -> Option<(f64, f64)> {
    let canonical =
        |v: f64, from: &Unit| crate::units::convert(v, from, analyte.canonical_unit(), analyte.bridges()).ok();
    let mut found: Option<(f64, f64)> = None;
    for limits in intervals {
        let low = limits.low.map_or(Some(f64::NEG_INFINITY), |v| canonical(v, &limits.unit))?;
        let high = limits.high.map_or(Some(f64::INFINITY), |v| canonical(v, &limits.unit))?;
        found = Some(found.map_or((low, high), |(l, h)| (l.min(low), h.max(high))));
    }
    found
}

/// Items grouped per analyte position, in file order.
fn by_analyte<T: Clone>(items: Vec<T>, position: fn(&T) -> usize, analytes: usize) -> Vec<Vec<T>> {
    let mut grouped: Vec<Vec<T>> = vec![Vec::new(); analytes];
    for item in items {
        if let Some(slot) = grouped.get_mut(position(&item)) {
            slot.push(item);
        }
    }
    grouped
}
