//! The processing calls: input bytes and settings in, the core's JSON text (or ACK strings) out.

use labcore::catalog::{Catalog, LabCatalog};
use labcore::hl7::AckOptions;
use labcore::{Format, Intake, Rejection};

use crate::failure::{Failure, Result, to_json};
use crate::settings::{Settings, format_argument, parse_time};

/// The built-in catalog, loaded once per process.
pub(crate) fn builtin_catalog() -> Result<&'static Catalog> {
    static CATALOG: std::sync::OnceLock<std::result::Result<Catalog, labcore::catalog::CatalogError>> =
        std::sync::OnceLock::new();
    CATALOG.get_or_init(Catalog::builtin).as_ref().map_err(Failure::catalog)
}

/// Loads a laboratory's catalog: `format` is `toml` or `json` (the default is `toml` where TOML is read,
/// else `json`); `name` labels it in findings.
pub fn lab_catalog(text: &str, format: Option<&str>, name: Option<&str>) -> Result<LabCatalog> {
    let base = builtin_catalog()?;
    let name = name.unwrap_or("lab_catalog");
    let default = if cfg!(feature = "toml") { "toml" } else { "json" };
    let loaded = match format.unwrap_or(default) {
        #[cfg(feature = "toml")]
        "toml" => LabCatalog::from_toml(base, name, text),
        #[cfg(not(feature = "toml"))]
        "toml" => return Err(Failure::option("format", "toml is not read by this build: give the catalog as JSON")),
        "json" => LabCatalog::from_json(base, name, text),
        _ => return Err(Failure::option("format", "must be \"toml\" or \"json\"")),
    };
    loaded.map_err(|e| Failure::catalog(&e))
}

