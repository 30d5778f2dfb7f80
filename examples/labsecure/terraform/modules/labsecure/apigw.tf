# The HTTP API (payload format 2.0) in front of the ingest function. Labs authenticate with their own API key,
# checked by the function against the hashed keys in the labs table (X-API-Key); throttled per route.

resource "aws_apigatewayv2_api" "ingest" {
  name          = "${var.prefix}-ingest"
  protocol_type = "HTTP"
  tags          = local.tags
}

resource "aws_apigatewayv2_integration" "ingest" {
  api_id                 = aws_apigatewayv2_api.ingest.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.fn["ingest"].invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "ingest" {
  # checkov:skip=CKV_AWS_309:HTTP APIs have no API keys; the function authenticates each lab by its hashed key, and health is public by design
  for_each           = toset(["POST /api/v1/ingest", "GET /api/v1/status/{result_id}", "GET /api/v1/health"])
  api_id             = aws_apigatewayv2_api.ingest.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.ingest.id}"
  authorization_type = "NONE" # the function authenticates each lab by its hashed API key
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/apigateway/${var.prefix}-ingest"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.data.arn
  tags              = local.tags
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.ingest.id
  name        = "$default"
  auto_deploy = true
  default_route_settings {
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    # No path (it holds result ids) and no source IP beyond what operations need.
    format = jsonencode({ requestId = "$context.requestId", routeKey = "$context.routeKey", status = "$context.status", latency = "$context.integrationLatency", ip = "$context.identity.sourceIp" })
  }
  tags = local.tags
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.fn["ingest"].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.ingest.execution_arn}/*/*"
}
