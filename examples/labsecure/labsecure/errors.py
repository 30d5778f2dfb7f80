"""LabSecure's one exception hierarchy.

Every error has a stable snake_case ``code``; those a client may see (``RequestError``) also carry the HTTP
status they answer with. Messages are fixed texts: none quotes a payload, an identifier or a value, so an error
can be logged and returned as it is. A client never sees a stack trace: the API turns anything else into
``internal_error``.
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence


class LabsecureError(Exception):
    """Base class of every LabSecure error."""

    code = "labsecure_error"
    status = 500
    message = "internal error"

    def __init__(self, message: str | None = None, *, code: str | None = None) -> None:
        super().__init__(message or self.message)
        if code is not None:
            self.code = code

    def body(self) -> dict[str, Any]:
        """The JSON body a client receives for this error."""
        return {"error": {"code": self.code, "message": str(self)}}


class RequestError(LabsecureError):
    """A request the API refuses (4xx)."""

    status = 400
    code = "bad_request"
    message = "the request is not valid"


class Unauthorized(RequestError):
    """No API key, or one that is not active (``api_key_missing``, ``api_key_invalid``)."""

    status = 401
    code = "api_key_invalid"
    message = "a valid API key is required"


class LabMismatch(RequestError):
    """The payload names a laboratory other than the one the API key belongs to."""

    status = 403
    code = "lab_mismatch"
    message = "the payload names a laboratory this API key does not belong to"


class NotFound(RequestError):
    """Nothing with that id for this caller (another lab's result answers exactly the same)."""

    status = 404
    code = "not_found"
    message = "not found"


class Forbidden(RequestError):
    """Signed in, but without the role a page needs (a role is never implied by another)."""

    status = 403
    code = "forbidden"
    message = "you do not have access to this page"


class NotSignedIn(RequestError):
    """A page that needs a signed-in user, without one (browsers are sent to the sign-in page instead)."""

    status = 401
    code = "not_signed_in"
    message = "please sign in"


class SignInFailed(RequestError):
    """Wrong user name or password, an unknown or disabled user: one answer for all, so none can be told apart."""

    status = 401
    code = "sign_in_failed"
    message = "the user name or password is not correct"


class TokenInvalid(RequestError):
    """A token that fails verification (signature, algorithm, issuer, audience, use or expiry)."""

    status = 401
    code = "token_invalid"
    message = "the sign-in could not be verified"


class CsrfFailed(RequestError):
    """A form posted without its CSRF token, or with a wrong or expired one."""

    status = 400
    code = "csrf_failed"
    message = "the form has expired; reload the page and try again"


class TooManyRequests(RequestError):
    """Too many sign-in attempts from one address or for one user name."""

    status = 429
    code = "too_many_requests"
    message = "too many attempts; wait a minute and try again"


class Conflict(RequestError):
    """An action that does not apply to the result's current state (released already, not critical …)."""

    status = 409
    code = "conflict"
    message = "this action does not apply to the result as it is now"


class InProgress(RequestError):
    """The same submission is being accepted right now; retry shortly."""

    status = 409
    code = "in_progress"
    message = "the same submission is being processed; retry later"


class PayloadTooLarge(RequestError):
    """The body is larger than the configured maximum."""

    status = 413
    code = "payload_too_large"
    message = "the body is larger than the maximum accepted size"


class UnsupportedMediaType(RequestError):
    """A content type the ingest API does not read."""

    status = 415
    code = "unsupported_media_type"
    message = "send labcore JSON (application/json), FHIR R4 (application/fhir+json) or HL7 v2"


class InvalidPayload(RequestError):
    """The payload was read and rejected; carries the findings and the answer in the sender's format."""

    status = 422
    code = "payload_rejected"
    message = "the payload was rejected"

    def __init__(
        self,
        findings: Sequence[Mapping[str, Any]],
        *,
        code: str | None = None,
        message: str | None = None,
        ack: str | None = None,
        operation_outcome: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code=code)
        self.findings = [dict(f) for f in findings]
        self.ack = ack
        self.operation_outcome = dict(operation_outcome) if operation_outcome else None

    def body(self) -> dict[str, Any]:
        """The error with its findings, and the HL7 ACK or FHIR OperationOutcome when there is one."""
        answer = super().body()
        answer["findings"] = self.findings
        if self.ack is not None:
            answer["ack"] = self.ack
        if self.operation_outcome is not None:
            answer["operation_outcome"] = self.operation_outcome
        return answer


class Unavailable(LabsecureError):
    """A dependency the portal needs (the tables, the identity provider) did not answer."""

    status = 503
    code = "unavailable"
    message = "the service is unavailable; try again later"


class PoisonMessage(LabsecureError):
    """A queue message that can never be processed (unreadable, or naming nothing that exists)."""

    code = "poison_message"
    message = "the message cannot be processed"


class TransitionRefused(LabsecureError):
    """A status change the state machine forbids (backwards, or out of a terminal state)."""

    code = "transition_refused"
    message = "the status cannot change that way"


class DeliveryFailed(LabsecureError):
    """An email could not be sent after every attempt."""

    code = "delivery_failed"
    message = "the notification could not be sent"
