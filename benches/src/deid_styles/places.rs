//! Street addresses, cities and postal codes, in the US and abroad. The street (with its unit), the city and the
//! postal code are three spans; the state, province or country is never annotated.

use super::writer::Writer;

/// `(city, state abbreviation, state name, first three ZIP digits)`; several cities share a name with a person.
#[rustfmt::skip]
pub(super) const US_CITIES: &[(&str, &str, &str, &str)] = &[
    ("Dayton", "OH", "Ohio", "454"), ("Tucson", "AZ", "Arizona", "857"), ("Spokane", "WA", "Washington", "992"),
    ("Tyler", "TX", "Texas", "757"), ("Eugene", "OR", "Oregon", "974"), ("Florence", "AL", "Alabama", "356"),
    ("Marion", "IN", "Indiana", "469"), ("Jackson", "MS", "Mississippi", "392"),
    ("Madison", "WI", "Wisconsin", "537"), ("Lincoln", "NE", "Nebraska", "685"), ("Austin", "TX", "Texas", "787"),
    ("Charlotte", "NC", "North Carolina", "282"), ("Warren", "MI", "Michigan", "480"),
    ("Troy", "NY", "New York", "121"), ("Beverly", "MA", "Massachusetts", "019"),
    ("Savannah", "GA", "Georgia", "314"), ("Boise", "ID", "Idaho", "837"), ("Flagstaff", "AZ", "Arizona", "860"),
    ("Duluth", "MN", "Minnesota", "558"), ("Bangor", "ME", "Maine", "044"), ("Burlington", "VT", "Vermont", "054"),
    ("Lafayette", "LA", "Louisiana", "705"), ("Fresno", "CA", "California", "937"),
    ("Oakland", "CA", "California", "946"), ("Pasadena", "CA", "California", "911"),
    ("Mountain View", "CA", "California", "940"), ("Brooklyn", "NY", "New York", "112"),
    ("Yonkers", "NY", "New York", "107"), ("Newark", "NJ", "New Jersey", "071"),
    ("Camden", "NJ", "New Jersey", "081"), ("Scranton", "PA", "Pennsylvania", "185"),
    ("Allentown", "PA", "Pennsylvania", "181"), ("Akron", "OH", "Ohio", "443"), ("Toledo", "OH", "Ohio", "436"),
    ("Gary", "IN", "Indiana", "464"), ("Peoria", "IL", "Illinois", "616"), ("Joliet", "IL", "Illinois", "604"),
    ("Cedar Rapids", "IA", "Iowa", "524"), ("Sioux Falls", "SD", "South Dakota", "571"),
    ("Fargo", "ND", "North Dakota", "581"), ("Billings", "MT", "Montana", "591"),
    ("Cheyenne", "WY", "Wyoming", "820"), ("Santa Fe", "NM", "New Mexico", "875"),
    ("Las Cruces", "NM", "New Mexico", "880"), ("Reno", "NV", "Nevada", "895"), ("Provo", "UT", "Utah", "846"),
    ("Anchorage", "AK", "Alaska", "995"), ("Hilo", "HI", "Hawaii", "967"), ("Tallahassee", "FL", "Florida", "323"),
    ("Kissimmee", "FL", "Florida", "347"), ("Hialeah", "FL", "Florida", "330"),
    ("Chattanooga", "TN", "Tennessee", "374"), ("Knoxville", "TN", "Tennessee", "379"),
    ("Lexington", "KY", "Kentucky", "405"), ("Huntington", "WV", "West Virginia", "257"),
    ("Roanoke", "VA", "Virginia", "240"), ("Wilmington", "DE", "Delaware", "198"),
    ("Hartford", "CT", "Connecticut", "061"), ("Providence", "RI", "Rhode Island", "029"),
    ("Worcester", "MA", "Massachusetts", "016"), ("Columbia", "SC", "South Carolina", "292"),
    ("Little Rock", "AR", "Arkansas", "722"), ("Tulsa", "OK", "Oklahoma", "741"), ("Wichita", "KS", "Kansas", "672"),
    ("Springfield", "MO", "Missouri", "658"), ("St. Paul", "MN", "Minnesota", "551"),
    ("Ann Arbor", "MI", "Michigan", "481"), ("Grand Rapids", "MI", "Michigan", "495"),
    ("El Paso", "TX", "Texas", "799"), ("Laredo", "TX", "Texas", "780"), ("Baton Rouge", "LA", "Louisiana", "708"),
    ("Gainesville", "FL", "Florida", "326"),
];

