"""The SDK-surface diff: the client generated from each side, compared as Python API."""
