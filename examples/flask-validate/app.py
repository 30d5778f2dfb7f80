"""A small Flask app that validates an uploaded lab payload with the labcore wheel and shows the findings.

Run it (after ``scripts/test-python.sh`` built the wheel, or ``pip install target/wheels/labcore-*.whl``)::

    FLASK_APP=examples/flask-validate/app.py flask run --host 127.0.0.1

Upload labcore JSON, FHIR R4 JSON or an HL7 v2 message (or paste it). The page shows the status, every finding
with its code and location, and the normalised, flagged results. Nothing about the patient is shown back: the
reports and findings labcore returns carry no PHI, and the raw upload is never echoed.
"""

from __future__ import annotations

import datetime
from typing import Any, Dict, Optional

from flask import Flask, render_template, request

import labcore

#: Uploads larger than this are refused by Flask before labcore sees them.
MAX_UPLOAD_BYTES = 4 * 1024 * 1024


def create_app(now: Optional[datetime.datetime] = None) -> Flask:
    """The app. `now` fixes the processing time (tests); by default each request uses the current time."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_UPLOAD_BYTES

    @app.get("/")
    def form() -> str:
        return render_template("validate.html", result=None)

    @app.post("/validate")
    def validate() -> tuple[str, int]:
        payload = uploaded()
        if not payload:
            return render_template("validate.html", result={"error": {"code": "empty_input", "message": "nothing was uploaded", "path": ""}}), 400
        result = check(payload, request.form.get("unit_system", "conventional"), now)
        status = 200 if "error" not in result else 422
        return render_template("validate.html", result=result), status

    return app


def uploaded() -> bytes:
    """The uploaded file's bytes, or the pasted text."""
    file = request.files.get("payload")
    if file is not None and file.filename:
        return file.read()
    return request.form.get("text", "").encode()


def check(payload: bytes, unit_system: str, now: Optional[datetime.datetime]) -> Dict[str, Any]:
    """What the page shows: the outcome's status, findings and results, or the error's code and location."""
    as_of = now or datetime.datetime.now(datetime.timezone.utc)
    system = "si" if unit_system == "si" else "conventional"
    try:
        outcome = labcore.process(payload, as_of=as_of, unit_system=system)
    except labcore.LabcoreError as err:
        return {"error": {"code": err.code, "message": str(err), "path": err.path}}
    return {
        "format": outcome.format,
        "status": outcome.status,
        "accepted": outcome.accepted,
        "ack_codes": outcome.ack_codes,
        "findings": outcome.findings,
        "reports": outcome.reports,
    }


if __name__ == "__main__":
    create_app().run(host="127.0.0.1", port=5000)
