//! Errors about the files given to the command (`--priors`, `--lab-catalog`) name the file, where and what kind of
//! problem, and never repeat what the file says: identifiers planted in bad files appear on neither stdout nor
//! stderr.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::path::PathBuf;
use std::process::Command;

const PLANTED: [&str; 3] = ["Okonkwo-Fairweather", "MRN-99887766", "1951-02-03"];

fn samples() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

/// A fresh directory for one test's files.
fn directory(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("labcore-precheck-echo-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to a file named `name` in `dir`.
fn file(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs the command with `option file` on a sample; it must fail as a usage error, say something about the file
/// on stderr (`expected`), and repeat nothing planted.
fn refused(option: &str, path: &PathBuf, expected: &str) {
    let out = Command::new(env!("CARGO_BIN_EXE_labcore-precheck"))
        .args(["--as-of", "2026-11-25T12:00:00Z", option])
        .arg(path)
        .arg(samples().join("cmp.json"))
        .output()
        .unwrap();
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(2), "{path:?}: {stderr}");
    assert!(stderr.contains(&*path.to_string_lossy()) && stderr.contains(expected), "{path:?}: {stderr}");
    for planted in PLANTED {
        assert!(!stdout.contains(planted) && !stderr.contains(planted), "{planted} echoed: {stderr}{stdout}");
    }
}

#[test]
fn a_bad_priors_file_is_described_without_its_content() {
    let [name, mrn, birth] = PLANTED;
    let cases = [
        (format!(r#"[{{"analyte": "potassium", "value": "{name}", "unit": "mmol/L"}}]"#), "`value` must be a number"),
        (format!(r#"[{{"analyte": ["{mrn}"], "value": 1}}]"#), "`analyte` must be a string"),
        (
            format!(r#"[{{"analyte": "k", "value": 4, "unit": "mmol/L", "collected_at": "{birth} {name}"}}]"#),
            "`collected_at` must be an RFC 3339 time",
        ),
        (format!(r#"{{"{name}": "{mrn}"}}"#), "patient #1: must be an array"),
        (
            format!(r#"{{"MRN-1": [], "{mrn}": [{{"analyte": "{name}"}}]}}"#),
            "patient #2, entry [0]: `value` is missing",
        ),
        (format!(r#""{name}""#), "must be a JSON array"),
        (format!(r#"[{{"analyte": "{name}" "{mrn}"}}]"#), "not valid JSON at line 1"),
        (format!(r#"[{{"analyte": "{name}"#), "not valid JSON"),
    ];
    let dir = directory("priors");
    for (i, (text, expected)) in cases.iter().enumerate() {
        refused("--priors", &file(&dir, &format!("priors-{i}.json"), text), expected);
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn a_bad_lab_catalog_is_described_without_its_content() {
    let [name, mrn, birth] = PLANTED;
    let interval = |fields: &str| format!("[[interval]]\n{fields}\nsource = \"{name}\"\n");
    let toml = [
        (
            interval(&format!("analyte = \"{name}\"\nlow = 1\nhigh = 2\nunit = \"mmol/L\"")),
            "interval[0]: no such analyte",
        ),
        (
            interval(&format!("analyte = \"potassium\"\nlow = \"{mrn}\"\nunit = \"mmol/L\"")),
            "wrong type in interval[0]",
        ),
        (interval(&format!("analyte = \"potassium\"\nlow = 1\nunit = \"{name}\"")), "interval[0] (potassium)"),
        (interval(&format!("analyte = \"potassium\"\nlow = 1\nunit = \"mmol/L\"\nage_from = \"{birth}\"")), "age"),
        (interval(&format!("analyte = \"potassium\"\n{name} = 1")), "does not have in interval[0]"),
        (interval(&format!("analyte = \"potassium\"\n{name} {mrn} = 1")), "not valid TOML at line 3 column"),
        (interval(&format!("analyte = \"potassium\"\nlow = 1\nunit = \"mmol/L\"\nmrn_{} = 1", &mrn[4..])), "a field"),
        (format!("lab_id = \"{name}\"\nlab_id = \"{mrn}\"\n"), "not valid TOML at line 2"),
        (format!("[[{name}]]\nx = 1\n"), "a field the catalog format does not have"),
        (format!("[[interval]]\nanalyte = \"{name}\n"), "not valid TOML at line 2"),
        (format!("[[interval_{}]]\nx = 1\n", &mrn[4..]), "a field the catalog format does not have"),
    ];
    let dir = directory("lab");
    for (i, (text, expected)) in toml.iter().enumerate() {
        refused("--lab-catalog", &file(&dir, &format!("lab-{i}.toml"), text), expected);
    }
    let json = [
        (format!(r#"{{"interval": [{{"analyte": "potassium", "low": "{name}"}}]}}"#), "wrong type at line 1"),
        (format!(r#"{{"{name}": [], "lab_id": "{mrn}"}}"#), "a field the catalog format does not have at line 1"),
        (format!(r#"{{"lab_id": "{name}" "{mrn}"}}"#), "not valid JSON"),
        (
            format!(
                r#"{{"delta": [{{"analyte": "{mrn}", "unit": "mmol/L", "window_hours": 24, "source": "{name}"}}]}}"#
            ),
            "delta[0]: no such analyte",
        ),
        (format!(r#"{{"critical": [{{"analyte": "potassium", "sex": "{name}"}}]}}"#), "not one of the names allowed"),
    ];
    for (i, (text, expected)) in json.iter().enumerate() {
        refused("--lab-catalog", &file(&dir, &format!("lab-{i}.json"), text), expected);
    }
    std::fs::remove_dir_all(dir).unwrap();
}
