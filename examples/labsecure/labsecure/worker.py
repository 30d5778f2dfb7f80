"""The worker service (an EC2/ECS service in production): SQS → labcore.process → DynamoDB → notify queue.

It long-polls the ingest queue, runs several threads (labcore releases the GIL while it works), extends the
visibility of the messages it holds, and deletes a message only once its result is written. Anything that
fails leaves the message on the queue: SQS retries it and moves it to the DLQ after ``maxReceiveCount``
receives. A redelivered message changes nothing that is already done (conditional writes), so a crash at any
point loses nothing and processes nothing twice. SIGTERM (or SIGINT) stops polling, finishes what is in
flight and exits.

    python -m labsecure.worker          # settings from the environment (labsecure.config)
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from types import FrameType
from typing import Any, Callable

import labcore

from labsecure import aws, config
from labsecure.domain import messages, processing
from labsecure.domain.messages import ResultRef
from labsecure.domain.release import notify_on_completion
from labsecure.domain.status import Status, is_terminal
from labsecure.errors import LabsecureError, PoisonMessage, TransitionRefused
from labsecure.observability import logger
from labsecure.stores.objects import Objects
from labsecure.stores.queues import Queue
from labsecure.stores.results import Results

log = logger("labsecure-worker")
Process = Callable[..., labcore.Outcome]


@dataclass
class Stats:
    """What the worker did (the benchmark reads these; the worker writes them at exit)."""

    completed: int = 0
    redelivered_done: int = 0
    failed: int = 0
    labcore_cpu_seconds: float = 0.0
    process_cpu_seconds: float = 0.0


class Worker:
    """Polls the ingest queue and processes each message on a thread pool."""

    def __init__(self, settings: config.Settings, clients: aws.Clients, *, process: Process = labcore.process):
        self._settings = settings
        self._results = Results(settings, clients)
        self._objects = Objects(settings, clients)
        self._queue = Queue(clients, settings.names.ingest_queue)
        self._notify = Queue(clients, settings.names.notify_queue)
        self._process = process
        self._threads = max(1, settings.worker_threads)
        self._stop = threading.Event()
        self._beat_stop = threading.Event()
        self._slots = threading.Condition()
        self._inflight: set[str] = set()
        self.stats = Stats()
        self._stats_lock = threading.Lock()

    # --- one message ---------------------------------------------------------------------------------------

    def handle(self, body: str) -> None:
        """Process one message body to the end; raises if it must be retried."""
        ref = messages.parse(body)
        item = self._results.get(ref)
        if item is None:
            raise PoisonMessage("the message names no result")
        if is_terminal(Status(item["status"])):
            # A redelivery of finished work: only make sure the notification was queued.
            self._after(ref, Status(item["status"]), item)
            self._count("redelivered_done")
            return
        self._results.start_processing(ref)
        done = self._run_labcore(self._objects.get_raw(str(item["raw_key"])), str(item["format"]))
        previous = None
        if done.corrected and item.get("order_key"):
            previous = self._results.latest_version(ref.patient_id, str(item["order_key"]), exclude=ref.result_id)
        try:
            self._results.complete(ref, done, previous)
        except TransitionRefused:
            # Finished meanwhile by another delivery of the same message: nothing more to write.
            self._count("redelivered_done")
            return
        log.info("completed", extra={"result_id": ref.result_id, "status": done.status.value})
        self._count("completed")
        self._after(ref, done.status, {})

    def _run_labcore(self, raw: bytes, fmt: str) -> processing.Processed:
        started = time.thread_time()
        try:
            outcome = self._process(raw, format=fmt).to_dict()
        finally:
            with self._stats_lock:
                self.stats.labcore_cpu_seconds += time.thread_time() - started
        return processing.summarise(outcome)

    def _after(self, ref: ResultRef, status: Status, item: dict[str, Any]) -> None:
        if notify_on_completion(status) and item.get("notify_status") != "SENT":
            self._notify.send(ref)

    def _count(self, name: str) -> None:
        with self._stats_lock:
            setattr(self.stats, name, getattr(self.stats, name) + 1)

    def _run_one(self, message: dict[str, Any]) -> None:
        handle = str(message["ReceiptHandle"])
        try:
            self.handle(str(message.get("Body", "")))
            self._queue.delete(handle)
        except Exception as err:
            # Type and code only: an exception's text could quote something it read.
            code = err.code if isinstance(err, LabsecureError) else "unexpected"
            receives = message.get("Attributes", {}).get("ApproximateReceiveCount", "?")
            log.warning("will retry", extra={"error_type": type(err).__name__, "code": code, "receives": receives})
            self._count("failed")
        finally:
            with self._slots:
                self._inflight.discard(handle)
                self._slots.notify_all()

    # --- the service loop ----------------------------------------------------------------------------------

    def _heartbeat(self) -> None:
        while not self._beat_stop.wait(self._settings.heartbeat_seconds):
            with self._slots:
                held = list(self._inflight)
            if held:
                try:
                    self._queue.extend(held, self._settings.visibility_timeout)
                except Exception as err:  # a handle deleted meanwhile fails its entry, not the others
                    log.debug("visibility extension failed", extra={"error_type": type(err).__name__})

    def _free_slots(self) -> int:
        with self._slots:
            while len(self._inflight) >= self._threads and not self._stop.is_set():
                self._slots.wait(0.5)
            return self._threads - len(self._inflight)

    def run(self) -> None:
        """Poll until ``stop()``; then finish the messages in flight and return."""
        beat = threading.Thread(target=self._heartbeat, name="visibility", daemon=True)
        beat.start()
        log.info("worker started", extra={"threads": self._threads})
        with ThreadPoolExecutor(self._threads, thread_name_prefix="worker") as pool:
            while not self._stop.is_set():
                free = self._free_slots()
                if free <= 0:
                    continue
                for message in self._queue.receive(max_messages=free, wait_seconds=self._settings.queue_wait_seconds):
                    if self._stop.is_set():
                        self._queue.release(str(message["ReceiptHandle"]))
                        continue
                    with self._slots:
                        self._inflight.add(str(message["ReceiptHandle"]))
                    pool.submit(self._run_one, message)
        self._beat_stop.set()
        beat.join(timeout=5)
        self.stats.process_cpu_seconds = time.process_time()
        log.info("worker stopped", extra=asdict(self.stats))

    def stop(self) -> None:
        """Ask the loop to stop (safe from a signal handler)."""
        self._stop.set()


def main() -> None:
    """Run the worker until SIGTERM/SIGINT; write its stats to ``$LABSECURE_WORKER_STATS`` if set."""
    settings = config.from_env()
    worker = Worker(settings, aws.clients(settings))

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("stopping", extra={"signal": signum})
        worker.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    worker.run()
    stats_path = os.environ.get("LABSECURE_WORKER_STATS")
    if stats_path:
        with open(stats_path, "w", encoding="utf-8") as out:
            json.dump(asdict(worker.stats), out)


if __name__ == "__main__":
    main()
