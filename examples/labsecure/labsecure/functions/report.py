"""The report function (Lambda, invoked directly by the portal or staff tools): one result as a PDF.

Event: ``{"result_id": "...", "patient_id": "..."}`` (``patient_id`` optional; when given, a result of another
patient answers ``not_found`` exactly like a missing one). Answer: ``{"result_id", "key", "url", "expires_in"}``
with a presigned GET of the PDF in the reports bucket (SSE-KMS) valid for one hour, or ``{"error": {...}}``.

WeasyPrint renders the PDF: it writes tagged PDF/UA (readable by screen readers, which a patient-facing report
must be) and renders the same HTML template the portal will show, so the two cannot drift; ReportLab is ~10x
faster per page but untagged, and a report is made once per result, so accessibility wins.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext
from jinja2 import Environment, PackageLoader, select_autoescape

from labsecure import aws, config
from labsecure.domain import history, messages, report_view
from labsecure.domain.status import Status
from labsecure.errors import LabsecureError, NotFound, RequestError
from labsecure.functions.entry import Handler, lazy_entry
from labsecure.observability import logger
from labsecure.stores.labs import Labs
from labsecure.stores.objects import Objects
from labsecure.stores.patients import Patients
from labsecure.stores.results import Results

log = logger("labsecure-report")
_REPORTABLE = frozenset({Status.READY.value, Status.NEEDS_REVIEW.value, Status.REJECTED.value})

templates = Environment(loader=PackageLoader("labsecure", "templates"), autoescape=select_autoescape(["html"]))


def render_html(view: report_view.ReportView) -> str:
    """The report as HTML (the template the portal shares)."""
    return templates.get_template("report.html").render(view=view)


def render_pdf(view: report_view.ReportView) -> bytes:
    """The report as a tagged PDF/UA-1 document."""
    from weasyprint import HTML  # imported here: it loads Pango, which only this function needs

    pdf: bytes = HTML(string=render_html(view)).write_pdf(pdf_variant="pdf/ua-1")
    return pdf


def patient_versions(item: dict[str, Any], results: Results) -> list[history.Version]:
    """The versions of a corrected result as its patient's report lists them (no reviewer's name, no version never
    shown to patients); none for a result that was never corrected."""
    chain = history.chain(item, results.find)
    return history.versions(chain, for_patient=True) if len(chain) > 1 else []


def build(settings: config.Settings, clients: aws.Clients) -> Handler:
    """The report handler for ``settings``."""
    results = Results(settings, clients)
    patients = Patients(settings, clients)
    labs = Labs(settings, clients)
    objects = Objects(settings, clients)

    def report(event: dict[str, Any]) -> dict[str, Any]:
        result_id = str(event.get("result_id", ""))
        if not messages.is_result_id(result_id):
            raise NotFound()
        item = results.find(result_id)
        if item is None or (event.get("patient_id") and event["patient_id"] != item["patient_id"]):
            raise NotFound()
        if item.get("status") not in _REPORTABLE:
            raise RequestError("the result is not processed yet", code="not_ready")
        lab = labs.get(str(item["lab_id"]))
        patient = patients.record(str(item["patient_id"])) or {}
        versions = patient_versions(item, results)
        view = report_view.build(item, patient, lab.name if lab else str(item["lab_id"]), versions)
        key = Objects.report_key(result_id, view.version)
        objects.put_report(key, render_pdf(view))
        log.info("report stored", extra={"result_id": result_id})
        return {
            "result_id": result_id,
            "key": key,
            "url": objects.report_url(key),
            "expires_in": settings.presign_seconds,
        }

    def handle(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        try:
            return report(event)
        except LabsecureError as err:
            return err.body()
        except Exception as err:
            log.error("internal error", extra={"error_type": type(err).__name__})
            return {"error": {"code": "internal_error", "message": "internal error"}}

    return handle


handler = lazy_entry(build)
"""The Lambda entry point (settings from the environment, built on first use)."""
