//! Generated HL7 v2.5.1 ORU^R01 messages for the HL7 benchmarks: complete blood counts with a 5-part differential
//! (20 OBX each), shaped like the NIST LRI sample in `conformance/hl7/samples/nist-lri-cbc-auto-diff-v251.hl7`
//! (MSH-21 profiles, ORC, OBR-22/25, OBX-14/19/23/24/25, SPM), plus hostile inputs for the linear-time checks.
//!
//! Values are physiologically consistent (Hct = RBC x MCV, the differential sums to 100 % and its absolute
//! counts are WBC x %), spread around the reference range so that some fall outside it; OBX-8 agrees with
//! OBX-5 against OBX-7. LOINC codes, long names and UCUM units are the catalog's (`labcore/catalog/cbc.toml`).

use std::fmt::Write as _;

use crate::Lcg;

/// One CBC analyte as a lab reports it.
struct Analyte {
    loinc: &'static str,
    long_name: &'static str,
    /// OBX-3.9, the lab's own text.
    text: &'static str,
    ucum: &'static str,
    unit_text: &'static str,
    /// Reference range for (female, male).
    range: [(f64, f64); 2],
    /// Decimals the lab prints.
    decimals: usize,
}

const fn analyte(
    loinc: &'static str,
    long_name: &'static str,
    text: &'static str,
    (ucum, unit_text): (&'static str, &'static str),
    range: [(f64, f64); 2],
    decimals: usize,
) -> Analyte {
    Analyte { loinc, long_name, text, ucum, unit_text, range, decimals }
}

const THOUSAND: (&str, &str) = ("10*3/uL", "thousand per microliter");
const PERCENT: (&str, &str) = ("%", "percent");
const FL: (&str, &str) = ("fL", "femtoliter");
const G_DL: (&str, &str) = ("g/dL", "grams per deciliter");

