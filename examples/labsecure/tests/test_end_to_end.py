"""Each format end to end: ingest → raw object → worker → READY → email → PDF report."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest
from conftest import Pipeline, object_keys, scan

FORMATS = [
    ("cmp.json", "application/json", "labcore"),
    ("oru-cbc.hl7", "x-application/hl7-v2+er7", "hl7v2"),
    ("fhir/lipid-bundle.json", "application/fhir+json", "fhir"),
]


@pytest.mark.parametrize(("sample", "ctype", "fmt"), FORMATS)
def test_each_format_end_to_end(pipe: Pipeline, sample: str, ctype: str, fmt: str, tmp_path: Path) -> None:
    status, answer = pipe.post(pipe.sample(sample), ctype)
    assert status == 202 and answer["status"] == "RECEIVED" and answer["format"] == fmt
    rid = answer["result_id"]
    names = pipe.s.settings.names
    assert object_keys(pipe.s, names.raw_bucket) == [
        f"raw/NORTHWIND/{rid}.{ {'labcore': 'json', 'hl7v2': 'hl7', 'fhir': 'fhir.json'}[fmt] }"
    ]
    head = pipe.s.clients.s3.head_object(Bucket=names.raw_bucket, Key=object_keys(pipe.s, names.raw_bucket)[0])
    assert head["ServerSideEncryption"] == "aws:kms"

    assert pipe.process([rid]) == {rid: "READY"}
    assert pipe.drain_notify() == 1
    (mail,) = pipe.moto.sent_emails()
    assert mail["destinations"]["ToAddresses"] == ["patient@example.org"]
    assert rid in mail["body"] and mail["subject"] == "Your lab results are ready"
    (item,) = scan(pipe.s, names.results_table)
    assert item["notify_status"] == "SENT" and item["release"] == "RELEASED" and item["version"] == 1

    made = pipe.report({"result_id": rid}, None)  # type: ignore[arg-type]
    assert "X-Amz-Expires=3600" in made["url"] and made["expires_in"] == 3600
    pdf = tmp_path / "report.pdf"
    with urllib.request.urlopen(made["url"]) as got:
        pdf.write_bytes(got.read())
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and pages[0].stat().st_size > 2000
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Laboratory report" in text and "Reference range" in text
    head = pipe.s.clients.s3.head_object(Bucket=names.reports_bucket, Key=made["key"])
    assert head["ServerSideEncryption"] == "aws:kms"
