//! Keeps the JSON Schemas in `labcore/schema/` honest: they are valid draft 2020-12 schemas, the samples pass the
//! payload schema, the payload schema agrees with the reader on every conformance case (and on a table of edge
//! cases), and every report labcore produces passes the report schema, which lists exactly the members and
//! vocabularies serde writes (and the README's report examples pass it).
//!
//! The agreement rule: a payload the reader rejects for its shape (`missing_field`, `invalid_type`, `too_long`,
//! `no_results`) must fail the schema, and a payload with no error finding must pass it. Other codes are
//! semantic (LOINC check digits, units, dates in the future) and a schema cannot see them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

use jsonschema::Validator;
use labcore::catalog::Catalog;
use labcore::{Context, Finding, FindingCode, Report, Severity, UnitSystem};
use serde_json::{Value, json};

mod common;

use common::DEFAULT_AS_OF;

/// The codes that describe a payload's shape: a schema must reject every payload that has one.
const STRUCTURAL: &[FindingCode] =
    &[FindingCode::MissingField, FindingCode::InvalidType, FindingCode::TooLong, FindingCode::NoResults];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn schema(name: &str) -> Value {
    read_json(&root().join("schema").join(name))
}

/// Compiles a schema as draft 2020-12, asserting formats (stricter than the default, which only annotates).
fn compile(schema: &Value) -> Validator {
    jsonschema::draft202012::options().should_validate_formats(true).build(schema).unwrap()
}

fn payload_validator() -> Validator {
    compile(&schema("payload.schema.json"))
}

fn report_validator() -> Validator {
    compile(&schema("report.schema.json"))
}

/// The schema's errors for `instance`, one line each (empty when valid).
fn errors(validator: &Validator, instance: &Value) -> Vec<String> {
    validator.iter_errors(instance).map(|e| format!("{} at `{}`", e, e.instance_path())).collect()
}

/// The JSON files of a directory, sorted.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
}

fn default_context(catalog: &Catalog) -> Context<'_> {
    Context::new(catalog, DEFAULT_AS_OF.parse().unwrap())
}

/// Whether a finding is one the schema must see. A `unit` missing for a numeric value is `missing_field` too,
/// but whether a unit is needed depends on the analyte (ratios such as RDW need none): the schema cannot know.
fn is_structural(finding: &Finding) -> bool {
    let catalog_dependent = finding.code() == FindingCode::MissingField && pointer(finding).ends_with("/unit");
    STRUCTURAL.contains(&finding.code()) && !catalog_dependent
}

/// A finding's path as the report writes it (RFC 6901: `""` for the whole payload).
fn pointer(finding: &Finding) -> String {
    serde_json::to_value(finding.path()).unwrap().as_str().unwrap().to_owned()
}

fn summary(report: &Report) -> String {
    let findings: Vec<String> =
        report.findings.iter().map(|f| format!("{} {} {}", f.severity().as_str(), f.code(), pointer(f))).collect();
    format!("[{}]", findings.join(", "))
}

/// Checks the agreement rule for one payload; `Err` says how the schema and the reader disagree.
fn agree(validator: &Validator, input: &Value, report: &Report) -> Result<(), String> {
    let schema_errors = errors(validator, input);
    if report.findings.iter().any(is_structural) && schema_errors.is_empty() {
        return Err(format!("the reader finds a shape problem but the schema accepts: {}", summary(report)));
    }
    let reader_errors = report.findings.iter().any(|f| f.severity() == Severity::Error);
    if !reader_errors && !schema_errors.is_empty() {
        return Err(format!("the reader accepts ({}) but the schema rejects: {schema_errors:?}", summary(report)));
    }
    Ok(())
}

// a. Both schemas are valid draft 2020-12 schemas.

#[test]
fn schemas_are_valid_draft_2020_12() {
    for (name, id) in [
        ("payload.schema.json", "https://labcore.dev/schema/payload/v1.json"),
        ("report.schema.json", "https://labcore.dev/schema/report/v1.json"),
    ] {
        let schema = schema(name);
        if let Err(e) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} violates the draft 2020-12 meta-schema: {e} at {}", e.instance_path());
        }
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        assert_eq!(schema["$id"], id, "{name}");
        assert!(schema["title"].is_string() && schema["description"].is_string(), "{name}: title and description");
        jsonschema::draft202012::new(&schema).unwrap_or_else(|e| panic!("{name} does not compile: {e}"));
        // Formats asserted (as in every other test here) must be ones the validator knows.
        jsonschema::draft202012::options()
            .should_validate_formats(true)
            .should_ignore_unknown_formats(false)
            .build(&schema)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
}

