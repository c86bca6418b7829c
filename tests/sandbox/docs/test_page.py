"""The API reference page renderer: every operation, tag, event and schema, escaped text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from larkpay_sandbox.docs.page import render_reference_html

SPEC_PATH = Path(__file__).resolve().parents[3] / "openapi.yaml"
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    loaded = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="module")
def page(spec: dict[str, Any]) -> str:
    return render_reference_html(spec)


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = []
    for section in ("paths", "webhooks"):
        for path, item in (spec.get(section) or {}).items():
            for method in METHODS:
                if method in item:
                    found.append((method, path, item[method]))
    return found


def test_every_operation_of_the_spec_has_its_own_anchored_entry(
    spec: dict[str, Any], page: str
) -> None:
    ops = operations(spec)
    assert len(ops) >= 24
    for method, path, op in ops:
        anchor = f'<article class="op" id="op-{op["operationId"]}">'
        match = re.search(rf"{re.escape(anchor)}(.*?)</article>", page, re.S)
        assert match, op["operationId"]
        entry = match.group(1)
        assert f">{method.upper()}</span>" in entry
        assert f'<code class="path">{path}</code>' in entry
        assert op["summary"] in entry.replace("&#x27;", "'")


def test_every_tag_has_a_section_with_its_description(spec: dict[str, Any], page: str) -> None:
    for tag in spec["tags"]:
        assert f'id="tag-{tag["name"]}"' in page
        first_words = " ".join(tag["description"].split()[:2])
        assert first_words in page


def test_create_payment_lists_body_fields_parameters_and_every_status(page: str) -> None:
    entry = page.split('id="op-createPayment"')[1].split("</article>")[0]
    for field in ("amount", "currency", "source", "description", "metadata"):
        assert f"<code>{field}</code>" in entry
    assert "<code>Idempotency-Key</code>" in entry
    for status in ("201", "400", "401", "402", "409", "413", "415", "422", "429", "500", "503"):
        assert f">{status}</span>" in entry
    assert "test_insufficient_funds" in entry  # the scenario table of `source`
    assert "<summary>Example request</summary>" in entry
    assert "&quot;amount&quot;: 2500" in entry
    assert "<summary>Example response</summary>" in entry


def test_webhook_events_show_signature_headers_and_payload_fields(page: str) -> None:
    entry = page.split('id="op-onPaymentCreated"')[1].split("</article>")[0]
    for header in ("webhook-id", "webhook-timestamp", "webhook-signature"):
        assert f"<code>{header}</code>" in entry
    for field in ("id", "object", "event", "timestamp", "data"):
        assert f"<code>{field}</code>" in entry


def test_every_component_schema_is_documented(spec: dict[str, Any], page: str) -> None:
    for name in spec["components"]["schemas"]:
        assert f'id="schema-{name}"' in page


def test_page_loads_nothing_from_anywhere(page: str) -> None:
    assert "<script" not in page
    assert " src=" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert "url(" not in page
    assert set(re.findall(r'href="(.)', page)) == {"#"}


def test_text_from_the_spec_is_escaped() -> None:
    hostile = {
        "openapi": "3.1.0",
        "info": {"title": "<script>alert(1)</script>", "version": '1"><b>'},
        "tags": [{"name": 'x"><img src=x>', "description": "**<i>bold</i>** `<code>`"}],
        "paths": {
            "/a/<b>": {
                "get": {
                    "operationId": 'op" onclick="alert(1)',
                    "tags": ['x"><img src=x>'],
                    "summary": "<iframe>",
                    "description": "| <td> | `x` |\n| --- | --- |\n| <tr> | y |",
                    "parameters": [{"name": "<p>", "in": "query", "schema": {"enum": ["<z>"]}}],
                    "responses": {"200": {"description": "<marquee>"}},
                }
            }
        },
    }
    html = render_reference_html(hostile)
    for raw in ("<script>alert", "<img", "<iframe>", "<marquee>", "<p>&", "<i>", '" onclick'):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>&lt;i&gt;bold&lt;/i&gt;</strong>" in html
    assert "<code>&lt;code&gt;</code>" in html


JSON_LEAF = st.none() | st.booleans() | st.integers() | st.text(max_size=8)
JSON = st.recursive(
    JSON_LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
KEYS = st.sampled_from(
    [
        "paths",
        "webhooks",
        "tags",
        "info",
        "servers",
        "components",
        "get",
        "post",
        "parameters",
        "requestBody",
        "responses",
        "schema",
        "content",
        "properties",
        "$ref",
        "type",
        "items",
        "oneOf",
        "allOf",
        "required",
        "description",
        "enum",
        "security",
    ]
)
SPECISH = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(SPECISH | JSON)
def test_renderer_never_crashes_on_malformed_specs(document: Any) -> None:
    spec = document if isinstance(document, dict) else {"paths": document}
    html = render_reference_html(spec)
    assert html.startswith("<!doctype html>")
