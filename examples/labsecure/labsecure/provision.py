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
from labsecure.domain.roles import STAFF_ROLES


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


Index = tuple[str, str, str | None]  # name, hash key, range key


def _table(aws: Clients, name: str, keys: list[tuple[str, str]], indexes: list[Index], kms_alias: str) -> None:
    attributes = {attr for attr, _ in keys} | {k for _, h, r in indexes for k in (h, r) if k}
    spec: dict[str, Any] = {
        "TableName": name,
        "BillingMode": "PAY_PER_REQUEST",
        "KeySchema": [{"AttributeName": attr, "KeyType": kind} for attr, kind in keys],
        "AttributeDefinitions": [{"AttributeName": a, "AttributeType": "S"} for a in sorted(attributes)],
        "SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": kms_alias},
    }
    if indexes:
        spec["GlobalSecondaryIndexes"] = [
            {
                "IndexName": index,
                "Projection": {"ProjectionType": "ALL"},
                "KeySchema": [{"AttributeName": hash_key, "KeyType": "HASH"}]
                + ([{"AttributeName": range_key, "KeyType": "RANGE"}] if range_key else []),
            }
            for index, hash_key, range_key in indexes
        ]
    aws.dynamodb.create_table(**spec)
    aws.dynamodb.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
    )


def _ttl(aws: Clients, table: str, attribute: str) -> None:
    aws.dynamodb.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": attribute}
    )


def _tables(settings: Settings, aws: Clients) -> None:
    names, alias = settings.names, settings.names.data_key_alias
    _table(
        aws,
        names.results_table,
        [("patient_id", "HASH"), ("result_id", "RANGE")],
        [(names.results_by_id_index, "result_id", None), (names.results_review_index, "review_lab", "completed_at")],
        alias,
    )
    _table(aws, names.patients_table, [("lookup", "HASH")], [(names.patients_by_id_index, "patient_id", None)], alias)
    _table(aws, names.labs_table, [("pk", "HASH")], [(names.labs_by_lab_index, "lab_id", None)], alias)
    _table(aws, names.idempotency_table, [("id", "HASH")], [], alias)
    _ttl(aws, names.idempotency_table, "expiration")
    _table(aws, names.sessions_table, [("sid", "HASH")], [], alias)
    _ttl(aws, names.sessions_table, "expires_at")
    _table(
        aws,
        names.audit_table,
        [("day", "HASH"), ("sk", "RANGE")],
        [(names.audit_by_subject_index, "subject", "sk")],
        alias,
    )


def create_identity(settings: Settings, aws: Clients) -> tuple[str, str]:
    """The user pool (staff groups, the read-only ``custom:patient_id`` and ``custom:lab_id``) and the portal's
    app client; ``(pool_id, client_id)``. The client reads both attributes and writes neither, so no user can
    change whose results they see or which lab they serve."""
    pool = aws.cognito.create_user_pool(
        PoolName=settings.names.user_pool,
        Policies={
            "PasswordPolicy": {
                "MinimumLength": 12,
                "RequireUppercase": True,
                "RequireLowercase": True,
                "RequireNumbers": True,
                "RequireSymbols": False,
            }
        },
        Schema=[
            {"Name": "patient_id", "AttributeDataType": "String", "Mutable": True},
            {"Name": "lab_id", "AttributeDataType": "String", "Mutable": True},
        ],
        AdminCreateUserConfig={"AllowAdminCreateUserOnly": True},
        UsernameConfiguration={"CaseSensitive": False},
    )["UserPool"]["Id"]
    client = aws.cognito.create_user_pool_client(
        UserPoolId=pool,
        ClientName=settings.names.portal_client,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        ReadAttributes=["email", "custom:patient_id", "custom:lab_id"],
        WriteAttributes=["email"],
        PreventUserExistenceErrors="ENABLED",
        AccessTokenValidity=60,
        IdTokenValidity=60,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes"},
    )["UserPoolClient"]["ClientId"]
    for role in STAFF_ROLES:
        aws.cognito.create_group(GroupName=role.value, UserPoolId=pool, Description=f"LabSecure {role.value}")
    return pool, client


def create_all(settings: Settings, aws: Clients) -> None:
    """Create the keys, buckets, queues (with their DLQs), tables and the verified sender identity (the user
    pool is ``create_identity``: its id is Cognito's to choose, and the portal is configured with it)."""
    names = settings.names
    _keys(settings, aws)
    _bucket(settings, aws, names.raw_bucket)
    _bucket(settings, aws, names.reports_bucket)
    _queue_pair(settings, aws, names.ingest_queue, names.ingest_dlq)
    _queue_pair(settings, aws, names.notify_queue, names.notify_dlq)
    _tables(settings, aws)
    aws.sesv2.create_email_identity(EmailIdentity=settings.sender_email)
