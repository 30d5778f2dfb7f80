variable "prefix" {
  description = "Stage prefix of every resource name (labsecure/config.py's LABSECURE_PREFIX); bucket names must be globally unique, so include the account or a domain"
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9-]{2,40}$", var.prefix))
    error_message = "Lower-case letters, digits and hyphens, 3-41 characters."
  }
}

variable "sender_email" {
  description = "The SES identity notifications are sent from (verified in SES)"
  type        = string
}

variable "portal_url" {
  description = "The patient portal's base URL, linked from the notification email"
  type        = string
}

variable "lambda_package" {
  description = "Path of the Lambda deployment zip: the labsecure package, its requirements and the labcore manylinux wheel"
  type        = string
}

variable "worker_ami_id" {
  description = "AMI of the worker instances (Amazon Linux 2023 with Python 3.11 and the package installed)"
  type        = string
}

variable "worker_instance_type" {
  description = "Instance type of the worker service"
  type        = string
  default     = "c7g.large"
}

variable "worker_count" {
  description = "How many worker instances run"
  type        = number
  default     = 2
}

variable "worker_visibility_timeout" {
  description = "SQS visibility timeout of the ingest queue, seconds (the worker extends it while working)"
  type        = number
  default     = 60
}

variable "private_subnet_ids" {
  description = "Private subnets (with VPC endpoints for S3, SQS, DynamoDB, KMS, SES, Logs) for the worker and the functions"
  type        = list(string)
}

variable "vpc_id" {
  description = "The VPC of the private subnets"
  type        = string
}

variable "alarm_topic_arn" {
  description = "SNS topic that DLQ and error alarms notify"
  type        = string
}

variable "log_retention_days" {
  description = "CloudWatch Logs retention (HIPAA: keep audit-relevant logs six years; these carry no PHI)"
  type        = number
  default     = 2192
}

variable "tags" {
  description = "Tags added to every resource"
  type        = map(string)
  default     = {}
}
