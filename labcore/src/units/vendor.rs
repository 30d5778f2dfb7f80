//! Vendor spellings of units, rewritten into UCUM.
//!
//! Real feeds send `K/uL`, `x10E3/uL`, `10^9/L`, `mg%`, `mIU/mL`, `cells/cumm`, `mcg/dL`, `G/L`… Each rule
//! below is one such habit, written as a regular expression over the unit text with white space removed.
//! The `regex` crate matches in linear time, so a hostile unit string cannot stall the parser.

use regex::Regex;

/// `(pattern, replacement)`: applied in order, each to the result of the previous one.
const RULES: &[(&str, &str)] = &[
    // m^2, mm^3 → m2, mm3 (UCUM writes exponents without a caret)
    (r"([A-Za-z])\^(-?[0-9])", "${1}${2}"),
    // x10^9, x10E9, *10**9, 10^(9), ×10⁹ → 10*9
    (r"(?i)(?:x|\*)?10(?:\^|\*\*?|e)\(?([0-9]{1,2})\)?", "10*${1}"),
    // 10(9)/L
    (r"(?i:x|\*)?10\(([0-9]{1,2})\)", "10*${1}"),
    // E9/L
    (r"(?i)^e([0-9]{1,2})/", "10*${1}/"),
    // K/uL, k/ul, thou/uL, TH/uL → thousands per microlitre
    (r"^(?:[kK]|(?i:th|tho|thou|thous|thousand))(?i:cells?)?/", "10*3/"),
    // M/uL, mill/uL, million/mm3 → millions per microlitre (capital M only: lower-case m is milli)
    (r"^(?:M|(?i:mil|mill|million|mio))(?i:cells?)?/", "10*6/"),
    // cells/uL, #/uL, /uL
    (r"(?i)^(?:cells?|#|count)/", "/"),
    // per cubic millimetre (= per microlitre)
    (r"(?i)/(?:cu\.?mm|cmm|cumm|cubicmm|mm3)$", "/mm3"),
    // microgram and friends written with "mc" or in words
    (r"(?i)mcg|microg(?:rams?)?", "ug"),
    (r"(?i)mcl", "uL"),
    (r"(?i)mcmol|micromol(?:es)?", "umol"),
    // gm, gms → g
    (r"(?i)(^|[/.])(m|u|n|p)?gms?([/.]|$)", "${1}${2}g${3}"),
    // mg%, g% (per 100 mL) → per decilitre; mg/100mL likewise
    (r"(?i)^(m|u|n)?g%$", "${1}g/dL"),
    (r"(?i)/100ml$", "/dL"),
    // percent spelled out, or "per 100 leukocytes"
    (r"(?i)^(?:percent|pct|perc|/100(?:wbcs?|leukocytes?|leucocytes?)?)$", "%"),
    // dimensionless ratios
    (r"(?i)^(?:ratio|fraction|index|\{ratio\}|nounits?|unitless|none)$", "1"),
    // German "mval" is the milliequivalent
    (r"(?i)mval", "meq"),
    // international units: uIU, µIU, microIU → u[IU]; mIU, milliIU → m[IU]; bare IU → [IU]
    (r"(?i)(?:micro|mc|u)iu", "u[IU]"),
    (r"(?i)(?:milli|m)iu", "m[IU]"),
    (r"(?i)(^|[^a-z\[])iu", "${1}[IU]"),
    // units/L → U/L
    (r"(?i)units?", "U"),
    // eGFR: mL/min/1.73m2, mL/min per 1.73 m2, and LabCorp's bare mL/min/1.73 → mL/min/{1.73_m2}
    (r"(?i)^ml/min(?:/|per)\{?1\.73(?:_?m2)?\}?$", "mL/min/{1.73_m2}"),
    // "(calc)" marks a calculated value (Quest prints "mg/dL (calc)"); alone it means no unit
    (r"(?i)^\(calc(?:ulated)?\)$", "1"),
    (r"(?i)\(calc(?:ulated)?\)$", ""),
    // micromicrogram (µµg, old MCH unit) = picogram
    (r"(?i)^(?:uug|mmg)$", "pg"),
    // giga.l-1, tera.l-1 (a French LIS's export in the FHIR-Converter ORU samples): counts per litre
    (r"(?i)^giga(?:\.l-1|/l)$", "10*9/L"),
    (r"(?i)^tera(?:\.l-1|/l)$", "10*12/L"),
    // cubic microns (old MCV unit) = femtolitre
    (r"(?i)^(?:cu|cubic)?microns?3?$|^u3$", "um3"),
];

