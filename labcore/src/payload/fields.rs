//! Suggestions for unknown keys: the field a sender most likely meant.

/// Names senders use for our fields, per field.
const SYNONYMS: &[(&str, &[&str])] = &[
    ("patient_id", &["patient", "patientid", "mrn", "pid", "subjectid", "patientnumber"]),
    ("lab_id", &["lab", "labcode", "laboratory", "laboratoryid", "performinglab", "facilityid"]),
    ("test_type", &["panel", "testcode", "test", "ordercode", "paneltype", "testname"]),
    ("collected_at", &["collected", "collectiontime", "collectiondate", "collectiondatetime", "specimendate"]),
    ("results", &["result", "observations", "analytes", "tests", "obx"]),
    ("comments", &["comment", "notes", "note", "remarks"]),
    ("analyte", &["name", "analytename", "testname", "test", "component", "observation"]),
    ("loinc", &["code", "loinccode", "loincnum", "loincid"]),
    ("value", &["result", "resultvalue", "observationvalue", "val"]),
    ("unit", &["units", "uom", "unitofmeasure", "ucum"]),
    ("reference_range", &["range", "refrange", "normalrange", "referenceinterval", "referencerange", "refinterval"]),
    ("flag", &["flags", "abnormalflag", "abnormal", "interpretation", "resultflag"]),
    ("comment", &["note", "notes", "remark", "comments"]),
    ("sex", &["gender", "administrativesex"]),
    ("birth_date", &["dob", "dateofbirth", "birthdate", "birthday"]),
    ("type", &["specimentype", "kind", "sampletype"]),
    ("id", &["accession", "accessionnumber", "specimenid", "barcode"]),
];

/// The field of `fields` a key most likely meant: same letters ignoring case and separators, a known synonym,
/// or within two edits. The key is only compared, never stored.
pub(crate) fn suggest(key: &str, fields: &'static [&'static str]) -> Option<&'static str> {
    if key.len() > 64 {
        return None;
    }
    let squashed: String = key.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
    let plain = |f: &str| f.replace('_', "");
    if let Some(field) = fields.iter().find(|f| plain(f) == squashed) {
        return Some(field);
    }
    let synonym = SYNONYMS.iter().find(|(field, names)| fields.contains(field) && names.contains(&squashed.as_str()));
    if let Some((field, _)) = synonym {
        return fields.iter().find(|f| *f == field).copied();
    }
    fields
        .iter()
        .copied()
        .filter(|f| edit_distance(&plain(f), &squashed) <= 2)
        .min_by_key(|f| edit_distance(&plain(f), &squashed))
}

/// Levenshtein distance over bytes (keys are short; longer ones were rejected above).
fn edit_distance(a: &str, b: &str) -> usize {
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.bytes().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous.get(j).copied().unwrap_or(usize::MAX).saturating_add(usize::from(ca != *cb));
            let delete = previous.get(j + 1).copied().unwrap_or(usize::MAX).saturating_add(1);
            let insert = current.get(j).copied().unwrap_or(usize::MAX).saturating_add(1);
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitute.min(delete).min(insert);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[&str] = &["analyte", "loinc", "value", "unit", "reference_range", "flag", "comment"];

    #[test]
    fn suggestions() {
        assert_eq!(suggest("Unit", FIELDS), Some("unit"));
        assert_eq!(suggest("referenceRange", FIELDS), Some("reference_range"));
        assert_eq!(suggest("units", FIELDS), Some("unit"));
        assert_eq!(suggest("loinc_code", FIELDS), Some("loinc"));
        assert_eq!(suggest("valeu", FIELDS), Some("value"));
        assert_eq!(suggest("John Smith", FIELDS), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