const STREET_NAMES: &[&str] = &[
    "Maple",
    "Larch",
    "Hawthorne",
    "Juniper",
    "Willow",
    "Sycamore",
    "Magnolia",
    "Prospect",
    "Highland",
    "Lakeview",
    "Ridge",
    "Mill",
    "Church",
    "Washington",
    "Franklin",
    "Jefferson",
    "Front",
    "Water",
    "Spring",
    "Pleasant",
    "Sunset",
    "Orchard",
    "Meadow",
    "Briar",
    "Fox Run",
    "Quail Hollow",
    "Old Mill",
    "Kingsley",
    "Alvarado",
    "Calle Luna",
    "Martin Luther King Jr",
    "Amphora",
    "Tamarack",
    "Cottonwood",
    "Bluebonnet",
    "Saguaro",
    "Osage",
    "Wyandotte",
    "Beacon",
    "Harbor View",
    "Peachtree",
    "Chickasaw",
    "Mesquite",
    "Aspen Glen",
    "3rd",
    "12th",
    "Fifth",
    "Elmhurst",
    "Greenbriar",
    "Cardinal",
    "Wren",
    "Heron Bay",
    "Piñon",
    "Sequoia",
    "Dogwood",
];

const SUFFIXES: &[&str] = &[
    "St", "Street", "Ave", "Avenue", "Rd", "Road", "Blvd", "Dr", "Drive", "Ln", "Lane", "Ct", "Way", "Pl", "Pkwy",
    "Ter", "Cir", "Trl", "Hwy", "Loop",
];

const UNITS: &[&str] = &["Apt", "Apt.", "Unit", "#", "Suite", "Ste", "Fl", "Lot", "Rm"];

/// A US address: each part as it will be written.
#[derive(Debug, Clone)]
pub(super) struct Address {
    /// Number, street and unit (`4417 Larch Ave Apt 3B`, `PO Box 1187`).
    pub(super) street: String,
    /// City.
    pub(super) city: &'static str,
    /// State abbreviation (never annotated).
    pub(super) state: &'static str,
    /// State name (never annotated).
    pub(super) state_name: &'static str,
    /// Five- or nine-digit ZIP.
    pub(super) zip: String,
}

/// A US street line: number, optional direction, name, suffix and sometimes a unit.
pub(super) fn us_street(w: &mut Writer) -> String {
    if w.chance(6) {
        return format!("{} {}", w.pick(&["PO Box", "P.O. Box", "Box"]), w.between(10, 9999));
    }
    let number = match w.below(4) {
        0 => w.between(1, 99).to_string(),
        1 => w.between(100, 999).to_string(),
        2 => w.between(1000, 9999).to_string(),
        _ => w.between(10_000, 48_999).to_string(),
    };
    let direction = if w.chance(20) { w.pick(&["N ", "S ", "E ", "W ", "NE ", "SW "]) } else { "" };
    let mut street = format!("{number} {direction}{} {}", w.pick(STREET_NAMES), w.pick(SUFFIXES));
    if w.chance(30) {
        let unit = w.pick(UNITS);
        let label = match w.below(3) {
            0 => w.between(1, 40).to_string(),
            1 => format!("{}{}", w.between(1, 12), w.chars_of(1, "ABCDEF")),
            _ => w.between(100, 2400).to_string(),
        };
        let separator = if unit == "#" {
            " "
        } else if w.chance(25) {
            ", "
        } else {
            " "
        };
        let gap = if unit == "#" { "" } else { " " };
        street = format!("{street}{separator}{unit}{gap}{label}");
    }
    street
}

impl Address {
    /// A random US address.
    pub(super) fn us(w: &mut Writer) -> Address {
        let (city, state, state_name, zip3) = w.pick_or(US_CITIES, ("Dayton", "OH", "Ohio", "454"));
        let mut zip = format!("{zip3}{}", w.digits(2));
        if w.chance(15) {
            zip = format!("{zip}-{}", w.digits(4));
        }
        Address { street: us_street(w), city, state, state_name, zip }
    }

