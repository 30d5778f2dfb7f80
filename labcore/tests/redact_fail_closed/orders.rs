//! HL7 v2.5.1: the people, numbers and places of an order and its results, written as real senders write them —
//! the ordering provider (OBR-16, ORC-12) with middle name, degree and NPI, callback numbers (OBR-17, ORC-14),
//! result copies (OBR-28, repeating), the principal result interpreter, assistant, technician and
//! transcriptionist (OBR-32..35, NDL) both as the standard encodes them (a CNN in sub-components) and as many
//! senders do (components, like an XCN), who entered, verified and acted on the order (ORC-10, 11, 19), the
//! ordering facility with its address and phone and the provider's address (ORC-21..24), the responsible
//! observer, performing organisation and medical director (OBX-16, 23..25), the specimen's identifiers (SPM-2,
//! 30, 31). None survives; every result (OBX-3 to 8) comes out as it went in.

/// Names, numbers and addresses planted in the message: none may survive.
const SECRETS: &[&str] = &[
    // Patient
    "Everyman",
    "Adam",
    "PATID1234",
    // Ordering provider (OBR-16, ORC-12) and his NPI
    "Hartwell",
    "Simone",
    "Quinlan",
    "1629084123",
    "1187",
    "2231",
    "9981",
    "4410",
    "5582",
    // Collector (OBR-10)
    "Sandoval",
    "Teodoro",
    // Result copies to (OBR-28)
    "Brennan",
    "Oisin",
    "Castellanos",
    "Yara",
    "1457302298",
    // Principal result interpreter, assistant, technician, transcriptionist (OBR-32..35)
    "Abernathy",
    "Lucinda",
    "Marisol",
    "7731",
    "Quennell",
    "Tobias",
    "8842",
    "Vasquez-Ruiz",
    "Imelda",
    "9953",
    "Thornbury",
    "Gideon",
    "1064",
    // Entered by, verified by, action by (ORC-10, 11, 19)
    "Okonkwo",
    "Chidi",
    "Lindqvist",
    "Maren",
    "Pemberton",
    "Alistair",
    // Callback numbers (OBR-17, ORC-14, ORC-23)
    "5550143",
    "2175550143",
    "5550188",
    "2175550188",
    "5550172",
    // Ordering facility and provider addresses (ORC-22, 24), performing organisation's (OBX-24)
    "4417 Larkspur Lane",
    "902 Wexford Court",
    "Suite 300",
    "1200 Meridian Parkway",
    "62704",
    "62711",
    "Chatham",
    // Responsible observer and medical director (OBX-16, 25)
    "Fairweather",
    "Ingrid",
    "5521",
    "Delacroix",
    "Benedikt",
    "1831290477",
    // Order, filler, group and specimen numbers
    "ORD448811",
    "LAB99812",
    "GRP5521",
    "SPC20240314042",
    "ACC778120",
    "TUBE55120",
];

const NPI: &str = "NPI&2.16.840.1.113883.4.6&ISO";
const ORDERING: &str = "1629084123^Hartwell^Simone^Quinlan^Jr^Dr^MD^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI";
const CALLBACK: &str = "^WPN^PH^^1^217^5550143";

/// A segment with the fields given by position.
fn segment(id: &str, fields: &[(usize, &str)]) -> String {
    let last = fields.iter().map(|(n, _)| *n).max().unwrap_or(0);
    let values = (1..=last).map(|n| fields.iter().find(|(f, _)| *f == n).map_or("", |(_, v)| *v));
    std::iter::once(id).chain(values).collect::<Vec<_>>().join("|")
}

