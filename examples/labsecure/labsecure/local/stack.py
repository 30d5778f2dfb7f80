"""The local stack: moto's server on a free 127.0.0.1 port, the environment that points boto3 at it, the
resources, a demo laboratory, and the worker as its own process (it is a separate service in production)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from labsecure import aws, config, provision
from labsecure.stores.labs import Labs

DEMO_LAB = (
    "NORTHWIND",
    "Northwind Clinical Laboratory",
    ["NORTHWIND-CLIN-LAB", "NORTHWIND CLINICAL LAB", "Northwind Clinical Laboratory"],
)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class MotoServer:
    """``moto_server`` in a child process on 127.0.0.1 (stopped with ``stop()``)."""

    def __init__(self, log: IO[Any] | None = None) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=log or subprocess.DEVNULL,
            stderr=log or subprocess.DEVNULL,
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise RuntimeError("moto's server exited at start")
            try:
                with urllib.request.urlopen(f"{self.endpoint}/moto-api/", timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("moto's server did not start")

    def reset(self) -> None:
        """Wipe every emulated resource (milliseconds)."""
        request = urllib.request.Request(f"{self.endpoint}/moto-api/reset", method="POST")
        urllib.request.urlopen(request, timeout=10).close()

    def sent_emails(self) -> list[dict[str, Any]]:
        """Every email SES accepted since the last reset (moto keeps them)."""
        with urllib.request.urlopen(f"{self.endpoint}/moto-api/data.json", timeout=10) as answer:
            data = json.load(answer)
        found = data.get("ses", {}).get("Message") or []
        return [dict(m) for m in found]

    def stop(self) -> None:
        """Stop the server."""
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()


def environment(endpoint: str, prefix: str = "labsecure-local", **overrides: str) -> dict[str, str]:
    """The variables that point LabSecure (and every boto3 client) at moto; dummy credentials."""
    env = {
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": "eu-west-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "LABSECURE_PREFIX": prefix,
        "LABSECURE_PORTAL_URL": "http://127.0.0.1:8000",
    }
    env.update(overrides)
    return env


@dataclass
class Stack:
    """A provisioned account: settings (with the user pool's ids), clients and the demo lab's API key."""

    settings: config.Settings
    clients: aws.Clients
    api_key: str
    identity_env: dict[str, str] = field(default_factory=dict)


def provision_demo(settings: config.Settings) -> Stack:
    """Create every resource and the user pool, and register the demo laboratory with one API key.

    The returned settings name the new pool and client (``identity_env`` holds the same as variables)."""
    clients = aws.clients(settings)
    provision.create_all(settings, clients)
    pool_id, client_id = provision.create_identity(settings, clients)
    identity_env = {"LABSECURE_USER_POOL_ID": pool_id, "LABSECURE_PORTAL_CLIENT_ID": client_id}
    settings = config.from_env({**os.environ, **identity_env})
    labs = Labs(settings, clients)
    lab_id, name, senders = DEMO_LAB
    labs.register(lab_id, name, senders)
    return Stack(settings, clients, labs.issue_key(lab_id), identity_env)


class WorkerProcess:
    """``python -m labsecure.worker`` as a child process with the given environment."""

    def __init__(
        self,
        env: dict[str, str],
        log: IO[Any] | None = None,
        stats: Path | None = None,
        module: str = "labsecure.worker",
    ) -> None:
        full = {**os.environ, **env}
        if stats is not None:
            full["LABSECURE_WORKER_STATS"] = str(stats)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", module],
            env=full,
            stdout=log or subprocess.DEVNULL,
            stderr=log or subprocess.STDOUT,
        )

    def stop(self, timeout: float = 60.0) -> int:
        """SIGTERM, then wait for the in-flight work to finish; the exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            return self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def kill(self) -> None:
        """SIGKILL: the crash the tests inject."""
        self.proc.kill()
        self.proc.wait()
