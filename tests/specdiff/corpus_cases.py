"""Reading the spec-diff corpus (tests/specdiff/corpus/*.yaml) into runnable cases.

Each case expects exact findings: rule id and JSON pointer on both sides. ``schemas.yaml``
describes the schema changes once; each is expanded into every context where a client
writes or reads a schema (a query parameter, a request body field, a response header, a
response body field, a webhook payload field), with pointers relative to that schema.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from larkpay_specdiff.rules import RULES

CORPUS = Path(__file__).resolve().parent / "corpus"
_DEFAULTS = {"openapi": "3.1.0", "info": {"title": "corpus", "version": "1.0.0"}}
KINDS = ("trigger", "near-miss", "equivalent")


@dataclass(frozen=True)
class Expected:
    """One finding: its rule and the JSON pointer of the change on each side."""

    rule: str
    base: str
    head: str


@dataclass(frozen=True)
class Case:
    """One spec pair and the exact findings its diff reports.

    ``kind``: a ``trigger`` reports the rule it ``covers``; a ``near-miss`` is a neighbouring
    change that must report something else (or nothing, for the reason in ``why``); an
    ``equivalent`` rewrites the base without changing its meaning and reports nothing."""

    group: str
    name: str
    kind: str
    covers: str
    why: str
    expect: tuple[Expected, ...]
    base_text: str
    head_text: str
    head_suffix: str

    @property
    def rules(self) -> tuple[str, ...]:
        """The expected rule ids, sorted."""
        return tuple(sorted(e.rule for e in self.expect))


def _text(side: dict[str, Any] | None, verbatim: str | None, as_json: bool = False) -> str:
    if verbatim is not None:
        return verbatim
    document = {**_DEFAULTS, **(side or {})}
    if as_json:
        return json.dumps(document, indent=2)
    return yaml.safe_dump(document, sort_keys=False)


def _expected(raw: dict[str, Any], prefix: str = "") -> Expected:
    at = raw.get("at")
    base, head = (raw.get("base", at), raw.get("head", at))
    if base is None or head is None:
        raise ValueError(f"expectation {raw} needs `at`, or `base` and `head`")
    return Expected(raw["rule"], prefix + base, prefix + head)


def _case(group: str, raw: dict[str, Any]) -> Case:
    as_json = raw.get("head_format") == "json"
    return Case(
        group=group,
        name=raw["name"],
        kind=raw["kind"],
        covers=raw.get("covers", ""),
        why=raw.get("why", ""),
        expect=tuple(_expected(e) for e in raw.get("expect") or []),
        base_text=_text(raw.get("base"), raw.get("base_text")),
        head_text=_text(raw.get("head"), raw.get("head_text"), as_json),
        head_suffix=".json" if as_json else ".yaml",
    )


# Where a schema sits in each context: (the spec around schema `s`, pointer of `s`).
def _query_parameter(s: Any) -> dict[str, Any]:
    parameter = {"name": "p", "in": "query", "schema": s}
    operation = {"operationId": "listItems", "parameters": [parameter],
                 "responses": {"200": {"description": "ok"}}}  # fmt: skip
    return {"paths": {"/items": {"get": operation}}}


def _body(s: Any) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": {"type": "object", "properties": {"p": s}}}}}


def _request_property(s: Any) -> dict[str, Any]:
    operation = {"operationId": "createItem", "requestBody": _body(s),
                 "responses": {"201": {"description": "ok"}}}  # fmt: skip
    return {"paths": {"/items": {"post": operation}}}


def _response_header(s: Any) -> dict[str, Any]:
    response = {"description": "ok", "headers": {"X-P": {"schema": s}}}
    return {"paths": {"/items": {"get": {"operationId": "listItems",
                                         "responses": {"200": response}}}}}  # fmt: skip


def _response_property(s: Any) -> dict[str, Any]:
    response = {"description": "ok", **_body(s)}
    return {"paths": {"/items": {"get": {"operationId": "listItems",
                                         "responses": {"200": response}}}}}  # fmt: skip


def _webhook_property(s: Any) -> dict[str, Any]:
    operation = {"requestBody": _body(s), "responses": {"200": {"description": "ok"}}}
    return {"webhooks": {"item.created": {"post": operation}}}


CONTEXTS: dict[str, tuple[Callable[[Any], dict[str, Any]], str]] = {
    "request-parameter": (_query_parameter, "/paths/~1items/get/parameters/0/schema"),
    "request-property": (
        _request_property,
        "/paths/~1items/post/requestBody/content/application~1json/schema/properties/p",
    ),
    "response-header": (_response_header, "/paths/~1items/get/responses/200/headers/X-P/schema"),
    "response-property": (
        _response_property,
        "/paths/~1items/get/responses/200/content/application~1json/schema/properties/p",
    ),
    "webhook-property": (
        _webhook_property,
        "/webhooks/item.created/post/requestBody/content/application~1json/schema/properties/p",
    ),
}


def _schema_cases(changes: list[dict[str, Any]]) -> Iterator[Case]:
    """Each change of schemas.yaml in each context: its triggers (which report it), its
    near-miss (which reports ``expect`` instead) and its equivalent rewrites (nothing)."""
    for entry in changes:
        change = entry["change"]
        variants = [("trigger", t) for t in entry["triggers"]]
        variants += [("near-miss", entry["near-miss"])]
        variants += [("equivalent", e) for e in entry.get("equivalent", [])]
        for context, (wrap, prefix) in CONTEXTS.items():
            rule = f"{context}-{change}"
            if rule not in RULES:
                continue  # a default matters only where the client writes the value
            for kind, raw in variants:
                reported = change if kind == "trigger" else raw.get("expect")
                base_at, head_at = raw.get("at", ["", ""])
                expect = (
                    (Expected(f"{context}-{reported}", prefix + base_at, prefix + head_at),)
                    if reported
                    else ()
                )
                label = {"trigger": "", "near-miss": "-near-miss", "equivalent": "-same"}[kind]
                yield Case(
                    group="schemas",
                    name=f"{rule}{label}" + (f"-{raw['label']}" if "label" in raw else ""),
                    kind=kind,
                    covers=rule,
                    why=raw.get("why", ""),
                    expect=expect,
                    base_text=_text(wrap(raw["base"]), None),
                    head_text=_text(wrap(raw["head"]), None),
                    head_suffix=".yaml",
                )


def load_cases() -> list[Case]:
    """Every case of every corpus file, in file order."""
    cases: list[Case] = []
    for path in sorted(CORPUS.glob("*.yaml")):
        data = yaml.safe_load(path.read_text())
        if "changes" in data:
            cases += _schema_cases(data["changes"])
        else:
            cases += [_case(path.stem, raw) for raw in data["cases"]]
    return cases
