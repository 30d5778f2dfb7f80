//! Which of an Observation's `referenceRange`s applies to the patient (FHIR R4 `Observation.referenceRange`):
//! a reference interval (`type` normal, or none) whose `age` (a Range of ages in a UCUM unit of time) holds the
//! patient's age at collection and whose `appliesTo` (the population) names the patient's sex, if it names one.
//!
//! - A range whose `age` or `appliesTo` excludes the patient is not used; nor is one whose applicability cannot
//!   be told (the age or sex is not known, an age is in a unit that is not one of time, `appliesTo` names a
//!   condition other than sex — pregnancy, race — that labcore cannot check).
//! - Of the ranges that apply, the most specific is used: the one whose population lies within every other's
//!   (a sex-specific range over one for both sexes, ages 0–10 over an unrestricted range). When none is within
//!   all the others (ages 0–10 and 10–18 both hold a ten-year-old) and they differ, none is used
//!   (`range_ambiguous`): picking one would be a guess.
//! - When none applies, no range of the sender's is used (`range_not_applicable` says why) and the result is
//!   flagged against the catalog's range, as for a result sent without one.
//!
//! Ages are compared as the catalog compares them: in completed units of the bound's unit (a 10-year-old is in
//! "0–10 a" until the eleventh birthday: FHIR Range bounds are inclusive); a fractional bound (`0.5 a`) is
//! compared with the age in days.

use std::borrow::Cow;

use super::json::{Json, Obj};
use super::observation::quantity_unit;
use crate::catalog::Age;
use crate::finding::Findings;
use crate::value::{read_json_number, shared_text};
use crate::{BoundUnits, FhirPath, Finding, FindingCode, JsonPointer, Sex, SourceLocation, VendorRange};

/// What range selection needs to know about the patient.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Patient {
    pub(crate) sex: Option<Sex>,
    pub(crate) age: Option<Age>,
}

/// A unit of time an age is written in.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TimeUnit {
    Years,
    Months,
    Weeks,
    Days,
}

impl TimeUnit {
    /// UCUM `a`, `mo`, `wk`, `d` (and the spellings senders put in `Quantity.unit`).
    fn read(text: &str) -> Option<TimeUnit> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "a" | "yr" | "y" | "year" | "years" => TimeUnit::Years,
            "mo" | "month" | "months" => TimeUnit::Months,
            "wk" | "w" | "week" | "weeks" => TimeUnit::Weeks,
            "d" | "day" | "days" => TimeUnit::Days,
            _ => return None,
        })
    }

    /// Days in one unit (UCUM: the mean Julian year and month), to compare ages written in different units.
    fn days(self) -> f64 {
        match self {
            TimeUnit::Years => 365.25,
            TimeUnit::Months => 30.4375,
            TimeUnit::Weeks => 7.0,
            TimeUnit::Days => 1.0,
        }
    }

    /// The age in this unit: completed units, or (for a fractional bound) days in this unit.
    fn measure(self, age: &Age, whole: bool) -> f64 {
        #[allow(clippy::cast_precision_loss)] // ages in days are far below 2^52
        let count = |n: i64| n as f64;
        match (self, whole) {
            (TimeUnit::Years, true) => count(age.years()),
            (TimeUnit::Months, true) => count(age.months()),
            (TimeUnit::Weeks, true) => count(age.days() / 7),
            (TimeUnit::Days, _) => count(age.days()),
            (unit, false) => count(age.days()) / unit.days(),
        }
    }
}

/// One bound of an age range.
#[derive(Debug, Clone, Copy)]
struct AgeBound {
    value: f64,
    unit: TimeUnit,
}

impl AgeBound {
    fn days(self) -> f64 {
        self.value * self.unit.days()
    }

    fn measure(self, age: &Age) -> f64 {
        self.unit.measure(age, self.value.fract() == 0.0)
    }
}

/// Whom a range is for, as far as labcore can tell.
#[derive(Debug, Clone, Copy, Default)]
struct Population {
    /// The range names a sex.
    sex: bool,
    /// The ages it is for, in days (`None`: every age).
    ages: Option<(f64, f64)>,
}

impl Population {
    /// Whether this population lies within `other`'s (is at least as specific).
    fn within(&self, other: &Population) -> bool {
        let ages = match (self.ages, other.ages) {
            (_, None) => true,
            (None, Some(_)) => false,
            (Some((lo, hi)), Some((other_lo, other_hi))) => other_lo <= lo && hi <= other_hi,
        };
        (self.sex || !other.sex) && ages
    }
}

/// Why a range is not known to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Doubt {
    /// It is for another age or sex.
    Excludes,
    /// The patient's age or sex, which it depends on, is not known.
    Demographics,
    /// Its age is not a Range of times, or `appliesTo` names what labcore cannot check.
    Unreadable,
}