/// The catalog's whole CBC panel (every completeness group) plus MPV, in the order analysers print them.
/// Index constants below name the rows the generator computes from one another. The ranges are typical adult ones
/// as labs print them in OBX-7 (labcore flags against the range sent; these are not the catalog's intervals).
#[rustfmt::skip]
const CBC: [Analyte; 20] = [
    analyte("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "WBC", THOUSAND, [(4.0, 11.0); 2], 1),
    analyte("789-8", "Erythrocytes [#/volume] in Blood by Automated count",
            "RBC", ("10*6/uL", "million per microliter"), [(3.90, 5.20), (4.50, 5.90)], 2),
    analyte("718-7", "Hemoglobin [Mass/volume] in Blood", "Hemoglobin", G_DL, [(12.0, 15.5), (13.5, 17.5)], 1),
    analyte("4544-3", "Hematocrit [Volume Fraction] of Blood by Automated count",
            "Hematocrit", PERCENT, [(35.0, 45.0), (41.0, 53.0)], 1),
    analyte("787-2", "MCV [Entitic volume] by Automated count", "MCV", FL, [(80.0, 100.0); 2], 1),
    analyte("785-6", "MCH [Entitic mass] by Automated count", "MCH", ("pg", "picogram"), [(27.0, 33.0); 2], 1),
    analyte("786-4", "MCHC [Mass/volume] by Automated count", "MCHC", G_DL, [(32.0, 36.0); 2], 1),
    analyte("788-0", "Erythrocyte distribution width [Ratio] by Automated count",
            "RDW-CV", PERCENT, [(11.5, 14.5); 2], 1),
    analyte("777-3", "Platelets [#/volume] in Blood by Automated count", "Platelets", THOUSAND, [(150.0, 400.0); 2], 0),
    analyte("32623-1", "Platelet mean volume [Entitic volume] in Blood by Automated count",
            "MPV", FL, [(7.5, 11.5); 2], 1),
    analyte("770-8", "Neutrophils/100 leukocytes in Blood by Automated count",
            "Neutrophils %", PERCENT, [(40.0, 75.0); 2], 1),
    analyte("736-9", "Lymphocytes/100 leukocytes in Blood by Automated count",
            "Lymphocytes %", PERCENT, [(20.0, 45.0); 2], 1),
    analyte("5905-5", "Monocytes/100 leukocytes in Blood by Automated count",
            "Monocytes %", PERCENT, [(2.0, 10.0); 2], 1),
    analyte("713-8", "Eosinophils/100 leukocytes in Blood by Automated count",
            "Eosinophils %", PERCENT, [(0.0, 6.0); 2], 1),
    analyte("706-2", "Basophils/100 leukocytes in Blood by Automated count",
            "Basophils %", PERCENT, [(0.0, 2.0); 2], 1),
    analyte("751-8", "Neutrophils [#/volume] in Blood by Automated count",
            "Neutrophils #", THOUSAND, [(1.8, 7.7); 2], 1),
    analyte("731-0", "Lymphocytes [#/volume] in Blood by Automated count",
            "Lymphocytes #", THOUSAND, [(1.0, 4.8); 2], 1),
    analyte("742-7", "Monocytes [#/volume] in Blood by Automated count", "Monocytes #", THOUSAND, [(0.20, 0.90); 2], 2),
    analyte("711-2", "Eosinophils [#/volume] in Blood by Automated count",
            "Eosinophils #", THOUSAND, [(0.00, 0.50); 2], 2),
    analyte("704-7", "Basophils [#/volume] in Blood by Automated count", "Basophils #", THOUSAND, [(0.00, 0.20); 2], 2),
];

const WBC: usize = 0;
const RBC: usize = 1;
const HGB: usize = 2;
const HCT: usize = 3;
const MCV: usize = 4;
const MCH: usize = 5;
const MCHC: usize = 6;
const PERCENTS: usize = 10;
const ABSOLUTES: usize = 15;

/// ORC-2/OBR-2 and ORC-3/OBR-3 assigning authorities.
const PLACER: &str = "RIVERSIDE EHR^2.16.840.1.113883.3.72.5.24^ISO";
const FILLER: &str = "NORTHWIND LAB^2.16.840.1.113883.3.72.5.25^ISO";
const PANEL: &str = "57021-8^CBC W Auto Differential panel - Blood^LN^CBCD^CBC with automated differential^L";
/// OBX-23, OBX-24 and OBX-25, as in the NIST sample.
const PERFORMER: &str = "Northwind Clinical Laboratory^^^^^NIST-AA-1^XX^^^987|2070 Test Park^^Los Angeles^CA^90067^^B|\
                         2343242^Knowsalot^Phil^^^Dr.^^^NIST-AA-1^L^^^DN";
const PROFILES: &str = "LRI_Common_Component^^2.16.840.1.113883.9.16^ISO~LRI_NG_Component^^2.16.840.1.113883.9.13^ISO~\
                        LRI_RU_Component^^2.16.840.1.113883.9.14^ISO";
const FAMILY: &[&str] = &["Jones", "Garcia", "Nguyen", "Okafor", "Schmidt", "Kowalski", "Haddad", "O'Brien", "Tanaka"];
const GIVEN: [&[&str]; 2] = [&["Maria", "Aisha", "Emily", "Mei"], &["William", "Carlos", "Tomasz", "Kenji"]];
const STREETS: &[&str] = &["Maple Ave", "Oak St", "Lakeview Dr", "Elm Ct", "Harbor Blvd"];
const CITIES: &[(&str, &str, &str)] = &[
    ("Springfield", "IL", "62701"),
    ("Madison", "WI", "53703"),
    ("Portland", "OR", "97205"),
    ("Austin", "TX", "78701"),
];
const ORDERERS: &[&str] = &[
    "1234567893^Radon^Nicholas^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI",
    "1972626431^Deluca^Naddy^^^^^^NPI&2.16.840.1.113883.4.6&ISO^L^^^NPI",
];

/// `count` ORU^R01 messages (one patient, one CBC order of 20 OBX each), deterministic for a given seed. Segments
/// end with `\r`; each message is one string.
pub fn oru_messages(count: usize, seed: u64) -> Vec<String> {
    let mut rng = Lcg::new(seed);
    (0..count).map(|i| message(i, &mut rng, 1)).collect()
}

/// What a hostile input is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hostile {
    /// One message with `size` OBX segments (the CBC rows with fresh values, repeated; rounded up to a multiple of 20).
    ManyObx,
    /// One CBC message whose first OBX-5 is `size` bytes of digits.
    LongField,
    /// `size` bytes of pseudo-random binary data.
    Garbage,
}

