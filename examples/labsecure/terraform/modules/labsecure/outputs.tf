output "api_endpoint" {
  description = "Base URL of the ingest API (POST /api/v1/ingest, GET /api/v1/status/{id}, GET /api/v1/health)"
  value       = aws_apigatewayv2_stage.default.invoke_url
}

output "names" {
  description = "Every resource name, as labsecure.config.terraform_names(prefix) computes them"
  value       = local.names
}

output "report_function_arn" {
  description = "The report function the portal invokes"
  value       = aws_lambda_function.fn["report"].arn
}
