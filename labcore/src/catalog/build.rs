//! Building a [`Catalog`] from its files: analytes first, then the limits, rules and codes that refer to them.

use super::model::{CatalogFile, PanelEntry};
use super::ranges;
use super::{Analyte, COMMON_SPELLINGS, Catalog, CatalogError, ExpectedGroup, PanelCode, load, name_key};
use crate::hash::FastMap;
use crate::units::UnitParser;
use crate::{LoincCode, Panel};

/// Builds and indexes the analytes of the parsed files, then attaches limits, delta rules and panel codes.
pub(super) fn from_parsed(mut parsed: Vec<(&str, CatalogFile)>) -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog {
        analytes: Vec::new(),
        by_id: FastMap::default(),
        by_loinc: FastMap::default(),
        by_name: super::names::NameIndex::default(),
        by_loose_name: super::names::NameIndex::default(),
        units: UnitParser::new(),
        unit_cache: FastMap::default(),
        swapped: Default::default(),
        limits: ranges::LimitTables::default(),
        panels: Vec::new(),
        order_codes: Vec::new(),
        expected: Vec::new(),
        derive_plan: crate::derive::Plan::default(),
        sums: Vec::new(),
    };
    for (name, file) in &mut parsed {
        for entry in std::mem::take(&mut file.analyte) {
            let analyte = load::build(name, entry, &catalog.units)?;
            catalog.index(name, analyte)?;
        }
    }
    catalog.limits = ranges::LimitTables::build(&catalog, parsed.iter().map(|(name, file)| (&**name, file)))?;
    for (name, file) in &parsed {
        for panel in &file.panel {
            catalog.panels.push(panel_code(name, panel)?);
        }
        for code in &file.order_code {
            catalog.order_codes.push(panel_code(name, code)?);
        }
        let sums = super::sums::build(&catalog, name, &file.sum)?;
        catalog.sums.extend(sums);
    }
    catalog.expected = Panel::ALL.iter().map(|p| (*p, expected_groups(&catalog.analytes, *p))).collect();
    catalog.derive_plan = crate::derive::plan(&catalog);
    catalog.warm_unit_cache();
    Ok(catalog)
}

/// The groups of a panel's expected analytes, in catalog order.
fn expected_groups(analytes: &[Analyte], panel: Panel) -> Vec<ExpectedGroup> {
    let mut groups: Vec<ExpectedGroup> = Vec::new();
    for analyte in analytes.iter().filter(|a| a.panels().contains(&panel)) {
        match groups.iter_mut().find(|g| *g.group == *analyte.group()) {
            Some(group) => group.members.push(analyte.position),
            None => groups.push(ExpectedGroup { group: analyte.group().into(), members: vec![analyte.position] }),
        }
    }
    groups
}

fn panel_code(file: &str, entry: &PanelEntry) -> Result<PanelCode, CatalogError> {
    let invalid =
        |problem: String| CatalogError::Invalid { file: file.into(), entry: format!("panel `{}`", entry.id), problem };
    let loinc = LoincCode::parse(&entry.loinc).map_err(|e| invalid(format!("panel LOINC {}: {e}", entry.loinc)))?;
    if entry.source.trim().is_empty() {
        return Err(invalid("panel code cites no source".into()));
    }
    Ok(PanelCode { panel: entry.id, loinc, long_name: entry.long_name.clone(), source: entry.source.clone() })
}

impl Catalog {
    fn index(&mut self, file: &str, mut analyte: Analyte) -> Result<(), CatalogError> {
        let at = self.analytes.len();
        analyte.position = at;
        let invalid = |problem: String| CatalogError::Invalid {
            file: file.into(),
            entry: format!("analyte `{}`", analyte.id),
            problem,
        };
        if self.by_id.insert(analyte.id.to_string(), at).is_some() {
            return Err(invalid("id used twice".into()));
        }
        for term in &analyte.loinc {
            if self.by_loinc.insert(term.code, at).is_some() {
                return Err(invalid(format!("LOINC {} listed on two analytes", term.code)));
            }
        }
        // A term's LOINC long name is a name of its analyte too: FHIR displays and HL7 OBX-3.2 are often exactly it
        // ("Hemoglobin [Mass/volume] in Blood"), sent without a code or with a local one.
        let long_names = analyte.loinc.iter().map(|term| term.long_name.as_str());
        let names: Vec<&str> = analyte
            .aliases
            .iter()
            .map(String::as_str)
            .chain([&*analyte.id, &*analyte.display])
            .chain(long_names)
            .collect();
        for key in names.iter().map(|n| name_key(n)).filter(|k| !k.is_empty()) {
            file_name(&mut self.by_name, &self.analytes, &key, &analyte, at).map_err(&invalid)?;
        }
        // A name without the qualifying word an alias has ("White Blood Cell" for "White Blood Cell Count") is looked
        // up among the aliases' loose keys, once nothing else matched.
        for key in names.iter().filter_map(|n| super::names::loose_alias_key(n)) {
            file_name(&mut self.by_loose_name, &self.analytes, &key, &analyte, at).map_err(&invalid)?;
        }
        self.analytes.push(analyte);
        Ok(())
    }

    fn warm_unit_cache(&mut self) {
        let catalog_units = self.analytes.iter().flat_map(|a| {
            [&a.canonical_unit, &a.si_unit].into_iter().chain(&a.accepted_units).map(|u| u.ucum().to_owned())
        });
        let spellings: Vec<String> = catalog_units.chain(COMMON_SPELLINGS.iter().map(|s| s.to_string())).collect();
        for text in spellings {
            let reading = self.units.read(&text);
            for unit in reading.iter().flat_map(|r| r.candidates()) {
                let [as_international, as_enzyme] = &mut self.swapped;
                if let Some(swapped) = self.units.international_as_enzyme_unit(unit) {
                    as_enzyme.insert(unit.ucum().to_owned(), swapped);
                }
                if let Some(swapped) = self.units.enzyme_unit_as_international(unit) {
                    as_international.insert(unit.ucum().to_owned(), swapped);
                }
            }
            self.unit_cache.insert(text, reading);
        }
    }
}

/// Files the analyte at `at` under a name key; a key of another family's analyte is an error (a name means one
/// measurand family).
fn file_name(
    index: &mut super::names::NameIndex,
    analytes: &[Analyte],
    key: &str,
    analyte: &Analyte,
    at: usize,
) -> Result<(), String> {
    let Some(members) = index.entry(key) else { return Ok(()) };
    if let Some(other) = members.iter().filter_map(|i| analytes.get(*i)).find(|o| o.family != analyte.family) {
        return Err(format!("name `{key}` is also used by `{}` of another family", other.id));
    }
    if !members.contains(&at) {
        members.push(at);
    }
    Ok(())
}