/// A hostile input of the given kind and size (deterministic).
pub fn hostile(kind: Hostile, size: usize) -> Vec<u8> {
    let mut rng = Lcg::new(size as u64);
    match kind {
        Hostile::ManyObx => message(0, &mut rng, size.div_ceil(CBC.len())).into_bytes(),
        Hostile::LongField => {
            let text = message(0, &mut rng, 1);
            let digits: String = (0..size).map(|i| char::from(b'0' + (i % 10) as u8)).collect();
            // The first OBX-5 is the field after `OBX|1|NM|<OBX-3>||`.
            let start = text.find("\rOBX|1|").and_then(|at| text.get(at..)?.find("||").map(|f| at + f + 2));
            let Some(start) = start else { return text.into_bytes() };
            let end = text.get(start..).and_then(|rest| rest.find('|')).map_or(start, |e| start + e);
            [text.get(..start).unwrap_or(""), &digits, text.get(end..).unwrap_or("")].concat().into_bytes()
        }
        Hostile::Garbage => (0..size).map(|_| u8::try_from(rng.below(256)).unwrap_or(0)).collect(),
    }
}

/// A number in `[0, 1)`.
fn unit(rng: &mut Lcg) -> f64 {
    rng.below(1 << 20) as f64 / f64::from(1u32 << 20)
}

/// A value spread around a range: mostly inside, one in five outside (by up to an eighth of its width).
fn around(rng: &mut Lcg, (low, high): (f64, f64)) -> f64 {
    let centre = (low + high) / 2.0;
    let half = (high - low) / 2.0;
    (centre + half * 1.25 * (2.0 * unit(rng) - 1.0)).max(0.0)
}

fn round(value: f64, decimals: usize) -> f64 {
    let scale = 10f64.powi(i32::try_from(decimals).unwrap_or(0));
    (value * scale).round() / scale
}

/// Physiologically consistent values for the 20 rows (Hct = RBC x MCV, MCHC = Hgb / Hct, the differential sums
/// to 100 % of WBC), unrounded.
fn values(rng: &mut Lcg, sex: usize) -> [f64; 20] {
    let range = |i: usize| CBC.get(i).and_then(|a| a.range.get(sex)).copied().unwrap_or((0.0, 1.0));
    let mut v = [0.0; 20];
    // Hgb, MCV and MCHC are drawn and the rest derived (drawing RBC too would compound three spreads into
    // haemoglobins beyond the critical limit).
    let (wbc, hgb, mcv, mchc) =
        (around(rng, range(WBC)), around(rng, range(HGB)), around(rng, range(MCV)), around(rng, range(MCHC)));
    let hct = hgb * 100.0 / mchc;
    let rbc = hct * 10.0 / mcv;
    let pairs = [(WBC, wbc), (RBC, rbc), (HGB, hgb), (HCT, hct), (MCV, mcv), (MCH, hgb * 10.0 / rbc), (MCHC, mchc)];
    for (i, value) in pairs {
        if let Some(slot) = v.get_mut(i) {
            *slot = value;
        }
    }
    for i in MCHC + 1..PERCENTS {
        if let Some(slot) = v.get_mut(i) {
            *slot = around(rng, range(i));
        }
    }
    // Lymphocytes, monocytes, eosinophils, basophils around their ranges; neutrophils make up the rest.
    let others: Vec<f64> = (PERCENTS + 1..ABSOLUTES).map(|i| around(rng, range(i))).collect();
    let neutrophils = 100.0 - others.iter().sum::<f64>();
    for (k, pct) in std::iter::once(neutrophils).chain(others).enumerate() {
        if let Some(p) = v.get_mut(PERCENTS + k) {
            *p = pct;
        }
        if let Some(a) = v.get_mut(ABSOLUTES + k) {
            *a = wbc * pct / 100.0;
        }
    }
    v
}

