"""larkpay_specdiff.loading.jsonlines: lines of JSON keys and items, found on first use."""

from __future__ import annotations

import json

from larkpay_specdiff.loading.jsonlines import JsonLineMap

TEXT = '{\n  "a": {\n    "b": [1,\n      {"c": "x\\"}"}]\n  },\n  "d/e": null\n}\n'


def test_lines_of_keys_and_array_items_including_escaped_quotes() -> None:
    lines = JsonLineMap(TEXT)
    assert json.loads(TEXT)["a"]["b"][1] == {"c": 'x"}'}
    assert lines.line_of(None, ("a",)) == 2
    assert lines.line_of(None, ("a", "b")) == 3
    assert lines.line_of(None, ("a", "b", "0")) == 3
    assert lines.line_of(None, ("a", "b", "1", "c")) == 4
    assert lines.line_of(None, ("d/e",)) == 6


def test_a_missing_pointer_gives_its_nearest_parent() -> None:
    assert JsonLineMap(TEXT).line_of(None, ("a", "missing", "x")) == 2
    assert JsonLineMap(TEXT).line_of(None, ("nothing",)) == 1
