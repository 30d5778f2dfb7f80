//! Phones, faxes, emails, postal addresses, URLs and IP addresses, and the `{slot}`s that write them.

use super::generator::{Draft, Generator, Record};
use super::names::{Person, slug};

/// A North American number: area code, exchange and line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Phone {
    pub(super) area: &'static str,
    pub(super) exchange: usize,
    pub(super) line: usize,
}

#[rustfmt::skip]
const AREA_CODES: &[&str] = &[
    "217", "309", "312", "618", "630", "708", "773", "815", "847", "224", "331", "779", "414", "608", "317", "314",
    "319", "515", "612", "262",
];
const FAX_CUES: &[&str] = &["Fax: ", "Fax ", "fax ", "FAX# ", "fax no. "];

const EMAIL_DOMAINS: &[&str] =
    &["gmail.com", "yahoo.com", "icloud.com", "outlook.com", "comcast.net", "aol.com", "sbcglobal.net", "uiuc.edu"];
const STAFF_DOMAINS: &[&str] = &["northwindhealth.org", "contoso-lab.com", "fabrikamclinics.org", "med.tailspin.edu"];
const URL_ORGS: &[&str] = &["northwindhealth", "contosolab", "fabrikamclinics", "lakesidelabs", "tailspinhealth"];

/// `(city, state abbreviation, state, first three ZIP digits)`.
#[rustfmt::skip]
pub(super) const PLACES: &[(&str, &str, &str, &str)] = &[
    ("Springfield", "IL", "Illinois", "627"), ("Peoria", "IL", "Illinois", "616"), ("Chicago", "IL", "Illinois", "606"),
    ("Normal", "IL", "Illinois", "617"), ("Champaign", "IL", "Illinois", "618"), ("Decatur", "IL", "Illinois", "625"),
    ("Rockford", "IL", "Illinois", "611"), ("Naperville", "IL", "Illinois", "605"), ("Aurora", "IL", "Illinois", "605"),
    ("Marion", "IL", "Illinois", "629"), ("Carbondale", "IL", "Illinois", "629"), ("Evanston", "IL", "Illinois", "602"),
    ("Oak Park", "IL", "Illinois", "603"), ("Bloomington", "IL", "Illinois", "617"),
    ("Quincy", "IL", "Illinois", "623"), ("Joliet", "IL", "Illinois", "604"), ("Urbana", "IL", "Illinois", "618"),
    ("Mount Vernon", "IL", "Illinois", "628"), ("Madison", "WI", "Wisconsin", "537"),
    ("Milwaukee", "WI", "Wisconsin", "532"), ("Green Bay", "WI", "Wisconsin", "543"),
    ("St. Louis", "MO", "Missouri", "631"), ("Indianapolis", "IN", "Indiana", "462"),
    ("Fort Wayne", "IN", "Indiana", "468"), ("Des Moines", "IA", "Iowa", "503"), ("Ann Arbor", "MI", "Michigan", "481"),
    ("Warren", "MI", "Michigan", "480"), ("Philadelphia", "PA", "Pennsylvania", "191"),
    ("Wilkes-Barre", "PA", "Pennsylvania", "187"), ("Lincoln", "NE", "Nebraska", "685"),
    ("Jackson", "MS", "Mississippi", "392"), ("Florence", "AL", "Alabama", "356"), ("Tyler", "TX", "Texas", "757"),
    ("San Antonio", "TX", "Texas", "782"), ("Santa Fe", "NM", "New Mexico", "875"),
    ("Española", "NM", "New Mexico", "875"), ("Honolulu", "HI", "Hawaii", "968"), ("Anchorage", "AK", "Alaska", "995"),
    ("Coeur d'Alene", "ID", "Idaho", "838"), ("Winston-Salem", "NC", "North Carolina", "271"),
    ("Charleston", "WV", "West Virginia", "253"), ("Eugene", "OR", "Oregon", "974"), ("Troy", "NY", "New York", "121"),
    ("Sioux Falls", "SD", "South Dakota", "571"),
];