type Judged<'r, 'a> = (usize, &'r Obj<'a>, Result<Population, Doubt>);

/// The range that applies to the patient, with its index; `None` (with a finding, when ranges were sent) when
/// none does or the choice is ambiguous.
pub(crate) fn select(
    body: &Obj<'_>,
    value_unit: Option<&str>,
    patient: Patient,
    base: FhirPath,
    findings: &mut Findings,
) -> Option<(usize, VendorRange)> {
    let ranges: Vec<(usize, Obj<'_>)> = body.objects("referenceRange").into_iter().filter(|(_, r)| normal(r)).collect();
    if ranges.is_empty() {
        return None;
    }
    let judged: Vec<Judged<'_, '_>> = ranges.iter().map(|(i, r)| (*i, r, applies(r, patient))).collect();
    let applying: Vec<(usize, &Obj<'_>, Population)> =
        judged.iter().filter_map(|(i, r, p)| p.ok().map(|p| (*i, *r, p))).collect();
    let at = base.key("referenceRange");
    if applying.is_empty() {
        let doubt = judged.iter().filter_map(|(_, _, p)| p.err()).max().unwrap_or(Doubt::Excludes);
        push(findings, FindingCode::RangeNotApplicable, at, not_applicable(doubt));
        return None;
    }
    // The ranges whose population lies within every other's; several only when their populations are the same.
    let specific: Vec<(usize, &Obj<'_>, Population)> =
        applying.iter().filter(|(_, _, p)| applying.iter().all(|(_, _, other)| p.within(other))).copied().collect();
    let candidates = if specific.is_empty() { &applying } else { &specific };
    let chosen = candidates.first().filter(|(_, first, _)| all_alike(first, candidates));
    let Some((index, range, _)) = chosen else {
        let message = "several reference ranges sent apply to the patient, none more specific than the others, and they differ: none was used; the catalog's range was, if there is one";
        push(findings, FindingCode::RangeAmbiguous, at, message);
        return None;
    };
    Some((*index, vendor_range(range, value_unit)))
}

fn push(findings: &mut Findings, code: FindingCode, at: FhirPath, message: &'static str) {
    let path = JsonPointer::root().key("results");
    findings.push_finding(Finding::new(code, path, message).with_location(SourceLocation::Fhir(Box::new(at))));
}

fn not_applicable(doubt: Doubt) -> &'static str {
    match doubt {
        Doubt::Excludes => {
            "no reference range sent applies to the patient's age or sex: none was used; the catalog's range was, if there is one"
        }
        Doubt::Demographics => {
            "the reference ranges sent depend on the patient's age or sex, which the input does not give: none was used; the catalog's range was, if there is one"
        }
        Doubt::Unreadable => {
            "whether the reference ranges sent apply cannot be told (an age not in a unit of time, or an appliesTo condition other than sex): none was used; the catalog's range was, if there is one"
        }
    }
}

/// A reference interval: of type `normal`, or untyped (types such as `recommended` or `treatment` are not).
fn normal(range: &Obj<'_>) -> bool {
    let codes: Vec<_> = range.object("type").map(|t| t.objects("coding")).unwrap_or_default();
    codes.is_empty() || codes.iter().any(|(_, c)| c.string("code").as_deref() == Some("normal"))
}

/// Whether a range applies to the patient, and how specific it is.
fn applies(range: &Obj<'_>, patient: Patient) -> Result<Population, Doubt> {
    let sex = sex_restriction(range)?;
    let ages = age_restriction(range)?;
    if let Some(sexes) = &sex {
        match patient.sex {
            Some(s @ (Sex::Female | Sex::Male)) if !sexes.contains(&s) => return Err(Doubt::Excludes),
            Some(Sex::Female | Sex::Male) => {}
            _ => return Err(Doubt::Demographics),
        }
    }
    if let Some((low, high)) = ages {
        let age = patient.age.ok_or(Doubt::Demographics)?;
        let above = low.is_none_or(|l| l.measure(&age) >= l.value);
        let below = high.is_none_or(|h| h.measure(&age) <= h.value);
        if !(above && below) {
            return Err(Doubt::Excludes);
        }
    }
    let days = ages.map(|(l, h)| (l.map_or(0.0, AgeBound::days), h.map_or(f64::INFINITY, AgeBound::days)));
    let names_one = sex.is_some_and(|s| s.len() == 1);
    Ok(Population { sex: names_one, ages: days })
}

/// The sexes `appliesTo` names (`None` when it names none); an `appliesTo` concept that is not a sex is a
/// condition labcore cannot check.
fn sex_restriction(range: &Obj<'_>) -> Result<Option<Vec<Sex>>, Doubt> {
    let concepts = range.objects("appliesTo");
    let mut sexes = Vec::new();
    for (_, concept) in &concepts {
        let words: Vec<String> = concept
            .objects("coding")
            .iter()
            .filter_map(|(_, c)| c.string("code"))
            .chain(concept.string("text"))
            .map(|t| t.trim().to_ascii_lowercase())
            .collect();
        // HL7 AdministrativeGender, and SNOMED CT 248152002 |Female| and 248153007 |Male|.
        let sex = words.iter().find_map(|w| match w.as_str() {
            "female" | "248152002" => Some(Sex::Female),
            "male" | "248153007" => Some(Sex::Male),
            _ => None,
        });
        match sex {
            Some(sex) => sexes.push(sex),
            None => return Err(Doubt::Unreadable),
        }
    }
    Ok((!sexes.is_empty()).then_some(sexes))
}

type AgeRange = (Option<AgeBound>, Option<AgeBound>);

/// `age`: its bounds (`None` when the range gives no age).
fn age_restriction(range: &Obj<'_>) -> Result<Option<AgeRange>, Doubt> {
    let Some(age) = range.object("age") else { return Ok(None) };
    let bound = |name: &str| -> Result<Option<AgeBound>, Doubt> {
        let Some(quantity) = age.object(name) else { return Ok(None) };
        let value = match quantity.get("value") {
            Some(Json::Number(n)) => n.parse::<f64>().ok().filter(|v| v.is_finite() && *v >= 0.0),
            _ => None,
        };
        let unit = quantity_unit(&quantity).and_then(|u| TimeUnit::read(&u));
        match (value, unit) {
            (Some(value), Some(unit)) => Ok(Some(AgeBound { value, unit })),
            _ => Err(Doubt::Unreadable),
        }
    };
    let (low, high) = (bound("low")?, bound("high")?);
    Ok((low.is_some() || high.is_some()).then_some((low, high)))
}

/// Whether every applying range gives the same bounds as the first (the same interval, sent twice).
fn all_alike(first: &Obj<'_>, applying: &[(usize, &Obj<'_>, Population)]) -> bool {
    let bounds = |r: &Obj<'_>| {
        [bound(r, "low"), bound(r, "high")].map(|b| b.map(|(n, u)| (n.to_owned(), u.map(Cow::into_owned))))
    };
    let own = bounds(first);
    applying.iter().all(|(_, r, _)| bounds(r) == own)
}