fn timestamp(day: usize, minutes: usize) -> String {
    format!(
        "202611{:02}{:02}{:02}{:02}-0500",
        day + minutes / 1440,
        minutes / 60 % 24,
        minutes % 60,
        (day * 7 + minutes) % 60
    )
}

/// One message; `repeat` > 1 repeats the 20 OBX rows (with fresh values) for the hostile input.
fn message(i: usize, rng: &mut Lcg, repeat: usize) -> String {
    let sex = rng.below(2);
    let day = 1 + rng.below(20);
    let collected = 6 * 60 + rng.below(10 * 60);
    let (collected_at, analysed_at) = (timestamp(day, collected), timestamp(day, collected + 40 + rng.below(60)));
    let reported_at = timestamp(day, collected + 110 + rng.below(60));
    let mut out = String::with_capacity(8 * 1024 * repeat);
    header(&mut out, i, &reported_at);
    patient(&mut out, rng, sex);
    let (placer, filler) = (100_000 + rng.below(900_000), 100_000 + rng.below(900_000));
    let orderer = rng.pick(ORDERERS).copied().unwrap_or("");
    let _ = write!(
        out,
        "ORC|RE|ORD{placer}^{PLACER}|R-{filler}^{FILLER}|||||||||{orderer}\r\
         OBR|1|ORD{placer}^{PLACER}|R-{filler}^{FILLER}|{PANEL}|||{collected_at}|||||||||{orderer}||||||\
         {reported_at}||HM|F\r"
    );
    let mut set_id = 0;
    for _ in 0..repeat.max(1) {
        let values = values(rng, sex);
        for (analyte, value) in CBC.iter().zip(values) {
            set_id += 1;
            let to = rng.below(2) == 0;
            observation(
                &mut out,
                set_id,
                analyte,
                sex,
                round(value, analyte.decimals),
                to,
                (&collected_at, &analysed_at),
            );
        }
    }
    let _ = write!(
        out,
        "SPM|1|{filler}&NORTHWIND LAB||119297000^Blood specimen^SCT^^^^^^Blood|||||||||||||\
         {collected_at}|{analysed_at}\r"
    );
    out
}

fn header(out: &mut String, i: usize, at: &str) {
    let _ = write!(
        out,
        "MSH|^~\\&|NORTHWIND LIS^2.16.840.1.113883.3.72.5.20^ISO|NORTHWIND LAB^2.16.840.1.113883.3.72.5.21^ISO|\
         RIVERSIDE EHR^2.16.840.1.113883.3.72.5.22^ISO|RIVERSIDE CLINIC^2.16.840.1.113883.3.72.5.23^ISO|{at}||\
         ORU^R01^ORU_R01|NW-{i:08}|P|2.5.1|||AL|NE|||||{PROFILES}\r\
         SFT|Northwind Lab Systems^L^^^^NIST-AA-1&2.16.840.1.113883.3.72.5.30&ISO^XX^^^1234|5.2.1|Northwind LIS|\
         52-1187||20260901\r"
    );
}

fn patient(out: &mut String, rng: &mut Lcg, sex: usize) {
    let family = rng.pick(FAMILY).copied().unwrap_or("Doe");
    let given = GIVEN.get(sex).and_then(|names| rng.pick(names)).copied().unwrap_or("Alex");
    let (city, state, zip) = rng.pick(CITIES).copied().unwrap_or(("", "", ""));
    let street = rng.pick(STREETS).copied().unwrap_or("");
    let _ = write!(
        out,
        "PID|1||{mrn:08}^^^NORTHWIND MRN&2.16.840.1.113883.3.72.5.26&ISO^MR||{family}^{given}^{initial}^^^^L||\
         {year}{month:02}{dom:02}|{sex}||2106-3^White^CDCREC|{number} {street}^^{city}^{state}^{zip}^USA^H||\
         ^PRN^PH^^1^{area}^{phone}\r",
        mrn = rng.below(100_000_000),
        initial = char::from(b'A' + u8::try_from(rng.below(26)).unwrap_or(0)),
        year = 1940 + rng.below(65),
        month = 1 + rng.below(12),
        dom = 1 + rng.below(28),
        sex = if sex == 0 { "F" } else { "M" },
        number = 1 + rng.below(9000),
        area = 200 + rng.below(700),
        phone = 5_550_000 + rng.below(10_000),
    );
}

