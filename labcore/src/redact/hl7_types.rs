//! The HL7 v2 data type of every field of every segment, and the component types of every composite type
//! (`deid/hl7v2_types.txt`, from the HL7 v2.5.1 and v2.8.2 definitions), so that redaction goes by data type: a
//! person's name is redacted wherever an XPN is, in a field nobody listed.

use std::collections::HashMap;

/// The table, read once per redactor from the embedded text.
pub(crate) struct Hl7Types {
    segments: HashMap<&'static str, Vec<&'static str>>,
    composites: HashMap<&'static str, Vec<&'static str>>,
}

impl Hl7Types {
    /// The built-in table.
    pub(crate) fn builtin() -> Hl7Types {
        Hl7Types::parse(include_str!("../../deid/hl7v2_types.txt"))
    }

    fn parse(text: &'static str) -> Hl7Types {
        let mut segments = HashMap::new();
        let mut composites = HashMap::new();
        for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let mut words = line.split_ascii_whitespace();
            let Some(name) = words.next() else { continue };
            let types: Vec<&'static str> = words.collect();
            match name.strip_prefix('.') {
                Some(composite) => composites.insert(composite, types),
                None => segments.insert(name, types),
            };
        }
        Hl7Types { segments, composites }
    }

    /// Whether labcore knows the segment (Z-segments and misspelt identifiers are not known).
    pub(crate) fn knows(&self, segment: &str) -> bool {
        self.segments.contains_key(segment)
    }

    /// The data type of field `n` (1-based) of a segment; `None` when the segment or the position is unknown.
    pub(crate) fn field(&self, segment: &str, n: usize) -> Option<&'static str> {
        let types = self.segments.get(segment)?;
        n.checked_sub(1).and_then(|i| types.get(i)).copied().filter(|t| *t != "-")
    }

    /// The component types of a composite type; `None` for a primitive (or unknown) type.
    pub(crate) fn components(&self, data_type: &str) -> Option<&[&'static str]> {
        self.composites.get(data_type).map(Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_and_components_of_the_standard() {
        let types = Hl7Types::builtin();
        assert_eq!(types.field("PID", 5), Some("XPN"));
        assert_eq!(types.field("PID", 7), Some("TS"));
        assert_eq!(types.field("PID", 40), Some("XTN"), "a v2.8 field");
        assert_eq!(types.field("OBR", 32), Some("NDL"));
        assert_eq!(types.field("MRG", 1), Some("CX"));
        assert_eq!(types.field("SPM", 18), Some("TS"));
        assert_eq!(types.field("PID", 400), None);
        assert_eq!(types.field("ZPI", 1), None);
        assert!(types.knows("TQ1") && types.knows("PRT") && !types.knows("ZPI"));
        assert_eq!(types.components("XPN").and_then(|c| c.first()).copied(), Some("FN"));
        assert_eq!(types.components("XAD").and_then(|c| c.first()).copied(), Some("SAD"));
        assert_eq!(types.components("ST"), None);
    }
}
