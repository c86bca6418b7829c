"""The reference page's fragments: escaped mini-Markdown, $ref chains, type labels,
constraints, field tables and examples."""

from __future__ import annotations

from typing import Any

from larkpay_sandbox.docs.fragments import (
    constraints,
    example_block,
    fields_of,
    inline,
    paragraphs,
    resolve,
    type_label,
)

SPEC: dict[str, Any] = {
    "components": {
        "schemas": {
            "Id": {"type": "string", "pattern": "^pay_[A-Za-z0-9]+$"},
            "Alias": {"$ref": "#/components/schemas/Id"},
            "Base": {"type": "object", "required": ["id"], "properties": {"id": {}}},
            "Payment": {
                "allOf": [{"$ref": "#/components/schemas/Base"}],
                "required": ["amount"],
                "properties": {"amount": {"type": "integer", "minimum": 1}, "note": {}},
            },
        },
        "examples": {"One": {"value": {"a": 1}}},
    }
}


def test_inline_escapes_before_it_renders_code_and_bold() -> None:
    assert inline("use `a<b>` **now** & <script>") == (
        "use <code>a&lt;b&gt;</code> <strong>now</strong> &amp; &lt;script&gt;"
    )


def test_paragraphs_render_prose_bullets_and_pipe_tables() -> None:
    text = "First line\njoined.\n\n- one\n- `two`\n\n| a | b |\n| --- | --- |\n| 1 | 2 |"
    assert paragraphs(text) == (
        "<p>First line joined.</p><ul><li>one</li><li><code>two</code></li></ul>"
        '<table class="prose"><thead><tr><th>a</th><th>b</th></tr></thead>'
        "<tbody><tr><td>1</td><td>2</td></tr></tbody></table>"
    )
    assert paragraphs(None) == ""


def test_resolve_follows_a_chain_and_a_broken_ref_is_an_empty_node() -> None:
    assert resolve(SPEC, {"$ref": "#/components/schemas/Alias"})["pattern"].startswith("^pay_")
    assert resolve(SPEC, {"$ref": "#/components/schemas/Missing"}) == {}
    assert resolve(SPEC, {"$ref": "other.yaml#/x"}) == {}
    looped = {"a": {"$ref": "#/a"}}
    assert resolve(looped, {"$ref": "#/a"}) == {"$ref": "#/a"}  # gives up after the hop limit


def test_type_label_names_refs_arrays_unions_and_constants() -> None:
    assert type_label(SPEC, {"$ref": "#/components/schemas/Id"}) == "string (Id)"
    assert type_label(SPEC, {"$ref": "#/components/schemas/Payment"}) == "Payment"
    assert type_label(SPEC, {"type": "array", "items": {"$ref": "#/components/schemas/Base"}}) == (
        "array of Base"
    )
    assert type_label(SPEC, {"oneOf": [{"type": "string"}, {"type": "null"}]}) == "string | null"
    assert type_label(SPEC, {"type": ["integer", "null"]}) == "integer | null"
    assert type_label(SPEC, {"const": "x"}) == "constant"
    assert type_label(SPEC, "odd") == "any"


def test_constraints_are_read_through_refs() -> None:
    assert constraints(SPEC, {"$ref": "#/components/schemas/Alias"}) == [
        "pattern ^pay_[A-Za-z0-9]+$"
    ]
    assert constraints(SPEC, {"enum": ["a", "b"], "default": "a", "maxLength": 3}) == [
        'one of "a", "b"',
        "max length 3",
        'default "a"',
    ]


def test_fields_of_merges_all_of_parts_with_their_own_required() -> None:
    found = [
        (name, needed)
        for name, _, needed in fields_of(SPEC, SPEC["components"]["schemas"]["Payment"])
    ]
    assert found == [("id", True), ("amount", True), ("note", False)]


def test_example_block_takes_the_example_or_the_first_of_examples() -> None:
    direct = example_block(SPEC, {"example": {"k": "<v>"}}, "Example")
    assert direct.startswith("<details><summary>Example</summary><pre>")
    assert "&lt;v&gt;" in direct
    by_ref = example_block(SPEC, {"examples": {"x": {"$ref": "#/components/examples/One"}}}, "E")
    assert "&quot;a&quot;: 1" in by_ref
    assert example_block(SPEC, {"schema": {}}, "E") == ""