/// The message, with OBR-32..35 of the second order as given (`ndl`: the four fields).
fn message(ndl: [&str; 4]) -> String {
    let org = "SPRINGFIELD CLINICAL LAB^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^14D0999999";
    let observer = format!("5521^Fairweather^Ingrid^^^^MLS^^{NPI}");
    let director = format!("1831290477^Delacroix^Benedikt^^^Dr^MD^^{NPI}^L^^^NPI");
    let copies = format!("1457302298^Brennan^Oisin^^^^MD^^{NPI}~5582^Castellanos^Yara^^^^NP");
    let mut lines = vec![
        concat!(
            "MSH|^~\\&|LIS|SPRINGFIELD LAB^2.16.840.1.113883.3.999^ISO|ELR|IDPH^2.16.840.1.113883.3.111^ISO|",
            "20240314091200-0500||ORU^R01^ORU_R01|MSG00001|P|2.5.1|||NE|NE"
        )
        .to_owned(),
        "PID|1||PATID1234^^^SPRINGFIELD&2.16.840.1.113883.3.999&ISO^MR||Everyman^Adam^A||19700304|M".to_owned(),
        segment(
            "ORC",
            &[
                (1, "RE"),
                (2, "ORD448811^EHR^2.16.840.1.113883.3.42^ISO"),
                (3, "LAB99812^LAB^2.16.840.1.113883.3.999^ISO"),
                (4, "GRP5521^EHR"),
                (9, "20240314083000"),
                (10, "1187^Okonkwo^Chidi^^^^^^EHR"),
                (11, "2231^Lindqvist^Maren^^^^RN"),
                (12, ORDERING),
                (14, "^WPN^PH^^1^217^5550143~(217)555-0172^WPN^FX"),
                (15, "20240314083000"),
                (19, "9981^Pemberton^Alistair^^^^^^EHR"),
                (21, "Maple Grove Family Medicine^L^^^^CLIA&2.16.840.1.113883.4.7&ISO^XX^^^14D0999998"),
                (22, "4417 Larkspur Lane^^Chatham^IL^62704^USA^B"),
                (23, "^WPN^PH^^1^217^5550188"),
                (24, "902 Wexford Court^Suite 300^Chatham^IL^62711^USA^O"),
            ],
        ),
        segment(
            "OBR",
            &[
                (1, "1"),
                (2, "ORD448811^EHR^2.16.840.1.113883.3.42^ISO"),
                (3, "LAB99812^LAB^2.16.840.1.113883.3.999^ISO"),
                (4, "24323-8^Comprehensive metabolic panel^LN"),
                (7, "20240314083000"),
                (10, "4410^Sandoval^Teodoro^^^^PBT"),
                (13, "Fasting per Dr Hartwell"),
                (14, "20240314084500"),
                (16, ORDERING),
                (17, CALLBACK),
                (22, "20240314101500"),
                (25, "F"),
                (28, &copies),
                (32, "7731&Abernathy&Lucinda&Marisol&&Dr&MD^20240314100000^20240314101500"),
                (33, "8842&Quennell&Tobias"),
                (34, "9953&Vasquez-Ruiz&Imelda&&&&MLS"),
                (35, "1064&Thornbury&Gideon"),
            ],
        ),
        segment(
            "OBX",
            &[
                (1, "1"),
                (2, "NM"),
                (3, "2345-7^Glucose^LN"),
                (5, "105"),
                (6, "mg/dL"),
                (7, "70-99"),
                (8, "H"),
                (11, "F"),
                (14, "20240314083000"),
                (15, "14D0999999^SPRINGFIELD LAB^CLIA"),
                (16, &observer),
                (19, "20240314101000"),
                (23, org),
                (24, "1200 Meridian Parkway^^Chatham^IL^62704^USA^B"),
                (25, &director),
            ],
        ),
        "OBX|2|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F".to_owned(),
        segment(
            "SPM",
            &[
                (1, "1"),
                (2, "SPC20240314042&LAB&2.16.840.1.113883.3.999&ISO^ACC778120&EHR"),
                (3, "TUBE55120&LAB"),
                (4, "119297000^Blood^SCT"),
                (17, "20240314083000"),
                (18, "20240314084500"),
                (30, "ACC778120^^^LAB^ACSN"),
                (31, "TUBE55120^^^LAB"),
            ],
        ),
    ];
    let [interpreter, assistant, technician, transcriptionist] = ndl;
    lines.push(segment(
        "OBR",
        &[
            (1, "2"),
            (2, "ORD448811^EHR"),
            (3, "LAB99812^LAB"),
            (4, "2093-3^Cholesterol^LN"),
            (7, "20240314083000"),
            (16, "1629084123^Hartwell^Simone^Quinlan^Jr^Dr^MD"),
            (17, CALLBACK),
            (22, "20240314101500"),
            (25, "F"),
            (32, interpreter),
            (33, assistant),
            (34, technician),
            (35, transcriptionist),
        ],
    ));
    lines.push("OBX|1|NM|2093-3^Cholesterol^LN||212|mg/dL|<200|H|||F".to_owned());
    lines.join("\r") + "\r"
}

/// OBR-32..35 written as components (an XCN's layout) instead of the NDL's CNN sub-components.
const NDL_AS_COMPONENTS: [&str; 4] = [
    "7731^Abernathy^Lucinda^Marisol^^Dr^MD",
    "8842^Quennell^Tobias^^^^MLT",
    "9953^Vasquez-Ruiz^Imelda^^^^MLS",
    "1064^Thornbury^Gideon",
];

/// OBX-3 to OBX-8 of every OBX of a message.
fn results(message: &str) -> Vec<String> {
    let rows = message.split('\r').filter(|l| l.starts_with("OBX|"));
    rows.map(|l| l.split('|').skip(3).take(6).collect::<Vec<_>>().join("|")).collect()
}

#[test]
fn every_person_number_and_address_of_an_order_is_redacted_and_its_results_kept() {
    let message = message(NDL_AS_COMPONENTS);
    let secrets: Vec<String> = SECRETS.iter().map(|s| (*s).to_owned()).collect();
    for redactor in crate::redactors() {
        let redacted = redactor.hl7(message.as_bytes(), &crate::options()).unwrap();
        let survivors = crate::survivors(&secrets, &redacted);
        assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
        assert_eq!(results(&redacted.output), results(&message), "a result changed");
        assert_eq!(results(&message).len(), 3);
        for kept in ["ORU^R01^ORU_R01|MSG00001|P|2.5.1", "24323-8^Comprehensive metabolic panel^LN", "|F|||"] {
            assert!(redacted.output.contains(kept), "{kept} lost");
        }
    }
}
