"""Create every LabSecure resource in an (emulated) account: what ``terraform/`` creates on real AWS.

Used by ``make pipeline``, the tests and the benchmark against moto. Names come from ``config`` (and so from
``resources.json``, which the Terraform reads too). Conditional bucket policies (TLS only, SSE-KMS required)
are left to the Terraform: moto evaluates any policy statement with a ``Condition`` as a deny.
"""

from __future__ import annotations

import json
from typing import Any

from labsecure.aws import Clients
from labsecure.config import Settings


def _keys(settings: Settings, aws: Clients) -> None:
    data = aws.kms.create_key(Description="LabSecure data key (S3, DynamoDB, SQS)")["KeyMetadata"]["KeyId"]
    aws.kms.create_alias(AliasName=settings.names.data_key_alias, TargetKeyId=data)
    lookup = aws.kms.create_key(
        Description="LabSecure lookup HMAC key", KeySpec="HMAC_256", KeyUsage="GENERATE_VERIFY_MAC"
    )["KeyMetadata"]["KeyId"]
    aws.kms.create_alias(AliasName=settings.names.lookup_key_alias, TargetKeyId=lookup)


def _bucket(settings: Settings, aws: Clients, name: str) -> None:
    if settings.region == "us-east-1":
        aws.s3.create_bucket(Bucket=name)
    else:
        aws.s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": settings.region})  # type: ignore[typeddict-item]
    aws.s3.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    aws.s3.put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
    aws.s3.put_bucket_encryption(
        Bucket=name,
        ServerSideEncryptionConfiguration={
            "Rules": [
                {
                    "ApplyServerSideEncryptionByDefault": {
                        "SSEAlgorithm": "aws:kms",
                        "KMSMasterKeyID": settings.names.data_key_alias,
                    },
                    "BucketKeyEnabled": True,
                }
            ]
        },
    )


def _queue_pair(settings: Settings, aws: Clients, name: str, dlq: str) -> None:
    kms = settings.names.data_key_alias
    dlq_url = aws.sqs.create_queue(
        QueueName=dlq, Attributes={"MessageRetentionPeriod": "1209600", "KmsMasterKeyId": kms}
    )["QueueUrl"]
    dlq_arn = aws.sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    redrive = {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(settings.names.max_receive_count)}
    aws.sqs.create_queue(
        QueueName=name,
        Attributes={
            "VisibilityTimeout": str(settings.visibility_timeout),
            "RedrivePolicy": json.dumps(redrive),
            "KmsMasterKeyId": kms,
        },
    )


def _table(aws: Clients, name: str, keys: list[tuple[str, str]], index: tuple[str, str] | None, kms_alias: str) -> None:
    attributes = {attr for attr, _ in keys} | ({index[1]} if index else set())
    spec: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": attr, "KeyType": kind} for attr, kind in keys],
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)],
        "SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": kms_alias},
    }
    if index:
        spec["GlobalSecondaryIndexes"] = [
            {
                "IndexName": index[0],
                "Projection": {"ProjectionType": "ALL"},
                "KeySchema": [{"AttributeName": index[1], "KeyType": "HASH"}],
            }
        ]
    aws.dynamodb.create_table(**spec)
    aws.dynamodb.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )


def create_all(settings: Settings, aws: Clients) -> None:
    """Create the keys, buckets, queues (with their DLQs), tables and the verified sender identity."""
    names = settings.names
    _keys(settings, aws)
    _bucket(settings, aws, names.raw_bucket)
    _bucket(settings, aws, names.reports_bucket)
    _queue_pair(settings, aws, names.ingest_queue, names.ingest_dlq)
    _queue_pair(settings, aws, names.notify_queue, names.notify_dlq)
    alias = names.data_key_alias
    _table(
        aws,
        names.results_table,
        [("patient_id", "HASH"), ("result_id", "RANGE")],
        (names.results_by_id_index, "result_id"),
        alias,
    )
    _table(aws, names.patients_table, [("lookup", "HASH")], (names.patients_by_id_index, "patient_id"), alias)
    _table(aws, names.labs_table, [("pk", "HASH")], (names.labs_by_lab_index, "lab_id"), alias)
    _table(aws, names.idempotency_table, [("id", "HASH")], None, alias)
    aws.dynamodb.update_time_to_live(
        TableName=names.idempotency_table, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expiration"}
    )
    aws.sesv2.create_email_identity(EmailIdentity=settings.sender_email)
