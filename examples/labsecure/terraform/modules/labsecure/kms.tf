# The data key encrypts S3 objects, DynamoDB tables, SQS messages and logs; the lookup key is an HMAC key that
# never leaves KMS (patients are looked up by HMAC(lab, MRN), labsecure/stores/patients.py).

data "aws_iam_policy_document" "data_key" {
  # checkov:skip=CKV_AWS_109:a key policy's "*" resource is the key itself; administration stays with the account
  # checkov:skip=CKV_AWS_111:a key policy's "*" resource is the key itself
  # checkov:skip=CKV_AWS_356:a key policy's "*" resource is the key itself
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }
  statement {
    sid       = "CloudWatchLogsEncrypt"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "data" {
  description         = "LabSecure data key (S3, DynamoDB, SQS, logs)"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.data_key.json
  tags                = local.tags
}

resource "aws_kms_alias" "data" {
  name          = local.names.data_key_alias
  target_key_id = aws_kms_key.data.key_id
}

data "aws_iam_policy_document" "lookup_key" {
  # checkov:skip=CKV_AWS_109:a key policy's "*" resource is the key itself; administration stays with the account
  # checkov:skip=CKV_AWS_111:a key policy's "*" resource is the key itself
  # checkov:skip=CKV_AWS_356:a key policy's "*" resource is the key itself
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "lookup" {
  description              = "LabSecure lookup HMAC key (patients table keys)"
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
  policy                   = data.aws_iam_policy_document.lookup_key.json
  tags                     = local.tags
}

resource "aws_kms_alias" "lookup" {
  name          = local.names.lookup_key_alias
  target_key_id = aws_kms_key.lookup.key_id
}
