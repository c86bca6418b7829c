"""The API reference page, rendered from the spec document (with its ``$ref``\\ s) as HTML."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from larkpay_sandbox.docs.fragments import (
    as_dict,
    as_list,
    constraints,
    describe,
    esc,
    example_block,
    fields,
    inline,
    paragraphs,
    required,
    resolve,
    table,
    type_cell,
    type_label,
)
from larkpay_sandbox.spec.document import HTTP_METHODS

ASSETS_DIR = Path(__file__).resolve().parent / "assets"


def render_reference_html(spec: dict[str, Any]) -> str:
    """Render the whole reference (overview, operations by tag, webhooks, schemas) as HTML."""
    info = as_dict(spec.get("info"))
    title = f"{info.get('title', 'API')} {info.get('version', '')}".strip()
    operations = list(_operations(spec))
    css = (ASSETS_DIR / "reference.css").read_text(encoding="utf-8")
    body = [
        _overview(spec),
        *(_tag_section(spec, tag, ops) for tag, ops in _by_tag(spec, operations)),
        _webhooks_section(spec),
        _schemas_section(spec),
    ]
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} - API reference</title><style>{css}</style></head><body>"
        f'<nav class="sidebar">{_nav(spec, operations, title)}</nav>'
        f"<main>{''.join(body)}</main></body></html>"
    )


Operation = tuple[str, str, dict[str, Any], list[Any]]  # method, path, operation, path params


def _operations(spec: dict[str, Any]) -> Iterable[Operation]:
    for path, raw in as_dict(spec.get("paths")).items():
        item = as_dict(resolve(spec, raw))
        shared = as_list(item.get("parameters"))
        for method in HTTP_METHODS:
            if isinstance(item.get(method), dict):
                yield method, str(path), item[method], shared


def _by_tag(spec: dict[str, Any], ops: list[Operation]) -> list[tuple[dict[str, Any], list[Any]]]:
    tags = [t for t in as_list(spec.get("tags")) if isinstance(t, dict)]
    known = {str(t.get("name")) for t in tags}
    extra = sorted({_first_tag(op[2]) for op in ops} - known)
    tags += [{"name": name} for name in extra]
    grouped = []
    for tag in tags:
        name = str(tag.get("name"))
        members = [op for op in ops if _first_tag(op[2]) == name]
        if members:
            grouped.append((tag, members))
    return grouped


def _nav(spec: dict[str, Any], ops: list[Operation], title: str) -> str:
    parts = [f'<a class="brand" href="#overview">{esc(title)}</a><ul>']
    for tag, members in _by_tag(spec, ops):
        parts.append(
            f'<li class="navtag"><a href="#tag-{esc(tag["name"])}">{_title(tag["name"])}</a><ul>'
        )
        for method, _path, op, _ in members:
            parts.append(
                f'<li><a href="#op-{esc(op.get("operationId", ""))}">'
                f'<span class="m m-{esc(method)}">{esc(method.upper())}</span>'
                f"{esc(op.get('summary') or op.get('operationId', ''))}</a></li>"
            )
        parts.append("</ul></li>")
    parts.append('<li class="navtag"><a href="#webhooks">Webhooks</a><ul>')
    for name, item in as_dict(spec.get("webhooks")).items():
        for method in HTTP_METHODS:
            op = as_dict(resolve(spec, item)).get(method)
            if isinstance(op, dict):
                parts.append(
                    f'<li><a href="#op-{esc(op.get("operationId", ""))}">'
                    f'<span class="m m-{esc(method)}">{esc(method.upper())}</span>'
                    f"{esc(name)}</a></li>"
                )
    parts.append("</ul></li>")
    parts.append('<li class="navtag"><a href="#schemas">Schemas</a></li></ul>')
    return "".join(parts)


def _overview(spec: dict[str, Any]) -> str:
    info = as_dict(spec.get("info"))
    servers = "".join(
        f"<tr><td><code>{esc(s.get('url', ''))}</code></td>"
        f"<td>{inline(s.get('description', ''))}</td></tr>"
        for s in as_list(spec.get("servers"))
        if isinstance(s, dict)
    )
    schemes = as_dict(as_dict(spec.get("components")).get("securitySchemes"))
    auth = "".join(
        f"<tr><td><code>{esc(name)}</code></td><td>{esc(s.get('type', ''))} "
        f"{esc(s.get('scheme', ''))}</td><td>{paragraphs(s.get('description', ''))}</td></tr>"
        for name, s in schemes.items()
        if isinstance(s, dict)
    )
    return (
        f'<section id="overview"><h1>{esc(info.get("title", "API"))} '
        f'<span class="version">{esc(info.get("version", ""))}</span></h1>'
        f'<p class="lead">{inline(info.get("summary", ""))}</p>'
        f"{paragraphs(info.get('description'))}"
        f"<h2>Servers</h2>{table(('Base URL', 'Description'), servers)}"
        f"<h2>Authentication</h2>{table(('Scheme', 'Type', 'Description'), auth)}</section>"
    )


def _tag_section(spec: dict[str, Any], tag: dict[str, Any], ops: list[Operation]) -> str:
    articles = "".join(_operation(spec, *op) for op in ops)
    return (
        f'<section id="tag-{esc(tag["name"])}"><h2 class="tag">{_title(tag["name"])}</h2>'
        f"{paragraphs(tag.get('description'))}{articles}</section>"
    )


def _operation(
    spec: dict[str, Any], method: str, path: str, op: dict[str, Any], shared: list[Any]
) -> str:
    op_id = str(op.get("operationId", f"{method}-{path}"))
    anonymous = op.get("security") == []
    badge = '<span class="badge">anonymous</span>' if anonymous else ""
    params = [resolve(spec, p) for p in [*shared, *as_list(op.get("parameters"))]]
    return (
        f'<article class="op" id="op-{esc(op_id)}"><h3><span class="m m-{esc(method)}">'
        f'{esc(method.upper())}</span> <code class="path">{esc(path)}</code></h3>'
        f'<p class="summary">{inline(op.get("summary", ""))}{badge}</p>'
        f'<p class="opid">operationId <code>{esc(op_id)}</code></p>'
        f"{paragraphs(op.get('description'))}{_parameters(spec, params)}"
        f"{_request_body(spec, op.get('requestBody'))}{_responses(spec, op.get('responses'))}"
        "</article>"
    )


def _parameters(spec: dict[str, Any], params: list[Any]) -> str:
    rows = "".join(
        f"<tr><td><code>{esc(p.get('name', ''))}</code></td><td>{esc(p.get('in', ''))}</td>"
        f"<td>{type_cell(spec, p.get('schema', {}))}</td><td>{required(p.get('required'))}</td>"
        f"<td>{describe(spec, p.get('schema', {}), p.get('description'))}</td></tr>"
        for p in params
        if isinstance(p, dict)
    )
    if not rows:
        return ""
    return "<h4>Parameters</h4>" + table(("Name", "In", "Type", "Required", "Description"), rows)


def _request_body(spec: dict[str, Any], body: Any) -> str:
    body = resolve(spec, body)
    if not isinstance(body, dict) or not body:
        return ""
    parts = ["<h4>Request body", " (required)" if body.get("required") else "", "</h4>"]
    for media, content in as_dict(body.get("content")).items():
        schema = as_dict(content).get("schema", {})
        parts.append(
            f'<p class="media"><code>{esc(media)}</code> {type_cell(spec, schema)}</p>'
            f"{paragraphs(as_dict(resolve(spec, schema)).get('description'))}"
            f"{fields(spec, schema)}{example_block(spec, content, 'Example request')}"
        )
    return "".join(parts)


def _responses(spec: dict[str, Any], responses: Any) -> str:
    rows = []
    for status, raw in as_dict(responses).items():
        response = resolve(spec, raw)
        if not isinstance(response, dict):
            continue
        bodies = ", ".join(
            type_cell(spec, as_dict(c).get("schema", {}))
            for c in as_dict(response.get("content")).values()
        )
        headers = ", ".join(f"<code>{esc(h)}</code>" for h in as_dict(response.get("headers")))
        rows.append(
            f'<tr><td><span class="status s{esc(str(status)[:1])}">{esc(status)}</span></td>'
            f"<td>{inline(response.get('description', ''))}</td><td>{bodies}</td>"
            f"<td>{headers}</td></tr>"
        )
    if not rows:
        return ""
    success: Any = next(
        (resolve(spec, r) for code, r in as_dict(responses).items() if str(code).startswith("2")),
        {},
    )
    examples = "".join(
        example_block(spec, c, "Example response")
        for c in as_dict(as_dict(success).get("content")).values()
    )
    heads = ("Status", "Description", "Body", "Headers")
    return "<h4>Responses</h4>" + table(heads, "".join(rows)) + examples


def _webhooks_section(spec: dict[str, Any]) -> str:
    articles = []
    for name, item in as_dict(spec.get("webhooks")).items():
        for method in HTTP_METHODS:
            op = as_dict(resolve(spec, item)).get(method)
            if isinstance(op, dict):
                op = {**op, "summary": f"{name}: {op.get('summary', '')}"}
                articles.append(_operation(spec, method, str(name), op, []))
    intro = (
        "<p>Each event is POSTed as JSON to every enabled endpoint subscribed to its type (or "
        "<code>*</code>), in the Standard Webhooks format.</p>"
    )
    return (
        f'<section id="webhooks"><h2 class="tag">Webhooks</h2>{intro}{"".join(articles)}</section>'
    )


def _schemas_section(spec: dict[str, Any]) -> str:
    schemas = as_dict(as_dict(spec.get("components")).get("schemas"))
    articles = []
    for name, schema in schemas.items():
        node = resolve(spec, schema)
        if not isinstance(node, dict):
            continue
        notes = constraints(spec, node)
        summary = esc(type_label(spec, node)) + (f" - {esc('; '.join(notes))}" if notes else "")
        articles.append(
            f'<article class="schema" id="schema-{esc(name)}"><h3>{esc(name)}</h3>'
            f'<p class="media">{summary}</p>'
            f"{paragraphs(node.get('description'))}{fields(spec, node)}</article>"
        )
    return f'<section id="schemas"><h2 class="tag">Schemas</h2>{"".join(articles)}</section>'


def _title(tag_name: object) -> str:
    return esc(str(tag_name).replace("_", " "))


def _first_tag(op: dict[str, Any]) -> str:
    tags = as_list(op.get("tags"))
    return str(tags[0]) if tags else "other"
