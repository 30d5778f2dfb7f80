//! Ages and age bands: computed from the birth date and the collection date, compared in the unit the band
//! is written in (a band "1mo–2y" counts completed months and completed years, not 30.4-day months).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

/// The oldest age labcore computes anything from, in completed years: an age of 125 years or more is not a
/// patient's age but a wrong or placeholder birth date (`1900-01-01`, `0001-01-01`), and nothing age-dependent
/// (age-specific intervals and critical limits, eGFR) is computed from it. The oldest human whose age was verified
/// lived 122 years and 164 days (Jeanne Calment, 1875-02-21 to 1997-08-04: Robine JM, Allard M, "The oldest human",
/// Science 1998;279(5358):1834-1835, doi:10.1126/science.279.5358.1831h); 125 leaves three years above that record.
pub const MAX_AGE_YEARS: i64 = 125;

/// A patient's age at collection, in completed days, months and years.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Age {
    days: i64,
    months: i64,
    years: i64,
}

impl Age {
    /// The age on `at` of someone born on `birth`; `None` when `at` is before `birth`.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use labcore::catalog::Age;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let age = Age::between(d(2020, 3, 31), d(2026, 3, 30)).unwrap();
    /// assert_eq!((age.years(), age.months()), (5, 71));
    /// ```
    pub fn between(birth: NaiveDate, at: NaiveDate) -> Option<Age> {
        let days = (at - birth).num_days();
        if days < 0 {
            return None;
        }
        let mut months = i64::from(at.year() - birth.year()) * 12 + i64::from(at.month()) - i64::from(birth.month());
        if at.day() < birth.day() {
            months -= 1;
        }
        Some(Age { days, months, years: months / 12 })
    }

    /// Whether the age is below [`MAX_AGE_YEARS`]: one a living patient can have.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use labcore::catalog::Age;
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(Age::between(d(1904, 1, 1), d(2026, 11, 24)).unwrap().is_plausible()); // 122
    /// assert!(!Age::between(d(1900, 1, 1), d(2026, 11, 24)).unwrap().is_plausible()); // 126
    /// ```
    pub fn is_plausible(&self) -> bool {
        self.years < MAX_AGE_YEARS
    }

    /// Completed days.
    pub fn days(&self) -> i64 {
        self.days
    }

    /// Completed months.
    pub fn months(&self) -> i64 {
        self.months
    }

    /// Completed years.
    pub fn years(&self) -> i64 {
        self.years
    }
}

/// The unit an age limit is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeUnit {
    /// `d`
    Days,
    /// `w`
    Weeks,
    /// `mo`
    Months,
    /// `y`
    Years,
}

/// An age limit such as `18y` or `6mo`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AgeLimit {
    /// The number.
    pub value: u32,
    /// Its unit.
    pub unit: AgeUnit,
}

impl AgeLimit {
    /// Reads `18y`, `6mo`, `2w`, `0d`.
    pub fn parse(text: &str) -> Option<AgeLimit> {
        let text = text.trim();
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let (number, unit) = (text.get(..split)?, text.get(split..)?);
        let unit = match unit {
            "d" => AgeUnit::Days,
            "w" => AgeUnit::Weeks,
            "mo" => AgeUnit::Months,
            "y" => AgeUnit::Years,
            _ => return None,
        };
        Some(AgeLimit { value: number.parse().ok()?, unit })
    }

    /// How this limit compares with an age: the age measured in the limit's unit, minus the limit.
    fn compare(&self, age: &Age) -> std::cmp::Ordering {
        let value = i64::from(self.value);
        match self.unit {
            AgeUnit::Days => age.days.cmp(&value),
            AgeUnit::Weeks => age.days.cmp(&(value * 7)),
            AgeUnit::Months => age.months.cmp(&value),
            AgeUnit::Years => age.years.cmp(&value),
        }
    }
}

impl fmt::Display for AgeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match self.unit {
            AgeUnit::Days => "d",
            AgeUnit::Weeks => "w",
            AgeUnit::Months => "mo",
            AgeUnit::Years => "y",
        };
        write!(f, "{}{unit}", self.value)
    }
}

/// An age band: from (inclusive) to (exclusive); either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct AgeBand {
    /// Inclusive lower limit.
    pub from: Option<AgeLimit>,
    /// Exclusive upper limit.
    pub to: Option<AgeLimit>,
}

impl AgeBand {
    /// Whether the band covers every age (so no birth date is needed).
    pub fn is_unbounded(&self) -> bool {
        self.from.is_none_or(|f| f.value == 0) && self.to.is_none()
    }

    /// Whether `age` is inside the band.
    pub fn contains(&self, age: &Age) -> bool {
        self.from.is_none_or(|f| f.compare(age).is_ge()) && self.to.is_none_or(|t| t.compare(age).is_lt())
    }
}

impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.from, self.to) {
            (Some(from), Some(to)) => write!(f, "{from} to {to}"),
            (Some(from), None) => write!(f, "{from} and over"),
            (None, Some(to)) => write!(f, "under {to}"),
            (None, None) => f.write_str("any age"),
        }
    }
}

impl Serialize for AgeBand {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn completed_units() {
        let age = Age::between(date(2000, 2, 29), date(2001, 2, 28)).unwrap_or(Age { days: 0, months: 0, years: 0 });
        assert_eq!((age.years, age.months, age.days), (0, 11, 365));
        assert_eq!(Age::between(date(2026, 1, 2), date(2026, 1, 1)), None);
    }

    #[test]
    fn the_maximum_age() {
        let age = |b, a| Age::between(b, a).unwrap_or(Age { days: 0, months: 0, years: 0 });
        assert!(age(date(1901, 11, 25), date(2026, 11, 24)).is_plausible(), "124 years and 364 days");
        assert!(!age(date(1901, 11, 24), date(2026, 11, 24)).is_plausible(), "125 years");
        assert!(!age(date(1, 1, 1), date(2026, 11, 24)).is_plausible());
    }

    #[test]
    fn bands() {
        let band = AgeBand { from: AgeLimit::parse("1mo"), to: AgeLimit::parse("2y") };
        let age = |b, a| Age::between(b, a).unwrap_or(Age { days: 0, months: 0, years: 0 });
        assert!(!band.contains(&age(date(2026, 1, 15), date(2026, 2, 14))));
        assert!(band.contains(&age(date(2026, 1, 15), date(2026, 2, 15))));
        assert!(!band.contains(&age(date(2024, 1, 15), date(2026, 1, 15))));
        assert_eq!(AgeLimit::parse("18y").map(|l| l.to_string()).as_deref(), Some("18y"));
        assert_eq!(AgeLimit::parse("18"), None);
        assert_eq!(AgeLimit::parse("y"), None);
    }
}
