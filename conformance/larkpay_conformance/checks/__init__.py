"""The named checks of one exchange (envelopes, headers, object and page rules), and the
violations a transport keeps for the end of its test."""
