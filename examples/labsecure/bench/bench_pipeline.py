"""Benchmark (not a test): push generated payloads through the whole local stack and report

* results/s — finished results per second of wall time, first request to last completion;
* ingest→READY latency, p50 and p95 — from the start of the POST to the worker's completion timestamp;
* the share of the worker's CPU time spent inside labcore (``labcore.process`` + ``to_dict``, thread CPU time,
  against the worker process's whole CPU time).

Everything runs on this machine: moto (one server process per service), the worker (its own process), and the ingest
handler behind the API adapter in this process, driven over HTTP by a pool of client threads. The payloads are
the shipped samples with generated patients, values and message ids (labcore JSON, HL7 v2 and FHIR in 6:3:1).

    scripts/test-labsecure.sh --bench [--count 5000] [--clients 8] [--worker-threads 4]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import Any

from labsecure import config
from labsecure.local import stack

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
TERMINAL = ("READY", "NEEDS_REVIEW", "REJECTED")


def payloads(count: int, seed: int = 7) -> list[tuple[bytes, str]]:
    """``count`` generated payloads: the samples with other patients, values and message control ids."""
    rng = random.Random(seed)
    labcore = json.loads((SAMPLES / "cmp.json").read_text())
    hl7 = (SAMPLES / "oru-cbc.hl7").read_text()
    fhir = (SAMPLES / "fhir" / "lipid-bundle.json").read_text()
    out: list[tuple[bytes, str]] = []
    for n in range(count):
        mrn = f"MRN-{rng.randrange(10**7):07d}"
        kind = n % 10
        if kind < 6:
            doc = json.loads(json.dumps(labcore))
            doc["patient_id"] = mrn
            for result in doc["results"]:
                if isinstance(result["value"], (int, float)):
                    result["value"] = round(result["value"] * rng.uniform(0.9, 1.1), 1)
            out.append((json.dumps(doc).encode(), "application/json"))
        elif kind < 9:
            message = hl7.replace("MRN-00482913", mrn).replace("NW-20261124-0042", f"BENCH-{n:06d}")
            message = message.replace("|7.2|", f"|{rng.uniform(4.5, 10.5):.1f}|")
            out.append((message.encode(), "x-application/hl7-v2+er7"))
        else:
            out.append(
                (
                    fhir.replace("MRN-00482913", mrn)
                    .replace('"value": 212', f'"value": {rng.randrange(150, 260)}')
                    .encode(),
                    "application/fhir+json",
                )
            )
    return out


def post(api: str, key: str, data: bytes, ctype: str) -> tuple[str, float]:
    """POST one payload; its result id and the wall-clock time the request started."""
    started = time.time()
    request = urllib.request.Request(
        f"{api}/api/v1/ingest", data=data, method="POST", headers={"X-API-Key": key, "Content-Type": ctype}
    )
    with urllib.request.urlopen(request, timeout=60) as answer:
        return str(json.load(answer)["result_id"]), started


def backlog(s: stack.Stack) -> int:
    """Messages on the ingest queue, visible or being worked on."""
    url = s.clients.sqs.get_queue_url(QueueName=s.settings.names.ingest_queue)["QueueUrl"]
    names: list[Any] = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    got = s.clients.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
    return sum(int(got[n]) for n in names)


def finished(s: stack.Stack) -> dict[str, float]:
    """Completion time (epoch seconds) of every finished result."""
    done: dict[str, float] = {}
    pages = s.clients.dynamodb.get_paginator("scan").paginate(
        TableName=s.settings.names.results_table,
        ProjectionExpression="result_id, #s, completed_at",
        ExpressionAttributeNames={"#s": "status"},
    )
    for page in pages:
        for item in page.get("Items", []):
            if item["status"]["S"] in TERMINAL:
                done[item["result_id"]["S"]] = datetime.fromisoformat(
                    item["completed_at"]["S"].replace("Z", "+00:00")
                ).timestamp()
    return done


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Start the stack, push the payloads, wait for every result; the figures."""
    work = Path(tempfile.mkdtemp(prefix="labsecure-bench-"))
    log = open(work / "stack.log", "w")  # noqa: SIM115 - open for the whole run
    # One moto server per service: a single one (one Python process) would be the whole benchmark's ceiling.
    servers = {service: stack.MotoServer(log) for service in config.SERVICES}
    per_service = {f"AWS_ENDPOINT_URL_{name.upper()}": server.endpoint for name, server in servers.items()}
    adapters: list[subprocess.Popen[str]] = []
    worker: stack.WorkerProcess | None = None
    try:
        env = stack.environment(
            servers["s3"].endpoint,
            "labsecure-bench",
            **per_service,
            LABSECURE_QUEUE_WAIT_SECONDS="1",
            LABSECURE_WORKER_THREADS=str(args.worker_threads),
            POWERTOOLS_METRICS_DISABLED="true",
            POWERTOOLS_LOG_LEVEL="WARNING",
        )
        os.environ.update(env)
        s = stack.provision_demo(config.from_env())
        # One process per emulated Lambda execution environment (as Lambda scales the ingest function out).
        adapters += [
            subprocess.Popen(
                [sys.executable, "-m", "labsecure.local.apigw", "0"],
                env={**os.environ, **env},
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
            )
            for _ in range(args.clients)
        ]
        apis = [f"http://127.0.0.1:{proc.stdout.readline().strip()}" for proc in adapters if proc.stdout]
        work_items = payloads(args.count)
        worker = stack.WorkerProcess(env, log, stats=work / "worker-stats.json")
        started_at: dict[str, float] = {}
        begin = time.time()
        with ThreadPoolExecutor(args.clients) as pool:
            jobs = [(n, apis[n % len(apis)], data, ctype) for n, (data, ctype) in enumerate(work_items)]

            def paced(job: tuple[int, str, bytes, str]) -> tuple[str, float]:
                if args.rate:  # open loop at a fixed rate; without it, as fast as the clients go
                    time.sleep(max(0.0, begin + job[0] / args.rate - time.time()))
                return post(job[1], s.api_key, job[2], job[3])

            for n, (rid, at) in enumerate(pool.map(paced, jobs), 1):
                started_at[rid] = at
                if n % 500 == 0:
                    print(f"  submitted {n}/{args.count}", file=sys.stderr, flush=True)
        ingest_seconds = time.time() - begin
        # Wait on the queue (a cheap call to the SQS server): scanning the table while the worker runs would
        # slow the DynamoDB server it writes to. One scan at the end reads every completion time.
        deadline = time.monotonic() + args.timeout
        while time.monotonic() < deadline and (left := backlog(s)) > 0:
            print(f"  {left} messages left", file=sys.stderr, flush=True)
            threading.Event().wait(5)
        worker.stop()
        done = finished(s)
        stats = json.loads((work / "worker-stats.json").read_text())
    finally:
        if worker is not None:
            worker.stop()
        for proc in adapters:
            proc.terminate()
            proc.wait()
        for server in servers.values():
            server.stop()
        log.close()
    latencies = sorted(done[r] - started_at[r] for r in done if r in started_at)
    wall = max(done.values()) - begin
    return {
        "payloads": args.count,
        "distinct_results": len(started_at),
        "finished": len(done),
        "clients": args.clients,
        "worker_threads": args.worker_threads,
        "rate": args.rate or "flat out",
        "ingest_per_second": round(len(started_at) / ingest_seconds, 1),
        "results_per_second": round(len(done) / wall, 1),
        "latency_p50_s": round(statistics.median(latencies), 3),
        "latency_p95_s": round(latencies[int(0.95 * (len(latencies) - 1))], 3),
        "worker_cpu_s": round(stats["process_cpu_seconds"], 2),
        "labcore_cpu_s": round(stats["labcore_cpu_seconds"], 2),
        "labcore_share_of_worker_cpu": round(stats["labcore_cpu_seconds"] / stats["process_cpu_seconds"], 3),
        "worker_completed": stats["completed"],
        "worker_failed": stats["failed"],
    }


def main() -> None:
    """Parse the arguments, run, print the figures (and write them as JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--worker-threads", type=int, default=4)
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--rate", type=float, default=0.0, help="submit at this many payloads/s (default: flat out)")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[3] / "target" / "labsecure" / "bench.json"
    )
    args = parser.parse_args()
    figures = run(args)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n")
    for name, value in figures.items():
        print(f"{name:>30}: {value}")


if __name__ == "__main__":
    main()
