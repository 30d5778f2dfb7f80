"""The patient's pages: own released results only (anything else the same 404), flags in words and symbols,
derived values with their method, corrections with the earlier value, the PDF through a presigned URL."""

from __future__ import annotations

import json
from typing import Any

from conftest import World, https_client, sign_in

from labsecure import corrections
from labsecure.domain.release import Decision
from labsecure.stores.results import Results
from labsecure.stores.reviews import Reviews


def patient(world: World, name: str = "patient") -> Any:
    client = https_client(world.app())
    assert sign_in(client, name, world.passwords[name]).status_code == 302
    return client


def test_the_dashboard_lists_released_results_with_abnormal_counts(world: World) -> None:
    text = patient(world).get("/dashboard").get_data(as_text=True)
    assert f"/results/{world.ready}" in text and "CMP" in text and "2026-11-24T07:42:00-05:00" in text
    assert f"/results/{world.held}" not in text  # held for review
    assert f"/results/{world.others}" not in text  # another patient's
    assert "<td>2</td>" in text  # glucose high, albumin low


def test_a_result_shows_flags_in_words_and_symbols_and_derived_methods(world: World) -> None:
    text = patient(world).get(f"/results/{world.ready}").get_data(as_text=True)
    assert "Glucose" in text and "High" in text and "▲" in text
    assert "Albumin" in text and "Low" in text and "▼" in text
    assert "70-99" in text and "mg/dL" in text
    assert "Derived values" in text and "ckd_epi2021" in text and "anion_gap" in text
    assert 'aria-hidden="true">▲' in text  # the symbol is decoration; the word is what is read out


def test_another_patients_held_or_unknown_result_is_the_same_404(world: World) -> None:
    client = patient(world)
    answers = [
        client.get(f"/results/{rid}")
        for rid in (world.others, world.held, "00000000-0000-4000-8000-000000000000", "not-an-id")
    ]
    assert {a.status_code for a in answers} == {404}
    assert len({a.get_data() for a in answers}) == 1  # byte for byte the same page
    reports = [client.get(f"/results/{rid}/report") for rid in (world.others, world.held)]
    assert {r.status_code for r in reports} == {404} and reports[0].get_data() == answers[0].get_data()
    # and the other patient sees their own result, not ours
    other = patient(world, "other")
    assert other.get(f"/results/{world.others}").status_code == 200
    assert other.get(f"/results/{world.ready}").status_code == 404


def test_a_rejected_result_is_never_shown(world: World) -> None:
    ref = Results(world.s.settings, world.s.clients).claimed(world.held)
    assert ref is not None
    Reviews(world.s.settings, world.s.clients).decide(ref, Decision.REJECT, by="rev", reason="haemolysed")
    assert patient(world).get(f"/results/{world.held}").status_code == 404


def test_a_released_held_result_appears(world: World) -> None:
    ref = Results(world.s.settings, world.s.clients).claimed(world.held)
    assert ref is not None
    Reviews(world.s.settings, world.s.clients).decide(ref, Decision.RELEASE, by="rev", reason="called the ward")
    text = patient(world).get(f"/results/{world.held}").get_data(as_text=True)
    assert "CRITICAL: Critical high" in text and "Potassium" in text


def test_the_pdf_comes_from_the_report_functions_presigned_url(world: World) -> None:
    answer = patient(world).get(f"/results/{world.ready}/report")
    assert answer.status_code == 303
    location = answer.headers["Location"]
    assert "X-Amz-Expires=3600" in location and f"reports/{world.ready}/v1.pdf" in location
    import urllib.request

    with urllib.request.urlopen(location) as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_a_correction_shows_the_earlier_value(world: World) -> None:
    results = Results(world.s.settings, world.s.clients)
    item = results.find(world.ready)
    assert item is not None
    index = [r["display"] for r in json.loads(str(item["reports"]))[0]["results"]].index("Albumin")
    record = {"sex": "female", "birth_date": "1984-03-12"}
    new = corrections.correct(
        Reviews(world.s.settings, world.s.clients), item, record, index, "4.1", by="rev", reason="x"
    )
    client = patient(world)
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert f"/results/{new.result_id}" in dashboard and f"/results/{world.ready}" not in dashboard
    text = client.get(f"/results/{new.result_id}").get_data(as_text=True)
    assert "Albumin (corrected; earlier value 2.9)" in text and "corrected (version 2)" in text


def test_the_profile_shows_the_account_and_contact(world: World) -> None:
    text = patient(world).get("/profile").get_data(as_text=True)
    assert "patient" in text and "patient@example.org" in text


def test_on_aws_the_report_function_is_invoked_through_lambda() -> None:
    import io

    from labsecure.portal.services import invoked_report

    class FakeLambda:
        def __init__(self) -> None:
            self.calls: list[dict[str, Any]] = []

        def invoke(self, **kw: Any) -> dict[str, Any]:
            self.calls.append(kw)
            if json.loads(kw["Payload"])["result_id"] == "boom":
                return {"FunctionError": "Unhandled", "Payload": io.BytesIO(b'{"errorMessage": "trace..."}')}
            return {"Payload": io.BytesIO(b'{"url": "https://example/presigned"}')}

    fake = FakeLambda()
    report = invoked_report("labsecure-report", "eu-west-1", fake)
    assert report({"result_id": "r", "patient_id": "p"}) == {"url": "https://example/presigned"}
    assert fake.calls[0]["FunctionName"] == "labsecure-report"
    assert json.loads(fake.calls[0]["Payload"]) == {"result_id": "r", "patient_id": "p"}
    assert report({"result_id": "boom"})["error"]["code"] == "internal_error"  # no trace passed on
