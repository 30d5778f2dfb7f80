"""What every Lambda handler module shares: the handler's type and the entry point built on first use."""

from __future__ import annotations

from typing import Any, Callable

from aws_lambda_powertools.utilities.typing import LambdaContext

from labsecure import aws, config

Handler = Callable[[dict[str, Any], LambdaContext], dict[str, Any]]
"""A Lambda handler: the event and the context in, the answer out."""


def lazy_entry(build: Callable[[config.Settings, aws.Clients], Handler]) -> Handler:
    """The Lambda entry point for ``build``: settings from the environment, the handler built on first use."""
    built: list[Handler] = []

    def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
        if not built:
            settings = config.from_env()
            built.append(build(settings, aws.clients(settings)))
        return built[0](event, context)

    return handler
