"""The report function: a PDF with every result, critical values marked in words, presigned for one hour."""

from __future__ import annotations

import json
import subprocess
import urllib.request
from pathlib import Path

from conftest import Pipeline, scan

from labsecure import corrections
from labsecure.local.context import LocalContext
from labsecure.stores.results import Results
from labsecure.stores.reviews import Reviews


def pdf_text(url: str, tmp_path: Path) -> str:
    pdf = tmp_path / "r.pdf"
    with urllib.request.urlopen(url) as got:
        pdf.write_bytes(got.read())
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    assert (tmp_path / "p-1.png").stat().st_size > 2000
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(out.split())


def test_report_shows_patient_lab_results_flags_and_derived_values(pipe: Pipeline, tmp_path: Path) -> None:
    critical = pipe.sample("cmp.json").replace(b'"Potassium", "value": "4,1"', b'"Potassium", "value": "6.9"')
    rid = pipe.post(critical)[1]["result_id"]
    pipe.process([rid])
    made = pipe.report({"result_id": rid}, LocalContext("report"))
    assert made["expires_in"] == 3600 and "X-Amz-Expires=3600" in made["url"]
    text = pdf_text(made["url"], tmp_path)
    assert "MRN-00482913" in text and "1984-03-12" in text and "Northwind Clinical Laboratory" in text
    assert "2026-11-24T07:42:00-05:00" in text and "NEEDS_REVIEW" in text
    assert "CRITICAL: Critical high" in text and "High" in text  # in words, not colour alone
    assert "70-99" in text and "mg/dL" in text
    assert "Derived values" in text and "ckd_epi2021" in text and "anion_gap" in text


def test_report_of_a_correction_lists_every_version_with_its_reason(pipe: Pipeline, tmp_path: Path) -> None:
    rid = pipe.post(pipe.sample("cmp.json"))[1]["result_id"]
    pipe.process([rid])
    item = Results(pipe.s.settings, pipe.s.clients).find(rid)
    assert item is not None
    index = [r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Albumin")
    reviews, record = Reviews(pipe.s.settings, pipe.s.clients), {"sex": "female", "birth_date": "1984-03-12"}
    new, _ = corrections.correct(reviews, item, record, index, "4.1", by="rev-anna", reason="transcription error")
    text = pdf_text(pipe.report({"result_id": new.result_id}, LocalContext("report"))["url"], tmp_path)
    assert "Versions of this result, newest first" in text and "2 (this version)" in text
    assert "Original result" in text and "Correction by the laboratory" in text and "transcription error" in text
    assert "Albumin 4.1 g/dL" in text and "Albumin 4.4 g/dL" in text  # the changed line, in each version
    assert "rev-anna" not in text  # the patient's list: no reviewer's name


def test_report_of_another_patient_or_unknown_result_is_not_found(pipe: Pipeline) -> None:
    rid = pipe.post(pipe.sample("cmp.json"))[1]["result_id"]
    pipe.process([rid])
    other = pipe.report({"result_id": rid, "patient_id": "p-00000000-0000-4000-8000-000000000000"}, None)  # type: ignore[arg-type]
    unknown = pipe.report({"result_id": "00000000-0000-4000-8000-000000000000"}, None)  # type: ignore[arg-type]
    garbage = pipe.report({"result_id": "../../etc/passwd"}, None)  # type: ignore[arg-type]
    assert other == unknown == garbage == {"error": {"code": "not_found", "message": "not found"}}
    (item,) = scan(pipe.s, pipe.s.settings.names.results_table)
    own = pipe.report({"result_id": rid, "patient_id": item["patient_id"]}, None)  # type: ignore[arg-type]
    assert own["key"] == f"reports/{rid}/v1.pdf"


def test_report_of_an_unprocessed_result_is_not_ready(pipe: Pipeline) -> None:
    rid = pipe.post(pipe.sample("cmp.json"))[1]["result_id"]
    assert pipe.report({"result_id": rid}, None)["error"]["code"] == "not_ready"  # type: ignore[arg-type]
