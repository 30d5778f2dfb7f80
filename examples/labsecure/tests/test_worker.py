"""The worker's failure modes, each injected: poison messages, a SIGKILL mid-batch, SIGTERM, redelivery,
corrected results."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from conftest import Pipeline, queue_depth, scan, wait_for

from labsecure.domain.messages import ResultRef
from labsecure.local import stack
from labsecure.worker import Worker

HERE = Path(__file__).resolve().parent


def labcore_payload(n: int) -> bytes:
    doc = json.loads((HERE.parents[1] / "samples" / "cmp.json").read_text())
    doc["patient_id"] = f"MRN-{n:08d}"
    return json.dumps(doc).encode()


def worker_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "LABSECURE_", "POWERTOOLS_"))}


def test_poison_messages_reach_the_dlq_with_no_partial_writes(pipe: Pipeline) -> None:
    names = pipe.s.settings.names
    url = pipe.s.clients.sqs.get_queue_url(QueueName=names.ingest_queue)["QueueUrl"]
    _, accepted = pipe.post(pipe.sample("cmp.json"))
    before = scan(pipe.s, names.results_table)
    ghost = ResultRef("p-00000000-0000-4000-8000-000000000000", "00000000-0000-4000-8000-000000000000")
    for poison in ("not json at all", json.dumps({"v": 1, "patient_id": "MRN-1"}), ghost.to_body()):
        pipe.s.clients.sqs.send_message(QueueUrl=url, MessageBody=poison)
    # The good message is finished at once; the three poison ones are retried, then moved to the DLQ.
    assert pipe.process([accepted["result_id"]]) == {accepted["result_id"]: "READY"}
    worker = Worker(pipe.s.settings, pipe.s.clients)
    import threading

    thread = threading.Thread(target=worker.run, daemon=True)
    thread.start()
    try:
        wait_for(lambda: queue_depth(pipe.s, names.ingest_dlq) == 3, 60, "poison messages in the DLQ")
    finally:
        worker.stop()
        thread.join(10)
    assert queue_depth(pipe.s, names.ingest_queue) == 0
    after = scan(pipe.s, names.results_table)
    assert len(after) == 1 and after[0]["result_id"] == before[0]["result_id"]  # no item created or touched
    assert after[0]["status"] == "READY" and len(after[0]["history"]) == 3
    assert queue_depth(pipe.s, names.notify_queue) == 1  # only the good result's notification


def test_worker_killed_mid_batch_then_restarted_processes_every_message_once(pipe: Pipeline, tmp_path: Path) -> None:
    names = pipe.s.settings.names
    ids = [pipe.post(labcore_payload(n))[1]["result_id"] for n in range(12)]
    marker = tmp_path / "stalled"
    env = {
        **worker_env(),
        "LABSECURE_FAULT_AFTER": "5",
        "LABSECURE_FAULT_MARKER": str(marker),
        "PYTHONPATH": os.pathsep.join([str(HERE), *sys.path]),
    }
    with open(tmp_path / "worker1.log", "w") as log:
        crashed = stack.WorkerProcess(env, log, module="fault_worker")
        wait_for(marker.exists, 60, "the worker to stall mid-batch")
        crashed.kill()  # SIGKILL: no cleanup, messages in flight, one result written but its message not deleted
    items = {i["result_id"]: i for i in scan(pipe.s, names.results_table)}
    assert sum(i["status"] == "READY" for i in items.values()) == 5
    assert any(i["status"] == "PROCESSING" for i in items.values())

    with open(tmp_path / "worker2.log", "w") as log:
        restarted = stack.WorkerProcess(worker_env(), log)
        try:
            wait_for(lambda: all(s == "READY" for s in pipe.statuses(ids).values()), 60, "every result READY")
            wait_for(lambda: queue_depth(pipe.s, names.ingest_queue) == 0, 30, "the queue to drain")
        finally:
            assert restarted.stop() == 0
    items = {i["result_id"]: i for i in scan(pipe.s, names.results_table)}
    assert set(items) == set(ids)
    for item in items.values():  # each finished exactly once: one READY in its history, version 1
        assert [h["status"] for h in item["history"]].count("READY") == 1 and item["version"] == 1
    assert queue_depth(pipe.s, names.ingest_dlq) == 0
    assert pipe.drain_notify() >= 12
    sent = pipe.moto.sent_emails()  # none of these patients is enrolled: no email, each recorded once
    assert sent == [] and {i["notify_status"] for i in scan(pipe.s, names.results_table)} == {"NO_CONTACT"}


def test_sigterm_finishes_in_flight_work_and_exits(pipe: Pipeline, tmp_path: Path) -> None:
    ids = [pipe.post(labcore_payload(n))[1]["result_id"] for n in range(6)]
    stats = tmp_path / "stats.json"
    with open(tmp_path / "worker.log", "w") as log:
        proc = stack.WorkerProcess(worker_env(), log, stats=stats)
        wait_for(lambda: "READY" in pipe.statuses(ids).values(), 60, "work to start")
        assert proc.stop() == 0
    finished = json.loads(stats.read_text())
    statuses = pipe.statuses(ids)
    # Nothing is left half done: each result is READY or was never started (its message still queued).
    assert set(statuses.values()) <= {"READY", "RECEIVED"}
    assert finished["completed"] == list(statuses.values()).count("READY") and finished["failed"] == 0
    assert "worker stopped" in (tmp_path / "worker.log").read_text()


def test_a_redelivered_message_changes_nothing(pipe: Pipeline) -> None:
    _, answer = pipe.post(pipe.sample("oru-cbc.hl7"), "x-application/hl7-v2+er7")
    rid = answer["result_id"]
    pipe.process([rid])
    (item,) = scan(pipe.s, pipe.s.settings.names.results_table)
    worker = Worker(pipe.s.settings, pipe.s.clients)
    worker.handle(ResultRef(item["patient_id"], rid).to_body())  # the same message once more
    (again,) = scan(pipe.s, pipe.s.settings.names.results_table)
    assert again["history"] == item["history"] and again["updated_at"] == item["updated_at"]
    assert worker.stats.redelivered_done == 1 and worker.stats.completed == 0
    pipe.drain_notify()
    assert len(pipe.moto.sent_emails()) == 1  # two notify messages, one email


def test_a_corrected_result_is_a_new_version_beside_the_old(pipe: Pipeline) -> None:
    original = pipe.sample("oru-cbc.hl7")
    corrected = original.replace(b"NW-20261124-0042", b"NW-20261124-0043").replace(
        b"|11.4|g/dL^^UCUM|12.0-15.5|L|||F|", b"|11.9|g/dL^^UCUM|12.0-15.5|L|||C|"
    )
    first = pipe.post(original, "x-application/hl7-v2+er7")[1]["result_id"]
    pipe.process([first])
    second = pipe.post(corrected, "x-application/hl7-v2+er7")[1]["result_id"]
    pipe.process([second])
    items = {i["result_id"]: i for i in scan(pipe.s, pipe.s.settings.names.results_table)}
    assert items[first]["version"] == 1 and items[first]["superseded_by"] == second
    assert items[second]["version"] == 2 and items[second]["supersedes"] == first and items[second]["corrected"]
    assert '"value":11.4' in items[first]["reports"] and '"value":11.9' in items[second]["reports"]
    assert pipe.get(f"/api/v1/status/{second}")[1]["supersedes"] == first
