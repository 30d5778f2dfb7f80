//! The options every processing call takes, read from their JS spelling.

use chrono::{DateTime, FixedOffset, Utc};
use labcore::catalog::{Catalog, LabCatalog};
use labcore::{Context, Format, PriorResult, UnitSystem};
use serde_json::Value;

use crate::failure::{Failure, Result};

/// When, in which unit system, with which laboratory catalog and prior results a payload is processed.
#[derive(Debug)]
pub struct Settings<'a> {
    /// The time findings are judged at (`asOf`; the binding's "now" when not given).
    pub as_of: DateTime<Utc>,
    /// The unit system results are reported in.
    pub unit_system: UnitSystem,
    /// A laboratory's own catalog.
    pub lab: Option<&'a LabCatalog>,
    /// Earlier results of the patient, for delta checks.
    pub priors: Vec<PriorResult>,
}

impl<'a> Settings<'a> {
    /// Reads `asOf` (RFC 3339 with an offset; `now` when absent), `unitSystem` (`conventional`, the default,
    /// or `si`), the laboratory catalog and `priors` (an array of `{analyte, value, unit, collectedAt, patientId}`).
    pub fn read(
        as_of: Option<&str>,
        unit_system: Option<&str>,
        lab: Option<&'a LabCatalog>,
        priors: Option<&Value>,
        now: DateTime<Utc>,
    ) -> Result<Settings<'a>> {
        let unit_system = UnitSystem::from_name(unit_system.unwrap_or("conventional"))
            .ok_or_else(|| Failure::option("unitSystem", "must be \"conventional\" or \"si\""))?;
        let priors = match priors {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(items)) => {
                items.iter().enumerate().map(|(i, item)| prior(i, item)).collect::<Result<_>>()?
            }
            Some(_) => return Err(Failure::option("priors", "must be an array")),
        };
        let as_of = match as_of {
            Some(text) => parse_time(text, "asOf")?.with_timezone(&Utc),
            None => now,
        };
        Ok(Settings { as_of, unit_system, lab, priors })
    }

    /// The core's context for these settings.
    pub fn context<'s>(&'s self, catalog: &'s Catalog) -> Context<'s> {
        let context = Context::new(catalog, self.as_of).with_unit_system(self.unit_system).with_priors(&self.priors);
        match self.lab {
            Some(lab) => context.with_lab_catalog(lab),
            None => context,
        }
    }
}

/// One entry of `priors`: `{analyte, value, unit, collectedAt (or collected_at), patientId (or patient_id)}`. An
/// error's path names the entry and the field (`priors[2].value`), never the value.
fn prior(index: usize, item: &Value) -> Result<PriorResult> {
    let at = |field: &str| format!("priors[{index}].{field}");
    let Value::Object(entry) = item else {
        return Err(Failure::option(&format!("priors[{index}]"), "must be an object"));
    };
    // A member by its JS name or its snake_case alias; `null` counts as absent.
    let get = |name: &str, alias: &str| entry.get(name).or_else(|| entry.get(alias)).filter(|v| !v.is_null());
    let text = |name: &str, alias: &str| match get(name, alias) {
        Some(Value::String(s)) => Ok(Some(s.clone())),
        None => Ok(None),
        Some(_) => Err(Failure::option(&at(name), "must be a string")),
    };
    let required =
        |name: &str, alias: &str| text(name, alias)?.ok_or_else(|| Failure::option(&at(name), "is required"));
    let value = match get("value", "value") {
        Some(Value::Number(n)) => n.as_f64().ok_or_else(|| Failure::option(&at("value"), "must be a number"))?,
        None => return Err(Failure::option(&at("value"), "is required")),
        Some(_) => return Err(Failure::option(&at("value"), "must be a number")),
    };
    Ok(PriorResult {
        analyte: required("analyte", "analyte")?,
        value,
        unit: required("unit", "unit")?,
        collected_at: parse_time(&required("collectedAt", "collected_at")?, &at("collectedAt"))?,
        patient_id: text("patientId", "patient_id")?,
    })
}

