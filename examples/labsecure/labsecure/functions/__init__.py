"""Lambda handlers (ingest, notify, report): parse the event, call the domain and the stores, answer."""
