//! The rules as they were first written, as regular expressions: the oracle the hand-written matchers must
//! agree with on every input.

use proptest::prelude::*;
use regex::Regex;

use super::VendorRules;

/// `(pattern, replacement)`, in the order [`super::rules::RULES`] applies them.
const RULES: &[(&str, &str)] = &[
    (r"([A-Za-z])\^(-?[0-9])", "${1}${2}"),
    (r"(?i)(?:x|\*)?10(?:\^|\*\*?|e)\(?([0-9]{1,2})\)?", "10*${1}"),
    (r"(?i:x|\*)?10\(([0-9]{1,2})\)", "10*${1}"),
    (r"(?i)^e([0-9]{1,2})/", "10*${1}/"),
    (r"^(?:[kK]|(?i:th|tho|thou|thous|thousand))(?i:cells?)?/", "10*3/"),
    (r"^(?:M|(?i:mil|mill|million|mio))(?i:cells?)?/", "10*6/"),
    (r"(?i)^(?:cells?|#|count)/", "/"),
    (r"(?i)/(?:cu\.?mm|cmm|cumm|cubicmm|mm3)$", "/mm3"),
    (r"(?i)mcg|microg(?:rams?)?", "ug"),
    (r"(?i)mcl", "uL"),
    (r"(?i)mcmol|micromol(?:es)?", "umol"),
    (r"(?i)(^|[/.])(m|u|n|p)?gms?([/.]|$)", "${1}${2}g${3}"),
    (r"(?i)^(m|u|n)?g%$", "${1}g/dL"),
    (r"(?i)/100ml$", "/dL"),
    (r"(?i)^(?:percent|pct|perc|/100(?:wbcs?|leukocytes?|leucocytes?)?)$", "%"),
    (r"(?i)^(?:ratio|fraction|index|\{ratio\}|nounits?|unitless|none)$", "1"),
    (r"(?i)mval", "meq"),
    (r"(?i)(?:micro|mc|u)iu", "u[IU]"),
    (r"(?i)(?:milli|m)iu", "m[IU]"),
    (r"(?i)(^|[^a-z\[])iu", "${1}[IU]"),
    (r"(^|[^A-Za-z\[])([mu]?)IE(/|$)", "${1}${2}[IU]${3}"),
    (r"(?i)units?", "U"),
    (r"^([mu]?)E/", "${1}U/"),
    (r"(?i)^ml/min(?:/|per)\{?1\.73(?:_?m2)?\}?$", "mL/min/{1.73_m2}"),
    (r"(?i)^\(calc(?:ulated)?\)$", "1"),
    (r"(?i)\(calc(?:ulated)?\)$", ""),
    (r"(?i)^(?:uug|mmg)$", "pg"),
    (r"(?i)^(?:giga|gpt)(?:\.l-1|/l)$", "10*9/L"),
    (r"(?i)^(?:tera|tpt)(?:\.l-1|/l)$", "10*12/L"),
    (r"(?i)^(?:cu|cubic)?microns?3?$|^u3$", "um3"),
];

