"""The demo accounts of the local stack: one patient (linked to the demo patient's record) and one of each staff
role at the demo lab. Passwords are the demo's, printed by ``make pipeline``: local use only."""

from __future__ import annotations

from dataclasses import dataclass

from labsecure import aws, config
from labsecure.domain.roles import Role
from labsecure.stores.users import Users


@dataclass(frozen=True)
class Account:
    """A demo user name, password and role (``None``: the patient)."""

    username: str
    password: str
    role: Role | None


PATIENT = Account("patient", "Patient-Demo-2026", None)
REVIEWER = Account("reviewer", "Reviewer-Demo-2026", Role.REVIEWER)
CASE_WORKER = Account("caseworker", "Caseworker-Demo-2026", Role.CASE_WORKER)
ADMIN = Account("admin", "Admin-Demo-2026", Role.ADMIN)
STAFF = (REVIEWER, CASE_WORKER, ADMIN)


def create(settings: config.Settings, clients: aws.Clients, lab_id: str, patient_id: str) -> list[Account]:
    """Create every demo account (the user pool of ``settings``); the accounts."""
    users = Users(settings, clients)
    users.create_patient(PATIENT.username, "patient@example.org", patient_id, PATIENT.password)
    for account in STAFF:
        assert account.role is not None
        users.create_staff(
            account.username,
            f"{account.username}@example.org",
            account.role,
            "" if account.role is Role.ADMIN else lab_id,
            account.password,
            permanent=True,
        )
    return [PATIENT, *STAFF]
