# The raw bucket keeps submissions exactly as received; the reports bucket the PDFs. Both: SSE-KMS with the
# data key, versioned, no public access, TLS-only and SSE-KMS-only bucket policies (kept here, not in the local
# provisioning: moto evaluates conditional policy statements as denies), access logs to the log bucket.

locals {
  buckets = {
    raw     = local.names.raw_bucket
    reports = local.names.reports_bucket
  }
}

resource "aws_s3_bucket" "logs" {
  # checkov:skip=CKV_AWS_145:S3 server access logging can only write to SSE-S3 buckets; the logs hold no PHI
  # checkov:skip=CKV_AWS_144:access logs are not replicated; the data buckets' replication is a DR choice per deployment
  # checkov:skip=CKV2_AWS_62:nothing reacts to new log objects
  # checkov:skip=CKV_AWS_18:the log bucket does not log to itself
  bucket = "${var.prefix}-s3-access-logs"
  tags   = local.tags
}

resource "aws_s3_bucket" "data" {
  # checkov:skip=CKV_AWS_144:cross-region replication needs a second region and key: a per-deployment DR choice (versioning on)
  # checkov:skip=CKV2_AWS_62:the pipeline is driven by the ingest queue, not by object events
  for_each = local.buckets
  bucket   = each.value
  tags     = local.tags
}

resource "aws_s3_bucket_public_access_block" "all" {
  for_each                = merge({ for k, b in aws_s3_bucket.data : k => b.id }, { logs = aws_s3_bucket.logs.id })
  bucket                  = each.value
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "all" {
  for_each = merge({ for k, b in aws_s3_bucket.data : k => b.id }, { logs = aws_s3_bucket.logs.id })
  bucket   = each.value
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256" # S3 server access logging cannot write to SSE-KMS buckets
    }
  }
}

resource "aws_s3_bucket_logging" "data" {
  for_each      = aws_s3_bucket.data
  bucket        = each.value.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "${each.key}/"
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  rule {
    id     = "expire-noncurrent"
    status = "Enabled"
    filter {}
    noncurrent_version_expiration {
      noncurrent_days = 30
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration {
      days = var.log_retention_days
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }
}

resource "aws_s3_bucket_policy" "data" {
  for_each = aws_s3_bucket.data
  bucket   = each.value.id
  policy = templatefile("${path.module}/policies/bucket.json", {
    bucket_arn = each.value.arn
  })
}
