"""Steps through the SDK that the business layers share: payments in a given state, the events
of a change, listings walked page by page, the event log, the sandbox's test clock and webhook
endpoints on a loopback receiver."""
