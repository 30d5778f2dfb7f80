//! Turning catalog files into checked [`Analyte`]s.

use super::CatalogError;
use super::analyte::{Analyte, LoincTerm, MolarMass, Plausible};
use super::model::{AnalyteEntry, CatalogFile, LoincEntry};
use crate::LoincCode;
use crate::units::{Unit, UnitParser, convert};

/// Parses one TOML catalog file. TOML is read into a JSON value and the catalog's types from that value's text:
/// one reader of the catalog's types (JSON's) serves TOML, JSON and the built-in files, which keeps the
/// WebAssembly package small. A type error in TOML is located by its entry (`interval[3]`), found by reading each
/// entry alone with that same reader. Messages never quote the file ([`problem`](super::problem)).
#[cfg(feature = "toml")]
pub(crate) fn parse_file(name: &str, text: &str) -> Result<CatalogFile, CatalogError> {
    use super::problem;
    let syntax = |message: String| CatalogError::Syntax { file: name.to_owned(), message };
    let document = toml::from_str::<toml::Value>(text).map_err(|e| {
        let at = e.span().map(|span| format!(" at {}", problem::position(text, span.start))).unwrap_or_default();
        syntax(format!("not valid TOML{at}"))
    })?;
    // TOML has `nan` and `inf`, JSON has neither: in a JSON value they would become `null`, that is an absent
    // limit, and `low = nan` would silently make an interval one-sided. Refused before the conversion.
    if let Some(entry) = problem::non_finite_entry(&document) {
        let problem = "a number is not finite (nan or inf); leave a limit out to make it one-sided".to_owned();
        return Err(CatalogError::Invalid { file: name.to_owned(), entry, problem });
    }
    let value =
        serde_json::to_value(&document).map_err(|_| syntax("the file does not follow the catalog format".into()))?;
    let read = |json: &str| serde_json::from_str::<CatalogFile>(json);
    let json = value.to_string();
    read(&json).map_err(|e| {
        let entry = problem::failing_entry(&value, |alone| read(alone).map(drop));
        let problem = problem::data_problem(&problem::serde_message(&e));
        syntax(match entry {
            Some(entry) => format!("{problem} in {entry}"),
            None => problem,
        })
    })
}

/// Parses one catalog file written in JSON.
pub(crate) fn parse_json_file(name: &str, text: &str) -> Result<CatalogFile, CatalogError> {
    serde_json::from_str::<CatalogFile>(text)
        .map_err(|e| CatalogError::Syntax { file: name.to_owned(), message: super::problem::json_problem(&e) })
}

/// Checks one entry and builds its analyte: every unit is UCUM and can express the analyte, every LOINC code
/// passes its check digit, limits are ordered.
pub(crate) fn build(file: &str, entry: AnalyteEntry, units: &UnitParser) -> Result<Analyte, CatalogError> {
    let invalid = |problem: String| CatalogError::Invalid {
        file: file.to_owned(),
        entry: format!("analyte `{}`", entry.id),
        problem,
    };
    if entry.id.is_empty() || !entry.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_') {
        return Err(invalid("id must be snake_case".into()));
    }
    let unit = |text: &str| units.parse_ucum(text).map_err(|_| invalid(format!("unit `{text}` is not UCUM")));
    let mut analyte = Analyte {
        position: 0,
        id: entry.id.as_str().into(),
        display: entry.display.as_str().into(),
        panels: entry.panels.clone(),
        optional_in: entry.optional_in.clone(),
        group: entry.group.clone().unwrap_or_else(|| entry.id.clone()),
        family: entry.family.clone().unwrap_or_else(|| entry.id.clone()),
        kind: entry.kind,
        canonical_unit: unit(&entry.canonical_unit)?,
        si_unit: unit(&entry.si_unit)?,
        accepted_units: entry.accepted_units.iter().map(|u| unit(u)).collect::<Result<_, _>>()?,
        aliases: entry.aliases.clone(),
        molar_mass: None,
        valence: entry.valence,
        plausible: None,
        plausible_canonical: None,
        loinc: entry.loinc.iter().map(|l| term(l).map_err(&invalid)).collect::<Result<_, _>>()?,
    };
    if let Some(m) = &entry.molar_mass {
        if !(m.g_per_mol.is_finite() && m.g_per_mol > 0.0) || m.source.trim().is_empty() {
            return Err(invalid("molar mass must be positive and cite a source".into()));
        }
        analyte.molar_mass = Some(MolarMass {
            formula: m.formula.clone(),
            g_per_mol: m.g_per_mol,
            substance: m.substance.clone(),
            source: m.source.clone(),
        });
    }
    if let Some(p) = &entry.plausible {
        if p.low.partial_cmp(&p.high) != Some(std::cmp::Ordering::Less) || p.source.trim().is_empty() {
            return Err(invalid("plausible limits must be ordered and cite a source".into()));
        }
        analyte.plausible =
            Some(Plausible { low: p.low, high: p.high, unit: unit(&p.unit)?, source: p.source.clone() });
    }
    check_units(&analyte).map_err(invalid)?;
    analyte.plausible_canonical = analyte.plausible.as_ref().and_then(|p| {
        let to_canonical = |v: f64| convert(v, &p.unit, &analyte.canonical_unit, analyte.bridges()).ok();
        to_canonical(p.low).zip(to_canonical(p.high))
    });
    Ok(analyte)
}

fn term(entry: &LoincEntry) -> Result<LoincTerm, String> {
    let code = LoincCode::parse(&entry.code).map_err(|e| format!("LOINC {}: {e}", entry.code))?;
    if entry.source.trim().is_empty() {
        return Err(format!("LOINC {} cites no source", entry.code));
    }
    Ok(LoincTerm {
        code,
        long_name: entry.long_name.clone(),
        property: entry.property.clone(),
        system: entry.system.clone(),
        method: entry.method.clone(),
        source: entry.source.clone(),
        kind: LoincTerm::kind_of(&entry.property),
    })
}

/// Every unit the entry names must be able to express the analyte.
fn check_units(analyte: &Analyte) -> Result<(), String> {
    let all = [&analyte.canonical_unit, &analyte.si_unit]
        .into_iter()
        .chain(&analyte.accepted_units)
        .chain(analyte.plausible.as_ref().map(|p| &p.unit));
    for unit in all {
        let ok = unit.kind().is_some_and(|k| analyte.accepts(k));
        if !ok {
            return Err(format!("unit `{}` cannot express a {:?} analyte", unit.ucum(), analyte.kind));
        }
    }
    Ok(())
}

/// Whether two units are the same unit (same dimension and scale), whatever their spelling.
pub(crate) fn same_unit(a: &Unit, b: &Unit) -> bool {
    a.dimension() == b.dimension() && (a.scale() - b.scale()).abs() <= 1e-12 * a.scale().abs().max(b.scale().abs())
}
