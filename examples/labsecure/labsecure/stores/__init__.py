"""Adapters: the only code that reads or writes LabSecure's data in AWS (S3 objects, DynamoDB tables)."""
