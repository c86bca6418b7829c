"""A small spec pair with one breaking change, one warning and one addition, on disk."""

from __future__ import annotations

from pathlib import Path

BASE = """openapi: 3.1.0
info: {title: Items, version: 1.0.0}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item:
      type: object
      required: [id, kind]
      properties:
        id: {type: string}
        kind: {type: string, enum: [a, b]}
"""
HEAD = (
    BASE.replace("required: [id, kind]", "required: [kind]")
    .replace("enum: [a, b]", "enum: [a, b, c]")
    .replace("paths:\n", "paths:\n  /items:\n    post:\n      operationId: createItem\n"
             "      tags: [items]\n      responses:\n        '201': {description: created}\n")
)  # fmt: skip


def write_pair(folder: Path, head_version: str = "1.0.0") -> tuple[str, str]:
    """base.yaml and head.yaml in ``folder``; returns their names."""
    (folder / "base.yaml").write_text(BASE)
    (folder / "head.yaml").write_text(HEAD.replace("version: 1.0.0", f"version: {head_version}"))
    return "base.yaml", "head.yaml"
