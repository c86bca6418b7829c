"""larkpay_specdiff.loading.yamlmap: YAML 1.2 scalars and a line for every key and item."""

from __future__ import annotations

import pytest
from larkpay_specdiff.errors import SpecInputError
from larkpay_specdiff.loading.yamlmap import parse_document


def test_plain_scalars_follow_yaml_1_2_core() -> None:
    data, _ = parse_document(
        "a: true\nb: 10\nc: 1.5\nd: null\ne: [NO, on, yes, 1_000, 0o17, 0x1F, 1e3, ~]\n"
        "f: '10'\ng: 2026-01-01\n200: x\n",
        "t.yaml",
    )
    assert data["a"] is True
    assert data["b"] == 10
    assert data["c"] == 1.5
    assert data["d"] is None
    assert data["e"] == ["NO", "on", "yes", "1_000", 15, 31, 1000.0, None]
    assert data["f"] == "10"
    assert data["g"] == "2026-01-01"
    assert data["200"] == "x"


def test_line_map_gives_the_line_of_keys_items_and_nearest_parent() -> None:
    text = "paths:\n  /a:\n    get:\n      tags: [x,\n        y]\n"
    data, lines = parse_document(text, "t.yaml")
    assert lines.line_of(data, ("paths", "/a", "get")) == 3
    assert lines.line_of(data, ("paths", "/a", "get", "tags", "1")) == 5
    assert lines.line_of(data, ("paths", "/a", "missing", "deeper")) == 2


def test_merge_keys_copy_the_anchored_mapping_without_overriding() -> None:
    data, _ = parse_document("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3\n", "t.yaml")
    assert data["use"] == {"x": 1, "y": 3}


def test_json_documents_parse_with_lines() -> None:
    data, lines = parse_document('{\n  "a": {\n    "b": 1\n  }\n}\n', "t.json")
    assert data == {"a": {"b": 1}}
    assert lines.line_of(data, ("a", "b")) == 3


def test_invalid_yaml_is_one_sentence_with_the_line() -> None:
    with pytest.raises(SpecInputError, match=r"^t.yaml is not valid YAML or JSON at line 3: .*\.$"):
        parse_document("a: 1\nb: [\n", "t.yaml")


def test_an_empty_document_is_refused() -> None:
    with pytest.raises(SpecInputError, match=r"t\.yaml is empty"):
        parse_document("# nothing\n", "t.yaml")
