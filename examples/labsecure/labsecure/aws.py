"""boto3 clients built from the settings (an endpoint override for moto), nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import boto3
from botocore.config import Config

from labsecure.config import Settings

if TYPE_CHECKING:
    from mypy_boto3_cognito_idp import CognitoIdentityProviderClient
    from mypy_boto3_dynamodb import DynamoDBClient
    from mypy_boto3_kms import KMSClient
    from mypy_boto3_s3 import S3Client
    from mypy_boto3_sesv2 import SESV2Client
    from mypy_boto3_sqs import SQSClient


@dataclass(frozen=True)
class Clients:
    """The service clients one process shares (boto3 clients are thread-safe)."""

    s3: S3Client
    sqs: SQSClient
    dynamodb: DynamoDBClient
    kms: KMSClient
    sesv2: SESV2Client
    cognito: CognitoIdentityProviderClient


def clients(settings: Settings) -> Clients:
    """Build every client for ``settings`` (moto when ``endpoint_url`` is set, real AWS otherwise)."""
    session = boto3.session.Session(region_name=settings.region)
    # Standard retry mode: throttling and transient errors are retried with backoff by botocore itself.
    config = Config(
        retries={"max_attempts": 4, "mode": "standard"},
        max_pool_connections=32,
        s3={"addressing_style": "path"},
        signature_version="s3v4",
    )
    # SES without botocore's retries: the notify function backs off itself, with its own attempt budget.
    ses_config = config.merge(Config(retries={"max_attempts": 1, "mode": "standard"}))

    def endpoint(service: str) -> str | None:
        # AWS_ENDPOINT_URL_<SERVICE> first, then AWS_ENDPOINT_URL (botocore's own order of precedence).
        return settings.endpoints.get(service, settings.endpoint_url)

    return Clients(
        s3=session.client("s3", endpoint_url=endpoint("s3"), config=config),
        sqs=session.client("sqs", endpoint_url=endpoint("sqs"), config=config),
        dynamodb=session.client("dynamodb", endpoint_url=endpoint("dynamodb"), config=config),
        kms=session.client("kms", endpoint_url=endpoint("kms"), config=config),
        sesv2=session.client("sesv2", endpoint_url=endpoint("sesv2"), config=ses_config),
        cognito=session.client("cognito-idp", endpoint_url=endpoint("cognito-idp"), config=config),
    )
