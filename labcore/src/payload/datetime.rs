//! Date-times as senders write them.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

/// A parsed date-time, and whether the text gave its UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Timestamp {
    pub(crate) at: DateTime<FixedOffset>,
    pub(crate) offset_given: bool,
}

/// With an offset: RFC 3339, also with a space for `T` or without seconds.
const WITH_OFFSET: &[&str] = &["%Y-%m-%d %H:%M:%S%.f%:z", "%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"];
/// Without an offset (read as UTC).
const WITHOUT_OFFSET: &[&str] = &["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"];

/// Parses RFC 3339 and its common relaxations; a date alone is midnight UTC.
pub(crate) fn parse(text: &str) -> Option<Timestamp> {
    let text = text.trim();
    if text.len() > 64 || !starts_with_full_date(text) {
        return None;
    }
    // `Z` for UTC, also after a time without seconds (chrono's relaxed formats only take numeric offsets).
    let zulu;
    let text = match text.strip_suffix(['Z', 'z']) {
        Some(rest) if rest.len() > 10 => {
            zulu = format!("{rest}+00:00");
            zulu.as_str()
        }
        _ => text,
    };
    let with_offset = DateTime::parse_from_rfc3339(text)
        .ok()
        .or_else(|| WITH_OFFSET.iter().find_map(|f| DateTime::parse_from_str(text, f).ok()));
    if let Some(at) = with_offset {
        return Some(Timestamp { at, offset_given: true });
    }
    let naive = WITHOUT_OFFSET
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)))?;
    Some(Timestamp { at: naive.and_utc().fixed_offset(), offset_given: false })
}

/// A date written exactly `YYYY-MM-DD`, read without chrono's general (and slow) format parser.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 || !starts_with_full_date(text) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// `YYYY-MM-DD` with exactly four, two and two digits (chrono alone would take `84-03-12` as the year 84).
pub(crate) fn starts_with_full_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 10
        && b.iter().take(10).enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() })
        && (b.len() == 10 || matches!(b.get(10), Some(b'T' | b't' | b' ')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let given = |t: &str| parse(t).map(|s| (s.at.to_rfc3339(), s.offset_given));
        assert_eq!(given("2026-11-20T08:30:00-05:00"), Some(("2026-11-20T08:30:00-05:00".into(), true)));
        assert_eq!(given("2026-11-20T13:30:00Z"), Some(("2026-11-20T13:30:00+00:00".into(), true)));
        assert_eq!(given("2026-11-20 08:30:00-05:00"), Some(("2026-11-20T08:30:00-05:00".into(), true)));
        assert_eq!(given("2026-11-20T08:30-05:00"), Some(("2026-11-20T08:30:00-05:00".into(), true)));
        assert_eq!(given("2026-11-20T08:30:00"), Some(("2026-11-20T08:30:00+00:00".into(), false)));
        assert_eq!(given("2026-11-20"), Some(("2026-11-20T00:00:00+00:00".into(), false)));
        assert_eq!(given("2026-11-20T08:30Z"), Some(("2026-11-20T08:30:00+00:00".into(), true)));
        assert_eq!(given("20/11/2026"), None);
        assert_eq!(given("26-11-24"), None);
        assert_eq!(given("2026-1-4"), None);
        assert_eq!(given("+2026-11-24"), None);
        assert_eq!(parse_date("2024-02-29"), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2023-2-28"), None);
        assert_eq!(parse_date("84-03-12"), None, "a two-digit year is not the year 84");
        assert_eq!(given("2026-02-30"), None);
    }
}
