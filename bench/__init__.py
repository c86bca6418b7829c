"""Benchmarks of the SDK, sandbox and webhook verifier against their peers.

``python -m bench`` runs them all and rewrites ``bench/RESULTS.md``; each module also runs alone
(``python -m bench.webhook_verify``). Servers listen on 127.0.0.1 only and every loop is bounded
in count and time.
"""