    /// Writes the address on one line (`street, city, ST zip`), over two lines, without the state, or as an
    /// HL7 XAD (`STREET^^CITY^ST^ZIP`); `false` for an unknown form.
    pub(super) fn write(&self, w: &mut Writer, form: &str) -> bool {
        match form {
            "line" | "nl" | "nostate" => {
                let gap = if form == "nl" { "\n" } else { ", " };
                w.phi("street_address", &self.street).t(gap).phi("city", self.city);
                if form == "nostate" {
                    w.t(" ");
                } else {
                    let state = if w.chance(15) { self.state_name } else { self.state };
                    w.t(", ").t(state).t(" ");
                }
                w.phi("zip", &self.zip);
            }
            "hl7" => {
                w.phi("street_address", &self.street.to_uppercase()).t("^^").phi("city", &self.city.to_uppercase());
                w.t("^").t(self.state).t("^").phi("zip", &self.zip);
            }
            _ => return false,
        }
        true
    }
}

const ABROAD_STREETS: &[&str] = &["Carrow", "Albion", "Station", "Victoria", "Queen", "Harbour", "Linden", "Birch"];

/// Writes a street, city and postal code in the UK, Canada, Germany or Australia.
pub(super) fn write_abroad(w: &mut Writer) {
    let number = w.between(1, 240);
    let name = w.pick(ABROAD_STREETS);
    match w.below(4) {
        0 => uk(w, number, name),
        1 => canada(w, number, name),
        2 => germany(w, number, name),
        _ => australia(w, number, name),
    }
}

fn uk(w: &mut Writer, number: u32, name: &str) {
    let towns = [("Leeds", "LS"), ("Norwich", "NR"), ("Bristol", "BS"), ("York", "YO"), ("Cardiff", "CF")];
    let (city, area) = w.pick_or(&towns, ("Leeds", "LS"));
    let suffix = w.pick(&["Road", "Lane", "Close", "Crescent", "Street", "Mews"]);
    let inward = w.chars_of(2, "ABDEFGHJLNPQRSTUWXYZ");
    let postcode = format!("{area}{} {}{inward}", w.between(1, 28), w.between(1, 9));
    w.phi("street_address", &format!("{number} {name} {suffix}")).t(", ").phi("city", city);
    w.t(" ").phi("zip", &postcode).t(", UK");
}

fn canada(w: &mut Writer, number: u32, name: &str) {
    let cities = [("Toronto", "ON", "M"), ("Halifax", "NS", "B"), ("Calgary", "AB", "T"), ("Winnipeg", "MB", "R")];
    let (city, province, letter) = w.pick_or(&cities, ("Toronto", "ON", "M"));
    let letters = "ABCEGHJKLMNPRSTVXY";
    let (d1, l1, d2, l2, d3) = (w.digits(1), w.chars_of(1, letters), w.digits(1), w.chars_of(1, letters), w.digits(1));
    let code = format!("{letter}{d1}{l1} {d2}{l2}{d3}");
    w.phi("street_address", &format!("{number} {name} St")).t(", ").phi("city", city);
    w.t(", ").t(province).t(" ").phi("zip", &code).t(", Canada");
}

fn germany(w: &mut Writer, number: u32, name: &str) {
    let cities = [("Berlin", "10"), ("Hamburg", "20"), ("München", "80"), ("Leipzig", "04"), ("Köln", "50")];
    let (city, prefix) = w.pick_or(&cities, ("Berlin", "10"));
    let street = format!("{name}{} {number}", w.pick(&["straße", "weg", "allee"]));
    let code = format!("{prefix}{}", w.digits(3));
    w.phi("street_address", &street).t(", ").phi("zip", &code).t(" ").phi("city", city).t(", Germany");
}

fn australia(w: &mut Writer, number: u32, name: &str) {
    let cities = [("Sydney", "NSW", "2"), ("Melbourne", "VIC", "3"), ("Brisbane", "QLD", "4"), ("Perth", "WA", "6")];
    let (city, state, first) = w.pick_or(&cities, ("Sydney", "NSW", "2"));
    let code = format!("{first}{}", w.digits(3));
    w.phi("street_address", &format!("{number} {name} St")).t(", ").phi("city", city);
    w.t(" ").t(state).t(" ").phi("zip", &code).t(", Australia");
}
