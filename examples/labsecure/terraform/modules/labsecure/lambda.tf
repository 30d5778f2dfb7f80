# The functions run the same package: labsecure.functions.{ingest,notify,report,release}.handler.

locals {
  functions = {
    ingest = { handler = "labsecure.functions.ingest.handler", timeout = 15, memory = 512, concurrency = 50 }
    notify = { handler = "labsecure.functions.notify.handler", timeout = 30, memory = 256, concurrency = 10 }
    report = { handler = "labsecure.functions.report.handler", timeout = 30, memory = 1024, concurrency = 20 }
    # the release sweeper: held results past their lab's hold time (domain/release.py); one at a time
    release = { handler = "labsecure.functions.release.handler", timeout = 120, memory = 256, concurrency = 1 }
  }
  lambda_functions = toset(keys(local.functions))
}

resource "aws_security_group" "app" {
  name        = "${var.prefix}-app"
  description = "LabSecure functions and workers: no inbound, HTTPS out to the VPC endpoints"
  vpc_id      = var.vpc_id
  egress {
    description = "HTTPS to AWS APIs through the VPC endpoints"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
  tags = local.tags
}

resource "aws_cloudwatch_log_group" "fn" {
  for_each          = local.functions
  name              = "/aws/lambda/${var.prefix}-${each.key}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data.arn
  tags              = local.tags
}

resource "aws_sqs_queue" "fn_dlq" {
  name              = "${var.prefix}-functions-async-dlq"
  kms_master_key_id = aws_kms_key.data.arn
  tags              = local.tags
}

resource "aws_lambda_function" "fn" {
  # checkov:skip=CKV_AWS_272:packages are built and signed by the deployment pipeline (AWS Signer), outside this module
  for_each                       = local.functions
  function_name                  = "${var.prefix}-${each.key}"
  role                           = aws_iam_role.app[each.key].arn
  runtime                        = "python3.11"
  architectures                  = ["x86_64"] # the labcore wheel is built for manylinux x86_64
  handler                        = each.value.handler
  filename                       = var.lambda_package
  source_code_hash               = filebase64sha256(var.lambda_package)
  timeout                        = each.value.timeout
  memory_size                    = each.value.memory
  reserved_concurrent_executions = each.value.concurrency
  kms_key_arn                    = aws_kms_key.data.arn

  environment {
    variables = merge(local.app_environment, { POWERTOOLS_SERVICE_NAME = "labsecure-${each.key}" })
  }
  vpc_config {
    subnet_ids         = var.private_subnet_ids
    security_group_ids = [aws_security_group.app.id]
  }
  tracing_config {
    mode = "Active"
  }
  dead_letter_config {
    target_arn = aws_sqs_queue.fn_dlq.arn
  }
  depends_on = [aws_cloudwatch_log_group.fn]
  tags       = local.tags
}

resource "aws_lambda_event_source_mapping" "notify" {
  event_source_arn                   = aws_sqs_queue.main["notify"].arn
  function_name                      = aws_lambda_function.fn["notify"].arn
  batch_size                         = 10
  maximum_batching_window_in_seconds = 5
  function_response_types            = ["ReportBatchItemFailures"]
}

# The release sweeper runs every 15 minutes (a lab's hold time is in hours).
resource "aws_cloudwatch_event_rule" "release" {
  name                = "${var.prefix}-release-sweep"
  description         = "Release held results whose lab's review hold time has passed"
  schedule_expression = "rate(15 minutes)"
  tags                = local.tags
}

resource "aws_cloudwatch_event_target" "release" {
  rule = aws_cloudwatch_event_rule.release.name
  arn  = aws_lambda_function.fn["release"].arn
}

resource "aws_lambda_permission" "release" {
  statement_id  = "AllowScheduledSweep"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn["release"].function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.release.arn
}
