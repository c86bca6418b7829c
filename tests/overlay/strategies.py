"""Hypothesis strategies shared by the overlay tests."""

from __future__ import annotations

import base64
from typing import Any

from hypothesis import strategies as st

MSG_IDS = st.from_regex(r"\Amsg_[A-Za-z0-9]{1,40}\Z")
TIMESTAMPS = st.integers(min_value=1_500_000_000, max_value=2_000_000_000)
KEYS = st.binary(min_size=16, max_size=64)
SECRETS = KEYS.map(lambda key: "whsec_" + base64.b64encode(key).decode("ascii"))
PAYLOADS = st.one_of(st.binary(max_size=2048), st.text(max_size=512))

_HEADER_NAMES = st.sampled_from(
    ["webhook-id", "Webhook-Id", "WEBHOOK-TIMESTAMP", "webhook-timestamp", "webhook-signature",
     "Webhook-Signature", "x-other", ""]
)  # fmt: skip
_JUNK_VALUES: st.SearchStrategy[Any] = st.one_of(
    st.text(max_size=80),
    st.binary(max_size=80),
    st.integers(),
    st.none(),
    st.lists(st.text(max_size=5), max_size=3),
    st.from_regex(r"\A(v1,[A-Za-z0-9+/=]{0,60} ?){0,4}\Z"),
    st.from_regex(r"\A-?[0-9]{0,20}\Z"),
    st.from_regex(r"\Av[0-9],[^ ]{0,50}\Z"),
)
JUNK_HEADERS: st.SearchStrategy[Any] = st.one_of(
    st.dictionaries(st.one_of(_HEADER_NAMES, st.text(max_size=10), st.integers()), _JUNK_VALUES),
    st.none(),
    st.text(max_size=20),
    st.lists(st.tuples(st.text(max_size=5), st.text(max_size=5)), max_size=3),
)
JUNK_PAYLOADS: st.SearchStrategy[Any] = st.one_of(
    PAYLOADS, st.none(), st.integers(), st.dictionaries(st.text(max_size=5), st.integers())
)

RETRY_AFTER_VALUES = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-10, max_value=10**6).map(str),
    st.text(max_size=40),
)