/// Every member of every `properties` (outside `anyOf`/`oneOf` helper branches) has a description: these are
/// what vendors read in their editors.
#[test]
fn every_property_is_described() {
    fn walk(schema: &Value, at: &str, missing: &mut Vec<String>) {
        let Value::Object(map) = schema else { return };
        for (key, value) in map {
            match key.as_str() {
                "anyOf" | "oneOf" | "enum" | "examples" => {}
                "properties" => {
                    for (name, property) in value.as_object().unwrap() {
                        if !property["description"].is_string() {
                            missing.push(format!("{at}/properties/{name}"));
                        }
                        walk(property, &format!("{at}/properties/{name}"), missing);
                    }
                }
                _ => walk(value, &format!("{at}/{key}"), missing),
            }
        }
    }
    for name in ["payload.schema.json", "report.schema.json"] {
        let mut missing = Vec::new();
        walk(&schema(name), "", &mut missing);
        assert!(missing.is_empty(), "{name}: properties without a description: {missing:?}");
    }
}

/// The fields that hold PHI say so first thing in their description.
#[test]
fn phi_fields_are_marked() {
    let schema = schema("payload.schema.json");
    let props = &schema["properties"];
    let result = &schema["$defs"]["result"]["properties"];
    for (path, property) in [
        ("patient_id", &props["patient_id"]),
        ("collected_at", &props["collected_at"]),
        ("patient", &props["patient"]),
        ("patient/sex", &props["patient"]["properties"]["sex"]),
        ("patient/birth_date", &props["patient"]["properties"]["birth_date"]),
        ("specimen/id", &props["specimen"]["properties"]["id"]),
        ("comments", &props["comments"]),
        ("comments/items", &props["comments"]["items"]),
        ("results/comment", &result["comment"]),
    ] {
        let description = property["description"].as_str().unwrap_or_default();
        assert!(description.starts_with("PHI"), "{path}: {description}");
    }
    for path in ["lab_id", "test_type"] {
        assert!(!props[path]["description"].as_str().unwrap().starts_with("PHI"), "{path}");
    }
}

/// The schema names exactly the fields the reader knows: none of its properties is an `unknown_field`, and a key
/// it does not name is one.
#[test]
fn schema_properties_are_the_reader_fields() {
    let catalog = Catalog::builtin().unwrap();
    let context = default_context(&catalog);
    let schema = schema("payload.schema.json");
    let objects = [
        ("", &schema["properties"]),
        ("/patient", &schema["properties"]["patient"]["properties"]),
        ("/specimen", &schema["properties"]["specimen"]["properties"]),
        ("/results/0", &schema["$defs"]["result"]["properties"]),
        ("/results/0/reference_range", &schema["$defs"]["result"]["properties"]["reference_range"]["properties"]),
    ];
    for (at, properties) in objects {
        let names: Vec<&String> = properties.as_object().unwrap().keys().collect();
        assert!(names.len() >= 2, "{at}");
        for key in names.into_iter().map(String::as_str).chain(["zz_not_a_field"]) {
            let mut payload = complete_payload();
            let target = if at.is_empty() { &mut payload } else { payload.pointer_mut(at).unwrap() };
            let object = target.as_object_mut().unwrap();
            if key == "zz_not_a_field" || !object.contains_key(key) {
                object.insert(key.to_owned(), Value::Null);
            } else {
                continue;
            }
            let report = labcore::validate(&serde_json::to_vec(&payload).unwrap(), &context).unwrap();
            let unknown = report.findings.iter().any(|f| f.code() == FindingCode::UnknownField && pointer(f) == at);
            assert_eq!(unknown, key == "zz_not_a_field", "key `{key}` at `{at}`: {}", summary(&report));
        }
    }
}

/// A payload using every object of the format, with few fields, so that others can be added.
fn complete_payload() -> Value {
    json!({
        "patient_id": "P1", "lab_id": "L", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "patient": { "sex": "F" },
        "specimen": { "type": "serum" },
        "results": [{ "analyte": "Glucose", "value": 90, "unit": "mg/dL", "reference_range": { "low": 70 } }]
    })
}

// b. The samples pass the payload schema.

