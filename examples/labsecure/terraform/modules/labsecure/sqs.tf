# Each queue with its own DLQ after max_receive_count receives (labsecure/resources.json), encrypted with the
# data key. The ingest queue's visibility timeout is what the worker extends while it works.

locals {
  queues = {
    ingest = { name = local.names.ingest_queue, dlq = local.names.ingest_dlq, visibility = var.worker_visibility_timeout }
    notify = { name = local.names.notify_queue, dlq = local.names.notify_dlq, visibility = 6 * 30 } # 6x the function timeout
  }
}

resource "aws_sqs_queue" "dlq" {
  for_each                          = local.queues
  name                              = each.value.dlq
  message_retention_seconds         = 1209600
  kms_master_key_id                 = aws_kms_key.data.arn
  kms_data_key_reuse_period_seconds = 300
  tags                              = local.tags
}

resource "aws_sqs_queue" "main" {
  for_each                          = local.queues
  name                              = each.value.name
  visibility_timeout_seconds        = each.value.visibility
  receive_wait_time_seconds         = 20
  kms_master_key_id                 = aws_kms_key.data.arn
  kms_data_key_reuse_period_seconds = 300
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dlq[each.key].arn
    maxReceiveCount     = local.max_receive_count
  })
  tags = local.tags
}

resource "aws_sqs_queue_redrive_allow_policy" "dlq" {
  for_each  = local.queues
  queue_url = aws_sqs_queue.dlq[each.key].id
  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.main[each.key].arn]
  })
}
