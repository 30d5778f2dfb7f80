//! The patterns of Safe Harbor's geographic subdivisions smaller than a state (45 CFR 164.514(b)(2)(i)(B)):
//! street addresses (`12 Elm St Apt 4B`, `4915 Dr. Martin Luther King Jr Pkwy`, `PO Box 1432`), cities where an
//! address, a state or a ZIP code shows them to be one (`Springfield, IL 62704`, `Wilkes-Barre 18759`, `lives in
//! Joliet`), and ZIP codes after a state, a city or a cue. A state alone is not an identifier and stays.

use crate::redact::Category;

/// USPS state and territory abbreviations, for `City, ST 12345`.
pub(crate) const STATES: &str = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP";

/// State names, for `City, Illinois 62704`.
pub(crate) const STATE_NAMES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico|District of Columbia";

/// Street designators (USPS Publication 28, appendix C1, the common ones).
const STREETS: &str = "close|mews|gardens|grove|walk|rise|parade|wynd|chase|street|st|avenue|ave|av|road|rd|boulevard|blvd|lane|ln|drive|dr|court|ct|way|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|alley|aly|crescent|cres|route|rte|pike|plaza|plz|loop|run|row|path|point|crossing|xing|expressway|expy|freeway|fwy";

/// Secondary unit designators (Publication 28, appendix C2).
const UNITS: &str = "apt|apartment|suite|ste|unit|#|fl|floor|rm|room|lot|bldg|building|spc|space|trlr";

/// A street address: a house number, an optional direction, one to five capitalised words or ordinals
/// (`21st`), a designator, an optional unit, on the same line or the next (`6 Allan Trail⏎Apt. 279`). The words
/// are case-sensitive so that `116 sec. Notified Dr` is not one; the house number must not continue another
/// number (`881-63-0710 for Pt Lane`).
fn street() -> String {
    // Words without periods (a period ends the street: "7602 S Madison St. Per Dr. Horton"), but for a title
    // first ("Dr. Martin Luther King Jr. Blvd", "St. Charles Rd") and Jr./Sr.
    let word = r"(?:[\p{Lu}][\p{L}'\-]*|\d{1,3}(?:st|nd|rd|th)|[JS]r\.)";
    let direction = r"(?:(?:N|S|E|W|NE|NW|SE|SW|North|South|East|West)\.?\s+)?";
    let title = r"(?:(?:Dr|St|Mt|Ft)\.\s+)?";
    format!(
        r"(?:^|[\s,;(\x22'=\[])(\d{{1,6}}[A-Z]?[ \t]+{direction}{title}(?:{word}[ \t]+){{1,5}}(?i:{STREETS})\b\.?(?:(?:,?[ \t]*|[ \t]*\r?\n[ \t]*)(?i:{UNITS})[ \t]*\.?[ \t]*#?[ \t]*[A-Z0-9][A-Z0-9\-]*)?)"
    )
}

/// A street address in any case after a cue (`lives at 991 osage rd`, `mailed to 661 magnolia dr apt. 9d`,
/// `My address is …`): the cue makes up for the missing capitals.
fn cued_street() -> String {
    let cue = r"(?:lives?\s+at|living\s+at|mail(?:ed)?\s+(?:it\s+)?to|send\s+(?:it\s+|them\s+)?to|address(?:\s+is)?|addr|resid(?:es|ing)\s+at|home\s+at|located\s+at|staying\s+at|deliver(?:ed)?\s+to|pickup\s+(?:at|from))";
    format!(
        r"(?i)\b{cue}[\s:=\x22']*(\d{{1,6}}[a-z]?[ \t]+(?:(?:n|s|e|w|ne|nw|se|sw)\.?[ \t]+)?(?:[a-z0-9'\-\.]+[ \t]+){{0,5}}?(?:{STREETS})\b\.?(?:,?[ \t]*(?:{UNITS})[ \t]*\.?[ \t]*#?[ \t]*[a-z0-9\-]+)?)"
    )
}

/// A city in any case, one to three words.
const CITY_ANY_CASE: &str = r"[A-Za-z][A-Za-z'\-\.]+(?:[ \t][A-Za-z][A-Za-z'\-\.]+){0,2}?";

