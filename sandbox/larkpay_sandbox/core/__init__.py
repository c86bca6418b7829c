"""What every layer of the sandbox uses: settings, the clock, ids, JSON envelopes, the API error.

Modules here import nothing else of the sandbox.
"""
