"""The Cognito user pool: signing in with a password, and the staff and patient accounts.

Patients are linked to their records by ``custom:patient_id`` and staff to their laboratory by ``custom:lab_id``;
the app client may read both and write neither (``provision.py``, ``terraform/…/cognito.tf``). Staff roles are
the pool's groups. Every failed sign-in — unknown user, wrong password, disabled account — raises the same
``SignInFailed``, so that none can be told apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from labsecure.aws import Clients

if TYPE_CHECKING:
    from mypy_boto3_cognito_idp.type_defs import AttributeTypeTypeDef
from labsecure.config import Settings
from labsecure.domain.roles import STAFF_ROLES, Role
from labsecure.errors import RequestError, SignInFailed, Unavailable

_REFUSALS = frozenset(
    {"NotAuthorizedException", "UserNotFoundException", "UserNotConfirmedException", "PasswordResetRequiredException"}
)


@dataclass(frozen=True)
class Tokens:
    """What a successful sign-in returns."""

    id_token: str
    access_token: str


@dataclass(frozen=True)
class Challenge:
    """Cognito asks for more before it issues tokens (a new password, for an account an Admin created)."""

    name: str
    session: str


@dataclass(frozen=True)
class StaffUser:
    """One staff account as the Admin pages list it."""

    username: str
    email: str
    lab_id: str
    roles: tuple[str, ...]
    enabled: bool
    status: str


def _attributes(user: dict[str, Any]) -> dict[str, str]:
    return {a["Name"]: a.get("Value", "") for a in user.get("Attributes") or user.get("UserAttributes") or []}


class Users:
    """Sign-in and account management against one user pool and its portal client."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._idp = aws.cognito
        self._pool = settings.portal.user_pool_id
        self._client = settings.portal.client_id

    def sign_in(self, username: str, password: str) -> Tokens | Challenge:
        """USER_PASSWORD_AUTH; ``SignInFailed`` for any refusal."""
        try:
            got = self._idp.initiate_auth(
                ClientId=self._client,
                AuthFlow="USER_PASSWORD_AUTH",
                AuthParameters={"USERNAME": username, "PASSWORD": password},
            )
        except ClientError as err:
            raise self._refusal(err) from None
        return self._answer(got)

    def new_password(self, username: str, session: str, password: str) -> Tokens | Challenge:
        """Answer NEW_PASSWORD_REQUIRED (the first sign-in of an account created with a temporary password)."""
        try:
            got = self._idp.respond_to_auth_challenge(
                ClientId=self._client,
                ChallengeName="NEW_PASSWORD_REQUIRED",
                Session=session,
                ChallengeResponses={"USERNAME": username, "NEW_PASSWORD": password},
            )
        except ClientError as err:
            if err.response.get("Error", {}).get("Code") == "InvalidPasswordException":
                raise RequestError("the new password does not meet the policy", code="password_weak") from None
            raise self._refusal(err) from None
        return self._answer(got)

    @staticmethod
    def _refusal(err: ClientError) -> Exception:
        code = err.response.get("Error", {}).get("Code", "")
        return SignInFailed() if code in _REFUSALS else Unavailable()

    @staticmethod
    def _answer(got: Any) -> Tokens | Challenge:
        if got.get("ChallengeName"):
            return Challenge(name=str(got["ChallengeName"]), session=str(got.get("Session", "")))
        result = got["AuthenticationResult"]
        return Tokens(id_token=str(result["IdToken"]), access_token=str(result["AccessToken"]))

    # --- accounts ------------------------------------------------------------------------------------------

    def create_patient(self, username: str, email: str, patient_id: str, password: str) -> None:
        """A patient account linked to an internal patient id, with a permanent password (enrolment, the demo)."""
        self._create(username, email, {"custom:patient_id": patient_id}, password)
        self._idp.admin_set_user_password(UserPoolId=self._pool, Username=username, Password=password, Permanent=True)

    def create_staff(
        self, username: str, email: str, role: Role, lab_id: str, password: str, *, permanent: bool
    ) -> None:
        """A staff account in one role's group; a temporary password must be changed at first sign-in."""
        if role not in STAFF_ROLES:
            raise RequestError("not a staff role", code="role_invalid")
        self._create(username, email, {"custom:lab_id": lab_id} if lab_id else {}, password)
        if permanent:
            self._idp.admin_set_user_password(
                UserPoolId=self._pool, Username=username, Password=password, Permanent=True
            )
        self._idp.admin_add_user_to_group(UserPoolId=self._pool, Username=username, GroupName=role.value)

    def _create(self, username: str, email: str, extra: dict[str, str], password: str) -> None:
        plain = {"email": email, "email_verified": "true", **extra}
        attributes: list[AttributeTypeTypeDef] = [{"Name": k, "Value": v} for k, v in plain.items()]
        try:
            self._idp.admin_create_user(
                UserPoolId=self._pool,
                Username=username,
                UserAttributes=attributes,
                TemporaryPassword=password,
                MessageAction="SUPPRESS",
            )
        except ClientError as err:
            code = err.response.get("Error", {}).get("Code", "")
            if code == "UsernameExistsException":
                raise RequestError("that user name is taken", code="username_taken") from None
            if code in ("InvalidPasswordException", "InvalidParameterException"):
                raise RequestError("the user name, email or password is not valid", code="user_invalid") from None
            raise

    def staff(self) -> list[StaffUser]:
        """Every member of a staff group."""
        found: dict[str, dict[str, Any]] = {}
        roles: dict[str, list[str]] = {}
        for role in STAFF_ROLES:
            pages = self._idp.get_paginator("list_users_in_group").paginate(UserPoolId=self._pool, GroupName=role.value)
            for page in pages:
                for user in page.get("Users", []):
                    found[user["Username"]] = dict(user)
                    roles.setdefault(user["Username"], []).append(role.value)
        return [
            StaffUser(
                username=name,
                email=_attributes(user).get("email", ""),
                lab_id=_attributes(user).get("custom:lab_id", ""),
                roles=tuple(sorted(roles[name])),
                enabled=bool(user.get("Enabled", True)),
                status=str(user.get("UserStatus", "")),
            )
            for name, user in sorted(found.items())
        ]

    def set_enabled(self, username: str, enabled: bool) -> None:
        """Disable (sign-in refused, refresh tokens revoked) or enable a staff account.

        The portal also ends the account's open sessions (``Sessions.revoke_user``)."""
        if enabled:
            self._idp.admin_enable_user(UserPoolId=self._pool, Username=username)
        else:
            self._idp.admin_disable_user(UserPoolId=self._pool, Username=username)
            self._idp.admin_user_global_sign_out(UserPoolId=self._pool, Username=username)

    def is_staff(self, username: str) -> bool:
        """Whether ``username`` is in a staff group (the Admin pages manage only those)."""
        return any(u.username == username for u in self.staff())

    def ping(self) -> None:
        """A cheap call proving the pool answers (``/health``)."""
        self._idp.describe_user_pool(UserPoolId=self._pool)