/// Rules that only apply when the analyte counts cells: `G/L` and `T/L` are giga- and tera-counts per litre
/// in French and Belgian feeds, but grams per litre in an upper-cased feed.
const COUNT_RULES: &[(&str, &str)] = &[(r"^G/L$", "10*9/L"), (r"^T/L$", "10*12/L")];

/// The compiled rewrite rules.
#[derive(Debug, Clone)]
pub(crate) struct VendorRules {
    rules: Vec<(Regex, &'static str)>,
    count_rules: Vec<(Regex, &'static str)>,
}

impl VendorRules {
    /// Compiles the rules. The patterns are constants checked by a test, so a failure here is a bug; a rule
    /// that fails to compile is skipped rather than panicking.
    pub(crate) fn new() -> VendorRules {
        let compile = |rules: &[(&str, &'static str)]| {
            rules.iter().filter_map(|(pattern, replacement)| Some((Regex::new(pattern).ok()?, *replacement))).collect()
        };
        VendorRules { rules: compile(RULES), count_rules: compile(COUNT_RULES) }
    }

    /// Applies every general rule in order.
    pub(crate) fn rewrite(&self, text: &str) -> String {
        apply(&self.rules, text)
    }

    /// Applies the count-only rules (`G/L` → `10*9/L`).
    pub(crate) fn rewrite_count(&self, text: &str) -> Option<String> {
        let out = apply(&self.count_rules, text);
        (out != text).then_some(out)
    }
}

fn apply(rules: &[(Regex, &'static str)], text: &str) -> String {
    let mut current = text.to_owned();
    for (regex, replacement) in rules {
        if regex.is_match(&current) {
            current = regex.replace_all(&current, *replacement).into_owned();
        }
    }
    current
}

/// Folds the characters feeds use for unit symbols into ASCII and removes all white space:
/// `µ`/`μ` → `u`, `×` → `x`, superscript digits → `^digits`, `·` → `.`, zero-width characters dropped.
pub(crate) fn prepare(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_superscript = false;
    for c in text.chars() {
        if c.is_whitespace() || crate::value::is_invisible(c) {
            continue;
        }
        let superscript = superscript_digit(c);
        if let Some(digit) = superscript {
            if !in_superscript {
                out.push('^');
            }
            out.push(digit);
        } else {
            out.push(match c {
                'µ' | 'μ' => 'u',
                '×' => 'x',
                '·' | '•' | '∙' | '⋅' => '.',
                '⁄' | '∕' => '/',
                c => c,
            });
        }
        in_superscript = superscript.is_some();
    }
    out
}

fn superscript_digit(c: char) -> Option<char> {
    Some(match c {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        '⁴' => '4',
        '⁵' => '5',
        '⁶' => '6',
        '⁷' => '7',
        '⁸' => '8',
        '⁹' => '9',
        '⁻' => '-',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_compiles() {
        for (pattern, _) in RULES.iter().chain(COUNT_RULES) {
            assert!(Regex::new(pattern).is_ok(), "{pattern}");
        }
    }

    #[test]
    fn rewrites() {
        let rules = VendorRules::new();
        let cases = [
            ("K/uL", "10*3/uL"),
            ("x10^9/L", "10*9/L"),
            ("X10E3/uL", "10*3/uL"),
            ("10**9/L", "10*9/L"),
            ("10(9)/L", "10*9/L"),
            ("M/uL", "10*6/uL"),
            ("cells/cumm", "/mm3"),
            ("mcg/dL", "ug/dL"),
            ("gm/dL", "g/dL"),
            ("mg%", "mg/dL"),
            ("uIU/mL", "u[IU]/mL"),
            ("mIU/L", "m[IU]/L"),
            ("IU/L", "[IU]/L"),
            ("units/L", "U/L"),
            ("mL/min/1.73m2", "mL/min/{1.73_m2}"),
            ("mL/min/1.73", "mL/min/{1.73_m2}"),
            ("mg/dL (calc)", "mg/dL"),
            ("(calc)", "1"),
            ("uug", "pg"),
            ("percent", "%"),
        ];
        for (input, expected) in cases {
            assert_eq!(rules.rewrite(&prepare(input)), expected, "{input}");
        }
    }

    #[test]
    fn prepare_folds_symbols() {
        assert_eq!(prepare("×10⁹ / L"), "x10^9/L");
        assert_eq!(prepare("µmol/L"), "umol/L");
        assert_eq!(prepare("mL/min/1.73 m²"), "mL/min/1.73m^2");
        assert_eq!(prepare("m\u{200B}g/dL"), "mg/dL");
    }
}
