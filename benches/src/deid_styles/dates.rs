//! Dates in the shapes people and systems write them, and ages.
//!
//! Every rendering here is one `date` span: the day, month and year as written, a weekday joined to the date by
//! a comma, and a time attached to the date (`03/14/2024 09:12`, `2024-03-14T07:42:10Z`, `Mar  4 07:42:10`).

use chrono::{Datelike, NaiveDate, Weekday};

use super::writer::Writer;

const MONTHS: [&str; 12] = [
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

/// A day between `from` and `to` years (inclusive).
pub(super) fn random_day(w: &mut Writer, from: u32, to: u32) -> NaiveDate {
    let year = i32::try_from(w.between(from, to)).unwrap_or(2020);
    let ordinal = w.between(1, 365);
    NaiveDate::from_yo_opt(year, ordinal).unwrap_or_default()
}

/// `day` moved by `days` (negative: earlier).
pub(super) fn shift(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_add_signed(chrono::TimeDelta::days(days)).unwrap_or(day)
}

fn month_name(day: NaiveDate) -> &'static str {
    MONTHS.get(day.month0() as usize).copied().unwrap_or("March")
}

fn month_abbr(day: NaiveDate) -> &'static str {
    month_name(day).get(..3).unwrap_or("Mar")
}

fn weekday_name(day: NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// `1st`, `2nd`, `3rd`, `4th`, `11th`, `22nd`.
pub(super) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// A clock time written alone (never annotated): `14:32`, `1432`, `2:32 PM`, `0312`.
pub(super) fn time(w: &mut Writer) -> String {
    let (hour, minute) = (w.between(0, 23), w.between(0, 59));
    let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
    let meridiem = if hour < 12 { "AM" } else { "PM" };
    match w.below(4) {
        0 => format!("{hour:02}:{minute:02}"),
        1 => format!("{hour:02}{minute:02}"),
        2 => format!("{twelve}:{minute:02} {meridiem}"),
        _ => format!("{twelve}:{minute:02}{}", meridiem.to_lowercase()),
    }
}

fn with_time(w: &mut Writer, day: NaiveDate) -> String {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let (hour, minute) = (w.between(0, 23), w.between(0, 59));
    let twelve = if hour % 12 == 0 { 12 } else { hour % 12 };
    let meridiem = if hour < 12 { "AM" } else { "PM" };
    match w.below(5) {
        0 => format!("{m:02}/{d:02}/{y} {hour:02}:{minute:02}"),
        1 => format!("{m:02}/{d:02}/{y} {twelve}:{minute:02} {meridiem}"),
        2 => format!("{y}-{m:02}-{d:02} {hour:02}:{minute:02}"),
        3 => format!("{d:02}-{}-{y} {hour:02}{minute:02}", month_abbr(day).to_uppercase()),
        _ => format!("{} {d}, {y} {twelve}:{minute:02} {meridiem}", month_abbr(day)),
    }
}

fn machine_stamp(w: &mut Writer, day: NaiveDate, form: &str) -> String {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let (hh, mm, ss) = (w.between(0, 23), w.between(0, 59), w.between(0, 59));
    let millis = w.between(0, 999);
    let abbr = month_abbr(day);
    match form {
        "hl7ts" if w.chance(50) => format!("{y}{m:02}{d:02}{hh:02}{mm:02}"),
        "hl7ts" => format!("{y}{m:02}{d:02}{hh:02}{mm:02}{ss:02}"),
        "syslog" => format!("{abbr} {d:>2} {hh:02}:{mm:02}:{ss:02}"),
        "bracket" => format!("{d:02}/{abbr}/{y}:{hh:02}:{mm:02}:{ss:02} -0{}00", w.between(4, 8)),
        "rfc" => {
            let weekday = weekday_name(day).get(..3).unwrap_or("Mon");
            format!("{weekday}, {d} {abbr} {y} {hh:02}:{mm:02}:{ss:02} -0{}00", w.between(4, 8))
        }
        _ => match w.below(4) {
            0 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}Z"),
            1 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}.{millis:03}Z"),
            2 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mm:02}:{ss:02}-0{}:00", w.between(4, 8)),
            _ => format!("{y}-{m:02}-{d:02} {hh:02}:{mm:02}:{ss:02},{millis:03}"),
        },
    }
}

/// Forms a narrative note uses for a full date.
const NARRATIVE: &[&str] = &["us", "us", "us1", "us2", "long", "abbr", "dmon", "iso", "mdord", "dm"];
/// Forms people use in messages.
const CASUAL: &[&str] = &["us1", "us3", "long", "abbr", "mdord", "dm", "ordof", "us", "eu"];
/// Forms hurried lab staff use.
const MESSY: &[&str] = &["md", "md", "us3", "dmon2", "compact", "us2", "mdz", "us1"];

