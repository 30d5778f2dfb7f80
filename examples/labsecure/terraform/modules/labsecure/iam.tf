# One role per function and one for the worker, each with only the actions its code calls.

locals {
  t        = { for k, v in aws_dynamodb_table.all : k => v.arn }
  q        = { for k, v in aws_sqs_queue.main : k => v.arn }
  b        = { for k, v in aws_s3_bucket.data : k => v.arn }
  kms_data = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
  grants = {
    ingest = [
      { actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"], resources = [local.t.idempotency] },
      { actions = ["dynamodb:PutItem", "dynamodb:Query"], resources = [local.t.results, "${local.t.results}/index/*"] },
      { actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [local.t.patients] },
      { actions = ["dynamodb:GetItem"], resources = [local.t.labs] },
      { actions = ["s3:PutObject"], resources = ["${local.b.raw}/raw/*"] },
      { actions = ["sqs:SendMessage", "sqs:GetQueueUrl"], resources = [local.q.ingest] },
      { actions = ["kms:GenerateMac"], resources = [aws_kms_key.lookup.arn] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
    notify = [
      { actions = ["dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [local.t.results] },
      { actions = ["dynamodb:Query"], resources = ["${local.t.patients}/index/*"] },
      { actions = ["ses:SendEmail"], resources = [aws_sesv2_email_identity.sender.arn] },
      { actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"], resources = [local.q.notify] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
    report = [
      { actions = ["dynamodb:Query"], resources = ["${local.t.results}/index/*", "${local.t.patients}/index/*"] },
      { actions = ["dynamodb:GetItem"], resources = [local.t.labs] },
      { actions = ["s3:PutObject", "s3:GetObject"], resources = ["${local.b.reports}/reports/*"] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
    release = [
      { actions = ["dynamodb:Scan", "dynamodb:GetItem"], resources = [local.t.labs] },
      { actions = ["dynamodb:Query"], resources = ["${local.t.results}/index/*"] },
      { actions = ["dynamodb:UpdateItem"], resources = [local.t.results] },
      { actions = ["dynamodb:PutItem"], resources = [local.t.audit] },
      { actions = ["sqs:SendMessage", "sqs:GetQueueUrl"], resources = [local.q.notify] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
    # The portal (a container service: ECS task role; its compute is the deployer's choice, outside this module).
    portal = [
      { actions = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"], resources = [local.t.sessions] },
      { actions = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [local.t.results, "${local.t.results}/index/*"] },
      { actions = ["dynamodb:PutItem"], resources = [local.t.idempotency] },
      { actions = ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem"], resources = [local.t.patients, "${local.t.patients}/index/*"] },
      { actions = ["dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resources = [local.t.labs, "${local.t.labs}/index/*"] },
      { actions = ["dynamodb:PutItem", "dynamodb:Query"], resources = [local.t.audit, "${local.t.audit}/index/*"] },
      { actions = ["dynamodb:DescribeTable"], resources = [local.t.results, local.t.sessions] },
      { actions = ["sqs:SendMessage", "sqs:GetQueueUrl"], resources = [local.q.notify] },
      { actions = ["lambda:InvokeFunction"], resources = [aws_lambda_function.fn["report"].arn] },
      {
        actions = ["cognito-idp:AdminCreateUser", "cognito-idp:AdminSetUserPassword", "cognito-idp:AdminAddUserToGroup",
          "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser", "cognito-idp:AdminUserGlobalSignOut",
        "cognito-idp:ListUsersInGroup", "cognito-idp:DescribeUserPool"]
        resources = [aws_cognito_user_pool.users.arn]
      },
      { actions = ["kms:GenerateMac"], resources = [aws_kms_key.lookup.arn] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
    worker = [
      { actions = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Query"], resources = [local.t.results] },
      { actions = ["s3:GetObject"], resources = ["${local.b.raw}/raw/*"] },
      { actions = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueUrl"], resources = [local.q.ingest] },
      { actions = ["sqs:SendMessage", "sqs:GetQueueUrl"], resources = [local.q.notify] },
      { actions = local.kms_data, resources = [aws_kms_key.data.arn] },
    ]
  }
}

data "aws_iam_policy_document" "assume" {
  for_each = merge({ for f in local.lambda_functions : f => "lambda" }, { worker = "ec2", portal = "ecs-tasks" })
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["${each.value}.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "grants" {
  for_each = local.grants
  dynamic "statement" {
    for_each = each.value
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}

resource "aws_iam_role" "app" {
  for_each           = local.grants
  name               = "${var.prefix}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.assume[each.key].json
  tags               = local.tags
}

resource "aws_iam_role_policy" "app" {
  for_each = local.grants
  name     = "${var.prefix}-${each.key}"
  role     = aws_iam_role.app[each.key].id
  policy   = data.aws_iam_policy_document.grants[each.key].json
}

resource "aws_iam_role_policy_attachment" "lambda_vpc" {
  for_each   = local.lambda_functions
  role       = aws_iam_role.app[each.key].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_iam_role_policy_attachment" "worker_ssm" {
  role       = aws_iam_role.app["worker"].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

data "aws_iam_policy_document" "lambda_extras" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.fn_dlq.arn]
  }
}

resource "aws_iam_role_policy" "lambda_extras" {
  for_each = local.lambda_functions
  name     = "${var.prefix}-${each.key}-dlq"
  role     = aws_iam_role.app[each.key].id
  policy   = data.aws_iam_policy_document.lambda_extras.json
}

resource "aws_iam_role_policy_attachment" "xray" {
  for_each   = local.lambda_functions
  role       = aws_iam_role.app[each.key].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/AWSXRayDaemonWriteAccess"
}
