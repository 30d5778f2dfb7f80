"""Who is signed in and what they may do: roles come from Cognito groups, the patient from a read-only attribute.

Staff roles are the Cognito groups ``Reviewer``, ``CaseWorker`` and ``Admin``; none implies another (an Admin
does not see values, a Reviewer does not manage keys). A patient is a user whose ID token carries
``custom:patient_id`` — an attribute the app client cannot write, so a user cannot change whose results they see.
Reviewers and case workers belong to one laboratory (``custom:lab_id``) and see only its results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Mapping

_PATIENT_ID = re.compile(r"^p-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_LAB_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class Role(StrEnum):
    """A role; the staff roles are named exactly as their Cognito groups."""

    PATIENT = "Patient"
    REVIEWER = "Reviewer"
    CASE_WORKER = "CaseWorker"
    ADMIN = "Admin"


STAFF_ROLES = (Role.REVIEWER, Role.CASE_WORKER, Role.ADMIN)


@dataclass(frozen=True)
class Principal:
    """The signed-in user, from verified token claims only."""

    sub: str
    username: str
    email: str
    roles: frozenset[Role]
    patient_id: str
    lab_id: str
    expires_at: int

    def has(self, role: Role) -> bool:
        """Whether the user holds ``role`` (exactly: no role implies another)."""
        return role in self.roles

    @property
    def home(self) -> str:
        """The endpoint a user lands on after signing in."""
        for role, endpoint in (
            (Role.PATIENT, "patient.dashboard"),
            (Role.REVIEWER, "review.queue"),
            (Role.CASE_WORKER, "cases.search"),
            (Role.ADMIN, "admin.labs"),
        ):
            if role in self.roles:
                return endpoint
        return "patient.profile"

    def to_session(self) -> dict[str, Any]:
        """The principal as stored in the server-side session."""
        return {
            "sub": self.sub,
            "username": self.username,
            "email": self.email,
            "roles": sorted(r.value for r in self.roles),
            "patient_id": self.patient_id,
            "lab_id": self.lab_id,
            "expires_at": self.expires_at,
        }

    @classmethod
    def from_session(cls, data: Mapping[str, Any]) -> Principal:
        """The principal a session holds."""
        return cls(
            sub=str(data["sub"]),
            username=str(data["username"]),
            email=str(data.get("email", "")),
            roles=frozenset(Role(r) for r in data.get("roles", [])),
            patient_id=str(data.get("patient_id", "")),
            lab_id=str(data.get("lab_id", "")),
            expires_at=int(data["expires_at"]),
        )


def from_claims(claims: Mapping[str, Any]) -> Principal:
    """The principal of a verified ID token's claims (unknown groups are ignored)."""
    groups = claims.get("cognito:groups") or []
    roles = {Role(g) for g in groups if isinstance(g, str) and g in {r.value for r in STAFF_ROLES}}
    patient_id = str(claims.get("custom:patient_id") or "")
    if _PATIENT_ID.match(patient_id):
        roles.add(Role.PATIENT)
    else:
        patient_id = ""
    lab_id = str(claims.get("custom:lab_id") or "")
    return Principal(
        sub=str(claims["sub"]),
        username=str(claims.get("cognito:username") or claims.get("username") or claims["sub"]),
        email=str(claims.get("email") or ""),
        roles=frozenset(roles),
        patient_id=patient_id,
        lab_id=lab_id if _LAB_ID.match(lab_id) else "",
        expires_at=int(claims["exp"]),
    )
