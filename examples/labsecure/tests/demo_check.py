"""The newcomer's acceptance of ``make pipeline``, checked against the running demo (scripts/test-labsecure.sh).

Reads what the demo printed — the portal's URL and the demo accounts — and, over plain HTTP as a browser would:
signs in as the printed patient and finds flagged results (a value high or low, in words and symbols); signs in
as the printed reviewer and releases the held result from the queue; then, as the patient, sees it. requests'
cookie jar, like Safari, never sends a Secure cookie over http://, so this passes only if the demo portal's
session cookie works on plain http://127.0.0.1.

    python tests/demo_check.py target/labsecure/demo.txt
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import requests

RESULT = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def printed(text: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """The portal's base URL and the demo accounts (role → user name, password), as the demo printed them."""
    found = re.search(r"^portal (http://\S+)/login ", text, re.MULTILINE)
    assert found, "the demo printed no portal URL"
    accounts = re.findall(r"^ +(\w+) +user (\S+) +password (\S+)$", text, re.MULTILINE)
    assert {"Patient", "Reviewer"} <= {role for role, _, _ in accounts}, "the demo printed no demo accounts"
    return found.group(1), {role: (user, password) for role, user, password in accounts}


def csrf(html: str) -> str:
    """The CSRF token of the first form in a page."""
    found = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html) or re.search(
        r'value="([^"]+)"[^>]*name="csrf_token"', html
    )
    assert found, "no CSRF token in the page"
    return found.group(1)


def signed_in(base: str, username: str, password: str, home: str) -> requests.Session:
    """A browser session signed in through the portal's form, landed on ``home``."""
    browser = requests.Session()
    form = browser.get(f"{base}/login", timeout=10)
    data = {"username": username, "password": password, "csrf_token": csrf(form.text)}
    answer = browser.post(f"{base}/login", data=data, allow_redirects=False, timeout=30)
    assert answer.status_code == 302 and answer.headers["Location"] == home, (username, answer.status_code)
    landed = browser.get(f"{base}{home}", allow_redirects=False, timeout=30)
    assert landed.status_code == 200, (
        f"{username}: the session cookie did not come back over http ({landed.status_code})"
    )
    return browser


def flagged_results(base: str, patient: requests.Session) -> list[str]:
    """The patient's results (from the dashboard) whose page shows a high or low value, in words and symbol."""
    dashboard = patient.get(f"{base}/dashboard", timeout=30).text
    flagged = []
    for result_id in dict.fromkeys(re.findall(rf'href="/results/({RESULT})"', dashboard)):
        page = patient.get(f"{base}/results/{result_id}", timeout=30).text
        if re.search(r"(High|Low)\s*<span aria-hidden=\"true\">[▲▼]", page):
            flagged.append(result_id)
    return flagged


def release_the_held_one(base: str, reviewer: requests.Session) -> str:
    """The reviewer opens the one held result from the queue and releases it; its id."""
    queue = reviewer.get(f"{base}/staff/review", timeout=30).text
    held = list(dict.fromkeys(re.findall(rf'href="/staff/review/({RESULT})"', queue)))
    assert len(held) == 1, f"the review queue holds {len(held)} results, not the demo's one"
    page = reviewer.get(f"{base}/staff/review/{held[0]}", timeout=30).text
    data = {"csrf_token": csrf(page), "decision": "release", "reason": "potassium confirmed on a repeat sample"}
    answer = reviewer.post(f"{base}/staff/review/{held[0]}/decision", data=data, allow_redirects=False, timeout=30)
    assert answer.status_code == 303, f"the release answered {answer.status_code}"
    return held[0]


def main(demo_output: Path) -> None:
    """Check the printed demo end to end; print one line per step."""
    base, accounts = printed(demo_output.read_text(encoding="utf-8"))
    patient = signed_in(base, *accounts["Patient"], home="/dashboard")
    flagged = flagged_results(base, patient)
    assert flagged, "the demo patient sees no flagged result"
    print(f"demo check: the patient signed in at {base} and sees {len(flagged)} flagged result(s)")
    held = release_the_held_one(base, signed_in(base, *accounts["Reviewer"], home="/staff/review"))
    print(f"demo check: the reviewer released the held result {held}")
    page = patient.get(f"{base}/results/{held}", timeout=30)
    assert page.status_code == 200 and "CRITICAL" in page.text, f"the patient cannot see it ({page.status_code})"
    print("demo check: the patient now sees it, its critical potassium written out")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
