//! HL7 v2: every field of every segment a lab message carries (and a Z-segment), filled by its data type from
//! the standard's table, then mutated.

use std::collections::HashMap;

use proptest::prelude::*;

use crate::plant::Planter;

const TYPES: &str = include_str!("../../deid/hl7v2_types.txt");

/// The segments generated, in message order (MSH first, separately).
const SEGMENTS: &[&str] =
    &["EVN", "PID", "PD1", "NK1", "PV1", "PV2", "IN1", "IN2", "GT1", "MRG", "ORC", "OBR", "TQ1", "NTE", "SPM", "PRT"];

/// The value types planted in OBX-5 (OBX-2), each giving OBX-5 its type.
const VALUE_TYPES: &[&str] =
    &["ST", "TX", "FT", "DT", "TS", "DTM", "XPN", "PN", "XAD", "XTN", "CX", "CWE", "CE", "RP", "ED", "TN"];

/// The lab's results, which must come out exactly as they went in.
const LAB_ROWS: &[&str] = &[
    "OBX|1|NM|2823-3^Potassium^LN||4.1|mmol/L|3.5-5.1|N|||F",
    "OBX|2|NM|2345-7^Glucose^LN||105|mg/dL|70-99|H|||F",
    "OBX|3|SN|2160-0^Creatinine^LN||<^0.5|mg/dL|0.6-1.2|L|||F",
];

fn table() -> &'static HashMap<String, Vec<String>> {
    static TABLE: std::sync::OnceLock<HashMap<String, Vec<String>>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        TYPES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with('.') && !l.trim().is_empty())
            .map(|l| {
                let mut words = l.split_whitespace().map(str::to_owned);
                (words.next().unwrap(), words.collect())
            })
            .collect()
    })
}

/// Positions that hold the lab's own data or the message's control fields, kept by design.
fn kept(segment: &str, n: usize) -> bool {
    matches!((segment, n), ("OBX", 1..=4 | 6..=8 | 11) | ("OBR", 4) | ("SPM", 4))
}

/// A value of a data type with identifiers planted in it, HL7-encoded; `None` for types that hold none (codes,
/// numbers, facilities, locations).
fn value(p: &mut Planter, data_type: &str) -> Option<String> {
    Some(match data_type {
        "XPN" | "PN" => format!("{}^{}^{}", p.planted_name(), p.planted_name(), p.planted_name()),
        "XCN" | "PPN" | "CNN" => format!("{}^{}^{}", p.id("D"), p.planted_name(), p.planted_name()),
        "NDL" => format!("{}&{}&{}", p.id("D"), p.planted_name(), p.planted_name()),
        "XAD" => format!("{}^Apt {}^{}^IL^{}", p.street(), p.id(""), p.planted_name(), p.zip()),
        "XTN" => format!("{}^PRN^PH^{}", p.phone(), p.email()),
        "CX" => format!("{}^^^HOSP^MR", p.id("C")),
        "EI" => format!("{}^LAB", p.id("E")),
        "EIP" => format!("{}&LAB^{}&LAB", p.id("E"), p.id("F")),
        "DLN" => format!("{}^IL^{}", p.id("L"), p.date().0),
        "DT" => p.date().0,
        "DTM" | "TS" => format!("{}1230", p.date().0),
        "DR" => format!("{}^{}", p.date().0, p.date().0),
        "ST" | "TX" | "FT" => p.free_text(),
        "CWE" | "CE" | "CNE" => format!("X1^{}^L^^^^^^{}", p.free_text(), p.free_text()),
        "ED" => format!("^TEXT^^Base64^{}", p.id("QUJD")),
        "RP" => format!("https://files.example.org/{}/document^^TEXT", p.planted_name()),
        "TN" => p.phone(),
        _ => return None,
    })
}

/// One segment with every field filled by its type (kept positions left as `kept`).
fn segment(p: &mut Planter, id: &str, set_id: usize, fixed: &[(usize, String)]) -> String {
    let types = table().get(id).cloned().unwrap_or_default();
    let mut fields = vec![id.to_owned()];
    for n in 1..=types.len() {
        let fixed_value = fixed.iter().find(|(f, _)| *f == n).map(|(_, v)| v.clone());
        let filled = match fixed_value {
            Some(v) => v,
            None if n == 1 && types[0] == "SI" => set_id.to_string(),
            None if kept(id, n) => String::new(),
            None => value(p, &types[n - 1]).unwrap_or_default(),
        };
        fields.push(filled);
    }
    fields.join("|")
}

