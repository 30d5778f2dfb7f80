"""``make pipeline``: the whole LabSecure pipeline on this machine, against moto, with the shipped samples.

Starts moto's server on a free 127.0.0.1 port, creates every resource, registers a demo laboratory and
patient, starts the worker (its own process), a poller feeding the notify queue to the notify handler and the
API adapter; submits the samples through the API (and one with a critical potassium, held for review), prints
each result's status, the email sent and the report's path and URL; starts the portal and prints its URL and
the demo accounts; then serves until Ctrl-C (``--once``: checks the portal answers, then exits). Logs go to a
file.

    python -m labsecure.local.demo [--once] [--samples DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import IO, Any

from labsecure import config
from labsecure.domain.identity import Identity
from labsecure.functions import ingest, notify, report
from labsecure.local import apigw, stack
from labsecure.local.context import LocalContext
from labsecure.local.poller import Poller
from labsecure.stores.patients import Patients

SAMPLES = (
    ("cmp.json", "application/json"),
    ("oru-cbc.hl7", "x-application/hl7-v2+er7"),
    ("fhir/lipid-bundle.json", "application/fhir+json"),
    ("rejected.json", "application/json"),
)
DEMO_PATIENT = ("MRN-00482913", "patient@example.org")
# The CMP sample with a critical potassium: labcore marks it NEEDS_REVIEW, so the demo reviewer has one to release.
HELD = ("cmp.json", b'"Potassium", "value": "4,1"', b'"Potassium", "value": "6.9"')


def call(api: str, method: str, path: str, key: str, body: bytes = b"", ctype: str = "") -> tuple[int, Any]:
    """One request to the local API; ``(status, JSON answer)``."""
    headers = {"X-API-Key": key, **({"Content-Type": ctype} if ctype else {})}
    request = urllib.request.Request(f"{api}{path}", data=body or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


def wait_done(api: str, key: str, result_id: str, timeout: float = 60.0) -> dict[str, Any]:
    """Poll a result's status until the worker has finished it."""
    deadline = time.monotonic() + timeout
    while True:
        _, answer = call(api, "GET", f"/api/v1/status/{result_id}", key)
        if answer.get("status") in ("READY", "NEEDS_REVIEW", "REJECTED") or time.monotonic() > deadline:
            return dict(answer)
        time.sleep(0.2)


def submit_samples(console: IO[str], api: str, key: str, samples: Path) -> list[str]:
    """Submit every shipped sample with a progress line; the accepted result ids."""
    accepted = []
    for number, (name, ctype) in enumerate(SAMPLES, 1):
        status, answer = call(api, "POST", "/api/v1/ingest", key, (samples / name).read_bytes(), ctype)
        what = answer.get("result_id") or answer.get("error", {}).get("code")
        print(f"[{number}/{len(SAMPLES)}] {name:<24} {ctype:<26} -> {status} {what}", file=console, flush=True)
        if status == 202:
            accepted.append(str(answer["result_id"]))
    name, before, after = HELD
    status, answer = call(
        api, "POST", "/api/v1/ingest", key, (samples / name).read_bytes().replace(before, after), "application/json"
    )
    print(f"[+] {name} with potassium 6.9 mmol/L (critical)       -> {status} {answer.get('result_id')}", file=console)
    if status == 202:
        accepted.append(str(answer["result_id"]))
    return accepted


def serve_portal(console: IO[str], s: stack.Stack, port: int, patient_id: str) -> Any:
    """Create the demo accounts, serve the portal on ``port``, print its URL and the accounts; the server."""
    from werkzeug.serving import make_server

    from labsecure.local import accounts
    from labsecure.portal import create_app

    made = accounts.create(s.settings, s.clients, stack.DEMO_LAB[0], patient_id)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no access log on the terminal
    server = make_server("127.0.0.1", port, create_app(s.settings, s.clients), threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True, name="portal").start()
    print(f"\nportal {s.settings.portal_url}/login (demo accounts; local use only)", file=console)
    for account in made:
        role = account.role.value if account.role else "Patient"
        print(f"    {role:<10} user {account.username:<10} password {account.password}", file=console)
    print(
        "    the Reviewer finds the held result in the review queue and releases it; the patient then sees it",
        file=console,
    )
    return server


def portal_healthy(url: str) -> bool:
    """Whether the portal's /health answers ok."""
    with urllib.request.urlopen(f"{url}/health", timeout=10) as answer:
        return bool(json.load(answer).get("status") == "ok")


