//! Phone and fax numbers (US and abroad), email domains, personal URLs and IP addresses.
//!
//! Half of the US numbers use the 555-01xx block reserved for fiction and the documentation IP ranges of
//! RFC 5737 / RFC 3849 appear beside other shapes, so a detector cannot lean on either.

use super::people::{Person, ascii_fold};
use super::writer::Writer;

#[rustfmt::skip]
const AREA_CODES: &[&str] = &[
    "217", "312", "614", "520", "509", "903", "541", "256", "765", "601", "608", "402", "512", "704", "586", "518",
    "978", "912", "208", "928", "218", "207", "802", "337", "559", "510", "626", "650", "718", "914", "973", "856",
    "570", "610", "330", "419", "219", "309", "815", "319", "605", "701", "406", "307", "505", "575", "775", "801",
    "907", "808", "850", "407", "305", "423", "865", "859", "304", "540", "302", "860", "401", "508", "803", "501",
];

/// Personal mail providers.
pub(super) const PERSONAL_DOMAINS: &[&str] = &[
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "aol.com",
    "proton.me",
    "comcast.net",
    "gmx.de",
    "yahoo.co.uk",
    "att.net",
    "live.com",
];

/// Workplace domains of invented hospitals, clinics and laboratories.
pub(super) const WORK_DOMAINS: &[&str] = &[
    "riverbendhealth.org",
    "harlancreek.org",
    "northgate-labs.com",
    "stagathas.org",
    "valleyviewmed.com",
    "pinecrestpath.com",
    "lakeshore-clinic.net",
    "mesaverde-health.org",
    "bluestemlab.com",
    "cwmc.org",
];

/// The three parts of a US number: area code, exchange, line.
#[derive(Debug, Clone)]
pub(super) struct UsNumber(pub(super) String, pub(super) String, pub(super) String);

impl UsNumber {
    /// A random number, half of them in the 555-01xx fiction block.
    pub(super) fn random(w: &mut Writer) -> UsNumber {
        let area = w.pick(AREA_CODES).to_owned();
        if w.chance(50) {
            return UsNumber(area, "555".to_owned(), format!("01{}", w.digits(2)));
        }
        let mut exchange = format!("{}{}", w.between(2, 9), w.digits(2));
        if exchange == "555" {
            exchange = "556".to_owned();
        }
        UsNumber(area, exchange, w.digits(4))
    }

    /// `(217) 555-0199`, the form a record keeps.
    pub(super) fn canonical(&self) -> String {
        format!("({}) {}-{}", self.0, self.1, self.2)
    }

    /// The number in one of the many ways people and systems write it.
    pub(super) fn written(&self, w: &mut Writer, form: &str) -> String {
        let UsNumber(a, e, l) = self;
        let shape = match form {
            "e164" => 11,
            "hl7" => 9,
            _ => w.below(13),
        };
        match shape {
            0 => format!("({a}) {e}-{l}"),
            1 => format!("{a}-{e}-{l}"),
            2 => format!("{a}.{e}.{l}"),
            3 => format!("({a}) {e} {l}"),
            4 => format!("+1-{a}-{e}-{l}"),
            5 => format!("+1 {a} {e} {l}"),
            6 => format!("1-{a}-{e}-{l}"),
            7 => format!("{a}{e}{l}"),
            8 => format!("{a} {e} {l}"),
            9 => format!("({a}){e}-{l}"),
            10 => format!("+1 ({a}) {e}-{l}"),
            11 => format!("+1{a}{e}{l}"),
            _ => format!("{a}-{e}-{l}"),
        }
    }
}

/// A phone extension appended to a number (inside its span).
pub(super) fn extension(w: &mut Writer) -> String {
    let digits = w.between(10, 9999);
    match w.below(4) {
        0 => format!(" ext. {digits}"),
        1 => format!(" x{digits}"),
        2 => format!(" ext {digits}"),
        _ => format!(" EXT {digits}"),
    }
}