#[rustfmt::skip]
const STREETS: &[&str] = &[
    "Elm", "Oak", "Maple", "Washington", "Lincoln", "Main", "Park", "Cedar", "Walnut", "Jefferson", "Madison", "Monroe",
    "3rd", "21st", "Martin Luther King Jr", "Old Orchard", "Sangamon", "Prairie View", "Lake Shore", "Cottage Grove",
    "Lakeview", "Riverside", "Willow Creek", "Wabash", "Ashland", "Halsted", "Kamehameha", "Veterans", "Saint Paul",
    "Dr. Martin Luther King",
];
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Ct", "Way", "Pl", "Pkwy", "Ter", "Cir",
];
const DIRECTIONS: &[&str] = &["N", "S", "E", "W", "North", "SW"];
const UNIT_PATTERNS: &[&str] = &["Apt #@", "Apt. ###", "Unit #", "Fl #", "Suite ###", "Lot ##", "Apt #-@"];

impl Generator {
    /// A phone, fax, email, address part, URL or IP address.
    pub(super) fn contact_slot(&mut self, key: &str, record: &Record, draft: &mut Draft) -> bool {
        match key {
            "phone" => draft.phi("phone", &self.phone_text(record.phone, false)),
            "cphone" => {
                let (phone, ext) = (self.phone(), self.chance(20));
                draft.phi("phone", &self.phone_text(phone, ext));
            }
            "fax" | "faxnum" => {
                if key == "fax" {
                    draft.put(self.pick(FAX_CUES));
                }
                let phone = self.phone();
                draft.phi("fax", &self.phone_text(phone, false));
            }
            "email" => draft.phi("email", &record.email),
            "cemail" => {
                let person = self.last_clinician.clone().unwrap_or_else(|| self.person());
                draft.phi("email", &self.staff_email(&person));
            }
            "street" => draft.phi("street_address", &record.street),
            "city" => draft.phi("city", record.place.0),
            "st" => draft.noise(record.place.1),
            "state" => draft.noise(record.place.2),
            "zip" => draft.phi("zip", &record.zip),
            "addr" => self.address(record, draft),
            "url" => draft.phi("url", &self.url(record)),
            "ip4" => draft.phi("ip", &self.ip4()),
            "ip6" => draft.phi("ip", &self.ip6()),
            "ip" => {
                let ip = if self.chance(60) { self.ip4() } else { self.ip6() };
                draft.phi("ip", &ip);
            }
            _ => return false,
        }
        true
    }

    /// A phone number; 30% in the fictional 555-01xx range.
    pub(super) fn phone(&mut self) -> Phone {
        let area = self.pick(AREA_CODES);
        if self.chance(30) {
            return Phone { area, exchange: 555, line: self.range(100, 199) };
        }
        let mut exchange = self.range(201, 989);
        if exchange % 100 == 11 {
            exchange += 1;
        }
        Phone { area, exchange, line: self.below(10_000) }
    }

    fn phone_text(&mut self, phone: Phone, extension: bool) -> String {
        let Phone { area: a, exchange: e, line: l } = phone;
        let mut text = match self.below(10) {
            0 | 1 => format!("({a}) {e}-{l:04}"),
            2 => format!("({a}){e}-{l:04}"),
            3 => format!("{a}-{e}-{l:04}"),
            4 => format!("{a}.{e}.{l:04}"),
            5 => format!("+1 {a} {e} {l:04}"),
            6 => format!("+1 ({a}) {e}-{l:04}"),
            7 => format!("1-{a}-{e}-{l:04}"),
            8 => format!("{a} {e} {l:04}"),
            _ => format!("{a}{e}{l:04}"),
        };
        if extension {
            let digits = self.range(2, 4);
            let number = self.pattern(&"#".repeat(digits));
            text.push_str(self.pick(&[" x", " ext. ", " ext ", " x"]));
            text.push_str(&number);
        }
        text
    }

    /// A personal email address made from a person's name.
    pub(super) fn email(&mut self, person: &Person) -> String {
        let (given, family) = (slug(&person.given), slug(&person.family));
        let initial = given.chars().next().map(String::from).unwrap_or_default();
        let local = match self.below(7) {
            0 => format!("{given}.{family}"),
            1 => format!("{initial}{family}"),
            2 => format!("{given}{family}{:02}", self.below(100)),
            3 => format!("{family}.{given}{}", self.range(1940, 2005)),
            4 => format!("{given}.{family}+labs"),
            5 => format!("{initial}-{family}"),
            _ => format!("{given}_{family}"),
        };
        let email = format!("{local}@{}", self.pick(EMAIL_DOMAINS));
        if self.chance(10) { email.to_uppercase() } else { email }
    }