#[test]
fn samples_validate() {
    let validator = payload_validator();
    let catalog = Catalog::builtin().unwrap();
    let context = default_context(&catalog);
    let samples = json_files(&root().join("../examples/samples"));
    assert!(samples.len() >= 2, "samples: {samples:?}");
    for path in samples {
        let sample = read_json(&path);
        let problems = errors(&validator, &sample);
        assert!(problems.is_empty(), "{}: {problems:#?}", path.display());
        // Some samples show semantic findings (`rejected.json`): the schema passes them, the reader agrees that
        // their shape is right, and their reports pass the report schema.
        let report = labcore::validate(&serde_json::to_vec(&sample).unwrap(), &context).unwrap();
        agree(&validator, &sample, &report).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let problems = errors(&report_validator(), &serde_json::to_value(&report).unwrap());
        assert!(problems.is_empty(), "{}: report: {problems:#?}", path.display());
    }
}

// c. and d. The conformance corpus: the payload schema agrees with the reader, and every report passes the
// report schema.

#[test]
fn conformance_corpus_agrees_with_schemas() {
    let catalog = Catalog::builtin().unwrap();
    let payloads = payload_validator();
    let reports = report_validator();
    let cases = json_files(&root().join("../conformance/cases"));
    assert!(cases.len() >= 40, "corpus too small: {}", cases.len());
    let (mut failures, mut compared, mut reported) = (Vec::new(), 0, 0);
    // The cases' `priors` and `lab_catalog` must reach the reports, so that delta checks and lab ranges are checked.
    let (mut deltas, mut lab_ranges) = (0, 0);
    for path in &cases {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let case = read_json(path);
        let context = common::case_context(&catalog, &case, None);
        let (bytes, input) = match case.get("input_text") {
            Some(Value::String(text)) => (text.clone().into_bytes(), None),
            _ => (serde_json::to_vec(&case["input"]).unwrap(), Some(&case["input"])),
        };
        let Ok(report) = labcore::validate(&bytes, &context) else { continue };
        reported += 1;
        let value = serde_json::to_value(&report).unwrap();
        let results = value["results"].as_array().unwrap();
        deltas += results.iter().filter(|r| !r["delta"].is_null()).count();
        lab_ranges += results.iter().filter(|r| r["range"]["origin"] == "lab_catalog").count();
        let problems = errors(&reports, &value);
        if !problems.is_empty() {
            failures.push(format!("{name}: the report fails report.schema.json: {problems:?}"));
        }
        if let Some(input) = input {
            compared += 1;
            if let Err(e) = agree(&payloads, input, &report) {
                failures.push(format!("{name}: {e}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
    assert!(compared >= 35 && reported >= compared, "compared {compared}, reported {reported}");
    assert!(deltas >= 2 && lab_ranges >= 1, "{deltas} delta check(s), {lab_ranges} lab catalog range(s)");
}

// e. Edge cases beyond the corpus: each a change to a valid payload, with what the schema must say about it.

/// What the payload schema must say about an edited payload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Accepts,
    Rejects,
    /// The schema rejects what the reader lets through without an error, on purpose: the reader is lenient there
    /// (or wrong), and vendors should not rely on it. Documented in `schema/README.md`.
    Stricter,
}
use Verdict::{Accepts, Rejects, Stricter};

/// `(description, JSON pointer, new value or None to remove, what the schema says)`.
type Edit = (&'static str, &'static str, Option<Value>, Verdict);

fn edits() -> Vec<Edit> {
    let x = |n: usize| Value::String("x".repeat(n));
    vec![
        // Limits, counted in bytes by the reader: exact for ASCII.
        ("patient_id at its limit", "/patient_id", Some(x(128)), Accepts),
        ("patient_id over its limit", "/patient_id", Some(x(129)), Rejects),
        ("lab_id over its limit", "/lab_id", Some(x(129)), Rejects),
        ("analyte at its limit", "/results/0/analyte", Some(x(256)), Accepts),
        ("analyte over its limit", "/results/0/analyte", Some(x(257)), Rejects),
        ("unit over its limit", "/results/0/unit", Some(x(65)), Rejects),
        ("flag at its limit", "/results/0/flag", Some(x(32)), Accepts),
        ("flag over its limit", "/results/0/flag", Some(x(33)), Rejects),
        ("loinc over its limit", "/results/0/loinc", Some(Value::String(format!("{}2345-7", " ".repeat(27)))), Rejects),
        ("specimen id over its limit", "/specimen/id", Some(x(129)), Rejects),
        ("range string over its limit", "/results/0/reference_range", Some(x(129)), Rejects),
        ("range text over its limit", "/results/0/reference_range", Some(json!({ "text": "x".repeat(129) })), Rejects),
        ("range bound at its limit", "/results/0/reference_range", Some(json!({ "low": "1".repeat(64) })), Accepts),
        ("range bound over its limit", "/results/0/reference_range", Some(json!({ "low": "1".repeat(65) })), Rejects),
        ("comment at its limit", "/results/0/comment", Some(x(65536)), Accepts),
        ("comment over its limit", "/results/0/comment", Some(x(65537)), Rejects),
        ("comments entry over its limit", "/comments", Some(json!([x(65537)])), Rejects),
        ("comments string over its limit", "/comments", Some(x(65537)), Rejects),
        // Required, empty and null.
        ("patient_id missing", "/patient_id", None, Rejects),
        ("patient_id null", "/patient_id", Some(Value::Null), Rejects),
        ("patient_id empty", "/patient_id", Some(json!("")), Rejects),
        ("patient_id blank", "/patient_id", Some(json!("   ")), Rejects),
        ("patient_id padded", "/patient_id", Some(json!("  P1  ")), Accepts),
        ("lab_id missing", "/lab_id", None, Rejects),
        ("test_type missing", "/test_type", None, Rejects),
        ("collected_at missing", "/collected_at", None, Rejects),
        ("results missing", "/results", None, Rejects),
        ("results null", "/results", Some(Value::Null), Rejects),
        ("results empty", "/results", Some(json!([])), Rejects),
        ("value missing", "/results/0/value", None, Rejects),
        ("value null", "/results/0/value", Some(Value::Null), Rejects),
        ("analyte and loinc missing", "/results/0/analyte", None, Rejects),
        ("analyte null, no loinc", "/results/0/analyte", Some(Value::Null), Rejects),
        (
            "loinc instead of analyte",
            "/results/0",
            Some(json!({ "loinc": "2345-7", "value": 90, "unit": "mg/dL" })),
            Accepts,
        ),
        ("loinc padded", "/results/0", Some(json!({ "loinc": " 2345-7 ", "value": 90, "unit": "mg/dL" })), Accepts),
        ("empty loinc next to an analyte", "/results/0/loinc", Some(json!("")), Accepts),
        // Optional fields: null, empty and blank are the same as absent.
        ("patient null", "/patient", Some(Value::Null), Accepts),
        ("patient empty", "/patient", Some(json!({})), Accepts),
        ("specimen null", "/specimen", Some(Value::Null), Accepts),
        ("comments null", "/comments", Some(Value::Null), Accepts),
        ("comments empty array", "/comments", Some(json!([])), Accepts),
        ("comments one string", "/comments", Some(json!("line one\nline two\tend")), Accepts),
        ("flag null", "/results/0/flag", Some(Value::Null), Accepts),
        ("flag empty", "/results/0/flag", Some(json!("")), Accepts),
        ("sex empty", "/patient/sex", Some(json!("")), Accepts),
        ("birth_date null", "/patient/birth_date", Some(Value::Null), Accepts),
        ("range null", "/results/0/reference_range", Some(Value::Null), Accepts),
        ("range empty string", "/results/0/reference_range", Some(json!("")), Accepts),
        (
            "range bounds as strings",
            "/results/0/reference_range",
            Some(json!({ "low": "3,5", "high": "<5.1" })),
            Accepts,
        ),
        // Types.
        ("patient_id a number", "/patient_id", Some(json!(12345)), Rejects),
        ("patient a string", "/patient", Some(json!("F")), Rejects),
        ("specimen an array", "/specimen", Some(json!([])), Rejects),
        ("results an object", "/results", Some(json!({})), Rejects),
        ("a result a string", "/results/0", Some(json!("glucose")), Rejects),
        ("value a boolean", "/results/0/value", Some(json!(true)), Rejects),
        ("value an object", "/results/0/value", Some(json!({ "v": 1 })), Rejects),
        ("unit a number", "/results/0/unit", Some(json!(7)), Rejects),
        ("range an array", "/results/0/reference_range", Some(json!([70, 99])), Rejects),
        ("range bound a boolean", "/results/0/reference_range", Some(json!({ "low": true })), Rejects),
        ("comments a number", "/comments", Some(json!(1)), Rejects),
        ("comments entry null", "/comments", Some(json!([null])), Rejects),
        ("analyte a number", "/results/0/analyte", Some(json!(5)), Rejects),
        // Values: any number or string.
        ("value a numeric string", "/results/0/value", Some(json!("90")), Accepts),
        ("value with a decimal comma", "/results/0/value", Some(json!("90,5")), Accepts),
        ("value with a comparator", "/results/0/value", Some(json!("<100")), Accepts),
        ("value masked", "/results/0/value", Some(json!("***.**")), Accepts),
        ("value empty", "/results/0/value", Some(json!("")), Accepts),
        ("value free text", "/results/0/value", Some(json!("see comment")), Accepts),
        // Vocabularies and formats.
        ("test_type in lower case", "/test_type", Some(json!(" cmp ")), Accepts),
        ("test_type unknown", "/test_type", Some(json!("HFP")), Rejects),
        ("test_type BMP in lower case", "/test_type", Some(json!(" bmp ")), Accepts),
        ("test_type CBC_NO_DIFF in lower case", "/test_type", Some(json!("cbc_no_diff")), Accepts),
        ("sex female", "/patient/sex", Some(json!("female")), Accepts),
        ("sex m", "/patient/sex", Some(json!("m")), Accepts),
        ("sex Not Applicable", "/patient/sex", Some(json!("Not Applicable")), Accepts),
        ("sex X", "/patient/sex", Some(json!("X")), Rejects),
        ("specimen Serum/Plasma", "/specimen/type", Some(json!("Serum/Plasma")), Accepts),
        ("specimen whole-blood", "/specimen/type", Some(json!("whole-blood")), Accepts),
        ("specimen BLDV", "/specimen/type", Some(json!("BLDV")), Accepts),
        ("specimen SER", "/specimen/type", Some(json!("SER")), Accepts),
        ("specimen urine (a reader warning)", "/specimen/type", Some(json!("urine")), Stricter),
        ("birth_date", "/patient/birth_date", Some(json!("1984-03-12")), Accepts),
        ("birth_date not a date", "/patient/birth_date", Some(json!("March 1980")), Rejects),
        ("collected_at with offset", "/collected_at", Some(json!("2026-11-24T07:42:00-05:00")), Accepts),
        ("collected_at fractional", "/collected_at", Some(json!("2026-11-24T07:42:00.125Z")), Accepts),
        ("collected_at lower case", "/collected_at", Some(json!("2026-11-24t07:42:00z")), Accepts),
        ("collected_at with a space", "/collected_at", Some(json!("2026-11-24 07:42:00-05:00")), Accepts),
        ("collected_at without seconds", "/collected_at", Some(json!("2026-11-24T07:42-05:00")), Accepts),
        ("collected_at without seconds, Z", "/collected_at", Some(json!("2026-11-24T07:42Z")), Accepts),
        ("collected_at without offset", "/collected_at", Some(json!("2026-11-24T07:42:00")), Accepts),
        ("collected_at without offset or seconds", "/collected_at", Some(json!("2026-11-24 07:42")), Accepts),
        ("collected_at a date", "/collected_at", Some(json!("2026-11-24")), Accepts),
        ("collected_at padded", "/collected_at", Some(json!(" 2026-11-24T07:42:00Z ")), Accepts),
        ("collected_at day first", "/collected_at", Some(json!("24/11/2026")), Rejects),
        ("collected_at offset without colon", "/collected_at", Some(json!("2026-11-24T07:42:00-0500")), Rejects),
        ("loinc malformed", "/results/0/loinc", Some(json!("2345")), Rejects),
        // Control characters.
        ("tab in lab_id", "/lab_id", Some(json!("LAB\t01")), Rejects),
        ("line break in a comment", "/results/0/comment", Some(json!("first\r\nsecond")), Accepts),
        ("bell in a comment", "/results/0/comment", Some(json!("ring\u{7}")), Rejects),
        ("NUL in the comments string", "/comments", Some(json!("a\u{0}b")), Rejects),
        // Unknown fields are warnings; `$schema` is ignored everywhere.
        ("unknown top-level field", "/extra", Some(json!(1)), Accepts),
        ("unknown result field", "/results/0/note", Some(json!("x")), Accepts),
        ("unknown range field", "/results/0/reference_range", Some(json!({ "low": 70, "units": "mg/dL" })), Accepts),
        ("$schema at the top", "/$schema", Some(json!("payload.schema.json")), Accepts),
        ("$schema in a result", "/results/0/$schema", Some(json!(1)), Accepts),
        // Where the schema is deliberately stricter than the reader.
        ("test_type a long name", "/test_type", Some(json!("Comprehensive Metabolic Panel")), Stricter),
        ("test_type with punctuation", "/test_type", Some(json!("C.M.P.")), Stricter),
        ("collected_at one-digit month", "/collected_at", Some(json!("2026-1-4")), Rejects),
        ("birth_date two-digit year", "/patient/birth_date", Some(json!("84-03-12")), Rejects),
        ("birth_date one-digit month", "/patient/birth_date", Some(json!("1980-4-2")), Rejects),
        ("collected_at a space before the offset", "/collected_at", Some(json!("2026-11-24 07:42 -05:00")), Stricter),
        ("blank analyte and no loinc", "/results/0/analyte", Some(json!(" ")), Rejects),
        ("control character in a comments entry", "/comments", Some(json!(["ring\u{7}"])), Rejects),
        ("control character in a range string", "/results/0/reference_range", Some(json!("70\u{7}99")), Rejects),
    ]
}

/// Sets or removes the member at `pointer` (its parent must exist).
fn edit(payload: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let parent = if parent.is_empty() { payload } else { payload.pointer_mut(parent).unwrap() };
    match (parent, value) {
        (Value::Object(map), Some(value)) => {
            map.insert(key.to_owned(), value);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(items), Some(value)) => items[key.parse::<usize>().unwrap()] = value,
        (parent, _) => panic!("cannot edit {pointer} in {parent}"),
    }
}

#[test]
fn edge_cases_agree_with_the_reader() {
    let catalog = Catalog::builtin().unwrap();
    let context = default_context(&catalog);
    let validator = payload_validator();
    let base = json!({
        "patient_id": "P1", "lab_id": "LAB-01", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "patient": { "sex": "F", "birth_date": "1980-04-02" },
        "specimen": { "id": "ACC-1", "type": "serum" },
        "results": [{ "analyte": "Glucose", "value": 90, "unit": "mg/dL", "reference_range": "70-99", "flag": "N" }],
        "comments": ["fasting"]
    });
    assert!(errors(&validator, &base).is_empty(), "{:?}", errors(&validator, &base));
    let mut failures = Vec::new();
    for (description, pointer, value, verdict) in edits() {
        let mut payload = base.clone();
        edit(&mut payload, pointer, value);
        let report = labcore::validate(&serde_json::to_vec(&payload).unwrap(), &context).unwrap();
        let problems = errors(&validator, &payload);
        let reader_error = report.findings.iter().any(|f| f.severity() == Severity::Error);
        let wrong = match verdict {
            Accepts => !problems.is_empty(),
            Rejects => problems.is_empty(),
            // Stricter means the reader lets it through: when that changes, this entry should become `Rejects`.
            Stricter => problems.is_empty() || reader_error,
        };
        if wrong {
            failures
                .push(format!("{description}: expected {verdict:?}, schema {problems:?}, reader {}", summary(&report)));
        }
        if verdict != Stricter
            && let Err(e) = agree(&validator, &payload, &report)
        {
            failures.push(format!("{description}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{} problem(s):\n{}", failures.len(), failures.join("\n"));
}

// The report schema's vocabularies are the library's.

#[test]
fn report_schema_lists_every_finding_code() {
    let schema = schema("report.schema.json");
    let finding = &schema["$defs"]["finding"]["properties"];
    let listed: Vec<&str> = finding["code"]["enum"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let codes: Vec<&str> = FindingCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(listed, codes, "report.schema.json codes differ from FindingCode::ALL (same order)");
    let severities: Vec<&str> =
        finding["severity"]["enum"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    let expected: Vec<&str> = [Severity::Info, Severity::Warning, Severity::Error].iter().map(|s| s.as_str()).collect();
    assert_eq!(severities, expected);
    let panels: Vec<&str> =
        schema["properties"]["panel"]["enum"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    let expected: Vec<&str> = labcore::Panel::ALL.iter().map(|p| p.as_str()).collect();
    assert_eq!(panels, expected);
    // Each code is also explained in the README.
    let readme = std::fs::read_to_string(root().join("schema/README.md")).unwrap();
    for code in codes {
        assert!(readme.contains(&format!("`{code}`")), "schema/README.md does not mention `{code}`");
    }
}

/// The report schema describes nulls as serde writes them: a report with every optional member empty passes, and
/// one with a member missing fails.
#[test]
fn report_schema_requires_nulls_not_absence() {
    let catalog = Catalog::builtin().unwrap();
    let validator = report_validator();
    let report = labcore::validate(b"[]", &default_context(&catalog)).unwrap();
    let mut value = serde_json::to_value(&report).unwrap();
    assert_eq!(value["panel"], Value::Null);
    assert_eq!(
        (&value["completeness"], &value["derived"], &value["status"]),
        (&Value::Null, &json!([]), &json!("REJECTED"))
    );
    assert!(errors(&validator, &value).is_empty(), "{:?}", errors(&validator, &value));
    value.as_object_mut().unwrap().remove("panel");
    assert!(!errors(&validator, &value).is_empty(), "a missing member must fail");
}

/// A report with every kind of object the report schema describes: ranges from the payload and from the catalog,
/// critical limits, a delta check, derived values, an incomplete panel.
fn rich_report(catalog: &Catalog) -> Value {
    let case = json!({
        "context": {
            "priors": [{ "analyte": "glucose", "value": 70, "unit": "mg/dL", "collected_at": "2026-11-22T08:00:00Z" }]
        }
    });
    let payload = json!({
        "patient_id": "P1", "lab_id": "LAB-01", "test_type": "CMP", "collected_at": "2026-11-24T08:00:00Z",
        "patient": { "sex": "F", "birth_date": "1976-05-01" },
        "results": [
            { "analyte": "Glucose", "value": 120, "unit": "mg/dL", "reference_range": "70-99", "flag": "H" },
            { "analyte": "Sodium", "value": "140", "unit": "mmol/L" },
            { "analyte": "Creatinine", "value": "1.0", "unit": "mg/dL" }
        ]
    });
    let report =
        labcore::validate(&serde_json::to_vec(&payload).unwrap(), &common::case_context(catalog, &case, None)).unwrap();
    serde_json::to_value(&report).unwrap()
}

/// Every member of every object in a report is required, and no other member is allowed: the schema lists exactly
/// what serde writes.
#[test]
fn report_schema_lists_exactly_the_serialised_members() {
    fn objects(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                out.push(at.clone());
                for (key, member) in map {
                    objects(member, format!("{at}/{key}"), out);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    objects(item, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
    }
    let catalog = Catalog::builtin().unwrap();
    let validator = report_validator();
    let report = rich_report(&catalog);
    assert!(errors(&validator, &report).is_empty(), "{:#?}", errors(&validator, &report));
    for (pointer, what) in [
        ("/results/0/range/text", "a payload range"),
        ("/results/1/range/source", "a catalog range"),
        ("/results/1/critical", "critical limits"),
        ("/results/0/delta/limit_percent", "a delta check"),
        ("/derived/0/range", "a flagged derived value"),
        ("/completeness/missing/0/any_of", "a missing group"),
        ("/findings/0", "a finding"),
    ] {
        let member = report.pointer(pointer).unwrap_or(&Value::Null);
        assert!(!member.is_null(), "the rich report lacks {what} at {pointer}: {report:#}");
    }
    let mut pointers = Vec::new();
    objects(&report, String::new(), &mut pointers);
    let mut failures = Vec::new();
    for at in pointers {
        let keys: Vec<String> = report.pointer(&at).unwrap().as_object().unwrap().keys().cloned().collect();
        for key in keys.iter().map(String::as_str).chain(["zz_not_a_member"]) {
            let mut edited = report.clone();
            let object = edited.pointer_mut(&at).unwrap().as_object_mut().unwrap();
            if object.remove(key).is_none() {
                object.insert(key.to_owned(), Value::Null);
            }
            if errors(&validator, &edited).is_empty() {
                failures.push(format!("{at}/{key}"));
            }
        }
    }
    assert!(failures.is_empty(), "the report schema accepts a report without (or with) these members: {failures:?}");
}

/// The report schema's vocabularies are spelled as serde spells the library's types, in declaration order.
#[test]
fn report_schema_enums_are_the_serialised_names() {
    use labcore::catalog::{AgeBand, AgeLimit, AgeUnit, SexFilter};
    use labcore::derive::Method;
    use labcore::flags::Flag;
    use labcore::{Comparator, Mapping, Panel, RangeOrigin, RangeStatus, Status, TextKind};

    fn names<T: serde::Serialize>(values: &[T]) -> Vec<Value> {
        values.iter().map(|v| serde_json::to_value(v).unwrap()).collect()
    }
    let schema = schema("report.schema.json");
    let listed = |pointer: &str| -> Vec<Value> {
        let values = schema.pointer(pointer).unwrap_or_else(|| panic!("no {pointer}")).as_array().unwrap();
        values.iter().filter(|v| !v.is_null()).cloned().collect()
    };
    let flags = [Flag::CriticalLow, Flag::Low, Flag::Normal, Flag::High, Flag::CriticalHigh, Flag::Abnormal];
    let methods = [
        Method::CkdEpi2021,
        Method::Friedewald,
        Method::SampsonNih,
        Method::NonHdl,
        Method::AnionGap,
        Method::CorrectedCalcium,
        Method::Globulin,
        Method::AgRatio,
        Method::BunCreatinineRatio,
    ];
    let statuses = [
        RangeStatus::Applied,
        RangeStatus::NoApplicableRange,
        RangeStatus::NeedsDemographics,
        RangeStatus::NotEvaluated,
    ];
    let origins = [RangeOrigin::Payload, RangeOrigin::LabCatalog, RangeOrigin::Default];
    let comparators = [Comparator::Less, Comparator::LessOrEqual, Comparator::Greater, Comparator::GreaterOrEqual];
    let texts = [TextKind::Empty, TextKind::Masked, TextKind::Text, TextKind::Ambiguous, TextKind::OutOfRange];
    for (pointer, expected) in [
        ("/properties/status/enum", names(&[Status::Ready, Status::NeedsReview, Status::Rejected])),
        ("/properties/unit_system/enum", names(&[UnitSystem::Conventional, UnitSystem::Si])),
        ("/$defs/flag/enum", names(&flags)),
        ("/$defs/rangeStatus/enum", names(&statuses)),
        ("/$defs/appliedRange/properties/origin/enum", names(&origins)),
        // Critical limits never come from the payload.
        ("/$defs/appliedCritical/properties/origin/enum", names(&origins[1..])),
        ("/$defs/appliedRange/properties/sex/enum", names(&[SexFilter::Any, SexFilter::Female, SexFilter::Male])),
        ("/$defs/derivedValue/properties/method/enum", names(&methods)),
        ("/$defs/result/properties/mapping/enum", names(&[Mapping::Loinc, Mapping::Name, Mapping::Unmapped])),
        ("/$defs/result/properties/text/enum", names(&texts)),
        ("/$defs/result/properties/comparator/enum", names(&comparators)),
        ("/$defs/completeness/properties/panel/enum", names(Panel::ALL)),
    ] {
        assert_eq!(listed(pointer), expected, "{pointer}");
    }
    // A report that needs review names only review codes.
    let mut review: Vec<Value> = listed("/oneOf/1/properties/status_reasons/items/anyOf/0/enum");
    let mut expected = names(labcore::REVIEW_CODES);
    review.sort_by_key(Value::to_string);
    expected.sort_by_key(Value::to_string);
    assert_eq!(review, expected, "the NEEDS_REVIEW reasons differ from labcore::REVIEW_CODES");
    // Age bands serialise as text that the `age` pattern describes.
    let age = compile(&schema["$defs"]["appliedRange"]["properties"]["age"]);
    let limit = |value, unit| Some(AgeLimit { value, unit });
    for band in [
        AgeBand { from: None, to: None },
        AgeBand { from: limit(18, AgeUnit::Years), to: None },
        AgeBand { from: None, to: limit(6, AgeUnit::Months) },
        AgeBand { from: limit(1, AgeUnit::Weeks), to: limit(10, AgeUnit::Days) },
    ] {
        let text = serde_json::to_value(band).unwrap();
        assert!(errors(&age, &text).is_empty(), "{text}: {:?}", errors(&age, &text));
    }
}

/// The README's report examples (shortened real output) pass the report schema: the whole report, and the
/// `"completeness": …` and `"delta": …` fragments.
#[test]
fn readme_report_examples_pass_the_report_schema() {
    let readme = std::fs::read_to_string(root().join("schema/README.md")).unwrap();
    let section = &readme[readme.find("\n## The report").unwrap()..readme.find("\n## Finding codes").unwrap()];
    let report = schema("report.schema.json");
    let fragments = compile(&json!({
        "$defs": report["$defs"],
        "type": "object",
        "properties": {
            "completeness": { "$ref": "#/$defs/completeness" },
            "delta": { "$ref": "#/$defs/deltaCheck" }
        },
        "additionalProperties": false
    }));
    let whole = report_validator();
    let blocks: Vec<&str> = section.split("```json\n").skip(1).map(|b| b.split("```").next().unwrap()).collect();
    assert!(blocks.len() >= 3, "the report section has {} JSON examples", blocks.len());
    for block in blocks {
        let (validator, text) =
            if block.starts_with('{') { (&whole, block.to_owned()) } else { (&fragments, format!("{{{block}}}")) };
        let example: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {block}"));
        let problems = errors(validator, &example);
        assert!(problems.is_empty(), "README example fails the report schema: {problems:#?}\n{block}");
    }
}