fn compiled() -> &'static [(Regex, &'static str)] {
    static ORACLE: std::sync::OnceLock<Vec<(Regex, &'static str)>> = std::sync::OnceLock::new();
    ORACLE.get_or_init(|| {
        RULES.iter().map(|(pattern, replacement)| (Regex::new(pattern).unwrap(), *replacement)).collect()
    })
}

/// Each rule separately, by the regex, then by the matcher.
fn check(oracle: &[(Regex, &str)], text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for ((regex, replacement), rule) in oracle.iter().zip(super::rules::RULES) {
        let expected = regex.replace_all(text, *replacement);
        let got: String = super::rules::replace_all(&chars, *rule).into_iter().collect();
        assert_eq!(got, expected, "rule {regex} on {text:?}");
    }
    let mut expected = text.to_owned();
    for (regex, replacement) in oracle {
        expected = regex.replace_all(&expected, *replacement).into_owned();
    }
    assert_eq!(VendorRules::new().rewrite(text), expected, "{text:?}");
}

#[test]
fn one_matcher_per_rule() {
    assert_eq!(RULES.len(), super::rules::RULES.len());
}

#[test]
fn known_spellings_agree() {
    let oracle = compiled();
    let spellings = [
        "K/uL",
        "x10^9/L",
        "X10E3/uL",
        "10**9/L",
        "10(9)/L",
        "*10(12)/L",
        "10^(9)/L",
        "10^123",
        "E9/L",
        "e12/l",
        "thou/uL",
        "THOUSAND/cumm",
        "thcells/uL",
        "Kcells/uL",
        "kg/L",
        "M/uL",
        "mil/mm3",
        "MIO/uL",
        "mg/dL",
        "cells/uL",
        "#/uL",
        "count/hpf",
        "/cu.mm",
        "x/CUMM",
        "/cubicmm",
        "mcg/dL",
        "micrograms/L",
        "mcL",
        "micromoles/L",
        "mcmol/l",
        "gm/dL",
        "mgm/L",
        "gms",
        "/mgm/",
        "gm/gm",
        "GMS.dl",
        "mg%",
        "G%",
        "MG%",
        "mg/100mL",
        "percent",
        "/100WBC",
        "/100leucocytes",
        "{ratio}",
        "NoUnits",
        "mval/L",
        "uIU/mL",
        "microIU/mL",
        "mIU/L",
        "milliiu/ml",
        "IU/L",
        "1iuiu",
        "[IU]/L",
        "/iu",
        "units/L",
        "Unit",
        "mL/min/1.73m2",
        "ml/minper{1.73_m2}",
        "mL/min/1.73",
        "(calc)",
        "mg/dL(calc)",
        "mg/dL(Calculated)",
        "uug",
        "MMG",
        "giga.l-1",
        "Tera/L",
        "cubicmicrons3",
        "cu.micron",
        "u3",
        "U3",
        "m^2",
        "mm^-3",
        "a^1^2",
        "\u{212A}/uL",
        "thou\u{17F}/uL",
        "uni\u{17F}",
        "\u{130}u",
        "\u{131}u",
        "é iu",
        "",
        "/",
        "ıu",
        "IE/l",
        "mIE/l",
        "uIE/ml",
        "/IE/l",
        "xIE/l",
        "[IE]/l",
        "IE",
        "IEs",
        "mIEx",
        "10*3IE/l",
        "E/l",
        "mE/l",
        "uE/",
        "kE/l",
        "e/l",
        "GPT/l",
        "gpt.l-1",
        "TPT/L",
        "tpt/dl",
    ];
    for spelling in spellings {
        check(oracle, spelling);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    /// Unit-like strings built from the rules' own vocabulary and the characters around them.
    #[test]
    fn matchers_agree_with_the_regular_expressions(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("10"), Just("x"), Just("X"), Just("*"), Just("^"), Just("e"), Just("E"), Just("("), Just(")"),
                Just("/"), Just("."), Just("-"), Just("%"), Just("{"), Just("}"), Just("["), Just("_"), Just("#"),
                Just("k"), Just("K"), Just("M"), Just("m"), Just("u"), Just("n"), Just("p"), Just("g"), Just("s"),
                Just("l"), Just("L"), Just("iu"), Just("IU"), Just("th"), Just("thou"), Just("mil"), Just("cell"),
                Just("cells"), Just("count"), Just("cu"), Just("mm"), Just("3"), Just("9"), Just("12"), Just("1.73"),
                Just("m2"), Just("mcg"), Just("micro"), Just("microg"), Just("rams"), Just("mc"), Just("mol"),
                Just("es"), Just("gm"), Just("100"), Just("ml"), Just("percent"), Just("wbc"), Just("ratio"),
                Just("unit"), Just("mval"), Just("milli"), Just("min"), Just("per"), Just("calc"), Just("ulated"),
                Just("giga"), Just("tera"), Just("micron"), Just("cubic"), Just("none"), Just("\u{212A}"),
                Just("\u{17F}"), Just("\u{130}"), Just("\u{131}"), Just("é"), Just("µ"), Just("0"), Just("IE"),
                Just("I"), Just("gpt"), Just("tpt"), Just("GPT"),
            ],
            0..8,
        )
    ) {
        check(compiled(), &parts.concat());
    }
}
