"""Schemathesis hooks for a stock ``st run`` from the repository root (named by
schemathesis.toml; or SCHEMATHESIS_HOOKS=schemathesis_hooks.py from elsewhere).

Schemathesis reuses the spec's example Idempotency-Key (and a few boundary values) on many
different requests. The sandbox then answers exactly as openapi.yaml requires: 422
IDEMPOTENCY_KEY_REUSED for a different body, or a replay of an earlier response (e.g. of a
webhook endpoint deleted since), which schemathesis reports as failures. A real client sends a
fresh key per logical operation, so every *valid* key is replaced by a fresh UUID; invalid keys
are left alone, so negative testing of the header still happens. Only positive cases are
touched: editing a negative case makes schemathesis revalidate it and re-add headers it had
deliberately left out.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import MutableMapping
from typing import Any

import schemathesis

_VALID_KEY = re.compile(r"[!-~]{1,255}")


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Give every valid Idempotency-Key a fresh value, as a well-behaved client would."""
    headers = case.headers
    if not isinstance(headers, MutableMapping) or not _is_positive(case):
        return
    for name in list(headers):
        if name.lower() == "idempotency-key":
            value = headers[name]
            if isinstance(value, str) and _VALID_KEY.fullmatch(value):
                headers[name] = str(uuid.uuid4())


def _is_positive(case: Any) -> bool:
    meta = getattr(case, "meta", None)
    return meta is None or bool(meta.generation.mode.is_positive)