/// A number outside the US, written with its country code (or the national trunk prefix).
pub(super) fn international(w: &mut Writer) -> String {
    let (d2, d3, d4) = (w.digits(2), w.digits(3), w.digits(4));
    match w.below(12) {
        0 => format!("+44 20 7946 0{}", w.digits(3)),
        1 => format!("+44 (0)20 7946 0{}", w.digits(3)),
        2 => format!("+44 7700 900{}", w.digits(3)),
        3 => format!("+49 30 {d4}{d4}"),
        4 => format!("+49 (0)89 {d3} {d4}"),
        5 => format!("+33 1 {d2} {} {} {}", w.digits(2), w.digits(2), w.digits(2)),
        6 => format!("+91 9{d4} {}", w.digits(5)),
        7 => format!("+61 491 570 {d3}"),
        8 => format!("+52 55 {d4} {}", w.digits(4)),
        9 => format!("+55 11 9{d4}-{}", w.digits(4)),
        10 => format!("+234 803 {d3} {d4}"),
        _ => format!("+63 917 {d3} {d4}"),
    }
}

fn hex(w: &mut Writer, n: usize) -> String {
    w.chars_of(n, "0123456789abcdef")
}

/// A URL that belongs to a person: a profile, a fundraiser, a shared file, a portal link with a token.
pub(super) fn personal_url(w: &mut Writer, person: &Person, mrn: &str) -> String {
    let given = ascii_fold(person.given);
    let family = ascii_fold(person.family);
    let (h4, h12) = (hex(w, 4), hex(w, 12));
    match w.below(9) {
        0 => format!("https://www.facebook.com/{given}.{family}.{}", w.between(1, 9999)),
        1 => format!("https://www.linkedin.com/in/{given}-{family}-{h4}"),
        2 => format!("http://www.{given}{family}photography.com"),
        3 => format!("https://www.gofundme.com/f/help-{given}-{family}-recover"),
        4 => format!(
            "https://drive.google.com/file/d/1{}/view?usp=sharing",
            w.chars_of(20, "abcdefghijkmnpqrstuvwxyzABCDEFGH0123456789_-")
        ),
        5 => format!("www.instagram.com/{given}_{family}{}", w.between(1, 99)),
        6 => format!("https://portal.{}/results?mrn={mrn}&token={h12}", w.pick(WORK_DOMAINS)),
        7 => format!("https://calendly.com/{given}-{family}/30min"),
        _ => format!("https://myhealth.{}/share/{h12}{h4}", w.pick(WORK_DOMAINS)),
    }
}

fn octet(w: &mut Writer) -> u32 {
    w.between(1, 254)
}

/// An IPv4 address a person's device would show: documentation ranges, home and carrier ranges.
pub(super) fn ipv4(w: &mut Writer) -> String {
    let (b, c, d) = (octet(w), octet(w), octet(w));
    match w.below(6) {
        0 => format!("203.0.113.{d}"),
        1 => format!("198.51.100.{d}"),
        2 => format!("192.168.{}.{d}", w.between(0, 2)),
        3 => format!("10.{b}.{c}.{d}"),
        _ => format!("{}.{b}.{c}.{d}", w.pick(&["24", "67", "73", "98", "108", "142", "174", "71", "99", "66", "86"])),
    }
}

/// An IPv6 address in full, compressed or IPv4-mapped form.
pub(super) fn ipv6(w: &mut Writer) -> String {
    let groups: Vec<String> = (0..6).map(|_| hex(w, 4).trim_start_matches('0').to_owned()).collect();
    let g = |i: usize| groups.get(i).map(|s| if s.is_empty() { "0".to_owned() } else { s.clone() }).unwrap_or_default();
    match w.below(4) {
        0 => format!("2001:0db8:{}:0000:0000:{}:{}:{}", hex(w, 4), hex(w, 4), hex(w, 4), hex(w, 4)),
        1 => format!("2001:db8:{}::{}:{}", g(0), g(1), g(2)),
        2 => format!("2600:1700:{}:{}:{}:{}:{}:{}", g(0), g(1), g(2), g(3), g(4), g(5)),
        _ => format!("::ffff:{}", ipv4(w)),
    }
}
