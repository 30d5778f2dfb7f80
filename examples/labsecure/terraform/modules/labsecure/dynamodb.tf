# results: partition key the internal patient id, sort key the result id, a GSI by result id.
# patients: keyed by HMAC(lab, MRN) (the one table holding identifiers), a GSI by internal patient id.
# labs: lab profiles and hashed API keys, a GSI by lab id. idempotency: Powertools' table (hash key "id").
# sessions: the portal's sessions (TTL; the store checks expiry itself). audit: the append-only trail.

locals {
  tables = {
    results = {
      name = local.names.results_table, hash = "patient_id", range = "result_id", ttl = null
      gsis = [
        { name = local.indexes.results_by_id_index, hash = "result_id", range = null },
        # sparse: only held results carry review_lab (the reviewers' queue, oldest first)
        { name = local.indexes.results_review_index, hash = "review_lab", range = "completed_at" },
      ]
    }
    patients    = { name = local.names.patients_table, hash = "lookup", range = null, ttl = null, gsis = [{ name = local.indexes.patients_by_id_index, hash = "patient_id", range = null }] }
    labs        = { name = local.names.labs_table, hash = "pk", range = null, ttl = null, gsis = [{ name = local.indexes.labs_by_lab_index, hash = "lab_id", range = null }] }
    idempotency = { name = local.names.idempotency_table, hash = "id", range = null, ttl = "expiration", gsis = [] }
    # the portal's server-side sessions, keyed by the SHA-256 of the session id
    sessions = { name = local.names.sessions_table, hash = "sid", range = null, ttl = "expires_at", gsis = [] }
    # the append-only audit trail, by day, and by subject
    audit = { name = local.names.audit_table, hash = "day", range = "sk", ttl = null, gsis = [{ name = local.indexes.audit_by_subject_index, hash = "subject", range = "sk" }] }
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
    for_each = toset(compact(concat([each.value.hash, each.value.range], flatten([for g in each.value.gsis : [g.hash, g.range]]))))
    content {
      name = attribute.value
      type = "S"
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.gsis
    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hash
      range_key       = global_secondary_index.value.range
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