/// A bound's number (its exact text) and its unit, when given.
fn bound<'a>(range: &Obj<'a>, name: &str) -> Option<(&'a str, Option<Cow<'a, str>>)> {
    let quantity = range.object(name)?;
    match quantity.get("value") {
        Some(Json::Number(n)) => Some((n, quantity_unit(&quantity))),
        _ => None,
    }
}

/// The range as labcore reads vendor ranges: the bounds (each with its unit, when that is not the value's),
/// else the text.
fn vendor_range(range: &Obj<'_>, value_unit: Option<&str>) -> VendorRange {
    let text = range.string("text").map(|t| shared_text(&t));
    let (low, high) = (bound(range, "low"), bound(range, "high"));
    let apart = |b: &Option<(&str, Option<Cow<'_, str>>)>| {
        b.as_ref().and_then(|(_, u)| u.as_deref()).filter(|u| Some(*u) != value_unit).map(shared_text)
    };
    let (low_unit, high_unit) = (apart(&low), apart(&high));
    let units =
        (low_unit.is_some() || high_unit.is_some()).then(|| Box::new(BoundUnits { low: low_unit, high: high_unit }));
    VendorRange {
        text,
        low: low.map(|(n, _)| read_json_number(n)),
        high: high.map(|(n, _)| read_json_number(n)),
        units,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::value::RawValue;

    fn age(years: i64) -> Age {
        let birth = chrono::NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let at = birth + chrono::Months::new(u32::try_from(years * 12).unwrap());
        Age::between(birth, at).unwrap()
    }

    /// The low bound of the range chosen for the patient, and the codes of the findings.
    fn choose(ranges: &str, sex: Option<Sex>, years: Option<i64>) -> (Option<String>, Vec<&'static str>) {
        let text = format!(r#"{{"valueQuantity": {{"value": 1, "code": "mmol/L"}}, "referenceRange": {ranges}}}"#);
        let raw: &RawValue = serde_json::from_str(&text).unwrap();
        let body = Obj::read(raw).unwrap();
        let mut findings = Findings::default();
        let patient = Patient { sex, age: years.map(age) };
        let chosen = select(&body, Some("mmol/L"), patient, FhirPath::resource("Observation"), &mut findings);
        let low = chosen.and_then(|(_, r)| match r.low {
            Some(crate::ReportedValue::Number { number, .. }) => Some(number.text().to_owned()),
            _ => None,
        });
        (low, findings.into_vec().iter().map(|f| f.code().as_str()).collect())
    }

    const CHILD_ADULT: &str = r#"[{"low": {"value": 1}, "age": {"high": {"value": 10, "code": "a"}}},
                                  {"low": {"value": 2}, "age": {"low": {"value": 18, "code": "a"}}}]"#;

    #[test]
    fn the_age_selects_the_range() {
        assert_eq!(choose(CHILD_ADULT, None, Some(42)), (Some("2".into()), vec![]));
        assert_eq!(choose(CHILD_ADULT, None, Some(10)), (Some("1".into()), vec![])); // completed years, inclusive
        assert_eq!(choose(CHILD_ADULT, None, Some(11)), (None, vec!["range_not_applicable"]));
        assert_eq!(choose(CHILD_ADULT, None, None), (None, vec!["range_not_applicable"]));
        let months = r#"[{"low": {"value": 3}, "age": {"low": {"value": 6, "code": "mo"}, "high": {"value": 0.9, "code": "a"}}}]"#;
        assert_eq!(choose(months, None, Some(0)).0, None);
        let weeks = r#"[{"low": {"value": 3}, "age": {"low": {"value": 1, "unit": "weeks"}}}]"#;
        assert_eq!(choose(weeks, None, Some(1)).0.as_deref(), Some("3"));
        let grams = r#"[{"low": {"value": 3}, "age": {"low": {"value": 1, "code": "g"}}}]"#;
        assert_eq!(choose(grams, None, Some(30)), (None, vec!["range_not_applicable"]));
    }

    #[test]
    fn the_most_specific_range_wins_and_a_tie_is_ambiguous() {
        let sexes = r#"[{"low": {"value": 1}}, {"low": {"value": 2}, "appliesTo": [{"coding": [{"code": "female"}]}]},
                        {"low": {"value": 3}, "appliesTo": [{"coding": [{"code": "248153007"}]}]}]"#;
        assert_eq!(choose(sexes, Some(Sex::Female), Some(30)).0.as_deref(), Some("2"));
        assert_eq!(choose(sexes, Some(Sex::Male), Some(30)).0.as_deref(), Some("3"));
        assert_eq!(choose(sexes, None, Some(30)).0.as_deref(), Some("1"));
        let overlapping = r#"[{"low": {"value": 1}, "age": {"low": {"value": 0, "code": "a"}, "high": {"value": 50, "code": "a"}}},
                              {"low": {"value": 2}, "age": {"low": {"value": 40, "code": "a"}}}]"#;
        assert_eq!(choose(overlapping, None, Some(45)), (None, vec!["range_ambiguous"]));
        assert_eq!(choose(overlapping, None, Some(60)).0.as_deref(), Some("2"));
        let twice = r#"[{"low": {"value": 1}}, {"low": {"value": 1}}]"#;
        assert_eq!(choose(twice, None, None), (Some("1".into()), vec![]));
        let differ = r#"[{"low": {"value": 1}}, {"low": {"value": 2}}]"#;
        assert_eq!(choose(differ, None, None), (None, vec!["range_ambiguous"]));
    }

    #[test]
    fn conditions_labcore_cannot_check_are_not_used() {
        let pregnancy = r#"[{"low": {"value": 1}, "appliesTo": [{"text": "pregnant"}]}, {"low": {"value": 2}}]"#;
        assert_eq!(choose(pregnancy, Some(Sex::Female), Some(30)).0.as_deref(), Some("2"));
        let only = r#"[{"low": {"value": 1}, "appliesTo": [{"text": "pregnant"}]}]"#;
        assert_eq!(choose(only, Some(Sex::Female), Some(30)), (None, vec!["range_not_applicable"]));
        let recommended = r#"[{"low": {"value": 1}, "type": {"coding": [{"code": "recommended"}]}}]"#;
        assert_eq!(choose(recommended, None, None), (None, vec![]));
    }

    #[test]
    fn each_bound_keeps_its_own_unit() {
        let text = r#"{"referenceRange": [{"low": {"value": 3.5, "code": "mmol/L", "system": "http://unitsofmeasure.org"},
                                           "high": {"value": 0.2, "code": "g/L", "system": "http://unitsofmeasure.org"}}]}"#;
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let body = Obj::read(raw).unwrap();
        let mut findings = Findings::default();
        let (_, range) =
            select(&body, Some("mmol/L"), Patient::default(), FhirPath::resource("Observation"), &mut findings)
                .unwrap();
        let units = range.units.unwrap();
        assert_eq!((units.low.as_deref(), units.high.as_deref()), (None, Some("g/L")));
    }
}
