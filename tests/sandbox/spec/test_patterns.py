"""Patterns read as ECMA-262 reads them: a final $ matches only at the very end."""

from __future__ import annotations

import re

import pytest
from larkpay_sandbox.spec.patterns import as_written, ecma_end_anchor
from larkpay_sandbox.spec.routes import Spec


@pytest.mark.parametrize(
    ("pattern", "strict"),
    [
        ("^pay_[A-Za-z0-9]{1,64}$", "^pay_[A-Za-z0-9]{1,64}\\Z"),
        ("^a\\$", "^a\\$"),
        ("^a\\\\$", "^a\\\\\\Z"),
        ("^a", "^a"),
    ],
)
def test_ecma_end_anchor_rewrites_only_a_final_unescaped_dollar(pattern: str, strict: str) -> None:
    assert ecma_end_anchor(pattern) == strict


def test_spec_patterns_refuse_a_trailing_newline_like_ecma_262() -> None:
    spec = Spec.load()
    payment_id = spec.resolved["components"]["schemas"]["PaymentIdString"]["pattern"]
    assert re.search(payment_id, "pay_abc")
    assert not re.search(payment_id, "pay_abc\n")


def test_as_written_shows_a_strict_pattern_as_the_spec_has_it() -> None:
    for pattern in ("^pay_[A-Za-z0-9]{1,64}$", "^a\\$", "^a"):
        assert as_written(ecma_end_anchor(pattern)) == pattern
