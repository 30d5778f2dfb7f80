# The worker service: `python -m labsecure.worker` under systemd on instances in private subnets. systemd's
# stop sends SIGTERM, on which the worker finishes its in-flight messages (TimeoutStopSec covers one long poll
# plus the work in hand); the auto scaling group replaces an instance that dies, and SQS redelivers its messages.

resource "aws_iam_instance_profile" "worker" {
  name = "${var.prefix}-worker"
  role = aws_iam_role.app["worker"].name
}

resource "aws_launch_template" "worker" {
  name_prefix   = "${var.prefix}-worker-"
  image_id      = var.worker_ami_id
  instance_type = var.worker_instance_type
  iam_instance_profile {
    arn = aws_iam_instance_profile.worker.arn
  }
  vpc_security_group_ids = [aws_security_group.app.id]
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    http_endpoint               = "enabled"
  }
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted   = true
      kms_key_id  = aws_kms_key.data.arn
      volume_size = 16
      volume_type = "gp3"
    }
  }
  monitoring {
    enabled = true
  }
  user_data = base64encode(templatefile("${path.module}/worker-unit.sh.tftpl", {
    environment = merge(local.app_environment, { AWS_DEFAULT_REGION = local.region, POWERTOOLS_SERVICE_NAME = "labsecure-worker" })
  }))
  tag_specifications {
    resource_type = "instance"
    tags          = local.tags
  }
}

resource "aws_autoscaling_group" "worker" {
  name                = "${var.prefix}-worker"
  min_size            = var.worker_count
  max_size            = var.worker_count * 2
  desired_capacity    = var.worker_count
  vpc_zone_identifier = var.private_subnet_ids
  health_check_type   = "EC2"
  launch_template {
    id      = aws_launch_template.worker.id
    version = "$Latest"
  }
  tag {
    key                 = "application"
    value               = "labsecure"
    propagate_at_launch = true
  }
}
