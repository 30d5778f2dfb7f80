//! Why a catalog file could not be read, in labcore's words. The readers' own messages quote the file (serde's
//! `invalid type: string "…", expected f64`, toml's ``duplicate key `…` ``), and a laboratory's file may be
//! pasted from anywhere: they are matched against serde's fixed wording, never copied. What is kept: the line
//! and column (JSON), the entry (`interval[3]`, TOML), and a field name of the catalog format itself.

/// serde's fixed openings of a data error (the same for serde_json and toml), with what labcore says instead.
const DATA_PROBLEMS: &[(&str, &str)] = &[
    ("invalid type", "a value has the wrong type"),
    ("invalid value", "a value is not one labcore accepts here"),
    ("invalid length", "a list has the wrong number of items"),
    ("unknown variant", "a value is not one of the names allowed here"),
    ("unknown field", "a field the catalog format does not have"),
];

/// The sections of a catalog file (its top-level keys): only these names may appear in an entry's place.
#[cfg(feature = "toml")]
const SECTIONS: &[&str] = &["lab_id", "analyte", "interval", "critical", "delta", "panel", "order_code", "sum"];

/// A fixed description of serde's message for a value that does not fit the catalog format. `missing field`
/// and `duplicate field` name a field of the format (serde takes the name from the type, not from the file),
/// and keep it when it looks like one.
pub(super) fn data_problem(message: &str) -> String {
    for opening in ["missing field `", "duplicate field `"] {
        let name = message.strip_prefix(opening).and_then(|rest| rest.strip_suffix('`'));
        if let Some(name) = name.filter(|n| is_format_name(n)) {
            return format!("{opening}{name}`");
        }
    }
    DATA_PROBLEMS
        .iter()
        .find(|(opening, _)| message.starts_with(opening))
        .map_or("the file does not follow the catalog format", |(_, ours)| ours)
        .to_owned()
}

/// Whether a name could be a field of the catalog format (short snake_case ASCII).
fn is_format_name(name: &str) -> bool {
    !name.is_empty() && name.len() <= 32 && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
}

/// serde's message inside a serde_json error, without the position serde_json appends.
pub(super) fn serde_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let position = format!(" at line {} column {}", err.line(), err.column());
    message.strip_suffix(&position).map_or_else(|| message.clone(), str::to_owned)
}

/// A serde_json error of a catalog written in JSON: what kind of problem, and where.
pub(super) fn json_problem(err: &serde_json::Error) -> String {
    let problem = match err.classify() {
        serde_json::error::Category::Data => data_problem(&serde_message(err)),
        _ => format!("not valid JSON: {}", crate::Error::from_json(err).detail()),
    };
    if err.line() == 0 { problem } else { format!("{problem} at line {} column {}", err.line(), err.column()) }
}

/// The entry of a TOML catalog that holds a number that is not finite (`nan`, `inf`, `-inf`), anywhere inside it:
/// `interval[3]` in a section of the format, an empty name elsewhere (a name the file made up is not repeated).
#[cfg(feature = "toml")]
pub(super) fn non_finite_entry(document: &toml::Value) -> Option<String> {
    fn non_finite(value: &toml::Value) -> bool {
        match value {
            toml::Value::Float(f) => !f.is_finite(),
            toml::Value::Array(items) => items.iter().any(non_finite),
            toml::Value::Table(table) => table.values().any(non_finite),
            _ => false,
        }
    }
    for (name, section) in document.as_table()? {
        let known = SECTIONS.contains(&name.as_str());
        match section.as_array() {
            Some(entries) if known => {
                if let Some(index) = entries.iter().position(non_finite) {
                    return Some(format!("{name}[{index}]"));
                }
            }
            _ if non_finite(section) => return Some(String::new()),
            _ => {}
        }
    }
    None
}

/// The position of a byte offset in a text, as `line L column C` (1-based, the column in characters).
#[cfg(feature = "toml")]
pub(super) fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line} column {column}")
}

/// Which entry of a catalog (already read as a JSON value) does not fit the format: each entry is checked on
/// its own, wrapped as a file of one entry, with the same reader (`check`). `None` when no single entry is at
/// fault (or it sits in a section the format does not have, whose name is not repeated).
#[cfg(feature = "toml")]
pub(super) fn failing_entry(
    value: &serde_json::Value,
    check: impl Fn(&str) -> Result<(), serde_json::Error>,
) -> Option<String> {
    let sections = value.as_object()?;
    for (name, section) in sections.iter().filter(|(name, _)| SECTIONS.contains(&name.as_str())) {
        let Some(entries) = section.as_array() else {
            continue;
        };
        for (index, entry) in entries.iter().enumerate() {
            let alone = serde_json::json!({ name.as_str(): [entry] }).to_string();
            if check(&alone).is_err() {
                return Some(format!("{name}[{index}]"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_are_matched_not_copied() {
        let cases = [
            ("invalid type: string \"Jane Doe\", expected f64", "a value has the wrong type"),
            ("unknown field `Jane Doe`, expected one of `analyte`, `low`", "a field the catalog format does not have"),
            ("unknown variant `Doe`, expected `any`", "a value is not one of the names allowed here"),
            ("missing field `source`", "missing field `source`"),
            ("missing field `Jane Doe`", "the file does not follow the catalog format"),
            ("something new about Jane Doe", "the file does not follow the catalog format"),
        ];
        for (serde, ours) in cases {
            assert_eq!(data_problem(serde), ours);
        }
    }

    #[test]
    fn json_problems_keep_the_position_only() {
        let text = "{\"interval\": [{\"analyte\": \"k\", \"low\": \"Jane Doe\"}]}";
        let Err(err) = serde_json::from_str::<super::super::model::CatalogFile>(text) else {
            unreachable!("a string is not a number");
        };
        assert_eq!(json_problem(&err), "a value has the wrong type at line 1 column 48");
        let Err(err) = serde_json::from_str::<super::super::model::CatalogFile>("{\"interval\": [{}]}") else {
            unreachable!("an interval needs an analyte");
        };
        assert_eq!(json_problem(&err), "missing field `analyte` at line 1 column 16");
    }
}
