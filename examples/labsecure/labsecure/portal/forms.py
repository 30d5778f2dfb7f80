"""The portal's forms (Flask-WTF: each carries its CSRF token; validation is the server's)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, DecimalField, IntegerField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp

# A shape check only (no email_validator dependency): Cognito and SES are the ones that deliver.
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="not an email address")


class LoginForm(FlaskForm):
    """User name and password (Cognito's USER_PASSWORD_AUTH)."""

    username = StringField("User name", validators=[DataRequired(), Length(max=128)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])


class NewPasswordForm(FlaskForm):
    """The first sign-in of an account created with a temporary password."""

    password = PasswordField("New password", validators=[DataRequired(), Length(min=12, max=256)])


class ActionForm(FlaskForm):
    """A button that changes something (sign out, resend, rotate, revoke …): only its CSRF token."""


class DecisionForm(FlaskForm):
    """A reviewer's decision on a held result, with the reason."""

    decision = SelectField("Decision", choices=[("release", "Release to the patient"), ("reject", "Reject")])
    reason = StringField("Reason", validators=[DataRequired(), Length(max=200)])


class CallForm(FlaskForm):
    """A critical-value call: whom, when, read back."""

    told = StringField("Person told (name and role)", validators=[DataRequired(), Length(max=200)])
    called_at = StringField(
        "Time of the call (UTC, YYYY-MM-DDTHH:MM)",
        validators=[DataRequired(), Regexp(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z?$")],
    )
    read_back = BooleanField("The value was read back and confirmed")


class CorrectionForm(FlaskForm):
    """A corrected value for one result line."""

    index = IntegerField("Result line", validators=[InputRequired(), NumberRange(min=0, max=500)])
    value = StringField("Corrected value", validators=[DataRequired(), Length(max=32)])
    reason = StringField("Reason", validators=[DataRequired(), Length(max=200)])


class SearchForm(FlaskForm):
    """A case worker's look-up of a patient by the lab's MRN (posted, so the MRN is in no URL or access log)."""

    mrn = StringField("Medical record number", validators=[DataRequired(), Length(max=64)])


class ContactForm(FlaskForm):
    """A patient's contact address."""

    email = StringField("Email address", validators=[DataRequired(), EMAIL, Length(max=254)])


class LabForm(FlaskForm):
    """A laboratory's profile and release rule."""

    lab_id = StringField("Lab id", validators=[DataRequired(), Regexp(r"^[A-Za-z0-9._-]{1,64}$")])
    name = StringField("Name", validators=[DataRequired(), Length(max=120)])
    senders = StringField("Sender ids (comma separated)", validators=[Optional(), Length(max=500)])
    hold_hours = DecimalField(
        "Hold time for review (hours; empty: until reviewed)", validators=[Optional(), NumberRange(min=0, max=720)]
    )


class StaffForm(FlaskForm):
    """A new staff account."""

    username = StringField("User name", validators=[DataRequired(), Regexp(r"^[A-Za-z0-9._-]{3,64}$")])
    email = StringField("Email address", validators=[DataRequired(), EMAIL])
    role = SelectField(
        "Role",
        choices=[
            ("Reviewer", "Reviewer"),
            ("CaseWorker", "Case worker"),
            ("Admin", "Admin"),
        ],
    )
    lab_id = StringField("Lab id (Reviewer and CaseWorker)", validators=[Optional(), Regexp(r"^[A-Za-z0-9._-]{1,64}$")])
    password = PasswordField("Temporary password", validators=[DataRequired(), Length(min=12, max=256)])
