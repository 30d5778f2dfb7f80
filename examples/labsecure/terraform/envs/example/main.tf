# An example environment: fill in the variables (terraform.tfvars) and run `terraform init/plan/apply` where
# the AWS provider can be downloaded. Offline, this repository checks it with `terraform fmt` and checkov.

terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }
}

provider "aws" {
  region = var.region
}

variable "region" {
  description = "AWS region"
  type        = string
  default     = "eu-west-1"
}

variable "settings" {
  description = "The module's inputs (see modules/labsecure/variables.tf)"
  type = object({
    prefix             = string
    sender_email       = string
    portal_url         = string
    lambda_package     = string
    worker_ami_id      = string
    vpc_id             = string
    private_subnet_ids = list(string)
    alarm_topic_arn    = string
  })
}

module "labsecure" {
  source             = "../../modules/labsecure"
  prefix             = var.settings.prefix
  sender_email       = var.settings.sender_email
  portal_url         = var.settings.portal_url
  lambda_package     = var.settings.lambda_package
  worker_ami_id      = var.settings.worker_ami_id
  vpc_id             = var.settings.vpc_id
  private_subnet_ids = var.settings.private_subnet_ids
  alarm_topic_arn    = var.settings.alarm_topic_arn
}

output "api_endpoint" {
  description = "The ingest API's base URL"
  value       = module.labsecure.api_endpoint
}
