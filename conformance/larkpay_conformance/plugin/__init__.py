"""The pytest side of the suite, imported by ``layers/conftest.py``: options, the run's
set-up (target, preflight, schema), workers, failure records and the summary."""
