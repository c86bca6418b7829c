"""The background workers: the settler and the webhook dispatcher."""