def show_results(console: IO[str], moto: stack.MotoServer, api: str, s: stack.Stack, ids: list[str], out: Path) -> None:
    """Print each result's status, the emails sent, and each report's path and URL."""
    make_report = report.build(s.settings, s.clients)
    released = 0
    for result_id in ids:
        done = wait_done(api, s.api_key, result_id)
        released += done.get("status") == "READY"
        print(f"result {result_id}: {done.get('status')}", file=console)
    deadline = time.monotonic() + 30
    while len(moto.sent_emails()) < released and time.monotonic() < deadline:
        time.sleep(0.2)
    for mail in moto.sent_emails():
        print(f'email to {mail["destinations"]["ToAddresses"][0]}: "{mail["subject"]}"', file=console)
        text = re.sub(
            r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r'<a href="([^"]+)">([^<]+)</a>', r"\2: \1", str(mail["body"])))
        ).strip()
        print(f"    {text}", file=console)
    out.mkdir(parents=True, exist_ok=True)
    for result_id in ids:
        made = make_report({"result_id": result_id}, LocalContext("labsecure-report"))
        path = out / f"{result_id}.pdf"
        with urllib.request.urlopen(made["url"], timeout=30) as pdf:
            path.write_bytes(pdf.read())
        print(f"report {path} ({path.stat().st_size} bytes)\n    {made['url']}", file=console)


def demo_environment(endpoint: str, portal_port: int) -> dict[str, str]:
    """The demo's variables: moto's endpoint, quick polls, the portal's URL (the emails link to it)."""
    return stack.environment(
        endpoint,
        LABSECURE_QUEUE_WAIT_SECONDS="2",
        LABSECURE_HEARTBEAT_SECONDS="10",
        LABSECURE_PORTAL_URL=f"http://127.0.0.1:{portal_port}",
    )


def run(args: argparse.Namespace, console: IO[str], log: IO[str]) -> None:
    """Start everything, run the demo, serve until interrupted (or once); stop everything it started."""
    with ExitStack() as started:
        moto = stack.MotoServer(log)
        started.callback(moto.stop)
        port = args.portal_port or stack.free_port()
        env = demo_environment(moto.endpoint, port)
        os.environ.update(env)
        s = stack.provision_demo(config.from_env())
        patient_id = Patients(s.settings, s.clients).enrol(
            stack.DEMO_LAB[0], Identity(mrn=DEMO_PATIENT[0]), DEMO_PATIENT[1]
        )
        print(f"moto {moto.endpoint}: resources created (prefix {s.settings.prefix})", file=console)
        worker = stack.WorkerProcess(env, log)
        started.callback(worker.stop)
        poller = Poller(
            s.clients, s.settings.names.notify_queue, notify.build(s.settings, s.clients), "labsecure-notify"
        ).start()
        started.callback(poller.stop)
        server = apigw.serve(ingest.build(s.settings, s.clients))
        started.callback(server.shutdown)
        api = f"http://127.0.0.1:{server.server_address[1]}"
        print(f"API {api}/api/v1 (worker pid {worker.proc.pid}; logs in {args.log})", file=console, flush=True)
        ids = submit_samples(console, api, s.api_key, args.samples)
        show_results(console, moto, api, s, ids, args.out)
        portal = serve_portal(console, s, port, patient_id)
        started.callback(portal.shutdown)
        if args.once:
            print(f"portal health: {'ok' if portal_healthy(s.settings.portal_url) else 'FAILED'}", file=console)
            return
        print(
            f"\nserving: curl -H 'X-API-Key: {s.api_key}' -H 'Content-Type: application/json' "
            f"--data-binary @examples/samples/cmp.json {api}/api/v1/ingest\nCtrl-C stops everything.",
            file=console,
            flush=True,
        )
        stopped = threading.Event()
        # Ctrl-C and SIGTERM both stop everything started above (installed explicitly: a shell that starts us
        # in the background hands us SIGINT ignored).
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stopped.set())
        with suppress(KeyboardInterrupt):
            stopped.wait()
        print("stopping", file=console, flush=True)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments and run the demo, logs to ``--log`` and the story to the terminal."""
    here = Path(__file__).resolve().parents[3]
    parser = argparse.ArgumentParser(prog="labsecure.local.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="run the demo, then stop (for scripts and CI)")
    parser.add_argument("--samples", type=Path, default=here / "samples")
    parser.add_argument("--out", type=Path, default=here.parent / "target" / "labsecure" / "reports")
    parser.add_argument("--portal-port", type=int, default=0, help="the portal's port (default: a free one)")
    parser.add_argument("--log", type=Path, default=here.parent / "target" / "labsecure" / "pipeline.log")
    args = parser.parse_args(argv)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    console = sys.stdout
    with open(args.log, "w", encoding="utf-8") as log:
        # The handlers run in this process and log JSON to stdout, as in Lambda: send that to the log file.
        sys.stdout = log
        try:
            run(args, console, log)
        finally:
            sys.stdout = console


if __name__ == "__main__":
    main()
