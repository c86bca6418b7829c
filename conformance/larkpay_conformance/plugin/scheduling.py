"""How xdist hands tests to workers: one test at a time in collection order (longest first, see
:mod:`~larkpay_conformance.plugin.ordering`), except the webhook tests, which go to one worker
together (a receiver on a fixed --webhook-listen port can be bound by one process only)."""

from __future__ import annotations

from typing import Any

from xdist.scheduler import LoadScopeScheduling

WEBHOOK_MODULE = "test_webhooks.py"


class LayerScheduling(LoadScopeScheduling):  # type: ignore[misc]
    """Each test is its own unit of work, but all webhook tests form one."""

    def _split_scope(self, nodeid: str) -> str:
        module = nodeid.split("::", 1)[0]
        return module if module.endswith(WEBHOOK_MODULE) else nodeid


def make_scheduler(config: Any, log: Any) -> LayerScheduling | None:
    """The scheduler for ``--dist load`` (what ``larkpay conformance`` asks for)."""
    if config.getvalue("dist") != "load":
        return None
    # Keep the collection order (longest first): LoadScope would put the largest unit (the
    # webhook tests) first, beside the layers that create the most events.
    config.option.loadscopereorder = False
    return LayerScheduling(config, log)
