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
    /// or `si`), the laboratory catalog and `priors` (an array of `{analyte, value, unit, collectedAt}`).
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
            Some(Value::Array(items)) => items.iter().map(prior).collect::<Result<_>>()?,
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

fn prior(item: &Value) -> Result<PriorResult> {
    let text = |key: &str| item.get(key).and_then(Value::as_str).map(str::to_owned);
    let missing = || Failure::option("priors", "entries need analyte, value, unit and collectedAt");
    Ok(PriorResult {
        analyte: text("analyte").ok_or_else(missing)?,
        value: item.get("value").and_then(Value::as_f64).ok_or_else(missing)?,
        unit: text("unit").ok_or_else(missing)?,
        collected_at: parse_time(
            &text("collectedAt").or_else(|| text("collected_at")).ok_or_else(missing)?,
            "priors collectedAt",
        )?,
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
    }

    #[test]
    fn bad_options_name_their_argument() {
        let path = |result: Result<Settings<'_>>| result.unwrap_err().path;
        assert_eq!(path(Settings::read(None, Some("metric"), None, None, now())), "unitSystem");
        assert_eq!(path(Settings::read(Some("yesterday"), None, None, None, now())), "asOf");
        assert_eq!(path(Settings::read(Some("2026-11-25T12:00:00"), None, None, None, now())), "asOf");
        assert_eq!(path(Settings::read(None, None, None, Some(&json!({"a": 1})), now())), "priors");
        assert_eq!(path(Settings::read(None, None, None, Some(&json!([{"analyte": "k"}])), now())), "priors");
        assert_eq!(format_argument(Some("xml")).unwrap_err().path, "format");
        assert_eq!(format_argument(Some("auto")).unwrap(), None);
        assert_eq!(format_argument(Some("hl7v2")).unwrap(), Some(Format::Hl7v2));
    }
}
