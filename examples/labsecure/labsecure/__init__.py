"""LabSecure: a lab-results pipeline (ingest API, queue, worker, notifications, PDF reports) on labcore and boto3."""

__version__ = "0.1.0"
