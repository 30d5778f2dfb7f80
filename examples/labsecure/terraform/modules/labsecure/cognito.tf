# The portal's identity: one user pool, the staff groups (roles; none implies another), the read-only
# custom:patient_id and custom:lab_id attributes, and the portal's app client (Hosted UI, authorisation code with
# PKCE; the client reads both attributes and writes neither). labsecure/provision.py creates the same against moto.

resource "aws_cognito_user_pool" "users" {
  name                     = local.names.user_pool
  deletion_protection      = "ACTIVE"
  mfa_configuration        = "OPTIONAL"
  auto_verified_attributes = ["email"]

  admin_create_user_config {
    allow_admin_create_user_only = true
  }

  username_configuration {
    case_sensitive = false
  }

  password_policy {
    minimum_length    = 12
    require_uppercase = true
    require_lowercase = true
    require_numbers   = true
    require_symbols   = false
  }

  software_token_mfa_configuration {
    enabled = true
  }

  user_pool_add_ons {
    advanced_security_mode = "ENFORCED"
  }

  schema {
    name                = "patient_id"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      max_length = 64
    }
  }

  schema {
    name                = "lab_id"
    attribute_data_type = "String"
    mutable             = true
    string_attribute_constraints {
      max_length = 64
    }
  }

  tags = local.tags
}

resource "aws_cognito_user_group" "staff" {
  for_each     = toset(["Reviewer", "CaseWorker", "Admin"])
  name         = each.value
  user_pool_id = aws_cognito_user_pool.users.id
  description  = "LabSecure ${each.value}"
}

resource "aws_cognito_user_pool_client" "portal" {
  name                                 = local.names.portal_client
  user_pool_id                         = aws_cognito_user_pool.users.id
  generate_secret                      = true
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = ["openid", "email"]
  callback_urls                        = ["${var.portal_url}/auth/callback"]
  logout_urls                          = ["${var.portal_url}/login"]
  supported_identity_providers         = ["COGNITO"]
  explicit_auth_flows                  = ["ALLOW_REFRESH_TOKEN_AUTH"]
  read_attributes                      = ["email", "custom:patient_id", "custom:lab_id"]
  write_attributes                     = ["email"]
  prevent_user_existence_errors        = "ENABLED"
  access_token_validity                = 60
  id_token_validity                    = 60
  token_validity_units {
    access_token = "minutes"
    id_token     = "minutes"
  }
}
