"""A synthetic pair of large specs for the spec-diff benchmark: ``operations`` operations over
resources shaped like openapi.yaml's (list, create, get, update; shared components, error
responses, enums), and a head with about 5% of them changed: breaking, warnings and additions.
"""

from __future__ import annotations

import copy
from typing import Any

ERRORS = ("400", "401", "404", "429", "500")


def _resource(i: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The paths and component schemas of resource number ``i`` (four operations)."""
    ref = {"$ref": f"#/components/schemas/Item{i}"}
    errors = {status: {"$ref": "#/components/responses/Error"} for status in ERRORS}
    envelope = {"type": "object", "required": ["data"], "properties": {"data": ref}}
    paths = {
        f"/items{i}": {
            "get": {
                "operationId": f"listItems{i}",
                "tags": [f"items{i}"],
                "parameters": [
                    {"$ref": "#/components/parameters/Limit"},
                    {
                        "name": "status",
                        "in": "query",
                        "schema": {"$ref": "#/components/schemas/Status"},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["data", "has_more"],
                                    "properties": {
                                        "data": {"type": "array", "items": ref},
                                        "has_more": {"type": "boolean"},
                                    },
                                }
                            }
                        },
                    },
                    **errors,
                },
            },
            "post": {
                "operationId": f"createItem{i}",
                "tags": [f"items{i}"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/CreateItem{i}Request"}
                        }
                    },
                },
                "responses": {
                    "201": {
                        "description": "created",
                        "content": {"application/json": {"schema": envelope}},
                    },
                    **errors,
                },
            },
        },
        f"/items{i}/{{item_id}}": {
            "parameters": [
                {
                    "name": "item_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string", "pattern": "^it_[a-z0-9]+$"},
                }
            ],
            "get": {
                "operationId": f"getItem{i}",
                "tags": [f"items{i}"],
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": envelope}},
                    },
                    **errors,
                },
            },
            "patch": {
                "operationId": f"updateItem{i}",
                "tags": [f"items{i}"],
                "requestBody": {
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "additionalProperties": False,
                                "properties": {
                                    "name": {"type": "string", "maxLength": 100},
                                    "tags": {"type": "array", "items": {"type": "string"}},
                                },
                            }
                        }
                    }
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {"application/json": {"schema": envelope}},
                    },
                    **errors,
                },
            },
        },
    }
    schemas = {
        f"Item{i}": {
            "type": "object",
            "required": ["id", "name", "status", "amount", "created_at"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string", "maxLength": 100},
                "status": {"$ref": "#/components/schemas/Status"},
                "amount": {"type": "integer", "minimum": 0},
                "note": {"type": ["string", "null"]},
                "created_at": {"type": "string", "format": "date-time"},
                "owner": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string"},
                        "email": {"type": "string", "format": "email"},
                    },
                },
            },
        },
        f"CreateItem{i}Request": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "amount"],
            "properties": {
                "name": {"type": "string", "minLength": 1, "maxLength": 100},
                "amount": {"type": "integer", "minimum": 1, "maximum": 1000000},
                "status": {"$ref": "#/components/schemas/Status"},
            },
        },
    }
    return paths, schemas


def synthetic_spec(operations: int) -> dict[str, Any]:
    """A valid OpenAPI 3.1 document with ``operations`` operations (a multiple of 4)."""
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "Synthetic", "version": "1.0.0"},
        "paths": {},
        "components": {
            "schemas": {"Status": {"type": "string", "enum": ["new", "active", "closed"]}},
            "parameters": {
                "Limit": {
                    "name": "limit",
                    "in": "query",
                    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
                }
            },
            "responses": {
                "Error": {
                    "description": "error",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["code"],
                                "properties": {
                                    "code": {
                                        "type": "string",
                                        "enum": [
                                            "INVALID",
                                            "AUTH",
                                            "NOT_FOUND",
                                            "LIMITED",
                                            "INTERNAL",
                                        ],
                                    }
                                },
                            }
                        }
                    },
                },
            },
        },
    }
    for i in range(operations // 4):
        paths, schemas = _resource(i)
        doc["paths"].update(paths)
        doc["components"]["schemas"].update(schemas)
    return doc


def changed(doc: dict[str, Any], every: int = 20) -> dict[str, Any]:
    """A copy of ``doc`` with one change in every ``every`` resources, cycling through kinds."""
    head = copy.deepcopy(doc)
    head["info"]["version"] = "2.0.0"
    schemas = head["components"]["schemas"]
    resources = len([name for name in schemas if name.startswith("Item")])
    for number, i in enumerate(range(0, resources, every)):
        kind = number % 6
        if kind == 0:
            schemas[f"Item{i}"]["required"].remove("created_at")
        elif kind == 1:
            del head["paths"][f"/items{i}/{{item_id}}"]["patch"]
        elif kind == 2:
            schemas[f"CreateItem{i}Request"]["required"].append("status")
        elif kind == 3:
            schemas[f"CreateItem{i}Request"]["properties"]["name"]["maxLength"] = 50
        elif kind == 4:
            head["paths"][f"/items{i}"]["get"]["parameters"].append(
                {"name": "since", "in": "query", "required": True, "schema": {"type": "string"}}
            )
        else:
            schemas[f"Item{i}"]["properties"]["rank"] = {"type": "integer"}
    schemas["Status"]["enum"].append("archived")
    return head
