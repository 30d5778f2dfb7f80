//! Vendor spellings of units, rewritten into UCUM.
//!
//! Real feeds send `K/uL`, `x10E3/uL`, `10^9/L`, `mg%`, `mIU/mL`, `cells/cumm`, `mcg/dL`, `G/L`… Each rule in
//! [`rules`] is one such habit, matched over the unit text with white space removed, in a single linear pass
//! (so a hostile unit string cannot stall the parser). The rules were first written as regular expressions;
//! those are kept in the tests as the oracle the hand-written matchers are checked against, character for
//! character, on generated unit strings. Written by hand so that the validation path needs no regex engine
//! (half of the WebAssembly package's size) and a unit costs no regex searches.

mod rules;

/// The rewrite rules (stateless; kept as a value so that the parser's interface does not change).
#[derive(Debug, Clone, Default)]
pub(crate) struct VendorRules;

impl VendorRules {
    /// The rules.
    pub(crate) fn new() -> VendorRules {
        VendorRules
    }

    /// Applies every general rule in order, each to the result of the previous one.
    pub(crate) fn rewrite(&self, text: &str) -> String {
        let mut current: Vec<char> = text.chars().collect();
        for rule in rules::RULES {
            current = rules::replace_all(&current, *rule);
        }
        current.into_iter().collect()
    }

    /// Applies the count-only rules: `G/L` and `T/L` are giga- and tera-counts per litre in French, Belgian and
    /// German feeds, but grams per litre in an upper-cased feed, so they apply only when the analyte counts cells.
    /// The litre is read in either case and with the exponent spelling (`G/l`, `T/l`, `G.l-1`, `Gl-1`), because
    /// analyzers print it so; only a capital `G`/`T` is a count (`g/l` stays grams per litre).
    pub(crate) fn rewrite_count(&self, text: &str) -> Option<String> {
        let (prefix, litre) = text.split_at_checked(1)?;
        let scale = match prefix {
            "G" => "10*9/L",
            "T" => "10*12/L",
            _ => return None,
        };
        matches!(litre, "/L" | "/l" | ".L-1" | ".l-1" | "L-1" | "l-1").then(|| scale.into())
    }
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
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;

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
            ("GPT/l", "10*9/L"),
            ("TPT/l", "10*12/L"),
            ("IE/l", "[IU]/l"),
            ("mIE/l", "m[IU]/l"),
            ("µIE/ml", "u[IU]/ml"),
            ("E/l", "U/l"),
            ("mE/l", "mU/l"),
        ];
        for (input, expected) in cases {
            assert_eq!(rules.rewrite(&prepare(input)), expected, "{input}");
        }
        assert_eq!(rules.rewrite_count("G/L").as_deref(), Some("10*9/L"));
        assert_eq!(rules.rewrite_count("g/L"), None);
        for text in ["G/l", "G.l-1", "Gl-1", "G.L-1"] {
            assert_eq!(rules.rewrite_count(text).as_deref(), Some("10*9/L"), "{text}");
        }
        assert_eq!(rules.rewrite_count("T/l").as_deref(), Some("10*12/L"));
        assert_eq!(rules.rewrite_count("g/l"), None);
        assert_eq!(rules.rewrite_count("G/dL"), None);
    }

    #[test]
    fn prepare_folds_symbols() {
        assert_eq!(prepare("×10⁹ / L"), "x10^9/L");
        assert_eq!(prepare("µmol/L"), "umol/L");
        assert_eq!(prepare("mL/min/1.73 m²"), "mL/min/1.73m^2");
        assert_eq!(prepare("m\u{200B}g/dL"), "mg/dL");
    }
}
