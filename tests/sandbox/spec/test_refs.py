"""The one $ref resolver: one reference followed, or every reference inlined."""

from __future__ import annotations

import pytest
from larkpay_sandbox.spec.refs import follow, ref_target, resolve_refs


def test_ref_target_follows_a_json_pointer_with_escapes() -> None:
    document = {"components": {"schemas": {"a/b~c": {"type": "string"}}}}
    assert ref_target(document, "#/components/schemas/a~1b~0c") == {"type": "string"}


def test_ref_target_refuses_external_refs_and_refs_to_nothing() -> None:
    with pytest.raises(ValueError, match="internal"):
        ref_target({}, "other.yaml#/x")
    with pytest.raises(LookupError):
        ref_target({"a": {}}, "#/a/missing")
    with pytest.raises(LookupError):
        ref_target({"a": [1]}, "#/a/1")
    with pytest.raises(LookupError):
        ref_target({"a": [1]}, "#/a/x")
    with pytest.raises(LookupError):
        ref_target({"a": 1}, "#/a/0")


def test_ref_target_follows_array_indices() -> None:
    document = {"paths": {"/p": {"parameters": [{"name": "a"}, {"name": "b"}]}}}
    assert ref_target(document, "#/paths/~1p/parameters/1") == {"name": "b"}


def test_resolve_refs_gives_each_place_its_own_copy() -> None:
    document = {
        "a": {"$ref": "#/components/schemas/X"},
        "b": {"$ref": "#/components/schemas/X"},
        "c": {"$ref": "#/a"},
        "components": {"schemas": {"X": {"type": "object", "required": ["id"]}}},
    }
    resolved = resolve_refs(document)
    resolved["a"]["required"].append("name")
    assert resolved["b"] == {"type": "object", "required": ["id"]}
    assert resolved["c"] == {"type": "object", "required": ["id"]}
    assert document["components"]["schemas"]["X"]["required"] == ["id"]


def test_resolve_refs_inlines_internal_refs_and_keeps_siblings() -> None:
    document = {
        "a": {"$ref": "#/components/schemas/X", "description": "d"},
        "components": {"schemas": {"X": {"type": "string"}}},
    }
    assert resolve_refs(document)["a"] == {"type": "string", "description": "d"}


def test_resolve_refs_refuses_external_and_recursive_refs() -> None:
    with pytest.raises(ValueError, match="internal"):
        resolve_refs({"a": {"$ref": "other.yaml#/x"}})
    with pytest.raises(ValueError, match="recursive"):
        resolve_refs({"a": {"$ref": "#/a"}})


def test_follow_takes_a_chain_and_forgives_what_ref_target_refuses() -> None:
    document = {"a": {"$ref": "#/b"}, "b": {"$ref": "#/c"}, "c": {"type": "string"}}
    assert follow(document, {"$ref": "#/a"}) == {"type": "string"}
    assert follow(document, {"type": "integer"}) == {"type": "integer"}
    assert follow(document, {"$ref": "#/missing"}) == {}
    assert follow(document, {"$ref": "other.yaml#/x"}) == {}
    looped = {"a": {"$ref": "#/a"}}
    assert follow(looped, {"$ref": "#/a"}) == {"$ref": "#/a"}
