//! Dates as people and systems write them — ISO (`2024-03-14T07:42`), HL7 (`20240314`), US (`3/14/2024`,
//! `03-14-24`), day-first where the day says so (`14.03.2024`), with month names (`March 14, 2024`, `14-Mar-2024`,
//! `2nd of April 2023`, `Mar 2024`), and a month and day after a cue word (`on 3/14`) — read into their parts so
//! that they can be generalised to their year or shifted and written back in the same style.

use chrono::{Datelike, Duration, NaiveDate};
use regex::{Captures, Regex, RegexSet};

/// How a date was written, to write a shifted one the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// `2024-03-14` (any of `-`, `/`, `.`).
    Iso(char),
    /// `20240314`.
    Compact,
    /// `3/14/2024`, `03-14-24`: month first; the separator and the number of year digits.
    MonthFirst(char, u8),
    /// `14.03.2024`: day first.
    DayFirst(char),
    /// `March 14, 2024`, `Mar 2024`: the month's name.
    Named,
    /// `on 3/14`: month and day, no year.
    MonthDay,
    /// `14MAR2024`, `07nov21`: day, month abbreviation and year run together; whether the month is in capitals.
    Military(bool),
    /// `02/2021`: month and year.
    MonthYear,
    /// `the 3rd`: a day of an unsaid month (masked: it cannot be shifted or generalised).
    DayOnly,
}

/// A date found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoundDate {
    pub(crate) year: Option<i32>,
    pub(crate) month: u32,
    pub(crate) day: Option<u32>,
    pub(crate) style: Style,
    /// What followed the date in the match (a time, an offset), kept when the date is shifted.
    pub(crate) rest: String,
}

const MONTHS: &str = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";
/// A time after a date: `09:12`, `at 9:12 AM`, `T07:42:10-05:00`, or the four digits of a 24-hour clock (`0956`).
const TIME: &str = r"(?P<time>(?:[T\s]|\s+at\s+)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?(?:Z|\s?[+\-][01]\d:?[0-5]\d)?|\s(?:[01]\d|2[0-3])[0-5]\d\b)?";
/// The same, required (for ISO dates, where `T` follows the day without a word boundary).
const TIME_REQUIRED: &str = r"(?P<time>(?:[T\s]|\s+at\s+)(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?(?:Z|\s?[+\-][01]\d:?[0-5]\d)?)";

/// A weekday before a date (`Tuesday, March 14`, `Wed, 10 Oct 2012`): part of the date — a shifted date drops it.
const WEEKDAY: &str =
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?,?\s+)?";

/// Words after which `3/14` (a month and a day, no year) is a date: verbs and nouns of lab and clinic work.
const MONTH_DAY_CUES: &str = r"on|since|from|until|till|thru|through|dated?|seen|drawn|redrawn|collected|received|admitted|discharged|dob|dos|visit|called|repeat|recheck|sched(?:uled)?|back|returns?|returned|rtc|bm|labs?|signed|faxed|ed|last|next|due|dt|done|performed|resulted|reported|started|stopped|held|given|noted|am|pm|f/u|appt|appointment|before|after|wk\s+of|week\s+of|\d{1,2}:\d{2}(?:\s?[ap]m)?|[0-2]\d[0-5]\d";

