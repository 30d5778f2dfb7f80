# results: partition key the internal patient id, sort key the result id, a GSI by result id.
# patients: keyed by HMAC(lab, MRN) (the one table holding identifiers), a GSI by internal patient id.
# labs: lab profiles and hashed API keys, a GSI by lab id. idempotency: Powertools' table (hash key "id").

locals {
  tables = {
    results     = { name = local.names.results_table, hash = "patient_id", range = "result_id", gsi = local.indexes.results_by_id_index, gsi_key = "result_id", ttl = null }
    patients    = { name = local.names.patients_table, hash = "lookup", range = null, gsi = local.indexes.patients_by_id_index, gsi_key = "patient_id", ttl = null }
    labs        = { name = local.names.labs_table, hash = "pk", range = null, gsi = local.indexes.labs_by_lab_index, gsi_key = "lab_id", ttl = null }
    idempotency = { name = local.names.idempotency_table, hash = "id", range = null, gsi = null, gsi_key = null, ttl = "expiration" }
  }
}

resource "aws_dynamodb_table" "all" {
  for_each                    = local.tables
  name                        = each.value.name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = each.value.hash
  range_key                   = each.value.range
  deletion_protection_enabled = true

  dynamic "attribute" {
    for_each = toset(compact([each.value.hash, each.value.range, each.value.gsi_key]))
    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.gsi == null ? [] : [each.value]
    content {
      name            = global_secondary_index.value.gsi
      hash_key        = global_secondary_index.value.gsi_key
      projection_type = "ALL"
    }
  }

  dynamic "ttl" {
    for_each = each.value.ttl == null ? [] : [each.value.ttl]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.data.arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = local.tags
}
