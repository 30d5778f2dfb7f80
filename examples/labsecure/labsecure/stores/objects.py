"""The raw and reports buckets: objects encrypted with the data key (SSE-KMS), keys free of PHI."""

from __future__ import annotations

from labsecure.aws import Clients
from labsecure.config import Settings


class Objects:
    """Raw submissions and PDF reports in S3."""

    def __init__(self, settings: Settings, aws: Clients) -> None:
        self._s3 = aws.s3
        self._names = settings.names
        self._presign_seconds = settings.presign_seconds

    @staticmethod
    def raw_key(lab_id: str, result_id: str, extension: str) -> str:
        """The raw object's key: the lab's id (not PHI) and the opaque result id."""
        return f"raw/{lab_id}/{result_id}.{extension}"

    @staticmethod
    def report_key(result_id: str, version: int) -> str:
        """The report object's key."""
        return f"reports/{result_id}/v{version}.pdf"

    def put_raw(self, key: str, body: bytes, content_type: str) -> None:
        """Store the bytes exactly as received."""
        self._s3.put_object(
            Bucket=self._names.raw_bucket,
            Key=key,
            Body=body,
            ContentType=content_type,
            ServerSideEncryption="aws:kms",
            SSEKMSKeyId=self._names.data_key_alias,
            BucketKeyEnabled=True,
        )

    def get_raw(self, key: str) -> bytes:
        """The bytes of a raw submission."""
        return self._s3.get_object(Bucket=self._names.raw_bucket, Key=key)["Body"].read()

    def put_report(self, key: str, pdf: bytes) -> None:
        """Store a rendered report."""
        self._s3.put_object(
            Bucket=self._names.reports_bucket,
            Key=key,
            Body=pdf,
            ContentType="application/pdf",
            ServerSideEncryption="aws:kms",
            SSEKMSKeyId=self._names.data_key_alias,
            BucketKeyEnabled=True,
            ContentDisposition="attachment; filename=lab-report.pdf",
        )

    def report_url(self, key: str) -> str:
        """A presigned GET of a report, valid for the configured time (one hour)."""
        return self._s3.generate_presigned_url(
            "get_object",
            Params={"Bucket": self._names.reports_bucket, "Key": key},
            ExpiresIn=self._presign_seconds,
        )