/// The date patterns; each names its parts `y`, `m`, `d` or `mon`.
fn sources() -> Vec<(Style, String)> {
    vec![
        (Style::Iso('-'), format!(r"\b(?P<y>(?:19|20)\d{{2}})[\-/.](?P<m>0?[1-9]|1[0-2])[\-/.](?P<d>0?[1-9]|[12]\d|3[01])(?:{TIME_REQUIRED}|\b)")),
        (Style::Compact, r"\b(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?P<time>(?:[01]\d|2[0-3])[0-5]\d(?:[0-5]\d)?)?\b".into()),
        (Style::MonthFirst('/', 4), format!(r"\b(?P<m>0?[1-9]|1[0-2])[/\-.](?P<d>0?[1-9]|[12]\d|3[01])[/\-.](?P<y>(?:19|20)\d{{2}}|\d{{2}})\b{TIME}")),
        (Style::DayFirst('.'), format!(r"\b(?P<d>1[3-9]|2\d|3[01])[/\-.](?P<m>0?[1-9]|1[0-2])[/\-.](?P<y>(?:19|20)\d{{2}})\b{TIME}")),
        (Style::Named, format!(r"(?i)\b{WEEKDAY}(?P<mon>{MONTHS})\.?\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d{{2}})|,\s*'?(?P<yy>\d{{2}}))?\b{TIME}")),
        (Style::Named, format!(r"(?i)\b{WEEKDAY}(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?[\s\-]+(?P<mon>{MONTHS})\.?(?:[\s\-,]+(?P<y>(?:19|20)\d{{2}}))?\b{TIME}")),
        (Style::Named, format!(r"(?i)\b(?P<mon>{MONTHS})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b")),
        (Style::Military(true), format!(r"(?i)\b(?P<d>[0-3]?\d)(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)(?P<y>(?:19|20)\d{{2}}|\d{{2}})\b{TIME}")),
        (Style::MonthDay, format!(r"(?i)\b(?:{MONTH_DAY_CUES})\s*:?\s+\(?(?P<m>0?[1-9]|1[0-2])/(?P<d>0?[1-9]|[12]\d|3[01])(?P<end>[^/\d]|$)")),
        // A month and a day past 12 with no cue (`seen 5/13`, `sched 9/24`): fractions, scores and strengths
        // (`3/4`, `8/9`, `4/5`) have small denominators.
        (Style::MonthDay, r"\b(?P<m>0?[1-9]|1[0-2])/(?P<d>1[3-9]|2\d|3[01])(?P<end>[^/\d]|$)".into()),
        // A month and a year (`since 02/2021`, `(01/2019)`).
        (Style::MonthYear, r"\b(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d{2})\b".into()),
        // A web server's log (`[29/Dec/2011:01:04:58 -0700]`).
        (Style::Named, format!(r"(?i)\b(?P<d>[0-3]?\d)/(?P<mon>{MONTHS})/(?P<y>(?:19|20)\d{{2}})(?P<time>:[0-2]\d:[0-5]\d:[0-5]\d(?:\s[+\-]\d{{4}})?)?")),
        // A day alone, by its ordinal (`on the 3rd`, `the evening of the 22nd`).
        (Style::DayOnly, r"(?i)\b(?:on|of|the|since|by|until)\s+(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)\b(?:\s+(?P<next>[a-z]+))?".into()),
    ]
}

/// The compiled date patterns.
pub(crate) struct DatePatterns {
    patterns: Vec<(Style, Regex)>,
    set: RegexSet,
}

impl DatePatterns {
    pub(crate) fn new() -> DatePatterns {
        let patterns: Vec<(Style, Regex)> = sources()
            .into_iter()
            .filter_map(|(style, source)| Some((style, super::patterns::compile(&source)?)))
            .collect();
        let set = RegexSet::new(patterns.iter().map(|(_, r)| r.as_str())).unwrap_or_else(|_| RegexSet::empty());
        DatePatterns { patterns, set }
    }

    /// Every date in the text: (start, end, date). Overlaps are resolved by the caller (the longest wins).
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, FoundDate)> {
        let mut out = Vec::new();
        for index in self.set.matches(text).iter() {
            let Some((style, regex)) = self.patterns.get(index) else { continue };
            for caps in regex.captures_iter(text) {
                if let Some(found) = read(&caps, *style) {
                    out.push(found);
                }
            }
        }
        out
    }
}

/// The month of a month name (`Sep`, `september`).
fn month_number(name: &str) -> Option<u32> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    months.iter().position(|m| *m == key).and_then(|i| u32::try_from(i + 1).ok())
}

fn read(caps: &Captures<'_>, style: Style) -> Option<(usize, usize, FoundDate)> {
    let whole = caps.get(0)?;
    let month = month_of(caps, style)?;
    let day = caps.name("d").and_then(|m| m.as_str().parse::<u32>().ok());
    let year = year_of(caps);
    let (start, end) = bounds(caps, style)?;
    // `3.2.14` is a version number far more often than a date: with periods, a month-first date needs its century.
    if style == Style::MonthFirst('/', 4) && separator(whole.as_str()) == '.' && caps.name("y")?.as_str().len() == 2 {
        return None;
    }
    if let (Some(y), Some(d)) = (year, day) {
        NaiveDate::from_ymd_opt(y, month, d)?;
    } else if day.is_some_and(|d| d == 0 || d > 31) {
        return None;
    }
    let rest = caps.name("time").map(|t| t.as_str().to_owned()).unwrap_or_default();
    let style = match style {
        Style::Iso(_) => Style::Iso(separator(whole.as_str())),
        Style::MonthFirst(_, _) => {
            let digits = u8::from(caps.name("y").is_some_and(|y| y.as_str().len() == 4)) * 2 + 2;
            Style::MonthFirst(separator(whole.as_str()), digits)
        }
        Style::DayFirst(_) => Style::DayFirst(separator(whole.as_str())),
        Style::Military(_) => {
            Style::Military(caps.name("mon").is_some_and(|m| m.as_str().chars().all(|c| c.is_uppercase())))
        }
        other => other,
    };
    Some((start, end, FoundDate { year, month, day, style, rest }))
}