fn observation(out: &mut String, set_id: usize, a: &Analyte, sex: usize, value: f64, to: bool, at: (&str, &str)) {
    let (low, high) = a.range.get(sex).copied().unwrap_or((0.0, 0.0));
    let flag = if value < low {
        "L"
    } else if value > high {
        "H"
    } else {
        "N"
    };
    let d = a.decimals;
    let range = if to { format!("{low:.d$} to {high:.d$}") } else { format!("{low:.d$}-{high:.d$}") };
    let _ = write!(
        out,
        "OBX|{set_id}|NM|{loinc}^{long}^LN^^^^^^{text}||{value:.d$}|{ucum}^{unit}^UCUM|{range}|{flag}|||F|||\
         {collected}|||||{analysed}||||{PERFORMER}\r",
        loinc = a.loinc,
        long = a.long_name,
        text = a.text,
        ucum = a.ucum,
        unit = a.unit_text,
        collected = at.0,
        analysed = at.1,
    );
}

/// One ORU^R01 message with one MSH, PID and OBR and `count` potassium OBX (`OBX|n|NM|2823-3^Potassium^LN||4.1|
/// mmol/L|3.5-5.1|N|||F`), for memory and time measurements of large inputs (`examples/large_hl7.rs`). About
/// 50 bytes per OBX: 650 000 OBX come to ~32 MB.
pub fn large_oru(count: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(300 + count * 56);
    out.extend_from_slice(
        b"MSH|^~\\&|LIS|NORTHWIND|EHR|CLINIC|20261124080000-0500||ORU^R01^ORU_R01|BIG-1|P|2.5.1\r\
          PID|1||MRN-00482913^^^NW^MR||DOE^JANE||19840312|F\r\
          OBR|1|||24323-8^Comprehensive metabolic 2000 panel^LN|||202611240742-0500\r",
    );
    for n in 1..=count {
        out.extend_from_slice(format!("OBX|{n}|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F\r").as_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context_catalog() -> labcore::catalog::Catalog {
        labcore::catalog::Catalog::builtin().unwrap_or_else(|e| panic!("{e}"))
    }

    fn as_of() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::parse_from_rfc3339("2026-11-30T00:00:00Z").map(|d| d.to_utc()).unwrap_or_default()
    }

    #[test]
    fn generated_messages_process_without_findings() {
        let catalog = context_catalog();
        let context = labcore::Context::new(&catalog, as_of());
        let messages = oru_messages(200, 11);
        let mut flagged = 0;
        for message in &messages {
            assert!(message.ends_with('\r') && !message.contains('\n'));
            let outcome = labcore::hl7::process(message.as_bytes(), &context).unwrap_or_else(|e| panic!("{e}"));
            assert!(outcome.accepted(), "{message}");
            let findings: Vec<String> =
                outcome.messages.iter().flat_map(|m| m.all_findings()).map(|f| f.to_string()).collect();
            assert!(findings.is_empty(), "{findings:#?}\n{}", message.replace('\r', "\n"));
            let results = outcome.messages.iter().flat_map(|m| &m.orders).flat_map(|o| &o.report.results);
            let mut count = 0;
            for result in results {
                count += 1;
                assert!(result.value.is_some(), "{message}");
                flagged += usize::from(result.flag.is_some_and(|f| f.code() != "N"));
            }
            assert_eq!(count, 20);
        }
        assert!(flagged > messages.len(), "some results should be outside their range: {flagged}");
        assert_eq!(oru_messages(3, 5), oru_messages(3, 5));
    }

    #[test]
    fn hostile_inputs_have_the_asked_size() {
        let many = String::from_utf8(hostile(Hostile::ManyObx, 1000)).unwrap_or_default();
        assert_eq!(many.matches("\rOBX|").count(), 1000);
        let long = hostile(Hostile::LongField, 1 << 20);
        assert!(long.len() > 1 << 20 && long.len() < (1 << 20) + 10_000);
        assert_eq!(hostile(Hostile::Garbage, 4096).len(), 4096);
    }
}
