"""HTML fragments of the API reference page: escaped mini-Markdown, $refs, schema tables.

Everything taken from the spec is HTML-escaped before any markup is added, so a spec can never
inject markup into the page.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

from larkpay_sandbox.spec.refs import follow

_CODE = re.compile(r"`([^`]+)`")
_BOLD = re.compile(r"\*\*([^*]+)\*\*")


def esc(value: object) -> str:
    """HTML-escape any value (quotes included, so it is safe inside attributes too)."""
    return html.escape(str(value), quote=True)


def inline(text: object) -> str:
    """Escape ``text``, then render `code` and **bold** spans."""
    escaped = esc(text)
    return _BOLD.sub(r"<strong>\1</strong>", _CODE.sub(r"<code>\1</code>", escaped))


def paragraphs(text: object) -> str:
    """Render Markdown-ish prose: paragraphs, ``- `` bullet lists and ``|`` pipe tables."""
    if not text:
        return ""
    html_parts: list[str] = []
    for block in re.split(r"\n\s*\n", str(text)):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("|") for line in lines):
            html_parts.append(_pipe_table(lines))
        elif all(line.startswith(("- ", "* ")) for line in lines):
            items = "".join(f"<li>{inline(line[2:])}</li>" for line in lines)
            html_parts.append(f"<ul>{items}</ul>")
        else:
            html_parts.append(f"<p>{inline(' '.join(' '.join(lines).split()))}</p>")
    return "".join(html_parts)


def _pipe_table(lines: list[str]) -> str:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in lines]
    rows = [r for r in rows if not all(set(cell) <= set("-: ") for cell in r)]
    if not rows:
        return ""
    head = "".join(f"<th>{inline(cell)}</th>" for cell in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{inline(cell)}</td>" for cell in row) + "</tr>" for row in rows[1:]
    )
    return f'<table class="prose"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` if it is a mapping, else an empty one (the renderer tolerates odd specs)."""
    return value if isinstance(value, dict) else {}


def as_list(value: Any) -> list[Any]:
    """``value`` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def ref_name(node: Any) -> str | None:
    """The last segment of a ``$ref`` (``#/components/schemas/Payment`` -> ``Payment``)."""
    if isinstance(node, dict) and isinstance(node.get("$ref"), str):
        return str(node["$ref"]).rsplit("/", 1)[-1]
    return None


def resolve(spec: dict[str, Any], node: Any) -> Any:
    """Follow an internal ``$ref`` chain to its target node (:func:`spec.refs.follow`): a
    reference that names nothing, or leaves the document, resolves to an empty node."""
    return follow(spec, node)


def type_label(spec: dict[str, Any], schema: Any) -> str:
    """A short human type: ``Payment``, ``string | null``, ``array of Refund``, ``enum``..."""
    name = ref_name(schema)
    if name is not None:
        target = resolve(spec, schema)
        kind = target.get("type") if isinstance(target, dict) else None
        if isinstance(kind, str) and kind in {"string", "integer", "number"}:
            return f"{kind} ({name})"
        return name
    if not isinstance(schema, dict):
        return "any"
    for combinator in ("oneOf", "anyOf", "allOf"):
        if isinstance(schema.get(combinator), list):
            joiner = " & " if combinator == "allOf" else " | "
            return joiner.join(type_label(spec, s) for s in schema[combinator])
    kind = schema.get("type")
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    if kind == "array":
        return f"array of {type_label(spec, schema.get('items', {}))}"
    if kind is None and "const" in schema:
        return "constant"
    return str(kind) if kind else "any"


def constraints(spec: dict[str, Any], schema: Any) -> list[str]:
    """Readable constraints of a schema: enum, const, bounds, lengths, pattern, default."""
    node = resolve(spec, schema)
    if not isinstance(node, dict):
        return []
    notes: list[str] = []
    if "const" in node:
        notes.append(f"always {json.dumps(node['const'])}")
    if isinstance(node.get("enum"), list):
        notes.append("one of " + ", ".join(json.dumps(v) for v in node["enum"]))
    for key, label in (
        ("minimum", "min"),
        ("maximum", "max"),
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minItems", "min items"),
        ("maxItems", "max items"),
        ("maxProperties", "max keys"),
        ("minProperties", "min keys"),
    ):
        if key in node:
            notes.append(f"{label} {node[key]}")
    if "pattern" in node:
        notes.append(f"pattern {node['pattern']}")
    if "default" in node:
        notes.append(f"default {json.dumps(node['default'])}")
    return notes


def fields_of(spec: dict[str, Any], schema: Any) -> list[tuple[str, Any, bool]]:
    """The (name, schema, required) fields of an object schema, merging allOf parts."""
    node = resolve(spec, schema)
    if not isinstance(node, dict):
        return []
    found: list[tuple[str, Any, bool]] = []
    for part in node.get("allOf", []) if isinstance(node.get("allOf"), list) else []:
        found.extend(fields_of(spec, part))
    names = {str(n) for n in as_list(node.get("required")) if isinstance(n, str | int)}
    properties = node.get("properties", {})
    if isinstance(properties, dict):
        found.extend((name, sub, name in names) for name, sub in properties.items())
    return found


def fields(spec: dict[str, Any], schema: Any) -> str:
    """A table of the fields of an object schema (empty string when it has none)."""
    rows = "".join(
        f"<tr><td><code>{esc(name)}</code></td><td>{type_cell(spec, sub)}</td>"
        f"<td>{required(needed)}</td><td>{describe(spec, sub, None)}</td></tr>"
        for name, sub, needed in fields_of(spec, schema)
    )
    return table(("Field", "Type", "Required", "Description"), rows) if rows else ""


def type_cell(spec: dict[str, Any], schema: Any) -> str:
    """The type of a schema, linked to its entry in the Schemas section when it is a $ref."""
    name = ref_name(schema)
    label = esc(type_label(spec, schema))
    if name is not None:
        return f'<a class="type" href="#schema-{esc(name)}">{label}</a>'
    return f'<span class="type">{label}</span>'


def describe(spec: dict[str, Any], schema: Any, description: Any) -> str:
    """A description (the given one, else the schema's) followed by the constraints."""
    node = resolve(spec, schema)
    text = description or (schema.get("description") if isinstance(schema, dict) else None)
    if not text and isinstance(node, dict):
        text = node.get("description")
    notes = constraints(spec, schema)
    extra = f'<div class="constraints">{esc("; ".join(notes))}</div>' if notes else ""
    return paragraphs(text) + extra


def required(value: Any) -> str:
    """The Required cell."""
    return '<span class="req">required</span>' if value else "optional"


def table(headings: tuple[str, ...], rows: str) -> str:
    """A table with the given headings around ready-made rows."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headings)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def example_block(spec: dict[str, Any], content: Any, title: str) -> str:
    """A collapsible, pretty-printed JSON example of a media type (``example`` or the first of
    ``examples``), or an empty string when it has none."""
    media = as_dict(content)
    if "example" in media:
        value = media["example"]
    else:
        first = next(iter(as_dict(media.get("examples")).values()), None)
        found = as_dict(resolve(spec, first))
        if "value" not in found:
            return ""
        value = found["value"]
    try:
        text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    except ValueError:  # a circular structure from a hand-made spec
        return ""
    return f"<details><summary>{esc(title)}</summary><pre>{esc(text)}</pre></details>"
