"""A small items API and a head with one change of each kind an SDK shows: a required field
added to an inline body, an operationId renamed (its inline enum too), a path parameter
renamed, a response field retyped, a query parameter removed from a paged list, an operation
moved to another tag."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

BASE: dict[str, Any] = yaml.safe_load(
    """
openapi: 3.1.0
info: {title: Items, version: 1.0.0}
paths:
  /items:
    get:
      operationId: listItems
      tags: [items]
      parameters:
        - {name: status, in: query, schema: {type: string, enum: [open, closed]}}
        - {name: created_after, in: query, schema: {type: string, format: date-time}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ItemList'}
    post:
      operationId: createItem
      tags: [items]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                note: {type: string}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /items/{id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /labels:
    get:
      operationId: listLabels
      tags: [items]
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {type: array, items: {type: string}}
components:
  schemas:
    Item:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
        size: {type: integer}
    ItemList:
      type: object
      required: [data, has_more, next_cursor]
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Item'}}
        has_more: {type: boolean}
        next_cursor: {type: [string, 'null']}
"""
)


def head() -> dict[str, Any]:
    """BASE with the changes listed in the module docstring."""
    spec = copy.deepcopy(BASE)
    paths = spec["paths"]
    paths["/items"]["post"]["requestBody"]["content"]["application/json"]["schema"]["required"] = [
        "name",
        "note",
    ]
    listing = paths["/items"]["get"]
    listing["operationId"] = "listAllItems"
    listing["parameters"] = [p for p in listing["parameters"] if p["name"] != "created_after"]
    item = paths.pop("/items/{id}")
    item["get"]["parameters"][0]["name"] = "item_id"
    paths["/items/{item_id}"] = item
    spec["components"]["schemas"]["Item"]["properties"]["size"] = {"type": "string"}
    paths["/labels"]["get"]["tags"] = ["labels"]
    return spec


def write(folder: Path) -> tuple[str, str]:
    """base.yaml and head.yaml in ``folder``."""
    (folder / "base.yaml").write_text(yaml.safe_dump(BASE, sort_keys=False))
    (folder / "head.yaml").write_text(yaml.safe_dump(head(), sort_keys=False))
    return "base.yaml", "head.yaml"
