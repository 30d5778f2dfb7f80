"""A Lambda context for calling handlers as plain functions (moto cannot run Lambda functions)."""

from __future__ import annotations

import time
import uuid

from aws_lambda_powertools.utilities.typing import LambdaContext


class LocalContext(LambdaContext):
    """What the Lambda runtime passes a handler: a name, a request id and a deadline."""

    def __init__(self, function_name: str, timeout_seconds: float = 30.0) -> None:
        self._function_name = function_name
        self._function_version = "$LATEST"
        self._invoked_function_arn = f"arn:aws:lambda:local:000000000000:function:{function_name}"
        self._memory_limit_in_mb = 512
        self._aws_request_id = str(uuid.uuid4())
        self._log_group_name = f"/aws/lambda/{function_name}"
        self._log_stream_name = "local"
        self._deadline = time.monotonic() + timeout_seconds

    def get_remaining_time_in_millis(self) -> int:  # type: ignore[override]
        """Milliseconds left before the (emulated) timeout."""
        return max(0, int((self._deadline - time.monotonic()) * 1000))