/// `day` written in `form`; `None` for an unknown form. `narr`, `casual` and `messy` pick a form people of that
/// kind use.
pub(super) fn format(w: &mut Writer, day: NaiveDate, form: &str) -> Option<String> {
    let group = match form {
        "narr" => NARRATIVE,
        "casual" => CASUAL,
        "messy" => MESSY,
        _ => return numeric(w, day, form).or_else(|| worded(w, day, form)),
    };
    let chosen = w.pick(group);
    format(w, day, chosen)
}

/// Forms in digits only (and machine timestamps).
fn numeric(w: &mut Writer, day: NaiveDate, form: &str) -> Option<String> {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let yy = y % 100;
    let text = match form {
        "us" => format!("{m:02}/{d:02}/{y}"),
        "us1" => format!("{m}/{d}/{y}"),
        "us2" => format!("{m:02}/{d:02}/{yy:02}"),
        "us3" => format!("{m}/{d}/{yy:02}"),
        "md" => format!("{m}/{d}"),
        "mdz" => format!("{m:02}/{d:02}"),
        "iso" => format!("{y}-{m:02}-{d:02}"),
        "eu" if w.chance(50) => format!("{d:02}.{m:02}.{y}"),
        "eu" => format!("{d:02}/{m:02}/{y}"),
        "hl7" => format!("{y}{m:02}{d:02}"),
        "ord" => ordinal(d),
        "dt" => with_time(w, day),
        "stamp" | "hl7ts" | "syslog" | "bracket" | "rfc" => machine_stamp(w, day, form),
        _ => return None,
    };
    Some(text)
}

/// Forms with the month's name.
fn worded(w: &mut Writer, day: NaiveDate, form: &str) -> Option<String> {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let (yy, name, abbr, upper) = (y % 100, month_name(day), month_abbr(day), month_abbr(day).to_uppercase());
    let weekday = weekday_name(day);
    let text = match form {
        "dmon" if w.chance(50) => format!("{d:02}-{upper}-{y}"),
        "dmon" => format!("{d}-{abbr}-{y}"),
        "dmon2" => format!("{d:02}-{upper}-{yy:02}"),
        "long" => format!("{name} {d}, {y}"),
        "abbr" if w.chance(30) && name.len() > 3 => format!("{abbr}. {d}, {y}"),
        "abbr" => format!("{abbr} {d}, {y}"),
        "dm" => format!("{d} {name} {y}"),
        "ordof" => format!("{} of {name} {y}", ordinal(d)),
        "mdord" if w.chance(50) => format!("{name} {}", ordinal(d)),
        "mdord" => format!("{name} {}, {y}", ordinal(d)),
        "monyr" => match w.below(3) {
            0 => format!("{name} {y}"),
            1 => format!("{abbr} {y}"),
            _ => format!("{m:02}/{y}"),
        },
        "wk" => match w.below(3) {
            0 => format!("{weekday}, {name} {d}"),
            1 => format!("{}, {abbr} {d}", weekday.get(..3).unwrap_or("Mon")),
            _ => format!("{weekday}, {name} {d}, {y}"),
        },
        "compact" if w.chance(50) => format!("{d:02}{upper}{y}"),
        "compact" => format!("{d:02}{upper}{yy:02}"),
        _ => return None,
    };
    Some(text)
}

/// Writes an age in `form`, annotated when it is 90 or over; `false` for an unknown form.
///
/// Forms: `hyph` (`92-year-old`), `yo` (`92 yo`, `92 y/o`, `92yo`, `92 year old`, `92 years old`, `92 yrs`),
/// `any` (one of those), `n` (the number alone, after a cue the template writes: `age 92`), `a` (the article
/// that goes before the `hyph` form: `a`, or `an` for 8, 11, 18 and the eighties).
pub(super) fn age(w: &mut Writer, years: u32, form: &str) -> bool {
    let text = match form {
        "a" => {
            let an = matches!(years, 8 | 11 | 18 | 80..=89);
            w.t(if an { "an" } else { "a" });
            return true;
        }
        "n" => years.to_string(),
        "hyph" => format!("{years}-{}", w.pick(&["year-old", "year-old", "year-old", "yr-old"])),
        "yo" => {
            let unit = w.pick(&[" yo", " y/o", "yo", " year old", " years old", " yrs", "y", " yo"]);
            format!("{years}{unit}")
        }
        "any" => {
            let chosen = w.pick(&["hyph", "yo"]);
            return age(w, years, chosen);
        }
        _ => return false,
    };
    w.maybe(years >= 90, "age", &text);
    true
}
