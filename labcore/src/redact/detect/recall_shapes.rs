//! The shapes the recall-first search adds to the precise ones: phone numbers of any country (national formats,
//! trunk `0` and `00` prefixes, `(0)`, glued extensions `x4587`), postcodes after a cue (`zip code is 3610-114`),
//! an address after an address cue up to the end of its sentence (over several lines), month/two-digit-year
//! dates (`8/87`), a month's name alone, a year after a preposition, and IBANs in lower case. Each expression is
//! compiled by the `regex` crate, which matches in linear time whatever the text.

use regex::Regex;

use super::numbers::Check;
use crate::redact::Category;

/// One shape: its category, its expression, and which group holds the identifier.
struct Shape {
    category: Category,
    regex: Regex,
    group: usize,
}

/// The compiled shapes.
pub(crate) struct RecallShapes {
    shapes: Vec<Shape>,
}

/// Abbreviations whose period does not end an address (`Apt. 12`, `ul. Kwiatowa`, `St. John`).
const ADDRESS_ABBREVIATIONS: &[&str] = &[
    "apt", "ul", "st", "ave", "av", "rd", "dr", "no", "nr", "str", "pl", "al", "os", "bl", "blvd", "ln", "ct", "ste",
    "fl", "mt", "ft", "c", "n", "s", "e", "w", "sq", "pk", "hwy", "bldg", "dept", "co",
];

/// The expressions (category, source, group).
fn table() -> Vec<(Category, &'static str, usize)> {
    use Category as C;
    vec![
        // An international or national number: `+`/`00` and a country code, `(0)`, an area code in brackets,
        // groups of digits separated by spaces, dots, dashes or slashes, and an extension.
        (
            C::Phone,
            r"(?:\+\d{1,4}[ .\-]?|\b00\d{1,4}[ .\-]?)?(?:\(\+?\d{1,4}\)[ .\-]?)?(?:\(0\)[ .\-]?)?(?:\(\d{1,5}\)[ .\-/]?|\b)\d(?:[ .\-/]?\d){5,15}(?:[ ]?(?:x|ext\.?|extn?|\#)[ ]?\d{1,6}){0,2}\b",
            0,
        ),
        // A postcode after its cue: `zip code is 88932`, `postcode: SW1A 1AA`, `PLZ 10115`.
        (
            C::Zip,
            r"(?i)\b(?:zip(?:\s*code)?|post(?:al)?\s*code|postcode|plz|cap|cp)(?:\s+(?:is|was|of))?\s*[:#=]?\s*([a-z]{0,2}-?\d[\da-z]{0,6}(?:[ \-]\d[\da-z]{1,4})?)\b",
            1,
        ),
        // An address after an address cue, to the end of its sentence (line breaks included).
        (
            C::StreetAddress,
            r"(?i)\b(?:(?:new|home|current|mailing|postal|street|permanent)\s+address(?:\s+is)?|address\s*(?:is|:)|lives\s+at|living\s+at|resides\s+at|residing\s+at|home\s*:|send\s+(?:the\s+)?(?:report|results|letter|it)\s+to\s*:|mail(?:ed)?\s+to\s*:?|ship(?:ped)?\s+to\s*:?|moved\s+to\s+\d)[ \t:]*\n?()",
            1,
        ),
        // Month and two-digit year: `8/87`, `12/75` (not a score out of ten, not part of a longer date).
        (C::Date, r"(?:^|[^\d/.,:])((?:0?[1-9]|1[0-2])/(?:[02-9]\d|1[1-9]))(?:$|[^\d/])", 1),
        // A month's name alone ("Seen in December"); `May` only after a preposition.
        (
            C::Date,
            r"\b(January|February|March|April|June|July|August|September|October|November|December|(?:(?i:in|since|of|until|during|from|by|early|late|mid|last|next)\s+)May)\b",
            1,
        ),
        // A year after a preposition ("Appendectomy in 1987", "since 2003").
        (C::Date, r"(?i)\b(?:in|since|from|until|till|during|year|of|circa|ca\.)\s+((?:19|20)\d{2})\b(?:[^\d%]|$)", 1),
        // An IBAN in any case (`de89 3704 0044 0532 0130 00`), checked after upper-casing.
        (C::Account, r"(?i)\b[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}(?: ?[a-z0-9]{1,3})?\b", 0),
    ]
}

impl RecallShapes {
    /// The compiled shapes.
    pub(crate) fn new() -> RecallShapes {
        let shapes = table()
            .into_iter()
            .filter_map(|(category, source, group)| {
                super::patterns::compile(source).map(|regex| Shape { category, regex, group })
            })
            .collect();
        RecallShapes { shapes }
    }

    /// Every match, as (start, end, category).
    pub(crate) fn find(&self, text: &str) -> Vec<(usize, usize, Category)> {
        let mut out = Vec::new();
        for shape in &self.shapes {
            // Capture slots cost more than the search: the whole match when it is the identifier.
            let found: Vec<(usize, usize)> = if shape.group == 0 {
                shape.regex.find_iter(text).map(|m| (m.start(), m.end())).collect()
            } else {
                let group = |c: regex::Captures<'_>| c.get(shape.group).map(|m| (m.start(), m.end()));
                shape.regex.captures_iter(text).filter_map(group).collect()
            };
            for (start, end) in found {
                if let Some(end) = accepted(shape.category, text, start, end) {
                    out.push((start, end, shape.category));
                }
            }
        }
        out
    }
}

