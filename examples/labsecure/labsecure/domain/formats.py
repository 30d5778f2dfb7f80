"""Which of labcore's formats a request carries, from its Content-Type (and the bytes when it is plain text)."""

from __future__ import annotations

from labsecure.errors import UnsupportedMediaType

_BY_MEDIA_TYPE = {
    "application/json": "labcore",
    "application/fhir+json": "fhir",
    "application/json+fhir": "fhir",
    "x-application/hl7-v2+er7": "hl7v2",
    "application/hl7-v2": "hl7v2",
    "application/hl7-v2+er7": "hl7v2",
}


def media_type(content_type: str | None) -> str:
    """The bare, lower-case media type of a Content-Type header (``""`` when absent)."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def from_request(content_type: str | None, body: bytes) -> str:
    """labcore's format name (``labcore``, ``fhir``, ``hl7v2``) for a request, or ``UnsupportedMediaType``.

    ``text/plain`` is read as HL7 v2 when it starts with an MSH segment (senders of ER7 often label it so).
    """
    kind = media_type(content_type)
    if kind in _BY_MEDIA_TYPE:
        return _BY_MEDIA_TYPE[kind]
    if kind in ("text/plain", "") and body.lstrip(b"\xef\xbb\xbf\r\n ").startswith(b"MSH"):
        return "hl7v2"
    raise UnsupportedMediaType()


def extension(fmt: str) -> str:
    """The file extension the raw object of a format is stored with."""
    return {"labcore": "json", "fhir": "fhir.json", "hl7v2": "hl7"}[fmt]


def content_type(fmt: str) -> str:
    """The Content-Type the raw object of a format is stored with."""
    return {"labcore": "application/json", "fhir": "application/fhir+json", "hl7v2": "x-application/hl7-v2+er7"}[fmt]
