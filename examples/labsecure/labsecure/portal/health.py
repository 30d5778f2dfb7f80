"""``/health``'s dependency check, cached for a few seconds: the page is public (a load balancer polls it), so a
flood of requests must not become a flood of DynamoDB and Cognito calls. A failure is cached as long as a success.
"""

from __future__ import annotations

import threading
import time
from typing import Callable


class Health:
    """Runs ``check`` (raising when a dependency is down) at most once every ``seconds``; remembers the answer."""

    def __init__(self, check: Callable[[], None], seconds: float = 5.0) -> None:
        self.seconds = seconds
        self.clock: Callable[[], float] = time.monotonic
        self._check = check
        self._lock = threading.Lock()
        self._last: tuple[float, bool] | None = None

    def ok(self) -> bool:
        """Whether the dependencies answered at the last check (made now if that one is older than ``seconds``)."""
        with self._lock:  # one check at a time: concurrent requests wait for it and share its answer
            now = self.clock()
            if self._last is None or now - self._last[0] >= self.seconds:
                self._last = (now, self._run())
            return self._last[1]

    def _run(self) -> bool:
        try:
            self._check()
        except Exception:  # any failure is "unavailable"; what failed is not the page's to say
            return False
        return True
