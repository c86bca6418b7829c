"""How xdist hands tests to workers: one test at a time in collection order (longest first, see
:mod:`~larkpay_conformance.plugin.ordering`), except the tests with a webhook receiver (the
webhook and clock layers), which go to one worker together, one module after the other (a
receiver on a fixed --webhook-listen port can be bound by one process only)."""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling

RECEIVER_MODULES = ("test_webhooks.py", "test_clock.py", "test_endpoint_health.py")
RECEIVER_SCOPE = "webhook receiver"


class LayerScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """Each test is its own unit of work, but all the tests with a receiver form one."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return RECEIVER_SCOPE if module.endswith(RECEIVER_MODULES) else nodeid


def make_scheduler(config: Any, log: Any) -> LayerScheduling | None:
    """The scheduler for ``--dist load`` (what ``larkpay conformance`` asks for)."""
    if config.getvalue("dist") != "load":
        return None
    # Keep the collection order (longest first, the receiver tests last): LoadScope would put
    # the largest unit (the receiver tests) first, beside the layers that create most events.
    config.option.loadscopereorder = False
    return LayerScheduling(config, log)
