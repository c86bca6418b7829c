"""``larkpay trigger EVENT_TYPE``: make an event happen through the public API, from a fixture."""
