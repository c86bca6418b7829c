"""Numeric bounds of a schema (``maximum``, ``maxLength``... and the exclusive forms of OpenAPI
3.0 and 3.1), read as (value, exclusive) pairs, and their order."""

from __future__ import annotations

from typing import Any

from larkpay_specdiff.loading.document import Address

MAX_KEYWORDS = ("maximum", "maxLength", "maxItems", "maxProperties")
MIN_KEYWORDS = ("minimum", "minLength", "minItems", "minProperties")

Bound = tuple[float, bool]
"""A bound's value and whether it is exclusive."""


def read_bounds(node: dict[str, Any], at: Any) -> tuple[dict[str, Bound], dict[str, Address]]:
    """The bounds of ``node`` by keyword (``maximum`` holds ``exclusiveMaximum`` too), and
    where each is written (``at(keyword)`` gives an address)."""
    bounds: dict[str, Bound] = {}
    places: dict[str, Address] = {}
    for keyword in (*MAX_KEYWORDS, *MIN_KEYWORDS):
        value = node.get(keyword)
        if isinstance(value, int | float) and not isinstance(value, bool):
            exclusive = f"exclusive{keyword[0].upper()}{keyword[1:]}"
            bounds[keyword] = (float(value), node.get(exclusive) is True)
            places[keyword] = at(keyword)
    for keyword in ("maximum", "minimum"):
        exclusive = f"exclusive{keyword[0].upper()}{keyword[1:]}"
        value = node.get(exclusive)
        if isinstance(value, int | float) and not isinstance(value, bool):
            current = bounds.get(keyword)
            if current is None or tighter(keyword, (float(value), True), current):
                bounds[keyword] = (float(value), True)
                places[keyword] = at(exclusive)
    return bounds, places


def tighter(keyword: str, new: Bound, old: Bound) -> bool:
    """Whether bound ``new`` allows strictly less than ``old`` (same keyword)."""
    if new[0] != old[0]:
        return new[0] < old[0] if keyword in MAX_KEYWORDS else new[0] > old[0]
    return new[1] and not old[1]
