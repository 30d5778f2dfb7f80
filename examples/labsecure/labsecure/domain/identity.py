"""Who a payload is about, read from the raw message: the one place outside labcore that looks at identifiers.

labcore's reports carry no PHI by design, so the pipeline reads the sender's patient identifier (MRN) and the
demographics the report prints from the raw payload itself. What is read here goes only to the patients store.
Also read: the message control id (HL7 MSH-10, for recognising resubmissions) and the order reference that
links a corrected result to the one it corrects.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator


@dataclass(frozen=True)
class Identity:
    """The patient a payload is about, as the sending laboratory identifies them."""

    mrn: str
    authority: str = ""
    family: str = ""
    given: str = ""
    birth_date: str = ""
    sex: str = ""
    email: str = ""


@dataclass(frozen=True)
class Envelope:
    """What the pipeline reads from a raw payload besides what labcore reads."""

    identity: Identity | None
    control_id: str | None
    order_ref: str | None


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def read(body: bytes, fmt: str) -> Envelope:
    """The identity, control id and order reference of a payload that labcore has accepted."""
    text = body.decode("utf-8-sig", errors="replace")
    if fmt == "hl7v2":
        return _hl7(text)
    try:
        doc = json.loads(text)
    except ValueError:
        return Envelope(None, None, None)
    if not isinstance(doc, dict):
        return Envelope(None, None, None)
    return _fhir(doc) if fmt == "fhir" else _labcore(doc)


def _labcore(doc: dict[str, Any]) -> Envelope:
    patient = _dict(doc.get("patient"))
    mrn = doc.get("patient_id")
    identity = None
    if isinstance(mrn, (str, int)) and str(mrn).strip():
        identity = Identity(
            mrn=str(mrn).strip(),
            family=str(patient.get("family_name", "")),
            given=str(patient.get("given_name", "")),
            birth_date=str(patient.get("birth_date", "")),
            sex=str(patient.get("sex", "")),
            email=str(patient.get("email", "")),
        )
    specimen = _dict(doc.get("specimen"))
    order = specimen.get("id") or doc.get("order_id")
    if not order and doc.get("test_type") and doc.get("collected_at"):
        order = f"{doc['test_type']}@{doc['collected_at']}"
    return Envelope(identity, None, str(order) if order else None)


# --- HL7 v2 --------------------------------------------------------------------------------------------------


def _segments(text: str) -> Iterator[list[str]]:
    field_sep = text[3] if len(text) > 3 and text.startswith("MSH") else "|"
    for line in text.replace("\r\n", "\r").replace("\n", "\r").split("\r"):
        if len(line) >= 3:
            yield line.split(field_sep)


def _component(field: str, index: int, comp_sep: str = "^", rep_sep: str = "~") -> str:
    first = field.split(rep_sep, 1)[0]
    parts = first.split(comp_sep)
    return parts[index].strip() if index < len(parts) else ""


def _field(segment: list[str], number: int, is_msh: bool = False) -> str:
    # MSH-1 is the field separator itself, so MSH fields are shifted by one.
    index = number - 1 if is_msh else number
    return segment[index] if index < len(segment) else ""


def _mr_repetition(pid3: str, comp_sep: str, rep_sep: str) -> str:
    repetitions = [rep for rep in pid3.split(rep_sep) if rep]
    for rep in repetitions:
        if _component(rep, 4, comp_sep, rep_sep) == "MR":
            return rep
    return repetitions[0] if repetitions else ""


def _hl7_email(pid13: str, comp_sep: str, rep_sep: str) -> str:
    for rep in pid13.split(rep_sep):
        if _component(rep, 1, comp_sep, rep_sep) == "NET" or "@" in _component(rep, 3, comp_sep, rep_sep):
            return _component(rep, 3, comp_sep, rep_sep)
    return ""


def _hl7(text: str) -> Envelope:
    comp_sep, rep_sep = "^", "~"
    control_id = order = None
    identity = None
    for seg in _segments(text):
        kind = seg[0].strip().upper()
        if kind == "MSH":
            encoding = _field(seg, 2, is_msh=True)
            comp_sep = encoding[0] if encoding else "^"
            rep_sep = encoding[1] if len(encoding) > 1 else "~"
            control_id = _field(seg, 10, is_msh=True).strip() or None
        elif kind == "PID" and identity is None:
            identity = _hl7_identity(seg, comp_sep, rep_sep)
        elif kind == "OBR" and order is None:
            order = (
                _component(_field(seg, 3), 0, comp_sep, rep_sep)
                or _component(_field(seg, 2), 0, comp_sep, rep_sep)
                or None
            )
    return Envelope(identity, control_id, order)


def _hl7_identity(seg: list[str], comp_sep: str, rep_sep: str) -> Identity | None:
    rep = _mr_repetition(_field(seg, 3), comp_sep, rep_sep)
    mrn = _component(rep, 0, comp_sep, rep_sep)
    if not mrn:
        return None
    name = _field(seg, 5)
    return Identity(
        mrn=mrn,
        authority=_component(rep, 3, comp_sep, rep_sep),
        family=_component(name, 0, comp_sep, rep_sep),
        given=_component(name, 1, comp_sep, rep_sep),
        birth_date=_hl7_date(_field(seg, 7)),
        sex=_field(seg, 8).strip(),
        email=_hl7_email(_field(seg, 13), comp_sep, rep_sep),
    )


def _hl7_date(value: str) -> str:
    digits = value.strip()[:8]
    if len(digits) == 8 and digits.isdigit():
        return f"{digits[:4]}-{digits[4:6]}-{digits[6:]}"
    return ""


# --- FHIR R4 -------------------------------------------------------------------------------------------------


def _resources(doc: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield doc
    for entry in doc.get("entry") or []:
        if isinstance(entry, dict) and isinstance(entry.get("resource"), dict):
            yield from _resources(entry["resource"])
    for contained in doc.get("contained") or []:
        if isinstance(contained, dict):
            yield contained


def _fhir(doc: dict[str, Any]) -> Envelope:
    resources = list(_resources(doc))
    patient = next((r for r in resources if r.get("resourceType") == "Patient"), None)
    report = next((r for r in resources if r.get("resourceType") == "DiagnosticReport"), None)
    identity = _fhir_identity(patient) if patient else None
    if identity is None:
        identity = _fhir_subject(report or doc)
    order = None
    if report is not None:
        identifiers = report.get("identifier") or []
        first = identifiers[0] if identifiers and isinstance(identifiers[0], dict) else {}
        order = first.get("value") or report.get("id")
    return Envelope(identity, None, str(order) if order else None)


def _fhir_identity(patient: dict[str, Any]) -> Identity | None:
    identifiers = [i for i in patient.get("identifier") or [] if isinstance(i, dict) and i.get("value")]
    chosen = next((i for i in identifiers if _is_mr(i)), identifiers[0] if identifiers else None)
    if chosen is None:
        return None
    names = [n for n in patient.get("name") or [] if isinstance(n, dict)]
    name = names[0] if names else {}
    given = name.get("given") or []
    emails = [
        t.get("value", "") for t in patient.get("telecom") or [] if isinstance(t, dict) and t.get("system") == "email"
    ]
    return Identity(
        mrn=str(chosen["value"]),
        authority=str(chosen.get("system", "")),
        family=str(name.get("family", "")),
        given=" ".join(str(g) for g in given) if isinstance(given, list) else str(given),
        birth_date=str(patient.get("birthDate", "")),
        sex=str(patient.get("gender", "")),
        email=str(emails[0]) if emails else "",
    )


def _is_mr(identifier: dict[str, Any]) -> bool:
    codings = (identifier.get("type") or {}).get("coding") or []
    return any(isinstance(c, dict) and c.get("code") == "MR" for c in codings)


def _fhir_subject(resource: dict[str, Any]) -> Identity | None:
    subject = _dict(resource.get("subject"))
    identifier = _dict(subject.get("identifier"))
    if identifier.get("value"):
        return Identity(mrn=str(identifier["value"]), authority=str(identifier.get("system", "")))
    reference = str(subject.get("reference", ""))
    if reference.startswith("Patient/") and len(reference) > len("Patient/"):
        return Identity(mrn=reference.split("/", 1)[1], authority="fhir-reference")
    return None