/// Reads the input as `format` says (the typed payload, which holds the PHI, is never built) and hands the
/// intake to `finish`.
fn with_intake<T>(
    input: &[u8],
    format: Option<&str>,
    settings: &Settings<'_>,
    finish: impl FnOnce(&Intake<'_>, &Catalog) -> Result<T>,
) -> Result<T> {
    let format = format_argument(format)?;
    let catalog = builtin_catalog()?;
    let intake = labcore::validate_as(input, &settings.context(catalog), format).map_err(|e| Failure::input(&e))?;
    finish(&intake, catalog)
}

/// Validates, normalises and flags a payload (labcore JSON, FHIR R4 JSON or HL7 v2): `{format, accepted,
/// status, reports, findings, ack_codes}` (`findings`: those about the input itself).
pub fn process(input: &[u8], format: Option<&str>, settings: &Settings<'_>) -> Result<String> {
    with_intake(input, format, settings, |intake, _| to_json(intake))
}

/// Like [`process`], but a rejected input is a failure (`payload_rejected`, with every finding).
pub fn validate(input: &[u8], format: Option<&str>, settings: &Settings<'_>) -> Result<String> {
    with_intake(input, format, settings, |intake, _| {
        if !intake.accepted() {
            return Err(Failure::rejected(Rejection::PAYLOAD, &intake.all_findings()));
        }
        to_json(intake)
    })
}

/// The ACK of each message of an HL7 v2 input, each a string of CR-terminated segments. `timestamp`
/// (RFC 3339) defaults to the settings' `asOf`, `control_id` to `ACK-1`.
pub fn ack(
    input: &[u8],
    control_id: Option<&str>,
    timestamp: Option<&str>,
    include_info: bool,
    settings: &Settings<'_>,
) -> Result<Vec<String>> {
    let timestamp = match timestamp {
        Some(t) => parse_time(t, "timestamp")?,
        None => settings.as_of.fixed_offset(),
    };
    let mut options = AckOptions::new(control_id.unwrap_or("ACK-1").to_owned(), timestamp);
    options.include_info = include_info;
    with_intake(input, Some(Format::Hl7v2.as_str()), settings, |intake, _| match intake {
        Intake::Hl7(outcome) => Ok(outcome.acks(&options)),
        _ => Ok(Vec::new()),
    })
}

/// Each report as a FHIR R4 DiagnosticReport (JSON array text); a rejected report is a failure
/// (`report_rejected`). `issued` (RFC 3339) defaults to `asOf`; `subject` is a reference such as `Patient/1`.
pub fn to_fhir(
    input: &[u8],
    format: Option<&str>,
    settings: &Settings<'_>,
    issued: Option<&str>,
    subject: Option<String>,
) -> Result<String> {
    let issued = match issued {
        Some(t) => parse_time(t, "issued")?.with_timezone(&chrono::Utc),
        None => settings.as_of,
    };
    let options = labcore::fhir::FhirOptions { issued, subject, id: None };
    with_intake(input, format, settings, |intake, catalog| match intake.to_fhir(catalog, &options) {
        Ok(reports) => to_json(&reports),
        Err(rejected) => Err(Failure::rejected(Rejection::REPORT, &rejected.findings.iter().collect::<Vec<_>>())),
    })
}

/// Every finding of an input as a FHIR R4 OperationOutcome (JSON text).
pub fn operation_outcome(input: &[u8], format: Option<&str>, settings: &Settings<'_>) -> Result<String> {
    with_intake(input, format, settings, |intake, _| to_json(&labcore::fhir::operation_outcome(intake.all_findings())))
}

/// The format of an input (`labcore`, `fhir`, `hl7v2`), or `None`.
pub fn detect_format(input: &[u8]) -> Option<&'static str> {
    labcore::detect(input).map(Format::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const HL7: &str = "MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|MSG-1|P|2.5.1\rPID|1||MRN-7741-SECRET^^^LAB^MR||DOE^JANE||19800101|F\rOBR|1|||CBC\rOBX|1|NM|718-7^Hemoglobin^LN||abc|g/dL|12.0-16.0|N|||F\r";

    fn settings() -> Settings<'static> {
        Settings::read(Some("2026-11-25T12:00:00Z"), None, None, None, chrono::DateTime::UNIX_EPOCH).unwrap()
    }

    #[test]
    fn process_renders_the_intake() {
        let answer: Value = serde_json::from_str(&process(HL7.as_bytes(), None, &settings()).unwrap()).unwrap();
        assert_eq!((answer["format"].as_str(), answer["accepted"].as_bool()), (Some("hl7v2"), Some(false)));
        assert!(!answer.to_string().contains("MRN-7741-SECRET"));
    }

    #[test]
    fn a_rejection_is_located_and_carries_its_findings() {
        let failure = validate(HL7.as_bytes(), None, &settings()).unwrap_err();
        assert_eq!(failure.code, "payload_rejected");
        assert!(failure.path.starts_with("OB"), "{}", failure.path);
        assert!(!failure.findings.is_empty());
        let rendered = format!("{} {} {failure:?}", failure.detail_json(), failure.findings_json());
        assert!(!rendered.contains("MRN-7741-SECRET") && !rendered.contains("DOE"));
        assert_eq!(to_fhir(HL7.as_bytes(), None, &settings(), None, None).unwrap_err().code, "report_rejected");
    }

    #[test]
    fn acks_fhir_and_outcomes() {
        let acks = ack(HL7.as_bytes(), Some("ACK-9"), None, false, &settings()).unwrap();
        assert!(acks.len() == 1 && (acks[0].contains("MSA|AE|MSG-1") || acks[0].contains("MSA|AR|MSG-1")), "{acks:?}");
        let outcome: Value =
            serde_json::from_str(&operation_outcome(HL7.as_bytes(), None, &settings()).unwrap()).unwrap();
        assert_eq!(outcome["resourceType"], "OperationOutcome");
        assert_eq!(detect_format(HL7.as_bytes()), Some("hl7v2"));
        assert_eq!(detect_format(b"\x00\x01"), None);
        assert_eq!(process(b"  ", None, &settings()).unwrap_err().code, "empty_input");
        assert_eq!(process(b"{}", Some("xml"), &settings()).unwrap_err().path, "format");
    }

    #[test]
    fn lab_catalogs_load_or_say_why() {
        let lab = lab_catalog("lab_id = \"LAB-01\"\n", None, None).unwrap();
        assert_eq!(lab.lab_id(), Some("LAB-01"));
        assert_eq!(lab_catalog("[[interval]", None, None).unwrap_err().code, "catalog_syntax");
        assert_eq!(lab_catalog("{}", Some("yaml"), None).unwrap_err().path, "format");
    }
}
