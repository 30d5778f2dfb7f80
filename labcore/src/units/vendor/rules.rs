//! The vendor unit rules, one matcher each, applied in order. Each matcher is the regular expression above it
//! (the same leftmost-first semantics, case-insensitive where marked `(?i)`), checked against that expression
//! by the oracle test. A matcher looks for a match starting at one position and returns where it ends and the
//! replacement; [`replace_all`] scans the text left to right, like `Regex::replace_all`.

/// A match: where it ends and what replaces it.
type Match = Option<(usize, String)>;
/// A rule: a match of the rule starting at a position of the text, if there is one.
pub(super) type Rule = fn(&[char], usize) -> Match;

/// The rules, in the order they apply.
pub(super) const RULES: &[Rule] = &[
    caret_exponent,
    power_of_ten,
    power_of_ten_in_parentheses,
    leading_exponent,
    thousands_per,
    millions_per,
    cells_per,
    per_cubic_millimetre,
    microgram,
    microlitre,
    micromole,
    gram_abbreviation,
    percent_of_mass,
    per_100_millilitres,
    percent_in_words,
    dimensionless,
    mval,
    micro_international_unit,
    milli_international_unit,
    international_unit,
    international_unit_german,
    units_in_words,
    unit_german,
    egfr_unit,
    calculated_alone,
    calculated_suffix,
    micromicrogram,
    giga_per_litre,
    tera_per_litre,
    cubic_microns,
];

/// Every non-overlapping match of `rule`, leftmost first, replaced.
pub(super) fn replace_all(text: &[char], rule: Rule) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() + 8);
    let mut at = 0;
    while let Some(&c) = text.get(at) {
        match rule(text, at) {
            Some((end, replacement)) if end > at => {
                out.extend(replacement.chars());
                at = end;
            }
            _ => {
                out.push(c);
                at += 1;
            }
        }
    }
    out
}

/// Whether `c` equals the lower-case ASCII letter `lower` ignoring case, as the regex crate's Unicode
/// case-insensitive matching has it (simple case folding: `k` also matches the Kelvin sign, `s` the long s).
fn fold_eq(c: char, lower: char) -> bool {
    c.to_ascii_lowercase() == lower || (lower == 'k' && c == '\u{212A}') || (lower == 's' && c == '\u{17F}')
}

/// Whether `word` (lower-case) is at `at`, ignoring case.
fn word_at(text: &[char], at: usize, word: &str) -> bool {
    let mut chars = text.get(at..).unwrap_or_default().iter();
    word.chars().all(|w| chars.next().is_some_and(|&c| fold_eq(c, w)))
}

/// The first of `words` at `at` (ignoring case), as its end.
fn one_of(text: &[char], at: usize, words: &[&str]) -> Option<usize> {
    words.iter().find(|w| word_at(text, at, w)).map(|w| at + w.chars().count())
}

/// Whether the whole text is one of `words`, ignoring case.
fn whole_is(text: &[char], words: &[&str]) -> bool {
    words.iter().any(|w| w.chars().count() == text.len() && word_at(text, 0, w))
}

fn char_at(text: &[char], at: usize) -> Option<char> {
    text.get(at).copied()
}

fn is_digit(text: &[char], at: usize) -> bool {
    char_at(text, at).is_some_and(|c| c.is_ascii_digit())
}

fn slice(text: &[char], from: usize, to: usize) -> String {
    text.get(from..to).unwrap_or_default().iter().collect()
}

/// One or two digits at `at` (greedy), as their end.
fn digits(text: &[char], at: usize) -> Option<usize> {
    is_digit(text, at).then(|| if is_digit(text, at + 1) { at + 2 } else { at + 1 })
}