/// Where an accepted match ends (an address without its closing punctuation), or `None` for a match that is
/// not the identifier its shape suggests.
fn accepted(category: Category, text: &str, start: usize, end: usize) -> Option<usize> {
    let found = text.get(start..end)?;
    match category {
        Category::Phone => phone_like(found).then_some(end),
        Category::Account => Check::Iban.passes(&found.to_ascii_uppercase()).then_some(end),
        Category::StreetAddress => address_end(text, start),
        _ => Some(end),
    }
}

/// Seven to fifteen digits before any extension, and not a date or a decimal number.
fn phone_like(found: &str) -> bool {
    let number = found.split(['x', '#']).next().unwrap_or(found);
    let number = number.split("ext").next().unwrap_or(number);
    let digits = number.bytes().filter(u8::is_ascii_digit).count();
    let groups: Vec<&str> = number.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    // Dotted without spaces: a version, a decimal or an IP address unless grouped like a phone (`850.683.7140`).
    let dotted = number.contains('.')
        && !number.contains(' ')
        && (groups.len() < 3 || groups.iter().all(|g| g.len() <= 3) || groups.iter().any(|g| g.len() == 1));
    let date = groups.len() == 3
        && (groups.first().is_some_and(|g| g.len() == 4) || groups.last().is_some_and(|g| g.len() == 4))
        && groups.iter().all(|g| g.len() <= 4)
        && digits == 8;
    (7..=15).contains(&digits) && !date && !dotted
}

/// Where an address that starts at `start` (after its cue) ends: at the end of its sentence — a period before a
/// space and no digit, unless the word before it is an abbreviation (`Apt. 12`, `ul. Kwiatowa`) — or at a blank
/// line, and at most 200 bytes on. It must hold a digit: `lives at home` is no address.
fn address_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let mut end = rest.len().min(200);
    let mut previous = '\n';
    for (i, c) in rest.char_indices() {
        if i >= 200 {
            end = i;
            break;
        }
        let after = rest.get(i + c.len_utf8()..).unwrap_or_default();
        let blank_line = c == '\n' && previous == '\n';
        // `Szabadság utca 43.` then a line break: the period of an ordinal house number, not a sentence's end.
        let ordinal = previous.is_ascii_digit() && after.starts_with('\n');
        let period = c == '.' && after.chars().next().is_none_or(char::is_whitespace) && !numbered(after) && !ordinal;
        if blank_line || period && !abbreviation_before(rest.get(..i).unwrap_or_default()) {
            end = i;
            break;
        }
        previous = c;
    }
    let found = rest.get(..end)?;
    let trimmed = found.trim_end_matches(|c: char| !c.is_alphanumeric());
    trimmed.bytes().any(|b| b.is_ascii_digit()).then_some(start + trimmed.len())
}

/// Whether text after a period goes on with a number (`Apt. 12`).
fn numbered(after: &str) -> bool {
    after.trim_start_matches([' ', '\t']).starts_with(|c: char| c.is_ascii_digit())
}

/// Whether the text ends with an abbreviation that opens an address or one of its lines (`ul. Kwiatowa`,
/// `Apt. B`): its period does not end the address. One that closes a street (`Grove Dr. Second`) does.
fn abbreviation_before(before: &str) -> bool {
    let word = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or_default();
    let opening = before.get(..before.len() - word.len()).unwrap_or_default().trim_end_matches([' ', '\t']);
    let opens = opening.is_empty() || opening.ends_with(['\n', ',']);
    opens && ADDRESS_ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Category, &str)> {
        let shapes = RecallShapes::new();
        let mut out: Vec<(Category, &str)> =
            shapes.find(text).into_iter().map(|(s, e, c)| (c, text.get(s..e).unwrap_or_default())).collect();
        out.sort();
        out
    }

    #[test]
    fn international_phones_postcodes_and_dates() {
        assert_eq!(found("Call 0490 75 40 81 today"), [(Category::Phone, "0490 75 40 81")]);
        assert_eq!(found("or 345-899-3560x4587."), [(Category::Phone, "345-899-3560x4587")]);
        assert_eq!(found("on 00420 601 854 372."), [(Category::Phone, "00420 601 854 372")]);
        assert_eq!(found("at +44(0)909 879 0007"), [(Category::Phone, "+44(0)909 879 0007")]);
        assert!(found("The zip code is 3610-114.").contains(&(Category::Zip, "3610-114")));
        assert_eq!(found("Symptoms since 8/87."), [(Category::Date, "8/87")]);
        assert_eq!(found("Seen in December, in May"), [(Category::Date, "December"), (Category::Date, "in May")]);
        assert_eq!(found("Appendectomy in 1987."), [(Category::Date, "1987")]);
        assert_eq!(found("IBAN gb82west12345698765432."), [(Category::Account, "gb82west12345698765432")]);
    }

    #[test]
    fn an_address_after_its_cue_runs_to_the_end_of_its_sentence() {
        let text = "Lives at ul. Kwiatowa 12\nApt. 4\n26-118 Sochaczew. Redraw requested.";
        assert_eq!(found(text), [(Category::StreetAddress, "ul. Kwiatowa 12\nApt. 4\n26-118 Sochaczew")]);
        assert_eq!(found("Lives at home with her son."), []);
    }

    #[test]
    fn lab_values_scores_and_dates_are_no_phones() {
        for text in ["WBC 12.5 x10^3/uL", "pain 7/10", "BP 120/80", "Collected 2024-03-14", "on 14.03.2024", "1.73m2"] {
            assert!(found(text).iter().all(|(c, _)| *c != Category::Phone), "{text}: {:?}", found(text));
        }
    }
}