/// An RFC 3339 time with an offset (a JS `Date` arrives as its ISO string); `argument` names it in the error.
pub fn parse_time(text: &str, argument: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(text).map_err(|_| Failure::option(argument, "is not an RFC 3339 time with an offset"))
}

/// The `format` argument: absent or `auto` means recognise it.
pub fn format_argument(format: Option<&str>) -> Result<Option<Format>> {
    match format {
        None | Some("auto") => Ok(None),
        Some(name) => Format::from_name(name)
            .map(Some)
            .ok_or_else(|| Failure::option("format", "must be auto, labcore, fhir or hl7v2")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn defaults_are_now_and_conventional_units() {
        let settings = Settings::read(None, None, None, None, now()).unwrap();
        assert_eq!((settings.as_of, settings.unit_system, settings.priors.len()), (now(), UnitSystem::Conventional, 0));
    }

    #[test]
    fn as_of_keeps_its_instant_and_priors_take_both_spellings() {
        let priors = json!([
            {"analyte": "creatinine", "value": 1.0, "unit": "mg/dL", "collectedAt": "2026-11-23T08:00:00-05:00"},
            {"analyte": "sodium", "value": 140, "unit": "mmol/L", "collected_at": "2026-11-23T08:00:00Z"},
        ]);
        let settings =
            Settings::read(Some("2026-11-25T07:00:00-05:00"), Some("si"), None, Some(&priors), now()).unwrap();
        assert_eq!(settings.as_of.to_rfc3339(), "2026-11-25T12:00:00+00:00");
        assert_eq!(settings.unit_system, UnitSystem::Si);
        assert_eq!(settings.priors.len(), 2);
        assert_eq!(settings.priors[1].value, 140.0);
        let keyed = json!([{"analyte": "k", "value": 4, "unit": "mmol/L", "collectedAt": "2026-11-23T08:00:00Z",
                            "patientId": "MRN-1"}]);
        let settings = Settings::read(None, None, None, Some(&keyed), now()).unwrap();
        assert_eq!(settings.priors[0].patient_id.as_deref(), Some("MRN-1"));
    }

    #[test]
    fn bad_options_name_their_argument() {
        let path = |result: Result<Settings<'_>>| result.unwrap_err().path;
        assert_eq!(path(Settings::read(None, Some("metric"), None, None, now())), "unitSystem");
        assert_eq!(path(Settings::read(Some("yesterday"), None, None, None, now())), "asOf");
        assert_eq!(path(Settings::read(Some("2026-11-25T12:00:00"), None, None, None, now())), "asOf");
        assert_eq!(path(Settings::read(None, None, None, Some(&json!({"a": 1})), now())), "priors");
        let priors = |p: Value| path(Settings::read(None, None, None, Some(&p), now()));
        assert_eq!(priors(json!([{"analyte": "k"}])), "priors[0].value");
        let entry = |field: &str, value: Value| {
            let mut p = json!({"analyte": "k", "value": 1, "unit": "mmol/L", "collectedAt": "2026-11-23T08:00:00Z"});
            p[field] = value;
            priors(json!([{"analyte": "k", "value": 1, "unit": "mmol/L", "collectedAt": "2026-11-23T08:00:00Z"}, p]))
        };
        assert_eq!(entry("value", json!("Jane Doe")), "priors[1].value");
        assert_eq!(entry("analyte", json!(7)), "priors[1].analyte");
        assert_eq!(entry("collectedAt", json!("Jane Doe")), "priors[1].collectedAt");
        assert_eq!(entry("patientId", json!(7)), "priors[1].patientId");
        assert_eq!(priors(json!(["Jane Doe"])), "priors[0]");
        let err = Settings::read(None, None, None, Some(&json!([{"analyte": "Jane Doe", "value": "Jane Doe"}])), now());
        assert!(!err.unwrap_err().detail_json().contains("Jane"));
        assert_eq!(format_argument(Some("xml")).unwrap_err().path, "format");
        assert_eq!(format_argument(Some("auto")).unwrap(), None);
        assert_eq!(format_argument(Some("hl7v2")).unwrap(), Some(Format::Hl7v2));
    }
}
