"""Rule violations a business layer's transport saw, kept until its test ends.

The object and page rules run on every exchange of every layer; in the business layers they do
not stop the test at once, so the test's own checks still get to name what they see, and the
test's failure record lists both. A test that passes with a violation kept here fails at its
end with it (see :mod:`larkpay_conformance.plugin.outcomes`).
"""

from __future__ import annotations

import threading

from larkpay_conformance.checks.exchange import CheckFailedError

_lock = threading.Lock()
_kept: list[CheckFailedError] = []
#: one violation per check is enough to name it
_MAX_PER_CHECK = 1


def keep(violation: CheckFailedError) -> None:
    """Keep a violation for the end of the current test."""
    with _lock:
        if sum(v.check == violation.check for v in _kept) < _MAX_PER_CHECK:
            _kept.append(violation)


def take() -> list[CheckFailedError]:
    """The violations kept since the last call (and forget them)."""
    with _lock:
        kept = list(_kept)
        _kept.clear()
        return kept