/// A city's name: one to three capitalised words (`Sioux Falls`, `Winston-Salem`, `Coeur d'Alene`, `St. Louis`).
const CITY: &str = r"(?:(?:St|Ft|Mt)\.\s)?[\p{Lu}][\p{L}'\-]+(?:\s(?:[\p{Lu}][\p{L}'\-]+|d'[\p{Lu}][\p{L}]+)){0,2}";

/// Whether a matched city is one: not a state's abbreviation or name (`Rockford, IL 61179` offers `IL` too).
pub(crate) fn plausible_city(text: &str) -> bool {
    const WIDER: &[&str] = &[
        "Europe",
        "Asia",
        "Africa",
        "America",
        "Canada",
        "Mexico",
        "England",
        "Scotland",
        "Wales",
        "Ireland",
        "Germany",
        "France",
        "Italy",
        "Spain",
        "India",
        "China",
        "Japan",
        "Australia",
        "Brazil",
        "Philippines",
        "Nigeria",
        "US",
        "USA",
        "UK",
    ];
    !STATES.split('|').chain(STATE_NAMES.split('|')).chain(WIDER.iter().copied()).any(|place| place == text)
}

/// What every place pattern needs somewhere in the text: a street designator, a unit, a box, a ZIP or postcode
/// shape, a state, a country, or a cue word of where someone lives.
pub(crate) fn gate() -> String {
    format!(
        r"(?i:\b(?:{STREETS}|{UNITS}|box|city|town|zip|postal|postcode|lives|living|resides|residing|moved|relocated|born|address|addr|line)\b)|\b\d{{5}}\b|\b(?:{STATES}|{STATE_NAMES}|NSW|VIC|QLD|TAS|ACT|Germany|Deutschland|Austria|Switzerland|France|Italy|Spain|Netherlands|Belgium)\b|[A-Z]\d[A-Z\d]?[ \t]\d[A-Z]{{2}}"
    )
}