/// `([A-Za-z])\^(-?[0-9])` → `${1}${2}`: m^2, mm^3 → m2, mm3 (UCUM writes exponents without a caret).
fn caret_exponent(text: &[char], at: usize) -> Match {
    let letter = char_at(text, at).filter(char::is_ascii_alphabetic)?;
    if char_at(text, at + 1) != Some('^') {
        return None;
    }
    let sign = usize::from(char_at(text, at + 2) == Some('-'));
    is_digit(text, at + 2 + sign).then(|| (at + 3 + sign, format!("{letter}{}", slice(text, at + 2, at + 3 + sign))))
}

/// An optional `x`/`X`/`*` before `10`, as the position of the `10`.
fn times_prefix(text: &[char], at: usize) -> usize {
    match char_at(text, at) {
        Some('x' | 'X' | '*') => at + 1,
        _ => at,
    }
}

/// `(?i)(?:x|\*)?10(?:\^|\*\*?|e)\(?([0-9]{1,2})\)?` → `10*${1}`: x10^9, x10E9, *10**9, 10^(9) → 10*9.
fn power_of_ten(text: &[char], at: usize) -> Match {
    let ten = times_prefix(text, at);
    if !word_at(text, ten, "10") {
        return None;
    }
    let operator = ten + 2;
    let after_operator = match char_at(text, operator) {
        Some('^') => operator + 1,
        Some('*') if char_at(text, operator + 1) == Some('*') => operator + 2,
        Some('*') => operator + 1,
        Some(c) if fold_eq(c, 'e') => operator + 1,
        _ => return None,
    };
    let open = usize::from(char_at(text, after_operator) == Some('('));
    let end = digits(text, after_operator + open)?;
    let close = usize::from(char_at(text, end) == Some(')'));
    Some((end + close, format!("10*{}", slice(text, after_operator + open, end))))
}

/// `(?i:x|\*)?10\(([0-9]{1,2})\)` → `10*${1}`: 10(9)/L.
fn power_of_ten_in_parentheses(text: &[char], at: usize) -> Match {
    let ten = times_prefix(text, at);
    if !word_at(text, ten, "10(") {
        return None;
    }
    let end = digits(text, ten + 3)?;
    (char_at(text, end) == Some(')')).then(|| (end + 1, format!("10*{}", slice(text, ten + 3, end))))
}

/// `(?i)^e([0-9]{1,2})/` → `10*${1}/`: E9/L.
fn leading_exponent(text: &[char], at: usize) -> Match {
    if at != 0 || !char_at(text, 0).is_some_and(|c| fold_eq(c, 'e')) {
        return None;
    }
    let end = digits(text, 1)?;
    (char_at(text, end) == Some('/')).then(|| (end + 1, format!("10*{}/", slice(text, 1, end))))
}

/// After a count word at `at`: `(?i:cells?)?/`, as the end of the `/`.
fn cells_then_slash(text: &[char], at: usize) -> Option<usize> {
    [one_of(text, at, &["cells"]), one_of(text, at, &["cell"]), Some(at)]
        .into_iter()
        .flatten()
        .find(|&end| char_at(text, end) == Some('/'))
        .map(|end| end + 1)
}

/// A count word at the start (`exact` letters, then `words` ignoring case, in order) followed by
/// `(?i:cells?)?/`, replaced by `replacement`.
fn count_per(text: &[char], at: usize, exact: &[char], words: &[&str], replacement: &str) -> Match {
    if at != 0 {
        return None;
    }
    let exact_end = char_at(text, 0).filter(|c| exact.contains(c)).map(|_| 1);
    let word_ends = words.iter().filter(|w| word_at(text, 0, w)).map(|w| w.chars().count());
    exact_end
        .into_iter()
        .chain(word_ends)
        .find_map(|end| cells_then_slash(text, end))
        .map(|end| (end, replacement.into()))
}

/// `^(?:[kK]|(?i:th|tho|thou|thous|thousand))(?i:cells?)?/` → `10*3/`: K/uL, thou/uL → thousands per µL.
fn thousands_per(text: &[char], at: usize) -> Match {
    count_per(text, at, &['k', 'K'], &["th", "tho", "thou", "thous", "thousand"], "10*3/")
}

