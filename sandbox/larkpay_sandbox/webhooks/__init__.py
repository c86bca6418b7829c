"""Webhook delivery: the dispatcher that sends outbox rows, signed, on a retry schedule."""
