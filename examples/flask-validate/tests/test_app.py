"""The Flask example, through Flask's test client: uploads and pastes in each format, findings shown with their
location, unusable input shown by its code, and nothing about the patient echoed back."""

from __future__ import annotations

import datetime
import io
import sys
from pathlib import Path

import pytest
from flask.testing import FlaskClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[3]
NOW = datetime.datetime(2026, 11, 25, 12, tzinfo=datetime.timezone.utc)


@pytest.fixture
def client() -> FlaskClient:
    return create_app(now=NOW).test_client()


def test_the_form_is_served(client: FlaskClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and b'name="payload"' in page.data


def test_an_uploaded_sample_shows_its_results(client: FlaskClient) -> None:
    sample = (ROOT / "examples/samples/cmp.json").read_bytes()
    page = client.post("/validate", data={"payload": (io.BytesIO(sample), "cmp.json")}, content_type="multipart/form-data")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="status">labcore:' in html and "Glucose" in html


def test_a_wrong_unit_in_hl7_is_shown_at_its_location(client: FlaskClient) -> None:
    message = (
        "MSH|^~\\&|LIS|LAB|||20261124||ORU^R01|1|P|2.5.1\r"
        "PID|1||MRN-5550199^^^LAB^MR||ZAMBRANO^LUCIA||19700101|F\r"
        "OBR|1|||CBC|||202611240742\r"
        "OBX|1|NM|718-7^Hemoglobin^LN||13.2|furlongs|||||F\r"
    )
    page = client.post("/validate", data={"text": message})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "hl7v2:" in html
    assert "<code>OBX[1]-6</code>" in html, html
    assert "MRN-5550199" not in html and "ZAMBRANO" not in html and "LUCIA" not in html


def test_unusable_input_is_shown_by_its_code(client: FlaskClient) -> None:
    page = client.post("/validate", data={"text": '{"patient_id": "MRN-5550199", '})
    html = page.get_data(as_text=True)
    assert page.status_code == 422 and "<code>not_json</code>" in html and "MRN-5550199" not in html
    assert client.post("/validate", data={}).status_code == 400