/// `^(?:M|(?i:mil|mill|million|mio))(?i:cells?)?/` → `10*6/`: M/uL, million/mm3 (capital M only: m is milli).
fn millions_per(text: &[char], at: usize) -> Match {
    count_per(text, at, &['M'], &["mil", "mill", "million", "mio"], "10*6/")
}

/// `(?i)^(?:cells?|#|count)/` → `/`: cells/uL, #/uL.
fn cells_per(text: &[char], at: usize) -> Match {
    if at != 0 {
        return None;
    }
    [one_of(text, 0, &["cells"]), one_of(text, 0, &["cell"]), one_of(text, 0, &["#"]), one_of(text, 0, &["count"])]
        .into_iter()
        .flatten()
        .find(|&end| char_at(text, end) == Some('/'))
        .map(|end| (end + 1, "/".into()))
}

/// `(?i)/(?:cu\.?mm|cmm|cumm|cubicmm|mm3)$` → `/mm3`: per cubic millimetre (= per microlitre).
fn per_cubic_millimetre(text: &[char], at: usize) -> Match {
    let rest = text.get(at + 1..).unwrap_or_default();
    (char_at(text, at) == Some('/') && whole_is(rest, &["cu.mm", "cumm", "cmm", "cubicmm", "mm3"]))
        .then(|| (text.len(), "/mm3".into()))
}

/// `(?i)mcg|microg(?:rams?)?` → `ug`: microgram written with "mc" or in words.
fn microgram(text: &[char], at: usize) -> Match {
    let end = one_of(text, at, &["mcg"]).or_else(|| {
        let base = one_of(text, at, &["microg"])?;
        Some(one_of(text, base, &["rams", "ram"]).unwrap_or(base))
    })?;
    Some((end, "ug".into()))
}

/// `(?i)mcl` → `uL`.
fn microlitre(text: &[char], at: usize) -> Match {
    one_of(text, at, &["mcl"]).map(|end| (end, "uL".into()))
}

/// `(?i)mcmol|micromol(?:es)?` → `umol`.
fn micromole(text: &[char], at: usize) -> Match {
    one_of(text, at, &["mcmol", "micromoles", "micromol"]).map(|end| (end, "umol".into()))
}

/// `(?i)(^|[/.])(m|u|n|p)?gms?([/.]|$)` → `${1}${2}g${3}`: gm, gms → g.
fn gram_abbreviation(text: &[char], at: usize) -> Match {
    let mut starts = Vec::with_capacity(2);
    if at == 0 {
        starts.push((at, String::new()));
    }
    if let Some(c @ ('/' | '.')) = char_at(text, at) {
        starts.push((at + 1, c.to_string()));
    }
    starts.into_iter().find_map(|(from, before)| {
        let prefixed = char_at(text, from).filter(|&c| ['m', 'u', 'n', 'p'].iter().any(|&p| fold_eq(c, p)));
        let prefixes = prefixed.map(|c| (from + 1, c.to_string())).into_iter().chain([(from, String::new())]);
        prefixes.into_iter().find_map(|(g, prefix)| {
            if !word_at(text, g, "gm") {
                return None;
            }
            let with_s = word_at(text, g + 2, "s").then_some(g + 3);
            with_s.into_iter().chain([g + 2]).find_map(|end| match char_at(text, end) {
                Some(c @ ('/' | '.')) => Some((end + 1, format!("{before}{prefix}g{c}"))),
                None => Some((end, format!("{before}{prefix}g"))),
                Some(_) => None,
            })
        })
    })
}

/// `(?i)^(m|u|n)?g%$` → `${1}g/dL`: mg%, g% (per 100 mL) → per decilitre.
fn percent_of_mass(text: &[char], at: usize) -> Match {
    let prefix = match text.len() {
        2 => 0,
        3 if char_at(text, 0).is_some_and(|c| ['m', 'u', 'n'].iter().any(|&p| fold_eq(c, p))) => 1,
        _ => return None,
    };
    (at == 0 && word_at(text, prefix, "g%")).then(|| (text.len(), format!("{}g/dL", slice(text, 0, prefix))))
}

