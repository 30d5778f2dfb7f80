"""Portal accounts and what they may see: the user pool says who a user is; the stores confirm whose results and
which laboratory.

A patient account carries ``custom:patient_id`` and a Reviewer's or CaseWorker's ``custom:lab_id``. On AWS the
portal's app client cannot write either (``terraform/…/cognito.tf``, ``provision.py``), so a user cannot change
them. The portal does not rest on that alone (moto, for one, enforces no write permissions): making an account
also records its ``sub`` on the patient record (``Patients.link_account``) or its lab in the labs table
(``Labs.assign_staff``), and at sign-in ``confirmed`` keeps only what those records confirm. A token whose patient
id was rewritten gives no patient role; one whose lab was rewritten gives no lab (and so no staff page).
"""

from __future__ import annotations

from dataclasses import replace

from labsecure.domain.roles import Principal, Role
from labsecure.observability import logger
from labsecure.stores.labs import Labs
from labsecure.stores.patients import Patients
from labsecure.stores.users import Users

log = logger("labsecure-portal")
_LAB_ROLES = (Role.REVIEWER, Role.CASE_WORKER)


def patient_account(users: Users, patients: Patients, username: str, email: str, patient_id: str, password: str) -> str:
    """A patient's portal account, linked to their record both ways; its ``sub``."""
    sub = users.create_patient(username, email, patient_id, password)
    patients.link_account(patient_id, sub)
    return sub


def staff_account(
    users: Users, labs: Labs, username: str, email: str, role: Role, lab_id: str, password: str, *, permanent: bool
) -> str:
    """A staff account in ``role`` (Reviewer and CaseWorker: at ``lab_id``, recorded in the labs table); its ``sub``."""
    sub = users.create_staff(username, email, role, lab_id, password, permanent=permanent)
    if lab_id and role in _LAB_ROLES:
        labs.assign_staff(sub, lab_id)
    return sub


def confirmed(principal: Principal, patients: Patients, labs: Labs) -> Principal:
    """``principal`` (from a verified token) with only the patient link and lab the stores confirm."""
    if principal.patient_id and patients.account_of(principal.patient_id) != principal.sub:
        log.warning("sign-in link refused", extra={"code": "patient_link_unconfirmed"})
        principal = replace(principal, patient_id="", roles=principal.roles - {Role.PATIENT})
    if principal.lab_id and labs.staff_lab(principal.sub) != principal.lab_id:
        log.warning("sign-in link refused", extra={"code": "lab_unconfirmed"})
        principal = replace(principal, lab_id="")
    return principal
