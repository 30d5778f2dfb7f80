//! Choosing the limits that fit a patient among an analyte's: the sex and age band of each limit, kept apart
//! from the limits themselves in a compact form, so that the choice reads a few bytes per candidate (an analyte
//! with pediatric bands has a dozen) and compares ages without a branch per age unit.

use super::age::{Age, AgeBand, AgeLimit, AgeUnit};
use super::ranges::{Fit, Limits, SexFilter};
use crate::Sex;

/// Who one limit applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scope {
    sex: SexFilter,
    /// The band covers every age (no birth date needed).
    unbounded: bool,
    /// The age must be at least this (`i64::MIN`: open).
    from: Threshold,
    /// The age must be below this (`i64::MAX`: open).
    to: Threshold,
}

/// An age limit as a completed count of days, months or years.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Threshold {
    /// 0: days, 1: months, 2: years (an index into [`counts`]).
    measure: usize,
    value: i64,
}

impl Threshold {
    fn of(limit: Option<AgeLimit>, open: i64) -> Threshold {
        let Some(limit) = limit else { return Threshold { measure: 0, value: open } };
        let value = i64::from(limit.value);
        match limit.unit {
            AgeUnit::Days => Threshold { measure: 0, value },
            AgeUnit::Weeks => Threshold { measure: 0, value: value * 7 },
            AgeUnit::Months => Threshold { measure: 1, value },
            AgeUnit::Years => Threshold { measure: 2, value },
        }
    }
}

/// An age as completed days, months and years, indexed as [`Threshold::measure`].
fn counts(age: &Age) -> [i64; 3] {
    [age.days(), age.months(), age.years()]
}

impl Scope {
    /// The scope of a limit.
    pub(crate) fn of(limits: &Limits) -> Scope {
        Scope::new(limits.sex, limits.age)
    }

    fn new(sex: SexFilter, age: AgeBand) -> Scope {
        Scope {
            sex,
            unbounded: age.is_unbounded(),
            from: Threshold::of(age.from, i64::MIN),
            to: Threshold::of(age.to, i64::MAX),
        }
    }

    /// As [`AgeBand::contains`].
    fn contains(&self, counts: &[i64; 3]) -> bool {
        let at = |measure: usize| counts.get(measure).copied().unwrap_or_default();
        at(self.from.measure) >= self.from.value && at(self.to.measure) < self.to.value
    }
}

/// Picks the first limits that fit the patient's sex and age; "any" sex and unbounded ages fit everyone.
/// `scopes` are the scopes of `candidates`, in the same order.
pub(crate) fn fit<'a>(candidates: &'a [Limits], scopes: &[Scope], sex: Option<Sex>, age: Option<&Age>) -> Fit<'a> {
    let counts = age.map(counts);
    let fits = |s: &Scope| s.sex.matches(sex) && (s.unbounded || counts.as_ref().is_some_and(|c| s.contains(c)));
    if let Some(found) = scopes.iter().position(fits).and_then(|i| candidates.get(i)) {
        return Fit::Found(found);
    }
    // None fits: would a sex or an age the payload does not give (or gives as unknown) have made one fit?
    let sex_unknown = sex.is_none() || sex == Some(Sex::Unknown) || sex == Some(Sex::Other);
    let narrowed = scopes.iter().any(|s| (sex_unknown && !s.sex.matches(sex)) || (age.is_none() && !s.unbounded));
    if narrowed { Fit::NeedsDemographics } else { Fit::None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn band(from: Option<&str>, to: Option<&str>) -> AgeBand {
        AgeBand { from: from.and_then(AgeLimit::parse), to: to.and_then(AgeLimit::parse) }
    }

    #[test]
    fn a_scope_contains_the_ages_its_band_contains() {
        let bands = [
            band(None, None),
            band(Some("0d"), Some("7d")),
            band(Some("1w"), Some("6mo")),
            band(Some("6mo"), Some("2y")),
            band(Some("18y"), None),
            band(None, Some("18y")),
            band(Some("2w"), Some("3w")),
        ];
        let birth = NaiveDate::from_ymd_opt(2000, 2, 29).unwrap_or_default();
        for days in [0i64, 1, 6, 7, 13, 14, 20, 21, 180, 181, 365, 730, 731, 6574, 6575, 6600, 40000] {
            let at = birth + chrono::Days::new(days.unsigned_abs());
            let Some(age) = Age::between(birth, at) else { continue };
            for band in bands {
                let scope = Scope::new(SexFilter::Any, band);
                assert_eq!(scope.contains(&counts(&age)), band.contains(&age), "{band} at {days} days");
                assert_eq!(scope.unbounded, band.is_unbounded());
            }
        }
    }
}
