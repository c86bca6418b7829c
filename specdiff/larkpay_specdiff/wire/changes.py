"""One raw change found by the wire comparers, before it becomes a reported finding."""

from __future__ import annotations

from dataclasses import dataclass

from larkpay_specdiff.loading.document import Address


@dataclass(frozen=True)
class Change:
    """``kind`` is the rule id, or its last part for schema changes (``became-optional``), to
    which the caller prefixes the context (``response-property``). ``name`` is what changed
    (``Payment.updated_at``); ``old``/``new`` are the values either side, as text."""

    kind: str
    base: Address
    head: Address
    name: str
    old: str = ""
    new: str = ""
    keyword: str = ""
