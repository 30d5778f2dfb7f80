//! `labcore-precheck redact` as a team runs it: identifiers gone from every line, lab data kept, the key only from
//! the environment or a file, the same key giving the same output, exit codes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const AS_OF: &str = "2026-11-25T12:00:00Z";
const KEY: &str = "a-test-key-of-more-than-16-bytes";
/// Identifiers the samples hold (labcore JSON, HL7 and FHIR).
const PLANTED: &[&str] = &["MRN-00482913", "DOE^JANE", "12 ELM ST", "SPRINGFIELD", "62704", "5550199", "19840312"];

fn samples() -> PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples")
}

fn redact() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_labcore-precheck"));
    command.args(["redact", "--as-of", AS_OF]).env_remove("LABCORE_REDACTION_KEY");
    command
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

fn run_with_stdin(mut command: Command, input: &str) -> Output {
    let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn safe_harbor_removes_the_identifiers_of_every_sample_format() {
    let out = redact()
        .arg(samples().join("cbc.json"))
        .arg(samples().join("oru-cbc.hl7"))
        .arg(samples().join("fhir/lipid-bundle.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    for secret in PLANTED {
        assert!(!text.contains(secret), "{secret} survives");
    }
    let lines = lines(&out);
    let formats: Vec<&str> = lines.iter().map(|l| l["format"].as_str().unwrap()).collect();
    assert_eq!(formats, ["labcore", "hl7v2", "fhir"]);
    assert!(lines.iter().all(|l| !l["changes"].as_array().unwrap().is_empty()));
    let change = &lines[0]["changes"][0];
    assert!(change["category"].is_string() && change["operation"].is_string() && change["location"].is_string());
    // The lab data is untouched: OBX-1 to OBX-11 (code, value, unit, range, flag, status) as they were; the
    // observation times (OBX-14, OBX-19) keep only their year.
    let original = std::fs::read_to_string(samples().join("oru-cbc.hl7")).unwrap();
    let result = |message: &str| -> String {
        let obx = message.split(['\r', '\n']).find(|s| s.starts_with("OBX|1|")).unwrap();
        obx.split('|').take(12).collect::<Vec<_>>().join("|")
    };
    assert_eq!(result(lines[1]["output"].as_str().unwrap()), result(&original));
}

#[test]
fn pseudonyms_need_a_key_from_the_environment_or_a_file() {
    let sample = samples().join("cmp.json");
    let out = redact().arg("--pseudonymize").arg(&sample).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("LABCORE_REDACTION_KEY"));

    let keyed = |key: &str| {
        let out = redact()
            .args(["--pseudonymize", "--shift-dates"])
            .env("LABCORE_REDACTION_KEY", key)
            .arg(&sample)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        lines(&out)[0]["output"].as_str().unwrap().to_owned()
    };
    let (one, again, other) = (keyed(KEY), keyed(KEY), keyed("another-key-of-sixteen-bytes"));
    assert_eq!(one, again, "the same key gives byte-identical output");
    assert_ne!(one, other, "another key gives other pseudonyms and shifts");
    assert!(!one.contains("MRN-00482913") && one.contains("\"MRN-"), "{one}");

    let dir = tempdir("key-file");
    let key_file = dir.join("key");
    std::fs::write(&key_file, format!("{KEY}\n")).unwrap();
    let out =
        redact().args(["--pseudonymize", "--shift-dates", "--key-file"]).arg(&key_file).arg(&sample).output().unwrap();
    assert_eq!(lines(&out)[0]["output"].as_str().unwrap(), one, "a key file's trailing newline is not part of the key");
}

#[test]
fn free_text_from_standard_input() {
    let note = "Critical K 6.8 mmol/L called to RN Kelly Brown at (217) 555-0199 on 03/14/2024 09:12.";
    let mut command = redact();
    command.args(["--text", "-"]);
    let out = run_with_stdin(command, note);
    assert_eq!(out.status.code(), Some(0));
    let line = &lines(&out)[0];
    assert_eq!(line["output"], "Critical K 6.8 mmol/L called to RN [NAME-1] at [PHONE-1] on 2024.");
    assert_eq!(line["changes"].as_array().unwrap().len(), 3);
}

#[test]
fn unreadable_and_wide_inputs_fail_closed() {
    let dir = tempdir("fail-closed");
    // UTF-16 text is decoded and redacted; bytes that are not text are an error, never passed through.
    let note = "Called Mary Roe at (217) 555-0111, SSN 123-45-6789";
    let utf16: Vec<u8> = [0xFF, 0xFE].into_iter().chain(note.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    std::fs::write(dir.join("note.txt"), utf16).unwrap();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i % 256) as u8).chain(*b"SSN 123-45-6789").collect();
    std::fs::write(dir.join("blob.bin"), binary).unwrap();
    let out = redact().arg("--text").arg(dir.join("note.txt")).arg(dir.join("blob.bin")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let lines = lines(&out);
    let output = lines[0]["output"].as_str().unwrap();
    assert!(!output.contains("555-0111") && !output.contains("123-45-6789"), "{output}");
    assert_eq!(lines[1]["error"]["code"], "unreadable_input");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("123-45-6789"));
    // 50 000-deep JSON: refused, not a crash.
    std::fs::write(dir.join("deep.json"), "[".repeat(50_000) + &"]".repeat(50_000)).unwrap();
    let out = redact().arg(dir.join("deep.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(self::lines(&out)[0]["error"]["code"], "input_too_deep");
}

#[test]
fn out_dir_writes_copies_and_never_overwrites_an_input() {
    let dir = tempdir("out-dir");
    let copy = dir.join("cbc.json");
    std::fs::copy(samples().join("cbc.json"), &copy).unwrap();
    let out = redact().arg("--out-dir").arg(&dir).arg(&copy).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("overwrite"));
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(samples().join("cbc.json")).unwrap());

    let target = tempdir("out-dir-target");
    let out = redact().arg("--out-dir").arg(&target).arg(samples().join("cbc.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(lines(&out)[0]["output"].is_null() && lines(&out)[0]["written"].is_string());
    let written = std::fs::read_to_string(target.join("cbc.json")).unwrap();
    assert!(!written.contains("MRN-00482913") && written.contains("[MRN-1]"));
}

#[test]
fn unusable_input_and_bad_options() {
    let out = run_with_stdin(redact_args(&["-"]), "this is neither JSON nor HL7");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["error"]["code"], "unknown_format");
    let out = redact().args(["--zip3", "census1990"]).arg(samples().join("cbc.json")).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = redact().args(["--zip3", "census2000+census2020"]).arg(samples().join("oru-cbc.hl7")).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
}

fn redact_args(args: &[&str]) -> Command {
    let mut command = redact();
    command.args(args);
    command
}

/// A fresh directory under the target directory (no temp-dir crate needed).
fn tempdir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("redact-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
