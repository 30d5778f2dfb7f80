"""The worker with a crash point injected (tests only): from the Nth finished result on, every thread stops
dead — the Nth after its write, before its message is deleted; later ones before they write — and a marker
file tells the test that the worker is now mid-batch, to be killed with SIGKILL.

    LABSECURE_FAULT_AFTER=N LABSECURE_FAULT_MARKER=path python fault_worker.py
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

from labsecure import worker
from labsecure.stores.results import Results

AFTER = int(os.environ["LABSECURE_FAULT_AFTER"])
MARKER = Path(os.environ["LABSECURE_FAULT_MARKER"])
_lock = threading.Lock()
_count = 0
_real_complete = Results.complete


def _stalling_complete(self: Results, *args: Any, **kwargs: Any) -> None:
    global _count
    with _lock:
        _count += 1
        mine = _count
    if mine > AFTER:
        threading.Event().wait()  # before writing: the result stays PROCESSING
    _real_complete(self, *args, **kwargs)
    if mine == AFTER:
        MARKER.write_text("stalled\n")
        threading.Event().wait()  # after writing, before the delete


Results.complete = _stalling_complete  # type: ignore[method-assign]

if __name__ == "__main__":
    worker.main()
