"""The API reference page at ``GET /docs``, rendered on the server from the spec."""
