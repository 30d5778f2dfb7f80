resource "aws_sesv2_configuration_set" "notify" {
  configuration_set_name = "${var.prefix}-notify"
  delivery_options {
    tls_policy = "REQUIRE"
  }
  reputation_options {
    reputation_metrics_enabled = true
  }
  suppression_options {
    suppressed_reasons = ["BOUNCE", "COMPLAINT"]
  }
  tags = local.tags
}

resource "aws_sesv2_email_identity" "sender" {
  email_identity         = var.sender_email
  configuration_set_name = aws_sesv2_configuration_set.notify.configuration_set_name
  tags                   = local.tags
}
