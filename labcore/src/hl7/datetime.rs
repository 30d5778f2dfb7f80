//! HL7 v2 date/times: `YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]` (the DTM data type, and the first
//! component of TS before v2.6). HL7 v2.5 §2.A.22 (TS): "If the time zone is not included, the time zone
//! defaults to that of the local time zone of the sender" — the offset of MSH-7 when it has one.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// How much of a date/time was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Precision {
    Year,
    Month,
    Day,
    Hour,
    Minute,
    Second,
}

/// A parsed HL7 date/time; missing parts are the start of the period (a day alone is its midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hl7Time {
    pub(crate) local: NaiveDateTime,
    pub(crate) offset: Option<FixedOffset>,
    pub(crate) precision: Precision,
}

impl Hl7Time {
    /// The instant, with the offset given, else `fallback`'s (the sender's), else UTC; and whether one was known.
    pub(crate) fn at(&self, fallback: Option<FixedOffset>) -> (DateTime<FixedOffset>, bool) {
        let (offset, known) = match self.offset.or(fallback) {
            Some(offset) => (offset, true),
            None => (chrono::Offset::fix(&chrono::Utc), false),
        };
        let at = self.local.and_local_timezone(offset).single().unwrap_or_else(|| self.local.and_utc().fixed_offset());
        (at, known)
    }
}

/// Parses a DTM value (white space around it ignored); `None` when it is not one.
///
/// ```text
/// 2026            year            20261124        day
/// 202611240742    minute          20261124074200.5-0500
/// ```
pub(crate) fn parse(text: &str) -> Option<Hl7Time> {
    let text = text.trim();
    let (body, offset) = split_offset(text)?;
    let (digits, fraction) = match body.split_once('.') {
        Some((digits, fraction)) => (digits, Some(fraction)),
        None => (body, None),
    };
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let precision = match digits.len() {
        4 => Precision::Year,
        6 => Precision::Month,
        8 => Precision::Day,
        10 => Precision::Hour,
        12 => Precision::Minute,
        14 => Precision::Second,
        _ => return None,
    };
    let nanos = match fraction {
        None => 0,
        Some(f)
            if precision == Precision::Second
                && (1..=4).contains(&f.len())
                && f.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let padded = format!("{f:0<9}");
            padded.parse::<u32>().ok()?
        }
        Some(_) => return None,
    };
    let number = |range: std::ops::Range<usize>, default: u32| -> Option<u32> {
        match digits.get(range) {
            Some(part) if !part.is_empty() => part.parse().ok(),
            _ => Some(default),
        }
    };
    let year = i32::try_from(number(0..4, 0)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(4..6, 1)?, number(6..8, 1)?)?;
    let time = NaiveTime::from_hms_nano_opt(number(8..10, 0)?, number(10..12, 0)?, number(12..14, 0)?, nanos)?;
    Some(Hl7Time { local: date.and_time(time), offset, precision })
}

/// Splits a trailing `+HHMM` / `-HHMM` offset off.
fn split_offset(text: &str) -> Option<(&str, Option<FixedOffset>)> {
    let Some(sign_at) = text.rfind(['+', '-']) else { return Some((text, None)) };
    let (body, zone) = text.split_at_checked(sign_at)?;
    let digits = zone.get(1..)?;
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let hours: i32 = digits.get(..2)?.parse().ok()?;
    let minutes: i32 = digits.get(2..)?.parse().ok()?;
    if hours > 14 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    let offset = if zone.starts_with('-') { FixedOffset::west_opt(seconds) } else { FixedOffset::east_opt(seconds) };
    Some((body, Some(offset?)))
}

/// Formats an instant as a DTM to the second with its offset (`20261124074200-0500`), for messages labcore writes.
/// (Written out rather than with chrono's `format`, whose format-string machinery the WebAssembly package
/// then need not carry.)
pub(crate) fn format(at: &DateTime<FixedOffset>) -> String {
    use chrono::{Datelike, Timelike};
    let offset = at.offset().local_minus_utc();
    let (sign, minutes) = if offset < 0 { ('-', -offset / 60) } else { ('+', offset / 60) };
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}{sign}{:02}{:02}",
        at.year(),
        at.month(),
        at.day(),
        at.hour(),
        at.minute(),
        at.second(),
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_chrono_would() {
        for text in ["2026-11-24T07:42:09-05:00", "1999-01-02T00:00:00+00:00", "2026-06-30T23:59:59+05:45"] {
            let at = DateTime::parse_from_rfc3339(text).unwrap();
            assert_eq!(format(&at), at.format("%Y%m%d%H%M%S%z").to_string());
        }
    }

    #[test]
    fn precisions() {
        let p = |t: &str| parse(t).map(|h| h.precision);
        assert_eq!(p("2026"), Some(Precision::Year));
        assert_eq!(p("202611"), Some(Precision::Month));
        assert_eq!(p("20261124"), Some(Precision::Day));
        assert_eq!(p("2026112407"), Some(Precision::Hour));
        assert_eq!(p("202611240742"), Some(Precision::Minute));
        assert_eq!(p("20261124074200.1234-0500"), Some(Precision::Second));
        for bad in
            ["", "2026112", "20261324", "20260230", "202611240760", "20261124074200.12345", "2026-11-24", "20261124+05"]
        {
            assert_eq!(p(bad), None, "{bad}");
        }
    }

    #[test]
    fn offsets() {
        let t = parse("202611240742-0500").unwrap();
        assert_eq!(t.at(None).0.to_rfc3339(), "2026-11-24T07:42:00-05:00");
        let local = parse("202611240742").unwrap();
        assert_eq!(local.at(None), (local.local.and_utc().fixed_offset(), false));
        let sender = FixedOffset::east_opt(3600);
        assert_eq!(local.at(sender).0.to_rfc3339(), "2026-11-24T07:42:00+01:00");
        assert_eq!(format(&t.at(None).0), "20261124074200-0500");
    }
}
