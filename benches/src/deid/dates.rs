//! Dates: the formats clinical text uses, with and without a time, and the `{slot}`s that write them.

use super::generator::{Draft, Generator, Record};

/// A date and time of day.
#[derive(Debug, Clone, Copy)]
pub(super) struct Date {
    pub(super) y: usize,
    pub(super) m: usize,
    pub(super) d: usize,
    pub(super) hh: usize,
    pub(super) mi: usize,
}

#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];

/// Formats of a birth date, of an event date, of an event date and time, and year-less ones (after `on`).
const BIRTH_FORMATS: &[u8] = &[0, 1, 2, 3, 3, 3, 4, 6, 7, 8, 9, 11, 13, 14];
const EVENT_FORMATS: &[u8] = &[0, 1, 2, 3, 3, 4, 5, 5, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14];
const TIMED_FORMATS: &[u8] = &[20, 21, 22, 22, 23, 24, 25, 26, 3, 5, 7];
const SHORT_FORMATS: &[u8] = &[30, 30, 31, 32, 33, 3, 4, 5, 7, 1, 10];

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn date_text(w: Date, format: u8) -> String {
    let Date { y, m, d, hh, mi } = w;
    let month = MONTHS.get(m.saturating_sub(1)).copied().unwrap_or("January");
    let mon = month.get(..3).unwrap_or(month);
    let yy = y % 100;
    let (h12, meridiem) = (if hh % 12 == 0 { 12 } else { hh % 12 }, if hh < 12 { "AM" } else { "PM" });
    match format {
        0 => format!("{month} {d}, {y}"),
        1 => format!("{mon} {d}, {y}"),
        2 => format!("{d} {month} {y}"),
        3 => format!("{m:02}/{d:02}/{y}"),
        4 => format!("{m}/{d}/{y}"),
        5 => format!("{m}/{d}/{yy:02}"),
        6 => format!("{d:02}-{mon}-{y}"),
        7 => format!("{y}-{m:02}-{d:02}"),
        8 => format!("{}.{m}.{y}", if d > 12 { d } else { d + 12 }),
        9 => format!("{} of {month} {y}", ordinal(d)),
        10 => format!("{mon} {d}, {yy:02}"),
        11 => format!("{y}{m:02}{d:02}"),
        12 => format!("{month} {y}"),
        13 => format!("{d:02}{}{y}", mon.to_uppercase()),
        14 => format!("{month} {} {y}", ordinal(d)),
        20 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mi:02}"),
        21 => format!("{y}-{m:02}-{d:02}T{hh:02}:{mi:02}:{:02}-05:00", (mi * 7) % 60),
        22 => format!("{m:02}/{d:02}/{y} {hh:02}:{mi:02}"),
        23 => format!("{m}/{d}/{yy:02} {hh:02}{mi:02}"),
        24 => format!("{y}-{m:02}-{d:02} {hh:02}:{mi:02}"),
        25 => format!("{d:02}-{mon}-{y} {hh:02}:{mi:02}"),
        26 => format!("{mon} {d}, {y} {h12}:{mi:02} {meridiem}"),
        30 => format!("{m}/{d}"),
        31 => format!("{mon} {d}"),
        32 => format!("{month} {}", ordinal(d)),
        _ => format!("{d} {mon}"),
    }
}

impl Generator {
    /// A date and time between 2021 and 2026.
    fn event(&mut self) -> Date {
        let (y, m, d) = (self.range(2021, 2026), self.range(1, 12), self.range(1, 28));
        Date { y, m, d, hh: self.below(24), mi: self.below(60) }
    }

    /// An event date (with or without a time, or year-less) or a birth date, in one of its formats.
    pub(super) fn date_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        let (when, formats) = match key {
            "date" => (self.event(), EVENT_FORMATS),
            "dt" => (self.event(), TIMED_FORMATS),
            "date_short" => (self.event(), SHORT_FORMATS),
            "dob" => (record.dob, BIRTH_FORMATS),
            "dob_alt" => (Date { d: record.dob.d % 28 + 1, ..record.dob }, BIRTH_FORMATS),
            "dob_any" => (Date { y: self.range(1940, 2005), ..self.event() }, BIRTH_FORMATS),
            _ => return false,
        };
        let format = self.pick(formats);
        draft.phi("date", &date_text(when, format));
        true
    }
}