    fn staff_email(&mut self, person: &Person) -> String {
        let (given, family) = (slug(&person.given), slug(&person.family));
        let initial = given.chars().next().map(String::from).unwrap_or_default();
        let local = if self.chance(50) { format!("{initial}{family}") } else { format!("{given}.{family}") };
        format!("{local}@{}", self.pick(STAFF_DOMAINS))
    }

    /// A street address with an optional direction and unit, or a PO box.
    pub(super) fn street(&mut self) -> String {
        if self.chance(8) {
            let number = self.range(1, 9999);
            return format!("{} {number}", self.pick(&["PO Box", "P.O. Box"]));
        }
        let highest = if self.chance(10) { 24_999 } else { 9999 };
        let mut street = self.range(1, highest).to_string();
        if self.chance(25) {
            street.push(' ');
            street.push_str(self.pick(DIRECTIONS));
        }
        street.push(' ');
        street.push_str(self.pick(STREETS));
        street.push(' ');
        street.push_str(self.pick(SUFFIXES));
        if self.chance(30) {
            let unit = self.pick(UNIT_PATTERNS);
            street.push(' ');
            street.push_str(&self.pattern(unit));
        }
        street
    }

    /// `12 Elm St Apt 4B, Springfield, IL 62704` and its variants: street, city and ZIP as three spans.
    fn address(&mut self, record: &Record, draft: &mut Draft) {
        let (city, abbreviation, state, _) = record.place;
        let (after_street, state_text, zip) = match self.below(6) {
            0 | 1 => (", ", abbreviation, true),
            2 => (" ", abbreviation, true),
            3 => (", ", state, true),
            4 => (", ", abbreviation, false),
            _ => ("; ", abbreviation, true),
        };
        draft.phi("street_address", &record.street);
        draft.put(after_street);
        draft.phi("city", city);
        draft.put(if after_street == " " { " " } else { ", " });
        draft.noise(state_text);
        if zip {
            draft.put(" ");
            draft.phi("zip", &record.zip);
        }
    }

    fn url(&mut self, record: &Record) -> String {
        let org = self.pick(URL_ORGS);
        match self.below(6) {
            0 => format!("https://mychart.{org}.org/MyChart/Results/{}", self.pattern("########")),
            1 => format!("https://portal.{org}.com/r/{}", self.pattern("######")),
            2 => format!("http://results.{org}.com/view?acc={}&pt={}", self.pattern("W##########"), record.mrn),
            3 => format!("www.{org}.org/patient/{}", self.pattern("%%%%%%%%").to_lowercase()),
            4 => format!("https://{}:8443/viewer?study={}", self.ip4(), self.pattern("#########")),
            _ => {
                let token: String = (0..16).map(|_| self.pick(&['0', '4', '7', '9', 'a', 'c', 'd', 'f'])).collect();
                format!("https://{org}.com/labs/report/{token}")
            }
        }
    }

    fn ip4(&mut self) -> String {
        let (b, c, d) = (self.below(256), self.below(256), self.range(1, 254));
        match self.below(4) {
            0 => format!("10.{b}.{c}.{d}"),
            1 => format!("172.{}.{c}.{d}", self.range(16, 31)),
            2 => format!("192.168.{c}.{d}"),
            _ => format!("{}.{b}.{c}.{d}", self.pick(&[24, 50, 66, 68, 71, 73, 98, 99, 107, 174])),
        }
    }

    fn ip6(&mut self) -> String {
        let mut group = || format!("{:x}", self.rng.below(65_536));
        let groups: Vec<String> = (0..6).map(|_| group()).collect();
        let g = |i: usize| groups.get(i).cloned().unwrap_or_default();
        match self.below(4) {
            0 => format!("2601:{}:{}:{}:{}:{}:{}:{}", g(0), g(1), g(2), g(3), g(4), g(5), g(0)),
            1 => format!("2001:db8:{}:{}::{}", g(0), g(1), g(2)),
            2 => format!("fe80::{}:{}:{}:{}", g(0), g(1), g(2), g(3)),
            _ => format!("::ffff:192.168.{}.{}", self.below(256), self.range(1, 254)),
        }
    }
}
