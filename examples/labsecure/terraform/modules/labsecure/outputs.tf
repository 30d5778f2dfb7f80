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

output "user_pool_id" {
  description = "The portal's user pool (LABSECURE_USER_POOL_ID)"
  value       = aws_cognito_user_pool.users.id
}

output "portal_client_id" {
  description = "The portal's app client (LABSECURE_PORTAL_CLIENT_ID; its secret is read from Cognito at deploy time)"
  value       = aws_cognito_user_pool_client.portal.id
}