/// How a generated message is mutated.
#[derive(Debug, Clone)]
pub(crate) struct Mutations {
    wrapped: bool,
    lower_case: bool,
    padded: bool,
    plain_line: bool,
    batch: bool,
    terminator: &'static str,
    encoding: Encoding,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Encoding {
    Utf8,
    Utf8Bom,
    Utf16LeBom,
    Utf16BeBare,
    Latin1,
}

pub(crate) fn mutations() -> impl Strategy<Value = Mutations> {
    let encodings = prop_oneof![
        Just(Encoding::Utf8),
        Just(Encoding::Utf8Bom),
        Just(Encoding::Utf16LeBom),
        Just(Encoding::Utf16BeBare),
        Just(Encoding::Latin1)
    ];
    (any::<[bool; 5]>(), prop_oneof![Just("\r"), Just("\n"), Just("\r\n")], encodings).prop_map(
        |([wrapped, lower_case, padded, plain_line, batch], terminator, encoding)| Mutations {
            wrapped,
            lower_case,
            padded,
            plain_line,
            batch,
            terminator,
            encoding,
        },
    )
}

/// The message's lines: header, every segment of [`SEGMENTS`], an OBX per value type, the lab's rows, a Z-segment.
pub(crate) fn message(p: &mut Planter, m: &Mutations) -> Vec<String> {
    let mut lines = Vec::new();
    if m.batch {
        lines.push(format!("FHS|^~\\&|LIS|LAB|||{}1200||{}", p.date().0, p.free_text()));
        lines.push(format!("BHS|^~\\&|LIS|LAB|||{}1200", p.date().0));
    }
    lines.push(format!("MSH|^~\\&|LIS|LAB|EHR|HOSP|{}0800-0500||ORU^R01|CTRL1|P|2.5.1", p.date().0));
    for id in SEGMENTS {
        let fixed = match *id {
            "PID" => vec![(5, format!("{}^{}", p.family, p.given))],
            _ => Vec::new(),
        };
        let mut line = segment(p, id, 1, &fixed);
        if *id == "PID" && m.padded {
            line = line.replacen("PID|", "PID |", 1);
        }
        if *id == "PID" && m.lower_case {
            line = line.replacen("PID|", "pid|", 1);
        }
        lines.push(line);
    }
    for (i, value_type) in VALUE_TYPES.iter().enumerate() {
        let fixed = vec![
            (2, (*value_type).to_owned()),
            (3, "99999-9^Planted^L".to_owned()),
            (5, value(p, value_type).unwrap()),
        ];
        let mut line = segment(p, "OBX", 10 + i, &fixed);
        if m.lower_case && i == 0 {
            line = line.replacen("OBX|", "Obx|", 1);
        }
        lines.push(line);
    }
    lines.extend(LAB_ROWS.iter().map(|r| (*r).to_owned()));
    let (date, text) = (p.date().0, p.free_text());
    lines.push(format!("ZPD|1|{}^{}|{date}|{text}", p.family, p.given));
    let note = format!("NTE|1||{} Résumé noted.", p.free_text());
    lines.push(if m.wrapped { format!("{note}\n{}", p.free_text()) } else { note });
    let hidden = p.hidden_ssn();
    lines.push(format!("NTE|2||Patient SSN {hidden} on file"));
    if m.plain_line {
        lines.push(p.free_text());
    }
    if m.batch {
        lines.push("BTS|1".to_owned());
        lines.push("FTS|1".to_owned());
    }
    lines
}

/// The message's bytes in the mutated encoding and terminator.
pub(crate) fn encode(lines: &[String], m: &Mutations) -> Vec<u8> {
    let text = lines.join(m.terminator) + m.terminator;
    match m.encoding {
        Encoding::Utf8 => text.into_bytes(),
        Encoding::Utf8Bom => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        Encoding::Utf16LeBom => {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        }
        Encoding::Utf16BeBare => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Encoding::Latin1 => text.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_identifier_survives_in_any_field_of_any_segment(seed in any::<u64>(), m in mutations()) {
        let mut p = Planter::new(seed);
        let lines = message(&mut p, &m);
        let input = encode(&lines, &m);
        for (i, redactor) in crate::redactors().iter().enumerate() {
            let redacted = redactor.hl7(&input, &crate::options()).unwrap();
            let survivors = crate::survivors(&p.all_secrets(i == 0), &redacted);
            prop_assert!(survivors.is_empty(), "survivors:\n{}", crate::around(&survivors, &redacted.output));
            for row in LAB_ROWS {
                prop_assert!(redacted.output.contains(row), "a lab result changed: {row}\n{}", redacted.output);
            }
            let auto = redactor.auto(&input, &crate::options()).unwrap();
            prop_assert_eq!(&auto.output, &redacted.output, "recognised as HL7 whatever its encoding");
        }
    }
}
