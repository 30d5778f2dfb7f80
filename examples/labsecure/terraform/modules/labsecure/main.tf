# LabSecure on AWS. Every resource name comes from labsecure/resources.json — the file the Python code's
# config reads too — prefixed with var.prefix exactly as labsecure.config.resource_name() does; the tests
# check that every name in that file is created here.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  spec = { for k, v in jsondecode(file("${path.module}/../../../labsecure/resources.json")) : k => v if k != "_comment" }
  # "<prefix>-<name>", or the template with {prefix} replaced (the KMS aliases): as labsecure.config does.
  names = {
    for k, v in local.spec : k => (
      length(regexall("\\{prefix\\}", tostring(v))) > 0 ? replace(tostring(v), "{prefix}", var.prefix) : "${var.prefix}-${v}"
    ) if can(tostring(v)) && !endswith(k, "_index") && k != "max_receive_count"
  }
  indexes           = { for k, v in local.spec : k => v if endswith(k, "_index") }
  max_receive_count = local.spec.max_receive_count
  account_id        = data.aws_caller_identity.current.account_id
  region            = data.aws_region.current.name
  partition         = data.aws_partition.current.partition

  # What every function and the worker are configured with (labsecure/config.py reads these).
  app_environment = {
    LABSECURE_PREFIX             = var.prefix
    LABSECURE_SENDER_EMAIL       = var.sender_email
    LABSECURE_PORTAL_URL         = var.portal_url
    LABSECURE_MAX_RECEIVE_COUNT  = tostring(local.max_receive_count)
    LABSECURE_VISIBILITY_TIMEOUT = tostring(var.worker_visibility_timeout)
    POWERTOOLS_METRICS_NAMESPACE = "LabSecure"
    POWERTOOLS_LOG_LEVEL         = "INFO"
  }
  tags = merge(var.tags, { application = "labsecure", data_classification = "phi" })
}