/// `(?i)/100ml$` → `/dL`.
fn per_100_millilitres(text: &[char], at: usize) -> Match {
    (text.len() == at + 6 && word_at(text, at, "/100ml")).then(|| (text.len(), "/dL".into()))
}

/// A whole text that is one of `words` (ignoring case), replaced by `replacement`.
fn whole(text: &[char], at: usize, words: &[&str], replacement: &str) -> Match {
    (at == 0 && whole_is(text, words)).then(|| (text.len(), replacement.into()))
}

/// `(?i)^(?:percent|pct|perc|/100(?:wbcs?|leukocytes?|leucocytes?)?)$` → `%`.
fn percent_in_words(text: &[char], at: usize) -> Match {
    let words = ["percent", "pct", "perc", "/100", "/100wbc", "/100wbcs", "/100leukocyte", "/100leukocytes"];
    whole(text, at, &words, "%").or_else(|| whole(text, at, &["/100leucocyte", "/100leucocytes"], "%"))
}

/// `(?i)^(?:ratio|fraction|index|\{ratio\}|nounits?|unitless|none)$` → `1`: dimensionless ratios.
fn dimensionless(text: &[char], at: usize) -> Match {
    whole(text, at, &["ratio", "fraction", "index", "{ratio}", "nounit", "nounits", "unitless", "none"], "1")
}

/// `(?i)mval` → `meq`: German "mval" is the milliequivalent.
fn mval(text: &[char], at: usize) -> Match {
    one_of(text, at, &["mval"]).map(|end| (end, "meq".into()))
}

/// `(?i)(?:micro|mc|u)iu` → `u[IU]`.
fn micro_international_unit(text: &[char], at: usize) -> Match {
    one_of(text, at, &["microiu", "mciu", "uiu"]).map(|end| (end, "u[IU]".into()))
}

/// `(?i)(?:milli|m)iu` → `m[IU]`.
fn milli_international_unit(text: &[char], at: usize) -> Match {
    one_of(text, at, &["milliiu", "miu"]).map(|end| (end, "m[IU]".into()))
}

/// `(?i)(^|[^a-z\[])iu` → `${1}[IU]`: a bare IU (not part of a word, not already bracketed).
fn international_unit(text: &[char], at: usize) -> Match {
    if at == 0 && word_at(text, 0, "iu") {
        return Some((2, "[IU]".into()));
    }
    let before = char_at(text, at)?;
    let letter = before.is_ascii_alphabetic() || before == '\u{212A}' || before == '\u{17F}';
    (!letter && before != '[' && word_at(text, at + 1, "iu")).then(|| (at + 3, format!("{before}[IU]")))
}

/// `(^|[^A-Za-z\[])([mu]?)IE(/|$)` → `${1}${2}[IU]${3}`: German "Internationale Einheit" (IE/l, mIE/l, µIE/ml),
/// case as German labs print it (a capital `IE`, alone or after a milli or micro prefix).
fn international_unit_german(text: &[char], at: usize) -> Match {
    let at_start = (at == 0).then(|| (0, String::new()));
    let after_other = char_at(text, at).filter(|c| !c.is_ascii_alphabetic() && *c != '[').map(|c| (at + 1, c.into()));
    at_start.into_iter().chain(after_other).find_map(|(start, before): (usize, String)| {
        let prefix = usize::from(matches!(char_at(text, start), Some('m' | 'u')));
        let end = start + prefix + 2;
        if slice(text, start + prefix, end) != "IE" {
            return None;
        }
        let after = match char_at(text, end) {
            Some('/') => "/",
            None => "",
            Some(_) => return None,
        };
        Some((end + after.len(), format!("{before}{}[IU]{after}", slice(text, start, start + prefix))))
    })
}

