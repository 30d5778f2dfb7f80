"""The "your results are ready" email: minimum necessary — no test name, value, flag or diagnosis, no name."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Email:
    """An email's subject and bodies."""

    subject: str
    text: str
    html: str


def results_ready(portal_url: str, result_id: str) -> Email:
    """The notification for one released result: only a link to sign in to the portal."""
    link = f"{portal_url}/results/{result_id}"
    text = (
        "Hello,\n\nA new lab result is ready for you in the LabSecure patient portal.\n"
        f"Sign in to view it: {link}\n\n"
        "For your privacy this email does not contain any result. If you did not expect it, contact your clinic.\n"
    )
    html = (
        '<html lang="en"><body><p>Hello,</p>'
        "<p>A new lab result is ready for you in the LabSecure patient portal.</p>"
        f'<p><a href="{escape(link)}">Sign in to view it</a></p>'
        "<p>For your privacy this email does not contain any result. "
        "If you did not expect it, contact your clinic.</p></body></html>"
    )
    return Email(subject="Your lab results are ready", text=text, html=html)
