"""A small HTTP server that turns each request into an API Gateway HTTP API (payload 2.0) event.

It serves the ingest handler on 127.0.0.1 the way API Gateway would call it: lower-cased headers, the body
base64-encoded, ``requestContext.http``; the handler's answer (``statusCode``, ``headers``, ``body``) goes back.
"""

from __future__ import annotations

import base64
import sys
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

from labsecure.local.context import LocalContext

LambdaHandler = Callable[[dict[str, Any], Any], dict[str, Any]]
MAX_BODY = 10 * 1024 * 1024  # API Gateway's own limit; the handler applies LabSecure's smaller one


def event(method: str, path: str, headers: dict[str, str], body: bytes, source_ip: str = "127.0.0.1") -> dict[str, Any]:
    """An API Gateway HTTP API v2 event for one request."""
    raw_path, _, query = path.partition("?")
    now = datetime.now(UTC)
    return {
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": raw_path,
        "rawQueryString": query,
        "headers": {k.lower(): v for k, v in headers.items()},
        "requestContext": {
            "accountId": "000000000000",
            "apiId": "local",
            "domainName": "127.0.0.1",
            "domainPrefix": "local",
            "http": {
                "method": method,
                "path": raw_path,
                "protocol": "HTTP/1.1",
                "sourceIp": source_ip,
                "userAgent": headers.get("user-agent", ""),
            },
            "requestId": f"local-{time.monotonic_ns()}",
            "routeKey": "$default",
            "stage": "$default",
            "time": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "timeEpoch": int(now.timestamp() * 1000),
        },
        "body": base64.b64encode(body).decode("ascii"),
        "isBase64Encoded": True,
    }


def _answer(handler: BaseHTTPRequestHandler, response: dict[str, Any]) -> None:
    body = response.get("body") or ""
    data = base64.b64decode(body) if response.get("isBase64Encoded") else str(body).encode("utf-8")
    handler.send_response(int(response.get("statusCode", 500)))
    for name, value in (response.get("headers") or {}).items():
        handler.send_header(name, str(value))
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


def serve(lambda_handler: LambdaHandler, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Serve ``lambda_handler`` in a background thread; ``server.server_address`` has the port.

    One request at a time, as one Lambda execution environment does — and necessarily so: Powertools' HTTP
    resolver keeps the current event in class attributes, shared by every resolver in a process. For
    concurrency, run several of these processes (``python -m labsecure.local.apigw``), as Lambda runs several
    environments.
    """
    one_at_a_time = threading.Lock()

    class Adapter(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _call(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                self.send_error(413)
                return
            body = self.rfile.read(length) if length else b""
            request = event(method, self.path, dict(self.headers.items()), body, self.client_address[0])
            with one_at_a_time:
                response = lambda_handler(request, LocalContext("labsecure-ingest"))
            _answer(self, response)

        def do_GET(self) -> None:
            self._call("GET")

        def do_POST(self) -> None:
            self._call("POST")

        def log_message(self, format: str, *args: Any) -> None:
            pass  # the handler logs each request itself (without the path's ids in access logs)

    server = ThreadingHTTPServer((host, port), Adapter)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="api-adapter", daemon=True).start()
    return server


def main() -> None:
    """Serve the ingest handler (settings from the environment) on ``argv[1]`` (0: any free port), printing the
    port on the first line of standard output, until killed."""
    from labsecure import aws, config
    from labsecure.functions import ingest

    settings = config.from_env()
    server = serve(ingest.build(settings, aws.clients(settings)), port=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print(server.server_address[1], flush=True)
    sys.stdout = sys.stderr  # the port was the only output for the parent; logs go where its stderr goes
    threading.Event().wait()


if __name__ == "__main__":
    main()