/// The month, by name or number (0 for a day alone).
fn month_of(caps: &Captures<'_>, style: Style) -> Option<u32> {
    match caps.name("mon") {
        Some(name) => {
            // "may" and "mar" are words too: a lower-case one counts only with a year ("may 2024" still is).
            let lower = name.as_str().chars().next().is_some_and(char::is_lowercase);
            if lower
                && matches!(name.as_str(), "may" | "mar" | "march" | "dec" | "sep" | "june" | "july")
                && caps.name("y").is_none()
            {
                return None;
            }
            month_number(name.as_str())
        }
        None if style == Style::DayOnly => Some(0),
        None => caps.name("m").and_then(|m| m.as_str().parse::<u32>().ok()),
    }
}

fn year_of(caps: &Captures<'_>) -> Option<i32> {
    match (caps.name("y"), caps.name("yy")) {
        (Some(y), _) if y.as_str().len() == 2 => y.as_str().parse::<i32>().ok().map(two_digit_year),
        (Some(y), _) => y.as_str().parse::<i32>().ok(),
        (None, Some(yy)) => yy.as_str().parse::<i32>().ok().map(two_digit_year),
        (None, None) => None,
    }
}

/// Nouns after which an ordinal counts something, not a day ("the 2nd attempt").
const COUNTED: &[&str] = &[
    "attempt",
    "attempts",
    "time",
    "times",
    "try",
    "tube",
    "tubes",
    "dose",
    "doses",
    "floor",
    "day",
    "week",
    "month",
    "year",
    "trimester",
    "degree",
    "generation",
    "cycle",
    "round",
    "line",
    "draw",
    "specimen",
    "sample",
    "set",
    "bottle",
    "page",
    "grade",
    "percentile",
    "decade",
    "opinion",
    "call",
    "shift",
    "visit",
    "place",
    "one",
];

/// Where the date is in the match: without a cue word before it or the character looked at after it.
fn bounds(caps: &Captures<'_>, style: Style) -> Option<(usize, usize)> {
    let whole = caps.get(0)?;
    match style {
        Style::MonthDay => Some((caps.name("m")?.start(), caps.name("d")?.end())),
        Style::DayOnly => {
            if caps.name("next").is_some_and(|n| COUNTED.contains(&n.as_str().to_ascii_lowercase().as_str())) {
                return None;
            }
            let day = caps.name("d")?;
            Some((day.start(), day.end() + 2))
        }
        _ => Some((whole.start(), whole.end())),
    }
}

/// 24 → 2024, 50 → 1950 (a two-digit year within the last hundred years of 2049).
fn two_digit_year(yy: i32) -> i32 {
    if yy < 50 { 2000 + yy } else { 1900 + yy }
}