/// The pattern table of places (category, regular expression, capture group).
pub(crate) fn table() -> Vec<(Category, String, usize)> {
    use Category as C;
    let street = street();
    let zip = r"(\d{5}(?:-\d{4})?)\b";
    // What follows a city: a state and maybe a ZIP code, or a ZIP code.
    let after_city = format!(r",\s*(?:{STATES}|{STATE_NAMES})\b\.?,?(?:\s+\d{{5}})?|\s+\d{{5}}(?:-\d{{4}})?\b");
    vec![
        (C::StreetAddress, street.clone(), 1),
        (C::StreetAddress, r"(?i)\bp\.?\s*o\.?\s*box\s+\d{1,6}\b".into(), 0),
        // "Box 3491, Gainesville": a box number before a city.
        (C::StreetAddress, r"\b(Box\s+\d{1,6}),?\s+[\p{Lu}]".into(), 1),
        (C::City, format!(r"(?i:\b(?:p\.?\s*o\.?\s*)?box\s+\d{{1,6}}),?[ \t]+({CITY_ANY_CASE})[ \t,]+(?i:(?:{STATES})[ \t,]+)?\d{{5}}(?:-\d{{4}})?\b"), 1),
        (C::Zip, format!(r"(?i:\b(?:p\.?\s*o\.?\s*)?box\s+\d{{1,6}}),?[ \t]+{CITY_ANY_CASE}[ \t,]+(?i:(?:{STATES})[ \t,]+)?(\d{{5}}(?:-\d{{4}})?)\b"), 1),
        (C::Zip, format!(r"(?i)\b(?:zip|zip\s*code|zipcode|postal\s*code)\s*[:#]?\s*{zip}"), 1),
        (C::Zip, format!(r"\b(?:{STATES}|{STATE_NAMES})\.?,?\s+{zip}"), 1),
        // A city right after a street address or a PO box, whatever follows it; or without a comma, before a
        // state ("61 Jefferson Avenue Naperville IL 60533").
        (C::City, format!(r"{street},\s+({CITY})\b"), 2),
        (C::City, format!(r"{street}\s+({CITY})\s+(?:{STATES})\b"), 2),
        (C::City, format!(r"(?i:\bp\.?\s*o\.?\s*box\s+\d{{1,6}}),\s+({CITY})\b"), 1),
        // A city before a ZIP code (`Warren 48053`) with its ZIP code, after a comma.
        (C::City, format!(r",\s+({CITY})\s+\d{{5}}(?:-\d{{4}})?\b"), 1),
        (C::Zip, format!(r",\s+{CITY}\s+{zip}"), 1),
        // A city before a state and a ZIP code, or a state written out (a two-letter state alone is too often a
        // degree: "Jane Doe, MD").
        (C::City, format!(r"\b({CITY}),\s*(?:{STATES})\.?,?\s+\d{{5}}\b"), 1),
        (C::City, format!(r"\b({CITY}),\s*(?:{STATE_NAMES})\b"), 1),
        // After a cued street in any case, a city and a ZIP code (`991 osage rd, reno 89508`).
        (C::StreetAddress, cued_street(), 1),
        (C::City, format!(r"{}[ \t,]+({CITY_ANY_CASE})[ \t,]+(?i:(?:{STATES})[ \t,]+)?\d{{5}}(?:-\d{{4}})?\b", cued_street()), 2),
        (C::Zip, format!(r"{}[ \t,]+{CITY_ANY_CASE}[ \t,]+(?i:(?:{STATES})[ \t,]+)?{zip}", cued_street()), 2),
        (C::City, format!(r"{street}[ \t,]+({CITY})[ \t,]+\d{{5}}(?:-\d{{4}})?\b"), 2),
        (C::Zip, format!(r"{street}[ \t,]+{CITY}[ \t,]+{zip}"), 2),
        // Keys of JSON and logs (`"city":"Oakland"`, `"postalCode":"05435"`, `"line":["1140 Jefferson Cir"]`).
        (C::City, r#"(?i)["']?\b(?:city|town)["']?\s*[:=]\s*["']([^"'\n]{2,40})["']"#.into(), 1),
        (C::Zip, r#"(?i)["']?\b(?:postal_?code|zip_?code|zip|postcode)["']?\s*[:=]\s*["']?([A-Z0-9][A-Z0-9 \-]{2,9}[A-Z0-9])\b"#.into(), 1),
        (C::StreetAddress, r#"(?i)["']?\b(?:line|street|address_?line\d?|street_?address)["']?\s*[:=]\s*\[?\s*["']([^"'\n]{3,80})["']"#.into(), 1),
        // Postcodes abroad: the United Kingdom (`CF15 4WS`), Canada (`K1A 0B1`), Australia (`Perth WA 6729`),
        // and `80522 München, Germany`.
        (C::Zip, r"\b([A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2})\b".into(), 1),
        (C::City, format!(r"\b({CITY})[ \t]+[A-Z]{{1,2}}\d[A-Z\d]?[ \t]\d[A-Z]{{2}}\b"), 1),
        (C::Zip, r"\b([A-Z]\d[A-Z][ \t]?\d[A-Z]\d)\b".into(), 1),
        (C::City, format!(r"\b({CITY})[ \t]+(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+\d{{4}}\b"), 1),
        (C::Zip, r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT)[ \t]+(\d{4})\b".into(), 1),
        (C::Zip, r"\b(\d{4,5})[ \t]+[\p{Lu}][\p{L}\-]+,[ \t]*(?:Germany|Deutschland|Austria|Österreich|Switzerland|France|Italy|Spain|Netherlands|Belgium)\b".into(), 1),
        (C::City, r"\b\d{4,5}[ \t]+([\p{Lu}][\p{L}\-]+),[ \t]*(?:Germany|Deutschland|Austria|Österreich|Switzerland|France|Italy|Spain|Netherlands|Belgium)\b".into(), 1),
        (C::StreetAddress, r"\b[\p{Lu}][\p{L}\-]*(?:straße|strasse|str\.|weg|gasse|platz|allee|damm|ring)[ \t]+\d{1,4}[a-z]?\b".into(), 0),
        // Where someone lives or comes from.
        (
            C::City,
            format!(
                r"(?i:\b(?:lives|living|resides|residing|moved|relocated|born)\s+(?:in|to|at)\s+)({CITY})(?:{after_city}|\s*\(|\b)"
            ),
            1,
        ),
    ]
}
