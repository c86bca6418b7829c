"""openapi.yaml compiled once at start-up: $refs resolved, the route table, request validators."""