/// `^([mu]?)E/` → `${1}U/`: German "Einheit" (E/l, mE/l) is the enzyme unit U.
fn unit_german(text: &[char], at: usize) -> Match {
    if at != 0 {
        return None;
    }
    let prefix = usize::from(matches!(char_at(text, 0), Some('m' | 'u')));
    (char_at(text, prefix) == Some('E') && char_at(text, prefix + 1) == Some('/'))
        .then(|| (prefix + 2, format!("{}U/", slice(text, 0, prefix))))
}

/// `(?i)units?` → `U`: units/L → U/L.
fn units_in_words(text: &[char], at: usize) -> Match {
    one_of(text, at, &["units", "unit"]).map(|end| (end, "U".into()))
}

/// `(?i)^ml/min(?:/|per)\{?1\.73(?:_?m2)?\}?$` → `mL/min/{1.73_m2}`: the eGFR unit in its spellings.
fn egfr_unit(text: &[char], at: usize) -> Match {
    if at != 0 || !word_at(text, 0, "ml/min") {
        return None;
    }
    let mut end = one_of(text, 6, &["/", "per"])?;
    end += usize::from(char_at(text, end) == Some('{'));
    end = one_of(text, end, &["1.73"])?;
    end = one_of(text, end, &["_m2", "m2"]).unwrap_or(end);
    end += usize::from(char_at(text, end) == Some('}'));
    (end == text.len()).then(|| (end, "mL/min/{1.73_m2}".into()))
}

/// `(?i)^\(calc(?:ulated)?\)$` → `1`: "(calc)" alone means no unit.
fn calculated_alone(text: &[char], at: usize) -> Match {
    whole(text, at, &["(calc)", "(calculated)"], "1")
}

/// `(?i)\(calc(?:ulated)?\)$` → ``: "(calc)" after a unit marks a calculated value (Quest's "mg/dL (calc)").
fn calculated_suffix(text: &[char], at: usize) -> Match {
    whole_is(text.get(at..).unwrap_or_default(), &["(calc)", "(calculated)"]).then(|| (text.len(), String::new()))
}

/// `(?i)^(?:uug|mmg)$` → `pg`: micromicrogram (µµg, old MCH unit) = picogram.
fn micromicrogram(text: &[char], at: usize) -> Match {
    whole(text, at, &["uug", "mmg"], "pg")
}

/// `(?i)^(?:giga|gpt)(?:\.l-1|/l)$` → `10*9/L`: a French LIS's export, and the German "Gigapartikel pro Liter"
/// (GPT/l) for leukocyte and platelet counts.
fn giga_per_litre(text: &[char], at: usize) -> Match {
    whole(text, at, &["giga.l-1", "giga/l", "gpt.l-1", "gpt/l"], "10*9/L")
}

/// `(?i)^(?:tera|tpt)(?:\.l-1|/l)$` → `10*12/L` (German TPT/l, "Terapartikel pro Liter", for erythrocytes).
fn tera_per_litre(text: &[char], at: usize) -> Match {
    whole(text, at, &["tera.l-1", "tera/l", "tpt.l-1", "tpt/l"], "10*12/L")
}

/// `(?i)^(?:cu|cubic)?microns?3?$|^u3$` → `um3`: cubic microns (old MCV unit) = femtolitre.
fn cubic_microns(text: &[char], at: usize) -> Match {
    if at != 0 {
        return None;
    }
    let starts = [Some(0), one_of(text, 0, &["cu"]), one_of(text, 0, &["cubic"])];
    let micron = starts.into_iter().flatten().any(|from| {
        let Some(mut end) = one_of(text, from, &["micron"]) else { return false };
        end = one_of(text, end, &["s"]).unwrap_or(end);
        end += usize::from(char_at(text, end) == Some('3'));
        end == text.len()
    });
    (micron || whole_is(text, &["u3"])).then(|| (text.len(), "um3".into()))
}
