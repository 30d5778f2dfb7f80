"""The pure core: status machine, release rules, identifiers, formats, messages. Nothing here imports boto3."""