fn separator(text: &str) -> char {
    text.chars().find(|c| matches!(c, '-' | '/' | '.')).unwrap_or('-')
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl FoundDate {
    /// The date moved by `days`, written in the style it was found in (a date without a day is moved by its
    /// middle; one without a year is placed in `year_hint`).
    pub(crate) fn shifted(&self, days: i64, year_hint: i32) -> Option<String> {
        let date = NaiveDate::from_ymd_opt(self.year.unwrap_or(year_hint), self.month, self.day.unwrap_or(15))?;
        let moved = date.checked_add_signed(Duration::days(days))?;
        let (y, m, d) = (moved.year(), moved.month(), moved.day());
        Some(match self.style {
            Style::Iso(sep) => format!("{y:04}{sep}{m:02}{sep}{d:02}{}", self.rest),
            Style::Compact => format!("{y:04}{m:02}{d:02}{}", self.rest),
            Style::MonthFirst(sep, 2) => format!("{m:02}{sep}{d:02}{sep}{:02}{}", y.rem_euclid(100), self.rest),
            Style::MonthFirst(sep, _) => format!("{m:02}{sep}{d:02}{sep}{y:04}{}", self.rest),
            Style::DayFirst(sep) => format!("{d:02}{sep}{m:02}{sep}{y:04}{}", self.rest),
            Style::MonthDay => format!("{m}/{d}"),
            Style::MonthYear => format!("{m:02}/{y:04}"),
            Style::DayOnly => return None,
            Style::Military(capitals) => {
                let name = MONTH_NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?)?.get(..3)?;
                let name = if capitals { name.to_ascii_uppercase() } else { name.to_owned() };
                format!("{d:02}{name}{y:04}{}", self.rest)
            }
            Style::Named => {
                let name = MONTH_NAMES.get(usize::try_from(m).ok()?.checked_sub(1)?)?;
                match (self.day, self.year) {
                    (Some(_), Some(_)) => format!("{name} {d}, {y}{}", self.rest),
                    (Some(_), None) => format!("{name} {d}{}", self.rest),
                    (None, _) => format!("{name} {y}"),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<(String, Option<i32>, u32, Option<u32>)> {
        DatePatterns::new()
            .find(text)
            .into_iter()
            .map(|(s, e, d)| (text[s..e].to_owned(), d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn formats() {
        let one = |text: &str, want: &str, ymd: (Option<i32>, u32, Option<u32>)| {
            let found = dates(text);
            assert!(found.iter().any(|(t, y, m, d)| t == want && (*y, *m, *d) == ymd), "{text}: {found:?}");
        };
        one("on 2024-03-14T07:42:00-05:00 x", "2024-03-14T07:42:00-05:00", (Some(2024), 3, Some(14)));
        one("drawn 20240314 ok", "20240314", (Some(2024), 3, Some(14)));
        one("seen 3/14/2024 09:12", "3/14/2024 09:12", (Some(2024), 3, Some(14)));
        one("seen 03-14-24.", "03-14-24", (Some(2024), 3, Some(14)));
        one("am 14.03.2024", "14.03.2024", (Some(2024), 3, Some(14)));
        one("March 14, 2024 at 9:12 AM", "March 14, 2024 at 9:12 AM", (Some(2024), 3, Some(14)));
        one("the 2nd of April 2023", "2nd of April 2023", (Some(2023), 4, Some(2)));
        one("14-Mar-2024", "14-Mar-2024", (Some(2024), 3, Some(14)));
        one("Apr 2, 23", "Apr 2, 23", (Some(2023), 4, Some(2)));
        one("since Mar 2024", "Mar 2024", (Some(2024), 3, None));
        one("called on 3/14 re", "3/14", (None, 3, Some(14)));
        one("collected 1/5/22 0450, late", "1/5/22 0450", (Some(2022), 1, Some(5)));
        one("DOB 21MAR1921 |", "21MAR1921", (Some(1921), 3, Some(21)));
        one("given 07nov21.", "07nov21", (Some(2021), 11, Some(7)));
        one("Return Monday, October 6. Letter", "Monday, October 6", (None, 10, Some(6)));
        one("Sent: Wed, 10 Oct 2012 05:20:30 -0700", "Wed, 10 Oct 2012 05:20:30 -0700", (Some(2012), 10, Some(10)));
        one("2022-09-15 15:06:53,680 level=warn", "2022-09-15 15:06:53,680", (Some(2022), 9, Some(15)));
        one("[29/Dec/2011:01:04:58 -0700] GET", "29/Dec/2011:01:04:58 -0700", (Some(2011), 12, Some(29)));
        one("per pt, last BM 5/13.", "5/13", (None, 5, Some(13)));
        one("RTC 1/6.", "1/6", (None, 1, Some(6)));
        one("Labs (8/1): Plt 122", "8/1", (None, 8, Some(1)));
        one("under my care since 02/2021 for", "02/2021", (Some(2021), 2, None));
        one("the evening of the 3rd.", "3rd", (None, 0, Some(3)));
    }

    #[test]
    fn not_dates() {
        for text in [
            "BP 120/80",
            "titer 1/40",
            "ratio 1/2",
            "in 2019",
            "at 09:12",
            "you may 2 times",
            "2345-7",
            "13/14/2024",
            "K 2 dec",
            "firmware 3.2.14 in use",
            "strength 4/5 RLE",
            "Apgar 8/9",
            "murmur 2/6",
            "on the 2nd attempt",
            "3/4 full",
        ] {
            assert!(dates(text).is_empty(), "{text}: {:?}", dates(text));
        }
    }

    #[test]
    fn shifting_keeps_the_style() {
        let found = DatePatterns::new().find("seen 03/14/2024 09:12");
        let date = &found[0].2;
        assert_eq!(date.shifted(10, 2026).as_deref(), Some("03/24/2024 09:12"));
        let named = &DatePatterns::new().find("March 30, 2024")[0].2;
        assert_eq!(named.shifted(3, 2026).as_deref(), Some("April 2, 2024"));
        let military = &DatePatterns::new().find("DOB 30MAR1931")[0].2;
        assert_eq!(military.shifted(3, 2026).as_deref(), Some("02APR1931"));
    }
}
