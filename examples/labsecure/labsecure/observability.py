"""Powertools logging and metrics, configured once for every handler and the worker.

Log records carry ids, codes and counts only; the formatter also drops any field whose name says it could
hold patient data, as a second line of defence (a ``logging.Filter`` does not see Powertools' appended keys,
so this is done in the formatter's ``serialize``).
"""

from __future__ import annotations

import logging
import sys
import warnings
from typing import IO

from aws_lambda_powertools import Logger, Metrics
from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter
from aws_lambda_powertools.logging.types import LogRecord

NAMESPACE = "LabSecure"
_UNSAFE = frozenset(
    {
        "body",
        "payload",
        "patient",
        "mrn",
        "name",
        "family",
        "given",
        "birth_date",
        "dob",
        "phone",
        "email",
        "address",
        "raw",
        "identity",
    }
)


class SafeFormatter(LambdaPowertoolsFormatter):
    """The Powertools JSON formatter, minus fields named like patient data."""

    def serialize(self, log: LogRecord) -> str:
        """Drop unsafe keys, then serialise as Powertools does."""
        safe = {k: v for k, v in dict(log).items() if k.lower() not in _UNSAFE}
        return super().serialize(safe)


class _Stdout(logging.StreamHandler[IO[str]]):
    """A handler writing to whatever ``sys.stdout`` is at the time (as Lambda's stdout; redirectable)."""

    @property
    def stream(self) -> IO[str]:
        """The current standard output."""
        return sys.stdout

    @stream.setter
    def stream(self, _value: IO[str]) -> None:
        pass


# Health checks and status reads publish no metric; Powertools warns about each such flush.
warnings.filterwarnings("ignore", message="No application metrics to publish", category=UserWarning)


def logger(service: str) -> Logger:
    """A structured JSON logger for one component."""
    return Logger(service=service, logger_formatter=SafeFormatter(), logger_handler=_Stdout())


def metrics(service: str) -> Metrics:
    """CloudWatch EMF metrics for one component."""
    return Metrics(namespace=NAMESPACE, service=service)
